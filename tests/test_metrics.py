"""Metrics and formatting as pure functions: hand-computed expectations, no filling of gaps."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcn import fmt, metrics, preferred


def _row(year, reporter, partner, flow, value, series="comtrade", status="reported", source_id="s"):
    return {"year": year, "reporter": reporter, "partner": partner, "flow": flow, "value_usd": value,
            "series": series, "status": status, "source_id": source_id, "source_locator": "x", "note": None}


@pytest.fixture
def trade() -> pd.DataFrame:
    rows = []
    for year, (cx, cm, kx, km) in {2021: (10e9, 8e9, 7e9, 5e9), 2022: (12e9, 9e9, 8e9, 6e9),
                                    2024: (15e9, 10e9, 9e9, 7e9)}.items():
        rows += [_row(year, "China", "Kazakhstan", "exports", cx), _row(year, "China", "Kazakhstan", "imports", cm),
                 _row(year, "Kazakhstan", "China", "exports", kx, "kz_bns", source_id="bns"),
                 _row(year, "Kazakhstan", "China", "imports", km, "kz_bns", source_id="bns"),
                 _row(year, "Kazakhstan", "World", "exports", kx * 5, "kz_bns", source_id="bns"),
                 _row(year, "Kazakhstan", "World", "imports", km * 4, "kz_bns", source_id="bns")]
    return preferred.mark(pd.DataFrame(rows))


def test_turnover_and_balance(trade):
    cn = metrics.reporter_totals(trade, "China").set_index("year")
    assert cn.loc[2022, "turnover"] == 21e9
    assert cn.loc[2022, "balance"] == 3e9
    assert 2023 not in cn.index  # a missing year stays missing


def test_growth_never_bridges_a_gap(trade):
    cn = metrics.reporter_totals(trade, "China")
    g = metrics.growth(cn["turnover"], cn["year"])
    assert g[2022] == pytest.approx(21 / 18 * 100 - 100)
    assert math.isnan(g[2024])  # 2023 is missing, so no "growth" from 2022 to 2024
    assert math.isnan(g[2021])


def test_cagr():
    assert metrics.cagr(100, 121, 2) == pytest.approx(10.0)
    assert math.isnan(metrics.cagr(0, 121, 2))
    assert math.isnan(metrics.cagr(100, 121, 0))


def test_mirror_gap_pairs_the_right_flows(trade):
    gap = metrics.mirror_gap(trade).set_index(["year", "direction"])
    row = gap.loc[(2022, "China → Kazakhstan")]
    assert row["china_reported"] == 12e9 and row["kazakhstan_reported"] == 6e9
    assert row["gap_pct"] == pytest.approx(100.0)
    row = gap.loc[(2022, "Kazakhstan → China")]
    assert row["china_reported"] == 9e9 and row["kazakhstan_reported"] == 8e9


def test_china_share_uses_one_source(trade):
    share = metrics.china_share_of_kazakhstan_trade(trade).set_index("year")
    assert share.loc[2021, "exports"] == pytest.approx(20.0)
    assert share.loc[2021, "imports"] == pytest.approx(25.0)
    assert share.loc[2021, "turnover"] == pytest.approx(12 / 55 * 100)


def test_range_summary(trade):
    cn = metrics.reporter_totals(trade, "China")
    s = metrics.range_summary(cn, 2021, 2022)
    assert s["year"] == 2022 and s["turnover"] == 21e9
    assert s["first_year"] == 2021 and s["first_turnover"] == 18e9
    assert s["cagr"] == pytest.approx(21 / 18 * 100 - 100)
    empty = metrics.range_summary(cn, 1990, 1991)
    assert math.isnan(empty["turnover"])


def test_remainder_is_exact_and_labelled():
    rows = pd.DataFrame({"hs_chapter": ["26", "74", "TOTAL"], "value_usd": [3.0, 2.0, 10.0]})
    out = metrics.with_remainder(rows)
    rest = out[out["is_remainder"]]
    assert rest["value_usd"].tolist() == [5.0] and rest["hs_chapter"].tolist() == ["REST"]
    assert out["value_usd"].sum() == 10.0
    assert not metrics.with_remainder(rows[rows["hs_chapter"] != "TOTAL"])["is_remainder"].any()


def test_preferred_rules():
    rows = [
        _row(2019, "China", "Kazakhstan", "exports", 1, "imf_dots", source_id="dots"),
        _row(2019, "China", "Kazakhstan", "imports", 1, "imf_dots", source_id="dots"),
        _row(2019, "China", "Kazakhstan", "exports", 2, "comtrade", source_id="ct"),
        _row(2019, "China", "Kazakhstan", "imports", 2, "comtrade", source_id="ct"),
        _row(2019, "China", "Kazakhstan", "turnover", 9, "press", "press", source_id="p"),
        _row(2020, "Kazakhstan", "China", "exports", 1, "comtrade", source_id="ctk"),
        _row(2020, "Kazakhstan", "China", "imports", 1, "comtrade", source_id="ctk"),
        _row(2020, "Kazakhstan", "China", "exports", 3, "imf_dots", source_id="dots"),
        _row(2020, "Kazakhstan", "China", "imports", 3, "imf_dots", source_id="dots"),
        _row(2019, "Kazakhstan", "China", "exports", 4, "kz_bns", source_id="kz-bns-2019"),
        _row(2019, "Kazakhstan", "China", "imports", 4, "kz_bns", source_id="kz-bns-2019"),
        _row(2019, "Kazakhstan", "China", "exports", 4, "kz_bns", source_id="kz-bns-2020"),
        _row(2019, "Kazakhstan", "China", "imports", 4, "kz_bns", source_id="kz-bns-2020"),
        _row(1992, "Kazakhstan", "China", "exports", 4, "imf_dots", "imf_estimate", source_id="dots"),
        _row(1992, "Kazakhstan", "China", "imports", 4, "imf_dots", "imf_estimate", source_id="dots"),
    ]
    out = preferred.mark(pd.DataFrame(rows))
    chosen = out[out["preferred"]]
    assert set(chosen[(chosen.year == 2019) & (chosen.reporter == "China")]["source_id"]) == {"ct"}
    # Kazakhstan-reported Comtrade 2020 is excluded (implausibly low), DOTS takes its place
    assert set(chosen[(chosen.year == 2020) & (chosen.reporter == "Kazakhstan")]["source_id"]) == {"dots"}
    # a BNS year repeated in the next workbook: the newest workbook wins, once per flow
    kz19 = chosen[(chosen.year == 2019) & (chosen.reporter == "Kazakhstan")]
    assert set(kz19["source_id"]) == {"kz-bns-2020"} and len(kz19) == 2
    assert not out[out.status != "reported"]["preferred"].any()
    assert out.groupby(["year", "reporter", "partner", "flow"])["preferred"].sum().max() == 1


@pytest.mark.parametrize(("value", "text"), [(41.02e9, "$41.0 bn"), (850e6, "$850.0 m"), (-3.2e9, "−$3.2 bn"),
                                             (None, "—"), (float("nan"), "—")])
def test_usd(value, text):
    assert fmt.usd(value) == text


@pytest.mark.parametrize(("value", "text"), [(32.24, "+32.2%"), (-0.44, "−0.4%"), (0.0, "0.0%"), (-0.02, "0.0%"),
                                             (None, "—")])
def test_pct(value, text):
    assert fmt.pct(value) == text


@given(st.floats(min_value=-1e13, max_value=1e13, allow_nan=False))
def test_usd_always_shows_a_dollar_and_the_right_sign(value):
    text = fmt.usd(value)
    assert "$" in text
    if value <= -1:
        assert text.startswith("−")
    if value >= 0:
        assert not text.startswith("−")
    assert text not in ("−$0", "−$0.0 m")  # a value that rounds to zero carries no sign


@pytest.mark.parametrize(("first", "last", "text"), [(100, 132.2, "+32.2%"), (100, 90, "−10.0%"),
                                                     (1, 120.7, "121×"), (1, 4.5, "4.5×"), (0, 5, "—")])
def test_change(first, last, text):
    assert fmt.change(first, last) == text


def _switching_trade() -> pd.DataFrame:
    """Kazakhstan's line: the bureau for 2022–2023, UN Comtrade for 2024 (the bureau has no 2024)."""
    rows = []
    for year, series, x, m in [(2022, "kz_bns", 8e9, 6e9), (2023, "kz_bns", 10e9, 8e9),
                               (2023, "comtrade", 12e9, 9e9), (2024, "comtrade", 11e9, 9e9)]:
        rows += [_row(year, "Kazakhstan", "China", "exports", x, series, source_id=series),
                 _row(year, "Kazakhstan", "China", "imports", m, series, source_id=series)]
    return preferred.mark(pd.DataFrame(rows))


