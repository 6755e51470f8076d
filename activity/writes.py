"""The activity app's REST writes, each declared once (``core.writes``): its input (``activity.serializers``), a
coarse permission checked before the input is read, the service and the reply (the REST body). Served over REST
by ``activity.api``; not socket commands (``socket=False``). The year import (``api_backfill``) is not declared here."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils import translation
from rest_framework import serializers

from activity import errors
from activity.models import AnsweringAgency, Criterion, Evidence, ScoreEntry, ScoreSheet, VoterPetition
from activity.selectors.emulation import criterion_table_row, sheet_table
from activity.serializers import emulation as es
from activity.serializers import petitions as ps
from activity.serializers import records as rs
from activity.services import emulation, records
from activity.services import petitions as petition_services
from core.errors import NOT_FOUND, REQUEST_INVALID, ServiceError
from core.writes import RowRef, Write
from sessions_app.permissions import require_manage, require_manage_some

# Permissions checked before the input (``core.writes``): the services check the same and more, fully.


def _secretariat(user: Any, scope: Any) -> None:
    """Creating: the council comes with the input, so only "a secretariat somewhere" is known beforehand."""
    require_manage_some(user)


def _manages(user: Any, row: Any) -> None:
    """A record, an evidence file or a score sheet: the secretariat or chair of its council."""
    require_manage(user, row.council_id)


def _manages_criterion(user: Any, criterion: Criterion) -> None:
    require_manage(user, criterion.sheet.council_id)


def _rest(name: str, input: Any, service: Any, reply: Any, **options: Any) -> Write:
    return Write(name, input, service, reply, socket=False, **options)


def _ref(model: type[Model], field: str) -> type[serializers.Serializer[Any]]:
    """The input of a write that needs nothing but the URL's object."""
    ref: type[serializers.Serializer[Any]] = type(
        f"{model.__name__}Ref", (serializers.Serializer,), {field: RowRef(model, scope=None), "__module__": __name__}
    )
    return ref


def _deleted(_: Any) -> None:
    return None  # a REST 204


# Activity records: the same three writes over each kind; the save services record and correct.


def record_writes(name: str, create: Any, update: Any, save: Any, output: Any) -> dict[str, Write]:
    """Record one, correct one (PATCH: the fields left out keep the record's values), delete one."""
    model = update._declared_fields["record"].model

    def reply(record: Model) -> dict[str, Any]:
        return dict(output(record).data)

    def correct(*, actor: Any, record: Any, **changes: Any) -> Any:
        current = {
            field: (list(record.delegates.all()) if field == "delegates" else getattr(record, field))
            for field in update().fields
            if field != "record" and field not in changes
        }
        return save(actor=actor, council=record.council, instance=record, **current, **changes)

    return {
        "create": _rest(f"{name}.create", create, save, reply, permission=_secretariat),
        "update": _rest(f"{name}.update", update, correct, reply, target="record", partial=True, permission=_manages),
        "delete": _rest(
            f"{name}.delete",
            _ref(model, "record"),
            records.record_delete,
            _deleted,
            target="record",
            permission=_manages,
        ),
    }


SUPERVISION = record_writes(
    "supervision", rs.SupervisionInput, rs.SupervisionUpdateInput, records.supervision_save, rs.SupervisionSerializer
)
SURVEY = record_writes("survey", rs.SurveyInput, rs.SurveyUpdateInput, records.survey_save, rs.SurveySerializer)
CITIZEN_RECEPTION = record_writes(
    "citizen_reception",
    rs.CitizenReceptionInput,
    rs.CitizenReceptionUpdateInput,
    records.citizen_reception_save,
    rs.CitizenReceptionSerializer,
)
VOTER_MEETING = record_writes(
    "voter_meeting",
    rs.VoterMeetingInput,
    rs.VoterMeetingUpdateInput,
    records.voter_meeting_save,
    rs.VoterMeetingSerializer,
)
GOOD_PRACTICE = record_writes(
    "good_practice",
    rs.GoodPracticeInput,
    rs.GoodPracticeUpdateInput,
    records.good_practice_save,
    rs.GoodPracticeSerializer,
)


def _evidence_upload(*, actor: Any, file: Any, **values: Any) -> Evidence:
    return records.evidence_upload(actor=actor, stream=file, size=file.size, original_name=file.name or "", **values)


def evidence_reply(evidence: Evidence) -> dict[str, Any]:
    return dict(rs.EvidenceSerializer(evidence).data)


EVIDENCE_UPLOAD = _rest("evidence.upload", rs.EvidenceInput, _evidence_upload, evidence_reply, permission=_secretariat)
EVIDENCE_DELETE = _rest(
    "evidence.delete", _ref(Evidence, "record"), records.record_delete, _deleted, target="record", permission=_manages
)


# Score sheets and their criteria. Replies: the sheet, its whole table (after scoring), a criterion as a row of
# the table, an assessment.


def _language() -> str:
    return translation.get_language() or "vi"


def sheet_reply(sheet: ScoreSheet) -> dict[str, Any]:
    return dict(es.ScoreSheetSerializer(sheet).data)


def table_reply(sheet: ScoreSheet) -> dict[str, Any]:
    return dict(es.ScoreTableSerializer(sheet_table(sheet=sheet, language=_language())).data)


