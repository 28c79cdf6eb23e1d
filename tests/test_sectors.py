"""kzcn.sectors on small fixture data: which series a year uses, incomplete years never hidden in a remainder,
the drill-down sector → chapter → heading, China's share and the mirror gap per chapter."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcn import charts, coverage, i18n, metrics, sectors, urlstate, views

CHAPTERS = pd.DataFrame({"hs_chapter": ["26", "61", "84", "87"],
                         "chapter_name": ["Ores", "Knitted clothing", "Machinery", "Vehicles"],
                         "sector": ["Ores and metals", "Textiles and consumer goods", "Machinery and electronics",
                                    "Vehicles"]})
NAMES = pd.DataFrame({"hs_heading": ["2601", "6110", "8471", "8703", "8708"],
                      "hs_chapter": ["26", "61", "84", "87", "87"],
                      "heading_name": ["Iron ores", "Jerseys", "Computers", "Motor cars", "Parts"],
                      "note": None, "source_id": "hs", "source_locator": "line"})


def heading(year, partner, flow, code, value, series="wits_hs4", reporter="Kazakhstan"):
    return {"year": year, "reporter": reporter, "partner": partner, "flow": flow, "hs_heading": code,
            "hs_chapter": code[:2], "value_usd": float(value), "series": series, "classification": "H4",
            "source_id": f"src-{partner}-{flow}", "source_locator": "row"}


def frames(headings: list[dict], extra_products: list[dict] | None = None, annual: pd.DataFrame | None = None):
    """trade_headings, trade_products (chapter sums and TOTAL, as the WITS reader makes them), coverage and
    completeness."""
    heads = pd.DataFrame(headings)
    keys = ["year", "reporter", "partner", "flow", "series", "classification", "source_id"]
    chap = heads.groupby([*keys, "hs_chapter"], as_index=False)["value_usd"].sum()
    total = heads.groupby(keys, as_index=False)["value_usd"].sum().assign(hs_chapter="TOTAL")
    products = pd.concat([chap, total, pd.DataFrame(extra_products or [])], ignore_index=True)
    products["source_locator"], products["note"] = "sum", None
    cov = coverage.product_coverage(products, heads, CHAPTERS, annual)
    done = coverage.completeness(products, heads, cov, annual)
    return products, heads, cov, done


def kz_years(cut_year: int | None = 2021) -> list[dict]:
    """Kazakhstan's imports from China and the World 2019–2023; `cut_year` stops after heading 6110 (as 2020–22)."""
    rows = []
    for year in range(2019, 2024):
        for partner, scale in (("China", 1), ("World", 3)):
            rows += [heading(year, partner, "imports", "2601", 10 * scale),
                     heading(year, partner, "imports", "6110", 70 * scale if partner == "China" else 100)]
            if year != cut_year:
                rows += [heading(year, partner, "imports", "8471", 300 * scale),
                         heading(year, partner, "imports", "8703", 200 * scale),
                         heading(year, partner, "imports", "8708", 50 * scale)]
    return rows


def names() -> sectors.Names:
    return sectors.Names.of(CHAPTERS, NAMES)


def test_a_cut_year_is_incomplete_never_preferred_and_its_missing_chapters_are_named():
    *_, done = frames(kz_years())
    picked = sectors.year_series(done, reporter="Kazakhstan", flow="imports").set_index("year")
    assert picked.loc[2021, "complete"] == False  # noqa: E712 (a numpy bool)
    assert picked.loc[2020, "complete"] == True  # noqa: E712
    row = done[(done["year"] == 2021) & (done["partner"] == "China")].iloc[0]
    # the chapter of the last heading counts as cut short too: the source does not say whether it goes on
    assert list(row["missing_chapters"]) == ["61", "84", "87"] and row["cut_after_heading"] == "6110"


def test_a_complete_series_is_preferred_over_an_extract_of_a_few_chapters():
    extract = [{"year": 2020, "reporter": "Kazakhstan", "partner": "China", "flow": "imports", "hs_chapter": c,
                "value_usd": v, "series": "comtrade", "classification": "H5", "source_id": "extract"}
               for c, v in (("26", 10.0), ("TOTAL", 999.0))]
    _, _, _, done = frames(kz_years(), extract)
    picked = sectors.year_series(done, reporter="Kazakhstan", flow="imports").set_index("year")
    assert picked.loc[2020, "series"] == "wits_hs4"


