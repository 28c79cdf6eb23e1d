"""kzcn.coverage on small frames built here: truncation, chapter statuses, completeness, names of headings.

The frames have the shipped datasets' columns (kzcn.schemas); values are chosen so every share and status can be
worked out by hand, and each test states the exact outcome.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from kzcn import coverage
from kzcn.schemas import HS_CHAPTERS, HS_HEADINGS, TRADE_ANNUAL, TRADE_HEADINGS, TRADE_PRODUCTS

M = 1e6
CHAPTERS = ["01", "27", "72", "73", "87", "97"]
YEARS = [2019, 2020, 2021, 2022]
# A full year of Kazakhstan's exports to China by heading (US$); 9701 is tiny, the rest is material.
FULL = {"0101": 10 * M, "2709": 1000 * M, "7202": 50 * M, "7208": 40 * M, "8703": 500 * M, "9701": 1 * M}
CUT_2021 = ("0101", "2709", "7202")  # 2021 stops at heading 7202, as UN Comtrade's Kazakhstan records do
KEY = ("wits_hs4", "Kazakhstan", "China", "exports")


def heading(year: int, code: str, value: float, *, series: str = "wits_hs4", reporter: str = "Kazakhstan",
            partner: str = "China", flow: str = "exports") -> dict[str, Any]:
    return {"year": year, "reporter": reporter, "partner": partner, "flow": flow, "hs_heading": code,
            "hs_chapter": code[:2], "value_usd": value, "series": series, "classification": "H4",
            "source_id": f"{series}-src", "source_locator": f"{code} {year}"}


def product(year: int, chapter: str, value: float, *, series: str = "wits_hs4", reporter: str = "Kazakhstan",
            partner: str = "China", flow: str = "exports") -> dict[str, Any]:
    return {"year": year, "reporter": reporter, "partner": partner, "flow": flow, "hs_chapter": chapter,
            "value_usd": value, "series": series, "classification": "H4", "source_id": f"{series}-src",
            "source_locator": f"{chapter} {year}", "note": None}


def published(year: int, value: float, *, partner: str = "China", flow: str = "exports", series: str = "kz_bns",
              status: str = "reported", source_id: str = "kz-bns-2025") -> dict[str, Any]:
    return {"year": year, "reporter": "Kazakhstan", "partner": partner, "flow": flow, "value_usd": value,
            "series": series, "status": status, "preferred": series == "kz_bns", "source_id": source_id,
            "source_locator": "sheet 1", "note": None}


def headings_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=TRADE_HEADINGS.names)


def products_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=TRADE_PRODUCTS.names)


def annual_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=TRADE_ANNUAL.names)


def chapters_frame(codes: list[str] = CHAPTERS) -> pd.DataFrame:
    return pd.DataFrame({"hs_chapter": codes, "chapter_name": [f"Chapter {c}" for c in codes],
                         "sector": "other", "source_id": "kzcn-curated"}, columns=HS_CHAPTERS.names)


def sums(headings: pd.DataFrame) -> list[dict[str, Any]]:
    """trade_products rows as the WITS reader makes them: chapter sums and TOTAL of the headings."""
    out = []
    for (series, reporter, partner, flow, year), g in headings.groupby(
            ["series", "reporter", "partner", "flow", "year"]):
        for chapter, value in [*g.groupby("hs_chapter")["value_usd"].sum().items(), ("TOTAL", g["value_usd"].sum())]:
            out.append(product(int(year), chapter, float(value), series=series, reporter=reporter,
                               partner=partner, flow=flow))
    return out


def china_headings(partner: str = "China", scale: float = 1.0, cut: bool = True) -> list[dict[str, Any]]:
    """2019 and 2022 full; 2020 lacks only the tiny 9701; 2021 stops at 7202 (when cut)."""
    rows = []
    for year in YEARS:
        codes = list(FULL)
        if year == 2020:
            codes.remove("9701")
        if year == 2021 and cut:
            codes = list(CUT_2021)
        rows.extend(heading(year, code, FULL[code] * (scale if year == 2021 else 1), partner=partner)
                    for code in codes)
    return rows


@pytest.fixture
def world_and_extracts() -> dict[str, pd.DataFrame]:
    """wits_hs4 China (2021 cut), a Comtrade extract of two chapters, and a BACI year."""
    headings = headings_frame(china_headings())
    products = [
        *sums(headings),
        product(2019, "27", 900 * M, series="comtrade"),
        product(2019, "72", 80 * M, series="comtrade"),
        product(2019, "TOTAL", 1500 * M, series="comtrade"),
        product(2020, "27", 950 * M, series="comtrade"),
        product(2020, "TOTAL", 1550 * M, series="comtrade"),
        product(2019, "27", 880 * M, series="baci", reporter="China", partner="Kazakhstan", flow="imports"),
        product(2019, "72", 60 * M, series="baci", reporter="China", partner="Kazakhstan", flow="imports"),
        product(2019, "TOTAL", 940 * M, series="baci", reporter="China", partner="Kazakhstan", flow="imports"),
    ]
    return {"trade_headings": headings, "trade_products": products_frame(products),
            "hs_chapters": chapters_frame(), "trade_annual": annual_frame([])}


def statuses(cov: pd.DataFrame, series: str, year: int, *, reporter: str = "Kazakhstan", partner: str = "China",
             flow: str = "exports") -> dict[str, str]:
    rows = cov[(cov["series"] == series) & (cov["year"] == year) & (cov["reporter"] == reporter)
               & (cov["partner"] == partner) & (cov["flow"] == flow)]
    return dict(zip(rows["hs_chapter"], rows["status"], strict=True))


def verdict(comp: pd.DataFrame, series: str, year: int, *, reporter: str = "Kazakhstan", partner: str = "China",
            flow: str = "exports") -> pd.Series:
    rows = comp[(comp["series"] == series) & (comp["year"] == year) & (comp["reporter"] == reporter)
                & (comp["partner"] == partner) & (comp["flow"] == flow)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# ------------------------------------------------------------------------------------------------ truncation


def test_a_year_stopping_early_is_truncated_and_a_missing_tiny_tail_is_not() -> None:
    cuts = coverage.truncations(headings_frame(china_headings()))
    assert cuts == {(*KEY, 2021): "7202"}


def test_the_tail_share_decides_what_a_missing_tail_means() -> None:
    headings = headings_frame(china_headings())
    # 2020 lacks 9701, worth 2 M of the other years' 4262 M (0.05 %): cut short only under a stricter share.
    assert coverage.truncations(headings, tail_share=0.0001) == {(*KEY, 2020): "8703", (*KEY, 2021): "7202"}
    assert coverage.truncations(headings, tail_share=0.5) == {}


def test_a_tail_of_exactly_one_percent_marks_a_cut() -> None:
    rows = [heading(2019, "0101", 99.0), heading(2019, "9701", 1.0), heading(2020, "0101", 50.0)]
    assert coverage.truncations(headings_frame(rows)) == {(*KEY, 2020): "0101"}
    rows[1] = heading(2019, "9701", 0.99)  # 0.99 of 99.99: just under 1 %
    assert coverage.truncations(headings_frame(rows)) == {}


def test_truncation_is_judged_per_partner_and_flow() -> None:
    rows = [*china_headings(), *china_headings(partner="World", cut=False)]
    rows += [{**r, "flow": "imports"} for r in china_headings(cut=False)]
    assert coverage.truncations(headings_frame(rows)) == {(*KEY, 2021): "7202"}


def test_a_single_year_is_never_truncated() -> None:
    rows = [heading(2021, code, FULL[code]) for code in CUT_2021]
    assert coverage.truncations(headings_frame(rows)) == {}


# ------------------------------------------------------------------------------------------- product coverage


def test_statuses_of_a_complete_series(world_and_extracts: dict[str, pd.DataFrame]) -> None:
    f = world_and_extracts
    cov = coverage.product_coverage(f["trade_products"], f["trade_headings"], f["hs_chapters"], f["trade_annual"])
    assert list(cov.columns) == coverage.COVERAGE_COLUMNS
    assert statuses(cov, "wits_hs4", 2019) == {"01": "available", "27": "available", "72": "available",
                                               "73": "none_recorded", "87": "available", "97": "available",
                                               "TOTAL": "available"}
    # 2020 lacks only the tiny 9701: chapter 97 had no trade recorded, nothing is cut
    assert statuses(cov, "wits_hs4", 2020)["97"] == "none_recorded"
    assert set(statuses(cov, "wits_hs4", 2020).values()) == {"available", "none_recorded"}


def test_statuses_of_a_truncated_year(world_and_extracts: dict[str, pd.DataFrame]) -> None:
    f = world_and_extracts
    cov = coverage.product_coverage(f["trade_products"], f["trade_headings"], f["hs_chapters"], f["trade_annual"])
    assert statuses(cov, "wits_hs4", 2021) == {"01": "available", "27": "available",
                                               "72": "incomplete_in_source",  # 7202 is there, 7208 is not
                                               "73": "none_recorded",  # never traded with China in any year
                                               "87": "missing_in_source", "97": "missing_in_source",
                                               "TOTAL": "available"}


def test_after_a_cut_only_chapters_the_same_partner_trades_are_missing() -> None:
    """Chapter 73 is traded with the World, never with China: China's cut year does not miss it."""
    headings = headings_frame([*china_headings(), *china_headings(partner="World", cut=False),
                               *(heading(year, "7308", 5 * M, partner="World") for year in YEARS)])
    cov = coverage.product_coverage(products_frame(sums(headings)), headings, chapters_frame(), None)
    assert statuses(cov, "wits_hs4", 2021)["73"] == "none_recorded"
    assert statuses(cov, "wits_hs4", 2021)["87"] == "missing_in_source"
    assert statuses(cov, "wits_hs4", 2021, partner="World")["73"] == "available"


