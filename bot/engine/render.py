"""Writes replies: the figure first, then the context and the source line."""

from __future__ import annotations

from bot.engine.charts import offers_chart
from bot.engine.facts import FigureChoice, Verdict
from bot.engine.formats import figure_period, format_figure, format_number
from bot.engine.phrases import phrase
from bot.engine.query import SurveyAspect
from bot.engine.types import Reply, ReplyKind, Suggestion
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Finding, Lang, Survey


def join_words(items: list[str], lang: Lang) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {phrase('and', lang)} {items[-1]}"


def source_line(survey: Survey, lang: Lang) -> str:
    return phrase(
        "source_line",
        lang,
        title=survey.title.get(lang),
        publisher=survey.publisher,
        year=survey.year,
        population=survey.population.get(lang),
    )


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
    ) -> Reply:
        """The finding's answer; led by the figure the question singled out of a
        breakdown, and by a verdict on a figure the question stated."""
        survey = self.kb.survey_for(finding.id)
        headline = finding.answer.get(lang)
        details = (finding.context.get(lang),) if finding.context else ()
        if period is not None and period != survey.year:
            for figure in finding.figures:
                if figure_period(figure, survey) == period and figure.answer is not None:
                    headline = figure.answer.get(lang)
        elif choice is not None and choice.singled_out:
            figure = choice.figure
            lead = phrase(
                "figure_lead",
                lang,
                figure=format_figure(figure, lang),
                measures=figure.measures.get(lang),
            )
            headline, details = lead, (headline, *details)
        if judged is not None:
            headline = f"{phrase('stated_' + judged.value, lang)} {headline}"
        return self._about(finding, question, ReplyKind.ANSWER, lang, headline, details)

    def reasons(self, question: str, finding: Finding, lang: Lang) -> Reply:
        """ "why?" after an answer: what its context says, or that the source gives no
        reasons; the figure is not repeated."""
        if finding.context is None:
            return self._about(
                finding, question, ReplyKind.ANSWER, lang, phrase("no_reason", lang), ()
            )
        return self._about(finding, question, ReplyKind.ANSWER, lang, finding.context.get(lang), ())

    def survey_fact(self, question: str, survey: Survey, aspect: SurveyAspect, lang: Lang) -> Reply:
        """One fact about a survey, from its metadata, then the whole survey card."""
        population = survey.population.get(lang)
        if aspect is SurveyAspect.SAMPLE:
            if survey.sample_size is not None:
                size = format_number(survey.sample_size, lang)
                headline = phrase("survey_sample", lang, sample=size, population=population)
            else:
                headline = phrase("survey_sample_unknown", lang, population=population)
        elif aspect is SurveyAspect.METHOD:
            if survey.method is not None:
                headline = phrase("survey_method", lang, method=survey.method.get(lang))
            else:
                headline = phrase("survey_method_unknown", lang)
        elif aspect is SurveyAspect.PUBLISHER:
            headline = phrase("survey_publisher", lang, publisher=survey.publisher)
        elif aspect is SurveyAspect.TITLE:
            headline = phrase("survey_title", lang, title=survey.title.get(lang))
        elif aspect is SurveyAspect.WHEN:
            headline = phrase("survey_fieldwork", lang, when=survey.fieldwork.get(lang))
        else:
            headline = phrase("survey_population", lang, population=population)
        title = survey.title.get(lang)
        details = (
            f"{title} ({survey.publisher}, {survey.year})",
            *self.survey_details(survey, lang),
        )
        return Reply(question, ReplyKind.SURVEY, lang, headline, details, survey=survey.id)

    def missing_period(self, question: str, finding: Finding, lang: Lang, period: int) -> Reply:
        survey = self.kb.survey_for(finding.id)
        periods = self.periods_of(finding)
        available = join_words([str(p) for p in periods], lang)
        headline = phrase("missing_period", lang, period=period, available=available)
        lines = [
            f"{figure_period(f, survey)}: {format_figure(f, lang)} – {f.measures.get(lang)}"
            for f in sorted(finding.figures, key=lambda f: -figure_period(f, survey))
        ]
        details = ("\n".join(lines),) if lines else (finding.answer.get(lang),)
        return self._about(finding, question, ReplyKind.MISSING_PERIOD, lang, headline, details)

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
        survey = self.kb.survey_for(finding.id)
        return Reply(
            question,
            ReplyKind.SOURCE,
            lang,
            source_line(survey, lang),
            self.survey_details(survey, lang),
            finding=finding.id,
        )

    def survey_details(self, survey: Survey, lang: Lang) -> tuple[str, ...]:
        source = survey.source
        title = source.title.get(lang)
        published = (
            f"{source.publisher}, {source.published}" if source.published else source.publisher
        )
        quoted = f"„{title}“" if lang == "de" else f'"{title}"'
        lines = [
            phrase("survey_when", lang, when=survey.fieldwork.get(lang)),
            phrase("survey_asked", lang, population=survey.population.get(lang)),
            phrase("survey_article", lang, title=quoted, publisher=published),
        ]
        if source.url:
            lines.append(source.url)
        return ("\n".join(lines),)

    def more(self, question: str, finding: Finding, lang: Lang) -> Reply:
        related = [self.kb.findings[r] for r in finding.related]
        if not related:
            others = [f for f in self.kb.findings.values() if f.topic != finding.topic][:3]
            return Reply(
                question,
                ReplyKind.MORE,
                lang,
                phrase("no_related", lang),
                suggestions=tuple(self.question_of(f, lang) for f in others),
                finding=finding.id,
            )
        return Reply(
            question,
            ReplyKind.MORE,
            lang,
            phrase("related_intro", lang),
            tuple(f"• {f.answer.get(lang)}" for f in related),
            finding=finding.id,
            suggestions=tuple(self.question_of(f, lang) for f in related),
        )
