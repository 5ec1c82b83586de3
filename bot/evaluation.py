"""Measures the engine on evaluation sets: did it answer what it should with the asked-for
figure first, decline where it should, and reply in the language of the question.

A case names what a right reply is in terms the set's writer can know from the article
alone: the figure that must lead (`figure:`), a word the reply must contain
(`answer_contains:`), or a reply kind (`kind: no_match`, `missing_period`, `smalltalk`,
`survey`, `source`). Older sets name a finding id (`expect:`); both work. Every reply is
put in one of four outcomes, since a confident wrong figure costs far more than a refusal:
right, wrong (a figure the question did not ask for), declined, asked back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from bot.engine import ConversationState, Engine, Reply, ReplyKind
from bot.knowledge.checks import variant_key

# Kinds a case may name; "answer" is implied by expect: or figure:.
_CASE_KINDS = frozenset(
    {"answer", "no_match", "missing_period", "smalltalk", "survey", "source", "more"}
)
_GIVES_FIGURES = (ReplyKind.ANSWER, ReplyKind.MISSING_PERIOD)
# Numbers as people write them in either language: 1,922 / 1.922 / 55,7 / 55.7 / $7.25.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = range(1900, 2101)


class Outcome(str, Enum):
    RIGHT = "right"
    WRONG = "wrong"  # a figure (or an answer) the question did not ask for
    DECLINED = "declined"
    ASKED_BACK = "asked back"


@dataclass(frozen=True)
class Case:
    question: str
    lang: str
    kind: str
    expect: str | None = None  # a finding id (older sets)
    figures: tuple[str, ...] = ()  # any of these must lead the reply
    contains: str | None = None

    @property
    def category(self) -> str:
        if self.kind in ("no_match", "smalltalk"):
            return "out_of_scope" if self.kind == "no_match" else "smalltalk"
        return "answerable"

    @classmethod
    def from_yaml(cls, item: dict[str, Any]) -> Case:
        expect = item.get("expect")
        raw_figures = item.get("figure")
        # Only numbers lead a reply: a set may list a source's wording ("six in 10")
        # beside the number for a person reading it.
        figures = tuple(
            str(f)
            for f in (raw_figures if isinstance(raw_figures, list) else [raw_figures])
            if _NUMBER.fullmatch(str(f))
        )
        figures = () if raw_figures is None else figures
        answerable = expect is not None or figures or item.get("answer_contains")
        kind = str(item.get("kind") or ("answer" if answerable else "no_match"))
        if kind not in _CASE_KINDS:
            raise ValueError(f"unknown kind {kind!r} in {item.get('q')!r}")
        contains = item.get("answer_contains", item.get("contains"))
        return cls(
            str(item["q"]),
            str(item["lang"]),
            kind,
            expect,
            figures,
            None if contains is None else str(contains),
        )


@dataclass(frozen=True)
class Result:
    case: Case
    reply: Reply
    source: str = ""  # the evaluation file, for a report per survey
    # The figure the expected finding leads with ("" for one without figures), and the
    # figures of the finding that replied: a reply from another finding (an overview of
    # the same figures, the survey card) that leads with the same figure of the same
    # period answers the question as well.
    expected_lead: str | None = None
    replied_figures: frozenset[str] = frozenset()
    # A question that is word for word one of the knowledge base's own variants tests
    # recall, not understanding: it is answered but not counted.
    counted: bool = True
    # Declined, but the first question offered instead is of a finding that holds a
    # figure asked for: one tap (a button in Telegram) from the answer.
    offered: bool = False

    @property
    def outcome(self) -> Outcome:
        case, reply = self.case, self.reply
        if reply.kind is ReplyKind.CLARIFY:
            return Outcome.ASKED_BACK
        gives_figure = reply.kind in _GIVES_FIGURES or (
            reply.kind is ReplyKind.SURVEY and bool(numbers_of(reply.headline))
        )
        if case.kind == "no_match":
            return Outcome.WRONG if gives_figure else Outcome.DECLINED
        if self._right():
            return Outcome.RIGHT
        if gives_figure or reply.kind.value == case.kind:
            return Outcome.WRONG
        if case.kind == "smalltalk" and reply.kind is not ReplyKind.NO_MATCH:
            return Outcome.WRONG
        return Outcome.DECLINED

    @property
    def correct(self) -> bool:
        if self.case.kind == "no_match":
            return self.outcome is not Outcome.WRONG
        return self.outcome is Outcome.RIGHT

    def _right(self) -> bool:
        case, reply = self.case, self.reply
        wanted = {
            "answer": (ReplyKind.ANSWER,),
            "missing_period": (ReplyKind.MISSING_PERIOD,),
            "smalltalk": (ReplyKind.SMALLTALK,),
            # About the survey itself: a figure answer, the survey card, or a source reply.
            "survey": (ReplyKind.ANSWER, ReplyKind.SOURCE, ReplyKind.SURVEY),
            "source": (ReplyKind.SOURCE,),
            "more": (ReplyKind.MORE,),
        }[case.kind]
        if case.kind == "answer" and (self.expected_lead == "" or case.figures):
            # A finding about the survey itself, or a figure that is one of its facts
            # ("how many were asked?" wants 1922: the survey card leads with it).
            wanted = (*wanted, ReplyKind.SURVEY)
        if reply.kind not in wanted:
            return False
        if case.expect is not None and reply.finding != case.expect:
            if self.expected_lead is None or case.contains is not None:
                return False
            if self.expected_lead == "":
                return reply.kind is ReplyKind.SURVEY
            if self.expected_lead not in self.replied_figures:
                return False
            if not leads_with(reply.headline, [self.expected_lead.split("@")[0]]):
                return False
        if case.figures and not leads_with(reply.headline, case.figures):
            return False
        return case.contains is None or _says(reply.text, case.contains)

    @property
    def language_ok(self) -> bool:
        return self.reply.lang == self.case.lang


def _says(text: str, wanted: str) -> bool:
    """Does the reply contain `wanted`? A number in any notation ("1922" is said by
    "1,922" and "1.922"; "28 000" by "28,000")."""
    if re.fullmatch(r"\d{1,3}(?: \d{3})+", wanted):
        wanted = wanted.replace(" ", "")
    if _NUMBER.fullmatch(wanted) and as_number(wanted) in numbers_of(text):
        return True
    return wanted.casefold() in text.casefold()


def numbers_of(text: str) -> list[float]:
    """The numbers in `text` in order, read in either language's notation."""
    found = []
    for raw in _NUMBER.findall(text):
        found.append(as_number(raw))
    return found


