"""Chart conventions every page relies on: colours follow the goods, titles and sources fit a phone."""

from __future__ import annotations

import itertools
import math
import re
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcn import charts, fmt, i18n
from kzcn.charts import layout


def _totals() -> pd.DataFrame:
    rows = []
    for reporter in ("China", "Kazakhstan"):
        for year in (2022, 2023):
            rows.append({"year": year, "reporter": reporter, "exports": 2e9, "imports": 1e9, "balance": 1e9,
                         "turnover": 3e9, "series": "comtrade", "source_label": "UN Comtrade"})
    return pd.DataFrame(rows)


def test_the_same_goods_have_one_colour_whichever_side_counts_them():
    fig = charts.flows_by_reporter(_totals(), flows={"China": ["exports", "imports", "balance"],
                                                     "Kazakhstan": ["exports", "imports", "balance"]})
    colour = {t.hovertemplate.split("<extra>")[1][:-8]: t.marker.color for t in fig.data}
    assert colour["China's exports to Kazakhstan"] == colour["Kazakhstan's imports from China"] \
        == charts.DIRECTION_COLOURS["China → Kazakhstan"]
    assert colour["China's imports from Kazakhstan"] == colour["Kazakhstan's exports to China"] \
        == charts.DIRECTION_COLOURS["Kazakhstan → China"]
    # bars pair up: both panels draw goods China → Kazakhstan first
    panels = [[t.legendgroup for t in fig.data if t.xaxis == axis] for axis in ("x", "x2")]
    assert panels[0] == panels[1] == ["China → Kazakhstan", "Kazakhstan → China", "balance"]
    # one legend entry per kind of goods, not per side
    assert [t.name for t in fig.data if t.showlegend] == ["Goods China → Kazakhstan", "Goods Kazakhstan → China",
                                                          "Balance (exports minus imports)"]


def test_goods_direction_of_each_sides_flows():
    assert charts.goods_direction("China", "exports") == charts.goods_direction("Kazakhstan", "imports") \
        == "China → Kazakhstan"
    assert charts.goods_direction("China", "imports") == "Kazakhstan → China"


@given(st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=12), min_size=1, max_size=14))
def test_titles_wrap_to_a_phones_width_in_even_lines(words):
    text = " ".join(words)
    fig = layout.finish(go.Figure(), text, "")
    lines = fig.layout.title.text.split("<br>")
    plain = textwrap.wrap(text, charts.TITLE_WIDTH)
    assert " ".join(lines) == text
    assert len(lines) == len(plain)  # as few lines as plain wrapping
    assert max(map(len, lines)) <= max(map(len, plain))  # never wider, so the lines are evened out


def test_the_legend_hangs_under_the_title_whatever_its_length():
    def finished(title: str, *names: str) -> go.Figure:
        return layout.finish(go.Figure([go.Scatter(x=[1], y=[1], name=n) for n in names]), title, "")

    short, long = finished("Title", "a", "b"), finished("A title long enough to need a second line on a phone", "a")
    for fig in (short, long):
        legend_top = (1 - fig.layout.legend.y) * fig.layout.height  # pixels from the figure's top
        title_px = fig.layout.title.pad.t + 22 * len(fig.layout.title.text.split("<br>"))
        assert fig.layout.legend.yref == "container" and fig.layout.legend.yanchor == "top"
        assert title_px < legend_top < fig.layout.margin.t  # under the title, above the plot
    # a second line, and the rise Plotly gives a title of several lines (its first line drawn higher)
    more = 22 + layout.MULTILINE_TITLE_RISE_PX
    assert long.layout.margin.t - short.layout.margin.t == more and long.layout.height - short.layout.height == more
    bare = layout.finish(go.Figure(go.Treemap(labels=["a"], parents=[""], values=[1])), "Title", "")
    assert bare.layout.margin.t < short.layout.margin.t  # no legend, no room for one


def test_source_lines_wrap_to_a_phones_width():
    fig = layout.finish(go.Figure(), "T", "Sources: " + "a long publisher name, " * 12)
    note = fig.layout.annotations[-1].text.split("<br>")
    assert len(note) > 1 and all(len(line) <= charts.SOURCE_WIDTH for line in note)


@given(st.lists(st.sampled_from(["来源：", "（2份文件）；", "Bureau of National Statistics", "UN", "Бюро",
                                  "национальной", "статистики", "IMF", "数据与来源"]), min_size=1, max_size=30))
def test_source_lines_never_run_wider_than_a_phone_whatever_their_script(words):
    """A Chinese source line that names English publishers has lines of very different make-up: each one, not
    only the average, stays within the width (a Chinese character takes 2.3 Latin ones' room, Cyrillic 1.2)."""
    for line in layout.source_lines(" ".join(words), charts.SOURCE_WIDTH):
        wide = layout.text_cells(line) - len(line)
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in line)
        assert len(line) + 1.3 * wide + 0.2 * cyrillic <= charts.SOURCE_WIDTH + 1e-9, line  # float rounding


