"""CEPII BACI bulk file → trade_products (series baci_bulk): China ↔ Kazakhstan, HS6 summed to HS chapters.

Input: the release zip (members BACI_HS<rev>_Y<year>_V<release>.csv, plus country and product code files,
which are skipped) or one of its yearly CSVs. Columns t (year), i (exporter), j (importer), k (HS6 code),
v (value, thousand US$), q (quantity, tonnes; not used). A year is about 10 million rows, so the file is
streamed, straight out of the zip: one thread reads (and inflates) chunks of whole lines, pyarrow parses
each chunk on all cores, and only the rows with (i, j) = (398, 156) or (156, 398) are kept, so memory stays
bounded whatever the file size. Their v is read as text and summed exactly (decimal, the file's own digits)
per year, exporter, importer and chapter (first two digits of k, read as text and zero-padded to six), plus
a TOTAL. Every cell of t, i, j and v in the whole file must parse, so a damaged file fails rather than being
summed. BACI reconciles both partners' reports, so a row's reporter is the exporter and its flow "exports",
for both directions; the note says it is neither side's customs figure.
"""

from __future__ import annotations

import queue
import re
import sys
import threading
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from tqdm import tqdm

from kzcn.readers import baci_sample
from kzcn.readers._common import PRODUCT_COLUMNS, SOURCE_COLUMNS, parse_number, source_row, to_usd
from kzcn.refresh import COUNTRIES, RefreshError, merge
from kzcn.schemas import TOTAL

SERIES = "baci_bulk"
STEP = "baci"
MEMBER = re.compile(r"BACI_HS(?P<rev>\d{2})_Y(?P<year>\d{4})_V(?P<release>\d{6}[a-z]?)\.csv", re.IGNORECASE)
COLUMNS = ("t", "i", "j", "k", "v", "q")
USED = ("t", "i", "j", "k", "v")
PAIR = ((398, 156), (156, 398))  # (exporter, importer)
PER_UNIT = 1_000  # v is in thousand US dollars
# The stream is cut into chunks of whole lines, each parsed by pyarrow.csv.read_csv on all cores (the
# streaming open_csv parses on one core only). 16 MiB chunks, 1 MiB parse blocks: measured with
# bench/baci_import.py (docs/performance.md) faster than reading the whole file, at a fraction of its memory.
CHUNK_BYTES = 16 << 20
BLOCK_SIZE = 1 << 20
NOTE = (f"{baci_sample.NOTE}; BACI records each flow once, reconciled: reporter = exporter, "
        f"partner = importer")
URL = "https://www.cepii.fr/DATA_DOWNLOAD/baci/doc/baci_webpage.html"
DOWNLOAD_PAGE = "http://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37"
_INT = re.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True)
class Part:
    """One yearly CSV: on its own or a member of the release zip."""

    name: str
    container: str | None
    revision: str  # "02" for HS 2002
    year: int
    release: str  # "202301"
    size: int  # uncompressed bytes

    @property
    def label(self) -> str:
        return f"{self.name} in {self.container}" if self.container else self.name


