"""Wiring: a python-telegram-bot `Application` with the survey-bot handlers.

`build_application` is what both `survey-bot run` and the end-to-end tests use, so the
tests exercise the same Application the bot runs with, only pointed at a fake Bot API.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import signal
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.adapters.telegram.addressing import ADDRESSED_TO_BOT
from bot.adapters.telegram.conversations import ConversationStore
from bot.adapters.telegram.flood import FloodGuard
from bot.adapters.telegram.handlers import ChatHandlers
from bot.adapters.telegram.health import HealthCheck, serve_health
from bot.adapters.telegram.journal import (
    CHECKPOINT_SECONDS,
    Journal,
    JournaledProcessor,
    JournalingQueue,
    journal_path,
    resume_open_updates,
)
from bot.adapters.telegram.reload import Fingerprint, KnowledgeWatcher
from bot.adapters.telegram.resilience import RetryingLimiter
from bot.config import Config, TelegramConfig
from bot.engine import Engine
from bot.engine.phrases import phrase
from bot.knowledge.schema import LANGS, Lang
from bot.misses import MissLog
from bot.questions import QuestionLog, prune

_LOGGER = logging.getLogger(__name__)

TelegramApp = Application[Any, Any, Any, Any, Any, Any]

COMMANDS = ("start", "help", "topics", "source", "chart", "lang", "forget")
# The bot handles nothing else, so Telegram need not send anything else (edits,
# channel posts, reactions, ...). Handlers filter on update type as well.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
SAVE_INTERVAL_SECONDS = 30.0
PRUNE_INTERVAL_SECONDS = 24 * 3600.0
JOURNAL_PRUNE_SECONDS = 3600.0
# Telegram's flood limits (core.telegram.org/bots/faq): about 30 messages a second
# overall, 20 a minute per group. AIORateLimiter's leaky buckets let a full bucket
# through at once and then refill at the average rate, so "30 per 1 s" allows about 60
# in the first second and "20 per 60 s" about 40 in the first minute. Smaller buckets
# refilled at the same pace keep every sliding window within the limits:
# overall 1 at a time, refilled 30 times a second (at most 31 in any second);
# per group 5 at once, refilled 5 per 20 s (at most 5 + 15 = 20 in any minute).
OVERALL_BUCKET, OVERALL_REFILL_SECONDS = 1, 1 / 30
GROUP_BUCKET, GROUP_REFILL_SECONDS = 5, 20
RATE_LIMITER_RETRIES = 3
SPARE_CONNECTIONS = 8

# Only messages, not edits or channel posts: editing an old question should not
# produce a second answer, and channels are not conversations.
_NEW_MESSAGE = filters.UpdateType.MESSAGE


def build_application(
    config: Config, engine: Engine, loaded_from: Fingerprint | None = None
) -> TelegramApp:
    """The bot's Application; `loaded_from` is the knowledge folder's fingerprint
    taken before `engine` loaded it (edits since then are reloaded)."""
    settings = config.telegram
    if settings.token is None:
        raise ValueError("telegram.token is not set")
    conversations = _conversation_store(settings)
    handlers = ChatHandlers(
        engine,
        conversations,
        FloodGuard(settings.flood_messages_per_minute, max_users=settings.max_conversations),
        MissLog(config.misses_file) if config.misses_file else None,
        QuestionLog(config.questions_file) if config.questions_file else None,
    )
    watcher = (
        KnowledgeWatcher(
            config.knowledge, config.engine, handlers.serve, config.reload_seconds, loaded_from
        )
        if config.knowledge is not None
        else None
    )
    lifecycle = _Lifecycle(
        conversations,
        settings.persistence_file,
        config.engine.default_language,
        handlers.warm,
        watcher,
    )
    token = settings.token.get_secret_value()
    journal_file = journal_path(settings.journal_file, token)
    journal = Journal(journal_file) if journal_file is not None else None
    deadline = settings.delivery_deadline_hours * 3600
    if config.log_retention_days is not None:
        logs = [p for p in (config.misses_file, config.questions_file) if p is not None]
        lifecycle.retain(logs, config.log_retention_days)
    limiter = _rate_limiter(settings, journal)
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(limiter)
        .read_timeout(settings.send_timeout_seconds)
        # One connection per update in flight and a few spare: each handler sends one
        # request at a time, and a bigger pool only costs httpcore time scanning it.
        .connection_pool_size(settings.concurrent_updates + SPARE_CONNECTIONS)
        .post_init(lifecycle.post_init)
        .post_stop(lifecycle.post_stop)
    )
    if settings.health.port is not None:
        lifecycle.health(settings.health.listen, settings.health.port, journal, handlers)
    if journal is None:
        builder = builder.concurrent_updates(settings.concurrent_updates)
    else:
        queue = JournalingQueue(journal)
        lifecycle.journal(journal, queue, deadline)
        builder = builder.update_queue(queue).concurrent_updates(
            JournaledProcessor(settings.concurrent_updates, journal, deadline)
        )
    file_url = file_url_for(settings.base_url)
    if file_url is not None:
        builder = builder.base_file_url(file_url)
    application: TelegramApp = builder.build()
    limiter.watch(lambda: application.running)
    _register(application, handlers)
    return application


def file_url_for(base_url: str) -> str | None:
    """The file download URL that goes with a Bot API URL: Telegram and self-hosted
    servers serve files under /file/bot<token> next to /bot<token>. None for a URL
    of another shape (python-telegram-bot's default is used then)."""
    root, separator, rest = base_url.rpartition("/bot")
    return f"{root}/file/bot{rest}" if separator and rest in ("", "{token}") else None


def polling_arguments() -> dict[str, Any]:
    return {"allowed_updates": ALLOWED_UPDATES}


def webhook_arguments(settings: TelegramConfig) -> dict[str, Any]:
    """Arguments for `run_webhook` / `Updater.start_webhook` from the config."""
    webhook = settings.webhook
    secret = webhook.secret_token.get_secret_value() if webhook.secret_token else None
    return {
        "listen": webhook.listen,
        "port": webhook.port,
        "url_path": webhook.path,
        "webhook_url": webhook.url,
        "secret_token": secret,
        "allowed_updates": ALLOWED_UPDATES,
    }


def _conversation_store(settings: TelegramConfig) -> ConversationStore:
    token = settings.token.get_secret_value() if settings.token else ""
    store = ConversationStore(
        max_chats=settings.max_conversations,
        ttl_seconds=settings.conversation_ttl_minutes * 60,
        # The hashes mean nothing without the token; a new token starts afresh.
        key=hashlib.sha256(b"survey-bot conversations\0" + token.encode()).digest(),
    )
    if settings.persistence_file is not None:
        store.load(settings.persistence_file)
    return store


def _rate_limiter(settings: TelegramConfig, journal: Journal | None) -> RetryingLimiter:
    flood_limits = (
        AIORateLimiter(
            overall_max_rate=OVERALL_BUCKET,
            overall_time_period=OVERALL_REFILL_SECONDS,
            group_max_rate=GROUP_BUCKET,
            group_time_period=GROUP_REFILL_SECONDS,
            max_retries=RATE_LIMITER_RETRIES,
        )
        if settings.rate_limiter
        else None
    )
    return RetryingLimiter(flood_limits, max_retries=settings.send_retries, journal=journal)


def _register(application: TelegramApp, handlers: ChatHandlers) -> None:
    addressed = _NEW_MESSAGE & ADDRESSED_TO_BOT
    # Group -1 runs first: the flood guard stops an update before any answer is made.
    application.add_handler(MessageHandler(addressed, handlers.guard_message), group=-1)
    application.add_handler(CallbackQueryHandler(handlers.guard_button), group=-1)

    commands = {
        "start": handlers.start,
        "help": handlers.help,
        "topics": handlers.topics,
        "source": handlers.source,
        "chart": handlers.chart,
        "lang": handlers.lang,
        "forget": handlers.forget,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=_NEW_MESSAGE))
    application.add_handler(MessageHandler(addressed & filters.COMMAND, handlers.unknown_command))
    application.add_handler(
        MessageHandler(addressed & filters.TEXT & ~filters.COMMAND, handlers.text)
    )
    application.add_handler(
        MessageHandler(addressed & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.not_text)
    )
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(InlineQueryHandler(handlers.inline))
    application.add_error_handler(handlers.error)