def as_number(raw: str) -> float:
    marks = re.findall(r"[.,]", raw)
    if not marks:
        return float(raw)
    last = raw.rfind(marks[-1])
    decimals = len(raw) - last - 1
    if len(marks) == 1 and decimals == 3:
        return float(raw.replace(",", "").replace(".", ""))  # 1,922 or 1.922
    whole = re.sub(r"[.,]", "", raw[:last])
    return float(f"{whole}.{raw[last + 1 :]}")


def leads_with(headline: str, figures: Iterable[str]) -> bool:
    """Does the first number of the headline that is no year (unless a year is what is
    asked for) equal one of `figures`?"""
    wanted = {as_number(f) for f in figures}
    for number in numbers_of(headline):
        if number in wanted:
            return True
        if not (number.is_integer() and int(number) in _YEAR):
            return False
    return False


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    @property
    def counted(self) -> list[Result]:
        return [r for r in self.results if r.counted]

    def rate(self, category: str) -> tuple[int, int]:
        chosen = [r for r in self.counted if r.case.category == category]
        return sum(r.correct for r in chosen), len(chosen)

    def outcomes(self, category: str, lang: str | None = None) -> Counter[Outcome]:
        return Counter(
            r.outcome
            for r in self.counted
            if r.case.category == category and (lang is None or r.case.lang == lang)
        )

    def language_rate(self) -> tuple[int, int]:
        return sum(r.language_ok for r in self.counted), len(self.counted)

    def misses(self) -> list[Result]:
        return [r for r in self.counted if not r.correct or not r.language_ok]

    def by_source(self) -> dict[str, Report]:
        parts: dict[str, Report] = {}
        for result in self.results:
            parts.setdefault(result.source, Report()).results.append(result)
        return parts

    def risk_coverage(self, thresholds: Iterable[float] = (0.6, 0.7, 0.8, 0.9)) -> str:
        """What a stricter answer threshold would cost and save: at each, the share of
        answerable questions answered right (coverage) and the share of answers that
        were wrong (risk, near misses answered included)."""
        scored = [r for r in self.counted if r.case.category != "smalltalk"]
        answerable = sum(r.case.category == "answerable" for r in scored)
        lines = ["threshold  coverage  risk"]
        for threshold in thresholds:
            given = [
                r for r in scored if r.reply.kind in _GIVES_FIGURES and r.reply.score >= threshold
            ]
            right = sum(r.outcome is Outcome.RIGHT for r in given)
            wrong = sum(r.outcome is Outcome.WRONG for r in given)
            coverage = right / answerable if answerable else 0.0
            risk = wrong / len(given) if given else 0.0
            lines.append(f"{threshold:9.2f}  {coverage:8.1%}  {risk:4.1%}")
        return "\n".join(lines)

    def summary(self) -> str:
        lines = [
            f"{'':<24} {'right':>6} {'wrong':>6} {'declined':>9} {'asked':>6}  of",
        ]
        for category, label in (
            ("answerable", "answerable"),
            ("out_of_scope", "near misses"),
            ("smalltalk", "smalltalk"),
        ):
            for lang in (None, "en", "de"):
                counts = self.outcomes(category, lang)
                total = sum(counts.values())
                if not total:
                    continue
                name = f"{label} ({lang})" if lang else label
                cells = [counts[o] / total for o in Outcome]
                lines.append(
                    f"{name:<24} {cells[0]:6.1%} {cells[1]:6.1%} {cells[2]:9.1%} "
                    f"{cells[3]:6.1%}  {total}"
                )
        good, total = self.language_rate()
        if total:
            lines.append(f"{'language of the reply':<24} {good / total:6.1%}  of {total}")
        skipped = len(self.results) - len(self.counted)
        if skipped:
            lines.append(f"(not counted: {skipped} questions that copy a knowledge-base variant)")
        return "\n".join(lines)


