#!/bin/bash
# The shipped build: release, with the Swift runtime and Foundation linked
# statically (--static-swift-stdlib). Only the pages of them the console
# touches become resident, instead of the loader mapping and relocating every
# shared Swift library (issue 9, Benchmarks/README.md "Resident memory").
# glibc, ncursesw, libpq and hiredis stay shared system libraries.
# Prints the binary's path (the build's output only when it fails).
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
if ! out=$(swift build -c release "${flags[@]}" --scratch-path "$scratch" --product studyspot 2>&1); then
    echo "$out" >&2; exit 1
fi
echo "$PWD/$scratch/release/studyspot"
