import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from sessions_app.auth_tokens import login_cards_issue
from sessions_app.models import AuditEntry, Council
from tests.factories import Council_, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(superuser=True))
    return client


@pytest.mark.parametrize("app_label", ["sessions_app", "activity"])
def test_every_model_is_in_the_admin(app_label):
    missing = [m.__name__ for m in apps.get_app_config(app_label).get_models() if m not in admin.site._registry]
    assert missing == []


def test_every_admin_page_opens_in_vietnamese(admin_client):
    c = Council_(n=2)
    login_cards_issue(actor=c.secretariat, session=c.session)
    index = admin_client.get(reverse("admin:index"))
    assert index.status_code == 200 and "Hội đồng nhân dân" in index.content.decode()
    for model in admin.site._registry:
        label = model._meta.app_label
        if label not in {"sessions_app", "activity"}:
            continue
        name = model._meta.model_name
        changelist = admin_client.get(reverse(f"admin:{label}_{name}_changelist"))
        assert changelist.status_code == 200, name
        first = model.objects.first()
        if first is not None:
            assert admin_client.get(reverse(f"admin:{label}_{name}_change", args=[first.pk])).status_code == 200, name


def test_audit_trail_is_read_only_in_the_admin(admin_client):
    c = Council_(n=1)
    login_cards_issue(actor=c.secretariat, session=c.session)
    entry = AuditEntry.objects.first()
    assert admin_client.get(reverse("admin:sessions_app_auditentry_add")).status_code == 403
    change = admin_client.post(reverse("admin:sessions_app_auditentry_change", args=[entry.pk]), {"action": "forged"})
    assert change.status_code == 403
    delete = admin_client.post(reverse("admin:sessions_app_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).action == entry.action


def test_admin_changes_are_audited(admin_client):
    c = Council_(n=1)
    url = reverse("admin:sessions_app_council_change", args=[c.council.pk])
    response = admin_client.post(url, {"name": "HĐND tỉnh Đổi Tên", "short_name": "", "level": "province",
                                       "code": c.council.code, "place_name": ""})
    assert response.status_code == 302
    assert Council.objects.get(pk=c.council.pk).name == "HĐND tỉnh Đổi Tên"
    entry = AuditEntry.objects.get(action="admin.change", object_type="council")
    assert entry.council_id == c.council.pk and "name" in entry.data["fields"]


def test_non_staff_cannot_open_the_admin(client):
    c = Council_(n=1)
    client.force_login(c.secretariat)
    assert client.get(reverse("admin:index")).status_code == 302
