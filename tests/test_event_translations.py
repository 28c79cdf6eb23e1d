"""kzcn's Russian and Chinese of its event texts: the reader refuses a missing, unknown, empty or stale translation.

Small events.csv / events_i18n.csv pairs are written here and read through the real loader (kzcn.curated), then
validated as the build does (kzcn.validate.to_table), so a failure is the build's own message, naming the file, the
row and the column. What the shipped table holds is pinned in tests/test_shipped_data.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kzcn import curated
from kzcn.errors import KzcnError, SourceFormatError
from kzcn.schemas import TRANSLATION_SOURCE_ID
from kzcn.validate import to_table

EVENTS = [
    {"event_id": "2023-05-17-talks", "title": "Talks in Xi'an", "city": "Xi'an",
     "summary": "The presidents met in Xi'an; the day is unconfirmed.",
     "participants": "Xi Jinping; Tokayev (by video)"},
    {"event_id": "1994-04-26-border", "title": "Border agreement", "city": "",
     "summary": "Where it was signed was not found.", "participants": ""},
]
TEXT = {
    ("2023-05-17-talks", "ru"): ("Переговоры в Сиане", "Президенты встретились в Сиане; день не подтверждён.", "Сиань",
                                 "Си Цзиньпин; Токаев (по видеосвязи)"),
    ("2023-05-17-talks", "zh"): ("西安会谈", "两国元首在西安会晤；日期未经证实。", "西安",
                                 "习近平；托卡耶夫（视频方式）"),
    ("1994-04-26-border", "ru"): ("Соглашение о границе", "Место подписания не найдено.", "", ""),
    ("1994-04-26-border", "zh"): ("边界协定", "签署地点未查到。", "", ""),
}


def _rows() -> list[dict[str, str]]:
    english = {e["event_id"]: e for e in EVENTS}
    return [{"event_id": event, "lang": lang, "title": title, "summary": summary, "city": city,
             "participants": participants, "title_en": english[event]["title"],
             "summary_en": english[event]["summary"], "city_en": english[event]["city"],
             "participants_en": english[event]["participants"]}
            for (event, lang), (title, summary, city, participants) in TEXT.items()]


def _read(tmp_path: Path, rows: list[dict[str, str]]) -> pd.DataFrame:
    pd.DataFrame(EVENTS).to_csv(tmp_path / "events.csv", index=False)
    pd.DataFrame(rows).to_csv(tmp_path / "events_i18n.csv", index=False)
    return curated.event_translations(tmp_path)


def _fails(tmp_path: Path, rows: list[dict[str, str]]) -> SourceFormatError:
    with pytest.raises(SourceFormatError) as info:
        _read(tmp_path, rows)
    assert isinstance(info.value, KzcnError)  # the build turns it into "build failed, data left unchanged"
    assert "events_i18n.csv" in str(info.value)
    return info.value


def _changed(key: tuple[str, str], **cells: str) -> list[dict[str, str]]:
    """The good rows with the cells of the (event_id, lang) row `key` replaced."""
    rows = _rows()
    for row in rows:
        if (row["event_id"], row["lang"]) == key:
            row.update(cells)
    return rows


def test_a_good_table_passes_and_is_marked_as_kzcns_translation(tmp_path):
    frame = _read(tmp_path, _rows())
    table = to_table("event_translations", frame)
    assert table.num_rows == len(TEXT)
    assert set(frame["source_id"]) == {TRANSLATION_SOURCE_ID}
    border = frame[frame["event_id"] == "1994-04-26-border"]
    assert border["city"].isna().all() and border["city_en"].isna().all()  # no city in English, none translated
    assert border["participants"].isna().all() and border["participants_en"].isna().all()
    talks = frame.set_index(["event_id", "lang"]).loc[("2023-05-17-talks", "zh")]
    assert (talks["title"], talks["city"], talks["city_en"]) == ("西安会谈", "西安", "Xi'an")
    assert talks["participants"] == "习近平；托卡耶夫（视频方式）"
    assert talks["participants_en"] == "Xi Jinping; Tokayev (by video)"


def test_a_missing_language_row_fails(tmp_path):
    rows = [r for r in _rows() if (r["event_id"], r["lang"]) != ("1994-04-26-border", "zh")]
    error = _fails(tmp_path, rows)
    assert "'1994-04-26-border' has no zh row" in str(error)


def test_an_event_with_no_translation_at_all_fails(tmp_path):
    rows = [r for r in _rows() if r["event_id"] != "2023-05-17-talks"]
    assert "'2023-05-17-talks' has no ru or zh row" in str(_fails(tmp_path, rows))


def test_an_unknown_event_fails(tmp_path):
    rows = [*_rows(), {**_rows()[0], "event_id": "2030-01-01-invented"}]
    error = _fails(tmp_path, rows)
    assert (error.row, error.column) == (len(rows) + 1, "event_id")
    assert "'2030-01-01-invented' is not in events.csv" in str(error)


def test_a_second_row_for_the_same_language_fails(tmp_path):
    rows = [*_rows(), _rows()[1]]
    error = _fails(tmp_path, rows)
    assert error.row == len(rows) + 1 and "a second zh row" in str(error)


def test_an_unknown_language_fails(tmp_path):
    error = _fails(tmp_path, _changed(("2023-05-17-talks", "ru"), lang="kk"))
    assert error.column == "lang" and "'kk' is not one of ['ru', 'zh']" in str(error)


@pytest.mark.parametrize("column", ["title", "summary"])
def test_an_empty_title_or_summary_fails(tmp_path, column):
    error = _fails(tmp_path, _changed(("2023-05-17-talks", "zh"), **{column: " "}))
    assert (error.row, error.column) == (3, column)
    assert f"'2023-05-17-talks' has no zh {column} though its English {column}" in str(error)


@pytest.mark.parametrize(("column", "invented"), [("city", "北京"), ("participants", "李鹏")])
def test_a_city_or_participants_are_translated_exactly_where_the_english_has_them(tmp_path, column, invented):
    error = _fails(tmp_path, _changed(("2023-05-17-talks", "ru"), **{column: ""}))
    assert error.column == column and f"has no ru {column}" in str(error)
    error = _fails(tmp_path, _changed(("1994-04-26-border", "zh"), **{column: invented}))
    assert error.column == column and f"has a zh {column} but no English {column}" in str(error)


@pytest.mark.parametrize("column", ["title", "summary", "city", "participants"])
def test_a_translation_of_old_english_is_stale(tmp_path, column):
    """The English in events.csv was edited after the translation: the row still carries the old English."""
    error = _fails(tmp_path, _changed(("2023-05-17-talks", "ru"), **{f"{column}_en": "what the English used to say"}))
    assert (error.row, error.column) == (2, f"{column}_en")
    assert f"the ru {column} of event '2023-05-17-talks' is stale" in str(error)


def test_english_left_in_place_of_a_translation_fails(tmp_path):
    error = _fails(tmp_path, _changed(("2023-05-17-talks", "zh"), title="Talks in Xi'an"))
    assert error.column == "title" and "has no Chinese character" in str(error)
    error = _fails(tmp_path, _changed(("1994-04-26-border", "ru"), summary="Where it was signed was not found."))
    assert error.column == "summary" and "has no Cyrillic letter" in str(error)


def test_the_columns_are_checked(tmp_path):
    rows = [{k: v for k, v in r.items() if k != "city_en"} for r in _rows()]
    assert "expected ['event_id', 'lang', 'title', 'summary', 'city'," in str(_fails(tmp_path, rows))
