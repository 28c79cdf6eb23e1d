"""What AppTest cannot see: the URL the browser writes, deep links on a fresh server, and real rendering."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from kzcn import datasets, tables

CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
ERROR = '[data-testid="stException"]'
PAGES = ["", "trade", "partners", "timeline", "speech", "data"]
NO_CHART_ON_LOAD = ("speech", "data")  # the address (its charts open on demand); the data tables
# The years slider's ends: the annual data's years (1992 and 2024 as shipped; a rebuild may add years)
FIRST, LAST = (str(y) for y in tables.full_years({"trade_annual": datasets.load("trade_annual")}))


def open_page(page: Page, url: str, *, chart: bool = True) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)
    if chart:
        page.wait_for_selector(CHART, timeout=60_000)
    else:
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    page.wait_for_timeout(800)  # let the last reruns settle


def years_shown(page: Page) -> list[str]:
    """The years slider's two values, once it is drawn (a page without a chart on load, the Data page, could be
    read before its sidebar was, under two test workers)."""
    page.get_by_role("slider").first.wait_for(timeout=60_000)
    return [s.input_value() for s in page.get_by_role("slider").all()][:2]


def test_filter_change_goes_into_the_url_and_the_url_restores_the_view(page: Page, server, fresh_server):
    open_page(page, f"{server.url}/trade")
    page.get_by_text("As Kazakhstan reports", exact=True).first.click()
    slider = page.get_by_role("slider").first  # the lower thumb of Years
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"reporter=As\+Kazakhstan\+reports"))
    expect(page).to_have_url(re.compile(rf"years={int(FIRST) + 5}"))
    query = urlparse(page.url).query
    assert parse_qs(query)["years"] == [str(int(FIRST) + 5), LAST]
    # the copied link, opened by someone else on a freshly started server
    open_page(page, f"{fresh_server.url}/trade?{query}")
    assert years_shown(page) == [str(int(FIRST) + 5), LAST]
    expect(page.get_by_role("radio", name="As Kazakhstan reports")).to_be_checked()
    assert page.locator(ERROR).count() == 0


def test_filters_survive_a_page_switch(page: Page, server):
    open_page(page, f"{server.url}/?years=2010&years=2020&direction=China+%E2%86%92+Kazakhstan")
    page.get_by_role("link", name="Trade").first.click()
    page.wait_for_url(re.compile(r"/trade"))
    page.wait_for_selector(CHART, timeout=60_000)
    assert years_shown(page) == ["2010", "2020"]
    assert "years=2010" in page.url and "direction=" in page.url


@pytest.mark.parametrize("path", PAGES)
def test_deep_link_works_for_the_first_visitor_of_a_fresh_server(page: Page, fresh_server, path):
    """Every page draws its charts without an error, for a reader who opens a shared link first after a deploy
    (each page's default view is drawn by the phone's and the margins' tests)."""
    scope = "&scope=All+milestones" if path == "timeline" else ""  # the 2023 events do not apply the years
    open_page(page, f"{fresh_server.url}/{path}?years=2015&years=2020{scope}", chart=path not in NO_CHART_ON_LOAD)
    assert page.locator(ERROR).count() == 0
    assert years_shown(page) == ["2015", "2020"]
    assert "Traceback" not in fresh_server.output()


@pytest.mark.parametrize("query", ["years=abc", "years=2015.5&years=2030", "sector=%3Cscript%3Ealert(1)%3C/script%3E",
                                   "reporter=nobody", "unknown=1", "chapters=" + "x" * 3000])
def test_malformed_link_renders_defaults_with_a_notice(page: Page, server, query):
    messages: list[str] = []
    page.on("dialog", lambda d: (messages.append(d.message), d.dismiss()))
    open_page(page, f"{server.url}/trade?{query}")
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Ignored")
    expect(alert.first).to_be_visible()
    assert page.locator(ERROR).count() == 0
    assert years_shown(page) == [FIRST, LAST]
    assert not messages  # no script from the URL ever ran


def test_years_a_bad_link_is_read_as_are_the_years_its_address_bar_restores(page: Page, server):
    """Streamlit's slider reads years=2015.5 as 2015 and writes that into the address bar, which code cannot
    change: the page showed the default years under years=2015&years=2020, so a reader who shared the address
    shared another view."""
    open_page(page, f"{server.url}/trade?years=2015.5&years=2020")
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="as 2015–2020").first).to_be_visible()
    assert years_shown(page) == ["2015", "2020"]
    open_page(page, f"{server.url}/trade{page.evaluate('location.search')}")
    assert years_shown(page) == ["2015", "2020"]
    assert page.locator(ERROR).count() == 0


