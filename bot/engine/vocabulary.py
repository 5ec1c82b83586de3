"""The general vocabulary of each language: how common a word is, from wordfreq.

A word the knowledge base lacks is not necessarily the point of a question: "kindly",
"thesis", "actually" are everyday words, "Instagram" is a name a bakery survey never mentions.
How common a word is in the language tells them apart well enough to weigh it: an
everyday word is weak evidence against an answer, a rare one strong. Words that no
language knows are likely slips of ordinary words ("alrady", "whta").

Slips are corrected by a noisy channel (as Norvig's corrector and SymSpell do): a word
is read as a word one slip away (two in a long word) when that word, times the chance of
the slip, is far likelier in the question's language than the word as typed. Common
misspellings are on the web often enough that wordfreq knows them ("recieve" is as
common as many real words), so "is it a word at all" cannot tell them; "is something
one slip away a hundred times as common" can. The chances of each kind of slip and the
weight of the knowledge base's own words are fitted on data (`bot/languages/speller.yaml`,
`benchmarks/speller.py`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.engine.text import fold
from bot.knowledge.schema import LANGS, Lang
from bot.languages import SpellerParameters, language_packs, pack, speller_parameters

# wordfreq's Zipf scale: 7 is "the", 3 a word read once in a million words, 0 unknown.
GERMAN_INFINITIVE_ENDINGS = ("en", "ern", "eln")
MAX_REMEMBERED = 50_000  # word frequencies kept; typed words are long-tailed
# Typos are corrected to the commonest words of the language only: a rarer word is
# almost never likelier than the word as typed, and the lists stay small.
CORRECTION_WORDS = 30_000
# Shorter words are one slip away from too many others to guess ("u" is a chat word).
MIN_CORRECTION_LENGTH = 4
LONG_WORD = 8  # from this length on, two slips are still a typo
# Questions are folded ("wöchentlich" is read as "wochentlich"), word lists are not: a
# folded German word is looked up in the spellings it may have come from. Letters that
# may have lost their umlaut, and "ss" that may have been "ß"; a word with more such
# places than this is looked up in its first ones only (2**6 spellings at most).
UNFOLDINGS = {"a": "ä", "o": "ö", "u": "ü", "ss": "ß"}
MAX_UNFOLDED_PLACES = 6


class GeneralVocabulary:
    def __init__(
        self, languages: Iterable[str], parameters: SpellerParameters | None = None
    ) -> None:
        self._languages = tuple(languages)
        self._parameters = parameters or speller_parameters()
        self._zipf: dict[str, float] = {}
        self._zipf_in: dict[tuple[str, str], float] = {}
        self._written: dict[tuple[str, str], str] = {}
        self._candidates: dict[tuple[str, str], tuple[Candidate, ...]] = {}
        self._lexicons: dict[str, _Lexicon] = {}

    def zipf(self, word: str) -> float:
        """How common the folded `word` is in the commonest of the languages."""
        if word not in self._zipf:
            from wordfreq import zipf_frequency

            if len(self._zipf) >= MAX_REMEMBERED:
                self._zipf.clear()  # a plain reset beats LRU upkeep for a long tail

            self._zipf[word] = max(
                zipf_frequency(spelling, lang)
                for lang in self._languages
                for spelling in _spellings(word, lang)
            )
        return self._zipf[word]

    def written(self, word: str, lang: str) -> str:
        """The commonest spelling in `lang` that folds to `word` ("grossten" is
        "größten"), for tools that need the word as it is written."""
        key = (word, lang)
        if key not in self._written:
            from wordfreq import zipf_frequency

            if len(self._written) >= MAX_REMEMBERED:
                self._written.clear()
            self._written[key] = max(_spellings(word, lang), key=lambda s: zipf_frequency(s, lang))
        return self._written[key]

    def carries_topic(self, word: str, lang: str, light_words: frozenset[str]) -> bool:
        """Could this word the knowledge base lacks be what the question is about?
        Nouns, names, adjectives and most adverbs can ("Instagram", "Umsatz", "illegally",
        "heimlich"); verbs ("gebracht", "ansehen") and the language's discourse adverbs
        ("kindly", "actually": `light_words`, from the packs) do not. Without a tagger,
        German verbs are told by simplemma: their lemma is a lower-case infinitive."""
        if word in light_words:
            return False
        if lang == "de":
            import simplemma

            written = self.written(word, lang)
            if simplemma.is_known(written, lang="de"):
                lemma = simplemma.lemmatize(written, lang="de")
                return not (lemma[:1].islower() and lemma.endswith(GERMAN_INFINITIVE_ENDINGS))
        return True

    @staticmethod
    def spelt_alike(word: str, other: str, lang: str) -> bool:
        """Are two folded words one word in two spellings of `lang` ("programme",
        "program")?"""
        variants = language_packs()[lang].spelling_variants if lang in LANGS else ()
        return any(word.replace(a, b) == other or word.replace(b, a) == other for a, b in variants)

    def same_lemma(self, word: str, other: str, lang: str) -> bool:
        """Are two folded words forms of one word of `lang` ("criteria", "criterion";
        not "Demokratie", "Demokraten")?"""
        import simplemma

        def lemma(w: str) -> str:
            return simplemma.lemmatize(self.written(w, lang), lang=lang).casefold()

        return lemma(word) == lemma(other)

    def as_quoted(self, word: str, lang: Lang) -> str:
        """A word of the question as the reply quotes it: in a language that capitalises
        its nouns (the pack says so), a noun typed in lower case is capitalised
        ("nicht Mitarbeiter"); simplemma's lemma tells nouns, as it capitalises them."""
        if not pack(lang).capitalises_nouns or not word[:1].islower():
            return word
        import simplemma

        lemma = simplemma.lemmatize(word, lang=lang)
        return word[:1].upper() + word[1:] if lemma[:1].isupper() else word

    def warm(self) -> None:
        """Load the word lists now rather than on the first question that needs them
        (about half a second): a long-running bot calls this at start-up so its first
        user does not wait; a one-shot `ask` does not, as it may never need them."""
        import simplemma

        self.zipf("warm")
        simplemma.lemmatize("warm", lang="de")
        for lang in self._languages:
            self._lexicon(lang)

    def zipf_in(self, word: str, lang: str) -> float:
        """How common the folded `word` is in `lang` alone."""
        key = (word, lang)
        if key not in self._zipf_in:
            from wordfreq import zipf_frequency

            if len(self._zipf_in) >= MAX_REMEMBERED:
                self._zipf_in.clear()
            self._zipf_in[key] = max(zipf_frequency(s, lang) for s in _spellings(word, lang))
        return self._zipf_in[key]

    def correct(self, word: str, lang: str, known: Collection[str] = ()) -> str | None:
        """The word `word` is a slip of, if one is far likelier meant in `lang` than
        `word` as typed. `known` are the knowledge base's words near `word`: they are
        likelier meant than their frequency in the language says."""
        if len(word) < MIN_CORRECTION_LENGTH or not word.isalpha():
            return None
        found = [*self.candidates(word, lang)]
        general = {c.word for c in found}
        found += [
            Candidate(k, self.zipf_in(k, lang), kinds)
            for k in known
            if k not in general and (kinds := slips(k, word)) is not None
        ]
        return choose(self.typed(word, lang), found, frozenset(known), self._parameters)

    def typed(self, word: str, lang: str) -> Typed:
        return Typed(
            self.zipf_in(word, lang),
            max(
                (self.zipf_in(word, other) for other in self._languages if other != lang),
                default=0.0,
            ),
            len(word),
        )

    def candidates(self, word: str, lang: str) -> Sequence[Candidate]:
        """The common words of `lang` that `word` may be a slip of: one slip away (two in
        a long word), with its first letter, or its first two letters swapped."""
        key = (word, lang)
        if key not in self._candidates:
            if len(self._candidates) >= MAX_REMEMBERED:
                self._candidates.clear()
            self._candidates[key] = self._find_candidates(word, lang)
        return self._candidates[key]

    def _find_candidates(self, word: str, lang: str) -> tuple[Candidate, ...]:
        reach = 2 if len(word) >= LONG_WORD else 1
        lexicon = self._lexicon(lang)
        near: set[str] = set()
        for length in range(len(word) - reach, len(word) + reach + 1):
            bucket = lexicon.buckets.get((length, word[0]), ())
            near.update(
                found
                for found, _, _ in process.extract(
                    word,
                    bucket,
                    scorer=OSA.distance,
                    score_cutoff=reach,
                    limit=None,
                    processor=None,
                )
            )
        swapped = word[1] + word[0] + word[2:]
        if swapped in lexicon.zipf:
            near.add(swapped)
        near.discard(word)
        return tuple(
            Candidate(c, lexicon.zipf[c], kinds)
            for c in sorted(near)
            if (kinds := slips(c, word)) is not None
        )

    def _lexicon(self, lang: str) -> _Lexicon:
        if lang not in self._lexicons:
            self._lexicons[lang] = _Lexicon.of(lang)
        return self._lexicons[lang]