@dataclass
class Totals:
    """Exact sums per (year, exporter, importer, chapter), and what was read."""

    sums: dict[tuple[int, int, int, str], Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    counts: dict[tuple[int, int, int, str], int] = field(default_factory=lambda: defaultdict(int))
    rows_read: int = 0
    pair_rows: int = 0


class ProgressBar:
    """Bytes read of all parts, on stderr, drawn by tqdm (in place on a terminal, a line at a time otherwise)."""

    def __init__(self, total: int, stream: Any = None, enabled: bool = True) -> None:
        self.done, self.rows = 0, 0
        self.bar = tqdm(total=max(total, 1), unit="B", unit_scale=True, unit_divisor=1024, disable=not enabled,
                        file=stream or sys.stderr, mininterval=0.2, dynamic_ncols=True)

    def update(self, done: int, rows: int, label: str, final: bool = False) -> None:
        self.done, self.rows = done, rows
        self.bar.set_description(label, refresh=False)
        self.bar.set_postfix_str(f"{rows:,} rows", refresh=False)
        self.bar.update(done - self.bar.n)
        if final:
            self.bar.close()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.close()  # ends the bar's line, so a failure's message starts on its own


class _Chunks:
    """Whole lines of a binary stream in chunks of about CHUNK_BYTES, read ahead by one thread.

    Reading (and, for a zip member, inflating) overlaps with parsing; at most QUEUED chunks wait, so memory is
    bounded whatever the stream's size. An error while reading is raised in the consumer.
    """

    QUEUED = 2

    def __init__(self, raw: BinaryIO, already: int = 0) -> None:
        self.raw, self.count = raw, already
        self.queue: queue.Queue[bytes | BaseException | None] = queue.Queue(self.QUEUED)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._produce, daemon=True)
        self.thread.start()

    def _put(self, item: bytes | BaseException | None) -> bool:
        while not self.stop.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self) -> None:
        tail = b""
        try:
            while not self.stop.is_set():
                data = self.raw.read(CHUNK_BYTES)
                if not data:
                    if tail.strip():
                        self._put(tail)
                    self._put(None)
                    return
                self.count += len(data)
                data = tail + data
                cut = data.rfind(b"\n") + 1
                tail = data[cut:]
                if cut and not self._put(data[:cut]):
                    return
        except Exception as exc:  # handed to the consumer, which raises it
            self._put(exc)

    def __iter__(self) -> Iterator[bytes]:
        while True:
            item = self.queue.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        self.stop.set()
        self.thread.join()


def _part(name: str, container: str | None, size: int) -> Part | None:
    match = MEMBER.fullmatch(PurePosixPath(name).name)
    if not match:
        return None
    return Part(PurePosixPath(name).name, container, match["rev"], int(match["year"]), match["release"].lower(),
                size)


def _first_bad(values: list[Any], ok: Callable[[Any], bool]) -> int:
    return next(n for n, value in enumerate(values) if not ok(value))


def _is_number(text: Any) -> bool:
    try:
        parse_number(text)
    except ValueError:
        return False
    return True


def _is_code(text: Any) -> bool:
    return bool(_INT.fullmatch(text)) and -(2**31) <= int(text) < 2**31


def _convert_options(codes_as_text: bool) -> pacsv.ConvertOptions:
    """t, i, j as integers (checked while parsing, in parallel), k and v as text (v: the file's own digits)."""
    code = pa.string() if codes_as_text else pa.int32()
    return pacsv.ConvertOptions(column_types={"t": code, "i": code, "j": code, "k": pa.string(), "v": pa.string()},
                                include_columns=list(USED), null_values=[], strings_can_be_null=False,
                                quoted_strings_can_be_null=False)


