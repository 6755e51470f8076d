"""REST writes that set a council up and run its sessions, without the admin. Thin: input through
``serializers_setup``, every rule in the services (``services``, ``services_setup``); refusals are ServiceErrors.

The read viewsets of ``api`` take these as mixins; committees, delegate groups and seats have viewsets here."""

from __future__ import annotations

import os
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import error_responses
from core.errors import NOT_FOUND, ServiceError
from sessions_app import serializers_setup as io
from sessions_app import services, services_setup
from sessions_app.models import Committee, Council, DelegateGroup, Membership, Person, Session, Sitting, Term
from sessions_app.selectors import sitting_audience, sitting_state
from sessions_app.serializers import (
    CouncilSerializer,
    MembershipSerializer,
    PersonSerializer,
    SessionSerializer,
    SittingStateSerializer,
    TermSerializer,
)

WRITE_ERRORS = error_responses(400, 401, 403, 404, 409)


def _valid(serializer_class: type, request: Request, *, partial: bool = False) -> Any:
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return serializer


def _pk(model: type, value: Any) -> Any:
    return get_object_or_404(model, pk=value)


class CouncilWrite:
    @extend_schema(
        summary="Create a council (administrators)",
        request=io.CouncilInputSerializer,
        responses={201: CouncilSerializer, **WRITE_ERRORS},
    )
    def create(self, request: Request) -> Response:
        council = services_setup.council_create(
            actor=request.user, values=_valid(io.CouncilInputSerializer, request).changes()
        )
        return Response(CouncilSerializer(council).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a council (administrators)",
        request=io.CouncilInputSerializer,
        responses={200: CouncilSerializer, **WRITE_ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        changes = _valid(io.CouncilInputSerializer, request, partial=True).changes()
        council = services_setup.council_update(actor=request.user, council=_pk(Council, pk), changes=changes)
        return Response(CouncilSerializer(council).data)


class TermWrite:
    @extend_schema(
        summary="Create a term of a council (administrators)",
        request=io.TermCreateSerializer,
        responses={201: TermSerializer, **WRITE_ERRORS},
    )
    def create(self, request: Request) -> Response:
        values = _valid(io.TermCreateSerializer, request).changes()
        council = _pk(Council, values.pop("council"))
        term = services_setup.term_create(actor=request.user, council=council, values=values)
        return Response(TermSerializer(term).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a term (administrators)",
        request=io.TermInputSerializer,
        responses={200: TermSerializer, **WRITE_ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        changes = _valid(io.TermInputSerializer, request, partial=True).changes()
        term = services_setup.term_update(actor=request.user, term=_pk(Term, pk), changes=changes)
        return Response(TermSerializer(term).data)


class PersonWrite:
    @extend_schema(
        summary="Create a person to seat in a council (its secretariat)",
        request=io.PersonCreateSerializer,
        responses={201: PersonSerializer, **WRITE_ERRORS},
    )
    def create(self, request: Request) -> Response:
        values = _valid(io.PersonCreateSerializer, request).changes()
        council = _pk(Council, values.pop("council"))
        person = services_setup.person_create(actor=request.user, council=council, values=values)
        return Response(
            PersonSerializer(person, context={"managed_council_ids": None}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Change a person's details (the secretariat of a council they sit in)",
        request=io.PersonInputSerializer,
        responses={200: PersonSerializer, **WRITE_ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        changes = _valid(io.PersonInputSerializer, request, partial=True).changes()
        person = services_setup.person_update(actor=request.user, person=_pk(Person, pk), changes=changes)
        return Response(PersonSerializer(person, context={"managed_council_ids": None}).data)


class SessionWrite:
    @extend_schema(
        summary="Create a session (secretariat); it starts planned",
        request=io.SessionCreateSerializer,
        responses={201: SessionSerializer, **WRITE_ERRORS},
    )
    def create(self, request: Request) -> Response:
        values = _valid(io.SessionCreateSerializer, request).validated_data
        term = _pk(Term, values.pop("term"))
        session = services.session_create(actor=request.user, council=term.council, term=term, **values)
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a session; once closed only as a correction with `correction_reason` (audited)",
        request=io.SessionUpdateSerializer,
        responses={200: SessionSerializer, **WRITE_ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        data = _valid(io.SessionUpdateSerializer, request, partial=True)
        session = services_setup.session_update(
            actor=request.user,
            session=_pk(Session, pk),
            changes=data.changes(),
            correction_reason=data.validated_data.get("correction_reason", ""),
        )
        return Response(SessionSerializer(session).data)

    @extend_schema(
        summary="Close the session (bế mạc) once in progress: refused while a sitting is open; "
        "a closed session is never reopened",
        request=None,
        responses={200: SessionSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        session = services.session_status_set(actor=request.user, session=_pk(Session, pk), status="closed")
        return Response(SessionSerializer(session).data)

    @extend_schema(
        methods=["GET"],
        summary="Download the convening notice (giấy triệu tập)",
        responses={(200, "application/octet-stream"): bytes, **error_responses(401, 403, 404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Upload the convening notice (PDF or DOCX; replaces the previous one)",
        request={"multipart/form-data": io.UploadSerializer},
        responses={200: SessionSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["get", "post"], url_path="convening-notice", parser_classes=[MultiPartParser])
    def convening_notice(self, request: Request, pk: str) -> Any:
        session = get_object_or_404(self.get_queryset(), pk=pk)
        if request.method == "POST":
            upload = _valid(io.UploadSerializer, request).validated_data["file"]
            session = services_setup.session_notice_upload(actor=request.user, session=session, file=upload)
            return Response(SessionSerializer(session).data)
        if not session.convening_notice:
            raise ServiceError(NOT_FOUND)
        return FileResponse(
            session.convening_notice.open("rb"),
            as_attachment=True,
            filename=os.path.basename(session.convening_notice.name),
        )


class SittingWrite:
    def _state(self, request: Request, sitting: Sitting, code: int = 200) -> Response:
        return Response(
            sitting_state(sitting=sitting, audience=sitting_audience(user=request.user, sitting=sitting)), status=code
        )

    @extend_schema(
        summary="Add a sitting to a session (secretariat)",
        request=io.SittingCreateSerializer,
        responses={201: SittingStateSerializer, **WRITE_ERRORS},
    )
    def create(self, request: Request) -> Response:
        values = _valid(io.SittingCreateSerializer, request).validated_data
        session = _pk(Session, values.pop("session"))
        return self._state(request, services.sitting_create(actor=request.user, session=session, **values), 201)

    @extend_schema(
        summary="Change a sitting (date and times only while planned)",
        request=io.SittingInputSerializer,
        responses={200: SittingStateSerializer, **WRITE_ERRORS},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        changes = _valid(io.SittingInputSerializer, request, partial=True).changes()
        sitting = get_object_or_404(Sitting.objects.select_related("session"), pk=pk)
        return self._state(request, services_setup.sitting_update(actor=request.user, sitting=sitting, changes=changes))

    def _status(self, request: Request, pk: str, target: str) -> Response:
        sitting = get_object_or_404(Sitting.objects.select_related("session"), pk=pk)
        return self._state(request, services.sitting_status_set(actor=request.user, sitting=sitting, status=target))

    @extend_schema(
        summary="Open the sitting (khai mạc phiên), only on its own date",
        request=None,
        responses={200: SittingStateSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="open")
    def open_sitting(self, request: Request, pk: str) -> Response:
        return self._status(request, pk, "open")

    @extend_schema(
        summary="Close the sitting (bế mạc phiên)",
        request=None,
        responses={200: SittingStateSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="close")
    def close_sitting(self, request: Request, pk: str) -> Response:
        return self._status(request, pk, "closed")

    @extend_schema(
        summary="Reopen a closed sitting, with the reason (audited)",
        request=io.ReasonSerializer,
        responses={200: SittingStateSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str) -> Response:
        reason = _valid(io.ReasonSerializer, request).validated_data["reason"]
        sitting = get_object_or_404(Sitting.objects.select_related("session"), pk=pk)
        return self._state(request, services.sitting_reopen(actor=request.user, sitting=sitting, reason=reason))


def _organ_viewset(kind: str, model: type, output: type, label: str) -> type:
    @extend_schema_view(
        list=extend_schema(summary=f"{label} (filter: council, term)"),
        create=extend_schema(
            summary=f"Create: {label} (secretariat)",
            request=io.OrganCreateSerializer,
            responses={201: output, **WRITE_ERRORS},
        ),
        partial_update=extend_schema(
            summary=f"Rename: {label}", request=io.OrganInputSerializer, responses={200: output, **WRITE_ERRORS}
        ),
        destroy=extend_schema(
            summary=f"Delete: {label} (only with nobody in it)", responses={204: None, **WRITE_ERRORS}
        ),
    )
    class OrganViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
        write_role = "staff"  # core.permissions.WriteAccess, before the body is read
        serializer_class = output

        def get_queryset(self) -> QuerySet[Any]:
            rows = model.objects.order_by("council_id", "term_id", "name")
            for key in ("council", "term"):
                value = self.request.query_params.get(key, "")
                if value:
                    rows = rows.filter(**{f"{key}_id": int(value) if value.isdigit() else 0})
            return rows

        def create(self, request: Request) -> Response:
            values = _valid(io.OrganCreateSerializer, request).changes()
            term = _pk(Term, values.pop("term"))
            organ = services_setup.organ_create(actor=request.user, kind=kind, term=term, values=values)
            return Response(output(organ).data, status=status.HTTP_201_CREATED)

        def partial_update(self, request: Request, pk: str) -> Response:
            changes = _valid(io.OrganInputSerializer, request, partial=True).changes()
            organ = services_setup.organ_update(actor=request.user, organ=_pk(model, pk), changes=changes)
            return Response(output(organ).data)

        def destroy(self, request: Request, pk: str) -> Response:
            services_setup.organ_delete(actor=request.user, organ=_pk(model, pk))
            return Response(status=status.HTTP_204_NO_CONTENT)

    OrganViewSet.__name__ = OrganViewSet.__qualname__ = f"{model.__name__}ViewSet"
    return OrganViewSet


CommitteeViewSet = _organ_viewset("committee", Committee, io.CommitteeRowSerializer, "Committees (Ban)")
DelegateGroupViewSet = _organ_viewset(
    "group", DelegateGroup, io.DelegateGroupRowSerializer, "Delegate groups (Tổ đại biểu)"
)


class MembershipViewSet(viewsets.GenericViewSet):
    """Seats: give one (``membership_add``) and record a vacancy (``membership_end``)."""
    write_role = "staff"

    queryset = Membership.objects.select_related("council", "term", "committee", "group")
    serializer_class = MembershipSerializer

    @extend_schema(
        summary="Seat a person for a term (secretariat); overlaps are refused",
        request=io.MembershipCreateSerializer,
        responses={201: MembershipSerializer, **WRITE_ERRORS},
    )
    def create(self, request: Request) -> Response:
        values = _valid(io.MembershipCreateSerializer, request).validated_data
        term = _pk(Term, values.pop("term"))
        person = _pk(Person, values.pop("person"))
        committee = _pk(Committee, values.pop("committee")) if values.get("committee") else values.pop("committee")
        group = _pk(DelegateGroup, values.pop("group")) if values.get("group") else values.pop("group")
        seat = services.membership_add(
            actor=request.user,
            person=person,
            council=term.council,
            term=term,
            committee=committee,
            group=group,
            **values,
        )
        return Response(MembershipSerializer(seat).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record a vacancy: the mandate's last day",
        request=io.MembershipEndSerializer,
        responses={200: MembershipSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str) -> Response:
        end_date = _valid(io.MembershipEndSerializer, request).validated_data["end_date"]
        seat = services.membership_end(actor=request.user, membership=_pk(Membership, pk), end_date=end_date)
        return Response(MembershipSerializer(seat).data)
