"""`GET /healthz`: is this bot ready to answer? For container health checks and probes.

Ready means: a knowledge base is loaded, the Bot API answered recently (when it has not
for a minute, a getMe asks it, at most every few seconds), and the journal can be
written. 200 with the checks as JSON when all hold, 503 with the same JSON when one
does not. A tiny HTTP server of its own on `telegram.health.listen:port` (off unless a
port is set), in polling and in webhook mode alike: the webhook port belongs to
Telegram's POSTs and the reverse proxy in front of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.adapters.telegram.journal import Journal

_LOGGER = logging.getLogger(__name__)

FRESH_SECONDS = 60.0  # a Bot API answer this recent needs no new probe
RETRY_SECONDS = 5.0  # a failed probe is not repeated sooner
PROBE_TIMEOUT_SECONDS = 5.0
MAX_REQUEST_BYTES = 4096


class HealthCheck:
    def __init__(
        self,
        probe: Callable[[], Awaitable[Any]],
        journal: Journal | None,
        findings: Callable[[], int],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._probe = probe
        self._journal = journal
        self._findings = findings
        self._clock = clock
        self._answered_at: float | None = None
        self._tried_at: float | None = None

    async def report(self) -> tuple[bool, dict[str, Any]]:
        checks: dict[str, Any] = {
            "knowledge": self._findings() > 0,
            "bot_api": await self._bot_api(),
            "journal": self._journal.writable() if self._journal is not None else "off",
        }
        ready = all(value is not False for value in checks.values())
        if self._journal is not None:
            checks["open_updates"] = self._journal.counts()[0]
        return ready, {"status": "ok" if ready else "unavailable", **checks}

    async def _bot_api(self) -> bool:
        now = self._clock()
        if self._answered_at is not None and now - self._answered_at < FRESH_SECONDS:
            return True
        if self._tried_at is not None and now - self._tried_at < RETRY_SECONDS:
            return False
        self._tried_at = now
        try:
            await asyncio.wait_for(self._probe(), PROBE_TIMEOUT_SECONDS)
        except Exception as error:  # down, refused, slow: not ready, whatever the cause
            _LOGGER.info("Health check: the Bot API did not answer (%s)", type(error).__name__)
            return False
        self._answered_at = self._clock()
        return True


async def serve_health(check: HealthCheck, host: str, port: int) -> asyncio.Server:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
            writer.close()
            return
        method, _, rest = head.decode("latin-1").partition(" ")
        path = rest.split(" ", 1)[0]
        if method in ("GET", "HEAD") and path == "/healthz":
            ready, body = await check.report()
            status = "200 OK" if ready else "503 Service Unavailable"
            payload = json.dumps(body).encode()
        else:
            status, payload = "404 Not Found", b'{"status": "not found"}'
        writer.write(
            f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode()
            + (payload if method != "HEAD" else b"")
        )
        with contextlib.suppress(ConnectionError):
            await writer.drain()
        writer.close()

    return await asyncio.start_server(answer, host, port, limit=MAX_REQUEST_BYTES)