class _Reader:
    """Streams one part into `totals`; any problem is a RefreshError naming file, line and column.

    Per chunk only the pair's rows are kept (a few thousand a year in real BACI); they are checked, de-duplicated
    and summed with pyarrow when the part ends, as decimals parsed from the file's text, so the sums are exact.
    """

    def __init__(self, part: Part, opener: Callable[[], BinaryIO], totals: Totals, progress: ProgressBar,
                 offset: int) -> None:
        self.part, self.opener, self.totals, self.progress, self.offset = part, opener, totals, progress, offset
        self.pieces: list[pa.Table] = []

    def fail(self, row: int, column: str, problem: str) -> RefreshError:
        """row: 0-based data row of the part; line numbers count the header as line 1."""
        return RefreshError(f"{self.part.label}: line {row + 2} (data row {row + 1}), column {column!r}: "
                            f"{problem}")

    def _header(self, raw: BinaryIO) -> tuple[list[str], int]:
        part = self.part
        header = raw.readline(1 << 16)
        if not header.strip():
            raise RefreshError(f"{part.label}: empty file, expected a header {','.join(COLUMNS)}")
        names = [h.strip().strip('"') for h in header.decode("utf-8-sig", "replace").strip().split(",")]
        missing = [c for c in COLUMNS if c not in names]
        extra = [c for c in names if c not in COLUMNS]
        if missing or extra or len(set(names)) != len(names):
            problem = f"lacks column(s) {missing}" if missing else f"has unexpected column(s) {extra or names}"
            raise RefreshError(f"{part.label}: header {problem}; expected {','.join(COLUMNS)}, found {names}")
        return names, len(header)

    def _parse(self, chunk: bytes, names: list[str], start: int, codes_as_text: bool = False) -> pa.Table:
        """One chunk of whole lines as a table (pyarrow parses it on all cores)."""
        try:
            return pacsv.read_csv(pa.py_buffer(chunk),
                                  read_options=pacsv.ReadOptions(column_names=names, block_size=BLOCK_SIZE),
                                  parse_options=pacsv.ParseOptions(newlines_in_values=False),
                                  convert_options=_convert_options(codes_as_text))
        except pa.ArrowInvalid as exc:
            if not codes_as_text and "conversion error" in str(exc):
                self._locate(self._parse(chunk, names, start, codes_as_text=True), start)
            raise RefreshError(f"{self.part.label}: cannot parse the CSV after data row {start} "
                               f"({' '.join(str(exc).split())[:300]})") from None

    def _locate(self, table: pa.Table, start: int) -> None:
        """Name the first t, i or j cell of a chunk that is not an integer (only when parsing failed)."""
        for name in ("t", "i", "j"):
            values = table.column(name)
            try:
                pc.cast(values, pa.int32())
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                values = values.to_pylist()
                n = _first_bad(values, _is_code)
                raise self.fail(start + n, name, f"{values[n]!r} is not an integer code") from None

    def run(self) -> None:
        part = self.part
        start = 0
        with self.opener() as raw:
            names, header_bytes = self._header(raw)
            chunks = _Chunks(raw, header_bytes)
            try:
                for chunk in chunks:
                    table = self._parse(chunk, names, start)
                    self._check_chunk(table, start)
                    start += table.num_rows
                    self.totals.rows_read += table.num_rows
                    self.progress.update(self.offset + chunks.count, self.totals.rows_read, part.name)
            finally:
                chunks.close()
        if start == 0:
            raise RefreshError(f"{part.label}: no data rows after the header")
        self._finish()

    def _check_chunk(self, batch: pa.Table, start: int) -> None:
        """Check one parsed chunk (rows start … start + n - 1 of the part) and keep the pair's rows."""
        part = self.part
        v = batch.column("v")
        try:  # every value must be a number, not only the pair's: a damaged file is refused whole
            number = pc.cast(v, pa.float64())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            values = v.to_pylist()
            n = _first_bad(values, _is_number)
            raise self.fail(start + n, "v", f"{values[n]!r} is not a number") from None
        if not pc.all(pc.is_finite(number)).as_py():
            n = _first_bad(number.to_pylist(), lambda x: x == x and abs(x) != float("inf"))
            raise self.fail(start + n, "v", f"{v[n].as_py()!r} is not a finite number")
        t = batch.column("t")
        off_year = pc.not_equal(t, part.year)
        if pc.any(off_year).as_py():
            n = pc.indices_nonzero(off_year)[0].as_py()
            raise self.fail(start + n, "t", f"year {t[n].as_py()}, but the file name says {part.year}")
        i, j = batch.column("i"), batch.column("j")
        mask = pc.or_(pc.and_(pc.equal(i, PAIR[0][0]), pc.equal(j, PAIR[0][1])),
                      pc.and_(pc.equal(i, PAIR[1][0]), pc.equal(j, PAIR[1][1])))
        where = pc.indices_nonzero(mask)
        if len(where):
            picked = batch.select(["i", "j", "k", "v"]).take(where)
            self.pieces.append(picked.append_column("row", pc.add(pc.cast(where, pa.int64()), start)))

    def _finish(self) -> None:
        """Check the pair's rows of the whole part and add their exact sums to the totals."""
        if not self.pieces:
            return
        rows = pa.concat_tables(self.pieces).combine_chunks()
        self.pieces = []
        k = pc.utf8_trim_whitespace(rows.column("k"))
        bad = pc.invert(pc.match_substring_regex(k, r"^[0-9]{5,6}$"))
        if pc.any(bad).as_py():
            n = pc.indices_nonzero(bad)[0].as_py()
            raise self.fail(rows.column("row")[n].as_py(), "k",
                            f"product code {rows.column('k')[n].as_py()!r} is not an HS6 code")
        code = pc.utf8_lpad(k, 6, "0")  # codes lose their leading zero in BACI (10121 is 010121)
        chapter = pc.utf8_slice_codeunits(code, 0, 2)
        keyed = pa.table({"i": rows.column("i"), "j": rows.column("j"), "code": code, "row": rows.column("row")})
        counts = keyed.group_by(["i", "j", "code"]).aggregate([("row", "count"), ("row", "max")])
        twice = counts.filter(pc.greater(counts.column("row_count"), 1))
        if twice.num_rows:
            first = pc.indices_nonzero(pc.equal(twice.column("row_max"), pc.min(twice.column("row_max"))))[0].as_py()
            raise self.fail(twice.column("row_max")[first].as_py(), "k",
                            f"product {twice.column('code')[first].as_py()} appears twice for "
                            f"i = {twice.column('i')[first].as_py()}, j = {twice.column('j')[first].as_py()}")
        text = pc.utf8_trim_whitespace(rows.column("v"))
        try:
            value = pc.cast(text, pa.decimal128(38, 9))  # exact: the file's own digits
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # more than 9 decimals: exact, the slow way
            value = None
        year = self.part.year
        if value is not None:
            sums = pa.table({"i": rows.column("i"), "j": rows.column("j"), "chapter": chapter, "v": value}) \
                .group_by(["i", "j", "chapter"]).aggregate([("v", "sum"), ("v", "count")])
            for i, j, ch, total, count in zip(*(sums.column(c).to_pylist()
                                                 for c in ("i", "j", "chapter", "v_sum", "v_count")), strict=True):
                self.totals.sums[(year, i, j, ch)] += total
                self.totals.counts[(year, i, j, ch)] += count
        else:
            for i, j, ch, v in zip(rows.column("i").to_pylist(), rows.column("j").to_pylist(), chapter.to_pylist(),
                                   text.to_pylist(), strict=True):
                self.totals.sums[(year, i, j, ch)] += parse_number(v)
                self.totals.counts[(year, i, j, ch)] += 1
        self.totals.pair_rows += rows.num_rows


