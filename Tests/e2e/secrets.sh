#!/bin/bash
# No password is ever printed: a config whose DSNs, Redis URLs and [login]
# hold a known password (pointing at closed ports, so every connection fails
# and every error path runs) is put through every command that reads it;
# stdout, stderr and the log file are searched for the password.
#   Tests/e2e/secrets.sh path/to/studyspot
set -uo pipefail
BIN=${1:?usage: secrets.sh path/to/studyspot}
PW='Sup3r-Secret_Pw42'
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export XDG_STATE_HOME="$tmp/state" HOME="$tmp"
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
users = [1, 0]
dsn = "postgresql://studyspot:$PW@127.0.0.1:1/studyspot?connect_timeout=2"

[[cache]]
name = "railway-redis"
provider = "railway"
role = "state"
url = "redis://:$PW@127.0.0.1:1/0"

[[instance]]
name = "railway"
provider = "railway"
url = "http://127.0.0.1:1"
TOML
chmod 600 "$cfg"
out="$tmp/out"
: > "$out"
run() { echo "== $*" >> "$out"; timeout 60 "$@" >> "$out" 2>&1; echo "exit $?" >> "$out"; }
run "$BIN" config check --config "$cfg"
run "$BIN" config show --config "$cfg"
run "$BIN" schema apply --config "$cfg"
run "$BIN" seed --config "$cfg" --scale small
run "$BIN" snapshot --config "$cfg" --format json --timeout 3
run "$BIN" snapshot --config "$cfg" --format text --timeout 3
run "$BIN" snapshot --config "$cfg" --role owner --format text --timeout 3
run "$BIN" simulate --config "$cfg" --duration 2 --no-instances
# A readable config holding a password is refused, naming the fix.
chmod 644 "$cfg"
run "$BIN" config check --config "$cfg"
grep -q "chmod 600" "$out" || { echo "FAIL: a world-readable config with a password was not refused with the chmod 600 fix"; exit 1; }
# A syntax error on a password line.
printf 'password = "%s\n' "$PW" > "$tmp/broken.toml"; chmod 600 "$tmp/broken.toml"
run "$BIN" config check --config "$tmp/broken.toml"

logs=$(find "$tmp/state" -type f 2>/dev/null)
leaks=$(grep -l -F -- "$PW" "$out" $logs 2>/dev/null)
if [ -n "$leaks" ]; then
    echo "FAIL: the password appears in: $leaks"
    grep -n -F -- "$PW" "$out" $logs | head -5
    exit 1
fi
lines=$(wc -l < "$out")
[ "$lines" -gt 40 ] || { echo "FAIL: the commands printed almost nothing ($lines lines)"; cat "$out"; exit 1; }
echo "PASS: no password in $lines lines of output from 10 commands, nor in the log ($(echo $logs | wc -w) file)"
