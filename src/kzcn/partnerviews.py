"""Frames and sentences for the Partners page, shaped from kzcn.partners results: pure, so tests can check them.

Every helper keeps kzcn.partners' rules: a rank or a share belongs to one source (one series and vintage); two
sources holding the same year are shown side by side, never spliced; groups are never ranked. The one thing
added here is how a view over time picks a year's figures within a series: its newest vintage (`newest`, as the
dataset's `preferred` does), and the page says where another vintage ranks differently (vintage_differences).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from kzcn import fmt, i18n
from kzcn import partners as P
from kzcn.countries import country_name, group_name
from kzcn.i18n import N_, _, ngettext, pgettext

# The page's tabs and choices, in English in code (translated where shown); the English labels are what code
# compares with, and a shared link carries the label in its reader's language (?partners_view=China%27s+rank).
TABS = (N_("Top partners"), N_("Ranks over time"), N_("China, Russia, the EU and the rest"), N_("China's rank"))
RANK_TAB = TABS[-1]  # where the speech's "largest trading partner" claim links
FLOW_CHOICES = (N_("Turnover"), N_("Exports"), N_("Imports"))
SOURCE_CHOICES = (
    # TRANSLATORS: a choice of whose figures to show: both sources' rankings next to each other (both sources are
    # Kazakhstan's own: IMF DOTS and its statistics bureau, not China's and Kazakhstan's)
    N_("Both sources side by side"),
    N_("IMF DOTS"),
    # TRANSLATORS: Kazakhstan's statistics bureau (Bureau of National Statistics), short
    N_("BNS"),
)
SOURCE_SERIES: dict[str, tuple[str, ...]] = {"Both sources side by side": ("imf_dots", "kz_bns"),
                                             "IMF DOTS": ("imf_dots",), "BNS": ("kz_bns",)}
# the series' short names, in English (translate with series_name)
SERIES_NAMES = {"imf_dots": N_("IMF DOTS"), "kz_bns": N_("BNS")}
ALWAYS = ("CHN", "RUS")  # drawn on every ranking view, whatever their place
# Kazakhstan's flow → China's count of the same goods (Kazakhstan's exports are China's imports from it)
CHINA_FLOW = {"turnover": "turnover", "exports": "imports", "imports": "exports"}
# the flows in words, in English (the page says each sentence naming a flow as a whole message of its own)
FLOW_WORDS = {"turnover": "trade turnover (exports + imports)", "exports": "exports", "imports": "imports"}
REST_NAME = N_("Rest of world")
# TRANSLATORS: a table's column: whether the sources rank the same country at that place
SAME_PLACE = N_("same place")
# TRANSLATORS: a table's first column: the place in a ranking of countries (1, 2, 3, …)
PLACE = N_("place")


def series_name(series: str) -> str:
    """A series' short name in the reader's language ("IMF DOTS", "BNS")."""
    return _(SERIES_NAMES[series]) if series in SERIES_NAMES else series


def clauses(items: Sequence[str]) -> str:
    """Clauses as one sentence: "a; b." ("" for none)."""
    if not items:
        return ""
    # TRANSLATORS: the end of a sentence made of clauses ("IMF DOTS has no figure for Russia in 1992; …"):
    # keep {clauses}, end with your language's full stop
    return _("{clauses}.").format(clauses=fmt.semicolons(items))


def flow_of(choice: str) -> str:
    """The kzcn.partners flow of a flow choice ("Exports" → "exports")."""
    flow = choice.lower()
    if flow not in P.FLOWS:
        raise ValueError(f"unknown flow {choice!r}")
    return flow


def ordinal(n: int) -> str:
    """A place in a ranking: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 34th (1-е, 第1 in Russian and Chinese)."""
    if i18n.current() != i18n.DEFAULT:
        # TRANSLATORS: a place in a ranking, {n} its number (English writes 1st, 2nd, 3rd, 4th, … in code)
        return pgettext("ordinal", "{n}th").format(n=n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def source_label(series: str, vintage: object) -> str:
    """"IMF DOTS", or "BNS, 2023 workbook" (one BNS vintage)."""
    name = series_name(series)
    if vintage is None or pd.isna(vintage):
        return name
    # TRANSLATORS: one vintage of a source, e.g. "BNS, 2023 workbook": the bureau publishes each year's figures in
    # two yearly workbooks (spreadsheets)
    return _("{source}, {year} workbook").format(source=name, year=int(vintage))


def ranked(partners: pd.DataFrame, reporter: str, flow: str) -> pd.DataFrame:
    """partners.ranking of every source, with each partner's name and each source's label in the reader's language,
    and `newest`: whether the row's source is its series' newest vintage of that year (the one a view over time
    draws)."""
    return named(ranked_codes(partners, reporter, flow))


ESTIMATE = "imf_estimate"  # trade_partners' status of a cell the IMF flags as its own estimate ("128.11 e")


def reported(partners: pd.DataFrame) -> pd.DataFrame:
    """trade_partners without the IMF's own estimates: a rank or a share here is only of what a reporter reported,
    as the Overview never heads with an estimate (DOTS's figures for Kazakhstan's partner countries in 1992–1993
    are all estimates)."""
    return partners[partners["status"] != ESTIMATE]


def estimate_years(partners: pd.DataFrame, reporter: str, series: str) -> list[int]:
    """The years in which the series gives some of the reporter's partner countries only as IMF estimates."""
    rows = partners[(partners["reporter"] == reporter) & (partners["series"] == series)
                    & (partners["status"] == ESTIMATE) & (partners["partner_kind"] == "country")]
    return sorted(int(y) for y in rows["year"].unique())


