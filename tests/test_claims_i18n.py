"""The speech's claims checked again in the reader's language (issue 14): in Russian and Chinese the notes and bases
are kzcn's words in that language, its own reasons as it translated them (data/curated/texts_i18n.csv), the
speech's quoted words as published; the verdicts, values and sources are the shipped ones. English shows the shipped
claims, and checking them again in English gives them byte for byte.

The checks run on whatever data folder the tests run on (the shipped one, or a refreshed copy): they compare kzcn's
functions with each other, never with a figure. What the shipped translations say is pinned in test_shipped_data.py.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from helpers import CLAIM_CARD, claim_cards, run

from app_pages import speech as speech_page
from kzcn import claims, datasets, i18n
from kzcn import speechview as sv
from kzcn.i18n import _
from kzcn.ui.data import checked_claims, localised_events, localised_passages, translated_texts

pytestmark = pytest.mark.shipped_data  # reads the shipped data/: run again on a refreshed copy (conftest)

SCRIPT = {"ru": re.compile("[А-Яа-яЁё]"), "zh": re.compile("[\u4e00-\u9fff]")}
SPEECH = "app_pages/speech.py"


def _in(lang: str, message: str) -> str:
    with i18n.language(lang):
        return _(message)


def unescape(text: str) -> str:
    """Undo kzcn.fmt.md_escape (a backslash before a markdown-special character)."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>$~:=])", r"\1", text)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return datasets.load_all()


def _shown(frames, lang: str) -> pd.DataFrame:
    return checked_claims(frames, localised_events(frames["events"], frames["event_translations"], lang), lang)


def test_checked_again_in_english_the_claims_are_the_shipped_ones_byte_for_byte(frames):
    again = checked_claims(frames, frames["events"], "en")
    pd.testing.assert_frame_equal(again, frames["claims"])
    for column in ("check_note", "check_basis"):
        assert [str(v).encode() for v in again[column]] == [str(v).encode() for v in frames["claims"][column]]


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_checked_again_in_another_language_only_the_words_change(frames, lang):
    shipped, shown = frames["claims"], _shown(frames, lang)
    for column in ("claim_id", "claim_text", "check", "check_args", "verdict", "check_value", "check_unit",
                   "check_source_id", "source_id"):
        assert shown[column].equals(shipped[column]), column
    assert shown["check_basis"].isna().equals(shipped["check_basis"].isna())
    for text in [*shown["check_note"], *shown["check_basis"].dropna()]:
        assert SCRIPT[lang].search(text), text
    assert (shown["check_note"] != shipped["check_note"]).all()


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_kzcns_reasons_are_its_translation_and_the_speechs_words_stay_english(frames, lang):
    shown = _shown(frames, lang).set_index("claim_id")
    mine = translated_texts(frames["text_translations"], "claims", lang)
    own = claims.own_texts(frames["claims"])
    assert own  # the shipped claims give reasons kzcn translated
    for claim_id, field, english in own:
        note = shown.loc[claim_id, "check_note"]
        translation = mine[(claim_id, english)]
        if field == claims.REASON:
            assert note == translation
        else:
            assert translation.rstrip("。.") in note
        assert english.rstrip(".") not in note
    for claim in frames["claims"][frames["claims"]["check"] == "events"].itertuples():
        spec = claims.parse_events_spec(claim.claim_id, claim.check_args, claim.claim_text)
        for unchecked in spec.unchecked:  # the speech's words, quoted as published
            assert unchecked.words in shown.loc[claim.claim_id, "check_note"]


def test_split_notes_are_shown_translated_where_kzcn_translated_them():
    passages = pd.DataFrame({"passage_id": ["p01", "p02", "p03"],
                             "split_note": ["First half.", None, "Second half, edited."]})
    translations = pd.DataFrame({
        "table": ["passages", "passages", "passages", "claims"], "key": ["p01", "p01", "p03", "p01"],
        "field": ["split_note", "split_note", "split_note", "reason"], "lang": ["ru", "zh", "ru", "ru"],
        "text": ["Первая половина.", "前半部分。", "Вторая половина.", "Причина."],
        "text_en": ["First half.", "First half.", "Second half.", "First half."]})
    shown = localised_passages(passages, translations, "ru")
    # p03's English changed since its translation: never given another English's translation
    assert shown["split_note"].iloc[0] == "Первая половина." and pd.isna(shown["split_note"].iloc[1])
    assert shown["split_note"].iloc[2] == "Second half, edited."
    assert localised_passages(passages, translations, "zh")["split_note"].iloc[0] == "前半部分。"
    assert passages["split_note"].iloc[0] == "First half."  # the frame given is unchanged


