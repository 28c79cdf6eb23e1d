"""The charts in Russian and Chinese: kzcn's own words translated where shown, the keys that colour and bind
them English, numbers and dates in the reader's locale, Chinese text measured by its width; English unchanged.

A tiny Russian catalogue is written here, so these tests do not depend on the shipped catalogues' contents.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kzcn import charts, fmt, i18n
from kzcn.charts import layout

RU = {
    "As China reports": "По данным Китая",
    "As Kazakhstan reports": "По данным Казахстана",
    "Goods China → Kazakhstan": "Товары Китай → Казахстан",
    "China → Kazakhstan": "Китай → Казахстан",
    "{month} (day not known)": "{month} (день неизвестен)",
    "summit": "саммит",
    "Energy": "Энергоносители",
}
RU_PLURAL = ("{n} event", "{n} events", ("{n} событие", "{n} события", "{n} событий"))


def _po(entries: dict[str, str], plural: tuple[str, str, tuple[str, ...]]) -> str:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    head = ('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n'
            '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
            '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n')
    body = "".join(f"msgid {q(k)}\nmsgstr {q(v)}\n\n" for k, v in entries.items())
    one, many, forms = plural
    body += f"msgid {q(one)}\nmsgid_plural {q(many)}\n" + "".join(
        f"msgstr[{i}] {q(f)}\n" for i, f in enumerate(forms))
    return head + body


@pytest.fixture
def russian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Russian from a catalogue written for the test (other languages as they are)."""
    path = tmp_path / "kzcn.po"
    path.write_text(_po(RU, RU_PLURAL), encoding="utf-8")
    russian, real = i18n.compile_po(path, "ru"), i18n.translations
    monkeypatch.setattr(i18n, "translations", lambda lang: russian if lang == "ru" else real(lang))


def _totals() -> pd.DataFrame:
    return pd.DataFrame({"year": [2022, 2023, 2022, 2023], "reporter": ["China", "China", "Kazakhstan", "Kazakhstan"],
                         "exports": [1e9, 2e9, 3e9, 4e9], "imports": [2e9, 3e9, 1e9, 2e9],
                         "balance": [-1e9, -1e9, 2e9, 2e9], "source_label": ["IMF DOTS"] * 4})


def _flows() -> dict[str, list[str]]:
    return {"China": ["exports", "imports"], "Kazakhstan": ["exports", "imports"]}


def test_separators_follow_the_locale():
    assert charts.separators() == ".,"
    with i18n.language("ru"):
        assert charts.separators() == ",\u00a0"  # 30,1 and 12 345
        assert charts.flows_by_reporter(_totals(), flows=_flows()).layout.separators == ",\u00a0"
    with i18n.language("zh"):
        assert charts.separators() == ".,"
    assert charts.flows_by_reporter(_totals(), flows=_flows()).layout.separators == ".,"


def test_legend_and_panels_translated_while_groups_and_colours_stay_english(russian):
    english = charts.flows_by_reporter(_totals(), flows=_flows())
    with i18n.language("ru"):
        fig = charts.flows_by_reporter(_totals(), flows=_flows())
    shown = [t.name for t in fig.data if t.showlegend]
    assert shown[0] == "Товары Китай → Казахстан"
    assert {a.text.replace("<br>", " ") for a in fig.layout.annotations} >= {"По данным Китая",
                                                                              "По данным Казахстана"}
    assert [t.legendgroup for t in fig.data] == [t.legendgroup for t in english.data]  # the keys stay English
    assert [t.marker.color for t in fig.data] == [t.marker.color for t in english.data]
    assert next(t.name for t in english.data if t.showlegend) == "Goods China → Kazakhstan"


def test_when_in_russian_keeps_month_only_precision(russian):
    assert fmt.when("2023-09", "2023-09") == "Sep 2023 (day not known)"
    assert fmt.when("2013-09-07", "2013-09-10") == "7 Sep 2013 – 10 Sep 2013"
    with i18n.language("ru"):
        text = fmt.when("2023-09", "2023-09")
        assert text.startswith("сент. 2023") and text.endswith("(день неизвестен)")
        assert fmt.when("2013-09-07", "2013-09-07").startswith("7 сент. 2013")
    with i18n.language("zh"):
        text = fmt.when("2013-09-07", "2013-09-10")  # Babel's date forms, joined as the catalogue says
        assert text.startswith("2013年9月7日") and text.endswith("2013年9月10日")


