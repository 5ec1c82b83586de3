"""Every fixed sentence the bot says, from the language packs (`bot/languages/`).

Adapters (Telegram, terminal) take their wording from here too, so the bot speaks with
one voice and a translation is a change to one data file.
"""

from __future__ import annotations

from bot.knowledge.schema import Lang
from bot.languages import pack


def phrase(key: str, lang: Lang, **values: object) -> str:
    """The sentence `key` in `lang`, with `values` filled in."""
    return pack(lang).phrases[key].format(**values)
