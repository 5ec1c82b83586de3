"""Training the decision: which candidate answers are right, learned from the corpus.

Every question of the training surveys' blind sets is asked with a decision that
answers everything (`AnswerAll`), each survey's knowledge base loaded on its own and
with two others (as a team deploys it). A reply that went through the decision carries
its evidence; its label is whether it gave the asked-for figure (for a near miss:
never). A regularised logistic regression is fitted on standardised evidence, validated
leave-one-survey-out, and its operating point is chosen on those held-out predictions
for the stated risk: at most `MAX_WRONG` of the answerable questions answered wrong
and at most `MAX_NEAR_MISSES_ANSWERED` of the near misses answered.

    survey-bot train [--out bot/engine/decision.json]
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.engine.decision import MODEL_FILE, AnswerAll, Evidence, LogisticDecision

__all__ = ["MODEL_FILE", "SEMANTIC_CHANNELS", "main"]
from bot.evaluation import Outcome, Report, Result, as_number, evaluate
from bot.knowledge import load_knowledge
from bot.training.corpus import CorpusSurvey, deployed_with_others, load_corpus

MAX_WRONG = 0.02  # of the answerable questions the decision sees
MAX_NEAR_MISSES_ANSWERED = 0.05
# Inverse regularisation strengths tried, each validated leave-one-survey-out.
STRENGTHS = (0.03, 0.1, 0.3, 1.0, 3.0)
SEMANTIC_CHANNELS = ("use", "off")


@dataclass(frozen=True)
class Example:
    survey: str
    deployed_with_others: bool
    lang: str
    answerable: bool  # False: a near miss, which must be declined
    features: tuple[float, ...]
    right: bool  # answering gave the asked-for figure
    # The finding answered has the asked-for figure (it may have led with another):
    # the decision found the right finding, the figure choice may have missed.
    finding_right: bool
    ambiguous: bool  # the engine would ask back rather than answer
    question: str


def collect(surveys: Sequence[CorpusSurvey], semantic: str) -> list[Example]:
    """The evidence and label of every question that reaches the decision."""
    corpus = list(surveys)
    examples: list[Example] = []
    config = EngineConfig.model_validate({"semantic": semantic})
    for survey in corpus:
        for with_others in (False, True):
            kb = (
                deployed_with_others(corpus, survey)
                if with_others
                else load_knowledge(survey.knowledge)
            )
            engine = Engine(kb, config, decision=AnswerAll())
            report = evaluate(engine, survey.sets)
            for result in report.counted:
                evidence = result.reply.evidence
                if (
                    evidence is None
                    or result.case.category == "smalltalk"
                    or result.reply.kind is ReplyKind.CLARIFY  # asked back whatever decides
                ):
                    continue
                examples.append(
                    Example(
                        survey.name,
                        with_others,
                        result.case.lang,
                        result.case.category == "answerable",
                        tuple(evidence.vector()),
                        result.outcome is Outcome.RIGHT,
                        result.outcome is Outcome.RIGHT or _holds(engine, result),
                        bool(evidence.ambiguous),
                        result.case.question,
                    )
                )
    return examples


def _holds(engine: Engine, result: Result) -> bool:
    """Does the finding of the reply hold one of the figures the case asks for?"""
    finding = engine.kb.findings.get(result.reply.finding or "")
    if finding is None or not result.case.figures:
        return False
    values = {abs(float(q.value)) for q in finding.quantities}
    return any(as_number(f) in values for f in result.case.figures)


@dataclass(frozen=True)
class Fitted:
    model: LogisticDecision
    strength: float
    held_out: list[float]  # leave-one-survey-out probability of each example


def _fit(examples: Sequence[Example], strength: float) -> LogisticDecision:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([e.features for e in examples], dtype=float)
    y = np.array([e.right for e in examples], dtype=int)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=strength, max_iter=5000)
    model.fit((x - means) / scales, y)
    return LogisticDecision(
        Evidence.names(),
        tuple(float(v) for v in means),
        tuple(float(v) for v in scales),
        tuple(float(v) for v in model.coef_[0]),
        float(model.intercept_[0]),
        0.5,
    )


def leave_one_survey_out(examples: Sequence[Example], strength: float) -> list[float]:
    held_out = [0.0] * len(examples)
    for survey in sorted({e.survey for e in examples}):
        train = [e for e in examples if e.survey != survey]
        model = _fit(train, strength)
        for n, e in enumerate(examples):
            if e.survey == survey:
                held_out[n] = model.probability_of(e.features)
    return held_out


@dataclass(frozen=True)
class Operating:
    threshold: float
    right: float  # of the answerable examples, answered right
    wrong: float  # of the answerable examples, answered wrong
    near_misses_answered: float


def at_threshold(
    examples: Sequence[Example], probabilities: Sequence[float], threshold: float
) -> Operating:
    answerable = [(e, p) for e, p in zip(examples, probabilities, strict=True) if e.answerable]
    near = [(e, p) for e, p in zip(examples, probabilities, strict=True) if not e.answerable]
    # An answer the engine would ask back about instead is neither right nor wrong.
    given = [(e, p) for e, p in answerable if p >= threshold and not e.ambiguous]
    right = sum(e.right for e, _ in given)
    wrong = len(given) - right
    near_given = sum(p >= threshold and not e.ambiguous for e, p in near)
    return Operating(
        threshold,
        right / max(1, len(answerable)),
        wrong / max(1, len(answerable)),
        near_given / max(1, len(near)),
    )


def operating_point(examples: Sequence[Example], probabilities: Sequence[float]) -> Operating:
    """The lowest threshold (most answers) within the stated risk."""
    for threshold in sorted({round(p, 4) for p in probabilities} | {1.0}):
        point = at_threshold(examples, probabilities, threshold)
        if point.wrong <= MAX_WRONG and point.near_misses_answered <= MAX_NEAR_MISSES_ANSWERED:
            return point
    return at_threshold(examples, probabilities, 1.0)


def train(examples: Sequence[Example]) -> tuple[Fitted, Operating]:
    """The strength whose held-out predictions answer most within the risk, refitted on
    all examples, with the operating point its held-out predictions give."""
    best: tuple[Fitted, Operating] | None = None
    for strength in STRENGTHS:
        held_out = leave_one_survey_out(examples, strength)
        point = operating_point(examples, held_out)
        if best is None or point.right > best[1].right:
            best = (Fitted(_fit(examples, strength), strength, held_out), point)
    assert best is not None
    fitted, point = best
    model = LogisticDecision(
        fitted.model.features,
        fitted.model.means,
        fitted.model.scales,
        fitted.model.weights,
        fitted.model.bias,
        point.threshold,
    )
    return Fitted(model, fitted.strength, fitted.held_out), point


def per_survey(
    examples: Sequence[Example], probabilities: Sequence[float], threshold: float
) -> list[str]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, e in enumerate(examples):
        groups[e.survey, e.lang].append(n)
    lines = [f"{'survey':<34} lang  right  wrong  near-answered  n"]
    for (survey, lang), numbers in sorted(groups.items()):
        chosen = [examples[n] for n in numbers]
        point = at_threshold(chosen, [probabilities[n] for n in numbers], threshold)
        lines.append(
            f"{survey:<34} {lang:<4} {point.right:6.1%} {point.wrong:6.1%} "
            f"{point.near_misses_answered:13.1%}  {len(numbers)}"
        )
    return lines


def risk_coverage(examples: Sequence[Example], probabilities: Sequence[float]) -> list[str]:
    lines = ["threshold  right  wrong  near-answered"]
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        p = at_threshold(examples, probabilities, threshold)
        lines.append(
            f"{threshold:9.2f} {p.right:6.1%} {p.wrong:6.1%} {p.near_misses_answered:13.1%}"
        )
    return lines


def main(
    out: Path = MODEL_FILE, channels: Sequence[str] = SEMANTIC_CHANNELS, validate: bool = False
) -> int:
    from bot.training.corpus import corpus_table

    surveys = [s for s in load_corpus() if s.split == "train"]
    models: dict[str, Any] = {}
    for semantic in channels:
        examples = collect(surveys, semantic)
        fitted, point = train(examples)
        if validate:
            reports = validate_end_to_end(surveys, semantic, examples, fitted.strength)
            print(f"== end to end, each survey by a model that never saw it ({semantic})")
            print(corpus_table(reports, totals_only=False))
        print(f"== semantic: {semantic}: {len(examples)} examples, {len(surveys)} surveys")
        print(
            f"strength C={fitted.strength}; operating point {point.threshold:.3f}: held out, "
            f"answerable right {point.right:.1%}, wrong {point.wrong:.1%}, near misses "
            f"answered {point.near_misses_answered:.1%}"
        )
        print("\n".join(risk_coverage(examples, fitted.held_out)))
        print("\n".join(per_survey(examples, fitted.held_out, point.threshold)))
        weights = sorted(
            zip(fitted.model.features, fitted.model.weights, strict=True), key=lambda p: -abs(p[1])
        )
        print("weights:", ", ".join(f"{name} {w:+.2f}" for name, w in weights))
        models[semantic] = fitted.model.to_json() | {
            "strength": fitted.strength,
            "examples": len(examples),
        }
    data = {
        "trained": {
            "command": "survey-bot train",
            "date": date.today().isoformat(),
            "surveys": [s.name for s in surveys],
            "risk": {"max_wrong": MAX_WRONG, "max_near_misses_answered": MAX_NEAR_MISSES_ANSWERED},
        },
        "models": models,
    }
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


def validate_end_to_end(
    surveys: Sequence[CorpusSurvey], semantic: str, examples: Sequence[Example], strength: float
) -> dict[tuple[str, bool], Report]:
    """Every survey answered by a model that never saw it: trained on the others, its
    operating point chosen leave-one-survey-out on the others too, then the survey's
    blind sets asked end to end (alone and with others), as the engine answers."""
    corpus = list(surveys)
    config = EngineConfig.model_validate({"semantic": semantic})
    reports: dict[tuple[str, bool], Report] = {}
    for survey in corpus:
        others = [e for e in examples if e.survey != survey.name]
        held_out = leave_one_survey_out(others, strength)
        point = operating_point(others, held_out)
        fitted = _fit(others, strength)
        model = LogisticDecision(
            fitted.features,
            fitted.means,
            fitted.scales,
            fitted.weights,
            fitted.bias,
            point.threshold,
        )
        for with_others in (False, True):
            kb = (
                deployed_with_others(corpus, survey)
                if with_others
                else load_knowledge(survey.knowledge)
            )
            engine = Engine(kb, config, decision=model)
            reports[survey.name, with_others] = evaluate(engine, survey.sets)
    return reports
