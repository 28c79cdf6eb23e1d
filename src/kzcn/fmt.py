"""Numbers formatted for people: $41.0 bn, $850 m, +32.2%, and an honest dash for missing."""

from __future__ import annotations

import math

MISSING = "—"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def usd(value: float | None, digits: int = 1) -> str:
    """US dollars with a unit a reader can say aloud: bn from a billion, m below."""
    if _missing(value):
        return MISSING
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


def pct(value: float | None, digits: int = 1, signed: bool = True) -> str:
    """A percentage; growth gets an explicit sign so +0.4% and −0.4% never look alike."""
    if _missing(value):
        return MISSING
    if signed:
        text = f"{abs(value):.{digits}f}%"
        if not any(c in "123456789" for c in text):
            return text  # rounds to zero: no sign, so "−0.0%" never suggests a fall
        return ("+" if value > 0 else "−") + text
    return f"{value:.{digits}f}%"


def change(first: float, last: float, digits: int = 1) -> str:
    """Growth between two levels: a percentage, or a multiple once the level has more than doubled."""
    if _missing(first) or _missing(last) or first <= 0:
        return MISSING
    ratio = last / first
    if ratio > 3:
        return f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.{digits}f}×"
    return pct((ratio - 1) * 100, digits)


def pp(value: float | None, digits: int = 1) -> str:
    """A difference of two percentages, in percentage points."""
    if _missing(value):
        return MISSING
    return pct(value, digits).replace("%", " pp")


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>$~:=")


def md_escape(text: str) -> str:
    """Data text made inert for st.markdown: no emphasis, links, HTML, LaTeX ($) or emoji shortcodes."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c": items as a sentence names them."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def year_span(first: int, last: int) -> str:
    """'2018–2023', or '2024' for a single year."""
    return str(first) if first == last else f"{first}–{last}"
