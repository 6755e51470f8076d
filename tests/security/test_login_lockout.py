"""Log-in hardening (issue 14, points 4-6): one lock-out for every password entry point, the client address
never taken from a header the client writes, and the REST/log-in rate limits applied."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from config.guards import forwarded_client
from core.errors import ServiceError
from tests.factories import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "matkhau-thu-nghiem"
LOCKED = ServiceError("login.throttled", minutes=10).message_vi


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.NT = {**settings.NT, "LOGIN_FAILURES_MAX": 3, "LOGIN_LOCK_SECONDS": 600}


def test_admin_login_locks_like_the_login_page() -> None:
    make_user(username="quantri.a", superuser=True)
    client = Client()
    for _ in range(3):
        client.post("/admin/login/", {"username": "quantri.a", "password": "sai"}, REMOTE_ADDR="10.0.0.9")
    locked = client.post("/admin/login/", {"username": "quantri.a", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert LOCKED in locked.content.decode()


def test_the_lock_is_shared_by_the_page_and_the_admin() -> None:
    make_user(username="quantri.b", superuser=True)
    client = Client()
    for _ in range(3):
        client.post(reverse("login"), {"username": "quantri.b", "password": "sai"}, REMOTE_ADDR="10.0.0.10")
    assert (
        client.post(
            "/admin/login/", {"username": "Quantri.B", "password": PASSWORD}, REMOTE_ADDR="10.0.0.10"
        ).status_code
        == 429
    )


def test_x_forwarded_for_neither_bypasses_nor_aims_the_lock() -> None:
    """The embedded default trusts no forwarded header: rotating X-Forwarded-For does not reset the count,
    and a victim's address written into it does not lock the victim."""
    make_user(username="daibieu.x")
    client = Client()
    for n in range(3):
        client.post(
            reverse("login"),
            {"username": "daibieu.x", "password": "sai"},
            REMOTE_ADDR="10.0.0.11",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert (
        client.post(
            reverse("login"),
            {"username": "daibieu.x", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.11",
            HTTP_X_FORWARDED_FOR="203.0.113.99",
        ).status_code
        == 429
    )
    victim = Client()
    assert (
        victim.post(
            reverse("login"), {"username": "daibieu.x", "password": PASSWORD}, REMOTE_ADDR="10.0.0.12"
        ).status_code
        == 302
    )


def test_forwarded_address_is_the_right_most_untrusted_one() -> None:
    trusted = {"127.0.0.1"}
    assert forwarded_client("127.0.0.1", "6.6.6.6, 198.51.100.7", trusted) == "198.51.100.7"
    assert forwarded_client("127.0.0.1", "198.51.100.7, 127.0.0.1", trusted) == "198.51.100.7"
    assert forwarded_client("198.51.100.8", "6.6.6.6", trusted) == "198.51.100.8"  # not from our proxy
    assert forwarded_client("127.0.0.1", None, trusted) == "127.0.0.1"


async def test_behind_a_proxy_the_asgi_client_is_the_forwarded_one(settings) -> None:
    from config.guards import ForwardedClient

    seen = {}

    async def app(scope, receive, send):
        seen["client"] = scope["client"]

    scope = {"type": "http", "client": ("127.0.0.1", 5000), "headers": [(b"x-forwarded-for", b"6.6.6.6, 198.51.100.7")]}
    settings.BEHIND_PROXY = False
    await ForwardedClient(app)(scope, None, None)
    assert seen["client"] == ("127.0.0.1", 5000)
    settings.BEHIND_PROXY = True
    await ForwardedClient(app)(scope, None, None)
    assert seen["client"][0] == "198.51.100.7"


def test_anonymous_rest_reads_are_throttled(monkeypatch) -> None:
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {**AnonRateThrottle.THROTTLE_RATES, "anon": "5/min"})
    client = Client()
    codes = [client.get("/api/councils/", REMOTE_ADDR="10.0.0.20").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    refused = client.get("/api/councils/", REMOTE_ADDR="10.0.0.20")
    assert refused.json()["error"]["code"] == "throttled"
    # Per address; a forged X-Forwarded-For is not another address.
    assert client.get("/api/councils/", REMOTE_ADDR="10.0.0.20", HTTP_X_FORWARDED_FOR="1.2.3.4").status_code == 429
    assert client.get("/api/councils/", REMOTE_ADDR="10.0.0.21").status_code == 200


def test_password_attempts_per_address_are_rate_limited() -> None:
    """THROTTLE_LOGIN (10/min): the eleventh attempt from one address in a minute is refused, right password
    or not, whatever usernames it tries."""
    user = make_user(username="daibieu.y")
    client = Client()
    for n in range(10):
        client.post(reverse("login"), {"username": f"khong-co-{n}", "password": "sai"}, REMOTE_ADDR="10.0.0.30")
    refused = client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.30")
    assert "_auth_user_id" not in client.session
    assert "Quá nhiều yêu cầu" in refused.content.decode()
