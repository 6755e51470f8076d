"""The permission matrix: every operation of the OpenAPI schema × eight roles, the outcome of each cell kept
as data in ``permission_matrix.json`` and reviewed in the diff (issue 14, "keep it closed").

Each cell is one request inside a savepoint that is rolled back, so cells do not depend on each other or on
their order. A write sends a *valid* request (``matrix_cases``: the state it needs is prepared in the same
savepoint, the body is one A's secretariat may send), so the cell shows the authorization outcome, not the
input check. Outcomes: ``ok`` (2xx), ``login`` (401), ``forbidden`` (403), ``hidden`` (404), ``method`` (405),
``invalid`` (other 4xx: for a write, the role passed the role check but the request does not fit that role,
e.g. a vote from someone with no seat). A 5xx in any cell fails the test; so does a write without a case, or
a case that does not succeed for A's secretariat or the administrator unless listed in ``NOT_FOR_STAFF``.

To rewrite the file after a deliberate change: ``NT_MATRIX_WRITE=1 pytest tests/security/test_permission_matrix.py``,
then read the diff. The file is written sorted, so the same code always writes the same file."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from tests.security.matrix_cases import CASES, ROLES, World, encode, world

pytestmark = pytest.mark.django_db
MATRIX = Path(__file__).with_name("permission_matrix.json")
OUTCOME = {401: "login", 403: "forbidden", 404: "hidden", 405: "method", 429: "throttled"}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Writes that A's secretariat is not meant to succeed at with the case's body, and why.
NOT_FOR_STAFF = {
    "POST /api/councils/": "administrators only",
    "PATCH /api/councils/{id}/": "administrators only",
    "POST /api/terms/": "administrators only",
    "PATCH /api/terms/{id}/": "administrators only",
    "POST /api/sittings/{id}/check-in/": "a delegate checks in; the secretariat holds no seat",
    "POST /api/polls/{id}/votes/": "a delegate's own vote; the secretariat holds no seat",
    "POST /api/speaker-requests/": "a delegate's own request; the secretariat holds no seat",
    "POST /api/questions/": "a delegate's own slip; the secretariat holds no seat",
    "POST /api/polls/{id}/committee/share/": "a counting-committee member's own key share",
    "POST /api/polls/{id}/committee/partial/": "a counting-committee member's own decryption",
    "POST /api/polls/{id}/no-confidence/": "state not reached: needs encrypted ballots (see matrix_cases)",
    "POST /api/councils/{id}/roles/": "the council's account administrators and administrators grant roles",
    "DELETE /api/council-roles/{id}/": "the council's account administrators and administrators revoke roles",
    "POST /api/council-roles/{id}/activation/": "the council's account administrators and administrators",
}


def _outcome(status: int) -> str:
    if status >= 500:
        return f"ERROR {status}"
    if 200 <= status < 300:
        return "ok"
    return OUTCOME.get(status, "invalid")


def operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    )


def read_url(path: str, ids: dict[str, int]) -> str:
    parts = path.split("/")
    # /api/activity/<kind>/{id}/ and /api/statistics/<councils|sessions>/{id}/ name their object by two parts
    resource = "/".join(parts[2:4]) if parts[2] in {"activity", "statistics"} else parts[2]
    return re.sub(
        r"\{(\w+)\}",
        lambda m: {"number": "1", "receipt": "ABCD-EFGH-JKLM"}.get(m.group(1), str(ids.get(resource, 999999))),
        path,
    )


def request_of(method: str, path: str, w: World) -> tuple[str, dict[str, object]]:
    """The cell's URL and encoded body: a read as is; a write from its case (prepared in the caller's
    savepoint). ``{action}`` in a shared case's URL is the operation's last path segment."""
    if method not in WRITES:
        return read_url(path, w.ids), {"data": "", "content_type": "application/json"}
    call = CASES[f"{method} {path}"](w)
    action = path.rstrip("/").rsplit("/", 1)[-1]
    return call.url.replace("{action}", action), encode(call)


def clients(w: World) -> dict[str, APIClient]:
    out = {}
    for role, user in w.users.items():
        out[role] = APIClient()
        if user is not None:
            out[role].force_authenticate(user)
    return out


@pytest.fixture
def no_anon_throttle(monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "allow_request", lambda self, request, view: True)


def test_every_write_operation_has_a_valid_case() -> None:
    writes = {f"{method} {path}" for method, path in operations() if method in WRITES}
    assert sorted(writes - set(CASES)) == [] and sorted(set(CASES) - writes) == []


def test_permission_matrix(no_anon_throttle) -> None:
    w = world()
    by_role = clients(w)
    found: dict[str, dict[str, str]] = {}
    staff_failures = {}
    for method, path in operations():
        row = {}
        for role in ROLES:
            with transaction.atomic():
                url, body = request_of(method, path, w)
                response = by_role[role].generic(method, url, **body)
                transaction.set_rollback(True)
            row[role] = _outcome(response.status_code)
            if method in WRITES and role in {"secretariat", "administrator"} and row[role] != "ok":
                staff_failures[f"{method} {path} {role}"] = (response.status_code, response.content[:300])
        found[f"{method} {path}"] = row
    errors = {op: row for op, row in found.items() if any(v.startswith("ERROR") for v in row.values())}
    assert errors == {}
    unexpected = {key: value for key, value in staff_failures.items() if key.rsplit(" ", 1)[0] not in NOT_FOR_STAFF}
    assert unexpected == {}, unexpected
    if os.environ.get("NT_MATRIX_WRITE") == "1":
        MATRIX.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        pytest.skip("permission_matrix.json written: review the diff")
    expected = json.loads(MATRIX.read_text())
    changed = {op: {"expected": expected.get(op), "found": row} for op, row in found.items() if expected.get(op) != row}
    missing = sorted(set(expected) - set(found))
    assert changed == {} and missing == [], json.dumps({"changed": changed, "missing": missing}, ensure_ascii=False)[
        :6000
    ]
