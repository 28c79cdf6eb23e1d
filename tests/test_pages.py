"""Every page through Streamlit's AppTest: no exception, the expected charts, and the right numbers in them."""

from __future__ import annotations

import pytest
import streamlit
from helpers import arr, figures, open_link, run, table_text, title
from streamlit.proto.PlotlyChart_pb2 import PlotlyChart as PlotlyChartProto

from app_pages import trade as trade_page
from kzcn import charts, datasets, fmt, i18n, metrics, sectors, ui

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

PAGES = ["app_pages/overview.py", "app_pages/trade.py", "app_pages/partners.py", "app_pages/timeline.py",
         "app_pages/speech.py", "app_pages/sources.py"]


def trace(fig: dict, name_part: str) -> dict:
    hits = [t for t in fig["data"] if name_part in t.get("name", "")]
    assert hits, [t.get("name") for t in fig["data"]]
    return hits[0]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_charts_and_no_warning(page):
    at = run(page)
    # Data & sources shows tables; the speech shows the address, its charts in expanders the reader opens
    assert len(at.get("plotly_chart")) >= 1 or page.endswith(("sources.py", "speech.py"))
    assert not at.warning, [w.value for w in at.warning]


def test_overview_chart_carries_each_sides_figures():
    at = run(years=["2015", "2023"])
    fig = figures(at)[0]
    trade = datasets.load("trade_annual")
    cn = metrics.reporter_totals(trade, "China").set_index("year")
    kz = metrics.reporter_totals(trade, "Kazakhstan").set_index("year")
    china = trace(fig, "as China reports")
    assert arr(china["x"])[0] == 2015 and arr(china["x"])[-1] == 2023
    assert arr(china["y"])[-1] == pytest.approx(cn.loc[2023, "turnover"])
    kazakh = trace(fig, "as Kazakhstan reports")
    assert arr(kazakh["y"])[-1] == pytest.approx(kz.loc[2023, "turnover"])
    assert arr(kazakh["y"])[-1] != pytest.approx(arr(china["y"])[-1])  # two sides, never one line


def test_reporter_filter_shows_one_side():
    at = run(reporter="As Kazakhstan reports")
    names = [t.get("name", "") for t in figures(at)[0]["data"]]
    assert not any("as China reports" in n for n in names)
    assert any("as Kazakhstan reports" in n for n in names)


@pytest.mark.parametrize("params", [
    {"years": ["abc", "2020"]}, {"years": ["1800", "2020"]}, {"years": ["2015.5", "2030"]}, {"years": "2020"},
    {"sector": "Spaceships"}, {"direction": ["Both directions", "China → Kazakhstan"]},
    {"reporter": "<script>alert(1)</script>"}, {"nonsense": "1"}, {"chapters": ["99", "ab"]},
    {"years": ["2015", "2020"], "sector": "x" * 5000},
])
def test_malformed_link_falls_back_with_a_notice(params):
    at = run(**params)
    assert at.warning, "a notice should say the link was not used as it is"
    text = " ".join(w.value for w in at.warning)
    assert "Ignored" in text
    assert "`" in text  # the offending value is quoted as code: never rendered as markdown or HTML
    assert len(text) < 600
    assert figures(at)


def test_the_overview_with_one_side_names_that_side_and_cites_only_what_it_draws():
    """Whose figures: Kazakhstan. The chart was titled "as each side reports it" and its source line cited China's
    customs' totals quoted in the press, which it does not draw; a card read "…both years from the statistics
    bureau (BNS))."."""
    at = run(reporter="As Kazakhstan reports", years=["2016", "2022"])
    chart = figures(at)[0]
    assert "as Kazakhstan reports it" in title(chart), title(chart)
    drawn = {t.get("name", "") for t in chart["data"]}
    source = " ".join(a["text"] for a in chart["layout"].get("annotations", []))
    assert not any("press" in name.lower() for name in drawn) and "press" not in source, source
    assert not [c.value for c in at.caption if "))" in c.value]


