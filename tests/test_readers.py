"""Readers against values read by hand from the raw files, and against altered copies that must be refused.

Expected numbers below were read directly from the raw files (openpyxl, xlrd, csv), not from the readers; the
README's rounded figures are checked at the precision they are printed with.
"""

from __future__ import annotations

import csv
import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from helpers import one
from hypothesis import example, given
from hypothesis import strategies as st

from kzcn.errors import SourceFormatError
from kzcn.paths import curated_dir
from kzcn.readers import baci_sample, bns, comtrade, imf_dots, press
from kzcn.readers._common import read_workbook
from kzcn.readers.imf_dots import parse_imf_cell
from kzcn.schemas import KEYS, SOURCES
from kzcn.validate import to_table

MILLION, BILLION = 1e6, 1e9


# `raw_dir` comes from tests/conftest.py: kzcn.paths.default_raw_dir(), skipped when absent.


@pytest.fixture(scope="module")
def dots(raw_dir: Path) -> pd.DataFrame:
    return imf_dots.read(raw_dir)["trade_annual"]


@pytest.fixture(scope="module")
def bns_rows(raw_dir: Path) -> pd.DataFrame:
    return bns.read(raw_dir)["trade_annual"]


@pytest.fixture(scope="module")
def ct(raw_dir: Path) -> dict[str, pd.DataFrame]:
    return comtrade.read(raw_dir)


@pytest.fixture(scope="module")
def baci(raw_dir: Path) -> pd.DataFrame:
    return baci_sample.read(raw_dir)["trade_products"]


@pytest.fixture(scope="module")
def pr(raw_dir: Path) -> dict[str, pd.DataFrame]:
    return press.read(raw_dir)




# --- IMF cell parser -------------------------------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False)


@given(finite)
def test_imf_cell_number_round_trips(x: float) -> None:
    cell = parse_imf_cell(x)
    assert cell is not None and not cell.estimate and float(cell.value) == x


@given(finite, st.sampled_from([" e", "  e", " e ", "\te"]))
def test_imf_cell_estimate_text_round_trips(x: float, flag: str) -> None:
    for text in (repr(x), f"{x:.2f}", str(x)):
        cell = parse_imf_cell(text + flag)
        assert cell is not None and cell.estimate and cell.value == Decimal(text)
        plain = parse_imf_cell(text)
        assert plain is not None and not plain.estimate and plain.value == Decimal(text)


@given(st.text(min_size=1).filter(lambda s: re.search(r"[^0-9eE.+\-\s]", s) is not None))
@example("n.a.")
@example("1,234.5")
@example("128.11 x")
@example("nan")
@example("inf")
def test_imf_cell_garbage_raises(text: str) -> None:
    with pytest.raises(ValueError):
        parse_imf_cell(text)


@pytest.mark.parametrize("text", ["e", " e", "1 e e", "1..2", "--1", "1e", "١٢"])
def test_imf_cell_malformed_numbers_raise(text: str) -> None:
    with pytest.raises(ValueError):
        parse_imf_cell(text)


@pytest.mark.parametrize("blank", [None, float("nan"), "", "   ", pd.NA])
def test_imf_cell_blank_is_none(blank: object) -> None:
    assert parse_imf_cell(blank) is None


def test_imf_cell_rejects_booleans() -> None:
    with pytest.raises(ValueError):
        parse_imf_cell(True)


# --- IMF DOTS --------------------------------------------------------------------------------------------------

def test_dots_kazakhstan_exports_to_china(dots: pd.DataFrame) -> None:
    kz = dict(reporter="Kazakhstan", partner="China", flow="exports")
    row = one(dots, year=2018, **kz)
    assert row.value_usd == 6_239_960_230.0  # cell AC59 = 6239.96023 (US$ m)
    assert row.value_usd == pytest.approx(6_240.0 * MILLION, abs=0.05 * MILLION)  # README: 6,240.0
    assert row.status == "reported" and row.source_id == "imf-dots-kaz"
    assert row.source_locator.startswith("sheet 'Exports, FOB', row 59 'China, P.R.: Mainland', column 2018")
    assert one(dots, year=2020, **kz).value_usd == pytest.approx(9_004.0 * MILLION, abs=0.05 * MILLION)


