"""`kzcn refresh comtrade` against a local Comtrade-shaped server: success, retries, every failure mode.

The served records are rows of the real Comtrade downloads in the raw folder, turned into the API's JSON
shape here. Every failure must exit 1 with a message naming the problem and leave the data folder byte for
byte as it was. Nothing here touches the repository's data/.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from helpers import snapshot

from kzcn import build, cli, datasets
from kzcn.readers import carried_over
from kzcn.readers._common import read_csv_text
from kzcn.refresh import comtrade_api, merge

YEARS = (2014, 2015)
INTS = {"refPeriodId", "refYear", "refMonth", "reporterCode", "partnerCode", "partner2Code", "aggrLevel",
        "motCode", "qtyUnitCode", "altQtyUnitCode", "legacyEstimationFlag"}
FLOATS = {"qty", "altQty", "netWgt", "grossWgt", "cifvalue", "fobvalue", "primaryValue"}
BOOLS = {"isOriginalClassification", "isLeaf", "isQtyEstimated", "isAltQtyEstimated", "isNetWgtEstimated",
         "isGrossWgtEstimated", "isReported", "isAggregate"}
FAST = ["--min-interval", "0", "--backoff", "0.01", "--max-retries", "2"]


def _typed(field: str, text: str) -> Any:
    """A CSV cell as the API's JSON has it (numbers as numbers, empty as null, flags as booleans)."""
    if text == "":
        return None
    if field in INTS:
        return int(text)
    if field in FLOATS:
        return float(text)
    if field in BOOLS:
        return text == "true"
    return text


@pytest.fixture(scope="module")
def records(raw_dir) -> list[dict[str, Any]]:
    """The bilateral 2014–2015 rows of both real Comtrade downloads, as API records."""
    out = []
    for name, partner in (("comtrade_chn_reporter.csv", "398"), ("comtrade_kaz_reporter.csv", "156")):
        frame = read_csv_text(raw_dir / "raw" / "comtrade" / name, raw_dir, (), trailing_comma=True)
        frame = frame[(frame["partnerCode"] == partner) & frame["refYear"].isin([str(y) for y in YEARS])]
        out += [{k: _typed(k, v) for k, v in rec.items()} for rec in frame.to_dict("records")]
    assert 40 < len(out) < 80  # a few KB of fixture, not the files
    return out


def test_record_fields_are_the_comtrade_csv_header(raw_dir):
    for name in ("comtrade_chn_reporter.csv", "comtrade_kaz_reporter.csv"):
        header = (raw_dir / "raw" / "comtrade" / name).read_text().splitlines()[0].split(",")
        assert tuple(header) == comtrade_api.FIELDS


