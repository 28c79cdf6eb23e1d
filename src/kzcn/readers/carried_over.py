"""Rows a rebuild must keep: what `kzcn refresh comtrade` and `kzcn import baci` added to data/.

The raw folder cannot reproduce them (they came from the live API or a bulk file that is not shipped), so a
build reads them back from the folder it is about to overwrite: the trade_products rows of series
comtrade_api / baci_bulk, the sources those rows and the refresh log point to, and the whole refresh_log.
No previous files (a first build, a new output folder): nothing is carried over. A previous file that
exists but cannot be read stops the build with a DatasetError naming it, rather than dropping refreshed
rows without a word.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kzcn.errors import DatasetError
from kzcn.schemas import DATASETS

CARRIED_SERIES = ("comtrade_api", "baci_bulk")


def _load(name: str, folder: Path) -> pd.DataFrame | None:
    """A previous dataset with the current schema's columns; None if the file is not there.

    A nullable column the previous file does not have yet (the schema grew since) comes back empty, as
    missing; a missing required column is an error.
    """
    path = folder / f"{name}.parquet"
    if not path.exists():
        return None
    try:
        frame = pq.read_table(path).to_pandas()
    except (pa.ArrowException, OSError) as exc:
        raise DatasetError(str(path), f"cannot read the previous file to carry refreshed rows over ({exc})"
                           ) from None
    for fld in DATASETS[name]:
        if fld.name not in frame.columns:
            if not fld.nullable:
                raise DatasetError(str(path), f"column {fld.name!r} is missing; cannot carry refreshed rows over")
            frame[fld.name] = None
    return frame[list(DATASETS[name].names)]


def read_previous(data_dir: Path) -> dict[str, pd.DataFrame]:
    """trade_products (refreshed series), sources (those referenced) and refresh_log from `data_dir`."""
    products = _load("trade_products", data_dir)
    log = _load("refresh_log", data_dir)
    out: dict[str, pd.DataFrame] = {}
    if products is not None:
        out["trade_products"] = products[products["series"].isin(CARRIED_SERIES)].reset_index(drop=True)
    if log is not None:
        out["refresh_log"] = log.reset_index(drop=True)
    wanted = set(out.get("trade_products", pd.DataFrame({"source_id": []}))["source_id"])
    wanted |= set(out.get("refresh_log", pd.DataFrame({"source_id": []}))["source_id"])
    if wanted:
        sources = _load("sources", data_dir)
        if sources is None:
            raise DatasetError(str(data_dir / "sources.parquet"),
                               "is missing, but refreshed rows point to sources in it")
        out["sources"] = sources[sources["source_id"].isin(wanted)].reset_index(drop=True)
    return {name: frame for name, frame in out.items() if len(frame)}
