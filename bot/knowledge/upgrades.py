"""Files that loaded in an earlier release load after an upgrade.

A rule added to the format after files were written applies to them as a *warning*
that names the fix, and the file is served, read the way it meant where that is clear.
`survey-bot check` lists the warnings; `check --strict` fails on them.

The rules added since the first release (2026-11-28), and how an earlier file is read:

- A figure is written with its unit in the answers (2026-12-03). Before, a figure was a
  percentage unless it said `unit: count`, and nothing checked how the answer wrote it,
  so sample sizes (`value: 1103`, "1,103 companies") and changes in points
  (`value: 11`, "up 11 points") were written as percentages. Such a figure is read as
  the answer writes it: percentage points or money where the answer says so (or the
  measures say "points"), a count where the value is over 100 (no share) and the answer
  gives no per cent, a plain number otherwise (which names no unit it may not have).
  Units an earlier format did not have (points, currency, number) are the editor's own
  choice: a mismatch there stays an error.
- Anchors and aliases were refused (2026-12-02); they are read again, bounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.knowledge.checks import units_written, written_so
from bot.knowledge.model import ParsedFile
from bot.knowledge.problems import Problem
from bot.knowledge.schema import LANGS, Figure, Finding, SurveyFile, Texts, Unit

# The units a figure could have in the format of 2026-12-01.
EARLIER_UNITS: frozenset[str] = frozenset({"percent", "count"})
# A share is at most the whole.
MAX_SHARE = 100


@dataclass(frozen=True)
class Reading:
    """How a figure is read: its unit (and currency), and why."""

    unit: Unit
    currency: str | None
    because: str


def read_as_meant(files: list[ParsedFile]) -> tuple[list[ParsedFile], list[Problem]]:
    """The files with each figure of an earlier format read as its answer writes it, and
    a warning for each naming the fix."""
    upgraded: list[ParsedFile] = []
    warnings: list[Problem] = []
    for file in files:
        if not isinstance(file.content, SurveyFile):
            upgraded.append(file)
            continue
        findings = []
        for index, finding in enumerate(file.content.findings):
            new, found = _finding(file, index, finding)
            findings.append(new)
            warnings += found
        content = file.content.model_copy(update={"findings": findings})
        upgraded.append(ParsedFile(file.path, file.located, content))
    return upgraded, warnings


def _finding(file: ParsedFile, index: int, finding: Finding) -> tuple[Finding, list[Problem]]:
    figures: list[Figure] = []
    warnings: list[Problem] = []
    for f_index, figure in enumerate(finding.figures):
        reading = _reading(finding, figure) if figure.unit in EARLIER_UNITS else None
        if reading is None:
            figures.append(figure)
            continue
        path = ("findings", index, "figures", f_index)
        said = "unit" in _raw(file.located.data, path)
        fix = f"{'set' if said else 'add'} `unit: {reading.unit}`"
        if reading.currency is not None:
            fix += f" and `currency: {reading.currency}`"
        if reading.unit == "count":
            fix += " (and `counts:` with en/de, what it counts)"
        earlier = f"`unit: {figure.unit}`" if said else "no `unit:` (so a percentage)"
        warnings.append(
            Problem(
                file.path,
                file.located.line_of((*path, "value")),
                f"the figure {figure.value:g} has {earlier}, but {reading.because}: it is "
                f"read as {_unit_words(reading)} for now; {fix} to the figure (an earlier "
                "format allowed this; `check --strict` fails on it)",
                warning=True,
            )
        )
        figures.append(
            figure.model_copy(update={"unit": reading.unit, "currency": reading.currency})
        )
    return finding.model_copy(update={"figures": figures}), warnings


def _raw(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data if isinstance(data, dict) else {}


def _texts(finding: Finding, figure: Figure) -> list[Texts]:
    return [finding.answer, *([figure.answer] if figure.answer is not None else [])]


def _reading(finding: Finding, figure: Figure) -> Reading | None:
    """How the answers write the figure, when that is not its unit; None when they
    write it with its unit (or do not write it: check names that)."""
    value = float(abs(figure.value))
    marks: set[str] = set()
    mismatch = False
    for texts in _texts(finding, figure):
        for lang in LANGS:
            written = units_written(texts.get(lang), lang)
            if value not in written:
                continue
            marks |= written[value]
            if not written_so(figure, written[value], set().union(*written.values())):
                mismatch = True
            # "35% of the 1,103 asked": a bare number beside a share is that share's
            # only where it could be one.
            if figure.unit == "percent" and value > MAX_SHARE and "percent" not in marks:
                mismatch = True
    if not mismatch:
        return None
    if "points" in marks or (marks == {"plain"} and _measures_points(figure)):
        return Reading("points", None, "the answer writes it in percentage points")
    currencies = sorted(m.partition(":")[2] for m in marks if m.startswith("currency:"))
    if currencies:
        return Reading("currency", currencies[0], f"the answer writes it as {currencies[0]}")
    if "percent" in marks:
        return Reading("percent", None, "the answer writes it as a percentage")
    if value > MAX_SHARE:
        return Reading("count", None, f"{value:g} is over {MAX_SHARE}, no percentage")
    return Reading("number", None, "the answer writes it without a unit")


def _measures_points(figure: Figure) -> bool:
    """Do the figure's measures say it counts percentage points ("change in points")?"""
    from bot.languages import pack

    for lang in LANGS:
        text = f" {' '.join(figure.measures.get(lang).casefold().split())} "
        marks = pack(lang).units.points_marks
        if any(f" {' '.join(mark).casefold()} " in text for mark in marks):
            return True
    return False


def _unit_words(reading: Reading) -> str:
    if reading.unit == "currency":
        return f"an amount in {reading.currency}"
    return {
        "percent": "a percentage",
        "points": "percentage points",
        "count": "a count",
        "number": "a plain number",
    }[reading.unit]
