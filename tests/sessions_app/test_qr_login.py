import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core.signing import TimestampSigner
from django.urls import reverse
from django.utils import timezone

from core.errors import ServiceError
from documents.form import date_line, issuer_lines, place_of
from sessions_app.auth_tokens import (
    SIGNING_SALT,
    login_cards_issue,
    login_token_check,
    login_token_redeem,
    login_tokens_revoke,
)
from sessions_app.models import Attendance, AuditEntry, LoginToken
from sessions_app.qr import qr_login_url
from tests.factories import Council_, make_delegate, make_sitting

pytestmark = pytest.mark.django_db


def _cards(c, sitting=None):
    return login_cards_issue(actor=c.secretariat, session=c.session, sitting=sitting)


def _signed_for(c, person, sitting=None):
    return next(card.signed for card in _cards(c, sitting) if card.membership.person_id == person.pk)


def _refused(code, fn, **kwargs):
    with pytest.raises(ServiceError) as info:
        fn(**kwargs)
    assert info.value.code == code
    return info.value


def test_cards_issue_a_fresh_hashed_code_per_delegate_with_an_account_and_audit_it():
    c = Council_(n=3)
    no_account = make_delegate(c.council, c.term, seat=9, with_user=False)
    before = AuditEntry.objects.count()
    cards = _cards(c)
    assert [card.membership.seat for card in cards] == [1, 2, 3, 9]
    assert [card.signed is not None for card in cards] == [True, True, True, False]
    assert cards[-1].membership.person_id == no_account.pk
    assert LoginToken.objects.count() == 3
    for card in cards[:3]:
        assert card.signed not in {t.token_hash for t in LoginToken.objects.all()}
        assert card.token.expires_at - card.token.created_at == dt.timedelta(
            seconds=settings.NT["QR_TOKEN_TTL_SECONDS"]
        )
    assert AuditEntry.objects.count() == before + 3
    assert set(AuditEntry.objects.filter(action="login_token.issue").values_list("object_id", flat=True)) == {
        str(p.pk) for p in c.delegates
    }


def test_cards_refused_to_a_delegate_and_to_another_councils_secretariat():
    c, other = Council_(n=2), Council_(n=1)
    _refused("council.forbidden", login_cards_issue, actor=c.user_of(c.delegates[0]), session=c.session)
    _refused("council.forbidden", login_cards_issue, actor=other.secretariat, session=c.session)
    assert LoginToken.objects.count() == 0


def test_code_redeems_once_then_is_refused_as_used():
    c = Council_(n=2)
    signed = _signed_for(c, c.delegates[1])
    token = login_token_redeem(signed=signed)
    assert token.user == c.user_of(c.delegates[1]) and token.used_at is not None
    _refused("login_token.used", login_token_redeem, signed=signed)
    assert LoginToken.objects.get(pk=token.pk).used_at == token.used_at


def test_expired_code_is_refused_and_left_unspent():
    c = Council_(n=1)
    signed = _signed_for(c, c.delegates[0])
    later = timezone.now() + dt.timedelta(seconds=settings.NT["QR_TOKEN_TTL_SECONDS"] + 5)
    with time_machine.travel(later, tick=False):
        error = _refused("login_token.expired", login_token_redeem, signed=signed)
    assert error.status == 410
    assert LoginToken.objects.get().used_at is None


def test_expiry_stored_in_the_database_is_enforced_as_well_as_the_signature_age():
    c = Council_(n=1)
    signed = _signed_for(c, c.delegates[0])
    LoginToken.objects.update(
        expires_at=timezone.now() - dt.timedelta(seconds=1), created_at=timezone.now() - dt.timedelta(minutes=1)
    )
    _refused("login_token.expired", login_token_redeem, signed=signed)


def test_tampered_and_forged_codes_are_refused_as_invalid():
    c = Council_(n=1)
    signed = _signed_for(c, c.delegates[0])
    secret, rest = signed.split(":", 1)
    tampered = ("A" if secret[0] != "A" else "B") + secret[1:] + ":" + rest
    _refused("login_token.invalid", login_token_redeem, signed=tampered)
    _refused("login_token.invalid", login_token_redeem, signed="not-a-code")
    well_signed_unknown = TimestampSigner(salt=SIGNING_SALT).sign("secret-never-issued")
    _refused("login_token.invalid", login_token_redeem, signed=well_signed_unknown)
    assert LoginToken.objects.get().used_at is None


