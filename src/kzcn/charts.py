"""Pure chart builders: frame in, Plotly figure out, with title, units, hover values and the source on it.

No Streamlit here, so every figure can be tested from its JSON and exported as it is. Colours are the
Okabe–Ito colour-blind-safe set, picked to stay readable on light and dark backgrounds.
"""

from __future__ import annotations

import calendar
import functools
import json
import math
import numbers
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_skeleton, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol
from plotly.subplots import make_subplots

from kzcn import fmt, i18n
from kzcn.i18n import N_, _, ngettext, pgettext
from kzcn.schemas import BILATERAL
from kzcn.sectors import OTHER_CHAPTERS, OTHER_HEADINGS, OUTSIDE
from kzcn.views import REMAINDER

REPORTER_COLOURS = {"China": "#D55E00", "Kazakhstan": "#0072B2"}  # whose figure: a line of one side's totals
# which goods: the same flow has one colour whichever side counts it (China's exports = Kazakhstan's imports);
# where both sides' counts of one flow are drawn, the colour is the goods' and the reporter is the line style
DIRECTION_COLOURS = {N_("China → Kazakhstan"): "#CC79A7", N_("Kazakhstan → China"): "#009E73"}
REPORTER_DASH = {"China": "solid", "Kazakhstan": "dash"}
REPORTER_OPACITY = {"China": 1.0, "Kazakhstan": 0.55}  # bars: China's count solid, Kazakhstan's lighter
BALANCE_COLOUR = "#8C8C8C"
# whose figure, in words: one whole message per side (Russian and Chinese say "as China reports" in their own order)
AS_REPORTS = {"China": N_("As China reports"), "Kazakhstan": N_("As Kazakhstan reports")}
AS_OF = {"China": N_("as China reports"), "Kazakhstan": N_("as Kazakhstan reports")}
# the legend's name of a direction of goods
GOODS = {"China → Kazakhstan": N_("Goods China → Kazakhstan"), "Kazakhstan → China": N_("Goods Kazakhstan → China")}


def _reporter_key(fig: go.Figure, kind: str) -> None:
    """Two grey legend entries that say which style is whose count (the panels' titles say which goods), in
    place of one entry per panel and side."""
    for side in ("China", "Kazakhstan"):
        style = ({"mode": "lines+markers", "line": {"color": BALANCE_COLOUR, "dash": REPORTER_DASH[side]},
                  "marker": {"symbol": "circle" if side == "China" else "square"}} if kind == "lines"
                 else {"marker": {"color": f"rgba(140,140,140,{REPORTER_OPACITY[side]})"}})
        trace = go.Scatter if kind == "lines" else go.Bar
        fig.add_trace(trace(x=[None], y=[None], name=_(AS_REPORTS[side]), hoverinfo="skip", **style))


def goods_direction(reporter: str, flow: str) -> str:
    """The direction of goods a reporter's flow counts: China's exports are goods China → Kazakhstan."""
    partner = BILATERAL[reporter]
    return f"{reporter} → {partner}" if flow == "exports" else f"{partner} → {reporter}"


# kzcn's sectors and event categories: English in the data, the code and the URL; translated where shown
SECTOR_COLOURS = {
    # TRANSLATORS: a sector of goods (kzcn's grouping of HS chapters)
    N_("Energy"): "#E69F00", N_("Ores and metals"): "#56B4E9", N_("Chemicals and plastics"): "#009E73",
    N_("Agriculture and food"): "#F0E442", N_("Machinery and electronics"): "#0072B2", N_("Vehicles"): "#D55E00",
    N_("Textiles and consumer goods"): "#CC79A7",
    # TRANSLATORS: a sector of goods: the goods in no other sector
    N_("Other"): "#8C8C8C",
    N_("All other goods (remainder)"): "#BDBDBD",
}
CATEGORY_COLOURS = {
    # TRANSLATORS: a category of events in the timeline
    N_("head-of-state visit"): "#D55E00", N_("government visit"): "#E69F00", N_("summit"): "#0072B2",
    N_("agreement"): "#009E73", N_("infrastructure"): "#56B4E9", N_("culture & people"): "#CC79A7",
    N_("multilateral"): "#8C8C8C",
}
UNITS_USD = N_("US dollars, current prices (not adjusted for inflation)")
# kzcn's own names of groups of goods (the rest are chapter and heading names, which arrive in the reader's language)
KZCN_GROUPS = frozenset([*SECTOR_COLOURS, OUTSIDE, OTHER_HEADINGS, OTHER_CHAPTERS])


def group_name(group: str) -> str:
    """A group of goods as the reader reads it: kzcn's sectors and remainders translated, chapter and heading
    names (already in the reader's language) as they are."""
    return _(group) if group in KZCN_GROUPS else group


def as_of(reporter: str) -> str:
    """'as China reports', in the reader's language."""
    return _(AS_OF[reporter])


# Plotly does not wrap text: titles and source lines are wrapped to fit a phone's width (about 360 px of chart)
TITLE_WIDTH = 46
SOURCE_WIDTH = 56


def _finish(fig: go.Figure | dict, title: str, source: str, *, y_title: str | None = None, height: int = 440,
            panels: bool = False, left: int | None = None, below: int = 0, right: int = 10,
            columns: int = 1) -> go.Figure:
    """Title, legend above the plot, and the source under it (so a downloaded PNG still says where the
    numbers come from). `panels`: leave room for subplot titles between the legend and the plot. `left`: the
    left margin a chart plans itself (a category axis's labels), where it is not the dollar axis's. `below`: more
    room between the plot and the source line, for x labels a phone turns upright (a heatmap's years). `right`:
    the right margin, for a colour bar. `columns`: how many charts the page sets side by side, for the legend's
    rows.

    `fig` may be a plain {"data": [trace dicts], "layout": {...}} that the builder hands over (its dicts are used
    as they are): the figure is then made once, not twice, which on a chart of many traces saves more than the
    rest of the build (goods_bars: 13 → 5 ms).

    Returns a new figure made in one step from the traces and the finished layout: several times cheaper than
    update_layout on a figure that already has traces, which re-validates and re-dispatches every change. The
    layout is not validated again (`_validate=False`, 15 ms → 1 ms a figure): it is the validated layout of
    `fig` plus the fixed keys below, and tests/test_charts_valid.py validates every figure the pages draw.
    """
    layout = fig["layout"] if isinstance(fig, dict) else fig.layout.to_plotly_json()
    dollar_axes = [k for k in layout if re.fullmatch(r"yaxis\d*", k) and layout[k].get("tickprefix") == "$"]
    stacked = layout.get("barmode") in ("relative", "stack")
    traces = fig["data"] if isinstance(fig, dict) else fig.data
    translated = dollar_axes and y_title and i18n.current() != i18n.DEFAULT  # English keeps Plotly's own ticks
    aliases = usd_tick_aliases(*_usd_range(traces, stacked)) if translated else {}
    wider_ticks = max(0, round(max(map(_tick_px, aliases.values())) - _tick_px(WIDEST_USD_TICK))) if aliases else 0
    margin_left = left if left is not None else USD_AXIS_LEFT + wider_ticks if y_title else 10
    lines = _source_lines(source, SOURCE_WIDTH)
    heading = _balanced(title, TITLE_WIDTH)
    # The legend hangs under the title (container coordinates). Where a phone wraps it to more rows than the
    # one planned here, Plotly pushes the plot down (margin auto-expansion), so it never covers the title.
    # Chinese glyphs stand taller than Plotly's line box: a title of several lines needs room above its first line,
    # or that line is cut at the top (seen in Chromium at 1400 px)
    cjk_pad = 6 * len(heading) if len(heading) > 1 and _text_cells(title) != len(title) else 0
    title_px = 16 + 22 * len(heading) + cjk_pad
    # (+2: a legend's box comes out up to 1.4 px taller than its rows, and any excess is a second pass)
    plot_px = (CONTENT_PX - COLUMN_GAP_PX * (columns - 1)) / columns - margin_left - right
    legend_px = 26 + _legend_row_px(fig) * (_legend_rows(_legend_names(fig), plot_px) - 1) if _has_legend(fig) else 0
    top = title_px + legend_px + 16 + (24 if panels else 0)
    total = height + below + 16 * len(lines) + top - 80
    _merge(layout, {
        "title": {"text": "<br>".join(heading), "x": 0, "xanchor": "left", "y": 1, "yanchor": "top",
                  "yref": "container", "pad": {"t": 10 + cjk_pad}},
        "height": total,
        "margin": {"l": margin_left, "r": right, "t": top, "b": 50 + below + 16 * len(lines)},
        "legend": {"orientation": "h", "yref": "container", "yanchor": "top", "y": 1 - title_px / total, "x": 0,
                   "title": None},
        "hoverlabel": {"namelength": -1},
        "separators": separators(),
    })
    if y_title:  # panels: the first panel's axis, shared by the others; else every y axis, as update_yaxes does
        for axis in ["yaxis"] if panels else sorted({"yaxis", *(k for k in layout if re.fullmatch(r"yaxis\d*", k))}):
            _merge(layout, {axis: {"title": {"text": y_title}}})
    for axis in dollar_axes if aliases else ():
        layout[axis]["labelalias"] = aliases
    if lines:
        layout["annotations"] = [*layout.get("annotations", []), {
            # from the chart's left edge, not the plot's: a wide axis (Russian ticks, country names) would push a
            # line wrapped for a phone off its right side
            "text": "<br>".join(lines), "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -38 - below,
            "xshift": 10 - margin_left,
            "xanchor": "left", "yanchor": "top", "showarrow": False, "font": {"size": 11}, "align": "left"}]
    return go.Figure(data=fig["data"] if isinstance(fig, dict) else fig.data, layout=layout, _validate=False)


