"""The shared filters bound to the URL: the sidebar, what a link may carry (page keys and their values), notices
for a link the app cannot use, and the link that restores a view.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.navigation.page import StreamlitPage

from kzcn import fmt, i18n, sectors, speechview, urlstate, views
from kzcn.i18n import N_, _, ngettext
from kzcn.paths import data_dir
from kzcn.ui import pages
from kzcn.ui.data import localised, names_in

FILTERS_KEY = "_kzcn_filters"


LANGUAGE_KEY = "lang"  # ?lang=ru: the reader's language (kzcn.i18n), kept across pages like the filters
_DRAWN_KEY = "_kzcn_language_drawn"  # the language of the session's previous run (see language_switch)


def link_keys() -> dict[str, tuple[str, ...] | None]:
    """Every key a link may carry besides the shared filters: each page's own widgets (declared in its file, see
    kzcn.ui.pages) and the language. Values in English (None: checked by the widget itself); widgets show, and the
    URL carries, them in the reader's language."""
    return pages.page_keys() | {LANGUAGE_KEY: tuple(i18n.LANGUAGES)}  # language codes: the same in every language


def _declared() -> tuple[str, ...]:
    """The pages declared (kzcn.ui.pages), for the caches that depend on their keys."""
    return tuple(page.url_path for page in pages.declared_pages())


def filters_of(page: pages.PageSpec) -> tuple[str, ...]:
    """The shared filters the view about to be drawn applies: the page's, or those of its open tab or choice."""
    if page.choice is None:
        return page.filters
    return page.choice.filters[choice_to_show(page.choice.options, page.choice.key)]


@dataclass(frozen=True)
class Filters:
    years: tuple[int, int]
    sector: str
    chapters: tuple[str, ...]
    direction: str
    reporter: str
    headings: tuple[str, ...] = ()

    @property
    def selection(self) -> sectors.Selection:
        """The goods chosen: sector, chapters and headings."""
        return sectors.Selection(self.chosen_sector, self.chapters, self.headings)

    @property
    def reporters(self) -> list[str]:
        return urlstate.reporters_of(self.reporter)

    @property
    def chosen_sector(self) -> str | None:
        """The sector to narrow to, or None for all sectors."""
        return None if self.sector == urlstate.ALL_SECTORS else self.sector

    @property
    def directions(self) -> list[str]:
        return [self.direction] if self.direction in urlstate.DIRECTIONS[1:] else list(urlstate.DIRECTIONS[1:])


def _raw_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def link_value(key: str) -> str | None:
    """The first value the page's link gives for `key` (before a bound widget drops a value it cannot use)."""
    values = st.query_params.get_all(key)
    return values[0] if values else None


RESET_KEY = "_kzcn_reset"


NOTICES_KEY = "_kzcn_notices"


def _defaults(opts: urlstate.Options) -> dict[str, object]:
    return {"years": opts.default_years, "sector": urlstate.ALL_SECTORS, "chapters": [], "headings": [],
            "direction": urlstate.DIRECTIONS[0], "reporter": urlstate.REPORTER_VIEWS[0]}


KEPT_KEY = "_kzcn_kept"  # the last value of each filter, for the next page that shows it


# the filters' labels: on their widgets and in the note naming the hidden ones
LABELS = {"years": N_("Years"), "sector": N_("Sector"), "chapters": N_("HS chapters"), "headings": N_("HS4 headings"),
          "direction": N_("Direction of goods"), "reporter": N_("Whose figures")}


def _label(key: str) -> str:
    """A filter's label in the reader's language."""
    return _(LABELS[key])


def _from_link(key: str, notices: Sequence[urlstate.Notice], opts: urlstate.Options) -> object | None:
    """A hidden filter's value as the page's link gives it, if usable (a bad one has a notice and is dropped), in
    the form the code keeps: chapter and heading codes, English choices."""
    values = st.query_params.get_all(key)
    if not values or any(n.key == key for n in notices):
        return None
    if key in ("chapters", "headings"):
        codes = {label: code for code, label in _labels(key, opts).items()}
        return [codes[v] for v in values if v in codes]
    if key == "years":
        return tuple(int(v) for v in values)  # two whole years in order: urlstate.check found no problem
    return {_(choice): choice for choice in _choices(key, opts)}.get(values[0], values[0])


