"""The sector dimension: goods by kzcn sector → HS chapter → HS4 heading, as one reporter records them (pure).

Which series a year is drawn from is decided here, once: per reporter, the first series in SECTOR_SERIES whose
chapter detail is complete that year (kzcn.coverage's product_completeness); where none is, the first that has
the year, marked incomplete. A value whose chapter is not fully recorded that year (a gap status) is left out,
never drawn as a smaller number, and the year says which chapters are missing. A remainder exists only where a
source lacks chapters by design (an extract of a few chapters), and is labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kzcn import fmt, i18n
from kzcn.coverage import chapter_span, note_of
from kzcn.i18n import N_, _, ngettext
from kzcn.schemas import BILATERAL, GAP_STATUSES, TOTAL
from kzcn.views import REMAINDER

# Kazakhstan: a refreshed all-chapter download, then WITS's HS4 records, then the seven-chapter extract.
SECTOR_SERIES: dict[str, tuple[str, ...]] = {"China": ("comtrade_api", "comtrade"),
                                             "Kazakhstan": ("comtrade_api", "wits_hs4", "comtrade")}
# kzcn's sectors (data/curated/hs_chapters.csv's `sector` column): values in English in the data, the URL and the
# code; shown through _() (tests/test_shipped_data.py checks every sector of the table is here)
SECTOR_NAMES: tuple[str, ...] = (
    N_("Energy"), N_("Ores and metals"), N_("Chemicals and plastics"), N_("Agriculture and food"),
    N_("Machinery and electronics"), N_("Vehicles"), N_("Textiles and consumer goods"),
    # TRANSLATORS: a sector of goods: every HS chapter in none of the other sectors
    N_("Other"),
)
# the remainder and the "other" groups, English in the frames (charts compare them) and shown through _()
OUTSIDE = N_("Chapters not in this source (remainder)")
OTHER_HEADINGS = N_("Other headings of the chosen chapters")
OTHER_CHAPTERS = N_("Other chapters of the sector")
TOP_GROUPS = 8  # bars over time: the largest groups by name, the rest summed under one "other" label


@dataclass(frozen=True)
class Selection:
    """The goods a reader chose: a sector (None: all), chapters within it, headings within those."""

    sector: str | None = None
    chapters: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()

    @property
    def is_all(self) -> bool:
        return self.sector is None and not self.chapters and not self.headings

    def keeps(self, chapter: str, sector_of: dict[str, str]) -> bool:
        if self.chapters:
            return chapter in self.chapters
        return self.sector is None or sector_of.get(chapter) == self.sector

    def level(self) -> str:
        """What the bars over time group by: sector, chapter or heading."""
        if self.chapters or self.headings:
            return "heading"
        return "chapter" if self.sector is not None else "sector"


@dataclass(frozen=True)
class Names:
    """Chapter → sector and name, heading → name: plain dicts, built once from hs_chapters and hs_headings."""

    sector_of: dict[str, str]
    chapter: dict[str, str]
    heading: dict[str, str]

    @classmethod
    def of(cls, chapters: pd.DataFrame, headings: pd.DataFrame) -> Names:
        named = headings.dropna(subset=["heading_name"])
        return cls(dict(zip(chapters["hs_chapter"], chapters["sector"], strict=True)),
                   dict(zip(chapters["hs_chapter"], chapters["chapter_name"], strict=True)),
                   dict(zip(named["hs_heading"], named["heading_name"], strict=True)))

    def chapter_label(self, code: str) -> str:
        return f"{code} {self.chapter.get(code, '')}".strip()

    def heading_label(self, code: str) -> str:
        name = self.heading.get(code)
        return f"{code} {name if name is not None else _('(name not in the HS 2022 list)')}"


def year_series(completeness: pd.DataFrame, *, reporter: str, flow: str,
                coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per year: the series the sector views use for this reporter's flow with its partner, and its verdict.

    Columns: year, series, complete, missing_chapters, note. Years no listed series has are absent. With
    `coverage`, the note is in the reader's language (kzcn.coverage.note_of); without, as the build wrote it.
    """
    order = SECTOR_SERIES[reporter]
    rows = completeness[(completeness["reporter"] == reporter) & (completeness["flow"] == flow)
                        & (completeness["partner"] == BILATERAL[reporter]) & completeness["series"].isin(order)]
    if rows.empty:
        return pd.DataFrame(columns=["year", "series", "complete", "missing_chapters", "note"])
    rank = rows["series"].map({s: i for i, s in enumerate(order)}) - rows["complete"].astype(int) * len(order)
    best = rows.assign(_rank=rank).sort_values(["year", "_rank"]).groupby("year", sort=True).head(1)
    best = best.assign(year=best["year"].astype(int))
    if coverage is not None and i18n.current() != i18n.DEFAULT and len(best):
        best = best.assign(note=[note_of((s, reporter, BILATERAL[reporter], flow, y), coverage, completeness)
                                 for s, y in zip(best["series"], best["year"], strict=True)])
    return best[["year", "series", "complete", "missing_chapters", "note"]].reset_index(drop=True)


