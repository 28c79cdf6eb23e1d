"""The one Streamlit module in kzcn: cached data, the shared URL-bound filters, notices and source lines.

Everything here is thin: data access goes through kzcn.datasets, maths through kzcn.metrics, figures through
kzcn.charts. Pages import this module and nothing else from Streamlit-land.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from kzcn import charts, datasets, fmt, metrics, provenance, sectors, speechview, tables, urlstate, views
from kzcn import partners as partner_data
from kzcn import partnerviews as pv
from kzcn.claims import VERDICTS
from kzcn.errors import DatasetError
from kzcn.paths import data_dir
from kzcn.schemas import DATASETS

FILTERS_KEY = "_kzcn_filters"
# Map outlines served by the app itself (static/topojson, static serving on): relative, so it also works
# under a path prefix. plotly.js would otherwise fetch them from its CDN.
TOPOJSON_URL = "app/static/topojson/"
# Page-level widgets bound to the URL, and the values each may take (None: checked by the widget itself).
PAGE_KEYS: dict[str, tuple[str, ...] | None] = {
    "tree_year": None, "tree_side": urlstate.REPORTER_VIEWS[1:],
    "share_year_imports": None, "share_year_exports": None,
    "gap_year": None,
    # Timeline 2023 and The speech: values as the widgets show them, which is what the URL carries
    "category": tuple(charts.CATEGORY_COLOURS), "theme": tuple(views.THEME_LABELS[c] for c in views.SPEECH_THEMES),
    "scope": views.SCOPES, "claims": VERDICTS,
    "dataset": tuple(tables.NAMES.values()),  # the picker binds the shown name, e.g. ?dataset=Annual+trade
    "trade_view": views.TRADE_TABS, "timeline_view": views.TIMELINE_TABS,  # the open tab (see open_tab)
    "speech_view": views.SPEECH_TABS,
    "timeline_event": None,  # the event's label as the picker shows it; checked against the view on the page
    "event_names": urlstate.BOOLEAN,  # Overview: the toggle naming major events on the long-run chart
    # Partners: the open tab, the flow, whose count, and the year of the ranked bars (checked on the page)
    "partners_view": pv.TABS, "partners_flow": pv.FLOW_CHOICES,
    "partners_source": pv.SOURCE_CHOICES, "partners_year": None,
}
SINGLE_PAGE_KEYS = frozenset(("tree_year", "tree_side", "share_year_imports", "share_year_exports", "gap_year",
                              "scope", "dataset", "trade_view", "timeline_view", "speech_view", "timeline_event",
                              "event_names", "partners_view", "partners_flow", "partners_source",
                              "partners_year"))


@dataclass(frozen=True)
class Filters:
    years: tuple[int, int]
    sector: str
    chapters: tuple[str, ...]
    direction: str
    reporter: str
    headings: tuple[str, ...] = ()

    @property
    def selection(self) -> sectors.Selection:
        """The goods chosen: sector, chapters and headings."""
        return sectors.Selection(self.chosen_sector, self.chapters, self.headings)

    @property
    def reporters(self) -> list[str]:
        return urlstate.reporters_of(self.reporter)

    @property
    def chosen_sector(self) -> str | None:
        """The sector to narrow to, or None for all sectors."""
        return None if self.sector == urlstate.ALL_SECTORS else self.sector

    @property
    def directions(self) -> list[str]:
        return [self.direction] if self.direction in urlstate.DIRECTIONS[1:] else list(urlstate.DIRECTIONS[1:])


@st.cache_resource(show_spinner=False)
def _load_all(folder: str) -> dict[str, pd.DataFrame]:
    """Every dataset, read and schema-checked once per process and folder (files change only on a redeploy).

    Held once per process and shared by every session (cache_resource: no copy per call, which cost ~9 ms each
    time a page asked for the data). Callers get shallow copies (see load_all). A failure is not cached: once the
    file is fixed, the next visitor gets the data without a restart.
    """
    return {name: datasets.load(name, Path(folder)) for name in DATASETS}


def load_all() -> dict[str, pd.DataFrame]:
    """The shared datasets as shallow copies: with pandas' copy-on-write, nothing a page does to its frames
    (new columns, changed cells) can reach the shared ones or another session."""
    return {name: frame.copy(deep=False) for name, frame in _load_all(str(data_dir())).items()}


def data() -> dict[str, pd.DataFrame]:
    """The datasets, or a clear error page naming the broken file (the server keeps serving)."""
    try:
        return load_all()
    except DatasetError as exc:
        st.error(f"The dashboard cannot start: {exc.file}: {exc.problem}", icon=":material/error:")
        st.caption("Whoever runs this dashboard can rebuild the data with `python -m kzcn.build` "
                   "(see the README). Nothing was changed.")
        st.stop()
        raise  # unreachable: st.stop() ends the run


def options() -> urlstate.Options:
    """The filters' possible values, derived from the data (cached per data folder)."""
    return _options(str(data_dir()))


