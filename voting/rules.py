"""Majority rules as data, and the exact arithmetic of thresholds and percentages (integers and Decimal,
never float).

A rule says which base the approving count is measured against (the total number of delegates, those who
took part, or those entitled to vote) and the fraction it must exceed (``strict``) or reach. Adding a rule
is one line in ``RULES`` plus a ``MajorityRule`` choice."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal

from voting.models import MajorityRule, PollKind

Base = Literal["total", "cast", "eligible"]


@dataclass(frozen=True)
class Rule:
    base: Base
    numerator: int
    denominator: int
    strict: bool

    def required(self, *, total: int, cast: int, eligible: int) -> int:
        """The smallest count that satisfies the rule."""
        amount = {"total": total, "cast": cast, "eligible": eligible}[self.base] * self.numerator
        whole, remainder = divmod(amount, self.denominator)
        if self.strict:
            return whole + 1
        return whole + (1 if remainder else 0)

    def met(self, count: int, *, total: int, cast: int, eligible: int) -> bool:
        return count >= self.required(total=total, cast=cast, eligible=eligible)


RULES: dict[str, Rule] = {
    MajorityRule.GT_HALF_TOTAL: Rule("total", 1, 2, strict=True),
    MajorityRule.GE_TWO_THIRDS_TOTAL: Rule("total", 2, 3, strict=False),
    MajorityRule.GT_HALF_CAST: Rule("cast", 1, 2, strict=True),
    MajorityRule.GT_HALF_ELIGIBLE: Rule("eligible", 1, 2, strict=True),
}

HUNDREDTH = Decimal("0.01")


def percent(part: int, whole: int) -> Decimal:
    """``part`` as a percentage of ``whole`` with two decimals, half-up on the exact quotient."""
    if whole <= 0:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def percent_text(value: Decimal, language: str) -> str:
    """90.70 → "90,70" in Vietnamese, "90.70" in English."""
    text = f"{value:.2f}"
    return text.replace(".", ",") if language == "vi" else text


KIND_MINIMUM_RULE = {
    PollKind.RESOLUTION: MajorityRule.GT_HALF_TOTAL,
    PollKind.DISMISSAL: MajorityRule.GE_TWO_THIRDS_TOTAL,
}


def rule_at_least(rule: str, minimum: str) -> bool:
    """Whether ``rule`` counts on the same base as ``minimum`` and never needs fewer votes, whatever the
    numbers (a larger fraction, or the same fraction at least as strict)."""
    chosen, floor = RULES[rule], RULES[minimum]
    if chosen.base != floor.base:
        return False
    ours, theirs = Fraction(chosen.numerator, chosen.denominator), Fraction(floor.numerator, floor.denominator)
    return ours > theirs or (ours == theirs and (chosen.strict or not floor.strict))


def majority_rules_for(kind: str) -> list[str]:
    """The majority rules a poll of ``kind`` may use (none weaker than the kind's minimum)."""
    minimum = KIND_MINIMUM_RULE.get(kind)
    return [rule for rule in MajorityRule.values if minimum is None or rule_at_least(rule, minimum)]
