"""Check a built frame against its schema and rules, and turn it into a typed pyarrow table.

Every failure names the dataset, the row (as built) and the column, so a bad curated edit or a changed raw
file is found in one read of the message.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pyarrow as pa

from kzcn.errors import ValidationError
from kzcn.schemas import ALLOWED, DATASETS, KEYS


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
    return pa.Table.from_pandas(df, schema=schema, preserve_index=False)


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