def separators() -> str:
    """Plotly's decimal and thousands separators in the reader's locale: '.,' in English and Chinese (30.1,
    12,345), ',' and a no-break space in Russian (30,1, 12 345). Ticks, hover values and texttemplates follow it."""
    if i18n.current() == i18n.DEFAULT:
        return ".,"
    loc = i18n.locale()
    return get_decimal_symbol(loc) + get_group_symbol(loc)


def _text_cells(text: str) -> int:
    """`text`'s width in character cells: a Chinese character takes two (about 12 px at 12 px), others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> int:
    """The textwrap width (in characters) that makes lines of `text` about `width` cells wide: `width` for
    Latin text, a sixth less for Cyrillic (its letters are wider in the app's font: a Russian source line ran
    off a 390 px phone), about half of it for Chinese."""
    sixths = 6 * _text_cells(text) + sum("\u0400" <= ch <= "\u04ff" for ch in text)
    return width if sixths == 6 * len(text) else max(4, width * 6 * len(text) // sixths)


def _source_lines(text: str, width: int) -> list[str]:
    """A source line wrapped so that no line is wider than `width` Latin characters' room, each line measured: a
    Cyrillic letter takes 1.2 of that room, a Chinese character or full-width mark 2.3 (in Chromium at the note's
    11 px). _fit's width for the whole text is the start, narrowed where one line holds more of the wide
    characters than the average (a Chinese source line naming English publishers ran off a phone)."""
    if not text:
        return []
    fit = _fit(text, width)
    while True:
        lines = textwrap.wrap(text, fit)
        if fit <= 4 or all(_source_room(line) <= width for line in lines):
            return lines
        fit -= 1


def _source_room(line: str) -> float:
    """The room a line of the source note takes, in Latin characters (_source_lines)."""
    wide = _text_cells(line) - len(line)
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in line)
    return len(line) - wide - cyrillic + 1.2 * cyrillic + 2.3 * wide


def _balanced(text: str, width: int) -> list[str]:
    """`text` in as few lines of at most `width` characters as textwrap gives, wrapped as narrow as that number
    of lines allows, so the lines are about equal (no lone last word). Chinese characters count twice."""
    width = _fit(text, width)
    lines = textwrap.wrap(text, width) or [""]
    for narrower in range(-(-len(text) // len(lines)), width):
        candidate = textwrap.wrap(text, narrower)
        if len(candidate) <= len(lines):
            return candidate
    return lines


# Margins planned as Plotly's automatic margins will make them (measured in Chromium): Plotly.react starts from the
# layout's margins on every redraw, and where its automatic margins come out different it draws the whole chart a
# second time (Plots.doAutoMargin: ~30 ms of a 320 ms redraw on the Overview, bench/redraw.py --trace). A margin
# planned too wide is kept (a little space); one planned too narrow still grows, at the cost of that second pass.
USD_AXIS_LEFT = 82  # a dollar axis and its rotated title: 72–81 px ($5B to $1.5B ticks), at 1400 and 390 px, en/ru/zh
WIDEST_USD_TICK = "$1.5B"  # the widest English tick USD_AXIS_LEFT makes room for; wider ticks widen the margin


def _tick_px(text: str) -> float:
    """A tick label's width at Plotly's 12 px, a little over what Chromium draws (measured on the Partners page's
    country labels in three languages): 6.7 px a digit, 5.8 a Latin letter, 6.7 a Cyrillic one, 12.3 a Chinese
    one, 3.4 a space or punctuation, 12 the ellipsis that ends a shortened label."""
    digits = sum(ch.isdigit() for ch in text) + 2 * text.count("…")  # the ellipsis: 12 px, near two digits' room
    narrow = sum(ch in " \u00a0\u202f.,'" for ch in text)
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    wide = _text_cells(text) - len(text)
    return 6.7 * digits + 3.4 * narrow + 6.7 * cyrillic + 12.3 * wide + 5.8 * (
        len(text) - digits - narrow - cyrillic - wide)


CATEGORY_TICK_GAP = 21  # a category axis's margin beyond its widest label (19 px measured, and 2 to spare)
COLOUR_BAR_RIGHT = 88  # a heatmap's colour bar, its 0–100% ticks and one-word title (86 px measured, en and ru)


def _titled_left(ticks: Iterable[str]) -> int:
    """The left margin of a y axis with a title and these tick labels (the widest decides), planned as
    _category_left plans a category axis's."""
    return round(max(map(_tick_px, ticks), default=0)) + TITLED_AXIS_GAP


def _category_left(labels: list[str], gap: int = CATEGORY_TICK_GAP) -> int | None:
    """The left margin a category axis of these labels needs, planned so that Plotly need not grow it and draw the
    chart twice (#15), and so that the source line under the chart can start at its left edge. `gap`: the axis's
    room beyond its widest label (a heatmap's is 26–27 px, measured)."""
    return round(max(map(_tick_px, labels))) + gap if labels else None
LEGEND_ROW_PX = {"bar": 29, "other": 19}  # each further row of a horizontal legend: bars' swatches stand taller
CONTENT_PX, COLUMN_GAP_PX = 940, 16  # a 1400 px desktop's main column, and the gap between st.columns in it
PLANNED_PLOT_PX = CONTENT_PX - USD_AXIS_LEFT - 10  # the plot area of a full-width chart with a dollar axis: 848 px
TITLED_AXIS_GAP = 54  # a y axis with a title: its margin beyond its widest tick (52–53 px measured, and 1 to spare)


def _legend_rows(names: list[str], width: float = PLANNED_PLOT_PX) -> int:
    """The rows a horizontal legend of these items takes in a plot `width` px wide, packed as Plotly packs them
    (src/components/legend/draw.js, computeLegendDimensions): one row if every item fits side by side; else each
    item takes the widest item's room and the rows fill left to right. An item is 40 px of symbol and its text,
    ~5.3 px a Latin character, 6.1 a Cyrillic one, 12.3 a Chinese one (measured at the app's 12 px), 5 px apart.
    A phone wraps into more rows than planned here; Plotly then pushes the plot down itself."""
    gap = 5
    texts = []
    for name in names:
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in name)
        wide = _text_cells(name) - len(name)  # one extra cell per Chinese character
        texts.append(5.3 * (len(name) - cyrillic - wide) + 6.1 * cyrillic + 12.3 * wide)
    if not texts or width > sum(40 + t + gap for t in texts) - gap:
        return 1
    item, rows, x = 40 + max(texts), 1, 0.0
    for _text in texts:
        if x and x + gap + item > width:
            rows, x = rows + 1, 0.0
        x += gap + item
    return rows


def _legend_row_px(fig: go.Figure | dict) -> int:
    types = {t.get("type") for t in fig["data"]} if isinstance(fig, dict) else {t.type for t in fig.data}
    return LEGEND_ROW_PX["bar"] if "bar" in types else LEGEND_ROW_PX["other"]


def _legend_names(fig: go.Figure | dict) -> list[str]:
    """The names the legend shows, in order: traces with a name and showlegend on (treemaps and heatmaps have none)."""
    traces = fig["data"] if isinstance(fig, dict) else [  # treemaps have no showlegend property
        {"name": t.name, "showlegend": getattr(t, "showlegend", None), "type": t.type} for t in fig.data]
    return [t["name"] for t in traces if t.get("name") and t.get("showlegend") is not False
            and t.get("type") not in ("treemap", "heatmap")]


def _has_legend(fig: go.Figure | dict) -> bool:
    """Whether the figure shows a legend: the layout does not hide it and some trace has an entry (_legend_names)."""
    shown = fig["layout"].get("showlegend") if isinstance(fig, dict) else fig.layout.showlegend
    return shown is not False and bool(_legend_names(fig))


def _merge(into: dict, new: dict) -> None:
    """Nested dict update, as update_layout does (a None value removes the property)."""
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif value is None:
            into.pop(key, None)
        else:
            into[key] = value


@functools.lru_cache(maxsize=16)
def _panel_layout(titles: tuple[str, ...]) -> str:
    """make_subplots' layout for one row of panels sharing the y axis, as JSON: built once (it costs ~13 ms)."""
    layout = make_subplots(rows=1, cols=len(titles), shared_yaxes=True, horizontal_spacing=0.04,
                           subplot_titles=list(titles)).layout.to_plotly_json()
    layout.pop("template", None)  # the figure takes the template in force when it is made
    return json.dumps(layout)


def _panels(titles: list[str]) -> go.Figure:
    """An empty figure with one panel per title, side by side, sharing the y axis (see _on)."""
    return go.Figure(layout=json.loads(_panel_layout(tuple(titles))))


def _on(col: int) -> dict[str, str]:
    """The axes of panel `col` (1-based) of a _panels figure, for a trace."""
    return {"xaxis": f"x{col}" if col > 1 else "x", "yaxis": f"y{col}" if col > 1 else "y"}


USD_AXIS = {"tickprefix": "$", "exponentformat": "B", "rangemode": "tozero"}
SI_SUFFIX = {0: "", 3: "k", 6: "M", 9: "B", 12: "T"}  # what Plotly writes after a dollar tick (exponentformat "B")


def plotly_usd_tick(value: float, dtick: float, top: float, decimal: str = ".") -> str:
    """The text Plotly draws for a tick at `value` on a dollar axis (USD_AXIS) whose ticks are `dtick` apart and
    whose range reaches `top` (its largest absolute end), as plotly.js writes it (src/plots/cartesian/axes.js,
    autoTickRound and numFormat): one power of a thousand for the whole axis, as many decimals as the step needs,
    trailing zeros dropped, the minus sign U+2212 after the prefix ("$−5B")."""
    rounding = 2 - math.floor(math.log10(dtick) + 0.01)
    order = math.floor(math.log10(top) + 0.01)
    exponent = 3 * math.floor((order - 1) / 3 + 0.5) if abs(order) > 3 else 0
    number = abs(value)
    if number < 10 ** -rounding / 2:
        return "$0"
    number, rounding = number * 10.0 ** -exponent, rounding + exponent
    if rounding == 0:
        text = str(math.floor(number + 0.5))
    elif rounding < 0:
        step = 10 ** -rounding
        text = str(math.floor(number / step + 0.5) * step)
    else:
        text = re.sub(r"\.?0+$", "", f"{number:.{min(20, rounding)}f}").replace(".", decimal)
    return f"$−{text}{SI_SUFFIX[exponent]}" if value < 0 else f"${text}{SI_SUFFIX[exponent]}"


