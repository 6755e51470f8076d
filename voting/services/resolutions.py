"""Resolutions: draft → adopted / rejected (by the poll that decides them, when it is published) →
published. Only published resolutions are public. The number is given at adoption (``number_assign``), dated by
the sitting that adopted it; a rejected draft uses none. What involves a poll as well lives in ``decisions``."""

from __future__ import annotations

from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from agenda.models import DocumentVersion
from core.audit import audit_object
from core.errors import REQUEST_INVALID, ServiceError
from core.uploads import FileType, upload_sniff
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
    Council.objects.select_for_update(no_key=True).filter(pk=resolution.council_id).first()
    year = resolution.adopted_on.year
    if serial is None:
        serial = resolution_number_next(council_id=resolution.council_id, kind=resolution.kind, year=year)
    number = resolution_number_format(kind=resolution.kind, year=year, serial=serial)
    taken = Resolution.objects.filter(council_id=resolution.council_id, kind=resolution.kind, year=year, serial=serial)
    if taken.exclude(pk=resolution.pk).exists():
        raise ServiceError(errors.RESOLUTION_NUMBER_TAKEN, number=number)
    resolution.year, resolution.serial, resolution.number = year, serial, number


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
    # The checks of agenda documents: size limit, type recognised by content (never HTML/SVG), a stored name
    # the uploader does not choose.
    sniffed = upload_sniff(document, size=document.size) if document is not None else None
    with transaction.atomic():
        if poll is not None:
            poll = Poll.objects.select_for_update(no_key=True).get(pk=poll.pk)
            if (
                poll.session_id != session.pk
                or poll.status in {PollStatus.PUBLISHED, PollStatus.CANCELLED}
                or Resolution.objects.filter(poll=poll).exists()
            ):
                raise ServiceError(errors.RESOLUTION_POLL_INVALID)
        resolution = Resolution.objects.create(
            council_id=session.council_id,
            session=session,
            poll=poll,
            title=title,
            text=text or "",
            kind=kind,
            category=category,
            created_at=timezone.now(),
        )
        if document is not None and sniffed is not None:
            extension = DocumentVersion.EXTENSIONS[FileType(sniffed.content_type)]
            resolution.document.save(f"nghi-quyet-{resolution.pk}{extension}", document, save=True)
        audit_object(
            actor=actor,
            obj=resolution,
            action="resolution.create",
            data={"title": title, "kind": kind, "category": category and category.code, "poll": poll and poll.pk},
        )
        emit_resolution(resolution, RESOLUTION_CREATED)
    return resolution


def resolution_decide_by_poll(*, actor: Any, poll: Poll) -> Resolution | None:
    """Called inside ``poll_publish``: the linked draft resolution follows the published result."""
    resolution = (
        Resolution.objects.select_for_update(no_key=True).filter(poll=poll, status=ResolutionStatus.DRAFT).first()
    )
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
    audit_object(
        actor=actor,
        obj=resolution,
        action=f"resolution.{resolution.status}",
        data={"poll": poll.pk, "number": resolution.number},
    )
    emit_resolution(
        resolution, RESOLUTION_ADOPTED if resolution.status == ResolutionStatus.ADOPTED else RESOLUTION_REJECTED
    )
    return resolution


def resolution_publish(*, actor: Any, resolution: Resolution) -> Resolution:
    """Make an adopted resolution public."""
    require_manage(actor, resolution.council_id)
    with transaction.atomic():
        resolution = Resolution.objects.select_for_update(no_key=True).get(pk=resolution.pk)
        if resolution.status != ResolutionStatus.ADOPTED:
            raise ServiceError(
                errors.RESOLUTION_STATUS_INVALID,
                current=resolution.get_status_display(),
                target=ResolutionStatus.PUBLISHED.label,
            )
        if resolution.serial is None:
            raise ServiceError(errors.RESOLUTION_NUMBER_MISSING)
        resolution.status = ResolutionStatus.PUBLISHED
        resolution.published_at = timezone.now()
        resolution.save(update_fields=["status", "published_at", "updated_at"])
        audit_object(actor=actor, obj=resolution, action="resolution.publish", data={"number": resolution.number})
        emit_resolution(resolution, RESOLUTION_PUBLISHED)
    return resolution
