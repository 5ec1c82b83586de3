"""The confusion list for editors: question variants the bot would not answer with
their own finding, asked exactly as a person would ask them."""

from __future__ import annotations

from bot.engine.engine import Engine
from bot.knowledge.schema import LANGS


def confusions(engine: Engine) -> list[str]:
    found = []
    for finding in engine.kb.findings.values():
        for lang in LANGS:
            for variant in finding.questions.get(lang):
                reply, _ = engine.reply(variant, lang_hint=lang)
                if reply.finding != finding.id or not reply.answered:
                    got = reply.finding or f"no answer ({reply.kind.value})"
                    found.append(f"{finding.id} [{lang}] {variant!r} -> {got} ({reply.score:.2f})")
    return found
