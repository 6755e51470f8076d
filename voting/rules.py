"""Majority rules as data, and the exact arithmetic of thresholds and percentages (integers and Decimal,
never float).

A rule says which base the approving count is measured against (the total number of delegates, those who
took part, or those entitled to vote) and the fraction it must exceed (``strict``) or reach. Adding a rule
is one line in ``RULES`` plus a ``MajorityRule`` choice.

Which rule a poll carries is the law's, not a choice (domain.md, "Majorities"): every council decision
needs more than half of the TOTAL number of delegates; recalling a delegate (bãi nhiệm đại biểu) at least
two-thirds of the total; removing or recalling an official the council elected is an ordinary decision.
Only a procedural vote may carry another rule, and one on those present or taking part only by show of
hands (the council's own procedure, labelled as such). The database holds the same rule
(``poll_rule_lawful_for_kind``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core.numbers import percent, percent_text
from voting.models import MajorityRule, PollKind, PollMethod

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

# The rule each kind of decision must carry; procedural votes are the council's own (``rule_lawful``).
KIND_RULE: dict[str, str] = {
    **dict.fromkeys(PollKind.values, MajorityRule.GT_HALF_TOTAL),
    PollKind.RECALL_DELEGATE: MajorityRule.GE_TWO_THIRDS_TOTAL,
}
ON_TOTAL = {MajorityRule.GT_HALF_TOTAL, MajorityRule.GE_TWO_THIRDS_TOTAL}


def rule_lawful(*, kind: str, method: str, rule: str) -> bool:
    """Whether a poll of ``kind`` held by ``method`` may carry ``rule``."""
    if kind != PollKind.PROCEDURAL:
        return rule == KIND_RULE[kind]
    return rule in ON_TOTAL or method == PollMethod.SHOW_OF_HANDS


# The one rounding rule and number notation of the product (core.numbers), re-exported for counting.
__all__ = ["KIND_RULE", "RULES", "Rule", "percent", "percent_text", "rule_lawful"]
