"""Placeholder until the page lands (being written now)."""

import streamlit as st

st.title("timeline", anchor=False)
