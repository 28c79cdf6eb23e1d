"""Partners: Kazakhstan's largest trading partners as each source counts them, China against Russia, the EU and the
rest, and China's rank among Kazakhstan's partners (and Kazakhstan's among China's).

The flow, whose count and the open tab are bound to the URL (`partners_flow`, `partners_source`, `partners_view`);
the years are the sidebar's. Only the open tab is built. Every rank and share comes from one source (one series and
vintage, kzcn.partners); where two sources hold a year they are shown side by side and their differences said.
"""

from __future__ import annotations

import streamlit as st

from kzcn import charts, fmt, i18n, ui
from kzcn import partnerviews as pv
from kzcn.i18n import N_, _, ngettext, pgettext

PAGE = ui.PageSpec(__file__, "partners", N_("Partners"), ":material/leaderboard:", position=3,
                   filters=("years",),  # its own flow and source choices stand for the sidebar's
                   tabs={"partners_view": pv.TABS},
                   keys={"partners_flow": pv.FLOW_CHOICES, "partners_source": pv.SOURCE_CHOICES,
                         "partners_year": None})  # the year of the ranked bars, checked on the page


# Each sentence naming a flow is a whole message per flow (a flow's words change with their place in a sentence).
BARS_TITLE = {
    "turnover": N_("Kazakhstan's top 10 partners, {year}, by share of its trade turnover (exports + imports), as "
                   "{source} reports"),
    "exports": N_("Kazakhstan's top 10 partners, {year}, by share of its exports, as {source} reports"),
    "imports": N_("Kazakhstan's top 10 partners, {year}, by share of its imports, as {source} reports"),
}

LINES_TITLE = {
    # TRANSLATORS: a chart's title; {last} is the last year shown ("2023's top 8"), {years} the years drawn
    "turnover": N_("Rank by trade turnover (exports + imports), {years}: {last}'s top 8 with China and Russia, as "
                   "{source} reports"),
    "exports": N_("Rank by exports, {years}: {last}'s top 8 with China and Russia, as {source} reports"),
    "imports": N_("Rank by imports, {years}: {last}'s top 8 with China and Russia, as {source} reports"),
}

SHARES_HEAD = {
    # TRANSLATORS: {shares} lists each source's shares of the last year ("IMF DOTS, 2020: China 21.5%, …")
    "turnover": N_("**Shares of Kazakhstan's trade turnover (exports + imports)** — {shares}."),
    "exports": N_("**Shares of Kazakhstan's exports** — {shares}."),
    "imports": N_("**Shares of Kazakhstan's imports** — {shares}."),
}

SPLIT_TITLE = {
    "turnover": N_("China, Russia, the EU and the rest: shares of Kazakhstan's turnover, as {source} reports"),
    "exports": N_("China, Russia, the EU and the rest: shares of Kazakhstan's exports, as {source} reports"),
    "imports": N_("China, Russia, the EU and the rest: shares of Kazakhstan's imports, as {source} reports"),
}

CHINA_CARD_HELP = {
    "turnover": N_("China's rank among Kazakhstan's partners: {share} of Kazakhstan's trade turnover (exports + "
                   "imports), as {source} reports."),
    "exports": N_("China's rank among Kazakhstan's partners: {share} of Kazakhstan's exports, as {source} reports."),
    "imports": N_("China's rank among Kazakhstan's partners: {share} of Kazakhstan's imports, as {source} reports."),
}

KAZ_CARD_HELP = {  # by China's flow
    "turnover": N_("Kazakhstan's rank among China's partners: {share} of China's trade turnover (exports + "
                   "imports), as China reports to the IMF (DOTS)."),
    "exports": N_("Kazakhstan's rank among China's partners: {share} of China's exports, as China reports to the IMF "
                  "(DOTS)."),
    "imports": N_("Kazakhstan's rank among China's partners: {share} of China's imports, as China reports to the IMF "
                  "(DOTS)."),
}

