"""Trade: each side's exports, imports and balance, the mirror gap explained, and trade by sector.

One tab at a time (bound to the URL as `trade_view`): only the open tab's charts are built and drawn.
"""

from __future__ import annotations

import streamlit as st

from kzcn import charts, fmt, ui, views

data = ui.data()
f = ui.filters()
names = ui.chapter_names()
sector = f.chosen_sector

st.title("Trade, as each side reports it", anchor=False)
st.caption("China's customs and Kazakhstan's statistics bureau each count the same goods; kzcn shows both, "
           "side by side, and never adds one to the other.")
TOTALS, GAP, SECTORS, BACI = views.TRADE_TABS
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


def sectors_tab() -> None:
    st.caption("UN Comtrade as each side's customs reported it, by two-digit HS chapter. Goods of chapters the data "
               "does not hold are one labelled remainder, never a sector of their own; the notes below the charts "
               "name the chapters missing.")
    product_years = ui.product_years(f.years)
    if not product_years:
        held = ui.product_years(ui.ALL_YEARS)
        span = f"covers {held[0]}–{held[-1]}" if held else "has no chapter figures"
        st.info(f"No chapter data for {f.years[0]}–{f.years[1]}: the shipped extract {span}.")
        return
    c1, c2 = st.columns(2)
    year = c1.select_slider("Year for the breakdown", product_years, value=product_years[-1], key="tree_year",
                            bind="query-params")
    side_options = ["As China reports", "As Kazakhstan reports"]
    side = f.reporter if f.reporter in side_options else c2.radio(
        "Whose figures", side_options, key="tree_side", bind="query-params", horizontal=True)
    reporter = side.removeprefix("As ").removesuffix(" reports")
    wanted = list(f.chapters) or list(names if sector is None else ui.options().chapters_by_sector.get(sector, ()))
    notes = [(direction, ui.coverage_note(reporter=reporter, flow=views.direction_flow(direction, reporter),
                                          years=f.years, chapters=wanted)) for direction in f.directions]
    series = {direction: ui.sector_series(years=product_years, reporter=reporter,
                                          flow=views.direction_flow(direction, reporter), sector=sector,
                                          selected=f.chapters) for direction in f.directions}
    if (sector or f.chapters) and not any(views.itemised(frame) for frame in series.values()):
        chosen = "the chosen chapters" if f.chapters else f"the {sector} sector"
        st.info(f"The shipped extract has no figures for {chosen} as {reporter} reports, in "
                f"{product_years[0]}–{product_years[-1]}: a chart would show only all other goods. "
                "`kzcn refresh comtrade` fetches every chapter (see Data & sources).", icon=":material/block:")
    else:
        cols = st.columns(len(f.directions))
        for col, direction in zip(cols, f.directions, strict=True):
            flow = views.direction_flow(direction, reporter)
            rows = ui.sector_rows(year=year, reporter=reporter, flow=flow, sector=sector, selected=f.chapters)
            with col:
                if rows.empty:
                    st.info(f"No chapter data for goods {direction} in {year} as {reporter} reports.")
                    continue
                ui.chart(ui.figure(charts.sector_treemap, rows,
                                   title=f"Goods {direction}, {year}, as {reporter} reports",
                                   source=ui.caption_for(rows)), key=f"tree-{direction}")
        for direction, frame in series.items():
            if not frame.empty:
                ui.chart(ui.figure(charts.sector_bars, frame,
                                   title=f"Goods {direction} by sector, as {reporter} reports",
                                   source=ui.caption_for(frame)), key=f"bars-{direction}")
    for direction, note in notes:
        if note:
            st.caption(f"Goods {direction}: {note}")


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
    {TOTALS: totals_tab, GAP: gap_tab, SECTORS: sectors_tab, BACI: baci_tab}[view]()
