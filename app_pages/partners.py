"""Partners: Kazakhstan's largest trading partners as each source counts them, China against Russia, the EU and the
rest, and China's rank among Kazakhstan's partners (and Kazakhstan's among China's).

The flow, whose count and the open tab are bound to the URL (`partners_flow`, `partners_source`, `partners_view`);
the years are the sidebar's. Only the open tab is built. Every rank and share comes from one source (one series and
vintage, kzcn.partners); where two sources hold a year they are shown side by side and their differences said.
"""

from __future__ import annotations

import streamlit as st

from kzcn import charts, fmt, ui, urlstate
from kzcn import partnerviews as pv

f = ui.filters()
spans = ui.partner_spans()


def span(reporter: str, series: str) -> str:
    lo, hi = spans.get((reporter, series), (0, 0))
    return fmt.year_span(lo, hi) if lo else "no years"


DOTS_SPAN, BNS_SPAN = span("Kazakhstan", "imf_dots"), span("Kazakhstan", "kz_bns")

st.title("Kazakhstan's trading partners, as each source counts them", anchor=False)
st.caption(f"China is Kazakhstan's largest trading partner: ahead of whom, since when, in which flows, and by whose "
           f"count? Two series of Kazakhstan's own figures: IMF DOTS ({DOTS_SPAN}, the IMF's early-2022 vintage) and "
           f"Kazakhstan's Bureau of National Statistics, BNS ({BNS_SPAN}). Each rank and share is computed within "
           "one source; where both hold a year they are shown side by side, never spliced into one line.")

left, right = st.columns(2)
flow_choice = left.radio(
    "Flow", pv.FLOW_CHOICES, key="partners_flow", bind="query-params", horizontal=True,
    help="Kazakhstan's exports, its imports, or both added (turnover: only where the source has both flows for "
         "that partner and year).")
source_choice = right.radio(
    "Whose count", pv.SOURCE_CHOICES, key="partners_source", bind="query-params", horizontal=True,
    help=f"IMF DOTS: Kazakhstan's trade as reported to the IMF, {DOTS_SPAN}. BNS: Kazakhstan's statistics bureau, "
         f"{BNS_SPAN}, each year published in two workbooks (the newest is drawn). China's side exists only in "
         "IMF DOTS.")
flow = pv.flow_of(flow_choice)
series = pv.SOURCE_SERIES[source_choice]
flow_words = pv.FLOW_WORDS[flow]
TOP, LINES, SPLIT, RANK = pv.TABS
view, tab = ui.open_tab(pv.TABS, "partners_view")


def no_years(what: str) -> None:
    held = "; ".join(f"{pv.SERIES_NAMES[s]} {span('Kazakhstan', s)}" for s in series)
    st.info(f"No {what} from {fmt.listing([pv.SERIES_NAMES[s] for s in series])} in {f.years[0]}–{f.years[1]}: "
            f"the data covers {held}. Widen the years in the sidebar.")


def pick_year(years: list[int]) -> int:
    """The year of the ranked bars: URL-bound; a linked year the view cannot show gets a notice."""
    asked = ui.link_value("partners_year")
    if asked is not None and asked not in {str(y) for y in years}:
        st.warning(f"Ignored partners_year={urlstate.quote(asked)}: no figures from the source chosen for that year "
                   f"within {f.years[0]}–{f.years[1]}. Showing {years[-1]} instead.", icon=":material/link_off:")
    if len(years) == 1:
        st.caption(f"Year: {years[0]}, the only year the source chosen holds within the years in the sidebar.")
        return years[0]
    return int(st.select_slider("Year for the ranking", years, value=years[-1], key="partners_year",
                                bind="query-params"))


def top_tab() -> None:
    years = ui.partner_years("Kazakhstan", flow, series, f.years)
    if not years:
        no_years("partner figures")
        return
    year = pick_year(years)
    panels = dict(ui.partner_bars(flow, year, series))
    lacking = [s for s in series if s not in panels]
    if lacking:
        st.caption("; ".join(f"{pv.SERIES_NAMES[s]} has no {year} (it covers {span('Kazakhstan', s)})"
                             for s in lacking) + ".")
    widest = max(float(b["share_of_world"].max()) for b in panels.values())
    for col, (s, bars) in zip(st.columns(len(panels)), panels.items(), strict=True):
        with col:
            ui.chart(ui.figure(charts.partner_bars, bars, flow=flow, x_max=widest,
                               title=f"Kazakhstan's top 10 partners, {year}, by share of its {flow_words}, as "
                                     f"{bars['source_label'].iloc[0]} reports",
                               source=ui.caption_for(bars)), key=f"partners-bars-{s}")
            below = bars[bars["beyond_top"]]
            if len(below):
                st.caption(fmt.md_escape(", ".join(f"{n} is {pv.ordinal(int(r))}" for n, r
                                                   in zip(below["name"], below["rank"], strict=True))
                                         + f" of {int(bars['countries'].iloc[0])}: drawn below the top 10."))
    if missing := ui.partner_absences(flow, list(panels), (year, year)):
        st.caption(missing + " It is not ranked that year.")
    comparison(year)
    st.caption(f"How these places changed over the years: “{LINES}”.")


