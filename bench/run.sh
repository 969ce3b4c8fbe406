#!/usr/bin/env bash
# make bench: the public hub page (/d/riverside/) under wrk, against nginx
# serving the very same bytes as a static file, on loopback, in one run.
#
# Prints requests/sec and latency for each, the ratio app/nginx against the
# goal (>= 0.5), and the server's idle RSS against the goal (<= 20 MB).
# This is a measurement, not a test: it exits 0 whether or not the goals are
# met, and non-zero only when something fails to run.
#
# Environment (all optional):
#   BENCH_DURATION     wrk -d per measured run            (default 10s)
#   BENCH_CONNECTIONS  wrk -c                             (default 32)
#   BENCH_WRK_THREADS  wrk -t                             (default 2)
#   BENCH_WARMUP       wrk -d of the unmeasured warm-ups  (default 2s, 0 skips)
#   BENCH_APP_THREADS  `serve --threads N`                (default: the app's own, one per core)
#   BENCH_KEEP=1       keep the temporary directory and print where it is
set -euo pipefail
cd "$(dirname "$0")/.."

bin=build/commonground
duration=${BENCH_DURATION:-10s}
conns=${BENCH_CONNECTIONS:-32}
wthreads=${BENCH_WRK_THREADS:-2}
warmup=${BENCH_WARMUP:-2s}
app_threads=${BENCH_APP_THREADS:-}
ready_deadline=20 # seconds to wait for a server to answer

die() { echo "bench: $*" >&2; exit 1; }

for tool in wrk nginx curl; do
	command -v "$tool" >/dev/null || die "'$tool' is missing (make bench installs wrk and nginx; curl: apt-get install curl)"
done
[[ -x $bin ]] || die "$bin is missing: run 'make bench' (or 'make build') first"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cg-bench.XXXXXX")
app_pid=""
nc_pid=""
nginx_pid=""

stop() {
	local pid=$1
	[[ -n $pid ]] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	# Give it five seconds to finish, then insist.
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	local rc=$?
	stop "$app_pid"
	stop "$nc_pid"
	stop "$nginx_pid"
	if [[ ${BENCH_KEEP:-0} == 1 ]]; then
		echo "bench: kept $tmp" >&2
	else
		rm -rf "$tmp"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A loopback port nobody listens on. The kernel picks it; the tiny window
# between closing it here and the server binding it is acceptable for a bench.
free_port() {
	if command -v python3 >/dev/null; then
		python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
		return
	fi
	local p
	for _ in $(seq 100); do
		p=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return
		fi
	done
	die "no free loopback port found"
}

# wait_http URL PID LOG...: poll until URL answers 200, the process dies, or
# the deadline passes; in the last two cases show the logs and stop.
wait_http() {
	local url=$1 pid=$2
	shift 2
	local end=$((SECONDS + ready_deadline))
	while ((SECONDS < end)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "bench: the server for $url exited during start-up; its output:" >&2
			sed 's/^/  | /' "$@" >&2 2>/dev/null
			exit 1
		fi
		if curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; then
			return 0
		fi
		sleep 0.05
	done
	echo "bench: $url did not answer within ${ready_deadline}s; server output:" >&2
	sed 's/^/  | /' "$@" >&2 2>/dev/null
	exit 1
}

# Resident set size of one process, in KiB.
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
# Peak resident set size of one process, in KiB.
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
threads_of() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }
# nginx: master plus workers.
rss_tree_kib() {
	local total kids
	total=$(rss_kib "$1")
	kids=$(pgrep -P "$1" || true)
	for k in $kids; do total=$((total + $(rss_kib "$k" 2>/dev/null || echo 0))); done
	echo "$total"
}
# CPU snapshot: "busy total ours" in clock ticks. busy and total cover the whole
# machine (/proc/stat); ours is the app, nginx (master and workers) and this
# shell's waited-for children (wrk, curl), so busy - ours is everybody else.
proc_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13 + ($14 + $15) * w}' w="${2:-0}" "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_snapshot() {
	local ours=0 p
	for p in $app_pid $nc_pid $nginx_pid $(pgrep -P "$nginx_pid" || true); do
		ours=$((ours + $(proc_ticks "$p")))
	done
	ours=$((ours + $(proc_ticks $$ 1)))
	awk -v ours="$ours" '$1 == "cpu" {busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6, ours; exit}' /proc/stat
}
# KiB to MB (10^6 bytes), one decimal.
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k * 1024 / 1e6}'; }

