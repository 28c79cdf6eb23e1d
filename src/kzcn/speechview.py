"""The speech page's frames and texts: passages in order with what they talk about, and the claims table. Pure.

The address is never altered: passage text goes out exactly as stored (pages escape it for markdown), in its
published English whatever the reader's language, and so do the claims' quoted words; kzcn's own words around
them (headings, verdicts, notes, column names) are in the reader's language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from kzcn import fmt
from kzcn.claims import SHARE_OF_TURNOVER, VERDICTS
from kzcn.fmt import when
from kzcn.i18n import N_, _, ngettext
from kzcn.views import source_labels, theme_label

# verdict -> badge colour and icon: the word is always shown, so colour is never the only cue
VERDICT_STYLE = {
    "matches": ("green", ":material/check_circle:"),
    "close": ("blue", ":material/adjust:"),
    "differs": ("red", ":material/cancel:"),
    "no independent source": ("orange", ":material/help:"),
    "not checked": ("gray", ":material/remove_circle_outline:"),
}
VERDICT_MEANING = {  # shown with `_`
    "matches": N_("kzcn's data says the same (a figure within 0.5%, a growth rate within 0.5 points; every event "
                  "named happened, when and where the speech says); the note names any words not checked"),
    "close": N_("within 2% of kzcn's figure (2 points for a growth rate)"),
    "differs": N_("kzcn's data says otherwise"),
    "no independent source": N_("kzcn holds no source for exactly what is stated"),
    "not checked": N_("outside what kzcn's data covers, or a judgment no data can settle"),
}


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA


def ordered(passages: pd.DataFrame) -> pd.DataFrame:
    """Every passage, in the order of the address."""
    return passages.sort_values("order", ignore_index=True)


def heading(row: pd.Series | dict, passages: pd.DataFrame) -> str:
    """ "p10 · Paragraph 9 · 4 · Belt and Road"; a paragraph kzcn split in two says which part this is."""
    paragraph = int(row["paragraph"])
    parts = ordered(passages)
    parts = parts[parts["paragraph"] == paragraph]["passage_id"].tolist()
    if len(parts) > 1:
        where = _("Paragraph {paragraph}, part {part} of {parts}").format(
            paragraph=paragraph, part=parts.index(row["passage_id"]) + 1, parts=len(parts))
    else:
        where = _("Paragraph {paragraph}").format(paragraph=paragraph)
    return f"{row['passage_id']} · {where} · {theme_label(str(row['theme']))}"


def events_by_passage(events: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """passage_id → the events that passage names or refers to (event_id, when, title), oldest first."""
    rows = events[["event_id", "start", "end", "title", "passage_ids"]].explode("passage_ids")
    rows = rows.dropna(subset=["passage_ids"]).sort_values(["start", "end"])
    rows["when"] = [when(s, e) for s, e in zip(rows["start"], rows["end"], strict=True)]
    return {pid: g[["event_id", "when", "title"]].reset_index(drop=True)
            for pid, g in rows.groupby("passage_ids", sort=False)}


@dataclass(frozen=True)
class PassageView:
    """One passage as the page shows it, every text already escaped for markdown (the words unchanged)."""

    passage_id: str
    heading: str
    text: str
    split_note: str | None
    events: tuple[str, ...]  # "17 May 2023 · Title", oldest first
    claims: tuple[tuple[str, str], ...]  # (badge and quoted claim, the check's note)
    views: tuple[str, ...]  # the trade figures it talks about (passages.trade_views)
    ranks_partners: bool = False  # a claim checked against Kazakhstan's partners (the Partners page shows them)


def passage_views(passages: pd.DataFrame, claims: pd.DataFrame, events: pd.DataFrame) -> list[PassageView]:
    """Every passage in the order of the address with its events and claims, ready to show.

    None of it depends on the sidebar's filters, so the page computes it once per process rather than on every
    rerun (the headings, lookups and escaping cost ~50 ms a run).
    """
    linked = events_by_passage(events)
    claims_of = {pid: g.sort_values("claim_id") for pid, g in claims.groupby("passage_id", sort=False)}
    out = []
    rows = ordered(passages)
    for row in rows.to_dict("records"):
        pid = row["passage_id"]
        ev = linked.get(pid)
        cl = claims_of.get(pid)
        note = row["split_note"]
        out.append(PassageView(
            passage_id=pid,
            heading=fmt.md_escape(heading(row, rows)),
            text=fmt.md_escape(row["text"]),
            split_note=fmt.md_escape(note) if isinstance(note, str) and note else None,
            events=() if ev is None else tuple(f"{fmt.md_escape(w)} · {fmt.md_escape(t)}"
                                               for w, t in zip(ev["when"], ev["title"], strict=True)),
            claims=() if cl is None else tuple(
                (f"{verdict_badge(v)} “{fmt.md_escape(t)}”", fmt.md_escape(n))
                for v, t, n in zip(cl["verdict"], cl["claim_text"], cl["check_note"], strict=True)),
            views=tuple(row["trade_views"]),
            ranks_partners=cl is not None and bool((cl["check_unit"] == SHARE_OF_TURNOVER).any()),
        ))
    return out


def chart_key(passage_id: str) -> str:
    """The URL key of a passage's chart expander: `?p10_chart=true` opens it."""
    return f"{passage_id}_chart"


