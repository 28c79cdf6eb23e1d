"""Country and group names for the partner codes of trade_partners, in the reader's language, defined once for every
page, chart and note.

The names are CLDR's (the Unicode Common Locale Data Repository, through Babel): a country's name in Russian or
Chinese is CLDR's territory name of its ISO 3166 alpha-2 code (`i18n.locale().territories[alpha_2]`; pycountry
gives the alpha-2 of an alpha-3). English keeps kzcn's own names: pycountry's English ISO 3166 name (its
`common_name` where ISO gives one: "South Korea", "Iran", "Vietnam"), or, where ISO's name is inverted or formal
("Russian Federation", "Virgin Islands, British"), the short name in DISPLAY_NAMES below. Former countries
(ISO 3166-3) come from pycountry's historic list; CLDR has no name for them, so kzcn's catalogues translate theirs.

Groups (World, EU, CIS, …) keep the label their source wrote in English (see display_name); kzcn's own name of a
group (group_name) is CLDR's where CLDR has the group (World, the EU, the euro area) and kzcn's translation where
it does not (CIS, EAEU).
"""

from __future__ import annotations

import functools

import pycountry

from kzcn import i18n
from kzcn.i18n import N_

# Where ISO's English name reads badly on a chart: inverted ("Congo, The Democratic Republic of the"), formal
# ("Russian Federation") or long. Everything else is pycountry's own name. (English only: other languages take
# CLDR's names; the former countries, which CLDR lacks, are translated in kzcn's catalogues.)
DISPLAY_NAMES: dict[str, str] = {
    "RUS": "Russia",
    "COD": "DR Congo",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands",
    "SHN": "Saint Helena",
    "VAT": "Holy See",
    "FLK": "Falkland Islands",
    "SXM": "Sint Maarten",
    "BRN": "Brunei",
    "SUN": N_("USSR"),
    "CSK": N_("Czechoslovakia"),
    "YUG": N_("Yugoslavia"),
    "YMD": N_("South Yemen"),
    "DDR": N_("East Germany"),
}
# pycountry's English names of the other former countries the sources name, which CLDR lacks too: marked so that
# kzcn's catalogues translate them
FORMER_NAMES = (N_("Netherlands Antilles"), N_("Serbia and Montenegro"))

# kzcn's own short names of the groups a page names; CLDR's territory code where CLDR names the group
GROUP_NAMES: dict[str, str] = {
    "WORLD": N_("World"),
    "EU": N_("EU"),
    "EURO_AREA": N_("Euro Area"),
    # TRANSLATORS: the Commonwealth of Independent States
    "CIS": N_("CIS"),
    # TRANSLATORS: the Eurasian Economic Union
    "EAEU": N_("EAEU"),
}
CLDR_GROUPS = {"WORLD": "001", "EU": "EU", "EURO_AREA": "EZ"}


def country_name(code: str) -> str:
    """The name of an ISO 3166-1 (or 3166-3) alpha-3 code in the reader's language; an unknown code is returned
    as it is."""
    return _country_name(code, i18n.current())


@functools.lru_cache(maxsize=1536)
def _country_name(code: str, lang: str) -> str:
    english = _english_name(code)
    if lang == i18n.DEFAULT:
        return english
    country = pycountry.countries.get(alpha_3=code)  # current countries only: a former alpha-2 may be reused
    cldr = i18n.locale(lang).territories.get(country.alpha_2) if country is not None else None
    return cldr or i18n.translations(lang).gettext(english)


def _english_name(code: str) -> str:
    if code in DISPLAY_NAMES:
        return DISPLAY_NAMES[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is not None:
        return getattr(country, "common_name", None) or country.name
    former = pycountry.historic_countries.get(alpha_3=code)
    return former.name if former is not None else code


def group_name(code: str, default: str | None = None) -> str:
    """kzcn's name of a group code (WORLD, EU, …) in the reader's language: CLDR's where CLDR names the group,
    else kzcn's translation; `default` (or the code) for a group kzcn does not name."""
    return _group_name(code, i18n.current(), default)


@functools.lru_cache(maxsize=128)
def _group_name(code: str, lang: str, default: str | None) -> str:
    if code not in GROUP_NAMES:
        return code if default is None else default
    if lang != i18n.DEFAULT and code in CLDR_GROUPS:
        cldr = i18n.locale(lang).territories.get(CLDR_GROUPS[code])
        if cldr:
            return cldr
    return i18n.translations(lang).gettext(GROUP_NAMES[code])


def display_name(code: str, kind: str, source_label: str) -> str:
    """A partner as the pages name it: a country by its name; a group, in English, by its source's own label, and
    in another language by kzcn's name of it (group_name) where kzcn names it, else by the source's label."""
    if kind == "country":
        return country_name(code)
    return source_label if i18n.current() == i18n.DEFAULT else group_name(code, source_label)
