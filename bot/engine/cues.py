"""Conversational cues: greetings, thanks, help, "source?", "more", "and ...?".

A message is a cue only when it is made of one cue's words, filler and stop words, so
"hi, how many bakeries sell rye bread" is a question, not a greeting, and
"thanks! where does that come from?" is not thanks.
"""

from __future__ import annotations

from enum import Enum

from bot.engine.about_bot import AboutBot, about_bot
from bot.engine.lexicon import STOP_WORDS
from bot.engine.text import phrase_spans
from bot.knowledge.schema import LANGS, Lang
from bot.languages import all_phrases, all_words


class Cue(str, Enum):
    GREETING = "greeting"
    THANKS = "thanks"
    ACKNOWLEDGED = "acknowledged"  # "ok", "got it": nothing asked, nothing to thank for
    GOODBYE = "goodbye"
    WHO = "who"
    HELP = "help"
    SOURCE = "source"
    MORE = "more"
    JUDGE = "judge"  # "is that a lot?"
    EXACT = "exact"  # "how many exactly?"
    LANGUAGE = "language"  # "in German please": read by `requested_language`


_FILLER = all_words(lambda p: p.cue_filler)
_PHRASE_CUES = (Cue.WHO, Cue.JUDGE, Cue.EXACT, Cue.LANGUAGE, Cue.ACKNOWLEDGED)
_CUE_WORDS: dict[Cue, frozenset[str]] = {
    cue: all_words(lambda p, cue=cue: getattr(p.cues, cue.value))
    for cue in Cue
    if cue not in _PHRASE_CUES
}
_ALL_CUE_WORDS = frozenset().union(*_CUE_WORDS.values())
# "great, thank you, ciao" says goodbye: thanks and greetings go with a goodbye.
_COMPANIONS = {Cue.GOODBYE: _CUE_WORDS[Cue.THANKS] | _CUE_WORDS[Cue.GREETING]}
_PARTICLES = all_words(lambda p: p.particles)
_ADDRESS = all_words(lambda p: p.address_words)
_NEGATIONS = all_words(lambda p: p.negations)
# Words between a greeting or thanks and the question: "hi there, ...", "super, aber ...".
_POLITE_OPENERS = all_words(lambda p: p.polite_openers)


def _plain(phrase: str) -> tuple[str, ...]:
    """A phrase without particles or words for the bot: "wer bist du eigentlich",
    "how does this bot work" and "how does it work" read alike."""
    return tuple(w for w in phrase.split() if w not in _PARTICLES and w not in _ADDRESS)


# Questions made only of function words, recognised as whole phrases.
_WHO_PHRASES = frozenset(_plain(" ".join(p)) for p in all_phrases(lambda p: p.who_phrases))
_HELP_PHRASES = frozenset(_plain(" ".join(p)) for p in all_phrases(lambda p: p.help_phrases))
_FOLLOW_UP_OPENERS = all_phrases(lambda p: p.follow_up_openers)
_JUDGE_PHRASES = frozenset(_plain(" ".join(p)) for p in all_phrases(lambda p: p.judge_phrases))
# As written: "exactly" and "genau" are particles elsewhere, but here they are the point.
_EXACT_PHRASES = all_phrases(lambda p: p.exact_phrases)
_LANGUAGE_NAMES: dict[Lang, frozenset[str]] = {
    lang: all_words(lambda p, lang=lang: p.language_names.get(lang, frozenset())) for lang in LANGS
}
_LANGUAGE_REQUEST = all_words(lambda p: p.language_request_words)
_LANGUAGE_PREPOSITIONS = all_words(lambda p: p.language_prepositions)
_YES_NO_OPENERS = all_words(lambda p: p.yes_no_openers)


_GREETING_PHRASES = all_phrases(lambda p: p.greeting_phrases)
_GOODBYE_PHRASES = all_phrases(lambda p: p.goodbye_phrases)
_ACKNOWLEDGEMENTS = all_phrases(lambda p: p.acknowledgements)
_A_GREETING = "hi"
_A_GOODBYE = "bye"
# An acknowledgement stands for no cue of its own: it becomes a word of cue filler.
_AN_ACKNOWLEDGEMENT = "ok"


def _with_greetings_as_words(folded: list[str]) -> list[str]:
    """ "guten Tag" greets, "einen Tag" does not: greetings of several words become one
    ("sehr geehrte Damen und Herren")."""
    return _as_words(folded, dict.fromkeys(_GREETING_PHRASES, _A_GREETING), shortest=2)


def _with_small_talk_as_words(folded: list[str]) -> list[str]:
    """Greetings, goodbyes ("bis dann", "have a nice day") and acknowledgements
    ("alles klar", "that's all I needed") of several words become one word each, the
    longest first: "schönen Tag noch" says goodbye, "schönen Tag" greets."""
    kinds = {
        **dict.fromkeys(_ACKNOWLEDGEMENTS, _AN_ACKNOWLEDGEMENT),
        **dict.fromkeys(_GREETING_PHRASES, _A_GREETING),
        **dict.fromkeys(_GOODBYE_PHRASES, _A_GOODBYE),
    }
    return _as_words(folded, kinds, shortest=1)


