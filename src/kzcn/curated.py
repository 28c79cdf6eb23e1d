"""The curated tables kzcn writes by hand (data/curated/*.csv) and the speech text, read into datasets.

Curated CSVs hold lists as `; `-separated text (` | ` for URLs) so they stay easy to review in a diff.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from kzcn.claims import described_texts, own_texts  # the one reader of the check arguments
from kzcn.errors import SourceFormatError, ValidationError
from kzcn.paths import curated_dir
from kzcn.schemas import NAME_LANGS, SPEECH_SOURCE_ID, TRANSLATED_TEXTS, TRANSLATION_SOURCE_ID
from kzcn.validate import check_urls


def _csv(name: str, folder: Path | None = None) -> pd.DataFrame:
    path = (folder or curated_dir()) / name
    if not path.exists():
        raise SourceFormatError(str(path), "curated table is missing")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _list(cell: str, sep: str = ";") -> list[str]:
    return [part.strip() for part in str(cell).split(sep) if part.strip()]


def _none(cell: str) -> str | None:
    return cell if cell.strip() else None


def sources(folder: Path | None = None) -> pd.DataFrame:
    """The curated sources; every `url` and `download_page` is a plain web address or says "(no … page …)"."""
    frame = _csv("sources.csv", folder)
    check_urls("sources", frame, ("url", "download_page"), placeholders=True)
    for col in ("accessed", "cited_from", "licence", "file", "notes"):
        frame[col] = frame[col].map(_none)
    return frame


def hs_chapters(folder: Path | None = None) -> pd.DataFrame:
    frame = _csv("hs_chapters.csv", folder)
    frame["source_id"] = "hs-nomenclature"
    return frame


def _label(name: str, folder: Path | None) -> str:
    """How an error names a curated file: its place in the repository, or its path in a folder given by a test."""
    return f"data/curated/{name}" if folder is None else str(folder / name)


def _names(name: str, key: str, keys: Iterable[str], keys_from: str, source_ids: Iterable[str],
           folder: Path | None) -> tuple[pd.DataFrame, dict[tuple[str, str], int]]:
    """Read a names table (key, lang, name, source_id) and check every row; return it and where each (key, lang) is.

    A row fails, naming file, row (the CSV line) and column, on: a language outside NAME_LANGS, a key not among
    `keys` (those of the table `keys_from`), an empty name or one with spaces at either end, a source_id not in
    sources.csv, a second name for the same key and language.
    """
    file = _label(name, folder)
    frame = _csv(name, folder)
    columns = [key, "lang", "name", "source_id"]
    for column in columns:
        if column not in frame.columns:
            raise SourceFormatError(file, f"has no column {column!r} (expected {columns})")
    if list(frame.columns) != columns:
        raise SourceFormatError(file, f"columns are {list(frame.columns)}, expected {columns}")
    known, sources_known = set(keys), set(source_ids)
    seen: dict[tuple[str, str], int] = {}
    for i, row in frame.iterrows():
        line = int(i) + 2
        if row["lang"] not in NAME_LANGS:
            raise SourceFormatError(file, f"language {row['lang']!r} is not one of {list(NAME_LANGS)}", row=line,
                                    column="lang")
        if row[key] not in known:
            raise SourceFormatError(file, f"{key} {row[key]!r} is not in {keys_from}", row=line, column=key)
        if not row["name"].strip():
            raise SourceFormatError(file, "empty name", row=line, column="name")
        if row["name"] != row["name"].strip():
            raise SourceFormatError(file, f"name {row['name']!r} has spaces at its start or end", row=line,
                                    column="name")
        if row["source_id"] not in sources_known:
            raise SourceFormatError(file, f"unknown source {row['source_id']!r} (not in sources.csv)", row=line,
                                    column="source_id")
        at = (row[key], row["lang"])
        if at in seen:
            raise SourceFormatError(file, f"a second {row['lang']!r} name for {key} {row[key]!r} (the first is on "
                                    f"row {seen[at]})", row=line, column=key)
        seen[at] = line
    return frame, seen


def hs_chapter_names(chapters: Iterable[str], source_ids: Iterable[str], folder: Path | None = None) -> pd.DataFrame:
    """Every HS chapter's name in each of NAME_LANGS, exactly one per chapter and language, each with its source.

    `chapters`: the hs_chapter codes of hs_chapters.csv; `source_ids`: those of sources.csv. Besides the row checks
    (kzcn.curated._names), a chapter without a name in a language fails, naming the chapter and the language.
    """
    chapters = list(chapters)
    frame, seen = _names("hs_chapter_names.csv", "hs_chapter", chapters, "hs_chapters.csv", source_ids, folder)
    for chapter in chapters:
        for lang in NAME_LANGS:
            if (chapter, lang) not in seen:
                raise SourceFormatError(_label("hs_chapter_names.csv", folder),
                                        f"chapter {chapter} has no {lang!r} name (every chapter of hs_chapters.csv "
                                        "needs one in each language)", column="hs_chapter")
    return frame


_HEADING = re.compile(r"^\d{4}$")


def hs_heading_names(source_ids: Iterable[str], folder: Path | None = None) -> pd.DataFrame:
    """HS4 headings' names in Russian or Chinese, at most one per heading and language, each with its source.

    A heading must be four digits (that it is in the HS list the build reads is checked by check_heading_names,
    once that list is read); rows otherwise checked as in kzcn.curated._names. A heading without a name in a
    language is shown in English.
    """
    frame = _csv("hs_heading_names.csv", folder)
    codes = frame["hs_heading"] if "hs_heading" in frame.columns else pd.Series([], dtype=str)
    frame, _seen = _names("hs_heading_names.csv", "hs_heading", [c for c in codes if _HEADING.match(c)],
                          "the form of a heading (four digits)", source_ids, folder)
    frame.insert(1, "hs_chapter", frame["hs_heading"].str[:2])
    return frame


def check_heading_names(names: pd.DataFrame, headings: Iterable[str], folder: Path | None = None) -> None:
    """Every named heading is one of `headings` (hs_headings: the HS list and the headings the data holds)."""
    unknown = sorted(set(names["hs_heading"]) - set(headings))
    if unknown:
        raise SourceFormatError(_label("hs_heading_names.csv", folder), f"headings {', '.join(unknown[:10])} are "
                                "in no HS list kzcn reads (hs_headings)", column="hs_heading")


def publisher_names(publishers: Iterable[str], source_ids: Iterable[str], folder: Path | None = None) -> pd.DataFrame:
    """Publishers' own names in Russian or Chinese, for publishers of sources.csv that publish one (others are absent).

    `publishers`: the `publisher` values of sources.csv, which a row must match exactly; rows checked as in
    kzcn.curated._names.
    """
    frame, _ = _names("publisher_names.csv", "publisher", publishers, "sources.csv", source_ids, folder)
    return frame


_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def events(folder: Path | None = None) -> pd.DataFrame:
    """Events with month-only dates kept month-only (precision "month"), never given a made-up day."""
    frame = _csv("events.csv", folder)
    for i, row in frame.iterrows():
        for col in ("start", "end"):
            if not _DATE.match(row[col]):
                raise SourceFormatError("data/curated/events.csv", f"{row[col]!r} is not YYYY-MM-DD or YYYY-MM",
                                        row=int(i) + 2, column=col)
        if row["end"] < row["start"]:
            raise SourceFormatError("data/curated/events.csv", "end is before start", row=int(i) + 2,
                                    column="end")
    frame["precision"] = frame["start"].map(lambda s: "day" if len(s) == 10 else "month")
    frame["themes"] = frame["themes"].map(_list)
    frame["passage_ids"] = frame["passage_ids"].map(_list)
    frame["source_urls"] = frame["source_urls"].map(lambda c: _list(c, "|"))
    for col in ("city", "country", "participants", "disagreement", "source_note"):
        frame[col] = frame[col].map(_none)
    for col in ("lat", "lon"):
        frame[col] = pd.to_numeric(frame[col].replace("", None), errors="raise")
    frame["source_id"] = "events-research"
    return frame


# the event columns kzcn translates; each row keeps the English it translates as <col>_en
TRANSLATED = ("title", "summary", "city", "participants")
# a translated title or summary has at least one letter of its language's script (not the English pasted in)
_SCRIPT = {"ru": (re.compile(r"[А-Яа-яЁё]"), "Cyrillic letter"),
           "zh": (re.compile(r"[\u4e00-\u9fff]"), "Chinese character")}


def event_translations(folder: Path | None = None) -> pd.DataFrame:
    """kzcn's own Russian and Chinese of each event's title, summary, city and participants, checked against
    events.csv.

    All or nothing: every event has exactly one row per language in NAME_LANGS and no row names an unknown
    event; a text is translated exactly where the English has one (an event without a city has none in any
    language); and each row's <col>_en (title_en, summary_en, city_en, participants_en) is still the event's English
    in events.csv, so an
    edit of the English makes its translations fail the build as stale until they are translated again.
    """
    file = _label("events_i18n.csv", folder)
    frame = _csv("events_i18n.csv", folder)
    columns = ["event_id", "lang", *TRANSLATED, *(f"{col}_en" for col in TRANSLATED)]
    if list(frame.columns) != columns:
        raise SourceFormatError(file, f"columns are {list(frame.columns)}, expected {columns}")
    english = _csv("events.csv", folder).set_index("event_id")
    seen: set[tuple[str, str]] = set()
    for i, row in frame.iterrows():
        line, event, lang = int(i) + 2, row["event_id"], row["lang"]
        if lang not in NAME_LANGS:
            raise SourceFormatError(file, f"{lang!r} is not one of {list(NAME_LANGS)}", row=line, column="lang")
        if event not in english.index:
            raise SourceFormatError(file, f"event {event!r} is not in events.csv", row=line, column="event_id")
        if (event, lang) in seen:
            raise SourceFormatError(file, f"a second {lang} row for event {event!r}", row=line, column="lang")
        seen.add((event, lang))
        for col in TRANSLATED:
            now = english.at[event, col]
            if row[f"{col}_en"] != now:
                raise SourceFormatError(file, f"the {lang} {col} of event {event!r} is stale: {col}_en is not the "
                                        f"{col} events.csv now has ({now!r}); translate the new English and copy "
                                        f"it into {col}_en", row=line, column=f"{col}_en")
            if now.strip() and not row[col].strip():
                raise SourceFormatError(file, f"event {event!r} has no {lang} {col} though its English {col} is "
                                        f"{now!r}", row=line, column=col)
            if row[col].strip() and not now.strip():
                raise SourceFormatError(file, f"event {event!r} has a {lang} {col} but no English {col}",
                                        row=line, column=col)
        script, what = _SCRIPT[lang]
        for col in ("title", "summary"):
            if not script.search(row[col]):
                raise SourceFormatError(file, f"the {lang} {col} of event {event!r} has no {what}: still the "
                                        "English?", row=line, column=col)
    for event in english.index:
        missing = [lang for lang in NAME_LANGS if (event, lang) not in seen]
        if missing:
            raise SourceFormatError(file, f"event {event!r} has no {' or '.join(missing)} row: every event needs "
                                    f"one row per language {list(NAME_LANGS)}", column="lang")
    for col in ("city", "city_en", "participants", "participants_en"):
        frame[col] = frame[col].map(_none)
    frame["source_id"] = TRANSLATION_SOURCE_ID
    return frame


TEXT_COLUMNS = ["table", "key", "field", "lang", "text", "text_en"]
_TEXT_TABLES = {"claims": ("claims.csv", "claim_id", "claim"), "passages": ("passages.csv", "passage_id", "passage")}


def own_english(folder: Path | None = None) -> dict[tuple[str, str, str], list[str]]:
    """kzcn's own English in claims.csv and passages.csv, as texts_i18n.csv translates it: (table, key, field) ->
    the English texts (an events check may give several reasons), for every key of the two tables (a key with
    nothing to translate has an empty list)."""
    claims_, passages_ = _csv("claims.csv", folder), _csv("passages.csv", folder)
    english: dict[tuple[str, str, str], list[str]] = {
        ("claims", c, f): [] for c in claims_["claim_id"] for f in TRANSLATED_TEXTS["claims"]}
    english.update({("passages", p, f): [] for p in passages_["passage_id"] for f in TRANSLATED_TEXTS["passages"]})
    for claim, field, text in [*own_texts(claims_), *described_texts(claims_)]:
        if text not in english[("claims", claim, field)]:
            english[("claims", claim, field)].append(text)
    for passage, note in zip(passages_["passage_id"], passages_["split_note"], strict=True):
        if note.strip():
            english[("passages", passage, "split_note")].append(note)
    return english


def text_translations(folder: Path | None = None) -> pd.DataFrame:
    """kzcn's own Russian and Chinese of the English it wrote in claims.csv and passages.csv (own_english: the
    reasons of claims it does not check, the reasons after "not checked [...]:", passages' split notes).

    All or nothing, as event_translations: every English text has exactly one row per language in NAME_LANGS;
    a row names a known table, key (claim_id, passage_id) and field (schemas.TRANSLATED_TEXTS), a language, a
    text with a letter of its language's script, and in text_en the English it translates, which must still be
    one the curated table has for that key and field: an edit of the English makes its translations fail the
    build as stale until they are translated again. Every failure names the file, the row and the column.
    """
    file = _label("texts_i18n.csv", folder)
    frame = _csv("texts_i18n.csv", folder)
    if list(frame.columns) != TEXT_COLUMNS:
        raise SourceFormatError(file, f"columns are {list(frame.columns)}, expected {TEXT_COLUMNS}")
    english = own_english(folder)
    keys = {table: {k for (t, k, _f) in english if t == table} for table in TRANSLATED_TEXTS}
    seen: set[tuple[str, str, str, str, str]] = set()
    for i, row in frame.iterrows():
        line, table, key, field, lang = int(i) + 2, row["table"], row["key"], row["field"], row["lang"]
        if lang not in NAME_LANGS:
            raise SourceFormatError(file, f"{lang!r} is not one of {list(NAME_LANGS)}", row=line, column="lang")
        if table not in TRANSLATED_TEXTS:
            raise SourceFormatError(file, f"table {table!r} is not one of {list(TRANSLATED_TEXTS)}", row=line,
                                    column="table")
        source, id_column, what = _TEXT_TABLES[table]
        if key not in keys[table]:
            raise SourceFormatError(file, f"{what} {key!r} is not in {source} ({id_column})", row=line, column="key")
        if field not in TRANSLATED_TEXTS[table]:
            raise SourceFormatError(file, f"field {field!r} is not one of {list(TRANSLATED_TEXTS[table])} (the "
                                    f"texts of {table} kzcn translates)", row=line, column="field")
        now = english[(table, key, field)]
        if not now:
            raise SourceFormatError(file, f"{what} {key!r} has no {field} in {source}: nothing to translate",
                                    row=line, column="field")
        if row["text_en"] not in now:
            said = now[0] if len(now) == 1 else now
            raise SourceFormatError(file, f"the {lang} {field} of {what} {key!r} is stale: text_en is not the "
                                    f"{field} {source} now has ({said!r}); translate the new English and copy it "
                                    "into text_en", row=line, column="text_en")
        at = (table, key, field, lang, row["text_en"])
        if at in seen:
            raise SourceFormatError(file, f"a second {lang} row for the {field} of {what} {key!r}", row=line,
                                    column="lang")
        seen.add(at)
        if not row["text"].strip():
            raise SourceFormatError(file, f"empty {lang} text for the {field} of {what} {key!r}", row=line,
                                    column="text")
        if row["text"] != row["text"].strip():
            raise SourceFormatError(file, f"the {lang} {field} of {what} {key!r} has spaces at its start or end",
                                    row=line, column="text")
        script, letter = _SCRIPT[lang]
        if not script.search(row["text"]):
            raise SourceFormatError(file, f"the {lang} {field} of {what} {key!r} has no {letter}: still the "
                                    "English?", row=line, column="text")
    for (table, key, field), texts in english.items():
        what, source = _TEXT_TABLES[table][2], _TEXT_TABLES[table][0]
        for text in texts:
            missing = [lang for lang in NAME_LANGS if (table, key, field, lang, text) not in seen]
            if missing:
                raise SourceFormatError(file, f"the {field} of {what} {key!r} in {source} ({text!r}) has no "
                                        f"{' or '.join(missing)} row: every text needs one row per language "
                                        f"{list(NAME_LANGS)}", column="lang")
    frame["source_id"] = TRANSLATION_SOURCE_ID
    return frame


def passages(speech_file: Path, folder: Path | None = None) -> pd.DataFrame:
    """Split the speech into passages, verbatim.

    Paragraphs are the blank-line separated blocks of the published text. A curated row names the words a
    passage starts with; a paragraph holding two passages is split exactly where the second one starts,
    and nothing is added or removed, so the passages joined back give the paragraphs word for word.
    """
    if not speech_file.exists():
        raise SourceFormatError(str(speech_file), "speech text file is missing")
    text = speech_file.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    plan = _csv("passages.csv", folder)
    rows = []
    for number, group in plan.groupby(plan["paragraph"].astype(int), sort=True):
        if number > len(paragraphs):
            raise SourceFormatError(str(speech_file), f"has no paragraph {number}")
        para = paragraphs[number - 1]
        starts = []
        for _, row in group.iterrows():
            at = para.find(row["starts_with"])
            if at < 0:
                raise SourceFormatError(str(speech_file), f"paragraph {number} does not contain "
                                        f"{row['starts_with']!r} (passage {row['passage_id']})")
            starts.append(at)
        if starts[0] != 0 or starts != sorted(starts):
            raise ValidationError(f"passages: paragraph {number} is not covered from its start, in order")
        bounds = [*starts, len(para)]
        for k, (_, row) in enumerate(group.iterrows()):
            rows.append({
                "passage_id": row["passage_id"], "paragraph": number, "theme": row["theme"],
                "text": para[bounds[k]:bounds[k + 1]], "split_note": _none(row["split_note"]),
                "trade_views": _list(row["trade_views"]), "source_id": SPEECH_SOURCE_ID,
            })
    covered = {r["paragraph"] for r in rows}
    if covered != set(range(1, len(paragraphs) + 1)):
        missing = sorted(set(range(1, len(paragraphs) + 1)) - covered)
        raise ValidationError(f"passages: paragraphs {missing} of the speech are not in passages.csv")
    frame = pd.DataFrame(rows)
    frame.insert(1, "order", range(1, len(frame) + 1))
    return frame


def claims(folder: Path | None = None) -> pd.DataFrame:
    """Curated claims before checking: value as a number where the claim has one."""
    frame = _csv("claims.csv", folder)
    frame["value"] = pd.to_numeric(frame["value"].replace("", None))
    frame["unit"] = frame["unit"].map(_none)
    return frame


def read(speech_file: Path, folder: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every curated dataset (claims still unchecked: kzcn.claims.check adds the verdicts)."""
    sources_ = sources(folder)
    chapters = hs_chapters(folder)
    return {
        "sources": sources_,
        "hs_chapters": chapters,
        "hs_chapter_names": hs_chapter_names(chapters["hs_chapter"], sources_["source_id"], folder),
        "hs_heading_names": hs_heading_names(sources_["source_id"], folder),
        "publisher_names": publisher_names(sources_["publisher"], sources_["source_id"], folder),
        "events": events(folder),
        "event_translations": event_translations(folder),
        "passages": passages(speech_file, folder),
        "claims": claims(folder),
        "text_translations": text_translations(folder),
    }
