#!/usr/bin/env bash
# make mutants: mutation testing of the code that protects people.
#
# Each mutant of tests/mutants.txt (a small change: a negated condition, a
# dropped WHERE term, an off-by-one threshold, a removed check) is applied
# to a copy of the tree, the copy is rebuilt (sanitizer build, only what the
# mutant's suites need) and those suites are run.  A mutant is caught when a
# suite fails.  See docs/internals/testing.md, "Mutants".
#
# Usage: scripts/mutants.sh [FIRST [COUNT]]
#   FIRST   1-based index of the first mutant to run (default 1)
#   COUNT   how many, at most 15 (default 15): a run is CPU-heavy
#   MUTANTS_ONLY=REGEX   only the mutants whose name matches
#   MUTANTS_LIST=FILE    another list (default tests/mutants.txt)
#   MUTANTS_LOG=FILE     results appended as "caught NAME" / "survived NAME"
#                        (default build/mutants.log)
# Exits 0 when every mutant run was caught, 1 when one survived, 2 when the
# list is stale (a "from" text not found exactly once) or a mutant does not
# build.  Only one run at a time: a second waits for the first's lock.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
list=${MUTANTS_LIST:-tests/mutants.txt}
first=${1:-1}
count=${2:-15}
if ((count > 15)); then echo "mutants: at most 15 mutants per run" >&2; exit 2; fi
log=${MUTANTS_LOG:-$root/build/mutants.log}
mkdir -p build "$(dirname "$log")"

exec 9>"$root/build/mutants.lock"
if ! flock -n 9; then
  echo "mutants: another run holds build/mutants.lock; waiting" >&2
  flock 9
fi

# ---- the list ----
[[ -r $list ]] || { echo "mutants: cannot read $list" >&2; exit 2; }
names=() files=() froms=() tos=() suites=()
flush() {
  [[ -n ${name:-} ]] || return 0
  if [[ -z ${file:-} || -z ${from:-} || -z ${to+x} || -z ${suite:-} ]]; then
    echo "mutants: $list: mutant '$name' needs file, from, to and suites" >&2; exit 2
  fi
  names+=("$name") files+=("$file") froms+=("$from") tos+=("$to") suites+=("$suite")
  name= file= from= to= suite=
  unset to
}
name= file= from= suite=
unset to
while IFS= read -r line || [[ -n $line ]]; do
  [[ $line =~ ^# ]] && continue
  if [[ -z ${line//[[:space:]]/} ]]; then flush; continue; fi
  key=${line%%:*} val=${line#*:}
  val=${val#"${val%%[![:space:]]*}"}
  case $key in
    name) name=$val ;; file) file=$val ;; from) from=$val ;; to) to=$val ;; suites) suite=$val ;;
    *) echo "mutants: $list: unknown key '$key' in: $line" >&2; exit 2 ;;
  esac
done <"$list"
flush
if ((${#names[@]} == 0)); then echo "mutants: no mutant in $list" >&2; exit 2; fi

# Every mutant, not only those run: a stale one fails loudly.
stale=0
for i in "${!names[@]}"; do
  n=$(python3 -c 'import sys; print(open(sys.argv[1], encoding="utf-8").read().count(sys.argv[2]))' \
        "${files[$i]}" "${froms[$i]}" 2>/dev/null || echo "no file")
  if [[ $n != 1 ]]; then
    echo "mutants: ${names[$i]}: '${froms[$i]}' occurs $n times in ${files[$i]} (must be once)" >&2
    stale=1
  fi
done
((stale)) && exit 2

# ---- the copy ----
work=$(mktemp -d "${TMPDIR:-/tmp}/cg-mutants.XXXXXX")
trap 'rm -rf "$work"' EXIT
make -s -j2 build/asan/commonground unit >/dev/null || { echo "mutants: the tree does not build" >&2; exit 2; }
tar -C "$root" --exclude=./.git --exclude=./tests/node_modules --exclude=./build/fuzz -cf - . | tar -C "$work" -xf -
[[ -d $root/tests/node_modules ]] && ln -s "$root/tests/node_modules" "$work/tests/node_modules"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Runs one suite in the copy; its output goes to $2.  Returns its status.
run_one() {
  local s=$1 out=$2 kind=${1%%:*} what=${1#*:}
  case $kind in
    unit) (cd "$work" && CMOCKA_MESSAGE_OUTPUT=TAP timeout 600 "build/asan/$what") ;;
    store) (cd "$work" && CMOCKA_MESSAGE_OUTPUT=TAP COMMONGROUND_TEST_DB="sqlite:$work/store-$$.db" \
              timeout 600 "build/asan/$what"; st=$?; rm -f "$work/store-$$.db"*; exit $st) ;;
    http) (cd "$work/tests" && CG_BIN="$work/build/asan/commonground" timeout 900 \
              node --test-reporter=tap "http/$what.test.mjs") ;;
    *) echo "mutants: unknown suite kind in '$s'"; return 2 ;;
  esac >"$out" 2>&1
}

# The make targets a mutant's suites need.
targets_of() {
  local s
  for s in $1; do
    case ${s%%:*} in
      unit|store) echo "build/asan/${s#*:}" ;;
      http) echo build/asan/commonground ;;
    esac
  done | sort -u
}

caught=0 total=0 survivors=() broken=0
last=$((first + count - 1))
for i in "${!names[@]}"; do
  idx=$((i + 1))
  ((idx < first || idx > last)) && continue
  [[ -n ${MUTANTS_ONLY:-} ]] && ! grep -qE -- "$MUTANTS_ONLY" <<<"${names[$i]}" && continue
  f="$work/${files[$i]}"
  cp -p "$f" "$work/.orig"
  python3 -c 'import sys
p, a, b = sys.argv[1:4]
s = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(s.replace(a, b, 1))' "$f" "${froms[$i]}" "${tos[$i]}"
  start=$(date +%s)
  verdict=survived
  # shellcheck disable=SC2046
  if ! (cd "$work" && make -s -j2 $(targets_of "${suites[$i]}") >"$work/.build.out" 2>&1); then
    verdict=broken
    sed 's/^/     | /' "$work/.build.out" | tail -n 15
  else
    for s in ${suites[$i]}; do
      if ! run_one "$s" "$work/.suite.out"; then
        why=$(grep -m1 -E '^not ok|ERROR|FAILED' "$work/.suite.out" | cut -c1-100)
        verdict="caught by $s (${why:-exit status})"
        break
      fi
    done
  fi
  # The original back, newer than the mutant's objects, so that the next
  # build recompiles it.
  cp "$work/.orig" "$f"
  touch "$f"
  secs=$(($(date +%s) - start))
  case $verdict in
    broken) broken=1; echo "broken   $idx ${names[$i]} (does not build) ${secs}s" ;;
    survived) total=$((total + 1)); survivors+=("${names[$i]}")
              echo "SURVIVED $idx ${names[$i]} (${suites[$i]}) ${secs}s"; echo "survived ${names[$i]}" >>"$log" ;;
    *) total=$((total + 1)); caught=$((caught + 1))
       echo "caught   $idx ${names[$i]}: $verdict ${secs}s"; echo "caught ${names[$i]}" >>"$log" ;;
  esac
done

echo "mutants $first..$((last < ${#names[@]} ? last : ${#names[@]})) of ${#names[@]}: $caught/$total caught"
((${#survivors[@]})) && echo "survivors: ${survivors[*]}"
((broken)) && exit 2
((${#survivors[@]} == 0))
