"""Cached views of the shipped data for the Overview, Trade, Timeline, Speech and Data pages.

A rerun after a filter change should only redo what that filter changes. Each function is a kzcn.views, metrics or
sectors frame for hashable filter values, computed once per process and data folder and shared by every session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from kzcn import i18n, metrics, provenance, sectors, speechview, tables, views
from kzcn.paths import data_dir
from kzcn.ui.data import (
    ALL_YEARS,
    GOODS,
    claims_in,
    cut_to_years,
    data_folder,
    frames_in,
    localised,
    names_in,
    shared_datasets,
    translated_texts,
)
from kzcn.ui.links import Filters
from kzcn.ui.widgets import caption_for


def claims_markdown(verdicts: Sequence[str]) -> pd.DataFrame:
    """The speech page's table of claims with these verdicts (all if none), as markdown (cached per choice)."""
    return _claims_markdown(str(data_dir()), i18n.current(), tuple(verdicts))


@st.cache_data(show_spinner=False, max_entries=64)
def _claims_markdown(folder: str, lang: str, verdicts: tuple[str, ...]) -> pd.DataFrame:
    frames = localised(folder, lang)
    shown = claims_in(folder, lang)  # checked again in the reader's language (ui.data.checked_claims)
    words = translated_texts(frames["text_translations"], "claims", lang) if lang != i18n.DEFAULT else {}
    table = speechview.claims_table(shown, frames["sources"], frames["passages"], verdicts, words)
    return speechview.as_markdown(table) if len(table) else table


def table_view(name: str, f: Filters) -> tables.Table:
    """tables.shape of a dataset for these filters, once per process and filter state (shared read-only: the Data
    page only shows it; joining the sources to 4,410 coverage rows takes ~30 ms)."""
    return _table_view(str(data_dir()), i18n.current(), name, f)


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs={Filters: lambda f: repr(f)})
def _table_view(folder: str, lang: str, name: str, f: Filters) -> tables.Table:
    # the dataset as shipped, in every language (its translations are datasets of their own); lang: the notes
    return tables.shape(name, shared_datasets(folder), f)


@st.cache_data(show_spinner=False, max_entries=16)
def _annual_totals(folder: str, lang: str, reporters: tuple[str, ...]) -> pd.DataFrame:
    d = localised(folder, lang)
    return views.annual_totals(d["trade_annual"], d["sources"], list(reporters), ALL_YEARS)


def annual_totals(reporters: list[str] | tuple[str, ...], years: tuple[int, int]) -> pd.DataFrame:
    """views.annual_totals on the shipped data: computed once for every year, then cut to the years."""
    return cut_to_years(_annual_totals(data_folder(), i18n.current(), tuple(reporters)), years)


@st.cache_data(show_spinner=False, max_entries=8)
def _reporter_totals(folder: str, reporter: str) -> pd.DataFrame:
    return metrics.reporter_totals(shared_datasets(folder)["trade_annual"], reporter)


@st.cache_data(show_spinner=False, max_entries=512)
def _range_summary(folder: str, reporter: str, years: tuple[int, int]) -> dict[str, object]:
    return metrics.range_summary(_reporter_totals(folder, reporter), *years,
                                 by_series=_series_turnover(folder, reporter))


@st.cache_data(show_spinner=False, max_entries=8)
def _series_turnover(folder: str, reporter: str) -> pd.DataFrame:
    return metrics.series_turnover(shared_datasets(folder)["trade_annual"], reporter)


def range_summary(reporter: str, years: tuple[int, int]) -> dict[str, object]:
    """metrics.range_summary of one reporter's preferred totals, changes computed within one series."""
    return _range_summary(data_folder(), reporter, tuple(years))


@st.cache_data(show_spinner=False, max_entries=8)
def _share(folder: str, lang: str) -> pd.DataFrame:
    d = localised(folder, lang)
    return views.share_view(d["trade_annual"], d["sources"], ALL_YEARS)  # ~90 ms, once


def share_view(years: tuple[int, int]) -> pd.DataFrame:
    """views.share_view: the share is computed once for every year, then cut to the years."""
    return cut_to_years(_share(data_folder(), i18n.current()), years)


