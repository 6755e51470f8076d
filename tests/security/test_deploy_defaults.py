"""Deployment defaults (issue 14, points 13-14): CSP and Permissions-Policy headers; SECRET_KEY placeholders
refused; the hall mode's own safe defaults; the server entry point refuses client-trusted proxy headers."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from config.keys import DEV_SECRET_KEY, secret_key_choose
from config.server import daphne_args, hall_mode

ROOT = Path(django_settings.BASE_DIR)
EXAMPLE_KEY = next(
    line.split("=", 1)[1]
    for line in (ROOT / "deploy" / "env.example").read_text().splitlines()
    if line.startswith("SECRET_KEY=")
)


@pytest.mark.django_db
def test_pages_carry_csp_and_permissions_policy(client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "unsafe-eval" not in policy
    assert "camera=()" in response["Permissions-Policy"]


def test_no_template_has_inline_script_or_handlers() -> None:
    """The CSP allows scripts from this site only (and the request's nonce): inline script without the nonce or
    on*= handlers would silently stop working."""
    import re

    offenders = []
    for template in ROOT.glob("*/templates/**/*.html"):
        text = template.read_text()
        if re.search(r"<script(?![^>]*\b(src|nonce|type=\"application/json\")=?)[^>]*>", text) or re.search(
            r"\son[a-z]+=", text
        ):
            offenders.append(str(template.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.parametrize("key", [DEV_SECRET_KEY, EXAMPLE_KEY, "django-insecure-" + "x1" * 30, "short-key", "a" * 60])
def test_weak_keys_are_refused_without_debug(key, tmp_path) -> None:
    with pytest.raises(ImproperlyConfigured):
        secret_key_choose(configured=key, debug=False, hall=False, var_dir=tmp_path)


def test_hall_mode_generates_and_keeps_a_private_key(tmp_path) -> None:
    key = secret_key_choose(configured="", debug=False, hall=True, var_dir=tmp_path)
    assert len(key) >= 50 and key != DEV_SECRET_KEY
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert secret_key_choose(configured="", debug=False, hall=True, var_dir=tmp_path) == key
    with pytest.raises(ImproperlyConfigured):  # DEBUG=1 on the hall network still never takes the public key
        secret_key_choose(configured=DEV_SECRET_KEY, debug=True, hall=True, var_dir=tmp_path)


def _settings_in(env_extra: dict[str, str], tmp_path: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "NT_HALL"}}
    env.update(NT_VAR_DIR=str(tmp_path), **env_extra)
    code = (
        "import django, os; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECRET_KEY == open(os.path.join(os.environ['NT_VAR_DIR'], 'secret_key')).read().strip(), "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.STORAGES['staticfiles']['BACKEND'].split('.')[-1])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout.strip() or result.stderr


def test_hall_mode_settings(tmp_path) -> None:
    # config.staticfiles.StaticStorage: WhiteNoise's CompressedManifestStaticFilesStorage without source maps
    assert _settings_in({"NT_HALL": "1"}, tmp_path) == "False True False False StaticStorage"


def test_production_refuses_the_example_key(tmp_path) -> None:
    assert "SECRET_KEY is a known placeholder" in _settings_in(
        {"DEBUG": "0", "SECRET_KEY": EXAMPLE_KEY, "ALLOWED_HOSTS": "hdnd.example.invalid"}, tmp_path
    )
    good = secrets.token_urlsafe(64)
    assert "placeholder" not in _settings_in({"DEBUG": "0", "SECRET_KEY": good, "ALLOWED_HOSTS": "x.invalid"}, tmp_path)


def test_the_server_entry_point() -> None:
    assert hall_mode("0.0.0.0") and not hall_mode("127.0.0.1")
    assert daphne_args(["--host", "0.0.0.0", "--port", "8000"]) == ["-b", "0.0.0.0", "-p", "8000"]
    with pytest.raises(SystemExit):
        daphne_args(["--proxy-headers"])
    makefile = (ROOT / "Makefile").read_text()
    assert "-m config.server" in makefile and "--proxy-headers" not in makefile
