"""kzcn's Russian and Chinese of its own English in claims.csv and passages.csv: the reader refuses a missing,
unknown, empty or stale translation.

Small claims.csv / passages.csv / texts_i18n.csv sets are written here and read through the real loader
(kzcn.curated), then validated as the build does (kzcn.validate.to_table), so a failure is the build's own message,
naming the file, the row and the column. What the shipped table holds is pinned in tests/test_shipped_data.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kzcn import claims, curated
from kzcn.errors import KzcnError, SourceFormatError
from kzcn.schemas import TRANSLATION_SOURCE_ID
from kzcn.validate import to_table

CLAIM = {"passage_id": "p01", "metric": "", "value": "1", "unit": "", "period": "2023"}  # no words to translate
CLAIMS = [
    {**CLAIM, "claim_id": "c01", "claim_text": "GDP grew 5.2%", "check": "none", "check_args": "No GDP data."},
    {**CLAIM, "claim_id": "c02", "claim_text": "The summit was held with complete success, solemnly",
     "check": "events",
     "check_args": "2023-05-18-summit (date=2023); not checked [complete success]: a judgment; "
                   "not checked [solemnly]: a description the data does not record"},
    {**CLAIM, "claim_id": "c03", "claim_text": "trade reached $1 billion", "check": "trade_value",
     "check_args": "2023"},
]
PASSAGES = [
    {"passage_id": "p01", "paragraph": "1", "theme": "t", "starts_with": "GDP", "trade_views": "",
     "split_note": "First half of paragraph 1."},
    {"passage_id": "p02", "paragraph": "1", "theme": "t", "starts_with": "The summit", "trade_views": "",
     "split_note": ""},
]
TEXT = {  # (table, key, field, English) -> (Russian, Chinese)
    ("claims", "c01", "reason", "No GDP data."): ("Нет данных о ВВП.", "没有 GDP 数据。"),
    ("claims", "c02", "not_checked_reason", "a judgment"): ("это оценка", "这是一种评价"),
    ("claims", "c02", "not_checked_reason", "a description the data does not record"): (
        "описание, которого нет в данных", "数据没有记录的描述"),
    ("passages", "p01", "split_note", "First half of paragraph 1."): ("Первая половина абзаца 1.", "第1段的前半部分。"),
}


def _rows() -> list[dict[str, str]]:
    return [{"table": table, "key": key, "field": field, "lang": lang, "text": text, "text_en": english}
            for (table, key, field, english), both in TEXT.items() for lang, text in zip(("ru", "zh"), both,
                                                                                          strict=True)]


def _read(tmp_path: Path, rows: list[dict[str, str]]) -> pd.DataFrame:
    pd.DataFrame(CLAIMS).to_csv(tmp_path / "claims.csv", index=False)
    pd.DataFrame(PASSAGES).to_csv(tmp_path / "passages.csv", index=False)
    pd.DataFrame(rows).to_csv(tmp_path / "texts_i18n.csv", index=False)
    return curated.text_translations(tmp_path)


def _fails(tmp_path: Path, rows: list[dict[str, str]]) -> SourceFormatError:
    with pytest.raises(SourceFormatError) as info:
        _read(tmp_path, rows)
    assert isinstance(info.value, KzcnError)  # the build turns it into "build failed, data left unchanged"
    assert "texts_i18n.csv" in str(info.value)
    return info.value


def _changed(index: int, **cells: str) -> list[dict[str, str]]:
    """The good rows with the cells of row `index` (0 = the CSV's line 2) replaced."""
    rows = _rows()
    rows[index].update(cells)
    return rows


def test_a_good_table_passes_and_is_marked_as_kzcns_translation(tmp_path):
    frame = _read(tmp_path, _rows())
    table = to_table("text_translations", frame)
    assert table.num_rows == 2 * len(TEXT)
    assert set(frame["source_id"]) == {TRANSLATION_SOURCE_ID}
    reasons = frame[(frame["key"] == "c02") & (frame["lang"] == "zh")]
    assert list(reasons["text"]) == ["这是一种评价", "数据没有记录的描述"]  # two reasons of one claim, both translated


def test_kzcns_own_english_is_the_reasons_never_the_speechs_words():
    own = claims.own_texts(pd.DataFrame(CLAIMS))
    assert own == [("c01", "reason", "No GDP data."), ("c02", "not_checked_reason", "a judgment"),
                   ("c02", "not_checked_reason", "a description the data does not record")]


def test_a_missing_language_row_fails(tmp_path):
    rows = [r for r in _rows() if (r["key"], r["lang"]) != ("p01", "zh")]
    error = _fails(tmp_path, rows)
    assert error.column == "lang"
    assert "the split_note of passage 'p01' in passages.csv ('First half of paragraph 1.') has no zh row" in str(error)


def test_a_reason_with_no_translation_at_all_fails(tmp_path):
    rows = [r for r in _rows() if r["text_en"] != "a judgment"]
    assert "('a judgment') has no ru or zh row" in str(_fails(tmp_path, rows))


def test_a_translation_of_old_english_is_stale(tmp_path):
    """The reason in claims.csv was edited after the translation: the row still carries the old English."""
    error = _fails(tmp_path, _changed(3, text_en="a judgement"))
    assert (error.row, error.column) == (5, "text_en")
    assert "the zh not_checked_reason of claim 'c02' is stale" in str(error)
    error = _fails(tmp_path, _changed(0, text_en="No GDP."))
    assert (error.row, error.column) == (2, "text_en")
    assert "the ru reason of claim 'c01' is stale: text_en is not the reason claims.csv now has ('No GDP data.')" \
        in str(error)


def test_an_unknown_key_fails(tmp_path):
    error = _fails(tmp_path, [*_rows(), {**_rows()[0], "key": "c99"}])
    assert (error.row, error.column) == (2 * len(TEXT) + 2, "key")
    assert "claim 'c99' is not in claims.csv (claim_id)" in str(error)
    error = _fails(tmp_path, _changed(6, key="p09"))
    assert error.column == "key" and "passage 'p09' is not in passages.csv (passage_id)" in str(error)


def test_a_text_the_curated_table_does_not_have_fails(tmp_path):
    error = _fails(tmp_path, [*_rows(), {**_rows()[0], "key": "c03"}])  # a trade check: kzcn wrote no reason
    assert error.column == "field" and "claim 'c03' has no reason in claims.csv: nothing to translate" in str(error)
    error = _fails(tmp_path, [*_rows(), {**_rows()[6], "key": "p02"}])  # a passage kzcn did not split
    assert error.column == "field" and "passage 'p02' has no split_note" in str(error)
    error = _fails(tmp_path, _changed(0, field="split_note"))
    assert error.column == "field"
    assert "field 'split_note' is not one of ['reason', 'not_checked_reason', " in str(error)


def test_an_unknown_table_or_language_fails(tmp_path):
    error = _fails(tmp_path, _changed(0, table="events"))
    assert error.column == "table" and "table 'events' is not one of ['claims', 'passages']" in str(error)
    error = _fails(tmp_path, _changed(1, lang="kk"))
    assert error.column == "lang" and "'kk' is not one of ['ru', 'zh']" in str(error)


def test_a_second_row_for_the_same_language_fails(tmp_path):
    rows = [*_rows(), _rows()[2]]
    error = _fails(tmp_path, rows)
    assert error.row == len(rows) + 1 and "a second ru row for the not_checked_reason of claim 'c02'" in str(error)


def test_an_empty_text_or_english_left_in_place_fails(tmp_path):
    error = _fails(tmp_path, _changed(1, text=" "))
    assert (error.row, error.column) == (3, "text") and "empty zh text" in str(error)
    error = _fails(tmp_path, _changed(0, text="No GDP data."))
    assert error.column == "text" and "has no Cyrillic letter" in str(error)
    error = _fails(tmp_path, _changed(7, text="First half of paragraph 1."))
    assert error.column == "text" and "has no Chinese character" in str(error)
    error = _fails(tmp_path, _changed(2, text="это оценка "))
    assert error.column == "text" and "spaces at its start or end" in str(error)


def test_the_columns_are_checked(tmp_path):
    rows = [{k: v for k, v in r.items() if k != "text_en"} for r in _rows()]
    assert "expected ['table', 'key', 'field', 'lang', 'text', 'text_en']" in str(_fails(tmp_path, rows))


def test_the_words_describing_a_figure_are_kzcns_to_translate_but_not_units_written_by_the_page():
    described = [{**CLAIMS[2], "metric": "bilateral trade", "unit": "USD bn", "period": "2023 Jan–Nov"},
                 {**CLAIMS[0], "metric": "GDP growth", "unit": "% year on year", "period": "2023"}]
    assert claims.described_texts(pd.DataFrame(described)) == [
        ("c03", "metric", "bilateral trade"), ("c03", "period", "2023 Jan–Nov"),  # "$1.00 bn" is written by the page
        ("c01", "metric", "GDP growth"), ("c01", "unit", "% year on year")]  # "2023" has no words


def test_a_figure_whose_words_have_no_translation_fails(tmp_path):
    claims_ = [{**CLAIMS[0], "metric": "GDP growth"}, *CLAIMS[1:]]
    pd.DataFrame(claims_).to_csv(tmp_path / "claims.csv", index=False)
    pd.DataFrame(PASSAGES).to_csv(tmp_path / "passages.csv", index=False)
    pd.DataFrame(_rows()).to_csv(tmp_path / "texts_i18n.csv", index=False)
    with pytest.raises(SourceFormatError) as info:
        curated.text_translations(tmp_path)
    assert "the metric of claim 'c01' in claims.csv ('GDP growth') has no ru or zh row" in str(info.value)
