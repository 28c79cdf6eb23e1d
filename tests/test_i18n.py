"""The message catalogues: every message kzcn writes is translated in Russian and Chinese, none is stale, and
each translation keeps the placeholders and markup of its English (docs/i18n.md)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kzcn import fmt, i18n

ROOT = Path(__file__).resolve().parents[1]
LANGS = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]


def _messages_in_code() -> dict[str, tuple[str, ...]]:
    """msgid (or msgctxt\\x04msgid) -> its forms, as `pybabel extract` with babel.cfg finds them."""
    found: dict[str, tuple[str, ...]] = {}
    for folder, pattern in ((ROOT / "src" / "kzcn", "**.py"), (ROOT / "app_pages", "**.py")):
        for _file, _line, message, _comments, context in extract_from_dir(folder, [(pattern, "python")]):
            forms = message if isinstance(message, tuple) else (message,)
            found[(context + "\x04" if context else "") + forms[0]] = forms
    for _file, _line, message, _comments, context in extract_from_dir(ROOT, [("dashboard.py", "python")]):
        forms = message if isinstance(message, tuple) else (message,)
        found[(context + "\x04" if context else "") + forms[0]] = forms
    return found


@pytest.fixture(scope="module")
def in_code() -> dict[str, tuple[str, ...]]:
    return _messages_in_code()


def _catalog(lang: str):
    with i18n.po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


def _key(message) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return (message.context + "\x04" if message.context else "") + msgid


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


MARKUP = re.compile(r"\*\*|:material/[a-z_]+:|<br>|%\{[^}]*\}|\n")
# A line break inside a paragraph is no markup: Markdown draws it as a space (the English wraps its source lines;
# Chinese must not, or a space shows after its punctuation: "估价。 进口方"). A list item's or a blank line's is.
SOFT_BREAK = re.compile(r"(?<!\n)\n(?![ ]*(?:[-*+] |\d+\. |#|>|\n))[ ]*")
CJK = "\u3000-\u303f\uff00-\uffef\u4e00-\u9fff"


def test_code_has_messages(in_code: dict[str, tuple[str, ...]]) -> None:
    assert len(in_code) > 100  # the extraction finds the code's messages (a wrong path would find none)


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_translated_and_none_stale(lang: str, in_code: dict[str, tuple[str, ...]]) -> None:
    catalog = _catalog(lang)
    messages = {_key(m): m for m in catalog if m.id}
    missing = sorted(k for k in in_code if k not in messages)
    untranslated = sorted(k for k, m in messages.items() if k in in_code and (
        not m.string or (isinstance(m.string, tuple) and not all(m.string))))
    fuzzy = sorted(k for k, m in messages.items() if m.fuzzy)
    stale = sorted(k for k in messages if k not in in_code)
    assert not missing, f"{lang}: not in the catalogue (run scripts/i18n.sh update): {missing[:10]}"
    assert not untranslated, f"{lang}: not translated: {untranslated[:10]}"
    assert not fuzzy, f"{lang}: fuzzy (changed English, translation unchecked): {fuzzy[:10]}"
    assert not stale, f"{lang}: no longer in the code (run scripts/i18n.sh update): {stale[:10]}"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_placeholders_and_markup(lang: str) -> None:
    problems = []
    for m in _catalog(lang):
        if not m.id or not m.string:
            continue
        english = m.id if isinstance(m.id, tuple) else (m.id,)
        translated = m.string if isinstance(m.string, tuple) else (m.string,)
        want = set().union(*(_fields(e) for e in english))
        for text in translated:
            try:
                got = _fields(text)
            except ValueError as exc:  # an unbalanced brace
                problems.append(f"{english[0]!r}: {exc}")
                continue
            # a plural form may leave out the count ({n}) where the language says "one" in words
            if got - want or (want - got) - {"n", "count"}:
                problems.append(f"{english[0]!r}: placeholders {sorted(want)} vs {sorted(got)} in {text!r}")
            if sorted(MARKUP.findall(SOFT_BREAK.sub(" ", english[0]))) != sorted(
                    MARKUP.findall(SOFT_BREAK.sub(" ", text))):
                problems.append(f"{english[0]!r}: markup differs in {text!r}")
    assert not problems, f"{lang}: " + "\n".join(problems[:15])


@pytest.mark.parametrize("lang", LANGS)
def test_bold_in_a_translation_renders_as_bold(lang: str) -> None:
    """CommonMark closes `**` only where the run is right-flanking: `**所涉数据：**贸易额` (a full-width colon
    inside, a letter right after) shows its asterisks. Each translation with `**` is rendered as Streamlit's
    markdown renders it (CommonMark), its placeholders filled with a word, and no `**` may be left."""
    render = MarkdownIt("commonmark").renderInline
    word = {"ru": "слово", "zh": "贸易额"}[lang]
    left = []
    for m in _catalog(lang):
        for text in (m.string if isinstance(m.string, tuple) else (m.string,)):
            if text and "**" in text:
                filled = re.sub(r"\{[^{}]*\}", word, text)
                if "**" in render(filled):
                    left.append(filled)
    assert not left, f"{lang}: " + "\n".join(left[:10])


@pytest.mark.parametrize("lang", LANGS)
def test_the_committed_mo_is_its_po_compiled(lang: str) -> None:
    """The app reads the .mo: after editing a .po, `scripts/i18n.sh compile` must follow (this fails until it does)."""
    assert i18n.mo_path(lang).read_bytes() == i18n.compiled_mo(i18n.po_path(lang), lang)


@pytest.mark.parametrize("damage", ["missing", "corrupt", "bad charset"])
def test_a_missing_or_corrupt_mo_falls_back_to_its_po(damage: str, tmp_path: Path, monkeypatch, caplog) -> None:
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "kzcn.po").write_bytes(i18n.po_path("ru").read_bytes())
    if damage == "corrupt":
        (folder / "kzcn.mo").write_bytes(b"\xde\x12\x04\x95 not a catalogue")
    elif damage == "bad charset":  # a well-formed file whose header names a charset Python does not know
        good = i18n.compiled_mo(i18n.po_path("ru"), "ru")
        (folder / "kzcn.mo").write_bytes(good.replace(b"charset=utf-8", b"charset=utf-9"))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        with i18n.language("ru"):
            assert i18n._("Trade") == "Торговля"
    finally:
        i18n.translations.cache_clear()
    assert "could not be read" in caplog.text


def test_english_is_the_default_and_unknown_falls_back() -> None:
    assert i18n.current() == "en"
    with i18n.language("xx"):
        assert i18n.current() == "en"


@pytest.mark.parametrize("lang", LANGS)
def test_a_translated_message_is_shown_in_its_language(lang: str) -> None:
    catalog = _catalog(lang)
    sample = next(m for m in catalog if m.id and isinstance(m.id, str) and m.string and m.string != m.id)
    with i18n.language(lang):
        assert i18n._(sample.id) == sample.string
    assert i18n._(sample.id) == sample.id  # English outside the block


def test_numbers_follow_the_locale() -> None:
    assert fmt.usd(30.12e9) == "$30.1 bn"
    with i18n.language("ru"):
        assert fmt.usd(30.12e9) == "30,1\xa0млрд\xa0$"
        assert fmt.pct(-4.71) == "−4,7\xa0%"
    with i18n.language("zh"):
        assert fmt.usd(30.12e9) == "US$301.2亿"


@given(st.sampled_from(["ru", "zh"]), st.floats(min_value=1e6, max_value=1e14), st.sampled_from([1, -1]),
       st.integers(0, 2))
def test_compact_dollars_keep_their_decimals_in_every_language(lang: str, value: float, sign: int,
                                                               digits: int) -> None:
    """English writes $1.0 bn; Babel's compact format wrote 1 млрд $ and US$10亿 (trailing zeros dropped), so the
    same figure read with a decimal in one language and without it in another."""
    with i18n.language(lang):
        text = fmt.usd(sign * value, digits)
        decimal = i18n.locale().number_symbols["latn"]["decimal"]
    number = re.search(r"\d[\d\u00a0,.]*\d|\d", text).group()
    fraction = number.rsplit(decimal, 1)[1] if decimal in number else ""
    assert len(fraction) == digits and fraction.isdigit() == (digits > 0), text
    assert text.startswith("−") == (sign < 0)


def test_compact_dollars_in_russian_and_chinese_show_a_whole_number_with_its_decimal() -> None:
    with i18n.language("ru"):
        assert fmt.usd(1e9) == "1,0\xa0млрд\xa0$" and fmt.usd(28e9, 0) == "28\xa0млрд\xa0$"
        assert fmt.usd(999.96e6) == "1\xa0000,0\xa0млн\xa0$"
    with i18n.language("zh"):
        assert fmt.usd(1e9) == "US$10.0亿" and fmt.usd(4.5e8) == "US$4.5亿"


def _sprintf_whole_grouped(spec: str, value: int) -> str:
    """What Streamlit's sprintf-js does with a format "<prefix>%'<X>,.0f<suffix>": the digits grouped by X."""
    match = re.fullmatch(r"(?s)(.*?)%'(.),\.0f(.*)", spec)
    assert match, spec
    prefix, group, suffix = match.groups()
    return prefix.replace("%%", "%") + f"{value:,}".replace(",", group) + suffix.replace("%%", "%")