def _as_words(folded: list[str], kinds: dict[tuple[str, ...], str], shortest: int) -> list[str]:
    result: list[str] = []
    position = 0
    for start, end in phrase_spans(folded, frozenset(kinds), shortest=shortest):
        result += [*folded[position:start], kinds[tuple(folded[start:end])]]
        position = end
    return [*result, *folded[position:]]


def read_cue(folded: list[str]) -> Cue | None:
    """The cue the whole message is, if it is one: every word is filler, a stop word,
    or a word of that cue ("thanks a lot", "where does this data come from")."""
    asked = strip_sign_off(strip_greeting(folded))
    folded = _with_small_talk_as_words(folded)
    # Particles do not change what is asked: "wer bist du eigentlich?", "so who are you".
    phrase = _plain(" ".join(folded))
    if phrase in _WHO_PHRASES:
        return Cue.WHO
    if phrase in _HELP_PHRASES:
        return Cue.HELP
    # "what can you tell me about?", "worüber kann ich dich fragen": about the bot.
    about = about_bot(asked)
    if about is not None:
        return Cue.WHO if about is AboutBot.WHO else Cue.HELP
    # "und sehr gut?" after the share who sleep badly asks for another figure.
    if (
        _AN_ACKNOWLEDGEMENT in folded
        and all(w == _AN_ACKNOWLEDGEMENT or w in _FILLER for w in folded)
        and not is_follow_up(folded)
    ):
        return Cue.ACKNOWLEDGED  # "ok", "got it", "alles klar": nothing asked
    if phrase in _JUDGE_PHRASES:
        return Cue.JUDGE
    if tuple(folded) in _EXACT_PHRASES or tuple(folded[1:]) in _EXACT_PHRASES:
        return Cue.EXACT  # "how many exactly?", "und wie viel genau?"
    content = [w for w in folded if w not in _FILLER]
    if not any(w in _ALL_CUE_WORDS for w in content) or any(w in _NEGATIONS for w in folded):
        return None  # "not helpful", "das hilft nicht" are no thanks
    for cue, cue_words in _CUE_WORDS.items():
        own = [w in cue_words or w in _COMPANIONS.get(cue, ()) for w in content]
        others = (
            not o and (w in _ALL_CUE_WORDS or not _is_stop_word(w))
            for o, w in zip(own, content, strict=True)
        )
        if any(own) and not any(others):
            return cue
    return None


def requested_language(folded: list[str]) -> Lang | None:
    """The language a message asks the bot to speak ("in German please", "auf
    Englisch?", "can you say that in english"): it names exactly one, and every other
    word is a stop word or a word of asking. "How many German companies ..." asks
    something else."""
    folded = strip_greeting(folded)
    named = {lang for lang, names in _LANGUAGE_NAMES.items() if names & set(folded)}
    if len(named) != 1 or folded[0] in _YES_NO_OPENERS:
        return None  # "is it in English?", "are they German?" ask something else
    names = frozenset().union(*_LANGUAGE_NAMES.values())
    others = [w for w in folded if w not in names]
    if not all(w in _LANGUAGE_REQUEST or w in _FILLER or _is_stop_word(w) for w in others):
        return None
    # Asked for: "in/auf German", a word of asking ("answer", "say"), or the name alone
    # with politeness ("German please"); "only German ones?" is none of these.
    position = next(i for i, w in enumerate(folded) if w in names)
    after_preposition = position > 0 and folded[position - 1] in _LANGUAGE_PREPOSITIONS
    polite_only = all(w in _PARTICLES for w in others)
    if after_preposition or polite_only or any(w in _LANGUAGE_REQUEST for w in others):
        return named.pop()
    return None


def _is_stop_word(word: str) -> bool:
    return word in STOP_WORDS["en"] or word in STOP_WORDS["de"]


def strip_greeting(folded: list[str]) -> list[str]:
    """ "hi, how many ...", "super, und im Vorjahr?" -> the question: a greeting or a
    thank-you before a question is politeness."""
    polite = _CUE_WORDS[Cue.GREETING] | _CUE_WORDS[Cue.THANKS] | _POLITE_OPENERS
    folded = _with_greetings_as_words(folded)
    start = 0
    while start < len(folded) and folded[start] in polite:
        start += 1
    return folded[start:]


_SIGN_OFFS = all_words(lambda p: p.sign_offs)


def strip_sign_off(folded: list[str]) -> list[str]:
    """ "how many ..., thanks, ciao" -> the question: sign-off words at the end, with
    the filler around them ("thank you so much"), close the message."""
    end = len(folded)
    signed = False
    while end:
        # "..., danke, bis dann": a goodbye of several words closes it too.
        goodbye = next((len(p) for p in _GOODBYE_PHRASES if _ends_with(folded[:end], p)), 0)
        if goodbye:
            end, signed = end - goodbye, True
        elif folded[end - 1] in _SIGN_OFFS or folded[end - 1] in _FILLER:
            signed = signed or folded[end - 1] in _SIGN_OFFS
            end -= 1
        else:
            break
    return folded[:end] if signed and end else folded


def _ends_with(folded: list[str], phrase: tuple[str, ...]) -> bool:
    return len(phrase) <= len(folded) and tuple(folded[len(folded) - len(phrase) :]) == phrase


def is_follow_up(folded: list[str]) -> bool:
    """Does the question lean on the previous one ("and in cities?", "und Dinkel?")."""
    return any(tuple(folded[:size]) in _FOLLOW_UP_OPENERS for size in range(1, 6))
