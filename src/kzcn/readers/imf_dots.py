"""IMF Direction of Trade Statistics: the two reporter workbooks (Kazakhstan, China), early-2022 vintage.

Each workbook has a sheet per flow; partners are labelled rows, years are a labelled header row. Rows and
columns are found by their labels so a re-ordered download cannot shift a value onto the wrong partner.
Cells such as '128.11 e' are IMF estimates: kept, but flagged with status "imf_estimate".

Two outputs from the same sheets: trade_annual (the bilateral partner and World) and trade_partners (every
partner row, named by kzcn.readers.partner_names; a name it does not know stops the build, naming the row).
Both cover 1992–2020; the China file's 1961 and 1978–1991 columns are not read (Kazakhstan is a partner from 1992).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from kzcn.errors import SourceFormatError
from kzcn.readers import partner_names
from kzcn.readers._common import (
    ANNUAL_COLUMNS,
    PARTNER_COLUMNS,
    column_letter,
    display_name,
    frame,
    is_blank,
    parse_number,
    read_workbook,
    to_usd,
)

SERIES = "imf_dots"
UNIT_LABEL = "US Dollars, Millions"
PER_UNIT = 1_000_000
YEARS = range(1992, 2021)  # Kazakhstan exists as a reporter/partner from 1992; these files end in 2020
SHEETS = {"Exports, FOB": "exports", "Imports, CIF": "imports"}
WORLD_LABEL = "World"


class Workbook(NamedTuple):
    source_id: str
    path: str  # relative to the raw folder
    reporter: str
    reporter_label: str  # how the workbook names its reporter (title block)
    partner: str
    partner_label: str  # the bilateral partner's row label


WORKBOOKS = (
    Workbook("imf-dots-kaz", "raw/imf-dots/dots-reporter-kazakhstan.xlsx", "Kazakhstan",
             "Kazakhstan, Rep. of", "China", "China, P.R.: Mainland"),
    Workbook("imf-dots-chn", "raw/imf-dots/dots-reporter-china.xlsx", "China", "China, P.R.: Mainland",
             "Kazakhstan", "Kazakhstan, Rep. of"),
)

_ESTIMATE = re.compile(r"(?P<number>.*\S)\s+e")


class Cell(NamedTuple):
    value: Decimal
    estimate: bool


def parse_imf_cell(value: Any) -> Cell | None:
    """A DOTS cell: None if empty, else the number and whether the IMF flagged it as its estimate (' e').

    Raises ValueError for anything else, so an unexpected marker is never read as a number.
    """
    if is_blank(value):
        return None
    if isinstance(value, str):
        match = _ESTIMATE.fullmatch(value.strip())
        if match:
            return Cell(parse_number(match["number"]), True)
    return Cell(parse_number(value), False)


def _label(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _year(value: Any) -> int | None:
    """A header cell as a year: the files store years as text ('1992'); an int is accepted too."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}\s*", value):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
        return value
    return None


def _header(sheet: pd.DataFrame, file: str, name: str) -> tuple[int, dict[int, int]]:
    """The year header row (0-based) and its {year: column index}; the first row that holds years."""
    for i in range(len(sheet)):
        years = {y: j for j, cell in enumerate(sheet.iloc[i]) if (y := _year(cell)) is not None}
        if years:
            return i, years
    raise SourceFormatError(file, "no header row of years found", sheet=name)


def _find_row(sheet: pd.DataFrame, column: int, label: str, start: int, file: str, name: str) -> int:
    """The one row at or below `start` whose label equals `label` (0-based index)."""
    labels = sheet.iloc[start:, column]
    hits = [i for i, v in labels.items() if _label(v) == label]
    if len(hits) != 1:
        problem = "not found" if not hits else f"found {len(hits)} times (rows {[h + 1 for h in hits]})"
        raise SourceFormatError(file, f"partner row {label!r} {problem}", sheet=name,
                                column=column_letter(column))
    return int(hits[0])


