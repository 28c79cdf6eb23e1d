"""Partner names → ISO 3166 codes: pycountry for IMF DOTS's English names, the reviewed table for BNS's Russian ones.

What is pinned: the library's answer for the names that are easy to get wrong (the two Koreas and Congos, Niger and
Nigeria, the former countries), that every hand-listed exception is really needed, that every name in the raw
files maps (and every row of the Russian table is used), that the Russian table agrees with ISO's Russian names or
says why not, and that a malformed table or an unknown name is refused with its place named.
"""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pycountry
import pytest

from kzcn import build
from kzcn.errors import SourceFormatError
from kzcn.paths import curated_dir
from kzcn.readers import bns, imf_dots, partner_names
from kzcn.readers._common import read_workbook
from kzcn.schemas import PARTNER_AGGREGATES

# --- IMF DOTS names through pycountry ---------------------------------------------------------------------------

LIBRARY = {
    "China, P.R.: Mainland": None,  # resolved by the exceptions, never by a guess
    "Korea, Rep. of": "KOR",
    "Korea, Dem. People's Rep. of": "PRK",
    "Niger": "NER",
    "Nigeria": "NGA",
    "Guinea": "GIN",
    "Guinea-Bissau": "GNB",
    "Equatorial Guinea, Rep. of": "GNQ",
    "Dominica": "DMA",
    "Dominican Rep.": "DOM",
    "Kazakhstan, Rep. of": "KAZ",
    "Kyrgyz Rep.": "KGZ",
    "Russian Federation": "RUS",
    "Netherlands, The": "NLD",
    "Gambia, The": "GMB",
    "Slovak Rep.": "SVK",
    "Czech Rep.": "CZE",
    "St. Kitts and Nevis": "KNA",
    "Serbia, Rep. of": "SRB",
    "Serbia and Montenegro": "SCG",  # ISO 3166-3
    "Netherlands Antilles": "ANT",  # ISO 3166-3
    "Sudan": "SDN",
    "South Sudan, Rep. of": "SSD",
    "United Kingdom": "GBR",
    "Iran, Islamic Rep. of": "IRN",
    "Lao People's Dem. Rep.": "LAO",
}


@pytest.mark.parametrize(("name", "code"), LIBRARY.items())
def test_library_codes_of_names_easy_to_get_wrong(name: str, code: str | None) -> None:
    assert partner_names.library_code(name) == code


@pytest.mark.parametrize("name", partner_names.DOTS_EXCEPTIONS)
def test_every_exception_is_needed_and_names_an_iso_code(name: str) -> None:
    code, reason = partner_names.DOTS_EXCEPTIONS[name]
    assert partner_names.library_code(name) is None, f"pycountry resolves {name!r} itself: drop the exception"
    assert partner_names.iso_name(code) is not None and reason
    partner = partner_names.dots_partner(name)
    assert partner is not None
    assert (partner.code, partner.kind) == (code, "country") and code in partner.note


@pytest.mark.parametrize("name", partner_names.DOTS_AGGREGATES)
def test_groups_are_aggregates_never_countries(name: str) -> None:
    assert partner_names.library_code(name) is None
    partner = partner_names.dots_partner(name)
    assert partner is not None and partner.kind == "aggregate" and partner.code in PARTNER_AGGREGATES


def test_unknown_dots_name_is_none() -> None:
    assert partner_names.dots_partner("Atlantis, Rep. of") is None
    assert partner_names.dots_partner("Memorandum Items") is None  # a heading, handled by the reader


def test_every_dots_name_in_the_files_maps(raw_dir: Path) -> None:
    for book in imf_dots.WORKBOOKS:
        sheets = read_workbook(raw_dir / book.path, raw_dir, engine="openpyxl")
        for sheet in imf_dots.SHEETS:
            labels = {partner_names.label(v) for v in sheets[sheet].iloc[7:, 1]} - {""}
            unmapped = sorted(n for n in labels if partner_names.dots_partner(n) is None
                              and n not in partner_names.DOTS_HEADINGS)
            assert unmapped == [], (book.path, sheet)
            by_code: dict[str, set[str]] = {}
            for n in labels - set(partner_names.DOTS_HEADINGS):
                by_code.setdefault(partner_names.dots_partner(n).code, set()).add(n)
            shared = {code: names for code, names in by_code.items() if len(names) > 1}
            # North Yemen's ISO code passed to the unified Yemen in 1990: the one code two names share, and the
            # old name has figures only for 1981–1989, before the years read (the build's key check would catch
            # a year both had)
            assert shared in ({}, {"YEM": {"Yemen Arab Rep.", "Yemen, Rep. of"}}), (book.path, sheet, shared)


@pytest.fixture(scope="module")
def dots_partners(raw_dir: Path) -> pd.DataFrame:
    return imf_dots.read(raw_dir)["trade_partners"]


def test_north_yemen_has_no_row_in_the_years_read(dots_partners: pd.DataFrame) -> None:
    assert "Yemen Arab Rep." not in set(dots_partners["partner_name"])
    assert set(dots_partners.loc[dots_partners["partner"] == "YEM", "partner_name"]) == {"Yemen, Rep. of"}


# --- BNS names through the reviewed table ----------------------------------------------------------------------

RU = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])


def _norm(text: str) -> str:
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").replace("—", "-").lower().split())


