#!/usr/bin/env python3
"""Which parts of a running static studyspot binary are resident: every
present page of the binary's mappings (/proc/PID/pagemap, needs root) is
attributed to the symbol that covers it (nm), and symbols are grouped by the
library they came from (ICU, Foundation, FoundationEssentials, the Swift
runtime, our modules…). Pages no symbol covers (relocations, tables, headers)
are counted by ELF section. Prints kB per group, largest first.

Usage: scripts/resident-by-library.py PID [BINARY]
"""
import bisect, re, struct, subprocess, sys

PAGE = 4096


def groups_of(name):
    n = name
    if n.startswith("icudt"):
        return "ICU data"
    # swift-foundation-icu renames ICU's C functions swift_u…_ and keeps its
    # C++ in namespace icu_NN.
    if re.search(r"icu_\d+|^swift_u[a-z0-9]*_", n):
        return "ICU code"
    for key, group in (("FoundationInternationalization", "FoundationInternationalization"),
                       ("FoundationEssentials", "FoundationEssentials"),
                       ("10Foundation", "Foundation (corelibs)"), ("CoreFoundation", "Foundation (corelibs)"),
                       ("__CF", "Foundation (corelibs)"), ("_CF", "Foundation (corelibs)"), ("CF", "Foundation (corelibs)"),
                       ("StudySpot", "StudySpot modules"), ("TerminalUI", "StudySpot modules"),
                       ("TOMLParser", "StudySpot modules"), ("14ArgumentParser", "ArgumentParser"),
                       ("7Logging", "swift-log"), ("Dispatch", "Dispatch"), ("dispatch_", "Dispatch"),
                       ("$ss", "Swift stdlib/runtime"), ("swift_", "Swift stdlib/runtime"), ("_swift", "Swift stdlib/runtime"),
                       ("$sS", "Swift stdlib/runtime"), ("_ZN5swift", "Swift stdlib/runtime")):
        if key in n:
            return group
    return "other symbols"


def main():
    pid = int(sys.argv[1])
    binary = sys.argv[2] if len(sys.argv) > 2 else open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")[0].decode()
    import os
    real = os.path.realpath(binary)
    maps = []
    for line in open(f"/proc/{pid}/maps"):
        parts = line.split()
        if len(parts) >= 6 and os.path.realpath(parts[5]) == real:
            lo, hi = (int(x, 16) for x in parts[0].split("-"))
            maps.append((lo, hi, int(parts[2], 16)))
    if not maps:
        sys.exit(f"no mapping of {real} in process {pid}")
    base = min(lo - off for lo, hi, off in maps)
    syms = []
    for line in subprocess.run(["nm", "-S", "--defined-only", real], capture_output=True, text=True).stdout.splitlines():
        p = line.split()
        if len(p) == 4:
            syms.append((int(p[0], 16), int(p[1], 16), p[3]))
    syms.sort()
    starts = [s[0] for s in syms]
    sections = []
    for line in subprocess.run(["readelf", "-SW", real], capture_output=True, text=True).stdout.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if m and int(m.group(2), 16):
            sections.append((int(m.group(2), 16), int(m.group(3), 16), m.group(1)))
    totals = {}
    with open(f"/proc/{pid}/pagemap", "rb") as pm:
        for lo, hi, _ in maps:
            pm.seek(lo // PAGE * 8)
            data = pm.read((hi - lo) // PAGE * 8)
            for i in range((hi - lo) // PAGE):
                (entry,) = struct.unpack_from("<Q", data, i * 8)
                if not entry >> 63 & 1:
                    continue
                addr = lo + i * PAGE - base
                # The page's group: the symbols overlapping it, by bytes covered.
                cover = {}
                j = max(bisect.bisect_right(starts, addr) - 1, 0)
                while j < len(syms) and syms[j][0] < addr + PAGE:
                    s, size, name = syms[j]
                    a, b = max(s, addr), min(s + size, addr + PAGE)
                    if b > a:
                        g = groups_of(name)
                        cover[g] = cover.get(g, 0) + b - a
                    j += 1
                if cover:
                    g = max(cover, key=cover.get)
                else:
                    g = next((f"section {n}" for s, size, n in sections if s <= addr < s + size), "headers/other")
                totals[g] = totals.get(g, 0) + PAGE
    for g, v in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {v // 1024:7d} kB  {g}")
    print(f"  {sum(totals.values()) // 1024:7d} kB  total resident in the binary's mappings")


main()
