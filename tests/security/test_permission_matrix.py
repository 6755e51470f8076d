"""The permission matrix: every operation of the OpenAPI schema × eight roles, the outcome of each cell kept
as data in ``permission_matrix.json`` and reviewed in the diff (issue 14, "keep it closed").

Each cell is one request (writes with an empty JSON body) inside a savepoint that is rolled back, so cells do
not depend on each other. Outcomes: ``ok`` (2xx), ``login`` (401), ``forbidden`` (403), ``hidden`` (404),
``method`` (405), ``invalid`` (other 4xx: the role passed the permission check, or the input was checked first).
A 5xx in any cell fails the test. To rewrite the file after a deliberate change:
``NT_MATRIX_WRITE=1 pytest tests/security/test_permission_matrix.py``, then read the diff."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from agenda import services as agenda_services
from agenda.models import AgendaItem, Official, QuestionTopic
from tests.agenda.helpers import pdf_bytes
from tests.factories import Council_, make_delegate, make_user
from voting import services as voting_services

pytestmark = pytest.mark.django_db
MATRIX = Path(__file__).with_name("permission_matrix.json")
ROLES = [
    "anonymous",
    "delegate",
    "delegate_other_council",
    "delegate_seat_ended",
    "secretariat_other_council",
    "secretariat",
    "chair",
    "administrator",
]
OUTCOME = {401: "login", 403: "forbidden", 404: "hidden", 405: "method", 429: "throttled"}


def _outcome(status: int) -> str:
    if status >= 500:
        return f"ERROR {status}"
    if 200 <= status < 300:
        return "ok"
    return OUTCOME.get(status, "invalid")


def _world() -> tuple[dict[str, object], dict[str, int]]:
    """Council A (its session not public, so reads tell roles apart) and council B; one object of each kind."""
    a, b = Council_(n=2), Council_(n=1)
    a.session.is_public = False
    a.session.save()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    ended = make_delegate(a.council, a.term, seat=90, start=min(yesterday, dt.date(2026, 7, 1)), end=yesterday)
    users = {
        "anonymous": None,
        "delegate": a.delegates[0].user,
        "delegate_other_council": b.delegates[0].user,
        "delegate_seat_ended": ended.user,
        "secretariat_other_council": b.secretariat,
        "secretariat": a.secretariat,
        "chair": a.chair,
        "administrator": make_user(superuser=True),
    }
    item = AgendaItem.objects.create(session=a.session, sitting=a.sitting, title="Mục thử")
    document = agenda_services.document_upload(
        actor=a.secretariat, item=item, title="Tờ trình thử", file=SimpleUploadedFile("a.pdf", pdf_bytes())
    )
    poll = voting_services.poll_create(
        actor=a.secretariat, session=a.session, sitting=a.sitting, title="Biểu quyết thử"
    )
    resolution = voting_services.resolution_create(
        actor=a.secretariat, session=a.session, title="Nghị quyết thử", text="Điều 1."
    )
    official = Official.objects.create(council=a.council, full_name="Cán bộ Thử 01", title="Giám đốc", agency="Sở")
    topic = QuestionTopic.objects.create(session=a.session, title="Nhóm vấn đề thử", position=1)
    ids = {
        "councils": a.council.pk,
        "terms": a.term.pk,
        "sessions": a.session.pk,
        "sittings": a.sitting.pk,
        "people": a.delegates[1].pk,
        "agenda-items": item.pk,
        "documents": document.pk,
        "polls": poll.pk,
        "resolutions": resolution.pk,
        "officials": official.pk,
        "question-topics": topic.pk,
    }
    return users, ids


def _operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def _url(path: str, ids: dict[str, int]) -> str:
    resource = path.split("/")[2]
    return re.sub(
        r"\{(\w+)\}",
        lambda m: {"number": "1", "receipt": "ABCD-EFGH-JKLM"}.get(m.group(1), str(ids.get(resource, 999999))),
        path,
    )


def test_permission_matrix(monkeypatch) -> None:
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "allow_request", lambda self, request, view: True)
    users, ids = _world()
    clients = {}
    for role, user in users.items():
        clients[role] = APIClient()
        if user is not None:
            clients[role].force_authenticate(user)
    found: dict[str, dict[str, str]] = {}
    for method, path in _operations():
        url = _url(path, ids)
        row = {}
        for role in ROLES:
            with transaction.atomic():
                response = clients[role].generic(
                    method, url, "{}" if method != "GET" else "", content_type="application/json"
                )
                transaction.set_rollback(True)
            row[role] = _outcome(response.status_code)
        found[f"{method} {path}"] = row
    errors = {op: row for op, row in found.items() if any(v.startswith("ERROR") for v in row.values())}
    assert errors == {}
    if os.environ.get("NT_MATRIX_WRITE") == "1":
        MATRIX.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        pytest.skip("permission_matrix.json written: review the diff")
    expected = json.loads(MATRIX.read_text())
    changed = {op: {"expected": expected.get(op), "found": row} for op, row in found.items() if expected.get(op) != row}
    missing = sorted(set(expected) - set(found))
    assert changed == {} and missing == [], json.dumps({"changed": changed, "missing": missing}, ensure_ascii=False)[
        :6000
    ]
