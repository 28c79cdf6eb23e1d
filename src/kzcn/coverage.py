"""What each product series holds, chapter by chapter and year by year, and whether a year's detail is complete.

Completeness is data, not prose: the build writes product_coverage (a status per chapter) and
product_completeness (one verdict per series, reporter, partner, flow and year, with what is missing and why),
and the app reads both, so an incomplete year is marked wherever it is drawn and never preferred.

Two checks decide, both from the data alone:

* **Truncation.** A year whose last heading comes early, where the series' other years have material trade
  (≥ TAIL_SHARE of their value) in the headings after it, is cut short: UN Comtrade's Kazakhstan records for
  2020–2022 stop at heading 7202 (exports to China) and 7205 (imports from China).
* **Published total.** Where Kazakhstan's statistics bureau published the same flow's total (trade_annual,
  series kz_bns), a series whose all-goods total is below MIN_SHARE_OF_PUBLISHED of it is short.
"""

from __future__ import annotations

import pandas as pd

from kzcn import fmt, i18n
from kzcn.i18n import _, ngettext, pgettext
from kzcn.schemas import COMPLETE_SERIES, GAP_STATUSES, PRODUCT_COMPLETENESS, PRODUCT_COVERAGE, TOTAL

TAIL_SHARE = 0.01  # other years' share of value after a year's last heading that marks that year as cut short
MIN_SHARE_OF_PUBLISHED = 0.95  # below this share of the bureau's own total, a year's detail is short
PUBLISHED_SERIES = "kz_bns"
# Series that are a reporter's own customs records, so comparable with its published total (BACI is reconciled).
CHECKED_SERIES = ("comtrade", "comtrade_api", "wits_hs4")
# Series that are downloads of the same UN Comtrade records (by chapter, or by heading as WITS serves them): where one
# stops at a heading, another's total of that year is short for the same reason (shared/data/README: the 2020–2022
# gap is in UN Comtrade itself, and WITS's yearly totals equal the Comtrade extract's).
SAME_RECORDS = ("comtrade", "comtrade_api", "wits_hs4")
GROUP = ["series", "reporter", "partner", "flow"]
COVERAGE_COLUMNS = list(PRODUCT_COVERAGE.names)
COMPLETENESS_COLUMNS = list(PRODUCT_COMPLETENESS.names)


def truncations(headings: pd.DataFrame, *, tail_share: float = TAIL_SHARE) -> dict[tuple, str]:
    """(series, reporter, partner, flow, year) → the last heading of a year cut short (see the module's doc)."""
    cuts: dict[tuple, str] = {}
    for key, rows in headings.groupby(GROUP, sort=True):
        by_year = {int(y): g for y, g in rows.groupby("year")}
        for year, g in by_year.items():
            last = g["hs_heading"].max()
            others = rows[rows["year"] != year]
            total = float(others["value_usd"].sum())
            after = float(others.loc[others["hs_heading"] > last, "value_usd"].sum())
            if total > 0 and after / total >= tail_share:
                cuts[(*key, year)] = last
    return cuts


def _chapter_statuses(present: set[str], series: str, had: set[str], all_chapters: list[str],
                      cut: str | None, short_from: str | None) -> dict[str, str]:
    """Each chapter's status in one year of one series (see kzcn.schemas.COVERAGE_STATUSES)."""
    out = {}
    for ch in all_chapters:
        if cut is not None and ch != TOTAL and ch >= cut[:2] and (ch in present or ch in had):
            out[ch] = "incomplete_in_source" if ch in present else "missing_in_source"
        elif short_from is not None and ch != TOTAL and ch >= short_from[:2] and ch in present:
            out[ch] = "incomplete_in_source"
        elif ch in present:
            out[ch] = "available"
        elif series in COMPLETE_SERIES:
            out[ch] = "none_recorded"
        elif ch in had:
            out[ch] = "missing_in_download"
        else:
            out[ch] = "not_downloaded"
    return out


def _sibling_cut(cuts: dict[tuple, str], series: str, reporter: str, partner: str, flow: str, year: int
                 ) -> tuple[str, str, bool] | None:
    """(partner, cut, same series?) where the records a short year comes from stop, if they stop anywhere:
    - the same series with one partner, for a World row: trade with the World holds trade with each partner, so
      where those records stop, the World's are short too (never the other way round);
    - else another download of the same records (SAME_RECORDS: UN Comtrade's chapters, WITS's headings) with the
      same partner, or with any one partner for a World row."""
    if partner == "World":
        found = next(((p, c) for (s, r, p, f, y), c in cuts.items()
                      if (s, r, f, y) == (series, reporter, flow, year) and p != "World"), None)
        if found:
            return (*found, True)
    if series not in SAME_RECORDS:
        return None
    return next(((p, c, False) for (s, r, p, f, y), c in cuts.items()
                 if s != series and s in SAME_RECORDS and (r, f, y) == (reporter, flow, year)
                 and (p == partner or (partner == "World" and p != "World"))), None)