def test_range_summary_compares_a_series_only_with_itself():
    trade = _switching_trade()
    totals = metrics.reporter_totals(trade, "Kazakhstan")
    assert totals.set_index("year")["series"].to_dict() == {2022: "kz_bns", 2023: "kz_bns", 2024: "comtrade"}
    s = metrics.range_summary(totals, 2022, 2024, by_series=metrics.series_turnover(trade, "Kazakhstan"))
    assert s["turnover"] == 20e9 and s["series"] == "comtrade"
    # 2024 against UN Comtrade's own 2023 (21 bn), not the bureau's 2023 on the line (18 bn)
    assert s["yoy"] == pytest.approx((20 / 21 - 1) * 100)
    # the change since the range's start runs from the first year UN Comtrade has (2023), not the bureau's 2022
    assert (s["first_year"], s["first_turnover"]) == (2023, 21e9)
    assert s["runs"] == [("kz_bns", 2022, 2023), ("comtrade", 2024, 2024)]
    assert s["before_series"] == "kz_bns"  # the line's 2023 is the bureau's: the growth must name its series


def test_a_range_of_one_year_still_knows_the_line_shows_the_year_before_from_another_series():
    """/?years=2024&years=2024: the card's growth compares UN Comtrade's 2024 with its own 2023 while the line
    shows the bureau's 2023; the range alone (one run) did not tell, and the card dropped "both from UN Comtrade"."""
    trade = _switching_trade()
    totals = metrics.reporter_totals(trade, "Kazakhstan")
    by_series = metrics.series_turnover(trade, "Kazakhstan")
    s = metrics.range_summary(totals, 2024, 2024, by_series=by_series)
    assert s["runs"] == [("comtrade", 2024, 2024)] and s["before_series"] == "kz_bns"
    assert s["yoy"] == pytest.approx((20 / 21 - 1) * 100)
    assert metrics.range_summary(totals, 2023, 2023, by_series=by_series)["before_series"] == "kz_bns"
    assert metrics.range_summary(totals, 2022, 2022, by_series=by_series)["before_series"] is None