def test_the_source_line_starts_at_the_charts_left_edge_however_wide_its_axis():
    """A line wrapped for a phone fits only if it starts at the chart's edge, not after the axis: Russian ticks
    (10 млрд) and long category labels widen the margin, and the line is shifted back by as much."""
    def source_start(fig: go.Figure) -> float:
        note = fig.layout.annotations[-1]
        assert (note.xref, note.x, note.xanchor) == ("paper", 0, "left")
        return fig.layout.margin.l + note.xshift  # px from the chart's left edge
    bars = go.Figure([go.Bar(x=[2020], y=[20e9])], layout={"yaxis": dict(charts.USD_AXIS)})
    english = layout.finish(bars, "t", "Sources: a publisher", y_title="US$")
    with i18n.language("ru"):
        russian = layout.finish(bars, "t", "Sources: a publisher", y_title="US$")
    assert russian.layout.margin.l > english.layout.margin.l
    rows = pd.DataFrame({"rank": [1, 2], "name": ["China", "A country with a very long name indeed"],
                         "partner": ["CHN", "XXX"], "share_of_world": [0.2, 0.1], "value_usd": [1e9, 5e8],
                         "countries": [100, 100], "source_label": ["BNS", "BNS"]})
    partners = charts.partner_bars(rows, title="t", source="Source: BNS")
    assert partners.layout.margin.l > 200  # the long name's room, planned
    assert source_start(english) == source_start(russian) == source_start(partners) == 10


def test_the_map_names_only_its_busiest_venues():
    venues = pd.DataFrame({"lat": [40.0 + i for i in range(8)], "lon": [80.0 + i for i in range(8)],
                           "place": [f"City{i}, Kazakhstan" for i in range(8)], "city": [f"City{i}" for i in range(8)],
                           "count": [1, 5, 1, 3, 2, 1, 4, 2],
                           "label": ["x"] * 8})
    text = list(charts.venues_map(venues, title="Where").data[0].text)
    named = {t for t in text if t}
    # the six with most events (then by name), those whose names overprint nothing on a phone's map (the points are
    # 1 degree apart); the busiest always
    assert "City1" in named and named <= {"City1", "City6", "City3", "City4", "City7", "City0"}
    assert len(named) <= charts.MAP_NAMES and not {"City2", "City5"} & named


def test_a_phones_map_is_planned_as_tall_as_the_region_drawn_a_phones_width():
    """Plotly fits the region's wide shape into the plot and leaves the rest white: a plot planned for a desktop
    left ~90 px above and below the map on a phone."""
    venues = pd.DataFrame({"lat": [51.2, 39.9, 31.2], "lon": [71.4, 116.4, 121.5], "place": ["a", "b", "c"],
                           "city": ["Astana", "Beijing", "Shanghai"], "count": [3, 2, 1], "label": ["x"] * 3})
    desktop = charts.venues_map(venues, title="Where", source="Source: x.")
    phone = charts.venues_map(venues, title="Where", source="Source: x.", phone=True)
    geo = phone.layout.geo
    drawn = charts.map_height(tuple(geo.lonaxis.range), tuple(geo.lataxis.range))

    def plot(fig):
        return fig.layout.height - fig.layout.margin.t - fig.layout.margin.b

    assert drawn <= plot(phone) <= drawn + 8 < plot(desktop) - 60
    assert phone.layout.margin == desktop.layout.margin  # title and source as on a desktop


def test_goods_bars_hatch_only_incomplete_years_and_keep_the_legend_solid():
    bars = pd.DataFrame({"year": [2020, 2021, 2022, 2020, 2022], "group": ["Energy"] * 3 + ["Vehicles"] * 2,
                         "value_usd": [1e9, 2e9, 3e9, 4e8, 5e8], "source_id": "s"})
    years = pd.DataFrame({"year": [2020, 2021, 2022], "complete": [False, True, True]})
    fig = charts.goods_bars(bars, years, title="t", level="sector")
    for trace in fig.data:
        hatched = {int(x) for x, shape in zip(trace.x, trace.marker.pattern.shape, strict=True) if shape}
        assert hatched == {2020}  # the incomplete year, wherever it sits in the arrays
        assert trace.marker.pattern.shape[0] == ""  # Plotly's legend shows the first bar's hatching
        assert dict(zip(trace.x, trace.y, strict=True))[2020] in (1e9, 4e8)  # values stay with their years
    assert list(fig.layout.xaxis.ticktext) == ["2020*", "2021", "2022"]
    # said over the hatched bar, at its top: a cut year's short bar had read as a fall in trade
    marks = [(a.x, a.y, a.text) for a in fig.layout.annotations if a.text == "incomplete"]
    assert marks == [(2020, 1.4e9, "incomplete")]


