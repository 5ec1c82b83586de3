"""What the answer engine hands back: plain data, no Telegram, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from bot.engine.decision import Evidence
from bot.knowledge.schema import Lang


class ReplyKind(str, Enum):
    ANSWER = "answer"  # a finding, with its figure
    NO_MATCH = "no_match"  # not sure: says so, offers suggestions
    CLARIFY = "clarify"  # two findings fit alike: asks which one was meant
    SURVEY = "survey"  # about a survey itself: who was asked, how many, when, how
    MISSING_PERIOD = "missing_period"  # the finding exists, but not for the year asked
    SMALLTALK = "smalltalk"  # greeting, thanks, help, who are you
    SOURCE = "source"  # where the last answer comes from
    MORE = "more"  # related findings of the last answer
    EMPTY = "empty"  # nothing to work with (empty or symbols only)


@dataclass(frozen=True)
class Suggestion:
    finding: str
    question: str  # a question the bot can answer, in the reply's language


@dataclass(frozen=True)
class Candidate:
    finding: str
    score: float


@dataclass(frozen=True)
class ConversationState:
    """What the engine remembers of a conversation between two questions.

    Small and immutable, so adapters can store it per chat and persist it as it is.
    """

    finding: str | None = None  # the finding last answered
    period: int | None = None  # the period last asked for, if any
    lang: Lang | None = None  # the language of the last reply
    turns: int = 0
    # The survey the last reply told about ("when was it done?" -> "and how?").
    survey: str | None = None
    # The findings the last reply offered, in order: "2" picks the second.
    offered: tuple[str, ...] = ()
    # The findings answered so far, latest last (bounded): "more" offers others, and
    # a finding whose context was told is not told again.
    shown: tuple[str, ...] = ()
    # The language asked for in the conversation ("in German please"): it holds.
    requested: Lang | None = None
    # The findings whose context (background) a reply has printed: not told again.
    told: tuple[str, ...] = ()
    # The figure the last answer led with ("the least common goal": 47), for "is that
    # a lot?".
    lead: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "period": self.period,
            "lang": self.lang,
            "turns": self.turns,
            "survey": self.survey,
            "offered": list(self.offered),
            "shown": list(self.shown),
            "requested": self.requested,
            "told": list(self.told),
            "lead": self.lead,
        }


@dataclass(frozen=True)
class Reply:
    question: str
    kind: ReplyKind
    lang: Lang
    headline: str  # the figure first, or the one-line message
    details: tuple[str, ...] = ()  # context, lists: one paragraph each
    source: str = ""  # where the figure comes from, shown last
    finding: str | None = None
    period: int | None = None  # the year answered for, when the question named one
    score: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    survey: str | None = None  # the survey a reply about a survey is about
    chart: bool = False  # its finding can be shown as a chart (several figures)
    shows: tuple[str, ...] = ()  # other findings it tells ("more" lists their answers)
    lead: float | None = None  # the figure it singled out of its finding, if any
    # How sure the decision was that answering is right (None: no decision was needed,
    # e.g. small talk or a follow-up about the survey), and the evidence it weighed.
    confidence: float | None = None
    evidence: Evidence | None = None

    @property
    def answered(self) -> bool:
        return self.kind in (ReplyKind.ANSWER, ReplyKind.SOURCE, ReplyKind.MORE, ReplyKind.SURVEY)

    @property
    def body(self) -> str:
        """The reply without its suggestions (Telegram shows those as buttons)."""
        return "\n\n".join(p for p in (self.headline, *self.details, self.source) if p)

    @property
    def text(self) -> str:
        """The reply as a person reads it, plain text, numbered suggestions included
        (typing the number picks one)."""
        offered = [f"  {n}. {s.question}" for n, s in enumerate(self.suggestions, start=1)]
        return "\n".join([self.body, *offered])

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "kind": self.kind.value,
            "answered": self.answered,
            "finding": self.finding,
            "score": round(self.score, 4),
            "confidence": None if self.confidence is None else round(self.confidence, 4),
            "lang": self.lang,
            "text": self.text,
            "chart": self.chart,
            "suggestions": [
                {"finding": s.finding, "question": s.question} for s in self.suggestions
            ],
            "candidates": [
                {"finding": c.finding, "score": round(c.score, 4)} for c in self.candidates
            ],
        }
