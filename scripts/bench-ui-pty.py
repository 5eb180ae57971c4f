#!/usr/bin/env python3
"""Runs the dashboard on a pseudo-terminal and measures it from outside.

Used by scripts/bench-ui.sh and scripts/bench-footprint.sh. Four modes:

  start  exec -> first frame, exec -> first frame with the pane's data
         (from the dashboard's STUDYSPOT_FRAME_TRACE lines), exec -> first
         byte on the terminal; then quits with `q`.
  idle   waits for the loaded frame, lets it settle, then counts over N
         seconds the process's CPU (utime+stime from /proc/PID/stat, all
         threads, and per thread from /proc/PID/task/*/stat) and the bytes
         the terminal received (read on the pty master).
  side   the dashboard and other programs (`--peer NAME=COMMAND`), each on a
         pseudo-terminal of its own, in one run: after the dashboard has
         loaded and `--warmup` seconds, N idle seconds of each one's CPU
         (its own and its waited-for children's), peak and final resident
         memory (VmHWM, VmRSS) and the bytes its terminal received.
  visit  the dashboard while `--traffic COMMAND` runs, visiting every pane
         (keys 1-9) in turn until the traffic ends and once more after it;
         then its peak and final resident memory.

Prints one `key=value` line per figure, for the shell script to format.
"""
import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time

TICKS = os.sysconf("SC_CLK_TCK")


def proc_cpu(path, children=False):
    """utime + stime in seconds from a /proc stat file (fields after the comm);
    with `children`, also cutime + cstime (children it has waited for)."""
    with open(path) as f:
        data = f.read()
    rest = data[data.rindex(")") + 2:].split()
    ticks = int(rest[11]) + int(rest[12])
    if children:
        ticks += int(rest[13]) + int(rest[14])
    return ticks / TICKS


def status_kb(pid, key):
    """A `kB` figure of /proc/PID/status (VmRSS, VmHWM); 0 when absent."""
    with open(f"/proc/{pid}/status") as f:
        return int(next((l.split()[1] for l in f if l.startswith(key + ":")), "0"))


def thread_times(pid):
    out = {}
    base = f"/proc/{pid}/task"
    for tid in os.listdir(base):
        try:
            with open(f"{base}/{tid}/comm") as f:
                name = f.read().strip()
            if tid == str(pid):
                name = "main (UI loop)"
            with open(f"{base}/{tid}/schedstat") as f:
                ns = int(f.read().split()[0])
            out[tid] = (name, ns)
        except OSError:
            pass
    return out


def read_trace(path):
    frames = []
    try:
        with open(path) as f:
            for line in f:
                p = line.split()
                if len(p) >= 4:
                    frames.append((int(p[0]) / 1e6, int(p[1]), int(p[2]), p[3] == "1"))
    except OSError:
        pass
    return frames


