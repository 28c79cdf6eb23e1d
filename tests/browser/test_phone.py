"""On a 390 px phone: what AppTest cannot see, the room a label gets. Streamlit draws a page link's label and a
metric's label on one line and cuts what does not fit ("…with its claims ch", "…minus Kazakhs…"); neither has an
option to wrap."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from helpers import ALL_CHARTS_DRAWN
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from app_pages import speech as speech_page
from app_pages import timeline as timeline_page
from app_pages import trade as trade_page
from kzcn import i18n, method_notes, partnerviews
from kzcn.charts import layout as charts_layout
from kzcn.charts import trade as charts_trade

LANGS = ["en", "ru", "zh"]
# every page with page links in view as it opens, and how many it has at least (the Data page's are in notes
# opened on demand)
PAGES = {"": 2, "timeline": 1, "speech": 2}


# a phone's browser says so in its User-Agent ("Mobile"); Chromium's headless one does not
PHONE_USER_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    "Chrome/131.0.0.0 Mobile Safari/537.36")


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page in a 390 px phone's browser (touch, mobile viewport, a phone's User-Agent)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  user_agent=PHONE_USER_AGENT)
    try:
        yield context.new_page()
    finally:
        context.close()


def open_until(page: Page, url: str, selector: str, count: int) -> None:
    """Open `url` and wait until `count` elements match `selector` (the first can come before the rest)."""
    page.goto(url)
    page.wait_for_function("([s, n]) => document.querySelectorAll(s).length >= n", arg=[selector, count],
                           timeout=60_000)
    page.wait_for_timeout(300)


def open_note(page: Page, note: str, *, links: int) -> None:
    """Open a lazy expander and wait until the page shows `links` page links. A click that lands while the page
    is still running (two test workers on two cores) can be lost: click again only while it is still closed."""
    summary = page.locator('[data-testid="stExpander"] summary').filter(has_text=note)
    deadline = time.monotonic() + 90
    while True:
        if not summary.evaluate("s => s.closest('details').open"):
            summary.click()
        try:
            page.wait_for_function("n => document.querySelectorAll('[data-testid=stMain] [data-testid=stPageLink]')"
                                   ".length >= n", arg=links, timeout=15_000)
            return
        except PlaywrightTimeoutError:
            if time.monotonic() > deadline:
                raise


def until_drawn(page: Page, measure: str, count: int, arg: object = None) -> list:
    """Wait until the JS function `measure` (of `arg`) finds at least `count` charts, then give what it finds: a
    page's charts are drawn one after another, and a count of their parts (a chart has two .main-svg, many
    annotations) can be reached before the last is drawn."""
    page.wait_for_function(f"([arg, n]) => ({measure})(arg).length >= n", arg=[arg, count], timeout=60_000)
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=60_000)
    page.wait_for_timeout(300)
    return page.evaluate(measure, arg)


def all_charts_drawn(page: Page) -> None:
    page.wait_for_function(ALL_CHARTS_DRAWN, timeout=60_000)


def tab_path(lang: str, tab: str) -> str:
    """The Trade page opened at `tab`, its name in the link in `lang`, ready for more parameters."""
    with i18n.language(lang):
        return "trade?" + urlencode({"trade_view": i18n._(tab)}) + "&"


CUT = """() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stPageLink]')].map(link => ({
    text: link.innerText.trim(),
    cut: [...link.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1
                                             && getComputedStyle(e).overflow !== 'visible')}))"""


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_link_is_read_whole_on_a_phone(phone: Page, server, lang: str) -> None:
    for path, count in PAGES.items():
        open_until(phone, f"{server.url}/{path}?lang={lang}", '[data-testid="stMain"] [data-testid="stPageLink"]',
                   count)
        links = phone.evaluate(CUT)
        assert not [link["text"] for link in links if link["cut"]], (path, lang)
    # the Data page's links are in its notes, each opened by the reader (each opening reruns the page)
    open_until(phone, f"{server.url}/data?lang={lang}", '[data-testid="stMain"] [data-testid="stExpander"]', 3)
    with i18n.language(lang):
        notes = [i18n._("Whose figures: China's customs or Kazakhstan's statistics bureau"),
                 i18n._(method_notes.COVERAGE_TITLE), i18n._("Events: dates, places and disagreements")]
    for opened, note in enumerate(notes, start=1):
        open_note(phone, note, links=opened)
    links = phone.evaluate(CUT)
    assert not [link["text"] for link in links if link["cut"]], ("data", lang)


TITLE_LINES = """() => {
    const title = document.querySelector('[data-testid=stMain] h1'), style = getComputedStyle(title);
    const text = title.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    return Math.round(text / parseFloat(style.lineHeight)); }"""


def test_the_longest_page_titles_take_at_most_three_lines_on_a_phone(phone: Page, server) -> None:
    """In Russian, the longest titles (the other pages' take two lines): Streamlit sets a title in 44 px at every
    width, and the Partners page's took five lines of a phone's first screen, before."""
    for path in ("partners", "timeline", "speech"):
        open_until(phone, f"{server.url}/{path}?lang=ru", "[data-testid=stMain] h1", 1)
        # kzcn's style comes in an element Streamlit loads on first use: the first page a browser opens shows its
        # title at 44 px for ~0.3 s (measured), and longer on a busy machine
        phone.wait_for_function("() => [...document.querySelectorAll('style')].some(s => "
                                "s.textContent.includes('stHeadingWithActionElements'))", timeout=30_000)
        assert phone.evaluate(TITLE_LINES) <= 3, path


EVENT_MARKS = """(name) => { const gd = document.querySelector('.js-plotly-plot');
    const index = gd._fullData.findIndex(trace => trace.name === name);
    return [...gd.querySelectorAll('.scatterlayer .trace')[index].querySelectorAll('.point')]
        .map(point => point.getBoundingClientRect()).map(box => [box.left, box.right]).sort((a, b) => a[0] - b[0]); }"""


def test_the_overviews_event_marks_stand_apart_on_a_phone(phone: Page, server) -> None:
    """A year is ~8 px wide on a phone's Overview: diamonds of 11 px ran into one grey band, before."""
    open_until(phone, f"{server.url}/?lang=en", ".js-plotly-plot .scatterlayer .point", 1)
    with i18n.language("en"):
        marks = phone.evaluate(EVENT_MARKS, i18n._(charts_trade.EVENTS_NAME))
    assert len(marks) > 10
    assert all(left[1] <= right[0] for left, right in itertools.pairwise(marks)), marks


METRICS_CUT = """() => [...document.querySelectorAll(
    '[data-testid=stMain] [data-testid=stMetricLabel], [data-testid=stMain] [data-testid=stMetricValue]')]
  .map(label => ({
    text: label.innerText.trim(),
    cut: [label, ...label.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1)}))"""


@pytest.mark.parametrize("lang", LANGS)
def test_every_figures_label_is_read_whole_on_a_phone(phone: Page, server, lang: str) -> None:
    """The Overview's cards, the gap tab's two figures and the Partners rank tab's three places, label and value."""
    with i18n.language(lang):
        ranks = "partners?" + urlencode({"partners_view": i18n._(partnerviews.RANK_TAB)}) + "&"
    for path, count in (("?", 3), (tab_path(lang, trade_page.TABS[1]), 2), (ranks, 3)):
        open_until(phone, f"{server.url}/{path}lang={lang}", '[data-testid="stMain"] [data-testid="stMetricLabel"]',
                   count)
        labels = phone.evaluate(METRICS_CUT)
        assert not [label["text"] for label in labels if label["cut"]], (path, lang)


AXIS_TITLES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
    const title = gd.querySelector('.g-ytitle');
    return title && {plot: gd._fullLayout._size.h, title: title.getBoundingClientRect().height}}).filter(Boolean)"""


@pytest.mark.parametrize("lang", LANGS)
def test_a_dollar_axis_title_is_no_taller_than_its_plot_on_a_phone(phone: Page, server, lang: str) -> None:
    """Upright along the y axis, a title longer than the plot ran into the years and the source line below (the
    Overview, in Russian and English). The sector tab's bars are left out: on a phone their legend of up to nine
    groups takes most of the chart's height (docs/i18n.md, known limits)."""
    for path in ("?", "trade?"):
        open_until(phone, f"{server.url}/{path}lang={lang}", ".js-plotly-plot .g-ytitle", 1)
        phone.wait_for_timeout(500)
        charts = phone.evaluate(AXIS_TITLES)
        assert charts, path
        assert all(chart["title"] <= chart["plot"] for chart in charts), (path, lang, charts)


