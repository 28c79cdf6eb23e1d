"""What every chart has around its data, planned so that Plotly draws it once: title, legend, source line,
margins (a dollar axis and its ticks in the reader's words, a category axis's labels, a colour bar, the legend's
rows), wrapped to fit a phone. `finish` is the one place a figure is completed."""

from __future__ import annotations

import functools
import json
import math
import numbers
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol
from plotly.subplots import make_subplots
from uniseg.linebreak import line_break_units

from kzcn import fmt, i18n

T = TypeVar("T")  # side_by_side's keys
# Plotly does not wrap text: titles and source lines are wrapped to fit a phone's width (about 360 px of chart)
TITLE_WIDTH = 46
SOURCE_WIDTH = 56
# A device without hover (a phone) shows the mode bar all the time, at the chart's top right (y 2–28, measured): the
# title starts under it, in every language (its lines run up to 320 px of a 358 px chart). Plotly draws a title of
# several lines 11 px higher than one line (its first line loses the 0.7 em drop of a top-anchored text; measured).
MODE_BAR_PX = 24
MULTILINE_TITLE_RISE_PX = 11


def finish(fig: go.Figure | dict, title: str, source: str, *, y_title: str | None = None, height: int = 440,
           panels: bool = False, left: int | None = None, below: int = 0, right: int = 10,
           columns: int = 1, align: tuple[int, int] | None = None) -> go.Figure:
    """Title, legend above the plot, and the source under it (so a downloaded PNG still says where the
    numbers come from). `panels`: a figure from `panels`, whose titles sit in a band atop its plot. `left`: the
    left margin a chart plans itself (a category axis's labels), where it is not the dollar axis's. `below`: more
    room between the plot and the source line, for x labels a phone turns upright (a heatmap's years). `right`:
    the right margin, for a colour bar. `columns`: how many charts the page sets side by side, for the legend's
    rows. `align`: (top margin, plot height) the chart takes at least, the largest of the charts it stands beside
    (plot_box), so that their plots line up though their legends or source lines differ.

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
    aliases = usd_tick_aliases(*_usd_extent(traces, stacked, [layout[a] for a in dollar_axes])) if translated else {}
    if translated and any(a != "yaxis" and not layout[a].get("matches") for a in dollar_axes):
        for axis in dollar_axes:  # panels each with its own scale (the chapter gap): each its own ticks too
            on_axis = [t for t in traces if _axis_key(t) == axis]
            aliases |= usd_tick_aliases(*_usd_extent(on_axis, stacked, [layout[axis]]))
    on_right = [axis for axis in dollar_axes if layout[axis].get("side") == "right"]  # a right panel's own ticks
    if left is not None:
        margin_left = left
    elif y_title:
        at_left = [axis for axis in dollar_axes if axis not in on_right]
        margin_left = USD_AXIS_LEFT + max(0, round(_widest_usd_tick(traces, layout, at_left, stacked)
                                                   - tick_px(WIDEST_USD_TICK)))
    else:
        margin_left = 10
    if on_right:
        right = max(right, round(_widest_usd_tick(traces, layout, on_right, stacked)) + RIGHT_TICKS_GAP_PX)
    lines = source_lines(source, SOURCE_WIDTH)
    heading = balanced(title, TITLE_WIDTH)
    # The legend hangs under the title (container coordinates). Where a phone wraps it to more rows than the
    # one planned here, Plotly pushes the plot down (margin auto-expansion), so it never covers the title.
    # Chinese glyphs stand taller than Plotly's line box: a title of several lines needs room above its first line,
    # or that line is cut at the top (seen in Chromium at 1400 px)
    cjk_pad = 6 * len(heading) if len(heading) > 1 and text_cells(title) != len(title) else 0
    rise = MULTILINE_TITLE_RISE_PX if len(heading) > 1 else 0
    title_px = MODE_BAR_PX + rise + 16 + 22 * len(heading) + cjk_pad
    # (+2: a legend's box comes out up to 1.4 px taller than its rows, and any excess is a second pass)
    plot_px = (CONTENT_PX - COLUMN_GAP_PX * (columns - 1)) / columns - margin_left - right
    names, grouped, row_px = _legend_names(fig), _grouped_legend(fig, layout), _legend_row_px(fig)
    rows = legend_rows(names, plot_px, grouped=grouped) if _has_legend(fig) else 0
    legend_px = 26 + row_px * (rows - 1) if rows else 0
    # A phone wraps the legend into more rows (charts side by side on a desktop stack there, each full width), and
    # Plotly takes them from the plot: the chart is planned tall enough to keep the phone a plot worth reading
    phone_rows = legend_rows(names, PHONE_CHART_PX - margin_left - right, grouped=grouped) if rows else 0
    phone_shorter = row_px * max(0, phone_rows - rows)
    phone_plot = max(MIN_PHONE_PLOT_PX, height - 130 - phone_shorter)  # 130: the margins `height` counts in
    height = phone_plot + phone_shorter + 130
    top = title_px + legend_px + 16
    if align:
        top, height = max(top, align[0]), max(height, align[1] + 130)
    total = height + below + 16 * len(lines) + top - 80
    if panels:
        _title_band(layout, phone_plot)
    _merge(layout, {
        "title": {"text": "<br>".join(heading), "x": 0, "xanchor": "left", "y": 1, "yanchor": "top",
                  "yref": "container", "pad": {"t": MODE_BAR_PX + rise + 10 + cjk_pad}},
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
    for axis in (k for k in layout if re.fullmatch(r"[xy]axis\d*", k)):
        if layout[axis].get("tickformat") == PCT_TICKS and "labelalias" not in layout[axis] and (
                percent_aliases := pct_tick_aliases()):
            layout[axis]["labelalias"] = percent_aliases
    if lines:
        layout["annotations"] = [*layout.get("annotations", []), {
            # from the chart's left edge, not the plot's: a wide axis (Russian ticks, country names) would push a
            # line wrapped for a phone off its right side
            "text": "<br>".join(lines), "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -38 - below,
            "xshift": 10 - margin_left,
            "xanchor": "left", "yanchor": "top", "showarrow": False, "font": {"size": 11}, "align": "left"}]
    return go.Figure(data=fig["data"] if isinstance(fig, dict) else fig.data, layout=layout, _validate=False)


def plot_box(fig: go.Figure) -> tuple[int, int]:
    """A finished chart's top margin and plot height: what `finish(align=...)` takes from the charts beside it."""
    margin = fig.layout.margin
    return int(margin.t), int(fig.layout.height - margin.t - margin.b)


