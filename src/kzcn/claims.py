"""Check the speech's claims against kzcn's own data; every check is computed, never typed.

A curated claim (data/curated/claims.csv) names a check kind and its arguments:

* events: the claim is about events; its arguments say, per event, what the speech asserts (see below), and
  each asserted fact is compared with the events data.
* trade_value / trade_growth: bilateral turnover or its growth for a year, compared with each side's figure.
* largest_partner: China's rank among Kazakhstan's partners in the claim's year, as the bureau (BNS) reports it,
  ranked by kzcn.partners on the trade_partners dataset (every country partner, turnover = exports + imports,
  the newest workbook holding the year).
* press: only press reports exist; they are listed, and a disagreement between them is said.
* none: kzcn holds no data on the subject; the argument says why.

Arguments of an events check (check_args), items separated by ";":

    <event_id> (date=<YYYY | YYYY-MM | YYYY-MM-DD>, country=<name>, city=<name>)
    not checked [<words of the claim>]: <why the data cannot check them>

An event item asserts that the event happened; each fact in brackets (all optional, each at most once) asserts
its date or place, only as precisely as the speech puts it. A date matches when the event, from its recorded
start to its end, took place at least partly in the claimed year, month or day; a recorded date less precise than
the claim (a month where the claim gives a day) cannot settle it. A place matches when it is the recorded
country or city, or one of the names in a recorded "A/B" (a border); a missing recorded place cannot settle it.
A "not checked" item quotes words of the claim verbatim (a judgment such as "have achieved complete success")
and says in plain words why the data cannot check them; they are named in the note, never counted as a match.

Verdicts: an event not in the data, or a fact that disagrees with it, gives "differs" (the note says which, as
claimed and as recorded); else a fact the data cannot settle gives "no independent source"; else "matches", and
the note still names any words not checked. A claim that asserts no event at all, only words the data cannot
check, is "not checked". A malformed argument is a curation error that stops the build, naming the claim.

The reasons in the arguments (of a `none` check, and after each "not checked [...]:") are kzcn's own English:
`own_texts` lists them, data/curated/texts_i18n.csv translates them (kzcn.curated.text_translations), and `check`
takes the translations as `reasons`. The quoted words of the claim are the speech's and stay as published.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from kzcn import fmt, i18n, metrics, partners
from kzcn.countries import country_name
from kzcn.errors import ValidationError
from kzcn.i18n import N_, _, ngettext, pgettext
from kzcn.partnerviews import ordinal
from kzcn.schemas import SPEECH_SOURCE_ID, TRANSLATED_TEXTS

# The verdicts, compared in code and carried in links (`?claims=`): English here, shown with `_` (their names in
# the reader's language are the messages below).
VERDICTS = (
    # TRANSLATORS: a claim's verdict: kzcn's data says the same
    N_("matches"),
    # TRANSLATORS: a claim's verdict: kzcn's figure is near (within 2%)
    N_("close"),
    # TRANSLATORS: a claim's verdict: kzcn's data says otherwise
    N_("differs"),
    # TRANSLATORS: a claim's verdict: kzcn holds no source for exactly what is stated
    N_("no independent source"),
    # TRANSLATORS: a claim's verdict: outside kzcn's data, or a judgment
    N_("not checked"),
)


def _split(args: str) -> list[str]:
    return [a.strip() for a in str(args).split(";") if a.strip()]


def _turnover(trade: pd.DataFrame, reporter: str, year: int) -> tuple[float, float, str]:
    """The preferred turnover of `year`, its growth within the same series (never one publication's year over
    another's; see metrics.range_summary) and its source ids."""
    totals = metrics.reporter_totals(trade, reporter)
    summary = metrics.range_summary(totals, year, year, by_series=metrics.series_turnover(trade, reporter))
    src = str(totals.set_index("year")["source_id"].get(year, ""))
    return summary["turnover"], summary["yoy"], src


def _press_context(press: pd.DataFrame, period: str) -> str:
    rows = press[(press["period"] == period) & press["metric"].eq("turnover") & press["value"].notna()]
    parts = [(_("{value} ({basis}; press, {figure}), {growth}") if pd.notna(r.yoy_pct)
              else _("{value} ({basis}; press, {figure})")).format(
                 value=fmt.usd(r.value * 1e9), basis=r.reporter_basis, figure=r.figure_id,
                 growth=fmt.pct(r.yoy_pct) if pd.notna(r.yoy_pct) else "")
             for r in rows.itertuples()]
    return fmt.semicolons(parts)


def _lookup(args: str, frame: pd.DataFrame, id_column: str, what: str) -> tuple[list[str], pd.DataFrame]:
    """The ids a check names and the frame indexed by them; an unknown id is a curation error, never skipped."""
    ids = _split(args)
    indexed = frame.set_index(id_column)
    missing = [i for i in ids if i not in indexed.index]
    if missing:
        raise ValidationError(f"claims: check_args name unknown {what} {missing}")
    return ids, indexed


# --- events -------------------------------------------------------------------------------------------------

EVENT_FACTS = ("date", "country", "city")
_EVENT_ID = re.compile(r"^\d{4}-\d{2}(-\d{2})?-[a-z0-9]+(-[a-z0-9]+)*$")
_CLAIM_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_EVENT_ITEM = re.compile(r"^(?P<id>[^\s()]+)\s*(?:\((?P<facts>[^()]*)\))?$")
_UNCHECKED_ITEM = re.compile(r"^not checked \[(?P<words>[^\[\]]*)\]:(?P<why>.*)$")
_NAME_FORBIDDEN = set(",;()[]=")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class EventFacts:
    """What the speech asserts about one event: that it happened, and where given, its date and place."""

    event_id: str
    date: str | None = None
    country: str | None = None
    city: str | None = None


@dataclass(frozen=True)
class Unchecked:
    """Words of the claim the data cannot check, and why."""

    words: str
    why: str


@dataclass(frozen=True)
class EventSpec:
    events: tuple[EventFacts, ...]
    unchecked: tuple[Unchecked, ...]


def _bounds(when: str) -> tuple[date, date]:
    """First and last day of a year, month or day written YYYY, YYYY-MM or YYYY-MM-DD."""
    year = int(when[:4])
    if len(when) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(when[5:7])
    if len(when) == 7:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date.fromisoformat(when)
    return day, day


def _valid_date(when: str) -> bool:
    if not _CLAIM_DATE.match(when):
        return False
    try:
        _bounds(when)
    except ValueError:
        return False
    return int(when[:4]) >= 1


def parse_events_spec(claim_id: str, args: str, claim_text: str) -> EventSpec:
    """The arguments of an events check, validated; anything malformed raises, naming the claim."""

    def refuse(problem: str) -> ValidationError:
        return ValidationError(f"claims: claim {claim_id}: events check_args: {problem}")

    events: list[EventFacts] = []
    unchecked: list[Unchecked] = []
    for item in _split(args):
        if item.startswith("not checked"):
            m = _UNCHECKED_ITEM.match(item)
            if not m:
                raise refuse(f"{item!r} is not 'not checked [words of the claim]: why'")
            words, why = m["words"].strip(), m["why"].strip()
            if not words or not why:
                raise refuse(f"{item!r} needs both the words and why they are not checked")
            if words not in claim_text:
                raise refuse(f"the words {words!r} are not in the claim's text")
            unchecked.append(Unchecked(words, why))
            continue
        m = _EVENT_ITEM.match(item)
        if not m or not _EVENT_ID.match(m["id"]):
            raise refuse(f"{item!r} is not '<event_id> (date=…, country=…, city=…)'")
        facts: dict[str, str] = {}
        if m["facts"] is not None:
            for part in m["facts"].split(","):
                key, eq, value = (x.strip() for x in part.partition("="))
                if not eq or key not in EVENT_FACTS or not value:
                    raise refuse(f"{part.strip()!r} in {m['id']} is not one of date=, country=, city= with a value")
                if key in facts:
                    raise refuse(f"{key} is given twice for {m['id']}")
                if key == "date" and not _valid_date(value):
                    raise refuse(f"date {value!r} for {m['id']} is not a real YYYY, YYYY-MM or YYYY-MM-DD")
                if _NAME_FORBIDDEN & set(value):
                    raise refuse(f"{key} {value!r} for {m['id']} holds one of , ; ( ) [ ] =")
                facts[key] = value
        if any(e.event_id == m["id"] for e in events):
            raise refuse(f"event {m['id']} is named twice")
        events.append(EventFacts(m["id"], **facts))
    if not events and not unchecked:
        raise refuse("names no event and no words not checked")
    return EventSpec(tuple(events), tuple(unchecked))


def format_events_spec(spec: EventSpec) -> str:
    """The check_args text of a spec (parse_events_spec reads it back)."""
    items = []
    for e in spec.events:
        facts = [f"{k}={getattr(e, k)}" for k in EVENT_FACTS if getattr(e, k) is not None]
        items.append(e.event_id + (f" ({', '.join(facts)})" if facts else ""))
    items += [f"not checked [{u.words}]: {u.why}" for u in spec.unchecked]
    return "; ".join(items)


REASON, NOT_CHECKED_REASON = TRANSLATED_TEXTS["claims"][:2]  # the fields of kzcn's own English in the arguments
DESCRIBED = TRANSLATED_TEXTS["claims"][2:]  # kzcn's words on what the speech's figure is: metric, unit, period
# units kzcn.speechview.stated writes itself ($36.87 bn, rank 5, meeting number 11): no words of the claim's shown
FORMATTED_UNITS = frozenset({"USD bn", "rank", "meeting number"})


def own_texts(claims: pd.DataFrame) -> list[tuple[str, str, str]]:
    """kzcn's own English in the claims' arguments, as (claim_id, field, text): the whole argument of a `none`
    check (REASON) and the reason after each "not checked [words]:" of an events check (NOT_CHECKED_REASON), in
    the order of the claims. The words in brackets are the speech's and never among them."""
    out = []
    for claim in claims.to_dict("records"):
        if claim["check"] == "none":
            out.append((claim["claim_id"], REASON, str(claim["check_args"])))
        elif claim["check"] == "events":
            spec = parse_events_spec(claim["claim_id"], claim["check_args"], claim["claim_text"])
            out += [(claim["claim_id"], NOT_CHECKED_REASON, u.why) for u in spec.unchecked]
    return out


def described_texts(claims: pd.DataFrame) -> list[tuple[str, str, str]]:
    """kzcn's English describing each claim's figure, as (claim_id, field, text): its metric, its unit where the
    speech page writes the unit's words, its period where it has words ("2023 Q1–Q3", not "2023")."""
    out = []
    for claim in claims.to_dict("records"):
        for field in DESCRIBED:
            text = str(claim[field]).strip() if isinstance(claim[field], str) else ""
            if not re.search("[A-Za-z]", text) or (field == "unit" and text in FORMATTED_UNITS):
                continue
            out.append((claim["claim_id"], field, text))
    return out


def date_text(when: str) -> str:
    """ "2023", "May 2023" or "17 May 2023" (in the reader's language: "мая 2023 г.", "2023年5月17日")."""
    if len(when) == 4:
        return when
    if i18n.current() != i18n.DEFAULT:
        return fmt.month(date(int(when[:4]), int(when[5:7]), 1)) if len(when) == 7 else fmt.day(
            date.fromisoformat(when))
    month = f"{MONTHS[int(when[5:7]) - 1]} {when[:4]}"
    return month if len(when) == 7 else f"{int(when[8:])} {month}"


def span_text(start: str, end: str) -> str:
    """A recorded span in words: "17 May 2023", "17–19 May 2023", "May 2004", "23 September – 8 October 2023"."""
    if start == end:
        return date_text(start)
    if i18n.current() != i18n.DEFAULT:
        # TRANSLATORS: a span of dates, e.g. "17 May 2023 – 19 May 2023"
        return _("{start} – {end}").format(start=date_text(start), end=date_text(end))
    if len(start) == len(end) == 10 and start[:7] == end[:7]:
        return f"{int(start[8:])}–{date_text(end)}"
    if len(start) == len(end) == 10 and start[:4] == end[:4]:
        return f"{date_text(start)[:-5]} – {date_text(end)}"
    return f"{date_text(start)} – {date_text(end)}"


def compare_date(claimed: str, start: str, end: str) -> str:
    """ "matches", "differs" or "unsettled" (the record is less precise than the claim)."""
    c_lo, c_hi = _bounds(claimed)
    s_lo, s_hi = _bounds(start)
    e_lo, e_hi = _bounds(end)
    if c_hi < s_lo or c_lo > e_hi:
        return "differs"  # the event, even at its widest, lies outside the claimed period
    if c_lo <= s_lo and e_hi <= c_hi:
        return "matches"  # the event, even at its widest, lies inside the claimed period
    if s_hi <= e_lo and c_lo <= e_lo and s_hi <= c_hi:
        return "matches"  # the claimed period meets days the event certainly covered
    return "unsettled"


def _place_names(recorded: str) -> set[str]:
    bare = re.sub(r"\([^)]*\)", "", recorded)
    return {_fold(part) for part in bare.split("/") if part.strip()} | {_fold(recorded)}


def _as_read(said: str, recorded: str, shown: str | None) -> str:
    """A place the speech names that matched the events data, as the reader's language names it: the recorded
    name it matched ("Xi'an" in "Xi'an" or "Kazakhstan" in "Kazakhstan/China (border)") put as `shown` puts it
    (the event's city or countries in that language, in the same order). English keeps the claim's own words."""
    if i18n.current() == i18n.DEFAULT or not shown:
        return said
    names, shown_names = (re.sub(r"\([^)]*\)", "", text).split("/") for text in (recorded, shown))
    if len(names) != len(shown_names):
        return said
    return next((s.strip() for n, s in zip(names, shown_names, strict=True) if _fold(n) == _fold(said)), said)


def _fold(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


def compare_place(claimed: str, recorded: str | None) -> str:
    """ "matches", "differs" or "unsettled" (no place recorded)."""
    if not isinstance(recorded, str) or not recorded.strip():
        return "unsettled"
    return "matches" if _fold(claimed) in _place_names(recorded) else "differs"


def _recorded_place(event: pd.Series) -> str:
    parts = [str(event[c]) for c in ("city", "country") if isinstance(event[c], str) and event[c]]
    return ", ".join(parts) if parts else _("place not recorded")


def _quoted(words: str) -> str:
    return f"‘{words}’" if "“" in words else f"“{words}”"


# what a note says of one fact of an event, per fact: whole sentences, so each language words them its own way
_FACT_MATCHES = {"date": N_("date {said} matches"), "country": N_("country {said} matches"),
                 "city": N_("city {said} matches")}
_FACT_DIFFERS = {"date": N_("date: claimed {said}, recorded {recorded} — differs"),
                 "country": N_("country: claimed {said}, recorded {recorded} — differs"),
                 "city": N_("city: claimed {said}, recorded {recorded} — differs")}
_FACT_DIFFERS_LEAD = {"date": N_("date of {title}: claimed {said}, recorded {recorded}"),
                      "country": N_("country of {title}: claimed {said}, recorded {recorded}"),
                      "city": N_("city of {title}: claimed {said}, recorded {recorded}")}
_FACT_UNRECORDED = {"date": N_("date: claimed {said}, no date recorded — cannot be settled"),
                    "country": N_("country: claimed {said}, no country recorded — cannot be settled"),
                    "city": N_("city: claimed {said}, no city recorded — cannot be settled")}
_FACT_UNRECORDED_LEAD = {"date": N_("the date of {title} (claimed {said}; no date recorded)"),
                         "country": N_("the country of {title} (claimed {said}; no country recorded)"),
                         "city": N_("the city of {title} (claimed {said}; no city recorded)")}
_FACT_VAGUE = {"date": N_("date: claimed {said}, recorded only as {recorded} — cannot be settled"),
               "country": N_("country: claimed {said}, recorded only as {recorded} — cannot be settled"),
               "city": N_("city: claimed {said}, recorded only as {recorded} — cannot be settled")}
_FACT_VAGUE_LEAD = {"date": N_("the date of {title} (claimed {said}; recorded only as {recorded})"),
                    "country": N_("the country of {title} (claimed {said}; recorded only as {recorded})"),
                    "city": N_("the city of {title} (claimed {said}; recorded only as {recorded})")}


def _facts_checked(dates: int, places: int) -> str:
    """ "4 dates and 1 place checked", "1 date checked", "2 places checked", or "" when none."""
    if dates and places:
        # TRANSLATORS: e.g. "4 dates and 1 place checked"; {dates} and {places} are the two counts below
        return _("{dates} and {places} checked").format(
            dates=ngettext("{n} date", "{n} dates", dates).format(n=dates),
            places=ngettext("{n} place", "{n} places", places).format(n=places))
    if dates:
        return ngettext("{n} date checked", "{n} dates checked", dates).format(n=dates)
    if places:
        return ngettext("{n} place checked", "{n} places checked", places).format(n=places)
    return ""


def _events(claim: dict, args: str, events: pd.DataFrame, shown: pd.DataFrame | None = None,
            reasons: Mapping[tuple[str, str], str] | None = None) -> dict:
    spec = parse_events_spec(claim["claim_id"], args, claim["claim_text"])
    reasons = reasons or {}
    known = events.set_index("event_id")
    words = known if shown is None else shown.set_index("event_id")  # titles and places as the reader reads them
    differs, unsettled, details = [], [], []
    found = dates = places = 0
    for asserted in spec.events:
        if asserted.event_id not in known.index:
            differs.append(_("the event {event} is not in the data").format(event=asserted.event_id))
            continue
        found += 1
        e = known.loc[asserted.event_id]
        named = words.loc[asserted.event_id] if asserted.event_id in words.index else e
        title = str(named["title"])
        parts = [_("{title} ({when}; {place}) is in the data").format(
            title=title, when=span_text(e["start"], e["end"]), place=_recorded_place(named))]
        checks = []
        if asserted.date is not None:
            dates += 1
            checks.append(("date", date_text(asserted.date), span_text(e["start"], e["end"]),
                           compare_date(asserted.date, e["start"], e["end"])))
        for key in ("country", "city"):
            value = getattr(asserted, key)
            if value is not None:
                places += 1
                recorded = e[key] if isinstance(e[key], str) and e[key] else None
                shown_as = named[key] if isinstance(named[key], str) and named[key] else recorded
                checks.append((key, value, shown_as, compare_place(value, e[key])))
        for key, said, recorded, result in checks:
            if result == "matches":
                shown_said = said if key == "date" else _as_read(said, e[key], recorded)
                parts.append(_(_FACT_MATCHES[key]).format(said=shown_said))
            elif result == "differs":
                parts.append(_(_FACT_DIFFERS[key]).format(said=said, recorded=recorded))
                differs.append(_(_FACT_DIFFERS_LEAD[key]).format(title=title, said=said, recorded=recorded))
            elif recorded is None:
                parts.append(_(_FACT_UNRECORDED[key]).format(said=said))
                unsettled.append(_(_FACT_UNRECORDED_LEAD[key]).format(title=title, said=said))
            else:
                parts.append(_(_FACT_VAGUE[key]).format(said=said, recorded=recorded))
                unsettled.append(_(_FACT_VAGUE_LEAD[key]).format(title=title, said=said, recorded=recorded))
        if not checks:
            parts.append(_("the speech gives no date or place for it"))
        if isinstance(e["disagreement"], str) and e["disagreement"]:
            parts.append(_("sources disagree on some details, see the event"))
        # TRANSLATORS: one sentence made of the items of a list ("a; b; c."); Chinese ends with a full-width stop
        details.append(_("{items}.").format(items=fmt.semicolons(parts)))
    # the claim's words stay as the speech has them, quoted; why they are not checked is the curated note's, in the
    # reader's language where translated (the sentence adds its own full stop)
    not_checked = [_("Not checked: {words} — {why}.").format(
        words=_quoted(u.words), why=reasons.get((claim["claim_id"], u.why), u.why).rstrip(".。"))
        for u in spec.unchecked]
    if differs:
        verdict, lead = "differs", _("Differs from kzcn's events data: {items}.").format(items=fmt.semicolons(differs))
    elif unsettled:
        verdict = "no independent source"
        lead = _("The events data cannot settle {items}.").format(items=fmt.semicolons(unsettled))
    elif spec.events:
        verdict, lead = "matches", _("Every fact checked matches kzcn's events data.")
    else:
        verdict, lead = "not checked", ""
    checked_text = _("Checked: {details}").format(details=fmt.sentences(*details)) if details else ""
    note = fmt.sentences(lead, *not_checked, checked_text)
    basis = None
    if spec.events:
        named_count = len(spec.events)
        found_text = ngettext("events data: {found} of {n} named event found",
                              "events data: {found} of {n} named events found", named_count
                              ).format(found=found, n=named_count)
        facts = _facts_checked(dates, places)
        basis = fmt.semicolons([found_text, facts]) if facts else found_text
    return {"verdict": verdict, "check_value": None, "check_unit": None, "check_basis": basis,
            "check_note": note, "check_source_id": "events-research" if spec.events else None}


def check(claims: pd.DataFrame, trade: pd.DataFrame, press: pd.DataFrame, events: pd.DataFrame,
          trade_partners: pd.DataFrame | None = None, *, shown_events: pd.DataFrame | None = None,
          reasons: Mapping[tuple[str, str], str] | None = None) -> pd.DataFrame:
    """Return `claims` in the CLAIMS schema, with check_value/verdict/check_note computed.

    Each claim keeps its `check` and `check_args`, so claims already checked (the shipped dataset) can be checked
    again, e.g. with their notes in another language; their previous results are replaced.

    trade_partners: the dataset of every partner (kzcn.schemas.TRADE_PARTNERS), for largest_partner checks.
    The notes and bases are written in the language of the run (kzcn.i18n; the build's is English); verdicts,
    units and values are the same in every language. shown_events: the events with their title, city and country
    in the reader's language, for the notes only (the facts are always compared with `events`, as recorded).
    reasons: kzcn's own texts in the run's language, by (claim_id, the English): its reasons in the arguments
    (own_texts) and its words on the figure (described_texts: a claim's period in a note); one not in it is given
    in English."""
    reasons = reasons or {}
    out = []
    for claim in claims.to_dict("records"):
        kind, args = claim["check"], claim["check_args"]
        claim["source_id"] = SPEECH_SOURCE_ID
        if kind == "events":
            result = _events(claim, args, events, shown_events, reasons)
        elif kind in ("trade_value", "trade_growth"):
            result = _trade(kind, int(args), claim, trade, press, reasons)
        elif kind == "largest_partner":
            result = _largest_partner(int(args), trade_partners)
        elif kind == "press":
            result = _press(args, press)
        elif kind == "none":
            result = {"verdict": "not checked", "check_value": None, "check_unit": None, "check_basis": None,
                      "check_note": reasons.get((claim["claim_id"], str(args)), str(args)), "check_source_id": None}
        else:
            raise ValidationError(f"claims: claim {claim['claim_id']}: unknown check kind {kind!r}")
        out.append({**claim, **result})
    return pd.DataFrame(out)


def _trade(kind: str, year: int, claim: dict, trade: pd.DataFrame, press: pd.DataFrame,
           texts: Mapping[tuple[str, str], str]) -> dict:
    cn, cn_growth, cn_src = _turnover(trade, "China", year)
    kz, kz_growth, kz_src = _turnover(trade, "Kazakhstan", year)
    partial = claim["period"] != str(year)
    context = _press_context(press, f"{year} Jan-Oct")
    if kind == "trade_value":
        value, unit = cn, "USD"
        note = _("Full year {year}: {china} as China reports ({china_source}); {kazakhstan} as Kazakhstan reports "
                 "({kazakhstan_source}).").format(year=year, china=fmt.usd(cn, 2), china_source=cn_src,
                                                   kazakhstan=fmt.usd(kz, 2), kazakhstan_source=kz_src)
        basis = _("full year {year}, as China reports").format(year=year)
    else:
        value, unit = cn_growth, "% year on year"
        note = _("Full year {year} over {previous}: {china} as China reports ({china_source}); {kazakhstan} as "
                 "Kazakhstan reports ({kazakhstan_source}).").format(
            year=year, previous=year - 1, china=fmt.pct(cn_growth), china_source=cn_src,
            kazakhstan=fmt.pct(kz_growth), kazakhstan_source=kz_src)
        basis = _("full year {year} over {previous}, as China reports").format(year=year, previous=year - 1)
    if context:
        note = fmt.sentences(note, _("January–October {year} in the press: {reports}.").format(year=year,
                                                                                             reports=context))
    if partial:
        verdict = "no independent source"
        period = texts.get((claim["claim_id"], claim["period"]), claim["period"])  # kzcn's words, translated
        note = fmt.sentences(_("No source kzcn holds gives {period}.").format(period=period), note)
    else:
        claimed = float(claim["value"]) * (1e9 if kind == "trade_value" else 1)
        diff = abs(value / claimed - 1) * 100 if kind == "trade_value" else abs(value - claimed)
        verdict = "matches" if diff <= 0.5 else ("close" if diff <= 2 else "differs")
    return {"verdict": verdict, "check_value": value, "check_unit": unit, "check_basis": basis,
            "check_note": note, "check_source_id": cn_src.split(", ")[0] or None}


SHARE_OF_TURNOVER = "% of turnover"  # the check_unit of a largest_partner check (the speech page links it)
PARTNER_SERIES = "kz_bns"  # "largest partner" is checked as Kazakhstan's statistics bureau ranks its partners


def _largest_partner(year: int, trade_partners: pd.DataFrame | None) -> dict:
    """China's rank among Kazakhstan's country partners by turnover in `year`, as the bureau reports it (one
    workbook: the newest holding the year); "matches" when China is first, else "differs"."""
    ranked = pd.DataFrame() if trade_partners is None else partners.ranking(
        trade_partners, "Kazakhstan", "turnover", series=PARTNER_SERIES, year=year, preferred_only=True)
    china = ranked[ranked["partner"] == partners.REPORTER_CODES["China"]] if len(ranked) else ranked
    if china.empty or len(ranked) < 2:
        return {"verdict": "no independent source", "check_value": None, "check_unit": None,
                "check_basis": None, "check_note": _("No table of all Kazakhstan's partners for {year}.").format(
                    year=year),
                "check_source_id": None}
    china = china.iloc[0]
    top, second = ranked.iloc[0], ranked.iloc[1]
    verdict = "matches" if int(china["rank"]) == 1 else "differs"

    def share(row: pd.Series) -> str:
        return fmt.pct(row["share_of_world"] * 100, signed=False)

    workbook = (_("the bureau's {vintage} workbook").format(vintage=int(china["vintage"]))
                if pd.notna(china["vintage"]) else china["source_id"])
    tied = ranked[(ranked["rank"] == 1) & (ranked["partner"] != china["partner"])]
    countries = int(china["countries"])
    fields = {"year": year, "workbook": workbook, "share": share(china), "rank": _rank(int(china["rank"])),
              "n": countries, "largest": country_name(top["partner"]), "largest_share": share(top),
              "second": country_name(second["partner"]), "second_share": share(second)}
    if int(china["rank"]) == 1 and len(tied):
        note = ngettext(
            "In Kazakhstan's {year} statistics ({workbook}) China has {share} of Kazakhstan's trade turnover and is "
            "{rank} of {n} countries (tied with {tied}); the largest partner is {largest} ({largest_share}), the "
            "second {second} ({second_share}).",
            "In Kazakhstan's {year} statistics ({workbook}) China has {share} of Kazakhstan's trade turnover and is "
            "{rank} of {n} countries (tied with {tied}); the largest partner is {largest} ({largest_share}), the "
            "second {second} ({second_share}).", countries).format(
            tied=", ".join(country_name(p) for p in tied["partner"]), **fields)
    else:
        note = ngettext(
            "In Kazakhstan's {year} statistics ({workbook}) China has {share} of Kazakhstan's trade turnover and is "
            "{rank} of {n} countries; the largest partner is {largest} ({largest_share}), the second {second} "
            "({second_share}).",
            "In Kazakhstan's {year} statistics ({workbook}) China has {share} of Kazakhstan's trade turnover and is "
            "{rank} of {n} countries; the largest partner is {largest} ({largest_share}), the second {second} "
            "({second_share}).", countries).format(**fields)
    return {"verdict": verdict, "check_value": float(china["share_of_world"] * 100), "check_unit": SHARE_OF_TURNOVER,
            "check_basis": _("China's share of Kazakhstan's turnover, {year}, as Kazakhstan reports").format(
                year=year),
            "check_note": note, "check_source_id": str(china["source_id"])}


def _rank(n: int) -> str:
    """A rank as a note says it: "1st", "2nd" in English; in the reader's language elsewhere ("1-е", "第1")."""
    if i18n.current() == i18n.DEFAULT:
        return ordinal(n)
    # TRANSLATORS: a rank among countries, e.g. "1st" (Russian "1-е", Chinese "第1")
    return pgettext("rank", "{n}th").format(n=n)


def _press(args: str, press: pd.DataFrame) -> dict:
    ids, rows = _lookup(args, press, "figure_id", "press figure(s)")
    # TRANSLATORS: a press figure in a note: its publisher, period and what it measures (all as published)
    parts = [_("{publisher} ({period}): {metric}").format(publisher=rows.loc[i, "publisher"],
                                                          period=rows.loc[i, "period"], metric=rows.loc[i, "metric"])
             for i in ids]
    note = _("No official ranking in kzcn's data. Press reports differ: {reports}.").format(
        reports=fmt.semicolons(parts))
    return {"verdict": "no independent source", "check_value": None, "check_unit": None,
            "check_basis": _("press reports"), "check_note": note,
            "check_source_id": str(rows.loc[ids[0], "source_id"])}