def _choices(key: str, opts: urlstate.Options) -> tuple[str, ...]:
    """The English choices of a one-choice shared filter."""
    return {"sector": (urlstate.ALL_SECTORS, *opts.sectors), "direction": urlstate.DIRECTIONS,
            "reporter": urlstate.REPORTER_VIEWS}[key]


def _labels(key: str, opts: urlstate.Options) -> Mapping[str, str]:
    return opts.chapter_labels if key == "chapters" else opts.heading_labels


def _url_form(key: str, value: object, opts: urlstate.Options) -> str | list[str]:
    """A filter's value as its bound widget writes it into the URL (chapters by their labels, choices in the
    reader's language)."""
    if key in ("chapters", "headings"):
        return [_labels(key, opts).get(c, c) for c in value]  # type: ignore[union-attr]
    if key == "years":
        return [str(y) for y in value]  # type: ignore[union-attr]
    return _(str(value))


def sidebar_filters(used: Collection[str] = urlstate.GLOBAL_KEYS) -> Filters:
    """Create the shared filters the page uses (once, in the entry point) and remember them for that page.

    `used`: the filters this page applies; the others are not shown (a filter that changes nothing misleads) but
    keep their values, from the session or the link, for the next page that uses them. The URL carries the
    filters of the page shown.

    A link with a value the app cannot use falls back to that filter's default with a notice. Streamlit seeds
    a bound widget from the URL on a session's first run whatever we do, so a bad value is reset on one
    immediate rerun (only ever for malformed links), and the notice is carried across it.
    """
    opts = options()
    defaults = _defaults(opts)
    reset: dict[str, object] | None = st.session_state.pop(RESET_KEY, None)
    if reset:
        for key, to in reset.items():
            st.session_state[key] = to
        notices = st.session_state.pop(NOTICES_KEY, [])
    else:
        notices = urlstate.check(_raw_params(), opts)
    linked_years = st.query_params.get_all("years")  # as the link gives them: the slider rewrites what it reads
    kept: dict[str, object] = st.session_state.setdefault(KEPT_KEY, {})
    shows = {key: key in used for key in urlstate.GLOBAL_KEYS}
    restored = set()
    for key, shown in shows.items():
        if not shown and (linked := _from_link(key, notices, opts)) is not None:
            kept[key] = linked
        elif shown and key not in st.session_state and key in kept:
            st.session_state[key] = kept[key]  # back on a page that shows it: the value it had, in the URL too
            restored.add(key)
            if kept[key] != defaults[key]:
                st.query_params[key] = _url_form(key, kept[key], opts)
    names = chapter_names()
    value = {key: kept.get(key, defaults[key]) for key, shown in shows.items() if not shown}
    with st.sidebar:
        st.header(_("Filters"), anchor=False)
        if shows["years"]:  # a restored range comes from the session (a default as well would get a warning)
            value["years"] = st.slider(_label("years"), opts.year_min, opts.year_max,  # (reset: set in the state)
                                       None if "years" in restored or "years" in (reset or ()) else
                                       opts.default_years, key="years",
                                       bind="query-params", help=_("Calendar years of the trade data."))
        if shows["sector"]:
            value["sector"] = st.selectbox(_label("sector"), _choices("sector", opts), key="sector",
                                           format_func=i18n.translator(), bind="query-params",
                                           help=_("kzcn's grouping of HS chapters (see Data & sources)."))
        pool = opts.chapters_by_sector.get(value["sector"]) or tuple(names)
        if shows["chapters"]:
            value["chapters"] = st.multiselect(_label("chapters"), pool, key="chapters", bind="query-params",
                                               format_func=lambda c: opts.chapter_labels.get(c, c),
                                               placeholder=_("All chapters of the sector"),
                                               help=_("Two-digit HS chapters; empty means every chapter of the "
                                                      "sector."))
        chosen = tuple(c for c in value["chapters"] if c in pool)
        heading_pool = tuple(h for h in opts.heading_labels if h[:2] in chosen)
        if shows["headings"] and heading_pool:
            value["headings"] = st.multiselect(_label("headings"), heading_pool, key="headings",
                                               bind="query-params",
                                               format_func=lambda c: opts.heading_labels.get(c, c),
                                               placeholder=_("All headings of the chapters"),
                                               help=_("Four-digit HS headings of the chosen chapters; empty means "
                                                      "all of them."))
        elif shows["headings"]:
            value["headings"] = []
            st.caption(_("Choose HS chapters to pick four-digit headings within them."))
        if shows["direction"]:
            value["direction"] = st.radio(_label("direction"), urlstate.DIRECTIONS, key="direction",
                                          format_func=i18n.translator(), bind="query-params")
        if shows["reporter"]:
            value["reporter"] = st.radio(
                _label("reporter"), urlstate.REPORTER_VIEWS, key="reporter", format_func=i18n.translator(),
                bind="query-params",
                help=_("China's customs and Kazakhstan's statistics bureau report the same trade very differently. "
                       "kzcn never mixes them into one line."))
        if hidden := [_(LABELS[key]) for key, shown in shows.items() if not shown]:
            st.caption(ngettext("Not used in this view: {filters}. Kept as set for the views that use it.",
                                "Not used in this view: {filters}. Kept as set for the views that use them.",
                                len(hidden)).format(filters=fmt.commas(hidden)))
    resets: dict[str, object] = {}
    # a link's years refused, as the slider read them and wrote them into the URL (nothing where it could not
    # read them), which code cannot change
    refused = [n for n in notices if n.key == "years"] if shows["years"] and not reset else []
    if refused and (as_read := urlstate.years_read_as(linked_years, st.query_params.get_all("years"), opts)):
        years, notice = as_read
        notices = [notice if n is refused[0] else n for n in notices]
        if tuple(value["years"]) != years:
            resets["years"] = years  # in order
    kept.update({key: value[key] for key, shown in shows.items() if shown})
    shown_values = {"years": tuple(value["years"]), "sector": value["sector"], "chapters": list(value["chapters"]),
                    "headings": list(value["headings"]), "direction": value["direction"],
                    "reporter": value["reporter"]}
    resets |= {n.key: defaults[n.key] for n in notices
               if not n.used and n.key in defaults and shown_values[n.key] != defaults[n.key]}
    if resets and not reset:
        st.session_state[RESET_KEY] = resets
        st.session_state[NOTICES_KEY] = notices
        st.rerun()
    filters = Filters(urlstate.clean_years(value["years"], opts), value["sector"], chosen, value["direction"],
                      value["reporter"], tuple(h for h in value["headings"] if h in heading_pool))
    st.session_state[FILTERS_KEY] = filters
    for notice in notices:
        st.warning(notice.text, icon=":material/link_off:")
    _drop_ignored(notices, shown_values, defaults, opts)
    return filters