def test_range_summary_has_no_growth_where_the_series_lacks_the_year_before():
    trade = _switching_trade()
    trade = trade[~((trade["series"] == "comtrade") & (trade["year"] == 2023))]
    totals = metrics.reporter_totals(trade, "Kazakhstan")
    s = metrics.range_summary(totals, 2022, 2024, by_series=metrics.series_turnover(trade, "Kazakhstan"))
    assert math.isnan(s["yoy"]) and s["first_year"] == 2024 and math.isnan(s["cagr"])
    # without the per-series table, only the latest series' own preferred years count
    assert math.isnan(metrics.range_summary(totals, 2022, 2024)["yoy"])


def test_series_turnover_keeps_the_newest_vintage_and_drops_excluded_years():
    rows = [_row(2021, "Kazakhstan", "China", f, v, "kz_bns", source_id=src)
            for f, v, src in [("exports", 1e9, "kz-bns-2021"), ("imports", 1e9, "kz-bns-2021"),
                              ("exports", 2e9, "kz-bns-2022"), ("imports", 2e9, "kz-bns-2022")]]
    rows += [_row(2021, "Kazakhstan", "China", f, 5e9, "comtrade") for f in ("exports", "imports")]
    rows += [_row(2021, "Kazakhstan", "China", "exports", 7e9, "imf_dots")]  # one flow only: no turnover
    table = metrics.series_turnover(pd.DataFrame(rows), "Kazakhstan")
    assert table.loc[2021, "kz_bns"] == 4e9
    assert "comtrade" not in table.columns  # 2020–2022 Comtrade for Kazakhstan is excluded (kzcn.preferred)
    assert "imf_dots" not in table.columns


@pytest.mark.parametrize(("fraction", "text"), [(0.503, "50.3%"), (0.498, "49.8%"), (0.5, "50%"), (0.61, "61%"),
                                                 (0.004, "0%")])
def test_a_share_near_half_says_which_side_of_half_it_is(fraction, text):
    """The share bars and the "over half" list: 0.503 written "50%" beside "over half" read as half exactly."""
    assert fmt.share_pct(fraction) == text
