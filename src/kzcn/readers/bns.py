"""Kazakhstan Bureau of National Statistics: «Основные показатели внешней торговли (по странам)», 2019–2023.

One workbook per release year; each holds that year and the year before, so most years come twice. Both
copies are kept (each names its own workbook), after checking they agree to the file's rounding. Columns are
found by the header labels «Экспорт»/«Импорт» because one sheet has extra empty columns; turnover is not
read (the project derives it from exports + imports).

Two outputs from the same sheets: trade_annual (China and the World, both copies checked to agree) and
trade_partners (every row of every year sheet, named through the reviewed table data/curated/partner_names_ru.csv;
a name missing from it stops the build, naming file, sheet, row and name). In trade_partners every copy of a year
is kept with its workbook as `vintage`; the newest workbook's copy is `preferred`, as in kzcn.preferred.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

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

SERIES = "kz_bns"
WORKBOOK_YEARS = (2019, 2020, 2021, 2022, 2023)
UNIT_LABEL = "тыс. долларов США"
PER_UNIT = 1_000
FLOW_LABELS = {"экспорт": "exports", "импорт": "imports"}
SUBHEADER = "всего"  # the value column under each flow header; the share column sits beside it
CHINA_LABEL = "Китай"  # exact match after stripping: «Тайвань (Китай)» must not match
WORLD_LABEL = "Всего"  # the total row; one sheet writes it «Всего\nв том числе» ("total, of which")
_YEAR_SHEET = re.compile(r"(?:12_)?(\d{4})")  # "12_2019": January–December 2019; "2022": the year
_PERIOD_SHEET = re.compile(r"\d{1,2}_\d{4}")  # any other month prefix would be a part-year sheet
LABEL_HEADER = "наименование"  # «Наименование страны/области»: the column of partner names


def source_id(workbook_year: int) -> str:
    return f"kz-bns-{workbook_year}"


def workbook_path(workbook_year: int) -> str:
    return f"raw/kz-bns/bns-foreign-trade-by-country-{workbook_year}.xls"


def _text(value: Any) -> str:
    """A label with whitespace (leading spaces, line breaks) collapsed, '' for non-text."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _is_world(label: str) -> bool:
    return label == WORLD_LABEL or label == f"{WORLD_LABEL} в том числе"


def _header(sheet: pd.DataFrame, file: str, name: str) -> tuple[int, int, dict[str, int]]:
    """The row holding «Экспорт» and «Импорт» (0-based), the partner-name column and each flow's column."""
    for i in range(len(sheet)):
        cols = {FLOW_LABELS[t.lower()]: j for j, v in enumerate(sheet.iloc[i])
                if (t := _text(v)).lower() in FLOW_LABELS}
        if len(cols) == len(FLOW_LABELS):
            break
    else:
        raise SourceFormatError(file, "no header row with «Экспорт» and «Импорт»", sheet=name)
    if i + 1 >= len(sheet):
        raise SourceFormatError(file, "header row is the last row", sheet=name, row=i + 1)
    for flow, j in cols.items():
        if _text(sheet.iat[i + 1, j]).lower() != SUBHEADER:
            raise SourceFormatError(file, f"expected «Всего» under the {flow} header", sheet=name, row=i + 2,
                                    column=column_letter(j))
    names = [j for j, v in enumerate(sheet.iloc[i]) if _text(v).lower().startswith(LABEL_HEADER)]
    if len(names) != 1:
        raise SourceFormatError(file, "no single «Наименование» column in the header", sheet=name, row=i + 1)
    return i, names[0], cols


def _check_title(sheet: pd.DataFrame, header: int, year: int, file: str, name: str) -> None:
    """The title block must state the sheet's year and the unit this reader converts from."""
    block = " ".join(_text(v) for v in sheet.iloc[:header].to_numpy().ravel())
    if UNIT_LABEL not in block:
        raise SourceFormatError(file, f"unit {UNIT_LABEL!r} not stated above the header", sheet=name)
    if not re.search(rf"\b{year}\b", block):
        raise SourceFormatError(file, f"title block does not mention {year}", sheet=name)


