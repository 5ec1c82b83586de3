"""What a "how many X ...?" question counts.

The surveys count one kind of thing (bakeries, say): "how many employees does the guild
have" asks to count something else, however well its words match a finding about
employees. Knowing that is how the bot declines instead of answering with a share of
companies. Right after "how many" a verb is as likely as a noun ("wie viele wollen
..."), so without a part-of-speech tagger X is taken for the thing counted when a verb
like "have", "are" or "work" follows it ("how many people work in ...", checked against
what the survey counts), or when it looks like a noun (a plural, a capitalised or known
German noun: checked also against what the finding's own "how many" questions count).
"""

from __future__ import annotations

from bot.engine.text import fold
from bot.languages import all_phrases, all_words

_ASKING = all_phrases(lambda p: p.counting.asking)
# Words between the question and the thing counted: "how many percent of the firms".
_BRIDGE = all_words(lambda p: p.counting.bridge)


def counted_word(folded: list[str], known_nouns: frozenset[str] = frozenset()) -> str | None:
    """The word naming what a "how many ..." anywhere in the question counts, when a
    verb like "have" after it says it is a noun ("how many people work ...")."""
    rest = after_asking(folded)
    return _first_counted(rest, known_nouns) if rest is not None else None


def asked_word(folded: list[str]) -> str | None:
    """The first word after "how many ...", noun or not ("how many bakers
    complain", but also "how many aim to ...")."""
    rest = after_asking(folded)
    return next((w for w in rest if w not in _BRIDGE), None) if rest is not None else None


_PLURALS_WITHOUT_S = all_words(lambda p: p.counting.plurals_without_s)


def looks_like_a_noun(written: str, first_in_question: bool, known_nouns: frozenset[str]) -> bool:
    """Without a tagger: an English plural ("bakers"; after "how many" a verb has no
    s), a capitalised German word that does not open the question ("Bewerbungen"), or
    a word the knowledge base writes as a German noun (for "wie viele backer ...")."""
    if _plural_or_noun(fold(written), known_nouns):
        return True
    return written[:1].isupper() and not first_in_question


def after_asking(folded: list[str]) -> list[str] | None:
    for start in range(len(folded)):
        for size in (3, 2, 1):
            if tuple(folded[start : start + size]) in _ASKING:
                return folded[start + size :]
    return None


# Verbs that make the word before them the thing counted: "how many employees does
# the guild have", "wie viele Leute arbeiten im Team".
_HAVE = all_words(lambda p: p.counting.have_verbs)
_LOOKAHEAD = 3


def _first_counted(rest: list[str], known_nouns: frozenset[str]) -> str | None:
    """The noun before the first verb like "have": "how many new bakers do ..."
    counts bakers, "how many companies run their own ..." counts companies."""
    for index, word in enumerate(rest[: _LOOKAHEAD + 1]):
        if word in _HAVE:
            before = [w for w in rest[:index] if w not in _BRIDGE]
            # Only a word that looks like a noun is what is counted: "how many think
            # ..." and "how many never ..." count the survey's own population.
            nouns = [w for w in before if _plural_or_noun(w, known_nouns)]
            return nouns[0] if nouns else None
    return None


def _plural_or_noun(folded: str, known_nouns: frozenset[str]) -> bool:
    return (
        folded in _PLURALS_WITHOUT_S
        or folded in known_nouns
        or (folded.endswith("s") and len(folded) > 3)
    )
