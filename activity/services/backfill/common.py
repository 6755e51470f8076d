"""What the sheets of the year import share: the sheet declaration, the columns that refer to a session and a
sitting of the import, the value readers the delegate import lacks (times, seat lists, a delegate by seat or
name), and ``YearImport``, the state of one import (what earlier sheets created) with the checks every sheet
makes (a date of the year and not after today, the term of a date, a session or sitting of the import)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from activity import errors
from core.errors import ServiceError
from sessions_app.imports import (
    IMPORT_VALUE_INVALID,
    IMPORT_VALUE_UNKNOWN,
    Column,
    value_date,
    value_int,
    value_required,
)
from sessions_app.models import Council, Person, Session, Sitting, Term
from sessions_app.selectors import memberships_in_force
from sessions_app.text import text_fold

Rows = list[tuple[int, dict[str, str]]]
Values = dict[str, str]

SESSION_NUMBER = Column("session", "Kỳ họp thứ", required=True)
SITTING_NUMBER = Column("sitting", "Phiên số", required=True)
YES_NO = {"có": "1", "x": "1", "không": "0"}
TIME = re.compile(r"^(\d{1,2})[:hg](\d{2})(?::\d{2})?$")


@dataclass(frozen=True)
class Sheet:
    key: str  # the REST field of its CSV file, and the key of its counts in the result
    title: str  # the sheet's name in the workbook
    columns: list[Column]
    write: Callable[[YearImport, Values], dict[str, Any]]  # one row, through the domain services


def value_time(values: Values, column: Column) -> dt.time | None:
    """HH:MM (also 8h00, and Excel times read as 08:00:00)."""
    raw = values.get(column.key, "").strip()
    if not raw:
        if column.required:
            value_required(values, column)
        return None
    match = TIME.match(raw)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ServiceError(IMPORT_VALUE_INVALID, value=raw, column=column.header, expected="HH:MM")
    return dt.time(int(match.group(1)), int(match.group(2)))


def value_seats(values: Values, column: Column) -> set[int]:
    raw = values.get(column.key, "").strip()
    parts = [p for p in re.split(r"[;,\s]+", raw) if p]
    if not all(p.isdigit() and 1 <= int(p) <= 999 for p in parts):
        raise ServiceError(IMPORT_VALUE_INVALID, value=raw, column=column.header, expected="3; 17; 42")
    return {int(p) for p in parts}


def value_text(values: Values, column: Column, limit: int) -> str:
    """The cell with its spaces collapsed, cut at ``limit`` characters (required if the column is)."""
    raw = value_required(values, column) if column.required else values.get(column.key, "")
    return " ".join(raw.split())[:limit]


@dataclass
class YearImport:
    """Writes one year of one council, sheet by sheet, remembering what earlier sheets created."""

    actor: Any
    council: Council
    year: int
    today: dt.date
    sessions: dict[int, Session] = field(default_factory=dict)
    sittings: dict[tuple[int, int], Sitting] = field(default_factory=dict)
    cache: dict[Any, Any] = field(default_factory=dict)  # lookups of a sheet (categories, officials, agencies…)

    def date(self, values: Values, column: Column, *, later: bool = False) -> dt.date | None:
        """A date of the year (``later``: of the year or after it, e.g. a report filed in January), not after today."""
        day = value_date(values, column)
        if day is None:
            return None
        if day.year != self.year and not (later and day.year > self.year):
            raise ServiceError(
                errors.BACKFILL_DATE_OUTSIDE_YEAR, date=day.strftime("%d/%m/%Y"), column=column.header, year=self.year
            )
        if day > self.today:
            raise ServiceError(errors.BACKFILL_DATE_FUTURE, date=day.strftime("%d/%m/%Y"), column=column.header)
        return day

    def term(self, on: dt.date) -> Term:
        term = Term.objects.filter(council=self.council, start_date__lte=on, end_date__gte=on).first()
        if term is None:
            raise ServiceError(errors.BACKFILL_NO_TERM, date=on.strftime("%d/%m/%Y"))
        return term

    def session_of(self, values: Values) -> Session:
        """The session of the row's "Kỳ họp thứ", among the sessions of this import."""
        number = value_int(values, SESSION_NUMBER, low=1, high=999)
        if number not in self.sessions:
            raise ServiceError(errors.BACKFILL_SESSION_UNKNOWN, number=number)
        return self.sessions[number]

    def sitting_of(self, values: Values) -> Sitting:
        """The sitting of the row's "Kỳ họp thứ" and "Phiên số", among the sittings of this import."""
        session = self.session_of(values)
        number = value_int(values, SITTING_NUMBER, low=1, high=99)
        sitting = self.sittings.get((session.number, number or 0))
        if sitting is None:
            raise ServiceError(errors.BACKFILL_SITTING_UNKNOWN, number=number, session=session.number)
        return sitting

    def delegate(self, values: Values, *, seat: Column, name: Column, on: dt.date) -> Person:
        """The delegate seated on ``on``: by seat number when that column is filled, else by name (ignoring case
        and diacritics; namesakes need the seat), as the question-slip import finds them."""
        key = ("seats", on)
        if key not in self.cache:
            seated = memberships_in_force(council_id=self.council.pk, on=on).select_related("person")
            by_name: dict[str, list[Person]] = {}
            for m in seated:
                by_name.setdefault(text_fold(m.person.full_name), []).append(m.person)
            self.cache[key] = ({m.seat: m.person for m in seated}, by_name)
        by_seat, by_name = self.cache[key]
        number = value_int(values, seat, low=1, high=999)
        if number is not None:
            if number not in by_seat:
                raise ServiceError(IMPORT_VALUE_UNKNOWN, value=str(number), column=seat.header)
            return by_seat[number]
        raw = value_required(values, name)
        found = by_name.get(text_fold(raw), [])
        if not found:
            raise ServiceError(IMPORT_VALUE_UNKNOWN, value=raw[:120], column=name.header)
        if len(found) > 1:
            raise ServiceError(
                IMPORT_VALUE_INVALID,
                value=raw[:120],
                column=name.header,
                expected="nhiều đại biểu trùng tên: ghi số ghế / several namesakes: give the seat",
            )
        return found[0]
