"""Documents attached to agenda items, kept in numbered versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agenda.models.items import AgendaItem
from core.uploads import FileType


class DocumentKind(models.TextChoices):
    SUBMISSION = "submission", _("Tờ trình")
    DRAFT_RESOLUTION = "draft_resolution", _("Dự thảo nghị quyết")
    VERIFICATION_REPORT = "verification_report", _("Báo cáo thẩm tra")
    REPORT = "report", _("Báo cáo")
    OTHER = "other", _("Tài liệu khác")


class Document(models.Model):
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("mục chương trình"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=24, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(_("tên tài liệu"), max_length=300)
    is_public = models.BooleanField(_("công khai"), default=False)
    created_at = models.DateTimeField(_("tạo lúc"))

    class Meta:
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=[c.value for c in DocumentKind]), name="document_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.title


def _version_path(instance: DocumentVersion, filename: str) -> str:
    """Stored under a path the uploader does not choose; the extension follows the sniffed type."""
    return f"documents/{instance.document_id}/v{instance.number}{instance.extension}"


class DocumentVersion(models.Model):
    EXTENSIONS = {
        FileType.PDF: ".pdf",
        FileType.DOCX: ".docx",
        FileType.XLSX: ".xlsx",
        FileType.PNG: ".png",
        FileType.JPEG: ".jpg",
    }

    document = models.ForeignKey(
        Document, verbose_name=_("tài liệu"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    file = models.FileField(_("tệp"), upload_to=_version_path, max_length=200)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100, choices=FileType.choices)
    size = models.PositiveBigIntegerField(_("kích thước (byte)"))
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("tải lên lúc"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phiên bản tài liệu")
        verbose_name_plural = _("phiên bản tài liệu")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="document_version_number_positive"),
            models.CheckConstraint(
                condition=Q(content_type__in=[c.value for c in FileType]), name="document_version_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def extension(self) -> str:
        return self.EXTENSIONS.get(self.content_type, "")
