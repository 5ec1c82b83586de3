"""Figures as sources write them in words: one reader (bot/languages/worded.py), driven
by the language packs, for `check` and `draft`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import EngineConfig
from bot.engine import Engine
from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.schema import Lang
from bot.languages.worded import read_worded

WORDED = Path(__file__).parent / "fixtures" / "worded" / "worded.yaml"


@pytest.mark.parametrize(
    ("lang", "text", "value", "low", "high"),
    [
        # A hyphenated cardinal is one number: 93, never 3.
        ("en", "Ninety-three percent said so", 93, 93, 93),
        ("en", "Fifteen percent", 15, 15, 15),
        ("en", "three-fourths of them", 75, 74, 76),
        ("en", "three quarters", 75, 74, 76),
        ("en", "two thirds", 66.7, 65.7, 67.7),
        ("en", "one in three", 33.3, 32.3, 34.3),
        ("en", "four in 10 adults", 40, 39, 41),
        ("en", "every fifth", 20, 19, 21),
        ("en", "about half", 50, 45, 55),
        ("en", "nearly a third", 33.3, 23.3, 33.3),
        ("en", "more than half", 50, 50, 60),
        ("de", "zwanzig Prozent", 20, 20, 20),
        ("de", "dreiundneunzig Prozent", 93, 93, 93),
        ("de", "drei Viertel", 75, 74, 76),
        ("de", "ein Drittel", 33.3, 32.3, 34.3),
        ("de", "jede fünfte", 20, 19, 21),
        ("de", "jeder Zehnte", 10, 9, 11),
        ("de", "vier von zehn", 40, 39, 41),
        ("de", "fast die Hälfte", 50, 40, 50),
        ("de", "etwa die Hälfte", 50, 45, 55),
    ],
)
def test_a_share_in_words_is_read_with_the_range_it_stands_for(
    lang: Lang, text: str, value: float, low: float, high: float
) -> None:
    (found,) = [w for w in read_worded(text, lang) if w.unit == "percent"]
    assert (found.value, found.low, found.high) == (value, low, high)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "a majority of adults"),  # implies no value
        ("en", "in 2019 four people"),  # no share without a unit or a fraction
        ("de", "die Mehrheit der Befragten"),
        ("de", "2018 von 41 auf 45"),  # no ratio: the first number is larger
        ("de", "in einer Umfrage"),
    ],
)
def test_words_that_imply_no_value_are_no_share(lang: Lang, text: str) -> None:
    assert [w for w in read_worded(text, lang) if w.unit == "percent"] == []


def test_check_accepts_figures_written_in_words_in_both_languages() -> None:
    kb = load_knowledge(WORDED)
    assert len(kb.findings) == 4


@pytest.mark.parametrize(
    ("old", "new", "missing"),
    [
        # 30 lies outside "about half" (45 to 55).
        ("value: 48", "value: 30", "the figure 30 is missing from the en answer"),
        # "fast die Hälfte" is under half: 52 is not.
        ("value: 48", "value: 52", "the figure 52 is missing from the de answer"),
        # A figure written as a cardinal must be that cardinal.
        ("value: 93", "value: 3", "the figure 3 is missing from the en answer"),
    ],
)
def test_check_refuses_words_whose_value_is_not_the_figure(
    tmp_path: Path, old: str, new: str, missing: str
) -> None:
    path = tmp_path / "kb.yaml"
    path.write_text(WORDED.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=missing):
        load_knowledge(path)


def test_the_bot_answers_and_charts_figures_written_in_words() -> None:
    engine = Engine(load_knowledge(WORDED), EngineConfig())
    reply, state = engine.reply("how many bakeries sell rye bread")
    assert reply.finding == "rye" and reply.text.startswith("Three-fourths")
    earlier, _ = engine.reply("and in 2019?", state)
    assert "about half of bakeries (48%)" in earlier.text
    german, _ = engine.reply("wie viele Bäckereien haben einen Steinofen?")
    assert german.text.startswith("Dreiundneunzig Prozent")
    chart = engine.chart("rye", "en")
    assert chart is not None and [bar.value for bar in chart.bars] == [48, 75]


def test_the_numbers_of_a_ratio_are_no_numbers_of_their_own_only_when_it_is_a_figure(
    tmp_path: Path,
) -> None:
    """ "Four in 10" writes the figure 40; where no figure is 40%, its 10 is a number
    the answer states ("12 von 15 Ländern" is no share to hide)."""
    path = tmp_path / "kb.yaml"
    text = WORDED.read_text(encoding="utf-8").replace("value: 40", "value: 45", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    assert "the figure 45 is missing from the en answer" in str(caught.value)
    assert "the en answer says 10" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two hundred fifty companies", 250.0),
        ("one hundred and five percent", 105.0),
        ("one hundred percent", 100.0),
    ],
)
def test_a_hundred_takes_the_tens_and_units_after_it(text: str, value: float) -> None:
    """ "two hundred fifty" was read as 200 and 50: check then accepted a figure of 50."""
    from bot.languages.worded import read_worded

    assert [w.value for w in read_worded(text, "en")] == [value]
