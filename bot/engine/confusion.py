"""The confusion list for editors: question variants the bot would not answer with
their own finding, asked exactly as a person would ask them."""

from __future__ import annotations

from bot.engine.engine import Engine
from bot.engine.types import Reply, ReplyKind
from bot.knowledge.schema import LANGS


def confusions(engine: Engine) -> list[str]:
    found = []
    for finding in engine.kb.findings.values():
        for lang in LANGS:
            for variant in finding.questions.get(lang):
                reply, _ = engine.reply(variant, lang_hint=lang)
                if reply.kind is ReplyKind.SURVEY:
                    continue  # answered from the survey's own metadata, by design
                if reply.finding != finding.id or not reply.answered:
                    got = reply.finding or "no answer"
                    found.append(
                        f"{finding.id} [{lang}] {variant!r} -> {got} ({reply.score:.2f}): "
                        f"{_reason(reply)}"
                    )
    return found


_REASONS = {
    ReplyKind.NO_MATCH: "not sure enough to answer (reword it closer to the finding, or "
    "it shares its words with other findings)",
    ReplyKind.CLARIFY: "two findings fit it alike, so the bot asks back (make it tell "
    "the two apart)",
    ReplyKind.MISSING_PERIOD: "it reads a period the finding has no figure for",
    ReplyKind.SMALLTALK: "it reads as small talk",
    ReplyKind.SOURCE: "it reads as a question for the source",
    ReplyKind.MORE: "it reads as 'more'",
    ReplyKind.EMPTY: "no words to read",
}


def _reason(reply: Reply) -> str:
    if reply.kind is ReplyKind.ANSWER:
        return "another finding fits it better"
    return _REASONS.get(reply.kind) or str(reply.kind.value)