# ---------------------------------------------------------------- the app
# Run a private copy, so that a rebuild of build/commonground during the
# bench (a shared tree) neither fails with "Text file busy" nor swaps the
# binary between runs. A copy taken mid-link fails `version`: take another.
for attempt in $(seq 30); do
	if cp "$bin" "$tmp/commonground" 2>/dev/null && "$tmp/commonground" version >"$tmp/version.txt" 2>&1; then
		break
	fi
	((attempt < 30)) || die "$bin does not run: $(cat "$tmp/version.txt" 2>/dev/null)"
	sleep 1
done
bin=$tmp/commonground
db="sqlite:$tmp/bench.db"
"$bin" migrate --db "$db" >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; die "migrate failed"; }
"$bin" seed-demo --db "$db" --credentials "$tmp/cred.txt" >"$tmp/seed.log" 2>&1 || { cat "$tmp/seed.log" >&2; die "seed-demo failed"; }

app_port=$(free_port)
app="http://127.0.0.1:$app_port"
serve_args=(serve --listen "127.0.0.1:$app_port" --db "$db" --quiet)
[[ -n $app_threads ]] && serve_args+=(--threads "$app_threads")
"$bin" "${serve_args[@]}" >"$tmp/app.log" 2>&1 &
app_pid=$!
wait_http "$app/healthz" "$app_pid" "$tmp/app.log"

# The same server rendering the hub for every request (no page cache), to
# show what the cache buys and what the page costs to build.
nc_port=$(free_port)
app_nc="http://127.0.0.1:$nc_port"
nc_args=(serve --listen "127.0.0.1:$nc_port" --db "$db" --quiet --no-page-cache)
[[ -n $app_threads ]] && nc_args+=(--threads "$app_threads")
"$bin" "${nc_args[@]}" >"$tmp/app-nc.log" 2>&1 &
nc_pid=$!
wait_http "$app_nc/healthz" "$nc_pid" "$tmp/app-nc.log"

# One warm-up request to the page, then the idle figure.
mkdir -p "$tmp/www"
curl -fsS -o "$tmp/www/hub.html" -D "$tmp/app-headers.txt" "$app/d/riverside/" ||
	die "GET /d/riverside/ failed"
rss_idle=$(rss_kib "$app_pid")
app_nthreads=$(threads_of "$app_pid")
app_workers=${app_threads:-$(nproc)} # serve's default: one per core

# The page must not change from one request to the next, or nginx would not
# be serving "the same bytes".
curl -fsS -o "$tmp/hub-again.html" "$app/d/riverside/"
cmp -s "$tmp/www/hub.html" "$tmp/hub-again.html" ||
	echo "bench: warning: /d/riverside/ differs between two requests; nginx serves the first one" >&2

# ---------------------------------------------------------------- nginx
ctype=$(awk 'tolower($1) == "content-type:" {sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); print; exit}' "$tmp/app-headers.txt")
[[ -n $ctype ]] || die "the app sent no Content-Type for /d/riverside/"
[[ $ctype != *'"'* && $ctype != *'$'* ]] || die "unexpected Content-Type: $ctype"

