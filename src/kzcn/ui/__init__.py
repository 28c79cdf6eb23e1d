"""kzcn's Streamlit side, one module per job; pages import this package and call `ui.<name>`.

* data: the shipped datasets, read once per process, and what is derived once from them
* pages: what each page declares about itself (its address, filters and URL keys), in its own file
* links: the shared filters bound to the URL, link notices, the link that restores a view
* widgets: metrics, source lines, lazy tabs and expanders, charts
* memo: figures and derived frames built once per distinct input
* cached: cached views for the Overview, Trade, Timeline, Speech and Data pages
* partners: cached views for the Partners page
"""


from kzcn.ui.cached import (  # noqa: F401
    annual_totals,
    bilateral_caption,
    chapter_gap,
    china_share_year,
    china_share_years,
    claims_markdown,
    event_markers,
    goods_breakdown,
    goods_over_time,
    goods_years,
    mirror_gap,
    press_totals,
    range_summary,
    sector_rows,
    share_view,
    table_view,
)
from kzcn.ui.data import (  # noqa: F401
    ALL_YEARS,
    GOODS,
    chapter_names_note,
    data,
    goods_names,
    load_all,
    speech_passages,
)
from kzcn.ui.links import (  # noqa: F401
    FILTERS_KEY,
    KEPT_KEY,
    LABELS,
    LANGUAGE_KEY,
    NOTICES_KEY,
    RESET_KEY,
    Filters,
    chapter_names,
    choice_to_show,
    current_link,
    filters,
    filters_of,
    language_from_link,
    language_switch,
    link_keys,
    link_value,
    options,
    relabelled,
    share_box,
    show_choices_in,
    sidebar_filters,
)
from kzcn.ui.memo import (  # noqa: F401
    derived,
    figure,
)
from kzcn.ui.pages import (  # noqa: F401
    PageSpec,
    ViewChoice,
    declared_pages,
    page_path,
    use_pages,
)
from kzcn.ui.partners import (  # noqa: F401
    partner_absences,
    partner_bars,
    partner_comparison,
    partner_estimate_years,
    partner_leaders,
    partner_lines,
    partner_ranking,
    partner_ranks,
    partner_source_labels,
    partner_spans,
    partner_split,
    partner_split_gaps,
    partner_vintages,
    partner_years,
)
from kzcn.ui.widgets import (  # noqa: F401
    TOPOJSON_URL,
    caption_for,
    chart,
    drills_treemap,
    lazy_expander,
    metric,
    on_a_phone,
    open_tab,
    page_style,
    picks_event,
    tab_link,
    table_numbers,
    taps_as_clicks,
    year_choice,
)
