"""Requests to speak on an agenda item and the speeches they become."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agenda.models.clock import TimedTurn
from agenda.models.items import AgendaItem
from sessions_app.models import Person


class SpeechKind(models.TextChoices):
    DISCUSSION = "discussion", _("Thảo luận")
    DEBATE = "debate", _("Tranh luận")
    PROCEDURAL = "procedural", _("Thủ tục")


class SpeakerState(models.TextChoices):
    WAITING = "waiting", _("Đang chờ")
    SPEAKING = "speaking", _("Đang phát biểu")
    PAUSED = "paused", _("Tạm dừng")
    DONE = "done", _("Đã phát biểu")
    WITHDRAWN = "withdrawn", _("Đã rút")
    REMOVED = "removed", _("Thư ký đã loại")


ON_FLOOR = [SpeakerState.SPEAKING, SpeakerState.PAUSED]
OPEN_STATES = [SpeakerState.WAITING, SpeakerState.SPEAKING, SpeakerState.PAUSED]


class SpeakerRequest(TimedTurn):
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("mục chương trình"), on_delete=models.CASCADE, related_name="speaker_requests"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("đại biểu"), on_delete=models.PROTECT, related_name="speaker_requests"
    )
    kind = models.CharField(
        _("loại phát biểu"), max_length=16, choices=SpeechKind.choices, default=SpeechKind.DISCUSSION
    )
    state = models.CharField(_("trạng thái"), max_length=16, choices=SpeakerState.choices, default=SpeakerState.WAITING)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    requested_at = models.DateTimeField(_("đăng ký lúc"))

    class Meta:
        verbose_name = _("đăng ký phát biểu")
        verbose_name_plural = _("đăng ký phát biểu")
        ordering = ["item", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=[c.value for c in SpeechKind]), name="speaker_kind_valid"),
            models.CheckConstraint(condition=Q(state__in=[c.value for c in SpeakerState]), name="speaker_state_valid"),
            models.CheckConstraint(
                condition=(Q(state="speaking") & Q(run_started_at__isnull=False))
                | (~Q(state="speaking") & Q(run_started_at__isnull=True)),
                name="speaker_clock_runs_only_while_speaking",
            ),
            models.UniqueConstraint(
                fields=["item"], condition=Q(state__in=ON_FLOOR), name="speaker_one_on_floor_per_item"
            ),
            models.UniqueConstraint(
                fields=["item", "person"], condition=Q(state__in=OPEN_STATES), name="speaker_one_open_request_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.item}"
