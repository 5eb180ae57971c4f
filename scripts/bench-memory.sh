#!/bin/bash
# Resident memory of the operator dashboard as issue 18 measures it: a
# 200×50 tmux pane on a seeded (10x) stack, MEMORY_RATE booking changes a
# second for MEMORY_SECONDS (the feed keeps the last 10,000), then every pane
# visited (digits 1–9), then VmRSS, VmHWM, threads, their stacks' resident
# size and the largest mappings. One binary per call, so A/B runs of two
# builds use the same procedure and stack.
# Usage: scripts/bench-memory.sh BINARY CONFIG [LABEL]
# Env: MEMORY_RATE (250), MEMORY_SECONDS (50), SIMULATOR (the binary that runs
#      `simulate`; BINARY by default).
set -euo pipefail
BIN=$1 CFG=$2 LABEL=${3:-$1}
RATE=${MEMORY_RATE:-250} SECONDS_=${MEMORY_SECONDS:-50}
SIM=${SIMULATOR:-$BIN}
S=ss-footmem-$$
cleanup() { tmux kill-session -t "$S" 2>/dev/null || true; [ -n "${SIM_PID:-}" ] && kill "$SIM_PID" 2>/dev/null || true; }
trap cleanup EXIT
kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
# Waits up to $2 seconds for the pane to show $1.
wait_screen() { local i; for i in $(seq 1 $(($2 * 10))); do tmux capture-pane -p -t "$S" | grep -q "$1" && return 0; sleep 0.1; done; return 1; }

echo "== $LABEL"
echo "date: $(date -u +%FT%TZ); load average: $(cut -d' ' -f1-3 /proc/loadavg); binary $(stat -c %s "$BIN") bytes"
tmux new-session -d -s "$S" -x 200 -y 50 env TERM=xterm-256color "$BIN" --config "$CFG"
tmux set-option -t "$S" status off >/dev/null
pid=$(tmux display-message -p -t "$S" '#{pane_pid}')
wait_screen Overview 30 || echo "no Overview on screen after 30 s"
"$SIM" simulate --config "$CFG" --rate "$RATE" --requests 5 --duration "$SECONDS_" --no-instances >/dev/null 2>&1 &
SIM_PID=$!
wait "$SIM_PID" || true; SIM_PID=
for p in 1 2 3 4 5 6 7 8 9 2 1; do tmux send-keys -t "$S" "$p"; sleep 1; done
echo "VmRSS $(kb "$pid" VmRSS) kB, VmHWM $(kb "$pid" VmHWM) kB, threads $(kb "$pid" Threads)"
# Thread stacks: a private rw mapping right above a ---p guard page is a
# pthread stack (glibc maps guard and stack together).
awk '/^[0-9a-f]+-[0-9a-f]+ /{split($1,a,"-"); st=(prevperm=="---p" && a[1]==prevhi && $2=="rw-p" && $6==""); prevhi=a[2]; prevperm=$2; if (st) n++} st && /^Rss:/{rss+=$2} st && /^Size:/{size+=$2}
     END {printf "thread stacks: %d mappings, %d kB mapped, %d kB resident\n", n, size, rss}' "/proc/$pid/smaps"
[ "$(id -u)" = 0 ] && [ -x "$(dirname "$0")/resident-by-library.py" ] && { echo "the binary's resident pages by library:"; "$(dirname "$0")/resident-by-library.py" "$pid" "$BIN" || true; }
echo "largest mappings by resident size (kB):"
awk '/^[0-9a-f]+-[0-9a-f]+ /{name=$6; if (name=="") name="[anon]"} /^Rss:/{rss[name]+=$2} END {for (n in rss) if (rss[n] > 0) printf "  %7d  %s\n", rss[n], n}' "/proc/$pid/smaps" | sort -rn | head -14
grep -E "^(Rss|Pss|Anonymous|Private_Clean|Private_Dirty|Shared_Clean)" "/proc/$pid/smaps_rollup" | sed 's/^/  /'
tmux send-keys -t "$S" q