def test_a_card_whose_change_is_not_the_lines_step_says_so():
    """The Kazakhstan card read "−4.7% on 2023, both from UN Comtrade" over a line flat from 2023 (the bureau's
    figure) to 2024 (UN Comtrade's): a card comparing another series than the line's year before says so."""
    at = run()
    other = [m for m in at.metric if m.delta and "both from" in m.delta]
    said = [c.value for c in at.caption if "point is from" in c.value]
    assert len(said) == len(other), (said, [m.delta for m in at.metric])
    for text in said:
        assert "is not this change" in text and "))" not in text


def test_a_card_does_not_say_its_change_on_the_year_before_twice():
    """2014–2015, as China reports: the series starts in 2014, so "since 2014" was the card's own change again."""
    at = run(reporter="As China reports", years=["2014", "2015"])
    assert not [c.value for c in at.caption if "since 2014" in c.value], [c.value for c in at.caption]
    assert [m for m in at.metric if m.delta]  # the change is on the card


@pytest.mark.parametrize("years", [["2015.5", "2020"], ["2020", "2015"], ["2020.9", "2015"]])
def test_years_the_slider_reads_from_a_bad_link_are_the_years_shown(years):
    """Streamlit's bound slider reads 2015.5 as 2015 and writes its reading into the address bar, which code cannot
    change: the view shows the years the address bar holds, in order, and says how the link was read. It showed
    the default years under years=2015&years=2020, a link that restored another view."""
    at = run(years=years)
    assert at.slider(key="years").value == (2015, 2020)
    assert sorted(int(v) for v in at.query_params["years"]) == [2015, 2020]
    text = " ".join(w.value for w in at.warning)
    assert text.startswith("Read years=") and "as 2015–2020" in text, text
    assert "2015–2020" in title(figures(at)[0]), title(figures(at)[0])


@pytest.mark.parametrize(("page", "params", "kept"), [
    (None, {"nonsense": "1", "years": ["2000", "2010"]}, {"years": ["2000", "2010"]}),
    ("app_pages/partners.py", {"sector": ["Energy", "Vehicles"]}, {}),  # a filter the page hides
    # a heading with no chapter chosen: it had stayed in the link and chosen itself once chapter 27 was picked
    ("app_pages/trade.py", {"trade_view": "By sector", "headings": "2709 Petroleum oils"}, {"trade_view": "By sector"}),
])
def test_what_a_link_said_that_was_ignored_leaves_the_address_bar(page, params, kept):
    """Once its notice is shown, an ignored parameter is no longer in the URL, so the link restores the view shown
    and the notice does not follow the reader to other pages."""
    at = run(page, **params)
    assert not at.exception
    assert {k: v for k, v in at.query_params.items()} == kept


def titles(at) -> list[str]:
    return [title(f) for f in figures(at)]


def test_trade_page_draws_only_the_open_tab():
    at = run("app_pages/trade.py")
    assert [t.label for t in at.tabs] == list(trade_page.TABS)
    assert len(titles(at)) == 1 and "Exports, imports and balance" in titles(at)[0], titles(at)
    at.session_state["trade_view"] = "By sector"  # what a click on the tab sets
    at.run()
    assert not at.exception
    shown = titles(at)
    assert len(shown) == 4 and sum("by sector" in t for t in shown) == 2, shown  # two treemaps, two bar charts
    assert not any("mirror gap" in t or "BACI" in t for t in shown)


@pytest.mark.parametrize(("tab", "title_part"), [("Why the figures differ", "mirror gap"),
                                                 ("Whole product mix, 2021", "BACI")])
def test_trade_tab_from_a_link(tab, title_part):
    at = run("app_pages/trade.py", trade_view=tab)
    assert title_part in titles(at)[0], titles(at)  # the gap tab adds its per-chapter chart below
    assert not at.warning


def test_trade_tab_unknown_in_a_link_opens_the_first_with_a_notice():
    at = run("app_pages/trade.py", trade_view="<b>Sectors</b>")
    assert any("Ignored trade_view=`<b>Sectors</b>`" in w.value for w in at.warning)
    assert len(titles(at)) == 1 and "Exports, imports and balance" in titles(at)[0]


