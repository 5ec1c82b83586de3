"""Ages as people write them find the subgroup of those ages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.engine.ages import age_ranges
from bot.knowledge import load_knowledge

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"


@pytest.mark.parametrize(
    ("text", "lang", "ranges"),
    [
        ("18-29 jährigen", "de", [(18, 29)]),
        ("55+", "en", [(55, 120)]),
        ("older people (over 54)", "en", [(55, 120)]),
        ("ab 65 Jahren", "de", [(65, 120)]),
        ("under-30s", "en", [(0, 29)]),
        ("people in their 30s and 40s", "en", [(30, 39), (40, 49)]),
        ("seniors", "en", [(65, 120)]),
        ("Leute in den 30ern", "de", [(30, 39)]),
        ("in 2019, how many", "en", []),  # a year is no age
    ],
)
def test_ages_as_written(text: str, lang: str, ranges: list[tuple[int, int]]) -> None:
    assert age_ranges(text, lang) == ranges  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def internet() -> Engine:
    """Groups "older people (over 54)" and "women aged 55 and over"."""
    return Engine(load_knowledge(SURVEYS / "destatis-internet-2007"), EngineConfig())


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("internet use among the 55+?", "33%"),  # the group that is only those ages
        ("wie viel prozent der älteren menschen über 54 gehen ins internet", "33 %"),
        ("how many women aged 55 and over use the internet?", "25%"),  # words name it
    ],
)
def test_ages_find_their_group(internet: Engine, question: str, lead: str) -> None:
    reply, _ = internet.reply(question)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead)


def test_ages_no_group_has_are_not_another_groups(internet: Engine) -> None:
    """ "over 75" is not "over 54": that figure is not theirs."""
    reply, _ = internet.reply("wie viele menschen über 75 nutzen das internet?")
    assert not reply.headline.startswith("33")


def test_the_populations_own_ages_name_no_group() -> None:
    """A survey of people 14 and over: "ab 14 Jahren" is everyone, not the youngest."""
    engine = Engine(load_knowledge(SURVEYS / "bitkom-smartphone-nutzung-2017"), EngineConfig())
    reply, _ = engine.reply("wieviel prozent der deutschen ab 14 jahren nutzen ein smartphone?")
    assert reply.headline.startswith("78 %")


def test_an_age_range_picks_its_age_group() -> None:
    engine = Engine(load_knowledge(SURVEYS / "bitkom-smartphone-nutzung-2017"), EngineConfig())
    reply, _ = engine.reply("wie viele 50-64-jährige haben ein smartphone?")
    assert reply.headline.startswith("85 %")