def _drop_ignored(notices: Sequence[urlstate.Notice], shown: Mapping[str, object], defaults: Mapping[str, object],
                  opts: urlstate.Options) -> None:
    """Take what a link said that could not be used out of the address bar, once its notice is shown, so that the
    URL restores the view on the screen: a shared filter then carries the value shown (none where that is the
    default: a link with years=2015.5&years=2020 had kept years=2015&years=2020 under a page showing the default
    range), and an unknown parameter goes. A page's own parameters are the page's to check.

    A parameter bound to a widget drawn in this run cannot be changed from code (Streamlit raises); its widget
    holds the value shown and writes the URL itself once the reader changes it."""
    for key in dict.fromkeys(n.key for n in notices):
        try:
            if key in defaults:
                written = _url_form(key, shown[key], opts)
                if written == _url_form(key, defaults[key], opts):
                    st.query_params.pop(key, None)
                else:
                    st.query_params[key] = written
            elif key not in opts.page_keys:
                st.query_params.pop(key, None)
        except StreamlitAPIException:
            continue


def filters() -> Filters:
    """The filters set by the entry point for this run."""
    current = st.session_state.get(FILTERS_KEY)
    if current is None:  # a page run without the entry point (should not happen with st.navigation)
        opts = options()
        current = Filters(opts.default_years, urlstate.ALL_SECTORS, (), urlstate.DIRECTIONS[0],
                          urlstate.REPORTER_VIEWS[0])
    return current


