#!/usr/bin/env bash
# Resize storm and terminal types for `studyspot dash` in tmux.
#
#   Tests/e2e/tmux-storm.sh PATH/TO/studyspot
#
# Uses $STUDYSPOT_TEST_CONFIG when set (the monitors then talk to the test
# stack, so frames change during the storm); works without it. Builds
# nothing, starts no servers.
#  1. A storm: hundreds of resizes in a few seconds, random sizes among them
#     1×1, 2×1, 1×2, tiny ones and 250×80, with pane keys sent in between.
#     The console must survive, answer keys, and end on a correct frame for
#     the final size: first a too-small size (only the message, every other
#     cell blank: nothing left over from bigger frames), then a normal size
#     (tab bar, the pane's border exactly as wide as the window, status line).
#  2. q restores the terminal.
#  3. TERM=xterm-256color draws in colour; with NO_COLOR no colour at all;
#     TERM=vt100 draws without colour; TERM=dumb and a TERM without a
#     terminfo entry are refused with the way out. Each q restores.
# Every wait polls for a condition with a deadline; no sleep synchronises.
set -u
export LC_ALL=C.UTF-8
BIN=${1:?usage: $0 PATH/TO/studyspot}
[ -x "$BIN" ] || { echo "FAIL: $BIN is not an executable" >&2; exit 2; }
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
CONFIG_ARGS=""
[ -n "${STUDYSPOT_TEST_CONFIG:-}" ] && [ -f "$STUDYSPOT_TEST_CONFIG" ] && CONFIG_ARGS="--config $STUDYSPOT_TEST_CONFIG"

SOCK="studyspot-storm-$$"
WORK=$(mktemp -d)
STATUS_FILE=$WORK/status
SESSION=storm0
T="tmux -L $SOCK -f /dev/null"
cleanup() { $T kill-server 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
# fail, screen, wait_for, wait_format, app_pid, wait_status, check_restored
source "$(dirname "$0")/lib/tmux-harness.sh"

# wait_check FUNCTION [SECONDS]: poll until FUNCTION (reading $WORK/screen) succeeds.
wait_check() {
    local check=$1 deadline=$(( $(now_ms) + ${2:-10} * 1000 ))
    while (( $(now_ms) < deadline )); do
        screen >"$WORK/screen" && WHY=$($check) && return 0
        sleep 0.05
    done
    fail "$check: $WHY"
}
$T new-session -d -s keep -x 80 -y 24 "sleep 3600" || { echo "FAIL: cannot start tmux" >&2; exit 2; }
RUN=0
start() {  # start ENV-ASSIGNMENTS… -- the dashboard in a fresh 100×30 session
    [ "$RUN" -gt 0 ] && $T kill-session -t "$SESSION" 2>/dev/null
    RUN=$((RUN + 1))
    SESSION="storm$RUN"
    $T new-session -d -s "$SESSION" -x 100 -y 30 "sleep 3600" || fail "cannot start tmux"
    rm -f "$STATUS_FILE"
    $T respawn-pane -k -t "$SESSION" "env $* '$BIN' dash --role operator $CONFIG_ARGS; echo \$? > $STATUS_FILE.tmp; stty -a > $WORK/stty; mv $STATUS_FILE.tmp $STATUS_FILE; exec sleep 3600" \
        || fail "cannot start $BIN"
}
resize() { $T resize-window -t "$SESSION" -x "$1" -y "$2"; }

# The final frame at W×H below the minimum: the message, and every other
# cell blank (capture-pane drops trailing blanks, so a blank row is empty).
W=0; H=0
check_too_small() {
    local msg="terminal too small: ${W}×${H}"
    [ "$(wc -l <"$WORK/screen")" -eq "$H" ] || { echo "capture has $(wc -l <"$WORK/screen") rows, window $H"; return 1; }
    grep -qF "$msg" "$WORK/screen" || { echo "no '$msg'"; return 1; }
    local other
    other=$(grep -vF "$msg" "$WORK/screen" | grep -v '^ *$')
    [ -z "$other" ] || { echo "left over besides the message: $(echo "$other" | head -3)"; return 1; }
}
# The final frame at W×H on the Shards pane: the tab bar on row 1, the
# pane's box from row 2 to row H-1 exactly W wide, the status line last.
check_frame() {
    local n=0 line len
    [ "$(wc -l <"$WORK/screen")" -eq "$H" ] || { echo "capture has $(wc -l <"$WORK/screen") rows, window $H"; return 1; }
    # ${#line} counts characters in a UTF-8 locale; every glyph here is one column wide.
    while IFS= read -r line; do
        n=$((n + 1)); len=${#line}
        case $n in
            1) [[ $line == " StudySpot"* ]] || { echo "row 1: no tab bar"; return 1; } ;;
            2) [[ $line == "┌ Shards"*"┐" && $len -eq $W ]] || { echo "row 2: top border is $len wide, window $W"; return 1; } ;;
            $((H - 1))) [[ $line =~ ^└─+┘$ && $len -eq $W ]] || { echo "row $n: bottom border is $len wide, window $W"; return 1; } ;;
            $H) [[ $line == *"q quit"* ]] || { echo "row $n: no status line"; return 1; } ;;
            *) [[ $line == "│"*"│" && $len -eq $W ]] || { echo "row $n is not a body row $W wide ($len): $line"; return 1; } ;;
        esac
    done <"$WORK/screen"
}

