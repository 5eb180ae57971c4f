#!/bin/bash
# Issue 18's footprint figures in one run, the console beside pg_activity and
# htop on the same seeded 10x stack, each on its own 160×48 pseudo-terminal:
#   - idle, 60 s after the dashboard has loaded: CPU-seconds per minute
#     (utime+stime from /proc/PID/stat, waited-for children included), peak
#     and final resident memory (VmHWM, VmRSS), bytes to the terminal per
#     minute, for the console (release binary, operator role, every monitor,
#     instances served idle), pg_activity at 1 s on one shard, htop at 1 s;
#   - the console's peak memory at 10x with the feed full (10,000 entries)
#     after visiting every pane (keys 1-9) while `simulate` writes, for the
#     `make release` binary and, beside it, the `--dynamic` build;
#   - start → first full frame (scripts/bench-ui-pty.py's `start`);
#   - commit-to-frame p99 at 2,000 changes/s (`studyspot-bench owner`).
# Prints one table: each figure, its target, pg_activity's, the ratio and
# MET/MISSED. It reports, it does not judge: exit 0 whether or not targets
# are met, 1 only when something could not be measured.
#
#   scripts/bench-footprint.sh [--dir DIR] [--base-port PORT] [--binary PATH]
#       [--seconds 60] [--warmup 60] [--runs 5] [--shard planetscale]
#       [--rate 250] [--duration 50] [--no-dynamic | --dynamic-binary PATH]
#       [--no-latency] [--keep DIR]
# --dir/--base-port: the 10x stack (default $BENCH_STACK_DIR or
# /tmp/studyspot-bench-stack, $BENCH_BASE_PORT or 57400), brought up and
# seeded 10x when it is not; --binary: skip `make release`; --keep DIR: keep
# each program's terminal bytes (DIR/NAME.bytes) for diffing frames.
# Installs pg_activity and htop when missing (apt-get as root, else pip).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
DIR=${BENCH_STACK_DIR:-/tmp/studyspot-bench-stack}
PORT=${BENCH_BASE_PORT:-57400}
BIN=""
IDLE=60
WARMUP=60
RUNS=5
SHARD=planetscale
RATE=250
DURATION=50
DYNAMIC=1
DYN_BIN=""
LATENCY=1
KEEP=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) DIR=$2; shift 2 ;;
        --base-port) PORT=$2; shift 2 ;;
        --binary) BIN=$2; shift 2 ;;
        --seconds) IDLE=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --shard) SHARD=$2; shift 2 ;;
        --rate) RATE=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --no-dynamic) DYNAMIC=0; shift ;;
        --dynamic-binary) DYN_BIN=$2; shift 2 ;;
        --no-latency) LATENCY=0; shift ;;
        --keep) KEEP=$2; shift 2 ;;
        -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
        *) echo "bench-footprint.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
source scripts/bench-lib.sh
bench_install_peers || exit 1
[ -n "$BIN" ] || BIN=$(scripts/build-release.sh)   # `make release`: the binary shipped
BENCH=$(dirname "$BIN")/studyspot-bench
# The latency figure runs the console's code inside studyspot-bench: it must
# come from the same build as the binary measured (a copy of one beside an
# older other measured old code once).
[ -x "$BENCH" ] || { echo "bench-footprint: no studyspot-bench beside $BIN (build-release.sh builds both)" >&2; exit 1; }
if (( $(stat -c %Y "$BIN") - $(stat -c %Y "$BENCH") > 600 || $(stat -c %Y "$BENCH") - $(stat -c %Y "$BIN") > 600 )); then
    echo "bench-footprint: $BENCH and $BIN were built more than 10 minutes apart: copy the pair from one build" >&2; exit 1