def test_dots_estimates_are_flagged(dots: pd.DataFrame) -> None:
    row = one(dots, year=1992, reporter="Kazakhstan", partner="China", flow="imports")
    assert row.value_usd == 244_690_000.0  # cell C59 = '244.69 e'
    assert row.status == "imf_estimate" and "244.69 e" in row.note
    exports = dots[(dots.reporter == "Kazakhstan") & (dots.partner == "China") & (dots.flow == "exports")]
    assert sorted(exports[exports.status == "imf_estimate"].year) == [1992, 1993]
    assert one(dots, year=1994, reporter="Kazakhstan", partner="China", flow="exports").status == "reported"


def test_dots_china_reported(dots: pd.DataFrame) -> None:
    row = one(dots, year=2018, reporter="China", partner="Kazakhstan", flow="exports")
    assert row.value_usd == 11_414_867_730.0  # cell AR122 = 11414.86773
    assert row.source_id == "imf-dots-chn"
    china = dots[dots.source_id == "imf-dots-chn"]
    assert china.year.min() == 1992 and china.year.max() == 2020  # 1961 and 1978–1991 World cells left out


def test_dots_world_rows_and_counts(dots: pd.DataFrame) -> None:
    assert one(dots, year=2020, reporter="Kazakhstan", partner="World", flow="exports").value_usd == (
        46_926_834_907.0)  # cell AE9
    # 2 workbooks × 2 sheets × (partner + World) × 29 years, no empty cell in those rows
    assert len(dots) == 2 * 2 * 2 * 29
    assert set(dots.series) == {"imf_dots"}


def _copy_raw(raw_dir: Path, tmp_path: Path, *parts: str) -> Path:
    """A scratch raw folder holding copies of the named files (relative paths)."""
    for part in parts:
        target = tmp_path / part
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(raw_dir / part, target)
    return tmp_path


DOTS_FILES = ("raw/imf-dots/dots-reporter-kazakhstan.xlsx", "raw/imf-dots/dots-reporter-china.xlsx")


def test_dots_without_china_row_is_refused(raw_dir: Path, tmp_path: Path) -> None:
    scratch = _copy_raw(raw_dir, tmp_path, *DOTS_FILES)
    path = scratch / DOTS_FILES[0]
    book = openpyxl.load_workbook(path)
    book["Exports, FOB"].delete_rows(59)  # the "China, P.R.: Mainland" row
    book.save(path)
    with pytest.raises(SourceFormatError) as err:
        imf_dots.read(scratch)
    message = str(err.value)
    assert "dots-reporter-kazakhstan.xlsx" in message and "'Exports, FOB'" in message
    assert "China, P.R.: Mainland" in message and "not found" in message


def test_dots_unparseable_cell_is_refused(raw_dir: Path, tmp_path: Path) -> None:
    scratch = _copy_raw(raw_dir, tmp_path, *DOTS_FILES)
    path = scratch / DOTS_FILES[1]
    book = openpyxl.load_workbook(path)
    book["Imports, CIF"]["AR122"] = "n.a."  # China's 2018 imports from Kazakhstan
    book.save(path)
    with pytest.raises(SourceFormatError) as err:
        imf_dots.read(scratch)
    assert err.value.file.endswith("dots-reporter-china.xlsx")
    assert (err.value.sheet, err.value.row, err.value.column) == ("Imports, CIF", 122, "AR (2018)")


# --- BNS -------------------------------------------------------------------------------------------------------

def test_bns_2023_china(bns_rows: pd.DataFrame) -> None:
    x = one(bns_rows, year=2023, partner="China", flow="exports")
    m = one(bns_rows, year=2023, partner="China", flow="imports")
    assert x.value_usd == 14_666_158_300.1 and m.value_usd == 15_389_231_312.22  # D76, F76 of sheet '2023'
    assert x.value_usd == pytest.approx(14_666_158.3e3, abs=50)  # README: 14,666,158.3 thousand US$
    assert m.value_usd == pytest.approx(15_389_231.3e3, abs=50)
    assert x.source_id == "kz-bns-2023" and x.status == "reported" and x.reporter == "Kazakhstan"
    assert "sheet '2023', row 76 «Китай»" in x.source_locator


def test_bns_year_in_two_workbooks(bns_rows: pd.DataFrame) -> None:
    rows = bns_rows[(bns_rows.year == 2019) & (bns_rows.partner == "China") & (bns_rows.flow == "exports")]
    assert sorted(rows.source_id) == ["kz-bns-2019", "kz-bns-2020"]
    for value in rows.value_usd:
        assert value == pytest.approx(8_003.9 * MILLION, abs=0.05 * MILLION)  # README: 8,003.9 US$ m
    assert one(bns_rows, year=2018, partner="China", flow="exports").value_usd == pytest.approx(
        6_307.5 * MILLION, abs=0.05 * MILLION)


