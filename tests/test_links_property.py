"""Whatever a shared link says, every page renders: the filters it cannot use fall back to their defaults with a
notice quoting the value, and nothing from the URL is rendered as HTML (hypothesis, through AppTest)."""

from __future__ import annotations

import pytest
from helpers import ENTRY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from kzcn import ui, urlstate

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

PAGES = [None, "app_pages/trade.py", "app_pages/partners.py", "app_pages/timeline.py", "app_pages/speech.py",
         "app_pages/sources.py"]
FRAGMENTS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "**b**",
             "$x$", "`", "\\", "%3Cb%3E", "1992", "2024", "2030", "-5", "Energy", "As China reports", "On a map",
             "By sector", "26 Ores, slag and ash", "summit", "true", "China's rank", "Exports", "IMF DOTS", "2019"]
KNOWN_KEYS = [*urlstate.GLOBAL_KEYS, "tree_year", "tree_side", "scope", "category", "theme", "claims", "dataset",
              "trade_view", "timeline_view", "speech_view", "p10_figures", "p10_chart", "timeline_event",
              "partners_view", "partners_flow", "partners_source", "partners_year"]
keys = st.sampled_from([*KNOWN_KEYS, "x", "<b>k</b>", "script"]) | st.text(min_size=1, max_size=20)
value = (st.sampled_from(FRAGMENTS) | st.text(max_size=40) | st.integers(-10**9, 10**9).map(str)
         | st.text(alphabet="ab<>&\"'", min_size=2000, max_size=3000))
links = st.dictionaries(keys, st.lists(value, min_size=1, max_size=3), min_size=1, max_size=4)
DEFAULTS = {"years": None, "sector": urlstate.ALL_SECTORS, "direction": urlstate.DIRECTIONS[0],
            "reporter": urlstate.REPORTER_VIEWS[0]}


@pytest.mark.parametrize("page", PAGES)
@given(params=links)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_any_link_renders_every_page_with_inert_notices(page, params):
    """The link is opened (AppTest runs the entry point's default page first), then the reader goes to `page`."""
    at = AppTest.from_file(ENTRY, default_timeout=60)
    for key, values in params.items():
        at.query_params[key] = values
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    opts = ui.options()
    expected = urlstate.check(params, opts)
    shown = [w.value for w in at.warning]
    for notice in expected:
        assert notice.text in shown, (notice.text, shown)  # each unusable parameter is named, quoted as code
    applied = at.session_state[ui.FILTERS_KEY]  # what the pages get, whether the page shows that filter or not
    for notice in expected:
        if notice.key in DEFAULTS:  # an unusable filter is back at its default
            default = DEFAULTS[notice.key] or opts.default_years
            assert getattr(applied, notice.key) == default
            if notice.key in ("years", "reporter"):  # the filters the first page (the overview) shows
                widget = at.slider(key="years") if notice.key == "years" else at.radio(key="reporter")
                assert tuple(widget.value) == tuple(default) if notice.key == "years" else widget.value == default
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page itself is drawn"
    for md in at.markdown:
        assert not md.proto.allow_html
