"""The fast tests that read the shipped data pass on a copy of the project whose data/ was refreshed with a year
they have never seen.

What a user's refresh does (`kzcn import baci`, `kzcn refresh comtrade`) must not break a test: the tests check
behaviour, and the checks of the shipped data (tests/test_shipped_data.py and its siblings) pin only values
a refresh leaves in place. tests/refreshed_copy.py makes the copy (synthetic values, never in the repository);
this test runs there, in a child process on the copy's own code, the fast tests of the modules marked
`shipped_data` (tests/conftest.py: a module that reads data/ unmarked fails, so none is left out; a test on its own
fixture data cannot see a refresh). A few minutes: marked slow.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import refreshed_copy

from kzcn import datasets
from kzcn.paths import REPO_ROOT

pytestmark = pytest.mark.slow


def test_fast_tests_pass_on_a_copy_refreshed_with_an_unseen_year(tmp_path):
    dest = refreshed_copy.copy_project(REPO_ROOT, tmp_path / "kzcn")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    year = refreshed_copy.refresh(dest / "data", scratch)
    products = datasets.load("trade_products", dest / "data")
    assert {"baci_bulk", "comtrade_api"} <= set(products.loc[products["year"] == year, "series"])
    assert len(datasets.load("refresh_log", dest / "data")) >= 3  # one BACI row, one per Comtrade direction

    command, env = refreshed_copy.fast_tests(dest)
    where = subprocess.run([command[0], "-c", "import kzcn.paths; print(kzcn.paths.REPO_ROOT)"], env=env, cwd=dest,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert where == str(dest)  # the copy's code, so its app reads the copy's data/
    run = subprocess.run(command, env=env, cwd=dest, capture_output=True, text=True, timeout=1800)
    failed = re.findall(r"^(?:FAILED|ERROR) .*$", run.stdout, flags=re.M)
    assert run.returncode == 0, f"{year} added; fast tests in the copy:\n" + "\n".join(failed or [run.stdout[-3000:],
                                                                                                 run.stderr[-2000:]])
