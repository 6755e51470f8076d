"""REST endpoints of voting that hang off agenda items (voting → agenda, never the other way round).

Thin like ``voting.api``: the write is served from its declaration (``resolution.create_for_item`` in
``voting.writes.resolutions``), the same the socket command answers; every refusal is a ServiceError rendered by
``core.api``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agenda.models import AgendaItem
from core.writes import write_rest, write_schema
from voting.serializers import PollAndResolutionSerializer
from voting.writes.resolutions import RESOLUTION_CREATE_FOR_ITEM


class ItemResolutionPollView(APIView):
    """The poll (kind resolution, default options and rule) and the draft resolution of a draft-resolution item;
    the resolution is numbered when the poll adopts it."""

    write_role = "staff"  # core.permissions.WriteAccess, before the body is read

    @write_schema(
        RESOLUTION_CREATE_FOR_ITEM,
        PollAndResolutionSerializer,
        created=True,
        summary="Create the poll and draft resolution of a draft-resolution agenda item in one step (secretariat, chair)",
    )
    def post(self, request: Request, pk: int) -> Response:
        return write_rest(
            RESOLUTION_CREATE_FOR_ITEM,
            request,
            target=lambda: get_object_or_404(AgendaItem.objects.select_related("session"), pk=pk),
            created=True,
        )
