"""Every figure says what it is: a share, percentage points, a count, money. The unit is
rendered the way each language writes it, and `check` refuses an answer that writes a
figure with another unit ("11%" for 11 points), naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.schema import Figure
from bot.languages.formats import format_figure

VALID = Path(__file__).parent / "fixtures" / "knowledge" / "valid.yaml"


def figure(value: float, unit: str = "percent", **extra: object) -> Figure:
    return Figure.model_validate(
        {"value": value, "unit": unit, "measures": {"de": "x", "en": "x"}, **extra}
    )


@pytest.mark.parametrize(
    ("quantity", "en", "de"),
    [
        (figure(55.7), "55.7%", "55,7 %"),
        (figure(11, "points"), "11 points", "11 Prozentpunkte"),
        (figure(1, "points"), "1 point", "1 Prozentpunkt"),
        (figure(7.25, "currency", currency="USD"), "$7.25", "7,25 $"),
        (figure(12, "currency", currency="EUR"), "€12", "12 €"),
        (
            figure(1103, "count", counts={"en": "companies", "de": "Unternehmen"}),
            "1,103 companies",
            "1.103 Unternehmen",
        ),
        (figure(2.5, "number"), "2.5", "2,5"),
    ],
)
def test_a_figure_is_written_with_its_unit_as_each_language_writes_it(
    quantity: Figure, en: str, de: str
) -> None:
    assert format_figure(quantity, "en") == en
    assert format_figure(quantity, "de") == de


def test_a_change_is_written_with_its_sign() -> None:
    assert format_figure(figure(11, "points"), "en", signed=True) == "+11 points"
    assert format_figure(figure(-4, "points"), "de", signed=True) == "−4 Prozentpunkte"


SPELT = """      - value: 12.5
        measures: {en: bakeries baking spelt bread, de: Bäckereien mit Dinkelbrot}"""


def _spelt(tmp_path: Path, en: str, de: str, figures: str) -> Path:
    """The valid fixture with the spelt finding's answer and figures replaced."""
    text = VALID.read_text(encoding="utf-8")
    text = text.replace("en: 12.5% of bakeries bake spelt bread.", f"en: {en}")
    text = text.replace("de: 12,5 % der Bäckereien backen Dinkelbrot.", f"de: {de}")
    assert SPELT in text
    text = text.replace(SPELT, figures)
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


POINTS = """      - value: 12.5
        measures: {en: bakeries baking spelt bread, de: Bäckereien mit Dinkelbrot}
    changes:
      - value: 3
        unit: points
        from: 2019
        to: 2020
        measures: {en: bakeries baking spelt bread, de: Bäckereien mit Dinkelbrot}"""


def test_check_refuses_points_written_as_percent(tmp_path: Path) -> None:
    en = "12.5% of bakeries bake spelt bread, 3% more than in 2019."
    de = "12,5 % der Bäckereien backen Dinkelbrot, 3 Prozentpunkte mehr als 2019."
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(_spelt(tmp_path, en, de, POINTS))
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{tmp_path / 'kb.yaml'}:38: ")  # the spelt answer's en line
    assert "the figure 3 is in percentage points, but the en answer" in str(problem)
    assert "'3 points'" in str(problem)
    fixed = en.replace("3% more", "3 percentage points more")
    assert load_knowledge(_spelt(tmp_path, fixed, de, POINTS)).findings["spelt"].changes


def _with_price(currency: str) -> str:
    """The spelt figures and a price of a loaf, `currency:` line as given."""
    return SPELT + (
        f"\n      - value: 4.5\n        unit: currency\n{currency}"
        "        measures: {en: price of a spelt loaf, de: Preis eines Dinkelbrots}"
    )


