"""Reading the year import's files: one workbook with a sheet per kind (a "Hướng dẫn" sheet is skipped), or one
CSV/XLSX file per kind, into the rows of each sheet; header errors and unknown sheets refuse the whole import,
and so do more than ``IMPORT_MAX_ROWS`` rows in all the files together. Rows repeating an earlier row's session
or sitting number get their ``import.duplicate`` error here, before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings

from activity import errors
from activity.services.backfill.common import SESSION_NUMBER, SITTING_NUMBER, Rows, Sheet
from activity.services.backfill.questions import Q_NUMBER, Q_TEXT
from core.errors import ServiceError
from sessions_app.imports import (
    IMPORT_FILE_TOO_LARGE,
    MAX_BYTES,
    duplicates_check,
    header_map,
    table_read,
    workbook_read,
)
from sessions_app.text import text_fold

GUIDE_SHEET = "Hướng dẫn"  # the template's instructions: read by people, skipped by the import


def sheets_read(
    sheets: list[Sheet], *, workbook: bytes | None = None, files: dict[str, bytes] | None = None
) -> dict[str, Rows]:
    """The rows of each sheet, by sheet key (``{column key: cell}`` with the row's line number)."""
    files = {k: v for k, v in (files or {}).items() if v is not None}
    if workbook is not None and files:
        raise ServiceError(errors.BACKFILL_BOTH)
    by_key = {s.key: s for s in sheets}
    tables: dict[str, list[list[str]]] = {}
    if workbook is not None:
        by_title = {text_fold(s.title): s for s in sheets}
        for title, rows in workbook_read(data=workbook):
            if text_fold(title) == text_fold(GUIDE_SHEET) or not rows:
                continue
            sheet = by_title.get(text_fold(title))
            if sheet is None:
                expected = ", ".join(s.title for s in sheets)
                raise ServiceError(errors.BACKFILL_SHEET_UNKNOWN, sheet=title[:60], expected=expected)
            tables[sheet.key] = rows
    else:
        for key, data in files.items():
            if key not in by_key:
                raise ServiceError(errors.BACKFILL_SHEET_UNKNOWN, sheet=key[:60], expected=", ".join(by_key))
            tables[key] = table_read(data=data)
        if sum(max(len(t) - 1, 0) for t in tables.values()) > settings.NT["IMPORT_MAX_ROWS"]:
            raise ServiceError(
                IMPORT_FILE_TOO_LARGE, max_rows=settings.NT["IMPORT_MAX_ROWS"], max_mb=MAX_BYTES // 2**20
            )
    rows_by_sheet: dict[str, Rows] = {}
    for sheet in sheets:
        table = tables.get(sheet.key)
        if not table or len(table) < 2:
            continue
        try:
            positions = header_map(table[0], sheet.columns)
        except ServiceError as error:
            raise ServiceError(error.code, details={**error.details, "sheet": sheet.title}, **error.params) from None
        rows_by_sheet[sheet.key] = [
            (line, {key: (row[i] if i < len(row) else "") for key, i in positions.items()})
            for line, row in enumerate(table[1:], start=2)
        ]
    if not rows_by_sheet:
        raise ServiceError(errors.BACKFILL_NOTHING)
    return rows_by_sheet


def duplicates_find(rows_by_sheet: dict[str, Rows]) -> dict[tuple[str, int], ServiceError]:
    """A session number or a (session, sitting) pair given twice; a question given twice at the same sitting, or
    a question number twice in one session."""
    found: dict[tuple[str, int], ServiceError] = {}

    def cell(key: str) -> Callable[[dict[str, str]], Any]:
        return lambda v: v.get(key, "").strip() or None

    sessions = duplicates_check(rows_by_sheet.get("sessions", []), SESSION_NUMBER, cell(SESSION_NUMBER.key))
    found |= {("sessions", line): error for line, error in sessions.items()}
    sittings = duplicates_check(
        rows_by_sheet.get("sittings", []),
        SITTING_NUMBER,
        lambda v: (v.get(SESSION_NUMBER.key, "").strip(), v.get(SITTING_NUMBER.key)),
    )
    found |= {("sittings", line): error for line, error in sittings.items()}
    questions = duplicates_check(
        rows_by_sheet.get("questions", []),
        Q_TEXT,
        lambda v: tuple(
            text_fold(v.get(k, "")) for k in ("session", "sitting", "seat", "delegate", "respondent", "text")
        ),
    )
    found |= {("questions", line): error for line, error in questions.items()}
    numbers = duplicates_check(
        rows_by_sheet.get("questions", []),
        Q_NUMBER,
        lambda v: (
            (v.get(SESSION_NUMBER.key, "").strip(), v[Q_NUMBER.key].strip())
            if v.get(Q_NUMBER.key, "").strip()
            else None
        ),
    )
    found |= {("questions", line): error for line, error in numbers.items() if ("questions", line) not in found}
    return found
