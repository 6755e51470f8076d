"""Who before what (core/writes.py): every set-up write refuses a caller who may not write — not logged in (401)
or without the role (403) — before it reads the input, so a malformed body from them is refused as such, not as
400; and the database is unchanged. Issue 14's permission matrix found 400s here."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from sessions_app.models import AuditEntry, Committee, Membership, Person
from tests.factories import Council_, make_user

pytestmark = pytest.mark.django_db

BAD_FIELDS = {
    **dict.fromkeys(("name", "full_name", "label", "title", "reason"), ["not", "text"]),
    **dict.fromkeys(("number", "date", "end_date", "person", "term"), "x"),
    "council": -1,
    "session": {},
    "sitting": {},
}
MALFORMED = [BAD_FIELDS, "[1, 2", [1, 2]]


def _writes(c: Council_) -> list[tuple[str, str, str]]:
    """(method, URL, who may: admin or secretariat) of each set-up write."""
    committee = Committee.objects.create(council=c.council, term=c.term, name="Ban Pháp chế")
    seat = Membership.objects.filter(council=c.council).first()
    return [
        ("post", "/api/councils/", "admin"),
        ("patch", f"/api/councils/{c.council.pk}/", "admin"),
        ("post", "/api/terms/", "admin"),
        ("patch", f"/api/terms/{c.term.pk}/", "admin"),
        ("post", "/api/committees/", "secretariat"),
        ("patch", f"/api/committees/{committee.pk}/", "secretariat"),
        ("delete", f"/api/committees/{committee.pk}/", "secretariat"),
        ("post", "/api/delegate-groups/", "secretariat"),
        ("post", "/api/people/", "secretariat"),
        ("patch", f"/api/people/{c.delegates[0].pk}/", "secretariat"),
        ("post", "/api/memberships/", "secretariat"),
        ("post", f"/api/memberships/{seat.pk}/end/", "secretariat"),
        ("post", "/api/sessions/", "secretariat"),
        ("patch", f"/api/sessions/{c.session.pk}/", "secretariat"),
        ("post", f"/api/sessions/{c.session.pk}/close/", "secretariat"),
        ("post", "/api/sittings/", "secretariat"),
        ("patch", f"/api/sittings/{c.sitting.pk}/", "secretariat"),
        ("post", f"/api/sittings/{c.sitting.pk}/open/", "secretariat"),
        ("post", f"/api/sittings/{c.sitting.pk}/close/", "secretariat"),
        ("post", f"/api/sittings/{c.sitting.pk}/reopen/", "secretariat"),
        ("post", f"/api/sittings/{c.sitting.pk}/attendance/", "secretariat"),
    ]


def _send(client: APIClient, method: str, url: str, body) -> object:
    if isinstance(body, str):
        return getattr(client, method)(url, body, content_type="application/json")
    return getattr(client, method)(url, body, format="json")


def test_a_caller_who_may_not_write_is_refused_before_the_input_is_read():
    c = Council_(n=2)
    writes = _writes(c)
    other = Council_(n=1)  # a secretariat of another council: a secretariat, but not of these objects
    audit, people = AuditEntry.objects.count(), Person.objects.count()
    callers = {
        "anonymous": (None, 401, "auth.required"),
        "delegate": (c.delegates[0].user, 403, None),
        "other secretariat": (other.secretariat, 403, None),
    }
    seen: list[tuple[str, str, str, int]] = []
    for who, (user, status, code) in callers.items():
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        for method, url, role in writes:
            if who == "other secretariat" and (role == "secretariat" and method == "post" and url.count("/") == 3):
                continue  # a create names its council in the body: only the service can tell, after validation
            for body in MALFORMED:
                response = _send(client, method, url, body)
                seen.append((who, method, url, response.status_code))
                assert response.status_code == status, (who, method, url, body, response.content)
                if code:
                    assert response.json()["error"]["code"] == code
                else:
                    assert response.json()["error"]["code"] in {"admin.required", "council.forbidden"}
    assert (AuditEntry.objects.count(), Person.objects.count()) == (audit, people)
    assert len(seen) > 2 * len(MALFORMED) * len(writes)


def test_the_role_that_may_write_gets_the_input_checked():
    c = Council_(n=2)
    client = APIClient()
    client.force_authenticate(c.secretariat)
    for method, url, role in _writes(c):
        if role != "secretariat" or method == "delete" or url.endswith(("/open/", "/close/")):
            continue  # deleting and the status changes take no input
        response = _send(client, method, url, MALFORMED[0])
        assert response.status_code == 400, (method, url, response.content)
        assert response.json()["error"]["code"] == "request.invalid"
    admin = APIClient()
    admin.force_authenticate(make_user(superuser=True))
    response = admin.post("/api/councils/", MALFORMED[0], format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (400, "request.invalid")
