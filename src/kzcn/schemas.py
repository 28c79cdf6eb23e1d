"""One pyarrow schema per shipped dataset: the build validates against it, the loader checks it.

Keeping both sides on the same object means a column cannot be added to the build and forgotten by the app.
Nullable fields are the ones where "missing" is a real, shown state (e.g. an event with no known city).
"""

from __future__ import annotations

import re

import pyarrow as pa

REPORTERS = ("China", "Kazakhstan")
PARTNERS = ("China", "Kazakhstan", "World")
FLOWS = ("exports", "imports")
# A turnover row exists only where a press report gives nothing but the total (status "press");
# official turnover is always computed from exports + imports.
ANNUAL_FLOWS = (*FLOWS, "turnover")
TOTAL = "TOTAL"  # the hs_chapter (and hs_heading chapter) code of a product series' all-goods row
REST = "REST"  # a remainder: an all-goods or World total minus the parts shown, from the same rows
BILATERAL = {"China": "Kazakhstan", "Kazakhstan": "China"}  # each reporter's partner in the pair
SPEECH_SOURCE_ID = "speech-zhang-xiao-2024"  # the ambassador's address in sources.csv
TRANSLATION_SOURCE_ID = "kzcn-translation"  # kzcn's own translation of its English text: never an official text
# How a value came to be: as the statistical office published it, flagged by the IMF as its own
# estimate, or quoted in a press report (rounded, sometimes preliminary).
STATUSES = ("reported", "imf_estimate", "press")
# comtrade_api and baci_bulk are the refreshed, all-chapter downloads (kzcn refresh / kzcn import).
# wits_hs4: Kazakhstan's UN Comtrade records as World Bank WITS serves them, every HS4 heading (2015–2024).
SERIES = ("imf_dots", "kz_bns", "comtrade", "press", "baci", "comtrade_api", "baci_bulk", "wits_hs4")
# Series that hold every HS chapter traded: a chapter absent from them had no trade recorded.
COMPLETE_SERIES = ("baci", "comtrade_api", "baci_bulk", "wits_hs4")
# A chapter's status in one year of a series (kzcn.coverage): it has figures; the series lists every traded chapter
# and this one had none; the source itself lacks it that year (UN Comtrade's Kazakhstan records for 2020–2022);
# the source has it but cut short (only some of its headings, or far below the published total); the shipped
# download left it out for this year; the download never had this chapter (an extract of a few chapters).
COVERAGE_STATUSES = ("available", "none_recorded", "missing_in_source", "incomplete_in_source",
                     "missing_in_download", "not_downloaded")
# Chapter statuses that make a year's chapter detail incomplete.
GAP_STATUSES = ("missing_in_source", "incomplete_in_source", "missing_in_download", "not_downloaded")
DATE_PRECISIONS = ("day", "month")
# kzcn's own English in curated tables, translated in data/curated/texts_i18n.csv: table -> its translated fields.
# claims: "reason", the whole check_args of a `none` check; "not_checked_reason", the reason after "not checked
# [words]:" in an events check (the words are the speech's, never translated). passages: "split_note".
TRANSLATED_TEXTS: dict[str, tuple[str, ...]] = {"claims": ("reason", "not_checked_reason", "metric", "unit", "period"),
                                                "passages": ("split_note",)}
