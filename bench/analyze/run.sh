#!/usr/bin/env bash
# bench/analyze/run.sh: `commonground analyze` against scikit-learn, on the
# same synthetic corpus, on the same machine, in one run.
#
# Generates a corpus of open-ended comments with 8 planted topics
# (bench/analyze/corpus.py), then runs, interleaved, each of these
# $BENCH_ANALYZE_RUNS times under /usr/bin/time -v:
#   ours     build/commonground analyze --in corpus.csv --text-column comment
#                --group-column group --k 8 --format json
#   sklearn  /usr/bin/python3 bench/analyze/sk.py --in corpus.csv --k 8
#                (TF-IDF + NMF, the reference; Python's start and imports count)
# keeps each tool's best wall time and its largest peak RSS, scores both
# against the planted topics (NMI, bench/analyze/score.py), and prints them
# with the ratios ours/sklearn against the goals: time <= 0.25, memory <= 0.5,
# NMI >= sklearn's - 0.02.
# This is a measurement, not a test: it exits 0 whether or not the goals are
# met, and non-zero only when something fails to run.
#
# Environment (all optional):
#   CG_ANALYZE_BIN      the program to run as `BIN analyze ...`  (default build/commonground)
#   BENCH_ANALYZE_ROWS  comments in the corpus                  (default 100000)
#   BENCH_ANALYZE_RUNS  measured runs of each tool               (default 3)
#   BENCH_ANALYZE_SEED  the corpus's seed                        (default 7)
#   BENCH_KEEP=1        keep the temporary directory and print where it is
# Thread settings are left as they are (sklearn's libraries then use their
# defaults on all cores); whatever OMP_NUM_THREADS & co. hold is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=${CG_ANALYZE_BIN:-build/commonground}
rows=${BENCH_ANALYZE_ROWS:-100000}
runs=${BENCH_ANALYZE_RUNS:-3}
seed=${BENCH_ANALYZE_SEED:-7}
k=8
py=/usr/bin/python3
timer=/usr/bin/time
here=bench/analyze

die() { echo "bench-analyze: $*" >&2; exit 1; }

[[ $rows =~ ^[1-9][0-9]*$ ]] || die "BENCH_ANALYZE_ROWS must be a positive integer, not '$rows'"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_ANALYZE_RUNS must be a positive integer, not '$runs'"
[[ $seed =~ ^[0-9]+$ ]] || die "BENCH_ANALYZE_SEED must be a non-negative integer, not '$seed'"
[[ -x $timer ]] || die "$timer is missing (GNU time: apt-get install time; 'make bench' installs it)"
[[ -x $py ]] || die "$py is missing (apt-get install python3)"
"$py" -c 'import sklearn' 2>/dev/null ||
	die "scikit-learn is missing for $py (apt-get install python3-sklearn; 'make bench' installs it)"