def test_statuses_of_an_extract_series(world_and_extracts: dict[str, pd.DataFrame]) -> None:
    f = world_and_extracts
    cov = coverage.product_coverage(f["trade_products"], f["trade_headings"], f["hs_chapters"], f["trade_annual"])
    assert statuses(cov, "comtrade", 2019) == {"01": "not_downloaded", "27": "available", "72": "available",
                                               "73": "not_downloaded", "87": "not_downloaded",
                                               "97": "not_downloaded", "TOTAL": "available"}
    assert statuses(cov, "comtrade", 2020) == {"01": "not_downloaded", "27": "available",
                                               "72": "missing_in_download", "73": "not_downloaded",
                                               "87": "not_downloaded", "97": "not_downloaded", "TOTAL": "available"}


def test_statuses_of_baci(world_and_extracts: dict[str, pd.DataFrame]) -> None:
    f = world_and_extracts
    cov = coverage.product_coverage(f["trade_products"], f["trade_headings"], f["hs_chapters"], f["trade_annual"])
    assert statuses(cov, "baci", 2019, reporter="China", partner="Kazakhstan", flow="imports") == {
        "01": "none_recorded", "27": "available", "72": "available", "73": "none_recorded",
        "87": "none_recorded", "97": "none_recorded", "TOTAL": "available"}
    # one row per series × year × reporter × partner × flow × chapter, nothing else
    assert len(cov) == (4 + 2 + 1) * (len(CHAPTERS) + 1)


