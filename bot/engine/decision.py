"""Answer or decline: the one place that decides, from a model learned on many surveys.

The engine computes `Evidence` about its best candidate (how well the question's words
and meaning fit it, what the question names that the finding lacks, what the reply it
would give says) and a `Decision` turns it into the probability that answering with
that candidate gives the asked-for figure. The engine answers at or above the model's
operating point, chosen on held-out surveys for a stated risk of confidently wrong
answers; below it, it says it is not sure and offers the closest questions.

The model is a data file (`decision.json` beside this module) written by
`survey-bot train`; see docs/benchmarks.md for the corpus and the command.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Protocol

MODEL_FILE = Path(__file__).with_name("decision.json")
# At most this share of the answerable questions answered wrong, measured on surveys
# the model never saw: the risk the learned decision is trained and chosen for.
STATED_RISK = 0.02
RETRAIN = "survey-bot train --out bot/engine/decision.json"


class Action(str, Enum):
    ANSWER = "answer"
    ASK_BACK = "ask back"
    DECLINE = "decline"


@dataclass(frozen=True)
class Doubts:
    """What the question names or asks that the best finding cannot answer: evidence
    for the decision, and the reason a decline gives."""

    narrowing: tuple[str, ...] = ()  # numbers the finding never uses
    no_amount: bool = False
    context_only: bool = False
    reason_unsaid: bool = False
    wish_unsaid: bool = False
    contrary: tuple[str, ...] = ()  # words whose opposite the finding says
    contrary_measure: bool = False
    uncounted: str | None = None  # the word for whom the survey does not count


@dataclass(frozen=True)
class Evidence:
    """What the engine knows of its best candidate when it decides; every field is a
    number (a flag is 0 or 1), so a model can weigh it."""

    lexical: float = 0.0  # the best finding's word score, 0..1
    semantic: float = 0.0  # its meaning score on the knowledge base's scale, 0..1
    fused: float = 0.0  # both channels together: the ranking score
    margin: float = 0.0  # fused score over the runner-up's
    semantic_margin: float = 0.0  # meaning score over the best other finding's
    missed: float = 0.0  # share of the question's telling words the finding never uses
    unknown_words: float = 0.0  # words no knowledge text uses that may carry the topic
    unknown_rarity: float = 0.0  # how rare the rarest of them is in its language, 0..1
    # How much closer in meaning the question comes to the finding without the unknown
    # word that pulls it away most: a synonym of the finding's words ("remote") pulls
    # little or none, another place or topic ("in the US") much (0 without semantics).
    unknown_pull: float = 0.0
    content_words: float = 0.0  # the question's content words
    narrowing_number: float = 0.0  # a number the finding never uses ("over 500 staff")
    no_amount: float = 0.0  # asks for a figure; the finding states no amount
    context_only: float = 0.0  # asks about what only the finding's background mentions
    reason_unsaid: float = 0.0  # asks why; the finding gives no reason
    wish_unsaid: float = 0.0  # asks what people wish; the finding says nothing of wishes
    contrary: float = 0.0  # says the opposite of what the finding says ("oppose")
    contrary_measure: float = 0.0  # asks for the other side of the figures measured
    uncounted: float = 0.0  # "how many X" where the survey does not count X
    missing_period: float = 0.0  # the reply would say the finding lacks the year asked
    missing_group: float = 0.0  # the reply would say the finding lacks the group asked
    singled_out: float = 0.0  # the question's words pick one figure of the finding
    # The question names what sets apart a figure other than the one the reply leads
    # with ("the minimum wage now" where the reply leads with the support for raising it).
    other_figure_named: float = 0.0
    # The question uses a word of a subgroup's name, and the reply does not lead with
    # that subgroup's figure ("young adults" answered with everyone's share).
    group_word_unmet: float = 0.0
    figures: float = 0.0  # log(1 + the finding's figures): more to choose from, more to miss
    compares: float = 0.0  # a ranking or a comparison ("which is higher", "the most")
    change_asked: float = 0.0  # "has it risen?", "by how much?"
    asks_figure: float = 0.0  # "how many", "what share": only a figure answers it
    follow_up: float = 0.0  # a follow-up in a conversation
    ambiguous: float = 0.0  # two findings fit nearly alike
    german: float = 0.0
    # How many figures the reply's headline states (years not counted, at most 5): a
    # change or a comparison answered with one figure, or one figure asked for and an
    # overview given, is a reply that may not answer what was asked.
    reply_numbers: float = 0.0
    # A fact, not a weight: the question is, case and punctuation aside, one its
    # knowledge base's maintainers wrote for the finding the reply gives. What answers
    # it is then declared, not guessed (blind questions never are one: evaluation does
    # not count them), so no model learns it.
    own_variant: bool = field(default=False, metadata={"fact": True})

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The evidence a model may weigh."""
        return tuple(f.name for f in fields(cls) if not f.metadata.get("fact"))

    def vector(self) -> list[float]:
        return [float(getattr(self, name)) for name in self.names()]