def share_box() -> None:
    """Shows the link that restores this exact view (the browser keeps it in the address bar too).

    In a popover: its code block (with the copy button) is only drawn when opened. Drawn on every page it made
    the browser fetch and parse Streamlit's 1.5 MB syntax highlighter before the first chart (~0.9 s more to the
    first chart on this machine; docs/performance.md).
    """
    with st.sidebar:
        st.divider()
        with st.popover(_("Share this view"), icon=":material/link:", width="stretch"):
            st.caption(_("The link in your address bar restores these filters, this page and its language. Copy "
                         "it from here:"))
            st.code(current_link(), language=None, wrap_lines=True)


def current_link() -> str:
    """The URL of this page with the current filters (the app's own address as the browser sees it)."""
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    base = st.context.url or ""
    if base and not urlsplit(base).path:
        base += "/"  # the root page: "http://host?x" is not a URL every reader accepts
    return f"{base}{'?' + query if query else ''}"


def choice_to_show(labels: Sequence[str], key: str) -> str:
    """The choice a URL-bound one-choice widget (open_tab's tabs, a segmented control) will show, known before it
    is drawn: the session's, else the link's, else the first. `labels` in English; the session and the link may
    hold a label in the reader's language (tabs, the URL) or the English choice (a widget whose format_func
    translates)."""
    shown = {_(label): label for label in labels} | {label: label for label in labels}
    return next((shown[v] for v in (st.session_state.get(key), link_value(key)) if v in shown), labels[0])


def options() -> urlstate.Options:
    """The filters' possible values, derived from the data, with labels in the reader's language (cached per data
    folder and language)."""
    return _options(str(data_dir()), i18n.current(), _declared())


@st.cache_resource(show_spinner=False)
def _options(folder: str, lang: str, declared: tuple[str, ...]) -> urlstate.Options:
    # frozen, shared read-only (no copy per call); `declared`: the pages whose keys it holds (part of the cache key)
    frames = localised(folder, lang)
    years = frames["trade_annual"]["year"]
    chapters = frames["hs_chapters"]
    by_sector = {s: tuple(g["hs_chapter"]) for s, g in chapters.groupby("sector", sort=False)}
    labels = {c: urlstate.chapter_label(c, n) for c, n in zip(chapters["hs_chapter"], chapters["chapter_name"],
                                                              strict=True)}
    names = dict(zip(chapters["hs_chapter"], chapters["chapter_name"], strict=True))
    figure_keys = _figure_keys(frames["passages"])
    goods = names_in(folder, lang)
    heading_labels = {c: urlstate.chapter_label(c, goods.heading_label(c).split(" ", 1)[1])
                      for c in sorted(set(frames["hs_headings"]["hs_heading"]))}
    keys = link_keys() | figure_keys
    page_keys = {key: None if allowed is None else tuple(_shown(key, v) for v in allowed)
                 for key, allowed in keys.items()}
    return urlstate.Options(int(years.min()), int(years.max()), tuple(by_sector), by_sector, labels,
                            page_keys, names, frozenset(keys) - pages.multi_keys(), heading_labels)


