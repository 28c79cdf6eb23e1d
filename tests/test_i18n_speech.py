"""The speech page, the claims and the Data page in another language: kzcn's own words are translated, the
address and the claims' quoted words never are, and a verdict does not depend on the reader's language.

The catalogue here is a tiny one written by the test itself (the shipped catalogues are tested in test_i18n.py).
"""

from __future__ import annotations

import pandas as pd
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from kzcn import claims, curated, datasets, i18n, provenance, tables, urlstate
from kzcn import speechview as sv
from kzcn.ui import Filters

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

TINY = {
    "ru": {
        "matches": "совпадает",
        "Paragraph {paragraph}": "Абзац {paragraph}",
        "Every fact checked matches kzcn's events data.":
            "Каждый проверенный факт совпадает с данными kzcn о событиях.",
        "Checked: {details}": "Проверено: {details}",
        "Verdict": "Вердикт",
        "Claim (verbatim)": "Утверждение (дословно, в оригинале)",
        "years {first}–{last}": "годы {first}–{last}",
        "Annual trade": "Годовая торговля",
        "Source: {sources}. Details: Data & sources page.":
            "Источник: {sources}. Подробнее: страница «Данные и источники».",
        ("{n} press report (rounded figures)", "{n} press reports (rounded figures)"): (
            "{n} сообщение прессы (округлённые данные)", "{n} сообщения прессы (округлённые данные)",
            "{n} сообщений прессы (округлённые данные)"),
        ("Showing {shown} of {total} rows: {filters}.", "Showing {shown} of {total} rows: {filters}."): (
            "Показано {shown} из {total} строки: {filters}.", "Показано {shown} из {total} строк: {filters}.",
            "Показано {shown} из {total} строк: {filters}."),
    },
    "zh": {
        "Every fact checked matches kzcn's events data.": "所核查的每项事实均与 kzcn 的事件数据相符。",
        "Checked: {details}": "已核查：{details}",
        "Not checked: {words} — {why}.": "未核查：{words}——{why}。",
    },
}


@pytest.fixture
def catalogues(tmp_path, monkeypatch):
    """TINY as the app's catalogues, for the duration of one test."""
    for lang, messages in TINY.items():
        catalog = Catalog(locale="ru" if lang == "ru" else "zh_Hans_CN")
        for msgid, msgstr in messages.items():
            catalog.add(msgid, msgstr)
        folder = tmp_path / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with (folder / "kzcn.po").open("wb") as handle:
            write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    yield
    i18n.translations.cache_clear()


@pytest.fixture(scope="module")
def frames():
    return datasets.load_all()


def _checked(frames, lang: str) -> pd.DataFrame:
    with i18n.language(lang):
        return claims.check(curated.claims(), frames["trade_annual"], frames["press_figures"], frames["events"],
                            frames["trade_partners"])


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_a_verdict_is_the_same_in_every_language(frames, lang):
    english, other = _checked(frames, "en"), _checked(frames, lang)
    for column in ("claim_id", "claim_text", "verdict", "check_value", "check_unit", "check_source_id"):
        assert english[column].equals(other[column]), column
    assert english["check_note"].notna().equals(other["check_note"].notna())


def test_the_build_writes_the_notes_the_shipped_data_holds(frames):
    """The shipped claims were checked in English: checking them again outside any language gives the same."""
    shipped = frames["claims"].set_index("claim_id")
    again = _checked(frames, "en").set_index("claim_id")
    for column in ("verdict", "check_note", "check_basis"):
        assert again[column].fillna("").equals(shipped[column].fillna("").loc[again.index]), column


def test_notes_are_in_the_readers_language_and_the_quoted_words_stay_english(frames, catalogues):
    with i18n.language("ru"):
        note = _checked(frames, "ru").set_index("claim_id").loc["c02", "check_note"]
    assert note.startswith("Каждый проверенный факт совпадает с данными kzcn о событиях.")
    assert "“have achieved complete success”" in note  # the speech's words, quoted as published
    assert "Проверено: " in note


def test_chinese_sentences_follow_each_other_without_a_space(frames, catalogues):
    with i18n.language("zh"):
        note = _checked(frames, "zh").set_index("claim_id").loc["c02", "check_note"]
    assert note.startswith("所核查的每项事实均与 kzcn 的事件数据相符。未核查：“have achieved complete success”——")
    assert "。 " not in note


def test_the_address_is_never_translated(frames, catalogues):
    english = sv.passage_views(frames["passages"], frames["claims"], frames["events"])
    with i18n.language("ru"):
        russian = sv.passage_views(frames["passages"], frames["claims"], frames["events"])
        badge = sv.verdict_badge("matches")
    assert [p.text for p in russian] == [p.text for p in english]
    assert [c[0].split("] ", 1)[1] for p in russian for c in p.claims] == \
        [c[0].split("] ", 1)[1] for p in english for c in p.claims]  # each quoted claim, word for word
    assert russian[0].heading.startswith("p01 · Абзац 1 · ")
    assert badge == ":green-badge[:material/check_circle: совпадает]"


def test_the_claims_table_names_its_columns_in_the_readers_language(frames, catalogues):
    table = sv.claims_table(frames["claims"], frames["sources"], frames["passages"], ["matches"])
    with i18n.language("ru"):
        shown = sv.as_markdown(table)
    assert "Вердикт" in shown.columns and "Утверждение (дословно, в оригинале)" in shown.columns
    assert shown["Вердикт"].str.contains("совпадает").all()
    assert list(table.columns) == sv.CLAIM_COLUMNS  # the code keeps the English names


def test_the_data_page_says_what_the_filters_did_in_the_readers_language(frames, catalogues):
    f = Filters(years=(2018, 2019), sector=urlstate.ALL_SECTORS, chapters=(), direction=urlstate.DIRECTIONS[0],
                reporter=urlstate.REPORTER_VIEWS[0])
    with i18n.language("ru"):
        view = tables.shape("trade_annual", frames, f)
        summary, label = view.summary(), view.label
    assert summary.startswith("Показано ") and "строк: годы 2018–2019." in summary
    assert label == "Годовая торговля" and tables.NAMES["trade_annual"] == "Annual trade"


def test_a_source_line_counts_press_reports_in_russian(frames, catalogues):
    press = frames["sources"].loc[frames["sources"]["kind"] == "press", "source_id"].tolist()[:3]
    with i18n.language("ru"):
        line = provenance.cite(press, frames["sources"])
    assert line == "Источник: 3 сообщения прессы (округлённые данные). Подробнее: страница «Данные и источники»."