def test_the_breakdown_itemises_every_chapter_in_its_sector_and_no_remainder():
    products, heads, cov, done = frames(kz_years())
    shown = sectors.breakdown(sectors.goods(products, heads, cov, done, reporter="Kazakhstan", flow="imports"), names(),
                              year=2023, selection=sectors.Selection())
    nodes = shown.nodes.set_index("id")
    assert shown.complete and "R" not in nodes.index  # complete data: no remainder
    assert nodes.loc["C84", "value_usd"] == 300 and nodes.loc["C87", "value_usd"] == 250
    assert nodes.loc["C87", "parent"] == "SVehicles" and nodes.loc["SVehicles", "parent"] == ""
    assert nodes.loc["SVehicles", "value_usd"] == 250  # parents hold their children's sum (branchvalues total)
    # only the two levels a treemap shows: no heading until a chapter is chosen
    assert set(shown.nodes["level"]) == {"sector", "chapter"}


def test_chosen_chapters_are_the_top_level_with_their_headings():
    products, heads, cov, done = frames(kz_years())
    shown = sectors.breakdown(sectors.goods(products, heads, cov, done, reporter="Kazakhstan", flow="imports"), names(),
                              year=2023, selection=sectors.Selection(chapters=("87",)))
    nodes = shown.nodes.set_index("id")
    assert sorted(nodes.index) == ["C87", "H8703", "H8708"]  # no sector box above, no other chapter
    assert nodes.loc["C87", "parent"] == "" and nodes.loc["H8703", "parent"] == "C87"
    assert nodes.loc["C87", "value_usd"] == nodes.loc[["H8703", "H8708"], "value_usd"].sum() == 250
    assert set(nodes["sector"]) == {"Vehicles"}  # coloured as their sector


def test_a_heading_selection_drills_down_to_that_heading():
    products, heads, cov, done = frames(kz_years())
    shown = sectors.breakdown(sectors.goods(products, heads, cov, done, reporter="Kazakhstan", flow="imports"), names(),
                              year=2023, selection=sectors.Selection("Vehicles", ("87",), ("8703",)))
    assert sorted(shown.nodes["id"]) == ["C87", "H8703"]
    assert set(shown.nodes["value_usd"]) == {200.0}


def test_an_incomplete_year_leaves_the_missing_chapters_out_instead_of_drawing_them_small():
    products, heads, cov, done = frames(kz_years())
    shown = sectors.breakdown(sectors.goods(products, heads, cov, done, reporter="Kazakhstan", flow="imports"), names(),
                              year=2021, selection=sectors.Selection(chapters=("26", "87")))
    assert not shown.complete and shown.left_out == ("87",)
    assert "C87" not in set(shown.nodes["id"]) and "C26" in set(shown.nodes["id"])


def test_bars_over_time_have_no_value_for_a_chapter_the_source_lacks_that_year():
    products, heads, cov, done = frames(kz_years())
    kz_imports = sectors.goods(products, heads, cov, done, reporter="Kazakhstan", flow="imports")
    bars, years = sectors.over_time(kz_imports, names(), selection=sectors.Selection())
    vehicles = bars[bars["group"] == "Vehicles"].set_index("year")["value_usd"]
    assert 2021 not in vehicles.index and vehicles[2022] == 250  # absent, not zero
    status = years.set_index("year")
    assert not status.loc[2021, "complete"] and status.loc[2022, "complete"]
    note = sectors.years_note(years, selection=sectors.Selection())
    assert note.startswith("2021: incomplete") and "6110" in note


def test_chosen_chapters_group_the_bars_by_heading():
    products, heads, cov, done = frames(kz_years())
    kz_imports = sectors.goods(products, heads, cov, done, reporter="Kazakhstan", flow="imports")
    bars, _ = sectors.over_time(kz_imports, names(), selection=sectors.Selection(chapters=("87",)))
    assert set(bars["group"]) == {"8703 Motor cars", "8708 Parts"}


