"""Resolutions, their kinds and categories (``Resolution.poll`` is the vote that decides one)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sessions_app.models import Council, Session
from voting.models.polls import Poll


class ResolutionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ADOPTED = "adopted", _("Đã thông qua")
    REJECTED = "rejected", _("Không được thông qua")
    PUBLISHED = "published", _("Đã công bố")


class ResolutionKind(models.TextChoices):
    """Decree 30/2020 numbering: ordinary resolutions "12/NQ-HĐND" restart at 1 each calendar year per council;
    normative ones (quy phạm pháp luật) carry the year, "05/2026/NQ-HĐND"."""

    ORDINARY = "ordinary", _("Nghị quyết (cá biệt)")
    NORMATIVE = "normative", _("Nghị quyết quy phạm pháp luật")


class ResolutionCategory(models.Model):
    """What a resolution is about, for statistics ("35 nghị quyết, trong đó 4 về công tác tổ chức"): data, not
    code, so a council's reporting categories can grow."""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực nghị quyết")
        verbose_name_plural = _("lĩnh vực nghị quyết")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


NUMBERED_STATUSES = [ResolutionStatus.ADOPTED, ResolutionStatus.PUBLISHED]


class Resolution(models.Model):
    """A resolution. Its number is given at adoption (or later by the secretariat), never before the vote: a
    rejected draft uses none. ``year`` and ``serial`` make the number; they are unique per council and kind (the
    number text alone is not: "12/NQ-HĐND" comes back every year)."""

    council = models.ForeignKey(Council, verbose_name=_("HĐND"), on_delete=models.PROTECT, related_name="resolutions")
    session = models.ForeignKey(Session, verbose_name=_("kỳ họp"), on_delete=models.PROTECT, related_name="resolutions")
    poll = models.OneToOneField(
        Poll, verbose_name=_("biểu quyết"), null=True, blank=True, on_delete=models.PROTECT, related_name="resolution"
    )
    kind = models.CharField(
        _("loại nghị quyết"), max_length=16, choices=ResolutionKind.choices, default=ResolutionKind.ORDINARY
    )
    category = models.ForeignKey(
        ResolutionCategory,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    year = models.PositiveSmallIntegerField(_("năm đánh số"), null=True, blank=True)
    serial = models.PositiveIntegerField(_("số thứ tự"), null=True, blank=True)
    number = models.CharField(_("số hiệu"), max_length=40, blank=True)
    title = models.CharField(_("trích yếu"), max_length=400)
    text = models.TextField(_("nội dung"), blank=True)
    document = models.FileField(_("văn bản"), upload_to="resolutions/%Y/", blank=True)
    signed_document = models.FileField(_("văn bản đã ký"), upload_to="resolutions/signed/", max_length=200, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ResolutionStatus.choices, default=ResolutionStatus.DRAFT
    )
    adopted_on = models.DateField(
        _("ngày thông qua"), null=True, blank=True, help_text=_("Ngày của phiên họp đã thông qua nghị quyết.")
    )
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("nghị quyết")
        verbose_name_plural = _("nghị quyết")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "kind", "year", "serial"],
                condition=Q(serial__isnull=False),
                name="resolution_serial_unique_per_council_kind_year",
            ),
            models.CheckConstraint(condition=Q(status__in=ResolutionStatus.values), name="resolution_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=ResolutionKind.values), name="resolution_kind_valid"),
            models.CheckConstraint(
                condition=~Q(status=ResolutionStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="resolution_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(serial__isnull=True, number="")
                | Q(serial__gte=1, year__isnull=False, status__in=NUMBERED_STATUSES),
                name="resolution_numbered_only_when_adopted",
            ),
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True) | Q(adopted_on__isnull=False, effective_on__gte=F("adopted_on")),
                name="resolution_effective_after_adoption",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or '—'} — {self.title}"
