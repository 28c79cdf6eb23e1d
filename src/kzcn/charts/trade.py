"""Charts of the trade pages: both sides' totals over time, the gap between them, goods by sector, chapter and
heading, and China's share of each chapter."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb

from kzcn import fmt
from kzcn.charts.layout import (
    COLOUR_BAR_RIGHT,
    PCT_TICKS,
    PHONE_OWN_AXES_PANEL_AXIS_PX,
    PHONE_PLOT_PX,
    USD_AXIS,
    category_left,
    finish,
    panel_axes,
    panels,
    pct_tick_aliases,
    short,
    upright_labels_below,
    usd_axis,
)
from kzcn.charts.style import (
    AS_REPORTS,
    BALANCE_COLOUR,
    DIRECTION_COLOURS,
    GOODS,
    REPORTER_COLOURS,
    REPORTER_DASH,
    REPORTER_TINT,
    SECTOR_COLOURS,
    UNITS_USD,
    as_of,
    goods_direction,
    group_name,
    reporter_key,
    tint,
)
from kzcn.i18n import N_, _, pgettext
from kzcn.sectors import SMALL_BOX_SHARE
from kzcn.views import REMAINDER

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
# the diamonds over years with events, by device: a year is ~8 px wide on a phone's Overview, where diamonds of
# 11 px (~14 px drawn) ran into one grey band; 5 px draws ~6.5 px
EVENTS_NAME = N_("Events (hover)")
EVENT_MARK_PX, PHONE_EVENT_MARK_PX = 11, 5
MEASURE_TITLES = {
    "turnover": N_("China–Kazakhstan trade turnover, as each side reports it"),
    "exports": N_("China–Kazakhstan trade exports, as each side reports it"),
    "imports": N_("China–Kazakhstan trade imports, as each side reports it"),
    "balance": N_("China–Kazakhstan trade balance, as each side reports it"),
}


def trade_over_time(totals: pd.DataFrame, *, measure: str = "turnover", source: str = "",
                    event_years: pd.DataFrame | None = None, press: pd.DataFrame | None = None,
                    title: str | None = None, event_names: bool = False, phone: bool = False) -> go.Figure:
    """One line per reporting side, never joined across sides; a mark where a side's line changes series.

    totals: year, reporter, <measure>, series, source_label. event_years: year, label (hover text of that
    year's events), major (the name to write on the chart with `event_names`, or ""). press: year, value_usd,
    label — press figures shown as separate hollow markers, never on a line. phone: the reader's browser is a
    phone's (smaller event marks, PHONE_EVENT_MARK_PX).
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
            x=event_years["year"], y=[top * 1.08] * len(event_years), mode="markers", name=_(EVENTS_NAME),
            marker={"symbol": "diamond", "size": PHONE_EVENT_MARK_PX if phone else EVENT_MARK_PX, "color": "#8C8C8C"},
            customdata=event_years[["label"]].to_numpy(),
            # TRANSLATORS: the hover's tag on a year's events (a diamond above the lines)
            hovertemplate="%{x}<br>%{customdata[0]}<extra>" + pgettext("chart hover", "events") + "</extra>",
        ))
        if event_names:
            _mark_events(fig, event_years[event_years["major"] != ""], top)
    usd_axis(fig)
    if len(totals):
        fig.update_xaxes(range=[totals["year"].min() - 0.6, totals["year"].max() + 0.6])
    fig.update_xaxes(title_text=None, dtick=2 if totals["year"].nunique() > 16 else 1)
    return finish(fig, title or _(MEASURE_TITLES[measure]), source, y_title=_(UNITS_USD), height=440)


SOURCE_SWITCH = {
    # TRANSLATORS: where a line changes source: {before} and {after} are sources' names, {last} and {first} years
    # (years first: a source's name can end in years of its own, "…, 1961 and 1978–2020 to 2013" read as one span)
    "China": N_("as China reports: up to {last}, {before}; from {first}, {after}"),
    "Kazakhstan": N_("as Kazakhstan reports: up to {last}, {before}; from {first}, {after}"),
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


def _mark_events(fig: go.Figure, named: pd.DataFrame, top: float) -> None:
    """A faint line from each year's major event (its diamond) down to the axis; the names are listed under the
    chart (app_pages/overview.py). Written on the chart, rotated, they overprinted each other on a phone, where
    a year is ~8 px wide, and were cut to 32 characters everywhere."""
    xs, ys = [], []
    for year in named["year"]:
        xs += [year, year, None]
        ys += [0, top * 1.08, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#8C8C8C", "width": 1, "dash": "dot"},
                             hoverinfo="skip", showlegend=False))


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
    fig = panels([_(AS_REPORTS[r]) for r in reporters])
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
                **panel_axes(col),
            ))
            seen.add(group)
    fig.update_layout(barmode="group")
    usd_axis(fig)
    fig.update_yaxes(rangemode="normal")
    return finish(fig, _("Exports, imports and balance, as each side reports them"), source, y_title=_(UNITS_USD),
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
    fig = panels([_(d) for d in directions])
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
                                "%{customdata[1]}") + "<extra>" + label + "</extra>", **panel_axes(col),
            ))
    reporter_key(fig, "lines")
    usd_axis(fig)
    return finish(fig, _("The mirror gap: the same trade as each side records it"), source, y_title=_(UNITS_USD),
                   panels=True)


