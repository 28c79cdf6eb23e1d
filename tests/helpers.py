"""Helpers shared by the test modules: running the app in AppTest, reading its figures, data-folder snapshots."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from kzcn.paths import REPO_ROOT

ENTRY = str(REPO_ROOT / "dashboard.py")
DEFAULT_PAGE = "app_pages/overview.py"


def run(page: str | None = None, **params: str | list[str]) -> AppTest:
    """The app as a reader opening a link: query parameters first, then the entry point, then the page."""
    at = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page and page != DEFAULT_PAGE:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at: AppTest) -> list[dict]:
    """Every Plotly figure on the page, as the JSON the browser would receive."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def table_text(element) -> pd.DataFrame:
    """The text a table shows in its cells (a pandas Styler's display values), beside the numbers it sorts by."""
    return pa.ipc.open_stream(element.proto.arrow_data.styler.display_values).read_all().to_pandas()


def arr(value: list | dict) -> list:
    """A trace's array as a list: Plotly ships numeric arrays as base64 typed arrays ({dtype, bdata})."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file and folder in `folder` (a left-over temporary folder would show up too)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*"))}


def title(spec: dict) -> str:
    """A figure's title as one line (kzcn.charts wraps long titles with <br> to fit a phone)."""
    return spec["layout"]["title"]["text"].replace("<br>", " ")


def one(frame: pd.DataFrame, **where: object) -> pd.Series:
    """The single row matching all column=value pairs: fails loudly on none or several (a key must never match
    two rows, however many rows a refresh adds)."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    hits = frame[mask]
    assert len(hits) == 1, f"{len(hits)} rows for {where}"
    return hits.iloc[0]


CLAIM_CARD = re.compile(r"\*\*p\d+ · (c\d+)\*\* ")  # the first line of a claim's card on the speech page


def claim_cards(at: AppTest) -> list[str]:
    """The speech's claims tab's cards (markdown), in the order shown."""
    return [m.value for m in at.markdown if CLAIM_CARD.match(m.value)]


# every chart element on the page has its Plotly chart drawn (they come one after another)
ALL_CHARTS_DRAWN = """() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0
    && document.querySelectorAll('.js-plotly-plot .modebar').length
       === document.querySelectorAll('[data-testid=stPlotlyChart]').length"""


def finger_drag(context, page, at: dict[str, float]) -> tuple[list[bool], bool]:
    """A finger put on the page at `at` and dragged 120 px up (CDP touch events, as a phone sends them): whether
    each touchstart/touchmove was cancelled (defaultPrevented: something, e.g. Plotly, took the touch), and whether
    the main area scrolled under the finger."""
    page.evaluate("""() => { window._touches = []; for (const type of ['touchstart', 'touchmove'])
        window.addEventListener(type, e => setTimeout(() => window._touches.push(e.defaultPrevented)),
                                {capture: true, passive: true}); }""")
    scroll = """() => document.querySelector('[data-testid="stMain"]').scrollTop"""
    before = page.evaluate(scroll)
    cdp = context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [at]})
    for step in range(1, 4):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove",
                                              "touchPoints": [{"x": at["x"], "y": at["y"] - 40 * step}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(1000)
    return page.evaluate("window._touches"), page.evaluate(scroll) > before


def open_link(page: str, **params: str | list[str]) -> AppTest:
    """A link to `page` opened as a browser opens it: that page's first run reads the link (`run` runs the default
    page first, which takes a bad parameter's notice and, once shown, the parameter with it). Not for the Data page,
    whose URL path is not its file's name (AppTest then runs the default page)."""
    at = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at
