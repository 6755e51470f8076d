"""The server-owned clock shared by speeches and question steps.

A timed turn stores its allowance, the start of the current run and the milliseconds spoken before it.
Screens get deadlines (absolute timestamps) or, while paused, the remaining milliseconds — never ticks —
so every screen shows the same countdown and a reconnecting client shows the right time at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimedTurn(models.Model):
    allowed_seconds = models.PositiveIntegerField(_("thời gian cho phép (giây)"), default=0)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    run_started_at = models.DateTimeField(_("lượt chạy hiện tại từ"), null=True, blank=True)
    elapsed_ms = models.PositiveBigIntegerField(_("đã dùng trước lượt chạy (ms)"), default=0)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        abstract = True

    def spoken_ms(self, now: dt.datetime) -> int:
        """Milliseconds used so far, counting the current run."""
        if self.run_started_at is None:
            return self.elapsed_ms
        return self.elapsed_ms + max(0, int((now - self.run_started_at).total_seconds() * 1000))

    def deadline(self) -> dt.datetime | None:
        """When the allowance runs out, while the clock runs; None while paused or finished."""
        if self.run_started_at is None:
            return None
        return self.run_started_at + dt.timedelta(milliseconds=self.allowed_seconds * 1000 - self.elapsed_ms)

    def remaining_ms(self) -> int:
        """Milliseconds left when paused (negative once over time)."""
        return self.allowed_seconds * 1000 - self.elapsed_ms

    def clock_state(self) -> dict[str, Any]:
        deadline = self.deadline()
        return {
            "allowed_seconds": self.allowed_seconds,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "run_started_at": self.run_started_at.isoformat() if self.run_started_at else None,
            "deadline": deadline.isoformat() if deadline else None,
            "paused_remaining_ms": self.remaining_ms()
            if self.run_started_at is None and self.ended_at is None and self.started_at is not None
            else None,
            "elapsed_ms": self.elapsed_ms,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
        }

    def clock_start(self, now: dt.datetime, allowed_seconds: int) -> None:
        self.allowed_seconds = allowed_seconds
        self.started_at = now
        self.run_started_at = now
        self.elapsed_ms = 0
        self.ended_at = None

    def clock_pause(self, now: dt.datetime) -> None:
        self.elapsed_ms = self.spoken_ms(now)
        self.run_started_at = None

    def clock_resume(self, now: dt.datetime) -> None:
        self.run_started_at = now

    def clock_stop(self, now: dt.datetime) -> None:
        self.elapsed_ms = self.spoken_ms(now)
        self.run_started_at = None
        self.ended_at = now
