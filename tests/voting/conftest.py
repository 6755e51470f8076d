"""Builders for voting tests: a council whose delegates are checked in, and polls in every state."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from sessions_app.models import Attendance, AttendanceStatus, CheckInMethod
from tests.factories import Council_
from voting import services
from voting.models import PollMethod
from voting.simulate import SimulatedCommittee, ballot_for


def check_in(sitting, people) -> None:
    Attendance.objects.bulk_create(
        Attendance(
            sitting=sitting,
            person=p,
            status=AttendanceStatus.PRESENT,
            method=CheckInMethod.TABLET,
            checked_in_at=timezone.now(),
        )
        for p in people
    )


def numbered(actor, resolution, number: str):
    """Give an adopted resolution a chosen number ("15/2026/NQ-HĐND" normative, "15/NQ-HĐND" ordinary), as the
    secretariat may after the vote."""
    resolution.refresh_from_db()
    parts = number.split("/")
    return services.resolution_number_set(
        actor=actor, resolution=resolution, serial=int(parts[0]), kind="normative" if len(parts) == 3 else "ordinary"
    )


def new_id() -> str:
    return str(uuid.uuid4())


class Hall:
    """A council of ``n`` delegates, ``present`` of them checked in at the open sitting."""

    def __init__(self, n: int = 5, present: int | None = None) -> None:
        self.c = Council_(n=n)
        self.delegates = self.c.delegates
        self.present = self.delegates[: n if present is None else present]
        check_in(self.c.sitting, self.present)
        self.sec = self.c.secretariat
        self.committees: dict[int, SimulatedCommittee] = {}

    def user(self, i: int):
        return self.delegates[i].user

    def poll(self, *, open: bool = True, quorum_confirmed: bool = True, **kwargs):
        """A poll, opened unless ``open=False`` (a hall below the quorum opens it with the chair's confirmation);
        a secret one gets a counting committee of the first two delegates, whose simulated tablets make the key
        (``self.committees[poll.pk]`` decrypts after the close)."""
        kwargs.setdefault("title", "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027")
        poll = services.poll_create(actor=self.sec, session=self.c.session, sitting=self.c.sitting, **kwargs)
        if poll.method == PollMethod.SECRET:
            committee = SimulatedCommittee(poll).name(actor=self.sec, users=[self.user(0), self.user(1)]).keys()
            self.committees[poll.pk] = committee
        if open:
            poll = services.poll_open(actor=self.sec, poll=poll, quorum_confirmed=quorum_confirmed)
        return poll

    def committee(self, poll):
        """Name the counting committee of a secret poll another service created; its simulated tablets make the key."""
        self.committees[poll.pk] = (
            SimulatedCommittee(poll).name(actor=self.sec, users=[self.user(0), self.user(1)]).keys()
        )
        return poll

    def vote(self, poll, i: int, choice="yes", client_id: str | None = None, **kwargs):
        client_id = client_id or new_id()
        if getattr(poll, "method", None) == PollMethod.SECRET and not (isinstance(choice, dict) and "rows" in choice):
            choice = ballot_for(poll=poll, client_id=client_id, choice=choice)
        return services.vote_cast(actor=self.user(i), poll_id=poll.pk, choice=choice, client_id=client_id, **kwargs)

    def close(self, poll):
        """Close; a secret poll's committee decrypts at once."""
        poll = services.poll_close(actor=self.sec, poll=poll)
        if poll.method == PollMethod.SECRET and poll.result is None:
            poll = self.committees[poll.pk].decrypt()
        return poll


@pytest.fixture
def hall(db) -> Hall:
    return Hall()
