"""Charts drawn once: every margin a chart plans (the dollar axis and its ticks in the reader's words, a category
axis's country or chapter names, the legend's rows) is what Plotly draws on a desktop from 1280 px wide. Where
Plotly finds it needs more, it grows the margin and draws the whole chart a second time (Plots.doAutoMargin, ~10 %
of a redraw: #15). Nor more than a legend row spare: a legend planned too tall leaves white between it and the
plot (checked at the 1280 px desktop legends are planned for). Only a browser knows the drawn size."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from helpers import ALL_CHARTS_DRAWN
from playwright.sync_api import Page

from app_pages import trade as trade_page
from kzcn import charts, i18n, partnerviews

CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
SIZES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(g => {
    const legend = g.querySelector('.legend');
    return {planned: g.layout.margin, drawn: g._fullLayout._size,
            legend_bottom: legend && legend.getBoundingClientRect().bottom - g.getBoundingClientRect().top}})"""
# between a legend drawn in the rows planned and its plot: 13 px (measured); one row spare adds 19 or 29 px (the
# titles of panels side by side are inside the plot's area: charts.finish's `panels`)
MOST_WHITE_UNDER_A_LEGEND = 13 + max(charts.LEGEND_ROW_PX.values()) + 6
PLANNED_FOR = 1280  # legends are planned for this desktop's column (charts.layout.CONTENT_PX); a wider one may keep
# two rows spare above a narrow chart's legend


# Each language once (~30 s a case): English and Russian at 1280, the narrower column Russian's long names fill
# most, Chinese at 1400
@pytest.mark.parametrize(("lang", "width"), [("zh", 1400), ("en", 1280), ("ru", 1280)])
def test_the_margins_planned_are_the_margins_drawn(page: Page, server, lang: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    with i18n.language(lang):  # China's share by sector: long chapter names on a bar chart and a heatmap; the
        # Partners tabs: rank and share axes, and legends wrapped to two charts side by side
        share = "trade?" + urlencode({"trade_view": i18n._(trade_page.TABS[3])}) + "&"
        # the gap tab's chapters: two panels, the right one's ticks in a right margin planned for them
        gap = "trade?" + urlencode({"trade_view": i18n._(trade_page.TABS[1])}) + "&"
        # the sector tab's bars over time: a grouped legend (Plotly packs each entry in its own width)
        sectors = "trade?" + urlencode({"trade_view": i18n._(trade_page.TABS[2])}) + "&"
        partners = ["partners?" + urlencode({"partners_view": i18n._(tab)}) + "&" for tab in partnerviews.TABS]
    # the speech's passage 10: its chart sits in an expander, a little narrower than the page
    for path in ("?", "trade?", gap, share, sectors, sectors + "chapters=87&", *partners, "speech?p10_chart=true&"):
        page.goto(f"{server.url}/{path}lang={lang}")
        page.wait_for_selector(CHART, timeout=60_000)
        page.wait_for_function(ALL_CHARTS_DRAWN, timeout=60_000)
        page.wait_for_timeout(300)  # a margin Plotly grows is a second pass, right after the first
        drawn = page.evaluate(SIZES)
        assert drawn, path
        for chart in drawn:
            for side in ("l", "t", "b", "r"):
                assert chart["drawn"][side] <= chart["planned"][side], (path, side, chart)
            if chart["legend_bottom"] is not None and width == PLANNED_FOR:
                assert chart["drawn"]["t"] - chart["legend_bottom"] <= MOST_WHITE_UNDER_A_LEGEND, (path, chart)
