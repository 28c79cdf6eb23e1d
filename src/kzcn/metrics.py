"""Pure functions on frames: turnover, growth, CAGR, the mirror gap, shares and sector remainders.

Nothing here fills a gap: a year that is missing stays missing, growth across a missing year is not computed,
and a sector remainder is only computed where the all-goods total and the chapters come from the same rows.
"""

from __future__ import annotations

import math

import pandas as pd

from kzcn import preferred
from kzcn.i18n import N_
from kzcn.schemas import BILATERAL, REST, TOTAL

# Direction of goods → (reporter, flow) on each side of the mirror. The directions stay English in the code and the
# URL; they are shown through _().
DIRECTIONS: dict[str, dict[str, tuple[str, str]]] = {
    N_("China → Kazakhstan"): {"China": ("China", "exports"), "Kazakhstan": ("Kazakhstan", "imports")},
    N_("Kazakhstan → China"): {"China": ("China", "imports"), "Kazakhstan": ("Kazakhstan", "exports")},
}


def reporter_totals(trade: pd.DataFrame, reporter: str, partner: str | None = None) -> pd.DataFrame:
    """Preferred exports, imports, turnover and balance by year as `reporter` records them.

    Columns: year, exports, imports, turnover, balance, series, source_id. Turnover and balance exist only
    where both flows exist for that year; `series` says which series the year comes from, so a change across
    years can be computed within one series (see range_summary).
    """
    partner = partner or BILATERAL[reporter]
    rows = trade[(trade["reporter"] == reporter) & (trade["partner"] == partner) & trade["preferred"]]
    wide = rows.pivot_table(index="year", columns="flow", values="value_usd", aggfunc="first")
    for flow in ("exports", "imports"):
        if flow not in wide.columns:
            wide[flow] = float("nan")
    wide = wide[["exports", "imports"]]
    wide["turnover"] = wide["exports"] + wide["imports"]
    wide["balance"] = wide["exports"] - wide["imports"]
    series = rows.groupby("year")["series"].agg(lambda s: ", ".join(sorted(set(s))))
    sources = rows.groupby("year")["source_id"].agg(lambda s: ", ".join(sorted(set(s))))
    out = wide.join(series).join(sources).reset_index()
    out["year"] = out["year"].astype(int)
    return out.sort_values("year", ignore_index=True)


def growth(values: pd.Series, years: pd.Series) -> pd.Series:
    """Year-on-year growth in percent; only between consecutive calendar years (no bridging of gaps)."""
    frame = pd.DataFrame({"year": years.astype(int).to_numpy(), "v": values.astype(float).to_numpy()})
    frame = frame.sort_values("year")
    prev = frame["v"].shift(1)
    consecutive = frame["year"].diff() == 1
    result = ((frame["v"] / prev - 1) * 100).where(consecutive)
    return pd.Series(result.to_numpy(), index=frame["year"].to_numpy())


def cagr(first: float, last: float, years: int) -> float:
    """Compound annual growth in percent between two values `years` apart; NaN where undefined."""
    if years <= 0 or first is None or last is None or first <= 0 or last <= 0:
        return float("nan")
    if math.isnan(first) or math.isnan(last):
        return float("nan")
    return ((last / first) ** (1 / years) - 1) * 100


def mirror_gap(trade: pd.DataFrame) -> pd.DataFrame:
    """Each direction of goods as both sides record it, and the gap (China's figure minus Kazakhstan's).

    Columns: year, direction, china_reported, kazakhstan_reported, gap_usd, gap_pct (of Kazakhstan's figure).
    Only years where both sides have a preferred figure get a gap.
    """
    frames = []
    for direction, sides in DIRECTIONS.items():
        values = {}
        for side, (reporter, flow) in sides.items():
            rows = trade[(trade["reporter"] == reporter) & (trade["partner"] == BILATERAL[reporter])
                         & (trade["flow"] == flow) & trade["preferred"]]
            values[side] = rows.groupby("year")["value_usd"].first()
        frame = pd.DataFrame({"china_reported": values["China"], "kazakhstan_reported": values["Kazakhstan"]})
        frame["gap_usd"] = frame["china_reported"] - frame["kazakhstan_reported"]
        frame["gap_pct"] = frame["gap_usd"] / frame["kazakhstan_reported"] * 100
        frame["direction"] = direction
        frames.append(frame.rename_axis("year").reset_index())
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out[["year", "direction", "china_reported", "kazakhstan_reported", "gap_usd", "gap_pct"]]


def china_share_of_kazakhstan_trade(trade: pd.DataFrame) -> pd.DataFrame:
    """China's share (percent) of Kazakhstan's exports, imports and turnover, as Kazakhstan reports them.

    Numerator and denominator come from the same preferred series and source, so a share never divides
    one publication's figure by another's. Columns: year, exports, imports, turnover, source_id.
    """
    kz = trade[(trade["reporter"] == "Kazakhstan") & trade["preferred"]]
    rows = []
    for (year, source_id), g in kz.groupby(["year", "source_id"]):
        vals = g.pivot_table(index="partner", columns="flow", values="value_usd", aggfunc="first")
        if "China" not in vals.index or "World" not in vals.index:
            continue
        china, world = vals.loc["China"], vals.loc["World"]
        share = {f: china.get(f, float("nan")) / world.get(f, float("nan")) * 100 for f in ("exports", "imports")}
        share["turnover"] = (china.sum(min_count=2) / world.sum(min_count=2)) * 100
        rows.append({"year": int(year), **share, "source_id": source_id})
    return pd.DataFrame(rows, columns=["year", "exports", "imports", "turnover", "source_id"])


