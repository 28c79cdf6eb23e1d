"""The Partners page through AppTest: every tab draws its charts from one source at a time, names China and Russia
together, says where the sources' rankings differ; a shared link restores the view, a bad one gets a notice and
the default; the speech's "largest trading partner" claim links here."""

from __future__ import annotations

import pytest
from helpers import arr, figures, run, title

from kzcn import countries, datasets, partners, tables, ui
from kzcn import partnerviews as pv

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

PAGE = "app_pages/partners.py"
TOP, LINES, SPLIT, RANK = pv.TABS


@pytest.fixture(scope="module")
def shipped():
    return datasets.load("trade_partners")


def names_in(spec: dict) -> list[str]:
    """The trace names and bar labels of a figure: what a reader sees named on it."""
    out = []
    for t in spec["data"]:
        out.append(t.get("name") or "")
        if t.get("orientation") == "h":
            out += [str(y) for y in arr(t["y"])]
    return out


@pytest.mark.parametrize("view", pv.TABS)
def test_every_tab_runs_with_charts_naming_china_and_russia_and_no_warning(view):
    at = run(PAGE, partners_view=view)
    assert not at.warning, [w.value for w in at.warning]
    drawn = figures(at)
    assert drawn
    for spec in drawn:
        assert " reports" in title(spec), title(spec)  # whose figures, on every chart
        assert spec["layout"]["annotations"][-1]["text"].startswith("Source")  # and the source line
    together = [s for s in drawn if any("China" in n for n in names_in(s)) and any("Russia" in n for n in names_in(s))]
    assert together or view == RANK, [title(s) for s in drawn]  # China's rank tab draws China's and Kazakhstan's rank
    if view == RANK:
        text = " ".join(m.value for m in at.markdown)
        assert "Russia" in text and "China" in text  # who was first, year by year


def test_top_partners_default_shows_the_newest_year_as_the_bureau_ranks_it(shipped):
    at = run(PAGE)
    bars = figures(at)[0]
    assert title(bars).startswith("Kazakhstan's top 10 partners, 2023, by share of its trade turnover")
    assert title(bars).endswith("as BNS, 2023 workbook reports")
    top = partners.top_partners(shipped, "Kazakhstan", 2023, "turnover", "kz_bns", n=10)
    trace = bars["data"][0]
    assert arr(trace["y"])[:2] == ["1. China", "2. Russia"]
    assert arr(trace["x"]) == pytest.approx(list(top["share_of_world"]))
    assert "IMF DOTS has no 2023" in " ".join(c.value for c in at.caption)
    assert len(figures(at)) == 1  # the ranks over time are a tab of their own


def test_ranks_over_time_one_chart_per_source_with_china_and_russia_named():
    at = run(PAGE, partners_view=LINES, years=["2000", "2023"])
    lines = figures(at)
    assert [title(s).rsplit("as ", 1)[1] for s in lines] == ["IMF DOTS reports", "BNS reports"]  # one per source
    assert title(lines[0]).startswith("Rank by trade turnover (exports + imports), 2000–2020: 2020's top 8")
    for spec in lines:
        names = [t["name"] for t in spec["data"]]
        assert names[:2] == ["China", "Russia"] and len(names) <= 10
        assert [a["text"] for a in spec["layout"]["annotations"][:2]] == ["<b>China</b>", "<b>Russia</b>"]
        assert min(min(arr(t["x"])) for t in spec["data"]) >= 2000
    notes = " ".join(c.value for c in at.caption)
    assert "BNS publishes each year in two workbooks (2019–2022 here)" in notes
    assert "Both copies give the same top 10 in every one of those years." in notes


def test_a_year_both_sources_hold_shows_both_side_by_side_and_where_they_differ(shipped):
    at = run(PAGE, partners_year="2019")
    bars = [s for s in figures(at) if title(s).startswith("Kazakhstan's top 10")]
    assert [title(s).rsplit("as ", 1)[1] for s in bars] == ["IMF DOTS reports", "BNS, 2020 workbook reports"]
    compare = partners.compare_rankings(shipped, "Kazakhstan", 2019, "turnover")
    assert list(compare.columns) == ["imf-dots-kaz", "kz-bns-2019", "kz-bns-2020", "agree"]
    said = " ".join(m.value for m in at.markdown)
    assert "differ at places 7–9" in said and "Türkiye, Switzerland, Uzbekistan" in said  # IMF DOTS' order
    table = at.dataframe[0].value
    assert list(table.columns) == ["IMF DOTS", "BNS, 2019 workbook", "BNS, 2020 workbook", "same place"]
    assert table.loc[7].tolist() == ["Türkiye", "Uzbekistan", "Uzbekistan", False]


def test_one_source_and_a_flow_from_the_link(shipped):
    at = run(PAGE, partners_flow="Exports", partners_source="IMF DOTS", partners_year="2020")
    assert at.radio(key="partners_flow").value == "Exports"
    assert at.radio(key="partners_source").value == "IMF DOTS"
    drawn = figures(at)
    assert all("as IMF DOTS" in title(s) for s in drawn)
    assert title(drawn[0]).startswith("Kazakhstan's top 10 partners, 2020, by share of its exports")
    top = partners.top_partners(shipped, "Kazakhstan", 2020, "exports", "imf_dots", n=10)
    assert arr(drawn[0]["data"][0]["y"])[0] == f"1. {countries.country_name(top['partner'].iloc[0])}"
    assert "BNS also holds 2020" in " ".join(c.value for c in at.caption)  # the other source is one click away
    assert not at.dataframe  # one source: no side-by-side table


