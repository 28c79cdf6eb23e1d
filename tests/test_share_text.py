"""The sentence over China's share bars: which chapters China takes over half of, named whole, in the reader's
language, its numbers never written as 50% for "over half"."""

from __future__ import annotations

from app_pages import trade as trade_page
from kzcn import i18n

LEADERS = [(0.802, "26", "Ores, slag and ash", 3.9e9), (0.673, "23", "Residues from the food industries", 2.8e8),
           (0.503, "79", "Zinc and articles thereof", 3.274e8)]


def test_the_over_half_sentence_names_each_chapter_with_its_share_and_value():
    markdown = trade_page.over_half(2024, LEADERS)
    assert "\\$3\\.9 bn" in markdown  # escaped: two dollar signs in st.markdown would start LaTeX
    text = markdown.replace("\\", "")
    assert text.splitlines() == [
        "**2024: China's share is over half** in 3 chapters of those below:",
        "- Chapter 26, ores, slag and ash: 80% ($3.9 bn)",
        "- Chapter 23, residues from the food industries: 67% ($280.0 m)",
        "- Chapter 79, zinc and articles thereof: 50.3% ($327.4 m)",  # never "50%" for over half
    ]
    assert "in 1 chapter of those below:" in trade_page.over_half(2015, LEADERS[:1])


def test_the_over_half_sentence_is_in_the_readers_language():
    with i18n.language("ru"):
        text = trade_page.over_half(2024, LEADERS).replace("\\", "")
    assert "China" not in text and "chapter" not in text and "50,3" in text
