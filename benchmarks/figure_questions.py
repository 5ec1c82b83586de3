"""What a figure's own questions are worth: nine training surveys whose maintainers
(helpers who read the README and the article, never a question set) added `questions`
to figures, against the same knowledge bases without them, and against the same words
written as the finding's own questions instead (so the gain is not merely more words).

    python -m benchmarks.figure_questions

Each survey alone, the rules and the ceiling (every best candidate answered), answerable
questions right / wrong and near misses declined, per language. Training split only.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from bot.config import EngineConfig
from bot.engine import Engine
from bot.engine.decision import AnswerAll
from bot.evaluation import evaluate
from bot.knowledge import load_knowledge
from bot.training.corpus import load_corpus

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
    names = sorted(p.name for p in AUGMENTED.iterdir() if p.is_dir())
    surveys = [s for s in load_corpus() if s.name in names and s.split == "train"]
    with tempfile.TemporaryDirectory() as tmp:
        variants: dict[str, dict[str, Path]] = {"without": {}, "as finding questions": {}}
        variants["figure questions"] = {s.name: AUGMENTED / s.name for s in surveys}
        for survey in surveys:
            variants["without"][survey.name] = survey.knowledge
            flat = Path(tmp) / survey.name
            flat.mkdir()
            as_finding_questions(AUGMENTED / survey.name, flat)
            variants["as finding questions"][survey.name] = flat
        print(f"{len(surveys)} surveys: {', '.join(s.name for s in surveys)}")
        for label, paths in variants.items():
            for decision in ("rules", "ceiling"):
                counts: Counter[tuple[str, str, str]] = Counter()
                for survey in surveys:
                    engine = Engine(
                        load_knowledge(paths[survey.name]),
                        EngineConfig(),
                        AnswerAll() if decision == "ceiling" else None,
                    )
                    for result in evaluate(engine, survey.sets).counted:
                        case = result.case
                        counts[case.lang, case.category, result.outcome.value] += 1
                print(f"{label:>22} {decision:>7}: " + _row(counts))


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
            f"{lang or 'all'} {100 * right / answerable:.1f}/{100 * wrong / answerable:.1f}, "
            f"{100 * declined / max(near, 1):.1f}"
        )
    return " | ".join(cells)


if __name__ == "__main__":
    main()
