"""The Timeline 2023 chart in Chromium: every event named on the chart without overprinting, on a desktop and on a
390 px phone, in light and dark; a click (a phone's tap) on an event's dot details it below and puts it in the URL,
and the link restores it; a finger on the chart still scrolls the page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from helpers import finger_drag
from playwright.sync_api import Browser, Page, expect

from kzcn import datasets, views

PLOT = ".st-key-timeline-chart .js-plotly-plot"
ERROR = '[data-testid="stException"]'
XI_BEIJING = "2023-10-17-xi-tokayev-meeting-beijing"
SKLYAR = "2023-09-14-sklyar-working-visit-lianyungang"


@pytest.fixture(scope="module")
def choices() -> dict[str, str]:
    events = datasets.load("events")
    return views.event_choices(events[events["start"].str.startswith("2023")].sort_values(["start", "end"]))


def open_timeline(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(f"{PLOT} .main-svg", timeout=60_000)
    page.wait_for_timeout(800)  # let the last reruns settle


def names(page: Page) -> list[dict]:
    """Each event's name on the chart: its text and where the browser drew it."""
    return page.evaluate("""plot => [...document.querySelectorAll(plot + ' .scatterlayer text')].map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, x: r.x, y: r.y, right: r.right, bottom: r.bottom, fill: getComputedStyle(t).fill};
    })""", PLOT)


def overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x"] < b["right"] and b["x"] < a["right"] and a["y"] < b["bottom"] and b["y"] < a["bottom"]]


