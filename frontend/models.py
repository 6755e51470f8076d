"""What the hall display of a session shows, set from the console: follow the sitting, hold a result,
show only the current item, the council's emblem, or nothing."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DisplayMode(models.TextChoices):
    LIVE = "live", _("Tự động theo diễn biến")
    HOLD = "hold", _("Giữ kết quả đang chiếu")
    ITEM = "item", _("Chỉ nội dung đang thảo luận")
    LOGO = "logo", _("Biểu trưng")
    BLANK = "blank", _("Màn hình trống")


class HallDisplay(models.Model):
    session = models.OneToOneField(
        "sessions_app.Session", on_delete=models.CASCADE, related_name="hall_display", verbose_name=_("kỳ họp")
    )
    mode = models.CharField(_("chế độ"), max_length=8, choices=DisplayMode.choices, default=DisplayMode.LIVE)
    held_poll = models.ForeignKey(
        "voting.Poll",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kết quả được giữ"),
    )
    access_key_hash = models.CharField(_("mã liên kết trình chiếu (băm)"), max_length=64, blank=True, db_index=True)
    access_issued_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("màn hình hội trường")
        constraints = [
            models.CheckConstraint(condition=Q(mode__in=DisplayMode.values), name="hall_display_mode_known"),
            models.CheckConstraint(
                condition=~Q(mode=DisplayMode.HOLD) | Q(held_poll__isnull=False), name="hall_display_hold_has_poll"
            ),
        ]
