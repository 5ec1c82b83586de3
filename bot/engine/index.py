"""The matcher: which knowledge entries a question is about, and how sure that is.

Retrieval is IDF-weighted term overlap over every question variant of an entry (the
best variant counts most) and, more weakly, over its answer and context text, where
a word's weight saturates with repetition and long texts count less (as in BM25).
Typos are mapped to near vocabulary words before matching. The score is one confidence
in 0..1: how much of the question's weight an entry covers, and how well its best
variant fits the question as a whole. Words the knowledge base does not know at all
count against every entry, so "how many bakeries use Instagram" is not answered with
whatever else mentions companies.

A question's common words can reach thousands of entries, so the per-entry work is
done by numpy: postings are arrays of entry numbers (with, for answer texts, each
entry's saturated weight of the word, worked out at build time), a question's evidence
is summed into one array slot per entry, and every candidate's upper bound is computed
at once. Only the entries whose bound could still make the list get the exact (Python)
fit of their best variant, best bound first.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.engine.analysis import Analyzer, QueryWord
from bot.engine.lexicon import LIGHT_WORDS, RESTRICTIVE_WORDS, filler_words
from bot.engine.spelling import Speller
from bot.engine.text import words
from bot.engine.vocabulary import GeneralVocabulary
from bot.knowledge.schema import Lang
from bot.languages import all_words

# In a large knowledge base, a term in more entries than this is "common": it only adds
# to entries that a rarer word of the question found, instead of touching them all.
COMMON_TERM_ENTRIES = 200
COMMON_TERM_SHARE = 0.02
# Summing the overlap of every variant a question's words are in takes numpy well under
# a millisecond up to this many postings; beyond, fitting just the ranked entries is cheaper.
VARIANT_POSTINGS_BUDGET = 50_000
# Candidates are sorted by their bound this many at a time (then four times as many):
# the list is usually settled within the first few.
FIRST_SORTED = 32
# How many words of one question are looked up for typos: no real question has more
# unknown words, and each costs a dictionary look-up.
MAX_CORRECTIONS = 12
# A particle glued to the next word ("nachhause") is split off before a word this long.
MIN_PARTICLE_TAIL = 4
# The parts of a compound read as a knowledge-base word and an everyday one are this
# long at least: shorter ones match by chance.
MIN_MODIFIER = 4
MIN_HEAD = 5  # "Mehrheit" is no "mehr" + "heit"
GLUED_PARTICLES = all_words(lambda p: p.glued_particles)
# Longest first: "ungen" before "ung".
NOUN_ENDINGS = sorted(all_words(lambda p: p.noun_endings), key=len, reverse=True)
MIN_VERB_BASE = 4
# A word this common in the language (wordfreq's Zipf scale: once in a million words)
# is taken as written, never corrected into a knowledge-base word.
REAL_WORD_ZIPF = 3.0

Entries = npt.NDArray[np.integer[Any]]  # entry numbers, ascending
Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
_NO_ENTRIES: Entries = np.zeros(0, dtype=np.int32)
_NO_FLOATS: Floats = np.zeros(0, dtype=np.float64)


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
    # An unknown word weighing at least this much (1: a rare word, 0.1: an everyday one)
    # may be the point of the question: it is quoted back and calls for a closer fit.
    carrying_word: float = 0.5
    light_word: float = 0.1  # an unknown word that is no topic ("kindly", "gebracht")
    framing_word: float = 0.3  # a known word in the preamble, before "could you tell me"
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
    # "Google" in "who is the CEO of Google", matched with what the guild's managing
    # director said.
    missed: float = 0.0
    # How sure the semantic channel is of this entry, 0..1 (0 without one).
    semantic: float = 0.0


@dataclass(frozen=True)
class SearchResult:
    matches: list[Match]  # best first
    unknown: list[str] = field(default_factory=list)  # content words unknown to the index
    words: list[QueryWord] = field(default_factory=list)
    # A word as written -> the one word it was read as ("recieve" -> "receive"): what the
    # sentence model should read too, as it knows no typos.
    respelled: dict[str, str] = field(default_factory=dict)


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
class _TextPostings:
    """The entries whose texts use a term."""

    entries: Entries
    counts: Floats  # how often each entry's texts use it (whole numbers)
    saturation: Floats  # what that count is worth to each entry, 0..1 (see _saturation)


@dataclass(frozen=True)
class _QueryTerm:
    forms: frozenset[str]  # the terms it may stand for that the index knows
    weight: float  # its IDF: what it adds to the question's total
    gain: float  # what it adds to an entry that has it (less for a corrected typo)


@dataclass
class _Tally:
    """The evidence of one question, summed per entry (one array slot per entry)."""

    entry_overlap: Floats
    text_overlap: Floats
    candidates: Mask  # the entries the question's seed words found: the only ones ranked
    total: float = 0.0
    terms: list[_QueryTerm] = field(default_factory=list)
    # Per variant, when the question's words are rare enough to sum it for all at once.
    variant_overlap: Floats | None = None
    telling_words: list[tuple[float, Mask]] = field(default_factory=list)

    @classmethod
    def empty(cls, entries: int) -> _Tally:
        return cls(np.zeros(entries), np.zeros(entries), np.zeros(entries, dtype=np.bool_))

    def missed_by(self, entry: int) -> float:
        return sum(weight for weight, reached in self.telling_words if not reached[entry])


class SearchIndex:
    def __init__(
        self,
        entries: Sequence[IndexEntry],
        analyzer: Analyzer,
        weights: MatchWeights | None = None,
        vocabulary: GeneralVocabulary | None = None,
    ) -> None:
        self.analyzer = analyzer
        self.vocabulary = vocabulary
        self.weights = weights or MatchWeights()
        self.keys = [entry.key for entry in entries]
        entry_terms: list[frozenset[str]] = []
        text_tf: list[dict[str, int]] = []
        surface: set[str] = set()
        variant_terms: list[tuple[int, int, frozenset[str]]] = []
        # An entry's variants are numbered consecutively: their overlaps are one slice.
        self._variants_of: list[range] = []
        for number, entry in enumerate(entries):
            terms, counts, variants = self._read_entry(number, entry, surface)
            entry_terms.append(terms)
            text_tf.append(counts)
            self._variants_of.append(range(len(variant_terms), len(variant_terms) + len(variants)))
            variant_terms += variants
        self._idf = _compute_idf(entry_terms, text_tf)
        self._variants = [
            # Summed in sorted order: a set's order changes with the hash seed, and the
            # last bits of a weight decide ties between variants.
            _Variant(entry, position, terms, sum(self._idf[t] for t in sorted(terms)))
            for entry, position, terms in variant_terms
        ]
        self._variant_postings = _postings([variant.terms for variant in self._variants])
        self._lightest_variant: Floats = np.array(
            [
                min((self._variants[n].weight for n in numbers), default=0.0)
                for numbers in self._variants_of
            ],
            dtype=np.float64,
        )
        self._entry_postings = _postings(entry_terms)
        self._text_norm = self._length_norms(text_tf)
        self._text_postings = self._text_postings_of(text_tf)
        self._max_idf = max(self._idf.values(), default=1.0)
        self._common_df = max(COMMON_TERM_ENTRIES, int(COMMON_TERM_SHARE * len(entries)))
        self._surface = frozenset(surface | analyzer.synonym_words(self._idf))
        self._filler = filler_words()
        # Typos are corrected to content words; a stop word in a knowledge text ("most")
        # is no correction for "cost".
        content = surface - analyzer.stop_words()
        self._speller = Speller(content, analyzer.stop_words(), self.weights.typo_certainty)

    def _read_entry(
        self, number: int, entry: IndexEntry, surface: set[str]
    ) -> tuple[frozenset[str], dict[str, int], list[tuple[int, int, frozenset[str]]]]:
        """The entry's terms in any variant, its text terms counted, and its variants."""
        variants = []
        for position, (text, lang) in enumerate(entry.variants):
            variants.append((number, position, frozenset(self.analyzer.terms(text, lang))))
            surface.update(words(text))
        text_tf: dict[str, int] = defaultdict(int)
        for text, lang in entry.texts:
            for term in self.analyzer.terms(text, lang):
                text_tf[term] += 1
            surface.update(words(text))
        terms = frozenset(t for _, _, terms in variants for t in terms)
        return terms, dict(text_tf), variants

    def _length_norms(self, text_tf: Sequence[dict[str, int]]) -> Floats:
        """BM25's length normalisation of each entry's texts: longer ones count less."""
        lengths = [sum(tf.values()) for tf in text_tf]
        # Without any text (lengths all 0) no norm is ever used.
        average = (sum(lengths) / len(lengths) if lengths else 0.0) or 1.0
        k1, b = self.weights.text_k1, self.weights.text_b
        return np.array([k1 * (1 - b + b * length / average) for length in lengths])

    def _text_postings_of(self, text_tf: Sequence[dict[str, int]]) -> dict[str, _TextPostings]:
        by_term: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for number, tf in enumerate(text_tf):
            for term, count in tf.items():
                numbers, counts = by_term[term]
                numbers.append(number)
                counts.append(count)
        postings = {}
        for term, (numbers, counts) in by_term.items():
            entries = np.array(numbers, dtype=np.int32)
            uses = np.array(counts, dtype=np.float64)
            postings[term] = _TextPostings(entries, uses, self._saturation(entries, uses))
        return postings

    def entries_by_term(self) -> Iterator[tuple[str, Entries]]:
        """Each term with the entries whose variants or texts use it (a term of both
        once per place)."""
        yield from self._entry_postings.items()
        for term, postings in self._text_postings.items():
            yield term, postings.entries

    def stats(self) -> IndexStats:
        longest = max(
            [len(p) for p in self._entry_postings.values()]
            + [len(p.entries) for p in self._text_postings.values()],
            default=0,
        )
        return IndexStats(len(self.keys), len(self._variants), len(self._surface), longest)

    # --- reading a question -------------------------------------------------------

    def read(
        self,
        text: str,
        lang: str = "en",
        light: frozenset[str] = frozenset(),
        names: frozenset[str] = frozenset(),
    ) -> tuple[list[QueryWord], list[str]]:
        """The question's content words (typos corrected) and the unknown words that
        may carry it: not an adverb or verb the knowledge base lacks ("kindly",
        "gebracht"), nor a word of the question's preamble (`light`: "I'm writing a
        thesis ..., could you tell me ...")."""
        query_words, unknown, _, _ = self._read(text, lang, light, names)
        return query_words, unknown

    def _read(
        self,
        text: str,
        lang: str,
        light: frozenset[str],
        names: frozenset[str],
        nouns: frozenset[str] = frozenset(),
    ) -> tuple[list[QueryWord], list[str], frozenset[str], dict[str, str]]:
        """`read`, the light words with the parts of those it split or corrected
        ("Wählerstimmung" in the preamble: "wähler" and "stimmung" are light too), and
        each word read as another single word, by the word as written."""
        spelled: list[tuple[str, float]] = []
        written: dict[str, str] = {}  # a corrected word -> the word as the person wrote it
        respelled: dict[str, str] = {}
        corrections = 0
        read: dict[str, list[tuple[str, float]]] = {}  # a word said twice is read once
        for word in self._joined(words(text)):
            if word in read:
                spelled.extend(read[word])
                continue
            if self._needs_spelling(word):
                # Correcting costs a look-up per word: a question of many unknown words
                # gets the first few looked up, the rest are taken as written.
                corrections += 1
                if corrections > MAX_CORRECTIONS:
                    read[word] = [(word, 1.0)]
                    spelled.extend(read[word])
                    continue
            parts = read[word] = self._spell(word, lang, names)
            written.update((part, word) for part, _ in parts if part != word)
            if len(parts) == 1 and parts[0][0] != word:
                respelled[word] = parts[0][0]
            spelled.extend(parts)
        light = light | {part for part, word in written.items() if word in light}
        # An acronym the knowledge base writes ("IT") is its own: a stop word as before.
        names = frozenset(n for n in names if n not in self._surface)
        query_words = self.analyzer.query_words(spelled, names)
        unknown = [
            written.get(w.surface, w.surface)
            for w in query_words
            if not self._known(w)
            and self._unknown_weight(w.surface, lang, light, nouns) >= self.weights.carrying_word
        ]
        return query_words, unknown, light, respelled

    def _joined(self, folded: list[str]) -> list[str]:
        """Two words the knowledge base writes as one ("rye bread" for "Roggenbrot"
        written "roggen brot", "e mail" for "email") are that one word, when one of them
        alone is unknown to it."""
        joined: list[str] = []
        i = 0
        while i < len(folded):
            pair = folded[i : i + 2]
            if (
                len(pair) == 2
                and pair[0].isalpha()
                and pair[1].isalpha()
                and pair[0] + pair[1] in self._surface
                and not (pair[0] in self._surface and pair[1] in self._surface)
            ):
                joined.append(pair[0] + pair[1])
                i += 2
            else:
                joined.append(folded[i])
                i += 1
        return joined

    def knows(self, word: str) -> bool:
        """Does any knowledge text write the folded `word`, or a form of it?"""
        return word in self._surface or self._known_forms(word)

    def _known(self, word: QueryWord) -> bool:
        """A word any knowledge text writes is known, even where it is only part of a
        phrase ("immer" in "immer mehr"): the surveys do not "say nothing about" it."""
        return word.surface in self._surface or any(f in self._idf for f in word.forms)

    def _unknown_weight(
        self, surface: str, lang: str, light: frozenset[str], nouns: frozenset[str] = frozenset()
    ) -> float:
        """How much a word the knowledge base lacks counts: as much as its rarest word
        when it may be the topic, little when it is no topic word or in the preamble. A
        word written as a noun is one ("das Wetter", though "wetter" is also a verb)."""
        if surface in RESTRICTIVE_WORDS or " " in surface:
            return 1.0
        if surface in light:
            return self.weights.light_word
        if surface in nouns:
            return 1.0
        if self.vocabulary is None or self.vocabulary.carries_topic(surface, lang, LIGHT_WORDS):
            return 1.0
        return self.weights.light_word

    def _real_word_kept(self, word: str, correction: tuple[str, float], lang: str) -> bool:
        """A real word is not a slip of a knowledge-base word that starts differently
        ("Brot" is no "rot": slips rarely hit the first letter), nor two slips of
        another word of its language that is rarer than itself ("Demokratie" is no
        "Demokraten": two slips landing on a rarer real word are far less likely than
        a word meant as written), unless both are one word: its forms ("criteria",
        "criterion") or its spellings ("programme", "program"). One slip apart a word is
        still read as the knowledge base's: in a question about that word, one slip is
        the likelier story, and a real word read as another ("Frauen" as "freuen") is
        the price (the words alone cannot tell). "role" may still be "Rolle": a word of
        the other language is no rival."""
        vocabulary = self.vocabulary
        if vocabulary is None or vocabulary.zipf(word) < REAL_WORD_ZIPF:
            return False
        meant, certainty = correction
        if meant[:1] != word[:1]:
            return True
        # The speller's certainty is one `typo_certainty` per edit it needed.
        one_slip = certainty >= self.weights.typo_certainty
        rarity = vocabulary.zipf_in(meant, lang)
        return (
            not one_slip
            and rarity >= REAL_WORD_ZIPF
            and vocabulary.zipf_in(word, lang) >= rarity
            and not vocabulary.spelt_alike(word, meant, lang)
            and not vocabulary.same_lemma(word, meant, lang)
        )

    def _needs_spelling(self, word: str) -> bool:
        return not (
            word.isdigit()
            or word in self._surface
            or self.analyzer.is_stop_word(word)
            or word in self._filler
        )

    def _spell(self, word: str, lang: str, names: frozenset[str]) -> list[tuple[str, float]]:
        if word.isdigit() or word in self._surface:
            return [(word, 1.0)]
        if self._known_forms(word):
            # A common misspelling may stem like a knowledge-base word ("definately" and
            # "defined"): it is read as the word it is a slip of, as any other slip.
            slip = self._everyday_slip(word, lang, names)
            return [(word, 1.0)] if slip is None else self._slip(slip)
        if self.analyzer.is_stop_word(word):
            return [(word, 1.0)]
        if word in self._filler:
            return []
        corrected = self._speller.correct(word)
        if corrected is not None and not self._real_word_kept(word, corrected, lang):
            return [corrected]
        verb = self._verb_of(word)
        if verb is not None:
            return [(verb, self.weights.typo_certainty)]
        parts = (
            self._speller.split_compound(word)
            or self._split_after_particle(word)
            or self._split_known_modifier(word)
        )
        if parts:
            return [(part, 1.0) for part in parts]
        slip = self._everyday_slip(word, lang, names)
        return [(word, 1.0)] if slip is None else self._slip(slip)

    def _everyday_slip(self, word: str, lang: str, names: frozenset[str]) -> str | None:
        """The word of the question's language `word` is a slip of ("recieve",
        "alrady"), if any; a name (written in capitals) is no slip."""
        if self.vocabulary is None or word in names:
            return None
        return self.vocabulary.correct(word, lang, self._speller.near(word))

    def _slip(self, meant: str) -> list[tuple[str, float]]:
        """A slip of an everyday word is that word: weak evidence, or a stop word,
        instead of an unknown word that vetoes the answer. Filler is dropped, unless
        the knowledge base writes it ("date" is filler, and a topic of some)."""
        if meant in self._filler and not self.knows(meant):
            return []
        return [(meant, self.weights.typo_certainty)]

    def _split_after_particle(self, word: str) -> list[str]:
        """ "nachhause" is "nach Hause": a particle the language glues to the next word
        (the packs' `glued_particles`), before a word the knowledge base writes apart.
        "overtime" is no "over time": English glues none."""
        for particle in GLUED_PARTICLES:
            tail = word[len(particle) :]
            if (
                word.startswith(particle)
                and len(tail) >= MIN_PARTICLE_TAIL
                and tail in self._surface
            ):
                return [particle, tail]
        return []

    def _verb_of(self, word: str) -> str | None:
        """The verb a knowledge text writes that `word` is the noun of ("expectation":
        "expect", "Erwartung": "erwarten"), by the packs' noun endings."""
        for ending in NOUN_ENDINGS:
            base = word[: -len(ending)]
            if word.endswith(ending) and len(base) >= MIN_VERB_BASE and self._known_forms(base):
                return base
        return None

    def _split_known_modifier(self, word: str) -> list[str]:
        """ "Homeofficequote", "Klimawandelfolgen": a knowledge-base word before an
        everyday word of the language (German puts what a compound is about first and
        what kind of thing it is last). The longest such modifier wins."""
        if (
            self.vocabulary is None
            or len(word) < 2 * MIN_MODIFIER
            # "Übersicht" is a word of its own, not "über" + "Sicht".
            or self.vocabulary.zipf(word) >= REAL_WORD_ZIPF
        ):
            return []
        for cut in range(len(word) - MIN_MODIFIER, MIN_MODIFIER - 1, -1):
            head, tail = word[:cut], word[cut:]
            if head not in self._surface or self.analyzer.is_stop_word(head):
                continue
            for rest in (tail, tail[1:]) if tail.startswith("s") else (tail,):
                if len(rest) >= MIN_HEAD and self.vocabulary.zipf(rest) >= REAL_WORD_ZIPF:
                    return [head, rest]
        return []

    def _known_forms(self, word: str) -> bool:
        return any(form in self._idf for form in self.analyzer.forms(word))

    # --- scoring ------------------------------------------------------------------

    def search(
        self,
        text: str,
        limit: int = 10,
        lang: str = "en",
        light: frozenset[str] = frozenset(),
        names: frozenset[str] = frozenset(),
        nouns: frozenset[str] = frozenset(),
    ) -> SearchResult:
        query_words, unknown, light, respelled = self._read(text, lang, light, names, nouns)
        matches = self.score_words(query_words, limit, lang, light, nouns)
        return SearchResult(matches, unknown, query_words, respelled)

    def score_words(
        self,
        query_words: Sequence[QueryWord],
        limit: int = 10,
        lang: str = "en",
        light: frozenset[str] = frozenset(),
        nouns: frozenset[str] = frozenset(),
    ) -> list[Match]:
        tally = _Tally.empty(len(self.keys))
        for word in query_words:
            known = frozenset(f for f in word.forms if f in self._idf)
            if not known:
                weight = self._unknown_weight(word.surface, lang, light, nouns)
                tally.total += self.weights.unknown_word * self._max_idf * weight
                continue
            weight = max(self._idf[f] for f in known)
            if word.surface in light:
                # "I'm writing a thesis on marketing, could you tell me ...": the
                # preamble's words may name the topic, but the question says what is asked.
                weight *= self.weights.framing_word
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
        # Seeds first, then the rest in question order (floating-point sums depend on
        # their order: this one keeps every score the same to the last bit).
        for term in seeds:
            self._add(term, tally, seed=True)
        for term in tally.terms:
            if term not in seeds:
                self._add(term, tally, seed=False)
        self._sum_variants_if_cheap(tally)
        return self._rank(tally, limit)

    def _sum_variants_if_cheap(self, tally: _Tally) -> None:
        """Sum every variant's overlap through the postings when that is little work (a
        small knowledge base, rare words): cheaper than fitting each entry's variants."""
        found = [
            [self._variant_postings[f] for f in term.forms if f in self._variant_postings]
            for term in tally.terms
        ]
        work = sum(len(numbers) for postings in found for numbers in postings)
        if work > VARIANT_POSTINGS_BUDGET:
            return
        overlap = np.zeros(len(self._variants))
        for term, postings in zip(tally.terms, found, strict=True):
            overlap[_union(postings)] += term.gain
        tally.variant_overlap = overlap

    def _is_common(self, term: _QueryTerm) -> bool:
        return self._term_frequency(term) > self._common_df

    def _term_frequency(self, term: _QueryTerm) -> int:
        return min(self._document_frequency(f) for f in term.forms)

    def _document_frequency(self, term: str) -> int:
        in_texts = self._text_postings.get(term)
        return max(
            len(self._entry_postings.get(term, _NO_ENTRIES)),
            0 if in_texts is None else len(in_texts.entries),
        )

    def _add(self, term: _QueryTerm, tally: _Tally, *, seed: bool) -> None:
        """Add a word's evidence to every entry it reaches. A common word's evidence
        only counts for the candidates that the seeds find (the rest are not ranked)."""
        in_variants = self._in_variants(term)
        in_texts, saturation = self._in_texts(term)
        # An entry occurs once per array, so these adds are one per entry.
        tally.entry_overlap[in_variants] += term.gain
        tally.text_overlap[in_texts] += term.gain * saturation
        if seed:
            tally.candidates[in_variants] = True
            tally.candidates[in_texts] = True
        if term.weight >= self.weights.telling_word * self._max_idf:
            reached = np.zeros(len(self.keys), dtype=np.bool_)
            reached[in_variants] = True
            reached[in_texts] = True
            tally.telling_words.append((term.weight, reached))

    def _in_variants(self, term: _QueryTerm) -> Entries:
        """The entries with the word in a variant (in any of its forms)."""
        return _union([self._entry_postings[f] for f in term.forms if f in self._entry_postings])

    def _in_texts(self, term: _QueryTerm) -> tuple[Entries, Floats]:
        """The entries whose texts use the word, and how strongly (see _saturation)."""
        found = [self._text_postings[f] for f in term.forms if f in self._text_postings]
        if len(found) == 1:
            return found[0].entries, found[0].saturation
        if not found:
            return _NO_ENTRIES, _NO_FLOATS
        # Several forms in one entry count as one word used that many times.
        entries, where = np.unique(np.concatenate([p.entries for p in found]), return_inverse=True)
        summed = np.bincount(where, weights=np.concatenate([p.counts for p in found]))
        counts: Floats = np.asarray(summed, dtype=np.float64)  # its types do not say float
        return entries, self._saturation(entries, counts)

    def _saturation(self, entries: Entries, counts: Floats) -> Floats:
        """How strongly each entry's texts use a word, 0..1: BM25's tf part, capped at 1
        so one mention in a text of average length counts fully and the score stays 0..1
        (uncapped ranks StackFAQ 0.01 better and our own questions slightly worse)."""
        k1 = self.weights.text_k1
        saturation: Floats = np.minimum(
            1.0, counts * (k1 + 1) / (counts + self._text_norm[entries])
        )
        return saturation

    def _rank(self, tally: _Tally, limit: int) -> list[Match]:
        """The best `limit` entries. The exact fit of an entry's best variant is worked
        out only while an entry could still make the list: its bound takes the best
        conceivable variant (all its overlap in its lightest variant)."""
        w = self.weights
        candidates = np.flatnonzero(tally.candidates)
        overlap = tally.entry_overlap[candidates]
        rests = (w.all_variants * overlap + w.texts * tally.text_overlap[candidates]) / tally.total
        fit_bounds = 2 * overlap / (tally.total + self._lightest_variant[candidates])
        bounds = w.best_variant * np.minimum(fit_bounds, 1.0) + rests
        top: list[tuple[float, int, int]] = []  # (score, variant position, entry)
        for bound, rest, entry in _by_falling_bound(bounds, rests, candidates, FIRST_SORTED):
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
        numbers = self._variants_of[entry]
        variants = self._variants[numbers.start : numbers.stop]
        if tally.variant_overlap is not None:
            overlaps = tally.variant_overlap[numbers.start : numbers.stop].tolist()
        else:
            overlaps = [sum(t.gain for t in tally.terms if t.forms & v.terms) for v in variants]
        best_fit, best_position = 0.0, 0
        for variant, overlap in zip(variants, overlaps, strict=True):
            fit = 2 * overlap / (tally.total + variant.weight)
            if fit > best_fit:
                best_fit, best_position = fit, variant.position
        return best_fit, best_position