def _check_title(sheet: pd.DataFrame, column: int, header: int, wanted: str, file: str, name: str) -> None:
    """The reporter and unit named above the header must be the ones this reader assumes."""
    above = {_label(v) for v in sheet.iloc[:header, column]}
    if wanted not in above:
        raise SourceFormatError(file, f"title block does not name {wanted!r}", sheet=name,
                                column=column_letter(column))


def parse_sheet(sheet: pd.DataFrame, name: str, book: Workbook, file: str) -> list[dict[str, Any]]:
    """trade_annual rows for the bilateral partner and World rows of one flow sheet, years 1992–2020."""
    flow = SHEETS[name]
    header, year_cols = _header(sheet, file, name)
    first_year_col = min(year_cols.values())
    label_col = first_year_col - 1  # partner names sit just left of the first year (column B)
    if label_col < 0:
        raise SourceFormatError(file, "no label column left of the years", sheet=name, row=header + 1)
    _check_title(sheet, label_col, header, book.reporter_label, file, name)
    _check_title(sheet, label_col, header, UNIT_LABEL, file, name)
    missing = [y for y in YEARS if y not in year_cols]
    if missing:
        raise SourceFormatError(file, f"year column(s) {missing} missing", sheet=name, row=header + 1)
    rows = []
    for partner, label in ((book.partner, book.partner_label), ("World", WORLD_LABEL)):
        r = _find_row(sheet, label_col, label, header + 1, file, name)
        # DOTS leaves a cell empty where it has no figure: no row, never a zero (_cells leaves it out)
        for year, cell in _cells(sheet, r, year_cols, file, name).items():
            c, raw = year_cols[year], sheet.iat[r, year_cols[year]]
            rows.append({
                "year": year, "reporter": book.reporter, "partner": partner, "flow": flow,
                "value_usd": to_usd(cell.value, PER_UNIT), "series": SERIES,
                "status": "imf_estimate" if cell.estimate else "reported",
                "source_id": book.source_id,
                "source_locator": f"sheet {name!r}, row {r + 1} {label!r}, column {year} "
                                  f"(cell {column_letter(c)}{r + 1})",
                "note": f"IMF estimate (cell reads {raw.strip()!r})" if cell.estimate else None,
            })
    return rows


# The IMF's own EU aggregate: what it holds in this vintage, as the tests check it against the member rows.
EU_NOTE = ("IMF DOTS aggregate «European Union»: in this vintage, in every year, the sum of the rows of the 27 "
           "members of 2020 onwards (with Belgium-Luxembourg before 1997) to within US$ 0.05 million; the United "
           "Kingdom is never in it")


def _cells(sheet: pd.DataFrame, r: int, year_cols: dict[int, int], file: str, name: str) -> dict[int, Cell]:
    """The parsed cells of one partner row, 1992–2020 ({year: Cell}, empty cells left out)."""
    out = {}
    for year in YEARS:
        c = year_cols[year]
        raw = sheet.iat[r, c]
        try:
            cell = parse_imf_cell(raw)
        except ValueError:
            raise SourceFormatError(file, f"cell {raw!r} is neither a number nor 'number e'", sheet=name,
                                    row=r + 1, column=f"{column_letter(c)} ({year})") from None
        if cell is not None:
            out[year] = cell
    return out


