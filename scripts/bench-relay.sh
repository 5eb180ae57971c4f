#!/bin/bash
# Issue 19's relay figures (Benchmarks/README.md, "Relay"): a seeded bench
# stack, ONE `studyspot relay`, N owners granted (`relay grant`, their
# owners.db_role as the ACL user), then `studyspot-bench relay`: connections
# per shard at 0, 24 and 100 owner consoles, the relay's CPU idle and at
# 2,000 changes/s, commit-to-frame p99 through the relay, delivery to every
# console, and the feed streams' Redis memory.
# Usage: scripts/bench-relay.sh [studyspot-bench relay options…]
# Env: BENCH_STACK_DIR (/tmp/studyspot-bench-relay), BENCH_BASE_PORT (57600),
#      BENCH_SCALE (target: the seed's scale; 10x as bench-10x.sh), BENCH_OWNERS (100: owners granted),
#      STUDYSPOT_BENCH_BINARY (skip the release build; studyspot-bench is looked for beside it).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
DIR=${BENCH_STACK_DIR:-/tmp/studyspot-bench-relay}
PORT=${BENCH_BASE_PORT:-57600}
SCALE=${BENCH_SCALE:-target}
OWNERS=${BENCH_OWNERS:-100}
BIN=${STUDYSPOT_BENCH_BINARY:-$(scripts/build-release.sh)}
BENCH=$(dirname "$BIN")/studyspot-bench
WORK=$(mktemp -d /tmp/studyspot-bench-relay.XXXXXX)
RELAY_PID=
cleanup() {
    if [ -n "$RELAY_PID" ] && kill "$RELAY_PID" 2>/dev/null; then
        # A relay left running would hold relay:status and make the next run's relay wait.
        for _ in $(seq 1 100); do kill -0 "$RELAY_PID" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$RELAY_PID" 2>/dev/null; then
            echo "the relay (pid $RELAY_PID) did not stop within 10 s of SIGTERM: killed" >&2
            kill -9 "$RELAY_PID" 2>/dev/null || true
        fi
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

cfg=$($BIN stack up --dir "$DIR" --base-port "$PORT" | tail -n 1)
$BIN schema apply --config "$cfg" >/dev/null
# A shard's DSN from the config (it holds the password: never echoed).
dsn() { awk -v n="$1" '/^name = /{gsub(/"/,"",$3); cur=$3} /^dsn = /{ if (cur==n) { sub(/^dsn = "/,""); sub(/"$/,""); print; exit } }' "$cfg"; }
catalog=$(awk '/^name = /{gsub(/"/,"",$3); cur=$3} /^role = "catalog"/{print cur; exit}' "$cfg")
owners=$(psql "$(dsn "$catalog")" -Atc "SELECT count(*) FROM owners" 2>/dev/null || echo 0)
if [ "${owners:-0}" -lt "$OWNERS" ]; then
    echo "seeding the bench stack at scale $SCALE"
    $BIN seed --config "$cfg" --scale "$SCALE" --force | tail -n 2
fi
# Owners with a library and a db_role (the seed gives each one; any without is given owner_ID).
psql "$(dsn "$catalog")" -qAtc "UPDATE owners SET db_role = 'owner_' || id WHERE db_role IS NULL"
ids=$(psql "$(dsn "$catalog")" -Atc "SELECT o.id FROM owners o WHERE EXISTS (SELECT 1 FROM libraries l WHERE l.owner_id = o.id) ORDER BY o.id LIMIT $OWNERS" | paste -sd, -)

# The state cache starts with no feed: the relay's streams are the run's alone.
redis_url=$(awk '/^role = "state"/{s=1} s && /^url = /{sub(/^url = "/,""); sub(/"$/,""); print; exit}' "$cfg")
# redis://[user]:password@host:port/db (a local stack's: no TLS); the password goes through REDISCLI_AUTH, never argv.
rest=${redis_url#*://}; cred=${rest%@*}; hostport=${rest##*@}; hostport=${hostport%%/*}
export REDISCLI_AUTH=${cred#*:}
rcli() { redis-cli -h "${hostport%:*}" -p "${hostport##*:}" "$@"; }
rcli DEL feed:all >/dev/null
rcli --scan --pattern 'feed:owner:*' | xargs -r -n 500 redis-cli -h "${hostport%:*}" -p "${hostport##*:}" DEL >/dev/null

export STUDYSPOT_BENCH_OWNER_PASSWORD="bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
for id in ${ids//,/ }; do
    $BIN relay grant --config "$cfg" --owner "$id" --password-env STUDYSPOT_BENCH_OWNER_PASSWORD >/dev/null
done
echo "granted $(echo "$ids" | tr , '\n' | wc -l) owners"

if rcli EXISTS relay:status | grep -q '^1$'; then
    echo "another relay runs on this stack (relay:status: $(rcli HGET relay:status owner)): stop it first" >&2; exit 1
fi
$BIN relay --config "$cfg" >"$WORK/relay.out" 2>&1 &
RELAY_PID=$!
# The relay is up when its status says every users shard is live.
shards=$(grep -c '^role = "users"' "$cfg")
for _ in $(seq 1 600); do
    live=$(rcli HGETALL relay:status | grep -c '^live$' || true)
    [ "$live" -ge "$shards" ] && break
    sleep 0.1
done
"$BENCH" relay --config "$cfg" --relay-pid "$RELAY_PID" --owners "$ids" "$@"
echo
echo "stack left running in $DIR; stop it with: $BIN stack down --dir $DIR"
