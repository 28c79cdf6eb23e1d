"""Time from opening each kzcn page in headless Chromium to its first chart drawn, against the bare app.

    .venv/bin/python bench/page_load.py            # 7 loads of each page, interleaved
    .venv/bin/python bench/page_load.py -n 5

Both servers run at once, started as in production (no file watcher, headless) on 127.0.0.1. Each page is loaded
once first (imports, data and caches warm up, as after any first visitor), then every load is a new browser
context (no cache, no cookies: a new reader). The time is the page's own clock (performance.now(): from the start
of navigation) when the first chart's SVG exists (`[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg`; for
Data & sources its table, `[data-testid="stDataFrame"]`; for the speech, which draws no chart until the reader opens
one, the heading of the address's last passage). The bare app's chart is the same kind of element.
"""

from __future__ import annotations

import argparse
from urllib.parse import urlencode

from _common import BARE, CHART, DASHBOARD, ERROR, PAGES, Server, launch_args, loadavg, median, table
from playwright.sync_api import sync_playwright

from kzcn import i18n

# a CSS selector, or "text:…" for the markdown element whose text starts so (the speech's last passage heading)
FIRST_DRAWN = """sel => (sel.startsWith("text:")
    ? [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
        .some(e => e.innerText.startsWith(sel.slice(5)))
    : document.querySelector(sel)) ? performance.now() : null"""
# a page opens on its first tab; these links open the tabs that draw the most, and the speech's first chart as a
# shared link opens it (reported, not part of the target)
TAB_LINKS = {"trade: By sector": "/trade?trade_view=By+sector",
             "timeline: On a map": "/timeline?timeline_view=On+a+map",
             "speech: passage 10's chart": "/speech?p10_chart=true",
             "partners: China's rank": "/partners?partners_view=China%27s+rank"}


def _in(lang: str, message: str) -> str:
    with i18n.language(lang):
        return i18n._(message)


# a shared link in Russian or Chinese: the page load of a view in that language (the sidebar's switch itself runs the
# view again in the same session, without a page load: bench/redraw.py --filters language)
LANGUAGE_LINKS = {"overview (ru)": "/?lang=ru", "overview (zh)": "/?lang=zh", "trade (zh)": "/trade?lang=zh",
                  "trade: By sector (ru)": "/trade?" + urlencode({"lang": "ru",
                                                                  "trade_view": _in("ru", "By sector")}),
                  "partners (ru)": "/partners?lang=ru", "timeline (zh)": "/timeline?lang=zh"}


def load_ms(browser, url: str, selector: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit", timeout=60_000)
        drawn = page.wait_for_function(FIRST_DRAWN, arg=selector, polling="raf", timeout=60_000).json_value()
        if page.locator(ERROR).count():
            raise RuntimeError(f"{url} shows an exception")
        return float(drawn)
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=7, help="measured loads per page (default 7)")
    args = parser.parse_args()
    print(f"load average before: {loadavg()}")
    bare, kzcn = Server(BARE), Server(DASHBOARD)
    targets = {"bare app": (f"{bare.url}/", CHART)}
    targets |= {name: (kzcn.url + path, selector) for name, (path, selector) in PAGES.items()}
    targets |= {name: (kzcn.url + path, CHART) for name, path in TAB_LINKS.items()}
    targets |= {name: (kzcn.url + path, CHART) for name, path in LANGUAGE_LINKS.items()}
    times: dict[str, list[float]] = {name: [] for name in targets}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(**launch_args())
            for url, selector in targets.values():  # warm-up, not counted
                load_ms(browser, url, selector)
            for _ in range(args.n):
                for name, (url, selector) in targets.items():
                    times[name].append(load_ms(browser, url, selector))
            browser.close()
    finally:
        bare.stop()
        kzcn.stop()
    floor = median(times["bare app"])
    rows = [[name, f"{median(t):.0f}", f"{min(t):.0f}", f"{max(t):.0f}", f"{median(t) / floor:.2f}×",
             "yes" if median(t) <= 1.2 * floor else "no"] for name, t in times.items()]
    print(table(rows, ["page", "median ms", "min", "max", "÷ bare", "≤ 1.2× bare"]))
    print(f"{args.n} loads each; load average after: {loadavg()}")


if __name__ == "__main__":
    main()
