"""Voter petitions after they are registered (``records.petition_register``): the council's answering agencies
(data), assigning a petition to the agency that answers it, and recording the answer (text, date, document)
as the petition's last step (resolved or explained). Each write validates, runs in one transaction and is
audited; a refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from activity import errors
from activity.models import ANSWERED_STATUSES, PETITION_NEXT, AnsweringAgency, PetitionStatus, VoterPetition
from activity.services.records import petition_search_text
from core.audit import audit_record
from core.errors import COUNCIL_FORBIDDEN, REQUEST_INVALID, ServiceError
from sessions_app.models import Council
from sessions_app.permissions import require_manage


def agency_save(
    *,
    actor: Any,
    council: Council,
    name: str,
    short_name: str = "",
    active: bool = True,
    instance: AnsweringAgency | None = None,
) -> AnsweringAgency:
    """Add (or rename, or stop using) an answering agency of the council."""
    require_manage(actor, council)
    if instance is not None and instance.council_id != council.pk:
        raise ServiceError(COUNCIL_FORBIDDEN)
    name = " ".join(name.split())
    if not name:
        raise ServiceError(REQUEST_INVALID, details={"name": "required"})
    clash = AnsweringAgency.objects.filter(council=council, name__iexact=name)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ServiceError(errors.AGENCY_NAME_TAKEN, name=name)
    try:
        with transaction.atomic():
            agency = instance or AnsweringAgency(council=council)
            agency.name, agency.short_name, agency.active = name, short_name.strip(), active
            agency.save()
            audit_record(
                actor=actor,
                action="answering_agency.save",
                object_type="answeringagency",
                object_id=agency.pk,
                council_id=council.pk,
                data={"name": name, "short_name": agency.short_name, "active": active},
            )
    except IntegrityError:
        raise ServiceError(errors.AGENCY_NAME_TAKEN, name=name) from None
    return agency


def petition_assign(*, actor: Any, petition: VoterPetition, agency: AnsweringAgency, on: dt.date) -> VoterPetition:
    """Send the petition to the agency that answers it (or to another one, while it is unanswered). A petition
    still "received" moves on to "in progress" the same day."""
    require_manage(actor, petition.council_id)
    if agency.council_id != petition.council_id or not agency.active:
        raise ServiceError(errors.PETITION_AGENCY_MISMATCH)
    with transaction.atomic():
        petition = VoterPetition.objects.select_for_update(no_key=True).get(pk=petition.pk)
        if petition.status in ANSWERED_STATUSES:
            raise ServiceError(errors.PETITION_ANSWERED)
        if on < petition.status_changed_on:
            raise ServiceError(errors.PETITION_DATE_INVALID)
        previous = petition.agency_id
        petition.agency, petition.assigned_on = agency, on
        if petition.status == PetitionStatus.RECEIVED:
            petition.status, petition.status_changed_on = PetitionStatus.IN_PROGRESS, on
        petition.search_text = petition_search_text(petition)
        petition.save(update_fields=["agency", "assigned_on", "status", "status_changed_on", "search_text"])
        audit_record(
            actor=actor,
            action="petition.assign",
            object_type="voterpetition",
            object_id=petition.pk,
            council_id=petition.council_id,
            data={"from": previous, "to": agency.pk, "on": on},
        )
    return petition


def petition_answer(
    *,
    actor: Any,
    petition: VoterPetition,
    status: str,
    answered_on: dt.date,
    answer: str,
    answer_document: str = "",
) -> VoterPetition:
    """Record the agency's answer: ``status`` resolved (đã giải quyết) or explained (đã giải trình, thông tin),
    the answer text, its date and the answering document ("Công văn số 123/UBND-TH"). The petition must be
    assigned and in progress."""
    require_manage(actor, petition.council_id)
    if status not in ANSWERED_STATUSES:
        raise ServiceError(REQUEST_INVALID, details={"status": status})
    if not answer.strip():
        raise ServiceError(errors.PETITION_ANSWER_REQUIRED)
    with transaction.atomic():
        petition = VoterPetition.objects.select_for_update(no_key=True).get(pk=petition.pk)
        if petition.agency_id is None:
            raise ServiceError(errors.PETITION_AGENCY_REQUIRED)
        if status not in PETITION_NEXT.get(petition.status, set()):
            raise ServiceError(
                errors.PETITION_STEP_INVALID,
                current=PetitionStatus(petition.status).label,
                target=PetitionStatus(status).label,
            )
        if answered_on < petition.status_changed_on or (petition.assigned_on and answered_on < petition.assigned_on):
            raise ServiceError(errors.PETITION_DATE_INVALID)
        petition.status, petition.status_changed_on, petition.answered_on = status, answered_on, answered_on
        petition.response, petition.answer_document = answer.strip(), " ".join(answer_document.split())[:200]
        petition.search_text = petition_search_text(petition)
        petition.save(
            update_fields=["status", "status_changed_on", "answered_on", "response", "answer_document", "search_text"]
        )
        audit_record(
            actor=actor,
            action="petition.answer",
            object_type="voterpetition",
            object_id=petition.pk,
            council_id=petition.council_id,
            data={"status": status, "on": answered_on, "document": petition.answer_document},
        )
    return petition