echo "1. resize storm"
start TERM=xterm-256color
wait_for "┌ Overview"
pid=$(app_pid)
# Sizes: the corner cases often, random ones between them.
fixed=("1 1" "2 1" "1 2" "3 2" "2 3" "10 3" "30 8" "79 21" "80 22" "250 80" "120 40" "1 80" "250 1")
RANDOM=8 # the same storm every run
keys=(1 2 3 4 5 6 7 8 Tab BTab)
pick_size() {
    if (( RANDOM % 3 == 0 )); then SIZE=${fixed[$(( RANDOM % ${#fixed[@]} ))]}
    else SIZE="$(( RANDOM % $1 + 1 )) $(( RANDOM % $2 + 1 ))"; fi
}
n=0; sent_keys=0
t0=$(now_ms)
# 1a: the window itself, one resize per tmux call (each reaches the app as SIGWINCH).
while (( n < 250 )); do
    pick_size 250 80
    $T resize-window -t "$SESSION" -x "${SIZE% *}" -y "${SIZE#* }" || fail "tmux refused resize-window $SIZE"
    n=$(( n + 1 ))
    if (( n % 10 == 0 )); then $T send-keys -t "$SESSION" "${keys[$(( RANDOM % ${#keys[@]} ))]}"; sent_keys=$(( sent_keys + 1 )); fi
done
# 1b: the app's pane inside a 250×80 window split three ways (resize-pane).
$T resize-window -t "$SESSION" -x 250 -y 80
APP=$($T display -p -t "$SESSION" '#{pane_id}')
$T split-window -h -t "$APP" "sleep 3600" && $T split-window -v -t "$APP" "sleep 3600" || fail "cannot split the window"
while (( n < 400 )); do
    pick_size 247 78
    $T resize-pane -t "$APP" -x "${SIZE% *}" -y "${SIZE#* }" 2>/dev/null  # sizes the layout cannot take are clamped
    n=$(( n + 1 ))
    if (( n % 10 == 0 )); then $T send-keys -t "$APP" "${keys[$(( RANDOM % ${#keys[@]} ))]}"; sent_keys=$(( sent_keys + 1 )); fi
done
$T kill-pane -a -t "$APP" || fail "cannot remove the other panes"
t1=$(now_ms)
echo "   $n resizes (250 resize-window, 150 resize-pane) and $sent_keys keys in $(( t1 - t0 )) ms"
kill -0 "$pid" 2>/dev/null || fail "the dashboard died during the storm"

echo "2. ends on a too-small size with only the message on screen"
W=41; H=9; resize $W $H
wait_check check_too_small

echo "3. answers keys, and ends on a normal size with a whole frame"
$T send-keys -t "$SESSION" 6
W=97; H=29; resize $W $H
wait_check check_frame
$T send-keys -t "$SESSION" 5
wait_for "┌ Instances" 2
$T send-keys -t "$SESSION" 6
W=131; H=37; resize $W $H
wait_check check_frame

echo "4. a second storm straight into the final size, then q restores"
for i in $(seq 60); do
    $T resize-window -t "$SESSION" -x $(( i % 7 + 1 )) -y $(( i % 5 + 1 )) \; resize-window -t "$SESSION" -x 250 -y 80
done
W=97; H=29; resize $W $H
wait_check check_frame
kill -0 "$pid" 2>/dev/null || fail "the dashboard died during the second storm"
$T send-keys -t "$SESSION" q
wait_status 0
check_restored

# colours: how many SGR colour parameters the pane holds (39 and 49, the
# defaults tmux writes around every run of text, are not colours).
colours() { $T capture-pane -p -e -t "$SESSION" | grep -oE $'\e\\[[0-9;]*m' | grep -cE '(^|\[|;)(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;|m)'; }

echo "5. TERM=xterm-256color draws in colour"
start TERM=xterm-256color
wait_for "┌ Overview"
(( $(colours) > 0 )) || fail "no colour with TERM=xterm-256color"
$T send-keys -t "$SESSION" q
wait_status 0
check_restored

echo "6. NO_COLOR: attributes only"
start TERM=xterm-256color NO_COLOR=1
wait_for "┌ Overview"
wait_for "q quit"
c=$(colours); [ "$c" -eq 0 ] || fail "$c colour sequences with NO_COLOR"
$T send-keys -t "$SESSION" q
wait_status 0
check_restored

echo "7. TERM=vt100 draws (no colour), survives a resize, q restores"
start TERM=vt100
wait_for "┌ Overview"
c=$(colours); [ "$c" -eq 0 ] || fail "$c colour sequences with TERM=vt100"
$T send-keys -t "$SESSION" 6
W=90; H=26; resize $W $H
wait_check check_frame
$T send-keys -t "$SESSION" q
wait_status 0
check_restored

echo "8. TERM=dumb is refused with the way out"
start TERM=dumb
wait_status 2
wait_for "needs a terminal that can move the cursor"

echo "9. a TERM without a terminfo entry is refused with the way out, terminal intact"
start TERM=no-such-terminal
wait_status 2
wait_for "cannot drive terminal type"
wait_for "TERM=xterm-256color"
check_restored

echo "PASS: resize storm and terminal types"
