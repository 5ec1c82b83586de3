"""`survey-bot draft ARTICLE.txt`: a knowledge-base skeleton from a survey article.

One finding per sentence that states a share, with its figures, their periods where
the sentence says them, the answer taken from the sentence in the article's language,
and every text of the other language marked TODO, so that `check` names what is left.
It invents nothing: every number in the draft is a number of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from bot.engine.text import fold
from bot.knowledge.schema import LANGS, Lang
from bot.languages import pack

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
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
# A sentence ends at . ! ? before a space and a capital or a digit, not inside "55,7",
# "Dr." or "Co.".
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"(])")
_NOT_AN_END = ("Dr.", "Co.", "Prof.", "bzw.", "z.B.", "u.a.", "ca.", "etc.", "vs.", "No.")
# How far (in characters) a period phrase reaches to the share it dates: "55 % vor zwei
# Jahren" dates the 55 %; "(52%) financially compared to last year" is a figure of now.
_PERIOD_REACH = 12


@dataclass
class DraftFigure:
    value: float
    period: int | None = None


@dataclass
class DraftFinding:
    sentence: str
    figures: list[DraftFigure] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    parts = _SENTENCE_END.split(" ".join(text.split()))
    merged: list[str] = []
    for part in parts:
        if merged and merged[-1].endswith(_NOT_AN_END):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def shares_in(sentence: str, lang: Lang) -> list[tuple[int, int, float]]:
    """(start, end, value) of every share a sentence states, in order: "49%", "55,7
    Prozent", the 48 of "48 beziehungsweise 47 Prozent", "vier Prozent"."""
    found = [(m.start(), m.end(), _number(m.group(1))) for m in _SHARE.finditer(sentence)]
    found += [(m.start(), m.end(), _number(m.group(1))) for m in _SHARED_UNIT.finditer(sentence)]
    words = pack(lang).number_words
    unit = r"\s+(?:Prozent|percent|per cent)\b"
    for m in re.finditer(r"\b(\w+)" + unit, sentence, re.IGNORECASE):
        value = words.get(fold(m.group(1)))
        if value is not None:
            found.append((m.start(), m.end(), float(value)))
    return sorted(set(found))


def _period_phrases(lang: Lang, year: int | None) -> list[tuple[re.Pattern[str], int]]:
    """Phrases of the pack that date a share relative to the survey year."""
    if year is None:
        return []
    periods = pack(lang).periods
    found: list[tuple[re.Pattern[str], int]] = []
    for phrase in periods.previous:
        found.append((re.compile(r"\b" + r"\s+".join(phrase) + r"\b"), year - 1))
    for phrase in periods.next:
        found.append((re.compile(r"\b" + r"\s+".join(phrase) + r"\b"), year + 1))
    words = dict(pack(lang).number_words)
    for pattern in pack(lang).years_ago:
        for word, n in [*((str(k), k) for k in range(1, 11)), *words.items()]:
            text = pattern.replace("{n}", word)
            found.append((re.compile(r"\b" + r"\s+".join(text.split()) + r"\b"), year - n))
    return found


def find_findings(body: str, lang: Lang, year: int | None) -> list[DraftFinding]:
    """The sentences that state shares, with each share's period where the sentence
    gives one: a year next to it, or "last year", "vor zwei Jahren" after the survey's."""
    phrases = _period_phrases(lang, year)
    found: list[DraftFinding] = []
    for sentence in sentences(body):
        if len(sentence) > MAX_SENTENCE:
            continue  # no sentence of an article; a finding could not quote it anyway
        shares = shares_in(sentence, lang)[:MAX_SHARES]
        if not shares:
            continue
        # Folding keeps the length of these texts closely enough to reuse positions.
        folded = fold(sentence)
        dated = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR.finditer(sentence)]
        for pattern, year_of in phrases:
            dated += [(m.start(), m.end(), year_of) for m in pattern.finditer(folded)]
        finding = DraftFinding(sentence)
        for share_start, share_end, value in shares:
            # A period right after the share dates it ("55 % vor zwei Jahren"), or one
            # right before it ("2013 noch in 47 Prozent").
            near = []
            for start, end, year_of in dated:
                gap = start - share_end if start >= share_end else share_start - end
                if 0 <= gap <= _PERIOD_REACH:
                    near.append((gap, year_of))
            if not near:
                near = _opening_the_clause(sentence, dated, shares, share_start)
            period = min(near)[1] if near else None
            finding.figures.append(DraftFigure(value, period))
        found.append(finding)
    return found


