"""Data & sources: every dataset as a table, narrowed by the sidebar, each row with its source; CSV and citation.

The shaping (filters, source columns, file name) is kzcn.tables and the notes on method and coverage are
kzcn.method_notes, pure and tested: this page only draws them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kzcn import fmt, method_notes, provenance, tables, ui, views
from kzcn.i18n import N_, _, ngettext

PAGE = ui.PageSpec(__file__, "data", N_("Data & sources"), ":material/table:", position=6,
                   keys={"dataset": tuple(tables.NAMES.values())})  # the picker binds the name shown


def column_config(frame: pd.DataFrame, *, headers: bool = False, dataset: str | None = None) -> dict:
    """Dollars with separators, years as plain integers, URLs as links (only where every cell is a URL).

    headers: the columns are kzcn's own (a coverage table's), shown in the reader's language; a dataset's columns
    are its field names, the CSV's header, and stay as they are.
    dataset: the frame is that dataset's table: every column's header explains it (tables.column_help)."""
    config: dict = {}
    label = _ if headers else str
    helps = tables.column_help(dataset, frame.columns) if dataset else {}
    kinds = tables.column_kinds(frame)
    # A phone shows a wide table's first ~350 px and scrolls the rest sideways, cutting the column at the edge:
    # "$128,110" of $128,110,000 reads whole. Dollars are pinned (with the year that names their row) so they are
    # never the column cut; a desktop shows them beside the year.
    pin = "usd" in kinds.values()
    for column, kind in kinds.items():
        if kind == "usd":
            config[column] = st.column_config.NumberColumn(
                label(column), format=fmt.dollar_column(), pinned=True,
                help=helps.get(column, _("US dollars, current prices, as published.")))
        elif kind in ("year", "count"):
            config[column] = st.column_config.NumberColumn(label(column), format="%d", help=helps.get(column),
                                                           pinned=True if pin and kind == "year" else None)
        elif kind == "link":
            config[column] = st.column_config.LinkColumn(label(column), help=helps.get(column))
    if headers:
        for column in frame.columns:
            config.setdefault(column, st.column_config.Column(_(column)))
    for column, text in helps.items():
        config.setdefault(column, st.column_config.Column(label(column), help=text))
    return config


def show(frame: pd.DataFrame, *, headers: bool = False, dataset: str | None = None, **kwargs) -> None:
    """A table. `headers`: one of kzcn's own tables, its headers and its words (reporters, flows, sectors, series)
    in the reader's language; a dataset is shown as its CSV has it."""
    if headers:
        frame = tables.in_readers_words(frame)
    st.dataframe(frame, hide_index=True, column_config=column_config(frame, headers=headers, dataset=dataset),
                 placeholder=fmt.MISSING, **kwargs)


def esc(value: object) -> str:
    return fmt.md_escape(value)


