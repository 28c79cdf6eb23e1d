"""The speech passages are verbatim and together cover the whole address."""

from __future__ import annotations

import re
import shutil

import pytest

from kzcn import curated
from kzcn.errors import SourceFormatError, ValidationError


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def test_passages_rejoin_to_the_published_paragraphs(speech_file):
    passages = curated.passages(speech_file)
    text = speech_file.read_text(encoding="utf-8")
    rejoined = passages.groupby("paragraph")["text"].agg("".join).tolist()
    assert rejoined == _paragraphs(text)
    # every character of the address (bar the blank lines between paragraphs) is in exactly one passage
    assert sum(map(len, passages["text"])) == sum(map(len, _paragraphs(text)))


def test_run_together_paragraph_is_split_at_the_documented_place(speech_file):
    passages = curated.passages(speech_file).set_index("passage_id")
    assert passages.loc["p04", "text"].endswith("collective consciousness.")
    assert passages.loc["p05", "text"].startswith("2023 will remain an outstanding year")
    assert passages.loc["p04", "paragraph"] == passages.loc["p05", "paragraph"]
    assert "consciousness." in passages.loc["p04", "split_note"]


def test_each_numbered_theme_has_its_passage(speech_file):
    passages = curated.passages(speech_file)
    themes = set(passages["theme"])
    assert {f"{i}-" for i in range(1, 7)} <= {t[:2] for t in themes}
    assert {"introduction", "outlook", "closing"} <= themes
    assert passages["passage_id"].is_unique


def test_speech_that_lost_a_passage_opening_is_refused(tmp_path, speech_file):
    changed = tmp_path / "speech.txt"
    changed.write_text(speech_file.read_text(encoding="utf-8").replace("Sixth, international", "Sixth,"))
    with pytest.raises(SourceFormatError, match="Sixth, international cooperation"):
        curated.passages(changed)


def test_passage_plan_that_skips_a_paragraph_is_refused(tmp_path, speech_file, repo_root):
    folder = tmp_path / "curated"
    shutil.copytree(repo_root / "data" / "curated", folder)
    plan = (folder / "passages.csv").read_text(encoding="utf-8").splitlines()
    (folder / "passages.csv").write_text("\n".join(line for line in plan if not line.startswith("p14")))
    with pytest.raises(ValidationError, match=r"paragraphs \[13\]"):
        curated.passages(speech_file, folder)
