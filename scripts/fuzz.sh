#!/bin/bash
# Coverage-guided fuzzing (libFuzzer through swiftc -sanitize=fuzzer) of the
# parsers that read untrusted text: TOML, the config loader, themes, Redis
# INFO. Each target is built from its module's sources plus an entry in Fuzz/
# and run for RUNS inputs (default 1,000,000) over its committed corpus;
# new interesting inputs are added to the corpus and any crash is written to
# Fuzz/crashes/ (commit both: the tests replay them).
#   scripts/fuzz.sh [target…]     targets: toml config theme info (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-1000000}
OUT=.build-fuzz
mkdir -p "$OUT" Fuzz/crashes

sources() {
    case "$1" in
    toml) ls Sources/TOMLParser/*.swift ;;
    config) ls Sources/StudySpotCore/*.swift Sources/TOMLParser/*.swift Sources/StudySpotConfig/*.swift ;;
    theme) ls Sources/TOMLParser/*.swift; ls Sources/TerminalUI/*/*.swift | grep -v -e Backend/ -e ColorDepth.swift ;;
    info) ls Sources/StudySpotWire/RedisInfo.swift ;;
    esac
}
entry() { case "$1" in toml) echo Fuzz/TOMLFuzz.swift;; config) echo Fuzz/ConfigFuzz.swift;; theme) echo Fuzz/ThemeFuzz.swift;; info) echo Fuzz/InfoFuzz.swift;; esac; }

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(toml config theme info)
for t in "${targets[@]}"; do
    echo "== $t: building"
    # One module from several: the project's own module imports are dropped.
    src="$OUT/src-$t"
    rm -rf "$src" && mkdir -p "$src"
    for f in $(sources "$t") "$(entry "$t")"; do
        sed -E '/^import (TOMLParser|StudySpotCore|StudySpotConfig|CNcursesw)$/d' "$f" > "$src/$(echo "$f" | tr / _)"
    done
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name Fuzz$t \
        "$src"/*.swift -o "$OUT/$t-fuzz" 2> "$OUT/$t-build.log" || { grep error "$OUT/$t-build.log" | head -20; exit 1; }
    mkdir -p "Fuzz/corpus/$t"
    echo "== $t: $RUNS runs"
    "$OUT/$t-fuzz" -runs="$RUNS" -max_len=4096 -timeout=10 -artifact_prefix="Fuzz/crashes/$t-" \
        -print_final_stats=1 "Fuzz/corpus/$t" 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss|Done|==[0-9]+==ERROR)" || true
done
