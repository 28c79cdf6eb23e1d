"""Real-browser fixtures: Debian's chromium driven by pytest-playwright, and a freshly started server.

Never `playwright install`: the machine's own chromium is used through executable_path.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kzcn.paths import REPO_ROOT

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_FLAGS = ["--server.headless", "true", "--server.fileWatcherType", "none",
                "--browser.gatherUsageStats", "false", "--server.address", "127.0.0.1"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    exe = shutil.which("chromium")
    if exe is None:
        pytest.skip("Debian's chromium is not installed (scripts/test.sh installs it)")
    return {"executable_path": exe, "args": CHROMIUM_FLAGS}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `streamlit run dashboard.py` process in its own session, stopped with its whole process group."""

    def __init__(self, entry: Path = REPO_ROOT / "dashboard.py", env: dict[str, str | None] | None = None, *,
                 python: str | Path | None = None, cwd: Path | None = None) -> None:
        """entry: the script to run; env: variables to set (None removes one); python: the interpreter whose
        streamlit runs it (default: this one), e.g. a fresh deploy venv's; cwd: where it runs (default: beside
        the entry)."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(os.environ.get("TMPDIR", "/tmp")) / f"kzcn-server-{self.port}.log"
        environ = {**os.environ, **(env or {})}
        self.proc = subprocess.Popen(
            [str(python or sys.executable), "-m", "streamlit", "run", str(entry), "--server.port", str(self.port),
             *SERVER_FLAGS],
            cwd=cwd or entry.parent, stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
            env={k: v for k, v in environ.items() if v is not None},
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not start; log: {self.log.read_text()[-2000:]}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


@pytest.fixture
def fresh_server() -> Iterator[Server]:
    """A server nobody has visited yet: what a reader of a shared link meets after a deploy."""
    server = Server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """One server for a test worker's browser tests (it starts and fills its caches once: ~5 s of a core each
    time); a test that needs a server nobody has visited takes `fresh_server`."""
    s = Server()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def make_server() -> Iterator[Callable[..., Server]]:
    """Server(...) with any arguments (another interpreter, working directory or entry); all stopped at the end."""
    started: list[Server] = []

    def make(*args, **kwargs) -> Server:
        started.append(Server(*args, **kwargs))
        return started[-1]

    yield make
    for s in started:
        s.stop()