def ranked_codes(partners: pd.DataFrame, reporter: str, flow: str) -> pd.DataFrame:
    """ranked without the names: the same in every language (named adds them)."""
    out = P.ranking(partners, reporter, flow)
    if out.empty:
        return out.assign(newest=pd.Series(dtype=bool))
    vintage = pd.to_numeric(out["vintage"], errors="coerce").fillna(-1)
    out["newest"] = vintage == vintage.groupby([out["series"], out["year"]]).transform("max")
    return out


def named(rows: pd.DataFrame) -> pd.DataFrame:
    """Ranked rows with `name` (the partner's) and `source_label` (the source's) in the reader's language."""
    if rows.empty:
        out = rows.assign(name=pd.Series(dtype="str"), source_label=pd.Series(dtype="str"))
    else:
        names = {code: country_name(code) for code in rows["partner"].unique()}
        labels = {sid: source_label(s, v) for sid, s, v in
                  rows[["source_id", "series", "vintage"]].drop_duplicates("source_id").itertuples(index=False)}
        out = rows.assign(name=rows["partner"].map(names), source_label=rows["source_id"].map(labels))
    return out[[*(c for c in rows.columns if c != "newest"), "name", "source_label", "newest"]]


def years_of(ranked_rows: pd.DataFrame, series: Sequence[str], years: tuple[int, int]) -> list[int]:
    """The years within `years` that any of the series ranks."""
    rows = ranked_rows[ranked_rows["series"].isin(list(series)) & ranked_rows["year"].between(*years)]
    return sorted(int(y) for y in rows["year"].unique())


def newest_source(ranked_rows: pd.DataFrame, series: str, year: int) -> str | None:
    """The source id of a series' newest vintage holding `year` (None if the series has no such year)."""
    rows = ranked_rows[(ranked_rows["series"] == series) & (ranked_rows["year"] == year) & ranked_rows["newest"]]
    return str(rows["source_id"].iloc[0]) if len(rows) else None


def top_bars(ranked_rows: pd.DataFrame, source_id: str, year: int, n: int = 10,
             always: Sequence[str] = ALWAYS) -> pd.DataFrame:
    """One source's top n countries in one year (ties at n kept) and, wherever they stand, the `always` ones;
    `beyond_top` marks those below n. Ordered by rank."""
    rows = ranked_rows[(ranked_rows["source_id"] == source_id) & (ranked_rows["year"] == year)]
    keep = (rows["rank"] <= n) | rows["partner"].isin(list(always))
    out = rows[keep].sort_values(["rank", "partner"], kind="stable").reset_index(drop=True)
    return out.assign(beyond_top=out["rank"] > n)


