"""Backfill: a council loads a past year (sessions with their sittings and attendance, resolutions with their
number, date, category and show-of-hands counts, questioning and the promises made answering, supervision
missions, citizen receptions and voter petitions) from one XLSX workbook with a sheet per kind, or from one CSV/XLSX file per kind.

The same machinery and limits as the delegate import (``sessions_app.imports``): headers matched ignoring case and
diacritics, at most ``IMPORT_MAX_ROWS`` rows in all, every row written through the domain services inside one
transaction, a savepoint per row so every row is checked; any error, or a dry run, saves nothing, and the
errors come back per sheet and row with their stable codes.

Every record keeps its legal date: a sitting is opened as *recorded* (``sitting_status_set(recorded=True)``), its
attendance is the list of seats minus the absentees, each resolution is decided by a show-of-hands poll of its
sitting (so it is dated and numbered in the sitting's year), each question is dated by its sitting and so is
each promise made answering it, then
sittings and sessions are closed. Every date must fall in the chosen year and not after today.

One module per sheet (``sessions``, ``resolutions``, ``questions``, ``promises``, ``records``, ``petitions``), what they share
in ``common``, the reading of the files in ``reader``."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from activity import errors
from activity.services.backfill.common import Rows, Sheet, YearImport
from activity.services.backfill.petitions import PETITIONS
from activity.services.backfill.promises import PROMISES
from activity.services.backfill.questions import QUESTIONS
from activity.services.backfill.reader import GUIDE_SHEET, duplicates_find, sheets_read
from activity.services.backfill.records import RECEPTIONS, SUPERVISIONS
from activity.services.backfill.resolutions import RESOLUTIONS
from activity.services.backfill.sessions import SESSIONS, SITTINGS, sessions_close, sessions_without_sittings
from core.errors import ServiceError
from sessions_app.imports import IMPORT_ROWS_INVALID
from sessions_app.models import Council
from sessions_app.permissions import require_manage

# In the order they are written: a sheet may refer to what an earlier one created.
SHEETS = [SESSIONS, SITTINGS, RESOLUTIONS, QUESTIONS, PROMISES, SUPERVISIONS, RECEPTIONS, PETITIONS]
SHEET_BY_KEY = {s.key: s for s in SHEETS}

__all__ = [
    "GUIDE_SHEET",
    "SHEETS",
    "SHEET_BY_KEY",
    "Sheet",
    "YearImport",
    "backfill_import",
    "backfill_sheets",
    "backfill_template",
]


def backfill_sheets(*, workbook: bytes | None = None, files: dict[str, bytes] | None = None) -> dict[str, Rows]:
    """The rows of each sheet, by sheet key (see ``reader.sheets_read``)."""
    return sheets_read(SHEETS, workbook=workbook, files=files)


def backfill_import(
    *,
    actor: Any,
    council: Council,
    year: int,
    dry_run: bool,
    workbook: bytes | None = None,
    files: dict[str, bytes] | None = None,
) -> dict[str, Any]:
    """Import one past year of ``council``: all rows of all sheets or nothing. ``dry_run`` checks everything
    (through the same services) and saves nothing. Errors: ``import.rows_invalid`` with
    ``details.errors = [{sheet, row, code, message, …}]``, or a whole-file code."""
    require_manage(actor, council)
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise ServiceError(errors.BACKFILL_YEAR_INVALID, current=today.year)
    rows_by_sheet = backfill_sheets(workbook=workbook, files=files)
    duplicates = duplicates_find(rows_by_sheet)
    writer = YearImport(actor=actor, council=council, year=year, today=today)
    failed: list[dict[str, Any]] = []
    written: dict[str, list[dict[str, Any]]] = {}
    with transaction.atomic():
        for sheet in SHEETS:
            for line, values in rows_by_sheet.get(sheet.key, []):
                try:
                    if (sheet.key, line) in duplicates:
                        raise duplicates[(sheet.key, line)]
                    with transaction.atomic():
                        result = sheet.write(writer, values)
                    written.setdefault(sheet.key, []).append({"row": line, **result})
                except ServiceError as error:
                    failed.append({"sheet": sheet.title, "row": line, **error.as_dict()})
            if sheet is SITTINGS:
                failed += sessions_without_sittings(writer, rows_by_sheet.get(SESSIONS.key, []))
        if not failed:
            sessions_close(writer)
        if failed or dry_run:
            transaction.set_rollback(True)
    if failed:
        raise ServiceError(IMPORT_ROWS_INVALID, count=len(failed), details={"errors": failed})
    counts = {key: len(rows) for key, rows in written.items()}
    return {"dry_run": dry_run, "saved": not dry_run, "year": year, "counts": counts, "sheets": written}


def backfill_template() -> list[tuple[str, list[str]]]:
    """The sheets of the downloadable template: (title, headers)."""
    return [(sheet.title, [c.header for c in sheet.columns]) for sheet in SHEETS]
