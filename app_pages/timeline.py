"""Timeline 2023: the year the ambassador's address looks back on, event by event, with the wider milestones a click
away; each event with its date, place, people, sources, the sources' disagreements and the speech's words on it."""

from __future__ import annotations

import streamlit as st

from kzcn import charts, fmt, i18n, ui, urlstate, views
from kzcn import speechview as sv
from kzcn.i18n import N_, _, ngettext, pgettext

ON_TIMELINE, ON_MAP = TABS = (N_("On a timeline"), N_("On a map"))
PAGE = ui.PageSpec(
    __file__, "timeline", N_("Timeline 2023"), ":material/event:", position=4,
    # the 2023 events do not depend on the year filter, so it is not shown with them
    choice=ui.ViewChoice("scope", {views.SCOPE_YEAR: (), views.SCOPE_ALL: ("years",)}),
    tabs={"timeline_view": TABS},
    keys={"category": tuple(charts.CATEGORY_COLOURS),
          "theme": tuple(views.THEME_LABELS[c] for c in views.SPEECH_THEMES),
          "timeline_event": None},  # the event's label as the picker shows it; checked against the view on the page
    multi=frozenset({"category", "theme"}), defaulted=frozenset({"scope"}))


if __name__ == "__main__":  # run as a page by Streamlit; imported by the entry point for PAGE alone
    data = ui.data()
    f = ui.filters()
    events, passages = data["events"], data["passages"]
    opts = ui.options()

    st.title(_("{year} in China–Kazakhstan relations").format(year=views.SPEECH_YEAR), anchor=False)
    intro = [*views.year_intro(events),
             _("Click an event on the chart, or pick one below it, for its sources, where they disagree, and what the "
               "speech says about it.")]
    st.markdown(fmt.sentences(*intro))

    # pills rather than drop-down pickers: every choice in view, and lighter for the browser (docs/performance.md)
    c1, c2 = st.columns([1, 4], vertical_alignment="top")
    # the choices keep their English values (code compares with them); format_func shows them in the reader's language
    scope = c1.segmented_control(
        # TRANSLATORS: a choice of which events to show: the 2023 events or every milestone
        _("Show"), views.SCOPES, format_func=i18n.translator(), default=views.SCOPE_YEAR, required=True, key="scope",
        bind="query-params", help=_("The {year} events, or every milestone in kzcn's timeline (narrowed by the year "
                                    "filter, which the sidebar shows in that view).").format(year=views.SPEECH_YEAR),
    ) or views.SCOPE_YEAR
    present = set(events["category"])
    categories = c2.pills(_("Category"), [c for c in charts.CATEGORY_COLOURS if c in present],
                          format_func=i18n.translator(), selection_mode="multi", wrap=True, key="category",
                          bind="query-params",
                          help=_("Nothing selected shows every category."))
    theme_labels = st.pills(_("Theme of the speech"), [views.THEME_LABELS[c] for c in views.SPEECH_THEMES],
                            format_func=i18n.translator(), selection_mode="multi", wrap=True, key="theme",
                            bind="query-params",
                            help=_("The address reviews {year} under six numbered themes; an event can touch several. "
                                   "Nothing selected shows all six.").format(year=views.SPEECH_YEAR))

    scoped = views.events_in_scope(events, scope, f.years, (opts.year_min, opts.year_max))
    if scoped.note:
        st.caption(scoped.note)
    shown = views.filter_events(scoped.events, categories, views.theme_codes(theme_labels))

    if shown.empty:
        st.info(_("No event matches these filters. Clear the category or theme filter to see them all."),
                icon=":material/filter_alt_off:")
    else:  # no st.stop(): the entry point draws the language switch after the page

        x_range = ((f"{views.SPEECH_YEAR}-01-01", f"{views.SPEECH_YEAR + 1}-01-01") if scope == views.SCOPE_YEAR
                   else None)
        count = views.events_counted(shown, len(scoped.events), scope)
        source = ui.caption_for(shown)
        choices = views.event_choices(shown)
        linked = ui.link_value("timeline_event")
        view, tab = ui.open_tab(TABS, "timeline_view")  # one chart at a time: only the open tab is drawn
        with tab:
            if view == ON_TIMELINE:
                shown_below = views.event_to_show(choices, st.session_state.get("timeline_event"), linked)
                ui.chart(ui.figure(charts.events_timeline, shown, title=count, source=source,
                                   x_range=x_range, selected=shown_below), key="timeline-chart",
                         on_click=ui.picks_event("timeline-chart", "timeline_event", choices))
                ui.taps_as_clicks("timeline-chart")
                st.caption(views.timeline_help(len(shown), scope, named=len(shown) <= charts.TIMELINE_LABEL_LIMIT))
            else:
                venues = ui.derived(views.venues, shown)
                if venues.empty:
                    st.info(_("None of these events has a known place, so there is nothing to map."),
                            icon=":material/location_off:")
                else:
                    title = ngettext("Where they took place: {n} venue", "Where they took place: {n} venues",
                                     len(venues)).format(n=len(venues))
                    ui.chart(ui.figure(charts.venues_map, venues, title=title, source=source,
                                       phone=ui.on_a_phone()), key="timeline-map")
                points = _("The bigger the point, the more events; points are rough city centres, as the sources give "
                           "them.")
                st.caption(fmt.sentences(views.map_note(shown), points))

        st.header(_("Event details"), anchor=False)
        if linked is not None and linked not in choices.values():
            st.info(_("The event in the link, {value}, is not among the events shown here (check the filters above "
                      "and in the sidebar); showing the first one instead.").format(value=urlstate.quote(linked)),
                    icon=":material/link_off:")
        picked = st.selectbox(_("Event"), list(choices), format_func=lambda i: choices.get(i, i),
                              key="timeline_event", bind="query-params",
                              help=_("Every event of this view, oldest first. The link in your address bar keeps the "
                                     "event."))
        event_id = views.pick_event(choices, picked)
        row = shown.set_index("event_id").loc[event_id]

        with st.container(border=True):
            st.subheader(fmt.md_escape(row["title"]), anchor=False)
            st.markdown(f":material/event: {fmt.md_escape(fmt.when(row['start'], row['end']))} · "
                        f":material/label: {fmt.md_escape(_(row['category']))} · "
                        f":material/place: {fmt.md_escape(views.place(row['city'], row['country']))}")
            participants = row["participants"] if isinstance(row["participants"], str) and row["participants"] else None
            if participants:
                st.markdown(_("**Participants:** {participants}").format(participants=fmt.md_escape(participants)))
            else:
                st.markdown(_("**Participants:** not stated in the sources"))
            st.markdown(fmt.md_escape(row["summary"]))
            themes = [views.theme_label(t) for t in row["themes"]]
            if themes:
                st.caption(_("Speech themes: {themes}").format(
                    themes=fmt.md_escape(pgettext("list separator", ", ").join(themes))))
            if isinstance(row["disagreement"], str) and row["disagreement"]:
                st.info(_("**Where the sources disagree.**") + " " + fmt.md_escape(row["disagreement"]),
                        icon=":material/compare_arrows:")

            links, dropped = views.safe_links(row["source_urls"])
            st.markdown(_("**Sources**"))
            if links:
                with st.container(horizontal=True):
                    for i, (label, url) in enumerate(links):
                        st.link_button(fmt.md_escape(label), url, icon=":material/open_in_new:",
                                       key=f"src-{event_id}-{i}")
            if dropped:
                st.caption(ngettext("{n} source entry is not a web address and not shown as a link.",
                                    "{n} source entries are not a web address and not shown as a link.",
                                    dropped).format(n=dropped))
            if not links and not dropped:
                st.caption(_("No source address recorded for this event."))
            if isinstance(row["source_note"], str) and row["source_note"]:
                st.caption(_(":material/report: **About these sources:**") + " " + fmt.md_escape(row["source_note"]))

            mentioned = views.passages_for(row["passage_ids"], passages)
            if mentioned.empty:
                st.caption(_("The ambassador's address does not mention this event."))
            else:
                st.markdown(_("**What the address says**") if len(mentioned) == 1 else
                            ngettext("**What the address says** ({n} passage)",
                                     "**What the address says** ({n} passages)",
                                     len(mentioned)).format(n=len(mentioned)))
                if i18n.current() != i18n.DEFAULT:  # the address is quoted as published, never in a translation
                    st.caption(_("The address is quoted as published, in English; kzcn does not translate it."))
                headings = [sv.heading(p, passages) for p in mentioned.to_dict("records")]
                tabs = (st.tabs([h.split(" · ")[0] + " · " + h.split(" · ")[1] for h in headings])
                        if len(mentioned) > 1 else [st.container()])
                for tab, heading, text in zip(tabs, headings, mentioned["text"], strict=True):
                    with tab:
                        st.caption(fmt.md_escape(heading))
                        st.markdown("> " + fmt.md_escape(text))
                st.page_link(ui.page_path("speech"), label=_("Read the whole address, with its claims checked"),
                             icon=":material/arrow_forward:")

        if box := ui.lazy_expander(ngettext("The {n} event of this view as a table",
                                            "All {n} events of this view as a table", len(shown)).format(n=len(shown)),
                                   "timeline_table"):
            with box:  # built only when opened: the table widget alone delays the page's first chart
                table = ui.derived(views.events_table, shown)
                st.dataframe(table, hide_index=True)
                st.caption(source)
