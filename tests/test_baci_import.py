"""`kzcn import baci`: a tiny BACI file made from real sample rows, summed by hand; every bad input fails cleanly.

The Kazakhstan → China rows (and the Russia rows that must be dropped) are rows of the real BACI sample in the
raw folder. BACI has nothing for China → Kazakhstan in that sample, so those few rows are made-up test values,
written only into tmp_path. Nothing here touches the repository's data/.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import snapshot

from kzcn import cli, datasets
from kzcn.refresh import baci_bulk

HEADER = "t,i,j,k,v,q"
NAME = "BACI_HS02_Y2021_V202301.csv"
KEEP = ("740311", "260300", "260800", "80290")
# China → Kazakhstan: made-up values for the test only (not in the sample), one 5-digit code among them.
MADE_UP = ["2021,156,398,850440,100.5,NA", "2021,156,398,10121,0.25,       1.000", "2021,156,398,851712,2000.000,  3.5"]
# Rows of other pairs that must be dropped (one of each kind that shares a country with the pair).
OTHER = ["2021,156,643,260300,99999.999,1", "2021,643,398,260300,88888.888,1"]


@pytest.fixture(scope="module")
def sample_rows(raw_dir) -> list[str]:
    """Real rows of the BACI sample: Kazakhstan → China (4 codes) and Kazakhstan → Russia (same codes)."""
    import csv

    with (raw_dir / "raw" / "baci" / "baci-hs02-v202301-kaz-exports-2021.csv").open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["k"] in KEEP and r["j"] in ("156", "643")]
    assert len(rows) >= 6
    return [",".join(r[c] for c in ("t", "i", "j", "k", "v", "q")) for r in rows]


def write_csv(folder: Path, lines: list[str], name: str = NAME, header: str = HEADER) -> Path:
    path = folder / name
    path.write_text("\n".join([header, *lines]) + "\n")
    return path


def write_zip(folder: Path, members: dict[str, str], name: str = "BACI_HS02_V202301.zip") -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    return path


@pytest.fixture
def good_lines(sample_rows) -> list[str]:
    return [*sample_rows, *MADE_UP, *OTHER]


def baci_rows(data: Path):
    products = datasets.load("trade_products", data)
    return products[products["series"] == "baci_bulk"].set_index(["reporter", "partner", "year", "hs_chapter"])


def expected_sums() -> dict[tuple[str, str, str], float]:
    """Worked out by hand from the rows above (v in thousand US$ → US$)."""
    return {
        ("Kazakhstan", "China", "74"): 2_434_560_742.0,  # 740311: 2434560.742
        ("Kazakhstan", "China", "26"): 1_606_468_582.0,  # 260300: 1571362.857 + 260800: 35105.725
        ("Kazakhstan", "China", "08"): 7_200_618.0,  # 80290 → 080290: 7200.618
        ("Kazakhstan", "China", "TOTAL"): 4_048_229_942.0,
        ("China", "Kazakhstan", "85"): 2_100_500.0,  # 850440: 100.5 + 851712: 2000.000
        ("China", "Kazakhstan", "01"): 250.0,  # 10121 → 010121: 0.25
        ("China", "Kazakhstan", "TOTAL"): 2_100_750.0,
    }


def check_import(data: Path) -> None:
    rows = baci_rows(data)
    got = {(rep, par, ch): v for (rep, par, _year, ch), v in rows["value_usd"].items()}
    assert got == expected_sums()
    assert set(rows.index.get_level_values("year")) == {2021}
    assert set(rows["flow"]) == {"exports"} and set(rows["classification"]) == {"HS02"}
    assert rows["note"].str.contains("not a customs figure of either side").all()
    assert rows.loc[("Kazakhstan", "China", 2021, "26"), "source_locator"].endswith(
        "sum of 2 rows with i = 398, j = 156, k = 26xxxx")
    (sid,) = set(rows["source_id"])
    assert sid == f"baci-bulk-hs02-v202301-2021-{datetime.now(UTC):%Y%m%d}"
    src = datasets.load("sources", data).set_index("source_id").loc[sid]
    assert src["kind"] == "reconciled_statistics" and src["accessed"] == datetime.now(UTC).date().isoformat()
    assert "bdd_modele_item.asp?id=37" in src["download_page"]
    log = datasets.load("refresh_log", data)
    assert log["step"].tolist()[-1] == "baci" and log["source_id"].tolist()[-1] == sid
    assert log["rows"].tolist()[-1] == len(expected_sums())
    cov = datasets.load("product_coverage", data)
    cov = cov[cov["series"] == "baci_bulk"].set_index(["year", "reporter", "flow", "hs_chapter"])["status"]
    assert cov[(2021, "Kazakhstan", "exports", "74")] == "available"
    assert cov[(2021, "Kazakhstan", "exports", "27")] == "none_recorded"
    assert cov[(2021, "China", "exports", "85")] == "available"
    assert cov[(2021, "China", "exports", "74")] == "none_recorded"


def run(path: Path, data: Path) -> int:
    return cli.main(["import", "baci", str(path), "--data", str(data)])


def test_csv_import_sums_chapters_in_both_directions(tmp_path, data, good_lines, capsys):
    before = datasets.load("trade_products", data)
    assert run(write_csv(tmp_path, good_lines), data) == 0
    captured = capsys.readouterr()
    assert "import baci: done" in captured.out and "100%" in captured.err  # progress on stderr
    check_import(data)
    products = datasets.load("trade_products", data)
    assert len(products) == len(before) + len(expected_sums())


def test_zip_import_skips_code_files_and_is_idempotent(tmp_path, data, good_lines):
    path = write_zip(tmp_path, {
        f"BACI_HS02_V202301/{NAME}": "\n".join([HEADER, *good_lines]) + "\n",
        "BACI_HS02_V202301/country_codes_V202301.csv": "country_code,country_name\n398,Kazakhstan\n",
        "BACI_HS02_V202301/product_codes_HS02_V202301.csv": "code,description\n010121,Horses\n",
        "BACI_HS02_V202301/Readme.txt": "test",
    })
    assert run(path, data) == 0
    check_import(data)
    first = snapshot(data)
    assert run(path, data) == 0
    second = snapshot(data)
    for name in ("trade_products.parquet", "sources.parquet", "product_coverage.parquet"):
        assert first[name] == second[name], name
    assert len(datasets.load("refresh_log", data)) == 2  # the log grows, the trade rows do not


def test_another_year_is_added_and_the_same_year_replaced(tmp_path, data, good_lines):
    assert run(write_csv(tmp_path, good_lines), data) == 0
    lines_2022 = [line.replace("2021,", "2022,", 1) for line in MADE_UP]
    assert run(write_csv(tmp_path, lines_2022, name="BACI_HS02_Y2022_V202301.csv"), data) == 0
    rows = baci_rows(data)
    assert set(rows.index.get_level_values("year")) == {2021, 2022}
    smaller = [line for line in good_lines if not line.startswith("2021,398,156,740311")]
    assert run(write_csv(tmp_path, smaller), data) == 0
    rows = baci_rows(data)
    kz21 = rows.sort_index().loc[("Kazakhstan", "China", 2021)]
    assert "74" not in kz21.index  # replaced as a whole, not merged with the older import
    assert kz21.loc["TOTAL", "value_usd"] == 4_048_229_942.0 - 2_434_560_742.0


def _fails(path: Path, data: Path, capsys, *words: str) -> str:
    before = snapshot(data)
    assert run(path, data) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    last = err.splitlines()[-1]
    assert last.startswith("import baci failed, data left unchanged: "), err
    for word in words:
        assert word in last, (word, last)
    assert snapshot(data) == before
    return last


def test_corrupt_zip(tmp_path, data, capsys):
    path = tmp_path / "BACI_HS02_V202301.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive" * 10)
    _fails(path, data, capsys, "not a readable zip archive")


def test_truncated_zip(tmp_path, data, capsys, good_lines):
    path = write_zip(tmp_path, {NAME: "\n".join([HEADER, *good_lines]) + "\n"})
    path.write_bytes(path.read_bytes()[:200])
    _fails(path, data, capsys, "BACI_HS02_V202301.zip")


def test_zip_member_with_damaged_data(tmp_path, data, capsys, good_lines):
    text = "\n".join([HEADER, *(good_lines * 200)]) + "\n"
    path = write_zip(tmp_path, {NAME: text})
    raw = bytearray(path.read_bytes())
    start = 30 + len(NAME) + 100  # inside the member's compressed data
    raw[start:start + 40] = bytes(40)
    path.write_bytes(bytes(raw))
    _fails(path, data, capsys, NAME, "cannot be read")


def test_zip_without_baci_member(tmp_path, data, capsys):
    path = write_zip(tmp_path, {"country_codes_V202301.csv": "country_code\n398\n"})
    _fails(path, data, capsys, "no BACI_HS<rev>_Y<year>_V<release>.csv member")


def test_missing_column(tmp_path, data, capsys, good_lines):
    lines = [",".join(line.split(",")[:4] + line.split(",")[5:]) for line in good_lines]
    _fails(write_csv(tmp_path, lines, header="t,i,j,k,q"), data, capsys, "lacks column(s) ['v']")


def test_unexpected_column(tmp_path, data, capsys, good_lines):
    _fails(write_csv(tmp_path, [line + ",x" for line in good_lines], header=HEADER + ",name"), data, capsys,
           "unexpected column(s) ['name']")


def test_value_that_does_not_parse_names_its_line(tmp_path, data, capsys, good_lines):
    lines = [*good_lines]
    lines[-1] = lines[-1].replace("88888.888", "8.88.88")  # a non-pair row: a damaged file is refused whole
    _fails(write_csv(tmp_path, lines), data, capsys, f"line {len(lines) + 1}", "column 'v'", "'8.88.88'")
    lines[-1] = lines[-1].replace("8.88.88", "8,8888")  # one field too many
    _fails(write_csv(tmp_path, lines), data, capsys, "cannot parse the CSV", "Expected 6 columns, got 7")
    lines = [*good_lines]
    lines[0] = lines[0].replace("2434560.742", "abc")
    _fails(write_csv(tmp_path, lines), data, capsys, "line 2 (data row 1), column 'v': 'abc' is not a number")


@pytest.mark.parametrize("chunk", [1 << 20, 40])  # several chunks; one line or less per chunk
def test_chunk_boundaries_change_nothing(tmp_path, data, good_lines, monkeypatch, chunk):
    monkeypatch.setattr(baci_bulk, "CHUNK_BYTES", chunk)
    filler = [f"2021,{100 + n % 50},{300 + n % 40},{100000 + n},{n}.5,1" for n in range(60_000 if chunk > 40 else 50)]
    lines = [*filler[: len(filler) // 2], *good_lines, *filler[len(filler) // 2:]]
    path = write_zip(tmp_path, {NAME: "\n".join([HEADER, *lines])})  # and no newline at the end
    assert run(path, data) == 0
    check_import(data)


def test_bad_value_deep_in_a_large_file_is_located_exactly(tmp_path, data, capsys, good_lines, monkeypatch):
    monkeypatch.setattr(baci_bulk, "CHUNK_BYTES", 1 << 20)
    filler = [f"2021,{100 + n % 50},{300 + n % 40},{100000 + n},{n}.5,1" for n in range(300_000)]
    bad_at, bad_code_at = 250_123, 180_017
    filler[bad_at] = filler[bad_at].replace(".5,", ".5x,")
    path = write_csv(tmp_path, [*good_lines, *filler])
    assert path.stat().st_size > 5 * baci_bulk.CHUNK_BYTES
    _fails(path, data, capsys, f"line {len(good_lines) + bad_at + 2} ", "is not a number")
    filler[bad_code_at] = filler[bad_code_at].replace("2021,", "2021,x", 1)
    path = write_csv(tmp_path, [*good_lines, *filler])
    _fails(path, data, capsys, f"line {len(good_lines) + bad_code_at + 2} ", "column 'i'", "is not an integer code")


def test_non_numeric_code_and_year_mismatch(tmp_path, data, capsys, good_lines):
    lines = [*good_lines]
    lines[1] = lines[1].replace(",398,", ",KAZ,", 1)
    _fails(write_csv(tmp_path, lines), data, capsys, "column 'i'", "'KAZ' is not an integer code")
    lines = [*good_lines]
    lines[2] = "2020" + lines[2][4:]
    _fails(write_csv(tmp_path, lines), data, capsys, "year 2020, but the file name says 2021")


def test_bad_product_code_and_duplicates(tmp_path, data, capsys, good_lines):
    _fails(write_csv(tmp_path, [*good_lines, "2021,398,156,2603,5,1"]), data, capsys, "'2603' is not an HS6 code")
    _fails(write_csv(tmp_path, [*good_lines, good_lines[0]]), data, capsys, "appears twice")


def test_file_name_and_empty_inputs(tmp_path, data, capsys, good_lines):
    _fails(write_csv(tmp_path, good_lines, name="baci.csv"), data, capsys, "not a BACI file name")
    _fails(write_csv(tmp_path, OTHER), data, capsys, "no rows with (i, j)")
    _fails(write_csv(tmp_path, []), data, capsys, "no data rows")
    _fails(tmp_path / "nowhere.zip", data, capsys, "no such file")


def test_no_progress_flag(tmp_path, data, good_lines, capsys):
    assert cli.main(["import", "baci", str(write_csv(tmp_path, good_lines)), "--data", str(data),
                     "--no-progress"]) == 0
    assert capsys.readouterr().err == ""


def test_rebuild_keeps_imported_rows(tmp_path, data, good_lines, raw_dir, speech_file):
    from kzcn import build

    assert run(write_csv(tmp_path, good_lines), data) == 0
    imported = {name: datasets.load(name, data) for name in ("trade_products", "sources", "refresh_log")}
    assert build.main(["--raw", str(raw_dir), "--speech", str(speech_file), "--out", str(data)]) == 0
    for name, frame in imported.items():
        assert datasets.load(name, data).equals(frame), name
    check_import(data)
