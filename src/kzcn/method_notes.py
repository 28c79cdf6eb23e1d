"""The Data & sources page's notes on method and coverage, written from the data.

Every year, count and share in a note is computed here from the frames it describes, so a refresh that adds a
year or a chapter updates the note; the page only draws what these functions return. Notes are Markdown; text
that comes from the data is escaped. They are written in the reader's language (kzcn.i18n), the data's own words
(titles, publishers, dates) as the data has them.
"""

from __future__ import annotations

import pandas as pd

from kzcn import fmt, preferred, tables
from kzcn import partnerviews as pv
from kzcn.i18n import N_, _, ngettext
from kzcn.schemas import TOTAL

FLOWS = {"exports": N_("exports"), "imports": N_("imports")}  # a flow named in a sentence


def _flow(flow: str) -> str:
    return _(FLOWS[flow]) if flow in FLOWS else flow


COVERAGE_TITLE = N_("Coverage: which years and chapters each source holds")  # the page's expander of coverage notes


def preferred_note(trade: pd.DataFrame) -> str:
    """How the headline series is chosen (kzcn.preferred's rules), in the reader's language: the order is read
    from preferred.PREFERENCE and EXCLUDED, and the estimates' years from `trade`, so the text follows the code."""
    def order(reporter: str) -> str:
        # TRANSLATORS: joins series in their order of preference ("UN Comtrade, then IMF DOTS")
        return _(", then ").join(_(tables.SERIES_SHORT[s]) for s in preferred.PREFERENCE[reporter])
    left_out = [y for reporter, series, y in preferred.EXCLUDED if (reporter, series) == ("Kazakhstan", "comtrade")]
    estimates = trade.loc[trade["status"] == "imf_estimate", "year"]
    parts = [
        _("Several publications give the same year, reporter and flow (IMF DOTS, UN Comtrade, Kazakhstan's "
          "statistics bureau, the press). kzcn keeps every row and marks exactly one series per year and reporter as "
          "`preferred`, so a headline line never mixes sources within a year and every point still says where it "
          "comes from. China's and Kazakhstan's figures are never mixed: the choice is made for each reporter."),
        _("For each year, the first series in this order that has both flows with the partner:") + "\n\n" +
        "* " + _("**As China reports:** {order}. Press figures are never preferred.").format(order=order("China")) +
        "\n* " + _("**As Kazakhstan reports:** {order} (the statistics bureau's newest workbook first).").format(
            order=order("Kazakhstan")),
    ]
    if left_out:
        parts.append(_("Kazakhstan's own UN Comtrade figures for {years} are never preferred: they are far below what "
                       "its statistics bureau published for the same years (see “{coverage}”).").format(
            years=tables.year_span(left_out), coverage=_(COVERAGE_TITLE)))
    if not estimates.empty:
        parts.append(_("Only reported figures qualify: IMF estimates ({years}) stay in the tables, flagged, and are "
                       "never preferred.").format(years=tables.year_span(estimates)))
    return "\n\n".join(parts)


