"""Charts: which answers offer one, what it shows, and that a PNG comes out."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.chart_png import chart_png
from bot.cli import main
from bot.engine import Engine
from bot.languages.formats import figure_period
from tests.test_surveys import NAMES, engine_for


def test_a_change_over_the_years_is_charted_oldest_first(engine: Engine) -> None:
    chart = engine.chart("own-team", "en")
    assert chart is not None and chart.over_time
    assert [(b.label, b.text) for b in chart.bars] == [("2013", "24%"), ("2014", "35%")]


def test_a_breakdown_is_charted_largest_first_with_its_measures_as_labels(engine: Engine) -> None:
    chart = engine.chart("goals-overview", "de")
    assert chart is not None and not chart.over_time
    assert [b.value for b in chart.bars] == [85, 75, 51, 48, 47]
    assert chart.bars[0].text == "85 %"
    assert "Bekanntheit" in chart.bars[0].label
    assert "Befragt" in chart.caption


def test_only_answers_with_several_figures_offer_a_chart(engine: Engine) -> None:
    team, _ = engine.reply("how many firms have a social media team")
    no_goals, _ = engine.reply("how many companies have no goals for social media")
    assert team.chart and team.to_json()["chart"] is True
    assert no_goals.finding == "no-goals" and not no_goals.chart
    assert engine.chart("no-goals", "en") is None
    assert engine.chart("no-such-finding", "en") is None


@pytest.mark.parametrize("name", NAMES)
def test_every_chart_shows_exactly_the_findings_figures(name: str) -> None:
    engine = engine_for(name)
    for finding in engine.kb.findings.values():
        survey = engine.kb.survey_for(finding.id)
        for lang in ("de", "en"):
            chart = engine.chart(finding.id, lang)
            if chart is None:
                continue
            assert sorted(b.value for b in chart.bars) == sorted(f.value for f in finding.figures)
            if chart.over_time:
                years = sorted(str(figure_period(f, survey)) for f in finding.figures)
                assert [b.label for b in chart.bars] == years


def test_the_chart_is_drawn_as_a_png(engine: Engine) -> None:
    chart = engine.chart("goals-overview", "en")
    assert chart is not None
    assert chart_png(chart).startswith(b"\x89PNG\r\n\x1a\n")


def test_chart_command_writes_a_png_and_names_the_findings_it_can_draw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "team.png"
    assert main(["chart", "own-team", "--lang", "de", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    assert main(["chart", "no-goals", "--out", str(tmp_path / "x.png")]) == 2
    assert "goals-overview" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
