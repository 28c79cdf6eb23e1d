"""The sidebar shows the filters a page applies; the others keep their values (from the session or the link) for
the next page that uses them."""

from __future__ import annotations

import pytest
from helpers import figures, run, title

from app_pages import trade as trade_page
from kzcn import ui, urlstate

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

TRADE, TIMELINE, SPEECH = "app_pages/trade.py", "app_pages/timeline.py", "app_pages/speech.py"
ALL = ["Years", "Sector", "HS chapters", "HS4 headings", "Direction of goods", "Whose figures"]
CHAPTER_LEVEL = [label for label in ALL if label != "HS4 headings"]  # the heading picker shows once chapters are


def filters_shown(at) -> list[str]:
    widgets = [*at.sidebar.slider, *at.sidebar.selectbox, *at.sidebar.multiselect, *at.sidebar.radio]
    widgets = [w for w in widgets if w.key != ui.LANGUAGE_KEY]  # the hidden field keeping ?lang=, not a filter
    return [w.label for w in sorted(widgets, key=lambda w: ALL.index(w.label))]


def hidden_note(at) -> str:
    return " ".join(c.value for c in at.sidebar.caption if c.value.startswith("Not used in this view"))


def test_each_page_shows_the_filters_it_applies():
    at = run()
    assert filters_shown(at) == ["Years", "Whose figures"]  # the overview: annual totals, each side's
    assert hidden_note(at) == ("Not used in this view: Sector, HS chapters, HS4 headings, Direction of goods. Kept "
                               "as set for the views that use them.")
    assert filters_shown(run(TIMELINE)) == []  # the 2023 events: no sidebar filter applies
    assert filters_shown(run(TIMELINE, scope="All milestones")) == ["Years"]
    at = run(SPEECH)
    assert filters_shown(at) == CHAPTER_LEVEL and "HS4 headings" in hidden_note(at)  # its charts stop at chapters
    at = run("app_pages/sources.py")
    assert filters_shown(at) == CHAPTER_LEVEL and not hidden_note(at)  # headings: once chapters are chosen


def test_each_trade_tab_shows_the_filters_it_applies():
    shown = {tab: filters_shown(run(TRADE, trade_view=tab)) for tab in trade_page.TABS}
    assert shown == {"Each side's figures": ["Years", "Direction of goods", "Whose figures"],
                     "Why the figures differ": ["Years", "Direction of goods"],
                     # whose figures: the tab's own choice, one side at a time, beside its charts
                     "By sector": ["Years", "Sector", "HS chapters", "Direction of goods"],
                     "China's share by sector": ["Years", "Sector", "Direction of goods"],
                     "Whole product mix, 2021": ["Years", "Sector", "HS chapters"]}
    assert filters_shown(run(TRADE)) == shown[trade_page.TABS[0]]  # the tab a plain link opens


def test_a_hidden_filter_keeps_the_value_set_on_another_page():
    at = run(TRADE, trade_view="By sector")
    at.selectbox(key="sector").set_value("Energy").run()
    at.radio(key="direction").set_value(urlstate.DIRECTIONS[2]).run()
    at.switch_page(TIMELINE).run()
    assert at.session_state[ui.FILTERS_KEY].sector == "Energy"  # not shown, still set
    at.switch_page(SPEECH).run()
    assert at.selectbox(key="sector").value == "Energy"
    assert at.radio(key="direction").value == urlstate.DIRECTIONS[2]
    assert at.query_params["sector"] == "Energy"  # back in the URL of the page that shows it
    assert not at.exception and not at.warning


def test_a_link_to_a_page_that_hides_a_filter_still_carries_it():
    at = run(sector="Energy", chapters=ui.options().chapter_labels["27"])
    assert filters_shown(at) == ["Years", "Whose figures"] and not at.warning
    at.switch_page(SPEECH).run()
    assert at.selectbox(key="sector").value == "Energy"
    assert at.multiselect(key="chapters").value == ["27"]


def test_a_bad_hidden_filter_in_a_link_gets_its_notice_and_the_default():
    at = run(sector="<b>Spaceships</b>")
    assert any("Ignored sector=`<b>Spaceships</b>`" in w.value for w in at.warning)
    at.switch_page(SPEECH).run()
    assert at.selectbox(key="sector").value == urlstate.ALL_SECTORS


def test_a_filter_set_in_one_trade_tab_waits_through_a_tab_without_it():
    at = run(TRADE, trade_view="By sector")
    at.selectbox(key="sector").set_value("Energy").run()
    at.session_state["trade_view"] = trade_page.TABS[0]  # what clicking the first tab sets
    at.run()
    assert "Sector" not in filters_shown(at)
    assert at.session_state[ui.FILTERS_KEY].sector == "Energy"
    at.session_state["trade_view"] = trade_page.TABS[2]
    at.run()
    assert at.selectbox(key="sector").value == "Energy" and not at.exception


def test_the_years_wait_through_a_view_without_them():
    at = run(TIMELINE, scope="All milestones")
    at.slider(key="years").set_value((2005, 2012)).run()
    at.session_state["scope"] = "2023"  # what choosing the 2023 events sets
    at.run()
    assert not at.sidebar.slider and at.session_state[ui.FILTERS_KEY].years == (2005, 2012)
    at.switch_page(TRADE).run()
    assert at.slider(key="years").value == (2005, 2012)
    assert not at.exception and not at.warning  # a restored range, not a default overridden by the session


def test_a_link_to_the_2023_view_still_carries_its_years():
    at = run(TIMELINE, years=["2001", "2009"])
    assert not at.sidebar.slider and not at.warning
    at.switch_page(TRADE).run()
    assert at.slider(key="years").value == (2001, 2009)


def test_the_sector_tab_chooses_whose_figures_itself_whatever_the_sidebar_kept():
    at = run(TRADE, trade_view="By sector", reporter="China")  # the sidebar's choice, kept from another view
    assert "Whose figures" not in filters_shown(at)
    assert at.radio(key="tree_side").value == "As Kazakhstan reports"  # the tab's own, not the hidden filter
    assert all("as Kazakhstan reports" in t for t in map(title, figures(at)))
