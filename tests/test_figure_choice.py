"""Which figure of a finding leads: the unit a question asks in, and "since YEAR"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.engine.query import read_query
from bot.knowledge import load_knowledge

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"


@pytest.fixture(scope="module")
def smartphones() -> Engine:
    """54 million users and 78% of people 14 and over: a count and a share."""
    return Engine(load_knowledge(SURVEYS / "bitkom-smartphone-nutzung-2017"), EngineConfig())


@pytest.fixture(scope="module")
def fm() -> Engine:
    """Support for raising the minimum wage (shares) and the wage itself (dollars)."""
    return Engine(load_knowledge(SURVEYS / "fm-poll-2019"), EngineConfig())


@pytest.mark.parametrize(
    ("text", "lang", "unit"),
    [
        ("what share of people use a smartphone?", "en", "percent"),
        ("wieviel prozent nutzen ein smartphone", "de", "percent"),
        ("how many dollars is the minimum wage?", "en", "currency"),
        ("wie viel euro kostet das", "de", "currency"),
        # An amount beside a number is stated, not asked for.
        ("how many voters back a $12 minimum wage", "en", None),
        ("wie viele wollen einen mindestlohn von 12 dollar", "de", None),
    ],
)
def test_the_unit_a_question_asks_in(text: str, lang: str, unit: str | None) -> None:
    assert read_query(text, lambda folded, raw: lang).unit == unit  # type: ignore[arg-type,return-value]


def test_a_share_question_leads_with_the_share_not_the_count(smartphones: Engine) -> None:
    reply, _ = smartphones.reply("wieviel prozent nutzen ein smartphone?")
    assert reply.headline.startswith("78 %")


def test_a_money_question_is_no_population_outside_the_survey(fm: Engine) -> None:
    """ "How many dollars" counts an amount the finding has; it was declined as if
    dollars were people the survey did not ask."""
    reply, _ = fm.reply("how many dollars is the minimum wage in pennsylvania now?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("$7.25")


def test_a_stated_amount_does_not_make_a_money_question(fm: Engine) -> None:
    reply, _ = fm.reply("how many voters strongly support raising the minimum wage to $12?")
    assert reply.kind is ReplyKind.ANSWER and not reply.headline.startswith("$")


def test_since_a_year_asks_for_the_change_and_now_leads(smartphones: Engine) -> None:
    query = read_query("how has smartphone use developed since 2015?", lambda f, r: "en")
    assert query.change
    reply, _ = smartphones.reply("what share use a smartphone, and how has that grown since 2015?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("78%")


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("is it true that 3 out of 4 germans use a smartphone?", "en", 75.0),
        ("is it true that 1 in 4 go abroad in winter?", "en", 25.0),
        ("stimmt es, dass 9 von 10 deutschen ein smartphone nutzen?", "de", 90.0),
    ],
)
def test_a_ratio_in_a_claim_is_a_stated_share(text: str, lang: str, value: float) -> None:
    query = read_query(text, lambda folded, raw: lang)  # type: ignore[arg-type,return-value]
    assert query.stated is not None and query.stated.value == pytest.approx(value)
    assert query.numbers == ()  # its numbers narrow nothing


def test_a_stated_ratio_is_judged_against_the_share(smartphones: Engine) -> None:
    reply, _ = smartphones.reply("stimmt es, dass 9 von 10 deutschen ein smartphone nutzen?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("Nein – 78 %")


@pytest.mark.parametrize(
    ("survey", "question", "lead", "other"),
    [
        # Groups named by every word of their names, though "women" is also a word of
        # "women aged 55 and over".
        ("destatis-internet-2007", "do more women or men use the internet?", "73%", "63%"),
        # A German comparative by its ending.
        (
            "pew-israel-2025",
            "Wer ist kritischer gegenüber Israel: Demokraten oder Republikaner?",
            "69 %",
            "37 %",
        ),
        # Groups with figures of two years are named once, not lost as "no one's own".
        (
            "allensbach-kartenzahlung-2017",
            "wer zahlt öfter lieber mit karte, die 16-29 jährigen oder die 30-44 jährigen?",
            "51 %",
            "38 %",
        ),
    ],
)
def test_a_comparison_is_answered_with_both_figures(
    survey: str, question: str, lead: str, other: str
) -> None:
    engine = Engine(load_knowledge(SURVEYS / survey), EngineConfig())
    reply, _ = engine.reply(question)
    assert reply.kind is ReplyKind.ANSWER
    assert reply.headline.startswith(lead) and other in reply.headline


def test_the_other_side_of_than_names_no_figure() -> None:
    """ "eher begeistert als besorgt": the excited share, not the concerned one."""
    engine = Engine(load_knowledge(SURVEYS / "pew-ai-attitudes-2023"), EngineConfig())
    query = read_query("are more excited than concerned?", lambda f, r: "en")
    assert query.other_side >= {"concerned"}
    reply, _ = engine.reply("anteil der 18-29 jährigen, die eher begeistert als besorgt sind?")
    assert reply.headline.startswith("17 %")
