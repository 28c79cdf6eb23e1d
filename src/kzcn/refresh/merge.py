"""Put refreshed rows into the shipped datasets: replace, recompute coverage, validate, write once.

The one function both `kzcn refresh comtrade` and `kzcn import baci` end in. A refresh never edits rows of
another series, and never half-writes: everything is checked before kzcn.store.write_tables is called.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from kzcn import coverage, datasets
from kzcn.errors import ValidationError
from kzcn.schemas import DATASETS
from kzcn.store import write_tables
from kzcn.validate import check_source_ids, to_table

# The series a refresh may write; every other series belongs to the build.
REFRESHED_SERIES = ("comtrade_api", "baci_bulk")
# A newer retrieval replaces every older row of the same group, so a chapter the new download no longer
# has is not left behind from the old one.
GROUP = ["series", "reporter", "partner", "flow", "year"]
# Tables a refresh rewrites; the others are left as they are (not even rewritten).
CHANGED = ("trade_products", "product_coverage", "product_completeness", "sources", "refresh_log")


def _columns(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """`frame` with exactly the dataset's columns, in order (missing ones are a programming error)."""
    missing = [c for c in DATASETS[name].names if c not in frame.columns]
    if missing:
        raise ValidationError(f"{name}: new rows lack column(s) {missing}")
    return frame[list(DATASETS[name].names)]


def _sorted_products(frame: pd.DataFrame) -> pd.DataFrame:
    """New rows in one fixed order, so the same refresh twice writes the same file."""
    return frame.sort_values(["series", "reporter", "partner", "flow", "year", "hs_chapter"],
                             key=lambda col: col.astype(str), kind="stable").reset_index(drop=True)


def merged_frames(new_products: pd.DataFrame, new_sources: pd.DataFrame, log_rows: pd.DataFrame,
                  data_dir: Path) -> dict[str, pd.DataFrame]:
    """The changed datasets as frames (not yet validated): current data with the refresh applied."""
    new_products = _sorted_products(_columns(new_products, "trade_products"))
    new_sources = _columns(new_sources, "sources").sort_values("source_id").reset_index(drop=True)
    log_rows = _columns(log_rows, "refresh_log")
    bad = sorted(set(new_products["series"]) - set(REFRESHED_SERIES))
    if bad:
        raise ValidationError(f"trade_products: a refresh may only write series {list(REFRESHED_SERIES)}, "
                              f"not {bad}")

    products = datasets.load("trade_products", data_dir)
    sources = datasets.load("sources", data_dir)
    log = datasets.load("refresh_log", data_dir)
    context = {name: datasets.load(name, data_dir) for name in ("hs_chapters", "trade_headings", "trade_annual")}

    replaced = set(map(tuple, new_products[GROUP].astype(str).to_numpy().tolist()))
    old_keys = products[GROUP].astype(str).apply(tuple, axis=1) if len(products) else pd.Series(dtype=object)
    kept = products[~old_keys.isin(replaced)] if len(products) else products
    products = pd.concat([kept, new_products], ignore_index=True) if len(kept) else new_products
    # Same-id sources are the same retrieval (same request, same day): the new row replaces the old one.
    sources = pd.concat([sources[~sources["source_id"].isin(set(new_sources["source_id"]))], new_sources],
                        ignore_index=True)
    log = pd.concat([log, log_rows], ignore_index=True) if len(log) else log_rows.reset_index(drop=True)
    derived = coverage.derive({**context, "trade_products": products})
    return {"trade_products": products, **derived, "sources": sources, "refresh_log": log}


def apply(new_products: pd.DataFrame, new_sources: pd.DataFrame, log_rows: pd.DataFrame,
          data_dir: Path) -> dict[str, pa.Table]:
    """Merge a refresh into the datasets in `data_dir` and write them; return the tables written.

    new_products: trade_products rows of series comtrade_api / baci_bulk; new_sources: the sources rows
    they (and log_rows) reference; log_rows: refresh_log rows for this run. Raises DatasetError if the
    current data cannot be read, ValidationError if the result breaks a schema rule; nothing is written then.
    """
    frames = merged_frames(new_products, new_sources, log_rows, data_dir)
    tables = {name: to_table(name, frames[name]) for name in CHANGED}
    check_source_ids(tables, tables["sources"].column("source_id").to_pylist())
    write_tables(tables, data_dir)
    return tables

