"""Commands over the socket: exactly one reply each, and every kind of bad input answered cleanly."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async

from core.errors import PERMISSION_DENIED, ServiceError
from realtime import registry
from realtime.registry import stream_command
from sessions_app.models import StreamEvent
from tests.factories import Council_
from tests.realtime.conftest import aemit, command, council_path, open_socket, public_path, receive

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]


@pytest.fixture
def council():
    return Council_(n=2)


@pytest.fixture
def test_commands():
    """Commands registered the way apps do it, removed afterwards."""
    calls = []

    def echo(*, user, session, args):
        calls.append((user.pk if user.is_authenticated else None, session.pk, args))
        return {"echo": args, "session": session.pk}

    def refuse(*, user, session, args):
        raise ServiceError(PERMISSION_DENIED)

    def crash(*, user, session, args):
        raise RuntimeError("boom")

    def unserializable(*, user, session, args):
        return {"value": object()}

    async def batched(*, user, session, args):
        calls.append(("async", session.pk, args))
        if args.get("refuse"):
            raise ServiceError(PERMISSION_DENIED)
        return {"awaited": True}

    stream_command("test.async")(batched)
    stream_command("test.echo", public=True)(echo)
    stream_command("test.write")(echo)
    stream_command("test.refuse")(refuse)
    stream_command("test.crash")(crash)
    stream_command("test.unserializable")(unserializable)
    yield calls
    for name in ("test.async", "test.echo", "test.write", "test.refuse", "test.crash", "test.unserializable"):
        registry.COMMANDS.pop(name)


async def _socket(council, public=False, query=""):
    if public:
        ws = await open_socket(public_path(council.session.pk, query))
    else:
        ws = await open_socket(council_path(council.session.pk, query), user=council.secretariat)
    await receive(ws, "snapshot")
    return ws


async def test_app_command_gets_one_ok_reply_with_its_id(council, test_commands):
    ws = await _socket(council)
    reply = await command(ws, "test.write", {"a": 1}, id="abc-1")
    assert reply == {
        "kind": "reply",
        "reply_to": "abc-1",
        "ok": True,
        "data": {"echo": {"a": 1}, "session": council.session.pk},
    }
    assert test_commands == [(council.secretariat.pk, council.session.pk, {"a": 1})]
    assert await ws.receive_nothing(timeout=0.1)
    reply = await command(ws, "test.write", id=7)
    assert reply["reply_to"] == 7 and reply["data"]["echo"] == {}
    await ws.disconnect()


async def test_coroutine_handlers_are_awaited_on_the_loop(council, test_commands):
    ws = await _socket(council)
    assert (await command(ws, "test.async", {"n": 1}, id="a"))["data"] == {"awaited": True}
    refused = await command(ws, "test.async", {"refuse": True}, id="b")
    assert refused["reply_to"] == "b" and refused["error"]["code"] == "permission.denied"
    assert test_commands == [("async", council.session.pk, {"n": 1}), ("async", council.session.pk, {"refuse": True})]
    await ws.disconnect()


async def test_refusal_crash_and_unserializable_reply_with_codes_and_socket_survives(council, test_commands):
    ws = await _socket(council, query="lang=en")
    refused = await command(ws, "test.refuse", id="r")
    assert refused["ok"] is False and refused["reply_to"] == "r"
    assert refused["error"]["code"] == "permission.denied"
    assert refused["error"]["message"] == "You are not allowed to do this."
    assert refused["error"]["messages"]["vi"] == "Tài khoản không có quyền thực hiện thao tác này."
    crashed = await command(ws, "test.crash", id="x")
    assert crashed["error"]["code"] == "server.error" and crashed["reply_to"] == "x"
    odd = await command(ws, "test.unserializable", id="u")
    assert odd["error"]["code"] == "server.error"
    assert (await command(ws, "ping", id="p"))["ok"] is True
    await ws.disconnect()


async def test_public_socket_runs_only_public_commands(council, test_commands):
    ws = await _socket(council, public=True)
    assert (await command(ws, "test.echo", {"q": 1}))["ok"] is True
    refused = await command(ws, "test.write", {"q": 1})
    assert refused["error"]["code"] == "stream.read_only"
    assert (await command(ws, "me.state"))["error"]["code"] == "stream.read_only"
    assert test_commands == [(None, council.session.pk, {"q": 1})]
    await ws.disconnect()


async def test_malformed_unknown_missing_id_and_bad_args(council):
    ws = await _socket(council)
    await ws.send_to(text_data="{not json")
    reply = await receive(ws, "reply")
    assert reply["reply_to"] is None and reply["error"]["code"] == "request.malformed"
    await ws.send_to(text_data="[1, 2]")
    assert (await receive(ws, "reply"))["error"]["code"] == "request.malformed"
    await ws.send_to(bytes_data=b"\x00\x01")
    assert (await receive(ws, "reply"))["error"]["code"] == "request.malformed"
    unknown = await command(ws, "no.such.thing", id="u1")
    assert unknown["reply_to"] == "u1" and unknown["error"]["code"] == "stream.command_unknown"
    assert "no.such.thing" in unknown["error"]["message"]
    for bad_id in (None, True, "x" * 65, {"a": 1}):
        reply = await command(ws, "ping", id=bad_id)
        assert reply["reply_to"] is None and reply["error"]["code"] == "stream.command_id_missing"
    await ws.send_json_to({"id": "n", "args": {}})
    assert (await receive(ws, "reply"))["error"]["code"] == "request.invalid"
    await ws.send_json_to({"id": "a", "cmd": "ping", "args": [1]})
    assert (await receive(ws, "reply"))["error"]["code"] == "request.invalid"
    assert (await command(ws, "ping", id="alive"))["ok"] is True
    await ws.disconnect()


async def test_oversized_frame_closes_with_4009_and_others_are_unaffected(council, settings):
    settings.NT = {**settings.NT, "WS_MAX_FRAME_BYTES": 1000}
    victim = await _socket(council)
    other = await _socket(council, public=True)
    await victim.send_to(text_data=json.dumps({"id": "big", "cmd": "ping", "args": {"pad": "ă" * 600}}))
    error = await receive(victim, "error")
    assert error["error"]["code"] == "stream.frame_too_large" and error["close_code"] == 4009
    assert await victim.receive_output(timeout=2) == {"type": "websocket.close", "code": 4009}
    await aemit(council.session.pk, "k", 1)
    assert (await receive(other, "event"))["seq"] == 1
    assert (await command(other, "ping"))["ok"] is True
    await other.disconnect()


async def test_flood_gets_throttled_replies_then_close_4429(council, settings):
    settings.NT = {**settings.NT, "WS_COMMANDS_PER_10S": 5}
    ws = await _socket(council)
    bystander = await _socket(council, public=True)
    for n in range(5):
        assert (await command(ws, "ping", id=n))["ok"] is True
    throttled = await command(ws, "ping", id="over")
    assert throttled["reply_to"] == "over" and throttled["error"]["code"] == "throttled"
    for n in range(3):
        assert (await command(ws, "ping", id=f"more{n}"))["error"]["code"] == "throttled"
    await ws.send_json_to({"id": "last", "cmd": "ping"})
    error = await receive(ws, "error")
    assert error["close_code"] == 4429 and error["error"]["code"] == "throttled"
    assert await ws.receive_output(timeout=2) == {"type": "websocket.close", "code": 4429}
    assert (await command(bystander, "ping"))["ok"] is True
    await bystander.disconnect()


async def test_ping_reports_server_time_and_echoes(council):
    ws = await _socket(council, public=True)
    reply = await command(ws, "ping", {"t": 123.5})
    assert reply["data"]["t"] == 123.5 and reply["data"]["server_time_ms"] > 1_600_000_000_000
    assert (await command(ws, "ping", {"t": "x"}))["data"]["t"] is None
    await ws.disconnect()


async def test_stream_since_returns_missing_events_or_a_snapshot(council):
    ws = await _socket(council, public=True)
    for n in range(3):
        await aemit(council.session.pk, f"k{n}", n)
    for _ in range(3):
        await receive(ws, "event")
    reply = await command(ws, "stream.since", {"seq": 1})
    assert [frame["seq"] for frame in reply["data"]["events"]] == [2, 3]
    assert (await command(ws, "stream.since", {"seq": 3}))["data"] == {"events": []}
    future = await command(ws, "stream.since", {"seq": 99})
    assert future["data"]["snapshot"]["kind"] == "snapshot"
    snapshot_seq = future["data"]["snapshot"]["seq"]
    assert [f["seq"] for f in future["data"]["events"]] == list(range(snapshot_seq + 1, 4))
    for bad in (-1, "2", None, True):
        assert (await command(ws, "stream.since", {"seq": bad}))["error"]["code"] == "request.invalid"
    await ws.disconnect()


async def test_stream_since_reads_the_log_and_gives_a_snapshot_once_pruned(council):
    for n in range(3):
        await aemit(council.session.pk, f"k{n}", n)
    await database_sync_to_async(lambda: StreamEvent.objects.filter(seq=1).delete())()
    ws = await _socket(council)
    from_log = await command(ws, "stream.since", {"seq": 1})
    assert [frame["seq"] for frame in from_log["data"]["events"]] == [2, 3]
    reply = await command(ws, "stream.since", {"seq": 0})
    assert reply["data"]["snapshot"]["seq"] == 3 and "me" in reply["data"]["snapshot"]
    assert reply["data"]["events"] == []
    await ws.disconnect()


async def test_me_state_for_logged_in_sockets(council):
    ws = await _socket(council)
    reply = await command(ws, "me.state")
    assert reply["ok"] is True and isinstance(reply["data"]["me"], dict)
    await ws.disconnect()


def test_builtin_command_names_cannot_be_registered():
    with pytest.raises(ValueError):
        stream_command("ping")(lambda **kwargs: None)
