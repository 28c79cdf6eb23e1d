"""Frames shaped for one view of a page (filters applied, labels attached): pure, so tests can check them.

Pages stay thin: they call a function here, hand the result to kzcn.charts, and show it.
"""

from __future__ import annotations

import pandas as pd

from kzcn import metrics
from kzcn.metrics import with_remainder

REST = "REST"


def source_labels(sources: pd.DataFrame) -> dict[str, str]:
    """A short human label per source id: publisher and title, press marked as press."""
    labels = {}
    for row in sources.itertuples():
        prefix = "Press report: " if row.kind == "press" else ""
        labels[row.source_id] = f"{prefix}{row.publisher} — {row.title}"
    return labels


def _label(ids: str, labels: dict[str, str]) -> str:
    return "; ".join(labels.get(i, i) for i in str(ids).split(", "))


def annual_totals(trade: pd.DataFrame, sources: pd.DataFrame, reporters: list[str],
                  years: tuple[int, int]) -> pd.DataFrame:
    """Preferred exports, imports, turnover and balance per reporter within the years, with source labels."""
    labels = source_labels(sources)
    frames = []
    for reporter in reporters:
        totals = metrics.reporter_totals(trade, reporter)
        totals = totals[(totals["year"] >= years[0]) & (totals["year"] <= years[1])].copy()
        totals["reporter"] = reporter
        totals["source_label"] = totals["source_id"].map(lambda ids: _label(ids, labels))
        frames.append(totals)
    if not frames:
        return pd.DataFrame(columns=["year", "exports", "imports", "turnover", "balance", "source_id",
                                     "reporter", "source_label"])
    return pd.concat(frames, ignore_index=True)


