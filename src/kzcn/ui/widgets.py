"""Streamlit elements with kzcn's conventions: metrics whose delta never misleads, source lines, lazy tabs and
expanders, Plotly charts with their PNG download, and taps on a phone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.delta_generator import DeltaGenerator

from kzcn import fmt, i18n, provenance, sectors, urlstate, views
from kzcn.i18n import _
from kzcn.paths import data_dir
from kzcn.ui.data import localised
from kzcn.ui.links import link_value
from kzcn.ui.pages import page_path

# Map outlines served by the app itself (static/topojson, static serving on): relative, so it also works
# under a path prefix. plotly.js would otherwise fetch them from its CDN.
TOPOJSON_URL = "app/static/topojson/"


def lazy_expander(label: str, key: str, icon: str | None = None, *, shared: bool = False) -> DeltaGenerator | None:
    """An expander whose content is built only while it is open: its container, or None when closed (opening it
    reruns the page). For notes and charts the reader opens on demand, so every other rerun skips them.

    shared: the open state goes into the URL (`?key=true`), so a link restores an open expander."""
    box = st.expander(label, key=key, on_change="rerun", icon=icon,
                      bind="query-params" if shared else None)
    return box if box.open else None


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
    return _cite(str(data_dir()), i18n.current(), tuple(provenance.source_ids(*frames)), bare)


@st.cache_data(show_spinner=False, max_entries=512)
def _cite(folder: str, lang: str, ids: tuple[str, ...], bare: bool) -> str:
    return provenance.cite(ids, localised(folder, lang)["sources"], bare=bare)


def open_tab(labels: Sequence[str], key: str) -> tuple[str, DeltaGenerator]:
    """Tabs bound to the URL (`?key=label`), of which only the open one is filled: returns its label (as given,
    in English: code compares with it) and container. The tabs show, and the URL carries, the label in the
    reader's language.

    Streamlit runs the script again on a tab switch, so hidden tabs cost nothing: a page draws its first chart
    without waiting for the browser to draw every other one (docs/performance.md).
    """
    tabs = st.tabs([_(label) for label in labels], key=key, bind="query-params")
    label, tab = next(((label, tab) for label, tab in zip(labels, tabs, strict=True) if tab.open),
                      (labels[0], tabs[0]))
    if label != labels[0]:
        with tab:
            st.html(_OPEN_TAB_IN_VIEW, unsafe_allow_javascript=True)
    return label, tab


# A phone shows a few of a page's tabs and scrolls the strip sideways; a link that opens a later tab (a shared
# view, the speech's links to the data) left it out of sight, and the reader saw a page under no visible tab. This
# scrolls each strip whose open tab is out of view so that the tab is in view (tests/browser/test_phone.py).
_OPEN_TAB_IN_VIEW = """<span class="kzcn-open-tab"></span><script>
(() => {
  const doc = document;
  // its own element takes no room: an empty element still had the panel's 16 px gap above the first content
  for (const mark of doc.querySelectorAll('.kzcn-open-tab')) {
    const box = mark.closest('[data-testid=stElementContainer]');
    if (box) box.style.display = 'none';
  }
  let tries = 0;
  const show = () => {
    const open = [...doc.querySelectorAll('[data-testid=stMain] [role=tablist] [role=tab][aria-selected=true]')];
    for (const tab of open) {
      let strip = tab.parentElement;
      while (strip && strip.scrollWidth <= strip.clientWidth + 1) strip = strip.parentElement;
      if (!strip || strip === doc.body || strip === doc.documentElement) continue;
      const box = tab.getBoundingClientRect(), view = strip.getBoundingClientRect();
      if (box.left < view.left || box.right > view.right) strip.scrollLeft += box.left - view.left - 16;
    }
    if (!open.length && ++tries < 20) setTimeout(show, 100);
  };
  requestAnimationFrame(show);
})();
</script>"""


# A device without hover (a phone) shows a table's toolbar (search, download, full screen) at all times, 44 px
# above the table (Streamlit 1.67: `top: -44px`), over the end of the caption above it, which the page's 16 px gap
# does not clear. Measured in Chromium at 390 px with touch; a desktop shows it on hover only, over the gap.
TABLE_TOOLBAR_PX = 44
ELEMENT_GAP_PX = 16
# Streamlit sets a title in 44 px and a subheading in 28 px at every width: on a 390 px phone the Partners page's
# title took five lines and its first screen; from Streamlit's own narrow breakpoint (640 px) they are smaller.
PHONE_MAX_WIDTH_PX = 640
PHONE_HEADING_REM = {"h1": 1.75, "h2": 1.5, "h3": 1.25}
_PHONE_HEADINGS = "".join(f'  [data-testid="stMain"] [data-testid="stHeadingWithActionElements"] {tag} '
                          f'{{ font-size: {rem}rem; }}\n' for tag, rem in PHONE_HEADING_REM.items())
PAGE_STYLE = f"""<style>
@media (max-width: {PHONE_MAX_WIDTH_PX}px) {{
{_PHONE_HEADINGS}}}
@media (hover: none) {{
  [data-testid="stElementContainer"]:has(> [data-testid="stFullScreenFrame"] > [data-testid="stDataFrame"]) {{
    margin-top: {TABLE_TOOLBAR_PX - ELEMENT_GAP_PX}px;
  }}
}}
</style>"""


def page_style() -> None:
    """kzcn's few page-wide style rules (PAGE_STYLE), drawn once a run."""
    st.html(PAGE_STYLE)


