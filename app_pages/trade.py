"""Trade: each side's exports, imports and balance, the mirror gap explained, and trade by sector.

One tab at a time (bound to the URL as `trade_view`): only the open tab's charts are built and drawn.
"""

from __future__ import annotations

import streamlit as st

from kzcn import charts, fmt, sectors, ui, urlstate, views
from kzcn.coverage import chapter_span

data = ui.data()
f = ui.filters()
names = ui.chapter_names()
sector = f.chosen_sector

st.title("Trade, as each side reports it", anchor=False)
st.caption("China's customs and Kazakhstan's statistics bureau each count the same goods; kzcn shows both, "
           "side by side, and never adds one to the other.")
TOTALS, GAP, SECTORS, SHARE, BACI = views.TRADE_TABS
view, tab = ui.open_tab(views.TRADE_TABS, "trade_view")


def totals_tab() -> None:
    totals = ui.annual_totals(f.reporters, f.years)
    if totals.empty:
        st.info(f"No trade figures for {f.years[0]}–{f.years[1]}.")
        return
    ui.chart(ui.figure(charts.flows_by_reporter, totals, flows=views.flows_for(f.direction, f.reporters),
                       source=ui.caption_for(totals)), key="trade-flows")
    st.caption(f"The two sides' figures differ, sometimes by billions of dollars: “{GAP}” shows by how much, "
               "and why.")


def gap_tab() -> None:
    gap = ui.mirror_gap(f.years)
    if gap.empty:
        st.info("No year in this range has figures from both sides.")
    else:
        ui.chart(ui.figure(charts.mirror_gap, gap, directions=f.directions, source=ui.bilateral_caption(f.years)),
                 key="trade-gap")
        latest = gap[gap["year"] == gap["year"].max()].set_index("direction")
        cols = st.columns(len(latest))
        for col, (direction, row) in zip(cols, latest.iterrows(), strict=True):
            col.metric(f"Goods {direction}, {int(row['year'])}: China's figure minus Kazakhstan's",
                       fmt.usd(row["gap_usd"]), help="China's customs figure minus Kazakhstan's statistics bureau "
                       "figure for the same flow of goods.")
            col.caption(f"China records {fmt.usd(row['china_reported'])}, Kazakhstan "
                        f"{fmt.usd(row['kazakhstan_reported'])} ({fmt.pct(row['gap_pct'])} relative to "
                        "Kazakhstan).")
    chapter_gap_section()
    st.markdown(
        """
Every flow of goods is counted twice, once by each country, and the two counts never agree. The gap is
largest for goods going from China to Kazakhstan. The usual reasons:

* **Valuation.** Importers record goods with cost, insurance and freight (CIF); exporters record them free on
  board (FOB). Imports therefore look larger than the same goods' exports.
* **Transit and re-exports.** Goods that China records as going to Kazakhstan may travel on to Russia or other
  Eurasian Economic Union members, and Kazakhstan may record them under another partner or not at all.
* **Unrecorded and informal trade.** Shuttle trade and under-invoicing at the border crossings reach one
  side's statistics but not the other's.
* **Timing, classification and partner attribution.** Goods shipped in December arrive in January; countries
  assign goods to partners by origin or by consignment.
* **Revisions.** Both offices revise their figures; older publications (IMF DOTS vintages) differ by a few
  percent from current ones.

kzcn therefore never merges the two sides: each chart says whose figures it shows.
"""
    )


def chapter_gap_section() -> None:
    """The gap per HS chapter, wherever both sides fully record the chapter in the year."""
    gap = ui.chapter_gap(f.years)
    gap = gap[gap["direction"].isin(f.directions)]
    if gap.empty:
        return
    st.subheader("The gap, chapter by chapter", anchor=False)
    years = sorted(int(y) for y in gap["year"].unique())
    year = st.select_slider("Year for the chapters", years, value=years[-1], key="gap_year", bind="query-params")
    rows = gap[gap["year"] == year]
    held = chapter_span(sorted(rows["hs_chapter"].unique()))
    ui.chart(ui.figure(charts.chapter_gap_bars, rows, directions=[d for d in f.directions
                                                                  if d in set(rows["direction"])],
                       title=f"Each chapter as each side records it, {year}", source=ui.caption_for(rows)),
             key="trade-chapter-gap")
    st.caption(f"Chapters {held}: the ones both sides' data record in full for {year} (China's shipped UN Comtrade "
               "extract has seven chapters; `kzcn refresh comtrade` adds the rest). A chapter cut short on either "
               "side that year is left out rather than compared.")


