#!/usr/bin/env python3
"""Reads a dashboard's terminal bytes apart: which screen rows an idle
window's bytes went to, and what kind of bytes they were.

    scripts/idle-bytes-by-row.py DIR/studyspot.bytes [--window START END] [--bursts]

DIR/studyspot.bytes is what `bench-ui-pty.py side|idle --record-dir DIR`
kept, from the dashboard's first byte; the window (the idle minute) is
read from DIR/studyspot.window unless given. The whole record is replayed
on a small emulator (enough of xterm for what ncurses sends: cursor
addressing, erase, repeat, insert/delete characters, UTF-8 text) so each
row can be shown with its text; the window's bytes are counted by the row
the cursor was on and by kind: text (glyphs, UTF-8), sgr (colours and
attributes), move (cursor addressing and CR/LF/BS), edit (erase, repeat,
insert/delete characters), other. With --bursts, also the window's reads
grouped into bursts (reads less than 0.5 s apart) with their times.
"""
import argparse
import os
import sys


class Screen:
    def __init__(self, cols, rows):
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.last = " "

    def put(self, ch):
        if self.x >= self.cols:
            self.x = 0
            self.y = min(self.rows - 1, self.y + 1)
        if 0 <= self.y < self.rows:
            self.grid[self.y][self.x] = ch
        self.last = ch
        self.x += 1

    def csi(self, params, final):
        nums = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        n = (nums[0] if nums and nums[0] else 1)
        row = self.grid[self.y] if 0 <= self.y < self.rows else None
        if final in "Hf":
            self.y = (nums[0] if nums and nums[0] else 1) - 1
            self.x = (nums[1] if len(nums) > 1 and nums[1] else 1) - 1
        elif final == "G":
            self.x = n - 1
        elif final == "d":
            self.y = n - 1
        elif final == "A":
            self.y = max(0, self.y - n)
        elif final == "B":
            self.y = min(self.rows - 1, self.y + n)
        elif final == "C":
            self.x = min(self.cols - 1, self.x + n)
        elif final == "D":
            self.x = max(0, self.x - n)
        elif final == "K" and row is not None:
            mode = nums[0] if nums else 0
            a, b = {0: (self.x, self.cols), 1: (0, self.x + 1), 2: (0, self.cols)}.get(mode, (0, 0))
            for i in range(a, min(b, self.cols)):
                row[i] = " "
        elif final == "J":
            mode = nums[0] if nums else 0
            if mode in (2, 3):
                self.grid = [[" "] * self.cols for _ in range(self.rows)]
            elif mode == 0 and row is not None:
                for i in range(self.x, self.cols):
                    row[i] = " "
                for r in range(self.y + 1, self.rows):
                    self.grid[r] = [" "] * self.cols
        elif final == "X" and row is not None:
            for i in range(self.x, min(self.cols, self.x + n)):
                row[i] = " "
        elif final == "b":
            for _ in range(n):
                self.put(self.last)
        elif final == "P" and row is not None:
            del row[self.x:self.x + n]
            row.extend([" "] * (self.cols - len(row)))
        elif final == "@" and row is not None:
            for _ in range(n):
                row.insert(self.x, " ")
            del row[self.cols:]


KINDS = ("text", "sgr", "move", "edit", "other")


def replay(data, cols, rows, start, end):
    """Replays `data`; counts the bytes in [start, end) per row and kind."""
    s = Screen(cols, rows)
    counts = {}
    i = 0
    n = len(data)

    def add(row, kind, k, at):
        if start <= at < end:
            c = counts.setdefault(row, dict.fromkeys(KINDS, 0))
            c[kind] += k

    while i < n:
        b = data[i]
        if b == 0x1B:
            j = i + 1
            if j < n and data[j] == ord("["):
                j += 1
                k = j
                while j < n and not (0x40 <= data[j] <= 0x7E):
                    j += 1
                params = data[k:j].decode("latin-1").lstrip("?>")
                final = chr(data[j]) if j < n else "?"
                kind = "sgr" if final == "m" else "move" if final in "HfGdABCD" else "edit" if final in "KJXbP@" else "other"
                s.csi(params, final)
                add(s.y, kind, j + 1 - i, i)
                i = j + 1
                continue
            if j < n and data[j] in b"()":
                add(s.y, "other", 3, i)
                i += 3
                continue
            if j < n and data[j] == ord("]"):
                # OSC: to BEL or ST.
                k = j
                while k < n and data[k] != 7 and not (data[k] == 0x1B and k + 1 < n and data[k + 1] == ord("\\")):
                    k += 1
                k += 1 if k < n and data[k] == 7 else 2
                add(s.y, "other", k - i, i)
                i = k
                continue
            add(s.y, "other", 2, i)
            i += 2
            continue
        if b in (0x0D, 0x0A, 0x08):
            if b == 0x0D:
                s.x = 0
            elif b == 0x0A:
                s.y = min(rows - 1, s.y + 1)
            else:
                s.x = max(0, s.x - 1)
            add(s.y, "move", 1, i)
            i += 1
            continue
        if b < 0x20:
            add(s.y, "other", 1, i)
            i += 1
            continue
        # One UTF-8 code point.
        k = 1 if b < 0x80 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4
        ch = data[i:i + k].decode("utf-8", "replace")
        y = s.y
        s.put(ch)
        add(y, "text", k, i)
        i += k
    return s, counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("record")
    ap.add_argument("--window", nargs=2, type=int)
    ap.add_argument("--cols", type=int, default=160)
    ap.add_argument("--rows", type=int, default=48)
    ap.add_argument("--bursts", action="store_true")
    a = ap.parse_args()
    data = open(a.record, "rb").read()
    base = a.record[:-len(".bytes")] if a.record.endswith(".bytes") else a.record
    if a.window:
        start, end = a.window
    elif os.path.exists(base + ".window"):
        start, end = map(int, open(base + ".window").read().split())
    else:
        start, end = 0, len(data)
    screen, counts = replay(data, a.cols, a.rows, start, end)
    total = {k: sum(c[k] for c in counts.values()) for k in KINDS}
    print(f"window {start}..{end}: {end - start} bytes; " + ", ".join(f"{k} {v}" for k, v in total.items()))
    print(f"{'row':>3} {'bytes':>5} {'text':>4} {'sgr':>4} {'move':>4} {'edit':>4}  screen at the end")
    for y in range(a.rows):
        c = counts.get(y, dict.fromkeys(KINDS, 0))
        t = sum(c.values())
        line = "".join(screen.grid[y]).rstrip()
        print(f"{y:3d} {t:5d} {c['text']:4d} {c['sgr']:4d} {c['move']:4d} {c['edit']:4d}  {line}")
    if a.bursts and os.path.exists(base + ".chunks"):
        bursts = []
        for line in open(base + ".chunks"):
            t, off, k = line.split()
            t, off, k = float(t), int(off), int(k)
            if off < start or off >= end:
                continue
            if bursts and t - bursts[-1][1] < 0.5:
                bursts[-1][1] = t
                bursts[-1][2] += k
            else:
                bursts.append([t, t, k, off])
        import time
        for t0, t1, k, off in bursts:
            print(f"burst at {time.strftime('%H:%M:%S', time.gmtime(t0))}.{int(t0 % 1 * 1000):03d} "
                  f"({(t1 - t0) * 1000:.0f} ms, from byte {off}): {k} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
