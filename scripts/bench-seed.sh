#!/bin/bash
# Seeding figures: builds a release binary, brings up a separate
# bench stack, and seeds `target` and `10x` from empty, printing rows, time,
# rows/s and peak memory with the machine and date.
#   scripts/bench-seed.sh [scales…]    default: target 10x
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
DIR=${BENCH_STACK_DIR:-/tmp/studyspot-bench-stack}
PORT=${BENCH_BASE_PORT:-57400}
BIN=$(scripts/build-release.sh)
cfg=$($BIN stack up --dir "$DIR" --base-port "$PORT" | tail -n 1)
$BIN schema apply --config "$cfg" >/dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); date: $(date -u +%FT%TZ)"
scales=("$@")
[ ${#scales[@]} -eq 0 ] && scales=(target 10x)
for s in "${scales[@]}"; do
    /usr/bin/time -f "peak RSS %M KB, %U s user, %S s sys" $BIN seed --config "$cfg" --scale "$s" --force 2>&1 \
        | grep -E "^(seeding|seeded|  |peak)" | sed "s/^/[$s] /"
done
echo "stack left running in $DIR; stop it with: $BIN stack down --dir $DIR"
