"""Pure chart builders: frame in, Plotly figure out, with title, units, hover values and the source on it.

No Streamlit here, so every figure can be tested from its JSON and exported as it is. One module per job:
`style` (colours and the words for whose figures), `layout` (what every chart has around its data, planned so
that Plotly draws it once), and the builders of each page: `trade`, `timeline`, `partners`. Pages use the names
below.
"""

from kzcn.charts.layout import (
    LEGEND_ROW_PX,
    SOURCE_WIDTH,
    TITLE_WIDTH,
    USD_AXIS,
    USD_AXIS_LEFT,
    pct_tick_aliases,
    plotly_usd_tick,
    separators,
    short,
    side_by_side,
    usd_tick_aliases,
)
from kzcn.charts.partners import (
    PARTNER_COLOURS,
    partner_bars,
    partner_rank_lines,
    partner_rank_over_time,
    partner_split_lines,
)
from kzcn.charts.style import (
    CATEGORY_COLOURS,
    DIRECTION_COLOURS,
    REPORTER_COLOURS,
    SECTOR_COLOURS,
    goods_direction,
    group_name,
)
from kzcn.charts.timeline import (
    LABEL_SIDES,
    MAP_NAMES,
    TIMELINE_CHAR_PX,
    TIMELINE_LABEL_LIMIT,
    TIMELINE_LINE_CHARS,
    TIMELINE_LINES,
    TIMELINE_MARKER_PX,
    date_aliases,
    events_timeline,
    label_px,
    map_height,
    place_labels,
    place_map_names,
    short_title,
    venues_map,
)
from kzcn.charts.trade import (
    HEATMAP_NAME_CELLS,
    chapter_gap_bars,
    flows_by_reporter,
    goods_bars,
    goods_treemap,
    mirror_gap,
    share_bars,
    share_heatmap,
    source_breaks,
    trade_over_time,
)

__all__ = [
    "CATEGORY_COLOURS", "DIRECTION_COLOURS", "HEATMAP_NAME_CELLS", "LABEL_SIDES", "LEGEND_ROW_PX", "MAP_NAMES",
    "PARTNER_COLOURS", "REPORTER_COLOURS", "SECTOR_COLOURS", "SOURCE_WIDTH", "TIMELINE_CHAR_PX", "TIMELINE_LABEL_LIMIT",
    "TIMELINE_LINES", "TIMELINE_LINE_CHARS", "TIMELINE_MARKER_PX", "TITLE_WIDTH", "USD_AXIS", "USD_AXIS_LEFT",
    "chapter_gap_bars", "date_aliases", "events_timeline", "flows_by_reporter", "goods_bars", "goods_direction",
    "goods_treemap", "group_name", "label_px", "map_height", "mirror_gap", "partner_bars", "partner_rank_lines",
    "partner_rank_over_time", "partner_split_lines", "pct_tick_aliases", "place_labels", "place_map_names",
    "plotly_usd_tick", "separators", "share_bars", "share_heatmap", "short", "short_title", "side_by_side",
    "source_breaks", "trade_over_time", "usd_tick_aliases", "venues_map",
]
