"""kzcn entry point: page setup, navigation and the shared filters, then the chosen page.

    streamlit run dashboard.py

The filters are created here, before the page runs, so every page shares one set and the URL carries them.
"""

from __future__ import annotations

import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent / "src"
if str(SRC) not in sys.path:  # runs from a plain checkout too (Community Cloud, Docker) without installing
    sys.path.insert(0, str(SRC))

import streamlit as st  # noqa: E402
from streamlit.navigation.page import StreamlitPage  # noqa: E402

from kzcn import i18n, ui, urlstate, views  # noqa: E402
from kzcn.i18n import _  # noqa: E402

LANGUAGE = ui.language_from_link()  # before anything is drawn: every text below is in the reader's language
i18n.use(LANGUAGE)
st.set_page_config(page_title=_("kzcn · China–Kazakhstan trade and relations"), page_icon=":material/public:",
                   layout="wide", initial_sidebar_state="auto")  # auto: collapsed on a phone


def page_at(url_path: str, title: str, icon: str, **options: object) -> StreamlitPage:
    """The page at /<url_path>, from its file in ui.PAGE_FILES."""
    return st.Page(ui.PAGE_FILES[url_path], title=title, icon=icon, url_path=url_path, **options)


OVERVIEW = page_at("overview", _("Overview"), ":material/insights:", default=True)
TRADE = page_at("trade", _("Trade"), ":material/swap_horiz:")
PARTNERS = page_at("partners", _("Partners"), ":material/leaderboard:")
TIMELINE = page_at("timeline", _("Timeline 2023"), ":material/event:")
SPEECH = page_at("speech", _("The speech"), ":material/record_voice_over:")
PAGES = [OVERVIEW, TRADE, PARTNERS, TIMELINE, SPEECH, page_at("data", _("Data & sources"), ":material/table:")]

# the shared filters a page applies, where not all of them: the sidebar shows only those (see ui.sidebar_filters)
FILTERS_USED = {OVERVIEW: ("years", "reporter"), PARTNERS: ("years",),  # its own flow and source choices
                SPEECH: tuple(k for k in urlstate.GLOBAL_KEYS if k != "headings")}  # its charts stop at chapters


def filters_used(page: StreamlitPage) -> tuple[str, ...]:
    """The filters the view about to be drawn applies: per page; on the Trade page per open tab, on the
    Timeline per scope."""
    if page is TRADE:
        return views.TRADE_TAB_FILTERS[ui.choice_to_show(views.TRADE_TABS, "trade_view")]
    if page is TIMELINE:
        return views.SCOPE_FILTERS[ui.choice_to_show(views.SCOPES, "scope")]
    return FILTERS_USED.get(page, urlstate.GLOBAL_KEYS)


page = st.navigation(PAGES)
ui.show_choices_in(LANGUAGE)
ui.data()  # a missing or corrupt data file stops here with a page that names it
# The language switch heads the sidebar but is drawn last: after the filters have read the link (a bound widget
# drops what it cannot use), and after the page, so its elements do not delay the first chart (~180 ms measured,
# docs/performance.md). Drawn even when a page stops early (st.stop).
language_slot = st.sidebar.container()
ui.sidebar_filters(filters_used(page))
ui.share_box()
try:
    page.run()
finally:
    with language_slot:
        ui.language_switch(LANGUAGE, page)
