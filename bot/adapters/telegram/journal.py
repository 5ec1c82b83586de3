"""The durable journal: every update answered, once, through crashes and outages.

An update is written to a local SQLite database (WAL) before Telegram hears that it
arrived: in polling mode python-telegram-bot fetches the next batch, which confirms
this one, only after `JournalingQueue.put` returned for each of its updates; in webhook
mode it answers the POST with 200 only after that. An update stays *open* until its
handler has finished, and every reply it sends is marked delivered as it goes. After a
crash the open updates are handled again: replies already delivered are not sent
again, the others are (the handler makes them anew from the update, so no reply text
is kept on disk).

What happens when it is unclear whether Telegram got a reply:
- the process died while a send was on its way: the reply is sent again after the
  restart (at least once: only the few sends in flight at that instant can arrive twice);
- Telegram answered too late (a read timeout after the request was sent): the reply
  is not sent again (at most once: Telegram had the request, it answered slowly) and
  no apology follows; it is logged once.

Personal data stays only while it is needed: an update's JSON (names, chat ids, the
question) is deleted when the update is finished, together with its delivery marks;
what remains is its id and time, to recognise a redelivered update, pruned after the
delivery deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
import os
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import SimpleUpdateProcessor

from bot.private_files import create_private

_LOGGER = logging.getLogger(__name__)

SCHEMA_VERSION = 1
WAL_SIZE_LIMIT = 8 * 1024 * 1024
PAGE_SIZE = 1024
CHECKPOINT_SECONDS = 1.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS updates (
    update_id INTEGER PRIMARY KEY,
    received REAL NOT NULL,
    payload TEXT          -- the update as JSON while it is open; NULL once finished
);
CREATE TABLE IF NOT EXISTS delivered (
    update_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,  -- the n-th Bot API call the update's handler made
    result TEXT NOT NULL,  -- what the Bot API answered, handed back on a second run
    PRIMARY KEY (update_id, seq)
);
"""


def journal_path(setting: Path | str, token: str) -> Path | None:
    """Where the journal is: the configured file, or for "auto" one per bot (update ids
    are the bot's own) in the user's state folder; None when it is off."""
    if isinstance(setting, Path):
        return setting
    if setting == "off":
        return None
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    bot_id = token.split(":", 1)[0]  # the public part of the token
    return Path(state) / "survey-bot" / f"journal-{bot_id}.sqlite3"


class JournalError(Exception):
    """The journal cannot be opened or written: one line for the operator."""