@st.cache_data(show_spinner=False, max_entries=8)
def _press_totals(folder: str, lang: str) -> pd.DataFrame:
    d = localised(folder, lang)
    return views.press_totals(d["trade_annual"], d["sources"], ALL_YEARS)


def press_totals(years: tuple[int, int]) -> pd.DataFrame:
    """views.press_totals: computed once for every year, then cut to the years."""
    return cut_to_years(_press_totals(data_folder(), i18n.current()), years)


@st.cache_data(show_spinner=False, max_entries=8)
def _event_markers(folder: str, lang: str) -> pd.DataFrame:
    return views.event_markers(localised(folder, lang)["events"], ALL_YEARS)


def event_markers(years: tuple[int, int]) -> pd.DataFrame:
    """views.event_markers (one hover label per year): computed once for every year, then cut to the years."""
    return cut_to_years(_event_markers(data_folder(), i18n.current()), years)


@st.cache_data(show_spinner=False, max_entries=8)
def _mirror_gap(folder: str) -> pd.DataFrame:
    return metrics.mirror_gap(shared_datasets(folder)["trade_annual"]).dropna(subset=["gap_usd"])


def mirror_gap(years: tuple[int, int]) -> pd.DataFrame:
    """metrics.mirror_gap for the years that have both sides' figures."""
    return cut_to_years(_mirror_gap(data_folder()), years)


@st.cache_data(show_spinner=False, max_entries=512)
def _bilateral_caption(folder: str, lang: str, years: tuple[int, int]) -> str:
    trade = localised(folder, lang)["trade_annual"]
    shown = trade[trade["preferred"] & trade["year"].between(*years) & (trade["partner"] != "World")]
    return provenance.cite(provenance.source_ids(shown), localised(folder, lang)["sources"])


def bilateral_caption(years: tuple[int, int]) -> str:
    """The source line of every preferred bilateral figure in the years (the mirror gap's rows)."""
    return _bilateral_caption(data_folder(), i18n.current(), tuple(years))


@st.cache_data(show_spinner=False, max_entries=1024)
def _sector_rows(folder: str, lang: str, year: int, reporter: str, flow: str, sector: str | None,
                 selected: tuple[str, ...], series: tuple[str, ...]) -> pd.DataFrame:
    d = localised(folder, lang)
    return views.sector_rows(d["trade_products"], d["hs_chapters"], year=year, reporter=reporter, flow=flow,
                             sector=sector, selected=selected, series=series)


def sector_rows(*, year: int, reporter: str, flow: str, sector: str | None, selected: tuple[str, ...] = (),
                series: tuple[str, ...] = views.CUSTOMS_SERIES) -> pd.DataFrame:
    return _sector_rows(data_folder(), i18n.current(), int(year), reporter, flow, sector, tuple(selected),
                        tuple(series))


@st.cache_resource(show_spinner=False, max_entries=16)
def _goods(folder: str, lang: str, reporter: str, flow: str) -> sectors.Goods:
    """One reporter's goods in one flow, prepared once per process and language (sectors.goods): shared
    read-only by every breakdown and every series over time."""
    return sectors.goods(*frames_in(folder, lang, *GOODS), reporter=reporter, flow=flow)


@st.cache_data(show_spinner=False, max_entries=1024)
def _goods_breakdown(folder: str, lang: str, year: int, reporter: str, flow: str, sector: str | None,
                     chapters: tuple[str, ...], headings: tuple[str, ...]) -> sectors.Breakdown | None:
    return sectors.breakdown(_goods(folder, lang, reporter, flow), names_in(folder, lang), year=year,
                             selection=sectors.Selection(sector, chapters, headings))


def goods_breakdown(*, year: int, reporter: str, flow: str, selection: sectors.Selection) -> sectors.Breakdown | None:
    """sectors.breakdown on the shipped data (once per process and choice)."""
    return _goods_breakdown(data_folder(), i18n.current(), int(year), reporter, flow, selection.sector,
                            selection.chapters, selection.headings)


