"""kzcn.partners on fixture frames: rankings and shares within one source, never across; groups never ranked;
turnover only where both flows exist; the China / Russia / EU / rest split only from one source's own rows."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcn import partners as P
from kzcn.schemas import TRADE_PARTNERS
from kzcn.validate import to_table

AGGREGATES = {"WORLD", "EU"}
SERIES = {"imf-dots-kaz": ("imf_dots", None), "imf-dots-chn": ("imf_dots", None),
          "kz-bns-2020": ("kz_bns", 2020), "kz-bns-2021": ("kz_bns", 2021)}


def rows(source_id: str, reporter: str, year: int, table: dict[str, tuple], *, preferred: bool = True,
         estimate: set[tuple[str, str]] = frozenset()) -> list[dict]:
    """trade_partners rows: table = {code: (exports, imports)} in US$, None where the source has no figure."""
    series, vintage = SERIES[source_id]
    out = []
    for code, flows in table.items():
        for flow, value in zip(("exports", "imports"), flows, strict=True):
            if value is None:
                continue
            out.append({"year": year, "reporter": reporter, "partner": code,
                        "partner_kind": "aggregate" if code in AGGREGATES else "country",
                        "partner_name": f"name of {code}", "flow": flow, "value_usd": float(value),
                        "series": series, "status": "imf_estimate" if (code, flow) in estimate else "reported",
                        "vintage": vintage, "preferred": preferred, "source_id": source_id,
                        "source_locator": f"{source_id} {code} {flow}", "note": None})
    return out


KAZ_DOTS = {"WORLD": (100, 80), "CHN": (20, 16), "RUS": (15, 30), "ITA": (25, None), "EU": (40, 10),
            "DEU": (5, 5), "TWN": (5, 5)}
KAZ_BNS_2021 = {"WORLD": (101, 80), "CHN": (21, 16), "RUS": (14, 31), "ITA": (26, 1), "EU": (41, 11)}
KAZ_BNS_2020 = {"WORLD": (101, 80), "CHN": (21.5, 16), "RUS": (14, 31), "ITA": (26, 1)}  # no EU row
CHN_DOTS = {"WORLD": (1000, 900), "KAZ": (10, 9), "USA": (100, 50), "RUS": (12, 20), "EU": (80, 60)}


@pytest.fixture()
def data() -> pd.DataFrame:
    frame = pd.DataFrame(
        rows("imf-dots-kaz", "Kazakhstan", 2020, KAZ_DOTS, estimate={("CHN", "imports")})
        + rows("kz-bns-2021", "Kazakhstan", 2020, KAZ_BNS_2021)
        + rows("kz-bns-2020", "Kazakhstan", 2020, KAZ_BNS_2020, preferred=False)
        + rows("imf-dots-chn", "China", 2020, CHN_DOTS))
    to_table("trade_partners", frame)  # the fixture is a valid trade_partners frame
    return frame


def test_fixture_has_the_dataset_columns(data: pd.DataFrame) -> None:
    assert list(data.columns) == TRADE_PARTNERS.names


def test_turnover_only_where_both_flows_exist(data: pd.DataFrame) -> None:
    t = P.values(data, "Kazakhstan", "turnover", series="imf_dots").set_index("partner")
    assert "ITA" not in t.index  # exports only: no turnover, never exports + 0
    assert t.loc["CHN", "value_usd"] == 36 and t.loc["CHN", "status"] == "imf_estimate"
    assert t.loc["RUS", "status"] == "reported" and t.loc["WORLD", "value_usd"] == 180


def test_ranking_is_within_one_source_and_ranks_countries_only(data: pd.DataFrame) -> None:
    r = P.ranking(data, "Kazakhstan", "exports")
    assert set(r["source_id"]) == {"imf-dots-kaz", "kz-bns-2021", "kz-bns-2020"}
    assert not r["partner"].isin(["WORLD", "EU"]).any()
    dots = r[r["source_id"] == "imf-dots-kaz"].set_index("partner")
    assert dots["rank"].to_dict() == {"ITA": 1, "CHN": 2, "RUS": 3, "DEU": 4, "TWN": 4}  # ties share a rank
    assert (dots["countries"] == 5).all()
    assert dots.loc["CHN", "share_of_world"] == pytest.approx(0.20) and dots.loc["CHN", "world_usd"] == 100
    bns = r[r["source_id"] == "kz-bns-2021"].set_index("partner")
    assert bns.loc["CHN", "share_of_world"] == pytest.approx(21 / 101)  # its own World, not DOTS's


def test_share_is_missing_without_the_sources_own_world(data: pd.DataFrame) -> None:
    no_world = data[~((data["source_id"] == "kz-bns-2021") & (data["partner"] == "WORLD"))]
    r = P.ranking(no_world, "Kazakhstan", "exports")
    bns = r[r["source_id"] == "kz-bns-2021"]
    assert bns["share_of_world"].isna().all() and bns["world_usd"].isna().all()
    assert r.loc[r["source_id"] == "kz-bns-2020", "share_of_world"].notna().all()  # never borrowed across


def test_top_partners_uses_the_preferred_vintage_unless_told(data: pd.DataFrame) -> None:
    top = P.top_partners(data, "Kazakhstan", 2020, "exports", "kz_bns", n=2)
    assert list(top["partner"]) == ["ITA", "CHN"] and set(top["source_id"]) == {"kz-bns-2021"}
    older = P.top_partners(data, "Kazakhstan", 2020, "exports", "kz_bns", n=2, source_id="kz-bns-2020")
    assert set(older["source_id"]) == {"kz-bns-2020"} and older.iloc[1]["value_usd"] == 21.5
    ties = P.top_partners(data, "Kazakhstan", 2020, "exports", "imf_dots", n=4)
    assert list(ties["partner"]) == ["ITA", "CHN", "RUS", "DEU", "TWN"]  # a tie at rank n keeps both


def test_turnover_ranking(data: pd.DataFrame) -> None:
    top = P.top_partners(data, "Kazakhstan", 2020, "turnover", "imf_dots", n=3).set_index("partner")
    assert top["rank"].to_dict() == {"RUS": 1, "CHN": 2, "DEU": 3, "TWN": 3}
    assert top.loc["RUS", "share_of_world"] == pytest.approx(45 / 180)


def test_china_and_kazakhstan_ranks(data: pd.DataFrame) -> None:
    cn = P.china_rank_for_kazakhstan(data, "exports")
    assert cn.set_index("source_id")["rank"].to_dict() == {"imf-dots-kaz": 2, "kz-bns-2020": 2, "kz-bns-2021": 2}
    kz = P.kazakhstan_rank_for_china(data, "imports")
    assert len(kz) == 1 and kz.iloc[0]["rank"] == 3 and kz.iloc[0]["countries"] == 3
    assert kz.iloc[0]["share_of_world"] == pytest.approx(9 / 900)
    assert P.rank_of(data, "Kazakhstan", "ITA", "imports", series="imf_dots").empty  # no figure, no rank


def test_split_china_russia_eu_rest_within_one_source(data: pd.DataFrame) -> None:
    s = P.split(data, "Kazakhstan", "turnover")
    assert set(s["source_id"]) == {"imf-dots-kaz", "kz-bns-2021"}  # kz-bns-2020 has no EU row: no split at all
    dots = s[s["source_id"] == "imf-dots-kaz"].set_index("part")
    assert dots["value_usd"].to_dict() == {"CHN": 36, "RUS": 45, "EU": 50, "REST": 49}
    assert dots["share_of_world"].sum() == pytest.approx(1.0)
    assert dots.loc["REST", "part_name"] == "rest of the world" and dots.loc["EU", "part_name"] == "name of EU"
    bns = s[s["source_id"] == "kz-bns-2021"].set_index("part")
    assert bns.loc["REST", "value_usd"] == (101 + 80) - (37 + 45 + 52)


def test_split_needs_every_part_in_the_same_source(data: pd.DataFrame) -> None:
    no_russia = data[~((data["source_id"] == "imf-dots-kaz") & (data["partner"] == "RUS")
                       & (data["flow"] == "imports"))]
    s = P.split(no_russia, "Kazakhstan", "turnover")
    assert "imf-dots-kaz" not in set(s["source_id"])  # DOTS's Russia turnover is missing: never taken from BNS
    exports = P.split(no_russia, "Kazakhstan", "exports")
    assert "imf-dots-kaz" in set(exports["source_id"])


def test_split_for_china_as_reporter(data: pd.DataFrame) -> None:
    s = P.split(data, "China", "exports", parts=("KAZ", "RUS", "EU")).set_index("part")
    assert s.loc["REST", "value_usd"] == 1000 - 10 - 12 - 80


@pytest.mark.parametrize("parts", [("CHN", "WORLD"), ("CHN", "CHN"), ("EU", "CIS")])
def test_split_refuses_overlapping_parts(data: pd.DataFrame, parts: tuple[str, ...]) -> None:
    frame = pd.concat([data, pd.DataFrame(rows("imf-dots-kaz", "Kazakhstan", 2020, {"CIS": (1, 1)}))])
    frame.loc[frame["partner"] == "CIS", "partner_kind"] = "aggregate"
    with pytest.raises(ValueError, match="parts"):
        P.split(frame, "Kazakhstan", "exports", parts=parts)


def test_compare_rankings_side_by_side(data: pd.DataFrame) -> None:
    c = P.compare_rankings(data, "Kazakhstan", 2020, "imports", n=3)
    assert list(c.columns) == ["imf-dots-kaz", "kz-bns-2020", "kz-bns-2021", "agree"]
    assert list(c["imf-dots-kaz"]) == ["RUS", "CHN", "DEU"]
    assert list(c["kz-bns-2021"]) == ["RUS", "CHN", "ITA"]
    assert list(c["agree"]) == [True, True, False]
    assert P.compare_rankings(data, "Kazakhstan", 1999, "imports").empty  # no source holds 1999


def test_bad_flow_and_inputs_left_unchanged(data: pd.DataFrame) -> None:
    before = data.copy()
    with pytest.raises(ValueError, match="flow"):
        P.values(data, "Kazakhstan", "reexports")
    P.ranking(data, "Kazakhstan", "turnover")
    P.split(data)
    pd.testing.assert_frame_equal(data, before)


@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=12))
def test_rank_is_one_plus_the_number_of_larger_partners(values: list[int]) -> None:
    table = {f"C{i:02d}": (v, None) for i, v in enumerate(values)} | {"WORLD": (sum(values) + 1, None)}
    r = P.ranking(pd.DataFrame(rows("imf-dots-kaz", "Kazakhstan", 2020, table)), "Kazakhstan", "exports")
    for row in r.itertuples():
        assert row.rank == 1 + sum(v > row.value_usd for v in values)
    assert r["share_of_world"].sum() < 1