class Decision(Protocol):
    """Answer, ask back or decline, and how sure answering is (0..1). `features`: the
    evidence it weighs (what costs the engine work, such as the sentence model's read
    of unknown words, is computed only when weighed)."""

    @property
    def features(self) -> tuple[str, ...]: ...

    def decide(self, evidence: Evidence) -> tuple[Action, float]: ...


@dataclass(frozen=True)
class AnswerAll:
    """Answers whatever was found, never asks back: the engine with it gives every
    candidate's answer, which is what training labels."""

    @property
    def features(self) -> tuple[str, ...]:
        return Evidence.names()  # training labels every piece of evidence

    def decide(self, evidence: Evidence) -> tuple[Action, float]:
        return Action.ANSWER, 1.0


@dataclass(frozen=True)
class RuleDecision:
    """The hand-set decision of earlier releases, over the same evidence: vetoes, and a
    threshold on the fused score that rises when a word the best finding lacks may be
    the point of the question (unless the semantic channel reads a paraphrase). The
    default until the learned decision beats it on the held-out surveys
    (docs/benchmarks.md); the vetoes are the learned model's features."""

    answer_threshold: float
    unknown_word_threshold: float
    # A share of the question's weight this large in words the finding never mentions
    # calls for the closer fit, as an unknown word does.
    missed_weight: float = 0.4
    # The semantic channel this sure of a finding, and this much surer than of any
    # other, reads the question as a paraphrase of it.
    paraphrase: float = 1.0
    paraphrase_margin: float = 0.2

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(n for n in Evidence.names() if n != "unknown_pull")

    def decide(self, evidence: Evidence) -> tuple[Action, float]:
        e = evidence
        vetoed = (
            _cannot_say(e)
            or e.narrowing_number
            or (e.asks_figure and (e.no_amount or e.context_only or e.contrary_measure))
            or e.contrary
            or e.uncounted
        )
        if e.own_variant:
            return _declared(e), e.fused
        if vetoed:
            return Action.DECLINE, 0.0
        paraphrase = e.semantic >= self.paraphrase and e.semantic_margin >= self.paraphrase_margin
        unsure = e.unknown_words > 0 or e.missed >= self.missed_weight
        threshold = self.answer_threshold
        if unsure and not paraphrase:
            threshold = max(threshold, self.unknown_word_threshold)
        if e.fused < threshold:
            return Action.DECLINE, e.fused
        return _declared(e), e.fused


def _cannot_say(evidence: Evidence) -> bool:
    """Hard truths, not weights: a "why?" the finding gives no reason for, or what
    people wish where it counts what they do, is not answered by its figure, however
    well the words fit. Too few blind questions ask so (4 and 8 of 5,557) for a model
    to learn it; held out, declining them keeps every right answer and answers fewer
    near misses (3.1% -> 2.7% at risk 0.02)."""
    return bool(evidence.reason_unsaid or evidence.wish_unsaid)


def _declared(evidence: Evidence) -> Action:
    """Answer, unless two findings fit alike: then ask which is meant."""
    return Action.ASK_BACK if evidence.ambiguous else Action.ANSWER


class _Learned:
    """What a learned model does with its probability: answer at or above the operating
    point; two findings that fit alike are asked back about instead of guessed."""

    features: tuple[str, ...]
    operating_point: float

    def probability_of(self, values: Sequence[float]) -> float:
        """The probability for the model's features' values, in its order."""
        raise NotImplementedError

    def probability(self, evidence: Evidence) -> float:
        return self.probability_of([float(getattr(evidence, name)) for name in self.features])

    def decide(self, evidence: Evidence) -> tuple[Action, float]:
        sure = self.probability(evidence)
        if evidence.own_variant:
            return _declared(evidence), sure
        if sure < self.operating_point or _cannot_say(evidence):
            return Action.DECLINE, sure
        return _declared(evidence), sure