def test_the_split_tab_draws_one_panel_per_source_and_says_each_eu():
    at = run(PAGE, partners_view=SPLIT, partners_flow="Imports")
    drawn = figures(at)
    assert [title(s).rsplit("as ", 1)[1] for s in drawn] == ["IMF DOTS reports", "BNS reports"]
    assert [t["name"] for t in drawn[1]["data"]] == ["China", "Russia", "EU (BNS)", "Rest of world"]
    sources = [s["layout"]["annotations"][-1]["text"].replace("<br>", " ") for s in drawn]
    assert "without the United Kingdom" in sources[0]  # IMF DOTS: the 27 members of 2020 in every year
    assert "28 countries, with the United Kingdom (2018–2022)" in sources[1]
    # DOTS's partner countries in 1992–1993 are all IMF estimates, left out (the page's opening caption says so)
    assert "Left out, never filled in: 1992, no China and Russia figure; 1993, no China and Russia figure from IMF " \
           "DOTS." in " ".join(c.value for c in at.caption)
    assert max(max(arr(t["y"])) for t in drawn[0]["data"]) <= 1  # shares of the source's own World


def test_chinas_rank_cards_come_from_each_source(shipped):
    at = run(PAGE, partners_view=RANK)
    cards = {m.label: m.value for m in at.metric}
    china = partners.rank_of(shipped, "Kazakhstan", "CHN", "turnover", series="kz_bns", preferred_only=True)
    last = china[china["year"] == 2023].iloc[0]
    assert cards["China's rank for Kazakhstan, 2023, BNS"] == f"1st of {int(last['countries'])}" == "1st of 131"
    kaz = partners.kazakhstan_rank_for_china(shipped, "turnover").set_index("year")
    assert cards["Kazakhstan's rank for China, 2020, IMF DOTS"] == f"{kaz.loc[2020, 'rank']}th of 205" == "34th of 205"
    assert cards["China's rank for Kazakhstan, 2020, IMF DOTS"] == "2nd of 110"
    lines = figures(at)
    assert [t["name"] for t in lines[0]["data"]] == ["IMF DOTS", "BNS (newest workbook of each year)"]  # never joined
    assert arr(lines[1]["data"][0]["y"])[-1] == 34  # Kazakhstan among China's partners, 2020
    said = " ".join(m.value for m in at.markdown)
    assert "China 2023" in said.replace("\\", "")
    dots = next(t for t in lines[0]["data"] if t["name"] == "IMF DOTS")
    assert min(arr(dots["x"])) == 1994  # 1992–1993: the IMF's own estimates, never ranked (it had ranked them)
    assert "IMF DOTS gives Kazakhstan's partner countries in 1992–1993 only as the IMF's own estimates" in \
        at.caption[0].value and "IMF DOTS (1994–2020" in at.caption[0].value


def test_chinas_side_of_a_flow_is_the_same_goods():
    at = run(PAGE, partners_view=RANK, partners_flow="Exports")
    kaz = figures(at)[1]
    assert title(kaz) == ("Kazakhstan's rank among China's partners by China's imports (goods Kazakhstan → China), "
                          "as China reports (IMF DOTS)")


def test_years_without_a_source_say_so():
    at = run(PAGE, partners_view=RANK, years=["2021", "2023"])
    assert any("IMF DOTS holds China's partners for 1992–2020 only" in i.value for i in at.info)
    at = run(PAGE, years=["1995", "2000"], partners_source="BNS")
    assert any("No partner figures from BNS in 1995–2000" in i.value for i in at.info)
    assert not figures(at)


@pytest.mark.parametrize(("key", "value", "default"), [
    ("partners_flow", "balance", "Turnover"), ("partners_source", "<b>UN</b>", "Both sources side by side"),
])
def test_an_unknown_flow_or_source_gets_a_notice_and_the_default(key, value, default):
    at = run(PAGE, **{key: value})
    notices = " ".join(w.value for w in at.warning)
    assert f"Ignored {key}=" in notices and "`" in notices  # quoted as code, never rendered
    assert at.radio(key=key).value == default
    assert figures(at)


def test_an_unknown_tab_gets_a_notice_and_the_first_tab():
    at = run(PAGE, partners_view="Bogus tab")
    assert "Ignored partners_view=`Bogus tab`" in " ".join(w.value for w in at.warning)
    assert title(figures(at)[0]).startswith("Kazakhstan's top 10 partners")


def test_a_year_the_view_cannot_show_gets_a_notice_and_the_latest():
    at = run(PAGE, partners_year="1800")
    assert "Ignored partners_year=`1800`" in " ".join(w.value for w in at.warning)
    assert ", 2023, " in title(figures(at)[0])


def test_the_page_shows_only_the_years_filter():
    at = run(PAGE)
    filters = [r for r in at.sidebar.radio if r.key != ui.LANGUAGE_KEY]  # the hidden field keeping ?lang=
    assert [s.label for s in at.sidebar.slider] == ["Years"] and not filters


def test_the_speech_links_the_largest_partner_claim_to_the_rank_tab():
    at = run("app_pages/speech.py")
    links = [link.proto for link in at.get("page_link") if link.proto.page == "partners"]
    assert len(links) == 1
    assert links[0].query_string == "partners_view=China%27s+rank"
    claims = datasets.load("claims").set_index("claim_id")
    assert claims.loc["c11", "passage_id"] == "p10"  # the passage the link sits beside


def test_the_data_page_lists_the_partners_dataset(shipped):
    at = run("app_pages/sources.py", dataset=tables.NAMES["trade_partners"], reporter="As China reports")
    shown = at.dataframe[0].value
    assert len(shown) == (shipped["reporter"] == "China").sum()
    assert shown["source_publisher"].notna().all()
    assert at.code[0].value.startswith("kzcn — China–Kazakhstan trade and relations dashboard, Trade with every "
                                       "partner")