fi
work=$(mktemp -d /tmp/studyspot-bench-footprint.XXXXXX)
cleanup() { [ -n "${BENCH_SIM:-}" ] && kill "$BENCH_SIM" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
bench_stack_up "$BIN" "$DIR" "$PORT"
cfg=$BENCH_CFG
bench_serve_instances "$BIN" "$cfg" "$work/sim.log" 1
peer_dsn=$(bench_dsn "$cfg" "$SHARD")
[ -n "$peer_dsn" ] || { echo "bench-footprint.sh: no shard $SHARD in $cfg" >&2; exit 1; }
pty=scripts/bench-ui-pty.py
get() { sed -n "s/^$1=//p" <<<"$2"; }
fail() { echo "bench-footprint.sh: $1"; [ -f "$work/log" ] && tail -5 "$work/log"; exit 1; }

echo "== issue 18, side by side"
bench_machine
echo "binary: $BIN; stack: $DIR; instances: $BENCH_INSTANCES"
echo "pg_activity $(pg_activity --version | awk '{print $NF}') --refresh 1 on $SHARD; $(htop --version 2>/dev/null | head -1) -d 10"
echo

# 1. Idle, side by side: one window for all three.
[ -n "$KEEP" ] && mkdir -p "$KEEP"
peers=(--peer "pg_activity=pg_activity --refresh 1 '$peer_dsn'")
command -v htop >/dev/null && peers+=(--peer "htop=htop -d 10")
echo "idle: ${WARMUP} s after the dashboard loaded, then ${IDLE} s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
side=$(python3 "$pty" side --binary "$BIN" --config "$cfg" --seconds "$IDLE" --warmup "$WARMUP" \
    --trace "$work/trace" --log "$work/log" ${KEEP:+--record-dir "$KEEP"} "${peers[@]}")
grep -q '^error=' <<<"$side" && fail "side by side: $(get error "$side")"
printf '  %-12s %10s %12s %12s %12s %8s\n' "" "CPU-s/min" "peak RSS MB" "end RSS MB" "bytes/min" "threads"
for n in studyspot pg_activity htop; do
    grep -q "^$n.cpu" <<<"$side" || continue
    printf '  %-12s %10s %12.1f %12.1f %12s %8s\n' "$n" "$(get "$n.cpu_s_per_min" "$side")" \
        "$(echo "$(get "$n.hwm_kb" "$side") / 1024" | bc -l)" "$(echo "$(get "$n.rss_kb" "$side") / 1024" | bc -l)" \
        "$(get "$n.bytes_per_min" "$side")" "$(get "$n.threads" "$side")"
done
echo "  (load average after the window: $(cut -d' ' -f1-3 /proc/loadavg))"

# 2. Peak memory with the feed full, every pane visited, release and --dynamic.
traffic="'$BIN' simulate --config '$cfg' --rate $RATE --requests 5 --duration $DURATION --no-instances"
visit() {  # binary, label → prints the figures, sets VISIT_HWM
    local out
    out=$(python3 "$pty" visit --binary "$1" --config "$cfg" --trace "$work/trace" --log "$work/log" --traffic "$traffic")
    grep -q '^error=' <<<"$out" && fail "memory visit: $(get error "$out")"
    echo "  $2: peak $(get hwm_kb "$out") kB (at load $(get hwm_at_load_kb "$out") kB), end $(get rss_kb "$out") kB, threads $(get threads "$out"), panes shown $(get panes_shown "$out")"
    VISIT_HWM=$(get hwm_kb "$out")
}
echo
echo "memory: $((RATE * DURATION)) booking changes at $RATE/s (the feed keeps the last 10,000), keys 1-9 in turn"
visit "$BIN" "release (make release)"; hwm=$VISIT_HWM
hwm_dynamic=""
if [ "$DYNAMIC" = 1 ]; then
    dyn=${DYN_BIN:-$(scripts/build-release.sh --dynamic)}
    visit "$dyn" "shared Swift libraries (build-release.sh --dynamic)"; hwm_dynamic=$VISIT_HWM
fi

# 3. Start → first full frame.
echo
bench_startup "$BIN" "$cfg" operator "$RUNS" "$work"
[ ${#BENCH_LOADED[@]} -gt 0 ] || fail "the dashboard never drew a loaded frame"
loaded=$(median "${BENCH_LOADED[@]}")
echo "start-up: first frame median $(median "${BENCH_FIRST[@]}") ms, loaded median $loaded ms, min $(minimum "${BENCH_LOADED[@]}") ms (${#BENCH_LOADED[@]} runs)"

# 4. Commit-to-frame at 2,000 changes/s.
p99=""
if [ "$LATENCY" = 1 ]; then
    echo
    lat=$("$BENCH" owner --config "$cfg" --rates 2000) || fail "studyspot-bench owner failed"
    echo "$lat"
    # Columns: frame cap, "ms", rate, achieved, changes, p50, p99…
    p99=$(awk '$3 == 2000 && $2 == "ms" {print $7; exit}' <<<"$lat")
fi

# The table.
cpu=$(get studyspot.cpu_s_per_min "$side"); pga_cpu=$(get pg_activity.cpu_s_per_min "$side")
bytes=$(get studyspot.bytes_per_min "$side"); pga_bytes=$(get pg_activity.bytes_per_min "$side")
pga_hwm=$(get pg_activity.hwm_kb "$side")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b + 0 == 0) print "-"; else printf "%.3f", a / b }'; }
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "MET" : "MISSED") }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
row() { printf '%-52s %14s %-30s %14s %8s %s\n' "$@"; }
echo
row "figure" "studyspot" "target" "pg_activity" "ratio" ""
row "peak RSS, 10x, 10,000 feed entries, every pane" "$(mb "$hwm")" "≤ 25 MB and < pg_activity" "$(mb "$pga_hwm")" \
    "$(ratio "$hwm" "$pga_hwm")" "$(verdict "$(awk -v h="$hwm" -v p="$pga_hwm" 'BEGIN { print (h <= 25600 && h < p) }')")"
[ -n "$hwm_dynamic" ] && row "  the same, --dynamic build (not shipped)" "$(mb "$hwm_dynamic")" "-" "$(mb "$pga_hwm")" "$(ratio "$hwm_dynamic" "$pga_hwm")" ""
row "idle CPU, CPU-s per minute" "$cpu" "≤ 1/5 of pg_activity" "$pga_cpu" "$(ratio "$cpu" "$pga_cpu")" \
    "$(verdict "$(awk -v c="$cpu" -v p="$pga_cpu" 'BEGIN { print (c <= p / 5) }')")"
row "bytes to the terminal per idle minute" "$bytes" "≤ 1,024" "$pga_bytes" "$(ratio "$bytes" "$pga_bytes")" \
    "$(verdict "$(awk -v b="$bytes" 'BEGIN { print (b <= 1024) }')")"
row "start → first full frame, median" "$loaded ms" "≤ 300 ms" "-" "-" "$(verdict "$(awk -v l="$loaded" 'BEGIN { print (l <= 300) }')")"
if [ -n "$p99" ]; then
    row "commit-to-frame p99 at 2,000 changes/s" "$p99 ms" "≤ 20 ms" "-" "-" "$(verdict "$(awk -v p="$p99" 'BEGIN { print (p <= 20) }')")"
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "stack left running in $DIR; stop it with: $BIN stack down --dir $DIR"
