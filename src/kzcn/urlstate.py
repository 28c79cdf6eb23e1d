"""What a shared link may say, and a plain notice for whatever it says wrong.

Streamlit's `bind="query-params"` keeps widgets and the URL in step and silently drops values it cannot use.
Users deserve to know when a link they were sent did not restore what its author saw, so the raw parameters
are checked here first (pure functions, tested with hypothesis), and the app shows the notices.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kzcn.i18n import N_, _

# The shared filters' choices, in English in code; widgets show them (and the URL carries them) translated.
ALL_SECTORS = N_("All sectors")
DIRECTIONS = (N_("Both directions"), N_("China → Kazakhstan"), N_("Kazakhstan → China"))
REPORTER_VIEWS = (N_("Both side by side"), N_("As China reports"), N_("As Kazakhstan reports"))


def reporters_of(view: str) -> list[str]:
    """The reporters a "whose figures" choice shows: one side, or both (the first choice, and anything unknown)."""
    return {REPORTER_VIEWS[1]: ["China"], REPORTER_VIEWS[2]: ["Kazakhstan"]}.get(view, ["China", "Kazakhstan"])
MAX_SHOWN = 40  # characters of an offending value quoted back in a notice


@dataclass(frozen=True)
class Notice:
    """One thing a link said that could not be used as it is: which parameter, and a sentence for the reader.
    `used`: the link's value was used as read, and the sentence says how (years_read_as)."""

    key: str
    text: str
    used: bool = False


def chapter_label(code: str, name: str) -> str:
    """How a chapter appears in the picker and, because Streamlit binds the shown label, in the URL."""
    return f"{code} {name}"[:60]


@dataclass(frozen=True)
class Options:
    """The values the filters can take, derived from the shipped data."""

    year_min: int
    year_max: int
    sectors: tuple[str, ...]
    chapters_by_sector: Mapping[str, tuple[str, ...]]
    chapter_labels: Mapping[str, str] = field(default_factory=dict)  # code -> label (see chapter_label)
    page_keys: Mapping[str, tuple[str, ...] | None] = field(default_factory=dict)  # key -> allowed (None: any)
    chapter_names: Mapping[str, str] = field(default_factory=dict)  # code -> official chapter title
    single_keys: frozenset[str] = frozenset()  # page keys of one-choice widgets (tabs, radios, select boxes)
    heading_labels: Mapping[str, str] = field(default_factory=dict)  # HS4 code -> label (see chapter_label)

    @property
    def default_years(self) -> tuple[int, int]:
        return (self.year_min, self.year_max)


GLOBAL_KEYS = ("years", "sector", "chapters", "headings", "direction", "reporter")
BOOLEAN = ("true", "false")  # how Streamlit writes a bound open/closed state (an expander's) into the URL


def quote(value: str) -> str:
    """An untrusted value made safe and short for a notice: shown as code, never as markdown or HTML."""
    text = value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"
    text = "".join(ch if ch.isprintable() else "?" for ch in text).replace("`", "'")
    return f"`{text}`"


def _years(values: list[str], opts: Options) -> str | None:
    if len(values) != 2:
        return _("years needs two years (from and to); got {count} value(s)").format(count=len(values))
    try:
        start, end = (int(v) for v in values)
    except ValueError:
        return _("years must be whole numbers")
    if start > end:
        return _("the first year is after the second")
    if start < opts.year_min or end > opts.year_max:
        return _("years must lie within {first}–{last}").format(first=opts.year_min, last=opts.year_max)
    return None


def years_read_as(values: Sequence[str], read: Sequence[str], opts: Options) -> tuple[tuple[int, int], Notice] | None:
    """The year range to show for a link's `years` that check() refuses but Streamlit's bound slider has read
    (`read`: what it wrote into the URL, empty where it could not read them) as two years within the data's
    years, with a notice saying how the link was read; None where its reading is not usable. Streamlit reads
    `2015.5&2020` as 2015 and 2020, writes that into the address bar, and forbids code to change a parameter bound
    to a widget: a view of the default years under that address bar would not be the view the link restores. A
    reversed range (`2020&2015`) is shown in order."""
    problem = _years([str(v) for v in values], opts)
    try:
        start, end = sorted(int(v) for v in read)  # not two whole years: ValueError
    except ValueError:
        return None
    if problem is None or start < opts.year_min or end > opts.year_max:
        return None
    shown = quote("&".join(str(v) for v in values))
    # TRANSLATORS: a notice under a link whose years were not whole or in order; {problem} says what was wrong
    text = _("Read years={values} as {first}–{last}: {problem}.").format(values=shown, first=start, last=end,
                                                                       problem=problem)
    return (start, end), Notice("years", text, used=True)


