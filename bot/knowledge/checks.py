"""Checks that span findings and files, beyond what the schema can say.

They keep the knowledge base honest: ids unique and resolvable, every figure written in
both languages' answers (so English and German can never disagree on a number), and no
question variant claimed by two findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from bot.knowledge.model import ParsedFile
from bot.knowledge.problems import Problem
from bot.knowledge.references import Namespace
from bot.knowledge.schema import (
    LANGS,
    Figure,
    Finding,
    Lang,
    Quantity,
    SurveyFile,
    SynonymFile,
    Texts,
)
from bot.knowledge.yaml_lines import PathKey

MIN_YEAR, MAX_YEAR = 1900, 2100  # as the schema's years

# Numbers as written in each language: German "1.000,5", English "1,000.5".
_NUMBER = {
    "de": re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?|(?<![\w.,])\d+(?:,\d+)?"),
    "en": re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?"),
}


def numbers_in(text: str, lang: Lang) -> set[float]:
    """The numbers written with digits in `text`, read the way `lang` writes them."""
    return {_read_number(match.group(), lang) for match in _NUMBER[lang].finditer(text)}


# Between a number and its unit: spaces, a no-break space, a narrow one.
_GAP = " \u00a0\u202f"


def units_written(text: str, lang: Lang) -> dict[float, set[str]]:
    """Each number written in `text` and the units it is written with: "percent",
    "points", "currency:USD", or "plain" (no unit mark), read with `lang`'s marks."""
    # Imported here: the language packs import the schema, and this module loads
    # with the knowledge package.
    from bot.languages import pack

    units = pack(lang).units
    points = sorted((" ".join(m) for m in units.points_marks), key=len, reverse=True)
    percent = sorted((" ".join(m) for m in units.percent_marks), key=len, reverse=True)
    found: dict[float, set[str]] = {}
    for match in _NUMBER[lang].finditer(text):
        after = text[match.end() :].lstrip(_GAP).casefold()
        before = text[: match.start()].rstrip(_GAP)
        raw = _read_number(match.group(), lang)
        readings = [raw]
        scale = _scale(after, units.scales)
        if scale is not None:
            # "54 million people": the unit follows the scale word.
            word, factor = scale
            after = after[len(word) :].lstrip(_GAP)
            readings.append(float(round(raw * factor, 6)))
        unit = "plain"
        if any(_starts_with_word(after, mark) for mark in points):
            unit = "points"
        elif any(_starts_with_word(after, mark) for mark in percent):
            unit = "percent"
        else:
            for code, marks in units.currency_marks.items():
                if any(_starts_with_word(after, m) for m in marks) or any(
                    _ends_with_mark(before, m) for m in marks
                ):
                    unit = f"currency:{code}"
                    break
        for value in readings:
            found.setdefault(value, set()).add(unit)
    return found


def _scale(after: str, scales: Mapping[str, int]) -> tuple[str, int] | None:
    """The scale word right after a number ("million", "Mio."), if any."""
    for word, factor in sorted(scales.items(), key=lambda s: len(s[0]), reverse=True):
        if _starts_with_word(after, word):
            return word.casefold(), factor
    return None


def scaled_readings(text: str, lang: Lang) -> dict[float, float]:
    """Each number written with a scale word ("54 million") and its reading, both ways
    (54 -> 54000000 and back): either may be what the finding means."""
    from bot.languages import pack

    scales = pack(lang).units.scales
    readings: dict[float, float] = {}
    for match in _NUMBER[lang].finditer(text):
        scale = _scale(text[match.end() :].lstrip(_GAP).casefold(), scales)
        if scale is not None:
            raw = _read_number(match.group(), lang)
            scaled = float(round(raw * scale[1], 6))
            readings[raw], readings[scaled] = scaled, raw
    return readings


def _ends_with_mark(text: str, mark: str) -> bool:
    """ "$" right before the number, or a code of letters as a word: "CHF 12"."""
    if not text.endswith(mark):
        return False
    return not mark.isalpha() or not text[: -len(mark)][-1:].isalnum()