def rank_lines(ranked_rows: pd.DataFrame, series: str, years: tuple[int, int], n: int = 8,
               always: Sequence[str] = ALWAYS) -> pd.DataFrame:
    """Each year's rank of the top n of the last year shown, and of the `always` ones, in one series (its newest
    vintage of each year). `highlight` marks the `always` partners; `order` is the drawing order (them first, then
    by rank in the last year)."""
    rows = ranked_rows[(ranked_rows["series"] == series) & ranked_rows["newest"]
                       & ranked_rows["year"].between(*years)]
    if rows.empty:
        return rows.assign(highlight=pd.Series(dtype=bool), order=pd.Series(dtype="int64"))
    last = rows[rows["year"] == rows["year"].max()].sort_values(["rank", "partner"])
    chosen = [p for p in always if p in set(rows["partner"])]
    chosen += [p for p in last.loc[last["rank"] <= n, "partner"] if p not in chosen]
    out = rows[rows["partner"].isin(chosen)].copy()
    out["highlight"] = out["partner"].isin(list(always))
    out["order"] = out["partner"].map({p: i for i, p in enumerate(chosen)})
    return out.sort_values(["order", "year"], ignore_index=True)


def vintage_differences(ranked_rows: pd.DataFrame, series: str, years: tuple[int, int], n: int = 10) -> list[int]:
    """The years within `years` that two vintages of the series both hold and rank differently in their top n
    (positions, ties in code order, as partners.compare_rankings orders them)."""
    rows = ranked_rows[(ranked_rows["series"] == series) & ranked_rows["year"].between(*years)]
    differ = []
    for year, g in rows.groupby("year"):
        tops = {sid: tuple(s.sort_values(["rank", "partner"])["partner"][:n]) for sid, s in g.groupby("source_id")}
        if len(set(tops.values())) > 1:
            differ.append(int(year))
    return differ


def double_vintage_years(ranked_rows: pd.DataFrame, series: str, years: tuple[int, int]) -> list[int]:
    """The years within `years` that more than one vintage of the series holds."""
    rows = ranked_rows[(ranked_rows["series"] == series) & ranked_rows["year"].between(*years)]
    counts = rows.groupby("year")["source_id"].nunique()
    return sorted(int(y) for y, c in counts.items() if c > 1)


def partner_ranks(ranked_rows: pd.DataFrame, partner: str, series: Sequence[str], years: tuple[int, int],
                  ) -> pd.DataFrame:
    """One partner's rank per year, one line per series (its newest vintage of each year)."""
    rows = ranked_rows[(ranked_rows["partner"] == partner) & ranked_rows["series"].isin(list(series))
                       & ranked_rows["newest"] & ranked_rows["year"].between(*years)]
    return rows.sort_values(["series", "year"], ignore_index=True)


def leaders(ranked_rows: pd.DataFrame, series: str, years: tuple[int, int]) -> list[tuple[str, str]]:
    """Who is first, in which years, in one series (newest vintage per year): (name, years folded into ranges),
    the partner first in the most years first. A tie at first place names both ("Russia and China")."""
    return leaders_of(first_places(ranked_rows, series), years)


def first_places(ranked_rows: pd.DataFrame, series: str) -> dict[int, str]:
    """year → the series' first partner that year (newest vintage); "China and Russia" for a tie."""
    rows = ranked_rows[(ranked_rows["series"] == series) & ranked_rows["newest"] & (ranked_rows["rank"] == 1)]
    first = rows.sort_values("name").groupby("year")["name"].agg(lambda s: fmt.listing(list(s)))
    return {int(y): str(n) for y, n in first.items()}


def leaders_of(first: dict[int, str], years: tuple[int, int]) -> list[tuple[str, str]]:
    """leaders from first_places, within `years`."""
    by_leader: dict[str, list[int]] = {}
    for year, name in sorted(first.items()):
        if years[0] <= year <= years[1]:
            by_leader.setdefault(name, []).append(year)
    order = sorted(by_leader, key=lambda k: (-len(by_leader[k]), by_leader[k][0]))
    return [(name, fmt.ranges(by_leader[name])) for name in order]


# ---- China, Russia, the EU and the rest ----------------------------------------------------------------------

