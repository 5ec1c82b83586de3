"""Fixtures: a fake Bot API server and the real Application pointed at it."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.telegram.app import TelegramApp, build_application, polling_arguments
from bot.config import Config
from bot.engine import Engine
from bot.knowledge import load_knowledge
from tests.telegram.fake_api import FakeBotApi

# Shaped like a real token (id, colon, 35 characters), so the log filter has to work
# for it, but never valid anywhere.
TOKEN = "123456789:AAFakeTokenForTestsOnly_x1y2z3w4v5u"


@pytest.fixture(scope="session")
def engine() -> Engine:
    config = Config()
    return Engine(load_knowledge(config.knowledge), config.engine)


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi(TOKEN) as api:
        yield api


def bot_config(api: FakeBotApi, **telegram: Any) -> Config:
    """A config for the fake server; `telegram` overrides options of that section."""
    # Each bot its own journal: the fake API numbers updates from 1 every time.
    journal = Path(tempfile.mkdtemp(prefix="survey-bot-journal-")) / "journal.sqlite3"
    settings: dict[str, Any] = {
        "token": TOKEN,
        "base_url": api.base_url,
        "journal_file": journal,
        **telegram,
    }
    return Config.model_validate({"telegram": settings})


@contextlib.asynccontextmanager
async def running(
    application: TelegramApp, *, webhook: dict[str, Any] | None = None
) -> AsyncIterator[TelegramApp]:
    """Run the application the way `run_polling`/`run_webhook` do, on the test's loop:
    initialize, post_init, updater, start ... stop, post_stop, shutdown."""
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        assert application.updater is not None
        if webhook is None:
            await application.updater.start_polling(poll_interval=0, **polling_arguments())
        else:
            await application.updater.start_webhook(**webhook)
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
            if application.post_stop:
                await application.post_stop(application)
    finally:
        await application.shutdown()


StartBot = Callable[..., contextlib.AbstractAsyncContextManager[TelegramApp]]


@pytest.fixture
def start_bot(fake_api: FakeBotApi, engine: Engine) -> StartBot:
    """`async with start_bot(**telegram_options) as app:` runs the real bot."""

    def start(
        engine_override: Engine | None = None, **telegram: Any
    ) -> contextlib.AbstractAsyncContextManager[TelegramApp]:
        config = bot_config(fake_api, **telegram)
        return running(build_application(config, engine_override or engine))

    return start


@pytest.fixture
def persistence_file(tmp_path: Path) -> Path:
    return tmp_path / "conversations.json"
