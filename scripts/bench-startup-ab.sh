#!/bin/bash
# Start → first frame and → loaded frame of several binaries, interleaved
# (one warm run of each, then RUNS rounds of A, B, …), so that the shared
# machine's load moves every binary's figures alike; prints each binary's
# medians and minimum (Benchmarks/README.md, "Footprint (issue 18): start-up").
# Usage: scripts/bench-startup-ab.sh RUNS BIN_A [BIN_B …]
# Env: BENCH_CFG (the 10x bench stack's config by default).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=$1; shift
CFG=${BENCH_CFG:-/tmp/studyspot-bench-stack/config.toml}
W=$(mktemp -d /tmp/studyspot-startup-ab.XXXXXX)
SIM=""
cleanup() { [ -n "$SIM" ] && kill "$SIM" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
source scripts/bench-lib.sh
bench_serve_instances "$1" "$CFG" "$W/sim.log" 1
SIM=$BENCH_SIM
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg); instances: $BENCH_INSTANCES"
for b in "$@"; do python3 scripts/bench-ui-pty.py start --binary "$b" --config "$CFG" --trace "$W/trace" --log "$W/log" >/dev/null; done
declare -A L F
for _ in $(seq 1 "$RUNS"); do
    for b in "$@"; do
        out=$(python3 scripts/bench-ui-pty.py start --binary "$b" --config "$CFG" --trace "$W/trace" --log "$W/log")
        L[$b]+="$(sed -n 's/^loaded_frame_ms=//p' <<<"$out") "; F[$b]+="$(sed -n 's/^first_frame_ms=//p' <<<"$out") "
    done
done
for b in "$@"; do
    # shellcheck disable=SC2086
    echo "$b: loaded median $(median ${L[$b]}) min $(minimum ${L[$b]}) · first frame median $(median ${F[$b]}) · loaded ${L[$b]}"
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
