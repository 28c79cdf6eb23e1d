"""Pins figures of the SHIPPED trade_partners dataset (data/trade_partners.parquet) that were hand-read from the raw
files, and the two sources' EU definitions and rankings derived from them.

Why: the build turns the IMF DOTS workbooks (`raw/imf-dots/*.xlsx`, US$ million) and the BNS by-country workbooks
(`raw/kz-bns/*.xls`, thousand US$) into `trade_partners`. Tests of the readers can only show that the code agrees
with itself; these hold the file that is actually shipped against numbers read from the raw files another way, so
a wrong unit, a shifted row, a partner given the wrong ISO code, a dropped vintage or a group ranked as a country
shows here.

How the literal numbers were derived (outside the `kzcn` package, not re-computed here): each cell was read by its
address with openpyxl (DOTS: the partner's row found by its label in column B, the year's column by the header in
row 7) or xlrd (BNS: the partner's row by its label in column A; exports in column D, imports in column F), and
multiplied by the file's unit (DOTS × 1,000,000; BNS × 1,000). The rankings were computed from the same cell
reads: every labelled row that is not one of the source's group rows, sorted by value (turnover = exports +
imports, only where both cells hold a number). The file, sheet and cell of every figure are in its comment.

Rows are selected by key (series, source, reporter, partner, flow, year); no test counts all rows, so adding a
source or a year leaves these valid.
"""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import one

from kzcn import partners
from kzcn.datasets import load

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

M, K = 1_000_000, 1_000


@pytest.fixture(scope="module")
def shipped() -> pd.DataFrame:
    return load("trade_partners")




