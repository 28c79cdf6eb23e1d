"""Pure functions over the trade_partners dataset: top partners, China's rank, China vs Russia vs EU vs the rest.

The rules every function keeps (so a view built on them cannot break them):

* **One source at a time.** A rank, a share or a remainder is computed within one `source_id`, which is one
  workbook: one series (IMF DOTS or BNS) and one vintage. Where two sources hold the same year (DOTS and BNS for
  2018–2020; two BNS workbooks for 2019–2022) each gets its own result, side by side, never spliced or averaged.
* **Countries are ranked, groups are not.** Only rows with partner_kind "country" are ranked; World, EU, CIS and
  the other aggregates are never ranked among countries and never added to them.
* **Share of World** is a value over the World row of the same source, year and flow; no World row, no share.
* **Turnover** (exports + imports) exists only where the same source has both flows for that partner and year.
  It is flagged "imf_estimate" when either flow is.

Inputs are trade_partners frames (kzcn.schemas.TRADE_PARTNERS); outputs are new frames, nothing is changed.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kzcn.schemas import REST  # split()'s remainder row: World minus the named parts, same source and year

FLOWS = ("exports", "imports", "turnover")
WORLD = "WORLD"
EU = "EU"
REPORTER_CODES = {"China": "CHN", "Kazakhstan": "KAZ"}

_SOURCE = ["source_id", "series", "vintage", "year"]
VALUE_COLUMNS = [*_SOURCE, "partner", "partner_kind", "partner_name", "value_usd", "status"]
RANK_COLUMNS = [*_SOURCE, "rank", "countries", "partner", "partner_name", "value_usd", "share_of_world",
                "world_usd", "status"]
SPLIT_COLUMNS = [*_SOURCE, "part", "part_name", "value_usd", "share_of_world", "world_usd"]


def _check_flow(flow: str) -> None:
    if flow not in FLOWS:
        raise ValueError(f"flow must be one of {FLOWS}, not {flow!r}")


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def values(partners: pd.DataFrame, reporter: str, flow: str, *, series: str | None = None,
           preferred_only: bool = False) -> pd.DataFrame:
    """One value per (source, year, partner) for a flow; turnover summed only where both flows exist.

    preferred_only: keep only each series' newest vintage of a year (the dataset's `preferred` rows).
    """
    _check_flow(flow)
    rows = partners[partners["reporter"] == reporter]
    if series is not None:
        rows = rows[rows["series"] == series]
    if preferred_only:
        rows = rows[rows["preferred"]]
    if rows.empty:
        return _empty(VALUE_COLUMNS)
    keys = [*_SOURCE, "partner", "partner_kind", "partner_name"]
    if flow != "turnover":
        out = rows[rows["flow"] == flow]
        return out[VALUE_COLUMNS].reset_index(drop=True)
    exp = rows[rows["flow"] == "exports"]
    imp = rows[rows["flow"] == "imports"]
    # Both flows of one partner share its source, year and label; DOTS's empty vintage matches itself in a merge.
    both = exp.merge(imp, on=keys, suffixes=("_x", "_m"), how="inner", validate="one_to_one")
    both["value_usd"] = both["value_usd_x"] + both["value_usd_m"]
    estimate = (both["status_x"] == "imf_estimate") | (both["status_m"] == "imf_estimate")
    both["status"] = estimate.map({True: "imf_estimate", False: "reported"})
    return both[VALUE_COLUMNS].reset_index(drop=True)


def ranking(partners: pd.DataFrame, reporter: str, flow: str, *, series: str | None = None,
            year: int | None = None, preferred_only: bool = False) -> pd.DataFrame:
    """Every country partner ranked by value within its source and year (1 = largest).

    Ties share the better rank ("min"); `countries` is how many countries the source lists with a value that
    year; share_of_world and world_usd come from the same source's World row (empty where it has none).
    """
    vals = values(partners, reporter, flow, series=series, preferred_only=preferred_only)
    if year is not None:
        vals = vals[vals["year"] == year]
    countries = vals[vals["partner_kind"] == "country"].copy()
    if countries.empty:
        return _empty(RANK_COLUMNS)
    world = vals[vals["partner"] == WORLD][["source_id", "year", "value_usd"]]
    world = world.rename(columns={"value_usd": "world_usd"})
    groups = countries.groupby(["source_id", "year"])
    countries["rank"] = groups["value_usd"].rank(method="min", ascending=False).astype(int)
    countries["countries"] = groups["partner"].transform("size").astype(int)
    out = countries.merge(world, on=["source_id", "year"], how="left", validate="many_to_one")
    out["share_of_world"] = out["value_usd"] / out["world_usd"]
    out = out.sort_values(["source_id", "year", "rank", "partner"], kind="stable")
    return out[RANK_COLUMNS].reset_index(drop=True)


def top_partners(partners: pd.DataFrame, reporter: str, year: int, flow: str, series: str, n: int = 10,
                 source_id: str | None = None) -> pd.DataFrame:
    """The n largest country partners of `reporter` in one year, flow and series (rank, value, share of World).

    A series with two vintages of the year (BNS) gives its preferred (newest) one unless source_id names the
    other; results never mix vintages. Ties at rank n are all kept.
    """
    if source_id is None:
        ranked = ranking(partners, reporter, flow, series=series, year=year, preferred_only=True)
    else:
        ranked = ranking(partners[partners["source_id"] == source_id], reporter, flow, series=series, year=year)
    return ranked[ranked["rank"] <= n].reset_index(drop=True)


def rank_of(partners: pd.DataFrame, reporter: str, partner: str, flow: str, *, series: str | None = None,
            preferred_only: bool = False) -> pd.DataFrame:
    """One partner's rank among the reporter's country partners, per source and year where it has a value."""
    ranked = ranking(partners, reporter, flow, series=series, preferred_only=preferred_only)
    return ranked[ranked["partner"] == partner].reset_index(drop=True)


def china_rank_for_kazakhstan(partners: pd.DataFrame, flow: str, *, series: str | None = None) -> pd.DataFrame:
    """China's rank among Kazakhstan's partners, as Kazakhstan reports (DOTS and BNS, each source apart)."""
    return rank_of(partners, "Kazakhstan", REPORTER_CODES["China"], flow, series=series)


def kazakhstan_rank_for_china(partners: pd.DataFrame, flow: str, *, series: str | None = None) -> pd.DataFrame:
    """Kazakhstan's rank among China's partners, as China reports (IMF DOTS)."""
    return rank_of(partners, "China", REPORTER_CODES["Kazakhstan"], flow, series=series)


def split(partners: pd.DataFrame, reporter: str = "Kazakhstan", flow: str = "turnover",
          parts: Sequence[str] = ("CHN", "RUS", EU), *, series: str | None = None,
          preferred_only: bool = False) -> pd.DataFrame:
    """The named parts and the rest of the World (World − parts), per source and year, with shares of World.

    A (source, year) appears only when that one source has the World row and every part for the flow; the rest
    is never computed from pieces of different sources or vintages. The parts must not overlap: at most one
    aggregate (the source's own EU row by default, with its membership as that source defines it, see the row's
    note) and no World. part_name is the label the source wrote; the rest is named "rest of the world".
    """
    parts = list(parts)
    if WORLD in parts or len(set(parts)) != len(parts):
        raise ValueError(f"parts must be distinct and must not include {WORLD}: {parts}")
    vals = values(partners, reporter, flow, series=series, preferred_only=preferred_only)
    aggregates = set(vals.loc[vals["partner_kind"] == "aggregate", "partner"])
    if len([p for p in parts if p in aggregates]) > 1:
        raise ValueError(f"at most one aggregate among the parts (they could overlap): {parts}")
    rows = []
    for (source_id, year), group in vals.groupby(["source_id", "year"], sort=True):
        by_code = group.set_index("partner")
        if WORLD not in by_code.index or not all(p in by_code.index for p in parts):
            continue
        world = float(by_code.at[WORLD, "value_usd"])
        first = group.iloc[0]
        base = {"source_id": source_id, "series": first["series"], "vintage": first["vintage"], "year": year,
                "world_usd": world}
        total = 0.0
        for p in parts:
            value = float(by_code.at[p, "value_usd"])
            total += value
            rows.append({**base, "part": p, "part_name": by_code.at[p, "partner_name"], "value_usd": value,
                         "share_of_world": value / world})
        rest = world - total
        rows.append({**base, "part": REST, "part_name": "rest of the world", "value_usd": rest,
                     "share_of_world": rest / world})
    if not rows:
        return _empty(SPLIT_COLUMNS)
    return pd.DataFrame(rows)[SPLIT_COLUMNS]


def compare_rankings(partners: pd.DataFrame, reporter: str, year: int, flow: str, n: int = 10) -> pd.DataFrame:
    """The top n of every source holding the year, side by side (one column of partner codes per source).

    Index: rank 1..n (positions, ties kept in code order). `agree` is True where all sources name the same
    partner at that position. Nothing is merged: each column is one source's own ranking.
    """
    ranked = ranking(partners, reporter, flow, year=year)
    columns = {}
    for source_id, group in ranked.groupby("source_id", sort=True):
        codes = list(group.sort_values(["rank", "partner"])["partner"][:n])
        columns[source_id] = codes + [None] * (n - len(codes))
    if not columns:  # no source holds the year
        return pd.DataFrame({"agree": pd.Series(dtype=bool)}, index=pd.RangeIndex(0, name="position"))
    out = pd.DataFrame(columns, index=pd.RangeIndex(1, n + 1, name="position"))
    out["agree"] = out.nunique(axis=1, dropna=False).eq(1)
    return out