def test_another_series_total_stands_beside_a_cut_year_never_stacked_on_it():
    """2020–2022 as Kazakhstan reports were drawn at ~30% of the bureau's total and read as a collapse of trade:
    the bureau's all-goods figure is a dash beside the cut bar, its own trace, and "incomplete" goes over it."""
    bars = pd.DataFrame({"year": [2019, 2020], "group": ["Energy", "Energy"], "value_usd": [5e9, 2e9],
                         "source_id": "s"})
    years = pd.DataFrame({"year": [2019, 2020], "complete": [True, False]})
    totals = pd.DataFrame({"year": [2020], "value_usd": [6.4e9], "series": ["kz_bns"], "source_id": ["b"]})
    fig = charts.goods_bars(bars, years, title="t", level="sector", totals=totals, totals_name="All goods, BNS")
    dash = [t for t in fig.data if t.name == "All goods, BNS"]
    assert len(dash) == 1 and dash[0].type == "scatter" and list(dash[0].y) == [6.4e9]
    assert [t.type for t in fig.data if t.name != "All goods, BNS"] == ["bar"]  # the bars hold the source alone
    assert [(a.x, a.y) for a in fig.layout.annotations if a.text == "incomplete"] == [(2020, 6.4e9)]
    assert len(charts.goods_bars(bars, years, title="t", level="sector").data) == 1


def test_a_legend_too_long_for_one_row_gets_its_rows_planned_above_the_plot():
    """Plotly redraws a whole chart when its automatic margins differ from the layout's, so the legend's rows on a
    1400 px desktop are planned: the plot keeps its height and sits under every row."""
    def lines(names: list[str]) -> go.Figure:
        return layout.finish(go.Figure([go.Scatter(x=[1, 2], y=[1, 2], name=n) for n in names]), "t", "s",
                              y_title="US$", height=600)  # tall enough for a phone's six rows
    one = lines(["China", "Kazakhstan"])
    two = lines([f"A long legend entry number {i}" for i in range(6)])  # ~6 × 190 px: two rows in 852 px
    assert two.layout.margin.t - one.layout.margin.t == charts.LEGEND_ROW_PX["other"]
    assert two.layout.height - one.layout.height == charts.LEGEND_ROW_PX["other"]  # the plot area is unchanged
    assert one.layout.margin.l == two.layout.margin.l == charts.USD_AXIS_LEFT  # room for the dollar ticks


def test_legend_rows_pack_as_plotly_does():
    """Measured in Chromium on the Overview's legend: 2 rows at 1400 px (848 px of plot), 3 at 1280, 1 at 1600; with
    one entry fewer (the speech's chart) 1 row at 1400. All in one row if all fit; else each entry takes the widest's
    room."""
    names = ["Turnover as China reports", "Turnover as Kazakhstan reports", "Press report (China's customs, rounded)",
             "Line changes source (hover)", "Events (hover)"]
    assert [layout.legend_rows(names, w) for w in (848, 728, 1048)] == [2, 3, 1]
    assert layout.legend_rows(names[:4], 848) == 1
    assert layout.legend_rows(["贸易额（中方统计）" * 3] * 3, 848) == 2  # Chinese characters take twice the room
    assert layout.legend_rows(["Trade volume (China) " * 1] * 3, 848) == 1


def test_a_grouped_legend_packs_each_entry_in_its_own_width():
    """Measured in Chromium on the sector tab's bars (every trace in its own legendgroup): 2 rows at 1600, 1400 and
    1280 px (1048, 848, 728 px of plot), 3 at 1100 (548), 5 at 900 (348). Packed as a plain legend (each entry in
    the widest's room) it would take 3, 3, 5, 5 and 9 rows: the white the sector tab's bars had above their plot."""
    names = ["Energy", "Ores and metals", "Chemicals and plastics", "Agriculture and food", "Machinery and electronics",
             "Vehicles", "Textiles and consumer goods", "Other", "Chapters not in this source (remainder)"]
    assert [layout.legend_rows(names, w, grouped=True) for w in (1048, 848, 728, 548, 348)] == [2, 2, 2, 3, 5]
    assert [layout.legend_rows(names, w) for w in (1048, 848, 728, 548, 348)] == [3, 3, 5, 5, 9]
    assert layout.legend_rows(names[:3], 848, grouped=True) == 1


def test_the_top_margin_plans_a_grouped_legend_as_plotly_packs_it():
    """A figure whose traces have legendgroups gets the rows Plotly packs them in; a layout that sets a plain
    traceorder gets the plain packing."""
    names = [f"A legend entry {'x' * i}" for i in range(9)]
    def top(grouped: bool, order: str | None = None) -> int:
        traces = [{"type": "bar", "x": [1], "y": [1], "name": n, **({"legendgroup": n} if grouped else {})}
                  for n in names]
        fig = {"data": traces, "layout": {"legend": {"traceorder": order}} if order else {}}
        return layout.finish(fig, "t", "", y_title="US$").layout.margin.t
    assert top(grouped=True) < top(grouped=False)
    assert top(grouped=True, order="normal") == top(grouped=False)


