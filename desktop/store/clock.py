"""Hybrid logical clock: wall-clock milliseconds in the high bits, a counter in the low 16.

Ordering operations by ``(hlc, origin)`` respects causality (an op made after receiving another always
sorts after it) even when device clocks disagree, and is total because origins differ.
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNTER_BITS = 16
_COUNTER_MASK = (1 << COUNTER_BITS) - 1


def physical_ms(hlc: int) -> int:
    return hlc >> COUNTER_BITS


def pack(ms: int, counter: int) -> int:
    return (ms << COUNTER_BITS) | counter


class HybridClock:
    def __init__(self, last: int = 0, wall_ms: Callable[[], int] | None = None) -> None:
        self.last = last
        self._wall_ms = wall_ms or (lambda: int(time.time() * 1000))

    def tick(self) -> int:
        """A new timestamp for a local event, greater than every one seen so far."""
        now = self._wall_ms()
        last_ms, counter = physical_ms(self.last), self.last & _COUNTER_MASK
        if now > last_ms:
            self.last = pack(now, 0)
        elif counter < _COUNTER_MASK:
            self.last = pack(last_ms, counter + 1)
        else:  # 65,536 events in one millisecond: borrow the next millisecond
            self.last = pack(last_ms + 1, 0)
        return self.last

    def observe(self, remote: int) -> None:
        """Take a received timestamp into account so later local events sort after it."""
        if remote > self.last:
            self.last = remote
