#!/usr/bin/env bash
# make test: builds with AddressSanitizer and UndefinedBehaviorSanitizer and
# runs every suite — unit (cmocka), store on SQLite and PostgreSQL, HTTP
# black-box, browser (Chromium + axe-core) and the fuzz targets briefly —
# then prints "N passed, N failed".
#
# PostgreSQL: the suites run inside a temporary cluster started from
# Debian's packages by pg_virtualenv (-t: its own port and directory, so
# that two runs on one machine do not meet), stopped when they end.
#
# CG_SUITES=REGEX runs only the suites whose name matches (grep -E), e.g.
# CG_SUITES='^(lint|test_csv|http/errors \(sqlite\)|fuzz_csv)$'.
#
# The tally never flatters (docs/internals/testing.md, "Honest tally"): a
# skipped or TODO test is a failure, a TAP plan that does not match the
# tests that ran is one more, a server that does not stop cleanly fails its
# suite, and a fuzz target must reach FUZZ_MIN_EXECS executions (1000).
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
  exec pg_virtualenv -t -v 15 bash "$0" "$@"
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
# output.  Counted as failures besides the "not ok" lines:
#   - a suite that exits non-zero without a failing line (a crash, or a
#     server that did not stop cleanly: tests/lib/server.mjs), or that
#     printed no test at all;
#   - each skipped or TODO test: "# SKIP" / "# TODO" on a result line,
#     node's "# skipped N" / "# todo N" summary, cmocka's "[  SKIPPED ]";
#   - a plan ("1..N") missing, or not equal to the results that ran.
tally() {
  local name=$1 out=$2 status=$3
  local ok notok skipped plan why=()
  ok=$(grep -cE '^ok [0-9]+' "$out" || true)
  notok=$(grep -cE '^not ok [0-9]+' "$out" || true)
  skipped=$(grep -ciE '^(not )?ok [0-9]+.*# (SKIP|TODO)' "$out" || true)
  local s
  s=$(grep -oiE '^# (skipped|todo) [0-9]+' "$out" | awk '{ n += $3 } END { print n + 0 }')
  ((s > skipped)) && skipped=$s
  s=$(grep -cE '^\[  SKIPPED \]' "$out" || true)
  ((s > skipped)) && skipped=$s
  if ((skipped > 0)); then
    why+=("$skipped skipped or TODO")
    # A skipped test printed "ok": it passed nothing.
    ok=$((ok > skipped ? ok - skipped : 0)); notok=$((notok + skipped))
  fi
  plan=$(grep -oE '^1\.\.[0-9]+' "$out" | tail -n 1 | cut -d. -f3)
  if [[ -z $plan ]]; then
    why+=("no TAP plan"); notok=$((notok + 1))
  elif ((plan != $(grep -cE '^(not )?ok [0-9]+' "$out"))); then
    why+=("plan 1..$plan, $(grep -cE '^(not )?ok [0-9]+' "$out") ran"); notok=$((notok + 1))
  fi
  if [[ $status -ne 0 && $notok -eq 0 ]]; then why+=("exit $status"); notok=1; fi
  if [[ $ok -eq 0 && $notok -eq 0 ]]; then why+=("no test ran"); notok=1; fi
  passed=$((passed + ok))
  failed=$((failed + notok))
  printf '   %-40s %3d passed, %d failed%s\n' "$name" "$ok" "$notok" "${why:+ (${why[*]})}"
  if [[ $notok -ne 0 ]]; then
    failures+=("$name")
    grep -E '^not ok' "$out" | head -20 | sed 's/^/     /'
    tail -n 40 "$out" | sed 's/^/     | /'
  fi
}

# True when the suite called $1 is to run (CG_SUITES, default all).
wanted() {
  [[ -z ${CG_SUITES:-} ]] || grep -qE -- "$CG_SUITES" <<<"$1"
}

run_suite() {
  local name=$1; shift
  wanted "$name" || return 0
  local out="$tmp/$(echo "$name" | tr '/ :' '___').out"
  "$@" >"$out" 2>&1
  tally "$name" "$out" $?
}

# A check that is not TAP: one result and its plan.
run_check() {
  local name=$1; shift
  wanted "$name" || return 0
  local out="$tmp/$name.out"
  if "$@" >"$out" 2>&1; then printf '1..1\nok 1 - %s\n' "$name" >>"$out"; tally "$name" "$out" 0
  else printf '1..1\nnot ok 1 - %s\n' "$name" >>"$out"; tally "$name" "$out" 1; fi
}

echo "== lint (banned functions, cppcheck)"
run_check lint bash scripts/lint.sh

echo "== i18n (every public string in every language: scripts/i18n_check.sh)"
run_check i18n bash scripts/i18n_check.sh

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
# The suites that work on a database run on PostgreSQL too (CG_TEST_DB).
cli_both_databases=(redact_all)
for f in tests/cli/*.test.mjs; do
  name=$(basename "$f" .test.mjs)
  if [[ " ${cli_both_databases[*]} " == *" $name "* ]]; then
    run_suite "cli/$name (sqlite)" node --test-reporter=tap "$f"
    run_suite "cli/$name (postgresql)" env CG_TEST_DB=postgres node --test-reporter=tap "$f"
  else
    run_suite "cli/$name" node --test-reporter=tap "$f"
  fi
done

echo "== browser tests (Chromium, axe-core)"
for f in tests/browser/*.test.mjs; do
  run_suite "browser/$(basename "$f" .test.mjs)" node --test-reporter=tap "$f"
done

echo "== fuzz targets (${FUZZ_SECONDS:-15}s each, and at least ${FUZZ_MIN_EXECS:-1000} executions)"
# Runs one target for FUZZ_SECONDS; a slow one (the theme engine) goes on
# until it has run FUZZ_MIN_EXECS inputs, for at most FUZZ_MAX_SECONDS more.
# Fails when it finds a crash or still runs fewer inputs than FUZZ_MIN_EXECS
# (a target that hangs or exits early tests nothing).
fuzz_execs() {
  # Every run's count, added up (the second run appends to the same output).
  grep -oE 'stat::number_of_executed_units: *[0-9]+' "$tmp/$1.out" | grep -oE '[0-9]+$' | awk '{s += $1} END {if (NR) print s}'
}
fuzz_one() {
  local f=$1 name corpus seeds execs min=${FUZZ_MIN_EXECS:-1000}
  name=$(basename "$f")
  corpus="$tmp/corpus-$name"
  mkdir -p "$corpus"
  seeds="fuzz/corpus/${name#fuzz_}"
  "$f" -max_total_time="${FUZZ_SECONDS:-15}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "$corpus" $( [[ -d $seeds ]] && echo "$seeds" ) || return 1
  execs=$(fuzz_execs "$name")
  if [[ -n $execs && $execs -lt $min ]]; then
    echo "$name: $execs executions in ${FUZZ_SECONDS:-15}s; going on to $min"
    "$f" -runs=$((min - execs)) -max_total_time="${FUZZ_MAX_SECONDS:-120}" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 "$corpus" || return 1
    execs=$(fuzz_execs "$name")
  fi
  if [[ -z $execs || $execs -lt $min ]]; then
    echo "$name: ${execs:-no} executions, fewer than $min"
    return 1
  fi
}
for f in build/fuzz/fuzz_*; do
  [[ -x $f ]] || continue
  run_check "$(basename "$f")" fuzz_one "$f"
done

echo
if [[ ${#failures[@]} -gt 0 ]]; then
  echo "failing suites: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
