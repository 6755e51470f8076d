"""REST API of polls, votes and resolutions. Thin: input through serializers, writes through services,
reads through selectors; every refusal is a ServiceError rendered by ``core.api``."""

from __future__ import annotations

import os
from typing import Any

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from agenda.models import AgendaItem
from core.api import Pagination, error_responses, latest_update, request_input, with_last_modified
from core.errors import NOT_FOUND, ServiceError
from core.writes import Write, write_rest, write_schema
from sessions_app.archive import archive_query
from sessions_app.models import Session, Sitting
from voting import selectors, services
from voting.api_resolutions import ResolutionWrite
from voting.board import poll_board
from voting.commands import VOTE_CAST
from voting.models import Poll, Resolution
from voting.opendata.archive import PollQuery, ResolutionQuery, polls_filter, resolutions_filter
from voting.serializers import (
    CancelInputSerializer,
    HandsInputSerializer,
    NamedVoteSerializer,
    NoConfidenceInputSerializer,
    OpenInputSerializer,
    PollCreateSerializer,
    PollSerializer,
    ReceiptSerializer,
    ResolutionCreateSerializer,
    ResolutionSerializer,
)
from voting.writes import COMMITTEE_PARTIAL, COMMITTEE_SET, COMMITTEE_SHARE

TRANSITION_ERRORS = error_responses(401, 403, 404, 409)

_OPTIONS = [
    {"key": "yes", "label": "Tán thành", "label_en": "In favour", "approves": True},
    {"key": "no", "label": "Không tán thành", "label_en": "Against", "approves": False},
    {"key": "abstain", "label": "Không biểu quyết", "label_en": "Abstaining", "approves": False},
]
POLL_EXAMPLE = OpenApiExample(
    "published_named_poll",
    summary="A published named poll with its result in the official wording",
    response_only=True,
    status_codes=["200"],
    value={
        "id": 42,
        "title": "Thông qua Nghị quyết về kế hoạch đầu tư công năm 2027",
        "description": "",
        "kind": "resolution",
        "method": "named",
        "majority_rule": "gt_half_total",
        "change_allowed": False,
        "show_running_counts": False,
        "seats": 1,
        "status": "published",
        "sitting": 7,
        "agenda_item": 15,
        "options": _OPTIONS,
        "candidates": [],
        "total_delegates": 50,
        "eligible_count": 47,
        "cast_count": 47,
        "opened_at": "2026-12-09T09:02:11+07:00",
        "closed_at": "2026-12-09T09:04:30+07:00",
        "published_at": "2026-12-09T09:05:02+07:00",
        "counts": None,
        "quorum_confirmed": False,
        "origin": None,
        "exclusions": [],
        "result": {
            "kind": "resolution",
            "method": "named",
            "by_show_of_hands": False,
            "total": 50,
            "eligible": 47,
            "cast": 47,
            "not_cast": 0,
            "cast_percent_of_total": "94.00",
            "counts": {"yes": 45, "no": 1, "abstain": 1},
            "rule": "gt_half_total",
            "required": 26,
            "passed": True,
            "options": [
                dict(option, count=count, percent_of_total=percent)
                for option, (count, percent) in zip(_OPTIONS, [(45, "90.00"), (1, "2.00"), (1, "2.00")])
            ],
            "wording": {
                "statement": {
                    "vi": "Có 47/50 đại biểu tham gia biểu quyết; tán thành 45 đại biểu, chiếm 90,00% tổng số đại "
                    "biểu; không tán thành 1 (2,00%); không biểu quyết 1 (2,00%).",
                    "en": "47/50 delegates took part in the vote; in favour 45 delegates, 90.00% of all delegates; "
                    "against 1 (2.00%); abstaining 1 (2.00%).",
                },
                "verdict": {"vi": "Kết quả: được thông qua.", "en": "Result: adopted."},
                "method": {"vi": "", "en": ""},
            },
        },
    },
)
RESOLUTION_EXAMPLE = OpenApiExample(
    "published_resolution",
    summary="A published resolution",
    response_only=True,
    status_codes=["200"],
    value={
        "id": 15,
        "number": "15/NQ-HĐND",
        "kind": "ordinary",
        "year": 2026,
        "serial": 15,
        "title": "Nghị quyết về kế hoạch đầu tư công năm 2027",
        "category": "budget",
        "text": "Điều 1. Thông qua kế hoạch đầu tư công năm 2027.\nĐiều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện.",
        "document": None,
        "signed_document": "/api/resolutions/15/signed-document/",
        "status": "published",
        "poll": 42,
        "session": 3,
        "adopted_on": "2026-12-09",
        "signer": "Trần Minh Đức",
        "effective_on": "2027-01-01",
        "decided_at": "2026-12-09T09:05:02+07:00",
        "published_at": "2026-12-12T15:00:00+07:00",
    },
)


