"""How figures and numbers are written in each language."""

from __future__ import annotations

from bot.knowledge.schema import Figure, Lang, Survey


def format_number(value: float, lang: Lang) -> str:
    text = f"{value:,.10g}" if float(value) != int(value) else f"{int(value):,}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_figure(figure: Figure, lang: Lang) -> str:
    number = format_number(figure.value, lang)
    if figure.unit == "percent":
        return f"{number} %" if lang == "de" else f"{number}%"
    return number


def figure_period(figure: Figure, survey: Survey) -> int:
    return figure.period if figure.period is not None else survey.year
