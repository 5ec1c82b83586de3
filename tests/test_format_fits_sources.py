"""The format asks only for what sources give and takes what maintainers write: no date
when the article has none, a publisher per language, a date written as YAML writes it,
anchors and aliases, a past year's breakdown; the source line names year and publisher
once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.config import EngineConfig
from bot.engine import Engine
from bot.engine.render import source_line
from bot.knowledge import load_knowledge

VALID = Path(__file__).parent / "fixtures" / "knowledge" / "valid.yaml"


def _valid(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = VALID.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


FIELDWORK = '  fieldwork: {de: "2020", en: "2020"}\n'


def test_fieldwork_is_optional_and_the_card_says_the_source_gives_no_date(
    tmp_path: Path,
) -> None:
    kb = load_knowledge(_valid(tmp_path, (FIELDWORK, "")))
    assert kb.surveys["test-survey"].fieldwork is None
    engine = Engine(kb, EngineConfig())
    for question, lang, said in (
        ("when was the survey done?", "en", "gives no date"),
        ("wann wurde die Umfrage gemacht?", "de", "kein Datum"),
    ):
        reply, _ = engine.reply(question, lang_hint=lang)
        assert said in reply.text, reply.text
    card = engine.render.card(kb.surveys["test-survey"], "en")
    assert "When: the source gives no date (survey year 2020)" in card


def test_an_unquoted_date_is_read_as_written(tmp_path: Path) -> None:
    path = _valid(tmp_path, ("    publisher: Testverband\n", "    published: 2025-03-18\n"))
    assert load_knowledge(path).surveys["test-survey"].source.published == "2025-03-18"


def test_a_publisher_may_be_named_per_language(tmp_path: Path) -> None:
    path = _valid(
        tmp_path,
        ("  publisher: Testverband\n", "  publisher: {en: Test Association, de: Testverband}\n"),
        (
            "    publisher: Testverband\n",
            "    publisher: {en: Bread Gazette, de: Brotzeitung}\n",
        ),
    )
    kb = load_knowledge(path)
    survey = kb.surveys["test-survey"]
    assert survey.publisher_in("en") == "Test Association"
    assert survey.publisher_in("de") == "Testverband"
    engine = Engine(kb, EngineConfig())
    assert "Test Association" in engine.render.card(survey, "en")
    assert "Brotzeitung" in engine.render.card(survey, "de")
    assert "Testverband" in source_line(survey, "de")
    # The plain string keeps working (the valid fixture).
    assert load_knowledge(VALID).surveys["test-survey"].publisher == "Testverband"


@pytest.mark.parametrize(
    ("title", "line"),
    [
        ("Test survey", "Source: Test survey, Testverband, 2020."),
        ("Test survey 2020", "Source: Test survey 2020, Testverband."),
        ("Testverband survey", "Source: Testverband survey, 2020."),
        ("Testverband survey 2020", "Source: Testverband survey 2020."),
    ],
)
def test_the_source_line_names_year_and_publisher_once(
    tmp_path: Path, title: str, line: str
) -> None:
    path = _valid(tmp_path, ("en: Test survey}", f"en: {title}}}"))
    survey = load_knowledge(path).surveys["test-survey"]
    assert source_line(survey, "en").startswith(line)


def test_anchors_aliases_and_merge_keys_are_read_as_yaml_means_them(tmp_path: Path) -> None:
    path = _valid(
        tmp_path,
        (
            "  population: {de: Bäckereien, en: bakeries}",
            "  population: &who {de: Bäckereien, en: bakeries}",
        ),
        ("  bread: {de: Brot, en: Bread}", "  bread: {de: Brot, en: Bread}\n  who: *who"),
        (
            "        measures: {en: bakeries selling rye bread, de: Bäckereien mit Roggenbrot}\n"
            "        period: 2020",
            "        measures: &rye\n"
            "          {en: bakeries selling rye bread, de: Bäckereien mit Roggenbrot}\n"
            "        period: 2020",
        ),
        (
            "        measures: {en: bakeries selling rye bread, de: Bäckereien mit Roggenbrot}\n"
            "        period: 2019",
            "        measures:\n          <<: *rye\n          en: rye bakeries\n"
            "        period: 2019",
        ),
    )
    kb = load_knowledge(path)
    assert kb.topics["who"].en == "bakeries"
    older = kb.findings["rye"].figures[1].measures
    assert (older.en, older.de) == ("rye bakeries", "Bäckereien mit Roggenbrot")


BREAKDOWN_2019 = """      - value: 50
        measures: {en: bakeries selling rye bread, de: Bäckereien mit Roggenbrot}
        period: 2019
        answer: {en: "In 2019, 50% of bakeries sold rye bread.", de: "2019 verkauften 50 % der Bäckereien Roggenbrot."}"""  # noqa: E501


def test_a_past_years_breakdown_has_one_answer_for_that_year(tmp_path: Path) -> None:
    both = """      - value: 50
        measures: {en: bakeries selling rye bread, de: Bäckereien mit Roggenbrot}
        period: 2019
        answer:
          en: In 2019, 50% of bakeries sold rye bread and 30% sold rye rolls.
          de: 2019 verkauften 50 % der Bäckereien Roggenbrot und 30 % Roggenbrötchen.
      - value: 30
        measures: {en: bakeries selling rye rolls, de: Bäckereien mit Roggenbrötchen}
        period: 2019"""
    kb = load_knowledge(_valid(tmp_path, (BREAKDOWN_2019, both)))
    assert [f.value for f in kb.findings["rye"].figures] == [60, 50, 30]
    engine = Engine(kb, EngineConfig())
    reply, _ = engine.reply("how many bakeries sell rye bread in 2019?", lang_hint="en")
    assert reply.answered and reply.text.startswith("50%"), reply.text
    assert "In 2019, 50% of bakeries sold rye bread and 30%" in reply.text


def test_init_empty_shows_every_documented_key_and_passes_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "kb", "--empty"]) == 0
    text = (tmp_path / "kb" / "new-survey.yaml").read_text(encoding="utf-8")
    for key in (
        "sample_size",
        "method",
        "publisher",
        "published",
        "url",
        "language",
        "fieldwork",
        "unit",
        "counts",
        "currency",
        "group",
        "by",
        "changes",
        "context",
        "related",
        "other_numbers",
        "period",
        "answer",
    ):
        assert f"{key}:" in text, key
    capsys.readouterr()
    assert main(["check", "--strict", "--config", "config.yaml"]) == 0, capsys.readouterr()


def test_each_figure_of_a_past_year_may_have_its_own_answer(tmp_path: Path) -> None:
    each = """      - value: 50
        measures: {en: bakeries selling rye bread, de: Bäckereien mit Roggenbrot}
        period: 2019
        answer: {en: "In 2019, 50% of bakeries sold rye bread.", de: "2019 verkauften 50 % der Bäckereien Roggenbrot."}
      - value: 30
        measures: {en: bakeries selling rye rolls, de: Bäckereien mit Roggenbrötchen}
        period: 2019
        answer: {en: "In 2019, 30% of bakeries sold rye rolls.", de: "2019 verkauften 30 % der Bäckereien Roggenbrötchen."}"""  # noqa: E501
    kb = load_knowledge(_valid(tmp_path, (BREAKDOWN_2019, each)))
    engine = Engine(kb, EngineConfig())
    reply, _ = engine.reply("how many bakeries sell rye rolls in 2019?", lang_hint="en")
    assert reply.answered and "In 2019, 30% of bakeries sold rye rolls." in reply.text


@pytest.mark.parametrize(
    ("value", "other", "en", "de"),
    [
        # A figure written with a scale word, as sources write large numbers.
        ("54000000", "", "54 million people", "54 Millionen Menschen"),
        # An older file that listed the number as written keeps loading.
        ("12.5", "    other_numbers: [54]\n", "54 million people", "54 Mio. Menschen"),
    ],
)
def test_a_number_may_be_written_with_a_scale_word(
    tmp_path: Path, value: str, other: str, en: str, de: str
) -> None:
    count = (
        f"      - value: {value}\n        unit: count\n"
        "        counts: {en: people, de: Menschen}\n"
        "        measures: {en: people eating spelt bread, de: Dinkelbrot-Esser}\n"
    )
    path = _valid(
        tmp_path,
        (
            "en: 12.5% of bakeries bake spelt bread.",
            f"en: 12.5% of bakeries bake spelt bread; {en} eat it.",
        ),
        (
            "de: 12,5 % der Bäckereien backen Dinkelbrot.",
            f"de: 12,5 % der Bäckereien backen Dinkelbrot; {de} essen es.",
        ),
    )
    text = path.read_text(encoding="utf-8")
    if value != "12.5":
        text = text.rstrip("\n") + "\n" + count
    path.write_text(text + other, encoding="utf-8")
    kb = load_knowledge(path)
    assert kb.findings["spelt"].figures
