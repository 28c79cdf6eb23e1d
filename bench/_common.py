"""Shared by the benchmarks: paths, the server helper of the browser tests, Chromium's flags, statistics, RSS."""

from __future__ import annotations

import importlib.util
import os
import shutil
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

DASHBOARD = REPO / "dashboard.py"
BARE = REPO / "bench" / "bare_app.py"
CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
TABLE = '[data-testid="stDataFrame"]'
ERROR = '[data-testid="stException"]'
SIDEBAR = '[data-testid="stSidebar"]'


def _last_passage() -> str:
    from kzcn import datasets
    passages = datasets.load("passages")
    return str(passages.sort_values("order")["passage_id"].iloc[-1])


# the speech page draws no chart until the reader opens one: it is drawn when its last passage is (see page_load)
ADDRESS = f"text:{_last_passage()} · "
# kzcn's pages as a reader opens them, and what "drawn" means on each
PAGES = {"overview": ("/", CHART), "trade": ("/trade", CHART), "partners": ("/partners", CHART),
         "timeline": ("/timeline", CHART),
         "speech": ("/speech", ADDRESS), "data": ("/data", TABLE)}
# every view whose sidebar has filters, opened from its link, and what shows it is loaded (bench/redraw.py): the
# Trade tabs, the Timeline's milestones (its 2023 view applies no sidebar filter), the speech with passage 10's
# chart open (the address alone draws no chart)
REDRAW_VIEWS = {
    "overview": ("/", CHART),
    "trade": ("/trade", CHART),
    "trade:gap": ("/trade?trade_view=Why+the+figures+differ", CHART),
    "trade:sectors": ("/trade?trade_view=By+sector", CHART),
    "trade:share": ("/trade?trade_view=China%27s+share+by+sector", CHART),
    "trade:baci": ("/trade?trade_view=Whole+product+mix%2C+2021", CHART),
    "partners": ("/partners", CHART),  # its one sidebar filter is the years
    "timeline": ("/timeline?scope=All+milestones", CHART),
    "timeline:map": ("/timeline?scope=All+milestones&timeline_view=On+a+map", CHART),
    "speech:p10": ("/speech?p10_chart=true", CHART),
    "data": ("/data", TABLE),
}
VIEWPORT = {"width": 1280, "height": 900}


def _browser_conftest():
    spec = importlib.util.spec_from_file_location("kzcn_browser_conftest", REPO / "tests" / "browser" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_conftest = _browser_conftest()
Server = _conftest.Server  # `streamlit run` on a free port, own process group, stopped with killpg
CHROMIUM_FLAGS = _conftest.CHROMIUM_FLAGS


def launch_args() -> dict:
    exe = shutil.which("chromium")
    if exe is None:
        sys.exit("Debian's chromium is not installed (apt-get install chromium); never `playwright install`.")
    return {"executable_path": exe, "args": CHROMIUM_FLAGS, "headless": True}


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def loadavg() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def tree_pids(root: int) -> list[int]:
    """root and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def rss_mb(root: int) -> float:
    """Resident memory of a process and its descendants, in MB (VmRSS from /proc)."""
    total = 0
    for pid in tree_pids(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_s(root: int) -> float:
    """CPU time (user + system) used so far by a process and its descendants, in seconds (/proc/PID/stat)."""
    total = 0
    for pid in tree_pids(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def open_connections(port: int) -> int:
    """Established TCP connections to a local port (the sessions' websockets), from /proc/net/tcp."""
    count = 0
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                count += 1
    return count


def table(rows: list[list[str]], header: list[str]) -> str:
    """A Markdown table (pasted as is into docs/performance.md)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])
