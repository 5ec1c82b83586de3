"""The bot's configuration: one validated object, loaded once and passed in.

Sources, later ones winning: built-in defaults, the YAML config file, then the
environment variables TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.knowledge.schema import Lang
from bot.knowledge.yaml_lines import YamlSyntaxError, load_located


class ConfigError(Exception):
    """A config file that cannot be used; the message is meant for a person."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WebhookConfig(_Section):
    listen: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 8443
    url: str | None = None  # the public URL Telegram posts to, e.g. https://bot.example.org/tg
    path: str = "telegram"
    secret_token: SecretStr | None = None

    @model_validator(mode="after")
    def _secret_shape(self) -> WebhookConfig:
        secret = self.secret_token.get_secret_value() if self.secret_token else None
        if secret is not None:
            import re

            if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
                raise ValueError(
                    "webhook.secret_token must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
                )
        return self


class HealthConfig(_Section):
    listen: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] | None = None  # None: no health endpoint


class TelegramConfig(_Section):
    token: SecretStr | None = None  # stripped once, here: a pasted newline breaks URLs
    base_url: Annotated[str, Field(pattern=r"^https?://\S+$")] = "https://api.telegram.org/bot"
    mode: Literal["polling", "webhook"] = "polling"
    webhook: WebhookConfig = WebhookConfig()
    health: HealthConfig = HealthConfig()
    rate_limiter: bool = True
    # A user who sends more than this many messages a minute gets one "slow down".
    flood_messages_per_minute: Annotated[int, Field(ge=1)] = 20
    # Conversation state per chat: how many chats are remembered, and for how long.
    max_conversations: Annotated[int, Field(ge=1)] = 10_000
    conversation_ttl_minutes: Annotated[int, Field(ge=1)] = 60
    persistence_file: Path | None = None
    # The journal of updates and their replies (SQLite): "auto" is a file per bot in
    # the user's state folder, "off" keeps nothing (a crash or an outage loses answers).
    journal_file: Path | Literal["auto", "off"] = "auto"
    # How long a reply is retried while the Bot API fails (Telegram keeps undelivered
    # updates for 24 hours), and how long a send may take before it counts as timed out.
    delivery_deadline_hours: Annotated[float, Field(gt=0, le=168)] = 24
    send_timeout_seconds: Annotated[float, Field(gt=0, le=300)] = 20

    @field_validator("token", mode="after")
    @classmethod
    def _strip_token(cls, token: SecretStr | None) -> SecretStr | None:
        stripped = token.get_secret_value().strip() if token is not None else ""
        return SecretStr(stripped) if stripped else None

    # How many updates are handled at the same time (1: one after the other). More is
    # not faster here: the work is CPU-bound and httpcore scans its whole connection
    # pool per request. 16 at Telegram's ~0.1 s round trip is ~160 sends/s, five
    # times its flood limit.
    concurrent_updates: Annotated[int, Field(ge=1, le=1024)] = 16
    # How often a Bot API call that failed with a 5xx or a network error is retried
    # (backoff 0.5 s, doubling, at most 8 s: 5 retries ride out about 15 s of outage).
    send_retries: Annotated[int, Field(ge=0, le=20)] = 5

    @model_validator(mode="after")
    def _webhook_needs_url(self) -> TelegramConfig:
        if self.mode == "webhook" and not self.webhook.url:
            raise ValueError(
                "webhook.url is required in webhook mode (the public https URL Telegram posts to)"
            )
        return self


