# Sourced by the benchmark scripts that run against the 10x bench stack
# (bench-10x.sh, bench-footprint.sh): one way to bring it up and seed it.

# Brings the stack in DIR up on PORT with the console's schema, seeds 10x
# unless its users shards already hold ≥ 3 M bookings (planner estimate) or
# BENCH_NO_SEED is set; sets BENCH_CFG to its config path. Notes go to stderr.
bench_stack_up() {  # binary, dir, base port
    local bin=$1 dir=$2 port=$3 bookings=0 n s
    BENCH_CFG=$("$bin" stack up --dir "$dir" --base-port "$port" | tail -n 1)
    "$bin" schema apply --config "$BENCH_CFG" >/dev/null
    for s in neon supabase planetscale; do
        n=$(psql "$(bench_dsn "$BENCH_CFG" "$s")" -Atc "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = 'bookings'" 2>/dev/null || echo 0)
        bookings=$((bookings + ${n:-0}))
    done
    if [ -n "${BENCH_NO_SEED:-}" ]; then
        echo "stack $dir: $bookings bookings, not seeded (BENCH_NO_SEED)" >&2
    elif [ "$bookings" -lt 3000000 ]; then
        echo "the bench stack holds $bookings bookings: seeding 10x (about 3 minutes)" >&2
        "$bin" seed --config "$BENCH_CFG" --scale 10x --force | tail -n 3 >&2
    else
        echo "bench stack $dir: seeded ($bookings bookings on the users shards, planner estimate), not seeded again" >&2
    fi
}

# A shard's DSN from a stack config (it holds the password: never echo it).
bench_dsn() {  # config, shard name
    awk -v n="$2" '/^name = /{gsub(/"/,"",$3); cur=$3} /^dsn = /{ if (cur==n) { sub(/^dsn = "/,""); sub(/"$/,""); print; exit } }' "$1"
}

# The machine and the moment, for every figure's header.
bench_machine() {
    echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
    echo "date: $(date -u +%FT%TZ); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# pg_activity and htop, the console's peers: installed when missing (apt-get
# as root, else pip for pg_activity); says what it did on stderr. Fails only
# when pg_activity is still missing.
bench_install_peers() {
    local missing=()
    command -v pg_activity >/dev/null || missing+=(pg-activity)
    command -v htop >/dev/null || missing+=(htop)
    if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
        echo "installing ${missing[*]} with apt-get" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    elif ! command -v pg_activity >/dev/null; then
        echo "installing pg_activity with pip --user (not root: no apt-get)" >&2
        python3 -m pip install --user -q "pg_activity[psycopg]" >&2 && export PATH="$HOME/.local/bin:$PATH"
    fi
    command -v htop >/dev/null || echo "htop is missing (not root): measured without it" >&2
    command -v pg_activity >/dev/null || { echo "pg_activity is missing and could not be installed" >&2; return 1; }
}

# Serves the config's instances with `simulate --rate 0 --requests 0`
# (healthy, idle) unless something answers already or SERVE is 0; sets
# BENCH_SIM (its pid, for the caller's cleanup) and BENCH_INSTANCES (what
# happened, for the header).
bench_serve_instances() {  # binary, config, log file, serve (1/0)
    local first_url
    BENCH_SIM=""
    BENCH_INSTANCES="down (not served: --no-instances)"
    first_url=$(sed -n 's/^url = "\(http:[^"]*\)"/\1/p' "$2" | head -1)
    if [ -n "$first_url" ] && curl -s -m 1 -o /dev/null "$first_url/health"; then
        BENCH_INSTANCES="served by someone else ($first_url)"
    elif [ "$4" = 1 ] && [ -n "$first_url" ]; then
        "$1" simulate --config "$2" --rate 0 --requests 0 >"$3" 2>&1 &
        BENCH_SIM=$!
        for _ in $(seq 1 50); do curl -s -m 1 -o /dev/null "$first_url/health" && break; sleep 0.1; done
        BENCH_INSTANCES="served by studyspot simulate --rate 0 --requests 0 (pid $BENCH_SIM)"
    fi
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
minimum() { printf '%s\n' "$@" | sort -n | head -1; }

# Start → first frame and → first full frame: warm once (the stack's caches,
# the binary in the page cache), then RUNS runs of bench-ui-pty.py's `start`;
# sets BENCH_FIRST and BENCH_LOADED (ms, one per run that drew).
bench_startup() {  # binary, config, role, runs, work dir
    local out i
    BENCH_FIRST=(); BENCH_LOADED=()
    python3 scripts/bench-ui-pty.py start --binary "$1" --config "$2" --role "$3" --trace "$5/trace" --log "$5/log" >/dev/null || true
    for i in $(seq 1 "$4"); do
        out=$(python3 scripts/bench-ui-pty.py start --binary "$1" --config "$2" --role "$3" --trace "$5/trace" --log "$5/log")
        if grep -q '^error=' <<<"$out"; then echo "start-up run $i: $(grep '^error=' <<<"$out" | cut -d= -f2-)"; continue; fi
        BENCH_FIRST+=("$(sed -n 's/^first_frame_ms=//p' <<<"$out")")
        BENCH_LOADED+=("$(sed -n 's/^loaded_frame_ms=//p' <<<"$out")")
    done
}
