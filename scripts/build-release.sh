#!/bin/bash
# The shipped build: release, with the Swift runtime and Foundation linked
# statically (--static-swift-stdlib). Only the pages of them the console
# touches become resident, instead of the loader mapping and relocating every
# shared Swift library (Benchmarks/README.md, "Resident memory").
# glibc, ncursesw, libpq and hiredis stay shared system libraries.
# Prints studyspot's path (the build's output only when it fails);
# studyspot-bench is built beside it.
# Usage: scripts/build-release.sh [--dynamic]
#   --dynamic: the same build with the Swift libraries shared (.build-dynamic),
#   for comparison only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
if [ "${1:-}" = "--dynamic" ]; then
    flags=(); scratch=.build-dynamic
else
    flags=(--static-swift-stdlib); scratch=.build-release
fi
# studyspot, then studyspot-bench beside it (the bench scripts run it; it
# shares every module, so the second build only links).
for product in studyspot studyspot-bench; do
    if ! out=$(swift build -c release "${flags[@]}" --scratch-path "$scratch" --product "$product" 2>&1); then
        echo "$out" >&2; exit 1
    fi
    # SwiftPM does not relink when only --static-swift-stdlib changed: a binary
    # left from a shared-library build is removed and linked again.
    if [ ${#flags[@]} -gt 0 ] && ldd "$scratch/release/$product" 2>/dev/null | grep -q libswiftCore; then
        rm -f "$scratch/release/$product" "$scratch"/*/release/"$product"
        if ! out=$(swift build -c release "${flags[@]}" --scratch-path "$scratch" --product "$product" 2>&1); then
            echo "$out" >&2; exit 1
        fi
    fi
done
echo "$PWD/$scratch/release/studyspot"
