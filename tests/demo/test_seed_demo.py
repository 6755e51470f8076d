from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from core.audit import audit_verify
from demo import councils as demo
from demo.management.commands import demo_info
from sessions_app.models import Council, CouncilRole, Membership, Session, User
from sessions_app.permissions import can_manage_council, is_council_delegate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_settings(settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in apps.get_app_config("sessions_app").get_models()}


def test_seed_builds_the_demo_councils():
    call_command("seed_demo", stdout=StringIO())
    province, commune = Council.objects.get(code="song-lam"), Council.objects.get(code="ben-do")
    assert commune.parent == province and commune.level == "commune"
    today = timezone.localdate()
    term = province.terms.latest("start_date")  # the demo term; the previous one holds last year's sessions
    assert Membership.objects.filter(council=province, term=term).count() == 50
    assert Membership.objects.filter(council=commune, term=commune.terms.latest("start_date")).count() == 25
    assert set(province.committees.values_list("name", flat=True)) == {
        "Ban Pháp chế",
        "Ban Kinh tế - Ngân sách",
        "Ban Văn hóa - Xã hội",
        "Ban Dân tộc",
    }
    assert province.groups.count() >= 5 and commune.groups.count() >= 2
    assert Membership.objects.filter(council=province, term=term, role="chair").count() == 1
    session = Session.objects.get(council=province, number=2)
    assert session.status == "planned" and session.type == "regular"
    assert session.start_date == today  # a sitting opens on its own date only: the demo session can run today
    sittings = list(session.sittings.order_by("number"))
    assert len(sittings) == 2 and all(session.start_date <= s.date <= session.end_date for s in sittings)
    assert audit_verify() is None


def test_seed_accounts_have_the_documented_roles_and_passwords():
    call_command("seed_demo", stdout=StringIO())
    province = Council.objects.get(code="song-lam")
    admin = User.objects.get(username=demo.ADMIN_USERNAME)
    assert admin.is_superuser and admin.check_password(demo.ADMIN_PASSWORD)
    secretariat = User.objects.get(username=demo.PROVINCE.secretariat_username)
    assert secretariat.check_password(demo.SECRETARIAT_PASSWORD) and can_manage_council(secretariat, province)
    assert not can_manage_council(secretariat, Council.objects.get(code="ben-do"))
    chair = User.objects.get(username=demo.PROVINCE.chair_username)
    assert chair.check_password(demo.CHAIR_PASSWORD)
    assert CouncilRole.objects.filter(user=chair, council=province, role="chair").exists()
    delegate = User.objects.get(username=demo.PROVINCE.delegate_username(2))
    assert delegate.check_password(demo.DELEGATE_PASSWORD)
    assert is_council_delegate(delegate, province, on=Session.objects.get(council=province, number=2).start_date)
    assert Membership.objects.filter(person__user__isnull=True).count() == 0


def test_seed_is_idempotent_and_deterministic():
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    seats = Membership.objects.filter(term__label="2026-2031")  # the previous term seats the same people
    names = list(seats.order_by("council__code", "seat").values_list("person__full_name", flat=True))
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert _counts() == first
    assert "đã có sẵn" in out.getvalue()
    assert names == [
        p.full_name for spec in sorted(demo.DEMO_COUNCILS, key=lambda s: s.code) for p in demo.demo_people(spec)
    ]
    assert len(set(names)) == len(names)


def test_seed_refuses_to_create_known_passwords_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()


def test_demo_info_prints_urls_and_logins():
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("demo_info", "--host", "127.0.0.1", "--port", "8123", stdout=out)
    text = out.getvalue()
    planned = Session.objects.get(council__code=demo.PROVINCE.code, status="planned")
    for path in [
        "/",
        "/admin/",
        "/api/docs/",
        "/api/schema/",
        "/healthz",
        "/login/",
        "/activity/statistics/",
        "/activity/score-sheets/",
        f"/screens/sessions/{planned.pk}/console/",
        f"/sessions/{planned.pk}/qr-cards/",
    ]:
        assert f"http://127.0.0.1:8123{path}" in text
    for username, password in [
        (demo.ADMIN_USERNAME, demo.ADMIN_PASSWORD),
        (demo.PROVINCE.secretariat_username, demo.SECRETARIAT_PASSWORD),
        (demo.PROVINCE.chair_username, demo.CHAIR_PASSWORD),
        (demo.PROVINCE.delegate_username(2), demo.DELEGATE_PASSWORD),
        (demo.PROVINCE.delegate_username(3), demo.DELEGATE_PASSWORD),
    ]:
        assert username in text and password in text


def test_demo_info_on_all_interfaces_prints_lan_addresses(monkeypatch):
    monkeypatch.setattr(demo_info, "lan_addresses", lambda: ["192.168.50.7"])
    out = StringIO()
    call_command("demo_info", "--host", "0.0.0.0", "--port", "8000", stdout=out)
    assert "http://192.168.50.7:8000/login/" in out.getvalue()
    assert "http://127.0.0.1:8000/" in out.getvalue()
