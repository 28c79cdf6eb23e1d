"""Frames shaped for one view of a page (filters applied, labels attached): pure, so tests can check them.

Pages stay thin: they call a function here, hand the result to kzcn.charts, and show it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from kzcn import fmt, metrics, urlstate
from kzcn.fmt import when
from kzcn.i18n import N_, _, ngettext, pgettext
from kzcn.metrics import with_remainder
from kzcn.schemas import REPOST_HOSTS, TOTAL


def source_labels(sources: pd.DataFrame) -> dict[str, str]:
    """A short human label per source id: publisher and title, press marked as press."""
    labels = {}
    for row in sources.itertuples():
        if row.kind == "press":
            labels[row.source_id] = _("Press report: {publisher} — {title}").format(publisher=row.publisher,
                                                                                   title=row.title)
        else:
            labels[row.source_id] = f"{row.publisher} — {row.title}"
    return labels


def _label(ids: str, labels: dict[str, str]) -> str:
    return "; ".join(labels.get(i, i) for i in str(ids).split(", "))


def annual_totals(trade: pd.DataFrame, sources: pd.DataFrame, reporters: list[str],
                  years: tuple[int, int]) -> pd.DataFrame:
    """Preferred exports, imports, turnover and balance per reporter within the years, with source labels."""
    labels = source_labels(sources)
    frames = []
    for reporter in reporters:
        totals = metrics.reporter_totals(trade, reporter)
        totals = totals[(totals["year"] >= years[0]) & (totals["year"] <= years[1])].copy()
        totals["reporter"] = reporter
        totals["source_label"] = totals["source_id"].map(lambda ids: _label(ids, labels))
        frames.append(totals)
    if not frames:
        return pd.DataFrame(columns=["year", "exports", "imports", "turnover", "balance", "source_id",
                                     "reporter", "source_label"])
    return pd.concat(frames, ignore_index=True)


def press_totals(trade: pd.DataFrame, sources: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """China-customs turnover as quoted in the press: shown beside, never joined to, the official line."""
    labels = source_labels(sources)
    rows = trade[(trade["status"] == "press") & (trade["flow"] == "turnover")
                 & trade["year"].between(years[0], years[1])].copy()
    rows["label"] = rows["source_id"].map(lambda i: labels.get(i, i))
    return rows[["year", "value_usd", "label", "source_id"]].sort_values("year", ignore_index=True)


MAJOR_EVENT_CATEGORIES = ("head-of-state visit", "summit")  # what the long-run chart can name (see event_markers)


def event_markers(events: pd.DataFrame, years: tuple[int, int], *, per_year: int = 6) -> pd.DataFrame:
    """One hover label per year listing that year's events (first few, then a count), and `major`: the title of
    the year's first head-of-state visit or summit, or "" (the name the long-run chart can write on itself)."""
    ev = events.assign(year=events["start"].str[:4].astype(int))
    ev = ev[ev["year"].between(years[0], years[1])].sort_values("start")
    rows = []
    for year, g in ev.groupby("year"):
        titles = g["title"].tolist()
        label = "<br>".join(titles[:per_year])
        if len(titles) > per_year:
            more = len(titles) - per_year
            # TRANSLATORS: the last line of a list of a year's events; "Timeline" is the page's name
            label += "<br>" + ngettext("… and {n} more (see Timeline)", "… and {n} more (see Timeline)",
                                       more).format(n=more)
        major = g[g["category"].isin(MAJOR_EVENT_CATEGORIES)]["title"]
        rows.append({"year": int(year), "label": label, "count": len(titles),
                     "major": major.iloc[0] if len(major) else ""})
    return pd.DataFrame(rows, columns=["year", "label", "count", "major"])


