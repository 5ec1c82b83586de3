"""A survey deployed with others answers as it does alone (issue 20: each survey is
measured alone and loaded with the bundled survey and two others). Each test is a class
of question that was answered alone and lost once other surveys were loaded."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.engine.types import ConversationState
from bot.knowledge import load_knowledge

ROOT = Path(__file__).parent.parent
SURVEYS = ROOT / "tests" / "fixtures" / "surveys"


@cache
def team(*names: str) -> Engine:
    paths = [ROOT / "knowledge" if name == "bundled" else SURVEYS / name for name in names]
    return Engine(load_knowledge(paths), EngineConfig())


@pytest.mark.parametrize(
    "surveys", [("fm-poll-2019",), ("fm-poll-2019", "bundled", "destatis-internet-2007")]
)
@pytest.mark.parametrize(
    "question",
    [
        "how many people said theyre better off financially than a year ago",
        "how many ppl in PA are better off financially than last yr",
    ],
)
def test_people_are_whoever_a_survey_of_persons_asked_with_a_survey_of_companies_loaded(
    surveys: tuple[str, ...], question: str
) -> None:
    """ "people" names no group in a survey of voters, whatever else is loaded: with
    the bundled survey of companies beside it, the voters' figure was refused as "the
    survey covers registered voters in Pennsylvania, not people"."""
    reply, _ = team(*surveys).reply(question)
    assert reply.kind is ReplyKind.ANSWER, reply.headline
    assert reply.headline.startswith("32%")


def test_a_survey_of_companies_still_counts_no_people_with_surveys_of_persons_loaded() -> None:
    """Judged per survey: the companies' figure is no answer to "how many people ...",
    whoever else the deployment counts."""
    reply, _ = team("bundled", "fm-poll-2019", "destatis-internet-2007").reply(
        "how many people have a social media team?"
    )
    assert reply.kind is not ReplyKind.ANSWER


@pytest.mark.parametrize("surveys", [("fm-poll-2019",), ("fm-poll-2019", "bundled")])
def test_a_german_noun_of_the_texts_is_no_noun_of_an_english_question(
    surveys: tuple[str, ...],
) -> None:
    """The bundled survey's German texts write "Support": "how many support legalizing
    marijuana?" was read as counting supports, and refused once it was loaded."""
    reply, _ = team(*surveys).reply("how many support legalizing marijuana?")
    assert reply.kind is ReplyKind.ANSWER, reply.headline
    assert reply.headline.startswith("59%")


def test_a_publisher_named_picks_its_survey_among_two_on_one_topic() -> None:
    """ "laut bidt" with two home office surveys loaded: bidt's finding (the ECB's
    breakdown was given)."""
    reply, _ = team("bidt-homeoffice", "bundled", "ecb-homeoffice-2025").reply(
        "Wie viele arbeiten laut bidt noch im Homeoffice?"
    )
    assert reply.kind is ReplyKind.ANSWER, reply.headline
    assert reply.headline.startswith("Nur noch 39 %")


def test_a_common_word_of_a_publishers_name_names_no_survey() -> None:
    """ "the teachers' union VBE" is a publisher: "Union" in a question about the
    CDU/CSU's voters must not send it to the teachers' survey."""
    alone, _ = team("ipsos-wehrpflicht-2023").reply(
        "wehrpflicht nur für männer bei den union anhängern wieviel?"
    )
    together, _ = team("ipsos-wehrpflicht-2023", "bundled", "vbe-gewalt-lehrkraefte-2020").reply(
        "wehrpflicht nur für männer bei den union anhängern wieviel?"
    )
    assert together.finding == alone.finding is not None


@pytest.mark.parametrize(
    ("surveys", "question", "opens"),
    [
        (
            ("fm-poll-2019", "bundled", "ipsos-happiness-2011"),
            "whats the current minimum wage in PA",
            "$7.25",
        ),
        (
            ("ons-sexual-identity-2016", "bundled", "ipsos-happiness-2011"),
            "whats the share among men?",
            "2.3%",
        ),
    ],
)
def test_a_stop_word_of_a_publishers_name_names_no_survey(
    surveys: tuple[str, ...], question: str, opens: str
) -> None:
    """A publisher "What Makes You Happy" read as German kept "what" as a name, so
    "whats ..." (the form "what") went to that survey (a review found it)."""
    reply, _ = team(*surveys).reply(question)
    assert reply.headline.startswith(opens), reply.headline


def test_a_worker_noun_is_whoever_a_survey_asked_unless_its_own_findings_write_it() -> None:
    """ "employees" in a survey of employed people is them, though another loaded
    survey's findings write "employees" (it was refused as "covers employed people in
    Germany, not employees" beside the other survey)."""
    reply, _ = team("bidt-homeoffice", "ecb-homeoffice-2025").reply(
        "how many employees work from home at least occasionally?"
    )
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("Only 39%")


def test_a_follow_up_naming_only_a_group_stays_in_its_survey() -> None:
    """ "what about women?" after the scam victims' figure (no figure by sex) got the
    sleep survey's women; now it is declined, as with the scam survey alone."""
    engine = team("gallup-scams-2023", "bundled", "gallup-sleep-2024")
    state = ConversationState()
    _, state = engine.reply("how many households had a scam victim?", state)
    assert state.finding is not None
    reply, _ = engine.reply("what about women?", state)
    assert reply.kind is not ReplyKind.ANSWER, reply.headline


def test_a_place_in_a_publishers_name_is_still_a_place() -> None:
    """A publisher read word by word made "Rheinland" and "Pfalz" words that name a
    survey, dropped from every question (a review found it): the place stays one."""
    reply, _ = team(
        "dia-sparverhalten-2014",
        "bundled",
        "fortune-online-dating-2016",
        "forsa-wechselbereitschaft-2024",
    ).reply("Wie viele Menschen in Rheinland-Pfalz sparen?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("68 %")


def test_an_ordinary_word_of_a_publishers_name_names_no_survey() -> None:
    """ "gesundheitliche" of "Bundeszentrale für gesundheitliche Aufklärung" is no
    name: a question about sleep problems was kept to the organ donation survey and
    declined (a review found it); it is answered from the sleep survey, as before."""
    engine = team("yougov-schlaf-2022", "bundled", "bzga-organspende-2021")
    reply, _ = engine.reply("Wie viele Deutsche haben gesundheitliche Probleme mit dem Schlaf?")
    assert reply.kind is ReplyKind.ANSWER and reply.finding is not None, reply.headline
    assert engine.kb.survey_of[reply.finding] == "yougov-schlaf-2022"


def test_a_phrase_of_the_language_names_no_survey() -> None:
    """ "steckt hinter" is the language's way to ask who ran a survey, though only the
    bundled survey's findings write it: with several loaded, the bot asks which."""
    reply, _ = team("bidt-homeoffice", "bundled", "ecb-homeoffice-2025", "fm-poll-2019").reply(
        "Welches Institut steckt hinter der Umfrage?"
    )
    assert reply.kind is ReplyKind.CLARIFY
