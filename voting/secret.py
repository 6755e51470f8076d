"""Secret ballots on the server side: who took part, and encrypted ballots nobody here can read.

- ``SecretParticipation(poll, person, token_hash)``: one row per voter, *that* the delegate voted.
  ``token_hash = sha256("participation|<poll>|<client_id>")`` makes a retry idempotent.
- ``EncryptedBallot(poll, receipt, tag, ballot)``: the tablet's ciphertexts and proofs
  (``voting.crypto.ballots``). ``tag`` binds the proofs to the vote's client id (a random UUID4 stored
  nowhere), so the two rows share no value; even linked, a ciphertext says nothing without the counting
  committee's keys, which never reach the server.
- ``SecretTally(poll)``: the election key; at the close the homomorphic sums, then the counts. No running
  count of choices exists anywhere (live progress is the number of ballots received).

This module turns poll rows into the crypto layer's plain data and its refusals into service errors."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from core.errors import ServiceError
from voting import errors
from voting.crypto.ballots import BallotError, Ciphertext, ballot_tag, ballot_verify, layout_for, receipt_of
from voting.crypto.group import point_decode
from voting.models import Poll

BALLOT_ERRORS = {
    "malformed": errors.BALLOT_MALFORMED,
    "point": errors.BALLOT_POINT_INVALID,
    "proof": errors.BALLOT_PROOF_INVALID,
    "rule": errors.BALLOT_RULE_INVALID,
}


def participation_token(poll_id: int, client_id: uuid.UUID) -> str:
    return hashlib.sha256(f"participation|{poll_id}|{client_id}".encode()).hexdigest()


def poll_layout(poll: Poll) -> dict[str, Any]:
    options = list(poll.options.order_by("position").values_list("key", flat=True))
    candidates = list(poll.candidates.order_by("position").values_list("pk", flat=True))
    return layout_for(poll.kind, options, candidates, poll.seats)


def ballot_accept(
    *, poll_id: int, client_id: uuid.UUID, key: str, layout: dict[str, Any], ballot: Any
) -> tuple[str, str]:
    """(receipt, tag) of a ballot whose every proof checks, or the ServiceError naming what is wrong."""
    tag = ballot_tag(poll_id, str(client_id))
    try:
        rows: list[Ciphertext] = ballot_verify(
            poll_id=poll_id, tag=tag, key=point_decode(key), layout=layout, ballot=ballot
        )
    except BallotError as exc:
        raise ServiceError(BALLOT_ERRORS[exc.code], reason=exc.reason) from None
    return receipt_of(poll_id, tag, rows), tag
