"""What a maintainer writes naturally works: a figure in points states a change as
`changes:` does; a group named in a finding's own words (not as `group:`) is answered,
not refused as outside the survey; a group's words for anyone ("young people") name no
group; a follow-up naming only a group takes the year along only to the same measure.

The knowledge bases are real fixtures, rewritten the way the maintainers of issue 21
wrote theirs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.knowledge import load_knowledge

SURVEYS = Path(__file__).parent / "fixtures" / "surveys"
INTERNET = SURVEYS / "destatis-internet-2007" / "destatis-internet-2007.yaml"


def _internet_use(data: dict[str, Any]) -> dict[str, Any]:
    finding: dict[str, Any] = next(f for f in data["findings"] if f["id"] == "internet-use")
    return finding


def _engine(data: dict[str, Any], folder: Path) -> Engine:
    path = folder / "kb.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Engine(load_knowledge(path), EngineConfig(semantic="off"))


@pytest.fixture(scope="module")
def in_points(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The rise of 3 points written as a figure in points, not as `changes:`, and
    without the year before's level."""
    data = yaml.safe_load(INTERNET.read_text(encoding="utf-8"))
    finding = _internet_use(data)
    finding["figures"] = [f for f in finding["figures"] if f["period"] != 2006]
    finding["figures"].append(
        {
            "value": 3,
            "unit": "points",
            "period": 2007,
            "measures": {
                "en": "more people aged ten and over using the internet than a year before",
                "de": "mehr Personen ab zehn Jahren, die das Internet nutzen, als ein Jahr zuvor",
            },
        }
    )
    del finding["changes"]
    for lang, level in (("en", " (65%)"), ("de", " (65 %)")):
        finding["answer"][lang] = finding["answer"][lang].replace(level, "")
    return _engine(data, tmp_path_factory.mktemp("points"))


@pytest.mark.parametrize(
    ("first", "follow_up"),
    [
        ("how many people use the internet?", "has it changed?"),
        ("how many people use the internet?", "by how many points?"),
        ("wie viele Personen nutzen das Internet?", "hat sich das verändert?"),
        ("wie viele Personen nutzen das Internet?", "um wie viele Punkte?"),
    ],
)
def test_a_figure_in_points_answers_a_change_question(
    in_points: Engine, first: str, follow_up: str
) -> None:
    _, state = in_points.reply(first)
    reply, _ = in_points.reply(follow_up, state)
    assert reply.kind is ReplyKind.ANSWER, reply.headline
    assert reply.headline.startswith("3 ") and reply.lead == 3


def test_a_stated_change_still_answers_by_how_many_points() -> None:
    engine = Engine(load_knowledge(INTERNET), EngineConfig(semantic="off"))
    _, state = engine.reply("how many people use the internet?")
    reply, _ = engine.reply("by how many points?", state)
    assert reply.kind is ReplyKind.ANSWER and "3 points" in reply.headline


@pytest.fixture(scope="module")
def without_groups(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """Men's and women's figures with no `group:`: who they are for is said only in
    what they measure ("internet use among women")."""
    data = yaml.safe_load(INTERNET.read_text(encoding="utf-8"))
    finding = _internet_use(data)
    kept = []
    for figure in finding["figures"]:
        group = figure.pop("group", None)
        if group is None:
            kept.append(figure)
        elif group["name"]["en"] in ("men", "women"):
            figure["measures"] = {
                "en": f"internet use among {group['name']['en']}",
                "de": f"Internetnutzung unter {group['name']['de']}",
            }
            kept.append(figure)
    finding["figures"] = kept
    finding["answer"] = {
        "en": "68% of people aged ten and over used the internet in the first quarter of "
        "2007, 3 percentage points more than a year before (65%): 73% of men and 63% of "
        "women.",
        "de": "68 % der Personen ab zehn Jahren nutzten im ersten Quartal 2007 das Internet, "
        "3 Prozentpunkte mehr als ein Jahr zuvor (65 %): 73 % der Männer und 63 % der Frauen.",
    }
    finding["other_numbers"] = [3]
    del finding["changes"]
    return _engine(data, tmp_path_factory.mktemp("groups"))


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("how many women use the internet?", 63),
        ("wie viele Frauen nutzen das Internet?", 63),
        ("how many men use the internet?", 73),
    ],
)
def test_a_group_in_the_findings_own_words_is_no_population_outside_the_survey(
    without_groups: Engine, question: str, value: int
) -> None:
    reply, _ = without_groups.reply(question)
    assert reply.kind is ReplyKind.ANSWER and reply.lead == value, reply.headline


def test_a_population_the_survey_never_names_is_still_declined(without_groups: Engine) -> None:
    reply, _ = without_groups.reply("how many Austrians use the internet?")
    assert reply.kind is ReplyKind.NO_MATCH


def test_whom_a_findings_questions_name_is_whom_it_counts() -> None:
    """ "How many were victims of vandalism or theft?" is one of its variants: "how many
    victims of identity theft" asks that finding, not about people outside the survey."""
    engine = Engine(load_knowledge(SURVEYS / "gallup-scams-2023"), EngineConfig(semantic="off"))
    reply, _ = engine.reply("how many victims of identity theft are there?")
    assert reply.kind is ReplyKind.ANSWER and reply.lead == 16


@pytest.fixture(scope="module")
def internet() -> Engine:
    return Engine(load_knowledge(INTERNET), EngineConfig(semantic="off"))


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("wie viele Menschen nutzen das Internet?", 68),
        ("how many people use the internet?", 68),
        ("wie viele junge Menschen nutzen das Internet?", 94),
        ("how many young people use the internet?", 94),
    ],
)
def test_a_group_is_named_by_its_distinctive_words_only(
    internet: Engine, question: str, value: int
) -> None:
    """The group "junge Menschen" is not every question about "Menschen"."""
    reply, _ = internet.reply(question)
    assert reply.kind is ReplyKind.ANSWER and reply.lead in (value, None), reply.headline
    assert f"{value}" in reply.headline


@pytest.fixture(scope="module")
def sleep() -> Engine:
    return Engine(load_knowledge(SURVEYS / "gallup-sleep-2024"), EngineConfig(semantic="off"))


def _conversation(engine: Engine, *questions: str) -> list[Any]:
    replies = []
    state = None
    for question in questions:
        reply, state = engine.reply(question, state)
        replies.append(reply)
    return replies


def test_a_group_alone_takes_the_year_only_to_the_same_measure(sleep: Engine) -> None:
    *_, women = _conversation(
        sleep, "how many would feel better with more sleep?", "and in 2013?", "and women?"
    )
    assert women.period != 2013 and "2013: " not in women.headline


def test_the_year_comes_along_to_the_same_measure_of_a_group(sleep: Engine) -> None:
    *_, women = _conversation(
        sleep, "how many americans get enough sleep?", "and in 2013?", "and women?"
    )
    assert women.kind is ReplyKind.ANSWER and women.lead == 52