@dataclass(frozen=True)
class Goods:
    """One reporter's goods in one flow with its partner, prepared once for the treemap and the bars over time:
    each year's series and verdict (year_series, notes in the language current when prepared), the (year, chapter)
    pairs that series does not fully record, its chapter rows (TOTAL included) and heading rows, and the years it
    is an extract of a few chapters. A breakdown then only cuts out its year: re-deriving all this on every call
    cost ~15 of its ~21 ms (pandas' fixed cost per operation, on frames of any size)."""

    reporter: str
    flow: str
    picked: pd.DataFrame  # year_series
    gaps: frozenset[tuple[int, str]]  # (year, chapter) not fully recorded in the year's series
    chapters: pd.DataFrame  # products of the year's series: chapter rows and TOTAL
    headings: pd.DataFrame  # headings of the year's series
    extracts: frozenset[int]  # years whose series is an extract of a few chapters (some never downloaded)


def goods(products: pd.DataFrame, headings: pd.DataFrame, coverage: pd.DataFrame, completeness: pd.DataFrame, *,
          reporter: str, flow: str) -> Goods:
    """The Goods of `reporter`'s `flow` with its partner (BILATERAL) from the four goods datasets."""
    picked = year_series(completeness, reporter=reporter, flow=flow, coverage=coverage)
    mine = coverage[(coverage["reporter"] == reporter) & (coverage["flow"] == flow)
                    & (coverage["partner"] == BILATERAL[reporter])]
    mine = mine.assign(year=mine["year"].astype(int)).merge(picked[["year", "series"]], on=["year", "series"])
    gaps = mine[mine["status"].isin(GAP_STATUSES)]
    extracts = mine.loc[mine["status"] == "not_downloaded", "year"]
    return Goods(reporter, flow, picked,
                 frozenset(zip(gaps["year"].astype(int), gaps["hs_chapter"], strict=True)),
                 _picked_rows(products, picked, reporter=reporter, flow=flow),
                 _picked_rows(headings, picked, reporter=reporter, flow=flow),
                 frozenset(int(y) for y in extracts))


def _picked_rows(frame: pd.DataFrame, picked: pd.DataFrame, *, reporter: str, flow: str) -> pd.DataFrame:
    rows = frame[(frame["reporter"] == reporter) & (frame["flow"] == flow)
                 & (frame["partner"] == BILATERAL[reporter])]
    rows = rows.assign(year=rows["year"].astype(int))
    return rows.merge(picked[["year", "series"]], on=["year", "series"])


@dataclass(frozen=True)
class Breakdown:
    """One year's goods for a treemap: nodes with ids and parents, and what the year lacks."""

    nodes: pd.DataFrame  # id, parent, label, level, value_usd, sector, source_id
    year: int
    series: str
    complete: bool
    note: str  # the completeness note of the year's series
    left_out: tuple[str, ...]  # chosen chapters not drawn: not fully recorded this year


NODE_COLUMNS = ["id", "parent", "label", "level", "value_usd", "sector", "source_id"]


