"""Source lines computed from the rows a view shows: never typed by hand, so they cannot drift from the data."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from kzcn import fmt
from kzcn.i18n import N_, _, ngettext, pgettext


def source_ids(*frames: pd.DataFrame, columns: Iterable[str] = ("source_id", "check_source_id")) -> list[str]:
    """Distinct source ids used by the given frames, in first-seen order (ids joined by ", " are split)."""
    seen: dict[str, None] = {}
    for frame in frames:
        for column in columns:
            if column not in frame.columns:
                continue
            for cell in frame[column].dropna().astype(str):
                for sid in cell.split(", "):
                    if sid:
                        seen.setdefault(sid, None)
    return list(seen)


def cite(ids: Iterable[str], sources: pd.DataFrame, *, limit: int = 4, bare: bool = False) -> str:
    """A short source note: the publishers behind the rows, how many of their documents, press counted apart.

    Titles, URLs and files are one click away on the Data & sources page; a chart's foot names who published
    the figures and labels press reports as press. `bare`: only the list, for a caption under a number.
    The words are in the language of the run (a cache of the result must key on it); publishers are named as the
    sources table has them.
    """
    table = sources.set_index("source_id")
    ids = [i for i in ids if i in table.index]
    if not ids:
        return ""
    official: dict[str, int] = {}
    press = 0
    for sid in ids:
        row = table.loc[sid]
        if row["kind"] == "press":
            press += 1
        else:
            official[str(row["publisher"])] = official.get(str(row["publisher"]), 0) + 1
    # TRANSLATORS: a publisher and how many of its documents a chart's figures come from
    parts = [ngettext("{publisher} ({n} document)", "{publisher} ({n} documents)", count).format(
                 publisher=publisher, n=count) if count > 1 else publisher
             for publisher, count in list(official.items())[:limit]]
    if len(official) > limit:
        more = len(official) - limit
        parts.append(ngettext("{n} more publishers", "{n} more publishers", more).format(n=more))
    if press:
        parts.append(ngettext("{n} press report (rounded figures)", "{n} press reports (rounded figures)",
                              press).format(n=press))
    # TRANSLATORS: what separates the items of a list in a note ("a; b"); Chinese: a full-width semicolon
    listed = pgettext("list separator", "; ").join(parts)
    if bare:
        return listed
    if len(parts) > 1:
        return _("Sources: {sources}. Details: Data & sources page.").format(sources=listed)
    return _("Source: {sources}. Details: Data & sources page.").format(sources=listed)


TRANSLATION_SOURCE = "kzcn-translation"  # sources.csv: kzcn's own translations, never an official text

# kzcn's own words in the Sources table, translated like the rest of its text (ui.data.localised_publishers): its
# own rows' publisher and title, and the words it joins two publishers' names with. The names inside stay as the
# publishers print them. A row whose text changes is shown in English until its message is translated again.
OWN_WORDS = frozenset((
    N_("kzcn project"),
    N_("kzcn project (research compilation)"),
    N_("kzcn project (own translation)"),
    N_("World Bank, World Integrated Trade Solution (WITS); data: United Nations Statistics Division (UN Comtrade)"),
    N_("Embassy of the PRC in Kazakhstan, published by chinastudies.kz"),
    N_("World Customs Organization (WCO), Harmonized System; titles as published in open datasets"),
    N_("World Customs Organization (WCO), Harmonized System; the list UN Comtrade publishes for its API, packaged "
       "by Datahub"),
    N_("Eurasian Economic Commission (ТН ВЭД ЕАЭС); classifier file published by the Federal Tax Service of Russia "
       "(ФНС России)"),
    N_("China–Kazakhstan events, 1990–2025: the research table's 116 dated events and 2 events of 2023 added in "
       "kzcn's review"),
    N_("Figures computed by kzcn from the other sources (e.g. sums, turnover = exports + imports)"),
    # kzcn's descriptions of the extracts it took from a database (the databases print no title for them)
    N_("UN Comtrade: Kazakhstan as reporter, partners World and China, imports and exports, HS chapters 26, 28, 72, "
       "74, 78, 79, 81 and TOTAL, 2014–2024"),
    N_("UN Comtrade: China as reporter, partners World and Kazakhstan, imports and exports, HS chapters 26, 28, 72, "
       "74, 78, 79, 81 and TOTAL, 2014–2024"),
    N_("BACI (HS 2002, release V202301): Kazakhstan's exports in 2021 by HS6 product to China, Russia, Germany, "
       "United Kingdom and Greece"),
    N_("UN Comtrade via WITS: Kazakhstan's exports to China by HS4 heading (HS 2012 as converted by WITS), "
       "2015–2024, as reported by Kazakhstan"),
    N_("UN Comtrade via WITS: Kazakhstan's imports from China by HS4 heading (HS 2012 as converted by WITS), "
       "2015–2024, as reported by Kazakhstan"),
    N_("UN Comtrade via WITS: Kazakhstan's exports to the World by HS4 heading (HS 2012 as converted by WITS), "
       "2015–2024, as reported by Kazakhstan"),
    N_("UN Comtrade via WITS: Kazakhstan's imports from the World by HS4 heading (HS 2012 as converted by WITS), "
       "2015–2024, as reported by Kazakhstan"),
    N_("kzcn's own Russian and Chinese translations of HS chapter titles and HS4 heading names, of its event texts "
       "and of its notes on the speech's claims and passages (not an official text)"),
))


def names_note(names: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    """Where the HS chapter names shown in `lang` come from: the published nomenclature, and which chapters are
    kzcn's own translation (hs_chapter_names: hs_chapter, lang, name, source_id). Empty for English."""
    mine = names[names["lang"] == lang]
    if mine.empty:
        return ""
    ours = sorted(mine.loc[mine["source_id"] == TRANSLATION_SOURCE, "hs_chapter"])
    publisher = _published_by(mine, sources)
    if publisher is None:
        return _("The HS chapter names in this language are kzcn's own translation of the HS titles: no published "
                 "list in this language was found.")
    if not ours:
        return _("HS chapter names as published in the nomenclature: {publisher}.").format(publisher=publisher)
    return ngettext("HS chapter names as published in the nomenclature: {publisher}; chapter {chapters}: kzcn's "
                    "own translation.",
                    "HS chapter names as published in the nomenclature: {publisher}; chapters {chapters}: kzcn's "
                    "own translation.", len(ours)).format(publisher=publisher, chapters=fmt.commas(ours))


