"""The Telegram handlers: turn updates into engine calls and engine replies into messages.

No matching or answer logic lives here. Wording comes from `bot.engine.phrases`,
answers from the `Engine`; this module only decides which engine call an update is,
which language to ask for, and how the reply is shown.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import logging
import traceback
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    ReplyParameters,
    Update,
    User,
)
from telegram.constants import ChatType, MessageLimit, ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import ApplicationHandlerStop, CallbackContext, ExtBot

from bot.adapters.chart_png import chart_png
from bot.adapters.telegram.addressing import strip_mention
from bot.adapters.telegram.conversations import ConversationStore
from bot.adapters.telegram.flood import FloodGuard, Verdict
from bot.adapters.telegram.keyboards import (
    ButtonPress,
    button_label,
    parse_callback,
    resolved,
    suggestion_keyboard,
    topic_findings_keyboard,
    topics_keyboard,
)
from bot.adapters.telegram.render import html_messages
from bot.adapters.telegram.resilience import StoppingError
from bot.engine import Engine, Reply, ReplyKind
from bot.engine.charts import Chart
from bot.engine.phrases import phrase
from bot.knowledge.schema import LANGS, Lang
from bot.misses import MissLog
from bot.questions import QuestionLog

_LOGGER = logging.getLogger(__name__)

Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]

INLINE_RESULTS = 5
INLINE_CACHE_SECONDS = 5  # short: the knowledge base may change, answers are cheap
INLINE_TITLE_LIMIT = 64
INLINE_DESCRIPTION_LIMIT = 100
CHART_CACHE = 64
MAX_VOTES_REMEMBERED = 100_000
PHOTO_CAPTION = MessageLimit.CAPTION_LENGTH


class ChatHandlers:
    """One instance per Application; the callbacks are its bound methods."""

    def __init__(
        self,
        engine: Engine,
        conversations: ConversationStore,
        guard: FloodGuard,
        misses: MissLog | None = None,
        questions: QuestionLog | None = None,
    ) -> None:
        self._engine = engine
        self._conversations = conversations
        self._guard = guard
        self._misses = misses
        self._questions = questions
        self._voted = BoundedSet(MAX_VOTES_REMEMBERED)
        self._charts = ChartCache()

    def serve(self, engine: Engine) -> None:
        """Answer with `engine` from now on (a reloaded knowledge base). Conversations
        are kept: a finding that disappeared is answered as gone."""
        self._engine = engine
        self._charts = ChartCache()

    def warm(self) -> None:
        self._engine.warm()

    def findings(self) -> int:
        """How many findings the served knowledge base has (for the health check)."""
        return len(self._engine.kb.findings)

    # -- guards (handler group -1) -------------------------------------------------

    async def guard_message(self, update: Update, context: Context) -> None:
        """Count the message against its sender's flood budget; stop it when over."""
        user, message = update.effective_user, update.message
        if user is None or message is None:
            return
        verdict = self._guard.check(user.id)
        if verdict is Verdict.ALLOW:
            return
        if verdict is Verdict.WARN:
            lang = self._chat_lang(message.chat_id, user)
            await self._send_text(context.bot, message, phrase("slow_down", lang))
        raise ApplicationHandlerStop

    async def guard_button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        verdict = self._guard.check(query.from_user.id)
        if verdict is Verdict.ALLOW:
            return
        lang = self._chat_lang(_chat_id_of(query), query.from_user)
        notice = phrase("slow_down", lang) if verdict is Verdict.WARN else None
        await _answer_query(query, notice)  # a button press must always be answered
        raise ApplicationHandlerStop

    # -- commands ------------------------------------------------------------------

    async def start(self, update: Update, context: Context) -> None:
        message, lang = self._message_and_lang(update)
        await self._send_offer(context.bot, message, self._engine.greeting(lang))

    async def help(self, update: Update, context: Context) -> None:
        message, lang = self._message_and_lang(update)
        await self._send_offer(context.bot, message, self._engine.help(lang))

    async def _send_offer(self, bot: Bot, message: Message, reply: Reply) -> None:
        """A reply with example questions: typing "2" then picks the second."""
        state = self._engine.offering(reply, self._conversations.state(message.chat_id))
        self._conversations.save_state(message.chat_id, state)
        await self._send_reply(bot, message, reply)

    async def source(self, update: Update, context: Context) -> None:
        message, lang = self._message_and_lang(update)
        await self._send_reply(context.bot, message, self._engine.sources(lang))

    async def topics(self, update: Update, context: Context) -> None:
        message, lang = self._message_and_lang(update)
        keyboard = topics_keyboard(self._engine.topics(lang))
        await self._send_text(context.bot, message, phrase("choose_topic", lang), keyboard)

    async def lang(self, update: Update, context: Context) -> None:
        """/lang de|en: answer this chat in that language from now on."""
        message, lang = self._message_and_lang(update)
        choice = context.args[0].lower() if context.args and len(context.args) == 1 else ""
        chosen = next((known for known in LANGS if known == choice), None)
        if chosen is None:
            await self._send_text(context.bot, message, phrase("language_usage", lang))
            return
        self._conversations.save_lang(message.chat_id, chosen)
        await self._send_text(context.bot, message, phrase("language_set", chosen))

    async def forget(self, update: Update, context: Context) -> None:
        """/forget: the chat's conversation and /lang choice go (GDPR: erasure on request)."""
        message, lang = self._message_and_lang(update)
        self._conversations.forget(message.chat_id)
        await self._send_text(context.bot, message, phrase("forgotten", lang))

    async def chart(self, update: Update, context: Context) -> None:
        """/chart: the last answer's figures as a picture."""
        message, lang = self._message_and_lang(update)
        state = self._conversations.state(message.chat_id)
        finding = state.finding if state is not None else None
        await self._send_chart(context.bot, message.chat_id, finding, lang)

    async def _send_chart(self, bot: Bot, chat_id: int, finding: str | None, lang: Lang) -> None:
        chart = self._engine.chart(finding, lang)
        if chart is None:
            await _send(bot, chat_id, html.escape(phrase("no_chart", lang)))
            return
        png = await self._charts.png(chart)
        # Sent as HTML, like every message: "Franklin & Marshall" must be escaped.
        caption = html.escape(button_label(chart.caption, PHOTO_CAPTION - 100))
        await bot.send_photo(chat_id, png, caption=caption, parse_mode=ParseMode.HTML)

    async def unknown_command(self, update: Update, context: Context) -> None:
        await self.help(update, context)

    # -- messages ------------------------------------------------------------------

    async def text(self, update: Update, context: Context) -> None:
        """A question: ask the engine, with the chat's conversation so far."""
        message = _message_of(update)
        text = message.text or ""
        chat_id, user = message.chat_id, message.from_user
        chosen = self._conversations.lang(chat_id)
        hint = _language_code(user)
        if len(text) > MessageLimit.MAX_TEXT_LENGTH:
            lang = chosen or self._engine.language_of(text, hint)
            limit = MessageLimit.MAX_TEXT_LENGTH
            await self._send_text(context.bot, message, phrase("too_long", lang, limit=limit))
            return
        if message.chat.type != ChatType.PRIVATE:
            text = strip_mention(text, context.bot.username)
        state = self._conversations.state(chat_id)
        reply, new_state = self._engine.reply(text, state, lang_hint=hint, force_lang=chosen)
        self._conversations.save_state(chat_id, new_state)
        self._record_miss(reply)
        await self._send_reply(context.bot, message, reply)

    def _record_feedback(self, finding: str, helpful: bool) -> None:
        if self._questions is None:
            return
        try:
            self._questions.record_feedback(finding, helpful, datetime.now(UTC))
        except OSError as error:
            _LOGGER.warning("Could not record feedback: %s", error)

    def _record_miss(self, reply: Reply) -> None:
        """Unanswered questions go to the misses file for the knowledge editors, every
        question to the questions file; a full disk must not cost the user the answer."""
        try:
            if self._misses is not None:
                self._misses.record(reply, datetime.now(UTC))
            if self._questions is not None:
                self._questions.record(reply, datetime.now(UTC))
        except OSError as error:
            _LOGGER.warning("Could not record a question: %s", error)

    async def not_text(self, update: Update, context: Context) -> None:
        """Stickers, photos, voice, files: say that only text is understood."""
        message, lang = self._message_and_lang(update)
        await self._send_text(context.bot, message, phrase("text_only", lang))

    # -- buttons -------------------------------------------------------------------

    async def button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        chat_id = _chat_id_of(query)
        if chat_id is None:  # a button on an inline message: no chat to write to
            await _answer_query(query)
            return
        lang = self._chat_lang(chat_id, query.from_user)
        press = parse_callback(query.data)
        if press is not None:
            kb = self._engine.kb
            press = resolved(press, itertools.chain(kb.findings, kb.topics))
        if press is not None and press.kind in ("helpful", "unhelpful"):
            voted = (chat_id, query.message.message_id if query.message else 0)
            # One vote per answer, and only for findings there are: a forged or
            # repeated press counts for nothing.
            if press.target in self._engine.kb.findings and voted not in self._voted:
                self._voted.add(voted)
                self._record_feedback(press.target, press.kind == "helpful")
            # The toast is the only sign the vote was heard; a repeat gets it again.
            await _answer_query(query, phrase("feedback_thanks", lang))
            return
        await _answer_query(query)
        if press is None:
            await _send(context.bot, chat_id, html.escape(phrase("stale_button", lang)))
        elif press.kind == "finding":
            await self._answer_finding(context.bot, chat_id, press, lang)
        elif press.kind == "chart":
            await self._send_chart(context.bot, chat_id, press.target, lang)
        else:
            await self._browse(context.bot, query, chat_id, press, lang)

    async def _answer_finding(self, bot: Bot, chat_id: int, press: ButtonPress, lang: Lang) -> None:
        state = self._conversations.state(chat_id)
        reply, new_state = self._engine.answer_finding(press.target, state, lang)
        self._conversations.save_state(chat_id, new_state)
        await _send_reply_to_chat(bot, chat_id, reply, feedback=self._questions is not None)

    async def _browse(
        self, bot: Bot, query: CallbackQuery, chat_id: int, press: ButtonPress, lang: Lang
    ) -> None:
        """Topic buttons edit the list message in place, so browsing does not flood the chat."""
        topics = self._engine.topics(lang)
        findings = self._engine.topic_findings(press.target, lang) if press.kind == "topic" else []
        if findings:
            title = dict(topics).get(press.target, press.target)
            text = phrase("choose_finding", lang, topic=title)
            keyboard = topic_findings_keyboard(findings, phrase("back_to_topics", lang))
        else:
            key = "topic_gone" if press.kind == "topic" else "choose_topic"
            text, keyboard = phrase(key, lang), topics_keyboard(topics)
        await _edit_or_send(bot, query, chat_id, html.escape(text), keyboard)

    # -- inline mode ---------------------------------------------------------------

    async def inline(self, update: Update, context: Context) -> None:
        query = update.inline_query
        if query is None:
            return
        replies = self._engine.search(
            query.query, lang_hint=_language_code(query.from_user), limit=INLINE_RESULTS
        )
        results = [_inline_result(index, reply) for index, reply in enumerate(replies)]
        await query.answer(results, cache_time=INLINE_CACHE_SECONDS, is_personal=True)

    # -- errors --------------------------------------------------------------------

    async def error(self, update: object, context: Context) -> None:
        """Log each failure once, without the message text, and apologise in the chat."""
        failure = _describe(context.error)
        if not isinstance(update, Update):
            # Polling or webhook trouble (Bot API down, conflict): python-telegram-bot
            # retries by itself; this is for the operator.
            _LOGGER.warning("Bot API problem outside an update: %s", failure)
            return
        if isinstance(context.error, StoppingError):
            _LOGGER.info("Update %s is answered after the restart", update.update_id)
            return
        _LOGGER.error("Update %s failed: %s", update.update_id, failure)
        _LOGGER.debug("Traceback of update %s", update.update_id, exc_info=context.error)
        if not _undelivered(context.error):
            await self._apologise(update, context.bot)

    async def _apologise(self, update: Update, bot: Bot) -> None:
        chat, user = update.effective_chat, update.effective_user
        if chat is None:
            return
        lang = self._chat_lang(chat.id, user)
        try:
            if update.callback_query:
                await _answer_query(update.callback_query)
            await _send(bot, chat.id, html.escape(phrase("error", lang)))
        except TelegramError as error:  # the Bot API may be what failed in the first place
            _LOGGER.debug("Could not apologise for update %s: %s", update.update_id, error)

    # -- helpers -------------------------------------------------------------------

    def _message_and_lang(self, update: Update) -> tuple[Message, Lang]:
        message = _message_of(update)
        return message, self._chat_lang(message.chat_id, message.from_user)

    def _chat_lang(self, chat_id: int | None, user: User | None) -> Lang:
        """The /lang override, else the language the chat is speaking, else the user's."""
        override = self._conversations.lang(chat_id) if chat_id is not None else None
        state = self._conversations.state(chat_id) if chat_id is not None else None
        return override or self._engine.preferred_language(state, _language_code(user))

    async def _send_reply(self, bot: Bot, message: Message, reply: Reply) -> None:
        await _send_reply_to_chat(
            bot,
            message.chat_id,
            reply,
            _quote_in_groups(message),
            feedback=self._questions is not None,
        )

    async def _send_text(
        self,
        bot: Bot,
        message: Message,
        text: str,
        keyboard: InlineKeyboardMarkup | None = None,
    ) -> None:
        await _send(bot, message.chat_id, html.escape(text), keyboard, _quote_in_groups(message))