GROUP_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                 "#8C6D31")  # Okabe–Ito and one brown: chapters or headings, in order of size
OTHER_GREY = "#9E9E9E"
TOTAL_MARK_COLOUR = "#777777"  # another series' total beside a cut bar: readable on a light and a dark page


def goods_treemap(nodes: pd.DataFrame, *, title: str, source: str = "") -> go.Figure:
    """One year's goods in two levels: sectors and their chapters, or the chosen chapters and their HS4 headings.

    `nodes` comes from kzcn.sectors.breakdown (the sector tab) or sectors.row_nodes (the BACI tab), which hold only
    the levels in view (Plotly draws a box for every node it is given, whatever `maxdepth`), through sectors.boxes
    (the boxes too small to read drawn as one per parent, its hover listing their codes); on the sector tab a click
    opens a box through the page's filters (app_pages/trade.py). A remainder is one grey box at the top level, named
    as a remainder.
    """
    named = [group_name(label) + ("<br>" + _listed_codes(codes) if codes else "")
             for label, codes in zip(nodes["label"], nodes["members"], strict=True)]
    colours = [SECTOR_COLOURS[REMAINDER] if lvl == "remainder" else
               _paler(SECTOR_COLOURS.get(s, OTHER_GREY)) if lvl == "grouped" else SECTOR_COLOURS.get(s, OTHER_GREY)
               for s, lvl in zip(nodes["sector"], nodes["level"], strict=True)]
    values = nodes["value_usd"].to_numpy(dtype=float)
    # each box's share of all the goods shown, written by fmt (Plotly's %{percentRoot:.1%} wrote "22,9%" where
    # Russian writes "22,9 %"): the top-level boxes add up to the whole
    total = float(values[~nodes["parent"].isin(nodes["id"]).to_numpy()].sum())
    shares = [fmt.pct(v / total * 100, signed=False) if total > 0 else fmt.MISSING for v in values]
    treemap = {  # a plain dict, the figure made once in finish (see goods_bars)
        "type": "treemap", "ids": nodes["id"].to_numpy(dtype=object), "parents": nodes["parent"].to_numpy(dtype=object),
        "labels": [short(group_name(x)) for x in nodes["label"]],
        "values": values, "branchvalues": "total", "maxdepth": 2, "root": {"color": "rgba(0,0,0,0)"},
        "customdata": [[name, fmt.usd(v), share] for name, v, share in zip(named, values, shares, strict=True)],
        "marker": {"colors": colours},
        # TRANSLATORS: a chart's hover: keep each %{…} as it is (Plotly fills in the name, value and share)
        "hovertemplate": _("%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]} of the goods shown")
                         + "<extra></extra>",
        "texttemplate": "%{label}<br>%{customdata[2]}",
    }
    return finish({"data": [treemap], "layout": {}}, title, source, height=540)


def _paler(colour: str) -> str:
    """A hex colour seen through the page's background: a grouped box reads as several, not as one chapter."""
    return "rgba({}, {}, {}, 0.55)".format(*hex_to_rgb(colour))


def _listed_codes(codes: tuple[str, ...], most: int = 12) -> str:
    """A grouped box's chapters or headings for its hover: the first `most` codes, then an ellipsis."""
    shown = pgettext("list separator", ", ").join(codes[:most]) + (" …" if len(codes) > most else "")
    # TRANSLATORS: the hover of a treemap box holding several small chapters or headings; {codes}: their HS codes
    return _("each under {share} of the goods shown: {codes}").format(
        share=fmt.pct(SMALL_BOX_SHARE * 100, signed=False, digits=1), codes=shown)


