"""Check a built frame against its schema and rules, and turn it into a typed pyarrow table.

Every failure names the dataset, the row (as built) and the column, so a bad curated edit or a changed raw
file is found in one read of the message.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import pandas as pd
import pyarrow as pa

from kzcn.errors import ValidationError
from kzcn.schemas import ALLOWED, DATASETS, KEYS, NOT_A_PAGE, REPOST_HOSTS


def _row_label(df: pd.DataFrame, idx: int) -> str:
    """Prefer a row's own provenance (source_locator) over a bare index."""
    if "source_locator" in df.columns:
        return f"row {idx} ({df['source_locator'].iloc[idx]})"
    return f"row {idx}"


def to_table(name: str, df: pd.DataFrame) -> pa.Table:
    """Validate `df` as dataset `name` and return it as a table with exactly the dataset's schema."""
    schema = DATASETS[name]
    missing = [f.name for f in schema if f.name not in df.columns]
    if missing:
        raise ValidationError(f"{name}: missing column(s) {missing}")
    extra = [c for c in df.columns if c not in schema.names]
    if extra:
        raise ValidationError(f"{name}: unexpected column(s) {extra}")
    df = df[schema.names].reset_index(drop=True)
    for field in schema:
        col = df[field.name]
        if not field.nullable:
            bad = col.isna() if not pa.types.is_list(field.type) else col.map(lambda v: v is None)
            if bool(bad.any()):
                i = int(bad.to_numpy().nonzero()[0][0])
                raise ValidationError(f"{name}: {_row_label(df, i)}, column {field.name!r}: empty value")
        try:
            pa.array(col.tolist(), type=field.type, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError) as exc:
            i = _first_bad(col, field.type)
            raise ValidationError(
                f"{name}: {_row_label(df, i)}, column {field.name!r}: value {col.iloc[i]!r} "
                f"is not {field.type} ({exc})"
            ) from None
    for (ds, column), allowed in ALLOWED.items():
        if ds != name:
            continue
        bad = ~df[column].isin(allowed)
        if bool(bad.any()):
            i = int(bad.to_numpy().nonzero()[0][0])
            raise ValidationError(
                f"{name}: {_row_label(df, i)}, column {column!r}: {df[column].iloc[i]!r} "
                f"is not one of {list(allowed)}"
            )
    key = list(KEYS[name])
    dup = df.duplicated(subset=key, keep=False)
    if bool(dup.any()):
        i = int(dup.to_numpy().nonzero()[0][0])
        raise ValidationError(f"{name}: {_row_label(df, i)}: duplicate key {df.loc[i, key].to_dict()}")
    for rule in ROW_RULES.get(name, ()):
        rule(name, df)
    return pa.Table.from_pandas(df, schema=schema, preserve_index=False)


# --- rules on source addresses and access dates ----------------------------------------------------------------

_IPV4_LIKE = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]*|[0-9]*))*$")  # 127.1, 2130706433, 0x7f.0.0.1


def url_problem(url: str) -> str | None:
    """Why `url` must not be shipped as a source address, or None when it may.

    Refused: anything but http/https; no host; a bare IP address (also the short and numeric forms browsers read
    as one); an explicit port; a host ending in a dot; a user name or password; spaces. These are the marks of a
    copy on a test server, a mirror or a crawler's cache, never of the publisher's own page.
    """
    if not isinstance(url, str) or not url:
        return "is empty"
    if url != url.strip() or any(ch.isspace() for ch in url):
        return "contains spaces"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"cannot be read as a web address ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not http or https"
    netloc = parts.netloc
    if not netloc:
        return "has no host"
    if "@" in netloc:
        return "carries a user name or password"
    host = parts.hostname or ""
    if not host:
        return "has no host"
    bracketed = netloc.startswith("[")
    if (bracketed and "]:" in netloc) or (not bracketed and ":" in netloc):
        return "names an explicit port"
    if host.endswith("."):
        return f"host {host!r} ends with a dot"
    try:
        ipaddress.ip_address(host)
        return f"host {host!r} is a bare IP address"
    except ValueError:
        pass
    if _IPV4_LIKE.match(host):
        return f"host {host!r} is a bare IP address"
    return None


