"""The answer engine: a question and the conversation so far in, a reply and the new
conversation state out. Pure: no I/O, no Telegram, no clock.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any, Literal

import numpy as np

from bot.config import EngineConfig
from bot.engine.ages import (
    age_numbers,
    age_words,
    fewest_words,
    population_ages,
    same_ages,
)
from bot.engine.analysis import SYNONYM_MARK, Analyzer, QueryWord
from bot.engine.carry import year_carries
from bot.engine.charts import Chart, chart_of
from bot.engine.counting import CountingGuard, as_written, subgroup_names
from bot.engine.cues import Cue
from bot.engine.decision import (
    Action,
    Decision,
    Doubts,
    Evidence,
    RuleDecision,
    shipped_decision,
)
from bot.engine.facts import (
    ANYONE,
    NEGATIONS,
    PREFIXES_APART,
    FigureChoice,
    Verdict,
    best_crossed,
    choose_change,
    choose_figure,
    compared_with,
    covering_group,
    denied_terms,
    distinct_group_terms,
    figure_terms,
    fit_of,
    group_version,
    judge_stated,
    most_like,
    named_among,
    named_figures,
    names_a_measure,
    names_any,
    names_its_group,
    number_terms,
    own_hits,
    prefix_negated,
    question_forms,
    says_no,
    verdict,
)
from bot.engine.fusion import SemanticScale, fuse
from bot.engine.index import IndexEntry, Match, SearchIndex, SearchResult
from bot.engine.language import as_lang, detect_language
from bot.engine.lexicon import LIGHT_WORDS
from bot.engine.periods import (
    THAN_WORDS,
    PeriodRequest,
    change_words_in,
    is_year,
    numbers_named,
    phrases_for,
)
from bot.engine.phrases import phrase
from bot.engine.query import (
    ALTERNATIVES,
    AMOUNT_WORDS,
    CONTEXT_WORDS,
    RESPONDENT_WORDS,
    SOURCE_WORDS,
    SURVEY_QUESTION_WORDS,
    Extreme,
    Query,
    SurveyAspect,
    follow_up_aspect,
    read_query,
)
from bot.engine.render import Renderer, join_words
from bot.engine.semantic import SemanticMatcher, cache_folder, load_encoder
from bot.engine.stances import Side, of_side, other_side_led, side_asked, side_of, stance_words
from bot.engine.stated_change import states_a_change, unit_for_change
from bot.engine.text import fold, phrase_spans, respell, words
from bot.engine.types import Candidate, ConversationState, Reply, ReplyKind, Suggestion
from bot.engine.vocabulary import GeneralVocabulary
from bot.knowledge.checks import variant_key
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import LANGS, Figure, Finding, Lang, Subgroup, Survey, Texts
from bot.languages import all_phrases, all_words, language_packs, opposites, pack, place_names
from bot.languages.formats import figure_period

CANDIDATES = 5
# How many answered findings a conversation remembers ("more" skips them).
MAX_SHOWN = 30
# Unknown words a reply quotes back: each once, and only a few.
MAX_QUOTED = 3
_TELLS_A_FINDING = (ReplyKind.ANSWER, ReplyKind.MISSING_PERIOD)
_POLITE = (Cue.GREETING, Cue.THANKS, Cue.GOODBYE)
# How many findings a question is weighed against in detail: enough for the answer,
# candidates, suggestions and the follow-up preference, few enough to stay fast.
SEARCH_DEPTH = 12
# The unknown words whose pull on the meaning is measured: each costs a sentence.
MAX_PULLED = 3
# A number as a headline writes it in either language ("1,922", "12,5"): one token.
_HEADLINE_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD_SPAN = re.compile(r"[^\W_]+")
WISHES = all_phrases(lambda p: p.wishes)
REASON_QUESTIONS = all_words(lambda p: p.reason_questions)
MEANING_WORDS = all_words(lambda p: p.meaning_words)
REASON_MARKERS = all_phrases(lambda p: p.reason_markers)
# "why" opens its question ("and why do ...", "aber warum ..."); later it may be a
# relative ("the reason why").
REASON_REACH = 3
LIFT_EPSILON = 1e-6
# A context term this short is more likely a stem of an everyday word ("deren": "der").
MIN_CONTEXT_TERM = 4
_SENTENCE = re.compile(r"[^.!?]+")
GROUP_ASKERS = all_words(lambda p: p.superlatives.group_askers)
# "why don't they ...?", "reasons against": the side of reasons a question asks for.
AGAINST = NEGATIONS | all_words(lambda p: p.stances.opposing_prepositions)
# What a figure measures is on the bad side with these, on the good side with those.
BAD_SIDE = NEGATIONS | all_words(lambda p: p.superlatives.bad_side)
GOOD_SIDE = all_words(lambda p: p.superlatives.good_side)
# "since 2021", "seit 2021": a change from that year, not one up to it.
SINCE_WORDS = all_words(lambda p: p.change_prepositions)
MIN_GROUP_ASKER = 5  # "Bildungsgruppe" asks for a group; "wer" ends many a word
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Closer than this, the two best findings are a tie: the bot asks which one was meant,
# unless both fit as well as a question with an unknown word must (two wordings of one
# question).
AMBIGUITY_MARGIN = 0.02
ONE_WORD_MARGIN = 0.1
# wordfreq's Zipf scale tops out about here ("the"): rarity is read against it.
ZIPF_CEILING = 7.0
# A follow-up ("and spelt?") prefers findings close to the previous answer.
FOLLOW_UP_BONUS = 0.1
OPPOSITES = opposites()
PERSON_NOUNS = all_words(lambda p: p.counting.person_nouns)
WORKER_NOUNS = all_words(lambda p: p.counting.worker_nouns)
LANGUAGE_SYNONYMS = [tuple(group) for pack in language_packs().values() for group in pack.synonyms]
# "Brits" and "the UK", "Brasilianer" and "Brasilien": a place and its people are one term.
PLACE_SYNONYMS = list(place_names())
OPPOSITE_STARTS: dict[str, list[tuple[str, ...]]] = defaultdict(list)
for _phrase in OPPOSITES:
    OPPOSITE_STARTS[_phrase[0]].append(_phrase)
# A second finding this close to the best one may be the other side of a comparison.
COMPARED_SHARE = 0.35
# A finding this close to the best whose figure is the one a question states is the
# one meant ("is it true that about half ...").
STATED_MARGIN = 0.1
# A finding this close to the best that singles out the subgroup a question names is
# the one meant: the best may only mention that group among others.
SINGLING_MARGIN = 0.25


class Engine:
    def __init__(
        self,
        kb: KnowledgeBase,
        config: EngineConfig,
        decision: Decision | None = None,
        declared_wording: bool = True,
    ) -> None:
        """`declared_wording`: a finding's own question variant, asked as written, is
        answered with that finding; `check` turns it off to see how each variant fares
        as another person's wording of it would."""
        self.kb = kb
        self.config = config
        self.render = Renderer(kb)
        self.decision: Decision = decision or _configured_decision(config)
        entries = _index_entries(kb)
        self.general = GeneralVocabulary(LANGS)
        self.index = SearchIndex(
            entries,
            Analyzer(
                [*LANGUAGE_SYNONYMS, *kb.synonyms],
                degrees=_degrees_used(kb),
                exact=PLACE_SYNONYMS,
            ),
            vocabulary=self.general,
        )
        cache = cache_folder(config.embedding_cache)
        encoder = load_encoder(config.semantic, cache) if config.semantic != "off" else None
        self.semantic = SemanticMatcher(entries, encoder, cache) if encoder else None
        self._scale = SemanticScale.fit(self.semantic) if self.semantic else None
        self._vocabulary = _vocabulary_languages(kb)
        # A follow-up prefers the previous finding, its related ones and its topic's.
        self._near = {
            finding.id: frozenset(
                {finding.id, *finding.related}
                | {f.id for f in kb.findings.values() if f.topic == finding.topic}
            )
            for finding in kb.findings.values()
        }
        self._examples = {lang: self._first_of_each_topic(lang) for lang in LANGS}
        # Each finding's question variants as written, whatever their language (none
        # when its own wording is to fare as another person's would).
        self._variants = {
            finding.id: frozenset(variant_key(v) for lang in LANGS for v in finding.wordings(lang))
            for finding in kb.findings.values()
            if declared_wording
        }
        # A figure's own wording, asked as written, is that figure's (where one figure
        # alone has it).
        figure_wordings = [
            (variant_key(q), figure)
            for finding in kb.findings.values()
            for figure in finding.figures
            if declared_wording
            for lang in LANGS
            for q in figure.own_questions(lang)
        ]
        written = Counter(key for key, _ in figure_wordings)
        written.update(
            variant_key(q)
            for f in kb.findings.values()
            for lang in LANGS
            for q in f.questions.get(lang)
        )
        self._declared_figures = {key: f for key, f in figure_wordings if written[key] == 1}
        # A variant's own finding, for wordings only one finding has.
        owners = Counter(key for keys in self._variants.values() for key in keys)
        self._declared = {
            key: finding
            for finding, keys in self._variants.items()
            for key in keys
            if owners[key] == 1
        }
        self._age_terms = frozenset(
            term
            for lang in LANGS
            for word in pack(lang).ages.words
            for term in self.index.analyzer.forms(fold(word))
        )
        # The words for whom each survey asked: they name none of its groups.
        self._everyone = {
            s.id: frozenset(
                t for lang in LANGS for t in self.index.analyzer.terms(s.population.get(lang), lang)
            )
            for s in kb.surveys.values()
        }
        # The ages each survey asked ("aged 14 and over"; adults when it says none).
        self._ages = {
            s.id: population_ages([(s.population.get(lang), lang) for lang in LANGS])
            for s in kb.surveys.values()
        }
        self._counting = CountingGuard(kb, self.index)
        self._group_words = {
            f.id: frozenset(
                w
                for fig in f.figures
                if fig.group is not None
                for lang in LANGS
                for w in words(fig.group.name.get(lang))
            )
            for f in kb.findings.values()
        }
        # Findings give the sides taken on a proposal ("for", "against").
        self._sided = any(
            side_of(q) is not None for f in kb.findings.values() for q in (*f.figures, *f.changes)
        )
        self._has_groups = {
            f.id: any(fig.group is not None for fig in f.figures) for f in kb.findings.values()
        }
        self._folded_texts = {f.id: _folded_texts(f) for f in kb.findings.values()}
        self._folded_measures = {
            f.id: tuple(
                " ".join(words(fig.measures.get(lang))) for fig in f.figures for lang in LANGS
            )
            for f in kb.findings.values()
        }
        self._about_texts = {
            f.id: tuple(
                " ".join(words(text))
                for text in [
                    *f.wordings("de"),
                    *f.wordings("en"),
                    *(fig.measures.get(lang) for fig in f.figures for lang in LANGS),
                ]
            )
            for f in kb.findings.values()
        }
        # "scammed in the past year": of a finding of one period that states no change,
        # the answer's period is the window it counts in, not a year before it ("und
        # im letzten Jahr?" asks that).
        self._window_texts = {
            f.id: tuple(" ".join(words(f.answer.get(lang))) for lang in LANGS)
            if f.figures and not f.changes and len({fig.period for fig in f.figures}) == 1
            else ()
            for f in kb.findings.values()
        }
        self._group_word_terms = {
            key: frozenset(t for w in group_words for t in self.index.analyzer.forms(w))
            for key, group_words in self._group_words.items()
        }
        self._any_group_terms = frozenset().union(*self._group_word_terms.values())
        self._variant_words = {
            f.id: frozenset(w for lang in LANGS for q in f.wordings(lang) for w in words(q))
            for f in kb.findings.values()
        }
        # The words that name each survey: its title, publisher, population, source.
        self._survey_terms = {
            survey.id: frozenset(
                term
                for lang in LANGS
                for text in (
                    survey.title.get(lang),
                    survey.publisher,
                    survey.population.get(lang),
                    *survey.source.titles,
                    survey.source.publisher or "",
                )
                for term in self.index.analyzer.terms(text, lang)
            )
            for survey in kb.surveys.values()
        }
        # A survey is named by its topics too ("the holiday study", "Schlafumfrage").
        for finding in kb.findings.values():
            survey_id = kb.survey_of[finding.id]
            titles = kb.topics.get(finding.topic)
            if titles is None:
                continue
            self._survey_terms[survey_id] = self._survey_terms[survey_id] | frozenset(
                term for lang in LANGS for term in self.index.analyzer.terms(titles.get(lang), lang)
            )
        self._survey_terms_all = frozenset().union(*self._survey_terms.values())
        self._context_only = _context_only_terms(kb, self.index.analyzer, self._survey_terms_all)
        # The terms of who ran or reported a survey that no finding's question uses:
        # they say where an answer should come from, not what it is about.
        asked_terms = {
            term
            for f in kb.findings.values()
            for lang in LANGS
            for q in f.wordings(lang)
            for term in self.index.analyzer.terms(q, lang)
        }
        publishers = _publisher_terms(kb, self.index.analyzer)
        self._naming_terms = frozenset(
            term for terms in publishers.values() for term in terms if term not in asked_terms
        )
        # The surveys that count persons (their population names them): there "people"
        # names no group of its own. Those that count people in work: there
        # "employees", "Mitarbeiter" are them.
        self._counts_persons = _populations_naming(kb, self.index.analyzer, PERSON_NOUNS)
        self._counts_workers = _populations_naming(kb, self.index.analyzer, WORKER_NOUNS)
        # Who was asked and who asked, in every survey: "how many companies were asked?"
        self._asked_terms_all = frozenset(
            term
            for survey in kb.surveys.values()
            for lang in LANGS
            for text in (
                survey.population.get(lang),
                survey.publisher,
                survey.source.publisher or "",
            )
            for term in self.index.analyzer.terms(text, lang)
        )
        # Findings about their survey itself ("Who conducted the survey?"): with several
        # surveys loaded, such a question that names none is asked back, not answered
        # from whichever survey wrote such a finding.
        self._about_itself = frozenset(
            f.id for f in kb.findings.values() if self._asks_only_about_a_survey(f)
        )
        # The surveys whose findings write each term, and those whose findings about a
        # topic do: "who ran the poll on sleep and screen time?" names a survey by words
        # only its findings write ("where do these numbers come from" names none).
        writing = _surveys_writing(kb, self.index, self._about_itself)
        self._written_by, self._topic_words_by = writing
        # Who ran a survey, in words no other survey's findings write: "according to
        # <institute>" keeps to its findings, though its own questions may name it too.
        self._publisher_names = _publisher_names(kb, self.index.analyzer, self._written_by)
        # The numbers each finding's texts use, as words: "one day a week" in a question
        # about that finding is its topic, not a narrowing the survey lacks.
        self._numbers = {f.id: _numbers_of(f) for f in kb.findings.values()}
        self._states_amount = {f.id: _states_amount(f) for f in kb.findings.values()}
        # Whether a finding's texts give reasons ("because", "um zu") or speak of wishes.
        self._gives_reasons = {
            f.id: self._says_any(f.id, REASON_MARKERS) for f in kb.findings.values()
        }
        self._speaks_of_wishes = {f.id: self._says_any(f.id, WISHES) for f in kb.findings.values()}
        # Whether a finding's answer or what its figures measure says "not" or "against"
        # ("those who don't want one", "Nicht-Käufer"): the reasons against, not for.
        self._negated = {f.id: _negated(f) for f in kb.findings.values()}
        # Reasons the finding itself gives, not only its background ("high prices are
        # the reasons people hesitate" beside a count of those who do).
        self._own_reasons = {
            f.id: any(
                phrase_spans(text.split(), REASON_MARKERS)
                for text in _folded_texts(f, context=False)
            )
            for f in kb.findings.values()
        }

    def warm(self) -> None:
        """Load now what the first questions would otherwise load (word lists, about a
        second of CPU): for a long-running bot, before it takes its first question."""
        self.general.warm()

    # --- the conversation -----------------------------------------------------------

    def reply(
        self,
        question: str,
        state: ConversationState | None = None,
        lang_hint: str | None = None,
        force_lang: Lang | None = None,
    ) -> tuple[Reply, ConversationState]:
        """Answer `question` in its own language (else the conversation's, else
        `lang_hint`, e.g. Telegram's language_code "de-DE", else the configured default),
        or always in `force_lang` when the person chose one (/lang)."""
        state = state or ConversationState()
        fallbacks = (state.lang, as_lang(lang_hint), self.config.default_language)
        # "in German please" holds for the rest of the conversation, like /lang.
        force_lang = force_lang or state.requested

        def language(folded: Sequence[str], raw: str) -> Lang:
            return force_lang or detect_language(folded, raw, self._vocabulary, fallbacks)

        picked = _picked(question, state)
        if picked is not None:  # "2": the second question the last reply offered
            return self.answer_finding(picked, state, force_lang or state.lang)
        query = read_query(question, language)
        # The reply quotes the question as read: its size is bounded too.
        reply = self._respond(query.text, query, state)
        if query.cue is not Cue.LANGUAGE:  # "in German please" wants it all again
            reply = self._in_conversation(reply, state)
        requested = reply.lang if query.cue is Cue.LANGUAGE else state.requested
        return reply, self._next_state(state, reply, query.follow_up, requested)

    def _in_conversation(self, reply: Reply, state: ConversationState) -> Reply:
        """A follow-up is short: what was told already in this conversation (a
        finding's background, the source of the survey just cited) is not told again."""
        last = state.finding or (state.shown[-1] if state.shown else None)
        if reply.kind is ReplyKind.SURVEY and reply.survey is not None:
            # "who was asked?" after an answer from that survey: the fact and the
            # survey's name, not the whole card again.
            cited = state.survey or (self.kb.survey_of.get(last) if last else None)
            if cited != reply.survey:
                return reply
            title = self.kb.surveys[cited].title.get(reply.lang)
            return _with(reply, details=(phrase("survey_named", reply.lang, title=title),))
        if reply.finding is None or reply.kind not in (ReplyKind.ANSWER, ReplyKind.MISSING_PERIOD):
            return reply
        finding = self.kb.findings[reply.finding]
        details = reply.details
        if finding.context is not None and reply.finding in state.told:
            told = finding.context.get(reply.lang)
            details = tuple(d for d in details if d != told)
        same_survey = self.kb.survey_of.get(last or "") == self.kb.survey_of[reply.finding]
        return _with(reply, details=details, source="" if same_survey else reply.source)

    def _respond(self, question: str, query: Query, state: ConversationState) -> Reply:
        lang = query.lang
        if not query.words:
            example = self.examples(lang)[0].question if self.examples(lang) else ""
            return Reply(question, ReplyKind.EMPTY, lang, phrase("empty", lang, example=example))
        cue = query.cue
        if cue is not None and not (cue in _POLITE and (query.period or query.change)):
            # "great, but did it go up?" and "super, und im Vorjahr?" are questions.
            return self._cue_reply(question, query, state)
        content = query.content
        previous = self.kb.findings.get(state.finding) if state.finding else None
        meant = self._figure_meant(query, previous) if previous is not None else None
        if previous is not None and meant is not None:
            # "what does 17% mean?": that figure of the last answer, and what it measures.
            choice = FigureChoice(meant, singled_out=True)
            return self.render.answer(question, previous, lang, None, choice)
        if previous is not None and self._only_asks_why(query):
            return self.render.reasons(question, previous, lang, previous.id in state.told)
        # "and when?", "wann war das?": nothing but an interrogative, after a reply.
        after_a_reply = query.follow_up or state.finding is not None or state.survey is not None
        if after_a_reply and query.aspect is None and query.period is None and not query.change:
            asked = self._follow_up_fact(query, state)
            if asked is not None:
                return self.render.survey_fact(question, *asked, lang)
        if query.aspect is not None:
            if self._only_about_a_survey(query):
                return self._about_survey(question, query, state)
            # "how many of the companies surveyed have a team": who was asked is said
            # only to name who is counted.
            content = tuple(w for w in content if w not in RESPONDENT_WORDS)
        if query.extreme is not None and not query.compares:
            # "welche Gruppe sieht Israel am wenigsten negativ?": the word a superlative
            # takes along is what is ranked, and content where the knowledge base has it.
            content = (*content, *(w for w in query.ranked_by if self.index.knows(w)))
        if query.compares or query.comparative_words:
            # "which is smaller, X or Y", "war der Anteil früher höher?": a comparative
            # the surveys never write is how the question is put, not what it is about.
            # (Before a noun it narrows, "smaller companies": the query leaves that out.)
            put = query.extreme_words | query.comparative_words
            # "ist das mehr als letztes Jahr?" after an answer compares that figure with
            # then, also where the knowledge base writes "mehr"; "and how many said
            # they got worse in 2021?" asks about getting worse.
            then = (
                _before_than(content, query.comparative_words)
                if previous is not None and query.period is not None
                else frozenset()
            )
            content = tuple(
                w for w in content if w not in put or (self.index.knows(w) and w not in then)
            )
        if query.ages:
            # "30-49 yr olds": beside an age, "olds" and "Jahren" say it is one.
            content = tuple(w for w in content if w not in age_words(lang) or self.index.knows(w))
        # "according to the X survey", "laut X": the words that name who ran a survey say
        # where the answer should come from, not what it is about.
        named = self._publishers_named(content)
        content = tuple(w for w in content if not self._names_a_survey(w))
        # "for my thesis I need ...": a word that says why one asks is no topic, unless
        # the knowledge base knows it. Only the word itself: its compounds may well be
        # topics ("Kurzarbeit").
        # Nor are the words for a survey and for those it asked ("according to the
        # study", "how many respondents"): they say where the figure comes from.
        # "Gegner?", "opposition": where the findings give the sides taken on a
        # proposal, the words of a side say which figure, not what about.
        light_words = CONTEXT_WORDS | SOURCE_WORDS | (stance_words() if self._sided else set())
        framing = frozenset(w for w in content if w in light_words and not self.index.knows(w))
        # Whom the question counts is judged for the best finding's survey alone.
        with_whoever = content
        content = self._without_whoever(content, self.kb.surveys)
        result = self.index.search(
            " ".join(content),
            SEARCH_DEPTH,
            query.lang,
            query.light | framing,
            query.acronyms,
            query.nouns,
        )
        asks_of_previous = query.period is not None or query.change or query.stated is not None
        # "and a year before?" after the figure against: still against.
        side_led = self._side_led(previous, state.lead) if query.follow_up else None
        figure_led = self._figure_led(previous, state.lead, lang) if query.follow_up else None
        if (
            previous is not None
            and query.follow_up
            and not result.unknown
            and self._names_a_figure(previous, query)
            and not self._fits_another(previous, result.matches, query)
        ):
            # "and five days?" after a breakdown: another figure of the same finding, of
            # the year the conversation is about ("and older Republicans?" after 2022).
            if query.period is None and state.period is not None:
                reply = self._answer(
                    question,
                    query,
                    previous,
                    PeriodRequest(year=state.period),
                    1.0,
                    [],
                    carried_side=side_led,
                    carried_figure=figure_led,
                )
                if reply.kind is not ReplyKind.MISSING_PERIOD:
                    return reply
                # "and over 65s?" after the young's figure of 2015, where the over-65s
                # have one of 2016 only: the year the conversation was about yields to
                # the figure asked for.
            return self._answer(
                question,
                query,
                previous,
                query.period,
                1.0,
                [],
                carried_side=side_led,
                carried_figure=figure_led,
            )
        if not result.words and not result.unknown:
            if previous is not None and (
                asks_of_previous
                or query.extreme is not None
                or query.whole
                or self._names_a_figure(previous, query)
            ):
                about = self._finding_of_the_period(previous, query.period)
                carried = None if query.whole else self._group_led(previous, state.lead)
                reply = self._answer(
                    question,
                    query,
                    about,
                    query.period,
                    1.0,
                    [],
                    carried=carried,
                    carried_side=side_led,
                    carried_figure=figure_led,
                )
                return self._check_change(reply, query)
            return self._no_match(question, lang, [], [])
        matches = result.matches
        if self.semantic is not None and self._scale is not None:
            sims = self.semantic.similarities(query.sentence)
            if result.respelled:
                # "how many ppl recieve it": the sentence model reads the words the
                # speller read, or what was written where that fits better (a
                # correction can be wrong).
                respelled = respell(query.sentence, result.respelled)
                sims = np.maximum(sims, self.semantic.similarities(respelled))
            matches = fuse(matches, sims, self._scale, self.semantic.keys)
        if named:
            # "how many ... according to <institute>?" with two surveys on one topic
            # loaded: that institute's finding, where it has one that fits.
            matches = [m for m in matches if self.kb.survey_of[m.key] in named] or matches
        period = query.period
        if previous is not None and query.follow_up:
            matches = self._prefer_near(previous, matches)
            if self._only_names_a_group(query):
                # "what about women?" after a figure of a survey without them: not
                # another survey's women (of sleep, after scams).
                survey = self.kb.survey_of[previous.id]
                matches = [m for m in matches if self.kb.survey_of[m.key] == survey]
            if period is None and state.period is not None and matches:
                # "and all departments?" in 2013; but "what about the service channel?"
                # is a new topic, and the year does not come along to it.
                top = self.kb.findings[matches[0].key]
                forms = question_forms(query.asked, self.index.analyzer)
                if top.id == previous.id or (
                    state.period in self.render.periods_of(top)
                    and year_carries(previous, top, forms, self.index.analyzer)
                ):
                    period = PeriodRequest(year=state.period)
        if query.stated is not None:
            matches = self._prefer_stated(matches, query)
        if self._asks_why(query):
            matches = self._prefer_reasons(matches, query)
        period_decides = False
        if period is not None and period.phrase:
            matches = self._prefer_saying(matches, period)
            period_decides = self._only_one_says(matches, period)
        singled = False
        if query.extreme is not None and not query.compares:
            matches = self._prefer_breakdown(matches, query)
        else:
            preferred = self._prefer_singling(matches, query)
            # The subgroup the question names told the findings apart: no tie to ask
            # back about.
            singled = bool(matches) and preferred[0].key != matches[0].key
            matches = preferred
        # One word that fits two findings nearly alike ("bake": rye or spelt?)
        # is a question to ask back, not to guess.
        margin = ONE_WORD_MARGIN if len(result.words) == 1 else AMBIGUITY_MARGIN
        if previous is not None and query.follow_up and self._context_decides(previous, matches):
            margin = 0.0  # the conversation tells the two apart
        if period_decides:
            margin = 0.0  # "better off than last year": the other says "next year"
        if singled and not query.follow_up:
            margin = 0.0  # (a follow-up's ties are the conversation's to tell apart)
        declared = self._declared.get(variant_key(question))
        if declared is not None and any(m.key == declared for m in matches):
            # A finding's own wording is that finding's, whatever else fits: the
            # knowledge base tells the two apart (a figure-less finding's wording was
            # answered by its neighbour).
            matches = sorted(matches, key=lambda m: m.key != declared)
            margin = -math.inf
        # "what survey is this data from?" with several loaded: which survey is meant.
        survey_unclear = (
            declared is None and bool(matches) and self._about_unnamed(matches[0], query, state)
        )
        # "and how much did that rise?" after the Republicans' figure: still theirs.
        carried = (
            self._group_led(previous, state.lead) if query.follow_up and not query.whole else None
        )
        reply = self._decide(
            question,
            query,
            result,
            matches,
            with_whoever,
            period,
            margin,
            carried,
            side_led,
            figure_led,
            survey_unclear,
        )
        return self._check_change(reply, query)

    def _decide(
        self,
        question: str,
        query: Query,
        result: SearchResult,
        matches: list[Match],
        content: Sequence[str],
        period: PeriodRequest | None,
        margin: float,
        carried: Subgroup | None,
        carried_side: Side | None = None,
        carried_figure: Figure | None = None,
        survey_unclear: bool = False,
    ) -> Reply:
        """The reply the best candidate would give, and whether to give it: the model
        weighs the evidence; a reply that says the finding lacks the year or group asked
        is a fact of the finding, given only when the finding is the one meant."""
        lang = query.lang
        if not matches:
            return self._no_match(question, lang, [], [*result.unknown])
        compared = self._compares_findings(query, matches)
        comparison = self._comparison(question, query, matches, period) if compared else None
        # "Which is higher, X or Y?" without both figures to compare: ask which is meant.
        unmatched = compared and comparison is None
        candidate = comparison or self._answer(
            question,
            query,
            self.kb.findings[matches[0].key],
            period,
            matches[0].score,
            matches,
            carried,
            carried_side,
            carried_figure,
        )
        doubts = self._doubts(query, result, matches, content, candidate)
        ambiguous = unmatched or self._ambiguous(matches, margin)
        evidence = self._evidence(query, result, matches, candidate, doubts, ambiguous)
        if variant_key(question) in self._variants.get(candidate.finding or "", ()):
            evidence = replace(evidence, own_variant=True)
        action, confidence = self.decision.decide(evidence)
        if action is Action.ANSWER and survey_unclear and candidate.finding == matches[0].key:
            # A finding about its own survey answers for that survey only.
            return self._prompt(question, ReplyKind.CLARIFY, lang, "which_survey")
        if action is Action.DECLINE:
            declined = self._declined(question, query, result, matches, doubts)
            return _with(declined, confidence=confidence, evidence=evidence)
        if action is Action.ASK_BACK or unmatched:
            asked = self._no_match(question, lang, matches, [])
            return _with(
                asked,
                kind=ReplyKind.CLARIFY,
                headline=phrase("clarify", lang),
                details=(),
                confidence=confidence,
                evidence=evidence,
            )
        return _with(candidate, confidence=confidence, evidence=evidence)

    def _without_whoever(self, content: Sequence[str], surveys: Iterable[str]) -> tuple[str, ...]:
        """The question's words without those for whoever one of `surveys` asked:
        "how many people work from home?" in a survey of employees asks about them, as
        "how many employees ..." does in a survey of employed people (unless one of
        those surveys' findings writes the word: then it matches as written). Judged
        per survey: beside a survey of companies, "people" still names no group in a
        survey of adults."""
        asked = frozenset(surveys)
        persons, workers = asked & self._counts_persons, asked & self._counts_workers
        return tuple(
            w
            for w in content
            if not (persons and w in ANYONE)
            and not (workers and w in WORKER_NOUNS and not self._written_in(w, asked))
        )

    def _written_in(self, word: str, surveys: frozenset[str]) -> bool:
        """Do the findings of one of `surveys` write the word (in any of its forms)?"""
        return any(
            self._written_by.get(form, frozenset()) & surveys
            for form in self.index.analyzer.forms(word)
        )

    def _doubts(
        self,
        query: Query,
        result: SearchResult,
        matches: list[Match],
        content: Sequence[str],
        candidate: Reply,
    ) -> Doubts:
        """What the question names or asks that the best finding cannot answer, however
        well its words fit: evidence for the decision, and what a decline says."""
        top = matches[0].key
        # A number that is no year and that the best finding never uses ("more than 500
        # employees", "a 30 euro bread") narrows the question in a way no finding
        # records. "one day a week" is a figure's own words.
        finding = self.kb.findings[top]
        # "55+" where a group is "over 54": ages a group of the finding has.
        grouped = [f for f in finding.figures if f.group]
        population = self._ages[self.kb.survey_of[top]]
        ages = (
            age_numbers(query.ages) if same_ages(grouped, query.ages, population) else frozenset()
        )
        # "mehr als 2010": a year the finding has figures for, read as an amount after
        # "als", is still its year.
        periods = {str(p) for p in self.render.periods_of(finding)}
        narrowing = tuple(
            n
            for n in query.numbers
            if n not in self._numbers[top] and n not in ages and n not in periods
        )
        # "what share of them use X?" and the best finding only says that X is used: it
        # names no amount to answer with.
        no_amount = query.asks_figure and not self._states_amount[top]
        # "how many are less stressed?" where only the context says they are.
        context_only = query.asks_figure and self._asks_of_context(query, result.words, top)
        # "oppose" about a finding that says only "support": its figure is not that.
        # ("who sleeps worse, men or women?" ranks by judging: no stance.)
        stance = [w for w in query.words if not (query.judged and w in query.extreme_words)]
        contrary = tuple(self._contrary(stance, self._folded_texts[top]))
        # "how many are worse off?" where the figures measure "better off".
        contrary_measure = query.asks_figure and bool(
            self._contrary(stance, self._folded_measures[top])
        )
        # "how many are NOT worried?" answered with the share of the worried.
        if (
            candidate.finding is not None
            and candidate.finding in self.kb.findings
            and query.asks_figure
            and query.stated is None
            and not NEGATIONS.isdisjoint(query.words)
        ):
            led = [
                f
                for f in self.kb.findings[candidate.finding].figures
                if float(f.value) == candidate.lead
            ]
            contrary_measure = contrary_measure or (
                bool(led)
                and not any(says_no(f, self.index.knows) for f in led)
                and self._negates(query.words, led)
            )
        # "how many of the young are against it?" answered with the young's support.
        if candidate.finding is not None and candidate.finding in self.kb.findings:
            contrary_measure = contrary_measure or other_side_led(
                self.kb.findings[candidate.finding].figures,
                candidate.lead,
                side_asked(query.words),
            )
        uncounted = None
        if candidate.kind in _TELLS_A_FINDING and candidate.finding is not None:
            survey = self.kb.survey_of[candidate.finding]
            uncounted = self._counting.uncounted_word(
                candidate.question,
                list(self._without_whoever(content, [survey])),
                candidate.finding,
                query.lang,
            ) or self._counting.other_place(
                candidate.question,
                query.words,
                query.acronyms,
                candidate.finding,
            )
        return Doubts(
            narrowing=narrowing,
            no_amount=no_amount,
            context_only=context_only,
            # "why do fewer do X?" and a finding that gives the share, not why.
            reason_unsaid=self._reason_unsaid(query, top),
            # "how many would like to do more of X?" and one about how many do X.
            wish_unsaid=self._wish_unsaid(query, top),
            contrary=contrary,
            contrary_measure=contrary_measure,
            uncounted=uncounted,
        )

    def _evidence(
        self,
        query: Query,
        result: SearchResult,
        matches: list[Match],
        candidate: Reply,
        doubts: Doubts,
        ambiguous: bool,
    ) -> Evidence:
        top = matches[0]
        lexical = {m.key: m.score for m in result.matches}
        runner_up = matches[1].score if len(matches) > 1 else 0.0
        other_meaning = max((m.semantic for m in matches[1:]), default=0.0)
        rarities = [
            1.0 - min(self.general.zipf(w), ZIPF_CEILING) / ZIPF_CEILING for w in result.unknown
        ]
        finding = self.kb.findings.get(candidate.finding or "")
        other_named, group_unmet = self._figure_doubts(query, candidate)
        said = [n for n in _HEADLINE_NUMBER.findall(candidate.headline) if not is_year(n)]
        return Evidence(
            lexical=lexical.get(top.key, 0.0),
            semantic=top.semantic,
            fused=top.score,
            margin=top.score - runner_up,
            semantic_margin=top.semantic - other_meaning,
            missed=top.missed,
            unknown_words=float(len(result.unknown)),
            unknown_rarity=max(rarities, default=0.0),
            unknown_pull=(
                self._unknown_pull(query, result.unknown, top.key)
                if "unknown_pull" in self.decision.features
                else 0.0
            ),
            content_words=float(len(result.words)),
            narrowing_number=float(bool(doubts.narrowing)),
            no_amount=float(doubts.no_amount),
            context_only=float(doubts.context_only),
            reason_unsaid=float(doubts.reason_unsaid),
            wish_unsaid=float(doubts.wish_unsaid),
            contrary=float(bool(doubts.contrary)),
            contrary_measure=float(doubts.contrary_measure),
            uncounted=float(doubts.uncounted is not None),
            missing_period=float(candidate.kind is ReplyKind.MISSING_PERIOD),
            missing_group=float(candidate.kind is ReplyKind.NO_MATCH),
            singled_out=float(candidate.lead is not None),
            other_figure_named=float(other_named),
            group_word_unmet=float(group_unmet),
            figures=math.log1p(len(finding.figures)) if finding is not None else 0.0,
            compares=float(query.compares or query.extreme is not None),
            change_asked=float(query.change),
            asks_figure=float(query.asks_figure),
            follow_up=float(query.follow_up),
            ambiguous=float(ambiguous),
            german=float(query.lang == "de"),
            reply_numbers=float(min(5, len(said))),
        )

    def _unknown_pull(self, query: Query, unknown: Sequence[str], key: str) -> float:
        """How much nearer in meaning to finding `key` the question is without the
        unknown word that pulls it away most: a word of another place or topic pulls,
        a synonym of the finding's own words does not (the first few words only: each
        costs the sentence model a sentence)."""
        if self.semantic is None or not unknown:
            return 0.0
        sentence = query.sentence
        spans = [(m.start(), m.end(), fold(m.group())) for m in _WORD_SPAN.finditer(sentence)]
        without = []
        for word in dict.fromkeys(unknown[:MAX_PULLED]):
            kept = [(a, b) for a, b, folded in spans if folded == word]
            if not kept:
                continue
            text, end = [], 0
            for a, b in kept:
                text.append(sentence[end:a])
                end = b
            text.append(sentence[end:])
            without.append(" ".join("".join(text).split()))
        if not without:
            return 0.0
        sims = self.semantic.entry_similarities([sentence, *without], key)
        return max(0.0, max(sims[1:]) - sims[0])

    def _figure_doubts(self, query: Query, candidate: Reply) -> tuple[bool, bool]:
        """Whether the question names, by its own words, a figure of the finding other
        than the one the reply leads with; and whether it uses a word of a subgroup's
        name while the reply leads with no group's figure ("young adults" answered with
        everyone's share)."""
        finding = self.kb.findings.get(candidate.finding or "")
        if finding is None or not finding.figures:
            return False, False
        analyzer = self.index.analyzer
        forms = question_forms(query.asked, analyzer)
        led = [n for n, f in enumerate(finding.figures) if float(f.value) == candidate.lead]
        hits = own_hits(finding.figures, forms, analyzer)
        other_named = len(finding.figures) > 1 and not hits[led[0] if led else 0] and any(hits)
        led_group = any(finding.figures[n].group for n in led)
        group_terms = {
            term
            for n, figure in enumerate(finding.figures)
            if figure.group is not None and n not in led
            for term in distinct_group_terms(figure.group, analyzer)
        }
        group_unmet = not led_group and any(form & group_terms for form in forms)
        return other_named, group_unmet

    def _declined(
        self,
        question: str,
        query: Query,
        result: SearchResult,
        matches: list[Match],
        doubts: Doubts,
    ) -> Reply:
        """A decline that names the likeliest reason: a word or number no finding has,
        a group the survey does not count, or a figure the finding does not give."""
        lang, unknown = query.lang, [*result.unknown]
        if doubts.narrowing:
            return self._no_match(question, lang, matches, [*unknown, *doubts.narrowing])
        if doubts.uncounted is not None:
            return self._not_counted(question, lang, matches, doubts.uncounted, matches[0].key)
        if doubts.no_amount or doubts.context_only or doubts.contrary_measure:
            return self._no_figure(question, lang, matches, unknown)
        if doubts.contrary:
            return self._no_match(question, lang, matches, [*unknown, *doubts.contrary])
        return self._no_match(question, lang, matches, unknown)

    def _contrary(self, folded: Sequence[str], texts: Sequence[str]) -> list[str]:
        """The words and phrases of the question ("oppose", "sind gegen") whose opposite
        the texts say and they do not say themselves."""

        def says(phrase: tuple[str, ...]) -> bool:
            return any(f" {' '.join(phrase)} " in f" {text} " for text in texts)

        present = set(folded)
        return [
            " ".join(phrase)
            for first in present & OPPOSITE_STARTS.keys()
            for phrase in OPPOSITE_STARTS[first]
            if _occurs(phrase, folded)
            # "Gegner" of a finding that says "dagegen": its side is said.
            and not any(says(same) for same in _same_side(phrase))
            and any(says(a) for a in OPPOSITES[phrase])
        ]

    def _change_stated(self, finding: Finding, year: int | None, since: bool) -> bool:
        """Does a change the source states answer "has it changed (since) `year`?": one
        from that year ("since 2021"), or to it ("did it rise in 2022?"); asked for no
        year, one up to the latest level the finding gives. Otherwise the levels answer
        ("37% in 2024, as many as in 2023"), or the year asked is one the finding has no
        figure for: a change of other years would be the answer to another question."""
        if year is not None:
            return any(year == c.start or (year == c.to and not since) for c in finding.changes)
        periods = self.render.periods_of(finding)
        return len(periods) < 2 or any(c.to == periods[0] for c in finding.changes)

    def _check_change(self, reply: Reply, query: Query) -> Reply:
        """ "Did it go up?" about a figure the survey has for one year only: say there is
        nothing to compare with, instead of giving the figure as if it answered that.
        (A finding without figures, "the role of PR has changed", is about change; one
        whose texts name the period compared with, "im Vergleich zum Vorjahr", too.)"""
        if not query.change or reply.kind is not ReplyKind.ANSWER or reply.finding is None:
            return reply
        finding = self.kb.findings[reply.finding]
        periods = self.render.periods_of(finding)
        if not finding.figures or len(periods) > 1 or states_a_change(finding):
            return reply
        if query.period is not None and query.period.phrase and self._says(finding, query.period):
            return reply
        if self._says_change(finding, query):
            return reply  # "whose costs went up": the change is what the figure counts
        headline = phrase("no_change", reply.lang, period=periods[0])
        return replace(
            reply,
            kind=ReplyKind.MISSING_PERIOD,
            headline=headline,
            details=(reply.headline, *reply.details),
        )

    def _compares_findings(self, query: Query, matches: list[Match]) -> bool:
        """ "Which is higher, X or Y?" where X and Y are two findings, not two figures
        of one: one finding's figure alone does not answer it, so ask which is meant."""
        if not query.compares or query.judged or not matches:
            # "which is worse, Turkey or the US?": better or worse ranks the groups of one
            # finding, whose side its measure tells; two findings' figures have no side.
            return False
        finding = self.kb.findings[matches[0].key]
        if not finding.figures:
            return False  # "women or men?" answered in words: the finding says which
        if self._compared_year(finding, query) is not None:
            return False  # "now or two years earlier": two periods of one finding
        forms = question_forms(query.asked, self.index.analyzer)
        return named_figures(finding, forms, self.index.analyzer) < 2

    def _comparison(
        self, question: str, query: Query, matches: list[Match], period: PeriodRequest | None
    ) -> Reply | None:
        """Both findings of "which is higher, X or Y?", the one asked for first; None when
        either lacks one figure to compare."""
        if len(matches) < 2 or matches[1].score < COMPARED_SHARE * matches[0].score:
            return None  # the other side of the comparison is not found: ask back
        findings = [self.kb.findings[m.key] for m in matches[:2]]
        if len({self.kb.survey_for(f.id).id for f in findings}) > 1:
            return None  # one reply has one source line: two surveys are asked back
        values = [self._lead_value(f, query, period) for f in findings]
        if None in values:
            return None
        pairs = sorted(
            zip(values, findings, strict=True),
            key=lambda pair: pair[0] or 0.0,
            reverse=query.extreme is not Extreme.LOWEST,
        )
        first, second = (
            self._answer(question, query, f, period, matches[0].score, matches) for _, f in pairs
        )
        if first.kind is not ReplyKind.ANSWER or second.kind is not ReplyKind.ANSWER:
            return None
        return _with(first, details=(second.headline, *first.details))

    def _asked_year(self, finding: Finding, period: PeriodRequest | None) -> int | None:
        """The year the question asks `finding` for (None: the survey's own)."""
        if period is None:
            return None
        periods = self.render.periods_of(finding)
        year = period.resolve(self.kb.survey_for(finding.id).year, frozenset(periods))
        if year not in periods and period.phrase:
            # "bake more next year": a finding with no figure for next year whose own
            # questions say "next year" is about next year's expectations. But "und im
            # Vorjahr?" of a change from then ("18% more than the year before"): that.
            since_then = any(c.start == year for c in finding.changes)
            return None if self._says(finding, period) and not since_then else year
        return year

    def _compared_year(self, finding: Finding, query: Query) -> int | None:
        """ "Which is higher, now or two years earlier?": of the periods the question
        compares, the one whose figure wins, when the finding has a figure for each."""
        if not query.compares or len(query.periods) < 2 or query.extreme is None:
            return None
        survey_year = self.kb.survey_for(finding.id).year
        values: dict[int, float] = {}
        for named in query.periods:
            year = named.resolve(survey_year, frozenset(self.render.periods_of(finding)))
            lead = self._lead_value(finding, query, PeriodRequest(year=year))
            if lead is None:
                return None
            values[year] = lead
        if len(values) < 2:
            return None
        pick = max if query.extreme is Extreme.HIGHEST else min
        return pick(values, key=lambda y: values[y])

    def _of_period(self, finding: Finding, year: int | None) -> list[Figure]:
        """The finding's figures of `year` (None: of the survey's year)."""
        survey = self.kb.survey_for(finding.id)
        wanted = year or survey.year
        return [f for f in finding.figures if figure_period(f, survey) == wanted]

    def _lead_value(
        self, finding: Finding, query: Query, period: PeriodRequest | None
    ) -> float | None:
        """The one figure of `finding` the question is about, for the period asked."""
        of_period = self._of_period(finding, self._asked_year(finding, period))
        forms = question_forms(query.asked, self.index.analyzer)
        choice = choose_figure(finding, of_period, forms, None, self.index.analyzer)
        if choice is None or not (len(of_period) == 1 or choice.singled_out):
            return None
        return float(choice.figure.value)

    def _not_counted(
        self, question: str, lang: Lang, matches: list[Match], word: str, finding_id: str
    ) -> Reply:
        """ "How many X" where the survey does not count X: who it counts instead."""
        survey = self.kb.survey_for(finding_id)
        population = survey.population.get(lang)
        declined = self._no_match(question, lang, matches, [])
        quoted = self.general.as_quoted(word, lang)
        # The groups of the finding asked about, else of its survey: a short list.
        finding = self.kb.findings[finding_id]
        groups = finding.subgroup_names(lang) or subgroup_names(self.kb, survey.id, lang)
        headline = phrase(
            "not_counted_groups" if groups else "not_counted",
            lang,
            population=population,
            word=quoted,
            groups="; ".join(groups),
        )
        return _with(declined, headline=headline)

    def _ambiguous(self, matches: list[Match], margin: float) -> bool:
        """Two findings fit equally, and neither very well ("companies"): asking back
        beats a coin toss. Two that both fit very well are two wordings of one question."""
        return (
            len(matches) > 1
            and matches[0].score < self.config.unknown_word_threshold
            and matches[0].score - matches[1].score < margin
        )

    def _answer(
        self,
        question: str,
        query: Query,
        finding: Finding,
        period: PeriodRequest | None,
        score: float,
        matches: list[Match],
        carried: Subgroup | None = None,
        carried_side: Side | None = None,
        carried_figure: Figure | None = None,
    ) -> Reply:
        """`carried`: the subgroup the conversation is about, which a question naming
        none keeps ("and in 2022?" after the older Democrats' figure); `carried_side`
        the side it is about ("and a year before?" after the figure against);
        `carried_figure` the figure it was about, whose measure a question naming only
        a group keeps ("and women?" after the share of non-smokers)."""
        lang = query.lang
        side = side_asked(query.words) or carried_side
        candidates = _candidates(matches)
        survey = self.kb.survey_for(finding.id)
        # "more excited than concerned": the other side names no figure; "more than
        # seniors" compares with a group, which stays.
        other_side = query.other_side - self._group_words[finding.id]
        own_words = [w for w in query.asked if w not in other_side]
        forms = self._without_its_people(
            finding, question_forms(own_words, self.index.analyzer), survey.id
        )
        asked_forms = forms  # the question's own, before the conversation's are added
        pool: list[Figure] | None = None
        if carried is not None and self._group_named(finding, forms) is None:
            # "and the older ones?" after the younger Democrats: the question's words
            # pick the older groups, the conversation's the Democrats among them.
            tied = best_crossed(
                [f for f in finding.figures if f.group is not None], forms, self.index.analyzer
            )
            if len(tied) >= 2:
                pool = tied
            forms = [*forms, *self._group_forms(finding, carried)]
        if query.ages:
            # "ab 14 Jahren": beside an age, "Jahren" names no group ("ab 65 Jahren").
            forms = [f for f in forms if not f <= self._age_terms]
        aged = same_ages([f for f in finding.figures if f.group], query.ages, self._ages[survey.id])
        # Of groups of those ages, the one the question's other words name ("women aged
        # 55 and over"), else the one that is nothing but those ages.
        ages = age_numbers(query.ages)
        worded = [f for f in forms if not f & ages]
        one_each = list({f.group: f for f in aged}.values())  # a group's years are one group
        covered, _ = (
            covering_group(one_each, worded, self.index.analyzer) if worded else (None, False)
        )
        aged = [covered] if covered is not None else fewest_words(aged)
        groups = {f.group for f in aged if f.group is not None}
        if len(groups) == 1:
            # "über 65-Jährige" where the source says "65 and older", "55+" where it says
            # "over 54": that group, whatever group shares a number of the question.
            forms = [*worded, *self._group_forms(finding, groups.pop())]
        named_group = self._group_named(finding, forms)
        changes_of_group = named_group is None or any(
            c.group == named_group for c in finding.changes
        )
        # "has it risen among women?" where no change is stated for women: their level
        # answers, not the whole population's change.
        from_year = self._asked_year(finding, period)
        if (
            query.change
            and finding.changes
            and query.stated is None
            and changes_of_group
            and self._change_stated(finding, from_year, not SINCE_WORDS.isdisjoint(query.asked))
        ):
            change, against = choose_change(
                of_side(finding.changes, side),
                forms,
                self.index.analyzer,
                query.extreme,
                from_year,
                0 if query.extreme is not None else query.direction,
            )
            reply = self.render.change(question, finding, lang, change, against)
            return _with(reply, score=score, candidates=candidates)
        year = from_year
        if year is None and not (query.change or query.compares or query.extreme):
            # A figure's own question, asked as written, is of that figure's year; a
            # paraphrase is not (one word of an earlier year's question in "how many
            # still work from home after the pandemic?" would answer for then).
            named = self._declared_figures.get(variant_key(question))
            if (
                named is not None
                and any(f is named for f in finding.figures)
                and not any(f is named for f in self._of_period(finding, None))
            ):
                year = figure_period(named, survey)
        if (
            query.change
            and not query.compares
            and year is not None
            and year < survey.year
            and year in self.render.periods_of(finding)
            and self._of_period(finding, None)
        ):
            # "How much has it grown since 2015?" where the source gives the levels but
            # states no change: the change runs from then to now, so now leads (the
            # answer tells then too); the bot works out no difference of its own.
            year = None
        compared = self._compared_year(finding, query)
        if compared is not None:
            year = None if compared == survey.year else compared
        since = [c for c in of_side(finding.changes, side) if c.start == year]
        if year is not None and year not in self.render.periods_of(finding) and since:
            # "and a year before?" where the source gives no level of then, only the
            # change since: the change is what it says of then.
            change, _ = choose_change(
                since, forms, self.index.analyzer, since=year, direction=query.direction
            )
            if change.group == named_group:
                reply = self.render.change(question, finding, lang, change, [])
                return _with(reply, score=score, candidates=candidates)
        if year is not None and year not in self.render.periods_of(finding):
            reply = self.render.missing_period(question, finding, lang, year)
            return _with(reply, score=score, candidates=candidates, period=year)
        of_period = self._of_period(finding, year)
        if pool is not None:
            kept = [f for f in of_period if any(f.group == p.group for p in pool)]
            of_period = kept or of_period
        if not query.compares and query.extreme is None:
            _, combined = covering_group(finding.figures, asked_forms, self.index.analyzer)
            if combined:
                # "men aged 55 and over" where the source has men, and women aged 55
                # and over: no figure is for the group asked about.
                return self._no_group_figure(question, lang, finding, matches)
        group = named_group
        # "how many are against it?": the figures of that side, where the group asked
        # about has one (else the reply leads with the other side, and is declined).
        of_all_sides = of_period
        sided = of_side(of_period, side)
        if group is None or any(f.group == group for f in sided):
            of_period = sided
        if group is not None and all(f.group != group for f in of_period):
            # "how many Democrats in 2022?" where 2022 has the whole population's figure
            # only: that figure is not theirs.
            asked = year if year is not None else survey.year
            reply = self.render.missing_group(question, finding, lang, asked, group)
            return _with(reply, score=score, candidates=candidates, period=year)
        extreme = self._extreme_of(query, of_period)
        if query.judged and extreme is None:
            pair, _ = self._judged(query, of_period)
            if len(pair) < 2:
                # "which is worse, Turkey or the US?" of a finding about Turkey alone.
                return self._no_match(question, lang, matches, [])
            # "who feels better about colleges, Democrats or Republicans?": which side is
            # better the figures do not say, and one group's figure would read as the
            # answer. The finding's own words, which may say it ("more men than women
            # have quit"), and the figures beside them.
            reply = self.render.answer(question, finding, lang, year)
            return _with(reply, score=score, candidates=candidates, period=year)
        choice = choose_figure(
            finding,
            of_period,
            forms,
            extreme,
            self.index.analyzer,
            query.compares,
            query.rank,
            query.among_doers,
            unit_for_change(query.unit, query.change, of_period),
            groups_asked=self._asks_groups(query),
        )
        if choice is not None and not choice.singled_out and len(sided) < len(of_all_sides):
            # "how many are against it?": the side picks everyone's figure of it.
            overall = [f for f in sided if f.group is None]
            if len(overall) == 1 and group is None and overall[0] is not finding.figures[0]:
                choice = FigureChoice(overall[0], singled_out=True)
        declared = self._declared_figures.get(variant_key(question))
        if declared is not None and len(of_period) > 1 and any(f is declared for f in of_period):
            choice = FigureChoice(declared, singled_out=True)
        of_group = [f for f in of_period if group is not None and f.group == group]
        if (
            carried_figure in finding.figures
            and choice is not None
            and choice.figure in of_group
            and len(of_group) >= 2
            and not (query.compares or query.change or query.extreme)
            and not names_a_measure(of_group, asked_forms, self.index.analyzer)
        ):
            # "and women?" after the share of non-smokers: the women's share of
            # non-smokers, not the first of their figures.
            assert group is not None
            like = group_version(finding, of_period, group, self.index.analyzer, carried_figure)
            if like is not None:
                choice = FigureChoice(like, singled_out=True)
        if (
            carried_figure is not None
            and carried_figure not in finding.figures
            and group is None
            and choice is not None
            and not choice.singled_out
            and not (query.compares or query.change or query.extreme)
            and not names_a_measure(of_period, asked_forms, self.index.analyzer)
        ):
            # "und nächstes Jahr?" after those better off than last year, answered by the
            # finding about next year: its figure of those who expect to be better off.
            overall = [f for f in of_period if f.group is None]
            like = most_like(overall, carried_figure, self.index.analyzer)
            if like is not None and len(overall) >= 2:
                choice = FigureChoice(like, singled_out=True)
        if (
            group is not None
            and not (query.compares or query.change)
            and (choice is None or not choice.singled_out)
            and self._names_group(forms, group, survey)
        ):
            # "how many seniors ...?" and no word picks one of the seniors' figures: theirs
            # of what the finding leads with ("mainly concerned"), not everyone's.
            # "and women?" after the share who read no books, of another finding: the
            # women's figure of the measure most like it.
            keeps = carried_figure in finding.figures or not names_a_measure(
                of_group, asked_forms, self.index.analyzer
            )
            like = carried_figure if keeps else None
            headline = group_version(finding, of_period, group, self.index.analyzer, like)
            if headline is not None:
                choice = FigureChoice(headline, singled_out=True)
        judged = None
        if query.stated is not None and choice is not None and choice.figure.unit == "percent":
            # A stated share is judged against a share only ("12%" is no $12).
            choice, year, judged = judge_stated(query.stated, finding, choice, year, survey.year)
        # "the least common goal": the lead says it is the lowest.
        ranked = extreme if query.rank == 1 and not query.compares else None
        others: list[Figure] = []
        if query.compares and extreme is not None and choice and choice.singled_out:
            # "Democrats or Republicans?": the reply names both values.
            others = compared_with(choice.figure, of_period, forms, self.index.analyzer)
        reply = self.render.answer(
            question, finding, lang, year, choice, judged, ranked, others, extreme
        )
        return _with(reply, score=score, candidates=candidates, period=year)

    def _names_group(self, forms: list[frozenset[str]], group: Subgroup, survey: Survey) -> bool:
        """Does the question name `group` by a word of its name that is not a word for
        whom the whole survey asked ("young adults" is not named by "adults" in a
        survey of adults)?"""
        own = distinct_group_terms(group, self.index.analyzer) - self._everyone[survey.id]
        return any(form & own for form in forms)

    def _no_group_figure(
        self, question: str, lang: Lang, finding: Finding, matches: list[Match]
    ) -> Reply:
        declined = self._no_match(question, lang, matches, [])
        groups = "; ".join(finding.subgroup_names(lang))
        headline = phrase("no_group_figure", lang, groups=groups)
        return _with(declined, headline=headline)

    def _extreme_of(self, query: Query, figures: Sequence[Figure]) -> Extreme | None:
        """The end of the figures the question ranks by: "which age group smokes the
        most?" of figures of non-smokers asks for the fewest of them. Only where every
        figure says no to what the question names, and the question says no to
        nothing ("most negative" of figures of those "unfavorable" is no "favorable")."""
        if query.judged:
            return self._judged(query, figures)[1]
        extreme = query.extreme
        if extreme is None or not figures:
            return extreme
        analyzer = self.index.analyzer
        denied = [denied_terms(f, analyzer, self.index.knows) for f in figures]
        if not all(denied):
            return extreme
        if not NEGATIONS.isdisjoint(query.words) or self._prefix_negated(query.words):
            return extreme
        forms = question_forms(query.asked, analyzer)
        if not names_any(forms, frozenset().union(*denied)):
            return extreme
        return Extreme.LOWEST if extreme is Extreme.HIGHEST else Extreme.HIGHEST

    def _judged(
        self, query: Query, figures: Sequence[Figure]
    ) -> tuple[list[Figure], Extreme | None]:
        """ "who sleeps worse, men or women?": the figures compared, and the end that
        is better or worse by the side their measure is on ("worse off" of those with
        no savings is more of them); no end where the side is not one the packs know."""
        analyzer = self.index.analyzer
        named = named_among(figures, question_forms(query.asked, analyzer), analyzer)
        sides = {_measure_side(f) for f in named}
        if query.extreme is None or len(named) < 2 or len(sides) != 1 or None in sides:
            return named, None
        return named, query.extreme if sides == {"good"} else _other_end(query.extreme)

    def _prefix_negated(self, folded: Sequence[str]) -> bool:
        """Does a word negate another by a prefix ("Nichtraucher"), or a prefix written
        apart ("non-smokers" reads "non", "smokers")?"""
        apart = any(w in PREFIXES_APART for w in folded[:-1])
        return apart or any(prefix_negated(w, self.index.knows) for w in folded)

    def _negates(self, folded: Sequence[str], figures: Sequence[Figure]) -> bool:
        """Does a "not" of the question deny what the figures measure ("NOT worried" of
        "very worried"), not some other word ("somewhat, not strongly")?"""
        analyzer = self.index.analyzer
        measured = frozenset().union(*(figure_terms(f, analyzer) for f in figures))
        for at, word in enumerate(folded):
            if word not in NEGATIONS:
                continue
            after = [w for w in folded[at + 1 :] if not analyzer.is_stop_word(w)][:1]
            if after and analyzer.forms(after[0]) & measured:
                return True
        return False

    @staticmethod
    def _asks_groups(query: Query) -> bool:
        """Does a ranking ask which group ("who reads most?", "welche Bildungsgruppe")
        rather than rank everyone's figures?"""
        return any(
            w in GROUP_ASKERS
            or any(len(a) >= MIN_GROUP_ASKER and w.endswith(a) for a in GROUP_ASKERS)
            for w in query.words
        )

    def _figure_led(self, finding: Finding | None, lead: float | None, lang: Lang) -> Figure | None:
        """The figure the last answer led with: the one it singled out, else the one
        its answer opens with."""
        if finding is None:
            return None
        if lead is None:
            years = {str(y) for y in self.render.periods_of(finding)}
            units = pack(lang).units
            # "1,020 adults" is a thousand and twenty, not one point zero two.
            opening = [
                float(n.replace(units.thousands, "").replace(units.decimal, "."))
                for n in _NUMBER.findall(finding.answer.get(lang))
                if n not in years
            ][:1]
            lead = opening[0] if opening else None
        led = _valued(finding, lead)
        return led[0] if len(led) == 1 else None

    def _side_led(self, finding: Finding | None, lead: float | None) -> Side | None:
        """The side of the figure the last answer led with, if it took one."""
        sides = {side_of(f) for f in _valued(finding, lead)}
        return sides.pop() if len(sides) == 1 else None

    def _group_led(self, finding: Finding | None, lead: float | None) -> Subgroup | None:
        """The subgroup of the figure the last answer led with, if it was a group's."""
        groups = {f.group for f in _valued(finding, lead)}
        # Two figures of that value (industry 30%, services 30%): which one was led
        # with is not known, so no group is carried rather than the wrong one.
        return groups.pop() if len(groups) == 1 else None

    def _group_forms(self, finding: Finding, group: Subgroup) -> list[frozenset[str]]:
        """The group's name as question words, if the finding has figures or changes
        of that group (else nothing: another finding's groups are not carried)."""
        if all(q.group != group for q in finding.quantities):
            return []
        analyzer = self.index.analyzer
        return [
            frozenset({term})
            for lang in LANGS
            for term in {
                *analyzer.terms(group.name.get(lang), lang),
                # "18- bis 29-Jährige": its numbers tell it from the other age groups.
                *number_terms(words(group.name.get(lang))),
            }
        ]

    def _without_its_people(
        self, finding: Finding, forms: list[frozenset[str]], survey_id: str
    ) -> list[frozenset[str]]:
        """ "how many Germans" of a survey of people in Germany asks about everyone, not
        the "East Germans" among its groups: the words for the survey's people are left
        out where they name a group only in part. "East Germans", "Scotland" name theirs."""
        people = [f for f in forms if self._counting.people_of_the_place(f, survey_id)]
        if not people:
            return forms
        rest = [f for f in forms if f not in people]
        partly = False
        for group in {f.group for f in finding.figures if f.group is not None}:
            terms = distinct_group_terms(group, self.index.analyzer)
            if not any(p & terms for p in people):
                continue
            others = frozenset(
                t
                for t in terms
                if not self._counting.people_of_the_place(frozenset({t}), survey_id)
            )
            if not others or any(f & others for f in rest):
                return forms
            partly = True
        return rest if partly else forms

    def _group_named(self, finding: Finding, forms: list[frozenset[str]]) -> Subgroup | None:
        """The subgroup of the finding's figures that the question names, if one."""
        # One figure a group: a group's figures of several years are one group.
        grouped = list({f.group: f for f in finding.figures if f.group is not None}.values())
        choice = choose_figure(finding, grouped, forms, None, self.index.analyzer)
        if choice is None or (len(grouped) > 1 and not choice.singled_out):
            return None
        if len(grouped) == 1 and not fit_of(choice.figure, forms, self.index.analyzer):
            return None
        return choice.figure.group

    def _follow_up_fact(
        self, query: Query, state: ConversationState
    ) -> tuple[Survey, SurveyAspect] | None:
        """The survey fact a bare follow-up asks for: "und wann?" after a reply about a
        survey is about that survey; after a figure, about the survey behind it ("and
        when?" is when it was asked, "and who?" who was asked)."""
        aspect = follow_up_aspect(query.content)
        if aspect is None:
            return None
        told = self.kb.surveys.get(state.survey) if state.survey else None
        if told is not None:
            return told, aspect
        if (
            state.finding is not None
            and state.finding in self.kb.findings
            and aspect in (SurveyAspect.WHEN, SurveyAspect.PUBLISHER)
        ):
            survey = self.kb.survey_for(state.finding)
            if aspect is SurveyAspect.PUBLISHER:
                aspect = SurveyAspect.POPULATION  # "35% of firms have a team" - "who?"
            return survey, aspect
        return None

    def _about_survey(self, question: str, query: Query, state: ConversationState) -> Reply:
        """Who ran a survey, who and how many were asked, when, how: from its metadata,
        in the survey the question is about (asked back when that is not clear)."""
        lang = query.lang
        survey = self._survey_asked_about(query, state)
        if survey is None or query.aspect is None:
            return self._prompt(question, ReplyKind.CLARIFY, lang, "which_survey")
        if query.aspect is SurveyAspect.SOURCE:
            return _with(self.render.source_card(survey, lang), question=question)
        return self.render.survey_fact(question, survey, query.aspect, lang)

    def _naming_forms(self, query: Query, anyone: bool = True) -> list[frozenset[str]]:
        """The forms of the question's words besides those that ask about a survey
        (and, unless `anyone`, besides the words for anyone: "how many people did they
        ask?" of a survey of adults asks its sample size)."""
        return [w.forms for w in self._naming_words(query, anyone)]

    def _naming_words(self, query: Query, anyone: bool = True) -> list[QueryWord]:
        """`_naming_forms`' words, as read."""
        skip = SURVEY_QUESTION_WORDS if anyone else SURVEY_QUESTION_WORDS | ANYONE
        rest = " ".join(w for w in query.content if w not in skip)
        # "wann wurde die umfrage gemcht?": a slip of such a word is that word.
        return [w for w in self.index.read(rest, query.lang)[0] if w.surface not in skip]

    def _only_about_a_survey(self, query: Query) -> bool:
        """ "How many companies were asked?": every other word names who was asked or who
        asked. "How many of the companies asked have a team?" is about a finding. (Who
        ran a survey, when and how may name it by its topic: "who ran the poll on ...".)"""
        if query.aspect_weak:
            terms = self._survey_terms_all
        elif query.aspect in (SurveyAspect.SAMPLE, SurveyAspect.POPULATION):
            terms = self._asked_terms_all
        else:
            # "when F&M first asked about it, how many supported it?" asks for a figure;
            # "when was the poll run?" for the survey's date.
            return not query.asks_figure
        return all(
            forms & terms
            for forms in self._naming_forms(query, anyone=query.aspect_weak)
            if not any(len(f) == 1 for f in forms)  # "F&M": initials
        )

    def _survey_asked_about(self, query: Query, state: ConversationState) -> Survey | None:
        """The survey the question names; else the one of the conversation; else, with
        one survey, that one. With several and none named: None, to ask which."""
        surveys = list(self.kb.surveys.values())
        said = self._naming_words(query)
        years = {p.year for p in query.periods if p.year is not None}
        named = {
            # "the 2019 poll": its year names a survey too.
            survey.id: sum(1 for word in said if self._names(word, survey.id, query.lang))
            + (survey.year in years)
            for survey in surveys
        }
        best = max(named.values(), default=0)
        if best > 0:
            leaders = [sid for sid, count in named.items() if count == best]
            return self.kb.surveys[leaders[0]] if len(leaders) == 1 else None
        if state.finding is not None and state.finding in self.kb.findings:
            return self.kb.survey_for(state.finding)
        return surveys[0] if len(surveys) == 1 else None

    def _names(self, word: QueryWord, survey_id: str, lang: Lang) -> bool:
        """Does a word of a question about a survey name that survey: by its title,
        publisher, population, source or topics, or as a word only its findings write
        ("insomnia"; not a phrase of the language's own, nor a German verb; an English
        verb only one survey's findings write, "compare", still names it)."""
        if word.forms & self._survey_terms[survey_id]:
            return True
        return (
            not any(form.startswith(SYNONYM_MARK) for form in word.forms)  # "steckt hinter"
            and any(self._topic_words_by.get(form) == frozenset({survey_id}) for form in word.forms)
            and self.general.carries_topic(word.surface, lang, LIGHT_WORDS)
        )

    def _fits_another(self, previous: Finding, matches: list[Match], query: Query) -> bool:
        """Does another finding answer the follow-up on its own ("and how many bake
        spelt?" after the rye bread's breakdown)? Not one that names nothing but a group
        of the last answer's finding ("and among women?"): that group's figure is meant."""
        if self._only_names_a_group(query, self._group_word_terms[previous.id]):
            return False
        return (
            bool(matches)
            and matches[0].key != previous.id
            and (matches[0].score >= self.config.answer_threshold)
        )

    def _names_a_figure(self, finding: Finding, query: Query) -> bool:
        """Does the question single out one figure of the finding's breakdown?"""
        of_survey_year = self._of_period(finding, None)
        if len(of_survey_year) < 2:
            return False
        if self._ages_name_a_group(finding, of_survey_year, query):
            return True  # "and over 65s?"
        forms = question_forms(query.asked, self.index.analyzer)
        choice = choose_figure(finding, of_survey_year, forms, None, self.index.analyzer)
        # "und Männer?" of a finding with several figures for men: their group.
        return (choice is not None and choice.singled_out) or (
            self._group_named(finding, forms) is not None
        )

    def _ages_name_a_group(self, finding: Finding, figures: Sequence[Figure], query: Query) -> bool:
        """Do the ages the question names ("over 65s") name one group of `figures`?"""
        if not query.ages:
            return False
        ages = self._ages[self.kb.survey_for(finding.id).id]
        aged = fewest_words(same_ages([f for f in figures if f.group], query.ages, ages))
        return len({f.group for f in aged}) == 1

    def _prefer_stated(self, matches: list[Match], query: Query) -> list[Match]:
        """ "Is it true that about half ...?": people mostly state a figure roughly
        right, so of the findings that fit nearly as well as the best one, the one with
        a figure like the stated one is the one meant."""
        if not matches or query.stated is None:
            return matches
        near = [m for m in matches if matches[0].score - m.score <= STATED_MARGIN]
        for match in near:
            figures = self.kb.findings[match.key].figures
            if any(verdict(query.stated, f) is not Verdict.FALSE for f in figures):
                return self._lifted(match, matches)
        return matches

    def _finding_of_the_period(self, previous: Finding, period: PeriodRequest | None) -> Finding:
        """ "und nächstes Jahr?" after the finances of the year past: the one finding of
        its survey about next year's expectations, where the last one has no figure of
        that period and is not about it; else the last one."""
        if period is None or not period.phrase:
            return previous
        if self._asked_year(previous, period) in (None, *self.render.periods_of(previous)):
            return previous
        # Only a finding whose topic is the period, not one with figures of that year
        # ("and two years ago?" after the weekly share is not the occasional share).
        survey = self.kb.survey_of[previous.id]
        saying = [
            f
            for f in self.kb.findings.values()
            if self.kb.survey_of[f.id] == survey
            and f is not previous
            and self._says(f, period, windows=False)
            and self._asked_year(f, period) is None
        ]
        return saying[0] if len(saying) == 1 else previous

    def _only_one_says(self, matches: list[Match], period: PeriodRequest) -> bool:
        """Of the two best, only the first names the period asked about."""
        return (
            len(matches) > 1
            and self._says(self.kb.findings[matches[0].key], period)
            and not self._says(self.kb.findings[matches[1].key], period)
        )

    def _prefer_saying(self, matches: list[Match], period: PeriodRequest) -> list[Match]:
        """ "more than last year": of the findings that fit nearly as well as the
        best, the only one whose texts name that period ("than last year", not "next
        year") is the one meant. Where the best has no figure of that period, those
        that fit less well may be meant too ("the same as last year" of a finding about
        next year, and of one about the year past)."""
        if not matches:
            return matches
        top = self.kb.findings[matches[0].key]
        lacks = self._asked_year(top, period) not in (None, *self.render.periods_of(top))
        margin = SINGLING_MARGIN if lacks else STATED_MARGIN
        near = [m for m in matches if matches[0].score - m.score <= margin]
        saying = [m for m in near if self._says(self.kb.findings[m.key], period)]
        return self._lifted(saying[0], matches) if len(saying) == 1 else matches

    def _prefer_singling(self, matches: list[Match], query: Query) -> list[Match]:
        """ "How many Republicans ...": of the findings that fit nearly as well as the
        best, the first whose figures the question singles one subgroup out of, when
        the best's it does not (a finding by party and age names Republicans twice)."""
        if not matches or not any(self._has_groups[m.key] for m in matches[:CANDIDATES]):
            return matches
        forms = question_forms(query.asked, self.index.analyzer)

        def fit(key: str) -> int:
            """How many words name the subgroup figure the question singles out of
            `key`'s figures; 0 when it singles out none."""
            finding = self.kb.findings[key]
            figures = self._of_period(finding, None)
            # "over 65s": a group of the ages asked names a figure as its words would
            # (the search reads no numbers).
            aged = self._ages_name_a_group(finding, figures, query)
            choice = choose_figure(finding, figures, forms, None, self.index.analyzer)
            if choice is None or not choice.singled_out or choice.figure.group is None:
                return int(aged)
            # Only a question that names the group singles it out ("how many read six
            # to ten books" names no group, though a group's figure shares its words).
            if not aged and not names_its_group(choice.figure, forms, self.index.analyzer):
                return 0
            return fit_of(choice.figure, forms, self.index.analyzer) + aged

        near = [m for m in matches[1:] if matches[0].score - m.score <= SINGLING_MARGIN]
        fits = [(fit(m.key), m) for m in near if self._has_groups[m.key]]
        best = max(fits, key=lambda pair: pair[0], default=None)
        if best is None or best[0] <= fit(matches[0].key):
            return matches
        return self._lifted(best[1], matches)

    def _prefer_breakdown(self, matches: list[Match], query: Query) -> list[Match]:
        """ "The most common goal", "the second one": a superlative ranks the figures of
        a breakdown. A candidate whose own questions use the rank's word
        ("zweithäufigste") is meant; else the best one when it fits very well and no
        rank is asked; else, of those that fit nearly as well as the best, the first
        with several figures of one period."""
        if not matches:
            return matches
        near = [m for m in matches if matches[0].score - m.score <= STATED_MARGIN]
        if query.rank_words:
            named = [m for m in matches if query.rank_words <= self._variant_words[m.key]]
            if named:
                return self._lifted(named[0], matches)
        if query.rank == 1 and matches[0].score >= self.config.unknown_word_threshold:
            return matches
        for match in near:
            finding = self.kb.findings[match.key]
            survey = self.kb.survey_for(finding.id)
            periods = Counter(figure_period(f, survey) for f in finding.figures)
            if periods and max(periods.values()) >= 2:
                return self._lifted(match, matches)
        return matches

    @staticmethod
    def _lifted(match: Match, matches: list[Match]) -> list[Match]:
        """`match` first, scored just above the best of the others."""
        if match is matches[0]:
            return matches
        # Clear of the margin that would make the two look alike (floating point makes
        # top + margin - top fall short of the margin).
        lifted = replace(match, score=min(1.0, matches[0].score + AMBIGUITY_MARGIN + LIFT_EPSILON))
        return [lifted, *(m for m in matches if m is not match)]

    def _says(self, finding: Finding, period: PeriodRequest, windows: bool = True) -> bool:
        """Is the finding about the period the way a question names it ("next year",
        "im Vergleich zum Vorjahr": any phrase of the packs for the same offset)? Its
        questions and what its figures measure say so; its answer and context may
        name a period in passing ("no figure for the year before"), except the window
        a finding of one period counts in (`windows`: "scammed in the past year")."""
        phrases = (
            [period.phrase, *phrases_for(period.offset)]
            if period.offset is not None
            else [period.phrase]
        )
        wanted = [f" {' '.join(p)} " for p in phrases if p]
        texts = self._about_texts[finding.id] + (self._window_texts[finding.id] if windows else ())
        return any(w in f" {text} " for text in texts for w in wanted)

    def _says_change(self, finding: Finding, query: Query) -> bool:
        """Are the change words the question uses the finding's own, in its questions,
        what its figures measure ("households whose costs went up") or the answer of a
        finding of one period ("fell for a scam" is no fall)?"""
        used = [f" {' '.join(p)} " for p in change_words_in(query.words, query.lang)]
        texts = self._about_texts[finding.id] + self._window_texts[finding.id]
        return any(w in f" {text} " for text in texts for w in used)

    def _no_match(
        self, question: str, lang: Lang, matches: list[Match], unknown: list[str]
    ) -> Reply:
        close = [m for m in matches if m.score >= self.config.suggest_threshold]
        suggestions = tuple(
            self.render.question_of(self.kb.findings[m.key], lang)
            for m in close[: self.config.max_suggestions]
        )
        if unknown:
            # Each unknown word once, and only a few: the reply's size is bounded too.
            written = [
                self.general.as_quoted(as_written(word, question), lang)
                for word in list(dict.fromkeys(unknown))[:MAX_QUOTED]
            ]
            quoted = join_words([f"„{w}“" if lang == "de" else f'"{w}"' for w in written], lang)
            headline = phrase("no_match_unknown_words", lang, words=quoted)
        else:
            headline = phrase("no_match", lang)
        if suggestions:
            one = len(suggestions) == 1
            details: tuple[str, ...] = (
                phrase("did_you_mean_one" if one else "did_you_mean", lang),
            )
        else:
            # Nothing near what was asked: what the bot knows, and a question from each.
            suggestions = tuple(self.examples(lang))
            details = (*self._topic_list(lang), phrase("try_instead", lang))
        return Reply(
            question,
            ReplyKind.NO_MATCH,
            lang,
            headline,
            details,
            score=matches[0].score if matches else 0.0,
            suggestions=suggestions,
            candidates=_candidates(matches),
        )

    def _publishers_named(self, content: Sequence[str]) -> frozenset[str]:
        """The surveys whose publisher the question names by one of its names
        ("laut <institute>", "according to <institute>"; see `_publisher_names`)."""
        named: set[str] = set()
        for word in content:
            forms = self.index.analyzer.forms(word)
            if forms and all(form in self._publisher_names for form in forms):
                named.update(*(self._publisher_names[form] for form in forms))
        # Two names of two publishers may name every survey: then none is named.
        return frozenset(named) if len(named) < len(self.kb.surveys) else frozenset()

    def _names_a_survey(self, word: str) -> bool:
        forms = self.index.analyzer.forms(word)
        return bool(forms) and forms <= self._naming_terms

    def _asks_of_context(self, query: Query, asked: Sequence[QueryWord], finding: str) -> bool:
        """Does the question ask about what only the finding's background mentions
        (a sentence of its context that states no amount)? How the question is put
        ("a majority", the preamble) does not count."""
        only = self._context_only[finding]
        return any(word.forms & only and word.surface not in query.light for word in asked)

    def _figure_meant(self, query: Query, finding: Finding) -> Figure | None:
        """The figure of `finding` a "what does 17% mean?" names: a word of meaning, a
        number that is one of its figures, and nothing else that carries content."""
        if MEANING_WORDS.isdisjoint(query.words):
            return None
        # "21.9%" and "21,9 %" are one number, though the words split it.
        values = {float(n.replace(",", ".")) for n in _NUMBER.findall(query.text)}
        rest = [
            w
            for w in query.content
            if w not in MEANING_WORDS
            and not w.isdigit()
            and not self.index.analyzer.is_stop_word(w)
        ]
        if len(values) != 1 or rest:
            return None
        return next((f for f in finding.figures if float(f.value) in values), None)

    def _only_asks_why(self, query: Query) -> bool:
        """ "why?", "und warum?": nothing but the question for reasons."""
        rest = [
            w
            for w in query.words
            if w in REASON_QUESTIONS or not self.index.analyzer.is_stop_word(w)
        ]
        return bool(rest) and set(rest) <= REASON_QUESTIONS

    def _says_any(self, finding: str, phrases: frozenset[tuple[str, ...]]) -> bool:
        return any(phrase_spans(text.split(), phrases) for text in self._folded_texts[finding])

    @staticmethod
    def _asks_why(query: Query) -> bool:
        return not REASON_QUESTIONS.isdisjoint(query.words[:REASON_REACH])

    def _reason_unsaid(self, query: Query, finding: str) -> bool:
        """Does the question ask why, and the finding give no reason?"""
        return self._asks_why(query) and not self._gives_reasons[finding]

    def _prefer_reasons(self, matches: list[Match], query: Query) -> list[Match]:
        """ "Why don't people buy one?": where a finding that gives reasons fits nearly
        as well as the best, one that gives reasons is meant (the best may only count
        the buyers): of those, one that says "not" or "against" where the question does
        (the reasons against, not those for), reasons it gives itself before reasons its
        background mentions."""
        giving = [m for m in matches[:CANDIDATES] if self._gives_reasons[m.key]]
        if not giving or matches[0].score - giving[0].score > SINGLING_MARGIN:
            return matches
        giving.sort(key=lambda m: not self._own_reasons[m.key])
        # The side is the point: the reasons against may fit the words less well
        # ("keine Klimaanlage kaufen" against "verzichten", "spricht gegen").
        negated = not AGAINST.isdisjoint(query.words)
        sided = [m for m in giving if self._negated[m.key] == negated]
        return self._lifted((sided or giving)[0], matches)

    def _wish_unsaid(self, query: Query, finding: str) -> bool:
        """Does the question ask what people wish for, and the finding say nothing of
        wishes?"""
        asked = [w for w in query.words if w not in query.light]
        return bool(phrase_spans(asked, WISHES)) and not self._speaks_of_wishes[finding]

    def _no_figure(
        self, question: str, lang: Lang, matches: list[Match], unknown: list[str]
    ) -> Reply:
        """Declined for want of a figure; a word the surveys never mention is
        the likelier reason, and named instead."""
        declined = self._no_match(question, lang, matches, unknown)
        return declined if unknown else _with(declined, headline=phrase("no_figure", lang))

    def _context_decides(self, previous: Finding, matches: list[Match]) -> bool:
        """Of the two findings that fit a follow-up alike, only the first is near the
        one the conversation is about: that is the one meant."""
        near = self._near[previous.id]
        return len(matches) > 1 and matches[0].key in near and matches[1].key not in near

    def _asks_only_about_a_survey(self, finding: Finding) -> bool:
        """Do most of the finding's questions ask about its survey alone: each word one
        of how a survey question is put, a stop word, or who was asked or asked?"""
        analyzer = self.index.analyzer
        asked = [q for lang in LANGS for q in finding.questions.get(lang)]

        def about_survey(question: str) -> bool:
            return all(
                w in SURVEY_QUESTION_WORDS
                or analyzer.is_stop_word(w)
                or analyzer.forms(w) & self._asked_terms_all
                for w in words(question)
            )

        return len(asked) > 0 and 2 * sum(map(about_survey, asked)) > len(asked)

    def _about_unnamed(self, best: Match, query: Query, state: ConversationState) -> bool:
        """Is the best finding one about its survey itself, where several surveys are
        loaded and the question names none (nor does the conversation)?"""
        return (
            len(self.kb.surveys) > 1
            and best.key in self._about_itself
            and self._survey_asked_about(query, state) is None
        )

    def _only_names_a_group(self, query: Query, groups: frozenset[str] | None = None) -> bool:
        """Does the question name nothing but a group (of `groups`' terms; by default
        any group some figure is for, or ages): "and women?", "und in Wales?", "und bei
        den über 65-Jährigen?".
        """
        analyzer = self.index.analyzer
        ages = age_words(query.lang) if query.ages and groups is None else frozenset()
        terms = self._any_group_terms if groups is None else groups
        said = [w for w in query.asked if not analyzer.is_stop_word(w)]
        return bool(said) and all(
            analyzer.forms(w) & terms or (ages and (w.isdigit() or w in ages)) for w in said
        )

    def _prefer_near(self, previous: Finding, matches: list[Match]) -> list[Match]:
        near = self._near[previous.id]
        boosted = [
            replace(m, score=min(1.0, m.score + FOLLOW_UP_BONUS)) if m.key in near else m
            for m in matches
        ]
        return sorted(boosted, key=lambda m: (-m.score, m.key))

    def _cue_reply(self, question: str, query: Query, state: ConversationState) -> Reply:
        cue, lang = query.cue, query.lang
        previous = self.kb.findings.get(state.finding) if state.finding else None
        if cue is Cue.SOURCE:
            if previous is None:
                return _with(self.sources(lang), question=question)
            return self.render.source(question, previous, lang)
        # After a question the bot could not answer, "more" is about the last answer.
        last = previous or (self.kb.findings.get(state.shown[-1]) if state.shown else None)
        if cue is Cue.LANGUAGE:
            return self._in_language(question, query.asked_language, state)
        if cue in (Cue.MORE, Cue.JUDGE, Cue.EXACT) and last is None:
            return self._prompt(question, ReplyKind.NO_MATCH, lang, "no_previous")
        if cue is Cue.MORE and last is not None:
            return self.render.more(question, last, lang, state.shown, self.config.max_suggestions)
        if cue is Cue.EXACT and last is not None:
            reply = self.render.exact(question, last, lang, state.period)
            return _with(reply, period=state.period)
        if cue is Cue.JUDGE and last is not None:
            lead = state.lead if last.id == state.finding else None
            reply = self.render.judge(question, last, lang, state.period, lead)
            # "ist das viel?" again, in the other language: still that figure.
            return _with(reply, period=state.period, lead=lead)
        if cue is Cue.HELP:
            return _with(self.help(lang), question=question)
        if cue is Cue.WHO:
            surveys = join_words([s.title.get(lang) for s in self.kb.surveys.values()], lang)
            return self._smalltalk(question, phrase("who", lang, surveys=surveys), lang)
        if cue is Cue.GREETING:
            return _with(self.greeting(lang), question=question)
        key = "thanks" if cue is Cue.THANKS else "goodbye"
        if cue is Cue.ACKNOWLEDGED:
            key = "acknowledged"
        return Reply(question, ReplyKind.SMALLTALK, lang, phrase(key, lang))

    def _in_language(self, question: str, lang: Lang | None, state: ConversationState) -> Reply:
        """ "in German please": the last reply again, whole, in that language."""
        lang = lang or state.lang or self.config.default_language
        finding = self.kb.findings.get(state.finding) if state.finding else None
        survey = self.kb.surveys.get(state.survey) if state.survey else None
        if finding is not None:
            period = state.period if state.period in self.render.periods_of(finding) else None
            reply = self.render.answer(question, finding, lang, period)
            return _with(reply, score=1.0, period=period)
        if survey is not None:
            return _with(self.render.source_card(survey, lang), question=question)
        return _with(self.greeting(lang), question=question)

    def _prompt(self, question: str, kind: ReplyKind, lang: Lang, key: str) -> Reply:
        """One sentence of the pack, with example questions to choose from."""
        return Reply(
            question, kind, lang, phrase(key, lang), suggestions=tuple(self.examples(lang))
        )

    def _smalltalk(self, question: str, headline: str, lang: Lang) -> Reply:
        return Reply(
            question,
            ReplyKind.SMALLTALK,
            lang,
            headline,
            (*self._topic_list(lang), phrase("help", lang)),
            suggestions=tuple(self.examples(lang)),
        )

    def _next_state(
        self,
        state: ConversationState,
        reply: Reply,
        follow_up: bool = False,
        requested: Lang | None = None,
    ) -> ConversationState:
        # A follow-up the bot could not answer ("and in Austria?") leaves the conversation
        # on its topic: "and last year?" after it is still about the last answer.
        keeps_topic = reply.kind in (ReplyKind.SMALLTALK, ReplyKind.EMPTY, ReplyKind.SURVEY) or (
            follow_up and reply.kind is ReplyKind.NO_MATCH
        )
        finding = state.finding if keeps_topic else reply.finding
        period = state.period if keeps_topic else reply.period
        # "and when?" after "who ran it?" is about that survey; small talk keeps it.
        if reply.kind is ReplyKind.SURVEY:
            survey = reply.survey
        elif reply.kind in (ReplyKind.SMALLTALK, ReplyKind.EMPTY):
            survey = state.survey
        else:
            survey = None
        offered = tuple(s.finding for s in reply.suggestions)
        shown = state.shown
        listed = reply.shows
        if reply.finding is not None and reply.kind in _TELLS_A_FINDING:
            listed = (*listed, reply.finding)
        if listed:
            shown = (*(f for f in shown if f not in listed), *listed)[-MAX_SHOWN:]
        # Whose background was printed: a finding only listed ("more") or answered
        # without it (a missing year) still has its context to tell.
        told = state.told
        answered = self.kb.findings.get(reply.finding) if reply.finding else None
        if answered is not None and answered.context is not None:
            context = answered.context.get(reply.lang)
            if context in (reply.headline, *reply.details):
                told = (*(f for f in told if f != answered.id), answered.id)[-MAX_SHOWN:]
        lead = state.lead if keeps_topic else reply.lead
        return ConversationState(
            finding,
            period,
            reply.lang,
            state.turns + 1,
            survey,
            offered,
            shown,
            requested,
            told,
            lead,
        )

    # --- direct access for adapters ---------------------------------------------------

    def answer_finding(
        self, finding_id: str, state: ConversationState | None = None, lang: Lang | None = None
    ) -> tuple[Reply, ConversationState]:
        """The answer of one finding (a tapped button). An id no longer in the
        knowledge base gets a polite reply with suggestions instead."""
        state = state or ConversationState()
        lang = lang or state.lang or self.config.default_language
        finding = self.kb.findings.get(finding_id)
        if finding is None:
            reply = Reply(
                finding_id,
                ReplyKind.NO_MATCH,
                lang,
                phrase("finding_gone", lang),
                (phrase("try_instead", lang),),
                suggestions=tuple(self.examples(lang)),
            )
        else:
            answer = self.render.answer(finding.questions.first(lang), finding, lang)
            reply = self._in_conversation(_with(answer, score=1.0), state)
        return reply, self._next_state(state, reply, requested=state.requested)

    @staticmethod
    def offering(reply: Reply, state: ConversationState | None = None) -> ConversationState:
        """The conversation after showing `reply` outside a question (the greeting, the
        help): its numbered suggestions can be picked ("2")."""
        offered = tuple(s.finding for s in reply.suggestions)
        return replace(state or ConversationState(), offered=offered)

    def chart(self, finding_id: str | None, lang: Lang) -> Chart | None:
        """The chart of a finding ("📊", /chart), None when it has too few figures or
        is no longer in the knowledge base."""
        finding = self.kb.findings.get(finding_id) if finding_id else None
        return chart_of(self.kb, finding, lang) if finding is not None else None

    def preferred_language(
        self, state: ConversationState | None = None, lang_hint: str | None = None
    ) -> Lang:
        """The language to greet or prompt in, with no question to read it from: the
        conversation's, else the caller's hint (Telegram's language_code), else the
        configured default."""
        spoken = state.lang if state is not None else None
        return spoken or as_lang(lang_hint) or self.config.default_language

    def language_of(self, text: str, lang_hint: str | None = None) -> Lang:
        fallbacks = (as_lang(lang_hint), self.config.default_language)
        return detect_language(words(text), text, self._vocabulary, fallbacks)

    def examples(self, lang: Lang) -> list[Suggestion]:
        """One question from each of the first topics: what a newcomer might ask."""
        return self._examples[lang][: self.config.max_suggestions]

    def _first_of_each_topic(self, lang: Lang) -> list[Suggestion]:
        first_of_topic: dict[str, Finding] = {}
        for finding in self.kb.findings.values():
            first_of_topic.setdefault(finding.topic, finding)
        return [self.render.question_of(f, lang) for f in first_of_topic.values()]

    def _topic_list(self, lang: Lang) -> tuple[str, ...]:
        topics = [f"• {title.get(lang)}" for _, title in self.topics_with_titles()]
        return (phrase("topics_intro", lang) + "\n" + "\n".join(topics),) if topics else ()

    def greeting(self, lang: Lang) -> Reply:
        intro = self._topic_list(lang)
        return Reply(
            "",
            ReplyKind.SMALLTALK,
            lang,
            phrase("greeting", lang),
            (*intro, phrase("help", lang)),
            suggestions=tuple(self.examples(lang)),
        )

    def help(self, lang: Lang) -> Reply:
        return Reply(
            "",
            ReplyKind.SMALLTALK,
            lang,
            phrase("help_ask", lang),
            # "what do you know?" is answered by the help: the topics it covers, too.
            (*self._topic_list(lang), phrase("help_followups", lang), phrase("for_example", lang)),
            suggestions=tuple(self.examples(lang)),
        )

    def sources(self, lang: Lang) -> Reply:
        cards = [self.render.card(survey, lang) for survey in self.kb.surveys.values()]
        return Reply("", ReplyKind.SOURCE, lang, phrase("sources_intro", lang), tuple(cards))

    def topics(self, lang: Lang) -> list[tuple[str, str]]:
        """(topic id, title) of every topic that has findings, in knowledge-base order."""
        return [(tid, title.get(lang)) for tid, title in self.topics_with_titles()]

    def topics_with_titles(self) -> list[tuple[str, Texts]]:
        used = {f.topic for f in self.kb.findings.values()}
        return [(tid, title) for tid, title in self.kb.topics.items() if tid in used]

    def topic_findings(self, topic_id: str, lang: Lang) -> list[Suggestion]:
        return [
            self.render.question_of(f, lang)
            for f in self.kb.findings.values()
            if f.topic == topic_id
        ]

    def search(self, question: str, lang_hint: str | None = None, limit: int = 5) -> list[Reply]:
        """What the bot would answer, then other findings it is as sure of (inline mode).
        The same abstention rules as in a chat: an unsure question lists nothing."""
        reply, _ = self.reply(question, lang_hint=lang_hint)
        if reply.kind not in (ReplyKind.ANSWER, ReplyKind.MISSING_PERIOD):
            return []
        others = [
            _with(
                self.render.answer(question, self.kb.findings[c.finding], reply.lang), score=c.score
            )
            for c in reply.candidates[1:]
            if c.score >= self.config.answer_threshold
        ]
        return [reply, *others][:limit]


