"""Facts as data: which figure of a finding a question asks for, and whether a figure the
question states is true.

A finding's figures are a breakdown when several share its period ("none: 55.7%, one
day: 11.9%, ..."). The figure asked for is the one whose own words the question uses
and its siblings do not ("five days" picks the five-days figure), or the highest or
lowest one for "the most common", "am seltensten". A stated figure ("is it true that
half ...") is compared with the source's: the answer says yes, roughly, or no, and
always gives the source's figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from bot.engine.analysis import Analyzer
from bot.engine.periods import number_value, numbers_named
from bot.engine.query import Extreme, StatedFigure, than_at
from bot.engine.text import words
from bot.knowledge.schema import LANGS, Change, Figure, Finding, Subgroup, Texts
from bot.languages import all_phrases, all_words

# A stated share this close to the source's figure is right (the source rounds too).
EXACT_TOLERANCE = 0.5
# "about a third", "rund 40 %": this close, in points or as a share of the figure.
ROUGH_POINTS = 3.0
ROUGH_SHARE = 0.12
PRONOUN_NUMBERS = all_words(lambda p: p.pronoun_numbers)

# "at least", "mehr als": before a number, it is no figure's own number.
MORE_THAN = all_phrases(lambda p: p.stated.more_than)
LESS_THAN = all_phrases(lambda p: p.stated.less_than)
_LONGEST_COMPARATOR = max((len(p) for p in MORE_THAN | LESS_THAN), default=1)


def _comparator_before(folded: Sequence[str], index: int) -> str | None:
    """ ">" or "<" where a comparator ends right before `index` ("more than", "unter")."""
    for size in range(1, min(_LONGEST_COMPARATOR, index) + 1):
        before = tuple(folded[index - size : index])
        if before in MORE_THAN:
            return ">"
        if before in LESS_THAN:
            return "<"
    return None


def compared_numbers(folded: Sequence[str]) -> frozenset[str]:
    """Each number a comparator bounds, as one term: "more than ten", "mehr als 10"
    are ">10", so a question's bound names the figure of that bound."""
    found = set()
    for index, word in enumerate(folded):
        number = number_value(word)
        comparator = _comparator_before(folded, index) if number is not None else None
        if comparator is not None:
            found.add(f"{comparator}{number}")
    return frozenset(found)


class Verdict(str, Enum):
    TRUE = "true"
    ROUGHLY = "roughly"
    FALSE = "false"


@dataclass(frozen=True)
class FigureChoice:
    figure: Figure
    # True when the question singled this figure out of a breakdown (by its words or a
    # superlative): the reply then leads with it rather than with the finding's answer.
    singled_out: bool


# Negations are stop words, but "bakeries not selling rye" and "gar kein Roggenbrot"
# name the same figure of a breakdown: a negation is a term of its own.
NEGATED = "¬"
NEGATIONS = all_words(lambda p: p.negations)
NEGATING_PREFIXES = all_words(lambda p: p.negating_prefixes)
MIN_NEGATED = 4  # "un-" before a word this long at least: "unhappy", not "under"
# A negating prefix written as a word of its own is this long: "non smokers"; "in" is a
# preposition and "un" may be the UN.
PREFIX_APART = 3
PREFIXES_APART = frozenset(p for p in NEGATING_PREFIXES if len(p) >= PREFIX_APART)
SURVEY_NOUNS = all_words(lambda p: p.survey_questions.nouns)
SAMPLE_NOUNS = all_words(lambda p: p.survey_questions.sample_nouns)


# "young people", "junge Menschen": a group's words for anyone name no group; its
# distinctive words do ("young"), or every question about people would be about it.
ANYONE = all_words(lambda p: p.counting.anyone)


def group_words(name: str) -> str:
    """A group's name without its words for anyone."""
    return " ".join(w for w in words(name) if w not in ANYONE)


def distinct_group_terms(group: Subgroup, analyzer: Analyzer) -> frozenset[str]:
    """A subgroup's distinctive words, as terms, in every language."""
    return frozenset(
        term for lang in LANGS for term in analyzer.terms(group_words(group.name.get(lang)), lang)
    )


def number_terms(folded: Sequence[str]) -> frozenset[str]:
    """The numbers a text names, as terms: "six to ten" names 6 to 10, and "more than
    ten" the bound ">10", not ten."""
    unbound = ["" if _comparator_before(folded, i) is not None else w for i, w in enumerate(folded)]
    return frozenset(str(n) for n in numbers_named(unbound)) | compared_numbers(folded)


