"""Writes where a poll and a resolution meet: the coordinating module above ``polls`` and ``resolutions``
(neither imports the other)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from agenda.models import AgendaItem, ItemKind
from core.audit import audit_object
from core.errors import ServiceError
from sessions_app.permissions import require_manage
from voting import errors
from voting.models import Poll, PollKind, PollMethod, PollStatus, Resolution, ResolutionCategory, ResolutionKind
from voting.services.polls import poll_create, poll_result_publish
from voting.services.resolutions import resolution_create, resolution_decide_by_poll


def poll_publish(*, actor: Any, poll: Poll) -> Poll:
    """Announce the result to everyone; a resolution decided by this poll is adopted or rejected."""
    with transaction.atomic():
        poll = poll_result_publish(actor=actor, poll=poll)
        resolution_decide_by_poll(actor=actor, poll=poll)
    return poll


def resolution_poll_create_for_item(
    *,
    actor: Any,
    item: AgendaItem,
    title: str = "",
    text: str = "",
    poll_title: str = "",
    method: str = PollMethod.NAMED,
    show_running_counts: bool = False,
    kind: str = ResolutionKind.ORDINARY,
    category: ResolutionCategory | None = None,
) -> tuple[Poll, Resolution]:
    """A draft-resolution agenda item gets, in one step, its poll (kind resolution, default options and rule,
    the item's sitting) and the draft resolution that poll decides. Titles default to the item's title.

    Refused, with nothing created: another council's item, an item of another kind, an item without a sitting,
    an item that already has a (not cancelled) resolution poll or a resolution linked to one of its polls."""
    require_manage(actor, item.session.council_id)
    with transaction.atomic():
        item = (
            AgendaItem.objects.select_for_update(of=("self",), no_key=True)
            .select_related("session", "sitting")
            .get(pk=item.pk)
        )
        if item.kind != ItemKind.DRAFT_RESOLUTION:
            raise ServiceError(errors.RESOLUTION_ITEM_KIND_INVALID, kind=item.get_kind_display())
        if item.sitting is None:
            raise ServiceError(errors.RESOLUTION_ITEM_NO_SITTING)
        if (
            Poll.objects.filter(agenda_item=item, kind=PollKind.RESOLUTION)
            .exclude(status=PollStatus.CANCELLED)
            .exists()
            or Resolution.objects.filter(poll__agenda_item=item).exists()
        ):
            raise ServiceError(errors.RESOLUTION_ITEM_TAKEN)
        poll = poll_create(
            actor=actor,
            session=item.session,
            sitting=item.sitting,
            agenda_item=item,
            kind=PollKind.RESOLUTION,
            method=method,
            show_running_counts=show_running_counts,
            title=(poll_title or "").strip() or item.title,
        )
        resolution = resolution_create(
            actor=actor,
            session=item.session,
            title=(title or "").strip() or item.title,
            text=text,
            poll=poll,
            kind=kind,
            category=category,
        )
        audit_object(
            actor=actor, obj=resolution, action="resolution.create_for_item", data={"item": item.pk, "poll": poll.pk}
        )
    return poll, resolution
