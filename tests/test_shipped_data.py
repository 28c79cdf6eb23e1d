"""Pins facts of the SHIPPED data (data/*.parquet) that were read by hand from the raw files or are stated in the
README, and nothing the next refresh or the next year of data would change.

Why: every other test checks behaviour, on fixture frames built in the test or with expectations derived from
the data through kzcn's functions, so that it passes whatever years the data holds (tests/test_refreshed_copy.py
runs the fast tests on a copy refreshed with a year they have never seen). What the shipped files should hold
is pinned here, deliberately, in one place: a figure read from a raw file, the README's description of a
series. A failure here means the shipped data no longer says what the README and the raw files say.

What a pin may hold, so that a refresh never breaks it: `kzcn refresh comtrade` and `kzcn import baci` add rows
of the series comtrade_api and baci_bulk (trade_products, sources, product_coverage, product_completeness,
refresh_log) and never touch another series; a rebuild on newer raw files adds years. So rows are selected by
key (series, reporter, partner, flow, year, source); a pin says a value or a year IS THERE, never how many
rows, what the total or the newest year is, and never that nothing else is there, except for a series only
the build writes, from the shipped raw files (whose README is then wrong too).

Two siblings follow the same rules and carry their own derivation notes: test_shipped_hs4_figures.py (the WITS
HS4 files: trade_headings, the wits_hs4 series) and test_shipped_partner_figures.py (trade_partners). They
stay separate files because each documents how its ~50 figures were read from its own raw files and keeps
its own xfails for disagreements between sources; merging three such notes into one module would make each
harder to audit. `pytest tests/test_shipped_*.py` runs all three. test_build.py checks the whole of data/
against a fresh build of the raw folder, apart from what a refresh added.
"""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import one

from kzcn import datasets, metrics, sectors, tables
from kzcn.paths import REPO_ROOT

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

MILLION = 1_000_000


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    return datasets.load_all()




def test_bns_figures_read_from_the_workbooks(shipped):
    """raw/kz-bns: sheet '2023', row 76 «Китай», columns D and F (thousand US$); the raw README prints 14,666,158.3."""
    trade = shipped["trade_annual"]
    key = dict(series="kz_bns", reporter="Kazakhstan", partner="China", year=2023, source_id="kz-bns-2023")
    assert one(trade, flow="exports", **key)["value_usd"] == pytest.approx(14_666_158_300.1)
    assert one(trade, flow="imports", **key)["value_usd"] == pytest.approx(15_389_231_312.22)
    exports_2018 = one(trade, series="kz_bns", reporter="Kazakhstan", partner="China", year=2018, flow="exports",
                        preferred=True)
    assert exports_2018["value_usd"] == pytest.approx(6_307.5 * MILLION, abs=0.05 * MILLION)  # README: 6,307.5 m


def test_comtrade_totals_read_from_the_download(shipped):
    """raw/comtrade/comtrade_chn_reporter.csv, data row 320 (primaryValue, cmdCode TOTAL)."""
    row = one(shipped["trade_annual"], series="comtrade", reporter="China", partner="Kazakhstan", flow="exports",
               year=2023)
    assert row["value_usd"] == 24_696_909_997.0 and row["source_id"] == "comtrade-chn"


def test_kazakhstans_comtrade_2020_to_2022_is_shown_but_never_preferred(shipped):
    """README: Kazakhstan's preferred series is BNS, then UN Comtrade except 2020–2022, where its Comtrade
    submission is implausibly low (about 30% of BNS for imports)."""
    ratio = tables.excluded_comtrade_ratio(shipped["trade_annual"]).set_index(["year", "flow"])["pct_of_bns"]
    for year in (2020, 2021, 2022):
        assert ratio[(year, "imports")] < 40
    trade = shipped["trade_annual"]
    short = trade[(trade["series"] == "comtrade") & (trade["reporter"] == "Kazakhstan")
                  & (trade["partner"] == "China") & trade["year"].between(2020, 2022)]
    assert len(short) > 0 and not short["preferred"].any() and short["note"].str.contains("implausibly low").all()


