"""Inline keyboards and their callback data.

Callback data is a short tag and a finding's or topic's key, e.g. "f:own-team" (answer a
finding), "c:own-team" (draw its chart) or "t:organisation" (list a topic's findings).
A key that would not fit Telegram's 64 bytes (a `survey/finding` key of two long ids) is
sent as "~" and a digest of it, resolved against the knowledge base when pressed. The
data carries no state: a button from before a restart or a knowledge-base change still
means something.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit

from bot.engine.types import Suggestion

FINDING_TAG = "f"
TOPIC_TAG = "t"
CHART_TAG = "c"
HELPFUL_TAG, UNHELPFUL_TAG = "u", "d"  # 👍 / 👎 under an answer
ALL_TOPICS = "topics"  # the "back to the topics" button
BUTTON_TEXT_LIMIT = 60  # longer labels are cut off by Telegram clients anyway

_CALLBACK = re.compile(r"(?P<tag>[ftcud]):(?P<id>[a-z0-9][a-z0-9/-]{0,61}|~[0-9a-f]{16})")
_DIGEST = "~"


@dataclass(frozen=True)
class ButtonPress:
    kind: Literal["finding", "topic", "chart", "helpful", "unhelpful", "all_topics"]
    target: str = ""  # the finding or topic id


def parse_callback(data: str | None) -> ButtonPress | None:
    """What a pressed button asks for; None for data this bot never made."""
    if data == ALL_TOPICS:
        return ButtonPress("all_topics")
    match = _CALLBACK.fullmatch(data or "")
    if match is None:
        return None
    kinds: dict[str, Literal["finding", "topic", "chart", "helpful", "unhelpful"]] = {
        FINDING_TAG: "finding",
        TOPIC_TAG: "topic",
        CHART_TAG: "chart",
        HELPFUL_TAG: "helpful",
        UNHELPFUL_TAG: "unhelpful",
    }
    return ButtonPress(kinds[match["tag"]], match["id"])


def resolved(press: ButtonPress, keys: Iterable[str]) -> ButtonPress:
    """`press` with a digest target replaced by the key it stands for (left as it is
    when no key has that digest any more: the finding is gone)."""
    if not press.target.startswith(_DIGEST):
        return press
    target = next((key for key in keys if _digest(key) == press.target), press.target)
    return ButtonPress(press.kind, target)


def finding_data(finding_key: str) -> str:
    return _data(FINDING_TAG, finding_key)


def chart_data(finding_key: str) -> str:
    return _data(CHART_TAG, finding_key)


def topic_data(topic_key: str) -> str:
    return _data(TOPIC_TAG, topic_key)


def _data(tag: str, key: str) -> str:
    data = f"{tag}:{key}"
    if _CALLBACK.fullmatch(data) is None:
        data = f"{tag}:{_digest(key)}"
    return _checked(data)


def _digest(key: str) -> str:
    return _DIGEST + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def _checked(data: str) -> str:
    if len(data.encode("utf-8")) > InlineKeyboardButtonLimit.MAX_CALLBACK_DATA:
        raise ValueError(f"callback data over 64 bytes: {data!r}")
    return data


def button_label(text: str, limit: int = BUTTON_TEXT_LIMIT) -> str:
    """`text` on one line, cut at a word boundary with an ellipsis when too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def suggestion_keyboard(
    suggestions: Sequence[Suggestion],
    chart: tuple[str, str] | None = None,
    feedback: str | None = None,
) -> InlineKeyboardMarkup | None:
    """One button per row, so long questions stay readable; on top the chart button
    (label, finding id) and 👍/👎 for the answer's finding, when there are; None
    without any button."""
    top = [InlineKeyboardButton(chart[0], callback_data=chart_data(chart[1]))] if chart else []
    if feedback is not None:
        top += [
            InlineKeyboardButton("👍", callback_data=_checked(f"{HELPFUL_TAG}:{feedback}")),
            InlineKeyboardButton("👎", callback_data=_checked(f"{UNHELPFUL_TAG}:{feedback}")),
        ]
    rows = [top] if top else []
    rows += [
        [InlineKeyboardButton(button_label(s.question), callback_data=finding_data(s.finding))]
        for s in suggestions
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def topics_keyboard(topics: Iterable[tuple[str, str]]) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(button_label(title), callback_data=topic_data(topic_id))]
        for topic_id, title in topics
    ]
    return InlineKeyboardMarkup(rows)


def topic_findings_keyboard(
    suggestions: Sequence[Suggestion], back_label: str
) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(button_label(s.question), callback_data=finding_data(s.finding))]
        for s in suggestions
    ]
    rows.append([InlineKeyboardButton(back_label, callback_data=ALL_TOPICS)])
    return InlineKeyboardMarkup(rows)
