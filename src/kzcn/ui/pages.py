"""What each page declares about itself, at the top of its file in app_pages/ (`PAGE = PageSpec(...)`), next to
the widgets it describes: its address and title, the shared filters it applies (per open tab, or per choice,
where they differ), and the URL keys of its own widgets with the values a link may give them.

The entry point reads every page's declaration before any page runs (app_pages.declared): Streamlit keeps a
URL-bound widget's parameter across a page switch only when the entry point draws it, so it must know which
shared filters the page about to run applies (docs/architecture.md). Adding a page or a tab is one file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kzcn import urlstate

ALLOWED = tuple[str, ...] | None  # the English values a link may give a key (None: the widget checks them)


@dataclass(frozen=True)
class ViewChoice:
    """A choice on a page (its tabs, or a switch between views) that decides which shared filters apply: each
    option, in English, with those filters. The first option is what a plain link opens."""

    key: str  # its URL key
    filters: Mapping[str, tuple[str, ...]]
    tabs: bool = False  # tabs (ui.open_tab): shown, and carried in the URL, as labels in the reader's language

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(self.filters)


@dataclass(frozen=True)
class PageSpec:
    """One page: `file` is its module's __file__; `keys` are its own widgets' URL keys (a choice and tabs are
    added by themselves)."""

    file: str
    url_path: str
    title: str  # English, marked for translation (N_)
    icon: str
    position: int  # its place in the navigation
    filters: tuple[str, ...] = urlstate.GLOBAL_KEYS  # the shared filters it applies (when no choice decides)
    choice: ViewChoice | None = None
    keys: Mapping[str, ALLOWED] = field(default_factory=dict)
    tabs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # other tabs: key -> labels (English)
    multi: frozenset[str] = frozenset()  # keys of multi-selects: a link may repeat them
    defaulted: frozenset[str] = frozenset()  # keys of choices drawn with a default (see ui.show_choices_in)

    @property
    def path(self) -> str:
        """The file as st.Page and st.page_link name it: relative to the entry point."""
        return f"app_pages/{Path(self.file).name}"

    @property
    def all_keys(self) -> dict[str, ALLOWED]:
        choice = {self.choice.key: self.choice.options} if self.choice else {}
        return {**self.keys, **choice, **self.tabs}

    @property
    def tab_keys(self) -> frozenset[str]:
        return frozenset(self.tabs) | ({self.choice.key} if self.choice and self.choice.tabs else set())


_PAGES: dict[str, PageSpec] = {}  # by URL path, in navigation order: set by the entry point (use_pages)


def use_pages(pages: Sequence[PageSpec]) -> None:
    """Make the pages' declarations known to the app (the entry point, on every run: cheap and idempotent)."""
    if list(_PAGES.values()) != list(pages):
        _PAGES.clear()
        _PAGES.update((p.url_path, p) for p in sorted(pages, key=lambda p: p.position))


def declared_pages() -> list[PageSpec]:
    return list(_PAGES.values())


def page_path(url_path: str) -> str:
    """A page's file, for st.page_link: `ui.page_path("trade")`."""
    return _PAGES[url_path].path


def page_keys() -> dict[str, ALLOWED]:
    """Every page's own URL keys, with the values a link may give them."""
    return {key: allowed for page in _PAGES.values() for key, allowed in page.all_keys.items()}


def multi_keys() -> frozenset[str]:
    return frozenset(key for page in _PAGES.values() for key in page.multi)


def tab_keys() -> frozenset[str]:
    return frozenset(key for page in _PAGES.values() for key in page.tab_keys)


def defaulted_keys() -> frozenset[str]:
    return frozenset(key for page in _PAGES.values() for key in page.defaulted)
