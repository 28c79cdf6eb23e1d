"""Figures and derived frames built once per process for each distinct input, shared by every session.

Streamlit's own caches, with one hash function of ours (`hash_funcs`, Streamlit's documented hook): a frame is
keyed on a digest of its pickle, which holds its columns, types, index and every cell (lists and arrays in cells
too). Pickling a chart's frame takes ~0.1 ms, where Streamlit's default frame hashing (hash_pandas_object on the
values and on the dtypes) took ~1.5 ms a frame, ~5 ms of every figure looked up. Two equal frames laid out
differently in memory may get two digests: a figure built twice, never a stale one (tests/test_memo.py).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kzcn import i18n


def _digest(frame: pd.DataFrame | pd.Series) -> str:
    return hashlib.blake2b(pickle.dumps(frame, protocol=5), digest_size=16).hexdigest()


FRAMES_BY_CONTENT = {pd.DataFrame: _digest, pd.Series: _digest}


@st.cache_resource(show_spinner=False, max_entries=128, hash_funcs=FRAMES_BY_CONTENT)
def _figure(name: str, lang: str, args: tuple, kwargs: dict, _build: Callable[..., go.Figure]) -> go.Figure:
    return _build(*args, **kwargs)  # keyed on the builder's name, language and arguments (not on _build itself)


def figure(build: Callable[..., go.Figure], *args: object, **kwargs: object) -> go.Figure:
    """build(*args, **kwargs) (a kzcn.charts builder), built once per process for each distinct input.

    Frames are compared by content, so a figure is never stale. The figure is shared by every session: hand it to
    chart() and never change it. A figure costs 1–90 ms to build and ~1 ms to look up.
    One per language: the builder writes its titles and labels in the reader's language.
    """
    return _figure(_name(build), i18n.current(), args, kwargs, build)


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs=FRAMES_BY_CONTENT)
def _derived(name: str, lang: str, args: tuple, kwargs: dict, _make: Callable[..., object]) -> object:
    return _make(*args, **kwargs)


def derived(make: Callable[..., object], *args: object, **kwargs: object) -> object:
    """make(*args, **kwargs) (a pure kzcn.views function), computed once per process for each distinct input;
    each caller gets its own copy. For frames a page derives from other frames (events → venues)."""
    return _derived(_name(make), i18n.current(), args, kwargs, make)


def _name(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"
