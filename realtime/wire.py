"""Writing text frames straight to Daphne's sockets.

Daphne's ASGI ``send`` hands each message through autobahn to Twisted, which buffers it, registers the
socket for writing and sends it on the next reactor turn (two ``epoll_ctl`` calls, one ``send`` and
several layers of Python per message). For fan-out to thousands of sockets that is most of the server's
time. A server frame is unmasked and, without compression, the same bytes for every socket, so the
hub builds it once (``text_frame``) and ``SocketWriter.write_now`` writes it with one ``send`` call when
the socket has nothing queued; otherwise (other servers, TLS, compression, a socket mid-message or with
buffered data) it falls back to Twisted's buffer or to the ASGI ``send``, which keeps the order."""

from __future__ import annotations

import functools
import struct
from collections.abc import Awaitable, Callable
from typing import Any

try:
    from twisted.internet.tcp import Connection as TcpConnection
except ImportError:  # another ASGI server without Twisted: every write goes through the ASGI send
    TcpConnection = None  # type: ignore[assignment,misc]

Send = Callable[[dict[str, Any]], Awaitable[None]]


def text_frame(text: str) -> bytes:
    """One final, unmasked WebSocket text frame (RFC 6455 §5.2) carrying ``text``."""
    payload = text.encode()
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", 0x81, size)
    elif size < 1 << 16:
        head = struct.pack("!BBH", 0x81, 126, size)
    else:
        head = struct.pack("!BBQ", 0x81, 127, size)
    return head + payload


def _daphne_target(send: Any) -> tuple[Any, Any] | None:
    """(server, protocol) when ``send`` is Daphne's reply callable for a plain TCP WebSocket."""
    if not isinstance(send, functools.partial) or len(send.args) != 1:
        return None
    server = getattr(send.func, "__self__", None)
    protocol = send.args[0]
    try:
        from autobahn.websocket.protocol import WebSocketProtocol
        from daphne.server import Server
    except ImportError:
        return None
    if not isinstance(server, Server) or not isinstance(protocol, WebSocketProtocol):
        return None
    if not plain_tcp(getattr(protocol, "transport", None)):
        return None
    return server, protocol


class SocketWriter:
    """The ASGI ``send`` of one socket, with a synchronous fast path for prepared text frames."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.target = _daphne_target(send)

    async def __call__(self, message: dict[str, Any]) -> None:
        text = message.get("text") if message.get("type") == "websocket.send" else None
        if text is None or not self.write_now(text_frame(text)):
            await self.send(message)

    def write_now(self, frame: bytes) -> bool:
        """Write ``frame`` now, or return False: the caller must then use the ASGI ``send``."""
        if self.target is None:
            return False
        server, protocol = self.target
        details = server.connections.get(protocol)
        if details is None or "disconnected" in details:
            return True  # Daphne drops messages to closed sockets too
        if (
            protocol.state != protocol.STATE_OPEN
            or protocol.send_state != protocol.SEND_STATE_GROUND
            or protocol.send_queue
            or protocol._perMessageCompress is not None
        ):
            return False
        transport = protocol.transport
        if transport.disconnecting or not transport.connected:
            return True
        socket_write(transport, frame)
        return True


def plain_tcp(transport: Any) -> bool:
    """True for a Twisted TCP connection without TLS (the only kind ``socket_write`` may write to)."""
    return TcpConnection is not None and isinstance(transport, TcpConnection) and not getattr(transport, "TLS", False)


def socket_write(transport: Any, data: bytes) -> None:
    """Write ``data`` to a plain Twisted TCP connection: with one ``send`` when nothing is queued (Twisted would
    register the socket for writing and send on the reactor's next turn: two ``epoll_ctl`` calls and one
    ``send``), otherwise behind what is queued, so the order is kept."""
    if transport.dataBuffer or transport._tempDataBuffer:
        transport.write(data)
        return
    try:
        sent = transport.socket.send(data)
    except BlockingIOError:
        sent = 0
    except OSError:
        transport.write(data)  # Twisted notices the broken connection and closes it
        return
    if sent < len(data):
        transport.write(data[sent:])