class Session:
    def __init__(self, argv, cols, rows, trace, log, env=None):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = dict(env or os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        if trace:
            env["STUDYSPOT_FRAME_TRACE"] = trace
        env.pop("NO_COLOR", None)
        self.trace = trace
        self.t_exec = time.time()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=log, env=env,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self.bytes = 0
        self.first_byte = None

    def pump(self, seconds):
        """Reads the master for `seconds` (answers nothing: ncurses asks no questions here)."""
        pump_all([self], seconds)

    def take(self):
        """Reads what the master holds; False once the program's side closed."""
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return False
        if not data:
            return False
        if self.first_byte is None:
            self.first_byte = time.time()
        if self.record is not None:
            self.record.write(data)
            if self.chunks is not None:
                self.chunks.write(f"{time.time():.3f} {self.bytes - self.record_base} {len(data)}\n")
        self.bytes += len(data)
        return True

    record = None
    chunks = None

    def start_record(self, directory, name):
        """Keeps every byte from now on in DIR/NAME.bytes, and when each read
        came with its offset in that file in DIR/NAME.chunks ("time offset
        length"), so a burst can be found and read apart (scripts/idle-bytes-by-row.py)."""
        self.record = open(os.path.join(directory, name + ".bytes"), "wb")
        self.chunks = open(os.path.join(directory, name + ".chunks"), "w")
        self.record_base = self.bytes

    def mark_window(self, start, end):
        """Writes the idle window's byte range in the record (DIR/NAME.bytes) to DIR/NAME.window."""
        if self.record is not None:
            self.record.flush()
            with open(self.record.name[:-len(".bytes")] + ".window", "w") as f:
                f.write(f"{start - self.record_base} {end - self.record_base}\n")

    def wait_loaded(self, timeout):
        end = time.time() + timeout
        while time.time() < end:
            self.pump(0.02)
            frames = read_trace(self.trace)
            if frames and frames[-1][3]:
                return frames
            if self.proc.poll() is not None:
                break
        return read_trace(self.trace)

    def quit(self):
        try:
            os.write(self.master, b"q")
        except OSError:
            pass
        end = time.time() + 5
        while self.proc.poll() is None and time.time() < end:
            self.pump(0.05)
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(5)
        os.close(self.master)


def pump_all(sessions, seconds):
    """Reads every session's master for `seconds`, so no program blocks on a full pty."""
    end = time.time() + seconds
    live = list(sessions)
    while live:
        left = end - time.time()
        if left <= 0:
            return
        r, _, _ = select.select([x.master for x in live], [], [], left)
        for x in [x for x in live if x.master in r]:
            if not x.take():
                live.remove(x)


def side(a, log):
    """The dashboard beside its peers: one idle window, the same for all."""
    sessions = {"studyspot": Session([a.binary, "dash", "--config", a.config, "--role", a.role],
                                     a.cols, a.rows, a.trace, log)}
    if a.record_dir:
        # From the first byte, so the record replays to the screens it drew.
        sessions["studyspot"].start_record(a.record_dir, "studyspot")
    frames = sessions["studyspot"].wait_loaded(a.load_timeout)
    if not any(f[3] for f in frames):
        print(f"error=the dashboard never loaded within {a.load_timeout:.0f} s (see the log)")
        sessions["studyspot"].quit()
        return 1
    for spec in a.peer:
        name, cmd = spec.split("=", 1)
        sessions[name] = Session(["/bin/sh", "-c", "exec " + cmd], a.cols, a.rows, None, log)
    if a.record_dir:
        for name, x in sessions.items():
            if x.record is None:
                x.start_record(a.record_dir, name)
    pump_all(sessions.values(), a.warmup)
    gone = [n for n, x in sessions.items() if x.proc.poll() is not None]
    if gone:
        print(f"error={', '.join(gone)} exited during the warm-up (see the log)")
        for x in sessions.values():
            x.quit()
        return 1
    before = {n: (proc_cpu(f"/proc/{x.proc.pid}/stat", children=True), x.bytes) for n, x in sessions.items()}
    t0 = time.time()
    pump_all(sessions.values(), a.seconds)
    elapsed = time.time() - t0
    scale = 60 / elapsed
    print(f"window_s={elapsed:.1f}")
    for n, x in sessions.items():
        pid = x.proc.pid
        cpu = proc_cpu(f"/proc/{pid}/stat", children=True) - before[n][0]
        print(f"{n}.cpu_s_per_min={cpu * scale:.3f}")
        print(f"{n}.bytes_per_min={(x.bytes - before[n][1]) * scale:.0f}")
        print(f"{n}.hwm_kb={status_kb(pid, 'VmHWM')}")
        print(f"{n}.rss_kb={status_kb(pid, 'VmRSS')}")
        print(f"{n}.threads={status_kb(pid, 'Threads')}")
        x.mark_window(before[n][1], x.bytes)
    for x in sessions.values():
        x.quit()
    return 0


def visit(a, log):
    """Peak memory with the feed full: traffic runs while every pane is shown."""
    s = Session([a.binary, "dash", "--config", a.config, "--role", a.role], a.cols, a.rows, a.trace, log)
    frames = s.wait_loaded(a.load_timeout)
    if not any(f[3] for f in frames):
        print(f"error=the dashboard never loaded within {a.load_timeout:.0f} s (see the log)")
        s.quit()
        return 1
    start_kb = status_kb(s.proc.pid, "VmHWM")
    traffic = subprocess.Popen(["/bin/sh", "-c", a.traffic], stdout=log, stderr=log)
    keys = b"123456789"
    i = 0
    # While the traffic runs, then one more round: each pane drawn with a full feed.
    while traffic.poll() is None or i % len(keys) != 0:
        os.write(s.master, keys[i % len(keys):i % len(keys) + 1])
        s.pump(a.pane_seconds)
        i += 1
        if s.proc.poll() is not None:
            print("error=the dashboard exited during the visit (see the log)")
            return 1
    os.write(s.master, b"1")
    s.pump(a.pane_seconds)
    pid = s.proc.pid
    print(f"traffic_exit={traffic.returncode}")
    print(f"panes_shown={i}")
    print(f"hwm_at_load_kb={start_kb}")
    print(f"hwm_kb={status_kb(pid, 'VmHWM')}")
    print(f"rss_kb={status_kb(pid, 'VmRSS')}")
    print(f"threads={status_kb(pid, 'Threads')}")
    s.quit()
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["start", "idle", "side", "visit"])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--role", default="operator")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--settle", type=float, default=5)
    ap.add_argument("--cols", type=int, default=160)
    ap.add_argument("--rows", type=int, default=48)
    ap.add_argument("--trace", required=True)
    ap.add_argument("--log", default="/dev/null")
    ap.add_argument("--load-timeout", type=float, default=30)
    ap.add_argument("--perf", help="also record a perf profile of the window into this file")
    ap.add_argument("--peer", action="append", default=[], help="side: NAME=COMMAND run beside the dashboard")
    ap.add_argument("--warmup", type=float, default=15, help="side: seconds after the dashboard loaded before the window")
    ap.add_argument("--record-dir", help="side, idle: write each program's terminal bytes to DIR/NAME.bytes "
                    "(the dashboard's from its first byte), when each read came to NAME.chunks, the idle window's range to NAME.window")
    ap.add_argument("--traffic", help="visit: the command whose run the visit lasts")
    ap.add_argument("--pane-seconds", type=float, default=2, help="visit: how long each pane is shown")
    a = ap.parse_args()

    try:
        os.unlink(a.trace)
    except OSError:
        pass
    argv = [a.binary, "dash", "--config", a.config, "--role", a.role]
    if a.mode in ("side", "visit"):
        with open(a.log, "ab") as log:
            return side(a, log) if a.mode == "side" else visit(a, log)
    with open(a.log, "ab") as log:
        s = Session(argv, a.cols, a.rows, a.trace, log)
        if a.record_dir:
            s.start_record(a.record_dir, "studyspot")
        frames = s.wait_loaded(a.load_timeout)
        loaded = [f for f in frames if f[3]]
        if not frames and a.mode == "idle" and s.proc.poll() is None:
            # A binary without the frame trace (an older build): measure after the wait.
            print("note=no frame trace; measured after the load timeout")
            frames = loaded = [(time.time(), 0, 0, True)]
        if not frames:
            print(f"error=no frame within {a.load_timeout:.0f} s (see the log)")
            s.quit()
            return 1
        if a.mode == "start":
            print(f"first_frame_ms={(frames[0][0] - s.t_exec) * 1000:.1f}")
            print(f"first_byte_ms={((s.first_byte or frames[0][0]) - s.t_exec) * 1000:.1f}")
            print(f"loaded_frame_ms={(loaded[0][0] - s.t_exec) * 1000:.1f}" if loaded else "loaded_frame_ms=nan")
            print(f"frames_until_loaded={frames[-1][1]}")
            s.quit()
            return 0
        if not loaded:
            print(f"error=the pane never loaded within {a.load_timeout:.0f} s")
            s.quit()
            return 1
        s.pump(a.settle)
        pid = s.proc.pid
        cpu0 = proc_cpu(f"/proc/{pid}/stat")
        threads0 = thread_times(pid)
        bytes0 = s.bytes
        perf = None
        if a.perf:
            # Profiling only: perf's sampling costs the process some CPU itself.
            perf = subprocess.Popen(["perf", "record", "-q", "-e", "task-clock", "-c", "50000", "--call-graph", "dwarf,16384",
                                     "-p", str(pid), "-o", a.perf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t0 = time.time()
        s.pump(a.seconds)
        if perf:
            perf.send_signal(signal.SIGINT)
            perf.wait(60)
        elapsed = time.time() - t0
        cpu1 = proc_cpu(f"/proc/{pid}/stat")
        threads1 = thread_times(pid)
        nbytes = s.bytes - bytes0
        s.mark_window(bytes0, s.bytes)
        rss = status_kb(pid, "VmRSS")
        s.quit()
        scale = 60 / elapsed
        print(f"window_s={elapsed:.1f}")
        print(f"cpu_s_per_min={(cpu1 - cpu0) * scale:.3f}")
        print(f"bytes_per_min={nbytes * scale:.0f}")
        print(f"rss_kb={rss}")
        # Per thread (schedstat, ns): who spends the CPU; threads born or gone
        # inside the window count from 0 or are missed.
        by_name = {}
        for tid, (name, ns) in threads1.items():
            before = threads0.get(tid, (name, 0))[1]
            by_name[name] = by_name.get(name, 0) + (ns - before)
        top = sorted(by_name.items(), key=lambda kv: -kv[1])
        print("threads=" + ", ".join(f"{n}:{v * scale / 1e6:.1f}ms" for n, v in top if v > 0))
        return 0


if __name__ == "__main__":
    sys.exit(main())