def dot(page: Page, event_id: str) -> dict:
    """Where the event's dot is: centre (x, y) in the viewport, after scrolling it to the middle of the screen."""
    where = """([plot, id]) => {
        const gd = document.querySelector(plot);
        const scatters = gd.data.filter(t => t.type === 'scatter');
        for (const [n, trace] of scatters.entries()) {
            const i = (trace.customdata || []).findIndex(row => row[2] === id);
            if (i >= 0) return [n, i];
        }
        return null;
    }"""
    found = page.evaluate(where, [PLOT, event_id])
    assert found, event_id
    point = page.locator(f"{PLOT} .scatterlayer .trace").nth(found[0]).locator("path.point").nth(found[1])
    point.evaluate("p => p.scrollIntoView({block: 'center'})")  # clear of the page's sticky header
    box, before = point.bounding_box(), None
    while box != before:  # until the page stands still (a finger's fling, a rerun's redraw)
        page.wait_for_timeout(300)
        before, box = box, point.bounding_box()
    return {"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2}


def ringed(page: Page) -> str | None:
    """The event the chart rings: the dot under the ring (the one the details show)."""
    return page.evaluate("""plot => {
        const gd = document.querySelector(plot);
        const ring = gd.data.find(t => t.name === 'chosen event');
        if (!ring) return null;
        for (const t of gd.data.filter(t => t.type === 'scatter' && t.customdata)) {
            const i = t.x.findIndex((x, k) => x === ring.x[0] && t.y[k] === ring.y[0]);
            if (i >= 0) return t.customdata[i][2];
        }
        return null;
    }""", PLOT)


def linked_event(page: Page) -> str | None:
    values = parse_qs(urlparse(page.url).query).get("timeline_event")
    return values[0] if values else None


def luminance(css: str) -> float:
    r, g, b = (int(v) / 255 for v in css.removeprefix("rgb(").removesuffix(")").split(",")[:3])
    r, g, b = ((c / 12.92) if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_names(page: Page, width: int, count: int) -> None:
    boxes = names(page)
    assert len(boxes) == count
    assert not overlaps(boxes)
    assert all(b["x"] >= 0 and b["right"] <= width for b in boxes), [b["text"] for b in boxes if b["right"] > width]
    background = page.evaluate("() => getComputedStyle(document.querySelector('.stApp')).backgroundColor")
    assert min(contrast(b["fill"], background) for b in boxes) >= 3  # readable in this theme


def test_a_click_on_an_event_details_it_and_the_link_restores_it(page: Page, server, fresh_server, choices):
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_timeline(page, f"{server.url}/timeline")
    check_names(page, 1400, len(choices))
    assert ringed(page) == next(iter(choices)) and linked_event(page) is None
    at = dot(page, XI_BEIJING)
    page.mouse.click(at["x"], at["y"])
    expect(page.get_by_role("heading", name="Xi–Tokayev meeting in Beijing")).to_be_visible(timeout=20_000)
    page.wait_for_function("() => new URLSearchParams(location.search).has('timeline_event')", timeout=20_000)
    assert linked_event(page) == choices[XI_BEIJING]  # exactly as the picker writes it
    page.wait_for_timeout(800)
    assert ringed(page) == XI_BEIJING
    # a click beside the dots changes nothing
    box = page.locator(f"{PLOT} .nsewdrag").bounding_box()
    page.mouse.click(box["x"] + 40, box["y"] + box["height"] - 8)
    page.wait_for_timeout(1500)
    assert linked_event(page) == choices[XI_BEIJING]
    expect(page.get_by_role("heading", name="Xi–Tokayev meeting in Beijing")).to_be_visible()
    # the picker still works, and moves the ring
    picker = page.get_by_role("combobox", name="Event")
    picker.click()
    picker.fill("Sklyar")
    page.get_by_role("option", name=choices[SKLYAR]).click()
    page.wait_for_function("id => new URLSearchParams(location.search).get('timeline_event') === id",
                           arg=choices[SKLYAR], timeout=20_000)
    expect(page.get_by_role("heading", name="First Deputy PM Sklyar working visit to China (Lianyungang forum)")
           ).to_be_visible(timeout=20_000)
    page.wait_for_timeout(800)
    assert ringed(page) == SKLYAR
    # the link, opened by someone else on a freshly started server
    open_timeline(page, f"{fresh_server.url}/timeline?{urlparse(page.url).query}")
    expect(page.get_by_role("heading", name="First Deputy PM Sklyar working visit to China (Lianyungang forum)")
           ).to_be_visible()
    assert ringed(page) == SKLYAR
    assert page.locator(ERROR).count() == 0
    assert "Traceback" not in server.output() + fresh_server.output()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_names_fit_a_tap_picks_the_event_and_the_page_scrolls(browser: Browser, server, choices, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  color_scheme=scheme)
    page = context.new_page()
    try:
        open_timeline(page, f"{server.url}/timeline")
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_attribute("data-collapsed") == "true"  # the page is not covered by the sidebar
        assert page.locator('[data-testid="stMainBlockContainer"]').bounding_box()["x"] == 0
        check_names(page, 390, len(choices))
        # a finger on the chart: Plotly must not cancel the touch, or the page could not scroll under it
        touches, scrolled = finger_drag(context, page, dot(page, XI_BEIJING))
        assert touches and not any(touches)
        assert scrolled
        # two taps on two dots: the second tap details the second event (not the one tapped before)
        at = dot(page, XI_BEIJING)
        page.touchscreen.tap(at["x"], at["y"])
        expect(page.get_by_role("heading", name="Xi–Tokayev meeting in Beijing")).to_be_visible(timeout=20_000)
        page.wait_for_timeout(800)
        at = dot(page, SKLYAR)
        page.touchscreen.tap(at["x"], at["y"])
        page.wait_for_function("id => new URLSearchParams(location.search).get('timeline_event') === id",
                               arg=choices[SKLYAR], timeout=20_000)
        expect(page.get_by_role("heading", name="First Deputy PM Sklyar working visit to China (Lianyungang forum)")
               ).to_be_visible(timeout=20_000)
        page.wait_for_timeout(800)
        assert ringed(page) == SKLYAR
        check_names(page, 390, len(choices))  # the bold name of the chosen event still fits
        assert page.locator(ERROR).count() == 0
    finally:
        context.close()
