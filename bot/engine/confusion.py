"""The confusion list for editors: question variants the bot would not answer with
their own finding, asked exactly as a person would ask them."""

from __future__ import annotations

import re

from bot.engine.engine import Engine
from bot.engine.phrases import phrase
from bot.engine.types import Reply, ReplyKind
from bot.knowledge.schema import LANGS, Finding, Lang


def confusions(engine: Engine) -> list[str]:
    found = []
    for finding in engine.kb.findings.values():
        for lang in LANGS:
            for n, variant in enumerate(finding.questions.get(lang)):
                reply, _ = engine.reply(variant, lang_hint=lang)
                if reply.kind is ReplyKind.SURVEY and (n > 0 or not finding.figures):
                    continue  # answered from the survey's own metadata, by design
                # The first question of a finding with figures is its own (suggestions
                # and /topics offer it): answered with the survey's card, its figures
                # are never shown.
                if reply.finding != finding.id or not reply.answered:
                    found.append(_not_its_own(engine, finding, lang, variant, reply))
        for figure in finding.figures:
            for lang in LANGS:
                for variant in figure.own_questions(lang):
                    reply, _ = engine.reply(variant, lang_hint=lang)
                    if reply.finding != finding.id or not reply.answered:
                        found.append(_not_its_own(engine, finding, lang, variant, reply))
                    elif _led_value(reply, finding) != figure.value:
                        found.append(
                            f"{finding.id} [{lang}] {variant!r} -> {finding.id}, led by "
                            f"another figure than {figure.value:g}: use a word that the "
                            "other figures' `measures`, groups and `questions` lack"
                        )
    return found


def _not_its_own(engine: Engine, finding: Finding, lang: Lang, variant: str, reply: Reply) -> str:
    got = reply.finding or "no answer"
    return (
        f"{finding.id} [{lang}] {variant!r} -> {got} ({reply.score:.2f}): "
        f"{_reason(reply, finding.id, engine)}"
    )


def _led_value(reply: Reply, finding: Finding) -> float | None:
    """The value of the figure an answer leads with: the one it singled out, else the
    one of the year asked ("in 2021?"), else the finding's first."""
    if reply.lead is not None:
        return reply.lead
    of_period = [
        f for f in finding.figures if reply.period is not None and f.period == reply.period
    ]
    led = of_period[0] if len(of_period) == 1 else finding.figures[0] if not of_period else None
    return led.value if led is not None else None


_REASONS = {
    ReplyKind.NO_MATCH: "not sure enough to answer (reword it closer to the finding, or "
    "it shares its words with other findings)",
    ReplyKind.CLARIFY: "two findings fit it alike, so the bot asks back (make it tell "
    "the two apart)",
    ReplyKind.MISSING_PERIOD: "it reads a period, or a change, the finding has no figure for",
    ReplyKind.SMALLTALK: "it reads as small talk",
    ReplyKind.SURVEY: "it reads as a question about the survey itself (who was asked, how "
    "many, when); as the finding's first question, ask for what the finding says",
    ReplyKind.SOURCE: "it reads as a question for the source",
    ReplyKind.MORE: "it reads as 'more'",
    ReplyKind.EMPTY: "no words to read",
}


def _reason(reply: Reply, own: str, engine: Engine) -> str:
    """Why the variant misses, as specifically as the reply tells."""
    if reply.kind is ReplyKind.ANSWER:
        other = reply.finding
        return (
            f"another finding fits it better ({other}); tell the two apart: use a word of "
            f"{own}'s answer or measures that {other} lacks, or reword {other}'s variants "
            "that share this one's words"
        )
    if reply.kind is ReplyKind.MISSING_PERIOD and reply.period is not None:
        if reply.finding not in (None, own):
            return (
                f"it reads the year {reply.period}, and {reply.finding} fits it better than "
                f"{own} but has no figure for {reply.period} (tell {own} and "
                f"{reply.finding} apart with a word of {own}'s own)"
            )
        return (
            f"it reads the year {reply.period}, for which {own} has no figure (give the "
            f"figure of {reply.period} with `period: {reply.period}`, or reword it)"
        )
    if reply.kind is ReplyKind.MISSING_PERIOD and reply.finding not in (None, own):
        # The finding that says "one year only" is another one that fit it better.
        return (
            f"it reads as asking how a figure changed, and {reply.finding} fits it better "
            f"than {own} but has figures of one year only (tell {own} and {reply.finding} "
            f"apart with a word of {own}'s own, or reword it without the change word)"
        )
    if reply.kind is ReplyKind.MISSING_PERIOD:
        return (
            f"it reads as asking how the figure changed, and {own} has figures of one "
            "year only (reword it without the change word, or state the change under "
            "`changes:`)"
        )
    if reply.kind is ReplyKind.CLARIFY:
        return _alike(reply, own, engine)
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
        closest = [c.finding for c in reply.candidates if c.finding != own][:2]
        if closest:
            return (
                f"not sure enough to answer: the closest findings are {', '.join(closest)}, "
                f"not {own} (reword it with {own}'s own words)"
            )
    return _REASONS.get(reply.kind) or str(reply.kind.value)


def _alike(reply: Reply, own: str, engine: Engine) -> str:
    """Which findings (or surveys) the bot cannot tell apart for the variant, by name,
    and how to tell them apart."""
    if reply.headline == phrase("which_survey", reply.lang):
        surveys = ", ".join(sorted(engine.kb.surveys))
        return (
            "it reads as a question about a survey itself (who ran it, when, whom it "
            f"asked), and the surveys {surveys} fit it alike, so the bot asks which: "
            f"name {engine.kb.survey_of[own]}'s title, publisher or year in it, or ask "
            f"what {own} measures"
        )
    alike = list(dict.fromkeys(c.finding for c in reply.candidates if c.finding))
    others = [f for f in alike if f != own][:2]
    if not others:
        return (
            f"it fits {own}, but not clearly enough to answer, so the bot asks which "
            f"finding is meant (use words of {own}'s measures or answer)"
        )
    return (
        f"{own} and {' and '.join(others)} fit it alike, so the bot asks back (tell them "
        f"apart: use a word that only {own}'s answer or measures have, or drop the words "
        f"{' and '.join(others)} share with it)"
    )


def _quoted(headline: str) -> str:
    """The words a declining reply names as unknown, as it quotes them."""
    return ", ".join(re.findall(r'"[^"]+"|„[^“]+“', headline))