def test_kazakhstans_comtrade_chapter_72_is_cut_short_in_2020_to_2022(shipped):
    """shared/data README: in 2020–2022 UN Comtrade's Kazakhstan records stop at heading 7202 (exports) or 7205
    (imports), in the source itself; the chapter extract (comtrade_kaz_reporter.csv line 222: imports of chapter 72
    from China, 2021, $67,100.91 against China's $237.9 m) holds the same records, so its chapter 72 is marked cut
    short and the chapter gap leaves it out those years (it had set it against China's figure as complete)."""
    cov = shipped["product_coverage"]
    for flow in ("exports", "imports"):
        for year in (2020, 2021, 2022):
            assert one(cov, series="comtrade", reporter="Kazakhstan", partner="China", flow=flow, year=year,
                       hs_chapter="72")["status"] == "incomplete_in_source"
            note = one(shipped["product_completeness"], series="comtrade", reporter="Kazakhstan", partner="China",
                       flow=flow, year=year)["note"]
            assert "(World Bank WITS) with China stop at heading" in note and "chapter 72 is marked" in note
        assert one(cov, series="comtrade", reporter="Kazakhstan", partner="China", flow=flow, year=2019,
                   hs_chapter="72")["status"] == "available"
    names = sectors.Names.of(shipped["hs_chapters"], shipped["hs_headings"])
    gap = sectors.chapter_gap(shipped["trade_products"], cov, names, metrics.DIRECTIONS)
    assert "72" not in set(gap.loc[gap["year"].between(2020, 2022), "hs_chapter"])
    assert "72" in set(gap.loc[gap["year"] == 2019, "hs_chapter"])


def test_preferred_series_per_reporter_as_the_readme_says(shipped):
    """README: China — UN Comtrade, then IMF DOTS; Kazakhstan — BNS (2018–2023), then UN Comtrade, then IMF DOTS."""
    pref = tables.preferred_years(shipped["trade_annual"])
    spans = dict(zip(zip(pref["reporter"], pref["series used"], strict=True), pref["years"], strict=True))
    assert spans[("Kazakhstan", "Kazakhstan's statistics bureau (BNS)")].startswith("2018–2023")
    assert spans[("China", "IMF DOTS")].startswith("1992")
    trade = shipped["trade_annual"]
    preferred = trade[trade["preferred"]]
    for year in range(2018, 2024):
        assert one(preferred, reporter="Kazakhstan", partner="China", flow="exports", year=year)["series"] == "kz_bns"
    for year in range(2014, 2025):
        assert one(preferred, reporter="China", partner="Kazakhstan", flow="exports", year=year)["series"] == (
            "comtrade")
    assert not trade.loc[trade["series"] == "press", "preferred"].any()  # README: press figures never preferred


def test_the_shipped_comtrade_extract_has_seven_chapters(shipped):
    """README: UN Comtrade by HS chapter, 2014–2024: seven mineral and metal chapters and the all-goods total.
    Only the build writes series `comtrade` (a refresh writes `comtrade_api`), so its chapters are pinned whole;
    tests of the sector views rely on chapter 27 being absent from it."""
    products = shipped["trade_products"]
    comtrade = products[products["series"] == "comtrade"]
    assert set(comtrade["hs_chapter"]) == {"26", "28", "72", "74", "78", "79", "81", "TOTAL"}
    assert {2014, 2024} <= set(comtrade["year"]) and set(comtrade["reporter"]) == {"China", "Kazakhstan"}
    coverage = shipped["product_coverage"]
    energy = coverage[(coverage["series"] == "comtrade") & (coverage["hs_chapter"] == "27")]
    assert len(energy) > 0 and set(energy["status"]) == {"not_downloaded"}  # missing, never zero


def test_baci_2021_kazakhstan_to_china(shipped):
    """README: CEPII BACI 2021, Kazakhstan → China, all chapters (raw/baci, release V202301, HS02)."""
    products = shipped["trade_products"]
    baci = products[(products["series"] == "baci") & (products["year"] == 2021)]
    assert set(zip(baci["reporter"], baci["partner"], baci["flow"], strict=True)) == {
        ("Kazakhstan", "China", "exports")}
    assert "TOTAL" in set(baci["hs_chapter"]) and set(baci["classification"]) == {"HS02"}


def test_chapter_84_in_russian_and_chinese_and_where_each_name_comes_from(shipped):
    """data/curated/hs_chapter_names.csv: the Russian name of chapter 84 as the ФНС classifier file of the ТН ВЭД ЕАЭС
    gives it (TNVED2 version 036, read from a copy, see sources.csv), the Chinese one kzcn's own translation."""
    names = shipped["hs_chapter_names"]
    ru = one(names, hs_chapter="84", lang="ru")
    assert ru["name"] == "РЕАКТОРЫ ЯДЕРНЫЕ, КОТЛЫ, ОБОРУДОВАНИЕ И МЕХАНИЧЕСКИЕ УСТРОЙСТВА; ИХ ЧАСТИ"
    assert ru["source_id"] == "eaeu-tnved-fns-classifier"
    zh = one(names, hs_chapter="84", lang="zh")
    assert zh["name"] == "核反应堆、锅炉、机器、机械器具及其零件" and zh["source_id"] == "kzcn-translation"
    assert one(names, hs_chapter="26", lang="ru")["name"] == "РУДЫ, ШЛАК И ЗОЛА"
    assert one(names, hs_chapter="72", lang="ru")["name"] == "ЧЕРНЫЕ МЕТАЛЛЫ"


