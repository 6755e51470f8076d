"""CSRF for the REST API: Django's own check, refused with its own error code (``csrf.failed``) rather than the
generic ``permission.denied``. A module of its own because REST framework imports it from its settings."""

from __future__ import annotations

from typing import Any

from rest_framework.authentication import CSRFCheck, SessionAuthentication

from core.errors import ServiceError
from sessions_app import errors


def csrf_check(request: Any) -> None:
    """Django's CSRF check (cookie + ``X-CSRFToken`` header, and Origin/Referer under HTTPS)."""
    check = CSRFCheck(lambda req: None)
    check.process_request(request)
    reason = check.process_view(request, None, (), {})
    if reason:
        raise ServiceError(errors.CSRF_FAILED, details={"reason": str(reason)})


class CsrfSessionAuthentication(SessionAuthentication):
    """DRF's session authentication, whose CSRF refusal carries ``csrf.failed``."""

    def enforce_csrf(self, request: Any) -> None:
        csrf_check(request)