def _starts_with_word(text: str, mark: str) -> bool:
    mark = mark.casefold()
    if not text.startswith(mark):
        return False
    rest = text[len(mark) : len(mark) + 1]
    return not (mark[-1:].isalnum() and rest.isalnum())


def _read_number(raw: str, lang: Lang) -> float:
    # Drop thousands separators, then read the decimal mark as a point.
    raw = raw.replace(".", "").replace(",", ".") if lang == "de" else raw.replace(",", "")
    return float(raw)


def written_so(quantity: Quantity, units: set[str], in_text: set[str]) -> bool:
    """Is the figure written with its unit at least once (`units`: how it is written,
    `in_text`: every unit the text writes)? A percentage or an amount of money may be
    written bare beside one that carries the unit ("from 42 to 53 percent", "von 7,25
    auf 12 Dollar"); points must say so, as "11%" for 11 points is a wrong figure; a
    count or a plain number carries no share's unit."""
    tag = _unit_tag(quantity)
    if tag in units:
        return True
    if quantity.unit in ("percent", "currency"):
        return "plain" in units and tag in in_text
    return tag == "plain" and not units & {"percent", "points"}


def _unit_tag(quantity: Quantity) -> str:
    if quantity.unit == "currency":
        return f"currency:{quantity.currency}"
    return quantity.unit if quantity.unit in ("percent", "points") else "plain"


