"""REST log-in on Django's session + CSRF: the documented flow, CSRF refusals with their own code, and failed
log-ins throttled and locked for the log-in page and the API alike (behaviour, whatever the mechanism)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from sessions_app.models import CouncilRoleKind
from tests.factories import make_council, make_role_user, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "matkhau-thu-nghiem"


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.NT = {**settings.NT, "LOGIN_FAILURES_MAX": 3, "LOGIN_LOCK_SECONDS": 600}
    settings.AXES_FAILURE_LIMIT = 3  # the same limit if django-axes guards log-ins
    cache.clear()


def _csrf_client() -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    token = client.get("/api/auth/login/").json()["csrf_token"]
    return client, token


def _api_login(client: Client, token: str, username: str, password: str):
    return client.post(
        "/api/auth/login/",
        {"username": username, "password": password},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )


def test_login_me_and_logout_with_session_and_csrf():
    council = make_council()
    user = make_role_user(council, CouncilRoleKind.SECRETARIAT)
    client, token = _csrf_client()
    assert client.get("/api/auth/me/").json()["error"]["code"] == "auth.required"
    response = _api_login(client, token, user.username, PASSWORD)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["username"] == user.username and body["roles"] == [
        {"council": council.pk, "council_name": council.name, "role": "secretariat"}
    ]
    token = body["csrf_token"]  # rotated at log-in
    me = client.get("/api/auth/me/")
    assert me.status_code == 200 and me.json()["id"] == user.pk
    # An unsafe request of the logged-in session without the header: refused, and the code says why.
    refused = client.post("/api/auth/logout/")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf.failed"
    assert client.post("/api/auth/logout/", HTTP_X_CSRFTOKEN=token).status_code == 204
    assert client.get("/api/auth/me/").status_code == 401


def test_login_without_csrf_token_is_refused_with_its_code():
    user = make_user()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/auth/login/", {"username": user.username, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "csrf.failed"
    assert "_auth_user_id" not in client.session


def test_wrong_password_and_bad_input():
    user = make_user()
    client, token = _csrf_client()
    wrong = _api_login(client, token, user.username, "sai")
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "login.invalid"
    empty = client.post("/api/auth/login/", {"username": ""}, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "request.invalid"
    assert "_auth_user_id" not in client.session


def _form_login(client: Client, username: str, password: str) -> bool:
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_failed_password_logins_stay_throttled_and_locked_for_the_form_and_the_api_alike():
    # Failures through the API lock the page out ...
    first = make_user(username="daibieu.api")
    client, token = _csrf_client()
    for _ in range(2):
        assert _api_login(client, token, first.username, "sai").status_code == 401
    third = _api_login(client, token, first.username, "sai")  # the failure that reaches the limit locks the pair
    assert third.status_code == 429 and third.json()["error"]["code"] == "login.throttled"
    assert not _form_login(Client(), first.username, PASSWORD)
    locked = _api_login(client, token, first.username, PASSWORD)
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "login.throttled"
    # ... and failures on the page lock the API out (a new minute for the per-address rate of attempts, which
    # is not under test here).
    cache.clear()
    second = make_user(username="daibieu.form")
    page = Client()
    for _ in range(3):
        assert not _form_login(page, second.username, "sai")
    client, token = _csrf_client()
    locked = _api_login(client, token, second.username, PASSWORD)
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "login.throttled"
    assert "_auth_user_id" not in client.session
    # Someone else is not affected.
    other = make_user(username="daibieu.khac")
    assert _api_login(client, token, other.username, PASSWORD).status_code == 200


def test_the_schema_documents_the_auth_endpoints(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert {"/api/auth/login/", "/api/auth/logout/", "/api/auth/me/"} <= set(schema["paths"])
    assert "429" in schema["paths"]["/api/auth/login/"]["post"]["responses"]