# source_id, reporter, year, partner (ISO/aggregate), flow, label as written, value in US$, status
FIGURES = [
    # raw/imf-dots/dots-reporter-kazakhstan.xlsx, 'Exports, FOB', cell AE92 ('Russian Federation', 2020) = 4899.4501
    ("imf-dots-kaz", "Kazakhstan", 2020, "RUS", "exports", "Russian Federation", 4899.4501 * M, "reported"),
    # raw/imf-dots/dots-reporter-kazakhstan.xlsx, 'Imports, CIF', cell Z19 ('Germany', 2015) = 1985.981596
    ("imf-dots-kaz", "Kazakhstan", 2015, "DEU", "imports", "Germany", 1985.981596 * M, "reported"),
    # raw/imf-dots/dots-reporter-kazakhstan.xlsx, 'Imports, CIF', cell U41 ('Korea, Rep. of', 2010) = 526.297269
    ("imf-dots-kaz", "Kazakhstan", 2010, "KOR", "imports", "Korea, Rep. of", 526.297269 * M, "reported"),
    # raw/imf-dots/dots-reporter-kazakhstan.xlsx, 'Exports, FOB', cell D8 ('Australia', 1993) = '0.14 e' (the
    # sheet lists Australia again in row 32 with the same figures)
    ("imf-dots-kaz", "Kazakhstan", 1993, "AUS", "exports", "Australia", 0.14 * M, "imf_estimate"),
    # raw/imf-dots/dots-reporter-kazakhstan.xlsx, 'Exports, FOB', cell P94 ('Serbia and Montenegro', 2005) = 0.04404
    ("imf-dots-kaz", "Kazakhstan", 2005, "SCG", "exports", "Serbia and Montenegro", 0.04404 * M, "reported"),
    # raw/imf-dots/dots-reporter-kazakhstan.xlsx, 'Exports, FOB', cell AD207 ('European Union', 2019) = 24235.866787
    ("imf-dots-kaz", "Kazakhstan", 2019, "EU", "exports", "European Union", 24235.866787 * M, "reported"),
    # raw/imf-dots/dots-reporter-china.xlsx, 'Imports, CIF', cell AS102 ('Russian Federation', 2019) = 60257.15083
    ("imf-dots-chn", "China", 2019, "RUS", "imports", "Russian Federation", 60257.15083 * M, "reported"),
    # raw/imf-dots/dots-reporter-china.xlsx, 'Exports, FOB', cell AR124 ('Kyrgyz Rep.', 2018) = 5588.76975
    ("imf-dots-chn", "China", 2018, "KGZ", "exports", "Kyrgyz Rep.", 5588.76975 * M, "reported"),
    # raw/imf-dots/dots-reporter-china.xlsx, 'Exports, FOB', cell Z104 ('Serbia and Montenegro', 2000) = 60.957
    ("imf-dots-chn", "China", 2000, "SCG", "exports", "Serbia and Montenegro", 60.957 * M, "reported"),
    # raw/imf-dots/dots-reporter-china.xlsx, 'Exports, FOB', cell AT50 ('United States', 2020) = 452832.22287
    ("imf-dots-chn", "China", 2020, "USA", "exports", "United States", 452832.22287 * M, "reported"),
    # raw/kz-bns/bns-foreign-trade-by-country-2023.xls, sheet '2023', row 12 «Россия»: D12 = 10207415.70534
    ("kz-bns-2023", "Kazakhstan", 2023, "RUS", "exports", "Россия", 10207415.70534 * K, "reported"),
    # ... and F12 = 16847033.9314
    ("kz-bns-2023", "Kazakhstan", 2023, "RUS", "imports", "Россия", 16847033.9314 * K, "reported"),
    # raw/kz-bns/bns-foreign-trade-by-country-2021.xls, sheet '12_2021', row 39 «Италия»: D39 = 8889096.06214
    ("kz-bns-2021", "Kazakhstan", 2021, "ITA", "exports", "Италия", 8889096.06214 * K, "reported"),
    # raw/kz-bns/bns-foreign-trade-by-country-2019.xls, sheet '12_2018', row 44 «Нидерланды»: D44 = 6186148.2
    ("kz-bns-2019", "Kazakhstan", 2018, "NLD", "exports", "Нидерланды", 6186148.2 * K, "reported"),
    # raw/kz-bns/bns-foreign-trade-by-country-2022.xls, sheet '2021' (12 columns), row 20 «Узбекистан»:
    # F20 = 1057042.96316
    ("kz-bns-2022", "Kazakhstan", 2021, "UZB", "imports", "Узбекистан", 1057042.96316 * K, "reported"),
    # raw/kz-bns/bns-foreign-trade-by-country-2019.xls, sheet '12_2019', row 105 «Тайвань (Китай)»: F105 = 53280.86466
    ("kz-bns-2019", "Kazakhstan", 2019, "TWN", "imports", "Тайвань (Китай)", 53280.86466 * K, "reported"),
    # raw/kz-bns/bns-foreign-trade-by-country-2021.xls, sheet '12_2020', row 22 «Страны ЕС»: D22 = 18341352.34248
    ("kz-bns-2021", "Kazakhstan", 2020, "EU", "exports", "Страны ЕС", 18341352.34248 * K, "reported"),
    # raw/kz-bns/bns-foreign-trade-by-country-2022.xls, sheet '2022', row 110 «Турция»: D110 = 4750978.69254
    ("kz-bns-2022", "Kazakhstan", 2022, "TUR", "exports", "Турция", 4750978.69254 * K, "reported"),
    # raw/kz-bns/bns-foreign-trade-by-country-2023.xls, sheet '2022', row 109 «Турция»: D109 = 4750978.69254
    ("kz-bns-2023", "Kazakhstan", 2022, "TUR", "exports", "Турция", 4750978.69254 * K, "reported"),
]


@pytest.mark.parametrize(("source_id", "reporter", "year", "partner", "flow", "label", "value", "status"), FIGURES)
def test_hand_read_figure_is_shipped(shipped: pd.DataFrame, source_id: str, reporter: str, year: int, partner: str,
                                     flow: str, label: str, value: float, status: str) -> None:
    row = one(shipped, source_id=source_id, reporter=reporter, year=year, partner=partner, flow=flow)
    assert row["value_usd"] == pytest.approx(value, rel=1e-12)
    assert row["partner_name"] == label and row["status"] == status
    assert row["series"] == ("imf_dots" if source_id.startswith("imf") else "kz_bns")
    assert row["partner_kind"] == ("aggregate" if partner in ("EU", "WORLD") else "country")


