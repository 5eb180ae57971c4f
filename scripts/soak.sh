#!/usr/bin/env bash
# Soak test: the dashboard open for DURATION under live
# traffic, watched from outside through /proc, pg_stat_activity and Redis
# CLIENT LIST. Not run by `make test`.
#
#   scripts/soak.sh [--duration S] [--warmup S] [--interval S] [--rate N] [--scale small|target] [--keep-stack]
#
# Environment (flags win): DURATION (1800), WARMUP (300), INTERVAL (30),
# RATE (200), SCALE (target), SIZE (160x48, the tmux window), BIN (a built
# studyspot; default: build release into .build-release), STACK_DIR
# (/tmp/studyspot-soak-stack), BASE_PORT (55800), OUT (a folder for the
# samples and logs; default a fresh one under /tmp, kept after the run).
#
# What it does: builds release, brings up its own stack, applies the schema,
# re-seeds (--force, so every run starts from the same data), starts
# `studyspot simulate --rate RATE` with the fake instances, and opens
# `studyspot dash --role operator` (every monitor runs for operators) in a
# detached tmux session on its own socket (`tmux -L soak`). Every INTERVAL it
# samples the console's VmRSS/VmHWM, open fds and threads, its connections
# (pg_stat_activity per shard, Redis CLIENT LIST matched against the
# console's own sockets), its log file, and the booking changes the shards
# have taken (n_tup_ins + n_tup_upd of `bookings` on the users shards). It
# shows a different pane every sample so every pane's drawing runs. After the
# run it checks, over the samples after WARMUP: VmRSS growth (last vs first)
# beyond the ids of the new bookings it must keep (PER_BOOKING bytes each:
# today's tally and the charts' ids of the hour) ≤ 5%, threads and connections constant, open fds back where they were
# (a sample may catch a /health probe's socket in flight), the console alive, and
# still updating (the Bookings pane shows a booking changed in the last
# minute, and its count moves). Prints a table and PASS/FAIL; exit 0 on PASS.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"

DURATION=${DURATION:-1800}
WARMUP=${WARMUP:-300}
INTERVAL=${INTERVAL:-30}
RATE=${RATE:-200}
PER_BOOKING=12   # bytes the console keeps per new booking (see the verdict)
SCALE=${SCALE:-target}
SIZE=${SIZE:-160x48}
STACK_DIR=${STACK_DIR:-/tmp/studyspot-soak-stack}
BASE_PORT=${BASE_PORT:-55800}
KEEP_STACK=0
while [ $# -gt 0 ]; do
    case $1 in
        --duration) DURATION=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --interval) INTERVAL=$2; shift 2 ;;
        --rate) RATE=$2; shift 2 ;;
        --scale) SCALE=$2; shift 2 ;;
        --keep-stack) KEEP_STACK=1; shift ;;
        -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
        *) echo "soak: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
