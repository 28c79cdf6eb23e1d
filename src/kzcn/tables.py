"""Every dataset as a table a reader can filter, download and cite: pure, so tests can check it.

`shape(name, frames, filters)` applies the sidebar filters that mean something for that dataset, joins the
source of every row (publisher, title, url, accessed or cited_from, file) from `sources` via `source_id`, and
says in plain words what it did. The page shows the frame, offers exactly it as CSV, and cites the publishers behind it.
The coverage helpers further down compute the "notes on method" from the data, so they cannot drift from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from kzcn import countries, fmt, metrics, partners, preferred, urlstate
from kzcn.i18n import N_, _, ngettext
from kzcn.schemas import BILATERAL, TOTAL

# Dataset names (file stems) and the names people see, in the order the picker lists them (in English here:
# the picker shows them, and links carry them, through `_`).
NAMES: dict[str, str] = {
    "trade_annual": N_("Annual trade"),
    "trade_products": N_("Trade by HS chapter"),
    "trade_headings": N_("Trade by HS4 heading"),
    "trade_partners": N_("Trade with every partner"),
    "product_coverage": N_("Chapter coverage"),
    "product_completeness": N_("Completeness by year"),
    "events": N_("Events"),
    "event_translations": N_("Event texts in Russian and Chinese"),
    "passages": N_("Speech passages"),
    "claims": N_("Claims checked"),
    "text_translations": N_("Claim and passage notes in Russian and Chinese"),
    "press_figures": N_("Press figures"),
    "hs_chapters": N_("HS chapters and sectors"),
    "hs_headings": N_("HS4 heading names"),
    "hs_chapter_names": N_("HS chapter names in Russian and Chinese"),
    "hs_heading_names": N_("HS4 heading names in Russian and Chinese"),
    "publisher_names": N_("Publishers' names in Russian and Chinese"),
    "sources": N_("Sources"),
    "refresh_log": N_("Refresh log"),
}
DEFAULT = "trade_annual"

# Which sidebar filters mean something for which dataset.
YEAR_FILTERED = ("trade_annual", "trade_products", "trade_headings", "trade_partners", "product_coverage",
                 "product_completeness", "events", "press_figures")
# reporter view and direction
SIDE_FILTERED = ("trade_annual", "trade_products", "trade_headings", "product_coverage", "product_completeness")
# reporter view only: a row with a third country is no direction of goods between China and Kazakhstan
REPORTER_FILTERED = ("trade_partners",)
CHAPTER_FILTERED = ("trade_products", "trade_headings", "product_coverage", "hs_chapters", "hs_headings",
                    "hs_chapter_names", "hs_heading_names")
HEADING_FILTERED = ("trade_headings", "hs_headings", "hs_heading_names")  # the chosen HS4 headings

# sources column -> column added to every other dataset's rows
SOURCE_COLUMNS: dict[str, str] = {
    "publisher": "source_publisher",
    "title": "source_title",
    "url": "source_url",
    "accessed": "source_accessed",
    "cited_from": "source_cited_from",
    "file": "source_file",
}
CHECK_SOURCE_COLUMNS: dict[str, str] = {"publisher": "check_source_publisher", "title": "check_source_title",
                                        "url": "check_source_url"}
LIST_SEPARATOR = " | "  # list cells (event themes, source URLs) become text, as in the research table

# What each column of each dataset means, one sentence, in English here and shown through `_` (the header's tooltip
# on the Data page, and its list of columns, which is also the CSV's data dictionary). Field name -> description,
# defined once; a field that means something else in one dataset has an entry in COLUMN_OVERRIDES. Words in
# backticks are values or column names exactly as the data has them: they stay as they are in every language.
# tests/test_column_descriptions.py fails on a field of any schema (or an added source_… column) without one.
COLUMN_DESCRIPTIONS: dict[str, str] = {
    # trade figures
    "year": N_("The calendar year the row covers."),
    "reporter": N_("Whose figures: the country whose customs or statistics office recorded the flow, China or "
                   "Kazakhstan."),
    "partner": N_("The other side of the flow: China, Kazakhstan, or `World` (trade with all partners together)."),
    "flow": N_("`exports` or `imports`, as the reporter records them (exports valued FOB, imports CIF)."),
    "value_usd": N_("The value in US dollars, current prices, as the source published it (its thousands or "
                    "millions converted to dollars)."),
    "series": N_("The series the row belongs to: `imf_dots` (IMF DOTS), `kz_bns` (Kazakhstan's statistics bureau), "
                 "`comtrade` or `comtrade_api` (UN Comtrade), `baci` or `baci_bulk` (CEPII BACI), `wits_hs4` (UN "
                 "Comtrade via WITS) or `press` (press reports)."),
    "status": N_("How the value came to be: `reported` (as the office published it), `imf_estimate` (flagged by the "
                 "IMF as its own estimate) or `press` (quoted in a press report, rounded)."),
    "preferred": N_("True on the one series per year and reporter that the headline figures use (see “Which series "
                    "the headline figures use” below)."),
    "source_id": N_("The id of the row's source in the Sources table; the `source_…` columns repeat its details."),
    "source_locator": N_("Where the figure is in the source's file (sheet, row and cell, or data row), or which of "
                         "its rows kzcn summed, so a reader can find it."),
    "note": N_("What a reader should know about this row, e.g. an IMF estimate or why a series is not used; empty "
               "where there is nothing to say."),
    "classification": N_("The HS edition of the source's codes: `H4` = HS 2012, `H5` = HS 2017, `H6` = HS 2022, "
                         "`HS02` = HS 2002."),
    "hs_chapter": N_("The HS chapter: two digits with a leading zero (01–97); `TOTAL` marks an all-goods row."),
    "hs_heading": N_("The HS4 heading: four digits with a leading zero (e.g. 0101)."),
    "partner_kind": N_("`country`, or `aggregate`: a group of countries as the source publishes it, never summed "
                       "with countries."),
    "partner_name": N_("The partner's name exactly as the source wrote it."),
    "vintage": N_("For BNS, the year of the workbook the figure comes from; empty for IMF DOTS (one vintage, early "
                  "2022)."),
    # HS names
    "chapter_name": N_("The chapter's title in the HS nomenclature, in English (Russian and Chinese names: “HS "
                       "chapter names in Russian and Chinese”)."),
    "sector": N_("kzcn's own grouping of the chapter into one of eight sectors, not an official classification."),
    "heading_name": N_("The heading's name in the HS 2022 list; empty where that list has no such heading (see "
                       "`note`)."),
    "lang": N_("The language: `ru` (Russian) or `zh` (Chinese)."),
    "name": N_("The chapter's name in that language: the customs nomenclature's wording where one is published, "
               "else kzcn's translation (see `source_id`)."),
    # coverage
    "complete": N_("True where the year's chapter detail is complete: every chapter the source records is there."),
    "missing_chapters": N_("The chapters missing or cut short that year (two digits each, separated by “|”)."),
    "cut_after_heading": N_("In a year the source cuts short, the last HS4 heading it still has."),
    "published_total_usd": N_("The same flow's all-goods total as the statistics office published it, in US "
                              "dollars."),
    "share_of_published": N_("The series' all-goods total divided by that published total (1 = the same, 0.73 = "
                             "73%)."),
    # sources
    "publisher": N_("Who published the source, in English (a publisher's own Russian or Chinese name: “Publishers' "
                    "names in Russian and Chinese”)."),
    "title": N_("The source's title, as its publisher gives it or as kzcn describes it."),
    "url": N_("The web address of the source, or in brackets why there is none."),
    "download_page": N_("The publisher's page where the data can be downloaded, or in brackets why there is none."),
    "accessed": N_("The date (YYYY-MM-DD) kzcn read the page itself; empty where it did not."),
    "cited_from": N_("Where the citation came from, where kzcn did not read the page itself."),
    "licence": N_("The terms under which the publisher allows reuse, where known."),
    "kind": N_("The kind of source: `official_statistics`, `reconciled_statistics`, `press`, "
               "`research_compilation`, `speech`, `reference` or `kzcn_translation`."),
    "file": N_("The file kzcn read the figures from, as a path in its data folder; empty where there is none."),
    "notes": N_("kzcn's notes on the source: its quality, caveats and cross-checks."),
    # events
    "event_id": N_("kzcn's id of the event: its start date and a short name."),
    "start": N_("When the event began: YYYY-MM-DD, or YYYY-MM where only the month is known."),
    "end": N_("When the event ended, written like `start`; the same as `start` for a one-day event."),
    "precision": N_("How exactly the sources date the event: `day` or `month`."),
    "category": N_("The kind of event, e.g. `summit`, `agreement`, `head-of-state visit` or `infrastructure`."),
    "themes": N_("The themes of the ambassador's address the event belongs to, numbered as in the address "
                 "(several separated by “|”)."),
    "city": N_("The city where the event took place, where known (two places as “A/B”)."),
    "country": N_("The country where the event took place, or two separated by “/”."),
    "lat": N_("The place's latitude in decimal degrees; empty where no city is known."),
    "lon": N_("The place's longitude in decimal degrees; empty where no city is known."),
    "participants": N_("Who took part, as the sources name them."),
    "summary": N_("A short account of the event in kzcn's words (translated: “Event texts in Russian and "
                  "Chinese”)."),
    "disagreement": N_("Where the sources disagree: what each says and which date or place kzcn used."),
    "passage_ids": N_("The passages of the ambassador's address that refer to the event (separated by “|”)."),
    "source_urls": N_("The pages the event is taken from (separated by “|”)."),
    "source_note": N_("What a reader must know about the event's sources, e.g. that a page is a copy or could not "
                      "be confirmed."),
    "title_en": N_("The English title this row translates; the build refuses a row whose English has changed."),
    "summary_en": N_("The English summary this row translates; the build refuses a row whose English has changed."),
    "city_en": N_("The English city name this row translates; empty where the event has no city."),
    "participants_en": N_("The English list of participants this row translates; the build refuses a row whose "
                          "English has changed."),
    # the speech and its claims
    "passage_id": N_("kzcn's id of the passage of the ambassador's address (p01, p02, …)."),
    "order": N_("The passage's place in the address, first to last."),
    "paragraph": N_("The paragraph's number in the published text (paragraphs are separated by blank lines)."),
    "theme": N_("The part of the address: `introduction`, one of its six numbered themes, `outlook` or "
                "`closing`."),
    "text": N_("The passage as published, in English; never translated."),
    "split_note": N_("How kzcn split or joined the published paragraphs here, where it did."),
    "trade_views": N_("The trade figures the passage talks about: `turnover`, `mirror_gap` (the two sides' "
                      "difference) or `sectors`."),
    "claim_id": N_("kzcn's id of the claim (c01, c02, …)."),
    "claim_text": N_("The words of the address that make the claim, verbatim."),
    "metric": N_("What the claim is about, in kzcn's words."),
    "value": N_("The number the claim states, in `unit`."),
    "unit": N_("The unit of `value`, as the claim states it."),
    "period": N_("The time the claim refers to."),
    "check": N_("How kzcn checks the claim: `events`, `trade_value`, `trade_growth`, `largest_partner`, `press` or "
                "`none` (not checked)."),
    "check_args": N_("What the check is given, as kzcn wrote it: the events the claim names with the date and "
                     "place it gives, and any words not checked with the reason; the year of a trade or partner "
                     "check; the press figures' ids; or why the claim is not checked."),
    "check_value": N_("kzcn's own figure to compare with, in `check_unit`; empty where there is none."),
    "check_unit": N_("The unit of `check_value` (`USD` is US dollars)."),
    "check_basis": N_("What kzcn compared the claim with: the period and whose figures, or what the events data "
                      "checked."),
    "verdict": N_("kzcn's verdict: `matches`, `close` (within 2%), `differs`, `no independent source` or `not "
                  "checked`."),
    "check_note": N_("The check in plain words: what kzcn found, and what it could not check."),
    "check_source_id": N_("The id of the source kzcn checked the claim against; empty where there is none."),
    # kzcn's translations of its own notes on the speech
    "table": N_("The table whose text the row translates: `claims` or `passages`."),
    "key": N_("The row of that table the text belongs to: its `claim_id` or `passage_id`."),
    "field": N_("Which text: `reason` (why a claim is not checked), `not_checked_reason` (why words of a claim are "
                "not checked) or `split_note`."),
    "text_en": N_("The English text this row translates; the build refuses a row whose English has changed."),
    # press figures
    "figure_id": N_("kzcn's id of the press figure (pf-001, pf-002, …)."),
    "topic": N_("What the figure is about: `trade_annual`, `trade_partial_year`, `products`, `investment` or "
                "`transport`."),
    "reporter_basis": N_("Whose figures the report says it quotes, e.g. China's customs; empty where it does not "
                         "say."),
    "yoy_pct": N_("The change on the year before that the report gives, in percent."),
    "quality": N_("kzcn's assessment of the report: official or press, and whom it quotes."),
    # refresh log
    "refreshed_at": N_("When the refresh ran: date and time, UTC."),
    "step": N_("Which refresh: `comtrade` (UN Comtrade's API) or `baci` (a CEPII BACI bulk file)."),
    "rows": N_("How many rows the refresh wrote for that source."),
    "detail": N_("What the refresh did: the calls made or files read, and the years."),
    # the columns this page adds from Sources
    "source_publisher": N_("Who published the row's source (from Sources; several separated by “;”)."),
    "source_title": N_("The title of the row's source."),
    "source_url": N_("The web address of the row's source."),
    "source_accessed": N_("The date kzcn read the source's page itself; empty where it did not."),
    "source_cited_from": N_("Where the citation of the row's source came from, where kzcn did not read the page "
                            "itself."),
    "source_file": N_("The file the row's figures were read from."),
    "check_source_publisher": N_("Who published the source kzcn checked the claim against."),
    "check_source_title": N_("The title of the source kzcn checked the claim against."),
    "check_source_url": N_("The web address of the source kzcn checked the claim against."),
}

# (dataset, field) -> description, where a field means something else in that dataset than COLUMN_DESCRIPTIONS says.
COLUMN_OVERRIDES: dict[tuple[str, str], str] = {
    ("trade_annual", "flow"): N_("`exports` or `imports`, as the reporter records them (exports FOB, imports CIF), "
                                 "or `turnover` where a press report gives only the total of both."),
    ("trade_annual", "value_usd"): N_("The value in US dollars, current prices, as the source published it (its "
                                      "thousands, millions or, in press reports, billions converted to dollars)."),
    ("trade_products", "reporter"): N_("Whose figures: China or Kazakhstan, the country whose records the row "
                                       "comes from (for CEPII BACI, which reconciles both sides, the exporter)."),
    ("trade_products", "value_usd"): N_("The value in US dollars, current prices: the source's figure for the "
                                        "chapter, or the sum of its HS6 or HS4 rows (see `source_locator`)."),
    ("trade_partners", "partner"): N_("The partner: a three-letter ISO 3166 country code, or kzcn's code for a "
                                      "group the source publishes (e.g. `WORLD`, `EU`, `CIS`)."),
    ("trade_partners", "series"): N_("`imf_dots` (IMF DOTS) or `kz_bns` (Kazakhstan's statistics bureau)."),
    ("trade_partners", "status"): N_("`reported`, or `imf_estimate` where the IMF flags the value as its own "
                                     "estimate."),
    ("trade_partners", "preferred"): N_("True on the newest vintage of its series for that year; it never chooses "
                                        "between series."),
    ("product_coverage", "status"): N_("The chapter's status that year: `available`, `none_recorded` (the series "
                                       "lists every traded chapter and this one had none), `missing_in_source`, "
                                       "`incomplete_in_source`, `missing_in_download` or `not_downloaded`."),
    ("product_coverage", "source_id"): N_("The download the row describes, matched from Trade by HS chapter (this "
                                          "page adds the column)."),
    ("product_completeness", "source_id"): N_("The download the row describes, matched from Trade by HS chapter "
                                              "(this page adds the column)."),
    ("product_completeness", "note"): N_("The reason in plain words, e.g. which chapters are missing and how far "
                                         "the total falls short."),
    ("hs_chapters", "hs_chapter"): N_("The HS chapter: two digits with a leading zero (01–97)."),
    ("hs_chapter_names", "hs_chapter"): N_("The HS chapter: two digits with a leading zero (01–97)."),
    ("hs_heading_names", "hs_chapter"): N_("The HS chapter the heading belongs to: its first two digits."),
    ("hs_heading_names", "name"): N_("The heading's name in that language: the customs nomenclature's wording where "
                                     "kzcn found it, else kzcn's translation (see `source_id`)."),
    ("trade_headings", "hs_chapter"): N_("The HS chapter the heading belongs to: its first two digits."),
    ("hs_headings", "hs_chapter"): N_("The HS chapter the heading belongs to: its first two digits."),
    ("hs_headings", "source_locator"): N_("The line of the names file the heading's name comes from."),
    ("hs_headings", "note"): N_("Which edition of the HS the name is from, or why the heading has none."),
    ("publisher_names", "publisher"): N_("The publisher, exactly as in the Sources table."),
    ("publisher_names", "name"): N_("The publisher's own name in that language, as the publisher prints it."),
    ("sources", "source_id"): N_("kzcn's id of the source, which the `source_id` of every other table refers to."),
    ("event_translations", "title"): N_("kzcn's translation of the event's title into that language."),
    ("event_translations", "summary"): N_("kzcn's translation of the event's summary into that language."),
    ("event_translations", "city"): N_("kzcn's translation of the city's name; empty where the event has no city."),
    ("event_translations", "participants"): N_("kzcn's translation of who took part: people's names in the forms "
                                               "usual in that language, or in Latin letters where kzcn found none."),
    ("events", "title"): N_("A short title of the event in kzcn's words (translated: “Event texts in Russian and "
                            "Chinese”)."),
    ("claims", "passage_id"): N_("The passage of the ambassador's address the claim is in."),
    ("text_translations", "text"): N_("kzcn's translation of the text into that language."),
    ("press_figures", "metric"): N_("What the figure measures, in kzcn's words (e.g. `turnover`, "
                                    "`kz_exports_to_china`)."),
    ("press_figures", "value"): N_("The figure the report gives, in `unit`; empty where it gives only a change or "
                                   "a rank, or where the figure could not be found."),
    ("press_figures", "unit"): N_("The unit of `value`, with the report's own hedges (e.g. “exceeded”)."),
    ("press_figures", "period"): N_("The period the figure covers, as the report gives it (e.g. 2023 Jan–Sep)."),
    ("press_figures", "url"): N_("The web address of the press report."),
    ("press_figures", "publisher"): N_("Who published the report."),
    ("press_figures", "note"): N_("kzcn's notes on the figure: cross-checks against the statistics, conflicts, "
                                  "other copies of the report."),
}


def column_description(name: str, column: str) -> str | None:
    """What `column` of dataset `name` means, in English (translate with `_`); None where kzcn has no words."""
    return COLUMN_OVERRIDES.get((name, column), COLUMN_DESCRIPTIONS.get(column))


def column_help(name: str, columns: Iterable[str]) -> dict[str, str]:
    """Column -> its description in the reader's language, for the columns of dataset `name` that have one."""
    return {c: _(d) for c in columns if (d := column_description(name, c)) is not None}

