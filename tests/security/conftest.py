"""The apps' shared fixtures (organisations, one user per role) for the cross-app tests."""

from servicepuls.conftest import (  # noqa: F401 - pytest finds fixtures by name
    _cache_cleared,
    admin_user,
    department_user,
    municipality_a,
    municipality_b,
    staff_user,
)
