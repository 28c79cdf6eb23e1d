"""Why the page files live in app_pages/ and not pages/: Streamlit 1.67 skips an st.navigation entry point
when a folder literally named `pages/` sits beside it. This reproduces the defect (AppTest side of it) so
that the day a Streamlit upgrade fixes it, this test fails and says the folder can be renamed back."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ENTRY = """
import streamlit as st
st.session_state["entry_runs"] = st.session_state.get("entry_runs", 0) + 1
st.sidebar.slider("Years", 0, 10, 5, key="years")
page = st.navigation([st.Page("{folder}/first.py", default=True), st.Page("{folder}/second.py")])
page.run()
"""
PAGE = """
import streamlit as st
st.write("entry point ran", st.session_state.get("entry_runs", 0), "times")
"""


def _app(tmp_path: Path, folder: str) -> AppTest:
    (tmp_path / folder).mkdir()
    (tmp_path / "app.py").write_text(ENTRY.format(folder=folder))
    for name in ("first.py", "second.py"):
        (tmp_path / folder / name).write_text(PAGE)
    at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=30)
    at.run()
    at.run()
    return at


def test_entry_point_runs_every_time_beside_app_pages(tmp_path):
    at = _app(tmp_path, "app_pages")
    assert not at.exception
    assert at.session_state["entry_runs"] == 2
    assert at.slider(key="years").value == 5


def test_entry_point_is_skipped_beside_a_pages_folder(tmp_path):
    at = _app(tmp_path, "pages")
    # The defect: the second run executes the page without the entry point, so the shared filters vanish.
    assert at.session_state["entry_runs"] == 1
