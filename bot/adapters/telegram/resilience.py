"""Bounded retries for Bot API calls, so an answer survives a short outage.

python-telegram-bot routes every Bot API call except getUpdates through the bot's rate
limiter, which makes the limiter the one place to retry: `RetryingLimiter` wraps the
optional `AIORateLimiter` (flood limits; it also waits out 429 RetryAfter) and retries
what is safe to retry:

- `RetryAfter` (429) that got through, after the time Telegram asks for;
- 5xx answers and connection failures (`NetworkError`), with exponential backoff.

It does not retry `TimedOut`: the request may have reached Telegram, and sending an
answer twice is worse than the error reply. Nor `BadRequest` (a `NetworkError`
subclass in python-telegram-bot): retrying cannot fix a bad request.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

_LOGGER = logging.getLogger(__name__)

Result = bool | JSONDict | list[JSONDict]
ApiCall = Callable[..., Coroutine[Any, Any, Result]]


class RetryingLimiter(BaseRateLimiter[int]):
    def __init__(
        self,
        inner: BaseRateLimiter[int] | None,
        max_retries: int,
        first_backoff: float = 0.5,
        max_backoff: float = 8.0,
    ) -> None:
        self._inner = inner
        self._max_retries = max_retries
        self._first_backoff = first_backoff
        self._max_backoff = max_backoff

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
        backoff = self._first_backoff
        for attempt in range(self._max_retries + 1):
            try:
                return await self._call(callback, args, kwargs, endpoint, data, rate_limit_args)
            except RetryAfter as error:
                if attempt == self._max_retries:
                    raise
                # The public `retry_after` warns in v22 unless PTB_TIMEDELTA is set.
                delay = error._retry_after.total_seconds() + 0.1
            except (TimedOut, BadRequest):
                raise
            except NetworkError as error:
                if attempt == self._max_retries:
                    raise
                delay, backoff = backoff, min(backoff * 2, self._max_backoff)
                _LOGGER.info(
                    "Bot API %s failed (%s), retry %d of %d in %.1fs",
                    endpoint,
                    type(error).__name__,
                    attempt + 1,
                    self._max_retries,
                    delay,
                )
            await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _call(
        self,
        callback: ApiCall,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        if self._inner is None:
            return await callback(*args, **kwargs)
        return await self._inner.process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
