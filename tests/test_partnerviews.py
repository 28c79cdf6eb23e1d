"""kzcn.partnerviews and kzcn.countries on fixture frames: the Partners page's frames and sentences keep each rank
and share within one source, pick a series' newest vintage for lines over time and say where vintages or sources
differ; display names are ISO's English names, groups keep their source's label."""

from __future__ import annotations

import pandas as pd
import pytest

from kzcn import countries
from kzcn import partnerviews as pv
from kzcn.readers.partner_names import DOTS_EXCEPTIONS
from kzcn.validate import to_table

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

AGGREGATES = {"WORLD", "EU"}
BNS_EU_NOTE = ("The European Union as the bureau groups it: … In this sheet {n} countries are listed under it: "
               "{codes}")
DOTS_EU_NOTE = ("IMF DOTS aggregate «European Union»: in this vintage, in every year, the sum of the rows of the 27 "
                "members of 2020 onwards (with Belgium-Luxembourg before 1997) to within US$ 0.05 million; the "
                "United Kingdom is never in it")
EU28 = "AUT, BEL, DEU, FRA, GBR, ITA"  # a short stand-in list: what matters is whether GBR is in it
EU27 = "AUT, BEL, DEU, FRA, ITA"


def rows(source_id: str, year: int, table: dict[str, tuple], *, reporter: str = "Kazakhstan",
         preferred: bool = True, eu_note: str | None = None) -> list[dict]:
    """trade_partners rows of one source and year: table = {code: (exports, imports)}, None = no figure."""
    series = "imf_dots" if source_id.startswith("imf") else "kz_bns"
    vintage = None if series == "imf_dots" else int(source_id[-4:])
    out = []
    for code, flows in table.items():
        for flow, value in zip(("exports", "imports"), flows, strict=True):
            if value is None:
                continue
            out.append({"year": year, "reporter": reporter, "partner": code,
                        "partner_kind": "aggregate" if code in AGGREGATES else "country",
                        "partner_name": {"EU": "Страны ЕС" if series == "kz_bns" else "European Union",
                                         "WORLD": "World"}.get(code, f"label of {code}"),
                        "flow": flow, "value_usd": float(value), "series": series, "status": "reported",
                        "vintage": vintage, "preferred": preferred, "source_id": source_id,
                        "source_locator": f"{source_id} {year} {code} {flow}",
                        "note": eu_note if code == "EU" else None})
    return out


# turnover (exports + imports) orders: DOTS 2019 RUS 40, CHN 30, ITA 14, KOR 11, DEU 8; DOTS 2020 CHN, RUS, ITA 13,
# DEU 12, KOR 10; BNS 2020 (2020 workbook) CHN, RUS, DEU 12, ITA 11, KOR 10; the 2021 workbook revises Korea to 13
DOTS_2019 = {"WORLD": (100, 100), "RUS": (20, 20), "CHN": (15, 15), "ITA": (14, 0), "KOR": (5, 6), "DEU": (4, 4),
             "EU": (30, 20)}
DOTS_2020 = {"WORLD": (100, 100), "CHN": (22, 20), "RUS": (20, 20), "ITA": (10, 3), "KOR": (5, 5), "DEU": (6, 6),
             "EU": (25, 20)}
BNS_2019 = {"WORLD": (100, 100), "RUS": (21, 20), "CHN": (15, 14), "ITA": (14, 1), "DEU": (6, 6), "KOR": (5, 6),
            "EU": (31, 20)}
BNS_2020_OLD = {"WORLD": (100, 100), "RUS": (20, 21), "CHN": (22, 20), "ITA": (9, 2), "KOR": (5, 5), "DEU": (6, 6),
                "EU": (25, 21)}
BNS_2020_NEW = {**BNS_2020_OLD, "KOR": (7, 6)}  # the newer workbook revises Korea above Germany and Italy
BNS_2021 = {"WORLD": (100, 100), "CHN": (25, 20), "RUS": (20, 20), "ITA": (9, 2), "KOR": (5, 5), "DEU": (6, 6),
            "EU": (24, 20)}


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    frame = pd.DataFrame(
        rows("imf-dots-kaz", 2019, DOTS_2019, eu_note=DOTS_EU_NOTE)
        + rows("imf-dots-kaz", 2020, DOTS_2020, eu_note=DOTS_EU_NOTE)
        + rows("kz-bns-2020", 2019, BNS_2019, eu_note=BNS_EU_NOTE.format(n=28, codes=EU28))
        + rows("kz-bns-2020", 2020, BNS_2020_OLD, preferred=False, eu_note=BNS_EU_NOTE.format(n=28, codes=EU28))
        + rows("kz-bns-2021", 2020, BNS_2020_NEW, eu_note=BNS_EU_NOTE.format(n=28, codes=EU28))
        + rows("kz-bns-2021", 2021, BNS_2021, eu_note=BNS_EU_NOTE.format(n=27, codes=EU27))
        + rows("imf-dots-chn", 2020, {"WORLD": (1000, 900), "USA": (100, 90), "KAZ": (10, 9), "RUS": (20, 30)},
               reporter="China"))
    to_table("trade_partners", frame)  # a valid trade_partners frame
    return frame


