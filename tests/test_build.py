"""The build end to end: real raw files in, validated parquet out; bad input leaves data/ untouched."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from kzcn import build, datasets
from kzcn.paths import data_dir
from kzcn.readers import carried_over
from kzcn.refresh import baci_bulk
from kzcn.schemas import DATASETS
from kzcn.store import write_tables
from kzcn.validate import to_table

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)


@pytest.fixture(scope="module")
def built(raw_dir, speech_file, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("data")
    assert build.main(["--raw", str(raw_dir), "--speech", str(speech_file), "--out", str(out)]) == 0
    return out


def test_every_dataset_is_written_and_loads(built):
    frames = datasets.load_all(built)
    assert set(frames) == set(DATASETS)
    for name in ("sources", "trade_annual", "trade_products", "events", "passages", "claims", "hs_chapters"):
        assert len(frames[name]) > 0, name


def test_every_row_resolves_to_a_source(built):
    frames = datasets.load_all(built)
    known = set(frames["sources"]["source_id"])
    for name, frame in frames.items():
        for column in ("source_id", "check_source_id"):
            if column in frame.columns:
                used = set(frame[column].dropna())
                assert used <= known, (name, used - known)
    assert frames["sources"]["url"].str.len().gt(0).all()
    src = frames["sources"]
    read = src["accessed"].notna()
    assert src.loc[read, "accessed"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    assert src.loc[~read, "cited_from"].str.len().gt(0).all()  # not read by kzcn: says where the citation came from
    # the publishers' pages behind the copied raw files were not read by kzcn: no date claimed for them
    assert src.set_index("source_id").loc[["imf-dots-kaz", "kz-bns-2023", "comtrade-chn"], "accessed"].isna().all()


def test_one_preferred_figure_per_year_reporter_partner_flow(built):
    trade = datasets.load("trade_annual", built)
    pref = trade[trade["preferred"]]
    assert pref.groupby(["year", "reporter", "partner", "flow"]).size().max() == 1
    assert not pref["status"].isin(["press", "imf_estimate"]).any()
    cn23 = pref[(pref.year == 2023) & (pref.reporter == "China") & (pref.partner == "Kazakhstan")]
    assert set(cn23["source_id"]) == {"comtrade-chn"}
    assert cn23.set_index("flow").loc["exports", "value_usd"] == 24_696_909_997
    kz23 = pref[(pref.year == 2023) & (pref.reporter == "Kazakhstan") & (pref.partner == "China")]
    assert set(kz23["source_id"]) == {"kz-bns-2023"}
    assert kz23.set_index("flow").loc["imports", "value_usd"] == pytest.approx(15_389_231_312.22, abs=1)
    # Kazakhstan-reported Comtrade 2020-2022 is never preferred
    bad = pref[(pref.reporter == "Kazakhstan") & (pref.series == "comtrade") & pref.year.between(2020, 2022)]
    assert bad.empty


def test_press_figures_are_labelled_and_kept_apart(built):
    trade = datasets.load("trade_annual", built)
    press = trade[trade["series"] == "press"]
    assert (press["status"] == "press").all() and not press["preferred"].any()
    assert set(press["year"]) <= {2021, 2022, 2023, 2024}
    sources = datasets.load("sources", built).set_index("source_id")
    assert (sources.loc[press["source_id"], "kind"] == "press").all()


def test_coverage_says_what_is_missing(built):
    cov = datasets.load("product_coverage", built).set_index(["year", "reporter", "flow", "series", "hs_chapter"])
    assert cov.loc[(2021, "Kazakhstan", "exports", "comtrade", "74"), "status"] == "missing_in_download"
    assert cov.loc[(2016, "Kazakhstan", "imports", "comtrade", "26"), "status"] == "missing_in_download"
    assert cov.loc[(2016, "Kazakhstan", "imports", "comtrade", "72"), "status"] == "available"
    assert cov.loc[(2023, "China", "exports", "comtrade", "27"), "status"] == "not_downloaded"
    assert cov.loc[(2021, "Kazakhstan", "exports", "baci", "27"), "status"] == "available"
    baci = cov.xs("baci", level="series")
    assert (baci["status"] == "none_recorded").any()


def test_claims_are_checked_against_the_data(built):
    claims = datasets.load("claims", built).set_index("claim_id")
    assert claims.loc["c09", "verdict"] == "no independent source"
    assert claims.loc["c09", "check_value"] == pytest.approx(16_357_882_073 + 24_696_909_997)
    assert claims.loc["c10", "verdict"] == "no independent source"
    assert claims.loc["c11", "verdict"] == "matches"
    assert claims.loc["c11", "check_value"] == pytest.approx(21.5372, abs=1e-3)
    assert "Russia" in claims.loc["c11", "check_note"]
    passages = set(datasets.load("passages", built)["passage_id"])
    assert set(claims["passage_id"]) <= passages
    speech = " ".join(datasets.load("passages", built)["text"])
    for text in claims["claim_text"]:
        assert text in speech, text  # every claim is quoted verbatim


def test_events_link_to_real_passages_and_keep_month_precision(built):
    events = datasets.load("events", built)
    passages = set(datasets.load("passages", built)["passage_id"])
    assert {p for ids in events["passage_ids"] for p in ids} <= passages
    month_only = events[events["precision"] == "month"]
    assert len(month_only) > 0 and month_only["start"].str.len().eq(7).all()
    assert events["source_urls"].map(len).gt(0).all()


def assert_matches_build(folder: Path, built: Path) -> None:
    """`folder` holds exactly what the build made in `built`, apart from what `kzcn refresh` / `kzcn import`
    added: the rows a rebuild carries over (kzcn.readers.carried_over: trade_products of the refreshed series,
    the sources they and the refresh log name, the refresh log itself), which a build from the raw files alone
    cannot have. A refresh rewrites product_coverage and product_completeness too, but derives them series by
    series, so their rows of the build's series stay the build's."""
    carried = carried_over.read_previous(folder)
    refreshed_sources = set(carried["sources"]["source_id"]) if "sources" in carried else set()
    for name in DATASETS:
        if name == "refresh_log":
            continue
        fresh = datasets.load(name, built)
        shipped = datasets.load(name, folder)
        if "series" in shipped.columns:
            shipped = shipped[~shipped["series"].isin(carried_over.CARRIED_SERIES)]
        if name == "sources":
            shipped = shipped[~shipped["source_id"].isin(refreshed_sources)]
        try:
            pd.testing.assert_frame_equal(fresh, shipped.reset_index(drop=True), check_dtype=False, obj=name)
        except AssertionError as exc:
            raise AssertionError(f"{folder} is not what the build makes from the raw files, even leaving out what "
                                 f"kzcn refresh / kzcn import added: {exc} (rebuild with python -m kzcn.build if "
                                 f"data/ or the raw folder changed otherwise)") from None


def test_shipped_data_matches_a_fresh_build(built):
    """data/ in the repository is exactly what the build makes from the raw files; after a user's refresh too
    (see assert_matches_build and the next test), so it needs no skip on refreshed data."""
    assert_matches_build(data_dir(), built)


def test_the_comparison_with_a_fresh_build_survives_a_refresh(built, tmp_path):
    """A build, then two BACI imports of the same made-up year on different days (the older import's source stays,
    named only by the refresh log) and one of another year: still the build, apart from what the refresh added."""
    folder = tmp_path / "data"
    shutil.copytree(built, folder)
    for day, year in ((1, 2021), (2, 2021), (2, 2022)):
        path = tmp_path / f"BACI_HS17_Y{year}_V000000.csv"  # release 000000: synthetic
        path.write_text(f"t,i,j,k,v,q\n{year},398,156,260300,{day}.5,1\n{year},156,398,850440,2.25,NA\n")
        baci_bulk.import_file(path, folder, now=datetime(2026, 3, day, tzinfo=UTC), progress=False)
    assert len(datasets.load("refresh_log", folder)) == 3
    assert_matches_build(folder, built)
    products = datasets.load("trade_products", folder)  # and it still sees a changed row of the build's own
    changed = products.assign(value_usd=products["value_usd"].where(products["series"] != "wits_hs4", 1.0))
    write_tables({"trade_products": to_table("trade_products", changed)}, folder)
    with pytest.raises(AssertionError, match="trade_products"):
        assert_matches_build(folder, built)


def _copy_raw(raw_dir: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "raw-copy"
    shutil.copytree(raw_dir, dst)
    for p in dst.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dst


def test_bad_raw_file_fails_cleanly_and_leaves_data_untouched(raw_dir, speech_file, built, tmp_path, capsys):
    raw = _copy_raw(raw_dir, tmp_path)
    csv = raw / "raw" / "comtrade" / "comtrade_chn_reporter.csv"
    csv.write_text(csv.read_text().replace("primaryValue", "primaryValu"), newline="")
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    assert build.main(["--raw", str(raw), "--speech", str(speech_file), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "data left unchanged" in err and "comtrade_chn_reporter.csv" in err and "primaryValue" in err
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == before


def test_missing_raw_folder_fails_cleanly(speech_file, tmp_path, capsys):
    assert build.main(["--raw", str(tmp_path / "nowhere"), "--speech", str(speech_file),
                       "--out", str(tmp_path / "out")]) == 1
    assert "data left unchanged" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.parquet"))
