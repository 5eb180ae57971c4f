#!/usr/bin/env bash
# Issue 19's "done when", with the real binaries: one `studyspot relay`, an
# owner's dashboard in tmux on `[feed] source = "relay"` logged in to Redis as
# the ACL user `relay grant` made. The owner's booking reaches its screen,
# another owner's never does, the console holds no database connection, and
# a booking made while the relay was stopped arrives once when it returns.
#
#   STUDYSPOT_TEST_CONFIG=PATH Tests/e2e/relay-tmux.sh PATH/TO/studyspot
#
# Every wait polls a condition with a deadline; no sleep synchronises.
set -u
BIN=${1:?usage: $0 PATH/TO/studyspot}
CFG=${STUDYSPOT_TEST_CONFIG:?set STUDYSPOT_TEST_CONFIG to the config of the test stack, as make test does}
[ -x "$BIN" ] || { echo "FAIL: $BIN is not an executable" >&2; exit 2; }
for tool in tmux psql redis-cli; do command -v $tool >/dev/null || { echo "FAIL: $tool is not installed" >&2; exit 2; }; done
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

SOCK="studyspot-relay-$$"
T="tmux -L $SOCK"
SESSION=relay
WORK=$(mktemp -d)
STATUS_FILE=$WORK/status
RELAY_PID=""
OWNER_ROLE=""
cleanup() {
    [ -n "$RELAY_PID" ] && kill "$RELAY_PID" 2>/dev/null && wait "$RELAY_PID" 2>/dev/null
    [ -n "$OWNER_ROLE" ] && OWNER_PW=x "$BIN" relay grant --config "$CFG" --owner "$OWNER" --password-env OWNER_PW --revoke >/dev/null 2>&1
    $T kill-server 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
# fail, screen, wait_for, now_ms, wait_status, check_restored
source "$(dirname "$0")/lib/tmux-harness.sh" || { echo "FAIL: no Tests/e2e/lib/tmux-harness.sh" >&2; exit 2; }

# The config's DSN of a shard, and its state cache's URL (never printed).
dsn() { awk -v n="$1" '/^name = / { c = $3; gsub(/"/, "", c) } /^dsn = / && c == n { sub(/^dsn = "/, ""); sub(/"$/, ""); print; exit }' "$CFG"; }
STATE_URL=$(awk '/^role = "state"/ { s = 1 } s && /^url = / { gsub(/"/, "", $3); print $3; exit }' "$CFG")
[ -n "$STATE_URL" ] || fail "no state cache in $CFG"
sql() { psql "$(dsn "$1")" -XAtq -v ON_ERROR_STOP=1 -c "$2"; }
# redis://[user]:password@host:port/db, split for redis-cli (its -u wants a user name).
if [[ $STATE_URL =~ ^rediss?://([^:@/]*):([^@]*)@([^:/]+):([0-9]+)(/([0-9]+))?$ ]]; then
    R_PW=${BASH_REMATCH[2]} R_HOST=${BASH_REMATCH[3]} R_PORT=${BASH_REMATCH[4]} R_DB=${BASH_REMATCH[6]:-0}
else
    fail "the state cache's URL is not redis://:password@host:port/db"
fi
redis() { REDISCLI_AUTH=$R_PW redis-cli -h "$R_HOST" -p "$R_PORT" -n "$R_DB" "$@"; }
# wait_until SECONDS WHAT COMMAND…: poll a command until it succeeds.
wait_until() {
    local deadline=$(( $(now_ms) + $1 * 1000 )) what=$2; shift 2
    while (( $(now_ms) < deadline )); do "$@" && return 0; sleep 0.05; done
    fail "timed out after ${deadline}ms waiting for $what"
}
relay_up() { [ -n "$(redis HGET relay:status heartbeat)" ]; }
start_relay() {
    XDG_STATE_HOME=$WORK/state "$BIN" relay --config "$CFG" >>"$WORK/relay.out" 2>&1 &
    RELAY_PID=$!
    wait_until 60 "the relay's heartbeat in relay:status" relay_up
}
console_connections() { sql neon "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'studyspot-console'"; }
book() {  # id user library owner seat
    sql neon "INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise)
              VALUES ($1, $2, $3, $4, $5, now() + interval '1 hour', now() + interval '3 hours', 'reserved', 5000)" >/dev/null \
        || fail "cannot insert booking $1"
}

echo "1. schema, seed (afresh), two owners with a library each"
"$BIN" schema apply --config "$CFG" >/dev/null || fail "schema apply failed"
"$BIN" seed --config "$CFG" --scale small --force >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log" >&2; fail "seed failed"; }
redis DEL feed:all relay:status >/dev/null
read -r OWNER ROLE LIB SEAT <<<"$(sql catalog "SELECT o.id, o.db_role, l.id, min(s.id) FROM owners o JOIN libraries l ON l.owner_id = o.id
    JOIN seats s ON s.library_id = l.id WHERE o.db_role IS NOT NULL GROUP BY o.id, o.db_role, l.id ORDER BY o.id, l.id LIMIT 1" | tr '|' ' ')"
read -r OTHER OTHER_LIB OTHER_SEAT <<<"$(sql catalog "SELECT o.id, l.id, min(s.id) FROM owners o JOIN libraries l ON l.owner_id = o.id
    JOIN seats s ON s.library_id = l.id WHERE o.id <> $OWNER GROUP BY o.id, l.id ORDER BY o.id, l.id LIMIT 1" | tr '|' ' ')"
[ -n "$SEAT" ] && [ -n "$OTHER_SEAT" ] || fail "the seed left no two owners with seats"
redis DEL "feed:owner:$OWNER" "feed:owner:$OTHER" >/dev/null
sql neon "INSERT INTO users (id, display_name) VALUES (7401, 'Relay Probe Mine'), (7402, 'Relay Probe Other'), (7403, 'Relay Probe Away')
          ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name" >/dev/null || fail "cannot write the probe users"
NEXT=$(( $(sql neon "SELECT coalesce(max(id), 0) FROM bookings") + 1000 ))

echo "2. the relay runs; owner $OWNER gets a Redis user of its own"
start_relay
[ "$(sql neon "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'studyspot-relay'")" -ge 1 ] \
    || fail "the relay's connection on neon does not call itself studyspot-relay"
OWNER_PW="e2e-$$-pw" "$BIN" relay grant --config "$CFG" --owner "$OWNER" --password-env OWNER_PW >"$WORK/grant.out" 2>&1 \
    || { cat "$WORK/grant.out" >&2; fail "relay grant failed"; }
OWNER_ROLE=$ROLE
grep -qF "e2e-$$-pw" "$WORK/grant.out" && fail "relay grant printed the password"
{ cat "$CFG"; printf '\n[feed]\nsource = "relay"\n\n[login]\nowner = %s\nuser = "%s"\npassword = "%s"\n' "$OWNER" "$ROLE" "e2e-$$-pw"; } >"$WORK/owner.toml"
chmod 600 "$WORK/owner.toml"

echo "3. the owner's dashboard on the relay holds no database connection"
before=$(console_connections)
$T new-session -d -s "$SESSION" -x 160 -y 40 \
    "env TERM=xterm-256color XDG_STATE_HOME=$WORK/state '$BIN' dash --config '$WORK/owner.toml' --role owner; echo \$? >'$STATUS_FILE'; stty -a >'$WORK/stty'; exec sleep 3600" \
    || fail "cannot start tmux"
wait_for "┌ Bookings" 30
wait_for "relay" 30
[ "$(console_connections)" = "$before" ] || fail "the owner's console on the relay opened a database connection ($before before, $(console_connections) now)"

echo "4. another owner's booking, then the owner's own: only its own shows"
book $NEXT 7402 "$OTHER_LIB" "$OTHER" "$OTHER_SEAT"
book $((NEXT + 1)) 7401 "$LIB" "$OWNER" "$SEAT"
wait_for "Relay Probe Mine" 30
screen | grep -qF "Relay Probe Other" && fail "owner $OWNER's console shows owner $OTHER's booking"
[ "$(redis XLEN "feed:owner:$OTHER")" -ge 1 ] || fail "the other owner's booking is not on its own stream"

echo "5. a booking made while the relay was stopped arrives once when it returns"
# SIGTERM stops it cleanly (systemd's stop): it once caught the signal and ran on.
kill "$RELAY_PID"
relay_gone() { ! kill -0 "$RELAY_PID" 2>/dev/null; }
wait_until 15 "the relay to stop on SIGTERM" relay_gone
wait "$RELAY_PID" 2>/dev/null; RELAY_PID=""
grep -qF "relay stopped" "$WORK"/state/studyspot/*.log 2>/dev/null || fail "the relay's log does not say it stopped"
[ -z "$(redis HGET relay:status heartbeat)" ] || fail "a cleanly stopped relay left its status behind"
book $((NEXT + 2)) 7403 "$LIB" "$OWNER" "$SEAT"
start_relay
wait_for "Relay Probe Away" 60
[ "$(screen | grep -cF "Relay Probe Mine")" = 1 ] || fail "the owner's first booking shows more than once after the relay's restart"
# entries: how many entries of a stream hold booking ID (the relay's first start also appends its backfill).
entries() { redis XRANGE "$1" - + | awk -v id="$2" 'prev == "id" && $0 == id { n++ } { prev = $0 } END { print n + 0 }'; }
for id in $((NEXT + 1)) $((NEXT + 2)); do
    [ "$(entries "feed:owner:$OWNER" $id)" = 1 ] || fail "feed:owner:$OWNER holds booking $id $(entries "feed:owner:$OWNER" $id) times, not once"
done
[ "$(entries "feed:owner:$OWNER" $NEXT)" = 0 ] || fail "owner $OTHER's booking $NEXT is on feed:owner:$OWNER"
screen | grep -qF "Relay Probe Other" && fail "owner $OWNER's console shows owner $OTHER's booking after the restart"
[ "$(console_connections)" = "$before" ] || fail "the owner's console opened a database connection"

echo "6. q quits and restores the terminal"
$T send-keys -t "$SESSION" q
wait_status 0
check_restored
echo "PASS: relay-tmux (owner $OWNER on the relay: its bookings once, another owner's none, no database connection)"
