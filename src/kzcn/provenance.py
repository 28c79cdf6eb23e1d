"""Source lines computed from the rows a view shows: never typed by hand, so they cannot drift from the data."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


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


def cite(ids: Iterable[str], sources: pd.DataFrame, *, limit: int = 4) -> str:
    """A one-line source note: publishers and titles of the sources behind the rows, press marked as such.

    Press reports are collapsed into a count (a chart can rest on dozens of them) and labelled as press.
    """
    table = sources.set_index("source_id")
    ids = [i for i in ids if i in table.index]
    if not ids:
        return ""
    official: dict[str, list[str]] = {}
    press = 0
    for sid in ids:
        row = table.loc[sid]
        if row["kind"] == "press":
            press += 1
            continue
        official.setdefault(str(row["publisher"]), [])
        title = str(row["title"])
        if title not in official[str(row["publisher"])]:
            official[str(row["publisher"])].append(title)
    parts = []
    for publisher, titles in list(official.items())[:limit]:
        parts.append(f"{publisher}, {titles[0]}" + (f" (+{len(titles) - 1} more)" if len(titles) > 1 else ""))
    if len(official) > limit:
        parts.append(f"{len(official) - limit} more publishers")
    if press:
        parts.append(f"{press} press report{'s' if press > 1 else ''} (press figures, rounded)")
    return "Source: " + "; ".join(parts) + "."
