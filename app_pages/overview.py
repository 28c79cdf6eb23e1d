"""Overview: headline figures for the chosen years, the long-run chart with events, and the speech's words."""

from __future__ import annotations

import streamlit as st

from kzcn import charts, fmt, i18n, tables, ui, urlstate, views
from kzcn.i18n import N_, _, pgettext

PAGE = ui.PageSpec(__file__, "overview", N_("Overview"), ":material/insights:", position=1,
                   filters=("years", "reporter"),
                   keys={"event_names": urlstate.BOOLEAN})  # the toggle naming major events on the long-run chart


def as_reported(reporter: str, china: str, kazakhstan: str) -> str:
    """The message that says "as China reports" or "as Kazakhstan reports" (whole sentences, one per side, so each
    language words "as … reports" its own way)."""
    return china if reporter == "China" else kazakhstan


if __name__ == "__main__":  # run as a page by Streamlit; imported by the entry point for PAGE alone
    data = ui.data()
    f = ui.filters()

    st.title(_("China and Kazakhstan: trade and relations"), anchor=False)
    st.markdown(
        _("China's customs and Kazakhstan's statistics bureau record the same trade very differently. "
          "Every figure here says **whose** figure it is; the two are never mixed into one line.")
    )

    totals = ui.annual_totals(f.reporters, f.years)
    cols = st.columns(len(f.reporters) + 1)
    for col, reporter in zip(cols, f.reporters, strict=False):
        s = ui.range_summary(reporter, f.years)
        with col, st.container(border=True):
            st.markdown("**" + as_reported(reporter, _("Turnover as China reports"),
                                           _("Turnover as Kazakhstan reports")) + "**")
            if s["turnover"] != s["turnover"]:
                st.metric(f"{f.years[0]}–{f.years[1]}", fmt.MISSING)
                st.caption(as_reported(reporter, _("No China-reported figures in these years."),
                                       _("No Kazakhstan-reported figures in these years.")))
                continue
            series = tables.series_short(s["series"])
            # the line shows the year before from another series (in the range or not): the card's change is not
            # the line's step, so it names the one compared
            other_before = s["before_series"] not in (None, s["series"])
            runs = s["runs"]
            if other_before:
                # TRANSLATORS: after a growth figure ("+5.2% on 2022"): the year it is compared with, and the series
                since = _("on {year}, both from {series}").format(year=s["year"] - 1, series=series)
            else:
                # TRANSLATORS: after a growth figure ("+5.2% on 2022"): the year it is compared with
                since = _("on {year}").format(year=s["year"] - 1)
            ui.metric(_("Trade turnover, {year}").format(year=s["year"]), fmt.usd(s["turnover"]), change=s["yoy"],
                      change_label=since,
                      help=_("Exports plus imports with the partner, current US dollars. Every change on this card "
                             "compares one publication's figures with its own."))
            latest = totals[(totals["reporter"] == reporter) & (totals["year"] == s["year"])]
            st.caption(_("{year} figure: {source}.").format(year=s["year"], source=ui.caption_for(latest, bare=True)))
            if other_before and s["year"] - 1 >= f.years[0]:
                st.caption(_("The line's {year} point is from {other}, so its step to {latest} is not this change: "
                             "the change compares {series}'s own figures.").format(
                    year=s["year"] - 1, latest=s["year"], other=tables.series_short(s["before_series"]), series=series))
            if s["yoy"] != s["yoy"] and s["year"] - 1 >= f.years[0]:
                st.caption(_("No change on {year}: {series} has no {year} figure to compare with.").format(
                    year=s["year"] - 1, series=series))
            if s["first_year"] < s["year"] - 1:  # a year before: the card's own change, not said twice
                growth = (_("{change} since {year} ({cagr} a year on average); both years from {series}.")
                          if len(runs) > 1 else _("{change} since {year} ({cagr} a year on average)."))
                st.caption(growth.format(change=fmt.change(s["first_turnover"], s["turnover"]), year=s["first_year"],
                                         cagr=fmt.pct(s["cagr"]), series=series))
            if len(runs) > 1:
                # TRANSLATORS: a series' name and the years the line takes from it, e.g. "UN Comtrade 1995–2014"
                stretches = [_("{series} {years}").format(series=tables.series_short(name),
                                                          years=fmt.year_span(first, last))
                             for name, first, last in runs]
                st.caption(_("The line changes source: {stretches}.").format(
                    stretches=pgettext("list separator", "; ").join(stretches)))
    share = ui.share_view(f.years).dropna(subset=["turnover"])
    with cols[-1], st.container(border=True):
        st.markdown("**" + _("China's share of Kazakhstan's trade") + "**")
        if share.empty:
            st.metric(f"{f.years[0]}–{f.years[1]}", fmt.MISSING)
            st.caption(_("Kazakhstan's trade with the world is not in the data for these years."))
        else:
            last = share.iloc[-1]
            st.metric(_("Share of turnover, {year}").format(year=int(last["year"])),
                      fmt.pct(last["turnover"], signed=False),
                      help=_("As Kazakhstan reports: trade with China over trade with the world, same publication."))
            st.caption(_("Exports {exports}, imports {imports}.").format(
                exports=fmt.pct(last["exports"], signed=False), imports=fmt.pct(last["imports"], signed=False)))

    press = ui.press_totals(f.years) if "China" in f.reporters else None  # China's customs' totals, quoted
    named = st.toggle(_("Mark and name the major events"), key="event_names", bind="query-params",
                      help=_("Marks each year's first head-of-state visit or summit from kzcn's timeline with a "
                             "dotted line on the chart, and names them under it."))
    markers = ui.event_markers(f.years)
    fig = ui.figure(
        charts.trade_over_time, totals, measure="turnover", event_years=markers,
        press=press, source=ui.caption_for(totals, *([] if press is None else [press])),
        title=(_("Trade turnover {first}–{last}, as each side reports it") if len(f.reporters) > 1 else
               as_reported(f.reporters[0], _("Trade turnover {first}–{last}, as China reports it"),
                           _("Trade turnover {first}–{last}, as Kazakhstan reports it"))
               ).format(first=f.years[0], last=f.years[1]),
        event_names=named, phone=ui.on_a_phone(),
    )
    ui.chart(fig, key="overview-turnover")
    if named and not (major := markers[markers["major"] != ""]).empty:
        # TRANSLATORS: one line of a list under the chart: a year and its major event
        line = _("{year}: {event}")
        st.markdown(_("**The major events marked** (each year's first head-of-state visit or summit):") + "".join(
            "\n- " + fmt.md_escape(line.format(year=year, event=event))
            for year, event in zip(major["year"], major["major"], strict=True)))
    st.caption(_("Diamonds mark years with events in kzcn's timeline (hover to list them). Hollow circles are "
                 "China-customs totals quoted in the press: rounded, shown apart from the statistical series. "
                 "A vertical bar on a line marks the year its source changes (hover for the sources). "
                 "A gap in a line is a year no source covers."))

    passages = data["passages"].set_index("passage_id")
    with st.container(border=True):
        st.markdown(_("**What the Chinese ambassador said** — New Year address, 2024"))
        st.markdown("> " + fmt.md_escape(passages.loc["p10", "text"]))  # quoted as published, never translated
        if i18n.current() != i18n.DEFAULT:
            st.caption(_("Quoted from the English text of the address as published; kzcn does not translate it."))
        st.page_link(ui.page_path("speech"), label=_("Read the address, with its claims checked"),
                     icon=":material/arrow_forward:")
    ui.tab_link("trade", "trade_view", views.TRADE_TABS[1], _("Why the two sides' figures differ"),
                ":material/arrow_forward:")