@st.cache_resource(show_spinner=False)
def _options(folder: str) -> urlstate.Options:  # frozen, shared read-only (no copy per call)
    frames = _load_all(folder)
    years = frames["trade_annual"]["year"]
    chapters = frames["hs_chapters"]
    by_sector = {s: tuple(g["hs_chapter"]) for s, g in chapters.groupby("sector", sort=False)}
    labels = {c: urlstate.chapter_label(c, n) for c, n in zip(chapters["hs_chapter"], chapters["chapter_name"],
                                                              strict=True)}
    names = dict(zip(chapters["hs_chapter"], chapters["chapter_name"], strict=True))
    speech = {pid: [views.SPEECH_FIGURES[v] for v in wanted if v in views.SPEECH_FIGURES]
              for pid, wanted in zip(frames["passages"]["passage_id"], frames["passages"]["trade_views"], strict=True)}
    # the speech page's keys: a passage's chart expander (open or not) and, with several figures, its tabs
    figure_keys = {speechview.chart_key(pid): urlstate.BOOLEAN for pid, shown in speech.items() if shown}
    figure_keys |= {speechview.figures_key(pid): tuple(shown) for pid, shown in speech.items() if len(shown) > 1}
    goods = _names(folder)
    heading_labels = {c: urlstate.chapter_label(c, goods.heading_label(c).split(" ", 1)[1])
                      for c in sorted(set(frames["hs_headings"]["hs_heading"]))}
    return urlstate.Options(int(years.min()), int(years.max()), tuple(by_sector), by_sector, labels,
                            PAGE_KEYS | figure_keys, names, SINGLE_PAGE_KEYS | set(figure_keys), heading_labels)


@st.cache_resource(show_spinner=False)
def _names(folder: str) -> sectors.Names:  # frozen, shared read-only
    frames = _load_all(folder)
    return sectors.Names.of(frames["hs_chapters"], frames["hs_headings"])


def goods_names() -> sectors.Names:
    """Sector, chapter and heading names (cached per data folder)."""
    return _names(str(data_dir()))


def speech_passages() -> list[speechview.PassageView]:
    """The address's passages with their events and claims, ready to show (cached per data folder)."""
    return _speech_passages(str(data_dir()))


@st.cache_resource(show_spinner=False)
def _speech_passages(folder: str) -> list[speechview.PassageView]:  # frozen views, shared read-only
    frames = _load_all(folder)
    return speechview.passage_views(frames["passages"], frames["claims"], frames["events"])


def claims_markdown(verdicts: Sequence[str]) -> pd.DataFrame:
    """The speech page's table of claims with these verdicts (all if none), as markdown (cached per choice)."""
    return _claims_markdown(str(data_dir()), tuple(verdicts))


@st.cache_data(show_spinner=False, max_entries=64)
def _claims_markdown(folder: str, verdicts: tuple[str, ...]) -> pd.DataFrame:
    frames = _load_all(folder)
    table = speechview.claims_table(frames["claims"], frames["sources"], frames["passages"], verdicts)
    return speechview.as_markdown(table) if len(table) else table


def table_view(name: str, f: Filters) -> tables.Table:
    """tables.shape of a dataset for these filters, once per process and filter state (shared read-only: the Data
    page only shows it; joining the sources to 4,410 coverage rows takes ~30 ms)."""
    return _table_view(str(data_dir()), name, f)


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs={Filters: lambda f: repr(f)})
def _table_view(folder: str, name: str, f: Filters) -> tables.Table:
    return tables.shape(name, _load_all(folder), f)


def lazy_expander(label: str, key: str, icon: str | None = None, *, shared: bool = False) -> DeltaGenerator | None:
    """An expander whose content is built only while it is open: its container, or None when closed (opening it
    reruns the page). For notes and charts the reader opens on demand, so every other rerun skips them.

    shared: the open state goes into the URL (`?key=true`), so a link restores an open expander."""
    box = st.expander(label, key=key, on_change="rerun", icon=icon,
                      bind="query-params" if shared else None)
    return box if box.open else None


def chapter_names() -> dict[str, str]:
    return options().chapter_names


def _raw_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def link_value(key: str) -> str | None:
    """The first value the page's link gives for `key` (before a bound widget drops a value it cannot use)."""
    values = st.query_params.get_all(key)
    return values[0] if values else None


RESET_KEY = "_kzcn_reset"
NOTICES_KEY = "_kzcn_notices"


def _defaults(opts: urlstate.Options) -> dict[str, object]:
    return {"years": opts.default_years, "sector": urlstate.ALL_SECTORS, "chapters": [], "headings": [],
            "direction": urlstate.DIRECTIONS[0], "reporter": urlstate.REPORTER_VIEWS[0]}


KEPT_KEY = "_kzcn_kept"  # the last value of each filter, for the next page that shows it
# the filters' labels: on their widgets and in the note naming the hidden ones
LABELS = {"years": "Years", "sector": "Sector", "chapters": "HS chapters", "headings": "HS4 headings",
          "direction": "Direction of goods",
          "reporter": "Whose figures"}


def _from_link(key: str, notices: Sequence[urlstate.Notice], opts: urlstate.Options) -> object | None:
    """A hidden filter's value as the page's link gives it, if usable (a bad one has a notice and is dropped)."""
    values = st.query_params.get_all(key)
    if not values or any(n.key == key for n in notices):
        return None
    if key in ("chapters", "headings"):
        codes = {label: code for code, label in _labels(key, opts).items()}
        return [codes[v] for v in values if v in codes]
    if key == "years":
        return tuple(int(v) for v in values)  # two whole years in order: urlstate.check found no problem
    return values[0]


def _labels(key: str, opts: urlstate.Options) -> Mapping[str, str]:
    return opts.chapter_labels if key == "chapters" else opts.heading_labels


