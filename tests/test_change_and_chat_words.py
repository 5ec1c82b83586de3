"""Questions about a change in the words people use ("did it rise?"), chat
abbreviations, and the words that say an age ("30-49 yr olds")."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.engine.periods import read_change
from bot.knowledge import load_knowledge

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("how much did smartphone use grow since 2015", True),
        ("did internet use rise", True),
        ("ist kartenzahlung beliebter geworden", True),
        # The nouns of the same verbs are topics.
        ("did people support the increase", False),
        ("has climate change become more important", False),
        ("do people fear climate change", False),
    ],
)
def test_a_change_verb_asks_for_a_change_only_after_an_auxiliary(text: str, change: bool) -> None:
    assert read_change(text.split())[0] is change


@pytest.fixture(scope="module")
def sleep() -> Engine:
    return Engine(load_knowledge(SURVEYS / "gallup-sleep-2024"), EngineConfig())


def test_words_of_an_age_beside_one_are_no_topic(sleep: Engine) -> None:
    """ "olds" was quoted back as a word the surveys do not mention."""
    reply, _ = sleep.reply(
        "is it true that 30-49 yr olds were at 46% getting enough sleep in 2013?"
    )
    assert reply.kind is ReplyKind.ANSWER and "46%" in reply.headline


def test_a_group_with_figures_of_two_years_is_named(sleep: Engine) -> None:
    """Seniors have a figure for 2013 and for 2023: counted as two figures, no group was
    named, and the young adults' stated change answered a question about seniors."""
    reply, _ = sleep.reply(
        "how much did the share of seniors getting enough sleep drop since 2013?"
    )
    assert "seniors" in reply.headline and "Young" not in reply.headline


def test_chat_abbreviations_are_read_as_what_they_stand_for() -> None:
    holidays = Engine(load_knowledge(SURVEYS / "abta-holiday-habits-2023"), EngineConfig())
    reply, _ = holidays.reply("avg overseas holidays per person?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("1.4")


def test_a_finding_that_measures_a_rise_is_no_question_of_change() -> None:
    """ "how many say their costs rose compared with the month before?" asks for the
    share who say so, a figure of one year: it was answered "no change can be read"."""
    ons = Engine(load_knowledge(SURVEYS / "ons-cost-of-living-2022"), EngineConfig())
    reply, _ = ons.reply(
        "wieviele sagen ihre lebenshaltungskosten sind im vgl. zum vormonat gestiegen?"
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("74 %")


def test_one_year_ago_is_the_year_before() -> None:
    """The survey has 2023 and 2021: "one year ago" is 2022, which it lacks."""
    bidt = Engine(load_knowledge(SURVEYS / "bidt-homeoffice"), EngineConfig())
    reply, _ = bidt.reply("what was the wfh share one year ago?")
    assert reply.kind is ReplyKind.MISSING_PERIOD and "2022" in reply.headline


def test_a_year_after_als_is_the_findings_year() -> None:
    """ "weniger als 2021": after "als" a number reads as an amount; a year the finding
    has figures for is still that year, not a number no finding uses."""
    bidt = Engine(load_knowledge(SURVEYS / "bidt-homeoffice"), EngineConfig())
    reply, _ = bidt.reply("arbeiten heute weniger leute im homeoffice als 2021?")
    assert reply.kind is ReplyKind.ANSWER


@pytest.mark.parametrize(
    ("value", "lang", "written"),
    [
        (54_000_000, "en", "54 million"),
        (10_100_000, "de", "10,1 Millionen"),
        (1_000_000, "de", "1 Million"),
        (1_103, "en", "1,103"),
        (12_345_678, "en", "12,345,678"),
    ],
)
def test_a_large_count_is_written_with_its_scale_word(value: int, lang: str, written: str) -> None:
    """ "10,100,000 dogs" where the source says 10.1 million: whole millions and tenths
    of them are written as sources write them; other counts with every digit."""
    from bot.knowledge.schema import Figure, Texts
    from bot.languages.formats import format_figure

    figure = Figure(value=value, unit="count", measures=Texts(en="x", de="x"))
    assert format_figure(figure, lang).startswith(written)  # type: ignore[arg-type]


def test_a_count_of_those_who_did_something_keeps_its_verb() -> None:
    """ "how many fell ill" asks no change, and "fell" is what it counts: it was dropped
    from the words searched for (the review's repro: "how many changed their mind")."""
    found, rest = read_change("how many fell ill".split(), "en", "how many fell ill")
    assert not found and "fell" in rest
    # A later "by how many points" still asks the size of a change.
    text = "how many people say it rose and by how many points did it rise"
    assert read_change(text.split(), "en", text)[0]


def test_at_the_time_of_the_survey_is_no_earlier_round() -> None:
    from bot.engine.periods import read_period

    period, _ = read_period("how many supported it at the time of the survey".split())
    assert period is None


def test_back_then_without_an_earlier_round_is_the_surveys_year() -> None:
    """ "back then" of a finding with figures of one year named a year nobody asked
    for ("no figure for 2018")."""
    from bot.engine.periods import PeriodRequest

    assert PeriodRequest(earlier=True).resolve(2019, frozenset({2019})) == 2019
    assert PeriodRequest(earlier=True).resolve(2019, frozenset({2019, 2006})) == 2006