def _iso_russian_names(code: str) -> set[str]:
    country = pycountry.countries.get(alpha_3=code)
    names = {getattr(country, a) for a in ("name", "official_name", "common_name") if hasattr(country, a)}
    return {_norm(RU.gettext(n)) for n in names}


@pytest.fixture(scope="module")
def ru_table() -> pd.DataFrame:
    return pd.read_csv(curated_dir() / partner_names.RU_TABLE, dtype=str, keep_default_na=False)


def test_the_shipped_russian_table_is_valid(ru_table: pd.DataFrame) -> None:
    names = partner_names.bns_names()
    assert len(names) == len(ru_table) and list(ru_table.columns) == list(partner_names.RU_COLUMNS)
    assert names["Китай"].code == "CHN" and names["Тайвань (Китай)"].code == "TWN"
    assert names["Россия"].code == "RUS" and names["Страны ЕС"] == partner_names.Partner(
        "EU", "aggregate", names["Страны ЕС"].note)
    assert names["Всего"].code == names["Всего в том числе"].code == "WORLD"
    assert names["Конго"].code == "COG" and names["Демократическая Республика Конго"].code == "COD"
    assert names["Республика Корея"].code == "KOR"
    assert names["Корея, Народно-Демократическая Республика"].code == "PRK"


def test_a_russian_name_that_is_not_isos_has_a_note(ru_table: pd.DataFrame) -> None:
    """The review rule: a country row whose name is not one of ISO's Russian names for its code explains itself."""
    unexplained = [r.name for r in ru_table.itertuples() if r.partner_kind == "country"
                   and _norm(r.name) not in _iso_russian_names(r.partner) and not r.note.strip()]
    assert unexplained == []
    assert all(r.note.strip() for r in ru_table.itertuples() if r.partner_kind == "aggregate")


def test_every_bns_name_maps_and_every_table_row_is_used(raw_dir: Path) -> None:
    names = partner_names.bns_names()
    used: set[str] = set()
    for workbook_year in bns.WORKBOOK_YEARS:
        path = raw_dir / bns.workbook_path(workbook_year)
        rows = bns.parse_partner_workbook(read_workbook(path, raw_dir, "xlrd"), workbook_year, path.name, names)
        used |= {r["partner_name"] for r in rows}
        # within one sheet two names never share a code
        for sheet in {r["source_locator"].split(",")[0] for r in rows}:
            in_sheet = {(r["partner_name"], r["partner"]) for r in rows if r["source_locator"].startswith(sheet)}
            codes = [c for _, c in in_sheet]
            assert len(codes) == len(set(codes)), (workbook_year, sheet)
    # a row used by no sheet would be an unreviewed guess; rows whose every cell is empty give no data row
    assert set(names) - used == set()


def _table(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(partner_names.RU_COLUMNS))


GOOD = ("Китай", "CHN", "country", "")


@pytest.mark.parametrize(("bad", "column", "message"), [
    (("Атлантида", "ATL", "country", ""), "partner", "not an ISO 3166"),
    (("Европа", "EUROPE", "aggregate", "x"), "partner", "not an aggregate code"),
    (("Китай", "CHN", "country", ""), "name", "listed twice"),
    ((" Россия", "RUS", "country", ""), "name", "whitespace"),
    (("Россия", "RUS", "nation", ""), "partner_kind", "partner_kind"),
    (("Всего", "WORLD", "country", ""), "partner", "not an ISO 3166"),
])
def test_a_malformed_russian_table_is_refused(bad: tuple[str, str, str, str], column: str, message: str) -> None:
    with pytest.raises(SourceFormatError, match=message) as err:
        partner_names.parse_ru_table(_table(GOOD, bad))
    assert (err.value.row, err.value.column) == (3, column)  # CSV line 3: header, GOOD, then the bad row
    assert err.value.file == "data/curated/partner_names_ru.csv"


def test_a_table_without_its_columns_is_refused() -> None:
    with pytest.raises(SourceFormatError, match="lacks column"):
        partner_names.parse_ru_table(pd.DataFrame({"name": ["Китай"], "code": ["CHN"]}))


# --- an unknown name in a raw file stops the build, naming it, and leaves data/ as it was ------------------------

def test_unknown_dots_name_fails_the_build_and_leaves_data_untouched(raw_dir: Path, speech_file: Path,
                                                                     data: Path, tmp_path: Path, capsys) -> None:
    raw = tmp_path / "raw-copy"
    shutil.copytree(raw_dir, raw)
    for p in raw.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    path = raw / imf_dots.WORKBOOKS[1].path
    book = openpyxl.load_workbook(path)
    assert book["Imports, CIF"]["B41"].value == "Korea, Rep. of"
    book["Imports, CIF"]["B41"] = "Korea, Republic of the South"
    book.save(path)
    before = {p.name: p.read_bytes() for p in data.glob("*.parquet")}
    assert build.main(["--raw", str(raw), "--speech", str(speech_file), "--out", str(data)]) == 1
    err = capsys.readouterr().err
    assert "data left unchanged" in err and "dots-reporter-china.xlsx" in err
    assert "sheet 'Imports, CIF', row 41" in err and "'Korea, Republic of the South'" in err
    assert {p.name: p.read_bytes() for p in data.glob("*.parquet")} == before
