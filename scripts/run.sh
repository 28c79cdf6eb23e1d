#!/usr/bin/env bash
# Set up kzcn in a virtual environment and start the dashboard on the shipped data (http://localhost:8501).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || {
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-venv >/dev/null; }
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e .
exec .venv/bin/streamlit run dashboard.py "$@"
