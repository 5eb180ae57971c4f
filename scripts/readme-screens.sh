#!/usr/bin/env bash
# Regenerates the pictures in docs/screens/ (every pane at 80×24, 100×30,
# 160×48 and 250×70, as `studyspot snapshot --format text` draws it,
# captured from the demo stack), docs/screens.md (every pane at 160×48) and
# the README's Overview (80×24, the smallest terminal it is built for).
# Run `make demo` once first (stack, schema, seed). If the demo's simulation
# is not running, a short one is started for the capture and stopped after.
#   STACK_DIR, BASE_PORT  the stack (default: as for `studyspot stack up`)
#   OUT                   output folder (default docs/screens)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/studyspot}
OUT=${OUT:-docs/screens}
args=()
[ -n "${STACK_DIR:-}" ] && args+=(--dir "$STACK_DIR")
[ -n "${BASE_PORT:-}" ] && args+=(--base-port "$BASE_PORT")

cfg=$("$BIN" stack up "${args[@]}" | tail -n 1)
[ -f "$cfg" ] || { echo "readme-screens: the stack did not come up" >&2; exit 1; }

# Is an instance answering? The first [[instance]] url in the config.
first=$(sed -n 's#^url = "http://\([0-9.]*\):\([0-9]*\).*#\1 \2#p' "$cfg" | head -n 1)
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true; }
trap cleanup EXIT
if [ -n "$first" ] && ! (exec 3<>"/dev/tcp/${first% *}/${first#* }") 2>/dev/null; then
    echo "readme-screens: no simulation running; starting one for the capture" >&2
    "$BIN" simulate --config "$cfg" --duration 60 --instance render-1=sleeping --instance render-2=flapping \
        >"${TMPDIR:-/tmp}/readme-screens-simulate.log" 2>&1 &
    sim_pid=$!
    # Let bookings, heartbeats and counters accumulate for a few polls.
    sleep 8
    kill -0 "$sim_pid" 2>/dev/null || { echo "readme-screens: the simulation stopped; run \`make demo\` once first (see ${TMPDIR:-/tmp}/readme-screens-simulate.log)" >&2; exit 1; }
fi

mkdir -p "$OUT"
for size in 80x24 100x30 160x48 250x70; do
    mkdir -p "$OUT/$size"
    n=1
    for pane in overview bookings seats quotas instances shards caches alerts events; do
        file="$OUT/$size/$n-$pane.txt"
        # Exit 1–3 (warning, critical, unknown) are normal for a live stack.
        "$BIN" snapshot --config "$cfg" --pane "$pane" --format text --width "${size%x*}" --height "${size#*x}" --timeout 10 \
            | sed '/^status: /d' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$file" || true
        n=$((n + 1))
    done
    echo "wrote $OUT/$size: $((n - 1)) panes"
done
rm -f "$OUT"/[0-9]-*.txt

# docs/screens.md shows them all between its screens markers; the README
# shows the Overview between its overview markers.
python3 - "$OUT" docs/screens.md README.md <<'PY'
import pathlib, re, sys
out, screens, readme = (pathlib.Path(a) for a in sys.argv[1:4])
parts = []
for f in sorted((out / "160x48").glob("*.txt")):
    title = f.stem.split("-", 1)[1].capitalize()
    parts.append(f"### {title}\n\n```\n{f.read_text().rstrip()}\n```\n")
def put(path, name, body):
    text = path.read_text()
    block = f"<!-- {name}:start -->\n{body}<!-- {name}:end -->"
    new = re.sub(rf"<!-- {name}:start -->.*?<!-- {name}:end -->", lambda m: block, text, flags=re.S)
    path.write_text(new)
put(screens, "screens", "\n".join(parts))
overview = next((out / "80x24").glob("1-*.txt")).read_text().rstrip()
put(readme, "overview", f"```\n{overview}\n```\n")
print(f"docs/screens.md: {len(parts)} screens; README.md: the Overview")
PY