FIRSTS_HEAD = {
    # TRANSLATORS: {leaders} says who was first in which years, per source ("BNS: China 2015–2023")
    "turnover": N_("**Kazakhstan's largest partner by trade turnover (exports + imports), year by year** — "
                   "{leaders}."),
    "exports": N_("**Kazakhstan's largest partner by exports, year by year** — {leaders}."),
    "imports": N_("**Kazakhstan's largest partner by imports, year by year** — {leaders}."),
}

CHINA_RANK_TITLE = {
    "turnover": N_("China's rank among Kazakhstan's partners by trade turnover (exports + imports), as each source "
                   "reports (each its own line)"),
    "exports": N_("China's rank among Kazakhstan's partners by exports, as each source reports (each its own line)"),
    "imports": N_("China's rank among Kazakhstan's partners by imports, as each source reports (each its own line)"),
}

KAZ_RANK_TITLE = {  # by Kazakhstan's flow: China's count of the same goods
    "turnover": N_("Kazakhstan's rank among China's partners by China's trade turnover, as China reports (IMF DOTS)"),
    "exports": N_("Kazakhstan's rank among China's partners by China's imports (goods Kazakhstan → China), as China "
                  "reports (IMF DOTS)"),
    "imports": N_("Kazakhstan's rank among China's partners by China's exports (goods China → Kazakhstan), as China "
                  "reports (IMF DOTS)"),
}

NO_FIGURES = {
    "partners": N_("No partner figures from {sources} in {first}–{last}: the data covers {held}. Widen the years in "
                   "the sidebar."),
    "split": N_("No figures for China, Russia and the EU from {sources} in {first}–{last}: the data covers {held}. "
                "Widen the years in the sidebar."),
    "ranks": N_("No ranks from {sources} in {first}–{last}: the data covers {held}. Widen the years in the sidebar."),
}


def span(reporter: str, series: str) -> str:
    lo, hi = spans.get((reporter, series), (0, 0))
    return fmt.year_span(lo, hi) if lo else _("no years")


TOP, LINES, SPLIT, RANK = pv.TABS


def chosen_sources() -> str:
    return fmt.listing([pv.series_name(s) for s in series])


def no_years(what: str) -> None:
    # TRANSLATORS: a source and the years it covers, e.g. "IMF DOTS 1992–2020"
    held = fmt.semicolons(_("{source} {years}").format(source=pv.series_name(s), years=span("Kazakhstan", s))
                               for s in series)
    st.info(_(NO_FIGURES[what]).format(sources=chosen_sources(), first=f.years[0], last=f.years[1], held=held))


def pick_year(years: list[int]) -> int:
    """The year of the ranked bars: URL-bound; a linked year the view cannot show gets a notice."""
    return ui.year_choice(_("Year for the ranking"), years, "partners_year",
                          only=_("Year: {year}, the only year the source chosen holds within the years in the "
                                 "sidebar."))


def top_tab() -> None:
    years = ui.partner_years("Kazakhstan", flow, series, f.years)
    if not years:
        no_years("partners")
        return
    year = pick_year(years)
    panels = dict(ui.partner_bars(flow, year, series))
    lacking = [s for s in series if s not in panels]
    if lacking:
        # TRANSLATORS: a clause of a sentence (several are joined with semicolons): "IMF DOTS has no 2023 (it covers
        # 1992–2020)"
        st.caption(pv.clauses([_("{source} has no {year} (it covers {years})").format(
            source=pv.series_name(s), year=year, years=span("Kazakhstan", s)) for s in lacking]))
    widest = max(float(b["share_of_world"].max()) for b in panels.values())
    figures = charts.side_by_side(lambda s, align: ui.figure(
        charts.partner_bars, panels[s], flow=flow, x_max=widest, align=align,
        title=_(BARS_TITLE[flow]).format(year=year, source=panels[s]["source_label"].iloc[0]),
        source=ui.caption_for(panels[s])), list(panels))
    for col, (s, bars), fig in zip(st.columns(len(panels)), panels.items(), figures, strict=True):
        with col:
            ui.chart(fig, key=f"partners-bars-{s}")
            below = bars[bars["beyond_top"]]
            if len(below):
                # TRANSLATORS: a country's place in the ranking, e.g. "Russia is 12th"
                places = fmt.commas(_("{partner} is {place}").format(partner=n, place=pv.ordinal(int(r)))
                                         for n, r in zip(below["name"], below["rank"], strict=True))
                # TRANSLATORS: {places} is e.g. "Russia is 12th"; {countries} how many countries the source ranks
                st.caption(fmt.md_escape(_("{places} of {countries}: drawn below the top 10.").format(
                    places=places, countries=int(bars["countries"].iloc[0]))))
    if missing := ui.partner_absences(flow, list(panels), (year, year)):
        st.caption(fmt.sentences(missing, _("It is not ranked that year.")))
    comparison(year)
    # TRANSLATORS: {tab} is the name of another tab of this page
    st.caption(_("How these places changed over the years: “{tab}”.").format(tab=_(LINES)))


