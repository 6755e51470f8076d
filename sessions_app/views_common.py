"""Shared pieces of the HTML pages: the error page every refusal renders, and how a tablet check-in is
recorded (``qr`` when this browser logged in with a QR card printed for that sitting)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.errors import ServiceError
from sessions_app.models import CheckInMethod, Sitting

QR_SITTING_SESSION_KEY = "nt_qr_sitting"


def error_page(request: HttpRequest, error: ServiceError) -> HttpResponse:
    """The stable code and both messages, with the error's HTTP status."""
    return render(request, "sessions_app/error.html", {"error": error}, status=error.status)


def service_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Render a ``ServiceError`` raised by the view (or the services it calls) as the error page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ServiceError as error:
            return error_page(request, error)

    return wrapper


def tablet_checkin_method(request: HttpRequest, sitting: Sitting) -> str:
    return CheckInMethod.QR if request.session.get(QR_SITTING_SESSION_KEY) == sitting.pk else CheckInMethod.TABLET
