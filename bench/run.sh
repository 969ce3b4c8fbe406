#!/usr/bin/env bash
# make bench: the public pages of the demo district under wrk, each against
# nginx serving the very same bytes as a static file, on loopback, in one run:
#   hub    /d/riverside/
#   recap  /d/riverside/recaps/devices-at-home-what-families-told-us
#
# Prints requests/sec and latency for each, the ratio app/nginx per page
# against the goal (>= 0.5), the same pages from a second server started with
# --no-page-cache (context, not the goal), and the server's idle RSS against
# the goal (<= 20 MB).
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
# Both servers get the same base URL (the recap page names itself in og:url
# and rel=canonical), so that they render the same bytes.
serve_args=(serve --listen "127.0.0.1:$app_port" --db "$db" --quiet --base-url "$app")
[[ -n $app_threads ]] && serve_args+=(--threads "$app_threads")
"$bin" "${serve_args[@]}" >"$tmp/app.log" 2>&1 &
app_pid=$!
wait_http "$app/healthz" "$app_pid" "$tmp/app.log"

# The same server rendering every page for every request (no page cache), to
# show what the cache buys and what a page costs to build.
nc_port=$(free_port)
app_nc="http://127.0.0.1:$nc_port"
nc_args=(serve --listen "127.0.0.1:$nc_port" --db "$db" --quiet --base-url "$app" --no-page-cache)
[[ -n $app_threads ]] && nc_args+=(--threads "$app_threads")
"$bin" "${nc_args[@]}" >"$tmp/app-nc.log" 2>&1 &
nc_pid=$!
wait_http "$app_nc/healthz" "$nc_pid" "$tmp/app-nc.log"

# ---------------------------------------------------------------- the pages
# The measured pages: a name (nginx serves it as /NAME.html) and the app's path.
pages=(hub recap)
declare -A page_path=(
	[hub]=/d/riverside/
	[recap]=/d/riverside/recaps/devices-at-home-what-families-told-us
)
declare -A page_ctype=() body_bytes=() app_hdr_bytes=() nginx_hdr_bytes=() rss_after_first=()
mkdir -p "$tmp/www" "$tmp/nginx"
: >"$tmp/nginx/pages.conf"

content_type_of() { awk 'tolower($1) == "content-type:" {sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); print; exit}' "$1"; }

