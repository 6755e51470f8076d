"""Writes on activity records (supervision, surveys, citizen reception, voter meetings, petitions, good
practices, evidence). Each validates against the council it belongs to, runs in one transaction and is
audited. Only the council's own secretariat or chair (or an administrator) enters them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.core.files.base import File
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy

from activity import errors
from activity.models import (
    ANSWERED_STATUSES,
    PETITION_NEXT,
    AnsweringAgency,
    CitizenReception,
    Evidence,
    GoodPractice,
    PetitionStatus,
    ReceptionKind,
    SessionPhase,
    SheetStatus,
    SupervisionMission,
    Survey,
    VoterMeeting,
    VoterPetition,
)
from agenda.models import DocumentVersion
from core.audit import audit_record
from core.errors import COUNCIL_FORBIDDEN, REQUEST_INVALID, ServiceError
from core.uploads import upload_sniff
from sessions_app.models import Committee, Council, DelegateGroup, Person, Session
from sessions_app.permissions import delegate_membership, require_manage
from sessions_app.text import text_fold


def _check_committee(council: Council, committee: Committee | None) -> None:
    if committee is not None and committee.council_id != council.pk:
        raise ServiceError(errors.RECORD_COMMITTEE_MISMATCH)


def _check_group(council: Council, group: DelegateGroup | None) -> None:
    if group is not None and group.council_id != council.pk:
        raise ServiceError(errors.RECORD_GROUP_MISMATCH)


def _check_delegates(council: Council, delegates: Iterable[Person], on: dt.date) -> list[Person]:
    people = list(delegates)
    for person in people:
        if delegate_membership(person_id=person.pk, council=council, on=on) is None:
            raise ServiceError(errors.RECORD_NOT_DELEGATE, name=person.full_name, date=on.strftime("%d/%m/%Y"))
    return people


def _save(
    *,
    actor: Any,
    model: type[models.Model],
    instance: models.Model | None,
    council: Council,
    fields: dict[str, Any],
    delegates: list[Person] | None,
    action: str,
) -> Any:
    """Create or update one record with its participants, and audit it (inside the caller's checks)."""
    if instance is not None and instance.council_id != council.pk:
        raise ServiceError(COUNCIL_FORBIDDEN)  # the actor's rights were checked on ``council``, not the record's
    with transaction.atomic():
        if instance is None:
            instance = model.objects.create(council=council, **fields)
        else:
            instance = model.objects.select_for_update().get(pk=instance.pk)
            for name, value in fields.items():
                setattr(instance, name, value)
            instance.save()
        if delegates is not None:
            instance.delegates.set(delegates)
        audit_record(
            actor=actor,
            action=action,
            object_type=model._meta.model_name,
            object_id=instance.pk,
            council_id=council.pk,
            data={
                **{k: (v.pk if isinstance(v, models.Model) else v) for k, v in fields.items()},
                **({"delegates": [p.pk for p in delegates]} if delegates is not None else {}),
            },
        )
    return instance


def supervision_save(
    *,
    actor: Any,
    council: Council,
    title: str,
    start_date: dt.date,
    end_date: dt.date,
    committee: Committee | None = None,
    field: str = "",
    report_due: dt.date | None = None,
    report_submitted_on: dt.date | None = None,
    conclusion: str = "",
    delegates: Iterable[Person] = (),
    instance: SupervisionMission | None = None,
) -> SupervisionMission:
    """Record (or correct) a thematic supervision mission."""
    require_manage(actor, council)
    if end_date < start_date or (report_due is not None and report_due < start_date):
        raise ServiceError(errors.RECORD_DATES_INVALID)
    _check_committee(council, committee)
    people = _check_delegates(council, delegates, start_date)
    fields = {
        "title": title.strip(),
        "start_date": start_date,
        "end_date": end_date,
        "committee": committee,
        "field": field.strip(),
        "report_due": report_due,
        "report_submitted_on": report_submitted_on,
        "conclusion": conclusion.strip(),
    }
    return _save(
        actor=actor,
        model=SupervisionMission,
        instance=instance,
        council=council,
        fields=fields,
        delegates=people,
        action="supervision.save",
    )


def survey_save(
    *,
    actor: Any,
    council: Council,
    title: str,
    date: dt.date,
    committee: Committee | None = None,
    place: str = "",
    delegates: Iterable[Person] = (),
    instance: Survey | None = None,
) -> Survey:
    require_manage(actor, council)
    _check_committee(council, committee)
    people = _check_delegates(council, delegates, date)
    fields = {"title": title.strip(), "date": date, "committee": committee, "place": place.strip()}
    return _save(
        actor=actor,
        model=Survey,
        instance=instance,
        council=council,
        fields=fields,
        delegates=people,
        action="survey.save",
    )


def citizen_reception_save(
    *,
    actor: Any,
    council: Council,
    date: dt.date,
    citizens_received: int,
    petitions_received: int = 0,
    place: str = "",
    note: str = "",
    delegates: Iterable[Person] = (),
    instance: CitizenReception | None = None,
    kind: str = ReceptionKind.PERIODIC,
    opinions_received: int = 0,
) -> CitizenReception:
    require_manage(actor, council)
    if kind not in ReceptionKind.values:
        raise ServiceError(REQUEST_INVALID, details={"kind": kind})
    people = _check_delegates(council, delegates, date)
    fields = {
        "date": date,
        "kind": kind,
        "citizens_received": citizens_received,
        "opinions_received": opinions_received,
        "petitions_received": petitions_received,
        "place": place.strip(),
        "note": note.strip(),
    }
    return _save(
        actor=actor,
        model=CitizenReception,
        instance=instance,
        council=council,
        fields=fields,
        delegates=people,
        action="citizen_reception.save",
    )


def voter_meeting_save(
    *,
    actor: Any,
    council: Council,
    date: dt.date,
    voters_attending: int,
    group: DelegateGroup | None = None,
    petitions_raised: int = 0,
    place: str = "",
    delegates: Iterable[Person] = (),
    instance: VoterMeeting | None = None,
) -> VoterMeeting:
    require_manage(actor, council)
    _check_group(council, group)
    people = _check_delegates(council, delegates, date)
    fields = {
        "date": date,
        "voters_attending": voters_attending,
        "group": group,
        "petitions_raised": petitions_raised,
        "place": place.strip(),
    }
    return _save(
        actor=actor,
        model=VoterMeeting,
        instance=instance,
        council=council,
        fields=fields,
        delegates=people,
        action="voter_meeting.save",
    )


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
        Council.objects.select_for_update().filter(pk=council.pk).first()  # one numbering at a time per council
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
        petition = _save(
            actor=actor,
            model=VoterPetition,
            instance=None,
            council=council,
            fields=fields,
            delegates=None,
            action="petition.register",
        )
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
        petition = VoterPetition.objects.select_for_update().get(pk=petition.pk)
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


def good_practice_save(
    *,
    actor: Any,
    council: Council,
    title: str,
    description: str,
    recognized_on: dt.date,
    instance: GoodPractice | None = None,
) -> GoodPractice:
    require_manage(actor, council)
    fields = {"title": title.strip(), "description": description.strip(), "recognized_on": recognized_on}
    return _save(
        actor=actor,
        model=GoodPractice,
        instance=instance,
        council=council,
        fields=fields,
        delegates=None,
        action="good_practice.save",
    )


def evidence_upload(
    *,
    actor: Any,
    council: Council,
    title: str,
    stream: IO[bytes],
    size: int,
    original_name: str = "",
    good_practice: GoodPractice | None = None,
) -> Evidence:
    """An evidence file (PDF, DOCX, XLSX, PNG, JPEG), recognised by its content, within the upload limit."""
    require_manage(actor, council)
    if good_practice is not None and good_practice.council_id != council.pk:
        raise ServiceError(errors.RECORD_GOOD_PRACTICE_MISMATCH)
    sniffed = upload_sniff(stream, size=size)
    with transaction.atomic():
        evidence = Evidence(
            council=council,
            good_practice=good_practice,
            title=title.strip() or original_name[:300],
            content_type=sniffed.content_type,
            size=sniffed.size,
            sha256=sniffed.sha256,
            original_name=original_name[:255],
            uploaded_at=timezone.now(),
            uploaded_by=actor,
        )
        evidence.file.save(
            f"{sniffed.sha256[:16]}{DocumentVersion.EXTENSIONS.get(sniffed.content_type, '')}", File(stream), save=False
        )
        evidence.save()
        audit_record(
            actor=actor,
            action="evidence.upload",
            object_type="evidence",
            object_id=evidence.pk,
            council_id=council.pk,
            data={"title": evidence.title, "sha256": sniffed.sha256, "size": sniffed.size},
        )
    return evidence


def record_delete(*, actor: Any, record: models.Model) -> None:
    """Remove an activity record entered by mistake (its evidence goes with a good practice). A voter meeting
    that petitions refer to, or evidence behind the points of a locked score sheet, stays."""
    require_manage(actor, record.council_id)
    evidence = (
        Evidence.objects.filter(pk=record.pk)
        if isinstance(record, Evidence)
        else (
            Evidence.objects.filter(good_practice=record)
            if isinstance(record, GoodPractice)
            else Evidence.objects.none()
        )
    )
    if evidence.filter(entries__target__sheet__status__in=[SheetStatus.LOCKED, SheetStatus.PUBLISHED]).exists():
        raise ServiceError(errors.RECORD_IN_USE)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=f"{record._meta.model_name}.delete",
            object_type=record._meta.model_name,
            object_id=record.pk,
            council_id=record.council_id,
            data={"label": str(record)[:200]},
        )
        try:
            record.delete()
        except models.ProtectedError:
            raise ServiceError(errors.RECORD_IN_USE) from None


