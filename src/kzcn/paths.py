"""Where things live, resolved from this file so the app works from any working directory.

KZCN_DATA_DIR overrides the data folder (tests, deployments that mount data elsewhere).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The folder of shipped parquet files the app reads."""
    env = os.environ.get("KZCN_DATA_DIR")
    return Path(env) if env else REPO_ROOT / "data"


def curated_dir() -> Path:
    """Hand-written, reviewed tables (events, claims, sources, HS chapters) that the build reads."""
    return REPO_ROOT / "data" / "curated"


def default_raw_dir() -> Path:
    """Raw publisher files: the project's shared folder beside the checkout unless told otherwise."""
    env = os.environ.get("KZCN_RAW_DIR")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def default_speech_file() -> Path:
    env = os.environ.get("KZCN_SPEECH_FILE")
    if env:
        return Path(env)
    return REPO_ROOT.parent / "shared" / "speech" / "zhang-xiao-new-year-2024.txt"