def heading_names_note(names: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    """Where the HS4 heading names shown in `lang` come from, as names_note says it of the chapters
    (hs_heading_names: hs_heading, lang, name, source_id): how many are the published nomenclature's and how many
    kzcn's own translation. Empty for English."""
    mine = names[names["lang"] == lang]
    if mine.empty:
        return ""
    ours = int((mine["source_id"] == TRANSLATION_SOURCE).sum())
    publisher = _published_by(mine, sources)
    if publisher is None:
        return _("The HS4 heading names in this language are kzcn's own translation of the HS names: no published "
                 "list in this language was found.")
    return ngettext("HS4 heading names as published in the nomenclature: {publisher}; {count} heading it does not "
                    "name on its own: kzcn's own translation.",
                    "HS4 heading names as published in the nomenclature: {publisher}; {count} headings it does not "
                    "name on its own: kzcn's own translation.", ours).format(publisher=publisher, count=ours)


def _published_by(names: pd.DataFrame, sources: pd.DataFrame) -> str | None:
    """The publishers of the names that are not kzcn's own translation ("A; B"), or None if all are kzcn's."""
    official = [sid for sid in dict.fromkeys(names["source_id"]) if sid != TRANSLATION_SOURCE]
    if not official:
        return None
    return "; ".join(str(p) for p in sources.set_index("source_id").loc[official, "publisher"])
