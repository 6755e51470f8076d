"""Secret ballots: who took part and what was chosen, stored with nothing that links them.

The scheme
- ``SecretParticipation(poll, person, token_hash)``: one row per voter. It says *that* the delegate voted,
  never how. ``token_hash = sha256("participation|<poll>|<client_id>")`` makes a retry idempotent.
- ``SecretBallotBox(poll)``: ONE row per poll holding the counts and the list ``[[receipt, choice], ...]``
  kept sorted by receipt. It is rewritten under the poll's row lock on every (batch of) vote(s), so no
  per-choice row, id, timestamp or insertion order exists: the list reads the same whatever order the
  votes came in.
- The receipt shown to the voter is ``base32(sha256("receipt|<poll>|<client_id>"))[:10]``. The client id
  of a secret vote must be a random UUID4 (122 random bits): the server recomputes the receipt from it on a
  retry, but someone holding only the database sees two unrelated hashes and cannot go from one to the
  other without the client id, which is stored nowhere.
- The audit log records participation (person, poll) and, at close, the counts; nothing with a choice.
  Nothing is logged with a choice, and SQL that writes the ballot box is kept out of the debug SQL log
  (``BallotBoxSqlFilter``), because consecutive statements would pair a participant with the new entry.
- The voter keeps the receipt (the server never stores it next to the person). After publication anyone
  can look a receipt up in the published ballot list.

Limits (documented in the report): an attacker who watches the database *while* votes are cast (old row
versions in PostgreSQL before VACUUM, the SQLite WAL, replication streams) can diff successive states of the
box; batching several voters per write blurs this but does not remove it."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import uuid
from typing import Any

RECEIPT_LENGTH = 10
RECEIPT_RE = re.compile(r"^[A-Z2-7]{10}$")
BOX_TABLE = "voting_secretballotbox"


def _digest(purpose: str, poll_id: int, client_id: uuid.UUID) -> bytes:
    return hashlib.sha256(f"{purpose}|{poll_id}|{client_id}".encode()).digest()


def participation_token(poll_id: int, client_id: uuid.UUID) -> str:
    return _digest("participation", poll_id, client_id).hex()


def receipt_for(poll_id: int, client_id: uuid.UUID) -> str:
    return base64.b32encode(_digest("receipt", poll_id, client_id)).decode()[:RECEIPT_LENGTH]


def box_insert(entries: list[list[Any]], new: list[list[Any]]) -> list[list[Any]]:
    """The box's entries with ``new`` added, sorted by receipt (the only order the list ever has)."""
    return sorted(entries + new, key=lambda entry: entry[0])


class BallotBoxSqlFilter(logging.Filter):
    """Drops debug SQL records that touch the ballot box (see the module docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return BOX_TABLE not in str(getattr(record, "sql", "")) and BOX_TABLE not in record.getMessage()
