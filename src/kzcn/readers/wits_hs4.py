"""UN Comtrade via World Bank WITS: Kazakhstan-reported trade with China and the World, every HS4 heading.

Four Stata files (exports to / imports from China / the World, 2015–2024, thousand US$, HS 2012 as WITS
converts them). Every row is checked before use; a changed file (other unit, missing column, a product code that
is not four digits, truncated) fails the build naming file, row and column. Out come:

* trade_headings: one row per heading, year and flow, exactly as the file gives it (in US dollars);
* trade_products: per year and flow, each chapter's sum of its headings, and TOTAL, the sum of all headings
  (equal to UN Comtrade's own all-goods total: tests/test_shipped_data.py checks it against raw/comtrade/).

Whether a year's chapter detail is complete is decided later for every series at once (kzcn.coverage): UN
Comtrade itself lacks most headings from chapter 72 on for 2020–2022, and nothing here fills them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from kzcn.errors import SourceFormatError
from kzcn.readers._common import PRODUCT_COLUMNS, display_name, frame, is_blank, parse_number, to_usd
from kzcn.schemas import TOTAL, TRADE_HEADINGS

SERIES = "wits_hs4"
CLASSIFICATION = "H4"  # WITS's code for HS 2012, to which it converts every year
UNIT_COLUMN = "TradeValuein1000USD"  # the unit is in the column name: another name means another unit
PER_UNIT = 1_000
REQUIRED = ("Nomenclature", "ReporterISO3", "ProductCode", "PartnerISO3", "Year", "TradeFlowCode", UNIT_COLUMN)
HEADING_COLUMNS: tuple[str, ...] = tuple(TRADE_HEADINGS.names)
FIRST_YEAR, LAST_YEAR = 1988, 2100  # UN Comtrade's HS data starts in 1988; anything outside is a broken cell


class Download(NamedTuple):
    source_id: str
    path: str
    partner: str
    partner_iso3: str
    flow: str
    flow_code: int  # WITS: 6 export, 5 import


FOLDER = "raw/wits-kz-hs4"
DOWNLOADS = (
    Download("wits-kz-hs4-exports-china", f"{FOLDER}/kazakhstan_exports_to_china_hs4_2015_2024_wits.dta",
             "China", "CHN", "exports", 6),
    Download("wits-kz-hs4-imports-china", f"{FOLDER}/kazakhstan_imports_from_china_hs4_2015_2024_wits.dta",
             "China", "CHN", "imports", 5),
    Download("wits-kz-hs4-exports-world", f"{FOLDER}/kazakhstan_exports_to_world_hs4_2015_2024_wits.dta",
             "World", "WLD", "exports", 6),
    Download("wits-kz-hs4-imports-world", f"{FOLDER}/kazakhstan_imports_from_world_hs4_2015_2024_wits.dta",
             "World", "WLD", "imports", 5),
)


def read_stata(path: Path, raw_dir: Path) -> pd.DataFrame:
    """A Stata file with codes as text (categoricals undone), checked for the columns the reader relies on."""
    file = display_name(path, raw_dir)
    try:
        data = pd.read_stata(path, convert_categoricals=True, preserve_dtypes=True)
    except FileNotFoundError:
        raise
    except Exception as exc:  # a truncated or foreign file: pandas raises many kinds
        raise SourceFormatError(file, f"cannot read Stata file ({type(exc).__name__}: {exc})") from exc
    missing = [c for c in REQUIRED if c not in data.columns]
    if missing:
        other = [c for c in data.columns if str(c).startswith("TradeValue")]
        hint = f" (value column found: {other[0]!r}, another unit)" if other and UNIT_COLUMN in missing else ""
        raise SourceFormatError(file, f"lacks column(s) {missing}{hint}", row=1, column=missing[0])
    return data


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else "" if is_blank(value) else str(value).strip()


def parse(data: pd.DataFrame, dl: Download, file: str) -> list[dict[str, Any]]:
    """trade_headings rows from one file, every field checked; errors name the data row (1-based) and column."""
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[int, str], int] = {}
    expected = {"Nomenclature": CLASSIFICATION, "ReporterISO3": "KAZ", "PartnerISO3": dl.partner_iso3,
                "TradeFlowCode": str(dl.flow_code)}
    records = data[list(REQUIRED)].to_dict("records")
    if not records:
        raise SourceFormatError(file, "has no data rows")
    for i, rec in enumerate(records, start=1):

        def fail(message: str, column: str, i: int = i) -> SourceFormatError:
            return SourceFormatError(file, f"{message} (data row {i})", row=i, column=column)

        for column, want in expected.items():
            got = _text(rec[column])
            if got != want:
                raise fail(f"{column} is {rec[column]!r}, expected {want!r}", column)
        code = _text(rec["ProductCode"])
        if not re.fullmatch(r"[0-9]{4}", code) or not 1 <= int(code[:2]) <= 97:
            raise fail(f"ProductCode {rec['ProductCode']!r} is not a four-digit HS heading", "ProductCode")
        year_text = _text(rec["Year"])
        if not re.fullmatch(r"[0-9]{4}", year_text) or not FIRST_YEAR <= int(year_text) <= LAST_YEAR:
            raise fail(f"Year {rec['Year']!r} is not a year", "Year")
        year = int(year_text)
        try:
            value = parse_number(rec[UNIT_COLUMN])
        except ValueError:
            raise fail(f"{UNIT_COLUMN} {rec[UNIT_COLUMN]!r} is not a number", UNIT_COLUMN) from None
        if value < 0:
            raise fail(f"{UNIT_COLUMN} {rec[UNIT_COLUMN]!r} is negative", UNIT_COLUMN)
        if (year, code) in seen:
            raise fail(f"heading {code} in {year} already given in data row {seen[(year, code)]}", "ProductCode")
        seen[(year, code)] = i
        rows.append({"year": year, "reporter": "Kazakhstan", "partner": dl.partner, "flow": dl.flow,
                     "hs_heading": code, "hs_chapter": code[:2], "value_usd": to_usd(value, PER_UNIT),
                     "series": SERIES, "classification": CLASSIFICATION, "source_id": dl.source_id,
                     "source_locator": f"data row {i}, ProductCode {code}, Year {year}", "_thousands": value})
    return rows


def chapter_sums(rows: list[dict[str, Any]], dl: Download) -> list[dict[str, Any]]:
    """trade_products rows: each chapter's headings summed (exactly, in the file's thousands), and TOTAL."""
    sums: dict[tuple[int, str], list[Decimal]] = {}
    for row in rows:
        for chapter in (row["hs_chapter"], TOTAL):
            sums.setdefault((row["year"], chapter), []).append(row["_thousands"])
    out = []
    for (year, chapter), values in sorted(sums.items()):
        what = "all" if chapter == TOTAL else f"chapter {chapter}'s"
        out.append({"year": year, "reporter": "Kazakhstan", "partner": dl.partner, "flow": dl.flow,
                    "hs_chapter": chapter, "value_usd": to_usd(sum(values, Decimal(0)), PER_UNIT),
                    "series": SERIES, "classification": CLASSIFICATION, "source_id": dl.source_id,
                    "source_locator": f"sum of {what} {len(values)} HS4 rows of {year}",
                    "note": None})
    return out


def read(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """The four files → trade_headings (as given) and trade_products (chapter sums and TOTAL), in US dollars."""
    headings: list[dict[str, Any]] = []
    products: list[dict[str, Any]] = []
    for dl in DOWNLOADS:
        path = raw_dir / dl.path
        rows = parse(read_stata(path, raw_dir), dl, display_name(path, raw_dir))
        products.extend(chapter_sums(rows, dl))
        headings.extend(rows)
    return {"trade_headings": frame(headings, HEADING_COLUMNS), "trade_products": frame(products, PRODUCT_COLUMNS)}