def usd_tick_aliases(low: float, high: float) -> dict[str, str]:
    """Plotly's English dollar ticks ($30B, $500M) → the same amounts in the reader's words (30 млрд, 300亿; the
    axis title says they are US dollars, and a phone has no room for the currency on every tick),
    for every tick Plotly could draw on an axis whose data run from `low` to `high`: steps of 1, 2 or 5 × 10ⁿ
    between a twentieth of the span and the span (plotly.js autoTicks takes 3 to 10 steps), on a range padded by
    up to 15 %. Used as the axis's labelalias: Plotly has no locale's words for billions. Empty in English."""
    if i18n.current() == i18n.DEFAULT or not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return {}
    span, decimal = high - low, separators()[0]
    tops = {max(abs(low), abs(high)) * pad for pad in (1.0, 1.15)}
    steps = [m * 10.0 ** k for k in range(math.floor(math.log10(span / 20)), math.floor(math.log10(span)) + 2)
             for m in (1, 2, 5) if span / 20 <= m * 10.0 ** k <= span * 1.2]
    aliases = {}
    for step in steps:
        for n in range(math.floor(low * 1.15 / step), math.ceil(high * 1.15 / step) + 1):
            for top in tops:
                aliases[plotly_usd_tick(n * step, step, top, decimal)] = fmt.compact(n * step)
    return aliases


def _usd_range(traces: list, stacked: bool) -> tuple[float, float]:
    """The lowest and highest point the traces reach on their y axes; with `stacked` (barmode relative or stack),
    bars at the same x of the same axis are added up, positive and negative apart, as Plotly stacks them."""
    sums: dict[tuple, float] = {}
    low = high = 0.0
    for trace in traces:
        get = trace.get if isinstance(trace, dict) else (lambda key, t=trace: getattr(t, key, None))
        ys = get("y")
        if ys is None:
            continue
        xs = get("x")
        for x, y in zip(xs if xs is not None else range(len(ys)), ys, strict=False):
            if not isinstance(y, numbers.Real) or math.isnan(y):
                continue
            if stacked and get("type") == "bar":
                at = (get("yaxis") or "y", x, y >= 0)
                sums[at] = y = sums.get(at, 0.0) + y
            low, high = min(low, y), max(high, y)
    return low, high


def _usd_axis(fig: go.Figure) -> None:
    """Dollar ticks in B/M ($25B), which readers parse faster than 2.5e10 or SI's "G"."""
    fig.update_yaxes(**USD_AXIS)


# a line of one side's totals, and the chart's title where a page gives none: whole messages per measure and side
MEASURE_LINES = {
    ("turnover", "China"): N_("Turnover as China reports"),
    ("turnover", "Kazakhstan"): N_("Turnover as Kazakhstan reports"),
    ("exports", "China"): N_("Exports as China reports"),
    ("exports", "Kazakhstan"): N_("Exports as Kazakhstan reports"),
    ("imports", "China"): N_("Imports as China reports"),
    ("imports", "Kazakhstan"): N_("Imports as Kazakhstan reports"),
    ("balance", "China"): N_("Balance as China reports"),
    ("balance", "Kazakhstan"): N_("Balance as Kazakhstan reports"),
}
MEASURE_TITLES = {
    "turnover": N_("China–Kazakhstan trade turnover, as each side reports it"),
    "exports": N_("China–Kazakhstan trade exports, as each side reports it"),
    "imports": N_("China–Kazakhstan trade imports, as each side reports it"),
    "balance": N_("China–Kazakhstan trade balance, as each side reports it"),
}


def trade_over_time(totals: pd.DataFrame, *, measure: str = "turnover", source: str = "",
                    event_years: pd.DataFrame | None = None, press: pd.DataFrame | None = None,
                    title: str | None = None, event_names: bool = False) -> go.Figure:
    """One line per reporting side, never joined across sides; a mark where a side's line changes series.

    totals: year, reporter, <measure>, series, source_label. event_years: year, label (hover text of that
    year's events), major (the name to write on the chart with `event_names`, or ""). press: year, value_usd,
    label — press figures shown as separate hollow markers, never on a line.
    """
    fig = go.Figure()
    for reporter, rows in totals.groupby("reporter", sort=False):
        rows = rows.sort_values("year")
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows[measure], mode="lines+markers", name=_(MEASURE_LINES[measure, reporter]),
            line={"color": REPORTER_COLOURS[reporter], "width": 2.5}, connectgaps=False,
            customdata=list(zip(rows[measure].map(fmt.usd), rows["source_label"], strict=True)),
            hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra>" + as_of(reporter) + "</extra>",
        ))
    if press is not None and not press.empty:
        fig.add_trace(go.Scatter(
            x=press["year"], y=press["value_usd"], mode="markers", name=_("Press report (China's customs, rounded)"),
            marker={"symbol": "circle-open", "size": 10, "color": REPORTER_COLOURS["China"], "line": {"width": 2}},
            customdata=list(zip(press["value_usd"].map(fmt.usd), press["label"], strict=True)),
            # TRANSLATORS: the hover's tag on a press figure (a figure quoted in the press)
            hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra>" + pgettext("chart hover", "press")
                          + "</extra>",
        ))
    breaks = source_breaks(totals, measure)
    if not breaks.empty:
        fig.add_trace(go.Scatter(
            x=breaks["year"], y=breaks[measure], mode="markers", name=_("Line changes source (hover)"),
            marker={"symbol": "line-ns-open", "size": 22, "line": {"width": 2.5},
                    "color": [REPORTER_COLOURS[r] for r in breaks["reporter"]]},
            customdata=breaks[["text"]].to_numpy(),
            # TRANSLATORS: the hover's tag on a mark where a line switches from one source to another
            hovertemplate="%{x}: %{customdata[0]}<extra>" + pgettext("chart hover", "source changes") + "</extra>",
        ))
    if event_years is not None and not event_years.empty:
        top = float(totals[measure].max()) if len(totals) else 1.0
        fig.add_trace(go.Scatter(
            x=event_years["year"], y=[top * 1.08] * len(event_years), mode="markers", name=_("Events (hover)"),
            marker={"symbol": "diamond", "size": 11, "color": "#8C8C8C"},
            customdata=event_years[["label"]].to_numpy(),
            # TRANSLATORS: the hover's tag on a year's events (a diamond above the lines)
            hovertemplate="%{x}<br>%{customdata[0]}<extra>" + pgettext("chart hover", "events") + "</extra>",
        ))
        if event_names:
            _name_events(fig, event_years[event_years["major"] != ""], top)
    _usd_axis(fig)
    if len(totals):
        fig.update_xaxes(range=[totals["year"].min() - 0.6, totals["year"].max() + 0.6])
    fig.update_xaxes(title_text=None, dtick=2 if totals["year"].nunique() > 16 else 1)
    return _finish(fig, title or _(MEASURE_TITLES[measure]), source, y_title=_(UNITS_USD),
                   height=640 if event_names else 440)


SOURCE_SWITCH = {
    # TRANSLATORS: where a line changes source: {before} and {after} are sources' names, {last} and {first} years
    "China": N_("as China reports, {before} to {last}; {after} from {first}"),
    "Kazakhstan": N_("as Kazakhstan reports, {before} to {last}; {after} from {first}"),
}


