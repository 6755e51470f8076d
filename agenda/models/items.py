"""The agenda of a session: a tree of sections and items, each with its presenter, sitting and state."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sessions_app.models import Person, Session, Sitting


class ItemKind(models.TextChoices):
    SECTION = "section", _("Phần")
    OPENING = "opening", _("Khai mạc")
    AGENDA_ADOPTION = "agenda_adoption", _("Thông qua chương trình")
    REPORT = "report", _("Báo cáo")
    DRAFT_RESOLUTION = "draft_resolution", _("Dự thảo nghị quyết")
    QUESTIONING = "questioning", _("Chất vấn")
    EXPLANATION = "explanation", _("Giải trình")
    ELECTION = "election", _("Bầu chức danh")
    CONFIDENCE_VOTE = "confidence_vote", _("Lấy phiếu tín nhiệm")
    DISCUSSION = "discussion", _("Thảo luận")
    CLOSING = "closing", _("Bế mạc")
    OTHER = "other", _("Khác")


class ItemState(models.TextChoices):
    PENDING = "pending", _("Chưa thực hiện")
    ACTIVE = "active", _("Đang thực hiện")
    DONE = "done", _("Đã xong")
    SKIPPED = "skipped", _("Bỏ qua")
    DEFERRED = "deferred", _("Hoãn")


class AgendaItem(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("kỳ họp"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    sitting = models.ForeignKey(
        Sitting,
        verbose_name=_("phiên họp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("thuộc mục"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=20, choices=ItemKind.choices, default=ItemKind.OTHER)
    title = models.CharField(_("tiêu đề"), max_length=300)
    description = models.TextField(_("nội dung"), blank=True)
    presenter_person = models.ForeignKey(
        Person,
        verbose_name=_("người trình bày (đại biểu)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_items",
    )
    presenter_official = models.ForeignKey(
        "agenda.Official",
        verbose_name=_("người trình bày (cán bộ)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_items",
    )
    presenter_name = models.CharField(_("người/cơ quan trình bày"), max_length=200, blank=True)
    planned_minutes = models.PositiveSmallIntegerField(_("thời lượng dự kiến (phút)"), null=True, blank=True)
    is_public = models.BooleanField(_("công khai"), default=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=ItemState.choices, default=ItemState.PENDING)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    deferred_from = models.ForeignKey(
        Sitting, verbose_name=_("hoãn từ phiên"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình kỳ họp")
        ordering = ["session", "parent_id", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=[c.value for c in ItemState]), name="agenda_item_state_valid"),
            models.CheckConstraint(condition=Q(kind__in=[c.value for c in ItemKind]), name="agenda_item_kind_valid"),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="agenda_item_not_own_parent"),
            models.UniqueConstraint(
                fields=["sitting"], condition=Q(state="active"), name="agenda_one_active_item_per_sitting"
            ),
            models.CheckConstraint(
                condition=~Q(state="active") | Q(sitting__isnull=False), name="agenda_active_item_has_sitting"
            ),
        ]

    def __str__(self) -> str:
        return self.title
