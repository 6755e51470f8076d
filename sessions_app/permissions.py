"""Who may do what. Object-level: the secretariat and chair act only within their own council; a delegate
acts only for themselves; administrators (superusers) act everywhere."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from core.errors import AUTH_REQUIRED, COUNCIL_FORBIDDEN, ServiceError
from core.memo import memo_forget, memoized
from sessions_app.models import Council, CouncilRole, CouncilRoleKind, Membership
from sessions_app.seats import seats_held

COUNCIL_ROLES = "council_roles"


def _council_id(council: Council | int) -> int:
    return council if isinstance(council, int) else council.pk


def is_authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def is_administrator(user: Any) -> bool:
    return is_authenticated(user) and user.is_superuser


def council_roles(user: Any, council: Council | int) -> frozenset[str]:
    """The user's roles in the council, read once per request or socket command (``core.memo``)."""
    if not is_authenticated(user):
        return frozenset()
    council_id = _council_id(council)
    return memoized(
        (COUNCIL_ROLES, user.pk, council_id),
        lambda: frozenset(CouncilRole.objects.filter(user=user, council_id=council_id).values_list("role", flat=True)),
    )


def council_roles_changed(**_: Any) -> None:
    """A role was given or taken back: the current request's remembered roles are read again."""
    memo_forget(COUNCIL_ROLES)


def can_manage_council(user: Any, council: Council | int) -> bool:
    """Secretariat or chair of the council, or an administrator: may run its sessions."""
    if is_administrator(user):
        return True
    return bool(council_roles(user, council) & {CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR})


def can_grant_roles(user: Any, council: Council | int) -> bool:
    """The council's account administrators (role ``admin``), or an administrator: give and take back roles."""
    return is_administrator(user) or CouncilRoleKind.ADMIN in council_roles(user, council)


def is_council_delegate(user: Any, council: Council | int, on: dt.date | None = None) -> bool:
    if not is_authenticated(user) or user.person_id is None:
        return False
    return delegate_membership(person_id=user.person_id, council=council, on=on) is not None


def delegate_membership(*, person_id: int, council: Council | int, on: dt.date | None = None) -> Membership | None:
    """The person's membership of the council in force on ``on`` (today by default), if any."""
    day = on or timezone.localdate()
    return (
        seats_held(Membership.objects.filter(person_id=person_id, council_id=_council_id(council)), first=day, last=day)
        .select_related("term")
        .first()
    )


def can_read_council_private(user: Any, council: Council | int) -> bool:
    """Non-public data of a council: its secretariat, chair, delegates, and administrators."""
    return can_manage_council(user, council) or is_council_delegate(user, council)


def require_authenticated(user: Any) -> None:
    if not is_authenticated(user):
        raise ServiceError(AUTH_REQUIRED)


def require_manage(user: Any, council: Council | int) -> None:
    require_authenticated(user)
    if not can_manage_council(user, council):
        raise ServiceError(COUNCIL_FORBIDDEN)


def require_read_private(user: Any, council: Council | int) -> None:
    require_authenticated(user)
    if not can_read_council_private(user, council):
        raise ServiceError(COUNCIL_FORBIDDEN)


def can_manage_person(user: Any, person_id: int) -> bool:
    """An administrator, or the secretariat/chair of a council in which the person has ever held a seat."""
    if is_administrator(user):
        return True
    if not is_authenticated(user):
        return False
    councils = Membership.objects.filter(person_id=person_id).values("council_id")
    return CouncilRole.objects.filter(
        user=user, council_id__in=councils, role__in=[CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR]
    ).exists()


def holds_council_role(user: Any) -> bool:
    """An administrator, or the secretariat or chair of some council (which one the service checks)."""
    return is_administrator(user) or (
        is_authenticated(user)
        and CouncilRole.objects.filter(
            user=user, role__in=[CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR]
        ).exists()
    )


def write_roles_register() -> None:
    """The coarse roles REST writes declare (``write_role`` / ``write_roles`` on a view), checked by
    ``core.permissions.WriteAccess`` before the body is read: "staff" (secretariat or chair of some council, or an
    administrator) and "admin" (an administrator)."""
    from core.permissions import WriteRole, write_role_register
    from sessions_app.errors import ADMIN_REQUIRED

    write_role_register("staff", WriteRole(allows=holds_council_role, error=COUNCIL_FORBIDDEN))
    write_role_register("admin", WriteRole(allows=is_administrator, error=ADMIN_REQUIRED))


def require_manage_person(user: Any, person_id: int) -> None:
    require_authenticated(user)
    if not can_manage_person(user, person_id):
        raise ServiceError(COUNCIL_FORBIDDEN)


def require_manage_some(user: Any) -> None:
    """Secretariat or chair of some council, or an administrator: the coarse check of a set-up write made before
    its input is read (the service then checks the council the input names)."""
    require_authenticated(user)
    if is_administrator(user):
        return
    if not CouncilRole.objects.filter(
        user=user, role__in=[CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR]
    ).exists():
        raise ServiceError(COUNCIL_FORBIDDEN)
