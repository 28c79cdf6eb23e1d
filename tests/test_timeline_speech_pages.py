"""Timeline 2023 and The speech through Streamlit's AppTest: the charts carry exactly the events the data says for
the chosen filters, the address is shown whole and verbatim, the claims table is complete, and bad links warn."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import streamlit
from helpers import arr, claim_cards, figures, one, open_link, run, title
from streamlit.proto.PlotlyChart_pb2 import PlotlyChart as PlotlyChartProto
from streamlit.testing.v1 import AppTest

from app_pages import speech as speech_page
from kzcn import datasets, fmt, ui, views
from kzcn import speechview as sv

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

TIMELINE, SPEECH = "app_pages/timeline.py", "app_pages/speech.py"


def titled(at: AppTest, part: str) -> dict:
    hits = [f for f in figures(at) if part in title(f)]
    assert hits, [title(f) for f in figures(at)]
    return hits[0]


def timeline_fig(at: AppTest) -> dict:
    """The timeline chart: its title counts the events or milestones shown."""
    hits = [f for f in figures(at) if re.match(r"\d+ (of the \d+ )?(events|milestones)", title(f))]
    assert len(hits) == 1, [title(f) for f in figures(at)]
    return hits[0]


def dots(fig: dict) -> list[dict]:
    """The timeline's dots, one trace per category (the bars of longer events and the ring carry no customdata)."""
    return [t for t in fig["data"] if t["type"] == "scatter" and "customdata" in t]


def timeline_ids(at: AppTest) -> list[str]:
    return [row[2] for trace in dots(timeline_fig(at)) for row in trace["customdata"]]


def ringed(at: AppTest) -> str | None:
    """The event the chart rings (the one the details show), from the ring's position among the dots."""
    fig = timeline_fig(at)
    ring = [t for t in fig["data"] if t.get("name") == "chosen event"]
    if not ring:
        return None
    at_xy = (ring[0]["x"][0], arr(ring[0]["y"])[0])
    hits = [row[2] for t in dots(fig) for x, y, row in zip(t["x"], arr(t["y"]), t["customdata"], strict=True)
            if (x, y) == at_xy]
    assert len(hits) == 1
    return hits[0]


