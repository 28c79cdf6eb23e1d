"""Overview: headline figures for the chosen years, the long-run chart with events, and the speech's words."""

from __future__ import annotations

import streamlit as st

from kzcn import charts, fmt, tables, ui

data = ui.data()
f = ui.filters()

st.title("China and Kazakhstan: trade and relations", anchor=False)
st.markdown(
    "China's customs and Kazakhstan's statistics bureau record the same trade very differently. "
    "Every figure here says **whose** figure it is; the two are never mixed into one line."
)

totals = ui.annual_totals(f.reporters, f.years)
cols = st.columns(len(f.reporters) + 1)
for col, reporter in zip(cols, f.reporters, strict=False):
    s = ui.range_summary(reporter, f.years)
    with col, st.container(border=True):
        st.markdown(f"**Turnover as {reporter} reports**")
        if s["turnover"] != s["turnover"]:
            st.metric(f"{f.years[0]}–{f.years[1]}", fmt.MISSING)
            st.caption(f"No {reporter}-reported figures in these years.")
            continue
        series = tables.SERIES_SHORT.get(s["series"], s["series"])
        runs = s["runs"]
        switched = len(runs) > 1 and runs[-1][1] == s["year"]  # the latest year starts a new stretch
        ui.metric(f"Trade turnover, {s['year']}", fmt.usd(s["turnover"]), change=s["yoy"],
                  change_label=f"on {s['year'] - 1}" + (f", both from {series}" if switched else ""),
                  help="Exports plus imports with the partner, current US dollars. Every change on this card "
                       "compares one publication's figures with its own.")
        latest = totals[(totals["reporter"] == reporter) & (totals["year"] == s["year"])]
        st.caption(f"{s['year']} figure: {ui.caption_for(latest, bare=True)}.")
        if s["yoy"] != s["yoy"] and s["year"] - 1 >= f.years[0]:
            st.caption(f"No change on {s['year'] - 1}: {series} has no {s['year'] - 1} figure to compare with.")
        if s["first_year"] != s["year"]:
            st.caption(f"{fmt.change(s['first_turnover'], s['turnover'])} since {s['first_year']} "
                       f"({fmt.pct(s['cagr'])} a year on average"
                       + (f"; both years from {series})." if len(runs) > 1 else ")."))
        if len(runs) > 1:
            stretches = [f"{tables.SERIES_SHORT.get(name, name)} {fmt.year_span(first, last)}"
                         for name, first, last in runs]
            st.caption("The line changes source: " + "; ".join(stretches) + ".")
share = ui.share_view(f.years).dropna(subset=["turnover"])
with cols[-1], st.container(border=True):
    st.markdown("**China's share of Kazakhstan's trade**")
    if share.empty:
        st.metric(f"{f.years[0]}–{f.years[1]}", fmt.MISSING)
        st.caption("Kazakhstan's trade with the world is not in the data for these years.")
    else:
        last = share.iloc[-1]
        st.metric(f"Share of turnover, {int(last['year'])}", fmt.pct(last["turnover"], signed=False),
                  help="As Kazakhstan reports: trade with China over trade with the world, same publication.")
        st.caption(f"Exports {fmt.pct(last['exports'], signed=False)}, "
                   f"imports {fmt.pct(last['imports'], signed=False)}.")

press = ui.press_totals(f.years)
named = st.toggle("Name the major events on the chart", key="event_names", bind="query-params",
                  help="Writes each year's first head-of-state visit or summit from kzcn's timeline on the chart.")
fig = ui.figure(
    charts.trade_over_time, totals, measure="turnover", event_years=ui.event_markers(f.years),
    press=press if "China" in f.reporters else None, source=ui.caption_for(totals, press),
    title=f"Trade turnover {f.years[0]}–{f.years[1]}, as each side reports it", event_names=named,
)
ui.chart(fig, key="overview-turnover")
st.caption("Diamonds mark years with events in kzcn's timeline (hover to list them). Hollow circles are "
           "China-customs totals quoted in the press: rounded, shown apart from the statistical series. "
           "A vertical bar on a line marks the year its source changes (hover for the sources). "
           "A gap in a line is a year no source covers.")

passages = data["passages"].set_index("passage_id")
with st.container(border=True):
    st.markdown("**What the Chinese ambassador said** — New Year address, 2024")
    st.markdown("> " + fmt.md_escape(passages.loc["p10", "text"]))
    st.page_link("app_pages/speech.py", label="Read the address passage by passage, with its claims checked",
                 icon=":material/arrow_forward:")
st.page_link("app_pages/trade.py", label="Why the two sides' figures differ", icon=":material/arrow_forward:")
