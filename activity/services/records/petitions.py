"""Registering a voter petition (numbered in its council and year) and moving it one step of its answer. What
follows registration (answering agencies, assigning, the answer) is ``activity.services.petitions``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from activity import errors
from activity.models import (
    ANSWERED_STATUSES,
    PETITION_NEXT,
    AnsweringAgency,
    PetitionStatus,
    SessionPhase,
    VoterMeeting,
    VoterPetition,
)
from activity.services.records.common import record_save
from core.audit import audit_record
from core.errors import ServiceError
from sessions_app.models import Council, Session
from sessions_app.permissions import require_manage
from sessions_app.text import text_fold


def petition_search_text(petition: VoterPetition) -> str:
    """What the public lookup searches, folded once on write (so a search is one indexed-free ``LIKE`` per word
    in the database, never a scan in Python): the code, the content, the answer, its document, the agency."""
    agency = petition.agency.name if petition.agency_id and petition.agency else ""
    return text_fold(" ".join([petition.code, petition.content, petition.response, petition.answer_document, agency]))


def _petition_session_check(council: Council, session: Session | None, phase: str) -> None:
    if (session is None) != (not phase) or (session is not None and session.council_id != council.pk):
        raise ServiceError(errors.PETITION_SESSION_MISMATCH)
    if phase and phase not in SessionPhase.values:
        raise ServiceError(errors.PETITION_SESSION_MISMATCH)


def _agency_check(council: Council, agency: AnsweringAgency | None) -> None:
    if agency is not None and (agency.council_id != council.pk or not agency.active):
        raise ServiceError(errors.PETITION_AGENCY_MISMATCH)


def petition_register(
    *,
    actor: Any,
    council: Council,
    content: str,
    authority_level: str,
    received_on: dt.date,
    field: str = "other",
    meeting: VoterMeeting | None = None,
    session: Session | None = None,
    session_phase: str = "",
    agency: AnsweringAgency | None = None,
) -> VoterPetition:
    """A new voter petition, received on ``received_on``; it starts as received, with the next number of its
    council and year ("KN-2026-0012"), grouped under ``session`` (collected before or after it) and, when
    ``agency`` is given, already assigned to the agency that answers it (on the day received)."""
    require_manage(actor, council)
    if meeting is not None and meeting.council_id != council.pk:
        raise ServiceError(errors.RECORD_MEETING_MISMATCH)
    _petition_session_check(council, session, session_phase)
    _agency_check(council, agency)
    with transaction.atomic():
        Council.objects.select_for_update(no_key=True).filter(
            pk=council.pk
        ).first()  # one numbering at a time per council
        last = VoterPetition.objects.filter(council=council, year=received_on.year).aggregate(n=Max("number"))["n"]
        fields = {
            "content": content.strip(),
            "authority_level": authority_level,
            "received_on": received_on,
            "status_changed_on": received_on,
            "field": field,
            "meeting": meeting,
            "year": received_on.year,
            "number": (last or 0) + 1,
            "session": session,
            "session_phase": session_phase,
            "agency": agency,
            "assigned_on": received_on if agency is not None else None,
        }
        petition = record_save(actor, VoterPetition, "petition.register", council, None, fields)
        VoterPetition.objects.filter(pk=petition.pk).update(search_text=petition_search_text(petition))
    return petition


def petition_status_set(
    *,
    actor: Any,
    petition: VoterPetition,
    status: str,
    on: dt.date,
    response: str = "",
) -> VoterPetition:
    """Move a petition one step: received → in progress → resolved or explained."""
    require_manage(actor, petition.council_id)
    with transaction.atomic():
        petition = VoterPetition.objects.select_for_update(no_key=True).get(pk=petition.pk)
        if status not in PETITION_NEXT.get(petition.status, set()):
            raise ServiceError(
                errors.PETITION_STEP_INVALID,
                current=PetitionStatus(petition.status).label,
                target=PetitionStatus(status).label if status in PetitionStatus.values else status,
            )
        if on < petition.status_changed_on:
            raise ServiceError(errors.PETITION_DATE_INVALID)
        previous = petition.status
        petition.status, petition.status_changed_on = status, on
        if response.strip():
            petition.response = response.strip()
        if status in ANSWERED_STATUSES:
            petition.answered_on = on
        petition.search_text = petition_search_text(petition)
        petition.save(update_fields=["status", "status_changed_on", "response", "answered_on", "search_text"])
        audit_record(
            actor=actor,
            action="petition.status",
            object_type="voterpetition",
            object_id=petition.pk,
            council_id=petition.council_id,
            data={"from": previous, "to": status, "on": on},
        )
    return petition
