"""The Data & sources page's notes on method and coverage, written from the data.

Every year, count and share in a note is computed here from the frames it describes, so a refresh that adds a
year or a chapter updates the note; the page only draws what these functions return. Notes are Markdown; text
that comes from the data is escaped.
"""

from __future__ import annotations

import pandas as pd

from kzcn import fmt, tables
from kzcn import partnerviews as pv
from kzcn.schemas import TOTAL


def coverage_notes(trade: pd.DataFrame, products: pd.DataFrame, coverage: pd.DataFrame,
                   press_figures: pd.DataFrame) -> list[str]:
    """One Markdown note per source's coverage caveat, in the order a reader needs them; a source that is not
    in the data has no note."""
    notes: list[str] = []
    shipped = products[products["series"] == "comtrade"]
    if not shipped.empty:
        chapters = sorted(c for c in shipped["hs_chapter"].unique() if c != TOTAL)
        notes.append(
            f"**UN Comtrade's shipped extract** holds {len(chapters)} chapters ({', '.join(chapters)}) and the "
            f"all-goods total, {tables.year_span(shipped['year'])}, as each side reported them. Every other "
            "chapter, including 27 (oil and gas, the largest flow from Kazakhstan to China), is `not_downloaded` "
            "in Chapter coverage: unknown, never zero."
        )
    ratio = tables.excluded_comtrade_ratio(trade)
    if not ratio.empty:
        imp, exp = ratio[ratio["flow"] == "imports"]["pct_of_bns"], ratio[ratio["flow"] == "exports"]["pct_of_bns"]
        notes.append(
            f"**Kazakhstan-reported Comtrade figures for {tables.year_span(ratio['year'])} are implausibly low**: "
            f"Kazakhstan's imports from China there are {imp.min():.0f}–{imp.max():.0f}% of what BNS itself "
            f"published for the same years, its exports {exp.min():.0f}–{exp.max():.0f}%. They stay in the "
            "tables but are never a headline figure (`preferred` is false)."
        )
    missing = tables.missing_in_download(coverage)
    if not missing.empty:
        flows = (missing.groupby(["reporter", "chapter", "years"], sort=False)["flow"].agg(" and ".join)
                 .rename("flows"))
        grouped = flows.reset_index().groupby(["reporter", "flows", "years"], sort=False)["chapter"].agg(list)
        listing = "; ".join(f"{'chapters' if len(cs) > 1 else 'chapter'} {', '.join(cs)} "
                            f"({fl}, {y}, as {r} reports)" for (r, fl, y), cs in grouped.items())
        notes.append(f"**Missing from the Comtrade download** (shown as `missing_in_download`, never as zero): "
                     f"{fmt.md_escape(listing)}.")
    baci = products[products["series"] == "baci"]
    if not baci.empty:
        sides = ", ".join(sorted({f"{r}'s {fl}" for r, fl in zip(baci["reporter"], baci["flow"], strict=True)}))
        notes.append(
            f"**CEPII BACI** covers {tables.year_span(baci['year'])} only, and only {fmt.md_escape(sides)} (to "
            f"China), {(baci['hs_chapter'] != TOTAL).sum()} chapters with trade. BACI reconciles both sides' "
            "reports into FOB-type values that match neither side's customs figures, so it is shown on its own."
        )
    dots = trade[trade["series"] == "imf_dots"]
    if not dots.empty:
        gap = tables.vintage_gap(trade)
        vintage = (f" For the same Kazakhstan-reported flow it differs from BNS by {gap['pct'].abs().min():.1f}–"
                   f"{gap['pct'].abs().max():.1f}% ({tables.year_span(gap['year'])}): two vintages, never spliced "
                   "into one line." if not gap.empty else "")
        notes.append(
            f"**IMF DOTS** runs {tables.year_span(dots['year'])}: the workbooks are an early-2022 vintage (copied "
            f"from a repository commit of February 2022; see the IMF rows in Sources), so later years and later "
            f"revisions are not in them.{vintage}"
        )
    bns = trade[trade["series"] == "kz_bns"]
    if not bns.empty:
        notes.append(f"**BNS** (Kazakhstan's statistics bureau) workbooks cover {tables.ranges(bns['year'])}; "
                     "where two workbooks give the same year, the newest is used.")
    estimates = trade[trade["status"] == "imf_estimate"]
    if not estimates.empty:
        notes.append(f"**IMF estimates**: {len(estimates)} rows ({tables.ranges(estimates['year'])}) are the IMF's "
                     "own estimates, not reported figures. They are flagged `imf_estimate` in `status` and never "
                     "used as a headline figure.")
    press_rows = trade[trade["status"] == "press"]
    press_sides = " and ".join(sorted(set(press_rows["reporter"]))) or "either side"
    notes.append(
        f"**Press figures** ({len(press_figures)} in Press figures, and {len(press_rows)} totals in Annual "
        f"trade with status `press`, all as {fmt.md_escape(press_sides)} reports) are rounded, often to 0.1 bn, "
        "sometimes preliminary and often reposted. They are labelled as press and kept apart from the statistical "
        "series, never mixed into them."
    )
    return notes


