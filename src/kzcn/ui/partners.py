"""Cached views of the every-partner data for the Partners page (kzcn.partners, kzcn.partnerviews).

The rankings themselves are the same in every language (`_partner_codes`); whatever holds a name or a label
(countries, sources, the EU's definition) is cached per language: those functions take `lang` (i18n.current()).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kzcn import i18n
from kzcn import partners as partner_data
from kzcn import partnerviews as pv
from kzcn.ui.data import ALL_YEARS, cut_to_years, data_folder, shared_datasets


@st.cache_resource(show_spinner=False, max_entries=4)
def _reported(folder: str) -> pd.DataFrame:
    """trade_partners as every Partners view reads it: without the IMF's own estimates (pv.reported)."""
    return pv.reported(shared_datasets(folder)["trade_partners"])


@st.cache_resource(show_spinner=False, max_entries=16)
def _estimate_years(folder: str, reporter: str, series: str) -> list[int]:
    return pv.estimate_years(shared_datasets(folder)["trade_partners"], reporter, series)


def partner_estimate_years(reporter: str, series: str) -> list[int]:
    """pv.estimate_years: the years whose partner countries the series gives only as IMF estimates, left out."""
    return list(_estimate_years(data_folder(), reporter, series))


@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_codes(folder: str, reporter: str) -> dict[str, pd.DataFrame]:
    """Every flow at once (~35–70 ms each, once per process): a reader's first change of flow then costs no more
    than any other rerun. Codes only, the same in every language (_partner_rankings adds the names)."""
    frame = _reported(folder)
    return {flow: pv.ranked_codes(frame, reporter, flow) for flow in partner_data.FLOWS}


@st.cache_resource(show_spinner=False, max_entries=8)
def _partner_rankings(folder: str, reporter: str, lang: str) -> dict[str, pd.DataFrame]:
    """pv.ranked of every flow, named in `lang` (the ranking is computed once for every language)."""
    with i18n.language(lang):
        return {flow: pv.named(rows) for flow, rows in _partner_codes(folder, reporter).items()}


def _partner_ranking(folder: str, reporter: str, flow: str, lang: str) -> pd.DataFrame:
    return _partner_rankings(folder, reporter, lang)[flow]


@st.cache_resource(show_spinner=False, max_entries=24)
def _partner_newest(folder: str, flow: str, series: str, lang: str) -> pd.DataFrame:
    """Kazakhstan's ranked rows of one series' newest vintages: what its lines over time draw from."""
    ranked = _partner_ranking(folder, "Kazakhstan", flow, lang)
    return ranked[(ranked["series"] == series) & ranked["newest"]].reset_index(drop=True)


def partner_ranking(reporter: str, flow: str) -> pd.DataFrame:
    """pv.ranked: every country partner of `reporter` ranked within each source and year."""
    return _partner_ranking(data_folder(), reporter, flow, i18n.current()).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=8)
def _partner_splits(folder: str, lang: str) -> dict[tuple[str, str], tuple[pd.DataFrame, list[tuple[int, str]]]]:
    """pv.split_view and pv.split_gaps of every flow and series at once (~0.2 s, once per process and language): a
    first change of flow or source then costs no more than any other rerun."""
    frame = _reported(folder)
    with i18n.language(lang):
        return {(flow, series): (pv.split_view(frame, flow, series), pv.split_gaps(frame, flow, series, ALL_YEARS))
                for flow in partner_data.FLOWS for series in pv.SERIES_NAMES}


def partner_split(flow: str, series: str, years: tuple[int, int]) -> pd.DataFrame:
    """pv.split_view (China, Russia, the source's EU, the rest) of one series, cut to the years."""
    return cut_to_years(_partner_splits(data_folder(), i18n.current())[(flow, series)][0], years)


def partner_split_gaps(flow: str, series: str, years: tuple[int, int]) -> list[tuple[int, str]]:
    """pv.split_gaps: the years a series holds but cannot split into China, Russia, its EU and the rest."""
    gaps = _partner_splits(data_folder(), i18n.current())[(flow, series)][1]
    return [(y, what) for y, what in gaps if years[0] <= y <= years[1]]


@st.cache_data(show_spinner=False, max_entries=256)
def _partner_comparison(folder: str, flow: str, year: int, series: tuple[str, ...]) -> pd.DataFrame:
    return pv.top_lists(_partner_codes(folder, "Kazakhstan")[flow], year, series)  # codes: the same in any language


def partner_comparison(flow: str, year: int, series: tuple[str, ...]) -> pd.DataFrame:
    """partners.compare_rankings of Kazakhstan's partners in one year, every source of the series holding it (read
    from the ranking already made: pv.top_lists)."""
    return _partner_comparison(data_folder(), flow, int(year), tuple(series))


@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_years(folder: str, reporter: str) -> dict[tuple[str, str], tuple[int, ...]]:
    out = {}
    for flow, ranked in _partner_codes(folder, reporter).items():
        out |= {(flow, s): tuple(sorted(int(y) for y in g.unique())) for s, g in ranked.groupby("series")["year"]}
    return out


def partner_years(reporter: str, flow: str, series: tuple[str, ...], years: tuple[int, int]) -> list[int]:
    """pv.years_of: the years within `years` that any of the series ranks."""
    held = _partner_years(data_folder(), reporter)
    return sorted({y for s in series for y in held.get((flow, s), ()) if years[0] <= y <= years[1]})


@st.cache_resource(show_spinner=False, max_entries=8)
def _partner_absent(folder: str, reporter: str, lang: str) -> dict[tuple[str, str], list[tuple[str, list[int]]]]:
    with i18n.language(lang):
        return {(flow, s): pv.absent_years(ranked, s) for flow, ranked in _partner_codes(folder, reporter).items()
                for s in sorted(set(ranked["series"]))}


