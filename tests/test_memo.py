"""ui.figure builds a figure once per distinct input and never hands back one built from other data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kzcn import ui

BUILDS: list[pd.DataFrame] = []


def _bars(frame: pd.DataFrame, *, title: str) -> go.Figure:
    BUILDS.append(frame)
    return go.Figure(go.Bar(x=frame["year"], y=frame["value"]), layout={"title": {"text": title}})


def _frame(**changes) -> pd.DataFrame:
    base = {"year": [2022, 2023], "value": [1.0, 2.0], "themes": [["trade", "visit"], ["energy"]],
            "urls": [np.array(["a", "b"]), np.array(["c"])]}
    return pd.DataFrame(base | changes)


def test_an_equal_frame_gets_the_figure_already_built():
    BUILDS.clear()
    first = ui.figure(_bars, _frame(), title="t1")
    again = ui.figure(_bars, _frame(), title="t1")  # a new frame with the same content, lists and arrays in cells
    assert again is first and len(BUILDS) == 1


def test_any_change_in_content_builds_again():
    BUILDS.clear()
    shown = ui.figure(_bars, _frame(), title="t2")
    for changed in (_frame(value=[1.0, 2.5]), _frame(themes=[["trade"], ["energy"]]),
                    _frame(urls=[np.array(["a", "x"]), np.array(["c"])]), _frame().assign(note="x"),
                    _frame().astype({"value": "float32"})):
        assert ui.figure(_bars, changed, title="t2") is not shown
    assert ui.figure(_bars, _frame(), title="other title") is not shown
