"""Source lines are computed from the rows shown: right publishers, press counted apart, nothing invented."""

from __future__ import annotations

import pandas as pd

from kzcn import provenance

SOURCES = pd.DataFrame({
    "source_id": ["a", "b", "c", "p1", "p2"],
    "publisher": ["IMF", "IMF", "UN Comtrade", "Kursiv", "Trend"],
    "title": ["t"] * 5,
    "kind": ["official_statistics"] * 3 + ["press"] * 2,
})


def test_source_ids_split_joined_ids_and_keep_order():
    rows = pd.DataFrame({"source_id": ["b", "a, c", "b", None], "check_source_id": [None, "p1", None, None]})
    assert provenance.source_ids(rows) == ["b", "a", "c", "p1"]


def test_cite_counts_documents_and_labels_press():
    text = provenance.cite(["a", "b", "c", "p1", "p2"], SOURCES)
    assert text.startswith("Sources: IMF (2 documents); UN Comtrade;")
    assert "2 press reports (rounded figures)" in text


def test_cite_of_nothing_is_empty_and_unknown_ids_are_ignored():
    assert provenance.cite([], SOURCES) == ""
    assert provenance.cite(["zzz"], SOURCES) == ""
    assert provenance.cite(["c", "zzz"], SOURCES).startswith("Source: UN Comtrade.")


def test_bare_cite_is_just_the_list():
    assert provenance.cite(["c", "p1"], SOURCES, bare=True) == "UN Comtrade; 1 press report (rounded figures)"


def test_names_note_says_which_chapter_names_are_kzcns_translation():
    from kzcn import i18n

    names = pd.DataFrame({"hs_chapter": ["01", "02", "01", "02"], "lang": ["ru", "ru", "zh", "zh"],
                          "name": ["a", "b", "c", "d"],
                          "source_id": ["nomenclature"] + [provenance.TRANSLATION_SOURCE] * 3})
    sources = pd.DataFrame({"source_id": ["nomenclature", provenance.TRANSLATION_SOURCE],
                            "publisher": ["Customs union", "kzcn"]})
    assert provenance.names_note(names, sources, "en") == ""
    ru = provenance.names_note(names, sources, "ru")
    assert "Customs union" in ru and "02" in ru and "01" not in ru
    assert "kzcn's own translation of the HS titles" in provenance.names_note(names, sources, "zh")
    with i18n.language("zh"):
        assert "自行翻译" in provenance.names_note(names, sources, "zh")
