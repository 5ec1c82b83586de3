"""The confusion list for editors: question variants the bot would not answer with
their own finding, asked exactly as a person would ask them."""

from __future__ import annotations

import re

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
                        f"{_reason(reply, finding.id, engine)}"
                    )
    return found


_REASONS = {
    ReplyKind.NO_MATCH: "not sure enough to answer (reword it closer to the finding, or "
    "it shares its words with other findings)",
    ReplyKind.CLARIFY: "two findings fit it alike, so the bot asks back (make it tell "
    "the two apart)",
    ReplyKind.MISSING_PERIOD: "it reads a period, or a change, the finding has no figure for",
    ReplyKind.SMALLTALK: "it reads as small talk",
    ReplyKind.SOURCE: "it reads as a question for the source",
    ReplyKind.MORE: "it reads as 'more'",
    ReplyKind.EMPTY: "no words to read",
}


def _reason(reply: Reply, own: str, engine: Engine) -> str:
    """Why the variant misses, as specifically as the reply tells."""
    if reply.kind is ReplyKind.ANSWER:
        return (
            f"another finding fits it better ({reply.finding}); make it name what sets {own} apart"
        )
    if reply.kind is ReplyKind.MISSING_PERIOD and reply.period is not None:
        return f"it reads the year {reply.period}, for which {own} has no figure"
    if reply.kind is ReplyKind.CLARIFY:
        alike = [c.finding for c in reply.candidates[:2]]
        return f"{' and '.join(alike)} fit it alike, so the bot asks back (tell them apart)"
    if reply.kind is ReplyKind.NO_MATCH:
        best = next((c for c in reply.candidates if c.finding == own), None)
        quoted = _quoted(reply.headline)
        if quoted:
            return f"no finding uses {quoted}, and the rest does not fit well enough"
        threshold = engine.config.answer_threshold
        if best is not None and best.score < threshold:
            return (
                f"it fits {own} at {best.score:.2f}, below the answer threshold "
                f"{threshold:.2f} (reword it closer to the finding's own words)"
            )
        if best is not None:
            # It fits, but a rule declines it; the reply says which, as a person sees it.
            return f"it fits {own}, but the bot declines it, saying: {reply.headline!r}"
    return _REASONS.get(reply.kind) or str(reply.kind.value)


def _quoted(headline: str) -> str:
    """The words a declining reply names as unknown, as it quotes them."""
    return ", ".join(re.findall(r'"[^"]+"|„[^“]+“', headline))
