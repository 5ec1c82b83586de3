"""The general vocabulary of each language: how common a word is, from wordfreq.

A word the knowledge base lacks is not necessarily the point of a question: "kindly",
"thesis", "actually" are everyday words, "Instagram" is a name a bakery survey never mentions.
How common a word is in the language tells them apart well enough to weigh it: an
everyday word is weak evidence against an answer, a rare one strong. Words that no
language knows are likely slips of ordinary words ("alrady", "whta") and are corrected
against the most common words of each language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import product

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.engine.text import fold
from bot.knowledge.schema import Lang
from bot.languages import pack

# wordfreq's Zipf scale: 7 is "the", 3 a word read once in a million words, 0 unknown.
WORD_ZIPF = 1.5  # below this in every language a word is no word: a slip or a name
GERMAN_INFINITIVE_ENDINGS = ("en", "ern", "eln")
MAX_REMEMBERED = 50_000  # word frequencies kept; typed words are long-tailed
# Typos are corrected to the commonest words only: rare ones would "correct" a slip
# into some other rare word.
CORRECTION_WORDS = 25_000
MIN_CORRECTION_LENGTH = 4
# Questions are folded ("wöchentlich" is read as "wochentlich"), word lists are not: a
# folded German word is looked up in the spellings it may have come from. Letters that
# may have lost their umlaut, and "ss" that may have been "ß"; a word with more such
# places than this is looked up in its first ones only (2**6 spellings at most).
UNFOLDINGS = {"a": "ä", "o": "ö", "u": "ü", "ss": "ß"}
MAX_UNFOLDED_PLACES = 6


class GeneralVocabulary:
    def __init__(self, languages: Iterable[str]) -> None:
        self._languages = tuple(languages)
        self._zipf: dict[str, float] = {}
        self._written: dict[tuple[str, str], str] = {}

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
        _ = self._buckets

    def is_word(self, word: str) -> bool:
        return self.zipf(word) >= WORD_ZIPF

    def correct(self, word: str) -> str | None:
        """The common word `word` is one slip away from, if it is no word itself."""
        if len(word) < MIN_CORRECTION_LENGTH or self.is_word(word):
            return None
        best: tuple[str, float] | None = None
        for length in (len(word), len(word) - 1, len(word) + 1):
            bucket = self._buckets.get((length, word[0]), ())
            found = process.extractOne(
                word, bucket, scorer=OSA.distance, score_cutoff=1, processor=None
            )
            if found is not None and (best is None or self.zipf(found[0]) > best[1]):
                best = (found[0], self.zipf(found[0]))
        return best[0] if best else None

    @cached_property
    def _buckets(self) -> dict[tuple[int, str], list[str]]:
        from wordfreq import top_n_list

        buckets: dict[tuple[int, str], list[str]] = defaultdict(list)
        seen: set[str] = set()
        for lang in self._languages:
            for raw in top_n_list(lang, CORRECTION_WORDS):
                word = fold(raw)
                if word.isalpha() and word not in seen:
                    seen.add(word)
                    buckets[len(word), word[0]].append(word)
        return dict(buckets)


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
