"""The one way to start the product's server: ``python -m config.server [--host H] [--port P] [daphne options]``.

``make run``, the tests that start a real server, the load bench and deploy/ all use it. It is Daphne with
two limits that must act before the application, in the server layer (docs/security.md):

- Request bodies: Daphne hands the application a body only once it has received all of it, and then queues
  it whole; a refused 200 MB POST cost 700 MB+. Here a body over ``NT_REQUEST_MAX_BYTES`` (the upload limit
  plus 1 MB for the form around the file) is refused with 413 ``request.too_large`` as soon as its
  Content-Length is read, or, for a chunked body, as soon as the bytes received pass the limit; the
  connection is closed without reading the rest.
- WebSocket messages: Autobahn refuses a frame or message over ``NT_WS_MAX_FRAME_BYTES`` itself and closes
  with 1009 (the application's own check closes with 4009, see docs/realtime-protocol.md).

and one cost cut: every frame Autobahn writes (replies, pings, closes) goes out with one ``send`` when the
socket has nothing queued (``realtime.wire.socket_write``). Daphne pings every idle socket each 20 s; with
thousands of viewers those pings were a quarter of the event loop's time during a vote.

The access log never holds a ballot receipt (``config.redact``). Forwarded headers are never trusted here (Daphne's ``--proxy-headers`` takes the left-most, client-written
address); ``config.proxy`` reads them behind a configured proxy only.
"""

from __future__ import annotations

import io
import json
import os
import sys
from typing import Any

from daphne import cli as daphne_cli
from daphne import server as daphne_server
from daphne.access import AccessLogGenerator
from daphne.cli import CommandLineInterface
from daphne.http_protocol import HTTPFactory, WebRequest
from daphne.ws_protocol import WebSocketFactory, WebSocketProtocol

from config.redact import receipt_redact
from core.errors import REQUEST_TOO_LARGE, ServiceError
from realtime.wire import plain_tcp, socket_write

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def request_max_bytes() -> int:
    upload = int(os.environ.get("NT_UPLOAD_MAX_BYTES") or 50 * 1024 * 1024)
    return int(os.environ.get("NT_REQUEST_MAX_BYTES") or upload + 1024 * 1024)


def too_large_response(limit: int) -> bytes:
    """The 413 answer, in the error shape of the REST API (``core.errors``), written by the server itself."""
    error = ServiceError(REQUEST_TOO_LARGE, mb=round(limit / (1024 * 1024)), details={"limit_bytes": limit})
    body = json.dumps({"error": error.as_dict("vi")}, ensure_ascii=False).encode()
    head = (
        b"HTTP/1.1 413 Content Too Large\r\nContent-Type: application/json; charset=utf-8\r\n"
        b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n"
    )
    return head + body


class LimitedWebRequest(WebRequest):
    """Daphne's request, refusing an over-limit body before it is stored or queued."""

    max_bytes = request_max_bytes()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Twisted would parse a POSTed form or multipart body into ``args`` (a second copy of an upload, which
        # Daphne never reads) and answer a malformed one with an empty 400; the application parses the body
        # and answers in its error shape.
        self._parsePOSTFormSubmission = False
        self.body_received = 0
        self.body_refused = False

    def gotLength(self, length: int | None) -> None:  # noqa: N802 (Twisted's name)
        super().gotLength(length)
        if length is not None and length > self.max_bytes:
            self._refuse()

    def handleContentChunk(self, data: bytes) -> None:  # noqa: N802
        if self.body_refused:
            return
        self.body_received += len(data)
        if self.body_received > self.max_bytes:
            self._refuse()
            return
        super().handleContentChunk(data)

    def process(self) -> Any:
        if self.body_refused:
            return None
        return super().process()

    def _refuse(self) -> None:
        self.body_refused = True
        self.content.close()
        self.content = io.BytesIO()  # Twisted may still seek it if the body's end came in the same read
        transport = self.channel.transport if self.channel is not None else None
        if transport is not None:
            transport.write(too_large_response(self.max_bytes))
            transport.loseConnection()


class LimitedHTTPFactory(HTTPFactory):
    def buildProtocol(self, addr: Any) -> Any:  # noqa: N802
        protocol = super().buildProtocol(addr)
        protocol.requestFactory = LimitedWebRequest
        return protocol


class QuickWebSocketProtocol(WebSocketProtocol):
    """Daphne's WebSocket protocol, writing each frame at once when it can (see the module's docstring)."""

    def sendData(self, data: bytes, sync: bool = False, chopsize: int | None = None) -> None:  # noqa: N802
        if sync or chopsize or self.send_queue or not plain_tcp(self.transport):
            super().sendData(data, sync, chopsize)
            return
        socket_write(self.transport, data)


class LimitedWebSocketFactory(WebSocketFactory):
    protocol = QuickWebSocketProtocol

    def setProtocolOptions(self, **options: Any) -> None:  # noqa: N802
        limit = int(os.environ.get("NT_WS_MAX_FRAME_BYTES") or 16 * 1024)
        # Daphne passes its own limits (1 MB); failByDrop=False: a close frame with 1009, not a dropped connection
        options.update(maxFramePayloadSize=limit, maxMessagePayloadSize=limit, failByDrop=False)
        super().setProtocolOptions(**options)


class RedactedAccessLog(AccessLogGenerator):
    """Daphne's access log without ballot receipts (and without the client address of a receipt check)."""

    def write_entry(self, host: Any, date: Any, request: str, *args: Any, **kwargs: Any) -> None:
        redacted = receipt_redact(request)
        super().write_entry("-" if redacted != request else host, date, redacted, *args, **kwargs)


def hall_mode(host: str) -> bool:
    """Serving beyond this machine (the hall network) without an explicit DEBUG: the safe defaults apply."""
    return host not in LOOPBACK


def daphne_args(argv: list[str]) -> list[str]:
    """Our ``--host``/``--port`` become Daphne's ``-b``/``-p``; ``--proxy-headers`` is refused (see above)."""
    if any(arg.startswith("--proxy-headers") for arg in argv):
        raise SystemExit(
            "--proxy-headers trusts a client-written address; set BEHIND_PROXY=1 instead (docs/security.md)"
        )
    args, rest = [], list(argv)
    while rest:
        arg = rest.pop(0)
        if arg in {"--host", "--port"} and rest:
            args += ["-b" if arg == "--host" else "-p", rest.pop(0)]
        else:
            args.append(arg)
    return args


def main(argv: list[str] | None = None) -> None:
    args = daphne_args(sys.argv[1:] if argv is None else argv)
    if "-b" in args and hall_mode(args[args.index("-b") + 1]):
        os.environ.setdefault("NT_HALL", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    daphne_server.HTTPFactory = LimitedHTTPFactory  # Daphne's Server builds its factories from these names
    daphne_server.WebSocketFactory = LimitedWebSocketFactory
    daphne_cli.AccessLogGenerator = RedactedAccessLog
    if not any(a == "-b" or a.startswith(("--bind", "-u", "--fd")) for a in args):
        args = ["-b", "127.0.0.1", *args]
    CommandLineInterface().run([*args, "config.asgi:application"])


if __name__ == "__main__":
    main()
