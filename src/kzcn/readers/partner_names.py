"""Partner names as the sources write them → ISO 3166 codes, or the aggregate codes of kzcn.schemas.

Two sources, two languages, two methods; both fail loudly on a name they do not know (the readers turn that into
an error naming file, sheet, row and name), so a new partner or a renamed row can never be dropped in silence.

* **IMF DOTS (English names): the library pycountry.** It is the Python packaging of Debian's `iso-codes`
  database, the reference list of ISO 3166-1 (current countries) and ISO 3166-3 (former countries such as the
  USSR, Serbia and Montenegro, the Netherlands Antilles), maintained since 2008 and released with every ISO
  change; licence LGPL-2.1. Its `lookup` matches a name exactly (case aside) against ISO's short, official and
  common names; it never guesses. Alternatives weighed: `country_converter` matches names by regular expressions
  tuned to statistical sources, but its 1.3.2 release cannot start with pandas 3 (its ISO2 table reads Namibia's
  "NA" as missing) and it is GPL-3.0; pycountry's `search_fuzzy` would guess, so it is not used.
  The IMF writes a country's formal title after a comma and abbreviates it ("Estonia, Rep. of", "Kyrgyz Rep.",
  "St. Lucia"), so a name is tried as written, then with "Rep."/"Dem."/"St." spelled out, then in ISO's order
  ("Republic of Estonia"; "Gambia, The" → "Gambia"), then against the former countries. The names the library
  cannot resolve that way are listed in DOTS_EXCEPTIONS, each with its reason; a test checks that every entry
  there is really needed and names a code pycountry knows.
* **BNS (Russian names): the reviewed table data/curated/partner_names_ru.csv** (name as in the file with its
  whitespace collapsed, code, kind, note). A test compares each country row with pycountry's Russian ISO names
  and requires a note wherever the file's name differs from them.

Groups the sources publish (World, CIS, EAEU, EU, continents, "not specified" rows) get the aggregate codes of
kzcn.schemas.PARTNER_AGGREGATES, never an ISO code; a group is never treated as a country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pycountry

from kzcn.errors import SourceFormatError
from kzcn.paths import curated_dir
from kzcn.schemas import PARTNER_AGGREGATES, PARTNER_KINDS

RU_TABLE = "partner_names_ru.csv"
RU_COLUMNS = ("name", "partner", "partner_kind", "note")


@dataclass(frozen=True)
class Partner:
    code: str
    kind: str  # "country" | "aggregate"
    note: str | None = None


def label(value: object) -> str:
    """A row label with its whitespace collapsed (leading spaces, line breaks), '' for a non-text cell."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def iso_name(code: str) -> str | None:
    """pycountry's English name of an ISO 3166-1 or ISO 3166-3 alpha-3 code, None if ISO has no such code."""
    country = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)
    return country.name if country else None


# --- IMF DOTS -------------------------------------------------------------------------------------------------

# The IMF's groups and residual rows. "Memorandum Items" is a heading over the memo groups: it must stay empty.
DOTS_AGGREGATES: dict[str, str] = {
    "World": "WORLD",
    "European Union": "EU",
    "Euro Area": "EURO_AREA",
    "Belgium-Luxembourg": "BEL_LUX",
    "Advanced Economies": "IMF_ADVANCED",
    "Emerging and Developing Economies": "IMF_EMDE",
    "Emerging and Developing Asia": "IMF_EMDE_ASIA",
    "Emerging and Developing Europe": "IMF_EMDE_EUROPE",
    "Middle East and Central Asia": "IMF_MECA",
    "Sub-Saharan Africa": "IMF_SSA",
    "Western Hemisphere": "IMF_WHD",
    "Africa": "IMF_AFRICA",
    "Middle East": "IMF_MIDDLE_EAST",
    "Emerging Market and Developing Economies by Source of Export Earnings: Fuel": "IMF_EMDE_FUEL",
    "Emerging Market and Developing Economies by Source of Export Earnings: Nonfuel": "IMF_EMDE_NONFUEL",
    "Other Countries not included elsewhere": "IMF_OTHER_NIE",
    "Asia not specified": "IMF_ASIA_NS",
    "Europe not specified": "IMF_EUROPE_NS",
    "Middle East and Central Asia not specified": "IMF_MECA_NS",
    "Africa not specified": "IMF_AFRICA_NS",
    "Western Hemisphere not specified": "IMF_WHD_NS",
    "Special Categories": "IMF_SPECIAL",
    "Countries & Areas not specified": "IMF_NOT_SPECIFIED",
}
DOTS_HEADINGS = ("Memorandum Items",)

