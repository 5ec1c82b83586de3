"""Sides taken on a proposal: "for" and "against" a speed limit, "dafür" and "dagegen".

A finding often gives both sides ("59% for, 39% against"), and for some groups only one
("69% of FDP supporters against"). A question that takes a side ("how many are against
it?", "Gegner?") asks for the figure of that side; where the figures give only the
other side for what it asks, the finding has no figure for it. The words of each side
are language data (the packs' `stances`).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from functools import cache
from typing import TypeVar

from bot.engine.text import words
from bot.knowledge.schema import LANGS, Figure, Quantity
from bot.languages import language_packs

Q = TypeVar("Q", bound=Quantity)


class Side(str, Enum):
    TAKING = "taking"
    OPPOSING = "opposing"


@cache
def _phrases() -> dict[tuple[str, ...], Side]:
    found: dict[tuple[str, ...], Side] = {}
    for pack in language_packs().values():
        found.update(dict.fromkeys(pack.stances.taking, Side.TAKING))
        found.update(dict.fromkeys(pack.stances.opposing, Side.OPPOSING))
    return found


@cache
def _prepositions() -> dict[str, Side]:
    found: dict[str, Side] = {}
    for pack in language_packs().values():
        found.update(dict.fromkeys(pack.stances.taking_prepositions, Side.TAKING))
        found.update(dict.fromkeys(pack.stances.opposing_prepositions, Side.OPPOSING))
    return found


@cache
def _copulas() -> frozenset[str]:
    return frozenset().union(*(p.counting.copulas for p in language_packs().values()))


@cache
def stance_words() -> frozenset[str]:
    """Every word of the sides' phrases, in every language."""
    return frozenset(word for phrase in _phrases() for word in phrase)


def _sides_in(folded: Sequence[str]) -> set[Side]:
    phrases = _phrases()
    longest = max((len(p) for p in phrases), default=1)
    return {
        phrases[tuple(folded[i : i + n])]
        for i in range(len(folded))
        for n in range(1, longest + 1)
        if tuple(folded[i : i + n]) in phrases
    }


def side_asked(folded: Sequence[str]) -> Side | None:
    """The side a question takes, if exactly one: by its words ("oppose", "Gegner"), or
    by "for" or "against" right after a copula ("sind für ein Tempolimit", "are
    against it"; not "what is it for women?")."""
    sides = _sides_in(folded)
    prepositions = _prepositions()
    copulas = _copulas()
    for at, word in enumerate(folded):
        after = folded[at + 1 : at + 2]
        # "sind gegen 8 Uhr wach" is a time, no side.
        if (
            word in prepositions
            and at > 0
            and folded[at - 1] in copulas
            and not (after and after[0].isdigit())
        ):
            sides.add(prepositions[word])
    return sides.pop() if len(sides) == 1 else None


def side_of(figure: Quantity) -> Side | None:
    """The side a figure (or change) measures, if its measures take exactly one: by
    their words, or by "for" opening them ("for a speed limit")."""
    sides: set[Side] = set()
    for lang in LANGS:
        folded = words(figure.measures.get(lang))
        sides |= _sides_in(folded)
        if folded and folded[0] in _prepositions():
            sides.add(_prepositions()[folded[0]])
    return sides.pop() if len(sides) == 1 else None


def of_side(figures: Sequence[Q], side: Side | None) -> list[Q]:
    """The figures of the side asked, when some figures take it; else all of them."""
    if side is None:
        return list(figures)
    sided = [f for f in figures if side_of(f) is side]
    return sided or list(figures)


def other_side_led(figures: Sequence[Figure], lead: float | None, side: Side | None) -> bool:
    """Does the reply lead with a figure of the side the question does not take ("how
    many of the young are against it?" answered with the young's support)?"""
    if side is None or lead is None:
        return False
    led = [side_of(f) for f in figures if float(f.value) == lead]
    return bool(led) and all(s is not None and s is not side for s in led)
