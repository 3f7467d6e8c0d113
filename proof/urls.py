"""The product's URLs plus the ceiling views under ``/proof/ceiling/``, for the load test only."""

from __future__ import annotations

from django.urls import path

from config.urls import urlpatterns as product_urlpatterns
from proof.ceiling.views import ceiling_form_view, ceiling_insert_view

urlpatterns = [
    *product_urlpatterns,
    path("proof/ceiling/", ceiling_insert_view, name="proof_ceiling"),
    path("proof/ceiling/form/", ceiling_form_view, name="proof_ceiling_form"),
]
