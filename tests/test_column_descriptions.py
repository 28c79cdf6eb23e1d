"""Every column of every dataset says what it means: a description per schema field (and per source column the
Data page adds), shown as the column header's tooltip on the Data & sources page."""

from __future__ import annotations

import json

import pytest
from helpers import run

from kzcn import datasets, i18n, schemas, tables, urlstate
from kzcn.ui import Filters

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)


def added_columns(name: str) -> list[str]:
    """The source columns the Data page joins to dataset `name`."""
    added = [] if name == "sources" else list(tables.SOURCE_COLUMNS.values())
    if name == "claims":
        added += list(tables.CHECK_SOURCE_COLUMNS.values())
    return added


@pytest.mark.parametrize("name", list(schemas.DATASETS))
def test_every_field_has_a_description(name):
    columns = [*schemas.DATASETS[name].names, *added_columns(name)]
    missing = [c for c in columns if not tables.column_description(name, c)]
    assert not missing, f"{name}: no description for {missing} (add one to tables.COLUMN_DESCRIPTIONS)"
    for column in columns:
        text = tables.column_description(name, column)
        assert text == text.strip() and text.endswith("."), (name, column, text)


def test_overrides_name_real_fields():
    """An override for a field no dataset has would hide a stale description (the Data page adds `source_id` to
    the coverage tables, so it may be overridden there)."""
    def shown(name: str) -> set[str]:
        return {*schemas.DATASETS[name].names, "source_id", *added_columns(name)}

    stale = [key for key in tables.COLUMN_OVERRIDES if key[0] not in schemas.DATASETS or key[1] not in shown(key[0])]
    assert not stale


@pytest.mark.parametrize("name", list(tables.NAMES))
def test_every_column_shown_has_help(name):
    frames = datasets.load_all()
    filters = Filters(years=tables.full_years(frames), sector=urlstate.ALL_SECTORS, chapters=(),
                      direction=urlstate.DIRECTIONS[0], reporter=urlstate.REPORTER_VIEWS[0])
    frame = tables.shape(name, frames, filters).frame
    assert set(tables.column_help(name, frame.columns)) == set(frame.columns)


def page_columns(at) -> dict:
    """The Data page's table's column config, as the browser receives it."""
    return json.loads(at.dataframe[0].proto.columns)


@pytest.mark.parametrize("name", ["trade_annual", "trade_partners", "claims"])
def test_help_reaches_the_page(name):
    at = run("app_pages/sources.py", dataset=tables.NAMES[name])
    config = page_columns(at)
    frame_columns = [*schemas.DATASETS[name].names, *added_columns(name)]
    for column in frame_columns:
        assert config[column]["label"] == column  # the header is the field name, as in the CSV
        assert config[column]["help"] == tables.column_description(name, column), column


def test_help_in_the_readers_language():
    at = run("app_pages/sources.py", lang="ru", dataset="Годовая торговля")
    config = page_columns(at)
    with i18n.language("ru"):
        assert config["preferred"]["help"] == i18n._(tables.column_description("trade_annual", "preferred"))
        assert config["year"]["label"] == "year"


def test_columns_expander_lists_every_column():
    at = run("app_pages/sources.py", dataset=tables.NAMES["events"])
    at.session_state["about_columns"] = True  # the reader opens "Columns of this table"
    at.run()
    assert not at.exception
    (box,) = [e for e in at.expander if e.label == "Columns of this table"]
    text = "\n".join(m.value for m in box.markdown)
    for column in [*schemas.DATASETS["events"].names, *added_columns("events")]:
        assert f"* `{column}`: {tables.column_description('events', column)}" in text
