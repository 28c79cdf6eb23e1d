"""The speech: the ambassador's New Year 2024 address in full, passage by passage, beside the data, events and
checked claims each passage talks about, with its charts one click away; in a second tab, every claim in one table.
Only the open tab and the opened charts are built.
"""

from __future__ import annotations

import streamlit as st

from kzcn import charts, fmt, i18n, sectors, ui, urlstate, views
from kzcn import speechview as sv
from kzcn.claims import VERDICTS
from kzcn.i18n import N_, _, ngettext
from kzcn.partnerviews import RANK_TAB
from kzcn.schemas import SPEECH_SOURCE_ID

ADDRESS, CLAIMS = TABS = (N_("The address, passage by passage"), N_("Every claim, checked"))
PAGE = ui.PageSpec(__file__, "speech", N_("The speech"), ":material/record_voice_over:", position=5,
                   filters=tuple(k for k in urlstate.GLOBAL_KEYS if k != "headings"),  # headings: the Trade page's
                   tabs={"speech_view": TABS},
                   keys={"claims": VERDICTS}, multi=frozenset({"claims"}))  # a passage's figures: ui.links


def turnover_chart(key: str) -> None:
    totals = ui.annual_totals(f.reporters, f.years)
    if totals.empty:
        st.info(_("No trade figures for {first}–{last}.").format(first=f.years[0], last=f.years[1]))
        return
    press = ui.press_totals(f.years) if "China" in f.reporters else None
    ui.chart(ui.figure(charts.trade_over_time, totals, measure="turnover", press=press,
                       source=ui.caption_for(totals, press if press is not None else totals),
                       title=_("Trade turnover {first}–{last}, as each side reports it").format(
                           first=f.years[0], last=f.years[1])),
             key=key)


def gap_chart(key: str) -> None:
    gap = ui.mirror_gap(f.years)
    if gap.empty:
        st.info(_("No year in this range has figures from both sides."))
        return
    ui.chart(ui.figure(charts.mirror_gap, gap, directions=f.directions, source=ui.bilateral_caption(f.years)),
             key=key)


def sectors_chart(key: str) -> None:
    """Goods Kazakhstan → China over the years, as the Trade page's sector tab draws them (the same figures: every
    chapter as Kazakhstan reports, incomplete years hatched and named)."""
    direction = "Kazakhstan → China"  # "More and more high-quality Kazakhstani products are entering the Chinese …"
    reporter = urlstate.reporters_of(f.reporter)[-1]  # Kazakhstan's unless China's alone is chosen
    flow = views.direction_flow(direction, reporter)
    chosen = sectors.Selection(f.chosen_sector, f.chapters)  # the page applies no headings (PAGE.filters)
    bars, status = ui.goods_over_time(reporter=reporter, flow=flow, selection=chosen, years=f.years)
    if bars.empty:
        st.info(views.as_reported(
            reporter,
            _("No figures by chapter for goods {direction} in {first}–{last} as China reports for the goods chosen."),
            _("No figures by chapter for goods {direction} in {first}–{last} as Kazakhstan reports for the goods "
              "chosen.")).format(direction=_(direction), first=f.years[0], last=f.years[1]))
        return
    level = chosen.level()
    ui.chart(ui.figure(charts.goods_bars, bars, status, level=level,
                       title=views.goods_bars_title(level, reporter).format(direction=_(direction)),
                       source=ui.caption_for(bars)), key=key)
    if note := sectors.years_note(status, selection=chosen):
        # TRANSLATORS: {direction}: a direction of goods ("China → Kazakhstan"); {note}: which years are incomplete
        st.caption(_("Goods {direction}: {note}").format(direction=_(direction), note=note))
    st.caption(_("The same figures as the Trade page's sector tab, which also breaks them down by heading."))


DRAW = {"turnover": turnover_chart, "mirror_gap": gap_chart, "sectors": sectors_chart}
VIEWS = {v: (label, DRAW[v]) for v, label in views.SPEECH_FIGURES.items()}


def figures(passage_id: str, wanted: list[str]) -> None:
    """The figures a passage talks about, in an expander the reader opens (several as tabs), built only when open.

    The address itself is drawn before Plotly's bundle is even needed, so the page is readable sooner; the open
    expander and tab are in the URL, and a link to a tab opens its expander (docs/performance.md).
    """
    labels = [VIEWS[v][0] for v in wanted]
    key, tabs_key = sv.chart_key(passage_id), sv.figures_key(passage_id)
    if len(wanted) > 1 and key not in st.session_state and ui.link_value(tabs_key) is not None:
        st.session_state[key] = True  # a link to one of the tabs opens them (once: the reader may close them)
    box = ui.lazy_expander(sv.charts_label(labels), key, icon=":material/show_chart:", shared=True)
    if box is None:
        return
    with box:
        if len(wanted) == 1:
            VIEWS[wanted[0]][1](f"speech-{passage_id}-figure")
            return
        label, tab = ui.open_tab(labels, tabs_key)
        with tab:
            VIEWS[next(v for v in wanted if VIEWS[v][0] == label)][1](f"speech-{passage_id}-figure")


