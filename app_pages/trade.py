"""Trade: each side's exports, imports and balance, the mirror gap explained, and trade by sector.

One tab at a time (bound to the URL as `trade_view`): only the open tab's charts are built and drawn.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kzcn import charts, fmt, i18n, sectors, tables, ui, urlstate, views
from kzcn.coverage import chapter_span
from kzcn.i18n import N_, _, ngettext

# The tabs. Only the open tab's charts are built and sent (lazy tabs bound to the URL), so the page draws one chart
# first instead of all of them (docs/performance.md). English in the code; shown, and carried by a link, in the
# reader's language (ui.open_tab).
TOTALS, GAP, SECTORS, SHARE, BACI = TABS = views.TRADE_TABS
PAGE = ui.PageSpec(
    __file__, "trade", N_("Trade"), ":material/swap_horiz:", position=2,
    choice=ui.ViewChoice("trade_view", {  # the shared filters each tab applies: the sidebar shows only these
        TOTALS: ("years", "direction", "reporter"),
        GAP: ("years", "direction"),  # the mirror gap sets both sides' figures against each other
        # whose figures: the tab's own choice beside its charts (one side at a time: the sidebar's "both" did not
        # apply here, and the sidebar said "both" over one side's treemaps)
        SECTORS: ("years", "sector", "chapters", "headings", "direction"),
        SHARE: ("years", "sector", "direction"),  # Kazakhstan's own records: China ÷ World per chapter
        BACI: ("years", "sector", "chapters"),  # BACI 2021: Kazakhstan's exports as its importers report them
    }, tabs=True),
    keys={"tree_year": None, "tree_side": urlstate.REPORTER_VIEWS[1:],  # the sector tab's year and whose figures
          "share_year_imports": None, "share_year_exports": None,  # China's share: the year of each flow's bars
          "gap_year": None})  # the year of the gap per chapter


def totals_tab() -> None:
    totals = ui.annual_totals(f.reporters, f.years)
    if totals.empty:
        st.info(_("No trade figures for {first}–{last}.").format(first=f.years[0], last=f.years[1]))
        return
    ui.chart(ui.figure(charts.flows_by_reporter, totals, flows=views.flows_for(f.direction, f.reporters),
                       source=ui.caption_for(totals)), key="trade-flows")
    # TRANSLATORS: {tab} is the name of the tab "Why the figures differ"
    st.caption(_("The two sides' figures differ, sometimes by billions of dollars: “{tab}” shows by how much, "
                 "and why.").format(tab=_(GAP)))


def gap_tab() -> None:
    gap = ui.mirror_gap(f.years)
    if gap.empty:
        st.info(_("No year in this range has figures from both sides."))
    else:
        ui.chart(ui.figure(charts.mirror_gap, gap, directions=f.directions, source=ui.bilateral_caption(f.years)),
                 key="trade-gap")
        latest = gap[gap["year"] == gap["year"].max()].set_index("direction")
        cols = st.columns(len(latest))
        for col, (direction, row) in zip(cols, latest.iterrows(), strict=True):
            # TRANSLATORS: a figure's label, one line on a phone: the help and the line below say what the gap is
            col.metric(_("Gap, goods {direction}, {year}").format(
                           direction=_(direction), year=int(row["year"])),
                       fmt.usd(row["gap_usd"]), help=_("China's customs figure minus Kazakhstan's statistics "
                                                       "bureau figure for the same flow of goods."))
            col.caption(_("China records {china}, Kazakhstan {kazakhstan} ({gap} relative to Kazakhstan).").format(
                china=fmt.usd(row["china_reported"]), kazakhstan=fmt.usd(row["kazakhstan_reported"]),
                gap=fmt.pct(row["gap_pct"])))
    chapter_gap_section()
    st.markdown(why_the_figures_differ())


def why_the_figures_differ() -> str:
    """The reasons for the mirror gap, as markdown: one message per paragraph and per reason (the line breaks
    inside a message are the markdown source's and show as spaces)."""
    reasons = [
        _("**Valuation.** Importers record goods with cost, insurance and freight (CIF); exporters record them free "
          "on\n  board (FOB). Imports therefore look larger than the same goods' exports."),
        _("**Transit and re-exports.** Goods that China records as going to Kazakhstan may travel on to Russia or "
          "other\n  Eurasian Economic Union members, and Kazakhstan may record them under another partner or not at "
          "all."),
        _("**Unrecorded and informal trade.** Shuttle trade and under-invoicing at the border crossings reach one"
          "\n  side's statistics but not the other's."),
        _("**Timing, classification and partner attribution.** Goods shipped in December arrive in January; "
          "countries\n  assign goods to partners by origin or by consignment."),
        _("**Revisions.** Both offices revise their figures; older publications (IMF DOTS vintages) differ by a few"
          "\n  percent from current ones."),
    ]
    intro = _("Every flow of goods is counted twice, once by each country, and the two counts never agree. The gap "
              "is\nlargest for goods going from China to Kazakhstan. The usual reasons:")
    closing = _("kzcn therefore never merges the two sides: each chart says whose figures it shows.")
    return "\n" + intro + "\n\n" + "\n".join("* " + reason for reason in reasons) + "\n\n" + closing + "\n"


def chapter_gap_section() -> None:
    """The gap per HS chapter, wherever both sides fully record the chapter in the year."""
    gap = ui.chapter_gap(f.years)
    gap = gap[gap["direction"].isin(f.directions)]
    if gap.empty:
        return
    st.subheader(_("The gap, chapter by chapter"), anchor=False)
    years = sorted(int(y) for y in gap["year"].unique())
    year = ui.year_choice(_("Year for the chapters"), years, "gap_year")
    rows = gap[gap["year"] == year]
    held = chapter_span(sorted(rows["hs_chapter"].unique()))
    ui.chart(ui.figure(charts.chapter_gap_bars, rows, directions=[d for d in f.directions
                                                                  if d in set(rows["direction"])],
                       title=_("Each chapter as each side records it, {year}").format(year=year),
                       source=ui.caption_for(rows)),
             key="trade-chapter-gap")
    named = fmt.semicolons(charts.short(label, 34) for label in rows.drop_duplicates("hs_chapter")
                           .sort_values("hs_chapter")["label"])
    st.caption(_("Chapters {chapters}: the ones both sides' data record in full for {year} (kzcn's copy of China's "
                 "figures by chapter, from UN Comtrade, holds seven chapters). A chapter cut short on either side that "
                 "year is left out rather than compared.").format(chapters=held, year=year) + " " +
               # TRANSLATORS: {names}: the chapters drawn, each with its number and name, separated by semicolons
               _("Each panel has its own scale. The chapters: {names}.").format(names=named))


def sectors_tab() -> None:
    st.caption(_("Goods by kzcn sector, HS chapter and four-digit HS heading, as each side's customs records them. "
                 "Click a sector or a chapter in a treemap to open it: it becomes the sidebar's choice for the whole "
                 "tab, so the page's link keeps it, and a chapter opens into its headings. To go back up, click the "
                 "box along the top of the treemap (the sector or chapter opened), or change the sector and HS "
                 "chapters in the sidebar.") + " " +
               # TRANSLATORS: {share}: a percentage; {example}: a box's name, as "12 smaller chapters"
               _("Chapters or headings under {share} of the goods shown share one paler box, “{example}”; click it "
                 "to open them.").format(share=fmt.pct(sectors.SMALL_BOX_SHARE * 100, signed=False),
                                         example=sectors.grouped_label("chapter", 12)))
    goods_years = ui.goods_years(f.years)
    if not goods_years:
        held = ui.goods_years(ui.ALL_YEARS)
        if held:
            st.info(_("No goods by chapter for {first}–{last}: the data covers {held_first}–{held_last}.").format(
                first=f.years[0], last=f.years[1], held_first=held[0], held_last=held[-1]))
        else:
            st.info(_("No goods by chapter for {first}–{last}: the data has no chapter figures.").format(
                first=f.years[0], last=f.years[1]))
        return
    notices = st.container()  # a link's notice, above the choices at full width
    c1, c2 = st.columns(2)
    year = ui.year_choice(_("Year for the breakdown"), goods_years, "tree_year", where=c1, notice_at=notices)
    side_options = list(reversed(urlstate.REPORTER_VIEWS[1:]))  # Kazakhstan's every-heading records first
    side = c2.radio(
        # TRANSLATORS: the label of a choice between China's figures and Kazakhstan's
        _("Whose figures"), side_options, key="tree_side", bind="query-params", horizontal=True,
        format_func=i18n.translator(),
        help=_("Kazakhstan's records cover every HS4 heading; China's shipped extract covers seven chapters."))
    reporter = urlstate.reporters_of(side)[0]
    if reporter == "Kazakhstan":  # "as Kazakhstan reports" is the bureau's totals on the first tab
        c2.caption(_("Kazakhstan's records by heading, as UN Comtrade publishes them (via WITS): their totals are "
                     "not the statistics bureau's headline figures on the first tab and can differ from them."))
    chosen = f.selection
    cols = st.columns(len(f.directions))
    for col, direction in zip(cols, f.directions, strict=True):
        flow = views.direction_flow(direction, reporter)
        shown = ui.goods_breakdown(year=year, reporter=reporter, flow=flow, selection=chosen)
        with col:
            if shown is None or shown.nodes.empty:
                if chosen.is_all:
                    nothing = views.as_reported(
                        reporter, _("No figures by chapter for goods {direction} in {year} as China reports."),
                        _("No figures by chapter for goods {direction} in {year} as Kazakhstan reports."))
                else:
                    nothing = views.as_reported(
                        reporter,
                        _("No figures by chapter for goods {direction} in {year} as China reports for the goods "
                          "chosen."),
                        _("No figures by chapter for goods {direction} in {year} as Kazakhstan reports for the goods "
                          "chosen."))
                st.info(nothing.format(direction=_(direction), year=year))
                if shown is not None and shown.left_out:
                    # (the note starts "incomplete: …": "2021 is incomplete in the source: incomplete: …" said it twice)
                    st.caption(_("{year}, goods {direction}: {note}.").format(year=year, direction=_(direction),
                                                                            note=shown.note))
                continue
            if not shown.complete:
                if shown.left_out and not chosen.is_all:
                    warning = _("{year}, goods {direction}: {note}. Chosen chapters not drawn: {chapters}.").format(
                        year=year, direction=_(direction), note=shown.note,
                        chapters=chapter_span(list(shown.left_out)))
                else:
                    warning = _("{year}, goods {direction}: {note}.").format(year=year, direction=_(direction),
                                                                           note=shown.note)
                st.warning(warning, icon=":material/warning:")
            title = views.as_reported(reporter, _("Goods {direction}, {year}, as China reports"),
                                _("Goods {direction}, {year}, as Kazakhstan reports"))
            drawn = ui.derived(sectors.boxes, shown.nodes)  # boxes too small to read: one per sector or chapter
            ui.chart(ui.figure(charts.goods_treemap, drawn,
                               title=title.format(direction=_(direction), year=year),
                               source=ui.caption_for(shown.nodes)), key=f"tree-{direction}",
                     on_click=ui.drills_treemap(f"tree-{direction}", chosen, ui.goods_names().sector_of, drawn))
    level = chosen.level()
    for direction in f.directions:
        flow = views.direction_flow(direction, reporter)
        bars, status = ui.goods_over_time(reporter=reporter, flow=flow, selection=chosen, years=f.years)
        if bars.empty:
            nothing = views.as_reported(
                reporter,
                _("No figures by chapter for goods {direction} in {first}–{last} as China reports for the goods "
                  "chosen."),
                _("No figures by chapter for goods {direction} in {first}–{last} as Kazakhstan reports for the "
                  "goods chosen."))
            st.info(nothing.format(direction=_(direction), first=f.years[0], last=f.years[1]))
        else:
            totals = (sectors.totals_beside_cut_years(data["trade_annual"], bars, status, reporter=reporter,
                                                      flow=flow) if chosen.is_all else None)
            ui.chart(ui.figure(charts.goods_bars, bars, status, level=level,
                               title=views.goods_bars_title(level, reporter).format(direction=_(direction)),
                               source=ui.caption_for(bars, *([] if totals is None else [totals])),
                               totals=totals, totals_name=totals_name(totals)), key=f"bars-{direction}")
        if note := sectors.years_note(status, selection=chosen):
            # TRANSLATORS: {direction}: a direction of goods ("China → Kazakhstan"); {note}: which years are incomplete
            st.caption(_("Goods {direction}: {note}").format(direction=_(direction), note=note))


def totals_name(totals: pd.DataFrame | None) -> str:
    """The legend's name for another series' all-goods figure beside cut years ("…: another source")."""
    if totals is None or totals.empty:
        return ""
    series = fmt.commas(dict.fromkeys(tables.series_short(s) for s in totals["series"]))
    # TRANSLATORS: a legend entry: a dash at the all-goods total a year's cut bar lacks, from another series
    return _("All goods, from {series}: another source").format(series=series)


def share_tab() -> None:
    st.caption(_("From Kazakhstan's own records (UN Comtrade via WITS, every chapter): China's share of what "
                 "Kazakhstan imports and exports, chapter by chapter (trade with China ÷ trade with the World). "
                 "2020–2022 are left out: UN Comtrade's records for them are incomplete."))
    for direction in f.directions:
        flow = views.direction_flow(direction, "Kazakhstan")
        heading = {"imports": _("China's share of Kazakhstan's imports (goods China → Kazakhstan)"),
                   "exports": _("China's share of Kazakhstan's exports (goods Kazakhstan → China)")}[flow]
        st.subheader(heading, anchor=False)
        years = ui.china_share_years(flow, f.years)
        if not years:
            st.info(_("No complete year of Kazakhstan's records by chapter in {first}–{last}.").format(
                first=f.years[0], last=f.years[1]))
            continue
        # TRANSLATORS: the label of a slider that picks one year
        year = ui.year_choice(_("Year"), years, f"share_year_{flow}")
        shown = ui.china_share_year(flow, f.years, year, sector)
        if shown.top.empty:
            st.info(_("No chapter of the {sector} sector in {year}.").format(sector=_(str(sector)), year=year))
            continue
        if shown.leaders:
            st.markdown(over_half(year, shown.leaders))
        ui.chart(ui.figure(charts.share_bars, shown.top, direction=direction,
                           title=share_title(flow, year, len(shown.top)), source=shown.top_source),
                 key=f"share-bars-{flow}")
        # the heat map's rows in the bars' order, so that a chapter stands at the same height in both
        ui.chart(ui.figure(charts.share_heatmap, shown.history, shown.top["hs_chapter"].tolist(), direction=direction,
                           title=_("Since when: China's share by year"), source=shown.history_source),
                 key=f"share-map-{flow}")
        if (grown := shown.growth) is not None:
            st.caption(_("Trade with China in the largest chapters, {first} and {last}, and the yearly growth "
                         "between (one series, both years complete):").format(first=years[0], last=year))
            grown = grown.assign(label=grown["label"].map(lambda x: charts.short(x, 28)))
            # TRANSLATORS: a column header: an HS chapter of goods
            chapter = _("chapter")
            # TRANSLATORS: a column header: the value of trade with China in a year (each cell names its unit)
            with_china = _("with China {year}")
            # TRANSLATORS: a column header: China's share of the chapter's trade in a year
            share_in = _("share {year}")
            # TRANSLATORS: a column header: growth a year on average between the two years
            growth = _("growth a year")
            first, last = f"china_{years[0]}", f"china_{year}"
            table = ui.table_numbers(grown.rename(columns={"label": "chapter"}), {
                **dict.fromkeys((first, last), fmt.usd),  # as the text writes dollars: $1.4 bn, US$14.0亿
                **dict.fromkeys((f"share_{years[0]}", f"share_{year}"), lambda v: fmt.pct(v * 100, signed=False)),
                "cagr": lambda v: fmt.pct(v * 100)})
            st.dataframe(table, hide_index=True, column_config={
                "hs_chapter": None, "chapter": st.column_config.TextColumn(chapter, pinned=True),
                first: st.column_config.NumberColumn(with_china.format(year=years[0])),
                last: st.column_config.NumberColumn(with_china.format(year=year)),
                f"share_{years[0]}": st.column_config.NumberColumn(share_in.format(year=years[0])),
                f"share_{year}": st.column_config.NumberColumn(share_in.format(year=year)),
                "cagr": st.column_config.NumberColumn(growth)})


def over_half(year: int, leaders: list[tuple[float, str, str, float]]) -> str:
    """The chapters where China's share is over half, largest share first, one line each: its name whole, China's
    share and the trade with China (a list, as some names hold a semicolon), the share by fmt.share_pct."""
    # TRANSLATORS: one line of a list: a chapter of goods, its name, China's share of it and the value of the trade
    # with China in it
    item = _("Chapter {chapter}, {name}: {share} ({value})")
    lines = "".join(
        "\n- " + fmt.md_escape(item.format(
            chapter=chapter, name=name[:1].lower() + name[1:], value=fmt.usd(china_usd),
            share=fmt.share_pct(part)))
        for part, chapter, name, china_usd in leaders)
    return ngettext("**{year}: China's share is over half** in {n} chapter of those below:",
                    "**{year}: China's share is over half** in {n} chapters of those below:",
                    len(leaders)).format(year=year, n=len(leaders)) + lines


def share_title(flow: str, year: int, count: int) -> str:
    """The title of the bars of China's share: the flow, the year, how many chapters and, if chosen, the sector."""
    # English keeps one form ("the 1 largest chapters"), as it always has; other languages choose theirs
    if sector is None:
        text = {"imports": ngettext("China's share of Kazakhstan's imports, {year}: the {n} largest chapters",
                                    "China's share of Kazakhstan's imports, {year}: the {n} largest chapters", count),
                "exports": ngettext("China's share of Kazakhstan's exports, {year}: the {n} largest chapters",
                                    "China's share of Kazakhstan's exports, {year}: the {n} largest chapters",
                                    count)}[flow]
        return text.format(year=year, n=count)
    text = {"imports": ngettext("China's share of Kazakhstan's imports, {year}: the {n} largest chapters of {sector}",
                                "China's share of Kazakhstan's imports, {year}: the {n} largest chapters of {sector}",
                                count),
            "exports": ngettext("China's share of Kazakhstan's exports, {year}: the {n} largest chapters of {sector}",
                                "China's share of Kazakhstan's exports, {year}: the {n} largest chapters of {sector}",
                                count)}[flow]
    return text.format(year=year, n=count, sector=_(sector))


def baci_tab() -> None:
    st.caption(_("Kazakhstan → China, 2021. CEPII's BACI reconciles both sides' reports into one FOB-type value per "
                 "product. It is neither side's customs figure, so it is shown on its own and never added to the "
                 "series in the other tabs."))
    baci = ui.sector_rows(year=2021, reporter="Kazakhstan", flow="exports", sector=sector, selected=f.chapters,
                          series=views.BACI_SERIES)
    if baci.empty or not (f.years[0] <= 2021 <= f.years[1]):
        st.info(_("BACI covers 2021 only; widen the year range to include 2021 to see it."))
        return
    held = set(baci.loc[~baci["is_remainder"].astype(bool), "hs_chapter"])
    absent = [c for c in f.chapters if c not in held]
    if not held:  # only the remainder: BACI lists no flow of the goods chosen (it holds only flows above zero)
        st.info(_("BACI records no exports from Kazakhstan to China in 2021 of the goods chosen."))
        return
    if absent:
        st.caption(_("BACI records no exports from Kazakhstan to China in 2021 in the chosen chapters {chapters}.")
                   .format(chapters=chapter_span(absent)))
    drawn = ui.derived(sectors.boxes, ui.derived(sectors.row_nodes, baci))  # small chapters grouped, as By sector
    ui.chart(ui.figure(charts.goods_treemap, drawn,
                       title=_("Kazakhstan's exports to China by HS chapter, 2021 (BACI, reconciled)"),
                       source=ui.caption_for(baci)), key="tree-baci")


if __name__ == "__main__":  # run as a page by Streamlit; imported by the entry point for PAGE alone
    data = ui.data()
    f = ui.filters()
    names = ui.chapter_names()
    sector = f.chosen_sector

    st.title(_("Trade, as each side reports it"), anchor=False)
    st.caption(_("China's customs and Kazakhstan's statistics bureau each count the same goods; kzcn shows both, "
                 "side by side, and never adds one to the other."))

    view, tab = ui.open_tab(TABS, "trade_view")

    with tab:
        {TOTALS: totals_tab, GAP: gap_tab, SECTORS: sectors_tab, SHARE: share_tab, BACI: baci_tab}[view]()
        if view in (GAP, SECTORS, SHARE, BACI) and (names_note := ui.chapter_names_note()):
            st.caption(names_note)  # where the chapter names shown in this language come from