def _figure_keys(passages: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The speech page's keys: a passage's chart expander (open or not) and, with several figures, its tabs."""
    speech = {pid: [views.SPEECH_FIGURES[v] for v in wanted if v in views.SPEECH_FIGURES]
              for pid, wanted in zip(passages["passage_id"], passages["trade_views"], strict=True)}
    keys = {speechview.chart_key(pid): urlstate.BOOLEAN for pid, shown in speech.items() if shown}
    return keys | {speechview.figures_key(pid): tuple(shown) for pid, shown in speech.items() if len(shown) > 1}


def _shown(key: str, value: str) -> str:
    """A page widget's value as it shows it and the URL carries it: translated, except codes and true/false."""
    return value if key == LANGUAGE_KEY or value in urlstate.BOOLEAN else _(value)


def chapter_names() -> dict[str, str]:
    return options().chapter_names


def language_from_link() -> str:
    """The reader's language for this run, before anything is drawn: the link's `?lang=`, else English (the
    default, which Streamlit keeps out of the URL). The link decides, never the session: a language link, a page
    switch (which carries `?lang=`) and the browser's Back button all give the URL of the view to draw, while the
    session still holds the language it drew in before. An unknown code gets a notice (urlstate.check) and
    English."""
    asked = link_value(LANGUAGE_KEY)
    return asked if asked in i18n.LANGUAGES else i18n.DEFAULT


def show_choices_in(lang: str) -> None:
    """On the first run in a language the reader has just switched to (see language_switch), before any widget is
    drawn: every choice made is handed to its widget again. Streamlit sends a widget's value to the browser only
    when it changed, and the browser still holds the choice in the previous language's label, which the new
    labels do not contain (a radio showed nothing chosen). Tabs need nothing: new labels make new tabs, which
    Streamlit fills from the link; nor do years and yes/no choices, the same in every language."""
    if st.session_state.get(_DRAWN_KEY, lang) == lang:
        return
    shown = _shown_values(str(data_dir()), lang, _declared())  # keys whose choices a language names: not years
    for key in shown.keys() - pages.tab_keys() - pages.defaulted_keys() - {LANGUAGE_KEY}:
        value = st.session_state.get(key)
        if isinstance(value, str) or (isinstance(value, list) and value):
            st.session_state[key] = value


def language_switch(lang: str, page: StreamlitPage) -> None:
    """Links to this very view in each language, and the hidden field that keeps `?lang=` in the URL.

    A link opens the view again in its language, as a shared link would: the page with its filters, tabs and
    choices written as that language shows them (relabelled). It is a page link, so the session goes on (no page
    load), and Streamlit fills every widget from the new URL. A language switched in place would leave the URL
    naming the choices in the previous language, which Streamlit drops. The field is a widget bound to `?lang=`
    only so that Streamlit carries the parameter across page switches like the filters; it is drawn after the
    filters have checked the link (a bound widget may drop what it cannot use)."""
    with st.container(key="kzcn-language-field"):
        # one choice, so Streamlit drops an unknown code from the URL by itself (the reader got a notice); a radio,
        # the lightest such widget to mount (a select box cost ~90 ms to the first chart, docs/performance.md)
        st.session_state[LANGUAGE_KEY] = lang  # the run's language, whatever the session held before
        st.radio("lang", tuple(i18n.LANGUAGES), key=LANGUAGE_KEY, bind="query-params", label_visibility="collapsed")
    if st.session_state.get(_DRAWN_KEY, lang) != lang:
        # opened from a language link to this same page: Streamlit ran it with the link's query but leaves the
        # address bar as it was; sending the query as it stands puts the link (and so the shared view) in the bar
        st.query_params.update()
    st.session_state[_DRAWN_KEY] = lang
    params = {key: st.query_params.get_all(key) for key in st.query_params if key != LANGUAGE_KEY}
    with st.container(horizontal=True, gap="small", key="kzcn-languages"):
        for code, name in i18n.LANGUAGES.items():
            query = relabelled(params, code) | {LANGUAGE_KEY: [code]}  # English too: the session may hold another
            st.page_link(page, label=name, query_params=query, disabled=code == lang)
    st.html(_LANGUAGE_STYLE)
    st.html(_LANGUAGE_ATTRIBUTES.replace("TAGS", json.dumps(LANGUAGE_TAGS)).replace("LANG", json.dumps(lang)),
            unsafe_allow_javascript=True)


_LANGUAGE_STYLE = """<style>
.st-key-kzcn-language-field {display: none;}
.st-key-kzcn-languages {gap: .35rem;}
.st-key-kzcn-languages [data-testid="stElementContainer"] {width: auto; flex: 0 0 auto;}
.st-key-kzcn-languages span:has(> [data-testid="stIconMaterial"]) {display: none;}  /* the page's icon */
.st-key-kzcn-languages a {padding: .1rem .6rem; margin: 0; border: 1px solid rgba(128, 128, 128, .45);
  border-radius: .5rem; background: none;}
.st-key-kzcn-languages a:hover {border-color: currentColor; background: none;}
.st-key-kzcn-languages a[disabled], .st-key-kzcn-languages a[disabled] * {color: inherit; cursor: default;}
.st-key-kzcn-languages a[disabled] {border-color: currentColor; font-weight: 600;}
</style>"""


# Streamlit's page is <html lang="en"> whatever the language, and st.page_link sets no lang or hreflang: a screen
# reader would read Russian text with English rules, a browser would pick Japanese glyphs for Chinese text and offer
# to translate the page. This script sets the page's language (Streamlit runs it again whenever its text changes,
# that is on a switch) and gives each language link its own; an observer on the sidebar keeps the links' attributes
# when React redraws them. Chinese is written zh-Hans there: the script, which decides the glyphs.
LANGUAGE_TAGS = {"zh": "zh-Hans"}  # BCP 47 tags where the URL's code says less
_LANGUAGE_ATTRIBUTES = """<script>
(() => {
  const doc = document, tags = TAGS, tag = (code) => tags[code] || code;
  doc.documentElement.lang = tag(LANG);
  const mark = () => doc.querySelectorAll(".st-key-kzcn-languages a[href]").forEach((a) => {
    const code = tag(new URL(a.href, doc.baseURI).searchParams.get("lang") || "en");
    if (a.getAttribute("hreflang") !== code) { a.setAttribute("hreflang", code); a.setAttribute("lang", code); }
  });
  mark();
  const sidebar = doc.querySelector('[data-testid="stSidebar"]');
  if (!sidebar || sidebar.__kzcnLanguageLinks) return;
  sidebar.__kzcnLanguageLinks = new MutationObserver(mark);
  sidebar.__kzcnLanguageLinks.observe(sidebar, {childList: true, subtree: true, attributes: true,
                                                attributeFilter: ["href"]});
})();
</script>"""


def relabelled(params: Mapping[str, list[str]], lang: str) -> dict[str, list[str]]:
    """Link parameters with every choice written as `lang` shows it (a value no language shows is left as is,
    for urlstate.check to report)."""
    folder = str(data_dir())
    by_lang = {code: _shown_values(folder, code, _declared()) for code in i18n.LANGUAGES}
    target = by_lang[lang]
    out = {}
    for key, values in params.items():
        out[key] = [next((target[key][choice] for table in by_lang.values()
                          for choice, shown in table.get(key, {}).items() if shown == value),
                         value) if key in target else value for value in values]
    return out


@st.cache_resource(show_spinner=False, max_entries=8)
def _shown_values(folder: str, lang: str, declared: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Per URL key, each English value (or chapter or heading code) and how `lang` shows it."""
    with i18n.language(lang):
        opts = _options(folder, lang, declared)
        allowed_values = link_keys() | _figure_keys(localised(folder, lang)["passages"])
        shown = {key: {v: _shown(key, v) for v in allowed} for key, allowed in allowed_values.items()
                 if allowed is not None}
        shown |= {key: {v: _(v) for v in _choices(key, opts)} for key in ("sector", "direction", "reporter")}
        shown["chapters"], shown["headings"] = dict(opts.chapter_labels), dict(opts.heading_labels)
        shown["timeline_event"] = views.event_choices(localised(folder, lang)["events"])
    return shown