def test_bns_world_and_coverage(bns_rows: pd.DataFrame) -> None:
    world = one(bns_rows, year=2023, partner="World", flow="imports")
    assert world.value_usd == pytest.approx(60_412_283.33494e3, abs=1e-3)
    assert "«Всего»" in world.source_locator
    # 10 year sheets (2 per workbook) × 2 partners × 2 flows; no turnover rows
    assert len(bns_rows) == 40 and set(bns_rows.flow) == {"exports", "imports"}
    assert sorted(set(bns_rows.year)) == [2018, 2019, 2020, 2021, 2022, 2023]


def test_bns_does_not_take_taiwan(bns_rows: pd.DataFrame) -> None:
    row = one(bns_rows, year=2019, partner="China", flow="imports", source_id="kz-bns-2019")
    assert row.value_usd == pytest.approx(6_788_625_828.84)  # «Китай», not «Тайвань (Китай)» (53,280.9)


BNS_2023 = "raw/kz-bns/bns-foreign-trade-by-country-2023.xls"


@pytest.fixture()
def bns_2023_sheets(raw_dir: Path) -> dict[str, pd.DataFrame]:
    return read_workbook(raw_dir / BNS_2023, raw_dir, engine="xlrd")


def test_bns_text_cell_is_refused(bns_2023_sheets: dict[str, pd.DataFrame]) -> None:
    bns_2023_sheets["2023"].iat[75, 3] = "н/д"  # D76: China's 2023 exports
    with pytest.raises(SourceFormatError) as err:
        bns.parse_workbook(bns_2023_sheets, 2023, BNS_2023)
    assert (err.value.sheet, err.value.row, err.value.column) == ("2023", 76, "D (exports)")
    assert "bns-foreign-trade-by-country-2023.xls" in str(err.value)


def test_bns_missing_china_row_is_refused(bns_2023_sheets: dict[str, pd.DataFrame]) -> None:
    bns_2023_sheets["2022"].iat[76, 0] = "Китайская Народная Республика"  # A77 «Китай»
    with pytest.raises(SourceFormatError, match=r"sheet '2022'.*«Китай» not found"):
        bns.parse_workbook(bns_2023_sheets, 2023, BNS_2023)


def test_bns_missing_flow_header_is_refused(bns_2023_sheets: dict[str, pd.DataFrame]) -> None:
    bns_2023_sheets["2023"].iat[3, 5] = "Ввоз"  # F4 «Импорт»
    with pytest.raises(SourceFormatError, match=r"sheet '2023'.*Импорт"):
        bns.parse_workbook(bns_2023_sheets, 2023, BNS_2023)


def test_bns_disagreeing_copies_are_refused(raw_dir: Path, bns_2023_sheets: dict[str, pd.DataFrame]) -> None:
    path_2022 = raw_dir / "raw/kz-bns/bns-foreign-trade-by-country-2022.xls"
    rows = bns.parse_workbook(read_workbook(path_2022, raw_dir, "xlrd"), 2022, "bns-2022.xls")
    bns_2023_sheets["2022"].iat[76, 3] = 13_060_205.6  # D77 was 13,060,205.47911: off by more than rounding
    rows += bns.parse_workbook(bns_2023_sheets, 2023, "bns-2023.xls")
    with pytest.raises(SourceFormatError, match="more than rounding") as err:
        bns.check_agreement(rows)
    assert (err.value.sheet, err.value.row) == ("2022", 77)


def test_bns_rounding_difference_is_accepted(raw_dir: Path, bns_2023_sheets: dict[str, pd.DataFrame]) -> None:
    path_2022 = raw_dir / "raw/kz-bns/bns-foreign-trade-by-country-2022.xls"
    rows = bns.parse_workbook(read_workbook(path_2022, raw_dir, "xlrd"), 2022, "bns-2022.xls")
    bns_2023_sheets["2022"].iat[76, 3] = 13_060_205.5  # the same figure rounded to 0.1 thousand
    rows += bns.parse_workbook(bns_2023_sheets, 2023, "bns-2023.xls")
    bns.check_agreement(rows)


# --- UN Comtrade -----------------------------------------------------------------------------------------------

