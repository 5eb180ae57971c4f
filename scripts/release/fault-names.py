#!/usr/bin/env python3
"""The functions of BINARY that page faults of a recorded run landed in:
`perf record -c 1 -e page-faults -d` of the ordered binary names the code
callgrind did not report (each such fault maps at least 64 kB outside the
ordered region). One name a line, for order-symbols.py --also.

Usage: scripts/release/fault-names.py PERF_DATA BINARY > NAMES
"""
import bisect
import os
import re
import subprocess
import sys

data, binary = sys.argv[1], os.path.realpath(sys.argv[2])
out = subprocess.run(["perf", "script", "-i", data, "--show-mmap-events", "-F", "addr"],
                     capture_output=True, text=True, check=True).stdout
base = None
faults = []
for line in out.splitlines():
    if "MMAP" in line:
        m = re.search(r"\[0x([0-9a-f]+)\(0x[0-9a-f]+\) @ 0 .*\s(\S+)$", line)
        if m and base is None and os.path.realpath(m.group(2)) == binary:
            base = int(m.group(1), 16)
    elif re.fullmatch(r"\s*[0-9a-f]+\s*", line):
        faults.append(int(line, 16))
if base is None:
    sys.exit(f"fault-names: {binary} is not mapped in {data}")
syms = []
for line in subprocess.run(["nm", "-S", "--defined-only", "-n", binary], capture_output=True, text=True).stdout.splitlines():
    p = line.split()
    if len(p) == 4 and p[2] in "tTWw":
        syms.append((int(p[0], 16), int(p[1], 16), p[3]))
starts = [s[0] for s in syms]
seen = {}
for f in faults:
    a = f - base
    j = bisect.bisect_right(starts, a) - 1
    if j >= 0 and a < syms[j][0] + syms[j][1]:
        seen.setdefault(syms[j][2], None)
print("\n".join(seen))
