#!/usr/bin/env bash
# Set up and run kzcn's whole test suite on a fresh Debian machine with Python >= 3.11:
# Debian's chromium and Noto CJK fonts (browser tests; without the fonts Chinese is measured as empty boxes),
# a virtual environment with the test extra, ruff, then pytest on every core.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m "not browser"`.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -n "$(fc-list :lang=zh family 2>/dev/null)" ] || need+=(fonts-noto-cjk)
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# test what we deploy; --no-compile: the tests compile what they import (compiling every module took most of the install)
.venv/bin/python -m pip install -q --no-compile -e '.[test]' -c requirements.txt
.venv/bin/ruff check .
# one worker per core (pytest-xdist), each test file whole on one worker: its module's server starts once
exec .venv/bin/python -m pytest -n auto --dist loadfile "$@"
