"""After the vote: the secretariat numbers (or renumbers) an adopted resolution, gives it its real title,
category, signer and effective date, and uploads the signed text. Each write validates, runs in one transaction,
is audited and announced on the session stream."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from core.audit import audit_record
from core.errors import ServiceError
from core.uploads import FileType, upload_sniff
from sessions_app.permissions import require_manage
from voting import errors
from voting.events import emit_resolution
from voting.models import NUMBERED_STATUSES, Resolution, ResolutionCategory, ResolutionKind, ResolutionStatus
from voting.services.resolutions import number_assign

RESOLUTION_UPDATED = "resolution.updated"
EDITABLE = {"title", "text", "category", "kind", "signer", "effective_on"}


def _audit(actor: Any, resolution: Resolution, action: str, data: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="resolution",
        object_id=resolution.pk,
        council_id=resolution.council_id,
        data=data,
    )


def resolution_update(*, actor: Any, resolution: Resolution, changes: Mapping[str, Any]) -> Resolution:
    """Title (a resolution's own, not the agenda item's "Tờ trình…"), text, category, kind, signer, effective date.
    Editable after the vote; the kind of a numbered resolution changes only through ``resolution_number_set``."""
    require_manage(actor, resolution.council_id)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ServiceError(errors.RESOLUTION_FIELDS_INVALID, reason=", ".join(sorted(unknown)))
    title = changes.get("title", resolution.title)
    if not str(title).strip() or len(str(title)) > 400:
        raise ServiceError(errors.RESOLUTION_FIELDS_INVALID, reason="title")
    if "kind" in changes and changes["kind"] not in ResolutionKind.values:
        raise ServiceError(errors.RESOLUTION_FIELDS_INVALID, reason="kind")
    category = changes.get("category", resolution.category)
    if category is not None and not isinstance(category, ResolutionCategory):
        raise ServiceError(errors.RESOLUTION_FIELDS_INVALID, reason="category")
    with transaction.atomic():
        resolution = Resolution.objects.select_for_update(no_key=True).get(pk=resolution.pk)
        if "kind" in changes and changes["kind"] != resolution.kind and resolution.serial is not None:
            raise ServiceError(errors.RESOLUTION_KIND_LOCKED)
        effective_on = changes.get("effective_on", resolution.effective_on)
        if effective_on is not None and (resolution.adopted_on is None or effective_on < resolution.adopted_on):
            raise ServiceError(errors.RESOLUTION_FIELDS_INVALID, reason="effective_on")
        changed = {}
        for key, value in changes.items():
            value = value.strip() if isinstance(value, str) else value
            if getattr(resolution, key) != value:
                changed[key] = str(getattr(value, "code", value))
                setattr(resolution, key, value)
        resolution.save()
        _audit(actor, resolution, "resolution.update", changed)
        emit_resolution(resolution, RESOLUTION_UPDATED)
    return resolution


def resolution_number_set(*, actor: Any, resolution: Resolution, serial: int, kind: str | None = None) -> Resolution:
    """Number (or renumber) an adopted, not yet published resolution: ``serial`` in the year of its adoption date,
    unique per council and kind (the next free one is ``voting.numbering.resolution_number_next``)."""
    require_manage(actor, resolution.council_id)
    if not isinstance(serial, int) or not 1 <= serial <= 99999:
        raise ServiceError(errors.RESOLUTION_FIELDS_INVALID, reason="serial")
    if kind is not None and kind not in ResolutionKind.values:
        raise ServiceError(errors.RESOLUTION_FIELDS_INVALID, reason="kind")
    with transaction.atomic():
        resolution = Resolution.objects.select_for_update(no_key=True).get(pk=resolution.pk)
        if resolution.status != ResolutionStatus.ADOPTED:
            raise ServiceError(errors.RESOLUTION_NOT_ADOPTED, status=resolution.get_status_display())
        previous = resolution.number
        resolution.kind = kind or resolution.kind
        number_assign(resolution, serial=serial)
        resolution.save()
        _audit(actor, resolution, "resolution.number", {"from": previous, "to": resolution.number})
        emit_resolution(resolution, RESOLUTION_UPDATED)
    return resolution


def resolution_signed_upload(*, actor: Any, resolution: Resolution, file: UploadedFile, signer: str = "") -> Resolution:
    """The signed text (a PDF, recognised by content) of an adopted or published resolution; replaces the last."""
    require_manage(actor, resolution.council_id)
    sniffed = upload_sniff(file, size=file.size or 0)
    if sniffed.content_type != FileType.PDF:
        raise ServiceError(errors.RESOLUTION_FIELDS_INVALID, reason="PDF")
    with transaction.atomic():
        resolution = Resolution.objects.select_for_update(no_key=True).get(pk=resolution.pk)
        if resolution.status not in NUMBERED_STATUSES:
            raise ServiceError(errors.RESOLUTION_NOT_ADOPTED, status=resolution.get_status_display())
        resolution.signed_document.save(f"resolution-{resolution.pk}-signed.pdf", file, save=False)
        if signer.strip():
            resolution.signer = signer.strip()[:120]
        resolution.save()
        _audit(actor, resolution, "resolution.signed_upload", {"sha256": sniffed.sha256, "size": sniffed.size})
        emit_resolution(resolution, RESOLUTION_UPDATED)
    return resolution
