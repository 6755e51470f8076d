"""A token bucket per socket: bursts up to ``capacity`` commands, refilled at ``capacity`` per 10 seconds."""

from __future__ import annotations

import time


class TokenBucket:
    def __init__(self, capacity: int, per_seconds: float = 10.0) -> None:
        self.capacity = float(capacity)
        self.rate = capacity / per_seconds
        self.tokens = float(capacity)
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def wait_seconds(self) -> int:
        """Whole seconds until the next command is accepted (at least 1)."""
        return max(1, int((1 - self.tokens) / self.rate + 0.999))