def breakdown(goods: Goods, names: Names, *, year: int, selection: Selection) -> Breakdown | None:
    """The goods of one year in the two levels a treemap shows (None when no series has the year): sectors and
    their chapters when no chapter is chosen; the chosen chapters and their HS4 headings when some are (the
    chapters are then the top level). Only the levels in view: Plotly lays out and draws a box for every node it is
    given, whatever its `maxdepth` (docs/performance.md), so a deeper level is reached through the filters (a click
    on a chapter chooses it), not sent in advance.
    """
    year = int(year)
    picked = goods.picked[goods.picked["year"] == year]
    if picked.empty:
        return None
    info = picked.iloc[0]
    gaps = {c for y, c in goods.gaps if y == year}
    rows = goods.chapters[goods.chapters["year"] == year]
    total = rows.loc[rows["hs_chapter"] == TOTAL, "value_usd"]
    chapters = rows[rows["hs_chapter"] != TOTAL]
    chosen = chapters[[selection.keeps(c, names.sector_of) for c in chapters["hs_chapter"]]]
    left_out = tuple(sorted(set(chosen["hs_chapter"]) & gaps |
                            ({c for c in selection.chapters if c in gaps})))
    chosen = chosen[~chosen["hs_chapter"].isin(gaps)]
    # chapters chosen: they and their headings are in view; else sectors and chapters
    deep = bool(selection.chapters or selection.headings)
    heads = goods.headings[goods.headings["year"] == year] if deep else goods.headings.iloc[:0]
    heads = heads[heads["hs_chapter"].isin(set(chosen["hs_chapter"]))]
    if selection.headings:
        heads = heads[heads["hs_heading"].isin(selection.headings)]
        chosen = chosen[chosen["hs_chapter"].isin(set(heads["hs_heading"].str[:2]))]
    sector = chosen["hs_chapter"].map(lambda c: names.sector_of.get(c, "Other"))
    value = chosen["value_usd"].astype(float)
    if selection.headings:  # a chapter holds only its chosen headings
        value = chosen["hs_chapter"].map(heads.groupby("hs_chapter")["value_usd"].sum()).fillna(0.0)
    chapter_nodes = pd.DataFrame({"id": "C" + chosen["hs_chapter"], "parent": "" if deep else "S" + sector,
                                  "label": chosen["hs_chapter"].map(names.chapter_label), "level": "chapter",
                                  "value_usd": value, "sector": sector, "source_id": chosen["source_id"]},
                                 columns=NODE_COLUMNS)
    if deep:
        heading_nodes = pd.DataFrame({"id": "H" + heads["hs_heading"], "parent": "C" + heads["hs_chapter"],
                                      "label": heads["hs_heading"].map(names.heading_label), "level": "heading",
                                      "value_usd": heads["value_usd"].astype(float),
                                      "sector": heads["hs_chapter"].map(lambda c: names.sector_of.get(c, "Other")),
                                      "source_id": heads["source_id"]}, columns=NODE_COLUMNS)
        parts = [chapter_nodes, heading_nodes]
    else:
        parts = [sector_tops(chapter_nodes), chapter_nodes]
    rest = float(total.iloc[0]) - float(chapters["value_usd"].sum()) if len(total) else 0.0
    if selection.is_all and year in goods.extracts and rest > 0.5:
        src = rows.loc[rows["hs_chapter"] == TOTAL, "source_id"].iloc[0]
        parts.append(pd.DataFrame([{"id": "R", "parent": "", "label": _(OUTSIDE), "level": "remainder",
                                    "value_usd": rest, "sector": OUTSIDE, "source_id": src}]))
    nodes = (pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts)
             else chapter_nodes)
    return Breakdown(nodes, year, str(info["series"]), bool(info["complete"]), str(info["note"]), left_out)


def sector_tops(chapter_nodes: pd.DataFrame) -> pd.DataFrame:
    """A treemap's top level for these chapter nodes: one node per sector, holding its chapters' sum."""
    sums = chapter_nodes.groupby("sector", sort=True).agg(
        value_usd=("value_usd", "sum"), source_id=("source_id", "first")).reset_index()
    return pd.DataFrame({"id": "S" + sums["sector"], "parent": "", "label": [_(s) for s in sums["sector"]],
                         "level": "sector", "value_usd": sums["value_usd"], "sector": sums["sector"],
                         "source_id": sums["source_id"]}, columns=NODE_COLUMNS)


