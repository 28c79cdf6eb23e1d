"""Write datasets all-or-nothing: a failed build or refresh never leaves a half-written data/."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def write_tables(tables: dict[str, pa.Table], data_dir: Path) -> list[Path]:
    """Write each table to `<data_dir>/<name>.parquet`, atomically.

    All files are first written into a temporary folder on the same file system; only when every one is
    written are they moved into place with os.replace (atomic per file). An error before that point leaves
    every existing file as it was.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".build-") as tmp:
        staged = []
        for name, table in tables.items():
            path = Path(tmp) / f"{name}.parquet"
            pq.write_table(table, path, compression="zstd")
            staged.append((path, data_dir / f"{name}.parquet"))
        for src, dst in staged:
            os.replace(src, dst)
            written.append(dst)
    return written