class EngineConfig(_Section):
    default_language: Lang = "en"
    # Below answer_threshold the bot does not answer but offers suggestions; below
    # suggest_threshold a candidate is not even suggested.
    answer_threshold: Annotated[float, Field(ge=0, le=1)] = 0.6
    suggest_threshold: Annotated[float, Field(ge=0, le=1)] = 0.15
    # A question with a word the knowledge base does not know at all ("TikTok") is
    # answered only when the rest of it fits this well.
    unknown_word_threshold: Annotated[float, Field(ge=0, le=1)] = 0.85
    max_suggestions: Annotated[int, Field(ge=0, le=10)] = 3
    # Who decides answer or decline: "rules" (the thresholds above and vetoes) or
    # "learned" (a model trained on a corpus of surveys: `survey-bot train`).
    decision: Literal["rules", "learned"] = "rules"
    # With decision: learned, the share of answerable questions it may answer wrong, as
    # measured on surveys the model never saw: one of the risks it was trained for.
    risk: Annotated[float, Field(gt=0, lt=1)] = 0.02
    # The semantic channel: multilingual sentence embeddings for paraphrases and the
    # other language. "use" (pure numpy, every platform), "e5" (better, slower, needs
    # the e5 extra), "off" (words alone).
    semantic: Literal["use", "e5", "off"] = "use"
    # Where the variants' embeddings are cached (keyed by model and texts): "auto" is
    # the user's cache folder ($XDG_CACHE_HOME or ~/.cache, then survey-bot), "off"
    # computes them at every start.
    embedding_cache: Path | Literal["auto", "off"] = "auto"

    @model_validator(mode="after")
    def _learned_for_this_channel(self) -> EngineConfig:
        if self.decision == "learned":
            from bot.engine.decision import trained_channels

            if self.semantic not in trained_channels():
                raise ValueError(
                    f"decision: learned has no model for semantic: {self.semantic} "
                    f"(trained: {', '.join(trained_channels())}); use decision: rules or "
                    f"train one with `survey-bot train --semantic {self.semantic}`"
                )
            from bot.engine.decision import trained_risks

            if self.risk not in trained_risks(self.semantic):
                raise ValueError(
                    f"decision: learned has no operating point for risk: {self.risk} "
                    f"(trained: {', '.join(str(r) for r in trained_risks(self.semantic))})"
                )
        return self

    @model_validator(mode="after")
    def _thresholds_in_order(self) -> EngineConfig:
        if not self.suggest_threshold <= self.answer_threshold <= self.unknown_word_threshold:
            raise ValueError(
                "thresholds must be in order: suggest_threshold <= answer_threshold "
                "<= unknown_word_threshold"
            )
        return self


class Config(_Section):
    knowledge: Path | None = None  # a file or folder; None: the bundled knowledge base
    # How often the running bot looks for edits of `knowledge` (seconds); 0: only on
    # SIGHUP. The bundled knowledge base is never watched.
    reload_seconds: Annotated[float, Field(ge=0)] = 2.0
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    # Unanswered questions are appended here (JSON lines, no user ids) for the
    # knowledge editors: `survey-bot misses FILE` lists them. None: not kept.
    misses_file: Path | None = None
    # Every question (text, language, outcome, finding; no user or chat ids) and the
    # 👍/👎 people give answers: `survey-bot stats FILE` sums it up. None: not kept,
    # and answers carry no 👍/👎 buttons.
    questions_file: Path | None = None
    # Lines of misses_file and questions_file older than this many days are deleted (at
    # start-up and daily). None: kept until you delete them.
    log_retention_days: Annotated[int, Field(ge=1)] | None = None
    telegram: TelegramConfig = TelegramConfig()
    engine: EngineConfig = EngineConfig()


_ENV_OPTIONS = {"token": "TELEGRAM_BOT_TOKEN", "base_url": "TELEGRAM_API_BASE_URL"}


def load_config(path: Path | None, environ: Mapping[str, str] | None = None) -> Config:
    """Read and validate the config file (if any), then apply the environment."""
    env = os.environ if environ is None else environ
    raw: dict[str, Any] = _read_yaml(path) if path is not None else {}
    overrides = {key: env[var] for key, var in _ENV_OPTIONS.items() if env.get(var)}
    section = raw.get("telegram") or {}
    if overrides and isinstance(section, dict):
        raw = {**raw, "telegram": {**section, **overrides}}
    try:
        config = Config.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(_describe(error, path)) from None
    return _relative_to(config, path.parent) if path is not None else config


def _relative_to(config: Config, folder: Path) -> Config:
    """Relative paths in a config file mean relative to that file, not to the cwd."""

    def anchored(value: Path | None) -> Path | None:
        return folder / value if value is not None and not value.is_absolute() else value

    journal = config.telegram.journal_file
    telegram = config.telegram.model_copy(
        update={
            "persistence_file": anchored(config.telegram.persistence_file),
            "journal_file": anchored(journal) if isinstance(journal, Path) else journal,
        }
    )
    cache = config.engine.embedding_cache
    engine = config.engine.model_copy(
        update={"embedding_cache": anchored(cache) if isinstance(cache, Path) else cache}
    )
    return config.model_copy(
        update={
            "engine": engine,
            "knowledge": anchored(config.knowledge),
            "misses_file": anchored(config.misses_file),
            "questions_file": anchored(config.questions_file),
            "telegram": telegram,
        }
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the config file ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte {error.start}); save the config as UTF-8"
        ) from None
    try:
        data = load_located(text).data
    except YamlSyntaxError as error:
        where = f"{path}:{error.line}" if error.line is not None else str(path)
        raise ConfigError(f"{where}: {error.message}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of option: value")
    return data


def _describe(error: ValidationError, path: Path | None) -> str:
    where = f"{path}: " if path is not None else ""
    lines = []
    for problem in error.errors():
        key = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        message = "unknown option" if problem["type"] == "extra_forbidden" else problem["msg"]
        lines.append(f"{where}{key}: {message}")
    return "\n".join(lines)