def test_comtrade_china_total(ct: dict[str, pd.DataFrame]) -> None:
    annual = ct["trade_annual"]
    row = one(annual, year=2023, reporter="China", partner="Kazakhstan", flow="exports")
    assert row.value_usd == 24_696_909_997.0  # data row 320, primaryValue
    assert row.source_id == "comtrade-chn" and row.series == "comtrade" and row.status == "reported"
    assert row.source_locator == "data row 320 (line 321), cmdCode TOTAL"
    assert one(annual, year=2023, reporter="China", partner="Kazakhstan", flow="imports").value_usd == (
        16_357_882_073.0)
    # TOTAL rows only: 2 files × 11 years × 2 partners × 2 flows
    assert len(annual) == 88 and set(annual.partner) == {"China", "Kazakhstan", "World"}


def test_comtrade_kazakhstan_2019_matches_bns(ct: dict[str, pd.DataFrame], bns_rows: pd.DataFrame) -> None:
    kz = one(ct["trade_annual"], year=2019, reporter="Kazakhstan", partner="China", flow="imports")
    assert kz.value_usd == 6_788_625_828.84
    assert kz.value_usd == pytest.approx(one(bns_rows, year=2019, partner="China", flow="imports",
                                             source_id="kz-bns-2020").value_usd, abs=0.01)
    assert pd.isna(kz.note)


def test_comtrade_missing_rows_stay_missing(ct: dict[str, pd.DataFrame]) -> None:
    products = ct["trade_products"]
    kz = products[products.reporter == "Kazakhstan"]
    assert kz[(kz.year == 2016) & (kz.flow == "imports") & (kz.hs_chapter == "26")].empty
    assert not kz[(kz.year == 2016) & (kz.flow == "exports") & (kz.hs_chapter == "26")].empty
    for chapter in ("74", "78", "79", "81"):
        assert kz[kz.year.between(2020, 2022) & (kz.hs_chapter == chapter)].empty
    assert len(kz) == 151 and len(products[products.reporter == "China"]) == 176
    assert set(products.partner) == {"China", "Kazakhstan"}  # no World rows in trade_products
    assert set(products.classification) == {"H4", "H5", "H6"}
    assert one(products, year=2016, reporter="Kazakhstan", flow="exports", hs_chapter="26").value_usd == (
        446_032_566.0)  # data row 81


def test_comtrade_kazakhstan_2020_2022_notes_match_bns(ct: dict[str, pd.DataFrame],
                                                       bns_rows: pd.DataFrame) -> None:
    """The notes' percentages must be what the files show (Comtrade KZ-reported vs BNS, same year)."""
    annual = ct["trade_annual"]
    newest = bns_rows.sort_values("source_id").drop_duplicates(["year", "partner", "flow"], keep="last")
    shares = {}
    for year in (2020, 2021, 2022):
        for partner in ("China", "World"):
            for flow in ("exports", "imports"):
                row = one(annual, year=year, reporter="Kazakhstan", partner=partner, flow=flow)
                ref = one(newest, year=year, partner=partner, flow=flow).value_usd
                shares[(year, partner, flow)] = round(100 * row.value_usd / ref)
                expected = comtrade.KZ_SHORT_NOTE_CHINA if partner == "China" else comtrade.KZ_SHORT_NOTE_WORLD
                assert row.note == expected
    assert all(28 <= shares[(y, "China", "imports")] <= 32 for y in (2020, 2021, 2022))  # "about 30%"
    assert all(57 <= shares[(y, "World", "imports")] <= 67 for y in (2020, 2021, 2022))
    assert all(88 <= shares[(y, "World", "exports")] <= 90 for y in (2020, 2021, 2022))
    assert pd.isna(one(annual, year=2023, reporter="Kazakhstan", partner="China", flow="imports").note)


COMTRADE_FILES = ("raw/comtrade/comtrade_kaz_reporter.csv", "raw/comtrade/comtrade_chn_reporter.csv")


def _rewrite_csv(path: Path, edit) -> None:
    """Rewrite a Comtrade CSV through `edit(header, rows)`, keeping its trailing comma on data rows."""
    with path.open(newline="") as fh:
        lines = list(csv.reader(fh))
    header, rows = lines[0], [r[:-1] for r in lines[1:]]  # drop the empty trailing field
    header, rows = edit(header, rows)
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([*r, ""] for r in rows)