def figure_terms(figure: Figure, analyzer: Analyzer) -> frozenset[str]:
    """What a figure is about, as terms: its `measures` words and its subgroup's name in
    every language (its distinctive words), with numbers in digits ("one day" and "1
    day" alike) and negation as one term."""
    terms: set[str] = set()
    for lang in LANGS:
        texts = [figure.measures.get(lang)]
        if figure.group is not None:
            texts.append(group_words(figure.group.name.get(lang)))
        for text in texts:
            # "the wage the poll asked about": the survey's own nouns name no figure of
            # it ("what is the wage according to the poll?"). "more excited than
            # concerned": the other side is not what the figure measures.
            folded = words(text)
            own = folded[: than_at(folded, lang)]
            text = " ".join(w for w in own if w not in SURVEY_NOUNS)
            terms.update(analyzer.terms(text, lang))
            terms.update(number_terms(words(text)))
            if not NEGATIONS.isdisjoint(words(text)):
                terms.add(NEGATED)
    return frozenset(terms)


def asked_terms(figure: Figure, whole: frozenset[str], analyzer: Analyzer) -> frozenset[str]:
    """The words of a figure's own questions that say which figure it is: not those
    the finding's own questions use (`whole`, "switch jobs": the finding as a whole),
    nor a part of one of those compounds ("Lohnerhöhung" of "Mindestlohnerhöhung"), nor
    a word for anyone ("people", "respondents") or for the survey ("according to the
    poll")."""
    general = SURVEY_NOUNS | SAMPLE_NOUNS
    asked = {
        term
        for lang in LANGS
        for q in figure.own_questions(lang)
        for term in analyzer.terms(
            " ".join(w for w in words(group_words(q)) if w not in general), lang
        )
    }
    return frozenset(
        term
        for term in asked - whole
        if not any(_compound_part(known, term) or _compound_part(term, known) for known in whole)
    )


def says_no(figure: Figure, knows: Callable[[str], bool]) -> bool:
    """Does what the figure measures, or whom, say "not" ("not worried", "keine
    Entscheidung", "Nicht-Gamer"), in some language, or negate a word by a prefix
    ("undecided": "decided" is a word `knows`; "important" is no "not portant")?"""
    return any(
        word in NEGATIONS or prefix_negated(word, knows)
        for lang in LANGS
        for text in (
            figure.measures.get(lang),
            # "junge Nicht-Gamer": a group may be those who do not.
            figure.group.name.get(lang) if figure.group is not None else "",
        )
        for word in words(text)
    )


def prefix_negated(word: str, knows: Callable[[str], bool]) -> bool:
    """Does `word` negate a word `knows` by a prefix ("undecided", "Nichtraucher")?"""
    return _negated_by_prefix(word, knows) is not None


def _negated_by_prefix(word: str, knows: Callable[[str], bool]) -> str | None:
    """The word `word` negates by a prefix ("Raucher" of "Nichtraucher"), if any."""
    return next(
        (
            word[len(p) :]
            for p in NEGATING_PREFIXES
            if word.startswith(p) and len(word) - len(p) >= MIN_NEGATED and knows(word[len(p) :])
        ),
        None,
    )


def denied_terms(
    figure: Figure, analyzer: Analyzer, knows: Callable[[str], bool]
) -> frozenset[str]:
    """What a figure's measure says no to by a prefix, as terms: "smokers" of
    "non-smokers" (written apart too), "Raucher" of "Nichtraucher"."""
    found: set[str] = set()
    for lang in LANGS:
        folded = words(figure.measures.get(lang))
        for at, word in enumerate(folded):
            if word in PREFIXES_APART and at + 1 < len(folded):
                found.update(analyzer.terms(folded[at + 1], lang))
            denied = _negated_by_prefix(word, knows)
            if denied is not None:
                found.update(analyzer.terms(denied, lang))
    return frozenset(found)


def names_any(question_forms: Iterable[frozenset[str]], terms: frozenset[str]) -> bool:
    """Does a question word name one of `terms`, by a compound's part or as a word of
    the same stem ("smokes" and "smokers", "rauchen" and "Raucher")?"""
    return any(
        _names(form, terms)
        or any(
            min(len(word), len(term)) >= MIN_COMPOUND_PART
            and (term.startswith(word) or word.startswith(term))
            for word in form
            for term in terms
        )
        for form in question_forms
    )


def breakdown_terms(figure: Figure, analyzer: Analyzer) -> frozenset[str]:
    """The words of the breakdown a subgroup figure belongs to ("age", "Partei")."""
    if figure.group is None or figure.group.by is None:
        return frozenset()
    by = figure.group.by
    return frozenset(term for lang in LANGS for term in analyzer.terms(by.get(lang), lang))


def _breakdown_wholly_named(
    figure: Figure, forms: list[frozenset[str]], analyzer: Analyzer
) -> bool:
    """Does the question name every word of the figure's breakdown, in some language?"""
    by = figure.group.by if figure.group is not None else None
    if by is None:
        return False
    return any(
        all(
            any(_names(form, frozenset({t})) for form in forms)
            for t in analyzer.terms(by.get(lang), lang)
        )
        for lang in LANGS
    )


