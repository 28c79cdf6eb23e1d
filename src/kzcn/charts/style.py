"""The charts' shared look: colours that follow the goods, the reporters, the sectors and the event
categories (the Okabe–Ito colour-blind-safe set, readable on light and dark backgrounds), and the words that name
whose figures a line or bar shows."""

from __future__ import annotations

import plotly.colors
import plotly.graph_objects as go

from kzcn.i18n import N_, _
from kzcn.schemas import BILATERAL
from kzcn.sectors import OTHER_CHAPTERS, OTHER_HEADINGS, OUTSIDE

REPORTER_COLOURS = {"China": "#D55E00", "Kazakhstan": "#0072B2"}  # whose figure: a line of one side's totals
# which goods: the same flow has one colour whichever side counts it (China's exports = Kazakhstan's imports);
# where both sides' counts of one flow are drawn, the colour is the goods' and the reporter is the line style
DIRECTION_COLOURS = {N_("China → Kazakhstan"): "#CC79A7", N_("Kazakhstan → China"): "#009E73"}
REPORTER_DASH = {"China": "solid", "Kazakhstan": "dash"}
# bars: China's count in the goods' colour, Kazakhstan's a lighter tint of it (opaque: an opacity let a dark page
# through, and Kazakhstan's bars and legend square were dim in dark mode)
REPORTER_TINT = {"China": 1.0, "Kazakhstan": 0.55}
BALANCE_COLOUR = "#8C8C8C"
# whose figure, in words: one whole message per side (Russian and Chinese say "as China reports" in their own order)
AS_REPORTS = {"China": N_("As China reports"), "Kazakhstan": N_("As Kazakhstan reports")}
AS_OF = {"China": N_("as China reports"), "Kazakhstan": N_("as Kazakhstan reports")}
# the legend's name of a direction of goods
GOODS = {"China → Kazakhstan": N_("Goods China → Kazakhstan"), "Kazakhstan → China": N_("Goods Kazakhstan → China")}


def tint(colour: str, strength: float) -> str:
    """`colour` ("#RRGGBB") blended with white, as much of it as `strength`: a lighter shade that stays light on a
    light page and a dark one."""
    return plotly.colors.label_rgb(plotly.colors.find_intermediate_color(
        plotly.colors.hex_to_rgb("#FFFFFF"), plotly.colors.hex_to_rgb(colour), strength))


def reporter_key(fig: go.Figure, kind: str) -> None:
    """Two grey legend entries that say which style is whose count (the panels' titles say which goods), in
    place of one entry per panel and side."""
    for side in ("China", "Kazakhstan"):
        style = ({"mode": "lines+markers", "line": {"color": BALANCE_COLOUR, "dash": REPORTER_DASH[side]},
                  "marker": {"symbol": "circle" if side == "China" else "square"}} if kind == "lines"
                 else {"marker": {"color": tint(BALANCE_COLOUR, REPORTER_TINT[side])}})
        trace = go.Scatter if kind == "lines" else go.Bar
        fig.add_trace(trace(x=[None], y=[None], name=_(AS_REPORTS[side]), hoverinfo="skip", **style))


def goods_direction(reporter: str, flow: str) -> str:
    """The direction of goods a reporter's flow counts: China's exports are goods China → Kazakhstan."""
    partner = BILATERAL[reporter]
    return f"{reporter} → {partner}" if flow == "exports" else f"{partner} → {reporter}"


# kzcn's sectors and event categories: English in the data, the code and the URL; translated where shown
SECTOR_COLOURS = {
    # TRANSLATORS: a sector of goods (kzcn's grouping of HS chapters)
    N_("Energy"): "#E69F00", N_("Ores and metals"): "#56B4E9", N_("Chemicals and plastics"): "#009E73",
    N_("Agriculture and food"): "#F0E442", N_("Machinery and electronics"): "#0072B2", N_("Vehicles"): "#D55E00",
    N_("Textiles and consumer goods"): "#CC79A7",
    # TRANSLATORS: a sector of goods: the goods in no other sector
    N_("Other"): "#8C8C8C",
    N_("All other goods (remainder)"): "#BDBDBD",
}
CATEGORY_COLOURS = {
    # TRANSLATORS: a category of events in the timeline
    N_("head-of-state visit"): "#D55E00", N_("government visit"): "#E69F00", N_("summit"): "#0072B2",
    N_("agreement"): "#009E73", N_("infrastructure"): "#56B4E9", N_("culture & people"): "#CC79A7",
    N_("multilateral"): "#8C8C8C",
}
UNITS_USD = N_("Current US dollars (not inflation-adjusted)")  # a y axis title: shorter than a phone's plot
# kzcn's own names of groups of goods (the rest are chapter and heading names, which arrive in the reader's language)
KZCN_GROUPS = frozenset([*SECTOR_COLOURS, OUTSIDE, OTHER_HEADINGS, OTHER_CHAPTERS])


def group_name(group: str) -> str:
    """A group of goods as the reader reads it: kzcn's sectors and remainders translated, chapter and heading
    names (already in the reader's language) as they are."""
    return _(group) if group in KZCN_GROUPS else group


def as_of(reporter: str) -> str:
    """'as China reports', in the reader's language."""
    return _(AS_OF[reporter])