def goods_bars(bars: pd.DataFrame, years: pd.DataFrame, *, title: str, level: str, source: str = "",
               totals: pd.DataFrame | None = None, totals_name: str = "") -> go.Figure:
    """Stacked bars per year by sector, chapter or heading; years drawn from an incomplete source are hatched
    and starred on the axis, and a group with no complete figure in a year has no bar there (never a zero).
    `totals`: year, value_usd: another series' all-goods figure for cut years (sectors.totals_beside_cut_years),
    a dash beside the bar, named `totals_name` in the legend: never stacked with the source's own bars."""
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
    # traces as plain dicts, the figure made once (in finish) without validation: go.Bar objects validated and
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
    has_totals = totals is not None and not totals.empty
    if has_totals:
        traces.append({
            "type": "scatter", "mode": "markers", "x": totals["year"].to_numpy(dtype="int64"),
            "y": totals["value_usd"].to_numpy(dtype=float), "name": totals_name,
            "marker": {"symbol": "line-ew", "size": 18, "line": {"width": 3, "color": TOTAL_MARK_COLOUR}},
            "customdata": [[fmt.usd(v)] for v in totals["value_usd"]],
            "hovertemplate": "%{x} · " + totals_name + ": %{customdata[0]}<extra></extra>",
        })
    ticks = sorted(int(y) for y in years["year"])
    xaxis = {"tickmode": "array", "tickvals": ticks, "ticktext": [f"{y}*" if y in flagged else str(y) for y in ticks]}
    if ticks:  # a year with no complete bar stays
        xaxis["range"] = [ticks[0] - 0.6, ticks[-1] + 0.6]
    # a cut year's bar is only the part its source recorded: said over it, so that it never reads as a fall in
    # trade (2020–2022 as Kazakhstan reports were drawn at ~30% of the bureau's total, and read as a collapse)
    tops = bars[bars["value_usd"] > 0].groupby("year")["value_usd"].sum()
    if has_totals:  # the word goes over the dash where the dash stands higher
        tops = tops.combine(totals.set_index(totals["year"].astype(int))["value_usd"], max, fill_value=0.0)
    # TRANSLATORS: written on end over a hatched bar: the year's figures are only part of the trade
    partial = _("incomplete")
    marks = [{"x": y, "y": float(tops.get(y, 0.0)), "text": partial, "textangle": -90, "showarrow": False,
              "yanchor": "bottom", "yshift": 3, "font": {"size": 11, "color": OTHER_GREY}} for y in sorted(flagged)]
    fig = {"data": traces, "layout": {"barmode": "relative", "yaxis": dict(USD_AXIS), "xaxis": xaxis,
                                      "annotations": marks}}
    note = _("* hatched: the source is incomplete that year (see the note below the chart)") if flagged else ""
    # a phone stands a dozen years ("2014*") on end: the source line goes below them
    return finish(fig, title, "  ".join(x for x in (source, note) if x), y_title=_(UNITS_USD),
                  below=upright_labels_below(xaxis["ticktext"], len(ticks), PHONE_PLOT_PX))


def share_bars(rows: pd.DataFrame, *, title: str, direction: str, source: str = "") -> go.Figure:
    """China's share of each chapter of Kazakhstan's trade in one year (rows from kzcn.sectors.largest_chapters):
    one bar per chapter, the share at the bar's end and the dollar figures behind it in the hover."""
    labels = [short(x, 30) for x in rows["label"]]
    fig = go.Figure(go.Bar(
        x=rows["share"], y=labels, orientation="h", marker_color=DIRECTION_COLOURS[direction],
        text=[fmt.share_pct(s) for s in rows["share"]], textposition="outside",  # as the sentence above writes it
        cliponaxis=False,
        customdata=[[lab, fmt.usd(c), fmt.usd(w), fmt.pct(s * 100, signed=False)] for lab, c, w, s
                    in zip(rows["label"], rows["china_usd"], rows["world_usd"], rows["share"], strict=True)],
        # TRANSLATORS: a chart's hover: keep each %{…} as it is (a chapter, trade with China, trade with the
        # World, China's share)
        hovertemplate=_("%{customdata[0]}<br>with China %{customdata[1]} of %{customdata[2]} with the World: "
                        "%{customdata[3]}") + "<extra></extra>",
    ), layout={"xaxis": {"tickformat": PCT_TICKS, "range": [0, 1.15], "tickvals": [0, 0.25, 0.5, 0.75, 1]},
               "yaxis": {"automargin": True}, "showlegend": False})  # room right of 100% for the labels
    return finish(fig, title, source, height=max(360, 26 * len(rows) + 140), left=category_left(labels))


HEATMAP_NAME_CELLS = 20


# The heat map's colour: the goods' colour, ever more opaque over the page, so that it reads on a light page and a
# dark one alike. Most shares are under 40%: opacity rises fast there (at 10% a cell is already a third opaque),
# then slowly to 100%, where a linear blend from grey left 0–40% near-black on a dark page. The colour bar shows it.
SHARE_OPACITY = ((0.0, 0.06), (0.1, 0.32), (0.25, 0.52), (0.5, 0.76), (1.0, 1.0))