def test_trade_page_gap_chart_pairs_flows():
    at = run("app_pages/trade.py", years=["2018", "2023"], trade_view="Why the figures differ")
    gap_fig = next(f for f in figures(at) if "mirror gap" in title(f))
    gap = metrics.mirror_gap(datasets.load("trade_annual")).set_index(["year", "direction"])
    first_panel = [t for t in gap_fig["data"] if t.get("xaxis", "x") == "x"]
    china = next(t for t in first_panel if t["name"] == "China → Kazakhstan, as China reports")
    kazakh = next(t for t in first_panel if t["name"] == "China → Kazakhstan, as Kazakhstan reports")
    assert china["line"]["color"] == kazakh["line"]["color"]  # the goods' colour, whoever counts them
    assert arr(china["y"])[-1] == pytest.approx(gap.loc[(2023, "China → Kazakhstan"), "china_reported"])
    assert arr(kazakh["y"])[-1] == pytest.approx(gap.loc[(2023, "China → Kazakhstan"), "kazakhstan_reported"])


def test_sector_filter_narrows_the_sector_tab_to_its_chapters():
    at = run("app_pages/trade.py", trade_view="By sector", sector="Ores and metals")
    bars = [f for f in figures(at) if "by chapter" in title(f)]
    assert len(bars) == 2
    ores = set(ui.options().chapters_by_sector["Ores and metals"])
    for fig in bars:
        names = {t["name"] for t in fig["data"]}
        assert names and all(n[:2] in ores or n.startswith("Other ") for n in names), names


def test_cut_years_of_all_goods_stand_beside_the_bureaus_total_and_a_sectors_do_not():
    """As Kazakhstan reports, 2020–2022 stop at a heading: their bars read as a collapse of trade. The bureau's
    all-goods figure stands beside them, cited; a sector's bars have no such total."""
    at = run("app_pages/trade.py", trade_view="By sector")
    bars = [f for f in figures(at) if "by sector" in title(f)]
    assert len(bars) == 2
    for fig in bars:
        dashes = [t for t in fig["data"] if t.get("name", "").startswith("All goods, from the statistics bureau")]
        assert len(dashes) == 1 and set(arr(dashes[0]["x"])) >= {2020, 2021, 2022}, [t.get("name") for t in
                                                                                     fig["data"]]
        source = " ".join(a["text"] for a in fig["layout"]["annotations"])
        assert "Bureau of National Statistics" in source
    at = run("app_pages/trade.py", trade_view="By sector", sector="Ores and metals")
    assert not [t for f in figures(at) for t in f["data"] if t.get("name", "").startswith("All goods")]


def test_the_sector_tab_says_kazakhstans_records_are_not_the_first_tabs_figures():
    """"As Kazakhstan reports" is the bureau's totals on the first tab and UN Comtrade via WITS here: 2023's
    imports from China differ by billions between the two, with the same words on both tabs."""
    said = "not the statistics bureau's headline figures"
    assert [c for c in run("app_pages/trade.py", trade_view="By sector").caption if said in c.value]
    china = run("app_pages/trade.py", trade_view="By sector", tree_side="As China reports")
    assert not [c for c in china.caption if said in c.value]


def test_a_sector_a_source_lacks_gets_a_notice_not_a_chart_of_everything_else(unrefreshed, monkeypatch):
    """Energy's chapter 27 is not in China's shipped extract: its bars would be all other goods, read as energy.

    On the shipped data as built (conftest's `unrefreshed`): `kzcn refresh comtrade` adds every chapter."""
    products = datasets.load("trade_products", unrefreshed)
    china = products[(products["reporter"] == "China") & products["series"].isin(sectors.SECTOR_SERIES["China"])]
    assert "27" not in set(china["hs_chapter"]) and "27" in set(products["hs_chapter"])  # what this test needs
    monkeypatch.setenv("KZCN_DATA_DIR", str(unrefreshed))
    at = run("app_pages/trade.py", trade_view="By sector", sector="Energy", tree_side="As China reports")
    assert not at.get("plotly_chart")
    assert any("No figures by chapter" in i.value for i in at.info)
    assert any("not drawn" in c.value and "27" in c.value for c in at.caption)  # the note names what is missing
    at = run("app_pages/trade.py", trade_view="By sector", sector="Energy")  # Kazakhstan's records have chapter 27
    assert len(at.get("plotly_chart")) == 4 and not at.info
    # the speech's chart of goods over time draws the sector tab's figures, so the same holds there
    at = run("app_pages/speech.py", sector="Energy", p10_figures="Trade by sector", reporter="As China reports")
    assert not at.get("plotly_chart") and any("No figures by chapter" in i.value for i in at.info)
    at = run("app_pages/speech.py", sector="Energy", p10_figures="Trade by sector")
    assert len(at.get("plotly_chart")) == 1 and not at.info