def _of_breakdown(
    figures: Sequence[Figure],
    forms: list[frozenset[str]],
    analyzer: Analyzer,
    groups_asked: bool = True,
) -> list[Figure]:
    """ "Which age group ...": the figures of the breakdown the question names, else all
    subgroup figures (a ranking of groups leaves the whole population out), else all.
    A question that asks for no group ("the most common answer among Germans") ranks
    everyone's figures, where there are several."""
    grouped = [f for f in figures if f.group is not None]
    if not grouped:
        return list(figures)
    overall = [f for f in figures if f.group is None]
    named = [
        f for f in grouped if any(_names(form, breakdown_terms(f, analyzer)) for form in forms)
    ]
    # "which age group": the breakdown "age" rather than "sex and age", whose other
    # word the question does not name.
    whole = [f for f in named if _breakdown_wholly_named(f, forms, analyzer)]
    if not named and not groups_asked and len(overall) >= 2:
        return overall
    return whole or named or grouped


def choose_figure(
    finding: Finding,
    figures: Sequence[Figure],
    question_forms: Iterable[frozenset[str]],
    extreme: Extreme | None,
    analyzer: Analyzer,
    compares: bool = False,
    rank: int = 1,
    doers_only: bool = False,
    unit: str | None = None,
    groups_asked: bool = True,
) -> FigureChoice | None:
    """The figure of `figures` (those of one period) that the question asks for. A
    comparative (`compares`) picks among the figures the question names, and only when
    it names two or more. `doers_only`: the question ranks only those who do what the
    figures measure ("among those who work from home, what is most common?"), so a
    figure of those who do not is no candidate."""
    if not figures:
        return None
    of_unit = [f for f in figures if f.unit == unit]
    narrowed = bool(of_unit) and len(of_unit) < len(figures) and extreme is None
    if narrowed:
        # "What share use a smartphone?": of the 54 million and the 78%, the share; of
        # the support for a raise and the $12 it would raise to, "how many dollars" the
        # amount. The words then pick among the figures of that unit.
        if len(of_unit) == 1:
            return FigureChoice(of_unit[0], singled_out=True)
        figures = of_unit
    forms = list(question_forms)
    contrary = _of_the_contrary_bound(figures, forms, analyzer)
    if contrary and len(contrary) < len(figures):
        # "weniger als einmal pro Woche" is not "mindestens einmal pro Woche".
        figures = [f for f in figures if f not in contrary]
        if len(figures) == 1:
            return FigureChoice(figures[0], singled_out=True)
    if len(figures) == 1:
        return FigureChoice(figures[0], singled_out=False)
    # A maintainer's words for a figure ("fully remote") are its own words too.
    asked: list[frozenset[str]] = []
    if any(f.questions for f in figures):
        finding_terms = _whole_finding_terms(finding, analyzer)
        asked = [asked_terms(f, finding_terms, analyzer) for f in figures]
    hits = own_hits(figures, forms, analyzer, asked)
    if extreme is not None:
        # "which is rarest: one day, two to four days or five?": the superlative picks
        # among the figures the question names, or among all of them.
        named = named_among(figures, forms, analyzer)
        # "which age group": when only the breakdown's word names figures, it says
        # which breakdown is ranked, not which of its groups ("adults aged 50 to 64" is
        # not named by it, and seniors are ranked too).
        by_terms = frozenset().union(*(breakdown_terms(f, analyzer) for f in figures))
        other = [f for f in forms if not f & by_terms]
        if len(other) < len(forms) and not named_among(figures, other, analyzer):
            named = []
        if len(named) >= 2 or not compares:
            pool = (
                named if len(named) >= 2 else _of_breakdown(figures, forms, analyzer, groups_asked)
            )
            if doers_only and not any(NEGATED in form for form in forms):
                pool = [f for f in pool if NEGATED not in figure_terms(f, analyzer)] or pool
            # Shares are ranked with shares, dollars with dollars: of the unit the
            # pool has most of, shares on a tie.
            units = [f.unit for f in pool]
            unit = max(sorted(set(units), key=lambda u: u != "percent"), key=units.count)
            pool = [f for f in pool if f.unit == unit]
            ranked = sorted(pool, key=lambda f: f.value, reverse=extreme is Extreme.HIGHEST)
            if rank <= len(ranked):
                return FigureChoice(ranked[rank - 1], singled_out=True)
    total = _total_of(figures)
    if total is not None:
        # "how many now do it part of the time, who were not allowed before?": the words
        # of the whole group ("not allowed before") say whose parts are meant; a part's
        # own word says which, unless the finding's questions use it for the whole
        # ("for the first time" is no "part of the time").
        whole = _whole_finding_terms(finding, analyzer)
        hits = own_hits(figures, [f for f in forms if not f & whole], analyzer, asked)
        hits[total] = 0
        if not any(hits):
            return FigureChoice(figures[total], singled_out=False)
    best = max(hits)
    if best > 0 and hits.count(best) > 1:
        # "how many rarely have sleep problems?": "rarely" is the 24%'s own word and
        # "problems" the own word of "no answer on sleep problems", but the finding's
        # questions use "problems" for all of it: the word of one figure alone decides.
        whole = _whole_finding_terms(finding, analyzer)
        specific = own_hits(figures, [f for f in forms if not f & whole], analyzer, asked)
        tied_specific = [s if hit == best else -1 for s, hit in zip(specific, hits, strict=True)]
        top = max(tied_specific)
        if top > 0 and tied_specific.count(top) == 1:
            return FigureChoice(figures[tied_specific.index(top)], singled_out=True)
        by_negation = _by_negation(
            [f for f, hit in zip(figures, hits, strict=True) if hit == best], forms
        )
        if by_negation is not None:
            return FigureChoice(by_negation, singled_out=True)
    if best > 0 and hits.count(best) == 1:
        return FigureChoice(figures[hits.index(best)], singled_out=True)
    tied = [f for f, hit in zip(figures, hits, strict=True) if best > 0 and hit == best]
    overall = [f for f in tied if f.group is None]
    if len(overall) == 1 and covering_group(figures, forms, analyzer) == (None, False):
        # "how many are excited?": of the share of all and the groups' shares of the same
        # thing, all, when the question names no group.
        return FigureChoice(overall[0], singled_out=True)
    covered, _ = covering_group(figures, forms, analyzer)
    if covered is not None:
        # "Republicans aged 18 to 49", "women": no word is one group's own, but one
        # group has every group word the question uses.
        return FigureChoice(covered, singled_out=True)
    if best == 0:
        # "wie gut schlafen Weiße?": "weiß" is a word of "Weiße" and of "Nicht-Weiße",
        # so no word is one group's own; the negation tells them apart.
        fits = [fit_of(f, forms, analyzer) for f in figures]
        alike = [f for f, fit in zip(figures, fits, strict=True) if fit == max(fits) > 0]
        if all(f.group is not None for f in alike):
            by_negation = _by_negation(alike, forms)
            if by_negation is not None:
                return FigureChoice(by_negation, singled_out=True)
    if best == 0 and not compares:
        shared = _most_covered(figures, forms, analyzer)
        if shared is not None:
            return FigureChoice(shared, singled_out=True)
    # Several figures of the unit asked and no word picks one: the one for everyone
    # ("what share use a smartphone?": 78%, not a group's), else the finding's answer,
    # not the first of them as if it were asked for ("strongly" or "somewhat" favour).
    overall = [f for f in figures if f.group is None]
    if narrowed and len(overall) == 1:
        return FigureChoice(overall[0], singled_out=True)
    return FigureChoice(figures[0], singled_out=False)


