"""Whom a survey counts: "how many X" is declined only when X is no one the survey or
the finding counts, and the words people use for them count too."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.knowledge import load_knowledge

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"


@pytest.fixture(scope="module")
def climate() -> Engine:
    """Adults in the United States, sorted into believers, a middle and skeptics."""
    return Engine(load_knowledge(SURVEYS / "gallup-global-warming-2017"), EngineConfig())


def test_whom_a_figure_measures_is_counted(climate: Engine) -> None:
    reply, _ = climate.reply("wie viele skeptiker gibt es?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("19")


def test_a_compound_is_counted_by_its_last_part(climate: Engine) -> None:
    reply, _ = climate.reply("wie viele klimaskeptiker gibts in den usa laut der umfrage?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("19")


def test_points_are_counted_where_shares_of_several_years_are(climate: Engine) -> None:
    reply, _ = climate.reply("by how many points has the concerned believer group grown?")
    assert reply.kind is ReplyKind.ANSWER


def test_the_people_of_the_surveyed_place_are_its_population(climate: Engine) -> None:
    reply, _ = climate.reply("how many americans are cool skeptics?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("19")


def test_people_the_survey_does_not_count_are_still_declined(climate: Engine) -> None:
    reply, _ = climate.reply("how many farmers are cool skeptics?")
    assert reply.kind is ReplyKind.NO_MATCH


@pytest.fixture(scope="module")
def sleep() -> Engine:
    """Adults in the United States, by age and sex."""
    return Engine(load_knowledge(SURVEYS / "gallup-sleep-2024"), EngineConfig())


def test_a_place_other_than_the_surveys_is_declined(sleep: Engine) -> None:
    """ "in the UK" of a survey of U.S. adults was answered with the Americans' figure;
    "tell us" is no place (only "US" in capitals is). The reply quotes the place as
    written."""
    uk, _ = sleep.reply("how many people in the UK get enough sleep?")
    assert uk.kind is not ReplyKind.ANSWER and "UK" in uk.headline
    us, _ = sleep.reply("can you tell us how many adults get enough sleep?")
    assert us.kind is ReplyKind.ANSWER


def test_a_place_in_a_group_of_the_survey_is_its_own(tmp_path: Path) -> None:
    """ "New England" is a region of a survey of U.S. adults, not England: it was
    declined as a place the survey did not ask in."""
    source = next((SURVEYS / "gallup-sleep-2024").glob("*.yaml"))
    text = source.read_text(encoding="utf-8").replace(
        "en: seniors (65 and older)", "en: seniors in New England (65 and older)"
    )
    (tmp_path / source.name).write_text(text, encoding="utf-8")
    engine = Engine(load_knowledge(tmp_path), EngineConfig())
    reply, _ = engine.reply("how many adults in New England get enough sleep?")
    assert reply.kind is ReplyKind.ANSWER and "New England" in reply.headline
