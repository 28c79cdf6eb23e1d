"""Bad data never becomes a traceback or live HTML: a broken file gives an error page naming it, and text
from the data (titles, passages, source names) is always shown as text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from kzcn.paths import REPO_ROOT

SHIPPED = REPO_ROOT / "data"

ENTRY = str(REPO_ROOT / "dashboard.py")
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def data_copy(data, monkeypatch) -> Path:
    """The app pointed at a copy of the shipped data, which the test may damage."""
    monkeypatch.setenv("KZCN_DATA_DIR", str(data))
    return data


def _run(page: str | None = None) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize("damage", ["corrupt", "missing", "wrong_type"])
def test_broken_data_file_gives_an_error_page_naming_it(data_copy, damage):
    target = data_copy / "events.parquet"
    if damage == "corrupt":
        target.write_bytes(target.read_bytes()[:200])
    elif damage == "missing":
        target.unlink()
    else:
        table = pq.read_table(target)
        i = table.schema.get_field_index("start")
        pq.write_table(table.set_column(i, "start", pa.array([1] * table.num_rows)), target)
    at = _run()
    assert not at.exception
    assert at.error and "events.parquet" in at.error[0].value
    assert not at.get("plotly_chart")
    # fixed on disk → the next visitor is served without a restart (failures are not cached)
    shutil.copy(SHIPPED / "events.parquet", target)
    at = _run()
    assert not at.error and at.get("plotly_chart")


def test_no_page_renders_html_from_data():
    for path in [*REPO_ROOT.glob("app_pages/*.py"), REPO_ROOT / "dashboard.py", *REPO_ROOT.glob("src/kzcn/*.py")]:
        assert "unsafe_allow_html=True" not in path.read_text(encoding="utf-8"), path


def test_script_in_data_is_shown_as_text(data_copy):
    events = pq.read_table(data_copy / "events.parquet").to_pandas()
    events.loc[events["start"].str.startswith("2023"), "title"] = SCRIPT + " summit"
    pq.write_table(pa.Table.from_pandas(events, schema=pq.read_schema(data_copy / "events.parquet"),
                                        preserve_index=False), data_copy / "events.parquet")
    passages = pq.read_table(data_copy / "passages.parquet").to_pandas()
    passages.loc[passages["passage_id"] == "p10", "text"] = SCRIPT + " [link](javascript:alert(1)) $x$"
    pq.write_table(pa.Table.from_pandas(passages, schema=pq.read_schema(data_copy / "passages.parquet"),
                                        preserve_index=False), data_copy / "passages.parquet")
    for page in (None, "app_pages/timeline.py", "app_pages/speech.py"):
        at = _run(page)
        assert not at.exception
        for md in at.markdown:
            assert not md.proto.allow_html
            if "alert" in md.value:
                assert "<script>" not in md.value.replace("\\<", "&lt;"), md.value  # escaped, inert