@pytest.fixture(scope="module")
def kz(data) -> pd.DataFrame:
    return pv.ranked(data, "Kazakhstan", "turnover")


def test_ordinals_and_flows():
    assert [pv.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 34, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "34th", "101st", "111th"]
    assert [pv.flow_of(c) for c in pv.FLOW_CHOICES] == ["turnover", "exports", "imports"]
    with pytest.raises(ValueError):
        pv.flow_of("balance")
    assert pv.CHINA_FLOW == {"turnover": "turnover", "exports": "imports", "imports": "exports"}


def test_ranked_names_labels_and_newest_vintage(kz):
    assert set(kz["name"]) == {"Russia", "China", "Italy", "South Korea", "Germany"}
    assert not kz["partner"].isin(["WORLD", "EU"]).any()  # groups are never ranked
    labels = dict(zip(kz["source_id"], kz["source_label"], strict=True))
    assert labels == {"imf-dots-kaz": "IMF DOTS", "kz-bns-2020": "BNS, 2020 workbook",
                      "kz-bns-2021": "BNS, 2021 workbook"}
    newest = kz.groupby(["series", "year"])["source_id"].agg(lambda s: set(s[kz.loc[s.index, "newest"]]))
    assert newest.to_dict() == {("imf_dots", 2019): {"imf-dots-kaz"}, ("imf_dots", 2020): {"imf-dots-kaz"},
                                ("kz_bns", 2019): {"kz-bns-2020"}, ("kz_bns", 2020): {"kz-bns-2021"},
                                ("kz_bns", 2021): {"kz-bns-2021"}}
    assert pv.newest_source(kz, "kz_bns", 2020) == "kz-bns-2021"
    assert pv.newest_source(kz, "imf_dots", 2021) is None
    assert pv.years_of(kz, ("imf_dots",), (1992, 2024)) == [2019, 2020]
    assert pv.years_of(kz, ("imf_dots", "kz_bns"), (2020, 2024)) == [2020, 2021]


def test_top_bars_keep_china_and_russia_below_the_top(kz):
    top2 = pv.top_bars(kz, "imf-dots-kaz", 2020, n=2)
    assert list(top2["name"]) == ["China", "Russia"] and not top2["beyond_top"].any()
    top1 = pv.top_bars(kz, "imf-dots-kaz", 2019, n=1)
    assert list(top1["partner"]) == ["RUS", "CHN"]  # China is second: drawn, flagged below the top
    assert list(top1["beyond_top"]) == [False, True]
    assert top1.loc[1, "share_of_world"] == pytest.approx(30 / 200)
    three = pv.top_bars(kz, "kz-bns-2020", 2019, n=3, always=())
    assert list(three["rank"]) == [1, 2, 3] and set(three["source_id"]) == {"kz-bns-2020"}


def test_rank_lines_follow_the_last_years_top_and_always_draw_china_and_russia(kz):
    lines = pv.rank_lines(kz, "kz_bns", (2019, 2021), n=3)
    assert set(lines["partner"]) == {"CHN", "RUS", "DEU"}  # 2021's top 3 (with China and Russia in it)
    assert set(lines["source_id"]) == {"kz-bns-2020", "kz-bns-2021"}
    assert lines.loc[lines["year"] == 2020, "source_id"].unique().tolist() == ["kz-bns-2021"]  # newest only
    assert lines.groupby("partner")["highlight"].first().to_dict() == {"CHN": True, "DEU": False, "RUS": True}
    assert lines.drop_duplicates("partner").sort_values("order")["partner"].tolist() == ["CHN", "RUS", "DEU"]
    one = pv.rank_lines(kz, "imf_dots", (2019, 2019), n=1, always=("CHN",))
    assert list(one.drop_duplicates("partner")["partner"]) == ["CHN", "RUS"]
    assert pv.rank_lines(kz, "imf_dots", (2021, 2024)).empty


