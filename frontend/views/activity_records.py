"""The secretariat's activity records (supervision, surveys, citizen reception, voter meetings, petitions,
good practices): a list per kind with a form to add one, removal, a petition's next step, evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from activity.models import PETITION_NEXT, GoodPractice, PetitionStatus, VoterPetition
from activity.services import records
from activity.services.records import PETITION_ORDER, RECORD_KINDS, RecordKind
from core.errors import REQUEST_INVALID, ServiceError
from frontend import forms_activity as f
from frontend.views.activity_common import page_render
from sessions_app.models import Council, Person
from sessions_app.permissions import require_manage
from sessions_app.views_common import service_page

# Per kind, the form a secretariat fills in (the model, the service and the list's columns: ``RECORD_KINDS``).
RECORD_FORMS: dict[str, type[f.RecordForm]] = {
    RecordKind.SUPERVISION: f.SupervisionForm,
    RecordKind.SURVEYS: f.SurveyForm,
    RecordKind.RECEPTIONS: f.CitizenReceptionForm,
    RecordKind.MEETINGS: f.VoterMeetingForm,
    RecordKind.PETITIONS: f.PetitionForm,
    RecordKind.PRACTICES: f.GoodPracticeForm,
}


def _cell(*, record: models.Model, name: str) -> Any:
    field = record._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(p) for p in getattr(record, name).all())
    if field.choices:
        return getattr(record, f"get_{name}_display")()
    value = getattr(record, name)
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else ("" if value is None else value)


def _delegates_of(*, council: Council) -> QuerySet[Person]:
    """Everyone who holds or held a seat of the council (the service checks the seat on the record's date)."""
    return Person.objects.filter(memberships__council=council).distinct().order_by("full_name", "pk")


def _records_page(
    *,
    request: HttpRequest,
    council: Council,
    kind: str,
    form: f.RecordForm | None = None,
    error: ServiceError | None = None,
    error_at: str = "",
) -> HttpResponse:
    model, columns, form_class = RECORD_KINDS[kind].model, RECORD_KINDS[kind].columns, RECORD_FORMS[kind]
    rows = model.objects.filter(council=council)
    if kind == RecordKind.PRACTICES:
        rows = rows.prefetch_related("evidence")
    elif any(model._meta.get_field(name).many_to_many for name in columns):
        rows = rows.prefetch_related("delegates")
    context = {
        "council": council,
        "kind": kind,
        "kinds": RecordKind.choices,
        "kind_label": RecordKind(kind).label,
        "form": form or form_class(council=council, delegates=_delegates_of(council=council)),
        "heads": [model._meta.get_field(name).verbose_name for name in columns],
        "rows": [
            {
                "record": r,
                "cells": [_cell(record=r, name=name) for name in columns],
                "steps": [
                    (step, PetitionStatus(step).label)
                    for step in PETITION_ORDER
                    if step in PETITION_NEXT.get(getattr(r, "status", ""), set())
                ],
            }
            for r in rows
        ],
        "today": timezone.localdate(),
        "error_at": error_at,
    }
    return page_render(
        request=request,
        template="frontend/activity/records.html",
        context=context,
        error=error,
        invalid=bool(form and form.errors),
    )


def _council_for_manage(*, request: HttpRequest, council_id: int) -> Council:
    council = get_object_or_404(Council, pk=council_id)
    require_manage(request.user, council)
    return council


@login_required
@require_http_methods(["GET", "POST"])
@service_page
def council_records(request: HttpRequest, *, council_id: int, kind: str) -> HttpResponse:
    """GET: the council's records of one kind and a form to add one. POST: add it."""
    if kind not in RECORD_KINDS:
        raise Http404
    council = _council_for_manage(request=request, council_id=council_id)
    if request.method == "GET":
        return _records_page(request=request, council=council, kind=kind)
    form = RECORD_FORMS[kind](request.POST, council=council, delegates=_delegates_of(council=council))
    if not form.is_valid():
        return _records_page(request=request, council=council, kind=kind, form=form)
    try:
        RECORD_KINDS[kind].save(actor=request.user, council=council, **form.cleaned_data)
    except ServiceError as error:
        return _records_page(request=request, council=council, kind=kind, form=form, error=error, error_at="form")
    messages.success(request, _("Đã ghi nhận: %(kind)s.") % {"kind": RecordKind(kind).label})
    return redirect("activity-records", council_id=council.pk, kind=kind)


@login_required
@require_POST
@service_page
def record_remove(request: HttpRequest, *, kind: str, record_id: int) -> HttpResponse:
    if kind not in RECORD_KINDS:
        raise Http404
    record = get_object_or_404(RECORD_KINDS[kind].model, pk=record_id)
    council = _council_for_manage(request=request, council_id=record.council_id)
    try:
        records.record_delete(actor=request.user, record=record)
    except ServiceError as error:
        return _records_page(request=request, council=council, kind=kind, error=error, error_at="list")
    messages.success(request, _("Đã xóa: %(label)s.") % {"label": str(record)[:80]})
    return redirect("activity-records", council_id=council.pk, kind=kind)


@login_required
@require_POST
@service_page
def petition_step(request: HttpRequest, *, petition_id: int) -> HttpResponse:
    """Move a voter petition one step on (the service refuses a skipped step or a date going back)."""
    petition = get_object_or_404(VoterPetition.objects.select_related("council"), pk=petition_id)
    council = _council_for_manage(request=request, council_id=petition.council_id)
    form = f.PetitionStatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(REQUEST_INVALID)
        records.petition_status_set(actor=request.user, petition=petition, **form.cleaned_data)
    except ServiceError as error:
        return _records_page(request=request, council=council, kind=RecordKind.PETITIONS, error=error, error_at="list")
    messages.success(request, _("Đã cập nhật tình trạng kiến nghị."))
    return redirect(reverse("activity-records", args=[council.pk, RecordKind.PETITIONS]) + f"#petition-{petition.pk}")


@login_required
@require_POST
@service_page
def practice_evidence(request: HttpRequest, *, practice_id: int) -> HttpResponse:
    """Attach an evidence file to a good practice."""
    practice = get_object_or_404(GoodPractice.objects.select_related("council"), pk=practice_id)
    council = _council_for_manage(request=request, council_id=practice.council_id)
    form = f.EvidenceForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ServiceError(REQUEST_INVALID)
        upload = form.cleaned_data["file"]
        records.evidence_upload(
            actor=request.user,
            council=council,
            title=form.cleaned_data["title"],
            stream=upload,
            size=upload.size,
            original_name=upload.name,
            good_practice=practice,
        )
    except ServiceError as error:
        return _records_page(request=request, council=council, kind=RecordKind.PRACTICES, error=error, error_at="list")
    messages.success(request, _("Đã tải lên minh chứng."))
    return redirect(reverse("activity-records", args=[council.pk, RecordKind.PRACTICES]) + f"#practice-{practice.pk}")
