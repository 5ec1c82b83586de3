"""Problems found in a knowledge base, phrased for the people who edit it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: Path
    line: int | None
    message: str
    # A rule added to the format after a file of this shape last loaded: the file is
    # still served (read as it meant), `check` names the fix and `check --strict` fails.
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else str(self.file)
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"


class KnowledgeError(Exception):
    """The knowledge base cannot be used; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