def lines_tab() -> None:
    lines_of = {s: lines for s in series if not (lines := ui.partner_lines(flow, s, f.years)).empty}
    if not lines_of:
        no_years("partners")
        return
    st.caption(_("Each year's place among Kazakhstan's country partners, one chart per source: the top 8 of the last "
                 "year shown, with China and Russia always drawn. Hover a point for its share and source."))
    drawn = list(lines_of)

    def lines_chart(s: str, align: tuple[int, int] | None):
        lines = lines_of[s]
        lo, hi = int(lines["year"].min()), int(lines["year"].max())
        return ui.figure(charts.partner_rank_lines, lines, flow=flow, columns=len(drawn), align=align,
                         title=_(LINES_TITLE[flow]).format(years=fmt.year_span(lo, hi), last=hi,
                                                           source=pv.series_name(s)),
                         source=ui.caption_for(lines))

    for col, s, fig in zip(st.columns(len(drawn)), drawn, charts.side_by_side(lines_chart, drawn), strict=True):
        with col:
            ui.chart(fig, key=f"partners-lines-{s}")
    if missing := ui.partner_absences(flow, drawn, f.years):
        st.caption(fmt.sentences(missing, _("Its line has no point there.")))
    if "kz_bns" in series:
        vintage_note()


def comparison(year: int) -> None:
    """The top 10 of every source holding the year, side by side, and where they differ, in words."""
    compare = ui.partner_comparison(flow, year, series)
    labels = ui.partner_source_labels()
    sources = [c for c in compare.columns if c != "agree"]
    if len(sources) >= 2:
        held = ngettext("**{year}: {n} source holds this year.**", "**{year}: {n} sources hold this year.**",
                        len(sources)).format(year=year, n=len(sources))
        st.markdown(f"{held} " + fmt.md_escape(pv.comparison_text(compare, labels)))
        table = pv.named_comparison(compare, labels)
        same = _(pv.SAME_PLACE)
        st.dataframe(table, column_config={same: st.column_config.CheckboxColumn(same)}, key="partners-compare")
        st.caption(_("Each column is one source's own ranking of countries (groups such as the EU are never "
                     "ranked); neither is right or wrong, and kzcn never merges them."))
    others = [s for s in pv.SOURCE_SERIES[pv.SOURCE_CHOICES[0]] if s not in series
              and ui.partner_years("Kazakhstan", flow, (s,), (year, year))]
    if others:
        # TRANSLATORS: {choice} is the choice "Both sources side by side" of "Whose count" above
        st.caption(_("{sources} also holds {year}: choose “{choice}” to see both rankings side by side.").format(
            sources=fmt.listing([pv.series_name(s) for s in others]), year=year, choice=_(pv.SOURCE_CHOICES[0])))


def vintage_note() -> None:
    double, differ = ui.partner_vintages(flow, "kz_bns", f.years)
    if not double:
        return
    said = (_("Both copies give the same top 10 in every one of those years.") if not differ else
            _("The two copies rank the top 10 differently in {years}: pick that year above to see "
              "both.").format(years=fmt.ranges(differ)))
    first = _("BNS publishes each year in two workbooks ({years} here): a line takes each year from the newest "
              "workbook.").format(years=fmt.ranges(double))
    st.caption(fmt.sentences(first, said))


