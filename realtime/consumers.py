"""The WebSocket endpoints of the session stream (protocol: docs/realtime-protocol.md).

A plain ASGI application rather than a Channels consumer: no channel-layer channel per socket (the
process's hub does all layer traffic), no database hop per frame. Incoming frames are checked (size,
rate, JSON, id, command) and answered with exactly one reply each; handlers of app commands run in a
database thread and call services, which do every permission check."""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import re
import time
from importlib import import_module
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import AnonymousUser
from django.http.cookie import parse_cookie
from django.utils import translation

from core.errors import AUTH_REQUIRED, REQUEST_INVALID, REQUEST_MALFORMED, THROTTLED, ServiceError, service_error_from
from realtime import errors
from realtime.hub import StreamHub, Subscriber, hub_get, snapshot_frame_text
from realtime.publish import frame_text
from realtime.registry import COMMANDS, DISPLAY_ACCESS, Audience
from realtime.scope import scope_provider
from realtime.snapshot import snapshot_personal
from realtime.throttle import TokenBucket
from realtime.wire import SocketWriter

logger = logging.getLogger(__name__)
bench_logger = logging.getLogger("nt.bench")

PROTOCOL_VERSION = 1
# 1.1: personal frames are sent (docs/realtime-protocol.md §5); additive, 1.0 clients unaffected.
# 1.2: a declared write replies with its REST body (§3.2), as its REST action does.
PROTOCOL_MINOR = 3
MAX_ID_LENGTH = 64
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
MAX_SEQ_DIGITS = 18  # a stream sequence number fits a signed 64-bit integer


def stream_session_for(*, user: Any, session_id: int, audience: Audience) -> Any:
    """The session a socket may follow, or the ServiceError that refuses it (the scope provider decides)."""
    return scope_provider().scope_load(session_id=session_id, user=user, audience=audience)


def _cookie_user(session_key: str) -> Any:
    """The user of a Django session cookie (AnonymousUser when absent, expired or logged out). Done here,
    after the socket is accepted, rather than in middleware before it: under a connection storm the
    database queue must not hold handshakes past the server's handshake timeout."""
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key or None)
    return auth.get_user(SimpleNamespace(session=store))  # type: ignore[arg-type]  # only .session is read


def _display_entry(*, key: str, session_id: int) -> Any:
    """A display-only screen: its key must be granted by a registered ``display_access`` check."""
    if not key or len(key) > 200 or not any(check(session_id, key) for check in DISPLAY_ACCESS):
        raise ServiceError(AUTH_REQUIRED)
    return scope_provider().scope_get(session_id)


def _council_entry(*, user: Any, session_id: int) -> tuple[Any, dict[str, Any]]:
    """One database hop for a logged-in socket: the access check and the user's own state."""
    session = stream_session_for(user=user, session_id=session_id, audience="council")
    return session, snapshot_personal(session=session, user=user)


class _PublicSessions:
    """Per-process memory of which sessions may be followed publicly, kept ``TTL`` seconds and read once
    however many viewers connect at the same moment (one database read, not one per viewer)."""

    TTL = 2.0

    def __init__(self) -> None:
        self.known: dict[int, tuple[float, asyncio.Future[Any]]] = {}

    async def get(self, session_id: int) -> Any:
        now = time.monotonic()
        loop = asyncio.get_running_loop()
        entry = self.known.get(session_id)
        if entry is None or entry[0] < now or entry[1].get_loop() is not loop:
            future = loop.create_future()
            entry = self.known[session_id] = (now + self.TTL, future)
            try:
                future.set_result(
                    await database_sync_to_async(stream_session_for)(
                        user=None, session_id=session_id, audience="public"
                    )
                )
            except Exception as exc:
                future.set_exception(exc)
        return await asyncio.shield(entry[1])


_public_sessions = _PublicSessions()


def _run_command(handler: Any, *, user: Any, session: Any, args: dict[str, Any], language: str) -> Any:
    with translation.override(language):
        return handler(user=user, session=session, args=args)


def _language(cookies: dict[str, str], query: dict[str, list[str]]) -> str:
    """``?lang=en`` on the URL, else Django's language cookie, else Vietnamese."""
    wanted = (query.get("lang") or [""])[0] or cookies.get(settings.LANGUAGE_COOKIE_NAME, "")
    return "en" if wanted.lower().startswith("en") else "vi"


