"""The one Streamlit module in kzcn: cached data, the shared URL-bound filters, notices and source lines.

Everything here is thin: data access goes through kzcn.datasets, maths through kzcn.metrics, figures through
kzcn.charts. Pages import this module and nothing else from Streamlit-land.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kzcn import datasets, provenance, urlstate
from kzcn.errors import DatasetError
from kzcn.schemas import DATASETS

FILTERS_KEY = "_kzcn_filters"
# Page-level widgets bound to the URL, and the values each may take (None: checked by the widget itself).
PAGE_KEYS: dict[str, tuple[str, ...] | None] = {
    "tree_year": None, "tree_side": ("As China reports", "As Kazakhstan reports"),
    "category": None, "theme": None, "scope": None, "claims": None,
}


@dataclass(frozen=True)
class Filters:
    years: tuple[int, int]
    sector: str
    chapters: tuple[str, ...]
    direction: str
    reporter: str

    @property
    def reporters(self) -> list[str]:
        return {"As China reports": ["China"], "As Kazakhstan reports": ["Kazakhstan"]}.get(
            self.reporter, ["China", "Kazakhstan"])

    @property
    def directions(self) -> list[str]:
        return [self.direction] if self.direction in urlstate.DIRECTIONS[1:] else list(urlstate.DIRECTIONS[1:])


@st.cache_data(show_spinner=False)
def load_all() -> dict[str, pd.DataFrame]:
    """Every dataset, read and schema-checked once per process (the files only change on a redeploy)."""
    return {name: datasets.load(name) for name in DATASETS}


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


@st.cache_data(show_spinner=False)
def options() -> urlstate.Options:
    frames = load_all()
    years = frames["trade_annual"]["year"]
    chapters = frames["hs_chapters"]
    by_sector = {s: tuple(g["hs_chapter"]) for s, g in chapters.groupby("sector", sort=False)}
    return urlstate.Options(int(years.min()), int(years.max()), tuple(by_sector), by_sector, PAGE_KEYS)


@st.cache_data(show_spinner=False)
def chapter_names() -> dict[str, str]:
    chapters = load_all()["hs_chapters"]
    return dict(zip(chapters["hs_chapter"], chapters["chapter_name"], strict=True))


def _raw_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def sidebar_filters() -> Filters:
    """Create the shared filters (once, in the entry point) and remember them for the page that runs next."""
    opts = options()
    notices = urlstate.check(_raw_params(), opts)
    names = chapter_names()
    with st.sidebar:
        st.header("Filters", anchor=False)
        years = st.slider("Years", opts.year_min, opts.year_max, opts.default_years, key="years",
                          bind="query-params", help="Calendar years of the trade data shown on every page.")
        sector = st.selectbox("Sector", (urlstate.ALL_SECTORS, *opts.sectors), key="sector", bind="query-params",
                              help="kzcn's grouping of HS chapters (see Data & sources).")
        pool = opts.chapters_by_sector.get(sector) or tuple(names)
        chapters = st.multiselect("HS chapters", pool, key="chapters", bind="query-params",
                                  format_func=lambda c: f"{c} {names.get(c, '')}"[:60],
                                  placeholder="All chapters of the sector",
                                  help="Two-digit HS chapters; empty means every chapter of the sector.")
        direction = st.radio("Direction of goods", urlstate.DIRECTIONS, key="direction", bind="query-params")
        reporter = st.radio("Whose figures", urlstate.REPORTER_VIEWS, key="reporter", bind="query-params",
                            help="China's customs and Kazakhstan's statistics bureau report the same trade "
                                 "very differently. kzcn never mixes them into one line.")
    filters = Filters(urlstate.clean_years(years, opts), sector, tuple(c for c in chapters if c in pool),
                      direction, reporter)
    st.session_state[FILTERS_KEY] = filters
    for notice in notices:
        st.warning(notice, icon=":material/link_off:")
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
    """Shows the link that restores this exact view (the browser keeps it in the address bar too)."""
    with st.sidebar:
        st.divider()
        st.caption("Share this view: the link in your address bar restores these filters and this page. "
                   "Copy it from here:")
        st.code(current_link(), language=None, wrap_lines=True)


def current_link() -> str:
    """The URL of this page with the current filters (the app's own address as the browser sees it)."""
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    base = st.context.url or ""
    return f"{base}{'?' + query if query else ''}"


def caption_for(*frames: pd.DataFrame) -> str:
    """The source line of the rows shown, computed from their source ids."""
    return provenance.cite(provenance.source_ids(*frames), load_all()["sources"])


def chart(fig: go.Figure, key: str | None = None) -> None:
    """A Plotly chart with its PNG download in the mode bar, filling the column."""
    st.plotly_chart(fig, key=key, config={"displaylogo": False, "toImageButtonOptions": {"format": "png",
                                                                                       "scale": 2}})
