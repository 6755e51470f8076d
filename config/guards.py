"""ASGI layers in front of the whole application (docs/security.md):

- ``ForwardedClient``: with ``BEHIND_PROXY=1`` only, and only for connections from ``TRUSTED_PROXIES``, the
  client address is the right-most X-Forwarded-For entry that is not a trusted proxy (the one our proxy
  saw; whatever the client wrote itself stands to the left and is ignored). Otherwise the header is ignored.
- ``SameOrigin``: a WebSocket is accepted only from a page of this very host (its Origin's host:port equals
  the Host header) or from an origin in ``CSRF_TRUSTED_ORIGINS``, with DEBUG on or off; no Origin, no socket.
- ``SocketCap``: at most ``NT_WS_PUBLIC_SOCKETS_PER_ADDRESS`` public-stream sockets per client address in one
  server process; more are refused at the handshake (HTTP 403), before any work is done for them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

PUBLIC_STREAM_PREFIX = "/ws/public/"


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def forwarded_client(peer: str, forwarded_for: str | None, trusted: set[str]) -> str:
    """The client address: the peer itself unless it is a trusted proxy that forwarded one."""
    if peer not in trusted or not forwarded_for:
        return peer
    for entry in reversed([part.strip() for part in forwarded_for.split(",")]):
        if entry and entry not in trusted:
            return entry
    return peer


class ForwardedClient:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        client = scope.get("client")
        if settings.BEHIND_PROXY and scope["type"] in {"http", "websocket"} and client:
            address = forwarded_client(client[0], _header(scope, b"x-forwarded-for"), set(settings.TRUSTED_PROXIES))
            if address != client[0]:
                scope = {**scope, "client": (address, 0)}
        await self.app(scope, receive, send)


async def _deny(receive: Any, send: Any) -> None:
    message = await receive()
    if message["type"] == "websocket.connect":
        await send({"type": "websocket.close", "code": 4403})


def origin_allowed(origin: str | None, host: str | None) -> bool:
    if not origin or not host:
        return False
    parts = urlsplit(origin)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return False
    if parts.netloc.lower() == host.lower():
        return True
    return f"{parts.scheme}://{parts.netloc}".lower() in {o.lower().rstrip("/") for o in settings.CSRF_TRUSTED_ORIGINS}


class SameOrigin:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "websocket" and not origin_allowed(_header(scope, b"origin"), _header(scope, b"host")):
            await _deny(receive, send)
            return
        await self.app(scope, receive, send)


class SocketCap:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.open: Counter[str] = Counter()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "websocket" or not scope.get("path", "").startswith(PUBLIC_STREAM_PREFIX):
            await self.app(scope, receive, send)
            return
        address = (scope.get("client") or ("",))[0]
        if self.open[address] >= settings.NT["WS_PUBLIC_SOCKETS_PER_ADDRESS"]:
            await _deny(receive, send)
            return
        self.open[address] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.open[address] -= 1
            if self.open[address] <= 0:
                del self.open[address]
