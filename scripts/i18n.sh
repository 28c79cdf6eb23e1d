#!/usr/bin/env bash
# kzcn's message catalogues (docs/i18n.md):
#   scripts/i18n.sh extract   write src/kzcn/locale/kzcn.pot from the code (_(), N_(), ngettext(), pgettext())
#   scripts/i18n.sh update    extract, then bring ru and zh up to date with it (new messages empty, changed ones
#                             marked fuzzy: neither is shown until a translator fills or checks it)
# The app compiles the .po files in memory when it starts (kzcn.i18n), so nothing here is needed to run it;
# tests/test_i18n.py fails on any message missing, stale or fuzzy in either language.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-pybabel}"
POT=src/kzcn/locale/kzcn.pot
extract() {
  "$PYBABEL" -q extract -F babel.cfg --no-location --sort-output --add-comments=TRANSLATORS: \
    --project=kzcn --copyright-holder="kzcn contributors" --no-wrap -o "$POT" .
}
case "${1:-}" in
  extract) extract ;;
  update)
    extract
    for lang in ru zh; do
      if [ -f "src/kzcn/locale/$lang/LC_MESSAGES/kzcn.po" ]; then
        "$PYBABEL" -q update -i "$POT" -d src/kzcn/locale -D kzcn -l "$lang" --no-wrap --ignore-obsolete
      else
        "$PYBABEL" -q init -i "$POT" -d src/kzcn/locale -D kzcn -l "$lang" --no-wrap
      fi
    done ;;
  *) echo "usage: scripts/i18n.sh extract|update" >&2; exit 2 ;;
esac
