"""Reading a question once: the parsed `Query` that retrieval, decision and rendering use.

Everything the engine needs to know about the words of a question is read here, from
the language packs: the conversational cue, the period asked for ("2013", "last year",
"vor zwei Jahren"), whether it asks how a figure changed, a figure the question states
("is it true that half ..."), a superlative over a breakdown ("the top goal"), a
question about the survey itself ("how many were asked?"), and the words left to
retrieve findings with. The work is bounded by the text *after* normalisation: a
character that NFKC expands into several words cannot make a message expensive.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from typing import Literal

from bot.engine.ages import MAX_AGE, age_ranges
from bot.engine.cues import (
    Cue,
    is_follow_up,
    read_cue,
    requested_language,
    strip_greeting,
    strip_sign_off,
)
from bot.engine.periods import (
    THAN_WORDS,
    PeriodRequest,
    asked_period,
    number_value,
    read_change,
    read_periods,
)
from bot.engine.text import fold, phrase_spans, words
from bot.knowledge.schema import Lang
from bot.languages import all_phrases, all_words, language_packs

# No real question is longer (chat apps cap a message near this), and the cut keeps
# folding cheap.
MAX_RAW_CHARS = 4096
# After normalisation: enough for the longest polite question, few enough that the
# engine's cost per message stays small whatever was sent.
MAX_WORDS = 80
MAX_WORD_CHARS = 40
MAX_READ_LETTERS = MAX_WORDS * MAX_WORD_CHARS // 2
FIRST_READ_CHARS = 100
# What the sentence model reads: the longest real question is ~240 characters, and its
# cost grows with the text (~10 ms for 320 characters of unknown words).
MAX_SENTENCE_CHARS = 320

Relation = Literal["about", "exactly", "more", "less"]


class Extreme(str, Enum):
    HIGHEST = "highest"
    LOWEST = "lowest"


class SurveyAspect(str, Enum):
    SAMPLE = "sample"  # how many were asked
    POPULATION = "population"  # who was asked
    PUBLISHER = "publisher"  # who ran it
    WHEN = "when"
    METHOD = "method"  # how it was asked
    TITLE = "title"  # what the survey is called
    SOURCE = "source"  # where it was reported: the survey's card


@dataclass(frozen=True)
class StatedFigure:
    """A figure the question states, to be checked against the source."""

    value: float
    relation: Relation


@dataclass(frozen=True)
class Query:
    text: str  # as written, bounded
    # The text for the sentence model: normalised (NFKC), at most MAX_SENTENCE_CHARS.
    sentence: str
    words: tuple[str, ...]  # folded, bounded
    lang: Lang
    cue: Cue | None = None
    asked_language: Lang | None = None  # the language a Cue.LANGUAGE asks for
    period: PeriodRequest | None = None
    # Every period named: "which is higher, now or two years earlier?" compares them.
    periods: tuple[PeriodRequest, ...] = ()
    change: bool = False
    stated: StatedFigure | None = None
    extreme: Extreme | None = None
    compares: bool = False  # the extreme is a comparative: "which is higher, X or Y"
    # The extreme judges ("better", "worst"): its end is the good or the bad side of
    # what the figures measure, which the engine knows, not the question.
    judged: bool = False
    rank: int = 1  # "the second most common": the extreme's rank
    rank_words: frozenset[str] = frozenset()  # "second", "zweithäufigste"
    # "among those who work from home, which is most common?": the superlative ranks
    # only those who do it.
    among_doers: bool = False
    extreme_words: frozenset[str] = frozenset()  # "higher", "am häufigsten", "kleiner"
    # "am wenigsten negativ": the word a superlative takes along, which may be content.
    ranked_by: frozenset[str] = frozenset()
    # Comparatives anywhere ("war der Anteil früher höher?"), comparing or not: how the
    # question is put, never an unknown topic.
    comparative_words: frozenset[str] = frozenset()
    # The way a "more"/"less" comparative points: 1, -1, or 0 (none, or both).
    direction: int = 0
    aspect: SurveyAspect | None = None
    aspect_weak: bool = False  # only a question that names nothing else is about it
    numbers: tuple[str, ...] = ()  # numbers that are no year and no stated figure
    content: tuple[str, ...] = ()  # the words to find findings with
    follow_up: bool = False
    # "how many ...", "what share ...", "the top goal", "is it true that half ...": only
    # a figure (or an amount: "more than half") answers it.
    asks_figure: bool = False
    # Words written as acronyms ("US", "EU"): names, even where they fold to a stop word.
    acronyms: frozenset[str] = frozenset()
    # In a language that capitalises its nouns, the words written so inside a sentence
    # ("Wie wird das Wetter morgen?"): nouns, whatever else their lower case could be.
    nouns: frozenset[str] = frozenset()
    # Words that say how the question is framed, not what it is about: the preamble
    # before "could you tell me" / "könnten Sie mir sagen", a stated share ("a quarter").
    light: frozenset[str] = frozenset()
    # "overall", "und insgesamt?": about the whole population, not a subgroup.
    whole: bool = False
    # The ages the question names ("55+", "über 54-Jährige", "seniors"), read once.
    ages: tuple[tuple[int, int], ...] = ()
    # "more excited than concerned": the words of the other side, which name no figure.
    other_side: frozenset[str] = frozenset()
    # The unit the question asks its figure in: "percent" ("what share", "Anteil", "%")
    # or "currency" ("how many dollars", "wie viel Euro"); None when it does not say.
    unit: str | None = None

    @property
    def asked(self) -> tuple[str, ...]:
        """The content words without the framing ones: "für einen Artikel" in the
        preamble names no figure of one ("einen") day."""
        return tuple(w for w in self.content if w not in self.light)


def bounded_words(text: str) -> tuple[str, tuple[str, ...]]:
    """The start of the text that is read, and its folded words (at most MAX_WORDS).

    Folding grows with what NFKC makes of the text, not with its length in characters
    (one U+FDFA is four words), so it is done on a growing prefix until enough words
    are read: the cost stays bounded whatever was sent."""
    raw = text[:MAX_RAW_CHARS]
    size = FIRST_READ_CHARS
    while True:
        part = raw[:size]
        folded = words(part)
        letters = sum(map(len, folded))
        if len(folded) > MAX_WORDS or letters > MAX_READ_LETTERS or size >= len(raw):
            break
        size *= 4
    if letters > MAX_READ_LETTERS:  # long words ("ﬃ" is three letters): a shorter start
        part = part[: max(1, len(part) * MAX_READ_LETTERS // letters)]
        folded = words(part)
    return part, tuple(w[:MAX_WORD_CHARS] for w in folded[:MAX_WORDS])


def _sentence(text: str) -> str:
    """NFKC of the start of the text, cut at the last space before the limit: NFKC may
    make many characters of one, so it is cut before and after."""
    normal = unicodedata.normalize("NFKC", text[:MAX_SENTENCE_CHARS])
    if len(normal) <= MAX_SENTENCE_CHARS and len(text) <= MAX_SENTENCE_CHARS:
        return normal
    cut = normal[:MAX_SENTENCE_CHARS]
    space = cut.rfind(" ")
    return cut[:space] if space > 0 else cut


def read_query(text: str, detect_lang: Callable[[Sequence[str], str], Lang]) -> Query:
    raw, folded = bounded_words(text)
    lang = detect_lang(folded, raw)
    folded = tuple(_plural_age(w, lang) for w in _written_out(folded, lang, raw))
    if not folded:
        return Query(raw, _sentence(raw), folded, lang)
    words_ = list(folded)
    periods, rest = read_periods(strip_sign_off(strip_greeting(words_)))
    period = asked_period(periods)
    change, rest = read_change(rest, lang, raw)
    compared = _compared_with_a_year(words_)
    change = change or _since_a_year(words_, lang) or bool(compared)
    rest = [w for w in rest if w not in compared]
    stated, rest, stated_words = _read_stated(raw, rest, strip_greeting(words_))
    rest, rank, rank_words = _read_rank(rest)
    rest_before_extreme = rest
    extreme, extreme_words, compares = _read_extreme(rest)
    judged = False
    if extreme is None:
        # Before the synthetic forms: "schlechter" is no "more of something bad".
        extreme, extreme_words, compares = _judging_extreme(rest, _acronyms(raw))
        judged = extreme is not None
    if extreme is None and language_packs()[lang].synthetic_comparatives:
        extreme, extreme_words, compares = _synthetic_comparative(rest, lang)
    if extreme is None and language_packs()[lang].synthetic_superlatives:
        extreme, extreme_words, rest = _synthetic_superlative(rest, lang)
    if extreme is None:
        extreme, extreme_words = _clause_final_extreme(raw)
    if rank > 1 and extreme is None:
        extreme = Extreme.HIGHEST  # "the second one": second highest
    extreme_words |= rank_words
    # "the no. 1 goal" is not about "no" goals: the superlative's words go, and so do
    # those of "wie groß ist der Anteil" ("groß" alone would narrow the question).
    # A comparative's words stay: "more common" may be a finding's own words.
    # "the top 3 goals": a number right after a superlative counts what it ranks.
    numbers = tuple(
        w for i, w in enumerate(rest) if w.isdigit() and not (i and rest[i - 1] in extreme_words)
    )
    asks_figure = (
        stated is not None
        or extreme is not None
        or "%" in raw
        # Of the question's language: German "Quote" is a rate, English "quote" no figure.
        or bool(set(words_) & _FIGURE_WORDS[lang])
        or bool(phrase_spans(words_, _ASKING_OR_SHARE))
    )
    # A stated share ("is it true that 3 in 4 ...") is checked against a share.
    unit = _unit_asked(raw, words_, lang) or ("percent" if stated is not None else None)
    dropped = frozenset() if compares else extreme_words
    rest = _without_phrases([w for w in rest if w not in dropped], _SHARE_QUESTIONS)
    aspect, aspect_weak = _read_aspect(rest)
    asked_language = requested_language(words_)  # "in German please"
    return Query(
        text=raw,
        sentence=_sentence(raw),
        words=folded,
        lang=lang,
        cue=Cue.LANGUAGE if asked_language is not None else read_cue(words_),
        asked_language=asked_language,
        period=period,
        periods=tuple(periods),
        change=change,
        stated=stated,
        extreme=extreme,
        compares=compares,
        judged=judged,
        rank=rank,
        rank_words=rank_words,
        among_doers=extreme is not None and bool(phrase_spans(words_, _AMONG_DOERS)),
        unit=unit,
        other_side=_other_side(words_, lang, extreme_words),
        ages=tuple(age_ranges(raw, lang)),
        extreme_words=extreme_words,
        ranked_by=_taken_along(extreme_words, rest_before_extreme),
        comparative_words=_predicative_comparatives(rest),
        direction=_direction(rest),
        aspect=aspect,
        aspect_weak=aspect_weak,
        numbers=numbers,
        content=tuple(rest),
        follow_up=is_follow_up(words_),
        asks_figure=asks_figure,
        acronyms=_acronyms(raw),
        nouns=_nouns_written(raw, lang),
        whole=not _WHOLE_WORDS.isdisjoint(words_),
        light=_preamble(words_)
        | (_WHOLE_WORDS & set(words_))
        | _context_sentences(raw)
        | _phrase_words(words_, _CLOSINGS)
        | stated_words
        | extreme_words
        | (_CATEGORY_NOUNS.intersection(rest) if extreme is not None else frozenset()),
    )


_CHAT_WORDS = {
    code: {word: tuple(meant.split()) for word, meant in pack.chat_words.items()}
    for code, pack in language_packs().items()
}
_CHAT_FILLERS = {code: pack.chat_fillers for code, pack in language_packs().items()}


def _written_out(folded: tuple[str, ...], lang: Lang, raw: str = "") -> tuple[str, ...]:
    """The words as if chat words were written out ("u" is "you", "vllt" "vielleicht")
    and those that say nothing about the question ("tbh", "lg") were left out. Only the
    question's own language's: "u" is "und" in German, and "wo" no chat word at all.
    A one-letter chat word only where it stands alone in lower case: "U.S." and
    "U-Bahn" are no "you". A chat word expands to a few words at most, so the bound on
    words holds."""
    meant, fillers = _CHAT_WORDS[lang], _CHAT_FILLERS[lang]
    alone = {w for w in meant if len(w) == 1 and _standing_alone(w, raw)}
    out = [
        m
        for w in folded
        if w not in fillers
        for m in (meant.get(w, (w,)) if len(w) > 1 or w in alone else (w,))
    ]
    return tuple(out[:MAX_WORDS])


def _standing_alone(letter: str, raw: str) -> bool:
    return re.search(rf"(?<![\w.\-]){re.escape(letter)}(?![\w.\-])", raw) is not None


_FRAMING = all_phrases(lambda p: p.framing)
_SHARE_QUESTIONS = all_phrases(lambda p: p.share_questions)
_CLOSINGS = all_phrases(lambda p: p.closings)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


# Two or more capitals standing alone ("in the US"); a message in capitals throughout
# ("HOW MANY FIRMS") shouts, it does not name.
_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")


_SENTENCE_WORD = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-ZÄÖÜ][a-zäöüß]+)\b")


def _nouns_written(raw: str, lang: Lang) -> frozenset[str]:
    """The words capitalised inside a sentence, where the language capitalises nouns."""
    if not language_packs()[lang].capitalises_nouns or not any(c.islower() for c in raw):
        return frozenset()
    return frozenset(fold(w) for w in _SENTENCE_WORD.findall(raw.strip()))


def _acronyms(raw: str) -> frozenset[str]:
    if not any(c.islower() for c in raw):
        return frozenset()
    return frozenset(fold(a) for a in _ACRONYM.findall(raw))


_FIGURE_WORDS = {code: pack.figure_words for code, pack in language_packs().items()}
_ASKING_OR_SHARE = all_phrases(lambda p: p.counting.asking) | _SHARE_QUESTIONS
AMOUNT_WORDS = all_words(lambda p: p.amount_words)
CONTEXT_WORDS = all_words(lambda p: p.context_words)
_REQUEST_WORDS = all_words(lambda p: p.request_words)
# A compound ends in a context word this long at least ("Bachelorarbeit").
MIN_CONTEXT_TAIL = 5


def _context_sentences(raw: str) -> frozenset[str]:
    """ "Ich recherchiere für einen Fachartikel. Wie hoch ist ...?": in a message
    that asks with a question mark, a sentence around the question that says why it is
    asked (it has a context word) is not what it asks about. "I only care about
    nurses." has none: it narrows the question."""
    sentences = [s for s in _SENTENCE.findall(raw) if s.strip()]
    asked = [s.rstrip().endswith("?") for s in sentences]
    if len(sentences) < 2 or not any(asked):
        return frozenset()
    around = [words(s) for s, question in zip(sentences, asked, strict=True) if not question]
    return frozenset(
        w
        for folded in around
        if any(_is_context_word(c) for c in folded) and _REQUEST_WORDS.isdisjoint(folded)
        for w in folded
    )


