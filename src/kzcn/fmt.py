"""Numbers and dates formatted for people in the reader's language: $41.0 bn, 41,0 млрд $, US$410亿, +32.2%,
and an honest dash for missing.

English keeps kzcn's house style; Russian and Chinese follow their CLDR conventions through Babel (decimal comma,
compact units such as млрд and 亿, date order).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

from babel import Locale
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_symbol,
    get_group_symbol,
)

from kzcn import i18n
from kzcn.i18n import _, pgettext

MISSING = "—"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def usd(value: float | None, digits: int = 1) -> str:
    """US dollars with a unit a reader can say aloud: bn from a billion, m below."""
    if _missing(value):
        return MISSING
    if i18n.current() != i18n.DEFAULT:
        return _usd_locale(value, digits)
    v = abs(value)
    if v >= 1e9:
        text = f"${v / 1e9:,.{digits}f} bn"
    elif v >= 1e6:
        text = f"${v / 1e6:,.{digits}f} m"
    else:
        text = f"${v:,.0f}"
    # no "−$0": a value that rounds to zero has no sign
    negative = value < 0 and any(c in "123456789" for c in text)
    return f"−{text}" if negative else text


def _usd_locale(value: float, digits: int) -> str:
    """US dollars in the reader's locale: compact from a million (41,0 млрд $; US$410.0亿), whole dollars below.
    Always `digits` decimals, as in English ($1.0 bn): Babel's compact format drops trailing zeros (1 млрд $)."""
    loc = i18n.locale()
    if abs(value) >= 1e6:
        text = _compact_usd_fixed(value, digits, loc)
    else:
        whole = loc.currency_formats["standard"].pattern.replace(".00", "")
        text = format_currency(value, "USD", format=whole, locale=loc, currency_digits=False)
    return "−" + text[1:] if text.startswith("-") else text  # the minus sign, as in English


