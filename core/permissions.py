"""Who may send a write, checked before its body is read (issue 14): the default permission class of every
REST view (``REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]``). Kept apart from ``core.api``, which imports
``rest_framework.views``: that module reads the default permission classes while it is being imported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rest_framework import exceptions, permissions
from rest_framework.request import Request

from core.errors import ServiceError


@dataclass(frozen=True)
class WriteRole:
    """A coarse role a write needs, checked before the request's body is read: ``allows(user)`` for a logged-in
    user, ``error`` (a 403 code) when it does not. The service still checks the council and the object."""

    allows: Callable[[Any], bool]
    error: str


# Built in: "anyone" (no check: the log-in itself) and "login" (the default: any logged-in user). Domain roles
# ("staff", "admin", ...) are registered by the app that knows them (sessions_app, in its AppConfig.ready).
_WRITE_ROLES: dict[str, WriteRole] = {}


def write_role_register(name: str, role: WriteRole) -> None:
    _WRITE_ROLES[name] = role


def view_write_role(view: Any, method: str) -> str:
    """The role a write to ``view`` needs: ``write_roles[action]`` (the viewset action or, for a plain view,
    the method's name), else ``write_role``, else ``"login"``."""
    action = getattr(view, "action", None) or method.lower()
    roles: dict[str, str] = getattr(view, "write_roles", {}) or {}
    return roles.get(action) or getattr(view, "write_role", None) or "login"


class WriteAccess(permissions.BasePermission):
    """The default permission of every REST view: a write (any method but GET, HEAD, OPTIONS) from an
    anonymous client is refused with 401 ``auth.required``, and one from a user without the view's coarse role
    with its 403, before the body is parsed or validated, so a refused client learns nothing from validation
    and a malformed body never outranks the missing log-in. Reads are the views' (and selectors') business."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        role = view_write_role(view, request.method or "")
        if role == "anyone":
            return True
        user = request.user
        if not (user is not None and user.is_authenticated):
            raise exceptions.NotAuthenticated
        if role == "login":
            return True
        required = _WRITE_ROLES.get(role)
        if required is None:
            raise LookupError(f"write role {role!r} is not registered (view {type(view).__name__})")
        if not required.allows(user):
            raise ServiceError(required.error)
        return True
