"""Source addresses and access dates: the build refuses a bad URL, an unmarked copy, and a date nobody read.

Small curated tables are written here and read through the real loader (kzcn.curated), then validated as the
build does (kzcn.validate.to_table), so a failure is the build's own message, naming the row.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzcn import curated, views
from kzcn.errors import ValidationError
from kzcn.schemas import REPOST_HOSTS
from kzcn.validate import repost_hosts, to_table, url_problem

EVENT = {
    "event_id": "2023-04-27-meeting", "start": "2023-04-27", "end": "2023-04-27", "title": "A meeting",
    "category": "multilateral", "themes": "6-international_cooperation", "city": "Xi'an", "country": "China",
    "lat": "34.3", "lon": "108.9", "participants": "", "summary": "A meeting was held.", "disagreement": "",
    "passage_ids": "", "source_urls": "https://www.inform.kz/en/a | http://en.people.cn/n3/2023/0428/c1.html",
    "source_note": "",
}
SOURCE = {
    "source_id": "s1", "publisher": "P", "title": "T", "url": "https://stat.gov.kz/en/x/",
    "download_page": "https://stat.gov.kz/en/x/", "accessed": "2026-11-28", "cited_from": "", "licence": "",
    "kind": "official_statistics", "file": "", "notes": "",
}


def _events(tmp_path: Path, *rows: dict) -> pd.DataFrame:
    pd.DataFrame([{**EVENT, **row} for row in rows]).to_csv(tmp_path / "events.csv", index=False)
    return curated.events(tmp_path)


def _sources(tmp_path: Path, *rows: dict) -> pd.DataFrame:
    pd.DataFrame([{**SOURCE, **row} for row in rows]).to_csv(tmp_path / "sources.csv", index=False)
    return curated.sources(tmp_path)


# --- url_problem -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://www.inform.kz/en/kazakh-chinese-presidents-hold-talks_a4068289/amp",
    "http://paper.people.com.cn/rmrb/html/2022-09/15/nw.D110000renmrb_20220915_1-02.htm",
    "https://zh.m.wikisource.org/zh-hant/%E4%B8%AD_(1998%E5%B9%B4)",
    "http://tass.com/world/950697", "https://1prime.ru/a", "https://24.kz/ru/news", "https://3.cn/x",
])
def test_publisher_addresses_pass(url):
    assert url_problem(url) is None


@pytest.mark.parametrize(("url", "words"), [
    ("http://49.213.3.35/doc/241_13573_105096600_1.html", "bare IP address"),
    ("http://[2001:db8::1]/a", "bare IP address"),
    ("http://2130706433/a", "bare IP address"),
    ("http://127.1/a", "bare IP address"),
    ("http://the-uncensored-wiki.com:20121/A/x.html", "explicit port"),
    ("https://example.org:443/a", "explicit port"),
    ("http://[2001:db8::1]:8080/a", "explicit port"),
    ("https://example.org:/a", "explicit port"),
    ("https://el.kz./ru/amp/x", "ends with a dot"),
    ("ftp://example.org/a", "is not http or https"),
    ("javascript:alert(1)", "is not http or https"),
    ("//example.org/a", "is not http or https"),
    ("https:///a", "no host"),
    ("https://user:pw@example.org/a", "user name or password"),
    ("https://exa mple.org/a", "spaces"),
    (" https://example.org/a", "spaces"),
    ("", "empty"),
])
def test_bad_addresses_are_named(url, words):
    problem = url_problem(url)
    assert problem is not None and words in problem


_LABEL = st.from_regex(r"[a-z][a-z0-9-]{0,14}[a-z0-9]", fullmatch=True)
_HOST = st.builds(lambda labels, tld: ".".join([*labels, tld]), st.lists(_LABEL, min_size=1, max_size=3),
                  st.sampled_from(["com", "kz", "cn", "org", "ru", "net"]))
_PATH = st.from_regex(r"(/[A-Za-z0-9._~%-]{0,12}){0,4}", fullmatch=True)


@settings(max_examples=150, deadline=None)
@given(host=_HOST, path=_PATH, scheme=st.sampled_from(["http", "https"]))
def test_any_plain_host_passes_and_its_variants_fail(host, path, scheme):
    assert url_problem(f"{scheme}://{host}{path}") is None
    assert "ends with a dot" in url_problem(f"{scheme}://{host}.{path}")
    assert "explicit port" in url_problem(f"{scheme}://{host}:8080{path}")
    assert "is not http or https" in url_problem(f"ftp://{host}{path}")


@settings(max_examples=150, deadline=None)
@given(ip=st.ip_addresses(), path=_PATH)
def test_every_ip_host_fails(ip, path):
    host = f"[{ip}]" if isinstance(ip, ipaddress.IPv6Address) else str(ip)
    assert "bare IP address" in url_problem(f"http://{host}{path}")


# --- events ------------------------------------------------------------------------------------------------------

def test_a_clean_event_builds(tmp_path):
    table = to_table("events", _events(tmp_path, {}))
    assert table.column("source_urls").to_pylist() == [["https://www.inform.kz/en/a",
                                                        "http://en.people.cn/n3/2023/0428/c1.html"]]
    assert table.column("source_note").to_pylist() == [None]


@pytest.mark.parametrize("bad", ["http://49.213.3.35/doc/x.html", "http://wiki.example.com:20121/a",
                                 "https://el.kz./ru/a", "ftp://example.org/a"])
def test_an_event_with_a_bad_address_fails_naming_the_row(tmp_path, bad):
    frame = _events(tmp_path, {"event_id": "2020-01-01-fine"},
                    {"event_id": "2021-01-01-broken", "source_urls": f"https://www.inform.kz/en/b | {bad}"})
    with pytest.raises(ValidationError) as err:
        to_table("events", frame)
    message = str(err.value)
    assert "events: row 1" in message and "2021-01-01-broken" in message and "'source_urls'" in message
    assert bad in message


def test_an_event_citing_a_copy_needs_a_note_naming_the_host(tmp_path):
    copy = "https://memim.com/dostyk.html"
    frame = _events(tmp_path, {"source_urls": f"{copy} | https://www.inform.kz/en/a"})
    with pytest.raises(ValidationError, match=r"source_note.*memim\.com"):
        to_table("events", frame)
    vague = _events(tmp_path, {"source_urls": copy, "source_note": "One source is a copy."})
    with pytest.raises(ValidationError, match=r"memim\.com"):
        to_table("events", vague)
    marked = _events(tmp_path, {"source_urls": copy, "source_note": "memim.com is a copy of Wikipedia."})
    assert to_table("events", marked).column("source_note").to_pylist() == ["memim.com is a copy of Wikipedia."]


def test_an_event_without_any_source_fails(tmp_path):
    with pytest.raises(ValidationError, match="no source address"):
        to_table("events", _events(tmp_path, {"source_urls": ""}))


def test_copy_hosts_are_found_with_or_without_www():
    assert repost_hosts(["https://www.laitimes.com/en/a", "https://laitimes.com/b", "https://inform.kz/x",
                         "https://mirror.akorda.kz/en/y"]) == ["laitimes.com", "mirror.akorda.kz"]


def test_copy_links_are_labelled_as_copies():
    links, _ = views.safe_links(["https://www.laitimes.com/en/a", "https://www.inform.kz/en/x"])
    assert [label for label, _ in links] == ["laitimes.com (copy)", "inform.kz"]
    assert all(host == host.lower() and not host.startswith("www.") for host in REPOST_HOSTS)


# --- sources: addresses and accessed -----------------------------------------------------------------------------

def test_sources_accept_a_date_or_a_word_on_where_the_citation_came_from(tmp_path):
    frame = _sources(tmp_path, {},
                     {"source_id": "s2", "accessed": "", "cited_from": "shared/data/README.md §1"},
                     {"source_id": "s3", "url": "(no page: computed by kzcn)",
                      "download_page": "(no page: computed by kzcn)", "accessed": "", "cited_from": "computed"})
    table = to_table("sources", frame)
    assert table.column("accessed").to_pylist() == ["2026-11-28", None, None]


def test_a_source_with_neither_date_nor_citation_fails(tmp_path):
    frame = _sources(tmp_path, {"source_id": "copied", "accessed": ""})
    with pytest.raises(ValidationError, match=r"row 0 \(source_id 'copied'\), column 'cited_from'"):
        to_table("sources", frame)


def test_an_accessed_value_must_be_a_date(tmp_path):
    frame = _sources(tmp_path, {"accessed": "cited from the README"})
    with pytest.raises(ValidationError, match="not an ISO date"):
        to_table("sources", frame)


@pytest.mark.parametrize("column", ["url", "download_page"])
def test_a_curated_source_address_is_checked_when_read(tmp_path, column):
    with pytest.raises(ValidationError, match=rf"row 1 \(source_id 's2'\), column '{column}'"):
        _sources(tmp_path, {}, {"source_id": "s2", column: "http://10.0.0.1:8080/x"})


def test_the_shipped_curated_tables_pass_every_rule():
    to_table("events", curated.events())
    to_table("sources", curated.sources())


# --- the shipped 2023 events (issue #11 review) -------------------------------------------------------------------

def test_every_leader_at_the_xian_summit_by_full_name():
    events = curated.events().set_index("event_id")
    people = events.loc["2023-05-18-china-central-asia-summit-xian", "participants"]
    for name in ("Xi Jinping", "Kassym-Jomart Tokayev", "Sadyr Japarov", "Emomali Rahmon", "Serdar Berdimuhamedov",
                 "Shavkat Mirziyoyev"):
        assert name in people


@pytest.mark.parametrize("event_id", ["2023-04-26-nurtleu-qin-gang-talks-xian",
                                      "2023-04-27-china-central-asia-foreign-ministers-xian"])
def test_events_added_in_the_review_have_two_publishers(event_id):
    events = curated.events().set_index("event_id")
    urls = events.loc[event_id, "source_urls"]
    assert len({views.safe_links([u])[0][0][0] for u in urls}) >= 2
