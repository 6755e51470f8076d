"""Which SECRET_KEY the product runs with, and the keys it refuses (docs/security.md).

- Development (``DEBUG=1`` on this machine only): the public development key, unless one is set.
- Hall mode (``NT_HALL=1``, set by ``make run HOST=0.0.0.0``): the key set, or one generated once into
  ``var/secret_key`` (readable by the owner only) and kept, so log-ins and QR cards survive a restart.
- Otherwise (``DEBUG=0``): the key must be set.

Wherever a key is needed beyond development, a known placeholder (the development key, the one in
``deploy/env.example``, Django's ``django-insecure-`` keys) or a short or repetitive key stops the start."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DEV_SECRET_KEY = "dev-only-insecure-key-nghi-truong-do-not-use-in-production-0123456789"
PLACEHOLDERS = {DEV_SECRET_KEY, "change-me-to-a-long-random-string-of-at-least-fifty-characters"}
MIN_LENGTH = 50
MIN_DISTINCT = 10


def secret_key_weak(key: str) -> str | None:
    """Why a key must not be used outside development, or None."""
    if key in PLACEHOLDERS or key.startswith("django-insecure") or "change-me" in key:
        return "a known placeholder"
    if len(key) < MIN_LENGTH:
        return f"shorter than {MIN_LENGTH} characters"
    if len(set(key)) < MIN_DISTINCT:
        return f"fewer than {MIN_DISTINCT} distinct characters"
    return None


def _generated_key(var_dir: Path) -> str:
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


def secret_key_choose(*, configured: str, debug: bool, hall: bool, var_dir: Path) -> str:
    if not configured and hall:
        configured = _generated_key(var_dir)
    if not configured:
        if debug:
            return DEV_SECRET_KEY
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0")
    if not debug or hall:
        reason = secret_key_weak(configured)
        if reason is not None:
            raise ImproperlyConfigured(f"SECRET_KEY is {reason}: set a long random key (docs/security.md)")
    return configured
