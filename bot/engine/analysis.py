"""Turns text into matchable terms: folded words, stop words out, synonyms to one form,
Snowball stems.

A query word keeps several candidate forms (its English and its German stem) because
a short question's language is often a guess; knowledge texts, whose language is known,
get one form per word.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass

import Stemmer

from bot.engine.lexicon import STOP_WORDS
from bot.engine.text import words
from bot.knowledge.schema import LANGS, Lang
from bot.languages import language_packs

MAX_PHRASE = 3
# An adverb's ending is taken off only where this much of a word is left ("newly").
MIN_ADJECTIVE = 3
_ADVERB_ENDINGS = {
    code: sorted(language.adverb_endings.items(), key=lambda e: -len(e[0]))
    for code, language in language_packs().items()
}
_TIME_NOUNS: dict[str, list[tuple[Lang, str]]] = {}
for _code, _language in language_packs().items():
    for _adjective, _noun in _language.time_adjectives.items():
        _TIME_NOUNS.setdefault(_adjective, []).append((_code, _noun))
MIN_SYNONYM_STEM = 5
_STEMMER_NAMES: dict[Lang, str] = {"en": "english", "de": "german"}
SYNONYM_MARK = "="  # canonical synonym terms never collide with stems


@dataclass(frozen=True)
class QueryWord:
    surface: str  # the folded word as read (a phrase for multi-word synonyms)
    forms: frozenset[str]  # the terms it may stand for
    certainty: float = 1.0  # below 1 when the word was a typo, corrected by similarity


class Analyzer:
    def __init__(
        self,
        synonyms: Iterable[Sequence[str]] = (),
        degrees: Mapping[str, frozenset[str]] | None = None,
        exact: Iterable[Sequence[str]] = (),
    ) -> None:
        """`degrees`: stop words ("very", "sehr") that are terms all the same before the
        words (as stems) a knowledge base writes them with: there they tell findings
        apart ("very unfavorable" against "unfavorable"), and "very curious" stays a
        stop word. `exact`: synonym groups that list every form they are written in
        (places and their people): matched as written, never by stem ("Marshall" of a
        college is no Marshallese)."""
        self._degrees = dict(degrees or {})
        self._stemmers = {lang: Stemmer.Stemmer(_STEMMER_NAMES[lang]) for lang in LANGS}
        self._phrases: dict[tuple[str, ...], str] = {}
        self._by_stem: dict[str, str] = {}
        self._exact: dict[str, str] = {}  # one word of an `exact` group -> its term
        for group in exact:
            self._add_synonyms(group, by_stem=False)
        for group in synonyms:
            self._add_synonyms(group)

    def _add_synonyms(self, group: Sequence[str], by_stem: bool = True) -> None:
        canonical = SYNONYM_MARK + "_".join(words(group[0]))
        for entry in group:
            folded = tuple(words(entry))
            if not folded:
                continue
            self._phrases[folded] = canonical
            if len(folded) == 1 and not by_stem:
                self._exact[folded[0]] = canonical
            if len(folded) == 1 and by_stem:
                for lang in LANGS:
                    stem = self.stem(folded[0], lang)
                    # Short stems collide across languages (German "workers" -> "work"),
                    # so they are matched only as the forms listed.
                    if len(stem) >= MIN_SYNONYM_STEM:
                        self._by_stem.setdefault(stem, canonical)

    def stem(self, word: str, lang: Lang) -> str:
        return str(self._stemmers[lang].stemWord(word))

    def stop_words(self) -> frozenset[str]:
        return STOP_WORDS["en"] | STOP_WORDS["de"]

    def is_stop_word(self, word: str) -> bool:
        return word in STOP_WORDS["en"] or word in STOP_WORDS["de"]

    def _degree_before(self, surface: str, following: frozenset[str]) -> bool:
        """Is `surface` a degree word the knowledge base writes before a word of one
        of these stems?"""
        return not following.isdisjoint(self._degrees.get(surface, frozenset()))

    def terms(self, text: str, lang: Lang) -> list[str]:
        """The terms of a knowledge text whose language is known."""
        result = []
        grouped = list(self._group_phrases(words(text)))
        for i, (surface, canonical) in enumerate(grouped):
            if canonical is not None:
                result.append(canonical)
                continue
            content = surface not in STOP_WORDS[lang]
            if not content and surface in self._degrees and i + 1 < len(grouped):
                content = self._degree_before(surface, self.forms(grouped[i + 1][0]))
            if content and not surface.isdigit():
                stem = self.stem(surface, lang)
                result.append(self._by_stem.get(stem, stem))
        return result

    def query_words(
        self, folded: Sequence[tuple[str, float]], names: frozenset[str] = frozenset()
    ) -> list[QueryWord]:
        """The content words of a question (folded words, each with the certainty of
        its spelling), each with the terms it may stand for. `names` are words written
        as acronyms that are no stop words even where a stop word folds the same ("US")."""
        certainty = dict(folded)
        result = []
        grouped = list(self._group_phrases([word for word, _ in folded]))
        for i, (surface, canonical) in enumerate(grouped):
            sure = min(certainty[part] for part in surface.split())
            if canonical is not None:
                result.append(QueryWord(surface, frozenset({canonical}), sure))
                continue
            content = surface in names or not self.is_stop_word(surface)
            if not content and surface in self._degrees and i + 1 < len(grouped):
                content = self._degree_before(surface, self.forms(grouped[i + 1][0]))
            if content and not surface.isdigit():
                result.append(QueryWord(surface, self.forms(surface), sure))
        return result

    def synonym_words(self, used: Container[str]) -> set[str]:
        """The words of the synonym groups whose term is one of `used` (a knowledge
        base's terms): "Brits" is known where a text names the UK, not everywhere."""
        return {word for phrase, term in self._phrases.items() if term in used for word in phrase}

    def forms(self, word: str) -> frozenset[str]:
        listed = self._exact.get(word)
        if listed is not None:
            return frozenset({listed})  # a place as written ("uk", "brasilianer")
        stems = {self.stem(word, lang) for lang in LANGS}
        stems.update(self.stem(base, lang) for lang, base in _adjectives_of(word))
        stems.update(self.stem(noun, lang) for lang, noun in _TIME_NOUNS.get(word, ()))
        synonyms = {self._by_stem[s] for s in stems if s in self._by_stem}
        return frozenset(synonyms or stems)

    def _group_phrases(self, folded: list[str]) -> Iterable[tuple[str, str | None]]:
        """Yield (surface, canonical synonym or None), longest synonym phrases first."""
        i = 0
        while i < len(folded):
            for size in range(min(MAX_PHRASE, len(folded) - i), 0, -1):
                canonical = self._phrases.get(tuple(folded[i : i + size]))
                if canonical is not None:
                    yield " ".join(folded[i : i + size]), canonical
                    i += size
                    break
            else:
                yield folded[i], None
                i += 1


def _adjectives_of(word: str) -> list[tuple[Lang, str]]:
    """The adjective an adverb is made of, per language whose pack knows the ending."""
    found: list[tuple[Lang, str]] = []
    for lang, endings in _ADVERB_ENDINGS.items():
        for ending, replacement in endings:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_ADJECTIVE:
                found.append((lang, word[: -len(ending)] + replacement))
                break
    return found