def sectors_tab() -> None:
    st.caption("Goods by kzcn sector, HS chapter and four-digit HS heading, as each side's customs records them. "
               "Click a box in a treemap to open it: a chapter opens into its headings. The sidebar narrows the "
               "goods (sector, chapters, headings).")
    goods_years = ui.goods_years(f.years)
    if not goods_years:
        held = ui.goods_years(ui.ALL_YEARS)
        span = f"covers {held[0]}–{held[-1]}" if held else "has no chapter figures"
        st.info(f"No goods by chapter for {f.years[0]}–{f.years[1]}: the data {span}.")
        return
    c1, c2 = st.columns(2)
    year = c1.select_slider("Year for the breakdown", goods_years, value=goods_years[-1], key="tree_year",
                            bind="query-params")
    side_options = list(reversed(urlstate.REPORTER_VIEWS[1:]))  # Kazakhstan's every-heading records first
    side = f.reporter if f.reporter in side_options else c2.radio(
        "Whose figures", side_options, key="tree_side", bind="query-params", horizontal=True,
        help="Kazakhstan's records cover every HS4 heading; China's shipped extract covers seven chapters.")
    reporter = urlstate.reporters_of(side)[0]
    chosen = f.selection
    cols = st.columns(len(f.directions))
    for col, direction in zip(cols, f.directions, strict=True):
        flow = views.direction_flow(direction, reporter)
        shown = ui.goods_breakdown(year=year, reporter=reporter, flow=flow, selection=chosen)
        with col:
            if shown is None or shown.nodes.empty:
                what = "" if chosen.is_all else " for the goods chosen"
                st.info(f"No figures by chapter for goods {direction} in {year} as {reporter} reports{what}.")
                if shown is not None and shown.left_out:
                    st.caption(f"{year} is incomplete in the source: {shown.note}.")
                continue
            if not shown.complete:
                lacking = f" Chosen chapters not drawn: {chapter_span(list(shown.left_out))}." \
                    if shown.left_out and not chosen.is_all else ""
                st.warning(f"{year}, goods {direction}: {shown.note}.{lacking}", icon=":material/warning:")
            ui.chart(ui.figure(charts.goods_treemap, shown.nodes,
                               title=f"Goods {direction}, {year}, as {reporter} reports",
                               source=ui.caption_for(shown.nodes)), key=f"tree-{direction}")
    level = chosen.level()
    for direction in f.directions:
        flow = views.direction_flow(direction, reporter)
        bars, status = ui.goods_over_time(reporter=reporter, flow=flow, selection=chosen, years=f.years)
        if bars.empty:
            st.info(f"No figures by chapter for goods {direction} in {f.years[0]}–{f.years[1]} as {reporter} "
                    "reports for the goods chosen.")
        else:
            ui.chart(ui.figure(charts.goods_bars, bars, status, level=level,
                               title=f"Goods {direction} by {level}, as {reporter} reports",
                               source=ui.caption_for(bars)), key=f"bars-{direction}")
        if note := sectors.years_note(status, selection=chosen):
            st.caption(f"Goods {direction}: {note}")