def test_heading_names_in_russian_and_chinese_and_where_each_comes_from(shipped):
    """data/curated/hs_heading_names.csv: 957 Russian names as the ФНС classifier's heading file (TNVED3 version 020,
    read from a copy) gives them, the 272 headings it does not list (undivided ones such as 2709) and every Chinese
    name kzcn's translation; every heading with an English name has both, so no treemap mixes languages."""
    names = shipped["hs_heading_names"]
    assert one(names, hs_heading="2601", lang="ru")["name"] == "РУДЫ И КОНЦЕНТРАТЫ ЖЕЛЕЗНЫЕ, ВКЛЮЧАЯ ОБОЖЖЕННЫЙ ПИРИТ"
    assert one(names, hs_heading="2601", lang="ru")["source_id"] == "eaeu-tnved-fns-headings"
    assert '"ГОМОГЕНИЗИРОВАННЫЙ"' in one(names, hs_heading="2403", lang="ru")["name"]  # the copy's ' put back
    assert one(names, hs_heading="2709", lang="ru")["source_id"] == "kzcn-translation"
    ru = names[names["lang"] == "ru"]
    assert (ru["source_id"] == "eaeu-tnved-fns-headings").sum() == 957 and len(ru) == 957 + 272
    assert set(names.loc[names["lang"] == "zh", "source_id"]) == {"kzcn-translation"}
    english = shipped["hs_headings"].dropna(subset=["heading_name"])["hs_heading"]
    for lang in ("ru", "zh"):
        assert set(english) == set(names.loc[names["lang"] == lang, "hs_heading"]), lang
    sources = shipped["sources"].set_index("source_id")
    assert sources.loc["eaeu-tnved-fns-headings", "kind"] == "reference"
    assert pd.isna(sources.loc["eaeu-tnved-fns-headings", "accessed"])  # read from a copy, not the ФНС page


def test_chapter_names_marked_as_kzcns_translation_where_no_published_list_was_read(shipped):
    """No copy of China's customs tariff was found, so every Chinese name is kzcn's; the ФНС file still has the
    pre-2022 names of groups 15, 16 and 24 and has no group 77, so those Russian names are kzcn's too. Only the build
    writes this table, from the curated CSV, so it is pinned whole."""
    names = shipped["hs_chapter_names"]
    assert set(names.loc[names["lang"] == "zh", "source_id"]) == {"kzcn-translation"}
    ru = names[names["lang"] == "ru"].set_index("hs_chapter")["source_id"]
    assert set(ru[ru == "kzcn-translation"].index) == {"15", "16", "24", "77"}
    assert set(ru[ru != "kzcn-translation"]) == {"eaeu-tnved-fns-classifier"}
    assert "микробиологического" in one(names, hs_chapter="15", lang="ru")["name"]  # the HS 2022 title
    sources = shipped["sources"].set_index("source_id")
    assert sources.loc["kzcn-translation", "kind"] == "kzcn_translation"
    assert sources.loc["eaeu-tnved-fns-classifier", "kind"] == "reference"
    assert pd.isna(sources.loc["eaeu-tnved-fns-classifier", "accessed"])  # read from a copy, not the ФНС page


def test_the_statistics_bureau_names_itself_in_russian(shipped):
    """raw/kz-bns/bns-foreign-trade-by-country-2023.xls, sheet «Усл.обозначения», cell B13 («© Бюро …»)."""
    row = one(shipped["publisher_names"], lang="ru",
              publisher="Bureau of National Statistics, Agency for Strategic Planning and Reforms of the Republic of "
                        "Kazakhstan")
    assert row["name"] == ("Бюро национальной статистики Агентства по стратегическому планированию и реформам "
                           "Республики Казахстан")
    assert row["source_id"] == "kz-bns-2023"


def test_every_sector_is_in_the_translated_list(shipped):
    """kzcn's sector names are its own vocabulary: each one in data/curated/hs_chapters.csv (and the shipped
    hs_chapters) is declared in kzcn.sectors.SECTOR_NAMES, where it is marked for translation (docs/i18n.md)."""
    curated = pd.read_csv(REPO_ROOT / "data" / "curated" / "hs_chapters.csv", dtype=str)
    assert set(curated["sector"]) <= set(sectors.SECTOR_NAMES)
    assert set(shipped["hs_chapters"]["sector"]) <= set(sectors.SECTOR_NAMES)


