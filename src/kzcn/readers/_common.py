"""Small helpers the readers share, so each rule (what a number is, a row's shape) lives in one place."""

from __future__ import annotations

import csv
import math
import numbers
import re
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kzcn.errors import SourceFormatError
from kzcn.schemas import PRESS_FIGURES, SOURCES, TRADE_ANNUAL, TRADE_PARTNERS, TRADE_PRODUCTS

# The day this project read its copies of the raw files (all sources rows carry it).
ACCESSED = "2026-11-28"

# trade_annual as a reader returns it: `preferred` is decided later for all sources at once (kzcn.preferred).
ANNUAL_COLUMNS: tuple[str, ...] = tuple(n for n in TRADE_ANNUAL.names if n != "preferred")
PRODUCT_COLUMNS: tuple[str, ...] = tuple(TRADE_PRODUCTS.names)
PARTNER_COLUMNS: tuple[str, ...] = tuple(TRADE_PARTNERS.names)
PRESS_COLUMNS: tuple[str, ...] = tuple(PRESS_FIGURES.names)
SOURCE_COLUMNS: tuple[str, ...] = tuple(SOURCES.names)

# ASCII digits only: Python's \d would also accept Arabic-Indic and other Unicode digits.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def is_blank(value: Any) -> bool:
    """True for what a spreadsheet or CSV shows as an empty cell (None, NaN, NA, whitespace-only text)."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def parse_number(value: Any) -> Decimal:
    """A cell as an exact Decimal; anything that is not plainly a finite number raises ValueError.

    Decimal (not float) so that unit conversions such as thousands → dollars add no binary noise, and a
    value can be compared with the file's own digits. Text is accepted only if it is a plain number: no
    thousands separators, no words, no NaN/inf — the readers never guess what a text cell meant.
    """
    if isinstance(value, bool | np.bool_):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"not a finite number: {value!r}")
        return Decimal(repr(number))  # shortest text that round-trips to the same float
    if isinstance(value, str):
        text = value.strip()
        if _NUMBER.fullmatch(text) and math.isfinite(float(text)):  # '1e999' would become inf
            return Decimal(text)
    raise ValueError(f"not a number: {value!r}")


def to_usd(value: Decimal, per_unit: int) -> float:
    """Convert a value in the file's unit (e.g. millions: per_unit=1_000_000) to US dollars."""
    return float(value * per_unit)


def column_letter(index: int) -> str:
    """0-based column index → Excel column letters (0 → A, 26 → AA), for locators a person can follow."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def display_name(path: Path, raw_dir: Path) -> str:
    """The file as named in error messages and sources: relative to the raw folder when possible."""
    try:
        return path.relative_to(raw_dir).as_posix()
    except ValueError:
        return str(path)


def read_workbook(path: Path, raw_dir: Path, engine: str) -> dict[str, pd.DataFrame]:
    """Every sheet as a header-less object frame, so row i is Excel row i+1 and no cell is retyped."""
    with warnings.catch_warnings():
        # pandas deprecates its xlrd engine; xlrd is still the reader that handles these .xls files.
        warnings.filterwarnings("ignore", message=".*xlrd.*deprecated.*")
        try:
            return pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine=engine)
        except FileNotFoundError:
            raise
        except Exception as exc:  # any parser failure means the file is not what we expect
            raise SourceFormatError(display_name(path, raw_dir), f"cannot read workbook ({exc})") from exc


def _check_trailing_comma(path: Path, file: str) -> None:
    """Every data row must be the header's fields plus one empty field, so dropping it loses nothing."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        width = len(next(reader, []))
        for line, fields in enumerate(reader, start=2):
            if len(fields) != width + 1 or fields[-1] != "":
                raise SourceFormatError(file, f"expected {width} fields and a trailing comma, found "
                                              f"{len(fields)} fields", row=line)


def read_csv_text(path: Path, raw_dir: Path, required: tuple[str, ...], *, trailing_comma: bool = False
                  ) -> pd.DataFrame:
    """A CSV with every cell as text (no number guessing), checked for the columns a reader relies on.

    trailing_comma: the file ends every data row with a comma (Comtrade API downloads); this is checked
    row by row, then the empty extra field is dropped (index_col=False keeps the first column as data).
    """
    file = display_name(path, raw_dir)
    try:
        if trailing_comma:
            _check_trailing_comma(path, file)
        with warnings.catch_warnings():
            # pandas warns that the extra (checked, empty) field is dropped
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            frame = pd.read_csv(path, dtype=str, keep_default_na=False,
                                index_col=False if trailing_comma else None)
    except (FileNotFoundError, SourceFormatError):
        raise
    except Exception as exc:
        raise SourceFormatError(file, f"cannot read CSV ({exc})") from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise SourceFormatError(file, f"header lacks column(s) {missing}", row=1, column=missing[0])
    return frame


def csv_row_error(file: str, data_row: int, message: str, column: str) -> SourceFormatError:
    """An error at a CSV data row (1-based, header excluded), reported as the file line a person opens."""
    return SourceFormatError(file, f"{message} (data row {data_row})", row=data_row + 1, column=column)


def frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows → a frame with exactly the dataset's columns in schema order (empty input keeps the columns)."""
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return pd.DataFrame(rows)[list(columns)]


def source_row(source_id: str, *, publisher: str, title: str, url: str, download_page: str, kind: str,
               licence: str | None = None, file: str | None = None, notes: str | None = None,
               accessed: str | None = ACCESSED, cited_from: str | None = None) -> dict[str, Any]:
    """One row of the sources dataset, keyword-only so no field can be swapped by position.

    `accessed` is the day the page itself was read; where it was not, leave it None and say in `cited_from`
    where the citation came from.
    """
    return {"source_id": source_id, "publisher": publisher, "title": title, "url": url,
            "download_page": download_page, "accessed": accessed, "cited_from": cited_from, "licence": licence,
            "kind": kind, "file": file, "notes": notes}
