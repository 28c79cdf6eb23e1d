"""Charts of Kazakhstan's partners (kzcn.partnerviews): the top partners, ranks over time, the split between
China, Russia, the EU and the rest, and one partner's rank."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from kzcn import fmt
from kzcn.charts.layout import PCT_TICKS, PHONE_CHART_PX, category_left, finish, tick_px, titled_left
from kzcn.i18n import N_, _, pgettext

# ---- Kazakhstan's partners (kzcn.partnerviews) -------------------------------------------------------------------
# China and Russia in the same colours on every partner chart; the source's EU and the rest of the world too.
# Each figure is made in one step from plain trace and layout dicts, not validated here (a rerun that changes the
# years rebuilds them: validating ten line traces cost ~20 ms); as for finish, tests/test_charts_valid.py validates
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
    "turnover": N_("%{customdata[0]}: %{customdata[1]}, %{customdata[5]} of turnover with the World<br>rank "
                   "%{customdata[2]} of %{customdata[3]} countries · %{customdata[4]}"),
    "exports": N_("%{customdata[0]}: %{customdata[1]}, %{customdata[5]} of exports with the World<br>rank "
                  "%{customdata[2]} of %{customdata[3]} countries · %{customdata[4]}"),
    "imports": N_("%{customdata[0]}: %{customdata[1]}, %{customdata[5]} of imports with the World<br>rank "
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
                 x_max: float | None = None, align: tuple[int, int] | None = None) -> go.Figure:
    """One source's largest partners in one year (kzcn.partnerviews.top_bars): a bar per country, its share of
    the reporter's trade with the World, ranked top to bottom; China and Russia in their colours and, where they
    are below the top, still drawn with their rank. x_max: the largest share on the panels drawn beside it, so
    side-by-side panels share one scale. align: their largest top margin and plot height (layout.side_by_side)."""
    labels = [f"{r}. {n}" for r, n in zip(rows["rank"], rows["name"], strict=True)]
    colours = [PARTNER_COLOURS[p] if p in ("CHN", "RUS") else PARTNER_GREY for p in rows["partner"]]
    top = x_max if x_max is not None else float(rows["share_of_world"].max()) if len(rows) else 0.0
    fig = go.Figure(data=[{
        "type": "bar", "x": rows["share_of_world"].to_numpy(dtype=float), "y": labels, "orientation": "h",
        "marker": {"color": colours}, "text": [_share(s) for s in rows["share_of_world"]], "textposition": "outside",
        "cliponaxis": False,
        "customdata": _cells([[n, fmt.usd(v), int(r), int(c), lab, _share(s)] for n, v, r, c, lab, s in
                              zip(rows["name"], rows["value_usd"], rows["rank"], rows["countries"],
                                  rows["source_label"], rows["share_of_world"], strict=True)]),
        "hovertemplate": _(PARTNER_BAR_HOVER[flow]) + "<extra></extra>",
    }], layout={"xaxis": {"tickformat": PCT_TICKS, "range": [0, max(top, 0.01) * 1.3], "title": {"text": None}},
                "yaxis": {"autorange": "reversed", "automargin": True, "type": "category"}, "showlegend": False},
        _validate=False)
    return finish(fig, title, source, height=max(340, 26 * len(rows) + 150), left=category_left(labels),
                  align=align)


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
                       columns: int = 1, align: tuple[int, int] | None = None) -> go.Figure:
    """Each year's rank of the partners of kzcn.partnerviews.rank_lines (one series): China and Russia thick and
    named at their line's end, the others thin. Rank 1 at the top, on a log scale so the top places stay apart.
    columns: how many such charts the page sets side by side (the legend wraps to their width); align: their
    largest top margin and plot height (layout.side_by_side)."""
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
    return finish(fig, title, source, height=480, left=titled_left(map(str, ticks)), columns=columns, align=align)


def partner_split_lines(rows: pd.DataFrame, *, title: str, source: str = "", y_max: float | None = None,
                        flow: str = "turnover", columns: int = 1, align: tuple[int, int] | None = None
                        ) -> go.Figure:
    """Shares of Kazakhstan's flow with China, Russia, the source's own EU and the rest of the world, per year of
    one series (kzcn.partnerviews.split_view): four lines. columns: how many such charts stand side by side;
    align: their largest top margin and plot height (layout.side_by_side), so that their plots line up."""
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
            "customdata": _cells([[name, fmt.usd(v), fmt.usd(w), _share(s)] for v, w, s in
                                  zip(part_rows["value_usd"], part_rows["world_usd"], part_rows["share_of_world"],
                                      strict=True)]),
            # TRANSLATORS: a chart's hover: keep each %{…} as it is (a partner, the year, its share, its trade,
            # Kazakhstan's trade with the World)
            "hovertemplate": _("%{customdata[0]}, %{x}: %{customdata[3]} (%{customdata[1]} of %{customdata[2]} "
                               "with the World)") + "<extra></extra>",
        })
    top = y_max if y_max is not None else (float(rows["share_of_world"].max()) if len(rows) else 1.0)
    fig = go.Figure(data=traces, layout={
        "xaxis": _year_axis(rows["year"]),
        "yaxis": {"tickformat": PCT_TICKS, "range": [0, top * 1.08], "title": {"text": _(SPLIT_AXIS[flow])}}},
        _validate=False)
    # "100%": its "%" is wider than a letter, and a margin planned too wide costs nothing; 16 px right: the last
    # year's label reaches past the plot (15–17 px measured)
    return finish(fig, title, source, height=460, left=titled_left(["100%"]), right=18, columns=columns,
                  align=align)


RANK_FONT_PX = 10
RANK_LABEL_GAP_PX = 4  # between two ranks written side by side


def _rank_labels(rows: pd.DataFrame, year_px: float) -> list[str]:
    """A rank written on each point where a phone has room for it beside the next year's (`year_px`: a year's
    width on a phone's axis); else only on the line's last, best and worst points (the hover has each). On a phone
    a short line on a long axis ran its labels together ("2 2 2 2", BNS 2019–2022 under IMF DOTS' 1992–2020)."""
    ranks = [int(r) for r in rows["rank"]]
    if max((tick_px(str(r)) * RANK_FONT_PX / 12 for r in ranks), default=0) + RANK_LABEL_GAP_PX <= year_px:
        return [str(r) for r in ranks]
    keep = {len(ranks) - 1, ranks.index(min(ranks)), ranks.index(max(ranks))}
    return [str(r) if i in keep else "" for i, r in enumerate(ranks)]


def _rank_label_sides(ranks: list[int]) -> list[str]:
    """Where each point's rank is written: under a point no better than its neighbours (a dip on the chart, whose
    axis has rank 1 at the top), else over it; written over a dip, the number sat on the line ("19" in 1998)."""
    sides = []
    for i, rank in enumerate(ranks):
        around = ranks[max(0, i - 1):i] + ranks[i + 1:i + 2]
        sides.append("bottom center" if around and rank >= max(around) else "top center")
    return sides


def _rank_ticks(best: int, worst: int) -> list[int] | None:
    """The rank axis's ticks: 1, the rank that matters most, and a round step up to the worst (Plotly's own ticks
    on 1–70 were 10, 20, … and left the line's top, rank 1–2, unlabelled); None for a short range (every rank)."""
    if worst - best <= 8:
        return None
    step = next(s for s in (2, 5, 10, 20, 50, 100, 200) if (worst - best) / s <= 7)
    return [1, *range(step, worst + step, step)]


def partner_rank_over_time(rows: pd.DataFrame, *, title: str, source: str = "", colour: str = "#D55E00",
                           y_title: str | None = None) -> go.Figure:
    """One partner's rank per year, one line per series (never joined: each source its own line and marker),
    ranks written on the points. y_title: the axis's title (default "rank", in the reader's language)."""
    styles = {"imf_dots": ("solid", "circle"), "kz_bns": ("dash", "square")}
    worst = int(rows["rank"].max()) if len(rows) else 3
    best = int(rows["rank"].min()) if len(rows) else 1
    pad = max(1.0, (worst - best) * 0.12)
    left = titled_left([str(math.ceil(worst + pad))])
    years = int(rows["year"].max() - rows["year"].min()) + 1 if len(rows) else 1
    year_px = (PHONE_CHART_PX - left - 10) / years
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
            "text": _rank_labels(g, year_px),
            "textposition": _rank_label_sides([int(r) for r in g["rank"]]),
            "textfont": {"size": RANK_FONT_PX, "color": colour}, "cliponaxis": False,
            "customdata": _cells([[int(c), _share(s), lab] for c, s, lab in
                                  zip(g["countries"], g["share_of_world"], g["source_label"], strict=True)]),
            # TRANSLATORS: a chart's hover: keep each %{…} as it is (the year, the rank, the number of countries,
            # the share, the source)
            "hovertemplate": _("%{x}: rank %{y} of %{customdata[0]} countries, %{customdata[1]}<br>%{customdata[2]}")
                             + "<extra></extra>",
        })
    # TRANSLATORS: an axis's title: a partner's place among all partners (1 = the largest)
    yaxis = {"range": [worst + pad, max(best - pad, 0.4)], "title": {"text": y_title or pgettext("chart axis", "rank")}}
    if (ticks := _rank_ticks(best, worst)) is None:
        yaxis["dtick"] = 1
    else:
        yaxis["tickvals"] = ticks
    xaxis = _year_axis(rows["year"], right=0.6)
    xaxis["range"][0] -= 0.1
    fig = go.Figure(data=traces, layout={"xaxis": xaxis, "yaxis": yaxis}, _validate=False)
    return finish(fig, title, source, height=420, left=left)
