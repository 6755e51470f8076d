"""The per-session event log behind the realtime stream."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sessions_app.models.session import Session


class SessionStream(models.Model):
    """Counters of one session's stream. Locked while an event is appended, so ``seq`` is gap-free.

    ``last_public_seq`` numbers the public sub-stream separately: public clients see consecutive numbers
    and learn nothing from the internal events they do not receive."""

    session = models.OneToOneField(Session, primary_key=True, on_delete=models.CASCADE, related_name="stream")
    last_seq = models.BigIntegerField(default=0)
    last_public_seq = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("luồng sự kiện kỳ họp")
        verbose_name_plural = _("luồng sự kiện kỳ họp")


class StreamEvent(models.Model):
    """An event as sent to council members (``frame``) and, when it has a public form, to everyone
    (``public_frame``). Both are complete frames ``{seq, type, ts, data, patch}``."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="stream_events")
    seq = models.BigIntegerField()
    public_seq = models.BigIntegerField(null=True, blank=True)
    type = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    frame = models.JSONField()
    public_frame = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("sự kiện trực tiếp")
        verbose_name_plural = _("sự kiện trực tiếp")
        ordering = ["session", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="stream_event_seq_unique"),
            models.UniqueConstraint(fields=["session", "public_seq"], name="stream_event_public_seq_unique"),
            models.CheckConstraint(
                condition=Q(public_seq__isnull=True, public_frame__isnull=True)
                | Q(public_seq__isnull=False, public_frame__isnull=False),
                name="stream_event_public_pair",
            ),
        ]