_BNS_EU = re.compile(r"(\d+) countries are listed under it: ([A-Z]{3}(?:, [A-Z]{3})*)")
_DOTS_EU = re.compile(r"the (\d+) members of (\d{4}) onwards")


def eu_definition(note: object) -> str:
    """What a source's EU row holds, from its note: "28 countries, with the United Kingdom" (BNS: the countries
    the sheet lists under it) or "the 27 members of 2020 on, without the United Kingdom" (IMF DOTS); "" if the
    note does not say."""
    text = str(note) if isinstance(note, str) else ""
    if m := _BNS_EU.search(text):
        n = int(m[1])
        if "GBR" in m[2].split(", "):
            return ngettext("{n} country, with the United Kingdom", "{n} countries, with the United Kingdom",
                            n).format(n=n)
        return ngettext("{n} country, without the United Kingdom", "{n} countries, without the United Kingdom",
                        n).format(n=n)
    if m := _DOTS_EU.search(text):
        n, year = int(m[1]), int(m[2])
        if "United Kingdom is never in it" in text:
            # TRANSLATORS: the EU as a source counts it in every year: its members from {year} on
            return ngettext("the {n} member of {year} on, without the United Kingdom",
                            "the {n} members of {year} on, without the United Kingdom", n).format(n=n, year=year)
        # TRANSLATORS: the EU as a source counts it in every year: its members from {year} on
        return ngettext("the {n} member of {year} on", "the {n} members of {year} on", n).format(n=n, year=year)
    return ""


def split_view(partners: pd.DataFrame, flow: str, series: str) -> pd.DataFrame:
    """partners.split of Kazakhstan's flow into China, Russia, the source's own EU row and the rest of the world,
    per year of one series (its newest vintage), with `name` (the EU as "EU as <source> defines it") and
    `eu_definition` (from that source's EU row of that year)."""
    out = P.split(partners, "Kazakhstan", flow, series=series, preferred_only=True)
    if out.empty:
        return out.assign(name=pd.Series(dtype="str"), eu_definition=pd.Series(dtype="str"))
    eu = partners[(partners["reporter"] == "Kazakhstan") & (partners["partner"] == P.EU)
                  & (partners["series"] == series)]
    notes = eu.drop_duplicates(["source_id", "year"]).set_index(["source_id", "year"])["note"]
    definitions = {key: eu_definition(note) for key, note in notes.items()}
    out["eu_definition"] = [definitions.get((s, y), "") for s, y in zip(out["source_id"], out["year"], strict=True)]
    # TRANSLATORS: a line on a chart: the EU as one source defines it, e.g. "EU (IMF DOTS)"
    eu_name = _("{eu} ({source})").format(eu=group_name(P.EU), source=series_name(series))
    names = {p: country_name(p) if p not in (P.EU, P.REST) else eu_name if p == P.EU else _(REST_NAME)
             for p in out["part"].unique()}
    out["name"] = out["part"].map(names)
    return out


def split_gaps(partners: pd.DataFrame, flow: str, series: str, years: tuple[int, int],
               parts: Sequence[str] = ("CHN", "RUS", P.EU)) -> list[tuple[int, str]]:
    """The years within `years` that a series holds for Kazakhstan's flow but cannot split (its newest vintage
    lacks the World row or one of the parts; for turnover, either flow of it): (year, "no Russia, EU figure")."""
    flow_of(flow)  # refuses an unknown flow
    flows = ("exports", "imports") if flow == "turnover" else (flow,)
    rows = partners[(partners["reporter"] == "Kazakhstan") & (partners["series"] == series) & partners["preferred"]
                    & partners["year"].between(*years) & partners["flow"].isin(list(flows))]
    out = []
    for year, g in rows.groupby("year", sort=True):
        held = set(zip(g["partner"], g["flow"], strict=True))
        missing = [p for p in (P.WORLD, *parts) if any((p, f) not in held for f in flows)]
        if missing:
            names = [group_name(p) if p in (P.WORLD, P.EU) else country_name(p) for p in missing]
            # TRANSLATORS: what a source lacks in a year, e.g. "no Russia and EU figure"
            out.append((int(year), _("no {partners} figure").format(partners=fmt.listing(names))))
    return out


