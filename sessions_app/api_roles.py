"""REST: a council's roles, given and taken back by its account administrators (``services.roles``). The caller's
right is checked before the body is read, so an outsider learns nothing from a validation answer."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import error_responses, request_input
from core.errors import NOT_FOUND, ServiceError
from sessions_app.models import Council, CouncilRole, CouncilRoleKind
from sessions_app.services import roles as services_roles


class CouncilRoleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    council = serializers.IntegerField(source="council_id")
    role = serializers.ChoiceField(choices=CouncilRoleKind.choices)
    user = serializers.IntegerField(source="user_id")
    username = serializers.CharField(source="user.username")
    full_name = serializers.CharField(source="user.get_full_name")
    activated = serializers.BooleanField(
        source="user.has_usable_password", help_text="False until the person has set a password"
    )


class GrantedSerializer(CouncilRoleSerializer):
    account_created = serializers.BooleanField(help_text="A new account was created for the role")
    activation_url = serializers.CharField(
        help_text="One-time link where the person sets a password (only while the account has none; give it to "
        "them privately, it is shown only here)",
        allow_blank=True,
    )


class RoleGrantInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    role = serializers.ChoiceField(choices=CouncilRoleKind.choices)
    full_name = serializers.CharField(
        max_length=300, required=False, default="", help_text="Creates the account when the username is unknown"
    )
    email = serializers.EmailField(required=False, default="", allow_blank=True)


class ActivationSerializer(serializers.Serializer):
    activation_url = serializers.CharField()


ERRORS = error_responses(400, 401, 403, 404, 409)


def _council(pk: int) -> Council:
    council = Council.objects.filter(pk=pk).first()
    if council is None:
        raise ServiceError(NOT_FOUND)
    return council


def _role(pk: int) -> CouncilRole:
    role = CouncilRole.objects.select_related("user").filter(pk=pk).first()
    if role is None:
        raise ServiceError(NOT_FOUND)
    return role


def _granted(request: Request, granted: services_roles.Granted) -> dict[str, Any]:
    data = dict(CouncilRoleSerializer(granted.role).data)
    url = request.build_absolute_uri(granted.activation_path) if granted.activation_path else ""
    return {**data, "account_created": granted.created, "activation_url": url}


class CouncilRolesView(APIView):
    write_role = "login"  # the council's account administrators: checked by the service before the body is read

    @extend_schema(
        summary="The council's roles: secretariat, chair, account administrators (its account administrators)",
        responses={200: CouncilRoleSerializer(many=True), **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        roles = services_roles.council_roles_list(actor=request.user, council=_council(pk))
        return Response(CouncilRoleSerializer(roles, many=True).data)

    @extend_schema(
        summary="Give a role in the council to an account; with full_name, an unknown username is created "
        "without a password and the answer carries its one-time activation link",
        request=RoleGrantInput,
        responses={201: GrantedSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        council = _council(pk)
        services_roles.require_grant(request.user, council)
        data = request_input(RoleGrantInput, request)
        granted = services_roles.role_grant(actor=request.user, council=council, **data)
        return Response(_granted(request, granted), status=status.HTTP_201_CREATED)


class CouncilRoleView(APIView):
    write_role = "login"  # the council's account administrators: checked by the service before the body is read

    @extend_schema(summary="Take a role back (the council's account administrators)", responses={204: None, **ERRORS})
    def delete(self, request: Request, pk: int) -> Response:
        services_roles.role_revoke(actor=request.user, role=_role(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class RoleActivationView(APIView):
    write_role = "login"  # the council's account administrators: checked by the service before the body is read

    @extend_schema(
        summary="A fresh one-time activation link for the holder of the role, while their account has no password",
        request=None,
        responses={200: ActivationSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        path = services_roles.activation_reissue(actor=request.user, role=_role(pk))
        return Response({"activation_url": request.build_absolute_uri(path)})
