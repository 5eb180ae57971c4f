#!/usr/bin/env python3
"""Turns callgrind profiles of dashboard runs into lld's --symbol-ordering-file:
the functions that ran, in the order the link map has them (functions of one
object stay together; the file does not depend on which profile named a
function first).

lld moves input sections, not functions. A name that ran moves every section
holding a symbol of that name: the section of one small function (our
modules and their packages are built with -function-sections), but also an
archive member's whole .text when it was compiled without function sections
(libswift_RegexParser's 476 kB came along with a local `objectdestroy.2Tm`
that ran in another object). So a name is written only if every section it
would move is small (≤ SMALL bytes), or mostly code that ran (≥ DENSE of its
bytes under names that ran), or resident in place anyway (the 64 kB
fault-around windows of its code that ran cover half of it: libswiftCore's
Swift.o keeps a 1.5 MB .text of which 142 kB ran, in ~all its windows).

callgrind names a function once per output as "fn=(ID) NAME" and then by
"(ID)" alone; recursion levels carry a "'N" suffix. Functions of every
object count (only names the map has in .text are written): a profile of a
build with the shared libcrypto then orders a build that links its archive.
Names must be mangled (valgrind --demangle=no).

Usage: scripts/release/order-symbols.py MAP PROFILE... [--also NAMES]... > ORDER
  MAP: lld's -Map output for the binary (scripts/release/link-map.py).
  NAMES: more functions that ran, one a line (scripts/release/fault-names.py:
  what page faults of an ordered run found outside the ordered region).
"""
import re
import sys

SMALL = 4096
DENSE = 0.3
AROUND = 65536   # the kernel's fault-around: the pages mapped around a fault


def ran(profile):
    names = {}
    hits = set()
    ref = re.compile(r"c?fn=\((\d+)\)(?: (.*))?")
    with open(profile, errors="replace") as f:
        for line in f:
            m = ref.match(line.rstrip("\n"))
            if not m:
                continue
            ident, text = m.groups()
            if text:
                names[ident] = text
            if line.startswith("fn=") and ident in names:
                hits.add(re.sub(r"'\d+$", "", names[ident]))
    return hits


def text_sections(map_path):
    """Input sections of the output section .text: [(address, size, [(address, symbol)])]."""
    sections = []
    in_text = False
    row = re.compile(r"\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+ (\s*)(.*)")
    with open(map_path, errors="replace") as f:
        for line in f:
            m = row.match(line)
            if not m:
                continue
            addr, size, indent, what = int(m.group(1), 16), int(m.group(2), 16), len(m.group(3)), m.group(4)
            if indent == 0:
                in_text = what == ".text"
            elif in_text and indent == 8:
                sections.append((addr, size, []))
            elif in_text and indent == 16 and sections:
                sections[-1][2].append((addr, what))
    return sections


def main():
    hits = set()
    args = sys.argv[2:]
    while args:
        if args[0] == "--also":
            hits |= set(open(args[1]).read().split())
            args = args[2:]
        else:
            hits |= ran(args[0])
            args = args[1:]
    sections = text_sections(sys.argv[1])
    moves = {}      # name -> [section index]
    ran_bytes = {}
    windows = {}    # section index -> the 64 kB windows of the map its code that ran is in
    for i, (addr, size, syms) in enumerate(sections):
        ends = [a for a, _ in syms[1:]] + [addr + size]
        for (a, name), end in zip(syms, ends):
            if name in hits:
                moves.setdefault(name, []).append(i)
                ran_bytes[i] = ran_bytes.get(i, 0) + max(end - a, 0)
                windows.setdefault(i, set()).update(range(a // AROUND, max(end - 1, a) // AROUND + 1))

    def worth(i):
        # Small, or mostly code that ran, or resident where it is anyway
        # (the fault-around windows of its code that ran cover half of it).
        size = sections[i][1]
        return (size <= SMALL or ran_bytes.get(i, 0) >= DENSE * size
                or len(windows.get(i, ())) * AROUND >= size / 2)

    first = {}
    skipped = 0
    for name, idx in moves.items():
        if all(worth(i) for i in idx):
            first[name] = min(sections[i][0] for i in idx)
        else:
            skipped += 1
    for name in sorted(first, key=first.get):
        print(name)
    print(f"{len(first)} functions ordered, {skipped} left out (they would move large sections "
          f"mostly of code that did not run), {len(hits) - len(moves)} that ran are not in .text's map",
          file=sys.stderr)


main()