class StreamConnection:
    """One socket from connect to disconnect."""

    def __init__(self, scope: dict[str, Any], receive: Any, send: Any, audience: Audience) -> None:
        self.scope = scope
        self.receive = receive
        self.send = SocketWriter(send)
        self.audience = audience
        self.query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        self.cookies = parse_cookie(dict(scope.get("headers", [])).get(b"cookie", b"").decode("latin-1"))
        self.language = _language(self.cookies, self.query)
        self.user: Any = AnonymousUser()
        self.session_id = int(scope["url_route"]["kwargs"]["session_id"])
        self.max_bytes = settings.NT["WS_MAX_FRAME_BYTES"]
        self.capacity = settings.NT["WS_COMMANDS_PER_10S"]
        self.bucket = TokenBucket(self.capacity)
        self.strikes = 0
        self.hub: StreamHub | None = None
        self.sub: Subscriber | None = None
        self.session: Any = None
        self.open = True
        self.display_key = (self.query.get("display") or [""])[0] if audience == "council" else ""

    @property
    def logged_in(self) -> bool:
        return self.audience == "council" and not self.display_key

    async def run(self) -> None:
        message = await self.receive()
        if message["type"] != "websocket.connect":
            return
        await self.send({"type": "websocket.accept"})
        try:
            await self._start()
            while self.open:
                message = await self.receive()
                if message["type"] == "websocket.disconnect":
                    break
                if message["type"] == "websocket.receive":
                    await self._on_frame(message.get("text"), message.get("bytes"))
        except ServiceError as error:
            await self._close_with(error, errors.CLOSE_FOR_STATUS.get(error.status, errors.CLOSE_BAD_REQUEST))
        finally:
            if self.hub is not None and self.sub is not None:
                await self.hub.detach(self.sub)

    async def _start(self) -> None:
        since = self._since_param()
        self.hub = await hub_get()
        me = None
        if self.display_key:
            self.session = await database_sync_to_async(_display_entry)(
                key=self.display_key, session_id=self.session_id
            )
            self.sub = Subscriber(self.send, self.session_id, self.audience, kick=self._display_revoked)
        elif self.logged_in:
            self.user = await database_sync_to_async(_cookie_user)(self.cookies.get(settings.SESSION_COOKIE_NAME, ""))
            if not self.user.is_authenticated:
                raise ServiceError(AUTH_REQUIRED)
            self.sub = Subscriber(self.send, self.session_id, self.audience, user_id=self.user.pk)
            await self.hub.user_join(self.sub)
            self.session, me = await database_sync_to_async(_council_entry)(user=self.user, session_id=self.session_id)
        else:
            self.session = await _public_sessions.get(self.session_id)
            self.sub = Subscriber(self.send, self.session_id, self.audience)
        await self._send_frame(self._welcome(self.session, self.sub.user_id))
        await self.hub.attach(self.sub, since=since, me=me)

    async def _display_revoked(self) -> None:
        """The hub closes this display-only socket: its link was revoked or replaced."""
        await self._close_with(ServiceError(errors.DISPLAY_REVOKED), errors.CLOSE_FORBIDDEN)

    def _since_param(self) -> int | None:
        raw = (self.query.get("since") or [None])[0]
        if raw is None:
            return None
        if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_SEQ_DIGITS:  # "²" is a digit to isdigit()
            raise ServiceError(REQUEST_INVALID, details={"since": "must be a whole number >= 0"})
        return int(raw)

    async def _me(self) -> dict[str, Any]:
        me: dict[str, Any] = await database_sync_to_async(snapshot_personal)(session=self.session, user=self.user)
        return me

    def _welcome(self, session: Any, user_id: int | None) -> dict[str, Any]:
        user = None if user_id is None else scope_provider().user_describe(self.user)
        return {
            "kind": "welcome",
            "protocol": PROTOCOL_VERSION,
            "protocol_minor": PROTOCOL_MINOR,
            "session": session.pk,
            "audience": self.audience,
            "user": user,
            "lang": self.language,
            "server_time_ms": int(time.time() * 1000),
            "limits": {"max_frame_bytes": self.max_bytes, "commands_per_10s": self.capacity},
        }

    # Frames from the client -------------------------------------------------------------------------

    async def _on_frame(self, text: str | None, data: bytes | None) -> None:
        size = len(text.encode()) if text is not None else len(data or b"")
        if size > self.max_bytes:
            error = ServiceError(errors.FRAME_TOO_LARGE, limit=self.max_bytes)
            await self._close_with(error, errors.CLOSE_TOO_LARGE)
            return
        command = self._parse(text)
        command_id = command.get("id") if isinstance(command, dict) else None
        if not self.bucket.take():
            self.strikes += 1
            if self.strikes >= self.capacity:
                await self._close_with(ServiceError(THROTTLED, wait=self.bucket.wait_seconds()), errors.CLOSE_FLOOD)
                return
            await self._reply_error(command_id, ServiceError(THROTTLED, wait=self.bucket.wait_seconds()))
            return
        self.strikes = 0
        if command is None or not isinstance(command, dict):
            await self._reply_error(None, ServiceError(REQUEST_MALFORMED))
            return
        if (
            not isinstance(command_id, (str, int))
            or isinstance(command_id, bool)
            or len(str(command_id)) > MAX_ID_LENGTH
        ):
            await self._reply_error(None, ServiceError(errors.COMMAND_ID_MISSING))
            return
        name, args = command.get("cmd"), command.get("args", {})
        if not isinstance(name, str) or not isinstance(args, dict):
            await self._reply_error(
                command_id, ServiceError(REQUEST_INVALID, details={"expected": {"cmd": "string", "args": "object"}})
            )
            return
        await self._dispatch(command_id, name, args)

    @staticmethod
    def _parse(text: str | None) -> Any:
        if text is None:
            return None
        try:
            value = json.loads(text, parse_constant=_not_json)
            if SURROGATE_ESCAPE.search(text):  # "\ud800" decodes to a string no reply can encode back
                json.dumps(value, ensure_ascii=False).encode()
            return value
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser's stack
            return None

    async def _dispatch(self, command_id: str | int, name: str, args: dict[str, Any]) -> None:
        started = time.perf_counter()
        try:
            await self._dispatch_timed(command_id, name, args)
        finally:
            if settings.NT["BENCH_TIMING"]:
                bench_logger.warning("command %s %.3f ms", name, (time.perf_counter() - started) * 1000)

    async def _dispatch_timed(self, command_id: str | int, name: str, args: dict[str, Any]) -> None:
        builtin = BUILTINS.get(name)
        try:
            if builtin is not None:
                await builtin(self, command_id, args)
                return
            spec = COMMANDS.get(name)
            if spec is None:
                raise ServiceError(errors.COMMAND_UNKNOWN, cmd=name[:64])
            if not self.logged_in and not spec.public:
                raise ServiceError(errors.READ_ONLY, cmd=name)
            if inspect.iscoroutinefunction(spec.handler):
                with translation.override(self.language):
                    result = await spec.handler(user=self.user, session=self.session, args=args)
            else:
                result = await database_sync_to_async(_run_command)(
                    spec.handler, user=self.user, session=self.session, args=args, language=self.language
                )
            await self._send_text(frame_text({"kind": "reply", "reply_to": command_id, "ok": True, "data": result}))
        except Exception as exc:
            error = service_error_from(exc)
            if error is None:
                logger.exception("stream command %s failed", name)
                error = ServiceError(errors.SERVER_ERROR)
            await self._reply_error(command_id, error)

    # Built-in commands ------------------------------------------------------------------------------

    async def _cmd_ping(self, command_id: str | int, args: dict[str, Any]) -> None:
        echo = args.get("t")
        data = {"server_time_ms": int(time.time() * 1000), "t": echo if isinstance(echo, (int, float)) else None}
        await self._reply_ok(command_id, data)

    async def _cmd_since(self, command_id: str | int, args: dict[str, Any]) -> None:
        seq = args.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 10**MAX_SEQ_DIGITS:
            raise ServiceError(REQUEST_INVALID, details={"seq": "must be a whole number >= 0"})
        hub = self._hub()
        texts = await hub.frames_since(self.session_id, self.audience, seq)
        if texts is not None:
            await self._send_text(self._reply_head(command_id) + '{"events":[' + ",".join(texts) + "]}}")
            return
        feed = await hub.feed(self.session_id)
        snapshot_seq, state_text = await hub.snapshot(feed, self.audience)
        events = await hub.frames_since(self.session_id, self.audience, snapshot_seq) or []
        me = await self._me() if self.logged_in else None
        snapshot = snapshot_frame_text(
            session_id=self.session_id, audience=self.audience, seq=snapshot_seq, state_text=state_text, me=me
        )
        await self._send_text(
            self._reply_head(command_id) + '{"snapshot":' + snapshot + ',"events":[' + ",".join(events) + "]}}"
        )

    async def _cmd_me(self, command_id: str | int, args: dict[str, Any]) -> None:
        if not self.logged_in:
            raise ServiceError(errors.READ_ONLY, cmd="me.state")
        await self._reply_ok(command_id, {"me": await self._me()})

    def _hub(self) -> StreamHub:
        if self.hub is None:
            raise RuntimeError("the socket's hub is set when it starts")
        return self.hub

    # Frames to the client ---------------------------------------------------------------------------

    def _reply_head(self, command_id: str | int) -> str:
        return '{"kind":"reply","reply_to":' + frame_text(command_id) + ',"ok":true,"data":'

    async def _reply_ok(self, command_id: str | int, data: Any) -> None:
        await self._send_frame({"kind": "reply", "reply_to": command_id, "ok": True, "data": data})

    async def _reply_error(self, command_id: str | int | None, error: ServiceError) -> None:
        await self._send_frame(
            {"kind": "reply", "reply_to": command_id, "ok": False, "error": error.as_dict(self.language)}
        )

    async def _close_with(self, error: ServiceError, code: int) -> None:
        await self._send_frame({"kind": "error", "error": error.as_dict(self.language), "close_code": code})
        await self.send({"type": "websocket.close", "code": code})
        self.open = False

    async def _send_frame(self, frame: dict[str, Any]) -> None:
        await self._send_text(frame_text(frame))

    async def _send_text(self, text: str) -> None:
        await self.send({"type": "websocket.send", "text": text})


BUILTINS = {
    "ping": StreamConnection._cmd_ping,
    "stream.since": StreamConnection._cmd_since,
    "me.state": StreamConnection._cmd_me,
}


def _not_json(word: str) -> None:
    """NaN and Infinity are Python's, not JSON's: a reply echoing them would not parse in a browser."""
    raise ValueError(word)


def stream_app(audience: Audience) -> Any:
    """The ASGI application of one endpoint (council or public audience)."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await StreamConnection(scope, receive, send, audience).run()

    return app
