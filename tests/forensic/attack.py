"""The attacker with a copy of the database files: find every secret key share lying anywhere in the bytes,
decrypt what can be decrypted, and link voters to choices by matching participation rows to ballot rows in
id order (the link the old single ballot-box row gave away). Counts what is recovered.

Plain functions over bytes and rows, so the SQLite copy and the PostgreSQL data files run the same attack."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from voting.crypto.group import L, base, mul, sub

HEX64 = re.compile(rb"[0-9a-f]{64}")


def secrets_in(raw: bytes, publics: Iterable[str]) -> dict[str, int]:
    """{public share hex: secret scalar} for every committee share whose secret appears in ``raw`` as hex
    (the only encoding the product ever uses for scalars)."""
    wanted = set(publics)
    found: dict[str, int] = {}
    for match in set(HEX64.findall(raw)):
        x = int.from_bytes(bytes.fromhex(match.decode()), "little")
        if 0 < x < L:
            point = base(x).hex()
            if point in wanted:
                found[point] = x
    return found


def choices_recovered(
    *,
    raw: bytes,
    publics: list[str],
    layout: dict[str, Any],
    ballots: list[dict[str, Any]],
    participants: list[int],
    truth: dict[int, str],
) -> int:
    """How many voters the attacker links to their true choice. ``ballots`` and ``participants`` (person
    ids) are in row-id order, as they come out of the copied tables."""
    keys = secrets_in(raw, publics)
    if len(keys) < len(publics):
        return 0  # without every share no ballot opens: exponential ElGamal under the joint key
    correct = 0
    for person, ballot in zip(participants, ballots, strict=False):
        chosen = []
        for mark, row in zip(layout["marks"], ballot["rows"], strict=True):
            a, b = bytes.fromhex(row["a"]), bytes.fromhex(row["b"])
            m = b
            for x in keys.values():
                m = sub(m, mul(x, a))
            if m == base(1):
                chosen.append(mark)
        if chosen == [truth.get(person)]:
            correct += 1
    return correct
