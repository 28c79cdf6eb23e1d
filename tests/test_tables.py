"""kzcn.tables: the Data & sources page's rows, filters, source columns and CSV, on hand-built and real frames."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

from kzcn import countries, datasets, fmt, i18n, metrics, tables
from kzcn.paths import REPO_ROOT

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

SOURCE_FIELDS = ("source_publisher", "source_title", "source_url", "source_accessed")


@dataclass(frozen=True)
class F:
    """Stands in for kzcn.ui.Filters (same fields) so these tests need no Streamlit."""

    years: tuple[int, int] = (2017, 2020)
    sector: str = "All sectors"
    chapters: tuple[str, ...] = ()
    direction: str = "Both directions"
    reporter: str = "Both side by side"
    headings: tuple[str, ...] = ()


# --- hand-built frames --------------------------------------------------------------------------------------------

def _sources() -> pd.DataFrame:
    return pd.DataFrame({
        "source_id": ["cn", "kz", "press-1", "hs", "ev"],
        "publisher": ["China customs via Comtrade", "BNS", "A newspaper", "WCO", "kzcn project"],
        "title": ["CN file", "KZ workbook", "Press report", "HS chapters", "Events table"],
        "url": ["https://cn.example/", "https://kz.example/", "http://news.example/1", "https://wco.example/",
                "(no single page)"],
        "download_page": ["https://cn.example/dl", "https://kz.example/dl", "http://news.example/1",
                          "https://wco.example/hs", "(no single page)"],
        "accessed": ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05"],
        "cited_from": [None] * 5,
        "licence": [None, None, None, None, None],
        "kind": ["official_statistics", "official_statistics", "press", "reference", "research_compilation"],
        "file": ["raw/cn.csv", "raw/kz.xls", "notes/press.csv", None, "notes/events.csv"],
        "notes": [None] * 5,
    })


def _trade() -> pd.DataFrame:
    rows = []
    for year in (2017, 2018, 2019, 2020):
        for reporter, partner, sid in (("China", "Kazakhstan", "cn"), ("Kazakhstan", "China", "kz"),
                                       ("Kazakhstan", "World", "kz")):
            for flow in ("exports", "imports"):
                rows.append({"year": year, "reporter": reporter, "partner": partner, "flow": flow,
                             "value_usd": float(year * 1000 + len(rows)), "series": "x", "status": "reported",
                             "preferred": partner != "World", "source_id": sid, "source_locator": "r", "note": None})
    rows.append({"year": 2019, "reporter": "China", "partner": "Kazakhstan", "flow": "turnover", "value_usd": 4.1e10,
                 "series": "press", "status": "press", "preferred": False, "source_id": "press-1",
                 "source_locator": "q", "note": "rounded"})
    return pd.DataFrame(rows)


def _chapters() -> pd.DataFrame:
    return pd.DataFrame({"hs_chapter": ["26", "27", "72", "84"],
                         "chapter_name": ["Ores", "Fuels", "Iron and steel", "Machinery"],
                         "sector": ["Ores and metals", "Energy", "Ores and metals", "Machinery and electronics"],
                         "source_id": ["hs"] * 4})


def _products() -> pd.DataFrame:
    rows = []
    for year in (2018, 2019):
        for reporter in ("China", "Kazakhstan"):
            for flow in ("exports", "imports"):
                for chapter in ("26", "72", "TOTAL"):
                    rows.append({"year": year, "reporter": reporter,
                                 "partner": metrics.BILATERAL[reporter], "flow": flow, "hs_chapter": chapter,
                                 "value_usd": 1.0, "series": "comtrade", "classification": "H5",
                                 "source_id": "cn" if reporter == "China" else "kz", "source_locator": "r",
                                 "note": None})
    return pd.DataFrame(rows)


def _frames() -> dict[str, pd.DataFrame]:
    products = _products()
    coverage = products[["year", "reporter", "partner", "flow", "series", "hs_chapter"]].assign(status="available")
    totals = products[products["hs_chapter"] == "TOTAL"]
    completeness = totals[["series", "reporter", "partner", "flow", "year"]].assign(
        complete=False, missing_chapters=[np.array(["84"], dtype=object)] * 8, cut_after_heading=None,
        published_total_usd=None, share_of_published=None, note="incomplete: an extract")
    headings = pd.DataFrame({"year": [2018, 2019], "reporter": "Kazakhstan", "partner": "China", "flow": "imports",
                             "hs_heading": ["2601", "7202"], "hs_chapter": ["26", "72"], "value_usd": [1.0, 2.0],
                             "series": "wits_hs4", "classification": "H4", "source_id": "kz", "source_locator": "r"})
    heading_names = pd.DataFrame({"hs_heading": ["2601", "7202"], "hs_chapter": ["26", "72"],
                                  "heading_name": ["Iron ores", None], "note": [None, "not in the list"],
                                  "source_id": "hs", "source_locator": "line"})
    events = pd.DataFrame({
        "event_id": ["a", "b", "c"], "start": ["2010-05-01", "2018-03", "2025-01-02"],
        "end": ["2010-05-01", "2018-03", "2025-01-02"], "precision": ["day", "month", "day"],
        "title": ["A", "B", "C"], "category": ["visit"] * 3,
        "themes": [np.array(["t1", "t2"], dtype=object), np.array([], dtype=object), np.array(["t3"], dtype=object)],
        "city": ["Astana", None, "Beijing"], "country": ["KZ", "KZ", "CN"], "lat": [1.0, None, 2.0],
        "lon": [1.0, None, 2.0], "participants": [None] * 3, "summary": ["s"] * 3, "disagreement": [None] * 3,
        "passage_ids": [np.array([], dtype=object)] * 3,
        "source_urls": [np.array(["https://a.example", "https://b.example"], dtype=object)] * 3,
        "source_id": ["ev"] * 3,
    })
    press = pd.DataFrame({
        "figure_id": ["p1", "p2", "p3", "p4", "p5"],
        "topic": ["trade_annual"] * 5,
        "period": ["2019", "2021 Jan-Oct", "rank", "mid-2025 stock", "2017-2020 cumulative"],
        "reporter_basis": [None] * 5, "metric": ["turnover"] * 5, "value": [1.0, 2.0, None, 3.0, 4.0],
        "unit": ["USD bn"] * 5, "yoy_pct": [None] * 5, "url": ["http://news.example/1"] * 5,
        "publisher": ["A newspaper"] * 5, "quality": ["press"] * 5, "note": [None] * 5,
        "source_id": ["press-1"] * 5,
    })
    partners = pd.DataFrame({
        "year": [2018, 2018, 2019, 2019, 2019],
        "reporter": ["Kazakhstan", "Kazakhstan", "Kazakhstan", "China", "China"],
        "partner": ["CHN", "WORLD", "RUS", "KAZ", "EU"],
        "partner_kind": ["country", "aggregate", "country", "country", "aggregate"],
        "partner_name": ["Китай", "Всего", "Россия", "Kazakhstan", "European Union"],
        "flow": ["imports", "imports", "exports", "exports", "imports"], "value_usd": [1.0, 9.0, 2.0, 3.0, 4.0],
        "series": ["kz_bns", "kz_bns", "kz_bns", "imf_dots", "imf_dots"], "status": "reported",
        "vintage": pd.array([2019, 2019, 2019, None, None], dtype="Int16"),
        "preferred": True, "source_id": ["kz", "kz", "kz", "cn", "cn"], "source_locator": "cell",
        "note": [None, None, None, None, "the 27 members"]})
    return {"trade_annual": _trade(), "trade_products": products, "product_coverage": coverage,
            "trade_partners": partners,
            "product_completeness": completeness, "trade_headings": headings, "hs_headings": heading_names,
            "hs_chapters": _chapters(), "sources": _sources(), "events": events, "press_figures": press,
            "hs_chapter_names": pd.DataFrame({"hs_chapter": ["26", "26", "84", "84"], "lang": ["ru", "zh"] * 2,
                                              "name": ["РУДЫ, ШЛАК И ЗОЛА", "矿砂、矿渣及矿灰", "РЕАКТОРЫ ЯДЕРНЫЕ",
                                                       "核反应堆"], "source_id": "hs"}),
            "hs_heading_names": pd.DataFrame({"hs_heading": ["2601", "8471"], "hs_chapter": ["26", "84"],
                                              "lang": ["ru", "zh"], "name": ["РУДЫ ЖЕЛЕЗНЫЕ", "自动数据处理设备"],
                                              "source_id": "hs"}),
            "publisher_names": pd.DataFrame({"publisher": ["BNS"], "lang": ["ru"], "name": ["Бюро"],
                                             "source_id": ["kz"]}),
            "passages": pd.DataFrame({"passage_id": ["p01"], "text": ["Hello"], "source_id": ["ev"]}),
            "event_translations": pd.DataFrame({"event_id": ["a"], "lang": ["ru"], "title": ["Встреча"],
                                                "source_id": ["ev"]}),
            "claims": pd.DataFrame({"claim_id": ["c1"], "check_source_id": [None], "source_id": ["ev"]}),
            "text_translations": pd.DataFrame({"table": ["claims"], "key": ["c1"], "field": ["reason"], "lang": ["ru"],
                                               "text": ["Причина."], "text_en": ["Why."], "source_id": ["ev"]}),
            "refresh_log": pd.DataFrame({"refreshed_at": pd.Series(dtype="str"), "step": pd.Series(dtype="str"),
                                         "source_id": pd.Series(dtype="str"), "rows": pd.Series(dtype="int64"),
                                         "detail": pd.Series(dtype="str")})}


def test_full_year_range_narrows_nothing():
    frames = _frames()
    for name in tables.NAMES:
        view = tables.shape(name, frames, F())
        assert len(view.frame) == len(frames[name]) == view.total, name
        assert not view.applied and not view.not_applied
        assert "Showing all" in view.summary()
    # events outside the trade years are kept at the full range
    assert set(tables.table_for("events", frames, F())["event_id"]) == {"a", "b", "c"}


def test_years_narrow_trade_events_and_press():
    frames = _frames()
    f = F(years=(2018, 2019))
    trade = tables.shape("trade_annual", frames, f)
    assert set(trade.frame["year"]) == {2018, 2019}
    assert len(trade.frame) == frames["trade_annual"]["year"].between(2018, 2019).sum()
    assert trade.file_name == "kzcn-trade_annual-2018-2019.csv"
    assert "Showing 13 of 25 rows: years 2018–2019." in trade.summary()
    assert list(tables.table_for("events", frames, f)["event_id"]) == ["b"]  # month-only start "2018-03"
    press = tables.shape("press_figures", frames, f)
    assert list(press.frame["figure_id"]) == ["p1", "p3", "p4"]  # 2019, and the two without a leading year
    assert press.kept_undated == 2
    assert "2 of the rows shown have no year" in press.summary()
    hs = tables.shape("hs_chapters", frames, f)
    assert len(hs.frame) == 4 and hs.not_applied == ("years 2018–2019",)


def test_reporter_view_and_direction():
    frames = _frames()
    only_kz = tables.table_for("trade_annual", frames, F(reporter="As Kazakhstan reports"))
    assert set(only_kz["reporter"]) == {"Kazakhstan"}
    c2k = tables.table_for("trade_annual", frames, F(direction="China → Kazakhstan"))
    pairs = set(zip(c2k["reporter"], c2k["flow"], strict=True))
    assert pairs == {("China", "exports"), ("Kazakhstan", "imports"), ("China", "turnover")}
    k2c = tables.table_for("trade_annual", frames, F(direction="Kazakhstan → China"))
    assert set(zip(k2c["reporter"], k2c["flow"], strict=True)) == {("China", "imports"), ("Kazakhstan", "exports"),
                                                                   ("China", "turnover")}
    assert (k2c["flow"] == "turnover").sum() == 1  # press turnover counts for both directions
    both = tables.table_for("trade_products", frames, F(direction="Kazakhstan → China", reporter="As China reports"))
    assert set(zip(both["reporter"], both["flow"], strict=True)) == {("China", "imports")}
    events = tables.shape("events", frames, F(direction="Kazakhstan → China"))
    assert len(events.frame) == 3 and events.not_applied == ("direction (Kazakhstan → China)",)


def test_partners_follow_the_years_and_whose_figures_never_the_direction():
    frames = _frames()
    view = tables.shape("trade_partners", frames, F(years=(2019, 2020), reporter="As China reports",
                                                      direction="Kazakhstan → China"))
    assert list(view.frame["partner"]) == ["KAZ", "EU"]  # China's rows of 2019: any partner, either flow
    assert view.applied == ("years 2019–2020", "as China reports")
    assert view.not_applied == ("direction (Kazakhstan → China)",)  # a third country's row has no such direction
    assert tables.applicable("trade_partners") == ["years", "whose figures"]
    assert view.frame["source_publisher"].tolist() == ["China customs via Comtrade"] * 2
    assert view.file_name == "kzcn-trade_partners-2019-2020.csv"


def test_sector_and_chapters():
    frames = _frames()
    ores = tables.shape("trade_products", frames, F(sector="Ores and metals"))
    assert set(ores.frame["hs_chapter"]) == {"26", "72"}  # TOTAL rows left out, and said so
    assert "TOTAL rows left out" in ores.summary()
    picked = tables.table_for("product_coverage", frames, F(sector="Ores and metals", chapters=("72",)))
    assert set(picked["hs_chapter"]) == {"72"}
    assert list(tables.table_for("hs_chapters", frames, F(sector="Energy"))["hs_chapter"]) == ["27"]
    assert tables.table_for("trade_products", frames, F(sector="Energy")).empty
    trade = tables.shape("trade_annual", frames, F(sector="Energy"))
    assert len(trade.frame) == trade.total and trade.not_applied == ("sector Energy",)


def test_source_columns_joined_and_lists_made_text():
    frames = _frames()
    frames["trade_annual"].loc[0, "source_id"] = "cn, kz"  # a row resting on two sources
    trade = tables.table_for("trade_annual", frames, F())
    assert trade.loc[0, "source_publisher"] == "China customs via Comtrade; BNS"
    assert trade.loc[0, "source_url"] == "https://cn.example/; https://kz.example/"
    assert trade.loc[1, "source_accessed"] == "2026-01-01"
    assert trade.loc[1, "source_file"] == "raw/cn.csv"
    assert list(trade.columns[-len(tables.SOURCE_COLUMNS):]) == list(tables.SOURCE_COLUMNS.values())
    assert pd.isna(trade.loc[1, "source_cited_from"])  # read by kzcn: no "cited from"
    events = tables.table_for("events", frames, F())
    assert events.loc[0, "themes"] == "t1 | t2"
    assert pd.isna(events.loc[1, "themes"])  # an empty list is missing, not ""
    assert events.loc[0, "source_urls"] == "https://a.example | https://b.example"
    claims = tables.table_for("claims", frames, F())
    assert pd.isna(claims.loc[0, "check_source_publisher"])  # no check source: shown as missing
    assert "source_publisher" not in tables.table_for("sources", frames, F()).columns


def test_coverage_rows_get_the_source_of_their_download():
    frames = _frames()
    coverage = tables.table_for("product_coverage", frames, F())
    assert (coverage.loc[coverage["reporter"] == "China", "source_id"] == "cn").all()
    assert (coverage.loc[coverage["reporter"] == "Kazakhstan", "source_publisher"] == "BNS").all()


def test_unknown_dataset_is_an_error():
    with pytest.raises(KeyError):
        tables.shape("nope", _frames(), F())


def test_leading_year_and_ranges():
    assert tables.leading_year("2023 Jan-Sep") == 2023
    assert tables.leading_year("2005-2023 cumulative") == 2005
    assert np.isnan(tables.leading_year("rank 2022")) and np.isnan(tables.leading_year("20231"))
    assert np.isnan(tables.leading_year(None))
    assert fmt.ranges([2014, 2015, 2016, 2018, 2024, 2023]) == "2014–2016, 2018, 2023–2024"
    assert fmt.ranges([]) == ""
    with i18n.language("zh"):  # a row as the language writes one (a year notice listed "2015–2019, 2023" in Chinese)
        assert fmt.ranges([2015, 2016, 2019]) == "2015–2016、2019"
    assert tables.chapter_ranges(["25", "26", "72", "73", "74", "75", "76", "78", "TOTAL"]) == "25–26, 72–76, 78"
    assert tables.year_span([2021]) == "2021" and tables.year_span([2020, 2018]) == "2018–2020"


def test_column_kinds():
    frames = _frames()
    kinds = tables.column_kinds(tables.table_for("trade_annual", frames, F()))
    assert kinds == {"year": "year", "value_usd": "usd", "source_url": "link"}
    events = tables.column_kinds(tables.table_for("events", frames, F()))
    assert "source_url" not in events  # "(no single page)" is not a link
    assert tables.column_kinds(frames["sources"]) == {}  # url column holds one non-URL cell


def test_latest_refresh():
    log = pd.DataFrame({"refreshed_at": ["2026-02-01T10:00:00Z", "2026-03-01T10:00:00Z", "2026-01-01T10:00:00Z"],
                        "step": ["comtrade", "comtrade", "baci"], "source_id": ["cn", "cn", "kz"],
                        "rows": [10, 12, 5], "detail": [None, "all chapters", None]})
    latest = tables.latest_refresh(log, _sources())
    assert list(latest["source_id"]) == ["cn", "kz"]
    assert latest.loc[0, "rows"] == 12 and latest.loc[0, "publisher"] == "China customs via Comtrade"
    assert tables.latest_refresh(log.iloc[0:0], _sources()).empty


def roundtrip(frame: pd.DataFrame) -> pd.DataFrame:
    text_columns = {c: "str" for c in frame.columns if pd.api.types.is_string_dtype(frame[c])}
    return pd.read_csv(io.BytesIO(tables.csv_bytes(frame)), dtype=text_columns, keep_default_na=False,
                       na_values=[""])


def test_csv_roundtrip_hand_built():
    frames = _frames()
    for name in ("trade_annual", "events", "press_figures", "trade_products"):
        frame = tables.table_for(name, frames, F(years=(2018, 2019)))
        data = tables.csv_bytes(frame)
        assert not data.startswith(b"\xef\xbb\xbf")
        assert data.decode("utf-8").splitlines()[0] == ",".join(frame.columns)
        pd.testing.assert_frame_equal(roundtrip(frame), frame, check_dtype=False, obj=name)


# --- the shipped data ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real() -> dict[str, pd.DataFrame]:
    return datasets.load_all()


ALL = (1992, 2024)  # a wide range of years, the annual data's as shipped; the full range is tables.full_years
REAL_FILTERS = [
    F(years=ALL),
    F(years=(2018, 2020)),
    F(years=(2015, 2023), sector="Ores and metals", chapters=("26", "72"), direction="China → Kazakhstan",
      reporter="As China reports"),
    F(years=(2021, 2021), sector="Energy", direction="Kazakhstan → China", reporter="As Kazakhstan reports"),
]


@pytest.mark.parametrize("f", REAL_FILTERS)
@pytest.mark.parametrize("name", list(tables.NAMES))
def test_real_every_row_names_its_source(real, name, f):
    view = tables.shape(name, real, f)
    frame = view.frame
    fields = ("publisher", "title", "url") if name == "sources" else SOURCE_FIELDS[:3]
    for column in fields:
        assert column in frame.columns, (name, column)
        assert frame[column].notna().all() and (frame[column].astype(str).str.len() > 0).all(), (name, column)
    # when kzcn read the page, or, where it did not read it itself, where the citation came from
    when, whence = ("accessed", "cited_from") if name == "sources" else ("source_accessed", "source_cited_from")
    assert (frame[when].notna() | frame[whence].notna()).all(), (name, when, whence)
    assert view.total == len(real[name]) and len(frame) <= view.total
    pd.testing.assert_frame_equal(roundtrip(frame), frame, check_dtype=False, obj=name)


def test_real_years_and_sides(real):
    trade = real["trade_annual"]
    full = tables.full_years(real)
    assert full == (trade["year"].min(), trade["year"].max())
    assert len(tables.table_for("trade_annual", real, F(years=full))) == len(trade)  # the full range narrows nothing
    shown = tables.table_for("trade_annual", real, F(years=(2018, 2020)))
    assert len(shown) == trade["year"].between(2018, 2020).sum() > 0
    f = F(years=(2015, 2023), direction="China → Kazakhstan", reporter="As Kazakhstan reports")
    shown = tables.table_for("trade_annual", real, f)
    assert set(shown["reporter"]) == {"Kazakhstan"} and set(shown["flow"]) == {"imports"}
    expected = trade[trade["year"].between(2015, 2023) & (trade["reporter"] == "Kazakhstan")
                     & (trade["flow"] == "imports")]
    assert len(shown) == len(expected)
    china = tables.table_for("trade_annual", real, F(years=full, direction="China → Kazakhstan",
                                                     reporter="As China reports"))
    assert (china["flow"] == "turnover").sum() == (trade["flow"] == "turnover").sum() > 0


def test_real_sector_filters(real):
    energy = tables.table_for("product_coverage", real, F(years=ALL, sector="Energy"))
    assert set(energy["hs_chapter"]) == {"27"}
    assert set(energy["status"]) >= {"not_downloaded"}  # 27 is not in the shipped Comtrade extract: not zero
    products = tables.table_for("trade_products", real, F(years=ALL, sector="Energy"))
    assert "comtrade" not in set(products["series"]) and set(products["hs_chapter"]) == {"27"}
    metals = tables.table_for("trade_products", real, F(years=ALL, sector="Ores and metals"))
    sector = set(real["hs_chapters"].query("sector == 'Ores and metals'")["hs_chapter"])
    assert set(metals["hs_chapter"]) <= sector and "TOTAL" not in set(metals["hs_chapter"])


def test_real_press_years_keep_undated(real):
    press = real["press_figures"]
    view = tables.shape("press_figures", real, F(years=(2023, 2023)))
    undated = press["period"].map(tables.leading_year).isna()
    assert view.kept_undated == undated.sum() > 0
    assert len(view.frame) == (press["period"].str[:4] == "2023").sum() + undated.sum()
    assert view.file_name == "kzcn-press_figures-2023-2023.csv"


def test_real_download_pages(real):
    # the shipped data's coverage facts (Comtrade 2020–2022 excluded, BNS 2018–2023) are in test_shipped_data.py
    pages = tables.download_pages(real["sources"])
    assert pages["download_page"].str.startswith("http").all() and len(pages) > 5


def test_real_partner_coverage(real):
    cov = tables.partner_coverage(real["trade_partners"]).set_index("source_id")
    assert cov["rows"].sum() == len(real["trade_partners"])
    assert cov.loc["imf-dots-kaz", "years"] == "1992–2020" and cov.loc["kz-bns-2023", "years"] == "2022–2023"
    assert (cov.loc[cov["reporter"] == "China", "source"] == "IMF DOTS").all()  # China's side: only DOTS


def test_sector_table_matches_the_sectors_doc(real):
    """The grouping shown on the page (from hs_chapters) is the one docs/sectors.md documents."""
    doc = (REPO_ROOT / "docs" / "sectors.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([A-Z][^|]+?) \| ([0-9–, ]+) \|$", doc, flags=re.M)
    documented = {s: c.strip() for s, c in rows}
    table = tables.sector_table(real["hs_chapters"])
    assert dict(zip(table["sector"], table["HS chapters"], strict=True)) == documented
    assert table["chapters"].sum() == 97


def test_kzcns_own_tables_read_in_the_readers_words():
    """Reporters by CLDR's country names, kzcn's words (sectors, series) translated; years, codes, unknown text,
    empty cells and numbers as they were."""
    frame = pd.DataFrame({"reporter": ["China", "Kazakhstan", ""], "sector": ["Energy", "Vehicles", "Energy"],
                          "years": ["1992–2013", "2014", "2020"], "note": ["HS 27", "not a message", None],
                          "chapters": [1, 2, 3]})
    with i18n.language("zh"):
        shown = tables.in_readers_words(frame)
        assert list(shown["reporter"]) == [countries.country_name("CHN"), countries.country_name("KAZ"), ""]
        assert list(shown["sector"]) == [i18n._("Energy"), i18n._("Vehicles"), i18n._("Energy")] != list(
            frame["sector"])
    assert shown["reporter"][0] == "中国"
    pd.testing.assert_frame_equal(shown[["years", "note", "chapters"]], frame[["years", "note", "chapters"]])
    pd.testing.assert_frame_equal(tables.in_readers_words(frame), frame)  # English: kzcn's words as they are