def test_vintages_that_rank_differently_are_found(kz):
    assert pv.double_vintage_years(kz, "kz_bns", (1992, 2024)) == [2020]
    assert pv.vintage_differences(kz, "kz_bns", (1992, 2024)) == [2020]  # Korea moves up to third
    assert pv.vintage_differences(kz, "kz_bns", (1992, 2024), n=2) == []  # the top 2 agree
    assert pv.double_vintage_years(kz, "imf_dots", (1992, 2024)) == []


def test_leaders_and_partner_ranks(kz):
    assert pv.leaders(kz, "imf_dots", (1992, 2024)) == [("Russia", "2019"), ("China", "2020")]
    assert pv.leaders(kz, "kz_bns", (2020, 2024)) == [("China", "2020–2021")]
    china = pv.partner_ranks(kz, "CHN", ("imf_dots", "kz_bns"), (1992, 2024))
    assert list(zip(china["series"], china["year"], china["rank"], strict=True)) == [
        ("imf_dots", 2019, 2), ("imf_dots", 2020, 1), ("kz_bns", 2019, 2), ("kz_bns", 2020, 1), ("kz_bns", 2021, 1)]


def test_a_tie_for_first_names_both(data):
    tied = pd.DataFrame(rows("imf-dots-kaz", 2019, {"WORLD": (10, 10), "RUS": (3, 3), "CHN": (2, 4)}))
    assert pv.leaders(pv.ranked(tied, "Kazakhstan", "turnover"), "imf_dots", (2019, 2019)) == [
        ("China and Russia", "2019")]


def test_kazakhstans_rank_among_chinas_partners(data):
    cn = pv.ranked(data, "China", "turnover")
    kaz = pv.partner_ranks(cn, "KAZ", ("imf_dots",), (1992, 2024))
    assert list(kaz["rank"]) == [3] and kaz.loc[0, "countries"] == 3
    assert kaz.loc[0, "share_of_world"] == pytest.approx(19 / 1900)


def test_a_missing_partner_is_named_never_ranked(data):
    no_russia = pd.DataFrame(rows("imf-dots-kaz", 1992, {"WORLD": (10, 10), "CHN": (2, 2), "DEU": (1, 1)}))
    ranked = pv.ranked(pd.concat([data, no_russia], ignore_index=True), "Kazakhstan", "turnover")
    assert pv.absences(ranked, "imf_dots", (1992, 2024)) == [("Russia", "1992")]
    assert pv.absence_text(ranked, ("imf_dots", "kz_bns"), (1992, 2024)) == "IMF DOTS has no figure for Russia in 1992."
    assert pv.absence_text(ranked, ("imf_dots",), (2019, 2020)) == ""


@pytest.mark.parametrize(("note", "said"), [
    (BNS_EU_NOTE.format(n=28, codes=EU28), "28 countries, with the United Kingdom"),
    (BNS_EU_NOTE.format(n=27, codes=EU27), "27 countries, without the United Kingdom"),
    (DOTS_EU_NOTE, "the 27 members of 2020 on, without the United Kingdom"),
    ("something else", ""), (None, ""),
])
def test_the_eu_is_described_from_its_rows_note(note, said):
    assert pv.eu_definition(note) == said


def test_split_view_keeps_each_source_and_names_its_eu(data):
    bns = pv.split_view(data, "turnover", "kz_bns")
    held = sorted(set(zip(bns["source_id"], bns["year"], strict=True)))
    assert held == [("kz-bns-2020", 2019), ("kz-bns-2021", 2020), ("kz-bns-2021", 2021)]  # newest vintage a year
    assert set(bns["name"]) == {"China", "Russia", "EU (BNS)", "Rest of world"}
    shares = bns.groupby(["source_id", "year"])["share_of_world"].sum()
    assert shares.to_numpy() == pytest.approx([1.0, 1.0, 1.0])  # the parts and the rest make the source's World
    rest = bns[(bns["year"] == 2021) & (bns["part"] == "REST")].iloc[0]
    assert rest["value_usd"] == 200 - 45 - 40 - 44
    assert pv.eu_note(bns) == ("«Страны ЕС»: 28 countries, with the United Kingdom (2019–2020); 27 countries, "
                               "without the United Kingdom (2021)")
    assert pv.split_summary(bns) == "2021: China 22.5%, Russia 20.0%, the EU 22.0%, the rest 35.5%"
    dots = pv.split_view(data, "exports", "imf_dots")
    assert set(dots["name"]) == {"China", "Russia", "EU (IMF DOTS)", "Rest of world"}
    assert pv.eu_note(dots) == "«European Union»: the 27 members of 2020 on, without the United Kingdom (2019–2020)"


