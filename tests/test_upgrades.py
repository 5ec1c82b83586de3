"""A knowledge file that loaded in an earlier release loads after an upgrade: a rule added
to the format since is a warning that names the fix, the bot serves the file with each
figure read as it meant, and `check --strict` fails on the warnings. The fixtures under
`fixtures/knowledge/earlier/` are files each earlier format accepted (checked with the
loader of that release from git history when they were written)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import EngineConfig
from bot.engine import Engine
from bot.knowledge import KnowledgeError, load_knowledge
from bot.languages.formats import format_figure
from tests.hints import apply_hint

EARLIER = Path(__file__).parent / "fixtures" / "knowledge" / "earlier"
RELEASES = sorted(p.name for p in EARLIER.iterdir() if p.is_dir())


def test_there_is_a_fixture_of_each_earlier_format() -> None:
    assert RELEASES == ["2026-11-28", "2026-12-01", "2026-12-02"]


@pytest.mark.parametrize("release", RELEASES)
def test_a_file_of_an_earlier_format_loads_and_check_passes_unless_strict(
    release: str, capsys: pytest.CaptureFixture[str]
) -> None:
    kb = load_knowledge(EARLIER / release)
    assert kb.findings
    assert all(w.warning for w in kb.warnings)
    assert main(["check", str(EARLIER / release)]) == 0
    out = capsys.readouterr().out
    assert all(str(w) in out for w in kb.warnings)
    if kb.warnings:
        assert main(["check", "--strict", str(EARLIER / release)]) == 1


def _figure(release: str, finding: str, value: float) -> tuple[str, str | None]:
    kb = load_knowledge(EARLIER / release)
    figure = next(f for f in kb.findings[finding].figures if f.value == value)
    return figure.unit, figure.currency


@pytest.mark.parametrize(
    ("release", "finding", "value", "read_as", "fix"),
    [
        # A sample size: over 100, no per cent written, so no percentage.
        ("2026-12-01", "asked", 1103, ("count", None), "add `unit: count`"),
        # A change in points, as the answer says.
        ("2026-12-01", "spelt", 11, ("points", None), "add `unit: points`"),
        # A price, as the answer writes it.
        ("2026-11-28", "price-rise", 3, ("currency", "EUR"), "`currency: EUR`"),
        # A number of regions: no unit written, so none is said.
        ("2026-12-02", "favourite", 9, ("number", None), "add `unit: number`"),
    ],
)
def test_an_earlier_figure_is_read_as_its_answer_writes_it_and_the_warning_names_the_fix(
    release: str, finding: str, value: float, read_as: tuple[str, str | None], fix: str
) -> None:
    assert _figure(release, finding, value) == read_as
    kb = load_knowledge(EARLIER / release)
    [warning] = [w for w in kb.warnings if f"the figure {value:g} " in w.message]
    assert fix in warning.message
    # The hint is not the old, wrong one ("write it as '1,103%'").
    assert "%'" not in warning.message


def test_the_bot_serves_an_earlier_file_with_each_figure_read_as_meant() -> None:
    kb = load_knowledge(EARLIER / "2026-12-01")
    engine = Engine(kb, EngineConfig())
    reply, _ = engine.reply("by how much did spelt bread rise?", lang_hint="en")
    assert reply.answered and reply.finding == "spelt"
    assert reply.headline.startswith("11 points") and "11%" not in reply.text
    [asked] = kb.findings["asked"].figures
    assert format_figure(asked, "en") == "1,103" and format_figure(asked, "de") == "1.103"


@pytest.mark.parametrize("release", RELEASES)
def test_each_warnings_fix_makes_it_go_away(release: str, tmp_path: Path) -> None:
    folder = tmp_path / release
    shutil.copytree(EARLIER / release, folder)
    for _ in range(10):
        warnings = load_knowledge(folder).warnings
        if not warnings:
            break
        first = warnings[0]
        first.file.write_text(apply_hint(first.file.read_text("utf-8"), first), "utf-8")
    assert load_knowledge(folder).warnings == ()
    assert main(["check", "--strict", str(folder)]) in (0, 1)  # variants may still clash


FIXTURE = """survey:
  id: hints
  title: {en: Hints survey, de: Hinweis-Umfrage}
  publisher: Hint Institute
  year: 2022
  population: {en: adults, de: Erwachsene}
  source:
    title: "Hints"
