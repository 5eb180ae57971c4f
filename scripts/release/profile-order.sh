#!/bin/bash
# Regenerates scripts/release/studyspot.order, the --symbol-ordering-file that
# scripts/build-release.sh gives lld: the functions a dashboard run executes,
# placed together so that the pages (and page-cache folios, and the kernel's
# 64 kB fault-around) they need are few and contiguous instead of scattered
# over 18 MB of .text (Benchmarks/README.md, "Footprint (issue 18): code
# layout").
#
# Links studyspot again from the last `make release` (scripts/release/
# link-map.py, with lld's link map), then runs it under callgrind (every
# function executed, not a sample) in a 200×50 tmux pane on a test stack while
# `simulate` has made booking changes: an operator's console visiting every pane,
# searching, sorting; then an owner's ([login] in a copy of the config) on
# Bookings and Seats. scripts/release/order-symbols.py turns the profiles and
# the map into the ordering file.
#
# Usage: scripts/release/profile-order.sh CONFIG OWNER_CONFIG [OUT]
#   CONFIG: a seeded stack's config (not the shared bench stack: callgrind
#   keeps a core busy for minutes). OWNER_CONFIG: the same with a [login]
#   section for an owner role; its password in $STUDYSPOT_PASSWORD.
#   OUT: scripts/release/studyspot.order by default.
# Env: SCRATCH (.build-release): the release build to profile;
#      PROFILE_KEY_SECONDS (3): the pause after each key;
#      PROFILE_RATE (250), PROFILE_SECONDS (50): the changes `simulate` makes
#      before the panes are visited (bench-memory.sh's).
# The profiles and the map are kept in $SCRATCH/order-profile/. Then
# `make release` (scripts/build-release.sh) links with the new order.
# callgrind misses a few functions (static constructors of libstdc++'s
# locale, _start): a page-fault profile of the ordered binary finds them,
#   perf record -c 1 -e page-faults -d -o pf.data studyspot … (visit panes)
#   scripts/release/fault-names.py pf.data BINARY > extra.txt
#   scripts/release/order-symbols.py MAP PROFILES… --also extra.txt > ORDER
# (the committed list had this second pass: Benchmarks/README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CFG=$1 OWNER_CFG=$2 OUT=${3:-$here/studyspot.order}
SCRATCH=${SCRATCH:-$here/../../.build-release}
export PATH="$PATH:/opt/swift/usr/bin"
work=$SCRATCH/order-profile
rm -rf "$work"; mkdir -p "$work"
S=ss-order-$$
cleanup() { tmux kill-session -t "$S" 2>/dev/null || true; }
trap cleanup EXIT
"$here/link-map.py" "$SCRATCH" "$work/linked"
BIN=$work/linked
# valgrind reads a binary's debug info before it runs it: without it, start
# takes seconds instead of minutes. Symbols (.symtab) stay.
objcopy --strip-debug "$BIN" "$work/studyspot"
wait_screen() { local i; for i in $(seq 1 $(($2 * 10))); do tmux capture-pane -p -t "$S" 2>/dev/null | grep -q "$1" && return 0; sleep 0.1; done; echo "profile: no '$1' on screen after $2 s" >&2; return 1; }
# Keys are sent a few seconds apart: under callgrind a frame takes ~50× longer.
keys() { local k; for k in "$@"; do tmux send-keys -t "$S" "$k"; sleep "${PROFILE_KEY_SECONDS:-3}"; done; }
run() {   # run NAME CONFIG FIRST_PANE [ARGS...]: one profiled console
    local name=$1 cfg=$2 first=$3; shift 3
    tmux new-session -d -s "$S" -x 200 -y 50 env TERM=xterm-256color \
        valgrind --tool=callgrind --demangle=no --dump-instr=no \
        --callgrind-out-file="$work/$name.out" --log-file="$work/$name.log" \
        "$work/studyspot" --config "$cfg" "$@"
    tmux set-option -t "$S" status off >/dev/null
    wait_screen "$first" 180 || true
    # As scripts/bench-memory.sh: the feed's ring (10,000) fills and wraps
    # before the panes are visited.
    "$BIN" simulate --config "$CFG" --rate "${PROFILE_RATE:-250}" --requests 5 --duration "${PROFILE_SECONDS:-50}" --no-instances >/dev/null 2>&1 || true
}
finish() {   # quits the console and waits for callgrind to write its profile
    local name=$1 i
    tmux send-keys -t "$S" q
    for i in $(seq 1 6000); do tmux has-session -t "$S" 2>/dev/null || break; sleep 0.1; done
    tmux kill-session -t "$S" 2>/dev/null || true
    [ -s "$work/$name.out" ] || { echo "profile: callgrind wrote no $name profile" >&2; cat "$work/$name.log" >&2; exit 1; }
}

run operator "$CFG" Overview
keys 1 2 3 4 5 6 7 8 9 2 / l i b Enter Escape '>' '>' I 4 '>' 5 '>' 6 7 3 1 Tab Tab '?' Escape 1
finish operator
run owner "$OWNER_CFG" Bookings --role owner
keys 2 / a Enter Escape '>' 3 / a Enter Escape 2 1
finish owner
"$here/order-symbols.py" "$work/linked.map" "$work"/operator.out "$work"/owner.out > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "$OUT: $(wc -l < "$OUT") functions"