def check(params: Mapping[str, Iterable[str]], opts: Options) -> list[Notice]:
    """Notices (markdown-safe text, in the reader's language) for every parameter of a link that cannot be used
    as it is. Choices are compared as the widgets show them, in the reader's language (opts.page_keys too)."""
    notices: list[Notice] = []
    sector = ALL_SECTORS
    for key, raw in params.items():
        values = [str(v) for v in raw]
        shown = quote("&".join(values))
        if key == "years":
            problem = _years(values, opts)
            if problem:
                notices.append(Notice(key, _("Ignored years={values}: {problem}. Showing the default year range "
                                             "instead.").format(values=shown, problem=problem)))
        elif key in ("sector", "direction", "reporter"):
            allowed = {_(choice): choice for choice in {"sector": (ALL_SECTORS, *opts.sectors),
                                                        "direction": DIRECTIONS, "reporter": REPORTER_VIEWS}[key]}
            if len(values) != 1:
                notices.append(Notice(key, _("Ignored {key}={values}: give one value only. Showing the default "
                                             "instead.").format(key=key, values=shown)))
            elif values[0] not in allowed:
                notices.append(Notice(key, _("Ignored {key}={values}: not a known {key}. Showing the default "
                                             "instead.").format(key=key, values=shown)))
            elif key == "sector":
                sector = allowed[values[0]]
        elif key == "lang" and key in opts.page_keys and any(v not in (opts.page_keys[key] or ()) for v in values):
            notices.append(Notice(key, f"Ignored lang={shown}: kzcn speaks en (English), ru (Russian) and zh "
                                       "(Chinese). Showing English."))  # in English, the language shown instead
        elif key in opts.page_keys:
            allowed = opts.page_keys[key]
            bad = [v for v in values if allowed is not None and v not in allowed]
            if key in opts.single_keys and len(values) > 1:
                notices.append(Notice(key, _("Link parameter {key} has {count} values ({values}); only one can be "
                                             "used.").format(key=quote(key), count=len(values), values=shown)))
            elif bad:
                notices.append(Notice(key, _("Ignored {key}={values}: not a known value. Showing the default "
                                             "instead.").format(key=key, values=quote("&".join(bad)))))
        elif key not in ("chapters", "headings"):
            notices.append(Notice(key, _("Ignored unknown link parameter {key}.").format(key=quote(key))))
    if "chapters" in params:
        codes = opts.chapters_by_sector.get(sector, ()) if sector != ALL_SECTORS else \
            [c for cs in opts.chapters_by_sector.values() for c in cs]
        valid = {opts.chapter_labels.get(c, c) for c in codes}
        bad = [str(v) for v in params["chapters"] if str(v) not in valid]
        if bad:
            text = _("Ignored chapters={values}: not chapters of the chosen sector (a chapter is written as its "
                     "number and name, as in the picker).") if sector != ALL_SECTORS else \
                _("Ignored chapters={values}: not chapters in the HS nomenclature (a chapter is written as its "
                  "number and name, as in the picker).")
            notices.append(Notice("chapters", text.format(values=quote("&".join(bad)))))
    if "headings" in params:
        notices.extend(_headings(params, opts, {n.key for n in notices}))
    return notices


def _headings(params: Mapping[str, Iterable[str]], opts: Options, broken: set[str]) -> list[Notice]:
    """Headings are chosen within chapters: each must be a heading (as the picker writes it) of a chosen chapter."""
    by_label = {label: code for code, label in opts.chapter_labels.items()}
    chapters = set() if "chapters" in broken else {by_label.get(str(v)) for v in params.get("chapters", ())}
    values = [str(v) for v in params["headings"]]
    bad = [v for v in values if v not in opts.heading_labels.values()
           or next(c for c, label in opts.heading_labels.items() if label == v)[:2] not in chapters]
    if not bad:
        return []
    return [Notice("headings", _("Ignored headings={values}: not HS4 headings of the chosen chapters (choose a "
                                 "chapter first; a heading is written as its number and name, as in the picker)."
                                 ).format(values=quote("&".join(bad))))]


def clean_years(value: object, opts: Options) -> tuple[int, int]:
    """The year range a widget returned, made safe to use: ordered and within the data's years."""
    try:
        start, end = (int(v) for v in value)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return opts.default_years
    start, end = sorted((start, end))
    start = min(max(start, opts.year_min), opts.year_max)
    end = min(max(end, opts.year_min), opts.year_max)
    return (start, end)
