"""A change the source states, written either way a maintainer writes it: as a change
(`changes:`, "up 11 points since 2023") or as a figure in points (`unit: points`,
"11 points more than a year before"). Both answer "has it changed?" and "by how many
points?"; only a finding with neither and figures of one year cannot show a change.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge.schema import Figure, Finding

POINTS = "points"


def states_a_change(finding: Finding) -> bool:
    """Does the finding state how much something changed, by a change or a figure in
    points?"""
    return bool(finding.changes) or any(f.unit == POINTS for f in finding.figures)


def unit_for_change(asked: str | None, change: bool, figures: Sequence[Figure]) -> str | None:
    """The unit a question asks in: the one it names, else, for "has it changed?",
    points where the figures state a change in points (the level is told beside it)."""
    if asked is not None or not change:
        return asked
    return POINTS if any(f.unit == POINTS for f in figures) else None