# The kinds of activity record a secretariat keeps: per kind the model, the service that records one and
# the columns its list shows.
class RecordKind(models.TextChoices):
    SUPERVISION = "supervision", gettext_lazy("Giám sát chuyên đề")
    SURVEYS = "surveys", gettext_lazy("Khảo sát")
    RECEPTIONS = "receptions", gettext_lazy("Tiếp công dân")
    MEETINGS = "meetings", gettext_lazy("Tiếp xúc cử tri")
    PETITIONS = "petitions", gettext_lazy("Kiến nghị cử tri")
    PRACTICES = "practices", gettext_lazy("Mô hình, cách làm hay")


@dataclass(frozen=True)
class RecordKindSpec:
    model: type[models.Model]
    save: Callable[..., Any]
    columns: list[str]


PETITION_ORDER = [PetitionStatus.IN_PROGRESS, PetitionStatus.RESOLVED, PetitionStatus.EXPLAINED]
RECORD_KINDS: dict[str, RecordKindSpec] = {
    RecordKind.SUPERVISION: RecordKindSpec(
        SupervisionMission,
        supervision_save,
        ["title", "committee", "start_date", "end_date", "report_due", "report_submitted_on", "delegates"],
    ),
    RecordKind.SURVEYS: RecordKindSpec(Survey, survey_save, ["title", "committee", "date", "place", "delegates"]),
    RecordKind.RECEPTIONS: RecordKindSpec(
        CitizenReception,
        citizen_reception_save,
        ["kind", "date", "place", "citizens_received", "opinions_received", "petitions_received", "delegates"],
    ),
    RecordKind.MEETINGS: RecordKindSpec(
        VoterMeeting,
        voter_meeting_save,
        ["date", "group", "place", "voters_attending", "petitions_raised", "delegates"],
    ),
    RecordKind.PETITIONS: RecordKindSpec(
        VoterPetition,
        petition_register,
        ["content", "field", "authority_level", "received_on", "status", "status_changed_on"],
    ),
    RecordKind.PRACTICES: RecordKindSpec(GoodPractice, good_practice_save, ["title", "description", "recognized_on"]),
}