def figures_key(passage_id: str) -> str:
    """The URL key of a passage's figure tabs (several figures): `?p10_figures=The+mirror+gap`."""
    return f"{passage_id}_figures"


def _figure_names(figures: list[str]) -> list[str]:
    """The figures' labels (English, views.SPEECH_FIGURES) as a sentence names them, in the reader's language."""
    return [_(f).lower() for f in figures]


def charts_label(figures: list[str]) -> str:
    """ "Show the chart: trade turnover" or "Show the charts: trade turnover, the mirror gap and trade by sector"."""
    return ngettext("Show the chart: {figures}", "Show the charts: {figures}", len(figures)).format(
        figures=fmt.listing(_figure_names(figures)))


def small(text: str) -> str:
    """Markdown (already escaped) set as small grey text, one line: what st.caption shows, inside one element."""
    return f":gray[:small[{text}]]"


NO_LINKS = N_("No figure, event or checkable claim in this passage.")


def passage_markdown(p: PassageView, figures: list[str]) -> tuple[str, str]:
    """The two columns of a passage as one markdown text each: the passage (heading, words, split note, events)
    and what it says that kzcn checks (claims with their notes, the figures it talks about).

    One element per column instead of one per line: the page holds 14 passages, and the browser's time to draw
    the page grows with its number of elements (docs/performance.md).
    """
    text = [small(p.heading), p.text]
    if p.split_note:
        text.append(small(":material/info: " + p.split_note))
    if p.events:
        text.append(_("**Events it refers to** ({n})").format(n=len(p.events)) + "  \n"
                    + "  \n".join(small(e) for e in p.events))
    about = []
    if p.claims:
        about.append(_("**Claims checked**"))
        about += [f"{claim}  \n{small(note)}" for claim, note in p.claims]
    if figures:
        about.append(_("**Figures it talks about:** {figures} (below)").format(
            figures=fmt.commas(_figure_names(figures))))
    if not p.events and not p.claims and not figures:
        about.append(small(_(NO_LINKS)))
    return "\n\n".join(text), "\n\n".join(about)


def verdict_badge(verdict: str) -> str:
    """A markdown badge (Streamlit's :colour-badge[] directive) naming the verdict; unknown text is escaped."""
    colour, icon = VERDICT_STYLE.get(verdict, ("gray", ""))
    text = _(verdict) if verdict in VERDICT_STYLE else fmt.md_escape(verdict)
    return f":{colour}-badge[{icon} {text}]" if icon else f":{colour}-badge[{text}]"


def _digits(value: float) -> int:
    """The decimals a stated figure has, up to two (36.87: 2, 5.2: 1, 1000: 0)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return len(text.partition(".")[2])


def _number(value: float) -> str:
    """Up to two decimals, trailing zeros dropped (36.87, 5.2, 1,000), with the locale's separators."""
    return fmt.number(round(value, _digits(value)), _digits(value))


def stated(value: float | None, unit: str | None) -> str:
    """The speech's figure with its unit, as a reader would say it ($36.87 bn, 31.1% year on year, rank 5)."""
    if not _present(value):
        return fmt.MISSING
    unit = str(unit) if _present(unit) else ""
    if unit == "USD bn":
        return fmt.usd(value * 1e9, digits=2)
    if unit.startswith("%"):
        # the percent as the locale writes it ("31,1 %"), the unit's words the curated claim's (data)
        return f"{fmt.pct(value, _digits(value), signed=False)}{unit[1:]}"
    if unit == "rank":
        # TRANSLATORS: a rank the speech states, e.g. "rank 5"
        return _("rank {number}").format(number=_number(value))
    if unit == "meeting number":
        # TRANSLATORS: the number of a meeting the speech states, e.g. "meeting number 11"
        return _("meeting number {number}").format(number=_number(value))
    return f"{_number(value)} {unit}".strip()


def checked(value: float | None, unit: str | None, basis: str | None) -> str:
    """What kzcn's data says, formatted with kzcn.fmt, followed by what the figure is."""
    unit = str(unit) if _present(unit) else ""
    if not _present(value):
        text = fmt.MISSING
    elif unit == "USD":
        text = fmt.usd(value, digits=2)
    elif unit == "% year on year":
        text = _("{growth} year on year").format(growth=fmt.pct(value))
    elif unit == SHARE_OF_TURNOVER:
        text = _("{share} of turnover").format(share=fmt.pct(value, signed=False))
    elif unit.startswith("%"):
        text = f"{fmt.pct(value, signed=False)}{unit[1:]}"
    else:
        text = f"{_number(value)} {unit}".strip()
    if _present(basis):
        if text == fmt.MISSING:
            return str(basis)[:1].upper() + str(basis)[1:]
        # TRANSLATORS: what kzcn's data says, then what the figure is, e.g. "$41.05 bn (full year 2023, as …)"
        return _("{value} ({basis})").format(value=text, basis=basis)
    return text


