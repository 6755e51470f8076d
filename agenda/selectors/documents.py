"""Documents as the stream and the archive show them, and who may read their files."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from agenda.models import Document, DocumentVersion
from agenda.selectors.items import agenda_node, agenda_tree
from realtime.registry import Audience
from sessions_app.models import Session
from sessions_app.permissions import require_read_private


def document_file_url(version: DocumentVersion) -> str:
    return reverse("agenda-document-file", kwargs={"pk": version.document_id, "number": version.number})


def _version_state(version: DocumentVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "content_type": version.content_type,
        "size": version.size,
        "sha256": version.sha256,
        "uploaded_at": version.uploaded_at.isoformat(),
        "url": document_file_url(version),
    }


def document_state(*, document: Document, audience: Audience, item_public: bool | None = None) -> dict[str, Any] | None:
    """None for the public when the document or its item is not public."""
    if item_public is None:
        item_public = agenda_node(item=document.item).public
    public = item_public and document.is_public
    if audience == "public" and not public:
        return None
    versions = [_version_state(v) for v in document.versions.all()]
    return {
        "id": document.pk,
        "item": document.item_id,
        "kind": document.kind,
        "title": document.title,
        "is_public": public,
        "versions": versions,
        "latest": versions[-1] if versions else None,
    }


def documents_state(*, session: Session, audience: Audience) -> dict[str, Any]:
    public_items = {n.item.pk: n.public for n in agenda_tree(session=session)}
    documents = Document.objects.filter(item__session=session).prefetch_related("versions").order_by("pk")
    states = {
        str(d.pk): document_state(document=d, audience=audience, item_public=public_items[d.item_id]) for d in documents
    }
    return {key: value for key, value in states.items() if value is not None}


def document_is_public(*, document: Document) -> bool:
    return document.is_public and agenda_node(item=document.item).public


def document_version_for_reader(*, user: Any, document: Document, number: int | None) -> DocumentVersion:
    """The version a reader asked for (latest by default). Non-public documents only for logged-in users of
    the council; raises ServiceError otherwise and Http404-like DoesNotExist for unknown versions."""
    if not document_is_public(document=document):
        require_read_private(user, document.item.session.council_id)
    versions = document.versions.order_by("-number")
    return versions.get(number=number) if number is not None else versions[:1].get()
