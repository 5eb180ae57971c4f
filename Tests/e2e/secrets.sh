#!/bin/bash
# No password is ever printed. A known password is put in every place a
# config can hold one — DSN keyword (bare and quoted) and URI (userinfo and
# ?password=), redis:// and rediss:// URLs, an instance URL, [login] — in a
# config pointing at closed ports, so every connection fails and every error
# path runs. Every output is searched for it: stdout and stderr of every
# command (config check/show, schema apply and its dry run, doctor, relay grant and its dry run, seed, snapshot text and JSON for
# each role, simulate, collect --once/--plan, usage set), the dashboard's screens (tmux capture of each pane,
# the help, as operator, read-only and owner), and the log files. When the
# test stack is there (STUDYSPOT_TEST_CONFIG), the same with real servers
# refusing a [login] that carries the password. Then: a config holding a
# password that others can read is refused by every command, naming the
# `chmod 600` fix.
#   Tests/e2e/secrets.sh path/to/studyspot
set -uo pipefail
BIN=${1:?usage: secrets.sh path/to/studyspot}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
PW='Sup3r-Secret_Pw42'
tmp=$(mktemp -d)
SOCK="studyspot-secrets-$$"
T="tmux -L $SOCK"
cleanup() { $T kill-server 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$tmp"; }
trap cleanup EXIT
export XDG_STATE_HOME="$tmp/state" HOME="$tmp"
unset STUDYSPOT_CONFIG
cfg="$tmp/config.toml"
cat > "$cfg" <<TOML
[login]
user = "owner_1"
password = "$PW"

[[shard]]
name = "catalog"
provider = "turso"
role = "catalog"
dsn = "host=127.0.0.1 port=1 dbname=studyspot user=studyspot password=$PW connect_timeout=2"

[[shard]]
name = "neon"
provider = "neon"
role = "users"
users = [1, 7500]
dsn = "postgresql://studyspot:$PW@127.0.0.1:1/studyspot?connect_timeout=2"

[[shard]]
name = "supabase"
provider = "supabase"
role = "users"
users = [7501, 0]
dsn = "postgresql://studyspot@127.0.0.1:1/studyspot?password=$PW&connect_timeout=2"

[[shard]]
name = "xata"
provider = "xata"
role = "archive"
dsn = "host=127.0.0.1 port=1 dbname=studyspot user=studyspot password='$PW' connect_timeout=2"

[[cache]]
name = "railway-redis"
provider = "railway"
role = "state"
url = "redis://:$PW@127.0.0.1:1/0"

[[cache]]
name = "upstash"
provider = "upstash"
role = "cache"
url = "rediss://default:$PW@127.0.0.1:1/0"

[[instance]]
name = "railway"
provider = "railway"
url = "http://ops:$PW@127.0.0.1:1"

[[collector]]
provider = "netlify"
account = "studyspot"
token = "$PW"
api_url = "http://127.0.0.1:1"
TOML
chmod 600 "$cfg"
out="$tmp/out"
: > "$out"
commands=0
# Commands run side by side (each waits on connect timeouts), each into a file of its own.
run() { commands=$((commands + 1)); local f="$tmp/out.$commands"; { echo "== ${*:2}"; timeout 60 "${@:2}" 2>&1; echo "exit $?"; } > "$f" & }
run - "$BIN" config check --config "$cfg"
run - "$BIN" config show --config "$cfg"
run - "$BIN" schema apply --config "$cfg"
run - "$BIN" schema apply --dry-run --config "$cfg"
run - "$BIN" doctor --config "$cfg"
# The owner's password in the environment (not on the echoed command line), as an admin passes it.
export SECRETS_RELAY_PW="$PW"
run - "$BIN" relay grant --config "$cfg" --owner 1 --password-env SECRETS_RELAY_PW
run - "$BIN" relay grant --config "$cfg" --owner 1 --dry-run
run - "$BIN" seed --config "$cfg" --scale small
for role in operator admin owner; do
    run - "$BIN" snapshot --config "$cfg" --role "$role" --format json --timeout 3
    run - "$BIN" snapshot --config "$cfg" --role "$role" --format text --timeout 3
done
run - "$BIN" simulate --config "$cfg" --duration 2 --no-instances
run - "$BIN" collect --once --config "$cfg"
run - "$BIN" collect --plan --config "$cfg"
run - "$BIN" usage set render compute 1 --config "$cfg"
# A syntax error on a password line.
printf 'password = "%s\n' "$PW" > "$tmp/broken.toml"; chmod 600 "$tmp/broken.toml"
run - "$BIN" config check --config "$tmp/broken.toml"
wait
cat "$tmp"/out.* >> "$out"
grep -q '•••' "$out" || { echo "FAIL: no masked secret in the output: the error paths did not run"; exit 1; }

# The dashboard's screens: every pane, once the failed connections have been reported.
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed"; exit 1; }
$T new-session -d -s keep -x 80 -y 24 "sleep 3600" || { echo "FAIL: cannot start tmux"; exit 1; }
screens=0
capture() { $T capture-pane -p -J -t "$1" >> "$out"; screens=$((screens + 1)); }
# wait_for SESSION TEXT SECONDS: poll the screen until TEXT shows (or the deadline passes).
wait_for() {
    local deadline=$(( $(date +%s%N) / 1000000 + $3 * 1000 ))
    while (( $(date +%s%N) / 1000000 < deadline )); do
        $T capture-pane -p -t "$1" | grep -qF -- "$2" && return 0
        sleep 0.1
    done
    return 1
}
start_dash() { # start_dash NAME CONFIG ARGS…
    local name=$1 config=$2; shift 2
    $T new-session -d -s "$name" -x 160 -y 50 "env TERM=xterm-256color $BIN dash --config $config $*; sleep 3600"
}
visit_dash() { # visit_dash NAME: every pane captured, the help, then quit.
    local name=$1
    echo "== dash $name" >> "$out"
    wait_for "$name" "StudySpot" 10 || { echo "FAIL: the dashboard ($name) did not start"; $T capture-pane -p -t "$name"; exit 1; }
    # The connections fail within their connect timeout: wait until the panes say so, then visit each.
    $T send-keys -t "$name" "2"
    wait_for "$name" "refused" 8 || true
    local titles=(x "Health" "Bookings" "┌" "Quotas" "Instances" "Shards" "Caches" "Alerts")
    for pane in 1 2 3 4 5 6 7 8; do
        $T send-keys -t "$name" "$pane"
        wait_for "$name" "${titles[$pane]}" 1 || true
        capture "$name"
    done
    $T send-keys -t "$name" "?"; wait_for "$name" "help" 2; capture "$name"
    $T send-keys -t "$name" Escape q
}
start_dash op "$cfg"
start_dash ro "$cfg" --read-only
start_dash owner "$cfg" --role owner
# The command line's --read-only reaches the one gate: each dangerous key is refused on screen.
wait_for ro "StudySpot" 10
for k in "5 d" "5 w" "8 a"; do
    set -- $k
    $T send-keys -t ro "$1"; $T send-keys -t ro "$2"
    wait_for ro "refused: " 3 || { echo "FAIL: --read-only did not refuse key $2 on pane $1"; $T capture-pane -p -t ro; exit 1; }
    capture ro
    # Another pane clears the message; wait until it is gone so the next check sees only its own.
    $T send-keys -t ro "1"
    deadline=$(( $(date +%s) + 3 ))
    while $T capture-pane -p -t ro | grep -qF "refused: " && (( $(date +%s) < deadline )); do sleep 0.05; done
done
for d in op ro owner; do visit_dash "$d"; done

# Real servers refusing a [login] that carries the password (the test stack, when there).
if [ -n "${STUDYSPOT_TEST_CONFIG:-}" ] && [ -f "$STUDYSPOT_TEST_CONFIG" ]; then
    real="$tmp/real.toml"
    grep -v '^\[login\]' "$STUDYSPOT_TEST_CONFIG" > "$real"
    printf '\n[login]\nuser = "sec_no_such_owner"\npassword = "%s"\n' "$PW" >> "$real"
    chmod 600 "$real"
    : > "$tmp/real.out"
    for f in json text; do
        commands=$((commands + 1))
        echo "== snapshot $f real" >> "$out"; timeout 30 "$BIN" snapshot --config "$real" --role owner --format $f --timeout 5 >> "$out" 2>&1
    done
    start_dash real "$real" --role owner
    visit_dash real
    grep -q "password authentication failed\|authentication" "$out" || { echo "FAIL: the real servers' refusal did not show"; exit 1; }
fi

logs=$(find "$tmp/state" -type f 2>/dev/null)
leaks=$(grep -l -F -- "$PW" "$out" $logs 2>/dev/null)
if [ -n "$leaks" ]; then
    echo "FAIL: the password appears in: $leaks"
    grep -n -F -- "$PW" "$out" $logs | cut -c1-300 | head -5
    exit 1
fi
lines=$(wc -l < "$out")
[ "$lines" -gt 400 ] || { echo "FAIL: the commands printed almost nothing ($lines lines)"; exit 1; }
[ -n "$logs" ] || { echo "FAIL: no log file was written"; exit 1; }

# A config holding a password that others can read is refused by every command, naming the fix.
refused=0
for mode in 644 640 604; do
    chmod "$mode" "$cfg"
    for cmd in "config check" "config show" "snapshot --timeout 3" "schema apply" "doctor" "dash"; do
        o=$(timeout 20 "$BIN" $cmd --config "$cfg" 2>&1 </dev/null); rc=$?
        [ "$rc" -ne 0 ] || { echo "FAIL: '$cmd' accepted a mode $mode config holding a password"; exit 1; }
        grep -qF "chmod 600 $cfg" <<<"$o" || { echo "FAIL: '$cmd' on a mode $mode config did not name the chmod 600 fix: $o"; exit 1; }
        grep -qF -- "$PW" <<<"$o" && { echo "FAIL: the refusal printed the password"; exit 1; }
        refused=$((refused + 1))
    done
done
# The same file is fine at 600, and a readable file whose secrets are all ${VARIABLES} is fine too.
chmod 600 "$cfg"
"$BIN" config check --config "$cfg" >/dev/null 2>&1 || { echo "FAIL: a mode 600 config was refused"; exit 1; }
sed "s/$PW/\${SECRETS_TEST_PW}/g" "$cfg" > "$tmp/env.toml"; chmod 644 "$tmp/env.toml"
SECRETS_TEST_PW=x "$BIN" config check --config "$tmp/env.toml" >/dev/null 2>&1 || { echo "FAIL: a readable config with only \${VARIABLE} secrets was refused"; exit 1; }
echo "PASS: no password in $lines lines from $commands commands and $screens dashboard screens, nor in $(echo $logs | wc -w) log file(s); $refused readable-config runs refused with the chmod 600 fix"
