import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from core.errors import ServiceError
from tests.factories import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "matkhau-thu-nghiem"


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.NT = {**settings.NT, "LOGIN_FAILURES_MAX": 3, "LOGIN_LOCK_SECONDS": 600}


def _login(client, username, password, address="10.0.0.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_login_page_is_in_vietnamese_and_logs_in(client):
    page = client.get(reverse("login"))
    assert page.status_code == 200 and "Đăng nhập" in page.content.decode()
    user = make_user(username="thuky.a")
    response = _login(client, "thuky.a", PASSWORD)
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == user.pk


def test_login_page_in_english_when_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("login"))
    assert page.status_code == 200 and '<html lang="en">' in page.content.decode()


def test_repeated_failures_lock_the_username_from_that_address_with_a_clear_message(client):
    make_user(username="daibieu.b")
    for _ in range(2):
        assert _login(client, "daibieu.b", "sai-mat-khau").status_code == 200
    assert _login(client, "daibieu.b", "sai-mat-khau").status_code == 429  # the third failure locks
    locked = _login(client, "daibieu.b", PASSWORD)
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    message = ServiceError("login.throttled", minutes=10).message_vi
    assert message in locked.content.decode()
    assert AccessAttempt.objects.count() == 1


def test_lock_does_not_hit_other_users_or_other_addresses(client):
    make_user(username="daibieu.c")
    make_user(username="daibieu.d")
    for _ in range(3):
        _login(client, "daibieu.c", "sai")
    assert _login(client, "daibieu.d", PASSWORD).status_code == 302
    client.logout()
    assert _login(client, "daibieu.c", PASSWORD, address="10.0.0.8").status_code == 302


def test_success_clears_the_failure_count(client):
    make_user(username="daibieu.e")
    _login(client, "daibieu.e", "sai")
    _login(client, "daibieu.e", "sai")
    assert _login(client, "daibieu.e", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()


def test_lock_expires(client):
    make_user(username="daibieu.f")
    for _ in range(3):
        _login(client, "daibieu.f", "sai")
    assert _login(client, "daibieu.f", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=601), tick=False):
        assert _login(client, "daibieu.f", PASSWORD).status_code == 302


def test_logout_needs_post_and_ends_the_session(client):
    client.force_login(make_user())
    page = client.get(reverse("home"))
    assert "Đăng xuất" in page.content.decode()
    response = client.post(reverse("logout"))
    assert response.status_code in (200, 302) and "_auth_user_id" not in client.session