def row_nodes(rows: pd.DataFrame) -> pd.DataFrame:
    """views.sector_rows' rows (one year's chapters, and the remainder of a source that lacks some) as a treemap's
    nodes, as breakdown makes them: sectors, their chapters, and the remainder as one top box ("R")."""
    rest = rows["is_remainder"].astype(bool)
    leaves = pd.DataFrame({"id": ("C" + rows["hs_chapter"].astype(str)).where(~rest, "R"),
                           "parent": ("S" + rows["sector"]).where(~rest, ""),
                           "label": (rows["hs_chapter"].astype(str) + " " + rows["chapter_name"]).where(~rest,
                                                                                                     REMAINDER),
                           "level": pd.Series("chapter", index=rows.index).where(~rest, "remainder"),
                           "value_usd": rows["value_usd"].astype(float), "sector": rows["sector"].where(~rest,
                                                                                                     REMAINDER),
                           "source_id": rows["source_id"]}, columns=NODE_COLUMNS)
    leaves = leaves.groupby(["id", "parent", "label", "level", "sector"], as_index=False, sort=True).agg(
        value_usd=("value_usd", "sum"), source_id=("source_id", "first"))[NODE_COLUMNS]
    return pd.concat([sector_tops(leaves[leaves["level"] == "chapter"]), leaves], ignore_index=True)


# A treemap box under this share of the goods shown is smaller than ~26 × 26 px in a treemap of the sector tab
# (400 px wide on a desktop, the phone's width on a phone): too small to read or to click.
SMALL_BOX_SHARE = 0.005
BOX_COLUMNS = [*NODE_COLUMNS, "members"]


def boxes(nodes: pd.DataFrame, share: float = SMALL_BOX_SHARE) -> pd.DataFrame:
    """The boxes a treemap draws for breakdown's nodes: the leaves under `share` of the treemap's total are drawn as
    one box per parent ("12 smaller chapters"), where a parent has two or more of them.

    Why: such a box shows no readable label, yet Plotly draws and lays out every box, twice per chart in Streamlit
    (~0.3 ms a box; docs/performance.md). The grouped box holds their sum, so every parent's total and every share
    is unchanged; `members` names its chapters or headings (codes, the largest first), so the box's hover lists them
    and a click opens them (views.treemap_drill). Every other node is as given, with no members.
    """
    nodes = nodes.assign(members=[()] * len(nodes)).reindex(columns=BOX_COLUMNS)
    total = float(nodes.loc[nodes["parent"] == "", "value_usd"].sum())
    leaf = (nodes["parent"] != "") & ~nodes["id"].isin(set(nodes["parent"]))
    small = leaf & (nodes["value_usd"] > 0) & (nodes["value_usd"] < share * total)  # a zero draws no box anyway
    small &= small.groupby(nodes["parent"]).transform("sum") >= 2  # one small leaf alone keeps its own box
    if not small.any():
        return nodes
    grouped = nodes[small].sort_values(["value_usd", "id"], ascending=[False, True]).groupby("parent", sort=False).agg(
        value_usd=("value_usd", "sum"), sector=("sector", "first"), source_id=("source_id", "first"),
        level=("level", "first"), members=("id", lambda ids: tuple(i[1:] for i in ids))).reset_index()
    labels = [grouped_label(level, len(m)) for level, m in zip(grouped["level"], grouped["members"], strict=True)]
    grouped = grouped.assign(id="G" + grouped["parent"], label=labels, level="grouped")
    return pd.concat([nodes[~small], grouped[BOX_COLUMNS]], ignore_index=True)


def grouped_label(level: str, n: int) -> str:
    """The name of a box holding `n` chapters or headings (`level`) too small for a box of their own."""
    if level == "heading":
        # TRANSLATORS: a treemap box holding several HS4 headings, each too small for a box of its own
        return ngettext("{n} smaller heading", "{n} smaller headings", n).format(n=n)
    # TRANSLATORS: a treemap box holding several HS chapters, each too small for a box of its own
    return ngettext("{n} smaller chapter", "{n} smaller chapters", n).format(n=n)


SERIES_COLUMNS = ["year", "group", "value_usd", "source_id"]