@dataclass(frozen=True)
class LogisticDecision(_Learned):
    """A regularised logistic regression on standardised evidence: one dot product."""

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    operating_point: float

    def probability_of(self, values: Sequence[float]) -> float:
        z = self.bias
        for value, mean, scale, weight in zip(
            values, self.means, self.scales, self.weights, strict=True
        ):
            z += weight * (value - mean) / scale
        return _sigmoid(z)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": "logistic",
            "features": list(self.features),
            "means": list(self.means),
            "scales": list(self.scales),
            "weights": list(self.weights),
            "bias": self.bias,
            "operating_point": self.operating_point,
        }


# A tree is a tuple of nodes, its root first. A split is (feature index, threshold,
# left, right): values at or below the threshold go to the node at `left`. A leaf is
# (value,), what it adds to the log-odds.
Node = tuple[int, float, int, int] | tuple[float]


@dataclass(frozen=True)
class TreeDecision(_Learned):
    """Gradient-boosted trees: each question's evidence walks every tree to a leaf, and
    the leaves' values added to the baseline are the log-odds of answering right. Trees
    weigh a combination ("an unknown word, and the meaning reads no paraphrase") that
    one dot product cannot."""

    features: tuple[str, ...]
    baseline: float
    trees: tuple[tuple[Node, ...], ...]
    operating_point: float

    def probability_of(self, values: Sequence[float]) -> float:
        z = self.baseline
        for tree in self.trees:
            node = tree[0]
            while len(node) == 4:
                feature, threshold, left, right = node
                node = tree[left if values[feature] <= threshold else right]
            z += node[0]
        return _sigmoid(z)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": "trees",
            "features": list(self.features),
            "baseline": self.baseline,
            "trees": [[list(node) for node in tree] for tree in self.trees],
            "operating_point": self.operating_point,
        }


LearnedDecision = LogisticDecision | TreeDecision


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


class DecisionModelError(Exception):
    """The model file does not fit this version's evidence; the message says how to
    make one that does."""


def decision_from_json(
    data: Mapping[str, Any], semantic: str, risk: float = STATED_RISK
) -> LearnedDecision:
    """The model for the semantic channel in use (each was trained with its own), at
    its operating point for `risk`: the share of answerable questions it may answer
    wrong, as measured on surveys it never saw."""
    models = data.get("models")
    if not isinstance(models, dict) or semantic not in models:
        raise DecisionModelError(f"the decision model has no model for semantic: {semantic}")
    model = models[semantic]
    known = set(Evidence.names())
    features = tuple(model["features"])
    if not set(features) <= known:
        raise DecisionModelError(
            f"the decision model weighs evidence this version does not compute "
            f"({sorted(set(features) - known)}): retrain it with `{RETRAIN}`"
        )
    points = _operating_points(model)
    if risk not in points:
        raise DecisionModelError(
            f"the decision model has no operating point for risk: {risk} "
            f"(trained: {', '.join(str(r) for r in points)})"
        )
    threshold = points[risk]
    kind = model.get("kind", "logistic")
    if kind == "trees":
        return TreeDecision(
            features,
            float(model["baseline"]),
            tuple(tuple(_node(node) for node in tree) for tree in model["trees"]),
            threshold,
        )
    if kind != "logistic":
        raise DecisionModelError(
            f"the decision model is of a kind this version does not know ({kind!r}): "
            f"retrain it with `{RETRAIN}`"
        )
    return LogisticDecision(
        features,
        tuple(float(x) for x in model["means"]),
        tuple(float(x) for x in model["scales"]),
        tuple(float(x) for x in model["weights"]),
        float(model["bias"]),
        threshold,
    )


def _operating_points(model: Mapping[str, Any]) -> dict[float, float]:
    """Risk -> threshold; a model file of an earlier release has one, for the stated
    risk."""
    points = model.get("operating_points")
    if not points:
        return {STATED_RISK: float(model["operating_point"])}
    return {float(p["wrong"]): float(p["threshold"]) for p in points}


def _node(raw: Sequence[float]) -> Node:
    if len(raw) == 1:
        return (float(raw[0]),)
    feature, threshold, left, right = raw
    return (int(feature), float(threshold), int(left), int(right))


@cache
def trained_channels() -> tuple[str, ...]:
    """The semantic channels the shipped model has a decision for."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    models = data.get("models")
    return tuple(models) if isinstance(models, dict) else ()


@cache
def trained_risks(semantic: str) -> tuple[float, ...]:
    """The risks the shipped model for `semantic` has an operating point for."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return tuple(sorted(_operating_points(data["models"][semantic])))


@cache
def shipped_decision(semantic: str, risk: float = STATED_RISK) -> LearnedDecision:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return decision_from_json(data, semantic, risk)
