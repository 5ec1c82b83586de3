"""A figure's own question variants (`questions` under a figure): people ask for one
figure of a breakdown or of a subgroup in words its `measures` does not use ("fully
remote" for "five or more days a week"), and a maintainer can write those words down."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.engine.confusion import confusions
from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.schema import Figure

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"
ECB = SURVEYS / "ecb-homeoffice-2025" / "ecb-homeoffice-2025.yaml"

FIVE_DAYS = """          de: Beschäftigte fünf oder mehr Tage pro Woche im Homeoffice
        period: 2025
"""


def _ecb_with(tmp_path: Path, questions: str) -> Engine:
    """The ECB breakdown of home-office days, its five-days figure given `questions`."""
    text = ECB.read_text(encoding="utf-8")
    assert FIVE_DAYS in text
    (tmp_path / ECB.name).write_text(
        text.replace(FIVE_DAYS, FIVE_DAYS + questions), encoding="utf-8"
    )
    return Engine(load_knowledge(tmp_path), EngineConfig())


FULLY_REMOTE = """        questions:
          en: [who is fully remote?]
          de: [wer arbeitet ausschließlich daheim?]
"""


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("what share of staff are fully remote?", "10.6%"),
        ("wie viele arbeiten ausschließlich daheim?", "10,6 %"),
        # The other figures are still picked by their own words.
        ("how many never work from home?", "55.7%"),
    ],
)
def test_a_figures_own_question_words_pick_it(tmp_path: Path, text: str, lead: str) -> None:
    reply, _ = _ecb_with(tmp_path, FULLY_REMOTE).reply(text)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


def test_without_them_the_paraphrase_does_not_lead_with_the_figure() -> None:
    """What the figure questions add: the words "fully remote" are no word of the
    knowledge base without them."""
    reply, _ = Engine(load_knowledge(ECB.parent), EngineConfig()).reply(
        "what share of staff are fully remote?"
    )
    assert not reply.headline.startswith("10.6%"), reply.headline


def test_a_figure_question_asked_as_written_leads_with_its_figure(tmp_path: Path) -> None:
    """Declared, not guessed: its words are shared with a sibling's measures here
    ("Homeoffice"), yet the maintainer wrote it for this figure."""
    engine = _ecb_with(tmp_path, "        questions:\n          de: [Wer ist im Homeoffice?]\n")
    reply, _ = engine.reply("Wer ist im Homeoffice?")
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith("10,6 %"), reply.headline


def test_a_word_for_anyone_in_a_figure_question_picks_no_figure(tmp_path: Path) -> None:
    """ "how many people are hybrid?": "people" of the five-days figure's question is no
    word of that figure, the hybrid one's own word decides."""
    engine = _ecb_with(
        tmp_path, "        questions:\n          en: [how many people are fully remote?]\n"
    )
    reply, _ = engine.reply("how many people work hybrid?")
    assert reply.headline.startswith("21.9%"), reply.headline


SWITCHING = """survey:
  id: job-change
  title: {en: Job change survey, de: Umfrage zum Jobwechsel}
  publisher: Example Institute
  year: 2024
  population: {en: employees in Germany, de: Beschäftigte in Deutschland}
  source: {title: "Job change 2024", language: en}
topics:
  jobs: {en: Changing jobs, de: Jobwechsel}
findings:
  - id: willing-to-switch
    topic: jobs
    questions:
      en:
        - How many employees would switch jobs?
        - How many are open to a new job?
    answer:
      en: 37% of employees are willing to change jobs; of those under 30, 49%.
      de: 37 % der Beschäftigten sind wechselbereit, von den unter 30-Jährigen 49 %.
    figures:
      - value: 37
        measures: {en: employees willing to change jobs, de: wechselbereite Beschäftigte}
      - value: 49
        measures: {en: willing to change jobs, de: wechselbereit}
        group:
          name: {en: under-30s, de: unter 30-Jährige}
          by: {en: age, de: Alter}
        questions:
          en: [how many young workers would switch?]
"""


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # "switching" is the finding's word for all of it, not the young's own.
        ("what share of employees are open to switching jobs?", "37%"),
        ("how many young employees are switching jobs?", "49%"),
    ],
)
def test_a_word_the_findings_own_questions_use_is_no_figures_own(
    tmp_path: Path, text: str, lead: str
) -> None:
    (tmp_path / "jobs.yaml").write_text(SWITCHING, encoding="utf-8")
    reply, _ = Engine(load_knowledge(tmp_path), EngineConfig()).reply(text)
    assert reply.kind is ReplyKind.ANSWER and reply.headline.startswith(lead), reply.headline