def _key(name: str, df: pd.DataFrame, i: int) -> str:
    key = KEYS[name]
    return ", ".join(f"{k} {df[k].iloc[i]!r}" for k in key)


def _fail(name: str, df: pd.DataFrame, i: int, column: str, message: str) -> ValidationError:
    return ValidationError(f"{name}: row {i} ({_key(name, df, i)}), column {column!r}: {message}")


def check_urls(name: str, df: pd.DataFrame, columns: tuple[str, ...], *, placeholders: bool = False) -> None:
    """Every address in `columns` passes `url_problem`; else a ValidationError naming the row, key and column.

    placeholders: a cell such as "(no page: computed by kzcn)" (kzcn.schemas.NOT_A_PAGE) says there is no page.
    """
    for column in columns:
        for i, cell in enumerate(df[column].tolist()):
            urls = list(cell) if isinstance(cell, (list, tuple)) or hasattr(cell, "tolist") else [cell]
            for url in urls:
                if placeholders and isinstance(url, str) and NOT_A_PAGE.match(url):
                    continue
                problem = url_problem(url)
                if problem:
                    raise _fail(name, df, i, column, f"{url!r} {problem}")


def host_of(url: str) -> str:
    """The host of a web address, lower case, without a leading www."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def repost_hosts(urls: Iterable[str]) -> list[str]:
    """The hosts among `urls` that are known mirrors, reposts or aggregators (kzcn.schemas.REPOST_HOSTS)."""
    found = []
    for url in urls:
        host = host_of(url)
        if host in REPOST_HOSTS and host not in found:
            found.append(host)
    return found


def _events_rules(name: str, df: pd.DataFrame) -> None:
    """Every source address well formed; an event citing a mirror or repost says so in `source_note`."""
    check_urls(name, df, ("source_urls",))
    for i, (urls, note) in enumerate(zip(df["source_urls"].tolist(), df["source_note"].tolist(), strict=True)):
        if len(list(urls)) == 0:
            raise _fail(name, df, i, "source_urls", "no source address")
        for host in repost_hosts(urls):
            if not isinstance(note, str) or host not in note:
                raise _fail(name, df, i, "source_note", f"cites {host} ({REPOST_HOSTS[host]}) but the note does "
                            "not say so: name the host and whose page it copies, or replace it with the original")


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _sources_rules(name: str, df: pd.DataFrame) -> None:
    """`accessed` is a date only where kzcn read the page, else `cited_from` says where the citation came from.

    The addresses of the curated sources are checked when kzcn.curated reads them; rows written by `kzcn refresh`
    / `kzcn import` carry the address the download really used (a test's local server included).
    """
    for i, (accessed, cited) in enumerate(zip(df["accessed"].tolist(), df["cited_from"].tolist(), strict=True)):
        has_date = isinstance(accessed, str) and bool(accessed)
        if has_date and not _ISO_DATE.match(accessed):
            raise _fail(name, df, i, "accessed", f"{accessed!r} is not an ISO date (YYYY-MM-DD)")
        if not has_date and not (isinstance(cited, str) and cited.strip()):
            raise _fail(name, df, i, "cited_from", "no accessed date and no word on where the citation came from")


def _press_rules(name: str, df: pd.DataFrame) -> None:
    check_urls(name, df, ("url",))


ROW_RULES: dict[str, tuple[Callable[[str, pd.DataFrame], None], ...]] = {
    "events": (_events_rules,),
    "sources": (_sources_rules,),
    "press_figures": (_press_rules,),
}


def _first_bad(col: pd.Series, typ: pa.DataType) -> int:
    for i, value in enumerate(col.tolist()):
        try:
            pa.array([value], type=typ, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
            return i
    return 0


def check_source_ids(tables: dict[str, pa.Table], source_ids: Iterable[str]) -> None:
    """Every row of every dataset must point at a row of the sources table."""
    known = set(source_ids)
    for name, table in tables.items():
        for column in ("source_id", "check_source_id"):
            if column not in table.column_names:
                continue
            values = table.column(column).to_pylist()
            for i, value in enumerate(values):
                if value is not None and value not in known:
                    raise ValidationError(f"{name}: row {i}, column {column!r}: unknown source {value!r}")