# How a claim is checked (kzcn.claims): its events, a trade figure, a partner ranking, press reports, or not at all.
CHECK_KINDS = ("events", "trade_value", "trade_growth", "largest_partner", "press", "none")
# trade_partners: a partner is a country (an ISO 3166 code) or a group the source itself publishes (an aggregate
# code below). Aggregates are never summed with countries and never ranked among them.
PARTNER_KINDS = ("country", "aggregate")
PARTNER_SERIES = ("imf_dots", "kz_bns")  # the two sources that publish every partner
# Aggregate codes: one per group as a source publishes it. The label the source wrote stays in partner_name and
# each row's note says what the group holds where the file shows it; membership is the source's, not kzcn's.
PARTNER_AGGREGATES: dict[str, str] = {
    "WORLD": "all partners (IMF DOTS «World»; BNS «Всего»)",
    "EU": "the European Union as the source defines it: IMF DOTS, the 27 members of 2020 on for every year; BNS, "
          "the countries the sheet lists under «Страны ЕС» (with the United Kingdom up to the 2022 sheets)",
    "EURO_AREA": "IMF DOTS «Euro Area»",
    "CIS": "BNS «Страны СНГ»: the Commonwealth of Independent States",
    "EAEU": "BNS «Страны ЕАЭС»: Kazakhstan's partners in the Eurasian Economic Union",
    "CIS_NON_EAEU": "BNS «Страны вне ЕАЭС»: CIS countries outside the EAEU",
    "NON_CIS": "BNS «Остальные страны мира»: every partner outside the CIS",
    "BNS_EUROPE": "BNS «Европа»: Europe outside the CIS",
    "BNS_EUROPE_NON_EU": "BNS «Страны вне ЕС»: European countries outside the EU and the CIS",
    "BNS_ASIA": "BNS «Азия»: Asia outside the CIS",
    "BNS_AMERICA": "BNS «Америка»",
    "BNS_AFRICA": "BNS «Африка»",
    "BNS_OCEANIA": "BNS «Австралия и Океания»",
    "BEL_LUX": "IMF DOTS «Belgium-Luxembourg»: the two reported together (to 1996); each has its own code after",
    "IMF_ADVANCED": "IMF DOTS «Advanced Economies»",
    "IMF_EMDE": "IMF DOTS «Emerging and Developing Economies»",
    "IMF_EMDE_ASIA": "IMF DOTS «Emerging and Developing Asia»",
    "IMF_EMDE_EUROPE": "IMF DOTS «Emerging and Developing Europe»",
    "IMF_MECA": "IMF DOTS «Middle East and Central Asia»",
    "IMF_SSA": "IMF DOTS «Sub-Saharan Africa»",
    "IMF_WHD": "IMF DOTS «Western Hemisphere»",
    "IMF_AFRICA": "IMF DOTS memorandum item «Africa»",
    "IMF_MIDDLE_EAST": "IMF DOTS memorandum item «Middle East»",
    "IMF_EMDE_FUEL": "IMF DOTS «Emerging Market and Developing Economies by Source of Export Earnings: Fuel»",
    "IMF_EMDE_NONFUEL": "IMF DOTS «Emerging Market and Developing Economies by Source of Export Earnings: Nonfuel»",
    "IMF_OTHER_NIE": "IMF DOTS «Other Countries not included elsewhere» (the countries listed under it have their "
                     "own rows)",
    "IMF_ASIA_NS": "IMF DOTS «Asia not specified»: trade the IMF could not assign to an Asian country",
    "IMF_EUROPE_NS": "IMF DOTS «Europe not specified»",
    "IMF_MECA_NS": "IMF DOTS «Middle East and Central Asia not specified»",
    "IMF_AFRICA_NS": "IMF DOTS «Africa not specified»",
    "IMF_WHD_NS": "IMF DOTS «Western Hemisphere not specified»",
    "IMF_SPECIAL": "IMF DOTS «Special Categories»: trade not assigned to a partner country",
    "IMF_NOT_SPECIFIED": "IMF DOTS «Countries & Areas not specified»",
}
# kzcn_translation: kzcn's own translation (e.g. of an HS chapter title where no published list was found), never
# an official text.
SOURCE_KINDS = ("official_statistics", "reconciled_statistics", "press", "research_compilation", "speech",
                "reference", "kzcn_translation")
# The languages kzcn shows names and its own event texts in besides English: HS chapter names, publishers' own names
# and kzcn's translation of its event titles, summaries and cities (issue 14).
NAME_LANGS = ("ru", "zh")


