"""Every figure the pages draw is a valid Plotly figure.

kzcn.charts skips Plotly's second validation of a finished layout for speed; this is the check it relies on:
each page and tab, as a reader opens it, and every figure rebuilt with validation on.
"""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from helpers import figures, run

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

STATES = [
    (None, {}), (None, {"event_names": "true"}), ("app_pages/trade.py", {}),
    ("app_pages/trade.py", {"trade_view": "Why the figures differ"}),
    ("app_pages/trade.py", {"trade_view": "By sector"}),
    ("app_pages/trade.py", {"trade_view": "China's share by sector"}),
    ("app_pages/trade.py", {"trade_view": "Whole product mix, 2021"}),
    ("app_pages/timeline.py", {}), ("app_pages/timeline.py", {"timeline_view": "On a map"}),
    ("app_pages/speech.py", {"p06_chart": "true"}), ("app_pages/speech.py", {"p10_figures": "The mirror gap"}),
    ("app_pages/speech.py", {"p10_figures": "Trade by sector"}),
    ("app_pages/partners.py", {}), ("app_pages/partners.py", {"partners_year": "2019"}),
    ("app_pages/partners.py", {"partners_view": "Ranks over time"}),
    ("app_pages/partners.py", {"partners_view": "China, Russia, the EU and the rest"}),
    ("app_pages/partners.py", {"partners_view": "China's rank", "partners_flow": "Exports"}),
]


@pytest.mark.parametrize(("page", "params"), STATES)
def test_every_drawn_figure_passes_plotly_validation(page, params):
    drawn = figures(run(page, **params))
    assert drawn
    for spec in drawn:
        go.Figure(spec)  # raises ValueError on any property Plotly does not know or any invalid value


def test_validation_is_not_a_no_op():
    spec = figures(run())[0]
    spec["layout"]["legend"]["orientation"] = "diagonal"
    with pytest.raises(ValueError):
        go.Figure(spec)