def source_breaks(totals: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The points where a reporter's line switches series: year, reporter, value, and the hover text naming the
    sources either side (from `source_label`)."""
    rows = []
    for reporter, g in totals.dropna(subset=[measure]).sort_values("year").groupby("reporter", sort=False):
        before = g.shift()
        switch = before["series"].notna() & (g["series"] != before["series"])
        for (_i, now), (_j, prev) in zip(g[switch].iterrows(), before[switch].iterrows(), strict=True):
            rows.append({"year": int(now["year"]), "reporter": reporter, measure: now[measure],
                         "text": _(SOURCE_SWITCH[reporter]).format(
                             before=prev["source_label"], last=int(prev["year"]), after=now["source_label"],
                             first=int(now["year"]))})
    return pd.DataFrame(rows, columns=["year", "reporter", measure, "text"])


def _name_events(fig: go.Figure, named: pd.DataFrame, top: float) -> None:
    """Write each year's major event on the chart, rotated above its diamond (so neighbouring years do not
    overlap) in headroom above the lines (so no name crosses a line), with a faint line down to the axis."""
    xs, ys = [], []
    for year in named["year"]:
        xs += [year, year, None]
        ys += [0, top * 1.08, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#8C8C8C", "width": 1, "dash": "dot"},
                             hoverinfo="skip", showlegend=False))
    for year, name in zip(named["year"], named["major"], strict=True):
        fig.add_annotation(x=year, y=top * 1.08, text=short(name, 32), textangle=-90, showarrow=False,
                           xanchor="center", yanchor="bottom", yshift=9, font={"size": 11, "color": "#8C8C8C"})
    fig.update_yaxes(range=[0, top * 2.0])


# the hover's tag on a side's flow
FLOW_NAMES = {
    ("China", "exports"): N_("China's exports to Kazakhstan"),
    ("China", "imports"): N_("China's imports from Kazakhstan"),
    ("China", "balance"): N_("China's balance"),
    ("Kazakhstan", "exports"): N_("Kazakhstan's exports to China"),
    ("Kazakhstan", "imports"): N_("Kazakhstan's imports from China"),
    ("Kazakhstan", "balance"): N_("Kazakhstan's balance"),
}


def flows_by_reporter(totals: pd.DataFrame, *, flows: dict[str, list[str]], source: str = "") -> go.Figure:
    """Exports, imports and balance by year, one panel per reporting side, side by side.

    flows: reporter -> the flows to draw for it (a one-way view shows one flow per side, no balance).
    """
    reporters = list(flows)
    fig = _panels([_(AS_REPORTS[r]) for r in reporters])
    seen: set[str] = set()
    order = [*DIRECTION_COLOURS, "balance"]  # the same goods first in both panels, so bars pair up
    for col, reporter in enumerate(reporters, start=1):
        rows = totals[totals["reporter"] == reporter].sort_values("year")
        drawn = sorted(flows[reporter], key=lambda f: order.index("balance" if f == "balance"
                                                                  else goods_direction(reporter, f)))
        for flow in drawn:
            name = _(FLOW_NAMES[reporter, flow])
            group = "balance" if flow == "balance" else goods_direction(reporter, flow)
            kind = go.Scatter if flow == "balance" else go.Bar
            extra = {"mode": "lines"} if flow == "balance" else {}  # no marker per year: 66 SVG nodes fewer
            fig.add_trace(kind(
                x=rows["year"], y=rows[flow], marker_color=DIRECTION_COLOURS.get(group, BALANCE_COLOUR),
                name=_("Balance (exports minus imports)") if flow == "balance" else _(GOODS[group]),
                legendgroup=group, showlegend=group not in seen,
                customdata=list(zip(rows[flow].map(fmt.usd), rows["source_label"], strict=True)),
                hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra>" + name + "</extra>", **extra,
                **_on(col),
            ))
            seen.add(group)
    fig.update_layout(barmode="group")
    _usd_axis(fig)
    fig.update_yaxes(rangemode="normal")
    return _finish(fig, _("Exports, imports and balance, as each side reports them"), source, y_title=_(UNITS_USD),
                   height=480, panels=True)


# one direction of goods as one side counts it: China's exports are Kazakhstan's imports
SIDE_FLOWS = {
    ("China", "China → Kazakhstan"): N_("China's exports"), ("China", "Kazakhstan → China"): N_("China's imports"),
    ("Kazakhstan", "China → Kazakhstan"): N_("Kazakhstan's imports"),
    ("Kazakhstan", "Kazakhstan → China"): N_("Kazakhstan's exports"),
}
DIRECTION_AS_OF = {
    # TRANSLATORS: {direction} is a direction of goods, e.g. "China → Kazakhstan"
    "China": N_("{direction}, as China reports"),
    "Kazakhstan": N_("{direction}, as Kazakhstan reports"),
}


def mirror_gap(gap: pd.DataFrame, *, directions: list[str], source: str = "") -> go.Figure:
    """Each direction of goods as China and as Kazakhstan record it: the same trade, two very different numbers.
    The goods' colour in both counts; China's count a solid line, Kazakhstan's dashed."""
    fig = _panels([_(d) for d in directions])
    for col, direction in enumerate(directions, start=1):
        rows = gap[gap["direction"] == direction].sort_values("year")
        for side, column in (("China", "china_reported"), ("Kazakhstan", "kazakhstan_reported")):
            label = _(SIDE_FLOWS[side, direction])
            fig.add_trace(go.Scatter(
                x=rows["year"], y=rows[column], mode="lines+markers",
                name=_(DIRECTION_AS_OF[side]).format(direction=_(direction)),
                line={"color": DIRECTION_COLOURS[direction], "dash": REPORTER_DASH[side]}, showlegend=False,
                marker={"symbol": "circle" if side == "China" else "square"},
                customdata=list(zip(rows[column].map(fmt.usd), rows["gap_pct"].map(fmt.pct), strict=True)),
                # TRANSLATORS: a chart's hover: keep each %{…} as it is (Plotly fills in the year and the figures)
                hovertemplate=_("%{x}: %{customdata[0]}<br>gap (China minus Kazakhstan, % of Kazakhstan's figure): "
                                "%{customdata[1]}") + "<extra>" + label + "</extra>", **_on(col),
            ))
    _reporter_key(fig, "lines")
    _usd_axis(fig)
    return _finish(fig, _("The mirror gap: the same trade as each side records it"), source, y_title=_(UNITS_USD),
                   panels=True)


def sector_treemap(frame: pd.DataFrame, *, title: str, source: str = "") -> go.Figure:
    """Sector → HS chapter for one year, reporter and flow; the remainder is its own labelled box.

    Built as one go.Treemap (the same ids, parents and colours px.treemap makes, in a tenth of the time).
    """
    data = frame.assign(sector=frame["sector"].where(~frame["is_remainder"].astype(bool), REMAINDER))
    data["label"] = [REMAINDER if rest else f"{code} {name}" for rest, code, name
                     in zip(data["is_remainder"], data["hs_chapter"], data["chapter_name"], strict=True)]
    leaves = data.groupby(["sector", "label"], sort=True)["value_usd"].sum().reset_index()
    sectors = leaves.groupby("sector", sort=True)["value_usd"].sum()
    root = N_("All goods")
    ids = [root, *(f"{root}/{s}" for s in sectors.index), *(f"{root}/{s}/{lab}" for s, lab
                                                             in zip(leaves["sector"], leaves["label"], strict=True))]
    values = [float(sectors.sum()), *sectors.astype(float), *leaves["value_usd"].astype(float)]
    fig = go.Figure(go.Treemap(
        ids=ids, labels=[_(root), *(group_name(s) for s in sectors.index), *(group_name(x) for x in leaves["label"])],
        parents=["", *[root] * len(sectors), *(f"{root}/{s}" for s in leaves["sector"])],
        values=values, customdata=[fmt.usd(v) for v in values],  # "$1.2 bn", not d3's "$1.23G"
        branchvalues="total", root_color="rgba(0,0,0,0)",
        marker={"colors": ["#BDBDBD", *(SECTOR_COLOURS.get(s, "#BDBDBD") for s in sectors.index),
                           *(SECTOR_COLOURS.get(s, "#BDBDBD") for s in leaves["sector"])]},
        # TRANSLATORS: a chart's hover: keep each %{…} as it is (Plotly fills in the name, value and share)
        hovertemplate=_("%{label}<br>%{customdata}<br>%{percentRoot:.1%} of all goods") + "<extra></extra>",
        texttemplate="%{label}<br>%{percentRoot:.1%}",
    ))
    return _finish(fig, title, source, height=520)


def sector_bars(frame: pd.DataFrame, *, title: str, source: str = "") -> go.Figure:
    """Stacked bars by sector over years; the remainder is grey and named as a remainder."""
    present = list(dict.fromkeys(frame["sector"]))
    order = [s for s in SECTOR_COLOURS if s in present] + [s for s in present if s not in SECTOR_COLOURS]
    bars = []
    for sector in order:
        rows = frame[frame["sector"] == sector]
        bars.append(go.Bar(
            x=rows["year"], y=rows["value_usd"], name=group_name(sector), legendgroup=sector,
            marker_color=SECTOR_COLOURS.get(sector, "#8C8C8C"),
            customdata=[[group_name(sector), fmt.usd(v)] for v in rows["value_usd"]],
            hovertemplate="%{x} · %{customdata[0]}: %{customdata[1]}<extra></extra>",
        ))
    # the traces and the layout in one step (what update_layout/_usd_axis/update_xaxes gave, at a third of the cost)
    fig = go.Figure(data=bars, layout={"barmode": "relative", "yaxis": USD_AXIS, "xaxis": {"dtick": 1}})
    return _finish(fig, title, source, y_title=_(UNITS_USD))


GROUP_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                 "#8C6D31")  # Okabe–Ito and one brown: chapters or headings, in order of size
OTHER_GREY = "#9E9E9E"


def short(label: str, width: int = 38) -> str:
    """A code and name cut to fit a box or a legend ("8703 Motor cars and other motor vehicles…"); a Chinese
    character counts twice."""
    head = label.split(";")[0].split("；")[0]
    if _text_cells(head) == len(head):
        return head if len(head) <= width else head[: width - 1].rstrip(" ,") + "…"
    if _text_cells(head) <= width:
        return head
    while _text_cells(head) > width - 1:
        head = head[:-1]
    return head.rstrip(" ,，、") + "…"


def goods_treemap(nodes: pd.DataFrame, *, title: str, source: str = "") -> go.Figure:
    """One year's goods in two levels: sectors and their chapters, or the chosen chapters and their HS4 headings.

    `nodes` comes from kzcn.sectors.breakdown (id, parent, label, level, value_usd, sector), which holds only the
    levels in view (Plotly draws a box for every node it is given, whatever `maxdepth`); a click opens a box
    through the page's filters (app_pages/trade.py). A remainder is one grey box at the top level, named as a
    remainder.
    """
    colours = [SECTOR_COLOURS.get(s, OTHER_GREY) if lvl != "remainder" else SECTOR_COLOURS[REMAINDER]
               for s, lvl in zip(nodes["sector"], nodes["level"], strict=True)]
    values = nodes["value_usd"].to_numpy(dtype=float)
    treemap = {  # a plain dict, the figure made once in _finish (see goods_bars)
        "type": "treemap", "ids": nodes["id"].to_numpy(dtype=object), "parents": nodes["parent"].to_numpy(dtype=object),
        "labels": [short(group_name(x)) for x in nodes["label"]],
        "values": values, "branchvalues": "total", "maxdepth": 2, "root": {"color": "rgba(0,0,0,0)"},
        "customdata": [[group_name(label), fmt.usd(v)] for label, v in zip(nodes["label"], values, strict=True)],
        "marker": {"colors": colours},
        # TRANSLATORS: a chart's hover: keep each %{…} as it is (Plotly fills in the name, value and share)
        "hovertemplate": _("%{customdata[0]}<br>%{customdata[1]}<br>%{percentRoot:.1%} of the goods shown")
                         + "<extra></extra>",
        "texttemplate": "%{label}<br>%{percentRoot:.1%}",
    }
    return _finish({"data": [treemap], "layout": {}}, title, source, height=540)


