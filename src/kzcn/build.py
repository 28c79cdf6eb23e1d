"""Rebuild every data/*.parquet from the raw publisher files and the curated tables, all-or-nothing.

    python -m kzcn.build [--raw DIR] [--speech FILE] [--out DIR]

Readers turn raw files into tidy rows; curated tables add events, passages, claims and sources; everything is
validated against kzcn.schemas and only then written (kzcn.store). Any error names the file, sheet, row and
column, exits non-zero and leaves data/ as it was.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa

from kzcn import claims, coverage, curated, preferred
from kzcn.errors import KzcnError
from kzcn.paths import data_dir, default_raw_dir, default_speech_file
from kzcn.readers import baci_sample as baci
from kzcn.readers import bns, carried_over, comtrade, hs_names, imf_dots, press, wits_hs4
from kzcn.schemas import DATASETS
from kzcn.store import write_tables
from kzcn.validate import check_source_ids, to_table

Reader = Callable[[Path], dict[str, pd.DataFrame]]
READERS: tuple[Reader, ...] = (imf_dots.read, bns.read, comtrade.read, baci.read, press.read, wits_hs4.read,
                               hs_names.read)


def _concat(name: str, parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if p is not None and len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in DATASETS[name].names})
    return pd.concat(parts, ignore_index=True)


def assemble(raw_dir: Path, speech_file: Path, curated_folder: Path | None = None,
             previous_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """All datasets as frames, before validation.

    previous_dir: the folder being rebuilt; rows added there by `kzcn refresh` / `kzcn import` are carried
    over (kzcn.readers.carried_over), since the raw folder cannot make them again.
    """
    collected: dict[str, list[pd.DataFrame]] = {name: [] for name in DATASETS}
    for reader in READERS:
        for name, frame in reader(raw_dir).items():
            collected[name].append(frame)
    for name, frame in curated.read(speech_file, curated_folder).items():
        collected[name].append(frame)
    if previous_dir is not None:
        for name, frame in carried_over.read_previous(previous_dir).items():
            collected[name].append(frame)
    frames = {name: _concat(name, parts) for name, parts in collected.items()}
    frames["trade_annual"] = preferred.mark(frames["trade_annual"])
    frames["hs_headings"] = coverage.heading_names(frames["hs_headings"], frames["trade_headings"], hs_names.SOURCE_ID)
    curated.check_heading_names(frames["hs_heading_names"], frames["hs_headings"]["hs_heading"])
    frames.update(coverage.derive(frames))
    frames["claims"] = claims.check(frames["claims"], frames["trade_annual"], frames["press_figures"],
                                    frames["events"], frames["trade_partners"])
    return frames


def build(raw_dir: Path, speech_file: Path, out_dir: Path) -> dict[str, pa.Table]:
    frames = assemble(raw_dir, speech_file, previous_dir=out_dir)
    tables = {name: to_table(name, frames[name]) for name in DATASETS}
    check_source_ids(tables, tables["sources"].column("source_id").to_pylist())
    write_tables(tables, out_dir)
    return tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kzcn.build", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=default_raw_dir(), help="folder of raw publisher files")
    parser.add_argument("--speech", type=Path, default=default_speech_file(), help="the speech text file")
    parser.add_argument("--out", type=Path, default=data_dir(), help="where to write the parquet files")
    args = parser.parse_args(argv)
    try:
        tables = build(args.raw, args.speech, args.out)
    except KzcnError as exc:
        print(f"build failed, data left unchanged: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"build failed, data left unchanged: missing input {exc.filename}", file=sys.stderr)
        return 1
    for name, table in tables.items():
        print(f"{name:18} {table.num_rows:6} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