def _by_falling_bound(
    bounds: Floats, rests: Floats, entries: Entries, batch: int
) -> Iterator[tuple[float, float, int]]:
    """(bound, rest, entry) by falling bound, ties in entry order. Sorting all the
    candidates would cost more than ranking looks at, so they are sorted a batch at a
    time: the best `batch` (with every tie of the last), then four times as many."""
    remaining = np.arange(len(bounds))  # positions, in entry order
    while remaining.size:
        if remaining.size > batch:
            bound = bounds[remaining]
            cut = np.partition(bound, remaining.size - batch)[remaining.size - batch]
            chosen, remaining = remaining[bound >= cut], remaining[bound < cut]
        else:
            chosen, remaining = remaining, remaining[:0]
        chosen = chosen[np.argsort(-bounds[chosen], kind="stable")]
        yield from zip(
            bounds[chosen].tolist(), rests[chosen].tolist(), entries[chosen].tolist(), strict=True
        )
        batch *= 4


def _union(postings: Sequence[Entries]) -> Entries:
    """The entries in any of the postings, each once."""
    if len(postings) == 1:
        return postings[0]
    return reduce(np.union1d, postings, _NO_ENTRIES)


def _compute_idf(
    entry_terms: Sequence[frozenset[str]], text_tf: Sequence[dict[str, int]]
) -> dict[str, float]:
    size = len(entry_terms)
    documents: dict[str, int] = defaultdict(int)
    for terms, tf in zip(entry_terms, text_tf, strict=True):
        for term in terms | tf.keys():
            documents[term] += 1
    return {
        term: math.log(1 + (size - count + 0.5) / (count + 0.5))
        for term, count in documents.items()
    }


def _postings(term_sets: Sequence[frozenset[str]]) -> dict[str, Entries]:
    postings: dict[str, list[int]] = defaultdict(list)
    for number, terms in enumerate(term_sets):
        for term in terms:
            postings[term].append(number)
    return {term: np.array(numbers, dtype=np.int32) for term, numbers in postings.items()}
