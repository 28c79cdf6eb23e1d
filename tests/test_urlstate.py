"""Links are untrusted input: whatever a URL says, the check returns short, inert notices and never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kzcn import urlstate

OPTS = urlstate.Options(
    1992, 2024, ("Energy", "Ores and metals"), {"Energy": ("27",), "Ores and metals": ("26", "74")},
    {"27": "27 Mineral fuels", "26": "26 Ores, slag and ash", "74": "74 Copper"},
    {"tree_year": None, "scope": ("2023", "All"), "claims": ("matches", "differs")}, single_keys=frozenset({"scope"}))

keys = st.sampled_from([*urlstate.GLOBAL_KEYS, "tree_year", "scope", "claims", "x", "<b>", ""]) | st.text(max_size=30)
values = st.lists(st.text(max_size=300) | st.integers(-10**6, 10**6).map(str) |
                  st.sampled_from(["<script>alert(1)</script>", "[x](javascript:alert(1))", "$x$", "**b**",
                                   "1992", "2024", "Energy", "26 Ores, slag and ash"]), max_size=4)


@given(st.dictionaries(keys, values, max_size=6))
@settings(max_examples=300, deadline=None)
def test_any_link_gives_short_inert_notices(params):
    notices = urlstate.check(params, OPTS)
    for notice in notices:
        assert len(notice.text) < 400
        # every value from the URL sits inside a code span: no markdown, HTML or LaTeX reaches the page
        outside = notice.text.split("`")[::2]
        for fragment in outside:
            assert "<" not in fragment and "](" not in fragment and "$" not in fragment


def test_valid_links_give_no_notice():
    assert urlstate.check({"years": ["2015", "2020"], "sector": ["Energy"], "chapters": ["27 Mineral fuels"],
                           "direction": ["China → Kazakhstan"], "reporter": ["As China reports"],
                           "scope": ["All"], "tree_year": ["2020"]}, OPTS) == []


def test_each_kind_of_bad_value_is_named():
    cases = {
        "years": (["2020", "2015"], "first year is after"), "sector": (["Spaceships"], "not a known sector"),
        "reporter": (["a", "b"], "one value only"), "scope": (["1999"], "not a known value"),
    }
    for key, (value, words) in cases.items():
        notices = urlstate.check({key: value}, OPTS)
        assert [n.key for n in notices] == [key] and words in notices[0].text
    assert "unknown link parameter" in urlstate.check({"foo": ["1"]}, OPTS)[0].text
    assert "only one can be used" in urlstate.check({"scope": ["2023", "All"]}, OPTS)[0].text
    assert urlstate.check({"claims": ["matches", "differs"]}, OPTS) == []  # a multi-choice widget: fine
    assert "chosen sector" in urlstate.check({"sector": ["Energy"], "chapters": ["26 Ores, slag and ash"]},
                                             OPTS)[0].text


@given(st.lists(st.integers(-5000, 5000), min_size=0, max_size=3))
def test_clean_years_is_always_an_ordered_range_inside_the_data(values):
    start, end = urlstate.clean_years(values, OPTS)
    assert 1992 <= start <= end <= 2024


def test_quote_is_short_and_printable():
    text = urlstate.quote("a\x00b`c" + "x" * 100)
    assert text.startswith("`") and text.endswith("`") and "\x00" not in text and len(text) < 50


@given(values, st.lists(st.integers(1900, 2100).map(str), max_size=3))
@settings(max_examples=300, deadline=None)
def test_years_are_used_as_the_slider_read_them_only_when_that_is_two_years_inside_the_data(linked, read):
    """The link's years refused by check(), as Streamlit's bound slider wrote them into the URL (`read`)."""
    as_read = urlstate.years_read_as(linked, read, OPTS)
    refused = urlstate.check({"years": linked}, OPTS) != []
    if as_read is None:
        assert not refused or len(read) != 2 or not all(1992 <= int(v) <= 2024 for v in read)
        return
    years, notice = as_read
    assert refused and years == tuple(sorted(int(v) for v in read))
    assert notice.used and notice.key == "years" and f"as {years[0]}–{years[1]}" in notice.text
    assert "<" not in "".join(notice.text.split("`")[::2])  # the link's values only inside a code span


def test_a_link_that_needs_no_reading_gives_no_reading():
    assert urlstate.years_read_as(["2015", "2020"], ["2015", "2020"], OPTS) is None
    assert urlstate.years_read_as(["2015.5", "2020"], [], OPTS) is None  # the slider could not read it
    assert urlstate.years_read_as(["2015.5", "2020"], ["2015", "2020"], OPTS)[0] == (2015, 2020)
