"""The Data & sources page's notes are written from the data they describe (small frames built here)."""

from __future__ import annotations

import pandas as pd

from kzcn import method_notes


def _trade(*rows: tuple) -> pd.DataFrame:
    cols = ["year", "reporter", "partner", "flow", "value_usd", "series", "status", "source_id"]
    return pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows], columns=cols)


def _products(*rows: tuple) -> pd.DataFrame:
    cols = ["year", "reporter", "flow", "hs_chapter", "series", "value_usd"]
    return pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows], columns=cols)


def plain(markdown: str) -> str:
    """The note as read: Markdown escapes (of text from the data) removed."""
    return markdown.replace("\\", "")


NO_COVERAGE = pd.DataFrame(columns=["reporter", "flow", "hs_chapter", "year", "status"])
NO_PRESS = pd.DataFrame(columns=["figure_id"])


def test_coverage_notes_name_only_the_sources_in_the_data_and_their_years():
    trade = _trade((2019, "Kazakhstan", "China", "exports", 1e9, "kz_bns", "reported", "bns"),
                   (2021, "Kazakhstan", "China", "exports", 2e9, "kz_bns", "reported", "bns"))
    notes = method_notes.coverage_notes(trade, _products(), NO_COVERAGE, NO_PRESS)
    assert any(n.startswith("**BNS**") and "cover 2019, 2021" in plain(n) for n in notes)
    assert not any("IMF DOTS" in n or "BACI" in n or "shipped extract" in n for n in notes)
    assert notes[-1].startswith("**Press figures** (0 in Press figures, and 0 totals")


def test_the_extract_note_lists_its_chapters_without_the_total():
    products = _products((2023, "China", "exports", "26", "comtrade", 1.0),
                         (2024, "China", "exports", "74", "comtrade", 1.0),
                         (2024, "China", "exports", "TOTAL", "comtrade", 5.0))
    note = method_notes.coverage_notes(_trade(), products, NO_COVERAGE, NO_PRESS)[0]
    assert note.startswith("**UN Comtrade's shipped extract** holds 2 chapters (26, 74)") and "2023–2024" in note


def test_the_excluded_comtrade_years_are_given_as_a_share_of_the_bureaus_figures():
    trade = _trade(*[(2021, "Kazakhstan", "China", flow, v, series, "reported", series)
                     for flow, v, series in [("imports", 3e9, "comtrade"), ("imports", 10e9, "kz_bns"),
                                             ("exports", 2e9, "comtrade"), ("exports", 8e9, "kz_bns")]])
    note = next(n for n in method_notes.coverage_notes(trade, _products(), NO_COVERAGE, NO_PRESS)
                if "implausibly low" in n)
    assert "for 2021" in note and "imports from China there are 30–30%" in note and "exports 25–25%" in note


def test_chapters_missing_from_a_download_are_grouped_and_escaped():
    coverage = pd.DataFrame({"reporter": ["China", "China", "China"], "flow": ["exports", "imports", "exports"],
                             "hs_chapter": ["28", "28", "72"], "year": [2016, 2016, 2016],
                             "status": ["missing_in_download"] * 3})
    note = plain(next(n for n in method_notes.coverage_notes(_trade(), _products(), coverage, NO_PRESS)
                      if n.startswith("**Missing")))
    assert "chapter 28 (exports and imports, 2016, as China reports)" in note
    assert "chapter 72 (exports, 2016, as China reports)" in note


def test_events_note_counts_month_dates_places_and_disagreements():
    events = pd.DataFrame({"start": ["2023-05", "2023-05-17", "2024-07-02"], "precision": ["month", "day", "day"],
                           "city": [None, "Xi'an", None], "disagreement": [None, "A says 17, B says 18", None]})
    note = plain(method_notes.events_note(events))
    assert note.startswith("3 events, 2023–2024")
    assert "(1 events: 2023-05)" in note and "**Places**: 2 events have no city" in note
    assert "**Disagreements**: 1 events" in note


def test_sectors_note_counts_and_places_chapter_71():
    chapters = pd.DataFrame({"hs_chapter": ["71", "72", "84"], "sector": ["Textiles and consumer goods",
                                                                         "Ores and metals", "Machinery"]})
    note = method_notes.sectors_note(chapters)
    assert "the 3 two-digit HS chapters into 3 sectors" in note
    assert "(chapter 71) are under Textiles and consumer goods" in note
    assert "chapter 71" not in method_notes.sectors_note(chapters[chapters["hs_chapter"] != "71"])


def test_accessed_note_says_one_day_or_a_span_and_nothing_without_dates():
    sources = pd.DataFrame({"accessed": ["2026-11-28", None, "2026-11-30"]})
    assert "between 2026-11-28 and 2026-11-30" in plain(method_notes.accessed_note(sources))
    assert "on 2026-11-28" in plain(method_notes.accessed_note(sources.iloc[:1]))
    assert method_notes.accessed_note(sources.iloc[[1]]) == ""


def test_sources_without_a_download_page_are_listed_and_press_counted():
    sources = pd.DataFrame({"source_id": ["a", "b", "p1", "p2"], "kind": ["speech", "research", "press", "press"],
                            "title": ["The *address*", "Has a page", "x", "y"],
                            "download_page": ["none: a web page", "https://example.org/", "", ""]})
    text = method_notes.no_download_page(sources)
    assert r"The \*address\*" in text  # text from the data is escaped, so it cannot format the page
    assert "The *address*: none: a web page" in plain(text) and "Has a page" not in text
    assert text.endswith("* 2 press reports: each row of Press figures links to its own page.")


def test_the_preferred_series_note_follows_the_rules_and_the_data():
    """The order of preference is kzcn.preferred's; the estimates' years are the data's, and without estimates the
    sentence about them goes."""
    with_estimates = _trade((1992, "Kazakhstan", "China", "exports", 1e6, "imf_dots", "imf_estimate", "dots"),
                            (1993, "Kazakhstan", "China", "exports", 1e6, "imf_dots", "imf_estimate", "dots"))
    note = method_notes.preferred_note(with_estimates)
    assert "**As China reports:** UN Comtrade, then IMF DOTS." in note
    assert "**As Kazakhstan reports:** the statistics bureau (BNS), then UN Comtrade, then IMF DOTS" in note
    assert "figures for 2020–2022 are never preferred" in note and "IMF estimates (1992–1993)" in note
    assert "IMF estimates" not in method_notes.preferred_note(_trade())
