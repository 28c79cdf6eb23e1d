"""The dashboard's pages, one file each. A page declares itself at its top (`PAGE = ui.PageSpec(...)`: address,
title, the shared filters it applies, its own URL keys) and draws only when Streamlit runs it as a page
(`if __name__ == "__main__":`), so the entry point can read every declaration before any page runs."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from kzcn.ui.pages import PageSpec


@cache  # once per process: the entry point asks on every run
def declared() -> tuple[PageSpec, ...]:
    """Every page's declaration, in navigation order: each module of this package (each must declare a PAGE)."""
    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    return tuple(sorted((m.PAGE for m in modules), key=lambda page: page.position))