def _of_the_contrary_bound(
    figures: Sequence[Figure], forms: list[frozenset[str]], analyzer: Analyzer
) -> list[Figure]:
    """The figures bounded the other way on a number the question bounds ("at least
    once" where it asks "less than once")."""
    asked = {term for form in forms for term in form if term[:1] in "<>" and term[1:].isdigit()}
    flipped = {("<" if term[0] == ">" else ">") + term[1:] for term in asked}
    return [f for f in figures if flipped & figure_terms(f, analyzer)]


def _whole_finding_terms(finding: Finding, analyzer: Analyzer) -> frozenset[str]:
    """The terms of the finding's own questions: what it is about as a whole."""
    return frozenset(
        term
        for lang in LANGS
        for q in finding.questions.get(lang)
        for term in analyzer.terms(q, lang)
    )


def most_like(figures: Sequence[Figure], like: Figure, analyzer: Analyzer) -> Figure | None:
    """Of `figures`, the one that measures most nearly what `like` does, when one
    shares more of its measure's words than any other ("and next year?" after those
    better off than last year: those who expect to be better off)."""
    lead = _measure_terms(like, analyzer)
    overlap = [len(_measure_terms(f, analyzer) & lead) for f in figures]
    best = max(overlap, default=0)
    return figures[overlap.index(best)] if best > 0 and overlap.count(best) == 1 else None


def group_version(
    finding: Finding,
    figures: Sequence[Figure],
    group: Subgroup,
    analyzer: Analyzer,
    like: Figure | None = None,
) -> Figure | None:
    """Of `group`'s figures among `figures`, the one that measures most nearly what
    `like` does (the figure the conversation was about: "and women?" after the share of
    non-smokers), else the finding's first figure: the group's version of it."""
    own = [f for f in figures if f.group == group]
    if not own:
        return None
    lead = _measure_terms(like or finding.figures[0], analyzer)
    overlap = [len(_measure_terms(f, analyzer) & lead) for f in own]
    return own[overlap.index(max(overlap))]