def goods_bars(bars: pd.DataFrame, years: pd.DataFrame, *, title: str, level: str, source: str = "") -> go.Figure:
    """Stacked bars per year by sector, chapter or heading; years drawn from an incomplete source are hatched
    and starred on the axis, and a group with no complete figure in a year has no bar there (never a zero)."""
    flagged = {int(y) for y, ok in zip(years["year"], years["complete"], strict=True) if not ok}
    present = list(dict.fromkeys(bars.sort_values("value_usd", ascending=False)["group"]))
    if level == "sector":
        order = [s for s in SECTOR_COLOURS if s in present] + [s for s in present if s not in SECTOR_COLOURS]
        colour = {s: SECTOR_COLOURS.get(s, OTHER_GREY) for s in order}
    else:
        named = [g for g in present if not g.startswith("Other ")]
        order = named + [g for g in present if g.startswith("Other ")]
        colour = {g: GROUP_PALETTE[i % len(GROUP_PALETTE)] for i, g in enumerate(named)}
    # TRANSLATORS: written right after a dollar figure in a chart's hover (keep the leading space if your
    # language puts one there)
    incomplete = _(" (year incomplete in the source)")
    # traces as plain dicts, the figure made once (in _finish) without validation: go.Bar objects validated and
    # copied each trace three times (~30 of a 35 ms figure on every filter change); tests/test_charts_valid.py
    # validates every figure the pages draw
    traces = []
    by_group = {group: rows for group, rows in bars.groupby("group", sort=False)}
    for group in order:
        # complete years first: Plotly draws a bar where its x says, whatever the order, but gives the legend the
        # first bar's hatching, so a group whose first year is incomplete looked hatched in the legend
        rows = by_group[group]
        rows = rows.iloc[rows["year"].astype(int).isin(flagged).to_numpy().argsort(kind="stable")]
        year_list, value_list = [int(y) for y in rows["year"]], [float(v) for v in rows["value_usd"]]
        traces.append({  # arrays as numpy: Plotly sends those as compact typed arrays
            "type": "bar", "x": rows["year"].to_numpy(dtype="int64"), "y": rows["value_usd"].to_numpy(dtype=float),
            "name": short(group_name(group), 44),
            "legendgroup": group,
            "marker": {"color": colour.get(group, OTHER_GREY),
                       "pattern": {"shape": ["/" if y in flagged else "" for y in year_list]}},
            "customdata": [[group_name(group), fmt.usd(v), incomplete if y in flagged else ""]
                           for y, v in zip(year_list, value_list, strict=True)],
            "hovertemplate": "%{x} · %{customdata[0]}: %{customdata[1]}%{customdata[2]}<extra></extra>",
        })
    ticks = sorted(int(y) for y in years["year"])
    xaxis = {"tickmode": "array", "tickvals": ticks, "ticktext": [f"{y}*" if y in flagged else str(y) for y in ticks]}
    if ticks:  # a year with no complete bar stays
        xaxis["range"] = [ticks[0] - 0.6, ticks[-1] + 0.6]
    fig = {"data": traces, "layout": {"barmode": "relative", "yaxis": dict(USD_AXIS), "xaxis": xaxis}}
    note = _("* hatched: the source is incomplete that year (see the note below the chart)") if flagged else ""
    return _finish(fig, title, "  ".join(x for x in (source, note) if x), y_title=_(UNITS_USD))


def share_bars(rows: pd.DataFrame, *, title: str, direction: str, source: str = "") -> go.Figure:
    """China's share of each chapter of Kazakhstan's trade in one year (rows from kzcn.sectors.largest_chapters):
    one bar per chapter, the share at the bar's end and the dollar figures behind it in the hover."""
    labels = [short(x, 30) for x in rows["label"]]
    fig = go.Figure(go.Bar(
        x=rows["share"], y=labels, orientation="h", marker_color=DIRECTION_COLOURS[direction],
        text=[fmt.pct(s * 100, signed=False, digits=0) for s in rows["share"]], textposition="outside",
        cliponaxis=False,
        customdata=[[lab, fmt.usd(c), fmt.usd(w)] for lab, c, w
                    in zip(rows["label"], rows["china_usd"], rows["world_usd"], strict=True)],
        # TRANSLATORS: a chart's hover: keep each %{…} as it is (a chapter, trade with China, trade with the
        # World, China's share)
        hovertemplate=_("%{customdata[0]}<br>with China %{customdata[1]} of %{customdata[2]} with the World: "
                        "%{x:.1%}") + "<extra></extra>",
    ), layout={"xaxis": {"tickformat": ".0%", "range": [0, 1.15], "tickvals": [0, 0.25, 0.5, 0.75, 1]},
               "yaxis": {"automargin": True}, "showlegend": False})  # room right of 100% for the labels
    return _finish(fig, title, source, height=max(360, 26 * len(rows) + 140), left=_category_left(labels))


def share_heatmap(share: pd.DataFrame, chapters: list[str], *, title: str, direction: str,
                  source: str = "") -> go.Figure:
    """China's share per chapter and year (complete years only; a year that is not there is a gap, not zero)."""
    grid = share[share["hs_chapter"].isin(chapters)].pivot(index="hs_chapter", columns="year", values="share")
    grid = grid.reindex(chapters)
    labels = share.drop_duplicates("hs_chapter").set_index("hs_chapter")["label"].reindex(chapters)
    names = [short(x, 30) for x in labels]
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=[str(y) for y in grid.columns], y=names,
        colorscale=[[0, "rgba(140,140,140,0.12)"], [1, DIRECTION_COLOURS[direction]]], zmin=0, zmax=1,
        # TRANSLATORS: the colour scale's title: China's share of a chapter's trade
        colorbar={"tickformat": ".0%", "title": {"text": pgettext("chart axis", "share")}, "thickness": 12},
        hovertemplate="%{y}, %{x}: %{z:.1%}<extra></extra>", xgap=2, ygap=2,  # no text per cell: unreadable
        # on a phone, and 160 text nodes to redraw on every filter change (bench/redraw.py)
    ), layout={"xaxis": {"type": "category"}, "yaxis": {"automargin": True}})
    # on a phone the years stand upright under the narrow columns (~28 px): the source line goes below them
    return _finish(fig, title, source, height=max(360, 26 * len(chapters) + 140), left=_category_left(names, 30),
                   below=24, right=COLOUR_BAR_RIGHT)


def chapter_gap_bars(gap: pd.DataFrame, *, directions: list[str], title: str, source: str = "") -> go.Figure:
    """One year: each chapter as China and as Kazakhstan record it, one panel per direction of goods, in the
    goods' colour (China's count solid, Kazakhstan's lighter)."""
    fig = _panels([_(d) for d in directions])
    for col, direction in enumerate(directions, start=1):
        rows = gap[gap["direction"] == direction].sort_values("hs_chapter")
        # TRANSLATORS: an HS chapter on a chart's axis, e.g. "HS 27"
        chapters = [_("HS {chapter}").format(chapter=c) for c in rows["hs_chapter"]]
        for side, column in (("China", "china_reported"), ("Kazakhstan", "kazakhstan_reported")):
            fig.add_trace(go.Bar(
                x=chapters, y=rows[column], name=_(DIRECTION_AS_OF[side]).format(direction=_(direction)),
                marker={"color": DIRECTION_COLOURS[direction], "opacity": REPORTER_OPACITY[side],
                        "line": {"color": DIRECTION_COLOURS[direction], "width": 1.5}}, showlegend=False,
                customdata=list(zip(rows["label"], rows[column].map(fmt.usd), rows["gap_pct"].map(fmt.pct),
                                    strict=True)),
                # TRANSLATORS: a chart's hover: keep each %{…} as it is (a chapter, its figure, the gap)
                hovertemplate=_("%{customdata[0]}: %{customdata[1]}<br>gap (China minus Kazakhstan, % of "
                                "Kazakhstan's figure): %{customdata[2]}") + "<extra>" + _(AS_REPORTS[side])
                              + "</extra>", **_on(col),
            ))
    _reporter_key(fig, "bars")
    fig.update_layout(barmode="group")
    _usd_axis(fig)
    return _finish(fig, title, source, y_title=_(UNITS_USD), panels=True)


def _month_span(start: str, end: str) -> tuple[str, str]:
    """Drawing range for an event: a day is a day; a month-only date covers its whole month (no day invented)."""
    def first(d: str) -> str:
        return d if len(d) == 10 else f"{d}-01"

    def last(d: str) -> str:
        if len(d) == 10:
            return d
        y, m = map(int, d.split("-"))
        return f"{d}-{calendar.monthrange(y, m)[1]:02d}"

    end_day = pd.Timestamp(last(end)) + pd.Timedelta(days=1)
    return first(start), end_day.strftime("%Y-%m-%d")


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_aliases(lo: pd.Timestamp, hi: pd.Timestamp) -> dict[str, str]:
    """What a date axis's ticks between `lo` and `hi` read in the reader's language (Plotly's layout
    `xaxis.labelalias`): Plotly writes them in English ("Jan", "Jan 2023", "May 7<br>2023"), whatever the page's
    language. Nothing in English; month-and-year ticks only where the range is short enough to have them, days
    only for a few months."""
    if i18n.current() == i18n.DEFAULT:
        return {}
    loc = i18n.locale()
    months = get_month_names("abbreviated", context="stand-alone", locale=loc)
    aliases = {en: months[m] for m, en in enumerate(_MONTHS_EN, start=1)}
    if hi.year - lo.year <= 15:
        for year in range(lo.year, hi.year + 1):
            for m, en in enumerate(_MONTHS_EN, start=1):
                aliases[f"{en} {year}"] = fmt.month(date(year, m, 1))
    if hi - lo <= pd.Timedelta(days=120):
        for day in pd.date_range(lo.normalize(), hi.normalize(), freq="D"):
            en = f"{_MONTHS_EN[day.month - 1]} {day.day}"
            local = format_skeleton("MMMd", day.date(), locale=loc)
            aliases[en] = local
            aliases[f"{en}<br>{day.year}"] = f"{local}<br>{day.year}"
    return aliases