(( WARMUP < DURATION )) || { echo "soak: WARMUP ($WARMUP s) must be shorter than DURATION ($DURATION s)" >&2; exit 2; }
COLS=${SIZE%x*}; ROWS=${SIZE#*x}
OUT=${OUT:-$(mktemp -d /tmp/studyspot-soak.XXXXXX)}
# The tree the binary is built from (a dirty tree says so), taken before the run.
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
[ -n "$(git status --porcelain -- Sources Package.swift 2>/dev/null)" ] && COMMIT="$COMMIT+changes"
mkdir -p "$OUT"
T="tmux -L soak"
SIM_PID=""
log() { echo "[soak $(date -u +%H:%M:%S)] $*" >&2; }

cleanup() {
    local rc=$?
    $T kill-server 2>/dev/null
    if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill -INT "$SIM_PID" 2>/dev/null
        for _ in $(seq 100); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SIM_PID" 2>/dev/null
    fi
    if [ "$KEEP_STACK" = 0 ] && [ -n "${BIN:-}" ] && [ -x "$BIN" ]; then
        "$BIN" stack down --dir "$STACK_DIR" >/dev/null 2>&1
    fi
    log "samples and logs kept in $OUT"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# --- build and stack -------------------------------------------------------
if [ -z "${BIN:-}" ]; then
    log "building release (.build-release)"
    swift build -c release --scratch-path .build-release --product studyspot >"$OUT/build.log" 2>&1 \
        || { tail -20 "$OUT/build.log" >&2; echo "soak: release build failed" >&2; exit 2; }
    BIN=$PWD/.build-release/release/studyspot
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
command -v tmux >/dev/null && command -v psql >/dev/null && command -v redis-cli >/dev/null && command -v ss >/dev/null \
    || { echo "soak: needs tmux, psql, redis-cli and ss" >&2; exit 2; }

log "stack up in $STACK_DIR (base port $BASE_PORT)"
cfg=$("$BIN" stack up --dir "$STACK_DIR" --base-port "$BASE_PORT" 2>"$OUT/stack.log" | tail -1)
[ -f "$cfg" ] || { cat "$OUT/stack.log" >&2; echo "soak: stack up failed" >&2; exit 2; }
export STUDYSPOT_OWNER_PASSWORD=${STUDYSPOT_OWNER_PASSWORD:-studyspot-test-owner}
"$BIN" schema apply --config "$cfg" >"$OUT/schema.log" 2>&1 || { cat "$OUT/schema.log" >&2; exit 2; }
log "seeding --scale $SCALE --force"
seed_start=$(date +%s)
"$BIN" seed --config "$cfg" --scale "$SCALE" --force >"$OUT/seed.log" 2>&1 || { tail "$OUT/seed.log" >&2; exit 2; }
log "seeded in $(( $(date +%s) - seed_start )) s"

# Shards and caches from the stack's config: name, role, port. Passwords stay
# in the environment of the one client that needs them, never on a command line.
SHARDS=(); SHARD_ROLE=(); SHARD_PORT=(); CACHES=(); CACHE_PORT=()
while IFS=$'\t' read -r kind name role port; do
    if [ "$kind" = shard ]; then SHARDS+=("$name"); SHARD_ROLE+=("$role"); SHARD_PORT+=("$port")
    else CACHES+=("$name"); CACHE_PORT+=("$port"); fi
done < <(awk -F' = ' '
    /^\[\[shard\]\]/ { kind = "shard" } /^\[\[cache\]\]/ { kind = "cache" } /^\[\[instance\]\]/ { kind = "" }
    kind != "" && $1 == "name" { gsub(/"/, "", $2); name = $2 }
    kind != "" && $1 == "role" { gsub(/"/, "", $2); role = $2 }
    kind == "shard" && $1 == "dsn" { match($2, /port=[0-9]+/); print kind "\t" name "\t" role "\t" substr($2, RSTART + 5, RLENGTH - 5) }
    kind == "cache" && $1 == "url" { match($2, /:[0-9]+\//); print kind "\t" name "\t" role "\t" substr($2, RSTART + 1, RLENGTH - 2) }
' "$cfg")
INSTANCES=$(grep -c '^\[\[instance\]\]' "$cfg")
PW=$(awk -F' = ' '$1 == "dsn" { match($2, /password=[^ "]+/); print substr($2, RSTART + 9, RLENGTH - 9); exit }' "$cfg")
RPW=$(awk -F' = ' '$1 == "url" { match($2, /:\/\/:[^@]+@/); print substr($2, RSTART + 4, RLENGTH - 5); exit }' "$cfg")
sql() { PGPASSWORD=$PW psql -X -q -t -A -F $'\t' "host=127.0.0.1 port=$1 dbname=studyspot user=studyspot connect_timeout=3" -c "$2" 2>/dev/null; }
rcli() { local port=$1; shift; REDISCLI_AUTH=$RPW redis-cli --no-auth-warning -h 127.0.0.1 -p "$port" "$@" 2>/dev/null; }

# A sum over the users shards of one pg_stat_user_tables figure of `bookings`.
bookings_stat() {
    local total=0 i n
    for i in "${!SHARDS[@]}"; do
        [ "${SHARD_ROLE[$i]}" = users ] || continue
        n=$(sql "${SHARD_PORT[$i]}" "SELECT $1 FROM pg_stat_user_tables WHERE relname = 'bookings' AND schemaname = 'public'")
        total=$(( total + ${n:-0} ))
    done
    echo "$total"
}
# Booking changes taken so far (inserts + updates), and new bookings (inserts).
changes_written() { bookings_stat "n_tup_ins + n_tup_upd"; }
inserts_written() { bookings_stat n_tup_ins; }

# --- traffic ---------------------------------------------------------------
log "simulate --rate $RATE (with the fake instances)"
before=$(changes_written)
"$BIN" simulate --config "$cfg" --rate "$RATE" >"$OUT/simulate.log" 2>&1 &
SIM_PID=$!
# Started once the shards count its first changes (its stdout is block-buffered into the file).
deadline=$(( $(date +%s) + 60 ))
while (( $(date +%s) < deadline )) && kill -0 $SIM_PID 2>/dev/null; do
    (( $(changes_written) > before )) && break
    sleep 0.5
done
(( $(changes_written) > before )) || { cat "$OUT/simulate.log" >&2; echo "soak: the simulator did not start" >&2; exit 2; }

# --- the console -----------------------------------------------------------
export XDG_STATE_HOME=$OUT/state   # the console's log file lands here, so its growth is measured too
mkdir -p "$XDG_STATE_HOME"
LOGFILE=$XDG_STATE_HOME/studyspot/studyspot.log
$T kill-server 2>/dev/null
$T new-session -d -s soak -x "$COLS" -y "$ROWS" \
    "exec env TERM=xterm-256color TZ=UTC XDG_STATE_HOME=$XDG_STATE_HOME '$BIN' dash --config '$cfg' --role operator" \
    || { echo "soak: cannot start tmux" >&2; exit 2; }
$T set-option -t soak remain-on-exit on >/dev/null
screen() { $T capture-pane -p -t soak 2>/dev/null; }
wait_screen() {  # TEXT SECONDS
    local deadline=$(( $(date +%s) + $2 ))
    while (( $(date +%s) < deadline )); do screen | grep -qF -- "$1" && return 0; sleep 0.2; done
    return 1
}
PID=$($T display -p -t soak '#{pane_pid}')
wait_screen "1 Overview" 20 || { screen >&2; echo "soak: the dashboard did not start" >&2; exit 2; }
log "dashboard pid $PID in tmux -L soak (${COLS}x${ROWS}); duration $DURATION s, warm-up $WARMUP s, every $INTERVAL s"

# The console's TCP peers by remote port ("port:count,…") and its local ports.
console_sockets() { ss -tnpH state established 2>/dev/null | awk -v p="pid=$PID," 'index($0, p) { n = split($4, a, ":"); print a[n] "\t" $3 }'; }

# --- sampling --------------------------------------------------------------
SAMPLES=$OUT/samples.tsv
{
    printf 't\trss_kb\thwm_kb\tcpu_s\tcpu_pct\tfds\tthreads\tpg_conns\tredis_clients\tlog_bytes\tchanges\tchanges_per_s\tpane'
    for s in "${SHARDS[@]}"; do printf '\tpg_%s' "$s"; done
    for c in "${CACHES[@]}"; do printf '\tredis_%s' "$c"; done
    printf '\n'
} >"$SAMPLES"
PANES=(1 2 3 4 5 6 7 8)
START=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
changes0=$(changes_written); prev_changes=$changes0; prev_t=0; prev_ticks=0
HZ=$(getconf CLK_TCK)
k=0
while :; do
    now=$(date +%s); t=$(( now - START ))
    kill -0 "$PID" 2>/dev/null || { log "the console died at t=$t s"; break; }
    rss=$(awk '/^VmRSS/ {print $2}' /proc/$PID/status); hwm=$(awk '/^VmHWM/ {print $2}' /proc/$PID/status)
    thr=$(awk '/^Threads/ {print $2}' /proc/$PID/status); fds=$(ls /proc/$PID/fd 2>/dev/null | wc -l)
    # utime + stime (fields 14 and 15 after the command name), in clock ticks.
    ticks=$(sed 's/.*) //' /proc/$PID/stat | awk '{ print $12 + $13 }')
    cpu=$(awk -v t="$ticks" -v hz="$HZ" 'BEGIN { printf "%.1f", t / hz }')
    cpu_pct="-"; (( k > 0 && t > prev_t )) && cpu_pct=$(awk -v a="$ticks" -v b="$prev_ticks" -v hz="$HZ" -v dt=$(( t - prev_t )) 'BEGIN { printf "%.1f", (a - b) / hz / dt * 100 }')
    socks=$(console_sockets)
    pg_total=0; pg_cols=""
    for i in "${!SHARDS[@]}"; do
        n=$(sql "${SHARD_PORT[$i]}" "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'studyspot-console'")
        pg_total=$(( pg_total + ${n:-0} )); pg_cols+=$'\t'${n:--}
    done
    rd_total=0; rd_cols=""
    for i in "${!CACHES[@]}"; do
        # CLIENT LIST rows whose peer is one of the console's own local ports.
        mine=$(echo "$socks" | awk -v p="${CACHE_PORT[$i]}" '$1 == p { n = split($2, a, ":"); print a[n] }')
        n=$(rcli "${CACHE_PORT[$i]}" CLIENT LIST | awk -v ports="$mine" 'BEGIN { split(ports, a, "\n"); for (i in a) if (a[i] != "") want[a[i]] = 1 }
            { for (f = 1; f <= NF; f++) if ($f ~ /^addr=/) { n = split($f, b, ":"); if (b[n] in want) c++ } } END { print c + 0 }')
        rd_total=$(( rd_total + n )); rd_cols+=$'\t'$n
    done
    logb=$(stat -c %s "$LOGFILE" 2>/dev/null || echo 0)
    ch=$(changes_written)
    rate="-"; (( k > 0 && t > prev_t )) && rate=$(awk -v a="$ch" -v b="$prev_changes" -v dt=$(( t - prev_t )) 'BEGIN { printf "%.0f", (a - b) / dt }')
    pane=${PANES[$(( k % ${#PANES[@]} ))]}
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s%s%s\n' "$t" "$rss" "$hwm" "$cpu" "$cpu_pct" "$fds" "$thr" "$pg_total" "$rd_total" "$logb" \
        "$(( ch - changes0 ))" "$rate" "$pane" "$pg_cols" "$rd_cols" >>"$SAMPLES"
    printf '%s\t%s\n' "$t" "$(inserts_written)" >>"$OUT/inserts.tsv"
    log "t=${t}s rss=${rss}KB hwm=${hwm}KB cpu=${cpu_pct}% fds=$fds threads=$thr pg=$pg_total redis=$rd_total changes/s=$rate pane=$pane"
    prev_changes=$ch; prev_t=$t; prev_ticks=$ticks
    (( t >= DURATION )) && break
    # Show the next pane, so every pane's drawing runs during the soak.
    k=$(( k + 1 )); $T send-keys -t soak "${PANES[$(( k % ${#PANES[@]} ))]}"
    sleep $(( START + (k * INTERVAL) - $(date +%s) > 0 ? START + (k * INTERVAL) - $(date +%s) : 1 ))
done
END_T=$(( $(date +%s) - START ))
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- still updating? --------------------------------------------------------
alive=no; updating=no; fresh="-"; count1=""; count2=""
if kill -0 "$PID" 2>/dev/null; then
    alive=yes
    $T send-keys -t soak 2
    if wait_screen "Live bookings" 10; then
        count_of() { screen | grep -oE "Bookings today · [0-9,]+" | head -1 | grep -oE "[0-9,]+$" | tr -d ,; }
        count1=$(count_of)
        deadline=$(( $(date +%s) + 20 ))
        while (( $(date +%s) < deadline )); do count2=$(count_of); [ -n "$count2" ] && [ "$count2" != "$count1" ] && break; sleep 0.5; done
        screen >"$OUT/final-screen.txt"
        # The newest row's time (first HH:MM:SS after the header) against the clock (TZ=UTC).
        top=$(grep -i -A1 -E "│ *time " "$OUT/final-screen.txt" | tail -1 | grep -oE "[0-9]{2}:[0-9]{2}:[0-9]{2}" | head -1)
        if [ -n "$top" ]; then
            age=$(( ( $(date -u +%s) - $(date -u -d "$(date -u +%F) $top" +%s) + 86400 ) % 86400 ))
            fresh="${age}s"
            [ -n "$count2" ] && [ "$count2" != "$count1" ] && (( age <= 60 )) && updating=yes
        fi
    fi
fi
kill -INT "$SIM_PID" 2>/dev/null
for _ in $(seq 100); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
SIM_PID=""
sim_line=$(grep "^wrote" "$OUT/simulate.log" | tail -1)

# --- verdict ---------------------------------------------------------------
summary=$(awk -F'\t' -v warm="$WARMUP" '
    NR == 1 { next }
    { n++ }
    $1 >= warm {
        if (m == 0) { cpu0 = $4; r0 = $2; f0 = $6; th0 = $7; pg0 = $8; rd0 = $9; lg0 = $10; c0 = $11; t0 = $1 }
        m++; r1 = $2; h1 = $3; t1 = $1; cpu1 = $4; lg1 = $10; c1 = $11; f1 = $6
        if ($2 > rmax) rmax = $2
        if (fmin == "" || $6 < fmin) fmin = $6; if ($6 > fmax) fmax = $6
        if (thmin == "" || $7 < thmin) thmin = $7; if ($7 > thmax) thmax = $7
        if (pgmin == "" || $8 < pgmin) pgmin = $8; if ($8 > pgmax) pgmax = $8
        if (rdmin == "" || $9 < rdmin) rdmin = $9; if ($9 > rdmax) rdmax = $9
    }
    END {
        if (m < 2) { print "samples_after_warmup=" m; exit }
        printf "samples_after_warmup=%d rss_first=%d rss_last=%d rss_max=%d hwm_last=%d growth=%.2f growth_max=%.2f ", m, r0, r1, rmax, h1, (r1 - r0) * 100 / r0, (rmax - r0) * 100 / r0
        printf "fds_first=%d fds_last=%d ", f0, f1
        printf "fds=%d..%d threads=%d..%d pg=%d..%d redis=%d..%d log_growth=%d achieved=%.1f window=%d..%d cpu_pct=%.1f\n", fmin, fmax, thmin, thmax, pgmin, pgmax, rdmin, rdmax, lg1 - lg0, (c1 - c0) / (t1 - t0), t0, t1, (cpu1 - cpu0) * 100 / (t1 - t0)
    }' "$SAMPLES")
get() { echo "$summary" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
verdict=PASS; reasons=()
m=$(get samples_after_warmup)
if [ "${m:-0}" -lt 2 ]; then verdict=FAIL; reasons+=("fewer than two samples after the warm-up")
else
    # The console keeps every new booking's id twice, 5 bytes each with an
    # eighth of slack (today's tally, the charts' ids of the hour): ~12 bytes
    # a booking, ~1.7 KB a second at 200 changes/s, which is 7-8 % of a 24 MB
    # console over 25 minutes and nothing at the platform's real rate. What
    # must stay under 5 % is the growth beyond that.
    window=$(get window)
    ins0=$(awk -v t="${window%..*}" '$1 == t { print $2 }' "$OUT/inserts.tsv"); ins1=$(awk -v t="${window#*..}" '$1 == t { print $2 }' "$OUT/inserts.tsv")
    new_bookings=$(( ${ins1:-0} - ${ins0:-0} )); kept_kb=$(( new_bookings * PER_BOOKING / 1024 ))
    beyond=$(awk -v a="$(get rss_first)" -v b="$(get rss_last)" -v k="$kept_kb" 'BEGIN { printf "%.2f", (b - a - k) * 100 / a }')
    awk -v g="$beyond" 'BEGIN { exit !(g <= 5) }' || { verdict=FAIL; reasons+=("memory grew $beyond% after the warm-up beyond the $kept_kb KB of its $new_bookings new bookings' ids (limit 5%)"); }
    range_constant() { local r; r=$(get "$1"); [ "${r%..*}" = "${r#*..}" ]; }
    # The /health probes open a short-lived socket per probe, so a sample can
    # catch up to one per instance in flight; a leak shows as a higher last sample.
    fds_r=$(get fds); fds_first=$(get fds_first); fds_last=$(get fds_last)
    (( fds_last == fds_first && ${fds_r#*..} <= fds_first + INSTANCES )) \
        || { verdict=FAIL; reasons+=("open fds moved: $fds_r, first $fds_first, last $fds_last (probes in flight allow +$INSTANCES)"); }
    range_constant threads || { verdict=FAIL; reasons+=("threads moved: $(get threads)"); }
    range_constant pg || { verdict=FAIL; reasons+=("PostgreSQL connections moved: $(get pg)"); }
    range_constant redis || { verdict=FAIL; reasons+=("Redis clients moved: $(get redis)"); }
fi
[ "$alive" = yes ] || { verdict=FAIL; reasons+=("the console is not running"); }
[ "$updating" = yes ] || { verdict=FAIL; reasons+=("the console is not updating (count $count1 → $count2, newest row $fresh old)"); }

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
    echo "== StudySpot soak =="
    echo "machine: $(uname -n), $cpu, $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
    echo "date: $(date -u -d "@$START" +%FT%TZ), commit $COMMIT, release build"
    echo "load average: start $LOAD_START, end $LOAD_END"
    echo "seed: --scale $SCALE; simulate --rate $RATE; dashboard --role operator ${COLS}x${ROWS}, panes 1–8 in turn"
    echo "duration: ${END_T} s, warm-up ${WARMUP} s, a sample every ${INTERVAL} s"
    echo
    column -t -s $'\t' "$SAMPLES"
    echo
    echo "after warm-up (t=$(get window) s, $m samples):"
    echo "  VmRSS first $(get rss_first) KB, last $(get rss_last) KB, max $(get rss_max) KB: growth $(get growth)% (max $(get growth_max)%)"
    echo "  new bookings ${new_bookings:-?}, their ids kept at $PER_BOOKING bytes: ${kept_kb:-?} KB; growth beyond them ${beyond:-?}%, limit 5%"
    echo "  VmHWM at the end $(get hwm_last) KB"
    echo "  open fds $(get fds) (first $(get fds_first), last $(get fds_last)), threads $(get threads), PostgreSQL connections $(get pg), Redis clients $(get redis)"
    echo "  log file grew $(get log_growth) bytes"
    echo "  console CPU $(get cpu_pct)% of one core on average"
    echo "  booking changes achieved $(get achieved)/s (asked $RATE/s), from pg_stat_user_tables on the users shards"
    echo "  simulator: ${sim_line:-no summary}"
    echo "  console alive: $alive; updating: $updating (Bookings today $count1 → $count2, newest row ${fresh} old)"
    echo
    if [ "$verdict" = PASS ]; then echo "VERDICT: PASS"; else echo "VERDICT: FAIL"; printf '  - %s\n' "${reasons[@]}"; fi
} | tee "$OUT/report.txt"
[ "$verdict" = PASS ]
