"""A secret poll's ballot: one exponential-ElGamal ciphertext per mark, each proven to hold 0 or 1, and
one proof per group of marks that the group's total is allowed (the ballot's rule).

Layout (plain data, published on the board): ``{"marks": [...], "groups": [{"rows": [i, ...],
"weights": [w, ...], "totals": [n, ...]}]}``; marks are the counting marks of ``voting.results`` (option key,
``c<id>``, ``c<id>:<level>``, and ``blank``). A group's proven total is the *weighted* sum of its rows
(``weights`` absent: every weight is 1, the layout of polls opened before blank papers existed).

Every paper has one ``blank`` row, 1 on a paper returned with nothing marked, so blank papers are counted
apart in the homomorphic sums (the law counts them apart from the votes for anything):
- election of N seats: one group, candidates weighted 1 and the blank row N, total in 1..N: a blank paper
  (blank = 1) marks no candidate, any other paper marks 1 to N candidates;
- ordinary paper (options): one group, the options and the blank row, total exactly 1;
- confidence paper: one group per official, its levels and the *same* blank row, total exactly 1: a blank
  paper marks no level for anyone, any other paper exactly one level for every official.

Ballot (what the tablet sends as the vote's ``choice``)::

    {"v": 1, "rows": [{"a": hex, "b": hex, "proof": {"c": [..], "z": [..]}}, ...],
     "groups": [{"c": [..], "z": [..]}, ...]}

Every proof is bound to the poll and to the ballot's *tag* ``sha256(transcript("nt/ballot-tag/v1", poll,
client id))``: replaying the ciphertexts in another poll or under another client id fails the proofs. The
receipt is a hash of the tag and the ciphertexts, so it names the ballot on the board and nothing else."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from voting.crypto.group import IDENTITY, DecodeError, add, base, mul, point_decode, scalar_random, transcript
from voting.crypto.proofs import ProofError, one_of_prove, one_of_verify

VERSION = 1
RECEIPT_LENGTH = 16
BLANK = "blank"  # the blank row's mark (voting.results.BLANK)
MAX_WEIGHT = 1000  # a weight is a number of seats at most


class BallotError(ValueError):
    """A refused ballot; ``code`` is one of malformed | point | proof | rule."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Ciphertext:
    a: bytes
    b: bytes


def layout_for(kind: str, options: Sequence[str], candidates: Sequence[int], seats: int) -> dict[str, Any]:
    """The layout of a poll's ballot: which marks (the blank row last), and which weighted totals each group
    of marks may have."""
    if kind == "election":
        n = len(candidates)
        return {
            "marks": [*(f"c{c}" for c in candidates), BLANK],
            "groups": [{"rows": list(range(n + 1)), "weights": [1] * n + [seats], "totals": list(range(1, seats + 1))}],
        }
    if kind == "confidence":
        width = len(options)
        blank = len(candidates) * width
        groups = [
            {"rows": [*range(i * width, (i + 1) * width), blank], "weights": [1] * (width + 1), "totals": [1]}
            for i in range(len(candidates))
        ]
        return {"marks": [*(f"c{c}:{level}" for c in candidates for level in options), BLANK], "groups": groups}
    n = len(options)
    return {
        "marks": [*options, BLANK],
        "groups": [{"rows": list(range(n + 1)), "weights": [1] * (n + 1), "totals": [1]}],
    }


def group_weights(group: dict[str, Any]) -> list[int]:
    """A group's row weights (1 each when the layout predates them)."""
    weights = group.get("weights")
    return [1] * len(group["rows"]) if weights is None else list(weights)


def layout_check(layout: object) -> None:
    """A layout's shape (it comes from the board when the stand-alone verifier reads it): marks, groups of
    known rows with small positive weights and totals. BallotError("malformed") otherwise."""
    if not (
        isinstance(layout, dict) and isinstance(layout.get("marks"), list) and isinstance(layout.get("groups"), list)
    ):
        raise BallotError("malformed", "layout {marks, groups}")
    width = len(layout["marks"])
    for group in layout["groups"]:
        rows = group.get("rows") if isinstance(group, dict) else None
        if not isinstance(group, dict) or not isinstance(rows, list) or not rows:
            raise BallotError("malformed", "layout group {rows, weights, totals}")
        weights, totals = group.get("weights", [1] * len(rows)), group.get("totals")
        if (
            not all(_small(i, 0, width - 1) for i in rows)
            or not isinstance(weights, list)
            or len(weights) != len(rows)
            or not all(_small(w, 1, MAX_WEIGHT) for w in weights)
            or not isinstance(totals, list)
            or not totals
            or not all(_small(t, 0, MAX_WEIGHT * width) for t in totals)
        ):
            raise BallotError("malformed", "layout group {rows, weights, totals}")


