#!/usr/bin/env bash
# make test: builds with AddressSanitizer and UndefinedBehaviorSanitizer and
# runs every suite — unit (cmocka), store on SQLite and PostgreSQL, HTTP
# black-box, browser (Chromium + axe-core) and the fuzz targets briefly —
# then prints "N passed, N failed".
#
# PostgreSQL: the suites run inside a temporary cluster started from
# Debian's packages by pg_virtualenv, stopped when they end.
set -uo pipefail
cd "$(dirname "$0")/.."

if [[ -z ${CG_IN_PG:-} ]]; then
  jobs=$(nproc 2>/dev/null || echo 2)
  echo "== building (sanitizers)"
  make -s -j"$jobs" build/commonground build/asan/commonground unit fuzz-build || { echo "0 passed, 1 failed"; exit 1; }
  echo "== installing browser test packages"
  if ! (cd tests && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
    echo "npm ci failed in tests/"; echo "0 passed, 1 failed"; exit 1
  fi
  export CG_IN_PG=1
  # pg_virtualenv creates a throw-away cluster and sets PGHOST, PGPORT,
  # PGUSER, PGPASSWORD and PGDATABASE for the command it runs.
  exec pg_virtualenv -v 15 bash "$0" "$@"
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CG_PG_URL="postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST:-localhost}:${PGPORT:-5432}/${PGDATABASE}"
export CG_BIN="$PWD/build/asan/commonground"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
failures=()

# Counts TAP lines at the top level ("ok N", "not ok N") of one suite's
# output; a suite that exits non-zero without a failing line counts as one
# failure, so a crash is never taken for success.
tally() {
  local name=$1 out=$2 status=$3
  local ok notok
  ok=$(grep -cE '^ok [0-9]+' "$out" || true)
  notok=$(grep -cE '^not ok [0-9]+' "$out" || true)
  if [[ $status -ne 0 && $notok -eq 0 ]]; then notok=1; fi
  if [[ $ok -eq 0 && $notok -eq 0 ]]; then notok=1; fi
  passed=$((passed + ok))
  failed=$((failed + notok))
  printf '   %-40s %3d passed, %d failed\n' "$name" "$ok" "$notok"
  if [[ $notok -ne 0 ]]; then
    failures+=("$name")
    grep -E '^not ok' "$out" | head -20 | sed 's/^/     /'
    tail -n 40 "$out" | sed 's/^/     | /'
  fi
}

run_suite() {
  local name=$1; shift
  local out="$tmp/$(echo "$name" | tr '/ :' '___').out"
  "$@" >"$out" 2>&1
  tally "$name" "$out" $?
}

echo "== lint (banned functions, cppcheck)"
lint_out="$tmp/lint.out"
if bash scripts/lint.sh >"$lint_out" 2>&1; then echo "ok 1 - lint" >>"$lint_out"; tally lint "$lint_out" 0
else echo "not ok 1 - lint" >>"$lint_out"; tally lint "$lint_out" 1; fi

echo "== i18n (every public string has its Spanish: scripts/i18n_check.sh)"
i18n_out="$tmp/i18n.out"
if bash scripts/i18n_check.sh >"$i18n_out" 2>&1; then echo "ok 1 - i18n" >>"$i18n_out"; tally i18n "$i18n_out" 0
else echo "not ok 1 - i18n" >>"$i18n_out"; tally i18n "$i18n_out" 1; fi

echo "== unit tests (cmocka, ASan+UBSan)"
for t in build/asan/test_*; do
  [[ -x $t ]] || continue
  name=$(basename "$t")
  if [[ $name == test_store ]]; then
    run_suite "$name (sqlite)" env CMOCKA_MESSAGE_OUTPUT=TAP COMMONGROUND_TEST_DB="sqlite:$tmp/store.db" "$t"
    run_suite "$name (postgresql)" env CMOCKA_MESSAGE_OUTPUT=TAP COMMONGROUND_TEST_DB="$CG_PG_URL" "$t"
  else
    run_suite "$name" env CMOCKA_MESSAGE_OUTPUT=TAP "$t"
  fi
done

echo "== HTTP black-box tests"
for f in tests/http/*.test.mjs; do
  run_suite "http/$(basename "$f" .test.mjs) (sqlite)" node --test-reporter=tap "$f"
done
# The same server behaviour on PostgreSQL.
for f in tests/http/*.test.mjs; do
  run_suite "http/$(basename "$f" .test.mjs) (postgresql)" env CG_TEST_DB=postgres node --test-reporter=tap "$f"
done

echo "== command line"
for f in tests/cli/*.test.mjs; do
  run_suite "cli/$(basename "$f" .test.mjs)" node --test-reporter=tap "$f"
done

echo "== browser tests (Chromium, axe-core)"
for f in tests/browser/*.test.mjs; do
  run_suite "browser/$(basename "$f" .test.mjs)" node --test-reporter=tap "$f"
done

echo "== fuzz targets (${FUZZ_SECONDS:-15}s each)"
for f in build/fuzz/fuzz_*; do
  [[ -x $f ]] || continue
  name=$(basename "$f")
  corpus="$tmp/corpus-$name"
  mkdir -p "$corpus"
  seeds="fuzz/corpus/${name#fuzz_}"
  out="$tmp/$name.out"
  if "$f" -max_total_time="${FUZZ_SECONDS:-15}" -timeout=10 -rss_limit_mb=2048 "$corpus" $( [[ -d $seeds ]] && echo "$seeds" ) >"$out" 2>&1; then
    echo "ok 1 - $name" >>"$out"; tally "$name" "$out" 0
  else
    echo "not ok 1 - $name" >>"$out"; tally "$name" "$out" 1
  fi
done

echo
if [[ ${#failures[@]} -gt 0 ]]; then
  echo "failing suites: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