def _url_form(key: str, value: object, opts: urlstate.Options) -> str | list[str]:
    """A filter's value as its bound widget writes it into the URL (chapters by their labels)."""
    if key in ("chapters", "headings"):
        return [_labels(key, opts).get(c, c) for c in value]  # type: ignore[union-attr]
    if key == "years":
        return [str(y) for y in value]  # type: ignore[union-attr]
    return str(value)


def sidebar_filters(used: Collection[str] = urlstate.GLOBAL_KEYS) -> Filters:
    """Create the shared filters the page uses (once, in the entry point) and remember them for that page.

    `used`: the filters this page applies; the others are not shown (a filter that changes nothing misleads) but
    keep their values, from the session or the link, for the next page that uses them. The URL carries the
    filters of the page shown.

    A link with a value the app cannot use falls back to that filter's default with a notice. Streamlit seeds
    a bound widget from the URL on a session's first run whatever we do, so a bad value is reset on one
    immediate rerun (only ever for malformed links), and the notice is carried across it.
    """
    opts = options()
    defaults = _defaults(opts)
    reset = st.session_state.pop(RESET_KEY, None)
    if reset:
        for key in reset:
            st.session_state[key] = defaults[key]
        notices = st.session_state.pop(NOTICES_KEY, [])
    else:
        notices = urlstate.check(_raw_params(), opts)
    kept: dict[str, object] = st.session_state.setdefault(KEPT_KEY, {})
    shows = {key: key in used for key in urlstate.GLOBAL_KEYS}
    restored = set()
    for key, shown in shows.items():
        if not shown and (linked := _from_link(key, notices, opts)) is not None:
            kept[key] = linked
        elif shown and key not in st.session_state and key in kept:
            st.session_state[key] = kept[key]  # back on a page that shows it: the value it had, in the URL too
            restored.add(key)
            if kept[key] != defaults[key]:
                st.query_params[key] = _url_form(key, kept[key], opts)
    names = chapter_names()
    value = {key: kept.get(key, defaults[key]) for key, shown in shows.items() if not shown}
    with st.sidebar:
        st.header("Filters", anchor=False)
        if shows["years"]:  # a restored range comes from the session (a default as well would get a warning)
            value["years"] = st.slider(LABELS["years"], opts.year_min, opts.year_max,
                                       None if "years" in restored else opts.default_years, key="years",
                                       bind="query-params", help="Calendar years of the trade data.")
        if shows["sector"]:
            value["sector"] = st.selectbox(LABELS["sector"], (urlstate.ALL_SECTORS, *opts.sectors), key="sector",
                                           bind="query-params", help="kzcn's grouping of HS chapters (see Data & "
                                                                     "sources).")
        pool = opts.chapters_by_sector.get(value["sector"]) or tuple(names)
        if shows["chapters"]:
            value["chapters"] = st.multiselect(LABELS["chapters"], pool, key="chapters", bind="query-params",
                                               format_func=lambda c: opts.chapter_labels.get(c, c),
                                               placeholder="All chapters of the sector",
                                               help="Two-digit HS chapters; empty means every chapter of the sector.")
        chosen = tuple(c for c in value["chapters"] if c in pool)
        heading_pool = tuple(h for h in opts.heading_labels if h[:2] in chosen)
        if shows["headings"] and heading_pool:
            value["headings"] = st.multiselect(LABELS["headings"], heading_pool, key="headings",
                                               bind="query-params",
                                               format_func=lambda c: opts.heading_labels.get(c, c),
                                               placeholder="All headings of the chapters",
                                               help="Four-digit HS headings of the chosen chapters; empty means "
                                                    "all of them.")
        elif shows["headings"]:
            value["headings"] = []
            st.caption("Choose HS chapters to pick four-digit headings within them.")
        if shows["direction"]:
            value["direction"] = st.radio(LABELS["direction"], urlstate.DIRECTIONS, key="direction",
                                          bind="query-params")
        if shows["reporter"]:
            value["reporter"] = st.radio(
                LABELS["reporter"], urlstate.REPORTER_VIEWS, key="reporter", bind="query-params",
                help="China's customs and Kazakhstan's statistics bureau report the same trade very differently. "
                     "kzcn never mixes them into one line.")
        if hidden := [LABELS[key] for key, shown in shows.items() if not shown]:
            st.caption(f"Not used in this view: {', '.join(hidden)}. Kept as set for the views that use "
                       f"{'it' if len(hidden) == 1 else 'them'}.")
    kept.update({key: value[key] for key, shown in shows.items() if shown})
    shown_values = {"years": tuple(value["years"]), "sector": value["sector"], "chapters": list(value["chapters"]),
                    "headings": list(value["headings"]), "direction": value["direction"],
                    "reporter": value["reporter"]}
    stale = [n.key for n in notices if n.key in defaults and shown_values[n.key] != defaults[n.key]]
    if stale and not reset:
        st.session_state[RESET_KEY] = stale
        st.session_state[NOTICES_KEY] = notices
        st.rerun()
    filters = Filters(urlstate.clean_years(value["years"], opts), value["sector"], chosen, value["direction"],
                      value["reporter"], tuple(h for h in value["headings"] if h in heading_pool))
    st.session_state[FILTERS_KEY] = filters
    for notice in notices:
        st.warning(notice.text, icon=":material/link_off:")
    return filters


