"""Questions about the bot itself: what it knows, which topics and surveys it has, what
one may ask it, who made it ("what can you tell me about?", "worüber kann ich dich
fragen?", "which surveys do you have?", "wer hat dich gemacht?").

Read as a class of wording, not as sentences: every word of the message belongs to the
pack's `about_bot` words (the bot, knowing and asking, what it covers, the grammar that
frames such a question) or is politeness, and the message says what it asks by a word
for the bot with a word of knowing, asking or scope, or by a word of scope with one of
knowing or asking. A single word outside these ("what do people know about X", "how
many know their ...", "what do you know about smoking?") makes it a question for the
surveys. Counting and figure words ("how many", "what share") always do.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from bot.engine.text import phrase_spans
from bot.languages import all_phrases, all_words


class AboutBot(str, Enum):
    WHAT = "what"  # what it knows, covers, may be asked: the help with the topics
    WHO = "who"  # who made it, who it is


_ADDRESSED = all_words(lambda p: p.about_bot.addressed)
_KNOWING = all_words(lambda p: p.about_bot.knowing)
_SCOPE = all_words(lambda p: p.about_bot.scope)
_ASKING = all_words(lambda p: p.about_bot.asking)
_MAKING = all_words(lambda p: p.about_bot.making)
_WHO = all_words(lambda p: p.about_bot.who)
_ASKERS = all_words(lambda p: p.about_bot.askers)
_FRAME = all_words(lambda p: p.about_bot.frame)
_POLITE = (
    all_words(lambda p: p.particles)
    | all_words(lambda p: p.cues.greeting)
    | all_words(lambda p: p.cues.thanks)
    | all_words(lambda p: p.address_words)
)
_CLASS = _ADDRESSED | _KNOWING | _SCOPE | _ASKING | _MAKING | _WHO | _ASKERS | _FRAME | _POLITE
# "how many surveys ...", "what percentage": a figure is asked for, of the surveys.
_FIGURE_ASKS = all_phrases(lambda p: p.counting.asking | p.share_phrases)
_FIGURE_WORDS = all_words(lambda p: p.figure_words)


def about_bot(folded: Sequence[str]) -> AboutBot | None:
    """What the message asks about the bot, if it asks about the bot and nothing else."""
    if not folded or any(w not in _CLASS for w in folded):
        return None
    if phrase_spans(folded, _FIGURE_ASKS) or not _FIGURE_WORDS.isdisjoint(folded):
        return None
    present = set(folded)
    addressed = bool(present & _ADDRESSED)
    if addressed and present & _MAKING and present & _WHO:
        return AboutBot.WHO  # "who made you?", "wer hat dich entwickelt?"
    knowing, scope = bool(present & _KNOWING), bool(present & _SCOPE)
    asking = bool(present & _ASKING)
    if addressed and (knowing or scope or asking):
        return AboutBot.WHAT  # "what do you know?", "was kann ich dich fragen?"
    if scope and (knowing or asking):
        return AboutBot.WHAT  # "which topics are there?", "welche Themen gibt es?"
    if present & _ASKERS and knowing and asking:
        return AboutBot.WHAT  # "what can I ask about?", "wonach kann man fragen?"
    return None