def _find_row(sheet: pd.DataFrame, start: int, col: int, match: Any, label: str, file: str, name: str) -> int:
    hits = [i for i in range(start, len(sheet)) if match(_text(sheet.iat[i, col]))]
    if len(hits) != 1:
        problem = "not found" if not hits else f"found {len(hits)} times (rows {[h + 1 for h in hits]})"
        raise SourceFormatError(file, f"row «{label}» {problem}", sheet=name, column=column_letter(col))
    return hits[0]


def _year_sheets(sheets: dict[str, pd.DataFrame], file: str) -> list[tuple[str, int]]:
    """(sheet name, year) of every full-year sheet; cover, legend, contents and methodology sheets are skipped."""
    year_sheets = [(name, int(m[1])) for name in sheets if (m := _YEAR_SHEET.fullmatch(name.strip()))]
    part_year = [n for n in sheets if _PERIOD_SHEET.fullmatch(n.strip()) and not _YEAR_SHEET.fullmatch(n.strip())]
    if part_year:
        raise SourceFormatError(file, f"part-year sheet(s) {part_year}: this reader takes full years only")
    if not year_sheets:
        raise SourceFormatError(file, f"no year sheet found (sheets: {list(sheets)})")
    return year_sheets


def parse_workbook(sheets: dict[str, pd.DataFrame], workbook_year: int, file: str) -> list[dict[str, Any]]:
    """trade_annual rows (China and World, exports and imports) from every year sheet of one workbook.

    Sheets whose name is not a year (cover, legend, contents, methodology) are skipped.
    """
    rows: list[dict[str, Any]] = []
    for name, year in _year_sheets(sheets, file):
        sheet = sheets[name]
        header, label_col, cols = _header(sheet, file, name)
        _check_title(sheet, header, year, file, name)
        for partner, label, match in (("China", CHINA_LABEL, lambda t: t == CHINA_LABEL),
                                      ("World", WORLD_LABEL, _is_world)):
            r = _find_row(sheet, header + 2, label_col, match, label, file, name)
            for flow, c in cols.items():
                raw = sheet.iat[r, c]
                where = {"sheet": name, "row": r + 1, "column": f"{column_letter(c)} ({flow})"}
                if is_blank(raw):
                    raise SourceFormatError(file, f"«{label}» {flow} is empty", **where)
                try:
                    value = parse_number(raw)
                except ValueError:
                    raise SourceFormatError(file, f"cell {raw!r} is not a number", **where) from None
                rows.append({
                    "year": year, "reporter": "Kazakhstan", "partner": partner, "flow": flow,
                    "value_usd": to_usd(value, PER_UNIT), "series": SERIES, "status": "reported",
                    "source_id": source_id(workbook_year),
                    "source_locator": f"sheet {name!r}, row {r + 1} «{_text(sheet.iat[r, label_col])}», "
                                      f"column {column_letter(c)} «{_text(sheet.iat[header, c])}, "
                                      f"{_text(sheet.iat[header + 1, c])}» (thousand US$: {value})",
                    "note": None,
                    # for check_agreement only; frame() keeps the dataset's columns
                    "_value": value, "_file": file, **{f"_{k}": v for k, v in where.items()},
                })
    return rows


def _places(value: Decimal) -> int:
    """Decimal places the file gives, e.g. 47540772.7 → 1 (the Decimal keeps the cell's own digits)."""
    return max(0, -int(value.normalize().as_tuple().exponent))


