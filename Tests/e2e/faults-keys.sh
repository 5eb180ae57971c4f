#!/usr/bin/env bash
# Fault suite, end to end: the real dashboard in tmux while a shard hangs.
#
#   Tests/e2e/faults-keys.sh PATH/TO/studyspot
#
# Brings up a PRIVATE stack (above the ephemeral range; never the shared
# test stack), applies the schema, opens `studyspot dash` at its default
# refresh in a detached 120×32 tmux session, SIGSTOPs every process of the
# neon shard (hung, not dead) and, while it hangs, measures key handling:
# a pane switch (7 ↔ 6) is sent and capture-pane is polled until the new
# pane's title shows, 20 times, each under 100 ms (the same with every shard
# healthy first, as the measurement's floor). It checks the Shards and
# Bookings panes mark neon, SIGCONTs it and checks both marks clear. Every
# wait polls a condition with a deadline; the trap continues the shard, stops
# tmux and brings the stack down even on failure.
set -u
BIN=${1:?usage: $0 PATH/TO/studyspot}
[ -x "$BIN" ] || { echo "FAIL: $BIN is not an executable" >&2; exit 2; }
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
KEY_LIMIT_MS=${KEY_LIMIT_MS:-100}
ROUNDS=${ROUNDS:-20}

SOCK="studyspot-faults-$$"
T="tmux -L $SOCK"
SESSION=faults
DIR=""
STOPPED=""
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cleanup() {
    for p in $STOPPED; do kill -CONT "$p" 2>/dev/null; done
    $T kill-server 2>/dev/null
    if [ -n "$DIR" ]; then "$BIN" stack down --dir "$DIR" >/dev/null 2>&1; rm -rf "$DIR"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

fail() {
    echo "FAIL: $*" >&2
    echo "---- screen ----" >&2
    $T capture-pane -p -t "$SESSION" >&2 2>/dev/null
    echo "----------------" >&2
    exit 1
}
screen() { $T capture-pane -p -t "$SESSION"; }
# wait_re REGEX [SECONDS]: poll the screen until a line matches; prints the seconds it took.
wait_re() {
    local re=$1 start deadline
    start=$(now_ms); deadline=$(( start + ${2:-10} * 1000 ))
    while (( $(now_ms) < deadline )); do
        if screen | grep -qE -- "$re"; then echo "$(( $(now_ms) - start ))"; return 0; fi
        sleep 0.05
    done
    fail "timed out after ${2:-10}s waiting for /$re/"
}
ms_to_s() { printf '%d.%02d' $(( $1 / 1000 )) $(( $1 % 1000 / 10 )); }

echo "1. a private stack"
CFG=""
# Bases above the kernel's ephemeral range (no client connection can hold one
# of the ports before the servers bind), from a random start so that other
# runs at the same time pick others; `stack up` refuses a base in use.
read -r _ eph_high < /proc/sys/net/ipv4/ip_local_port_range
first=$(( eph_high + 1 + 25 * (RANDOM % 40) ))
for base in $first $((first + 1000)) $((first + 2000)); do
    [ $((base + 24)) -le 65535 ] || base=$(( eph_high + 1 + 25 * (RANDOM % 10) ))
    DIR=/tmp/studyspot-faults-e2e-$$-$base
    if CFG=$("$BIN" stack up --dir "$DIR" --base-port "$base" 2>/dev/null | tail -n 1) && [ -f "$CFG" ]; then break; fi
    "$BIN" stack down --dir "$DIR" >/dev/null 2>&1; rm -rf "$DIR"; DIR=""; CFG=""
done
[ -n "$CFG" ] || fail "no private stack came up above the ephemeral range (from base $first)"
"$BIN" schema apply --config "$CFG" >/dev/null || fail "schema apply failed"
PIDFILE=$DIR/postgres/neon/postmaster.pid
[ -f "$PIDFILE" ] || fail "no pid file for neon ($PIDFILE)"

echo "2. the dashboard, all shards reachable"
$T new-session -d -s "$SESSION" -x 120 -y 32 \
    "env TERM=xterm-256color XDG_STATE_HOME=$DIR/state $BIN dash --config $CFG --role operator; exec sleep 3600" \
    || fail "cannot start tmux"
$T send-keys -t "$SESSION" 6
wait_re "┌ Shards" >/dev/null
wait_re "● 5 reachable" 30 >/dev/null
$T send-keys -t "$SESSION" 2
wait_re "● neon" 30 >/dev/null

# keys LABEL: ROUNDS pane switches (7 ↔ 6), each timed from send-keys until
# capture-pane shows the new pane's title; sets MEDIAN, WORST and OVER (keys at
# or over the limit) and prints them.
keys() {
    local times=() i key title t0 deadline sorted
    for i in $(seq 1 "$ROUNDS"); do
        if (( i % 2 )); then key=7; title="┌ Caches"; else key=6; title="┌ Shards"; fi
        t0=$(date +%s%N)
        $T send-keys -t "$SESSION" "$key"
        deadline=$(( t0 + 5000000000 ))
        until screen | grep -qF "$title"; do
            (( $(date +%s%N) < deadline )) || fail "key $key: $title did not show within 5 s"
        done
        times+=( $(( ($(date +%s%N) - t0) / 1000000 )) )
    done
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    MEDIAN=$(echo "$sorted" | sed -n "$(( (ROUNDS + 1) / 2 ))p")
    WORST=$(echo "$sorted" | tail -n 1)
    OVER=0
    for i in "${times[@]}"; do (( i < KEY_LIMIT_MS )) || OVER=$((OVER + 1)); done
    echo "   $1: key to screen median ${MEDIAN} ms, worst ${WORST} ms, ${OVER} of $ROUNDS at ${KEY_LIMIT_MS} ms or more (load average $(cut -d' ' -f1-3 /proc/loadavg))"
}

echo "3. keys with every shard healthy (the measurement's own floor: tmux send-keys + capture-pane)"
keys healthy
BASE_MEDIAN=$MEDIAN

echo "4. SIGSTOP neon (postmaster and every backend)"
MAIN=$(head -n 1 "$PIDFILE")
STOPPED="$MAIN $(pgrep -P "$MAIN" | tr '\n' ' ')"
HUNG_AT=$(now_ms)
for p in $STOPPED; do kill -STOP "$p"; done

echo "5. keys while it hangs"
keys hung
[ "$($T display -p -t "$SESSION" '#{pane_current_command}')" != "sleep" ] || fail "the dashboard exited while the shard hung"

echo "6. the hung shard is marked"
$T send-keys -t "$SESSION" 2
wait_re "✕ neon reconnecting" 30 >/dev/null
feed_mark=$(( $(now_ms) - HUNG_AT ))
$T send-keys -t "$SESSION" 6
wait_re "neon +✕ unreachable" 30 >/dev/null
shards_mark=$(( $(now_ms) - HUNG_AT ))
echo "   marked after: Bookings pane $(ms_to_s $feed_mark) s, Shards pane $(ms_to_s $shards_mark) s (default refresh 2 s: shards polled every 5 s, 5 s deadline)"

echo "7. SIGCONT: the marks clear"
for p in $STOPPED; do kill -CONT "$p"; done
STOPPED=""
BACK_AT=$(now_ms)
$T send-keys -t "$SESSION" 2
wait_re "● neon" 30 >/dev/null
feed_back=$(( $(now_ms) - BACK_AT ))
$T send-keys -t "$SESSION" 6
wait_re "● 5 reachable" 30 >/dev/null
shards_back=$(( $(now_ms) - BACK_AT ))
echo "   recovered after: Bookings pane $(ms_to_s $feed_back) s, Shards pane $(ms_to_s $shards_back) s"

# Every key under the limit. On an overloaded machine (load average over
# twice the cores) tmux itself is slow: the median must still be under the
# limit and a hang must not slow keys beyond the healthy floor's noise.
cores=$(nproc)
load=$(cut -d' ' -f1 /proc/loadavg)
if (( OVER > 0 )); then
    if awk -v l="$load" -v c="$cores" 'BEGIN { exit !(l > 2 * c) }'; then
        echo "   WARNING: $OVER keys at ${KEY_LIMIT_MS} ms or more on an overloaded machine (load $load, $cores cores)"
        (( MEDIAN < KEY_LIMIT_MS )) || fail "median key latency while hung ${MEDIAN} ms"
        (( MEDIAN <= BASE_MEDIAN + 50 )) || fail "a hung shard slows keys: median ${MEDIAN} ms hung vs ${BASE_MEDIAN} ms healthy"
    else
        fail "$OVER of $ROUNDS keys took ${KEY_LIMIT_MS} ms or more to reach the screen while the shard hung (worst ${WORST} ms)"
    fi
fi

$T send-keys -t "$SESSION" q
echo "PASS faults-keys: $ROUNDS keys while hung, median ${MEDIAN} ms, worst ${WORST} ms (healthy median ${BASE_MEDIAN} ms); marked in $(ms_to_s $feed_mark) s (Bookings) / $(ms_to_s $shards_mark) s (Shards); clear $(ms_to_s $feed_back) s / $(ms_to_s $shards_back) s after SIGCONT"
