"""Retries for Bot API calls, so an answer survives an outage.

python-telegram-bot routes every Bot API call except getUpdates through the bot's rate
limiter, which makes the limiter the one place to retry: `RetryingLimiter` wraps the
optional `AIORateLimiter` (flood limits; it also waits out 429 RetryAfter) and retries
what is safe to retry:

- `RetryAfter` (429) that got through, after the time Telegram asks for;
- 5xx answers, connection failures and timeouts before the request was sent
  (`NetworkError`), with exponential backoff.

A reply of an update in the journal (`bot.adapters.telegram.journal`) is retried until
it is delivered or the update's delivery deadline passes, and marked delivered, so a
restart does not send it again; other calls get `max_retries`. Neither is retried after
a read timeout (Telegram may have the request and be slow to say so: sending it again
would double it), nor after `BadRequest` (a `NetworkError` subclass in
python-telegram-bot): retrying cannot fix a bad request.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram._utils.types import JSONDict
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

from bot.adapters.telegram.journal import IN_FLIGHT, InFlight, Journal

_LOGGER = logging.getLogger(__name__)

Result = bool | JSONDict | list[JSONDict]
ApiCall = Callable[..., Coroutine[Any, Any, Result]]
Attempt = Callable[[], Coroutine[Any, Any, Result]]  # one try of a bound call

# Between tries of a reply that must get through: long enough not to hammer a Bot API
# that is down, short enough that people get their answers soon after it is back.
MAX_DELIVERY_BACKOFF = 15.0
# What a person sees: retried until delivered. Button toasts and inline results are
# worthless after a few seconds (Telegram refuses them then) and get the bounded retries.
DURABLE_METHODS = frozenset({"sendMessage", "sendPhoto", "editMessageText"})
# How often a wait between tries looks whether the bot is stopping.
STOP_CHECK_SECONDS = 0.25


class StoppingError(NetworkError):
    """The bot stopped while a reply was still being retried: the update stays open in
    the journal and is answered after the restart."""


class RetryingLimiter(BaseRateLimiter[int]):
    def __init__(
        self,
        inner: BaseRateLimiter[int] | None,
        max_retries: int,
        first_backoff: float = 0.5,
        max_backoff: float = 8.0,
        journal: Journal | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._inner = inner
        self._max_retries = max_retries
        self._first_backoff = first_backoff
        self._max_backoff = max_backoff
        self._journal = journal
        self._clock = clock
        self._running: Callable[[], bool] = lambda: True

    def watch(self, running: Callable[[], bool]) -> None:
        """Where to see whether the bot is still running (its Application)."""
        self._running = running

    async def initialize(self) -> None:
        if self._inner:
            await self._inner.initialize()

    async def shutdown(self) -> None:
        if self._inner:
            await self._inner.shutdown()

    async def process_request(
        self,
        callback: ApiCall,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        def attempt() -> Coroutine[Any, Any, Result]:
            if self._inner is None:
                return callback(*args, **kwargs)
            return self._inner.process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )

        flight = IN_FLIGHT.get()
        if self._journal is None or flight is None or endpoint not in DURABLE_METHODS:
            return await self._with_retries(attempt, endpoint)
        call = flight.next_call()
        earlier = self._journal.delivered(flight.update_id, call)
        if earlier is not None:  # delivered before a restart: not again
            result: Result = json.loads(earlier)
            return result
        result = await self._until_delivered(attempt, endpoint, flight)
        self._journal.mark_delivered(flight.update_id, call, json.dumps(result))
        return result

    async def _with_retries(self, attempt: Attempt, endpoint: str) -> Result:
        backoff = self._first_backoff
        for tried in range(self._max_retries + 1):
            try:
                return await attempt()
            except (NetworkError, RetryAfter) as error:
                delay = _retry_delay(error, backoff)
                if delay is None or tried == self._max_retries:
                    raise
                backoff = min(backoff * 2, self._max_backoff)
                _LOGGER.info(
                    "Bot API %s failed (%s), retry %d of %d in %.1fs",
                    endpoint,
                    type(error).__name__,
                    tried + 1,
                    self._max_retries,
                    delay,
                )
            await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _until_delivered(self, attempt: Attempt, endpoint: str, flight: InFlight) -> Result:
        backoff = self._first_backoff
        while True:
            try:
                return await attempt()
            except (NetworkError, RetryAfter) as error:
                delay = _retry_delay(error, backoff)
                if delay is None:
                    if isinstance(error, TimedOut):
                        _LOGGER.warning(
                            "Bot API %s for update %d timed out after it was sent; not sent "
                            "again (it may have arrived)",
                            endpoint,
                            flight.update_id,
                        )
                    raise
                backoff = min(backoff * 2, MAX_DELIVERY_BACKOFF)
                if self._clock() + delay > flight.deadline:
                    _LOGGER.error(
                        "Gave up delivering a reply to update %d: the Bot API kept failing "
                        "(%s) until its delivery deadline",
                        flight.update_id,
                        type(error).__name__,
                    )
                    raise
                if not flight.warned:
                    flight.warned = True
                    _LOGGER.warning(
                        "Bot API %s for update %d failed (%s); retrying until it is delivered",
                        endpoint,
                        flight.update_id,
                        type(error).__name__,
                    )
            await self._wait(delay, flight)

    async def _wait(self, delay: float, flight: InFlight) -> None:
        """Sleep `delay` seconds, unless the bot stops meanwhile: then the update is left
        open for the next start instead of holding up the shutdown."""
        end = self._clock() + delay
        while True:
            if not self._running():
                flight.deferred = True
                raise StoppingError("the bot is stopping; the update is answered after the restart")
            left = end - self._clock()
            if left <= 0:
                return
            await asyncio.sleep(min(left, STOP_CHECK_SECONDS))


def _retry_delay(error: NetworkError | RetryAfter, backoff: float) -> float | None:
    """How long to wait before trying again, or None if it must not be tried again."""
    if isinstance(error, RetryAfter):
        # The public `retry_after` warns in v22 unless PTB_TIMEDELTA is set.
        return error._retry_after.total_seconds() + 0.1
    if isinstance(error, BadRequest | StoppingError):
        return None
    if isinstance(error, TimedOut):
        # Only a timeout before the request went out is safe to repeat.
        unsent = isinstance(error.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout)
        return backoff if unsent else None
    return backoff
