"""Engine replies as Telegram HTML: the headline in bold, each detail a paragraph, the
source line in italics.

Everything from the engine is escaped, so a "<" in a question or a finding can never
break the markup (or be used to inject links).
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from telegram.constants import MessageLimit

from bot.engine.types import Reply

MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH
_PARAGRAPH_BREAK = "\n\n"


def reply_html(reply: Reply) -> str:
    """The whole reply as one HTML text (may exceed a message; see `html_messages`)."""
    return _PARAGRAPH_BREAK.join(_marked_up(text, tag) for text, tag in _paragraphs(reply))


def html_messages(reply: Reply, limit: int = MAX_TEXT) -> list[str]:
    """The reply as messages of at most `limit` characters. Long replies are split
    between paragraphs, or between words, before markup is added, so no message
    ever cuts through a tag or an escaped character."""
    messages: list[str] = []
    current = ""
    for text, tag in _paragraphs(reply):
        for piece in _pieces(text, tag, limit):
            candidate = f"{current}{_PARAGRAPH_BREAK}{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                messages.append(current)
                current = piece
    if current:
        messages.append(current)
    return messages


def _paragraphs(reply: Reply) -> list[tuple[str, str]]:
    """(text, tag) per paragraph; an empty tag means plain text."""
    styled = [(reply.headline, "b"), *((detail, "") for detail in reply.details)]
    styled.append((reply.source, "i"))
    return [(text, tag) for text, tag in styled if text.strip()]


def _marked_up(text: str, tag: str) -> str:
    escaped = html.escape(text)
    return f"<{tag}>{escaped}</{tag}>" if tag else escaped


def _pieces(text: str, tag: str, limit: int) -> Iterator[str]:
    """One paragraph as marked-up pieces that each fit in `limit` characters."""
    whole = _marked_up(text, tag)
    if len(whole) <= limit:  # nearly always: only a huge paragraph is cut word by word
        yield whole
        return
    chunk = ""
    for word in _words_within(text, tag, limit):
        candidate = f"{chunk} {word}" if chunk else word
        if len(_marked_up(candidate, tag)) <= limit:
            chunk = candidate
        else:
            yield _marked_up(chunk, tag)
            chunk = word
    if chunk:
        yield _marked_up(chunk, tag)


def _words_within(text: str, tag: str, limit: int) -> Iterator[str]:
    """The words of `text`, a word too long for a whole message cut into parts."""
    for word in text.split(" "):
        while len(_marked_up(word, tag)) > limit:
            cut = limit
            while len(_marked_up(word[:cut], tag)) > limit:
                cut -= 1
            yield word[:cut]
            word = word[cut:]
        yield word
