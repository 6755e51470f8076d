"""Plain Django views of sessions_app: the health check and the home page."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sessions_app.models import SessionStatus
from sessions_app.permissions import can_manage_council, is_council_delegate
from sessions_app.selectors import sessions_visible

logger = logging.getLogger(__name__)


def _redis_ok() -> bool:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        return bool(client.ping())
    finally:
        client.close()


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database (and Redis, when configured) answers; 503 naming what does not."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        logger.exception("health check: database")
        checks["database"] = "error"
    if settings.REDIS_URL:
        try:
            checks["redis"] = "ok" if _redis_ok() else "error"
        except Exception:
            logger.exception("health check: redis")
            checks["redis"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


def home(request: HttpRequest) -> HttpResponse:
    """Current and upcoming sessions the user may see, with the actions their role allows."""
    sessions = (
        sessions_visible(user=request.user)
        .exclude(status=SessionStatus.CLOSED)
        .prefetch_related("sittings")
        .order_by("start_date", "pk")[:20]
    )
    rows = [
        {
            "session": session,
            "manage": can_manage_council(request.user, session.council_id),
            "delegate": is_council_delegate(request.user, session.council_id, on=session.start_date),
        }
        for session in sessions
    ]
    return render(request, "sessions_app/home.html", {"rows": rows})
