"""`survey-bot draft ARTICLE.txt`: a knowledge-base skeleton from a survey article.

A finding per statement of a share, with its figures in digits or in words (read by the
language packs' one reader, bot/languages/worded.py), each dated by its own clause, one
measure over several years in one finding; the answer taken from the sentence in the
article's language, questions built from what the figures measure, and every text of
the other language marked TODO, so that `check` names what is left. It invents nothing:
every number in the draft is a number of the article, and what it cannot tell (an
earlier year not named, a share written approximately) is marked TODO, never guessed.
Measured against hand-written knowledge bases by benchmarks/draft.py.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import yaml

from bot.engine.phrases import phrase
from bot.engine.text import fold
from bot.knowledge.schema import LANGS, Lang
from bot.languages import Periods, pack
from bot.languages.worded import read_worded

TODO = "TODO"
# Bounds on odd input: a "sentence" of pages, or hundreds of shares in one.
MAX_SENTENCE = 2000
MAX_SHARES = 12
# "49%", "49 %", "55,7 Prozent", "12.5 percent", "(32%)": a share and where it is written.
_SHARE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s?(?:%|Prozent\b|percent\b|per cent\b)", re.IGNORECASE
)
# "48 beziehungsweise 47 Prozent", "29 or 30 percent": the first number shares the unit.
_SHARED_UNIT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s?(?:%\s?)?(?:und|oder|bzw\.|beziehungsweise|or|and)"
    r"\s+(?=\d{1,3}(?:[.,]\d+)?\s?(?:%|Prozent\b|percent\b|per cent\b))",
    re.IGNORECASE,
)
_SHARED_ACROSS = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s+(?:und|oder|bzw\.|beziehungsweise|or|and)\s+"
    r"((?:[^\W\d]+\s+){1,3}|(?:19|20)\d\d\s+)"
    r"(?=\d{1,3}(?:[.,]\d+)?\s?(?:%|Prozent\b|percent\b|per cent\b))",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
# A dateline before a paragraph's first dash: a place with a comma and a date that
# names its year ("Berlin, 12. März 2024 –", "WASHINGTON, March 3, 2022 —"), or with a
# news agency in parentheses ("LONDON (Reuters) -", "Nürnberg (ots) -"). A name alone
# before a dash ("NHS – 80 percent"), or a group with its ages ("Frauen (ab 14 Jahren)
# –"), is content.
_PLACE = r"[A-ZÄÖÜ][\w.'’/-]*(?:\s+[A-ZÄÖÜ][\w.'’/-]*){0,3}"
_AGENCY = r"\([^()%\d]{1,25}\)"
_DATELINE = re.compile(
    rf"^((?:{_PLACE},\s+[^%–—]{{0,25}}?\b(?:19|20)\d\d\b(?:\s*{_AGENCY})?"
    rf"|{_PLACE}\s*{_AGENCY}))\s+[–—-]\s+"
)
# A sentence ends at . ! ? before a space and a capital or a digit, not inside "55,7",
# "Dr." or "Co.".
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"(])")
_NOT_AN_END = ("Dr.", "Co.", "Prof.", "bzw.", "z.B.", "u.a.", "ca.", "etc.", "vs.", "No.")


@dataclass
class DraftFigure:
    value: float
    period: int | None = None
    # The words of its clause without the figure and its period: what it measures, as
    # the article says it ("der Befragten arbeiten von zu Hause").
    measure: str = ""
    sentence: str = ""  # the sentence that gives it
    at: int = 0  # where in it
    # Written right after "the", "die": a figure said before ("The 12% who said …").
    referred: bool = False
    approximate: str = ""  # "fast die Hälfte": the words, for the maintainer to check


@dataclass
class DraftFinding:
    sentence: str
    figures: list[DraftFigure] = field(default_factory=list)
    # The sentences of other years merged into it ("Im Vorjahr waren es 41 Prozent").
    more: list[str] = field(default_factory=list)


_LONGEST_TITLE = 100
_SENTENCE_ENDS = (".", "!", "?", ":", ";", '"', "“", "”", "»", "«", ")")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of `text`. Lines run on in a hard-wrapped block (most of its lines
    end without a full stop); elsewhere a line is a paragraph (a heading, a dateline, a
    paragraph on one line). A list item always starts a paragraph."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        open_ = sum(1 for line in lines if not line.endswith(_ENDS))
        wrapped = len(lines) >= _WRAPPED_LINES and 2 * open_ > len(lines)
        current: list[str] = []
        for line in lines:
            if current and (not wrapped or _BULLET.match(line)):
                found.append(" ".join(current))
                current = []
            current.append(_BULLET.sub("", line))
        found += [" ".join(current)] if current else []
    return [" ".join(p.split()) for p in found if p.strip()]


_BULLET = re.compile(r"^(?:[-•*–]\s+|\d{1,2}[.)]\s+)")
_ENDS = (".", "!", "?", ":", ";", '"', "“", "”")
_WRAPPED_LINES = 3


def sentences(text: str) -> list[str]:
    merged: list[str] = []
    for paragraph in paragraphs(text):
        parts = _SENTENCE_END.split(paragraph)
        for index, part in enumerate(parts):
            if index and merged[-1].endswith(_NOT_AN_END):
                merged[-1] = f"{merged[-1]} {part}"
            else:
                merged.append(part)
    return merged


def _number(text: str) -> float:
    return float(text.replace(",", "."))


# How close a share in digits stands to one in words that it restates: "jeder Zweite
# (49 Prozent)", "Around 8 in 10 (81%)", "49 Prozent, also jeder Zweite".
_RESTATED = 16
_RESTATED_IN_RANGE = 32
# "von 41 auf 45 Prozent", "from 41 to 45 percent": the first number shares the unit.
_FROM_TO = re.compile(
    r"(?<![\d.,])(?:von|from)\s+(\d{1,3}(?:[.,]\d+)?)\s?(?:%\s?)?(?:auf|to)\s+"
    r"(?=\d{1,3}(?:[.,]\d+)?\s?(?:%|Prozent\b|percent\b|per cent\b))",
    re.IGNORECASE,
)


def shares_in(sentence: str, lang: Lang) -> list[tuple[int, int, float]]:
    """(start, end, value) of every share a sentence states, in order: "49%", "55,7
    Prozent", the 48 of "48 beziehungsweise 47 Prozent", and those in words the
    language pack knows ("vier Prozent", "Ninety-three percent", "drei Viertel", "one in
    three", "jede fünfte", "about half"), unless digits next to them restate them."""
    found = [(m.start(), m.end(), _number(m.group(1))) for m in _SHARE.finditer(sentence)]
    found += [
        (m.start(), m.end(), _number(m.group(1)))
        for m in _SHARED_UNIT.finditer(sentence)
        if not _after_an_age_word(sentence[: m.start()], lang)
    ]
    found += [(m.start(), m.end(), _number(m.group(1))) for m in _FROM_TO.finditer(sentence)]
    # "2014 noch 51 und vor zwei Jahren 56 Prozent": a period between, the unit shared.
    for m in _SHARED_ACROSS.finditer(sentence):
        dated, _ = _periods_in(m.group(2), lang, 2000)
        if dated and not any(s == m.start() for s, _, _ in found):
            found.append((m.start(), m.start(1) + len(m.group(1)), _number(m.group(1))))
    digits = list(found)
    for worded in read_worded(sentence, lang):
        if worded.unit != "percent":
            continue
        restated = any(
            start - worded.end <= _RESTATED and worded.start - end <= _RESTATED
            for start, end, _ in digits
        ) or any(  # "About half of one group, or 53%": a digit share in its range
            abs(start - worded.end) <= _RESTATED_IN_RANGE and worded.fits(value)
            for start, _, value in digits
        )
        if not restated:
            found.append((worded.start, worded.end, worded.value))
    return sorted(set(found))


def _after_an_age_word(before: str, lang: Lang) -> bool:
    """ "adults under 30 and 49% of …": a number after "under", "over", "ages" bounds an
    age, and shares no unit with the share after it."""
    ages = pack(lang).ages
    words = tuple(re.findall(r"\w+", fold(before)))
    bounds = ages.over | ages.under | ages.from_ | {(w,) for w in ages.words}
    return any(words[-len(b) :] == b for b in bounds if b)


def _period_phrases(lang: Lang, year: int | None) -> list[tuple[re.Pattern[str], int]]:
    """Phrases of the pack that date a share relative to the survey year ("now" and
    "heute" date it to the survey year)."""
    if year is None:
        return []
    periods = pack(lang).periods
    found: list[tuple[re.Pattern[str], int]] = []
    # "next year" is what people expect, never when a figure was measured.
    for phrases, year_of in ((periods.previous, year - 1), (periods.current, year)):
        for words_ in phrases:
            found.append((_phrase(words_), year_of))
    words = dict(pack(lang).number_words)
    for pattern in pack(lang).years_ago:
        for word, n in [*((str(k), k) for k in range(1, 11)), *words.items()]:
            text = pattern.replace("{n}", word)
            found.append((re.compile(r"\b" + r"\s+".join(text.split()) + r"\b"), year - n))
    return found


# A clause ends at a comma, semicolon, colon or dash, never inside "55,7" or "1,000".
# A colon after a year ("(2016: 32 Prozent)") ends no clause: the year is the figure's.
_CLAUSE_END = re.compile(r"(?<!\d)[,;:]|[,;](?!\d)|\s[–—-]\s")
_BARE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\W*$")
# An elliptic clause ("…, 2019 auf 45") is this short: a period, a word or two, a number.
_ELLIPTIC_WORDS = 6


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _CLAUSE_END.finditer(sentence):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(sentence)))
    return spans


