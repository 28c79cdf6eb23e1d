"""Charts of the Timeline: the year's events as dots on lanes with their names beside them, and their venues
on a map."""

from __future__ import annotations

import calendar
import math
import re
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_skeleton, get_month_names

from kzcn import fmt, i18n
from kzcn.charts.layout import SOURCE_WIDTH, finish, fit_width, plain, source_lines, text_cells, tick_px, wrap
from kzcn.charts.style import CATEGORY_COLOURS
from kzcn.i18n import _, ngettext


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
    cursor, most_lines = 0.0, 1
    for category in order:
        rows = data[data["category"] == category]
        colour = CATEGORY_COLOURS.get(category, "#8C8C8C")
        texts = [short_title(t) if named else [] for t in rows["title"]]
        most_lines = max(most_lines, *map(len, texts), 1)
        lanes, sides = place_labels([px(s) for s in rows["x_start"]], [px(e) for e in rows["x_end"]],
                                    [label_px(t) for t in texts], plot_px=TIMELINE_PLOT_PX)
        top = cursor + TIMELINE_HEADER
        y = [top + lane for lane in lanes]
        bands.append((cursor - 0.5, top + max(lanes, default=0) + 0.5))
        headers.append({"text": f"<span style='color:{colour}'>●</span> <b>{plain(_(category))}</b>", "x": 0,
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
            # a halo in the contrast of the text's colour: a name over an event's pale bar (the SCO chair, the
            # Universiade) stays readable, light or dark
            textfont={"size": TIMELINE_FONT_PX, "shadow": "auto"}, cliponaxis=False,
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
    rows_px = ({1: TIMELINE_ROW_PX_ONE_LINE, 2: TIMELINE_ROW_PX}.get(most_lines, TIMELINE_ROW_PX_THREE_LINES) if named
               else TIMELINE_ROW_PX_DOTS)
    plot_height = int(rows_px * (cursor - TIMELINE_BAND_GAP))
    xaxis: dict = {"type": "date", "range": [lo, hi], "side": "top", "title": {"text": None}, "showgrid": True,
                   "ticks": "outside", "fixedrange": True}  # no zoom: a drag on a phone scrolls the page
    if hi - lo <= pd.Timedelta(days=400):  # one year: every month named, between its gridlines
        xaxis |= {"dtick": "M1", "tickformat": "%b", "ticklabelmode": "period"}
    if aliases := date_aliases(lo, hi):
        xaxis["labelalias"] = aliases
    lines = source_lines(source, SOURCE_WIDTH)
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
    fig = finish(go.Figure(data=traces, layout=layout), title, "", height=plot_height + 80 + 16 + 15 * len(lines))
    # the months above the plot, clear of the title and of the mode bar; no axis below: the source sits right under
    fig.layout.update(margin={"t": fig.layout.margin.t + TIMELINE_AXIS_PX, "b": 16 + 15 * len(lines)},
                      height=fig.layout.height + TIMELINE_AXIS_PX)
    return fig


VENUE_COLOUR = "#0072B2"


# A map's names are placed for a 390 px phone, where the map is PHONE_MAP_PX wide (measured; a desktop's is wider,
# so names placed apart there stay apart): each name beside its point where it overprints no other name or point
# and stays inside the map (Plotly clips it at the frame: "Shangha"), else the name is left to the hover and table
PHONE_MAP_PX = 338
MAP_HEIGHT_PX = 420  # the figure's, on a desktop
PHONE_MAP_SLACK_PX = 4  # Plotly's frame line
MAP_FONT_PX = 11
MAP_LABEL_PX = 14  # a name's height at 11 px
MAP_LABEL_GAP = 2  # between a point's edge and its name
LABEL_SIDES = ("top center", "middle right", "middle left", "bottom center")  # tried in this order
# Plotly draws the map's points ~10 px higher than a Mercator fit of its ranges puts them (measured on a phone: every
# point, the 2023 venues' ranges): a name keeps this far below the computed top, or its top is cut ("Astana")
MAP_TOP_PX = 12


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def place_map_names(lats: list[float], lons: list[float], sizes: list[float], names: list[str],
                    lon_range: tuple[float, float], lat_range: tuple[float, float],
                    width: float = PHONE_MAP_PX) -> list[tuple[str, str]]:
    """(text, Plotly textposition) per point: names ("" for none) placed in the order given (the caller lists the
    busiest first; a point whose name is "" is only an obstacle), each on the first side of
    LABEL_SIDES where its box, on a Mercator map of `width` px over these ranges, overlaps no placed name and no
    point (`sizes`: diameters in px) and stays inside the map. A name with no such side is dropped."""
    scale = width / math.radians(lon_range[1] - lon_range[0])
    top = _mercator(lat_range[1])
    height = map_height(lon_range, lat_range, width)
    xy = [((lon - lon_range[0]) * math.pi / 180 * scale, (top - _mercator(lat)) * scale)
          for lat, lon in zip(lats, lons, strict=True)]
    points = [(x - d / 2, y - d / 2, x + d / 2, y + d / 2) for (x, y), d in zip(xy, sizes, strict=True)]

    def box(i: int, side: str) -> tuple[float, float, float, float]:
        (x, y), r = xy[i], sizes[i] / 2 + MAP_LABEL_GAP
        w, h = tick_px(names[i]) * MAP_FONT_PX / 12, MAP_LABEL_PX
        return {"top center": (x - w / 2, y - r - h, x + w / 2, y - r),
                "bottom center": (x - w / 2, y + r, x + w / 2, y + r + h),
                "middle right": (x + r, y - h / 2, x + r + w, y + h / 2),
                "middle left": (x - r - w, y - h / 2, x - r, y + h / 2)}[side]

    def apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
        return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]

    placed: list[tuple[float, float, float, float]] = []
    out = [("", LABEL_SIDES[0])] * len(names)
    for i in (i for i, name in enumerate(names) if name):
        for side in LABEL_SIDES:
            b = box(i, side)
            if (b[0] >= 0 and b[2] <= width and b[1] >= MAP_TOP_PX and b[3] <= height
                    and all(apart(b, p) for p in placed)
                    and all(apart(b, q) for j, q in enumerate(points) if j != i)):
                placed.append(b)
                out[i] = (names[i], side)
                break
    return out


MAP_NAMES = 6  # venues named on the map (the busiest)


def venues_map(venues: pd.DataFrame, *, title: str, source: str = "", phone: bool = False) -> go.Figure:
    """One point per venue, sized by its number of events, hover listing them all (points never hide each other).

    venues: lat, lon, place, city, count, label (one line per event), as kzcn.views.venues shapes them. Offline
    Natural Earth outlines, no tile server; events without a known place are not in `venues`.
    phone: the map's plot is as tall as the region drawn PHONE_MAP_PX wide. Plotly fits the region's wide shape
    into the plot and leaves the rest white: ~90 px above and below the map on a phone, in a plot planned for a
    desktop's width.
    """
    data = venues.copy()
    data["events_text"] = data["count"].map(lambda n: ngettext("{n} event", "{n} events", n).format(n=n))
    # names for the venues with most events only: on a phone the map is ~330 px wide and a dozen names overprint;
    # the others are named in their hover and the table below
    data["size"] = [8 + 4 * min(n, 8) for n in data["count"]]
    lon_range = (min(45.0, data["lon"].min() - 10), max(128.0, data["lon"].max() + 10))
    lat_range = (min(25.0, data["lat"].min() - 5), max(58.0, data["lat"].max() + 7))
    busiest = data.reset_index(drop=True).sort_values(["count", "city"], ascending=[False, True])  # placed first
    placed = place_map_names(list(busiest["lat"]), list(busiest["lon"]), list(busiest["size"]),
                             [c if rank < MAP_NAMES else "" for rank, c in enumerate(busiest["city"])],
                             lon_range, lat_range)
    labels = [label for _i, label in sorted(zip(busiest.index, placed, strict=True))]  # back in the data's order
    fig = go.Figure(go.Scattergeo(
        lat=data["lat"], lon=data["lon"], mode="markers+text",
        text=[text for text, _side in labels], textposition=[side for _text, side in labels],
        textfont={"size": MAP_FONT_PX},
        marker={"size": data["size"].tolist(), "color": VENUE_COLOUR, "opacity": 0.85,
                "line": {"width": 1, "color": "white"}},
        customdata=list(zip(data["place"], data["events_text"], data["label"], strict=True)),
        hovertemplate="<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
        showlegend=False,
    ))
    fig.update_geos(projection_type="mercator", showcountries=True, countrycolor="#8C8C8C",
                    showland=True, landcolor="rgba(140,140,140,0.15)", showocean=False, showlakes=False,
                    bgcolor="rgba(0,0,0,0)",
                    lataxis_range=list(lat_range), lonaxis_range=list(lon_range))
    fig = finish(fig, title, source, height=MAP_HEIGHT_PX)
    if phone:
        margin = fig.layout.margin
        fig.layout.height = margin.t + margin.b + math.ceil(map_height(lon_range, lat_range)) + PHONE_MAP_SLACK_PX
    return fig


def map_height(lon_range: tuple[float, float], lat_range: tuple[float, float], width: float = PHONE_MAP_PX) -> float:
    """How tall a Mercator map of these ranges is, drawn `width` px wide."""
    return width * (_mercator(lat_range[1]) - _mercator(lat_range[0])) / math.radians(lon_range[1] - lon_range[0])


# ---- Timeline: names beside the dots ---------------------------------------------------------------------------
# The timeline is laid out once for every screen: names and lanes are placed so that nothing overprints on a 390 px
# phone, where the plot is TIMELINE_PLOT_PX wide (page padding and chart margins off); on a wider screen every
# name and dot takes fewer days of the axis, so they stay apart there too.
TIMELINE_PLOT_PX = 330
TIMELINE_FONT_PX = 12
TIMELINE_CHAR_PX = 6.0  # a name's character at 12 px in the chart font (Source Sans: 5.4 on average), with room
TIMELINE_LINE_CHARS = 22  # a name line: about a third of a phone's plot
TIMELINE_LINES = 2
# Russian words are long (and its letters wide, layout.fit_width): in two lines 26 of the 33 names of 2023 were cut,
# many to stubs ("Подписано / соглашение о…"); a third line keeps most of each name
TIMELINE_LINES_BY_LANGUAGE = {"ru": 3}
TIMELINE_MARKER_PX = 12
TIMELINE_LABEL_LIMIT = 40  # more events than this are dots only: named, they would need a lane each
TIMELINE_HEADER = 0.9  # the category's name above its band, in lanes
TIMELINE_BAND_GAP = 0.5
TIMELINE_ROW_PX, TIMELINE_ROW_PX_ONE_LINE, TIMELINE_ROW_PX_DOTS = 32, 24, 15
TIMELINE_ROW_PX_THREE_LINES = 50  # three lines of 12 px text, ~16 px each, and a hair between lanes
TIMELINE_AXIS_PX = 28  # the date axis above the plot
_CLAUSE_BREAKS = (": ", "：", "; ", "；", " – ", " — ", ", ", "，")  # with Chinese's full-width marks


def timeline_lines() -> int:
    """How many lines an event's name may take on the timeline in the reader's language."""
    return TIMELINE_LINES_BY_LANGUAGE.get(i18n.current(), TIMELINE_LINES)


def short_title(title: str, *, width: int = TIMELINE_LINE_CHARS, lines: int | None = None) -> list[str]:
    """An event's title cut to fit `lines` lines of `width` characters, as the lines to show: words kept whole,
    nothing added but an ellipsis. First what is in parentheses goes, then the clauses after ': ', '; ', ' – ' or
    ', ' (the head stays when it says enough: 10 characters or more, and closes every quote and bracket it opens:
    not "Первый саммит «Китай"), then the last words ("…"). A Chinese character counts as two, and a Chinese title
    loses its last characters, not words. Lines that fit are made about equal (no "托卡耶 / 夫")."""
    lines = lines or timeline_lines()
    text = re.sub(r"\s*[(（][^)）]*[)）]", "", title).strip() or title.strip()
    for mark in _CLAUSE_BREAKS:
        head = text.split(mark)[0]
        if len(_wrap(text, width)) > lines and text_cells(head) >= 10 and _closed(head):
            text = head
    wrapped = _wrap(text, width)
    if len(wrapped) <= lines:
        return _balanced(text, width, len(wrapped))
    if text_cells(wrapped[lines - 1]) != len(wrapped[lines - 1]):  # Chinese: no spaces between words
        cut = wrapped[lines - 1]
        while len(cut) > 1 and text_cells(cut) + 1 > width:
            cut = cut[:-1]
        return _close([*wrapped[: lines - 1], cut.rstrip(" ,;:–—-，；：、") + "…"])
    last = wrapped[lines - 1].split(" ")
    while len(last) > 1 and len(" ".join(last)) + 1 > width:
        last.pop()
    return _close([*wrapped[: lines - 1], " ".join(last).rstrip(" ,;:–—-") + "…"])


def _close(lines: list[str]) -> list[str]:
    """A title cut inside a quote or bracket, closed after its ellipsis: «Китай…», 《一带一路…》."""
    shown = "".join(lines)
    closing = "".join(b * (shown.count(a) - shown.count(b)) for a, b in reversed(_PAIRS))
    return [*lines[:-1], lines[-1] + closing]


def _wrap(text: str, width: int) -> list[str]:
    return wrap(text, fit_width(text, width), break_words=False) or [text]


def _balanced(text: str, width: int, count: int) -> list[str]:
    """`text` wrapped as narrow as `count` lines allow, so that its lines are about equal, where its last line
    would otherwise be a lone tail (under a third of a line: "托卡耶 / 夫"); a longer last line is left where the
    words break it (a Chinese name is not cut for the look: "哈萨克斯 / 坦")."""
    best = _wrap(text, width)
    if text_cells(best[-1]) * 3 >= width:
        return best
    widest = max(map(text_cells, best))
    for narrower in range(width - 1, 3, -1):
        candidate = _wrap(text, narrower)
        if len(candidate) > count:
            break
        if max(map(text_cells, candidate)) < widest:
            best, widest = candidate, max(map(text_cells, candidate))
    return best


_PAIRS = ("«»", "“”", "()", "（）", "《》", "「」", "[]")  # („“ is left out: its closing mark opens “”)


def _closed(text: str) -> bool:
    """Whether `text` closes every quote and bracket it opens (and has an even number of straight quotes)."""
    return all(text.count(a) == text.count(b) for a, b in _PAIRS) and text.count('"') % 2 == 0


def label_px(lines: list[str]) -> float:
    """A name's width in pixels at TIMELINE_FONT_PX (its longest line; a Chinese character counts twice); 0 for
    no name."""
    return max((text_cells(line) for line in lines), default=0) * TIMELINE_CHAR_PX


def place_labels(starts: list[float], ends: list[float], widths: list[float], *, plot_px: float,
                 marker_px: float = TIMELINE_MARKER_PX, gap_px: float = 4, pad_px: float = 6
                 ) -> tuple[list[int], list[str]]:
    """A lane and a side ("right" or "left" of the dot) for each event of a band, so that no two dots, bars or
    names of a lane overprint. Positions in pixels from the plot's left edge: a dot at `starts`, its bar to `ends`,
    its name `widths` wide. A name goes right of its dot if it fits before the plot's right edge, else left if
    it fits there, else on the roomier side; the name of an event with a bar goes left where it fits, clear of its
    own bar (on it, the Universiade's and the SCO chair's names were hard to read). Events are laid out in date
    order, each in the first lane whose last extent ends `pad_px` before its own begins, so a band reads top to
    bottom, oldest first."""
    half = marker_px / 2
    extents, sides = [], []
    for start, end, width in zip(starts, ends, widths, strict=True):
        room_right, room_left = plot_px - (start + half + gap_px), start - half - gap_px
        if end > start + half + gap_px and 0 < width <= room_left:  # a bar that reaches where a name would start
            side = "left"
        else:
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
        return "<br>".join(plain(line) for line in lines)
    pad = "\u00a0\u00a0"
    return "<b>" + "<br>".join(pad + plain(line) if side == "right" else plain(line) + pad for line in lines) + "</b>"
