"""Pure chart builders: frame in, Plotly figure out, with title, units, hover values and the source on it.

No Streamlit here, so every figure can be tested from its JSON and exported as it is. Colours are the
Okabe–Ito colour-blind-safe set, picked to stay readable on light and dark backgrounds.
"""

from __future__ import annotations

import calendar
import textwrap

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kzcn import fmt

REPORTER_COLOURS = {"China": "#D55E00", "Kazakhstan": "#0072B2"}
FLOW_COLOURS = {"exports": "#009E73", "imports": "#E69F00", "balance": "#CC79A7"}
SECTOR_COLOURS = {
    "Energy": "#E69F00", "Ores and metals": "#56B4E9", "Chemicals and plastics": "#009E73",
    "Agriculture and food": "#F0E442", "Machinery and electronics": "#0072B2", "Vehicles": "#D55E00",
    "Textiles and consumer goods": "#CC79A7", "Other": "#8C8C8C", "All other goods (remainder)": "#BDBDBD",
}
CATEGORY_COLOURS = {
    "head-of-state visit": "#D55E00", "government visit": "#E69F00", "summit": "#0072B2", "agreement": "#009E73",
    "infrastructure": "#56B4E9", "culture & people": "#CC79A7", "multilateral": "#8C8C8C",
}
UNITS_USD = "US dollars, current prices (not adjusted for inflation)"
REMAINDER = "All other goods (remainder)"


def as_of(reporter: str) -> str:
    return f"as {reporter} reports"


def _finish(fig: go.Figure, title: str, source: str, *, y_title: str | None = None, height: int = 440,
            panels: bool = False) -> go.Figure:
    """Title, legend above the plot, and the source under it (so a downloaded PNG still says where the
    numbers come from). `panels`: leave room for subplot titles between the legend and the plot."""
    lines = textwrap.wrap(source, 150) if source else []
    legend_y = 1.10 if panels else 1.02
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "y": 0.99, "yanchor": "top"},
        height=height + 16 * len(lines),
        margin={"l": 10, "r": 10, "t": 110 if panels else 80, "b": 50 + 16 * len(lines)},
        legend={"orientation": "h", "yanchor": "bottom", "y": legend_y, "x": 0, "title": None},
        hoverlabel={"namelength": -1},
        separators=".,",
    )
    if y_title:
        fig.update_yaxes(title_text=y_title, row=1, col=1) if panels else fig.update_yaxes(title_text=y_title)
    if lines:
        fig.add_annotation(text="<br>".join(lines), xref="paper", yref="paper", x=0, y=0, yshift=-38,
                           xanchor="left", yanchor="top", showarrow=False, font={"size": 11}, align="left")
    return fig


def _usd_axis(fig: go.Figure) -> None:
    """Dollar ticks in B/M ($25B), which readers parse faster than 2.5e10 or SI's "G"."""
    fig.update_yaxes(tickprefix="$", exponentformat="B", rangemode="tozero")


