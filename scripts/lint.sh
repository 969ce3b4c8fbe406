#!/usr/bin/env bash
# make lint: the checks that can be automated.
#  - no banned functions (STYLE.md: use struct buf and range-checked parsers)
#  - cppcheck on src/
#  - every public string has its translations (scripts/i18n_check.sh; the
#    templates' strings are also a unit test)
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
banned='\b(sprintf|vsprintf|strcpy|strcat|atoi|atol|atoll|gets|strtok)\('
if grep -rnE "$banned" src tests/unit fuzz --include='*.c' --include='*.h'; then
  echo "lint: banned functions above (STYLE.md)"; status=1
fi
# cppcheck comes with the test packages (scripts/deps.sh test); a lint
# without it would pass what it never checked.
if ! command -v cppcheck >/dev/null; then
  echo "lint: cppcheck is not installed (bash scripts/deps.sh test)"; status=1
elif ! cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
    --suppress=missingIncludeSystem -I src src; then
  status=1
fi
if ! bash scripts/i18n_check.sh; then
  echo "lint: public strings without a translation above (scripts/i18n_check.sh)"; status=1
fi
exit $status