def variant_key(text: str) -> str:
    """Two question variants with the same key count as the same question."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


class _Located:
    def __init__(self, file: ParsedFile) -> None:
        self.file = file

    def problem(self, path: PathKey, message: str) -> Problem:
        return Problem(self.file.path, self.file.located.line_of(path), message)


def check_knowledge(files: list[ParsedFile]) -> list[Problem]:
    problems: list[Problem] = []
    surveys = [(f, f.content) for f in files if isinstance(f.content, SurveyFile)]
    synonym_files = [(f, f.content) for f in files if isinstance(f.content, SynonymFile)]
    topics, findings = namespaces(surveys)
    problems += _duplicate_ids(surveys)
    for file, content in surveys:
        at = _Located(file)
        for index, finding in enumerate(content.findings):
            path: PathKey = ("findings", index)
            problems += _references(at, path, content.survey.id, finding, topics, findings)
            problems += _figures(at, path, finding, content.survey.year)
            problems += _period_answers(at, path, finding, content.survey.year)
    problems += _duplicate_variants(surveys, findings)
    problems += _synonym_clashes(synonym_files)
    return problems


def namespaces(surveys: list[tuple[ParsedFile, SurveyFile]]) -> tuple[Namespace, Namespace]:
    """The topic ids and the finding ids of all surveys, each scoped per survey."""
    topics = Namespace.of("topic", ((c.survey.id, c.topics) for _, c in surveys))
    findings = Namespace.of(
        "finding", ((c.survey.id, (f.id for f in c.findings)) for _, c in surveys)
    )
    return topics, findings


def _duplicate_ids(surveys: list[tuple[ParsedFile, SurveyFile]]) -> Iterator[Problem]:
    """Survey ids are unique in the knowledge base; topic and finding ids within their
    survey (two surveys may both have a finding `team-size`)."""
    seen: dict[tuple[str, ...], str] = {}
    for file, content in surveys:
        at = _Located(file)
        survey = content.survey.id
        entries: list[tuple[tuple[str, ...], str, PathKey]] = [
            (("survey", survey), "survey id", ("survey", "id"))
        ]
        entries += [
            (("finding", survey, f.id), "finding id", ("findings", i, "id"))
            for i, f in enumerate(content.findings)
        ]
        for key, kind, path in entries:
            problem = at.problem(path, "")
            first = seen.setdefault(key, f"{problem.file}:{problem.line}")
            if first != f"{problem.file}:{problem.line}":
                scope = f" in survey '{survey}'" if key[0] != "survey" else ""
                yield at.problem(
                    path,
                    f"duplicate {kind} '{key[-1]}'{scope} (first defined at {first}; give "
                    "one of them another id)",
                )


def _references(
    at: _Located,
    path: PathKey,
    survey: str,
    finding: Finding,
    topics: Namespace,
    findings: Namespace,
) -> Iterator[Problem]:
    topic = topics.resolve(finding.topic, survey)
    if topic.key is None:
        known = ", ".join(topics.ids_of.get(survey, ())) or "none defined in this survey"
        problem = (
            f"unknown topic '{finding.topic}'" if topics.unknown(finding.topic) else topic.problem
        )
        yield at.problem((*path, "topic"), f"{problem} (topics: {known})")
    own = findings.key(survey, finding.id)
    for index, related in enumerate(finding.related):
        target = findings.resolve(related, survey, besides=finding.id)
        if target.key == own:
            yield at.problem(
                (*path, "related", index),
                "a finding cannot be related to itself (remove it from related)",
            )
        elif target.key is None:
            yield at.problem((*path, "related", index), f"related {target.problem}")


def _figures(at: _Located, path: PathKey, finding: Finding, survey_year: int) -> Iterator[Problem]:
    """Every figure and change is written, with its unit, in both languages' answer (a
    subgroup's or a change's may be in its own answer instead, a figure of a past
    period in that period's answer), and no number that is none of them: a typo in a
    figure shows as a mismatch."""
    quantities = list(finding.quantities)
    allowed = {float(abs(q.value)) for q in quantities}
    allowed |= {float(f.period) for f in finding.figures if f.period is not None}
    allowed |= {float(y) for c in finding.changes for y in (c.start, c.to)}
    allowed |= {float(n) for n in finding.other_numbers}
    # "ages 50 to 64": the numbers that define a subgroup are no figures.
    group_numbers = {
        lang: {
            n
            for q in quantities
            if q.group is not None
            for text in (q.group.name, q.group.by)
            if text is not None
            for n in numbers_in(text.get(lang), lang)
        }
        for lang in LANGS
    }
    shared = _period_answer_of(finding)
    in_answer = [
        q
        for q in quantities
        if not (
            _own_answer(q) is not None and (q.group is not None or not _current(q, survey_year))
        )
        and not (_own_answer(q) is None and _shared_answer(q, shared) is not None)
    ]
    yield from _numbers_match(
        at, (*path, "answer"), finding.answer, in_answer, allowed, group_numbers, survey_year
    )
    for index, number in enumerate(finding.other_numbers):
        for lang in LANGS:
            if float(number) not in numbers_in(finding.answer.get(lang), lang):
                yield at.problem(
                    (*path, "other_numbers", index),
                    f"{number:g} is missing from the {lang} answer (other numbers are "
                    "written in both languages, as figures are)",
                )
    for kind, items in (("figures", finding.figures), ("changes", finding.changes)):
        for index, quantity in enumerate(items):
            own = _own_answer(quantity)
            if own is not None:
                at_path: PathKey = (*path, kind, index, "answer")
                yield from _numbers_match(
                    at, at_path, own, [quantity], allowed, group_numbers, survey_year
                )
    # A past period's breakdown ("2013: 24% yes, 70% no") needs one answer for "and in
    # 2013?", on one of its figures (or on each); a figure without one is checked in
    # the first.
    for figure in finding.figures:
        answer = _shared_answer(figure, shared)
        if figure.answer is None and answer is not None:
            yield from _numbers_match(
                at,
                (*path, "figures", shared[(figure.period, figure.group)][0], "answer"),
                answer,
                [figure],
                allowed,
                group_numbers,
                survey_year,
                name_strays=False,
            )


def _current(quantity: Quantity, survey_year: int) -> bool:
    """Is it a figure of the survey's own year (a change is of several)?"""
    if not isinstance(quantity, Figure):
        return False
    return quantity.period in (None, survey_year)


def _period_answer_of(finding: Finding) -> dict[tuple[int | None, object], tuple[int, Texts]]:
    """The answer of each period (and group) that one of its figures gives."""
    found: dict[tuple[int | None, object], tuple[int, Texts]] = {}
    for index, figure in enumerate(finding.figures):
        if figure.answer is not None:
            found.setdefault((figure.period, figure.group), (index, figure.answer))
    return found