def filters() -> Filters:
    """The filters set by the entry point for this run."""
    current = st.session_state.get(FILTERS_KEY)
    if current is None:  # a page run without the entry point (should not happen with st.navigation)
        opts = options()
        current = Filters(opts.default_years, urlstate.ALL_SECTORS, (), urlstate.DIRECTIONS[0],
                          urlstate.REPORTER_VIEWS[0])
    return current


def share_box() -> None:
    """Shows the link that restores this exact view (the browser keeps it in the address bar too).

    In a popover: its code block (with the copy button) is only drawn when opened. Drawn on every page it made
    the browser fetch and parse Streamlit's 1.5 MB syntax highlighter before the first chart (~0.9 s more to the
    first chart on this machine; docs/performance.md).
    """
    with st.sidebar:
        st.divider()
        with st.popover("Share this view", icon=":material/link:", width="stretch"):
            st.caption("The link in your address bar restores these filters and this page. Copy it from here:")
            st.code(current_link(), language=None, wrap_lines=True)


def current_link() -> str:
    """The URL of this page with the current filters (the app's own address as the browser sees it)."""
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    base = st.context.url or ""
    if base and not urlsplit(base).path:
        base += "/"  # the root page: "http://host?x" is not a URL every reader accepts
    return f"{base}{'?' + query if query else ''}"


def metric(label: str, value: str, *, change: float | None = None, change_label: str = "",
           help: str | None = None) -> None:
    """st.metric with a growth delta that never misleads: Streamlit picks the arrow from a leading ASCII '-',
    and a change that rounds to zero gets no arrow at all."""
    if change is None or change != change:
        st.metric(label, value, help=help)
        return
    text = fmt.pct(change)
    arrow = "off" if text[0] not in "+−" else "auto"
    text = "-" + text[1:] if text.startswith("−") else text
    st.metric(label, value, delta=f"{text} {change_label}".strip(), delta_arrow=arrow, help=help)


def caption_for(*frames: pd.DataFrame, bare: bool = False) -> str:
    """The source line of the rows shown, computed from their source ids."""
    return _cite(str(data_dir()), tuple(provenance.source_ids(*frames)), bare)


@st.cache_data(show_spinner=False, max_entries=512)
def _cite(folder: str, ids: tuple[str, ...], bare: bool) -> str:
    return provenance.cite(ids, _load_all(folder)["sources"], bare=bare)


def choice_to_show(labels: Sequence[str], key: str) -> str:
    """The choice a URL-bound one-choice widget (open_tab's tabs, a segmented control) will show, known before it
    is drawn: the session's, else the link's, else the first."""
    return next((v for v in (st.session_state.get(key), link_value(key)) if v in labels), labels[0])


def open_tab(labels: Sequence[str], key: str) -> tuple[str, DeltaGenerator]:
    """Tabs bound to the URL (`?key=label`), of which only the open one is filled: returns its label and container.

    Streamlit runs the script again on a tab switch, so hidden tabs cost nothing: a page draws its first chart
    without waiting for the browser to draw every other one (docs/performance.md).
    """
    tabs = st.tabs(list(labels), key=key, bind="query-params")
    return next(((label, tab) for label, tab in zip(labels, tabs, strict=True) if tab.open), (labels[0], tabs[0]))


def chart(fig: go.Figure, key: str | None = None, *, on_click: Callable[[], None] | None = None) -> None:
    """A Plotly chart with its PNG download in the mode bar, filling the column. on_click: called (before the
    rerun) when the reader clicks a point or clears the selection; the chart's state is st.session_state[key]."""
    clicks = {"on_select": on_click, "selection_mode": "points"} if on_click else {}
    st.plotly_chart(fig, key=key, config={"displaylogo": False, "toImageButtonOptions": {"format": "png",
                                                                                       "scale": 2},
                                          "topojsonURL": TOPOJSON_URL}, **clicks)


# Plotly cancels every touch that starts on a plot (touchstart/touchmove, to pan or zoom), so on a phone a finger
# on a chart cannot scroll the page; and a tap selects the point *hovered before* the tap (the click-to-select reads
# the hover of the previous tap). Measured in Chromium with touch (tests/browser/test_timeline_chart.py). This script
# keeps touches on the charts in `.st-key-<key>` containers away from Plotly: the page scrolls under the finger, and
# the browser turns a tap into mouse events, which Plotly reads as hover then click, selecting the point tapped.
_TAPS_AS_CLICKS = """<script>
(() => {
  const keys = KEYS, doc = document;
  doc.__kzcnTapKeys = Array.from(new Set([...(doc.__kzcnTapKeys || []), ...keys]));
  if (doc.__kzcnTaps) return;
  doc.__kzcnTaps = true;
  const onChart = (e) => e.target instanceof Element && doc.__kzcnTapKeys.some(
    (k) => e.target.closest(`.st-key-${k} .js-plotly-plot .draglayer`));
  for (const type of ["touchstart", "touchmove", "touchend", "touchcancel"]) {
    doc.addEventListener(type, (e) => { if (onChart(e)) e.stopPropagation(); }, {capture: true, passive: true});
  }
})();
</script>"""


def taps_as_clicks(*keys: str) -> None:
    """On a touch screen, let a finger on these keyed charts scroll the page and a tap select the point tapped
    (see _TAPS_AS_CLICKS). The script is the same on every run and installs its listeners once per page."""
    st.html(_TAPS_AS_CLICKS.replace("KEYS", json.dumps(list(keys))), unsafe_allow_javascript=True)


