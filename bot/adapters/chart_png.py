"""Draws a chart of the engine as a PNG, for Telegram's sendPhoto and the command line.

matplotlib is imported here, on the first chart, and only its object API with the
Agg canvas is used: no pyplot, no global figure state, no display, so charts can be
drawn in a worker thread while the bot goes on answering.
"""

from __future__ import annotations

import io
import textwrap

from bot.engine.charts import Chart

WIDTH_INCHES = 8.0
DPI = 120
LABEL_WIDTH = 28  # characters per line of a breakdown's label
BAR_COLOUR = "#2f6f9f"
LATEST_COLOUR = "#e07b39"  # the latest period of a change stands out
TEXT_COLOUR = "#222222"


def chart_png(chart: Chart) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = len(chart.bars)
    height = 4.2 if chart.over_time else 1.4 + 0.55 * rows
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    values = [bar.value for bar in chart.bars]
    top = max(values) if values else 1.0
    limit = top * 1.18 if top > 0 else 1.0
    if chart.over_time:
        labels = [bar.label for bar in chart.bars]
        colours = [BAR_COLOUR] * (rows - 1) + [LATEST_COLOUR]
        drawn = axes.bar(labels, values, color=colours, width=0.55)
        axes.set_ylim(0, limit)
        axes.bar_label(drawn, labels=[b.text for b in chart.bars], padding=3, fontsize=12)
        axes.set_xticks(range(rows), labels, fontsize=12, parse_math=False)
        axes.set_yticks([])
    else:
        labels = [textwrap.fill(bar.label, LABEL_WIDTH) for bar in chart.bars]
        positions = list(range(rows))
        drawn = axes.barh(positions, values, color=BAR_COLOUR, height=0.6)
        axes.set_yticks(positions, labels, fontsize=10, parse_math=False)
        axes.invert_yaxis()  # the largest on top
        axes.set_xlim(0, limit)
        axes.bar_label(drawn, labels=[b.text for b in chart.bars], padding=4, fontsize=11)
        axes.set_xticks([])
    for side in ("top", "right", "left" if chart.over_time else "bottom"):
        axes.spines[side].set_visible(False)
    # Texts from the knowledge base are text, not TeX: "$5 to $10" keeps its dollars.
    axes.set_title(
        textwrap.fill(chart.title, 60), fontsize=13, color=TEXT_COLOUR, loc="left", parse_math=False
    )
    caption = textwrap.fill(chart.caption, 130)
    figure.text(0.01, 0.01, caption, fontsize=8, color="#555555", parse_math=False)
    figure.tight_layout(rect=(0, 0.06, 1, 1))
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
