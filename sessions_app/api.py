"""REST read API of councils, terms, people, sessions and sittings, plus check-in and QR-code revocation.

Views are thin: visibility comes from ``selectors`` and ``permissions``, writes from the services."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # also 404 (not 500) for a malformed id
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import LastModifiedMixin, Pagination, error_responses, latest_update, with_last_modified
from core.errors import ServiceError
from core.writes import write_rest, write_schema
from sessions_app import writes
from sessions_app.api_setup import CouncilWrite, PersonWrite, SessionWrite, SittingWrite, TermWrite
from sessions_app.archive import (
    CouncilQuery,
    PersonQuery,
    SessionQuery,
    SittingQuery,
    TermQuery,
    archive_query,
    councils_filter,
    people_filter,
    seats_filter,
    sessions_filter,
    sittings_filter,
    terms_filter,
)
from sessions_app.auth_tokens import login_tokens_revoke
from sessions_app.errors import CHECKIN_NOT_MEMBER
from sessions_app.models import Council, CouncilRole, CouncilRoleKind, Membership, Person, Session, Sitting, Term
from sessions_app.permissions import (
    is_administrator,
    is_authenticated,
    require_authenticated,
    require_read_private,
)
from sessions_app.selectors import (
    sessions_visible,
    sitting_attendance_list,
    sitting_attendance_summary,
    sitting_audience,
    sitting_state,
)
from sessions_app.serializers import (
    AttendanceSerializer,
    BulkAttendanceResultSerializer,
    CouncilSerializer,
    PersonSerializer,
    RevokeResultSerializer,
    SessionDetailSerializer,
    SessionSerializer,
    SittingAttendanceSerializer,
    SittingStateSerializer,
    TermSerializer,
)
from sessions_app.services.attendance import attendance_check_in
from sessions_app.views_common import tablet_checkin_method

_SESSION = {
    "id": 3,
    "council": 1,
    "council_name": "HĐND tỉnh Ninh Bình",
    "term": 1,
    "term_label": "2026-2031",
    "number": 5,
    "type": "regular",
    "title": "Kỳ họp thứ năm",
    "venue": "Hội trường Trung tâm Hội nghị tỉnh",
    "start_date": "2026-12-08",
    "end_date": "2026-12-10",
    "status": "closed",
    "is_public": True,
}
SESSION_EXAMPLE = OpenApiExample(
    "public_session", summary="A public regular session", value=_SESSION, response_only=True, status_codes=["200"]
)
SESSION_DETAIL_EXAMPLE = OpenApiExample(
    "public_session_with_sittings",
    summary="A session with an open and a closed-door sitting (the public sees only that the latter exists)",
    response_only=True,
    status_codes=["200"],
    value={
        **_SESSION,
        "sittings": [
            {
                "id": 7,
                "number": 1,
                "title": "Phiên khai mạc",
                "date": "2026-12-08",
                "start_time": "08:00",
                "end_time": "11:30",
                "is_closed_door": False,
                "status": "closed",
                "attendance": {"present": 47, "total": 50, "quorum_required": 26, "quorum_met": True},
            },
            {
                "id": 8,
                "number": 2,
                "title": "",
                "date": "2026-12-09",
                "start_time": "14:00",
                "end_time": "16:00",
                "is_closed_door": True,
                "status": "closed",
            },
        ],
    },
)


def _require_session_readable(user: Any, session: Session) -> None:
    if not session.is_public:
        require_read_private(user, session.council_id)


@extend_schema_view(
    list=extend_schema(
        summary="Councils (HĐND) (filters, ordering, diacritics-insensitive search)",
        parameters=[CouncilQuery],
        responses={200: CouncilSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(summary="One council", responses={200: CouncilSerializer, **error_responses(404)}),
)
class CouncilViewSet(CouncilWrite, viewsets.ReadOnlyModelViewSet):
    write_role = "admin"  # core.permissions.WriteAccess, before the body is read
    queryset = Council.objects.all()
    serializer_class = CouncilSerializer

    def get_queryset(self) -> QuerySet[Council]:
        if self.action != "list":
            return self.queryset
        return councils_filter(Council.objects.all(), archive_query(CouncilQuery, self.request))


@extend_schema_view(
    list=extend_schema(
        summary="Terms (nhiệm kỳ) with committees and delegate groups",
        description="`year` and the date range select the terms running at some point of them.",
        parameters=[TermQuery],
        responses={200: TermSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(summary="One term", responses={200: TermSerializer, **error_responses(404)}),
)
class TermViewSet(TermWrite, viewsets.ReadOnlyModelViewSet):
    write_role = "admin"
    serializer_class = TermSerializer

    def get_queryset(self) -> QuerySet[Term]:
        terms = Term.objects.prefetch_related("committees", "groups").order_by("council_id", "-start_date")
        if self.action != "list":
            return terms
        return terms_filter(terms, archive_query(TermQuery, self.request))


@extend_schema_view(
    list=extend_schema(
        summary="Delegates (people holding or having held a seat)",
        description="Public fields for everyone; email and phone only for the person's council secretariat. "
        "`on`, `year` and the date range select the people holding a seat at some point of them; "
        "search ignores diacritics and looks in public fields only (name, occupation, ethnicity).",
        parameters=[PersonQuery],
        responses={200: PersonSerializer(many=True), **error_responses(400)},
    ),
    retrieve=extend_schema(summary="One delegate", responses={200: PersonSerializer, **error_responses(404)}),
)
class PersonViewSet(PersonWrite, viewsets.ReadOnlyModelViewSet):
    write_role = "staff"
    serializer_class = PersonSerializer

    def get_queryset(self) -> QuerySet[Person]:
        memberships = Prefetch(
            "memberships", queryset=Membership.objects.select_related("council", "term", "committee", "group")
        )
        if self.action != "list":
            seated = Person.objects.filter(pk__in=Membership.objects.values("person_id"))
            return seated.prefetch_related(memberships).order_by("full_name", "pk")
        query = archive_query(PersonQuery, self.request)
        seats = seats_filter(Membership.objects.all(), query)
        people = people_filter(Person.objects.filter(pk__in=seats.values("person_id")), query)
        return people.prefetch_related(memberships)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        user = self.request.user
        if is_administrator(user):
            context["managed_council_ids"] = None
        elif is_authenticated(user):
            context["managed_council_ids"] = set(
                CouncilRole.objects.filter(
                    user=user, role__in=[CouncilRoleKind.SECRETARIAT, CouncilRoleKind.CHAIR]
                ).values_list("council_id", flat=True)
            )
        else:
            context["managed_council_ids"] = set()
        return context

    @extend_schema(
        summary="Revoke every unspent QR login code of this person",
        request=None,
        responses={200: RevokeResultSerializer, **error_responses(401, 403, 404)},
    )
    @action(detail=True, methods=["post"], url_path="login-codes/revoke")
    def revoke_login_codes(self, request: Request, pk: str) -> Response:
        person = get_object_or_404(Person, pk=pk)
        revoked = login_tokens_revoke(actor=request.user, person=person)
        return Response(RevokeResultSerializer({"revoked": revoked}).data)


@extend_schema_view(
    list=extend_schema(
        summary="Sessions (kỳ họp): public ones, and non-public ones of the user's councils",
        parameters=[SessionQuery],
        responses={200: SessionSerializer(many=True), **error_responses(400)},
        examples=[SESSION_EXAMPLE],
    ),
    retrieve=extend_schema(
        summary="One session with its sittings",
        responses={200: SessionDetailSerializer, **error_responses(401, 403, 404)},
        examples=[SESSION_DETAIL_EXAMPLE],
    ),
)
class SessionViewSet(SessionWrite, LastModifiedMixin, viewsets.ReadOnlyModelViewSet):
    write_role = "staff"
    serializer_class = SessionSerializer

    def get_queryset(self) -> QuerySet[Session]:
        sessions = sessions_visible(user=self.request.user)
        if self.action != "list":
            return sessions
        return sessions_filter(sessions, archive_query(SessionQuery, self.request))

    def retrieve(self, request: Request, pk: str) -> Response:
        session = get_object_or_404(Session.objects.select_related("council", "term"), pk=pk)
        _require_session_readable(request.user, session)
        sittings = Sitting.objects.filter(session=session).select_related("session").order_by("number")
        states = [sitting_state(sitting=s, audience=sitting_audience(user=request.user, sitting=s)) for s in sittings]
        response = Response(SessionDetailSerializer(session, context={"sittings": states}).data)
        return with_last_modified(response, max([session.updated_at, *(s.updated_at for s in sittings)]))


class SittingViewSet(SittingWrite, viewsets.GenericViewSet):
    write_role = "staff"
    write_roles = {"check_in": "login"}  # the delegate checks in
    queryset = Sitting.objects.select_related("session__council")
    pagination_class = Pagination

    @extend_schema(
        summary="Sittings (phiên họp) of the sessions the user may read; closed-door ones show the public only that "
        "they exist",
        description="`year` and the date range apply to the sitting's day; search ignores diacritics (sitting and "
        "session titles).",
        parameters=[SittingQuery],
        responses={200: SittingStateSerializer(many=True), **error_responses(400, 404)},
    )
    def list(self, request: Request) -> Response:
        sessions = sessions_visible(user=request.user)
        rows = sittings_filter(
            self.queryset.filter(session__in=sessions.values("pk")), archive_query(SittingQuery, request)
        )
        page = self.paginate_queryset(rows)
        audiences: dict[int, str] = {}  # the same rule as one sitting's, asked once per council
        for sitting in page:
            if sitting.session.council_id not in audiences:
                audiences[sitting.session.council_id] = sitting_audience(user=request.user, sitting=sitting)
        response = self.get_paginated_response(
            [sitting_state(sitting=s, audience=audiences[s.session.council_id]) for s in page]
        )
        return with_last_modified(response, latest_update(rows))

    def _sitting(self, pk: str) -> Sitting:
        sitting = get_object_or_404(self.queryset, pk=pk)
        _require_session_readable(self.request.user, sitting.session)
        return sitting

    @extend_schema(
        summary="One sitting (phiên họp); closed-door sittings show the public only that they exist",
        responses={200: SittingStateSerializer, **error_responses(401, 403, 404)},
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        sitting = self._sitting(pk)
        response = Response(
            sitting_state(sitting=sitting, audience=sitting_audience(user=request.user, sitting=sitting))
        )
        return with_last_modified(response, sitting.updated_at)

    @extend_schema(
        methods=["GET"],
        summary="Attendance: present/total, quorum and each delegate's record",
        responses={200: SittingAttendanceSerializer, **error_responses(401, 403, 404)},
    )
    @write_schema(
        writes.ATTENDANCE_MARK,
        AttendanceSerializer,
        created=True,
        summary="Secretariat records a delegate present (manual check-in), excused or absent",
        methods=["POST"],
    )
    @action(detail=True, methods=["get", "post"])
    def attendance(self, request: Request, pk: str) -> Response:
        if request.method == "POST":
            return write_rest(writes.ATTENDANCE_MARK, request, target=lambda: self._sitting(pk), created=True)
        sitting = self._sitting(pk)
        if sitting.is_closed_door:
            require_read_private(request.user, sitting.session.council_id)
        body = {
            "summary": sitting_attendance_summary(sitting=sitting),
            "records": sitting_attendance_list(sitting=sitting),
        }
        return Response(SittingAttendanceSerializer(body).data)

    @write_schema(
        writes.ATTENDANCE_MARK_MANY,
        BulkAttendanceResultSerializer,
        summary="Secretariat records several delegates at once: present, excused or absent (one transaction, "
        "one audit entry, one event; all or nothing)",
    )
    @action(detail=True, methods=["post"], url_path="attendance/bulk")
    def attendance_bulk(self, request: Request, pk: str) -> Response:
        return write_rest(writes.ATTENDANCE_MARK_MANY, request, target=lambda: self._sitting(pk))

    @extend_schema(
        summary="The logged-in delegate checks in (method qr after a QR log-in for this sitting, else tablet)",
        request=None,
        responses={201: AttendanceSerializer, **error_responses(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request: Request, pk: str) -> Response:
        sitting = self._sitting(pk)
        require_authenticated(request.user)
        if request.user.person is None:
            raise ServiceError(CHECKIN_NOT_MEMBER)
        record = attendance_check_in(
            actor=request.user,
            sitting=sitting,
            person=request.user.person,
            method=tablet_checkin_method(request, sitting),
        )
        return Response(AttendanceSerializer(record).data, status=status.HTTP_201_CREATED)
