#!/bin/bash
# make demo: local stack up (or reused), schema applied, then the dashboard.
set -euo pipefail
BIN="$1"
cfg=$("$BIN" stack up | tee /dev/stderr | tail -n 1)
export STUDYSPOT_CONFIG="$cfg"
"$BIN" schema apply --config "$cfg"
echo
echo "The stack is up and the schema applied. Seed data and the simulated platform"
echo "arrive with the simulator (issue 4); the dashboard opens now."
echo "Stop the stack later with: $BIN stack down"
if [ -t 1 ]; then
    exec "$BIN" dash --config "$cfg"
fi
