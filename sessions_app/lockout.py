"""Password lock-out for every password entry point (the log-in page, /admin/login/, the REST log-in): django-axes
counts failures per (username, client address) in the database, so every server process sees the same count.

After ``NT["LOGIN_FAILURES_MAX"]`` failures the pair is refused for ``NT["LOGIN_LOCK_SECONDS"]``, even with the
right password, with the ``login.throttled`` message; the lock ends by itself after that time, or earlier when an
administrator deletes the attempt in the admin (Axes → Access attempts) or runs ``manage.py axes_reset_username``.
Other users at the same hall address are not affected. The address is the connection's own (``REMOTE_ADDR``);
behind a configured proxy, ``config.proxy`` has already put the client's address there (docs/security.md)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from asgiref.sync import sync_to_async
from axes.helpers import get_lockout_response
from axes.middleware import AxesMiddleware
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from core.errors import THROTTLED, ServiceError
from sessions_app.errors import LOGIN_THROTTLED


def failure_limit(request: HttpRequest | None, credentials: dict[str, Any] | None) -> int:
    return settings.NT["LOGIN_FAILURES_MAX"]


def lock_period(request: HttpRequest | None = None) -> dt.timedelta:
    return dt.timedelta(seconds=settings.NT["LOGIN_LOCK_SECONDS"])


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The name as typed, case-folded: "ThuKy.A" and "thuky.a" share one count."""
    raw = (credentials or {}).get("username") or (request.POST.get("username") if request.method == "POST" else "")
    return str(raw).strip().casefold()


def lockout_error(request: HttpRequest) -> ServiceError:
    """``login.throttled`` with the minutes left for this request's (username, address)."""
    attempts = AccessAttempt.objects.filter(ip_address=client_address(request))
    username = username_of(request, None)
    if username:
        attempts = attempts.filter(username=username)
    latest = attempts.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
    left = lock_period().total_seconds()
    if latest is not None:
        left = (latest + lock_period() - timezone.now()).total_seconds()
    return ServiceError(LOGIN_THROTTLED, minutes=max(1, math.ceil(left / 60)))


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """Axes' answer to a locked request: the page as the form rendered it (with the message), as 429; for the
    REST API the error body."""
    if request.path.startswith("/api/") or not isinstance(original_response, HttpResponse):
        error = lockout_error(request)
        return JsonResponse({"error": error.as_dict()}, status=error.status)
    original_response.status_code = 429
    return original_response


class LockoutMiddleware(AxesMiddleware):
    """Axes' middleware, passing the rendered page to ``lockout_response`` on the async path too (Axes 8.3
    drops it there)."""

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        response = await self.get_response(request)
        if settings.AXES_ENABLED and getattr(request, "axes_locked_out", None):
            credentials = getattr(request, "axes_credentials", None)
            response = await sync_to_async(get_lockout_response, thread_sensitive=True)(request, response, credentials)
        return response


class LoginRateThrottle(SimpleRateThrottle):
    """``THROTTLE_LOGIN`` (10/min): password attempts per address, whatever the username, in the cache (Redis
    when configured, so every process shares the count). The REST log-in uses it as its throttle class."""

    scope = "login"

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class LockoutFormMixin:
    """For Django's authentication forms: too many attempts from one address get ``throttled``; a locked pair
    gets ``login.throttled`` instead of "wrong password"."""

    def clean(self) -> dict[str, Any]:
        request = getattr(self, "request", None)
        if request is not None:
            throttle = LoginRateThrottle()
            if not throttle.allow_request(request, None):
                error = ServiceError(THROTTLED, wait=math.ceil(throttle.wait() or 1))
                raise forms.ValidationError(error.message(), code=error.code)
        try:
            return super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            request = getattr(self, "request", None)
            if request is not None and getattr(request, "axes_locked_out", False):
                error = lockout_error(request)
                raise forms.ValidationError(error.message(), code=error.code) from None
            raise
