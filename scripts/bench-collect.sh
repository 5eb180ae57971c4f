#!/bin/bash
# Collect time for every registered collector against the fake providers,
# and the API calls a day at the default intervals against each provider's
# limits (Benchmarks/README.md, "Collectors").
#   scripts/bench-collect.sh STACK_CONFIG [RUNS] [path/to/studyspot]
# STACK_CONFIG: a stack's config (`studyspot stack up` prints its path); its
# ops shard gets the rows (schema applied first).
set -uo pipefail
STACK=${1:?usage: bench-collect.sh STACK_CONFIG [RUNS] [path/to/studyspot]}
RUNS=${2:-10}
HERE=$(cd "$(dirname "$0")/.." && pwd)
BIN=${3:-$HERE/.build/debug/studyspot}
tmp=$(mktemp -d)
fake_pid=
cleanup() { [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export XDG_STATE_HOME="$tmp/state"
unset STUDYSPOT_CONFIG

for _ in 1 2 3 4 5 6 7 8; do
    port=$(python3 -c 'import random; print(random.randint(61100, 64900))')
    python3 "$HERE/scripts/fake_providers/server.py" --port "$port" >/dev/null 2>&1 &
    fake_pid=$!
    python3 -c 'import sys, time, urllib.request
for _ in range(150):
    try: urllib.request.urlopen("http://127.0.0.1:%s/health" % sys.argv[1], timeout=1); sys.exit(0)
    except Exception: time.sleep(0.1)
sys.exit(1)' "$port" && break
    kill "$fake_pid" 2>/dev/null; fake_pid=
done
[ -n "$fake_pid" ] || { echo "bench-collect: the fake providers did not start" >&2; exit 1; }

cfg="$tmp/config.toml"
{ cat "$STACK"; echo; python3 -c 'import sys, urllib.request; print(urllib.request.urlopen("http://127.0.0.1:%s/_fake/collectors" % sys.argv[1]).read().decode())' "$port"; } > "$cfg"
chmod 600 "$cfg"
"$BIN" schema apply --config "$cfg" >/dev/null || { echo "bench-collect: schema apply failed" >&2; exit 1; }
echo "collectors: $(grep -c '^\[\[collector\]\]' "$cfg"); runs: $RUNS; binary: $BIN"
"$BIN" collect --once --config "$cfg" >/dev/null 2>"$tmp/err" || { echo "bench-collect: a collector failed:" >&2; cat "$tmp/err" >&2; }

python3 - "$BIN" "$cfg" "$RUNS" <<'PY'
import statistics, subprocess, sys, time
binary, cfg, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = []
for _ in range(runs):
    t = time.monotonic()
    r = subprocess.run([binary, "collect", "--once", "--config", cfg], capture_output=True)
    times.append((time.monotonic() - t) * 1000)
    if r.returncode != 0:
        print("collect --once exited %d: %s" % (r.returncode, r.stderr.decode().strip()))
print("collect --once, every collector: mean %.0f ms, median %.0f ms, min %.0f ms, max %.0f ms (%d runs)"
      % (statistics.mean(times), statistics.median(times), min(times), max(times), runs))
PY
echo
echo "API calls and figures of each collector's last poll (the log):"
grep -ho 'collect [^:]*: [0-9]* figure(s) written, [0-9]* call(s)' "$XDG_STATE_HOME/studyspot/studyspot.log" | sed 's/^collect //' | sort | uniq
echo
echo "API calls a day at the default intervals (collect --plan):"
"$BIN" collect --plan --config "$cfg"
