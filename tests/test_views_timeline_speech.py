"""Pure shaping for the Timeline 2023 and The speech pages: kzcn.views (timeline part), kzcn.speechview, and the
figures kzcn.charts builds from them."""

from __future__ import annotations

import pandas as pd
import pytest

from kzcn import charts, datasets, fmt, views
from kzcn import speechview as sv
from kzcn.claims import VERDICTS

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
    assert views.SCOPE_FILTERS == {views.SCOPE_YEAR: (), views.SCOPE_ALL: ("years",)}


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


def test_map_note_counts_events_without_a_place(events):
    assert views.map_note(events).startswith("13 of the 118 events are not on the map")
    in_2023 = events[events["start"].str.startswith("2023")]
    assert views.map_note(in_2023).startswith("All 33 events are on the map.")
    assert views.map_note(events.iloc[:0]) == ""


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

def test_lanes_never_overlap():
    starts = pd.to_datetime(["2023-05-17", "2023-05-17", "2023-05-18", "2023-10-17", "2023-06-01"])
    ends = pd.to_datetime(["2023-05-18", "2023-05-20", "2023-05-19", "2023-10-18", "2023-06-02"])
    lanes = charts.event_lanes(list(starts), list(ends), min_width=pd.Timedelta(days=5))
    assert lanes[:3] == [0, 1, 2] and lanes[3] == 0
    for i in range(len(starts)):
        for j in range(i + 1, len(starts)):
            if lanes[i] == lanes[j]:
                a_end = max(ends[i], starts[i] + pd.Timedelta(days=5))
                b_end = max(ends[j], starts[j] + pd.Timedelta(days=5))
                assert a_end <= starts[j] or b_end <= starts[i]


def test_timeline_figure_carries_every_event_once(events):
    year = events[events["start"].str.startswith("2023")]
    fig = charts.events_timeline(year, title="t", source="Source: x.", x_range=("2023-01-01", "2024-01-01"))
    ids = [row[2] for trace in fig.data for row in trace.customdata]
    assert sorted(ids) == sorted(year["event_id"])
    assert {trace.name for trace in fig.data} == set(year["category"])
    assert fig.layout.annotations[0].text == "Source: x."
    for trace in fig.data:
        assert trace.marker.color == charts.CATEGORY_COLOURS[trace.name]


def test_month_only_events_cover_their_month(events):
    row = events[events["event_id"] == "1993-10-nazarbayev-first-official-visit-china"]
    fig = charts.events_timeline(row, title="t")
    assert fig.data[0].base[0] == "1993-10-01"
    assert fig.data[0].x[0] == pytest.approx(31 * 24 * 3600 * 1000)


def test_venue_map_has_one_point_per_venue(events):
    table = views.venues(events[events["start"].str.startswith("2023")])
    fig = charts.venues_map(table, title="m", source="Source: x.")
    assert len(fig.data) == 1 and len(fig.data[0].lat) == len(table)
    assert len(fig.data[0].textposition) == len(table)


def test_close_neighbours_get_labels_on_opposite_sides():
    positions = charts.label_positions([39.9, 39.3, 51.2], [116.4, 117.2, 71.4])
    assert positions == ["middle left", "middle right", "top center"]


# ---- the speech ----------------------------------------------------------------------------------------------

def test_passages_in_order_with_headings(passages):
    ordered = sv.ordered(passages)
    assert list(ordered["passage_id"]) == [f"p{i:02d}" for i in range(1, 15)]
    rows = ordered.set_index("passage_id", drop=False)
    assert sv.heading(rows.loc["p04"], passages) == "p04 · Paragraph 4, part 1 of 2 · Introduction"
    assert sv.heading(rows.loc["p05"], passages) == "p05 · Paragraph 4, part 2 of 2 · Introduction"
    assert sv.heading(rows.loc["p10"], passages) == "p10 · Paragraph 9 · 4 · Belt and Road"


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