def side_by_side(make: Callable[[T, tuple[int, int] | None], go.Figure], keys: Sequence[T]) -> list[go.Figure]:
    """The charts `make(key, align)` for charts set side by side, their plots lined up: each is made as it would
    stand alone, then again with the largest top margin and plot height of them all (plot_box), since a longer
    title, legend or source line moves one plot below the other's (38 px in Chinese). One chart is made once."""
    if len(keys) < 2:
        return [make(key, None) for key in keys]
    boxes = [plot_box(make(key, None)) for key in keys]
    align = (max(top for top, _plot in boxes), max(plot for _top, plot in boxes))
    return [make(key, align) for key in keys]


def separators() -> str:
    """Plotly's decimal and thousands separators in the reader's locale: '.,' in English and Chinese (30.1,
    12,345), ',' and a no-break space in Russian (30,1, 12 345). Ticks, hover values and texttemplates follow it."""
    if i18n.current() == i18n.DEFAULT:
        return ".,"
    loc = i18n.locale()
    return get_decimal_symbol(loc) + get_group_symbol(loc)


def cyrillic_letters(text: str) -> int:
    """How many Cyrillic letters `text` has: they are wider than Latin ones in the app's font."""
    return sum("\u0400" <= ch <= "\u04ff" for ch in text)


