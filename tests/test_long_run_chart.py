"""The Overview's long-run chart and cards: source changes marked, changes within one series, events named."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import run

from kzcn import charts, datasets, fmt, metrics, ui, views

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)


def _totals() -> pd.DataFrame:
    return pd.DataFrame({
        "year": [2021, 2022, 2023, 2024, 2022, 2023],
        "reporter": ["Kazakhstan"] * 4 + ["China"] * 2,
        "turnover": [1e9, 2e9, 3e9, 4e9, 5e9, 6e9],
        "series": ["comtrade", "kz_bns", "kz_bns", "comtrade", "comtrade", "comtrade"],
        "source_label": ["UN Comtrade", "BNS 2023", "BNS 2023", "UN Comtrade", "UN Comtrade", "UN Comtrade"],
    })


def test_source_breaks_mark_each_switch_of_series_and_name_both_sides():
    breaks = charts.source_breaks(_totals(), "turnover")
    assert breaks[["year", "reporter"]].values.tolist() == [[2022, "Kazakhstan"], [2024, "Kazakhstan"]]
    assert breaks["text"].iloc[1] == "as Kazakhstan reports: up to 2023, BNS 2023; from 2024, UN Comtrade"
    fig = charts.trade_over_time(_totals())
    marks = [t for t in fig.data if t.name == "Line changes source (hover)"]
    assert len(marks) == 1 and list(marks[0].x) == [2022, 2024]
    one_series = _totals()[lambda t: t["reporter"] == "China"]
    assert "Line changes source (hover)" not in {t.name for t in charts.trade_over_time(one_series).data}


def _events() -> pd.DataFrame:
    return pd.DataFrame({
        "start": ["2013-09-07", "2013-09-07", "2014-05-19", "2016-03-01"],
        "title": ["A logistics agreement", "Xi Jinping state visit to Kazakhstan", "Nazarbayev state visit",
                  "A rail line opens"],
        "category": ["agreement", "head-of-state visit", "summit", "infrastructure"],
    })


def test_event_markers_name_each_years_first_major_event():
    markers = views.event_markers(_events(), (2010, 2020)).set_index("year")
    assert markers["major"].to_dict() == {2013: "Xi Jinping state visit to Kazakhstan",
                                          2014: "Nazarbayev state visit", 2016: ""}
    assert markers.loc[2013, "count"] == 2


def test_major_events_are_marked_on_the_chart_only_when_asked_and_never_written_on_it():
    """Names written on the chart, rotated, overprinted each other on a phone (a year ~8 px wide): the chart
    marks the years, the page names the events under it."""
    markers = views.event_markers(_events(), (2010, 2020))

    def marked_years(fig) -> set:
        return {x for t in fig.data if t.mode == "lines" and t.line.dash == "dot" for x in t.x if x is not None}

    named = charts.trade_over_time(_totals(), event_years=markers, event_names=True)
    assert marked_years(named) == {2013, 2014}  # 2016 has an event, but no visit or summit
    assert not named.layout.annotations or not any(a.textangle == -90 for a in named.layout.annotations)
    plain = charts.trade_over_time(_totals(), event_years=markers)
    assert not marked_years(plain)
    # no headroom for names: the chart keeps its height and its dollar axis (stretched to twice the top, it ran to
    # $80B for $44B of trade)
    assert named.layout.height == plain.layout.height and named.layout.yaxis.range is None


def test_overview_card_says_when_the_latest_year_changes_source():
    """On the shipped data, whatever it holds: the Kazakhstan card's change and its notes follow the series."""
    trade = datasets.load("trade_annual")
    totals = metrics.reporter_totals(trade, "Kazakhstan").set_index("year")
    last = int(totals["turnover"].dropna().index.max())
    at = run(years=[str(last - 1), str(last)])
    deltas = [m.proto.delta for m in at.metric if m.label == f"Trade turnover, {last}"]
    captions = [c.value for c in at.caption]
    switched = totals.loc[last, "series"] != totals.loc[last - 1, "series"]
    assert any("both from" in d for d in deltas) == switched
    assert any(c.startswith("The line changes source") for c in captions) == switched
    # the latest year alone: the line's year before is out of the range, and the change still names its series
    at = run(years=[str(last), str(last)])
    deltas = [m.proto.delta for m in at.metric if m.label == f"Trade turnover, {last}"]
    assert any("both from" in d for d in deltas) == switched


def test_the_event_names_toggle_is_kept_in_a_link_and_names_the_events_under_the_chart():
    at = run(event_names="true")
    assert at.toggle(key="event_names").value is True
    listed = next(m.value for m in at.markdown if m.value.startswith("**The major events marked**"))
    markers = views.event_markers(datasets.load("events"), at.session_state[ui.FILTERS_KEY].years)
    major = markers[markers["major"] != ""]
    assert len(major) and listed.count("\n- ") == len(major)
    for year, event in zip(major["year"], major["major"], strict=True):
        assert "- " + fmt.md_escape(f"{year}: {event}") in listed  # whole, never cut
    assert not any(m.value.startswith("**The major events marked**") for m in run().markdown)
