"""`survey-bot draft`: the figures of an article, and nothing it does not say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.authoring.draft import article_language, draft, numbers_of
from bot.cli import main
from bot.knowledge import KnowledgeError, load_knowledge

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
# Read only, never copied: the real articles, where this checkout sits beside them.
SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL = [*sorted((SHARED / "surveys").glob("*.txt")), *sorted((SHARED / "seed").glob("*.txt"))]
# Shares as a person counts them: a number in digits or words before %, Prozent, percent.
_COUNTED = re.compile(
    r"\b(\d{1,3}(?:[.,]\d+)?|vier|four)\s?(?:%|Prozent|percent)|\b(\d{1,3})\s+(?:beziehungsweise|or)\s+\d",
    re.IGNORECASE,
)


def drafted(text: str, year: int | None = None) -> list[tuple[float, int | None]]:
    data = yaml.safe_load(draft(text, article_language(text), None, year))
    return [
        (float(figure["value"]), figure.get("period"))
        for finding in data["findings"]
        for figure in finding["figures"]
    ]


def test_a_german_article_every_share_with_its_period() -> None:
    text = (ARTICLES / "bakeries-de.txt").read_text(encoding="utf-8")
    assert article_language(text) == "de"
    assert drafted(text) == [
        (41, 2023),  # "im Vorjahr", against the heading's 2024
        (56, None),
        (88, None),
        (9, 2022),  # "vor zwei Jahren"
        (12.5, None),
        (63, None),  # "63 beziehungsweise 58 Prozent"
        (58, None),
        (4, None),  # "vier Prozent"
    ]


def test_an_english_article_and_a_year_given() -> None:
    text = (ARTICLES / "commuters-en.txt").read_text(encoding="utf-8")
    assert article_language(text) == "en"
    assert drafted(text, year=2023) == [
        (61, None),
        (44, 2022),  # "last year"
        (20, None),
        (35, None),
        (27.5, None),
        (66, None),
    ]


@pytest.mark.parametrize("path", [*sorted(ARTICLES.glob("*.txt")), *REAL], ids=lambda p: p.name)
def test_a_draft_invents_no_figure_and_misses_few(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [value for value, _ in drafted(text)]
    assert set(found) <= numbers_of(text)  # every figure is a number of the article
    counted = _COUNTED.findall(text)
    assert len(found) >= 0.9 * len(counted), (len(found), len(counted))


def test_check_names_what_is_left_in_a_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.yaml"
    assert main(["draft", str(ARTICLES / "bakeries-de.txt"), "--out", str(out)]) == 0
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(out)
    problems = str(caught.value)
    assert "missing from the en answer" in problems  # the English texts are still TODO
    assert f"{out}:" in problems


def test_review_fixes_for_draft() -> None:
    """Bugs found in review: "1,200, 45%" drafted a 1.2; with no dateline, a number
    of the first paragraph ("unter 1922 Befragten") became the survey year."""
    english = (
        "A poll of commuters\n\n"
        "In the survey of 1,200, 45% said yes. Among those aged 18 to 29, 61% agree.\n"
    )
    assert [v for v, _ in drafted(english)] == [45, 61]
    german = (
        "Weniger Homeoffice\n"
        "Unter 1922 Befragten arbeiten 39 % zu Hause, gegenüber 55 % vor zwei Jahren.\n"
    )
    data = yaml.safe_load(draft(german, "de", None, None))
    assert str(data["survey"]["year"]).startswith("TODO")
    assert all("period" not in f for finding in data["findings"] for f in finding["figures"])
