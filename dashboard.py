"""kzcn entry point: page setup, navigation and the shared filters, then the chosen page.

    streamlit run dashboard.py

The filters are created here, before the page runs, so every page shares one set and the URL carries them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
for folder in (ROOT / "src", ROOT):  # the package and app_pages/, from a plain checkout too (Community Cloud,
    if str(folder) not in sys.path:  # Docker) without installing
        sys.path.insert(0, str(folder))

import streamlit as st  # noqa: E402

from app_pages import declared  # noqa: E402
from kzcn import i18n, ui  # noqa: E402
from kzcn.i18n import _  # noqa: E402

LANGUAGE = ui.language_from_link()  # before anything is drawn: every text below is in the reader's language
i18n.use(LANGUAGE)
st.set_page_config(page_title=_("kzcn · China–Kazakhstan trade and relations"), page_icon=":material/public:",
                   layout="wide", initial_sidebar_state="auto")  # auto: collapsed on a phone

# Every page declares itself at the top of its file (kzcn.ui.PageSpec): read before any page runs, because the
# entry point draws the shared filters and must know which ones the page about to run applies.
SPECS = declared()
ui.use_pages(SPECS)
NAVIGATION = {st.Page(spec.path, title=_(spec.title), icon=spec.icon, url_path=spec.url_path,
                      default=spec is SPECS[0]): spec for spec in SPECS}

page = st.navigation(list(NAVIGATION))
ui.show_choices_in(LANGUAGE)
ui.data()  # a missing or corrupt data file stops here with a page that names it
# The language switch heads the sidebar but is drawn last: after the filters have read the link (a bound widget
# drops what it cannot use), and after the page, so its elements do not delay the first chart (~180 ms measured,
# docs/performance.md). Drawn even when a page stops early (st.stop).
language_slot = st.sidebar.container()
with language_slot:
    ui.page_style()  # before the page: a title drawn before its phone size had shown at 44 px first
ui.sidebar_filters(ui.filters_of(NAVIGATION[page]))
ui.share_box()
try:
    page.run()
finally:
    with language_slot:
        ui.language_switch(LANGUAGE, page)