def _field(name: str, typ: pa.DataType, nullable: bool = False) -> pa.Field:
    return pa.field(name, typ, nullable=nullable)


SOURCES = pa.schema([
    _field("source_id", pa.string()),
    _field("publisher", pa.string()),
    _field("title", pa.string()),
    _field("url", pa.string()),
    _field("download_page", pa.string()),
    _field("accessed", pa.string(), True),  # ISO date kzcn read the page at `url` itself; empty where it did not
    _field("cited_from", pa.string(), True),  # where the citation came from when kzcn did not read the page
    _field("licence", pa.string(), True),
    _field("kind", pa.string()),
    _field("file", pa.string(), True),  # file name where the figures came from a file
    _field("notes", pa.string(), True),
])

TRADE_ANNUAL = pa.schema([
    _field("year", pa.int16()),
    _field("reporter", pa.string()),
    _field("partner", pa.string()),
    _field("flow", pa.string()),  # as the reporter records it
    _field("value_usd", pa.float64()),
    _field("series", pa.string()),
    _field("status", pa.string()),
    _field("preferred", pa.bool_()),  # the one documented series per reporter (see kzcn.preferred)
    _field("source_id", pa.string()),
    _field("source_locator", pa.string()),  # sheet / row / cell, so a reader can find the figure
    _field("note", pa.string(), True),
])

HS_CHAPTERS = pa.schema([
    _field("hs_chapter", pa.string()),  # "01".."97", text so the zero stays
    _field("chapter_name", pa.string()),
    _field("sector", pa.string()),
    _field("source_id", pa.string()),
])

# An HS chapter's name in Russian or Chinese: the customs nomenclature's wording where kzcn found a published list,
# else kzcn's own translation of the English title (its source's kind says which). One row per chapter and language.
HS_CHAPTER_NAMES = pa.schema([
    _field("hs_chapter", pa.string()),
    _field("lang", pa.string()),  # NAME_LANGS
    _field("name", pa.string()),
    _field("source_id", pa.string()),  # where the name is published (or kzcn-translation)
])

# An HS4 heading's name in Russian or Chinese, as for chapters: the customs nomenclature's wording where kzcn found
# it, else kzcn's own translation of the English name (its source's kind says which). One row per heading and language.
HS_HEADING_NAMES = pa.schema([
    _field("hs_heading", pa.string()),
    _field("hs_chapter", pa.string()),  # the heading's first two digits, for the chapter filter
    _field("lang", pa.string()),  # NAME_LANGS
    _field("name", pa.string()),
    _field("source_id", pa.string()),  # where the name is published (or kzcn-translation)
])

# A publisher's name as the publisher itself publishes it in Russian or Chinese; publishers without one are left out.
PUBLISHER_NAMES = pa.schema([
    _field("publisher", pa.string()),  # exactly as in sources.publisher
    _field("lang", pa.string()),  # NAME_LANGS
    _field("name", pa.string()),
    _field("source_id", pa.string()),  # the page or file where the publisher prints that name
])

TRADE_PRODUCTS = pa.schema([
    _field("year", pa.int16()),
    _field("reporter", pa.string()),
    _field("partner", pa.string()),
    _field("flow", pa.string()),
    _field("hs_chapter", pa.string()),  # two digits, or TOTAL for all goods
    _field("value_usd", pa.float64()),
    _field("series", pa.string()),
    _field("classification", pa.string()),  # HS revision of the source, e.g. H4, H5, H6, HS02
    _field("source_id", pa.string()),
    _field("source_locator", pa.string()),
    _field("note", pa.string(), True),
])

TRADE_HEADINGS = pa.schema([  # HS4 rows as the source gives them; their chapter sums are in trade_products
    _field("year", pa.int16()),
    _field("reporter", pa.string()),
    _field("partner", pa.string()),
    _field("flow", pa.string()),
    _field("hs_heading", pa.string()),  # four digits, text so the zero stays
    _field("hs_chapter", pa.string()),
    _field("value_usd", pa.float64()),
    _field("series", pa.string()),
    _field("classification", pa.string()),
    _field("source_id", pa.string()),
    _field("source_locator", pa.string()),
])

