"""Shared fixtures: the raw folder (skip cleanly where it is absent) and the repo's paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kzcn.paths import REPO_ROOT, default_raw_dir, default_speech_file


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


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the shipped datasets: tests write here, never to the repository's data/."""
    folder = tmp_path / "data"
    folder.mkdir()
    for path in (REPO_ROOT / "data").glob("*.parquet"):
        shutil.copy2(path, folder / path.name)
    return folder
