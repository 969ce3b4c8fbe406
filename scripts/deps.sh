#!/usr/bin/env bash
# Installs the Debian packages Common Ground needs, and only those missing;
# for bench also the npm packages of tests/package.json (its reference redactor).
# Usage: scripts/deps.sh [run|test|bench|fuzz]...   (default: run)
# Idempotent and quick when everything is present; uses sudo when not root.
set -euo pipefail

run_pkgs=(make gcc pkg-config tzdata ca-certificates gettext
  libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev libjansson-dev
  libcurl4-openssl-dev libical-dev libutf8proc-dev libqrencode-dev libstemmer-dev libcmark-dev
  wamerican wspanish aspell aspell-es)
test_pkgs=(clang libclang-rt-14-dev libcmocka-dev postgresql-15 postgresql-common libxml2-utils
  chromium nodejs npm curl sqlite3 cppcheck)
bench_pkgs=(wrk nginx-light procps curl python3 python3-sklearn time libopenblas0-pthread nodejs npm)

want=("${run_pkgs[@]}")
npm_tests=0
for kind in "$@"; do
  case "$kind" in
    run) ;;
    test|fuzz) want+=("${test_pkgs[@]}") ;;
    bench) want+=("${bench_pkgs[@]}"); npm_tests=1 ;;
    *) echo "deps.sh: unknown kind '$kind' (run, test, bench, fuzz)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  # node may come from elsewhere than Debian's package; accept any working install.
  if [[ $p == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ $p == npm ]] && command -v npm >/dev/null; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -gt 0 ]]; then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "deps.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The bench's npm packages (the redaction bench's reference, compromise)
# are the test packages of tests/package.json: installed from its lock
# file when one is missing or the lock file changed since the last install.
# `make test` installs them anyway (tests/run.sh runs npm ci).
if ((npm_tests)); then
  root=$(cd "$(dirname "$0")/.." && pwd)
  installed=$root/tests/node_modules/.package-lock.json
  if [[ ! -d $root/tests/node_modules/compromise || $root/tests/package-lock.json -nt $installed ]]; then
    echo "deps.sh: installing the npm packages of tests/package.json" >&2
    (cd "$root/tests" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi
