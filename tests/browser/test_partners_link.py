"""The Partners page in a real browser: a shared link to a tab, opened on a fresh server, draws a chart naming China
and Russia together; a choice of flow goes into the URL (which AppTest cannot see)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from kzcn import i18n, partnerviews

PLOT = '[data-testid="stPlotlyChart"]'
CHART = f"{PLOT} .js-plotly-plot .main-svg"
ERROR = '[data-testid="stException"]'
SPLIT = "China, Russia, the EU and the rest"


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_timeout(800)  # let the last reruns settle


def test_a_shared_link_to_a_tab_draws_china_and_russia_on_one_chart(page: Page, fresh_server):
    link = f"{fresh_server.url}/partners?{urlencode({'partners_view': SPLIT, 'partners_flow': 'Exports'})}"
    open_page(page, link)  # nobody has opened the app on this server yet: a reader following a shared link
    expect(page.get_by_role("tab", name=SPLIT)).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("radio", name="Exports")).to_be_checked()
    expect(page.locator(PLOT)).to_have_count(2)  # one panel per source, never spliced
    for chart in page.locator(PLOT).all():
        legend = chart.locator(".legendtext").all_text_contents()
        assert "China" in legend and "Russia" in legend, legend
        assert re.search(r"as (IMF DOTS|BNS) reports", chart.locator("g.g-gtitle").text_content() or "")
    assert page.locator('[data-testid="stAlert"]').filter(has_text="Ignored").count() == 0
    assert page.locator(ERROR).count() == 0
    assert "Traceback" not in fresh_server.output()


def test_choosing_a_flow_and_a_year_writes_them_into_the_link(page: Page, server):
    open_page(page, f"{server.url}/partners")
    ticks = page.locator(PLOT).first.locator("g.ytick text")
    expect(ticks.filter(has_text=re.compile(r"^1\. "))).to_have_count(1)  # ranked bars, the first named
    page.get_by_text("Imports", exact=True).click()
    expect(page).to_have_url(re.compile(r"partners_flow=Imports"))
    slider = page.get_by_role("slider", name="Year for the ranking")
    slider.focus()
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"partners_year=2022"))
    title = page.locator(PLOT).first.locator("g.g-gtitle")  # lines wrapped for a phone: no space between them
    expect(title).to_contain_text(re.compile(r"2022, by share\s*of its imports"))
    assert page.locator(ERROR).count() == 0


CARDS_CUT = """() => [...document.querySelectorAll(
    '[data-testid=stMain] [data-testid=stMetricLabel], [data-testid=stMain] [data-testid=stMetricValue]')]
  .map(e => ({text: e.innerText.trim(), cut: [e, ...e.querySelectorAll('*')].some(
    c => c.scrollWidth > c.clientWidth + 1)}))"""


@pytest.mark.parametrize(("lang", "width"), [("zh", 1400), ("ru", 1280)])
def test_chinas_rank_cards_are_read_whole_on_a_desktop(browser: Browser, server, lang: str, width: int):
    """Three cards in three equal columns cut the Chinese place at 1,400 px («第34位（共205…») and its label; each
    card now takes the width of its words, and the next goes on a row of its own where it does not fit."""
    with i18n.language(lang):
        tab = i18n._(partnerviews.RANK_TAB)
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        open_page(page, f"{server.url}/partners?{urlencode({'partners_view': tab, 'lang': lang})}")
        cards = page.evaluate(CARDS_CUT)
        assert len(cards) == 6, cards  # three cards, a label and a value each
        assert not [card["text"] for card in cards if card["cut"]], cards
    finally:
        context.close()