def _events() -> pd.DataFrame:
    return pd.DataFrame({"start": ["2023-05-18", "2023-09"], "end": ["2023-05-19", "2023-09"],
                         "title": ["China–Central Asia summit", "Xi Jinping state visit to Kazakhstan"],
                         "category": ["summit", "head-of-state visit"], "event_id": ["a", "b"]})


def test_timeline_names_categories_and_months_in_the_readers_language(russian):
    year = ("2023-01-01", "2024-01-01")
    english = charts.events_timeline(_events(), title="t", x_range=year)
    assert english.layout.xaxis.labelalias is None
    with i18n.language("ru"):
        fig = charts.events_timeline(_events(), title="t", x_range=year)
    assert fig.layout.xaxis.labelalias["Jan"] == "янв."  # Plotly writes the months in English
    assert any("<b>саммит</b>" in a.text for a in fig.layout.annotations)
    summit = next(t for t in fig.data if t.name == "summit")  # the trace keeps the category's English key
    assert "<extra>саммит</extra>" in summit.hovertemplate
    assert summit.marker.color == charts.CATEGORY_COLOURS["summit"]
    visit = next(t for t in fig.data if t.name == "head-of-state visit")
    assert str(visit.customdata[0][1]).endswith("(день неизвестен)")


def test_date_aliases_cover_the_ticks_plotly_writes():
    lo, hi = pd.Timestamp("2023-05-01"), pd.Timestamp("2023-06-15")
    assert charts.date_aliases(lo, hi) == {}
    with i18n.language("zh"):
        aliases = charts.date_aliases(lo, hi)
    assert aliases["Jan"] == "1月" and aliases["May 2023"] == "2023年5月"
    assert aliases["May 7"] == "5月7日" and aliases["May 7<br>2023"] == "5月7日<br>2023"
    with i18n.language("zh"):
        assert "May 7" not in charts.date_aliases(pd.Timestamp("2000-01-01"), pd.Timestamp("2024-01-01"))


def test_venue_counts_take_russian_plural_forms(russian):
    venues = pd.DataFrame({"lat": [51.1, 39.9, 43.2], "lon": [71.4, 116.4, 76.9], "count": [1, 3, 5],
                           "place": ["Astana, Kazakhstan", "Beijing, China", "Almaty, Kazakhstan"],
                           "city": ["Astana", "Beijing", "Almaty"], "label": ["a", "b", "c"]})
    with i18n.language("ru"):
        cells = charts.venues_map(venues, title="m").data[0].customdata
    assert [c[1] for c in cells] == ["1 событие", "3 события", "5 событий"]
    assert [c[1] for c in charts.venues_map(venues, title="m").data[0].customdata] == ["1 event", "3 events",
                                                                                       "5 events"]


def test_sector_names_translated_where_shown_and_chapters_left_as_they_are(russian):
    frame = pd.DataFrame({"year": [2023, 2023], "group": ["Energy", "Vehicles"], "value_usd": [2e9, 1e9]})
    with i18n.language("ru"):
        fig = charts.goods_bars(frame, pd.DataFrame({"year": [2023], "complete": [True]}), title="t", level="sector")
        assert charts.group_name("27 Mineral fuels") == "27 Mineral fuels"
    assert [t.name for t in fig.data] == ["Энергоносители", "Vehicles"]  # Vehicles: not in this test's catalogue
    assert [t.legendgroup for t in fig.data] == ["Energy", "Vehicles"]
    assert fig.data[0].marker.color == charts.SECTOR_COLOURS["Energy"]