def test_plotly_writes_dollar_ticks_with_one_power_of_a_thousand_per_axis():
    """As seen in Chromium: $0 … $25B in steps of 5B, $−5B below zero, $1.5B halfway, $500M on a smaller axis."""
    assert [charts.plotly_usd_tick(v * 1e9, 5e9, 29.8e9) for v in (-5, 0, 5, 25)] == ["$−5B", "$0", "$5B", "$25B"]
    assert charts.plotly_usd_tick(1.5e9, 0.5e9, 2.1e9) == "$1.5B"
    assert charts.plotly_usd_tick(500e6, 100e6, 800e6) == "$500M"
    assert charts.plotly_usd_tick(1.5e9, 0.5e9, 2.1e9, decimal=",") == "$1,5B"  # the layout's separators


@given(st.floats(0, 4e11), st.floats(1e6, 4e11), st.sampled_from(["ru", "zh"]))
def test_every_dollar_tick_plotly_can_draw_reads_in_the_readers_language(low_share, high, lang):
    """Whatever the data's range, each tick Plotly would draw (steps of 1, 2, 5 × 10ⁿ, 3 to 10 of them, on the
    range padded by 5 %) has the amount in the reader's words; none is left as $…B."""
    low = -low_share * high / 4e11 / 2
    span = high - low
    with i18n.language(lang):
        aliases = charts.usd_tick_aliases(low, high)
        for step in [m * 10.0 ** k for k in range(3, 13) for m in (1, 2, 5)]:
            if not 3 <= span * 1.05 / step <= 10:
                continue
            for n in range(math.ceil(low * 1.05 / step), math.floor(high * 1.05 / step) + 1):
                top = max(abs(low), high) * 1.05
                shown = aliases[charts.plotly_usd_tick(n * step, step, top, charts.separators()[0])]
                assert shown == fmt.compact(n * step)
                assert not shown.startswith("$") and not re.search(r"\d[kMBT]$", shown)  # not Plotly's "$5B"


def test_dollar_axes_carry_the_locales_words_and_room_for_them():
    """Russian and Chinese dollar axes alias Plotly's ticks ($30B → 30 млрд) and widen the margin for the
    longer words; English has neither. Stacked bars count as one column per year and axis."""
    def bars() -> go.Figure:
        fig = go.Figure([go.Bar(x=[2020, 2021], y=[10e9, 20e9]), go.Bar(x=[2020, 2021], y=[5e9, 8e9])],
                        layout={"barmode": "relative", "yaxis": dict(charts.USD_AXIS)})
        return layout.finish(fig, "t", "s", y_title="US$")
    english = bars()
    assert english.layout.yaxis.labelalias is None and english.layout.margin.l == charts.USD_AXIS_LEFT
    with i18n.language("ru"):
        russian = bars()
    assert russian.layout.yaxis.labelalias["$25B"] == "25\xa0млрд"  # 28B stacked: steps of 5B reach 25B
    assert russian.layout.margin.l > charts.USD_AXIS_LEFT
    assert layout.usd_range([{"type": "bar", "x": [1, 1], "y": [3, -2], "yaxis": "y"},
                              {"type": "bar", "x": [1], "y": [4], "yaxis": "y2"}], stacked=True) == (-2, 4)
    assert layout.usd_range([{"type": "bar", "x": [1, 1], "y": [3, 4]}], stacked=True) == (0, 7)


CLOSING = "，。：；、）」』》"


@given(st.text(alphabet="中国哈萨克斯坦年月的个 ，。：（）0123456789–abcKZ", max_size=80), st.integers(4, 40))
def test_wrap_keeps_every_character_and_breaks_only_between_units(text: str, width: int) -> None:
    """Nothing lost or added but spaces at a break; no line wider than asked; and where every unit fits a line, a
    line ends only where a unit does (a unit longer than a line is cut by characters, as textwrap does)."""
    lines = layout.wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(len(line) <= width for line in lines)
    units = layout.break_units(text)
    if all(len(unit.rstrip()) <= width for unit in units):
        ends = set(itertools.accumulate(len(unit.replace(" ", "")) for unit in units))
        assert set(itertools.accumulate(len(line.replace(" ", "")) for line in lines)) <= ends


def test_units_follow_unicodes_line_breaking():
    """A number, a range of years, a Latin word and a word's closing mark are one unit, and a number keeps the
    Chinese word after it; other Chinese characters are each their own."""
    assert layout.break_units("1992–2020：20年前八名，Republic of Kazakhstan（2020年起）") == (
        "1992–2020：", "20年", "前", "八", "名，", "Republic ", "of ", "Kazakhstan", "（2020年", "起）")
    assert layout.break_units("Goods China → Kazakhstan,  1992–2024") == (
        "Goods ", "China ", "→ ", "Kazakhstan, ", "1992–2024")


