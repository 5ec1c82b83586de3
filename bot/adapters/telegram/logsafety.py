"""Keep the bot token out of every log line.

httpx logs each request URL, and the Bot API puts the token in the URL
(`.../bot<TOKEN>/sendMessage`); python-telegram-bot quotes the token in the text of
`InvalidToken`. So the chatty HTTP loggers are held at WARNING, and a filter on the log
handlers masks anything shaped like a token, in messages, arguments and tracebacks.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

# A bot token is "<bot id>:<secret>"; Telegram's secrets are 35 characters today.
TOKEN_PATTERN = re.compile(r"\d+:[A-Za-z0-9_-]{30,}")
MASK = "<token hidden>"
CHATTY_HTTP_LOGGERS = ("httpx", "httpcore")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def mask_tokens(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every token-shaped string, and each of `secrets`, replaced by a mask."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return TOKEN_PATTERN.sub(MASK, text)


class TokenMaskingFilter(logging.Filter):
    """Rewrites each record so that no token survives formatting.

    Attach it to handlers, not loggers: a logger's filters do not see records that
    propagate up from child loggers (httpx, telegram.ext, ...).
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = tuple(secret for secret in secrets if secret)
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._mask(record.getMessage())
        record.args = None
        if record.exc_info:
            # The formatter reuses exc_text when set, so the masked text is what it prints.
            record.exc_text = self._mask(self._formatter.formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = self._mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self._mask(record.stack_info)
        return True

    def _mask(self, text: str) -> str:
        return mask_tokens(text, self._secrets)


class JsonFormatter(logging.Formatter):
    """One JSON object a line (time in UTC, level, logger, message, traceback), for log
    collectors; runs after the masking filter like the text format."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info or record.exc_text:
            entry["traceback"] = record.exc_text or self.formatException(record.exc_info)  # type: ignore[arg-type]
        return json.dumps(entry, ensure_ascii=True)


def configure_logging(level: str, secrets: Iterable[str] = (), form: str = "text") -> None:
    """Log to stderr at `level`, token-masked, with the HTTP client loggers quietened;
    `form` is "text" (for people and journald) or "json" (one object a line)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if form == "json" else logging.Formatter(LOG_FORMAT))
    handler.addFilter(TokenMaskingFilter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    quieten_http_loggers()
    # Python warnings (PTBUserWarning, ...) go through the same masked handler.
    logging.captureWarnings(True)


def quieten_http_loggers() -> None:
    for name in CHATTY_HTTP_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
