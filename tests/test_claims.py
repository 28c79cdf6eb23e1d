"""A claim check that names an event or press figure kzcn does not hold is a curation error, never skipped."""

from __future__ import annotations

import pandas as pd
import pytest

from kzcn import claims
from kzcn.errors import ValidationError

CLAIM = {"claim_id": "c1", "passage_id": "p01", "claim_text": "x", "metric": "m", "value": 1.0, "unit": None,
         "period": "2023"}
EVENTS = pd.DataFrame({"event_id": ["e1"], "title": ["Summit"], "start": ["2023-05"], "end": ["2023-05"],
                       "disagreement": [None]})
PRESS = pd.DataFrame({"figure_id": ["pf-001"], "publisher": ["Kursiv"], "period": ["2023"], "metric": ["rank"],
                      "source_id": ["press-001"]})


def _check(kind: str, args: str) -> pd.DataFrame:
    frame = pd.DataFrame([{**CLAIM, "check": kind, "check_args": args}])
    return claims.check(frame, pd.DataFrame(), PRESS, EVENTS)


def test_known_ids_give_a_verdict_and_a_note():
    row = _check("events", "e1").iloc[0]
    assert row["verdict"] == "matches" and "Summit (2023-05)" in row["check_note"]
    row = _check("press", "pf-001").iloc[0]
    assert row["verdict"] == "no independent source" and row["check_source_id"] == "press-001"


@pytest.mark.parametrize(("kind", "args", "words"), [("events", "e1; e2", "unknown event"),
                                                     ("press", "pf-999", "unknown press figure"),
                                                     ("guess", "", "unknown check kind")])
def test_unknown_ids_or_kinds_are_refused(kind, args, words):
    with pytest.raises(ValidationError, match=words):
        _check(kind, args)
