"""The real server (``python -m config.server``, the one entry point): bodies over the limit refused before
they are read, WebSocket fuzz on both endpoints with no traceback in the server log, receipts kept out of
the access log. Memory is measured and reported (docs/security.md), not asserted."""

from __future__ import annotations

import asyncio
import json
import socket
import urllib.request

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from bench.session_load import Server

pytestmark = pytest.mark.embedded
MB = 1024 * 1024


@pytest.fixture(scope="module")
def live():
    server = Server(keep=False)
    server.env.update({"NT_UPLOAD_MAX_BYTES": str(4 * MB), "NT_BENCH_TIMING": "0", "LOG_LEVEL": "INFO"})
    info = server.prepare(delegates=2)
    server.start()
    yield server, info
    server.stop()


def _post(port: int, head: bytes, body_mb: int, chunked: bool) -> tuple[bytes, int]:
    """Send the head, then up to ``body_mb`` MB; return the status line and how many MB went out."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head)
        chunk = b"x" * MB
        try:
            for _ in range(body_mb):
                sock.sendall(b"%x\r\n" % MB + chunk + b"\r\n" if chunked else chunk)
                sent += 1
        except OSError:
            pass
        return sock.recv(4096).split(b"\r\n")[0], sent


def test_an_announced_oversized_body_is_refused_before_it_is_read(live) -> None:
    server, _ = live
    head = (
        b"POST /api/polls/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % (200 * MB)
    )
    status, sent = _post(server.port, head, 200, chunked=False)
    assert status == b"HTTP/1.1 413 Content Too Large"
    assert sent < 200


def test_a_chunked_oversized_body_is_cut_at_the_limit(live) -> None:
    server, _ = live
    head = b"POST /api/polls/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
    status, sent = _post(server.port, head, 200, chunked=True)
    assert status == b"HTTP/1.1 413 Content Too Large"
    assert sent < 200


def test_a_whole_chunked_body_over_the_limit_in_one_write(live) -> None:
    """The body's end may arrive with the bytes that pass the limit: still 413, no traceback (checked below)."""
    server, _ = live
    body = b"".join(b"%x\r\n" % (256 * 1024) + b"y" * (256 * 1024) + b"\r\n" for _ in range(24)) + b"0\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        try:
            sock.sendall(b"POST /api/polls/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
        except OSError:
            pass
        assert sock.recv(4096).startswith(b"HTTP/1.1 413")


def test_a_body_within_the_limit_reaches_the_application(live) -> None:
    server, _ = live
    request = urllib.request.Request(
        f"{server.url}/api/polls/",
        data=b"{" + b" " * MB + b"}",
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        assert error.code in {400, 401, 403}  # the application answered (anonymous, bad poll)


@pytest.mark.parametrize(
    "body",
    [b"--c637--\r\n", b'garbage\r\nContent-Disposition: form-data; name="x"\r\n\r\n', b"--c637\r\n\r\n"],
)
def test_a_malformed_multipart_body_is_answered_by_the_application(live, body) -> None:
    """Twisted would parse a multipart body itself and answer a malformed one with an empty 400; the server
    leaves the body to the application, which answers in its error shape (here: not logged in)."""
    server, _ = live
    request = urllib.request.Request(
        f"{server.url}/api/sessions/",
        data=body,
        method="POST",
        headers={"Content-Type": "multipart/form-data; boundary=c637"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 401
    assert refused.value.headers["Content-Type"].startswith("application/json")
    assert json.loads(refused.value.read())["error"]["code"] == "auth.required"


def test_receipts_stay_out_of_the_access_log(live) -> None:
    """Receipts are checked on the tablet against the public board: the old receipt URL is gone, and a
    request for it leaves no receipt in the server's log."""
    server, _ = live
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{server.url}/api/polls/999999/receipts/QZXW-7KPM-R2TB/", timeout=10)
    assert refused.value.code == 404
    log = (server.dir / "daphne.log").read_text(errors="replace")
    assert "QZXW" not in log


FUZZ = [
    "not json",
    "",
    "[]",
    "null",
    "42",
    '"text"',
    "{",
    '{"id": null}',
    '{"id": true, "cmd": "ping"}',
    '{"id": "x" }',
    '{"id": "' + "i" * 100 + '", "cmd": "ping"}',
    '{"id": 1, "cmd": 5}',
    '{"id": 1, "cmd": "ping", "args": []}',
    '{"id": 1, "cmd": "nope"}',
    '{"id": 1, "cmd": "vote.cast", "args": {"poll": "x"}}',
    '{"id": 1, "cmd": "stream.since", "args": {"seq": -1}}',
    '{"id": 1, "cmd": "stream.since", "args": {"seq": 1e308}}',
    '{"id": 1, "cmd": "stream.since", "args": {"seq": ' + "9" * 4000 + "}}",
    "[" * 5000 + "]" * 5000,
    '{"id": 1, "cmd": "ping", "args": {"t": NaN}}',
    '{"id": "\\ud800", "cmd": "ping"}',
    "\x00\x01\x02",
]


async def _fuzz(url: str, origin: str, cookie: str | None) -> list[dict]:
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    replies = []
    async with connect(url, origin=origin, additional_headers=headers, max_size=None) as ws:
        while json.loads(await ws.recv())["kind"] != "snapshot":
            pass
        for frame in FUZZ:
            await ws.send(frame)
            while True:
                message = json.loads(await asyncio.wait_for(ws.recv(), 10))
                if message["kind"] == "reply":
                    replies.append(message)
                    break
        await ws.send(b"\x00binary")
        replies.append(json.loads(await asyncio.wait_for(ws.recv(), 10)))
        await ws.send("x" * (64 * 1024))  # over NT_WS_MAX_FRAME_BYTES: the server closes with 1009
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                await asyncio.wait_for(ws.recv(), 10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    return replies


def test_websocket_fuzz_on_both_endpoints_answers_every_frame_without_a_traceback(live) -> None:
    server, info = live
    origin = server.url
    base = server.url.replace("http://", "ws://")
    for path, cookie in (
        (f"/ws/public/sessions/{info['session']}/", None),
        (f"/ws/sessions/{info['session']}/", info["secretariat"]["cookie"]),
    ):
        replies = asyncio.run(_fuzz(base + path, origin, cookie))
        assert len(replies) == len(FUZZ) + 1
        assert all(r["ok"] is False and r["error"]["code"] for r in replies), replies
        codes = {r["error"]["code"] for r in replies}
        assert codes <= {
            "request.malformed",
            "request.invalid",
            "stream.command_id_missing",
            "stream.command_unknown",
            "stream.read_only",
        }, codes
    log = (server.dir / "daphne.log").read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]