def text_cells(text: str) -> int:
    """`text`'s width in character cells: a Chinese character takes two (about 12 px at 12 px), others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit_width(text: str, width: int) -> int:
    """The textwrap width (in characters) that makes lines of `text` about `width` cells wide: `width` for
    Latin text, a sixth less for Cyrillic (its letters are wider in the app's font: a Russian source line ran
    off a 390 px phone), about half of it for Chinese."""
    sixths = 6 * text_cells(text) + cyrillic_letters(text)
    return width if sixths == 6 * len(text) else max(4, width * 6 * len(text) // sixths)


@functools.lru_cache(maxsize=4096)
def break_units(text: str) -> tuple[str, ...]:
    """`text` cut where a line may break. Chinese by Unicode's line-breaking rules (UAX #14, uniseg): between two
    Chinese characters, but never inside a number or a Latin word, before a closing mark ("，", "）", "：") or after
    an opening one; Chinese has no spaces, and textwrap cut it anywhere ("2 / 023年"). Other text after a space,
    the same for it and ~100 times faster (uniseg takes ~5 ms a title). A range of numbers ("1992–2024") stays one
    unit, as textwrap kept it, and so does a number with the Chinese word after it ("2023年")."""
    text = " ".join(text.split())
    if text_cells(text) == len(text):
        return tuple(re.findall(r"\S+\s*", text))
    units: list[str] = []
    for unit in line_break_units(text):
        after = units[-1] if units else ""
        if (after[-1:] == "–" and after[-2:-1].isdigit() and unit[:1].isdigit()) or (
                after[-1:].isdigit() and text_cells(unit[:1]) == 2):  # a number keeps its word: "2023年", "27个"
            units[-1] += unit
        else:
            units.append(unit)
    return tuple(units)


def wrap(text: str, width: float, measure: Callable[[str], float] = len, *, break_words: bool = True) -> list[str]:
    """`text` in lines no wider than `width` by `measure` (characters, or source_room's room), each broken where
    break_units allows; a unit wider than a line is cut by characters (as textwrap does), or with `break_words`
    off kept whole on a line of its own (a long Russian word: "Межправительственно / е" read as two words)."""
    lines, line = [], ""
    for unit in break_units(text):
        if line and measure((line + unit).rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        while break_words and len(unit) > 1 and measure(unit.rstrip()) > width:
            cut = next((n for n in range(len(unit) - 1, 0, -1) if measure(unit[:n]) <= width), 1)
            lines.append(unit[:cut])
            unit = unit[cut:]
        line += unit
    return [*lines, line.rstrip()] if line.strip() else lines


def source_lines(text: str, width: int) -> list[str]:
    """A source line wrapped so that no line is wider than `width` Latin characters' room, each line measured
    (source_room): a Chinese source line naming English publishers ran off a phone when the whole text's average
    set the width."""
    return wrap(text, width, source_room) if text else []


def source_room(line: str) -> float:
    """The room a line of the source note takes, in Latin characters (source_lines)."""
    wide = text_cells(line) - len(line)
    cyrillic = cyrillic_letters(line)
    return len(line) - wide - cyrillic + 1.2 * cyrillic + 2.3 * wide


def balanced(text: str, width: int) -> list[str]:
    """`text` in as few lines no wider than `width` Latin characters' room (source_room) as `wrap` gives, wrapped
    as narrow as that number of lines allows, so the lines are about equal (no lone last word)."""
    lines = wrap(text, width, source_room) or [""]
    for narrower in range(math.ceil(source_room(text) / len(lines)), width):
        candidate = wrap(text, narrower, source_room)
        if len(candidate) <= len(lines):
            return candidate
    return lines


# Margins planned as Plotly's automatic margins will make them (measured in Chromium): Plotly.react starts from the
# layout's margins on every redraw, and where its automatic margins come out different it draws the whole chart a
# second time (Plots.doAutoMargin: ~30 ms of a 320 ms redraw on the Overview, bench/redraw.py --trace). A margin
# planned too wide is kept (a little space); one planned too narrow still grows, at the cost of that second pass.
USD_AXIS_LEFT = 82  # a dollar axis and its rotated title: 72–81 px ($5B to $1.5B ticks), at 1400 and 390 px, en/ru/zh
WIDEST_USD_TICK = "$1.5B"  # the widest English tick USD_AXIS_LEFT makes room for; wider ticks widen the margin


def tick_px(text: str) -> float:
    """A tick label's width at Plotly's 12 px, a little over what Chromium draws (measured on the Partners page's
    country labels in three languages): 6.7 px a digit, 5.8 a Latin letter (9.6 an M or a W: "$200M" is drawn
    ~5 px wider than "$1.5B"), 6.7 a Cyrillic one, 12.3 a Chinese one, 3.4 a space or punctuation, 12 the
    ellipsis that ends a shortened label."""
    digits = sum(ch.isdigit() for ch in text) + 2 * text.count("…")  # the ellipsis: 12 px, near two digits' room
    narrow = sum(ch in " \u00a0\u202f.,'" for ch in text)
    cyrillic = cyrillic_letters(text)
    wide = text_cells(text) - len(text)
    return 6.7 * digits + 3.4 * narrow + 6.7 * cyrillic + 12.3 * wide + 5.8 * (
        len(text) - digits - narrow - cyrillic - wide) + 3.8 * sum(ch in "MW" for ch in text)


CATEGORY_LABEL_GAP_PX = 4  # between two category labels lying side by side, or Plotly stands them on end
CATEGORY_TICK_GAP = 21  # a category axis's margin beyond its widest label (19 px measured, and 2 to spare)
TITLED_AXIS_GAP = 54  # a y axis with a title: its margin beyond its widest tick (52–53 px measured, and 1 to spare)
# a heatmap's colour bar, its 0–100% ticks and one-word title (86 px in English, 89 in Russian: "100 %")
COLOUR_BAR_RIGHT = 91


def titled_left(ticks: Iterable[str]) -> int:
    """The left margin of a y axis with a title and these tick labels (the widest decides), planned as
    category_left plans a category axis's."""
    return round(max(map(tick_px, ticks), default=0)) + TITLED_AXIS_GAP


def category_left(labels: list[str], gap: int = CATEGORY_TICK_GAP) -> int | None:
    """The left margin a category axis of these labels needs, planned so that Plotly need not grow it and draw the
    chart twice (#15), and so that the source line under the chart can start at its left edge. `gap`: the axis's
    room beyond its widest label (a heatmap's is 26–27 px, measured)."""
    return round(max(map(tick_px, labels))) + gap if labels else None


PHONE_CHART_PX = 358  # a chart on a 390 px phone (measured)
# the least plot a phone keeps under a legend it wraps into more rows: the sector tab's bars kept 137 px in Russian
# (a legend of nine groups in seven rows); the other charts keep 274 px or more
MIN_PHONE_PLOT_PX = 250
LEGEND_ROW_PX = {"bar": 29, "other": 19}  # each further row of a horizontal legend: bars' swatches stand taller
# The main column a legend's rows are planned for: a 1280 px desktop's is 820 px, and a chart in an expander (the
# speech's figures) 786. A wider screen keeps a row spare above a legend that wraps less there; a narrower one
# (a phone) wraps it further and Plotly draws the chart a second time (docs/performance.md, ninth round).
CONTENT_PX, COLUMN_GAP_PX = 780, 16  # and the gap between st.columns in it
PLANNED_PLOT_PX = CONTENT_PX - USD_AXIS_LEFT - 10  # the plot area of a full-width chart with a dollar axis: 688 px


def legend_rows(names: list[str], width: float = PLANNED_PLOT_PX, *, grouped: bool = False) -> int:
    """The rows a horizontal legend of these items takes in a plot `width` px wide, packed as Plotly packs them
    (src/components/legend/draw.js, computeLegendDimensions). An item is 40 px of symbol and its text, ~5.3 px a
    Latin character, 6.1 a Cyrillic one, 12.3 a Chinese one (measured at the app's 12 px), 5 px apart.
    - Plain: one row if every item fits side by side; else each item takes the widest item's room, rows filled
      left to right.
    - `grouped` (a trace has a legendgroup, so Plotly's traceorder is "grouped"; one item per group here): each
      item keeps its own width, and a row takes items while the next still fits.
    A phone wraps into more rows than planned here; Plotly then pushes the plot down itself."""
    gap = 5
    texts = []
    for name in names:
        cyrillic = cyrillic_letters(name)
        wide = text_cells(name) - len(name)  # one extra cell per Chinese character
        texts.append(5.3 * (len(name) - cyrillic - wide) + 6.1 * cyrillic + 12.3 * wide)
    if not texts or (not grouped and width > sum(40 + t + gap for t in texts) - gap):
        return 1
    rows, x = 1, 0.0
    for text in texts:
        item = 40 + text if grouped else 40 + max(texts)
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


def _grouped_legend(fig: go.Figure | dict, layout: dict) -> bool:
    """Whether Plotly packs the legend by groups: some trace has a legendgroup (its default traceorder is then
    "grouped") and the layout does not set another order."""
    traces = fig["data"] if isinstance(fig, dict) else [{"legendgroup": getattr(t, "legendgroup", None)}
                                                       for t in fig.data]
    order = (layout.get("legend") or {}).get("traceorder")
    return ("grouped" in order) if order else any(t.get("legendgroup") for t in traces)


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


# A panel's title sits atop its plot, inside the plot's area (the y axes end below it), so that it moves down with
# the plot when a phone wraps the legend into more rows than planned: in the top margin, under the legend, a
# phone's taller legend covered it, and two titles centred over 125 px panels ran into each other in Russian
# ("По данным КитаяПо данным Казахстана"). Each title is wrapped to its panel's width on a 390 px phone.
PANEL_TITLE = "panel title"  # the name of a panel title's annotation
PANEL_TITLE_FONT_PX = 12  # as the ticks and the legend: tick_px measures it
PANEL_TITLE_LINE_PX = 17  # a line of it, as Chromium draws it
PANEL_TITLE_GAP_PX = 8  # between a panel's title and the top of its data
# a full-width chart's plot with a dollar axis on a 390 px phone: 245 px measured in Russian, whose ticks are widest
# (a left margin of 103 px), 266 in English
PHONE_WIDEST_LEFT_PX = 103
PHONE_PLOT_PX = PHONE_CHART_PX - PHONE_WIDEST_LEFT_PX - 10
# Titles are centred on their panels (two: 48% of the plot each, 4% apart), so two neighbours stay apart, and the
# right one inside the chart, while each is at most the distance between their centres, less a gap
PHONE_PANEL_PX = 0.52 * PHONE_PLOT_PX - 6


# Two panels with a y axis each: the left one's ticks at its left, the right one's at its right, so no ticks stand
# between them. Between them had been 12% of the plot, ~29 px on a phone, and Russian ticks ("4 млрд", ~45 px) ran
# 15 px into the left panel; finish plans the right margin for the right panel's ticks (RIGHT_TICKS_GAP_PX).
OWN_AXES_SPACING = 0.06
RIGHT_TICKS_GAP_PX = 14  # between the right panel's ticks and the chart's edge, with Plotly's standoff
# their plot on a phone, less Russian's widest ticks on both sides (103 px at the left, up to 60 at the right:
# "4,5 млрд" and the gap), each panel's x axis, and the room for a title centred on its panel (their centres
# are half the plot and half the spacing apart)
PHONE_OWN_AXES_PLOT_PX = PHONE_CHART_PX - PHONE_WIDEST_LEFT_PX - 60
PHONE_OWN_AXES_PANEL_AXIS_PX = (1 - OWN_AXES_SPACING) / 2 * PHONE_OWN_AXES_PLOT_PX
PHONE_OWN_AXES_TITLE_PX = (1 + OWN_AXES_SPACING) / 2 * PHONE_OWN_AXES_PLOT_PX - 6


@functools.lru_cache(maxsize=16)
def panel_layout(titles: tuple[str, ...], shared: bool = True) -> str:
    """make_subplots' layout for one row of panels sharing the y axis (or, `shared` False, each with its own, its
    ticks shown), each title wrapped to a phone's panel and hung from the top of the plot area (finish makes the
    band it hangs in), as JSON: built once (~13 ms)."""
    if not shared and len(titles) > 2:
        raise ValueError("at most two panels with their own y axes: the left one's ticks at its left, the right one's "
                         "at its right")
    own_pair = not shared and len(titles) == 2
    layout = make_subplots(rows=1, cols=len(titles), shared_yaxes=shared,
                           horizontal_spacing=0.04 if shared else OWN_AXES_SPACING,
                           subplot_titles=list(titles)).layout.to_plotly_json()
    layout.pop("template", None)  # the figure takes the template in force when it is made
    if own_pair:
        layout["yaxis2"]["side"] = "right"
    room = PHONE_OWN_AXES_TITLE_PX if own_pair else PHONE_PANEL_PX
    for note, title in zip(layout["annotations"], titles, strict=True):
        note.update(name=PANEL_TITLE, text="<br>".join(wrap(title, room, tick_px)), yanchor="top",
                    font={"size": PANEL_TITLE_FONT_PX})
    return json.dumps(layout)


def panels(titles: list[str], *, shared: bool = True) -> go.Figure:
    """An empty figure with one panel per title, side by side, sharing the y axis unless `shared` is False (one
    or two panels, a right one's ticks at its right; see panel_axes)."""
    return go.Figure(layout=json.loads(panel_layout(tuple(titles), shared)))


def _title_band(layout: dict, phone_plot_px: float) -> None:
    """End every y axis of a panels figure below a band for its panels' titles. The band is a share of the plot's
    height, and a phone's plot is shorter by the legend rows it adds: the band is planned for that plot, so on a
    desktop it is a little taller than its titles."""
    lines = max((note["text"].count("<br>") + 1 for note in layout.get("annotations", [])
                 if note.get("name") == PANEL_TITLE), default=0)
    top = 1 - (PANEL_TITLE_LINE_PX * lines + PANEL_TITLE_GAP_PX) / phone_plot_px
    for axis in (k for k in layout if re.fullmatch(r"yaxis\d*", k)):
        layout[axis]["domain"] = [0, round(top, 4)]


def upright_labels_below(labels: list[str], per_axis: int, axis_px: float) -> int:
    """The room `finish(below=...)` keeps under a category axis whose labels a phone turns upright: Plotly stands
    them on end where `per_axis` of them side by side do not fit in `axis_px` (a 390 px phone's), and the source
    line under the chart must then start below their length, not below one line of text (it ran into "HS 26" on a
    phone). 0 where they fit lying down."""
    widest = max(map(tick_px, labels), default=0)
    return 0 if not per_axis or (widest + CATEGORY_LABEL_GAP_PX) * per_axis <= axis_px else math.ceil(widest) - 10


def panel_axes(col: int) -> dict[str, str]:
    """The axes of panel `col` (1-based) of a panels figure, for a trace."""
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
    axis title says they are US dollars, and a phone has no room for the currency on every tick), for every tick
    Plotly could draw on an axis whose data run from `low` to `high` (usd_ticks). Used as the axis's labelalias:
    Plotly has no locale's words for billions. Empty in English."""
    return {} if i18n.current() == i18n.DEFAULT else usd_ticks(low, high)