def test_chinese_titles_and_source_lines_break_between_words_not_inside_numbers_or_names():
    """Seen on a 390 px phone: a Partners title broke "2 / 023年" and a source line "Republic of Ka / zakhstan";
    a line began with "，". textwrap cuts Chinese, which has no spaces, anywhere."""
    title = "1992–2020：20年前八名；2018–2023：2023年前八名，按哈萨克斯坦国家统计局统计"
    source = ("来源：Bureau of National Statistics, Agency for Strategic Planning and Reforms of the Republic of "
              "Kazakhstan；2020年起的27个成员国，详见数据与来源页。")
    for width in range(24, 60):  # from about half the room of a chart title (layout.TITLE_WIDTH)
        for text, lines in ((title, layout.balanced(title, width)), (source, layout.source_lines(source, width))):
            for word in ("1992–2020", "2018–2023", "2023年", "27", "Kazakhstan", "Republic"):
                assert word not in text or any(word in line for line in lines), (width, word, lines)
            assert not any(line[:1] in "，。：；、）" for line in lines), (width, lines)


def test_a_chinese_title_line_fits_a_phone():
    """Seen at 390 px: "2023年前八名及中国、俄罗斯，据哈国家统计局统计" (21 Chinese characters, four digits) ran off the
    chart. Every line of a balanced title takes no more room than the width, a Chinese character counting 2.3."""
    title = "按贸易额（出口＋进口）排名，2018–2023：2023年前八名及中国、俄罗斯，据哈国家统计局统计"
    lines = layout.balanced(title, layout.TITLE_WIDTH)
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert all(layout.source_room(line) <= layout.TITLE_WIDTH for line in lines), lines


def test_the_share_heat_map_names_chapters_short_and_hovers_them_whole():
    """Names of 30 cells left a phone ~45 px of grid beside Russian or Chinese names; 20 leave ~110 px. The hover
    still names each chapter in full."""
    long_name = "84 Nuclear reactors, boilers, machinery and mechanical appliances"
    share = pd.DataFrame({"hs_chapter": ["84", "84", "27"], "year": [2023, 2024, 2024], "share": [0.3, 0.4, 0.1],
                          "label": [long_name, long_name, "27 Mineral fuels"]})
    fig = charts.share_heatmap(share, ["84", "27"], title="t", direction="China → Kazakhstan")
    heat = fig.data[0]
    assert all(layout.text_cells(name) <= charts.HEATMAP_NAME_CELLS for name in heat.y)
    assert heat.y[0] != long_name and heat.y[1] == "27 Mineral fuels"
    assert [row[0][0] for row in heat.customdata] == [long_name, "27 Mineral fuels"]
    assert [cell[1] for cell in heat.customdata[0]] == ["30.0%", "40.0%"]  # the share as fmt writes it
    assert "%{customdata[0]}" in heat.hovertemplate and "%{customdata[1]}" in heat.hovertemplate


def test_a_year_the_share_heat_map_lacks_is_an_empty_column_under_its_year():
    """2020–2022 are not complete years of Kazakhstan's chapter figures: the years' axis had skipped them and set
    2019 beside 2023, so a reader saw no gap."""
    share = pd.DataFrame({"hs_chapter": ["84"] * 3, "year": [2019, 2023, 2024], "share": [0.3, 0.4, 0.5],
                          "label": ["84 Machinery"] * 3})
    heat = charts.share_heatmap(share, ["84"], title="t", direction="China → Kazakhstan").data[0]
    assert list(heat.x) == [str(y) for y in range(2019, 2025)]
    row = list(heat.z[0])
    assert row[0] == 0.3 and row[4:] == [0.4, 0.5] and all(v != v for v in row[1:4])  # missing, not zero
    assert heat.hoverongaps is False


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщыэюя中国哈萨克斯坦统计", min_size=1,
                max_size=14)


@given(st.lists(st.lists(WORDS, min_size=1, max_size=5), min_size=2, max_size=2))
def test_panel_titles_are_wrapped_to_a_phones_panels_and_keep_every_word(titles):
    titles = [" ".join(words) for words in titles]
    fig = layout.panels(titles)
    notes = [a for a in fig.layout.annotations if a.name == layout.PANEL_TITLE]
    assert len(notes) == 2
    for note, title in zip(notes, titles, strict=True):
        lines = note.text.split("<br>")
        assert all(layout.tick_px(line) <= layout.PHONE_PANEL_PX for line in lines)
        assert "".join(lines).replace(" ", "") == title.replace(" ", "")  # nothing lost, nothing added
        assert (note.yref, note.y, note.yanchor) == ("paper", 1, "top")  # hung from the top of the plot's area


def test_a_russian_panel_title_too_wide_for_a_phone_takes_two_lines():
    fig = layout.panels(["По данным Китая", "По данным Казахстана"])
    assert [a.text for a in fig.layout.annotations] == ["По данным Китая", "По данным<br>Казахстана"]