def _index_entries(kb: KnowledgeBase) -> list[IndexEntry]:
    reported = Counter(
        (kb.survey_of[finding.id], figure.value, figure.period)
        for finding in kb.findings.values()
        for figure in finding.figures
    )
    entries = []
    for finding in kb.findings.values():
        variants = [(q, lang) for lang in LANGS for q in finding.wordings(lang)]
        # What a figure measures is a question it answers ("employees working from home
        # five or more days a week"), in both languages even where the editor wrote
        # questions in one; unless another finding reports the same figure (an overview
        # of goals each of which has its own finding): that one answers it.
        survey_id = kb.survey_of[finding.id]
        variants += [
            (_measured(f, lang), lang)
            for f in finding.figures
            if reported[survey_id, f.value, f.period] == 1
            for lang in LANGS
        ]
        texts = [(finding.answer.get(lang), lang) for lang in LANGS]
        if finding.context:
            texts += [(finding.context.get(lang), lang) for lang in LANGS]
        texts += [(text, lang) for lang in LANGS for text in _quantity_texts(finding, lang)]
        # Every finding is about its survey: naming the publisher or the population is no
        # evidence for one finding over another, so those words go with all of them.
        survey = kb.survey_for(finding.id)
        texts += [(_survey_words(survey, lang), lang) for lang in LANGS]
        entries.append(IndexEntry(finding.id, variants, texts))
    return entries


