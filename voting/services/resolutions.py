"""Resolutions: draft → adopted / rejected (by the poll that decides them, when it is published) →
published. Only published resolutions are public. What involves a poll as well lives in ``decisions``."""

from __future__ import annotations

from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from agenda.models import AgendaItem, DocumentVersion, FileType, ItemKind
from agenda.uploads import upload_sniff
from core.audit import audit_object
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
from voting.models import Poll, PollStatus, Resolution, ResolutionStatus

NUMBER_MAX = 40


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
    # The checks of agenda documents: size limit, type recognised by content (never HTML/SVG), a stored name
    # the uploader does not choose.
    sniffed = upload_sniff(document, size=document.size) if document is not None else None
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
        if document is not None and sniffed is not None:
            extension = DocumentVersion.EXTENSIONS[FileType(sniffed.content_type)]
            resolution.document.save(f"nghi-quyet-{resolution.pk}{extension}", document, save=True)
        audit_object(actor=actor, obj=resolution, action="resolution.create", data={"number": number, "title": title, "poll": poll and poll.pk})
        emit_resolution(resolution, RESOLUTION_CREATED)
    return resolution


def resolution_decide_by_poll(*, actor: Any, poll: Poll) -> Resolution | None:
    """Called inside ``poll_publish``: the linked draft resolution follows the published result."""
    resolution = Resolution.objects.select_for_update().filter(poll=poll, status=ResolutionStatus.DRAFT).first()
    if resolution is None or poll.result.get("passed") is None:
        return resolution
    resolution.status = ResolutionStatus.ADOPTED if poll.result["passed"] else ResolutionStatus.REJECTED
    resolution.decided_at = timezone.now()
    resolution.save(update_fields=["status", "decided_at", "updated_at"])
    audit_object(actor=actor, obj=resolution, action=f"resolution.{resolution.status}", data={"poll": poll.pk})
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
        audit_object(actor=actor, obj=resolution, action="resolution.publish", data={"number": resolution.number})
        emit_resolution(resolution, RESOLUTION_PUBLISHED)
    return resolution
