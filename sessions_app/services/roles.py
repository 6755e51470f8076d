"""Giving and taking back a council's roles (secretariat, chair, account administrator) without the Django admin.

Who may: the council's account administrators (role ``admin``) and system administrators, for that council only.
Refused: a role given to oneself, the council's last account administrator taken away, another council's role.
A role can go to an existing account (by username) or to a new one, created without a password: the person sets
it through a one-time activation link (Django's password-reset token: valid ``PASSWORD_RESET_TIMEOUT`` seconds,
spent as soon as a password is set). Every change is audited; the link itself never is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.audit import audit_object, audit_record
from core.errors import COUNCIL_FORBIDDEN, REQUEST_INVALID, ServiceError
from sessions_app import errors
from sessions_app.models import Council, CouncilRole, CouncilRoleKind
from sessions_app.permissions import can_grant_roles, require_authenticated

USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,150}$")


@dataclass(frozen=True)
class Granted:
    role: CouncilRole
    created: bool  # a new account was made for it
    activation_path: str  # only for an account without a password yet, else ""


def require_grant(actor: Any, council: Council | int) -> None:
    require_authenticated(actor)
    if not can_grant_roles(actor, council):
        raise ServiceError(errors.ROLE_GRANT_FORBIDDEN)


def activation_path(user: Any) -> str:
    """The one-time link where an account without a password sets one (``/accounts/activate/…``)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("account-activate", args=[uid, default_token_generator.make_token(user)])


def _split_name(full_name: str) -> tuple[str, str]:
    """Vietnamese order: family (and middle) names first, the given name last ("Trần Xuân Nam")."""
    words = full_name.split()
    return " ".join(words[:-1]), words[-1] if words else ""


def role_grant(
    *,
    actor: Any,
    council: Council,
    username: str,
    role: str,
    full_name: str = "",
    email: str = "",
) -> Granted:
    """Give ``role`` in ``council`` to the account ``username``; with ``full_name``, an unknown username is
    created (without a password, with an activation link)."""
    require_grant(actor, council)
    if role not in CouncilRoleKind.values:
        raise ServiceError(REQUEST_INVALID, details={"role": role})
    username = username.strip()
    if not USERNAME.match(username):
        raise ServiceError(errors.ACCOUNT_USERNAME_INVALID)
    User = get_user_model()  # noqa: N806
    with transaction.atomic():
        user = User.objects.select_for_update(no_key=True).filter(username__iexact=username).first()
        created = user is None
        if created:
            if not full_name.strip():
                raise ServiceError(errors.ACCOUNT_NOT_FOUND, username=username)
            last, first = _split_name(full_name.strip())
            user = User(username=username, last_name=last[:150], first_name=first[:150], email=email.strip()[:254])
            user.set_unusable_password()
            user.save()
        if user.pk == getattr(actor, "pk", None):
            raise ServiceError(errors.ROLE_SELF_GRANT)
        try:
            with transaction.atomic():
                granted = CouncilRole.objects.create(user=user, council=council, role=role)
        except IntegrityError:
            raise ServiceError(errors.ROLE_EXISTS, username=user.username, role=CouncilRoleKind(role).label) from None
        audit_object(
            actor=actor,
            action="council_role.grant",
            obj=granted,
            object_type="councilrole",
            data={"user": user.pk, "username": user.username, "role": role, "account_created": created},
        )
    return Granted(granted, created, "" if user.has_usable_password() else activation_path(user))


def role_revoke(*, actor: Any, role: CouncilRole, council: Council | None = None) -> None:
    """Take a role back. ``council``, when given, is the council the caller acts in: a role of another council
    is refused. The council's last account administrator stays."""
    require_grant(actor, role.council_id)
    if council is not None and role.council_id != council.pk:
        raise ServiceError(COUNCIL_FORBIDDEN)
    with transaction.atomic():
        admins = list(
            CouncilRole.objects.select_for_update(no_key=True)
            .filter(council_id=role.council_id, role=CouncilRoleKind.ADMIN)
            .values_list("pk", flat=True)
        )
        current = CouncilRole.objects.select_for_update(no_key=True).select_related("user").filter(pk=role.pk).first()
        if current is None:
            return  # already gone: nothing to do
        if current.role == CouncilRoleKind.ADMIN and admins == [current.pk]:
            raise ServiceError(errors.ROLE_LAST_ADMIN)
        audit_object(
            actor=actor,
            action="council_role.revoke",
            obj=current,
            object_type="councilrole",
            data={"user": current.user_id, "username": current.user.username, "role": current.role},
        )
        current.delete()


def activation_reissue(*, actor: Any, role: CouncilRole) -> str:
    """A fresh activation link for the holder of ``role`` whose account has no password yet."""
    require_grant(actor, role.council_id)
    user = get_user_model().objects.get(pk=role.user_id)
    if user.has_usable_password():
        raise ServiceError(errors.ACCOUNT_ACTIVE, username=user.username)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="account.activation_issue",
            object_type="user",
            object_id=user.pk,
            council_id=role.council_id,
            data={"username": user.username},
        )
    return activation_path(user)


def council_roles_list(*, actor: Any, council: Council) -> list[CouncilRole]:
    """The council's roles, for those who may give them."""
    require_grant(actor, council)
    return list(
        CouncilRole.objects.filter(council=council).select_related("user").order_by("role", "user__username", "pk")
    )
