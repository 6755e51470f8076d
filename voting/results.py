"""Counting: from a tally of marks to the result of a poll (counts, percentages of the total, the rule's
verdict, elected candidates, confidence outcomes, counting-committee record) and its official wording.

A ballot's choice is turned into *marks* and a tally counts marks, the same way for named ballots, the
secret ballot box and show of hands:
- ordinary poll: the option key ("yes");
- election: "c<candidate id>" for each candidate chosen;
- confidence vote: "c<official id>:<level key>" for each line of the ballot;
- a secret ballot paper returned with nothing marked (an empty election or confidence paper, ``None`` on a
  paper with options): "blank". Secret papers have no "không biểu quyết" box; a blank paper is counted as
  returned and valid, and the counting committee's record shows how many there were.

The rules themselves (thresholds, who is elected, ties, blank papers, the committee's record) are pure
functions of the counts (``election_outcome``, ``committee_record``, ``confidence_outcome``), so they apply
whatever way the ballots were stored and tallied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from voting.models import PollKind, PollMethod
from voting.rules import RULES, percent
from voting.wording import result_wording

CONFIDENCE_LOW = "low"
BLANK = "blank"


@dataclass(frozen=True)
class Ballot:
    """What counting needs to know about a poll (plain data, so results are testable without a database)."""

    kind: str
    method: str
    majority_rule: str
    seats: int
    options: list[dict[str, Any]]
    candidates: list[dict[str, Any]]


def choice_marks(kind: str, choice: Any) -> list[str]:
    if choice is None or choice == [] or choice == {}:
        return [BLANK]
    if kind == PollKind.ELECTION:
        return [f"c{candidate}" for candidate in choice]
    if kind == PollKind.CONFIDENCE:
        return [f"c{official}:{level}" for official, level in sorted(choice.items())]
    return [choice]


def tally(kind: str, choices: Iterable[Any]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for choice in choices:
        counts.update(choice_marks(kind, choice))
    return dict(counts)


def poll_result(*, ballot: Ballot, counts: dict[str, int], cast: int, total: int, eligible: int) -> dict[str, Any]:
    """The complete, stored result of a closed poll. Percentages are strings of exact two-decimal Decimals."""
    rule = RULES[ballot.majority_rule]
    required = rule.required(total=total, cast=cast, eligible=eligible)
    result: dict[str, Any] = {
        "kind": ballot.kind,
        "method": ballot.method,
        "by_show_of_hands": ballot.method == PollMethod.SHOW_OF_HANDS,
        "total": total,
        "eligible": eligible,
        "cast": cast,
        "not_cast": max(eligible - cast, 0),
        "cast_percent_of_total": str(percent(cast, total)),
        "counts": dict(sorted(counts.items())),
        "rule": ballot.majority_rule,
        "required": required,
        "passed": None,
    }
    if ballot.kind == PollKind.ELECTION:
        result.update(_election(ballot, counts, cast=cast, total=total, required=required))
    elif ballot.kind == PollKind.CONFIDENCE:
        result.update(_confidence(ballot, counts, cast=cast, total=total))
    else:
        result["options"] = [
            {
                **option,
                "count": counts.get(option["key"], 0),
                "percent_of_total": str(percent(counts.get(option["key"], 0), total)),
            }
            for option in ballot.options
        ]
        approving = next((o for o in ballot.options if o["approves"]), None)
        if approving is not None:
            result["passed"] = counts.get(approving["key"], 0) >= required
    if ballot.method == PollMethod.SECRET:
        result["committee"] = committee_record(issued=eligible, returned=cast, blank=counts.get(BLANK, 0))
    result["wording"] = result_wording(result)
    return result


def election_outcome(votes: dict[Any, int], *, seats: int, required: int) -> tuple[list[Any], list[Any]]:
    """Who is elected and who is tied for the last seat(s). Only a candidate with at least ``required`` votes
    (more than half of the total) can be elected; with more such candidates than seats the highest win; when
    candidates tie for the last seat(s), none of them is elected: those seats stay unfilled and a new round
    is held among the tied candidates."""
    passing = sorted((c for c, n in votes.items() if n >= required), key=lambda c: -votes[c])
    if len(passing) <= seats:
        return passing, []
    cutoff = votes[passing[seats - 1]]
    if votes[passing[seats]] != cutoff:
        return passing[:seats], []
    return [c for c in passing if votes[c] > cutoff], [c for c in passing if votes[c] == cutoff]


def committee_record(*, issued: int, returned: int, blank: int, invalid: int = 0) -> dict[str, int]:
    """The counting committee's record (biên bản kiểm phiếu): papers issued, returned, valid and invalid;
    blank papers (nothing marked) are valid papers counted apart. An electronic paper cannot be spoilt, so
    ``invalid`` is 0 unless the committee records paper ballots."""
    return {"issued": issued, "returned": returned, "valid": returned - invalid, "invalid": invalid, "blank": blank}


def _election(ballot: Ballot, counts: dict[str, int], *, cast: int, total: int, required: int) -> dict[str, Any]:
    rows = [
        {
            **candidate,
            "votes": counts.get(f"c{candidate['id']}", 0),
            "percent_of_total": str(percent(counts.get(f"c{candidate['id']}", 0), total)),
            "percent_of_cast": str(percent(counts.get(f"c{candidate['id']}", 0), cast)),
            "elected": False,
            "tie": False,
        }
        for candidate in ballot.candidates
    ]
    winners, tied = election_outcome({r["id"]: r["votes"] for r in rows}, seats=ballot.seats, required=required)
    for row in rows:
        row["elected"], row["tie"] = row["id"] in winners, row["id"] in tied
    return {
        "seats": ballot.seats,
        "candidates": rows,
        "passed": bool(winners),
        "unfilled": ballot.seats - len(winners),
        "new_round_needed": bool(tied),
    }


def _confidence(ballot: Ballot, counts: dict[str, int], *, cast: int, total: int) -> dict[str, Any]:
    denominator = settings.NT["CONFIDENCE_DENOMINATOR"]
    officials = []
    for official in ballot.candidates:
        levels = []
        for option in ballot.options:
            n = counts.get(f"c{official['id']}:{option['key']}", 0)
            levels.append(
                {
                    "key": option["key"],
                    "label": option["label"],
                    "label_en": option["label_en"],
                    "count": n,
                    "percent_of_ballots": str(percent(n, cast)),
                    "percent_of_total": str(percent(n, total)),
                }
            )
        low = counts.get(f"c{official['id']}:{CONFIDENCE_LOW}", 0)
        outcome_by = {"ballots": confidence_outcome(low, cast), "total": confidence_outcome(low, total)}
        officials.append(
            {
                **official,
                "levels": levels,
                "low": low,
                "low_percent_of_ballots": str(percent(low, cast)),
                "low_percent_of_total": str(percent(low, total)),
                "outcome_by": outcome_by,
                "outcome": outcome_by[denominator],
            }
        )
    return {"officials": officials, "denominator": denominator}


def confidence_outcome(low: int, base: int) -> str:
    """NQ 96/2023/QH15: 2/3 or more "low" → the standing committee puts a vote of no confidence to the
    council (``no_confidence_required``); more than 1/2 → the official may resign, otherwise the council may
    hold a vote of no confidence (``may_resign``)."""
    if base <= 0:
        return "none"
    if low * 3 >= base * 2:
        return "no_confidence_required"
    if low * 2 > base:
        return "may_resign"
    return "none"