def usd_ticks(low: float, high: float) -> dict[str, str]:
    """Every tick Plotly could draw on a dollar axis whose data run from `low` to `high`, its English text → the
    text drawn in the reader's language (the same in English): steps of 1, 2 or 5 × 10ⁿ between a twentieth of
    the span and the span (plotly.js autoTicks takes 3 to 10 steps), on a range padded by up to 15 %."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return {}
    english = i18n.current() == i18n.DEFAULT
    span, decimal = high - low, separators()[0]
    tops = {max(abs(low), abs(high)) * pad for pad in (1.0, 1.15)}
    steps = [m * 10.0 ** k for k in range(math.floor(math.log10(span / 20)), math.floor(math.log10(span)) + 2)
             for m in (1, 2, 5) if span / 20 <= m * 10.0 ** k <= span * 1.2]
    aliases = {}
    for step in steps:
        for n in range(math.floor(low * 1.15 / step), math.ceil(high * 1.15 / step) + 1):
            for top in tops:
                text = plotly_usd_tick(n * step, step, top, decimal)
                aliases[text] = text if english else fmt.compact(n * step)
    return aliases


PCT_TICKS = ".0%"  # the tick format of kzcn's share axes and colour bars (40%)


def pct_tick_aliases() -> dict[str, str]:
    """Plotly's percent ticks (d3's ".0%": 40%, −20%) → the reader's locale's way (Russian 40 %, with a no-break
    space, as fmt.pct writes it in the text), for every whole percent from −100 to 200. Used as an axis's or a
    colour bar's labelalias; empty where the locale writes them as Plotly does (English, Chinese)."""
    return dict(_pct_tick_aliases(i18n.current()))  # a copy: each figure owns its layout


