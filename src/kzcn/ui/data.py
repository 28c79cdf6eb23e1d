"""The shipped datasets and what is derived once from them: read and schema-checked once per process, shared
read-only by every session; the same frames with their text in the reader's language; goods names, the speech's
passages and its claims checked again in the reader's language.

Functions taking `folder` and `lang` (shared_datasets, localised, frames_in, names_in, claims_in) are the caches the
other ui modules build on; pages use what kzcn.ui exports.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd
import streamlit as st

from kzcn import claims, curated, datasets, fmt, i18n, provenance, sectors, speechview
from kzcn.errors import DatasetError
from kzcn.i18n import N_, _
from kzcn.paths import data_dir
from kzcn.schemas import DATASETS


@st.cache_resource(show_spinner=False)
def shared_datasets(folder: str) -> dict[str, pd.DataFrame]:
    """Every dataset, read and schema-checked once per process and folder (files change only on a redeploy).

    Held once per process and shared by every session (cache_resource: no copy per call, which cost ~9 ms each
    time a page asked for the data). Callers get shallow copies (see load_all). A failure is not cached: once the
    file is fixed, the next visitor gets the data without a restart.
    """
    return {name: datasets.load(name, Path(folder)) for name in DATASETS}


def load_all() -> dict[str, pd.DataFrame]:
    """The shared datasets as shallow copies: with pandas' copy-on-write, nothing a page does to its frames
    (new columns, changed cells) can reach the shared ones or another session."""
    return {name: frame.copy(deep=False) for name, frame in shared_datasets(str(data_dir())).items()}


@st.cache_resource(show_spinner=False, max_entries=8)
def localised(folder: str, lang: str) -> dict[str, pd.DataFrame]:
    """The datasets with the text a reader sees in `lang`: event titles, summaries and cities (kzcn's translation),
    HS chapter names (official nomenclatures where published) and publishers' own names. The datasets themselves
    (the Data & sources page, downloads) stay as shipped."""
    frames = shared_datasets(folder)
    if lang == i18n.DEFAULT:
        return frames
    return {**frames, "events": localised_events(frames["events"], frames["event_translations"], lang),
            "hs_chapters": localised_chapters(frames["hs_chapters"], frames["hs_chapter_names"], lang),
            "hs_headings": localised_headings(frames["hs_headings"], frames["hs_heading_names"], lang),
            "sources": localised_publishers(frames["sources"], frames["publisher_names"], lang)}


def localised_events(events: pd.DataFrame, translations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Events with title, summary, city and participants (curated.TRANSLATED) in `lang` where translated (the
    English otherwise), and their countries named as CLDR names them in `lang`."""
    mine = translations[translations["lang"] == lang].set_index("event_id")
    out = events.copy()
    for col in curated.TRANSLATED:
        translated = out["event_id"].map(mine[col]) if col in mine else pd.Series(pd.NA, index=out.index)
        out[col] = translated.where(translated.notna() & (translated.astype(str) != ""), out[col])
    out["country"] = out["country"].map(lambda text: localised_countries(text, lang))
    return out


def localised_countries(text: object, lang: str) -> object:
    """"Kazakhstan/China (border)" in `lang`: each country CLDR names in English named as it does in `lang`; any
    other word (the border note) as kzcn's catalogue translates it."""
    if not isinstance(text, str) or not text:
        return text
    names, _unused, note = text.partition(" (")
    codes = _territory_codes()
    shown = "/".join(i18n.locale(lang).territories.get(codes.get(n), n) for n in names.split("/"))
    if not note:
        return shown
    with i18n.language(lang):
        return f"{shown} ({_(note.rstrip(')'))})"


COUNTRY_NOTES = (N_("border"),)  # what events.csv writes after a country, "Kazakhstan/China (border)"


@st.cache_resource(show_spinner=False)
def _territory_codes() -> dict[str, str]:
    """English CLDR country name -> its code."""
    return {name: code for code, name in i18n.locale("en").territories.items() if code.isalpha()}


def localised_chapters(chapters: pd.DataFrame, names: pd.DataFrame, lang: str) -> pd.DataFrame:
    """HS chapters with their names in `lang` where the data has them (the English name otherwise)."""
    mine = names[names["lang"] == lang].set_index("hs_chapter")["name"].map(sentence_case)
    return chapters.assign(chapter_name=chapters["hs_chapter"].map(mine).fillna(chapters["chapter_name"]))


def localised_headings(headings: pd.DataFrame, names: pd.DataFrame, lang: str) -> pd.DataFrame:
    """HS4 headings with their names in `lang` where the data has them (the English name otherwise, or none where
    the HS list has none)."""
    mine = names[names["lang"] == lang].set_index("hs_heading")["name"].map(sentence_case)
    return headings.assign(heading_name=headings["hs_heading"].map(mine).fillna(headings["heading_name"]))


def sentence_case(name: str) -> str:
    """A name published in capitals (the ТН ВЭД's) in sentence case, as the English names are shown: Cyrillic
    letters after the first made small; Latin words (genus names such as PIPER, CAPSICUM) kept as published, since
    the case of a scientific name cannot be guessed. Runs of spaces made one."""
    name = " ".join(name.split())
    if not name.isupper():
        return name
    return name[:1] + "".join(ch.lower() if "\u0400" <= ch <= "\u04ff" else ch for ch in name[1:])


def localised_publishers(sources: pd.DataFrame, names: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Sources with each publisher's own name in `lang` where it publishes one (the English otherwise), and kzcn's
    own words in them (provenance.OWN_WORDS: its own rows, the words joining two names) in kzcn's translation."""
    mine = dict(zip(names.loc[names["lang"] == lang, "publisher"], names.loc[names["lang"] == lang, "name"],
                    strict=True))
    with i18n.language(lang):
        def own(text: object) -> object:
            return _(text) if text in provenance.OWN_WORDS else text

        return sources.assign(publisher=[mine.get(p) or own(p) for p in sources["publisher"]],
                              title=[own(t) for t in sources["title"]])


def chapter_names_note() -> str:
    """Where the HS chapter and heading names the reader sees come from (provenance.names_note and
    heading_names_note); empty in English."""
    return _chapter_names_note(str(data_dir()), i18n.current())


@st.cache_data(show_spinner=False, max_entries=8)
def _chapter_names_note(folder: str, lang: str) -> str:
    frames = localised(folder, lang)
    with i18n.language(lang):
        return fmt.sentences(provenance.names_note(frames["hs_chapter_names"], frames["sources"], lang),
                             provenance.heading_names_note(frames["hs_heading_names"], frames["sources"], lang))


class Copies(Mapping[str, pd.DataFrame]):
    """The shared datasets, each handed out as a shallow copy (see load_all) the first time a page asks for it:
    a page reads a few of them, and copying all 35 on every rerun cost ~3 ms."""

    def __init__(self, shared: Mapping[str, pd.DataFrame]) -> None:
        self._shared, self._copies = shared, {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._copies:
            self._copies[name] = self._shared[name].copy(deep=False)
        return self._copies[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._shared)

    def __len__(self) -> int:
        return len(self._shared)


def data() -> Mapping[str, pd.DataFrame]:
    """The datasets, text in the reader's language, as shallow copies (see load_all); or a clear error page naming
    the broken file (the server keeps serving)."""
    try:
        return Copies(localised(str(data_dir()), i18n.current()))
    except DatasetError as exc:
        st.error(_("The dashboard cannot start: {file}: {problem}").format(file=exc.file, problem=exc.problem),
                 icon=":material/error:")
        st.caption(_("Whoever runs this dashboard can rebuild the data with `python -m kzcn.build` "
                     "(see the README). Nothing was changed."))
        st.stop()
        raise  # unreachable: st.stop() ends the run


@st.cache_resource(show_spinner=False)
def names_in(folder: str, lang: str) -> sectors.Names:  # frozen, shared read-only
    """Sector, chapter and heading names of `folder` in `lang` (goods_names for the current folder and language)."""
    frames = localised(folder, lang)
    return sectors.Names.of(frames["hs_chapters"], frames["hs_headings"])


def goods_names() -> sectors.Names:
    """Sector, chapter and heading names, chapters in the reader's language (cached per data folder)."""
    return names_in(str(data_dir()), i18n.current())


def speech_passages() -> list[speechview.PassageView]:
    """The address's passages with their events and claims, ready to show (cached per data folder and language)."""
    return _speech_passages(str(data_dir()), i18n.current())


@st.cache_resource(show_spinner=False)
def _speech_passages(folder: str, lang: str) -> list[speechview.PassageView]:  # frozen views, shared read-only
    frames = localised(folder, lang)
    passages = localised_passages(frames["passages"], frames["text_translations"], lang)
    return speechview.passage_views(passages, claims_in(folder, lang), frames["events"])


def translated_texts(translations: pd.DataFrame, table: str, lang: str) -> dict[tuple[str, str], str]:
    """kzcn's own translations of its English in `table` (the text_translations dataset) into `lang`:
    (key, the English translated) -> the translation. Keyed by the English too, so a text whose English is no
    longer the one translated is never given another's translation."""
    mine = translations[(translations["table"] == table) & (translations["lang"] == lang)]
    return dict(zip(zip(mine["key"], mine["text_en"], strict=True), mine["text"], strict=True))


def localised_passages(passages: pd.DataFrame, translations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Passages with kzcn's split notes in `lang` where translated (the English otherwise); the passages' text is
    the address and is never translated."""
    mine = translated_texts(translations, "passages", lang)
    notes = [mine.get((p, n), n) if isinstance(n, str) else n
             for p, n in zip(passages["passage_id"], passages["split_note"], strict=True)]
    return passages.assign(split_note=pd.Series(notes, index=passages.index, dtype=object))


def checked_claims(frames: Mapping[str, pd.DataFrame], shown_events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The shipped claims checked again, with the check and arguments they ship with, their notes and bases in
    `lang`: the events named as `shown_events` names them (localised_events) and kzcn's own reasons as kzcn
    translated them (text_translations). Verdicts, values and sources are the same in every language; in English
    the notes are the shipped ones, byte for byte."""
    with i18n.language(lang):
        return claims.check(frames["claims"], frames["trade_annual"], frames["press_figures"], frames["events"],
                            frames["trade_partners"], shown_events=shown_events,
                            reasons=translated_texts(frames["text_translations"], "claims", lang))


@st.cache_resource(show_spinner=False, max_entries=8)
def claims_in(folder: str, lang: str) -> pd.DataFrame:  # shared read-only
    """The claims as the speech page shows them in `lang`: the shipped ones in English (checked in English by the
    build), checked again in Russian or Chinese (checked_claims), once per process, data folder and language."""
    frames = shared_datasets(folder)
    if lang == i18n.DEFAULT:
        return frames["claims"]
    return checked_claims(frames, localised(folder, lang)["events"], lang)


def data_folder() -> str:
    """The data folder as the caches key on it (a string: kzcn.paths.data_dir, which tests and deploys may move)."""
    return str(data_dir())


ALL_YEARS = (-10_000, 10_000)


def cut_to_years(frame: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """The rows of a frame computed for every year that fall in `years` (same order, fresh index)."""
    return frame[frame["year"].between(*years)].reset_index(drop=True)


def frames_in(folder: str, lang: str, *names: str) -> tuple[pd.DataFrame, ...]:
    """These datasets of `folder`, with their text in `lang` (localised), shared read-only."""
    d = localised(folder, lang)
    return tuple(d[n] for n in names)


GOODS = ("trade_products", "trade_headings", "product_coverage", "product_completeness")