def events_timeline(events: pd.DataFrame, *, title: str, source: str = "",
                    x_range: tuple[str, str] | None = None, selected: str | None = None) -> go.Figure:
    """Events on a date axis, one band per category, each named beside its dot (up to TIMELINE_LABEL_LIMIT events;
    more are drawn as dots only). A dot marks the start; a pale bar behind it covers a longer event or a month-only
    date. Dots and names are placed so that none overprints another on a 390 px phone (place_labels), so none does
    on a wider screen either. `selected`: an event id to ring. x_range: the dates to show (a longer event runs off
    the edge; its hover has its dates). customdata of the dots: title, date text, event id (see
    kzcn.views.selected_event, which reads a click on them).
    """
    data = events.copy()
    spans = [_month_span(s, e) for s, e in zip(data["start"], data["end"], strict=True)]
    data["x_start"] = pd.to_datetime([s for s, _e in spans])
    data["x_end"] = pd.to_datetime([e for _s, e in spans])
    data["when"] = [fmt.when(s, e) for s, e in zip(data["start"], data["end"], strict=True)]
    if x_range:
        lo, hi = pd.Timestamp(x_range[0]), pd.Timestamp(x_range[1])
    else:  # the events' own dates and a little room, so no dot sits on the edge
        first, last = data["x_start"].min(), max(data["x_end"].max(), data["x_start"].min() + pd.Timedelta(days=30))
        lo, hi = first - (last - first) * 0.02, last + (last - first) * 0.02
    named = len(data) <= TIMELINE_LABEL_LIMIT
    scale = TIMELINE_PLOT_PX / (hi - lo).total_seconds()  # pixels of a phone's plot per second

    def px(t: pd.Timestamp) -> float:
        return min(max((t - lo).total_seconds() * scale, 0.0), TIMELINE_PLOT_PX)

    order = [c for c in CATEGORY_COLOURS if c in set(data["category"])]
    order += sorted(set(data["category"]) - set(order))
    spans_trace: dict[str, list] = {"base": [], "x": [], "y": [], "color": []}
    dots, bands, headers, ring = [], [], [], None
    cursor, two_lines = 0.0, False
    for category in order:
        rows = data[data["category"] == category]
        colour = CATEGORY_COLOURS.get(category, "#8C8C8C")
        texts = [short_title(t) if named else [] for t in rows["title"]]
        two_lines |= any(len(t) > 1 for t in texts)
        lanes, sides = place_labels([px(s) for s in rows["x_start"]], [px(e) for e in rows["x_end"]],
                                    [label_px(t) for t in texts], plot_px=TIMELINE_PLOT_PX)
        top = cursor + TIMELINE_HEADER
        y = [top + lane for lane in lanes]
        bands.append((cursor - 0.5, top + max(lanes, default=0) + 0.5))
        headers.append({"text": f"<span style='color:{colour}'>●</span> <b>{_plain(_(category))}</b>", "x": 0,
                        "xref": "paper", "xanchor": "left", "y": cursor, "yref": "y", "showarrow": False,
                        "font": {"size": 12}})
        for start, end, lane_y in zip(rows["x_start"], rows["x_end"], y, strict=True):
            if end - start > pd.Timedelta(days=1):  # longer than a day: its dates as a pale bar behind the dot
                spans_trace["base"].append(start.strftime("%Y-%m-%d"))
                spans_trace["x"].append((end - start).total_seconds() * 1000)
                spans_trace["y"].append(lane_y)
                spans_trace["color"].append(colour)
        ids = rows["event_id"].tolist()
        dots.append(go.Scatter(  # named by the category's English key: the legend is off, the hover names it
            x=rows["x_start"].dt.strftime("%Y-%m-%d").tolist(), y=y, name=category,
            mode="markers+text" if named else "markers",
            text=[_label(t, side, chosen=i == selected) for i, t, side in zip(ids, texts, sides, strict=True)]
            if named else None,
            textposition=[f"middle {side}" for side in sides] if named else None,
            textfont={"size": TIMELINE_FONT_PX}, cliponaxis=False,
            marker={"color": colour, "size": TIMELINE_MARKER_PX, "line": {"width": 1, "color": "rgba(0,0,0,0.25)"}},
            selected={"marker": {"size": TIMELINE_MARKER_PX + 4}},
            unselected={"marker": {"opacity": 1}},  # a click must not fade the other events' dots
            customdata=rows[["title", "when", "event_id"]].to_numpy().tolist(),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra>" + _(category) + "</extra>",
        ))
        if selected in ids:
            at = ids.index(selected)
            ring = go.Scatter(x=[dots[-1].x[at]], y=[y[at]], mode="markers", hoverinfo="skip", showlegend=False,
                              name="chosen event", cliponaxis=False,
                              marker={"symbol": "circle-open", "size": TIMELINE_MARKER_PX + 10, "color": colour,
                                      "line": {"width": 2.5, "color": colour}})
        cursor = top + max(lanes, default=0) + 1 + TIMELINE_BAND_GAP
    traces = []
    if spans_trace["x"]:
        traces.append(go.Bar(base=spans_trace["base"], x=spans_trace["x"], y=spans_trace["y"], orientation="h",
                             width=0.55, marker={"color": spans_trace["color"], "opacity": 0.3, "line": {"width": 0}},
                             hoverinfo="skip", showlegend=False, name="dates"))
    traces += dots + ([ring] if ring else [])
    rows_px = (TIMELINE_ROW_PX if named and two_lines else TIMELINE_ROW_PX_ONE_LINE if named else TIMELINE_ROW_PX_DOTS)
    plot_height = int(rows_px * (cursor - TIMELINE_BAND_GAP))
    xaxis: dict = {"type": "date", "range": [lo, hi], "side": "top", "title": {"text": None}, "showgrid": True,
                   "ticks": "outside", "fixedrange": True}  # no zoom: a drag on a phone scrolls the page
    if hi - lo <= pd.Timedelta(days=400):  # one year: every month named, between its gridlines
        xaxis |= {"dtick": "M1", "tickformat": "%b", "ticklabelmode": "period"}
    if aliases := date_aliases(lo, hi):
        xaxis["labelalias"] = aliases
    lines = _source_lines(source, SOURCE_WIDTH)
    layout = {
        "xaxis": xaxis,
        "yaxis": {"range": [cursor - TIMELINE_BAND_GAP - 0.5, -0.5], "visible": False, "fixedrange": True},
        "showlegend": False, "barmode": "overlay", "bargap": 0, "hovermode": "closest",
        "shapes": [{"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": a, "y1": b,
                    "fillcolor": "rgba(128,128,128,0.08)", "line": {"width": 0}, "layer": "below"}
                   for a, b in bands],
        "annotations": headers + ([{
            "text": "<br>".join(lines), "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -6,
            "xanchor": "left", "yanchor": "top", "showarrow": False, "font": {"size": 11}, "align": "left"}]
            if lines else []),
    }
    fig = _finish(go.Figure(data=traces, layout=layout), title, "", height=plot_height + 80 + 16 + 15 * len(lines))
    # the months above the plot, clear of the title and of the mode bar; no axis below: the source sits right under
    fig.layout.update(margin={"t": fig.layout.margin.t + TIMELINE_AXIS_PX, "b": 16 + 15 * len(lines)},
                      height=fig.layout.height + TIMELINE_AXIS_PX)
    return fig


VENUE_COLOUR = "#0072B2"


def label_positions(lats: list[float], lons: list[float], *, near: float = 4.0) -> list[str]:
    """Where each point's label goes so neighbours' labels do not overprint: above the point, or, for a point
    with a neighbour closer than `near` degrees, on the side away from that neighbour."""
    out = []
    for i, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
        close = [j for j in range(len(lats)) if j != i and abs(lats[j] - lat) < near and abs(lons[j] - lon) < near]
        if not close:
            out.append("top center")
            continue
        j = min(close, key=lambda k: (lats[k] - lat) ** 2 + (lons[k] - lon) ** 2)
        out.append("middle left" if lon < lons[j] or (lon == lons[j] and lat < lats[j]) else "middle right")
    return out


MAP_NAMES = 6  # venues named on the map (the busiest)


def venues_map(venues: pd.DataFrame, *, title: str, source: str = "") -> go.Figure:
    """One point per venue, sized by its number of events, hover listing them all (points never hide each other).

    venues: lat, lon, place, count, label (one line per event), as kzcn.views.venues shapes them. Offline
    Natural Earth outlines, no tile server; events without a known place are not in `venues`.
    """
    data = venues.copy()
    data["city"] = data["place"].str.split(",").str[0]
    data["events_text"] = data["count"].map(lambda n: ngettext("{n} event", "{n} events", n).format(n=n))
    # names for the venues with most events only: on a phone the map is ~330 px wide and a dozen names overprint;
    # the others are named in their hover and the table below
    named = set(data.sort_values(["count", "city"], ascending=[False, True])["city"].head(MAP_NAMES))
    fig = go.Figure(go.Scattergeo(
        lat=data["lat"], lon=data["lon"], mode="markers+text",
        text=[c if c in named else "" for c in data["city"]],
        textposition=label_positions(list(data["lat"]), list(data["lon"])),
        textfont={"size": 11},
        marker={"size": [8 + 4 * min(n, 8) for n in data["count"]], "color": VENUE_COLOUR, "opacity": 0.85,
                "line": {"width": 1, "color": "white"}},
        customdata=list(zip(data["place"], data["events_text"], data["label"], strict=True)),
        hovertemplate="<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
        showlegend=False,
    ))
    fig.update_geos(projection_type="mercator", showcountries=True, countrycolor="#8C8C8C",
                    showland=True, landcolor="rgba(140,140,140,0.15)", showocean=False, showlakes=False,
                    bgcolor="rgba(0,0,0,0)",
                    lataxis_range=[min(25.0, data["lat"].min() - 5), max(58.0, data["lat"].max() + 7)],
                    lonaxis_range=[min(45.0, data["lon"].min() - 10), max(128.0, data["lon"].max() + 10)])
    return _finish(fig, title, source, height=420)