def trade_over_time(totals: pd.DataFrame, *, measure: str = "turnover", source: str = "",
                    event_years: pd.DataFrame | None = None, press: pd.DataFrame | None = None,
                    title: str | None = None) -> go.Figure:
    """One line per reporting side, never joined across sides.

    totals: year, reporter, <measure>, source_label. event_years: year, label (hover text of that year's
    events). press: year, value_usd, label — press figures shown as separate hollow markers, never on a line.
    """
    fig = go.Figure()
    for reporter, rows in totals.groupby("reporter", sort=False):
        rows = rows.sort_values("year")
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows[measure], mode="lines+markers", name=f"{measure.capitalize()} {as_of(reporter)}",
            line={"color": REPORTER_COLOURS[reporter], "width": 2.5}, connectgaps=False,
            customdata=list(zip(rows[measure].map(fmt.usd), rows["source_label"], strict=True)),
            hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra>" + as_of(reporter) + "</extra>",
        ))
    if press is not None and not press.empty:
        fig.add_trace(go.Scatter(
            x=press["year"], y=press["value_usd"], mode="markers", name="Press report (China's customs, rounded)",
            marker={"symbol": "circle-open", "size": 10, "color": REPORTER_COLOURS["China"], "line": {"width": 2}},
            customdata=list(zip(press["value_usd"].map(fmt.usd), press["label"], strict=True)),
            hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra>press</extra>",
        ))
    if event_years is not None and not event_years.empty:
        top = float(totals[measure].max()) if len(totals) else 1.0
        fig.add_trace(go.Scatter(
            x=event_years["year"], y=[top * 1.08] * len(event_years), mode="markers", name="Events (hover)",
            marker={"symbol": "diamond", "size": 11, "color": "#8C8C8C"},
            customdata=event_years[["label"]].to_numpy(),
            hovertemplate="%{x}<br>%{customdata[0]}<extra>events</extra>",
        ))
    _usd_axis(fig)
    fig.update_xaxes(title_text=None, dtick=2 if totals["year"].nunique() > 16 else 1)
    return _finish(fig, title or f"China–Kazakhstan trade {measure}, as each side reports it", source,
                   y_title=UNITS_USD)


def flows_by_reporter(totals: pd.DataFrame, *, flows: dict[str, list[str]], source: str = "") -> go.Figure:
    """Exports, imports and balance by year, one panel per reporting side, side by side.

    flows: reporter -> the flows to draw for it (a one-way view shows one flow per side, no balance).
    """
    reporters = list(flows)
    fig = make_subplots(rows=1, cols=len(reporters), shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=[f"As {r} reports" for r in reporters])
    for col, reporter in enumerate(reporters, start=1):
        rows = totals[totals["reporter"] == reporter].sort_values("year")
        partner = "Kazakhstan" if reporter == "China" else "China"
        for flow in flows[reporter]:
            name = {"exports": f"{reporter}'s exports to {partner}", "imports": f"{reporter}'s imports from {partner}",
                    "balance": f"{reporter}'s balance"}[flow]
            kind = go.Scatter if flow == "balance" else go.Bar
            extra = {"mode": "lines+markers"} if flow == "balance" else {}
            fig.add_trace(kind(
                x=rows["year"], y=rows[flow], name=name, marker_color=FLOW_COLOURS[flow],
                legendgroup=f"{reporter}-{flow}",
                customdata=list(zip(rows[flow].map(fmt.usd), rows["source_label"], strict=True)),
                hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra>" + name + "</extra>", **extra,
            ), row=1, col=col)
    fig.update_layout(barmode="group")
    _usd_axis(fig)
    fig.update_yaxes(rangemode="normal")
    return _finish(fig, "Exports, imports and balance, as each side reports them", source, y_title=UNITS_USD,
                   height=480, panels=True)


def mirror_gap(gap: pd.DataFrame, *, directions: list[str], source: str = "") -> go.Figure:
    """Each direction of goods as China and as Kazakhstan record it: the same trade, two very different numbers."""
    fig = make_subplots(rows=1, cols=len(directions), shared_yaxes=True, horizontal_spacing=0.04,
                        subplot_titles=[f"Goods {d}" for d in directions])
    for col, direction in enumerate(directions, start=1):
        rows = gap[gap["direction"] == direction].sort_values("year")
        for side, column in (("China", "china_reported"), ("Kazakhstan", "kazakhstan_reported")):
            label = "China's " + ("exports" if direction.startswith("China") else "imports") if side == "China" \
                else "Kazakhstan's " + ("imports" if direction.startswith("China") else "exports")
            fig.add_trace(go.Scatter(
                x=rows["year"], y=rows[column], mode="lines+markers", name=f"As {side} reports",
                legendgroup=side, showlegend=col == 1, line={"color": REPORTER_COLOURS[side]},
                customdata=list(zip(rows[column].map(fmt.usd), rows["gap_pct"].map(fmt.pct), strict=True)),
                hovertemplate="%{x}: %{customdata[0]}<br>gap (China minus Kazakhstan, % of Kazakhstan's figure): "
                              "%{customdata[1]}<extra>" + label + "</extra>",
            ), row=1, col=col)
    _usd_axis(fig)
    return _finish(fig, "The mirror gap: the same trade as each side records it", source, y_title=UNITS_USD,
                   panels=True)