def _read_parts(path: Path, totals: Totals, progress_enabled: bool) -> list[Part]:
    """Stream every BACI yearly CSV in `path` (zip or CSV) into `totals`; the parts read."""
    if not path.is_file():
        raise RefreshError(f"{path}: no such file")
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise RefreshError(f"{path.name}: not a readable zip archive (corrupt or truncated?): {exc}") from None
        with archive:
            chosen = [(info, p) for info in archive.infolist()
                      if (p := _part(info.filename, path.name, info.file_size)) is not None]
            if not chosen:
                names = [info.filename for info in archive.infolist()][:8]
                raise RefreshError(f"{path.name}: no BACI_HS<rev>_Y<year>_V<release>.csv member (has {names})")
            parts = _check_parts([p for _, p in chosen], path.name)
            with ProgressBar(sum(p.size for p in parts), enabled=progress_enabled) as progress:
                offset = 0
                for info, part in sorted(chosen, key=lambda c: c[1].year):
                    try:
                        _Reader(part, lambda info=info: archive.open(info), totals, progress, offset).run()
                    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                        raise RefreshError(f"{part.label}: the zip member cannot be read (corrupt archive?): {exc}"
                                           ) from None
                    offset += part.size
                progress.update(offset, totals.rows_read, path.name, final=True)
            return parts
    part = _part(path.name, None, path.stat().st_size)
    if part is None:
        raise RefreshError(f"{path.name}: not a BACI file name; expected BACI_HS<rev>_Y<year>_V<release>.csv "
                           f"(the year, HS revision and release come from the name) or the release .zip")
    with ProgressBar(part.size, enabled=progress_enabled) as progress:
        _Reader(part, lambda: path.open("rb"), totals, progress, 0).run()
        progress.update(part.size, totals.rows_read, path.name, final=True)
    return [part]


def _check_parts(parts: list[Part], container: str) -> list[Part]:
    releases = {(p.revision, p.release) for p in parts}
    if len(releases) != 1:
        raise RefreshError(f"{container}: members of more than one HS revision or release: {sorted(releases)}")
    years = [p.year for p in parts]
    if len(set(years)) != len(years):
        raise RefreshError(f"{container}: more than one file for the same year: {sorted(years)}")
    return sorted(parts, key=lambda p: p.year)


