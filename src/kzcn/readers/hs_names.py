"""Names of the HS headings: the list UN Comtrade publishes for its API (HS 2022 wording), via Datahub (PDDL).

Only the four-digit headings are read (chapter titles are kzcn's reviewed table, data/curated/hs_chapters.csv).
A heading that the trade data holds but this list does not (HS 2012 headings deleted or renumbered since) is
added by kzcn.coverage with no name and a note saying so: nothing is named from memory.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from kzcn.errors import SourceFormatError
from kzcn.readers._common import csv_row_error, display_name, frame, read_csv_text
from kzcn.schemas import HS_HEADINGS

SOURCE_ID = "hs-names-datahub"
PATH = "raw/hs/harmonized-system.csv"
REQUIRED = ("hscode", "description", "parent", "level")
COLUMNS: tuple[str, ...] = tuple(HS_HEADINGS.names)
EDITION_NOTE = ("HS 2022 wording; the trade figures are in HS 2012 headings (WITS converts them), whose wording "
                "can differ")


def parse(data: pd.DataFrame, file: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, rec in enumerate(data.to_dict("records"), start=1):
        if rec["level"].strip() != "4":
            continue
        code = rec["hscode"].strip()
        if not re.fullmatch(r"[0-9]{4}", code):
            raise csv_row_error(file, i, f"hscode {code!r} of a level-4 row is not four digits", "hscode")
        if rec["parent"].strip() != code[:2]:
            raise csv_row_error(file, i, f"parent {rec['parent']!r} is not chapter {code[:2]}", "parent")
        if not rec["description"].strip():
            raise csv_row_error(file, i, "description is empty", "description")
        if code in seen:
            raise csv_row_error(file, i, f"heading {code} listed twice", "hscode")
        seen.add(code)
        rows.append({"hs_heading": code, "hs_chapter": code[:2], "heading_name": rec["description"].strip(),
                     "note": EDITION_NOTE, "source_id": SOURCE_ID, "source_locator": f"line {i + 1}"})
    if not rows:
        raise SourceFormatError(file, "has no level-4 (heading) rows")
    return rows


def read(raw_dir: Path) -> dict[str, pd.DataFrame]:
    path = raw_dir / PATH
    return {"hs_headings": frame(parse(read_csv_text(path, raw_dir, REQUIRED), display_name(path, raw_dir)),
                                 COLUMNS)}