def product_coverage(products: pd.DataFrame, headings: pd.DataFrame, chapters: pd.DataFrame,
                     annual: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which year × reporter × partner × flow × chapter each product series has, and why where it has not.

    available: a row exists. none_recorded: the series lists every traded chapter and this one is absent.
    missing_in_source / incomplete_in_source: the year is cut short in the source (truncations), or its total
    is short of the published one and the same year's records with the other partner stop at a heading (then the
    chapters from there on are marked). missing_in_download: the series has this chapter elsewhere but not here.
    not_downloaded: the series never had this chapter (the shipped Comtrade extract has only seven).
    """
    all_chapters = [*chapters["hs_chapter"].tolist(), TOTAL]
    cuts = truncations(headings)
    short = _short(products, annual)
    rows = []
    for (series, reporter, partner, flow), s_rows in products.groupby(GROUP):
        had = set(s_rows["hs_chapter"])  # the chapters this series has for this reporter, partner and flow
        for year, g in s_rows.groupby("year"):
            key = (series, reporter, partner, flow, int(year))
            cut = cuts.get(key)
            sibling = _sibling_cut(cuts, series, reporter, partner, flow, int(year)) if key in short else None
            short_from = sibling[1] if sibling else None
            statuses = _chapter_statuses(set(g["hs_chapter"]), str(series), had, all_chapters, cut, short_from)
            rows.extend({"year": int(year), "reporter": reporter, "partner": partner, "flow": flow,
                         "series": series, "hs_chapter": ch, "status": st} for ch, st in statuses.items())
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


def _published(annual: pd.DataFrame | None) -> dict[tuple, float]:
    """(reporter, partner, flow, year) → the bureau's published total (its newest workbook where it gives two)."""
    if annual is None or annual.empty:
        return {}
    rows = annual[(annual["series"] == PUBLISHED_SERIES) & (annual["status"] == "reported")
                  & annual["flow"].isin(["exports", "imports"])]
    rows = rows.sort_values("source_id").groupby(["reporter", "partner", "flow", "year"]).last()
    return {(r, p, f, int(y)): float(v) for (r, p, f, y), v in rows["value_usd"].items()}


def _against_published(products: pd.DataFrame, annual: pd.DataFrame | None) -> dict[tuple, tuple[float, float]]:
    """(series, reporter, partner, flow, year) → (published total, the series' total ÷ it), where both exist."""
    published = _published(annual)
    out = {}
    totals = products[(products["hs_chapter"] == TOTAL) & products["series"].isin(CHECKED_SERIES)]
    for r in totals.itertuples():
        total = published.get((r.reporter, r.partner, r.flow, int(r.year)))
        if total:
            out[(r.series, r.reporter, r.partner, r.flow, int(r.year))] = (total, r.value_usd / total)
    return out


def _short(products: pd.DataFrame, annual: pd.DataFrame | None) -> set[tuple]:
    """The (series, reporter, partner, flow, year) whose total is short of the published one."""
    return {k for k, (_total, share) in _against_published(products, annual).items() if share < MIN_SHARE_OF_PUBLISHED}


def chapter_span(codes: list[str]) -> str:
    """'73–97' for a run of consecutive chapters, else a short list: how a note names missing chapters."""
    if not codes:
        return ""
    nums = sorted(int(c) for c in codes)
    runs, start = [], nums[0]
    for prev, cur in zip(nums, [*nums[1:], None], strict=True):
        if cur != prev + 1:
            runs.append(f"{start:02d}" if start == prev else fmt.commas([f"{start:02d}", f"{prev:02d}"])
                        if prev == start + 1 else f"{start:02d}–{prev:02d}")
            start = cur
    return fmt.commas(runs)  # "01, 02, 05–07"; Chinese "01、02、05–07"


