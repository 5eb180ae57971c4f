#!/usr/bin/env bash
# The Overview uses its space: the real dashboard at 160×48 in tmux.
#
#   Tests/e2e/overview-tmux.sh PATH/TO/studyspot
#
# Needs $STUDYSPOT_TEST_CONFIG (the test stack `make test` brings up); skips
# without it. Applies the schema, seeds the small data set afresh, runs the
# simulation (instances, bookings, usage) in the background,
# opens `studyspot dash` in a detached 160×48 tmux session, waits until the
# Overview has loaded (capture-pane polled with a deadline) and checks that
# no more than half of the cells inside the Overview's outer block are blank
# and that today's five booking counts show whole. OVERVIEW_E2E_SHOW=1
# prints the final screen.
# Every wait polls a condition with a deadline; no sleep synchronises.
set -u
export LC_ALL=C.UTF-8
BIN=${1:?usage: $0 PATH/TO/studyspot}
[ -x "$BIN" ] || { echo "FAIL: $BIN is not an executable" >&2; exit 2; }
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed" >&2; exit 2; }
CFG=${STUDYSPOT_TEST_CONFIG:-}
[ -n "$CFG" ] && [ -f "$CFG" ] || { echo "SKIP: overview-tmux.sh needs STUDYSPOT_TEST_CONFIG (make test sets it)"; exit 0; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

SOCK="studyspot-overview-$$"
WORK=$(mktemp -d)
STATUS_FILE=$WORK/status
SESSION=overview
T="tmux -L $SOCK -f /dev/null"
SIM=""
cleanup() {
    [ -n "$SIM" ] && kill "$SIM" 2>/dev/null && wait "$SIM" 2>/dev/null
    $T kill-server 2>/dev/null; rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
# fail, screen, wait_for, now_ms
source "$(dirname "$0")/lib/tmux-harness.sh" || { echo "FAIL: no Tests/e2e/lib/tmux-harness.sh" >&2; exit 2; }

echo "1. schema, seed (afresh), simulation in the background"
"$BIN" schema apply --config "$CFG" >/dev/null || fail "schema apply failed"
# --force: tests before this one leave rows of their own on the users shards
# (with an empty catalog, a plain seed would collide with them).
"$BIN" seed --config "$CFG" --scale small --force >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log" >&2; fail "seed failed"; }
"$BIN" simulate --config "$CFG" --rate 20 --duration 300 >"$WORK/simulate.log" 2>&1 &
SIM=$!

echo "2. the dashboard at 160×48 on the Overview"
$T new-session -d -s "$SESSION" -x 160 -y 48 \
    "env TERM=xterm-256color XDG_STATE_HOME=$WORK/state '$BIN' dash --config '$CFG' --role operator; exec sleep 3600" \
    || fail "cannot start tmux"
wait_for "┌ Overview"
# Loaded: instances probed, shards and caches read, the booking feed's tally, quotas.
for text in "┌ Instances" "LATENCY" "┌ Shards" "┌ Caches" "reserved " "┌ Closest to their limits"; do
    wait_for "$text" 60
done

echo "3. no more than half the Overview is blank, the tally is whole"
# capture-pane drops trailing blanks: pad each row to the window's width.
# Rows 0 and 47 are the tab bar and status line, 1 and 46 the outer border.
blank_share() {
    screen | python3 -c '
import sys, unicodedata
W, H = 160, 48
rows = sys.stdin.read().split("\n")[:H]
def cols(line):
    out = []
    for ch in line:
        if unicodedata.combining(ch): continue
        out.append(ch)
        if unicodedata.east_asian_width(ch) in "WF": out.append("")
    return out + [" "] * (W - len(out))
blank = total = 0
for y in range(2, H - 2):
    c = cols(rows[y] if y < len(rows) else "")
    for x in range(1, W - 1):
        total += 1
        blank += c[x] == " "
print(blank * 100 // total)
'
}
deadline=$(( $(now_ms) + 30000 ))
share=100
while (( $(now_ms) < deadline )); do
    share=$(blank_share)
    (( share <= 50 )) && break
    sleep 0.2
done
(( share <= 50 )) || fail "the Overview at 160×48 is ${share}% blank (at most 50%)"
echo "   ${share}% of the Overview's cells are blank"
screen | grep -qE "reserved [0-9,]+  checked in [0-9,]+  completed [0-9,]+  cancelled [0-9,]+  no-show [0-9,]+" \
    || fail "today's tally is not whole at 160×48"

[ -n "${OVERVIEW_E2E_SHOW:-}" ] && screen

echo "4. no number is cut on any pane at any width from 80 to 250 (every 10th, and 250)"
# A number is cut when it runs into a border or the screen's edge, or ends in
# the "…" of a cut (a word whose first letter or digit is a digit).
cut_number() {
    screen | python3 -c '
import sys
W = int(sys.argv[1])
borders = set("│┃┐┘╮╯▕")
for y, line in enumerate(sys.stdin.read().split("\n")):
    chars = list(line)
    for i, ch in enumerate(chars):
        if not ch.isdigit(): continue
        nxt = chars[i + 1] if i + 1 < len(chars) else None
        j = i
        while j > 0 and not chars[j - 1].isspace() and chars[j - 1] not in borders: j -= 1
        word = [c for c in chars[j:i + 1] if c.isalnum()]
        if nxt == "…" and word and word[0].isdigit(): print(f"row {y}: {line}"); sys.exit(0)
        if nxt in borders: print(f"row {y}: {line}"); sys.exit(0)
' "$1"
}
# Each pane's block title (Seats: the library's name, so anything but Bookings').
titles=("" "┌ Overview" "┌ Bookings" "" "┌ Quotas" "┌ Failover" "┌ Shards" "┌ Caches" "┌ Alerts" "┌ Events")
drawn() {  # drawn KEY WIDTH: the pane's title on row 1 and the status line at the new width
    local row1 last
    row1=$(screen | sed -n 2p); last=$(screen | tail -n 1)
    if [ "$1" = 3 ]; then [[ "$row1" == "┌"* && "$row1" != "┌ Bookings"* ]] || return 1
    else [[ "$row1" == "${titles[$1]}"* ]] || return 1; fi
    [ "$(python3 -c 'import sys; print(len(sys.argv[1]))' "$last")" -ge "$(( $2 - 1 ))" ]
}
checked=0
for w in $(seq 80 10 250) 250; do
    $T resize-window -t "$SESSION" -x "$w" -y 48 || fail "cannot resize to ${w}×48"
    for key in 1 2 3 4 5 6 7 8 9; do
        $T send-keys -t "$SESSION" "$key"
        deadline=$(( $(now_ms) + 10000 ))
        until drawn "$key" "$w"; do
            (( $(now_ms) < deadline )) || fail "pane $key never drew at ${w}×48"
            sleep 0.05
        done
        hit=$(cut_number "$w")
        [ -z "$hit" ] || fail "a number is cut on pane $key at ${w}×48: $hit"
        checked=$((checked + 1))
    done
done
echo "   $checked screens, none with a cut number"
echo "PASS: the Overview uses its space at 160×48; no number is cut at any width"
