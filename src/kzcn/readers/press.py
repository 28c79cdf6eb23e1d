"""Press figures (notes/press-figures.csv): every quoted figure, its page, and China-customs annual totals.

Each CSV row is its own source (press-NNN), because each comes from a different web page. All rows go to
press_figures unchanged in meaning (an empty value stays empty). Only China-customs (GACC) annual totals for
2021–2024 also become trade_annual rows, with status "press", so they can sit beside — never inside — the
statistical series for the years DOTS does not cover.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from kzcn.errors import SourceFormatError
from kzcn.readers._common import (
    ANNUAL_COLUMNS,
    PRESS_COLUMNS,
    SOURCE_COLUMNS,
    csv_row_error,
    display_name,
    frame,
    is_blank,
    parse_number,
    read_csv_text,
    source_row,
    to_usd,
)

PATH = "notes/press-figures.csv"
REQUIRED = ("topic", "period", "reporter_basis", "metric", "value", "unit", "yoy_pct", "source_url",
            "publisher", "quality", "note")
NOT_EMPTY = ("topic", "period", "metric", "source_url", "publisher", "quality")
ANNUAL_YEARS = range(2021, 2025)
GACC_PREFIX = "CHN (GACC"
ANNUAL_FLOWS = {"turnover": "turnover", "china_exports_to_kz": "exports", "china_imports_from_kz": "imports"}
USD_BN = "USD bn"


def source_id(n: int) -> str:
    return f"press-{n:03d}"


def _optional(value: Any) -> str | None:
    return None if is_blank(value) else str(value).strip()


def _is_gacc_annual(rec: dict[str, Any]) -> bool:
    period = rec["period"].strip()
    return (rec["topic"].strip() == "trade_annual" and bool(re.fullmatch(r"\d{4}", period))
            and int(period) in ANNUAL_YEARS and rec["reporter_basis"].strip().startswith(GACC_PREFIX)
            and rec["metric"].strip() in ANNUAL_FLOWS)


def parse(data: pd.DataFrame, file: str) -> dict[str, pd.DataFrame]:
    """press_figures, trade_annual (GACC annual totals) and sources rows from the press table."""
    figures: list[dict[str, Any]] = []
    annual: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    for n, rec in enumerate(data.to_dict("records"), start=1):  # n = data row; line n + 1 of the file

        def fail(message: str, column: str, n: int = n) -> SourceFormatError:
            return csv_row_error(file, n, message, column)

        rec = {k: (v if isinstance(v, str) else "") for k, v in rec.items()}
        for column in NOT_EMPTY:
            if is_blank(rec[column]):
                raise fail(f"{column} is empty", column)
        numbers: dict[str, float | None] = {}
        for column in ("value", "yoy_pct"):
            try:
                numbers[column] = None if is_blank(rec[column]) else float(parse_number(rec[column]))
            except ValueError:
                raise fail(f"{column} {rec[column]!r} is not a number", column) from None
        sid = source_id(n)
        quality, note = rec["quality"].strip(), _optional(rec["note"])
        metric, period = rec["metric"].strip(), rec["period"].strip()
        url = rec["source_url"].strip()
        figures.append({
            "figure_id": f"pf-{n:03d}", "topic": rec["topic"].strip(), "period": period,
            "reporter_basis": _optional(rec["reporter_basis"]), "metric": metric, "value": numbers["value"],
            "unit": _optional(rec["unit"]), "yoy_pct": numbers["yoy_pct"], "url": url,
            "publisher": rec["publisher"].strip(), "quality": quality, "note": note, "source_id": sid,
        })
        sources.append(source_row(
            sid, publisher=rec["publisher"].strip(), title=f"Press report: {metric} {period}", url=url,
            download_page=url, kind="press", file=PATH,
            notes=f"quality: {quality}" + (f"; note: {note}" if note else "")))
        if _is_gacc_annual(rec):
            if numbers["value"] is None:
                raise fail("China-customs annual figure has no value", "value")
            if rec["unit"].strip() != USD_BN:
                raise fail(f"unit {rec['unit']!r}, expected {USD_BN!r} for a China-customs annual total",
                           "unit")
            annual.append({
                "year": int(period), "reporter": "China", "partner": "Kazakhstan",
                "flow": ANNUAL_FLOWS[metric], "value_usd": to_usd(parse_number(rec["value"]), 1_000_000_000),
                "series": "press", "status": "press", "source_id": sid,
                "source_locator": f"press-figures.csv row {n}", "note": quality,
            })
    return {"press_figures": frame(figures, PRESS_COLUMNS), "trade_annual": frame(annual, ANNUAL_COLUMNS),
            "sources": frame(sources, SOURCE_COLUMNS)}


def read(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """notes/press-figures.csv → press_figures, trade_annual (status press) and one sources row per figure."""
    path = raw_dir / PATH
    return parse(read_csv_text(path, raw_dir, REQUIRED), display_name(path, raw_dir))