def _compact_usd_fixed(value: float, digits: int, loc: Locale) -> str:
    """The locale's short currency format (CLDR: "0 млрд ¤", "¤00亿") for `value`'s magnitude, as Babel's
    format_compact_currency picks it, written with exactly `digits` decimals."""
    formats = loc.compact_currency_formats["short"]
    magnitude = max(m for m in map(int, formats["other"]) if abs(value) >= m)
    pattern = formats["other"][str(magnitude)].pattern
    scaled = value / (magnitude // 10 ** (pattern.count("0") - 1))
    plural = loc.plural_form(abs(scaled))
    pattern = formats[plural if plural in formats else "other"][str(magnitude)].pattern
    fixed = re.sub("0+", "#,##0" + ("." + "0" * digits if digits else ""), pattern, count=1)
    return format_currency(scaled, "USD", format=fixed, locale=loc, currency_digits=False)


def dollar_column() -> str:
    """Whole US dollars in a table column, in the reader's locale ($1,234; 1 234 $; US$1,234): the printf-style
    format st.column_config.NumberColumn takes. The browser formats the cells, so a table of any length stays
    numeric and sorts as numbers; Streamlit's `'X` flag before `,` groups the digits with X, the locale's
    separator (its "localized" format would follow the browser's locale, not the page's language). A negative
    value keeps the positive pattern with the sign inside ($-5), as printf writes it: no dataset has one."""
    loc = i18n.locale()
    pattern = loc.currency_formats["standard"]
    symbol = get_currency_symbol("USD", locale=loc)
    prefix, suffix = (part[0].replace("¤", symbol).replace("%", "%%") for part in (pattern.prefix, pattern.suffix))
    return f"{prefix}%'{get_group_symbol(locale=loc)},.0f{suffix}"


def number(value: float | None, digits: int = 1) -> str:
    """A plain number with the locale's separators (12,345.6; 12 345,6)."""
    if _missing(value):
        return MISSING
    return format_decimal(value, format="#,##0" + ("." + "0" * digits if digits else ""), locale=i18n.locale())


def compact(value: float) -> str:
    """A number in the locale's short words (25 млрд, 1,5 млрд; 250亿, 15亿): an axis's ticks, whose title names
    the unit. Up to two decimals, none trailing."""
    text = format_compact_decimal(value, locale=i18n.locale(), fraction_digits=2)
    return "−" + text[1:] if text.startswith("-") else text  # the minus sign, as in English


def pct(value: float | None, digits: int = 1, signed: bool = True) -> str:
    """A percentage; growth gets an explicit sign so +0.4% and −0.4% never look alike."""
    if _missing(value):
        return MISSING
    if i18n.current() != i18n.DEFAULT:
        return _pct_locale(value, digits, signed)
    if signed:
        text = f"{abs(value):.{digits}f}%"
        if not any(c in "123456789" for c in text):
            return text  # rounds to zero: no sign, so "−0.0%" never suggests a fall
        return ("+" if value > 0 else "−") + text
    return f"{value:.{digits}f}%"


def share_pct(fraction: float) -> str:
    """A share of a whole in whole percent, but to a tenth where whole percent would write 50% for a share on
    one side of half (50.3%, 49.8%): "over half" must not read 50%."""
    digits = 1 if round(fraction * 100) == 50 and fraction != 0.5 else 0
    return pct(fraction * 100, digits=digits, signed=False)


def _pct_locale(value: float, digits: int, signed: bool) -> str:
    loc = i18n.locale()
    pattern = loc.percent_formats[None].pattern.replace("0", "0" + ("." + "0" * digits if digits else ""), 1)
    text = format_percent(abs(value) / 100 if signed else value / 100, format=pattern, locale=loc)
    if not signed or not any(c in "123456789" for c in text):
        return text
    return ("+" if value > 0 else "−") + text


def change(first: float, last: float, digits: int = 1) -> str:
    """Growth between two levels: a percentage, or a multiple once the level has more than doubled."""
    if _missing(first) or _missing(last) or first <= 0:
        return MISSING
    ratio = last / first
    if ratio > 3:
        return number(ratio, 0 if ratio >= 10 else digits) + "×"
    return pct((ratio - 1) * 100, digits)


def pp(value: float | None, digits: int = 1) -> str:
    """A difference of two percentages, in percentage points."""
    if _missing(value):
        return MISSING
    if i18n.current() == i18n.DEFAULT:
        return pct(value, digits).replace("%", " pp")
    text = pct(value, digits)
    sign = text[0] if text[0] in "+−" else ""
    # TRANSLATORS: a difference of two percentages in percentage points, e.g. "+3.2 pp"
    return sign + _("{number} pp").format(number=number(abs(value), digits))


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>$~:=")


def md_escape(text: str) -> str:
    """Data text made inert for st.markdown: no emphasis, links, HTML, LaTeX ($) or emoji shortcodes."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c": items as a sentence names them."""
    if i18n.current() != i18n.DEFAULT:
        return format_list(list(items), locale=i18n.locale())
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def commas(items: Iterable[str]) -> str:
    """Items in a row: "a, b, c" ("a、b、c" in Chinese), with no "and" (see listing for a sentence's list)."""
    # TRANSLATORS: the separator between the items of a list ("China 21.5%, Russia 19.4%"); keep the space if your
    # language puts one after it
    return pgettext("list separator", ", ").join(items)


def semicolons(items: Iterable[str]) -> str:
    """The items of a note's list, or a sentence's clauses: "a; b" ("a；b" in Chinese)."""
    # TRANSLATORS: what separates the items of a list in a note ("a; b"); Chinese: a full-width semicolon
    return pgettext("list separator", "; ").join(items)


def sentences(*texts: str) -> str:
    """Sentences one after the other: a space between them, none after a full-width full stop (Chinese). A
    sentence whose last word is an abbreviation with its own stop ("…2023 г." + ".") keeps one stop."""
    out = ""
    for text in (t for t in texts if t):
        text = re.sub(r"(?<!\.)\.\.(?=\s|$)", ".", text)
        out += ("" if not out or out[-1] in "。！？）" else " ") + text
    return out


def ranges(values: Iterable[int], width: int = 0) -> str:
    """Consecutive numbers folded into ranges, in a row as the reader's language writes one: [2014, 2015, 2016,
    2018] → "2014–2016, 2018" ("2014–2016、2018" in Chinese); `width`: zero-padded digits (chapters "01–05")."""
    nums = sorted({int(v) for v in values})
    parts: list[str] = []
    start = prev = None
    for n in [*nums, None]:
        if start is not None and (n is None or n != prev + 1):
            parts.append(f"{start:0{width}d}" if start == prev else f"{start:0{width}d}–{prev:0{width}d}")
            start = None
        if n is not None and start is None:
            start = n
        prev = n
    return commas(parts)


def year_span(first: int, last: int) -> str:
    """'2018–2023', or '2024' for a single year."""
    return str(first) if first == last else f"{first}–{last}"


def day(value: date) -> str:
    """A date with its month in words, in the reader's language: 12 Sep 2023, 12 сент. 2023 г., 2023年9月12日."""
    if i18n.current() == i18n.DEFAULT:
        return f"{value.day} {value:%b %Y}"
    return format_skeleton("yMMMd", value, locale=i18n.locale())


def month(value: date) -> str:
    """A month and year in the reader's language: Sep 2023, сент. 2023 г., 2023年9月."""
    if i18n.current() == i18n.DEFAULT:
        return f"{value:%b %Y}"
    return format_skeleton("yMMM", value, locale=i18n.locale())


def when(start: str, end: str) -> str:
    """An event's dates (ISO day "2023-09-12" or month "2023-09") in words, keeping month-only precision visible."""
    def one(d: str) -> str:
        value = date.fromisoformat(d if len(d) == 10 else f"{d}-01")
        # TRANSLATORS: an event's date where the sources give only its month, e.g. "Sep 2023 (day not known)"
        return day(value) if len(d) == 10 else _("{month} (day not known)").format(month=month(value))
    # TRANSLATORS: the dates of an event of several days, e.g. "7 Sep 2013 – 10 Sep 2013"
    return one(start) if start == end else _("{start} – {end}").format(start=one(start), end=one(end))