class Journal:
    """The SQLite file. Each write is one short transaction; WAL with synchronous=NORMAL
    survives a crash of the bot (a power cut may lose the last few updates).

    In WAL mode a commit does not sync to disk; a checkpoint does, twice. SQLite runs
    one by itself every 1,000 pages, inside whichever commit crosses the mark: on the
    event loop, where each sync held up every chat (a quarter of the throughput). So
    automatic checkpoints are off and the bot calls `checkpoint` from a worker thread
    every second, on a connection of its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            create_private(path)  # SQLite gives its -wal and -shm files this mode
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            # Small pages: every commit writes whole pages to the WAL, and a journal row
            # is a few hundred bytes (4 KB pages wrote 24 KB an update).
            self._db.execute(f"PRAGMA page_size={PAGE_SIZE}")
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA wal_autocheckpoint=0")
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self._checkpointer = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False
            )
            self._checkpointer.execute("PRAGMA synchronous=NORMAL")
            # After a checkpoint the WAL file is cut back to this, not left at its peak.
            self._checkpointer.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        except (OSError, sqlite3.Error) as error:
            raise JournalError(f"cannot use the journal {path}: {_reason(error)}") from error

    def checkpoint(self) -> None:
        """Copy the WAL into the database and sync (call it off the event loop)."""
        try:
            self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error as error:  # busy or a full disk: the next one catches up
            _LOGGER.warning("Journal checkpoint failed: %s", error)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._checkpointer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._checkpointer.close()
        self._db.close()

    def record(self, update_id: int, payload: str, now: float) -> bool:
        """Journal an update; False if it is known already (a redelivery)."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO updates (update_id, received, payload) VALUES (?, ?, ?)",
            (update_id, now, payload),
        )
        return cursor.rowcount == 1

    def received(self, update_id: int) -> float | None:
        row = self._db.execute(
            "SELECT received FROM updates WHERE update_id = ?", (update_id,)
        ).fetchone()
        return float(row[0]) if row else None

    def open_updates(self) -> Iterator[tuple[int, float, str]]:
        """The updates not finished, oldest first."""
        yield from self._db.execute(
            "SELECT update_id, received, payload FROM updates "
            "WHERE payload IS NOT NULL ORDER BY update_id"
        )

    def finish(self, update_id: int, sent: bool = True) -> None:
        """The update is answered: its JSON and delivery marks go (`sent`: it may have
        marks)."""
        if not sent:
            self._db.execute("UPDATE updates SET payload = NULL WHERE update_id = ?", (update_id,))
            return
        with self._transaction():
            self._db.execute("UPDATE updates SET payload = NULL WHERE update_id = ?", (update_id,))
            self._db.execute("DELETE FROM delivered WHERE update_id = ?", (update_id,))

    def delivered(self, update_id: int, seq: int) -> str | None:
        row = self._db.execute(
            "SELECT result FROM delivered WHERE update_id = ? AND seq = ?", (update_id, seq)
        ).fetchone()
        return str(row[0]) if row else None

    def mark_delivered(self, update_id: int, seq: int, result: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO delivered (update_id, seq, result) VALUES (?, ?, ?)",
            (update_id, seq, result),
        )

    def prune(self, before: float) -> int:
        """Forget finished updates received before `before`; how many."""
        cursor = self._db.execute(
            "DELETE FROM updates WHERE payload IS NULL AND received < ?", (before,)
        )
        return cursor.rowcount

    def counts(self) -> tuple[int, int]:
        """(open updates, all rows): for the health check and the docs."""
        open_, total = self._db.execute("SELECT COUNT(payload), COUNT(*) FROM updates").fetchone()
        return int(open_), int(total)

    def writable(self) -> bool:
        try:
            with self._transaction():
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.Error:
            return False
        return True

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN")

    def __exit__(self, kind: object, *_: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


@dataclass
class InFlight:
    """The update a handler is answering, as the sends it makes see it."""

    update_id: int
    deadline: float  # give up delivering its replies after this (time.time())
    calls: int = 0
    deferred: bool = False  # the bot stopped before it was done: handled again next start
    warned: bool = False  # its delivery trouble was logged

    def next_call(self) -> int:
        self.calls += 1
        return self.calls


IN_FLIGHT: contextvars.ContextVar[InFlight | None] = contextvars.ContextVar(
    "survey_bot_in_flight", default=None
)


class JournalingQueue(asyncio.Queue[object]):
    """python-telegram-bot's update queue, journaling each update before it returns
    (so before Telegram is told it arrived). A redelivered update is dropped."""

    def __init__(self, journal: Journal, clock: Callable[[], float] = time.time) -> None:
        super().__init__()
        self._journal = journal
        self._clock = clock

    def put_nowait(self, item: object) -> None:
        # `put` comes here too (the queue is unbounded: it never waits).
        if self._journaled(item):
            super().put_nowait(item)

    def resume(self, update: Update) -> None:
        """Queue an update found open in the journal at start-up."""
        super().put_nowait(update)

    def _journaled(self, item: object) -> bool:
        if not isinstance(item, Update):
            return True  # python-telegram-bot's own stop signal
        return self._journal.record(item.update_id, item.to_json(), self._clock())


class JournaledProcessor(SimpleUpdateProcessor):
    """Runs each update's handlers with its `InFlight` in context, and finishes the
    update in the journal once they are done (unless the bot stopped first)."""

    def __init__(
        self,
        max_concurrent_updates: int,
        journal: Journal,
        deadline_seconds: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._journal = journal
        self._deadline = deadline_seconds
        self._clock = clock

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not isinstance(update, Update):
            await coroutine
            return
        received = self._journal.received(update.update_id) or self._clock()
        flight = InFlight(update.update_id, received + self._deadline)
        token = IN_FLIGHT.set(flight)
        try:
            await coroutine
        finally:
            IN_FLIGHT.reset(token)
        if not flight.deferred:
            self._journal.finish(update.update_id, sent=flight.calls > 0)


def resume_open_updates(
    journal: Journal,
    queue: JournalingQueue,
    decode: Callable[[dict[str, Any]], Update | None],
    deadline_seconds: float,
    now: float,
) -> tuple[int, int]:
    """Queue the updates a previous run left open; those past the deadline are
    finished unanswered. (resumed, expired)."""
    resumed = expired = 0
    for update_id, received, payload in list(journal.open_updates()):
        update = decode(json.loads(payload))
        if update is None or now > received + deadline_seconds:
            journal.finish(update_id)
            expired += 1
            continue
        queue.resume(update)
        resumed += 1
    return resumed, expired
