"""One reader per publisher: raw file rows → tidy rows that name their source.

Every reader is a function `read(raw_dir: Path) -> dict[str, pandas.DataFrame]` whose keys are dataset names
from kzcn.schemas.DATASETS ("trade_annual", "trade_products", "sources", "press_figures", ...). Frames hold
the dataset's columns; `trade_annual.preferred` is left out (kzcn.preferred decides it for all sources at
once). A reader raises kzcn.errors.SourceFormatError naming file, sheet, row and column when a file does not
look as expected; it never guesses.
"""
