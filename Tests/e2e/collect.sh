#!/bin/bash
# `studyspot collect --once` end to end: the fake providers up, a config with
# api_url and the token in the environment, the figure in ops.usage_samples
# and in `snapshot --format json`; then a refused token: exit 1, named with
# its 401, and the token in no output and not in the log.
#   STUDYSPOT_TEST_CONFIG=... Tests/e2e/collect.sh path/to/studyspot
set -uo pipefail
BIN=${1:?usage: collect.sh path/to/studyspot}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
STACK=${STUDYSPOT_TEST_CONFIG:?collect.sh needs the test stack (STUDYSPOT_TEST_CONFIG)}
HERE=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
fake_pid=
cleanup() { [ -n "$fake_pid" ] && kill "$fake_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export XDG_STATE_HOME="$tmp/state"
unset STUDYSPOT_CONFIG
fail() { echo "collect.sh: $*" >&2; exit 1; }

# The fake providers on a free port above the ephemeral range (exit 98: taken, try another).
for _ in 1 2 3 4 5 6 7 8; do
    port=$(python3 -c 'import random; print(random.randint(61100, 64900))')
    python3 "$HERE/scripts/fake_providers/server.py" --port "$port" >/dev/null 2>&1 &
    fake_pid=$!
    if python3 - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(150):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/health", timeout=1); sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit(1)
PY
    then break; fi
    kill "$fake_pid" 2>/dev/null; fake_pid=
done
[ -n "$fake_pid" ] || fail "the fake providers did not start"

cfg="$tmp/config.toml"
{ cat "$STACK"; printf '\n[[collector]]\nprovider = "netlify"\naccount = "studyspot"\ntoken = "${NETLIFY_TOKEN}"\napi_url = "http://127.0.0.1:%s"\n' "$port"; } > "$cfg"
chmod 600 "$cfg"
NETLIFY_TOKEN=x "$BIN" schema apply --config "$cfg" >/dev/null || fail "schema apply failed"

NETLIFY_TOKEN=fake-netlify-token "$BIN" collect --once --config "$cfg" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 0 ] || fail "collect --once exited $rc: $(cat "$tmp/out" "$tmp/err")"
grep -qx 'netlify (studyspot): 1 figure written' "$tmp/out" || fail "unexpected output: $(cat "$tmp/out")"

NETLIFY_TOKEN=x "$BIN" snapshot --format json --role admin --config "$cfg" > "$tmp/snap.json" 2>/dev/null
python3 - "$tmp/snap.json" <<'PY' || fail "snapshot does not show netlify's figure"
import json, sys
quotas = json.load(open(sys.argv[1]))["quotas"]
hit = [q for q in quotas if q["provider"] == "netlify" and q["resource"] == "bandwidth"]
assert hit and abs(hit[0]["used"] - 25.3016) < 0.01, hit
assert hit[0]["source"] == "api:netlify" and hit[0]["observed_at"] and hit[0]["collector_error"] is None, hit
PY
NETLIFY_TOKEN=x "$BIN" snapshot --format text --pane quotas --role admin --width 200 --height 80 --config "$cfg" > "$tmp/snap.txt" 2>/dev/null
grep -Eq 'netlify +bandwidth.*API (now|[0-9]+[smhd])' "$tmp/snap.txt" || fail "the Quotas pane does not say where netlify's figure came from: $(grep netlify "$tmp/snap.txt")"

BAD='nfp_e2e_refused_S3cret'
NETLIFY_TOKEN=$BAD "$BIN" collect --once --config "$cfg" > "$tmp/out" 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] || fail "a refused token exited $rc, not 1"
grep -q 'netlify (studyspot): Netlify API /api/v1/accounts/studyspot/bandwidth: HTTP 401 token refused' "$tmp/err" \
    || fail "the 401 is not named: $(cat "$tmp/err")"
if grep -rq -e "$BAD" -e fake-netlify-token "$tmp/out" "$tmp/err" "$XDG_STATE_HOME"; then fail "a token was printed or logged"; fi
NETLIFY_TOKEN=x "$BIN" snapshot --format json --role admin --config "$cfg" > "$tmp/snap.json" 2>/dev/null
python3 - "$tmp/snap.json" <<'PY' || fail "snapshot does not name the refused token"
import json, sys
hit = [q for q in json.load(open(sys.argv[1]))["quotas"] if q["provider"] == "netlify" and q["resource"] == "bandwidth"]
assert hit and "401" in (hit[0]["collector_error"] or "") and abs(hit[0]["used"] - 25.3016) < 0.01, hit
PY
echo "collect.sh: ok (collect --once wrote netlify's figure, snapshot and the Quotas pane show it with its source, a refused token exits 1 named with its 401 and shows on the gauge)"
