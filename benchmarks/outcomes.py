"""Per-case outcomes of the training split, and what changed between two runs: how a
class fix is measured before it is kept (which answers it turned right, which wrong).

    python -m benchmarks.outcomes dump before.json      # on the commit before the fix
    python -m benchmarks.outcomes dump after.json       # with the fix
    python -m benchmarks.outcomes diff before.json after.json
    python -m benchmarks.outcomes summary after.json

Only the training split: the sealed surveys' misses are never read. A near miss asked
back counts as not declined, so "near declined" here may differ from `survey-bot eval`.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from bot.config import EngineConfig
from bot.engine import Engine
from bot.evaluation import evaluate
from bot.knowledge import load_knowledge
from bot.training.corpus import deployed_with_others, load_corpus

# Case key -> (outcome, category, the reply's headline).
Outcomes = dict[str, tuple[str, str, str]]


def dump(path: Path) -> None:
    corpus = load_corpus()
    found: Outcomes = {}
    for survey in (s for s in corpus if s.split == "train"):
        for with_others in (False, True):
            kb = (
                deployed_with_others(corpus, survey)
                if with_others
                else load_knowledge(survey.knowledge)
            )
            report = evaluate(Engine(kb, EngineConfig()), survey.sets)
            for n, result in enumerate(report.counted):
                key = f"{survey.name}|{with_others}|{n}|{result.case.question}"
                found[key] = (result.outcome.value, result.case.category, result.reply.headline)
    path.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")


def _load(path: Path) -> Outcomes:
    return {k: tuple(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}  # type: ignore[misc]


def diff(before: Path, after: Path) -> None:
    old, new = _load(before), _load(after)
    for key, (outcome, category, _) in old.items():
        if key in new and new[key][0] != outcome:
            survey, with_others, _, question = key.split("|", 3)
            others = "with others" if with_others == "True" else "alone"
            print(
                f"{category} {outcome} -> {new[key][0]} | {survey} {others} | {question[:80]}"
                f" | {new[key][2][:70]}"
            )


def summary(path: Path) -> None:
    found = _load(path)
    for with_others in ("False", "True"):
        counts = Counter(
            (category, outcome)
            for key, (outcome, category, _) in found.items()
            if key.split("|")[1] == with_others
        )
        answerable = sum(n for (c, _), n in counts.items() if c == "answerable")
        near = sum(n for (c, _), n in counts.items() if c == "out_of_scope")
        print(
            f"{'with others' if with_others == 'True' else 'alone'}: "
            f"right {counts['answerable', 'right'] / max(1, answerable):.1%}, "
            f"wrong {counts['answerable', 'wrong'] / max(1, answerable):.1%}, "
            f"near misses declined {counts['out_of_scope', 'declined'] / max(1, near):.1%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("file", type=Path)
    compare = sub.add_parser("diff")
    compare.add_argument("before", type=Path)
    compare.add_argument("after", type=Path)
    sub.add_parser("summary").add_argument("file", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.file)
    elif args.command == "diff":
        diff(args.before, args.after)
    else:
        summary(args.file)


if __name__ == "__main__":
    main()
