"""The resolutions' writes, each declared once (``core.writes``) for the socket command of the secretariat's
console and the REST action: a draft (``resolution.create``), the poll and draft of a draft-resolution agenda
item in one step (``resolution.create_for_item``), its record after the vote (``resolution.update``,
``resolution.number``), its publication (``resolution.publish``) and the signed text (``resolution.signed_upload``,
REST only: a file). The services check every rule (the council's secretariat or chair); the reply is the
resolution as the council sees it, the REST body."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from agenda.models import AgendaItem
from core.writes import RowRef, Write
from sessions_app.models import Session
from voting import services
from voting.models import Poll, PollMethod, Resolution, ResolutionCategory, ResolutionKind
from voting.serializers import ResolutionCreateSerializer
from voting.writes.polls import poll_and_resolution_reply, resolution_reply, socket_session


class ResolutionRef(serializers.Serializer[Any]):
    resolution = RowRef(Resolution)


class ResolutionCreateInput(ResolutionCreateSerializer):
    session = RowRef(Session, scope="pk", help_text="The session (a socket: its own).")
    poll = RowRef(Poll, required=False, allow_null=True, default=None, help_text="The poll that decides it.")
    document = serializers.FileField(
        required=False, allow_null=True, default=None, help_text="The draft's document (a form post only)."
    )


class ItemResolutionPollInput(serializers.Serializer[Any]):
    item = RowRef(AgendaItem)
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


class ResolutionUpdateInput(ResolutionRef):
    """Only the fields sent change (none is required)."""

    title = serializers.CharField(max_length=400, required=False)
    text = serializers.CharField(allow_blank=True, required=False)
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=ResolutionCategory.objects.all(), allow_null=True, required=False
    )
    kind = serializers.ChoiceField(ResolutionKind.choices, help_text="Only while not numbered", required=False)
    signer = serializers.CharField(max_length=120, allow_blank=True, required=False)
    effective_on = serializers.DateField(allow_null=True, required=False)


class NumberInput(ResolutionRef):
    serial = serializers.IntegerField(min_value=1, max_value=99999)
    kind = serializers.ChoiceField(ResolutionKind.choices, required=False)


class SignedUploadInput(ResolutionRef):
    file = serializers.FileField(help_text="The signed PDF")
    signer = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


def _update(*, actor: Any, resolution: Resolution, **changes: Any) -> Resolution:
    return services.resolution_update(actor=actor, resolution=resolution, changes=changes)


RESOLUTION_CREATE = Write(
    "resolution.create",
    ResolutionCreateInput,
    services.resolution_create,
    reply=resolution_reply,
    socket_args=socket_session,
)
RESOLUTION_CREATE_FOR_ITEM = Write(
    "resolution.create_for_item",
    ItemResolutionPollInput,
    services.resolution_poll_create_for_item,
    reply=poll_and_resolution_reply,
    target="item",
)
RESOLUTION_UPDATE = Write(
    "resolution.update", ResolutionUpdateInput, _update, reply=resolution_reply, target="resolution"
)
RESOLUTION_NUMBER = Write(
    "resolution.number", NumberInput, services.resolution_number_set, reply=resolution_reply, target="resolution"
)
RESOLUTION_PUBLISH = Write(
    "resolution.publish", ResolutionRef, services.resolution_publish, reply=resolution_reply, target="resolution"
)
RESOLUTION_SIGNED_UPLOAD = Write(
    "resolution.signed_upload",
    SignedUploadInput,
    services.resolution_signed_upload,
    reply=resolution_reply,
    target="resolution",
    socket=False,
)
WRITES = (
    RESOLUTION_CREATE,
    RESOLUTION_CREATE_FOR_ITEM,
    RESOLUTION_UPDATE,
    RESOLUTION_NUMBER,
    RESOLUTION_PUBLISH,
    RESOLUTION_SIGNED_UPLOAD,
)