def test_the_drill_down_reaches_a_heading_from_a_link():
    label = ui.options().chapter_labels["87"]
    heading = ui.options().heading_labels["8703"]
    at = run("app_pages/trade.py", trade_view="By sector", sector="Vehicles", chapters=label, headings=heading,
             tree_year="2023")
    assert not at.warning
    tree, _, bars, _ = figures(at)
    assert set(tree["data"][0]["ids"]) == {"C87", "H8703"}
    years = {t["name"]: set(arr(t["x"])) for t in bars["data"]}
    assert charts.short(heading, 44) in years
    # a year with chapter figures only (a refresh's new year, say) shows the chapter, never another heading
    assert set(years) <= {charts.short(heading, 44), charts.short(label, 44)}
    assert not years[charts.short(heading, 44)] & years.get(charts.short(label, 44), set())
    bad = open_link("app_pages/trade.py", trade_view="By sector", chapters=label, headings="9999 Nothing")
    assert any("Ignored headings=" in w.value for w in bad.warning)


def tree_ids(at) -> list[set[str]]:
    """The node ids of each treemap on the page."""
    return [set(f["data"][0]["ids"]) for f in figures(at) if f["data"][0]["type"] == "treemap"]


def test_the_treemaps_carry_only_the_levels_in_view():
    at = run("app_pages/trade.py", trade_view="By sector", tree_year="2023")
    trees = tree_ids(at)
    assert len(trees) == 2
    for ids in trees:  # sectors and chapters (the smaller ones grouped): no HS4 heading until a chapter is chosen
        assert {i[0] for i in ids} <= {"S", "C", "G", "R"} and "C84" in ids, sorted(ids)[:20]
    label = ui.options().chapter_labels["84"]
    at = run("app_pages/trade.py", trade_view="By sector", chapters=[label], tree_year="2023")
    heads = set(datasets.load("hs_headings").query("hs_chapter == '84'")["hs_heading"])
    for ids in tree_ids(at):  # the chosen chapter on top, its headings below, nothing else
        assert "C84" in ids and {i[0] for i in ids} <= {"C", "H", "G"}
        assert {i for i in ids if i[0] == "H"} <= {f"H{h}" for h in heads} and len(ids) >= 4
    assert "H8471" in tree_ids(at)[0]  # computers, a box of their own among the goods China → Kazakhstan


def test_a_click_on_a_chapter_box_opens_it_through_the_sidebar_and_the_root_goes_back(monkeypatch):
    at = run("app_pages/trade.py", trade_view="By sector", tree_year="2023")
    assert [m for m in at.get("plotly_chart")[0].proto.selection_mode] == [PlotlyChartProto.SelectionMode.POINTS]
    state = {"tree-China → Kazakhstan": {"selection": {"points": [{"id": "C87", "parent": "SVehicles"}]}}}
    with monkeypatch.context() as m:  # the on_select callback, against the session as Streamlit runs it
        m.setattr(streamlit, "session_state", state)
        ui.drills_treemap("tree-China → Kazakhstan", sectors.Selection(), ui.goods_names().sector_of)()
    assert state["chapters"] == ["87"] and state["headings"] == []
    at.session_state["chapters"] = state["chapters"]  # what the callback set, in the app's session
    at.run()
    assert not at.exception
    assert [w.value for w in at.sidebar.multiselect if w.key == "chapters"] == [["87"]]
    assert all("C87" in ids and "H8703" in ids and not any(i[0] == "S" for i in ids) for ids in tree_ids(at))
    state = {"tree-China → Kazakhstan": {"selection": {"points": [{"id": "C87", "parent": ""}]}}}
    with monkeypatch.context() as m:  # the chapter's own box, now on top: back up
        m.setattr(streamlit, "session_state", state)
        ui.drills_treemap("tree-China → Kazakhstan", sectors.Selection(chapters=("87",)),
                          ui.goods_names().sector_of)()
    assert state["chapters"] == []
    at.session_state["chapters"] = []
    at.run()
    assert all("SVehicles" in ids and "H8703" not in ids for ids in tree_ids(at))