def test_split_gaps_name_the_missing_row(data):
    no_eu = pd.DataFrame(rows("imf-dots-kaz", 2018, {"WORLD": (10, 10), "CHN": (2, 2), "DEU": (1, 1)}))
    both = pd.concat([data, no_eu], ignore_index=True)
    assert pv.split_gaps(both, "turnover", "imf_dots", (1992, 2024)) == [(2018, "no Russia and EU figure")]
    assert pv.split_gaps(both, "turnover", "imf_dots", (2019, 2024)) == []
    assert 2018 not in set(pv.split_view(both, "turnover", "imf_dots")["year"])  # never filled in


def _compare(columns: dict[str, list]) -> pd.DataFrame:
    out = pd.DataFrame(columns, index=pd.RangeIndex(1, len(next(iter(columns.values()))) + 1, name="position"))
    out["agree"] = out.nunique(axis=1, dropna=False).eq(1)
    return out


LABELS = {"imf-dots-kaz": "IMF DOTS", "kz-bns-2020": "BNS, 2020 workbook", "kz-bns-2021": "BNS, 2021 workbook"}


def test_comparison_text_says_where_sources_differ_each_in_its_own_order():
    compare = _compare({"imf-dots-kaz": ["RUS", "CHN", "TUR", "CHE", "UZB"],
                        "kz-bns-2020": ["RUS", "CHN", "UZB", "TUR", "CHE"],
                        "kz-bns-2021": ["RUS", "CHN", "UZB", "TUR", "CHE"]})
    assert pv.comparison_text(compare, LABELS) == (
        "Their top 5 differ at places 3–5 — IMF DOTS: Türkiye, Switzerland, Uzbekistan; BNS, 2020 workbook and BNS, "
        "2021 workbook: Uzbekistan, Türkiye, Switzerland.")
    table = pv.named_comparison(compare, LABELS)
    assert list(table.columns) == ["IMF DOTS", "BNS, 2020 workbook", "BNS, 2021 workbook", "same place"]
    assert table.index.name == "place"
    assert table.loc[3].tolist() == ["Türkiye", "Uzbekistan", "Uzbekistan", False]


def test_comparison_text_when_sources_agree_or_stand_alone():
    same = _compare({"imf-dots-kaz": ["RUS", "CHN"], "kz-bns-2020": ["RUS", "CHN"]})
    assert pv.comparison_text(same, LABELS) == "IMF DOTS and BNS, 2020 workbook give the same top 2 in the same order."
    assert pv.comparison_text(_compare({"imf-dots-kaz": ["RUS", "CHN"]}), LABELS) == ""
    short = _compare({"imf-dots-kaz": ["RUS", "CHN"], "kz-bns-2020": ["RUS", None]})
    assert pv.comparison_text(short, LABELS).endswith("BNS, 2020 workbook: —.")


def test_comparison_of_the_real_function(data):
    from kzcn import partners

    compare = partners.compare_rankings(data, "Kazakhstan", 2020, "turnover", n=5)
    kz = pv.ranked(data, "Kazakhstan", "turnover")
    text = pv.comparison_text(compare, dict(zip(kz["source_id"], kz["source_label"], strict=True)))
    assert text == ("Their top 5 differ at places 3–5 — IMF DOTS: Italy, Germany, South Korea; BNS, 2020 workbook: "
                    "Germany, Italy, South Korea; BNS, 2021 workbook: South Korea, Germany, Italy.")


@pytest.mark.parametrize(("code", "name"), [
    ("RUS", "Russia"), ("CHN", "China"), ("KOR", "South Korea"), ("PRK", "North Korea"), ("IRN", "Iran"),
    ("TWN", "Taiwan"), ("TUR", "Türkiye"), ("GBR", "United Kingdom"), ("VGB", "British Virgin Islands"),
    ("SUN", "USSR"), ("ANT", "Netherlands Antilles"), ("XXX", "XXX"),
])
def test_country_names(code, name):
    assert countries.country_name(code) == name


def test_groups_keep_their_source_label():
    assert countries.display_name("EU", "aggregate", "Страны ЕС") == "Страны ЕС"
    assert countries.display_name("RUS", "country", "Россия") == "Russia"


