"""The app's only door to data: typed loaders over data/*.parquet with one clear error per problem."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kzcn.errors import DatasetError
from kzcn.paths import data_dir
from kzcn.schemas import DATASETS


def dataset_path(name: str, folder: Path | None = None) -> Path:
    return (folder or data_dir()) / f"{name}.parquet"


def load_table(name: str, folder: Path | None = None) -> pa.Table:
    """Read one dataset and check it against its schema; raise DatasetError naming the file otherwise."""
    if name not in DATASETS:
        raise DatasetError(f"{name}.parquet", "no such dataset")
    path = dataset_path(name, folder)
    if not path.exists():
        raise DatasetError(str(path.name), f"file is missing from {path.parent} (run `python -m kzcn.build`)")
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise DatasetError(path.name, f"file is not a readable parquet file ({exc})") from None
    expected = DATASETS[name]
    for field in expected:
        if field.name not in table.column_names:
            raise DatasetError(path.name, f"column {field.name!r} is missing")
        actual = table.schema.field(field.name).type
        if not actual.equals(field.type):
            raise DatasetError(path.name, f"column {field.name!r} has type {actual}, expected {field.type}")
    return table.select(expected.names)


def load(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A dataset as a pandas frame (nullable numbers stay NaN/None: missing is shown as missing)."""
    return load_table(name, folder).to_pandas()


def load_all(folder: Path | None = None) -> dict[str, pd.DataFrame]:
    return {name: load(name, folder) for name in DATASETS}