HS_HEADINGS = pa.schema([
    _field("hs_heading", pa.string()),
    _field("hs_chapter", pa.string()),
    _field("heading_name", pa.string(), True),  # missing where the list has no such heading (see note)
    _field("note", pa.string(), True),
    _field("source_id", pa.string()),
    _field("source_locator", pa.string()),
])

PRODUCT_COVERAGE = pa.schema([
    _field("year", pa.int16()),
    _field("reporter", pa.string()),
    _field("partner", pa.string()),
    _field("flow", pa.string()),
    _field("series", pa.string()),
    _field("hs_chapter", pa.string()),
    _field("status", pa.string()),
])

# One row per (series, reporter, partner, flow, year): is its chapter detail complete, and if not, what is missing.
PRODUCT_COMPLETENESS = pa.schema([
    _field("series", pa.string()),
    _field("reporter", pa.string()),
    _field("partner", pa.string()),
    _field("flow", pa.string()),
    _field("year", pa.int16()),
    _field("complete", pa.bool_()),
    _field("missing_chapters", pa.list_(pa.string())),  # chapters with a gap status (kzcn.schemas.GAP_STATUSES)
    _field("cut_after_heading", pa.string(), True),  # the last heading a truncated year still has
    _field("published_total_usd", pa.float64(), True),  # the same flow's total as the statistics office published
    _field("share_of_published", pa.float64(), True),  # the series' all-goods total ÷ that published total
    _field("note", pa.string()),  # the reason in plain words, e.g. "chapters 73–97 missing in UN Comtrade"
])

# Every partner of a reporter, as IMF DOTS and BNS publish them (kzcn.readers.partner_names maps the names,
# kzcn.partners ranks them). Each row is one cell of one sheet; a year two BNS workbooks both hold is kept twice.
TRADE_PARTNERS = pa.schema([
    _field("year", pa.int16()),
    _field("reporter", pa.string()),
    _field("partner", pa.string()),  # ISO 3166-1 alpha-3 (3166-3 for former countries) or a PARTNER_AGGREGATES code
    _field("partner_kind", pa.string()),  # country | aggregate
    _field("partner_name", pa.string()),  # the label as the source wrote it (whitespace collapsed)
    _field("flow", pa.string()),  # as the reporter records it: exports FOB / imports CIF
    _field("value_usd", pa.float64()),
    _field("series", pa.string()),
    _field("status", pa.string()),
    _field("vintage", pa.int16(), True),  # BNS: the workbook's year; DOTS: empty (one vintage, early 2022)
    _field("preferred", pa.bool_()),  # the newest vintage of its series for that year; never a choice between series
    _field("source_id", pa.string()),
    _field("source_locator", pa.string()),
    _field("note", pa.string(), True),
])

EVENTS = pa.schema([
    _field("event_id", pa.string()),
    _field("start", pa.string()),  # YYYY-MM-DD, or YYYY-MM where only the month is known
    _field("end", pa.string()),
    _field("precision", pa.string()),
    _field("title", pa.string()),
    _field("category", pa.string()),
    _field("themes", pa.list_(pa.string())),
    _field("city", pa.string(), True),
    _field("country", pa.string(), True),
    _field("lat", pa.float64(), True),
    _field("lon", pa.float64(), True),
    _field("participants", pa.string(), True),
    _field("summary", pa.string()),
    _field("disagreement", pa.string(), True),  # where sources disagree, what they say
    _field("passage_ids", pa.list_(pa.string())),
    _field("source_urls", pa.list_(pa.string())),
    _field("source_note", pa.string(), True),  # what a reader must know about the sources: copies, unconfirmed pages
    _field("source_id", pa.string()),
])

