#!/usr/bin/env bash
# End-to-end test of `studyspot dash` in a real terminal (tmux).
#
#   Tests/e2e/tmux-dash.sh PATH/TO/studyspot
#
# Builds nothing. Starts the binary in a detached 100×30 tmux session, reads
# the screen with capture-pane, sends keys, resizes to 30×8 and back, sends
# SIGTERM and checks the terminal came back (no alternate screen, no mouse
# mode, cursor visible). Then does the same after a deliberate crash.
# Every wait polls for a condition with a deadline; no sleep synchronises.
set -u
BIN=${1:?usage: $0 PATH/TO/studyspot}
[ -x "$BIN" ] || { echo "FAIL: $BIN is not an executable" >&2; exit 2; }
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

SOCK="studyspot-e2e-$$"
WORK=$(mktemp -d)
STATUS_FILE=$WORK/status
SESSION=dash0
T="tmux -L $SOCK"
cleanup() { $T kill-server 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
# fail, screen, wait_for, wait_format, app_pid, wait_status, check_restored
source "$(dirname "$0")/lib/tmux-harness.sh"

# A session that lives for the whole test keeps the server up between runs.
$T new-session -d -s keep -x 80 -y 24 "sleep 3600" || { echo "FAIL: cannot start tmux" >&2; exit 2; }
RUN=0
start() {
    # A fresh session per run on the same server (restarting the server
    # races with its shutdown).
    [ "$RUN" -gt 0 ] && $T kill-session -t "$SESSION" 2>/dev/null
    RUN=$((RUN + 1))
    SESSION="dash$RUN"
    $T new-session -d -s "$SESSION" -x 100 -y 30 "sleep 3600" || fail "cannot start tmux"
    rm -f "$STATUS_FILE"
    # A shell records the exit status and the tty modes left behind, then
    # keeps the pane alive: tmux reports a dead pane's cursor as hidden.
    $T respawn-pane -k -t "$SESSION" "env TERM=xterm-256color $*; echo \$? > $STATUS_FILE.tmp; stty -a > $WORK/stty; mv $STATUS_FILE.tmp $STATUS_FILE; exec sleep 3600" || fail "cannot start $BIN"
}

echo "1. starts on Overview at 100×30"
start "$BIN" dash --role operator
wait_for "1 Overview"
wait_for "┌ Overview"
wait_for "q quit"
wait_format '#{alternate_on}' 1

echo "2. keys switch panes"
$T send-keys -t "$SESSION" 5
wait_for "┌ Instances"
$T send-keys -t "$SESSION" Tab
wait_for "┌ Shards"
$T send-keys -t "$SESSION" BTab
wait_for "┌ Instances"

echo "3. ? shows help generated from the key map, Esc closes it"
$T send-keys -t "$SESSION" '?'
wait_for "Keys · Instances"
wait_for "drain the selected instance"
$T send-keys -t "$SESSION" Escape
deadline=$(( $(date +%s) + 5 ))
while screen | grep -qF "Keys · Instances"; do
    (( $(date +%s) < deadline )) || fail "help did not close on Esc"
    sleep 0.05
done

echo "4. resize to 30×8 shows the too-small message, and back"
$T resize-window -t "$SESSION" -x 30 -y 8
wait_for "terminal too small: 30×8"
$T resize-window -t "$SESSION" -x 100 -y 30
wait_for "┌ Instances"
wait_for "q quit"

echo "5. SIGTERM restores the terminal"
kill -TERM "$(app_pid)"
wait_status 143
check_restored

echo "6. q quits and restores the terminal"
start "$BIN" dash
wait_for "┌ Overview"
$T send-keys -t "$SESSION" q
wait_status 0
check_restored

echo "7. read-only owner: only Bookings and Seats"
start "$BIN" dash --role owner --read-only
wait_for "┌ Bookings"
screen | grep -qF "1 Overview" && fail "owner can see Overview"
wait_for "owner (read-only)"
$T send-keys -t "$SESSION" C-c
wait_status 0
check_restored

echo "8. a crash (Swift trap) still restores the terminal"
start env STUDYSPOT_TEST_CRASH=1 "$BIN" dash
wait_status 132   # SIGILL: a Swift trap, re-raised after the restore
check_restored

echo "9. without a TTY it points at studyspot snapshot"
out=$("$BIN" dash </dev/null 2>&1 >/dev/null) && fail "dash without a TTY exited 0"
echo "$out" | grep -qF "studyspot snapshot" || fail "no-TTY message does not mention studyspot snapshot: $out"

echo "10. SIGHUP (the SSH session dropped) restores the terminal"
start "$BIN" dash
wait_for "┌ Overview"
kill -HUP "$(app_pid)"
wait_status 129
check_restored

echo "11. TERM=vt100 and NO_COLOR still draw, and q restores"
start env TERM=vt100 NO_COLOR=1 "$BIN" dash
wait_for "┌ Overview"
$T send-keys -t "$SESSION" q
wait_status 0
check_restored

echo "12. TERM=dumb is refused with the way out, not drawn as a stream"
start env TERM=dumb "$BIN" dash
wait_status 2
wait_for "needs a terminal that can move the cursor"

echo "PASS: tmux end-to-end test of studyspot dash"