def unescape(text: str) -> str:
    """Undo kzcn.fmt.md_escape (a backslash before a markdown-special character)."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>$~:=])", r"\1", text)


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return datasets.load("events")


def in_2023(events: pd.DataFrame) -> pd.DataFrame:
    return events[events["start"].str.startswith("2023")]


# ---- Timeline 2023 -------------------------------------------------------------------------------------------

def test_timeline_default_shows_the_2023_events_on_chart_and_map(events):
    at = run(TIMELINE)
    expected = in_2023(events)
    assert sorted(timeline_ids(at)) == sorted(expected["event_id"])
    assert len(at.get("plotly_chart")) == 1  # the map tab is built only when opened
    assert not at.dataframe  # so is the table of events
    at.session_state["timeline_table"] = True
    at.run()
    assert sorted(at.dataframe[0].value["Event"]) == sorted(expected["title"])
    at = run(TIMELINE, timeline_view="On a map")
    assert len(at.get("plotly_chart")) == 1
    geo = titled(at, "Where they took place")
    venues = expected.dropna(subset=["lat", "lon"]).drop_duplicates(["lat", "lon"])
    assert sorted(arr(geo["data"][0]["lat"])) == sorted(venues["lat"])
    assert any("All 33 events are on the map" in c.value for c in at.caption)
    assert not at.warning


def test_category_and_theme_from_a_link_filter_the_chart(events):
    at = run(TIMELINE, category=["summit", "agreement"], theme="4 · Belt and Road")
    expected = in_2023(events)
    expected = expected[expected["category"].isin(["summit", "agreement"])
                        & expected["themes"].map(lambda ts: "4-belt_and_road" in list(ts))]
    assert 0 < len(expected) < len(in_2023(events))
    assert sorted(timeline_ids(at)) == sorted(expected["event_id"])
    fig = timeline_fig(at)
    titles = sorted(row[0] for trace in dots(fig) for row in trace["customdata"])
    assert titles == sorted(expected["title"])
    assert title(fig).startswith(f"{len(expected)} of the 33 events")
    assert not at.warning


def test_theme_filter_alone(events):
    at = run(TIMELINE, theme=["3 · Visits at all levels"])
    expected = in_2023(events)
    expected = expected[expected["themes"].map(lambda ts: "3-visits_all_levels" in list(ts))]
    assert sorted(timeline_ids(at)) == sorted(expected["event_id"])


def test_scope_all_shows_the_milestones_before_2023(events):
    at = run(TIMELINE, scope=views.SCOPE_ALL)
    ids = timeline_ids(at)
    assert sorted(ids) == sorted(events["event_id"])
    assert "1992-01-03-diplomatic-relations-established" in ids
    at.session_state["timeline_view"] = "On a map"
    at.run()
    unplaced = int(events[["lat", "lon"]].isna().any(axis=1).sum())
    assert unplaced  # the shipped events include some with no place
    said = f"{unplaced} of the {len(events)} events are not on the map"
    assert any(said in c.value for c in at.caption)


def test_scope_all_follows_the_year_filter(events):
    at = run(TIMELINE, scope=views.SCOPE_ALL, years=["2010", "2015"])
    start, end = events["start"].str[:4].astype(int), events["end"].str[:4].astype(int)
    expected = events[(start <= 2015) & (end >= 2010)]
    assert sorted(timeline_ids(at)) == sorted(expected["event_id"])


def test_the_2023_view_hides_the_year_filter_it_does_not_apply(events):
    at = run(TIMELINE, years=["2010", "2015"])
    assert not at.sidebar.slider and not at.info and not at.warning
    assert sorted(timeline_ids(at)) == sorted(in_2023(events)["event_id"])
    at = run(TIMELINE, years=["2010", "2015"], scope="All milestones")  # the milestones follow the years
    assert at.slider(key="years").value == (2010, 2015)


def test_event_detail_card_shows_sources_disagreement_and_passages(events):
    at = run(TIMELINE)
    event_id = "2023-05-17-tokayev-state-visit-xian-summit"
    at.selectbox(key="timeline_event").set_value(event_id).run()
    assert not at.exception
    row = events.set_index("event_id").loc[event_id]
    buttons = at.get("link_button")
    assert sorted(b.proto.url for b in buttons) == sorted(row["source_urls"])
    assert any(unescape(row["disagreement"]) in unescape(i.value) for i in at.info)
    shown = " ".join(unescape(m.value) for m in at.markdown)
    passages = datasets.load("passages").set_index("passage_id")
    for pid in row["passage_ids"]:
        assert passages.loc[pid, "text"] in shown
    assert unescape(row["summary"]) in shown
    assert "17 May 2023 – 19 May 2023" in shown


def test_the_event_in_a_link_is_the_one_detailed(events):
    event_id = "2023-05-17-tokayev-state-visit-xian-summit"
    label = views.event_choices(events.set_index("event_id", drop=False).loc[[event_id]])[event_id]
    at = run(TIMELINE, timeline_event=label)
    assert at.selectbox(key="timeline_event").value == event_id
    assert unescape(events.set_index("event_id").loc[event_id, "title"]) in [unescape(h.value) for h in at.subheader]
    assert not at.warning and not any("not among the events" in i.value for i in at.info)


def click(fig: dict, event_id: str) -> dict:
    """What st.plotly_chart keeps after a click on an event's dot: Streamlit's selection state as the browser sends it
    (AppTest cannot click a chart)."""
    for curve, trace in enumerate(fig["data"]):
        for i, row in enumerate(trace.get("customdata") or []):
            if row[2] == event_id:
                point = {"curve_number": curve, "point_number": i, "point_index": i, "x": trace["x"][i],
                         "y": arr(trace["y"])[i], "customdata": row}
                return {"selection": {"points": [point], "point_indices": [i], "box": [], "lasso": []}}
    raise KeyError(event_id)


def on_click(state: dict, choices: dict[str, str], monkeypatch) -> None:
    """The page's on_select callback, run against `state` as Streamlit runs it against the session before a rerun."""
    with monkeypatch.context() as m:
        m.setattr(streamlit, "session_state", state)  # the module every ui function reads it from
        ui.picks_event("timeline-chart", "timeline_event", choices)()


