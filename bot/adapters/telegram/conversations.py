"""What the bot remembers per chat: the engine's conversation state and a /lang override.

Bounded (least recently used chats are forgotten first) and expiring (a conversation
idle for longer than the TTL starts afresh; the language override is kept as long as
the chat is remembered). With a file configured, the memory is written as JSON and read
back at start-up, so a restart does not break follow-ups.

Chats are known by a keyed hash of their id (HMAC-SHA256 with a key derived from the
bot token), in memory and in the file: the file says what was talked about, not with
whom, and the ids cannot be read back from it without the token.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bot.engine.types import ConversationState
from bot.knowledge.schema import Lang
from bot.private_files import replace_atomically

_LOGGER = logging.getLogger(__name__)
_FILE_VERSION = 2  # 1: plain chat ids as keys


@dataclass(frozen=True)
class ChatMemory:
    state: ConversationState | None = None
    lang: Lang | None = None  # set by /lang; None: follow the user's language
    touched: float = 0.0  # wall-clock time of the last state change


class ConversationStore:
    def __init__(
        self,
        max_chats: int,
        ttl_seconds: float,
        clock: Callable[[], float] = time.time,
        key: bytes = b"",
    ) -> None:
        self._key = key
        self._max_chats = max_chats
        self._ttl = ttl_seconds
        self._clock = clock  # wall clock, so expiry stays right across a restart
        self._chats: OrderedDict[str, ChatMemory] = OrderedDict()  # by keyed hash
        self.dirty = False

    def __len__(self) -> int:
        return len(self._chats)

    def state(self, chat_id: int) -> ConversationState | None:
        """The chat's conversation so far, or None when there is none or it expired."""
        memory = self._chats.get(self._hashed(chat_id))
        if memory is None or memory.state is None:
            return None
        if self._clock() - memory.touched > self._ttl:
            return None
        return memory.state

    def lang(self, chat_id: int) -> Lang | None:
        memory = self._chats.get(self._hashed(chat_id))
        return memory.lang if memory else None

    def save_state(self, chat_id: int, state: ConversationState) -> None:
        memory = self._chats.get(self._hashed(chat_id), ChatMemory())
        self._put(chat_id, replace(memory, state=state, touched=self._clock()))

    def save_lang(self, chat_id: int, lang: Lang) -> None:
        memory = self._chats.get(self._hashed(chat_id), ChatMemory())
        # Choosing a language must not bring an expired conversation back to life.
        state = memory.state if self.state(chat_id) is not None else None
        self._put(chat_id, replace(memory, lang=lang, state=state, touched=self._clock()))

    def forget(self, chat_id: int) -> None:
        if self._chats.pop(self._hashed(chat_id), None) is not None:
            self.dirty = True

    def _hashed(self, chat_id: int) -> str:
        return hmac.new(self._key, str(chat_id).encode(), hashlib.sha256).hexdigest()[:32]

    def _put(self, chat_id: int, memory: ChatMemory) -> None:
        hashed = self._hashed(chat_id)
        self._chats[hashed] = memory
        self._chats.move_to_end(hashed)
        while len(self._chats) > self._max_chats:
            self._chats.popitem(last=False)
        self.dirty = True

    # -- persistence ---------------------------------------------------------------

    def dump(self, path: Path) -> None:
        """Write the memory to `path` atomically (a crash leaves the old file intact)."""
        chats = {chat: _memory_to_json(memory) for chat, memory in self._chats.items()}
        payload = {"version": _FILE_VERSION, "chats": chats}
        replace_atomically(path, json.dumps(payload, ensure_ascii=False))
        self.dirty = False

    def load(self, path: Path) -> None:
        """Read a file written by `dump`; a missing file is a first start, a damaged one
        is logged and ignored (losing follow-ups beats refusing to start)."""
        if not path.exists():
            return
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            entries = payload["chats"].items()
            # A file of version 1 is keyed by plain chat ids: hashed as it is read.
            plain = payload.get("version", 1) == 1
            loaded = [
                (self._hashed(int(chat)) if plain else str(chat), _memory_from_json(raw))
                for chat, raw in entries
            ]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            _LOGGER.warning("Ignoring unreadable conversation file %s: %s", path, error)
            return
        for chat_id, memory in loaded:  # oldest first in the file, so LRU order survives
            self._chats[chat_id] = memory
        while len(self._chats) > self._max_chats:
            self._chats.popitem(last=False)
        self.dirty = False


def _memory_to_json(memory: ChatMemory) -> dict[str, Any]:
    state = memory.state.to_json() if memory.state else None
    return {"state": state, "lang": memory.lang, "touched": memory.touched}


def _memory_from_json(raw: dict[str, Any]) -> ChatMemory:
    state_raw = raw.get("state")
    state = _state_from_json(state_raw) if state_raw is not None else None
    lang = raw.get("lang")
    return ChatMemory(state=state, lang=_checked_lang(lang), touched=float(raw["touched"]))


def _state_from_json(raw: dict[str, Any]) -> ConversationState:
    finding, period, turns = raw.get("finding"), raw.get("period"), raw.get("turns", 0)
    if finding is not None and not isinstance(finding, str):
        raise TypeError("finding must be a string")
    if period is not None and not isinstance(period, int):
        raise TypeError("period must be a number")
    if not isinstance(turns, int):
        raise TypeError("turns must be a number")
    survey = raw.get("survey")  # absent in files written before it was kept
    if survey is not None and not isinstance(survey, str):
        raise TypeError("survey must be a string")
    return ConversationState(
        finding=finding,
        period=period,
        lang=_checked_lang(raw.get("lang")),
        turns=turns,
        survey=survey,
        offered=_ids(raw.get("offered", [])),  # both absent in older files
        shown=_ids(raw.get("shown", [])),
        requested=_checked_lang(raw.get("requested")),
        told=_ids(raw.get("told", [])),
        lead=_number(raw.get("lead")),
    )


def _number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("lead must be a number")
    return float(value)


def _ids(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError("expected a list of finding ids")
    return tuple(value)


def _checked_lang(value: object) -> Lang | None:
    if value is None:
        return None
    if value == "de":
        return "de"
    if value == "en":
        return "en"
    raise ValueError(f"unknown language {value!r}")
