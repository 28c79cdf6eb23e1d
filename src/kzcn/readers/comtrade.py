"""UN Comtrade Plus API downloads: Kazakhstan-reported and China-reported, 2014–2024, 7 HS chapters + TOTAL.

TOTAL rows (bilateral and World) go to trade_annual; TOTAL and chapter rows with the bilateral partner go to
trade_products. The Kazakhstan-reported 2020–2022 figures are far below what BNS itself published, so those
rows carry a note that says how far (the shares below were computed from these files and the BNS workbooks;
tests/test_readers.py re-checks them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from kzcn.errors import SourceFormatError
from kzcn.readers._common import (
    ANNUAL_COLUMNS,
    PRODUCT_COLUMNS,
    csv_row_error,
    display_name,
    frame,
    is_blank,
    parse_number,
    read_csv_text,
    to_usd,
)
from kzcn.schemas import TOTAL

SERIES = "comtrade"
FLOWS = {"X": "exports", "M": "imports"}
WORLD_CODE = "0"
REQUIRED = ("refYear", "reporterCode", "flowCode", "partnerCode", "classificationCode", "cmdCode",
            "primaryValue")

# Years in which the Kazakhstan-reported download falls far short of BNS's own published figures.
KZ_SHORT_YEARS = range(2020, 2023)
KZ_SHORT_NOTE_CHINA = ("Kazakhstan-reported Comtrade values for 2020–2022 are implausibly low "
                       "(about 30% of BNS for imports); not used in the preferred series")
KZ_SHORT_NOTE_WORLD = ("Kazakhstan-reported Comtrade World totals for 2020–2022 are below the totals BNS "
                       "published (imports 57–67%, exports 88–90% of BNS); not used in the preferred series")
KZ_SHORT_NOTE_CHAPTER = ("Kazakhstan-reported Comtrade download for 2020–2022: its totals are implausibly "
                         "low and chapters 74, 78, 79 and 81 are missing; compare with the China-reported "
                         "mirror")


class Download(NamedTuple):
    source_id: str
    path: str
    reporter: str
    reporter_code: str
    partner: str
    partner_code: str


DOWNLOADS = (
    Download("comtrade-kaz", "raw/comtrade/comtrade_kaz_reporter.csv", "Kazakhstan", "398", "China", "156"),
    Download("comtrade-chn", "raw/comtrade/comtrade_chn_reporter.csv", "China", "156", "Kazakhstan", "398"),
)


def _note(dl: Download, year: int, partner: str, chapter: str) -> str | None:
    """The caveat a Kazakhstan-reported 2020–2022 row needs, by what the numbers show for that row."""
    if dl.reporter != "Kazakhstan" or year not in KZ_SHORT_YEARS:
        return None
    if partner == "World":
        return KZ_SHORT_NOTE_WORLD
    return KZ_SHORT_NOTE_CHINA if chapter == TOTAL else KZ_SHORT_NOTE_CHAPTER


def parse(data: pd.DataFrame, dl: Download, file: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(trade_annual rows, trade_products rows) from one download, every field checked before use."""
    annual: list[dict[str, Any]] = []
    products: list[dict[str, Any]] = []
    seen: dict[tuple[str, ...], int] = {}
    partners = {WORLD_CODE: "World", dl.partner_code: dl.partner}
    for i, rec in enumerate(data.to_dict("records"), start=1):  # i = data row; line i + 1 of the file

        def fail(message: str, column: str, i: int = i) -> SourceFormatError:
            return csv_row_error(file, i, message, column)

        def text(column: str, rec: dict[str, Any] = rec) -> str:
            value = rec[column]  # a short row gives NaN here, which reads as empty
            return value.strip() if isinstance(value, str) else ""

        if text("reporterCode") != dl.reporter_code:
            raise fail(f"reporter {rec['reporterCode']!r}, expected {dl.reporter_code}", "reporterCode")
        partner = partners.get(text("partnerCode"))
        if partner is None:
            raise fail(f"unexpected partner {rec['partnerCode']!r}", "partnerCode")
        flow = FLOWS.get(text("flowCode"))
        if flow is None:
            raise fail(f"unexpected flowCode {rec['flowCode']!r}", "flowCode")
        if not re.fullmatch(r"\d{4}", text("refYear")):
            raise fail(f"refYear {rec['refYear']!r} is not a year", "refYear")
        year = int(text("refYear"))
        chapter = text("cmdCode")
        if chapter != TOTAL and not re.fullmatch(r"\d{2}", chapter):
            raise fail(f"cmdCode {chapter!r} is neither TOTAL nor an HS chapter", "cmdCode")
        classification = text("classificationCode")
        if not classification:
            raise fail("classificationCode is empty", "classificationCode")
        if is_blank(rec["primaryValue"]):
            raise fail("primaryValue is empty", "primaryValue")
        try:
            value = to_usd(parse_number(rec["primaryValue"]), 1)
        except ValueError:
            raise fail(f"primaryValue {rec['primaryValue']!r} is not a number", "primaryValue") from None
        key = (str(year), partner, flow, chapter)
        if key in seen:
            raise fail(f"same year/partner/flow/cmdCode as data row {seen[key]}", "cmdCode")
        seen[key] = i
        locator = f"data row {i} (line {i + 1}), cmdCode {chapter}"
        note = _note(dl, year, partner, chapter)
        common = {"year": year, "reporter": dl.reporter, "partner": partner, "flow": flow,
                  "value_usd": value, "series": SERIES, "source_id": dl.source_id,
                  "source_locator": locator, "note": note}
        if chapter == TOTAL:
            annual.append({**common, "status": "reported"})
        if partner != "World":
            products.append({**common, "hs_chapter": chapter, "classification": classification})
    return annual, products


def read(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Both downloads → trade_annual (TOTAL rows) and trade_products (bilateral rows), in US dollars."""
    annual: list[dict[str, Any]] = []
    products: list[dict[str, Any]] = []
    for dl in DOWNLOADS:
        path = raw_dir / dl.path
        data = read_csv_text(path, raw_dir, REQUIRED, trailing_comma=True)
        a, p = parse(data, dl, display_name(path, raw_dir))
        annual.extend(a)
        products.extend(p)
    return {"trade_annual": frame(annual, ANNUAL_COLUMNS), "trade_products": frame(products, PRODUCT_COLUMNS)}
