"""How figures and numbers are written in each language, from its pack's `units`."""

from __future__ import annotations

from bot.knowledge.schema import Figure, Lang, Quantity, Survey
from bot.languages import pack


def format_number(value: float, lang: Lang) -> str:
    units = pack(lang).units
    text = f"{value:,.10g}" if float(value) != int(value) else f"{int(value):,}"
    return text.replace(",", "\0").replace(".", units.decimal).replace("\0", units.thousands)


def format_figure(figure: Quantity, lang: Lang, signed: bool = False) -> str:
    """The figure with its unit as `lang` writes it: "55.7%" / "55,7 %", "11 points" /
    "11 Prozentpunkte", "$7.25" / "7,25 $", "1,103 companies" / "1.103 Unternehmen".
    `signed`: a change, written with its sign ("+11 points")."""
    units = pack(lang).units
    value = abs(figure.value) if signed else figure.value
    number = format_number(value, lang)
    if figure.unit == "percent":
        text = units.percent.format(number=number)
    elif figure.unit == "points":
        text = (units.point if value == 1 else units.points).format(number=number)
    elif figure.unit == "currency":
        code = figure.currency or ""
        symbol = units.currency_symbols.get(code, code)
        text = units.currency.format(number=number, symbol=symbol)
    elif figure.unit == "count" and figure.counts is not None:
        text = units.count.format(number=number, counts=figure.counts.get(lang))
    else:
        text = number
    if signed and figure.value:
        return ("+" if figure.value > 0 else "−") + text
    return text


def figure_period(figure: Figure, survey: Survey) -> int:
    return figure.period if figure.period is not None else survey.year