def names_a_measure(
    figures: Sequence[Figure], forms: list[frozenset[str]], analyzer: Analyzer
) -> bool:
    """Does the question name what one of `figures` measures, beyond their group ("and
    women, how many quit?"), or only the group ("and women?")?"""
    measured = [_measure_terms(f, analyzer) for f in figures]
    shared = frozenset.intersection(*measured) if measured else frozenset()
    return any(_names(form, terms - shared) for terms in measured for form in forms)


def _measure_terms(figure: Figure, analyzer: Analyzer) -> frozenset[str]:
    """What a figure measures, as terms, with negation as one ("read no books" and
    "never read a book" both say no)."""
    terms = texts_terms(figure.measures, analyzer)
    negated = any(not NEGATIONS.isdisjoint(words(figure.measures.get(lang))) for lang in LANGS)
    return terms | {NEGATED} if negated else terms


def texts_terms(texts: Texts, analyzer: Analyzer) -> frozenset[str]:
    """The terms of a text in every language."""
    return frozenset(term for lang in LANGS for term in analyzer.terms(texts.get(lang), lang))


def _most_covered(
    figures: Sequence[Figure], forms: list[frozenset[str]], analyzer: Analyzer
) -> Figure | None:
    """The figure for everyone the question's words name when no word is one figure's
    own and the question names no group: of those of everyone named by the most
    question words (not all of them: then the words pick none), the one whose words
    the question covers best ("how many are excited?": "mainly excited", not "equally
    concerned and excited", nor the young's "mainly excited")."""
    group_terms = frozenset().union(
        *(
            analyzer.terms(f.group.name.get(lang), lang)
            for f in figures
            if f.group is not None
            for lang in LANGS
        )
    )
    if any(form & group_terms for form in forms):
        return None
    overall = [f for f in figures if f.group is None]
    terms = [figure_terms(f, analyzer) for f in overall]
    named = [sum(1 for form in forms if _names(form, t)) for t in terms]
    most = max(named, default=0)
    if most == 0 or named.count(most) == len(overall):
        return None
    pool = [n for n, count in enumerate(named) if count == most]
    coverage = [most / max(1, len(terms[n])) for n in pool]
    best = max(coverage)
    if coverage.count(best) == 1:
        return overall[pool[coverage.index(best)]]
    return None


def covering_group(
    figures: Sequence[Figure], forms: list[frozenset[str]], analyzer: Analyzer
) -> tuple[Figure | None, bool]:
    """The subgroup figure whose group words cover every group word the question
    uses, the most specific one when several do ("women" against "women aged 55 and
    over"); and whether the question combines group words no one group has ("men aged
    55 and over" where the source has men, and women aged 55 and over)."""
    grouped = [f for f in figures if f.group is not None]
    if len(grouped) < 2:
        return None, False
    terms = [figure_terms(f, analyzer) for f in grouped]
    shared = frozenset.intersection(*terms)
    distinct = [t - shared for t in terms]
    hitting = [form for form in forms if any(_names(form, d) for d in distinct)]
    if not hitting:
        return None, False
    covering = [
        (d, f)
        for f, d in zip(grouped, distinct, strict=True)
        if all(_names(form, d) for form in hitting)
    ]
    if not covering:
        # "Democrats and Republicans", "younger and older Democrats": groups of one
        # breakdown, listed or compared. Words of groups of different breakdowns ("men"
        # and "aged 55 and over") ask for a group the source does not give.
        by_breakdown: dict[object, list[frozenset[str]]] = {}
        for f, d in zip(grouped, distinct, strict=True):
            by_breakdown.setdefault(f.group.by if f.group else None, []).append(d)
        one_breakdown = any(
            all(any(_names(form, d) for d in ds) for form in hitting)
            for ds in by_breakdown.values()
        )
        return None, not one_breakdown
    if len(covering) > 1:
        # "Hochschulabschluss" names "Abschluss" as its part, and "mit
        # Hochschulabschluss" as a whole word: the whole word is the name.
        whole = [(d, f) for d, f in covering if all(form & d for form in hitting)]
        covering = whole or covering
    if len(covering) > 1:
        by_negation = _by_negation([f for _, f in covering], forms)
        if by_negation is not None:
            return by_negation, False
    if len(covering) == 1:
        return covering[0][1], False
    # Of several, the one whose words the others all have too: "women" within "women
    # aged 55 and over". Groups that only overlap ("younger" and "older Republicans")
    # leave it open.
    narrowest = [f for d, f in covering if all(d <= other for other, _ in covering)]
    return (narrowest[0], False) if len(narrowest) == 1 else (None, False)


