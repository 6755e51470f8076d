"""What the stream core needs from the app that owns its scope, registered once at start-up.

``realtime`` imports no domain app: the app whose rows a stream belongs to (``sessions_app``: one stream
per session) registers a :class:`ScopeProvider` in its ``AppConfig.ready`` with :func:`scope_provider_set`.
The provider loads a scope and checks who may follow it, describes the logged-in user for the welcome
frame, and hands over the two storage tables of the event log (the stream's counters and its events,
both keyed by ``session_id``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model


@dataclass(frozen=True)
class ScopeProvider:
    """``scope_load(session_id=, user=, audience=)`` returns the scope a socket may follow (loaded once per
    socket) or raises ``ServiceError``; ``scope_get(session_id)`` loads it without a check (snapshots);
    ``user_describe(user)`` is the welcome frame's ``user``; ``stream_model`` has ``session_id``,
    ``last_seq``, ``last_public_seq``; ``event_model`` has ``session_id``, ``seq``, ``public_seq``,
    ``type``, ``created_at``, ``frame``, ``public_frame``."""

    scope_load: Callable[..., Any]
    scope_get: Callable[[int], Any]
    user_describe: Callable[[Any], dict[str, Any]]
    stream_model: type[Model]
    event_model: type[Model]


_provider: ScopeProvider | None = None


def scope_provider_set(provider: ScopeProvider) -> None:
    global _provider
    _provider = provider


def scope_provider() -> ScopeProvider:
    if _provider is None:
        raise RuntimeError("no stream scope provider registered (sessions_app registers it in AppConfig.ready)")
    return _provider
