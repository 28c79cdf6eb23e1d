"""Charts drawn once: every margin a chart plans (the dollar axis and its ticks in the reader's words, a category
axis's country or chapter names, the legend's rows) is what Plotly draws on a desktop from 1280 px wide. Where
Plotly finds it needs more, it grows the margin and draws the whole chart a second time (Plots.doAutoMargin, ~10 %
of a redraw: #15). Only a browser knows the drawn size."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page

from app_pages import trade as trade_page
from kzcn import i18n, partnerviews

CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
SIZES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(g => ({
    planned: g.layout.margin, drawn: g._fullLayout._size}))"""


@pytest.mark.parametrize(("lang", "width"), [("en", 1400), ("ru", 1400), ("zh", 1400), ("en", 1280)])
def test_the_margins_planned_are_the_margins_drawn(page: Page, server, lang: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    with i18n.language(lang):  # China's share by sector: long chapter names on a bar chart and a heatmap; the
        # Partners tabs: rank and share axes, and legends wrapped to two charts side by side
        share = "trade?" + urlencode({"trade_view": i18n._(trade_page.TABS[3])}) + "&"
        partners = ["partners?" + urlencode({"partners_view": i18n._(tab)}) + "&" for tab in partnerviews.TABS]
    # the speech's passage 10: its chart sits in an expander, a little narrower than the page
    for path in ("?", "trade?", share, *partners, "speech?p10_chart=true&"):
        page.goto(f"{server.url}/{path}lang={lang}")
        page.wait_for_selector(CHART, timeout=60_000)
        page.wait_for_timeout(800)
        charts = page.evaluate(SIZES)
        assert charts, path
        for chart in charts:
            for side in ("l", "t", "b", "r"):
                assert chart["drawn"][side] <= chart["planned"][side], (path, side, chart)