def test_a_click_on_a_box_of_smaller_chapters_chooses_them_in_the_sidebar(monkeypatch):
    at = run("app_pages/trade.py", trade_view="By sector", tree_year="2023")
    spec = next(f for f in figures(at) if f["data"][0]["type"] == "treemap")["data"][0]
    grouped = [i for i in spec["ids"] if i[0] == "G"]
    assert grouped, "the shipped 2023 treemap has chapters under 0.5% of the goods shown"
    selection = sectors.Selection()
    drawn = sectors.boxes(ui.goods_breakdown(year=2023, reporter="Kazakhstan", flow="imports",
                                             selection=selection).nodes)
    members = dict(zip(drawn["id"], drawn["members"], strict=True))[grouped[0]]
    state = {"tree-China → Kazakhstan": {"selection": {"points": [{"id": grouped[0], "parent": grouped[0][1:]}]}}}
    with monkeypatch.context() as m:
        m.setattr(streamlit, "session_state", state)
        ui.drills_treemap("tree-China → Kazakhstan", selection, ui.goods_names().sector_of, drawn)()
    assert state["chapters"] == list(members) and len(members) >= 2
    at.session_state["chapters"] = state["chapters"]
    at.run()
    assert not at.exception
    assert all({f"C{c}" for c in members} & ids for ids in tree_ids(at))  # they are now the top boxes


def test_a_box_of_a_chapters_smaller_headings_opens_them_and_the_chapter_box_goes_back_to_all(monkeypatch):
    label = ui.options().chapter_labels["84"]
    at = run("app_pages/trade.py", trade_view="By sector", chapters=[label], tree_year="2023")
    assert "GC84" in tree_ids(at)[0]
    selection = sectors.Selection(chapters=("84",))
    drawn = sectors.boxes(ui.goods_breakdown(year=2023, reporter="Kazakhstan", flow="imports",
                                             selection=selection).nodes)
    members = list(dict(zip(drawn["id"], drawn["members"], strict=True))["GC84"])
    key = "tree-China → Kazakhstan"
    state = {key: {"selection": {"points": [{"id": "GC84", "parent": "C84"}]}}}
    with monkeypatch.context() as m:
        m.setattr(streamlit, "session_state", state)
        ui.drills_treemap(key, selection, ui.goods_names().sector_of, drawn)()
    assert state["chapters"] == ["84"] and state["headings"] == members
    at.session_state["headings"] = members  # what the callback set, in the app's session
    at.run()
    assert not at.exception
    shown = tree_ids(at)[0]  # the chapter and only those headings, now sized against each other
    assert shown - {"C84", "GC84"} <= {f"H{h}" for h in members} and len(shown - {"C84", "GC84"}) >= 2
    state = {key: {"selection": {"points": [{"id": "C84", "parent": ""}]}}}
    with monkeypatch.context() as m:  # the chapter's box: back to all of its headings
        m.setattr(streamlit, "session_state", state)
        ui.drills_treemap(key, sectors.Selection(chapters=("84",), headings=tuple(members)),
                          ui.goods_names().sector_of)()
    assert state == {key: state[key], "chapters": ["84"], "headings": []}


def test_sector_tab_before_the_extract_says_which_years_it_covers():
    done = datasets.load("product_completeness")
    held = sorted({int(y) for r in sectors.SECTOR_SERIES for f in ("exports", "imports")
                   for y in sectors.year_series(done, reporter=r, flow=f)["year"]})
    assert held[0] > 2000  # goods by chapter start long after 2000 (2014 as shipped)
    at = run("app_pages/trade.py", trade_view="By sector", years=["1995", "2000"])
    assert [i.value for i in at.info] == [f"No goods by chapter for 1995–2000: the data covers {held[0]}–{held[-1]}."]
    assert not at.get("plotly_chart")


def _share_frames(flow: str):
    products, done = datasets.load("trade_products"), datasets.load("product_completeness")
    return sectors.china_share(products, done, ui.goods_names(), flow=flow)


