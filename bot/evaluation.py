"""Measures the engine on evaluation sets: did it answer what it should, abstain where it
should, and reply in the language of the question."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.engine import ConversationState, Engine, Reply, ReplyKind
from bot.knowledge.checks import variant_key


@dataclass(frozen=True)
class Case:
    question: str
    expect: str | None
    lang: str
    kind: str
    contains: str | None = None

    @property
    def category(self) -> str:
        if self.expect is not None:
            return "answerable"
        return "smalltalk" if self.kind == "smalltalk" else "out_of_scope"

    @classmethod
    def from_yaml(cls, item: dict[str, Any]) -> Case:
        expect = item.get("expect")
        kind = item.get("kind") or ("answer" if expect is not None else "no_match")
        return cls(str(item["q"]), expect, str(item["lang"]), kind, item.get("contains"))


@dataclass(frozen=True)
class Outcome:
    case: Case
    reply: Reply
    # A question that is word for word one of the knowledge base's own variants tests
    # recall, not understanding: it is answered but not counted.
    counted: bool = True

    @property
    def correct(self) -> bool:
        reply, case = self.reply, self.case
        if case.kind == "no_match":
            return reply.kind not in (ReplyKind.ANSWER, ReplyKind.MISSING_PERIOD)
        if reply.kind.value != case.kind or reply.finding != case.expect:
            return False
        return case.contains is None or case.contains in reply.text

    @property
    def language_ok(self) -> bool:
        return self.reply.lang == self.case.lang


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counted(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.counted]

    def rate(self, category: str) -> tuple[int, int]:
        chosen = [o for o in self.counted if o.case.category == category]
        return sum(o.correct for o in chosen), len(chosen)

    def language_rate(self) -> tuple[int, int]:
        return sum(o.language_ok for o in self.counted), len(self.counted)

    def misses(self) -> list[Outcome]:
        return [o for o in self.counted if not o.correct or not o.language_ok]

    def summary(self) -> str:
        rows = [
            ("answerable: top-1 correct", self.rate("answerable")),
            ("out of scope: abstained", self.rate("out_of_scope")),
            ("smalltalk: recognised", self.rate("smalltalk")),
            ("language of the reply", self.language_rate()),
        ]
        lines = [
            f"{label:<28} {good:>4}/{total:<4} {good / total:6.1%}" if total else f"{label:<28} -"
            for label, (good, total) in rows
        ]
        skipped = len(self.outcomes) - len(self.counted)
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
    except (KeyError, TypeError, AttributeError) as error:
        raise EvalSetError(f"{path}: every question needs q: and lang: ({error!r})") from None
    return single, conversations


def evaluate(engine: Engine, paths: Iterable[Path]) -> Report:
    variants = {
        variant_key(q)
        for f in engine.kb.findings.values()
        for q in [*f.questions.de, *f.questions.en]
    }
    report = Report()
    for path in paths:
        single, conversations = load_cases(path)
        for case in single:
            reply, _ = engine.reply(case.question)
            report.outcomes.append(Outcome(case, reply, variant_key(case.question) not in variants))
        for turns in conversations:
            state = ConversationState()
            for case in turns:
                reply, state = engine.reply(case.question, state)
                counted = variant_key(case.question) not in variants
                report.outcomes.append(Outcome(case, reply, counted))
    return report


def describe_miss(outcome: Outcome) -> str:
    case, reply = outcome.case, outcome.reply
    got = f"{reply.kind.value}:{reply.finding} ({reply.score:.2f}, {reply.lang})"
    want = f"{case.kind}:{case.expect} ({case.lang})"
    return f"{case.question!r}: want {want}, got {got}"
