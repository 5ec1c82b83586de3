"""The corpus: every survey with its knowledge base and its blind question sets, and
which split it is in. `test` surveys are sealed: measured at the start and the end of a
round, totals only, and never trained or tuned on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from bot.config import EngineConfig
from bot.engine.decision import Decision
from bot.evaluation import Outcome, Report, evaluate
from bot.knowledge import KnowledgeBase, KnowledgeError, load_knowledge

Split = Literal["train", "test"]
ROOT = Path(__file__).resolve().parents[2]
CORPUS_FILE = ROOT / "tests" / "eval" / "corpus.yaml"
BUNDLED = ROOT / "knowledge"


@dataclass(frozen=True)
class CorpusSurvey:
    name: str
    knowledge: Path  # a folder of YAML files
    sets: tuple[Path, ...]
    split: Split
    lang: str  # the language of the source article


def load_corpus(path: Path = CORPUS_FILE) -> list[CorpusSurvey]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = path.parent
    surveys = []
    for name, entry in data["surveys"].items():
        knowledge = (base / entry["knowledge"]).resolve()
        sets_folder = (base / entry["sets"]).resolve()
        sets = tuple(sorted(sets_folder.glob("*.yaml")))
        if not sets:
            raise ValueError(f"{path}: {name} has no question sets in {sets_folder}")
        surveys.append(CorpusSurvey(name, knowledge, sets, entry["split"], entry["lang"]))
    return surveys


def deployed_with_others(surveys: list[CorpusSurvey], survey: CorpusSurvey) -> KnowledgeBase:
    """`survey` loaded with the bundled survey and two others of its split, as a team
    with several surveys deploys it: the next ones in the corpus's order that load
    together (two surveys that share a question variant cannot), so every run picks
    the same."""
    same = [s for s in surveys if s.split == survey.split and s is not survey]
    at = surveys.index(survey)
    ordered = sorted(same, key=lambda s: (surveys.index(s) - at) % len(surveys))
    bundled = [s for s in surveys if s.knowledge == BUNDLED]
    chosen = [survey, *(s for s in bundled if s is not survey)]
    kb = load_knowledge([s.knowledge for s in chosen])
    for other in ordered:
        if len(chosen) >= 4 - (not bundled or survey in bundled):
            break
        if other in chosen:
            continue
        try:
            kb = load_knowledge([s.knowledge for s in [*chosen, other]])
        except KnowledgeError:
            continue
        chosen.append(other)
    return kb


def evaluate_corpus(
    surveys: list[CorpusSurvey],
    split: Split,
    config: EngineConfig,
    decision: Decision | None = None,
) -> dict[tuple[str, bool], Report]:
    """Every survey of `split` measured on its blind sets, on its own (False) and
    deployed with others (True); `decision` in place of the configured one
    (`AnswerAll`: the most any decision can get right)."""
    from bot.engine import Engine

    reports: dict[tuple[str, bool], Report] = {}
    for survey in surveys:
        if survey.split != split:
            continue
        for with_others in (False, True):
            kb = (
                deployed_with_others(surveys, survey)
                if with_others
                else load_knowledge(survey.knowledge)
            )
            reports[survey.name, with_others] = evaluate(
                Engine(kb, config, decision=decision), survey.sets
            )
    return reports


def corpus_table(reports: dict[tuple[str, bool], Report], totals_only: bool) -> str:
    """Per survey, deployment and language (or, for a sealed split, the totals only):
    answerable right / wrong / declined / asked back, near misses declined, the
    answerable questions declined with the right finding offered first (`offered`),
    and the language of the replies."""
    header = (
        f"{'survey':<32} {'with':<6} {'lang':<4} {'right':>6} {'wrong':>6} {'decl.':>6} "
        f"{'asked':>6} {'n':>4}  {'near declined':>13} {'n':>4}  {'offered':>7}"
    )
    lines = [header]
    rows: list[tuple[str, str, str, Report]] = []
    for (name, with_others), report in reports.items():
        rows.append((name, "others" if with_others else "alone", "", report))
    if not totals_only:
        for name, deployed, _, report in list(rows):
            for lang in ("en", "de"):
                part = Report([r for r in report.results if r.case.lang == lang])
                rows.append((name, deployed, lang, part))
        rows.sort(key=lambda row: (row[0], row[1], row[2]))
    else:
        rows = []
    for deployed in ("alone", "others"):
        for lang in ("", "en", "de"):
            merged = Report(
                [
                    r
                    for (name, with_others), report in reports.items()
                    if ("others" if with_others else "alone") == deployed
                    for r in report.results
                    if not lang or r.case.lang == lang
                ]
            )
            rows.append(("ALL", deployed, lang, merged))
    for name, deployed, lang, report in rows:
        answerable = report.outcomes("answerable")
        near = report.outcomes("out_of_scope")
        total = sum(answerable.values())
        near_total = sum(near.values())
        if not total and not near_total:
            continue
        cells = [answerable[o] / max(1, total) for o in Outcome]
        near_declined = (near_total - near[Outcome.WRONG]) / max(1, near_total)
        offered = sum(r.offered for r in report.counted if r.case.category == "answerable") / max(
            1, total
        )
        lines.append(
            f"{name:<32} {deployed:<6} {lang or 'both':<4} {cells[0]:6.1%} {cells[1]:6.1%} "
            f"{cells[2]:6.1%} {cells[3]:6.1%} {total:4d}  {near_declined:13.1%} {near_total:4d}"
            f"  {offered:7.1%}"
        )
    good, total = Report([r for report in reports.values() for r in report.results]).language_rate()
    lines.append(f"language of the reply: {good / max(1, total):.1%} of {total}")
    return "\n".join(lines)
