"""kzcn in English, Russian and Chinese: the reader's language, its gettext catalogue and its locale.

Every text kzcn writes goes through `_` (or `ngettext` where a number decides the form) at the moment it is
shown, so one process serves readers in all three languages at once. Texts defined at import time (tab names,
choices, column descriptions) are marked with `N_` and translated where they are shown.

The language of a run is a context variable the entry point sets from the URL (`?lang=ru`) before anything is
drawn; outside the app (tests, the CLI) it is English. Catalogues are the `.po` files in `src/kzcn/locale/`
and the `.mo` files `scripts/i18n.sh compile` builds from them with Babel, committed beside them like data/'s
parquet files, so a fresh checkout, an install and a deployed copy all run without a compile step
(tests/test_i18n.py fails on a `.mo` that no longer matches its `.po`; docs/i18n.md says how to translate).
"""

from __future__ import annotations

import gettext
import io
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DEFAULT = "en"
# the languages a link may ask for, each named in itself (the switch shows the code; its help the names)
LANGUAGES = {"en": "English", "ru": "Русский", "zh": "中文"}
DOMAIN = "kzcn"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_log = logging.getLogger(__name__)
_current: ContextVar[str] = ContextVar("kzcn_language", default=DEFAULT)


def current() -> str:
    """The language of this run: 'en', 'ru' or 'zh'."""
    return _current.get()


def use(lang: str) -> None:
    """Make `lang` the language of this run (the entry point calls this before drawing anything)."""
    _current.set(lang if lang in LANGUAGES else DEFAULT)


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Run a block in another language (e.g. to name a choice as a link in that language wrote it)."""
    token = _current.set(lang if lang in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`: its compiled .mo file; if that is missing or unreadable, its .po compiled in
    memory (with a warning in the server's log); English, or neither file: no catalogue (English)."""
    if lang == DEFAULT:
        return gettext.NullTranslations()
    try:
        with mo_path(lang).open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except Exception as error:  # missing, truncated, a corrupt header (charset, plural forms): gettext's errors vary
        path = po_path(lang)
        _log.warning("The %s catalogue %s could not be read (%s): %s instead", LANGUAGES.get(lang, lang),
                     mo_path(lang), error, path if path.exists() else "English")
        return compile_po(path, lang) if path.exists() else gettext.NullTranslations()


def compile_po(path: Path, lang: str) -> gettext.GNUTranslations:
    """A .po file compiled in memory, exactly as `write_compiled` writes it."""
    return gettext.GNUTranslations(io.BytesIO(compiled_mo(path, lang)))


def compiled_mo(path: Path, lang: str) -> bytes:
    """The .mo file's bytes for a .po file (Babel's write_mo)."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)  # a fuzzy (unchecked) translation is never shown
    return buffer.getvalue()


def write_compiled() -> list[Path]:
    """Write each language's .mo from its .po (`scripts/i18n.sh compile`); returns the files written.

    Babel's own `pybabel compile` writes the same catalogue, but its python-format check misreads Plotly's
    `%{x}` hover fields as printf placeholders; tests/test_i18n.py checks every placeholder instead."""
    written = []
    for lang in LANGUAGES:
        if lang != DEFAULT and po_path(lang).exists():
            mo_path(lang).write_bytes(compiled_mo(po_path(lang), lang))
            written.append(mo_path(lang))
    return written


def _(message: str) -> str:
    """`message` in the reader's language (English where no translation exists)."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted text that fits `n` in the reader's language (Russian has three)."""
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` as used in `context`, for a word that translates differently in different places."""
    return translations(_current.get()).pgettext(context, message)


def translator(lang: str | None = None) -> Callable[[str], str]:
    """`_` bound to this run's language (or `lang`), for a widget's format_func: Streamlit may call it outside
    the run (AppTest does), where the run's language is not set."""
    return translations(lang or _current.get()).gettext


def N_(message: str) -> str:
    """Mark a text for translation where it is defined; `_` translates it where it is shown."""
    return message


def locale(lang: str | None = None) -> Locale:
    """The Babel locale of a language (for numbers, dates and country names)."""
    return _locale(lang or _current.get())


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse({"zh": "zh_Hans_CN"}.get(lang, lang))