class Typed(NamedTuple):
    """How common a typed word is in the question's language and in the others, and
    how long it is."""

    zipf: float
    other_zipf: float
    length: int


# The kinds of slip, as the typist made them from the word meant.
SLIP_KINDS = ("swap", "deletion", "insertion", "substitution", "vowel", "doubling")
SWAP, DELETION, INSERTION, SUBSTITUTION, VOWEL, DOUBLING = range(len(SLIP_KINDS))
VOWELS = frozenset("aeiouy")
Slips = tuple[int, int, int, int, int, int]  # how many of each kind


class Candidate(NamedTuple):
    word: str
    zipf: float  # in the question's language
    slips: Slips


def choose(
    typed: Typed,
    candidates: Iterable[Candidate],
    known: frozenset[str],
    parameters: SpellerParameters,
) -> str | None:
    """The candidate whose log10 P(word) + log10 P(slip) beats log10 P(typed), if any.
    P(slip) is the chance of its kinds of slip, growing with the word's length.
    P(no slip) is close to 1, and P(typed) takes in that a question may use a word of
    another of the bot's languages ("Brot" in an English question). Zipf is log10 of
    the frequency per billion words, so it stands in for log10 P."""
    p = parameters
    costs = [getattr(p, kind) for kind in SLIP_KINDS]
    as_typed = math.log10(10**typed.zipf + 10 ** (typed.other_zipf + p.foreign_share))
    # Each letter typed is a chance to slip: a long word is likelier to hold one.
    by_length = p.length * math.log10(typed.length)
    best: tuple[float, str] | None = None
    for candidate in candidates:
        slipped = sum(n * c for n, c in zip(candidate.slips, costs, strict=True))
        score = candidate.zipf + slipped + by_length
        if candidate.word in known:
            score += p.known_bonus
        if score > as_typed and (best is None or (score, best[1]) > best):
            best = (score, candidate.word)
    return best[1] if best else None