def _amounts(share: float, published: float) -> tuple[str, str]:
    """The share and the published total as a note writes them: in English exactly as the build always has (the
    shipped notes), in another language through kzcn.fmt."""
    if i18n.current() == i18n.DEFAULT:
        return f"{share:.0%}", f"{published / 1e9:,.2f} bn US$"
    return fmt.pct(share * 100, digits=0, signed=False), fmt.usd(published, digits=2)


def _partner_name(partner: str) -> str:
    """A partner of the pair by the reader's locale's name for it (CLDR), else as the data writes it."""
    code = {"China": "CN", "Kazakhstan": "KZ"}.get(partner)
    return i18n.locale().territories.get(code, partner) if code and i18n.current() != i18n.DEFAULT else partner


def _note(series: str, statuses: pd.Series, cut: str | None, share: float | None, published: float | None,
          sibling: tuple[str, str, bool] | None) -> str:
    """Why a year of a series is complete or not, in plain words in the reader's language (the build writes it in
    English into product_completeness; note_of writes it again for a reader)."""
    gaps = statuses[statuses.isin(GAP_STATUSES)].drop(TOTAL, errors="ignore")
    parts = []
    if cut is not None:
        parts.append(_("the source's records stop at heading {heading}: chapters {chapters} are missing or cut "
                       "short in the source itself").format(heading=cut, chapters=chapter_span(sorted(gaps.index))))
    not_dl = sorted(gaps[gaps == "not_downloaded"].index)
    if not_dl:
        held = sorted(statuses[statuses.isin(["available", "missing_in_download", "incomplete_in_source",
                                              "missing_in_source"])].index.difference([TOTAL]))
        parts.append(ngettext("an extract of chapter {chapters} only", "an extract of chapters {chapters} only",
                              len(held)).format(chapters=chapter_span(held))
                     if held else _("no chapter was downloaded"))
    in_dl = sorted(gaps[gaps == "missing_in_download"].index)
    if in_dl:
        parts.append(ngettext("chapter {chapters} is missing from the download this year",
                              "chapters {chapters} are missing from the download this year",
                              len(in_dl)).format(chapters=chapter_span(in_dl)))
    if share is not None and published is not None:
        share_text, total = _amounts(share, published)
        if cut is None and sibling is not None and sibling[2]:
            text = _("its all-goods total is {share} of the {total} Kazakhstan's statistics bureau published; the "
                     "same year's records with {partner} stop at heading {heading}, so chapters {chapters} are "
                     "marked as cut short").format(share=share_text, total=total,
                                                   partner=_partner_name(sibling[0]), heading=sibling[1],
                                                   chapters=chapter_span(sorted(gaps.index)))
        elif cut is None and sibling is not None:
            short = sorted(statuses[statuses == "incomplete_in_source"].index.difference([TOTAL]))
            said = {"share": share_text, "total": total, "partner": _partner_name(sibling[0]), "heading": sibling[1],
                    "chapters": chapter_span(short)}
            text = ngettext(
                "its all-goods total is {share} of the {total} Kazakhstan's statistics bureau published; the same UN "
                "Comtrade records by HS4 heading (World Bank WITS) with {partner} stop at heading {heading}, so "
                "chapter {chapters} is marked as cut short",
                "its all-goods total is {share} of the {total} Kazakhstan's statistics bureau published; the same UN "
                "Comtrade records by HS4 heading (World Bank WITS) with {partner} stop at heading {heading}, so "
                "chapters {chapters} are marked as cut short", len(short)).format(**said) if short else _(
                "its all-goods total is {share} of the {total} Kazakhstan's statistics bureau published; the same UN "
                "Comtrade records by HS4 heading (World Bank WITS) with {partner} stop at heading {heading}"
            ).format(**said)
        elif cut is None:
            text = _("its all-goods total is {share} of the {total} Kazakhstan's statistics bureau published; the "
                     "file does not show which goods are short").format(share=share_text, total=total)
        else:
            text = _("its all-goods total is {share} of the {total} Kazakhstan's statistics bureau "
                     "published").format(share=share_text, total=total)
        parts.append(text)
    if not parts:
        return _("complete: every chapter the source records is here")
    # TRANSLATORS: {reasons}: one or more reasons (clauses), separated by the list separator
    return _("incomplete: {reasons}").format(reasons=pgettext("list separator", "; ").join(parts))