# a series' name (translated where shown: series_label does, and so must any page using SERIES_SHORT)
SERIES_LABELS: dict[str, str] = {
    "imf_dots": "IMF DOTS",
    "kz_bns": N_("Kazakhstan's statistics bureau (BNS)"),
    "comtrade": N_("UN Comtrade (shipped extract)"),
    "comtrade_api": N_("UN Comtrade (refreshed download)"),
    "press": N_("Press reports of China's customs figures"),
    "baci": N_("CEPII BACI (shipped sample)"),
    "baci_bulk": N_("CEPII BACI (bulk download)"),
    "wits_hs4": N_("UN Comtrade via WITS, every HS4 heading (Kazakhstan's records)"),
}

# the same series in a sentence, where the full label would be noise (e.g. "both years from UN Comtrade")
SERIES_SHORT: dict[str, str] = {
    "imf_dots": "IMF DOTS", "kz_bns": N_("the statistics bureau (BNS)"), "comtrade": "UN Comtrade",
    "comtrade_api": "UN Comtrade", "press": N_("press reports"), "baci": "CEPII BACI", "baci_bulk": "CEPII BACI",
    "wits_hs4": N_("UN Comtrade via WITS"),
}

# whose figures, as a phrase ("as China reports"), and one side's flow ("China's exports"): whole phrases, so each
# language words them its own way (docs/i18n.md's glossary)
AS_REPORTS: dict[str, str] = {"China": N_("as China reports"), "Kazakhstan": N_("as Kazakhstan reports")}
SIDE_FLOWS: dict[tuple[str, str], str] = {
    ("China", "exports"): N_("China's exports"), ("China", "imports"): N_("China's imports"),
    ("Kazakhstan", "exports"): N_("Kazakhstan's exports"), ("Kazakhstan", "imports"): N_("Kazakhstan's imports"),
}