def eu_note(split_rows: pd.DataFrame) -> str:
    """The EU a split's rows use, year by year: "«Страны ЕС»: 28 countries, with the United Kingdom (2018–2022);
    27 countries, without the United Kingdom (2023)"."""
    eu = split_rows[split_rows["part"] == P.EU]
    if eu.empty:
        return ""
    groups: dict[str, list[int]] = {}
    for definition, year in zip(eu["eu_definition"], eu["year"], strict=True):
        groups.setdefault(definition or _("membership not stated"), []).append(int(year))
    label = str(eu["part_name"].iloc[0])
    # TRANSLATORS: what the EU holds, and in which years, e.g. "28 countries, with the United Kingdom (2018–2022)"
    said = fmt.semicolons(_("{definition} ({years})").format(definition=d, years=fmt.ranges(ys))
                            for d, ys in groups.items())
    # TRANSLATORS: {label} is the EU's name as the source wrote it (e.g. «Страны ЕС»), kept as published
    return _("«{label}»: {definitions}").format(label=label, definitions=said)


def split_summary(split_rows: pd.DataFrame) -> str:
    """The last year's shares in words: "2023: China 21.5%, Russia 19.4%, the EU 29.6%, the rest 29.5%"."""
    if split_rows.empty:
        return ""
    year = int(split_rows["year"].max())
    last = split_rows[split_rows["year"] == year].set_index("part")
    # TRANSLATORS: "the EU" and "the rest" (of the world) in a list of shares: "China 21.5%, Russia 19.4%, the EU
    # 29.6%, the rest 29.5%"
    words = {P.EU: _("the EU"),
             # TRANSLATORS: the rest of the world, in a list of shares ("…, the EU 29.6%, the rest 29.5%")
             P.REST: _("the rest")}
    # TRANSLATORS: a partner and its share, one item of "China 21.5%, Russia 19.4%, the EU 29.6%, the rest 29.5%"
    parts = [_("{partner} {share}").format(partner=words.get(p) or country_name(p),
                                           share=fmt.pct(last.at[p, "share_of_world"] * 100, signed=False))
             for p in last.index]
    # TRANSLATORS: a year's shares: "2023: China 21.5%, Russia 19.4%, …"
    return _("{year}: {shares}").format(year=year, shares=fmt.commas(parts))


# ---- Where two sources hold the same year -----------------------------------------------------------------------

