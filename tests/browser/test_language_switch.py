"""The language switch in a real browser (AppTest cannot see the URL the browser keeps): a switch opens the same
view in the new language with its choices relabelled, in the same session (no page load), the language survives a
page switch, and a changed choice in Russian goes into the link in Russian."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

from playwright.sync_api import Page, expect

from app_pages import trade as trade_page
from kzcn import i18n, urlstate, views

CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
ERROR = '[data-testid="stException"]'


def _in(lang: str, message: str) -> str:
    with i18n.language(lang):
        return i18n._(message)


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def settle(page: Page) -> None:
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_timeout(800)


def test_switching_language_keeps_the_view_and_relabels_the_link(page: Page, server) -> None:
    direction, tab = urlstate.DIRECTIONS[1], trade_page.TABS[2]
    page.goto(f"{server.url}/trade?{urlencode({'direction': direction, 'trade_view': tab})}")
    settle(page)
    loads = []
    page.on("load", lambda _page: loads.append(1))
    for lang in ("ru", "zh", "en"):
        page.locator(".st-key-kzcn-languages").get_by_role("link", name=i18n.LANGUAGES[lang]).click()
        expect(page).to_have_url(re.compile(f"lang={lang}" if lang != "en" else r"^(?!.*lang=)"))
        settle(page)
        assert params(page)["direction"] == [_in(lang, direction)]
        assert params(page)["trade_view"] == [_in(lang, tab)]
        expect(page.get_by_role("tab", name=_in(lang, tab), exact=True)).to_have_attribute("aria-selected", "true")
        expect(page.get_by_role("radio", name=_in(lang, direction), exact=True)).to_be_checked()
        assert page.locator('[data-testid="stAlert"]').count() == 0
    assert not loads  # the session went on: no page load
    assert page.locator(ERROR).count() == 0
    assert "Traceback" not in server.output()


def test_the_language_survives_a_page_switch_and_choices_go_into_the_link_in_it(page: Page, server) -> None:
    page.goto(f"{server.url}/?lang=ru")
    settle(page)
    page.get_by_role("link", name=_in("ru", "Trade")).first.click()
    expect(page).to_have_url(re.compile(r"/trade\?(.*&)?lang=ru"))
    settle(page)
    expect(page.locator('[data-testid="stSidebar"] h2').first).to_have_text(_in("ru", "Filters"))
    page.locator('[data-testid="stSidebar"]').get_by_text(_in("ru", urlstate.DIRECTIONS[2]), exact=True).click()
    expect(page).to_have_url(re.compile("direction="))
    assert params(page)["direction"] == [_in("ru", urlstate.DIRECTIONS[2])]
    assert params(page)["lang"] == ["ru"]


def test_dollar_ticks_are_drawn_in_the_readers_language(page: Page, server) -> None:
    """Plotly writes $30B whatever the language; the chart's labelalias must turn every drawn tick into the
    locale's words (30 млрд $, US$300亿). Only a browser shows which ticks Plotly actually picked."""
    for lang, word in (("ru", "млрд"), ("zh", "亿")):
        page.goto(f"{server.url}/trade?lang={lang}")
        settle(page)
        ticks = page.locator(f"{CHART} .ytick text").all_text_contents()
        assert any(word in t for t in ticks), ticks
        assert not [t for t in ticks if re.fullmatch(r"\$−?[\d.,]+[kMBT]?", t)], ticks  # an English tick left


def test_a_switch_keeps_the_pages_own_choices(page: Page, server) -> None:
    """The Timeline's scope and theme (Streamlit segmented control and pills, in the page, not the sidebar) come
    back chosen in the new language, and go into the link in it."""
    scope, theme = views.SCOPE_ALL, views.THEME_LABELS["4-belt_and_road"]
    page.goto(f"{server.url}/timeline?{urlencode({'scope': scope, 'theme': theme})}")
    settle(page)
    page.locator(".st-key-kzcn-languages").get_by_role("link", name=i18n.LANGUAGES["ru"]).click()
    expect(page).to_have_url(re.compile("lang=ru"))
    settle(page)
    assert params(page)["scope"] == [_in("ru", scope)] and params(page)["theme"] == [_in("ru", theme)]
    chosen = page.locator("[data-testid=stMain] :is([aria-checked=true], [aria-pressed=true])").all_inner_texts()
    assert _in("ru", scope) in chosen and _in("ru", theme) in chosen, chosen
    assert "Session State API" not in server.output()  # no choice both given a default and set from code


def test_back_after_a_switch_shows_the_view_before_it(page: Page, server) -> None:
    """The browser's Back button gives the URL of the view before the switch, in English (no `lang`): the link
    decides the language, not the session, which drew in Russian last."""
    direction, tab = urlstate.DIRECTIONS[1], trade_page.TABS[2]
    page.goto(f"{server.url}/trade?{urlencode({'direction': direction, 'trade_view': tab})}")
    settle(page)
    page.locator(".st-key-kzcn-languages").get_by_role("link", name=i18n.LANGUAGES["ru"]).click()
    expect(page).to_have_url(re.compile("lang=ru"))
    settle(page)
    page.go_back()
    expect(page).to_have_url(re.compile(r"^(?!.*lang=)"))
    settle(page)
    expect(page.locator('[data-testid="stSidebar"] h2').first).to_have_text("Filters")
    assert params(page)["direction"] == [direction] and params(page)["trade_view"] == [tab]
    expect(page.get_by_role("tab", name=tab, exact=True)).to_have_attribute("aria-selected", "true")
    assert page.locator('[data-testid="stAlert"]').count() == 0


def test_the_page_and_each_language_link_name_their_language(page: Page, server) -> None:
    """Streamlit writes <html lang="en"> and st.page_link no lang: screen readers, fonts (Chinese glyphs) and the
    browser's translation offer need the page's language, and each link's own."""
    page.goto(f"{server.url}/?lang=ru")
    settle(page)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    links = page.locator(".st-key-kzcn-languages a")
    for code, name in i18n.LANGUAGES.items():
        link = links.filter(has_text=name)
        expect(link).to_have_attribute("hreflang", {"zh": "zh-Hans"}.get(code, code))
        expect(link).to_have_attribute("lang", {"zh": "zh-Hans"}.get(code, code))
    links.filter(has_text=i18n.LANGUAGES["zh"]).click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(links.filter(has_text=i18n.LANGUAGES["en"])).to_have_attribute("hreflang", "en")