def _shared_answer(
    quantity: Quantity, shared: dict[tuple[int | None, object], tuple[int, Texts]]
) -> Texts | None:
    if not isinstance(quantity, Figure) or quantity.period is None:
        return None
    entry = shared.get((quantity.period, quantity.group))
    return entry[1] if entry is not None else None


def _own_answer(quantity: Quantity) -> Texts | None:
    answer = getattr(quantity, "answer", None)
    return answer if isinstance(answer, Texts) else None


def _period_answers(
    at: _Located, path: PathKey, finding: Finding, survey_year: int
) -> Iterator[Problem]:
    """A figure of another year than the survey's needs an answer for its period:
    asked "and in 2013?", the bot must lead with the 2013 figure, not the finding's
    current one. (A subgroup's figure is led with as it is, under its group's name.) A
    period with several figures needs the answer on one of them."""
    shared = _period_answer_of(finding)
    for index, figure in enumerate(finding.figures):
        own = figure.answer is not None or figure.group is not None
        if figure.period not in (None, survey_year) and not own:
            if (figure.period, figure.group) in shared:
                continue
            yield at.problem(
                (*path, "figures", index),
                f"the {figure.period} figure needs an answer: (de/en) for questions about "
                f"{figure.period}, on this figure or on one other figure of {figure.period}",
            )


def _year_hint(number: float, survey_year: int) -> str | None:
    """The fix for a year an answer names that is no figure's period."""
    if not (number.is_integer() and MIN_YEAR <= number <= MAX_YEAR):
        return None
    year = int(number)
    if year == survey_year:
        return (
            f"{year} is the survey's year: say which figures are of {year} with "
            f"`period: {year}` on them"
        )
    return (
        f"if {year} is a year a figure is for, give that figure `period: {year}` (and an "
        f"answer: for {year}); a year that is no figure's: list it under other_numbers"
    )


def _numbers_match(
    at: _Located,
    path: PathKey,
    texts: Texts,
    quantities: list[Quantity],
    allowed: set[float],
    group_numbers: dict[Lang, set[float]],
    survey_year: int,
    name_strays: bool = True,
) -> Iterator[Problem]:
    """Each quantity written, with its unit, in both texts; `name_strays`: also name
    the numbers that are none of the finding's (once per text)."""
    for lang in LANGS:
        written = units_written(texts.get(lang), lang)
        for quantity in quantities:
            value = float(abs(quantity.value))
            if value not in written:
                if _written_in_words(quantity, texts.get(lang), lang):
                    continue
                stray = sorted(set(written) - allowed - group_numbers[lang])
                guess = (
                    f" (it says {stray[0]:g} instead: if that is the figure, correct the one "
                    "that is wrong)"
                    if len(stray) == 1
                    else ""
                )
                yield at.problem(
                    (*path, lang),
                    f"the figure {value:g} is missing from the {lang} answer{guess}",
                )
            elif not written_so(quantity, written[value], set().union(*written.values())):
                from bot.languages.formats import format_figure

                as_unit = format_figure(quantity, lang, signed=True).lstrip("+−")
                yield at.problem(
                    (*path, lang),
                    f"the figure {value:g} is {_unit_name(quantity)}, but the {lang} answer "
                    f"does not write it so (write it as '{as_unit}'"
                    f"{_other_unit(quantity, written[value])})",
                )
        if not name_strays:
            continue
        readings = scaled_readings(texts.get(lang), lang)
        missing = [
            float(abs(q.value))
            for q in quantities
            if float(abs(q.value)) not in written
            and not _written_in_words(q, texts.get(lang), lang)
        ]
        in_ratios = _ratio_numbers(texts.get(lang), lang, quantities)
        for number in sorted(set(written) - allowed - group_numbers[lang] - in_ratios):
            if number in readings and (readings[number] in allowed or readings[number] < number):
                continue  # "54 million": one number, read either way
            hint = (
                _year_hint(number, survey_year)
                or "a number that is no figure: list it under other_numbers"
            )
            if len(missing) == 1:
                hint = f"if it is the figure {missing[0]:g} mistyped, write {missing[0]:g}; {hint}"
            yield at.problem(
                (*path, lang),
                f"the {lang} answer says {number:g}, which is no figure or period of this "
                f"finding ({hint})",
            )


