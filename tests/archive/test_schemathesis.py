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
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=server.env, check=True)
    subprocess.run([sys.executable, "manage.py", "seed_demo", "--force"], cwd=ROOT, env=server.env, check=True,
                   capture_output=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_the_api_matches_its_schema_under_fuzzing(live_demo, tmp_path):
    cli = shutil.which("schemathesis", path=str(ROOT / ".venv" / "bin")) or shutil.which("schemathesis")
    assert cli, "schemathesis is a dev dependency (pip install -e .[dev])"
    run = subprocess.run(
        [cli, "run", f"{live_demo.url}/api/schema/", "--checks", CHECKS, "--max-examples", "5",
         "--phases", "examples,fuzzing", "--seed", "20260701", "--no-shrink", "--continue-on-failure",
         "--request-timeout", "20", "--generation-database", "none"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
