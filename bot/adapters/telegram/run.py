"""`survey-bot run`: start the Telegram bot and keep it running until SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging
import re
import sys
import warnings
from secrets import token_urlsafe

from pydantic import SecretStr
from telegram.error import InvalidToken, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.adapters.telegram.app import (
    TelegramApp,
    build_application,
    polling_arguments,
    webhook_arguments,
)
from bot.adapters.telegram.journal import JournalError, journal_path
from bot.adapters.telegram.logsafety import configure_logging, mask_tokens
from bot.adapters.telegram.reload import fingerprint
from bot.config import Config
from bot.engine import Engine
from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.loader import bundled_knowledge_path
from bot.private_files import check_writable

_LOGGER = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1  # Telegram refused the token or could not be reached
EXIT_CONFIG = 2  # nothing to start with: no token, unusable knowledge base or files

# What @BotFather hands out: the bot's numeric id, a colon, a secret of [A-Za-z0-9_-].
TOKEN_SHAPE = re.compile(r"[0-9]{1,20}:[A-Za-z0-9_-]{30,100}")


def run_bot(config: Config) -> int:
    """Run the bot until it is stopped; the exit code for the process."""
    token = config.telegram.token.get_secret_value() if config.telegram.token else ""
    if not token:
        _say("no bot token: set TELEGRAM_BOT_TOKEN or telegram.token in the config file")
        return EXIT_CONFIG
    if not TOKEN_SHAPE.fullmatch(token):
        # Checked here, not by Telegram: a malformed token cost 16 s of retries and
        # a misleading "cannot reach the Bot API".
        _say(
            "the bot token is malformed: it looks like 123456789:AA… (digits, a colon, "
            "then 30 or more letters, digits, _ or -), as @BotFather gives it"
        )
        return EXIT_CONFIG
    config = with_webhook_secret(config)
    secrets = [token, *_webhook_secret(config)]
    configure_logging(config.log_level, secrets, config.log_format)
    # python-telegram-bot warns about its own use of an int `retry_after` on every 429;
    # nothing this bot can act on.
    warnings.filterwarnings("ignore", message=".*retry_after.*", category=PTBDeprecationWarning)
    unwritable = _unwritable_file(config)
    if unwritable is not None:
        _say(unwritable)
        return EXIT_CONFIG
    loaded_from = fingerprint(config.knowledge) if config.knowledge is not None else None
    try:
        knowledge = load_knowledge(config.knowledge)
    except KnowledgeError as error:
        _say(f"cannot load the knowledge base:\n{error}")
        return EXIT_CONFIG
    if knowledge.warnings:
        # Served all the same (an earlier format's file): the editor's fixes, once.
        _LOGGER.warning(
            "The knowledge base loads with %d warning(s); `survey-bot check` lists them:\n%s",
            len(knowledge.warnings),
            "\n".join(str(w) for w in knowledge.warnings),
        )
    if config.knowledge is None:
        _LOGGER.info(
            "Serving the bundled knowledge base (%s), which edits do not reach: "
            "`survey-bot init` makes a copy to edit and a config that points at it",
            bundled_knowledge_path(),
        )
    else:
        _LOGGER.info("Serving the knowledge base in %s (edits are picked up)", config.knowledge)
    try:
        application = build_application(config, Engine(knowledge, config.engine), loaded_from)
    except JournalError as error:
        _say(str(error))
        return EXIT_CONFIG
    # python-telegram-bot's run_* use the current event loop; checking the token on
    # it first lets a refused token end in one line instead of a logged traceback.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    problem = loop.run_until_complete(_connect(application, config))
    if problem is not None:
        loop.close()
        _say(mask_tokens(problem, secrets))
        return EXIT_FAILURE
    return _serve(application, config, secrets)


def _serve(application: TelegramApp, config: Config, secrets: list[str]) -> int:
    mode = config.telegram.mode
    _LOGGER.info("survey-bot @%s answering (%s)", application.bot.username, mode)
    try:
        if mode == "webhook":
            application.run_webhook(**webhook_arguments(config.telegram))
        else:
            application.run_polling(**polling_arguments())
    except TelegramError as error:  # e.g. setWebhook refused at start-up
        _say(mask_tokens(f"the Bot API refused to start the {mode}: {error.message}", secrets))
        return EXIT_FAILURE
    _LOGGER.info("survey-bot stopped")
    return EXIT_OK


async def _connect(application: TelegramApp, config: Config) -> str | None:
    """Initialise the application (which calls getMe); a reason to stop, or None."""
    try:
        await application.initialize()
    except InvalidToken:
        await application.bot.shutdown()
        return "Telegram rejected the bot token: check TELEGRAM_BOT_TOKEN or telegram.token"
    except TelegramError as error:
        await application.bot.shutdown()
        where = config.telegram.base_url
        return f"cannot reach the Telegram Bot API at {where}: {error.message}"
    return None


def _unwritable_file(config: Config) -> str | None:
    """Checked at start-up: a path that cannot be written was found out only when
    saving, and conversations or questions were lost quietly."""
    token = config.telegram.token.get_secret_value() if config.telegram.token else ""
    files = {
        "telegram.journal_file": journal_path(config.telegram.journal_file, token),
        "telegram.persistence_file": config.telegram.persistence_file,
        "misses_file": config.misses_file,
        "questions_file": config.questions_file,
    }
    for option, path in files.items():
        if path is None:
            continue
        try:
            check_writable(path)
        except (FileExistsError, NotADirectoryError):
            return f"cannot write {option} {path}: a part of that path is a file, not a folder"
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            return f"cannot write {option} {path}: {reason}"
    return None


def with_webhook_secret(config: Config) -> Config:
    """In webhook mode, `config` with a secret token: the configured one, or one made
    for this run. python-telegram-bot registers it with setWebhook and answers 403 to
    a POST without it; without any, anyone who finds the URL could post forged updates."""
    telegram = config.telegram
    if telegram.mode != "webhook" or telegram.webhook.secret_token is not None:
        return config
    _LOGGER.info("No webhook.secret_token configured: using one made for this run")
    webhook = telegram.webhook.model_copy(update={"secret_token": SecretStr(token_urlsafe(32))})
    return config.model_copy(update={"telegram": telegram.model_copy(update={"webhook": webhook})})


def _webhook_secret(config: Config) -> list[str]:
    secret = config.telegram.webhook.secret_token
    return [secret.get_secret_value()] if secret else []


def _say(message: str) -> None:
    print(f"survey-bot: {message}", file=sys.stderr)
