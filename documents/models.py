"""Digitally signed PDFs (ký số) of the council's documents: one current signed file per document."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sessions_app.models import Council


class SignedKind(models.TextChoices):
    RESOLUTION = "resolution", _("Nghị quyết")
    MINUTES = "minutes", _("Biên bản kỳ họp")


class SignedDocument(models.Model):
    council = models.ForeignKey(
        Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="signed_documents"
    )
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=SignedKind.choices)
    object_id = models.PositiveIntegerField(_("mã văn bản"))
    file = models.FileField(_("tệp PDF đã ký"), upload_to="signed/%Y/")
    signer = models.CharField(_("người ký (chứng thư)"), max_length=300)
    signed_at = models.DateTimeField(_("ký lúc"))
    sha256 = models.CharField(max_length=64)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thực hiện bởi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("văn bản đã ký số")
        verbose_name_plural = _("văn bản đã ký số")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="signed_document_one_per_document"),
            models.CheckConstraint(condition=Q(kind__in=SignedKind.values), name="signed_document_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"