def note_of(key: tuple[str, str, str, str, int], coverage: pd.DataFrame, completeness: pd.DataFrame) -> str:
    """The note of one (series, reporter, partner, flow, year) of product_completeness in the reader's language:
    in English the note the build wrote, in another language written again from the same data (coverage's
    statuses, completeness's cut and share of the published total)."""
    series, reporter, partner, flow, year = key
    rows = completeness[(completeness["reporter"] == reporter) & (completeness["flow"] == flow)
                        & (completeness["year"] == year)]
    row = rows[(rows["series"] == series) & (rows["partner"] == partner)]
    if row.empty:
        return ""
    row = row.iloc[0]
    if i18n.current() == i18n.DEFAULT:
        return str(row["note"])
    return _rebuilt_note(row, rows, coverage)


def _rebuilt_note(row: pd.Series, same_year: pd.DataFrame, coverage: pd.DataFrame) -> str:
    """A completeness row's note written again from the data (the same words as the build's, in any language).
    same_year: every series' rows of the row's reporter, flow and year (where another's records stop)."""
    cov = coverage[(coverage["series"] == row["series"]) & (coverage["reporter"] == row["reporter"])
                   & (coverage["partner"] == row["partner"]) & (coverage["flow"] == row["flow"])
                   & (coverage["year"] == row["year"])]
    statuses = pd.Series(cov["status"].to_numpy(), index=cov["hs_chapter"].to_numpy())
    cut = row["cut_after_heading"] if isinstance(row["cut_after_heading"], str) else None
    share, published = row["share_of_published"], row["published_total_usd"]
    shortfall = share is not None and share == share and share < MIN_SHARE_OF_PUBLISHED
    cuts = {(r.series, r.reporter, r.partner, r.flow, int(r.year)): str(r.cut_after_heading)
            for r in same_year[same_year["cut_after_heading"].notna()].itertuples()}
    sibling = _sibling_cut(cuts, str(row["series"]), row["reporter"], row["partner"], row["flow"], int(row["year"]))
    return _note(str(row["series"]), statuses, cut, share if shortfall else None,
                 published if shortfall else None, sibling)


def completeness(products: pd.DataFrame, headings: pd.DataFrame, coverage: pd.DataFrame,
                 annual: pd.DataFrame | None) -> pd.DataFrame:
    """One row per (series, reporter, partner, flow, year) of trade_products: complete or not, and why."""
    cuts = truncations(headings)
    compared = _against_published(products, annual)
    status = coverage.set_index(["series", "reporter", "partner", "flow", "year", "hs_chapter"])["status"]
    rows = []
    for (series, reporter, partner, flow, year), statuses in status.groupby(level=[0, 1, 2, 3, 4], sort=True):
        statuses = statuses.droplevel([0, 1, 2, 3, 4])
        key = (series, reporter, partner, flow, int(year))
        missing = sorted(statuses[statuses.isin(GAP_STATUSES)].index.difference([TOTAL]))
        published, share = compared.get(key, (None, None))
        cut = cuts.get(key)
        sibling = _sibling_cut(cuts, series, reporter, partner, flow, int(year))
        shortfall = share is not None and share < MIN_SHARE_OF_PUBLISHED
        rows.append({"series": series, "reporter": reporter, "partner": partner, "flow": flow, "year": int(year),
                     "complete": not missing and not shortfall, "missing_chapters": missing,
                     "cut_after_heading": cut, "published_total_usd": published, "share_of_published": share,
                     "note": _note(str(series), statuses, cut, share if shortfall else None,
                                   published if shortfall else None, sibling)})
    return pd.DataFrame(rows, columns=COMPLETENESS_COLUMNS)


def heading_names(names: pd.DataFrame, headings: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """The names list plus every heading the trade data holds that the list lacks (no name, and a note why)."""
    extra = sorted(set(headings["hs_heading"]) - set(names["hs_heading"]))
    if not extra:
        return names
    rows = pd.DataFrame({"hs_heading": extra, "hs_chapter": [c[:2] for c in extra], "heading_name": None,
                         "note": "not in the HS 2022 list: an HS 2012 heading deleted or renumbered since; kzcn "
                                 "gives it no name rather than guess one",
                         "source_id": source_id, "source_locator": "not in the file"})
    return pd.concat([names, rows], ignore_index=True).sort_values("hs_heading", ignore_index=True)


def derive(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """product_coverage and product_completeness from the other datasets (the build and a refresh both call it)."""
    cov = product_coverage(frames["trade_products"], frames["trade_headings"], frames["hs_chapters"],
                           frames["trade_annual"])
    return {"product_coverage": cov,
            "product_completeness": completeness(frames["trade_products"], frames["trade_headings"], cov,
                                                 frames["trade_annual"])}
