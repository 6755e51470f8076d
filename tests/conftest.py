"""Test tiers: the fast tier runs everywhere; ``services`` tests need PostgreSQL and Redis; ``browser`` tests
need the system Chromium. Without them those tests skip, except under CI=true, where they fail."""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_configure(config: pytest.Config) -> None:
    """Log-in is tested, password hashing strength is not: PBKDF2's million rounds per user made fixtures that
    create fifty delegates take most of the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _missing(item: pytest.Item) -> str | None:
    if item.get_closest_marker("services"):
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or not settings.REDIS_URL:
            return "needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)"
    if item.get_closest_marker("browser") and not CHROMIUM:
        return "needs the system Chromium (apt-get install chromium)"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    reason = _missing(item)
    if reason is None:
        return
    if IN_CI:
        pytest.fail(f"CI=true but this test {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_rate_counts() -> None:
    """REST and log-in rate counts live in the cache (Redis in the services tier): each test starts with none."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=True)
        keys = client.keys(cache.make_key("throttle_*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _stream_frames_match_their_schemas(monkeypatch) -> None:
    """Every event a service emits and every reply of an app's command, in every test, is checked against
    realtime/schemas/stream.json (as Zulip checks its events against event_schema.py)."""
    import inspect

    from realtime import emit as emit_module
    from realtime import registry
    from tests.stream_schemas import frame_errors, reply_errors

    original = emit_module.stream_emit

    def checked_emit(**kwargs):
        event = original(**kwargs)
        for frame in (event.frame, event.public_frame):
            if frame is not None:
                assert not frame_errors(frame), (frame["type"], frame_errors(frame))
        return event

    monkeypatch.setattr(emit_module, "stream_emit", checked_emit)

    def checked(spec):
        def check(result):
            assert not reply_errors(spec.name, result), (spec.name, reply_errors(spec.name, result))
            return result

        if inspect.iscoroutinefunction(spec.handler):

            async def handler(**kwargs):
                return check(await spec.handler(**kwargs))
        else:

            def handler(**kwargs):
                return check(spec.handler(**kwargs))

        return registry.CommandSpec(spec.name, handler, spec.public)

    for name, spec in list(registry.COMMANDS.items()):
        monkeypatch.setitem(registry.COMMANDS, name, checked(spec))


@pytest.fixture
def pushed(monkeypatch) -> list[dict]:
    """The personal frames sent after commit, one dict per frame (user_id, session_id, type, data, patch)."""
    sent: list[dict] = []

    def push(*, session_id, type, frames) -> None:  # the service's argument names
        sent.extend(
            {"user_id": user_id, "session_id": session_id, "type": type, "data": data, "patch": patch}
            for user_id, data, patch in frames
        )

    monkeypatch.setattr("sessions_app.personal.stream_push_personal", push)
    return sent
