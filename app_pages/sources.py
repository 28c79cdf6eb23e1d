"""Data & sources: every dataset as a table, narrowed by the sidebar, each row with its source; CSV and citation.

The shaping (filters, source columns, file name) is kzcn.tables, pure and tested; the notes on method and
coverage below are computed from the data wherever they state a year, a count or a share.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kzcn import fmt, preferred, provenance, tables, ui
from kzcn import partnerviews as pv

data = ui.data()
f = ui.filters()
trade, products, sources = data["trade_annual"], data["trade_products"], data["sources"]


def column_config(frame: pd.DataFrame) -> dict:
    """Dollars with separators, years as plain integers, URLs as links (only where every cell is a URL)."""
    config: dict = {}
    for column, kind in tables.column_kinds(frame).items():
        if kind == "usd":
            config[column] = st.column_config.NumberColumn(column, format="$%,.0f",
                                                           help="US dollars, current prices, as published.")
        elif kind in ("year", "count"):
            config[column] = st.column_config.NumberColumn(column, format="%d")
        elif kind == "link":
            config[column] = st.column_config.LinkColumn(column)
    return config


def show(frame: pd.DataFrame, **kwargs) -> None:
    st.dataframe(frame, hide_index=True, column_config=column_config(frame), placeholder=fmt.MISSING, **kwargs)


def esc(value: object) -> str:
    return fmt.md_escape(value)


st.title("Data & sources", anchor=False)
st.markdown(
    "Every table behind the dashboard, narrowed by the filters in the sidebar. Each row names its source: the "
    "`source_…` columns give the publisher, title, web page and date kzcn read it. Download exactly the rows "
    "shown, and cite them with the line below the table."
)

name = st.selectbox("Dataset", tuple(tables.NAMES), format_func=tables.NAMES.__getitem__, key="dataset",
                    bind="query-params", help="The link in your address bar keeps the dataset and the filters.")
view = ui.table_view(name, f)
st.caption(esc(view.summary()))
if view.frame.empty and view.total:
    st.info("No rows match the sidebar filters. Widen the years or clear the sector and chapters.",
            icon=":material/filter_alt_off:")
elif name == "refresh_log" and not view.total:
    st.info("The refresh log is empty: the shipped data has not been refreshed from the live APIs "
            "(see “Last refreshed” below).", icon=":material/history:")
show(view.frame, key=f"table-{name}")

left, right = st.columns([1, 3], vertical_alignment="center")
left.download_button("Download these rows (CSV)", data=lambda: tables.csv_bytes(view.frame),  # made on click
                     file_name=view.file_name, mime="text/csv", icon=":material/download:", on_click="ignore",
                     help="The rows and columns shown, source columns included; UTF-8, comma-separated.")
right.caption(esc(f"{view.file_name}: {len(view.frame):,} rows, {len(view.frame.columns)} columns."))

st.markdown("**Cite this table**")
link = ui.current_link() if st.context.url else ""
citation = (f"kzcn — China–Kazakhstan trade and relations dashboard, {view.label}, "
            f"accessed {dt.date.today().isoformat()}" + (f", {link}" if link else "") + ".")
origin = provenance.cite(provenance.source_ids(view.frame), sources, bare=True)
if origin:
    citation += f"\nOriginal data: {origin}."
st.code(citation, language=None, wrap_lines=True)

# --- notes on method and coverage ------------------------------------------------------------------------------
st.header("About the data", anchor=False)

if box := ui.lazy_expander("Whose figures: China's customs or Kazakhstan's statistics bureau", "about_sides"):
    with box:
        st.markdown(
            "Every flow of goods between the two countries is counted twice. **China's customs** (GACC) record "
            "China's exports to and imports from Kazakhstan; **Kazakhstan's Bureau of National Statistics** (BNS) "
            "records the reverse. Both reach kzcn directly or through UN Comtrade and IMF DOTS; the `reporter` "
            "column says whose figure a row is.\n\n"
            "The two counts never agree, mostly because importers value goods with freight and insurance (CIF) and "
            "exporters without (FOB), and because of transit, re-exports and unrecorded trade. kzcn keeps each "
            "side as its own series and never joins one side's years to the other's."
        )
        st.page_link("app_pages/trade.py", label="Why the two sides' figures differ, year by year",
                     icon=":material/arrow_forward:")

if box := ui.lazy_expander("Which series the headline figures use", "about_series"):
    with box:
        st.markdown(preferred.__doc__ or "")
        st.markdown("Years each series is used for, computed from the `preferred` column of Annual trade:")
        show(tables.preferred_years(trade))

if box := ui.lazy_expander("Coverage: which years and chapters each source holds", "about_coverage"):
    with box:
        st.markdown("**Annual totals** (Annual trade), by source and reporter:")
        show(tables.annual_coverage(trade))
        st.markdown("**By HS chapter** (Trade by HS chapter), by source, reporter and flow:")
        show(tables.product_coverage_summary(products))
        eu = "; ".join(f"{name}'s {pv.eu_summary(data['trade_partners'], s)}" for s, name in pv.SERIES_NAMES.items())
        st.markdown(f"**Every partner** ({esc(tables.NAMES['trade_partners'])}), by workbook. Ranks and shares "
                    "are computed within one workbook, never across them; groups (World, EU, CIS …) are the "
                    f"sources' own and never ranked among countries, and the two sources' EU differ ({esc(eu)}):")
        show(tables.partner_coverage(data["trade_partners"]))
        st.page_link("app_pages/partners.py", label="Kazakhstan's partners, as each source ranks them",
                     icon=":material/arrow_forward:")

        notes: list[str] = []
        shipped = products[products["series"] == "comtrade"]
        if not shipped.empty:
            chapters = sorted(c for c in shipped["hs_chapter"].unique() if c != "TOTAL")
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
        missing = tables.missing_in_download(data["product_coverage"])
        if not missing.empty:
            flows = (missing.groupby(["reporter", "chapter", "years"], sort=False)["flow"].agg(" and ".join)
                     .rename("flows"))
            grouped = flows.reset_index().groupby(["reporter", "flows", "years"], sort=False)["chapter"].agg(list)
            listing = "; ".join(f"{'chapters' if len(cs) > 1 else 'chapter'} {', '.join(cs)} "
                                f"({fl}, {y}, as {r} reports)" for (r, fl, y), cs in grouped.items())
            notes.append(f"**Missing from the Comtrade download** (shown as `missing_in_download`, never as zero): "
                         f"{esc(listing)}.")
        baci = products[products["series"] == "baci"]
        if not baci.empty:
            sides = ", ".join(sorted({f"{r}'s {fl}" for r, fl in zip(baci["reporter"], baci["flow"], strict=True)}))
            notes.append(
                f"**CEPII BACI** covers {tables.year_span(baci['year'])} only, and only {esc(sides)} (to China), "
                f"{(baci['hs_chapter'] != 'TOTAL').sum()} chapters with trade. BACI reconciles both sides' reports "
                "into FOB-type values that match neither side's customs figures, so it is shown on its own."
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
            notes.append(f"**BNS** (Kazakhstan's statistics bureau) workbooks cover {tables.year_span(bns['year'])}; "
                         "where two workbooks give the same year, the newest is used.")
        estimates = trade[trade["status"] == "imf_estimate"]
        if not estimates.empty:
            notes.append(f"**IMF estimates**: {len(estimates)} rows ({tables.ranges(estimates['year'])}) are the IMF's "
                         "own estimates, not reported figures. They are flagged `imf_estimate` in `status` and never "
                         "used as a headline figure.")
        press_rows = trade[trade["status"] == "press"]
        press_sides = " and ".join(sorted(set(press_rows["reporter"]))) or "either side"
        notes.append(
            f"**Press figures** ({len(data['press_figures'])} in Press figures, and {len(press_rows)} totals in Annual "
            f"trade with status `press`, all as {esc(press_sides)} reports) are rounded, often to 0.1 bn, sometimes "
            "preliminary and often reposted. They are labelled as press and kept apart from the statistical series, "
            "never mixed into them."
        )
        st.markdown("\n".join(f"* {n}" for n in notes))

if box := ui.lazy_expander("Events: dates, places and disagreements", "about_events"):
    with box:
        events = data["events"]
        month_only = events[events["precision"] == "month"]
        st.markdown(
            f"{len(events)} events, {tables.year_span(events['start'].str[:4].astype(int))}, compiled for kzcn from "
            "government and news pages; each event lists its own source URLs (`source_urls`).\n\n"
            f"* **Dates** are ISO 8601. Where only the month is known the date is `YYYY-MM` ({len(month_only)} "
            f"events: {esc(', '.join(month_only['start']))}); no day was made up.\n"
            f"* **Places**: {int(events['city'].isna().sum())} events have no city because their sources give "
            "none; their city and coordinates are left empty (nothing was geocoded).\n"
            f"* **Disagreements**: {int(events['disagreement'].notna().sum())} events carry a note saying which "
            "source says what, and which date kzcn used.\n"
            "* **Themes** (the ambassador's six) were assigned by the researcher."
        )
        st.page_link("app_pages/timeline.py", label="The events of 2023 on the timeline",
                     icon=":material/arrow_forward:")

if box := ui.lazy_expander("Sectors: kzcn's grouping of HS chapters", "about_sectors"):
    with box:
        chapters_table = data["hs_chapters"]
        sector_of = dict(zip(chapters_table["hs_chapter"], chapters_table["sector"], strict=True))
        precious = (f" Precious stones and metals (chapter 71) are under {esc(sector_of['71'])}, not with the base "
                    "metals." if "71" in sector_of else "")
        st.markdown(
            f"The sector filter groups the {len(chapters_table)} two-digit HS chapters into "
            f"{chapters_table['sector'].nunique()} sectors made for this dashboard; it is not an official "
            f"classification. Every chapter is in exactly one sector.{precious} Chapter titles follow the Harmonized "
            "System (see the HS chapters and sectors table)."
        )
        show(tables.sector_table(chapters_table))

if box := ui.lazy_expander("Last refreshed, and where to download the original files", "about_refresh"):
    with box:
        latest = tables.latest_refresh(data["refresh_log"], sources)
        if latest.empty:
            st.markdown("The shipped data was built from the files listed below; it has not been refreshed from the "
                        "live APIs since.")
        else:
            st.markdown("Latest refresh from the live APIs, per source:")
            show(latest[["refreshed_at", "publisher", "title", "step", "rows", "detail", "source_id"]])
        accessed = sorted(set(sources["accessed"].dropna()))
        if accessed:
            when = accessed[0] if len(accessed) == 1 else f"between {accessed[0]} and {accessed[-1]}"
            st.caption(esc(f"kzcn read its sources {'on ' if len(accessed) == 1 else ''}{when} "
                           "(the accessed date of each source)."))
        st.markdown("Each publisher's own download page, and the file kzcn read:")
        pages = tables.download_pages(sources)
        st.dataframe(pages, hide_index=True, height=35 * (len(pages) + 1) + 3, placeholder=fmt.MISSING,
                     column_order=["publisher", "download_page", "file", "title", "licence", "accessed"],
                     column_config={"publisher": st.column_config.TextColumn(width="medium"),
                                    "download_page": st.column_config.LinkColumn("download page", width="medium"),
                                    "file": st.column_config.TextColumn("file kzcn read", width="medium"),
                                    "title": st.column_config.TextColumn(width="large")})
        other = tables.no_download_page(sources)
        press_count = int((sources["kind"] == "press").sum())
        lines = [f"* {esc(row.title)}: {esc(row.download_page)}" for row in other.itertuples()]
        lines.append(f"* {press_count} press reports: each row of Press figures links to its own page.")
        st.markdown("No single download page:\n" + "\n".join(lines))