[[ -e $bin ]] || die "$bin is missing: build it first ('make build'), or point CG_ANALYZE_BIN at the program"
[[ -x $bin ]] || die "$bin is not executable"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cg-bench-analyze.XXXXXX")
cleanup() {
	local rc=$?
	if [[ ${BENCH_KEEP:-0} == 1 ]]; then
		echo "bench-analyze: kept $tmp" >&2
	else
		rm -rf "$tmp"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A private copy, so that a rebuild of the shared tree during the bench
# neither fails with "Text file busy" nor swaps the program between runs.
cp "$bin" "$tmp/commonground" || die "cannot copy $bin"
chmod +x "$tmp/commonground"
if ! "$tmp/commonground" analyze --help >"$tmp/analyze-help.txt" 2>&1; then
	echo "bench-analyze: '$bin analyze --help' failed; it said:" >&2
	sed 's/^/  | /' "$tmp/analyze-help.txt" | head -n 20 >&2
	die "$bin has no working 'analyze' command (yet?): build a version that has it, or set CG_ANALYZE_BIN"
fi
cg_version=$("$tmp/commonground" version 2>/dev/null | head -n 1) || cg_version="version unknown"
[[ -n $cg_version ]] || cg_version="version unknown"

# ---------------------------------------------------------------- corpus
corpus=$tmp/corpus.csv
t0=$(date +%s.%N)
"$py" "$here/corpus.py" --rows "$rows" --seed "$seed" --out "$corpus" || die "corpus.py failed"
t1=$(date +%s.%N)
corpus_bytes=$(wc -c <"$corpus")
echo "bench-analyze: corpus of $rows comments (seed $seed), $corpus_bytes bytes, made in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s" >&2

# ---------------------------------------------------------------- runs
# measure NAME I STDOUT COMMAND...: one run under time -v; its report in
# $tmp/time-NAME-I.txt, its standard error in $tmp/NAME-I.err.
measure() {
	local name=$1 i=$2 out=$3 rc=0
	shift 3
	"$timer" -v -o "$tmp/time-$name-$i.txt" "$@" >"$out" 2>"$tmp/$name-$i.err" || rc=$?
	if ((rc != 0)); then
		echo "bench-analyze: $name (run $i) failed with exit status $rc: $*" >&2
		{ grep -E 'Command (terminated|exited)' "$tmp/time-$name-$i.txt" 2>/dev/null || true; tail -n 20 "$tmp/$name-$i.err"; } | sed 's/^/  | /' >&2
		exit 1
	fi
}
# Seconds from time -v's "Elapsed (wall clock) time (h:mm:ss or m:ss): M:SS.ss".
wall_s() {
	awk '/Elapsed \(wall clock\) time/ {
		n = split($NF, p, ":"); s = 0
		for (j = 1; j <= n; j++) s = s * 60 + p[j]
		printf "%.2f\n", s; found = 1
	} END { if (!found) exit 1 }' "$1"
}
rss_kib() { awk -F': *' '/Maximum resident set size/ {print $2 + 0; found = 1} END { if (!found) exit 1 }' "$1"; }
cpu_s() { awk -F': *' '/User time \(seconds\)/ {u = $2} /System time \(seconds\)/ {s = $2} END {printf "%.2f\n", u + s}' "$1"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench-analyze: $runs runs of each tool, interleaved: ours, sklearn, ours, sklearn ..." >&2
for i in $(seq "$runs"); do
	measure ours "$i" "$tmp/ours-$i.json" "$tmp/commonground" analyze --in "$corpus" \
		--text-column comment --group-column group --k "$k" --format json
	measure sklearn "$i" "$tmp/sklearn-$i.txt" "$py" "$here/sk.py" --in "$corpus" --k "$k" --out "$tmp/sk-$i.json"
	echo "bench-analyze: run $i: ours $(wall_s "$tmp/time-ours-$i.txt") s, sklearn $(wall_s "$tmp/time-sklearn-$i.txt") s" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# best NAME: "wall_s rss_kib cpu_s run" of the fastest run, the RSS being
# the largest of all runs.
best() {
	local name=$1 i w r c bw="" bi=0 br=0 bc=0
	for i in $(seq "$runs"); do
		w=$(wall_s "$tmp/time-$name-$i.txt") || die "no wall time in time -v's report for $name run $i"
		r=$(rss_kib "$tmp/time-$name-$i.txt") || die "no maximum RSS in time -v's report for $name run $i"
		c=$(cpu_s "$tmp/time-$name-$i.txt")
		if [[ -z $bw ]] || awk -v a="$w" -v b="$bw" 'BEGIN {exit !(a < b)}'; then bw=$w bi=$i bc=$c; fi
		((r > br)) && br=$r
	done
	echo "$bw $br $bc $bi"
}
all_walls() {
	local i out=""
	for i in $(seq "$runs"); do out+="${out:+ }$(wall_s "$tmp/time-$1-$i.txt")"; done
	echo "$out"
}
ours_best=$(best ours) || exit 1
sk_best=$(best sklearn) || exit 1
read -r ours_wall ours_rss ours_cpu _ <<<"$ours_best"
read -r sk_wall sk_rss sk_cpu _ <<<"$sk_best"

# Both tools promise the same output for the same input: say so when not.
ours_same=yes
for i in $(seq 2 "$runs"); do
	cmp -s "$tmp/ours-1.json" "$tmp/ours-$i.json" || ours_same=no
done
sk_same=$("$py" - "$tmp" "$runs" <<'PY'
import json, sys
tmp, runs = sys.argv[1], int(sys.argv[2])
a = [json.load(open(f"{tmp}/sk-{i}.json"))["assignments"] for i in range(1, runs + 1)]
print("yes" if all(x == a[0] for x in a) else "no")
PY
)
sk_compute=$("$py" - "$tmp" "$runs" <<'PY'
import json, sys
tmp, runs = sys.argv[1], int(sys.argv[2])
d = [json.load(open(f"{tmp}/sk-{i}.json")) for i in range(1, runs + 1)]
best = min(d, key=lambda x: x["seconds"])
st = best.get("stages", {})
print(f'{best["seconds"]:.2f} s (read {st.get("read", 0):.2f}, vectorize {st.get("vectorize", 0):.2f}, '
      f'NMF {st.get("nmf", 0):.2f} in {best.get("n_iter", "?")} iterations; {best.get("terms", "?")} terms)')
pools = best.get("thread_pools")
print("; ".join(f'{p.get("internal_api")} ({p.get("prefix")}) {p.get("num_threads")} threads' for p in pools) if pools else "threadpoolctl not available")
libs = [l.rsplit("/", 1)[-1] for l in best.get("libraries", []) if "blas" in l or "lapack" in l]
print(", ".join(libs) if libs else "none found")
PY
)
sk_compute_line=$(sed -n 1p <<<"$sk_compute")
sk_pools=$(sed -n 2p <<<"$sk_compute")
sk_blas=$(sed -n 3p <<<"$sk_compute")

# ---------------------------------------------------------------- scores
"$py" "$here/score.py" --corpus "$corpus" --sk "$tmp/sk-1.json" --ours "$tmp/ours-1.json" --detail >"$tmp/score.txt" ||
	die "score.py failed (see above)"
read -r _ sk_nmi sk_clusters sk_none _ < <(awk '$1 == "sklearn"' "$tmp/score.txt")
read -r _ ours_nmi ours_clusters ours_none _ < <(awk '$1 == "ours"' "$tmp/score.txt")
[[ -n ${sk_nmi:-} && -n ${ours_nmi:-} ]] || die "score.py printed no NMI: $(cat "$tmp/score.txt")"

# ---------------------------------------------------------------- report
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k * 1024 / 1e6}'; } # KiB to MB (10^6 bytes)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", (b > 0) ? a / b : 0}'; }
verdict() { awk -v v="$1" -v g="$2" -v op="$3" 'BEGIN {ok = (op == "le") ? (v <= g) : (v >= g); print ok ? "PASS" : "MISS"}'; }
time_ratio=$(ratio "$ours_wall" "$sk_wall")
mem_ratio=$(ratio "$ours_rss" "$sk_rss")
nmi_goal=$(awk -v s="$sk_nmi" 'BEGIN {printf "%.4f", s - 0.02}')
nmi_delta=$(awk -v a="$ours_nmi" -v s="$sk_nmi" 'BEGIN {printf "%+.4f", a - s}')

