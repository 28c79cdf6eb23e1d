"""ui's cached frames computed once for every year and then cut must equal the pure function asked for those years."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from kzcn import datasets, ui, views


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return {name: datasets.load(name) for name in ("trade_products", "hs_chapters")}


@pytest.mark.parametrize(("reporter", "flow"), list(itertools.product(["China", "Kazakhstan"], ["exports", "imports"])))
def test_sector_series_cut_equals_the_series_for_those_years(frames, reporter, flow):
    every = ui.product_years(ui.ALL_YEARS)
    assert len(every) > 5
    for years, sector, selected in [(every, None, ()), (every[2:6], None, ()), (every[-1:], "Ores and metals", ()),
                                    (every[:3], None, ("26", "74")), ([every[0], every[-1]], "Energy", ())]:
        direct = views.sector_series(frames["trade_products"], frames["hs_chapters"], years=list(years),
                                     reporter=reporter, flow=flow, sector=sector, selected=selected)
        cut = ui.sector_series(years=list(years), reporter=reporter, flow=flow, sector=sector, selected=selected)
        pd.testing.assert_frame_equal(cut.reset_index(drop=True), direct.reset_index(drop=True), check_dtype=False)


def test_coverage_note_from_the_cached_status_equals_the_direct_note():
    coverage = datasets.load("product_coverage")
    codes = list(datasets.load("hs_chapters")["hs_chapter"])
    for reporter, flow, years, chapters in itertools.product(
            ["China", "Kazakhstan"], ["exports", "imports"], [(1992, 2024), (2014, 2016), (2020, 2024), (1992, 2000)],
            [codes, ["26", "74"], ["27", "01", "26"]]):
        direct = views.coverage_note(coverage, reporter=reporter, flow=flow, years=years, chapters=chapters)
        assert ui.coverage_note(reporter=reporter, flow=flow, years=years, chapters=chapters) == direct


def test_coverage_note_names_the_chapters_the_extract_lacks():
    coverage = datasets.load("product_coverage")
    note = views.coverage_note(coverage, reporter="China", flow="exports", years=(2014, 2024), chapters=["27"])
    assert note.startswith("Chapter 27 is not in the shipped Comtrade extract")
    note = views.coverage_note(coverage, reporter="China", flow="exports", years=(2014, 2024),
                               chapters=["26", "27", "30"])
    assert note.startswith("Chapters 27, 30 are not in the shipped Comtrade extract")  # 26 is shipped
    many = [f"{c:02d}" for c in range(1, 20)]
    assert views.coverage_note(coverage, reporter="China", flow="exports", years=(2014, 2024),
                               chapters=many).startswith("19 of the selected chapters are not")


def test_coverage_note_describes_the_extract_from_the_data():
    """The chapters the note says the extract holds are read from the coverage table, not typed into the code."""
    coverage = datasets.load("product_coverage")
    extract = views.extract_of(coverage, reporter="China", flow="exports")
    assert extract.chapters == ("26", "28", "72", "74", "78", "79", "81") and extract.has_total
    assert extract.years == (2014, 2024)
    assert "(it holds chapters 26, 28, 72, 74, 78, 79 and 81 and the all-goods total)" in views.coverage_note(
        coverage, reporter="China", flow="exports", years=(2014, 2024), chapters=["27"])
    refreshed = coverage.copy()  # as if `kzcn refresh comtrade` had brought chapter 27
    refreshed.loc[(refreshed["hs_chapter"] == "27") & refreshed["series"].isin(views.CUSTOMS_SERIES)
                  & (refreshed["reporter"] == "China") & (refreshed["flow"] == "exports"), "status"] = "available"
    note = views.coverage_note(refreshed, reporter="China", flow="exports", years=(2014, 2024), chapters=["27", "30"])
    assert note.startswith("Chapter 30 is not") and "chapters 26, 27, 28" in note
    assert views.coverage_note(coverage, reporter="China", flow="exports", years=(1995, 2000), chapters=["26"]) == \
        "No chapter data as China reports for 1995–2000: the shipped extract covers 2014–2024."


def test_extract_names_one_chapter_in_the_singular():
    assert views.Extract(("26",), True, (2014, 2024)).describe() == "it holds chapter 26 and the all-goods total"
    assert views.Extract((), False, None).describe() == "it holds no chapter"
