"""How figures and numbers are written in each language, from its pack's `units`."""

from __future__ import annotations

from bot.knowledge.schema import Figure, Lang, Quantity, Survey
from bot.languages import pack


def format_number(value: float, lang: Lang, decimals: int | None = None) -> str:
    """`value` as `lang` writes it, every digit the source gave (`repr` keeps them);
    `decimals`: exactly that many (money: "7.50")."""
    units = pack(lang).units
    if decimals is not None:
        text = f"{value:,.{decimals}f}"
    elif float(value) == int(value):
        text = f"{int(value):,}"
    else:
        whole, _, fraction = repr(float(value)).partition(".")
        text = f"{int(whole):,}.{fraction}" if "e" not in repr(float(value)) else f"{value:,}"
    return text.replace(",", "\0").replace(".", units.decimal).replace("\0", units.thousands)


def format_figure(figure: Quantity, lang: Lang, signed: bool = False) -> str:
    """The figure with its unit as `lang` writes it: "55.7%" / "55,7 %", "11 points" /
    "11 Prozentpunkte", "$7.25" / "7,25 $", "1,103 companies" / "1.103 Unternehmen".
    `signed`: a change, written with its sign ("+11 points")."""
    units = pack(lang).units
    value = abs(figure.value)  # the sign goes before the unit: "−$4", "+11 points"
    money = figure.unit == "currency" and float(value) != int(value)
    number = format_number(value, lang, decimals=2 if money else None)
    if figure.unit in ("count", "number"):
        number = _with_scale(float(value), lang) or number
    if figure.unit == "percent":
        text = units.percent.format(number=number)
    elif figure.unit == "points":
        text = (units.point if value == 1 else units.points).format(number=number)
    elif figure.unit == "currency":
        code = figure.currency or ""
        symbol = units.currency_symbols.get(code, code)
        # A code of letters ("CHF", "SEK") stands apart from the number: "CHF 12".
        template = (
            "{symbol} {number}"
            if symbol.isalpha() and units.currency.startswith("{symbol}")
            else units.currency
        )
        text = template.format(number=number, symbol=symbol)
    elif figure.unit == "count" and figure.counts is not None:
        text = units.count.format(number=number, counts=figure.counts.get(lang))
    else:
        text = number
    if figure.value < 0 or (signed and figure.value):
        return ("+" if figure.value > 0 else "−") + text
    return text


def _with_scale(value: float, lang: Lang) -> str | None:
    """ "10.1 million" for 10,100,000: a count of whole millions or tenths of them as
    sources write it, not every zero."""
    units = pack(lang).units
    for scale, template in sorted(units.large.items(), reverse=True):
        tenths = value * 10 / scale
        if value >= scale and tenths == int(tenths):
            if value == scale:
                template = units.large_one.get(scale, template)
            return template.format(number=format_number(tenths / 10, lang))
    return None


def figure_period(figure: Figure, survey: Survey) -> int:
    return figure.period if figure.period is not None else survey.year