@st.cache_data(show_spinner=False, max_entries=512)
def _goods_over_time(folder: str, lang: str, reporter: str, flow: str, sector: str | None, chapters: tuple[str, ...],
                     headings: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return sectors.over_time(_goods(folder, lang, reporter, flow), names_in(folder, lang),
                             selection=sectors.Selection(sector, chapters, headings))


def goods_over_time(*, reporter: str, flow: str, selection: sectors.Selection, years: tuple[int, int]
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """sectors.over_time computed once for every year, then cut to the years."""
    bars, status = _goods_over_time(data_folder(), i18n.current(), reporter, flow, selection.sector, selection.chapters,
                                    selection.headings)
    return cut_to_years(bars, years), cut_to_years(status, years)


@st.cache_data(show_spinner=False, max_entries=4)
def _goods_years(folder: str) -> list[int]:
    done = shared_datasets(folder)["product_completeness"]
    mine = [sectors.year_series(done, reporter=r, flow=f)["year"] for r in sectors.SECTOR_SERIES
            for f in ("exports", "imports")]
    return sorted({int(y) for ys in mine for y in ys})


def goods_years(years: tuple[int, int]) -> list[int]:
    """The years within `years` that have goods by chapter as either side reports them (all found once, then cut)."""
    return [y for y in _goods_years(data_folder()) if years[0] <= y <= years[1]]


@st.cache_data(show_spinner=False, max_entries=8)
def _china_share(folder: str, lang: str, flow: str) -> pd.DataFrame:
    products, done = frames_in(folder, lang, "trade_products", "product_completeness")
    return sectors.china_share(products, done, names_in(folder, lang), flow=flow)


def china_share_years(flow: str, years: tuple[int, int]) -> list[int]:
    """The years within `years` for which China's share of Kazakhstan's `flow` per chapter is known (complete)."""
    return _china_share_years(data_folder(), flow, years)


@st.cache_data(show_spinner=False, max_entries=64)
def _china_share_years(folder: str, flow: str, years: tuple[int, int]) -> list[int]:
    share = _china_share(folder, i18n.current(), flow)  # whichever language's: the years are the same
    return sorted(int(y) for y in share["year"].unique() if years[0] <= y <= years[1])


@dataclass(frozen=True)
class ShareYear:
    """What China's share tab shows of one flow in one year, all of it derived once per process and choice."""

    top: pd.DataFrame  # the largest chapters by trade with the World, ordered by China's share (the bars)
    top_source: str
    # where China's share is over half, largest share first as on the bars: share, chapter, name, China's $
    leaders: list[tuple[float, str, str, float]]
    history: pd.DataFrame  # every year's share of those chapters (the heat map, its rows in the bars' order)
    history_source: str
    growth: pd.DataFrame | None  # the eight largest, the first year against this one (None: no earlier year)


def china_share_year(flow: str, years: tuple[int, int], year: int, sector: str | None) -> ShareYear:
    """China's share tab for one flow and year: sectors.largest_chapters, its leaders and sectors.growth from the
    first year shown, with their source lines."""
    return _china_share_year(data_folder(), i18n.current(), flow, years, year, sector)


@st.cache_data(show_spinner=False, max_entries=64)
def _china_share_year(folder: str, lang: str, flow: str, years: tuple[int, int], year: int, sector: str | None
                      ) -> ShareYear:
    share = cut_to_years(_china_share(folder, lang, flow), years)
    top = sectors.largest_chapters(share, year=year, sector=sector)
    order = top.sort_values("world_usd", ascending=False)["hs_chapter"].tolist()
    leaders = sectors.over_half(top)
    history = share[share["hs_chapter"].isin(order)].reset_index(drop=True)
    first = int(share["year"].min()) if len(share) else year
    return ShareYear(
        top=top, top_source=caption_for(top),
        leaders=[(r.share, r.hs_chapter, r.label.split(" ", 1)[1], r.china_usd) for r in leaders.itertuples()],
        history=history, history_source=caption_for(history),
        growth=sectors.growth(share, first=first, last=year, chapters=order[:8]) if order and first < year else None)


@st.cache_data(show_spinner=False, max_entries=4)
def _chapter_gap(folder: str, lang: str) -> pd.DataFrame:
    products, cov = frames_in(folder, lang, "trade_products", "product_coverage")
    return sectors.chapter_gap(products, cov, names_in(folder, lang), metrics.DIRECTIONS)


def chapter_gap(years: tuple[int, int]) -> pd.DataFrame:
    """sectors.chapter_gap: each side's figure per chapter wherever both fully record it, cut to the years."""
    return cut_to_years(_chapter_gap(data_folder(), i18n.current()), years)