def series_turnover(trade: pd.DataFrame, reporter: str) -> pd.DataFrame:
    """Bilateral turnover by year (rows) and series (columns), each series on its own, as `reporter` records it.

    Only rows that could be preferred count (status "reported", not excluded by kzcn.preferred); where a series
    holds a year twice (a BNS year repeated in the next workbook) the newest source wins, as for the preferred
    line. A year lacking either flow in a series has no turnover in it.
    """
    rows = trade[(trade["reporter"] == reporter) & (trade["partner"] == BILATERAL[reporter])
                 & (trade["status"] == "reported") & trade["flow"].isin(["exports", "imports"])]
    rows = rows[[(reporter, s, int(y)) not in preferred.EXCLUDED for s, y in zip(rows["series"], rows["year"],
                                                                                 strict=True)]]
    newest = rows.groupby(["series", "year"])["source_id"].transform("max")
    rows = rows[rows["source_id"] == newest]
    wide = rows.pivot_table(index="year", columns=["series", "flow"], values="value_usd", aggfunc="first")
    out = pd.DataFrame(index=wide.index.astype(int))
    for series in wide.columns.get_level_values(0).unique():
        flows = wide[series]
        if {"exports", "imports"} <= set(flows.columns):
            out[series] = flows["exports"] + flows["imports"]
    return out


def range_summary(totals: pd.DataFrame, start: int, end: int,
                  by_series: pd.DataFrame | None = None) -> dict[str, object]:
    """Headline numbers for a year range from `reporter_totals` output, every change within one series.

    The latest year's turnover is the preferred figure; its growth on the year before and the change since the
    range's first year are computed within the latest year's series (`by_series`: series_turnover), so a year
    from one publication is never compared with another's. Where that series lacks the year before, there is no
    growth; the "first year" is the first year of the range that series covers. `changes` lists the years in
    the range where the preferred line itself switches series: (year, series before, series from then on).
    `before_series`: the series of the preferred figure of the year before the latest, in or out of the range (None
    without one), so a growth can say it compares two years of one series where the line shows another's.
    Without `by_series` the preferred line must be one series for a change to be computed.
    """
    nothing = {"year": float("nan"), "turnover": float("nan"), "yoy": float("nan"), "first_year": float("nan"),
               "first_turnover": float("nan"), "cagr": float("nan"), "series": None, "runs": [],
               "before_series": None}
    window = totals[(totals["year"] >= start) & (totals["year"] <= end)].dropna(subset=["turnover"])
    if window.empty:
        return nothing
    last = window.iloc[-1]
    year, series = int(last["year"]), str(last["series"])
    if by_series is None:
        same = totals.dropna(subset=["turnover"])
        same = same[same["series"] == series]
        within = same.set_index("year")["turnover"]
    else:
        within = by_series[series].dropna() if series in by_series else pd.Series(dtype=float)
    within = within[(within.index >= start) & (within.index <= end) | (within.index == year - 1)]
    before = within.get(year - 1, float("nan"))
    in_range = within[within.index >= start]
    first_year = int(in_range.index.min()) if len(in_range) else year
    first_turnover = float(in_range.get(first_year, last["turnover"]))
    stretch = window["series"].ne(window["series"].shift()).cumsum()
    runs = [(str(g["series"].iloc[0]), int(g["year"].min()), int(g["year"].max()))
            for _, g in window.groupby(stretch, sort=True)]
    preferred_before = totals[totals["year"] == year - 1].dropna(subset=["turnover"])["series"]
    return {
        "before_series": str(preferred_before.iloc[0]) if len(preferred_before) else None,
        "year": year,
        "turnover": float(last["turnover"]),
        "yoy": float((last["turnover"] / before - 1) * 100) if before == before else float("nan"),
        "first_year": first_year,
        "first_turnover": first_turnover,
        "cagr": cagr(first_turnover, float(last["turnover"]), year - first_year),
        "series": series,
        "runs": runs,
    }


def with_remainder(products: pd.DataFrame) -> pd.DataFrame:
    """Chapters of one (year, reporter, flow, series, source) plus an exact, labelled "all other goods" row.

    The remainder is the all-goods TOTAL minus the chapters present, from the same rows. It is a remainder,
    not a sector; without a TOTAL row there is no remainder.
    """
    chapters = products[products["hs_chapter"] != TOTAL].copy()
    total = products[products["hs_chapter"] == TOTAL]
    chapters["is_remainder"] = False
    if total.empty:
        return chapters
    rest = float(total["value_usd"].iloc[0]) - float(chapters["value_usd"].sum())
    extra = total.iloc[[0]].copy()
    extra["hs_chapter"] = REST
    extra["value_usd"] = rest
    extra["is_remainder"] = True
    return pd.concat([chapters, extra], ignore_index=True)
