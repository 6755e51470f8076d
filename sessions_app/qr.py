"""Rendering QR codes and the absolute URLs they carry."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def qr_login_url(request: HttpRequest, signed: str) -> str:
    """The absolute log-in URL a tablet camera opens: on ``NT["PUBLIC_BASE_URL"]`` when set, else on the
    address the secretariat's browser used."""
    path = reverse("qr-login", args=[signed])
    base = settings.NT["PUBLIC_BASE_URL"]
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def qr_svg(data: str) -> str:
    """An inline SVG of the QR code (medium error correction: survives a crease in a printed card)."""
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    return image.to_string(encoding="unicode")
