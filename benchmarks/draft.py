"""How much of a `survey-bot draft` a maintainer keeps, measured against knowledge bases
written by hand from the same articles.

    python -m benchmarks.draft ARTICLES_DIR TRUTH_DIR [--verbose]

ARTICLES_DIR holds the articles as text (title first; a header of `KEY: value` lines
above it, as in the corpus, is skipped). The truth of `NAME.txt` is the knowledge base
in TRUTH_DIR/SLUG/, SLUG being NAME without a leading "de-"/"en-". Articles stay
outside the repository: other people's sentences are never committed.

Each article is drafted with its truth's survey year (`--year`, as a maintainer would
give it). A figure is its value and its period (the survey year when none is given). A
drafted finding stands for the truth finding that holds most of its figures. Reported,
per article and in total:

- found: the share of the truth's figures that the draft has, with the right period,
  in the finding that stands for theirs (of all figures, and of the shares only, which
  are what `draft` reads);
- wrong: drafted figures whose value is a true figure's but whose period or finding is
  not (a number attached to the wrong finding or year);
- extra: drafted figures whose value is no figure of the truth (a number the
  maintainer left out, or one misread);
- year TODO: drafted figures whose year the draft leaves to the maintainer ("von 41
  auf 39 Prozent" with no earlier year named), not counted as drafted;
- kept: the share of drafted figures that are right (what a maintainer keeps).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.authoring.draft import article_language, draft

_HEADER = re.compile(r"^[A-Z_]+: ")
# Values as the truth and the draft write them: "two thirds" is 66.7 or 67.
_SAME = 0.5

Figure = tuple[float, int]  # value, period


@dataclass
class Score:
    truth: int = 0
    truth_shares: int = 0
    found: int = 0
    found_shares: int = 0
    drafted: int = 0
    right: int = 0
    wrong: int = 0
    extra: int = 0
    marked: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("truth", "truth_shares", "found", "found_shares", "drafted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("right", "wrong", "extra", "marked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def article_text(path: Path) -> str:
    """The article without the corpus's header lines; where the header has a TITLE
    (some copies lack the headline), it is the title line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    title = None
    while lines and (_HEADER.match(lines[0]) or not lines[0].strip()):
        line = lines.pop(0)
        if line.startswith("TITLE: "):
            title = re.sub(r"\s*\(derived from URL.*\)$", "", line.removeprefix("TITLE: "))
    if title is not None and lines and lines[0].strip() != title:
        lines.insert(0, title)
    return "\n".join(lines)


def truth_of(folder: Path) -> tuple[int, dict[str, list[tuple[Figure, bool]]]]:
    """The survey year and each finding's figures (with whether each is a share)."""
    data: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(loaded, dict) and "survey" in loaded:
            data = loaded
    year = int(data["survey"]["year"])
    findings = {
        str(f["id"]): [
            (
                (float(g["value"]), int(g.get("period") or year)),
                g.get("unit", "percent") == "percent",
            )
            for g in f.get("figures") or []
        ]
        for f in data.get("findings") or []
    }
    return year, findings


def _same(one: Figure, other: Figure) -> bool:
    return abs(one[0] - other[0]) < _SAME and one[1] == other[1]


def score(article: str, year: int, truth: dict[str, list[tuple[Figure, bool]]]) -> Score:
    drafted_yaml = yaml.safe_load(draft(article, article_language(article), None, year))
    result = Score()
    drafted = []
    for f in drafted_yaml.get("findings") or []:
        figures = []
        for g in f.get("figures") or []:
            if not isinstance(g.get("period", year), int):
                result.marked += 1  # a year left to the maintainer: no figure, no error
                continue
            figures.append((float(g["value"]), int(g.get("period") or year)))
        drafted.append(figures)
    for figures in truth.values():
        result.truth += len(figures)
        result.truth_shares += sum(1 for _, share in figures if share)
    found: set[tuple[str, int]] = set()
    for figures in drafted:
        votes = Counter(
            finding
            for figure in figures
            for finding, truths in truth.items()
            if any(_same(figure, t) for t, _ in truths)
        )
        # Of findings that hold as many of its figures, the one whose are not found yet
        # (one share of 50% may be two findings' figure).
        best = max(votes.values(), default=0)
        tied = [f for f, n in votes.items() if n == best]
        mapped = next(
            (f for f in tied if any((f, i) not in found for i in range(len(truth[f])))),
            tied[0] if tied else None,
        )
        for figure in figures:
            result.drafted += 1
            truths = truth.get(mapped, []) if mapped else []
            index = next(
                (
                    i
                    for i, (t, _) in enumerate(truths)
                    if _same(figure, t) and (mapped, i) not in found
                ),
                None,
            )
            if mapped is not None and index is not None:
                result.right += 1
                found.add((mapped, index))
            elif any(abs(figure[0] - t[0]) < _SAME for ts in truth.values() for t, _ in ts):
                result.wrong += 1
                result.notes.append(f"wrong: {figure[0]:g} ({figure[1]})")
            else:
                result.extra += 1
                result.notes.append(f"extra: {figure[0]:g} ({figure[1]})")
    result.found = len(found)
    result.found_shares = sum(1 for f, i in found if truth[f][i][1])
    for finding, figures in truth.items():
        for i, (figure, share) in enumerate(figures):
            if share and (finding, i) not in found:
                result.notes.append(f"missed: {figure[0]:g} ({figure[1]}) of {finding}")
    return result


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("articles", type=Path)
    parser.add_argument("truth", type=Path)
    parser.add_argument("--verbose", action="store_true", help="list each miss and wrong figure")
    args = parser.parse_args(argv)
    total = Score()
    print(
        "| article | shares found | all found | drafted | right | wrong | extra | year TODO "
        "| kept |\n"
        "|---|---|---|---|---|---|---|---|---|"
    )
    for path in sorted(args.articles.glob("*.txt")):
        slug = re.sub(r"^(de|en)-", "", path.stem)
        folder = args.truth / slug
        if not folder.is_dir():
            continue
        year, truth = truth_of(folder)
        result = score(article_text(path), year, truth)
        total.add(result)
        print(
            f"| {slug} | {result.found_shares}/{result.truth_shares} | "
            f"{result.found}/{result.truth} | {result.drafted} | {result.right} | "
            f"{result.wrong} | {result.extra} | {result.marked} | "
            f"{_share(result.right, result.drafted)} |"
        )
        if args.verbose:
            for note in result.notes:
                print(f"    {note}")
    print(
        f"| **total** | {total.found_shares}/{total.truth_shares} "
        f"({_share(total.found_shares, total.truth_shares)}) | {total.found}/{total.truth} "
        f"({_share(total.found, total.truth)}) | {total.drafted} | {total.right} | "
        f"{total.wrong} | {total.extra} | {total.marked} | {_share(total.right, total.drafted)} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