def test_a_year_in_two_workbooks_is_kept_twice_and_the_newer_is_preferred(shipped: pd.DataFrame) -> None:
    rows = shipped[(shipped["year"] == 2022) & (shipped["partner"] == "TUR") & (shipped["flow"] == "exports")]
    assert rows.set_index("source_id")["preferred"].to_dict() == {"kz-bns-2022": False, "kz-bns-2023": True}
    assert sorted(rows["vintage"]) == [2022, 2023]
    assert shipped.loc[shipped["series"] == "imf_dots", "vintage"].isna().all()


# --- the EU as each source defines it -------------------------------------------------------------------------

EU27 = {"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA",
        "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"}


def test_dots_eu_row_is_the_27_members_of_2020_on_in_every_year(shipped: pd.DataFrame) -> None:
    """IMF DOTS's own «European Union» row equals the 27 post-2020 members (with Belgium-Luxembourg, reported
    jointly before 1997), never with the United Kingdom, in every year and flow of both files."""
    dots = shipped[shipped["series"] == "imf_dots"]
    checked = with_uk = 0
    for (_, _, _), group in dots.groupby(["reporter", "flow", "year"]):
        eu = group.loc[group["partner"] == "EU", "value_usd"]
        if eu.empty:
            continue
        members = group.loc[group["partner"].isin(EU27 | {"BEL_LUX"}), "value_usd"].sum()
        assert float(eu.iloc[0]) == pytest.approx(members, abs=0.05 * M)
        checked += 1
        uk = group.loc[group["partner"] == "GBR", "value_usd"].sum()
        if uk > 0.1 * M:  # where the UK has a figure, the EU row is not the 28
            assert abs(float(eu.iloc[0]) - (members + uk)) > 0.05 * M
            with_uk += 1
    assert checked == 116  # 2 reporters × 2 flows × 29 years
    assert with_uk >= 110


def test_bns_eu_row_holds_the_united_kingdom_until_the_2022_sheets(shipped: pd.DataFrame) -> None:
    """Hand-read: in bns-foreign-trade-by-country-2020.xls, sheet '12_2020', «Соединенное Королевство» is row 34,
    between «Страны ЕС» (row 22) and «Страны вне ЕС» (row 51); in the 2023 workbook's sheet '2023' it is row 56,
    after «Страны вне ЕС» (row 50). The EU row's note lists the members and its figure is their sum."""
    bns = shipped[shipped["series"] == "kz_bns"]
    for source_id, year, uk_inside in (("kz-bns-2021", 2020, True), ("kz-bns-2023", 2022, True),
                                       ("kz-bns-2023", 2023, False)):
        sheet = bns[(bns["source_id"] == source_id) & (bns["year"] == year)]
        eu = one(sheet, partner="EU", flow="exports")
        members = eu["note"].split("listed under it: ")[1].split(", ")
        assert ("GBR" in members) is uk_inside and len(members) == (28 if uk_inside else 27)
        total = sheet.loc[(sheet["flow"] == "exports") & sheet["partner"].isin(members), "value_usd"].sum()
        assert float(eu["value_usd"]) == pytest.approx(total, abs=0.5 * K)  # the file's rounding
    # raw/kz-bns/bns-foreign-trade-by-country-2021.xls, '12_2020', D34 «Соединенное Королевство» = 688020.73373;
    # raw/kz-bns/bns-foreign-trade-by-country-2023.xls, '2023', D56 = 702757.14629
    assert one(bns, source_id="kz-bns-2021", year=2020, partner="GBR", flow="exports")["value_usd"] == (
        pytest.approx(688020.73373 * K, rel=1e-12))
    assert one(bns, source_id="kz-bns-2023", year=2023, partner="GBR", flow="exports")["value_usd"] == (
        pytest.approx(702757.14629 * K, rel=1e-12))


