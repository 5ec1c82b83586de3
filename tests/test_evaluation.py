"""The engine on the evaluation sets: right answers, honest abstentions, right language.

dev.yaml and validation.yaml were written from the article alone, independently of the
knowledge base, and the matcher and knowledge base were tuned on them. holdout.yaml was
written before any tuning and never tuned on: its figures are the honest estimate of
how the bot does on questions nobody has seen (docs/benchmarks.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.evaluation import Report, evaluate

EVAL = Path(__file__).parent / "eval"
TUNING_SETS = [EVAL / "dev.yaml", EVAL / "validation.yaml"]


@pytest.fixture(scope="module")
def tuned(engine: Engine) -> Report:
    return evaluate(engine, TUNING_SETS)


@pytest.fixture(scope="module")
def holdout(engine: Engine) -> Report:
    return evaluate(engine, [EVAL / "holdout.yaml"])


def test_the_sets_are_big_enough_without_copies_of_variants(tuned: Report, holdout: Report) -> None:
    assert len(tuned.counted) + len(holdout.counted) >= 150


def test_answerable_questions_get_the_right_finding(tuned: Report) -> None:
    good, total = tuned.rate("answerable")
    assert good / total >= 0.95, tuned.summary()


def test_out_of_scope_questions_are_not_answered(tuned: Report) -> None:
    good, total = tuned.rate("out_of_scope")
    assert good / total >= 0.90, tuned.summary()


def test_replies_come_in_the_language_of_the_question(tuned: Report, holdout: Report) -> None:
    for report in (tuned, holdout):
        good, total = report.language_rate()
        assert good / total >= 0.95, report.summary()
