"""A fake Telegram Bot API server for end-to-end tests, on 127.0.0.1 and a random port.

It serves `/bot<token>/<method>` the way api.telegram.org does, for the methods the bot
uses, records every call it receives, and hands out updates that a test pushes through
long-polling getUpdates (with offsets, as Telegram does: an update is handed out until
a later getUpdates confirms it). A test can make the next calls of a method fail with
429 or 5xx, to check that the bot rides them out.

The real `Application` is pointed at it with `base_url=fake.base_url`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_ID = 777000111
BOT_USERNAME = "survey_test_bot"
# Parameters the Bot API receives JSON-encoded (python-telegram-bot posts form fields).
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "results",
        "allowed_updates",
        "entities",
        "link_preview_options",
        "reply_parameters",
        "scope",
        "button",
    }
)
_INT_FIELDS = frozenset({"chat_id", "message_id", "offset", "limit", "timeout", "cache_time"})


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    status: int  # the HTTP status the fake answered with
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard buttons of a sendMessage/editMessageText, row by row."""
        markup = self.params.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]


Predicate = Callable[[Call], bool]


class FakeBotApi:
    def __init__(self, token: str, *, bot_username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_user = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Survey Bot",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.calls: list[Call] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._chats: dict[int, dict[str, Any]] = {}
        self._failures: dict[str, deque[int]] = defaultdict(deque)
        self._failing: dict[str, tuple[float, int]] = {}  # method -> (until, status)
        self._slow: dict[str, float] = {}  # method -> seconds, after the call is recorded
        self._changed = asyncio.Condition()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._listeners: list[Callable[[Call], None]] = []
        self.port = 0

    # -- lifecycle -----------------------------------------------------------------

    async def start(self) -> FakeBotApi:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        self._closing.set()  # releases pending long polls at once
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> FakeBotApi:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # -- what a test does ----------------------------------------------------------

    async def push(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update = {**update, "update_id": next(self._update_ids)}
        self._remember_chat(update)
        async with self._changed:
            self._updates.append(update)
            self._changed.notify_all()
        return int(update["update_id"])

    def fail_next(self, method: str, *statuses: int) -> None:
        """Answer the next calls of `method` with these HTTP statuses (429, 500, 502, 400...)."""
        self._failures[method].extend(statuses)

    def fail_for(self, method: str, seconds: float, status: int = 502) -> None:
        """Answer every call of `method` with `status` for the next `seconds` (an outage)."""
        self._failing[method] = (time.monotonic() + seconds, status)

    def slow_down(self, method: str, seconds: float) -> None:
        """Carry out calls of `method` at once but answer them `seconds` later, as a
        Telegram that delivers a message and is slow to say so."""
        self._slow[method] = seconds

    def add_listener(self, listener: Callable[[Call], None]) -> None:
        """Call `listener` with every call as it is recorded (for benchmarks, which
        cannot afford to rescan all calls for each waiting user)."""
        self._listeners.append(listener)

    def calls_of(self, method: str, *, ok_only: bool = True) -> list[Call]:
        return [c for c in self.calls if c.method == method and (c.ok or not ok_only)]

    def sent_to(self, chat_id: int) -> list[Call]:
        """Successful sendMessage calls to one chat, in order."""
        return [c for c in self.calls_of("sendMessage") if c.params.get("chat_id") == chat_id]

    async def wait_for(
        self, predicate: Predicate, *, count: int = 1, timeout: float = 5.0
    ) -> list[Call]:
        """Wait until `count` recorded calls match; fails the test on timeout."""

        def matching() -> list[Call]:
            return [call for call in self.calls if predicate(call)]

        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: len(matching()) >= count), timeout
                )
            except TimeoutError:
                seen = [(c.method, c.params.get("chat_id"), c.text[:60]) for c in self.calls]
                raise AssertionError(
                    f"timed out waiting for {count} matching call(s); calls so far: {seen}"
                ) from None
        return matching()

    async def wait_for_message(
        self, chat_id: int, *, count: int = 1, timeout: float = 5.0
    ) -> list[Call]:
        return await self.wait_for(
            lambda c: c.method == "sendMessage" and c.ok and c.params.get("chat_id") == chat_id,
            count=count,
            timeout=timeout,
        )

    async def wait_until_consumed(self, timeout: float = 5.0) -> None:
        """Wait until the bot has confirmed (by offset) every pushed update."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: not self._updates), timeout)

    # -- the Bot API -----------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = _decode(dict(await request.post()) if request.can_read_body else {})
        params.update(_decode(dict(request.query)))
        if request.match_info["token"] != self.token:
            return await self._record(method, params, 401, _error(401, "Unauthorized"))
        failure = self._failures[method].popleft() if self._failures[method] else None
        until, status = self._failing.get(method, (0.0, 0))
        if failure is None and time.monotonic() < until:
            failure = status
        if failure is not None:
            return await self._record(method, params, failure, _failure_body(failure))
        if method == "getUpdates":
            return await self._record(method, params, 200, await self._get_updates(params))
        answer = self._answer(method, params)
        if answer is None:
            return await self._record(method, params, 404, _error(404, "Not Found"))
        response = await self._record(method, params, 200, {"ok": True, "result": answer})
        if method in self._slow:
            await asyncio.sleep(self._slow[method])
        return response

    async def _record(
        self, method: str, params: dict[str, Any], status: int, body: dict[str, Any]
    ) -> web.Response:
        call = Call(method, params, status)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        for listener in self._listeners:
            listener(call)
        return web.json_response(body, status=status)

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return self.bot_user
        if method in ("sendMessage", "editMessageText"):
            return self._message(params)
        if method == "sendPhoto":
            message = self._message(params)
            message["photo"] = [
                {"file_id": "photo1", "file_unique_id": "p1", "width": 960, "height": 540}
            ]
            message["caption"] = params.get("caption", "")
            return message
        if method in {
            "deleteWebhook",
            "setWebhook",
            "setMyCommands",
            "answerCallbackQuery",
            "answerInlineQuery",
            "sendChatAction",
            "close",
            "logOut",
        }:
            return True
        return None

    async def _get_updates(self, params: dict[str, Any]) -> dict[str, Any]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = float(params.get("timeout") or 0)
        async with self._changed:
            # An offset confirms every update below it: those are never sent again.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._changed.notify_all()
            if not self._updates and wait > 0 and not self._closing.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(
                            lambda: bool(self._updates) or self._closing.is_set()
                        ),
                        wait,
                    )
            return {"ok": True, "result": self._updates[:limit]}

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        chat = self._chats.get(chat_id, {"id": chat_id, "type": "private", "first_name": "User"})
        message_id = params.get("message_id") or next(self._message_ids)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            "text": params.get("text", ""),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _remember_chat(self, update: dict[str, Any]) -> None:
        for key in ("message", "edited_message", "channel_post"):
            if key in update:
                chat = update[key]["chat"]
                self._chats[int(chat["id"])] = chat


def _decode(raw: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, value in raw.items():
        if name in _JSON_FIELDS and isinstance(value, str):
            params[name] = json.loads(value)
        elif isinstance(value, web.FileField):  # an uploaded file (sendPhoto): its bytes
            params[name] = value.file.read()
        elif name in _INT_FIELDS and isinstance(value, str) and value.lstrip("-").isdigit():
            params[name] = int(value)
        else:
            params[name] = value
    return params


def _error(code: int, description: str, **parameters: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


def _failure_body(status: int) -> dict[str, Any]:
    if status == 429:
        return _error(429, "Too Many Requests: retry after 1", retry_after=1)
    if status == 400:
        return _error(400, "Bad Request: refused by the fake server")
    return _error(status, "Internal Server Error" if status == 500 else "Bad Gateway")


# -- updates as Telegram sends them --------------------------------------------------------

_message_ids = itertools.count(1)


def user(user_id: int, language_code: str | None = "en", first_name: str = "Ada") -> dict[str, Any]:
    person: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        person["language_code"] = language_code
    return person


def private_chat(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": "Ada"}


def group_chat(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "type": "supergroup", "title": "Survey fans"}


def message(
    text: str | None,
    *,
    user_id: int = 1001,
    chat: dict[str, Any] | None = None,
    language_code: str | None = "en",
    reply_to: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A `message` update; a text starting with / gets its bot_command entity, and
    @mentions get mention entities, as Telegram does."""
    body: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat or private_chat(user_id),
        "from": user(user_id, language_code),
        **extra,
    }
    if text is not None:
        body["text"] = text
        entities = _entities(text)
        if entities:
            body["entities"] = entities
    if reply_to is not None:
        body["reply_to_message"] = reply_to
    return {"message": body}