def parse_partner_sheet(sheet: pd.DataFrame, name: str, book: Workbook, file: str) -> list[dict[str, Any]]:
    """trade_partners rows for every labelled row of one flow sheet, years 1992–2020.

    Each label is named by kzcn.readers.partner_names.dots_partner; an unknown one raises SourceFormatError
    naming the file, sheet, row and the label. A label the sheet repeats (the Kazakhstan file lists Australia
    twice) is kept once, and only if both rows carry the same figures. A heading row must carry none.
    """
    flow = SHEETS[name]
    header, year_cols = _header(sheet, file, name)
    label_col = min(year_cols.values()) - 1
    if label_col < 0:
        raise SourceFormatError(file, "no label column left of the years", sheet=name, row=header + 1)
    _check_title(sheet, label_col, header, book.reporter_label, file, name)
    _check_title(sheet, label_col, header, UNIT_LABEL, file, name)
    missing = [y for y in YEARS if y not in year_cols]
    if missing:
        raise SourceFormatError(file, f"year column(s) {missing} missing", sheet=name, row=header + 1)
    every_year = sorted(year_cols.values())
    seen: dict[str, tuple[int, tuple[Any, ...]]] = {}
    repeated: dict[str, int] = {}
    kept: list[tuple[int, str, partner_names.Partner, dict[int, Cell]]] = []
    for r in range(header + 1, len(sheet)):
        label = partner_names.label(sheet.iat[r, label_col])
        raw_row = tuple(None if is_blank(sheet.iat[r, c]) else sheet.iat[r, c] for c in every_year)
        where = {"sheet": name, "row": r + 1, "column": column_letter(label_col)}
        if not label:
            if any(v is not None for v in raw_row):
                raise SourceFormatError(file, "figures in a row without a partner name", **where)
            continue
        partner = partner_names.dots_partner(label)
        if label in partner_names.DOTS_HEADINGS:
            if any(v is not None for v in raw_row):
                raise SourceFormatError(file, f"heading row {label!r} carries figures", **where)
            continue
        if partner is None:
            raise SourceFormatError(file, f"partner name {label!r} has no ISO 3166 code: pycountry does not know "
                                          "it and kzcn.readers.partner_names does not list it", **where)
        if label in seen:
            first, first_cells = seen[label]
            if first_cells != raw_row:
                raise SourceFormatError(file, f"partner {label!r} is listed twice with different figures (rows "
                                              f"{first + 1} and {r + 1})", **where)
            repeated[label] = r + 1
            continue
        seen[label] = (r, raw_row)
        kept.append((r, label, partner, _cells(sheet, r, year_cols, file, name)))
    rows = []
    for r, label, partner, cells in kept:
        for year, cell in cells.items():
            raw = sheet.iat[r, year_cols[year]]
            notes = [f"IMF estimate (cell reads {raw.strip()!r})" if cell.estimate else None, partner.note,
                     EU_NOTE if partner.code == "EU" else None,
                     f"the sheet repeats this row at row {repeated[label]} with the same figures"
                     if label in repeated else None]
            rows.append({
                "year": year, "reporter": book.reporter, "partner": partner.code, "partner_kind": partner.kind,
                "partner_name": label, "flow": flow, "value_usd": to_usd(cell.value, PER_UNIT), "series": SERIES,
                "status": "imf_estimate" if cell.estimate else "reported", "vintage": None, "preferred": True,
                "source_id": book.source_id,
                "source_locator": f"sheet {name!r}, row {r + 1} {label!r}, column {year} "
                                  f"(cell {column_letter(year_cols[year])}{r + 1})",
                "note": "; ".join(n for n in notes if n) or None,
            })
    return rows


def read(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Both DOTS workbooks, both flow sheets → trade_annual and trade_partners (values in US dollars)."""
    rows: list[dict[str, Any]] = []
    partner_rows: list[dict[str, Any]] = []
    for book in WORKBOOKS:
        path = raw_dir / book.path
        file = display_name(path, raw_dir)
        sheets = read_workbook(path, raw_dir, engine="openpyxl")
        for name in SHEETS:
            if name not in sheets:
                raise SourceFormatError(file, f"sheet {name!r} not found (sheets: {list(sheets)})")
            rows.extend(parse_sheet(sheets[name], name, book, file))
            partner_rows.extend(parse_partner_sheet(sheets[name], name, book, file))
    return {"trade_annual": frame(rows, ANNUAL_COLUMNS), "trade_partners": frame(partner_rows, PARTNER_COLUMNS)}