# ---------------------------------------------------------------------------------------------- completeness


@pytest.fixture
def verdicts(world_and_extracts: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return coverage.derive(world_and_extracts)["product_completeness"]


def test_a_full_year_is_complete(verdicts: pd.DataFrame) -> None:
    assert list(verdicts.columns) == coverage.COMPLETENESS_COLUMNS
    row = verdict(verdicts, "wits_hs4", 2019)
    assert bool(row["complete"]) is True
    assert list(row["missing_chapters"]) == []
    assert pd.isna(row["cut_after_heading"])
    assert pd.isna(row["share_of_published"]) and pd.isna(row["published_total_usd"])
    assert row["note"] == "complete: every chapter the source records is here"
    assert bool(verdict(verdicts, "wits_hs4", 2020)["complete"]) is True  # only the tiny 9701 absent


def test_a_truncated_year_is_incomplete(verdicts: pd.DataFrame) -> None:
    row = verdict(verdicts, "wits_hs4", 2021)
    assert bool(row["complete"]) is False
    assert list(row["missing_chapters"]) == ["72", "87", "97"]
    assert row["cut_after_heading"] == "7202"
    assert row["note"] == ("incomplete: the source's records stop at heading 7202: chapters 72, 87, 97 are "
                           "missing or cut short in the source itself")


def test_an_extract_year_is_incomplete_and_says_what_it_holds(verdicts: pd.DataFrame) -> None:
    row = verdict(verdicts, "comtrade", 2020)
    assert bool(row["complete"]) is False
    assert list(row["missing_chapters"]) == ["01", "72", "73", "87", "97"]
    assert pd.isna(row["cut_after_heading"])
    assert row["note"] == ("incomplete: an extract of chapters 27, 72 only; chapter 72 is missing from the "
                           "download this year")


def test_baci_without_a_published_total_is_complete(verdicts: pd.DataFrame) -> None:
    row = verdict(verdicts, "baci", 2019, reporter="China", partner="Kazakhstan", flow="imports")
    assert bool(row["complete"]) is True
    assert list(row["missing_chapters"]) == []


def short_series() -> tuple[pd.DataFrame, pd.DataFrame]:
    """wits_hs4 totals of 1800, 1900, 2000 and 500 M (2019–2022), and a BACI total of 100 M for 2019."""
    rows = []
    for year, total in [(2019, 1800 * M), (2020, 1900 * M), (2021, 2000 * M), (2022, 500 * M)]:
        rows += [product(year, "27", total), product(year, "TOTAL", total)]
    rows += [product(2019, "27", 100 * M, series="baci"), product(2019, "TOTAL", 100 * M, series="baci")]
    return products_frame(rows), headings_frame([])


PUBLISHED = [
    published(2019, 1800 * M, source_id="kz-bns-2020"),  # an older workbook: the newest one wins
    published(2019, 2000 * M, source_id="kz-bns-2024"),  # 1800 / 2000 = 90 %
    published(2020, 2000 * M),  # 1900 / 2000 = exactly 95 %
    published(2021, 1900 * M),  # above the published total
    # not the same flow's published total: another status, series, flow or partner
    published(2022, 5000 * M, status="imf_estimate"),
    published(2022, 5000 * M, series="imf_dots"),
    published(2022, 5000 * M, flow="imports"),
    published(2022, 5000 * M, partner="World"),
]


def short_verdicts(annual_rows: list[dict[str, Any]] = PUBLISHED) -> pd.DataFrame:
    products, headings = short_series()
    return coverage.derive({"trade_products": products, "trade_headings": headings,
                            "hs_chapters": chapters_frame(["27"]), "trade_annual": annual_frame(annual_rows)}
                           )["product_completeness"]


def test_a_total_below_95_percent_of_the_published_one_is_incomplete() -> None:
    row = verdict(short_verdicts(), "wits_hs4", 2019)
    assert bool(row["complete"]) is False
    assert list(row["missing_chapters"]) == []
    assert pd.isna(row["cut_after_heading"])
    assert row["published_total_usd"] == 2000 * M
    assert row["share_of_published"] == pytest.approx(0.9)
    assert row["note"] == ("incomplete: its all-goods total is 90% of the 2.00 bn US$ Kazakhstan's statistics "
                           "bureau published; the file does not show which goods are short")


def test_a_total_at_or_above_95_percent_stays_complete() -> None:
    comp = short_verdicts()
    at = verdict(comp, "wits_hs4", 2020)
    assert bool(at["complete"]) is True
    assert at["share_of_published"] == 0.95
    assert at["published_total_usd"] == 2000 * M
    assert at["note"] == "complete: every chapter the source records is here"
    above = verdict(comp, "wits_hs4", 2021)
    assert bool(above["complete"]) is True
    assert above["share_of_published"] == pytest.approx(2000 / 1900)


def test_only_the_bureaus_reported_total_of_the_same_flow_counts() -> None:
    row = verdict(short_verdicts(), "wits_hs4", 2022)  # 500 M, against 5000 M rows that do not apply
    assert bool(row["complete"]) is True
    assert pd.isna(row["share_of_published"]) and pd.isna(row["published_total_usd"])
    assert row["note"] == "complete: every chapter the source records is here"


def test_baci_is_never_compared_with_the_published_total() -> None:
    row = verdict(short_verdicts(), "baci", 2019)  # 100 M against the bureau's 2000 M: 5 %
    assert bool(row["complete"]) is True
    assert pd.isna(row["share_of_published"]) and pd.isna(row["published_total_usd"])
    assert row["note"] == "complete: every chapter the source records is here"


def test_without_published_totals_nothing_is_short() -> None:
    products, headings = short_series()
    for annual in (None, annual_frame([])):
        cov = coverage.product_coverage(products, headings, chapters_frame(["27"]), annual)
        comp = coverage.completeness(products, headings, cov, annual)
        assert comp["complete"].tolist() == [True] * 5
        assert comp["share_of_published"].isna().all()


def test_a_short_world_total_is_marked_from_the_china_records_cut() -> None:
    """The World file's 2021 is short of the bureau's total and its China part stops at 7202: chapters from 72."""
    headings = headings_frame([*china_headings(), *china_headings(partner="World", scale=0.5, cut=False)])
    world_2021 = sum(FULL.values()) * 0.5
    frames = {"trade_headings": headings, "trade_products": products_frame(sums(headings)),
              "hs_chapters": chapters_frame(), "trade_annual": annual_frame([
                  published(2021, world_2021 / 0.6, partner="World")])}
    out = coverage.derive(frames)
    assert statuses(out["product_coverage"], "wits_hs4", 2021, partner="World") == {
        "01": "available", "27": "available", "72": "incomplete_in_source", "73": "none_recorded",
        "87": "incomplete_in_source", "97": "incomplete_in_source", "TOTAL": "available"}
    row = verdict(out["product_completeness"], "wits_hs4", 2021, partner="World")
    assert bool(row["complete"]) is False
    assert list(row["missing_chapters"]) == ["72", "87", "97"]
    assert pd.isna(row["cut_after_heading"])
    assert row["share_of_published"] == pytest.approx(0.6)
    assert row["note"] == ("incomplete: its all-goods total is 60% of the 1.33 bn US$ Kazakhstan's statistics bureau "
                           "published; the same year's records with China stop at heading 7202, so chapters 72, 87, "
                           "97 are marked as cut short")
    # the World's other years are untouched
    assert bool(verdict(out["product_completeness"], "wits_hs4", 2019, partner="World")["complete"]) is True


def test_a_short_comtrade_year_is_marked_where_the_same_records_by_heading_stop() -> None:
    """UN Comtrade's chapter extract and WITS's headings are the same records: in 2021 the headings stop at 7202 and
    the extract's total is short of the bureau's, so its chapter 72 is cut short too (the gap tab had set it against
    China's figure as complete); BACI, reconciled data, is never marked from them."""
    headings = headings_frame(china_headings())
    products = [*sums(headings),
                product(2021, "27", 1000 * M, series="comtrade"), product(2021, "72", 50 * M, series="comtrade"),
                product(2021, "TOTAL", 1060 * M, series="comtrade"),
                product(2019, "27", 1000 * M, series="comtrade"), product(2019, "72", 90 * M, series="comtrade"),
                product(2019, "TOTAL", 1601 * M, series="comtrade"),
                product(2021, "72", 50 * M, series="baci"), product(2021, "TOTAL", 1060 * M, series="baci")]
    frames = {"trade_headings": headings, "trade_products": products_frame(products), "hs_chapters": chapters_frame(),
              "trade_annual": annual_frame([published(2021, 1600 * M), published(2019, 1601 * M)])}
    out = coverage.derive(frames)
    cov, comp = out["product_coverage"], out["product_completeness"]
    assert statuses(cov, "comtrade", 2021) == {
        "01": "not_downloaded", "27": "available", "72": "incomplete_in_source", "73": "not_downloaded",
        "87": "not_downloaded", "97": "not_downloaded", "TOTAL": "available"}
    assert statuses(cov, "comtrade", 2019)["72"] == "available"  # a full year: nothing marked
    assert statuses(cov, "baci", 2021)["72"] == "available"
    row = verdict(comp, "comtrade", 2021)
    assert row["note"] == (
        "incomplete: an extract of chapters 27, 72 only; its all-goods total is 66% of the 1.60 bn US$ Kazakhstan's "
        "statistics bureau published; the same UN Comtrade records by HS4 heading (World Bank WITS) with China stop "
        "at heading 7202, so chapter 72 is marked as cut short")
    same_year = comp[(comp["reporter"] == "Kazakhstan") & (comp["flow"] == "exports") & (comp["year"] == 2021)]
    assert coverage._rebuilt_note(row, same_year, cov) == row["note"]  # a reader's language: the same words


def test_an_extract_year_without_its_total_row_gets_a_verdict() -> None:
    """The all-goods row missing from one year is no chapter: the note must not try to name it as one."""
    products = products_frame([product(2019, "27", 1 * M, series="comtrade"),
                               product(2019, "TOTAL", 1 * M, series="comtrade"),
                               product(2020, "27", 1 * M, series="comtrade")])
    headings = headings_frame([])
    cov = coverage.product_coverage(products, headings, chapters_frame(["27", "72"]), None)
    assert statuses(cov, "comtrade", 2020)["TOTAL"] == "missing_in_download"
    comp = coverage.completeness(products, headings, cov, None)
    row = verdict(comp, "comtrade", 2020)
    assert bool(row["complete"]) is False
    assert list(row["missing_chapters"]) == ["72"]
    assert row["note"] == "incomplete: an extract of chapter 27 only"


def test_a_world_total_at_95_percent_is_not_marked_from_the_china_cut() -> None:
    headings = headings_frame([*china_headings(), *china_headings(partner="World", cut=False)])
    frames = {"trade_headings": headings, "trade_products": products_frame(sums(headings)),
              "hs_chapters": chapters_frame(["01", "27", "72", "87", "97"]), "trade_annual": annual_frame([
                  published(2021, 1601 * M / 0.95, partner="World")])}
    out = coverage.derive(frames)
    assert set(statuses(out["product_coverage"], "wits_hs4", 2021, partner="World").values()) == {"available"}
    row = verdict(out["product_completeness"], "wits_hs4", 2021, partner="World")
    assert bool(row["complete"]) is True
    assert row["share_of_published"] == pytest.approx(0.95)


def test_a_short_china_year_is_not_told_its_own_records_stop() -> None:
    headings = headings_frame([*china_headings(cut=False), *china_headings(partner="World")])
    china_2021 = sum(FULL.values())
    frames = {"trade_headings": headings, "trade_products": products_frame(sums(headings)),
              "hs_chapters": chapters_frame(), "trade_annual": annual_frame([published(2021, china_2021 / 0.5)])}
    row = verdict(coverage.derive(frames)["product_completeness"], "wits_hs4", 2021)
    assert pd.isna(row["cut_after_heading"])
    assert bool(row["complete"]) is False  # 50 % of the published total
    assert "records with China stop at heading" not in row["note"]


# ------------------------------------------------------------------------------------------------ chapter span


@pytest.mark.parametrize(("codes", "text"), [
    (["73", "74", "75"], "73–75"),
    (["26", "28"], "26, 28"),
    (["78", "79"], "78, 79"),
    ([], ""),
    (["05"], "05"),
    (["75", "73", "74"], "73–75"),
    (["01", "02", "03", "05", "72", "73", "74", "75", "97"], "01–03, 05, 72–75, 97"),
])
def test_chapter_span(codes: list[str], text: str) -> None:
    assert coverage.chapter_span(codes) == text


# ----------------------------------------------------------------------------------------------- heading names


def names_frame(codes: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"hs_heading": codes, "hs_chapter": [c[:2] for c in codes],
                         "heading_name": [f"Name of {c}" for c in codes], "note": "HS 2022 wording",
                         "source_id": "hs-names-datahub", "source_locator": [f"line {i + 2}" for i in
                                                                             range(len(codes))]},
                        columns=HS_HEADINGS.names)


