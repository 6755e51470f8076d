"""Resolutions: draft → adopted / rejected (by the poll that decides them, when it is published) →
published. Only published resolutions are public. The number is given at adoption (``number_assign``), dated by
the sitting that adopted it; a rejected draft uses none."""

from __future__ import annotations

from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from agenda.models import AgendaItem, ItemKind
from core.audit import audit_record
from core.errors import REQUEST_INVALID, ServiceError
from sessions_app.models import Council, Session
from sessions_app.permissions import require_manage
from voting import errors
from voting.events import (
    RESOLUTION_ADOPTED,
    RESOLUTION_CREATED,
    RESOLUTION_PUBLISHED,
    RESOLUTION_REJECTED,
    emit_resolution,
)
from voting.models import (
    Poll,
    PollKind,
    PollMethod,
    PollStatus,
    Resolution,
    ResolutionCategory,
    ResolutionKind,
    ResolutionStatus,
)
from voting.numbering import resolution_number_format, resolution_number_next

def number_assign(resolution: Resolution, *, serial: int | None) -> None:
    """Give an adopted resolution its number (the next free one when ``serial`` is None), in the year of its
    adoption date. Locks the council so two adoptions never take one number; the database refuses a duplicate."""
    Council.objects.select_for_update().filter(pk=resolution.council_id).first()
    year = resolution.adopted_on.year
    if serial is None:
        serial = resolution_number_next(council_id=resolution.council_id, kind=resolution.kind, year=year)
    number = resolution_number_format(kind=resolution.kind, year=year, serial=serial)
    taken = Resolution.objects.filter(council_id=resolution.council_id, kind=resolution.kind, year=year, serial=serial)
    if taken.exclude(pk=resolution.pk).exists():
        raise ServiceError(errors.RESOLUTION_NUMBER_TAKEN, number=number)
    resolution.year, resolution.serial, resolution.number = year, serial, number


def _audit(actor: Any, resolution: Resolution, action: str, data: dict[str, Any]) -> None:
    audit_record(
        actor=actor, action=action, object_type="resolution", object_id=resolution.pk,
        council_id=resolution.council_id, data=data,
    )


def _kind_check(kind: str) -> None:
    if kind not in ResolutionKind.values:
        raise ServiceError(errors.RESOLUTION_FIELDS_INVALID, reason=f"kind {kind!r}")


def resolution_create(
    *,
    actor: Any,
    session: Session,
    title: str,
    text: str = "",
    document: File | None = None,
    poll: Poll | None = None,
    kind: str = ResolutionKind.ORDINARY,
    category: ResolutionCategory | None = None,
) -> Resolution:
    """A draft resolution, optionally linked to the poll that will decide it. It gets its number when adopted."""
    require_manage(actor, session.council_id)
    title = (title or "").strip()
    if not title or len(title) > 400:
        raise ServiceError(REQUEST_INVALID, details={"title": "1..400 characters"})
    _kind_check(kind)
    with transaction.atomic():
        if poll is not None:
            poll = Poll.objects.select_for_update().get(pk=poll.pk)
            if (
                poll.session_id != session.pk
                or poll.status in {PollStatus.PUBLISHED, PollStatus.CANCELLED}
                or Resolution.objects.filter(poll=poll).exists()
            ):
                raise ServiceError(errors.RESOLUTION_POLL_INVALID)
        resolution = Resolution.objects.create(
            council_id=session.council_id, session=session, poll=poll, title=title, text=text or "", kind=kind,
            category=category, created_at=timezone.now(),
        )
        if document is not None:
            resolution.document.save(document.name, document, save=True)
        _audit(actor, resolution, "resolution.create",
               {"title": title, "kind": kind, "category": category and category.code, "poll": poll and poll.pk})
        emit_resolution(resolution, RESOLUTION_CREATED)
    return resolution


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
    from voting.services.polls import poll_create  # polls imports this module (resolution_decide_by_poll)

    require_manage(actor, item.session.council_id)
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update(of=("self",)).select_related("session", "sitting").get(pk=item.pk)
        if item.kind != ItemKind.DRAFT_RESOLUTION:
            raise ServiceError(errors.RESOLUTION_ITEM_KIND_INVALID, kind=item.kind)
        if item.sitting is None:
            raise ServiceError(errors.RESOLUTION_ITEM_NO_SITTING)
        if (
            Poll.objects.filter(agenda_item=item, kind=PollKind.RESOLUTION).exclude(status=PollStatus.CANCELLED).exists()
            or Resolution.objects.filter(poll__agenda_item=item).exists()
        ):
            raise ServiceError(errors.RESOLUTION_ITEM_TAKEN)
        poll = poll_create(
            actor=actor, session=item.session, sitting=item.sitting, agenda_item=item, kind=PollKind.RESOLUTION,
            method=method, show_running_counts=show_running_counts, title=(poll_title or "").strip() or item.title,
        )
        resolution = resolution_create(
            actor=actor, session=item.session, title=(title or "").strip() or item.title, text=text, poll=poll,
            kind=kind, category=category,
        )
        _audit(actor, resolution, "resolution.create_for_item", {"item": item.pk, "poll": poll.pk})
    return poll, resolution


def resolution_decide_by_poll(*, actor: Any, poll: Poll) -> Resolution | None:
    """Called inside ``poll_publish``: the linked draft resolution follows the published result."""
    resolution = Resolution.objects.select_for_update().filter(poll=poll, status=ResolutionStatus.DRAFT).first()
    if resolution is None or poll.result.get("passed") is None:
        return resolution
    resolution.status = ResolutionStatus.ADOPTED if poll.result["passed"] else ResolutionStatus.REJECTED
    resolution.decided_at = timezone.now()
    resolution.adopted_on = poll.sitting.date  # the legal date: the sitting's, not the click's
    fields = ["status", "decided_at", "adopted_on", "updated_at"]
    if resolution.status == ResolutionStatus.ADOPTED:
        number_assign(resolution, serial=None)
        fields += ["year", "serial", "number"]
    resolution.save(update_fields=fields)
    _audit(actor, resolution, f"resolution.{resolution.status}", {"poll": poll.pk, "number": resolution.number})
    emit_resolution(resolution, RESOLUTION_ADOPTED if resolution.status == ResolutionStatus.ADOPTED else RESOLUTION_REJECTED)
    return resolution


def resolution_publish(*, actor: Any, resolution: Resolution) -> Resolution:
    """Make an adopted resolution public."""
    require_manage(actor, resolution.council_id)
    with transaction.atomic():
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        if resolution.status != ResolutionStatus.ADOPTED:
            raise ServiceError(errors.RESOLUTION_STATUS_INVALID, current=resolution.status, target=ResolutionStatus.PUBLISHED)
        if resolution.serial is None:
            raise ServiceError(errors.RESOLUTION_NUMBER_MISSING)
        resolution.status = ResolutionStatus.PUBLISHED
        resolution.published_at = timezone.now()
        resolution.save(update_fields=["status", "published_at", "updated_at"])
        _audit(actor, resolution, "resolution.publish", {"number": resolution.number})
        emit_resolution(resolution, RESOLUTION_PUBLISHED)
    return resolution
