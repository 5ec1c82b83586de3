"""The knowledge base loads, and every kind of editing mistake is named with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge import KnowledgeBase, KnowledgeError, bundled_knowledge_path, load_knowledge
from bot.knowledge.checks import numbers_in

BROKEN = Path(__file__).parent / "fixtures" / "knowledge"


def test_bundled_knowledge_base_loads(kb: KnowledgeBase) -> None:
    assert kb.surveys["bitkom-social-media-teams"].year == 2014
    assert len(kb.findings) >= 16
    assert bundled_knowledge_path().is_dir()


def test_seed_figures_are_the_articles(kb: KnowledgeBase) -> None:
    values = {f.id: sorted(fig.value for fig in f.figures) for f in kb.findings.values()}
    assert values["own-team"] == [24, 35]
    assert values["all-departments"] == [32, 47]
    assert values["whoever-wants"] == [17]
    assert values["goals-overview"] == [47, 48, 51, 75, 85]
    assert values["service-channel"] == [22]
    assert values["no-goals"] == [4]
    assert values["extra-budgets"] == []


def test_valid_fixture_loads() -> None:
    kb = load_knowledge(BROKEN / "valid.yaml")
    assert list(kb.findings) == ["rye", "spelt"]


@pytest.mark.parametrize(
    ("fixture", "line", "message"),
    [
        ("wrong_type.yaml", 7, "survey.year: Input should be a valid integer"),
        ("unknown_key.yaml", 18, "qustions_extra: unknown key"),
        ("missing_language.yaml", 39, "findings.1.answer.de: required, but missing"),
        ("duplicate_id.yaml", 33, "duplicate finding id 'rye'"),
        ("dangling_reference.yaml", 32, "related finding 'wheat' does not exist"),
        ("figure_missing_from_text.yaml", 23, "the figure 60 is missing from the de answer"),
        ("duplicate_variant.yaml", 37, "'Roggenbrot' is also a variant of 'rye'"),
        ("unknown_topic.yaml", 34, "unknown topic 'cakes'"),
        ("period_without_answer.yaml", 28, "the 2019 figure needs an answer"),
        ("syntax_error.yaml", 7, "not valid YAML"),
        ("duplicate_key.yaml", 8, "the key 'year' appears twice"),
    ],
)
def test_each_mistake_is_named_with_file_and_line(fixture: str, line: int, message: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(BROKEN / fixture)
    expected_prefix = f"{BROKEN / fixture}:{line}: "
    assert any(
        str(p).startswith(expected_prefix) and message in str(p) for p in caught.value.problems
    ), str(caught.value)


def test_a_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="no such file or folder"):
        load_knowledge(tmp_path / "nowhere")


def test_an_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"no \.yaml files"):
        load_knowledge(tmp_path)


def test_english_and_german_numbers_are_read_their_own_way() -> None:
    assert numbers_in("12,5 % von 1.000 Firmen", "de") == {12.5, 1000.0}
    assert numbers_in("12.5% of 1,000 firms", "en") == {12.5, 1000.0}


def test_a_second_survey_is_added_by_dropping_its_file_into_the_folder(tmp_path: Path) -> None:
    import shutil

    from bot.config import EngineConfig
    from bot.engine import Engine

    for file in bundled_knowledge_path().glob("*.yaml"):
        shutil.copy(file, tmp_path / file.name)
    shutil.copy(BROKEN / "valid.yaml", tmp_path / "bakeries.yaml")
    kb = load_knowledge(tmp_path)
    assert set(kb.surveys) == {"bitkom-social-media-teams", "test-survey"}
    engine = Engine(kb, EngineConfig())
    bread, _ = engine.reply("how many bakeries sell rye bread?")
    teams, _ = engine.reply("how many firms have a social media team")
    assert bread.finding == "rye" and "Test survey" in bread.source
    assert teams.finding == "own-team" and "Bitkom" in teams.source
    assert len(engine.sources("en").details) == 2


def _with_answer(tmp_path: Path, en: str, de: str, other_numbers: str = "") -> Path:
    """The valid fixture with the rye answer replaced (and other_numbers added)."""
    text = (BROKEN / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "en: 60% of bakeries sell rye bread, up from 50% in 2019.", f"en: {en}"
    ).replace("de: 60 % der Bäckereien verkaufen Roggenbrot, nach 50 % im Jahr 2019.", f"de: {de}")
    if other_numbers:
        text = text.replace(
            "    related: [spelt]", f"    related: [spelt]\n    other_numbers: {other_numbers}", 1
        )
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_number_that_is_no_figure_is_declared_and_written_in_both_languages(
    tmp_path: Path,
) -> None:
    en = "60% of bakeries with 20 staff or more sell rye bread, up from 50% in 2019."
    de = "60 % der Bäckereien ab 20 Beschäftigten verkaufen Roggenbrot, nach 50 % im Jahr 2019."
    with pytest.raises(KnowledgeError, match="list it under other_numbers"):
        load_knowledge(_with_answer(tmp_path, en, de))
    kb = load_knowledge(_with_answer(tmp_path, en, de, "[20]"))
    assert kb.findings["rye"].other_numbers == [20]
    german_without = de.replace("ab 20 Beschäftigten ", "")
    with pytest.raises(KnowledgeError, match="20 is missing from the de answer"):
        load_knowledge(_with_answer(tmp_path, en, german_without, "[20]"))
