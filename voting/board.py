"""Reads of a secret poll's counting committee and its public bulletin board (``voting.crypto.board``)."""

from __future__ import annotations

from typing import Any

from core.errors import NOT_FOUND, ServiceError
from voting import errors
from voting.crypto.board import FORMAT
from voting.models import CountingCommitteeMember, EncryptedBallot, Poll, PollMethod, PollStatus, SecretTally


def committee_state(poll: Poll) -> list[dict[str, Any]]:
    """What screens show of the committee: who (the head first), and whether their key share and decryption
    are in."""
    members = CountingCommitteeMember.objects.filter(poll=poll).select_related("person").order_by("position")
    return [
        {
            "position": m.position,
            "person": m.person_id,
            "name": m.person.full_name,
            "role": m.role,
            "key": bool(m.public_share),
            "decrypted": bool(m.partial),
        }
        for m in members
    ]


def election_key(poll: Poll) -> dict[str, Any] | None:
    """The election key and ballot layout once the poll has opened (None before)."""
    tally = SecretTally.objects.filter(poll=poll).values("key", "layout").first()
    return {"key": tally["key"], "layout": tally["layout"]} if tally else None


def board_build(poll: Poll) -> dict[str, Any]:
    """The board of an opened secret poll: everything anyone needs to recompute its result, no voter."""
    tally = SecretTally.objects.filter(poll=poll).first()
    if tally is None:  # a secret poll counted before encrypted ballots: its per-ballot data was erased
        raise ServiceError(NOT_FOUND)
    members = CountingCommitteeMember.objects.filter(poll=poll).select_related("person").order_by("position")
    ballots = EncryptedBallot.objects.filter(poll=poll).order_by("receipt").values_list("receipt", "tag", "ballot")
    return {
        "format": FORMAT,
        "poll": poll.pk,
        "title": poll.title,
        "status": poll.status,
        "layout": tally.layout,
        "committee": [
            {"position": m.position, "name": m.person.full_name, "public": m.public_share, "proof": m.share_proof}
            for m in members
        ],
        "key": tally.key,
        "ballots": [{"receipt": r, "tag": t, "ballot": b} for r, t, b in ballots],
        "sums": tally.sums,
        "partials": [{"position": m.position, **m.partial} for m in members if m.partial],
        "counts": tally.counts,
    }


def poll_board(*, poll: Poll, audience: str | None) -> dict[str, Any]:
    """The board for whoever may see the poll, once voting has ended (the ballots appear together, in
    receipt order, so their arrival order is never shown)."""
    if audience is None:
        raise ServiceError(NOT_FOUND)
    if poll.method != PollMethod.SECRET:
        raise ServiceError(errors.POLL_METHOD_MISMATCH, method=poll.method)
    if poll.status not in {PollStatus.CLOSED, PollStatus.PUBLISHED}:
        raise ServiceError(errors.POLL_RESULT_NOT_READY)
    return board_build(poll)
