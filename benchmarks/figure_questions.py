"""What a figure's own questions are worth: surveys whose maintainers (helpers who read
the README and the article, never a question set) added `questions` to figures
(`tests/fixtures/figure-questions/`), against the corpus's knowledge bases without them,
and against the same words written as the finding's own questions (so the gain is not
merely more words).

    python -m benchmarks.figure_questions                 # training surveys
    python -m benchmarks.figure_questions --split test    # sealed surveys: totals only
    python -m benchmarks.figure_questions --config learned.yaml   # another decision

Each survey alone and deployed with others (the bundled survey and two more of its
split, with their figure questions where they have them); the configured decision (the
rules by default) and the ceiling (every best candidate answered): answerable questions
right / wrong and near misses declined, per language. Only totals are printed.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from bot.config import load_config
from bot.engine import Engine
from bot.engine.decision import AnswerAll
from bot.evaluation import evaluate
from bot.knowledge import load_knowledge
from bot.training.corpus import CorpusSurvey, deployed_with_others, load_corpus

AUGMENTED = Path(__file__).parents[1] / "tests" / "fixtures" / "figure-questions"


def as_finding_questions(source: Path, target: Path) -> None:
    """The same knowledge base with each figure's questions moved to its finding's."""
    for path in source.glob("*.yaml"):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        for finding in data["findings"]:
            for figure in finding.get("figures", []):
                for lang, asked in (figure.pop("questions", None) or {}).items():
                    own = finding["questions"].setdefault(lang, [])
                    own.extend(q for q in asked if q not in own)
        (target / path.name).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "test"), default="train")
    parser.add_argument("--config", type=Path, help="a config whose `engine` decides")
    args = parser.parse_args()
    config = load_config(args.config).engine
    corpus = load_corpus()
    augmented = {p.name for p in AUGMENTED.iterdir() if p.is_dir()}
    measured = [s.name for s in corpus if s.split == args.split and s.name in augmented]
    print(f"{len(measured)} surveys of the {args.split} split: {', '.join(measured)}")
    with tempfile.TemporaryDirectory() as tmp:
        flat: dict[str, Path] = {}
        for name in augmented:
            flat[name] = Path(tmp) / name
            flat[name].mkdir()
            as_finding_questions(AUGMENTED / name, flat[name])
        variants = {
            "without": corpus,
            "as finding questions": _with(corpus, flat),
            "figure questions": _with(corpus, {n: AUGMENTED / n for n in augmented}),
        }
        for label, surveys in variants.items():
            for decision in ("decision", "ceiling"):
                for with_others in (False, True):
                    counts: Counter[tuple[str, str, str]] = Counter()
                    for survey in (s for s in surveys if s.name in measured):
                        kb = (
                            deployed_with_others(surveys, survey)
                            if with_others
                            else load_knowledge(survey.knowledge)
                        )
                        engine = Engine(kb, config, AnswerAll() if decision == "ceiling" else None)
                        for result in evaluate(engine, survey.sets).counted:
                            case = result.case
                            counts[case.lang, case.category, result.outcome.value] += 1
                    where = "with others" if with_others else "alone"
                    print(f"{label:>20} {decision:>8} {where:>11}: {_row(counts)}", flush=True)


def _with(corpus: list[CorpusSurvey], knowledge: dict[str, Path]) -> list[CorpusSurvey]:
    return [replace(s, knowledge=knowledge.get(s.name, s.knowledge)) for s in corpus]


def _row(counts: Counter[tuple[str, str, str]]) -> str:
    cells = []
    for lang in ("en", "de", None):
        asked = {k: v for k, v in counts.items() if lang is None or k[0] == lang}
        answerable = sum(v for k, v in asked.items() if k[1] == "answerable")
        right = sum(v for k, v in asked.items() if k[1] == "answerable" and k[2] == "right")
        wrong = sum(v for k, v in asked.items() if k[1] == "answerable" and k[2] == "wrong")
        near = sum(v for k, v in asked.items() if k[1] == "out_of_scope")
        declined = sum(v for k, v in asked.items() if k[1] == "out_of_scope" and k[2] == "declined")
        cells.append(
            f"{lang or 'all'} {100 * right / max(answerable, 1):.1f}/"
            f"{100 * wrong / max(answerable, 1):.1f}, {100 * declined / max(near, 1):.1f}"
        )
    return " | ".join(cells)


if __name__ == "__main__":
    main()
