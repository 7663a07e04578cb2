"""Per-key request rate limit: a sliding one-minute window in this server process.

Default 120 requests a minute (``--rate-limit``), a key may carry its own. Every
authenticated response gets ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and
``X-RateLimit-Reset`` (seconds until a slot frees); a request over the limit gets 429
``RATE_LIMIT_EXCEEDED`` with ``Retry-After`` (whole seconds, as the SDK parses it).
"""
from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable

WINDOW_S = 60.0


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    used: int
    remaining: int
    reset_in_s: int  # until the oldest request in the window leaves it

    def headers(self) -> dict[str, str]:
        values = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_in_s),
        }
        if not self.allowed:
            values["Retry-After"] = str(max(1, self.reset_in_s))
        return values


class RateLimiter:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._hits: dict[int, deque[float]] = {}
        self._lock = threading.Lock()

    def _window(self, key_id: int, now: float) -> deque[float]:
        hits = self._hits.setdefault(key_id, deque())
        while hits and hits[0] <= now - WINDOW_S:
            hits.popleft()
        return hits

    def _decision(self, hits: deque[float], limit: int, now: float, allowed: bool) -> Decision:
        reset = math.ceil(hits[0] + WINDOW_S - now) if hits else 0
        return Decision(allowed, limit, len(hits), max(0, limit - len(hits)), max(0, reset))

    def hit(self, key_id: int, limit: int) -> Decision:
        """Count one request unless the window is full."""
        with self._lock:
            now = self._clock()
            hits = self._window(key_id, now)
            if len(hits) >= limit:
                return self._decision(hits, limit, now, allowed=False)
            hits.append(now)
            return self._decision(hits, limit, now, allowed=True)

    def peek(self, key_id: int, limit: int) -> Decision:
        """The window's state without using a slot (GET /usage/rate-limits)."""
        with self._lock:
            now = self._clock()
            hits = self._window(key_id, now)
            return self._decision(hits, limit, now, allowed=len(hits) < limit)
