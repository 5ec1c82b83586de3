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


def _two_bakery_surveys(tmp_path: Path, second_related: str = "spelt") -> Path:
    """Two surveys with the same topic and finding ids, as two teams would write them."""
    text = (BROKEN / "valid.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    second = (
        text.replace("id: test-survey", "id: city-survey")
        .replace("Test survey", "City survey")
        .replace("How many bakeries sell rye bread?", "How many city bakeries offer rye?")
        .replace(
            "Wie viele Bäckereien verkaufen Roggenbrot?", "Wie viele Stadtbäcker haben Roggen?"
        )
        .replace('"rye bread"]', '"rye loaves"]')
        .replace('"Roggenbrot"]', '"Roggenlaib"]')
        .replace('"spelt"]', '"spelt loaves"]')
        .replace('"Dinkel"]', '"Dinkellaib"]')
        .replace("How many bakeries bake spelt bread?", "How many city bakeries bake spelt?")
        .replace("Wie viele Bäckereien backen Dinkelbrot?", "Wie viele Stadtbäcker backen Dinkel?")
        .replace("related: [spelt]", f"related: [{second_related}]")
    )
    (tmp_path / "b.yaml").write_text(second, encoding="utf-8")
    return tmp_path


def test_finding_and_topic_ids_are_unique_within_their_survey_only(tmp_path: Path) -> None:
    kb = load_knowledge(_two_bakery_surveys(tmp_path))
    assert set(kb.findings) == {
        "test-survey/rye",
        "test-survey/spelt",
        "city-survey/rye",
        "city-survey/spelt",
    }
    assert set(kb.topics) == {"test-survey/bread", "city-survey/bread"}
    # References stay inside their own survey unless they name another one.
    assert kb.findings["city-survey/rye"].related == ["city-survey/spelt"]
    assert kb.findings["city-survey/rye"].topic == "city-survey/bread"
    assert kb.survey_for("city-survey/rye").id == "city-survey"


def test_a_reference_may_name_another_surveys_finding(tmp_path: Path) -> None:
    kb = load_knowledge(_two_bakery_surveys(tmp_path, second_related="test-survey/spelt"))
    assert kb.findings["city-survey/rye"].related == ["test-survey/spelt"]


def test_an_id_unique_in_the_knowledge_base_keeps_its_bare_key(kb: KnowledgeBase) -> None:
    # Files written before ids were scoped, buttons and logs keep their ids.
    assert "own-team" in kb.findings and "/" not in "".join(kb.findings)


@pytest.mark.parametrize(
    ("related", "message"),
    [
        ("nope/spelt", "no survey 'nope'"),
        ("test-survey/wheat", "survey 'test-survey' has no finding 'wheat'"),
    ],
)
def test_a_bad_survey_scoped_reference_says_what_is_wrong(
    tmp_path: Path, related: str, message: str
) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(_two_bakery_surveys(tmp_path, second_related=related))
    assert any(str(p).startswith(f"{tmp_path / 'b.yaml'}:") for p in caught.value.problems)
    assert message in str(caught.value)


def test_a_bare_reference_to_an_id_several_other_surveys_have_names_the_choices(
    tmp_path: Path,
) -> None:
    root = _two_bakery_surveys(tmp_path)
    (root / "c.yaml").write_text(
        """survey:
  id: third
  title: {de: Dritte, en: Third}
  publisher: Dritter
  year: 2020
  fieldwork: {de: "2020", en: "2020"}
  population: {de: Konditoreien, en: patisseries}
  source: {title: Kuchen}
topics:
  cake: {de: Kuchen, en: Cake}
findings:
  - id: tarts
    topic: cake
    questions:
      en: ["How many patisseries sell tarts?"]
    answer:
      en: Most patisseries sell tarts.
      de: Die meisten Konditoreien haben Torten.
    related: [rye]
""",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root)
    assert [p.message for p in caught.value.problems] == [
        "related finding 'rye' is in several surveys: city-survey/rye, test-survey/rye"
    ]


def test_the_engine_answers_both_surveys_findings_of_the_same_id(tmp_path: Path) -> None:
    from bot.config import EngineConfig
    from bot.engine import Engine

    engine = Engine(load_knowledge(_two_bakery_surveys(tmp_path)), EngineConfig())
    city, state = engine.reply("How many city bakeries offer rye?")
    assert city.finding == "city-survey/rye" and "City survey" in city.source
    pressed, _ = engine.answer_finding("test-survey/rye", state, "en")
    assert pressed.finding == "test-survey/rye" and "Test survey" in pressed.source


SURVEYS = Path(__file__).parent / "fixtures" / "surveys"


def _holidays_with_sample(tmp_path: Path, sample: str) -> Path:
    source = SURVEYS / "abta-holiday-habits-2023" / "abta-holiday-habits-2023.yaml"
    text = source.read_text(encoding="utf-8")
    assert "  sample_size: 2000\n" in text
    (tmp_path / source.name).write_text(
        text.replace("  sample_size: 2000\n", f"  sample_size: {sample}\n"), encoding="utf-8"
    )
    return tmp_path


@pytest.mark.parametrize(
    ("sample", "lang", "question", "said"),
    [
        ("{about: 2000}", "en", "how many were asked?", "About 2,000 were asked"),
        ("{about: 2000}", "de", "wie viele wurden befragt?", "Befragt wurden rund 2.000"),
        ("{under: 2000}", "de", "wie viele wurden befragt?", "Befragt wurden knapp 2.000"),
        ("{over: 2000}", "en", "how many were asked?", "More than 2,000 were asked"),
        ("2000", "en", "how many were asked?", "2,000 were asked"),
    ],
)
def test_a_sample_size_the_source_gives_roughly_is_said_roughly(
    tmp_path: Path, sample: str, lang: str, question: str, said: str
) -> None:
    """Maintainers could only write "knapp 100.000" as 100000, and the bot then said
    "100,000 were asked": a size may be given as the source gives it."""
    from bot.config import EngineConfig
    from bot.engine import Engine

    engine = Engine(load_knowledge(_holidays_with_sample(tmp_path, sample)), EngineConfig())
    reply, _ = engine.reply(question)
    assert reply.headline.startswith(said), reply.headline


def test_a_rough_sample_size_with_two_bounds_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(_holidays_with_sample(tmp_path, "{about: 2000, over: 1000}"))
    assert "abta-holiday-habits-2023.yaml:" in str(caught.value)
    assert "sample_size: {about: 2000}" in str(caught.value)


def test_a_multiple_written_in_a_word_is_the_figure_it_names(tmp_path: Path) -> None:
    """A maintainer could not make "twice as likely" a figure: its 2 was "missing from
    the answer", which writes "roughly twice the rate" and "etwa doppelt so oft"."""
    source = SURVEYS / "gallup-scams-2023" / "gallup-scams-2023.yaml"
    text = source.read_text(encoding="utf-8")
    first_group_figure = "      - value: 12\n"
    assert first_group_figure in text
    multiple = """      - value: 2
        unit: number
        measures:
          en: times as often scammed as college graduates
          de: mal so oft betrogen wie Hochschulabsolventen
        group:
          name: {en: no college education, de: ohne Hochschulbildung}
          by: {en: education, de: Bildung}
"""
    (tmp_path / source.name).write_text(
        text.replace(first_group_figure, multiple + first_group_figure, 1), encoding="utf-8"
    )
    kb = load_knowledge(tmp_path)
    assert any(f.value == 2 for f in kb.findings["by-group"].figures)