def test_chinese_text_is_wrapped_by_its_width():
    title = "哈萨克斯坦2023年十大贸易伙伴，按其贸易额（出口+进口）占比，哈萨克斯坦国家统计局统计"
    lines = layout.balanced(title, charts.TITLE_WIDTH)
    assert len(lines) > 1 and all(layout.text_cells(line) <= charts.TITLE_WIDTH + 2 for line in lines)
    event = "托卡耶夫出席第三届“一带一路”国际合作高峰论坛并发表讲话"
    names = charts.short_title(event)
    assert 1 <= len(names) <= charts.TIMELINE_LINES
    assert all(layout.text_cells(line) <= charts.TIMELINE_LINE_CHARS + 1 for line in names)
    assert names[-1].endswith("…")
    # too long for two lines: the clause before "，" says enough
    assert charts.short_title("习近平对哈萨克斯坦进行国事访问，出席上海合作组织阿斯塔纳峰会并发表重要讲话") == [
        "习近平对哈萨克斯坦进行", "国事访问"]
    assert layout.text_cells(charts.short("27 矿物燃料、矿物油及其蒸馏产品；沥青物质", 30)) <= 30
    assert charts.label_px(["中国"]) == 4 * charts.TIMELINE_CHAR_PX


def test_a_chinese_title_of_several_lines_gets_room_above_its_first_line():
    """Chinese glyphs stand taller than Plotly's line box: without more padding the first line was cut (Chromium)."""
    frame = pd.DataFrame({"year": [2020, 2021], "value_usd": [1e9, 2e9], "group": "Energy"})
    years = pd.DataFrame({"year": [2020, 2021], "complete": [True, True]})

    def layout(title: str) -> dict:
        return charts.goods_bars(frame, years, title=title, level="sector").layout.to_plotly_json()

    english = layout("A title long enough to need a second line on a phone, as many do")
    chinese = layout("哈萨克斯坦前十大伙伴，2023年，按贸易额（出口＋进口）占比，据哈国家统计局2023年版统计")
    assert english["title"]["text"].count("<br>") >= 1 and chinese["title"]["text"].count("<br>") >= 1
    assert chinese["title"]["pad"]["t"] > english["title"]["pad"]["t"]
    assert chinese["margin"]["t"] > english["margin"]["t"]


def test_percent_ticks_are_written_as_the_readers_locale_writes_percentages():
    """Plotly writes a share axis's ticks 40% in every language; Russian writes 40 % (a no-break space), as the
    text beside the chart does. Chinese and English write them as Plotly does, so they get no aliases."""
    rows = pd.DataFrame({"rank": [1, 2], "name": ["China", "Russia"], "partner": ["CHN", "RUS"],
                         "share_of_world": [0.2, 0.1], "value_usd": [1e9, 5e8], "countries": [100, 100],
                         "source_label": ["BNS", "BNS"]})
    share = pd.DataFrame({"hs_chapter": ["84"], "year": [2024], "share": [0.4], "label": ["84 Machinery"]})
    assert charts.partner_bars(rows, title="t", source="s").layout.xaxis.labelalias is None
    with i18n.language("ru"):
        aliases = charts.pct_tick_aliases()
        assert aliases["40%"] == fmt.pct(40, 0, signed=False) == "40\u00a0%"
        assert aliases["−20%"] == "−20\u00a0%" and aliases["100%"] == "100\u00a0%"
        bars = charts.partner_bars(rows, title="t", source="s")
        assert bars.layout.xaxis.labelalias == aliases
        # the hover's share too: Plotly's %{x:.1%} wrote 20,0% (no space)
        assert bars.data[0].customdata[0][-1] == "20,0\u00a0%" and ":.1%" not in bars.data[0].hovertemplate
        assert charts.share_heatmap(share, ["84"], title="t", direction="China → Kazakhstan").data[0] \
            .colorbar.labelalias == aliases
    with i18n.language("zh"):
        assert charts.pct_tick_aliases() == {}


def test_a_russian_event_name_gets_a_third_line_and_its_lanes_room_for_it():
    title = "Переговоры Си Цзиньпина и Токаева в Сиане"
    assert len(charts.short_title(title)) == 2 and charts.short_title(title)[-1].endswith("…")
    events = pd.DataFrame({"event_id": [f"e{i}" for i in range(8)], "title": title, "start": "2023-05-17",
                           "end": "2023-05-17", "category": "head-of-state visit"})  # one lane each
    english = charts.events_timeline(events, title="t")
    with i18n.language("ru"):
        assert charts.short_title(title) == ["Переговоры Си", "Цзиньпина и", "Токаева в Сиане"]
        russian = charts.events_timeline(events, title="t")
    assert russian.data[0].text[0].count("<br>") == 2
    assert russian.layout.height > english.layout.height  # a lane as tall as three lines
