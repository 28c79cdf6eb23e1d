"""Claim checks can fail: an events claim asserts what the speech says (the event, its date, its place) and each
fact is compared with the events data; words the data cannot check are named, never counted as a match; a
malformed check or an unknown press figure is a curation error, never skipped."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzcn import claims, curated
from kzcn.errors import KzcnError, ValidationError

TEXT = "In May, the President undertook an official visit and the summit achieved complete success"
CLAIM = {"claim_id": "c1", "passage_id": "p01", "claim_text": TEXT, "metric": "m", "value": 1.0, "unit": None,
         "period": "2023"}
EVENTS = pd.DataFrame({
    "event_id": ["2023-05-17-visit", "2004-05-committee", "2023-07-04-chair", "1992-01-03-relations"],
    "title": ["State visit", "Committee set up", "Chairmanship", "Relations established"],
    "start": ["2023-05-17", "2004-05", "2023-07-04", "1992-01-03"],
    "end": ["2023-05-19", "2004-05", "2024-07-04", "1992-01-03"],
    "city": ["Xi'an", None, "Astana", None],
    "country": ["China", "China", "Kazakhstan", "Kazakhstan/China (border)"],
    "disagreement": ["Sources differ on the day he arrived.", None, None, None],
})
PRESS = pd.DataFrame({"figure_id": ["pf-001"], "publisher": ["Kursiv"], "period": ["2023"], "metric": ["rank"],
                      "source_id": ["press-001"]})


def _check(kind: str, args: str, text: str = TEXT) -> pd.Series:
    frame = pd.DataFrame([{**CLAIM, "claim_text": text, "check": kind, "check_args": args}])
    return claims.check(frame, pd.DataFrame(), PRESS, EVENTS).iloc[0]


def test_every_asserted_fact_matching_gives_matches_and_says_what_was_checked():
    row = _check("events", "2023-05-17-visit (date=2023-05, country=China, city=Xi’an)")
    assert row["verdict"] == "matches" and row["check_source_id"] == "events-research"
    note = row["check_note"]
    assert note.startswith("Every fact checked matches kzcn's events data.")
    assert "State visit (17–19 May 2023; Xi'an, China) is in the data" in note
    assert "date May 2023 matches; country China matches; city Xi’an matches" in note
    assert "sources disagree on some details" in note
    assert row["check_basis"] == "events data: 1 of 1 named event found; 1 date and 2 places checked"


def test_an_event_named_without_date_or_place_is_checked_for_existence_only():
    row = _check("events", "2023-07-04-chair")
    assert row["verdict"] == "matches"
    assert "Chairmanship (4 July 2023 – 4 July 2024; Astana, Kazakhstan) is in the data; the speech gives no date " \
           "or place for it." in row["check_note"]
    assert row["check_basis"] == "events data: 1 of 1 named event found"


@pytest.mark.parametrize(("args", "words"), [
    ("2023-05-17-visit (date=2024-05)", "date of State visit: claimed May 2024, recorded 17–19 May 2023"),
    ("2023-05-17-visit (date=2023-06)", "date of State visit: claimed June 2023, recorded 17–19 May 2023"),
    ("2023-05-17-visit (date=2023-05-20)", "claimed 20 May 2023, recorded 17–19 May 2023"),
    ("2023-05-17-visit (date=2022)", "claimed 2022, recorded 17–19 May 2023"),
    ("2004-05-committee (date=2004-06-01)", "claimed 1 June 2004, recorded May 2004"),
])
def test_a_wrong_date_differs(args, words):
    row = _check("events", args)
    assert row["verdict"] == "differs"
    assert row["check_note"].startswith("Differs from kzcn's events data: ") and words in row["check_note"]


@pytest.mark.parametrize(("args", "words"), [
    ("2023-05-17-visit (date=2023-05, country=Kazakhstan)", "country of State visit: claimed Kazakhstan, "
                                                            "recorded China"),
    ("2023-05-17-visit (city=Beijing)", "city of State visit: claimed Beijing, recorded Xi'an"),
    ("1992-01-03-relations (country=Russia)", "claimed Russia, recorded Kazakhstan/China (border)"),
])
def test_a_wrong_place_differs(args, words):
    row = _check("events", args)
    assert row["verdict"] == "differs" and words in row["check_note"]


def test_a_border_place_matches_either_country():
    assert _check("events", "1992-01-03-relations (country=China)")["verdict"] == "matches"
    assert _check("events", "1992-01-03-relations (country=kazakhstan)")["verdict"] == "matches"


def test_a_missing_event_differs_and_the_others_are_still_reported():
    row = _check("events", "2023-05-17-visit (date=2023-05); 2023-10-16-second-visit (date=2023-10)")
    assert row["verdict"] == "differs"
    assert "the event 2023-10-16-second-visit is not in the data" in row["check_note"]
    assert "date May 2023 matches" in row["check_note"]
    assert row["check_basis"] == "events data: 1 of 2 named events found; 1 date checked"


def test_one_wrong_fact_among_right_ones_differs():
    row = _check("events", "2023-05-17-visit (date=2023-05, country=China); 2023-07-04-chair (country=China)")
    assert row["verdict"] == "differs"
    assert "country of Chairmanship: claimed China, recorded Kazakhstan" in row["check_note"]
    assert "State visit" not in row["check_note"].split(" Checked: ")[0]  # the lead names only what differs


@pytest.mark.parametrize(("args", "words"), [
    ("2004-05-committee (date=2004-05-17)", "the date of Committee set up (claimed 17 May 2004; recorded only as "
                                            "May 2004)"),
    ("2004-05-committee (city=Beijing)", "the city of Committee set up (claimed Beijing; no city recorded)"),
])
def test_a_fact_the_data_cannot_settle_has_no_independent_source(args, words):
    row = _check("events", args)
    assert row["verdict"] == "no independent source" and words in row["check_note"]


def test_a_judgment_alongside_checked_facts_is_named_as_not_checked():
    row = _check("events", "2023-05-17-visit (date=2023-05); not checked [achieved complete success]: whether a "
                           "summit succeeded is a judgment")
    assert row["verdict"] == "matches"
    assert "Not checked: “achieved complete success” — whether a summit succeeded is a judgment." in row["check_note"]


def test_a_judgment_does_not_hide_a_wrong_fact():
    row = _check("events", "2023-05-17-visit (date=2023-06); not checked [official]: no field for the kind")
    assert row["verdict"] == "differs" and "Not checked: “official”" in row["check_note"]


def test_a_judgment_only_claim_is_not_checked():
    row = _check("events", "not checked [achieved complete success]: a judgment, not an event")
    assert row["verdict"] == "not checked"
    assert row["check_note"] == "Not checked: “achieved complete success” — a judgment, not an event."
    assert pd.isna(row["check_basis"]) and pd.isna(row["check_source_id"])


def _day_in_month(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{min(day, calendar.monthrange(year, month)[1]):02d}"


@given(st.integers(1950, 2030), st.integers(1, 12), st.integers(1, 31))
def test_a_month_matches_any_day_of_that_month_and_no_other(year, month, day):
    recorded = _day_in_month(year, month, day)
    assert claims.compare_date(f"{year:04d}-{month:02d}", recorded, recorded) == "matches"
    assert claims.compare_date(f"{year:04d}", recorded, recorded) == "matches"
    other = (date(year, month, 1) - timedelta(days=1)).strftime("%Y-%m")
    assert claims.compare_date(other, recorded, recorded) == "differs"
    assert claims.compare_date(recorded, recorded, recorded) == "matches"


@given(st.integers(1950, 2030), st.integers(1, 12), st.integers(1, 31))
def test_a_day_against_a_month_only_record_cannot_be_settled(year, month, day):
    recorded = f"{year:04d}-{month:02d}"
    assert claims.compare_date(_day_in_month(year, month, day), recorded, recorded) == "unsettled"
    assert claims.compare_date(recorded, recorded, recorded) == "matches"


@pytest.mark.parametrize(("args", "words"), [
    ("2023-05-17-visit (date=2023-13)", "not a real YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2023-05-17-visit (date=2023-02-30)", "not a real"),
    ("2023-05-17-visit (date=May 2023)", "not a real"),
    ("2023-05-17-visit (when=2023)", "not one of date=, country=, city="),
    ("2023-05-17-visit (country=)", "not one of date=, country=, city="),
    ("2023-05-17-visit (date=2023, date=2024)", "date is given twice"),
    ("2023-05-17-visit date=2023", "is not '<event_id>"),
    ("2023-05-17-visit (date=2023", "is not '<event_id>"),
    ("State visit", "is not '<event_id>"),
    ("2023-05-17-visit; 2023-05-17-visit", "named twice"),
    ("not checked [a complete failure]: why", "not in the claim's text"),
    ("not checked [official]:", "needs both the words and why"),
    ("not checked official: why", "is not 'not checked [words of the claim]: why'"),
    ("", "names no event and no words not checked"),
])
def test_a_malformed_events_check_is_refused_naming_the_claim(args, words):
    with pytest.raises(ValidationError, match=r"claim c1: events check_args: ") as err:
        _check("events", args)
    assert words in str(err.value)
    assert isinstance(err.value, KzcnError)  # the build reports it and leaves data/ as it was


NAMES = st.text(st.characters(codec="utf-8", exclude_characters=",;()[]=", exclude_categories=("C",)),
                min_size=1, max_size=12).map(str.strip).filter(bool)
WHEN = st.dates(date(1900, 1, 1), date(2100, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.strftime("%Y"), d.strftime("%Y-%m"), d.isoformat()]))
EVENT_IDS = st.from_regex(r"\A\d{4}-\d{2}-[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
EVENT_FACTS = st.builds(claims.EventFacts, EVENT_IDS, st.none() | WHEN, st.none() | NAMES, st.none() | NAMES)


@given(st.lists(EVENT_FACTS, max_size=4, unique_by=lambda e: e.event_id),
       st.lists(st.sampled_from(["official", "complete success", "the President"]), max_size=2, unique=True),
       st.sampled_from(["a judgment", "no field for it"]))
def test_a_spec_reads_back_what_was_written(events, words, why):
    spec = claims.EventSpec(tuple(events), tuple(claims.Unchecked(w, why) for w in words))
    if not events and not words:
        return
    assert claims.parse_events_spec("c1", claims.format_events_spec(spec), TEXT) == spec


@given(st.text(max_size=60))
def test_any_text_is_read_or_refused_never_crashes(args):
    try:
        claims.parse_events_spec("c1", args, TEXT)
    except ValidationError as err:
        assert "claim c1" in str(err)


SHIPPED = {  # claim: verdict, and words its note must hold (what was checked, what was not)
    "c02": ("matches", ["date 2023 matches; city Hangzhou matches", "Not checked: “have achieved complete success”"]),
    "c04": ("not checked", ["Not checked: ‘The past year marked the beginning of another “golden thirty years”’"]),
    "c05": ("matches", ["date May 2023 matches; country China matches", "date October 2023 matches; country China "
                        "matches", "Not checked: “official”"]),
    "c06": ("matches", ["date 2023 matches", "Not checked: “publication”"]),
    "c07": ("matches", ["date 2023 matches", "Not checked: “successfully”"]),
    "c08": ("matches", ["date 2013 matches; country Kazakhstan matches", "Not checked: “solemnly”"]),
    "c13": ("matches", ["the speech gives no date or place for it"]),
    "c14": ("matches", ["date 2023 matches; country Kazakhstan matches", "Not checked: “officially”"]),
    "c15": ("matches", ["date 2023 matches"]),
    "c16": ("matches", ["the speech gives no date or place for it", "Not checked: “China supports Kazakhstan"]),
}


def test_the_shipped_event_claims_assert_what_the_speech_says():
    table = curated.claims()
    events = table[table["check"] == "events"]
    assert sorted(events["claim_id"]) == sorted(SHIPPED)
    checked = claims.check(events, pd.DataFrame(), PRESS, curated.events()).set_index("claim_id")
    for claim_id, (verdict, words) in SHIPPED.items():
        assert checked.loc[claim_id, "verdict"] == verdict, claim_id
        for w in words:
            assert w in checked.loc[claim_id, "check_note"], (claim_id, w)


def test_press_figures_give_a_verdict_and_a_note():
    row = _check("press", "pf-001")
    assert row["verdict"] == "no independent source" and row["check_source_id"] == "press-001"


@pytest.mark.parametrize(("kind", "args", "words"), [("press", "pf-999", "unknown press figure"),
                                                     ("guess", "", "unknown check kind")])
def test_unknown_ids_or_kinds_are_refused(kind, args, words):
    with pytest.raises(ValidationError, match=words):
        _check(kind, args)


def _partners(table: dict[str, tuple[float, float]], *, year: int = 2023, source_id: str = "kz-bns-2023",
              series: str = "kz_bns") -> list[dict]:
    """trade_partners rows of Kazakhstan's partners in one workbook: {code: (exports, imports)}."""
    return [{"year": year, "reporter": "Kazakhstan", "partner": code,
             "partner_kind": "aggregate" if code in ("WORLD", "EU") else "country", "partner_name": code, "flow": flow,
             "value_usd": value, "series": series, "status": "reported",
             "vintage": int(source_id[-4:]) if series == "kz_bns" else None, "preferred": True,
             "source_id": source_id, "source_locator": "cell", "note": None}
            for code, flows in table.items() for flow, value in zip(("exports", "imports"), flows, strict=True)]