def test_revoke_all_codes_of_a_person():
    c = Council_(n=2)
    target, bystander = c.delegates
    signed = _signed_for(c, target)
    other_signed = _signed_for(c, bystander)
    assert login_tokens_revoke(actor=c.secretariat, person=target) == 2  # two printings
    _refused("login_token.revoked", login_token_redeem, signed=signed)
    assert login_token_check(signed=other_signed).user == c.user_of(bystander)
    entry = AuditEntry.objects.filter(action="login_token.revoke_all").get()
    assert entry.object_id == str(target.pk) and entry.data == {"revoked": 2}


def test_revoke_refused_to_another_councils_secretariat_and_to_other_delegates():
    c, other = Council_(n=2), Council_(n=1)
    _signed_for(c, c.delegates[0])
    _refused("council.forbidden", login_tokens_revoke, actor=other.secretariat, person=c.delegates[0])
    _refused("council.forbidden", login_tokens_revoke, actor=c.user_of(c.delegates[1]), person=c.delegates[0])
    assert LoginToken.objects.filter(revoked_at__isnull=False).count() == 0
    assert login_tokens_revoke(actor=c.user_of(c.delegates[0]), person=c.delegates[0]) == 1


def test_disabled_account_cannot_log_in_with_a_printed_code():
    c = Council_(n=1)
    signed = _signed_for(c, c.delegates[0])
    user = c.user_of(c.delegates[0])
    user.is_active = False
    user.save()
    _refused("login_token.account_inactive", login_token_redeem, signed=signed)


# ---- through the pages -------------------------------------------------------------------------------