def check_agreement(rows: list[dict[str, Any]]) -> None:
    """A year published in two workbooks must carry the same figures, up to the coarser copy's rounding.

    Raises SourceFormatError naming both copies; the figures are never averaged or picked between.
    """
    first: dict[tuple[int, str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["year"], row["partner"], row["flow"])
        ref = first.setdefault(key, row)
        if ref is row:
            continue
        a, b = ref["_value"], row["_value"]
        tolerance = Decimal(5) * Decimal(10) ** -(min(_places(a), _places(b)) + 1)
        if abs(a - b) > tolerance:
            raise SourceFormatError(
                row["_file"],
                f"{row['year']} {row['partner']} {row['flow']} = {b} thousand US$, but {ref['_file']} "
                f"({ref['source_locator']}) gives {a}; the difference is more than rounding",
                sheet=row["_sheet"], row=row["_row"], column=row["_column"])


def _members_note(note: str | None, members: list[str]) -> str | None:
    if not members:
        return note
    listed = f"In this sheet {len(members)} countries are listed under it: {', '.join(members)}"
    return f"{note} {listed}" if note else listed


def parse_partner_workbook(sheets: dict[str, pd.DataFrame], workbook_year: int, file: str,
                           names: dict[str, partner_names.Partner]) -> list[dict[str, Any]]:
    """trade_partners rows (every partner row, exports and imports) from every year sheet of one workbook.

    `names` is the reviewed table of kzcn.readers.partner_names.bns_names. A label missing from it raises
    SourceFormatError naming the file, sheet, row and the label. An empty cell gives no row (never a zero). A
    group's note lists the countries the sheet places directly under it (e.g. which countries its EU row holds).
    """
    rows: list[dict[str, Any]] = []
    for name, year in _year_sheets(sheets, file):
        sheet = sheets[name]
        header, label_col, cols = _header(sheet, file, name)
        _check_title(sheet, header, year, file, name)
        members: dict[int, list[str]] = {}  # aggregate row → the country codes listed directly under it
        group: int | None = None
        sheet_rows: list[tuple[int, str, partner_names.Partner]] = []
        for r in range(header + 2, len(sheet)):
            label = _text(sheet.iat[r, label_col])
            where = {"sheet": name, "row": r + 1, "column": column_letter(label_col)}
            if not label:
                if any(not is_blank(sheet.iat[r, c]) for c in cols.values()):
                    raise SourceFormatError(file, "figures in a row without a partner name", **where)
                continue
            partner = names.get(label)
            if partner is None:
                raise SourceFormatError(file, f"partner name «{label}» is not in data/curated/"
                                              f"{partner_names.RU_TABLE}", **where)
            if partner.kind == "aggregate":
                group = r
                members[r] = []
            elif group is not None:
                members[group].append(partner.code)
            sheet_rows.append((r, label, partner))
        for r, label, partner in sheet_rows:
            note = _members_note(partner.note, members.get(r, [])) if partner.kind == "aggregate" else partner.note
            for flow, c in cols.items():
                raw = sheet.iat[r, c]
                if is_blank(raw):
                    continue
                try:
                    value = parse_number(raw)
                except ValueError:
                    raise SourceFormatError(file, f"cell {raw!r} is not a number", sheet=name, row=r + 1,
                                            column=f"{column_letter(c)} ({flow})") from None
                rows.append({
                    "year": year, "reporter": "Kazakhstan", "partner": partner.code,
                    "partner_kind": partner.kind, "partner_name": label, "flow": flow,
                    "value_usd": to_usd(value, PER_UNIT), "series": SERIES, "status": "reported",
                    "vintage": workbook_year, "preferred": False, "source_id": source_id(workbook_year),
                    "source_locator": f"sheet {name!r}, row {r + 1} «{label}», column {column_letter(c)} "
                                      f"«{_text(sheet.iat[header, c])}, {_text(sheet.iat[header + 1, c])}» "
                                      f"(thousand US$: {value})",
                    "note": note,
                })
    return rows


def mark_preferred(rows: list[dict[str, Any]]) -> None:
    """The newest workbook holding a year is that year's preferred vintage: all its rows, no other rows.

    Per year, not per partner: a partner missing from the newest copy is not filled from an older one.
    """
    newest: dict[int, int] = {}
    for row in rows:
        newest[row["year"]] = max(newest.get(row["year"], row["vintage"]), row["vintage"])
    for row in rows:
        row["preferred"] = row["vintage"] == newest[row["year"]]


def read(raw_dir: Path, names: dict[str, partner_names.Partner] | None = None) -> dict[str, pd.DataFrame]:
    """All five BNS workbooks → trade_annual and trade_partners (Kazakhstan-reported, US dollars).

    names: the Russian-name table; by default data/curated/partner_names_ru.csv.
    """
    names = partner_names.bns_names() if names is None else names
    rows: list[dict[str, Any]] = []
    partner_rows: list[dict[str, Any]] = []
    for workbook_year in WORKBOOK_YEARS:
        path = raw_dir / workbook_path(workbook_year)
        sheets = read_workbook(path, raw_dir, engine="xlrd")
        file = display_name(path, raw_dir)
        rows.extend(parse_workbook(sheets, workbook_year, file))
        partner_rows.extend(parse_partner_workbook(sheets, workbook_year, file, names))
    check_agreement(rows)
    mark_preferred(partner_rows)
    return {"trade_annual": frame(rows, ANNUAL_COLUMNS), "trade_partners": frame(partner_rows, PARTNER_COLUMNS)}


# Rows of the BNS table that group countries (CIS, EAEU, EU, continents, "rest of the world"), not partners.
AGGREGATE_LABELS = {"Всего", "Азия", "Америка", "Африка", "Европа", "Австралия и Океания", "Океания",
                    "Остальные страны мира"}
TURNOVER_LABEL = "товарооборот"
# English names for the partners that lead the table, so a claim check reads in one language.
PARTNER_NAMES = {"Китай": "China", "Россия": "Russia", "Италия": "Italy", "Нидерланды": "Netherlands",
                 "Германия": "Germany", "Турция": "Türkiye", "Республика Корея": "Republic of Korea",
                 "Узбекистан": "Uzbekistan", "Франция": "France", "Швейцария": "Switzerland"}


def _is_aggregate(label: str) -> bool:
    return label in AGGREGATE_LABELS or label.startswith("Страны") or label.startswith("Всего")


def partner_ranking(raw_dir: Path) -> pd.DataFrame:
    """Every partner country's share of Kazakhstan's turnover, per year, from the newest workbook holding it.

    Used to check "China is Kazakhstan's largest trading partner": share = the country's turnover over the
    «Всего» turnover of the same sheet. Group rows (CIS, EAEU, EU, continents) are left out.
    Columns: year, partner, turnover_share, source_id, source_locator.
    """
    rows: list[dict[str, Any]] = []
    seen: set[int] = set()
    for workbook_year in sorted(WORKBOOK_YEARS, reverse=True):
        path = raw_dir / workbook_path(workbook_year)
        file = display_name(path, raw_dir)
        sheets = read_workbook(path, raw_dir, engine="xlrd")
        for name, sheet in sheets.items():
            m = _YEAR_SHEET.fullmatch(name.strip())
            if not m or int(m[1]) in seen:
                continue
            year = int(m[1])
            seen.add(year)
            header, label_col, _ = _header(sheet, file, name)
            turnover = [j for j, v in enumerate(sheet.iloc[header]) if _text(v).lower() == TURNOVER_LABEL]
            if len(turnover) != 1:
                raise SourceFormatError(file, "no single «Товарооборот» column", sheet=name, row=header + 1)
            col = turnover[0]
            total_row = _find_row(sheet, header + 2, label_col, _is_world, WORLD_LABEL, file, name)
            total = parse_number(sheet.iat[total_row, col])
            for i in range(header + 2, len(sheet)):
                label = _text(sheet.iat[i, label_col])
                cell = sheet.iat[i, col]
                if not label or _is_aggregate(label) or is_blank(cell):
                    continue
                try:
                    value = parse_number(cell)
                except ValueError:
                    raise SourceFormatError(file, f"cell {cell!r} is not a number", sheet=name, row=i + 1,
                                            column=column_letter(col)) from None
                rows.append({"year": year, "partner": PARTNER_NAMES.get(label, label),
                             "turnover_share": float(value / total * 100), "source_id": source_id(workbook_year),
                             "source_locator": f"sheet {name!r}, row {i + 1}, column {column_letter(col)}"})
    return pd.DataFrame(rows, columns=["year", "partner", "turnover_share", "source_id", "source_locator"])
