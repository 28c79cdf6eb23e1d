"""The one documented preferred series per reporter.

Several publications give the same year/reporter/flow (IMF DOTS, UN Comtrade, Kazakhstan's BNS, press). All
rows are kept; exactly one series per (year, reporter) is marked `preferred`, so a headline line never mixes
sources within a year and every point still says where it comes from. China's and Kazakhstan's figures are
never mixed: the choice is made per reporter.

Order of preference (first one that has both flows with the partner for that year):

* China reports:      UN Comtrade (China's customs submission) → IMF DOTS. Press figures are never preferred.
* Kazakhstan reports: BNS (the national statistics office, newest workbook) → UN Comtrade → IMF DOTS.
  Kazakhstan-reported Comtrade values for 2020–2022 are excluded: they are about 30% of BNS's own figures.

Only rows with status "reported" qualify: IMF estimates (1992–1993) stay visible but flagged, never preferred.
"""

from __future__ import annotations

import pandas as pd

from kzcn.schemas import BILATERAL

PREFERENCE: dict[str, tuple[str, ...]] = {
    "China": ("comtrade", "imf_dots"),
    "Kazakhstan": ("kz_bns", "comtrade", "imf_dots"),
}
EXCLUDED: set[tuple[str, str, int]] = {("Kazakhstan", "comtrade", y) for y in (2020, 2021, 2022)}


def _rank(series: str, reporter: str) -> int:
    order = PREFERENCE.get(reporter, ())
    return order.index(series) if series in order else len(order)


def mark(trade: pd.DataFrame) -> pd.DataFrame:
    """Return `trade` with a boolean `preferred` column set by the rules in this module's docstring."""
    trade = trade.copy()
    trade["preferred"] = False
    if trade.empty:
        return trade
    ok = (trade["status"] == "reported") & trade["flow"].isin(["exports", "imports"])
    ok &= ~pd.Series([(r, s, int(y)) in EXCLUDED for r, s, y in
                      zip(trade["reporter"], trade["series"], trade["year"], strict=True)], index=trade.index)
    candidates = trade[ok]
    for (_year, reporter), rows in candidates.groupby(["year", "reporter"]):
        bilateral = rows[rows["partner"] == BILATERAL[reporter]]
        complete = [s for s, g in bilateral.groupby("series") if set(g["flow"]) >= {"exports", "imports"}]
        if not complete:
            continue
        best = min(complete, key=lambda s: _rank(s, reporter))
        chosen = rows[rows["series"] == best]
        # Where one series holds a year twice (a BNS year repeated in the next workbook), the newest source wins.
        newest = chosen["source_id"].max()
        trade.loc[chosen.index[chosen["source_id"] == newest], "preferred"] = True
    return trade
