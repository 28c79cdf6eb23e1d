"""The trade views in another language: the completeness notes written again from the data, counts in the plural
form of the language, and values the code compares (sectors, directions, tabs) left in English.

A tiny Russian catalogue built here stands in for src/kzcn/locale (so these tests do not depend on what the
catalogues hold); English needs none.
"""

from __future__ import annotations

import gettext
import io

import pandas as pd
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from app_pages import trade as trade_page
from kzcn import coverage, datasets, i18n, metrics, sectors, views
from kzcn.schemas import BILATERAL

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

RUSSIAN = {
    "complete: every chapter the source records is here": "полный: здесь есть все группы, которые учитывает источник",
    "incomplete: {reasons}": "неполный: {reasons}",
    ("an extract of chapter {chapters} only", "an extract of chapters {chapters} only"): (
        "выгрузка только группы {chapters}", "выгрузка только групп {chapters}", "выгрузка только групп {chapters}"),
    ("All {n} events are on the map.", "All {n} events are on the map."): (
        "Все {n} событие на карте.", "Все {n} события на карте.", "Все {n} событий на карте."),
    "{country} (no city given in the sources)": "{country} (город в источниках не указан)",
    "Energy": "Энергоносители",
    "Ores and metals": "Руды и металлы",
    "Machinery and electronics": "Машины и электроника",
    "Chapters not in this source (remainder)": "Группы, которых нет в этом источнике (остаток)",
}


@pytest.fixture
def russian(monkeypatch: pytest.MonkeyPatch) -> None:
    """`i18n.translations` answers Russian from the catalogue above (English stays without one)."""
    catalog = Catalog(locale="ru", domain=i18n.DOMAIN)
    for msgid, msgstr in RUSSIAN.items():
        catalog.add(msgid, msgstr)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    ru = gettext.GNUTranslations(buffer)
    monkeypatch.setattr(i18n, "translations", lambda lang: ru if lang == "ru" else gettext.NullTranslations())


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    return datasets.load_all()


def test_every_shipped_note_is_written_again_word_for_word(shipped):
    """coverage.note_of writes a note again from the data for a reader in another language: in English the same
    words as the note the build stored, for every row (so a translation renders exactly what the note says)."""
    done, cov = shipped["product_completeness"], shipped["product_coverage"]
    for row in done.itertuples(index=False):
        same_year = done[(done["reporter"] == row.reporter) & (done["flow"] == row.flow) & (done["year"] == row.year)]
        assert coverage._rebuilt_note(pd.Series(row._asdict()), same_year, cov) == row.note


def test_a_note_in_russian_and_in_english(shipped, russian):
    done, cov = shipped["product_completeness"], shipped["product_coverage"]
    extract = done[done["note"].str.startswith("incomplete: an extract of chapters ")
                   & ~done["note"].str.contains(";")].iloc[0]
    key = (extract["series"], extract["reporter"], extract["partner"], extract["flow"], int(extract["year"]))
    assert coverage.note_of(key, cov, done) == extract["note"]  # English: the stored note
    with i18n.language("ru"):
        assert coverage.note_of(key, cov, done) == "неполный: выгрузка только групп " + \
            extract["note"].removeprefix("incomplete: an extract of chapters ").removesuffix(" only")


def test_sector_views_in_russian_keep_english_keys(shipped, russian):
    """Treemap labels in the reader's language; ids and sectors (what charts and the URL compare) in English."""
    names = sectors.Names.of(shipped["hs_chapters"], shipped["hs_headings"])
    frames = (shipped["trade_products"], shipped["trade_headings"], shipped["product_coverage"],
              shipped["product_completeness"])
    year = int(sectors.year_series(shipped["product_completeness"], reporter="Kazakhstan", flow="exports")
               ["year"].max())
    with i18n.language("ru"):
        shown = sectors.breakdown(sectors.goods(*frames, reporter="Kazakhstan", flow="exports"), names, year=year,
                                  selection=sectors.Selection())
    tops = shown.nodes[shown.nodes["level"] == "sector"].set_index("sector")
    assert set(tops.index) <= set(sectors.SECTOR_NAMES)
    assert tops.loc["Energy", "label"] == "Энергоносители" and tops.loc["Energy", "id"] == "SEnergy"
    english = sectors.breakdown(sectors.goods(*frames, reporter="Kazakhstan", flow="exports"), names, year=year,
                                selection=sectors.Selection())
    assert english.nodes[english.nodes["level"] == "sector"]["label"].tolist() == \
        english.nodes[english.nodes["level"] == "sector"]["sector"].tolist()


def test_counts_take_the_russian_plural_form(russian):
    events = pd.DataFrame({"lat": [1.0, 2.0], "lon": [1.0, 2.0]})
    with i18n.language("ru"):
        assert views.map_note(events) == "Все 2 события на карте."
        assert views.map_note(pd.concat([events] * 3, ignore_index=True).assign(lat=range(6))).startswith(
            "Все 6 событий на карте.")
        assert views.place(None, "Казахстан") == "Казахстан (город в источниках не указан)"
    assert views.map_note(events) == "All 2 events are on the map."


def test_values_the_code_compares_stay_english(russian):
    """N_ marks without translating: tabs, scopes, directions and sectors are the same in every language."""
    with i18n.language("ru"):
        assert trade_page.TABS[0] == "Each side's figures" and views.SCOPE_ALL == "All milestones"
        assert "China → Kazakhstan" in metrics.DIRECTIONS and "Energy" in sectors.SECTOR_NAMES
        assert i18n._(sectors.SECTOR_NAMES[0]) == "Энергоносители"
    assert set(BILATERAL) == {"China", "Kazakhstan"}  # the pages' "as China/Kazakhstan reports" messages