# --- rankings, hand-derived from the cells ------------------------------------------------------------------------

def test_china_is_kazakhstans_first_partner_by_turnover_in_2023(shipped: pd.DataFrame) -> None:
    """BNS 2023 workbook, sheet '2023': of the 131 country rows with both an export and an import figure, the
    largest exports + imports are «Китай» (row 76: 30,055,389.61232 thousand US$), «Россия» (row 12:
    27,054,449.63674) and «Италия» (row 38: 16,075,483.11167); «Всего» = 139,551,038.0123."""
    top = partners.top_partners(shipped, "Kazakhstan", 2023, "turnover", "kz_bns", n=3)
    assert list(top["partner"]) == ["CHN", "RUS", "ITA"] and set(top["source_id"]) == {"kz-bns-2023"}
    assert list(top["value_usd"]) == pytest.approx([30055389.61232 * K, 27054449.63674 * K, 16075483.11167 * K])
    assert (top["countries"] == 131).all()
    assert top.iloc[0]["share_of_world"] == pytest.approx(30055389.61232 / 139551038.0123)


def test_kazakhstans_rank_among_chinas_export_partners_in_2020(shipped: pd.DataFrame) -> None:
    """DOTS China file, 'Exports, FOB', column AT (2020): 205 labelled country rows with a figure (groups and the
    'not specified' rows left out, each label once); Kazakhstan (AT122 = 11706.98856) is 37th; the first is the
    United States (AT50)."""
    kz = partners.kazakhstan_rank_for_china(shipped, "exports")
    row = one(kz, year=2020)
    assert (row["rank"], row["countries"]) == (37, 205)
    assert row["value_usd"] == pytest.approx(11706.98856 * M, rel=1e-12)
    first = partners.top_partners(shipped, "China", 2020, "exports", "imf_dots", n=1)
    assert list(first["partner"]) == ["USA"]


# --- agreement with the other datasets built from the same cells --------------------------------------------------

def test_china_and_world_rows_equal_trade_annual(shipped: pd.DataFrame) -> None:
    """trade_annual's China/Kazakhstan and World rows come from the same cells: the two datasets must agree."""
    annual = load("trade_annual")
    annual = annual[annual["series"].isin(["imf_dots", "kz_bns"])]
    codes = {"China": "CHN", "Kazakhstan": "KAZ", "World": "WORLD"}
    merged = annual.assign(code=annual["partner"].map(codes)).merge(
        shipped, left_on=["source_id", "reporter", "code", "flow", "year"],
        right_on=["source_id", "reporter", "partner", "flow", "year"], how="left", suffixes=("", "_p"))
    assert len(merged) == len(annual) and merged["value_usd_p"].notna().all()
    assert (merged["value_usd"] == merged["value_usd_p"]).all()
    assert (merged["status"] == merged["status_p"]).all()


def test_the_claim_checks_ranking_agrees(raw_dir, shipped: pd.DataFrame) -> None:
    """The bureau's own turnover column (bns.partner_ranking, newest workbook) gives China the same share as exports
    + imports over World from trade_partners, which kzcn.claims ranks to check "largest partner"."""
    from kzcn.readers import bns

    ranking = bns.partner_ranking(raw_dir)
    china = ranking[ranking["partner"] == "China"].set_index("year")
    ours = partners.rank_of(shipped, "Kazakhstan", "CHN", "turnover", series="kz_bns", preferred_only=True)
    ours = ours.set_index("year")
    assert set(range(2018, 2024)) <= set(china.index) <= set(ours.index)  # the workbooks' years, 2018–2023 as shipped
    for year, row in china.iterrows():
        assert ours.loc[year, "source_id"] == row["source_id"]
        assert ours.loc[year, "share_of_world"] * 100 == pytest.approx(row["turnover_share"], abs=1e-6)
