"""Figures written in words, as sources write them, read with a language pack's data
(`written_numbers`): "Ninety-three percent" (93, never 3), "zwanzig Prozent",
"three-fourths", "zwei Drittel", "one in three", "vier von zehn", "jede fünfte",
"about half" (45 to 55), "fast die Hälfte" (40 to 50).

One reader for `check` (is a figure written in an answer?) and `draft` (which figures
does an article state?). It reads only what has a word in it: "49%" and "3 in 4" in
digits are the digit readers' ("3 in 4" is read here too, as it is no number there).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.engine.text import fold
from bot.knowledge.schema import Lang
from bot.languages import WrittenNumbers, pack

_TOKEN = re.compile(r"[^\W_]+")
# How far apart two words of one figure may stand: a space or a hyphen
# ("ninety-three", "three-fourths", "one in three"), never a comma or a full stop.
_JOIN = re.compile(r"[\s\u00a0\u202f\-\u2010\u2011]{1,3}")
# A ratio's denominator beyond this is no share ("1 in 2019" is a year).
_LARGEST_WHOLE = 100


@dataclass(frozen=True)
class Worded:
    """A figure written in words: where it stands in the text, its value, and the
    range of figures it stands for (a rounded fraction, an approximate word)."""

    start: int
    end: int
    value: float
    low: float
    high: float
    # "percent" (a fraction, a ratio, "every fifth", a number with a percent mark),
    # "points", or "plain" (a number word on its own: "twelve companies").
    unit: str
    text: str
    approximate: bool = False

    def fits(self, figure: float) -> bool:
        return self.low - 1e-9 <= figure <= self.high + 1e-9


@dataclass(frozen=True)
class _Token:
    word: str  # folded
    start: int
    end: int


@dataclass(frozen=True)
class _Reading:
    end: int  # the token index after it
    value: float
    unit: str
    rounded: bool  # a fraction or ratio: stands for figures within `rounding` of it
    char_end: int | None = None  # where a mark that is no word ends ("%")


@cache
def _marks(lang: Lang) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    units = pack(lang).units
    percent = tuple(
        sorted(
            (tuple(_TOKEN.findall(fold(" ".join(m)))) for m in units.percent_marks),
            key=len,
            reverse=True,
        )
    )
    points = tuple(
        sorted(
            (tuple(_TOKEN.findall(fold(" ".join(m)))) for m in units.points_marks),
            key=len,
            reverse=True,
        )
    )
    return tuple(p for p in percent if p), tuple(p for p in points if p)


@cache
def _approximate(lang: Lang) -> tuple[tuple[tuple[str, ...], tuple[float, float]], ...]:
    found = pack(lang).written_numbers.approximate
    items = [(tuple(fold(phrase).split()), (lo, hi)) for phrase, (lo, hi) in found.items()]
    return tuple(sorted(items, key=lambda item: len(item[0]), reverse=True))


def read_worded(text: str, lang: Lang) -> list[Worded]:
    """Every figure `text` writes with words, left to right, none overlapping."""
    data = pack(lang).written_numbers
    tokens = [_Token(fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: list[Worded] = []
    index = 0
    while index < len(tokens):
        offset: tuple[float, float] | None = None
        core = index
        for phrase, span in _approximate(lang):
            if _joined_words(text, tokens, index, phrase):
                offset, core = span, index + len(phrase)
                break
        reading = _core(text, tokens, core, data, lang)
        if reading is None and offset is not None:
            offset, core = None, index
            reading = _core(text, tokens, core, data, lang)
        if reading is None:
            index += 1
            continue
        value = round(reading.value, 1)
        slack = data.rounding if reading.rounded else 0.0
        low, high = value - slack, value + slack
        if offset is not None:
            low, high = value + offset[0], value + offset[1]
        start = tokens[index].start
        end = reading.char_end or tokens[reading.end - 1].end
        low, high = round(low, 1), round(high, 1)
        found.append(
            Worded(start, end, value, low, high, reading.unit, text[start:end], offset is not None)
        )
        index = reading.end
    return found


def _core(
    text: str, tokens: Sequence[_Token], index: int, data: WrittenNumbers, lang: Lang
) -> _Reading | None:
    if index >= len(tokens):
        return None
    word = tokens[index].word
    # "every fifth", "jede Zehnte": one in that many.
    if word in data.every_words and _joined(text, tokens, index):
        nth = _ordinal(tokens[index + 1].word, data)
        if nth is not None and nth >= 2:
            return _Reading(index + 2, 100.0 / nth, "percent", True)
    number = _number(text, tokens, index, data)
    if number is not None:
        count, after, worded = number
        # "one in three", "four out of 10", "vier von zehn"
        for ratio in sorted(data.ratio_words, key=len, reverse=True):
            if _joined_words(text, tokens, after, ratio, joined_before=True):
                whole = _number(text, tokens, after + len(ratio), data)
                if whole is None or not _joined(text, tokens, after + len(ratio) - 1):
                    continue
                if 1 <= count <= whole[0] <= _LARGEST_WHOLE and whole[0] >= 2:
                    return _Reading(whole[1], 100.0 * count / whole[0], "percent", True)
        # "three-fourths", "zwei Drittel"
        if after < len(tokens) and _joined(text, tokens, after - 1):
            parts = data.fractions.get(tokens[after].word)
            if parts is not None and 1 <= count <= parts:
                return _Reading(after + 1, 100.0 * count / parts, "percent", True)
        if not worded:
            return None
        percent, points = _marks(lang)
        sign = re.match(r"[\s\u00a0\u202f]?%", text[tokens[after - 1].end :])
        if sign is not None:
            char_end = tokens[after - 1].end + sign.end()
            return _Reading(after, float(count), "percent", False, char_end)
        for unit, marks in (("points", points), ("percent", percent)):
            for mark in marks:
                if _joined_words(text, tokens, after, mark, joined_before=True):
                    return _Reading(after + len(mark), float(count), unit, False)
        return _Reading(after, float(count), "plain", False)
    # "a third", "die Hälfte"
    if word in data.fraction_counts and _joined(text, tokens, index):
        parts = data.fractions.get(tokens[index + 1].word)
        if parts is not None:
            return _Reading(index + 2, 100.0 * data.fraction_counts[word] / parts, "percent", True)
    if word in data.fraction_alone:
        return _Reading(index + 1, 100.0 / data.fractions[word], "percent", True)
    if word in data.multiples:
        return _Reading(index + 1, float(data.multiples[word]), "plain", False)
    return None


def _number(
    text: str, tokens: Sequence[_Token], index: int, data: WrittenNumbers
) -> tuple[int, int, bool] | None:
    """A whole number at `index`: its value, the token after it, and whether words
    wrote it ("ninety-three", "dreiundneunzig", "one hundred", "10")."""
    if index >= len(tokens):
        return None
    word = tokens[index].word
    if word.isdigit():
        return (int(word), index + 1, False) if len(word) <= 3 else None
    value = _cardinal_word(word, data)
    if value is None:
        return None
    after = index + 1
    # "ninety-three", "ninety three": a ten and a unit.
    if value in data.tens.values() and after < len(tokens) and _joined(text, tokens, index):
        unit = data.cardinals.get(tokens[after].word)
        if unit is not None and 1 <= unit <= 9:
            value, after = value + unit, after + 1
    # "one hundred"
    if (
        after < len(tokens)
        and tokens[after].word in data.hundreds
        and _joined(text, tokens, after - 1)
    ) and 1 <= value <= 9:
        value, after = value * 100, after + 1
        # "two hundred fifty", "one hundred and five": what follows the hundred.
        rest_at = after
        if (
            rest_at < len(tokens)
            and tokens[rest_at].word in data.hundreds_joiners
            and _joined(text, tokens, rest_at - 1)
        ):
            rest_at += 1
        joined = rest_at < len(tokens) and _joined(text, tokens, rest_at - 1)
        rest = _number(text, tokens, rest_at, data) if joined else None
        if rest is not None and rest[2] and rest[0] < 100:
            value, after = value + rest[0], rest[1]
    return value, after, True


def _cardinal_word(word: str, data: WrittenNumbers) -> int | None:
    if word in data.cardinals:
        return data.cardinals[word]
    if word in data.tens:
        return data.tens[word]
    if word in data.hundreds:
        return 100
    joiner = data.compound_joiner
    if joiner:
        # "dreiundneunzig", "einhundert"
        for ten_word, ten in data.tens.items():
            head = word.removesuffix(joiner + ten_word)
            if head != word and 1 <= data.cardinals.get(head, 0) <= 9:
                return ten + data.cardinals[head]
        for hundred in data.hundreds:
            head = word.removesuffix(hundred)
            if head != word and data.cardinals.get(head) == 1:
                return 100
    return None


def _ordinal(word: str, data: WrittenNumbers) -> int | None:
    if not data.ordinal_endings:
        return data.ordinals.get(word)
    for ending in data.ordinal_endings:
        stem = word.removesuffix(ending)
        if stem != word and stem in data.ordinals:
            return data.ordinals[stem]
    return None


def _joined(text: str, tokens: Sequence[_Token], index: int) -> bool:
    """Does the word at `index` run on into the next one (a space or a hyphen)?"""
    if index + 1 >= len(tokens):
        return False
    between = text[tokens[index].end : tokens[index + 1].start]
    return _JOIN.fullmatch(between) is not None


def _joined_words(
    text: str,
    tokens: Sequence[_Token],
    index: int,
    phrase: tuple[str, ...],
    joined_before: bool = False,
) -> bool:
    """Do the words of `phrase` stand at `index`, run on into each other (and, with
    `joined_before`, into the word before them)?"""
    if not phrase or index + len(phrase) > len(tokens):
        return False
    if joined_before and (index == 0 or not _joined(text, tokens, index - 1)):
        return False
    if any(tokens[index + i].word != word for i, word in enumerate(phrase)):
        return False
    return all(_joined(text, tokens, index + i) for i in range(len(phrase) - 1))


def written_in_words(value: float, unit: str, text: str, lang: Lang) -> Worded | None:
    """The words of `text` that write a figure of `value` in `unit` ("percent",
    "points", or "plain" for a count or a number), if any: "three in four" writes 75
    percent, "about half" 48 percent, "twelve" a count of 12."""
    return next((w for w in read_worded(text, lang) if w.unit == unit and w.fits(value)), None)