mkdir -p "$tmp/nginx"
# The app's own headers, less those nginx sets itself or that describe the
# connection. A value nginx cannot quote (with '$' or '"') is left out.
: >"$tmp/nginx/headers.conf"
skipped=()
while IFS= read -r line; do
	line=${line%$'\r'}
	[[ $line == *:* ]] || continue
	name=${line%%:*}
	value=${line#*:}
	value=${value#"${value%%[![:space:]]*}"}
	case ${name,,} in
	date | server | content-length | content-type | connection | keep-alive | transfer-encoding | set-cookie) continue ;;
	esac
	if [[ $value == *'$'* || $value == *'"'* || $value == *'\'* ]]; then
		skipped+=("$name")
		continue
	fi
	printf 'add_header %s "%s" always;\n' "$name" "$value" >>"$tmp/nginx/headers.conf"
done <"$tmp/app-headers.txt"
((${#skipped[@]} == 0)) || echo "bench: note: nginx does not repeat header(s) ${skipped[*]}" >&2

nginx_port=$(free_port)
user_line=""
# As root nginx would switch workers to 'nobody', who cannot read the 0700
# temporary directory; keep them as the invoking user instead.
if [[ $(id -u) -eq 0 ]]; then user_line="user $(id -un) $(id -gn);"; fi
conf=$(<bench/nginx.conf.in)
conf=${conf//@DIR@/"$tmp"}
conf=${conf//@PORT@/"$nginx_port"}
conf=${conf//@USER@/"$user_line"}
conf=${conf//@CONTENT_TYPE@/"$ctype"}
printf '%s\n' "$conf" >"$tmp/nginx.conf"
nginx -t -q -c "$tmp/nginx.conf" -p "$tmp/" >"$tmp/nginx-test.log" 2>&1 ||
	{ cat "$tmp/nginx-test.log" >&2; die "nginx rejected $tmp/nginx.conf"; }
nginx -c "$tmp/nginx.conf" -p "$tmp/" >"$tmp/nginx/stdout.log" 2>&1 &
nginx_pid=$!
static="http://127.0.0.1:$nginx_port/hub.html"
wait_http "$static" "$nginx_pid" "$tmp/nginx/stdout.log" "$tmp/nginx/error.log"

curl -fsS -o "$tmp/from-nginx.html" -D "$tmp/nginx-headers.txt" "$static"
cmp "$tmp/www/hub.html" "$tmp/from-nginx.html" >&2 || die "nginx does not return the app's bytes"
nginx_ctype=$(awk 'tolower($1) == "content-type:" {sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); print; exit}' "$tmp/nginx-headers.txt")
[[ $nginx_ctype == "$ctype" ]] || echo "bench: warning: nginx sends Content-Type '$nginx_ctype', the app '$ctype'" >&2
body_bytes=$(wc -c <"$tmp/www/hub.html")
app_hdr_bytes=$(wc -c <"$tmp/app-headers.txt")
nginx_hdr_bytes=$(wc -c <"$tmp/nginx-headers.txt")

# ---------------------------------------------------------------- wrk
# CPU time of the server under test, in clock ticks: the app, or nginx's
# master and workers.
server_ticks() {
	local t=0 p
	for p in "$@"; do t=$((t + $(proc_ticks "$p"))); done
	echo "$t"
}
# run_wrk NAME URL PID...: one measured run, output kept in $tmp/wrk-NAME.txt,
# the server's CPU ticks during the run in $tmp/cpu-NAME.txt.
run_wrk() {
	local name=$1 url=$2 t0
	shift 2
	t0=$(server_ticks "$@")
	wrk -t"$wthreads" -c"$conns" -d"$duration" --latency "$url" >"$tmp/wrk-$name.txt" 2>&1 ||
		{ cat "$tmp/wrk-$name.txt" >&2; die "wrk failed against $url"; }
	echo $(($(server_ticks "$@") - t0)) >"$tmp/cpu-$name.txt"
}
# Server CPU per request in microseconds, from a run's ticks and requests.
cpu_us() { awk -v t="$(cat "$tmp/cpu-$1.txt")" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (n > 0) ? t * 1e6 / hz / n : 0}'; }
warm() {
	[[ $warmup == 0 || $warmup == 0s ]] && return 0
	wrk -t"$wthreads" -c"$conns" -d"$warmup" "$1" >/dev/null 2>&1 || true
}

# Figures from one wrk output: rps avg_ms p99_ms requests errors.
# Latencies are converted to milliseconds whatever unit wrk chose.
parse_wrk() {
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /m$/)  return v * 60000
		if (v ~ /s$/)  return v * 1000
		return v + 0
	}
	$1 == "Latency" && NF >= 5 { avg = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	$1 == "Requests/sec:" { rps = $2 }
	$2 == "requests" && $3 == "in" { n = $1 }
	/Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
	/Non-2xx or 3xx responses:/ { err += $NF }
	END { printf "%s %.3f %.3f %s %d\n", rps, avg, p99, n, err }
	' "$1"
}

echo "bench: app on $app (--threads $app_workers, $app_nthreads OS threads), nginx on 127.0.0.1:$nginx_port; wrk -t$wthreads -c$conns -d$duration --latency" >&2
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
read -r busy0 total0 ours0 < <(cpu_snapshot)
warm "$app/d/riverside/"
nginx_pids=("$nginx_pid" $(pgrep -P "$nginx_pid" || true))
run_wrk app1 "$app/d/riverside/" "$app_pid"
warm "$static"
run_wrk nginx "$static" "${nginx_pids[@]}"
run_wrk app2 "$app/d/riverside/" "$app_pid"
run_wrk healthz "$app/healthz" "$app_pid"
warm "$app_nc/d/riverside/"
run_wrk nocache "$app_nc/d/riverside/" "$nc_pid"
read -r busy1 total1 ours1 < <(cpu_snapshot)
# Share of the machine's CPU time that went to other processes during the runs.
foreign=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) -v o=$((ours1 - ours0)) \
	'BEGIN {f = (t > 0) ? (b - o) * 100 / t : 0; printf "%.0f", (f < 0) ? 0 : f}')
rss_after=$(rss_kib "$app_pid")
rss_peak=$(hwm_kib "$app_pid")
nginx_rss=$(rss_tree_kib "$nginx_pid")

read -r a1_rps a1_avg a1_p99 a1_n a1_err < <(parse_wrk "$tmp/wrk-app1.txt")
read -r ng_rps ng_avg ng_p99 ng_n ng_err < <(parse_wrk "$tmp/wrk-nginx.txt")
read -r a2_rps a2_avg a2_p99 a2_n a2_err < <(parse_wrk "$tmp/wrk-app2.txt")
read -r hz_rps hz_avg hz_p99 hz_n hz_err < <(parse_wrk "$tmp/wrk-healthz.txt")
read -r nc_rps nc_avg nc_p99 nc_n nc_err < <(parse_wrk "$tmp/wrk-nocache.txt")

# The app's figure is the mean of its two runs (one before nginx, one after),
# which evens out drift on a shared machine; both runs are printed.
app_rps=$(awk -v a="$a1_rps" -v b="$a2_rps" 'BEGIN {printf "%.2f", (a + b) / 2}')
ratio=$(awk -v a="$app_rps" -v n="$ng_rps" 'BEGIN {printf "%.3f", (n > 0) ? a / n : 0}')
ratio_ok=$(awk -v r="$ratio" 'BEGIN {print ((r >= 0.5) ? "PASS" : "MISS")}')
ratio_nc=$(awk -v a="$nc_rps" -v n="$ng_rps" 'BEGIN {printf "%.3f", (n > 0) ? a / n : 0}')
# 20 MB = 20,000,000 bytes; /proc counts KiB.
rss_ok=$(awk -v k="$rss_idle" 'BEGIN {print ((k * 1024 <= 20e6) ? "PASS" : "MISS")}')

row() { printf '  %-26s %9s %8s %8s %9s %7s %13s\n' "$@"; }
fmt_rps() { awk -v v="$1" 'BEGIN {printf "%.0f", v}'; }
fmt_ms() { awk -v v="$1" 'BEGIN {printf "%.2f", v}'; }

echo
echo "Common Ground bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $(head -n1 "$tmp/version.txt"), $(nproc) cores, $(uname -r)"
echo "  wrk -t$wthreads -c$conns -d$duration --latency, loopback; app: --threads $app_workers ($app_nthreads OS threads); nginx: worker_processes auto"
echo "  hub page: $body_bytes body bytes; headers: app $app_hdr_bytes B, nginx $nginx_hdr_bytes B"
echo
row "target" "req/s" "avg ms" "p99 ms" "requests" "errors" "server us/req"
row "app /d/riverside/ (run 1)" "$(fmt_rps "$a1_rps")" "$(fmt_ms "$a1_avg")" "$(fmt_ms "$a1_p99")" "$a1_n" "$a1_err" "$(cpu_us app1 "$a1_n")"
row "nginx /hub.html" "$(fmt_rps "$ng_rps")" "$(fmt_ms "$ng_avg")" "$(fmt_ms "$ng_p99")" "$ng_n" "$ng_err" "$(cpu_us nginx "$ng_n")"
row "app /d/riverside/ (run 2)" "$(fmt_rps "$a2_rps")" "$(fmt_ms "$a2_avg")" "$(fmt_ms "$a2_p99")" "$a2_n" "$a2_err" "$(cpu_us app2 "$a2_n")"
row "app /healthz" "$(fmt_rps "$hz_rps")" "$(fmt_ms "$hz_avg")" "$(fmt_ms "$hz_p99")" "$hz_n" "$hz_err" "$(cpu_us healthz "$hz_n")"
row "app hub, no page cache" "$(fmt_rps "$nc_rps")" "$(fmt_ms "$nc_avg")" "$(fmt_ms "$nc_p99")" "$nc_n" "$nc_err" "$(cpu_us nocache "$nc_n")"
echo
printf '  hub ratio app/nginx   %s  (mean of the two app runs, %s req/s, / %s)  goal >= 0.50  %s\n' \
	"$ratio" "$(fmt_rps "$app_rps")" "$(fmt_rps "$ng_rps")" "$ratio_ok"
printf '  hub rendered per request / nginx  %s  (no page cache: every request queries and renders)\n' "$ratio_nc"
printf '  app idle RSS          %s MB (%s KiB)  goal <= 20 MB  %s\n' "$(mb "$rss_idle")" "$rss_idle" "$rss_ok"
printf '  app RSS after load    %s MB, peak %s MB; nginx master+workers %s MB\n' \
	"$(mb "$rss_after")" "$(mb "$rss_peak")" "$(mb "$nginx_rss")"
if ((a1_err + a2_err + ng_err + hz_err > 0)); then
	echo "  warning: some requests failed (socket errors or non-2xx answers): see the errors column"
fi
printf '  machine               load average %s before; other processes took %s%% of the CPU during the runs\n' \
	"$load_before" "$foreign"
if ((foreign >= 10)); then
	echo "  warning: the machine was busy with other work; these figures understate both servers"
fi
echo "  (a measurement, not a test: wrk and both servers share the same $(nproc) cores;"
echo "   server us/req is the server's own CPU time, user+system, per request answered)"
