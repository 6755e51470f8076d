"""Fuzzing the whole REST API from its OpenAPI schema with schemathesis, against a live Daphne server on a
fresh SQLite database with the demo data: no server error, and every response (status, content type, body)
as the schema documents it. Bounded (a few examples per operation, fixed seed) to stay in the fast tier."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

from bench.session_load import ROOT, Server

pytestmark = pytest.mark.embedded

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.fixture(scope="module")
def live_demo() -> Iterator[Server]:
    server = Server(keep=False)
    server.env["THROTTLE_ANON"] = "100000/min"  # the fuzzer, not the rate limit, is under test here
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=server.env, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--force"], cwd=ROOT, env=server.env, check=True, capture_output=True
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _schemathesis(server: Server, tmp_path, *extra: str, checks: str = CHECKS) -> None:
    cli = shutil.which("schemathesis", path=str(ROOT / ".venv" / "bin")) or shutil.which("schemathesis")
    assert cli, "schemathesis is a dev dependency (pip install -e .[dev])"
    run = subprocess.run(
        [
            cli,
            "run",
            f"{server.url}/api/schema/",
            "--checks",
            checks,
            "--max-examples",
            "5",
            "--phases",
            "examples,fuzzing",
            "--seed",
            "20260701",
            "--no-shrink",
            "--continue-on-failure",
            "--request-timeout",
            "20",
            "--generation-database",
            "none",
            *extra,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]


def test_the_api_matches_its_schema_under_fuzzing(live_demo, tmp_path):
    _schemathesis(live_demo, tmp_path)


def _secretariat_cookie(server: Server) -> str:
    """A session of the demo province's secretariat, and a CSRF token, as request headers' values."""
    code = (
        "import django; django.setup(); from django.contrib.auth import get_user_model; "
        "from django.contrib.sessions.backends.db import SessionStore; from demo.councils import PROVINCE; "
        "user = get_user_model().objects.get(username=PROVINCE.secretariat_username); s = SessionStore(); "
        "s['_auth_user_id'] = str(user.pk); s['_auth_user_backend'] = 'django.contrib.auth.backends.ModelBackend'; "
        "s['_auth_user_hash'] = user.get_session_auth_hash(); s.create(); print(s.session_key)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=server.env, check=True, capture_output=True, text=True
    ).stdout.strip()


def test_every_read_as_the_secretariat_matches_its_schema(live_demo, tmp_path):
    """Logged in as the demo province's secretariat: every GET operation, which now reaches private data."""
    _schemathesis(
        live_demo, tmp_path, "--include-method", "GET", "-H", f"Cookie: sessionid={_secretariat_cookie(live_demo)}"
    )


def test_writes_as_the_secretariat_never_fail_the_server(live_demo, tmp_path):
    """Every write operation as the secretariat, on this disposable database (runs after the reads): refusals
    are fine, a server error is not."""
    csrf = "nghitruong" * 3 + "hd"  # 32 characters, as Django expects of an unmasked token
    cookie = f"sessionid={_secretariat_cookie(live_demo)}; csrftoken={csrf}"
    _schemathesis(
        live_demo,
        tmp_path,
        "--exclude-method",
        "GET",
        "-H",
        f"Cookie: {cookie}",
        "-H",
        f"X-CSRFToken: {csrf}",
        checks="not_a_server_error",
    )