def test_figure_questions_find_their_finding(tmp_path: Path) -> None:
    """They are questions the finding answers: retrieval reads them as its own."""
    engine = _ecb_with(tmp_path, FULLY_REMOTE)
    assert "who is fully remote?" in engine.kb.findings["homeoffice-days"].wordings("en")
    reply, _ = engine.reply("is anyone fully remote these days?")
    assert reply.finding == "homeoffice-days"


def test_check_warns_when_a_figure_question_leads_with_another_figure(tmp_path: Path) -> None:
    """ "one day" is the own words of the one-day figure: written for the five-days
    figure, another person's wording of it leads with the wrong one."""
    engine = _ecb_with(
        tmp_path, "        questions:\n          en: [how many work from home for one day?]\n"
    )
    found = confusions(Engine(engine.kb, EngineConfig(), declared_wording=False))
    assert any("led by another figure than 10.6" in line for line in found), found


def test_check_does_not_warn_about_a_figure_its_year_picks(tmp_path: Path) -> None:
    """A figure of another year is led by the year the question names: no other figure
    leads (a maintainer's report: every such question was flagged)."""
    source = next((SURVEYS / "bidt-homeoffice").glob("*.yaml"))
    old = "        period: 2021\n"
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1
    (tmp_path / source.name).write_text(
        text.replace(
            old, old + "        questions:\n          en: [how many worked remotely in 2021?]\n"
        ),
        encoding="utf-8",
    )
    kb = load_knowledge(tmp_path)
    found = confusions(Engine(kb, EngineConfig(), declared_wording=False))
    assert not any("remotely" in line for line in found), found


def test_the_readme_example_of_a_figures_questions_loads() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("A figure may then have `questions`") :]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    figures = yaml.safe_load("figures:\n" + block)["figures"]
    figure = Figure.model_validate(figures[0])
    assert figure.own_questions("en") and figure.own_questions("de")


def _bidt_with_2021_questions(tmp_path: Path, questions: str) -> Engine:
    """The bidt finding of 39% (2023) and 55% (2021), its 2021 figure given `questions`."""
    source = next((SURVEYS / "bidt-homeoffice").glob("*.yaml"))
    old = "        period: 2021\n"
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1
    (tmp_path / source.name).write_text(text.replace(old, old + questions), encoding="utf-8")
    return Engine(load_knowledge(tmp_path), EngineConfig())


PANDEMIC = "        questions:\n          en: [how many worked from home at the pandemic peak?]\n"


def test_a_figure_of_an_earlier_year_asked_as_written_is_of_its_year(tmp_path: Path) -> None:
    """A maintainer's report: a question written for a past year's figure ("the
    all-time high") was answered with the latest year's, even as written."""
    reply, _ = _bidt_with_2021_questions(tmp_path, PANDEMIC).reply(
        "how many worked from home at the pandemic peak?"
    )
    assert reply.kind is ReplyKind.ANSWER and "55%" in reply.headline, reply.headline
    assert reply.period == 2021


@pytest.mark.parametrize(
    "text",
    [
        "how many work from home at least now and then?",
        # A word of the earlier year's question in a question about now (a review).
        "how many people still work from home after the pandemic?",
    ],
)
def test_a_paraphrase_stays_with_the_latest_year(tmp_path: Path, text: str) -> None:
    reply, _ = _bidt_with_2021_questions(tmp_path, PANDEMIC).reply(text)
    assert reply.period is None and reply.headline.split("%")[0].endswith("39"), reply.headline


def test_a_figure_question_written_twice_is_named_with_its_place(tmp_path: Path) -> None:
    """Written for the finding and for one of its figures, a wording has no one answer:
    the error names the figure's question and the fix."""
    with pytest.raises(KnowledgeError) as error:
        _ecb_with(
            tmp_path,
            "        questions:\n          de: [Wie viele arbeiten hybrid?]\n",
        )
    message = str(error.value)
    assert "listed twice" in message, message
    line = int(message.split(".yaml:", 1)[1].split(":", 1)[0])
    written = (tmp_path / ECB.name).read_text(encoding="utf-8").splitlines()
    # The figure's copy is named, not the finding's own question written first.
    assert written[line - 1].strip() == "de: [Wie viele arbeiten hybrid?]", written[line - 1]


def test_figures_alike_in_two_findings_stay_alike_in_a_conversation() -> None:
    """Review of the first version: figures remembered their finding's questions, so
    the 9% of one finding was no longer the 9% of another, and "what about saving in
    general?" after the non-savers led with 9% instead of the finding's answer."""
    engine = Engine(load_knowledge(SURVEYS / "dia-sparverhalten-2014"), EngineConfig())
    _, state = engine.reply("What share of people are non-savers?")
    reply, _ = engine.reply("what about saving in general?", state)
    assert reply.headline.startswith("64%"), reply.headline


