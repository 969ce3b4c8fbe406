#!/usr/bin/env bash
# make fuzz: runs every fuzz target for SECONDS (default 300) each, keeping
# the corpus it grows under build/fuzz/corpus/ between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
status=0
for f in build/fuzz/fuzz_*; do
  name=$(basename "$f")
  corpus="build/fuzz/corpus/$name"
  seeds="fuzz/corpus/${name#fuzz_}"
  mkdir -p "$corpus"
  echo "== $name for ${seconds}s"
  if ! "$f" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="build/fuzz/$name-" "$corpus" $( [[ -d $seeds ]] && echo "$seeds" ); then
    echo "$name found a crash; the input is under build/fuzz/$name-*"
    status=1
  fi
done
exit $status