def sticker(*, user_id: int = 1001, chat: dict[str, Any] | None = None) -> dict[str, Any]:
    sticker_body = {
        "file_id": "CAACAgIAAxkBAAEBsticker",
        "file_unique_id": "AgADsticker",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "👍",
    }
    return message(None, user_id=user_id, chat=chat, sticker=sticker_body)


def edited(update: dict[str, Any]) -> dict[str, Any]:
    body = {**update["message"], "edit_date": int(time.time())}
    return {"edited_message": body}


def channel_post(text: str, channel_id: int = -1009999) -> dict[str, Any]:
    chat = {"id": channel_id, "type": "channel", "title": "News"}
    return {
        "channel_post": {
            "message_id": next(_message_ids),
            "date": int(time.time()),
            "chat": chat,
            "text": text,
        }
    }


def callback_query(
    data: str,
    *,
    user_id: int = 1001,
    chat: dict[str, Any] | None = None,
    language_code: str | None = "en",
    message_id: int = 1000,
) -> dict[str, Any]:
    """A button press on a message the bot sent earlier."""
    bot_message = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": chat or private_chat(user_id),
        "from": {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Survey Bot",
            "username": BOT_USERNAME,
        },
        "text": "…",
    }
    return {
        "callback_query": {
            "id": f"cq-{next(_message_ids)}",
            "from": user(user_id, language_code),
            "chat_instance": "42",
            "data": data,
            "message": bot_message,
        }
    }


def inline_query(
    query: str, *, user_id: int = 1001, language_code: str | None = "en"
) -> dict[str, Any]:
    return {
        "inline_query": {
            "id": f"iq-{next(_message_ids)}",
            "from": user(user_id, language_code),
            "query": query,
            "offset": "",
        }
    }


def bot_message(
    chat: dict[str, Any], text: str = "35% of IT and telecom companies …"
) -> dict[str, Any]:
    """A message the bot sent, for replies to it."""
    return {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat,
        "from": {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Survey Bot",
            "username": BOT_USERNAME,
        },
        "text": text,
    }


def _entities(text: str) -> list[dict[str, Any]]:
    """bot_command and mention entities, with offsets in UTF-16 code units like Telegram's."""
    import re

    entities: list[dict[str, Any]] = []
    for match in re.finditer(r"(?<!\S)(/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?|@[A-Za-z0-9_]{5,})", text):
        kind = "bot_command" if match.group().startswith("/") else "mention"
        if kind == "bot_command" and match.start() != 0:
            continue
        offset = len(text[: match.start()].encode("utf-16-le")) // 2
        length = len(match.group().encode("utf-16-le")) // 2
        entities.append({"type": kind, "offset": offset, "length": length})
    return entities
