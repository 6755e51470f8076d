"""The voter-petitions sheet: a petition registered on the day received (``records.petition_register``),
grouped under a session (collected before or after it: the session of this import, or one already in the
product in the term covering the day received), sent to its answering agency (``petitions.petition_assign``; an
agency not yet in the council's list is added to it) and answered with the agency's text, date and document
(``petitions.petition_answer``). A row without an agency moves step by step to its status on the update date,
as before agencies existed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from activity import errors
from activity.models import (
    ANSWERED_STATUSES,
    AnsweringAgency,
    AuthorityLevel,
    PetitionField,
    PetitionStatus,
    SessionPhase,
    VoterPetition,
)
from activity.services import records
from activity.services.backfill.common import Sheet, Values, YearImport, value_text
from activity.services.petitions import agency_save, petition_answer, petition_assign
from core.errors import ServiceError
from sessions_app.imports import Column, value_choice, value_int, value_required
from sessions_app.models import Session
from sessions_app.text import text_fold

P_CONTENT = Column("content", "Nội dung kiến nghị", required=True)
P_FIELD = Column("field", "Lĩnh vực")
P_AUTHORITY = Column("authority", "Thẩm quyền giải quyết", required=True)
P_RECEIVED = Column("received_on", "Ngày tiếp nhận", required=True)
P_STATUS = Column("status", "Tình trạng")
P_CHANGED = Column("changed_on", "Ngày cập nhật tình trạng")
P_RESPONSE = Column("response", "Kết quả trả lời, giải quyết")
P_SESSION = Column("session", "Kỳ họp thứ")
P_PHASE = Column("session_phase", "Thời điểm tiếp xúc")
P_AGENCY = Column("agency", "Cơ quan trả lời")
P_ASSIGNED = Column("assigned_on", "Ngày chuyển cơ quan trả lời")
P_DOCUMENT = Column("answer_document", "Văn bản trả lời")
PETITION_COLUMNS = [P_CONTENT, P_FIELD, P_AUTHORITY, P_RECEIVED, P_STATUS, P_CHANGED, P_RESPONSE]
PETITION_COLUMNS += [P_SESSION, P_PHASE, P_AGENCY, P_ASSIGNED, P_DOCUMENT]

PETITION_FIELDS = {str(label): value for value, label in PetitionField.choices}
AUTHORITIES = {str(label): value for value, label in AuthorityLevel.choices}
PETITION_STATUSES = {str(label): value for value, label in PetitionStatus.choices}
PETITION_STATUSES["Đã giải trình"] = PetitionStatus.EXPLAINED
PHASES = {str(label): value for value, label in SessionPhase.choices}
PHASES |= {"Trước": SessionPhase.BEFORE, "Sau": SessionPhase.AFTER}


def _session(year: YearImport, values: Values, received: dt.date) -> Session | None:
    number = value_int(values, P_SESSION, low=1, high=999)
    if number is None:
        return None
    if number in year.sessions:
        return year.sessions[number]
    session = Session.objects.filter(council=year.council, term=year.term(received), number=number).first()
    if session is None:
        raise ServiceError(errors.BACKFILL_SESSION_NOT_FOUND, number=number, date=received.strftime("%d/%m/%Y"))
    return session


def _agency(year: YearImport, values: Values) -> AnsweringAgency | None:
    """The council's agency of that name or short name; one not in the list yet is added to it."""
    raw = value_text(values, P_AGENCY, 200)
    if not raw:
        return None
    if "agencies" not in year.cache:
        agencies: dict[str, AnsweringAgency] = {}
        for agency in AnsweringAgency.objects.filter(council=year.council):
            agencies.setdefault(text_fold(agency.name), agency)
            if agency.short_name:
                agencies.setdefault(text_fold(agency.short_name), agency)
        year.cache["agencies"] = agencies
    found = year.cache["agencies"].get(text_fold(raw))
    if found is None:
        found = agency_save(actor=year.actor, council=year.council, name=raw)
        year.cache["agencies"][text_fold(raw)] = found
    return found


def _steps(year: YearImport, petition: VoterPetition, status: str, on: dt.date, response: str) -> VoterPetition:
    """Without an agency: received → in progress → resolved or explained, on the update date."""
    steps = {
        PetitionStatus.RECEIVED: [],
        PetitionStatus.IN_PROGRESS: [PetitionStatus.IN_PROGRESS],
        PetitionStatus.RESOLVED: [PetitionStatus.IN_PROGRESS, PetitionStatus.RESOLVED],
        PetitionStatus.EXPLAINED: [PetitionStatus.IN_PROGRESS, PetitionStatus.EXPLAINED],
    }[PetitionStatus(status)]
    for step in steps:
        petition = records.petition_status_set(
            actor=year.actor, petition=petition, status=step, on=on, response=response if step == status else ""
        )
    return petition


def petition_write(year: YearImport, values: Values) -> dict[str, Any]:
    received = year.date(values, P_RECEIVED)
    assert received is not None
    status = value_choice(values, P_STATUS, PETITION_STATUSES)
    agency = _agency(year, values)
    if agency is not None and status == PetitionStatus.RECEIVED:
        raise ServiceError(errors.BACKFILL_PETITION_STATUS_AGENCY)
    document = value_text(values, P_DOCUMENT, 200)
    if document and status not in ANSWERED_STATUSES:
        raise ServiceError(errors.BACKFILL_PETITION_NOT_ANSWERED)
    assigned = year.date(values, P_ASSIGNED, later=True)
    if assigned is not None and agency is None:
        value_required(values, P_AGENCY)  # a date of sending needs the agency it was sent to
    changed = year.date(values, P_CHANGED, later=True)
    response = values.get(P_RESPONSE.key, "")
    petition = records.petition_register(
        actor=year.actor,
        council=year.council,
        content=value_required(values, P_CONTENT),
        field=value_choice(values, P_FIELD, PETITION_FIELDS) or PetitionField.OTHER,
        authority_level=value_choice(values, P_AUTHORITY, AUTHORITIES) or AuthorityLevel.COMMUNE,
        received_on=received,
        session=_session(year, values, received),
        session_phase=value_choice(values, P_PHASE, PHASES) or "",
    )
    if agency is None:
        petition = _steps(year, petition, status or PetitionStatus.RECEIVED, changed or received, response)
    else:
        petition = petition_assign(actor=year.actor, petition=petition, agency=agency, on=assigned or received)
        if status in ANSWERED_STATUSES:
            petition = petition_answer(
                actor=year.actor,
                petition=petition,
                status=status,
                answered_on=changed or petition.assigned_on,
                answer=response,
                answer_document=document,
            )
    return {
        "petition": petition.pk,
        "code": petition.code,
        "status": petition.status,
        "session": petition.session_id,
        "agency": petition.agency_id,
    }


PETITIONS = Sheet("petitions", "Kiến nghị cử tri", PETITION_COLUMNS, petition_write)
