"""Placeholder until the page lands (being written now)."""

import streamlit as st

st.title("sources", anchor=False)