def partner_absences(flow: str, series: tuple[str, ...] | list[str], years: tuple[int, int]) -> str:
    """pv.absence_text of Kazakhstan's partners: China or Russia missing from a year a chosen series ranks."""
    absent = _partner_absent(data_folder(), "Kazakhstan", i18n.current())
    return pv.absence_words({s: absent.get((flow, s), []) for s in series}, years)


@st.cache_resource(show_spinner=False, max_entries=4)
def _partner_spans(folder: str) -> dict[tuple[str, str], tuple[int, int]]:
    frame = _reported(folder)
    frame = frame[frame["partner_kind"] == "country"]  # the years a partner is named in, what the views draw
    spans = frame.groupby(["reporter", "series"])["year"].agg(["min", "max"])
    return {key: (int(lo), int(hi)) for key, (lo, hi) in spans.iterrows()}


def partner_spans() -> dict[tuple[str, str], tuple[int, int]]:
    """(reporter, series) → the first and last year trade_partners names a partner country in (estimates aside)."""
    return _partner_spans(data_folder())


@st.cache_data(show_spinner=False, max_entries=256)
def _partner_bars(folder: str, flow: str, year: int, series: tuple[str, ...], lang: str,
                  ) -> list[tuple[str, pd.DataFrame]]:
    ranked = _partner_ranking(folder, "Kazakhstan", flow, lang)
    return [(s, pv.top_bars(ranked, sid, year)) for s in series if (sid := pv.newest_source(ranked, s, year))]


def partner_bars(flow: str, year: int, series: tuple[str, ...]) -> list[tuple[str, pd.DataFrame]]:
    """(series, pv.top_bars of its newest vintage) for every series holding the year."""
    return _partner_bars(data_folder(), flow, int(year), tuple(series), i18n.current())


@st.cache_data(show_spinner=False, max_entries=256)
def _partner_lines(folder: str, flow: str, series: str, last: int, lang: str) -> pd.DataFrame:
    return pv.rank_lines(_partner_newest(folder, flow, series, lang), series, (ALL_YEARS[0], last))


def partner_lines(flow: str, series: str, years: tuple[int, int]) -> pd.DataFrame:
    """pv.rank_lines within the years: its partners are the top of the last year up to years[1], so the lines are
    computed once per last year and cut to the first."""
    return cut_to_years(_partner_lines(data_folder(), flow, series, int(years[1]), i18n.current()),
                  (years[0], ALL_YEARS[1]))


@st.cache_data(show_spinner=False, max_entries=8)
def _partner_vintages(folder: str, flow: str, series: str) -> tuple[list[int], list[int]]:
    ranked = _partner_codes(folder, "Kazakhstan")[flow]
    return pv.double_vintage_years(ranked, series, ALL_YEARS), pv.vintage_differences(ranked, series, ALL_YEARS)


def partner_vintages(flow: str, series: str, years: tuple[int, int]) -> tuple[list[int], list[int]]:
    """The years within `years` that two vintages of a series hold, and those they rank differently (top 10)."""
    double, differ = _partner_vintages(data_folder(), flow, series)
    return [y for y in double if years[0] <= y <= years[1]], [y for y in differ if years[0] <= y <= years[1]]


@st.cache_resource(show_spinner=False, max_entries=8)
def _partner_source_labels(folder: str, lang: str) -> dict[str, str]:
    frame = shared_datasets(folder)["trade_partners"].drop_duplicates("source_id")
    with i18n.language(lang):
        return {sid: pv.source_label(s, v) for sid, s, v in zip(frame["source_id"], frame["series"],
                                                                frame["vintage"], strict=True)}


def partner_source_labels() -> dict[str, str]:
    """source_id → "IMF DOTS" or "BNS, 2023 workbook", for every source of trade_partners."""
    return dict(_partner_source_labels(data_folder(), i18n.current()))


@st.cache_resource(show_spinner=False, max_entries=8)
def _partner_ranks(folder: str, reporter: str, lang: str) -> dict[tuple[str, str], pd.DataFrame]:
    """(flow, partner) → pv.partner_ranks over every year and series, for the partners a page ranks (China among
    Kazakhstan's, Kazakhstan among China's)."""
    partner = {"Kazakhstan": "CHN", "China": "KAZ"}[reporter]
    return {(flow, partner): pv.partner_ranks(ranked, partner, tuple(pv.SERIES_NAMES), ALL_YEARS)
            for flow, ranked in _partner_rankings(folder, reporter, lang).items()}


def partner_ranks(reporter: str, flow: str, series: tuple[str, ...], years: tuple[int, int]) -> pd.DataFrame:
    """pv.partner_ranks: China's rank among Kazakhstan's partners (reporter "Kazakhstan") or Kazakhstan's among
    China's (reporter "China"), one line per series, within the years."""
    partner = {"Kazakhstan": "CHN", "China": "KAZ"}[reporter]
    rows = _partner_ranks(data_folder(), reporter, i18n.current())[(flow, partner)]
    return cut_to_years(rows[rows["series"].isin(list(series))], years)


@st.cache_resource(show_spinner=False, max_entries=8)
def _partner_firsts(folder: str, lang: str) -> dict[tuple[str, str], dict[int, str]]:
    with i18n.language(lang):
        return {(flow, s): pv.first_places(ranked, s)
                for flow, ranked in _partner_rankings(folder, "Kazakhstan", lang).items() for s in pv.SERIES_NAMES}


def partner_leaders(flow: str, series: str, years: tuple[int, int]) -> list[tuple[str, str]]:
    """pv.leaders: who was Kazakhstan's first partner in which years, in one series."""
    return pv.leaders_of(_partner_firsts(data_folder(), i18n.current())[(flow, series)], years)
