#!/bin/bash
# bench-memory.sh's procedure (operator, 200×50 tmux, 12,500 changes at 250/s,
# panes 1–9, 2, 1) for profiling where the heap goes: VmRSS/VmHWM/threads
# every 0.2 s (OUTDIR/rss.tsv), /proc/PID/smaps after start-up, after the
# changes and at the end, each thread's state (ps -L). A wrapper command runs
# the console under a profiler (heaptrack: its file lands in the current
# directory). KILL=1 ends the console with SIGKILL instead of q, so that what
# heaptrack reports as leaked is what was live at the end (a clean quit frees
# the state first). Benchmarks/README.md, the footprint's heap section.
# Usage: scripts/bench-memory-profile.sh BINARY CONFIG OUTDIR [WRAPPER…]
set -uo pipefail
BIN=$1 CFG=$2 OUT=$3; shift 3
mkdir -p "$OUT"
S=ss-heapprof-$$
cleanup() { tmux kill-session -t "$S" 2>/dev/null || true; [ -n "${SIM_PID:-}" ] && kill "$SIM_PID" 2>/dev/null || true; [ -n "${MON:-}" ] && kill "$MON" 2>/dev/null; }
trap cleanup EXIT
kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
wait_screen() { local i; for i in $(seq 1 $(($2 * 10))); do tmux capture-pane -p -t "$S" | grep -q "$1" && return 0; sleep 0.1; done; return 1; }
echo "date: $(date -u +%FT%TZ); load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/info"
tmux new-session -d -s "$S" -x 200 -y 50 env TERM=xterm-256color "$@" "$BIN" --config "$CFG"
tmux set-option -t "$S" status off >/dev/null
ppid=$(tmux display-message -p -t "$S" '#{pane_pid}')
pid=$ppid
# with a wrapper, the studyspot process is a descendant
for i in $(seq 1 50); do p=$(pgrep -n -f "^$BIN --config" ) && pid=$p && break; sleep 0.1; done
echo "pid $pid" >> "$OUT/info"
( t0=$(date +%s.%N); while [ -d /proc/$pid ]; do echo "$(echo "$(date +%s.%N) - $t0" | bc) $(kb $pid VmRSS) $(kb $pid VmHWM) $(kb $pid Threads)"; sleep 0.2; done ) > "$OUT/rss.tsv" 2>/dev/null &
MON=$!
wait_screen Overview 30 || echo "no Overview on screen after 30 s"
sleep 3
cp /proc/$pid/smaps "$OUT/smaps.start"; cp /proc/$pid/status "$OUT/status.start"
"$BIN" simulate --config "$CFG" --rate 250 --requests 5 --duration 50 --no-instances >/dev/null 2>&1 &
SIM_PID=$!
wait "$SIM_PID" || true; SIM_PID=
cp /proc/$pid/smaps "$OUT/smaps.aftersim"
for p in 1 2 3 4 5 6 7 8 9 2 1; do tmux send-keys -t "$S" "$p"; sleep 1; done
cp /proc/$pid/smaps "$OUT/smaps.end"; cp /proc/$pid/status "$OUT/status.end"
ps -L -o tid,comm,stat,time -p $pid > "$OUT/threads"
for t in /proc/$pid/task/*; do echo "$(basename $t) $(cat $t/comm) $(awk '{print $28, $29}' $t/stat)"; done > "$OUT/task-sp"
echo "VmRSS $(kb "$pid" VmRSS) kB, VmHWM $(kb "$pid" VmHWM) kB, threads $(kb "$pid" Threads)" | tee -a "$OUT/info"
if [ -n "${KILL:-}" ]; then kill -9 $pid; else tmux send-keys -t "$S" q; fi
for i in $(seq 1 100); do [ -d /proc/$pid ] || break; sleep 0.2; done; sleep 3
