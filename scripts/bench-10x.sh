#!/bin/bash
# The whole benchmark suite at ten times the plan's scale: release build, the
# bench stack up (seeded 10x only if it is not yet), then every figure with
# the machine, date, load average and target:
#   - a full data refresh of every pane (wall p50/p99 steady and cold, server
#     time from pg_stat_statements) and the EXPLAIN of every statement the
#     console sends (sequential scans of bookings)        studyspot-bench refresh
#   - the UI figures (scripts/bench-ui.sh and studyspot-bench owner, when present)
#   - resident memory of the dashboard holding 10,000 feed entries
#   - the dashboard beside pg_activity (and htop) at a 1 s refresh on the same
#     PostgreSQL, each in its own tmux session of the same size: CPU-seconds,
#     memory and bytes written to the terminal per minute
# Usage: scripts/bench-10x.sh [--only refresh,ui,memory,peer]
# Env: BENCH_STACK_DIR (/tmp/studyspot-bench-stack), BENCH_BASE_PORT (57400),
#      PEER_SECONDS (60), PEER_WARMUP (60 s before measuring), PEER_SHARD (planetscale: the shard pg_activity watches),
#      MEMORY_RATE (250 changes/s), MEMORY_SECONDS (50), MEMORY_DYNAMIC (1: also measure a build with the Swift libraries shared),
#      STUDYSPOT_BENCH_BINARY (skip the build; studyspot-bench is looked for beside it), BENCH_NO_SEED (1: never seed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$PATH:/opt/swift/usr/bin"
DIR=${BENCH_STACK_DIR:-/tmp/studyspot-bench-stack}
PORT=${BENCH_BASE_PORT:-57400}
PEER_SECONDS=${PEER_SECONDS:-60}
PEER_WARMUP=${PEER_WARMUP:-60}
PEER_SHARD=${PEER_SHARD:-planetscale}
MEMORY_RATE=${MEMORY_RATE:-250}
MEMORY_SECONDS=${MEMORY_SECONDS:-50}
ONLY=all
[ "${1:-}" = "--only" ] && ONLY=${2:-all}
want() { [ "$ONLY" = all ] || [[ ",$ONLY," == *",$1,"* ]]; }

WORK=$(mktemp -d /tmp/studyspot-bench10x.XXXXXX)
# Runs in command substitutions, so the sessions are listed here, not recorded.
# Named after this run, so two runs on one machine do not kill each other's.
SFX=-$$
SESSIONS=(ss-mem$SFX ss-console$SFX ss-pga$SFX ss-htop$SFX)
cleanup() {
    for s in "${SESSIONS[@]}"; do tmux kill-session -t "$s" 2>/dev/null || true; done
    [ -n "${SIM_PID:-}" ] && kill "$SIM_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

header() {
    echo
    echo "== $1"
    bench_machine
}

if [ -n "${STUDYSPOT_BENCH_BINARY:-}" ]; then
    BIN=$STUDYSPOT_BENCH_BINARY          # an existing build (e.g. while iterating on one figure)
else
    BIN=$(scripts/build-release.sh)   # static Swift runtime and Foundation, as shipped
fi
BENCH=$(dirname "$BIN")/studyspot-bench   # the benchmark commands, built beside studyspot
source scripts/bench-lib.sh
bench_stack_up "$BIN" "$DIR" "$PORT"
cfg=$BENCH_CFG
dsn() { bench_dsn "$cfg" "$1"; }   # a shard's DSN (it holds the password: never echoed)

# --- 1, 2: a full data refresh, its server time, EXPLAIN of every statement
if want refresh; then
    header "full data refresh of every pane (target ≤ 20 ms wall) and sequential scans of bookings (target 0)"
    "$BENCH" refresh --config "$cfg" --rounds 200 --cold 5
fi

# --- the perf-ui helper's figures, when its tools exist
if want ui; then
    if [ -x scripts/bench-ui.sh ]; then
        header "UI figures (scripts/bench-ui.sh)"
        scripts/bench-ui.sh --config "$cfg" || echo "bench-ui.sh failed ($?)"
    fi
    if "$BENCH" owner --help >/dev/null 2>&1; then
        header "commit-to-frame latency (studyspot-bench owner; target p99 ≤ 20 ms at 2,000/s)"
        "$BENCH" owner --config "$cfg" --coalesce-ms 5 || echo "studyspot-bench owner failed ($?)"
    fi
fi

# Starts a command in a detached tmux session of 200×50; prints the pane's pid.
start_tmux() {  # name, bytes file, command…
    local name=$1 bytes=$2; shift 2
    tmux kill-session -t "$name" 2>/dev/null || true
    tmux new-session -d -s "$name" -x 200 -y 50 "$@"
    tmux set-option -t "$name" status off >/dev/null
    tmux pipe-pane -t "$name" -o "cat >> $bytes"
    tmux display-message -p -t "$name" '#{pane_pid}'
}
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }   # utime + stime
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
HZ=$(getconf CLK_TCK)

