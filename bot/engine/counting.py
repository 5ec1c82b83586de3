"""Declining "how many X ...?" when the survey does not count X.

The word extraction is in `quantity`; this is the knowledge it is checked against: what
each survey counts (its population and title), what each finding's own "how many ...?"
questions count, and which words the German texts use as nouns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.engine.analysis import SYNONYM_MARK
from bot.engine.facts import ANYONE
from bot.engine.index import SearchIndex
from bot.engine.quantity import after_asking, asked_word, counted_word, looks_like_a_noun
from bot.engine.text import fold, words
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import LANGS, Finding, Lang
from bot.languages import all_words, pack, place_names

# The last part of a German compound that says what it is is this long at least.
MIN_COMPOUND_HEAD = 5

_TOKEN = re.compile(r"[^\W_]+")


TIME_UNITS = all_words(lambda p: p.counting.time_units)


class CountingGuard:
    def __init__(self, kb: KnowledgeBase, index: SearchIndex) -> None:
        self._kb = kb
        self._index = index
        self._german_nouns = _german_nouns(kb)
        self._asked_in = {f.id: self._asked_in_finding(f) for f in kb.findings.values()}
        # What a finding's figures measure ("days a week", "Tage pro Woche"): "on how many
        # days do they work from home?" counts days, which that finding does count. Only
        # for units of time: "staff" in "present staff as experts" is no count of staff.
        self._measured = {
            f.id: frozenset(
                term
                for figure in f.figures
                for lang in LANGS
                for term in index.analyzer.terms(figure.measures.get(lang), lang)
            )
            for f in kb.findings.values()
        }
        # Whom each figure counts: its group, and the words its measure opens with
        # ("kühle Skeptiker", "concerned believers who ...", "Unternehmen, die ..."),
        # not everyone it mentions ("... die Mitarbeiter als Experten zeigen").
        self._whom = {
            f.id: frozenset(
                term
                for figure in f.figures
                for lang in LANGS
                for text in (
                    _opening(figure.measures.get(lang), index),
                    figure.group.name.get(lang) if figure.group is not None else "",
                )
                for term in index.analyzer.terms(text, lang)
            )
            for f in kb.findings.values()
        }
        # Whom a finding with figures names in its own words counts for it, as a group
        # or not: "how many smokers ...", "wie viele Opfer ..." where its own "how many
        # ...?" variants count them ("how many were victims ...?") or a figure measures
        # something among them ("internet use among women"); a maintainer need not write
        # `group:`. Not every word of a measure: "present staff as experts" counts no
        # staff. Units ("Woche", "euros") and words for anyone are no whom.
        self._named_in = {
            f.id: (
                frozenset(
                    term
                    for lang in LANGS
                    for q in f.quantities
                    for word in _after_among(words(q.measures.get(lang)), index)
                    for term in index.analyzer.forms(word)
                )
                | self._asked_in[f.id]
            )
            - _unit_and_anyone_terms(index)
            if f.figures
            else frozenset()
            for f in kb.findings.values()
        }
        # A survey counts its population and each of the subgroups its figures are for
        # ("how many Republicans ...").
        # "by how many points ...": a finding with figures in points counts points (so
        # does one with shares of several years: their difference is in points), and
        # one with a count of companies counts companies.
        self._unit_terms = {
            f.id: frozenset(
                term
                for lang in LANGS
                if any(q.unit == "points" for q in f.quantities) or _shares_over_years(f)
                for mark in pack(lang).units.points_marks
                for term in index.analyzer.terms(" ".join(mark), lang)
            )
            | frozenset(
                term
                for q in f.quantities
                if q.counts is not None
                for lang in LANGS
                for term in index.analyzer.terms(q.counts.get(lang), lang)
            )
            # "how many dollars ...": a finding with an amount in dollars counts them.
            | frozenset(
                term
                for q in f.quantities
                if q.unit == "currency" and q.currency is not None
                for lang in LANGS
                for mark in pack(lang).units.currency_marks.get(q.currency, ())
                for term in index.analyzer.terms(mark, lang)
            )
            for f in kb.findings.values()
        }
        self._counted_by = {
            survey.id: frozenset(
                term
                for lang in LANGS
                for text in (
                    survey.population.get(lang),
                    survey.title.get(lang),
                    *subgroup_names(kb, survey.id, lang),
                )
                for term in index.analyzer.terms(text, lang)
            )
            for survey in kb.surveys.values()
        }
        # Every word of who a survey counts, acronyms too ("adults in the USA"), and the
        # packs' places with the words for their people: "Amis", "Brits" are whom a
        # survey of adults in the USA or the UK counts.
        self._people = [
            frozenset(term for word in group for term in index.analyzer.forms(fold(word)))
            for lang in LANGS
            for group in pack(lang).people_of_places
        ]
        # Every place with the words for its people, as one term each ("Brits", "the
        # UK"): a question naming one the survey did not ask in is about another place.
        self._places = [
            frozenset(
                term
                for entry in place
                for lang in LANGS
                for term in index.analyzer.terms(entry, lang)
                if term.startswith(SYNONYM_MARK)  # the place's one term, not "state" of it
            )
            for place in place_names()
        ]
        # Each place's term -> the place, for a look-up per word of a question.
        self._place_of = {term: place for place in self._places for term in place}
        all_places = frozenset(self._place_of)
        # "the war in Ukraine", "views of Israel": a place a finding is about is its
        # topic, not another place the survey should have asked in.
        self._topic_places = {
            f.id: frozenset(
                term
                for lang in LANGS
                for text in (
                    *f.wordings(lang),
                    f.answer.get(lang),
                    f.context.get(lang) if f.context else "",
                    *(q.measures.get(lang) for q in f.quantities),
                )
                for term in index.analyzer.terms(text, lang)
                if term in all_places
            )
            for f in kb.findings.values()
        }
        self._population_terms = {
            survey.id: frozenset(
                term
                for lang in LANGS
                for text in (survey.population.get(lang), survey.title.get(lang))
                for term in index.analyzer.terms(text, lang)
            )
            for survey in kb.surveys.values()
        }
        self._population_words = {
            survey.id: frozenset(
                term
                for lang in LANGS
                for text in (survey.population.get(lang), survey.title.get(lang))
                for word in words(text)
                for term in index.analyzer.forms(word)
            )
            for survey in kb.surveys.values()
        }
        # The names in what a survey counts ("in Germany", "Ohio's bakers").
        self._names_in = {
            survey.id: frozenset(
                term
                for lang in LANGS
                for text in (survey.population.get(lang), survey.title.get(lang))
                for token in _TOKEN.findall(text)[1:]
                if token[:1].isupper() and not token.isupper()
                for term in index.analyzer.terms(token, lang)
            )
            for survey in kb.surveys.values()
        }

    def uncounted_word(
        self, question: str, rest: list[str], finding_id: str, lang: Lang
    ) -> str | None:
        """The word (as written) that the question counts and the finding does not, if
        any: when a verb like "have" makes it a noun, it must be what the survey counts;
        when it only looks like a noun, what the finding's own questions count will do.
        The German texts' nouns tell nouns in German questions only: "Support" is a
        German noun, "how many support ..." asks about no supports."""
        survey = self._kb.survey_for(finding_id)
        nouns = self._german_nouns if lang == "de" else frozenset()
        word = counted_word(rest, nouns)
        if word is not None and self._index.analyzer.is_stop_word(word) and word not in ANYONE:
            # "how many people in the UK ...": with "people" (whoever was asked) left
            # out, "in" is no noun counted.
            word = None
        allowed = self._counted_by[survey.id]
        if word is not None and word in TIME_UNITS and word == asked_word(rest):
            allowed = allowed | self._measured[finding_id]  # "on how many days ..."
        if word is None:
            word = asked_word(rest)
            if word is None or self._index.analyzer.is_stop_word(word):
                return None
            written = as_written(word, question)
            opens = question.lstrip().startswith(written)
            if not looks_like_a_noun(written, opens, nouns):
                return None
            allowed = allowed | self._asked_in[finding_id]
            if word in TIME_UNITS:
                allowed = allowed | self._measured[finding_id]
        counted = self._terms_of(word)
        # Whom a figure measures is counted by the survey, though it is no population
        # of its own ("how many skeptics", "wie viele Gläubige").
        allowed = allowed | self._unit_terms[finding_id] | self._whom[finding_id]
        allowed = allowed | self._named_in[finding_id]
        if counted & allowed or _of_a_place_counted(counted, self._names_in[survey.id]):
            return None
        if self.people_of_the_place(counted, survey.id) or _headed_by(counted, allowed):
            return None
        return as_written(word, question)

    def other_place(
        self, question: str, folded: Sequence[str], acronyms: frozenset[str], finding_id: str
    ) -> str | None:
        """A place (or its people) the question names that is not where the survey
        asked, when the survey names where it asked: "in the UK" of a survey of U.S.
        adults. A place word that is also a stop word counts only in capitals ("US",
        not "tell us"); a place the finding is about is its topic ("the war in
        Ukraine"). The word as the question writes it, for the reply to quote."""
        survey_id = self._kb.survey_for(finding_id).id
        topic = self._topic_places[finding_id]
        place = self._population_terms[survey_id]
        here = [group for group in self._places if place & group]
        if not here:
            return None
        for word in folded:
            if self._index.analyzer.is_stop_word(word) and word not in acronyms:
                continue
            forms = self._index.analyzer.forms(word)
            if forms & (self._counted_by[survey_id] | topic):
                continue  # "New England", a group of the survey's own
            if self._named_for_its_people(forms, survey_id):
                continue  # "Deutsche" of a survey of "Bundesbürger in West und Ost"
            named = [self._place_of[term] for term in forms if term in self._place_of]
            if named and not any(group in here for group in named):
                return as_written(word, question)
        return None

    def _named_for_its_people(self, forms: frozenset[str], survey_id: str) -> bool:
        """Is the place the people the survey names by a word for them, not by a place
        ("Bundesbürger": Germany; "New England" names no England)?"""
        place = self._population_words[survey_id]
        return any(
            forms & group and any(not t.startswith(SYNONYM_MARK) for t in place & group)
            for group in self._people
        )

    def people_of_the_place(self, counted: frozenset[str], survey_id: str) -> bool:
        """Are these the words for the people of the place the survey asked in
        ("Germans", "Amis" of a survey of people in Germany, of U.S. adults)?"""
        place = self._population_words[survey_id]
        return any(counted & group and place & group for group in self._people)

    def _terms_of(self, word: str) -> frozenset[str]:
        read, _ = self._index.read(word)  # synonyms and typos: "compnies" are companies
        return read[0].forms if read else self._index.analyzer.forms(word)

    def _asked_in_finding(self, finding: Finding) -> frozenset[str]:
        """What the finding's own "how many X ...?" variants count (as terms)."""
        asked: set[str] = set()
        for lang in LANGS:
            for variant in finding.wordings(lang):
                folded = words(variant)
                word = asked_word(folded)
                if word is not None:
                    asked |= self._terms_of(word)
                predicate = _after_copula(folded)
                if predicate is not None:
                    asked |= self._terms_of(predicate)
        return frozenset(asked)


COPULAS = all_words(lambda p: p.counting.copulas)
# "how many were victims", "wie viele Amerikaner waren Opfer": the copula comes this
# soon after the asking words.
COPULA_REACH = 2


def _after_copula(folded: list[str]) -> str | None:
    """The word after a copula right after "how many": whom the question counts."""
    rest = after_asking(folded)
    if rest is None:
        return None
    at = next((i for i, w in enumerate(rest[:COPULA_REACH]) if w in COPULAS), None)
    return rest[at + 1] if at is not None and at + 1 < len(rest) else None


AMONG = all_words(lambda p: p.counting.among)


def _after_among(folded: list[str], index: SearchIndex) -> list[str]:
    """The first word that is no stop word after each "among", "unter" of a text."""
    found = []
    for at, word in enumerate(folded):
        if word in AMONG:
            after = (w for w in folded[at + 1 :] if not index.analyzer.is_stop_word(w))
            found += [w for w in [next(after, None)] if w is not None]
    return found


def _unit_and_anyone_terms(index: SearchIndex) -> frozenset[str]:
    """The terms of units of time, money and points, and of the words for anyone."""
    marks = [
        " ".join(mark)
        for lang in LANGS
        for mark in (
            *pack(lang).units.points_marks,
            *((m,) for marks in pack(lang).units.currency_marks.values() for m in marks),
        )
    ]
    plain = [*TIME_UNITS, *ANYONE, *marks]
    return frozenset(
        term for text in plain for word in words(text) for term in index.analyzer.forms(word)
    )


def subgroup_names(kb: KnowledgeBase, survey_id: str, lang: Lang) -> list[str]:
    """The subgroups the survey's figures are for, each once, in the order written."""
    findings = (f for f in kb.findings.values() if kb.survey_of[f.id] == survey_id)
    return list(dict.fromkeys(name for f in findings for name in f.subgroup_names(lang)))


# "Austrians" are people of Austria, "Texans" of Texas: a word that starts
# like a name in what the survey counts (at least this long) is that population.
MIN_SHARED_START = 5


def _opening(text: str, index: SearchIndex) -> str:
    """The words a measure opens with, up to its first stop word or punctuation."""
    opening: list[str] = []
    for word in words(re.split(r"[,;:(–-]", text, maxsplit=1)[0]):
        if index.analyzer.is_stop_word(word):
            break
        opening.append(word)
    return " ".join(opening)


def _shares_over_years(finding: Finding) -> bool:
    return len({f.period for f in finding.figures if f.unit == "percent"}) > 1


def _headed_by(counted: frozenset[str], allowed: frozenset[str]) -> bool:
    """A compound is the kind of thing its last part is ("Klimaskeptiker" are
    "Skeptiker"): counted when that part is."""
    return any(
        len(term) >= MIN_COMPOUND_HEAD and form != term and form.endswith(term)
        for form in counted
        for term in allowed
    )


def _of_a_place_counted(counted: frozenset[str], names: frozenset[str]) -> bool:
    return any(
        len(n) >= MIN_SHARED_START
        and len(c) >= MIN_SHARED_START
        and (n.startswith(c) or c.startswith(n))
        for c in counted
        for n in names
    )


def as_written(word: str, question: str) -> str:
    """The word (or phrase) as the person wrote it ("McBrot", "the US"), not as it was
    folded ("mcbrot", "the us")."""
    tokens: list[str] = _TOKEN.findall(question)
    size = len(word.split())
    for at in range(len(tokens) - size + 1):
        span = tokens[at : at + size]
        if " ".join(w for token in span for w in words(token)) == word:
            return " ".join(span)
    return word


def _german_nouns(kb: KnowledgeBase) -> frozenset[str]:
    """Words the German texts capitalise inside a sentence: nouns, for questions typed
    in lower case ("wie viele backer ...")."""
    nouns: set[str] = set()
    for finding in kb.findings.values():
        for text in [*finding.wordings("de"), finding.answer.de]:
            tokens = _TOKEN.findall(text)
            nouns.update(fold(t) for t in tokens[1:] if t[:1].isupper() and not t.isupper())
    return frozenset(nouns)