def test_a_click_on_the_chart_details_the_event_and_keeps_it_in_the_url(events, monkeypatch):
    at = run(TIMELINE)
    choices = views.event_choices(in_2023(events))
    assert ringed(at) == next(iter(choices))  # the event detailed below, before any choice
    assert [m for m in at.get("plotly_chart")[0].proto.selection_mode] == [PlotlyChartProto.SelectionMode.POINTS]
    event_id = "2023-10-17-xi-tokayev-meeting-beijing"
    state = {"timeline-chart": click(timeline_fig(at), event_id)}
    on_click(state, choices, monkeypatch)
    assert state["timeline_event"] == event_id
    at.session_state["timeline_event"] = state["timeline_event"]  # what the callback set, in the app's session
    at.run()
    assert not at.exception
    assert at.selectbox(key="timeline_event").value == event_id
    assert [unescape(h.value) for h in at.subheader] == ["Xi–Tokayev meeting in Beijing"]
    assert ringed(at) == event_id
    # the URL then carries the picker's label (AppTest cannot see the URL the browser writes: tests/browser checks
    # it); that link, opened again, details and rings the same event
    again = run(TIMELINE, timeline_event=choices[event_id])
    assert again.selectbox(key="timeline_event").value == event_id and ringed(again) == event_id


