"""Benchmark `kzcn import baci` against a plain pyarrow.csv.read_csv of the same BACI-shaped file.

    .venv/bin/python bench/baci_import.py [--rows 10000000] [--repeat 3] [--no-zip] [--duckdb]

Writes a synthetic BACI-shaped CSV (t,i,j,k,v,q; about 1% of rows the Kazakhstan–China pair; values random,
for timing only: never shipped or shown) into a temporary folder, then runs each variant in its own child
process, `repeat` times, interleaved, and reports wall time (whole process: interpreter start, imports,
work) and peak resident memory of that child (os.wait4 rusage; this parent imports nothing heavy and does
all its heavy work in children too, because Linux carries the parent's peak over into a forked child):

    baseline (csv)   pyarrow.csv.read_csv(path)                       (everything in memory, no filtering)
    baseline (zip)   pyarrow.csv.read_csv(ZipFile(zip).open(member))  (the same, from the release-style zip)
    import (csv)     python -m kzcn.cli import baci FILE.csv --data <throw-away copy of data/>
    import (zip)     the same, from the zip
    duckdb (csv)     with --duckdb (duckdb importable): the same filter and chapter sums in one DuckDB query
    duckdb (zip)     the same after extracting the member to disk (DuckDB cannot read a zip member)

Finally the imported chapter sums are checked against an independent pyarrow group-by of the same file.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NAME = "BACI_HS17_Y2022_V000000.csv"  # release "000000": marks the file as synthetic
ZIP_NAME = "BACI_HS17_V000000.zip"
COUNTRIES = [4, 8, 12, 36, 40, 76, 124, 156, 203, 250, 276, 356, 392, 398, 410, 484, 643, 699, 704, 710, 724, 752,
             756, 792, 804, 826, 842]


def generate(path: Path, rows: int, seed: int = 0) -> int:
    """A BACI-shaped CSV: codes as integers (leading zeros lost, as in BACI), q padded or NA. Returns pair rows."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv

    countries = np.array(COUNTRIES, dtype=np.int32)
    rng = np.random.default_rng(seed)
    pair_total = rows // 100
    # the pair's product codes are unique per direction, as in BACI (one row per t, i, j, k)
    pair_codes = rng.choice(np.arange(10_000, 980_000, dtype=np.int32), size=pair_total, replace=False)
    schema = pa.schema([("t", pa.int16()), ("i", pa.int32()), ("j", pa.int32()), ("k", pa.int32()),
                        ("v", pa.string()), ("q", pa.string())])
    chunk, done, pair_done = 1_000_000, 0, 0
    with path.open("wb") as sink:
        sink.write(b"t,i,j,k,v,q\n")
        with pacsv.CSVWriter(sink, schema, write_options=pacsv.WriteOptions(include_header=False,
                                                                            quoting_style="none")) as writer:
            while done < rows:
                n = min(chunk, rows - done)
                i = rng.choice(countries, n)
                j = rng.choice(countries, n)
                clash = ((i == 398) & (j == 156)) | ((i == 156) & (j == 398)) | (i == j)
                j[clash] = 842
                i[i == 842] = 36
                k = rng.integers(10_000, 980_000, n, dtype=np.int32)
                p = min(n // 100, pair_total - pair_done)
                i[:p] = np.where(np.arange(p) % 2 == 0, 398, 156)
                j[:p] = np.where(np.arange(p) % 2 == 0, 156, 398)
                k[:p] = pair_codes[pair_done:pair_done + p]
                pair_done += p
                v = np.char.mod("%.3f", np.round(rng.lognormal(3, 3, n), 3))
                q = np.char.mod("%12.3f", np.round(rng.lognormal(2, 3, n), 3)).astype(object)
                q[rng.random(n) < 0.02] = "          NA"
                writer.write_batch(pa.record_batch(
                    [pa.array(np.full(n, 2022, np.int16)), pa.array(i), pa.array(j), pa.array(k),
                     pa.array(v), pa.array(q.astype(str))], schema=schema))
                done += n
    return pair_done


def child(argv: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one child process, measured on its own."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=REPO)
        _pid, status, usage = os.wait4(proc.pid, 0)  # reaps the child: its own rusage, no one else's
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"child failed ({proc.returncode}): {' '.join(argv)}\n{err.read().decode()}")
        return wall, usage.ru_maxrss / 1024, out.read().decode()  # ru_maxrss is in KiB on Linux


def task(*args: str) -> list[str]:
    """A child running one of this script's own tasks."""
    return [sys.executable, str(Path(__file__).resolve()), "_task", *args]


def variants(csv_path: Path, zip_path: Path | None, data: Path, duckdb: bool) -> dict[str, list[str]]:
    py = sys.executable
    out = {"baseline (csv): pyarrow.csv.read_csv": task("read_csv", str(csv_path))}
    if zip_path is not None:
        out["baseline (zip): read_csv(ZipFile.open)"] = task("read_csv_zip", str(zip_path))
    out["kzcn import baci (csv)"] = [py, "-m", "kzcn.cli", "import", "baci", str(csv_path), "--data", str(data),
                                     "--no-progress"]
    if zip_path is not None:
        out["kzcn import baci (zip)"] = [py, "-m", "kzcn.cli", "import", "baci", str(zip_path), "--data",
                                         str(data), "--no-progress"]
    if duckdb:
        out["duckdb (csv): filter + chapter sums"] = task("duckdb", str(csv_path))
        if zip_path is not None:
            out["duckdb (zip): extract + filter + sums"] = task("duckdb_zip", str(zip_path))
    return out


def _duckdb_sums(csv_path: Path) -> int:
    import duckdb

    query = (f"SELECT t, i, j, substr(lpad(k, 6, '0'), 1, 2) AS ch, sum(v) FROM read_csv('{csv_path}', "
             f"header=true, columns={{'t':'INTEGER','i':'INTEGER','j':'INTEGER','k':'VARCHAR',"
             f"'v':'DECIMAL(38,9)','q':'VARCHAR'}}) WHERE (i = 398 AND j = 156) OR (i = 156 AND j = 398) "
             f"GROUP BY ALL")
    return len(duckdb.sql(query).fetchall())


def run_task(name: str, *args: str) -> None:
    """The heavy work, in a child so that this parent stays small (see the module docstring)."""
    import pyarrow.csv as pacsv

    if name == "generate":
        print(generate(Path(args[0]), int(args[1])))
    elif name == "zip":
        csv_path, zip_path = Path(args[0]), Path(args[1])
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(csv_path, f"BACI_HS17_V000000/{csv_path.name}")
            archive.writestr("BACI_HS17_V000000/country_codes_V000000.csv", "country_code\n398\n156\n")
    elif name == "read_csv":
        assert pacsv.read_csv(args[0]).num_rows > 0
    elif name == "read_csv_zip":
        with zipfile.ZipFile(args[0]) as archive, archive.open(f"BACI_HS17_V000000/{NAME}") as member:
            assert pacsv.read_csv(member).num_rows > 0
    elif name == "duckdb":
        assert _duckdb_sums(Path(args[0])) > 0
    elif name == "duckdb_zip":
        with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(args[0]) as archive:
            target = Path(tmp) / NAME
            with archive.open(f"BACI_HS17_V000000/{NAME}") as member, target.open("wb") as sink:
                shutil.copyfileobj(member, sink, 1 << 20)
            assert _duckdb_sums(target) > 0
    elif name == "cross_check":
        print(cross_check(Path(args[0]), Path(args[1])))
    elif name == "versions":
        import pyarrow

        print(f"Python {platform.python_version()}, pyarrow {pyarrow.__version__}")
    else:
        raise SystemExit(f"unknown task {name}")


def cross_check(csv_path: Path, data: Path) -> str:
    """The imported chapter sums against an independent pyarrow group-by of the same file."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    from kzcn import datasets

    table = pacsv.read_csv(csv_path, convert_options=pacsv.ConvertOptions(
        column_types={"k": pa.string(), "v": pa.float64()}, include_columns=["t", "i", "j", "k", "v"]))
    mask = pc.or_(pc.and_(pc.equal(table["i"], 398), pc.equal(table["j"], 156)),
                  pc.and_(pc.equal(table["i"], 156), pc.equal(table["j"], 398)))
    pair = table.filter(mask)
    chapter = pc.utf8_slice_codeunits(pc.utf8_lpad(pair["k"], 6, "0"), 0, 2)
    sums = pa.table({"i": pair["i"], "ch": chapter, "v": pair["v"]}).group_by(["i", "ch"]).aggregate([("v", "sum")])
    expected = {(("Kazakhstan" if i == 398 else "China"), ch): v * 1000
                for i, ch, v in zip(*(sums[c].to_pylist() for c in ("i", "ch", "v_sum")), strict=True)}
    products = datasets.load("trade_products", data)
    got = products[(products["series"] == "baci_bulk") & (products["hs_chapter"] != "TOTAL")]
    got = {(r, ch): v for r, ch, v in zip(got["reporter"], got["hs_chapter"], got["value_usd"], strict=True)}
    worst = max(abs(got[key] - value) for key, value in expected.items())
    if set(got) != set(expected) or worst > 1:
        raise SystemExit(f"cross-check failed: {len(got)} vs {len(expected)} chapters, worst difference {worst}")
    return (f"cross-check: {len(got)} chapter sums equal an independent pyarrow group-by (largest difference "
            f"{worst:.6f} US$: float rounding of the check itself)")


def main() -> int:
    if sys.argv[1:2] == ["_task"]:
        run_task(*sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-zip", action="store_true", help="skip the zip variants")
    parser.add_argument("--duckdb", action="store_true", help="add DuckDB variants (duckdb must be importable)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="kzcn-bench-baci-"))
    try:
        csv_path = tmp / NAME
        wall, _, out = child(task("generate", str(csv_path), str(args.rows)))
        print(f"wrote {args.rows:,} rows ({int(out):,} of the pair), {csv_path.stat().st_size / 1e6:,.0f} MB "
              f"in {wall:.0f} s", flush=True)
        zip_path = None
        if not args.no_zip:
            zip_path = tmp / ZIP_NAME
            child(task("zip", str(csv_path), str(zip_path)))
            print(f"zipped: {zip_path.stat().st_size / 1e6:,.0f} MB", flush=True)
        data = tmp / "data"
        data.mkdir()
        for path in (REPO / "data").glob("*.parquet"):
            shutil.copy2(path, data / path.name)
        runs = variants(csv_path, zip_path, data, args.duckdb)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        idle = child([sys.executable, "-c", "pass"])[1]
        for path in (csv_path, zip_path):  # warm the page cache, so no variant pays for the first disk read
            if path is not None:
                child([sys.executable, "-c", f"f = open({str(path)!r}, 'rb')\nwhile f.read(1 << 24): pass"])
        for r in range(args.repeat):
            for name, argv in runs.items():
                wall, rss, _ = child(argv)
                results[name].append((wall, rss))
                print(f"  run {r + 1}/{args.repeat} {name:40} {wall:6.2f} s {rss:7.0f} MB", flush=True)
        print(child(task("cross_check", str(csv_path), str(data)))[2].strip())
        versions = child(task("versions"))[2].strip()
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    base = results["baseline (csv): pyarrow.csv.read_csv"]
    base_wall, base_rss = min(w for w, _ in base), max(m for _, m in base)
    print()
    print(f"{args.rows:,} rows, {args.repeat} runs each, interleaved; {os.cpu_count()} CPUs; {versions}; "
          f"an idle child peaks at {idle:.0f} MB")
    print("| variant | best wall s | median wall s | rows/s (best) | peak RSS MB (max) | time ÷ baseline | "
          "memory ÷ baseline |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, got in results.items():
        best, median, rss = min(w for w, _ in got), statistics.median(w for w, _ in got), max(m for _, m in got)
        print(f"| {name} | {best:.2f} | {median:.2f} | {args.rows / best:,.0f} | {rss:,.0f} | "
              f"{best / base_wall:.2f} | {rss / base_rss:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
