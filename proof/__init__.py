"""Issue 9's proof harness: load, fault and hostile-input scenarios against the real stack.

Nothing here is imported by the product. ``proof.settings`` and ``proof.urls`` add the
"ceiling" view (a bare insert of one row) that the load test compares the product with;
``proof.stack`` starts gunicorn with PostgreSQL and Redis on loopback; ``proof.load``,
``proof.faults`` and ``proof.fuzz`` are the scenarios (``make proof`` runs them all).
"""
