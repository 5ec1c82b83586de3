"""What a chart of a finding shows: bars with labels and figures, a title and a
caption. Plain data, so the engine decides what is charted and an adapter only draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine.phrases import phrase
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.schema import Figure, Finding, Lang
from bot.languages.formats import figure_period, format_figure

# One bar is a figure, not a chart; a chart with more bars than this is no longer read.
MIN_BARS, MAX_BARS = 2, 12


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the figure as the reply writes it: "35%", "35 %"


@dataclass(frozen=True)
class Chart:
    finding: str
    lang: Lang
    title: str
    bars: tuple[Bar, ...]
    caption: str  # the survey, its year and who was asked
    # A year-on-year change reads left to right; a breakdown, largest first, top down.
    over_time: bool
    percent: bool


def offers_chart(finding: Finding) -> bool:
    """Would a person rather look than read? Several figures of one unit."""
    units = {f.unit for f in finding.figures}
    return len(units) == 1 and MIN_BARS <= len(finding.figures) <= MAX_BARS


def chart_of(kb: KnowledgeBase, finding: Finding, lang: Lang) -> Chart | None:
    """The finding's figures as a bar chart, or None when it has nothing to chart."""
    if not offers_chart(finding):
        return None
    survey = kb.survey_for(finding.id)
    figures = finding.figures
    periods = {figure_period(f, survey) for f in figures}
    measures = {f.measures.get(lang) for f in figures}
    over_time = len(measures) == 1 and len(periods) == len(figures)

    def label(figure: Figure) -> str:
        year = str(figure_period(figure, survey))
        if over_time:
            return year
        # A breakdown by subgroup measures one thing in each: the bar is the group's.
        text = figure.group.name.get(lang) if figure.group else figure.measures.get(lang)
        return text if len(periods) == 1 else f"{text} ({year})"

    if over_time:
        ordered = sorted(figures, key=lambda f: figure_period(f, survey))
    else:
        ordered = sorted(figures, key=lambda f: -f.value)
    bars = tuple(Bar(label(f), float(f.value), format_figure(f, lang)) for f in ordered)
    # A question in the chart's language, else the topic's title (never the other
    # language's question).
    own = finding.questions.get(lang)
    topic = kb.topics.get(finding.topic)
    fallback = topic.get(lang) if topic is not None else finding.answer.get(lang)
    title = measures.pop() if over_time else (own[0] if own else fallback)
    title = title[:1].upper() + title[1:]  # a measure starts lower case mid-sentence
    survey_title = survey.title.get(lang)
    caption = phrase(
        # "… Poll, March 2019 (2019)" would say the year twice.
        "chart_caption_titled" if str(survey.year) in survey_title else "chart_caption",
        lang,
        title=survey_title,
        year=survey.year,
        population=survey.population.get(lang),
    )
    percent = figures[0].unit == "percent"
    return Chart(finding.id, lang, title, bars, caption, over_time, percent)