def test_check_wants_money_with_its_currency(tmp_path: Path) -> None:
    money = _with_price("        currency: EUR\n")
    en = "12.5% of bakeries bake spelt bread, at 4.50 a loaf."
    de = "12,5 % der Bäckereien backen Dinkelbrot, für 4,50 € das Brot."
    with pytest.raises(KnowledgeError, match=r"4\.5 is an amount in EUR, but the en answer"):
        load_knowledge(_spelt(tmp_path, en, de, money))
    en = "12.5% of bakeries bake spelt bread, at €4.50 a loaf."
    assert load_knowledge(_spelt(tmp_path, en, de, money))


def test_a_currency_figure_needs_its_currency(tmp_path: Path) -> None:
    money = _with_price("")
    en = "12.5% of bakeries bake spelt bread, at €4.50 a loaf."
    de = "12,5 % der Bäckereien backen Dinkelbrot, für 4,50 € das Brot."
    with pytest.raises(KnowledgeError, match="needs `currency:`"):
        load_knowledge(_spelt(tmp_path, en, de, money))


GROUPS = """      - value: 12.5
        measures: {en: bakeries baking spelt bread, de: Bäckereien mit Dinkelbrot}
      - value: 20
        measures: {en: bakeries baking spelt bread, de: Bäckereien mit Dinkelbrot}
        group:
          name: {en: bakeries with 20 to 49 staff, de: Bäckereien mit 20 bis 49 Beschäftigten}
          by: {en: size, de: Größe}"""


def test_the_numbers_that_define_a_subgroup_need_no_workaround(tmp_path: Path) -> None:
    en = "12.5% of bakeries bake spelt bread; of those with 20 to 49 staff, 20%."
    de = "12,5 % der Bäckereien backen Dinkelbrot; bei 20 bis 49 Beschäftigten 20 %."
    kb = load_knowledge(_spelt(tmp_path, en, de, GROUPS))
    group = kb.findings["spelt"].figures[1].group
    assert group is not None and group.name.en == "bakeries with 20 to 49 staff"


def test_a_subgroup_needs_its_name_in_both_languages(tmp_path: Path) -> None:
    en = "12.5% of bakeries bake spelt bread; of those with 20 to 49 staff, 20%."
    de = "12,5 % der Bäckereien backen Dinkelbrot; bei 20 bis 49 Beschäftigten 20 %."
    one_language = GROUPS.replace(", de: Bäckereien mit 20 bis 49 Beschäftigten}", "}")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(_spelt(tmp_path, en, de, one_language))
    [problem] = caught.value.problems
    assert "group.name.de: required, but missing" in str(problem)
    assert str(problem).startswith(f"{tmp_path / 'kb.yaml'}:")


def test_a_range_with_its_unit_at_one_end_still_loads(tmp_path: Path) -> None:
    """Files written before units existed say "from 50 to 60 percent": they load."""
    text = VALID.read_text(encoding="utf-8").replace(
        "en: 60% of bakeries sell rye bread, up from 50% in 2019.",
        "en: Bakeries selling rye bread rose from 50 to 60 percent since 2019.",
    )
    path = tmp_path / "kb.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_knowledge(path).findings["rye"]


def test_the_language_packs_import_on_their_own() -> None:
    import subprocess
    import sys

    for module in ("bot.languages", "bot.languages.formats"):
        run = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
        assert run.returncode == 0, run.stderr.decode()


@pytest.mark.parametrize(
    ("quantity", "en", "de"),
    [
        (figure(7.5, "currency", currency="USD"), "$7.50", "7,50 $"),
        (figure(12, "currency", currency="CHF"), "CHF 12", "12 CHF"),
        (figure(-4, "currency", currency="USD"), "−$4", "−4 $"),
        (figure(123456789.25), "123,456,789.25%", "123.456.789,25 %"),
        (figure(-1, "points"), "−1 point", "−1 Prozentpunkt"),
    ],
)
def test_money_signs_and_long_numbers_are_written_in_full(
    quantity: Figure, en: str, de: str
) -> None:
    assert format_figure(quantity, "en") == en
    assert format_figure(quantity, "de") == de