def lines_tab() -> None:
    lines_of = {s: lines for s in series if not (lines := ui.partner_lines(flow, s, f.years)).empty}
    if not lines_of:
        no_years("partner figures")
        return
    st.caption("Each year's place among Kazakhstan's country partners, one chart per source: the top 8 of the last "
               "year shown, with China and Russia always drawn. Hover a point for its share and source.")
    drawn = list(lines_of)
    for col, (s, lines) in zip(st.columns(len(drawn)) if drawn else [], lines_of.items(), strict=True):
        lo, hi = int(lines["year"].min()), int(lines["year"].max())
        with col:
            ui.chart(ui.figure(charts.partner_rank_lines, lines, flow=flow,
                               title=f"Rank by {flow_words}, {fmt.year_span(lo, hi)}: {hi}'s top 8 with China and "
                                     f"Russia, as {pv.SERIES_NAMES[s]} reports",
                               source=ui.caption_for(lines)), key=f"partners-lines-{s}")
    if missing := ui.partner_absences(flow, drawn, f.years):
        st.caption(missing + " Its line has no point there.")
    if "kz_bns" in series:
        vintage_note()


def comparison(year: int) -> None:
    """The top 10 of every source holding the year, side by side, and where they differ, in words."""
    compare = ui.partner_comparison(flow, year, series)
    labels = ui.partner_source_labels()
    sources = [c for c in compare.columns if c != "agree"]
    if len(sources) >= 2:
        st.markdown(f"**{year}: {len(sources)} sources hold this year.** "
                    + fmt.md_escape(pv.comparison_text(compare, labels)))
        table = pv.named_comparison(compare, labels)
        st.dataframe(table, column_config={"same place": st.column_config.CheckboxColumn("same place")},
                     key="partners-compare")
        st.caption("Each column is one source's own ranking of countries (groups such as the EU are never ranked); "
                   "neither is right or wrong, and kzcn never merges them.")
    others = [s for s in pv.SOURCE_SERIES[pv.SOURCE_CHOICES[0]] if s not in series
              and ui.partner_years("Kazakhstan", flow, (s,), (year, year))]
    if others:
        st.caption(f"{fmt.listing([pv.SERIES_NAMES[s] for s in others])} also holds {year}: choose “"
                   f"{pv.SOURCE_CHOICES[0]}” to see both rankings side by side.")


def vintage_note() -> None:
    double, differ = ui.partner_vintages(flow, "kz_bns", f.years)
    if not double:
        return
    said = ("Both copies give the same top 10 in every one of those years." if not differ else
            f"The two copies rank the top 10 differently in {pv.ranges(differ)}: pick that year above to see both.")
    st.caption(f"BNS publishes each year in two workbooks ({pv.ranges(double)} here): a line takes each year from "
               f"the newest workbook. {said}")


def split_tab() -> None:
    frames = {s: ui.partner_split(flow, s, f.years) for s in series}
    shown = [s for s in series if not frames[s].empty]
    if not shown:
        no_years("figures for China, Russia and the EU")
        return
    top = max(float(frames[s]["share_of_world"].max()) for s in shown)
    said = "; ".join(f"{pv.SERIES_NAMES[s]}, {pv.split_summary(frames[s])}" for s in shown)
    st.markdown(f"**Shares of Kazakhstan's {flow_words}** — " + fmt.md_escape(said) + ".")
    cols = st.columns(len(shown))
    for col, s in zip(cols, shown, strict=True):
        rows = frames[s]
        eu = pv.eu_note(rows)
        with col:
            ui.chart(ui.figure(charts.partner_split_lines, rows, y_max=top, flow=flow,
                               title=f"China, Russia, the EU and the rest: shares of Kazakhstan's {flow}, as "
                                     f"{pv.SERIES_NAMES[s]} reports",
                               source=f"{ui.caption_for(rows)} EU as {pv.SERIES_NAMES[s]} defines it: {eu}."),
                     key=f"partners-split-{s}")
            if gaps := ui.partner_split_gaps(flow, s, f.years):
                st.caption(f"Left out, never filled in: {'; '.join(f'{y}, {what}' for y, what in gaps)} from "
                           f"{pv.SERIES_NAMES[s]}.")
    st.caption("The rest of the world is the source's World figure minus China, Russia and its EU, in the same "
               "source and year. The two sources' EU differ: read each chart's note on it.")