@pytest.mark.parametrize("lang", LANGS)
def test_china_s_share_heat_maps_keep_a_grid_on_a_phone(phone: Page, server, lang: str) -> None:
    """The chapter names beside a heat map took all but ~45 px of a phone's width in Russian and Chinese; with
    names of 20 cells the grid keeps 108–125 px (measured)."""
    share_tab = tab_path(lang, trade_page.TABS[3])
    phone.goto(f"{server.url}/{share_tab}lang={lang}")
    grids = until_drawn(phone, """() => [...document.querySelectorAll('.js-plotly-plot')]
        .filter(g => g._fullLayout && g.data[0].type === 'heatmap').map(g => g._fullLayout._size.w)""", 2)
    assert len(grids) == 2 and min(grids) >= 100, (lang, grids)


PANEL_TITLES = """(name) => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
    const box = e => { const b = e.getBoundingClientRect(), g = gd.getBoundingClientRect();
                       return {left: b.left - g.left, right: b.right - g.left, top: b.top - g.top,
                               bottom: b.bottom - g.top}; };
    const titles = gd._fullLayout.annotations.map((a, i) => a.name === name && gd.querySelector(
        `.annotation[data-index="${i}"] .annotation-text`)).filter(Boolean).map(box);
    const legend = gd.querySelector('.legend');
    return {titles, legend: legend && box(legend), width: gd.getBoundingClientRect().width,
            data_top: Math.min(...Object.values(gd._fullLayout).filter(v => v && v._id && v._id[0] === 'y')
                                    .map(axis => axis._offset))};
}).filter(chart => chart.titles.length)"""


