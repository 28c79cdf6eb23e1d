"""ui's cached frames computed once for every year and then cut must equal the pure function asked for those years."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from kzcn import datasets, ui, views


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return {name: datasets.load(name) for name in ("trade_products", "hs_chapters")}


@pytest.mark.parametrize(("reporter", "flow"), list(itertools.product(["China", "Kazakhstan"], ["exports", "imports"])))
def test_sector_series_cut_equals_the_series_for_those_years(frames, reporter, flow):
    every = ui.product_years(ui.ALL_YEARS)
    assert len(every) > 5
    for years, sector, selected in [(every, None, ()), (every[2:6], None, ()), (every[-1:], "Ores and metals", ()),
                                    (every[:3], None, ("26", "74")), ([every[0], every[-1]], "Energy", ())]:
        direct = views.sector_series(frames["trade_products"], frames["hs_chapters"], years=list(years),
                                     reporter=reporter, flow=flow, sector=sector, selected=selected)
        cut = ui.sector_series(years=list(years), reporter=reporter, flow=flow, sector=sector, selected=selected)
        pd.testing.assert_frame_equal(cut.reset_index(drop=True), direct.reset_index(drop=True), check_dtype=False)
