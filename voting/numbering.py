"""Resolution numbers after Decree 30/2020/NĐ-CP: ordinary resolutions "12/NQ-HĐND" are numbered from 1 each
calendar year per council; normative ones carry the year, "05/2026/NQ-HĐND". The year is that of the adoption
date (the sitting's). Reads only; the services assign."""

from __future__ import annotations

from django.db.models import Max

from voting.models import Resolution, ResolutionKind

SYMBOL = "NQ-HĐND"


def resolution_number_format(*, kind: str, year: int, serial: int) -> str:
    if kind == ResolutionKind.NORMATIVE:
        return f"{serial:02d}/{year}/{SYMBOL}"
    return f"{serial:02d}/{SYMBOL}"


def resolution_number_next(*, council_id: int, kind: str, year: int) -> int:
    """The next free serial: one more than the highest given this year for this council and kind."""
    highest = Resolution.objects.filter(council_id=council_id, kind=kind, year=year).aggregate(m=Max("serial"))["m"]
    return (highest or 0) + 1