def share_view(trade: pd.DataFrame, sources: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    labels = source_labels(sources)
    share = metrics.china_share_of_kazakhstan_trade(trade)
    share = share[share["year"].between(years[0], years[1])].copy()
    share["source_label"] = share["source_id"].map(lambda i: labels.get(i, i))
    return share.sort_values("year", ignore_index=True)


CUSTOMS_SERIES = ("comtrade_api", "comtrade")  # a refreshed all-chapter download wins over the shipped extract
BACI_SERIES = ("baci_bulk", "baci")

# the Trade page's tabs, in English (shown, and carried by a link, in the reader's language: ui.open_tab); here so
# that other pages can link to one (ui.tab_link)
TRADE_TABS = (N_("Each side's figures"), N_("Why the figures differ"), N_("By sector"), N_("China's share by sector"),
              N_("Whole product mix, 2021"))

# the figures a speech passage can show beside it (names of charts)
SPEECH_FIGURES = {"turnover": N_("Trade turnover"), "mirror_gap": N_("The mirror gap"),
                  "sectors": N_("Trade by sector")}


def sector_rows(products: pd.DataFrame, chapters: pd.DataFrame, *, year: int, reporter: str, flow: str,
                sector: str | None, selected: tuple[str, ...] = (),
                series: tuple[str, ...] = CUSTOMS_SERIES) -> pd.DataFrame:
    """Chapters of one year/reporter/flow within the chosen sector (or chapters), plus the exact remainder.

    Uses one product series (the first of `series` that has the year) so the remainder is
    TOTAL − chapters from the same rows. Columns: hs_chapter, chapter_name, sector, value_usd, is_remainder,
    source_id, series.
    """
    rows = products[(products["year"] == year) & (products["reporter"] == reporter) & (products["flow"] == flow)
                    & products["series"].isin(series)]
    return _sector_rows(rows, _chapter_info(chapters), sector=sector, selected=selected, series=series)


_SECTOR_ROW_COLUMNS = ["hs_chapter", "chapter_name", "sector", "value_usd", "is_remainder", "source_id", "series"]
REMAINDER = N_("All other goods (remainder)")  # the sector of chapters an extract lacks (charts colour it grey)
OTHER_GOODS = N_("All other goods")  # the remainder row's chapter_name (English in the frame; shown through _())


def _chapter_info(chapters: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """(chapter → sector, chapter → name) as plain dicts: one lookup per row instead of an index per call."""
    return (dict(zip(chapters["hs_chapter"], chapters["sector"], strict=True)),
            dict(zip(chapters["hs_chapter"], chapters["chapter_name"], strict=True)))


def _sector_rows(rows: pd.DataFrame, info: tuple[dict[str, str], dict[str, str]], *, sector: str | None,
                 selected: tuple[str, ...], series: tuple[str, ...]) -> pd.DataFrame:
    """sector_rows on the rows of one year, reporter and flow (already cut to `series`)."""
    if rows.empty:
        return pd.DataFrame(columns=_SECTOR_ROW_COLUMNS)
    present = set(rows["series"])
    rows = rows[rows["series"] == next(s for s in series if s in present)]
    sector_of, name_of = info
    codes = rows["hs_chapter"].tolist()
    keep = [c == TOTAL or ((not selected or c in selected) and (sector is None or sector_of.get(c) == sector))
            for c in codes]
    out = with_remainder(rows[keep])
    out["chapter_name"] = [name_of.get(c, OTHER_GOODS) for c in out["hs_chapter"]]
    out["sector"] = [sector_of.get(c, REMAINDER) for c in out["hs_chapter"]]
    return out[_SECTOR_ROW_COLUMNS]


def as_reported(reporter: str, china: str, kazakhstan: str) -> str:
    """The message that says "as China reports" or "as Kazakhstan reports" (whole sentences, one per side, so each
    language words "as … reports" its own way)."""
    return china if reporter == "China" else kazakhstan


def goods_bars_title(level: str, reporter: str) -> str:
    """The title of the bars over time, by what they group (sector, chapter or heading) and whose figures."""
    if level == "sector":
        return as_reported(reporter, _("Goods {direction} by sector, as China reports"),
                           _("Goods {direction} by sector, as Kazakhstan reports"))
    if level == "chapter":
        return as_reported(reporter, _("Goods {direction} by chapter, as China reports"),
                           _("Goods {direction} by chapter, as Kazakhstan reports"))
    return as_reported(reporter, _("Goods {direction} by heading, as China reports"),
                       _("Goods {direction} by heading, as Kazakhstan reports"))


def flows_for(direction: str, reporters: list[str]) -> dict[str, list[str]]:
    """Which flows each reporter's panel shows: all and the balance, or the one flow of a direction."""
    sides = metrics.DIRECTIONS.get(direction)
    if sides is None:
        return {r: ["exports", "imports", "balance"] for r in reporters}
    return {r: [sides[r][1]] for r in reporters}


def direction_flow(direction: str, reporter: str) -> str:
    """The flow that carries goods in `direction`, as `reporter` records it."""
    return metrics.DIRECTIONS[direction][reporter][1]


# ---- Timeline 2023 ---------------------------------------------------------------------------------------------

# the speech's themes: labels English in the code and the URL (the theme pills bind them), shown through _()
THEME_LABELS = {
    "1-heads_of_state_diplomacy": N_("1 · Heads-of-state diplomacy"),
    "2-political_mutual_trust": N_("2 · Political mutual trust"),
    "3-visits_all_levels": N_("3 · Visits at all levels"),
    "4-belt_and_road": N_("4 · Belt and Road"),
    "5-humanitarian_cultural": N_("5 · Humanitarian and cultural cooperation"),
    "6-international_cooperation": N_("6 · International cooperation"),
    # TRANSLATORS: a part of the ambassador's address: its introduction
    "introduction": N_("Introduction"),
    # TRANSLATORS: a part of the ambassador's address: its look ahead
    "outlook": N_("Outlook"),
    # TRANSLATORS: a part of the ambassador's address: its closing words
    "closing": N_("Closing"),
}
SPEECH_THEMES = tuple(code for code in THEME_LABELS if code[:1].isdigit())  # the six numbered themes
SPEECH_YEAR = 2023  # the year the New Year 2024 address looks back on
SCOPE_YEAR = "2023"
SCOPE_ALL = N_("All milestones")  # English in the code and the URL; shown through _()
SCOPES = (SCOPE_YEAR, SCOPE_ALL)


def theme_label(code: str) -> str:
    """A reader's name for a theme code in the reader's language ("4-belt_and_road" → "4 · Belt and Road"); unknown
    codes stay readable."""
    return _(THEME_LABELS[code]) if code in THEME_LABELS else str(code).replace("_", " ").replace("-", " · ", 1)


def theme_codes(labels: list[str] | tuple[str, ...]) -> list[str]:
    """The codes behind theme labels chosen in a widget (labels that are not known are dropped)."""
    by_label = {label: code for code, label in THEME_LABELS.items()}
    return [by_label[label] for label in labels if label in by_label]


def _years_of(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    return events["start"].str[:4].astype(int), events["end"].str[:4].astype(int)


@dataclass(frozen=True)
class ScopedEvents:
    events: pd.DataFrame
    note: str  # what the view holds, in plain words in the reader's language ("" for the 2023 events)


def events_in_scope(events: pd.DataFrame, scope: str, years: tuple[int, int],
                    limits: tuple[int, int]) -> ScopedEvents:
    """The events of one scope, oldest first.

    "2023": events starting in 2023 (the year filter does not apply: the sidebar hides it in this view).
    "All milestones": events overlapping the chosen years. A filter end left at its limit (`limits`: the trade
    data's first and last year) is open, so milestones before or after the trade data's years stay in view.
    """
    start, end = _years_of(events)
    if scope == SCOPE_YEAR:
        return ScopedEvents(events[start == SPEECH_YEAR].sort_values(["start", "end"], ignore_index=True), "")
    low = None if years[0] <= limits[0] else years[0]
    high = None if years[1] >= limits[1] else years[1]
    keep = pd.Series(True, index=events.index)
    if low is not None:
        keep &= end >= low
    if high is not None:
        keep &= start <= high
    rows = events[keep].sort_values(["start", "end"], ignore_index=True)
    if rows.empty:
        return ScopedEvents(rows, _("No milestone in kzcn's timeline falls in {first}–{last}.").format(
            first=years[0], last=years[1]))
    first, last = int(rows["start"].str[:4].astype(int).min()), int(rows["end"].str[:4].astype(int).max())
    n = len(rows)
    if low is None and high is None:
        note = ngettext("All {n} milestones in kzcn's timeline, {first}–{last}.",
                        "All {n} milestones in kzcn's timeline, {first}–{last}.", n).format(n=n, first=first,
                                                                                           last=last)
    else:
        note = ngettext("{n} milestones overlapping {first}–{last}, following the year filter in the sidebar.",
                        "{n} milestones overlapping {first}–{last}, following the year filter in the sidebar.",
                        n).format(n=n, first=low or first, last=high or last)
    return ScopedEvents(rows, note)


def filter_events(events: pd.DataFrame, categories: list[str] | tuple[str, ...] = (),
                  themes: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """Events of any chosen category and touching any chosen theme code (nothing chosen: no restriction)."""
    keep = pd.Series(True, index=events.index)
    if categories:
        keep &= events["category"].isin(list(categories))
    if themes:
        wanted = set(themes)
        keep &= events["themes"].map(lambda ts: bool(wanted.intersection(list(ts))))
    return events[keep].reset_index(drop=True)


def event_choices(events: pd.DataFrame) -> dict[str, str]:
    """event_id → "17 May 2023 · Title" for a picker, in the frame's order."""
    return {r.event_id: f"{when(r.start, r.end)} · {r.title}" for r in events.itertuples()}


def pick_event(choices: dict[str, str], wanted: str | None) -> str | None:
    """The event to detail: the one asked for if the current filters still show it, else the first shown."""
    if wanted in choices:
        return wanted
    return next(iter(choices), None)


def selected_event(state: object, ids: Collection[str]) -> str | None:
    """The event a click on the timeline chose: the event id in the customdata of the last clicked point that
    carries one of `ids` (the events the chart showed), or None (a click beside the dots, a deselection, a state
    of another shape). `state`: what st.plotly_chart with on_select keeps, {"selection": {"points": [...]}}."""
    selection = state.get("selection") if isinstance(state, Mapping) else None
    points = selection.get("points") if isinstance(selection, Mapping) else None
    for point in reversed(points if isinstance(points, list) else []):
        custom = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(custom, list) and custom and isinstance(custom[-1], str) and custom[-1] in ids:
            return custom[-1]
    return None


def treemap_drill(state: object, *, sector: str | None, chapters: Collection[str],
                  sector_of: Mapping[str, str], groups: Mapping[str, tuple[str, ...]] | None = None,
                  headings: Collection[str] = ()) -> dict[str, object]:
    """What a click on a box of the sector tab's treemap changes in the sidebar's filters (their session-state
    keys, so the URL keeps the drill-down and a shared link restores it); {} for a click that opens nothing.

    `state`: what st.plotly_chart with on_select keeps ({"selection": {"points": [{"id": ...}]}}; a treemap's
    point carries its node id, kzcn.sectors.breakdown's "S<sector>", "C<chapter>", "H<heading>" or "R", or
    kzcn.sectors.boxes's "G<parent>"). `groups`: each grouped box's chapters or headings (codes); `headings`: the
    headings chosen.
    Down: a chapter box chooses that chapter (and its sector, if another sector is chosen); a sector box chooses
    that sector; a box of smaller chapters chooses them, one of a chapter's smaller headings chooses that chapter
    and those headings. Up: the box of the only sector chosen goes back to all sectors; with chapters chosen (they
    are then the top boxes), the box of a chapter whose headings are chosen goes back to all its headings, the box of
    the only chapter chosen clears the chapters (the box of one of several keeps only it). A heading or the
    remainder: {}.
    """
    selection = state.get("selection") if isinstance(state, Mapping) else None
    points = selection.get("points") if isinstance(selection, Mapping) else None
    ids = [p.get("id") for p in (points if isinstance(points, list) else []) if isinstance(p, Mapping)]
    node = next((i for i in reversed(ids) if isinstance(i, str) and len(i) > 1), None)
    if node is None:
        return {}
    kind, code = node[0], node[1:]
    members = (groups or {}).get(node, ()) if kind == "G" else ()
    if members and all(m in sector_of for m in members):  # smaller chapters, all of one sector
        drill = {"chapters": list(members), "headings": []}
        if sector is not None and sector_of[members[0]] != sector:
            drill["sector"] = sector_of[members[0]]
        return drill
    if members and len({m[:2] for m in members}) == 1 and all(len(m) == 4 and m[:2] in chapters for m in members):
        return {"chapters": [members[0][:2]], "headings": list(members)}  # a chosen chapter's smaller headings
    if kind == "C" and code in sector_of:
        if code in chapters and any(h[:2] == code for h in headings):
            return {"chapters": [code], "headings": []}  # up from some of its headings to all of them
        if list(chapters) == [code]:
            return {"chapters": [], "headings": []}
        drill: dict[str, object] = {"chapters": [code], "headings": []}
        if sector is not None and sector_of[code] != sector:
            drill["sector"] = sector_of[code]
        return drill
    if kind == "S" and code in set(sector_of.values()):
        if sector == code and not chapters:
            return {"sector": urlstate.ALL_SECTORS, "chapters": [], "headings": []}
        return {"sector": code, "chapters": [], "headings": []}
    return {}


def event_to_show(choices: dict[str, str], chosen: str | None, linked: str | None) -> str | None:
    """The event the picker will show, known before it is drawn (the chart rings it): the session's choice, else
    the link's (the URL carries the picker's label), else the first."""
    if chosen in choices:
        return chosen
    by_label = {label: event_id for event_id, label in choices.items()}
    return pick_event(choices, by_label.get(linked or ""))


def place(city: object, country: object) -> str:
    """Where an event took place, saying so when the sources give no city (nothing is geocoded or guessed)."""
    city_ok, country_ok = isinstance(city, str) and city != "", isinstance(country, str) and country != ""
    if city_ok and country_ok:
        # TRANSLATORS: a place: its city and country ("Astana, Kazakhstan"); Chinese names the country first
        # with no separator ("哈萨克斯坦阿斯塔纳")
        return pgettext("place", "{city}, {country}").format(city=city, country=country)
    if country_ok:
        return _("{country} (no city given in the sources)").format(country=country)
    return city if city_ok else _("Not stated in the sources")



def safe_links(urls: object) -> tuple[list[tuple[str, str]], int]:
    """(label, url) for every web address (http/https with a host), and how many other entries were left out.

    The label is the host; a host known to serve copies of other publishers' pages (kzcn.schemas.REPOST_HOSTS)
    is marked "(copy)", so a reader sees it is not the original publisher's page.
    """
    links, dropped = [], 0
    for raw in list(urls) if urls is not None else []:
        url = str(raw).strip()
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc and not any(ch.isspace() for ch in url):
            host = (parts.hostname or parts.netloc).removeprefix("www.")
            # TRANSLATORS: a web site's host name, marked as serving a copy of another publisher's page
            links.append((_("{host} (copy)").format(host=host) if host.lower() in REPOST_HOSTS else host, url))
        else:
            dropped += 1
    return links, dropped


def year_intro(events: pd.DataFrame, year: int = SPEECH_YEAR) -> list[str]:
    """The Timeline's opening sentences: how many events of `year` the research table holds, and how many of them
    the address names or refers to (a non-empty passage_ids)."""
    of_year = events[events["start"].str[:4] == str(year)]
    named = int(of_year["passage_ids"].map(len).gt(0).sum())
    return [
        ngettext("The {n} event of {year} in kzcn's research table: the year the Chinese ambassador's New Year "
                 "address looks back on.", "The {n} events of {year} in kzcn's research table: the year the Chinese "
                 "ambassador's New Year address looks back on.", len(of_year)).format(n=len(of_year), year=year),
        ngettext("{n} of them is named or referred to in the address.",
                 "{n} of them are named or referred to in the address.", named).format(n=named),
    ]


def events_counted(shown: pd.DataFrame, total: int, scope: str) -> str:
    """The Timeline chart's title: how many events (of `scope`) or milestones it shows, of the `total` in view, and
    the years they span."""
    n = len(shown)
    first, last = shown["start"].str[:4].min(), shown["end"].str[:4].max()
    years = {"year": SPEECH_YEAR} if scope == SCOPE_YEAR else \
        {"first": first, "last": last} if first != last else {"year": first}
    if n == total:
        if scope == SCOPE_YEAR:
            text = ngettext("{n} event of {year}", "{n} events of {year}", n)
        elif first != last:
            text = ngettext("{n} milestone, {first}–{last}", "{n} milestones, {first}–{last}", n)
        else:
            text = ngettext("{n} milestone, {year}", "{n} milestones, {year}", n)
    elif scope == SCOPE_YEAR:
        text = ngettext("{n} of the {total} event of {year}", "{n} of the {total} events of {year}", total)
    elif first != last:
        text = ngettext("{n} of the {total} milestone, {first}–{last}", "{n} of the {total} milestones, "
                        "{first}–{last}", total)
    else:
        text = ngettext("{n} of the {total} milestone, {year}", "{n} of the {total} milestones, {year}", total)
    return text.format(n=n, total=total, **years)


def timeline_help(n: int, scope: str, *, named: bool) -> str:
    """How to read the Timeline chart of `n` events: `named` when the chart writes each event's name (few enough)."""
    if named:
        how = _("Click an event’s dot for its details below; the ring marks the event shown there. Names are "
                "shortened: hover a dot for the whole title.")
    elif scope == SCOPE_ALL:
        how = ngettext("{n} event is too many to name on the chart: pick a category or narrow the years to see "
                       "each one named. Hover a dot for the event, click it for its details below.",
                       "{n} events are too many to name on the chart: pick a category or narrow the years to "
                       "see each one named. Hover a dot for the event, click it for its details below.",
                       n).format(n=n)
    else:
        how = ngettext("{n} event is too many to name on the chart: pick a category to see each one named. "
                       "Hover a dot for the event, click it for its details below.",
                       "{n} events are too many to name on the chart: pick a category to see each one named. "
                       "Hover a dot for the event, click it for its details below.", n).format(n=n)
    # TRANSLATORS: “day not known” is what an event's date says when the sources give only its month
    bars = _("A pale bar covers an event of several days, or the whole month where the sources give only the "
             "month (its date then says “day not known”).")
    return fmt.sentences(how, bars)


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events as the Timeline's table shows them: date, title, category, place and whether the address names
    each one, with headers and values in the reader's language."""
    # TRANSLATORS: whether the ambassador's address names an event (a table's yes/no column)
    yes, no = _("yes"), _("no")
    return pd.DataFrame({
        _("Date"): [when(s, e) for s, e in zip(events["start"], events["end"], strict=True)],
        _("Event"): events["title"].to_numpy(), _("Category"): [_(c) for c in events["category"]],
        _("Place"): [place(c, k) for c, k in zip(events["city"], events["country"], strict=True)],
        # TRANSLATORS: a table's column: whether the ambassador's address names the event
        _("In the address"): [yes if len(ids) else no for ids in events["passage_ids"]],
    })


def map_note(events: pd.DataFrame) -> str:
    """Plain words on which events the map cannot show (no place in the sources) and on shared venues."""
    missing = int(events[["lat", "lon"]].isna().any(axis=1).sum())
    total = len(events)
    if total == 0:
        return ""
    shown = events.dropna(subset=["lat", "lon"])
    venues = shown.groupby(["lat", "lon"]).size()
    shared = int((venues > 1).sum())
    if missing == 0:
        text = ngettext("All {n} events are on the map.", "All {n} events are on the map.", total).format(n=total)
    elif missing == total:
        text = ngettext("None of the {n} events is on the map: the sources give no place for them.",
                        "None of the {n} events is on the map: the sources give no place for them.",
                        total).format(n=total)
    else:
        text = ngettext("{missing} of the {total} events is not on the map: the sources give no place for them.",
                        "{missing} of the {total} events are not on the map: the sources give no place for them.",
                        missing).format(missing=missing, total=total)
    if shared:
        text += " " + ngettext("{n} venue hosted several events: each point lists every event held there.",
                               "{n} venues hosted several events: each point lists every event held there.",
                               shared).format(n=shared)
    return text


# a venue's category when its events have several (English in the frame, like the categories; shown through _())
MIXED_CATEGORIES = N_("several categories")


def venues(events: pd.DataFrame) -> pd.DataFrame:
    """One row per venue (rough city centre) with its events listed, for the map: points never hide each other.

    Columns: lat, lon, place, city (the map's name for it: the city, else the place), count, category (the
    venue's only category, or "several categories"), label (hover text: one line per event, oldest first),
    event_ids.
    """
    rows = events.dropna(subset=["lat", "lon"]).sort_values(["start", "end"])
    out = []
    for (lat, lon), g in rows.groupby(["lat", "lon"], sort=False):
        cats = list(dict.fromkeys(g["category"]))
        lines = [f"{when(r.start, r.end)} · {r.title}" for r in g.itertuples()]
        city, country = g["city"].iloc[0], g["country"].iloc[0]
        out.append({"lat": lat, "lon": lon, "place": place(city, country),
                    "city": city if isinstance(city, str) and city else place(city, country),
                    "count": len(g), "category": cats[0] if len(cats) == 1 else MIXED_CATEGORIES,
                    "label": "<br>".join(lines), "event_ids": tuple(g["event_id"])})
    return pd.DataFrame(out, columns=["lat", "lon", "place", "city", "count", "category", "label", "event_ids"])



def passages_for(ids: object, passages: pd.DataFrame) -> pd.DataFrame:
    """The speech passages with these ids, in the order of the address."""
    wanted = [str(i) for i in (list(ids) if ids is not None else [])]
    rows = passages[passages["passage_id"].isin(wanted)]
    return rows.sort_values("order", ignore_index=True)
