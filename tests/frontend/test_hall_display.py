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


def test_display_only_link_opens_the_display_and_nothing_else(client):
    from django.urls import reverse

    from frontend.display import display_access_issue, display_access_revoke, display_session_for_key

    hall = Hall(n=3)
    session = hall.c.session
    with pytest.raises(ServiceError):
        display_access_issue(actor=hall.user(0), session=session)  # a delegate may not
    key = display_access_issue(actor=hall.sec, session=session)
    assert display_session_for_key(key=key) == session and display_session_for_key(key=key + "x") is None
    page = client.get(reverse("display-key", args=[key]))
    assert page.status_code == 200 and page["Referrer-Policy"] == "no-referrer"
    assert key in page.content.decode()  # the page's socket presents it
    # Without a login the key opens nothing else.
    for name in ("tablet", "console", "display"):
        assert client.get(reverse(name, args=[session.pk])).status_code == 302
    # A new link replaces the old one; revoking ends both.
    newer = display_access_issue(actor=hall.sec, session=session)
    assert display_session_for_key(key=key) is None and display_session_for_key(key=newer) == session
    display_access_revoke(actor=hall.sec, session=session)
    assert client.get(reverse("display-key", args=[newer])).status_code == 404


def test_the_display_commands_check_the_caller_then_their_declared_input():
    """display.set and display.link are declared writes (frontend/writes.py): a delegate is refused before the
    input is read; bad input is request.invalid naming the field; nothing changes either way."""
    from realtime.registry import COMMANDS

    hall = Hall(n=3)
    session = hall.c.session

    def run(name, user, args):
        try:
            return COMMANDS[name].handler(user=user, session=session, args=args)
        except ServiceError as error:
            return error

    for name, args in (("display.set", {"mode": ["x"]}), ("display.link", {"revoke": "perhaps"})):
        assert run(name, hall.user(0), args).code == "council.forbidden"
        refused = run(name, hall.sec, args)
        assert refused.code == "request.invalid" and set(refused.details["fields"]) <= {"mode", "revoke"}
    assert run("display.set", hall.sec, {"mode": "hold", "poll": "x"}).details["fields"].keys() == {"poll"}
    assert display_state(session=session) == {"mode": "live", "poll": None}
    assert not StreamEvent.objects.filter(session=session, type="display.changed").exists()
    assert run("display.set", hall.sec, {"mode": "blank"}) == {"mode": "blank", "poll": None}
    path = run("display.link", hall.sec, {})["path"]
    assert path.startswith("/screens/display/")
    assert run("display.link", hall.sec, {"revoke": True}) == {"path": None}