def test_comtrade_without_primary_value_is_refused(raw_dir: Path, tmp_path: Path) -> None:
    scratch = _copy_raw(raw_dir, tmp_path, *COMTRADE_FILES)

    def drop_primary(header, rows):
        i = header.index("primaryValue")
        return header[:i] + header[i + 1:], [r[:i] + r[i + 1:] for r in rows]

    _rewrite_csv(scratch / COMTRADE_FILES[1], drop_primary)
    with pytest.raises(SourceFormatError) as err:
        comtrade.read(scratch)
    assert "comtrade_chn_reporter.csv" in str(err.value) and err.value.column == "primaryValue"


def test_comtrade_text_value_is_refused(raw_dir: Path, tmp_path: Path) -> None:
    scratch = _copy_raw(raw_dir, tmp_path, *COMTRADE_FILES)

    def spoil(header, rows):
        rows[4][header.index("primaryValue")] = "about 7bn"
        return header, rows

    _rewrite_csv(scratch / COMTRADE_FILES[0], spoil)
    with pytest.raises(SourceFormatError) as err:
        comtrade.read(scratch)
    assert err.value.file.endswith("comtrade_kaz_reporter.csv")
    assert (err.value.row, err.value.column) == (6, "primaryValue")  # data row 5 is line 6
    assert "about 7bn" in str(err.value)


def test_comtrade_extra_field_is_refused(raw_dir: Path, tmp_path: Path) -> None:
    scratch = _copy_raw(raw_dir, tmp_path, *COMTRADE_FILES)
    path = scratch / COMTRADE_FILES[0]
    lines = path.read_bytes().split(b"\r\n")
    lines[3] = lines[3] + b"123,"  # a value past the trailing comma would be silently dropped by pandas
    path.write_bytes(b"\r\n".join(lines))
    with pytest.raises(SourceFormatError, match="trailing comma") as err:
        comtrade.read(scratch)
    assert err.value.row == 4


# --- BACI ------------------------------------------------------------------------------------------------------

def test_baci_china_total(baci: pd.DataFrame) -> None:
    total = one(baci, hs_chapter="TOTAL")
    assert total.value_usd == 10_731_709_714.0  # README: sum of v for China = 10,731,709.714 thousand US$
    assert total.source_locator == "sum of all 209 HS6 rows with j = 156"
    chapters = baci[baci.hs_chapter != "TOTAL"]
    assert sum(Decimal(repr(v)) for v in chapters.value_usd) == Decimal("10731709714.0")
    assert set(baci.year) == {2021} and set(baci.classification) == {"HS02"} and set(baci.series) == {"baci"}
    assert set(baci.reporter) == {"Kazakhstan"} and set(baci.partner) == {"China"}
    assert all("not a customs figure" in n for n in baci.note)


def test_baci_codes_are_zero_padded(baci: pd.DataFrame) -> None:
    # k = 80290 in the file is HS 080290 (nuts): chapter 08, not 80
    row = one(baci, hs_chapter="08")
    assert row.value_usd == 7_200_618.0 and row.source_locator.startswith("sum of 1 HS6 rows")
    assert baci[baci.hs_chapter == "80"].empty
    assert all(re.fullmatch(r"\d{2}|TOTAL", c) for c in baci.hs_chapter)


def test_baci_copper_chapter(baci: pd.DataFrame) -> None:
    assert one(baci, hs_chapter="74").value_usd == pytest.approx(2_453_633e3, abs=1e3)


# --- press -----------------------------------------------------------------------------------------------------

def test_press_gacc_2023(pr: dict[str, pd.DataFrame]) -> None:
    annual = pr["trade_annual"]
    row = one(annual, source_id="press-021")
    assert (row.year, row.reporter, row.partner, row.flow) == (2023, "China", "Kazakhstan", "turnover")
    assert row.value_usd == 41.0 * BILLION and row.status == "press" and row.series == "press"
    assert row.source_locator == "press-figures.csv row 21"
    assert row.note == "press (bne IntelliNews citing GACC)"
    assert one(annual, source_id="press-023").flow == "exports"  # china_exports_to_kz 24.7
    assert one(annual, source_id="press-023").value_usd == 24.7 * BILLION
    # only China-customs (GACC) annual totals for 2021–2024
    assert set(annual.year) <= {2021, 2022, 2023, 2024}
    assert len(annual) == 13