# Names pycountry cannot resolve by the rules above: code and reason, each checked by the tests.
DOTS_EXCEPTIONS: dict[str, tuple[str, str]] = {
    "China, P.R.: Mainland": ("CHN", "China (mainland); Hong Kong, Macao and Taiwan have rows of their own"),
    "China, P.R.: Hong Kong": ("HKG", "Hong Kong SAR of China"),
    "China, P.R.: Macao": ("MAC", "Macao SAR of China"),
    "Taiwan Province of China": ("TWN", "ISO 3166-1 'Taiwan, Province of China'"),
    "Holy See": ("VAT", "ISO 3166-1 'Holy See (Vatican City State)'"),
    "Turkey": ("TUR", "ISO 3166-1 has named it 'Türkiye' since 2022"),
    "West Bank and Gaza": ("PSE", "the IMF's name for ISO 3166-1 'Palestine, State of'"),
    "Congo, Dem. Rep. of the": ("COD", "Democratic Republic of the Congo (not COG)"),
    "Congo, Rep. of": ("COG", "Republic of the Congo (not COD)"),
    "Ethiopia, The Federal Dem. Rep. of": ("ETH", "Ethiopia"),
    "São Tomé and Príncipe, Dem. Rep. of": ("STP", "ISO writes 'Sao Tome and Principe' without accents"),
    "Venezuela, Rep. Bolivariana de": ("VEN", "ISO 3166-1 'Venezuela, Bolivarian Republic of'"),
    "Aruba, Kingdom of the Netherlands": ("ABW", "Aruba"),
    "Curaçao, Kingdom of the Netherlands": ("CUW", "Curaçao (from 2010; see the Netherlands Antilles)"),
    "Sint Maarten, Kingdom of the Netherlands": ("SXM", "Sint Maarten (Dutch part), from 2010"),
    "Czechoslovakia": ("CSK", "former country, ISO 3166-3 CSK"),
    "USSR": ("SUN", "former country, ISO 3166-3 SUN"),
    "Yugoslavia": ("YUG", "former country, ISO 3166-3 YUG (the Socialist and then the Federal Republic; "
                          "the IMF file has both this row and 'Serbia and Montenegro' (SCG) for some years)"),
    "Eastern Germany": ("DDR", "former country, ISO 3166-3 DDR (German Democratic Republic)"),
    "Yemen, People's Dem. Rep. of": ("YMD", "former country (South Yemen), ISO 3166-3 YMD"),
    "Yemen Arab Rep.": ("YEM", "former North Yemen: ISO 3166 gave its code YE/YEM to the unified Republic of Yemen "
                               "in 1990, and ISO 3166-3 lists no other; the file has figures only for 1981–1989"),
}

_ABBREVIATIONS = ((r"\bRep\.", "Republic"), (r"\bDem\.", "Democratic"), (r"\bSt\.", "Saint"))


def _candidates(name: str) -> list[str]:
    """The spellings of an IMF name tried against ISO's names, in order (see the module docstring)."""
    spelled = name
    for pattern, full in _ABBREVIATIONS:
        spelled = re.sub(pattern, full, spelled)
    out = [name, spelled]
    if m := re.fullmatch(r"(?P<base>[^,]+), (?P<title>.+)", spelled):
        out.append(m["base"] if m["title"] == "The" else f"{m['title']} {m['base']}")
    return list(dict.fromkeys(out))


def library_code(name: str) -> str | None:
    """The ISO 3166 alpha-3 code pycountry gives an IMF name (current countries first, then former), or None."""
    for candidate in _candidates(name):
        try:
            return pycountry.countries.lookup(candidate).alpha_3
        except LookupError:
            continue
    try:
        return pycountry.historic_countries.lookup(name).alpha_3
    except LookupError:
        return None


def dots_partner(name: str) -> Partner | None:
    """An IMF DOTS partner label → its Partner; None if neither the lists above nor pycountry know it."""
    if name in DOTS_AGGREGATES:
        return Partner(DOTS_AGGREGATES[name], "aggregate")
    if name in DOTS_EXCEPTIONS:
        code, reason = DOTS_EXCEPTIONS[name]
        return Partner(code, "country", f"ISO code {code}: {reason}")
    code = library_code(name)
    return Partner(code, "country") if code else None


# --- BNS ------------------------------------------------------------------------------------------------------

def _ru_error(file: str, message: str, row: int, column: str) -> SourceFormatError:
    return SourceFormatError(file, message, row=row, column=column)


def parse_ru_table(table: pd.DataFrame, file: str = f"data/curated/{RU_TABLE}") -> dict[str, Partner]:
    """The reviewed Russian-name table as {name: Partner}; every row checked, errors name the CSV line."""
    missing = [c for c in RU_COLUMNS if c not in table.columns]
    if missing:
        raise SourceFormatError(file, f"header lacks column(s) {missing}", row=1)
    out: dict[str, Partner] = {}
    for i, row in enumerate(table.to_dict("records"), start=2):
        name, code, kind, note = (str(row[c]) if not pd.isna(row[c]) else "" for c in RU_COLUMNS)
        if not name or name != label(name):
            raise _ru_error(file, f"name {name!r} is empty or not whitespace-collapsed", i, "name")
        if name in out:
            raise _ru_error(file, f"name {name!r} is listed twice", i, "name")
        if kind not in PARTNER_KINDS:
            raise _ru_error(file, f"partner_kind {kind!r} is not one of {list(PARTNER_KINDS)}", i, "partner_kind")
        if kind == "country" and iso_name(code) is None:
            raise _ru_error(file, f"{code!r} is not an ISO 3166 alpha-3 code", i, "partner")
        if kind == "aggregate" and code not in PARTNER_AGGREGATES:
            raise _ru_error(file, f"{code!r} is not an aggregate code of kzcn.schemas.PARTNER_AGGREGATES", i,
                            "partner")
        out[name] = Partner(code, kind, note.strip() or None)
    return out


def bns_names(folder: Path | None = None) -> dict[str, Partner]:
    """data/curated/partner_names_ru.csv (or the same file in `folder`), checked."""
    path = (folder or curated_dir()) / RU_TABLE
    if not path.exists():
        raise SourceFormatError(str(path), "curated table is missing")
    return parse_ru_table(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8"),
                          f"data/curated/{RU_TABLE}")
