"""Server memory with 1, 10 and 25 concurrent browser sessions, kzcn against the bare app.

    .venv/bin/python bench/memory.py
    .venv/bin/python bench/memory.py --counts 1 5 10

For each app: a fresh server, then sessions opened one after another, each a Playwright page in its own browser
context that has loaded the overview (the bare app's page) and drawn its chart; the sessions stay open. At each
count the server's RSS is read from /proc (the sum over its process tree) after the server has been idle for a
few seconds. Growth per extra session = (RSS at the largest count − RSS at 1) ÷ (largest count − 1).
"""

from __future__ import annotations

import argparse
import time

from _common import BARE, CHART, DASHBOARD, ERROR, Server, launch_args, loadavg, open_connections, rss_mb, table
from playwright.sync_api import sync_playwright

SETTLE_S = 4


def measure(browser, entry, counts: list[int]) -> dict[str, float]:
    server = Server(entry)
    contexts = []
    out = {"start": rss_mb(server.proc.pid)}
    try:
        for target in counts:
            while len(contexts) < target:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(f"{server.url}/", timeout=120_000)
                page.wait_for_selector(CHART, timeout=120_000)
                if page.locator(ERROR).count():
                    raise RuntimeError("the page shows an exception")
                contexts.append(context)
            time.sleep(SETTLE_S)
            out[str(target)] = rss_mb(server.proc.pid)
            sockets = open_connections(server.port)
            print(f"  {entry.name}: {target} sessions, {sockets} connections open, {out[str(target)]:.0f} MB",
                  flush=True)
            if sockets < target:
                raise RuntimeError(f"only {sockets} connections for {target} sessions")
    finally:
        for context in contexts:
            context.close()
        server.stop()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 10, 25])
    args = parser.parse_args()
    counts = sorted(args.counts)
    print(f"load average before: {loadavg()}")
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch_args())
        for name, entry in (("bare app", BARE), ("kzcn", DASHBOARD)):
            results[name] = measure(browser, entry, counts)
        browser.close()
    first, last = str(counts[0]), str(counts[-1])
    per = {name: (r[last] - r[first]) / max(1, counts[-1] - counts[0]) for name, r in results.items()}
    rows = [[name, f"{r['start']:.0f}", *(f"{r[str(c)]:.0f}" for c in counts), f"{per[name]:.1f}",
             f"{per[name] / per['bare app']:.2f}×" if per["bare app"] > 0 else "n/a"]
            for name, r in results.items()]
    print(table(rows, ["app", "no session MB", *(f"{c} sessions MB" for c in counts), "MB per extra session",
                       "÷ bare"]))
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