# kzcn's own Russian and Chinese of its event texts (data/curated/events_i18n.csv), one row per event and language.
# Each row keeps the English it translates: the build refuses a row whose English is no longer the event's (stale).
EVENT_TRANSLATIONS = pa.schema([
    _field("event_id", pa.string()),
    _field("lang", pa.string()),  # NAME_LANGS
    _field("title", pa.string()),
    _field("summary", pa.string()),
    _field("city", pa.string(), True),  # empty where the event has no city
    _field("participants", pa.string(), True),  # empty where events.csv names none
    _field("title_en", pa.string()),  # the English translated, as events.csv has it
    _field("summary_en", pa.string()),
    _field("city_en", pa.string(), True),
    _field("participants_en", pa.string(), True),
    _field("source_id", pa.string()),  # kzcn-translation
])

# kzcn's own Russian and Chinese of the English it wrote in curated tables other than events.csv
# (data/curated/texts_i18n.csv): the reason of a claim it does not check, the reason after each "not checked [...]:"
# of an events check (claims.csv's check_args), and a passage's split_note (passages.csv). One row per text and
# language; each keeps the English it translates, so the build refuses a row whose English has changed (stale).
TEXT_TRANSLATIONS = pa.schema([
    _field("table", pa.string()),  # the dataset whose text it translates: a key of TRANSLATED_TEXTS
    _field("key", pa.string()),  # the row there: claim_id or passage_id
    _field("field", pa.string()),  # which of its texts (TRANSLATED_TEXTS)
    _field("lang", pa.string()),  # NAME_LANGS
    _field("text", pa.string()),
    _field("text_en", pa.string()),  # the English translated, as the curated table has it now
    _field("source_id", pa.string()),  # kzcn-translation
])

PASSAGES = pa.schema([
    _field("passage_id", pa.string()),
    _field("order", pa.int16()),
    _field("paragraph", pa.int16()),  # paragraph number in the published text (blank-line separated)
    _field("theme", pa.string()),
    _field("text", pa.string()),
    _field("split_note", pa.string(), True),
    _field("trade_views", pa.list_(pa.string())),
    _field("source_id", pa.string()),
])

CLAIMS = pa.schema([
    _field("claim_id", pa.string()),
    _field("passage_id", pa.string()),
    _field("claim_text", pa.string()),  # verbatim words of the speech
    _field("metric", pa.string()),
    _field("value", pa.float64(), True),
    _field("unit", pa.string(), True),
    _field("period", pa.string()),
    # how the claim is checked, as data/curated/claims.csv names it (kzcn.claims): shipped so the app can check the
    # claim again with its notes in the reader's language
    _field("check", pa.string()),  # CHECK_KINDS
    _field("check_args", pa.string()),
    _field("check_value", pa.float64(), True),
    _field("check_unit", pa.string(), True),
    _field("check_basis", pa.string(), True),
    _field("verdict", pa.string()),
    _field("check_note", pa.string()),
    _field("check_source_id", pa.string(), True),
    _field("source_id", pa.string()),
])

PRESS_FIGURES = pa.schema([
    _field("figure_id", pa.string()),
    _field("topic", pa.string()),
    _field("period", pa.string()),
    _field("reporter_basis", pa.string(), True),
    _field("metric", pa.string()),
    _field("value", pa.float64(), True),
    _field("unit", pa.string(), True),
    _field("yoy_pct", pa.float64(), True),
    _field("url", pa.string()),
    _field("publisher", pa.string()),
    _field("quality", pa.string()),
    _field("note", pa.string(), True),
    _field("source_id", pa.string()),
])

REFRESH_LOG = pa.schema([
    _field("refreshed_at", pa.string()),  # ISO timestamp, UTC
    _field("step", pa.string()),
    _field("source_id", pa.string()),
    _field("rows", pa.int64()),
    _field("detail", pa.string(), True),
])