def as_reports(reporter: str) -> str:
    """ "as China reports", in the reader's language."""
    return _(AS_REPORTS[reporter]) if reporter in AS_REPORTS else _("as {reporter} reports").format(reporter=reporter)


def side_flow(reporter: str, flow: str) -> str:
    """ "China's exports", in the reader's language."""
    known = SIDE_FLOWS.get((reporter, flow))
    return _(known) if known else _("{reporter}'s {flow}").format(reporter=reporter, flow=flow)


class FilterLike(Protocol):
    """The shared sidebar filters (kzcn.ui.Filters has exactly these fields)."""

    years: tuple[int, int]
    sector: str
    chapters: tuple[str, ...]
    direction: str
    reporter: str
    headings: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One dataset shaped for the page: the rows shown and plain words on how they were chosen."""

    name: str
    frame: pd.DataFrame
    total: int  # rows in the whole dataset
    applied: tuple[str, ...]  # one phrase per filter that narrowed this dataset
    not_applied: tuple[str, ...]  # filters set in the sidebar that have no meaning for this dataset
    kept_undated: int = 0  # press figures without a leading year in `period`, kept when years are filtered
    year_span: tuple[int, int] | None = None  # years in the file name

    @property
    def label(self) -> str:
        """The dataset's name in the reader's language."""
        return _(NAMES[self.name])

    @property
    def file_name(self) -> str:
        span = f"-{self.year_span[0]}-{self.year_span[1]}" if self.year_span else ""
        return f"kzcn-{self.name}{span}.csv"

    def summary(self) -> str:
        """One or two plain sentences: how many rows of how many, and which filters made the difference.

        In the reader's language, like the phrases in `applied` and `not_applied` (written by `shape` in the
        language of its run: a cache of tables must key on the language)."""
        shown, total = fmt.number(len(self.frame), 0), fmt.number(self.total, 0)
        if self.applied:
            # TRANSLATORS: {filters} lists what each sidebar filter kept, e.g. "years 2018–2019; as China reports"
            # ({total} decides the plural)
            text = ngettext("Showing {shown} of {total} rows: {filters}.",
                            "Showing {shown} of {total} rows: {filters}.", self.total).format(
                shown=shown, total=total, filters=fmt.semicolons(self.applied))
        elif applicable(self.name):
            text = ngettext("Showing all {total} rows: the sidebar filters that apply to this table ({filters}) "
                            "select everything.",
                            "Showing all {total} rows: the sidebar filters that apply to this table ({filters}) "
                            "select everything.", self.total).format(total=total,
                                                                      filters=fmt.commas(applicable(self.name)))
        else:
            text = ngettext("Showing all {total} rows: the sidebar filters do not apply to this table.",
                            "Showing all {total} rows: the sidebar filters do not apply to this table.",
                            self.total).format(total=total)
        said = [text]
        if self.kept_undated:
            said.append(ngettext(
                "{n} of the rows shown have no year at the start of their period (e.g. a rank or a stock) and are "
                "kept whatever the years.",
                "{n} of the rows shown have no year at the start of their period (e.g. a rank or a stock) and are "
                "kept whatever the years.", self.kept_undated).format(n=self.kept_undated))
        if self.not_applied:
            said.append(_("Not applied to this table: {filters}.").format(filters=fmt.commas(self.not_applied)))
        return fmt.sentences(*said)


def applicable(name: str) -> list[str]:
    """The sidebar filters that can narrow dataset `name`, in plain words (the reader's language)."""
    return ([*([_("years")] if name in YEAR_FILTERED else []),
             *([_("whose figures"), _("direction")] if name in SIDE_FILTERED else []),
             *([_("whose figures")] if name in REPORTER_FILTERED else []),
             *([_("sector and chapters")] if name in CHAPTER_FILTERED else [])])


def full_years(frames: Mapping[str, pd.DataFrame]) -> tuple[int, int]:
    """The slider's full range (the years of the annual trade data): at this range nothing is narrowed."""
    years = frames["trade_annual"]["year"]
    return int(years.min()), int(years.max())


def direction_pairs(direction: str) -> set[tuple[str, str]] | None:
    """(reporter, flow) pairs that carry goods in `direction`; None for both directions."""
    sides = metrics.DIRECTIONS.get(direction)
    return None if sides is None else set(sides.values())


def chosen_chapters(filters: FilterLike, hs_chapters: pd.DataFrame) -> list[str] | None:
    """The chapters the sidebar narrows to (the picked ones, else the sector's), or None for all."""
    if filters.chapters:
        return list(filters.chapters)
    if filters.sector and filters.sector != urlstate.ALL_SECTORS:
        return hs_chapters.loc[hs_chapters["sector"] == filters.sector, "hs_chapter"].tolist()
    return None


_LEADING_YEAR = re.compile(r"^\s*(\d{4})(?!\d)")


def leading_year(period: object) -> float:
    """The year a press `period` starts with ("2023 Jan-Sep" → 2023), NaN where it has none ("rank")."""
    match = _LEADING_YEAR.match(str(period)) if isinstance(period, str) else None
    return float(match.group(1)) if match else float("nan")


def _list_to_text(value: object) -> object:
    if isinstance(value, (list, tuple, np.ndarray)):
        return LIST_SEPARATOR.join(str(v) for v in value) or None  # an empty list is missing, not ""
    return value


def _lookup(cell: object, table: pd.DataFrame, column: str) -> str | None:
    """The `column` of the source(s) in `cell` ("a, b" holds two ids), joined by "; "; None if none known."""
    if cell is None or (isinstance(cell, float) and np.isnan(cell)) or cell is pd.NA:
        return None
    values: dict[str, None] = {}
    for sid in str(cell).split(", "):
        if sid in table.index:
            value = table.at[sid, column]
            if isinstance(value, str) and value:
                values.setdefault(value, None)
    return "; ".join(values) or None


def with_sources(frame: pd.DataFrame, sources: pd.DataFrame, *, id_column: str = "source_id",
                 columns: Mapping[str, str] = SOURCE_COLUMNS) -> pd.DataFrame:
    """`frame` with the source's publisher, title, url, accessed and file added to every row."""
    table = sources.drop_duplicates("source_id").set_index("source_id")
    out = frame.copy()
    ids = out[id_column]
    for src, dst in columns.items():
        mapping = {cell: _lookup(cell, table, src) for cell in ids.dropna().unique()}
        out[dst] = pd.Series([mapping.get(c) if isinstance(c, str) else None for c in ids], index=out.index,
                             dtype="str")
    return out


def coverage_sources(coverage: pd.DataFrame, products: pd.DataFrame) -> pd.Series:
    """The download each coverage row describes (its `source_id`), found from the product rows.

    Coverage has no source column of its own: a row says whether a chapter is in one series' download for one
    reporter, partner, flow and year, so its source is that download's (matched on all five, else on series and
    reporter). Completeness rows are matched the same way.
    """
    exact = ["series", "reporter", "partner", "flow", "year"]
    by_year = products.groupby(exact)["source_id"].agg(lambda s: ", ".join(sorted(set(s))))
    by_pair = products.groupby(["series", "reporter"])["source_id"].agg(lambda s: ", ".join(sorted(set(s))))
    ids = [by_year.get(tuple(key), by_pair.get(tuple(key[:2]))) for key in coverage[exact].itertuples(index=False)]
    return pd.Series(ids, index=coverage.index, dtype="str")


def shape(name: str, frames: Mapping[str, pd.DataFrame], filters: FilterLike) -> Table:
    """The rows of dataset `name` the sidebar filters select, with their sources joined; see module doc.

    The phrases saying what the filters did are in the language of the run (a cache of the result must key on it).
    """
    if name not in NAMES:
        raise KeyError(f"unknown dataset {name!r}")
    frame = frames[name]
    if name in ("product_coverage", "product_completeness") and "source_id" not in frame.columns:
        frame = frame.assign(source_id=coverage_sources(frame, frames["trade_products"]))
    total = len(frame)
    keep = pd.Series(True, index=frame.index)
    applied: list[str] = []
    not_applied: list[str] = []
    kept_undated = 0
    year_span: tuple[int, int] | None = None

    lo, hi = filters.years
    years_narrowed = (lo, hi) != full_years(frames)
    if years_narrowed and name in YEAR_FILTERED:
        if name == "events":
            years = frame["start"].str[:4].astype(float)
            keep &= years.between(lo, hi)
            applied.append(_("events starting in {first}–{last}").format(first=lo, last=hi))
        elif name == "press_figures":
            years = frame["period"].map(leading_year)
            undated = years.isna()
            keep &= years.between(lo, hi) | undated
            kept_undated = int(undated.sum())
            applied.append(_("figures whose period starts in {first}–{last}").format(first=lo, last=hi))
        else:
            keep &= frame["year"].between(lo, hi)
            applied.append(_("years {first}–{last}").format(first=lo, last=hi))
        year_span = (lo, hi)
    elif years_narrowed:
        not_applied.append(_("years {first}–{last}").format(first=lo, last=hi))

    reporters = urlstate.reporters_of(filters.reporter)
    pairs = direction_pairs(filters.direction)
    if name in SIDE_FILTERED:
        if len(reporters) == 1:
            keep &= frame["reporter"].isin(reporters)
            applied.append(as_reports(reporters[0]))
        if pairs is not None:
            pair_ok = pd.Series([(r, fl) in pairs for r, fl in zip(frame["reporter"], frame["flow"], strict=True)],
                                index=frame.index, dtype=bool)
            keep &= pair_ok | (frame["flow"] == "turnover")
            sides = fmt.commas(side_flow(r, fl) for r, fl in sorted(pairs))
            if name == "trade_annual":
                text = _("goods {direction} ({sides}; press turnover rows count for both directions; partner-World "
                         "rows of those flows kept)")
            else:
                text = _("goods {direction} ({sides})")
            applied.append(text.format(direction=_(filters.direction), sides=sides))
    else:
        if len(reporters) == 1 and name in REPORTER_FILTERED:
            keep &= frame["reporter"].isin(reporters)
            applied.append(as_reports(reporters[0]))
        elif len(reporters) == 1:
            not_applied.append(_("whose figures ({choice})").format(choice=_(filters.reporter)))
        if pairs is not None:
            not_applied.append(_("direction ({direction})").format(direction=_(filters.direction)))

    wanted = chosen_chapters(filters, frames["hs_chapters"])
    chapters, sector = fmt.commas(filters.chapters), _(filters.sector) if filters.sector else filters.sector
    if wanted is not None and name in CHAPTER_FILTERED:
        keep &= frame["hs_chapter"].isin(wanted)
    if wanted is not None:
        if name in CHAPTER_FILTERED and name not in ("hs_chapters", "hs_chapter_names", "hs_heading_names"):
            chapter_text = (_("chapters {chapters} (all-goods TOTAL rows left out)") if filters.chapters
                            else _("sector {sector} (all-goods TOTAL rows left out)"))
        else:
            chapter_text = _("chapters {chapters}") if filters.chapters else _("sector {sector}")
        (applied if name in CHAPTER_FILTERED else not_applied).append(chapter_text.format(chapters=chapters,
                                                                                        sector=sector))
    headings = fmt.commas(filters.headings)
    if filters.headings and name in HEADING_FILTERED:
        keep &= frame["hs_heading"].isin(filters.headings)
        applied.append(_("HS4 headings {headings}").format(headings=headings))
    elif filters.headings:
        not_applied.append(_("HS4 headings {headings}").format(headings=headings))

    shown = frame[keep].reset_index(drop=True)
    for column in shown.columns:
        if shown[column].dtype == object:  # list cells (themes, passage ids, source URLs) become text
            shown[column] = shown[column].map(_list_to_text).astype("str")
    if name != "sources":
        shown = with_sources(shown, frames["sources"])
    if name == "claims":
        shown = with_sources(shown, frames["sources"], id_column="check_source_id", columns=CHECK_SOURCE_COLUMNS)
    if year_span is None and name in YEAR_FILTERED and "year" in shown.columns and len(shown):
        year_span = (int(shown["year"].min()), int(shown["year"].max()))
    elif year_span is None and name == "events" and len(shown):
        starts = shown["start"].str[:4].astype(int)
        year_span = (int(starts.min()), int(starts.max()))
    return Table(name, shown, total, tuple(applied), tuple(not_applied), kept_undated, year_span)


def table_for(name: str, frames: Mapping[str, pd.DataFrame], filters: FilterLike) -> pd.DataFrame:
    """Just the frame of `shape`: the rows and columns the page shows and the CSV holds."""
    return shape(name, frames, filters).frame


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV, UTF-8 without a byte-order mark, LF line ends, no index."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def column_kinds(frame: pd.DataFrame) -> dict[str, str]:
    """How each special column should be shown: "usd", "year", "count" or "link" (a URL in every filled cell)."""
    kinds: dict[str, str] = {}
    for column in frame.columns:
        if column == "value_usd":
            kinds[column] = "usd"
        elif column == "year":
            kinds[column] = "year"
        elif column in ("rows", "order", "paragraph"):
            kinds[column] = "count"
        elif column in ("url", "download_page") or column.endswith("_url"):
            filled = frame[column].dropna()
            if len(filled) and filled.map(is_url).all():
                kinds[column] = "link"
    return kinds


# --- coverage, computed from the data ---------------------------------------------------------------------------

def chapter_ranges(chapters: Iterable[str]) -> str:
    """Two-digit chapters folded into ranges: ["25", "26", "72", "73"] → "25–26, 72–73"."""
    return fmt.ranges((int(c) for c in chapters if str(c).isdigit()), width=2)


def series_label(series: str) -> str:
    """A series' name in the reader's language."""
    return _(SERIES_LABELS[series]) if series in SERIES_LABELS else series


def series_short(series: str) -> str:
    """A series' short name, for a sentence, in the reader's language (SERIES_SHORT)."""
    return _(SERIES_SHORT.get(series, series))


def annual_coverage(trade: pd.DataFrame) -> pd.DataFrame:
    """Years of annual figures per series and reporter (partner China/Kazakhstan or World)."""
    rows = []
    for (series, reporter), g in trade.groupby(["series", "reporter"], sort=False):
        bilateral = g[g["partner"] == BILATERAL[reporter]]
        world = g[g["partner"] == "World"]
        rows.append({  # the column names are shown through `_` (N_ marks them)
            N_("source"): series_label(series), N_("reporter"): reporter,
            N_("years with the partner"): fmt.ranges(bilateral["year"]) or "—",
            N_("years with the world"): fmt.ranges(world["year"]) or "—",
            N_("rows"): len(g), N_("estimates flagged by the IMF"): int((g["status"] == "imf_estimate").sum()),
        })
    return pd.DataFrame(rows)


def product_coverage_summary(products: pd.DataFrame) -> pd.DataFrame:
    """Chapters and years per product series, reporter and flow."""
    rows = []
    for (series, reporter, flow), g in products.groupby(["series", "reporter", "flow"], sort=False):
        chapters = sorted(c for c in g["hs_chapter"].unique() if c != TOTAL)
        rows.append({"source": series_label(series), "reporter": reporter, N_("flow"): flow,
                     N_("years"): fmt.ranges(g["year"]), N_("chapters"): len(chapters),
                     # TRANSLATORS: a column header: which HS chapters (e.g. "25–26, 72–73")
                     N_("which"): chapter_ranges(chapters),
                     N_("all-goods total"): bool((g["hs_chapter"] == TOTAL).any())})
    return pd.DataFrame(rows)


def missing_in_download(coverage: pd.DataFrame) -> pd.DataFrame:
    """Chapters absent from a download that should hold them: reporter, flow, chapter, years."""
    rows = coverage[coverage["status"] == "missing_in_download"]
    out = [{"reporter": r, "flow": fl, "chapter": c, "years": fmt.ranges(g["year"])}
           for (r, fl, c), g in rows.groupby(["reporter", "flow", "hs_chapter"])]
    return pd.DataFrame(out, columns=["reporter", "flow", "chapter", "years"])


def excluded_comtrade_ratio(trade: pd.DataFrame) -> pd.DataFrame:
    """Kazakhstan-reported Comtrade bilateral figures of the excluded years as a percent of BNS's own."""
    out = []
    for reporter, series, year in sorted(preferred.EXCLUDED):
        rows = trade[(trade["reporter"] == reporter) & (trade["year"] == year)
                     & (trade["partner"] == BILATERAL[reporter])]
        for flow in ("exports", "imports"):
            ct = rows[(rows["series"] == series) & (rows["flow"] == flow)]["value_usd"]
            bns = rows[(rows["series"] == "kz_bns") & (rows["flow"] == flow)].sort_values("source_id")["value_usd"]
            if len(ct) and len(bns):
                out.append({"year": year, "flow": flow, "comtrade": float(ct.iloc[0]), "bns": float(bns.iloc[-1]),
                            "pct_of_bns": float(ct.iloc[0]) / float(bns.iloc[-1]) * 100})
    return pd.DataFrame(out, columns=["year", "flow", "comtrade", "bns", "pct_of_bns"])


def preferred_years(trade: pd.DataFrame) -> pd.DataFrame:
    """Which series the headline lines use, per reporter, and for which years."""
    rows = trade[trade["preferred"]]
    out = [{"reporter": r, N_("series used"): series_label(s), "years": fmt.ranges(g["year"])}
           for (r, s), g in rows.groupby(["reporter", "series"], sort=False)]
    frame = pd.DataFrame(out, columns=["reporter", "series used", "years"])
    return frame.sort_values(["reporter", "years"], ignore_index=True)


def sector_table(hs_chapters: pd.DataFrame) -> pd.DataFrame:
    """kzcn's sectors and the HS chapters in each (ranges), in the order of the chapters."""
    out = [{N_("sector"): s, N_("HS chapters"): chapter_ranges(g["hs_chapter"]), "chapters": len(g)}
           for s, g in hs_chapters.groupby("sector", sort=False)]
    return pd.DataFrame(out, columns=["sector", "HS chapters", "chapters"])


def download_pages(sources: pd.DataFrame) -> pd.DataFrame:
    """Where to get each non-press source's original files (publisher's page), with the file kzcn read."""
    rows = sources[(sources["kind"] != "press") & sources["download_page"].map(is_url)]
    return rows[["publisher", "title", "download_page", "file", "licence", "accessed", "cited_from"]
                ].reset_index(drop=True)


def no_download_page(sources: pd.DataFrame) -> pd.DataFrame:
    """Non-press sources without a download page, with what they say instead."""
    rows = sources[(sources["kind"] != "press") & ~sources["download_page"].map(is_url)]
    return rows[["source_id", "title", "download_page"]].reset_index(drop=True)


def latest_refresh(log: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The newest refresh per source (ISO timestamps sort as text), with the source's publisher and title."""
    columns = ["source_id", "refreshed_at", "step", "rows", "detail"]
    if log.empty:
        return pd.DataFrame(columns=[*columns, "publisher", "title"])
    newest = log.sort_values("refreshed_at").groupby("source_id", as_index=False).tail(1)[columns]
    info = sources.drop_duplicates("source_id").set_index("source_id")
    newest = newest.assign(publisher=newest["source_id"].map(info["publisher"]),
                           title=newest["source_id"].map(info["title"]))
    return newest.sort_values("refreshed_at", ascending=False, ignore_index=True)


def vintage_gap(trade: pd.DataFrame) -> pd.DataFrame:
    """IMF DOTS against BNS for the same Kazakhstan-reported flow and year: DOTS as a percent difference."""
    rows = trade[(trade["reporter"] == "Kazakhstan") & (trade["partner"] == "China")]
    dots = rows[rows["series"] == "imf_dots"].set_index(["year", "flow"])["value_usd"]
    bns = rows[rows["series"] == "kz_bns"].sort_values("source_id").groupby(["year", "flow"])["value_usd"].last()
    both = pd.DataFrame({"dots": dots, "bns": bns}).dropna()
    both["pct"] = (both["dots"] / both["bns"] - 1) * 100
    return both.reset_index()


def in_readers_words(frame: pd.DataFrame) -> pd.DataFrame:
    """One of kzcn's own tables (coverage, sectors, series used) with its words in the reader's language: a
    reporter by CLDR's name of its country, and every other text that kzcn's catalogues know (sectors, flows,
    series); years, codes and names from the data stay as they are. A dataset's table is shown as its CSV has it."""
    def word(value: object) -> object:
        if not isinstance(value, str) or not value:
            return value  # _("") would be the catalogue's header
        if value in partners.REPORTER_CODES:
            return countries.country_name(partners.REPORTER_CODES[value])
        return _(value)
    texts = [c for c in frame.columns if frame[c].dtype.kind in "OT" or pd.api.types.is_string_dtype(frame[c])]
    return frame.assign(**{c: frame[c].map(word) for c in texts})


def year_span(values: Iterable[int]) -> str:
    """"2018–2023" for a run of years, "2021" for one, "" for none (gaps are not shown: use `ranges`)."""
    nums = sorted({int(v) for v in values})
    if not nums:
        return ""
    return str(nums[0]) if nums[0] == nums[-1] else f"{nums[0]}–{nums[-1]}"


def partner_coverage(partners: pd.DataFrame) -> pd.DataFrame:
    """Per workbook of Trade with every partner: whose figures, which years, how many countries and groups."""
    rows = []
    for (series, reporter, source_id), g in partners.groupby(["series", "reporter", "source_id"], sort=True):
        rows.append({"source": series_label(series), "reporter": reporter, "source_id": source_id,
                     "years": fmt.ranges(g["year"]),
                     N_("countries"): int(g.loc[g["partner_kind"] == "country", "partner"].nunique()),
                     N_("groups"): int(g.loc[g["partner_kind"] == "aggregate", "partner"].nunique()), "rows": len(g)})
    return pd.DataFrame(rows, columns=["source", "reporter", "source_id", "years", "countries", "groups", "rows"])
