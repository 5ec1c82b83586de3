"""The engine on the evaluation sets: right answers, honest abstentions, right language.

dev.yaml and validation.yaml were written from the article alone, independently of the
knowledge base, and the matcher and knowledge base were tuned on them. holdout.yaml was
written before any tuning and never tuned on: its figures are the honest estimate of
how the bot does on questions nobody has seen (docs/benchmarks.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine
from bot.evaluation import Report, evaluate
from bot.knowledge import KnowledgeBase

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


@pytest.mark.parametrize(
    ("headline", "figures", "leads"),
    [
        ("35% of IT companies now have a team, up from 24%.", ["35"], True),
        ("35% of IT companies now have a team, up from 24%.", ["24"], False),
        ("In 2013, 24% of companies had a team.", ["24"], True),
        ("55,7 % der Beschäftigten arbeiteten nicht von zu Hause.", ["55.7"], True),
        ("Befragt wurden 1.922 Erwerbstätige.", ["1922"], True),
        ("No – 49% of those asked work from home.", ["49"], True),
    ],
)
def test_the_asked_for_figure_must_lead(headline: str, figures: list[str], leads: bool) -> None:
    from bot.evaluation import leads_with

    assert leads_with(headline, figures) is leads


def test_a_wrong_figure_is_told_from_a_refusal(engine: Engine, tmp_path: Path) -> None:
    from bot.evaluation import Outcome

    cases = tmp_path / "set.yaml"
    cases.write_text(
        "single:\n"
        '  - {q: "how many firms have a social media team", lang: en, figure: "24"}\n'
        '  - {q: "how many firms have a social media team", lang: en, figure: "35"}\n'
        '  - {q: "how many companies use TikTok", lang: en, figure: "35"}\n'
        '  - {q: "how many companies use TikTok", lang: en, kind: no_match}\n',
        encoding="utf-8",
    )
    outcomes = [r.outcome for r in evaluate(engine, [cases]).results]
    assert outcomes == [Outcome.WRONG, Outcome.RIGHT, Outcome.DECLINED, Outcome.DECLINED]


def test_a_figure_that_is_a_fact_of_the_survey_is_right_from_its_card(tmp_path: Path) -> None:
    # A blind writer asks "how many were asked" with the sample size as its figure.
    from bot.config import EngineConfig
    from bot.evaluation import Outcome
    from bot.knowledge import load_knowledge

    engine = Engine(
        load_knowledge(EVAL.parent / "fixtures" / "surveys" / "bidt-homeoffice"), EngineConfig()
    )
    cases = tmp_path / "set.yaml"
    cases.write_text(
        "single:\n"
        '  - {q: "how many people were asked?", lang: en, figure: "1922"}\n'
        '  - {q: "how many people were asked?", lang: en, figure: "39"}\n',
        encoding="utf-8",
    )
    outcomes = [r.outcome for r in evaluate(engine, [cases]).results]
    assert outcomes == [Outcome.RIGHT, Outcome.WRONG]


@pytest.mark.parametrize(
    ("text", "wanted", "says"),
    [
        ("1,922 were asked.", "1922", True),
        ("Befragt wurden 1.922 Erwerbstätige.", "1922", True),
        ("Befragt wurden 1.922 Erwerbstätige.", "192", False),
        ("The survey was carried out by Bitkom.", "bitkom", True),
        # A blind set may group thousands with a space.
        ("28,000 were asked.", "28 000", True),
        ("28,000 were asked.", "28 001", False),
    ],
)
def test_a_number_a_reply_must_contain_may_be_written_either_way(
    text: str, wanted: str, says: bool
) -> None:
    from bot.evaluation import _says

    assert _says(text, wanted) is says


def test_a_refusal_that_offers_the_right_finding_first_is_told_apart(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """A decline whose first suggestion holds the asked figure is one tap from the
    answer: the corpus table counts it (`offered`), so a stricter decision's cost in
    declines can be weighed against what its suggestions still give."""
    from bot.engine.decision import Action, Evidence

    class DeclineAll:
        features: tuple[str, ...] = ()

        def decide(self, evidence: Evidence) -> tuple[Action, float]:
            return Action.DECLINE, 0.0

    cases = tmp_path / "set.yaml"
    cases.write_text(
        "single:\n"
        '  - {q: "how many firms have a social media team", lang: en, figure: "35"}\n'
        '  - {q: "how many firms have a social media team", lang: en, figure: "77"}\n',
        encoding="utf-8",
    )
    engine = Engine(kb, EngineConfig(semantic="off"), decision=DeclineAll())
    results = evaluate(engine, [cases]).results
    assert [r.offered for r in results] == [True, False]
