"""Statistics periods: a year, a half-year or any custom range of days, inclusive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from activity import errors
from core.errors import ServiceError


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
        return (
            cls(dt.date(year, 1, 1), dt.date(year, 6, 30))
            if half == 1
            else cls(dt.date(year, 7, 1), dt.date(year, 12, 31))
        )

    @property
    def label(self) -> str:
        """ "Năm 2026", "6 tháng đầu năm 2026", "Từ 01/02/2026 đến 28/02/2026", in the active language."""
        year = self.start.year
        if self == Period.year(year):
            return _("Năm %(year)s") % {"year": year}
        if self == Period.half(year, 1):
            return _("6 tháng đầu năm %(year)s") % {"year": year}
        if self == Period.half(year, 2):
            return _("6 tháng cuối năm %(year)s") % {"year": year}
        return _("Từ %(start)s đến %(end)s") % {
            "start": self.start.strftime("%d/%m/%Y"),
            "end": self.end.strftime("%d/%m/%Y"),
        }

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