def test_every_shipped_country_has_a_readable_english_name():
    from kzcn import datasets

    shipped = datasets.load("trade_partners")
    codes = sorted(set(shipped.loc[shipped["partner_kind"] == "country", "partner"]))
    names = {c: countries.country_name(c) for c in codes}
    assert all(name != code for code, name in names.items()), [c for c, n in names.items() if n == c]
    inverted = {c: n for c, n in names.items() if ", " in n}  # ISO's "Korea, Republic of" style
    assert not inverted, inverted
    assert len(set(names.values())) == len(names)  # no two codes share a name on a chart
    former = {code for code, _ in DOTS_EXCEPTIONS.values()}  # former countries the DOTS reader can meet
    assert set(countries.DISPLAY_NAMES) <= set(codes) | former  # every curated name can be used


def test_each_series_eu_summarised_from_its_newest_rows(data):
    assert pv.eu_summary(data, "kz_bns") == ("«Страны ЕС»: 28 countries, with the United Kingdom (2019–2020); 27 "
                                             "countries, without the United Kingdom (2021)")
    assert pv.eu_summary(data, "imf_dots") == ("«European Union»: the 27 members of 2020 on, without the United "
                                               "Kingdom (2019–2020)")
    assert pv.eu_summary(data, "kz_bns", reporter="China") == ""


def test_top_lists_equal_compare_rankings_on_fixture(data, kz):
    from kzcn import partners

    for year in (2019, 2020, 2021):
        for n in (2, 5, 10):
            pd.testing.assert_frame_equal(pv.top_lists(kz, year, ("imf_dots", "kz_bns"), n=n),
                                          partners.compare_rankings(data, "Kazakhstan", year, "turnover", n=n))
    only_dots = pv.top_lists(kz, 2020, ("imf_dots",))
    assert list(only_dots.columns) == ["imf-dots-kaz", "agree"] and only_dots["agree"].all()
    assert pv.top_lists(kz, 1990, ("imf_dots",)).empty


@pytest.mark.parametrize("flow", ["turnover", "exports", "imports"])
def test_top_lists_equal_compare_rankings_on_the_shipped_data(flow):
    """The page reads the side-by-side table from its cached ranking: the same as kzcn.partners computes it."""
    from kzcn import datasets, partners

    shipped = datasets.load("trade_partners")
    ranked = pv.ranked(shipped, "Kazakhstan", flow)
    for year in range(2017, 2024):
        pd.testing.assert_frame_equal(pv.top_lists(ranked, year, ("imf_dots", "kz_bns")),
                                      partners.compare_rankings(shipped, "Kazakhstan", year, flow), obj=str(year))


def test_absences_are_kept_per_year_and_cut_to_the_years_shown(kz):
    missing = {"imf_dots": [("Russia", [1992, 1993]), ("China", [1992])], "kz_bns": []}
    assert pv.absence_words(missing, (1992, 2020)) == ("IMF DOTS has no figure for Russia in 1992–1993; IMF DOTS has "
                                                       "no figure for China in 1992.")
    assert pv.absence_words(missing, (1993, 2020)) == "IMF DOTS has no figure for Russia in 1993."
    assert pv.absence_words(missing, (1994, 2020)) == ""
    assert pv.absent_years(kz, "imf_dots") == []


def test_the_imfs_own_estimates_are_never_ranked_or_shared(data):
    """A DOTS cell flagged "e" is the IMF's estimate: left out of every rank and share (as the Overview never heads
    with one), and its years are named for the page to say so."""
    guessed = pd.DataFrame(rows("imf-dots-kaz", 1993, {"WORLD": (10, 10), "CHN": (5, 5), "RUS": (3, 3)}))
    guessed.loc[guessed["partner"] != "WORLD", "status"] = pv.ESTIMATE
    both = pd.concat([data, guessed], ignore_index=True)
    assert pv.estimate_years(both, "Kazakhstan", "imf_dots") == [1993]
    assert pv.estimate_years(both, "Kazakhstan", "kz_bns") == []
    kept = pv.reported(both)
    assert not (kept["status"] == pv.ESTIMATE).any() and len(kept) == len(data) + 2  # the World row stays
    assert pv.years_of(pv.ranked(kept, "Kazakhstan", "turnover"), ("imf_dots",), (1992, 2024)) == [2019, 2020]
    assert 1993 in pv.years_of(pv.ranked(both, "Kazakhstan", "turnover"), ("imf_dots",), (1992, 2024))
