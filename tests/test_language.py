"""The dashboard in English, Russian and Chinese: `?lang=` chooses, every page speaks it, the language switch links
to the same view in each language (page links: the session goes on), and a link's choices are relabelled, never
lost (issue 14)."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

import pytest
from helpers import run
from hypothesis import given, settings
from hypothesis import strategies as st

from app_pages import declared
from app_pages import trade as trade_page
from kzcn import i18n, ui, urlstate, views
from kzcn.i18n import _

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

PAGES = ["app_pages/overview.py", "app_pages/trade.py", "app_pages/partners.py", "app_pages/timeline.py",
         "app_pages/speech.py", "app_pages/sources.py"]
SCRIPT = {"ru": re.compile("[А-Яа-яЁё]"), "zh": re.compile("[\u4e00-\u9fff]")}


def _in(lang: str, message: str) -> str:
    with i18n.language(lang):
        return _(message)


def _texts(at) -> list[str]:
    """The interface text of a run: titles, headers, markdown, captions, notices and widget labels."""
    texts = [e.value for kind in ("title", "header", "subheader", "caption", "info", "warning")
             for e in at.get(kind)]
    texts += [e.value for e in at.get("markdown") if not e.value.startswith(">")]  # quotes stay as published
    texts += [w.label for kind in ("radio", "selectbox", "multiselect", "slider", "select_slider", "toggle",
                                   "button_group", "expander") for w in at.get(kind) if getattr(w, "label", "")]
    return [t for t in texts if t and re.search(r"[A-Za-zА-Яа-я\u4e00-\u9fff]", t)]


def test_unknown_language_gets_a_notice_and_english() -> None:
    at = run(lang="xx")
    assert any("lang=" in w.value and "English" in w.value for w in at.warning)
    assert at.sidebar.header[0].value == "Filters"


def test_english_is_the_default() -> None:
    at = run()
    assert at.sidebar.header[0].value == "Filters"
    assert at.title[0].value == "China and Kazakhstan: trade and relations"


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_a_link_in_a_language_shows_it(lang: str) -> None:
    at = run(lang=lang)
    assert at.sidebar.header[0].value == _in(lang, "Filters") != "Filters"
    assert SCRIPT[lang].search(at.title[0].value), at.title[0].value


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_the_language_is_kept_across_pages(lang: str) -> None:
    at = run(lang=lang)
    at.switch_page("app_pages/trade.py").run()
    assert not at.exception
    assert at.sidebar.header[0].value == _in(lang, "Filters")
    assert SCRIPT[lang].search(at.title[0].value), at.title[0].value


@pytest.mark.parametrize("lang", ["ru", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_speaks_the_language(page: str, lang: str) -> None:
    """At least three quarters of a page's interface text is in the language (names and quotes aside, which is
    why not all of it)."""
    at = run(page, lang=lang)
    texts = _texts(at)
    translated = [t for t in texts if SCRIPT[lang].search(t)]
    assert len(texts) >= 5
    assert len(translated) >= 0.75 * len(texts), [t for t in texts if not SCRIPT[lang].search(t)][:15]


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_a_link_with_choices_in_the_language_restores_them(lang: str) -> None:
    direction, tab = urlstate.DIRECTIONS[1], trade_page.TABS[2]
    at = run("app_pages/trade.py", lang=lang, direction=_in(lang, direction), trade_view=_in(lang, tab))
    assert not at.warning, [w.value for w in at.warning]
    assert at.sidebar.radio(key="direction").value == direction  # the code keeps the English choice
    assert at.session_state["trade_view"] == _in(lang, tab)


def test_an_english_choice_in_a_russian_link_gets_a_notice() -> None:
    at = run(lang="ru", direction=urlstate.DIRECTIONS[1])  # the page the link opens (AppTest runs it first)
    assert any("direction=" in w.value for w in at.warning)
    assert "direction" not in at.query_params  # and the link no longer carries it


def _switch_links(at) -> dict[str, tuple[bool, dict[str, list[str]]]]:
    """The language switch's page links: per language, (greyed out as the current one, their query)."""
    names = {name: code for code, name in i18n.LANGUAGES.items()}
    return {names[el.proto.label]: (el.proto.disabled, parse_qs(el.proto.query_string))
            for el in at.get("page_link") if el.proto.label in names}


def test_the_switch_links_to_this_view_in_each_language() -> None:
    direction, tab = urlstate.DIRECTIONS[1], trade_page.TABS[2]
    at = run("app_pages/trade.py", direction=direction, trade_view=tab, years=["2010", "2020"])
    links = _switch_links(at)
    assert set(links) == set(i18n.LANGUAGES)
    assert {code for code, (current, _query) in links.items() if current} == {"en"}
    for lang in i18n.LANGUAGES:  # English too names its language: the session it opens in may hold another one
        assert links[lang][1] == {"direction": [_in(lang, direction)], "trade_view": [_in(lang, tab)],
                                  "years": ["2010", "2020"], "lang": [lang]}
    assert all(el.proto.page.endswith("trade") for el in at.get("page_link") if el.proto.label == "Русский")


