#!/usr/bin/env bash
# The Events pane tells an instance going down and coming back, end to end:
# the real dashboard in tmux on the test stack ($STUDYSPOT_TEST_CONFIG, as
# `make test` sets it), the railway instance served by `studyspot simulate
# instance`, killed, then served again.
#
#   STUDYSPOT_TEST_CONFIG=PATH Tests/e2e/events-tmux.sh PATH/TO/studyspot
#
# Every wait polls capture-pane for a condition with a deadline; no sleep
# synchronises. The trap stops the instance and tmux even on failure.
set -u
BIN=${1:?usage: $0 PATH/TO/studyspot}
CFG=${STUDYSPOT_TEST_CONFIG:?set STUDYSPOT_TEST_CONFIG to the config of the test stack, as make test does}
[ -x "$BIN" ] || { echo "FAIL: $BIN is not an executable" >&2; exit 2; }
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

SOCK="studyspot-events-$$"
T="tmux -L $SOCK"
SESSION=events
WORK=$(mktemp -d)
STATUS_FILE=$WORK/status
INSTANCE_PID=""
cleanup() {
    [ -n "$INSTANCE_PID" ] && kill "$INSTANCE_PID" 2>/dev/null && wait "$INSTANCE_PID" 2>/dev/null
    $T kill-server 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
# fail, screen, wait_for
source "$(dirname "$0")/lib/tmux-harness.sh"

serve() {
    XDG_STATE_HOME=$WORK "$BIN" simulate instance railway --config "$CFG" >"$WORK/instance.log" 2>&1 &
    INSTANCE_PID=$!
}
stop_serving() { kill "$INSTANCE_PID"; wait "$INSTANCE_PID" 2>/dev/null; INSTANCE_PID=""; }
URL=$(awk '/^name = "railway"/ { found = 1 } found && /^url = / { gsub(/"/, "", $3); print $3; exit }' "$CFG")
[ -n "$URL" ] || fail "no railway instance in $CFG"
# answering: /health answers (so the dashboard's first probe finds it up).
answering() {
    local deadline=$(( $(now_ms) + 10000 ))
    while (( $(now_ms) < deadline )); do
        curl -sf -o /dev/null --max-time 1 "$URL/health" && return 0
        sleep 0.05
    done
    fail "railway ($URL) does not answer /health"
}
# recoveries: how many "down → up" lines of railway the screen shows.
recoveries() { screen | grep -cE "railway +down → up"; }

# wait_re REGEX [SECONDS]: poll the screen until a line matches.
wait_re() {
    local re=$1 deadline=$(( $(now_ms) + ${2:-10} * 1000 ))
    while (( $(now_ms) < deadline )); do
        screen | grep -qE -- "$re" && return 0
        sleep 0.05
    done
    fail "timed out after ${2:-10}s waiting for /$re/"
}

echo "1. railway served; the dashboard sees it up"
serve
answering
$T new-session -d -s "$SESSION" -x 120 -y 32 \
    "env TERM=xterm-256color XDG_STATE_HOME=$WORK $BIN dash --config $CFG --role operator; exec sleep 3600" \
    || fail "cannot start tmux"
wait_for "q quit"
$T send-keys -t "$SESSION" 5
wait_re "railway +● up" 30

echo "2. railway stops answering: the Events pane says it went down, and why"
stop_serving
$T send-keys -t "$SESSION" 9
wait_for "┌ Events"
wait_re "railway +.*→ down: .*(refused|failed)" 60

echo "3. railway answers again: the Events pane says it came back, newest first"
before=$(recoveries)
serve
deadline=$(( $(now_ms) + 60000 ))
until (( $(recoveries) > before )); do
    (( $(now_ms) < deadline )) || fail "timed out after 60s waiting for a new railway down → up line"
    sleep 0.05
done
first=$(screen | grep -nE "railway +(down → up|.*→ down)" | head -1)
case "$first" in *"down → up"*) ;; *) fail "the newest line is not the recovery: $first" ;; esac

echo "4. / finds the recovery"
$T send-keys -t "$SESSION" /
$T send-keys -t "$SESSION" -l "down → up"
$T send-keys -t "$SESSION" Enter
wait_for "filter: down → up"
screen | grep -qE "railway +.*degraded|→ down" && fail "the search kept lines that do not match"
echo "ok"
