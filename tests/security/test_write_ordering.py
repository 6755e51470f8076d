"""Authentication and authorization come before validation, on every REST write (issue 14).

A refused client must learn nothing from the input check, and a malformed body must never outrank the missing
log-in: an anonymous write with a malformed body is 401 ``auth.required`` (not 400), and a logged-in user
without the role the view declares (``write_role`` / ``write_roles``, checked by
``core.permissions.WriteAccess`` before the body is read) is 403. Every write operation of the OpenAPI schema
is tried with several malformed bodies; the objects named in URLs need not exist (the check comes first)."""

from __future__ import annotations

import pytest
from django.urls import resolve

from core.permissions import view_write_role
from tests.factories import Council_, make_user
from tests.security.test_permission_matrix import WRITES, operations

pytestmark = pytest.mark.django_db

# Bodies no endpoint accepts: broken JSON, the wrong JSON type, wrong field types, a deep nesting, a broken
# multipart body.
MALFORMED = [
    ('{"title": ', "application/json"),
    ("[1, 2, 3]", "application/json"),
    ('{"session": "x", "title": 7, "file": null, "members": {"a": 1}}', "application/json"),
    ("[" * 3000 + "]" * 3000, "application/json"),
    ("--nope\r\nContent-Disposition: form-data; name=file\r\n\r\n", "multipart/form-data; boundary=nope"),
]
# The only write that needs no log-in.
ANYONE = {"POST /api/auth/login/"}


def _writes() -> list[tuple[str, str, str]]:
    """(method, path, url with ids that do not exist) for every write operation."""
    return [
        (method, path, path.replace("{id}", "999999").replace("{number}", "1"))
        for method, path in operations()
        if method in WRITES
    ]


def _role(method: str, url: str) -> str:
    match = resolve(url)
    view_class = match.func.cls  # type: ignore[attr-defined]
    view = view_class()
    actions = getattr(match.func, "actions", None)
    view.action = actions.get(method.lower()) if actions else None
    return view_write_role(view, method)


def _code(response) -> str:
    return response.json()["error"]["code"]


@pytest.fixture
def no_throttle(monkeypatch):
    from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "allow_request", lambda self, request, view: True)
    monkeypatch.setattr(ScopedRateThrottle, "allow_request", lambda self, request, view: True)


def test_every_write_declares_the_role_it_needs():
    """A new write endpoint says who may call it (``write_role`` or ``write_roles[action]``); "login" is then
    a decision, not a default nobody chose."""
    undeclared = []
    for method, path, url in _writes():
        match = resolve(url)
        view_class = match.func.cls  # type: ignore[attr-defined]
        action = (getattr(match.func, "actions", None) or {}).get(method.lower()) or method.lower()
        if action not in (getattr(view_class, "write_roles", None) or {}) and not getattr(
            view_class, "write_role", None
        ):
            undeclared.append(f"{method} {path}")
    assert undeclared == []


def test_an_anonymous_write_with_a_malformed_body_is_refused_401_before_validation(client, no_throttle):
    answers = {}
    for method, path, url in _writes():
        for body, content_type in MALFORMED:
            response = client.generic(method, url, body, content_type=content_type)
            if f"{method} {path}" in ANYONE:
                assert response.status_code == 400, (method, path)  # the log-in's own input check
                continue
            answers[(method, path, content_type, len(body))] = (response.status_code, _code(response))
    wrong = {key: value for key, value in answers.items() if value != (401, "auth.required")}
    assert wrong == {}
    assert len(answers) >= 100 * len(MALFORMED)


def test_a_user_without_the_declared_role_gets_403_with_a_malformed_body(client, no_throttle):
    """A delegate on every staff or administrator write, a council's secretariat on every administrator
    write: 403 with the role's code, whatever the body."""
    a = Council_(n=1)
    delegate, secretariat = a.delegates[0].user, a.secretariat
    plain = make_user()  # an account with no role and no seat
    checked = {"staff": 0, "admin": 0}
    for method, path, url in _writes():
        role = _role(method, url)
        refused = {"staff": [delegate, plain], "admin": [delegate, plain, secretariat]}.get(role, [])
        for user in refused:
            client.force_login(user)
            for body, content_type in MALFORMED:
                response = client.generic(method, url, body, content_type=content_type)
                expected = "admin.required" if role == "admin" else "council.forbidden"
                assert (response.status_code, _code(response)) == (403, expected), (method, path, user, body[:20])
        if role in checked:
            checked[role] += 1
    assert checked["staff"] >= 90 and checked["admin"] == 4


def test_the_roles_acting_for_themselves_pass_the_role_check_and_meet_validation(client, no_throttle):
    """The writes a delegate makes for themselves are declared "login": a delegate's malformed body there is
    the input check's 400 (or the object's 404), never a 403 from the role check."""
    a = Council_(n=1)
    own = {
        ("POST", "/api/polls/{id}/votes/"),
        ("POST", "/api/polls/{id}/committee/share/"),
        ("POST", "/api/polls/{id}/committee/partial/"),
        ("POST", "/api/speaker-requests/"),
        ("POST", "/api/questions/"),
        ("POST", "/api/auth/logout/"),
    }
    for method, path, url in _writes():
        if (method, path) in own:
            assert _role(method, url) == "login", path
            client.force_login(a.delegates[0].user)  # again: the log-out ends the session
            response = client.generic(method, url, '{"title": ', content_type="application/json")
            assert response.status_code in {400, 404, 204}, (path, response.status_code)