def split_tab() -> None:
    frames = {s: ui.partner_split(flow, s, f.years) for s in series}
    shown = [s for s in series if not frames[s].empty]
    if not shown:
        no_years("split")
        return
    top = max(float(frames[s]["share_of_world"].max()) for s in shown)
    # TRANSLATORS: a source and its shares of one year: "IMF DOTS, 2020: China 21.5%, Russia 19.4%, …"
    said = fmt.semicolons(_("{source}, {shares}").format(source=pv.series_name(s),
                                                              shares=pv.split_summary(frames[s])) for s in shown)
    st.markdown(_(SHARES_HEAD[flow]).format(shares=fmt.md_escape(said)))

    def split_chart(s: str, align: tuple[int, int] | None):
        rows = frames[s]
        # TRANSLATORS: {definition} says which countries the source's EU holds in which years
        eu = _("EU as {source} defines it: {definition}.").format(source=pv.series_name(s), definition=pv.eu_note(rows))
        return ui.figure(charts.partner_split_lines, rows, y_max=top, flow=flow, columns=len(shown), align=align,
                         title=_(SPLIT_TITLE[flow]).format(source=pv.series_name(s)),
                         source=fmt.sentences(ui.caption_for(rows), eu))

    cols = st.columns(len(shown))
    for col, s, fig in zip(cols, shown, charts.side_by_side(split_chart, shown), strict=True):
        with col:
            ui.chart(fig, key=f"partners-split-{s}")
            if gaps := ui.partner_split_gaps(flow, s, f.years):
                # TRANSLATORS: a year and what its figures lack: "1992, no Russia figure"
                left_out = fmt.semicolons(_("{year}, {gap}").format(year=y, gap=what) for y, what in gaps)
                # TRANSLATORS: the years a source's figures cannot be split into China, Russia, the EU and the rest
                st.caption(_("Left out, never filled in: {gaps} from {source}.").format(
                    gaps=left_out, source=pv.series_name(s)))
    st.caption(_("The rest of the world is the source's World figure minus China, Russia and its EU, in the same "
                 "source and year. The two sources' EU differ: read each chart's note on it."))


def share(row) -> str:
    return fmt.pct(row["share_of_world"] * 100, signed=False)


def place_of(row) -> str:
    # TRANSLATORS: a place in a ranking and how many countries are ranked: "1st of 131"
    return _("{place} of {countries}").format(place=pv.ordinal(int(row["rank"])), countries=int(row["countries"]))


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
        cards.append((_("China's rank for Kazakhstan, {year}, {source}").format(year=int(last["year"]),
                                                                                source=pv.series_name(s)),
                      place_of(last),
                      _(CHINA_CARD_HELP[flow]).format(share=share(last), source=last["source_label"])))
    if len(kaz):
        last = kaz[kaz["year"] == kaz["year"].max()].iloc[0]
        cards.append((_("Kazakhstan's rank for China, {year}, IMF DOTS").format(year=int(last["year"])),
                      place_of(last), _(KAZ_CARD_HELP[china_flow]).format(share=share(last))))
    # side by side while they fit, each as wide as its words, the next on a row of its own where they do not: in
    # three equal columns a Chinese card's label and value were cut at 1,400 px («第34位（共205…»)
    with st.container(horizontal=True, gap="medium"):
        for label, value, note in cards:
            st.metric(label, value, help=note, width="content")
    firsts = []
    for s in series:
        if leading := ui.partner_leaders(flow, s, f.years):
            # TRANSLATORS: a partner and the years it was first: "China 2015–2023"
            said = fmt.semicolons(_("{partner} {years}").format(partner=name, years=when)
                                       for name, when in leading)
            # TRANSLATORS: a source and who was first in which years by its count: "BNS: China 2015–2023"
            firsts.append(_("{source}: {leaders}").format(source=pv.series_name(s), leaders=said))
    if firsts:
        # TRANSLATORS: the separator between two sentences of a list: "IMF DOTS: … . BNS: …"
        st.markdown(_(FIRSTS_HEAD[flow]).format(leaders=fmt.md_escape(pgettext("list separator", ". ").join(firsts))))
        if missing := ui.partner_absences(flow, series, f.years):
            first = _("The first place in those years is among the countries the source has.")
            st.caption(fmt.sentences(missing, first))
    if len(china):
        ui.chart(ui.figure(charts.partner_rank_over_time, china, colour=charts.PARTNER_COLOURS["CHN"],
                           y_title=_("China's rank (1 = largest)"), title=_(CHINA_RANK_TITLE[flow]),
                           source=ui.caption_for(china)), key="partners-china-rank")
    else:
        st.info(_("No rank of China from {sources} in {first}–{last}.").format(sources=chosen_sources(),
                                                                             first=f.years[0], last=f.years[1]))
    if len(kaz):
        ui.chart(ui.figure(charts.partner_rank_over_time, kaz, colour=charts.REPORTER_COLOURS["Kazakhstan"],
                           y_title=_("Kazakhstan's rank (1 = largest)"), title=_(KAZ_RANK_TITLE[flow]),
                           source=ui.caption_for(kaz)), key="partners-kaz-rank")
        if series == ("kz_bns",):
            st.caption(_("The bureau (BNS) publishes Kazakhstan's trade only: China's side is IMF DOTS's, shown "
                         "whatever the source chosen."))
    else:
        st.info(_("IMF DOTS holds China's partners for {years} only: none in {first}–{last}.").format(
            years=span("China", "imf_dots"), first=f.years[0], last=f.years[1]))
    st.caption(_("A rank counts countries only (the source's groups such as the EU are never ranked) and is computed "
                 "within one source and year; ties share the better place."))


