"""Timeline 2023: the year the ambassador's address looks back on, event by event, with the wider milestones a click
away; each event with its date, place, people, sources, the sources' disagreements and the speech's words on it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kzcn import charts, fmt, ui, urlstate, views
from kzcn import speechview as sv

data = ui.data()
f = ui.filters()
events, passages = data["events"], data["passages"]
opts = ui.options()

st.title("2023 in China–Kazakhstan relations", anchor=False)
year_events = events[events["start"].str[:4] == str(views.SPEECH_YEAR)]
named = int(year_events["passage_ids"].map(len).gt(0).sum())
st.markdown(
    f"The {len(year_events)} events of {views.SPEECH_YEAR} in kzcn's research table: the year the Chinese "
    f"ambassador's New Year address looks back on. {named} of them are named or referred to in the address. "
    "Click an event on the chart, or pick one below it, for its sources, where they disagree, and what the speech "
    "says about it."
)

# pills rather than drop-down pickers: every choice in view, and lighter for the browser (docs/performance.md)
c1, c2 = st.columns([1, 4], vertical_alignment="top")
scope = c1.segmented_control("Show", views.SCOPES, default=views.SCOPE_YEAR, required=True, key="scope",
                             bind="query-params", help="The 2023 events, or every milestone in kzcn's timeline "
                             "(narrowed by the year filter, which the sidebar shows in that view).") or views.SCOPE_YEAR
present = set(events["category"])
categories = c2.pills("Category", [c for c in charts.CATEGORY_COLOURS if c in present], selection_mode="multi",
                      wrap=True, key="category", bind="query-params", help="Nothing selected shows every category.")
theme_labels = st.pills("Theme of the speech", [views.THEME_LABELS[c] for c in views.SPEECH_THEMES],
                        selection_mode="multi", wrap=True, key="theme", bind="query-params",
                        help="The address reviews 2023 under six numbered themes; an event can touch several. "
                             "Nothing selected shows all six.")

scoped = views.events_in_scope(events, scope, f.years, (opts.year_min, opts.year_max))
if scoped.note:
    st.caption(scoped.note)
shown = views.filter_events(scoped.events, categories, views.theme_codes(theme_labels))

if shown.empty:
    st.info("No event matches these filters. Clear the category or theme filter to see them all.",
            icon=":material/filter_alt_off:")
    st.stop()

first, last = shown["start"].str[:4].min(), shown["end"].str[:4].max()
if scope == views.SCOPE_YEAR:
    noun, x_range = f"events of {views.SPEECH_YEAR}", (f"{views.SPEECH_YEAR}-01-01", f"{views.SPEECH_YEAR + 1}-01-01")
else:
    noun, x_range = f"milestones, {first}–{last}" if first != last else f"milestones, {first}", None
count = f"{len(shown)} {noun}" if len(shown) == len(scoped.events) else \
    f"{len(shown)} of the {len(scoped.events)} {noun}"
source = ui.caption_for(shown)
choices = views.event_choices(shown)
linked = ui.link_value("timeline_event")
view, tab = ui.open_tab(views.TIMELINE_TABS, "timeline_view")  # one chart at a time: only the open tab is drawn
with tab:
    if view == views.TIMELINE_TABS[0]:
        shown_below = views.event_to_show(choices, st.session_state.get("timeline_event"), linked)
        ui.chart(ui.figure(charts.events_timeline, shown, title=count, source=source,
                           x_range=x_range, selected=shown_below), key="timeline-chart",
                 on_click=ui.picks_event("timeline-chart", "timeline_event", choices))
        ui.taps_as_clicks("timeline-chart")
        labelled = len(shown) <= charts.TIMELINE_LABEL_LIMIT
        st.caption(("Click an event’s dot for its details below; the ring marks the event shown there. Names are "
                    "shortened: hover a dot for the whole title. " if labelled else
                    f"{len(shown)} events are too many to name on the chart: pick a category"
                    f"{' or narrow the years' if scope == views.SCOPE_ALL else ''} to see each one named. Hover a "
                    "dot for the event, click it for its details below. ")
                   + "A pale bar covers an event of several days, or the whole month where the sources give only "
                   "the month (its date then says “day not known”).")
    else:
        venues = ui.derived(views.venues, shown)
        if venues.empty:
            st.info("None of these events has a known place, so there is nothing to map.",
                    icon=":material/location_off:")
        else:
            ui.chart(ui.figure(charts.venues_map, venues, title=f"Where they took place: {len(venues)} "
                               f"venue{'s' if len(venues) != 1 else ''}", source=source), key="timeline-map")
        st.caption(views.map_note(shown) + " The bigger the point, the more events; points are rough city "
                   "centres, as the sources give them.")

st.header("Event details", anchor=False)
if linked is not None and linked not in choices.values():
    st.info(f"The event in the link, {urlstate.quote(linked)}, is not among the events shown here (check the "
            "filters above and in the sidebar); showing the first one instead.", icon=":material/link_off:")
picked = st.selectbox("Event", list(choices), format_func=lambda i: choices.get(i, i), key="timeline_event",
                      bind="query-params", help="Every event of this view, oldest first. The link in your "
                      "address bar keeps the event.")
event_id = views.pick_event(choices, picked)
row = shown.set_index("event_id").loc[event_id]

with st.container(border=True):
    st.subheader(fmt.md_escape(row["title"]), anchor=False)
    st.markdown(f":material/event: {fmt.md_escape(charts.when(row['start'], row['end']))} · "
                f":material/label: {fmt.md_escape(row['category'])} · "
                f":material/place: {fmt.md_escape(views.place(row['city'], row['country']))}")
    participants = row["participants"] if isinstance(row["participants"], str) and row["participants"] else None
    st.markdown(f"**Participants:** {fmt.md_escape(participants) if participants else 'not stated in the sources'}")
    st.markdown(fmt.md_escape(row["summary"]))
    themes = [views.theme_label(t) for t in row["themes"]]
    if themes:
        st.caption("Speech themes: " + fmt.md_escape(", ".join(themes)))
    if isinstance(row["disagreement"], str) and row["disagreement"]:
        st.info("**Where the sources disagree.** " + fmt.md_escape(row["disagreement"]),
                icon=":material/compare_arrows:")

    links, dropped = views.safe_links(row["source_urls"])
    st.markdown("**Sources**")
    if links:
        with st.container(horizontal=True):
            for i, (label, url) in enumerate(links):
                st.link_button(fmt.md_escape(label), url, icon=":material/open_in_new:", key=f"src-{event_id}-{i}")
    if dropped:
        st.caption(f"{dropped} source entr{'y is' if dropped == 1 else 'ies are'} not a web address and not shown "
                   "as a link.")
    if not links and not dropped:
        st.caption("No source address recorded for this event.")
    if isinstance(row["source_note"], str) and row["source_note"]:
        st.caption(":material/report: **About these sources:** " + fmt.md_escape(row["source_note"]))

    mentioned = views.passages_for(row["passage_ids"], passages)
    if mentioned.empty:
        st.caption("The ambassador's address does not mention this event.")
    else:
        st.markdown("**What the address says**" + (f" ({len(mentioned)} passages)" if len(mentioned) > 1 else ""))
        headings = [sv.heading(p, passages) for p in mentioned.to_dict("records")]
        tabs = st.tabs([h.split(" · ")[0] + " · " + h.split(" · ")[1] for h in headings]) if len(mentioned) > 1 \
            else [st.container()]
        for tab, heading, text in zip(tabs, headings, mentioned["text"], strict=True):
            with tab:
                st.caption(fmt.md_escape(heading))
                st.markdown("> " + fmt.md_escape(text))
        st.page_link("app_pages/speech.py", label="Read the whole address, with its claims checked",
                     icon=":material/arrow_forward:")

if box := ui.lazy_expander(f"All {len(shown)} events of this view as a table", "timeline_table"):
    with box:  # built only when opened: the table widget alone delays the page's first chart
        table = pd.DataFrame({
            "Date": [charts.when(s, e) for s, e in zip(shown["start"], shown["end"], strict=True)],
            "Event": shown["title"], "Category": shown["category"],
            "Place": [views.place(c, k) for c, k in zip(shown["city"], shown["country"], strict=True)],
            "In the address": shown["passage_ids"].map(lambda ids: "yes" if len(ids) else "no"),
        })
        st.dataframe(table, hide_index=True)
        st.caption(source)
