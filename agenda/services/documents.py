"""Uploading documents to agenda items, in versions, with the type checked by content."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from agenda.models import AgendaItem, Document, DocumentKind, DocumentVersion
from agenda.selectors import document_is_public, document_state
from agenda.services.common import UNSET, lock_session
from core.audit import audit_record
from core.errors import REQUEST_INVALID, ServiceError
from core.uploads import upload_sniff
from realtime.emit import Put, emit
from sessions_app.permissions import require_manage


def _put(document: Document) -> Put:
    return Put(("documents", document.pk), lambda audience: document_state(document=document, audience=audience))


def _store_version(actor: Any, document: Document, file: UploadedFile[Any], number: int) -> DocumentVersion:
    sniffed = upload_sniff(file, size=file.size)
    version = DocumentVersion(
        document=document,
        number=number,
        content_type=sniffed.content_type,
        size=sniffed.size,
        sha256=sniffed.sha256,
        original_name=(file.name or "")[-255:],
        uploaded_at=timezone.now(),
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    version.file.save(f"v{number}{version.extension}", file, save=False)
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    return version


def _check_kind(kind: str) -> None:
    if kind not in DocumentKind.values:
        raise ServiceError(REQUEST_INVALID, details={"kind": kind})


def document_upload(
    *,
    actor: Any,
    item: AgendaItem,
    title: str,
    file: UploadedFile[Any],
    kind: str = DocumentKind.OTHER,
    is_public: bool = False,
) -> Document:
    """A new document with its first version. Refuses files that are not what they claim to be."""
    require_manage(actor, item.session.council_id)
    _check_kind(kind)
    if not title.strip():
        raise ServiceError(REQUEST_INVALID, details={"title": "empty"})
    upload_sniff(file, size=file.size)
    with transaction.atomic():
        lock_session(item.session)
        document = Document.objects.create(
            item=item, kind=kind, title=title.strip(), is_public=is_public, created_at=timezone.now()
        )
        version = _store_version(actor, document, file, 1)
        audit_record(
            actor=actor,
            action="document.upload",
            object_type="document",
            object_id=document.pk,
            council_id=item.session.council_id,
            data={"item": item.pk, "kind": kind, "sha256": version.sha256, "size": version.size},
        )
        emit(
            session_id=item.session_id,
            type="document.added",
            puts=[_put(document)],
            data={"document": document.pk, "item": item.pk},
        )
    return document


def document_version_add(*, actor: Any, document: Document, file: UploadedFile[Any]) -> DocumentVersion:
    item = document.item
    require_manage(actor, item.session.council_id)
    upload_sniff(file, size=file.size)
    with transaction.atomic():
        lock_session(item.session)
        document = Document.objects.select_for_update(no_key=True).get(pk=document.pk)
        number = (document.versions.aggregate(m=Max("number"))["m"] or 0) + 1
        version = _store_version(actor, document, file, number)
        audit_record(
            actor=actor,
            action="document.version_add",
            object_type="document",
            object_id=document.pk,
            council_id=item.session.council_id,
            data={"number": number, "sha256": version.sha256},
        )
        emit(
            session_id=item.session_id,
            type="document.version_added",
            puts=[_put(document)],
            data={"document": document.pk, "number": number},
        )
    return version


def document_update(
    *, actor: Any, document: Document, title: str = UNSET, kind: str = UNSET, is_public: bool = UNSET
) -> Document:
    item = document.item
    require_manage(actor, item.session.council_id)
    changes = {k: v for k, v in {"title": title, "kind": kind, "is_public": is_public}.items() if v is not UNSET}
    if "kind" in changes:
        _check_kind(kind)
    if "title" in changes and not title.strip():
        raise ServiceError(REQUEST_INVALID, details={"title": "empty"})
    with transaction.atomic():
        lock_session(item.session)
        document = Document.objects.select_for_update(no_key=True).get(pk=document.pk)
        was_public = document_is_public(document=document)
        for key, value in changes.items():
            setattr(document, key, value)
        document.save()
        audit_record(
            actor=actor,
            action="document.update",
            object_type="document",
            object_id=document.pk,
            council_id=item.session.council_id,
            data=changes,
        )
        emit(
            session_id=item.session_id,
            type="document.updated",
            puts=[_put(document)],
            data={"document": document.pk},
            public_was_visible=was_public,
        )
    return document
