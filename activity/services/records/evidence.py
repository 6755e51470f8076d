"""Evidence files behind good practices and score-sheet assessments."""

from __future__ import annotations

from typing import IO, Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from activity import errors
from activity.models import Evidence, GoodPractice
from agenda.models import DocumentVersion
from core.audit import audit_record
from core.errors import ServiceError
from core.uploads import upload_sniff
from sessions_app.models import Council
from sessions_app.permissions import require_manage


def evidence_upload(
    *,
    actor: Any,
    council: Council,
    title: str,
    stream: IO[bytes],
    size: int,
    original_name: str = "",
    good_practice: GoodPractice | None = None,
) -> Evidence:
    """An evidence file (PDF, DOCX, XLSX, PNG, JPEG), recognised by its content, within the upload limit."""
    require_manage(actor, council)
    if good_practice is not None and good_practice.council_id != council.pk:
        raise ServiceError(errors.RECORD_GOOD_PRACTICE_MISMATCH)
    sniffed = upload_sniff(stream, size=size)
    with transaction.atomic():
        evidence = Evidence(
            council=council,
            good_practice=good_practice,
            title=title.strip() or original_name[:300],
            content_type=sniffed.content_type,
            size=sniffed.size,
            sha256=sniffed.sha256,
            original_name=original_name[:255],
            uploaded_at=timezone.now(),
            uploaded_by=actor,
        )
        evidence.file.save(
            f"{sniffed.sha256[:16]}{DocumentVersion.EXTENSIONS.get(sniffed.content_type, '')}", File(stream), save=False
        )
        evidence.save()
        audit_record(
            actor=actor,
            action="evidence.upload",
            object_type="evidence",
            object_id=evidence.pk,
            council_id=council.pk,
            data={"title": evidence.title, "sha256": sniffed.sha256, "size": sniffed.size},
        )
    return evidence