def press_totals(trade: pd.DataFrame, sources: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """China-customs turnover as quoted in the press: shown beside, never joined to, the official line."""
    labels = source_labels(sources)
    rows = trade[(trade["status"] == "press") & (trade["flow"] == "turnover")
                 & trade["year"].between(years[0], years[1])].copy()
    rows["label"] = rows["source_id"].map(lambda i: labels.get(i, i))
    return rows[["year", "value_usd", "label", "source_id"]].sort_values("year", ignore_index=True)


def event_markers(events: pd.DataFrame, years: tuple[int, int], *, per_year: int = 6) -> pd.DataFrame:
    """One hover label per year listing that year's events (first few, then a count)."""
    ev = events.assign(year=events["start"].str[:4].astype(int))
    ev = ev[ev["year"].between(years[0], years[1])].sort_values("start")
    rows = []
    for year, g in ev.groupby("year"):
        titles = g["title"].tolist()
        label = "<br>".join(titles[:per_year])
        if len(titles) > per_year:
            label += f"<br>… and {len(titles) - per_year} more (see Timeline)"
        rows.append({"year": int(year), "label": label, "count": len(titles)})
    return pd.DataFrame(rows, columns=["year", "label", "count"])


def share_view(trade: pd.DataFrame, sources: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    labels = source_labels(sources)
    share = metrics.china_share_of_kazakhstan_trade(trade)
    share = share[share["year"].between(years[0], years[1])].copy()
    share["source_label"] = share["source_id"].map(lambda i: labels.get(i, i))
    return share.sort_values("year", ignore_index=True)


CUSTOMS_SERIES = ("comtrade_api", "comtrade")  # a refreshed all-chapter download wins over the shipped extract
BACI_SERIES = ("baci_bulk", "baci")


def sector_rows(products: pd.DataFrame, chapters: pd.DataFrame, *, year: int, reporter: str, flow: str,
                sector: str | None, selected: tuple[str, ...] = (),
                series: tuple[str, ...] = CUSTOMS_SERIES) -> pd.DataFrame:
    """Chapters of one year/reporter/flow within the chosen sector (or chapters), plus the exact remainder.

    Uses one product series (the first of `series` that has the year) so the remainder is
    TOTAL − chapters from the same rows. Columns: hs_chapter, chapter_name, sector, value_usd, is_remainder,
    source_id, series.
    """
    rows = products[(products["year"] == year) & (products["reporter"] == reporter) & (products["flow"] == flow)
                    & products["series"].isin(series)]
    if rows.empty:
        return pd.DataFrame(columns=["hs_chapter", "chapter_name", "sector", "value_usd", "is_remainder",
                                     "source_id", "series"])
    rows = rows[rows["series"] == next(s for s in series if (rows["series"] == s).any())]
    info = chapters.set_index("hs_chapter")
    keep = rows["hs_chapter"] == "TOTAL"
    chosen = rows["hs_chapter"].map(lambda c: c != "TOTAL" and (
        (not selected or c in selected) and (sector is None or info["sector"].get(c) == sector)))
    out = with_remainder(rows[keep | chosen])
    out["chapter_name"] = out["hs_chapter"].map(lambda c: info["chapter_name"].get(c, "All other goods"))
    out["sector"] = out["hs_chapter"].map(lambda c: info["sector"].get(c, "All other goods (remainder)"))
    return out[["hs_chapter", "chapter_name", "sector", "value_usd", "is_remainder", "source_id", "series"]]


def coverage_note(coverage: pd.DataFrame, *, reporter: str, flow: str, years: tuple[int, int],
                  chapters: list[str]) -> str:
    """Plain words on which of the wanted chapters and years have no data (never drawn as zero)."""
    rows = coverage[(coverage["reporter"] == reporter) & (coverage["flow"] == flow)
                    & coverage["series"].isin(CUSTOMS_SERIES)
                    & coverage["year"].between(years[0], years[1]) & coverage["hs_chapter"].isin(chapters)]
    if rows.empty:
        return (f"No chapter data as {reporter} reports for {years[0]}–{years[1]}: "
                "the shipped extract covers 2014–2024.")
    best = rows.groupby(["year", "hs_chapter"])["status"].agg(
        lambda s: "available" if "available" in set(s) else sorted(set(s))[0]).reset_index()
    missing = best[best["status"] == "missing_in_download"]
    not_dl = best[best["status"] == "not_downloaded"]["hs_chapter"].unique().tolist()
    parts = []
    if len(not_dl):
        parts.append(f"{len(not_dl)} of the selected chapters are not in the shipped Comtrade extract "
                     "(it holds chapters 26, 28, 72, 74, 78, 79 and 81 and the all-goods total); run "
                     "`kzcn refresh comtrade` for every chapter")
    if not missing.empty:
        listing = ", ".join(f"{c} ({', '.join(map(str, sorted(g['year'])))})"
                            for c, g in missing.groupby("hs_chapter"))
        parts.append(f"missing from the download for some years: chapter {listing}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""


def flows_for(direction: str, reporters: list[str]) -> dict[str, list[str]]:
    """Which flows each reporter's panel shows: all and the balance, or the one flow of a direction."""
    sides = metrics.DIRECTIONS.get(direction)
    if sides is None:
        return {r: ["exports", "imports", "balance"] for r in reporters}
    return {r: [sides[r][1]] for r in reporters}


def direction_flow(direction: str, reporter: str) -> str:
    """The flow that carries goods in `direction`, as `reporter` records it."""
    return metrics.DIRECTIONS[direction][reporter][1]


def sector_series(products: pd.DataFrame, chapters: pd.DataFrame, *, years: list[int], reporter: str, flow: str,
                  sector: str | None, selected: tuple[str, ...] = ()) -> pd.DataFrame:
    """Sector totals (plus the remainder) per year, for the stacked bars; years without data are left out."""
    frames = []
    for year in years:
        rows = sector_rows(products, chapters, year=year, reporter=reporter, flow=flow, sector=sector,
                           selected=selected)
        if rows.empty:
            continue
        by_sector = rows.groupby("sector", as_index=False)["value_usd"].sum()
        frames.append(by_sector.assign(year=year, source_id=", ".join(sorted(set(rows["source_id"])))))
    if not frames:
        return pd.DataFrame(columns=["sector", "value_usd", "year", "source_id"])
    return pd.concat(frames, ignore_index=True)
