"""The tablets of a secret poll, simulated in Python: the counting committee's key shares and partial
decryptions, and delegates' encrypted ballots. For the demo data, tests and benchmarks only; the real
tablets do the same in ``frontend/static/frontend/js/ballot_crypto.js`` and keep their secrets to
themselves (here they live in this object and die with it)."""

from __future__ import annotations

from typing import Any

from voting.crypto.ballots import ballot_encrypt
from voting.crypto.board import sums_decode
from voting.crypto.group import point_decode
from voting.crypto.tally import partial_make, share_make
from voting.models import CountingCommitteeMember, Poll, SecretTally
from voting.results import choice_marks
from voting.services.committee import committee_partial_submit, committee_set, committee_share_submit


class SimulatedCommittee:
    """The committee's tablets: ``name`` the members, ``keys`` before opening, ``decrypt`` after closing."""

    def __init__(self, poll: Poll) -> None:
        self.poll = poll
        self.secrets: dict[int, int] = {}

    def name(self, *, actor: Any, users: list[Any]) -> SimulatedCommittee:
        """The first user heads the committee."""
        committee_set(actor=actor, poll=self.poll, head=users[0].person_id, members=[u.person_id for u in users[1:]])
        self.users = {u.person_id: u for u in users}
        return self

    def keys(self) -> SimulatedCommittee:
        for member in CountingCommitteeMember.objects.filter(poll=self.poll).order_by("position"):
            x, share = share_make(poll_id=self.poll.pk, position=member.position)
            committee_share_submit(actor=self.users[member.person_id], poll=self.poll, share=share)
            self.secrets[member.position] = x
        return self

    def decrypt(self, *, only: list[int] | None = None) -> Poll:
        tally = SecretTally.objects.get(poll=self.poll)
        sums = sums_decode(tally.sums)
        for member in CountingCommitteeMember.objects.filter(poll=self.poll).order_by("position"):
            if only is not None and member.position not in only:
                continue
            partial = partial_make(
                poll_id=self.poll.pk, position=member.position, x=self.secrets[member.position], sums=sums
            )
            committee_partial_submit(actor=self.users[member.person_id], poll=self.poll, partial=partial)
        return Poll.objects.get(pk=self.poll.pk)


def ballot_for(*, poll: Poll, client_id: str, choice: Any) -> dict[str, Any]:
    """What a tablet sends for ``choice`` (an option key, candidate ids, or {official: level})."""
    tally = SecretTally.objects.get(poll=poll)
    marks = set(
        choice_marks(poll.kind, choice if not isinstance(choice, dict) else {str(k): v for k, v in choice.items()})
    )
    return ballot_encrypt(
        poll_id=poll.pk, client_id=str(client_id), key=point_decode(tally.key), layout=tally.layout, marks=marks
    )
