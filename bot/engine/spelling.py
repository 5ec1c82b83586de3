"""Reading misspelt and glued words: "socail" is social, "Socialmediateam" is three words.

Corrections go to the nearest content word the knowledge base uses: one edit (a swap
of neighbours counting as one), two for long words, but never a changed letter in a
word of four letters ("cost" is not "post") nor another ending of the same word
("studiert" is not "Studie"); stop words only by swapped letters ("waht").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_TYPO_LENGTH = 4  # shorter words are too easily "corrected" into another word
MAX_STOP_WORD_TYPO_LENGTH = 4
MIN_COMPOUND_PART = 3
LONG_WORD = 8  # from this length on, two edits are still a typo
SHORT_WORD = 4  # up to this length, a changed letter is not taken for a typo
MAX_CACHED = 50_000


class Speller:
    def __init__(
        self, content_words: Iterable[str], stop_words: Iterable[str], certainty_per_edit: float
    ) -> None:
        self._known = frozenset(content_words)
        self._by_length_and_initial: dict[tuple[int, str], list[str]] = defaultdict(list)
        # Every known word under each of its one-letter deletions: two words one edit
        # apart share a deletion (or one is a deletion of the other), so a typo's
        # candidates are a few dictionary look-ups instead of a scan (SymSpell's idea).
        self._by_deletion: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self._known):
            self._by_length_and_initial[len(word), word[0]].append(word)
            for variant in _deletions(word) | {word}:
                self._by_deletion[variant].append(word)
        self._stop_words = sorted(stop_words)
        self._certainty = certainty_per_edit
        self._cache: dict[str, tuple[str, float] | None] = {}

    def correct(self, word: str) -> tuple[str, float] | None:
        """The nearest known word and how sure that is (1 edit: certainty_per_edit)."""
        if word not in self._cache:
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()  # typos are long-tailed: a plain reset beats LRU upkeep
            self._cache[word] = self._nearest(word)
        return self._cache[word]

    def near(self, word: str) -> list[str]:
        """The knowledge base's words one edit from `word` (two from a long word) with
        its first letter, or with its first two letters swapped: the candidates the
        general speller weighs against the language's words."""
        reach = 2 if len(word) >= LONG_WORD else 1
        found = {
            c
            for length in _lengths_near(len(word), reach)
            for initial in dict.fromkeys(word[:2])
            for c, _, _ in process.extract(
                word,
                self._by_length_and_initial.get((length, initial), ()),
                scorer=OSA.distance,
                score_cutoff=reach,
                limit=None,
                processor=None,
            )
        }
        return sorted(found - {word})

    def _nearest(self, word: str) -> tuple[str, float] | None:
        if len(word) < MIN_TYPO_LENGTH - 1:
            return None
        best = self._nearest_content_word(word) if len(word) >= MIN_TYPO_LENGTH else None
        if best is None and len(word) <= MAX_STOP_WORD_TYPO_LENGTH:
            best = self._nearest_stop_word(word)
        if best is None:
            return None
        return best[0], self._certainty ** best[1]

    def _nearest_content_word(self, word: str) -> tuple[str, int] | None:
        nearest = self._nearest_by_deletion(word)
        if nearest is not None or len(word) < LONG_WORD:
            return nearest
        # A long word may be two edits off. Scanning for that is costly, so only words of
        # a near length with the same first letter are tried (slips rarely hit the first).
        best: tuple[str, int] | None = None
        for length in _lengths_near(len(word), 2):
            found = process.extractOne(
                word,
                self._by_length_and_initial.get((length, word[0]), ()),
                scorer=OSA.distance,
                score_cutoff=2,
                processor=None,
            )
            closer = found is not None and (best is None or found[1] < best[1])
            if found is not None and closer and not _other_ending(word, found[0]):
                best = (found[0], int(found[1]))
        return best

    def _nearest_by_deletion(self, word: str) -> tuple[str, int] | None:
        candidates = {c for v in _deletions(word) | {word} for c in self._by_deletion.get(v, ())}
        close = sorted(c for c in candidates if OSA.distance(word, c, score_cutoff=1) <= 1)
        if len(word) <= SHORT_WORD:
            # In a short word a changed letter usually makes another real word ("cost" is
            # not "post"); a dropped, added or swapped letter is a typo ("meda", "tema").
            close = [c for c in close if len(c) != len(word) or sorted(c) == sorted(word)]
        return (close[0], 1) if close else None

    def _nearest_stop_word(self, word: str) -> tuple[str, int] | None:
        # Only short words are read as a slip in a stop word, and only when two letters
        # are swapped ("hwo", "waht"): a longer or otherwise different word is likelier
        # one we do not know ("small" is not "shall", "big" not "bit", "cost" not "most").
        swapped = [s for s in self._stop_words if len(s) == len(word) and sorted(s) == sorted(word)]
        found = process.extractOne(word, swapped, scorer=OSA.distance, score_cutoff=1)
        return (found[0], int(found[1])) if found is not None else None

    def split_compound(self, word: str, depth: int = 3) -> list[str]:
        """German glues words together ("Socialmediateam", "Kundenservicekanal"): a word
        made of known words, with or without a linking s, is read as those words."""
        if len(word) < 2 * MIN_COMPOUND_PART:
            return []
        return self._split(word, depth)

    def _split(self, word: str, depth: int) -> list[str]:
        if word in self._known:
            return [word]
        if depth == 1:
            return []
        for cut in range(len(word) - MIN_COMPOUND_PART, MIN_COMPOUND_PART - 1, -1):
            left, rest = word[:cut], word[cut:]
            heads = [left, left[:-1]] if left.endswith("s") else [left]
            for head in heads:
                if head in self._known:
                    tail = self._split(rest, depth - 1)
                    if tail:
                        return [head, *tail]
        return []


def _other_ending(word: str, candidate: str) -> bool:
    """Two letters more or less at the end is another form of a word, not a slip
    ("studiert" is not "Studie")."""
    shorter, longer = sorted((word, candidate), key=len)
    return len(longer) - len(shorter) == 2 and longer.startswith(shorter)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _lengths_near(length: int, spread: int) -> list[int]:
    """length, length-1, length+1, ...: nearer lengths first, so ties prefer them."""
    order = [length]
    for step in range(1, spread + 1):
        order += [length - step, length + step]
    return order