envvar() { if [[ -n ${!1+x} ]]; then echo "$1=${!1}"; else echo "$1 unset"; fi; }
cpu_model=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
os_name=$(awk -F= '$1 == "PRETTY_NAME" {gsub(/"/, "", $2); print $2}' /etc/os-release 2>/dev/null || true)
versions=$("$py" -c 'import sys, sklearn, numpy, scipy; print("python", sys.version.split()[0] + ", scikit-learn", sklearn.__version__ + ", numpy", numpy.__version__ + ", scipy", scipy.__version__)')

row() { printf '  %-8s %9s %11s %9s %9s %8s %9s %10s\n' "$@"; }
echo
echo "Common Ground analyze bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $cg_version"
echo "  machine: $(nproc) cores, ${cpu_model:-unknown CPU}, $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "           ${os_name:-unknown OS} (debian_version $(cat /etc/debian_version 2>/dev/null || echo '?')), kernel $(uname -r)"
echo "           $versions"
echo "  threads: $(envvar OMP_NUM_THREADS), $(envvar OPENBLAS_NUM_THREADS), $(envvar MKL_NUM_THREADS) (sklearn left at its defaults)"
echo "           sklearn's pools: $sk_pools; BLAS loaded: $sk_blas"
echo "           ours: analyze's own default (no --threads given)"
echo "  corpus:  $rows comments, 8 planted topics, 4 groups, seed $seed, $(awk -v b="$corpus_bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB"
echo "  ours:    $bin analyze --in corpus.csv --text-column comment --group-column group --k $k --format json"
echo "  sklearn: $py $here/sk.py --in corpus.csv --k $k   (TfidfVectorizer + NMF nndsvda, max_iter 400)"
echo
row "tool" "wall s" "peak MB" "CPU s" "NMI" "themes" "no theme" "same out"
row "ours" "$ours_wall" "$(mb "$ours_rss")" "$ours_cpu" "$ours_nmi" "$ours_clusters" "$ours_none" "$ours_same"
row "sklearn" "$sk_wall" "$(mb "$sk_rss")" "$sk_cpu" "$sk_nmi" "$sk_clusters" "$sk_none" "$sk_same"
echo
printf '  time   ours/sklearn  %s  goal <= 0.25  %s\n' "$time_ratio" "$(verdict "$time_ratio" 0.25 le)"
printf '  memory ours/sklearn  %s  goal <= 0.50  %s\n' "$mem_ratio" "$(verdict "$mem_ratio" 0.5 le)"
printf '  NMI    ours - sklearn  %s  goal ours >= %s  %s\n' "$nmi_delta" "$nmi_goal" "$(verdict "$ours_nmi" "$nmi_goal" ge)"
echo
echo "  wall s: best of $runs runs, end to end (process start to exit; time -v's Elapsed), each run: ours $(all_walls ours); sklearn $(all_walls sklearn)"
echo "  peak MB: the largest Maximum resident set size of the $runs runs (10^6 bytes); CPU s: user+system of the fastest run"
echo "  sklearn inside Python, reading the CSV to the last assignment: $sk_compute_line"
echo "  NMI: against the planted topics, comments with no theme counted as one more cluster; themes vs planted topics:"
awk 'NR > 1 && /^# /' "$tmp/score.txt" | sed 's/^# /    /'
[[ $ours_same == yes ]] || echo "  warning: analyze printed different output in different runs of the same input"
[[ $sk_same == yes ]] || echo "  warning: sklearn's assignments differed between runs"
echo "  load average $load_before before, $load_after after"
echo "  (a measurement, not a test: both tools share the same $(nproc) cores, one after the other)"
exit 0