def criterion_reply(criterion: Criterion) -> dict[str, Any]:
    row = criterion_table_row(criterion=criterion, language=_language())
    if row is None:
        raise ServiceError(NOT_FOUND)
    return dict(es.CriterionSerializer(row).data)


def _entry_reply(entry: ScoreEntry) -> dict[str, Any]:
    return dict(es.ScoreEntrySerializer(entry).data)


def _score_entry_set(*, actor: Any, sheet: ScoreSheet, target: Any, **values: Any) -> ScoreEntry:
    if target.sheet_id != sheet.pk:
        raise ServiceError(errors.TARGET_NOT_ON_SHEET)
    return emulation.score_entry_set(actor=actor, target=target, **values)


def _criterion_update(*, actor: Any, criterion: Criterion, **changes: Any) -> Criterion:
    if changes.pop("sheet", criterion.sheet) != criterion.sheet:
        raise ServiceError(REQUEST_INVALID, details={"sheet": "a criterion stays on its sheet"})
    return emulation.criterion_update(actor=actor, criterion=criterion, **changes)


def _sheet_write(name: str, input: Any, service: Any, reply: Any = sheet_reply, **options: Any) -> Write:
    return _rest(f"score_sheet.{name}", input, service, reply, target="sheet", permission=_manages, **options)


SHEET_CREATE = _rest(
    "score_sheet.create", es.ScoreSheetInput, emulation.score_sheet_create, sheet_reply, permission=_secretariat
)
SHEET_UPDATE = _sheet_write("update", es.ScoreSheetUpdateInput, emulation.score_sheet_update, partial=True)
SHEET_COPY = _sheet_write("copy", es.ScoreSheetCopyInput, emulation.score_sheet_copy)
SHEET_SCORE = _sheet_write("score", es.SheetRef, emulation.score_sheet_score, table_reply)
SHEET_LOCK = _sheet_write("lock", es.SheetRef, emulation.score_sheet_lock)
SHEET_PUBLISH = _sheet_write("publish", es.SheetRef, emulation.score_sheet_publish)
ENTRY_SET = _rest(
    "score_entry.set", es.ScoreEntryInput, _score_entry_set, _entry_reply, target="sheet", permission=_manages
)
CRITERION_CREATE = _rest(
    "criterion.create", es.CriterionSerializer, emulation.criterion_create, criterion_reply, permission=_secretariat
)
CRITERION_UPDATE = _rest(
    "criterion.update",
    es.CriterionUpdateInput,
    _criterion_update,
    criterion_reply,
    target="criterion",
    partial=True,
    permission=_manages_criterion,
)
CRITERION_DELETE = _rest(
    "criterion.delete",
    _ref(Criterion, "criterion"),
    emulation.criterion_delete,
    _deleted,
    target="criterion",
    permission=_manages_criterion,
)


# Voter petitions and the agencies that answer them. Assigning, answering and an agency's correction: the
# secretariat or chair of the council, before the input.


def petition_reply(petition: VoterPetition) -> dict[str, Any]:
    return dict(ps.PetitionSerializer(petition).data)


def agency_reply(agency: AnsweringAgency) -> dict[str, Any]:
    return dict(ps.AgencySerializer(agency).data)


class PetitionStatusInput(ps.PetitionStatusInput):
    petition = RowRef(VoterPetition, scope=None)


class PetitionAssignInput(ps.PetitionAssignInput):
    petition = RowRef(VoterPetition, scope=None)


class PetitionAnswerInput(ps.PetitionAnswerInput):
    petition = RowRef(VoterPetition, scope=None)


class AgencyUpdateInput(ps.AgencyUpdateInput):
    agency = RowRef(AnsweringAgency, scope=None)


def _agency_update(*, actor: Any, agency: AnsweringAgency, **changes: Any) -> AnsweringAgency:
    """PATCH: the fields left out keep the agency's values."""
    current = {"name": agency.name, "short_name": agency.short_name, "active": agency.active}
    return petition_services.agency_save(actor=actor, council=agency.council, instance=agency, **{**current, **changes})


def _petition_write(name: str, input: Any, service: Any, **options: Any) -> Write:
    return _rest(f"petition.{name}", input, service, petition_reply, target="petition", **options)


PETITION_REGISTER = _rest("petition.register", ps.PetitionInput, records.petition_register, petition_reply)
PETITION_DELETE = _rest(
    "petition.delete",
    _ref(VoterPetition, "record"),
    records.record_delete,
    _deleted,
    target="record",
    permission=_manages,
)
PETITION_STATUS = _petition_write("status", PetitionStatusInput, records.petition_status_set)
PETITION_ASSIGN = _petition_write("assign", PetitionAssignInput, petition_services.petition_assign, permission=_manages)
PETITION_ANSWER = _petition_write("answer", PetitionAnswerInput, petition_services.petition_answer, permission=_manages)
AGENCY_CREATE = _rest("agency.create", ps.AgencyInput, petition_services.agency_save, agency_reply)
AGENCY_UPDATE = _rest(
    "agency.update", AgencyUpdateInput, _agency_update, agency_reply, target="agency", partial=True, permission=_manages
)