def share_tab() -> None:
    st.caption("From Kazakhstan's own records (UN Comtrade via WITS, every chapter): China's share of what "
               "Kazakhstan imports and exports, chapter by chapter (trade with China ÷ trade with the World). "
               "2020–2022 are left out: UN Comtrade's records for them are incomplete.")
    for direction in f.directions:
        flow = views.direction_flow(direction, "Kazakhstan")
        share = ui.china_share(flow, f.years)
        what = {"imports": "imports (goods China → Kazakhstan)", "exports": "exports (goods Kazakhstan → China)"}[flow]
        st.subheader(f"China's share of Kazakhstan's {what}", anchor=False)
        years = sorted(int(y) for y in share["year"].unique())
        if not years:
            st.info(f"No complete year of Kazakhstan's records by chapter in {f.years[0]}–{f.years[1]}.")
            continue
        year = st.select_slider("Year", years, value=years[-1], key=f"share_year_{flow}", bind="query-params")
        top = sectors.largest_chapters(share, year=year, sector=sector, names=ui.goods_names())
        if top.empty:
            st.info(f"No chapter of the {sector} sector in {year}.")
            continue
        leaders = top[top["share"] >= 0.5].sort_values("world_usd", ascending=False)
        said = "; ".join(f"{fmt.pct(r.share * 100, signed=False, digits=0)} of chapter {r.hs_chapter}, "
                         f"{charts.short(r.label.split(' ', 1)[1], 50).lower()} ({fmt.usd(r.china_usd)})"
                         for r in leaders.head(4).itertuples())
        if said:
            st.markdown(f"**{year}: China's share is over half** in {said}.")
        ui.chart(ui.figure(charts.share_bars, top, direction=direction,
                           title=f"China's share of Kazakhstan's {flow}, {year}: the {len(top)} largest chapters"
                                 f"{'' if sector is None else ' of ' + sector}",
                           source=ui.caption_for(top)), key=f"share-bars-{flow}")
        order = top.sort_values("world_usd", ascending=False)["hs_chapter"].tolist()
        ui.chart(ui.figure(charts.share_heatmap, share, order, direction=direction,
                           title="Since when: China's share by year",
                           source=ui.caption_for(share[share["hs_chapter"].isin(order)])), key=f"share-map-{flow}")
        if len(years) > 1:
            grown = sectors.growth(share, first=years[0], last=year, chapters=order[:8])
            st.caption(f"Trade with China in the largest chapters, {years[0]} and {year}, and the yearly growth "
                       "between (one series, both years complete):")
            grown = grown.assign(label=grown["label"].map(lambda x: charts.short(x, 28)),
                                 **{c: grown[c] / 1e6 for c in (f"china_{years[0]}", f"china_{year}")})
            st.dataframe(grown.rename(columns={"label": "chapter"}), hide_index=True, column_config={
                "hs_chapter": None, "chapter": st.column_config.TextColumn("chapter", pinned=True),
                f"china_{years[0]}": st.column_config.NumberColumn(f"{years[0]}, US$ m", format="%.1f"),
                f"china_{year}": st.column_config.NumberColumn(f"{year}, US$ m", format="%.1f"),
                f"share_{years[0]}": st.column_config.NumberColumn(f"share {years[0]}", format="percent"),
                f"share_{year}": st.column_config.NumberColumn(f"share {year}", format="percent"),
                "cagr": st.column_config.NumberColumn("growth a year", format="percent")})


def baci_tab() -> None:
    st.caption("Kazakhstan → China, 2021. CEPII's BACI reconciles both sides' reports into one FOB-type value per "
               "product. It is neither side's customs figure, so it is shown on its own and never added to the "
               "series in the other tabs.")
    baci = ui.sector_rows(year=2021, reporter="Kazakhstan", flow="exports", sector=sector, selected=f.chapters,
                          series=views.BACI_SERIES)
    if baci.empty or not (f.years[0] <= 2021 <= f.years[1]):
        st.info("BACI covers 2021 only; widen the year range to include 2021 to see it.")
        return
    ui.chart(ui.figure(charts.sector_treemap, baci,
                       title="Kazakhstan's exports to China by HS chapter, 2021 (BACI, reconciled)",
                       source=ui.caption_for(baci)), key="tree-baci")


with tab:
    {TOTALS: totals_tab, GAP: gap_tab, SECTORS: sectors_tab, SHARE: share_tab, BACI: baci_tab}[view]()
