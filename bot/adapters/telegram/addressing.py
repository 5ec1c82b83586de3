"""Which messages are meant for the bot, and the question without the @mention.

In a private chat every message is. In a group only commands for this bot, messages
that mention it, and replies to its own messages; the rest is other people's chatter.
(With privacy mode on, Telegram mostly sends only these anyway; with it off, or with
the bot as an admin, it sends everything.)
"""

from __future__ import annotations

import re

from telegram import Message, MessageEntity
from telegram.constants import ChatType
from telegram.ext import filters


def is_addressed_to_bot(message: Message) -> bool:
    if message.chat.type == ChatType.PRIVATE:
        return True
    bot = message.get_bot()
    return (
        _is_command_for(message, bot.username)
        or _mentions(message, bot.username, bot.id)
        or _replies_to(message, bot.id)
    )


class AddressedToBot(filters.MessageFilter):
    """A handler filter for `is_addressed_to_bot`."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        return is_addressed_to_bot(message)


ADDRESSED_TO_BOT = AddressedToBot(name="AddressedToBot")


def strip_mention(text: str, username: str) -> str:
    """`text` without "@username" (any case), with the spacing tidied."""
    without = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(without.split())


def _is_command_for(message: Message, username: str) -> bool:
    """A /command addressed to no bot in particular or to this one (not /cmd@otherbot)."""
    entities = message.entities
    if not entities or entities[0].type != MessageEntity.BOT_COMMAND or entities[0].offset:
        return False
    command = message.parse_entity(entities[0])
    _, _, target = command.partition("@")
    return not target or target.lower() == username.lower()


def _mentions(message: Message, username: str, bot_id: int) -> bool:
    wanted = f"@{username}".lower()
    for entity, text in message.parse_entities().items():
        if entity.type == MessageEntity.MENTION and text.lower() == wanted:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
    for entity, text in message.parse_caption_entities().items():
        if entity.type == MessageEntity.MENTION and text.lower() == wanted:
            return True
    return False


def _replies_to(message: Message, bot_id: int) -> bool:
    original = message.reply_to_message
    return bool(original and original.from_user and original.from_user.id == bot_id)
