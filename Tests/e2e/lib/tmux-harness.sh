# Helpers shared by the tmux end-to-end scripts (sourced, not run: `make test`
# runs only Tests/e2e/*.sh). The caller sets T (the tmux command with its
# socket), SESSION, WORK and STATUS_FILE; its pane runs the dashboard under a
# shell that writes the exit status to STATUS_FILE and `stty -a` to $WORK/stty.
# Every wait polls a condition with a deadline; no sleep synchronises.

fail() {
    echo "FAIL: $*" >&2
    echo "---- screen ($($T display -p -t "$SESSION" '#{window_width}×#{window_height}' 2>/dev/null)) ----" >&2
    $T capture-pane -p -t "$SESSION" >&2 2>/dev/null
    echo "----------------" >&2
    exit 1
}
screen() { $T capture-pane -p -t "$SESSION"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wait_for TEXT [SECONDS]: poll the screen until TEXT shows up.
wait_for() {
    local text=$1 deadline=$(( $(now_ms) + ${2:-10} * 1000 ))
    while (( $(now_ms) < deadline )); do
        screen | grep -qF -- "$text" && return 0
        sleep 0.05
    done
    fail "timed out waiting for: $text"
}

# wait_format FORMAT VALUE [SECONDS]: poll a tmux format until it equals VALUE.
wait_format() {
    local fmt=$1 want=$2 deadline=$(( $(now_ms) + ${3:-10} * 1000 )) got=""
    while (( $(now_ms) < deadline )); do
        got=$($T display -p -t "$SESSION" "$fmt")
        [ "$got" = "$want" ] && return 0
        sleep 0.05
    done
    fail "$fmt is '$got', expected '$want' (pane: $($T display -p -t "$SESSION" 'dead=#{pane_dead} alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag} kmode=#{keypad_cursor_flag}'))"
}

# The dashboard's pid: the child of the pane's shell.
app_pid() {
    local shell_pid pid deadline=$(( $(date +%s) + 5 ))
    shell_pid=$($T display -p -t "$SESSION" '#{pane_pid}')
    while (( $(date +%s) < deadline )); do
        pid=$(pgrep -P "$shell_pid" | head -1)
        [ -n "$pid" ] && { echo "$pid"; return 0; }
        sleep 0.05
    done
    fail "cannot find the dashboard's process"
}

# wait_status CODE: the dashboard exited with CODE.
wait_status() {
    local deadline=$(( $(date +%s) + 10 ))
    while (( $(date +%s) < deadline )); do [ -s "$STATUS_FILE" ] && break; sleep 0.05; done
    [ -s "$STATUS_FILE" ] || fail "the dashboard did not exit"
    [ "$(cat "$STATUS_FILE")" = "$1" ] || fail "exit status $(cat "$STATUS_FILE"), expected $1"
}

# The terminal is back: no alternate screen, no mouse mode, cursor shown, cooked mode with echo.
check_restored() {
    wait_format '#{alternate_on}' 0
    wait_format '#{mouse_any_flag}#{mouse_button_flag}#{mouse_sgr_flag}' 000
    wait_format '#{cursor_flag}' 1
    grep -qE '(^| )echo( |$)' "$WORK/stty" || fail "echo is off after exit: $(cat "$WORK/stty")"
    grep -qE '(^| )icanon( |$)' "$WORK/stty" || fail "the terminal is still in raw mode after exit"
}
