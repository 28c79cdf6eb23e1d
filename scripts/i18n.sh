#!/usr/bin/env bash
# kzcn's message catalogues (docs/i18n.md):
#   scripts/i18n.sh extract   write src/kzcn/locale/kzcn.pot from the code (_(), N_(), ngettext(), pgettext())
#   scripts/i18n.sh update    extract, then bring ru and zh up to date with it (new messages empty, changed ones
#                             marked fuzzy: neither is shown until a translator fills or checks it), then compile
#   scripts/i18n.sh compile   write each language's .mo from its .po (fuzzy translations left out); the .mo files
#                             are committed, so a clone, an install and a deployed copy run without this step
# tests/test_i18n.py fails on any message missing, stale or fuzzy in either language, and on a .mo that does not
# match its .po (run `compile` after editing a .po). `update` rewrites both .po files' POT-Creation-Date, and so the
# .mo files: if no message changed, `git checkout src/kzcn/locale` drops that noise.
set -euo pipefail
cd "$(dirname "$0")/.."
# the venv's tools when there is one (scripts/run.sh and scripts/test.sh make it); PYBABEL and PYTHON override them
if [ -x .venv/bin/python ]; then DEFAULT_PYTHON=.venv/bin/python; else DEFAULT_PYTHON=python3; fi
if [ -x .venv/bin/pybabel ]; then DEFAULT_PYBABEL=.venv/bin/pybabel; else DEFAULT_PYBABEL=pybabel; fi
PYBABEL="${PYBABEL:-$DEFAULT_PYBABEL}"
PYTHON="${PYTHON:-$DEFAULT_PYTHON}"
POT=src/kzcn/locale/kzcn.pot
extract() {
  "$PYBABEL" -q extract -F babel.cfg --no-location --sort-output --add-comments=TRANSLATORS: \
    --project=kzcn --copyright-holder="kzcn contributors" --no-wrap -o "$POT" .
}
compile() {  # kzcn.i18n.write_compiled: Babel's write_mo, as the app would compile a missing .mo
  PYTHONPATH=src "$PYTHON" -c 'from kzcn.i18n import write_compiled; print(*write_compiled(), sep="\n")'
}
case "${1:-}" in
  extract) extract ;;
  compile) compile ;;
  update)
    extract
    for lang in ru zh; do
      if [ -f "src/kzcn/locale/$lang/LC_MESSAGES/kzcn.po" ]; then
        "$PYBABEL" -q update -i "$POT" -d src/kzcn/locale -D kzcn -l "$lang" --no-wrap --ignore-obsolete
      else
        "$PYBABEL" -q init -i "$POT" -d src/kzcn/locale -D kzcn -l "$lang" --no-wrap
      fi
    done
    compile ;;
  *) echo "usage: scripts/i18n.sh extract|update|compile" >&2; exit 2 ;;
esac