def share(row) -> str:
    return fmt.pct(row["share_of_world"] * 100, signed=False)


def rank_tab() -> None:
    china = ui.partner_ranks("Kazakhstan", flow, series, f.years)
    china_flow = pv.CHINA_FLOW[flow]
    kaz = ui.partner_ranks("China", china_flow, ("imf_dots",), f.years)
    if china.empty and kaz.empty:
        no_years("ranks")
        return
    cards = []
    for s, g in china.groupby("series", sort=False):
        last = g[g["year"] == g["year"].max()].iloc[0]
        cards.append((f"China's rank for Kazakhstan, {int(last['year'])}, {pv.SERIES_NAMES[s]}",
                      f"{pv.ordinal(int(last['rank']))} of {int(last['countries'])}",
                      f"China's rank among Kazakhstan's partners: {share(last)} of Kazakhstan's {flow_words}, as "
                      f"{last['source_label']} reports."))
    if len(kaz):
        last = kaz[kaz["year"] == kaz["year"].max()].iloc[0]
        cards.append((f"Kazakhstan's rank for China, {int(last['year'])}, IMF DOTS",
                      f"{pv.ordinal(int(last['rank']))} of {int(last['countries'])}",
                      f"Kazakhstan's rank among China's partners: {share(last)} of China's "
                      f"{pv.FLOW_WORDS[china_flow]}, as China reports to the IMF (DOTS)."))
    for col, (label, value, note) in zip(st.columns(len(cards)), cards, strict=True):
        col.metric(label, value, help=note)
    firsts = [f"{pv.SERIES_NAMES[s]}: " + "; ".join(f"{name} {when}" for name, when in leading)
              for s in series if (leading := ui.partner_leaders(flow, s, f.years))]
    if firsts:
        st.markdown(f"**Kazakhstan's largest partner by {flow_words}, year by year** — "
                    + fmt.md_escape(". ".join(firsts)) + ".")
        if missing := ui.partner_absences(flow, series, f.years):
            st.caption(missing + " The first place in those years is among the countries the source has.")
    if len(china):
        ui.chart(ui.figure(charts.partner_rank_over_time, china, colour=charts.PARTNER_COLOURS["CHN"],
                           y_title="China's rank (1 = largest)",
                           title=f"China's rank among Kazakhstan's partners by {flow_words}, as each source "
                                 "reports (each its own line)",
                           source=ui.caption_for(china)), key="partners-china-rank")
    else:
        st.info(f"No rank of China from {fmt.listing([pv.SERIES_NAMES[s] for s in series])} in "
                f"{f.years[0]}–{f.years[1]}.")
    if len(kaz):
        goods = {"turnover": "trade turnover", "exports": "imports (goods Kazakhstan → China)",
                 "imports": "exports (goods China → Kazakhstan)"}[flow]
        ui.chart(ui.figure(charts.partner_rank_over_time, kaz, colour=charts.REPORTER_COLOURS["Kazakhstan"],
                           y_title="Kazakhstan's rank (1 = largest)",
                           title=f"Kazakhstan's rank among China's partners by China's {goods}, as China reports "
                                 "(IMF DOTS)",
                           source=ui.caption_for(kaz)), key="partners-kaz-rank")
        if series == ("kz_bns",):
            st.caption("The bureau (BNS) publishes Kazakhstan's trade only: China's side is IMF DOTS's, shown "
                       "whatever the source chosen.")
    else:
        st.info(f"IMF DOTS holds China's partners for {span('China', 'imf_dots')} only: none in "
                f"{f.years[0]}–{f.years[1]}.")
    st.caption("A rank counts countries only (the source's groups such as the EU are never ranked) and is computed "
               "within one source and year; ties share the better place.")


with tab:
    {TOP: top_tab, LINES: lines_tab, SPLIT: split_tab, RANK: rank_tab}[view]()