def named_comparison(compare: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """partners.compare_rankings with names for codes, source labels for column names, the places headed PLACE
    and the `agree` column SAME_PLACE, in the reader's language."""
    sources = [c for c in compare.columns if c != "agree"]
    out = pd.DataFrame({labels.get(s, s): [country_name(c) if isinstance(c, str) else None for c in compare[s]]
                        for s in sources}, index=compare.index.rename(_(PLACE)))
    out[_(SAME_PLACE)] = compare["agree"].to_numpy()
    return out


def comparison_text(compare: pd.DataFrame, labels: dict[str, str]) -> str:
    """Where the sources' top n differ, in words, each source's own order given; sources that agree on every
    place are named together ("BNS, 2019 workbook and BNS, 2020 workbook"). "" with fewer than two sources."""
    sources = [c for c in compare.columns if c != "agree"]
    if len(sources) < 2:
        return ""
    n = len(compare)
    groups: dict[tuple, list[str]] = {}
    for s in sources:
        groups.setdefault(tuple(c if isinstance(c, str) else None for c in compare[s]), []).append(labels.get(s, s))
    if len(groups) == 1:
        return _("{sources} give the same top {n} in the same order.").format(
            sources=fmt.listing(next(iter(groups.values()))), n=n)
    places = [int(p) for p in compare.index[~compare["agree"].to_numpy()]]
    # TRANSLATORS: one source's (or several agreeing sources') countries at the places where the rankings differ:
    # "IMF DOTS: Türkiye, Switzerland"
    said = fmt.semicolons(_("{sources}: {partners}").format(
        sources=fmt.listing(names), partners=fmt.commas(country_name(column[p - 1]) if isinstance(column[p - 1], str)
                                                          else fmt.MISSING for p in places))
        for column, names in groups.items())
    # TRANSLATORS: {places} are places in a ranking ("3–5" or "3, 7"); {said} says each source's countries there
    return ngettext("Their top {n} differ at place {places} — {said}.", "Their top {n} differ at places {places} — "
                    "{said}.", len(places)).format(n=n, places=fmt.ranges(places), said=said)


def absent_years(ranked_rows: pd.DataFrame, series: str, codes: Sequence[str] = ALWAYS) -> list[tuple[str, list[int]]]:
    """The years a series ranks but without a figure for one of `codes` (so it is not ranked there, and a rank
    below it is only among the countries the source has): (name, years), every year of the series."""
    rows = ranked_rows[(ranked_rows["series"] == series) & ranked_rows["newest"]]
    held = set(rows["year"])
    out = []
    for code in codes:
        missing = sorted(int(y) for y in held - set(rows.loc[rows["partner"] == code, "year"]))
        if missing:
            out.append((country_name(code), missing))
    return out


def absences(ranked_rows: pd.DataFrame, series: str, years: tuple[int, int],
             codes: Sequence[str] = ALWAYS) -> list[tuple[str, str]]:
    """absent_years within `years`: (name, years folded into ranges)."""
    return [(name, fmt.ranges(ys)) for name, ys in within(absent_years(ranked_rows, series, codes), years)]


def within(absent: list[tuple[str, list[int]]], years: tuple[int, int]) -> list[tuple[str, list[int]]]:
    """absent_years cut to `years` (a name with no year left is dropped)."""
    cut = [(name, [y for y in ys if years[0] <= y <= years[1]]) for name, ys in absent]
    return [(name, ys) for name, ys in cut if ys]


def absence_words(absent: dict[str, list[tuple[str, list[int]]]], years: tuple[int, int]) -> str:
    """"IMF DOTS has no figure for Russia in 1992–1993." from {series: absent_years} within `years` ("" if none)."""
    # TRANSLATORS: a clause of a sentence (several are joined with semicolons): "IMF DOTS has no figure for Russia in
    # 1992–1993"
    return clauses([_("{source} has no figure for {partner} in {years}").format(
        source=series_name(s), partner=name, years=fmt.ranges(ys)) for s, items in absent.items()
        for name, ys in within(items, years)])


def absence_text(ranked_rows: pd.DataFrame, series: Sequence[str], years: tuple[int, int]) -> str:
    """absence_words for every chosen series."""
    return absence_words({s: absent_years(ranked_rows, s) for s in series}, years)


def top_lists(ranked_rows: pd.DataFrame, year: int, series: Sequence[str], n: int = 10) -> pd.DataFrame:
    """The top n of every source of the series holding the year, side by side, from ranked rows: the same frame
    as partners.compare_rankings (positions 1..n, ties in code order, `agree`), without ranking again."""
    rows = ranked_rows[(ranked_rows["year"] == year) & ranked_rows["series"].isin(list(series))]
    columns = {}
    for source_id, group in rows.groupby("source_id", sort=True):
        codes = list(group.sort_values(["rank", "partner"])["partner"][:n])
        columns[source_id] = codes + [None] * (n - len(codes))
    if not columns:
        return pd.DataFrame({"agree": pd.Series(dtype=bool)}, index=pd.RangeIndex(0, name="position"))
    out = pd.DataFrame(columns, index=pd.RangeIndex(1, n + 1, name="position"))
    out["agree"] = out.nunique(axis=1, dropna=False).eq(1)
    return out


def eu_summary(partners: pd.DataFrame, series: str, reporter: str = "Kazakhstan") -> str:
    """A series' own EU row, year by year (its newest vintage of each year), as eu_note words it."""
    eu = partners[(partners["reporter"] == reporter) & (partners["partner"] == P.EU) & (partners["series"] == series)
                  & partners["preferred"]].drop_duplicates("year").sort_values("year")
    rows = pd.DataFrame({"part": P.EU, "part_name": eu["partner_name"].to_numpy(), "year": eu["year"].to_numpy(),
                         "eu_definition": [eu_definition(n) for n in eu["note"]]})
    return eu_note(rows)
