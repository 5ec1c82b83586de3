"""Answers an independent review of issue 20's change found wrong, each kept right."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, EngineConfig, load_config
from bot.engine import Engine, ReplyKind
from bot.engine.ages import age_ranges
from bot.engine.query import SurveyAspect, read_query
from bot.knowledge import load_knowledge

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"


def engine_of(name: str) -> Engine:
    return Engine(load_knowledge(SURVEYS / name), EngineConfig())


def test_an_open_age_range_is_not_every_older_group() -> None:
    """ "over 40" is no question about "over 54", though both run to the oldest."""
    reply, _ = engine_of("destatis-internet-2007").reply(
        "What share of people over 40 use the internet?"
    )
    assert not reply.headline.startswith("33")


@pytest.mark.parametrize(
    "text", ["low-income adults (under $40,000)", "how many earn over 50.000 euro", "the 1990s"]
)
def test_money_and_decades_of_years_are_no_ages(text: str) -> None:
    assert age_ranges(text, "en") == []


def test_a_share_of_several_figures_is_not_the_first_of_them() -> None:
    """ "What share support a raise?": strongly 47% and somewhat 22%; 47% alone is not
    the answer, so the finding's whole answer leads."""
    reply, _ = engine_of("fm-poll-2019").reply("what share support raising the minimum wage?")
    assert reply.headline.startswith("47% of registered voters strongly favour and 22%")


def test_a_comparison_names_only_the_other_groups_same_measure() -> None:
    reply, _ = engine_of("pew-ai-attitudes-2023").reply(
        "Who is more concerned, seniors or young adults?"
    )
    assert reply.headline.startswith("61%") and "42%" in reply.headline
    assert "17%" not in reply.headline and "4%" not in reply.headline


def test_since_a_year_the_finding_lacks_says_so() -> None:
    reply, _ = engine_of("fm-poll-2019").reply(
        "how has support for legal marijuana changed since 2010?"
    )
    assert reply.kind is ReplyKind.MISSING_PERIOD and "2010" in reply.headline


@pytest.mark.parametrize(
    ("text", "source"),
    [("source of the Gallup poll?", True), ("what is the most common source of news?", False)],
)
def test_source_asks_for_a_survey_only_with_a_survey_named(text: str, source: bool) -> None:
    query = read_query(text, lambda folded, raw: "en")
    assert (query.aspect is SurveyAspect.SOURCE) is source


def test_an_abbreviation_is_no_chat_word() -> None:
    """ "U.S." is no "you s"; a lone "u" is "you"."""
    assert "you" not in read_query("how many U.S. adults", lambda f, r: "en").words
    assert "you" in read_query("how many of u know", lambda f, r: "en").words


def test_a_learned_decision_without_a_model_for_the_channel_is_a_config_error(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("engine:\n  decision: learned\n  semantic: e5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="survey-bot train --semantic e5"):
        load_config(config)


def test_the_words_for_a_survey_and_its_respondents_are_no_topic() -> None:
    """ "according to the study", "of the respondents": where the figure comes from."""
    engine = engine_of("bidt-homeoffice")
    plain, _ = engine.reply("wie viele arbeiten gelegentlich im homeoffice?")
    framed, _ = engine.reply(
        "wie viele der befragten arbeiten laut der studie gelegentlich im homeoffice?"
    )
    assert plain.kind is ReplyKind.ANSWER and framed.kind is ReplyKind.ANSWER
    assert framed.headline == plain.headline