def _ratio_numbers(text: str, lang: Lang, quantities: list[Quantity]) -> set[float]:
    """The numbers of a share written as a ratio that is one of the figures: "four in
    10" writes 40%, so its 10 is no number of its own ("12 von 15 Ländern" stays 12 and
    15 where no figure is 80%)."""
    from bot.languages.worded import read_worded

    found: set[float] = set()
    for worded in read_worded(text, lang):
        if worded.unit == "percent" and any(
            q.unit == "percent" and worded.fits(float(q.value)) for q in quantities
        ):
            found |= numbers_in(worded.text, lang)
    return found


def _written_in_words(quantity: Quantity, text: str, lang: Lang) -> bool:
    """Is the figure written in words the language pack knows ("three in four",
    "fast die Hälfte", "Ninety-three percent"), within the range the words stand for?"""
    from bot.languages.worded import written_in_words

    if quantity.unit == "currency":
        return False
    unit = _unit_tag(quantity)
    return written_in_words(float(abs(quantity.value)), unit, text, lang) is not None


def _other_unit(quantity: Quantity, marks: set[str]) -> str:
    """The unit the answer writes the figure with, as the other fix."""
    if "points" in marks:
        return ", or set `unit: points` if it is a difference of shares"
    if "percent" in marks:
        return ", or set `unit: percent` if it is a share"
    if marks == {"plain"} and quantity.unit in ("percent", "points"):
        return ", or set `unit: count` or `unit: number` if it is no share"
    return ""


def _unit_name(quantity: Quantity) -> str:
    if quantity.unit == "currency":
        return f"an amount in {quantity.currency}"
    return {
        "percent": "a percentage",
        "points": "in percentage points",
        "count": "a count",
        "number": "a number",
    }[quantity.unit]


def _duplicate_variants(
    surveys: list[tuple[ParsedFile, SurveyFile]], findings: Namespace
) -> Iterator[Problem]:
    """A question asked word for word in two findings would be a coin toss, across
    surveys too: one matcher serves them all."""
    owner: dict[str, tuple[str, str]] = {}
    for file, content in surveys:
        at = _Located(file)
        for index, finding in enumerate(content.findings):
            own = findings.key(content.survey.id, finding.id)
            for lang in LANGS:
                # Its figures' questions are its wordings too ("which figure?" has one
                # answer only where a wording is written once).
                wordings: list[tuple[PathKey, str]] = [
                    (("findings", index, "questions", lang, v_index), variant)
                    for v_index, variant in enumerate(finding.questions.get(lang))
                ] + [
                    (("findings", index, "figures", f_index, "questions", lang, q_index), asked)
                    for f_index, figure in enumerate(finding.figures)
                    for q_index, asked in enumerate(figure.own_questions(lang))
                ]
                seen: set[str] = set()
                for path, variant in wordings:
                    key = variant_key(variant)
                    first = owner.setdefault(key, (own, lang))
                    if first[0] != own:
                        yield at.problem(
                            path,
                            f"the question '{variant}' is also a variant of '{first[0]}' "
                            "(keep it in one finding only: remove it here, or there)",
                        )
                    elif first[1] == lang and key in seen:
                        yield at.problem(
                            path, f"the question '{variant}' is listed twice (remove this one)"
                        )
                    seen.add(key)


def _synonym_clashes(files: list[tuple[ParsedFile, SynonymFile]]) -> Iterator[Problem]:
    group_of: dict[str, str] = {}
    for file, content in files:
        at = _Located(file)
        for g_index, group in enumerate(content.synonyms):
            for w_index, word in enumerate(group):
                key = variant_key(word)
                first = group_of.setdefault(key, group[0])
                if first != group[0]:
                    yield at.problem(
                        ("synonyms", g_index, w_index),
                        f"'{word}' is already in the group of '{first}' (one group per word)",
                    )
