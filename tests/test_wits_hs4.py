"""kzcn.readers.wits_hs4 and kzcn.readers.hs_names on small files built here, never the raw folder.

The Stata files mimic WITS's own (same columns, text codes with leading zeros, thousand US$); each error test
alters one cell or the layout and checks the error names the file, the data row and the column.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kzcn.errors import SourceFormatError
from kzcn.readers import hs_names, wits_hs4
from kzcn.readers.wits_hs4 import DOWNLOADS, REQUIRED, UNIT_COLUMN

EXPORTS_CHINA, IMPORTS_CHINA, EXPORTS_WORLD, IMPORTS_WORLD = DOWNLOADS
FILE = EXPORTS_CHINA.path  # the first file read(): damaged copies go here
STRING_COLUMNS = ("Nomenclature", "ReporterISO3", "ProductCode", "ReporterName", "PartnerISO3", "PartnerName",
                  "TradeFlowName", "PartnerRegion", "PartnerIncomeGroup")


def wits_frame(rows: list[tuple[str, int, float]], dl: wits_hs4.Download = EXPORTS_CHINA, *,
               categorical: bool = False) -> pd.DataFrame:
    """A WITS download: rows are (ProductCode, Year, TradeValuein1000USD), the rest as WITS fills it for dl."""
    n = len(rows)
    frame = pd.DataFrame({
        "Nomenclature": ["H4"] * n,
        "ReporterISO3": ["KAZ"] * n,
        "ProductCode": [code for code, _, _ in rows],
        "ReporterName": ["Kazakhstan"] * n,
        "PartnerISO3": [dl.partner_iso3] * n,
        "PartnerName": [dl.partner] * n,
        "Year": pd.Series([year for _, year, _ in rows], dtype="int32"),
        "TradeFlowName": ["Export" if dl.flow_code == 6 else "Import"] * n,
        "TradeFlowCode": pd.Series([dl.flow_code] * n, dtype="int32"),
        UNIT_COLUMN: pd.Series([value for _, _, value in rows], dtype="float64"),
        "PartnerRegion": ["East Asia & Pacific" if dl.partner_iso3 == "CHN" else "Others"] * n,
        "PartnerIncomeGroup": ["Upper middle income" if dl.partner_iso3 == "CHN" else "Others"] * n,
    })
    if categorical:  # as WITS ships them: every text column a Stata value label
        for column in STRING_COLUMNS:
            frame[column] = frame[column].astype("category")
    return frame


def write(raw_dir: Path, dl: wits_hs4.Download, frame: pd.DataFrame) -> Path:
    path = raw_dir / dl.path
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_stata(path, write_index=False, version=118)
    return path


ROWS = {  # (ProductCode, Year, thousand US$) per file
    EXPORTS_CHINA: [("0101", 2020, 1.1), ("0102", 2020, 2.2), ("8703", 2020, 4124.225), ("0101", 2021, 0.001)],
    IMPORTS_CHINA: [("8703", 2020, 123456.789), ("8708", 2020, 1.005)],
    EXPORTS_WORLD: [("2709", 2020, 30000000.25), ("0101", 2020, 7.0)],
    IMPORTS_WORLD: [("0901", 2021, 0.0)],
}


@pytest.fixture(scope="module")
def read_four(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    raw_dir = tmp_path_factory.mktemp("wits")
    for dl, rows in ROWS.items():
        write(raw_dir, dl, wits_frame(rows, dl, categorical=True))
    return wits_hs4.read(raw_dir)


def pick(frame: pd.DataFrame, **where: object) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    assert mask.sum() == 1, (where, frame[mask])
    return frame[mask].iloc[0]


# ---------------------------------------------------------------------------------------------------- values


def test_values_are_converted_from_thousands_to_dollars_exactly(read_four: dict[str, pd.DataFrame]) -> None:
    h = read_four["trade_headings"]
    assert len(h) == sum(len(rows) for rows in ROWS.values()) == 9
    got = {(r.source_id, r.year, r.hs_heading): r.value_usd for r in h.itertuples()}
    assert got == {
        ("wits-kz-hs4-exports-china", 2020, "0101"): 1100.0,
        ("wits-kz-hs4-exports-china", 2020, "0102"): 2200.0,
        ("wits-kz-hs4-exports-china", 2020, "8703"): 4124225.0,  # 4124.225 * 1000 in floats is 4124225.0000000005
        ("wits-kz-hs4-exports-china", 2021, "0101"): 1.0,
        ("wits-kz-hs4-imports-china", 2020, "8703"): 123456789.0,
        ("wits-kz-hs4-imports-china", 2020, "8708"): 1005.0,  # 1.005 * 1000 in floats is 1004.9999999999999
        ("wits-kz-hs4-exports-world", 2020, "2709"): 30000000250.0,
        ("wits-kz-hs4-exports-world", 2020, "0101"): 7000.0,
        ("wits-kz-hs4-imports-world", 2021, "0901"): 0.0,
    }


def test_each_file_is_labelled_with_its_partner_flow_and_source(read_four: dict[str, pd.DataFrame]) -> None:
    h = read_four["trade_headings"]
    labels = set(h[["source_id", "partner", "flow"]].itertuples(index=False, name=None))
    assert labels == {("wits-kz-hs4-exports-china", "China", "exports"),
                      ("wits-kz-hs4-imports-china", "China", "imports"),
                      ("wits-kz-hs4-exports-world", "World", "exports"),
                      ("wits-kz-hs4-imports-world", "World", "imports")}
    assert set(h["reporter"]) == {"Kazakhstan"}
    assert set(h["series"]) == {"wits_hs4"}
    assert set(h["classification"]) == {"H4"}
    assert list(h.columns) == list(wits_hs4.HEADING_COLUMNS)


def test_codes_keep_their_leading_zeros(read_four: dict[str, pd.DataFrame]) -> None:
    h = read_four["trade_headings"]
    row = pick(h, source_id="wits-kz-hs4-exports-china", year=2020, hs_heading="0101")
    assert row["hs_heading"] == "0101" and isinstance(row["hs_heading"], str)
    assert row["hs_chapter"] == "01"
    assert sorted(set(h["hs_chapter"])) == ["01", "09", "27", "87"]
    p = read_four["trade_products"]
    assert sorted(set(p["hs_chapter"])) == ["01", "09", "27", "87", "TOTAL"]


def test_heading_locators_name_the_data_row(read_four: dict[str, pd.DataFrame]) -> None:
    h = read_four["trade_headings"]
    exports_china = h[h["source_id"] == "wits-kz-hs4-exports-china"]
    assert exports_china["source_locator"].tolist() == [
        "data row 1, ProductCode 0101, Year 2020",
        "data row 2, ProductCode 0102, Year 2020",
        "data row 3, ProductCode 8703, Year 2020",
        "data row 4, ProductCode 0101, Year 2021",
    ]


def test_chapter_sums_and_total_equal_the_sum_of_their_headings(read_four: dict[str, pd.DataFrame]) -> None:
    h, p = read_four["trade_headings"], read_four["trade_products"]
    thousands = {dl.source_id: rows for dl, rows in ROWS.items()}
    expected: dict[tuple[str, int, str], Decimal] = {}
    for source_id, rows in thousands.items():
        for code, year, value in rows:
            for chapter in (code[:2], "TOTAL"):
                key = (source_id, year, chapter)
                expected[key] = expected.get(key, Decimal(0)) + Decimal(repr(value))
    got = {(r.source_id, r.year, r.hs_chapter): r.value_usd for r in p.itertuples()}
    assert got == {key: float(value * 1000) for key, value in expected.items()}
    # Spelled out for the file with several headings per chapter: 1.1 + 2.2 is 3.3000000000000003 in floats.
    assert got[("wits-kz-hs4-exports-china", 2020, "01")] == 3300.0
    assert got[("wits-kz-hs4-exports-china", 2020, "TOTAL")] == 4127525.0
    assert got[("wits-kz-hs4-imports-china", 2020, "87")] == 123457794.0
    assert got[("wits-kz-hs4-exports-china", 2021, "TOTAL")] == 1.0
    # ...and every chapter and TOTAL matches the headings the reader returned (to the cent).
    for (source_id, year, chapter), value in got.items():
        rows = h[(h["source_id"] == source_id) & (h["year"] == year)]
        if chapter != "TOTAL":
            rows = rows[rows["hs_chapter"] == chapter]
        assert value == pytest.approx(rows["value_usd"].sum(), abs=0.005), (source_id, year, chapter)


def test_chapter_sum_rows_say_how_many_headings_they_add(read_four: dict[str, pd.DataFrame]) -> None:
    p = read_four["trade_products"]
    assert pick(p, source_id="wits-kz-hs4-exports-china", year=2020, hs_chapter="01")["source_locator"] == (
        "sum of chapter 01's 2 HS4 rows of 2020")
    assert pick(p, source_id="wits-kz-hs4-exports-china", year=2020, hs_chapter="TOTAL")["source_locator"] == (
        "sum of all 3 HS4 rows of 2020")
    assert len(p) == 4 + 1 + 2 + 3 + 2  # exports-china 2020: 01, 87, TOTAL; 2021: 01, TOTAL; and so on
    assert p["note"].isna().all()


def test_plain_text_columns_read_like_value_labels(tmp_path: Path) -> None:
    """A file saved without value labels (codes as plain Stata strings) gives the same rows."""
    write(tmp_path, EXPORTS_CHINA, wits_frame([("0101", 2020, 1.1), ("9701", 2020, 2.0)]))
    rows = wits_hs4.parse(wits_hs4.read_stata(tmp_path / FILE, tmp_path), EXPORTS_CHINA, FILE)
    assert [(r["hs_heading"], r["year"], r["value_usd"]) for r in rows] == [("0101", 2020, 1100.0),
                                                                            ("9701", 2020, 2000.0)]


# ---------------------------------------------------------------------------------------------- damaged files


def read_error(raw_dir: Path) -> SourceFormatError:
    with pytest.raises(SourceFormatError) as info:
        wits_hs4.read(raw_dir)
    return info.value


GOOD = [("0101", 2020, 1.0), ("2709", 2020, 2.0), ("8703", 2020, 3.0), ("0101", 2021, 4.0)]


@pytest.mark.parametrize("column", REQUIRED)
def test_a_missing_column_is_named(tmp_path: Path, column: str) -> None:
    write(tmp_path, EXPORTS_CHINA, wits_frame(GOOD).drop(columns=[column]))
    err = read_error(tmp_path)
    assert (err.file, err.row, err.column) == (FILE, 1, column)
    assert f"lacks column(s) ['{column}']" in str(err)


def test_a_value_column_in_another_unit_is_refused_and_named(tmp_path: Path) -> None:
    write(tmp_path, EXPORTS_CHINA, wits_frame(GOOD).rename(columns={UNIT_COLUMN: "TradeValueinUSD"}))
    err = read_error(tmp_path)
    assert (err.file, err.row, err.column) == (FILE, 1, "TradeValuein1000USD")
    assert "'TradeValueinUSD'" in str(err)
    assert "another unit" in str(err)


@pytest.mark.parametrize("code", ["870", "87031", "ab12", "87.0", "", "9801", "0001", "0O01"])
def test_a_product_code_that_is_not_a_four_digit_heading_is_refused(tmp_path: Path, code: str) -> None:
    rows = [*GOOD[:2], (code, 2020, 5.0), *GOOD[2:]]
    write(tmp_path, EXPORTS_CHINA, wits_frame(rows))
    err = read_error(tmp_path)
    assert (err.file, err.row, err.column) == (FILE, 3, "ProductCode")
    assert "is not a four-digit HS heading (data row 3)" in str(err)


def test_numeric_product_codes_that_lost_their_leading_zero_are_refused(tmp_path: Path) -> None:
    frame = wits_frame(GOOD)
    frame["ProductCode"] = [8703, 101, 2709, 101]  # a file re-saved with ProductCode as a number
    write(tmp_path, EXPORTS_CHINA, frame)
    err = read_error(tmp_path)
    assert (err.file, err.row, err.column) == (FILE, 2, "ProductCode")


@pytest.mark.parametrize("value", [-0.001, -5.0])
def test_a_negative_value_is_refused(tmp_path: Path, value: float) -> None:
    write(tmp_path, EXPORTS_CHINA, wits_frame([*GOOD, ("9701", 2021, value)]))
    err = read_error(tmp_path)
    assert (err.file, err.row, err.column) == (FILE, 5, UNIT_COLUMN)
    assert "is negative (data row 5)" in str(err)


def test_a_missing_value_is_refused(tmp_path: Path) -> None:
    write(tmp_path, EXPORTS_CHINA, wits_frame([*GOOD[:1], ("0102", 2020, float("nan")), *GOOD[1:]]))
    err = read_error(tmp_path)
    assert (err.file, err.row, err.column) == (FILE, 2, UNIT_COLUMN)
    assert "is not a number" in str(err)


def test_a_heading_given_twice_in_a_year_is_refused(tmp_path: Path) -> None:
    write(tmp_path, EXPORTS_CHINA, wits_frame([*GOOD, ("2709", 2020, 9.0)]))
    err = read_error(tmp_path)
    assert (err.file, err.row, err.column) == (FILE, 5, "ProductCode")
    assert "heading 2709 in 2020 already given in data row 2" in str(err)


def test_the_same_heading_in_two_years_is_not_a_duplicate(tmp_path: Path) -> None:
    write(tmp_path, EXPORTS_CHINA, wits_frame(GOOD))
    rows = wits_hs4.parse(wits_hs4.read_stata(tmp_path / FILE, tmp_path), EXPORTS_CHINA, FILE)
    assert [(r["hs_heading"], r["year"]) for r in rows if r["hs_heading"] == "0101"] == [("0101", 2020),
                                                                                         ("0101", 2021)]


@pytest.mark.parametrize(("column", "value", "row"), [
    ("PartnerISO3", "RUS", 2),
    ("PartnerISO3", "WLD", 3),  # the World's rows in the China file
    ("ReporterISO3", "CHN", 4),
    ("Nomenclature", "H5", 1),
    ("TradeFlowCode", 5, 3),  # an import row in the exports file
])
def test_a_row_of_another_partner_reporter_flow_or_classification_is_refused(
        tmp_path: Path, column: str, value: object, row: int) -> None:
    frame = wits_frame(GOOD)
    frame.loc[row - 1, column] = value
    write(tmp_path, EXPORTS_CHINA, frame)
    err = read_error(tmp_path)
    assert (err.file, err.row, err.column) == (FILE, row, column)
    assert f"(data row {row})" in str(err)


def test_the_world_file_refuses_china_as_partner(tmp_path: Path) -> None:
    for dl in (EXPORTS_CHINA, IMPORTS_CHINA):
        write(tmp_path, dl, wits_frame(GOOD, dl))
    write(tmp_path, EXPORTS_WORLD, wits_frame(GOOD, EXPORTS_CHINA))  # the China file saved under the World name
    err = read_error(tmp_path)
    assert (err.file, err.row, err.column) == (EXPORTS_WORLD.path, 1, "PartnerISO3")
    assert "expected 'WLD'" in str(err)


@pytest.mark.parametrize("year", [1987, 2101, 20])
def test_a_year_out_of_range_is_refused(tmp_path: Path, year: int) -> None:
    write(tmp_path, EXPORTS_CHINA, wits_frame([*GOOD, ("9701", year, 1.0)]))
    err = read_error(tmp_path)
    assert (err.file, err.row, err.column) == (FILE, 5, "Year")


def test_a_file_without_rows_is_refused(tmp_path: Path) -> None:
    write(tmp_path, EXPORTS_CHINA, wits_frame(GOOD).iloc[0:0])
    err = read_error(tmp_path)
    assert err.file == FILE
    assert "has no data rows" in str(err)


def test_a_garbage_file_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(random.Random(1).randbytes(64))
    err = read_error(tmp_path)
    assert err.file == FILE
    assert "cannot read Stata file" in str(err)


def test_a_file_cut_in_its_data_cannot_be_read(tmp_path: Path) -> None:
    rows = [*GOOD, *[(f"{i:04d}", 2022, 1.0) for i in range(101, 160)]]
    path = write(tmp_path, EXPORTS_CHINA, wits_frame(rows))
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    err = read_error(tmp_path)
    assert err.file == FILE
    assert "cannot read Stata file" in str(err)


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95])
def test_a_labelled_file_cut_anywhere_fails(tmp_path: Path, fraction: float) -> None:
    """Cut in the value labels, pandas can return codes or clipped labels: the row checks still refuse them."""
    rows = [(f"{i:04d}", 2022, 1.0) for i in range(101, 160)]
    path = write(tmp_path, EXPORTS_CHINA, wits_frame(rows, categorical=True))
    path.write_bytes(path.read_bytes()[: int(path.stat().st_size * fraction)])
    err = read_error(tmp_path)
    assert err.file == FILE


def test_a_missing_file_is_not_hidden(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        wits_hs4.read(tmp_path)


# ------------------------------------------------------------------------------------------ property: codes


def is_heading(code: str) -> bool:
    """Four ASCII digits whose chapter is 01–97 (the reader strips surrounding whitespace first)."""
    text = code.strip()
    return re.fullmatch(r"[0-9]{4}", text, flags=re.ASCII) is not None and 1 <= int(text[:2]) <= 97


CODES = st.one_of(
    st.text(max_size=6),
    st.text(alphabet="0123456789", min_size=0, max_size=6),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩０１²߀", min_size=4, max_size=4),  # Unicode digits look like digits
    st.from_regex(r"[0-9]{2}[ .a-z-][0-9]", fullmatch=True),
)


PROPERTY_BASE = {column: values.tolist() for column, values in
                 wits_frame([("0101", 2020, 1.0), ("0000", 2021, 2.5)])[list(REQUIRED)].items()}


@settings(max_examples=120, deadline=None)
@given(code=CODES)
@example(code="0101")
@example(code="9706")
@example(code="0000")
@example(code="9800")
@example(code="870")
@example(code="87031")
@example(code="ab12")
@example(code="٠١٠١")  # Arabic-Indic 0101
@example(code="０１０１")  # full-width 0101
def test_parse_accepts_exactly_the_four_digit_headings(code: str) -> None:
    frame = pd.DataFrame({**PROPERTY_BASE, "ProductCode": ["0101", code]})
    if is_heading(code):
        rows = wits_hs4.parse(frame, EXPORTS_CHINA, FILE)
        assert [(r["hs_heading"], r["hs_chapter"], r["value_usd"]) for r in rows][1] == (
            code.strip(), code.strip()[:2], 2500.0)
    else:
        with pytest.raises(SourceFormatError) as info:
            wits_hs4.parse(frame, EXPORTS_CHINA, FILE)
        assert (info.value.row, info.value.column) == (2, "ProductCode")


# ------------------------------------------------------------------------------------------------- hs_names

NAMES_FILE = hs_names.PATH


def names_frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["hscode", "description", "parent", "level"], dtype=str)


NAMES = [
    ("01", "Animals; live", "TOTAL", "2"),
    ("0101", "Horses, asses, mules and hinnies; live", "01", "4"),
    ("010121", "Horses; live, pure-bred breeding animals", "0101", "6"),
    ("0102", "Bovine animals; live", "01", "4"),
    ("87", "Vehicles other than railway", "TOTAL", "2"),
    ("8703", "Motor cars and other motor vehicles", "87", "4"),
]


def test_hs_names_keeps_the_level_4_rows_only() -> None:
    rows = hs_names.parse(names_frame(NAMES), NAMES_FILE)
    assert [(r["hs_heading"], r["hs_chapter"], r["heading_name"], r["source_locator"]) for r in rows] == [
        ("0101", "01", "Horses, asses, mules and hinnies; live", "line 3"),
        ("0102", "01", "Bovine animals; live", "line 5"),
        ("8703", "87", "Motor cars and other motor vehicles", "line 7"),
    ]
    assert {r["source_id"] for r in rows} == {"hs-names-datahub"}
    assert {r["note"] for r in rows} == {hs_names.EDITION_NOTE}


def test_hs_names_read_keeps_leading_zeros(tmp_path: Path) -> None:
    path = tmp_path / NAMES_FILE
    path.parent.mkdir(parents=True)
    names_frame(NAMES).assign(section="I").to_csv(path, index=False)
    out = hs_names.read(tmp_path)["hs_headings"]
    assert out["hs_heading"].tolist() == ["0101", "0102", "8703"]
    assert out["hs_chapter"].tolist() == ["01", "01", "87"]
    assert list(out.columns) == list(hs_names.COLUMNS)


@pytest.mark.parametrize("code", ["101", "01011", "01a1", "٠١٠١"])
def test_hs_names_refuses_a_level_4_code_that_is_not_four_digits(code: str) -> None:
    rows = [*NAMES[:3], (code, "Bovine animals; live", "01", "4"), *NAMES[4:]]
    with pytest.raises(SourceFormatError) as info:
        hs_names.parse(names_frame(rows), NAMES_FILE)
    assert (info.value.file, info.value.row, info.value.column) == (NAMES_FILE, 5, "hscode")
    assert "(data row 4)" in str(info.value)


def test_hs_names_refuses_a_wrong_parent() -> None:
    rows = [*NAMES[:3], ("0102", "Bovine animals; live", "02", "4"), *NAMES[4:]]
    with pytest.raises(SourceFormatError) as info:
        hs_names.parse(names_frame(rows), NAMES_FILE)
    assert (info.value.file, info.value.row, info.value.column) == (NAMES_FILE, 5, "parent")
    assert "is not chapter 01" in str(info.value)


def test_hs_names_refuses_a_heading_listed_twice_or_unnamed() -> None:
    with pytest.raises(SourceFormatError) as info:
        hs_names.parse(names_frame([*NAMES, ("0101", "Horses again", "01", "4")]), NAMES_FILE)
    assert (info.value.row, info.value.column) == (8, "hscode")
    with pytest.raises(SourceFormatError) as info:
        hs_names.parse(names_frame([*NAMES[:3], ("0102", "  ", "01", "4")]), NAMES_FILE)
    assert (info.value.row, info.value.column) == (5, "description")


def test_hs_names_refuses_a_list_without_headings() -> None:
    with pytest.raises(SourceFormatError, match="has no level-4"):
        hs_names.parse(names_frame([NAMES[0], NAMES[4]]), NAMES_FILE)