def test_open_tab_goes_into_the_url_and_the_link_restores_it(page: Page, server, fresh_server):
    open_page(page, f"{server.url}/trade")
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 1  # only the open tab is drawn
    page.get_by_role("tab", name="By sector", exact=True).click()
    expect(page).to_have_url(re.compile(r"trade_view=By\+sector"))
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(4)  # two treemaps, two bar charts
    open_page(page, f"{fresh_server.url}/trade?{urlparse(page.url).query}")
    expect(page.get_by_role("tab", name="By sector", exact=True)).to_have_attribute("aria-selected", "true")
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(4)
    assert page.locator(ERROR).count() == 0


def test_csv_download_holds_the_rows_shown(page: Page, server):
    open_page(page, f"{server.url}/data?dataset=Annual+trade&years=2020&years=2023", chart=False)
    caption = page.get_by_text(re.compile(r"\.csv: [\d,]+ rows")).first.inner_text()
    rows = int(re.search(r"([\d,]+) rows", caption).group(1).replace(",", ""))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these rows (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    lines = text.rstrip("\n").split("\n")
    assert lines[0].startswith("year,") and "source_publisher" in lines[0]
    assert len(lines) - 1 == rows > 0  # no multi-line cells in this table
    assert all(line[:4] in {"2020", "2021", "2022", "2023"} for line in lines[1:])
    assert download.value.suggested_filename.endswith(".csv")


def test_a_note_is_built_when_opened(page: Page, server):
    open_page(page, f"{server.url}/data", chart=False)
    assert page.get_by_text("Each publisher's own download page").count() == 0
    page.get_by_text("Last refreshed, and where to download the original files").click()
    expect(page.get_by_text("Each publisher's own download page")).to_be_visible(timeout=30_000)
    assert page.locator(ERROR).count() == 0


def test_the_chosen_event_goes_into_the_url_and_the_link_restores_it(page: Page, server, fresh_server):
    open_page(page, f"{server.url}/timeline")
    picker = page.get_by_role("combobox", name="Event")
    picker.click()
    picker.fill("Tokayev talks")  # the list is long: type to narrow it, as a reader would
    page.get_by_role("option", name=re.compile("Tokayev talks")).first.click()
    expect(page).to_have_url(re.compile(r"timeline_event="))
    expect(page.get_by_role("heading", name="Xi–Tokayev talks in Xi'an")).to_be_visible()
    open_page(page, f"{fresh_server.url}/timeline?{urlparse(page.url).query}")
    expect(page.get_by_role("heading", name="Xi–Tokayev talks in Xi'an")).to_be_visible()
    assert page.locator(ERROR).count() == 0


def test_a_passage_chart_opens_on_demand_and_a_link_restores_it(page: Page, server, fresh_server):
    open_page(page, f"{server.url}/speech", chart=False)
    expect(page.get_by_text(re.compile(r"^p14 · "))).to_be_visible()  # the whole address is drawn
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0  # and no chart until one is opened
    page.get_by_text("Show the charts: trade turnover, the mirror gap and trade by sector").click()
    expect(page).to_have_url(re.compile(r"p10_chart=true"))
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(1)
    page.get_by_role("tab", name="The mirror gap").click()
    expect(page).to_have_url(re.compile(r"p10_figures=The\+mirror\+gap"))
    open_page(page, f"{fresh_server.url}/speech?{urlparse(page.url).query}")
    expect(page.get_by_role("tab", name="The mirror gap")).to_have_attribute("aria-selected", "true")
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_have_count(1)
    assert page.locator(ERROR).count() == 0


def test_the_years_leave_the_url_in_a_view_without_them_and_come_back(page: Page, server):
    open_page(page, f"{server.url}/trade?years=2010&years=2020")
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Timeline 2023").click()
    expect(page.get_by_text(re.compile(r"^Not used in this view: Years"))).to_be_visible()
    assert page.get_by_role("slider").count() == 0
    page.get_by_text("All milestones", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"years=2010&years=2020"))
    assert years_shown(page) == ["2010", "2020"]
    assert page.locator(ERROR).count() == 0