# the claims table's columns (code uses these English names; as_markdown shows them in the reader's language)
CLAIM_COLUMNS = [N_("Claim (verbatim)"), N_("The speech's figure"), N_("What kzcn's data says"), N_("Verdict"),
                 N_("Note"), N_("Checked against")]
CLAIM_INDEX = N_("Passage · claim")


def claims_table(claims: pd.DataFrame, sources: pd.DataFrame, passages: pd.DataFrame,
                 verdicts: list[str] | tuple[str, ...] = (),
                 words: Mapping[tuple[str, str], str] | None = None) -> pd.DataFrame:
    """One plain-text row per claim, in the order of the address; `verdicts` keeps only those verdicts.

    Index: "p10 · c09" (passage and claim ids). The speech's figure: stated value and unit, metric, period, in
    the reader's language where `words` translates them ((claim_id, English) -> translation, kzcn's own
    translation: the text_translations dataset); the claim itself stays as the speech says it.
    """
    words = words or {}

    def said(claim_id: str, text: object) -> object:
        return words.get((claim_id, text), text) if isinstance(text, str) else text

    labels = source_labels(sources)
    order = dict(zip(passages["passage_id"], passages["order"], strict=True))
    rows = claims.assign(_order=claims["passage_id"].map(order)).sort_values(["_order", "claim_id"])
    if verdicts:
        rows = rows[rows["verdict"].isin(list(verdicts))]
    out = pd.DataFrame({
        "Claim (verbatim)": rows["claim_text"],
        # TRANSLATORS: the speech's figure, what it measures and its period, e.g. "$36.87 bn — trade (period: 2023)"
        "The speech's figure": [_("{figure} — {metric} (period: {period})").format(
            figure=stated(v, said(c, u)), metric=said(c, m), period=said(c, p)) for c, v, u, m, p in
            zip(rows["claim_id"], rows["value"], rows["unit"], rows["metric"], rows["period"], strict=True)],
        "What kzcn's data says": [checked(v, u, b) for v, u, b in
                                  zip(rows["check_value"], rows["check_unit"], rows["check_basis"], strict=True)],
        "Verdict": rows["verdict"],
        "Note": rows["check_note"],
        "Checked against": rows["check_source_id"].map(lambda s: labels.get(s, s) if _present(s) else fmt.MISSING),
    })
    out.index = pd.Index([f"{p} · {c}" for p, c in zip(rows["passage_id"], rows["claim_id"], strict=True)],
                         name=CLAIM_INDEX)
    return out


def as_markdown(table: pd.DataFrame) -> pd.DataFrame:
    """The claims table for st.table, which renders markdown: data text escaped, the verdict as a badge, the
    column names in the reader's language."""
    out = table.map(fmt.md_escape)
    out["Verdict"] = table["Verdict"].map(verdict_badge)
    name = table.index.name
    out.index = pd.Index([fmt.md_escape(i) for i in table.index], name=_(name) if name else name)
    out.columns = [_(c) for c in table.columns]
    return out


CARD_FIELD = r"\*\*{label}:\*\* (.*?)(?:  \n|$)"  # a labelled line of a claim card, as a regex (label escaped)


def claim_cards(table: pd.DataFrame) -> list[tuple[str, str]]:
    """The claims table (as_markdown's) as one card per claim, (claim id, markdown): its id and verdict, the claim
    as a quote, then each other column as a labelled line (CARD_FIELD finds one). A table of six columns read on a
    phone as a strip of 850 px scrolled sideways, each row as tall as its narrowest column's note (300–600 px of
    white); on a desktop its notes were ~150 px wide."""
    claim, verdict = _("Claim (verbatim)"), _("Verdict")
    cards = []
    for index, row in table.iterrows():
        fields = "  \n".join(f"**{column}:** {row[column]}" for column in table.columns
                             if column not in (claim, verdict))
        cards.append((str(index).rsplit(" · ", 1)[-1],
                      f"**{index}** {row[verdict]}\n\n*{claim}*\n\n> {row[claim]}\n\n{fields}"))
    return cards


def verdict_counts(claims: pd.DataFrame) -> list[tuple[str, int]]:
    """(verdict, number of claims) in the fixed verdict order, verdicts with no claim left out."""
    counts = claims["verdict"].value_counts()
    known = [(v, int(counts[v])) for v in VERDICTS if v in counts]
    return known + [(str(v), int(n)) for v, n in counts.items() if v not in VERDICTS]


def md_link(text: str, url: str) -> str:
    """A markdown link whose text is escaped and whose address is a plain web address; otherwise just the text."""
    parts = urlsplit(str(url).strip())
    safe = parts.scheme in ("http", "https") and parts.netloc and not any(
        ch.isspace() or ch in "()<>[]\\\"'`" for ch in str(url).strip())
    return f"[{fmt.md_escape(text)}]({str(url).strip()})" if safe else fmt.md_escape(text)