def coverage_notes(trade: pd.DataFrame, products: pd.DataFrame, coverage: pd.DataFrame,
                   press_figures: pd.DataFrame) -> list[str]:
    """One Markdown note per source's coverage caveat, in the order a reader needs them; a source that is not
    in the data has no note."""
    notes: list[str] = []
    shipped = products[products["series"] == "comtrade"]
    if not shipped.empty:
        chapters = sorted(c for c in shipped["hs_chapter"].unique() if c != TOTAL)
        notes.append(ngettext(
            "**UN Comtrade's shipped extract** holds {n} chapters ({chapters}) and the all-goods total, {years}, as "
            "each side reported them. Every other chapter, including 27 (oil and gas, the largest flow from "
            "Kazakhstan to China), is `not_downloaded` in Chapter coverage: unknown, never zero.",
            "**UN Comtrade's shipped extract** holds {n} chapters ({chapters}) and the all-goods total, {years}, as "
            "each side reported them. Every other chapter, including 27 (oil and gas, the largest flow from "
            "Kazakhstan to China), is `not_downloaded` in Chapter coverage: unknown, never zero.", len(chapters)
        ).format(n=len(chapters), chapters=fmt.commas(chapters), years=tables.year_span(shipped["year"])))
    ratio = tables.excluded_comtrade_ratio(trade)
    if not ratio.empty:
        imp, exp = ratio[ratio["flow"] == "imports"]["pct_of_bns"], ratio[ratio["flow"] == "exports"]["pct_of_bns"]
        notes.append(_(
            "**Kazakhstan-reported Comtrade figures for {years} are implausibly low**: Kazakhstan's imports from "
            "China there are {imports_low}–{imports_high}% of what BNS itself published for the same years, its "
            "exports {exports_low}–{exports_high}%. They stay in the tables but are never a headline figure "
            "(`preferred` is false)."
        ).format(years=tables.year_span(ratio["year"]), imports_low=fmt.number(imp.min(), 0),
                 imports_high=fmt.number(imp.max(), 0), exports_low=fmt.number(exp.min(), 0),
                 exports_high=fmt.number(exp.max(), 0)))
    missing = tables.missing_in_download(coverage)
    if not missing.empty:
        flows = (missing.groupby(["reporter", "chapter", "years"], sort=False)["flow"].agg(tuple)
                 .rename("flows"))
        grouped = flows.reset_index().groupby(["reporter", "flows", "years"], sort=False)["chapter"].agg(list)
        listing = fmt.semicolons(_missing_item(r, fl, y, cs) for (r, fl, y), cs in grouped.items())
        notes.append(_("**Missing from the Comtrade download** (shown as `missing_in_download`, never as zero): "
                       "{items}.").format(items=fmt.md_escape(listing)))
    baci = products[products["series"] == "baci"]
    if not baci.empty:
        # sorted by their English names, so every language lists them in the same order
        pairs = sorted({(r, fl) for r, fl in zip(baci["reporter"], baci["flow"], strict=True)},
                       key=lambda pair: tables.SIDE_FLOWS.get(pair, f"{pair[0]}'s {pair[1]}"))
        sides = fmt.commas(tables.side_flow(r, fl) for r, fl in pairs)
        chapters = int((baci["hs_chapter"] != TOTAL).sum())
        notes.append(ngettext(
            "**CEPII BACI** covers {years} only, and only {sides} (to China), {n} chapters with trade. BACI "
            "reconciles both sides' reports into FOB-type values that match neither side's customs figures, so it "
            "is shown on its own.",
            "**CEPII BACI** covers {years} only, and only {sides} (to China), {n} chapters with trade. BACI "
            "reconciles both sides' reports into FOB-type values that match neither side's customs figures, so it "
            "is shown on its own.", chapters).format(years=tables.year_span(baci["year"]),
                                                      sides=fmt.md_escape(sides), n=chapters))
    dots = trade[trade["series"] == "imf_dots"]
    if not dots.empty:
        gap = tables.vintage_gap(trade)
        dots_note = _(
            "**IMF DOTS** runs {years}: the workbooks are an early-2022 vintage (copied from a repository commit of "
            "February 2022; see the IMF rows in Sources), so later years and later revisions are not in them."
        ).format(years=tables.year_span(dots["year"]))
        vintage = _(
            "For the same Kazakhstan-reported flow it differs from BNS by {low}–{high}% ({years}): two vintages, "
            "never spliced into one line."
        ).format(low=fmt.number(gap["pct"].abs().min()), high=fmt.number(gap["pct"].abs().max()),
                 years=tables.year_span(gap["year"])) if not gap.empty else ""
        notes.append(fmt.sentences(dots_note, vintage))
    bns = trade[trade["series"] == "kz_bns"]
    if not bns.empty:
        notes.append(_("**BNS** (Kazakhstan's statistics bureau) workbooks cover {years}; where two workbooks give "
                       "the same year, the newest is used.").format(years=fmt.ranges(bns["year"])))
    estimates = trade[trade["status"] == "imf_estimate"]
    if not estimates.empty:
        notes.append(ngettext(
            "**IMF estimates**: {n} rows ({years}) are the IMF's own estimates, not reported figures. They are "
            "flagged `imf_estimate` in `status` and never used as a headline figure.",
            "**IMF estimates**: {n} rows ({years}) are the IMF's own estimates, not reported figures. They are "
            "flagged `imf_estimate` in `status` and never used as a headline figure.", len(estimates)
        ).format(n=len(estimates), years=fmt.ranges(estimates["year"])))
    press_rows = trade[trade["status"] == "press"]
    notes.append(ngettext(
        "**Press figures** ({n} in Press figures, and {totals} totals in Annual trade with status `press`, all "
        "{as_reported}) are rounded, often to 0.1 bn, sometimes preliminary and often reposted. They are labelled "
        "as press and kept apart from the statistical series, never mixed into them.",
        "**Press figures** ({n} in Press figures, and {totals} totals in Annual trade with status `press`, all "
        "{as_reported}) are rounded, often to 0.1 bn, sometimes preliminary and often reposted. They are labelled "
        "as press and kept apart from the statistical series, never mixed into them.", len(press_figures)
    ).format(n=len(press_figures), totals=len(press_rows),
             as_reported=fmt.md_escape(_press_sides(sorted(set(press_rows["reporter"]))))))
    return notes


