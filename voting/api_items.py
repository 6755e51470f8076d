"""REST endpoints of voting that hang off agenda items (voting → agenda, never the other way round).

Thin like ``voting.api``: input through a serializer, the write through one service, the answer through
selectors; every refusal is a ServiceError rendered by ``core.api``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agenda.models import AgendaItem
from core.api import error_responses
from voting import selectors, services
from voting.models import PollMethod
from voting.serializers import PollSerializer, ResolutionSerializer


class ItemResolutionPollInputSerializer(serializers.Serializer):
    title = serializers.CharField(
        max_length=400,
        required=False,
        allow_blank=True,
        default="",
        help_text="Title of the resolution; the item's title when empty.",
    )
    text = serializers.CharField(required=False, allow_blank=True, default="")
    poll_title = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="Title of the poll; the item's title when empty.",
    )
    method = serializers.ChoiceField(PollMethod.choices, default=PollMethod.NAMED)
    show_running_counts = serializers.BooleanField(default=False)


class ItemResolutionPollSerializer(serializers.Serializer):
    poll = PollSerializer()
    resolution = ResolutionSerializer()


class ItemResolutionPollView(APIView):
    """The poll (kind resolution, default options and rule) and the draft resolution of a draft-resolution item;
    the resolution is numbered when the poll adopts it."""

    write_role = "staff"  # core.permissions.WriteAccess, before the body is read

    @extend_schema(
        summary="Create the poll and draft resolution of a draft-resolution agenda item in one step (secretariat, chair)",
        request=ItemResolutionPollInputSerializer,
        responses={201: ItemResolutionPollSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        item = get_object_or_404(AgendaItem.objects.select_related("session"), pk=pk)
        serializer = ItemResolutionPollInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        poll, resolution = services.resolution_poll_create_for_item(
            actor=request.user, item=item, **serializer.validated_data
        )
        return Response(
            {
                "poll": selectors.poll_state(poll=selectors.poll_get(poll_id=poll.pk), audience="council"),
                "resolution": selectors.resolution_state(resolution=resolution, audience="council"),
            },
            status=status.HTTP_201_CREATED,
        )
