"""The hall display's mode, set from the console: on the council stream (part ``display``), never on the public
one; refused to non-managers and for unknown modes; ``hold`` needs a closed poll and keeps it on screen."""

from __future__ import annotations

import pytest

from core.errors import ServiceError
from frontend.display import display_set, display_state
from realtime.registry import SNAPSHOT_PARTS
from sessions_app.models import StreamEvent
from tests.voting.conftest import Hall
from voting import services

pytestmark = pytest.mark.django_db


def test_modes_are_set_by_the_secretariat_and_announced_to_the_council_only():
    hall = Hall(n=3)
    session = hall.c.session
    assert display_state(session=session) == {"mode": "live", "poll": None}
    assert display_set(actor=hall.sec, session=session, mode="blank") == {"mode": "blank", "poll": None}
    event = StreamEvent.objects.filter(session=session, type="display.changed").get()
    assert event.frame["patch"] == [{"op": "put", "path": ["display"], "value": {"mode": "blank", "poll": None}}]
    assert event.public_frame is None
    assert SNAPSHOT_PARTS["display"](session=session, audience="public") is None


def test_bad_mode_non_manager_and_hold_without_result_change_nothing():
    hall = Hall(n=3)
    session = hall.c.session
    for actor, mode in ((hall.sec, "party"), (hall.user(0), "blank"), (hall.sec, "hold")):
        with pytest.raises(ServiceError):
            display_set(actor=actor, session=session, mode=mode)
    assert display_state(session=session) == {"mode": "live", "poll": None}
    assert not StreamEvent.objects.filter(session=session, type="display.changed").exists()


def test_hold_keeps_the_latest_closed_result():
    hall = Hall(n=3)
    poll = hall.poll()
    hall.vote(poll, 0)
    services.poll_close(actor=hall.sec, poll=poll)
    assert display_set(actor=hall.sec, session=hall.c.session, mode="hold") == {"mode": "hold", "poll": poll.pk}
    with pytest.raises(ServiceError):
        display_set(actor=hall.sec, session=hall.c.session, mode="hold", poll_id="x")
