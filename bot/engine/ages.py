"""Ages as people write them: "18 to 29", "18-29", "65+", "over 54", "ab 65", "under
30", "in their 30s", "seniors". A question's ages are matched to a subgroup's by how much
the two ranges overlap, so "über 65-Jährige" finds "65 and older" and "55+" finds
"older people (over 54)".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from bot.engine.periods import number_value
from bot.engine.text import fold, words
from bot.knowledge.schema import LANGS, Figure, Lang
from bot.languages import language_packs

AgeRange = tuple[int, int]  # both ends included
OLDEST = 120
# Surveys rarely split ages above this: an open range is compared up to it.
OPEN_END = 80
MAX_AGE = 110  # a larger number is no age
# A group's ages are the question's when the two ranges share nearly all their years:
# "over 75" is no question about "over 54", "55+" is about it.
SAME_AGES = 0.8
# Ages that cover this much of the population's are the population, not a group.
ALL_OF_THEM = 0.9
ADULTS: AgeRange = (18, OLDEST)
_PLUS = re.compile(r"(\d)\s*\+")
# "under $40,000", "12 Dollar": amounts of money are no ages.
_MONEY = re.compile(r"[$€£]\s*[\d.,]+|[\d.,]+\s*(?:[$€£]|dollars?|euros?|pounds?)|\d+[.,]\d{3}")


@cache
def _phrases(lang: Lang) -> dict[str, tuple[tuple[str, ...], ...]]:
    ages = language_packs()[lang].ages

    def folded(phrases: frozenset[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted({tuple(fold(w) for w in p) for p in phrases}, key=len, reverse=True))

    return {
        "between": folded(ages.between),
        "over": folded(ages.over),
        "from": folded(ages.from_),
        "under": folded(ages.under),
        "and_over": folded(ages.and_over),
    }


@cache
def _stages(lang: Lang) -> tuple[tuple[tuple[str, ...], AgeRange], ...]:
    """The stages of life, longest name first ("senior citizens" before "seniors")."""
    stages = language_packs()[lang].ages.stages
    named = [(tuple(words(name)), (low, high)) for name, (low, high) in stages.items()]
    return tuple(sorted(named, key=lambda stage: -len(stage[0])))


def _age(token: str, lang: Lang) -> int | None:
    """A number that may be an age ("24", "ten"), or a decade ("30s", "30ern") as its
    first year."""
    number = number_value(token)
    if number is not None:
        return number if number <= MAX_AGE else None
    for ending in language_packs()[lang].ages.decade_endings:
        base = token[: -len(ending)]
        if token.endswith(ending) and base.isdigit() and int(base) <= MAX_AGE:
            return int(base)
    return None


def _is_decade(token: str) -> bool:
    """ "30s", "30ern": the ten years from 30 ("over 65s" is read as over 65)."""
    digits = "".join(c for c in token if c.isdigit())
    return not token.isdigit() and digits.isdigit() and int(digits) % 10 == 0


def _starts(tokens: Sequence[str], at: int, phrase: tuple[str, ...]) -> bool:
    return tuple(tokens[at : at + len(phrase)]) == phrase


def age_ranges(text: str, lang: Lang) -> list[AgeRange]:
    """The age ranges `text` names, in order."""
    tokens = words(_PLUS.sub(r"\1 plus ", _MONEY.sub(" ", text)))
    phrases = _phrases(lang)
    found: list[AgeRange] = []
    i = 0
    while i < len(tokens):
        stage = next(
            ((name, ages) for name, ages in _stages(lang) if _starts(tokens, i, name)), None
        )
        if stage is not None:
            found.append(stage[1])
            i += len(stage[0])
            continue
        for kind in ("over", "from", "under"):
            phrase = next((p for p in phrases[kind] if _starts(tokens, i, p)), None)
            after = i + len(phrase) if phrase is not None else i
            if phrase is not None and after < len(tokens):
                age = _age(tokens[after], lang)
                if age is not None:
                    found.append(
                        (age + 1, OLDEST)
                        if kind == "over"
                        else (age, OLDEST)
                        if kind == "from"
                        else (0, age - 1)
                    )
                    i = after + 1
                    break
        else:
            age = _age(tokens[i], lang)
            if age is None:
                i += 1
                continue
            if _is_decade(tokens[i]):
                found.append((age, age + 9))
                i += 1
                continue
            rest = i + 1
            joiner = next((p for p in phrases["between"] if _starts(tokens, rest, p)), ())
            upper_at = rest + len(joiner)
            upper = _age(tokens[upper_at], lang) if upper_at < len(tokens) else None
            if upper is not None and upper > age:
                found.append((age, upper))
                i = upper_at + 1
                continue
            if any(_starts(tokens, rest, p) for p in phrases["and_over"]):
                found.append((age, OLDEST))
            i += 1
            continue
    return found


def _merged(ranges: list[AgeRange]) -> list[AgeRange]:
    """ "in their 30s and 40s": one range, 30 to 49."""
    merged: list[AgeRange] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def overlap(a: AgeRange, b: AgeRange) -> float:
    """Shared years over the years of either (1: the same ranges). An open end ("65 and
    over") counts to OPEN_END only: "over 40" and "over 54" are different ages, though
    both run to the oldest."""
    a, b = (a[0], min(a[1], OPEN_END)), (b[0], min(b[1], OPEN_END))
    shared = min(a[1], b[1]) - max(a[0], b[0]) + 1
    if shared <= 0:
        return 0.0
    return shared / (max(a[1], b[1]) - min(a[0], b[0]) + 1)


def population_ages(texts: Sequence[tuple[str, Lang]]) -> AgeRange:
    """The ages a survey asked, as its population says ("aged 14 and over"); adults
    when it names none."""
    for text, lang in texts:
        ranges = age_ranges(text, lang)
        if ranges:
            return ranges[0]
    return ADULTS


def group_ages(figure: Figure) -> tuple[AgeRange, ...]:
    """The ages of an age group: one whose name or breakdown has an age word ("aged",
    "Jährige", "age") or a stage of life ("seniors"); "under $40,000" is no age."""
    group = figure.group
    if group is None:
        return ()
    return _ages_of_group(
        tuple((group.name.get(lang), group.by.get(lang) if group.by else "") for lang in LANGS)
    )


@cache
def _ages_of_group(texts: tuple[tuple[str, str], ...]) -> tuple[AgeRange, ...]:
    ranges: list[AgeRange] = []
    for lang, (name, by) in zip(LANGS, texts, strict=True):
        said = set(words(name)) | set(words(by))
        stages = {w for name, _ in _stages(lang) for w in name}
        if said & (age_words(lang) | stages):
            ranges += age_ranges(name, lang)
    return tuple(ranges)


@cache
def age_words(lang: Lang) -> frozenset[str]:
    return frozenset(fold(w) for w in language_packs()[lang].ages.words)


def same_ages(
    figures: Sequence[Figure],
    asked_ages: Sequence[AgeRange],
    population: AgeRange | None = None,
) -> list[Figure]:
    """The subgroup figures whose ages are the question's `asked_ages` (the closest,
    if any is close enough). Ages are read within the survey's `population` ("under 30" in a
    survey of adults is 18 to 29), and ages that are the population's own ("Deutsche ab
    14 Jahren" in a survey of those aged 14 and over) name no group."""
    asked = _merged(list(asked_ages))
    if population is not None:
        low, high = population
        asked = [(max(a, low), min(b, high)) for a, b in asked]
        asked = [r for r in asked if r[0] <= r[1] and overlap(r, population) < ALL_OF_THEM]
    if not asked:
        return []

    def clipped(ages: AgeRange) -> AgeRange:
        if population is None:
            return ages
        return (max(ages[0], population[0]), min(ages[1], population[1]))

    scored = [
        (max((overlap(a, clipped(g)) for a in asked for g in group_ages(f)), default=0.0), f)
        for f in figures
    ]
    best = max((score for score, _ in scored), default=0.0)
    if best < SAME_AGES:
        return []
    return [f for score, f in scored if score == best]


def fewest_words(figures: Sequence[Figure]) -> list[Figure]:
    """Of groups of the same ages, the ones that are nothing but those ages: "over 54"
    is "older people (over 54)", not "women aged 55 and over"."""
    fewest = min((_name_length(f) for f in figures), default=0)
    return [f for f in figures if _name_length(f) == fewest]


def _name_length(figure: Figure) -> int:
    return len(words(figure.group.name.en)) if figure.group is not None else 0


def age_numbers(asked_ages: Sequence[AgeRange]) -> frozenset[str]:
    """The numbers a question writes its ages with ("55+", "über 54", "18-29")."""
    bounds = {
        n for low, high in asked_ages for n in (low, high, low - 1, high + 1) if 0 < n <= MAX_AGE
    }
    return frozenset(str(n) for n in bounds)