def _years(parts: list[Part]) -> str:
    first, last = parts[0].year, parts[-1].year
    return f"{first}" if first == last else f"{first}-{last}"


def read(path: Path, now: datetime, *, progress: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(trade_products, sources, refresh_log) rows from a BACI file; nothing is written here."""
    totals = Totals()
    parts = _read_parts(path, totals, progress)
    if not totals.pair_rows:
        raise RefreshError(f"{path.name}: no rows with (i, j) = (398, 156) or (156, 398); nothing written")
    revision, release = parts[0].revision, parts[0].release
    day, accessed = now.strftime("%Y%m%d"), now.date().isoformat()
    sid = f"baci-bulk-hs{revision}-v{release}-{_years(parts)}-{day}"
    by_year = {p.year: p for p in parts}
    rows: list[dict[str, Any]] = []
    groups = sorted({(y, i, j) for (y, i, j, _ch) in totals.sums})
    for year, exporter, importer in groups:
        chapters = sorted(ch for (y, i, j, ch) in totals.sums if (y, i, j) == (year, exporter, importer))
        where = f"{by_year[year].label}: sum of"
        common = {"year": year, "reporter": COUNTRIES[exporter], "partner": COUNTRIES[importer], "flow": "exports",
                  "series": SERIES, "classification": f"HS{revision}", "source_id": sid, "note": NOTE}
        for ch in chapters:
            group = (year, exporter, importer, ch)
            rows.append({**common, "hs_chapter": ch, "value_usd": to_usd(totals.sums[group], PER_UNIT),
                         "source_locator": f"{where} {totals.counts[group]} rows with i = {exporter}, "
                                           f"j = {importer}, k = {ch}xxxx"})
        total = sum((totals.sums[(year, exporter, importer, ch)] for ch in chapters), Decimal(0))
        count = sum(totals.counts[(year, exporter, importer, ch)] for ch in chapters)
        rows.append({**common, "hs_chapter": TOTAL, "value_usd": to_usd(total, PER_UNIT),
                     "source_locator": f"{where} all {count} rows with i = {exporter}, j = {importer}"})
    years = f"{parts[0].year}–{parts[-1].year}" if len(parts) > 1 else str(parts[0].year)
    source = source_row(
        sid, publisher="CEPII",
        title=(f"BACI (HS{revision} revision, release V{release}): China–Kazakhstan trade in both directions, "
               f"HS6 summed to HS chapters, {years}"),
        url=URL, download_page=DOWNLOAD_PAGE, kind="reconciled_statistics", licence="Etalab Open Licence 2.0",
        file=path.name, accessed=accessed,
        notes=(f"Imported by `kzcn import baci` on {accessed} from {path.name}"
               + (f" (members {', '.join(p.name for p in parts)})" if parts[0].container else "")
               + ". v in thousand US$; rows with (i, j) = (398, 156) or "
               "(156, 398), HS6 codes (k) zero-padded to six digits and summed exactly to chapters (first two "
               "digits) and TOTAL. BACI reconciles both partners' reports and removes CIF costs: FOB-type "
               "values that match neither side's customs figures."),
    )
    refreshed_at = now.isoformat(timespec="microseconds").replace("+00:00", "Z")
    log = {"refreshed_at": refreshed_at, "step": STEP, "source_id": sid, "rows": len(rows),
           "detail": (f"{path.name}: {len(parts)} file(s), {totals.rows_read:,} rows read, "
                      f"{totals.pair_rows:,} China–Kazakhstan HS6 rows summed")}
    return (pd.DataFrame(rows, columns=list(PRODUCT_COLUMNS)), pd.DataFrame([source], columns=list(SOURCE_COLUMNS)),
            pd.DataFrame([log]))


def import_file(path: Path, data_dir: Path, *, now: datetime | None = None,
                progress: bool = True) -> dict[str, pa.Table]:
    """Read a BACI file and merge it into `data_dir`; returns the tables written. Raises before writing."""
    products, sources, log = read(path, now or datetime.now(UTC), progress=progress)
    return merge.apply(products, sources, log, data_dir)
