"""What a "how many X does Y have?" question counts.

The surveys count one kind of thing (companies, say): "how many employees does Bitkom
have" asks to count something else, however well its words match a finding about
employees. Knowing that is how the bot declines instead of answering with a share of
companies. X counts only when a verb like "have", "are" or "work" follows it ("how many
people work in ..."): right after "how many" a verb is as likely as a noun ("wie viele
wollen ..."), and without a part-of-speech tagger that verb is what says X is a noun.
"""

from __future__ import annotations

_ASKING = frozenset(
    tuple(p.split())
    for p in [
        "how many",
        "how much",
        "what number of",
        "wie viele",
        "wie viel",
        "wieviele",
        "wieviel",
        "welche anzahl",
        "what share of",
        "what percentage of",
    ]
)
# Words between the question and the thing counted: "how many percent of the firms".
_BRIDGE = frozenset(
    "of the der die das den dem von percent per cent prozent anteil share proportion "
    "percentage these those diese dieser all alle them they sie denen ihnen you we"
    " wir".split()
)


def counted_word(folded: list[str]) -> str | None:
    """The word naming what a "how many ..." anywhere in the question counts, if any."""
    for start in range(len(folded)):
        for size in (3, 2, 1):
            if tuple(folded[start : start + size]) in _ASKING:
                return _first_counted(folded[start + size :])
    return None


# Verbs that make the word before them the thing counted: "how many employees does
# Bitkom have", "wie viele Leute arbeiten im Team".
_HAVE = frozenset(
    "have has had does do did own owns hat haben hatte hatten besitzt besitzen beschaftigt "
    "beschaftigen employ employs gibt work works working arbeiten arbeitet are is sind "
    "ist".split()
)
_LOOKAHEAD = 3


def _first_counted(rest: list[str]) -> str | None:
    for index, word in enumerate(rest):
        if word not in _BRIDGE:
            following = rest[index + 1 : index + 1 + _LOOKAHEAD]
            return word if any(w in _HAVE for w in following) else None
    return None
