"""Shared fixtures: the raw folder (skip cleanly where it is absent), the repo's paths, and data folders to write to.

`data` starts from the shipped datasets as the build makes them, without what `kzcn refresh comtrade` or
`kzcn import baci` added to this checkout's data/ since: a test's own refresh, import or damage then starts
from a known state, and passes just as well on a checkout whose data a user has refreshed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

from kzcn import coverage, datasets
from kzcn.paths import REPO_ROOT, default_raw_dir, default_speech_file
from kzcn.readers import carried_over
from kzcn.store import write_tables
from kzcn.validate import to_table

# Hypothesis's 200 ms deadline per example times the machine, not the code: on two cores shared with other
# test runs, examples of test_partners and test_chart_layout took 270 ms and failed as DeadlineExceeded.
settings.register_profile("kzcn", deadline=None)
settings.load_profile("kzcn")


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    path = default_raw_dir()
    if not (path / "raw").is_dir():
        pytest.skip(f"raw source folder not found at {path} (set KZCN_RAW_DIR)")
    return path


@pytest.fixture(scope="session")
def speech_file() -> Path:
    path = default_speech_file()
    if not path.exists():
        pytest.skip(f"speech text not found at {path}")
    return path


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


def drop_refreshed(folder: Path) -> None:
    """Take out of `folder` what `kzcn refresh` / `kzcn import` added: the rows a rebuild carries over
    (kzcn.readers.carried_over: trade_products of the refreshed series, their sources, the refresh log),
    with product_coverage and product_completeness derived again, as the build derives them. What is left is
    what a build from the raw files writes (tests/test_build.py checks the shipped data against one)."""
    carried = carried_over.read_previous(folder)
    if not carried:
        return
    frames = {name: datasets.load(name, folder)
              for name in ("trade_products", "sources", "refresh_log", "trade_headings", "hs_chapters",
                           "trade_annual")}
    products = frames["trade_products"]
    frames["trade_products"] = products[~products["series"].isin(carried_over.CARRIED_SERIES)]
    gone = set(carried.get("sources", pd.DataFrame({"source_id": []}))["source_id"])
    frames["sources"] = frames["sources"][~frames["sources"]["source_id"].isin(gone)]
    frames["refresh_log"] = frames["refresh_log"].iloc[0:0]
    frames.update(coverage.derive(frames))
    changed = ("trade_products", "sources", "refresh_log", "product_coverage", "product_completeness")
    write_tables({name: to_table(name, frames[name].reset_index(drop=True)) for name in changed}, folder)


@pytest.fixture(scope="session")
def unrefreshed(tmp_path_factory) -> Path:
    """The shipped datasets without anything a refresh added (read only: copy it before writing)."""
    folder = tmp_path_factory.mktemp("unrefreshed") / "data"
    folder.mkdir()
    for path in (REPO_ROOT / "data").glob("*.parquet"):
        shutil.copy2(path, folder / path.name)
    drop_refreshed(folder)
    return folder


@pytest.fixture
def data(tmp_path, unrefreshed) -> Path:
    """A copy of the shipped datasets without what a refresh added (see the module's doc): tests write here,
    never to the repository's data/."""
    folder = tmp_path / "data"
    folder.mkdir()
    for path in unrefreshed.glob("*.parquet"):
        shutil.copy2(path, folder / path.name)
    return folder


# Test modules that read the shipped data/ (the app's default folder) are marked `shipped_data` (the module's
# `pytestmark`): tests/test_refreshed_copy.py runs those again on a copy of the project whose data/ was refreshed,
# since a refresh can only break a test that reads the data it changes. Every other module gets a data folder that
# does not exist, for its fixtures and tests alike, so that one reading the shipped data unmarked fails, naming the
# mark, instead of going unchecked on refreshed data. (Browser tests and slow ones are not run on the copy.)
UNMARKED_DATA_DIR = Path("/nonexistent/a-test-module-not-marked-shipped_data-read-the-shipped-data")


@pytest.fixture(scope="module", autouse=True)
def _shipped_data_only_where_marked(request) -> Iterator[None]:
    module = request.node
    if module.get_closest_marker("shipped_data") or module.get_closest_marker("slow") or "browser" in module.path.parts:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KZCN_DATA_DIR", str(UNMARKED_DATA_DIR))
        yield
