"""CEPII BACI (HS02, V202301) sample: Kazakhstan's exports in 2021; only the China rows (j = 156) are used.

BACI reconciles both partners' reports, so its values are neither side's customs figure: rows are labelled
series "baci" with a note saying so. HS6 values are summed exactly (Decimal) to HS chapters and a TOTAL.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from kzcn.errors import SourceFormatError
from kzcn.readers._common import (
    PRODUCT_COLUMNS,
    csv_row_error,
    display_name,
    frame,
    parse_number,
    read_csv_text,
    to_usd,
)
from kzcn.schemas import TOTAL

SOURCE_ID = "baci-hs02-v202301-2021"
PATH = "raw/baci/baci-hs02-v202301-kaz-exports-2021.csv"
SERIES = "baci"
CLASSIFICATION = "HS02"
EXPORTER, IMPORTER = "398", "156"  # Kazakhstan → China
PER_UNIT = 1_000  # v is in thousand US dollars
NOTE = "BACI reconciled value (CEPII), FOB-type; not a customs figure of either side"
REQUIRED = ("t", "i", "j", "k", "v")


def parse(data: pd.DataFrame, file: str) -> list[dict[str, Any]]:
    """trade_products rows: one per HS chapter with China as importer, plus TOTAL."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    counts: dict[str, int] = defaultdict(int)
    years: set[int] = set()
    for i, rec in enumerate(data.to_dict("records"), start=1):
        if str(rec["j"]).strip() != IMPORTER:
            continue

        def fail(message: str, column: str, i: int = i) -> SourceFormatError:
            return csv_row_error(file, i, message, column)

        if str(rec["i"]).strip() != EXPORTER:
            raise fail(f"exporter {rec['i']!r}, expected {EXPORTER} (Kazakhstan)", "i")
        if not re.fullmatch(r"\d{4}", str(rec["t"]).strip()):
            raise fail(f"year {rec['t']!r} is not a year", "t")
        years.add(int(rec["t"]))
        k = str(rec["k"]).strip()
        if not re.fullmatch(r"\d{5,6}", k):
            raise fail(f"product code {rec['k']!r} is not an HS6 code", "k")
        k = k.zfill(6)  # 190 codes lost their leading zero in the source (80290 is 080290)
        try:
            value = parse_number(rec["v"])
        except ValueError:
            raise fail(f"value {rec['v']!r} is not a number", "v") from None
        sums[k[:2]] += value
        counts[k[:2]] += 1
    if not sums:
        raise SourceFormatError(file, f"no rows with importer j = {IMPORTER}", column="j")
    if len(years) != 1:
        raise SourceFormatError(file, f"expected one year for j = {IMPORTER}, found {sorted(years)}",
                                column="t")
    (year,) = years

    def row(chapter: str, total: Decimal, locator: str) -> dict[str, Any]:
        return {"year": year, "reporter": "Kazakhstan", "partner": "China", "flow": "exports",
                "hs_chapter": chapter, "value_usd": to_usd(total, PER_UNIT), "series": SERIES,
                "classification": CLASSIFICATION, "source_id": SOURCE_ID, "source_locator": locator,
                "note": NOTE}

    rows = [row(ch, sums[ch], f"sum of {counts[ch]} HS6 rows with j = {IMPORTER}, chapter {ch}")
            for ch in sorted(sums)]
    rows.append(row(TOTAL, sum(sums.values(), Decimal(0)),
                    f"sum of all {sum(counts.values())} HS6 rows with j = {IMPORTER}"))
    return rows


def read(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """The BACI sample → trade_products (Kazakhstan → China, 2021, by HS02 chapter, US dollars)."""
    path = raw_dir / PATH
    data = read_csv_text(path, raw_dir, REQUIRED)
    return {"trade_products": frame(parse(data, display_name(path, raw_dir)), PRODUCT_COLUMNS)}