def _small(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def ballot_tag(poll_id: int, client_id: str) -> str:
    return hashlib.sha256(transcript("nt/ballot-tag/v1", poll_id, str(client_id).lower())).hexdigest()


def _row_context(poll_id: int, tag: str, index: int) -> tuple[object, ...]:
    return ("nt/ballot/v1", poll_id, tag, "row", index)


def _group_context(poll_id: int, tag: str, index: int) -> tuple[object, ...]:
    return ("nt/ballot/v1", poll_id, tag, "group", index)


def receipt_of(poll_id: int, tag: str, rows: Sequence[Ciphertext]) -> str:
    parts = [p for row in rows for p in (row.a, row.b)]
    digest = hashlib.sha256(transcript("nt/receipt/v1", poll_id, tag, *parts)).digest()
    return base64.b32encode(digest).decode()[:RECEIPT_LENGTH]


def ballot_encrypt(
    *, poll_id: int, client_id: str, key: bytes, layout: dict[str, Any], marks: set[str]
) -> dict[str, Any]:
    """The Python "tablet": encrypt a choice (the set of marks chosen) with its proofs. The randomness
    lives in this call only. The JavaScript tablet (``ballot_crypto.js``) does exactly the same."""
    tag = ballot_tag(poll_id, client_id)
    values = [1 if mark in marks else 0 for mark in layout["marks"]]
    rs = [scalar_random() for _ in values]
    rows = []
    for i, (v, r) in enumerate(zip(values, rs, strict=True)):
        a = base(r)
        b = add(mul(r, key), base(v)) if v else mul(r, key)
        proof = one_of_prove(_row_context(poll_id, tag, i), key, a, b, r, v, [0, 1])
        rows.append({"a": a.hex(), "b": b.hex(), "proof": proof})
    cts = [Ciphertext(bytes.fromhex(row["a"]), bytes.fromhex(row["b"])) for row in rows]
    groups = []
    for g, group in enumerate(layout["groups"]):
        weights = group_weights(group)
        a, b = _weighted_sum([cts[i] for i in group["rows"]], weights)
        total = sum(w * values[i] for i, w in zip(group["rows"], weights, strict=True))
        if total not in group["totals"]:
            raise BallotError("rule", f"group {g}: total {total}")
        r = sum(w * rs[i] for i, w in zip(group["rows"], weights, strict=True))
        groups.append(one_of_prove(_group_context(poll_id, tag, g), key, a, b, r, total, group["totals"]))
    return {"v": VERSION, "rows": rows, "groups": groups}


def _weighted_sum(rows: Sequence[Ciphertext], weights: Sequence[int]) -> tuple[bytes, bytes]:
    """Σ wᵢ·(Aᵢ, Bᵢ): an encryption of Σ wᵢ·mᵢ under the randomness Σ wᵢ·rᵢ."""
    a, b = IDENTITY, IDENTITY
    for row, w in zip(rows, weights, strict=True):
        a, b = (add(a, row.a), add(b, row.b)) if w == 1 else (add(a, mul(w, row.a)), add(b, mul(w, row.b)))
    return a, b


def ballot_parse(ballot: object, layout: dict[str, Any]) -> list[Ciphertext]:
    """The ciphertexts of a well-formed ballot (shape and points only; no proof checked yet)."""
    layout_check(layout)
    if not isinstance(ballot, dict) or ballot.get("v") != VERSION or set(ballot) != {"v", "rows", "groups"}:
        raise BallotError("malformed", "an encrypted ballot {v: 1, rows, groups}")
    rows, groups = ballot["rows"], ballot["groups"]
    if not isinstance(rows, list) or len(rows) != len(layout["marks"]):
        raise BallotError("malformed", f"{len(layout['marks'])} rows")
    if not isinstance(groups, list) or len(groups) != len(layout["groups"]):
        raise BallotError("malformed", f"{len(layout['groups'])} group proofs")
    parsed = []
    for row in rows:
        if not isinstance(row, dict) or set(row) != {"a", "b", "proof"}:
            raise BallotError("malformed", "row {a, b, proof}")
        try:
            parsed.append(Ciphertext(point_decode(row["a"]), point_decode(row["b"])))
        except DecodeError as exc:
            raise BallotError("point", str(exc)) from None
    return parsed


def ballot_verify(*, poll_id: int, tag: str, key: bytes, layout: dict[str, Any], ballot: object) -> list[Ciphertext]:
    """Check a ballot completely; its ciphertexts, or BallotError. Cost is bounded by the layout."""
    rows = ballot_parse(ballot, layout)
    assert isinstance(ballot, dict)
    for i, (row, raw) in enumerate(zip(rows, ballot["rows"], strict=True)):
        try:
            one_of_verify(_row_context(poll_id, tag, i), key, row.a, row.b, [0, 1], raw["proof"])
        except ProofError:
            raise BallotError("proof", f"row {i}") from None
    for g, (group, proof) in enumerate(zip(layout["groups"], ballot["groups"], strict=True)):
        a, b = _weighted_sum([rows[i] for i in group["rows"]], group_weights(group))
        try:
            one_of_verify(_group_context(poll_id, tag, g), key, a, b, group["totals"], proof)
        except ProofError:
            raise BallotError("rule", f"group {g}") from None
    return rows


def ciphertexts_sum(ballots: Sequence[Sequence[Ciphertext]], width: int) -> list[Ciphertext]:
    """The homomorphic sum, mark by mark, of many ballots (identity pairs for no ballot at all)."""
    sums = [Ciphertext(IDENTITY, IDENTITY) for _ in range(width)]
    for rows in ballots:
        sums = [Ciphertext(add(s.a, r.a), add(s.b, r.b)) for s, r in zip(sums, rows, strict=True)]
    return sums