# ---- Timeline: names beside the dots ---------------------------------------------------------------------------
# The timeline is laid out once for every screen: names and lanes are placed so that nothing overprints on a 390 px
# phone, where the plot is TIMELINE_PLOT_PX wide (page padding and chart margins off); on a wider screen every
# name and dot takes fewer days of the axis, so they stay apart there too.
TIMELINE_PLOT_PX = 330
TIMELINE_FONT_PX = 12
TIMELINE_CHAR_PX = 6.0  # a name's character at 12 px in the chart font (Source Sans: 5.4 on average), with room
TIMELINE_LINE_CHARS = 22  # a name line: about a third of a phone's plot
TIMELINE_LINES = 2
TIMELINE_MARKER_PX = 12
TIMELINE_LABEL_LIMIT = 40  # more events than this are dots only: named, they would need a lane each
TIMELINE_HEADER = 0.9  # the category's name above its band, in lanes
TIMELINE_BAND_GAP = 0.5
TIMELINE_ROW_PX, TIMELINE_ROW_PX_ONE_LINE, TIMELINE_ROW_PX_DOTS = 32, 24, 15
TIMELINE_AXIS_PX = 28  # the date axis above the plot
_CLAUSE_BREAKS = (": ", "：", "; ", "；", " – ", " — ", ", ", "，")  # with Chinese's full-width marks


def short_title(title: str, *, width: int = TIMELINE_LINE_CHARS, lines: int = TIMELINE_LINES) -> list[str]:
    """An event's title cut to fit `lines` lines of `width` characters, as the lines to show: words kept whole,
    nothing added but an ellipsis. First what is in parentheses goes, then the clauses after ': ', '; ', ' – ' or
    ', ' (the head stays when it says enough: 10 characters or more), then the last words ("…"). A Chinese
    character counts as two, and a Chinese title loses its last characters, not words."""
    text = re.sub(r"\s*[(（][^)）]*[)）]", "", title).strip() or title.strip()
    for mark in _CLAUSE_BREAKS:
        head = text.split(mark)[0]
        if len(_wrap(text, width)) > lines and _text_cells(head) >= 10:
            text = head
    wrapped = _wrap(text, width)
    if len(wrapped) <= lines:
        return wrapped
    if _text_cells(wrapped[lines - 1]) != len(wrapped[lines - 1]):  # Chinese: no spaces between words
        cut = wrapped[lines - 1]
        while len(cut) > 1 and _text_cells(cut) + 1 > width:
            cut = cut[:-1]
        return [*wrapped[: lines - 1], cut.rstrip(" ,;:–—-，；：、") + "…"]
    last = wrapped[lines - 1].split(" ")
    while len(last) > 1 and len(" ".join(last)) + 1 > width:
        last.pop()
    return [*wrapped[: lines - 1], " ".join(last).rstrip(" ,;:–—-") + "…"]


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, _fit(text, width), break_on_hyphens=False) or [text]


def label_px(lines: list[str]) -> float:
    """A name's width in pixels at TIMELINE_FONT_PX (its longest line; a Chinese character counts twice); 0 for
    no name."""
    return max((_text_cells(line) for line in lines), default=0) * TIMELINE_CHAR_PX


def place_labels(starts: list[float], ends: list[float], widths: list[float], *, plot_px: float,
                 marker_px: float = TIMELINE_MARKER_PX, gap_px: float = 4, pad_px: float = 6
                 ) -> tuple[list[int], list[str]]:
    """A lane and a side ("right" or "left" of the dot) for each event of a band, so that no two dots, bars or
    names of a lane overprint. Positions in pixels from the plot's left edge: a dot at `starts`, its bar to `ends`,
    its name `widths` wide. A name goes right of its dot if it fits before the plot's right edge, else left if
    it fits there, else on the roomier side. Events are laid out in date order, each in the first lane whose
    last extent ends `pad_px` before its own begins, so a band reads top to bottom, oldest first."""
    half = marker_px / 2
    extents, sides = [], []
    for start, end, width in zip(starts, ends, widths, strict=True):
        room_right, room_left = plot_px - (start + half + gap_px), start - half - gap_px
        side = "right" if width <= room_right or (width > room_left and room_right >= room_left) else "left"
        if side == "right":
            extents.append((start - half, max(end, start + half + (gap_px + width if width else 0))))
        else:
            extents.append((start - half - (gap_px + width if width else 0), max(end, start + half)))
        sides.append(side)
    lanes = [0] * len(starts)
    free_from: list[float] = []
    for i in sorted(range(len(starts)), key=lambda k: (starts[k], ends[k])):
        left, right = extents[i]
        lane = next((n for n, free in enumerate(free_from) if free + pad_px <= left), len(free_from))
        if lane == len(free_from):
            free_from.append(right)
        else:
            free_from[lane] = max(free_from[lane], right)
        lanes[i] = lane
    return lanes, sides


def _label(lines: list[str], side: str, *, chosen: bool) -> str:
    """A name as Plotly text: its lines, and for the chosen event in bold and clear of the ring round its dot."""
    if not chosen:
        return "<br>".join(_plain(line) for line in lines)
    pad = "\u00a0\u00a0"
    return "<b>" + "<br>".join(pad + _plain(line) if side == "right" else _plain(line) + pad for line in lines) + "</b>"


def _plain(text: str) -> str:
    """Text for a Plotly label: its own '<', '>' and '&' shown as they are, never read as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- Kazakhstan's partners (kzcn.partnerviews) -------------------------------------------------------------------
# China and Russia in the same colours on every partner chart; the source's EU and the rest of the world too.
# Each figure is made in one step from plain trace and layout dicts, not validated here (a rerun that changes the
# years rebuilds them: validating ten line traces cost ~20 ms); as for _finish, tests/test_charts_valid.py validates
# every figure the Partners page draws.
PARTNER_COLOURS = {"CHN": "#D55E00", "RUS": "#56B4E9", "EU": "#009E73", "REST": "#8C8C8C"}  # Russia not in
# Kazakhstan's reporter blue, which elsewhere means "as Kazakhstan reports"
OTHER_PARTNER_COLOURS = ("#E69F00", "#76B7B2", "#CC79A7", "#F0E442", "#8C6D31", "#9E9E9E", "#B07AA1", "#59A14F")
PARTNER_GREY = "rgba(140,140,140,0.7)"
RANK_TICKS = [1, 2, 3, 5, 10, 20, 50, 100, 200]
# the hovers and axis titles of the partner charts, a whole message per flow of Kazakhstan's trade (keep each %{…})
PARTNER_BAR_HOVER = {
    # TRANSLATORS: a chart's hover: keep each %{…} as it is (a country, its trade, its share, its rank, the number
    # of countries, the source)
    "turnover": N_("%{customdata[0]}: %{customdata[1]}, %{x:.1%} of turnover with the World<br>rank "
                   "%{customdata[2]} of %{customdata[3]} countries · %{customdata[4]}"),
    "exports": N_("%{customdata[0]}: %{customdata[1]}, %{x:.1%} of exports with the World<br>rank "
                  "%{customdata[2]} of %{customdata[3]} countries · %{customdata[4]}"),
    "imports": N_("%{customdata[0]}: %{customdata[1]}, %{x:.1%} of imports with the World<br>rank "
                  "%{customdata[2]} of %{customdata[3]} countries · %{customdata[4]}"),
}
PARTNER_RANK_HOVER = {
    # TRANSLATORS: a chart's hover: keep each %{…} as it is (a country, the year, its rank, the number of countries,
    # its share, the source)
    "turnover": N_("%{customdata[0]}, %{x}: rank %{y} of %{customdata[1]}, %{customdata[2]} of turnover<br>"
                   "%{customdata[3]}"),
    "exports": N_("%{customdata[0]}, %{x}: rank %{y} of %{customdata[1]}, %{customdata[2]} of exports<br>"
                  "%{customdata[3]}"),
    "imports": N_("%{customdata[0]}, %{x}: rank %{y} of %{customdata[1]}, %{customdata[2]} of imports<br>"
                  "%{customdata[3]}"),
}
SPLIT_AXIS = {"turnover": N_("share of Kazakhstan's turnover"), "exports": N_("share of Kazakhstan's exports"),
              "imports": N_("share of Kazakhstan's imports")}


def _share(value: float) -> str:
    return fmt.pct(value * 100, signed=False) if value == value else fmt.MISSING


def _cells(rows: list) -> object:
    """Hover cells as one array of text: Plotly deep-copies a trace's lists cell by cell (twice per figure), an
    array in one step."""
    import numpy as np  # only the partner charts need it

    return np.array(rows, dtype=str)


def partner_bars(rows: pd.DataFrame, *, title: str, source: str = "", flow: str = "turnover",
                 x_max: float | None = None) -> go.Figure:
    """One source's largest partners in one year (kzcn.partnerviews.top_bars): a bar per country, its share of
    the reporter's trade with the World, ranked top to bottom; China and Russia in their colours and, where they
    are below the top, still drawn with their rank. x_max: the largest share on the panels drawn beside it, so
    side-by-side panels share one scale."""
    labels = [f"{r}. {n}" for r, n in zip(rows["rank"], rows["name"], strict=True)]
    colours = [PARTNER_COLOURS[p] if p in ("CHN", "RUS") else PARTNER_GREY for p in rows["partner"]]
    top = x_max if x_max is not None else float(rows["share_of_world"].max()) if len(rows) else 0.0
    fig = go.Figure(data=[{
        "type": "bar", "x": rows["share_of_world"].to_numpy(dtype=float), "y": labels, "orientation": "h",
        "marker": {"color": colours}, "text": [_share(s) for s in rows["share_of_world"]], "textposition": "outside",
        "cliponaxis": False,
        "customdata": _cells([[n, fmt.usd(v), int(r), int(c), lab] for n, v, r, c, lab in
                              zip(rows["name"], rows["value_usd"], rows["rank"], rows["countries"],
                                  rows["source_label"], strict=True)]),
        "hovertemplate": _(PARTNER_BAR_HOVER[flow]) + "<extra></extra>",
    }], layout={"xaxis": {"tickformat": ".0%", "range": [0, max(top, 0.01) * 1.3], "title": {"text": None}},
                "yaxis": {"autorange": "reversed", "automargin": True, "type": "category"}, "showlegend": False},
        _validate=False)
    return _finish(fig, title, source, height=max(340, 26 * len(rows) + 150), left=_category_left(labels))


def _year_ticks(lo: int, hi: int) -> int:
    """A tick every year, two or four years, so a phone's axis keeps its years level."""
    return 4 if hi - lo > 24 else 2 if hi - lo > 10 else 1


