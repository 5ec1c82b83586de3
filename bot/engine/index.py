"""The matcher: which knowledge entries a question is about, and how sure that is.

Retrieval is IDF-weighted term overlap over every question variant of an entry (the
best variant counts most) and, more weakly, over its answer and context text, where
a word's weight saturates with repetition and long texts count less (as in BM25).
Typos are mapped to near vocabulary words before matching. The score is one confidence
in 0..1: how much of the question's weight an entry covers, and how well its best
variant fits the question as a whole. Words the knowledge base does not know at all
count against every entry, so "how many companies use TikTok" is not answered with
whatever else mentions companies.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.engine.analysis import Analyzer, QueryWord
from bot.engine.lexicon import filler_words
from bot.engine.spelling import Speller
from bot.engine.text import words
from bot.knowledge.schema import Lang

# In a large knowledge base, a term in more entries than this is "common": it only adds
# to entries that a rarer word of the question found, instead of touching them all.
COMMON_TERM_ENTRIES = 200
COMMON_TERM_SHARE = 0.02
VARIANT_POSTINGS_BUDGET = 5_000


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
    # BM25's saturation and length normalisation for answer texts.
    text_k1: float = 1.2
    text_b: float = 0.75


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


@dataclass(frozen=True)
class IndexStats:
    entries: int
    variants: int
    vocabulary: int  # distinct words the index knows (what typos are corrected to)
    longest_postings: int  # entries reached by the commonest term: a question's worst cost


@dataclass(frozen=True)
class _Variant:
    entry: int
    position: int
    terms: frozenset[str]
    weight: float


@dataclass(frozen=True)
class _QueryTerm:
    forms: frozenset[str]  # the terms it may stand for that the index knows
    weight: float  # its IDF: what it adds to the question's total
    gain: float  # what it adds to an entry that has it (less for a corrected typo)


@dataclass
class _Tally:
    """The evidence of one question, summed per entry."""

    total: float = 0.0
    terms: list[_QueryTerm] = field(default_factory=list)
    # Per variant, when the question's words are rare enough to sum it for all at once.
    variant_overlap: dict[int, float] | None = None
    entry_overlap: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    text_overlap: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    telling_words: list[tuple[float, set[int]]] = field(default_factory=list)

    def missed_by(self, entry: int) -> float:
        return sum(weight for weight, entries in self.telling_words if entry not in entries)


class SearchIndex:
    def __init__(
        self, entries: Sequence[IndexEntry], analyzer: Analyzer, weights: MatchWeights | None = None
    ) -> None:
        self.analyzer = analyzer
        self.weights = weights or MatchWeights()
        self.keys = [entry.key for entry in entries]
        self._entry_terms: list[frozenset[str]] = []
        self._text_tf: list[dict[str, int]] = []
        surface: set[str] = set(analyzer.synonym_words())
        variant_terms: list[tuple[int, int, frozenset[str]]] = []
        for number, entry in enumerate(entries):
            variant_terms += self._read_entry(number, entry, surface)
        self._idf = self._compute_idf(len(entries))
        self._variants = [
            _Variant(entry, position, terms, sum(self._idf[t] for t in terms))
            for entry, position, terms in variant_terms
        ]
        self._variants_of: list[list[int]] = [[] for _ in entries]
        self._variant_postings: dict[str, list[int]] = defaultdict(list)
        for number, variant in enumerate(self._variants):
            self._variants_of[variant.entry].append(number)
            for term in variant.terms:
                self._variant_postings[term].append(number)
        self._lightest_variant = [
            min((self._variants[n].weight for n in numbers), default=0.0)
            for numbers in self._variants_of
        ]
        self._entry_postings = _postings(self._entry_terms)
        self._text_terms = [frozenset(tf) for tf in self._text_tf]
        self._text_postings = _postings(self._text_terms)
        lengths = [sum(tf.values()) for tf in self._text_tf]
        self._text_length = lengths
        self._average_text_length = (sum(lengths) / len(lengths)) if lengths else 1.0
        self._max_idf = max(self._idf.values(), default=1.0)
        self._common_df = max(COMMON_TERM_ENTRIES, int(COMMON_TERM_SHARE * len(entries)))
        self._surface = frozenset(surface)
        self._filler = filler_words()
        self._speller = Speller(surface, analyzer.stop_words(), self.weights.typo_certainty)

    def _read_entry(
        self, number: int, entry: IndexEntry, surface: set[str]
    ) -> list[tuple[int, int, frozenset[str]]]:
        variants = []
        for position, (text, lang) in enumerate(entry.variants):
            variants.append((number, position, frozenset(self.analyzer.terms(text, lang))))
            surface.update(words(text))
        text_tf: dict[str, int] = defaultdict(int)
        for text, lang in entry.texts:
            for term in self.analyzer.terms(text, lang):
                text_tf[term] += 1
            surface.update(words(text))
        self._entry_terms.append(frozenset(t for _, _, terms in variants for t in terms))
        self._text_tf.append(dict(text_tf))
        return variants

    def _compute_idf(self, size: int) -> dict[str, float]:
        documents: dict[str, int] = defaultdict(int)
        for entry_terms, text_tf in zip(self._entry_terms, self._text_tf, strict=True):
            for term in entry_terms | text_tf.keys():
                documents[term] += 1
        return {
            term: math.log(1 + (size - count + 0.5) / (count + 0.5))
            for term, count in documents.items()
        }

    def stats(self) -> IndexStats:
        tables = (self._entry_postings, self._text_postings)
        longest = max((len(p) for table in tables for p in table.values()), default=0)
        return IndexStats(len(self.keys), len(self._variants), len(self._surface), longest)

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
        corrected = self._speller.correct(word)
        if corrected is not None:
            return [corrected]
        parts = self._speller.split_compound(word)
        return [(part, 1.0) for part in parts] or [(word, 1.0)]

    def _known_forms(self, word: str) -> bool:
        return any(form in self._idf for form in self.analyzer.forms(word))

    # --- scoring ------------------------------------------------------------------

    def search(self, text: str, limit: int = 10) -> SearchResult:
        query_words, unknown = self.read(text)
        return SearchResult(self.score_words(query_words, limit), unknown, query_words)

    def score_words(self, query_words: Sequence[QueryWord], limit: int = 10) -> list[Match]:
        tally = _Tally()
        for word in query_words:
            known = frozenset(f for f in word.forms if f in self._idf)
            if not known:
                tally.total += self.weights.unknown_word * self._max_idf
                continue
            weight = max(self._idf[f] for f in known)
            tally.total += weight
            tally.terms.append(_QueryTerm(known, weight, weight * word.certainty))
        if tally.total == 0:
            return []
        # Common words reach a large share of the entries. The entries that the rarer
        # words find are the only ones that can win, so common words just add to those;
        # when every word is common, the rarest one finds the candidates.
        seeds = [t for t in tally.terms if not self._is_common(t)]
        if not seeds and tally.terms:
            seeds = [min(tally.terms, key=self._term_frequency)]
        candidates = self._collect(seeds, tally)
        for term in tally.terms:
            if term not in seeds:
                self._add_to(candidates, term, tally)
        self._sum_variants_if_cheap(tally)
        return self._rank(tally, limit)

    def _sum_variants_if_cheap(self, tally: _Tally) -> None:
        """Sum every variant's overlap through the postings when that is little work (a
        small knowledge base, rare words): cheaper than fitting each entry's variants."""
        postings = [(t, self._variant_postings.get(f, ())) for t in tally.terms for f in t.forms]
        if sum(len(numbers) for _, numbers in postings) > VARIANT_POSTINGS_BUDGET:
            return
        overlap: dict[int, float] = defaultdict(float)
        for term in tally.terms:
            for number in {n for f in term.forms for n in self._variant_postings.get(f, ())}:
                overlap[number] += term.gain
        tally.variant_overlap = overlap

    def _is_common(self, term: _QueryTerm) -> bool:
        return self._term_frequency(term) > self._common_df

    def _term_frequency(self, term: _QueryTerm) -> int:
        return min(self._document_frequency(f) for f in term.forms)

    def _document_frequency(self, term: str) -> int:
        return max(len(self._entry_postings.get(term, ())), len(self._text_postings.get(term, ())))

    def _collect(self, terms: list[_QueryTerm], tally: _Tally) -> set[int]:
        """Add each word's evidence through the postings; the entries reached."""
        reached: set[int] = set()
        for term in terms:
            in_variants = {n for f in term.forms for n in self._entry_postings.get(f, ())}
            for entry in in_variants:
                tally.entry_overlap[entry] += term.gain
            in_texts = {n for f in term.forms for n in self._text_postings.get(f, ())}
            for entry in in_texts:
                tally.text_overlap[entry] += term.gain * self._saturation(entry, term.forms)
            reached |= in_variants | in_texts
            self._note_telling(term, in_variants | in_texts, tally)
        return reached

    def _add_to(self, candidates: set[int], term: _QueryTerm, tally: _Tally) -> None:
        hit: set[int] = set()
        for entry in candidates:
            if term.forms & self._entry_terms[entry]:
                tally.entry_overlap[entry] += term.gain
                hit.add(entry)
            if term.forms & self._text_terms[entry]:
                tally.text_overlap[entry] += term.gain * self._saturation(entry, term.forms)
                hit.add(entry)
        self._note_telling(term, hit, tally)

    def _saturation(self, entry: int, forms: frozenset[str]) -> float:
        """How strongly an entry's texts use a word, 0..1: BM25's tf part, capped at 1 so
        one mention in a text of average length counts fully and the score stays 0..1
        (uncapped ranks StackFAQ 0.01 better and our own questions slightly worse)."""
        tf = sum(self._text_tf[entry].get(f, 0) for f in forms)
        if not tf:
            return 0.0
        k1, b = self.weights.text_k1, self.weights.text_b
        norm = k1 * (1 - b + b * self._text_length[entry] / self._average_text_length)
        return min(1.0, tf * (k1 + 1) / (tf + norm))

    def _note_telling(self, term: _QueryTerm, entries: set[int], tally: _Tally) -> None:
        if term.weight >= self.weights.telling_word * self._max_idf:
            tally.telling_words.append((term.weight, entries))

    def _rank(self, tally: _Tally, limit: int) -> list[Match]:
        """The best `limit` entries. The exact fit of an entry's best variant is worked
        out only while an entry could still make the list: its bound takes the best
        conceivable variant (all its overlap in its lightest variant)."""
        w = self.weights
        bounds = []
        for entry in set(tally.entry_overlap) | set(tally.text_overlap):
            overlap = tally.entry_overlap.get(entry, 0.0)
            rest = (
                w.all_variants * overlap + w.texts * tally.text_overlap.get(entry, 0.0)
            ) / tally.total
            fit_bound = 2 * overlap / (tally.total + self._lightest_variant[entry])
            bounds.append((w.best_variant * min(fit_bound, 1.0) + rest, rest, entry))
        bounds.sort(key=lambda item: -item[0])
        top: list[tuple[float, int, int]] = []  # (score, variant position, entry)
        for bound, rest, entry in bounds:
            if len(top) >= limit and bound < top[-1][0]:
                break
            fit, position = self._best_variant(entry, tally)
            top.append((min(w.best_variant * fit + rest, 1.0), position, entry))
            top.sort(key=lambda item: (-item[0], self.keys[item[2]]))
            del top[limit:]
        return [
            Match(self.keys[entry], score, position, tally.missed_by(entry) / tally.total)
            for score, position, entry in top
        ]

    def _best_variant(self, entry: int, tally: _Tally) -> tuple[float, int]:
        best_fit, best_position = 0.0, 0
        for number in self._variants_of[entry]:
            variant = self._variants[number]
            if tally.variant_overlap is not None:
                overlap = tally.variant_overlap.get(number, 0.0)
            else:
                overlap = sum(t.gain for t in tally.terms if t.forms & variant.terms)
            fit = 2 * overlap / (tally.total + variant.weight)
            if fit > best_fit:
                best_fit, best_position = fit, variant.position
        return best_fit, best_position


def _postings(term_sets: Sequence[frozenset[str]]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for number, terms in enumerate(term_sets):
        for term in terms:
            postings[term].append(number)
    return postings