DATASETS: dict[str, pa.Schema] = {
    "sources": SOURCES,
    "trade_annual": TRADE_ANNUAL,
    "hs_chapters": HS_CHAPTERS,
    "trade_products": TRADE_PRODUCTS,
    "trade_headings": TRADE_HEADINGS,
    "trade_partners": TRADE_PARTNERS,
    "hs_headings": HS_HEADINGS,
    "hs_chapter_names": HS_CHAPTER_NAMES,
    "hs_heading_names": HS_HEADING_NAMES,
    "publisher_names": PUBLISHER_NAMES,
    "product_coverage": PRODUCT_COVERAGE,
    "product_completeness": PRODUCT_COMPLETENESS,
    "events": EVENTS,
    "event_translations": EVENT_TRANSLATIONS,
    "passages": PASSAGES,
    "claims": CLAIMS,
    "text_translations": TEXT_TRANSLATIONS,
    "press_figures": PRESS_FIGURES,
    "refresh_log": REFRESH_LOG,
}

# Allowed values per (dataset, column): checked by the build so a typo cannot ship.
ALLOWED: dict[tuple[str, str], tuple[str, ...]] = {
    ("trade_annual", "reporter"): REPORTERS,
    ("trade_annual", "partner"): PARTNERS,
    ("trade_annual", "flow"): ANNUAL_FLOWS,
    ("trade_annual", "status"): STATUSES,
    ("trade_annual", "series"): SERIES,
    ("trade_products", "reporter"): REPORTERS,
    ("trade_products", "partner"): PARTNERS,
    ("trade_products", "flow"): FLOWS,
    ("trade_products", "series"): SERIES,
    ("trade_headings", "reporter"): REPORTERS,
    ("trade_headings", "partner"): PARTNERS,
    ("trade_headings", "flow"): FLOWS,
    ("trade_headings", "series"): SERIES,
    ("trade_partners", "reporter"): REPORTERS,
    ("trade_partners", "partner_kind"): PARTNER_KINDS,
    ("trade_partners", "flow"): FLOWS,
    ("trade_partners", "series"): PARTNER_SERIES,
    ("trade_partners", "status"): ("reported", "imf_estimate"),
    ("product_coverage", "reporter"): REPORTERS,
    ("product_coverage", "partner"): PARTNERS,
    ("product_coverage", "flow"): FLOWS,
    ("product_coverage", "series"): SERIES,
    ("product_coverage", "status"): COVERAGE_STATUSES,
    ("product_completeness", "reporter"): REPORTERS,
    ("product_completeness", "partner"): PARTNERS,
    ("product_completeness", "flow"): FLOWS,
    ("product_completeness", "series"): SERIES,
    ("events", "precision"): DATE_PRECISIONS,
    ("event_translations", "lang"): NAME_LANGS,
    ("claims", "check"): CHECK_KINDS,
    ("text_translations", "lang"): NAME_LANGS,
    ("text_translations", "table"): tuple(TRANSLATED_TEXTS),
    ("text_translations", "field"): tuple(f for fields in TRANSLATED_TEXTS.values() for f in fields),
    ("sources", "kind"): SOURCE_KINDS,
    ("hs_chapter_names", "lang"): NAME_LANGS,
    ("hs_heading_names", "lang"): NAME_LANGS,
    ("publisher_names", "lang"): NAME_LANGS,
}

# A sources row whose `url` / `download_page` is not a page says so in brackets, e.g. "(no page: computed by kzcn)".
NOT_A_PAGE = re.compile(r"^\(no [^()]*\)$")

