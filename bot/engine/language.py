"""Which language a question is in: read from the question, else from what we know."""

from __future__ import annotations

from collections.abc import Iterable

from bot.engine.lexicon import LANGUAGE_MARKERS, STOP_WORDS
from bot.knowledge.schema import LANGS, Lang

_ONLY = {
    "en": LANGUAGE_MARKERS["en"] | (STOP_WORDS["en"] - STOP_WORDS["de"]),
    "de": LANGUAGE_MARKERS["de"] | (STOP_WORDS["de"] - STOP_WORDS["en"]),
}


def as_lang(code: str | None) -> Lang | None:
    """Telegram-style language codes ("de-DE", "en") to one of ours, or None."""
    if not code:
        return None
    prefix = code.strip().lower()[:2]
    return next((lang for lang in LANGS if lang == prefix), None)


def detect_language(
    folded: Iterable[str],
    raw_text: str,
    vocabulary: dict[str, frozenset[Lang]],
    fallbacks: Iterable[Lang | None],
) -> Lang:
    """Count the words that belong to one language only; on a tie, take the first
    fallback that is set (the conversation's language, the caller's hint, the default)."""
    score = dict.fromkeys(LANGS, 0.0)
    for word in folded:
        for lang in LANGS:
            if word in _ONLY[lang] and word not in _ONLY[_other(lang)]:
                score[lang] += 1
        known_in = vocabulary.get(word, frozenset())
        if len(known_in) == 1:
            score[next(iter(known_in))] += 1
    if any(ch in raw_text for ch in "äöüßÄÖÜ"):
        score["de"] += 1
    if score["de"] != score["en"] and max(score.values()) >= 1:
        return "de" if score["de"] > score["en"] else "en"
    return next((lang for lang in fallbacks if lang is not None), "en")


def _other(lang: Lang) -> Lang:
    return "en" if lang == "de" else "de"
