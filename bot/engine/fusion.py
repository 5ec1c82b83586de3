"""Fusing the lexical and the semantic channel into one ranking with one confidence.

Cosine similarities mean different things for different models and knowledge bases, so
they are put on a scale fitted to the knowledge base when its index is built: `high`
is what a paraphrase of one of its questions scores (each variant asked as a question
against the other variants of its own finding), `low` what a question out of any
survey's scope scores against its nearest variant (a bundled, survey-independent set).
On that scale a question's similarity becomes a confidence in 0..1 like the lexical
score, and the two are averaged: they agree on most questions, and where they do not,
neither alone decides.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.engine.index import Match
from bot.engine.semantic import SemanticMatcher
from bot.languages import out_of_scope_questions

# How much each channel counts in the fused confidence.
LEXICAL_WEIGHT = 0.7
SEMANTIC_WEIGHT = 0.3
# Semantic candidates the lexical channel did not find are added from the top this deep.
SEMANTIC_DEPTH = 5
# Where the scale's ends are read: the typical paraphrase, a high out-of-scope score.
PARAPHRASE_QUANTILE = 0.5
OUT_OF_SCOPE_QUANTILE = 0.9
MIN_SPREAD = 0.05


@dataclass(frozen=True)
class SemanticScale:
    low: float
    high: float

    def confidence(self, cosine: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
        return np.clip((cosine - self.low) / (self.high - self.low), 0.0, 1.0)

    @classmethod
    def fit(cls, matcher: SemanticMatcher) -> SemanticScale:
        own, _ = matcher.leave_one_out()
        paraphrases = own[own > -1.0]
        negatives = matcher.best_of(matcher.query_vectors(out_of_scope_questions()))
        low = float(np.quantile(negatives, OUT_OF_SCOPE_QUANTILE)) if negatives.size else 0.3
        high = float(np.quantile(paraphrases, PARAPHRASE_QUANTILE)) if paraphrases.size else 0.8
        return cls(low, max(high, low + MIN_SPREAD))


def fuse(
    matches: list[Match],
    similarities: npt.NDArray[np.float64],
    scale: SemanticScale,
    keys: list[str],
) -> list[Match]:
    """One ranking: each candidate of either channel scored by both."""
    confidence = scale.confidence(similarities)
    number = {key: n for n, key in enumerate(keys)}
    lexical = {m.key: m for m in matches}
    for n in np.argsort(-similarities, kind="stable")[:SEMANTIC_DEPTH].tolist():
        lexical.setdefault(keys[n], Match(keys[n], 0.0, 0))
    fused = []
    for m in lexical.values():
        sure = float(confidence[number[m.key]])
        fused.append(replace(m, score=_fused(m.score, sure), semantic=sure))
    return sorted(fused, key=lambda m: (-m.score, m.key))


def _fused(lexical: float, semantic: float) -> float:
    """The average of both channels, but never below the lexical score: a question whose
    words match a variant is not made unsure by a model that reads typos poorly."""
    return max(lexical, LEXICAL_WEIGHT * lexical + SEMANTIC_WEIGHT * semantic)
