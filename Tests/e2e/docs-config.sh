#!/usr/bin/env bash
# The complete configuration in docs/real-deployment.md must be one that
# `studyspot config check` accepts: a user copies it, so a stale key there is
# a bug. The secrets it names come from the environment, as they would.
set -euo pipefail
BIN=${1:?usage: docs-config.sh STUDYSPOT_BINARY}
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/studyspot-docs-config.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - docs/real-deployment.md "$work/config.toml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
blocks = re.findall(r"```toml\n(.*?)```", text, re.S)
if not blocks:
    sys.exit("docs/real-deployment.md: no ```toml block")
open(sys.argv[2], "w").write(blocks[0])
PY
chmod 600 "$work/config.toml"
vars=$(grep -o '\${[A-Z_]*}' "$work/config.toml" | tr -d '${}' | sort -u)
envs=()
for v in $vars; do envs+=("$v=docs-check-secret"); done
out=$(env "${envs[@]}" "$BIN" config check --config "$work/config.toml" 2>&1) || {
    echo "FAIL: docs/real-deployment.md's configuration is refused by config check:"; echo "$out"; exit 1; }
case "$out" in
    *"5 shards, 3 caches, 5 instances"*) ;;
    *) echo "FAIL: expected the plan's 5 shards, 3 caches, 5 instances, got: $out"; exit 1 ;;
esac
if grep -q docs-check-secret <<<"$out"; then echo "FAIL: config check printed a secret"; exit 1; fi
echo "PASS: docs/real-deployment.md's configuration passes config check ($out)"

# The README's collector example, on a one-instance deployment, must load too.
python3 - README.md "$work/readme.toml" <<'PY'
import re, sys
blocks = [b for b in re.findall(r"```toml\n(.*?)```", open(sys.argv[1]).read(), re.S) if "[[collector]]" in b]
if not blocks:
    sys.exit("README.md: no ```toml block with [[collector]]")
open(sys.argv[2], "w").write('[[instance]]\nname = "solo"\nprovider = "railway"\nurl = "http://127.0.0.1:9000"\n\n' + blocks[0])
PY
chmod 600 "$work/readme.toml"
out=$(env NETLIFY_TOKEN=t UPSTASH_API_KEY=k UPSTASH_DB_ID=d "$BIN" config check --config "$work/readme.toml" 2>&1) || {
    echo "FAIL: the README's [[collector]] example is refused by config check:"; echo "$out"; exit 1; }
case "$out" in
    *"1 collector"*) ;;
    *) echo "FAIL: expected the README's 1 collector, got: $out"; exit 1 ;;
esac
echo "PASS: the README's collector example passes config check ($out)"
