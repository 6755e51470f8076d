"""REST endpoints of agenda items and their documents (and the documents' files)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import FileResponse
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agenda import serializers as s
from agenda import services, writes
from agenda import writes_setup as ws
from agenda.api.common import INLINE_TYPES, archive_list
from agenda.archive import (
    AgendaItemQuery,
    DocumentQuery,
    agenda_items_filter,
    documents_filter,
)
from agenda.models import (
    AgendaItem,
    Document,
)
from agenda.selectors import (
    document_is_public,
    document_version_for_reader,
)
from agenda.selectors.access import item_public_q, visible
from core.api import LastModifiedMixin
from core.errors import NOT_FOUND, ServiceError
from core.uploads import FileType
from core.writes import WriteActions, write_schema
from sessions_app.archive import archive_query


@extend_schema_view(
    list=archive_list(
        "Agenda items (filters, ordering, diacritics-insensitive search)", AgendaItemQuery, s.AgendaItemSerializer
    )
)
class AgendaItemViewSet(
    WriteActions, LastModifiedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]
):
    write_role = "staff"  # core.permissions.WriteAccess, before the body is read
    serializer_class = s.AgendaItemSerializer

    def get_queryset(self) -> QuerySet[AgendaItem]:
        items = AgendaItem.objects.filter(
            visible(self.request.user, council_path="session__council", public_q=item_public_q())
        )
        if self.action != "list":
            return items.order_by("session_id", "parent_id", "order", "pk")
        return agenda_items_filter(items, archive_query(AgendaItemQuery, self.request))

    @write_schema(ws.AGENDA_ITEM_CREATE, s.AgendaItemSerializer, created=True)
    def create(self, request: Request) -> Response:
        return self.write(ws.AGENDA_ITEM_CREATE, target=False, created=True)

    @write_schema(ws.AGENDA_ITEM_UPDATE, s.AgendaItemSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self.write(ws.AGENDA_ITEM_UPDATE)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str) -> Response:
        services.agenda_item_delete(actor=request.user, item=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @write_schema(writes.AGENDA_ACTIVATE, s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: str) -> Response:
        return self.write(writes.AGENDA_ACTIVATE)

    @write_schema(writes.AGENDA_FINISH, s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request: Request, pk: str) -> Response:
        return self.write(writes.AGENDA_FINISH)

    @write_schema(writes.AGENDA_SKIP, s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def skip(self, request: Request, pk: str) -> Response:
        return self.write(writes.AGENDA_SKIP)

    @write_schema(writes.AGENDA_DEFER, s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def defer(self, request: Request, pk: str) -> Response:
        return self.write(writes.AGENDA_DEFER)

    @write_schema(writes.AGENDA_MOVE, s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str) -> Response:
        return self.write(writes.AGENDA_MOVE)

    @write_schema(writes.AGENDA_NEXT, s.AgendaItemSerializer)
    @action(detail=False, methods=["post"])
    def next(self, request: Request) -> Response:
        return self.write(writes.AGENDA_NEXT, target=False)

    @write_schema(writes.AGENDA_PREVIOUS, s.AgendaItemSerializer)
    @action(detail=False, methods=["post"])
    def previous(self, request: Request) -> Response:
        return self.write(writes.AGENDA_PREVIOUS, target=False)


@extend_schema_view(
    list=archive_list(
        "Documents (filters, ordering, diacritics-insensitive search)", DocumentQuery, s.DocumentSerializer
    )
)
class DocumentViewSet(WriteActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    write_role = "staff"
    serializer_class = s.DocumentSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self) -> QuerySet[Document]:
        public_q = Q(is_public=True) & item_public_q("item__")
        docs = Document.objects.filter(
            visible(self.request.user, council_path="item__session__council", public_q=public_q)
        )
        if self.action == "list":
            return documents_filter(docs, archive_query(DocumentQuery, self.request)).prefetch_related("versions")
        return docs.prefetch_related("versions").order_by("pk")

    @write_schema(ws.DOCUMENT_UPLOAD, s.DocumentSerializer, created=True, media="multipart/form-data")
    def create(self, request: Request) -> Response:
        return self.write(ws.DOCUMENT_UPLOAD, target=False, created=True)

    @write_schema(ws.DOCUMENT_UPDATE, s.DocumentSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        return self.write(ws.DOCUMENT_UPDATE)

    @write_schema(ws.DOCUMENT_VERSION_ADD, s.DocumentVersionSerializer, created=True, media="multipart/form-data")
    @action(detail=True, methods=["post"])
    def versions(self, request: Request, pk: str) -> Response:
        return self.write(ws.DOCUMENT_VERSION_ADD, created=True)


class DocumentFileView(APIView):
    """The file of a document version. PDFs and images open inline (tablets); the type is the sniffed one."""

    @extend_schema(responses={(200, kind): OpenApiTypes.BINARY for kind in FileType.values})
    def get(self, request: Request, pk: int, number: int | None = None) -> FileResponse:
        document = Document.objects.select_related("item__session").filter(pk=pk).first()
        if document is None:
            raise ServiceError(NOT_FOUND)
        try:
            version = document_version_for_reader(user=request.user, document=document, number=number)
        except document.versions.model.DoesNotExist as exc:
            raise ServiceError(NOT_FOUND) from exc
        inline = version.content_type in INLINE_TYPES
        filename = f"{document.title[:80]}-v{version.number}{version.extension}"
        response = FileResponse(
            version.file.open("rb"), content_type=version.content_type, as_attachment=not inline, filename=filename
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = (
            "public, max-age=300" if document_is_public(document=document) else "private, no-store"
        )
        if number is not None:
            # A numbered version is written once, so its upload time is when it last changed; the middleware
            # answers If-Modified-Since with 304 (after the access check above). Not for the latest-version URL:
            # a newer version uploaded within the same second would keep the older one cached.
            response["Last-Modified"] = http_date(version.uploaded_at.timestamp())
        return response
