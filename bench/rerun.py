"""Server time of one rerun after a filter change, per page, against the bare app (in-process, AppTest).

    .venv/bin/python bench/rerun.py                 # every page and the bare app, 40 reruns each
    .venv/bin/python bench/rerun.py -n 60 --pages trade
    .venv/bin/python bench/rerun.py --profile trade # where one page's rerun time goes (pyinstrument, `bench` extra)
    .venv/bin/python bench/rerun.py --switch-language   # a language switch per rerun instead of a filter change

Each rerun changes one sidebar filter and times `AppTest.run()`: the script run plus AppTest's own handling of
the output (the same for the bare app). The sequence is deterministic: years ranges never seen before by the
process (for the bare app too), alternating on kzcn with the "Whose figures" and "Direction" radios where the page
shows them (the Overview shows "Whose figures" only, the Timeline neither), and on the Partners page with its own
"Flow" and "Whose count" radios.
"cold" is that first pass: every state is new, so only what the change does not touch comes from the caches.
"warm" replays the same sequence: a state some session already asked for, as under real traffic.
"script only" is the cold pass timed inside the script thread: the server's work without AppTest's.
--switch-language: each kzcn rerun follows the language switch instead (ru, zh, en, ru …, as kzcn.ui.links'
links do: the page's link relabelled, and `?lang=`); the bare app still changes its years. "cold" then holds the
first visit to each language (figures and labels built), "warm" a reader switching back and forth.
Each script is compiled once, as a server does (AppTest alone compiles it on every run: see _compile_once).
"""

from __future__ import annotations

import argparse
import itertools
import logging
import random
import time

from _common import BARE, DASHBOARD, loadavg, median, p95, table
from streamlit.testing.v1 import AppTest

from kzcn import datasets, i18n, urlstate
from kzcn import partnerviews as pv

# page name -> (page file, link parameters): each page as first opened, and the tabs that hold the most charts
PAGE_FILES: dict[str, tuple[str | None, dict[str, str]]] = {
    "overview": (None, {}), "trade": ("app_pages/trade.py", {}),
    "trade:sectors": ("app_pages/trade.py", {"trade_view": "By sector"}),
    # the Timeline's milestones: its 2023 view applies no sidebar filter, so no filter change reruns it
    "timeline": ("app_pages/timeline.py", {"scope": "All milestones"}),
    "timeline:map": ("app_pages/timeline.py", {"scope": "All milestones", "timeline_view": "On a map"}),
    "speech": ("app_pages/speech.py", {}), "data": ("app_pages/sources.py", {}),
    "trade:share": ("app_pages/trade.py", {"trade_view": "China's share by sector"}),
    # Partners: its own flow and source radios and the sidebar's years; each tab as a link opens it
    "partners": ("app_pages/partners.py", {}),
    "partners:lines": ("app_pages/partners.py", {"partners_view": "Ranks over time"}),
    "partners:split": ("app_pages/partners.py", {"partners_view": "China, Russia, the EU and the rest"}),
    "partners:rank": ("app_pages/partners.py", {"partners_view": "China's rank"}),
}


def _chapter_label(code: str) -> str:
    chapters = datasets.load("hs_chapters").set_index("hs_chapter")["chapter_name"]
    return urlstate.chapter_label(code, chapters[code])


# the sector tab drilled down to one chapter (bars by HS4 heading, the treemap of its headings)
PAGE_FILES["trade:drill"] = ("app_pages/trade.py", {"trade_view": "By sector", "sector": "Vehicles",
                                                    "chapters": _chapter_label("87")})
REPORTERS = urlstate.REPORTER_VIEWS  # the first of each is the default
DIRECTIONS = urlstate.DIRECTIONS
RADIO_VALUES = {"reporter": REPORTERS, "direction": DIRECTIONS,
                "partners_flow": pv.FLOW_CHOICES, "partners_source": pv.SOURCE_CHOICES}  # three values each