if __name__ == "__main__":  # run as a page by Streamlit; imported by the entry point for PAGE alone
    data = ui.data()
    f = ui.filters()
    trade, products, sources = data["trade_annual"], data["trade_products"], data["sources"]

    st.title(_("Data & sources"), anchor=False)
    st.markdown(_(
        "Every table behind the dashboard, narrowed by the filters in the sidebar. Each row names its source: the "
        "`source_…` columns give the publisher, title, web page and the date kzcn read it, or, where kzcn did "
        "not read the page itself, where the citation came from. Download exactly the rows "
        "shown, and cite them with the line below the table."
    ))

    # the picker binds the dataset's name, shown (and carried in the link) in the reader's language
    name = st.selectbox(_("Dataset"), tuple(tables.NAMES), format_func=lambda n: _(tables.NAMES[n]), key="dataset",
                        bind="query-params", help=_("The link in your address bar keeps the dataset and the filters."))
    view = ui.table_view(name, f)
    st.caption(esc(view.summary()))
    if view.frame.empty and view.total:
        st.info(_("No rows match the sidebar filters. Widen the years or clear the sector and chapters."),
                icon=":material/filter_alt_off:")
    elif name == "refresh_log" and not view.total:
        st.info(_("The refresh log is empty: the shipped data has not been refreshed from the live APIs "
                  "(see “Last refreshed” below)."), icon=":material/history:")
    show(view.frame, dataset=name, key=f"table-{name}")

    left, right = st.columns([1, 3], vertical_alignment="center")
    left.download_button(_("Download these rows (CSV)"), data=lambda: tables.csv_bytes(view.frame),  # made on click
                         file_name=view.file_name, mime="text/csv", icon=":material/download:", on_click="ignore",
                         help=_("The rows and columns shown, source columns included; UTF-8, comma-separated."))
    # TRANSLATORS: the CSV file's name, then how many rows and columns it holds
    right.caption(esc(ngettext("{file}: {rows} rows, {columns} columns.", "{file}: {rows} rows, {columns} columns.",
                               len(view.frame)).format(file=view.file_name, rows=fmt.number(len(view.frame), 0),
                                                       columns=len(view.frame.columns))))

    # what each column means: the headers' tooltips as a list, which is also the downloaded CSV's data dictionary
    if box := ui.lazy_expander(_("Columns of this table"), "about_columns", icon=":material/view_column:"):
        with box:
            st.markdown("\n".join(f"* `{column}`: {text}"
                                   for column, text in tables.column_help(name, view.frame.columns).items()))

    st.markdown(_("**Cite this table**"))
    link = ui.current_link() if st.context.url else ""
    accessed = dt.date.today().isoformat()
    if link:
        citation = _("kzcn — China–Kazakhstan trade and relations dashboard, {table}, accessed {date}, {link}.").format(
            table=view.label, date=accessed, link=link)
    else:
        citation = _("kzcn — China–Kazakhstan trade and relations dashboard, {table}, accessed {date}.").format(
            table=view.label, date=accessed)
    origin = provenance.cite(provenance.source_ids(view.frame), sources, bare=True)
    if origin:
        citation += "\n" + _("Original data: {sources}.").format(sources=origin)
    st.code(citation, language=None, wrap_lines=True)

    # --- notes on method and coverage ------------------------------------------------------------------------------
    st.header(_("About the data"), anchor=False)

    if box := ui.lazy_expander(_("Whose figures: China's customs or Kazakhstan's statistics bureau"), "about_sides"):
        with box:
            st.markdown(_(
                "Every flow of goods between the two countries is counted twice. **China's customs** (GACC) record "
                "China's exports to and imports from Kazakhstan; **Kazakhstan's Bureau of National Statistics** (BNS) "
                "records the reverse. Both reach kzcn directly or through UN Comtrade and IMF DOTS; the `reporter` "
                "column says whose figure a row is.\n\n"
                "The two counts never agree, mostly because importers value goods with freight and insurance (CIF) and "
                "exporters without (FOB), and because of transit, re-exports and unrecorded trade. kzcn keeps each "
                "side as its own series and never joins one side's years to the other's."
            ))
            ui.tab_link("trade", "trade_view", views.TRADE_TABS[1], _("Why the figures differ, year by year"),
                        ":material/arrow_forward:")

    if box := ui.lazy_expander(_("Which series the headline figures use"), "about_series"):
        with box:
            st.markdown(method_notes.preferred_note(trade))
            st.markdown(_("Years each series is used for, computed from the `preferred` column of Annual trade:"))
            show(tables.preferred_years(trade), headers=True)

    if box := ui.lazy_expander(_(method_notes.COVERAGE_TITLE), "about_coverage"):
        with box:
            st.markdown(_("**Annual totals** (Annual trade), by source and reporter:"))
            show(tables.annual_coverage(trade), headers=True)
            st.markdown(_("**By HS chapter** (Trade by HS chapter), by source, reporter and flow:"))
            show(tables.product_coverage_summary(products), headers=True)
            st.markdown(method_notes.partners_note(data["trade_partners"]))
            show(tables.partner_coverage(data["trade_partners"]), headers=True)
            st.page_link(ui.page_path("partners"), label=_("Partners, as each source ranks them"),
                         icon=":material/arrow_forward:")

            notes = method_notes.coverage_notes(trade, products, data["product_coverage"], data["press_figures"])
            st.markdown("\n".join(f"* {n}" for n in notes))

    if box := ui.lazy_expander(_("Events: dates, places and disagreements"), "about_events"):
        with box:
            st.markdown(method_notes.events_note(data["events"]))
            st.page_link(ui.page_path("timeline"), label=_("The events of 2023 on the timeline"),
                         icon=":material/arrow_forward:")

    if box := ui.lazy_expander(_("Sectors: kzcn's grouping of HS chapters"), "about_sectors"):
        with box:
            chapters_table = data["hs_chapters"]
            st.markdown(method_notes.sectors_note(chapters_table))
            show(tables.sector_table(chapters_table), headers=True)

    if box := ui.lazy_expander(_("Last refreshed, and where to download the original files"), "about_refresh"):
        with box:
            latest = tables.latest_refresh(data["refresh_log"], sources)
            if latest.empty:
                st.markdown(_("The shipped data was built from the files listed below; it has not been refreshed from "
                              "the live APIs since."))
            else:
                st.markdown(_("Latest refresh from the live APIs, per source:"))
                show(latest[["refreshed_at", "publisher", "title", "step", "rows", "detail", "source_id"]])
            if note := method_notes.accessed_note(sources):
                st.caption(note)
            st.markdown(_("Each publisher's own download page, and the file kzcn read:"))
            pages = tables.download_pages(sources)
            st.dataframe(pages, hide_index=True, height=35 * (len(pages) + 1) + 3, placeholder=fmt.MISSING,
                         column_order=["publisher", "download_page", "file", "title", "licence", "accessed",
                                       "cited_from"],
                         column_config={
                             # TRANSLATORS: column headers of the table of download pages
                             "publisher": st.column_config.TextColumn(_("publisher"), width="medium"),
                             "download_page": st.column_config.LinkColumn(_("download page"), width="medium"),
                             "file": st.column_config.TextColumn(_("file kzcn read"), width="medium"),
                             "cited_from": st.column_config.TextColumn(_("cited from"), width="large"),
                             "title": st.column_config.TextColumn(_("title"), width="large"),
                             "licence": st.column_config.Column(_("licence")),
                             "accessed": st.column_config.Column(_("accessed"))})
            st.markdown(method_notes.no_download_page(sources))