def _by_negation(tied: Sequence[Figure], forms: list[frozenset[str]]) -> Figure | None:
    """Of figures the question's words name alike, the one alone on the question's side
    of a negation: "people with a college degree" names "people without a college
    degree" too, and "ohne College-Abschluss" names "mit Abschluss nach dem Studium"
    by "Abschluss". Negations are no words of a name (they are stop words), so they
    would tie. A question with a negation anywhere is on its side (the words do not
    say what it negates); a name is negated by a negation or a prefix written apart
    ("non-white"), not by one glued on ("Nichtwähler" needs the words a prefix may
    negate, which figure choice does not have)."""
    says_not = any(NEGATED in form or not form.isdisjoint(PREFIXES_APART) for form in forms)
    side = [f for f in tied if _group_negated(f) == says_not]
    return side[0] if len(side) == 1 and len(tied) > 1 else None


def _group_negated(figure: Figure) -> bool:
    """Does the figure's group say "not" in its name, in some language? (What it
    measures may say so too, "never read a book", but then "and women?" after the men
    who never read asks for the women who never read, not for the women who read.)"""
    return figure.group is not None and any(
        not (NEGATIONS | PREFIXES_APART).isdisjoint(words(figure.group.name.get(lang)))
        for lang in LANGS
    )


def best_crossed(
    figures: Sequence[Figure], forms: list[frozenset[str]], analyzer: Analyzer
) -> list[Figure]:
    """The subgroup figures the question's words fit most of (at least one word),
    counting only words that tell the groups apart."""
    if len(figures) < 2 or not all(f.group is not None for f in figures):
        return []
    terms = [figure_terms(f, analyzer) for f in figures]
    shared = frozenset.intersection(*terms)
    hits = [sum(1 for form in forms if _names(form, t - shared)) for t in terms]
    best = max(hits)
    return [f for f, hit in zip(figures, hits, strict=True) if best > 0 and hit == best]


def names_its_group(
    figure: Figure, question_forms: Iterable[frozenset[str]], analyzer: Analyzer
) -> bool:
    """Does a question word name the figure's subgroup (by a distinctive word)?"""
    if figure.group is None:
        return False
    group = distinct_group_terms(figure.group, analyzer)
    return any(_names(form, group) for form in question_forms)


def fit_of(figure: Figure, question_forms: Iterable[frozenset[str]], analyzer: Analyzer) -> int:
    """How many of the question's words name the figure."""
    terms = figure_terms(figure, analyzer)
    return sum(1 for form in question_forms if _names(form, terms))


def named_among(
    figures: Sequence[Figure], forms: list[frozenset[str]], analyzer: Analyzer
) -> list[Figure]:
    """The figures the question names by their own words, or for crossed subgroups
    ("young or old Republicans?") by all their words."""
    hits = own_hits(figures, forms, analyzer)
    named = [f for f, hit in zip(figures, hits, strict=True) if hit]
    if len(named) >= 2:
        return named
    whole = wholly_named(figures, forms, analyzer)
    return whole if len(whole) >= 2 else (best_crossed(figures, forms, analyzer) or named)


def wholly_named(
    figures: Sequence[Figure], forms: list[frozenset[str]], analyzer: Analyzer
) -> list[Figure]:
    """The subgroup figures whose group the question names with every word of its name
    in one language: "women or men?" names women and men, not "women aged 55 and over",
    though "women" is no word of one group alone."""

    def named(figure: Figure) -> bool:
        if figure.group is None:
            return False
        for lang in LANGS:
            text = " ".join(w for w in words(figure.group.name.get(lang)) if w.isalpha())
            terms = analyzer.terms(text, lang)
            if terms and all(any(_names(form, frozenset({t})) for form in forms) for t in terms):
                return True
        return False

    return [f for f in figures if named(f)]


def compared_with(
    chosen: Figure,
    figures: Sequence[Figure],
    question_forms: Iterable[frozenset[str]],
    analyzer: Analyzer,
) -> list[Figure]:
    """ "Democrats or Republicans?": the other figures a comparison names. Where the
    groups compared each have several measures ("concerned", "excited"), only those of
    the chosen figure's measure: the others are no side of this comparison."""
    named = [f for f in named_among(figures, list(question_forms), analyzer) if f is not chosen]
    alike = [f for f in named if f.group != chosen.group and f.measures == chosen.measures]
    return alike or named


# A total and its parts are rounded each on its own: 15% + 3% may be reported as 19%,
# one step of the figures' rounding (1 for whole numbers, 0.1 for 10.6).
SUM_TOLERANCE = 1.0


def _total_of(figures: Sequence[Figure]) -> int | None:
    """The share that is the sum of all the other shares (18% of whom 15% part of the
    time and 3% entirely), if there is one and the others are at least two. Only shares
    add up: averages and counts of different groups are no parts of a whole."""
    if len(figures) < 3 or any(f.unit != "percent" for f in figures):
        return None
    step = max(_rounding_step(float(f.value)) for f in figures)
    tolerance = SUM_TOLERANCE * step
    for i, figure in enumerate(figures):
        rest = sum(float(f.value) for j, f in enumerate(figures) if j != i)
        if abs(float(figure.value) - rest) <= tolerance:
            return i
    return None