# Hosts that serve copies of other publishers' pages: mirrors, reposts, aggregators and content farms, and the
# publishers' own staging or mirror servers. An event may cite one only with a `source_note` naming the host
# (kzcn.validate), so the app can tell the reader the link is not the original publisher's page.
REPOST_HOSTS: dict[str, str] = {
    "memim.com": "a machine-translated copy of a German Wikipedia article",
    "soolun.net": "a site copying journal articles",
    "jxxfw.com": "a site copying journal articles",
    "shqsg.com": "a content farm",
    "big5.cctv.com": "CCTV's traditional-Chinese conversion gateway, a copy of a www.cctv.cn page",
    "zhonghuashu.com": "a copy of a Wikisource text",
    "rmrb.online": "a forum reposting People's Daily articles",
    "neamco.com": "a copy of a Guangming Daily page, by its gmw.cn/01gmrb path",
    "yuzhongnet.com": "a site copying other publishers' news pages",
    "staging.rferl.org": "RFE/RL's staging server",
    "007english007.wordpress.com": "a personal blog reposting a news report",
    "o-olink.com": "a site copying other publishers' news pages",
    "enerteksolarenergy.com": "a spam site copying a news page",
    "shenmingdayi.com": "a spam site copying a news page",
    "china-invests.net": "a site reposting news-agency reports",
    "app.bjtitle.com": "a news-app aggregator reposting other media",
    "reportify.cn": "an aggregator of other media's reports",
    "resources.made-in-china.com": "a trade portal reposting a news report",
    "pegstown.com": "a spam site copying a news page",
    "nsh-em.com": "a copy of a Xinhua English page, by its xinhuanet.com/english path",
    "exbulletin.com": "an aggregator reposting news-agency reports",
    "news.shi-fen.com": "an aggregator reposting other media",
    "publicnow.com": "an aggregator reposting official press releases",
    "6660114.com": "a copy of a Hong Kong Commercial Daily page, hkcd.com",
    "xingfushuangcheng.com": "a blog aggregator",
    "menafn.com": "an aggregator reposting a Trend report",
    "mirror.akorda.kz": "the mirror server of the Kazakh President's website, akorda.kz",
    "rightbeek.com": "an aggregator reposting other media",
    "laitimes.com": "a content farm reposting other media",
    "todaymg.com": "an aggregator reposting other media",
    "einpresswire.com": "a press-release service reposting a news-agency report",
    "asiacity.news": "an aggregator reposting other media",
    "trendingonweibo.com": "an aggregator reposting other media",
    "telegnews.com": "an aggregator reposting other media",
    "cn.sirdaily.com": "an aggregator reposting a People's Daily report",
    "zawya.com": "a business portal reposting a report of the Emirates News Agency, WAM",
    "asiaplustj.info": "a republication of a Eurasianet report",
    "enbekshiqazaq.kz": "a district administration's website reposting an Akorda release",
}

# Primary keys: the build rejects duplicates on these.
KEYS: dict[str, tuple[str, ...]] = {
    "sources": ("source_id",),
    "trade_annual": ("year", "reporter", "partner", "flow", "series", "source_id"),
    "hs_chapters": ("hs_chapter",),
    "trade_products": ("year", "reporter", "partner", "flow", "hs_chapter", "series", "source_id"),
    "trade_headings": ("year", "reporter", "partner", "flow", "hs_heading", "series", "source_id"),
    "trade_partners": ("year", "reporter", "partner", "flow", "series", "source_id"),
    "hs_headings": ("hs_heading",),
    "hs_chapter_names": ("hs_chapter", "lang"),
    "hs_heading_names": ("hs_heading", "lang"),
    "publisher_names": ("publisher", "lang"),
    "product_coverage": ("year", "reporter", "partner", "flow", "series", "hs_chapter"),
    "product_completeness": ("series", "reporter", "partner", "flow", "year"),
    "events": ("event_id",),
    "event_translations": ("event_id", "lang"),
    "passages": ("passage_id",),
    "claims": ("claim_id",),
    "text_translations": ("table", "key", "field", "lang", "text_en"),  # a claim may give several reasons
    "press_figures": ("figure_id",),
    "refresh_log": ("refreshed_at", "step", "source_id"),
}
