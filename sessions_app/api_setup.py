"""REST actions that set a council up and run its sessions, without the admin. Each serves a write declared in
``sessions_app.writes`` (``core.writes.write_view``): the caller is checked before the input, the input by the
declared serializer, every rule in the services.

The read viewsets of ``api`` take these as mixins; committees, delegate groups and seats have viewsets here."""

from __future__ import annotations

import os
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request

from core.api import error_responses
from core.errors import NOT_FOUND, ServiceError
from core.writes import Write, write_rest, write_schema, write_view
from sessions_app import serializers_setup as io
from sessions_app import writes
from sessions_app.models import Committee, Council, DelegateGroup, Membership, Person, Session, Sitting, Term
from sessions_app.serializers import (
    CouncilSerializer,
    MembershipSerializer,
    PersonSerializer,
    SessionSerializer,
    SittingStateSerializer,
    TermSerializer,
)


def by_pk(model: type) -> Any:
    """The URL's object by its id (404 when there is none)."""
    return lambda view, pk: get_object_or_404(model, pk=pk)


def _sitting(view: Any, pk: str) -> Sitting:
    return get_object_or_404(Sitting.objects.select_related("session"), pk=pk)


def _create(write: Write, response: Any, summary: str) -> Any:
    return write_view(write, response, name="create", created=True, summary=summary)


def _update(write: Write, response: Any, summary: str, lookup: Any) -> Any:
    return write_view(write, response, name="partial_update", lookup=lookup, summary=summary)


def _post(write: Write, response: Any, summary: str, name: str, lookup: Any, url_path: str | None = None) -> Any:
    route = {"detail": True, "methods": ["post"], "url_path": url_path or name}
    return write_view(write, response, name=name, lookup=lookup, route=route, summary=summary)


class CouncilWrite:
    create = _create(writes.COUNCIL_CREATE, CouncilSerializer, "Create a council (administrators)")
    partial_update = _update(
        writes.COUNCIL_UPDATE, CouncilSerializer, "Change a council (administrators)", by_pk(Council)
    )


class TermWrite:
    create = _create(writes.TERM_CREATE, TermSerializer, "Create a term of a council (administrators)")
    partial_update = _update(writes.TERM_UPDATE, TermSerializer, "Change a term (administrators)", by_pk(Term))


class PersonWrite:
    create = _create(writes.PERSON_CREATE, PersonSerializer, "Create a person to seat in a council (its secretariat)")
    partial_update = _update(
        writes.PERSON_UPDATE,
        PersonSerializer,
        "Change a person's details (the secretariat of a council they sit in)",
        by_pk(Person),
    )


class SessionWrite:
    create = _create(writes.SESSION_CREATE, SessionSerializer, "Create a session (secretariat); it starts planned")
    partial_update = _update(
        writes.SESSION_UPDATE,
        SessionSerializer,
        "Change a session; once closed only as a correction with `correction_reason` (audited)",
        by_pk(Session),
    )
    close = _post(
        writes.SESSION_CLOSE,
        SessionSerializer,
        "Close the session (bế mạc) once in progress: refused while a sitting is open; "
        "a closed session is never reopened",
        "close",
        by_pk(Session),
    )

    @extend_schema(
        methods=["GET"],
        summary="Download the convening notice (giấy triệu tập)",
        responses={(200, "application/octet-stream"): bytes, **error_responses(401, 403, 404)},
    )
    @write_schema(
        writes.SESSION_NOTICE,
        SessionSerializer,
        summary="Upload the convening notice (PDF or DOCX; replaces the previous one)",
        media="multipart/form-data",
        methods=["POST"],
    )
    @action(detail=True, methods=["get", "post"], url_path="convening-notice", parser_classes=[MultiPartParser])
    def convening_notice(self, request: Request, pk: str) -> Any:
        session = lambda: get_object_or_404(self.get_queryset(), pk=pk)  # type: ignore[attr-defined]  # noqa: E731
        if request.method == "POST":
            return write_rest(writes.SESSION_NOTICE, request, target=session)
        notice = session().convening_notice
        if not notice:
            raise ServiceError(NOT_FOUND)
        return FileResponse(notice.open("rb"), as_attachment=True, filename=os.path.basename(notice.name))


class SittingWrite:
    create = _create(writes.SITTING_CREATE, SittingStateSerializer, "Add a sitting to a session (secretariat)")
    partial_update = _update(
        writes.SITTING_UPDATE, SittingStateSerializer, "Change a sitting (date and times only while planned)", _sitting
    )
    open_sitting = _post(
        writes.SITTING_OPEN,
        SittingStateSerializer,
        "Open the sitting (khai mạc phiên), only on its own date",
        "open_sitting",
        _sitting,
        url_path="open",
    )
    close_sitting = _post(
        writes.SITTING_CLOSE,
        SittingStateSerializer,
        "Close the sitting (bế mạc phiên)",
        "close_sitting",
        _sitting,
        url_path="close",
    )
    reopen = _post(
        writes.SITTING_REOPEN,
        SittingStateSerializer,
        "Reopen a closed sitting, with the reason (audited)",
        "reopen",
        _sitting,
    )


def _organ_viewset(writes_of: dict[str, Write], model: type, output: type, label: str) -> type:
    @extend_schema_view(list=extend_schema(summary=f"{label} (filter: council, term)"))
    class OrganViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
        write_role = "staff"  # core.permissions.WriteAccess, before the body is read
        serializer_class = output

        def get_queryset(self) -> QuerySet[Any]:
            rows = model.objects.order_by("council_id", "term_id", "name")
            for key in ("council", "term"):
                value = self.request.query_params.get(key, "")
                if value:
                    rows = rows.filter(
                        **{f"{key}_id": int(value) if value.isascii() and value.isdigit() and len(value) < 19 else 0}
                    )
            return rows

        create = _create(writes_of["create"], output, f"Create: {label} (secretariat)")
        partial_update = _update(writes_of["update"], output, f"Rename: {label}", by_pk(model))
        destroy = write_view(
            writes_of["delete"],
            None,
            name="destroy",
            lookup=by_pk(model),
            summary=f"Delete: {label} (only with nobody in it)",
        )

    OrganViewSet.__name__ = OrganViewSet.__qualname__ = f"{model.__name__}ViewSet"
    return OrganViewSet


CommitteeViewSet = _organ_viewset(writes.COMMITTEE, Committee, io.CommitteeRowSerializer, "Committees (Ban)")
DelegateGroupViewSet = _organ_viewset(
    writes.GROUP, DelegateGroup, io.DelegateGroupRowSerializer, "Delegate groups (Tổ đại biểu)"
)


class MembershipViewSet(viewsets.GenericViewSet):
    """Seats: give one (``membership_add``) and record a vacancy (``membership_end``)."""

    write_role = "staff"

    queryset = Membership.objects.select_related("council", "term", "committee", "group")
    serializer_class = MembershipSerializer

    create = _create(
        writes.MEMBERSHIP_CREATE, MembershipSerializer, "Seat a person for a term (secretariat); overlaps are refused"
    )
    end = _post(
        writes.MEMBERSHIP_END,
        MembershipSerializer,
        "Record a vacancy: the mandate's last day",
        "end",
        by_pk(Membership),
    )