@pytest.mark.parametrize("lang", LANGS)
def test_panel_titles_stand_apart_above_their_panels_on_a_phone(phone: Page, server, lang: str) -> None:
    """Trade's two panels (as each side reports) and the gap tab's (each direction of goods): each panel's title
    below the legend, which a phone wraps into more rows than a desktop, above the panel's data, inside the chart,
    and clear of its neighbour ("По данным КитаяПо данным Казахстана", and a legend row over the titles, before)."""
    for path, charts in (("trade?", 1), (tab_path(lang, trade_page.TABS[1]), 2)):
        phone.goto(f"{server.url}/{path}lang={lang}")
        drawn = until_drawn(phone, PANEL_TITLES, charts, charts_layout.PANEL_TITLE)
        assert len(drawn) == charts, (path, lang)
        for chart in drawn:
            left, right = sorted(chart["titles"], key=lambda t: t["left"])
            assert left["right"] < right["left"], (path, lang, chart)
            assert left["left"] >= 0 and right["right"] <= chart["width"], (path, lang, chart)
            for title in chart["titles"]:
                assert title["bottom"] <= chart["data_top"], (path, lang, chart)
                if chart["legend"]:
                    assert title["top"] >= chart["legend"]["bottom"], (path, lang, chart)


RIGHT_PANEL_TICKS = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd.querySelector('.y2tick'))
    .map(gd => { const layout = gd._fullLayout, chart = gd.getBoundingClientRect();
        const ticks = [...gd.querySelectorAll('.y2tick text')].map(t => t.getBoundingClientRect());
        return {left_panel_end: layout.xaxis._offset + layout.xaxis._length, right_panel_end: layout.xaxis2._offset +
                layout.xaxis2._length, ticks_left: Math.min(...ticks.map(t => t.left - chart.left)),
                ticks_right: Math.max(...ticks.map(t => t.right - chart.left)), width: chart.width}; })"""


def test_the_gap_tabs_right_panel_keeps_its_ticks_clear_of_the_left_panel_on_a_phone(phone: Page, server) -> None:
    """In Russian, the widest ticks ("4 млрд"): between the panels they ran 15 px into the left panel's bars."""
    open_until(phone, f"{server.url}/{tab_path('ru', trade_page.TABS[1])}lang=ru", ".js-plotly-plot .y2tick", 1)
    (chart,) = phone.evaluate(RIGHT_PANEL_TICKS)
    assert chart["left_panel_end"] < chart["right_panel_end"] <= chart["ticks_left"], chart
    assert chart["ticks_right"] <= chart["width"], chart


