"""The console's voter-petition page (``/console/councils/<id>/petitions/``): the secretariat keeps the council's
answering agencies, registers petitions under the session they were collected for (before or after it), sends
each to the agency that answers it and records the answer (text, date, document). Per session, the reports'
sentence ("109/139 kiến nghị đã giải quyết, đạt 78,42%"). Plain forms; every rule in ``activity.services``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from activity.models import ANSWERED_STATUSES, AnsweringAgency, VoterPetition
from activity.selectors.petitions import council_petition_sessions, petition_summary
from activity.services import petitions as petition_services
from activity.services import records as record_services
from core.errors import ServiceError
from frontend import forms_setup as f
from frontend.views.activity_common import request_language
from frontend.views_setup import Handler, _dispatch, _render
from sessions_app.models import Council
from sessions_app.permissions import require_manage
from sessions_app.views_common import service_page

PER_PAGE = 50


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def council_petitions(request: HttpRequest, council_id: int) -> HttpResponse:
    council = get_object_or_404(Council, pk=council_id)
    require_manage(request.user, council)
    sessions = council_petition_sessions(council_id=council.pk)
    chosen = request.GET.get("session", "")
    session = next((r["session"] for r in sessions if r["session"] and str(r["session"].pk) == chosen), None)
    if session is None and chosen != "none":
        session = next((r["session"] for r in sessions if r["session"] and r["total"]), None)
    language = "en" if request_language().startswith("en") else "vi"
    here = reverse("console-petitions", args=[council.pk]) + (f"?session={session.pk}" if session else "?session=none")

    def page(
        *, forms: dict[str, Any] | None = None, error: ServiceError | None = None, error_at: str = ""
    ) -> HttpResponse:
        forms = forms or {}
        rows = VoterPetition.objects.filter(council=council, session=session).select_related("agency")
        listing = Paginator(rows.order_by("year", "number", "pk"), PER_PAGE).get_page(request.GET.get("page", "1")[:9])
        today = timezone.localdate()
        context = {
            "council": council,
            "session": session,
            "sessions": [{**r, "sentence": r["wording"][language]} for r in sessions],
            "summary": petition_summary(rows)["wording"][language],
            "agencies": AnsweringAgency.objects.filter(council=council).order_by("-active", "name"),
            "page": listing,
            "answered": ANSWERED_STATUSES,
            "assign_form": f.PetitionAssignForm(council=council, initial={"on": today}),
            "answer_form": f.PetitionAnswerForm(initial={"answered_on": today}),
            "agency_form": forms.get("agency") or f.AgencyForm(),
            "register_form": forms.get("register")
            or f.PetitionRegisterForm(
                council=council,
                initial={"session": session, "session_phase": "before" if session else "", "received_on": today},
            ),
            "failed_petition": request.POST.get("petition", "") if error_at in {"assign", "answer"} else "",
        }
        return _render(request, "frontend/setup/petitions.html", context, error=error, error_at=error_at)

    if request.method == "GET":
        return page()

    def petition_of(r: HttpRequest) -> VoterPetition:
        return get_object_or_404(VoterPetition, pk=r.POST.get("petition", "0"), council=council)

    actions: dict[str, tuple[Any, Handler, str]] = {
        "agency": (
            f.AgencyForm,
            lambda r, form: petition_services.agency_save(actor=r.user, council=council, **form.cleaned_data),
            _("Đã thêm cơ quan trả lời."),
        ),
        "register": (
            lambda *a: f.PetitionRegisterForm(*a, council=council),
            lambda r, form: record_services.petition_register(actor=r.user, council=council, **form.cleaned_data),
            _("Đã ghi nhận kiến nghị."),
        ),
        "assign": (
            lambda *a: f.PetitionAssignForm(*a, council=council),
            lambda r, form: petition_services.petition_assign(
                actor=r.user, petition=petition_of(r), **form.cleaned_data
            ),
            _("Đã chuyển kiến nghị cho cơ quan trả lời."),
        ),
        "answer": (
            f.PetitionAnswerForm,
            lambda r, form: petition_services.petition_answer(
                actor=r.user, petition=petition_of(r), **form.cleaned_data
            ),
            _("Đã ghi nhận kết quả trả lời."),
        ),
    }
    return _dispatch(request, actions=actions, page=page, done=here)