def share_of_trade(share: pd.DataFrame, *, source: str = "") -> go.Figure:
    """China's share of Kazakhstan's turnover, exports and imports, as Kazakhstan reports them."""
    fig = go.Figure()
    for column, colour in (("turnover", REPORTER_COLOURS["Kazakhstan"]), ("exports", FLOW_COLOURS["exports"]),
                           ("imports", FLOW_COLOURS["imports"])):
        fig.add_trace(go.Scatter(x=share["year"], y=share[column], mode="lines+markers", name=f"Share of {column}",
                                 line={"color": colour},
                                 customdata=list(zip(share[column].map(lambda v: fmt.pct(v, signed=False)),
                                                     share["source_label"], strict=True)),
                                 hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>"))
    fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    return _finish(fig, "China's share of Kazakhstan's trade, as Kazakhstan reports it", source,
                   y_title="percent of Kazakhstan's trade with the world", height=380)


def sector_treemap(frame: pd.DataFrame, *, title: str, source: str = "") -> go.Figure:
    """Sector → HS chapter for one year, reporter and flow; the remainder is its own labelled box."""
    data = frame.copy()
    data["sector"] = data["sector"].where(~data["is_remainder"], REMAINDER)
    data["label"] = data.apply(lambda r: REMAINDER if r["is_remainder"] else f"{r['hs_chapter']} {r['chapter_name']}",
                               axis=1)
    data["value_text"] = data["value_usd"].map(fmt.usd)
    fig = px.treemap(data, path=[px.Constant("All goods"), "sector", "label"], values="value_usd", color="sector",
                     color_discrete_map={**SECTOR_COLOURS, "(?)": "#BDBDBD"},
                     custom_data=["value_text"])
    fig.update_traces(hovertemplate="%{label}<br>%{value:$,.3s}<br>%{percentRoot:.1%} of all goods<extra></extra>",
                      texttemplate="%{label}<br>%{percentRoot:.1%}", root_color="rgba(0,0,0,0)")
    return _finish(fig, title, source, height=520)


def sector_bars(frame: pd.DataFrame, *, title: str, source: str = "") -> go.Figure:
    """Stacked bars by sector over years; the remainder is grey and named as a remainder."""
    data = frame.copy()
    data["value_text"] = data["value_usd"].map(fmt.usd)
    order = [s for s in SECTOR_COLOURS if s in set(data["sector"])]
    fig = px.bar(data, x="year", y="value_usd", color="sector", color_discrete_map=SECTOR_COLOURS,
                 category_orders={"sector": order}, custom_data=["sector", "value_text"])
    fig.update_traces(hovertemplate="%{x} · %{customdata[0]}: %{customdata[1]}<extra></extra>")
    _usd_axis(fig)
    fig.update_xaxes(title_text=None, dtick=1)
    return _finish(fig, title, source, y_title=UNITS_USD)


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


def when(start: str, end: str) -> str:
    """Human date text that keeps month-only precision visible."""
    def one(d: str) -> str:
        ts = pd.Timestamp(d if len(d) == 10 else f"{d}-01")
        return ts.strftime("%-d %b %Y") if len(d) == 10 else ts.strftime("%b %Y") + " (day not known)"
    return one(start) if start == end else f"{one(start)} – {one(end)}"


def events_timeline(events: pd.DataFrame, *, title: str, source: str = "") -> go.Figure:
    """Events as bars on a date axis, one row per category."""
    data = events.copy()
    spans = [_month_span(s, e) for s, e in zip(data["start"], data["end"], strict=True)]
    data["x_start"] = [s for s, _ in spans]
    data["x_end"] = [e for _, e in spans]
    data["when"] = [when(s, e) for s, e in zip(data["start"], data["end"], strict=True)]
    fig = px.timeline(data, x_start="x_start", x_end="x_end", y="category", color="category",
                      color_discrete_map=CATEGORY_COLOURS, custom_data=["title", "when", "event_id"])
    fig.update_traces(hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
                      marker_line_width=6, marker_line_color="rgba(0,0,0,0)")
    for trace in fig.data:  # short events would be invisible slivers: outline them with their own colour
        trace.marker.line.color = trace.marker.color
    fig.update_yaxes(title_text=None, autorange="reversed")
    fig.update_xaxes(title_text=None)
    fig.update_layout(showlegend=False)
    return _finish(fig, title, source, height=max(320, 60 * data["category"].nunique() + 160))


def events_map(events: pd.DataFrame, *, title: str, source: str = "") -> go.Figure:
    """Venues on a map (offline Natural Earth outlines, no tile server); events without a known place are left off."""
    data = events.dropna(subset=["lat", "lon"]).copy()
    data["when"] = [when(s, e) for s, e in zip(data["start"], data["end"], strict=True)]
    data["place"] = data["city"].fillna("") + ", " + data["country"].fillna("")
    fig = px.scatter_geo(data, lat="lat", lon="lon", color="category", color_discrete_map=CATEGORY_COLOURS,
                         custom_data=["title", "when", "place"])
    fig.update_traces(marker={"size": 11, "line": {"width": 1, "color": "white"}},
                      hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>")
    fig.update_geos(projection_type="natural earth", showcountries=True, countrycolor="#8C8C8C",
                    showland=True, landcolor="rgba(140,140,140,0.15)", showocean=False, showlakes=False,
                    bgcolor="rgba(0,0,0,0)", lataxis_range=[15, 60], lonaxis_range=[40, 135])
    fig.update_layout(legend_title_text=None)
    return _finish(fig, title, source, height=480)


VENUE_COLOUR = "#0072B2"


def venues_map(venues: pd.DataFrame, *, title: str, source: str = "") -> go.Figure:
    """One point per venue, sized by its number of events, hover listing them all (points never hide each other).

    venues: lat, lon, place, count, label (one line per event), as kzcn.views.venues shapes them. Offline
    Natural Earth outlines, no tile server; events without a known place are not in `venues`.
    """
    data = venues.copy()
    data["city"] = data["place"].str.split(",").str[0]
    data["events_text"] = data["count"].map(lambda n: f"{n} event{'s' if n != 1 else ''}")
    fig = go.Figure(go.Scattergeo(
        lat=data["lat"], lon=data["lon"], mode="markers+text", text=data["city"], textposition="top center",
        textfont={"size": 11},
        marker={"size": [8 + 4 * min(n, 8) for n in data["count"]], "color": VENUE_COLOUR, "opacity": 0.85,
                "line": {"width": 1, "color": "white"}},
        customdata=list(zip(data["place"], data["events_text"], data["label"], strict=True)),
        hovertemplate="<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
        showlegend=False,
    ))
    fig.update_geos(projection_type="natural earth", showcountries=True, countrycolor="#8C8C8C",
                    showland=True, landcolor="rgba(140,140,140,0.15)", showocean=False, showlakes=False,
                    bgcolor="rgba(0,0,0,0)",
                    lataxis_range=[min(25.0, data["lat"].min() - 5), max(56.0, data["lat"].max() + 5)],
                    lonaxis_range=[min(45.0, data["lon"].min() - 10), max(128.0, data["lon"].max() + 10)])
    return _finish(fig, title, source, height=480)