class _Lifecycle:
    """Start-up and shutdown work: the command menu, saving conversations."""

    def __init__(
        self,
        conversations: ConversationStore,
        save_to: Path | None,
        default_lang: Lang,
        warm: Callable[[], None],
        watcher: KnowledgeWatcher | None = None,
    ) -> None:
        self._conversations = conversations
        self._warm = warm
        self._save_to = save_to
        self._default_lang = default_lang
        self._watcher = watcher
        self._tasks: list[asyncio.Task[None]] = []
        self._retention: tuple[list[Path], int] | None = None
        self._journal: tuple[Journal, JournalingQueue, float] | None = None
        self._health: tuple[str, int, Journal | None, ChatHandlers] | None = None
        self._health_server: asyncio.Server | None = None

    def health(self, host: str, port: int, journal: Journal | None, handlers: ChatHandlers) -> None:
        self._health = (host, port, journal, handlers)

    async def _serve_health(self, application: TelegramApp) -> None:
        if self._health is None:
            return
        host, port, journal, handlers = self._health
        check = HealthCheck(application.bot.get_me, journal, handlers.findings)
        self._health_server = await serve_health(check, host, port)
        _LOGGER.info("Health check on http://%s:%d/healthz", host, port)

    def journal(self, journal: Journal, queue: JournalingQueue, deadline: float) -> None:
        self._journal = (journal, queue, deadline)

    def _resume(self, application: TelegramApp) -> None:
        """Queue what the last run left unanswered (before polling starts, so those go
        first); start forgetting finished updates past the deadline."""
        if self._journal is None:
            return
        journal, queue, deadline = self._journal

        def decode(raw: dict[str, Any]) -> Update | None:
            return Update.de_json(raw, application.bot)

        resumed, expired = resume_open_updates(journal, queue, decode, deadline, time.time())
        if resumed:
            _LOGGER.info("Answering %d updates the last run left open", resumed)
        if expired:
            _LOGGER.warning("Dropped %d updates left open past the delivery deadline", expired)
        self._tasks.append(asyncio.create_task(self._prune_journal(journal, deadline)))
        self._tasks.append(asyncio.create_task(self._checkpoint_journal(journal)))

    async def _checkpoint_journal(self, journal: Journal) -> None:
        while True:
            await asyncio.sleep(CHECKPOINT_SECONDS)
            await asyncio.to_thread(journal.checkpoint)

    async def _prune_journal(self, journal: Journal, deadline: float) -> None:
        while True:
            journal.prune(time.time() - deadline)
            await asyncio.sleep(JOURNAL_PRUNE_SECONDS)

    def _on_hangup(self) -> None:
        if self._watcher is None:
            _LOGGER.info("SIGHUP: serving the bundled knowledge base, nothing to reload")
            return
        self._tasks.append(asyncio.create_task(_reload(self._watcher)))

    def retain(self, logs: list[Path], days: int) -> None:
        self._retention = (logs, days)

    async def _prune_daily(self, logs: list[Path], days: int) -> None:
        while True:
            for log in logs:
                try:
                    dropped = prune(log, days, datetime.now(UTC))
                except Exception as error:
                    _LOGGER.warning("Could not prune %s: %r", log, error)
                    continue
                if dropped:
                    _LOGGER.info("Deleted %d lines older than %d days from %s", dropped, days, log)
            await asyncio.sleep(PRUNE_INTERVAL_SECONDS)

    async def post_init(self, application: TelegramApp) -> None:
        # Before the first update is fetched: the first user would wait for it otherwise.
        self._warm()
        self._resume(application)
        await self._serve_health(application)
        await publish_commands(application, self._default_lang)
        if self._retention is not None:
            self._tasks.append(asyncio.create_task(self._prune_daily(*self._retention)))
        if self._save_to is not None:
            self._tasks.append(asyncio.create_task(self._save_periodically()))
        watcher = self._watcher
        if watcher is not None and watcher.polls:
            self._tasks.append(asyncio.create_task(watcher.watch()))
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            # SIGHUP reloads at once (not on Windows, nor outside the main thread). With
            # the bundled copy there is nothing to reload, but SIGHUP (logrotate,
            # systemd's ExecReload) must not end the bot either.
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._on_hangup)

    async def post_stop(self, application: TelegramApp) -> None:
        for task in self._tasks:
            task.cancel()
            # Whatever ended a task, the conversations are still saved.
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._save()
        if self._health_server is not None:
            self._health_server.close()
            await self._health_server.wait_closed()
        if self._journal is not None:
            self._journal[0].close()

    async def _save_periodically(self) -> None:
        while True:
            await asyncio.sleep(SAVE_INTERVAL_SECONDS)
            if self._conversations.dirty:
                self._save()

    def _save(self) -> None:
        if self._save_to is None:
            return
        try:
            self._conversations.dump(self._save_to)
        except OSError as error:
            _LOGGER.error("Could not save conversations to %s: %s", self._save_to, error)


async def _reload(watcher: KnowledgeWatcher) -> None:
    await watcher.reload()


async def publish_commands(application: TelegramApp, default_lang: Lang) -> None:
    """The command menu in each language, plus the default for all other languages.
    A server that refuses is not a reason to stop answering questions."""
    try:
        for lang in LANGS:
            await application.bot.set_my_commands(_menu(lang), language_code=lang)
        await application.bot.set_my_commands(_menu(default_lang))
    except TelegramError as error:
        _LOGGER.warning("Could not publish the command menu (%s); running on without it", error)


def _menu(lang: Lang) -> list[BotCommand]:
    return [BotCommand(name, phrase(f"command_{name}", lang)) for name in COMMANDS]
