"""Recognising uploaded files by their content. The name and the browser's claimed type are ignored:
a file is a PDF only if it starts with ``%PDF-``, a DOCX/XLSX only if it is a ZIP holding ``word/`` or
``xl/`` parts, an image only by its PNG or JPEG signature. Used by every app that stores files (agenda documents,
convening notices, resolution documents, activity evidence)."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.db import models

from core.errors import UPLOAD_EMPTY, UPLOAD_TOO_LARGE, UPLOAD_TYPE, ServiceError


class FileType(models.TextChoices):
    """Accepted file types, recognised by content (``upload_sniff``)."""

    PDF = "application/pdf", "PDF"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"
    PNG = "image/png", "PNG"
    JPEG = "image/jpeg", "JPEG"


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PDF_SIGNATURE = b"%PDF-"
ZIP_SIGNATURE = b"PK\x03\x04"


@dataclass(frozen=True)
class SniffedFile:
    content_type: str
    size: int
    sha256: str


def _office_type(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return FileType.DOCX
    if any(name.startswith("xl/") for name in names):
        return FileType.XLSX
    return None


def _vietnamese_size(size: int) -> str:
    """ "50 MB", "1,5 MB", "512 KB": a decimal comma, as Vietnamese readers expect."""
    value, unit = (size / (1024 * 1024), "MB") if size >= 1024 * 1024 else (size / 1024, "KB")
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"


def upload_sniff(stream: IO[bytes], *, size: int) -> SniffedFile:
    """The file's real type, size and digest, or a ServiceError. Reads the stream and rewinds it."""
    limit = settings.NT["UPLOAD_MAX_BYTES"]
    if size > limit:
        raise ServiceError(UPLOAD_TOO_LARGE, limit=_vietnamese_size(limit), details={"limit_bytes": limit})
    if size == 0:
        raise ServiceError(UPLOAD_EMPTY)
    stream.seek(0)
    head = stream.read(8)
    content_type: str | None = None
    if head.startswith(PDF_SIGNATURE):
        content_type = FileType.PDF
    elif head.startswith(PNG_SIGNATURE):
        content_type = FileType.PNG
    elif head.startswith(JPEG_SIGNATURE):
        content_type = FileType.JPEG
    elif head.startswith(ZIP_SIGNATURE):
        stream.seek(0)
        content_type = _office_type(stream)
    if content_type is None:
        raise ServiceError(UPLOAD_TYPE)
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(64 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return SniffedFile(str(content_type), size, digest.hexdigest())