@pytest.mark.parametrize(("lang", "shown"), [("en", "$1,234,567"), ("ru", "1\xa0234\xa0567\xa0$"),
                                             ("zh", "US$1,234,567")])
def test_a_table_dollar_column_follows_the_locale(lang: str, shown: str) -> None:
    """The Data & sources tables format their dollars in the browser: the format string must give the locale's."""
    with i18n.language(lang):
        assert _sprintf_whole_grouped(fmt.dollar_column(), 1_234_567) == shown


@given(st.text(alphabet="абв 2023", min_size=1, max_size=20))
def test_a_sentence_ending_in_an_abbreviation_keeps_one_full_stop(words: str) -> None:
    """"No source gives {period}." with the period «январь–ноябрь 2023 г.» read «2023 г.. Весь…»; an ellipsis stays."""
    said = fmt.sentences(f"Нет данных за {words} г..", "Весь 2023 год.")
    assert ".." not in said.replace("...", "") and said.endswith("г. Весь 2023 год.")
    assert fmt.sentences("Продолжение следует...", "Да.") == "Продолжение следует... Да."


def test_chinese_text_has_no_space_a_line_break_would_draw() -> None:
    """Chinese puts no space between sentences or after its punctuation; a line break inside a paragraph draws one
    ("…记录。 因此…"), and so does a space after a bold heading ("**估价。** 进口方"), which Chinese avoids with the
    stop after the bold ("**估价**。进口方")."""
    spaced = re.compile(rf"[{CJK}]\n(?![ ]*(?:[-*+] |\d+\. |#|>|\n))|。\*\* ")
    found = [s for m in _catalog("zh") if m.id and m.string
             for s in (m.string if isinstance(m.string, tuple) else (m.string,)) if spaced.search(s)]
    assert not found, found[:5]