class BoundedSet:
    """The most recent `size` items, oldest forgotten first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[tuple[int, int], None] = OrderedDict()

    def __contains__(self, item: tuple[int, int]) -> bool:
        return item in self._items

    def add(self, item: tuple[int, int]) -> None:
        self._items[item] = None
        while len(self._items) > self._size:
            self._items.popitem(last=False)


class ChartCache:
    """PNGs already drawn, per finding and language: a chart is the same for every
    chat until the knowledge base changes (a reload builds new handlers)."""

    def __init__(self, size: int = CHART_CACHE) -> None:
        self._size = size
        self._drawn: OrderedDict[tuple[str, str], bytes] = OrderedDict()

    async def png(self, chart: Chart) -> bytes:
        key = (chart.finding, chart.lang)
        if key in self._drawn:
            self._drawn.move_to_end(key)
            return self._drawn[key]
        # Drawing takes a tenth of a second (the first, with matplotlib's import, more):
        # in a thread, so other chats are answered meanwhile.
        png = await asyncio.to_thread(chart_png, chart)
        self._drawn[key] = png
        while len(self._drawn) > self._size:
            self._drawn.popitem(last=False)
        return png


def _message_of(update: Update) -> Message:
    # The handlers using this are registered with filters.UpdateType.MESSAGE.
    if update.message is None:
        raise ValueError(f"update {update.update_id} has no message")
    return update.message


def _language_code(user: User | None) -> str | None:
    return user.language_code if user else None


def _chat_id_of(query: CallbackQuery) -> int | None:
    return query.message.chat.id if query.message else None


def _quote_in_groups(message: Message) -> int | None:
    """In a group the answer quotes the question, so it is clear whom it answers."""
    return None if message.chat.type == ChatType.PRIVATE else message.message_id


async def _send_reply_to_chat(
    bot: Bot, chat_id: int, reply: Reply, quote: int | None = None, feedback: bool = False
) -> None:
    """The reply as one message or more (very long ones), buttons under the last."""
    messages = html_messages(reply)
    chart = (
        (phrase("chart_button", reply.lang), reply.finding)
        if reply.chart and reply.finding
        else None
    )
    rated = reply.finding if feedback and reply.kind is ReplyKind.ANSWER else None
    keyboard = suggestion_keyboard(reply.suggestions, chart, rated)
    for index, text in enumerate(messages):
        last = index == len(messages) - 1
        await _send(bot, chat_id, text, keyboard if last else None, quote if index == 0 else None)


async def _send(
    bot: Bot,
    chat_id: int,
    html_text: str,
    keyboard: InlineKeyboardMarkup | None = None,
    quote: int | None = None,
) -> None:
    # If the quoted message is gone by now, the answer is still worth sending.
    reply_to = ReplyParameters(quote, allow_sending_without_reply=True) if quote else None
    await bot.send_message(
        chat_id, html_text, ParseMode.HTML, reply_markup=keyboard, reply_parameters=reply_to
    )


async def _answer_query(query: CallbackQuery, notice: str | None = None) -> None:
    """Answer a button press (stops the client's spinner); a press answered too late
    (after a restart, say) is rejected by Telegram, which is of no consequence."""
    try:
        await query.answer(notice)
    except BadRequest as error:
        _LOGGER.debug("Could not answer callback query: %s", error)


async def _edit_or_send(
    bot: Bot, query: CallbackQuery, chat_id: int, html_text: str, keyboard: InlineKeyboardMarkup
) -> None:
    """Edit the message with the pressed button; when Telegram no longer allows that
    (too old, deleted), send the list as a new message instead."""
    message_id = query.message.message_id if query.message else None
    try:
        await bot.edit_message_text(
            html_text, chat_id, message_id, parse_mode=ParseMode.HTML, reply_markup=keyboard
        )
    except BadRequest as error:
        _LOGGER.debug("Could not edit message, sending anew: %s", error)
        await _send(bot, chat_id, html_text, keyboard)


def _inline_result(index: int, reply: Reply) -> InlineQueryResultArticle:
    description = (
        button_label(reply.details[0], INLINE_DESCRIPTION_LIMIT) if reply.details else None
    )
    return InlineQueryResultArticle(
        id=reply.finding or str(index),
        title=button_label(reply.headline, INLINE_TITLE_LIMIT),
        input_message_content=InputTextMessageContent(
            html_messages(reply)[0], parse_mode=ParseMode.HTML
        ),
        description=description,
    )


def _undelivered(error: BaseException | None) -> bool:
    """A reply the Bot API did not take (down, too slow, rate-limited): an apology
    would go the same way, and after a timeout the reply may have arrived after all."""
    return isinstance(error, NetworkError | RetryAfter) and not isinstance(error, BadRequest)


def _describe(error: BaseException | None) -> str:
    """What failed and where, for the log. Telegram's own error texts are kept (they
    say things like "bot was blocked by the user"); other exceptions are reduced to
    their type and place, because their text may quote what the user wrote."""
    if error is None:
        return "unknown error"
    if isinstance(error, TelegramError):
        return f"{type(error).__name__}: {error.message}"
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return f"{type(error).__name__}{where}"
