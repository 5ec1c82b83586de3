"""Classes of misses found on ten surveys the engine had never seen (issue 20, round 2),
each kept fixed. The surveys' knowledge bases were written by maintainers from the README
alone; the questions are of the kind their blind sets asked."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.engine.types import ConversationState

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"


@cache
def engine_of(name: str) -> Engine:
    from bot.knowledge import load_knowledge

    return Engine(load_knowledge(SURVEYS / name), EngineConfig())


def ask(name: str, *questions: str) -> list[str]:
    engine = engine_of(name)
    state = ConversationState()
    headlines = []
    for question in questions:
        reply, state = engine.reply(question, state)
        headlines.append(reply.headline)
    return headlines


def test_people_asked_of_a_survey_of_adults_is_its_sample_size() -> None:
    """ "how many people did they ask?" where the survey counts "adults": "people" is
    whoever was asked, so the survey's card answers (it was declined)."""
    reply, _ = engine_of("ipsos-happiness-2011").reply("how many people did they ask?")
    assert reply.kind is ReplyKind.SURVEY
    assert "19,000" in reply.headline


def test_ages_find_the_finding_with_a_group_of_those_ages() -> None:
    """The search reads no numbers: "over 65s" found the finding of everyone first, and
    was declined for a number it never uses. A finding with a group of those ages is
    the one meant."""
    (headline,) = ask("ons-sexual-identity-2016", "what % of over 65s are lgb")
    assert headline.startswith("0.7%")


def test_a_follow_up_naming_ages_picks_that_group() -> None:
    """ "and over 65s?" after the young's figure names the over-65s' figure, as "and
    women?" names the women's."""
    _, older = ask("ons-sexual-identity-2016", "how many young ppl 16-24 are lgb?", "and over 65s?")
    assert older.startswith("0.7%")


def test_the_year_a_conversation_was_about_yields_to_the_group_asked() -> None:
    """After "and the year before?" (2015), "and over 65s?" asks for the over-65s,
    whose only figure is of 2016: that figure, not "no figure for 2015"."""
    *_, older = ask(
        "ons-sexual-identity-2016",
        "how many young ppl 16-24 are lgb?",
        "and the year before?",
        "and over 65s?",
    )
    assert older.startswith("0.7%")