def picks_event(chart_key: str, picker_key: str, ids: Collection[str]) -> Callable[[], None]:
    """on_click for a chart of events: the event clicked becomes the picker's choice, so the details show it and
    the URL keeps it as if it had been picked there. A click on nothing, or a deselection, changes nothing."""
    known = frozenset(ids)

    def picked() -> None:
        event_id = views.selected_event(st.session_state.get(chart_key), known)
        if event_id is not None:
            st.session_state[picker_key] = event_id

    return picked


# ---- Cached views ------------------------------------------------------------------------------------------------
# A rerun after a filter change should only redo what that filter changes. Each function below is a kzcn.views or
# kzcn.metrics frame for hashable filter values (years, reporter, ...), computed once per process and data folder
# and shared by every session; pages call these instead of the pure functions where the same frame is asked for on
# every rerun. cache_data hands each caller its own copy (small frames: well under a millisecond).

def _folder() -> str:
    return str(data_dir())


ALL_YEARS = (-10_000, 10_000)


def _years(frame: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """The rows of a frame computed for every year that fall in `years` (same order, fresh index)."""
    return frame[frame["year"].between(*years)].reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=16)
def _annual_totals(folder: str, reporters: tuple[str, ...]) -> pd.DataFrame:
    d = _load_all(folder)
    return views.annual_totals(d["trade_annual"], d["sources"], list(reporters), ALL_YEARS)


def annual_totals(reporters: list[str] | tuple[str, ...], years: tuple[int, int]) -> pd.DataFrame:
    """views.annual_totals on the shipped data: computed once for every year, then cut to the years."""
    return _years(_annual_totals(_folder(), tuple(reporters)), years)


@st.cache_data(show_spinner=False, max_entries=8)
def _reporter_totals(folder: str, reporter: str) -> pd.DataFrame:
    return metrics.reporter_totals(_load_all(folder)["trade_annual"], reporter)


@st.cache_data(show_spinner=False, max_entries=512)
def _range_summary(folder: str, reporter: str, years: tuple[int, int]) -> dict[str, object]:
    return metrics.range_summary(_reporter_totals(folder, reporter), *years,
                                 by_series=_series_turnover(folder, reporter))


@st.cache_data(show_spinner=False, max_entries=8)
def _series_turnover(folder: str, reporter: str) -> pd.DataFrame:
    return metrics.series_turnover(_load_all(folder)["trade_annual"], reporter)


def range_summary(reporter: str, years: tuple[int, int]) -> dict[str, object]:
    """metrics.range_summary of one reporter's preferred totals, changes computed within one series."""
    return _range_summary(_folder(), reporter, tuple(years))


@st.cache_data(show_spinner=False, max_entries=8)
def _share(folder: str) -> pd.DataFrame:
    d = _load_all(folder)
    return views.share_view(d["trade_annual"], d["sources"], ALL_YEARS)  # ~90 ms, once


def share_view(years: tuple[int, int]) -> pd.DataFrame:
    """views.share_view: the share is computed once for every year, then cut to the years."""
    return _years(_share(_folder()), years)


@st.cache_data(show_spinner=False, max_entries=8)
def _press_totals(folder: str) -> pd.DataFrame:
    d = _load_all(folder)
    return views.press_totals(d["trade_annual"], d["sources"], ALL_YEARS)


def press_totals(years: tuple[int, int]) -> pd.DataFrame:
    """views.press_totals: computed once for every year, then cut to the years."""
    return _years(_press_totals(_folder()), years)


@st.cache_data(show_spinner=False, max_entries=8)
def _event_markers(folder: str) -> pd.DataFrame:
    return views.event_markers(_load_all(folder)["events"], ALL_YEARS)


def event_markers(years: tuple[int, int]) -> pd.DataFrame:
    """views.event_markers (one hover label per year): computed once for every year, then cut to the years."""
    return _years(_event_markers(_folder()), years)


@st.cache_data(show_spinner=False, max_entries=8)
def _mirror_gap(folder: str) -> pd.DataFrame:
    return metrics.mirror_gap(_load_all(folder)["trade_annual"]).dropna(subset=["gap_usd"])


def mirror_gap(years: tuple[int, int]) -> pd.DataFrame:
    """metrics.mirror_gap for the years that have both sides' figures."""
    return _years(_mirror_gap(_folder()), years)


@st.cache_data(show_spinner=False, max_entries=512)
def _bilateral_caption(folder: str, years: tuple[int, int]) -> str:
    trade = _load_all(folder)["trade_annual"]
    shown = trade[trade["preferred"] & trade["year"].between(*years) & (trade["partner"] != "World")]
    return provenance.cite(provenance.source_ids(shown), _load_all(folder)["sources"])


def bilateral_caption(years: tuple[int, int]) -> str:
    """The source line of every preferred bilateral figure in the years (the mirror gap's rows)."""
    return _bilateral_caption(_folder(), tuple(years))


@st.cache_data(show_spinner=False, max_entries=512)
def _product_years(folder: str, years: tuple[int, int]) -> list[int]:
    products = _load_all(folder)["trade_products"]
    return sorted(int(y) for y in products.loc[products["series"].isin(views.CUSTOMS_SERIES), "year"].unique()
                  if years[0] <= y <= years[1])


def product_years(years: tuple[int, int]) -> list[int]:
    """The years within `years` that have customs data by HS chapter."""
    return _product_years(_folder(), tuple(years))