def _year_axis(years: pd.Series, *, right: float = 0.5) -> dict:
    """The x axis of a line over years: a tick every one, two or four years, all within the years drawn (`right`:
    room after the last year, e.g. for names written there)."""
    lo, hi = (int(years.min()), int(years.max())) if len(years) else (2000, 2000)
    step = _year_ticks(lo, hi)
    return {"range": [lo - 0.5, hi + right], "tickmode": "array", "tickvals": list(range(hi, lo - 1, -step))[::-1],
            "title": {"text": None}}


def partner_rank_lines(lines: pd.DataFrame, *, title: str, source: str = "", flow: str = "turnover",
                       columns: int = 1) -> go.Figure:
    """Each year's rank of the partners of kzcn.partnerviews.rank_lines (one series): China and Russia thick and
    named at their line's end, the others thin. Rank 1 at the top, on a log scale so the top places stay apart.
    columns: how many such charts the page sets side by side (the legend wraps to their width)."""
    traces, names, others = [], [], 0
    for _order, rows in lines.sort_values(["order", "year"]).groupby("order", sort=True):
        code, name = rows["partner"].iloc[0], rows["name"].iloc[0]
        strong = bool(rows["highlight"].iloc[0])
        if strong:
            colour, dash = PARTNER_COLOURS.get(code, PARTNER_GREY), "solid"
        else:
            colour = OTHER_PARTNER_COLOURS[others % len(OTHER_PARTNER_COLOURS)]
            dash = "solid" if others < len(OTHER_PARTNER_COLOURS) else "dot"
            others += 1
        traces.append({
            "type": "scatter", "x": rows["year"].to_numpy(dtype=int), "y": rows["rank"].to_numpy(dtype=int),
            "mode": "lines+markers", "name": name, "connectgaps": False,
            "line": {"color": colour, "width": 3.5 if strong else 1.25, "dash": dash},
            "marker": {"size": 7 if strong else 3}, "opacity": 1.0 if strong else 0.8,
            "customdata": _cells([[name, int(c), _share(s), lab] for c, s, lab in
                                  zip(rows["countries"], rows["share_of_world"], rows["source_label"], strict=True)]),
            "hovertemplate": _(PARTNER_RANK_HOVER[flow]) + "<extra></extra>",
        })
        if strong:  # named beside its last point, in its colour (a log axis places annotations by the logarithm)
            last = rows.iloc[-1]
            names.append({"x": last["year"], "y": math.log10(last["rank"]), "text": f"<b>{name}</b>",
                          "showarrow": False, "xanchor": "left", "xshift": 7, "font": {"color": colour, "size": 12}})
    years = lines["year"]
    span = int(years.max() - years.min()) if len(years) else 0
    worst = int(lines["rank"].max()) if len(lines) else 10
    ticks = [t for t in RANK_TICKS if t <= worst * 1.25]
    fig = go.Figure(data=traces, layout={
        "xaxis": _year_axis(years, right=max(1.5, span * 0.16)), "annotations": names,
        "yaxis": {"type": "log", "range": [math.log10(worst * 1.25), math.log10(0.8)], "tickvals": ticks,
                  "title": {"text": _("rank (1 = largest; log scale)")}}}, _validate=False)
    return _finish(fig, title, source, height=480, left=_titled_left(map(str, ticks)), columns=columns)


def partner_split_lines(rows: pd.DataFrame, *, title: str, source: str = "", y_max: float | None = None,
                        flow: str = "turnover", columns: int = 1) -> go.Figure:
    """Shares of Kazakhstan's flow with China, Russia, the source's own EU and the rest of the world, per year of
    one series (kzcn.partnerviews.split_view): four lines. columns: how many such charts stand side by side."""
    traces = []
    for part in ("CHN", "RUS", "EU", "REST"):
        part_rows = rows[rows["part"] == part].sort_values("year")
        if part_rows.empty:
            continue
        name = part_rows["name"].iloc[0]
        traces.append({
            "type": "scatter", "x": part_rows["year"].to_numpy(dtype=int),
            "y": part_rows["share_of_world"].to_numpy(dtype=float), "mode": "lines+markers", "name": name,
            "line": {"color": PARTNER_COLOURS[part], "width": 3 if part in ("CHN", "RUS") else 2,
                     "dash": "solid" if part in ("CHN", "RUS") else "dash"},
            "customdata": _cells([[name, fmt.usd(v), fmt.usd(w)] for v, w in
                                  zip(part_rows["value_usd"], part_rows["world_usd"], strict=True)]),
            # TRANSLATORS: a chart's hover: keep each %{…} as it is (a partner, the year, its share, its trade,
            # Kazakhstan's trade with the World)
            "hovertemplate": _("%{customdata[0]}, %{x}: %{y:.1%} (%{customdata[1]} of %{customdata[2]} with the "
                               "World)") + "<extra></extra>",
        })
    top = y_max if y_max is not None else (float(rows["share_of_world"].max()) if len(rows) else 1.0)
    fig = go.Figure(data=traces, layout={
        "xaxis": _year_axis(rows["year"]),
        "yaxis": {"tickformat": ".0%", "range": [0, top * 1.08], "title": {"text": _(SPLIT_AXIS[flow])}}},
        _validate=False)
    # "100%": its "%" is wider than a letter, and a margin planned too wide costs nothing; 16 px right: the last
    # year's label reaches past the plot (15–17 px measured)
    return _finish(fig, title, source, height=460, left=_titled_left(["100%"]), right=18, columns=columns)


def _rank_labels(rows: pd.DataFrame, every: int = 12) -> list[str]:
    """A rank written on each point of a short line; on a longer one only on its last, best and worst points
    (a phone has no room for thirty numbers; the hover has each)."""
    ranks = [int(r) for r in rows["rank"]]
    if len(ranks) <= every:
        return [str(r) for r in ranks]
    keep = {len(ranks) - 1, ranks.index(min(ranks)), ranks.index(max(ranks))}
    return [str(r) if i in keep else "" for i, r in enumerate(ranks)]


def partner_rank_over_time(rows: pd.DataFrame, *, title: str, source: str = "", colour: str = "#D55E00",
                           y_title: str | None = None) -> go.Figure:
    """One partner's rank per year, one line per series (never joined: each source its own line and marker),
    ranks written on the points. y_title: the axis's title (default "rank", in the reader's language)."""
    styles = {"imf_dots": ("solid", "circle"), "kz_bns": ("dash", "square")}
    traces = []
    for series, g in rows.groupby("series", sort=True):
        g = g.sort_values("year")
        dash, symbol = styles.get(series, ("dot", "diamond"))
        # TRANSLATORS: a line's name: the figures of Kazakhstan's statistics bureau (BNS), each year's from the
        # newest workbook (Excel file) it published
        label = {"imf_dots": "IMF DOTS", "kz_bns": _("BNS (newest workbook of each year)")}.get(series, str(series))
        traces.append({
            "type": "scatter", "x": g["year"].to_numpy(dtype=int), "y": g["rank"].to_numpy(dtype=int),
            "mode": "lines+markers+text", "name": label,
            "line": {"color": colour, "dash": dash, "width": 2.5}, "marker": {"symbol": symbol, "size": 8},
            "text": _rank_labels(g), "textposition": "top center" if series == "imf_dots" else "bottom center",
            "textfont": {"size": 10, "color": colour}, "cliponaxis": False,
            "customdata": _cells([[int(c), _share(s), lab] for c, s, lab in
                                  zip(g["countries"], g["share_of_world"], g["source_label"], strict=True)]),
            # TRANSLATORS: a chart's hover: keep each %{…} as it is (the year, the rank, the number of countries,
            # the share, the source)
            "hovertemplate": _("%{x}: rank %{y} of %{customdata[0]} countries, %{customdata[1]}<br>%{customdata[2]}")
                             + "<extra></extra>",
        })
    worst = int(rows["rank"].max()) if len(rows) else 3
    best = int(rows["rank"].min()) if len(rows) else 1
    pad = max(1.0, (worst - best) * 0.12)
    # TRANSLATORS: an axis's title: a partner's place among all partners (1 = the largest)
    yaxis = {"range": [worst + pad, max(best - pad, 0.4)], "title": {"text": y_title or pgettext("chart axis", "rank")}}
    if worst - best <= 8:
        yaxis["dtick"] = 1
    xaxis = _year_axis(rows["year"], right=0.6)
    xaxis["range"][0] -= 0.1
    fig = go.Figure(data=traces, layout={"xaxis": xaxis, "yaxis": yaxis}, _validate=False)
    return _finish(fig, title, source, height=420, left=_titled_left([str(math.ceil(worst + pad))]))
