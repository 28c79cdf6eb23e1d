"""Each page declares itself at the top of its file (kzcn.ui.PageSpec): the entry point reads the declarations before
any page runs. Pure checks of the registry on small declarations built here, and of app_pages/ as it stands: every
URL-bound widget a page draws is declared by that page, so a link that names it is checked and relabelled."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app_pages import declared
from kzcn import urlstate
from kzcn.paths import REPO_ROOT
from kzcn.ui import pages

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)


def _spec(url_path: str, position: int, **kwargs) -> pages.PageSpec:
    return pages.PageSpec(f"/somewhere/app_pages/{url_path}.py", url_path, url_path.title(), ":material/star:",
                          position, **kwargs)


@pytest.fixture
def registry():
    """The app's own declarations are put back after each test that replaces them."""
    yield
    pages.use_pages(declared())


def test_the_registry_orders_pages_and_unites_their_keys(registry) -> None:
    tabs = pages.ViewChoice("b_view", {"One": ("years",), "Two": ()}, tabs=True)
    b = _spec("b", 2, choice=tabs, keys={"b_year": None}, multi=frozenset({"b_year"}))
    a = _spec("a", 1, keys={"a_flag": urlstate.BOOLEAN}, tabs={"a_view": ("X", "Y")}, defaulted=frozenset({"a_flag"}))
    pages.use_pages([b, a])
    assert [p.url_path for p in pages.declared_pages()] == ["a", "b"]
    assert pages.page_path("b") == "app_pages/b.py"
    assert pages.page_keys() == {"a_flag": urlstate.BOOLEAN, "a_view": ("X", "Y"), "b_year": None,
                                 "b_view": ("One", "Two")}
    assert pages.tab_keys() == {"a_view", "b_view"}
    assert pages.multi_keys() == {"b_year"} and pages.defaulted_keys() == {"a_flag"}


def test_a_choice_that_is_not_tabs_is_not_a_tab_key(registry) -> None:
    scope = pages.ViewChoice("scope", {"Year": (), "All": ("years",)})
    pages.use_pages([_spec("t", 1, choice=scope)])
    assert pages.page_keys() == {"scope": ("Year", "All")} and pages.tab_keys() == frozenset()
    assert scope.options == ("Year", "All")


def test_the_pages_are_declared_once_each_in_navigation_order() -> None:
    specs = declared()
    assert [s.position for s in specs] == sorted({s.position for s in specs})
    assert len({s.url_path for s in specs}) == len(specs)
    assert {Path(s.path).stem for s in specs} == {p.stem for p in (REPO_ROOT / "app_pages").glob("*.py")} - {"__init__"}
    for spec in specs:
        filters = [spec.filters, *(spec.choice.filters.values() if spec.choice else ())]
        assert all(set(f) <= set(urlstate.GLOBAL_KEYS) for f in filters), spec.url_path


def _bound_keys(path: Path) -> tuple[set[str], set[str]]:
    """The keys of the URL-bound widgets and tabs a page file draws: literal ones, and the literal start of keys
    built at run time (f"share_year_{flow}"). kzcn's own bound widgets: ui.open_tab (key second) and
    ui.year_choice (key third)."""
    keys, prefixes = set(), set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        named = {k.arg: k.value for k in node.keywords}
        bound = isinstance(named.get("bind"), ast.Constant) and named["bind"].value == "query-params"
        own = {"open_tab": 1, "year_choice": 2}.get(getattr(node.func, "attr", ""))
        key = named.get("key") if bound else node.args[own] if own is not None else None
        if isinstance(key, ast.Constant):
            keys.add(key.value)
        elif isinstance(key, ast.JoinedStr) and isinstance(key.values[0], ast.Constant):
            prefixes.add(key.values[0].value)
    return keys, prefixes


@pytest.mark.parametrize("spec", declared(), ids=lambda s: s.url_path)
def test_every_url_bound_widget_of_a_page_is_declared_by_it(spec: pages.PageSpec) -> None:
    keys, prefixes = _bound_keys(REPO_ROOT / spec.path)
    assert keys <= set(spec.all_keys)  # a widget the page draws but does not declare: its link value unchecked
    undrawn = {k for k in spec.all_keys if k not in keys and not any(k.startswith(p) for p in prefixes)}
    assert not undrawn  # declared but drawn nowhere on the page
