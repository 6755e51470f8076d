"""Numbers as a Vietnamese secretariat writes them: thousands with a dot (3.678), a decimal comma, and one
rounding rule for percentages everywhere: two decimals, half-up on the exact quotient (41,38%)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDREDTH = Decimal("0.01")


def percent(part: int, whole: int) -> Decimal:
    """``part`` as a percentage of ``whole`` with two decimals, half-up on the exact quotient."""
    if whole <= 0:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def number_text(value: int | Decimal, language: str = "vi", *, decimals: int = 0) -> str:
    """3678 → "3.678" (vi) / "3,678" (en); with ``decimals``, 90.7 → "90,70" / "90.70"."""
    text = f"{Decimal(value):,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if language == "vi" else text


def percent_text(value: Decimal, language: str) -> str:
    """90.70 → "90,70" in Vietnamese, "90.70" in English."""
    return number_text(value, language, decimals=2)
