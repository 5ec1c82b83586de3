"""The matcher: which knowledge entries a question is about, and how sure that is.

Retrieval is IDF-weighted term overlap over every question variant of an entry (the
best variant counts most) and, more weakly, over its answer and context text. Typos are
mapped to near vocabulary words with rapidfuzz before matching. The score is one
confidence in 0..1: how much of the question's weight an entry covers, and how well its
best variant fits the question as a whole. Words the knowledge base does not know at all
count against every entry, so "how many companies use TikTok" is not answered with
whatever else mentions companies.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.engine.analysis import Analyzer, QueryWord
from bot.engine.lexicon import filler_words
from bot.engine.text import words
from bot.knowledge.schema import Lang

MIN_TYPO_LENGTH = 4  # shorter words are too easily "corrected" into another word
MIN_COMPOUND_PART = 3
MAX_STOP_WORD_TYPO_LENGTH = 4


@dataclass(frozen=True)
class IndexEntry:
    key: str
    variants: Sequence[tuple[str, Lang]]  # the questions this entry answers
    texts: Sequence[tuple[str, Lang]] = ()  # its answer and context: weaker evidence


@dataclass(frozen=True)
class MatchWeights:
    """How the evidence adds up to a score (they sum to 1, so the score is in 0..1)."""

    best_variant: float = 0.7
    all_variants: float = 0.2
    texts: float = 0.1
    unknown_word: float = 1.0  # weight of an unknown word, relative to the rarest known one
    typo_certainty: float = 0.85  # a corrected word counts this much per edit needed
    # A known word at least this rare (relative to the rarest) tells findings apart;
    # commoner ones ("companies") do not.
    telling_word: float = 0.5


@dataclass(frozen=True)
class Match:
    key: str
    score: float
    variant: int  # index of the entry's best-fitting variant
    # The share of the question's weight in telling words this entry never mentions:
    # "Twitter" in "who is the CEO of Twitter", matched with what Bitkom's managing
    # director said.
    missed: float = 0.0


@dataclass(frozen=True)
class SearchResult:
    matches: list[Match]  # best first
    unknown: list[str] = field(default_factory=list)  # content words unknown to the index
    words: list[QueryWord] = field(default_factory=list)


@dataclass
class _Variant:
    entry: int
    position: int
    weight: float = 0.0


class SearchIndex:
    def __init__(
        self, entries: Sequence[IndexEntry], analyzer: Analyzer, weights: MatchWeights | None = None
    ) -> None:
        self.analyzer = analyzer
        self.weights = weights or MatchWeights()
        self.keys = [entry.key for entry in entries]
        self._variants: list[_Variant] = []
        self._variant_postings: dict[str, list[int]] = defaultdict(list)
        self._entry_postings: dict[str, list[int]] = defaultdict(list)
        self._text_postings: dict[str, list[int]] = defaultdict(list)
        surface: set[str] = set(analyzer.synonym_words())
        variant_terms: list[set[str]] = []
        for number, entry in enumerate(entries):
            self._add_entry(number, entry, surface, variant_terms)
        self._idf = self._compute_idf(len(entries))
        for variant, terms in zip(self._variants, variant_terms, strict=True):
            variant.weight = sum(self._idf[t] for t in terms)
        self._max_idf = max(self._idf.values(), default=1.0)
        self._surface = frozenset(surface)
        self._content_words = sorted(surface)
        self._filler = filler_words()
        self._stop_words = sorted(analyzer.stop_words())

    def _add_entry(
        self, number: int, entry: IndexEntry, surface: set[str], variant_terms: list[set[str]]
    ) -> None:
        entry_terms: set[str] = set()
        for position, (text, lang) in enumerate(entry.variants):
            terms = set(self.analyzer.terms(text, lang))
            self._variants.append(_Variant(number, position))
            variant_terms.append(terms)
            for term in terms:
                self._variant_postings[term].append(len(self._variants) - 1)
            entry_terms |= terms
            surface.update(words(text))
        text_terms: set[str] = set()
        for text, lang in entry.texts:
            text_terms.update(self.analyzer.terms(text, lang))
            surface.update(words(text))
        for term in entry_terms:
            self._entry_postings[term].append(number)
        for term in text_terms:
            self._text_postings[term].append(number)

    def _compute_idf(self, size: int) -> dict[str, float]:
        documents: dict[str, set[int]] = defaultdict(set)
        for postings in (self._entry_postings, self._text_postings):
            for term, numbers in postings.items():
                documents[term].update(numbers)
        return {
            term: math.log(1 + (size - len(docs) + 0.5) / (len(docs) + 0.5))
            for term, docs in documents.items()
        }

    # --- reading a question -------------------------------------------------------

    def read(self, text: str) -> tuple[list[QueryWord], list[str]]:
        """The question's content words (typos corrected) and the words nobody knows."""
        spelled: list[tuple[str, float]] = []
        for word in words(text):
            spelled.extend(self._spell(word))
        query_words = self.analyzer.query_words(spelled)
        unknown = [w.surface for w in query_words if not any(f in self._idf for f in w.forms)]
        return query_words, unknown

    def _spell(self, word: str) -> list[tuple[str, float]]:
        if word.isdigit() or word in self._surface or self._known_forms(word):
            return [(word, 1.0)]
        if self.analyzer.is_stop_word(word):
            return [(word, 1.0)]
        if word in self._filler:
            return []
        corrected = self._correct(word)
        if corrected is not None:
            return [corrected]
        parts = self._split_compound(word) if len(word) >= 2 * MIN_COMPOUND_PART else []
        return parts or [(word, 1.0)]

    def _known_forms(self, word: str) -> bool:
        return any(form in self._idf for form in self.analyzer.forms(word))

    def _correct(self, word: str) -> tuple[str, float] | None:
        """The nearest vocabulary word within one edit (two for long words)."""
        if len(word) < MIN_TYPO_LENGTH - 1:
            return None
        max_edits = 1 if len(word) < 8 else 2
        best = None
        if len(word) >= MIN_TYPO_LENGTH:
            best = process.extractOne(
                word, self._content_words, scorer=OSA.distance, score_cutoff=max_edits
            )
        if best is None and len(word) <= MAX_STOP_WORD_TYPO_LENGTH:
            # Only short words are read as a slip in a stop word ("waht"): a longer one is
            # likelier a word we do not know ("small" is not "shall"), and a three-letter
            # one only when its letters are swapped ("hwo"; "big" is not "bit").
            best = process.extractOne(word, self._stop_words, scorer=OSA.distance, score_cutoff=1)
            if best is not None and len(word) < MIN_TYPO_LENGTH and sorted(best[0]) != sorted(word):
                best = None
        if best is None:
            return None
        return best[0], self.weights.typo_certainty ** best[1]

    def _split_compound(self, word: str, depth: int = 3) -> list[tuple[str, float]]:
        # German glues words together ("Socialmediateam", "Kundenservicekanal"): a word
        # made of known words, with or without a linking s, is read as those words.
        if word in self._surface:
            return [(word, 1.0)]
        if depth == 1:
            return []
        for cut in range(len(word) - MIN_COMPOUND_PART, MIN_COMPOUND_PART - 1, -1):
            left, rest = word[:cut], word[cut:]
            heads = [left, left[:-1]] if left.endswith("s") else [left]
            for head in heads:
                if head in self._surface:
                    tail = self._split_compound(rest, depth - 1)
                    if tail:
                        return [(head, 1.0), *tail]
        return []

    # --- scoring ------------------------------------------------------------------

    def search(self, text: str, limit: int = 10) -> SearchResult:
        query_words, unknown = self.read(text)
        return SearchResult(self.score_words(query_words, limit), unknown, query_words)

    def score_words(self, query_words: Sequence[QueryWord], limit: int = 10) -> list[Match]:
        tally = _Tally()
        for word in query_words:
            known = [f for f in word.forms if f in self._idf]
            if not known:
                tally.total += self.weights.unknown_word * self._max_idf
                continue
            weight = max(self._idf[f] for f in known)
            tally.total += weight
            gain = weight * word.certainty
            entries: set[int] = set()
            for postings, overlap in (
                (self._variant_postings, tally.variant_overlap),
                (self._entry_postings, tally.entry_overlap),
                (self._text_postings, tally.text_overlap),
            ):
                numbers = {n for f in known for n in postings.get(f, ())}
                for number in numbers:
                    overlap[number] += gain
                if postings is not self._variant_postings:
                    entries |= numbers
            if weight >= self.weights.telling_word * self._max_idf:
                tally.telling_words.append((weight, entries))
        if tally.total == 0:
            return []
        return self._rank(tally, limit)

    def _rank(self, tally: _Tally, limit: int) -> list[Match]:
        best: dict[int, tuple[float, int]] = {}
        for number, overlap in tally.variant_overlap.items():
            variant = self._variants[number]
            fit = 2 * overlap / (tally.total + variant.weight)
            if fit > best.get(variant.entry, (-1.0, 0))[0]:
                best[variant.entry] = (fit, variant.position)
        w = self.weights
        scored = []
        for entry in set(best) | set(tally.text_overlap):
            fit, position = best.get(entry, (0.0, 0))
            score = (
                w.best_variant * fit
                + w.all_variants * tally.entry_overlap.get(entry, 0.0) / tally.total
                + w.texts * tally.text_overlap.get(entry, 0.0) / tally.total
            )
            scored.append((min(score, 1.0), position, entry))
        scored.sort(key=lambda item: (-item[0], self.keys[item[2]]))
        return [
            Match(self.keys[entry], score, position, tally.missed_by(entry) / tally.total)
            for score, position, entry in scored[:limit]
        ]


@dataclass
class _Tally:
    """The evidence of one question, summed per variant and per entry."""

    total: float = 0.0
    variant_overlap: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    entry_overlap: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    text_overlap: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    telling_words: list[tuple[float, set[int]]] = field(default_factory=list)

    def missed_by(self, entry: int) -> float:
        return sum(weight for weight, entries in self.telling_words if entry not in entries)
