"""Everyday chat: small talk in combinations ("great, thank you, ciao", "alles klar,
danke, bis dann") is small talk; questions about the bot itself ("what can you tell me
about?", "worüber kann ich dich fragen?") get the help with the topics and examples,
never a refusal; and ordinary survey questions ("what do people know about ...") are
never taken for either."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.engine.about_bot import AboutBot, about_bot
from bot.engine.cues import Cue, read_cue
from bot.engine.phrases import phrase
from bot.engine.text import words
from bot.knowledge import load_knowledge

ROOT = Path(__file__).parent.parent
SURVEYS = ROOT / "tests" / "fixtures" / "surveys"
EVAL = ROOT / "tests" / "eval"


@pytest.fixture(scope="module")
def team() -> Engine:
    """Four surveys of different kinds, in both languages."""
    kb = load_knowledge(
        [
            ROOT / "knowledge",
            SURVEYS / "gallup-sleep-2024",
            SURVEYS / "bitkom-smartphone-nutzung-2017",
            SURVEYS / "destatis-rauchen-2003",
        ]
    )
    return Engine(kb, EngineConfig(semantic="off"))


# Written for this test, not taken from any knowledge base or eval set: the ways people
# ask a bot what it knows.
ABOUT_THE_BOT_EN = [
    "what can you tell me about?",
    "what do you know",
    "what do you know about?",
    "which surveys do you have",
    "what topics do you cover",
    "what can I ask you?",
    "what can i ask",
    "what kind of questions can I ask?",
    "what are you able to answer",
    "what questions can you answer?",
    "what do you cover?",
    "which topics?",
    "what topics are there?",
    "what surveys do you know?",
    "what data do you have?",
    "what info do you have",
    "tell me what you know",
    "what are you about?",
    "what can you do?",
    "what sort of things can you tell me?",
    "so what do you actually know?",
    "which subjects can I ask about?",
    "what can I ask about?",
    "what are your topics",
    "list your topics",
    "show me your topics",
    "what kind of data do you have",
    "what can you help me with?",
    "how can you help me?",
    "what do you have data on?",
    "which studies do you know",
    "hey, what do you know?",
    "ok so what can you tell me",
    "what are the topics?",
    "what surveys are there?",
    "what can u tell me about",
]
ABOUT_THE_BOT_DE = [
    "was weißt du",
    "worüber kann ich dich fragen",
    "was kann ich dich fragen?",
    "was kann ich fragen",
    "welche Themen kennst du?",
    "welche Umfragen hast du?",
    "was kannst du mir sagen?",
    "worüber weißt du Bescheid?",
    "was weißt du alles?",
    "zu welchen Themen kann ich Fragen stellen?",
    "welche Themen gibt es?",
    "welche Daten hast du?",
    "was für Fragen kann ich stellen?",
    "was kannst du?",
    "wobei kannst du mir helfen?",
    "was kannst du mir erzählen?",
    "welche Umfragen kennst du?",
    "welche Studien kennst du?",
    "was sind deine Themen?",
    "zeig mir deine Themen",
    "was weißt du eigentlich?",
    "worüber kann ich Sie fragen?",
    "was wissen Sie?",
    "welche Themen deckst du ab?",
    "was für Daten hast du?",
    "welche Informationen hast du?",
    "wozu kann ich dich etwas fragen?",
    "was kann man dich fragen?",
    "hallo, was weißt du so?",
    "wozu hast du Daten?",
    "was für Umfragen gibt es?",
    "welche Fragen kannst du beantworten?",
    "was beantwortest du?",
]
SMALL_TALK = [
    "great, thank you, ciao",
    "ok cheers",
    "super, vielen Dank, ciao",
    "thx bye",
    "danke dir, tschüss",
    "alles klar, danke, bis dann",
    "ok thanks, see you",
    "perfect, thanks, bye bye",
    "thanks a lot, have a nice day",
    "cool thx, cya",
    "alright, thank you, goodbye",
    "got it, thanks!",
    "okay, danke schön, tschüss",
    "prima, danke, bis bald",
    "super, danke, schönen Tag noch",
    "danke, bis später",
    "vielen Dank und tschüss",
    "alles klar, danke",
    "ok danke, ciao",
    "passt, danke!",
    "thanks, take care",
    "great thanks, that's all I needed",
    "merci, ciao",
    "top, danke dir",
]


def test_there_are_many_wordings_per_language() -> None:
    assert len(ABOUT_THE_BOT_EN) >= 30 and len(ABOUT_THE_BOT_DE) >= 30


@pytest.mark.parametrize("question", ABOUT_THE_BOT_EN + ABOUT_THE_BOT_DE)
def test_a_question_about_the_bot_gets_the_topics_and_examples(team: Engine, question: str) -> None:
    reply, _ = team.reply(question)
    assert reply.kind is ReplyKind.SMALLTALK, reply.headline
    intro = phrase("topics_intro", reply.lang)
    assert any(d.startswith(intro) for d in reply.details) and reply.suggestions


@pytest.mark.parametrize(
    "question",
    ["who made you?", "wer hat dich gemacht?", "who built you", "wer hat dich entwickelt?"],
)
def test_who_made_the_bot_is_about_the_bot_not_a_survey(team: Engine, question: str) -> None:
    reply, _ = team.reply(question)
    assert reply.kind is ReplyKind.SMALLTALK and reply.survey is None


@pytest.mark.parametrize("question", SMALL_TALK)
def test_thanks_and_goodbyes_together_are_small_talk(team: Engine, question: str) -> None:
    reply, _ = team.reply(question)
    assert reply.kind is ReplyKind.SMALLTALK, reply.headline
    assert reply.headline in (phrase("thanks", reply.lang), phrase("goodbye", reply.lang))


@pytest.mark.parametrize(
    "question",
    [
        "what do people know about smartphones?",
        "how many know their sleep needs?",
        "what do you know about smoking?",
        "was weißt du über Raucher?",
        "what questions were asked?",
        "which survey?",
        "what is the survey about?",
        "welche Fragen wurden gestellt?",
        "how many surveys do you know?",
        "ok",
        "alles klar",
        "top 3 goals",
        "ok, and in 2013?",
        "thanks, but how many smoke?",
    ],
)
def test_ordinary_questions_are_no_help_nor_small_talk(question: str) -> None:
    assert about_bot(words(question)) is None
    assert read_cue(words(question)) not in (Cue.HELP, Cue.WHO, Cue.THANKS, Cue.GOODBYE)


def _questions(node: Any) -> list[tuple[str, str | None]]:
    """(question, expected kind) of every question of a blind set."""
    if isinstance(node, dict):
        if isinstance(node.get("q"), str):
            return [(node["q"], node.get("kind"))]
        return [q for value in node.values() for q in _questions(value)]
    if isinstance(node, list):
        return [q for value in node for q in _questions(value)]
    return []


def test_no_question_of_the_blind_sets_for_a_survey_is_taken_for_help() -> None:
    """The blind sets were written from articles alone: each question that expects a
    figure or a fact of a survey must reach the surveys."""
    taken = [
        question
        for path in sorted(EVAL.glob("*/blind*.yaml"))
        for question, kind in _questions(yaml.safe_load(path.read_text(encoding="utf-8")))
        if kind != "smalltalk"
        and (about_bot(words(question)) is not None or read_cue(words(question)) is Cue.HELP)
    ]
    assert taken == []


def test_the_help_lists_the_topics(team: Engine) -> None:
    helped = team.help("de")
    assert any(d.startswith(phrase("topics_intro", "de")) for d in helped.details)
    assert helped.details[-1] == phrase("for_example", "de")


def test_a_question_for_the_bot_reads_as_such() -> None:
    assert about_bot(words("wer hat dich programmiert")) is AboutBot.WHO
    assert about_bot(words("welche Themen gibt es")) is AboutBot.WHAT


@pytest.mark.parametrize(
    ("question", "survey"),
    [
        ("what is the source of the smoking survey?", "destatis-rauchen-2003"),
        ("woher stammt die Schlafumfrage?", "gallup-sleep-2024"),
        ("source of the Bitkom survey on smartphones", "bitkom-smartphone-nutzung-2017"),
        ("Quelle der Smartphone-Umfrage?", "bitkom-smartphone-nutzung-2017"),
        ("where does the sleep poll come from?", "gallup-sleep-2024"),
        ("where is the Gallup survey from?", "gallup-sleep-2024"),
    ],
)
def test_the_source_of_a_named_survey_is_its_card(team: Engine, question: str, survey: str) -> None:
    reply, _ = team.reply(question)
    assert reply.kind is ReplyKind.SOURCE and reply.survey == survey


@pytest.mark.parametrize("text", ["ok", "got it", "i see", "alles klar", "fine"])
def test_an_acknowledgement_alone_is_small_talk(text: str) -> None:
    """ "ok" alone got "I'm not sure I can answer that"."""
    from bot.config import EngineConfig
    from bot.engine import Engine, ReplyKind
    from bot.knowledge import load_knowledge

    engine = Engine(load_knowledge(Path(__file__).parent.parent / "knowledge"), EngineConfig())
    reply, _ = engine.reply(text)
    assert reply.kind is ReplyKind.SMALLTALK