# a phone (no hover) shows Plotly's mode bar all the time, at the chart's top right
MODE_BAR_OVER_TEXT = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
    const bar = gd.querySelector('.modebar');
    if (!bar || getComputedStyle(bar.querySelector('.modebar-group') || bar).opacity === '0') return null;
    const m = bar.getBoundingClientRect();
    const over = [...gd.querySelectorAll('.gtitle, .legend .traces, .annotation-text, .g-xtitle, .xtick text')]
        .filter(e => { const b = e.getBoundingClientRect();
                       return b.left < m.right && b.right > m.left && b.top < m.bottom && b.bottom > m.top; })
        .map(e => e.textContent.slice(0, 40));
    return {buttons: bar.querySelectorAll('.modebar-btn').length, over, plot: gd._fullLayout._size.h,
            title: gd._fullLayout.title.text, map: !!gd._fullLayout.geo};
}).filter(Boolean)"""


def _views(lang: str) -> list[str]:
    with i18n.language(lang):
        return ["?", *(tab_path(lang, tab) for tab in trade_page.TABS),
                *("partners?" + urlencode({"partners_view": i18n._(tab)}) + "&" for tab in partnerviews.TABS),
                "timeline?", "timeline?" + urlencode({"timeline_view": i18n._(timeline_page.ON_MAP)}) + "&",
                "speech?p10_chart=true&"]


@pytest.mark.parametrize(("lang", "views"), [("ru", slice(None)), ("en", slice(0, 3)), ("zh", slice(0, 3))])
def test_the_mode_bar_covers_no_title_or_legend_on_a_phone(phone: Page, server, lang: str, views: slice) -> None:
    """Every chart of every view in Russian (the longest titles), the Overview and Trade's first tabs in English
    and Chinese. Its eight buttons covered the title of every chart with axes, before. And the same charts keep a
    plot worth reading under a legend a phone wraps into more rows (the sector tab's bars kept 137 px in Russian)."""
    for path in _views(lang)[views]:
        open_until(phone, f"{server.url}/{path}lang={lang}", ".js-plotly-plot .modebar", 1)
        all_charts_drawn(phone)
        charts = phone.evaluate(MODE_BAR_OVER_TEXT)
        assert charts, (path, lang)  # a phone shows it
        assert not [chart["over"] for chart in charts if chart["over"]], (path, lang)
        assert max(chart["buttons"] for chart in charts) <= 3, (path, lang)
        # (a map's plot is as tall as its region drawn a phone's width: test_the_maps_names_…)
        assert not [chart["title"] for chart in charts
                    if chart["plot"] < charts_layout.MIN_PHONE_PLOT_PX and not chart["map"]], (path, lang)


SOURCE_UNDER_LABELS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
    const notes = gd._fullLayout.annotations, last = notes.length - 1;  // finish's source line comes last
    const source = last >= 0 && notes[last].y === 0 && notes[last].yanchor === 'top'
        && gd.querySelector(`.annotation[data-index="${last}"] .annotation-text`);
    const labels = [...gd.querySelectorAll('.xtick text, .x2tick text')];
    return source && labels.length && {
        title: gd._fullLayout.title.text, source_top: source.getBoundingClientRect().top,
        labels_bottom: Math.max(...labels.map(label => label.getBoundingClientRect().bottom))};
}).filter(Boolean)"""


# the tabs' charts with x labels: the gap tab's two, the sector tab's two bars (not its treemaps), China's share's
# two bars and two heat maps
CHARTS_WITH_X_LABELS = {1: 2, 2: 2, 3: 4}


@pytest.mark.parametrize(("lang", "tabs"), [("en", [1, 2]), ("ru", [1, 2, 3]), ("zh", [1])])
def test_the_source_line_starts_below_labels_a_phone_stands_upright(phone: Page, server, lang: str,
                                                                     tabs: list[int]) -> None:
    """The gap tab's chapters ("HS 26", upright on a phone: they ran into the source line), the sector tab's years
    ("2014*", the same) and China's share heat maps' years."""
    for tab in tabs:
        path = tab_path(lang, trade_page.TABS[tab])
        phone.goto(f"{server.url}/{path}lang={lang}")
        charts = until_drawn(phone, SOURCE_UNDER_LABELS, CHARTS_WITH_X_LABELS[tab])
        for chart in charts:
            assert chart["source_top"] >= chart["labels_bottom"] + 4, (path, lang, chart)


CLAIM_CARDS = """() => [...document.querySelectorAll('[class*="st-key-claim-"]')].map(card => {
    const box = card.getBoundingClientRect();
    return {right: box.right, wide: [...card.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1
                                                                    && getComputedStyle(e).overflowX !== 'visible')};
})"""


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_claim_is_read_on_a_phone_without_scrolling_sideways(phone: Page, server, lang: str) -> None:
    """The speech's claims, one card each: as a table of six columns they were a strip of 850 px scrolled sideways
    on a phone, the verdicts and notes out of sight."""
    with i18n.language(lang):
        path = "speech?" + urlencode({"speech_view": i18n._(speech_page.TABS[1])}) + "&"
    open_until(phone, f"{server.url}/{path}lang={lang}", '[class*="st-key-claim-"]', 17)
    cards = phone.evaluate(CLAIM_CARDS)
    assert len(cards) >= 17
    assert all(card["right"] <= 390 and not card["wide"] for card in cards), (lang, cards)


MAP_NAMES = """() => { const gd = document.querySelector('.js-plotly-plot');
    const frame = gd.querySelector('.geo .bg').getBoundingClientRect();
    const names = [...gd.querySelectorAll('.scattergeo text')].filter(t => t.textContent).map(t => {
        const b = t.getBoundingClientRect(); return {text: t.textContent, left: b.left, right: b.right, top: b.top,
                                                      bottom: b.bottom}; });
    return {frame: {left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom}, names,
            plot: gd._fullLayout._size.h}; }"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_maps_names_neither_overprint_nor_run_off_it_on_a_phone(phone: Page, server, lang: str) -> None:
    """The Timeline's map of 2023 venues: Khorgos over Almaty, Beijing over Xi'an and "Shangha" cut at the map's
    frame, before; and the map fills its plot (it left ~90 px of white above and below it in a plot planned for a
    desktop)."""
    with i18n.language(lang):
        path = "timeline?" + urlencode({"timeline_view": i18n._(timeline_page.ON_MAP)}) + "&"
    open_until(phone, f"{server.url}/{path}lang={lang}", ".js-plotly-plot .scattergeo text", 3)
    drawn = phone.evaluate(MAP_NAMES)
    names, frame = drawn["names"], drawn["frame"]
    assert drawn["plot"] - (frame["bottom"] - frame["top"]) <= 12, drawn
    assert len(names) >= 3, drawn  # the busiest venues are named
    for i, a in enumerate(names):
        assert frame["left"] <= a["left"] and a["right"] <= frame["right"], (lang, a, frame)
        assert frame["top"] - 3 <= a["top"] and a["bottom"] <= frame["bottom"], (lang, a, frame)  # 3: line box
        for b in names[i + 1:]:
            assert (a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"]
                    or b["bottom"] <= a["top"]), (lang, a, b)