def slips(meant: str, typed: str) -> Slips | None:
    """The fewest slips that make `typed` of `meant`, by kind (swaps of neighbours,
    deletions, insertions, substitutions), if they are few enough for a typo (one, two
    in a long word) and keep the first letter (slips rarely hit it) or swap the first
    two."""
    reach = 2 if max(len(meant), len(typed)) >= LONG_WORD else 1
    if abs(len(meant) - len(typed)) > reach or meant == typed:
        return None
    if meant[0] != typed[0] and meant[:2] != typed[1::-1]:
        return None
    counts = _slip_counts(meant, typed)
    return counts if sum(counts) <= reach else None


def _slip_counts(meant: str, typed: str) -> Slips:
    """Optimal string alignment (Damerau-Levenshtein without repeated edits of one
    place), counting each kind along one cheapest path; ties prefer a swap, then a
    substitution, as the likelier slips. A vowel for a vowel ("seperate") and a letter
    doubled or undoubled ("untill", "adress") are kinds of their own: spelling, not
    typing, makes them, and far more often than other slips."""
    rows, cols = len(meant) + 1, len(typed) + 1
    cost = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        cost[i][0] = i
    for j in range(cols):
        cost[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            same = meant[i - 1] == typed[j - 1]
            cost[i][j] = min(
                cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + (0 if same else 1)
            )
            if i > 1 and j > 1 and meant[i - 1] == typed[j - 2] and meant[i - 2] == typed[j - 1]:
                cost[i][j] = min(cost[i][j], cost[i - 2][j - 2] + 1)
    counts = [0] * len(SLIP_KINDS)
    i, j = rows - 1, cols - 1
    while i or j:
        here = cost[i][j]
        if (
            i > 1
            and j > 1
            and meant[i - 1] == typed[j - 2]
            and meant[i - 2] == typed[j - 1]
            and meant[i - 1] != typed[j - 1]
            and cost[i - 2][j - 2] + 1 == here
        ):
            counts[SWAP] += 1
            i, j = i - 2, j - 2
        elif i and j and cost[i - 1][j - 1] + (meant[i - 1] != typed[j - 1]) == here:
            if meant[i - 1] != typed[j - 1]:
                vowels = meant[i - 1] in VOWELS and typed[j - 1] in VOWELS
                counts[VOWEL if vowels else SUBSTITUTION] += 1
            i, j = i - 1, j - 1
        elif i and cost[i - 1][j] + 1 == here:
            counts[DOUBLING if _doubled(meant, i - 1) else DELETION] += 1
            i -= 1
        else:
            counts[DOUBLING if _doubled(typed, j - 1) else INSERTION] += 1
            j -= 1
    return (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])


