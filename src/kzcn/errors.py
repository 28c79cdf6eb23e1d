"""The few errors the project raises on purpose, each able to say exactly where the problem is."""

from __future__ import annotations


class KzcnError(Exception):
    """Base class: anything the CLI or the app turns into a clear message instead of a traceback."""


class SourceFormatError(KzcnError):
    """A raw input file does not look the way its reader expects."""

    def __init__(self, file: str, message: str, *, sheet: str | None = None, row: int | str | None = None,
                 column: str | None = None) -> None:
        self.file, self.sheet, self.row, self.column = file, sheet, row, column
        where = [f"file {file}"]
        if sheet is not None:
            where.append(f"sheet {sheet!r}")
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}")


class ValidationError(KzcnError):
    """A built table breaks its schema or a rule (type, allowed value, key, source reference)."""


class DatasetError(KzcnError):
    """A shipped parquet file is missing, unreadable or of the wrong shape."""

    def __init__(self, file: str, problem: str) -> None:
        self.file, self.problem = file, problem
        super().__init__(f"Dataset {file}: {problem}")
