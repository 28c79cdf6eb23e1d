"""English display names for the partner codes of trade_partners, defined once for every page, chart and note.

A country's name is pycountry's English ISO 3166 name (its `common_name` where ISO gives one: "South Korea",
"Iran", "Vietnam"), or, where ISO's name is inverted or formal ("Russian Federation", "Virgin Islands, British"),
the short name in DISPLAY_NAMES below. Former countries (ISO 3166-3) come from pycountry's historic list.
Aggregates (World, EU, CIS, …) are never renamed: they keep the label their source wrote (see display_name).
"""

from __future__ import annotations

import functools

import pycountry

# Where ISO's English name reads badly on a chart: inverted ("Congo, The Democratic Republic of the"), formal
# ("Russian Federation") or long. Everything else is pycountry's own name.
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
    "SUN": "USSR",
    "CSK": "Czechoslovakia",
    "YUG": "Yugoslavia",
    "YMD": "South Yemen",
    "DDR": "East Germany",
}


@functools.lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """The English name of an ISO 3166-1 (or 3166-3) alpha-3 code; an unknown code is returned as it is."""
    if code in DISPLAY_NAMES:
        return DISPLAY_NAMES[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is not None:
        return getattr(country, "common_name", None) or country.name
    former = pycountry.historic_countries.get(alpha_3=code)
    return former.name if former is not None else code


def display_name(code: str, kind: str, source_label: str) -> str:
    """A partner as the pages name it: a country by its English name, a group by its source's own label."""
    return country_name(code) if kind == "country" else source_label
