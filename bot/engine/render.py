"""Writes replies: the figure first, then the context and the source line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.engine.charts import offers_chart
from bot.engine.facts import FigureChoice, Verdict
from bot.engine.phrases import phrase
from bot.engine.query import Extreme, SurveyAspect
from bot.engine.types import Reply, ReplyKind, Suggestion
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import (
    Change,
    Figure,
    Finding,
    Lang,
    Quantity,
    RoughSize,
    Subgroup,
    Survey,
)
from bot.languages.formats import figure_period, format_figure, format_number


def join_words(items: list[str], lang: Lang) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {phrase('and', lang)} {items[-1]}"


def source_line(survey: Survey, lang: Lang) -> str:
    """ "Source: title, publisher, year.", naming the publisher and the year once: a
    title that holds them ("Gallup poll 2022") is not followed by them again."""
    title = survey.title.get(lang)
    publisher = survey.publisher_in(lang)
    named = publisher.casefold() in title.casefold()
    dated = re.search(rf"(?<!\d){survey.year}(?!\d)", title) is not None
    key = {
        (False, False): "source_line",
        (True, False): "source_line_titled",
        (False, True): "source_line_publisher",
        (True, True): "source_line_bare",
    }[(named, dated)]
    return phrase(
        key,
        lang,
        title=title,
        publisher=publisher,
        year=survey.year,
        population=survey.population.get(lang),
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]  # a measure starts lower case mid-sentence


def change_sentence(change: Change, lang: Lang, compared: bool = False) -> str:
    """ "Up 16 points from 2022 to 2025: Democrats … (with an unfavorable view)." as
    the language says it: the change first (a measure may hold numbers of its own, "a
    130 km/h limit"), and a group's change names the group before its measure."""
    key = "change_up" if change.value > 0 else "change_down" if change.value else "change_none"
    if compared:  # after "For comparison:"
        key = key.replace("change_", "change_compared_")
    measures = change.measures.get(lang)
    if change.group is not None:
        name = _plain_name(change.group.name.get(lang))
        measures = phrase("group_measures", lang, group=name, measures=measures)
    sentence = phrase(
        key,
        lang,
        measures=measures,
        size=format_figure(change, lang, signed=True).lstrip("+−"),
        start=change.start,
        to=change.to,
    )
    return _capitalised(sentence)


def _who(figure: Quantity, lang: Lang) -> str:
    return _plain_name(figure.group.name.get(lang)) if figure.group else figure.measures.get(lang)


def described(figure: Quantity, lang: Lang) -> str:
    """What a figure measures, with the subgroup it is for."""
    measures = figure.measures.get(lang)
    if figure.group is None:
        return measures
    return phrase(
        "of_group", lang, measures=measures, group=_plain_name(figure.group.name.get(lang))
    )


def _plain_name(name: str) -> str:
    """A group's name without brackets of its own, to go in brackets: "older
    Democrats, over 50"."""
    return name.replace(" (", ", ").replace("(", "").replace(")", "")


# Ranking a figure among fewer others than this says nothing ("the lower of two").
MIN_PEERS = 2


class Renderer:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def question_of(self, finding: Finding, lang: Lang) -> Suggestion:
        return Suggestion(finding.id, finding.questions.first(lang))

    def answer(
        self,
        question: str,
        finding: Finding,
        lang: Lang,
        period: int | None = None,
        choice: FigureChoice | None = None,
        judged: Verdict | None = None,
        ranked: Extreme | None = None,
        others: Sequence[Figure] = (),
        extreme: Extreme | None = None,
    ) -> Reply:
        """The finding's answer; led by the figure the question singled out of a
        breakdown, and by a verdict on a figure the question stated."""
        survey = self.kb.survey_for(finding.id)
        headline = finding.answer.get(lang)
        singled: float | None = None
        details = (finding.context.get(lang),) if finding.context else ()
        if period is not None and period != survey.year:
            own = [
                f
                for f in finding.figures
                if figure_period(f, survey) == period and f.answer is not None and f.group is None
            ]
            # Of a past year's breakdown, the answer of the figure asked for, else the
            # year's first.
            chosen = choice.figure if choice is not None and choice.figure in own else None
            if chosen is not None or own:
                answered = chosen or own[0]
                assert answered.answer is not None
                headline = answered.answer.get(lang)
        if choice is not None and choice.singled_out:
            figure = choice.figure
            key = f"lead_{ranked.value}" if ranked is not None else "figure_lead"
            by = figure.group.by if figure.group is not None else None
            if ranked is not None and by is not None:
                key += "_by"  # "the lowest by party": of that breakdown, not of all
            lead = phrase(
                key,
                lang,
                figure=format_figure(figure, lang),
                measures=described(figure, lang),
                by=by.get(lang) if by is not None else "",
            )
            if figure.group is not None and figure.answer is not None and ranked is None:
                lead = figure.answer.get(lang)  # a subgroup's own answer ("and Democrats?")
            if others and extreme is not None:
                tied = all(o.value == figure.value for o in others)
                lead = phrase(
                    "lead_compared_equal" if tied else f"lead_compared_{extreme.value}",
                    lang,
                    figure=format_figure(figure, lang),
                    measures=described(figure, lang),
                    others=join_words(
                        [f"{format_figure(o, lang)} ({_who(o, lang)})" for o in others], lang
                    ),
                )
            if period is not None and period != survey.year and figure.group is not None:
                lead = f"{period}: {lead}"  # a group's figure of another year says so
            headline, details = lead, (headline, *details)
            singled = float(figure.value)
        if judged is not None:
            headline = f"{phrase('stated_' + judged.value, lang)} {headline}"
        reply = self._about(finding, question, ReplyKind.ANSWER, lang, headline, details)
        return replace(reply, lead=singled)

    def change(
        self,
        question: str,
        finding: Finding,
        lang: Lang,
        change: Change,
        others: Sequence[Change] = (),
    ) -> Reply:
        """ "Has it changed?" answered from a change the source states: its direction and
        size between its two periods (never a level the source does not give)."""
        if change.answer is not None:
            headline = change.answer.get(lang)
        else:
            headline = change_sentence(change, lang)
        if others:  # "who rose more?": the others, each as a sentence of its own
            against = " ".join(change_sentence(o, lang, compared=True) for o in others)
            headline += " " + phrase("change_against", lang, others=against)
        details = (
            finding.answer.get(lang),
            *((finding.context.get(lang),) if finding.context else ()),
        )
        return self._about(finding, question, ReplyKind.ANSWER, lang, headline, details)

    def reasons(self, question: str, finding: Finding, lang: Lang, told: bool = False) -> Reply:
        """ "why?" after an answer: what its context says (unless it was `told` just
        now), and the related findings that state no figure (an expert's assessment, a
        quote); or that the source gives no (more) reasons. The figure is not repeated."""
        assessments = [
            self.kb.findings[r]
            for r in finding.related
            if r in self.kb.findings and not self.kb.findings[r].figures
        ]
        said = [finding.context.get(lang)] if finding.context and not told else []
        said += [f.answer.get(lang) for f in assessments]
        if not said:
            key = "no_more_reason" if told and finding.context else "no_reason"
            return self._about(finding, question, ReplyKind.ANSWER, lang, phrase(key, lang), ())
        reply = self._about(finding, question, ReplyKind.ANSWER, lang, said[0], tuple(said[1:]))
        return replace(reply, shows=tuple(f.id for f in assessments))

    def _of_period(self, finding: Finding, period: int | None) -> tuple[list[Figure], int]:
        """The finding's figures of `period` (the survey year when None), and the year."""
        survey = self.kb.survey_for(finding.id)
        year = period if period is not None else survey.year
        return [f for f in finding.figures if figure_period(f, survey) == year], year

    def exact(self, question: str, finding: Finding, lang: Lang, period: int | None) -> Reply:
        """ "how many exactly?": every figure of the answer's period, as the source
        gives it."""
        figures, _ = self._of_period(finding, period)
        if not figures:
            return self._about(
                finding, question, ReplyKind.ANSWER, lang, phrase("no_figure", lang), ()
            )
        lines = [f"{format_figure(f, lang)} – {described(f, lang)}" for f in figures]
        headline = "\n".join(lines)
        return self._about(
            finding, question, ReplyKind.ANSWER, lang, headline, (phrase("exact_note", lang),)
        )

    def judge(
        self,
        question: str,
        finding: Finding,
        lang: Lang,
        period: int | None,
        lead: float | None = None,
    ) -> Reply:
        """ "is that a lot?": the answer's figure among the survey's other figures of
        its kind and period, and against its own earlier period; from the data only,
        the bot has no opinion of its own. Of its kind: the same unit, and a group's
        figure among the groups of its own breakdown, everyone's among everyone's (34%
        of seniors is not ranked among the shares of all adults), and an amount among
        its own finding's amounts only."""
        survey = self.kb.survey_for(finding.id)
        own, year = self._of_period(finding, period)
        if not own:
            key = "judge_none" if finding.figures else "no_figure"
            return self._about(finding, question, ReplyKind.ANSWER, lang, phrase(key, lang), ())
        # The figure the last answer led with, else the finding's first of the period.
        figure = next((f for f in own if f.value == lead), own[0])
        # Each value once: a breakdown's part often has a finding of its own too, in
        # other words (two measures of one value count once; the rank is the same).
        distinct = {
            f.value: f
            for other in self.kb.findings.values()
            if self.kb.survey_of[other.id] == survey.id
            for f in other.figures
            if f.unit == figure.unit
            and figure_period(f, survey) == year
            and _same_kind(f, figure, other is finding)
            # Shares of a survey compare; its amounts measure different things (a
            # year's electricity against a unit's price): those of the finding only.
            and (figure.unit == "percent" or other is finding)
        }
        distinct.pop(figure.value, None)
        peers = list(distinct.values())
        values = {"figure": format_figure(figure, lang), "measures": described(figure, lang)}
        if not peers:
            headline = phrase("judge_alone", lang, **values)
        elif len(peers) < MIN_PEERS:
            headline = phrase("judge_few", lang, year=year, **values)
        else:
            higher = sum(1 for f in peers if f.value > figure.value)
            lower = sum(1 for f in peers if f.value < figure.value)
            third = len(peers) / 3
            key = (
                "judge_highest"
                if higher == 0
                else "judge_lowest"
                if lower == 0
                else "judge_upper"
                if higher < third
                else "judge_lower"
                if lower < third
                else "judge_middle"
            )
            everything = [*peers, figure]
            low = min(everything, key=lambda f: f.value)
            high = max(everything, key=lambda f: f.value)
            headline = phrase(
                key,
                lang,
                # Values, as ranked: a figure an overview and its own finding both
                # give is one, and the reply says "different values", not "figures".
                count=len(everything),
                year=year,
                low=format_figure(low, lang),
                high=format_figure(high, lang),
                **values,
            )
        # The same measure in the survey's other periods, nearest first.
        others = sorted(
            (
                f
                for f in finding.figures
                if figure_period(f, survey) != year
                and f.measures == figure.measures
                and f.group == figure.group  # 18- to 29-year-olds then, not the oldest
            ),
            key=lambda f: abs(figure_period(f, survey) - year),
        )
        details = tuple(
            phrase(
                "judge_other_period",
                lang,
                year=figure_period(f, survey),
                other=format_figure(f, lang),
            )
            for f in others[:1]
        )
        return self._about(finding, question, ReplyKind.ANSWER, lang, headline, details)

    def survey_fact(self, question: str, survey: Survey, aspect: SurveyAspect, lang: Lang) -> Reply:
        """One fact about a survey, from its metadata, then the whole survey card."""
        population = survey.population.get(lang)
        if aspect is SurveyAspect.SAMPLE:
            if survey.sample_size is not None:
                size = sample_text(survey.sample_size, lang)
                headline = phrase("survey_sample", lang, sample=size, population=population)
                headline = headline[:1].upper() + headline[1:]  # "About 2,000 were asked"
            else:
                headline = phrase("survey_sample_unknown", lang, population=population)
        elif aspect is SurveyAspect.METHOD:
            if survey.method is not None:
                headline = phrase("survey_method", lang, method=survey.method.get(lang))
            else:
                headline = phrase("survey_method_unknown", lang)
        elif aspect is SurveyAspect.PUBLISHER:
            headline = phrase("survey_publisher", lang, publisher=survey.publisher_in(lang))
        elif aspect is SurveyAspect.TITLE:
            headline = phrase("survey_title", lang, title=survey.title.get(lang))
        elif aspect is SurveyAspect.WHEN:
            headline = (
                phrase("survey_fieldwork", lang, when=survey.fieldwork.get(lang))
                if survey.fieldwork is not None
                else phrase("survey_fieldwork_unknown", lang, year=survey.year)
            )
        else:
            headline = phrase("survey_population", lang, population=population)
        details = (self.card(survey, lang),)
        return Reply(question, ReplyKind.SURVEY, lang, headline, details, survey=survey.id)

    def missing_period(self, question: str, finding: Finding, lang: Lang, period: int) -> Reply:
        survey = self.kb.survey_for(finding.id)
        periods = self.periods_of(finding)
        available = join_words([str(p) for p in periods], lang)
        key = "missing_period" if len(finding.figures) > 1 else "missing_period_one"
        headline = phrase(key, lang, period=period, available=available)
        lines = [
            f"{figure_period(f, survey)}: {format_figure(f, lang)} – {described(f, lang)}"
            for f in sorted(finding.figures, key=lambda f: -figure_period(f, survey))
        ]
        details = ("\n".join(lines),) if lines else (finding.answer.get(lang),)
        return self._about(finding, question, ReplyKind.MISSING_PERIOD, lang, headline, details)

    def missing_group(
        self, question: str, finding: Finding, lang: Lang, period: int, group: Subgroup
    ) -> Reply:
        """A subgroup named for a period the source has no figure of that group for."""
        survey = self.kb.survey_for(finding.id)
        name = group.name.get(lang)
        theirs = [f for f in finding.figures if f.group == group]
        periods = join_words(
            [str(p) for p in sorted({figure_period(f, survey) for f in theirs})], lang
        )
        years = {figure_period(f, survey) for f in theirs}
        key = "missing_group_period_many" if len(years) > 1 else "missing_group_period"
        headline = phrase(key, lang, group=name, period=period, available=periods)
        lines = [
            f"{figure_period(f, survey)}: {format_figure(f, lang)} – {described(f, lang)}"
            for f in theirs
        ]
        lines += [change_sentence(c, lang) for c in finding.changes if c.group == group]
        reply = self._about(
            finding, question, ReplyKind.MISSING_PERIOD, lang, headline, ("\n".join(lines),)
        )
        # The conversation stays with the group: "and how much did it rise?" is theirs.
        return replace(reply, lead=float(theirs[0].value)) if theirs else reply

    def _about(
        self,
        finding: Finding,
        question: str,
        kind: ReplyKind,
        lang: Lang,
        headline: str,
        details: tuple[str, ...],
    ) -> Reply:
        """A reply about one finding, with its survey as the source line."""
        survey = self.kb.survey_for(finding.id)
        source = source_line(survey, lang)
        chart = kind in (ReplyKind.ANSWER, ReplyKind.MISSING_PERIOD) and offers_chart(finding)
        return Reply(
            question, kind, lang, headline, details, source=source, finding=finding.id, chart=chart
        )

    def periods_of(self, finding: Finding) -> list[int]:
        survey = self.kb.survey_for(finding.id)
        periods = {figure_period(f, survey) for f in finding.figures} or {survey.year}
        return sorted(periods, reverse=True)

    def source(self, question: str, finding: Finding, lang: Lang) -> Reply:
        """ "source?" after an answer: the card of its survey, once."""
        survey = self.kb.survey_for(finding.id)
        card = self.source_card(survey, lang)
        return replace(card, question=question, finding=finding.id)

    def source_card(self, survey: Survey, lang: Lang) -> Reply:
        title, *lines = self.card(survey, lang).split("\n")
        return Reply("", ReplyKind.SOURCE, lang, title, ("\n".join(lines),), survey=survey.id)

    def card(self, survey: Survey, lang: Lang) -> str:
        """Who ran the survey, when, whom it asked, and where it was reported: each
        only as the knowledge base gives it (no publisher it does not name)."""
        lines = [
            survey.title.get(lang),
            phrase("card_by", lang, publisher=survey.publisher_in(lang)),
            phrase("survey_when", lang, when=survey.fieldwork.get(lang))
            if survey.fieldwork is not None
            else phrase("survey_when_unknown", lang, year=survey.year),
            phrase("survey_asked", lang, population=survey.population.get(lang)),
        ]
        if survey.sample_size is not None:
            size = sample_text(survey.sample_size, lang)
            lines.append(phrase("card_sample", lang, sample=size))
        if survey.method is not None:
            lines.append(phrase("card_method", lang, method=survey.method.get(lang)))
        lines.append(self.reported_in(survey, lang))
        if survey.source.url:
            lines.append(survey.source.url)
        return "\n".join(lines)

    def reported_in(self, survey: Survey, lang: Lang) -> str:
        source = survey.source
        title, translated = source.title_in(lang)
        quoted = f"„{title}“" if lang == "de" else f'"{title}"'
        notes = [n for n in (source.publisher_in(lang), source.published) if n]
        if translated:
            notes.append(phrase("card_translated", lang))
        elif source.language is not None and source.language != lang:
            notes.append(phrase(f"card_in_{source.language}", lang))
        said = f"{quoted} ({', '.join(notes)})" if notes else quoted
        return phrase("survey_article", lang, title=said)

    def more(
        self, question: str, finding: Finding, lang: Lang, shown: Sequence[str], limit: int
    ) -> Reply:
        """ "more": findings related to `finding` that the conversation has not shown
        yet, its own topic's after the ones it names; when none are left, says so and
        offers other topics' findings."""
        seen = {finding.id, *shown}
        topic = [f.id for f in self.kb.findings.values() if f.topic == finding.topic]
        fresh = [
            self.kb.findings[f]
            for f in dict.fromkeys([*finding.related, *topic])
            if f not in seen and f in self.kb.findings
        ][:limit]
        if not fresh:
            others = [
                f
                for f in self.kb.findings.values()
                if f.topic != finding.topic and f.id not in seen
            ][:limit]
            key = "no_related" if others else "nothing_left"
            return Reply(
                question,
                ReplyKind.MORE,
                lang,
                phrase(key, lang),
                suggestions=tuple(self.question_of(f, lang) for f in others),
                finding=finding.id,
            )
        return Reply(
            question,
            ReplyKind.MORE,
            lang,
            phrase("related_intro", lang),
            tuple(f"• {f.answer.get(lang)}" for f in fresh),
            finding=finding.id,
            shows=tuple(f.id for f in fresh),
        )


def _same_kind(figure: Figure, judged: Figure, same_finding: bool) -> bool:
    """Is `figure` one to rank `judged` among: everyone's among everyone's, a group's
    among the groups of the same breakdown of the same finding."""
    if judged.group is None or figure.group is None:
        return judged.group is None and figure.group is None
    return same_finding and figure.group.by == judged.group.by


def sample_text(size: int | RoughSize, lang: Lang) -> str:
    """How many were asked, as exactly as the source says it ("rund 2.000")."""
    if isinstance(size, int):
        return format_number(size, lang)
    return phrase(f"sample_{size.qualifier}", lang, size=format_number(size.value, lang))
