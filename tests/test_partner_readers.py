"""The trade_partners side of the DOTS and BNS readers, on small fixture sheets laid out like the real files.

Pinned: every labelled row becomes rows with its ISO or aggregate code, the label as written and a locator; an
empty cell gives no row; an unknown or malformed name, a figure without a name, a heading with figures and a
partner listed twice with different figures are refused with file, sheet, row and column; the bureau's group rows
say which countries the sheet lists under them; the newest BNS workbook is the preferred vintage of a year.
"""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import one

from kzcn.errors import SourceFormatError
from kzcn.readers import bns, imf_dots, partner_names
from kzcn.validate import to_table

# --- IMF DOTS ----------------------------------------------------------------------------------------------------

DOTS_FILE = "raw/imf-dots/dots-reporter-kazakhstan.xlsx"
BOOK = imf_dots.WORKBOOKS[0]  # reporter Kazakhstan
YEARS = [str(y) for y in imf_dots.YEARS]


def dots_sheet(*rows: tuple[str | None, dict[int, object]]) -> pd.DataFrame:
    """A DOTS flow sheet: title block, the year header in row 7, then (label, {year: cell}) rows from row 8."""
    width = 2 + len(YEARS)
    blank = [None] * width

    def line(b: object = None, values: dict[int, object] | None = None) -> list[object]:
        out = [None, b, *[None] * len(YEARS)]
        for year, cell in (values or {}).items():
            out[2 + YEARS.index(str(year))] = cell
        return out

    head = [blank, line("Exports, FOB to Partner Countries"), blank, line("Kazakhstan, Rep. of"),
            line("US Dollars, Millions"), blank, [None, None, *YEARS]]
    return pd.DataFrame(head + [line(label, values) for label, values in rows], dtype=object)


