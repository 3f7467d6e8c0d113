from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from proof.ceiling.models import CeilingRow


@csrf_exempt
@login_not_required
@require_POST
def ceiling_insert_view(request: HttpRequest) -> HttpResponse:
    """Insert one row and answer 201: the upper bound for any submission on this stack."""
    CeilingRow.objects.create(payload=request.POST.get("payload", "")[:200])
    return HttpResponse(status=201)
