"""The Data & sources page through AppTest: every dataset runs, the table holds the filtered rows, bad links warn."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kzcn import cli, countries, datasets, fmt, i18n, tables, urlstate
from kzcn.paths import REPO_ROOT
from kzcn.ui import Filters

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

ENTRY = str(REPO_ROOT / "dashboard.py")
PAGE = "app_pages/sources.py"


@pytest.fixture(scope="module")
def frames():
    return datasets.load_all()


def open_page(**params: str | list[str]) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value  # a shared link: set before the first run
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def filters(frames, **kw) -> Filters:
    years = tables.full_years(frames)
    base = dict(years=years, sector=urlstate.ALL_SECTORS, chapters=(), direction=urlstate.DIRECTIONS[0],
                reporter=urlstate.REPORTER_VIEWS[0])
    return Filters(**{**base, **kw})


@pytest.mark.parametrize("name", list(tables.NAMES))
def test_each_dataset_runs_with_its_table_download_and_citation(name, frames):
    at = open_page(dataset=tables.NAMES[name])  # the picker binds the shown name: ?dataset=Annual+trade
    assert not at.warning, [w.value for w in at.warning]
    assert at.selectbox(key="dataset").value == name
    shown = at.dataframe[0].value
    expected = tables.table_for(name, frames, filters(frames))
    assert len(shown) == len(expected)
    assert list(shown.columns) == list(expected.columns)
    assert len(at.get("download_button")) == 1
    citation = at.code[0].value
    assert citation.startswith("kzcn — China–Kazakhstan trade and relations dashboard, " + tables.NAMES[name])
    assert "accessed " in citation
    file_name = fmt.md_escape(tables.shape(name, frames, filters(frames)).file_name)
    assert any(file_name in c.value for c in at.caption)


def test_years_link_narrows_the_annual_table(frames):
    at = open_page(dataset="Annual trade", years=["2018", "2020"])
    shown = at.dataframe[0].value
    expected = tables.table_for("trade_annual", frames, filters(frames, years=(2018, 2020)))
    assert len(shown) == len(expected) == frames["trade_annual"]["year"].between(2018, 2020).sum()
    assert set(shown["year"]) == {2018, 2019, 2020}
    assert shown["source_publisher"].notna().all()
    summary = at.caption[0].value
    assert f"Showing {len(expected)} of {len(frames['trade_annual'])} rows" in summary
    assert "kzcn\\-trade\\_annual\\-2018\\-2020\\.csv" in " ".join(c.value for c in at.caption)
    assert "Original data:" in at.code[0].value


def test_sidebar_filters_reach_the_chapter_table(frames):
    at = open_page(dataset="Trade by HS chapter", sector="Ores and metals", reporter="As China reports",
                   direction="Kazakhstan → China")
    shown = at.dataframe[0].value
    expected = tables.table_for("trade_products", frames, filters(
        frames, sector="Ores and metals", reporter="As China reports", direction="Kazakhstan → China"))
    assert len(shown) == len(expected) > 0
    assert set(shown["reporter"]) == {"China"} and set(shown["flow"]) == {"imports"}


def test_unknown_dataset_warns_and_shows_the_default(frames):
    at = open_page(dataset="<b>nope</b>")
    text = " ".join(w.value for w in at.warning)
    assert "Ignored dataset=" in text and "`" in text
    assert at.selectbox(key="dataset").value == tables.DEFAULT
    assert len(at.dataframe[0].value) == len(frames[tables.DEFAULT])


@pytest.fixture
def unrefreshed_app(unrefreshed, monkeypatch) -> Path:
    """The app on the shipped data without what a refresh added (conftest): an empty refresh log, whatever
    refresh this checkout's data/ has had."""
    monkeypatch.setenv("KZCN_DATA_DIR", str(unrefreshed))
    return unrefreshed