def _largest(rows: list[dict]) -> pd.Series:
    frame = pd.DataFrame([{**CLAIM, "claim_text": "China has become Kazakhstan’s largest trading partner",
                           "check": "largest_partner", "check_args": "2023"}])
    return claims.check(frame, pd.DataFrame(), PRESS, EVENTS, pd.DataFrame(rows)).iloc[0]


def test_largest_partner_is_computed_from_every_partner_of_the_year():
    row = _largest(_partners({"WORLD": (60, 40), "CHN": (15, 10), "RUS": (5, 15), "EU": (30, 5), "ITA": (20, 1)}))
    assert row["verdict"] == "matches" and row["check_source_id"] == "kz-bns-2023"
    assert row["check_value"] == pytest.approx(25.0) and row["check_unit"] == claims.SHARE_OF_TURNOVER
    assert row["check_note"] == ("In Kazakhstan's 2023 statistics (the bureau's 2023 workbook) China has 25.0% of "
                                 "Kazakhstan's trade turnover and is 1st of 3 countries; the largest partner is China "
                                 "(25.0%), the second Italy (21.0%).")  # the EU is a group, never ranked


def test_largest_partner_differs_when_another_country_leads():
    row = _largest(_partners({"WORLD": (60, 40), "CHN": (10, 10), "RUS": (10, 15)}))
    assert row["verdict"] == "differs"
    assert "is 2nd of 2 countries; the largest partner is Russia (25.0%), the second China (20.0%)" \
        in row["check_note"]


