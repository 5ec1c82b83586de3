"""The confusion list for editors: question variants the engine would answer with
another finding than their own."""

from __future__ import annotations

from bot.engine import Engine
from bot.knowledge.schema import LANGS


def confusions(engine: Engine) -> list[str]:
    found = []
    for finding in engine.kb.findings.values():
        for lang in LANGS:
            for variant in finding.questions.get(lang):
                matches = engine.index.search(variant, limit=3).matches
                if matches and matches[0].key != finding.id:
                    own = next((m.score for m in matches if m.key == finding.id), 0.0)
                    found.append(
                        f"{finding.id} [{lang}] {variant!r} -> {matches[0].key} "
                        f"({matches[0].score:.2f}; own {own:.2f})"
                    )
    return found