def on_a_phone() -> bool:
    """Whether the reader's browser says it is a phone's: "Mobi" in its User-Agent, as MDN advises for telling
    phones apart. Only where a chart's shape must be planned for the screen's width, which Streamlit does not tell
    the server: the map, and the Overview's event marks; every other chart is planned to read on both alike."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def table_numbers(frame: pd.DataFrame, formats: Mapping[str, Callable[[float], str]]) -> Styler:
    """The frame for st.dataframe with its numbers written by `fmt`, as the text around it writes them, in every
    language (1,396.2, +8.8%; 1 396,2, +8,8 %): a pandas Styler, whose text Streamlit shows while it still sorts by
    the numbers. Streamlit's own column formats are printf-style: a decimal point whatever the language, and in
    English a hyphen for a minus and two decimals ("-1.84%") beside the page's "−1.8%"."""
    return frame.style.format({c: f for c, f in formats.items() if c in frame.columns}, na_rep=fmt.MISSING)


# A device without hover (a phone) shows Plotly's mode bar all the time, at the chart's top right: its eight buttons
# (224 px of a 358 px chart) covered the title of every chart with axes. Three are kept: Streamlit's full screen, the
# PNG download and the reset of a zoom (a drag still zooms, a double click resets), and charts.layout starts the
# title under them (MODE_BAR_PX).
MODE_BAR_DROPPED = ["zoom2d", "pan2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "zoomInGeo", "zoomOutGeo",
                    "hoverClosestGeo"]


def chart(fig: go.Figure, key: str | None = None, *, on_click: Callable[[], None] | None = None) -> None:
    """A Plotly chart with its PNG download in the mode bar, filling the column. on_click: called (before the
    rerun) when the reader clicks a point or clears the selection; the chart's state is st.session_state[key]."""
    clicks = {"on_select": on_click, "selection_mode": "points"} if on_click else {}
    st.plotly_chart(fig, key=key, config={"displaylogo": False, "toImageButtonOptions": {"format": "png",
                                                                                       "scale": 2},
                                          "modeBarButtonsToRemove": MODE_BAR_DROPPED,
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


def drills_treemap(chart_key: str, selection: sectors.Selection, sector_of: Mapping[str, str],
                   drawn: pd.DataFrame | None = None) -> Callable[[], None]:
    """on_click for a treemap of the sector tab: a click on a sector, chapter or grouped box sets the sidebar's
    sector, chapter and heading filters (views.treemap_drill), before the rerun, so the drill-down is in the URL
    like a choice made in the sidebar. A click on a heading, the remainder or beside the boxes changes nothing.
    drawn: the boxes drawn (kzcn.sectors.boxes), for what each grouped box holds."""
    groups = ({} if drawn is None else
              {i: m for i, m in zip(drawn["id"], drawn["members"], strict=True) if m})

    def drilled() -> None:
        changes = views.treemap_drill(st.session_state.get(chart_key), sector=selection.sector,
                                      chapters=selection.chapters, sector_of=sector_of, groups=groups,
                                      headings=selection.headings)
        for key, value in changes.items():
            st.session_state[key] = value

    return drilled


def tab_link(url_path: str, key: str, tab: str, label: str, icon: str, help: str | None = None) -> None:
    """A link to one tab of another page: the tab (English, as the page declares it) in the URL as the page binds
    it, in the reader's language; a link carrying the English name opened the page's first tab in Russian and
    Chinese, with a notice."""
    st.page_link(page_path(url_path), label=label, icon=icon, query_params={key: _(tab)}, help=help)


def year_choice(label: str, years: Sequence[int], key: str, *, where: DeltaGenerator | None = None,
                notice_at: DeltaGenerator | None = None, only: str | None = None) -> int:
    """A view's own year, bound to the URL as `?key=2021`, among the years it can show (ascending), the last by
    default. A linked year it cannot show (not a year, or one without figures here) gets a notice saying which
    years it can show; Streamlit's bound slider would otherwise drop it without a word. One year: said in a
    caption (`only`, with {year}), as a slider needs two.

    where: the container of the slider (e.g. a column); notice_at: where the notice goes (e.g. a container above
    the columns; by default where the slider is)."""
    asked = link_value(key)
    where = where or st
    if asked is not None and asked not in {str(y) for y in years}:
        # TRANSLATORS: {param} is the link's parameter, e.g. "tree_year", and {value} what it said: keep
        # "{param}={value}" as it is; {years}: the years the view can show, e.g. "2015–2019, 2023"
        notice = _("Ignored {param}={value}: this view has figures for {years} only. Showing {year}.")
        (notice_at or where).warning(notice.format(param=key, value=urlstate.quote(asked),
                                                   years=fmt.ranges(years), year=years[-1]),
                                     icon=":material/link_off:")
    if len(years) == 1:
        where.caption((only or _("Year: {year}, the only one with figures here.")).format(year=years[0]))
        return int(years[0])
    return int(where.select_slider(label, list(years), value=years[-1], key=key, bind="query-params"))
