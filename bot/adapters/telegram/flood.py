"""A per-user flood guard: more than N messages a minute get one "slow down", then silence.

Telegram limits what the bot may send, not what people send it; someone pasting
questions in a loop would otherwise make the bot flood the chat (and its own send
budget) with answers.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

WINDOW_SECONDS = 60.0


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # the first message over the limit: say "slow down" once
    DROP = "drop"  # further messages while over the limit: ignore


@dataclass
class _UserWindow:
    arrivals: deque[float] = field(default_factory=deque)
    warned: bool = False


class FloodGuard:
    """Sliding one-minute window per user, remembering at most `max_users` users (LRU)."""

    def __init__(
        self,
        messages_per_minute: int,
        max_users: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limit = messages_per_minute
        self._max_users = max_users
        self._clock = clock
        self._users: OrderedDict[int, _UserWindow] = OrderedDict()

    def check(self, user_id: int) -> Verdict:
        """Count one message of `user_id` and say what to do with it."""
        now = self._clock()
        window = self._window_of(user_id)
        while window.arrivals and window.arrivals[0] <= now - WINDOW_SECONDS:
            window.arrivals.popleft()
        if len(window.arrivals) < self._limit:
            window.arrivals.append(now)
            window.warned = False
            return Verdict.ALLOW
        # Dropped messages are not counted, so the user is back as soon as the
        # allowed ones age out of the window.
        if window.warned:
            return Verdict.DROP
        window.warned = True
        return Verdict.WARN

    def _window_of(self, user_id: int) -> _UserWindow:
        window = self._users.get(user_id)
        if window is None:
            window = self._users[user_id] = _UserWindow()
            if len(self._users) > self._max_users:
                self._users.popitem(last=False)
        else:
            self._users.move_to_end(user_id)
        return window