class EvalSetError(Exception):
    """An evaluation file that cannot be read; the message names the file and why."""


def load_cases(path: Path) -> tuple[list[Case], list[list[Case]]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise EvalSetError(f"{path}: cannot read it ({error})") from None
    if not isinstance(data, dict):
        raise EvalSetError(f"{path}: expected a mapping with single: and conversations:")
    try:
        single = [Case.from_yaml(item) for item in data.get("single") or []]
        conversations = [
            [Case.from_yaml(turn) for turn in turns] for turns in data.get("conversations") or []
        ]
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise EvalSetError(f"{path}: every question needs q: and lang: ({error!r})") from None
    return single, conversations


def evaluate(engine: Engine, paths: Iterable[Path]) -> Report:
    variants = {
        variant_key(q)
        for f in engine.kb.findings.values()
        for q in [*f.questions.de, *f.questions.en]
    }

    def figure_key(finding_id: str, index: int) -> str:
        finding = engine.kb.findings[finding_id]
        figure = finding.figures[index]
        period = figure.period or engine.kb.survey_for(finding_id).year
        return f"{figure.value:g}@{period}"

    leads = {f.id: figure_key(f.id, 0) if f.figures else "" for f in engine.kb.findings.values()}
    figures_of = {
        f.id: frozenset(figure_key(f.id, i) for i in range(len(f.figures)))
        for f in engine.kb.findings.values()
    }

    def result(case: Case, reply: Reply, name: str, counted: bool) -> Result:
        lead = leads.get(case.expect) if case.expect else None
        replied = figures_of.get(reply.finding or "", frozenset())
        first = reply.suggestions[0].finding if reply.suggestions else None
        offered = reply.kind is ReplyKind.NO_MATCH and holds_asked(engine, first, case)
        return Result(case, reply, name, lead, replied, counted, offered)

    report = Report()
    for path in paths:
        single, conversations = load_cases(path)
        name = str(path)
        for case in single:
            reply, _ = engine.reply(case.question)
            counted = variant_key(case.question) not in variants
            report.results.append(result(case, reply, name, counted))
        for turns in conversations:
            state = ConversationState()
            for case in turns:
                reply, state = engine.reply(case.question, state)
                counted = variant_key(case.question) not in variants
                report.results.append(result(case, reply, name, counted))
    return report


def holds_asked(engine: Engine, finding_id: str | None, case: Case) -> bool:
    """Does the finding hold one of the figures the case asks for?"""
    finding = engine.kb.findings.get(finding_id or "")
    if finding is None or not case.figures:
        return False
    values = {abs(float(q.value)) for q in finding.quantities}
    return any(as_number(f) in values for f in case.figures)


def describe_miss(result: Result) -> str:
    case, reply = result.case, result.reply
    got = f"{reply.kind.value}:{reply.finding} ({reply.score:.2f}, {reply.lang})"
    want = case.expect or "/".join(case.figures) or case.contains or ""
    lead = reply.headline[:70].replace("\n", " ")
    return (
        f"[{result.outcome.value}] {case.question!r}: want {case.kind}:{want} ({case.lang}), "
        f"got {got} {lead!r}"
    )