def test_panels_keep_their_titles_above_the_data_on_a_desktop_and_on_a_phone():
    """The y axes end below a band that holds the titles' lines, on the planned desktop plot and on a phone's,
    which its legend's extra rows make shorter."""
    with i18n.language("ru"):
        fig = charts.flows_by_reporter(_totals(), flows={"China": ["exports", "imports", "balance"],
                                                         "Kazakhstan": ["exports", "imports", "balance"]})
    tops = {fig.layout[axis].domain[1] for axis in ("yaxis", "yaxis2")}
    assert len(tops) == 1 and 0 < (top := tops.pop()) < 1
    lines = max(a.text.count("<br>") + 1 for a in fig.layout.annotations if a.name == layout.PANEL_TITLE)
    assert lines == 2
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    names = [t.name for t in fig.data if t.showlegend is not False]
    extra_rows = layout.legend_rows(names, layout.PHONE_PLOT_PX, grouped=True) - layout.legend_rows(
        names, layout.PLANNED_PLOT_PX, grouped=True)
    assert extra_rows > 0  # a phone wraps this legend further: its plot is shorter
    for height in (plot, plot - extra_rows * layout.LEGEND_ROW_PX["bar"]):
        assert (1 - top) * height >= lines * layout.PANEL_TITLE_LINE_PX


def test_labels_a_phone_stands_upright_get_room_above_the_source_line():
    few, many = ["HS 26", "HS 28"], [f"HS {c}" for c in range(20, 27)]
    axis = layout.PHONE_OWN_AXES_PANEL_AXIS_PX  # one of the gap tab's two panels on a phone
    assert layout.upright_labels_below(few, len(few), axis) == 0  # they lie side by side
    short_room = layout.upright_labels_below(many, len(many), axis)
    long_room = layout.upright_labels_below([f"{label}章" for label in many], len(many), axis)
    assert 0 < short_room < long_room  # standing, the longest label decides
    assert layout.upright_labels_below([], 0, axis) == 0


def test_kazakhstans_bars_are_an_opaque_lighter_tint_that_a_dark_page_does_not_dim():
    """Kazakhstan's count was the goods' colour at 55% opacity: on a dark page the dark showed through, and its bars
    and legend square were dim. An opaque tint (the colour blended with white) is as light on either page."""
    rows = [{"direction": "China → Kazakhstan", "hs_chapter": "26", "label": "HS 26", "china_reported": 1e9,
             "kazakhstan_reported": 9e8, "gap_pct": 0.1}]
    fig = charts.chapter_gap_bars(pd.DataFrame(rows), directions=["China → Kazakhstan"], title="T")
    kazakhstan = [t for t in fig.data if t.type == "bar" and "Kazakhstan reports" in (t.hovertemplate or "")]
    key = [t for t in fig.data if t.name == "As Kazakhstan reports"]
    for trace in kazakhstan + key:
        assert trace.marker.opacity in (None, 1), trace.name
        red, green, blue = (float(v) for v in trace.marker.color.strip("rgb()").split(","))
        assert min(red, green, blue) > 150, trace.marker.color  # light: no channel near the dark page's
    assert kazakhstan and key


def test_the_chapter_gap_bars_keep_that_room_for_seven_chapters_a_panel():
    rows = [{"direction": d, "hs_chapter": c, "label": f"HS {c}", "china_reported": 1e9, "kazakhstan_reported": 9e8,
             "gap_pct": 0.1} for d in ("China → Kazakhstan", "Kazakhstan → China") for c in range(20, 27)]
    gap = pd.DataFrame(rows)
    fig = charts.chapter_gap_bars(gap, directions=["China → Kazakhstan", "Kazakhstan → China"], title="T")
    two = charts.chapter_gap_bars(gap[gap["hs_chapter"] < 22], directions=["China → Kazakhstan",
                                                                          "Kazakhstan → China"], title="T")
    assert fig.layout.margin.b > two.layout.margin.b  # seven a panel stand upright on a phone; two lie down


def test_a_legend_a_phone_wraps_into_many_rows_leaves_it_a_plot_worth_reading():
    """The sector tab's bars kept a plot of 137 px on a phone in Russian: nine groups in seven legend rows, taken
    from a chart of fixed height. The chart is now planned taller, so the phone keeps MIN_PHONE_PLOT_PX."""
    def bars(names: list[str]) -> go.Figure:
        return layout.finish(go.Figure([go.Bar(x=[1], y=[1], name=n) for n in names]), "t", "", y_title="US$")

    few = bars(["China", "Kazakhstan"])
    many = bars(["Сельское хозяйство и продовольствие", "Машины и электроника", "Химия и пластмассы", "Энергоносители",
                 "Руды и металлы", "Транспортные средства", "Текстиль и потребительские товары", "Прочее",
                 "Группы ТН ВЭД вне этого источника (остаток)"])

    def plot(fig: go.Figure) -> float:
        return fig.layout.height - fig.layout.margin.t - fig.layout.margin.b

    names = [t.name for t in many.data]
    desktop = layout.legend_rows(names, layout.PLANNED_PLOT_PX)
    phone = layout.legend_rows(names, layout.PHONE_CHART_PX - many.layout.margin.l - many.layout.margin.r)
    assert phone - desktop >= 4
    assert plot(many) - (phone - desktop) * layout.LEGEND_ROW_PX["bar"] >= layout.MIN_PHONE_PLOT_PX
    assert plot(many) > plot(few)  # on a desktop the plot is taller for it