def _survey_words(survey: Survey, lang: Lang) -> str:
    return " ".join((survey.title.get(lang), survey.publisher, survey.population.get(lang)))


def _vocabulary_languages(kb: KnowledgeBase) -> dict[str, frozenset[Lang]]:
    """Which language each word of the knowledge base is written in."""
    seen: dict[str, set[Lang]] = defaultdict(set)
    for finding in kb.findings.values():
        for lang in LANGS:
            texts = [*finding.wordings(lang), finding.answer.get(lang)]
            for text in texts + _quantity_texts(finding, lang):
                for word in words(text):
                    seen[word].add(lang)
    return {word: frozenset(langs) for word, langs in seen.items()}


DEGREE_WORDS = {lang: pack.degree_words for lang, pack in language_packs().items()}


def _degrees_used(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """The degree words ("very", "sehr") the knowledge base writes in a figure's
    measures, each with the stems of the words it writes them before ("unfavor")."""
    stemmer = Analyzer()
    used: dict[str, set[str]] = defaultdict(set)
    for finding in kb.findings.values():
        for quantity in finding.quantities:
            for lang in LANGS:
                folded = words(quantity.measures.get(lang))
                for word, after in pairwise(folded):
                    if word in DEGREE_WORDS[lang]:
                        used[word] |= stemmer.forms(after)
    return {word: frozenset(stems) for word, stems in used.items()}


def _measured(figure: Figure, lang: Lang) -> str:
    """What a figure measures as a question: "Democrats aged 18 to 49 with an
    unfavorable view" (a subgroup's measure alone is the same in every group)."""
    measures = figure.measures.get(lang)
    return f"{figure.group.name.get(lang)} {measures}" if figure.group else measures


def _quantity_texts(finding: Finding, lang: Lang) -> list[str]:
    """What the finding's changes measure and the names of its subgroups (the answer
    need not name them all: a subgroup's own answer may)."""
    texts = [c.measures.get(lang) for c in finding.changes]
    for quantity in finding.quantities:
        if quantity.group is not None:
            texts.append(quantity.group.name.get(lang))
            if quantity.group.by is not None:
                texts.append(quantity.group.by.get(lang))
    return texts


def _texts_of(finding: Finding, context: bool = True) -> list[str]:
    texts = [*finding.wordings("de"), *finding.wordings("en")]
    told = (finding.answer, finding.context) if context else (finding.answer,)
    texts += [t.get(lang) for t in told if t for lang in LANGS]
    texts += [f.measures.get(lang) for f in finding.figures for lang in LANGS]
    texts += [text for lang in LANGS for text in _quantity_texts(finding, lang)]
    return texts


def _context_only_terms(
    kb: KnowledgeBase, analyzer: Analyzer, survey_terms: frozenset[str]
) -> dict[str, frozenset[str]]:
    """Per finding, the terms only its context writes: no finding's questions, answers
    or figures, nor a survey's name, say them. A figure does not measure what only the
    background mentions."""
    stated = set(survey_terms)
    # "how many without a college degree?": a negation says which side, not what of
    # the background is asked about, though only the context writes "without".
    for lang in LANGS:
        stated.update(analyzer.terms(" ".join(sorted(NEGATIONS)), lang))
    for f in kb.findings.values():
        for lang in LANGS:
            texts = [*f.wordings(lang), f.answer.get(lang)]
            texts += [fig.measures.get(lang) for fig in f.figures]
            texts += [fig.answer.get(lang) for fig in f.figures if fig.answer]
            texts += [c.answer.get(lang) for c in f.changes if c.answer]
            texts += _quantity_texts(f, lang)
            for text in texts:
                stated.update(analyzer.terms(text, lang))
    for survey in kb.surveys.values():
        for lang in LANGS:
            if survey.fieldwork is not None:
                stated.update(analyzer.terms(survey.fieldwork.get(lang), lang))
    return {
        f.id: frozenset(
            term
            for lang in LANGS
            if f.context is not None
            for sentence in _SENTENCE.findall(f.context.get(lang))
            if not _names_an_amount(sentence)
            for term in analyzer.terms(sentence, lang)
            if term not in stated and len(term) >= MIN_CONTEXT_TERM
        )
        for f in kb.findings.values()
    }


def _names_an_amount(text: str) -> bool:
    """A sentence with a number or an amount word ("a clear majority now backs it")
    may be a figure of its own, in words."""
    return any(w.isdigit() or w in AMOUNT_WORDS for w in words(text))


def _populations_naming(
    kb: KnowledgeBase, analyzer: Analyzer, nouns: frozenset[str]
) -> frozenset[str]:
    """The surveys whose population names one of `nouns` (by stem, in any language)."""
    stems = {analyzer.stem(w, lang) for lang in LANGS for w in nouns}
    return frozenset(
        survey.id
        for survey in kb.surveys.values()
        if any(
            analyzer.stem(w, lang) in stems
            for lang in LANGS
            for w in words(survey.population.get(lang))
        )
    )


def _publisher_terms(kb: KnowledgeBase, analyzer: Analyzer) -> dict[str, frozenset[str]]:
    """The terms of who ran and who reported each survey, read whole ("Rheinland-Pfalz"
    is one place) but without the terms of stop words of either language (a publisher
    has no language: "What Makes You Happy" read as German keeps "what"). Titles are
    left out: they name topics too ("... on salary sacrifice")."""
    terms: dict[str, frozenset[str]] = {}
    for survey in kb.surveys.values():
        texts = (survey.publisher, survey.source.publisher or "")
        stop = {
            term
            for text in texts
            for word in words(text)
            if analyzer.is_stop_word(word)
            for lang in LANGS
            for term in analyzer.terms(word, lang)
        }
        terms[survey.id] = (
            frozenset(
                term for text in texts for lang in LANGS for term in analyzer.terms(text, lang)
            )
            - stop
        )
    return terms


def _surveys_writing(
    kb: KnowledgeBase, index: SearchIndex, skip: frozenset[str]
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Each term of the index with the surveys whose findings write it, and with those
    whose findings but the ones in `skip` write it: one pass over the postings."""
    keys = index.keys
    writing: dict[str, set[str]] = defaultdict(set)
    topical: dict[str, set[str]] = defaultdict(set)
    for term, entries in index.entries_by_term():
        for e in entries.tolist():
            survey = kb.survey_of[keys[e]]
            writing[term].add(survey)
            if keys[e] not in skip:
                topical[term].add(survey)
    return (
        {term: frozenset(surveys) for term, surveys in writing.items()},
        {term: frozenset(surveys) for term, surveys in topical.items()},
    )


def _publisher_names(
    kb: KnowledgeBase, analyzer: Analyzer, written_by: dict[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """The names of who ran or reported a survey (term -> the surveys it names), where
    they name some but not all of those loaded and no other survey's findings write
    them. A name is written as one: the whole publisher ("Ipsos"), a short form in
    parentheses ("(ifo)"), or an acronym ("ONS", "GfK"); not an ordinary word of it
    ("union" of "the teachers' union VBE", "gesundheitliche" of "Bundeszentrale für
    gesundheitliche Aufklärung")."""
    named: dict[str, set[str]] = defaultdict(set)
    for survey in kb.surveys.values():
        for text in (survey.publisher, survey.source.publisher or ""):
            for name in _names_in(text):
                for lang in LANGS:
                    for term in analyzer.terms(name, lang):
                        # "(UK)": a place, not who ran it.
                        if not term.startswith(SYNONYM_MARK) and not analyzer.is_stop_word(term):
                            named[term].add(survey.id)
    return {
        term: frozenset(surveys)
        for term, surveys in named.items()
        if written_by.get(term, frozenset()) <= surveys and len(surveys) < len(kb.surveys)
    }


def _names_in(publisher: str) -> list[str]:
    """The words of a publisher's text that are names (see `_publisher_names`)."""
    tokens = re.findall(r"\w[\w&.-]*", publisher)
    if len(tokens) == 1:
        return tokens
    bracketed = re.findall(r"\(([^()\s]+)\)", publisher)
    # "GfK", "BZgA", "YouGov": short, of letters, two or more capitals ("U.S." and
    # "US-Arbeitsstatistikbehörde" are not).
    acronyms = [
        t for t in tokens if re.fullmatch(r"[^\W\d_]{2,6}", t) and sum(map(str.isupper, t)) >= 2
    ]
    return [*bracketed, *acronyms]


def _states_amount(finding: Finding) -> bool:
    """Does the finding state an amount: a figure, a number or an amount word ("more
    than half", "jeder fünfte") in its answer?"""
    if finding.figures:
        return True
    return any(_names_an_amount(finding.answer.get(lang)) for lang in LANGS)


def _folded_texts(finding: Finding, context: bool = True) -> tuple[str, ...]:
    return tuple(" ".join(words(text)) for text in _texts_of(finding, context))


def _numbers_of(finding: Finding) -> frozenset[str]:
    """The numbers a finding's texts use, with those inside a range they name."""
    return frozenset(str(n) for text in _texts_of(finding) for n in numbers_named(words(text)))


def _occurs(phrase: tuple[str, ...], folded: Sequence[str]) -> bool:
    size = len(phrase)
    return any(tuple(folded[i : i + size]) == phrase for i in range(len(folded) - size + 1))


def _valued(finding: Finding | None, lead: float | None) -> list[Figure]:
    """The finding's figures of the value an answer led with (a reply keeps the value)."""
    if finding is None or lead is None:
        return []
    return [f for f in finding.figures if float(f.value) == lead]


def _same_side(phrase: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The phrases of the side of an opposite `phrase` is on, itself included."""
    return frozenset({phrase}).union(*(OPPOSITES[other] for other in OPPOSITES[phrase]))


def _candidates(matches: list[Match]) -> tuple[Candidate, ...]:
    return tuple(Candidate(m.key, m.score) for m in matches[:CANDIDATES])


def _measure_side(figure: Figure) -> Literal["good", "bad"] | None:
    """Is what the figure measures good ("sleep well"), bad ("sleep badly", "no
    savings"), or neither that the packs can tell ("mainly excited")?"""
    said = {w for lang in LANGS for w in words(figure.measures.get(lang))}
    if not BAD_SIDE.isdisjoint(said):
        return "bad"
    return "good" if not GOOD_SIDE.isdisjoint(said) else None


def _other_end(extreme: Extreme) -> Extreme:
    return Extreme.LOWEST if extreme is Extreme.HIGHEST else Extreme.HIGHEST


def _negated(finding: Finding) -> bool:
    texts = [finding.answer.get(lang) for lang in LANGS] + [
        f.measures.get(lang) for f in finding.figures for lang in LANGS
    ]
    return any(not AGAINST.isdisjoint(words(text)) for text in texts)


def _before_than(words_: Sequence[str], comparatives: frozenset[str]) -> frozenset[str]:
    """The comparatives right before "than", with those joined to them by "or" ("better
    or worse than last year")."""
    found: set[str] = set()
    for at, word in enumerate(words_):
        if word not in THAN_WORDS:
            continue
        before = at - 1
        while before >= 0 and words_[before] in comparatives:
            found.add(words_[before])
            before -= 2 if before >= 1 and words_[before - 1] in ALTERNATIVES else 1
    return frozenset(found)


def _picked(question: str, state: ConversationState) -> str | None:
    """The finding a bare number picks from the last reply's suggestions ("2", "#2",
    "2."), or None."""
    text = question.strip().lstrip("#").rstrip(".)")
    # ASCII digits only: "²" and "①" are digits to str.isdigit, not to int().
    if not (text.isascii() and text.isdigit() and len(text) <= 3) or not state.offered:
        return None
    number = int(text)
    return state.offered[number - 1] if 1 <= number <= len(state.offered) else None


def _configured_decision(config: EngineConfig) -> Decision:
    if config.decision == "learned":
        return shipped_decision(config.semantic, config.risk)
    return RuleDecision(config.answer_threshold, config.unknown_word_threshold)


def _with(reply: Reply, **changes: Any) -> Reply:
    return replace(reply, **changes)
