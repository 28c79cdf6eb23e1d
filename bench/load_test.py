"""25 concurrent browser sessions on localhost for 60 seconds, each switching pages and changing filters.

    .venv/bin/python bench/load_test.py                      # 25 sessions, 60 s, in 3 Chromium processes
    .venv/bin/python bench/load_test.py --sessions 10 --seconds 30 --browsers 2

One kzcn server (production flags, 127.0.0.1 only). Each session is a page in its own browser context, the
sessions spread over a few Chromium processes. The sessions arrive first (each opens the overview and waits for its
chart; all at once unless --parallel-loads says how many at a time; at most 300 s in all), then all of them run
together for --seconds: each loops (at most --max-actions times) to switch page from the sidebar, click a "Whose
figures" or "Direction" radio, or move the years slider with the keyboard; after each action it waits for the app to
settle and counts error elements (`[data-testid="stException"]`). Playwright time-outs are counted, not fatal: they
are what an overloaded machine looks like. Server RSS (process tree, /proc) is sampled every second: before, once
the first session has loaded (the warm process), peak, and 30 s after the sessions close; the server's CPU time
(/proc) shows how much of the machine the server itself used, the rest being the browsers. The server log is
scanned for "Traceback" and "Error". Everything stops by itself: the deadline, the action
cap, a hard limit on the whole run, then the browsers and the server are closed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import time
from collections.abc import Callable

from _common import CHART, DASHBOARD, ERROR, SIDEBAR, Server, cpu_s, launch_args, loadavg, rss_mb, table
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

PAGE_LINKS = ["Overview", "Trade", "Timeline 2023", "The speech", "Data & sources"]
RADIOS = ["As China reports", "As Kazakhstan reports", "Both side by side", "China → Kazakhstan",
          "Kazakhstan → China", "Both directions"]
SETTLE_MS = 600
LOAD_TIMEOUT_MS = 120_000
CORES = os.cpu_count() or 1
ARRIVAL_LIMIT_S = 300  # the timed run starts when every session has loaded, or after this


class Tally:
    def __init__(self) -> None:
        self.actions = 0
        self.by_kind: dict[str, int] = {}
        self.timeouts = 0
        self.errors_seen = 0  # stException elements counted after actions
        self.failed_sessions = 0
        self.settle_s: list[float] = []


async def settle(page) -> float:
    """Wait until the app has finished rerunning (no 'running' status widget), at most 30 s; seconds waited."""
    start = time.monotonic()
    await page.wait_for_timeout(150)
    await page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000, polling=100)
    await page.wait_for_timeout(SETTLE_MS)
    return time.monotonic() - start


async def session(browser, url: str, index: int, phase: Phase, max_actions: int, tally: Tally) -> None:
    rng = random.Random(index)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(30_000)
    try:
        try:
            async with phase.arrivals:  # by default every reader arrives in the same second
                await page.goto(url, timeout=LOAD_TIMEOUT_MS)
                await page.wait_for_selector(SIDEBAR, timeout=LOAD_TIMEOUT_MS)
                await page.wait_for_selector(CHART, timeout=LOAD_TIMEOUT_MS)
        except PlaywrightError:
            tally.failed_sessions += 1
            return
        finally:
            phase.arrived()
        await phase.all_in.wait()
        for _ in range(max_actions):
            if time.monotonic() >= phase.deadline:
                break
            kind = rng.choice(["page", "radio", "radio", "years"])
            try:  # a view shows only the filters it applies: an action it does not offer becomes the next one
                radio = page.locator(SIDEBAR).get_by_text(rng.choice(RADIOS), exact=True)
                slider = page.locator(SIDEBAR).get_by_role("slider")
                if kind == "radio" and not await radio.count():
                    kind = "years"
                if kind == "years" and not await slider.count():
                    kind = "page"
                if kind == "page":
                    nav = page.locator('[data-testid="stSidebarNav"]')
                    await nav.get_by_role("link", name=rng.choice(PAGE_LINKS)).first.click()
                elif kind == "radio":
                    await radio.first.click()
                else:
                    await slider.nth(rng.choice([0, 1])).focus()
                    for _ in range(rng.randint(1, 4)):
                        await page.keyboard.press(rng.choice(["ArrowLeft", "ArrowRight"]))
                tally.settle_s.append(await settle(page))
                tally.actions += 1
                tally.by_kind[kind] = tally.by_kind.get(kind, 0) + 1
                tally.errors_seen += await page.locator(ERROR).count()
            except PlaywrightError as exc:
                if "Timeout" not in str(exc):
                    raise
                tally.timeouts += 1
    finally:
        await context.close()


class Phase:
    """Arrival (at most `parallel` sessions loading at once, bounded in time), then the timed run for everyone."""

    def __init__(self, sessions: int, parallel: int, seconds: int, on_first: Callable[[], None],
                 server_pid: int) -> None:
        self.on_first = on_first  # called when the first session has loaded (the server is warm)
        self.server_pid = server_pid
        self.cpu_at_start = float("nan")
        self.arrivals = asyncio.Semaphore(parallel)
        self.all_in = asyncio.Event()
        self.pending = sessions
        self.seconds = seconds
        self.deadline = float("inf")
        self.loaded_at = float("nan")

    def arrived(self) -> None:
        if self.on_first is not None:
            self.on_first()
            self.on_first = None
        self.pending -= 1
        if self.pending == 0:
            self.start()

    def start(self) -> None:
        if not self.all_in.is_set():
            self.loaded_at = time.monotonic()
            self.cpu_at_start = cpu_s(self.server_pid)
            self.deadline = self.loaded_at + self.seconds
            self.all_in.set()


async def sample_rss(pid: int, samples: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(rss_mb(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)


async def run(args) -> None:
    print(f"load average before: {loadavg()}")
    server = Server(DASHBOARD)
    tally = Tally()
    samples: list[float] = []
    try:
        before = rss_mb(server.proc.pid)
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(server.proc.pid, samples, stop))
        async with async_playwright() as p:
            browsers = [await p.chromium.launch(**launch_args()) for _ in range(args.browsers)]
            started = time.monotonic()
            warm: list[float] = []
            cpu_before = cpu_s(server.proc.pid)
            phase = Phase(args.sessions, args.parallel_loads, args.seconds,
                          lambda: warm.append(rss_mb(server.proc.pid)), server.proc.pid)
            tasks = [session(browsers[i % len(browsers)], f"{server.url}/", i, phase, args.max_actions, tally)
                     for i in range(args.sessions)]
            limit = asyncio.get_running_loop().call_later(ARRIVAL_LIMIT_S, phase.start)  # stragglers: go anyway
            try:
                await asyncio.wait_for(asyncio.gather(*tasks), timeout=ARRIVAL_LIMIT_S + args.seconds + 120)
            except TimeoutError:
                print("hard limit reached: sessions cancelled")
            limit.cancel()
            arrival = phase.loaded_at - started
            elapsed = time.monotonic() - phase.loaded_at
            cpu_arrival, cpu_run = phase.cpu_at_start - cpu_before, cpu_s(server.proc.pid) - phase.cpu_at_start
            for browser in browsers:
                await browser.close()
        peak = max(samples) if samples else float("nan")
        closed_at = time.monotonic()
        await asyncio.sleep(30)
        after = rss_mb(server.proc.pid)
        after_s = time.monotonic() - closed_at
        stop.set()
        await sampler
        load_after = loadavg()
    finally:
        server.stop()
    log = server.output()
    tracebacks, error_lines = log.count("Traceback"), sum("Error" in line for line in log.splitlines())
    settle = sorted(tally.settle_s)
    rows = [
        ["sessions × browsers", f"{args.sessions} in {args.browsers} Chromium processes"],
        ["all sessions loaded after (s)", f"{arrival:.0f} ({args.parallel_loads} loading at a time)"],
        ["timed run, all sessions open (s)", f"{elapsed:.0f} (deadline {args.seconds} s, then actions finish)"],
        ["actions completed", f"{tally.actions} ({', '.join(f'{k} {v}' for k, v in sorted(tally.by_kind.items()))})"],
        ["actions per second", f"{tally.actions / elapsed:.1f}"],
        ["server CPU time: arrival / timed run (s)",
         f"{cpu_arrival:.1f} of {arrival:.0f} s ({cpu_arrival / arrival / CORES:.0%} of the machine) / "
         f"{cpu_run:.1f} of {elapsed:.0f} s ({cpu_run / elapsed / CORES:.0%})"],
        ["action to settled, incl. fixed 0.75 s wait: median / p95 (s)",
         f"{settle[len(settle) // 2]:.1f} / {settle[int(len(settle) * 0.95)]:.1f}" if settle else "n/a"],
        ["Playwright time-outs (30 s)", str(tally.timeouts)],
        ["sessions that failed to load", str(tally.failed_sessions)],
        ["stException elements seen", str(tally.errors_seen)],
        ["server log: Traceback / lines with 'Error'", f"{tracebacks} / {error_lines}"],
        ["server RSS before (MB)", f"{before:.0f}"],
        ["server RSS when the first session had loaded (MB)", f"{warm[0]:.0f}" if warm else "n/a"],
        ["server RSS peak (MB)", f"{peak:.0f}"],
        ["server RSS 30 s after the sessions closed (MB)",
         f"{after:.0f} (read {after_s:.0f} s after the browsers closed)"],
        ["load average after", load_after],
    ]
    print(table(rows, ["measure", "value"]))
    if tracebacks or error_lines:  # each exception's own line (the last of its traceback), not just the headers
        lines = [line for line in log.splitlines() if "Traceback" in line or "Error" in line
                 or re.match(r"^[\w.]+(Error|Exception|Disconnected)\b", line)]
        print("server log excerpt:\n" + "\n".join(lines)[:3000])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--browsers", type=int, default=3)
    parser.add_argument("--max-actions", type=int, default=100, help="cap per session (default 100)")
    parser.add_argument("--parallel-loads", type=int, default=None,
                        help="sessions loading at once (default: all of them, as if every reader arrived together)")
    args = parser.parse_args()
    args.parallel_loads = args.parallel_loads or args.sessions
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