topics:
  main: {en: Main, de: Haupt}
findings:
  - id: only
    topic: main
    questions:
      en:
        - How many like hints?
    answer:
      en: ANSWER_EN
      de: ANSWER_DE
    figures:
      - value: 40
        UNIT
        measures: {en: adults who like hints, de: "Erwachsene, die Hinweise mögen"}
"""


@pytest.mark.parametrize(
    ("en", "de", "unit", "says"),
    [
        # The survey's year in the answer is a period.
        ("In 2022, 40% liked hints.", "2022 mochten 40 % Hinweise.", "", "`period: 2022`"),
        # A number that is no figure.
        ("40% of 2 groups like hints.", "40 % von 2 Gruppen mögen Hinweise.", "", "other_numbers"),
        # A figure of a unit the earlier formats lacked, written with another.
        ("40% like hints.", "40 % mögen Hinweise.", "unit: points", "write it as '40 points'"),
    ],
)
def test_each_errors_hint_is_the_fix_that_makes_it_go_away(
    tmp_path: Path, en: str, de: str, unit: str, says: str
) -> None:
    path = tmp_path / "hints.yaml"
    text = FIXTURE.replace("ANSWER_EN", en).replace("ANSWER_DE", de)
    path.write_text(text.replace("UNIT", unit or "group: null"), "utf-8")
    messages: list[str] = []
    for _ in range(4):
        try:
            load_knowledge(path)
            break
        except KnowledgeError as error:
            first = error.problems[0]
            messages.append(first.message)
            path.write_text(apply_hint(path.read_text("utf-8"), first), "utf-8")
    else:
        raise AssertionError(path.read_text("utf-8"))
    assert messages and says in messages[0], messages
    assert not load_knowledge(path).warnings


def test_the_survey_year_in_an_answer_is_named_as_a_period_not_an_other_number(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hints.yaml"
    text = FIXTURE.replace("ANSWER_EN", "In 2022, 40% liked hints.")
    path.write_text(text.replace("ANSWER_DE", "40 % mögen Hinweise.").replace("UNIT", ""), "utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    [problem] = caught.value.problems
    assert "the survey's year" in problem.message and "period: 2022" in problem.message
    assert "other_numbers" not in problem.message


def test_the_bot_starts_on_an_earlier_file(capsys: pytest.CaptureFixture[str]) -> None:
    """What `run` and `ask` do first: load the knowledge base and answer from it."""
    question = "by how much did spelt bread rise?"
    assert main(["ask", "--knowledge", str(EARLIER / "2026-12-01"), question]) == 0
    assert capsys.readouterr().out.startswith("11 points")


def test_a_sample_size_beside_a_share_is_read_as_a_count(tmp_path: Path) -> None:
    text = (EARLIER / "2026-12-01" / "bakery-survey.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      en: 1,103 bakeries took part in the survey.\n"
        "      de: 1.103 Bäckereien nahmen an der Umfrage teil.\n",
        "      en: 1,103 bakeries took part; 35% of them bake spelt.\n"
        "      de: 1.103 Bäckereien nahmen teil; 35 % davon backen Dinkel.\n",
    ).replace(
        "      - value: 1103\n",
        "      - value: 35\n        measures: *spelt\n      - value: 1103\n",
    )
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    kb = load_knowledge(path)
    assert [f.unit for f in kb.findings["asked"].figures] == ["percent", "count"]
    assert any("add `unit: count`" in w.message for w in kb.warnings)
