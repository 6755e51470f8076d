"""Who may open which socket, what they get first, and which events reach which audience."""

from __future__ import annotations

import datetime as dt

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from config.routing import application
from realtime.patch import patch_apply
from realtime.snapshot import snapshot_build
from sessions_app.models import AttendanceStatus, CheckInMethod, Session
from sessions_app.services import attendance_check_in, attendance_mark, sitting_create
from tests.factories import Council_, make_session
from tests.realtime.conftest import ORIGIN, aemit, command, council_path, open_socket, public_path, receive

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]


@pytest.fixture
def council():
    return Council_(n=3)


async def _check_in(c, person):
    await database_sync_to_async(attendance_check_in)(
        actor=person.user, sitting=c.sitting, person=person, method=CheckInMethod.TABLET
    )


async def test_delegate_gets_welcome_snapshot_with_me_then_events(council):
    delegate = council.delegates[0]
    user = await database_sync_to_async(lambda: delegate.user)()
    ws = await open_socket(council_path(council.session.pk), user=user)
    snapshot = await receive(ws, "snapshot")
    assert snapshot["audience"] == "council" and snapshot["session"] == council.session.pk
    assert snapshot["seq"] == 0 and "me" in snapshot
    assert snapshot["state"]["sittings"][str(council.sitting.pk)]["attendance"]["present"] == 0
    await _check_in(council, delegate)
    event = await receive(ws, "event")
    assert event["seq"] == 1 and event["type"] == "attendance.changed"
    state = patch_apply(snapshot["state"], event["patch"])
    assert state["sittings"][str(council.sitting.pk)]["attendance"]["present"] == 1
    await ws.disconnect()


async def test_snapshot_plus_events_equals_new_snapshot(council):
    secretariat = council.secretariat
    ws = await open_socket(council_path(council.session.pk), user=secretariat)
    public = await open_socket(public_path(council.session.pk))
    old = {"council": await receive(ws, "snapshot"), "public": await receive(public, "snapshot")}
    for delegate in council.delegates:
        await _check_in(council, delegate)
    closed_door = await database_sync_to_async(sitting_create)(
        actor=secretariat,
        session=council.session,
        number=2,
        date=council.session.start_date,
        start_time=dt.time(14, 0),
        is_closed_door=True,
        closed_door_decision="HĐND biểu quyết họp kín",
    )
    await database_sync_to_async(attendance_mark)(
        actor=secretariat, sitting=closed_door, person=council.delegates[0], status=AttendanceStatus.EXCUSED
    )
    states = {"council": old["council"]["state"], "public": old["public"]["state"]}
    for audience, socket, count in (("council", ws, 5), ("public", public, 5)):
        for _ in range(count):
            states[audience] = patch_apply(states[audience], (await receive(socket, "event"))["patch"])
        assert await socket.receive_nothing(timeout=0.2)
    for audience in ("council", "public"):
        fresh = await database_sync_to_async(_fresh_snapshot)(council.session.pk, audience)
        assert fresh["seq"] == 5
        assert states[audience] == fresh["state"]
    assert "attendance" in states["council"]["sittings"][str(closed_door.pk)]
    assert "attendance" not in states["public"]["sittings"][str(closed_door.pk)]
    late = await open_socket(public_path(council.session.pk))
    late_state = (await receive(late, "snapshot"))["state"]
    while not await late.receive_nothing(timeout=0.2):
        late_state = patch_apply(late_state, (await receive(late, "event"))["patch"])
    assert late_state == states["public"]
    for socket in (ws, public, late):
        await socket.disconnect()


def _fresh_snapshot(session_id, audience):
    return snapshot_build(session=Session.objects.get(pk=session_id), audience=audience)


async def test_private_event_never_reaches_public_and_public_seq_has_no_hole(council):
    ws = await open_socket(public_path(council.session.pk))
    assert (await receive(ws, "snapshot"))["seq"] == 0
    await aemit(council.session.pk, "a", 1, public=None)
    await aemit(council.session.pk, "b", 2)
    event = await receive(ws, "event")
    assert event["seq"] == 1 and event["data"] == {"key": "b"}
    assert await ws.receive_nothing(timeout=0.2)
    await ws.disconnect()


async def test_closed_door_sitting_shows_the_public_no_attendance():
    c = await database_sync_to_async(Council_)(n=2)
    c.sitting.is_closed_door = True
    await database_sync_to_async(c.sitting.save)()
    public = await open_socket(public_path(c.session.pk))
    snapshot = await receive(public, "snapshot")
    assert "attendance" not in snapshot["state"]["sittings"][str(c.sitting.pk)]
    delegate = c.delegates[0]
    await database_sync_to_async(lambda: delegate.user)()
    await _check_in(c, delegate)
    event = await receive(public, "event")
    assert "attendance" not in event["patch"][0]["value"] and event["data"] == {}
    await public.disconnect()


async def _refused(path, user, code, close_code):
    ws = await open_socket(path, user=user, expect_welcome=False)
    frame = await receive(ws, "error")
    assert frame["error"]["code"] == code and frame["close_code"] == close_code
    assert set(frame["error"]["messages"]) == {"vi", "en"}
    closed = await ws.receive_output(timeout=2)
    assert closed == {"type": "websocket.close", "code": close_code}
    await ws.wait()


async def test_council_socket_refuses_anonymous_other_council_unknown_session(council):
    other = await database_sync_to_async(Council_)(n=1)
    await _refused(council_path(council.session.pk), None, "auth.required", 4401)
    await _refused(council_path(council.session.pk), other.secretariat, "council.forbidden", 4403)
    other_delegate = await database_sync_to_async(lambda: other.delegates[0].user)()
    await _refused(council_path(council.session.pk), other_delegate, "council.forbidden", 4403)
    await _refused(council_path(999999), council.secretariat, "not_found", 4404)


async def test_public_socket_refuses_a_non_public_session(council):
    closed = await database_sync_to_async(make_session)(council.council, council.term, number=2, public=False)
    await _refused(public_path(closed.pk), None, "stream.not_public", 4403)
    await _refused(public_path(999999), None, "not_found", 4404)


async def test_invalid_since_parameter_is_refused(council):
    await _refused(public_path(council.session.pk, "since=abc"), None, "request.invalid", 4400)


async def test_language_from_query_and_cookie(council):
    ws = await open_socket(council_path(council.session.pk, "lang=en"), user=None, expect_welcome=False)
    frame = await receive(ws, "error")
    assert frame["error"]["message"] == "You must log in to do this."
    await ws.wait()
    ws = await open_socket(council_path(council.session.pk), user=None, expect_welcome=False)
    assert (await receive(ws, "error"))["error"]["message"].startswith("Cần đăng nhập")
    await ws.wait()
    ws = WebsocketCommunicator(
        application, public_path(council.session.pk), headers=[*ORIGIN, (b"cookie", b"django_language=en")]
    )
    await ws.connect()
    assert (await receive(ws, "welcome"))["lang"] == "en"
    await receive(ws, "snapshot")
    assert (await command(ws, "stream.since", {"seq": -1}))["error"]["message"].startswith("The submitted")
    await ws.disconnect()


async def test_unknown_session_cookie_is_not_logged_in(council):
    ws = WebsocketCommunicator(
        application, council_path(council.session.pk), headers=[*ORIGIN, (b"cookie", b"sessionid=forged-or-expired")]
    )
    await ws.connect()
    frame = await receive(ws, "error")
    assert frame["error"]["code"] == "auth.required" and frame["close_code"] == 4401
    await ws.wait()