def test_ranks_are_written_on_every_point_only_where_a_phone_has_room():
    """BNS's six years under IMF DOTS' thirty: on a phone its ranks ran together ("2 2 2 2"); a short axis keeps
    them all."""
    def ranks(years: range, series: str) -> pd.DataFrame:
        return pd.DataFrame({"year": list(years), "rank": [2] * len(years), "series": series, "countries": 100,
                             "share_of_world": 0.1, "source_label": "x"})

    long_axis = charts.partner_rank_over_time(pd.concat([ranks(range(1992, 2021), "imf_dots"),
                                                         ranks(range(2018, 2024), "kz_bns")]), title="t")
    short_axis = charts.partner_rank_over_time(ranks(range(2018, 2024), "kz_bns"), title="t")
    bns = next(t for t in long_axis.data if t.name.startswith("BNS"))
    assert 0 < sum(bool(text) for text in bns.text) < len(bns.text)  # the last, best and worst only
    assert all(short_axis.data[0].text)  # six years across a phone: room for each


def test_a_rank_is_written_off_its_line_and_rank_1_has_a_tick():
    """A rank written over a dip of the line sat on the line ("19" in 1998, "70" in 1997: the axis has rank 1 at
    the top); Plotly's ticks on 1–70 were 10, 20, … and left the line's top unlabelled."""
    ranks = [2, 19, 3, 1, 70, 4, 4]
    rows = pd.DataFrame({"year": range(1992, 1999), "rank": ranks, "series": "imf_dots", "countries": 150,
                         "share_of_world": 0.1, "source_label": "x"})
    fig = charts.partner_rank_over_time(rows, title="t")
    sides = dict(zip(ranks, fig.data[0].textposition, strict=False))
    assert sides[19] == sides[70] == "bottom center"  # under the dips
    assert sides[1] == sides[3] == "top center"  # over the peaks
    assert fig.layout.yaxis.tickvals[0] == 1 and max(fig.layout.yaxis.tickvals) >= 70
    far = charts.partner_rank_over_time(rows.assign(rank=[30, 35, 49, 40, 31, 34, 45]), title="t")
    low, high = sorted(far.layout.yaxis.range)
    assert sum(low <= t <= high for t in far.layout.yaxis.tickvals) >= 4  # ranks 30–49: a tick every 5
    close = charts.partner_rank_over_time(rows.assign(rank=[2, 3, 2, 1, 2, 4, 4]), title="t")
    assert close.layout.yaxis.dtick == 1 and close.layout.yaxis.tickvals is None


def test_charts_side_by_side_can_be_planned_so_their_plots_line_up():
    """The Partners split tab's two panels: a longer legend or source line gave one a larger top margin or a
    shorter plot, and in Chinese its plot stood 38 px below the other's. Planned with the larger of each, the two
    plots start and end level."""
    def split(eu: str, source: str, align=None) -> go.Figure:
        rows = pd.DataFrame({"year": [2020, 2021] * 4, "part": ["CHN"] * 2 + ["RUS"] * 2 + ["EU"] * 2 + ["REST"] * 2,
                             "name": ["China"] * 2 + ["Russia"] * 2 + [eu] * 2 + ["Rest"] * 2,
                             "share_of_world": [0.2, 0.21, 0.1, 0.1, 0.4, 0.38, 0.3, 0.31],
                             "value_usd": 1e9, "world_usd": 5e9})
        return charts.partner_split_lines(rows, title="t", source=source, columns=2, align=align)

    panels = {"short": ("EU", "Source: short."),
              "long": ("EU as the bureau counts it, 28 countries" * 2, "Source: " + "long " * 60)}
    alone = {k: layout.plot_box(split(*v)) for k, v in panels.items()}
    assert alone["short"][0] < alone["long"][0]  # the longer legend: a larger top margin
    aligned = charts.side_by_side(lambda k, align: split(*panels[k], align=align), list(panels))
    assert layout.plot_box(aligned[0]) == layout.plot_box(aligned[1]) == (
        max(t for t, _p in alone.values()), max(p for _t, p in alone.values()))
    assert layout.plot_box(charts.side_by_side(lambda k, align: split(*panels[k], align=align), ["short"])[0]) == \
        alone["short"]  # a chart alone is as planned


def test_partner_bars_side_by_side_line_up():
    """The Partners top-10 bars of two sources: a title of three lines (Chinese, the BNS's workbook named) stood
    its bars ~20 px below those of a two-line title beside it."""
    rows = pd.DataFrame({"rank": [1, 2], "name": ["China", "Russia"], "partner": ["CHN", "RUS"],
                         "share_of_world": [0.2, 0.1], "value_usd": [1e9, 5e8], "countries": [180, 180],
                         "source_label": ["IMF DOTS", "IMF DOTS"]})
    titles = {"dots": "Top 10", "bns": "Kazakhstan's top 10 partners, 2019, by share of its trade turnover " * 2}

    def bars(k: str, align) -> go.Figure:
        return charts.partner_bars(rows, title=titles[k], source="Source: IMF.", align=align)

    alone = [layout.plot_box(bars(k, None)) for k in titles]
    assert alone[0][0] < alone[1][0]
    aligned = [layout.plot_box(fig) for fig in charts.side_by_side(bars, list(titles))]
    assert aligned[0] == aligned[1] == (alone[1][0], max(p for _t, p in alone))