def _press_sides(reporters: list[str]) -> str:
    """Whose press totals: "as China reports", "as China and Kazakhstan reports" or "as either side reports"."""
    if not reporters:
        return _("as either side reports")
    if len(reporters) == 1:
        return tables.as_reports(reporters[0])
    if reporters == ["China", "Kazakhstan"]:
        return _("as China and Kazakhstan reports")
    return _("as {reporters} reports").format(reporters=" and ".join(reporters))


def _missing_item(reporter: str, flows: tuple[str, ...], years: str, chapters: list[str]) -> str:
    """ "chapters 26, 72 (exports and imports, 2019, as China reports)": chapters missing from one download."""
    fields = {"chapters": fmt.commas(chapters), "flows": fmt.listing([_flow(f) for f in flows]), "years": years}
    n = len(chapters)
    if reporter == "China":
        return ngettext("chapter {chapters} ({flows}, {years}, as China reports)",
                        "chapters {chapters} ({flows}, {years}, as China reports)", n).format(**fields)
    if reporter == "Kazakhstan":
        return ngettext("chapter {chapters} ({flows}, {years}, as Kazakhstan reports)",
                        "chapters {chapters} ({flows}, {years}, as Kazakhstan reports)", n).format(**fields)
    return ngettext("chapter {chapters} ({flows}, {years}, as {reporter} reports)",
                    "chapters {chapters} ({flows}, {years}, as {reporter} reports)", n).format(reporter=reporter,
                                                                                              **fields)


def events_note(events: pd.DataFrame) -> str:
    """How the events were compiled: dates (month-only ones listed), places left empty, disagreements, themes."""
    month_only = events[events["precision"] == "month"]
    no_city, disagreements = int(events["city"].isna().sum()), int(events["disagreement"].notna().sum())
    lines = [
        ngettext("{n} events, {years}, compiled for kzcn from government and news pages; each event lists its own "
                 "source URLs (`source_urls`).",
                 "{n} events, {years}, compiled for kzcn from government and news pages; each event lists its own "
                 "source URLs (`source_urls`).", len(events)
                 ).format(n=len(events), years=tables.year_span(events["start"].str[:4].astype(int))) + "\n",
        "* " + ngettext("**Dates** are ISO 8601. Where only the month is known the date is `YYYY-MM` ({n} events: "
                        "{dates}); no day was made up.",
                        "**Dates** are ISO 8601. Where only the month is known the date is `YYYY-MM` ({n} events: "
                        "{dates}); no day was made up.", len(month_only)
                        ).format(n=len(month_only), dates=fmt.md_escape(fmt.commas(month_only["start"]))),
        "* " + ngettext("**Places**: {n} events have no city because their sources give none; their city and "
                        "coordinates are left empty (nothing was geocoded).",
                        "**Places**: {n} events have no city because their sources give none; their city and "
                        "coordinates are left empty (nothing was geocoded).", no_city).format(n=no_city),
        "* " + ngettext("**Disagreements**: {n} events carry a note saying which source says what, and which date "
                        "kzcn used.",
                        "**Disagreements**: {n} events carry a note saying which source says what, and which date "
                        "kzcn used.", disagreements).format(n=disagreements),
        "* " + _("**Themes** (the ambassador's six) were assigned by the researcher."),
    ]
    return "\n".join(lines)


