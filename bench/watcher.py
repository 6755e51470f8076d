"""A receive-only WebSocket client for the bench's public viewers, as cheap per frame as Python allows.

The viewers share the server's cores, so what they spend per received frame is taken from the server.
With the ``websockets`` library a text frame cost a viewer process about 93 µs of CPU (frame reader
generator, message assembler, a future per ``recv``): 9,000 viewers × one event ≈ 0.8 s of CPU on a
2-core box. This client is an ``asyncio.BufferedProtocol``: the handshake is one request; each read lands
in the socket's own reused buffer (a plain ``Protocol`` gets a fresh 256 KiB ``recv`` buffer per read) and
is split into frames, every text frame handed to a callback, with no task or future per frame. It answers pings (masked pongs, as RFC 6455 §5.3 requires of clients) and closes
(the server's close frame is echoed); it never sends data. Delegates, who send votes, keep ``websockets``.
"""

from __future__ import annotations

import asyncio
import base64
import os
import struct
from collections.abc import Callable
from urllib.parse import urlsplit

OP_TEXT, OP_CLOSE, OP_PING = 0x1, 0x8, 0x9
MAX_HEAD = 64 * 1024
RECV_SIZE = 64 * 1024  # one buffer per socket, reused by every recv_into


class HandshakeError(Exception):
    pass


def _masked(opcode: int, payload: bytes) -> bytes:
    """A client frame (always masked) of a control opcode; control payloads are ≤ 125 bytes."""
    mask = os.urandom(4)
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload[:125]))
    return struct.pack("!BB", 0x80 | opcode, 0x80 | len(body)) + mask + body


class Watcher(asyncio.BufferedProtocol):
    """One public socket: ``on_text`` hears every text message in order; ``opened`` resolves after the
    server's 101 (or fails with ``HandshakeError``); ``closed`` resolves when the connection ends."""

    def __init__(self, request: bytes, on_text: Callable[[str], None]) -> None:
        loop = asyncio.get_running_loop()
        self.request, self.on_text = request, on_text
        self.opened: asyncio.Future[None] = loop.create_future()
        self.closed: asyncio.Future[None] = loop.create_future()
        self.buffer = bytearray()
        self.chunk = memoryview(bytearray(RECV_SIZE))
        self.upgraded = False
        self.partial: list[bytes] = []  # a fragmented text message's parts so far
        self.transport: asyncio.Transport | None = None
        self.ours = False  # the bench closed it (not the server or the network)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(self.request)

    def get_buffer(self, sizehint: int) -> memoryview:
        return self.chunk

    def buffer_updated(self, nbytes: int) -> None:
        self.data_received(self.chunk[:nbytes])

    def data_received(self, data: bytes | memoryview) -> None:
        self.buffer += data
        if not self.upgraded:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > MAX_HEAD:
                    self._fail("response head too long")
                return
            status = bytes(self.buffer[: self.buffer.find(b"\r\n")])
            if b" 101 " not in status + b" ":
                self._fail(status.decode(errors="replace"))
                return
            del self.buffer[: end + 4]
            self.upgraded = True
            self.opened.set_result(None)
        self._frames()

    def _frames(self) -> None:
        buffer, start, size = self.buffer, 0, len(self.buffer)
        while size - start >= 2:
            first, second = buffer[start], buffer[start + 1]
            length, head = second & 0x7F, 2
            if length == 126:
                if size - start < 4:
                    break
                length, head = struct.unpack_from("!H", buffer, start + 2)[0], 4
            elif length == 127:
                if size - start < 10:
                    break
                length, head = struct.unpack_from("!Q", buffer, start + 2)[0], 10
            if second & 0x80:
                self._fail("masked server frame")
                return
            end = start + head + length
            if end > size:
                break
            self._frame(first, bytes(buffer[start + head : end]))
            start = end
        del buffer[:start]

    def _frame(self, first: int, payload: bytes) -> None:
        opcode, final = first & 0x0F, first & 0x80
        if opcode == OP_PING:
            self._send(_masked(0xA, payload))
        elif opcode == OP_CLOSE:
            self._send(_masked(OP_CLOSE, payload[:2]))
            if self.transport is not None:
                self.transport.close()
        elif opcode == OP_TEXT or (opcode == 0 and self.partial):
            self.partial.append(payload)
            if final:
                text = b"".join(self.partial).decode()
                self.partial = []
                self.on_text(text)

    def _send(self, frame: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(frame)

    def _fail(self, reason: str) -> None:
        if not self.opened.done():
            self.opened.set_exception(HandshakeError(reason))
        if self.transport is not None:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.opened.done():
            self.opened.set_exception(HandshakeError(str(exc or "connection closed during the handshake")))
        if not self.closed.done():
            self.closed.set_result(None)

    def close(self) -> None:
        self.ours = True
        if self.transport is not None and not self.transport.is_closing():
            self._send(_masked(OP_CLOSE, struct.pack("!H", 1000)))
            self.transport.close()


async def watch_open(url: str, origin: str, on_text: Callable[[str], None], timeout: float = 60) -> Watcher:
    """Connect to ``url`` (ws://) and finish the handshake; the returned watcher is receiving."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET {parts.path or '/'}{'?' + parts.query if parts.query else ''} HTTP/1.1\r\n"
        f"Host: {parts.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
    ).encode()
    loop = asyncio.get_running_loop()
    _, watcher = await asyncio.wait_for(loop.create_connection(lambda: Watcher(request, on_text), host, port), timeout)
    await asyncio.wait_for(watcher.opened, timeout)
    return watcher