def test_print_page_shows_a_card_per_delegate_with_an_absolute_qr_url(client):
    c = Council_(n=3)
    client.force_login(c.secretariat)
    url = reverse("qr-cards", args=[c.session.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert f"{settings.NT['QR_TOKEN_TTL_SECONDS'] // 60} phút" in form.content.decode()
    assert LoginToken.objects.count() == 0, "viewing the page must not issue codes"
    page = client.post(url, {"sitting": c.sitting.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="card"') == 3
    assert html.count("<svg") == 3
    for person in c.delegates:
        assert person.full_name in html
    assert c.session.title in html
    # Each card in official form (Decree 30/2020): issuing body, national header, place and date line, title.
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "THẺ ĐĂNG NHẬP BẰNG MÃ QR"):
        assert html.count(text) == 3, text
    assert html.count(date_line(place_of(c.council.place_name, c.council.name), timezone.localdate())) == 3
    assert all(html.count(f"<strong>{line}</strong>") == 3 for line in issuer_lines(c.council.name))
    assert LoginToken.objects.filter(sitting=c.sitting).count() == 3


def test_qr_url_uses_the_configured_public_base_url(client, settings):
    settings.NT = {**settings.NT, "PUBLIC_BASE_URL": "http://192.168.10.5:8000"}
    request = client.get("/").wsgi_request
    assert qr_login_url(request, "abc:def:ghi") == "http://192.168.10.5:8000/qr/abc:def:ghi/"
    settings.NT = {**settings.NT, "PUBLIC_BASE_URL": ""}
    assert qr_login_url(request, "abc:def:ghi") == "http://testserver/qr/abc:def:ghi/"


def test_print_page_refused_to_other_councils_and_to_anonymous(client):
    c, other = Council_(n=1), Council_(n=1)
    url = reverse("qr-cards", args=[c.session.pk])
    assert client.post(url).status_code == 302  # to the login page
    client.force_login(other.secretariat)
    page = client.post(url)
    assert page.status_code == 403 and b"council.forbidden" in page.content
    assert LoginToken.objects.count() == 0


def test_print_page_refuses_a_sitting_of_another_session(client):
    c, other = Council_(n=1), Council_(n=1)
    client.force_login(c.secretariat)
    page = client.post(reverse("qr-cards", args=[c.session.pk]), {"sitting": other.sitting.pk})
    assert page.status_code == 404 and LoginToken.objects.count() == 0


def test_scan_confirm_login_then_check_in_is_recorded_as_qr(client):
    c = Council_(n=2)
    person = c.delegates[0]
    signed = _signed_for(c, person, sitting=c.sitting)
    url = reverse("qr-login", args=[signed])
    confirm = client.get(url)
    assert confirm.status_code == 200 and person.full_name in confirm.content.decode()
    assert not LoginToken.objects.filter(used_at__isnull=False).exists(), "a GET (link preview) must not spend the code"
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("sitting-check-in", args=[c.sitting.pk])
    assert int(client.session["_auth_user_id"]) == c.user_of(person).pk
    assert client.post(response["Location"]).status_code == 302
    attendance = Attendance.objects.get(sitting=c.sitting, person=person)
    assert attendance.method == "qr" and attendance.status == "present"


def test_password_login_check_in_is_recorded_as_tablet(client):
    c = Council_(n=1)
    client.force_login(c.user_of(c.delegates[0]))
    page = client.get(reverse("sitting-check-in", args=[c.sitting.pk]))
    assert page.status_code == 200 and "0/1" in page.content.decode()
    client.post(reverse("sitting-check-in", args=[c.sitting.pk]))
    assert Attendance.objects.get().method == "tablet"
    assert "1/1" in client.get(reverse("sitting-check-in", args=[c.sitting.pk])).content.decode()


@pytest.mark.parametrize(
    "case, code, status",
    [
        ("used", "login_token.used", 410),
        ("revoked", "login_token.revoked", 410),
        ("expired", "login_token.expired", 410),
        ("tampered", "login_token.invalid", 400),
    ],
)
def test_bad_codes_show_an_error_page_and_log_nobody_in(client, case, code, status):
    c = Council_(n=1)
    signed = _signed_for(c, c.delegates[0])
    if case == "used":
        login_token_redeem(signed=signed)
    elif case == "revoked":
        login_tokens_revoke(actor=c.secretariat, person=c.delegates[0])
    elif case == "tampered":
        signed = signed[:-2] + ("xy" if not signed.endswith("xy") else "zz")
    state = list(LoginToken.objects.values_list("used_at", "revoked_at"))
    travel = timezone.now() + dt.timedelta(hours=2) if case == "expired" else timezone.now()
    with time_machine.travel(travel, tick=False):
        for method in (client.get, client.post):
            page = method(reverse("qr-login", args=[signed]))
            assert page.status_code == status
            html = page.content.decode()
            assert re.search(rf"data-error-code>{re.escape(code)}<", html)
            assert ServiceError(code).message_vi in html and ServiceError(code).message_en not in html
            assert "Mã lỗi" not in html  # no raw code shown to the citizen
            assert "_auth_user_id" not in client.session
    assert list(LoginToken.objects.values_list("used_at", "revoked_at")) == state


def test_revoke_button_on_the_cards_page(client):
    c = Council_(n=1)
    signed = _signed_for(c, c.delegates[0])
    client.force_login(c.secretariat)
    back = reverse("qr-cards", args=[c.session.pk])
    response = client.post(reverse("person-tokens-revoke", args=[c.delegates[0].pk]), {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    _refused("login_token.revoked", login_token_check, signed=signed)
    response = client.post(reverse("person-tokens-revoke", args=[c.delegates[0].pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_home_page_links_to_the_actions_of_each_role(client):
    c = Council_(n=1)
    assert reverse("qr-cards", args=[c.session.pk]) not in client.get("/").content.decode()
    client.force_login(c.secretariat)
    assert reverse("qr-cards", args=[c.session.pk]) in client.get("/").content.decode()
    client.force_login(c.user_of(c.delegates[0]))
    html = client.get("/").content.decode()
    assert reverse("sitting-check-in", args=[c.sitting.pk]) in html
    assert reverse("qr-cards", args=[c.session.pk]) not in html


def test_check_in_page_refusals_render_the_error_page(client):
    c, other = Council_(n=1), Council_(n=1)
    client.force_login(other.user_of(other.delegates[0]))
    page = client.get(reverse("sitting-check-in", args=[c.sitting.pk]))
    assert page.status_code == 403 and b"council.forbidden" in page.content
    client.force_login(c.user_of(c.delegates[0]))
    url = reverse("sitting-check-in", args=[c.sitting.pk])
    client.post(url)
    again = client.post(url)
    assert again.status_code == 409 and b"checkin.already" in again.content
    ended = make_sitting(c.session, number=2, status="closed")
    closed = client.post(reverse("sitting-check-in", args=[ended.pk]))
    assert closed.status_code == 409 and b"checkin.sitting_not_open" in closed.content
    assert Attendance.objects.count() == 1