# --- 3: resident memory with 10,000 feed entries (MEMORY_DYNAMIC=1: also the
# build with the Swift runtime and Foundation as shared libraries, for comparison)
memory_run() {  # binary, label
    header "resident memory, $2, dashboard open at 10x, feed holding 10,000 entries (target ≤ 25 MB)"
    local pid
    pid=$(start_tmux ss-mem$SFX "$WORK/mem.bytes" env TERM=xterm-256color "$1" --config "$cfg")
    sleep 5
    echo "before traffic: VmRSS $(status_kb "$pid" VmRSS) kB"
    $BIN simulate --config "$cfg" --rate "$MEMORY_RATE" --requests 5 --duration "$MEMORY_SECONDS" --no-instances >/dev/null 2>&1 &
    SIM_PID=$!
    wait "$SIM_PID" || true; SIM_PID=
    sleep 3
    written=$((MEMORY_RATE * MEMORY_SECONDS))
    echo "after ~$written booking changes at $MEMORY_RATE/s (the feed keeps the last 10,000): VmRSS $(status_kb "$pid" VmRSS) kB, VmHWM $(status_kb "$pid" VmHWM) kB, threads $(status_kb "$pid" Threads)"
    tmux capture-pane -p -t ss-mem$SFX | grep -m1 -iE "changes|bookings" | sed 's/^/  screen: /' || true
    echo "largest mappings by resident size (kB):"
    awk '/^[0-9a-f]+-[0-9a-f]+ /{name=$6; if (name=="") name="[anon]"} /^Rss:/{rss[name]+=$2} END {for (n in rss) if (rss[n] > 0) printf "  %7d  %s\n", rss[n], n}' "/proc/$pid/smaps" | sort -rn | head -12
    grep -E "^(Rss|Pss|Anonymous|Private_Clean|Private_Dirty|Shared_Clean)" "/proc/$pid/smaps_rollup" | sed 's/^/  /'
    tmux send-keys -t ss-mem$SFX q; sleep 1; tmux kill-session -t ss-mem$SFX 2>/dev/null || true
}
if want memory; then
    if [ -n "${STUDYSPOT_BENCH_BINARY:-}" ]; then label="binary $BIN"; else label="release build (static Swift runtime and Foundation)"; fi
    memory_run "$BIN" "$label"
    if [ -n "${MEMORY_DYNAMIC:-}" ]; then
        memory_run "$(scripts/build-release.sh --dynamic)" "release build, Swift libraries shared"
    fi
fi

# --- 4: beside pg_activity and htop, same PostgreSQL, 1 s refresh, same terminal size
if want peer; then
    bench_install_peers || exit 1
    header "beside pg_activity $(pg_activity --version 2>/dev/null | awk '{print $NF}'), ${PEER_SECONDS} s after ${PEER_WARMUP} s, 1 s refresh, 200×50 tmux panes (targets: ≤ 1/5 of its CPU, less memory, ≤ 1/50 of its bytes)"
    peer_dsn=$(dsn "$PEER_SHARD")
    declare -A PID
    PID[studyspot]=$(start_tmux ss-console$SFX "$WORK/studyspot.bytes" env TERM=xterm-256color "$BIN" --config "$cfg")
    PID[pg_activity]=$(start_tmux ss-pga$SFX "$WORK/pg_activity.bytes" env TERM=xterm-256color pg_activity --refresh 1 "$peer_dsn")
    names=(studyspot pg_activity)
    if command -v htop >/dev/null; then
        PID[htop]=$(start_tmux ss-htop$SFX "$WORK/htop.bytes" env TERM=xterm-256color htop -d 10)
        names+=(htop)
    fi
    sleep 2
    tmux send-keys -t ss-console$SFX +    # the console's refresh 2 s → 1 s
    # Start-up and the first minute are not part of the figure: both draw
    # everything at first, and the console's alert ages count seconds for
    # their first minute, minutes after.
    sleep "$PEER_WARMUP"
    declare -A T0 B0
    # Booking writes during the window (anyone's): they make the console draw.
    changes() {
        local n=0 s v
        for s in neon supabase planetscale; do
            v=$(psql "$(dsn $s)" -Atc "SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = 'bookings'" 2>/dev/null || echo 0)
            n=$((n + ${v:-0}))
        done
        echo $n
    }
    c0=$(changes)
    for n in "${names[@]}"; do T0[$n]=$(ticks "${PID[$n]}"); B0[$n]=$(stat -c %s "$WORK/$n.bytes"); done
    start=$(date +%s.%N)
    sleep "$PEER_SECONDS"
    elapsed=$(echo "$(date +%s.%N) - $start" | bc)
    echo "  booking changes written during the window (by anyone): $(( $(changes) - c0 ))"
    printf "  %-12s %16s %12s %12s %18s\n" "" "CPU-s/min" "VmRSS MB" "VmHWM MB" "bytes/min"
    declare -A CPU BYTES RSS
    for n in "${names[@]}"; do
        p=${PID[$n]}
        CPU[$n]=$(echo "scale=4; ($(ticks "$p") - ${T0[$n]}) / $HZ * 60 / $elapsed" | bc)
        BYTES[$n]=$(echo "($(stat -c %s "$WORK/$n.bytes") - ${B0[$n]}) * 60 / $elapsed" | bc)
        RSS[$n]=$(status_kb "$p" VmRSS)
        printf "  %-12s %16.3f %12.1f %12.1f %18d\n" "$n" "${CPU[$n]}" "$(echo "${RSS[$n]}/1024" | bc -l)" \
            "$(echo "$(status_kb "$p" VmHWM)/1024" | bc -l)" "${BYTES[$n]}"
    done
    ratio() { echo "scale=3; $1 / ($2 + 0.000001)" | bc; }
    echo "  studyspot / pg_activity: CPU $(ratio "${CPU[studyspot]}" "${CPU[pg_activity]}") (target ≤ 0.2), memory $(ratio "${RSS[studyspot]}" "${RSS[pg_activity]}") (target < 1), bytes $(ratio "${BYTES[studyspot]}" "${BYTES[pg_activity]}") (target ≤ 0.02)"
    tmux send-keys -t ss-console$SFX q
fi
echo
echo "stack left running in $DIR; stop it with: $BIN stack down --dir $DIR"
