"""A copy of this project whose data/ was refreshed with a year no test has seen, as a user's refresh would do it.

    PYTHONPATH=src python tests/refreshed_copy.py DEST

copies the project (without .git, .venv and caches) to DEST, then refreshes DEST/data with the year after the
newest year in it, through the real commands' code:

* `kzcn import baci` of a BACI-shaped yearly file (every HS chapter, both directions, one row of another pair
  that must be dropped), written to a temporary folder, never into the project;
* `kzcn refresh comtrade --from YEAR --to YEAR` against a Comtrade-shaped API on 127.0.0.1 that serves every
  chapter and the TOTAL, both reporters and flows (the key-less preview endpoint's path and limits).

Every value is made up (release "000000" marks the BACI file as synthetic, as bench/baci_import.py does; the
Comtrade values are round multiples of a million plus 0.5). It prints how to run the fast tests in DEST.
tests/test_refreshed_copy.py (marked slow) does all this in a temporary folder and runs them; docs/testing.md
says why.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kzcn import cli, datasets
from kzcn.paths import default_raw_dir, default_speech_file
from kzcn.refresh import comtrade_api

# Not copied: version control, environments, caches, and whatever the test run itself leaves behind.
IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.pyc", ".pytest_cache", ".ruff_cache",
                                ".hypothesis", "*.egg-info", "build", "dist", "test-results", "screenshots", ".tmp")
CHAPTERS = [f"{c:02d}" for c in range(1, 98) if c != 77]  # HS chapters (77 is reserved)
# the fast tests that read the shipped data (tests/conftest.py): no other test can see what a refresh changed
FAST = ["-m", "shipped_data and not browser and not slow"]


def copy_project(root: Path, dest: Path) -> Path:
    shutil.copytree(root, dest, ignore=IGNORE)
    return dest


def next_year(data: Path) -> int:
    """The year after the newest year of any dataset in `data`: a year no test can have pinned."""
    newest = 0
    for name in ("trade_annual", "trade_products", "trade_headings", "trade_partners", "product_coverage"):
        years = datasets.load(name, data)["year"]
        newest = max(newest, int(years.max()) if len(years) else 0)
    return newest + 1


def baci_file(folder: Path, year: int) -> Path:
    """A BACI-shaped yearly CSV: product codes as integers (leading zeros dropped, as in BACI), made-up values."""
    lines = ["t,i,j,k,v,q"]
    for n, chapter in enumerate(CHAPTERS, start=1):
        code = str(int(f"{chapter}0101"))
        lines.append(f"{year},398,156,{code},{n * 1.25:.3f},1")
        lines.append(f"{year},156,398,{code},{n * 2.5:.3f},NA")
    lines.append(f"{year},156,643,260300,99.999,1")  # another pair: dropped
    path = folder / f"BACI_HS17_Y{year}_V000000.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def comtrade_records(year: int) -> list[dict[str, Any]]:
    """Comtrade-shaped records for both directions: every chapter and TOTAL, imports and exports."""
    out = []
    for reporter, partner in comtrade_api.PAIRS:
        for flow in ("M", "X"):
            for n, code in enumerate([*CHAPTERS, comtrade_api.TOTAL], start=1):
                rec: dict[str, Any] = dict.fromkeys(comtrade_api.FIELDS)
                value = (sum(range(1, len(CHAPTERS) + 1)) if code == comtrade_api.TOTAL else n) * 1e6 + 0.5
                rec.update(typeCode="C", freqCode="A", refPeriodId=int(f"{year}0101"), refYear=year, refMonth=52,
                           period=str(year), reporterCode=reporter, partnerCode=partner, partner2Code=0,
                           flowCode=flow, classificationCode="H6", cmdCode=code, customsCode="C00", motCode=0,
                           primaryValue=value)
                out.append(rec)
    return out


@contextmanager
def comtrade_api_on_localhost(records: list[dict[str, Any]]) -> Iterator[str]:
    """A Comtrade-shaped API serving `records` by reporter and partner; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            data = [r for r in records if str(r["reporterCode"]) == params.get("reporterCode")
                    and str(r["partnerCode"]) == params.get("partnerCode")]
            body = json.dumps({"elapsedTime": "0.01 secs", "count": len(data), "data": data, "error": ""}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def refresh(data: Path, scratch: Path) -> int:
    """Refresh `data` with the next unseen year (BACI import, then Comtrade refresh); returns that year."""
    year = next_year(data)
    if cli.main(["import", "baci", str(baci_file(scratch, year)), "--data", str(data), "--no-progress"]) != 0:
        raise RuntimeError(f"kzcn import baci of the synthetic {year} file failed (its message is above)")
    with comtrade_api_on_localhost(comtrade_records(year)) as url:
        settings = comtrade_api.Settings(base_url=url, min_interval=0, max_retries=0)
        now = max(datetime.now(UTC), datetime(year, 12, 31, tzinfo=UTC))  # the refresh refuses future years
        comtrade_api.refresh(data, year, year, settings, now=now, progress=None)
    return year


def fast_tests(dest: Path) -> tuple[list[str], dict[str, str]]:
    """The command and environment that run the fast tests reading the shipped data on the copy's own code and
    data.

    The raw folder and speech file are this checkout's (the copy has none beside it); KZCN_DATA_DIR is dropped
    so that nothing points the copy's app back at another data folder."""
    env = {k: v for k, v in os.environ.items() if k != "KZCN_DATA_DIR"}
    env.update(PYTHONPATH=str(dest / "src"), KZCN_RAW_DIR=str(default_raw_dir()),
               KZCN_SPEECH_FILE=str(default_speech_file()))
    # on every core: pytest-xdist hands out a test file of one test last, so this check mostly runs alone at the end
    # of a parallel run (~200 s on one core)
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "auto", "--dist", "loadfile",
            *FAST], env


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    dest = Path(argv[0]).resolve()
    if dest.exists():
        print(f"{dest} exists: give a new folder", file=sys.stderr)
        return 2
    copy_project(Path(__file__).resolve().parents[1], dest)
    with tempfile.TemporaryDirectory() as scratch:
        year = refresh(dest / "data", Path(scratch))
    command, env = fast_tests(dest)
    print(f"{dest}: data/ refreshed with {year} (synthetic BACI import and Comtrade refresh). Run the fast tests:")
    print(f"cd {dest} && " + " ".join(f"{k}={env[k]}" for k in ("PYTHONPATH", "KZCN_RAW_DIR", "KZCN_SPEECH_FILE"))
          + " " + " ".join(f'"{a}"' if " " in a else a for a in command))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