@st.cache_data(show_spinner=False, max_entries=1024)
def _sector_rows(folder: str, year: int, reporter: str, flow: str, sector: str | None, selected: tuple[str, ...],
                 series: tuple[str, ...]) -> pd.DataFrame:
    d = _load_all(folder)
    return views.sector_rows(d["trade_products"], d["hs_chapters"], year=year, reporter=reporter, flow=flow,
                             sector=sector, selected=selected, series=series)


def sector_rows(*, year: int, reporter: str, flow: str, sector: str | None, selected: tuple[str, ...] = (),
                series: tuple[str, ...] = views.CUSTOMS_SERIES) -> pd.DataFrame:
    return _sector_rows(_folder(), int(year), reporter, flow, sector, tuple(selected), tuple(series))


@st.cache_data(show_spinner=False, max_entries=256)
def _sector_series(folder: str, reporter: str, flow: str, sector: str | None, selected: tuple[str, ...]
                   ) -> pd.DataFrame:
    d = _load_all(folder)
    return views.sector_series(d["trade_products"], d["hs_chapters"], years=_product_years(folder, ALL_YEARS),
                               reporter=reporter, flow=flow, sector=sector, selected=selected)


def sector_series(*, years: list[int], reporter: str, flow: str, sector: str | None,
                  selected: tuple[str, ...] = ()) -> pd.DataFrame:
    """views.sector_series for these years: computed once for every year (each year's rows stand alone), then cut."""
    every = _sector_series(_folder(), reporter, flow, sector, tuple(selected))
    return every[every["year"].isin(list(years))].reset_index(drop=True)


@st.cache_resource(show_spinner=False, max_entries=128)
def _figure(name: str, key: tuple, kw: dict, _build: Callable[..., go.Figure], _args: tuple,
            _kwargs: dict) -> go.Figure:
    return _build(*_args, **_kwargs)  # keyed on name, key and kw only (Streamlit skips _-prefixed arguments)


def figure(build: Callable[..., go.Figure], *args: object, **kwargs: object) -> go.Figure:
    """build(*args, **kwargs) (a kzcn.charts builder), built once per process for each distinct input.

    Frames are compared by content and column names, so a figure is never stale. The figure is shared by every
    session: hand it to chart() and never change it. A figure costs 10–90 ms to build and 1–2 ms to look up.
    """
    return _figure(_name(build), _key(args), _key(kwargs), build, args, kwargs)


@st.cache_data(show_spinner=False, max_entries=256)
def _derived(name: str, key: tuple, kw: dict, _make: Callable[..., object], _args: tuple, _kwargs: dict) -> object:
    return _make(*_args, **_kwargs)


def derived(make: Callable[..., object], *args: object, **kwargs: object) -> object:
    """make(*args, **kwargs) (a pure kzcn.views function), computed once per process for each distinct input;
    each caller gets its own copy. For frames a page derives from other frames (events → venues)."""
    return _derived(_name(make), _key(args), _key(kwargs), make, args, kwargs)