def test_heading_names_adds_the_headings_the_list_lacks() -> None:
    headings = headings_frame([heading(2020, "0101", 1.0), heading(2021, "8528", 2.0), heading(2020, "2710", 3.0),
                               heading(2021, "0101", 4.0)])
    out = coverage.heading_names(names_frame(["0101", "8703"]), headings, "hs-names-datahub")
    assert out["hs_heading"].tolist() == ["0101", "2710", "8528", "8703"]
    assert out["hs_chapter"].tolist() == ["01", "27", "85", "87"]
    assert out["heading_name"].tolist() == ["Name of 0101", None, None, "Name of 8703"]
    added = out[out["heading_name"].isna()]
    assert added["source_id"].tolist() == ["hs-names-datahub"] * 2
    assert added["source_locator"].tolist() == ["not in the file"] * 2
    assert all("not in the HS 2022 list" in note and "no name" in note for note in added["note"])
    assert out.loc[out["hs_heading"] == "0101", "note"].item() == "HS 2022 wording"


def test_heading_names_without_gaps_returns_the_list() -> None:
    names = names_frame(["0101", "8703"])
    out = coverage.heading_names(names, headings_frame([heading(2020, "8703", 1.0)]), "hs-names-datahub")
    pd.testing.assert_frame_equal(out, names)