def test_the_speech_page_in_russian_shows_russian_notes(frames):
    at = run(SPEECH, lang="ru", speech_view=_in("ru", speech_page.TABS[1]))
    cards = claim_cards(at)
    shipped = frames["claims"].sort_values("claim_id")
    assert len(cards) == len(shipped)
    ids = [CLAIM_CARD.match(card).group(1) for card in cards]
    note = re.escape(_in("ru", "Note"))
    notes = dict(zip(ids, (unescape(re.search(sv.CARD_FIELD.format(label=note), card, re.S).group(1))
                           for card in cards), strict=True))
    assert all(SCRIPT["ru"].search(n) for n in notes.values()), notes
    assert "Не проверено: “have achieved complete success” — успешность события является оценкой" in notes["c02"]
    assert notes["c01"] == translated_texts(frames["text_translations"], "claims", "ru")[
        ("c01", shipped.set_index("claim_id").loc["c01", "check_args"])]
    verdicts = shipped.set_index("claim_id").loc[ids, "verdict"]
    with i18n.language("ru"):  # the shipped verdicts, each in its card's first line
        assert all(sv.verdict_badge(v) in card.split("\n")[0] for v, card in zip(verdicts, cards, strict=True))


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_the_address_tab_shows_the_notes_and_split_notes_in_the_language(frames, lang):
    at = run(SPEECH, lang=lang)
    shown = " ".join(unescape(m.value) for m in at.markdown)
    notes = translated_texts(frames["text_translations"], "passages", lang)
    split = frames["passages"].dropna(subset=["split_note"])
    assert len(split)
    for passage, note in zip(split["passage_id"], split["split_note"], strict=True):
        assert notes[(passage, note)] in shown
        assert note not in shown
    for text in frames["passages"]["text"]:
        assert text in shown  # the address itself, as published
    mine = translated_texts(frames["text_translations"], "claims", lang)
    c02 = [mine[(claim, english)] for claim, _field, english in claims.own_texts(frames["claims"]) if claim == "c02"]
    assert c02 and all(why.rstrip("。.") in shown for why in c02)


def test_a_matching_place_is_named_as_the_readers_language_names_it():
    """'city Hangzhou matches' in English (the claim's words); in Russian the event's city as kzcn translated it,
    and of a border's two countries the one the speech named, in CLDR's Russian."""
    events = pd.DataFrame({"event_id": ["2023-09-23-games"], "title": ["Games"], "start": ["2023-09-23"],
                           "end": ["2023-10-08"], "city": ["Hangzhou"], "country": ["Kazakhstan/China (border)"],
                           "disagreement": [None]})
    shown = events.assign(title="Игры", city="Ханчжоу", country="Казахстан/Китай (граница)")
    claim = {"claim_id": "c1", "claim_text": "the Games in Hangzhou, China"}
    args = "2023-09-23-games (country=China, city=Hangzhou)"
    english = claims._events(claim, args, events, events)["check_note"]
    assert "city Hangzhou matches" in english and "country China matches" in english
    with i18n.language("ru"):
        russian = claims._events(claim, args, events, shown)["check_note"]
    assert _in("ru", "city {said} matches").format(said="Ханчжоу") in russian
    assert _in("ru", "country {said} matches").format(said="Китай") in russian
    assert "Hangzhou" not in russian


def test_a_period_no_source_gives_is_named_in_kzcns_translation(frames):
    """The speech's "first eleven months": the note says no source gives that period, in the period's words as kzcn
    translated them (text_translations), not in its English key ("2023 Jan–Nov")."""
    claim = pd.DataFrame([{"claim_id": "c99", "passage_id": "p10", "claim_text": "trade reached $36.87 billion",
                           "metric": "bilateral trade turnover", "value": "36.87", "unit": "USD bn",
                           "period": "2023 Jan–Nov", "check": "trade_value", "check_args": "2023"}])
    with i18n.language("ru"):
        checked = claims.check(claim, frames["trade_annual"], frames["press_figures"], frames["events"],
                               reasons={("c99", "2023 Jan–Nov"): "январь–ноябрь 2023 г."})
        untranslated = claims.check(claim, frames["trade_annual"], frames["press_figures"], frames["events"])
    assert checked["verdict"].iloc[0] == "no independent source"
    note = checked["check_note"].iloc[0]
    assert "январь–ноябрь 2023 г." in note and "Jan–Nov" not in note
    assert "2023 Jan–Nov" in untranslated["check_note"].iloc[0]  # no translation: the English key, not nothing
