"""Official documents to download, as DOCX (to finish in Word) or PDF (the same layout), behind the same
permissions as their print views: the secretariat and chair of the council; a published resolution for
everyone."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from documents.builders import count_record_document, minutes_document, resolution_document, results_document
from documents.docx import render_docx
from documents.form import OfficialDocument
from documents.pdf import render_pdf
from sessions_app.models import Session
from sessions_app.permissions import can_manage_council, require_manage
from sessions_app.views_common import service_page
from voting.models import Poll, PollMethod, PollStatus, Resolution, ResolutionStatus

FORMATS: dict[str, tuple[Callable[[OfficialDocument], bytes], str]] = {
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (render_pdf, "application/pdf"),
}


def document_response(doc: OfficialDocument, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    render, content_type = FORMATS[fmt]
    response = HttpResponse(render(doc), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{doc.filename}.{fmt}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _session(request: HttpRequest, session_id: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("council", "term"), pk=session_id)
    require_manage(request.user, session.council_id)
    return session


@login_required
@service_page
def minutes(request: HttpRequest, session_id: int, fmt: str) -> HttpResponse:
    return document_response(minutes_document(_session(request, session_id)), fmt)


@login_required
@service_page
def results(request: HttpRequest, session_id: int, fmt: str) -> HttpResponse:
    return document_response(results_document(_session(request, session_id)), fmt)


@login_required
@service_page
def count_record(request: HttpRequest, poll_id: int, fmt: str) -> HttpResponse:
    poll = get_object_or_404(Poll.objects.select_related("session__council", "session__term", "sitting"), pk=poll_id)
    require_manage(request.user, poll.council_id)
    if poll.method != PollMethod.SECRET or poll.status not in {PollStatus.CLOSED, PollStatus.PUBLISHED}:
        raise Http404
    return document_response(count_record_document(poll), fmt)


@service_page
def resolution(request: HttpRequest, resolution_id: int, fmt: str) -> HttpResponse:
    """A published resolution for everyone; an adopted or draft one for its council's secretariat and chair."""
    item = get_object_or_404(
        Resolution.objects.select_related("session__council", "session__term", "poll__sitting"), pk=resolution_id
    )
    if item.status != ResolutionStatus.PUBLISHED and not can_manage_council(request.user, item.council_id):
        raise Http404
    return document_response(resolution_document(item), fmt)
