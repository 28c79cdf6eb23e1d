"""The floor of this stack: a bare Streamlit app with one px.line of the same annual series and one slider.

China-reported turnover with Kazakhstan (preferred exports + imports from data/trade_annual.parquet), the years
slider bound to the URL like kzcn's. Every benchmark in bench/ measures kzcn against this app.

    streamlit run bench/bare_app.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st

DATA = Path(__file__).resolve().parents[1] / "data" / "trade_annual.parquet"


@st.cache_data(show_spinner=False)
def turnover() -> pd.DataFrame:
    trade = pd.read_parquet(DATA)
    rows = trade[(trade["reporter"] == "China") & (trade["partner"] == "Kazakhstan") & trade["preferred"]]
    wide = rows.pivot_table(index="year", columns="flow", values="value_usd", aggfunc="first")
    return (wide["exports"] + wide["imports"]).rename("turnover").reset_index()


frame = turnover()
lo, hi = int(frame["year"].min()), int(frame["year"].max())
years = st.slider("Years", lo, hi, (lo, hi), key="years", bind="query-params")
shown = frame[frame["year"].between(*years)]
st.plotly_chart(px.line(shown, x="year", y="turnover", title="China-reported turnover with Kazakhstan"))
