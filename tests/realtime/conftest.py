"""Helpers for the session stream tests: real ASGI application, real session cookies, the real hub."""

from __future__ import annotations

from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connections, transaction
from django.test import Client

from config.routing import application
from realtime.hub import hub_stop
from realtime.log import EventForm, stream_emit
from realtime.patch import patch_put

ORIGIN = [(b"origin", b"http://testserver"), (b"host", b"testserver")]


@pytest.fixture
async def stream_hub():
    yield
    await hub_stop()
    await database_sync_to_async(connections.close_all)()  # the database thread's connection


def login_cookie(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


async def open_socket(path: str, *, user: Any = None, expect_welcome: bool = True) -> WebsocketCommunicator:
    headers = list(ORIGIN)
    if user is not None:
        cookie = await database_sync_to_async(login_cookie)(user)
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect()
    assert connected
    if expect_welcome:
        welcome = await communicator.receive_json_from()
        assert welcome["kind"] == "welcome", welcome
    return communicator


def council_path(session_id: int, query: str = "") -> str:
    return f"/ws/sessions/{session_id}/" + (f"?{query}" if query else "")


def public_path(session_id: int, query: str = "") -> str:
    return f"/ws/public/sessions/{session_id}/" + (f"?{query}" if query else "")


def emit(session_id: int, key: str, value: Any, *, public: Any = "same") -> None:
    """Append one test event putting ``things/<key>``; ``public=None`` makes it council-only."""
    with transaction.atomic():
        council = EventForm({"key": key}, [patch_put("things", key, value=value)])
        if public == "same":
            public_form = council
        elif public is None:
            public_form = None
        else:
            public_form = EventForm({"key": key}, [patch_put("things", key, value=public)])
        stream_emit(session_id=session_id, type="thing.changed", council=council, public=public_form)


aemit = database_sync_to_async(emit)


async def receive(communicator: WebsocketCommunicator, kind: str | None = None, timeout: float = 3) -> dict[str, Any]:
    frame = await communicator.receive_json_from(timeout=timeout)
    if kind is not None:
        assert frame["kind"] == kind, frame
    return frame


async def command(communicator: WebsocketCommunicator, cmd: str, args: Any = None, id: Any = "c1") -> dict[str, Any]:
    """Send a command and return its reply (events arriving meanwhile are skipped)."""
    message: dict[str, Any] = {"id": id, "cmd": cmd}
    if args is not None:
        message["args"] = args
    await communicator.send_json_to(message)
    while True:
        frame = await receive(communicator)
        if frame["kind"] == "reply":
            return frame
