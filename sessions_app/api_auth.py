"""REST log-in for integrators and apps, on Django's own session cookie and CSRF protection.

- ``GET /api/auth/login/`` sets the ``csrftoken`` cookie and returns its value;
- ``POST /api/auth/login/`` checks the credentials with the very form the log-in page uses (``forms.LoginForm``,
  which calls ``authenticate(request=...)``), so every throttle and lock-out that applies to the page applies
  here too; it then starts a session (cookie ``sessionid``) and rotates the CSRF token;
- ``POST /api/auth/logout/`` ends it; ``GET /api/auth/me/`` says who is logged in and with which roles.

Unsafe requests of a logged-in session need the ``X-CSRFToken`` header; a missing or wrong one is refused with
``csrf.failed`` (``api_csrf.CsrfSessionAuthentication``), not the generic ``permission.denied``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login, logout
from django.middleware.csrf import get_token
from django.urls import path
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.api import error_responses
from core.errors import ServiceError
from sessions_app import errors
from sessions_app.api_csrf import csrf_check
from sessions_app.errors import LOGIN_THROTTLED
from sessions_app.forms import LoginForm
from sessions_app.lockout import lockout_error
from sessions_app.models import CouncilRole
from sessions_app.permissions import is_authenticated, require_authenticated


class CsrfSessionScheme(SessionScheme):
    """OpenAPI: the API's session authentication is Django's session cookie (with CSRF on unsafe requests)."""

    target_class = "sessions_app.api_csrf.CsrfSessionAuthentication"


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})


class RoleSerializer(serializers.Serializer):
    council = serializers.IntegerField()
    council_name = serializers.CharField()
    role = serializers.CharField(help_text="secretariat or chair")


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    person = serializers.IntegerField(allow_null=True, help_text="The delegate this account belongs to, if any")
    is_administrator = serializers.BooleanField()
    roles = RoleSerializer(many=True)
    csrf_token = serializers.CharField(help_text="Send it back in the X-CSRFToken header of unsafe requests")


class CsrfTokenSerializer(serializers.Serializer):
    csrf_token = serializers.CharField()


def me_state(request: Request, user: Any) -> dict[str, Any]:
    roles = CouncilRole.objects.filter(user=user).select_related("council").order_by("council__name", "role")
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.get_full_name() or user.username,
        "person": user.person_id,
        "is_administrator": bool(user.is_superuser),
        "roles": [{"council": r.council_id, "council_name": r.council.name, "role": r.role} for r in roles],
        "csrf_token": get_token(request._request),
    }


ME_EXAMPLE = OpenApiExample(
    "secretariat",
    response_only=True,
    status_codes=["200"],
    value={
        "id": 7,
        "username": "thuky.songlam",
        "full_name": "thuky.songlam",
        "person": None,
        "is_administrator": False,
        "roles": [{"council": 1, "council_name": "HĐND tỉnh Sông Lam", "role": "secretariat"}],
        "csrf_token": "Xq3…",
    },
)


class LoginView(APIView):
    authentication_classes: list[type] = []  # the log-in itself checks CSRF explicitly, below
    write_role = "anyone"  # core.permissions.WriteAccess: logging in needs no log-in
    throttle_scope = "login"

    def get_throttles(self) -> list[Any]:
        return [ScopedRateThrottle()] if self.request.method == "POST" else []

    @extend_schema(
        summary="Get a CSRF token (and the csrftoken cookie) before logging in",
        tags=["auth"],
        responses={200: CsrfTokenSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request._request)})

    @extend_schema(
        summary="Log in with username and password (session cookie); send X-CSRFToken from GET first",
        description="Failed attempts are throttled and locked exactly as on the log-in page.",
        tags=["auth"],
        request=CredentialsSerializer,
        responses={200: MeSerializer, **error_responses(400, 401, 403, 429)},
        examples=[ME_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        csrf_check(request._request)
        credentials = CredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        form = LoginForm(request._request, data=credentials.validated_data)
        if not form.is_valid():
            codes = {error.code for error in form.non_field_errors().as_data()}
            if LOGIN_THROTTLED in codes:  # the page's lock-out (sessions_app.lockout), answered as the page does
                raise lockout_error(request._request)
            raise ServiceError(errors.LOGIN_INVALID)
        user = form.get_user()
        login(request._request, user)
        return Response(me_state(request, user))


class LogoutView(APIView):
    write_role = "login"  # core.permissions.WriteAccess

    @extend_schema(
        summary="Log out (ends the session)",
        tags=["auth"],
        request=None,
        responses={204: None, **error_responses(401, 403)},
    )
    def post(self, request: Request) -> Response:
        require_authenticated(request.user)
        logout(request._request)
        return Response(status=204)


class MeView(APIView):
    @extend_schema(
        summary="Who is logged in, with their council roles and the CSRF token",
        tags=["auth"],
        responses={200: MeSerializer, **error_responses(401)},
        examples=[ME_EXAMPLE],
    )
    def get(self, request: Request) -> Response:
        if not is_authenticated(request.user):
            get_token(request._request)  # the cookie, so the next step (log in) can send it back
            require_authenticated(request.user)
        return Response(me_state(request, request.user))


urlpatterns = [
    path("auth/login/", LoginView.as_view(), name="api-login"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("auth/me/", MeView.as_view(), name="api-me"),
]
