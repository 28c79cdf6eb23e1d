"""UN Comtrade API → trade_products (series comtrade_api): China ↔ Kazakhstan, every HS chapter and TOTAL.

    GET {base}/data/v1/get/C/A/HS?reporterCode=156&partnerCode=398&period=2014,2015&cmdCode=AG2,TOTAL
        &flowCode=M,X&partner2Code=0&customsCode=C00&motCode=0
        header Ocp-Apim-Subscription-Key: <COMTRADE_API_KEY>

Without a key the public preview endpoint {base}/public/v1/preview/C/A/HS takes the same parameters but
returns at most 500 records a call, so the years are asked for two at a time (2 flows × ≤ 99 codes × 2 years
< 500); with a key, twelve at a time (the most periods one call takes) under the 100,000-record cap. Each
response is `{"elapsedTime": …, "count": n, "data": [records], "error": ""}`, the records having the field
names of the Comtrade CSV downloads in data/raw.

Calls are spaced by a minimum interval; 429 and 5xx answers (and dropped connections) are retried with
bounded exponential backoff, honouring Retry-After. Plain urllib, not comtradeapicall: that package prints
HTTP errors and returns None (or raises SystemExit on a network error) instead of raising, has no retry or
throttle, and would add requests and its own pandas handling as dependencies (see docs/refresh.md).
Everything is fetched and checked before merge.apply writes anything.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import sys
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

import pandas as pd
import pyarrow as pa

from kzcn.readers import comtrade as shipped
from kzcn.readers._common import PRODUCT_COLUMNS, SOURCE_COLUMNS, is_blank, parse_number, source_row, to_usd
from kzcn.refresh import COUNTRIES, RefreshError, merge

SERIES = "comtrade_api"
STEP = "comtrade"
DEFAULT_BASE_URL = "https://comtradeapi.un.org"
DATA_PATH = "/data/v1/get/C/A/HS"
PREVIEW_PATH = "/public/v1/preview/C/A/HS"
KEY_ENV = "COMTRADE_API_KEY"
KEY_HEADER = "Ocp-Apim-Subscription-Key"
DOWNLOAD_PAGE = "https://comtradeplus.un.org/"
PUBLISHER = "United Nations Statistics Division (UN Comtrade)"

PREVIEW_CAP = 500  # records per call without a key
KEYED_CAP = 100_000  # records per call with a free key
PREVIEW_YEARS_PER_CALL = 2
KEYED_YEARS_PER_CALL = 12
FIRST_YEAR = 1962  # Comtrade's earliest annual data

# Defaults within the API's limits: one call every 6 s (10 a minute), up to 4 retries, waits of 2, 4, 8,
# 16 s unless the server says otherwise; a server asking for more than MAX_WAIT means the limit is reached.
MIN_INTERVAL = 6.0
MAX_RETRIES = 4
BACKOFF = 2.0
MAX_WAIT = 120.0
TIMEOUT = 120.0

PAIRS = ((156, 398), (398, 156))  # (reporter, partner): China → Kazakhstan and the reverse
FLOWS = shipped.FLOWS  # X → exports, M → imports
TOTAL = shipped.TOTAL
REQUIRED = shipped.REQUIRED
# Only the all-partner2 / all-customs-procedure / all-transport-mode totals are asked for and accepted.
TOTALS_ONLY = {"partner2Code": "0", "customsCode": "C00", "motCode": "0"}
# The fields of a Comtrade Plus final-data record, as in the CSV downloads (tests/test_refresh.py checks
# this against the header of data/raw/comtrade/*.csv). A field outside this list means the API changed.
FIELDS = (
    "typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode", "reporterISO",
    "reporterDesc", "flowCode", "flowDesc", "partnerCode", "partnerISO", "partnerDesc", "partner2Code",
    "partner2ISO", "partner2Desc", "classificationCode", "classificationSearchCode", "isOriginalClassification",
    "cmdCode", "cmdDesc", "aggrLevel", "isLeaf", "customsCode", "customsDesc", "mosCode", "motCode", "motDesc",
    "qtyUnitCode", "qtyUnitAbbr", "qty", "isQtyEstimated", "altQtyUnitCode", "altQtyUnitAbbr", "altQty",
    "isAltQtyEstimated", "netWgt", "isNetWgtEstimated", "grossWgt", "isGrossWgtEstimated", "cifvalue",
    "fobvalue", "primaryValue", "legacyEstimationFlag", "isReported", "isAggregate",
)

Progress = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Settings:
    base_url: str = DEFAULT_BASE_URL
    key: str | None = None
    min_interval: float = MIN_INTERVAL
    max_retries: int = MAX_RETRIES
    backoff: float = BACKOFF
    max_wait: float = MAX_WAIT
    timeout: float = TIMEOUT

    @property
    def path(self) -> str:
        return DATA_PATH if self.key else PREVIEW_PATH

    @property
    def cap(self) -> int:
        return KEYED_CAP if self.key else PREVIEW_CAP

    @property
    def years_per_call(self) -> int:
        return KEYED_YEARS_PER_CALL if self.key else PREVIEW_YEARS_PER_CALL

    @property
    def endpoint(self) -> str:
        return "data API (with subscription key)" if self.key else "public preview API (no key)"


def key_from_env() -> str | None:
    key = os.environ.get(KEY_ENV, "").strip()
    return key or None


def query(reporter: int, partner: int, years: Iterable[int]) -> dict[str, str]:
    return {"reporterCode": str(reporter), "partnerCode": str(partner), "period": ",".join(map(str, years)),
            "cmdCode": f"AG2,{TOTAL}", "flowCode": "M,X", **TOTALS_ONLY}


def request_url(settings: Settings, params: dict[str, str]) -> str:
    """The URL of a call; the key travels in a header, so this URL never contains it."""
    return f"{settings.base_url.rstrip('/')}{settings.path}?{urlencode(params, safe=',')}"


def _server_message(body: bytes) -> str:
    """What an error answer says, on one line (Comtrade sends {"statusCode": …, "message": …})."""
    text = body.decode("utf-8", "replace").strip()
    try:
        payload = json.loads(text)
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        for field in ("message", "error", "errorMessage"):
            if payload.get(field):
                text = str(payload[field])
                break
    return " ".join(text.split())[:300]


def _retry_after(headers: Any, message: str) -> float | None:
    """Seconds the server asks us to wait: Retry-After (seconds or HTTP date), else 'try again in N seconds'."""
    value = headers.get("Retry-After") if headers is not None else None
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
            except (TypeError, ValueError):
                pass
    match = re.search(r"try again in (\d+(?:\.\d+)?) second", message, re.IGNORECASE)
    return float(match.group(1)) if match else None


class Client:
    """GET JSON from the Comtrade API within its limits: throttled, retried, every failure a RefreshError."""

    def __init__(self, settings: Settings, progress: Progress | None = None) -> None:
        self.settings = settings
        self.progress = progress or (lambda _message: None)
        self.calls = 0
        self._last: float | None = None

    def _throttle(self) -> None:
        if self._last is not None:
            wait = self.settings.min_interval - (time.monotonic() - self._last)
            if wait > 0:
                time.sleep(wait)
        self._last = time.monotonic()

    def _wait(self, attempt: int, asked: float | None, what: str, url: str, *, limited: bool = False) -> None:
        """Sleep before retrying after failed attempt `attempt`, or raise if retries are used up or the server
        asks for a longer wait than MAX_WAIT. `limited`: the failure was a 429 (rate limit)."""
        s = self.settings
        kind = "rate limit reached" if limited else "request failed"
        if asked is not None and asked > s.max_wait:
            raise RefreshError(f"Comtrade {kind}: {what}; the server asks to wait {asked:g} s, more than the "
                               f"{s.max_wait:g} s this command waits. Run it again later ({url})")
        if attempt > s.max_retries:
            raise RefreshError(f"Comtrade {kind}: {what}, still failing after {attempt} attempts ({url})")
        wait = asked if asked is not None else min(s.backoff * 2 ** (attempt - 1), s.max_wait)
        self.progress(f"  {what}; retry {attempt}/{s.max_retries} in {wait:g} s")
        time.sleep(wait)

    def get(self, params: dict[str, str]) -> tuple[str, Any]:
        """(URL, decoded JSON) of one call."""
        url = request_url(self.settings, params)
        headers = {"Accept": "application/json", "Accept-Encoding": "gzip", "User-Agent": "kzcn-refresh/0.1"}
        attempt = 0
        while True:
            attempt += 1
            self._throttle()
            self.calls += 1
            try:
                request = Request(url, headers=headers)
                if self.settings.key:  # not passed on if the server redirects elsewhere
                    request.add_unredirected_header(KEY_HEADER, self.settings.key)
                with urlopen(request, timeout=self.settings.timeout) as resp:
                    body = resp.read()
                    encoding = (resp.headers.get("Content-Encoding") or "").lower()
            except HTTPError as exc:
                try:
                    message = _server_message(exc.read())
                except (OSError, http.client.HTTPException):
                    message = ""
                what = f"HTTP {exc.code}" + (f" ({message})" if message else "")
                if exc.code == 429 or 500 <= exc.code < 600:
                    self._wait(attempt, _retry_after(exc.headers, message), what, url, limited=exc.code == 429)
                    continue
                if exc.code == 403 and "quota" in message.lower():
                    raise RefreshError(f"Comtrade rate limit reached: the call quota is used up ({what}). "
                                       f"Run again once it is replenished ({url})") from None
                if exc.code in (401, 403):
                    raise RefreshError(f"Comtrade refused access: {what}; check {KEY_ENV} ({url})") from None
                raise RefreshError(f"Comtrade request failed: {what} ({url})") from None
            except http.client.IncompleteRead as exc:
                self._wait(attempt, None, f"truncated response ({len(exc.partial)} bytes received, "
                                          f"{exc.expected} more expected)", url)
                continue
            except (URLError, http.client.HTTPException, OSError) as exc:
                reason = getattr(exc, "reason", None) or exc
                self._wait(attempt, None, f"cannot reach {urlsplit(url).netloc} ({reason}; network down?)", url)
                continue
            return url, self._decode(body, encoding, url)

    @staticmethod
    def _decode(body: bytes, encoding: str, url: str) -> Any:
        try:
            if encoding == "gzip":
                body = gzip.decompress(body)
            # floats as text: values are turned into exact Decimals by parse_number, never via binary floats
            return json.loads(body.decode("utf-8"), parse_float=str)
        except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as exc:
            raise RefreshError(f"Comtrade response is not valid JSON (truncated or malformed: {exc}) ({url})"
                               ) from None


def parse_response(payload: Any, url: str, reporter: int, partner: int, years: list[int], cap: int,
                   source_id: str) -> list[dict[str, Any]]:
    """trade_products rows from one response, every field checked; RefreshError names record and field."""
    where = f"Comtrade response for reporter {reporter}, partner {partner}, years {years[0]}–{years[-1]} ({url})"
    if not isinstance(payload, dict):
        raise RefreshError(f"{where}: expected a JSON object, got {type(payload).__name__}")
    error = payload.get("error")
    if error not in (None, ""):
        raise RefreshError(f"{where}: the API reports an error: {' '.join(str(error).split())[:300]}")
    missing = [f for f in ("count", "data") if f not in payload]
    if missing:
        raise RefreshError(f"{where}: no {missing} field in the response (fields: {sorted(payload)})")
    data, count = payload["data"], payload["count"]
    if not isinstance(data, list):
        raise RefreshError(f"{where}: 'data' is {type(data).__name__}, expected a list of records")
    if isinstance(count, bool) or not isinstance(count, int) or count != len(data):
        raise RefreshError(f"{where}: 'count' is {count!r} but 'data' holds {len(data)} records (truncated?)")
    if len(data) >= cap:
        hint = f"; set {KEY_ENV} to use the data API" if cap == PREVIEW_CAP else ""
        raise RefreshError(f"{where}: {len(data)} records, the endpoint's cap of {cap}, so the result may be "
                           f"incomplete{hint}")
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[int, str, str], int] = {}
    for n, rec in enumerate(data):

        def fail(field: str, problem: str, n: int = n) -> RefreshError:
            return RefreshError(f"{where}: data[{n}], field {field!r}: {problem}")

        if not isinstance(rec, dict):
            raise RefreshError(f"{where}: data[{n}] is {type(rec).__name__}, expected a record")
        lacking = [f for f in REQUIRED if f not in rec]
        if lacking:
            raise RefreshError(f"{where}: data[{n}] lacks field(s) {lacking} (has the API changed?)")
        extra = sorted(set(rec) - set(FIELDS))
        if extra:
            raise RefreshError(f"{where}: data[{n}] has unexpected field(s) {extra} (has the API changed?)")

        def text(field: str, rec: dict[str, Any] = rec) -> str:
            value = rec.get(field)
            return "" if value is None or isinstance(value, bool) else str(value).strip()

        if text("reporterCode") != str(reporter):
            raise fail("reporterCode", f"{rec['reporterCode']!r}, expected {reporter}")
        if text("partnerCode") != str(partner):
            raise fail("partnerCode", f"{rec['partnerCode']!r}, expected {partner}")
        flow = FLOWS.get(text("flowCode"))
        if flow is None:
            raise fail("flowCode", f"{rec['flowCode']!r} is neither X nor M")
        if not re.fullmatch(r"\d{4}", text("refYear")) or int(text("refYear")) not in years:
            raise fail("refYear", f"{rec['refYear']!r} is not one of the years asked for {years}")
        year = int(text("refYear"))
        chapter = text("cmdCode")
        if chapter != TOTAL and not re.fullmatch(r"\d{2}", chapter):
            raise fail("cmdCode", f"{rec['cmdCode']!r} is neither {TOTAL} nor a two-digit HS chapter")
        classification = text("classificationCode")
        if not classification:
            raise fail("classificationCode", "empty")
        for field, want in TOTALS_ONLY.items():
            if field in rec and text(field) != want:
                raise fail(field, f"{rec[field]!r}, expected {want} (only totals were asked for)")
        if is_blank(rec["primaryValue"]):
            raise fail("primaryValue", "empty")
        try:
            value = to_usd(parse_number(rec["primaryValue"]), 1)
        except ValueError:
            raise fail("primaryValue", f"{rec['primaryValue']!r} is not a number") from None
        key = (year, flow, chapter)
        if key in seen:
            raise fail("cmdCode", f"year {year}, flow {flow}, cmdCode {chapter} already in data[{seen[key]}]")
        seen[key] = n
        rows.append({
            "year": year, "reporter": COUNTRIES[reporter], "partner": COUNTRIES[partner], "flow": flow,
            "hs_chapter": chapter, "value_usd": value, "series": SERIES, "classification": classification,
            "source_id": source_id,
            "source_locator": f"{url} data[{n}] (refYear {year}, flowCode {text('flowCode')}, cmdCode {chapter})",
            "note": None,
        })
    return rows


def _chunks(first: int, last: int, size: int) -> list[list[int]]:
    years = list(range(first, last + 1))
    return [years[i:i + size] for i in range(0, len(years), size)]


def source_id(reporter: int, partner: int, first: int, last: int, day: str) -> str:
    """One source per direction and run: the request, its years and the retrieval day (YYYYMMDD)."""
    years = f"{first}" if first == last else f"{first}-{last}"
    return f"comtrade-api-{reporter}-{partner}-{years}-{day}"


def fetch(first: int, last: int, settings: Settings, now: datetime,
          progress: Progress | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(trade_products, sources, refresh_log) rows for both directions and the years first..last."""
    this_year = now.year
    if not FIRST_YEAR <= first <= last <= this_year:
        raise RefreshError(f"years {first}–{last}: expected {FIRST_YEAR} ≤ --from ≤ --to ≤ {this_year}")
    say = progress or (lambda _message: None)
    client = Client(settings, say)
    day, accessed = now.strftime("%Y%m%d"), now.date().isoformat()
    refreshed_at = now.isoformat(timespec="microseconds").replace("+00:00", "Z")
    products: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    log: list[dict[str, Any]] = []
    for reporter, partner in PAIRS:
        sid = source_id(reporter, partner, first, last, day)
        rows: list[dict[str, Any]] = []
        calls_before = client.calls
        for years in _chunks(first, last, settings.years_per_call):
            url, payload = client.get(query(reporter, partner, years))
            got = parse_response(payload, url, reporter, partner, years, settings.cap, sid)
            say(f"comtrade: reporter {reporter}, partner {partner}, {years[0]}–{years[-1]}: {len(got)} records")
            rows.extend(got)
        empty_years = sorted(set(range(first, last + 1)) - {r["year"] for r in rows})
        products.extend(rows)
        sources.append(source_row(
            sid, publisher=PUBLISHER,
            title=(f"UN Comtrade API: {COUNTRIES[reporter]} as reporter, partner {COUNTRIES[partner]}, imports "
                   f"and exports, all HS chapters (AG2) and TOTAL, {first}–{last}"),
            url=request_url(settings, query(reporter, partner, range(first, last + 1))),
            download_page=DOWNLOAD_PAGE, kind="official_statistics", licence="UN Comtrade terms of use",
            accessed=accessed,
            notes=(f"Retrieved by `kzcn refresh comtrade` on {accessed} from the {settings.endpoint}, "
                   f"{settings.years_per_call} year(s) per call; each row's source_locator gives its exact "
                   f"request and record. US$, primaryValue (CIF for imports, FOB for exports), as Comtrade "
                   f"published it that day (Comtrade revises its data)."
                   + (f" No records for {empty_years}." if empty_years else "")),
        ))
        log.append({"refreshed_at": refreshed_at, "step": STEP, "source_id": sid, "rows": len(rows),
                    "detail": (f"{client.calls - calls_before} call(s) to the {settings.endpoint}, years "
                               f"{first}–{last}" + (f"; no records for {empty_years}" if empty_years else ""))})
    if not products:
        raise RefreshError(f"Comtrade returned no records for China–Kazakhstan, {first}–{last}; nothing written")
    return (pd.DataFrame(products, columns=list(PRODUCT_COLUMNS)),
            pd.DataFrame(sources, columns=list(SOURCE_COLUMNS)),
            pd.DataFrame(log))


def refresh(data_dir: Path, first: int, last: int, settings: Settings, *, now: datetime | None = None,
            progress: Progress | None = _stderr) -> dict[str, pa.Table]:
    """Fetch, check and merge into `data_dir`; returns the tables written. Raises before writing anything."""
    now = now or datetime.now(UTC)
    products, sources, log = fetch(first, last, settings, now, progress)
    return merge.apply(products, sources, log, data_dir)