@pytest.mark.parametrize("selection", [
    {"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}},  # a click beside the dots
    {"selection": {"points": [{"curve_number": 0, "point_index": 0, "x": "2023-05-17", "y": 1}]}},  # no event
    {"selection": {"points": [{"customdata": ["Old", "1 Jan 1900", "not-in-this-view"]}]}},
])
def test_a_click_on_nothing_keeps_the_chosen_event(events, monkeypatch, selection):
    choices = views.event_choices(in_2023(events))
    state = {"timeline-chart": selection, "timeline_event": "2023-10-17-xi-tokayev-meeting-beijing"}
    on_click(state, choices, monkeypatch)
    assert state["timeline_event"] == "2023-10-17-xi-tokayev-meeting-beijing"


def test_the_picker_moves_the_ring():
    at = run(TIMELINE)
    event_id = "2023-05-17-joint-statement-xian"
    at.selectbox(key="timeline_event").set_value(event_id).run()
    assert ringed(at) == event_id


def test_the_chart_names_the_events_unless_there_are_too_many(events):
    at = run(TIMELINE)
    assert all(t["mode"] == "markers+text" and len(t["text"]) == len(t["customdata"]) for t in dots(timeline_fig(at)))
    assert any(c.value.startswith("Click an event’s dot") for c in at.caption)
    assert any("kzcnTaps" in h.proto.body for h in at.get("html"))  # taps select on a phone (see ui.taps_as_clicks)
    at = run(TIMELINE, scope=views.SCOPE_ALL)
    assert all(t["mode"] == "markers" for t in dots(timeline_fig(at)))
    assert any(f"{len(events)} events are too many to name on the chart: pick a category or narrow the years" in c.value
               for c in at.caption)
    at = run(TIMELINE, scope=views.SCOPE_ALL, category="agreement")
    assert all(t["mode"] == "markers+text" for t in dots(timeline_fig(at)))


def test_an_event_link_the_view_cannot_show_says_so(events):
    at = run(TIMELINE, timeline_event="1 Jan 1900 · <b>nothing</b>")
    assert any("is not among the events shown here" in i.value and "`1 Jan 1900 · <b>nothing</b>`" in i.value
               for i in at.info)
    assert at.selectbox(key="timeline_event").value == next(iter(views.event_choices(in_2023(events))))


def test_month_only_event_keeps_its_precision_in_the_card():
    at = run(TIMELINE, scope=views.SCOPE_ALL)
    at.selectbox(key="timeline_event").set_value("1993-10-nazarbayev-first-official-visit-china").run()
    shown = " ".join(unescape(m.value) for m in at.markdown)
    assert "Oct 1993 (day not known)" in shown


def test_an_event_citing_copies_says_so_next_to_its_links():
    at = run(TIMELINE, scope=views.SCOPE_ALL)
    at.selectbox(key="timeline_event").set_value("1990-09-12-dostyk-alashankou-rail-link").run()
    notes = [unescape(c.value) for c in at.caption if "About these sources" in c.value]
    assert len(notes) == 1 and "memim.com" in notes[0] and "soolun.net" in notes[0]
    at.selectbox(key="timeline_event").set_value("2023-04-27-china-central-asia-foreign-ministers-xian").run()
    assert any("About these sources" in c.value for c in at.caption)  # a note that is not about copies shows too
    at.selectbox(key="timeline_event").set_value("2022-10-12-cica-summit-astana-wang-qishan").run()
    assert not any("About these sources" in c.value for c in at.caption)


def test_filters_that_match_nothing_say_so():
    at = run(TIMELINE, category="multilateral", theme="1 · Heads-of-state diplomacy")
    assert any("No event matches" in i.value for i in at.info)
    assert not at.get("plotly_chart")


# ---- The speech ----------------------------------------------------------------------------------------------

def test_speech_shows_every_passage_verbatim_in_order():
    at = run(SPEECH)
    passages = datasets.load("passages").sort_values("order")
    paragraphs = [[unescape(part) for part in m.value.split("\n\n")] for m in at.markdown]
    positions = []
    for text in passages["text"]:
        hits = [i for i, parts in enumerate(paragraphs) if text in parts]  # a whole paragraph, word for word
        assert hits, text[:60]
        positions.append(hits[0])
    assert positions == sorted(positions)  # in the order of the address
    shown = " ".join(unescape(m.value) for m in at.markdown)
    for note in passages["split_note"].dropna():
        assert note in shown
    assert not at.warning


CLAIMS_TAB = speech_page.TABS[1]


def card_field(card: str, label: str) -> str:
    return unescape(re.search(sv.CARD_FIELD.format(label=re.escape(label)), card, re.S).group(1))


def test_claims_tab_has_every_claim_with_its_verdict():
    at = run(SPEECH)
    assert not claim_cards(at)  # the address tab opens first; the cards are built only in their own tab
    at = run(SPEECH, speech_view=CLAIMS_TAB)
    assert not at.get("plotly_chart")
    claims = datasets.load("claims").sort_values("claim_id")
    cards = claim_cards(at)
    assert len(cards) == len(claims) == 17
    badges = [re.search(r":(\w+)-badge\[:material/\w+: ([a-z ]+)\]", card) for card in cards]
    assert all(badges), cards
    assert [b.group(2) for b in badges] == list(claims["verdict"])
    assert [re.search(r"\n> (.*?)\n", card).group(1) for card in cards] == [
        fmt.md_escape(t) for t in claims["claim_text"]]  # each claim quoted whole, as the speech says it
    assert [card_field(card, "Note") for card in cards] == list(claims["check_note"])
    c02 = card_field(next(card for card in cards if card.startswith("**p05 · c02**")), "Note")
    assert "Not checked: “have achieved complete success”" in c02 and "city Hangzhou matches" in c02


def test_claims_filter_from_a_link():
    at = run(SPEECH, claims="not checked", speech_view=CLAIMS_TAB)
    cards = claim_cards(at)
    assert len(cards) == 4 and all("not checked]" in card.split("\n")[0] for card in cards)
    at = run(SPEECH, claims="differs", speech_view=CLAIMS_TAB)
    assert not claim_cards(at) and any("No claim has this verdict" in i.value for i in at.info)


def test_speech_trade_charts_follow_the_year_filter():
    at = run(SPEECH, years=["2015", "2020"], p10_chart="true")
    fig = titled(at, "Trade turnover 2015–2020")
    xs = [x for t in fig["data"] for x in arr(t["x"])]
    assert xs and min(xs) >= 2015 and max(xs) <= 2020


def test_speech_draws_no_chart_until_the_reader_opens_one():
    at = run(SPEECH)
    assert not at.get("plotly_chart")  # the address first: every chart waits in a closed expander
    assert [t.label for t in at.tabs] == list(speech_page.TABS)  # passage 10's tabs are built only when open
    closed = [e for e in at.expander if e.label.startswith("Show the chart")]
    assert [e.label for e in closed] == [
        "Show the chart: trade turnover",
        "Show the charts: trade turnover, the mirror gap and trade by sector",
        "Show the chart: trade turnover"]  # passages 6, 10 and 13, in the order of the address
    assert not any(e.proto.expanded for e in closed)
    at.session_state["p06_chart"] = True  # what opening passage 6's expander sets
    at.run()
    assert [title(f)[:14] for f in figures(at)] == ["Trade turnover"]


@pytest.mark.parametrize(("params", "heading"), [
    ({"p10_chart": "true"}, "Trade turnover"),  # the open expander, on its first tab
    ({"p10_chart": "true", "p10_figures": "The mirror gap"}, "The mirror gap"),
    ({"p10_figures": "Trade by sector"}, "Goods Kazakhsta"),  # a link to a tab opens its expander
    ({"p13_chart": "true"}, "Trade turnover"),
])
def test_a_link_opens_a_passage_chart(params, heading):
    at = run(SPEECH, **params)
    assert [title(f)[:len(heading)] for f in figures(at)] == [heading]
    assert not at.warning


def test_a_passage_chart_closed_by_the_reader_stays_closed_despite_its_tab_link():
    at = run(SPEECH, p10_figures="The mirror gap")
    assert len(figures(at)) == 1
    at.session_state["p10_chart"] = False  # the reader closes it
    at.run()
    assert not figures(at)


# ---- bad links -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("page", "params"), [
    (TIMELINE, {"category": "Spaceships"}), (TIMELINE, {"theme": "1-heads_of_state_diplomacy"}),
    (TIMELINE, {"scope": "all"}), (TIMELINE, {"category": ["summit", "<b>x</b>"]}),
    (SPEECH, {"claims": "wrong", "speech_view": CLAIMS_TAB}), (SPEECH, {"speech_view": "Claims"}),
    (SPEECH, {"claims": ["matches", "`rm -rf`"], "speech_view": CLAIMS_TAB}),
    (SPEECH, {"p10_figures": "Trade"}), (TIMELINE, {"timeline_view": ["On a map", "On a timeline"]}),
    (SPEECH, {"p06_chart": "yes", "p10_chart": "true"}), (SPEECH, {"p01_chart": "true", "p13_chart": "true"}),
])
def test_invalid_page_params_warn_and_fall_back(page, params):
    at = open_link(page, **params)
    assert at.warning, "a notice should say the link was not used as it is"
    text = " ".join(w.value for w in at.warning)
    assert ("Ignored" in text or "only one can be used" in text) and "`" in text
    # the page still shows its content: charts, the claims' cards, or the address (whose charts wait to be opened)
    assert at.get("plotly_chart") or claim_cards(at) or any(
        m.value.startswith(":gray[:small[p14 ·") for m in at.markdown)


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_an_event_card_names_who_took_part_in_the_readers_language(events, lang):
    """The card's participants are kzcn's translation (event_translations), not the English of events.csv."""
    event_id = "2023-05-17-tokayev-state-visit-xian-summit"
    translated = one(datasets.load("event_translations"), event_id=event_id, lang=lang)["participants"]
    at = run(TIMELINE, lang=lang)
    at.selectbox(key="timeline_event").set_value(event_id).run()
    assert not at.exception
    shown = " ".join(unescape(m.value) for m in at.markdown)
    assert unescape(fmt.md_escape(translated)) in shown
    assert events.set_index("event_id").loc[event_id, "participants"] not in shown


def test_the_speechs_goods_chart_hatches_and_names_the_years_its_source_cut_short():
    """Passage 10's goods chart draws the sector tab's figures: the years UN Comtrade's records stop early
    (product_completeness) are hatched and named under it; it had drawn them as full years."""
    done = datasets.load("product_completeness")
    cut = done[(done["series"] == "wits_hs4") & (done["partner"] == "China") & (done["flow"] == "exports")
               & ~done["complete"]]
    assert len(cut)  # what this test needs of the shipped data
    year = int(cut["year"].iloc[0])
    at = run(SPEECH, p10_figures="Trade by sector", years=[str(year - 1), str(year + 1)])
    assert not at.exception
    (fig,) = figures(at)
    hatched = {int(x) for trace in fig["data"] for x, shape in zip(arr(trace["x"]), trace["marker"]["pattern"]["shape"],
                                                                   strict=True) if shape}
    assert hatched == {year} | {y for y in (year - 1, year + 1) if y in set(cut["year"])}
    assert any(str(year) in c.value and "incomplete" in c.value for c in at.caption)