def test_notes_are_built_only_when_opened(unrefreshed_app):
    at = open_page()
    labels = [e.label for e in at.expander]
    assert len(labels) == 7 and all(not e.proto.expanded for e in at.expander)
    assert len(at.dataframe) == 1  # only the dataset itself: the notes' tables wait for their expander
    for key in ("about_sides", "about_series", "about_coverage", "about_events", "about_sectors", "about_refresh"):
        at.session_state[key] = True  # what opening it in the browser sets
    at.run()
    assert not at.exception
    assert len(at.dataframe) == 7  # preferred years, three coverage tables, sectors, download pages, the dataset
    text = " ".join(m.value for m in at.markdown)
    for words in ("counted twice", "UN Comtrade's shipped extract", "Every partner", "Dates", "two-digit HS chapters",
                  "download page"):
        assert words in text, words


def test_empty_refresh_log_says_so(unrefreshed_app):
    at = open_page(dataset="Refresh log")
    assert any("The refresh log is empty" in i.value for i in at.info)
    at.session_state["about_refresh"] = True
    at.run()
    notes = " ".join(m.value for m in at.markdown)
    assert "it has not been refreshed from the live APIs since" in notes


def test_a_refresh_is_named_in_the_log_and_the_notes(data, tmp_path, monkeypatch):
    """After `kzcn import baci` (a made-up one-row file, written only into tmp_path) the page names the refresh."""
    baci = tmp_path / "BACI_HS17_Y2021_V000000.csv"  # release 000000: synthetic
    baci.write_text("t,i,j,k,v,q\n2021,398,156,260300,1.5,1\n")
    assert cli.main(["import", "baci", str(baci), "--data", str(data), "--no-progress"]) == 0
    (sid,) = datasets.load("refresh_log", data)["source_id"]
    monkeypatch.setenv("KZCN_DATA_DIR", str(data))
    at = open_page(dataset="Refresh log")
    assert not at.info and list(at.dataframe[0].value["source_id"]) == [sid]
    at.session_state["about_refresh"] = True
    at.run()
    assert not at.exception
    notes = " ".join(m.value for m in at.markdown)
    assert "Latest refresh from the live APIs, per source:" in notes and "has not been refreshed" not in notes
    assert any(list(df.value.get("source_id", [])) == [sid] for df in at.dataframe[1:])


def test_dollars_in_a_russian_table_are_grouped_the_russian_way(frames):
    at = open_page(lang="ru")
    config = json.loads(at.dataframe[0].proto.columns)
    with i18n.language("ru"):
        assert config["value_usd"]["type_config"]["format"] == fmt.dollar_column() != "$%,.0f"


def test_dollars_are_pinned_beside_their_year_so_a_phone_never_cuts_them(frames):
    """A phone scrolls a wide table sideways and cut the column at its edge: "$128,110" of $128,110,000."""
    at = open_page()
    config = json.loads(at.dataframe[0].proto.columns)
    pinned = {column for column, spec in config.items() if spec.get("pinned")}
    assert pinned == {"year", "value_usd"}, pinned


def test_the_notes_and_kzcns_own_tables_are_in_the_readers_language():
    """In Russian: how the headline series is chosen, and the sectors, reporters and series in kzcn's own tables
    (a dataset's own table stays as its CSV has it)."""
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.query_params["lang"] = "ru"
    at.run()
    for key in ("about_series", "about_sectors"):  # opened before the page's first run: AppTest cannot rerun a
        at.session_state[key] = True  # select box whose format_func speaks Russian (its value is compared in English)
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(m.value for m in at.markdown)
    assert "Для каждого года" in text and "Order of preference" not in text
    cells = {str(v) for df in at.dataframe[1:] for column in df.value.columns for v in df.value[column]}
    with i18n.language("ru"):
        assert {i18n._("Energy"), countries.country_name("KAZ"), i18n._("Vehicles")} <= cells
    assert not {"Energy", "Kazakhstan", "Vehicles"} & cells
    assert "Kazakhstan" in set(at.dataframe[0].value["reporter"])  # the dataset as downloaded
