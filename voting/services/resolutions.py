"""Resolutions: draft → adopted / rejected (by the poll that decides them, when it is published) →
published. Only published resolutions are public."""

from __future__ import annotations

from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from agenda.models import AgendaItem, ItemKind
from core.audit import audit_record
from core.errors import REQUEST_INVALID, ServiceError
from sessions_app.models import Session
from sessions_app.permissions import require_manage
from voting import errors
from voting.events import (
    RESOLUTION_ADOPTED,
    RESOLUTION_CREATED,
    RESOLUTION_PUBLISHED,
    RESOLUTION_REJECTED,
    emit_resolution,
)
from voting.models import Poll, PollKind, PollMethod, PollStatus, Resolution, ResolutionStatus

NUMBER_MAX = 40


def _audit(actor: Any, resolution: Resolution, action: str, data: dict[str, Any]) -> None:
    audit_record(
        actor=actor, action=action, object_type="resolution", object_id=resolution.pk,
        council_id=resolution.council_id, data=data,
    )


def resolution_create(
    *,
    actor: Any,
    session: Session,
    number: str,
    title: str,
    text: str = "",
    document: File | None = None,
    poll: Poll | None = None,
) -> Resolution:
    """A draft resolution, e.g. "15/2026/NQ-HĐND", optionally linked to the poll that will decide it."""
    require_manage(actor, session.council_id)
    number, title = (number or "").strip(), (title or "").strip()
    if not number or len(number) > NUMBER_MAX or not title or len(title) > 400:
        raise ServiceError(REQUEST_INVALID, details={"number": f"1..{NUMBER_MAX} characters", "title": "1..400 characters"})
    with transaction.atomic():
        if poll is not None:
            poll = Poll.objects.select_for_update().get(pk=poll.pk)
            if (
                poll.session_id != session.pk
                or poll.status in {PollStatus.PUBLISHED, PollStatus.CANCELLED}
                or Resolution.objects.filter(poll=poll).exists()
            ):
                raise ServiceError(errors.RESOLUTION_POLL_INVALID)
        if Resolution.objects.filter(council_id=session.council_id, number=number).exists():
            raise ServiceError(errors.RESOLUTION_NUMBER_TAKEN, number=number)
        try:
            with transaction.atomic():
                resolution = Resolution.objects.create(
                    council_id=session.council_id, session=session, poll=poll, number=number, title=title,
                    text=text or "", created_at=timezone.now(),
                )
        except IntegrityError as exc:
            raise ServiceError(errors.RESOLUTION_NUMBER_TAKEN, number=number) from exc
        if document is not None:
            resolution.document.save(document.name, document, save=True)
        _audit(actor, resolution, "resolution.create", {"number": number, "title": title, "poll": poll and poll.pk})
        emit_resolution(resolution, RESOLUTION_CREATED)
    return resolution


def resolution_poll_create_for_item(
    *,
    actor: Any,
    item: AgendaItem,
    number: str,
    title: str = "",
    text: str = "",
    poll_title: str = "",
    method: str = PollMethod.NAMED,
    show_running_counts: bool = False,
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
            raise ServiceError(errors.RESOLUTION_ITEM_KIND_INVALID, kind=item.get_kind_display())
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
            actor=actor, session=item.session, number=number, title=(title or "").strip() or item.title, text=text,
            poll=poll,
        )
        _audit(actor, resolution, "resolution.create_for_item",
               {"item": item.pk, "poll": poll.pk, "number": resolution.number})
    return poll, resolution


def resolution_decide_by_poll(*, actor: Any, poll: Poll) -> Resolution | None:
    """Called inside ``poll_publish``: the linked draft resolution follows the published result."""
    resolution = Resolution.objects.select_for_update().filter(poll=poll, status=ResolutionStatus.DRAFT).first()
    if resolution is None or poll.result.get("passed") is None:
        return resolution
    resolution.status = ResolutionStatus.ADOPTED if poll.result["passed"] else ResolutionStatus.REJECTED
    resolution.decided_at = timezone.now()
    resolution.save(update_fields=["status", "decided_at", "updated_at"])
    _audit(actor, resolution, f"resolution.{resolution.status}", {"poll": poll.pk})
    emit_resolution(resolution, RESOLUTION_ADOPTED if resolution.status == ResolutionStatus.ADOPTED else RESOLUTION_REJECTED)
    return resolution


def resolution_publish(*, actor: Any, resolution: Resolution) -> Resolution:
    """Make an adopted resolution public."""
    require_manage(actor, resolution.council_id)
    with transaction.atomic():
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        if resolution.status != ResolutionStatus.ADOPTED:
            raise ServiceError(errors.RESOLUTION_STATUS_INVALID, current=resolution.get_status_display(),
                               target=ResolutionStatus.PUBLISHED.label)
        resolution.status = ResolutionStatus.PUBLISHED
        resolution.published_at = timezone.now()
        resolution.save(update_fields=["status", "published_at", "updated_at"])
        _audit(actor, resolution, "resolution.publish", {"number": resolution.number})
        emit_resolution(resolution, RESOLUTION_PUBLISHED)
    return resolution
