"""Ids scoped per survey, and how a reference finds what it names.

A finding or topic id is unique within its survey; two surveys may both have a finding
`team-size`. Inside the loaded knowledge base every finding and topic has one *key*: its
bare id when no other survey uses that id (so files written before ids were scoped, and
the ids people already use in logs, buttons and evaluation sets, keep meaning the same),
else `survey/id`.

A reference (`topic:`, `related:`) is resolved in this order: the id in the referring
finding's own survey; `survey/id` naming another survey's entry; a bare id that exactly
one other survey has (how files refer to each other since before ids were scoped).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SEPARATOR = "/"


@dataclass(frozen=True)
class Resolved:
    key: str | None  # None when the reference names nothing (or is ambiguous)
    problem: str = ""  # why, for the editor


@dataclass(frozen=True)
class Namespace:
    """The ids of one kind (findings, or topics), per survey."""

    kind: str  # "finding" or "topic", for messages
    ids_of: Mapping[str, tuple[str, ...]]  # survey id -> its ids, in file order

    @classmethod
    def of(cls, kind: str, entries: Iterable[tuple[str, Iterable[str]]]) -> Namespace:
        ids_of: dict[str, tuple[str, ...]] = {}
        for survey, ids in entries:
            ids_of[survey] = (*ids_of.get(survey, ()), *dict.fromkeys(ids))
        return cls(kind, ids_of)

    def key(self, survey: str, ident: str) -> str:
        """The key of `ident` in `survey`: bare unless another survey has the same id."""
        shared = sum(ident in ids for ids in self.ids_of.values()) > 1
        return f"{survey}{SEPARATOR}{ident}" if shared else ident

    def resolve(self, reference: str, own_survey: str, besides: str = "") -> Resolved:
        """What `reference` names, seen from `own_survey`; `besides`: an id the listing
        of what the survey has leaves out (a finding's own, for its `related`)."""
        if SEPARATOR in reference:
            survey, ident = reference.split(SEPARATOR, 1)
            if survey not in self.ids_of:
                return Resolved(None, f"no survey '{survey}' (surveys: {self._surveys()})")
            if ident not in self.ids_of[survey]:
                return Resolved(None, f"survey '{survey}' has no {self.kind} '{ident}'")
            return Resolved(self.key(survey, ident))
        if reference in self.ids_of.get(own_survey, ()):
            return Resolved(self.key(own_survey, reference))
        holders = [s for s, ids in self.ids_of.items() if reference in ids]
        if len(holders) == 1:
            return Resolved(self.key(holders[0], reference))
        if holders:
            options = ", ".join(f"{s}{SEPARATOR}{reference}" for s in sorted(holders))
            return Resolved(None, f"{self.kind} '{reference}' is in several surveys: {options}")
        own = ", ".join(i for i in self.ids_of.get(own_survey, ()) if i != besides)
        hint = f"{self.kind}s of this survey: {own}" if own else "remove it: there is none else"
        return Resolved(None, f"{self.kind} '{reference}' does not exist ({hint})")

    def unknown(self, reference: str) -> bool:
        return not any(reference.rpartition(SEPARATOR)[2] in ids for ids in self.ids_of.values())

    def _surveys(self) -> str:
        return ", ".join(sorted(self.ids_of)) or "none"
