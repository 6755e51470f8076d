"""A display-only screen follows the council stream with its key (no login): the snapshot and events, no
``me``, no write command; a wrong or revoked key is refused like an anonymous socket (4401)."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from frontend.display import display_access_issue, display_access_revoke
from tests.factories import Council_
from tests.realtime.conftest import command, council_path, open_socket, receive

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("stream_hub")]


async def _refused(path):
    ws = await open_socket(path, expect_welcome=False)
    frame = await receive(ws, "error")
    assert frame["error"]["code"] == "auth.required" and frame["close_code"] == 4401
    await ws.wait()


async def test_display_key_reads_the_council_stream_and_writes_nothing():
    council = await database_sync_to_async(Council_)(n=2)
    key = await database_sync_to_async(display_access_issue)(actor=council.secretariat, session=council.session)
    ws = await open_socket(council_path(council.session.pk, f"display={key}"), expect_welcome=True)
    snapshot = await receive(ws, "snapshot")
    assert snapshot["audience"] == "council" and snapshot.get("me") is None
    assert snapshot["state"]["display"] == {"mode": "live", "poll": None}
    for cmd, args in (("display.set", {"mode": "blank"}), ("agenda.next", {"sitting": 1}), ("me.state", {})):
        assert (await command(ws, cmd, args))["error"]["code"] == "stream.read_only"
    assert (await command(ws, "ping", {}))["ok"] is True
    await ws.disconnect()
    await _refused(council_path(council.session.pk, f"display={key}x"))
    other = await database_sync_to_async(Council_)(n=1)
    await _refused(council_path(other.session.pk, f"display={key}"))  # the key of another session
    await database_sync_to_async(display_access_revoke)(actor=council.secretariat, session=council.session)
    await _refused(council_path(council.session.pk, f"display={key}"))


async def _closed_as_revoked(ws):
    """Frames until the error: the socket is told why (stream.display_revoked) and closed with 4403."""
    while True:
        frame = await receive(ws)
        if frame["kind"] == "error":
            break
    assert frame["error"]["code"] == "stream.display_revoked" and frame["close_code"] == 4403
    close = await ws.receive_output(timeout=3)
    assert close == {"type": "websocket.close", "code": 4403}


async def test_revoking_the_link_closes_open_display_sockets_at_once():
    council = await database_sync_to_async(Council_)(n=2)
    key = await database_sync_to_async(display_access_issue)(actor=council.secretariat, session=council.session)
    hall = await open_socket(council_path(council.session.pk, f"display={key}"))
    await receive(hall, "snapshot")
    console = await open_socket(council_path(council.session.pk), user=council.secretariat)
    await receive(console, "snapshot")
    await database_sync_to_async(display_access_revoke)(actor=council.secretariat, session=council.session)
    await _closed_as_revoked(hall)
    # The logged-in console keeps streaming.
    assert (await command(console, "ping", {}))["ok"] is True
    await console.disconnect()


async def test_a_new_link_closes_the_sockets_of_the_old_one_not_its_own():
    council = await database_sync_to_async(Council_)(n=2)
    old = await database_sync_to_async(display_access_issue)(actor=council.secretariat, session=council.session)
    hall = await open_socket(council_path(council.session.pk, f"display={old}"))
    await receive(hall, "snapshot")
    new = await database_sync_to_async(display_access_issue)(actor=council.secretariat, session=council.session)
    await _closed_as_revoked(hall)
    fresh = await open_socket(council_path(council.session.pk, f"display={new}"))
    await receive(fresh, "snapshot")
    assert (await command(fresh, "ping", {}))["ok"] is True
    await fresh.disconnect()
    await _refused(council_path(council.session.pk, f"display={old}"))
