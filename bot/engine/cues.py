"""Conversational cues: greetings, thanks, help, "source?", "more", "and ...?".

A message is a cue only when it is made of one cue's words, filler and stop words, so
"hi, how many firms have a social media team" is a question, not a greeting, and
"thanks! where does that come from?" is not thanks.
"""

from __future__ import annotations

from enum import Enum

from bot.engine.lexicon import STOP_WORDS


class Cue(str, Enum):
    GREETING = "greeting"
    THANKS = "thanks"
    GOODBYE = "goodbye"
    WHO = "who"
    HELP = "help"
    SOURCE = "source"
    MORE = "more"


_FILLER = frozenset(
    """
        bot surveybot there you your u me my please pls plz bitte the a an is it this
        that what whats s was ist das die der den dies so very much so ok okay oh ah hm hmm
        and und again nochmal mal doch just lieber liebe dear tell show give sag sagen zeig
        zeige gib mir can could would kannst konnen kannste du ihr sie about uber dazu davon
        darauf to for von of in im on it s please also auch nur really sehr vielen viel
        """.split()
)

_CUE_WORDS: dict[Cue, frozenset[str]] = {
    Cue.GREETING: frozenset(
        """
        hi hello hey hallo hallochen moin servus gruss grussgott gruezi morning evening
        afternoon good guten tag morgen abend hiya yo howdy salut hola huhu
        """.split()
    ),
    Cue.THANKS: frozenset(
        """
        thanks thank thx ty danke dankeschon dank merci cheers great super toll perfect
        perfekt cool nice awesome klasse prima wunderbar helps helped helpful hilft geholfen
        hilfreich
        """.split()
    ),
    Cue.GOODBYE: frozenset(
        """
        bye goodbye tschuss tschau ciao wiedersehen auf see later cu
        """.split()
    ),
    Cue.HELP: frozenset("help hilfe helfen hilf funktioniert".split()),
    Cue.SOURCE: frozenset(
        """
        source sources quelle quellen woher herkunft reference references citation cite link
        where from come comes kommt her stammt stammen
        """.split()
    ),
    Cue.MORE: frozenset(
        """
        more mehr details detail further weiter weitere weiteres else sonst related
        elaborate erzahl erzahle erzahlen noch anything
        """.split()
    ),
}

_ALL_CUE_WORDS = frozenset().union(*_CUE_WORDS.values())

_PARTICLES = frozenset(
    "eigentlich denn mal so ok okay well then actually exactly again nochmal bitte please "
    "genau ja hey oh und and".split()
)
_ADDRESS = frozenset("bot surveybot the this".split())
_NEGATIONS = frozenset("not no nicht nich nix kein keine never nie".split())


def _plain(phrase: str) -> tuple[str, ...]:
    """A phrase without particles or words for the bot: "wer bist du eigentlich",
    "how does this bot work" and "how does it work" read alike."""
    return tuple(w for w in phrase.split() if w not in _PARTICLES and w not in _ADDRESS)


# Questions made only of function words, recognised as whole phrases.
_WHO_PHRASES = frozenset(
    _plain(p)
    for p in [
        "who are you",
        "what are you",
        "wer bist du",
        "was bist du",
        "who are u",
        "what can you do",
        "was kannst du",
        "what do you know",
        "was weisst du",
        "wer sind sie",
        "was sind sie",
        "what is this",
        "was ist das hier",
        "who is this",
        "what can i ask",
        "was kann ich fragen",
        "what do you do",
        "was machst du",
        "who am i talking to",
        "who am i talking with",
        "mit wem rede ich",
        "mit wem rede ich hier",
        "mit wem spreche ich",
        "was ist das fur ein bot",
        "what kind of bot is this",
        "are you a bot",
        "bist du ein bot",
    ]
)

_HELP_PHRASES = frozenset(
    _plain(p)
    for p in [
        "how does this work",
        "how does it work",
        "how do i use this",
        "how do i use you",
        "wie geht das",
        "wie geht das hier",
        "wie benutze ich das",
        "wie benutze ich dich",
    ]
)

_FOLLOW_UP_OPENERS = frozenset(
    tuple(p.split())
    for p in [
        "and",
        "und",
        "what about",
        "how about",
        "and what about",
        "und was ist mit",
        "was ist mit",
        "wie ist es mit",
        "wie sieht es aus mit",
        "wie siehts aus mit",
        "und bei",
        "and for",
        "and among",
        "also",
        "and the",
        "und die",
        "und der",
        "and in",
        "und im",
        "und in",
    ]
)


def read_cue(folded: list[str]) -> Cue | None:
    """The cue the whole message is, if it is one: every word is filler, a stop word,
    or a word of that cue ("thanks a lot", "where does this data come from")."""
    # Particles do not change what is asked: "wer bist du eigentlich?", "so who are you".
    phrase = _plain(" ".join(folded))
    if phrase in _WHO_PHRASES:
        return Cue.WHO
    if phrase in _HELP_PHRASES:
        return Cue.HELP
    content = [w for w in folded if w not in _FILLER]
    if not any(w in _ALL_CUE_WORDS for w in content) or any(w in _NEGATIONS for w in folded):
        return None  # "not helpful", "das hilft nicht" are no thanks
    for cue, cue_words in _CUE_WORDS.items():
        own = [w in cue_words for w in content]
        others = (
            not o and (w in _ALL_CUE_WORDS or not _is_stop_word(w))
            for o, w in zip(own, content, strict=True)
        )
        if any(own) and not any(others):
            return cue
    return None


def _is_stop_word(word: str) -> bool:
    return word in STOP_WORDS["en"] or word in STOP_WORDS["de"]


def strip_greeting(folded: list[str]) -> list[str]:
    """ "hi, how many ...", "super, und im Vorjahr?" -> the question: a greeting or a
    thank-you before a question is politeness."""
    polite = _CUE_WORDS[Cue.GREETING] | _CUE_WORDS[Cue.THANKS] | {"bot", "there", "but", "aber"}
    start = 0
    while start < len(folded) and folded[start] in polite:
        start += 1
    return folded[start:]


def is_follow_up(folded: list[str]) -> bool:
    """Does the question lean on the previous one ("and applicants?", "und Kunden?")."""
    return any(tuple(folded[:size]) in _FOLLOW_UP_OPENERS for size in range(1, 6))