def _name(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def _key(value: object) -> object:
    """What the cache hashes for an argument: frames with their column names, and with cells that are lists or
    arrays (events' themes, source URLs) written out, since Streamlit's frame hashing cannot take those."""
    if isinstance(value, tuple):
        return tuple(_key(v) for v in value)
    if isinstance(value, dict):
        return {k: _key(v) for k, v in value.items()}
    if isinstance(value, pd.DataFrame):
        listy = [c for c in value.columns if value[c].dtype == object
                 and value[c].map(lambda v: isinstance(v, (list, tuple, set, dict)) or hasattr(v, "__array__")).any()]
        if listy:
            value = value.assign(**{c: value[c].map(lambda v: repr(v.tolist() if hasattr(v, "tolist") else v))
                                    for c in listy})
        return (tuple(value.columns), value)
    return value



# ---- Goods by sector, chapter and heading (kzcn.sectors) ----------------------------------------------------------

def _frames(folder: str, *names: str) -> tuple[pd.DataFrame, ...]:
    d = _load_all(folder)
    return tuple(d[n] for n in names)


GOODS = ("trade_products", "trade_headings", "product_coverage", "product_completeness")


@st.cache_data(show_spinner=False, max_entries=1024)
def _goods_breakdown(folder: str, year: int, reporter: str, flow: str, sector: str | None,
                     chapters: tuple[str, ...], headings: tuple[str, ...]) -> sectors.Breakdown | None:
    return sectors.breakdown(*_frames(folder, *GOODS), _names(folder), year=year, reporter=reporter, flow=flow,
                             selection=sectors.Selection(sector, chapters, headings))


def goods_breakdown(*, year: int, reporter: str, flow: str, selection: sectors.Selection) -> sectors.Breakdown | None:
    """sectors.breakdown on the shipped data (once per process and choice)."""
    return _goods_breakdown(_folder(), int(year), reporter, flow, selection.sector, selection.chapters,
                            selection.headings)


@st.cache_data(show_spinner=False, max_entries=512)
def _goods_over_time(folder: str, reporter: str, flow: str, sector: str | None, chapters: tuple[str, ...],
                     headings: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return sectors.over_time(*_frames(folder, *GOODS), _names(folder), reporter=reporter, flow=flow,
                             selection=sectors.Selection(sector, chapters, headings))


def goods_over_time(*, reporter: str, flow: str, selection: sectors.Selection, years: tuple[int, int]
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """sectors.over_time computed once for every year, then cut to the years."""
    bars, status = _goods_over_time(_folder(), reporter, flow, selection.sector, selection.chapters,
                                    selection.headings)
    return _years(bars, years), _years(status, years)


@st.cache_data(show_spinner=False, max_entries=64)
def _goods_years(folder: str, years: tuple[int, int]) -> list[int]:
    done = _load_all(folder)["product_completeness"]
    mine = [sectors.year_series(done, reporter=r, flow=f)["year"] for r in sectors.SECTOR_SERIES
            for f in ("exports", "imports")]
    return sorted({int(y) for ys in mine for y in ys if years[0] <= y <= years[1]})


def goods_years(years: tuple[int, int]) -> list[int]:
    """The years within `years` that have goods by chapter as either side reports them."""
    return _goods_years(_folder(), tuple(years))


@st.cache_data(show_spinner=False, max_entries=8)
def _china_share(folder: str, flow: str) -> pd.DataFrame:
    products, done = _frames(folder, "trade_products", "product_completeness")
    return sectors.china_share(products, done, _names(folder), flow=flow)


def china_share(flow: str, years: tuple[int, int]) -> pd.DataFrame:
    """sectors.china_share of Kazakhstan's `flow`, cut to the years."""
    return _years(_china_share(_folder(), flow), years)


@st.cache_data(show_spinner=False, max_entries=4)
def _chapter_gap(folder: str) -> pd.DataFrame:
    products, cov = _frames(folder, "trade_products", "product_coverage")
    return sectors.chapter_gap(products, cov, _names(folder), metrics.DIRECTIONS)


def chapter_gap(years: tuple[int, int]) -> pd.DataFrame:
    """sectors.chapter_gap: each side's figure per chapter wherever both fully record it, cut to the years."""
    return _years(_chapter_gap(_folder()), years)


# ---- Kazakhstan's partners (kzcn.partners, kzcn.partnerviews) ----------------------------------------------------
# Held once per process and shared read-only (cache_resource: no pickled copy per rerun); callers get shallow copies,
# which pandas' copy-on-write keeps from ever reaching the shared frame.

@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_rankings(folder: str, reporter: str) -> dict[str, pd.DataFrame]:
    """Every flow at once (~35–70 ms each, once per process): a reader's first change of flow then costs no more
    than any other rerun."""
    frame = _load_all(folder)["trade_partners"]
    return {flow: pv.ranked(frame, reporter, flow) for flow in partner_data.FLOWS}


def _partner_ranking(folder: str, reporter: str, flow: str) -> pd.DataFrame:
    return _partner_rankings(folder, reporter)[flow]


@st.cache_resource(show_spinner=False, max_entries=16)
def _partner_newest(folder: str, flow: str, series: str) -> pd.DataFrame:
    """Kazakhstan's ranked rows of one series' newest vintages: what its lines over time draw from."""
    ranked = _partner_ranking(folder, "Kazakhstan", flow)
    return ranked[(ranked["series"] == series) & ranked["newest"]].reset_index(drop=True)


def partner_ranking(reporter: str, flow: str) -> pd.DataFrame:
    """pv.ranked: every country partner of `reporter` ranked within each source and year."""
    return _partner_ranking(_folder(), reporter, flow).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_splits(folder: str) -> dict[tuple[str, str], tuple[pd.DataFrame, list[tuple[int, str]]]]:
    """pv.split_view and pv.split_gaps of every flow and series at once (~0.2 s, once per process): a first change
    of flow or source then costs no more than any other rerun."""
    frame = _load_all(folder)["trade_partners"]
    return {(flow, series): (pv.split_view(frame, flow, series), pv.split_gaps(frame, flow, series, ALL_YEARS))
            for flow in partner_data.FLOWS for series in pv.SERIES_NAMES}


def partner_split(flow: str, series: str, years: tuple[int, int]) -> pd.DataFrame:
    """pv.split_view (China, Russia, the source's EU, the rest) of one series, cut to the years."""
    return _years(_partner_splits(_folder())[(flow, series)][0], years)


def partner_split_gaps(flow: str, series: str, years: tuple[int, int]) -> list[tuple[int, str]]:
    """pv.split_gaps: the years a series holds but cannot split into China, Russia, its EU and the rest."""
    return [(y, what) for y, what in _partner_splits(_folder())[(flow, series)][1] if years[0] <= y <= years[1]]


@st.cache_data(show_spinner=False, max_entries=256)
def _partner_comparison(folder: str, flow: str, year: int, series: tuple[str, ...]) -> pd.DataFrame:
    return pv.top_lists(_partner_ranking(folder, "Kazakhstan", flow), year, series)


def partner_comparison(flow: str, year: int, series: tuple[str, ...]) -> pd.DataFrame:
    """partners.compare_rankings of Kazakhstan's partners in one year, every source of the series holding it (read
    from the ranking already made: pv.top_lists)."""
    return _partner_comparison(_folder(), flow, int(year), tuple(series))


@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_years(folder: str, reporter: str) -> dict[tuple[str, str], tuple[int, ...]]:
    out = {}
    for flow, ranked in _partner_rankings(folder, reporter).items():
        out |= {(flow, s): tuple(sorted(int(y) for y in g.unique())) for s, g in ranked.groupby("series")["year"]}
    return out


def partner_years(reporter: str, flow: str, series: tuple[str, ...], years: tuple[int, int]) -> list[int]:
    """pv.years_of: the years within `years` that any of the series ranks."""
    held = _partner_years(_folder(), reporter)
    return sorted({y for s in series for y in held.get((flow, s), ()) if years[0] <= y <= years[1]})


@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_absent(folder: str, reporter: str) -> dict[tuple[str, str], list[tuple[str, list[int]]]]:
    return {(flow, s): pv.absent_years(ranked, s) for flow, ranked in _partner_rankings(folder, reporter).items()
            for s in sorted(set(ranked["series"]))}


def partner_absences(flow: str, series: tuple[str, ...] | list[str], years: tuple[int, int]) -> str:
    """pv.absence_text of Kazakhstan's partners: China or Russia missing from a year a chosen series ranks."""
    absent = _partner_absent(_folder(), "Kazakhstan")
    return pv.absence_words({s: absent.get((flow, s), []) for s in series}, years)


@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_spans(folder: str) -> dict[tuple[str, str], tuple[int, int]]:
    frame = _load_all(folder)["trade_partners"]
    spans = frame.groupby(["reporter", "series"])["year"].agg(["min", "max"])
    return {key: (int(lo), int(hi)) for key, (lo, hi) in spans.iterrows()}


def partner_spans() -> dict[tuple[str, str], tuple[int, int]]:
    """(reporter, series) → the first and last year trade_partners holds."""
    return _partner_spans(_folder())


@st.cache_data(show_spinner=False, max_entries=256)
def _partner_bars(folder: str, flow: str, year: int, series: tuple[str, ...]) -> list[tuple[str, pd.DataFrame]]:
    ranked = _partner_ranking(folder, "Kazakhstan", flow)
    return [(s, pv.top_bars(ranked, sid, year)) for s in series if (sid := pv.newest_source(ranked, s, year))]


def partner_bars(flow: str, year: int, series: tuple[str, ...]) -> list[tuple[str, pd.DataFrame]]:
    """(series, pv.top_bars of its newest vintage) for every series holding the year."""
    return _partner_bars(_folder(), flow, int(year), tuple(series))


@st.cache_data(show_spinner=False, max_entries=256)
def _partner_lines(folder: str, flow: str, series: str, last: int) -> pd.DataFrame:
    return pv.rank_lines(_partner_newest(folder, flow, series), series, (ALL_YEARS[0], last))


def partner_lines(flow: str, series: str, years: tuple[int, int]) -> pd.DataFrame:
    """pv.rank_lines within the years: its partners are the top of the last year up to years[1], so the lines are
    computed once per last year and cut to the first."""
    return _years(_partner_lines(_folder(), flow, series, int(years[1])), (years[0], ALL_YEARS[1]))


@st.cache_data(show_spinner=False, max_entries=8)
def _partner_vintages(folder: str, flow: str, series: str) -> tuple[list[int], list[int]]:
    ranked = _partner_ranking(folder, "Kazakhstan", flow)
    return pv.double_vintage_years(ranked, series, ALL_YEARS), pv.vintage_differences(ranked, series, ALL_YEARS)


def partner_vintages(flow: str, series: str, years: tuple[int, int]) -> tuple[list[int], list[int]]:
    """The years within `years` that two vintages of a series hold, and those they rank differently (top 10)."""
    double, differ = _partner_vintages(_folder(), flow, series)
    return [y for y in double if years[0] <= y <= years[1]], [y for y in differ if years[0] <= y <= years[1]]


@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_source_labels(folder: str) -> dict[str, str]:
    frame = _load_all(folder)["trade_partners"].drop_duplicates("source_id")
    return {sid: pv.source_label(s, v) for sid, s, v in zip(frame["source_id"], frame["series"], frame["vintage"],
                                                            strict=True)}


def partner_source_labels() -> dict[str, str]:
    """source_id → "IMF DOTS" or "BNS, 2023 workbook", for every source of trade_partners."""
    return dict(_partner_source_labels(_folder()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_ranks(folder: str, reporter: str) -> dict[tuple[str, str], pd.DataFrame]:
    """(flow, partner) → pv.partner_ranks over every year and series, for the partners a page ranks (China among
    Kazakhstan's, Kazakhstan among China's)."""
    partner = {"Kazakhstan": "CHN", "China": "KAZ"}[reporter]
    return {(flow, partner): pv.partner_ranks(ranked, partner, tuple(pv.SERIES_NAMES), ALL_YEARS)
            for flow, ranked in _partner_rankings(folder, reporter).items()}


def partner_ranks(reporter: str, flow: str, series: tuple[str, ...], years: tuple[int, int]) -> pd.DataFrame:
    """pv.partner_ranks: China's rank among Kazakhstan's partners (reporter "Kazakhstan") or Kazakhstan's among
    China's (reporter "China"), one line per series, within the years."""
    partner = {"Kazakhstan": "CHN", "China": "KAZ"}[reporter]
    rows = _partner_ranks(_folder(), reporter)[(flow, partner)]
    return _years(rows[rows["series"].isin(list(series))], years)


@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_firsts(folder: str) -> dict[tuple[str, str], dict[int, str]]:
    return {(flow, s): pv.first_places(ranked, s) for flow, ranked in _partner_rankings(folder, "Kazakhstan").items()
            for s in pv.SERIES_NAMES}


def partner_leaders(flow: str, series: str, years: tuple[int, int]) -> list[tuple[str, str]]:
    """pv.leaders: who was Kazakhstan's first partner in which years, in one series."""
    return pv.leaders_of(_partner_firsts(_folder())[(flow, series)], years)
