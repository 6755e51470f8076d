"""Signing the council's documents: an adopted resolution and the session's minutes, each as the PDF of
its official form, signed with the council's certificate and kept (one current signed file per document)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from core.errors import ServiceError
from documents import errors
from documents.builders import minutes_document, resolution_document
from documents.form import OfficialDocument, place_of
from documents.models import SignedDocument, SignedKind
from documents.pdf import render_pdf
from documents.signing import pdf_sign, pdf_verify
from sessions_app.models import Session
from sessions_app.permissions import require_manage
from voting.models import Resolution, ResolutionStatus


def _sign(*, actor: Any, council: Any, kind: str, object_id: int, doc: OfficialDocument, reason: str) -> SignedDocument:
    signed = pdf_sign(render_pdf(doc), reason=reason, location=place_of(council.place_name, council.name))
    check = pdf_verify(signed)
    with transaction.atomic():
        record = SignedDocument.objects.select_for_update(no_key=True).filter(kind=kind, object_id=object_id).first()
        record = record or SignedDocument(council=council, kind=kind, object_id=object_id)
        record.signer, record.signed_at = check["signer"], timezone.now()
        record.sha256, record.signed_by = hashlib.sha256(signed).hexdigest(), actor
        record.file.save(f"{doc.filename}-ky-so.pdf", ContentFile(signed), save=False)
        record.save()
        audit_record(
            actor=actor,
            action="document.sign",
            object_type=kind,
            object_id=object_id,
            council_id=council.pk,
            data={"sha256": record.sha256, "signer": record.signer},
        )
    return record


def resolution_sign(*, actor: Any, resolution: Resolution) -> SignedDocument:
    require_manage(actor, resolution.council_id)
    if resolution.status not in {ResolutionStatus.ADOPTED, ResolutionStatus.PUBLISHED}:
        raise ServiceError(errors.SIGNING_NOT_ADOPTED)
    return _sign(
        actor=actor,
        council=resolution.session.council,
        kind=SignedKind.RESOLUTION,
        object_id=resolution.pk,
        doc=resolution_document(resolution),
        reason=f"Ký ban hành Nghị quyết số {resolution.number}",
    )


def minutes_sign(*, actor: Any, session: Session) -> SignedDocument:
    require_manage(actor, session.council_id)
    return _sign(
        actor=actor,
        council=session.council,
        kind=SignedKind.MINUTES,
        object_id=session.pk,
        doc=minutes_document(session),
        reason=f"Ký biên bản {session.title}",
    )


def signed_state(*, kind: str, object_id: int) -> dict[str, Any] | None:
    """The signed file of a document and what its signature says now (verified on every call)."""
    record = SignedDocument.objects.filter(kind=kind, object_id=object_id).first()
    if record is None:
        return None
    with record.file.open("rb") as handle:
        check = pdf_verify(handle.read())
    return {"record": record, **check}