def _periods_in(
    sentence: str, lang: Lang, year: int | None
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """(start, end, year) of every period the sentence names, and of those it compares
    with ("compared to last year", "im Vergleich zum Vorjahr"): a year or a phrase of
    the pack against the survey year. No year after "since" or in a range ("between
    1974 and 1981") dates a figure, nor a span ("during the last year")."""
    periods = pack(lang).periods
    since = pack(lang).change_prepositions
    quantity = pack(lang).quantity_words
    # Folding keeps the length of these texts closely enough to reuse positions.
    folded = fold(sentence)
    found: list[tuple[int, int, int]] = []
    ranges = [(m.start(), m.end()) for m in _YEAR_RANGE.finditer(sentence)]
    for m in _YEAR.finditer(sentence):
        before = re.findall(r"\w+", folded[: m.start()])
        # "since 2015" dates nothing; "unter 1922 Befragten" counts people.
        if before and (before[-1] in since or before[-1] in quantity):
            continue
        future = year is not None and int(m.group(1)) > year  # "bis 2030": a goal
        if not future and not any(start <= m.start() < end for start, end in ranges):
            found.append((_with_prefix(folded, m.start(), periods), m.end(), int(m.group(1))))
    for pattern, year_of in _period_phrases(lang, year):
        found += [(m.start(), m.end(), year_of) for m in pattern.finditer(folded)]
    spans = [m.span() for p in periods.spans for m in _phrase(p).finditer(folded)]
    found = [d for d in found if not any(a <= d[0] < b for a, b in spans)]
    compared_at = [m.end() for p in periods.comparisons for m in _phrase(p).finditer(folded)]
    dated = [d for d in sorted(set(found)) if not _right_after(folded, compared_at, d[0])]
    compared = [d for d in sorted(set(found)) if _right_after(folded, compared_at, d[0])]
    return dated, compared


def _with_prefix(folded: str, start: int, periods: Periods) -> int:
    """Where a year starts with the words that belong to it ("im Jahr 2017")."""
    for words in sorted(periods.year_prefixes, key=len, reverse=True):
        match = re.search(r"\b" + r"\s+".join(map(re.escape, words)) + r"\s+$", folded[:start])
        if match is not None:
            return match.start()
    return start


_YEAR_RANGE = re.compile(
    r"(?<!\d)(?:19|20)\d\d\s*(?:-|–|/|and|to|bis|und)\s*(?:19|20)\d\d(?!\d)", re.IGNORECASE
)


def _phrase(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b")


def _right_after(folded: str, ends: list[int], start: int) -> bool:
    """Does a phrase ending at one of `ends` stand right before `start` (an article
    between: "compared to the previous year")?"""
    return any(end <= start and re.fullmatch(r"\s*(?:\w+\s+)?", folded[end:start]) for end in ends)


def _inside(span: tuple[int, int], position: int) -> bool:
    return span[0] <= position < span[1]


def find_findings(body: str, lang: Lang, year: int | None) -> list[DraftFinding]:
    """The sentences that state shares, each share dated by its own clause: a period
    in its clause ("2018 stieg der Anteil auf 41 Prozent, 2019 auf 45"), else one
    opening its clause before an earlier share ("In 2013, 60 percent of men and 52
    percent of women"), else a clause of a period alone before it ("The time before, in
    2010, it was the other way round: 61 percent …"). A later sentence that only gives
    other years of the same measure joins its finding."""
    found: list[DraftFinding] = []
    for sentence in sentences(body):
        if len(sentence) > MAX_SENTENCE:
            continue  # no sentence of an article; a finding could not quote it anyway
        if not sentence.endswith(_SENTENCE_ENDS) and len(sentence) < _LONGEST_TITLE:
            continue  # a heading: it repeats a figure the text gives with its context
        shares = shares_in(sentence, lang)
        if not shares or _about_the_method(sentence, lang):
            continue
        clauses = _clauses(sentence)
        dated, compared = _periods_in(sentence, lang, year)
        elliptic = _elliptic(sentence, clauses, shares, dated)
        shares = sorted(shares + elliptic)[:MAX_SHARES]
        figures = _dated(sentence, clauses, shares, dated, lang)
        for figure, (start, end, _) in zip(figures, shares, strict=True):
            # "rund ein Drittel": the source's rounding, which the maintainer checks.
            if any(w.approximate for w in read_worded(sentence[start:end], lang)):
                figure.approximate = sentence[start:end]
        for index, figure in enumerate(figures):
            # "…, 2019 auf 45" measures what the share before it measures.
            if index and any(figure.at == e[0] for e in elliptic):
                figure.measure = figures[index - 1].measure
        _from_to(sentence, clauses, shares, figures, dated + compared, year)
        # A figure said again ("The 15% who …") is the finding that gave it first.
        figures = [f for f in figures if not _drafted(found, f, year, lang)]
        for part in _statements(sentence, shares, figures, lang):
            finding = DraftFinding(sentence, part)
            if found and _same_measure(found[-1], finding, year, lang):
                found[-1].figures += part
                found[-1].more.append(sentence)
            else:
                found.append(finding)
    return found


_SUBJECT_REACH = 2


def _statements(
    sentence: str, shares: list[tuple[int, int, float]], figures: list[DraftFigure], lang: Lang
) -> list[list[DraftFigure]]:
    """The figures of a sentence grouped by the statement they belong to: "… better off
    (32%) or the same (52%) compared to last year and most expect to be better off
    (29%) …" are two findings; "48 percent of men and 36 percent of women" one (a
    share right after the joining word continues the statement)."""
    joiners = pack(lang).written_numbers.statement_joiners
    subjects = pack(lang).amount_words | pack(lang).written_numbers.share_nouns
    cuts = []
    for match in re.finditer(r"\b(\w+)\s+(?=\S)", sentence):
        if fold(match.group(1)) not in joiners:
            continue
        if any(start == match.end() for start, _, _ in shares):
            continue  # "and 36 percent of women"
        # A new statement names its own amount or share: "and most expect …", "and the
        # proportion …"; "und machen das jetzt zeitweise (15 Prozent)" goes on.
        next_words = re.findall(r"\w+", fold(sentence[match.end() :]))[:_SUBJECT_REACH]
        if not any(w in subjects for w in next_words):
            continue
        before = any(end <= match.start() for _, end, _ in shares)
        after = any(start >= match.end() for start, _, _ in shares)
        if before and after:
            cuts.append(match.start())
    cuts += _other_doers(sentence, shares, lang)
    cuts += _parallel_clauses(sentence, figures)
    # "80% … fahren Rad: 50% täglich, 30% seltener": after a colon, the
    # parts of the share before it, a breakdown of its own.
    for match in re.finditer(r"(?<!\d):\s", sentence):
        if any(end <= match.start() for _, end, _ in shares) and any(
            start >= match.end() for start, _, _ in shares
        ):
            cuts.append(match.start())
    groups: list[list[DraftFigure]] = []
    for figure in figures:
        part = sum(1 for cut in cuts if cut < figure.at)
        while len(groups) <= part:
            groups.append([])
        groups[part].append(figure)
    return [g for g in groups if g]


def _parallel_clauses(sentence: str, figures: list[DraftFigure]) -> list[int]:
    """ "… sinkt von 44 auf 40 Prozent, wöchentlich tun es 31 Prozent nach 35
    Prozent im Jahr 2016": a clause with figures of the same years as the clause before
    states another measure over them, not more of the same."""
    cuts = []
    spans = _clauses(sentence)
    for before, after in itertools.pairwise(spans):
        years = [{f.period for f in figures if _inside(span, f.at)} for span in (before, after)]
        if len(years[0]) >= _PARALLEL_YEARS and years[0] == years[1]:
            cuts.append(after[0])
    return cuts


_PARALLEL_YEARS = 2


def _other_doers(sentence: str, shares: list[tuple[int, int, float]], lang: Lang) -> list[int]:
    """ "58 percent walk …, compared to just 40 percent who drive …": a share compared with
    one of those who do something else is another finding's ("compared with 44% last
    year" is the same measure's, of another year)."""
    folded = fold(sentence)
    relatives = pack(lang).written_numbers.relative_words
    cuts = []
    for words in pack(lang).periods.comparisons:
        for match in _phrase(words).finditer(folded):
            if not any(end <= match.start() for _, end, _ in shares):
                continue
            for start, end, _ in shares:
                between = re.findall(r"\w+", folded[match.end() : start])
                following = re.findall(r"\w+", folded[end:])[:_SUBJECT_REACH]
                if start >= match.end() and len(between) <= 1:
                    if any(w in relatives for w in following):
                        cuts.append(match.start())
                    break
    return cuts


def _from_to(
    sentence: str,
    clauses: list[tuple[int, int]],
    shares: list[tuple[int, int, float]],
    figures: list[DraftFigure],
    periods: list[tuple[int, int, int]],
    year: int | None,
) -> None:
    """ "von 60 auf 66 Prozent im Vergleich zum Vorjahr", "rose from 35% last year to
    39%": the first figure is of the earlier period, the second of the later (the
    survey's, unless the clause names a later one). With no earlier period in the
    sentence, the first figure's year is left for the maintainer (a TODO), not guessed."""
    for match in _FROM_TO_ANY.finditer(sentence):
        first = next((i for i, s in enumerate(shares) if s[0] <= match.start(1) < s[1]), None)
        second = next((i for i, s in enumerate(shares) if s[0] >= match.end(1)), None)
        if first is None or second is None:
            continue
        span = next((c for c in clauses if _inside(c, match.start())), (0, len(sentence)))
        here = [d[2] for d in periods if _inside(span, d[0])]
        anywhere = [d[2] for d in periods]
        if year is None:
            earlier: list[int] = []
            later: list[int] = []
        else:
            earlier = [p for p in here if p < year] or [p for p in anywhere if p < year]
            later = [p for p in here if p >= year]
        figures[first].period = max(earlier) if earlier else _UNSURE_YEAR
        figures[second].period = min(later) if later else None


# A year the draft cannot tell: the maintainer fills it in (`check` names it).
_UNSURE_YEAR = -1
_FROM_TO_ANY = re.compile(
    r"(?<![\d.,])(?:von|from)\s+(\d{1,3}(?:[.,]\d+)?)\s?(?:%|Prozent\b|percent\b)?"
    r"(?:\s+\w+){0,3}?\s+(?:auf|to)\s+\d",
    re.IGNORECASE,
)


def _drafted(found: list[DraftFinding], figure: DraftFigure, year: int | None, lang: Lang) -> bool:
    """Is the figure one drafted before, said again ("The 12% who said …")? The same value
    and period, and most of the words of what it measures there."""
    words = _content(figure.measure, lang)
    return any(
        f.value == figure.value
        and (f.period or year) == (figure.period or year)
        and (
            figure.referred
            or len(words & _content(" ".join([finding.sentence, *finding.more]), lang))
            >= _SAME_WORDS * len(words)
        )
        for finding in found
        for f in finding.figures
    )


def _refers_back(before: str, lang: Lang) -> bool:
    words = re.findall(r"\w+", fold(before))
    return bool(words) and words[-1] in pack(lang).written_numbers.back_references


def _about_the_method(sentence: str, lang: Lang) -> bool:
    """ "The margin of sampling error is 4 points at the 95 percent confidence level":
    numbers of how the survey was made, no findings."""
    folded = tuple(re.findall(r"\w+", fold(sentence)))
    words = pack(lang).written_numbers.method_words
    return any(folded[i : i + len(w)] == w for w in words for i in range(len(folded)))


def _elliptic(
    sentence: str,
    clauses: list[tuple[int, int]],
    shares: list[tuple[int, int, float]],
    dated: list[tuple[int, int, int]],
) -> list[tuple[int, int, float]]:
    """ "2018 stieg der Anteil auf 41 Prozent, 2019 auf 45": a later clause of a period
    and a bare number continues the share before it."""
    found = []
    for span in clauses:
        if any(_inside(span, s) for s, _, _ in shares):
            continue
        if not any(s < span[0] for s, _, _ in shares):
            continue
        text = sentence[span[0] : span[1]]
        periods = [d for d in dated if _inside(span, d[0])]
        bare = _BARE.search(text)
        if not periods or bare is None or len(text.split()) > _ELLIPTIC_WORDS:
            continue
        if _YEAR.fullmatch(bare.group(1)) or _number(bare.group(1)) > 100:
            continue
        if any(_inside((d[0] - span[0], d[1] - span[0]), bare.start(1)) for d in periods):
            continue
        found.append((span[0] + bare.start(1), span[0] + bare.end(1), _number(bare.group(1))))
    return found


def _dated(
    sentence: str,
    clauses: list[tuple[int, int]],
    shares: list[tuple[int, int, float]],
    dated: list[tuple[int, int, int]],
    lang: Lang,
) -> list[DraftFigure]:
    periods: dict[int, int | None] = {}
    inherited: set[int] = set()
    for span in clauses:
        own = [i for i, (s, _, _) in enumerate(shares) if _inside(span, s)]
        here = [d for d in dated if _inside(span, d[0])]
        # Each period of the clause dates the share nearest to it.
        picked: dict[int, list[tuple[int, int]]] = {}
        for start, end, year_of in here:
            if not own:
                break
            gaps = [(max(start - shares[i][1], shares[i][0] - end, 0), i) for i in own]
            gap, nearest = min(gaps)
            picked.setdefault(nearest, []).append((gap, year_of))
        opener: int | None = None
        for i in own:
            if i in picked:
                periods[i] = min(picked[i])[1]
                # A period before its share opens the clause for the shares after it.
                before = [y for s, e, y in here if e <= shares[i][0]]
                opener = before[-1] if before and periods[i] == before[-1] else None
            elif opener is not None:
                periods[i] = opener
            else:
                periods[i] = _from_before(clauses, span, shares, dated, periods, inherited)
                if periods[i] is not None:
                    inherited.add(i)
    return [
        DraftFigure(
            value,
            periods.get(i),
            _measure(sentence, clauses, shares[i], dated),
            sentence,
            shares[i][0],
            _refers_back(sentence[: shares[i][0]], lang),
        )
        for i, (_, _, value) in enumerate(shares)
    ]


def _from_before(
    clauses: list[tuple[int, int]],
    span: tuple[int, int],
    shares: list[tuple[int, int, float]],
    dated: list[tuple[int, int, int]],
    periods: dict[int, int | None],
    inherited: set[int],
) -> int | None:
    """The period of a clause that names one and no share, before this clause, across
    clauses whose shares took it too; None at a clause with shares of their own."""
    for before in reversed([c for c in clauses if c[1] <= span[0]]):
        own = [i for i, (s, _, _) in enumerate(shares) if _inside(before, s)]
        here = [d for d in dated if _inside(before, d[0])]
        if own:
            if all(i in inherited for i in own):
                return periods[own[-1]]
            return None
        if here:
            return here[-1][2]
    return None


def _measure(
    sentence: str,
    clauses: list[tuple[int, int]],
    share: tuple[int, int, float],
    dated: list[tuple[int, int, int]],
) -> str:
    """What a share measures as its clause says it: the words after the share ("der
    Befragten arbeiten von zu Hause"), else those before it, without numbers, periods
    and brackets."""
    span = next((c for c in clauses if _inside(c, share[0])), (0, len(sentence)))
    after = _clean(sentence[share[1] : span[1]], sentence, share[1], dated)
    if len(after.split()) >= _MEASURE_WORDS:
        return after
    return _clean(sentence[span[0] : share[0]], sentence, span[0], dated)


_MEASURE_WORDS = 2
_TRAILING = re.compile(
    r"(?:\s+\b(?:auf|bei|von|um|to|at|of|by|on|from|with|mit|nur|erst|noch|bereits|just|only))+\s*$",
    re.IGNORECASE,
)


def _clean(text: str, sentence: str, offset: int, dated: list[tuple[int, int, int]]) -> str:
    chars = list(text)
    for start, end, _ in dated:
        for position in range(max(start, offset), min(end, offset + len(text))):
            chars[position - offset] = " "
    cleaned = "".join(chars)
    cleaned = _SHARE.sub(" ", cleaned)
    cleaned = re.sub(r"\([^)]*\)|\d+(?:[.,]\d+)?|[()\[\]\"„“”]", " ", cleaned)
    cleaned = " ".join(cleaned.split()).strip(" .,;:–—-")
    return _TRAILING.sub("", cleaned).strip(" .,;:–—-")


def _content(text: str, lang: Lang) -> set[str]:
    stop = pack(lang).stop_words
    return {w for w in re.findall(r"[^\W\d_]{3,}", fold(text)) if w not in stop}


# The share of a later sentence's words its earlier one must have to be the same
# measure in other years.
_SAME_WORDS = 0.5


def _same_measure(earlier: DraftFinding, later: DraftFinding, year: int | None, lang: Lang) -> bool:
    """Does `later` give only other years of `earlier`'s measure ("Im Vorjahr waren es
    41 Prozent")? Every figure of it is of a year `earlier` has no figure for, and most
    of what it measures is in `earlier`'s words. When unsure, it stays a finding of its
    own: a wrong finding is worse than two to merge."""
    years = {f.period or year for f in earlier.figures}
    later_years = {f.period for f in later.figures}
    if None in later_years or year in later_years or later_years & years:
        return False
    if len(later.figures) > len(earlier.figures):
        return False
    words = _content(" ".join(f.measure for f in later.figures), lang)
    known = _content(" ".join([earlier.sentence, *earlier.more]), lang)
    return bool(words) and len(words & known) >= _SAME_WORDS * len(words)


def _plain(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _other_numbers(found: DraftFinding, lang: Lang) -> dict[str, list[int | float]]:
    """The answer's numbers that are no figure or period of it ("45 minutes", "in
    February 2023"), for `other_numbers`: `check` accepts them in the answer."""
    from bot.knowledge.checks import numbers_in

    known = {f.value for f in found.figures} | {float(f.period) for f in found.figures if f.period}
    others = sorted(numbers_in(_answer(found), lang) - known)
    return {"other_numbers": [_plain(n) for n in others]} if others else {}


def _period(period: int | None) -> int | str | None:
    return f"{TODO}: the year of this earlier figure" if period == _UNSURE_YEAR else period


def _measures(figure: DraftFigure) -> str:
    measure = figure.measure or f"{TODO}: what {figure.value:g} measures"
    if figure.approximate:
        # The source rounded: the figure is the words' value, to check against the source.
        return f"{TODO}: written '{figure.approximate}', is {figure.value:g} right? {measure}"
    return measure


def _answer(found: DraftFinding) -> str:
    return " ".join([found.sentence, *found.more])


def _slug(text: str, taken: set[str]) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", fold(text)) if not w.isdigit()]
    base = "-".join(words[:4])[:36].strip("-") or "finding"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _texts(lang: Lang, own: str) -> dict[str, str]:
    """`own` in the article's language; the other marked as still to be written."""
    todo = own if own.startswith(TODO) else f"{TODO}: {own}"
    return {other: (own if other == lang else todo) for other in LANGS}


def _questions(found: DraftFinding, lang: Lang) -> list[str]:
    """Questions built from what the figures measure ("What share of adults reported
    …?", "Wie viel Prozent der Befragten arbeiten …?"), marked TODO: a person asks them
    better, so each is a start to review, not a variant to keep as it is."""
    found_: list[str] = []
    for figure in found.figures:
        if len(figure.measure.split()) < 2:
            continue
        question = _question(figure.measure, lang)
        question = question[:1].upper() + question[1:]
        if f"{TODO}: {question}" not in found_:
            found_.append(f"{TODO}: {question}")
    return found_[:_QUESTIONS] or [f"{TODO}: a question this finding answers"]


_QUESTIONS = 3


def _question(measure: str, lang: Lang) -> str:
    """ "What share of adults …?" from "of adults …"; "Wie hoch ist der Anteil der
    Radfahrer?" from "stieg der Anteil der Radfahrer", where a share noun names it."""
    words = measure.split()
    nouns = pack(lang).written_numbers.share_nouns
    at = next((i for i, w in enumerate(words) if fold(w) in nouns), None)
    if at is not None:
        start = at - 1 if at and fold(words[at - 1]) in pack(lang).stop_words else at
        return phrase("draft_question_share", lang, measure=" ".join(words[start:]))
    return phrase("draft_question", lang, measure=measure)


_URL = re.compile(r"^<?(https?://\S+?)>?$")
# "URL: https://…", "Title: …", "Quelle: …": a saved page's header lines.
_HEADER = re.compile(r"^([A-Za-zÄÖÜäöü_ ]{2,30}):\s*(.+)$")
_TITLE_KEYS = frozenset({"title", "titel", "headline", "überschrift"})


def _header(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    """The address, the title and the lines after a saved page's header: lines at the
    top, or right under the title line, that are an address or "Key: value" (the title's
    value is the title)."""
    url, title, rest = _header_lines(lines)
    if url is None and title is None and len(lines) > 1:
        # "15% of all Americans ...\nURL: https://…": the header under the title.
        under_url, under_title, under_rest = _header_lines(lines[1:])
        if under_url is not None or under_title is not None:
            return under_url, under_title, [lines[0], *under_rest]
    return url, title, rest


def _header_lines(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    url: str | None = None
    title: str | None = None
    at = 0
    while at < len(lines):
        line = lines[at]
        bare = _URL.match(line)
        keyed = _HEADER.match(line)
        if bare:
            url = url or bare.group(1)
        elif keyed and (
            keyed.group(1).strip().lower() in _TITLE_KEYS or _URL.match(keyed.group(2))
        ):
            if _URL.match(keyed.group(2)):
                url = url or keyed.group(2)
            else:
                title = keyed.group(2).strip()
        elif keyed and keyed.group(1).isupper():
            pass  # "PUBLISHER: …", "LANGUAGE: en": more of the header
        else:
            break
        at += 1
    if not at:
        return None, None, lines
    return url, title, lines[at:]


def draft(article: str, lang: Lang, survey_id: str | None, year: int | None) -> str:
    """The YAML draft of `article` (first line its title, the rest its body)."""
    # Blank lines stay: they end paragraphs.
    lines = [line.strip() for line in article.splitlines()]
    url, headed, lines = _header(lines)
    filled = [i for i, line in enumerate(lines) if line]
    # The title is the first line; "| Kundendialog" above it is a section label.
    first = next((i for i in filled if not lines[i].startswith("|")), len(lines))
    title = lines[first] if first < len(lines) else TODO
    if headed is not None:
        title, first = headed, first - 1
    after = first + 1
    if len(title) > _LONGEST_TITLE and title.endswith((".", "!", "?")):
        # An article without a heading: its first line is a paragraph.
        title, after = f"{TODO}: the article's title", first
    # A line in parentheses under the title is its dateline ("(Meldung vom 18.03.2020
    # ...)"): heading, not finding.
    following = next((i for i in filled if i >= after), None)
    dateline: list[str] = []
    line = lines[following] if following is not None else ""
    if following is not None and line.startswith("(") and line.endswith(")"):
        dateline, after = [line], following + 1
    body_lines = lines[after:]
    opening = next((i for i, line in enumerate(body_lines) if line), None)
    if opening is not None:
        # "LONDON, 14 June 2023 (PA) - 52 percent ...": where and when the news was
        # filed opens the first paragraph; it dates the survey as a heading does, and
        # its numbers are no figures (nor its year their period).
        match = _DATELINE.match(body_lines[opening])
        if match is not None:
            dateline.append(match.group(1))
            body_lines[opening] = body_lines[opening][match.end() :]
    body = "\n".join(body_lines)
    if year is None:
        # Only the heading dates the survey: a number in the body may be a sample size
        # ("unter 1922 Erwerbstätigen").
        heading = " ".join([title, *dateline])
        years = [int(y) for y in _YEAR.findall(heading)]
        year = max(years) if years else None
    findings = find_findings(body, lang, year)
    # An unknown year stays a TODO, which `check` names: the draft invents no number.
    survey_year: int | str = year if year is not None else f"{TODO}: the survey year"
    taken: set[str] = set()
    data = {
        "survey": {
            "id": survey_id or _slug(title, set()),
            "title": _texts(lang, title),
            "publisher": f"{TODO}: who ran the survey",
            "year": survey_year,
            "fieldwork": _texts(lang, f"{TODO}: when it was run"),
            "population": _texts(lang, f"{TODO}: who was asked"),
            "source": {"title": title, "language": lang, **({"url": url} if url else {})},
        },
        "topics": {"main": _texts(lang, f"{TODO}: a topic")},
        "findings": [
            {
                "id": _slug(found.sentence, taken),
                "topic": "main",
                "questions": {lang: _questions(found, lang)},
                "answer": _texts(lang, _answer(found)),
                "figures": [
                    {
                        "value": _plain(f.value),
                        "measures": _texts(lang, _measures(f)),
                        # A figure of the survey year needs no period.
                        **({"period": _period(f.period)} if f.period not in (None, year) else {}),
                        # "and in 2013?" is answered by the sentence that gives it.
                        **(
                            {"answer": _texts(lang, f.sentence)}
                            if f.period not in (None, year, _UNSURE_YEAR)
                            else {}
                        ),
                    }
                    for f in found.figures
                ],
                **_other_numbers(found, lang),
            }
            for found in findings
        ],
    }
    note = (
        "# Drafted by `survey-bot draft`: check every figure against the article, fill in\n"
        "# each TODO (the other language's texts, what each figure measures, who and when),\n"
        "# then run `survey-bot check`, which names what is left.\n"
    )
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88)
    return "# yaml-language-server: $schema=knowledge.schema.json\n" + note + dumped


def numbers_of(article: str) -> set[float]:
    """Every number the article writes in digits or in words (a number word, a
    fraction, "one in three"): a draft's figures must be among them."""
    digits = {_number(n) for n in re.findall(r"\d+(?:[.,]\d+)?", article)}
    worded = {w.value for lang in LANGS for w in read_worded(article, lang)}
    return digits | worded


def article_language(article: str) -> Lang:
    """The language whose stop words the article uses most."""
    folded = re.findall(r"\w+", fold(article))
    counts = {lang: sum(1 for w in folded if w in pack(lang).stop_words) for lang in LANGS}
    return max(LANGS, key=lambda lang: counts[lang])