def address_tab() -> None:
    """Every passage verbatim, beside its events, checked claims and figures."""
    for p in ui.speech_passages():
        wanted = [v for v in p.views if v in VIEWS]
        text, about = sv.passage_markdown(p, [VIEWS[v][0] for v in wanted])
        text_col, about_col = st.columns([3, 2], gap="large")
        text_col.markdown(text)
        if p.events:
            text_col.page_link(ui.page_path("timeline"), label=_("On the 2023 timeline"), icon=":material/event:")
        about_col.markdown(about)
        if p.ranks_partners:  # "largest trading partner": ahead of whom, since when, by whose count
            with about_col:
                ui.tab_link("partners", "partners_view", RANK_TAB, _("China's rank, by each source"),
                            ":material/leaderboard:",
                            help=_("Kazakhstan's partners ranked as IMF DOTS and the bureau (BNS) count them"))
        if wanted:
            figures(p.passage_id, wanted)
        st.divider()


def claims_tab() -> None:
    """All claims in one table, filtered by verdict."""
    counts = sv.verdict_counts(claims)
    # TRANSLATORS: how many claims have one verdict, e.g. "9 matches"; {verdict} is the verdict's name
    each = [_("{n} {verdict}").format(n=n, verdict=fmt.md_escape(_(v))) for v, n in counts]
    st.markdown(ngettext("{n} claims: {counts}.", "{n} claims: {counts}.", len(claims)).format(
        n=len(claims), counts=", ".join(each) if i18n.current() == i18n.DEFAULT else fmt.listing(each)))
    chosen = st.pills(_("Show verdicts"), VERDICTS, selection_mode="multi", key="claims", bind="query-params",
                      format_func=_, help=_("Nothing selected shows every claim."))
    table = ui.claims_markdown(chosen)
    if table.empty:
        st.info(_("No claim has this verdict.") if len(chosen) == 1 else _("No claim has these verdicts."),
                icon=":material/filter_alt_off:")
    else:
        for claim_id, card in sv.claim_cards(table):
            st.container(border=True, key=f"claim-{claim_id}").markdown(card)
    st.caption(_("{sources} The stated figures and claims are the address's own words.").format(
        sources=ui.caption_for(claims)))




if __name__ == "__main__":  # run as a page by Streamlit; imported by the entry point for PAGE alone
    data = ui.data()
    f = ui.filters()
    sources = data["sources"]
    passages, claims = data["passages"], data["claims"]
    speech = sources.set_index("source_id").loc[SPEECH_SOURCE_ID]

    st.title(_("The ambassador's New Year address, passage by passage"), anchor=False)
    st.markdown(ngettext(
        "Zhang Xiao, China's ambassador to Kazakhstan, looked back on {year} in a New Year address. It is quoted here "
        "verbatim and in full, {n} passages in the published order, from the text on {link}. Beside each passage: the "
        "figures and events it talks about, and its factual claims checked against kzcn's own data.",
        "Zhang Xiao, China's ambassador to Kazakhstan, looked back on {year} in a New Year address. It is quoted here "
        "verbatim and in full, {n} passages in the published order, from the text on {link}. Beside each passage: the "
        "figures and events it talks about, and its factual claims checked against kzcn's own data.",
        len(passages)).format(year=views.SPEECH_YEAR, n=len(passages),
                              link=sv.md_link("chinastudies.kz", speech["url"])))
    if i18n.current() != i18n.DEFAULT:  # the address is his words in English: never shown as his words in translation
        st.info(_("The address is quoted in its published English, word for word. No Russian or Chinese text of it is "
                  "given here as the ambassador's words: only the headings, notes and checks around it are in your "
                  "language, written by kzcn."), icon=":material/translate:")
    st.markdown("  \n".join(f"{sv.verdict_badge(v)} {fmt.md_escape(_(sv.VERDICT_MEANING[v]))}" for v in VERDICTS))
    st.caption(_("Claims about trade are checked against each side's official figures; claims about events against "
                 "kzcn's events table: that each event named happened, and the date and place the speech gives. "
                 "Judgments such as “complete success” are named in the note as not checked. A verdict is computed "
                 "from the data, never typed by hand."))


    view, tab = ui.open_tab(TABS, "speech_view")
    with tab:
        {ADDRESS: address_tab, CLAIMS: claims_tab}[view]()
