"""HS chapter, HS4 heading and publishers' names in Russian and Chinese (data/curated/hs_chapter_names.csv,
hs_heading_names.csv and publisher_names.csv): a good table passes; a missing chapter, a second name, an unknown
language, an unknown source and an empty name each fail naming the file, the row and the column. Small tables
written in the test; what the shipped tables hold is pinned in test_shipped_data.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kzcn import curated, i18n, provenance, tables
from kzcn.errors import SourceFormatError, ValidationError
from kzcn.schemas import NAME_LANGS
from kzcn.ui.data import localised_publishers
from kzcn.validate import to_table

CHAPTERS = ["01", "26", "84"]
SOURCES = ["tnved", "own"]
PUBLISHERS = ["Bureau of National Statistics", "International Monetary Fund (IMF)"]
GOOD_CHAPTER_NAMES = [
    ("01", "ru", "ЖИВЫЕ ЖИВОТНЫЕ", "tnved"),
    ("01", "zh", "活动物", "own"),
    ("26", "ru", "РУДЫ, ШЛАК И ЗОЛА", "tnved"),
    ("26", "zh", "矿砂、矿渣及矿灰", "own"),
    ("84", "ru", "РЕАКТОРЫ ЯДЕРНЫЕ, КОТЛЫ, ОБОРУДОВАНИЕ И МЕХАНИЧЕСКИЕ УСТРОЙСТВА; ИХ ЧАСТИ", "tnved"),
    ("84", "zh", "核反应堆、锅炉、机器、机械器具及其零件", "own"),
]
GOOD_PUBLISHER_NAMES = [
    ("Bureau of National Statistics", "ru", "Бюро национальной статистики", "tnved"),
    ("International Monetary Fund (IMF)", "zh", "国际货币基金组织", "own"),
]


def write(folder: Path, name: str, rows: list[tuple[str, ...]], columns: tuple[str, ...]) -> Path:
    pd.DataFrame(rows, columns=list(columns)).to_csv(folder / name, index=False, encoding="utf-8")
    return folder / name


def chapter_names(folder: Path, rows: list[tuple[str, ...]],
                  columns: tuple[str, ...] = ("hs_chapter", "lang", "name", "source_id")) -> pd.DataFrame:
    write(folder, "hs_chapter_names.csv", rows, columns)
    return curated.hs_chapter_names(CHAPTERS, SOURCES, folder)


def publisher_names(folder: Path, rows: list[tuple[str, ...]]) -> pd.DataFrame:
    write(folder, "publisher_names.csv", rows, ("publisher", "lang", "name", "source_id"))
    return curated.publisher_names(PUBLISHERS, SOURCES, folder)


def failure(call, *args) -> SourceFormatError:
    with pytest.raises(SourceFormatError) as info:
        call(*args)
    return info.value


# --- HS chapter names ---------------------------------------------------------------------------------------------

def test_a_good_table_passes_with_one_name_per_chapter_and_language(tmp_path):
    frame = chapter_names(tmp_path, GOOD_CHAPTER_NAMES)
    assert len(frame) == len(CHAPTERS) * len(NAME_LANGS)
    assert frame.set_index(["hs_chapter", "lang"]).loc[("01", "zh"), "name"] == "活动物"
    assert frame["hs_chapter"].tolist()[:2] == ["01", "01"]  # codes stay text with their zero
    table = to_table("hs_chapter_names", frame)  # and it is a valid dataset
    assert table.num_rows == 6


def test_a_missing_chapter_fails_naming_chapter_language_file_and_column(tmp_path):
    rows = [r for r in GOOD_CHAPTER_NAMES if (r[0], r[1]) != ("26", "ru")]
    err = failure(chapter_names, tmp_path, rows)
    assert err.file.endswith("hs_chapter_names.csv") and err.column == "hs_chapter"
    assert "chapter 26 has no 'ru' name" in str(err)


def test_a_second_name_for_a_chapter_and_language_fails_on_its_row(tmp_path):
    rows = [*GOOD_CHAPTER_NAMES, ("84", "zh", "核反应堆", "own")]
    err = failure(chapter_names, tmp_path, rows)
    assert (err.row, err.column) == (8, "hs_chapter")  # CSV line 8: the header, six rows, then this one
    assert "second 'zh' name for hs_chapter '84'" in str(err) and "row 7" in str(err)


@pytest.mark.parametrize("lang", ["en", "kk", "RU", ""])
def test_an_unknown_language_fails(tmp_path, lang):
    rows = [*GOOD_CHAPTER_NAMES[:3], ("26", lang, "РУДЫ", "tnved"), *GOOD_CHAPTER_NAMES[4:]]
    err = failure(chapter_names, tmp_path, rows)
    assert (err.row, err.column) == (5, "lang") and "hs_chapter_names.csv" in str(err)


def test_an_unknown_source_fails(tmp_path):
    rows = [*GOOD_CHAPTER_NAMES[:5], ("84", "zh", "核反应堆、锅炉、机器、机械器具及其零件", "wikipedia")]
    err = failure(chapter_names, tmp_path, rows)
    assert (err.row, err.column) == (7, "source_id") and "'wikipedia'" in str(err)


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_fails(tmp_path, name):
    rows = [GOOD_CHAPTER_NAMES[0], ("01", "zh", name, "own"), *GOOD_CHAPTER_NAMES[2:]]
    err = failure(chapter_names, tmp_path, rows)
    assert (err.row, err.column) == (3, "name") and "empty name" in str(err)


def test_a_name_with_spaces_at_an_end_fails(tmp_path):
    rows = [GOOD_CHAPTER_NAMES[0], ("01", "zh", "活动物 ", "own"), *GOOD_CHAPTER_NAMES[2:]]
    err = failure(chapter_names, tmp_path, rows)
    assert (err.row, err.column) == (3, "name") and "spaces" in str(err)


@pytest.mark.parametrize("chapter", ["1", "98", "TOTAL"])
def test_a_chapter_not_in_hs_chapters_fails(tmp_path, chapter):
    rows = [*GOOD_CHAPTER_NAMES, (chapter, "ru", "ПРОЧЕЕ", "tnved")]
    err = failure(chapter_names, tmp_path, rows)
    assert (err.row, err.column) == (8, "hs_chapter") and "not in hs_chapters.csv" in str(err)


def test_a_missing_column_fails_naming_it(tmp_path):
    rows = [(c, lang, name) for c, lang, name, _ in GOOD_CHAPTER_NAMES]
    err = failure(chapter_names, tmp_path, rows, ("hs_chapter", "lang", "name"))
    assert "'source_id'" in str(err) and "hs_chapter_names.csv" in str(err)


def test_a_missing_file_fails(tmp_path):
    err = failure(curated.hs_chapter_names, CHAPTERS, SOURCES, tmp_path)
    assert err.file.endswith("hs_chapter_names.csv") and "missing" in str(err)


# --- HS4 heading names ------------------------------------------------------------------------------------------

GOOD_HEADING_NAMES = [
    ("0904", "ru", "ПЕРЕЦ РОДА PIPER; ПЛОДЫ РОДА CAPSICUM ИЛИ РОДА PIMENTA, СУШЕНЫЕ ИЛИ  ДРОБЛЕНЫЕ", "tnved"),
    ("2601", "ru", "РУДЫ И КОНЦЕНТРАТЫ ЖЕЛЕЗНЫЕ, ВКЛЮЧАЯ ОБОЖЖЕННЫЙ ПИРИТ", "tnved"),
    ("2601", "zh", "铁矿砂及其精矿，包括焙烧黄铁矿", "own"),
    ("8471", "zh", "自动数据处理设备及其部件", "own"),
]


def heading_names(folder: Path, rows: list[tuple[str, ...]]) -> pd.DataFrame:
    write(folder, "hs_heading_names.csv", rows, ("hs_heading", "lang", "name", "source_id"))
    return curated.hs_heading_names(SOURCES, folder)


def test_good_heading_names_pass_with_their_chapter_and_a_heading_may_lack_a_language(tmp_path):
    frame = heading_names(tmp_path, GOOD_HEADING_NAMES)
    assert frame["hs_chapter"].tolist() == ["09", "26", "26", "84"]  # added for the chapter filter
    assert to_table("hs_heading_names", frame).num_rows == 4  # 8471 has no Russian name: it is shown in English
    assert "hs_heading_names" in tables.CHAPTER_FILTERED and "hs_heading_names" in tables.HEADING_FILTERED


@pytest.mark.parametrize("code", ["271", "84711", "27O1"])
def test_a_heading_not_four_digits_fails_naming_row_and_column(tmp_path, code):
    err = failure(heading_names, tmp_path, [*GOOD_HEADING_NAMES, (code, "ru", "ИМЯ", "tnved")])
    assert (err.row, err.column) == (6, "hs_heading") and "four digits" in str(err)
    assert err.file.endswith("hs_heading_names.csv")


def test_a_heading_name_for_a_heading_no_hs_list_has_fails_the_build_check(tmp_path):
    frame = heading_names(tmp_path, GOOD_HEADING_NAMES)
    curated.check_heading_names(frame, ["0904", "2601", "8471"])
    with pytest.raises(SourceFormatError, match="8471 are in no HS list"):
        curated.check_heading_names(frame, ["0904", "2601"])


def test_headings_are_shown_in_the_readers_language_in_sentence_case_else_in_english(tmp_path):
    """The ТН ВЭД's capitals become sentence case, its Latin genus names stay as published (their case cannot be
    guessed), double spaces go; a heading without a name in the language keeps its English name."""
    from kzcn.ui.data import localised_headings

    headings = pd.DataFrame({"hs_heading": ["0904", "2601", "8471"], "hs_chapter": ["09", "26", "84"],
                             "heading_name": ["Pepper", "Iron ores", "Computers"]})
    names = heading_names(tmp_path, GOOD_HEADING_NAMES)
    ru = localised_headings(headings, names, "ru").set_index("hs_heading")["heading_name"]
    assert ru["0904"] == "Перец рода PIPER; плоды рода CAPSICUM или рода PIMENTA, сушеные или дробленые"
    assert ru["2601"] == "Руды и концентраты железные, включая обожженный пирит"
    assert ru["8471"] == "Computers"
    assert localised_headings(headings, names, "zh").set_index("hs_heading").loc["8471", "heading_name"] == \
        "自动数据处理设备及其部件"


def test_the_heading_names_note_counts_kzcns_translations_beside_the_published_names():
    names = pd.DataFrame({"hs_heading": ["2601", "2603", "2709", "2601"], "lang": ["ru", "ru", "ru", "zh"],
                          "name": ["РУДЫ", "Руды медные", "Нефть", "铁矿砂"],
                          "source_id": ["tnved", "kzcn-translation", "kzcn-translation", "kzcn-translation"]})
    sources = pd.DataFrame({"source_id": ["tnved", "kzcn-translation"], "publisher": ["ФНС", "kzcn"]})
    from kzcn import provenance

    assert provenance.heading_names_note(names, sources, "ru") == (
        "HS4 heading names as published in the nomenclature: ФНС; 2 headings it does not name on its own: kzcn's own "
        "translation.")  # the text in English: the catalogue's Russian is checked by test_i18n
    assert "no published list" in provenance.heading_names_note(names, sources, "zh")
    assert provenance.heading_names_note(names, sources, "en") == ""


# --- publishers' names --------------------------------------------------------------------------------------------

def test_good_publisher_names_pass_and_a_publisher_may_have_no_name(tmp_path):
    frame = publisher_names(tmp_path, GOOD_PUBLISHER_NAMES)
    assert frame.set_index(["publisher", "lang"]).loc[("Bureau of National Statistics", "ru"), "name"] == \
        "Бюро национальной статистики"
    assert to_table("publisher_names", frame).num_rows == 2


@pytest.mark.parametrize(("row", "column", "text"), [
    (("World Bank", "ru", "Всемирный банк", "own"), "publisher", "not in sources.csv"),  # not a publisher in sources
    (("Bureau of National Statistics", "kk", "Ұлттық статистика бюросы", "tnved"), "lang", "not one of"),
    (("International Monetary Fund (IMF)", "ru", "", "own"), "name", "empty name"),
    (("International Monetary Fund (IMF)", "ru", "Международный валютный фонд", "imf.org"), "source_id",
     "unknown source"),
    (("Bureau of National Statistics", "ru", "Бюро", "tnved"), "publisher", "second 'ru' name"),
])
def test_a_bad_publisher_row_fails_naming_file_row_and_column(tmp_path, row, column, text):
    err = failure(publisher_names, tmp_path, [*GOOD_PUBLISHER_NAMES, row])
    assert (err.row, err.column) == (4, column) and text in str(err)
    assert err.file.endswith("publisher_names.csv")


# --- as datasets --------------------------------------------------------------------------------------------------

def test_the_datasets_refuse_a_language_and_a_duplicate_too():
    """The build's own check (kzcn.validate) backs the reader's: allowed languages and the (chapter, lang) key."""
    frame = pd.DataFrame(GOOD_CHAPTER_NAMES, columns=["hs_chapter", "lang", "name", "source_id"])
    with pytest.raises(ValidationError, match="column 'lang'"):
        to_table("hs_chapter_names", frame.assign(lang=frame["lang"].replace("zh", "cn")))
    with pytest.raises(ValidationError, match="duplicate key"):
        to_table("hs_chapter_names", pd.concat([frame, frame.tail(1)], ignore_index=True))


def test_both_tables_are_offered_on_the_data_page_and_follow_the_chapter_filter():
    assert {"hs_chapter_names", "publisher_names"} <= set(tables.NAMES)
    assert "hs_chapter_names" in tables.CHAPTER_FILTERED and "publisher_names" not in tables.CHAPTER_FILTERED


def test_kzcns_own_words_in_a_source_are_translated_and_publishers_names_are_not():
    """A Russian or Chinese source line read "kzcn project (research compilation)" and "…(WITS); data: United
    Nations…": kzcn's own words, left in English among names that stay as their publishers print them."""
    wits = ("World Bank, World Integrated Trade Solution (WITS); data: United Nations Statistics Division "
            "(UN Comtrade)")
    sources = pd.DataFrame({"publisher": ["kzcn project (research compilation)", wits, "Kazinform (inform.kz)"],
                            "title": ["Figures computed by kzcn from the other sources (e.g. sums, turnover = "
                                      "exports + imports)", "A title", "Another"]})
    names = pd.DataFrame({"publisher": ["Kazinform (inform.kz)"], "lang": ["ru"], "name": ["Казинформ"]})
    assert {"kzcn project (research compilation)", wits} <= provenance.OWN_WORDS
    ru = localised_publishers(sources, names, "ru")
    assert list(ru["publisher"]) == ["проект kzcn (исследовательская подборка)",
                                     wits.replace("; data:", "; данные:"), "Казинформ"]
    assert ru["title"][0].startswith("Цифры, вычисленные kzcn") and list(ru["title"][1:]) == ["A title", "Another"]
    zh = localised_publishers(sources, names, "zh")
    assert "数据：United Nations Statistics Division" in zh["publisher"][1] and zh["publisher"][2] == sources[
        "publisher"][2]
    assert i18n.current() == i18n.DEFAULT  # the language is the caller's again