@functools.lru_cache(maxsize=8)
def _pct_tick_aliases(lang: str) -> dict[str, str]:
    """pct_tick_aliases for `lang`, written once (301 Babel formats: ~3 ms, on every figure built in Russian)."""
    if lang == i18n.DEFAULT:
        return {}
    with i18n.language(lang):
        aliases = {("−" if n < 0 else "") + f"{abs(n)}%": fmt.pct(n, 0, signed=n < 0) for n in range(-100, 201)}
    return {tick: text for tick, text in aliases.items() if tick != text}


def _axis_key(trace: object) -> str:
    """The layout key of the y axis a trace is drawn on ("y2" → "yaxis2")."""
    axis = (trace.get("yaxis") if isinstance(trace, dict) else getattr(trace, "yaxis", None)) or "y"
    return "yaxis" + axis[1:]


def _widest_usd_tick(traces: list, layout: dict, axes: list[str], stacked: bool) -> float:
    """The width of the widest tick the dollar `axes` (layout keys) can draw, in the reader's words (English
    "$200M" is wider than WIDEST_USD_TICK); WIDEST_USD_TICK's where they draw none."""
    on_axes = [t for t in traces if _axis_key(t) in axes]
    drawn = usd_ticks(*_usd_extent(on_axes, stacked, [layout[axis] for axis in axes])).values()
    return max(map(tick_px, drawn), default=tick_px(WIDEST_USD_TICK))