def _doubled(word: str, at: int) -> bool:
    """Is the letter at `at` one of a pair ("ll" in "untill")?"""
    return word[at] in (word[at - 1 : at] + word[at + 1 : at + 2])


@dataclass(frozen=True)
class _Lexicon:
    """The commonest words of one language, folded, with how common each is."""

    zipf: dict[str, float]
    buckets: dict[tuple[int, str], list[str]]  # by length and first letter

    @classmethod
    def of(cls, lang: str) -> _Lexicon:
        from wordfreq import get_frequency_dict, top_n_list

        # One dictionary read instead of a zipf_frequency call per word (a third of the
        # time); for single words it is the same Zipf value.
        frequency = get_frequency_dict(lang)
        zipf: dict[str, float] = {}
        for raw in top_n_list(lang, CORRECTION_WORDS):
            word = fold(raw)
            if word.isalpha():
                # Folding merges spellings ("schon", "schön"): the commonest counts.
                value = round(math.log10(frequency[raw]) + 9, 2)
                zipf[word] = max(zipf.get(word, 0.0), value)
        buckets: dict[tuple[int, str], list[str]] = defaultdict(list)
        for word in zipf:
            buckets[len(word), word[0]].append(word)
        return cls(zipf, dict(buckets))


def _spellings(word: str, lang: str) -> Iterator[str]:
    """`word` and, in German, the spellings with umlauts and ß that fold to it."""
    yield word
    if lang != "de":
        return
    parts: list[list[str]] = []
    places = 0
    rest = word
    while rest:
        letter = "ss" if rest.startswith("ss") else rest[0]
        rest = rest[len(letter) :]
        if letter in UNFOLDINGS and places < MAX_UNFOLDED_PLACES:
            places += 1
            parts.append([letter, UNFOLDINGS[letter]])
        else:
            parts.append([letter])
    if places:
        for choice in product(*parts):
            spelling = "".join(choice)
            if spelling != word:
                yield spelling
