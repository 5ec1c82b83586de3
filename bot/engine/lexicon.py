"""Closed word lists per language, from the language packs (`bot/languages/`).

All entries are folded (lowercase, no umlauts) like the words they are compared with.
"""

from __future__ import annotations

from collections.abc import Mapping

import stopwordsiso

from bot.engine.text import fold
from bot.knowledge.schema import LANGS, Lang
from bot.languages import all_words, pack

# Function words and question scaffolding: they say how a question is asked, not what
# it is about, so they neither match nor count as unknown. A word that is also in a
# synonym group is read as that group's word: editors decide there that it matters.
STOP_WORDS: Mapping[Lang, frozenset[str]] = {
    lang: pack(lang).stop_words | pack(lang).discourse_words for lang in LANGS
}

# Words that strongly suggest a language when it has to be guessed from the question.
LANGUAGE_MARKERS: Mapping[Lang, frozenset[str]] = {lang: pack(lang).markers for lang in LANGS}

# Words that narrow what is counted: "small businesses", "in Germany", "on average".
# A survey that does not know them cannot answer the question, so they are never
# waved through as filler.
RESTRICTIVE_WORDS = all_words(lambda p: p.restrictive_words)


def filler_words() -> frozenset[str]:
    """Common words of every language (the stopwords-iso lists, folded), less the
    restrictive ones. A question word that the knowledge base does not know and that
    is filler is ignored rather than taken for the point of the question."""
    words = {fold(w) for lang in LANGS for w in stopwordsiso.stopwords(lang)}
    return frozenset(words - RESTRICTIVE_WORDS)


# Words that say how a question is asked, never what about: adverbs ("kindly",
# "actually"), thanks and goodbyes ("cheers", "ciao") and chat words: a word
# the knowledge base lacks that is one of them is no reason to decline, nor quoted back.
LIGHT_WORDS = all_words(
    lambda p: (
        p.light_adverbs | p.cues.goodbye | p.sign_offs | p.chat_fillers | frozenset(p.chat_words)
    )
)
