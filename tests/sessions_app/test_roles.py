"""Giving and taking back a council's roles without the admin (``services.roles``, REST, console page): who may,
every refusal (with nothing changed and nothing audited), the audit entries, and the one-time activation link."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sessions_app.models import AuditEntry, CouncilRole, CouncilRoleKind, User
from sessions_app.services.roles import activation_reissue, role_grant, role_revoke
from tests.assertions import refused
from tests.factories import make_council, make_role_user, make_user

pytestmark = pytest.mark.django_db
ADMIN, SEC, CHAIR = CouncilRoleKind.ADMIN, CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR


@pytest.fixture
def world():
    council, other = make_council(), make_council(name="HĐND xã Đồi Thông")
    return {
        "council": council,
        "other": other,
        "root": make_user(username="quantri", superuser=True),
        "admin": make_role_user(council, ADMIN),
        "sec": make_role_user(council, SEC),
        "other_admin": make_role_user(other, ADMIN),
    }


def test_the_councils_admin_grants_and_revokes_audited(world):
    council, admin = world["council"], world["admin"]
    target = make_user(username="thuky.moi")
    granted = role_grant(actor=admin, council=council, username="THUKY.MOI", role=SEC)
    assert (granted.role.user, granted.role.role, granted.created) == (target, SEC, False)
    assert granted.activation_path == ""  # the account has a password already
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.actor_id, entry.council_id, entry.data["username"]) == (
        "council_role.grant",
        admin.pk,
        council.pk,
        "thuky.moi",
    )
    role_revoke(actor=admin, role=granted.role)
    assert not CouncilRole.objects.filter(pk=granted.role.pk).exists()
    assert AuditEntry.objects.order_by("-id").first().action == "council_role.revoke"


def test_a_new_account_gets_a_one_time_activation_link(world, client):
    granted = role_grant(
        actor=world["admin"], council=world["council"], username="chutoa.moi", role=CHAIR, full_name="Lê Thị Hồng Vân"
    )
    user = User.objects.get(username="chutoa.moi")
    assert granted.created and not user.has_usable_password()
    assert (user.last_name, user.first_name, user.get_full_name()) == ("Lê Thị Hồng", "Vân", "Lê Thị Hồng Vân")
    assert "token" not in str(AuditEntry.objects.order_by("-id").first().data)  # the link is never audited
    form = client.get(granted.activation_path, follow=True)
    assert form.status_code == 200 and "chutoa.moi" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "hoa-sen-2027-x", "new_password2": "hoa-sen-2027-x"}
    )
    assert done.status_code == 302 and done["Location"] == "/login/"
    user.refresh_from_db()
    assert user.check_password("hoa-sen-2027-x")
    again = Client().get(granted.activation_path, follow=True)  # spent: the password changed the token
    assert 'id="activation-invalid"' in again.content.decode()
    refused("account.active", activation_reissue, actor=world["admin"], role=granted.role)


def test_refusals_change_nothing(world):
    council, other, admin, sec = world["council"], world["other"], world["admin"], world["sec"]
    before = (CouncilRole.objects.count(), User.objects.count())
    refused("role.grant_forbidden", role_grant, actor=sec, council=council, username="ai.do", role=SEC)
    refused("role.grant_forbidden", role_grant, actor=world["other_admin"], council=council, username="x1y", role=SEC)
    refused("auth.required", role_grant, actor=None, council=council, username="x1y", role=SEC)
    refused("role.self_grant", role_grant, actor=admin, council=council, username=admin.username, role=ADMIN)
    refused("role.self_grant", role_grant, actor=world["root"], council=council, username="quantri", role=ADMIN)
    refused("role.exists", role_grant, actor=admin, council=council, username=sec.username, role=SEC)
    refused("account.not_found", role_grant, actor=admin, council=council, username="chua.co", role=SEC)
    refused("account.username_invalid", role_grant, actor=admin, council=council, username="tên có dấu", role=SEC)
    refused("request.invalid", role_grant, actor=admin, council=council, username="abc", role="owner")
    sec_role = CouncilRole.objects.get(user=sec)
    refused("role.grant_forbidden", role_revoke, actor=world["other_admin"], role=sec_role)
    refused("council.forbidden", role_revoke, actor=world["root"], role=sec_role, council=other)
    last = CouncilRole.objects.get(user=admin)
    refused("role.last_admin", role_revoke, actor=admin, role=last)
    refused("role.last_admin", role_revoke, actor=world["root"], role=last)
    assert (CouncilRole.objects.count(), User.objects.count()) == before


def test_an_admin_may_leave_once_another_holds_the_role(world):
    council, admin = world["council"], world["admin"]
    role_grant(actor=world["root"], council=council, username=world["sec"].username, role=ADMIN)
    role_revoke(actor=admin, role=CouncilRole.objects.get(user=admin, role=ADMIN))
    assert list(CouncilRole.objects.filter(council=council, role=ADMIN).values_list("user", flat=True)) == [
        world["sec"].pk
    ]


def test_the_admin_role_alone_does_not_run_sessions(world):
    from sessions_app.permissions import can_grant_roles, can_manage_council

    admin, council = world["admin"], world["council"]
    assert can_grant_roles(admin, council) and not can_manage_council(admin, council)
    assert not can_grant_roles(world["sec"], council) and not can_grant_roles(world["other_admin"], council)


def _api(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_rest_grant_list_activation_revoke(world):
    council = world["council"]
    api = _api(world["admin"])
    made = api.post(
        f"/api/councils/{council.pk}/roles/",
        {"username": "thuky.hai", "role": "secretariat", "full_name": "Phan Minh Khoa"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["account_created"] and not body["activated"] and body["username"] == "thuky.hai"
    assert re.match(r"^http://testserver/accounts/activate/[^/]+/[^/]+/$", body["activation_url"])
    listed = api.get(f"/api/councils/{council.pk}/roles/").json()
    assert {(r["username"], r["role"]) for r in listed} >= {("thuky.hai", "secretariat")}
    fresh = api.post(f"/api/council-roles/{body['id']}/activation/")
    assert fresh.status_code == 200 and "/accounts/activate/" in fresh.json()["activation_url"]
    assert api.delete(f"/api/council-roles/{body['id']}/").status_code == 204
    assert not CouncilRole.objects.filter(pk=body["id"]).exists()


def test_rest_refusals_check_the_caller_before_the_body(world):
    council = world["council"]
    url = f"/api/councils/{council.pk}/roles/"
    assert Client().post(url, {}, content_type="application/json").json()["error"]["code"] == "auth.required"
    sec = _api(world["sec"])
    assert sec.post(url, {}, content_type="application/json").json()["error"]["code"] == "role.grant_forbidden"
    assert sec.get(url).status_code == 403
    admin = _api(world["admin"])
    assert (
        admin.post(url, {"role": "secretariat"}, content_type="application/json").json()["error"]["code"]
        == "request.invalid"
    )
    last = CouncilRole.objects.get(user=world["admin"])
    answer = admin.delete(f"/api/council-roles/{last.pk}/")
    assert (answer.status_code, answer.json()["error"]["code"]) == (409, "role.last_admin")
    assert admin.get("/api/councils/999999/roles/").status_code == 404


def test_console_roles_page(world):
    council = world["council"]
    page = _api(world["admin"])
    url = f"/console/councils/{council.pk}/roles/"
    assert world["sec"].username in page.get(url).content.decode()
    shown = page.post(url, {"action": "grant", "username": "db.moi", "role": "chair", "full_name": "Hà Văn Sơn"})
    html = shown.content.decode()
    assert shown.status_code == 200 and 'id="activation-url"' in html and "/accounts/activate/" in html
    role = CouncilRole.objects.get(user__username="db.moi")
    again = page.post(url, {"action": "grant", "username": "db.moi", "role": "chair"})
    assert again.status_code == 409 and "role.exists" in again.content.decode()
    assert page.post(url, {"action": "revoke", "role_id": role.pk}).status_code == 302
    last = CouncilRole.objects.get(user=world["admin"])
    kept = page.post(url, {"action": "revoke", "role_id": last.pk})
    assert kept.status_code == 409 and CouncilRole.objects.filter(pk=last.pk).exists()
    assert _api(world["sec"]).get(url).status_code == 403
    home = page.get("/console/").content.decode()
    assert f'href="{url}"' in home