OPEN_TAB_SHOWN = """() => {
  const tab = document.querySelector('[data-testid=stMain] [role=tab][aria-selected=true]');
  let strip = tab.parentElement;
  while (strip && strip.scrollWidth <= strip.clientWidth + 1) strip = strip.parentElement;
  const box = tab.getBoundingClientRect(), view = (strip || tab.parentElement).getBoundingClientRect();
  const panel = document.querySelector('[data-testid=stMain] [role=tabpanel]:not([hidden])');
  const first = [...panel.querySelectorAll('[data-testid=stElementContainer]')]
    .find(e => getComputedStyle(e).display !== 'none');
  return {text: tab.innerText, shown: box.left >= view.left - 1 && box.right <= view.right + 1,
          gap: first.getBoundingClientRect().top - panel.getBoundingClientRect().top};
}"""


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_a_link_to_a_later_tab_shows_that_tab_on_a_phone(phone: Page, server, lang: str) -> None:
    """A phone shows a few of the Trade page's five tabs: a shared link to the last one opened it out of sight, a
    page under no visible tab. The strip is scrolled to it, and the script doing it takes no room in the panel."""
    open_until(phone, f"{server.url}/{tab_path(lang, trade_page.TABS[-1])}lang={lang}", ".js-plotly-plot .main-svg",
               1)
    phone.wait_for_timeout(500)
    seen = phone.evaluate(OPEN_TAB_SHOWN)
    assert seen["shown"], seen
    open_until(phone, f"{server.url}/{tab_path(lang, trade_page.TABS[0])}lang={lang}", ".js-plotly-plot .main-svg",
               1)
    assert phone.evaluate(OPEN_TAB_SHOWN)["gap"] == seen["gap"]  # the same room above the first content


TOOLBARS_AND_TEXT_ABOVE = """() => [...document.querySelectorAll('[data-testid=stMain] [data-testid=stElementToolbar]')]
  .map(bar => {
    const box = bar.closest('[data-testid=stElementContainer]'), above = box.previousElementSibling;
    const text = document.createRange();
    text.selectNodeContents(above);
    const bottoms = [...text.getClientRects()].map(r => r.bottom);
    return {top: bar.getBoundingClientRect().top, textBottom: Math.max(...bottoms),
            shown: getComputedStyle(bar).opacity !== '0', above: above.innerText.slice(0, 40)};
  })"""


def test_a_tables_toolbar_covers_no_text_above_it_on_a_phone(phone: Page, server) -> None:
    """A phone shows a table's toolbar at all times, 44 px above the table: it covered the end of the Data page's
    caption ("…direction) select" under the search and download buttons)."""
    open_until(phone, f"{server.url}/data", "[data-testid=stDataFrame]", 1)
    bars = phone.evaluate(TOOLBARS_AND_TEXT_ABOVE)
    assert bars and all(bar["shown"] for bar in bars), bars  # a device without hover shows them
    assert all(bar["top"] >= bar["textBottom"] - 0.5 for bar in bars), bars