def sectors_note(chapters: pd.DataFrame) -> str:
    """What kzcn's sectors are: how many chapters in how many sectors, and where chapter 71 sits."""
    sector_of = dict(zip(chapters["hs_chapter"], chapters["sector"], strict=True))
    sectors = int(chapters["sector"].nunique())
    grouping = ngettext(
        "The sector filter groups the {chapters} two-digit HS chapters into {n} sectors made for this dashboard; it "
        "is not an official classification. Every chapter is in exactly one sector.",
        "The sector filter groups the {chapters} two-digit HS chapters into {n} sectors made for this dashboard; it "
        "is not an official classification. Every chapter is in exactly one sector.", sectors
    ).format(chapters=len(chapters), n=sectors)
    precious = ""
    if "71" in sector_of:
        sector = sector_of["71"]
        precious = _("Precious stones and metals (chapter 71) are under {sector}, not with the base metals.").format(
            sector=fmt.md_escape(_(sector)))
    titles = _("Chapter titles follow the Harmonized System (see the HS chapters and sectors table).")
    return fmt.sentences(grouping, precious, titles)


def accessed_note(sources: pd.DataFrame) -> str:
    """When kzcn read the pages it dates, or "" when it dates none."""
    accessed = sorted(set(sources["accessed"].dropna()))
    if not accessed:
        return ""
    if len(accessed) == 1:
        read = _("kzcn read the pages it dates on {date} (the accessed date of each source).").format(
            date=accessed[0])
    else:
        read = _("kzcn read the pages it dates between {first} and {last} (the accessed date of each source).").format(
            first=accessed[0], last=accessed[-1])
    cited = _("Where kzcn did not read a publisher's page itself, accessed is empty and “cited from” says where the "
              "citation came from.")
    return fmt.md_escape(fmt.sentences(read, cited))


def no_download_page(sources: pd.DataFrame) -> str:
    """The sources without one download page, as a Markdown list (press reports counted, not listed)."""
    other = tables.no_download_page(sources)
    press_count = int((sources["kind"] == "press").sum())
    lines = [f"* {fmt.md_escape(row.title)}: {fmt.md_escape(row.download_page)}" for row in other.itertuples()]
    lines.append("* " + ngettext("{n} press reports: each row of Press figures links to its own page.",
                                 "{n} press reports: each row of Press figures links to its own page.",
                                 press_count).format(n=press_count))
    return _("No single download page:") + "\n" + "\n".join(lines)


def partners_note(partners: pd.DataFrame) -> str:
    """The lead-in to the every-partner coverage table: rankings within one workbook, groups never ranked, and
    each source's own EU as its rows describe it."""
    # TRANSLATORS: a source's own EU, e.g. "IMF DOTS's EU of 27 members"; {summary} says what that EU is
    eu = fmt.semicolons(_("{source}'s {summary}").format(source=_(name), summary=pv.eu_summary(partners, s))
                       for s, name in pv.SERIES_NAMES.items())
    table = tables.NAMES["trade_partners"]
    return _("**Every partner** ({table}), by workbook. Ranks and shares are computed within one workbook, never "
             "across them; groups (World, EU, CIS …) are the sources' own and never ranked among countries, and the "
             "two sources' EU differ ({eu}):").format(table=fmt.md_escape(_(table)), eu=fmt.md_escape(eu))
