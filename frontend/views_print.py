"""Printable sheets for the secretariat: attendance list, vote results in the official wording, and a
draft of the sitting's minutes (biên bản). Plain pages styled for A4 paper."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from frontend.selectors import minutes_draft as minutes_draft_record
from frontend.selectors import session_poll_results
from sessions_app.models import Session, Sitting
from sessions_app.permissions import require_manage
from sessions_app.selectors import memberships_in_force, sitting_attendance_list, sitting_attendance_summary
from sessions_app.views_common import service_page


@login_required
@service_page
def attendance_sheet(request: HttpRequest, sitting_id: int) -> HttpResponse:
    sitting = get_object_or_404(Sitting.objects.select_related("session__council"), pk=sitting_id)
    require_manage(request.user, sitting.session.council_id)
    records = {a.person_id: a for a in sitting_attendance_list(sitting=sitting)}
    seats = (
        memberships_in_force(council_id=sitting.session.council_id, on=sitting.date)
        .select_related("person")
        .order_by("seat")
    )
    rows = [{"seat": m.seat, "person": m.person, "record": records.get(m.person_id)} for m in seats]
    return render(
        request,
        "frontend/print_attendance.html",
        {
            "sitting": sitting,
            "session": sitting.session,
            "rows": rows,
            "summary": sitting_attendance_summary(sitting=sitting),
            "printed_at": timezone.localtime(),
        },
    )


def _session_for_print(request: HttpRequest, session_id: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("council", "term"), pk=session_id)
    require_manage(request.user, session.council_id)
    return session


@login_required
@service_page
def results_sheet(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session_for_print(request, session_id)
    return render(
        request,
        "frontend/print_results.html",
        {
            "session": session,
            "polls": session_poll_results(session=session),
            "printed_at": timezone.localtime(),
        },
    )


@login_required
@service_page
def minutes_draft(request: HttpRequest, session_id: int) -> HttpResponse:
    # Secretariat and chair only (require_manage): the draft records closed-door sittings in full.
    session = _session_for_print(request, session_id)
    response = render(
        request,
        "frontend/print_minutes.html",
        {
            "session": session,
            **minutes_draft_record(session=session),
            "printed_at": timezone.localtime(),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