def test_share_tab_shows_each_flows_largest_chapters_and_their_growth():
    at = run("app_pages/trade.py", trade_view="China's share by sector")
    assert not at.warning, [w.value for w in at.warning]
    assert len(figures(at)) == 4  # each flow: the bars of its largest chapters and the heat map since when
    tables = [t.value for t in at.dataframe]
    assert len(tables) == 2
    for flow, shown in zip(("imports", "exports"), tables, strict=True):
        share = _share_frames(flow)
        first, last = int(share["year"].min()), int(share["year"].max())
        top = sectors.largest_chapters(share, year=last, sector=None)
        largest = top.sort_values("world_usd", ascending=False)["hs_chapter"].head(8).tolist()
        assert shown["hs_chapter"].tolist() == largest
        grown = sectors.growth(share, first=first, last=last, chapters=largest)
        assert shown[f"china_{last}"].tolist() == pytest.approx(grown[f"china_{last}"].tolist())
        assert shown["cagr"].tolist() == pytest.approx(grown["cagr"].tolist(), nan_ok=True)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_share_tabs_growth_table_writes_dollars_as_the_text_does(lang: str):
    """Each cell names its unit as the page's text does ($1.4 bn; US$14.0亿): the table had been in millions
    beside 亿 everywhere else in Chinese."""
    with i18n.language(lang):
        tab = i18n._(trade_page.TABS[3])
    at = run("app_pages/trade.py", trade_view=tab, lang=lang)
    shown = at.dataframe[0]
    numbers, text = shown.value, table_text(shown)
    dollars = [c for c in numbers.columns if c.startswith("china_")]
    assert len(dollars) == 2
    with i18n.language(lang):
        assert text[dollars].values.tolist() == [[fmt.usd(v) for v in row] for row in numbers[dollars].values]


def test_share_tab_has_no_growth_table_for_the_first_year_shown():
    first = int(_share_frames("imports")["year"].min())
    at = run("app_pages/trade.py", trade_view="China's share by sector", direction="China → Kazakhstan",
             share_year_imports=str(first))
    assert not at.warning, [w.value for w in at.warning]
    assert len(figures(at)) == 2 and len(at.dataframe) == 0  # growth from a year to itself means nothing


def test_share_tab_narrows_to_the_chosen_sector():
    at = run("app_pages/trade.py", trade_view="China's share by sector", sector="Ores and metals")
    assert not at.warning, [w.value for w in at.warning]
    ores = set(ui.options().chapters_by_sector["Ores and metals"])
    for shown in (t.value for t in at.dataframe):
        assert len(shown) and set(shown["hs_chapter"]) <= ores
    bars = [f for f in figures(at) if "largest chapters" in title(f)]
    assert len(bars) == 2 and all("Ores and metals" in title(f) for f in bars)


def test_the_share_heat_map_lists_its_chapters_as_the_bars_above_it_do():
    """The bars are ordered by China's share, the heat map under them was by trade with the World: a chapter stood
    at another height in each."""
    at = run("app_pages/trade.py", trade_view="China's share by sector")
    figs = figures(at)
    bars = [f for f in figs if "largest chapters" in title(f)]
    maps = [f for f in figs if "Since when" in title(f)]
    assert len(bars) == len(maps) == 2
    for bar, heat in zip(bars, maps, strict=True):
        chapters = [[str(y).split(" ")[0] for y in arr(fig["data"][0]["y"])] for fig in (bar, heat)]
        assert chapters[0] == chapters[1] and len(chapters[0]) > 1, chapters


def test_a_filter_reset_after_a_bad_link_leaves_no_warning_in_the_server_log(caplog):
    """The reset set the years in the session state and drew the slider with a default too: Streamlit logged a
    warning with a stack trace for every such link."""
    import logging

    logger = logging.getLogger("streamlit")
    before, logger.propagate = logger.propagate, True  # Streamlit's loggers may not reach the root's (caplog's)
    try:
        with caplog.at_level(logging.WARNING):
            run(years=["2020", "2015"])
    finally:
        logger.propagate = before
    assert not [r for r in caplog.records if "Session State API" in r.getMessage()]


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_links_to_another_pages_tab_carry_the_tab_as_that_language_names_it(lang):
    """The Overview's and the Data page's "why the figures differ" links, and the speech's link to China's rank:
    the tab in the URL as the page binds it, in the reader's language (they opened the first tab: in English the
    Overview's link named no tab, in Russian and Chinese the speech's named it in English, with a notice)."""
    from urllib.parse import parse_qs

    from kzcn import i18n, views
    from kzcn.partnerviews import RANK_TAB

    with i18n.language(lang):
        gap, rank = i18n._(views.TRADE_TABS[1]), i18n._(RANK_TAB)

    def tabs(at, key: str) -> list[str]:
        return [v for el in at.get("page_link") for v in parse_qs(el.proto.query_string).get(key, [])]

    assert tabs(run(lang=lang), "trade_view") == [gap]
    if lang == "en":  # (AppTest cannot rerun the Data page in another language: its picker's labels)
        data_page = run("app_pages/sources.py")
        data_page.session_state["about_sides"] = True  # the note holding the link, opened
        assert tabs(data_page.run(), "trade_view") == [gap]
    assert tabs(run("app_pages/speech.py", lang=lang), "partners_view") == [rank]
    opened = run("app_pages/partners.py", lang=lang, partners_view=rank)
    assert not opened.warning and opened.metric  # the rank tab: its cards


