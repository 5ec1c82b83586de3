"""`check` guides: each line it prints names the findings (or surveys) it compares and
the fix, and a word is read as a change only in a change's sense."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import EngineConfig
from bot.engine import Engine
from bot.engine.confusion import confusions
from bot.engine.periods import read_change
from bot.engine.text import words
from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.schema import Lang
from tests.hints import apply_hint

VALID = Path(__file__).parent / "fixtures" / "knowledge" / "valid.yaml"


def _confusions(tmp_path: Path, *edits: tuple[str, str], second: bool = False) -> list[str]:
    original = text = VALID.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    if second:
        other = original.replace("id: test-survey", "id: city-survey").replace(
            "Test survey", "City survey"
        )
        for word in ("rye bread", "spelt", "Roggenbrot", "Dinkel"):
            other = other.replace(f'"{word}"]', f'"{word} loaves"]')
        other = other.replace("Wie viele Bäckereien", "Wie viele Stadtbäcker").replace(
            "How many bakeries", "How many city bakeries"
        )
        (tmp_path / "b.yaml").write_text(other, encoding="utf-8")
    return confusions(Engine(load_knowledge(tmp_path), EngineConfig()))


def test_a_question_about_a_survey_that_two_surveys_fit_names_them_and_the_fix(
    tmp_path: Path,
) -> None:
    found = _confusions(
        tmp_path,
        ('"rye bread"]', '"rye bread", "who ran the survey?"]'),
        second=True,
    )
    [line] = [f for f in found if "who ran the survey" in f and f.startswith("test-survey/rye")]
    assert "city-survey, test-survey" in line
    assert "name test-survey's title, publisher or year" in line
    assert " fit it alike" in line and ":  fit" not in line


@pytest.mark.parametrize(
    ("question", "lang", "change"),
    [
        ("How many victims changed their passwords?", "en", False),
        ("How many fell ill last year?", "en", False),
        ("In wie vielen Fällen half die Polizei?", "de", False),
        ("in den meisten Fällen", "de", False),
        ("wie viele haben abgenommen?", "de", False),
        ("has it risen?", "en", True),
        ("has it gone up since 2019?", "en", True),
        ("which party's view rose the most?", "en", True),
        ("whose view rose, democrats or republicans?", "en", True),
        ("ist der Anteil gestiegen?", "de", True),
        ("wer hat stärker zugelegt, Demokraten oder Republikaner?", "de", True),
        ("um wie viele Prozentpunkte ist er gestiegen?", "de", True),
        ("by how many points has it gone up?", "en", True),
    ],
)
def test_a_word_is_read_as_a_change_only_in_a_changes_sense(
    question: str, lang: Lang, change: bool
) -> None:
    assert read_change(words(question), lang, question)[0] is change


def test_a_variant_whose_verb_only_looks_like_a_change_is_answered(tmp_path: Path) -> None:
    found = _confusions(
        tmp_path,
        ('"rye bread"]', '"rye bread", "How many bakeries changed their rye recipe?"]'),
    )
    assert not any("changed their rye recipe" in f for f in found), found


BROKEN = Path(__file__).parent / "fixtures" / "knowledge"
FIXABLE = sorted(
    p.name
    for p in BROKEN.glob("*.yaml")
    if p.name not in ("valid.yaml", "syntax_error.yaml")  # YAML's own message
)


@pytest.mark.parametrize("fixture", FIXABLE)
def test_each_hint_applied_to_its_fixture_makes_check_pass(fixture: str, tmp_path: Path) -> None:
    """Each problem `check` names carries a fix; applying it as written, problem after
    problem, ends with a knowledge base that loads."""
    path = tmp_path / fixture
    shutil.copy(BROKEN / fixture, path)
    applied: list[str] = []
    for _ in range(6):
        try:
            load_knowledge(path)
            break
        except KnowledgeError as error:
            first = error.problems[0]
            applied.append(first.message)
            path.write_text(apply_hint(path.read_text("utf-8"), first), "utf-8")
    else:
        raise AssertionError(applied)
    assert applied
    assert main(["check", str(path)]) == 0


def test_a_change_the_figure_counts_is_no_change_asked(tmp_path: Path) -> None:
    """ "whose prices went up": the finding's own words, not a question how it changed."""
    text = VALID.read_text(encoding="utf-8").replace(
        "measures: {en: bakeries baking spelt bread, de: Bäckereien mit Dinkelbrot}",
        "measures: {en: bakeries whose spelt prices went up, de: Bäckereien mit Dinkelbrot}",
    )
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    engine = Engine(load_knowledge(path), EngineConfig())
    reply, _ = engine.reply(
        "what share of bakeries say their spelt prices went up?", lang_hint="en"
    )
    assert reply.answered and reply.finding == "spelt", reply.text
    reply, _ = engine.reply("has rye bread gone up?", lang_hint="en")
    assert reply.finding == "rye"  # a change asked of a finding with two years


def test_a_comparisons_word_keeps_a_change_a_change() -> None:
    question = "how much did card preference go up vs the year before"
    assert read_change(words(question), "en", question)[0]


@pytest.mark.parametrize(
    ("kind", "period"),
    [("missing_period", None), ("missing_period", 2019), ("answer", None)],
)
def test_a_confusion_names_the_finding_that_took_the_variant(kind: str, period: int | None) -> None:
    """A variant of `cats` taken by `households`, which has one year only, was reported
    as "cats has figures of one year only" (cats had two): the message names the
    finding that took it and says to tell the two apart."""
    from bot.config import EngineConfig
    from bot.engine import Engine, Reply, ReplyKind
    from bot.engine.confusion import _reason
    from bot.knowledge import load_knowledge

    engine = Engine(load_knowledge(Path(__file__).parent.parent / "knowledge"), EngineConfig())
    reply = Reply("q", ReplyKind(kind), "en", "", finding="households", period=period)
    reason = _reason(reply, "cats", engine)
    assert "households" in reason and "apart" in reason
    assert "cats has figures of one year only" not in reason


def test_a_first_question_answered_with_the_survey_card_is_named(tmp_path: Path) -> None:
    """A finding's first question is what suggestions offer: read as a question about
    the survey itself ("how many bakeries were asked?"), the finding is never shown, so
    check names it (later variants may be such questions by design)."""
    found = _confusions(
        tmp_path,
        ('en: ["How many bakeries sell rye bread?"', 'en: ["How many bakeries were asked?"'),
    )
    assert any(
        "How many bakeries were asked?" in line and "survey itself" in line for line in found
    )
