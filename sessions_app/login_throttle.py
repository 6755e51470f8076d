"""Throttling password log-ins per (username, client address).

After ``NT["LOGIN_FAILURES_MAX"]`` failures within ``NT["LOGIN_LOCK_SECONDS"]`` the pair is refused for
that long, with a clear message, even when the password is then right. Other users at the same hall
address are not affected, and an attacker cannot lock a delegate out from elsewhere for longer than one
lock period per address."""

from __future__ import annotations

import datetime as dt
import hashlib
import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.errors import LOGIN_THROTTLED, ServiceError
from sessions_app.models import LoginThrottle


def _key(username: str, address: str) -> str:
    return hashlib.sha256(f"{username.strip().casefold()}\x00{address}".encode()).hexdigest()


def _period() -> dt.timedelta:
    return dt.timedelta(seconds=settings.NT["LOGIN_LOCK_SECONDS"])


def login_throttle_check(*, username: str, address: str) -> None:
    """Raise ``login.throttled`` while the pair is locked."""
    row = LoginThrottle.objects.filter(key=_key(username, address)).first()
    now = timezone.now()
    if row is not None and row.locked_until is not None and row.locked_until > now:
        minutes = max(1, math.ceil((row.locked_until - now).total_seconds() / 60))
        raise ServiceError(LOGIN_THROTTLED, minutes=minutes)


def login_failure_record(*, username: str, address: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        row, _ = LoginThrottle.objects.select_for_update().get_or_create(
            key=_key(username, address), defaults={"window_started_at": now}
        )
        if now - row.window_started_at > _period():
            row.failures, row.window_started_at, row.locked_until = 0, now, None
        row.failures += 1
        if row.failures >= settings.NT["LOGIN_FAILURES_MAX"]:
            row.locked_until = now + _period()
        row.save()


def login_success_record(*, username: str, address: str) -> None:
    LoginThrottle.objects.filter(key=_key(username, address)).delete()