@pytest.mark.parametrize(
    ("text", "start"),
    [("Mindestlohnerhöhung", "47 %"), ("Do voters want a higher minimum wage?", "47%")],
)
def test_a_findings_own_question_still_gets_its_whole_answer(text: str, start: str) -> None:
    """Review of the first version: a compound's part of a figure question
    ("Lohnerhöhung") named that figure inside the finding's own word, and a figure
    with questions lost tie-breaks by its longer list of words."""
    fixture = Path(__file__).parent / "fixtures" / "figure-questions" / "fm-poll-2019"
    reply, _ = Engine(load_knowledge(fixture), EngineConfig()).reply(text)
    assert reply.headline.startswith(start) and " – " not in reply.headline, reply.headline


def test_words_for_whom_the_survey_asked_are_no_figures_own(tmp_path: Path) -> None:
    engine = _ecb_with(
        tmp_path,
        "        questions:\n"
        "          en: [how many respondents are fully remote according to the survey?]\n",
    )
    reply, _ = engine.reply("how many respondents work hybrid?")
    assert reply.headline.startswith("21.9%"), reply.headline


def test_a_figure_questions_other_words_do_not_make_them_counted(tmp_path: Path) -> None:
    """ "managers" in a figure's question is no one the survey counts."""
    text = SWITCHING.replace(
        "how many young workers would switch?", "how many young employees would leave managers?"
    )
    (tmp_path / "jobs.yaml").write_text(text, encoding="utf-8")
    reply, _ = Engine(load_knowledge(tmp_path), EngineConfig()).reply(
        "how many managers would switch jobs?"
    )
    assert reply.kind is not ReplyKind.ANSWER, reply.headline


def test_a_figure_with_questions_is_still_the_figure_another_finding_reports(
    tmp_path: Path,
) -> None:
    """A second review: with questions for the 9% of one finding, it was no longer
    the 9% another finding reports, and the follow-up led with it."""
    source = next((SURVEYS / "dia-sparverhalten-2014").glob("*.yaml"))
    text = source.read_text(encoding="utf-8")
    assert "\n      - value: 9\n" in text
    text = text.replace(
        "\n      - value: 9\n",
        "\n      - value: 9\n        questions:\n          en: [how many never put money aside?]\n",
        1,
    )
    (tmp_path / source.name).write_text(text, encoding="utf-8")
    engine = Engine(load_knowledge(tmp_path), EngineConfig())
    _, state = engine.reply("What share of people are non-savers?")
    reply, _ = engine.reply("what about saving in general?", state)
    assert reply.headline.startswith("64%"), reply.headline


PARTIES = """survey:
  id: parties
  title: {en: Party survey, de: Parteienumfrage}
  publisher: Example Institute
  year: 2024
  population: {en: voters, de: Wähler}
  source: {title: "Parties 2024", language: en}
topics:
  democracy: {en: Democracy, de: Demokratie}
findings:
  - id: satisfied
    topic: democracy
    questions:
      de: [Wie zufrieden sind die Wähler mit der Demokratie?]
    answer:
      en: 35% of Democrats and 34% of independents are satisfied with democracy.
      de: 35 % der Demokraten und 34 % der Unabhängigen sind mit der Demokratie zufrieden.
    figures:
      - value: 35
        measures: {en: satisfied with democracy, de: zufrieden mit der Demokratie}
        group: {name: {en: Democrats, de: Demokraten}, by: {en: party, de: Partei}}
        questions:
          de: [Wie zufrieden sind Anhänger der Demokratischen Partei?]
      - value: 34
        measures: {en: satisfied with democracy, de: zufrieden mit der Demokratie}
        group: {name: {en: independents, de: Unabhängige}, by: {en: party, de: Partei}}
"""


def test_a_figure_questions_word_names_it_only_written_whole(tmp_path: Path) -> None:
    """ "parteilose" holds "Partei" of the Democrats' question: no word of theirs."""
    (tmp_path / "parties.yaml").write_text(PARTIES, encoding="utf-8")
    reply, _ = Engine(load_knowledge(tmp_path), EngineConfig()).reply(
        "Wie zufrieden sind parteilose Wähler?"
    )
    assert not reply.headline.startswith("35 % –"), reply.headline


def test_a_figure_question_that_is_the_findings_in_another_language_is_not_declared(
    tmp_path: Path,
) -> None:
    """ "Hybridarbeit" is the finding's own (German) question: written in English for
    the five-days figure too, it does not make the figure the answer to it."""
    engine = _ecb_with(tmp_path, "        questions:\n          en: [Hybridarbeit]\n")
    reply, _ = engine.reply("Hybridarbeit")
    assert not reply.headline.startswith(("10.6", "10,6")), reply.headline
