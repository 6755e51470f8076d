import datetime as dt

import pytest
import time_machine

from agenda import services
from agenda.models import ItemKind, SpeakerRequest, SpeakerState
from agenda.selectors import speakers_state, speaking_time_by_delegate
from agenda.selectors.speakers import speaker_request_state
from core.errors import ServiceError
from realtime.registry import COMMANDS
from sessions_app.models import Person
from tests.agenda.helpers import SITTING_MORNING, Replay
from tests.factories import Council_

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    c = Council_(n=4)
    c.item = services.agenda_item_create(
        actor=c.secretariat, session=c.session, title="Thảo luận dự toán", kind=ItemKind.DISCUSSION
    )
    services.agenda_item_activate(actor=c.secretariat, item=c.item, sitting=c.sitting)
    return c


def _cmd(name, user, session, **args):
    return COMMANDS[name].handler(user=user, session=session, args=args)


def _live(name, user, session, **args):
    """The command, then the request's stream state (the reply is its REST body; the clock is stream state)."""
    reply = _cmd(name, user, session, **args)
    return speaker_request_state(SpeakerRequest.objects.get(pk=reply["id"]))


def test_timer_deadlines_pause_resume_and_spoken_time(hall, settings):
    c = hall
    settings.NT = {**settings.NT, "SPEAKING_SECONDS": {"discussion": 420, "debate": 180, "procedural": 60}}
    replay = Replay(c.session)
    a, b = c.delegates[0], c.delegates[1]
    with time_machine.travel(SITTING_MORNING, tick=False) as clock:
        ra = _live("speaker.request", a.user, c.session, item=c.item.pk)
        rb = _live("speaker.request", b.user, c.session, item=c.item.pk, kind="debate")
        _cmd("speaker.order", c.secretariat, c.session, item=c.item.pk, requests=[rb["id"], ra["id"]])
        granted = _live("speaker.grant", c.secretariat, c.session, item=c.item.pk, person=b.pk)
        assert granted["state"] == "speaking"
        assert dt.datetime.fromisoformat(granted["clock"]["deadline"]) == SITTING_MORNING + dt.timedelta(seconds=180)
        clock.shift(dt.timedelta(seconds=100))
        paused = _live("speaker.pause", c.secretariat, c.session, request=rb["id"])
        assert paused["clock"]["deadline"] is None
        assert paused["clock"]["paused_remaining_ms"] == 80_000
        clock.shift(dt.timedelta(seconds=600))  # paused time does not count
        resumed = _live("speaker.resume", c.secretariat, c.session, request=rb["id"])
        assert dt.datetime.fromisoformat(resumed["clock"]["deadline"]) == SITTING_MORNING + dt.timedelta(seconds=780)
        clock.shift(dt.timedelta(seconds=110))  # 30 s over time: shown, not enforced
        ended = _live("speaker.end", c.secretariat, c.session, request=rb["id"])
        assert ended["clock"]["elapsed_ms"] == 210_000
        _cmd("speaker.grant", c.secretariat, c.session, item=c.item.pk, request=ra["id"])
        clock.shift(dt.timedelta(seconds=45))
        services.agenda_item_finish(actor=c.secretariat, item=c.item)  # leaving the item ends the speech
    state = speakers_state(session=c.session, audience="council")[str(c.item.pk)]
    assert state["floor"] is None and state["queue"] == []
    assert [r["person"]["id"] for r in state["done"]] == [b.pk, a.pk]
    assert speaking_time_by_delegate(session=c.session) == [
        {"person": b.pk, "name": b.full_name, "speeches": 1, "spoken_ms": 210_000},
        {"person": a.pk, "name": a.full_name, "speeches": 1, "spoken_ms": 45_000},
    ]
    frames = replay.check()
    types = [f["type"] for f in frames["council"]]
    assert types[:4] == ["speaker.requested", "speaker.requested", "speaker.queue_ordered", "speaker.granted"]
    assert types[-1] == "agenda.item_finished"


def test_granting_to_someone_not_in_the_queue_or_to_a_non_delegate_is_refused(hall):
    c = hall
    outsider = Person.objects.create(full_name="Khách Mời Thử")
    other = Council_(n=1)
    request = services.speaker_request(actor=c.delegates[0].user, item=c.item)
    cases = [
        ({"person": c.delegates[1].pk}, "speaker.not_in_queue"),
        ({"person": outsider.pk}, "speaker.not_delegate"),
        ({"person": other.delegates[0].pk}, "speaker.not_delegate"),
    ]
    for args, code in cases:
        with pytest.raises(ServiceError) as err:
            _cmd("speaker.grant", c.secretariat, c.session, item=c.item.pk, **args)
        assert err.value.code == code
    with pytest.raises(ServiceError) as err:
        services.speaker_request(actor=c.secretariat, item=c.item, person=outsider)
    assert err.value.code == "speaker.not_delegate"
    request.refresh_from_db()
    assert request.state == SpeakerState.WAITING
    assert SpeakerRequest.objects.count() == 1


def test_queue_rules_double_request_wrong_order_and_floor_taken(hall):
    c = hall
    a, b = c.delegates[0], c.delegates[1]
    ra = services.speaker_request(actor=a.user, item=c.item)
    with pytest.raises(ServiceError) as err:
        services.speaker_request(actor=a.user, item=c.item, kind="debate")
    assert err.value.code == "speaker.already_queued"
    rb = services.speaker_request(actor=b.user, item=c.item)
    with pytest.raises(ServiceError) as err:
        services.speaker_order(actor=c.secretariat, item=c.item, request_ids=[ra.pk])
    assert err.value.code == "agenda.order_mismatch"
    services.speaker_grant(actor=c.secretariat, item=c.item, request=ra)
    with pytest.raises(ServiceError) as err:
        services.speaker_grant(actor=c.secretariat, item=c.item, request=rb)
    assert err.value.code == "speaker.floor_taken"
    with pytest.raises(ServiceError) as err:
        services.speaker_withdraw(actor=c.delegates[2].user, request=rb)
    assert err.value.code == "permission.denied"
    services.speaker_withdraw(actor=b.user, request=rb)
    rb.refresh_from_db()
    assert rb.state == SpeakerState.WITHDRAWN


def test_commands_cannot_reach_another_sessions_objects(hall):
    c = hall
    other = Council_(n=1)
    other_item = services.agenda_item_create(actor=other.secretariat, session=other.session, title="Mục khác")
    with pytest.raises(ServiceError) as err:
        _cmd("speaker.request", c.delegates[0].user, c.session, item=other_item.pk)
    assert err.value.code == "not_found"
    with pytest.raises(ServiceError) as err:
        _cmd("agenda.next", other.secretariat, c.session, sitting=c.sitting.pk)
    assert err.value.code == "council.forbidden"
    for bad in ({"item": "1"}, {"item": True}, {"item": -3}, {}):
        with pytest.raises(ServiceError) as err:
            _cmd("speaker.request", c.delegates[0].user, c.session, **bad)
        assert err.value.code == "request.invalid"
    assert not SpeakerRequest.objects.exists()


def test_public_sees_no_speakers_of_a_closed_item(hall):
    c = hall
    services.speaker_request(actor=c.delegates[0].user, item=c.item)
    assert str(c.item.pk) in speakers_state(session=c.session, audience="public")
    replay = Replay(c.session)
    services.agenda_item_update(actor=c.secretariat, item=c.item, is_public=False)
    assert speakers_state(session=c.session, audience="public") == {}
    services.speaker_request(actor=c.delegates[1].user, item=c.item)
    frames = replay.check()
    assert [f["type"] for f in frames["public"]] == ["agenda.item_updated"]
