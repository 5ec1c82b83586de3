"""Years in a question are facts, not fuzz: "2013", "last year", "im Vorjahr", "now"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.text import fold, words
from bot.knowledge.schema import Lang
from bot.languages import all_phrases, all_words, language_packs

_YEAR = re.compile(r"^(19|20)\d\d$")


def is_year(word: str) -> bool:
    """Is the word, as written, a year ("2021", not "2,021" or "21")?"""
    return _YEAR.match(word) is not None


# Phrases (folded words) that name a period relative to the survey's own year.
_RELATIVE: dict[tuple[str, ...], int] = {
    phrase: offset
    for offset, pick in (
        (-1, lambda p: p.periods.previous),
        (0, lambda p: p.periods.current),
        (1, lambda p: p.periods.next),
    )
    for phrase in all_phrases(pick)
}
_LONGEST = max(len(p) for p in _RELATIVE)
# "back then", "damals": the survey's previous round, whichever year that was.
_EARLIER = all_phrases(lambda p: p.periods.earlier)
_FIRST = all_phrases(lambda p: p.periods.first)
_LONGEST_EARLIER = max((len(p) for p in _EARLIER), default=1)
_LONGEST_FIRST = max((len(p) for p in _FIRST), default=1)


def phrases_for(offset: int) -> list[tuple[str, ...]]:
    """Every phrase of the packs for a period this far from the survey year."""
    return [phrase for phrase, value in _RELATIVE.items() if value == offset]


# "two years ago", "vor zwei Jahren": (words before the number, words after it).
_YEARS_AGO = [
    (tuple(before.split()), tuple(after.split()))
    for pack in language_packs().values()
    for before, _, after in (pattern.partition("{n}") for pattern in pack.years_ago)
]
_NUMBER_WORDS = {
    word: value for pack in language_packs().values() for word, value in pack.number_words.items()
}
# "more than 2000 employees": after these words a number is a quantity, not a year.
QUANTITY_WORDS = all_words(lambda p: p.quantity_words)


@dataclass(frozen=True)
class PeriodRequest:
    year: int | None = None  # an explicit year ("2013")
    offset: int | None = None  # relative to the survey year: -1 the year before, 0 now
    # The words that said it ("next year"): a finding about next year's expectations
    # uses them as its topic, not as a period.
    phrase: tuple[str, ...] = ()
    # The latest period before the survey's that a finding has ("back then").
    earlier: bool = False
    first: bool = False  # the earliest period a finding has ("when first asked")

    def resolve(self, survey_year: int, periods: frozenset[int] = frozenset()) -> int:
        """The year asked, of a finding with figures for `periods`."""
        if self.year is not None:
            return self.year
        if self.first:
            return min(periods, default=survey_year)
        if self.earlier:
            # No earlier round: the survey's own, as if no period were named.
            return max((p for p in periods if p < survey_year), default=survey_year)
        return survey_year + (self.offset or 0)


def read_period(folded: list[str]) -> tuple[PeriodRequest | None, list[str]]:
    """The period the question asks for (if any) and its words without the period words."""
    named, rest = read_periods(folded)
    return asked_period(named), rest


def asked_period(named: list[PeriodRequest]) -> PeriodRequest | None:
    """Of the periods a question names, the one it asks for: the first year, else the
    first period in words."""
    years = [p for p in named if p.year is not None]
    return next(iter(years or named), None)


def read_periods(folded: list[str]) -> tuple[list[PeriodRequest], list[str]]:
    """Every period the question names, in order ("now or two years earlier"), and its
    words without the period words."""
    named: list[PeriodRequest] = []
    rest: list[str] = []
    i = 0
    while i < len(folded):
        if is_year(folded[i]) and not _counts_a_quantity(folded, i):
            named.append(PeriodRequest(year=int(folded[i])))
            i += 1
            continue
        idiom = next((n for n in _IDIOM_SIZES if tuple(folded[i : i + n]) in _IDIOMS), 0)
        if idiom:  # "at least now and then" is how often, not when
            rest.extend(folded[i : i + idiom])
            i += idiom
            continue
        first = next(
            (n for n in range(_LONGEST_FIRST, 0, -1) if tuple(folded[i : i + n]) in _FIRST), 0
        )
        earlier = next(
            (n for n in range(_LONGEST_EARLIER, 0, -1) if tuple(folded[i : i + n]) in _EARLIER),
            0,
        )
        if first or earlier:
            size = first or earlier
            said = tuple(folded[i : i + size])
            named.append(PeriodRequest(earlier=not first, first=bool(first), phrase=said))
            i += size
            continue
        size, offset = _relative_at(folded, i)
        if not size:
            size, offset = _years_ago_at(folded, i)
        if size:
            named.append(PeriodRequest(offset=offset, phrase=tuple(folded[i : i + size])))
            i += size
            continue
        rest.append(folded[i])
        i += 1
    return named, rest


# "what about 2013?" opens a follow-up; "about 2000 companies" is a quantity.
_OPENERS = all_phrases(lambda p: p.follow_up_openers)
_YEAR_BEFORE = _OPENERS | all_phrases(lambda p: p.periods.comparisons)
_LONGEST_YEAR_BEFORE = max((len(p) for p in _YEAR_BEFORE), default=1)
THAN_WORDS = all_words(lambda p: p.than_words)
_COMPARATIVES = frozenset(
    phrase[0]
    for phrase in all_phrases(lambda p: p.superlatives.more | p.superlatives.less)
    if len(phrase) == 1
) | all_words(lambda p: p.superlatives.judging)


def _counts_a_quantity(folded: list[str], i: int) -> bool:
    """Is the number at `i` a quantity ("about 2000", "über 2000") rather than a year?"""
    if not i or folded[i - 1] not in QUANTITY_WORDS:
        return False
    # "is that more than 2013?" ends with the year it compares with; "more than 2000
    # companies" counts.
    if i + 1 == len(folded) and i >= 2 and folded[i - 2] in _COMPARATIVES:
        return folded[i - 1] not in THAN_WORDS
    # "what about 2013?", "compared to 2023?": a year after a phrase that ends in "to".
    return not any(
        tuple(folded[i - size : i]) in _YEAR_BEFORE
        for size in range(2, min(_LONGEST_YEAR_BEFORE, i) + 1)
    )


# The widest range whose numbers in between a text is taken to name ("2 to 4 days"
# names "3 days").
MAX_RANGE = 10
RANGE_WORDS = all_words(lambda p: p.range_words)


def numbers_named(folded: list[str]) -> frozenset[int]:
    """The small numbers the words name, with those inside a range ("two to four")."""
    values = [number_value(w) for w in folded]
    found = {v for v in values if v is not None}
    for i, low in enumerate(values):
        gap = 2 if i + 1 < len(folded) and folded[i + 1] in RANGE_WORDS else 1
        high = values[i + gap] if i + gap < len(values) else None
        if low is not None and high is not None and 0 < high - low <= MAX_RANGE:
            found.update(range(low, high + 1))
    return frozenset(found)


def number_value(word: str) -> int | None:
    """A small whole number written in digits or as a word ("2", "two", "zwei")."""
    if word.isascii() and word.isdigit() and len(word) <= 3:  # "❶" is a digit, no int
        return int(word)
    return _NUMBER_WORDS.get(word)


def _years_ago_at(folded: list[str], start: int) -> tuple[int, int]:
    for before, after in _YEARS_AGO:
        at = start + len(before)
        if tuple(folded[start:at]) != before or at >= len(folded):
            continue
        count = number_value(folded[at])
        if count is not None and tuple(folded[at + 1 : at + 1 + len(after)]) == after:
            return len(before) + 1 + len(after), -count
    return 0, 0


_IDIOMS = all_phrases(lambda p: p.periods.idioms)
_IDIOM_SIZES = sorted({len(p) for p in _IDIOMS}, reverse=True)


def _relative_at(folded: list[str], start: int) -> tuple[int, int]:
    for size in range(min(_LONGEST, len(folded) - start), 0, -1):
        offset = _RELATIVE.get(tuple(folded[start : start + size]))
        if offset is not None:
            return size, offset
    return 0, 0


# Words that ask how a figure changed over time; a finding with one period cannot say.
# Past forms only ("raise", "increase", "steigern" are what companies want, not a
# change in a figure), and not "increased"/"compared": "have companies increased their
# prices" asks about higher prices, "compared with spelt" compares two breads.
_CHANGE = all_phrases(lambda p: p.change_phrases)
_CHANGE_OF = {code: pack.change_phrases for code, pack in language_packs().items()}
# A comparison's words keep a change a change too ("gone up vs the year before").
_CONTINUES = {
    code: pack.change_continues | pack.alternatives | pack.than_words | pack.change_prepositions
    if pack.change_continues
    else frozenset()
    for code, pack in language_packs().items()
}
_STOP = {code: pack.stop_words for code, pack in language_packs().items()}
_DOERS = {code: pack.doer_questions for code, pack in language_packs().items()}
_UNIT_WORDS = {
    code: frozenset(
        word
        for marks in (pack.units.points_marks, pack.units.percent_marks)
        for mark in marks
        for word in words(" ".join(mark))
    )
    | pack.stated.percent_words
    for code, pack in language_packs().items()
}


_LONGEST_CHANGE = max((len(p) for p in _CHANGE), default=1)
_CHANGE_VERBS = all_words(lambda p: p.change_verbs)
_CHANGE_AUXILIARIES = all_words(lambda p: p.change_auxiliaries)
_DETERMINERS = all_words(lambda p: p.determiners)


def read_change(
    folded: list[str], lang: Lang | None = None, raw: str = ""
) -> tuple[bool, list[str]]:
    """Whether the question asks how a figure changed ("has that grown?", "gestiegen?"),
    and its words without the change words: they say what is asked about a figure, not
    which figure, so "has that grown?" is a follow-up like "and last year?".

    With the question's language, a change word is read in that language only ("Fällen"
    is no "fallen") and in a change's sense only: where the clause ends after it or a
    word of the pack's `change_continues` follows, and not after "how many" without a
    unit ("how many fell ill", "how many victims changed their passwords" count those
    who did it)."""
    phrases = _CHANGE if lang is None else _CHANGE_OF[lang]
    rest: list[str] = []
    found = False
    plain = False  # a change in any sense: of several words, or a verb after "did"
    asked = False  # an auxiliary so far: "did it rise", "ist es beliebter geworden"
    i = 0
    while i < len(folded):
        sizes = range(_LONGEST_CHANGE, 0, -1)
        size = next((n for n in sizes if tuple(folded[i : i + n]) in phrases), 0)
        if (
            not size
            and asked
            and folded[i] in _CHANGE_VERBS
            and not (i and folded[i - 1] in _DETERMINERS)
        ):
            size = 1
        asked = asked or folded[i] in _CHANGE_AUXILIARIES
        if size:
            found = True
            # "by how many points", "gone up", "did it rise": a change whatever follows.
            plain = plain or size > 1 or tuple(folded[i : i + size]) not in phrases
            i += size
        else:
            rest.append(folded[i])
            i += 1
    if found and lang is not None:
        if _asks_for_doers(folded, lang):
            # "how many changed their mind", "how many fell ill": no change asked, so the
            # verb is what the question is about and stays ("im Vergleich zum Vorjahr"
            # still only frames it).
            return False, _without_phrases(folded, phrases)
        found = plain or _in_a_changes_sense(
            _clause_tokens(raw, lang) if raw else folded, phrases, lang
        )
    return found, rest


def _without_phrases(folded: list[str], phrases: frozenset[tuple[str, ...]]) -> list[str]:
    """The words without the change phrases of several words: a single verb stays."""
    rest: list[str] = []
    i = 0
    while i < len(folded):
        size = next(
            (n for n in range(_LONGEST_CHANGE, 1, -1) if tuple(folded[i : i + n]) in phrases), 0
        )
        if size:
            i += size
        else:
            rest.append(folded[i])
            i += 1
    return rest


# Words and the marks that end a clause, as the question writes them.
_CLAUSE_TOKENS = re.compile(r"[^\W_]+|[,.;:?!()]")
_CLAUSE_ENDS = frozenset(",.;:?!()")


def _clause_tokens(raw: str, lang: Lang) -> list[str]:
    """The question's words and clause marks, chat abbreviations written out ("ggü" is
    "gegenüber")."""
    chat = _CHAT_WORDS[lang]
    return [
        word for token in _CLAUSE_TOKENS.findall(fold(raw)) for word in chat.get(token, (token,))
    ]


_CHAT_WORDS = {
    code: {word: tuple(meant.split()) for word, meant in pack.chat_words.items()}
    for code, pack in language_packs().items()
}


def _in_a_changes_sense(tokens: list[str], phrases: frozenset[tuple[str, ...]], lang: Lang) -> bool:
    """Is one of the change words followed by the end of its clause, a number or a word
    that keeps it a change?"""
    if not _CONTINUES[lang]:
        return True
    for i in range(len(tokens)):
        size = next(
            (n for n in range(_LONGEST_CHANGE, 0, -1) if tuple(tokens[i : i + n]) in phrases), 0
        )
        if not size:
            continue
        after = i + size
        # "rose the most": an article or pronoun on the way is passed over.
        while (
            after < len(tokens) - 1
            and tokens[after] in _STOP[lang]
            and tokens[after] not in _CONTINUES[lang]
        ):
            after += 1
        word = tokens[after] if after < len(tokens) else "."
        if word in _CLAUSE_ENDS or word in _CONTINUES[lang] or word.isdigit():
            return True
    return False


def _asks_for_doers(folded: list[str], lang: Lang) -> bool:
    """ "how many ... changed": a count of those who changed something; "how many
    points ... risen" asks the size of a change."""
    asked = False
    for phrase in _DOERS[lang]:
        for i in range(len(folded) - len(phrase) + 1):
            if tuple(folded[i : i + len(phrase)]) == phrase:
                following = folded[i + len(phrase) : i + len(phrase) + 1]
                if following and following[0] in _UNIT_WORDS[lang]:
                    return False  # "... by how many points?" anywhere asks the change
                asked = True
    return asked


def change_words_in(folded: tuple[str, ...] | list[str], lang: Lang) -> list[tuple[str, ...]]:
    """The change words of `lang` the words use ("gone up"), each once."""
    phrases = _CHANGE_OF[lang]
    return list(
        dict.fromkeys(
            tuple(folded[i : i + n])
            for i in range(len(folded))
            for n in range(_LONGEST_CHANGE, 0, -1)
            if tuple(folded[i : i + n]) in phrases
        )
    )