def test_press_not_verified_row_keeps_no_value(pr: dict[str, pd.DataFrame]) -> None:
    figures = pr["press_figures"]
    row = one(figures, figure_id="pf-041")
    assert row.quality == "NOT VERIFIED" and pd.isna(row.value) and row.period == "2023 Jan-Nov"
    assert row.source_id == "press-041"
    assert len(figures) == 101 and figures.figure_id.is_unique


def test_press_sources(pr: dict[str, pd.DataFrame]) -> None:
    sources = pr["sources"]
    assert len(sources) == 101 and sources.source_id.is_unique
    row = one(sources, source_id="press-001")
    assert row.publisher == "Xinhua News Agency (news.cn)" and row.kind == "press"
    assert row.url == row.download_page == "http://news.cn/world/2022-09/13/c_1128999762.htm"
    assert row.accessed == "2026-11-28" and row.title == "Press report: turnover 1992"
    assert row.notes.startswith("quality: official (Xinhua interview of PRC ambassador); note: ")


def test_press_text_value_is_refused(raw_dir: Path, tmp_path: Path) -> None:
    scratch = _copy_raw(raw_dir, tmp_path, "notes/press-figures.csv")
    path = scratch / "notes/press-figures.csv"
    data = pd.read_csv(path, dtype=str, keep_default_na=False)
    data.loc[20, "value"] = "about 41"
    data.to_csv(path, index=False)
    with pytest.raises(SourceFormatError) as err:
        press.read(scratch)
    assert (err.value.row, err.value.column) == (22, "value") and "press-figures.csv" in str(err.value)


# --- all readers together --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def everything(dots, bns_rows, ct, baci, pr) -> dict[str, pd.DataFrame]:
    annual = pd.concat([dots, bns_rows, ct["trade_annual"], pr["trade_annual"]], ignore_index=True)
    curated = pd.read_csv(curated_dir() / "sources.csv", dtype=str)
    return {"trade_annual": annual.assign(preferred=False),
            "trade_products": pd.concat([ct["trade_products"], baci], ignore_index=True),
            "press_figures": pr["press_figures"],
            "sources": pd.concat([curated, pr["sources"]], ignore_index=True)}


def test_outputs_match_schemas(everything: dict[str, pd.DataFrame]) -> None:
    for name, frame in everything.items():
        table = to_table(name, frame)  # types, allowed values and keys, as the build checks them
        assert table.num_rows == len(frame)
        assert not frame.duplicated(list(KEYS[name])).any()


def test_every_row_names_a_known_source(everything: dict[str, pd.DataFrame]) -> None:
    known = set(everything["sources"].source_id)
    for name in ("trade_annual", "trade_products", "press_figures"):
        assert set(everything[name].source_id) <= known, name
        assert everything[name].source_id.notna().all()


def test_curated_sources_file() -> None:
    sources = pd.read_csv(curated_dir() / "sources.csv", dtype=str)
    assert list(sources.columns) == SOURCES.names
    expected = {"imf-dots-kaz", "imf-dots-chn", *(f"kz-bns-{y}" for y in range(2019, 2024)), "comtrade-kaz",
                "comtrade-chn", "baci-hs02-v202301-2021", "speech-zhang-xiao-2024", "events-research",
                "hs-nomenclature", "kzcn-derived", "hs-names-datahub", "eaeu-tnved-fns-classifier",
                "eaeu-tnved-fns-headings", "kzcn-translation",
                *(f"wits-kz-hs4-{flow}-{partner}" for flow in ("exports", "imports") for partner in ("china", "world"))}
    assert set(sources.source_id) == expected and sources.source_id.is_unique
    raw_rows = sources[sources.file.fillna("").str.startswith("raw/")]
    assert len(raw_rows) == 15
    # the raw files are copies taken from GitHub: kzcn read the publishers' pages only where it dates them
    read = raw_rows[raw_rows.accessed.notna()]
    assert list(read.source_id) == ["hs-names-datahub"] and set(read.accessed) == {"2026-11-30"}
    assert raw_rows[raw_rows.accessed.isna()].cited_from.str.startswith("shared/data/README.md §").all()
    assert all("commit" in n for n in raw_rows.notes)
    assert one(sources, source_id="baci-hs02-v202301-2021").licence == "Etalab Open Licence 2.0"
    assert one(sources, source_id="speech-zhang-xiao-2024").url == (
        "https://chinastudies.kz/en/kazakhstan-and-china-en/16969/")
