"""Signing actions of the secretariat (POST) and the signed files (a published resolution's for everyone)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from documents import services
from documents.models import SignedDocument, SignedKind
from sessions_app.models import Session
from sessions_app.permissions import can_manage_council
from sessions_app.views_common import service_page
from voting.models import Resolution, ResolutionStatus


@require_POST
@login_required
@service_page
def resolution_sign(request: HttpRequest, resolution_id: int) -> HttpResponse:
    resolution = get_object_or_404(
        Resolution.objects.select_related("session__council", "session__term"), pk=resolution_id
    )
    services.resolution_sign(actor=request.user, resolution=resolution)
    if resolution.status == ResolutionStatus.PUBLISHED:
        return redirect("public-resolution", resolution.pk)
    return redirect("console", resolution.session_id)


@require_POST
@login_required
@service_page
def minutes_sign(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("council", "term"), pk=session_id)
    services.minutes_sign(actor=request.user, session=session)
    return redirect("print-minutes", session.pk)


def signed_pdf(request: HttpRequest, signed_id: int) -> HttpResponse:
    record = get_object_or_404(SignedDocument, pk=signed_id)
    public = (
        record.kind == SignedKind.RESOLUTION
        and Resolution.objects.filter(pk=record.object_id, status=ResolutionStatus.PUBLISHED).exists()
    )
    if not public and not can_manage_council(request.user, record.council_id):
        raise Http404
    response = FileResponse(
        record.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=record.file.name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
