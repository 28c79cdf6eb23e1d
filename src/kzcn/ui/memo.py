"""Figures and derived frames built once per process for each distinct input, shared by every session.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kzcn import i18n


@st.cache_resource(show_spinner=False, max_entries=128)
def _figure(name: str, lang: str, key: tuple, kw: dict, _build: Callable[..., go.Figure], _args: tuple,
            _kwargs: dict) -> go.Figure:
    return _build(*_args, **_kwargs)  # keyed on name, language, key and kw (Streamlit skips _-prefixed arguments)


def figure(build: Callable[..., go.Figure], *args: object, **kwargs: object) -> go.Figure:
    """build(*args, **kwargs) (a kzcn.charts builder), built once per process for each distinct input.

    Frames are compared by content (see _key), so a figure is never stale. The figure is shared by every
    session: hand it to chart() and never change it. A figure costs 10–90 ms to build and 1–2 ms to look up.
    One per language: the builder writes its titles and labels in the reader's language.
    """
    return _figure(_name(build), i18n.current(), _key(args), _key(kwargs), build, args, kwargs)


@st.cache_data(show_spinner=False, max_entries=256)
def _derived(name: str, lang: str, key: tuple, kw: dict, _make: Callable[..., object], _args: tuple,
             _kwargs: dict) -> object:
    return _make(*_args, **_kwargs)


def derived(make: Callable[..., object], *args: object, **kwargs: object) -> object:
    """make(*args, **kwargs) (a pure kzcn.views function), computed once per process for each distinct input;
    each caller gets its own copy. For frames a page derives from other frames (events → venues)."""
    return _derived(_name(make), i18n.current(), _key(args), _key(kwargs), make, args, kwargs)


def _name(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def _key(value: object) -> object:
    """What the cache hashes for an argument: a frame as a digest of its pickle, which holds its columns, types,
    index and every cell (lists and arrays in cells too). Pickling a chart's frame takes ~0.1 ms, where Streamlit's
    own frame hashing took ~1.5 ms a frame (hash_pandas_object on the values and on the dtypes), ~5 ms of every
    figure looked up. Two equal frames laid out differently in memory may get two digests: a figure built twice,
    never a stale one."""
    if isinstance(value, tuple):
        return tuple(_key(v) for v in value)
    if isinstance(value, dict):
        return {k: _key(v) for k, v in value.items()}
    if isinstance(value, pd.DataFrame | pd.Series):
        return (type(value).__name__, hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).hexdigest())
    return value