def test_every_shipped_event_has_kzcns_russian_and_chinese(shipped):
    """data/curated/events_i18n.csv: one ru and one zh row for every event, of the event's current English, each
    marked as kzcn's own translation (never an official text); names in their standard forms."""
    translated = shipped["event_translations"]
    events = shipped["events"].set_index("event_id")
    assert set(zip(translated["event_id"], translated["lang"], strict=True)) == {
        (event, lang) for event in events.index for lang in ("ru", "zh")}
    assert (translated["title_en"] == events.loc[translated["event_id"], "title"].to_numpy()).all()
    assert set(translated["source_id"]) == {"kzcn-translation"}
    source = one(shipped["sources"], source_id="kzcn-translation")
    assert source["kind"] == "kzcn_translation" and "event_translations" in source["notes"]
    assert "Not an official text" in source["notes"]
    speech = translated[translated["event_id"] == "2013-09-07-xi-nazarbayev-university-silk-road-speech"]
    ru, zh = (one(speech, lang=lang) for lang in ("ru", "zh"))
    assert "Си Цзиньпин" in ru["summary"] and "习近平" in zh["summary"]
    assert "«Один пояс, один путь»" in ru["summary"] and "“一带一路”" in zh["summary"]
    assert (ru["city"], zh["city"]) == ("Астана", "阿斯塔纳")
    assert (translated["participants_en"] == events.loc[translated["event_id"], "participants"].to_numpy()).all()
    summit = translated[translated["event_id"] == "2023-05-18-china-central-asia-summit-xian"]
    ru, zh = (one(summit, lang=lang)["participants"] for lang in ("ru", "zh"))
    assert "Председатель КНР Си Цзиньпин" in ru and "Касым-Жомарт Токаев" in ru
    assert "中国国家主席习近平" in zh and "卡瑟姆若马尔特·托卡耶夫" in zh and "；" in zh


def test_kzcns_own_words_about_the_speech_are_translated(shipped):
    """data/curated/texts_i18n.csv: the reason of every claim kzcn does not check, every reason after "not
    checked [...]:", every figure's metric, unit and period words, and every passage's split note, in Russian and
    in Chinese, of the English the shipped claims and passages hold now; marked as kzcn's own translation. The
    speech's words in the brackets stay English."""
    from kzcn import claims

    texts = shipped["text_translations"]
    english = [("claims", c, f, t) for c, f, t in claims.own_texts(shipped["claims"])]
    described = [("claims", c, f, t) for c, f, t in claims.described_texts(shipped["claims"])]
    english += [("passages", p, "split_note", n) for p, n in zip(shipped["passages"]["passage_id"],
                                                              shipped["passages"]["split_note"], strict=True)
                if isinstance(n, str) and n]
    assert {k for _t, k, _f, _e in english} == {"c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c14", "c16",
                                               "c17", "p01", "p04", "p05"}
    assert {k for _t, k, _f, _e in described} == set(shipped["claims"]["claim_id"])  # every figure's metric at least
    assert set(zip(texts["table"], texts["key"], texts["field"], texts["lang"], texts["text_en"], strict=True)) == {
        (t, k, f, lang, e) for t, k, f, e in [*english, *described] for lang in ("ru", "zh")}
    assert set(texts["source_id"]) == {"kzcn-translation"}
    assert "text_translations" in one(shipped["sources"], source_id="kzcn-translation")["notes"]
    c02 = texts[(texts["key"] == "c02") & (texts["field"] == "not_checked_reason")].set_index("lang")["text"]
    assert c02["ru"].startswith("успешность события является оценкой")
    assert c02["zh"].startswith("活动是否成功是一种评价")
    p04 = texts[texts["key"] == "p04"].set_index("lang")["text"]
    assert "(«…collective consciousness.2023 will remain…»)" in p04["ru"]  # the address's words, as published
    assert "（“…collective consciousness.2023 will remain…”）" in p04["zh"]


def test_every_note_after_an_event_country_is_translated(shipped):
    """events.csv writes "Kazakhstan/China (border)": the note in brackets is shown translated, so it must be one of
    ui.data.COUNTRY_NOTES; every country name is CLDR's English name (translated by CLDR)."""
    from babel import Locale

    from kzcn.ui.data import COUNTRY_NOTES

    english = set(Locale("en").territories.values())
    for text in shipped["events"]["country"].dropna():
        names, _sep, note = text.partition(" (")
        assert not note or note.rstrip(")") in COUNTRY_NOTES, text
        assert all(n in english for n in names.split("/")), text