def events_note(events: pd.DataFrame) -> str:
    """How the events were compiled: dates (month-only ones listed), places left empty, disagreements, themes."""
    month_only = events[events["precision"] == "month"]
    return (
        f"{len(events)} events, {tables.year_span(events['start'].str[:4].astype(int))}, compiled for kzcn from "
        "government and news pages; each event lists its own source URLs (`source_urls`).\n\n"
        f"* **Dates** are ISO 8601. Where only the month is known the date is `YYYY-MM` ({len(month_only)} "
        f"events: {fmt.md_escape(', '.join(month_only['start']))}); no day was made up.\n"
        f"* **Places**: {int(events['city'].isna().sum())} events have no city because their sources give "
        "none; their city and coordinates are left empty (nothing was geocoded).\n"
        f"* **Disagreements**: {int(events['disagreement'].notna().sum())} events carry a note saying which "
        "source says what, and which date kzcn used.\n"
        "* **Themes** (the ambassador's six) were assigned by the researcher."
    )


def sectors_note(chapters: pd.DataFrame) -> str:
    """What kzcn's sectors are: how many chapters in how many sectors, and where chapter 71 sits."""
    sector_of = dict(zip(chapters["hs_chapter"], chapters["sector"], strict=True))
    precious = (f" Precious stones and metals (chapter 71) are under {fmt.md_escape(sector_of['71'])}, not with "
                "the base metals." if "71" in sector_of else "")
    return (
        f"The sector filter groups the {len(chapters)} two-digit HS chapters into {chapters['sector'].nunique()} "
        "sectors made for this dashboard; it is not an official classification. Every chapter is in exactly one "
        f"sector.{precious} Chapter titles follow the Harmonized System (see the HS chapters and sectors table)."
    )


def accessed_note(sources: pd.DataFrame) -> str:
    """When kzcn read the pages it dates, or "" when it dates none."""
    accessed = sorted(set(sources["accessed"].dropna()))
    if not accessed:
        return ""
    when = accessed[0] if len(accessed) == 1 else f"between {accessed[0]} and {accessed[-1]}"
    return fmt.md_escape(f"kzcn read the pages it dates {'on ' if len(accessed) == 1 else ''}{when} (the accessed "
                         "date of each source). Where kzcn did not read a publisher's page itself, accessed is "
                         "empty and “cited from” says where the citation came from.")


def no_download_page(sources: pd.DataFrame) -> str:
    """The sources without one download page, as a Markdown list (press reports counted, not listed)."""
    other = tables.no_download_page(sources)
    press_count = int((sources["kind"] == "press").sum())
    lines = [f"* {fmt.md_escape(row.title)}: {fmt.md_escape(row.download_page)}" for row in other.itertuples()]
    lines.append(f"* {press_count} press reports: each row of Press figures links to its own page.")
    return "No single download page:\n" + "\n".join(lines)


def partners_note(partners: pd.DataFrame) -> str:
    """The lead-in to the every-partner coverage table: rankings within one workbook, groups never ranked, and
    each source's own EU as its rows describe it."""
    eu = "; ".join(f"{name}'s {pv.eu_summary(partners, s)}" for s, name in pv.SERIES_NAMES.items())
    return (f"**Every partner** ({fmt.md_escape(tables.NAMES['trade_partners'])}), by workbook. Ranks and shares "
            "are computed within one workbook, never across them; groups (World, EU, CIS …) are the sources' own "
            f"and never ranked among countries, and the two sources' EU differ ({fmt.md_escape(eu)}):")
