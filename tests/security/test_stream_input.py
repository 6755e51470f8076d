"""Hostile input on the session stream (issue 14, points 11-12), both endpoints: each bad frame gets its
documented answer (docs/realtime-protocol.md §6) and the socket, the server and the other sockets go on."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from config.routing import application
from tests.factories import Council_
from tests.realtime.conftest import command, council_path, open_socket, public_path, receive, stream_hub  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]


@pytest.fixture
def council():
    return Council_(n=1)


async def _both(council):
    user = await database_sync_to_async(lambda: council.secretariat)()
    return [
        await open_socket(council_path(council.session.pk), user=user),
        await open_socket(public_path(council.session.pk)),
    ]


@pytest.mark.parametrize("since", ["²", "1" * 4300, "-1", "1e3", "%00"])
async def test_a_bad_since_is_refused_with_its_code(council, since) -> None:
    ws = await open_socket(public_path(council.session.pk, f"since={since}"), expect_welcome=False)
    frame = await receive(ws, "error")
    assert frame["error"]["code"] == "request.invalid" and frame["close_code"] == 4400
    assert await ws.receive_output(timeout=2) == {"type": "websocket.close", "code": 4400}


async def test_deep_nesting_and_huge_numbers_are_answered(council, settings) -> None:
    settings.NT = {**settings.NT, "WS_MAX_FRAME_BYTES": 64 * 1024}
    for ws in await _both(council):
        await receive(ws, "snapshot")
        await ws.send_to(text_data="[" * 5000 + "]" * 5000)
        assert (await receive(ws, "reply"))["error"]["code"] == "request.malformed"
        await ws.send_to(text_data='{"id": "\\ud800", "cmd": "ping"}')  # a lone surrogate cannot be echoed
        assert (await receive(ws, "reply"))["error"]["code"] == "request.malformed"
        await ws.send_to(text_data=json.dumps({"id": "n", "cmd": "ping", "args": {"t": [[[[]]]] * 10}}))
        assert (await receive(ws, "reply"))["ok"] is True
        await ws.send_to(text_data='{"id": "s", "cmd": "stream.since", "args": {"seq": ' + "9" * 4000 + "}}")
        reply = await receive(ws, "reply")
        assert reply["error"]["code"] in {"request.malformed", "request.invalid"}
        await ws.send_to(text_data=json.dumps({"id": "s2", "cmd": "stream.since", "args": {"seq": 10**30}}))
        assert (await receive(ws, "reply"))["error"]["code"] == "request.invalid"
        assert (await command(ws, "ping", id="alive"))["ok"] is True
        await ws.disconnect()


async def _handshake(headers, path) -> bool:
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect()
    await communicator.disconnect()
    return connected


async def test_origin_must_be_this_host_even_with_debug(council, settings) -> None:
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["*"]
    path = public_path(council.session.pk)
    assert not await _handshake([(b"origin", b"http://evil.example"), (b"host", b"testserver")], path)
    assert not await _handshake([(b"host", b"testserver")], path)
    assert await _handshake([(b"origin", b"http://testserver"), (b"host", b"testserver")], path)
    settings.CSRF_TRUSTED_ORIGINS = ["https://hdnd.example.invalid"]
    assert await _handshake([(b"origin", b"https://hdnd.example.invalid"), (b"host", b"testserver")], path)


async def test_public_sockets_per_address_are_capped(council, settings) -> None:
    settings.NT = {**settings.NT, "WS_PUBLIC_SOCKETS_PER_ADDRESS": 3}
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    path = public_path(council.session.pk)
    open_ones = []
    for _ in range(3):
        communicator = WebsocketCommunicator(application, path, headers=headers)
        assert (await communicator.connect())[0]
        open_ones.append(communicator)
    assert not await _handshake(headers, path)
    await open_ones.pop().disconnect()
    assert await _handshake(headers, path)  # a closed socket frees its place
    for communicator in open_ones:
        await communicator.disconnect()
