"""Check the speech's claims against kzcn's own data; every check is computed, never typed.

A curated claim (data/curated/claims.csv) names a check kind and its arguments:

* events: the claim is about events; it matches when every named event is in the events data.
* trade_value / trade_growth: bilateral turnover or its growth for a year, compared with each side's figure.
* largest_partner: China's rank among Kazakhstan's partners, from BNS's table of all partners.
* press: only press reports exist; they are listed, and a disagreement between them is said.
* none: kzcn holds no data on the subject; the argument says why.
"""

from __future__ import annotations

import pandas as pd

from kzcn import fmt, metrics
from kzcn.errors import ValidationError

VERDICTS = ("matches", "close", "differs", "no independent source", "not checked")


def _split(args: str) -> list[str]:
    return [a.strip() for a in str(args).split(";") if a.strip()]


def _turnover(trade: pd.DataFrame, reporter: str, year: int) -> tuple[float, float, str]:
    totals = metrics.reporter_totals(trade, reporter)
    by_year = totals.set_index("year")
    now = by_year["turnover"].get(year, float("nan"))
    before = by_year["turnover"].get(year - 1, float("nan"))
    src = str(by_year["source_id"].get(year, ""))
    return now, (now / before - 1) * 100, src


def _press_context(press: pd.DataFrame, period: str) -> str:
    rows = press[(press["period"] == period) & press["metric"].eq("turnover") & press["value"].notna()]
    parts = [f"{fmt.usd(r.value * 1e9)} ({r.reporter_basis}; press, {r.figure_id})"
             + (f", {fmt.pct(r.yoy_pct)}" if pd.notna(r.yoy_pct) else "")
             for r in rows.itertuples()]
    return "; ".join(parts)


def _lookup(args: str, frame: pd.DataFrame, id_column: str, what: str) -> tuple[list[str], pd.DataFrame]:
    """The ids a check names and the frame indexed by them; an unknown id is a curation error, never skipped."""
    ids = _split(args)
    indexed = frame.set_index(id_column)
    missing = [i for i in ids if i not in indexed.index]
    if missing:
        raise ValidationError(f"claims: check_args name unknown {what} {missing}")
    return ids, indexed


def _events(args: str, events: pd.DataFrame) -> dict:
    ids, known = _lookup(args, events, "event_id", "event(s)")
    lines = []
    for i in ids:
        e = known.loc[i]
        when = e["start"] if e["end"] == e["start"] else f"{e['start']} to {e['end']}"
        note = f"{e['title']} ({when})"
        if isinstance(e["disagreement"], str) and e["disagreement"]:
            note += " — sources disagree on details, see the event"
        lines.append(note)
    return {"verdict": "matches", "check_value": None, "check_unit": None,
            "check_basis": "events data", "check_note": "Events data: " + "; ".join(lines) + ".",
            "check_source_id": "events-research"}


def check(claims: pd.DataFrame, trade: pd.DataFrame, press: pd.DataFrame, events: pd.DataFrame,
          partner_ranking: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return `claims` in the CLAIMS schema, with check_value/verdict/check_note computed."""
    out = []
    for claim in claims.to_dict("records"):
        kind, args = claim.pop("check"), claim.pop("check_args")
        claim["source_id"] = "speech-zhang-xiao-2024"
        if kind == "events":
            result = _events(args, events)
        elif kind in ("trade_value", "trade_growth"):
            result = _trade(kind, int(args), claim, trade, press)
        elif kind == "largest_partner":
            result = _largest_partner(int(args), partner_ranking)
        elif kind == "press":
            result = _press(args, press)
        elif kind == "none":
            result = {"verdict": "not checked", "check_value": None, "check_unit": None, "check_basis": None,
                      "check_note": str(args), "check_source_id": None}
        else:
            raise ValidationError(f"claims: claim {claim['claim_id']}: unknown check kind {kind!r}")
        out.append({**claim, **result})
    return pd.DataFrame(out)


def _trade(kind: str, year: int, claim: dict, trade: pd.DataFrame, press: pd.DataFrame) -> dict:
    cn, cn_growth, cn_src = _turnover(trade, "China", year)
    kz, kz_growth, kz_src = _turnover(trade, "Kazakhstan", year)
    partial = claim["period"] != str(year)
    context = _press_context(press, f"{year} Jan-Oct")
    if kind == "trade_value":
        value, unit = cn, "USD"
        note = (f"Full year {year}: {fmt.usd(cn, 2)} as China reports ({cn_src}); {fmt.usd(kz, 2)} as "
                f"Kazakhstan reports ({kz_src}).")
        basis = f"full year {year}, as China reports"
    else:
        value, unit = cn_growth, "% year on year"
        note = (f"Full year {year} over {year - 1}: {fmt.pct(cn_growth)} as China reports ({cn_src}); "
                f"{fmt.pct(kz_growth)} as Kazakhstan reports ({kz_src}).")
        basis = f"full year {year} over {year - 1}, as China reports"
    if context:
        note += f" January–October {year} in the press: {context}."
    if partial:
        verdict = "no independent source"
        note = f"No source kzcn holds gives {claim['period']}. " + note
    else:
        claimed = float(claim["value"]) * (1e9 if kind == "trade_value" else 1)
        diff = abs(value / claimed - 1) * 100 if kind == "trade_value" else abs(value - claimed)
        verdict = "matches" if diff <= 0.5 else ("close" if diff <= 2 else "differs")
    return {"verdict": verdict, "check_value": value, "check_unit": unit, "check_basis": basis,
            "check_note": note, "check_source_id": cn_src.split(", ")[0] or None}


def _largest_partner(year: int, ranking: pd.DataFrame | None) -> dict:
    if ranking is None or ranking.empty or year not in set(ranking["year"]):
        return {"verdict": "no independent source", "check_value": None, "check_unit": None,
                "check_basis": None, "check_note": f"No table of all partners for {year}.",
                "check_source_id": None}
    rows = ranking[ranking["year"] == year].sort_values("turnover_share", ascending=False)
    top, second = rows.iloc[0], rows.iloc[1]
    china = rows[rows["partner"] == "China"].iloc[0]
    verdict = "matches" if top["partner"] == "China" else "differs"
    note = (f"In Kazakhstan's {year} statistics China has {fmt.pct(china['turnover_share'], signed=False)} of "
            f"Kazakhstan's trade turnover; the largest partner is {top['partner']} "
            f"({fmt.pct(top['turnover_share'], signed=False)}), the second {second['partner']} "
            f"({fmt.pct(second['turnover_share'], signed=False)}).")
    return {"verdict": verdict, "check_value": float(china["turnover_share"]), "check_unit": "% of turnover",
            "check_basis": f"China's share of Kazakhstan's turnover, {year}, as Kazakhstan reports",
            "check_note": note, "check_source_id": str(china["source_id"])}


def _press(args: str, press: pd.DataFrame) -> dict:
    ids, rows = _lookup(args, press, "figure_id", "press figure(s)")
    parts = [f"{rows.loc[i, 'publisher']} ({rows.loc[i, 'period']}): {rows.loc[i, 'metric']}" for i in ids]
    note = ("No official ranking in kzcn's data. Press reports differ: " + "; ".join(parts) + ".")
    return {"verdict": "no independent source", "check_value": None, "check_unit": None,
            "check_basis": "press reports", "check_note": note,
            "check_source_id": str(rows.loc[ids[0], "source_id"])}
