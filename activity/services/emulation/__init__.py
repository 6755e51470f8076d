"""Writes on emulation score sheets, one module per concern: ``sheets`` (create, copy, change, score, rank,
lock, publish), ``criteria`` (the criteria tree), ``entries`` (hand assessments with evidence) and ``common``
(what they share). Every write is refused once the sheet is locked, so a past year's ranking never changes."""

from activity.services.emulation.criteria import CRITERION_FIELDS, criterion_create, criterion_delete, criterion_update
from activity.services.emulation.entries import ScoreCell, score_entries_set, score_entry_set
from activity.services.emulation.sheets import (
    score_sheet_copy,
    score_sheet_create,
    score_sheet_lock,
    score_sheet_publish,
    score_sheet_score,
    score_sheet_update,
)

__all__ = [
    "CRITERION_FIELDS",
    "ScoreCell",
    "criterion_create",
    "criterion_delete",
    "criterion_update",
    "score_entries_set",
    "score_entry_set",
    "score_sheet_copy",
    "score_sheet_create",
    "score_sheet_lock",
    "score_sheet_publish",
    "score_sheet_score",
    "score_sheet_update",
]