if __name__ == "__main__":  # run as a page by Streamlit; imported by the entry point for PAGE alone
    f = ui.filters()
    spans = ui.partner_spans()

    DOTS_SPAN, BNS_SPAN = span("Kazakhstan", "imf_dots"), span("Kazakhstan", "kz_bns")

    st.title(_("Kazakhstan's trading partners, as each source counts them"), anchor=False)
    intro = _("China is Kazakhstan's largest trading partner: ahead of whom, since when, in which flows, and by "
              "whose count? Two series of Kazakhstan's own figures: IMF DOTS ({dots_years}, the IMF's early-2022 "
              "vintage) and Kazakhstan's Bureau of National Statistics, BNS ({bns_years}). Each rank and share is "
              "computed within one source; where both hold a year they are shown side by side, never spliced into "
              "one line.").format(dots_years=DOTS_SPAN, bns_years=BNS_SPAN)
    if estimated := ui.partner_estimate_years("Kazakhstan", "imf_dots"):
        intro += " " + _("IMF DOTS gives Kazakhstan's partner countries in {years} only as the IMF's own "
                         "estimates (cells marked “e”): they are left out here, as on the Overview.").format(
            years=fmt.ranges(estimated))
    st.caption(intro)

    left, right = st.columns(2)
    flow_choice = left.radio(
        _("Flow"), pv.FLOW_CHOICES, format_func=i18n.translator(), key="partners_flow", bind="query-params",
        horizontal=True,
        help=_("Kazakhstan's exports, its imports, or both added (turnover: only where the source has both flows for "
               "that partner and year)."))
    source_choice = right.radio(
        _("Whose count"), pv.SOURCE_CHOICES, format_func=i18n.translator(), key="partners_source", bind="query-params",
        horizontal=True,
        help=_("IMF DOTS: Kazakhstan's trade as reported to the IMF, {dots_years}. BNS: Kazakhstan's statistics "
               "bureau, {bns_years}, each year published in two workbooks (the newest is drawn). China's side exists "
               "only in IMF DOTS.").format(dots_years=DOTS_SPAN, bns_years=BNS_SPAN))
    flow = pv.flow_of(flow_choice)
    series = pv.SOURCE_SERIES[source_choice]

    view, tab = ui.open_tab(pv.TABS, "partners_view")

    with tab:
        {TOP: top_tab, LINES: lines_tab, SPLIT: split_tab, RANK: rank_tab}[view]()
