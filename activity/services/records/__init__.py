"""Writes on activity records (supervision, surveys, citizen reception, voter meetings, petitions, good
practices, evidence), one module per concern: ``activities`` (the council's activities), ``petitions``
(registering a voter petition and its steps), ``evidence`` (files), ``common`` (saving and deleting any record)
and ``kinds`` (the table of kinds the screens list). Each write validates against the council it belongs to,
runs in one transaction and is audited. Only the council's own secretariat or chair (or an administrator)
enters them."""

from activity.services.records.activities import (
    citizen_reception_save,
    good_practice_save,
    supervision_save,
    survey_save,
    voter_meeting_save,
)
from activity.services.records.common import record_delete
from activity.services.records.evidence import evidence_upload
from activity.services.records.kinds import PETITION_ORDER, RECORD_KINDS, RecordKind, RecordKindSpec
from activity.services.records.petitions import petition_register, petition_search_text, petition_status_set

__all__ = [
    "PETITION_ORDER",
    "RECORD_KINDS",
    "RecordKind",
    "RecordKindSpec",
    "citizen_reception_save",
    "evidence_upload",
    "good_practice_save",
    "petition_register",
    "petition_search_text",
    "petition_status_set",
    "record_delete",
    "supervision_save",
    "survey_save",
    "voter_meeting_save",
]
