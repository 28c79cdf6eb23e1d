"""Pure shaping for the Timeline 2023 and The speech pages: kzcn.views (timeline part), kzcn.speechview, and the
figures kzcn.charts builds from them."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app_pages import timeline as timeline_page
from kzcn import charts, datasets, fmt, i18n, views
from kzcn import speechview as sv
from kzcn.charts import layout
from kzcn.claims import VERDICTS

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

LIMITS = (1992, 2024)  # the trade data's years: the ends of the sidebar's year slider


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return datasets.load("events")


@pytest.fixture(scope="module")
def passages() -> pd.DataFrame:
    return datasets.load("passages")


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return datasets.load("claims")


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return datasets.load("sources")


# ---- themes and scope ------------------------------------------------------------------------------------------

def test_every_theme_code_in_the_data_has_a_human_label(events, passages):
    codes = {t for ts in events["themes"] for t in ts} | set(passages["theme"])
    assert codes <= set(views.THEME_LABELS)
    assert views.theme_label("1-heads_of_state_diplomacy") == "1 · Heads-of-state diplomacy"
    assert views.theme_label("9-new_theme") == "9 · new theme"  # unknown codes stay readable
    labels = [views.THEME_LABELS[c] for c in views.SPEECH_THEMES]
    assert views.theme_codes([*labels, "nonsense"]) == list(views.SPEECH_THEMES)


def test_every_category_in_the_data_has_a_colour(events):
    assert set(events["category"]) <= set(charts.CATEGORY_COLOURS)


def test_2023_scope_is_the_events_starting_in_2023_oldest_first(events):
    scoped = views.events_in_scope(events, views.SCOPE_YEAR, LIMITS, LIMITS)
    expected = events[events["start"].str.startswith("2023")]
    assert len(scoped.events) == len(expected) == 33
    assert list(scoped.events["start"]) == sorted(scoped.events["start"])
    assert scoped.note == ""


def test_2023_scope_ignores_the_year_filter(events):
    scoped = views.events_in_scope(events, views.SCOPE_YEAR, (2010, 2015), LIMITS)
    assert len(scoped.events) == 33 and scoped.note == ""  # never an empty page: the sidebar hides the years here
    assert timeline_page.PAGE.choice.filters[views.SCOPE_YEAR] == ()  # what the Timeline declares


def test_all_milestones_at_the_slider_limits_include_events_outside_the_trade_years(events):
    scoped = views.events_in_scope(events, views.SCOPE_ALL, LIMITS, LIMITS)
    assert len(scoped.events) == len(events)
    assert scoped.events["start"].iloc[0].startswith("1990")
    assert scoped.events["start"].iloc[-1].startswith("2025")
    assert "All 118 milestones" in scoped.note and "1990–2025" in scoped.note


def test_all_milestones_follow_a_narrowed_year_filter(events):
    scoped = views.events_in_scope(events, views.SCOPE_ALL, (2010, 2015), LIMITS)
    start = scoped.events["start"].str[:4].astype(int)
    end = scoped.events["end"].str[:4].astype(int)
    assert ((start <= 2015) & (end >= 2010)).all()
    full_start, full_end = events["start"].str[:4].astype(int), events["end"].str[:4].astype(int)
    assert len(scoped.events) == int(((full_start <= 2015) & (full_end >= 2010)).sum())
    # an open lower end (slider at its minimum) keeps the 1990 background event
    early = views.events_in_scope(events, views.SCOPE_ALL, (1992, 2000), LIMITS)
    assert early.events["start"].iloc[0].startswith("1990")
    assert early.events["start"].str[:4].astype(int).max() <= 2000


def test_an_event_spanning_two_years_counts_in_both():
    frame = pd.DataFrame({"start": ["2023-07-04"], "end": ["2024-07-04"], "title": ["chair"]})
    assert len(views.events_in_scope(frame, views.SCOPE_ALL, (2024, 2024), (1992, 2030)).events) == 1


def test_filter_by_category_and_theme(events):
    picked = views.filter_events(events, ["summit", "agreement"], ["4-belt_and_road"])
    expected = events[events["category"].isin(["summit", "agreement"])
                      & events["themes"].map(lambda ts: "4-belt_and_road" in list(ts))]
    assert sorted(picked["event_id"]) == sorted(expected["event_id"])
    assert len(views.filter_events(events)) == len(events)
    # several themes: an event touching any of them
    either = views.filter_events(events, (), ["1-heads_of_state_diplomacy", "6-international_cooperation"])
    assert len(either) == int(events["themes"].map(
        lambda ts: bool({"1-heads_of_state_diplomacy", "6-international_cooperation"} & set(ts))).sum())


# ---- event details ---------------------------------------------------------------------------------------------

def test_choices_keep_month_precision_visible_and_pick_falls_back(events):
    choices = views.event_choices(events)
    assert choices["1993-10-nazarbayev-first-official-visit-china"].startswith("Oct 1993 (day not known) · ")
    assert views.pick_event(choices, "2023-05-17-joint-statement-xian") == "2023-05-17-joint-statement-xian"
    assert views.pick_event(choices, "gone") == next(iter(choices))
    assert views.pick_event({}, "x") is None


def test_place_says_when_the_sources_give_no_city():
    assert views.place("Xi'an", "China") == "Xi'an, China"
    assert views.place(float("nan"), "Kazakhstan/China") == "Kazakhstan/China (no city given in the sources)"
    assert views.place(None, None) == "Not stated in the sources"


@pytest.mark.parametrize(("url", "ok"), [
    ("https://www.inform.kz/en/x_a1/amp", True), ("http://example.org/a_(1997)", True),
    ("javascript:alert(1)", False), ("data:text/html,<b>x</b>", False), ("ftp://x.org/a", False),
    ("https://exa mple.org", False), ("//no-scheme.org/x", False), ("", False),
])
def test_only_web_addresses_become_links(url, ok):
    links, dropped = views.safe_links([url])
    assert (len(links), dropped) == ((1, 0) if ok else (0, 1))


def test_link_labels_are_hosts():
    links, _ = views.safe_links(["https://www.inform.kz/en/x", "http://the-uncensored-wiki.com:20121/a"])
    assert [label for label, _ in links] == ["inform.kz", "the-uncensored-wiki.com"]


def test_every_event_url_in_the_data_is_a_web_address(events):
    for urls in events["source_urls"]:
        links, dropped = views.safe_links(urls)
        assert dropped == 0 and len(links) == len(urls)


def test_map_note_counts_events_without_a_place():
    placed = pd.DataFrame({"lat": [51.2, 51.2, 43.2], "lon": [71.4, 71.4, 76.9]})
    unplaced = pd.DataFrame({"lat": [None, None], "lon": [None, None]}, dtype=float)
    both = pd.concat([placed, unplaced], ignore_index=True)
    assert views.map_note(both).startswith("2 of the 5 events are not on the map")
    assert views.map_note(both).endswith("1 venue hosted several events: each point lists every event held there.")
    assert views.map_note(placed.iloc[2:]) == "All 1 events are on the map."
    assert views.map_note(unplaced).startswith("None of the 2 events is on the map")
    assert views.map_note(placed.iloc[:0]) == ""


def test_venues_list_every_mapped_event_once(events):
    table = views.venues(events)
    mapped = events.dropna(subset=["lat", "lon"])
    assert table["count"].sum() == len(mapped)
    assert not table.duplicated(["lat", "lon"]).any()
    ids = [i for ids in table["event_ids"] for i in ids]
    assert sorted(ids) == sorted(mapped["event_id"])
    xian = table[table["place"] == "Xi'an, China"].iloc[0]
    assert xian["label"].count("<br>") == xian["count"] - 1


def test_passages_for_an_event_are_in_speech_order(passages):
    got = views.passages_for(["p12", "p05", "p07", "nope"], passages)
    assert list(got["passage_id"]) == ["p05", "p07", "p12"]
    assert views.passages_for([], passages).empty


# ---- figures -------------------------------------------------------------------------------------------------

def event_traces(fig) -> list:
    """The timeline's dots: one trace per category, with the events' customdata (spans and the ring carry none)."""
    return [t for t in fig.data if t.type == "scatter" and t.customdata is not None]


@pytest.mark.parametrize(("title", "lines"), [
    ("Xi–Tokayev talks in Xi'an", ["Xi–Tokayev", "talks in Xi'an"]),  # fits: kept whole, no lone last word
    ("First China–Central Asia Summit (Xi'an Declaration)", ["First China–Central", "Asia Summit"]),
    ("10th anniversary of the BRI: global conference at Nazarbayev University", ["10th anniversary", "of the BRI"]),
    ("Xi Jinping state visit, SCO Astana summit and EXPO-2017", ["Xi Jinping state visit"]),
    ("MoU to set up the first Lu Ban Workshop in Kazakhstan", ["MoU to set up the", "first Lu Ban Workshop…"]),
    ("Summit", ["Summit"]),
    ("(only brackets)", ["(only brackets)"]),  # nothing would be left: the title stays
    ("Ab: a much longer clause after a very short head of two letters", ["Ab: a much longer", "clause after a very…"]),
])
def test_short_titles(title, lines):
    assert charts.short_title(title) == lines


@pytest.mark.parametrize(("title", "lines"), [
    # a clause head that would leave a quote open is not taken; a quote cut by the ellipsis is closed after it
    ("Первый саммит «Китай – Центральная Азия»", ["Первый саммит", "«Китай…»"]),
    # a word longer than a line stays whole ("Межправительственно / е" read as two words)
    ("Межправительственное соглашение о культурном сотрудничестве", ["Межправительственное", "соглашение о…"]),
    ("习近平在北京会见托卡耶夫", ["习近平在北京", "会见托卡耶夫"]),  # not "…托卡耶 / 夫"
    ("习近平对哈萨克斯坦进行国事访问，出席上海合作组织阿斯塔纳峰会并发表重要讲话",
     ["习近平对哈萨克斯坦进行", "国事访问"]),
])
def test_short_titles_in_russian_and_chinese(title, lines):
    assert charts.short_title(title) == lines


def test_every_short_title_fits_and_only_shortens(events):
    for title in events["title"]:
        lines = charts.short_title(title)
        assert 1 <= len(lines) <= charts.TIMELINE_LINES, title
        assert all(len(line) <= charts.TIMELINE_LINE_CHARS for line in lines), (title, lines)
        words = [w.strip(",:;") for w in " ".join(lines).removesuffix("…").split()]
        source = iter(w.strip(",:;") for w in title.split())
        assert all(w in source for w in words), (title, lines)  # whole words of the title, in its order


def extents(starts, ends, widths, sides, half=charts.TIMELINE_MARKER_PX / 2, gap=4):
    return [(s - half - (gap + w if w and side == "left" else 0), max(e, s + half + (gap + w if w and side == "right"
                                                                                      else 0)))
            for s, e, w, side in zip(starts, ends, widths, sides, strict=True)]


def test_placed_names_never_overprint_and_stay_on_the_plot():
    # a day-long event every 3 px, a cluster on one day, a long event and names of every width
    starts = [0, 3, 6, 100, 100, 100, 150, 320, 329, 200]
    ends = [3, 6, 9, 101, 101, 140, 151, 321, 330, 330]
    widths = [120, 40, 0, 130, 90, 60, 130, 130, 10, 80]
    lanes, sides = charts.place_labels(starts, ends, widths, plot_px=330)
    boxes = extents(starts, ends, widths, sides)
    for i in range(len(starts)):
        for j in range(i + 1, len(starts)):
            if lanes[i] == lanes[j]:
                assert boxes[i][1] + 6 <= boxes[j][0] or boxes[j][1] + 6 <= boxes[i][0], (i, j)
    assert sides[0] == "right" and sides[7] == "left" and sides[8] == "left"  # room on one side only
    assert all(a >= -charts.TIMELINE_MARKER_PX and b <= 330 + charts.TIMELINE_MARKER_PX for a, b in boxes)
    assert len({lanes[3], lanes[4], lanes[5]}) == 3  # one day, three events: three lanes


def test_a_long_events_name_stands_clear_of_its_bar_where_it_fits():
    """The Universiade's and the SCO chair's names were drawn over their own pale bars."""
    _, sides = charts.place_labels([150.0, 20.0, 150.0], [330.0, 200.0, 151.0], [100.0, 100.0, 100.0], plot_px=330)
    assert sides == ["left", "right", "right"]  # room on its left; none (over its bar, then); a day-long event


def test_placed_lanes_read_oldest_first_and_reuse_free_room():
    lanes, sides = charts.place_labels([10.0, 250.0, 20.0], [11.0, 251.0, 21.0], [100.0, 100.0, 100.0], plot_px=330)
    assert sides == ["right", "left", "right"]  # 250 px: no room for 100 px on the right
    assert lanes == [0, 0, 1]  # 10 px first; 250's name, to its left, starts where 10's has ended
    lanes, _ = charts.place_labels([10.0, 250.0], [11.0, 251.0], [100.0, 100.0], plot_px=330)
    assert lanes == [0, 0]  # far apart: one lane
    lanes, _ = charts.place_labels([], [], [], plot_px=330)
    assert lanes == []


def test_timeline_figure_names_every_event_once(events):
    year = events[events["start"].str.startswith("2023")]
    fig = charts.events_timeline(year, title="t", source="Source: x.", x_range=("2023-01-01", "2024-01-01"))
    dots = event_traces(fig)
    ids = [row[2] for trace in dots for row in trace.customdata]
    assert sorted(ids) == sorted(year["event_id"])
    assert {trace.name for trace in dots} == set(year["category"])
    titles = dict(zip(year["event_id"], year["title"], strict=True))
    for trace in dots:
        assert trace.marker.color == charts.CATEGORY_COLOURS[trace.name]
        assert trace.mode == "markers+text" and trace.cliponaxis is False
        for text, row in zip(trace.text, trace.customdata, strict=True):
            assert text == "<br>".join(layout.plain(line) for line in charts.short_title(titles[row[2]]))
    headers = {html.unescape(a.text.split("<b>")[1].removesuffix("</b>")) for a in fig.layout.annotations[:-1]}
    assert headers == set(year["category"])  # each band named above it
    assert fig.layout.annotations[-1].text == "Source: x."
    assert fig.layout.xaxis.side == "top" and fig.layout.xaxis.fixedrange and fig.layout.yaxis.fixedrange
    assert not fig.layout.showlegend  # the bands are named on the chart: no legend to squeeze a phone's plot


def test_the_chosen_event_is_ringed_and_bold(events):
    year = events[events["start"].str.startswith("2023")]
    chosen = "2023-10-17-xi-tokayev-meeting-beijing"
    fig = charts.events_timeline(year, title="t", x_range=("2023-01-01", "2024-01-01"), selected=chosen)
    ring = [t for t in fig.data if t.name == "chosen event"]
    assert len(ring) == 1 and ring[0].hoverinfo == "skip" and ring[0].customdata is None
    hits = [(t, i) for t in event_traces(fig) for i, row in enumerate(t.customdata) if row[2] == chosen]
    assert len(hits) == 1
    trace, i = hits[0]
    assert (ring[0].x[0], ring[0].y[0]) == (trace.x[i], trace.y[i])
    assert trace.text[i].startswith("<b>") and sum(t.startswith("<b>") for d in event_traces(fig) for t in d.text) == 1
    plain = charts.events_timeline(year, title="t", x_range=("2023-01-01", "2024-01-01"), selected="not-an-event")
    assert not [t for t in plain.data if t.name == "chosen event"]


def test_too_many_events_are_dots_only(events):
    assert len(events) > charts.TIMELINE_LABEL_LIMIT
    fig = charts.events_timeline(events, title="t")
    assert all(t.mode == "markers" and t.text is None for t in event_traces(fig))
    assert sorted(row[2] for t in event_traces(fig) for row in t.customdata) == sorted(events["event_id"])


def test_names_are_text_not_markup():
    row = pd.DataFrame([{"event_id": "x", "start": "2023-05-01", "end": "2023-05-01", "category": "summit",
                         "title": "<b>A & B</b> summit"}])
    fig = charts.events_timeline(row, title="t", x_range=("2023-01-01", "2024-01-01"))
    assert event_traces(fig)[0].text[0] == "&lt;b&gt;A &amp; B&lt;/b&gt; summit"


def test_month_only_events_cover_their_month(events):
    row = events[events["event_id"] == "1993-10-nazarbayev-first-official-visit-china"]
    fig = charts.events_timeline(row, title="t")
    bar = next(t for t in fig.data if t.type == "bar")
    assert bar.base[0] == "1993-10-01"
    assert bar.x[0] == pytest.approx(31 * 24 * 3600 * 1000)
    assert event_traces(fig)[0].x[0] == "1993-10-01"


@pytest.mark.parametrize(("state", "picked"), [
    ({"selection": {"points": [{"curve_number": 1, "point_index": 0, "customdata": ["T", "d", "b"]}]}}, "b"),
    ({"selection": {"points": [{"customdata": ["T", "d", "a"]}, {"customdata": ["T", "d", "b"]}]}}, "b"),  # last
    ({"selection": {"points": [{"customdata": ["T", "d", "b"]}, {"customdata": ["T", "d", "zz"]}]}}, "b"),
    ({"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}}, None),  # a click beside, a deselection
    ({"selection": {"points": [{"curve_number": 0, "x": "2023-05-17"}]}}, None),  # a point without an event
    ({"selection": {"points": [{"customdata": ["T", "d", "zz"]}]}}, None),  # not an event of this view
    ({"selection": {"points": [{"customdata": "b"}]}}, None),
    ({"selection": None}, None), ({}, None), (None, None), ("b", None),
])
def test_the_event_clicked_on_the_chart(state, picked):
    assert views.selected_event(state, {"a", "b"}) == picked


def test_the_event_to_ring_is_the_one_the_picker_will_show(events):
    choices = views.event_choices(events[events["start"].str.startswith("2023")])
    first, second = list(choices)[:2]
    assert views.event_to_show(choices, second, None) == second  # the session's choice
    assert views.event_to_show(choices, None, choices[second]) == second  # a link carries the picker's label
    assert views.event_to_show(choices, "gone", "1 Jan 1900 · nothing") == first
    assert views.event_to_show(choices, second, choices[first]) == second  # the session's choice beats the link
    assert views.event_to_show({}, None, None) is None


def test_venue_map_has_one_point_per_venue(events):
    table = views.venues(events[events["start"].str.startswith("2023")])
    fig = charts.venues_map(table, title="m", source="Source: x.")
    assert len(fig.data) == 1 and len(fig.data[0].lat) == len(table)
    assert len(fig.data[0].textposition) == len(table)


MAP = {"lon_range": (45.0, 131.5), "lat_range": (25.0, 58.2)}  # the 2023 venues' map


def test_a_map_name_goes_where_it_overprints_nothing():
    # Beijing and Tianjin, 1 degree apart: Beijing (busier, placed first) above its point; Tianjin's name would
    # cover Beijing's or Beijing's point above and right, so it goes on another side
    placed = charts.place_map_names([39.9, 39.1, 51.2], [116.4, 117.2, 71.4], [40, 12, 40],
                                    ["Beijing", "Tianjin", "Astana"], **MAP)
    assert placed[0] == ("Beijing", "top center") and placed[2][0] == "Astana"
    assert placed[1][0] == "" or placed[1][1] != "top center"  # on another side, or left to the hover


def test_a_map_name_stays_inside_the_map_or_is_left_to_the_hover():
    # Shanghai near the map's right edge: its name would run off to the right (Plotly cut it: "Shangha")
    placed = charts.place_map_names([31.2], [131.0], [28], ["Shanghai"], **MAP)
    assert placed == [("Shanghai", "middle left")]
    # a point near the map's top-left corner has no room above it or to its left
    assert charts.place_map_names([55.0], [45.5], [12], ["Astana"], **MAP) == [("Astana", "middle right")]


@given(st.lists(st.tuples(st.floats(26, 57), st.floats(46, 130), st.integers(0, 8), st.booleans()), min_size=1,
                max_size=12))
def test_map_names_are_the_names_given_or_none(points):
    lats, lons, counts, named = zip(*points, strict=True)
    names = [f"City{i}" if n else "" for i, n in enumerate(named)]
    placed = charts.place_map_names(list(lats), list(lons), [8 + 4 * c for c in counts], names, **MAP)
    assert len(placed) == len(names)
    assert all(text in ("", name) and side in charts.LABEL_SIDES for (text, side), name in zip(placed, names,
                                                                                                 strict=True))
    lat, lon = lats[0], lons[0]
    if len(names) == 1 and names[0] and 30 <= lat <= 52 and 60 <= lon <= 115:
        assert placed[0][0] == names[0]  # a lone name away from the edges always has room


# ---- the speech ----------------------------------------------------------------------------------------------

def test_passages_in_order_with_headings(passages):
    ordered = sv.ordered(passages)
    assert list(ordered["passage_id"]) == [f"p{i:02d}" for i in range(1, 15)]
    rows = ordered.set_index("passage_id", drop=False)
    assert sv.heading(rows.loc["p04"], passages) == "p04 · Paragraph 4, part 1 of 2 · Introduction"
    assert sv.heading(rows.loc["p05"], passages) == "p05 · Paragraph 4, part 2 of 2 · Introduction"
    assert sv.heading(rows.loc["p10"], passages) == "p10 · Paragraph 9 · 4 · Belt and Road"


def test_a_passage_heading_names_its_theme_in_the_readers_language(passages):
    rows = sv.ordered(passages).set_index("passage_id", drop=False)
    with i18n.language("ru"):
        heading, theme = sv.heading(rows.loc["p10"], passages), i18n._(views.THEME_LABELS["4-belt_and_road"])
    assert theme != views.THEME_LABELS["4-belt_and_road"]
    assert heading.endswith(f" · {theme}") and "Belt and Road" not in heading


def test_events_by_passage_matches_the_events_table(events):
    by_passage = sv.events_by_passage(events)
    for pid, linked in by_passage.items():
        expected = events[events["passage_ids"].map(lambda ids, p=pid: p in list(ids))]
        assert sorted(linked["event_id"]) == sorted(expected["event_id"])
        assert list(linked["event_id"]) == list(expected.sort_values(["start", "end"])["event_id"])
    assert "p08" not in by_passage  # the documented unlinked passage


def test_passage_views_hold_every_passage_claim_and_event_in_order(passages, claims, events):
    shown = sv.passage_views(passages, claims, events)
    assert [p.passage_id for p in shown] == list(sv.ordered(passages)["passage_id"])
    text = passages.set_index("passage_id")["text"]
    by_passage = sv.events_by_passage(events)
    for p in shown:
        assert p.text == fmt.md_escape(text[p.passage_id])  # the words unchanged, only escaped for markdown
        mine = claims[claims["passage_id"] == p.passage_id].sort_values("claim_id")
        assert len(p.claims) == len(mine)
        for (claim, note), row in zip(p.claims, mine.itertuples(), strict=True):
            assert claim.startswith(sv.verdict_badge(row.verdict)) and fmt.md_escape(row.claim_text) in claim
            assert note == fmt.md_escape(row.check_note)
        assert len(p.events) == len(by_passage.get(p.passage_id, ()))
    assert next(p for p in shown if p.passage_id == "p10").views == ("turnover", "mirror_gap", "sectors")


def test_passage_markdown_keeps_the_words_and_lists_what_is_checked(passages, claims, events):
    shown = {p.passage_id: p for p in sv.passage_views(passages, claims, events)}
    text, about = sv.passage_markdown(shown["p10"], ["Trade turnover", "The mirror gap"])
    assert shown["p10"].text in text.split("\n\n")  # the passage is one paragraph of its own, unchanged
    assert text.startswith(sv.small(shown["p10"].heading))
    assert f"**Events it refers to** ({len(shown['p10'].events)})" in text
    assert about.count("-badge[") == len(shown["p10"].claims) == 5
    assert about.endswith("**Figures it talks about:** trade turnover, the mirror gap (below)")
    _, about = sv.passage_markdown(shown["p08"], [])
    assert about == sv.small(sv.NO_LINKS)


@pytest.mark.parametrize("verdict", VERDICTS)
def test_every_verdict_has_a_worded_badge(verdict):
    badge = sv.verdict_badge(verdict)
    assert badge.startswith(":") and "-badge[" in badge and verdict in badge
    assert verdict in sv.VERDICT_MEANING


def test_an_unknown_verdict_is_escaped():
    assert sv.verdict_badge("bad](x)") == r":gray-badge[bad\]\(x\)]"


@pytest.mark.parametrize(("value", "unit", "text"), [
    (36.87, "USD bn", "$36.87 bn"), (31.1, "% year on year", "31.1% year on year"), (1.0, "rank", "rank 1"),
    (11.0, "meeting number", "meeting number 11"), (4.0, "events", "4 events"), (None, "events", fmt.MISSING),
    (float("nan"), None, fmt.MISSING), (2.0, "× (doubling)", "2 × (doubling)"),
])
def test_stated_figures(value, unit, text):
    assert sv.stated(value, unit) == text


def test_a_stated_percent_is_written_as_the_readers_language_writes_it():
    """Russian writes "31,1 %" (a no-break space); the claim card had "31,1% в годовом выражении"."""
    with i18n.language("ru"):
        assert sv.stated(31.1, "% в годовом выражении") == fmt.pct(31.1, 1, signed=False) + " в годовом выражении"
        assert sv.stated(31.1, "% в годовом выражении").startswith("31,1\u00a0%")


def test_checked_figures_use_fmt_and_name_their_basis():
    assert sv.checked(41054792070.0, "USD", "full year 2023, as China reports") == \
        "$41.05 bn (full year 2023, as China reports)"
    assert sv.checked(31.6935780552428, "% year on year", None) == "+31.7% year on year"
    assert sv.checked(21.537, "% of turnover", "share") == "21.5% of turnover (share)"
    assert sv.checked(float("nan"), None, "events data") == "Events data"
    assert sv.checked(None, None, None) == fmt.MISSING


def test_claims_table_has_every_claim_in_speech_order(claims, sources, passages):
    table = sv.claims_table(claims, sources, passages)
    assert len(table) == len(claims) == 17
    assert list(table.columns) == sv.CLAIM_COLUMNS
    assert list(table["Claim (verbatim)"]) == list(claims.sort_values("claim_id")["claim_text"])
    assert list(table["Verdict"]) == list(claims.sort_values("claim_id")["verdict"])
    c09 = table.loc["p10 · c09"]
    assert c09["The speech's figure"] == "$36.87 bn — bilateral trade turnover (period: 2023 Jan–Nov)"
    assert c09["What kzcn's data says"].startswith("$41.05 bn")
    assert c09["Checked against"].startswith("United Nations Statistics Division")
    assert table.loc["p05 · c01", "Checked against"] == fmt.MISSING


def test_the_claims_table_describes_the_speechs_figure_in_kzcns_translation(claims, sources, passages):
    words = {("c09", "bilateral trade turnover"): "двусторонний товарооборот",
             ("c09", "2023 Jan–Nov"): "январь–ноябрь 2023 г.", ("c01", "% year on year"): "% в годовом выражении"}
    table = sv.claims_table(claims, sources, passages, words=words)
    assert table.loc["p10 · c09", "The speech's figure"] == \
        "$36.87 bn — двусторонний товарооборот (period: январь–ноябрь 2023 г.)"
    assert table.loc["p05 · c01", "The speech's figure"].startswith("5.2% в годовом выражении — China GDP growth")
    assert table.loc["p10 · c09", "Claim (verbatim)"] == sv.claims_table(claims, sources, passages).loc[
        "p10 · c09", "Claim (verbatim)"]  # the speech's own words are never translated


def test_claims_table_filters_by_verdict(claims, sources, passages):
    table = sv.claims_table(claims, sources, passages, ["not checked"])
    assert len(table) == int((claims["verdict"] == "not checked").sum()) == 4
    assert sv.claims_table(claims, sources, passages, ["differs"]).empty


def test_claims_markdown_escapes_data_and_badges_verdicts(claims, sources, passages):
    md = sv.as_markdown(sv.claims_table(claims, sources, passages))
    assert md.loc["p10 · c09", "Claim (verbatim)"] == fmt.md_escape(
        "In the first eleven months, trade between China and Kazakhstan reached $36.87 billion")
    assert "\\$" in md.loc["p10 · c09", "Claim (verbatim)"]
    assert md.loc["p10 · c09", "Verdict"] == sv.verdict_badge("no independent source")


def test_verdict_counts(claims):
    assert sv.verdict_counts(claims) == [("matches", 10), ("no independent source", 3), ("not checked", 4)]


@pytest.mark.parametrize(("url", "linked"), [
    ("https://chinastudies.kz/en/kazakhstan-and-china-en/16969/", True), ("javascript:alert(1)", False),
    ("https://x.org/a)(b", False), ("https://x.org/a b", False),
])
def test_md_link_only_links_plain_web_addresses(url, linked):
    text = sv.md_link("chinastudies.kz", url)
    assert text.startswith("[chinastudies\\.kz](") == linked
    if not linked:
        assert text == "chinastudies\\.kz"


def _events(*rows: tuple[str, str, str, list[str]]) -> pd.DataFrame:
    """Events as the page gets them: (start, end, category, passage_ids), with a title, a city and a country."""
    return pd.DataFrame([{"event_id": f"e{i}", "start": s, "end": e, "title": f"Event {i}", "category": c,
                          "city": "Astana" if i % 2 else None, "country": "Kazakhstan", "passage_ids": p}
                         for i, (s, e, c, p) in enumerate(rows)])


def test_year_intro_counts_the_year_and_what_the_address_names():
    events = _events(("2023-05-18", "2023-05-18", "summit", ["p01"]), ("2023-09", "2023-09", "agreement", []),
                     ("2022-09-14", "2022-09-14", "summit", ["p02"]))
    assert views.year_intro(events) == [
        "The 2 events of 2023 in kzcn's research table: the year the Chinese ambassador's New Year address looks "
        "back on.", "1 of them is named or referred to in the address."]


def test_the_chart_title_counts_what_it_shows_of_the_view():
    year = _events(("2023-05-18", "2023-05-18", "summit", []), ("2023-09", "2023-09", "agreement", []))
    assert views.events_counted(year, 2, views.SCOPE_YEAR) == "2 events of 2023"
    assert views.events_counted(year.iloc[:1], 2, views.SCOPE_YEAR) == "1 of the 2 events of 2023"
    span = _events(("1992-01-03", "1992-01-03", "agreement", []), ("2019-05", "2019-05", "infrastructure", []))
    assert views.events_counted(span, 2, views.SCOPE_ALL) == "2 milestones, 1992–2019"
    assert views.events_counted(span.iloc[1:], 5, views.SCOPE_ALL) == "1 of the 5 milestones, 2019"


def test_the_chart_help_says_how_to_see_names_when_there_are_too_many():
    assert views.timeline_help(12, views.SCOPE_YEAR, named=True).startswith("Click an event’s dot")
    assert "narrow the years" in views.timeline_help(90, views.SCOPE_ALL, named=False)
    assert "narrow the years" not in views.timeline_help(90, views.SCOPE_YEAR, named=False)
    assert views.timeline_help(90, views.SCOPE_YEAR, named=False).startswith("90 events are too many")


def test_the_events_table_reads_as_the_page_shows_it():
    table = views.events_table(_events(("2023-09", "2023-09", "agreement", []),
                                       ("2023-05-18", "2023-05-19", "summit", ["p10"])))
    assert list(table.columns) == ["Date", "Event", "Category", "Place", "In the address"]
    assert table["Date"].tolist() == ["Sep 2023 (day not known)", "18 May 2023 – 19 May 2023"]
    assert table["In the address"].tolist() == ["no", "yes"]
    assert table["Place"].tolist()[1].startswith("Astana")


def test_claim_cards_keep_every_column_of_the_claims_table(claims, sources, passages):
    table = sv.as_markdown(sv.claims_table(claims, sources, passages))
    cards = sv.claim_cards(table)
    assert [claim_id for claim_id, _card in cards] == [i.split(" · ")[1] for i in table.index]
    for (_claim_id, card), (index, row) in zip(cards, table.iterrows(), strict=True):
        head, _label, quote, *_rest = card.split("\n\n")
        assert head == f"**{index}** {row['Verdict']}" and quote == f"> {row['Claim (verbatim)']}"
        for column in ("The speech's figure", "What kzcn's data says", "Note", "Checked against"):
            assert re.search(sv.CARD_FIELD.format(label=re.escape(column)), card, re.S).group(1) == row[column]


def test_a_place_is_named_as_the_readers_language_names_it():
    """English and Russian "city, country"; Chinese the country first, without a comma: "中国天津", not
    "天津, 中国"."""
    assert views.place("Tianjin", "China") == "Tianjin, China"
    with i18n.language("zh"):
        assert views.place("天津", "中国") == "中国天津"
    with i18n.language("ru"):
        assert views.place("Тяньцзинь", "Китай") == "Тяньцзинь, Китай"
    assert views.place(None, "China") != "China" and views.place("Tianjin", None) == "Tianjin"
