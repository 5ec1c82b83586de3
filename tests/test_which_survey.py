"""Which survey a question about a survey means, with several loaded: by its title,
publisher, topics or year; "source of X?" shows that survey's card."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.knowledge import load_knowledge

ROOT = Path(__file__).parent.parent
SURVEYS = ROOT / "tests" / "fixtures" / "surveys"


@pytest.fixture(scope="module")
def team() -> Engine:
    """The bundled survey (2014), a holiday survey (2023), a sleep poll, the F&M poll (2019)."""
    kb = load_knowledge(
        [
            ROOT / "knowledge",
            SURVEYS / "abta-holiday-habits-2023",
            SURVEYS / "gallup-sleep-2024",
            SURVEYS / "fm-poll-2019",
        ]
    )
    return Engine(kb, EngineConfig(semantic="off"))


@pytest.mark.parametrize(
    ("question", "survey"),
    [
        ("who ran the 2019 poll?", "fm-poll-2019"),  # by its year
        ("when was the sleep survey done?", "gallup-sleep-2024"),  # by its topic
        ("how many people were asked in the abta survey?", "abta-holiday-habits-2023"),
        ("wer hat die Bitkom-Umfrage gemacht?", "bitkom-social-media-teams"),
    ],
)
def test_a_survey_is_named_by_title_publisher_topic_or_year(
    team: Engine, question: str, survey: str
) -> None:
    reply, _ = team.reply(question)
    assert reply.kind is ReplyKind.SURVEY and reply.survey == survey


@pytest.mark.parametrize(
    ("question", "survey"),
    [
        ("Quelle der Schlafumfrage?", "gallup-sleep-2024"),
        ("source of the Gallup poll?", "gallup-sleep-2024"),
        ("Quelle der Bitkom-Umfrage?", "bitkom-social-media-teams"),
    ],
)
def test_the_source_of_a_named_survey_is_its_card(team: Engine, question: str, survey: str) -> None:
    reply, _ = team.reply(question)
    assert reply.kind is ReplyKind.SOURCE and reply.survey == survey


def test_with_several_surveys_and_no_clue_it_asks_which(team: Engine) -> None:
    reply, _ = team.reply("how many were asked?")
    assert reply.kind is ReplyKind.CLARIFY


def test_a_figure_asked_with_when_is_about_a_finding() -> None:
    """ "when F&M first asked about marijuana, how many supported it?" got the survey's
    date: a question that asks for a figure is about a finding."""
    from pathlib import Path

    from bot.config import EngineConfig
    from bot.engine import Engine, ReplyKind
    from bot.knowledge import load_knowledge

    fm = Engine(
        load_knowledge(Path(__file__).parent / "fixtures" / "surveys" / "fm-poll-2019"),
        EngineConfig(),
    )
    reply, _ = fm.reply("when F&M first asked about marijuana, how many supported it?")
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "marijuana"
    when, _ = fm.reply("when was the F&M poll conducted?")
    assert when.kind is ReplyKind.SURVEY


@pytest.mark.parametrize(
    "question",
    [
        "who ran the poll on marijuana and the minimum wage?",
        "Wer hat die Umfrage zu Marihuana und Mindestlohn gemacht?",
    ],
)
def test_a_survey_is_named_by_what_only_its_findings_are_about(team: Engine, question: str) -> None:
    """No title or topic of the poll says "marijuana": the words only its findings write
    name it (the question was asked back, and with other surveys answered from another
    one that named "the USA")."""
    reply, _ = team.reply(question)
    assert reply.kind is ReplyKind.SURVEY and reply.survey == "fm-poll-2019"


@pytest.mark.parametrize(
    "question",
    [
        # A slip of "gemacht" was read as a finding's word: the bundled survey's
        # "Wer hat die Umfrage gemacht?" answered for every survey.
        "wer hat die umfrage gemcht?",
        # Only the bundled survey's findings write "lief", but a verb names no survey.
        "und wann lief die befragung?",
    ],
)
def test_how_a_question_about_a_survey_is_put_names_none(team: Engine, question: str) -> None:
    reply, _ = team.reply(question)
    assert reply.kind is ReplyKind.CLARIFY


@pytest.mark.parametrize(
    "question",
    ["what survey is this data from?", "wer steckt hinter den zahlen?", "Was genau wurde gefragt?"],
)
def test_a_finding_about_its_own_survey_answers_for_that_survey_only(
    team: Engine, question: str
) -> None:
    """The bundled survey has a finding about itself ("Who conducted the survey?"): with
    several surveys loaded it answered such questions for all of them ("The findings
    come from a Bitkom survey ..." of a smoking survey). Naming none, they are asked back."""
    reply, _ = team.reply(question)
    assert reply.kind is ReplyKind.CLARIFY, reply.headline


def test_a_finding_about_its_own_survey_still_answers_alone() -> None:
    engine = Engine(load_knowledge(ROOT / "knowledge"), EngineConfig(semantic="off"))
    reply, _ = engine.reply("what survey is this data from?")
    assert reply.kind is ReplyKind.ANSWER and reply.finding == "survey-about"