# fetch_page NAME: the app's body saved as www/NAME.html for nginx, its
# headers in app-headers-NAME.txt, and nginx's location for it in pages.conf;
# the app's RSS right after this first request in rss_after_first[NAME].
fetch_page() {
	local name=$1 path=${page_path[$1]} ctype line name_ value skipped=()
	local body=$tmp/www/$name.html hdrs=$tmp/app-headers-$name.txt
	curl -fsS -o "$body" -D "$hdrs" "$app$path" || die "GET $path failed"
	rss_after_first[$name]=$(rss_kib "$app_pid")
	# The page must not change from one request to the next, or nginx would
	# not be serving "the same bytes": compare with a second answer from the
	# cache and with one rendered afresh by the server without a page cache.
	curl -fsS -o "$tmp/$name-again.html" "$app$path" || die "GET $path failed the second time"
	cmp -s "$body" "$tmp/$name-again.html" ||
		echo "bench: warning: $path differs between two requests; nginx serves the first one" >&2
	curl -fsS -o "$tmp/$name-nocache.html" "$app_nc$path" || die "GET $path failed with --no-page-cache"
	cmp -s "$body" "$tmp/$name-nocache.html" ||
		echo "bench: warning: $path differs with --no-page-cache; the uncached figures are for other bytes" >&2

	ctype=$(content_type_of "$hdrs")
	[[ -n $ctype ]] || die "the app sent no Content-Type for $path"
	[[ $ctype != *'"'* && $ctype != *'$'* ]] || die "unexpected Content-Type for $path: $ctype"
	page_ctype[$name]=$ctype

	# The app's own headers, less those nginx sets itself or that describe the
	# connection. A value nginx cannot quote (with '$' or '"') is left out.
	: >"$tmp/nginx/headers-$name.conf"
	while IFS= read -r line; do
		line=${line%$'\r'}
		[[ $line == *:* ]] || continue
		name_=${line%%:*}
		value=${line#*:}
		value=${value#"${value%%[![:space:]]*}"}
		case ${name_,,} in
		date | server | content-length | content-type | connection | keep-alive | transfer-encoding | set-cookie) continue ;;
		esac
		if [[ $value == *'$'* || $value == *'"'* || $value == *'\'* ]]; then
			skipped+=("$name_")
			continue
		fi
		printf 'add_header %s "%s" always;\n' "$name_" "$value" >>"$tmp/nginx/headers-$name.conf"
	done <"$hdrs"
	((${#skipped[@]} == 0)) || echo "bench: note: nginx does not repeat header(s) ${skipped[*]} of $path" >&2
	printf 'location = /%s.html {\n    default_type "%s";\n    include %s;\n}\n' \
		"$name" "$ctype" "$tmp/nginx/headers-$name.conf" >>"$tmp/nginx/pages.conf"
}

# check_static NAME: nginx must return exactly the app's bytes, with its type.
check_static() {
	local name=$1 nginx_ctype
	curl -fsS -o "$tmp/from-nginx-$name.html" -D "$tmp/nginx-headers-$name.txt" "$static_base/$name.html" ||
		die "nginx does not serve /$name.html"
	cmp "$tmp/www/$name.html" "$tmp/from-nginx-$name.html" >&2 || die "nginx does not return the app's bytes for ${page_path[$name]}"
	nginx_ctype=$(content_type_of "$tmp/nginx-headers-$name.txt")
	[[ $nginx_ctype == "${page_ctype[$name]}" ]] ||
		echo "bench: warning: nginx sends Content-Type '$nginx_ctype' for /$name.html, the app '${page_ctype[$name]}'" >&2
	body_bytes[$name]=$(wc -c <"$tmp/www/$name.html")
	app_hdr_bytes[$name]=$(wc -c <"$tmp/app-headers-$name.txt")
	nginx_hdr_bytes[$name]=$(wc -c <"$tmp/nginx-headers-$name.txt")
}

# The idle figure is taken right after the first request to the hub, as it
# always was; the figure after every page has been fetched is context.
for p in "${pages[@]}"; do fetch_page "$p"; done
rss_idle=${rss_after_first[${pages[0]}]}
rss_idle_all=$(rss_kib "$app_pid")
app_nthreads=$(threads_of "$app_pid")
app_workers=${app_threads:-$(nproc)} # serve's default: one per core

# ---------------------------------------------------------------- nginx
nginx_port=$(free_port)
user_line=""
# As root nginx would switch workers to 'nobody', who cannot read the 0700
# temporary directory; keep them as the invoking user instead.
if [[ $(id -u) -eq 0 ]]; then user_line="user $(id -un) $(id -gn);"; fi
conf=$(<bench/nginx.conf.in)
conf=${conf//@DIR@/"$tmp"}
conf=${conf//@PORT@/"$nginx_port"}
conf=${conf//@USER@/"$user_line"}
printf '%s\n' "$conf" >"$tmp/nginx.conf"
nginx -t -q -c "$tmp/nginx.conf" -p "$tmp/" >"$tmp/nginx-test.log" 2>&1 ||
	{ cat "$tmp/nginx-test.log" >&2; die "nginx rejected $tmp/nginx.conf"; }
nginx -c "$tmp/nginx.conf" -p "$tmp/" >"$tmp/nginx/stdout.log" 2>&1 &
nginx_pid=$!
static_base="http://127.0.0.1:$nginx_port"
wait_http "$static_base/${pages[0]}.html" "$nginx_pid" "$tmp/nginx/stdout.log" "$tmp/nginx/error.log"
for p in "${pages[@]}"; do check_static "$p"; done

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

# Figures from one wrk output: rps avg_ms p50_ms p99_ms requests errors.
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
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	$1 == "Requests/sec:" { rps = $2 }
	$2 == "requests" && $3 == "in" { n = $1 }
	/Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
	/Non-2xx or 3xx responses:/ { err += $NF }
	END { printf "%s %.3f %.3f %.3f %s %d\n", rps, avg, p50, p99, n, err }
	' "$1"
}

echo "bench: app on $app (--threads $app_workers, $app_nthreads OS threads), uncached app on $app_nc, nginx on 127.0.0.1:$nginx_port; wrk -t$wthreads -c$conns -d$duration --latency" >&2
nginx_pids=("$nginx_pid" $(pgrep -P "$nginx_pid" || true))
# bench_page NAME: the app, nginx, the app again, then the app without a
# page cache (context); runs NAME-app1, NAME-nginx, NAME-app2, NAME-nocache.
bench_page() {
	local name=$1 path=${page_path[$1]}
	echo "bench: ${name} ($path)" >&2
	warm "$app$path"
	run_wrk "$name-app1" "$app$path" "$app_pid"
	warm "$static_base/$name.html"
	run_wrk "$name-nginx" "$static_base/$name.html" "${nginx_pids[@]}"
	run_wrk "$name-app2" "$app$path" "$app_pid"
	warm "$app_nc$path"
	run_wrk "$name-nocache" "$app_nc$path" "$nc_pid"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
read -r busy0 total0 ours0 < <(cpu_snapshot)
for p in "${pages[@]}"; do bench_page "$p"; done
run_wrk healthz "$app/healthz" "$app_pid"
read -r busy1 total1 ours1 < <(cpu_snapshot)
# Share of the machine's CPU time that went to other processes during the runs.
foreign=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) -v o=$((ours1 - ours0)) \
	'BEGIN {f = (t > 0) ? (b - o) * 100 / t : 0; printf "%.0f", (f < 0) ? 0 : f}')
rss_after=$(rss_kib "$app_pid")
rss_peak=$(hwm_kib "$app_pid")
nginx_rss=$(rss_tree_kib "$nginx_pid")

# The figures of every run, by run name.
declare -A rps=() avg=() p50=() p99=() nreq=() errs=()
runs=(healthz)
for p in "${pages[@]}"; do runs+=("$p-app1" "$p-nginx" "$p-app2" "$p-nocache"); done
total_err=0
for r in "${runs[@]}"; do
	read -r "rps[$r]" "avg[$r]" "p50[$r]" "p99[$r]" "nreq[$r]" "errs[$r]" < <(parse_wrk "$tmp/wrk-$r.txt")
	total_err=$((total_err + ${errs[$r]}))
done

row() { printf '  %-24s %9s %7s %7s %7s %9s %6s %13s\n' "$@"; }
fmt_rps() { awk -v v="$1" 'BEGIN {printf "%.0f", v}'; }
fmt_ms() { awk -v v="$1" 'BEGIN {printf "%.2f", v}'; }
run_row() { row "$1" "$(fmt_rps "${rps[$2]}")" "$(fmt_ms "${avg[$2]}")" "$(fmt_ms "${p50[$2]}")" "$(fmt_ms "${p99[$2]}")" "${nreq[$2]}" "${errs[$2]}" "$(cpu_us "$2" "${nreq[$2]}")"; }

echo
echo "Common Ground bench — $(date -u '+%Y-%m-%d %H:%M UTC'), $(head -n1 "$tmp/version.txt"), $(nproc) cores, $(uname -r)"
echo "  wrk -t$wthreads -c$conns -d$duration --latency, loopback; app: --threads $app_workers ($app_nthreads OS threads); nginx: worker_processes auto"
for p in "${pages[@]}"; do
	printf '  %-5s %s: %s body bytes; headers: app %s B, nginx %s B\n' \
		"$p" "${page_path[$p]}" "${body_bytes[$p]}" "${app_hdr_bytes[$p]}" "${nginx_hdr_bytes[$p]}"
done
echo
row "target" "req/s" "avg ms" "p50 ms" "p99 ms" "requests" "errors" "server us/req"
for p in "${pages[@]}"; do
	run_row "app $p (run 1)" "$p-app1"
	run_row "nginx /$p.html" "$p-nginx"
	run_row "app $p (run 2)" "$p-app2"
	run_row "app $p, no page cache" "$p-nocache"
done
run_row "app /healthz" healthz
echo
# The app's figure is the mean of its two runs (one before nginx, one after),
# which evens out drift on a shared machine; both runs are printed.
for p in "${pages[@]}"; do
	app_rps=$(awk -v a="${rps[$p-app1]}" -v b="${rps[$p-app2]}" 'BEGIN {printf "%.2f", (a + b) / 2}')
	ratio=$(awk -v a="$app_rps" -v n="${rps[$p-nginx]}" 'BEGIN {printf "%.3f", (n > 0) ? a / n : 0}')
	ratio_ok=$(awk -v r="$ratio" 'BEGIN {print ((r >= 0.5) ? "PASS" : "MISS")}')
	printf '  %-5s ratio app/nginx  %s  (mean of the two app runs, %s req/s, / %s)  goal >= 0.50  %s\n' \
		"$p" "$ratio" "$(fmt_rps "$app_rps")" "$(fmt_rps "${rps[$p-nginx]}")" "$ratio_ok"
done
for p in "${pages[@]}"; do
	ratio_nc=$(awk -v a="${rps[$p-nocache]}" -v n="${rps[$p-nginx]}" 'BEGIN {printf "%.3f", (n > 0) ? a / n : 0}')
	printf '  %-5s uncached / nginx %s  (context, not the goal: --no-page-cache, every request queries and renders)\n' "$p" "$ratio_nc"
done
# 20 MB = 20,000,000 bytes; /proc counts KiB.
rss_ok=$(awk -v k="$rss_idle" 'BEGIN {print ((k * 1024 <= 20e6) ? "PASS" : "MISS")}')
printf '  app idle RSS          %s MB (%s KiB, after one request to the hub)  goal <= 20 MB  %s\n' "$(mb "$rss_idle")" "$rss_idle" "$rss_ok"
printf '  app idle RSS          %s MB (%s KiB) after requests to each page\n' "$(mb "$rss_idle_all")" "$rss_idle_all"
printf '  app RSS after load    %s MB, peak %s MB; nginx master+workers %s MB\n' \
	"$(mb "$rss_after")" "$(mb "$rss_peak")" "$(mb "$nginx_rss")"
if ((total_err > 0)); then
	echo "  warning: some requests failed (socket errors or non-2xx answers): see the errors column"
fi
printf '  machine               load average %s before; other processes took %s%% of the CPU during the runs\n' \
	"$load_before" "$foreign"
if ((foreign >= 10)); then
	echo "  warning: the machine was busy with other work; these figures understate both servers"
fi
echo "  (a measurement, not a test: wrk and both servers share the same $(nproc) cores;"
echo "   server us/req is the server's own CPU time, user+system, per request answered)"
