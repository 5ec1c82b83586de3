"""Text normalisation: the same folding for questions and knowledge, in both languages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "æ": "ae", "ø": "o", "å": "a"})
# Letters and digits only: hyphens, punctuation, emoji and symbols all separate words,
# so "Roggen-Misch-Brot" becomes roggen misch brot.
_WORD = re.compile(r"[^\W_]+")
_DIACRITICS = re.compile(r"[\u0300-\u036f]")
# Unicode's format characters (category Cf) that show nothing and split no word.
_FORMAT = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def fold(text: str) -> str:
    """NFKC, casefold, umlauts and accents to their base letters, ß to ss; invisible
    format characters (zero-width space, soft hyphen) removed: "com\u200bpanies" is
    one word."""
    text = _FORMAT.sub("", text)
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    decomposed = unicodedata.normalize("NFD", folded)
    return unicodedata.normalize("NFC", _DIACRITICS.sub("", decomposed))


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


def phrase_spans(
    folded: Sequence[str], phrases: frozenset[tuple[str, ...]], shortest: int = 1
) -> list[tuple[int, int]]:
    """Where the phrases stand in `folded`, as (start, end) from left to right, the
    longest phrase first at each place, none overlapping; phrases shorter than
    `shortest` words are not looked for."""
    longest = _longest(phrases)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(folded):
        size = next(
            (
                n
                for n in range(min(longest, len(folded) - i), shortest - 1, -1)
                if tuple(folded[i : i + n]) in phrases
            ),
            0,
        )
        if size:
            spans.append((i, i + size))
            i += size
        else:
            i += 1
    return spans


@lru_cache(maxsize=64)
def _longest(phrases: frozenset[tuple[str, ...]]) -> int:
    return max((len(p) for p in phrases), default=0)


def respell(text: str, respelled: Mapping[str, str]) -> str:
    """`text` with each word whose folded form is a key of `respelled` written as its
    value ("wieviel leute wohen" -> "wieviel leute wohnen"); everything else as it was."""
    return _WORD.sub(lambda m: respelled.get(fold(m.group()), m.group()), text)