def test_the_chapter_gap_bars_give_each_direction_its_own_scale():
    """The chapters both sides record are mostly Kazakhstan's exports: on a shared axis the goods China →
    Kazakhstan (a few hundred million dollars) were a flat line under Kazakhstan's billions."""
    rows = [{"direction": d, "hs_chapter": c, "label": f"{c} Goods", "china_reported": scale, "kazakhstan_reported":
             scale * 0.9, "gap_pct": 11.1} for d, scale in (("China → Kazakhstan", 2e8), ("Kazakhstan → China", 4e9))
            for c in ("26", "72")]
    fig = charts.chapter_gap_bars(pd.DataFrame(rows), directions=["China → Kazakhstan", "Kazakhstan → China"],
                                  title="T").to_plotly_json()["layout"]
    assert fig["yaxis2"].get("matches") is None and fig["yaxis2"].get("showticklabels", True)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_the_right_panels_own_ticks_stand_at_its_right_in_a_margin_planned_for_them(lang: str):
    """Between the panels, Russian ticks ("4 млрд") ran into the left panel's bars on a phone. The right margin
    is planned for the right panel's own ticks (tests/browser/test_chart_margins.py checks it against Plotly's)."""
    rows = [{"direction": d, "hs_chapter": "26", "label": "26 Ores", "china_reported": scale,
             "kazakhstan_reported": scale, "gap_pct": 0.0} for d, scale in (("China → Kazakhstan", 2e8),
                                                                          ("Kazakhstan → China", 4e9))]
    directions = ["China → Kazakhstan", "Kazakhstan → China"]
    with i18n.language(lang):
        fig = charts.chapter_gap_bars(pd.DataFrame(rows), directions=directions, title="T", source="S")
        four_billion = layout.tick_px(fmt.compact(4e9) if lang != "en" else "$4B")
        one = charts.chapter_gap_bars(pd.DataFrame(rows[:1]), directions=directions[:1], title="T", source="S")
    assert fig.layout.yaxis.side in (None, "left") and fig.layout.yaxis2.side == "right"
    assert fig.layout.margin.r >= four_billion + layout.RIGHT_TICKS_GAP_PX
    assert "yaxis2" not in one.to_plotly_json()["layout"] and one.layout.margin.r == 10  # one panel: ticks at its left


def test_the_share_heat_map_tells_low_shares_apart_and_draws_no_grid_through_its_cells():
    """Most shares are under 40%: a linear blend from grey left 0–40% near-black on a dark page."""
    share = pd.DataFrame({"hs_chapter": ["84", "84"], "year": [2022, 2023], "share": [0.1, 0.3],
                          "label": "84 Machinery"})
    fig = charts.share_heatmap(share, ["84"], title="t", direction="China → Kazakhstan")
    scale = fig.data[0].colorscale

    def alpha(at: float) -> float:  # the opacity Plotly would blend to at share `at`
        stops = [(s, float(c.rsplit(",", 1)[1].rstrip(")"))) for s, c in scale]
        return float(np.interp(at, [s for s, _a in stops], [a for _s, a in stops]))

    assert alpha(0.2) - alpha(0.0) >= 0.3 and alpha(0.4) - alpha(0.2) >= 0.15  # linear grey→colour: ~0.18, ~0.18
    assert alpha(1.0) == 1 and all(c.startswith("rgba(204,121,167,") for _s, c in scale)  # the goods' colour
    assert fig.layout.xaxis.showgrid is False and fig.layout.yaxis.showgrid is False


def test_panels_with_their_own_dollar_scale_get_their_ticks_in_the_readers_words():
    """The chapter gap's panels have their own scales: the millions of goods China → Kazakhstan were left as
    "$200M" in Chinese beside "40亿", since the aliases covered only the billions of the whole chart."""
    scales = (("China → Kazakhstan", 2.3e8), ("Kazakhstan → China", 4.6e9))
    rows = [{"direction": d, "hs_chapter": c, "label": f"{c} Goods", "china_reported": scale, "kazakhstan_reported":
             scale * 0.9, "gap_pct": 11.1} for d, scale in scales for c in ("26", "72")]
    with i18n.language("zh"):
        fig = charts.chapter_gap_bars(pd.DataFrame(rows), directions=["China → Kazakhstan", "Kazakhstan → China"],
                                      title="T").to_plotly_json()["layout"]
    for tick in ("$200M", "$150M", "$50M", "$4B", "$1B"):
        assert tick in fig["yaxis"]["labelalias"] and tick in fig["yaxis2"]["labelalias"], tick
    assert fig["yaxis"]["labelalias"]["$200M"] == "2亿"
