"""The journal's parts: what it keeps and for how long, the files it makes, when a
reply is tried again, and the start-up checks of every file the bot writes."""

from __future__ import annotations

import asyncio
import stat
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from telegram import Update
from telegram.error import NetworkError, TimedOut

from bot.adapters.telegram.journal import (
    IN_FLIGHT,
    InFlight,
    Journal,
    JournalError,
    JournalingQueue,
    journal_path,
    resume_open_updates,
)
from bot.adapters.telegram.resilience import RetryingLimiter, StoppingError
from bot.adapters.telegram.run import EXIT_CONFIG, run_bot
from bot.config import Config, TelegramConfig
from tests.telegram import fake_api as tg
from tests.telegram.conftest import TOKEN


def _update(update_id: int) -> Update:
    return Update.de_json({**tg.message("a question"), "update_id": update_id}, None)


def test_an_update_is_kept_while_open_and_only_its_id_once_finished(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    assert journal.record(1, '{"update_id": 1}', now=100.0)
    assert not journal.record(1, '{"update_id": 1}', now=101.0)  # a redelivery
    journal.mark_delivered(1, 1, '{"message_id": 5}')
    assert journal.delivered(1, 1) == '{"message_id": 5}'
    assert [u for u, _, _ in journal.open_updates()] == [1]
    journal.finish(1)
    # What the person wrote and what was sent are gone; the id still recognises a
    # redelivery until it is pruned.
    assert list(journal.open_updates()) == [] and journal.delivered(1, 1) is None
    assert not journal.record(1, "{}", now=102.0)
    assert journal.prune(before=100.5) == 1
    assert journal.counts() == (0, 0)


def test_the_journal_and_its_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "state" / "journal.sqlite3"
    journal = Journal(path)
    journal.record(1, "{}", now=1.0)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for made in path.parent.iterdir():  # the database, its -wal and -shm files
        assert stat.S_IMODE(made.stat().st_mode) == 0o600, made
    journal.close()


def test_an_unusable_journal_path_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(JournalError) as raised:
        Journal(blocker / "journal.sqlite3")
    message = str(raised.value)
    assert "\n" not in message and str(blocker) in message


def test_auto_is_one_journal_per_bot_in_the_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    path = journal_path("auto", TOKEN)
    assert path == tmp_path / "survey-bot" / "journal-123456789.sqlite3"
    assert TOKEN.split(":")[1] not in str(path)
    assert journal_path("off", TOKEN) is None
    assert journal_path(tmp_path / "j", TOKEN) == tmp_path / "j"


async def test_a_redelivered_update_is_queued_once(tmp_path: Path) -> None:
    queue = JournalingQueue(Journal(tmp_path / "j.sqlite3"))
    await queue.put(_update(7))
    await queue.put(_update(7))
    await queue.put("a stop signal")  # python-telegram-bot's own items pass through
    assert queue.qsize() == 2


def test_open_updates_resume_unless_past_the_deadline(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    for update_id, received in ((1, 0.0), (2, 5_000.0)):
        journal.record(update_id, _update(update_id).to_json(), now=received)
    queue = JournalingQueue(journal)

    def decode(raw: dict[str, Any]) -> Update | None:
        return Update.de_json(raw, None)

    assert resume_open_updates(journal, queue, decode, deadline_seconds=3600, now=6_000.0) == (1, 1)
    resumed = queue.get_nowait()
    assert isinstance(resumed, Update) and resumed.update_id == 2
    assert [u for u, _, _ in journal.open_updates()] == [2]


class _Api:
    """A Bot API call that fails as told, then succeeds; counts its tries."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.tries = 0

    async def __call__(self) -> dict[str, Any]:
        self.tries += 1
        if self.failures:
            raise self.failures.pop(0)
        return {"message_id": self.tries}


async def _send(limiter: RetryingLimiter, api: _Api, flight: InFlight) -> Any:
    token = IN_FLIGHT.set(flight)
    try:
        return await limiter.process_request(api, (), {}, "sendMessage", {}, None)
    finally:
        IN_FLIGHT.reset(token)


def _timeout(cause: Exception) -> TimedOut:
    error = TimedOut()
    error.__cause__ = cause
    return error


async def test_a_reply_is_tried_until_delivered_and_not_again_after_a_restart(
    tmp_path: Path,
) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    limiter = RetryingLimiter(None, max_retries=0, first_backoff=0.01, journal=journal)
    refused = _timeout(httpx.ConnectTimeout("refused"))  # never sent: safe to repeat
    api = _Api(NetworkError("502"), refused, NetworkError("502"))
    result = await _send(limiter, api, InFlight(1, deadline=time.time() + 60))
    assert api.tries == 4 and result == {"message_id": 4}
    # The same update handled again after a crash: the reply it made is not sent again.
    again = _Api()
    assert await _send(limiter, again, InFlight(1, deadline=time.time() + 60)) == result
    assert again.tries == 0


async def test_a_reply_that_timed_out_after_it_was_sent_is_not_sent_again(
    tmp_path: Path,
) -> None:
    limiter = RetryingLimiter(None, max_retries=5, journal=Journal(tmp_path / "j.sqlite3"))
    api = _Api(_timeout(httpx.ReadTimeout("slow")))
    with pytest.raises(TimedOut):
        await _send(limiter, api, InFlight(1, deadline=time.time() + 60))
    assert api.tries == 1


async def test_retrying_stops_at_the_deadline_and_when_the_bot_stops(tmp_path: Path) -> None:
    limiter = RetryingLimiter(
        None, max_retries=0, first_backoff=0.05, journal=Journal(tmp_path / "j.sqlite3")
    )
    late = _Api(*[NetworkError("502")] * 100)
    with pytest.raises(NetworkError):
        await _send(limiter, late, InFlight(1, deadline=time.time() + 0.2))
    assert 1 < late.tries < 100
    running = True
    limiter.watch(lambda: running)
    flight = InFlight(2, deadline=time.time() + 3600)
    sending = asyncio.create_task(_send(limiter, _Api(*[NetworkError("502")] * 100), flight))
    await asyncio.sleep(0.2)
    running = False
    with pytest.raises(StoppingError):
        await asyncio.wait_for(sending, 2)
    assert flight.deferred  # left open: answered after the restart


def _config(tmp_path: Path, **telegram: Any) -> Config:
    telegram = {"journal_file": tmp_path / "journal.sqlite3", **telegram}
    settings = TelegramConfig(
        token=SecretStr(TOKEN),
        base_url="http://127.0.0.1:9/bot",  # never reached: the checks come first
        **telegram,
    )
    return Config(telegram=settings)


@pytest.mark.parametrize("option", ["persistence_file", "journal_file", "misses_file"])
def test_a_file_the_bot_cannot_write_stops_it_at_start_up_in_one_line(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    unwritable = blocker / "data"
    if option == "misses_file":
        config = _config(tmp_path).model_copy(update={"misses_file": unwritable})
    else:
        config = _config(tmp_path, **{option: unwritable})
    assert run_bot(config) == EXIT_CONFIG
    [line] = capsys.readouterr().err.strip().splitlines()
    assert str(unwritable) in line and "cannot" in line


def test_checkpoints_are_left_to_the_worker_thread(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    journal = Journal(path)
    # A checkpoint inside a commit would sync on the event loop.
    assert journal._db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    for update_id in range(3000):
        journal.record(update_id, "{}" * 100, now=1.0)
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 1_000_000  # nothing was copied back by itself
    journal.checkpoint()
    journal.record(5000, "{}", now=1.0)
    journal.close()
    assert not wal.exists() or wal.stat().st_size == 0
    reopened = Journal(path)
    assert reopened.counts() == (3001, 3001)
    reopened.close()