def _opening_the_clause(
    sentence: str,
    dated: list[tuple[int, int, int]],
    shares: list[tuple[int, int, float]],
    share_start: int,
) -> list[tuple[int, int]]:
    """A period that opens a clause ("Vor zwei Jahren lag der Anteil ... bei 9 Prozent")
    dates the clause's first share, however far: its (gap, period), or nothing."""
    found = []
    for start, end, year_of in dated:
        before = sentence[:start].rstrip()
        opens = not before or before.endswith((",", ";", ":"))
        first_after = next((s for s, _, _ in shares if s >= end), None)
        if opens and first_after == share_start:
            found.append((share_start - end, year_of))
    return found


def _plain(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _other_numbers(found: DraftFinding, lang: Lang) -> dict[str, list[int | float]]:
    """The sentence's numbers that are no figure or period of it ("45 minutes", "in
    February 2023"), for `other_numbers`: `check` accepts them in the answer."""
    from bot.knowledge.checks import numbers_in

    known = {f.value for f in found.figures} | {float(f.period) for f in found.figures if f.period}
    others = sorted(numbers_in(found.sentence, lang) - known)
    return {"other_numbers": [_plain(n) for n in others]} if others else {}


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


def _variant(sentence: str) -> str:
    """A keyword variant from the sentence: its words without the numbers."""
    without = _SHARE.sub("", sentence)
    without = re.sub(r"\(\s*\)|\d+(?:[.,]\d+)?", "", without)
    return " ".join(without.replace(" ,", ",").split()).strip(" .,;:")


def draft(article: str, lang: Lang, survey_id: str | None, year: int | None) -> str:
    """The YAML draft of `article` (first line its title, the rest its body)."""
    lines = [line.strip() for line in article.splitlines() if line.strip()]
    # The title is the first line; "| Kundendialog" above it is a section label.
    first = next((i for i, line in enumerate(lines) if not line.startswith("|")), 0)
    title = lines[first] if lines else TODO
    rest = lines[first + 1 :]
    # A line in parentheses under the title is its dateline ("(Meldung vom 18.03.2020
    # ...)"): heading, not finding.
    dateline = rest[:1] if rest and rest[0].startswith("(") and rest[0].endswith(")") else []
    body = "\n".join(rest[len(dateline) :])
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
            "source": {"title": title, "language": lang},
        },
        "topics": {"main": _texts(lang, f"{TODO}: a topic")},
        "findings": [
            {
                "id": _slug(found.sentence, taken),
                "topic": "main",
                "questions": {lang: [_variant(found.sentence)]},
                "answer": _texts(lang, found.sentence),
                "figures": [
                    {
                        "value": _plain(f.value),
                        "measures": _texts(lang, f"{TODO}: what {f.value:g} measures"),
                        **({"period": f.period} if f.period is not None else {}),
                        # "and in 2013?" is answered by the sentence that gives it.
                        **(
                            {"answer": _texts(lang, found.sentence)}
                            if f.period is not None and f.period != year
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
    """Every number the article writes in digits or as a number word: a draft's
    figures must be among them."""
    digits = {_number(n) for n in re.findall(r"\d+(?:[.,]\d+)?", article)}
    worded = {
        float(value)
        for lang in LANGS
        for word, value in pack(lang).number_words.items()
        if re.search(rf"\b{word}\b", fold(article))
    }
    return digits | worded


def article_language(article: str) -> Lang:
    """The language whose stop words the article uses most."""
    folded = re.findall(r"\w+", fold(article))
    counts = {lang: sum(1 for w in folded if w in pack(lang).stop_words) for lang in LANGS}
    return max(LANGS, key=lambda lang: counts[lang])
