"""REST API of polls and votes (resolutions: ``voting.api_resolutions``). Thin: every write is served from its
declaration (``voting.writes``, ``core.writes``), the same the socket commands answer; reads through selectors;
every refusal is a ServiceError rendered by ``core.api``."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import Pagination, error_responses, latest_update, with_last_modified
from core.errors import NOT_FOUND, ServiceError
from core.writes import Write, write_rest, write_schema, write_view
from sessions_app.archive import archive_query
from voting import selectors
from voting.api_examples import POLL_EXAMPLE, RESOLUTION_EXAMPLE
from voting.api_resolutions import ResolutionViewSet
from voting.board import poll_board
from voting.commands import VOTE_CAST
from voting.models import Poll
from voting.opendata.archive import PollQuery, polls_filter
from voting.serializers import NamedVoteSerializer, PollAndResolutionSerializer, PollSerializer, ReceiptSerializer
from voting.writes import COMMITTEE_PARTIAL, COMMITTEE_SET, COMMITTEE_SHARE
from voting.writes import polls as w

__all__ = ["POLL_EXAMPLE", "RESOLUTION_EXAMPLE", "PollViewSet", "ResolutionViewSet"]


def _state(request: Request, poll: Poll) -> dict[str, Any]:
    audience = selectors.poll_audience(user=request.user, poll=poll) or "public"
    return selectors.poll_state(poll=poll, audience=audience)


def _poll(request: Request, pk: Any) -> Poll:
    """A poll the user may see (404 otherwise, so hidden polls do not reveal that they exist)."""
    poll = selectors.poll_get(poll_id=pk)
    if selectors.poll_audience(user=request.user, poll=poll) is None:
        raise ServiceError(NOT_FOUND)
    return poll


def _lookup(view: Any, pk: str) -> Poll:
    return _poll(view.request, pk)


def _action(write: Write, summary: str, *, response: Any = PollSerializer, created: bool = False) -> Any:
    """The POST action ``/api/polls/{id}/<name>/`` of a ``poll.<name>`` write (``_`` becomes ``-`` in the URL)."""
    name = write.name.removeprefix("poll.")
    route = {"detail": True, "methods": ["post"], "url_path": name.replace("_", "-")}
    return write_view(write, response, name=name, lookup=_lookup, route=route, created=created, summary=summary)


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

    create = write_view(
        w.POLL_CREATE, PollSerializer, name="create", created=True, summary="Create a draft poll (secretariat, chair)"
    )
    open = _action(w.POLL_OPEN, "Open the vote (below two-thirds present only with quorum_confirmed)")
    next_round = _action(w.POLL_NEXT_ROUND, "Create the next round of an election with seats unfilled", created=True)
    no_confidence = _action(
        w.POLL_NO_CONFIDENCE, "Create the vote of no confidence on an official of a confidence result", created=True
    )
    confirming_resolution = _action(
        w.POLL_CONFIRMING_RESOLUTION,
        "Create the confirming resolution of a secret ballot and its open vote",
        response=PollAndResolutionSerializer,
        created=True,
    )
    close = _action(w.POLL_CLOSE, "Close the vote and count it")
    publish = _action(w.POLL_PUBLISH, "Publish the result")
    cancel = _action(w.POLL_CANCEL, "Cancel a draft or open poll")
    deadline_extend = _action(w.POLL_DEADLINE_EXTEND, "More time on an open vote's countdown (secretariat, chair)")
    hands = _action(w.POLL_HANDS, "Record show-of-hands counts (secretariat)")

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
