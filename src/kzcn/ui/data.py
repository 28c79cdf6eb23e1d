"""The shipped datasets and what is derived once from them: read and schema-checked once per process, shared
read-only by every session; the filters' possible values, goods names, the speech's passages.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from kzcn import datasets, sectors, speechview
from kzcn.errors import DatasetError
from kzcn.paths import data_dir
from kzcn.schemas import DATASETS


@st.cache_resource(show_spinner=False)
def _load_all(folder: str) -> dict[str, pd.DataFrame]:
    """Every dataset, read and schema-checked once per process and folder (files change only on a redeploy).

    Held once per process and shared by every session (cache_resource: no copy per call, which cost ~9 ms each
    time a page asked for the data). Callers get shallow copies (see load_all). A failure is not cached: once the
    file is fixed, the next visitor gets the data without a restart.
    """
    return {name: datasets.load(name, Path(folder)) for name in DATASETS}


def load_all() -> dict[str, pd.DataFrame]:
    """The shared datasets as shallow copies: with pandas' copy-on-write, nothing a page does to its frames
    (new columns, changed cells) can reach the shared ones or another session."""
    return {name: frame.copy(deep=False) for name, frame in _load_all(str(data_dir())).items()}


def data() -> dict[str, pd.DataFrame]:
    """The datasets, or a clear error page naming the broken file (the server keeps serving)."""
    try:
        return load_all()
    except DatasetError as exc:
        st.error(f"The dashboard cannot start: {exc.file}: {exc.problem}", icon=":material/error:")
        st.caption("Whoever runs this dashboard can rebuild the data with `python -m kzcn.build` "
                   "(see the README). Nothing was changed.")
        st.stop()
        raise  # unreachable: st.stop() ends the run


@st.cache_resource(show_spinner=False)
def _names(folder: str) -> sectors.Names:  # frozen, shared read-only
    frames = _load_all(folder)
    return sectors.Names.of(frames["hs_chapters"], frames["hs_headings"])


def goods_names() -> sectors.Names:
    """Sector, chapter and heading names (cached per data folder)."""
    return _names(str(data_dir()))


def speech_passages() -> list[speechview.PassageView]:
    """The address's passages with their events and claims, ready to show (cached per data folder)."""
    return _speech_passages(str(data_dir()))


@st.cache_resource(show_spinner=False)
def _speech_passages(folder: str) -> list[speechview.PassageView]:  # frozen views, shared read-only
    frames = _load_all(folder)
    return speechview.passage_views(frames["passages"], frames["claims"], frames["events"])



def _folder() -> str:
    return str(data_dir())


ALL_YEARS = (-10_000, 10_000)


def _years(frame: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """The rows of a frame computed for every year that fall in `years` (same order, fresh index)."""
    return frame[frame["year"].between(*years)].reset_index(drop=True)


def _frames(folder: str, *names: str) -> tuple[pd.DataFrame, ...]:
    d = _load_all(folder)
    return tuple(d[n] for n in names)


GOODS = ("trade_products", "trade_headings", "product_coverage", "product_completeness")
