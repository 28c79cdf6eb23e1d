"""The Trade page's "By sector" tab in a real browser: treemaps drawn, a chapter opened by a click (through the
URL-bound filters) and closed again, a shared link."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from helpers import ALL_CHARTS_DRAWN, finger_drag
from playwright.sync_api import Page, expect

from kzcn import datasets, urlstate

PLOT = '[data-testid="stPlotlyChart"]'
CHART = f"{PLOT} .js-plotly-plot .main-svg"
ERROR = '[data-testid="stException"]'
SECTOR_TAB = "trade?trade_view=By+sector"


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_timeout(800)  # let the last reruns settle


def boxes(page: Page, chart: int = 0):
    """The text of each box in a treemap (chart: its place on the page)."""
    return page.locator(PLOT).nth(chart).locator("g.slicetext")


def test_the_sector_tab_draws_treemaps_by_chapter_and_starred_incomplete_years(page: Page, server):
    open_page(page, f"{server.url}/{SECTOR_TAB}&tree_year=2023")
    expect(page.locator(PLOT)).to_have_count(4)  # two treemaps, two bar charts
    expect(page.locator(f"{PLOT} g.xtick").first).to_be_attached()  # the bar charts' axes are drawn too
    assert page.locator(ERROR).count() == 0
    texts = boxes(page).all_text_contents()
    assert "Machinery and electronics" in texts
    assert any(t.startswith("84 ") for t in texts), texts  # machinery itemised by chapter, not a remainder
    ticks = page.locator(PLOT).nth(2).locator("g.xtick text").all_text_contents()
    assert "2021*" in ticks, ticks  # a year incomplete in the source is starred
    assert "Traceback" not in server.output()


def click_box(page: Page, text: str) -> None:
    """Click the box of the first treemap whose label starts with `text`, on its top edge (where its own label is:
    a parent's middle is covered by its children's boxes), as a reader's mouse would. Only once the page has
    settled: a click while the last rerun's charts were still being drawn (two test workers on two cores) was
    taken by Plotly as its own zoom, and the app never heard it."""
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=60_000)
    page.wait_for_timeout(300)
    label = page.locator("g.slicetext").filter(has_text=re.compile(f"^{re.escape(text)}"))  # relative to its box
    box = page.locator(PLOT).first.locator("g.slice").filter(has=label).first
    box.evaluate("box => box.scrollIntoView({block: 'center'})")  # clear of the page's sticky header
    edge = box.bounding_box()
    page.mouse.move(edge["x"] + 30, edge["y"] + 6)
    page.mouse.click(edge["x"] + 30, edge["y"] + 6)


def test_a_click_on_a_chapter_opens_its_headings_through_the_filters_and_the_top_box_goes_back(page: Page, server):
    open_page(page, f"{server.url}/{SECTOR_TAB}&tree_year=2023")
    headings = boxes(page).filter(has_text=re.compile(r"^8703"))
    assert headings.count() == 0
    # only the two levels in view are sent: ~100 boxes, not the ~1,100 with every heading
    assert page.locator(PLOT).first.locator("g.slice").count() < 200
    click_box(page, "87 ")
    expect(headings.first).to_be_visible(timeout=20_000)  # drawn after a rerun with the chapter chosen
    expect(page).to_have_url(re.compile(r"[?&]chapters=87\+"))  # the URL keeps the drill-down
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("HS4 headings", exact=True)).to_be_visible()
    assert not boxes(page).filter(has_text=re.compile(r"^Machinery and electronics")).count()
    click_box(page, "87 ")  # the chapter opened, now the box along the top: back up
    expect(boxes(page).filter(has_text=re.compile(r"^Machinery and electronics")).first).to_be_visible(
        timeout=20_000)
    expect(page).not_to_have_url(re.compile(r"chapters="))
    assert headings.count() == 0
    click_box(page, "87 ")  # the same box again opens it again (no stale selection)
    expect(headings.first).to_be_visible(timeout=20_000)
    assert page.locator(ERROR).count() == 0
    assert "Traceback" not in server.output()


def test_a_click_on_a_box_of_smaller_chapters_opens_them_all(page: Page, server):
    open_page(page, f"{server.url}/{SECTOR_TAB}&tree_year=2023")
    label = page.locator("g.slicetext").filter(has_text=re.compile(r"^\d+ smaller chapters"))  # relative to a box
    grouped = page.locator(PLOT).first.locator("g.slice").filter(has=label)
    assert grouped.count() >= 2  # boxes under 0.5% of the goods shown: one per sector that has several
    areas = [b["width"] * b["height"] for b in (h.bounding_box() for h in grouped.element_handles())]
    box = grouped.nth(areas.index(max(areas)))  # the largest, easy to hit
    n = int(re.match(r"\d+", box.locator("g.slicetext").text_content()).group())
    box.evaluate("box => box.scrollIntoView({block: 'center'})")
    edge = box.bounding_box()
    page.mouse.move(edge["x"] + edge["width"] / 2, edge["y"] + edge["height"] / 2)
    page.mouse.click(edge["x"] + edge["width"] / 2, edge["y"] + edge["height"] / 2)
    expect(page).to_have_url(re.compile(r"[?&]chapters="), timeout=20_000)  # the URL keeps the drill-down
    expect(page.locator(PLOT).first.locator("g.slicetext").filter(has_text=re.compile(r"smaller chapters"))
           ).to_have_count(0)  # the chapters are now the top boxes, with their headings
    assert len(re.findall(r"[?&]chapters=", page.url)) == n, page.url
    assert page.locator(ERROR).count() == 0
    assert "Traceback" not in server.output()


def test_a_shared_link_with_chapters_restores_the_heading_picker(page: Page, server):
    chapters = datasets.load("hs_chapters").set_index("hs_chapter")["chapter_name"]
    label = urlstate.chapter_label("87", chapters["87"])
    open_page(page, f"{server.url}/{SECTOR_TAB}&{urlencode({'sector': 'Vehicles', 'chapters': label})}")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("HS4 headings", exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stAlert"]').filter(has_text="Ignored")).to_have_count(0)
    expect(boxes(page).filter(has_text=re.compile(r"^8703")).first).to_be_visible()  # the chapter's headings
    assert page.locator(ERROR).count() == 0


def test_on_a_phone_a_finger_scrolls_over_a_treemap_and_a_tap_opens_a_box(browser, server):
    """Plotly must not take a finger dragged over a treemap (the page scrolls, nothing opens); a tap on a sector's
    box opens it through the URL-bound filter, as a click does."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{server.url}/{SECTOR_TAB}&tree_year=2023")  # the sidebar starts collapsed on a phone
        page.wait_for_selector(CHART, timeout=60_000)
        page.wait_for_timeout(800)
        assert "sector=" not in page.url
        box = page.locator(PLOT).first.locator("g.slice").nth(3)
        box.evaluate("box => box.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(300)
        edge = box.bounding_box()
        at = {"x": edge["x"] + edge["width"] / 2, "y": edge["y"] + edge["height"] / 2}
        touches, scrolled = finger_drag(context, page, at)
        assert touches and not any(touches)  # Plotly took none of the touches
        assert scrolled  # the page moved under the finger
        assert "sector=" not in page.url  # and a drag opened nothing
        label = page.locator("g.slicetext").filter(has_text=re.compile("^Vehicles"))
        vehicles = page.locator(PLOT).first.locator("g.slice").filter(has=label).first
        vehicles.evaluate("box => box.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(300)
        edge = vehicles.bounding_box()
        page.touchscreen.tap(edge["x"] + 30, edge["y"] + 6)  # its top edge, where its own label is
        page.wait_for_function("() => new URLSearchParams(location.search).get('sector') === 'Vehicles'",
                               timeout=20_000)
        assert page.locator(ERROR).count() == 0
    finally:
        context.close()
