#!/usr/bin/env bash
# Installs the Debian packages Common Ground needs, and only those missing.
# Usage: scripts/deps.sh [run|test|bench|fuzz]...   (default: run)
# Idempotent and quick when everything is present; uses sudo when not root.
set -euo pipefail

run_pkgs=(make gcc pkg-config tzdata ca-certificates gettext
  libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev libjansson-dev
  libcurl4-openssl-dev libical-dev libutf8proc-dev libqrencode-dev libstemmer-dev libcmark-dev
  wamerican wspanish aspell aspell-es)
test_pkgs=(clang libclang-rt-14-dev libcmocka-dev postgresql-15 postgresql-common libxml2-utils
  chromium nodejs npm curl sqlite3 cppcheck)
bench_pkgs=(wrk nginx-light procps curl python3 python3-sklearn time libopenblas0-pthread)

want=("${run_pkgs[@]}")
for kind in "$@"; do
  case "$kind" in
    run) ;;
    test|fuzz) want+=("${test_pkgs[@]}") ;;
    bench) want+=("${bench_pkgs[@]}") ;;
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
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