def test_a_language_link_wins_over_the_language_the_session_had() -> None:
    """Following the switch's link runs the page again in the same session (no page load): the link's `lang`
    decides, not the one the session drew in before."""
    at = run(lang="ru")
    at.query_params["lang"] = "en"
    at.run()
    assert at.sidebar.header[0].value == "Filters"
    assert {code for code, (current, _query) in _switch_links(at).items() if current} == {"en"}


@pytest.fixture(autouse=True)
def pages_declared() -> None:
    """What the entry point does first: the pages' declarations (their URL keys) known, as outside an app run."""
    ui.use_pages(declared())


CHOICES = {"direction": urlstate.DIRECTIONS, "reporter": urlstate.REPORTER_VIEWS, "trade_view": trade_page.TABS,
           "scope": views.SCOPES}


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(CHOICES)), st.integers(0, 1), min_size=1),
       st.sampled_from(["ru", "zh"]))
def test_relabelling_there_and_back_changes_nothing(picks: dict[str, int], lang: str) -> None:
    english = {key: [CHOICES[key][i]] for key, i in picks.items()}
    there = ui.relabelled(english, lang)
    assert all(there[k] == [_in(lang, v[0])] for k, v in english.items())
    assert ui.relabelled(there, "en") == english


def test_a_value_no_language_knows_is_left_for_the_notice() -> None:
    assert ui.relabelled({"direction": ["sideways"], "years": ["1", "2"]}, "ru") == {
        "direction": ["sideways"], "years": ["1", "2"]}


def test_the_switch_is_drawn_even_where_a_page_has_nothing_to_show() -> None:
    """The switch is drawn after the page (so it never delays the first chart): a page with nothing to show must
    still end normally for it to appear."""
    theme = views.THEME_LABELS["6-international_cooperation"]
    at = run("app_pages/timeline.py", category="infrastructure", theme=theme)
    assert any("No event matches" in i.value for i in at.info)
    assert set(_switch_links(at)) == set(i18n.LANGUAGES)


def test_a_heading_drilled_down_in_russian_is_named_in_russian() -> None:
    """The HS4 picker's labels, the link that carries them and the treemap's boxes use the heading's Russian name
    (hs_heading_names, in sentence case) where the data has one."""
    from kzcn import datasets
    from kzcn.paths import data_dir
    from kzcn.ui.data import sentence_case

    names = datasets.load("hs_heading_names", data_dir())
    russian = names[(names["lang"] == "ru") & (names["hs_heading"] == "8703")]["name"]
    assert len(russian) == 1  # what this test needs of the shipped names
    with i18n.language("ru"):
        chapter, heading = ui.options().chapter_labels["87"], ui.options().heading_labels["8703"]
    assert heading.startswith("8703 ") and sentence_case(russian.iloc[0])[:20] in heading
    at = run("app_pages/trade.py", lang="ru", trade_view=_in("ru", trade_page.TABS[2]), chapters=chapter,
             headings=heading, tree_year="2023")
    assert not at.warning, [w.value for w in at.warning]
    tree = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if '"treemap"' in c.proto.spec)
    assert any(sentence_case(russian.iloc[0])[:20] in label for label in tree["data"][0]["labels"])


def test_table_numbers_are_written_in_the_language_and_stay_numbers() -> None:
    """In Russian a table's numbers read 1 396,2 and 24,9 % (Streamlit's printf formats would write 1396.2 and
    24.93%), while the data under them stay numbers, which Streamlit sorts by; English as its text writes them
    (+8.8%, −1.8%; Streamlit's "percent" wrote 8.81% and -1.84%)."""
    import pandas as pd

    from kzcn import fmt

    frame = pd.DataFrame({"label": ["a", "b"], "usd_m": [1396.2, 7.9], "share": [0.2493, 0.004]})
    formats = {"usd_m": lambda v: fmt.number(v, 1), "share": lambda v: fmt.pct(v * 100, signed=False)}
    english = ui.table_numbers(frame.assign(growth=[0.0881, -0.0184]), formats | {"growth": lambda v: fmt.pct(v * 100)})
    assert "+8.8%" in english.to_string() and "−1.8%" in english.to_string() and "1,396.2" in english.to_string()
    with i18n.language("ru"):
        styled = ui.table_numbers(frame, formats)
        text = styled.to_string()
    assert "1\xa0396,2" in text and "24,9\xa0%" in text and "1396.2" not in text
    assert styled.data["usd_m"].tolist() == [1396.2, 7.9]
