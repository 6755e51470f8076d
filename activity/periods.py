"""Statistics periods: a year, a half-year or any custom range of days, inclusive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from activity import errors
from sessions_app.errors import ServiceError


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ServiceError(
                errors.PERIOD_INVALID, start=self.start.strftime("%d/%m/%Y"), end=self.end.strftime("%d/%m/%Y")
            )

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 6, 30)) if half == 1 else cls(dt.date(year, 7, 1), dt.date(year, 12, 31))

    @property
    def label(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and self.start.year == self.end.year:
            return f"Năm {self.start.year}"
        if self.start.year == self.end.year and (self.start.month, self.start.day, self.end.month, self.end.day) in {
            (1, 1, 6, 30), (7, 1, 12, 31)
        }:
            return f"{'6 tháng đầu' if self.start.month == 1 else '6 tháng cuối'} năm {self.start.year}"
        return f"Từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}


def _year(text: str) -> int:
    if not text.isdigit() or not 1945 <= int(text) <= 2200:
        raise ServiceError(errors.PERIOD_MALFORMED)
    return int(text)


def _day(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ServiceError(errors.PERIOD_MALFORMED) from None
    if not 1945 <= day.year <= 2200:  # the years ``_year`` accepts; 9999-12-31 has no day after it to count to
        raise ServiceError(errors.PERIOD_MALFORMED)
    return day


def period_parse(params: Mapping[str, str], *, default_year: int) -> Period:
    """``year`` (+ ``half``=1|2), or ``start`` and ``end``; the default year when none is given."""
    start, end = params.get("start") or "", params.get("end") or ""
    if start or end:
        if not (start and end) or params.get("year") or params.get("half"):
            raise ServiceError(errors.PERIOD_MALFORMED)
        return Period(_day(start), _day(end))
    year = _year(params["year"]) if params.get("year") else default_year
    half = params.get("half") or ""
    if not half:
        return Period.year(year)
    if half not in {"1", "2"}:
        raise ServiceError(errors.PERIOD_MALFORMED)
    return Period.half(year, int(half))