def test_an_extract_keeps_a_labelled_remainder_only_in_the_all_goods_view():
    extract = [{"year": 2023, "reporter": "China", "partner": "Kazakhstan", "flow": "exports", "hs_chapter": c,
                "value_usd": v, "series": "comtrade", "classification": "H6", "source_id": "cn"}
               for c, v in (("26", 40.0), ("84", 60.0), ("TOTAL", 1000.0))]
    extract += [{**extract[0], "year": 2022, "hs_chapter": "26"}, {**extract[0], "year": 2022, "hs_chapter": "61",
                                                                    "value_usd": 5.0}]
    products, heads, cov, done = frames(kz_years(), extract)
    shown = sectors.breakdown(sectors.goods(products, heads, cov, done, reporter="China", flow="exports"), names(),
                              year=2023, selection=sectors.Selection())
    rest = shown.nodes.set_index("id").loc["R"]
    assert rest["label"] == sectors.OUTSIDE and rest["value_usd"] == 900
    chosen = sectors.breakdown(sectors.goods(products, heads, cov, done, reporter="China", flow="exports"), names(),
                              year=2023, selection=sectors.Selection("Machinery and electronics"))
    assert "R" not in set(chosen.nodes["id"])


def test_china_share_uses_only_years_complete_with_both_partners():
    products, _, _, done = frames(kz_years())
    share = sectors.china_share(products, done, names(), flow="imports")
    assert 2021 not in set(share["year"])
    row = share[(share["year"] == 2023) & (share["hs_chapter"] == "61")].iloc[0]
    assert row["share"] == pytest.approx(0.7) and row["world_usd"] == 100
    grown = sectors.growth(share, first=2019, last=2023, chapters=["61"]).iloc[0]
    assert grown["cagr"] == pytest.approx(0.0)


def test_the_chapter_gap_pairs_only_chapters_both_sides_record_in_full():
    china = [{"year": y, "reporter": "China", "partner": "Kazakhstan", "flow": "exports", "hs_chapter": c,
              "value_usd": v, "series": "comtrade", "classification": "H6", "source_id": "cn"}
             for y in (2021, 2023) for c, v in (("61", 140.0), ("87", 500.0), ("TOTAL", 2000.0))]
    products, _, cov, _ = frames(kz_years(), china)
    gap = sectors.chapter_gap(products, cov, names(), metrics.DIRECTIONS)
    pairs = set(zip(gap["year"], gap["hs_chapter"], strict=True))
    assert (2023, "87") in pairs and (2021, "87") not in pairs  # Kazakhstan's 2021 records lack chapter 87
    row = gap[(gap["year"] == 2023) & (gap["hs_chapter"] == "61")].iloc[0]
    assert row["gap_usd"] == 70 and row["gap_pct"] == pytest.approx(100.0)


SECTOR_OF = {"26": "Ores and metals", "84": "Machinery and electronics", "85": "Machinery and electronics",
             "87": "Vehicles"}


def clicked(*ids: str) -> dict:
    """What st.plotly_chart keeps after a click on a treemap box (Streamlit 1.67: the node's id, parent, label…)."""
    return {"selection": {"points": [{"id": i, "parent": "", "label": i, "value": 1.0, "current_path": "/",
                                      "point_number": 0, "curve_number": 0} for i in ids],
                          "point_indices": [0], "box": [], "lasso": []}}


ALL = sectors.Selection()


