"""Validation names the row and column; writes are all-or-nothing; the loader gives one clear error."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kzcn import datasets, store
from kzcn.errors import DatasetError, ValidationError
from kzcn.schemas import DATASETS
from kzcn.validate import check_source_ids, to_table


def _trade(**over) -> pd.DataFrame:
    row = {"year": 2023, "reporter": "China", "partner": "Kazakhstan", "flow": "exports", "value_usd": 1.0,
           "series": "comtrade", "status": "reported", "preferred": True, "source_id": "comtrade-chn",
           "source_locator": "row 7", "note": None}
    row.update(over)
    return pd.DataFrame([row])


def test_valid_frame_becomes_a_typed_table():
    table = to_table("trade_annual", _trade())
    assert table.schema.equals(DATASETS["trade_annual"])


@pytest.mark.parametrize(("over", "message"), [
    ({"reporter": "Russia"}, r"row 0 \(row 7\), column 'reporter': 'Russia' is not one of"),
    ({"value_usd": "12 e"}, r"column 'value_usd': value '12 e' is not double"),
    ({"source_id": None}, r"column 'source_id': empty value"),
    ({"year": 70000}, r"column 'year'"),
])
def test_bad_value_is_named_by_row_and_column(over, message):
    with pytest.raises(ValidationError, match=message):
        to_table("trade_annual", _trade(**over))


def test_missing_and_unexpected_columns_are_refused():
    with pytest.raises(ValidationError, match="missing column"):
        to_table("trade_annual", _trade().drop(columns=["series"]))
    with pytest.raises(ValidationError, match="unexpected column"):
        to_table("trade_annual", _trade().assign(extra=1))


def test_duplicate_keys_are_refused():
    with pytest.raises(ValidationError, match="duplicate key"):
        to_table("trade_annual", pd.concat([_trade(), _trade()]))


def test_unknown_source_is_refused():
    tables = {"trade_annual": to_table("trade_annual", _trade())}
    with pytest.raises(ValidationError, match="unknown source 'comtrade-chn'"):
        check_source_ids(tables, ["imf-dots-kaz"])


def test_write_is_all_or_nothing(tmp_path, monkeypatch):
    good = {"trade_annual": to_table("trade_annual", _trade())}
    store.write_tables(good, tmp_path)
    before = (tmp_path / "trade_annual.parquet").read_bytes()

    real_write = pq.write_table

    def broken(table, path, **kw):
        if "sources" in str(path):
            raise OSError("disk full")
        return real_write(table, path, **kw)

    changed = {"trade_annual": to_table("trade_annual", _trade(value_usd=2.0)),
               "sources": pa.table({"x": [1]})}
    monkeypatch.setattr(store.pq, "write_table", broken)
    with pytest.raises(OSError):
        store.write_tables(changed, tmp_path)
    assert (tmp_path / "trade_annual.parquet").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".build-")]


def test_loader_reads_what_was_written(tmp_path):
    store.write_tables({"trade_annual": to_table("trade_annual", _trade())}, tmp_path)
    frame = datasets.load("trade_annual", tmp_path)
    assert frame.loc[0, "value_usd"] == 1.0


def test_loader_names_a_missing_file(tmp_path):
    with pytest.raises(DatasetError, match=r"trade_annual.parquet: file is missing"):
        datasets.load("trade_annual", tmp_path)


def test_loader_names_a_corrupt_file(tmp_path):
    (tmp_path / "events.parquet").write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(DatasetError, match=r"events.parquet: file is not a readable parquet file"):
        datasets.load("events", tmp_path)


def test_loader_names_a_wrongly_typed_column(tmp_path):
    table = to_table("trade_annual", _trade())
    bad = table.set_column(table.schema.get_field_index("year"), "year", pa.array(["2023"]))
    pq.write_table(bad, tmp_path / "trade_annual.parquet")
    with pytest.raises(DatasetError, match=r"column 'year' has type string, expected int16"):
        datasets.load("trade_annual", tmp_path)
