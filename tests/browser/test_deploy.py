"""The deploy, rehearsed: a fresh virtual environment with only requirements.txt, the app's files copied without
installing kzcn, `python -m streamlit run dashboard.py` there with the production flags, and real pages in Chromium.

This is what Streamlit Community Cloud and the Dockerfile do. It uses Python 3.12 (their default) when this
machine has it, else the interpreter running the tests. pip's cache makes reruns quick; the first run downloads
the wheels (allow a few minutes). Deselect with `-m "not slow"`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from kzcn.paths import REPO_ROOT

pytestmark = pytest.mark.slow

CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg'
ERROR = '[data-testid="stException"]'
PINNED = ("streamlit", "plotly", "pandas", "pyarrow")
APP = ("dashboard.py", "app_pages", "src", ".streamlit", "static")  # plus data/*.parquet


def _works(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import venv, ensurepip"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def deploy_python() -> str:
    """Python 3.12 as Community Cloud and the image run it, where this machine has one; else this interpreter."""
    candidates = [os.environ.get("KZCN_DEPLOY_PYTHON"), shutil.which("python3.12")]
    pyenv = shutil.which("pyenv")
    if pyenv:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True).stdout.strip()
        candidates += sorted(str(p) for p in Path(root).glob("versions/3.12*/bin/python3.12"))
    return next((c for c in candidates if c and _works(c)), sys.executable)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory, make_server) -> Iterator[tuple[object, Path]]:
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([deploy_python(), "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # --no-compile: the app compiles what it imports as it runs; compiling every installed module took 13 of 21 s
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-compile", "-r",
                              str(REPO_ROOT / "requirements.txt")], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]

    app = tmp_path_factory.mktemp("app")
    for name in APP:
        src = REPO_ROOT / name
        if src.is_dir():
            shutil.copytree(src, app / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, app / name)
    (app / "data").mkdir()
    for parquet in (REPO_ROOT / "data").glob("*.parquet"):
        shutil.copy2(parquet, app / "data" / parquet.name)

    # nothing from the development checkout may leak in: no PYTHONPATH, no data folder override
    server = make_server(app / "dashboard.py", env={"PYTHONPATH": None, "KZCN_DATA_DIR": None}, python=python,
                         cwd=app)
    yield server, python


def test_the_deploy_venv_has_only_the_pinned_requirements(deployed, browser_name):
    # browser_name (unused): pytest-playwright's parameter, so that pytest keeps this test beside the browser ones
    # below when it groups tests by that parameter; apart, the deploy venv was built twice (~50 s more)
    _, python = deployed
    frozen = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True, check=True).stdout
    pins = {line.split("==")[0].lower(): line.split("==")[1] for line in frozen.split() if "==" in line}
    wanted = {line.split("==")[0]: line.split("==")[1].split()[0] for line in
              (REPO_ROOT / "requirements.txt").read_text().splitlines() if "==" in line and not line.startswith("#")}
    assert {n: pins.get(n) for n in PINNED} == {n: wanted[n] for n in PINNED}
    assert "kzcn" not in pins
    not_installed = subprocess.run([str(python), "-c", "import kzcn"], capture_output=True, text=True,
                                   env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert not_installed.returncode != 0 and "ModuleNotFoundError" in not_installed.stderr


@pytest.mark.parametrize("path", ["", "trade"])
def test_the_deployed_app_renders_its_charts(page: Page, deployed, path):
    server, _ = deployed
    page.goto(f"{server.url}/{path}")
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=90_000)
    page.wait_for_selector(CHART, timeout=90_000)
    page.wait_for_timeout(1000)  # let the last reruns settle
    assert page.locator(ERROR).count() == 0
    assert page.locator(CHART).count() >= (1 if path == "" else 3)
    log = server.output()
    assert "Traceback" not in log and "Error" not in log, log[-3000:]