@pytest.mark.parametrize(("state", "selection", "changes"), [
    # down: a chapter box chooses the chapter, a sector box the sector
    (clicked("C87"), ALL, {"chapters": ["87"], "headings": []}),
    (clicked("SVehicles"), ALL, {"sector": "Vehicles", "chapters": [], "headings": []}),
    (clicked("C87"), sectors.Selection("Vehicles"), {"chapters": ["87"], "headings": []}),
    # a chapter of another sector (not drawn, but a stale click) brings its sector along
    (clicked("C26"), sectors.Selection("Vehicles"), {"chapters": ["26"], "headings": [], "sector": "Ores and metals"}),
    # one of several chosen chapters: only it
    (clicked("C84"), sectors.Selection(chapters=("84", "85")), {"chapters": ["84"], "headings": []}),
    # up: the only chapter chosen clears the chapters; the only sector chosen goes back to all sectors
    (clicked("C87"), sectors.Selection(chapters=("87",)), {"chapters": [], "headings": []}),
    # up from some of a chapter's headings: all its headings
    (clicked("C87"), sectors.Selection("Vehicles", ("87",), ("8703",)), {"chapters": ["87"], "headings": []}),
    (clicked("SVehicles"), sectors.Selection("Vehicles"),
     {"sector": urlstate.ALL_SECTORS, "chapters": [], "headings": []}),
    # the last point clicked counts
    (clicked("C84", "C87"), ALL, {"chapters": ["87"], "headings": []}),
    # nothing to open: a heading, the remainder, an unknown node, a deselection, a state of another shape
    (clicked("H8703"), sectors.Selection(chapters=("87",)), {}),
    (clicked("R"), ALL, {}),
    (clicked("C99"), ALL, {}), (clicked("SNowhere"), ALL, {}), (clicked("C"), ALL, {}),
    ({"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}}, ALL, {}),
    ({"selection": {"points": [{"x": 1}]}}, ALL, {}), ({"selection": None}, ALL, {}), (None, ALL, {}),
    ("C87", ALL, {}),
])
def test_a_click_on_a_treemap_box_drills_through_the_filters(state, selection, changes):
    assert views.treemap_drill(state, sector=selection.sector, chapters=selection.chapters,
                               sector_of=SECTOR_OF, headings=selection.headings) == changes


GROUPS = {"GSOres and metals": ("26", "72"), "GC87": ("8701", "8702"), "GSVehicles": ("87",), "GSNowhere": ("99",)}


@pytest.mark.parametrize(("state", "selection", "changes"), [
    # a box of smaller chapters chooses them all; one of smaller headings chooses those headings
    (clicked("GSOres and metals"), ALL, {"chapters": ["26", "72"], "headings": []}),
    (clicked("GSOres and metals"), sectors.Selection("Vehicles"),
     {"chapters": ["26", "72"], "headings": [], "sector": "Ores and metals"}),
    (clicked("GC87"), sectors.Selection(chapters=("87",)), {"chapters": ["87"], "headings": ["8701", "8702"]}),
    # with other chapters chosen too, the chapter of those headings alone (the others would drop out of view)
    (clicked("GC87"), sectors.Selection(chapters=("84", "87")), {"chapters": ["87"], "headings": ["8701", "8702"]}),
    # headings of a chapter not chosen, a chapter unknown, a group not drawn: nothing to open
    (clicked("GC87"), ALL, {}), (clicked("GSNowhere"), ALL, {}), (clicked("GSEnergy"), ALL, {}),
])
def test_a_click_on_a_box_of_smaller_chapters_or_headings_opens_them(state, selection, changes):
    sector_of = {**SECTOR_OF, "72": "Ores and metals"}
    assert views.treemap_drill(state, sector=selection.sector, chapters=selection.chapters, sector_of=sector_of,
                               groups=GROUPS, headings=selection.headings) == changes


def tree(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    """Treemap nodes (id, parent, value) as sectors.breakdown makes them."""
    return pd.DataFrame([{"id": i, "parent": p, "label": i[1:], "level": "sector" if not p else
                          ("heading" if i[0] == "H" else "chapter"), "value_usd": float(v), "sector": "S",
                          "source_id": "src"} for i, p, v in rows], columns=sectors.NODE_COLUMNS)


def test_boxes_too_small_to_read_are_drawn_as_one_per_parent_that_keeps_their_sum():
    nodes = tree([("SA", "", 900.0), ("SB", "", 95.0), ("R", "", 5.0),  # total 1,000: 0.5% is 5
                  ("C01", "SA", 890.0), ("C02", "SA", 3.0), ("C03", "SA", 4.0), ("C04", "SA", 3.0),
                  ("C07", "SA", 0.0),  # nothing: no box to group
                  ("C05", "SB", 94.0), ("C06", "SB", 1.0)])  # SB: one small chapter alone keeps its box
    drawn = sectors.boxes(nodes).set_index("id")
    assert set(drawn.index) == {"SA", "SB", "R", "C01", "C07", "GSA", "C05", "C06"}
    # the largest first, then by code
    assert drawn.loc["GSA", "members"] == ("03", "02", "04") and drawn.loc["GSA", "value_usd"] == 10.0
    assert drawn.loc["GSA", "parent"] == "SA" and drawn.loc["GSA", "level"] == "grouped"
    assert drawn.loc["GSA", "label"] == "3 smaller chapters" and drawn.loc["C01", "members"] == ()
    heads = tree([("C84", "", 100.0), ("H8471", "C84", 98.0), ("H8401", "C84", 0.2), ("H8402", "C84", 0.3)])
    assert sectors.boxes(heads).set_index("id").loc["GC84", "label"] == "2 smaller headings"
    assert sectors.boxes(nodes.iloc[:0]).empty and list(sectors.boxes(nodes.iloc[:0])) == sectors.BOX_COLUMNS


@given(st.lists(st.lists(st.floats(0.0, 1e9, allow_nan=False), min_size=1, max_size=12), min_size=1, max_size=6))
def test_grouping_small_boxes_keeps_every_total_and_leaves_no_small_box_beside_another(sizes):
    rows = []
    for s, values in enumerate(sizes):
        rows.append((f"S{s}", "", sum(values)))
        rows += [(f"C{s}{c:02d}", f"S{s}", v) for c, v in enumerate(values)]
    nodes = tree(rows)
    drawn = sectors.boxes(nodes)
    total = nodes.loc[nodes["parent"] == "", "value_usd"].sum()
    assert drawn["id"].is_unique
    tops = nodes[nodes["parent"] == ""].assign(members=[()] * len(sizes)).reset_index(drop=True)
    assert drawn[drawn["parent"] == ""].reset_index(drop=True).equals(tops)  # the top boxes as they were
    children = drawn[drawn["parent"] != ""].groupby("parent")["value_usd"].sum()
    before = nodes[nodes["parent"] != ""].groupby("parent")["value_usd"].sum()
    assert children.sort_index().to_numpy() == pytest.approx(before.sort_index().to_numpy())
    grouped = drawn[drawn["level"] == "grouped"]
    values = nodes.set_index("id")["value_usd"]
    for _, box in grouped.iterrows():
        members = [f"C{m}" for m in box["members"]]
        assert len(members) >= 2 and all(0 < values[m] < sectors.SMALL_BOX_SHARE * total for m in members)
    small = drawn[(drawn["level"] == "chapter") & (drawn["value_usd"] > 0)
                  & (drawn["value_usd"] < sectors.SMALL_BOX_SHARE * total)]
    assert not small["parent"].duplicated().any()  # two small chapters of one sector are never left apart


def test_a_box_of_smaller_chapters_names_them_in_its_hover_in_the_readers_language():
    nodes = tree([("SA", "", 1000.0), *[(f"C{c:02d}", "SA", 1.0) for c in range(1, 16)], ("C84", "SA", 985.0)])
    nodes.loc[nodes["id"] == "C15", "value_usd"] = 2.0  # the largest of the small ones is named first
    nodes.loc[nodes["id"] == "C84", "value_usd"] = 984.0
    drawn = sectors.boxes(nodes)
    fig = charts.goods_treemap(drawn, title="t")
    box = list(fig.data[0].ids).index("GSA")
    assert fig.data[0].labels[box] == "15 smaller chapters"
    assert fig.data[0].customdata[box][0] == ("15 smaller chapters<br>each under 0.5% of the goods shown: "
                                              "15, 01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11 …")
    assert fig.data[0].marker.colors[box].startswith("rgba(") and fig.data[0].marker.colors[box].endswith("0.55)")
    with i18n.language("ru"):
        fig = charts.goods_treemap(sectors.boxes(nodes), title="t")
    assert fig.data[0].customdata[box][0].startswith("15 мелких групп ТН ВЭД<br>каждая меньше 0,5")


def test_a_treemap_box_shows_its_share_of_the_goods_shown_as_the_readers_language_writes_it():
    """Plotly's %{percentRoot:.1%} wrote "22,9%" in Russian, whose text writes "22,9 %"; the shares are kzcn's,
    each box's value over the top-level boxes' total."""
    nodes = tree([("SA", "", 750.0), ("C84", "SA", 500.0), ("C85", "SA", 250.0), ("SB", "", 250.0),
                  ("C26", "SB", 250.0)])
    with i18n.language("ru"):
        fig = charts.goods_treemap(sectors.boxes(nodes), title="t")
    shares = dict(zip(fig.data[0].ids, (row[2] for row in fig.data[0].customdata), strict=True))
    assert shares == {"SA": "75,0\u00a0%", "C84": "50,0\u00a0%", "C85": "25,0\u00a0%", "SB": "25,0\u00a0%",
                      "C26": "25,0\u00a0%"}
    assert "%{customdata[2]}" in fig.data[0].texttemplate and "%{customdata[2]}" in fig.data[0].hovertemplate


def test_rows_of_the_baci_tab_become_the_sector_tabs_nodes_grouped_alike_with_their_remainder():
    rows = pd.DataFrame({"hs_chapter": ["26", "74", "72", "81", "TOTAL"],
                         "chapter_name": ["Ores", "Copper", "Iron", "Other metals", ""],
                         "sector": ["Ores and metals"] * 4 + [""], "value_usd": [900.0, 80.0, 2.0, 1.0, 17.0],
                         "is_remainder": [False] * 4 + [True], "source_id": "baci", "series": "baci"})
    nodes = sectors.row_nodes(rows)
    assert list(nodes.columns) == sectors.NODE_COLUMNS
    assert nodes.set_index("id").loc["C26", "label"] == "26 Ores" and nodes.set_index("id").loc["R", "parent"] == ""
    shown = dict(zip(*sectors.boxes(nodes)[["id", "value_usd"]].to_numpy().T, strict=True))
    assert set(shown) == {"SOres and metals", "C26", "C74", "GSOres and metals", "R"}
    assert shown["GSOres and metals"] == 3.0 and shown["SOres and metals"] == 983.0 and shown["R"] == 17.0
    assert sum(v for i, v in shown.items() if i[0] in "SR") == rows["value_usd"].sum()  # every dollar once


def test_over_half_is_strictly_over_half_and_ordered_as_the_bars():
    top = pd.DataFrame({"hs_chapter": ["26", "23", "74", "79", "10"], "share": [0.80, 0.67, 0.64, 0.503, 0.5],
                        "world_usd": [5e9, 4e8, 4e9, 6e8, 1e9]})
    shuffled = top.sample(frac=1, random_state=1)
    assert sectors.over_half(shuffled)["hs_chapter"].tolist() == ["26", "23", "74", "79"]  # 0.5 exactly is not
    assert sectors.over_half(top[top["share"] <= 0.5]).empty


def test_a_cut_year_gets_the_reporters_headline_total_only_where_no_remainder_makes_it_up():
    """The preferred all-goods row of trade_annual, for cut years whose bars have no remainder (2014's extract
    has one: its bar is already the whole total)."""
    trade = pd.DataFrame({
        "year": [2014, 2020, 2020, 2020, 2021, 2020], "reporter": ["Kazakhstan"] * 5 + ["China"],
        "partner": ["China"] * 5 + ["Kazakhstan"], "flow": ["imports"] * 3 + ["exports", "imports", "exports"],
        "value_usd": [1e9, 6.4e9, 6.3e9, 9e9, 8.2e9, 1e10], "preferred": [True, True, False, True, True, True],
        "series": ["comtrade", "kz_bns", "kz_bns", "kz_bns", "kz_bns", "comtrade"], "source_id": list("abcdef")})
    bars = pd.DataFrame({"year": [2014, 2014, 2020, 2021], "group": ["Energy", sectors.OUTSIDE, "Energy", "Energy"],
                         "value_usd": [1e8, 9e8, 2e9, 2e9], "source_id": "s"})
    years = pd.DataFrame({"year": [2014, 2020, 2021], "complete": [False, False, True]})
    shown = sectors.totals_beside_cut_years(trade, bars, years, reporter="Kazakhstan", flow="imports")
    assert list(shown["source_id"]) == ["b"]  # 2020's preferred imports: not 2014 (remainder), not 2021 (whole)