def _is_context_word(word: str) -> bool:
    return word in CONTEXT_WORDS or any(
        word.endswith(c) and len(c) >= MIN_CONTEXT_TAIL for c in CONTEXT_WORDS
    )


def _phrase_words(folded: list[str], phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    """The words of every occurrence of the phrases in `folded`."""
    return frozenset(w for start, end in phrase_spans(folded, phrases) for w in folded[start:end])


def _without_phrases(folded: list[str], phrases: frozenset[tuple[str, ...]]) -> list[str]:
    inside = {n for start, end in phrase_spans(folded, phrases) for n in range(start, end)}
    return [w for n, w in enumerate(folded) if n not in inside]


_LONGEST_FRAMING = max((len(p) for p in _FRAMING), default=1)


def _preamble(folded: list[str]) -> frozenset[str]:
    """The words up to the end of the last framing phrase ("..., could you tell me
    ...", "kurze Frage: ...")."""
    end = 0
    for start in range(len(folded)):
        for size in range(min(_LONGEST_FRAMING, len(folded) - start), 0, -1):
            if tuple(folded[start : start + size]) in _FRAMING:
                end = start + size
                break
    return frozenset(folded[:end])


# --- stated figures ---------------------------------------------------------------

_PERCENT_WORDS = all_words(lambda p: p.stated.percent_words)
_PERCENT = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(?:%|(?:"
    + "|".join(sorted(_PERCENT_WORDS, key=len, reverse=True))
    + r")\b)"
)
_FRACTIONS: dict[tuple[str, ...], float] = {
    tuple(phrase.split()): value
    for pack in language_packs().values()
    for phrase, value in pack.stated.fractions.items()
}
_APPROXIMATELY = all_words(lambda p: p.stated.approximately)
_MORE_THAN = all_phrases(lambda p: p.stated.more_than)
_LESS_THAN = all_phrases(lambda p: p.stated.less_than)
_LONGEST_FRACTION = max((len(p) for p in _FRACTIONS), default=1)


def _read_stated(
    raw: str, rest: list[str], folded: Sequence[str]
) -> tuple[StatedFigure | None, list[str], frozenset[str]]:
    """A share the question states to be checked ("is it true that 40 percent ...",
    "do half of ...?", "stimmt es, dass jede fünfte ..."), the words without its number,
    and the words that stated it. Outside a claim, "more than 50 percent growth" states
    nothing: its number narrows the question."""
    if not _is_claim(folded):
        return None, rest, frozenset()
    match = _PERCENT.search(fold(raw))
    if match is not None:
        number = match.group(1)
        value = float(number.replace(",", "."))
        digits = set(re.findall(r"\d+", number))
        position = next((i for i, w in enumerate(rest) if w in digits), None)
        if position is not None:
            relation, said = _relation(rest, position)
            kept = [
                w
                for i, w in enumerate(rest)
                if w not in digits and w not in _PERCENT_WORDS and i not in said
            ]
            return StatedFigure(value, relation), kept, frozenset(digits)
    ratio = _ratio(rest)
    if ratio is not None:
        share, start, end = ratio
        relation, said = _relation(rest, start)
        stated = StatedFigure(share, "about" if relation == "exactly" else relation)
        dropped = set(said) | set(range(start, end))
        return (
            stated,
            [w for i, w in enumerate(rest) if i not in dropped],
            frozenset(rest[start:end]),
        )
    for start in range(len(rest)):
        if rest[start] in _MAJORITY:
            kept = rest[:start] + rest[start + 1 :]
            return StatedFigure(50.0, "more"), kept, frozenset({rest[start]})
        for size in range(min(_LONGEST_FRACTION, len(rest) - start), 0, -1):
            phrase = tuple(rest[start : start + size])
            value_ = _FRACTIONS.get(phrase)
            if value_ is not None:
                relation, said = _relation(rest, start)
                # A fraction is a round figure by nature: "a third" is about a third. It is
                # the value checked, not what the claim is about: "half" must not find the
                # finding that says "more than half" of something else. Nor is "mehr als".
                stated = StatedFigure(value_, "about" if relation == "exactly" else relation)
                dropped = set(said) | set(range(start, start + size))
                kept = [w for i, w in enumerate(rest) if i not in dropped]
                return stated, kept, frozenset(phrase)
    return None, rest, frozenset()


_RATIO_WORDS = all_phrases(lambda p: p.stated.ratio_words)


def _ratio(rest: Sequence[str]) -> tuple[float, int, int] | None:
    """ "3 out of 4": 75, and where the ratio starts and ends in `rest`."""
    for start, first in enumerate(rest):
        if not first.isdigit():
            continue
        for words_ in _RATIO_WORDS:
            end = start + 1 + len(words_)
            if tuple(rest[start + 1 : end]) == words_ and end < len(rest) and rest[end].isdigit():
                whole = int(rest[end])
                if 0 < int(first) <= whole:
                    return 100.0 * int(first) / whole, start, end + 1
    return None


_CLAIMS = all_phrases(lambda p: p.stated.claims)
_YES_NO_OPENERS = all_words(lambda p: p.stated.yes_no_openers)
_MAJORITY = all_words(lambda p: p.stated.majority)


def _is_claim(folded: Sequence[str]) -> bool:
    """ "Is it true that ...", "stimmt es ...", or a yes-no question ("do half ...?")."""
    if folded and folded[0] in _YES_NO_OPENERS:
        return True
    return any(
        tuple(folded[i : i + size]) in _CLAIMS for i in range(len(folded)) for size in (1, 2, 3, 4)
    )


def _relation(rest: list[str], position: int) -> tuple[Relation, range]:
    """How the figure at `position` is stated ("more than", "about"), and where the
    words that say so stand."""
    before = rest[max(0, position - 2) : position]
    for size in (2, 1):
        phrase = tuple(before[-size:])
        if len(phrase) == size and phrase in _MORE_THAN:
            return "more", range(position - size, position)
        if len(phrase) == size and phrase in _LESS_THAN:
            return "less", range(position - size, position)
    return ("about" if any(w in _APPROXIMATELY for w in before) else "exactly"), range(0)


# --- superlatives -----------------------------------------------------------------

_HIGHEST = all_phrases(lambda p: p.superlatives.highest)
_LOWEST = all_phrases(lambda p: p.superlatives.lowest)
_SIZE_HIGHEST = all_phrases(lambda p: p.superlatives.size_highest)
_SIZE_LOWEST = all_phrases(lambda p: p.superlatives.size_lowest)
_MORE = all_phrases(lambda p: p.superlatives.more)
_JUDGING = all_words(lambda p: p.superlatives.judging)
_LESS = all_phrases(lambda p: p.superlatives.less)
_ALL_STOP_WORDS = all_words(lambda p: p.stop_words)
ALTERNATIVES = all_words(lambda p: p.alternatives)
_RANK_NOUNS = all_words(lambda p: p.superlatives.rank_nouns)
_CATEGORY_NOUNS = all_words(lambda p: p.superlatives.category_nouns)
_PERIPHRASTIC = all_phrases(lambda p: p.superlatives.periphrastic)
_AMONG_DOERS = all_phrases(lambda p: p.superlatives.among_doers)
# "source of the sleep poll?", "what is the source of the smoking survey?" are short
# (counted without stop words); a longer question with "source" asks more.
MAX_SOURCE_QUESTION = 4
# A comparative by ending is this long at least ("mehr", "oder" are not).
MIN_COMPARATIVE = 6
_CURRENCY_WORDS = {
    code: frozenset(fold(w) for marks in pack.units.currency_marks.values() for w in marks)
    for code, pack in language_packs().items()
}
# "in millions", "wie viele Millionen": a count. Short marks ("m", "Mio") are left out:
# "I'm" has an "m".
_SCALE_WORDS = {
    code: frozenset(fold(w) for w in pack.units.scales if len(w) >= 4 and w.isalpha())
    for code, pack in language_packs().items()
}
_YEAR_TEXT = re.compile(r"(19|20)\d\d")
# "by how many points?", "um wie viele Prozentpunkte?": a difference of shares is asked.
_POINTS_WORDS = {
    code: frozenset(tuple(words(" ".join(mark))) for mark in pack.units.points_marks)
    for code, pack in language_packs().items()
}


_SHARE_PHRASES = all_phrases(lambda p: p.share_phrases)
_CHANGE_PREPOSITIONS = {code: pack.change_prepositions for code, pack in language_packs().items()}


def _since_a_year(folded: Sequence[str], lang: Lang) -> bool:
    """ "How has it developed since 2015?", "seit 2015 gestiegen?": a change since then."""
    return any(
        word in _CHANGE_PREPOSITIONS[lang] and _YEAR_TEXT.fullmatch(after) is not None
        for word, after in pairwise(folded)
    )


_COMPARISONS = all_phrases(lambda p: p.periods.comparisons)
_COMPARISON_SIZES = sorted({len(p) for p in _COMPARISONS})


def _compared_with_a_year(folded: Sequence[str]) -> frozenset[str]:
    """ "How does that compare to 2023?", "verglichen mit 2023?": how a figure changed
    since then. The comparison's words say how it is asked, not what about; before
    anything but a year they compare two things ("Democrats compared to
    Republicans")."""
    return frozenset(
        word
        for size in _COMPARISON_SIZES
        for i in range(len(folded) - size)
        if tuple(folded[i : i + size]) in _COMPARISONS
        and _YEAR_TEXT.fullmatch(folded[i + size]) is not None
        for word in folded[i : i + size]
    )


def _beside_a_number(folded: Sequence[str], n: int) -> bool:
    return any(0 <= i < len(folded) and folded[i][:1].isdigit() for i in (n - 1, n + 1))


OTHER_SIDE_REACH = 3  # "than worried about AI": the side is the first words after "than"


def than_at(
    folded: Sequence[str], lang: Lang, comparatives: frozenset[str] = frozenset()
) -> int | None:
    """Where "than" / "als" follows a word of preference or a comparative ("more
    excited than concerned", "eher begeistert als besorgt"): what comes after it is the
    other side, not what is asked for or measured. None without one. "More than ten
    books" compares with a number: there is no other side."""
    pack_ = language_packs()[lang]
    preferring = pack_.rather_words | comparatives
    for at, word in enumerate(folded):
        if word in pack_.than_words and not preferring.isdisjoint(folded[:at]):
            if at + 1 < len(folded) and number_value(folded[at + 1]) is not None:
                continue
            return at
    return None


def _other_side(folded: Sequence[str], lang: Lang, comparatives: frozenset[str]) -> frozenset[str]:
    """The words of the other side, up to the first stop word ("than concerned about
    AI": the side ends before "about")."""
    at = than_at(folded, lang, comparatives)
    if at is None:
        return frozenset()
    side: list[str] = []
    for after in folded[at + 1 : at + 1 + OTHER_SIDE_REACH]:
        if after in _ALL_STOP_WORDS:
            break
        side.append(after)
    return frozenset(side)


def _plural_age(word: str, lang: Lang) -> str:
    """ "over 65s", "in their 30s", "in den 30ern": the number, an age (bot.engine.ages
    reads the range from the text)."""
    for ending in language_packs()[lang].ages.decade_endings:
        base = word[: -len(ending)]
        # "the 1990s" are years, not ages.
        if word.endswith(ending) and base.isdigit() and int(base) <= MAX_AGE:
            return base
    return word


def _unit_asked(raw: str, folded: Sequence[str], lang: Lang) -> str | None:
    """ "What share ...", "Anteil", "%": a percentage; "how many dollars", "wie viel
    Euro", "$": an amount of money; "in millions": a count. A question may name none."""
    # A mark beside a number states an amount ("raise it to $12", "12 Dollar"): what
    # the question says, not the unit it asks in.
    tokens = raw.split()
    stated = " ".join(
        t
        for n, t in enumerate(tokens)
        if not any(c.isdigit() for c in t) and not (n and any(c.isdigit() for c in tokens[n - 1]))
    )
    bare = [w for n, w in enumerate(folded) if not _beside_a_number(folded, n)]
    currency = _CURRENCY_WORDS[lang]
    if any(mark in stated for mark in currency if not mark.isalnum()) or currency & set(bare):
        return "currency"
    shares = _SHARE_QUESTIONS | _SHARE_PHRASES
    if phrase_spans(bare, _POINTS_WORDS[lang]):
        return "points"
    if _SCALE_WORDS[lang] & set(bare):
        return "count"
    if "%" in raw or set(folded) & _FIGURE_WORDS[lang] or phrase_spans(folded, shares):
        return "percent"
    return None


_ALL_EXTREMES = _HIGHEST | _LOWEST | _SIZE_HIGHEST | _SIZE_LOWEST | _MORE | _LESS
_LONGEST_EXTREME = max((len(p) for p in _ALL_EXTREMES), default=1)


_ORDINALS: dict[str, int] = {
    word: rank for p in language_packs().values() for word, rank in p.superlatives.ordinals.items()
}
_ORDINAL_PREFIXES: dict[str, int] = {
    word: rank
    for p in language_packs().values()
    for word, rank in p.superlatives.ordinal_prefixes.items()
}


def _read_rank(rest: list[str]) -> tuple[list[str], int, frozenset[str]]:
    """The rank a question asks for ("the second one", "zweithäufigste"), with an
    ordinal glued to a superlative split off: 1 when it names none."""
    for index, word in enumerate(rest):
        if word in _ORDINALS and _asks_rank(rest, index):
            return rest, _ORDINALS[word], frozenset({word})
        for prefix, rank in _ORDINAL_PREFIXES.items():
            tail = word[len(prefix) :]
            if word.startswith(prefix) and _base_form(tail, _ALL_EXTREMES) is not None:
                return [*rest[:index], tail, *rest[index + 1 :]], rank, frozenset({word})
    return rest, 1, frozenset()


def _asks_rank(rest: list[str], index: int) -> bool:
    """Does the ordinal at `index` ask for a rank? "the second most common" and "and
    the second one?" do; "for the second time", "in der zweiten Welle" and shares
    ("jedes dritte Unternehmen", "every second company") do not."""
    in_fraction = any(
        tuple(rest[index - size : index + 1]) in _FRACTIONS
        for size in range(1, min(index, _LONGEST_FRACTION) + 1)
    )
    after = rest[index + 1 :]
    return not in_fraction and (
        _read_extreme(after)[0] is not None
        or all(w in _ALL_STOP_WORDS or w in _RANK_NOUNS for w in after)
    )


# German adjectives add -s, -r, -m, -n to the forms the packs list ("wichtigste" +
# s): a word one such letter longer than a listed one-word phrase is that phrase.
_ADJECTIVE_ENDINGS = ("s", "r", "m", "n")


def _base_form(word: str, phrases: frozenset[tuple[str, ...]]) -> str | None:
    if (word,) in phrases:
        return word
    if word.endswith(_ADJECTIVE_ENDINGS) and (word[:-1],) in phrases:
        return word[:-1]
    return None


def _synthetic_comparative(
    rest: list[str], lang: Lang
) -> tuple[Extreme | None, frozenset[str], bool]:
    """ "Wem ist das wichtiger, Männern oder Frauen?": an adjective with the comparative
    ending, and alternatives to compare. The adjective is told by its lemma: a lower-case
    word the form is the lemma plus "er" of (a noun like "Männer" lemmatises to "Mann")."""
    if ALTERNATIVES.isdisjoint(rest):
        return None, frozenset(), False
    import simplemma

    for word in rest:
        if len(word) < MIN_COMPARATIVE or not word.endswith("er"):
            continue
        lemma = simplemma.lemmatize(word, lang=lang)
        if lemma != word and lemma.islower() and word in (f"{lemma}er", f"{lemma}r"):
            return Extreme.HIGHEST, frozenset({word}), True
    return None, frozenset(), False


def _synthetic_superlative(
    rest: list[str], lang: Lang
) -> tuple[Extreme | None, frozenset[str], list[str]]:
    """ "which region is loneliest?": in a question that asks which, an adjective with
    the superlative ending ranks the figures by the adjective, which stays a content
    word ("lonely"). Told by its lemma: the word is one of the pack's superlative forms
    of it ("big-g-est", "lonel-iest")."""
    if _DEGREE_ASKERS.isdisjoint(rest):
        return None, frozenset(), rest
    import simplemma

    of_time = language_packs()[lang].superlatives_of_time
    templates = language_packs()[lang].synthetic_superlatives
    # Only a word with a superlative's ending is looked up ("est" of "{lemma}est").
    endings = tuple(form.rsplit("}", 1)[-1] for form in templates)
    for at, word in enumerate(rest):
        if len(word) < MIN_COMPARATIVE or word in of_time or not word.endswith(endings):
            continue
        lemma = simplemma.lemmatize(word, lang=lang)
        if lemma == word or not lemma.isalpha():
            continue
        forms = {
            form.format(lemma=lemma, but_last=lemma[:-1], last=lemma[-1:]) for form in templates
        }
        if word in forms:
            return Extreme.HIGHEST, frozenset({word}), [*rest[:at], lemma, *rest[at + 1 :]]
    return None, frozenset(), rest


def _read_extreme(rest: list[str]) -> tuple[Extreme | None, frozenset[str], bool]:
    """A superlative ("the top goal", "am seltensten") or a comparative ("which is
    higher"), its words, and whether it compares (then it picks only among figures the
    question names). A size superlative before a content word narrows who is counted
    ("the largest companies") and is none."""
    # A comparative compares alternatives: "X or Y". "Are teams more common now than
    # in 2013?" asks about change, "lower pay" names a thing.
    alternatives = not ALTERNATIVES.isdisjoint(rest)
    for start in range(len(rest)):
        for size in range(min(_LONGEST_EXTREME, len(rest) - start), 0, -1):
            phrase = tuple(rest[start : start + size])
            if size == 1:
                phrase = (_base_form(phrase[0], _ALL_EXTREMES) or phrase[0],)
            after = rest[start + size : start + size + 1]
            predicative = not after or after[0] in _ALL_STOP_WORDS
            said = frozenset(phrase)
            if phrase in _PERIPHRASTIC and not predicative:
                said |= frozenset(after)  # "am wenigsten verbreitet"
            degree = (
                size == 1
                and start > 0
                and bool(after)
                and rest[start - 1] in _DEGREE_BEFORE
                and not _DEGREE_ASKERS.isdisjoint(rest[:start])
            )
            if degree and phrase[0] in _DEGREE_LOWEST:
                return Extreme.LOWEST, said, False  # "is least negative"
            if degree and phrase[0] in _DEGREE_HIGHEST:
                return Extreme.HIGHEST, said, False
            if phrase in _LOWEST or (predicative and phrase in _SIZE_LOWEST):
                return Extreme.LOWEST, said, False
            if phrase in _HIGHEST or (predicative and phrase in _SIZE_HIGHEST):
                return Extreme.HIGHEST, said, False
            # "five days or more" bounds, "mehr oder weniger" hedges: neither compares.
            neighbours = {*rest[max(0, start - 1) : start], *rest[start + 1 : start + 2]}
            bound = size == 1 and not ALTERNATIVES.isdisjoint(neighbours)
            if phrase in _MORE and alternatives and not bound:
                return Extreme.HIGHEST, frozenset(phrase), True
            if phrase in _LESS and alternatives and not bound:
                return Extreme.LOWEST, frozenset(phrase), True
    return None, frozenset(), False


_WHOLE_WORDS = all_words(lambda p: p.whole_words)
_JUDGING_GOOD = all_words(lambda p: p.superlatives.judging_good)
_JUDGING_BAD = all_words(lambda p: p.superlatives.judging_bad)


def _judging_extreme(
    rest: list[str], names: frozenset[str] = frozenset()
) -> tuple[Extreme | None, frozenset[str], bool]:
    """ "wer schläft schlechter, Männer oder Frauen?": a comparative that judges ranks
    the alternatives, the good side up or down (the engine knows which way the figures
    point). Only one judging word, not before "than" ("better off than last year, or
    the same?" compares with then), and alternatives with a word after them ("better
    off vs last year" ends with "vs" once the year is read; "the UK or the US": an
    acronym in `names` is a word though it folds to a stop word); "better or worse"
    hedges."""
    judging = [w for w in rest if w in _JUDGING_GOOD or w in _JUDGING_BAD]
    alternatives = any(
        w in ALTERNATIVES and any(a not in _ALL_STOP_WORDS or a in names for a in rest[at + 1 :])
        for at, w in enumerate(rest[1:], start=1)
    )
    if len(judging) != 1 or not alternatives:
        return None, frozenset(), False
    (word,) = judging
    at = rest.index(word)
    if not THAN_WORDS.isdisjoint(rest[at + 1 :]):
        return None, frozenset(), False
    extreme = Extreme.HIGHEST if word in _JUDGING_GOOD else Extreme.LOWEST
    return extreme, frozenset({word}), True


def _taken_along(extreme_words: frozenset[str], rest: list[str]) -> frozenset[str]:
    """The word right after a periphrastic superlative that it took along."""
    for start in range(len(rest)):
        for phrase in _PERIPHRASTIC:
            end = start + len(phrase)
            if tuple(rest[start:end]) == phrase and end < len(rest) and rest[end] in extreme_words:
                return frozenset({rest[end]})
    return frozenset()


_DEGREE_HIGHEST = all_words(lambda p: p.superlatives.degree_highest)
_DEGREE_LOWEST = all_words(lambda p: p.superlatives.degree_lowest)
_DEGREE_BEFORE = all_words(lambda p: p.superlatives.degree_before)
_DEGREE_ASKERS = all_words(lambda p: p.superlatives.degree_askers)

_CLAUSE_FINAL = {
    word: Extreme(extreme)
    for pack in language_packs().values()
    for word, extreme in pack.superlatives.clause_final.items()
}
_CLAUSE_FINAL_AT = (
    re.compile(r"(?<!\bat )\b(" + "|".join(map(re.escape, _CLAUSE_FINAL)) + r")\s*(?:[,.;:!?]|$)")
    if _CLAUSE_FINAL
    else None
)


def _predicative_comparatives(rest: list[str]) -> frozenset[str]:
    """ "war der Anteil höher (als ...)?": a comparative not before a noun. Before one it
    narrows who is asked about ("smaller companies")."""
    return frozenset(
        w
        for i, w in enumerate(rest)
        if ((w,) in _MORE or (w,) in _LESS or w in _JUDGING)
        and (i + 1 == len(rest) or rest[i + 1] in _ALL_STOP_WORDS)
    )


def _direction(rest: list[str]) -> int:
    """ "how much less than in 2011?": -1; "how much higher?": 1."""
    more = any((w,) in _MORE for w in rest)
    less = any((w,) in _LESS for w in rest)
    return int(more) - int(less)


def _clause_final_extreme(raw: str) -> tuple[Extreme | None, frozenset[str]]:
    """ "which platform do they use most, X or Y?": the ranking adverb at the end of
    its clause."""
    found = _CLAUSE_FINAL_AT.search(fold(raw)) if _CLAUSE_FINAL_AT is not None else None
    if found is None:
        return None, frozenset()
    return _CLAUSE_FINAL[found.group(1)], frozenset({found.group(1)})


# --- questions about the survey ----------------------------------------------------


def follow_up_aspect(content: Sequence[str]) -> SurveyAspect | None:
    """The survey fact a bare follow-up asks for ("and when?", "und wie viele?", "and
    how?", "und wer?"), after a reply about a survey: nothing but the interrogative."""
    asking = _BARE_INTERROGATIVES | _ASKING_WORDS
    rest = [w for w in content if w not in _ALL_STOP_WORDS or w in asking]
    if not rest or not set(rest) <= asking:
        return None
    if any(tuple(rest[i : i + 2]) in _ASKING for i in range(len(rest))):
        return SurveyAspect.SAMPLE
    if set(rest) & _WHEN:
        return SurveyAspect.WHEN
    if set(rest) & _WHO:
        return SurveyAspect.PUBLISHER
    if set(rest) & _HOW:
        return SurveyAspect.METHOD
    return None


_ASKING = all_phrases(lambda p: p.counting.asking)


def _survey_words(name: str) -> frozenset[str]:
    return all_words(lambda p: getattr(p.survey_questions, name))


_SURVEY_NOUNS = _survey_words("nouns")
_ASKED_VERBS = _survey_words("asked_verbs")
_ASKED_PHRASES = all_phrases(lambda p: p.survey_questions.asked_phrases)
_SAMPLE_NOUNS = _survey_words("sample_nouns")
_RUN_VERBS = _survey_words("run_verbs")
_WHO = _survey_words("who")
_WHEN = _survey_words("when")
_HOW = _survey_words("how")
_METHOD = _survey_words("method_words")
_PUBLISHER_NOUNS = _survey_words("publisher_nouns")
_NAME = _survey_words("name_words")
_PLACES = _survey_words("place_nouns")
_SIZE = _survey_words("size_words")
_SOURCE_WORDS = _survey_words("source_words")
_SOURCE_TOGETHER = all_phrases(lambda p: p.survey_questions.source_together)
# An interrogative opens its question: "who ...", "von wem ...".
INTERROGATIVE_REACH = 2
_BARE_INTERROGATIVES = _WHEN | _WHO | _HOW
_ASKING_WORDS = frozenset(w for phrase in _ASKING for w in phrase)


# The words that make a question one about the survey; what is left names which one,
# or shows the question is about a finding after all ("how many of those asked have ...").
# The words for a survey and for those it asked: where a figure comes from, no topic.
SOURCE_WORDS = _SURVEY_NOUNS | _SAMPLE_NOUNS
SURVEY_QUESTION_WORDS = (
    _SURVEY_NOUNS
    | _ASKED_VERBS
    | _SAMPLE_NOUNS
    | _RUN_VERBS
    | _WHO
    | _WHEN
    | _HOW
    | _METHOD
    | _PUBLISHER_NOUNS
    | _NAME
    | _PLACES
    | _SIZE
    | _SOURCE_WORDS
    | frozenset(w for phrase in _ASKING for w in phrase)
    | frozenset(w for phrase in _ASKED_PHRASES for w in phrase)
)


# "asked", "surveyed", "respondents": the words for those who were asked.
RESPONDENT_WORDS = _ASKED_VERBS | _SAMPLE_NOUNS


def _read_aspect(rest: list[str]) -> tuple[SurveyAspect | None, bool]:
    """Which fact about the survey itself the question asks for, if any, and whether
    the rest of the question must name nothing but a survey: where the words that say
    so are weak evidence ("which goals does the survey name?", "when did companies set
    up teams?"), or where it may name the survey by its topic ("the sample size of the
    home office study")."""
    present = set(rest)
    asks_count = any(
        tuple(rest[i : i + size]) in _ASKING for i in range(len(rest)) for size in (1, 2, 3)
    )
    asked = bool(present & _ASKED_VERBS) or bool(phrase_spans(rest, _ASKED_PHRASES))
    survey = bool(present & _SURVEY_NOUNS)
    run = bool(present & _RUN_VERBS)
    names_a_survey = survey or any(w.endswith(tuple(_SURVEY_NOUNS)) for w in rest)
    said = [w for w in rest if w not in _ALL_STOP_WORDS]
    asks_source = bool(present & _SOURCE_WORDS) or any(present >= set(p) for p in _SOURCE_TOGETHER)
    if asks_source and names_a_survey and len(said) <= MAX_SOURCE_QUESTION:
        # "Quelle der Schlafumfrage?", "source of the Gallup poll?": that survey's card.
        # "the most common source of news" names no survey: it is about a finding.
        return SurveyAspect.SOURCE, True
    if present & _SAMPLE_NOUNS and present & _SIZE:
        # "the sample size of the home office study": it may name the survey by topic.
        return SurveyAspect.SAMPLE, True
    if asks_count and (asked or present & _SAMPLE_NOUNS):
        return SurveyAspect.SAMPLE, False
    if present & _WHO and (asked or present & _SAMPLE_NOUNS):
        return SurveyAspect.POPULATION, False
    if (present & _WHO and run and survey) or (present & _PUBLISHER_NOUNS and (run or survey)):
        return SurveyAspect.PUBLISHER, False  # "which institute did the survey"
    # "von wem ist die Studie"; a "who" later in the question may be a relative ("the
    # people who work ...").
    if set(rest[:INTERROGATIVE_REACH]) & _WHO and (run or survey):
        return SurveyAspect.PUBLISHER, True
    if present & _WHEN and (survey or run or asked):
        return SurveyAspect.WHEN, not (survey or asked)
    if (present & _METHOD and survey) or (present & _HOW and asked):
        return SurveyAspect.METHOD, False
    if present & _NAME and survey:
        return SurveyAspect.TITLE, True
    if present & _PLACES and survey:
        return SurveyAspect.POPULATION, True  # "which state is the poll about"
    return None, False