def year_pairs(n: int, seed: int = 0) -> list[tuple[int, int]]:
    """n distinct year ranges of at least 3 years within the data (1992–2024)."""
    pairs = [(lo, hi) for lo in range(1992, 2025) for hi in range(lo + 3, 2025)]
    return random.Random(seed).sample(pairs, n)


def steps(n: int, radios: list[str]) -> list[tuple[str, object]]:
    """The filter change of each rerun: (widget key, new value), cycling over the page's radios and the years."""
    years = iter(year_pairs(n))
    cycle = [*radios, "years"]
    out: list[tuple[str, object]] = []
    for i in range(n):
        key = cycle[i % len(cycle)]
        out.append((key, next(years) if key == "years" else RADIO_VALUES[key][(i // len(cycle) + 1) % 3]))
    return out


def radios_shown(at: AppTest) -> list[str]:
    """The sidebar's radios this page shows (a page shows only the filters it applies): reporter, direction; and
    the Partners page's own flow and source radios."""
    keys = {r.key for r in at.sidebar.radio} | {r.key for r in at.main.radio}
    return [k for k in ("reporter", "direction", "partners_flow", "partners_source") if k in keys]


SCRIPT_MS: list[float] = []  # the script run alone, measured in AppTest's script thread


def _time_script_runs() -> None:
    """Record how long each script run takes inside the runner (without AppTest's handling of the output)."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    if getattr(original, "_kzcn_timed", False):
        return

    def run_script(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            SCRIPT_MS.append((time.perf_counter() - start) * 1000)

    run_script._kzcn_timed = True
    script_runner.ScriptRunner._run_script = run_script


def _compile_once() -> None:
    """Compile each script once, as a server does. AppTest gives every run a new ScriptCache, so it compiles the
    entry script and the page again on every run, with Streamlit's "magic" AST pass: ~40 ms a rerun for kzcn's
    pages (app_pages/trade.py: 48 ms in one profile), ~1 ms for the bare app's few lines. A server holds one
    ScriptCache for its lifetime (streamlit/runtime/runtime.py) and compiles each file once. Without this, every
    kzcn rerun measured here carried ~40 ms that no reader waits for."""
    from streamlit.runtime.scriptrunner import script_cache

    init = script_cache.ScriptCache.__init__
    if getattr(init, "_kzcn_shared", False):
        return
    shared: dict[str, object] = {}

    def shared_init(self) -> None:
        init(self)
        self._cache = shared

    shared_init._kzcn_shared = True
    script_cache.ScriptCache.__init__ = shared_init


LANGUAGE: str | None = None  # --lang: every kzcn page opened with ?lang=… (the years slider only, see main)


def app(name: str) -> AppTest:
    at = AppTest.from_file(str(BARE if name == "bare" else DASHBOARD), default_timeout=120)
    page, params = PAGE_FILES.get(name, (None, {}))
    if LANGUAGE and name != "bare":
        with i18n.language(LANGUAGE):  # a link in that language names its choices in it
            params = {"lang": LANGUAGE} | {k: i18n._(v) for k, v in params.items()}
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def apply(at: AppTest, key: str, value: object) -> None:
    widget = at.slider(key=key) if key == "years" else at.radio(key=key)
    widget.set_value(value)


SWITCH = False  # --switch-language: each kzcn rerun is a language switch, not a filter change


def switch_to(at: AppTest, name: str, lang: str) -> None:
    """What following the language switch's link does (kzcn.ui.links.language_switch): the same page, its link's
    choices written in `lang`, and `lang`."""
    with i18n.language(lang):
        for key, value in PAGE_FILES[name][1].items():
            at.query_params[key] = i18n._(value)
    at.query_params["lang"] = lang
    at.switch_page(PAGE_FILES[name][0] or "app_pages/overview.py")  # a page link: Streamlit's page switch


def measure(name: str, n: int) -> tuple[list[float], list[float], list[float]]:
    """(cold, warm, cold script-only) rerun times in ms."""
    at = app(name)
    # in another language only the years: AppTest cannot set a radio whose shown label differs from its value
    radios = [] if name == "bare" or LANGUAGE else radios_shown(at)
    switching = SWITCH and name != "bare"
    sequence = ([("lang", lang) for lang in itertools.islice(itertools.cycle(["ru", "zh", "en"]), n)] if switching
                else steps(n, radios))
    passes, script = [], []
    for _ in range(2):
        times = []
        for key, value in sequence:
            if switching:
                switch_to(at, name, value)
            else:
                apply(at, key, value)
            SCRIPT_MS.clear()
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
            script.append(sum(SCRIPT_MS))
            assert not at.exception, [e.value for e in at.exception]
        passes.append(times)
        for key in radios:  # back to the start of the sequence, then replay it
            apply(at, key, RADIO_VALUES[key][0])
        apply(at, "years", (1992, 2024))
        at.run()
    return passes[0], passes[1], script[:n]


def profile(name: str, n: int) -> None:
    """pyinstrument inside the script thread (AppTest runs the script in its own thread)."""
    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner import script_runner

    profiler = Profiler(interval=0.0005)
    original = script_runner.ScriptRunner._run_script
    state = {"on": False}

    def run_script(self, *args, **kwargs):
        if not state["on"]:
            return original(self, *args, **kwargs)
        profiler.start()
        try:
            return original(self, *args, **kwargs)
        finally:
            profiler.stop()

    script_runner.ScriptRunner._run_script = run_script
    _compile_once()
    at = app(name)
    state["on"] = True
    for key, value in steps(n, [] if name == "bare" else radios_shown(at)):
        apply(at, key, value)
        at.run()
    print(profiler.output_text(unicode=False, color=False, show_all=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=40, help="reruns per page and pass (default 40)")
    parser.add_argument("--pages", nargs="*", default=list(PAGE_FILES), choices=list(PAGE_FILES))
    parser.add_argument("--profile", choices=["bare", *PAGE_FILES], help="profile one page instead")
    parser.add_argument("--lang", choices=["ru", "zh"], help="open kzcn's pages in this language (years changes)")
    parser.add_argument("--switch-language", action="store_true",
                        help="each kzcn rerun switches the language (ru, zh, en, …) instead of a filter")
    args = parser.parse_args()
    global LANGUAGE, SWITCH
    LANGUAGE, SWITCH = args.lang, args.switch_language
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    if args.profile:
        profile(args.profile, args.n)
        return
    print(f"load average before: {loadavg()}")
    _compile_once()
    _time_script_runs()
    results = {name: measure(name, args.n) for name in ["bare", *args.pages]}
    bare_cold, bare_warm, _ = results["bare"]
    rows = []
    for name, (cold, warm, script) in results.items():
        rows.append([name, f"{median(cold):.0f}", f"{p95(cold):.0f}", f"{max(cold):.0f}",
                     f"{median(cold) / median(bare_cold):.1f}×", f"{p95(cold) / p95(bare_cold):.1f}×",
                     f"{median(script):.0f} / {p95(script):.0f}",
                     f"{median(warm):.0f}", f"{p95(warm):.0f}", f"{p95(warm) / p95(bare_warm):.1f}×",
                     "yes" if p95(cold) <= 100 else "no", "yes" if p95(warm) <= 100 else "no"])
    print(table(rows, ["page", "cold median ms", "cold p95", "cold max", "median ÷ bare", "p95 ÷ bare",
                       "cold script only median / p95", "warm median", "warm p95", "warm p95 ÷ bare",
                       "cold p95 ≤ 100", "warm p95 ≤ 100"]))
    print(f"{args.n} reruns per pass; load average after: {loadavg()}")


if __name__ == "__main__":
    main()