def share_colours(colour: str) -> list[list]:
    """A Plotly colour scale for shares 0–1 in `colour` (#RRGGBB), by SHARE_OPACITY."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return [[at, f"rgba({r},{g},{b},{alpha})"] for at, alpha in SHARE_OPACITY]


def share_heatmap(share: pd.DataFrame, chapters: list[str], *, title: str, direction: str,
                  source: str = "") -> go.Figure:
    """China's share per chapter and year (complete years only; a year that is not there is a gap, not zero: an
    empty column under its year, where the years' axis had skipped it and set 2019 beside 2023)."""
    grid = share[share["hs_chapter"].isin(chapters)].pivot(index="hs_chapter", columns="year", values="share")
    years = [int(y) for y in grid.columns]
    grid = grid.reindex(index=chapters, columns=range(min(years), max(years) + 1) if years else [])
    labels = share.drop_duplicates("hs_chapter").set_index("hs_chapter")["label"].reindex(chapters)
    # names of 20 cells: at 30, a phone kept ~45 px of grid beside Russian or Chinese names (the hover has them whole)
    names = [short(x, HEATMAP_NAME_CELLS) for x in labels]
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=[str(y) for y in grid.columns], y=names,
        # each cell's chapter and share, the share as fmt writes it (Plotly's %{z:.1%} wrote "24,9%" in Russian)
        customdata=[[[label, fmt.pct(v * 100, signed=False)] for v in row] for label, row in
                    zip(labels, grid.to_numpy(), strict=True)],
        colorscale=share_colours(DIRECTION_COLOURS[direction]), zmin=0, zmax=1,
        # TRANSLATORS: the colour scale's title: China's share of a chapter's trade
        colorbar={"tickformat": PCT_TICKS, "labelalias": pct_tick_aliases(),
                  "title": {"text": pgettext("chart axis", "share")}, "thickness": 12},
        hovertemplate="%{customdata[0]}, %{x}: %{customdata[1]}<extra></extra>", xgap=2, ygap=2,
        hoverongaps=False,
        # no text per cell: unreadable on a phone, and 160 text nodes to redraw on every filter change
    ), layout={"xaxis": {"type": "category", "showgrid": False},  # (a grid line ran through the see-through cells)
               "yaxis": {"automargin": True, "showgrid": False}})
    # on a phone the years stand upright under the narrow columns (~28 px): the source line goes below them
    return finish(fig, title, source, height=max(360, 26 * len(chapters) + 140), left=category_left(names, 30),
                   below=24, right=COLOUR_BAR_RIGHT)


def chapter_gap_bars(gap: pd.DataFrame, *, directions: list[str], title: str, source: str = "") -> go.Figure:
    """One year: each chapter as China and as Kazakhstan record it, one panel per direction of goods, in the
    goods' colour (China's count solid, Kazakhstan's lighter). Each panel has its own scale: the chapters both
    sides record are mostly Kazakhstan's exports, and on a shared axis goods China → Kazakhstan were a flat line."""
    fig = panels([_(d) for d in directions], shared=False)
    labels, most = [], 0
    for col, direction in enumerate(directions, start=1):
        rows = gap[gap["direction"] == direction].sort_values("hs_chapter")
        # TRANSLATORS: an HS chapter on a chart's axis, e.g. "HS 27"
        chapters = [_("HS {chapter}").format(chapter=c) for c in rows["hs_chapter"]]
        labels, most = labels + chapters, max(most, len(chapters))  # a phone may stand them on end
        for side, column in (("China", "china_reported"), ("Kazakhstan", "kazakhstan_reported")):
            fig.add_trace(go.Bar(
                x=chapters, y=rows[column], name=_(DIRECTION_AS_OF[side]).format(direction=_(direction)),
                marker={"color": tint(DIRECTION_COLOURS[direction], REPORTER_TINT[side]),
                        "line": {"color": DIRECTION_COLOURS[direction], "width": 1.5}}, showlegend=False,
                customdata=list(zip(rows["label"], rows[column].map(fmt.usd), rows["gap_pct"].map(fmt.pct),
                                    strict=True)),
                # TRANSLATORS: a chart's hover: keep each %{…} as it is (a chapter, its figure, the gap)
                hovertemplate=_("%{customdata[0]}: %{customdata[1]}<br>gap (China minus Kazakhstan, % of "
                                "Kazakhstan's figure): %{customdata[2]}") + "<extra>" + _(AS_REPORTS[side])
                              + "</extra>", **panel_axes(col),
            ))
    reporter_key(fig, "bars")
    fig.update_layout(barmode="group")
    usd_axis(fig)
    return finish(fig, title, source, y_title=_(UNITS_USD), panels=True,
                  below=upright_labels_below(labels, most, PHONE_OWN_AXES_PANEL_AXIS_PX if len(directions) > 1
                                             else PHONE_PLOT_PX))
