"""The Partners and Timeline pages' texts in the reader's language: country names from CLDR (English unchanged),
groups named by CLDR or kzcn, the partner helpers' sentences through the catalogue, and the caches that hold text
keyed on the language. The catalogue here is a tiny one built in the test, so these tests do not depend on the
shipped translations."""

from __future__ import annotations

import gettext
import inspect
import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from kzcn import countries, fmt, i18n
from kzcn import partnerviews as pv

RU = [  # (context, English, Russian)
    (None, "USSR", "СССР"),
    (None, "{source}, {year} workbook", "{source}, выпуск {year} года"),
    (None, "BNS", "БНС"),
    ("ordinal", "{n}th", "{n}-е"),
    (None, ("{n} country, without the United Kingdom", "{n} countries, without the United Kingdom"),
     ("{n} страна, без Великобритании", "{n} страны, без Великобритании", "{n} стран, без Великобритании")),
    (None, "no {partners} figure", "нет данных: {partners}"),
    ("list separator", "; ", "; "),
    (None, "{clauses}.", "{clauses}."),
    (None, "{source} has no figure for {partner} in {years}", "{source}: {partner} — нет данных за {years}"),
    (None, "place", "место"),
    (None, "same place", "то же место"),
]


@pytest.fixture
def russian(monkeypatch):
    """A tiny Russian catalogue in place of the shipped one (and no cached name from another test)."""
    catalog = Catalog(locale="ru")
    for context, english, russian_text in RU:
        catalog.add(english, russian_text, context=context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    tiny = gettext.GNUTranslations(buffer)
    real = i18n.translations
    monkeypatch.setattr(i18n, "translations", lambda lang: tiny if lang == "ru" else real(lang))
    countries._country_name.cache_clear()
    countries._group_name.cache_clear()
    with i18n.language("ru"):
        yield
    countries._country_name.cache_clear()
    countries._group_name.cache_clear()


@pytest.mark.parametrize(("code", "en", "ru", "zh"), [
    ("RUS", "Russia", "Россия", "俄罗斯"),
    ("KOR", "South Korea", "Республика Корея", "韩国"),
    ("TUR", "Türkiye", "Турция", "土耳其"),
    ("VGB", "British Virgin Islands", "Виргинские о-ва (Великобритания)", "英属维尔京群岛"),
    ("XXX", "XXX", "XXX", "XXX"),
])
def test_country_names_are_cldrs_in_russian_and_chinese_and_kzcns_in_english(code, en, ru, zh):
    assert countries.country_name(code) == en
    with i18n.language("ru"):
        assert countries.country_name(code) == ru
    with i18n.language("zh"):
        assert countries.country_name(code) == zh
    assert countries.country_name(code) == en  # the cache keys on the language


def test_a_former_country_cldr_lacks_comes_from_the_catalogue(russian):
    assert countries.country_name("SUN") == "СССР"
    assert countries.country_name("YUG") == "Yugoslavia"  # no translation in this catalogue: English, never a code
    with i18n.language("en"):
        assert countries.country_name("SUN") == "USSR"


def test_groups_are_named_by_cldr_or_kzcn_and_keep_their_label_in_english():
    assert [countries.group_name(c) for c in ("WORLD", "EU", "CIS")] == ["World", "EU", "CIS"]
    assert countries.display_name("EU", "aggregate", "Страны ЕС") == "Страны ЕС"
    with i18n.language("zh"):
        assert [countries.group_name(c) for c in ("WORLD", "EU", "EURO_AREA")] == ["世界", "欧盟", "欧元区"]
        assert countries.display_name("EU", "aggregate", "Страны ЕС") == "欧盟"
        assert countries.display_name("BNS_ASIA", "aggregate", "Азия") == "Азия"  # a group kzcn does not name
    with i18n.language("ru"):
        assert countries.group_name("EU") == "Европейский союз"


def test_partner_sentences_in_russian(russian):
    assert pv.source_label("kz_bns", 2023) == "БНС, выпуск 2023 года"
    assert pv.ordinal(3) == "3-е"
    note = ("Kazakhstan's EU: 27 countries are listed under it: AUT, BEL, BGR, CYP, CZE, DEU, DNK, ESP, EST, FIN, FRA, "
            "GRC, HRV, HUN, IRL, ITA, LTU, LUX, LVA, MLT, NLD, POL, PRT, ROU, SVK, SVN, SWE")
    assert pv.eu_definition(note) == "27 стран, без Великобритании"
    assert pv.absence_words({"kz_bns": [("Россия", [2019, 2020])]}, (2000, 2024)) == (
        "БНС: Россия — нет данных за 2019–2020.")


def test_english_helpers_unchanged():
    assert [pv.ordinal(n) for n in (1, 2, 3, 11, 22)] == ["1st", "2nd", "3rd", "11th", "22nd"]
    assert pv.source_label("kz_bns", 2023) == "BNS, 2023 workbook"
    assert fmt.sentences("One.", "", "Two.") == "One. Two."
    assert fmt.sentences("一。", "二。") == "一。二。"


def test_partner_caches_holding_text_key_on_the_language():
    from kzcn.ui import partners as cached

    with_text = ["_partner_rankings", "_partner_newest", "_partner_splits", "_partner_absent", "_partner_bars",
                 "_partner_lines", "_partner_source_labels", "_partner_ranks", "_partner_firsts"]
    for name in with_text:
        assert "lang" in inspect.signature(getattr(cached, name)).parameters, name


def test_the_comparison_tables_headers_are_in_the_readers_language(russian):
    """Every header of the top-10 table is the reader's, the places' column too (it read "position" in Chinese)."""
    import pandas as pd

    compare = pd.DataFrame({"imf-dots-kaz": ["RUS", "CHN"], "kz-bns-2020": ["RUS", "CHN"], "agree": [True, True]},
                           index=pd.RangeIndex(1, 3, name="position"))
    table = pv.named_comparison(compare, {"imf-dots-kaz": "IMF DOTS", "kz-bns-2020": "БНС, выпуск 2020 года"})
    assert (table.index.name, list(table.columns)) == ("место", ["IMF DOTS", "БНС, выпуск 2020 года", "то же место"])
    assert table.loc[1].tolist() == ["Россия", "Россия", True]
