"""Cross-lingual benchmark: German questions against a knowledge base whose question
variants are English only (and English questions against German-only variants).

The bundled knowledge base is loaded and one language's variants are dropped (answers,
figures and context stay in both languages, as the format requires). The questions are
the other language's answerable questions of the evaluation sets that name a finding
(`expect:`). Reported per semantic setting, in one run: top-1 (the first candidate is
the expected finding) and the share answered with it.

Run from the repository root: ``python benchmarks/crosslingual.py [--semantic off use]``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bot.config import EngineConfig
from bot.engine import Engine, ReplyKind
from bot.evaluation import load_cases
from bot.knowledge import load_knowledge
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Lang, TextLists

SETS = sorted((Path(__file__).resolve().parents[1] / "tests" / "eval").glob("*.yaml"))


def one_language_only(kb: KnowledgeBase, keep: Lang) -> KnowledgeBase:
    findings = {
        key: finding.model_copy(
            update={"questions": TextLists(**{keep: finding.questions.get(keep)})}
        )
        for key, finding in kb.findings.items()
    }
    return replace(kb, findings=findings)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--semantic", nargs="*", default=["off", "use"])
    args = parser.parse_args(argv)
    kb = load_knowledge()
    cases = [
        case
        for path in SETS
        for case in load_cases(path)[0]
        if case.expect is not None and case.kind == "answer"
    ]
    print("| questions | variants | semantic | questions | top-1 | answered right |")
    print("|---|---|---|---|---|---|")
    for asked, kept in (("de", "en"), ("en", "de")):
        chosen = [c for c in cases if c.lang == asked]
        reduced = one_language_only(kb, kept)  # type: ignore[arg-type]
        for semantic in args.semantic:
            engine = Engine(reduced, EngineConfig(semantic=semantic))
            top1 = answered = 0
            for case in chosen:
                reply, _ = engine.reply(case.question)
                first = reply.candidates[0].finding if reply.candidates else reply.finding
                top1 += first == case.expect
                answered += reply.kind is ReplyKind.ANSWER and reply.finding == case.expect
            n = len(chosen)
            print(
                f"| {asked} | {kept} only | {semantic} | {n} | {top1 / n:.3f} "
                f"| {answered / n:.3f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