def _state(request: Request, poll: Poll) -> dict[str, Any]:
    audience = selectors.poll_audience(user=request.user, poll=poll) or "public"
    return selectors.poll_state(poll=poll, audience=audience)


def _poll(request: Request, pk: Any) -> Poll:
    """A poll the user may see (404 otherwise, so hidden polls do not reveal that they exist)."""
    poll = selectors.poll_get(poll_id=pk)
    if selectors.poll_audience(user=request.user, poll=poll) is None:
        raise ServiceError(NOT_FOUND)
    return poll


class PollViewSet(viewsets.ViewSet):
    """Polls (biểu quyết) of council sessions."""

    write_role = "staff"  # core.permissions.WriteAccess, before the body is read
    # a delegate votes; counting-committee members (delegates) send key shares and partial decryptions
    write_roles = {"votes": "login", "committee_share": "login", "committee_partial": "login"}

    lookup_value_regex = r"[0-9]+"
    pagination_class = Pagination  # lists are paginated; this lets the OpenAPI schema say so

    @extend_schema(
        summary="Polls (filters, ordering, diacritics-insensitive search)",
        parameters=[PollQuery],
        description="`year` and the date range apply to the day of the poll's sitting.",
        responses={200: PollSerializer(many=True), **error_responses(400, 404)},
        examples=[POLL_EXAMPLE],
    )
    def list(self, request: Request) -> Response:
        polls = polls_filter(selectors.polls_visible(user=request.user), archive_query(PollQuery, request))
        paginator = Pagination()
        page = paginator.paginate_queryset(polls, request, view=self)
        response = paginator.get_paginated_response([_state(request, poll) for poll in page])
        return with_last_modified(response, latest_update(polls))

    @extend_schema(summary="One poll", responses={200: PollSerializer, **error_responses(404)}, examples=[POLL_EXAMPLE])
    def retrieve(self, request: Request, pk: str) -> Response:
        poll = _poll(request, pk)
        return with_last_modified(Response(_state(request, poll)), poll.updated_at)

    @extend_schema(
        summary="Create a draft poll (secretariat, chair)",
        request=PollCreateSerializer,
        responses={201: PollSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        data = request_input(PollCreateSerializer, request)
        session = get_object_or_404(Session, pk=data.pop("session"))
        sitting = get_object_or_404(Sitting, pk=data.pop("sitting"))
        item_id = data.pop("agenda_item", None)
        agenda_item = get_object_or_404(AgendaItem, pk=item_id) if item_id else None
        poll = services.poll_create(
            actor=request.user, session=session, sitting=sitting, agenda_item=agenda_item, **data
        )
        return Response(_state(request, selectors.poll_get(poll_id=poll.pk)), status=status.HTTP_201_CREATED)

    def _transition(self, request: Request, pk: str, service: Any, **kwargs: Any) -> Response:
        poll = service(actor=request.user, poll=_poll(request, pk), **kwargs)
        return Response(_state(request, selectors.poll_get(poll_id=poll.pk)))

    @extend_schema(
        summary="Open the vote (below two-thirds present only with quorum_confirmed)",
        request=OpenInputSerializer,
        responses={200: PollSerializer, **TRANSITION_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str) -> Response:
        data = request_input(OpenInputSerializer, request)
        return self._transition(
            request,
            pk,
            services.poll_open,
            quorum_confirmed=data["quorum_confirmed"],
            duration_seconds=data["duration_seconds"],
        )

    @extend_schema(
        summary="Create the next round of an election with seats unfilled",
        request=None,
        responses={201: PollSerializer, **TRANSITION_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="next-round")
    def next_round(self, request: Request, pk: str) -> Response:
        poll = services.election_round_create(actor=request.user, poll=_poll(request, pk))
        return Response(_state(request, selectors.poll_get(poll_id=poll.pk)), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Create the vote of no confidence on an official of a confidence result",
        request=NoConfidenceInputSerializer,
        responses={201: PollSerializer, **TRANSITION_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="no-confidence")
    def no_confidence(self, request: Request, pk: str) -> Response:
        official = request_input(NoConfidenceInputSerializer, request)["official"]
        poll = services.no_confidence_create(actor=request.user, poll=_poll(request, pk), official_id=official)
        return Response(_state(request, selectors.poll_get(poll_id=poll.pk)), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Create the confirming resolution of a secret ballot and its open vote",
        request=None,
        responses={201: OpenApiTypes.OBJECT, **TRANSITION_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="confirming-resolution")
    def confirming_resolution(self, request: Request, pk: str) -> Response:
        vote, resolution = services.resolution_confirming_create(actor=request.user, poll=_poll(request, pk))
        return Response(
            {
                "poll": _state(request, selectors.poll_get(poll_id=vote.pk)),
                "resolution": selectors.resolution_state(resolution=resolution, audience="council"),
            },
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Close the vote and count it", request=None, responses={200: PollSerializer, **TRANSITION_ERRORS}
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self._transition(request, pk, services.poll_close)

    @extend_schema(summary="Publish the result", request=None, responses={200: PollSerializer, **TRANSITION_ERRORS})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str) -> Response:
        return self._transition(request, pk, services.poll_publish)

    @extend_schema(
        summary="Cancel a draft or open poll",
        request=CancelInputSerializer,
        responses={200: PollSerializer, **TRANSITION_ERRORS, **error_responses(400)},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        reason = request_input(CancelInputSerializer, request)["reason"]
        return self._transition(request, pk, services.poll_cancel, reason=reason)

    @extend_schema(
        summary="Record show-of-hands counts (secretariat)",
        request=HandsInputSerializer,
        responses={200: PollSerializer, **TRANSITION_ERRORS, **error_responses(400)},
    )
    @action(detail=True, methods=["post"])
    def hands(self, request: Request, pk: str) -> Response:
        counts = request_input(HandsInputSerializer, request)["counts"]
        return self._transition(request, pk, services.poll_hands_record, counts=counts)

    @extend_schema(
        summary="Cast my vote (idempotent by client_id)",
        responses={201: ReceiptSerializer, 200: ReceiptSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    @write_schema(VOTE_CAST, ReceiptSerializer, created=True)
    @action(detail=True, methods=["post"])
    def votes(self, request: Request, pk: str) -> Response:
        response = write_rest(VOTE_CAST, request, target=lambda: _poll(request, pk), created=True)
        if response.data["status"] == "replayed":
            response.status_code = status.HTTP_200_OK
        return response

    @extend_schema(
        summary="Result (council once closed, everyone once published)",
        responses={200: OpenApiTypes.OBJECT, **error_responses(404, 409)},
    )
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str) -> Response:
        return Response(selectors.poll_result_for(user=request.user, poll=_poll(request, pk)))

    @extend_schema(
        summary="Who voted what (named polls, after close)",
        responses={200: NamedVoteSerializer(many=True), **error_responses(404, 409)},
    )
    @action(detail=True, methods=["get"], url_path="named-votes", pagination_class=None)  # the whole list
    def named_votes(self, request: Request, pk: str) -> Response:
        return Response(selectors.poll_named_votes(user=request.user, poll=_poll(request, pk)))

    @extend_schema(
        summary="Public bulletin board of a secret poll (key, ciphertexts, proofs, sums, "
        "decryptions, counts; no voter), once voting has ended",
        responses={200: OpenApiTypes.OBJECT, **error_responses(404, 409)},
    )
    @action(detail=True, methods=["get"])
    def board(self, request: Request, pk: str) -> Response:
        poll = _poll(request, pk)
        return Response(poll_board(poll=poll, audience=selectors.poll_audience(user=request.user, poll=poll)))

    def _committee(self, request: Request, pk: str, write: Write) -> Response:
        return write_rest(write, request, target=lambda: _poll(request, pk))

    @extend_schema(summary="Name the counting committee (Ban kiểm phiếu) of a draft secret poll: head and members")
    @write_schema(COMMITTEE_SET, PollSerializer)
    @action(detail=True, methods=["post"])
    def committee(self, request: Request, pk: str) -> Response:
        return self._committee(request, pk, COMMITTEE_SET)

    @extend_schema(summary="A committee member's tablet publishes its key share (draft poll)")
    @write_schema(COMMITTEE_SHARE, PollSerializer)
    @action(detail=True, methods=["post"], url_path="committee/share")
    def committee_share(self, request: Request, pk: str) -> Response:
        return self._committee(request, pk, COMMITTEE_SHARE)

    @extend_schema(summary="A committee member's tablet returns its partial decryption of the sums (closed poll)")
    @write_schema(COMMITTEE_PARTIAL, PollSerializer)
    @action(detail=True, methods=["post"], url_path="committee/partial")
    def committee_partial(self, request: Request, pk: str) -> Response:
        return self._committee(request, pk, COMMITTEE_PARTIAL)


class ResolutionViewSet(ResolutionWrite, viewsets.ViewSet):
    """Resolutions (nghị quyết): published ones for everyone, all for the council's members."""

    write_role = "staff"

    lookup_value_regex = r"[0-9]+"
    pagination_class = Pagination  # lists are paginated; this lets the OpenAPI schema say so

    @extend_schema(
        summary="Resolutions (filters, ordering, diacritics-insensitive search)",
        parameters=[ResolutionQuery],
        responses={200: ResolutionSerializer(many=True), **error_responses(400)},
        examples=[RESOLUTION_EXAMPLE],
    )
    def list(self, request: Request) -> Response:
        resolutions = resolutions_filter(
            selectors.resolutions_visible(user=request.user), archive_query(ResolutionQuery, request)
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(resolutions, request, view=self)
        response = paginator.get_paginated_response(
            [selectors.resolution_state(resolution=r, audience="council") for r in page]
        )
        return with_last_modified(response, latest_update(resolutions))

    def _get(self, request: Request, pk: Any) -> Resolution:
        if not str(pk).isdigit():
            raise ServiceError(NOT_FOUND)
        resolution = selectors.resolutions_visible(user=request.user).filter(pk=int(pk)).first()
        if resolution is None:
            raise ServiceError(NOT_FOUND)
        return resolution

    @extend_schema(
        summary="One resolution",
        responses={200: ResolutionSerializer, **error_responses(404)},
        examples=[RESOLUTION_EXAMPLE],
    )
    def retrieve(self, request: Request, pk: str) -> Response:
        resolution = self._get(request, pk)
        response = Response(selectors.resolution_state(resolution=resolution, audience="council"))
        return with_last_modified(response, resolution.updated_at)

    @extend_schema(
        summary="The resolution's own document (published ones for everyone)",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **error_responses(404)},
    )
    @action(detail=True, methods=["get"])
    def document(self, request: Request, pk: str) -> FileResponse:
        """MEDIA_URL is served neither by the application nor by the proxy: this is the only way to the file,
        behind the same visibility as the resolution. Always an attachment, never sniffed."""
        resolution = self._get(request, pk)
        if not resolution.document:
            raise ServiceError(NOT_FOUND)
        try:
            handle = resolution.document.open("rb")
        except FileNotFoundError:
            raise ServiceError(NOT_FOUND) from None
        response = FileResponse(handle, as_attachment=True, filename=os.path.basename(resolution.document.name))
        response["X-Content-Type-Options"] = "nosniff"
        public = Resolution.objects.filter(selectors.resolution_public_q(), pk=resolution.pk).exists()
        response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
        return response

    @extend_schema(
        summary="Create a draft resolution (secretariat, chair)",
        request=ResolutionCreateSerializer,
        responses={201: ResolutionSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        data = request_input(ResolutionCreateSerializer, request)
        session = get_object_or_404(Session, pk=data["session"])
        poll = get_object_or_404(Poll, pk=data["poll"]) if data.get("poll") else None
        resolution = services.resolution_create(
            actor=request.user,
            session=session,
            title=data["title"],
            text=data["text"],
            document=request.FILES.get("document"),
            poll=poll,
            kind=data["kind"],
            category=data["category"],
        )
        return Response(
            selectors.resolution_state(resolution=resolution, audience="council"), status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Publish an adopted resolution",
        request=None,
        responses={200: ResolutionSerializer, **TRANSITION_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str) -> Response:
        resolution = services.resolution_publish(actor=request.user, resolution=self._get(request, pk))
        return Response(selectors.resolution_state(resolution=resolution, audience="council"))