def test_a_chosen_chapter_a_cut_year_lacks_is_said_once_why():
    """Chapter 84 in 2021, as Kazakhstan reports: its records stop at heading 7205, so no chapter figure; the caption
    gives the completeness note once (it read "2021 is incomplete in the source: incomplete: …")."""
    label = ui.options().chapter_labels["84"]
    at = run("app_pages/trade.py", trade_view="By sector", chapters=label, tree_year="2021")
    said = [c.value for c in at.caption if c.value.startswith("2021, goods")]
    assert said and all(s.count("incomplete") == 1 for s in said), said


@pytest.mark.parametrize(("tab", "key", "value"), [
    ("By sector", "tree_year", "1999"),  # a year before any figures by chapter
    ("Why the figures differ", "gap_year", "abc"),  # not a year
    ("China's share by sector", "share_year_imports", "2021"),  # a year left out (incomplete in the source)
])
def test_a_trade_year_the_view_cannot_show_gets_a_notice_and_the_latest(tab, key, value):
    at = run("app_pages/trade.py", trade_view=tab, direction="China → Kazakhstan", **{key: value})
    notices = [w.value for w in at.warning if f"Ignored {key}=" in w.value]
    assert len(notices) == 1 and f"`{value}`" in notices[0]
    slider = at.select_slider(key=key)
    assert str(slider.value) == slider.options[-1] and value not in slider.options
    assert str(slider.value) in notices[0]  # the notice says which year is shown instead


def test_a_trade_year_the_view_can_show_gets_no_notice():
    at = run("app_pages/trade.py", trade_view="By sector", tree_year="2019")
    assert not [w.value for w in at.warning if "Ignored" in w.value]
    assert str(at.select_slider(key="tree_year").value) == "2019"


def test_the_baci_tab_says_which_chosen_chapters_it_records_no_flow_of():
    products = datasets.load("trade_products")
    baci = products[products["series"].isin(trade_page.views.BACI_SERIES) & (products["year"] == 2021)]
    held = set(baci["hs_chapter"])
    labels = ui.options().chapter_labels
    absent = next(c for c in sorted(labels) if c not in held)
    present = next(c for c in sorted(labels) if c in held)
    at = run("app_pages/trade.py", trade_view="Whole product mix, 2021", chapters=[labels[absent]])
    assert not figures(at)  # not a treemap of the remainder alone
    assert any("BACI records no exports" in i.value for i in at.info)
    at = run("app_pages/trade.py", trade_view="Whole product mix, 2021", chapters=[labels[absent], labels[present]])
    assert len(figures(at)) == 1
    assert any("BACI records no exports" in c.value and absent in c.value for c in at.caption)


def test_the_chapter_gap_names_each_chapter_it_draws_and_says_each_panel_has_its_scale():
    at = run("app_pages/trade.py", trade_view="Why the figures differ")
    chart = next(f for f in figures(at) if "Each chapter as each side records it" in title(f))
    drawn = sorted({x.removeprefix("HS ") for t in chart["data"] for x in t.get("x") or [] if isinstance(x, str)})
    assert drawn
    note = next(c.value for c in at.caption if "Each panel has its own scale" in c.value)
    names = ui.chapter_names()
    for code in drawn:
        assert f"{code} {names[code][:10]}" in note, (code, note)
