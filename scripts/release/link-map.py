#!/usr/bin/env python3
"""Links studyspot again as scripts/build-release.sh last had SwiftPM link it
(the command in SCRATCH/release.yaml), to OUT, with lld's link map beside it
(OUT.map): which input section, of which object, holds each function, and
where. scripts/release/order-symbols.py reads the map.

Usage: scripts/release/link-map.py SCRATCH OUT
"""
import json
import re
import subprocess
import sys

scratch, out = sys.argv[1], sys.argv[2]
plan = open(f"{scratch}/release.yaml").read()
start = plan.find('  "C.studyspot-x86_64-unknown-linux-gnu-release.exe":')
if start < 0:
    sys.exit(f"link-map: no studyspot link in {scratch}/release.yaml (run scripts/build-release.sh first)")
block = plan[start:plan.find('\n  "', start + 10)]
args = json.loads(re.search(r"\n    args: (\[.*\])", block).group(1))
args[args.index("-o") + 1] = out
# Mangled names, as callgrind reports them (lld demangles C++ in maps).
subprocess.run(args + ["-Xlinker", f"-Map={out}.map", "-Xlinker", "--no-demangle"], check=True)
# As build-release.sh does once the static libpq is linked (it says why).
if "libpq.so.5" in subprocess.run(["patchelf", "--print-needed", out], capture_output=True, text=True).stdout:
    subprocess.run(["patchelf", "--remove-needed", "libpq.so.5", out], check=True)
