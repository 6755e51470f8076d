"""The counting committee's writes, each declared once (``core.writes``) for the socket command and the
REST action: the secretariat names the committee (``committee.set``), a member's tablet publishes its key
share (``committee.share``) and, after the close, its partial decryption of the sums
(``committee.partial``). The same input, service and error codes whichever way the request came; the
socket names the poll by id within its session, REST takes it from the URL."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.writes import RowRef, Write
from voting.models import Poll
from voting.selectors import poll_get, poll_state
from voting.services.committee import committee_partial_submit, committee_set, committee_share_submit

PERSON_ID = {"min_value": 1, "max_value": 2**63 - 1}


class PollRef(serializers.Serializer[Any]):
    poll = RowRef(Poll)


class CommitteeSetInput(PollRef):
    head = serializers.IntegerField(**PERSON_ID, help_text="Person id of the head (Trưởng ban).")
    # The service checks the committee's size (committee.invalid); this bound only caps the request.
    members = serializers.ListField(
        child=serializers.IntegerField(**PERSON_ID),
        max_length=100,
        help_text="Person ids of the other members, in order.",
    )
    discard_keys = serializers.BooleanField(
        default=False, help_text="Confirm a change after members made keys (committee.keys_exist): they redo them."
    )


class KeyShareInput(PollRef):
    public = serializers.CharField(max_length=64, help_text="The member's public key share (hex).")
    proof = serializers.JSONField(help_text="Schnorr proof of knowledge {c, z}.")


class PartialInput(PollRef):
    d = serializers.ListField(child=serializers.CharField(max_length=64), max_length=2000)
    proofs = serializers.ListField(child=serializers.JSONField(), max_length=2000)


def poll_reply(poll: Poll) -> dict[str, Any]:
    """The poll as the council sees it (its committee with whose key and decryption are in): the REST body.
    Only the council's secretariat, chair and committee members reach these writes."""
    return poll_state(poll=poll_get(poll_id=poll.pk), audience="council")


def _share(*, actor: Any, poll: Poll, public: str, proof: Any) -> Poll:
    committee_share_submit(actor=actor, poll=poll, share={"public": public, "proof": proof})
    return poll


def _partial(*, actor: Any, poll: Poll, d: list[str], proofs: list[Any]) -> Poll:
    return committee_partial_submit(actor=actor, poll=poll, partial={"d": d, "proofs": proofs})


COMMITTEE_SET = Write("committee.set", CommitteeSetInput, committee_set, reply=poll_reply, target="poll")
COMMITTEE_SHARE = Write("committee.share", KeyShareInput, _share, reply=poll_reply, target="poll")
COMMITTEE_PARTIAL = Write("committee.partial", PartialInput, _partial, reply=poll_reply, target="poll")

WRITES = (COMMITTEE_SET, COMMITTEE_SHARE, COMMITTEE_PARTIAL)