def test_largest_partner_reads_only_the_bureaus_year():
    dots = _partners({"WORLD": (60, 40), "CHN": (1, 1), "RUS": (30, 30)}, source_id="imf-dots-kaz", series="imf_dots")
    older = _partners({"WORLD": (60, 40), "CHN": (15, 10), "RUS": (5, 15)}, year=2022)
    row = _largest(dots + older)  # IMF DOTS' ranking and the bureau's other years never stand in for 2023
    assert row["verdict"] == "no independent source"
    assert row["check_note"] == "No table of all Kazakhstan's partners for 2023."


def test_kzcns_reasons_are_given_as_translated_and_the_speechs_words_stay_as_published():
    """`reasons` (kzcn.curated.text_translations, in the reader's language) replaces kzcn's own reasons only, by
    claim and English reason; the quoted words of the claim, the verdict and the rest of the note are unchanged."""
    args = "2023-05-17-visit (date=2023); not checked [complete success]: a judgment the data cannot make"
    frame = pd.DataFrame([{**CLAIM, "check": "events", "check_args": args},
                          {**CLAIM, "claim_id": "c2", "check": "none", "check_args": "Not about trade."},
                          {**CLAIM, "claim_id": "c3", "check": "none", "check_args": "Not about trade."}])
    reasons = {("c1", "a judgment the data cannot make"): "这是一种评价。",
               ("c2", "Not about trade."): "Не о торговле.", ("c1", "Not about trade."): "wrong claim: never used"}
    english = claims.check(frame, pd.DataFrame(), PRESS, EVENTS).set_index("claim_id")
    shown = claims.check(frame, pd.DataFrame(), PRESS, EVENTS, reasons=reasons).set_index("claim_id")
    assert shown.loc["c1", "check_note"] == english.loc["c1", "check_note"].replace(
        "— a judgment the data cannot make.", "— 这是一种评价.")  # its own full stop dropped: the note adds one
    assert "“complete success”" in shown.loc["c1", "check_note"]
    assert shown.loc["c2", "check_note"] == "Не о торговле."
    assert shown.loc["c3", "check_note"] == "Not about trade."  # no translation given: the English
    assert shown["verdict"].equals(english["verdict"])
    assert list(shown.loc["c1", ["check", "check_args"]]) == ["events", args]  # kept: the claim can be checked again


def test_claims_already_checked_can_be_checked_again():
    frame = pd.DataFrame([{**CLAIM, "check": "events", "check_args": "2023-05-17-visit (date=2023)"}])
    once = claims.check(frame, pd.DataFrame(), PRESS, EVENTS)
    again = claims.check(once, pd.DataFrame(), PRESS, EVENTS)
    assert again.equals(once)