def _usd_extent(traces: list, stacked: bool, axes: list[dict]) -> tuple[float, float]:
    """The dollars a chart's axes show: its data (usd_range), widened to any range an axis sets (the Overview's
    event names double the axis: its ticks $70B and $80B were left in English)."""
    low, high = usd_range(traces, stacked)
    for axis in axes:
        if axis.get("range") and None not in axis["range"]:
            low, high = min(low, *axis["range"]), max(high, *axis["range"])
    return low, high


def usd_range(traces: list, stacked: bool) -> tuple[float, float]:
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


def usd_axis(fig: go.Figure) -> None:
    """Dollar ticks in B/M ($25B), which readers parse faster than 2.5e10 or SI's "G"."""
    fig.update_yaxes(**USD_AXIS)


def short(label: str, width: int = 38) -> str:
    """A code and name cut to fit a box or a legend ("8703 Motor cars and other motor vehicles…"); a Chinese
    character counts twice."""
    head = label.split(";")[0].split("；")[0]
    if text_cells(head) == len(head):
        return head if len(head) <= width else head[: width - 1].rstrip(" ,") + "…"
    if text_cells(head) <= width:
        return head
    while text_cells(head) > width - 1:
        head = head[:-1]
    return head.rstrip(" ,，、") + "…"


def plain(text: str) -> str:
    """Text for a Plotly label: its own '<', '>' and '&' shown as they are, never read as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

