"""Reading a question once: what the parsed Query says, and that reading it costs a
bounded amount of work whatever was sent."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.engine.periods import read_period
from bot.engine.query import MAX_WORDS, Extreme, SurveyAspect, bounded_words, read_query
from bot.engine.text import respell, words
from bot.knowledge.schema import Lang


def _english(_folded: Sequence[str], _raw: str) -> Lang:
    return "en"


@pytest.mark.parametrize(
    "text",
    [
        "\ufdfa" * 4096,  # one character NFKC turns into four words
        "a " * 500_000,
        "Social-Media-Team " * 1000,
    ],
)
def test_what_is_read_is_bounded_after_normalisation(text: str) -> None:
    raw, folded = bounded_words(text)
    assert len(folded) <= MAX_WORDS
    # The start of the text that is read is small, so every later pass over it is too.
    assert len(raw) <= 4096 and len(words(raw)) <= 4 * MAX_WORDS * 4


@pytest.mark.parametrize(
    ("question", "offset"),
    [
        ("how many had a team two years ago", -2),
        ("wie viele waren vor zwei Jahren im Homeoffice", -2),
        ("und vor 3 jahren?", -3),
        ("and last year?", -1),
    ],
)
def test_periods_counted_back_from_the_survey_year(question: str, offset: int) -> None:
    period, _ = read_period(words(question))
    assert period is not None and period.offset == offset


@pytest.mark.parametrize(
    ("question", "value", "relation"),
    [
        ("is it true that about 40 percent of companies have a team", 40, "about"),
        ("stimmt es, dass 55,7 % nie zu Hause arbeiten?", 55.7, "exactly"),
        ("is it true that half of companies have a team", 50, "about"),
        ("hat mehr als ein Drittel ein eigenes Team?", 33.3, "more"),
        ("stimmt es, dass jede fünfte Firma das macht?", 20, "about"),
    ],
)
def test_a_stated_figure_is_read_to_be_checked(question: str, value: float, relation: str) -> None:
    query = read_query(question, _english)
    assert query.stated is not None
    assert query.stated.value == value and query.stated.relation == relation
    # The stated number narrows nothing: it is checked, it does not find the finding.
    assert not query.numbers


@pytest.mark.parametrize(
    ("question", "extreme"),
    [
        ("what's the no. 1 goal", Extreme.HIGHEST),
        ("Was ist am seltensten?", Extreme.LOWEST),
        ("least common goal", Extreme.LOWEST),
        # A ranking adverb that ends its clause; "at least" and "most firms" do not rank.
        ("which platform do they use most, Facebook or Twitter?", Extreme.HIGHEST),
        ("which goal is named least?", Extreme.LOWEST),
        ("at least how many firms have a team?", None),
        # "more" between alternatives compares; "five days or more" bounds.
        ("which got more support, X or Y?", Extreme.HIGHEST),
        ("how many work from home five days or more a week?", None),
        ("do most firms have a team?", None),
    ],
)
def test_superlatives_over_a_breakdown(question: str, extreme: Extreme | None) -> None:
    assert read_query(question, _english).extreme is extreme


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("how many people were asked?", SurveyAspect.SAMPLE),
        ("Wie viele Leute wurden befragt?", SurveyAspect.SAMPLE),
        ("who was surveyed in the poll?", SurveyAspect.POPULATION),
        ("Wer hat die Umfrage gemacht?", SurveyAspect.PUBLISHER),
        ("who conducted the survey?", SurveyAspect.PUBLISHER),
        ("when was the survey done?", SurveyAspect.WHEN),
        ("Aus welchem Monat stammt die Umfrage?", SurveyAspect.WHEN),
        # The asking verb after its subject, and "when" with who was asked.
        ("so how many did they interview?", SurveyAspect.SAMPLE),
        ("wann wurden die Leute befragt?", SurveyAspect.WHEN),
        ("may I ask how many firms have a team?", None),
        ("who were the respondents?", SurveyAspect.POPULATION),
        ("what was the sample size of the study?", SurveyAspect.SAMPLE),
        ("von wann ist die Meldung?", SurveyAspect.WHEN),
        ("how many companies have a social media team", None),
        ("who is responsible for social media", None),
    ],
)
def test_questions_about_the_survey_itself(question: str, aspect: SurveyAspect | None) -> None:
    assert read_query(question, _english).aspect is aspect


def test_the_preamble_is_told_from_the_question() -> None:
    query = read_query(
        "I'm writing a thesis on tech firms, could you tell me how many have a team?", _english
    )
    assert "thesis" in query.light and "team" not in query.light


@pytest.mark.parametrize(
    "question",
    [
        "how many companies with more than 50 percent growth have a team?",
        "what do one in five companies see in social media?",
    ],
)
def test_a_share_outside_a_claim_is_no_figure_to_check(question: str) -> None:
    assert read_query(question, _english).stated is None


def test_a_majority_is_more_than_half() -> None:
    stated = read_query("is it true that a majority support it?", _english).stated
    assert stated is not None and stated.value == 50 and stated.relation == "more"


def test_a_superlative_that_narrows_who_is_counted_is_none() -> None:
    assert read_query("how many of the largest companies have a team?", _english).extreme is None


@pytest.mark.parametrize(
    ("question", "comparatives"),
    [
        ("war der Anteil früher höher als heute?", {"hoher"}),
        ("how many smaller companies have a team?", set()),
    ],
)
def test_a_comparative_is_how_a_question_is_put_unless_it_narrows_a_noun(
    question: str, comparatives: set[str]
) -> None:
    assert read_query(question, _english).comparative_words == comparatives


@pytest.mark.parametrize(
    ("text", "ranked", "adjective"),
    [
        ("which region is loneliest?", True, "lonely"),
        ("who is happiest", True, "happy"),
        # A superlative of time says when, not how much.
        ("which is the latest survey?", False, None),
        # Not a question of which: no ranking.
        ("the loneliest people", False, None),
    ],
)
def test_a_superlative_ending_ranks_by_its_adjective(
    text: str, ranked: bool, adjective: str | None
) -> None:
    """ "loneliest" was no "most lonely": the figures were not ranked."""
    query = read_query(text, lambda folded, raw: "en")
    assert (query.extreme is Extreme.HIGHEST) is ranked
    if adjective:
        assert adjective in query.content


def test_respelling_changes_only_the_words_read_otherwise() -> None:
    assert respell("Wieviel Firmen haben ein Socail-Media-Team?", {"socail": "social"}) == (
        "Wieviel Firmen haben ein social-Media-Team?"
    )
    assert respell("Größe?", {"grosse": "grosse"}) == "grosse?"  # folded keys match
    assert respell("nothing to fix", {}) == "nothing to fix"