class FakeComtrade:
    """A Comtrade-shaped API on 127.0.0.1: `behave(n, params)` decides the answer to request n (0-based)."""

    MAX_REQUESTS = 40

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records
        self.requests: list[dict[str, Any]] = []
        self.behave: Callable[[int, dict[str, str]], tuple[int, dict[str, str], bytes]] = self.ok
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                n = len(fake.requests)
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                fake.requests.append({"path": parts.path, "params": params, "headers": dict(self.headers),
                                      "at": time.monotonic()})
                if n >= fake.MAX_REQUESTS:
                    status, headers, body = 503, {}, b"too many test requests"
                else:
                    status, headers, body = fake.behave(n, params)
                self.send_response(status)
                headers = {"Content-Type": "application/json", "Content-Length": str(len(body)), **headers}
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def select(self, params: dict[str, str]) -> list[dict[str, Any]]:
        years = {int(y) for y in params["period"].split(",")}
        return [r for r in self.records if str(r["reporterCode"]) == params["reporterCode"]
                and str(r["partnerCode"]) == params["partnerCode"] and r["refYear"] in years]

    def payload(self, params: dict[str, str], **over: Any) -> dict[str, Any]:
        data = self.select(params)
        return {"elapsedTime": "0.01 secs", "count": len(data), "data": data, "error": "", **over}

    def ok(self, n: int, params: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        return 200, {}, json.dumps(self.payload(params)).encode()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def api(records):
    fake = FakeComtrade(records)
    yield fake
    fake.close()


def run(api: FakeComtrade, data: Path, *extra: str) -> int:
    return cli.main(["refresh", "comtrade", "--from", str(YEARS[0]), "--to", str(YEARS[-1]), "--data", str(data),
                     "--base-url", api.url, *FAST, *extra])


@pytest.fixture(autouse=True)
def no_key(monkeypatch):
    monkeypatch.delenv(comtrade_api.KEY_ENV, raising=False)


# --- success ---------------------------------------------------------------------------------------------


def test_refresh_adds_both_directions_with_sources_and_log(api, data, records, capsys):
    before = datasets.load("trade_products", data)
    assert run(api, data) == 0
    assert "refresh comtrade: done" in capsys.readouterr().out
    products = datasets.load("trade_products", data)
    new = products[products["series"] == "comtrade_api"]
    assert len(new) == len(records)  # one row per record, nothing invented
    pd.testing.assert_frame_equal(products[products["series"] != "comtrade_api"].reset_index(drop=True), before)
    assert set(zip(new["reporter"], new["partner"], strict=True)) == {("China", "Kazakhstan"),
                                                                       ("Kazakhstan", "China")}
    # China's 2014 imports of chapter 26 from Kazakhstan: 1,155,299,111 US$ in the raw download
    row = new[(new.reporter == "China") & (new.flow == "imports") & (new.year == 2014) & (new.hs_chapter == "26")]
    assert row["value_usd"].tolist() == [1_155_299_111.0]
    assert set(new["classification"]) == {"H4"}
    # Without a key: the preview endpoint, two years a call, no key header anywhere
    assert {r["path"] for r in api.requests} == {comtrade_api.PREVIEW_PATH}
    assert len(api.requests) == 2 and {r["params"]["period"] for r in api.requests} == {"2014,2015"}
    assert all(r["params"]["cmdCode"] == "AG2,TOTAL" and r["params"]["flowCode"] == "M,X" for r in api.requests)
    sources = datasets.load("sources", data).set_index("source_id")
    day = datetime.now(UTC).strftime("%Y%m%d")
    for sid in (f"comtrade-api-156-398-2014-2015-{day}", f"comtrade-api-398-156-2014-2015-{day}"):
        src = sources.loc[sid]
        assert src["kind"] == "official_statistics" and src["accessed"] == datetime.now(UTC).date().isoformat()
        assert src["url"].startswith(api.url + comtrade_api.PREVIEW_PATH + "?")
    assert set(new["source_id"]) == {f"comtrade-api-156-398-2014-2015-{day}", f"comtrade-api-398-156-2014-2015-{day}"}
    assert new["source_locator"].str.contains(api.url, regex=False).all()
    log = datasets.load("refresh_log", data)
    assert len(log) == 2 and set(log["step"]) == {"comtrade"}
    assert log["rows"].sum() == len(records)
    coverage = datasets.load("product_coverage", data)
    cov = coverage[coverage["series"] == "comtrade_api"].set_index(["year", "reporter", "flow", "hs_chapter"])
    assert cov.loc[(2014, "China", "imports", "26"), "status"] == "available"
    assert cov.loc[(2014, "China", "imports", "27"), "status"] == "none_recorded"  # a complete series


def test_key_uses_the_data_api_header_and_never_the_url(api, data, monkeypatch):
    monkeypatch.setenv(comtrade_api.KEY_ENV, "test-key-123")
    assert run(api, data) == 0
    assert {r["path"] for r in api.requests} == {comtrade_api.DATA_PATH}
    assert all(r["headers"].get(comtrade_api.KEY_HEADER) == "test-key-123" for r in api.requests)
    for frame in (datasets.load("sources", data), datasets.load("trade_products", data)):
        assert not frame.astype(str).apply(lambda col: col.str.contains("test-key-123")).any().any()


def test_same_refresh_twice_is_idempotent(api, data):
    settings = comtrade_api.Settings(base_url=api.url, min_interval=0, backoff=0.01)
    comtrade_api.refresh(data, 2014, 2015, settings, now=datetime(2026, 3, 1, 9, 0, tzinfo=UTC), progress=None)
    first = snapshot(data)
    comtrade_api.refresh(data, 2014, 2015, settings, now=datetime(2026, 3, 1, 17, 30, tzinfo=UTC), progress=None)
    second = snapshot(data)
    for name in ("trade_products.parquet", "sources.parquet", "product_coverage.parquet"):
        assert first[name] == second[name], name
    log = datasets.load("refresh_log", data)
    assert len(log) == 4  # the log grows by the run ...
    products = datasets.load("trade_products", data)
    assert products.duplicated(["year", "reporter", "partner", "flow", "hs_chapter", "series"]).sum() == 0


def test_newer_retrieval_replaces_older_rows(api, data, records):
    settings = comtrade_api.Settings(base_url=api.url, min_interval=0, backoff=0.01)
    comtrade_api.refresh(data, 2014, 2015, settings, now=datetime(2026, 3, 1, tzinfo=UTC), progress=None)
    revised = [dict(r) for r in records if not (r["refYear"] == 2015 and r["cmdCode"] == "81")]
    for r in revised:
        if r["refYear"] == 2015 and r["cmdCode"] == "26" and r["reporterCode"] == 156 and r["flowCode"] == "M":
            r["primaryValue"] = 123456789.0
    api.records = revised
    comtrade_api.refresh(data, 2015, 2015, settings, now=datetime(2026, 4, 2, tzinfo=UTC), progress=None)
    products = datasets.load("trade_products", data)
    new = products[products["series"] == "comtrade_api"]
    assert len(new) == len(revised)  # 2015 replaced as a whole: the dropped chapter 81 rows are gone
    y15 = new[new.year == 2015]
    assert set(y15["source_id"]) == {"comtrade-api-156-398-2015-20260402", "comtrade-api-398-156-2015-20260402"}
    assert set(new[new.year == 2014]["source_id"]) == {"comtrade-api-156-398-2014-2015-20260301",
                                                       "comtrade-api-398-156-2014-2015-20260301"}
    hit = y15[(y15.reporter == "China") & (y15.flow == "imports") & (y15.hs_chapter == "26")]
    assert hit["value_usd"].tolist() == [123456789.0]
    assert "81" not in set(y15["hs_chapter"])
    # the older retrieval's sources stay: the refresh log still names them
    assert len(datasets.load("refresh_log", data)) == 4
    assert "comtrade-api-156-398-2014-2015-20260301" in set(datasets.load("sources", data)["source_id"])


def test_429_then_success_honours_retry_after(api, data):
    def behave(n, params):
        if n == 0:
            return 429, {"Retry-After": "0.3"}, b'{"statusCode": 429, "message": "Rate limit is exceeded."}'
        return api.ok(n, params)

    api.behave = behave
    assert run(api, data, "--backoff", "30") == 0  # a backoff of 30 s would time the test out: Retry-After won
    gap = api.requests[1]["at"] - api.requests[0]["at"]
    assert 0.3 <= gap < 10
    assert len(api.requests) == 3


def test_calls_are_spaced_by_the_minimum_interval(api, data):
    assert run(api, data, "--min-interval", "1") == 0
    assert api.requests[1]["at"] - api.requests[0]["at"] >= 0.8  # measured at the server: allow some jitter


# --- failures: exit 1, a message naming the problem, data untouched -----------------------------------


def _fails(api, data, capsys, *words: str, extra: tuple[str, ...] = ()) -> str:
    before = snapshot(data)
    assert run(api, data, *extra) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    last = err.splitlines()[-1]  # progress and retry notices come before it, the message is one line
    assert last.startswith("refresh comtrade failed, data left unchanged: "), err
    for word in words:
        assert word in last, (word, last)
    assert snapshot(data) == before
    return last


def test_persistent_429_stops_with_rate_limit(api, data, capsys):
    api.behave = lambda n, p: (429, {"Retry-After": "0"}, b'{"statusCode": 429, "message": "Rate limit is exceeded."}')
    _fails(api, data, capsys, "rate limit reached", "HTTP 429", "3 attempts")
    assert len(api.requests) == 3  # bounded: 1 + 2 retries


def test_retry_after_longer_than_allowed_stops_at_once(api, data, capsys):
    api.behave = lambda n, p: (429, {"Retry-After": "3600"}, b"{}")
    _fails(api, data, capsys, "rate limit reached", "3600")
    assert len(api.requests) == 1


def test_quota_used_up_stops_at_once(api, data, capsys):
    body = b'{"statusCode": 403, "message": "Out of call volume quota. Quota will be replenished in 03:14:17."}'
    api.behave = lambda n, p: (403, {}, body)
    _fails(api, data, capsys, "rate limit reached", "quota", "03:14:17")
    assert len(api.requests) == 1


def test_server_error_is_retried_then_fails(api, data, capsys):
    api.behave = lambda n, p: (500, {"Content-Type": "text/plain"}, b"Internal Server Error")
    _fails(api, data, capsys, "HTTP 500", "Internal Server Error")
    assert len(api.requests) == 3


def test_server_error_then_success(api, data):
    api.behave = lambda n, p: (503, {}, b"") if n == 0 else api.ok(n, p)
    assert run(api, data) == 0


def test_second_direction_failing_writes_nothing(api, data, capsys):
    api.behave = lambda n, p: api.ok(n, p) if n == 0 else (400, {}, b'{"message": "Bad parameter"}')
    _fails(api, data, capsys, "HTTP 400", "Bad parameter")


def test_truncated_body(api, data, capsys):
    def behave(n, params):
        body = json.dumps(api.payload(params)).encode()
        return 200, {"Content-Length": str(len(body))}, body[: len(body) // 2]

    api.behave = behave
    _fails(api, data, capsys, "truncated response")


def test_malformed_json(api, data, capsys):
    def behave(n, params):
        body = json.dumps(api.payload(params)).encode()[:-40]
        return 200, {}, body

    api.behave = behave
    _fails(api, data, capsys, "not valid JSON")


def test_count_disagreeing_with_data(api, data, capsys):
    api.behave = lambda n, p: (200, {}, json.dumps(api.payload(p, count=999)).encode())
    _fails(api, data, capsys, "'count' is 999")


def test_error_field_set(api, data, capsys):
    api.behave = lambda n, p: (200, {}, json.dumps(api.payload(p, error="Invalid period parameter")).encode())
    _fails(api, data, capsys, "the API reports an error", "Invalid period parameter")


def test_missing_column(api, data, capsys, records):
    api.records = [{("primaryValueUSD" if k == "primaryValue" else k): v for k, v in r.items()} for r in records]
    _fails(api, data, capsys, "lacks field(s) ['primaryValue']")


def test_unexpected_column(api, data, capsys, records):
    api.records = [{**r, "tradeValueNew": 1} for r in records]
    _fails(api, data, capsys, "unexpected field(s) ['tradeValueNew']")


def test_value_that_does_not_parse(api, data, capsys, records):
    api.records = [dict(r) for r in records]
    api.records[3]["primaryValue"] = "12,5 bn"
    _fails(api, data, capsys, "primaryValue", "'12,5 bn' is not a number")


def test_wrong_partner_in_response(api, data, capsys, records):
    api.records = [dict(r) for r in records]
    api.behave = lambda n, p: (200, {}, json.dumps(api.payload(p, data=[{**api.select(p)[0], "partnerCode": 0}],
                                                               count=1)).encode())
    _fails(api, data, capsys, "partnerCode", "expected 398")


def test_preview_cap_reached(api, data, capsys):
    def behave(n, params):
        data_ = [dict(api.select(params)[0], cmdCode=f"{c:02d}", refYear=2014) for c in range(1, 98)] * 6
        return 200, {}, json.dumps({"count": len(data_[:500]), "data": data_[:500], "error": ""}).encode()

    api.behave = behave
    _fails(api, data, capsys, "cap of 500", comtrade_api.KEY_ENV)


def test_network_down(data, capsys, records):
    api = FakeComtrade(records)
    api.close()  # nothing listens there any more
    _fails(api, data, capsys, "cannot reach", "network down")


def test_bad_year_range(api, data, capsys):
    before = snapshot(data)
    assert cli.main(["refresh", "comtrade", "--from", "2020", "--to", "2015", "--data", str(data),
                     "--base-url", api.url, *FAST]) == 1
    assert "expected" in capsys.readouterr().err and not api.requests
    assert snapshot(data) == before


def test_missing_data_folder(api, tmp_path, capsys):
    assert cli.main(["refresh", "comtrade", "--data", str(tmp_path / "nowhere"), "--base-url", api.url,
                     "--from", "2014", "--to", "2015", *FAST]) == 1
    assert "trade_products.parquet" in capsys.readouterr().err


# --- rebuild keeps refreshed rows ------------------------------------------------------------------------


def test_build_keeps_refreshed_rows(api, data, raw_dir, speech_file):
    settings = comtrade_api.Settings(base_url=api.url, min_interval=0)
    comtrade_api.refresh(data, 2014, 2015, settings, now=datetime(2026, 3, 1, tzinfo=UTC), progress=None)
    refreshed = {name: datasets.load(name, data) for name in merge.CHANGED}
    carried = carried_over.read_previous(data)
    assert set(carried) == {"trade_products", "sources", "refresh_log"}
    assert len(carried["sources"]) == 2 and len(carried["refresh_log"]) == 2
    assert build.main(["--raw", str(raw_dir), "--speech", str(speech_file), "--out", str(data)]) == 0
    for name, frame in refreshed.items():  # a rebuild gives back exactly what the refresh wrote
        pd.testing.assert_frame_equal(datasets.load(name, data), frame, obj=name)


def test_carried_over_reader_with_no_previous_files(tmp_path):
    assert carried_over.read_previous(tmp_path / "empty") == {}
