from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from proof.ceiling.models import CeilingRow


def _insert(request: HttpRequest) -> None:
    CeilingRow.objects.create(payload=request.POST.get("payload", "")[:200])


@csrf_exempt
@login_not_required
@require_POST
def ceiling_insert_view(request: HttpRequest) -> HttpResponse:
    """Insert one row and answer 201: the upper bound for any submission on this stack."""
    _insert(request)
    return HttpResponse(status=201)


@login_not_required
@require_http_methods(["GET", "POST"])
def ceiling_form_view(request: HttpRequest) -> HttpResponse:
    """The same insert behind a form: GET renders it with a CSRF token, POST stores and redirects.

    The upper bound for a public form on this stack: a citizen's round trip (the page, then
    the CSRF-checked POST and its redirect) with nothing of the product's own work in it.
    """
    if request.method == "POST":
        _insert(request)
        return HttpResponseRedirect(request.path)
    return render(request, "ceiling/form.html")
