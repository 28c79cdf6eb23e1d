"""Refreshes that add rows to the shipped datasets from a live or bulk source, all-or-nothing.

    kzcn refresh comtrade   UN Comtrade API, China ↔ Kazakhstan, all HS chapters   (comtrade_api.py)
    kzcn import baci PATH   a CEPII BACI bulk file, both directions, HS6 → chapters (baci_bulk.py)

Both end in merge.apply: the new rows replace older rows of the same series/reporter/partner/flow/year, the
product coverage is recomputed, every table is validated and all changed files are written in one
kzcn.store.write_tables call. Any failure raises RefreshError (or another KzcnError) before anything is
written, so data/ is left exactly as it was.
"""

from __future__ import annotations

from kzcn.errors import KzcnError

# Country codes (UN M49, used by Comtrade and BACI) of the pair this project covers.
COUNTRIES = {156: "China", 398: "Kazakhstan"}


class RefreshError(KzcnError):
    """A refresh or import cannot go on: network, rate limit, HTTP error, or input not as expected."""