def over_time(goods: Goods, names: Names, *, selection: Selection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(bars, years): values per year and group (sector, chapter or heading, by the selection), and per year the
    series used, whether it is complete for the goods chosen, and the chosen chapters it lacks.

    A group whose chapters are not all fully recorded in a year has no value that year (absent, not zero).
    """
    picked, gaps, rows = goods.picked, goods.gaps, goods.chapters
    years = pd.DataFrame(columns=["year", "series", "complete", "missing", "note"])
    if picked.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS), years
    chapters = rows[rows["hs_chapter"] != TOTAL]
    chapters = chapters[[selection.keeps(c, names.sector_of) for c in chapters["hs_chapter"]]]
    level = selection.level()
    wanted = set(selection.chapters) if selection.chapters else {
        c for c in names.sector_of if selection.keeps(c, names.sector_of)}
    lacking = {y: sorted(c for (yy, c) in gaps if yy == y and c in wanted) for y in picked["year"]}
    if level == "heading":
        heads = goods.headings[goods.headings["hs_chapter"].isin(set(chapters["hs_chapter"]))]
        if selection.headings:
            heads = heads[heads["hs_heading"].isin(selection.headings)]
        with_heads = set(heads["year"])
        by_chapter = chapters[~chapters["year"].isin(with_heads)]  # a series without headings that year
        parts = pd.concat([
            pd.DataFrame({"year": heads["year"], "group": heads["hs_heading"].map(names.heading_label),
                          "key": heads["hs_chapter"], "value_usd": heads["value_usd"],
                          "source_id": heads["source_id"]}),
            pd.DataFrame({"year": by_chapter["year"], "group": by_chapter["hs_chapter"].map(names.chapter_label),
                          "key": by_chapter["hs_chapter"], "value_usd": by_chapter["value_usd"],
                          "source_id": by_chapter["source_id"]}),
        ], ignore_index=True)
    else:
        group = (chapters["hs_chapter"].map(lambda c: names.sector_of.get(c, "Other")) if level == "sector"
                 else chapters["hs_chapter"].map(names.chapter_label))
        parts = pd.DataFrame({"year": chapters["year"], "group": group, "key": chapters["hs_chapter"],
                              "value_usd": chapters["value_usd"], "source_id": chapters["source_id"]})
    # a group-year with any chapter not fully recorded is left out whole
    parts["gap"] = [(int(y), k) in gaps for y, k in zip(parts["year"], parts["key"], strict=True)]
    broken = parts.groupby(["year", "group"])["gap"].transform("any")
    parts = parts[~broken]
    if level != "sector":
        parts = _top(parts, OTHER_HEADINGS if level == "heading" else OTHER_CHAPTERS)
    bars = parts.groupby(["year", "group"], sort=True).agg(value_usd=("value_usd", "sum"),
                                                           source_id=("source_id", "first")).reset_index()
    if selection.is_all:
        bars = pd.concat([bars, _remainders(goods)], ignore_index=True)
    years = picked.assign(missing=[lacking.get(y, []) for y in picked["year"]])
    if not selection.is_all:  # complete for the goods chosen where none of their chapters has a gap
        years["complete"] = years["complete"].astype(bool) | (years["missing"].map(len) == 0)
    return bars[SERIES_COLUMNS].sort_values(["year", "group"], ignore_index=True), \
        years[["year", "series", "complete", "missing", "note"]]


def _top(parts: pd.DataFrame, other: str) -> pd.DataFrame:
    """The TOP_GROUPS largest groups (by value over all years) keep their name; the rest become `other`."""
    size = parts.groupby("group")["value_usd"].sum().sort_values(ascending=False)
    if len(size) <= TOP_GROUPS + 1:
        return parts
    keep = set(size.index[:TOP_GROUPS])
    return parts.assign(group=parts["group"].where(parts["group"].isin(keep), other))


def _remainders(goods: Goods) -> pd.DataFrame:
    """Per year whose series is an extract of a few chapters: all goods minus the chapters it holds."""
    out = []
    for year in sorted(goods.extracts):
        these = goods.chapters[goods.chapters["year"] == year]
        total = these.loc[these["hs_chapter"] == TOTAL]
        if total.empty:
            continue
        rest = float(total["value_usd"].iloc[0]) - float(these.loc[these["hs_chapter"] != TOTAL, "value_usd"].sum())
        if rest > 0.5:
            out.append({"year": year, "group": OUTSIDE, "value_usd": rest,
                        "source_id": total["source_id"].iloc[0]})
    return pd.DataFrame(out, columns=SERIES_COLUMNS)


def years_note(years: pd.DataFrame, *, selection: Selection) -> str:
    """Plain words on the years drawn from an incomplete source: which, and which chosen chapters they lack."""
    bad = years[~years["complete"].astype(bool)]
    if bad.empty:
        return ""
    out = []
    for note, g in bad.groupby("note", sort=False):
        span = fmt.commas(str(y) for y in g["year"])
        missing = sorted({c for m in g["missing"] for c in m})
        if missing and not selection.is_all:
            out.append(ngettext("{years}: {note}. Chosen chapters not drawn for it: {chapters}.",
                                "{years}: {note}. Chosen chapters not drawn for them: {chapters}.",
                                len(g)).format(years=span, note=note, chapters=chapter_span(missing)))
        else:
            # TRANSLATORS: {years}: one or more years; {note}: why their figures are incomplete
            out.append(_("{years}: {note}.").format(years=span, note=note))
    return " ".join(out)


def totals_beside_cut_years(trade: pd.DataFrame, bars: pd.DataFrame, years: pd.DataFrame, *, reporter: str,
                            flow: str) -> pd.DataFrame:
    """For each year the bars draw from an incomplete source with no remainder to make up the total (2020–2022
    as Kazakhstan reports: the source stops at a heading), the reporter's headline all-goods figure with that
    partner (trade_annual's preferred row, its own series and source): drawn beside the cut bar, apart from it,
    so that the cut bar never reads as a fall in trade. For all goods only: a sector's bars have no such total."""
    cut = {int(y) for y, ok in zip(years["year"], years["complete"], strict=True) if not ok}
    cut -= {int(y) for y in bars.loc[bars["group"] == OUTSIDE, "year"]}
    partner = "China" if reporter == "Kazakhstan" else "Kazakhstan"
    keep = ((trade["reporter"] == reporter) & (trade["partner"] == partner) & (trade["flow"] == flow)
            & trade["preferred"].astype(bool) & trade["year"].astype(int).isin(cut))
    return trade[keep].sort_values("year")


# ---- China's place in Kazakhstan's trade, by chapter ------------------------------------------------------------

SHARE_SERIES = "wits_hs4"  # the one series with Kazakhstan's trade with both China and the World, by chapter
SHARE_COLUMNS = ["year", "hs_chapter", "label", "sector", "china_usd", "world_usd", "share", "source_id"]


def china_share(products: pd.DataFrame, completeness: pd.DataFrame, names: Names, *, flow: str) -> pd.DataFrame:
    """China's share of Kazakhstan's trade per chapter and year, from Kazakhstan's own records (China ÷ World).

    Only years whose chapter detail is complete with both partners are used: a share of an incomplete year would
    compare two different cut-offs. One series throughout (SHARE_SERIES), so shares over years compare.
    """
    done = completeness[(completeness["series"] == SHARE_SERIES) & (completeness["reporter"] == "Kazakhstan")
                        & (completeness["flow"] == flow)]
    whole = done.groupby("year")["complete"].agg(lambda c: bool(c.all()) and len(c) == 2)
    good = {int(y) for y, ok in whole.items() if ok}
    rows = products[(products["series"] == SHARE_SERIES) & (products["reporter"] == "Kazakhstan")
                    & (products["flow"] == flow) & (products["hs_chapter"] != TOTAL)]
    rows = rows[rows["year"].astype(int).isin(good)]
    china = rows[rows["partner"] == "China"].set_index(["year", "hs_chapter"])
    world = rows[rows["partner"] == "World"].set_index(["year", "hs_chapter"])
    both = world[["value_usd", "source_id"]].rename(columns={"value_usd": "world_usd", "source_id": "world_src"})
    both["china_usd"] = china["value_usd"].reindex(both.index).fillna(0.0)  # no China row: none recorded
    both["china_src"] = china["source_id"].reindex(both.index)
    both = both[both["world_usd"] > 0].reset_index()
    if both.empty:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    both["year"] = both["year"].astype(int)
    both["share"] = both["china_usd"] / both["world_usd"]
    both["label"] = both["hs_chapter"].map(names.chapter_label)
    both["sector"] = both["hs_chapter"].map(lambda c: names.sector_of.get(c, "Other"))
    both["source_id"] = [", ".join(sorted({w, c} - {None}) if isinstance(c, str) else [w])
                         for w, c in zip(both["world_src"], both["china_src"], strict=True)]
    return both[SHARE_COLUMNS].sort_values(["year", "hs_chapter"], ignore_index=True)


def largest_chapters(share: pd.DataFrame, *, year: int, sector: str | None, count: int = 20) -> pd.DataFrame:
    """The `count` chapters Kazakhstan trades most with the World in `year` (within the sector), by China's share."""
    rows = share[share["year"] == year]
    if sector is not None:
        rows = rows[rows["sector"] == sector]
    return rows.nlargest(count, "world_usd").sort_values("share", ascending=True, ignore_index=True)


def over_half(top: pd.DataFrame) -> pd.DataFrame:
    """The chapters of `top` (largest_chapters) where China's share is over half, strictly: largest share first,
    as the bars are ordered."""
    return top[top["share"] > 0.5].sort_values("share", ascending=False, ignore_index=True)


def growth(share: pd.DataFrame, *, first: int, last: int, chapters: list[str]) -> pd.DataFrame:
    """Trade with China per chapter in two complete years of the same series, and the yearly growth between."""
    a = share[share["year"] == first].set_index("hs_chapter")
    b = share[share["year"] == last].set_index("hs_chapter")
    out = pd.DataFrame({"label": b["label"], f"china_{first}": a["china_usd"], f"china_{last}": b["china_usd"],
                        f"share_{first}": a["share"], f"share_{last}": b["share"]}).reindex(chapters)
    span = last - first
    ratio = out[f"china_{last}"] / out[f"china_{first}"]
    out["cagr"] = ratio.where(out[f"china_{first}"] > 0) ** (1 / span) - 1 if span > 0 else float("nan")
    return out.reset_index()


# ---- The mirror gap per chapter -----------------------------------------------------------------------------------

GAP_COLUMNS = ["year", "direction", "hs_chapter", "label", "china_reported", "kazakhstan_reported", "gap_usd",
               "gap_pct", "source_id"]


def chapter_gap(products: pd.DataFrame, coverage: pd.DataFrame, names: Names, directions: dict[str, dict]
                ) -> pd.DataFrame:
    """China's figure against Kazakhstan's per chapter, year and direction, wherever both fully record the chapter.

    Each side's series is its sector series that year (SECTOR_SERIES order) with the chapter "available"; a chapter
    cut short or missing on either side that year is left out. directions: kzcn.metrics.DIRECTIONS.
    """
    ok = coverage[coverage["status"] == "available"][["year", "reporter", "partner", "flow", "series", "hs_chapter"]]
    rows = products[products["hs_chapter"] != TOTAL].merge(ok, on=list(ok.columns))
    out = []
    for direction, sides in directions.items():
        per_side = {}
        for reporter, (_side, flow) in sides.items():
            mine = rows[(rows["reporter"] == reporter) & (rows["flow"] == flow)
                        & (rows["partner"] == BILATERAL[reporter]) & rows["series"].isin(SECTOR_SERIES[reporter])]
            rank = mine["series"].map({s: i for i, s in enumerate(SECTOR_SERIES[reporter])})
            mine = mine.assign(_rank=rank).sort_values("_rank").drop_duplicates(["year", "hs_chapter"])
            per_side[reporter] = mine.set_index(["year", "hs_chapter"])
        both = per_side["China"][["value_usd", "source_id"]].join(
            per_side["Kazakhstan"][["value_usd", "source_id"]], how="inner", suffixes=("_cn", "_kz"))
        for (year, chapter), r in both.iterrows():
            out.append({"year": int(year), "direction": direction, "hs_chapter": chapter,
                        "label": names.chapter_label(chapter), "china_reported": r["value_usd_cn"],
                        "kazakhstan_reported": r["value_usd_kz"], "gap_usd": r["value_usd_cn"] - r["value_usd_kz"],
                        "gap_pct": (r["value_usd_cn"] / r["value_usd_kz"] - 1) * 100 if r["value_usd_kz"]
                        else float("nan"),
                        "source_id": f"{r['source_id_cn']}, {r['source_id_kz']}"})
    return pd.DataFrame(out, columns=GAP_COLUMNS).sort_values(["year", "direction", "hs_chapter"], ignore_index=True)