def dots_rows(sheet: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(imf_dots.parse_partner_sheet(sheet, "Exports, FOB", BOOK, DOTS_FILE))




def test_dots_every_partner_row_with_its_code() -> None:
    rows = dots_rows(dots_sheet(
        ("World", {2019: 57676.727675, 2020: 46926.834907}),
        ("China, P.R.: Mainland", {1992: "0.54 e", 2020: 9004.006822}),
        ("Korea, Rep. of", {2020: 0.5}),
        ("European Union", {2020: 17650.361082}),
        ("Serbia and Montenegro", {2005: 1.25}),
        ("Memorandum Items", {}),
    ))
    assert len(rows) == 7  # one per non-empty cell; the heading and the empty cells give none
    china = one(rows, partner="CHN", year=2020)
    assert (china.partner_kind, china.partner_name, china.flow) == ("country", "China, P.R.: Mainland", "exports")
    assert china.value_usd == 9_004_006_822.0 and china.status == "reported"
    assert china.source_id == "imf-dots-kaz" and china.reporter == "Kazakhstan" and china.series == "imf_dots"
    assert china.source_locator == "sheet 'Exports, FOB', row 9 'China, P.R.: Mainland', column 2020 (cell AE9)"
    assert china.vintage is None and china.preferred
    estimate = one(rows, partner="CHN", year=1992)
    assert estimate.status == "imf_estimate" and estimate.value_usd == 540_000.0
    assert "IMF estimate (cell reads '0.54 e')" in estimate.note
    assert one(rows, partner="KOR").partner_kind == "country"
    assert one(rows, partner="SCG", year=2005).value_usd == 1_250_000.0  # ISO 3166-3, a former country
    world = one(rows, partner="WORLD", year=2020)
    assert world.partner_kind == "aggregate" and pd.isna(world.note)
    eu = one(rows, partner="EU")
    assert eu.partner_kind == "aggregate" and "United Kingdom is never in it" in eu.note
    to_table("trade_partners", rows)  # the schema's types, allowed values and key


def test_dots_unknown_name_is_refused_naming_it() -> None:
    sheet = dots_sheet(("World", {2020: 1.0}), ("Atlantis, Rep. of", {2020: 2.0}))
    with pytest.raises(SourceFormatError, match=r"'Atlantis, Rep\. of' has no ISO 3166 code") as err:
        dots_rows(sheet)
    assert (err.value.file, err.value.sheet, err.value.row, err.value.column) == (
        DOTS_FILE, "Exports, FOB", 9, "B")


def test_dots_unknown_name_is_refused_even_without_figures() -> None:
    with pytest.raises(SourceFormatError, match="Atlantis"):
        dots_rows(dots_sheet(("World", {2020: 1.0}), ("Atlantis", {})))


def test_dots_repeated_partner_is_kept_once_if_identical() -> None:
    rows = dots_rows(dots_sheet(("Australia", {2020: 12.652277}), ("World", {2020: 1.0}),
                                ("Australia", {2020: 12.652277})))
    australia = one(rows, partner="AUS")
    assert australia.source_locator.startswith("sheet 'Exports, FOB', row 8 ")
    assert "the sheet repeats this row at row 10 with the same figures" in australia.note


def test_dots_repeated_partner_with_other_figures_is_refused() -> None:
    sheet = dots_sheet(("Australia", {2020: 12.652277}), ("Australia", {2020: 12.7}))
    with pytest.raises(SourceFormatError, match=r"listed twice with different figures \(rows 8 and 9\)") as err:
        dots_rows(sheet)
    assert err.value.row == 9


@pytest.mark.parametrize(("rows", "message", "row"), [
    ((("World", {2020: 1.0}), (None, {2020: 5.0})), "figures in a row without a partner name", 9),
    ((("Memorandum Items", {2019: 3.0}),), "heading row 'Memorandum Items' carries figures", 8),
    ((("World", {2020: "n.a."}),), "neither a number nor 'number e'", 8),
])
def test_dots_malformed_rows_are_refused(rows: tuple, message: str, row: int) -> None:
    with pytest.raises(SourceFormatError, match=message) as err:
        dots_rows(dots_sheet(*rows))
    assert (err.value.sheet, err.value.row) == ("Exports, FOB", row)


def test_dots_sheet_of_another_reporter_is_refused() -> None:
    sheet = dots_sheet(("World", {2020: 1.0}))
    sheet.iat[3, 1] = "China, P.R.: Mainland"
    with pytest.raises(SourceFormatError, match=r"does not name 'Kazakhstan, Rep\. of'"):
        dots_rows(sheet)


# --- BNS ---------------------------------------------------------------------------------------------------------

BNS_FILE = "raw/kz-bns/bns-foreign-trade-by-country-2023.xls"
NAMES = partner_names.parse_ru_table(pd.DataFrame([
    ("Всего", "WORLD", "aggregate", "The total row."),
    ("Страны ЕС", "EU", "aggregate", "The EU as the bureau groups it."),
    ("Германия", "DEU", "country", ""),
    ("Соединенное Королевство", "GBR", "country", ""),
    ("Страны вне ЕС", "BNS_EUROPE_NON_EU", "aggregate", "Europe outside the EU and the CIS."),
    ("Швейцария", "CHE", "country", ""),
    ("Азия", "BNS_ASIA", "aggregate", "Asia outside the CIS."),
    ("Китай", "CHN", "country", ""),
    ("Тайвань (Китай)", "TWN", "country", "Taiwan."),
], columns=list(partner_names.RU_COLUMNS)))


def bns_sheet(year: int, *rows: tuple[object, ...]) -> pd.DataFrame:
    """A BNS year sheet: title, unit, the flow header (row 4) and its «Всего» subheader, then partner rows."""
    head = [
        [" Основные показатели внешней торговли Республики Казахстан", None, None, None, None, None, None],
        [f"{year} год", None, None, None, None, None, None],
        [None, None, None, None, "тыс. долларов США", None, None],
        ["Наименование", "Товарооборот", None, "Экспорт", None, "Импорт", None],
        [None, "всего", "удельный вес", "всего", "удельный вес", "всего", "удельный вес"],
    ]
    return pd.DataFrame(head + [list(r) for r in rows], dtype=object)


def sheet_2023() -> pd.DataFrame:
    return bns_sheet(
        2023,
        ("Всего", 1000.0, 100, 600.0, 100, 400.0, 100),
        ("  Страны ЕС", 300.0, 30, 250.0, 41, 50.0, 12),
        ("Германия", 200.0, 20, 180.0, 30, 20.0, 5),
        ("Соединенное Королевство", 100.0, 10, 70.0, 11, 30.0, 7),
        ("Страны вне ЕС", 5.0, 0.5, None, None, 5.0, 1),
        ("Швейцария", 5.0, 0.5, None, None, 5.0, 1),
        ("Азия", 300.62345, 30, 200.1, 33, 100.52345, 25),
        ("Тайвань (Китай)", 0.5, None, None, None, 0.5, None),
        ("Китай", 300.12345, 30, 200.1, 33, 100.02345, 25),
    )


def bns_rows(sheets: dict[str, pd.DataFrame], workbook_year: int = 2023) -> pd.DataFrame:
    return pd.DataFrame(bns.parse_partner_workbook(sheets, workbook_year, BNS_FILE, NAMES))


def test_bns_every_partner_row_with_its_code() -> None:
    rows = bns_rows({"2023": sheet_2023(), "Обложка": pd.DataFrame([["cover"]])})
    assert len(rows) == 15  # Switzerland and its group have no exports, Taiwan none: no row, never a zero
    china = one(rows, partner="CHN", flow="imports")
    assert china.value_usd == pytest.approx(100_023.45) and china.partner_name == "Китай"
    assert (china.year, china.vintage, china.source_id, china.series) == (2023, 2023, "kz-bns-2023", "kz_bns")
    assert china.source_locator == "sheet '2023', row 14 «Китай», column F «Импорт, всего» (thousand US$: 100.02345)"
    assert one(rows, partner="TWN").value_usd == 500.0
    assert set(rows.loc[rows.partner == "CHE", "flow"]) == {"imports"}
    eu = one(rows, partner="EU", flow="exports")
    assert eu.partner_name == "Страны ЕС"  # leading spaces collapsed, as the table keys them
    assert eu.note == "The EU as the bureau groups it. In this sheet 2 countries are listed under it: DEU, GBR"
    assert one(rows, partner="WORLD", flow="exports").note == "The total row."  # no country directly under it
    assert one(rows, partner="BNS_EUROPE_NON_EU", flow="imports").note.endswith("listed under it: CHE")
    assert one(rows, partner="BNS_ASIA", flow="imports").note.endswith("listed under it: TWN, CHN")
    assert pd.isna(one(rows, partner="DEU", flow="exports").note)
    table = rows.assign(preferred=True)
    to_table("trade_partners", table)


def test_bns_unknown_name_is_refused_naming_it() -> None:
    sheet = sheet_2023()
    sheet.iat[9, 0] = "Атлантида"  # A10, «Страны вне ЕС»
    with pytest.raises(SourceFormatError, match=r"«Атлантида» is not in data/curated/partner_names_ru\.csv") as err:
        bns_rows({"2023": sheet})
    assert (err.value.file, err.value.sheet, err.value.row, err.value.column) == (BNS_FILE, "2023", 10, "A")


def test_bns_text_cell_and_nameless_figures_are_refused() -> None:
    sheet = sheet_2023()
    sheet.iat[13, 3] = "н/д"  # D14, China's exports
    with pytest.raises(SourceFormatError) as err:
        bns_rows({"2023": sheet})
    assert (err.value.sheet, err.value.row, err.value.column) == ("2023", 14, "D (exports)")
    sheet = sheet_2023()
    sheet.iat[13, 0] = None
    with pytest.raises(SourceFormatError, match="without a partner name") as err:
        bns_rows({"2023": sheet})
    assert err.value.row == 14


def test_bns_newest_workbook_is_the_preferred_vintage_of_a_year() -> None:
    older = bns.parse_partner_workbook({"2022": bns_sheet(2022, ("Всего", 9.0, 100, 5.0, 100, 4.0, 100),
                                                                  ("Китай", 2.0, 22, 1.0, 20, 1.0, 25))},
                                       2022, "bns-2022.xls", NAMES)
    sheet_2022 = bns_sheet(2022, ("Всего", 9.0, 100, 5.0, 100, 4.0, 100))  # China missing from the newer copy
    newer = bns.parse_partner_workbook({"2023": sheet_2023(), "2022": sheet_2022}, 2023, BNS_FILE, NAMES)
    rows = older + newer
    bns.mark_preferred(rows)
    frame = pd.DataFrame(rows)
    y2022 = frame[frame.year == 2022]
    assert set(y2022.loc[y2022.preferred, "source_id"]) == {"kz-bns-2023"}
    # the older copy's China row stays, not preferred: a partner is never filled in from another vintage
    assert not one(y2022, partner="CHN", flow="exports").preferred
    assert frame.loc[frame.year == 2023, "preferred"].all()
    assert sorted(set(y2022["vintage"])) == [2022, 2023]