def _rounding_step(value: float) -> float:
    """1 for 18, 0.1 for 10.6: the step a figure was rounded to."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    decimals = len(text.partition(".")[2])
    return 10.0**-decimals


def choose_change(
    changes: Sequence[Change],
    question_forms: Iterable[frozenset[str]],
    analyzer: Analyzer,
    extreme: Extreme | None = None,
    since: int | None = None,
    direction: int = 0,
) -> tuple[Change, list[Change]]:
    """The change a question asks about: of the changes from the year it asks about
    (`since`), if any, and of the measure its own words name ("the Christians' share"),
    the one of the subgroup it names, else the whole population's, else the first; and
    the others it compares it with. With a comparative ("who rose more, Democrats or
    Republicans?") the larger (or smaller) of the changes it names; with "less" and no
    ranking, a fall (`direction`)."""
    forms = list(question_forms)
    changes = [c for c in changes if c.start == since] or list(changes)
    # "how much less than in 2011?": a fall, where the changes go both ways.
    changes = [c for c in changes if c.value * direction > 0] or changes
    measures = [texts_terms(c.measures, analyzer) for c in changes]
    own = [
        terms - frozenset().union(*(m for j, m in enumerate(measures) if j != i))
        for i, terms in enumerate(measures)
    ]
    said = [sum(1 for form in forms if _names(form, terms)) for terms in own]
    if said and max(said) > 0 and said.count(max(said)) == 1:
        meant = changes[said.index(max(said))].measures
        changes = [c for c in changes if c.measures == meant]
    grouped = [(c, c.group) for c in changes if c.group is not None]
    names = [
        frozenset(term for lang in LANGS for term in analyzer.terms(g.name.get(lang), lang))
        for _, g in grouped
    ]
    # Only the words that tell the groups apart ("Republicans", not "leaners").
    shared = frozenset.intersection(*names) if len(names) > 1 else frozenset()
    hits = [sum(1 for form in forms if _names(form, name - shared)) for name in names]
    named = [c for (c, _), hit in zip(grouped, hits, strict=True) if hit]
    if extreme is not None and grouped and (len(named) >= 2 or not named):
        # "who rose more, X or Y?", "which party's view rose the most?" (all groups);
        # among falls, the larger fall is the one asked for.
        pool = named or [c for c, _ in grouped]
        falls = all(c.value < 0 for c in pool)
        ranked = sorted(
            pool,
            key=lambda c: -c.value if falls else c.value,
            reverse=extreme is Extreme.HIGHEST,
        )
        return ranked[0], ranked[1:] if named else []
    if hits and max(hits) > 0 and hits.count(max(hits)) == 1:
        return grouped[hits.index(max(hits))][0], []
    return next((c for c in changes if c.group is None), changes[0]), []


def named_figures(
    finding: Finding, question_forms: Iterable[frozenset[str]], analyzer: Analyzer
) -> int:
    """How many of the finding's figures the question names by their own words (or,
    for crossed subgroups, by all their words)."""
    forms = list(question_forms)
    by_period: dict[object, list[Figure]] = {}
    for figure in finding.figures:
        by_period.setdefault(figure.period, []).append(figure)
    # Per period: a group's figures of two years are one group, named once.
    return (
        max(
            max(
                sum(1 for hit in own_hits(figures, forms, analyzer) if hit),
                len(wholly_named(figures, forms, analyzer)),
                len(best_crossed(figures, forms, analyzer)),
            )
            for figures in by_period.values()
        )
        if by_period
        else 0
    )


def own_hits(
    figures: Sequence[Figure],
    forms: list[frozenset[str]],
    analyzer: Analyzer,
    asked: Sequence[frozenset[str]] = (),
) -> list[int]:
    """Per figure, how many question words name it and none of its siblings: only a
    figure's own words name it ("rye" names one bread, "sell bread" all), written
    whole ("Identitätsdiebstahl", though "Diebstahl" is another's) or as a part of a
    compound that is its own. `asked`: per figure, the words of its own questions,
    which name it written whole only ("parteilose" is no "Partei")."""
    measured = [figure_terms(f, analyzer) for f in figures]
    terms = [t | asked[i] if asked else t for i, t in enumerate(measured)]
    others = [
        frozenset().union(*(t for j, t in enumerate(terms) if j != i)) for i in range(len(terms))
    ]
    return [
        sum(
            1
            for form in forms
            if form & (own - other) or _names_by_own_part(form, words_of - other, other)
        )
        for own, words_of, other in zip(terms, measured, others, strict=True)
    ]


def _names_by_own_part(form: frozenset[str], own: frozenset[str], other: frozenset[str]) -> bool:
    """Does a compound name a figure by a part that is its own, and not only inside a
    longer part a sibling has too ("Einschlafprobleme": "problems" is inside
    "Schlafprobleme"; "Hybridbeschäftigte": "hybrid" is a part of its own)?"""
    for word in form:
        for term in own:
            end = _compound_part(word, term)
            if end is None:
                continue
            inside = any(
                len(longer) > len(term)
                and (word == longer or _compound_part(word, longer) == end)
                and (longer.startswith(term) if end == "start" else longer.endswith(term))
                for longer in other
            )
            if not inside:
                return True
    return False


# A compound names a figure by a part this long at least: "Hybridarbeit" names the
# "hybrid" figure.
MIN_COMPOUND_PART = 5


def _names(form: frozenset[str], own: frozenset[str]) -> bool:
    return bool(form & own) or any(
        _compound_part(word, term) is not None for word in form for term in own
    )


def _compound_part(word: str, term: str) -> str | None:
    """Where `term` is a part of the compound `word`: "start" ("Hybridarbeit"), "end"
    (not after a negating prefix: "undecided" is no "decided"), or None."""
    if len(term) < MIN_COMPOUND_PART:
        return None
    if word.startswith(term):
        return "start"
    if word.endswith(term) and word[: -len(term)] not in NEGATING_PREFIXES:
        return "end"
    return None


def question_forms(content: Sequence[str], analyzer: Analyzer) -> list[frozenset[str]]:
    """The forms of a question's words for figure choice, numbers as digits. A number
    after a comparator ("at least one day", "mindestens einen Tag") names no single
    figure of a breakdown: it is left out, so the whole breakdown answers."""
    forms = [w.forms for w in analyzer.query_words([(word, 1.0) for word in content])]
    if not NEGATIONS.isdisjoint(content):
        forms.append(frozenset({NEGATED}))
    for index, word in enumerate(content):
        number = number_value(word)
        # Only last: "one in five", "eine von fünf", "one or two days" are numbers.
        pronoun = word in PRONOUN_NUMBERS and index + 1 == len(content)
        if number is not None and not pronoun and _comparator_before(content, index) is None:
            forms.append(frozenset({str(number)}))
    forms.extend(frozenset({bound}) for bound in compared_numbers(content))
    return forms


def verdict(stated: StatedFigure, figure: Figure) -> Verdict:
    value, claim = float(figure.value), stated.value
    if stated.relation == "more":
        return Verdict.TRUE if value > claim else Verdict.FALSE
    if stated.relation == "less":
        return Verdict.TRUE if value < claim else Verdict.FALSE
    gap = abs(value - claim)
    if gap <= EXACT_TOLERANCE:
        return Verdict.TRUE
    rough = max(ROUGH_POINTS, ROUGH_SHARE * claim)
    if stated.relation == "about" and gap <= rough:
        return Verdict.ROUGHLY
    if gap <= min(rough, 2.0):
        return Verdict.ROUGHLY
    return Verdict.FALSE


def judge_stated(
    stated: StatedFigure, finding: Finding, choice: FigureChoice, year: int | None, survey_year: int
) -> tuple[FigureChoice | None, int | None, Verdict | None]:
    """The verdict on a figure the question states, the figure it is given against and
    the period that figure is for.

    Only a figure the question asks for is judged: the one it singles out of a
    breakdown, or the finding's one figure of the period. A breakdown the question does
    not single a part of gets no verdict (the whole breakdown answers). A finding with one
    figure a period is judged against every period: "is it true that 24% had a team?"
    is true of last year's figure, and that one is given."""
    periods = {f.period or survey_year for f in finding.figures}
    judged = list(finding.figures)
    if len(finding.figures) > len(periods):  # a breakdown
        # "is it true that 30% want to change jobs?" of everyone's figure and the men's
        # and women's: a claim about no group is one about everyone's, of any period.
        period = choice.figure.period or survey_year
        everyone = [
            f for f in finding.figures if f.group is None and (f.period or survey_year) == period
        ]
        if everyone != [choice.figure]:
            if not choice.singled_out:
                return FigureChoice(choice.figure, singled_out=False), year, None
            return choice, year, verdict(stated, choice.figure)
        judged = [f for f in finding.figures if f.group is None]
    if year is None and verdict(stated, choice.figure) is not Verdict.TRUE:
        # Another period's figure only when the question names it: "24%" is last year's
        # figure; "more than half still ..." and "half" (roughly last year's 55%) ask
        # about now.
        matching = [
            f
            for f in judged
            if stated.relation in ("exactly", "about")
            and abs(float(f.value) - stated.value) <= EXACT_TOLERANCE
        ]
        if matching:
            best = min(matching, key=lambda f: abs(float(f.value) - stated.value))
            period = best.period or survey_year
            return (
                FigureChoice(best, singled_out=False),
                (None if period == survey_year else period),
                verdict(stated, best),
            )
    return choice, year, verdict(stated, choice.figure)
