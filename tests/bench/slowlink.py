#!/usr/bin/python3
"""slowlink.py - fonds and less behind a slow link (`make bench-slow`).

A pseudo-terminal whose output is read at a fixed rate (8, 4, 2 KB/s): the
program's writes block once the pty's buffer is full, as they do behind
sshd on a slow link. Every byte read goes into a terminal emulator
(python3-pyte), so the harness knows what the user's screen shows and
when. On a generated collection (tests/bench/gen, 20,000 documents by
default) at 140x40, each scenario starts from a settled first screen:

  j held      j at 30 keys a second for 2 s (60 keys), from the first row
  Space held  Space at 30 keys a second for 2 s
  search      / then a word typed at 10 characters a second, then Enter

and reports the bytes the program sent per key and the wait after the
last key until the screen is final (its text and attributes no longer
change), and for fonds also until the list pane is final. less on the
same collection as text (one line a document: date, title) is the floor,
in the same run. KB is 1024 bytes.

usage: slowlink.py --fonds BIN --gen GEN --cache DIR [-n N] [--rates 8,4,2]
                   [--fondsrc FILE] [--only fonds|less] [--scenario j,space,search]
"""
import argparse
import fcntl
import os
import select
import sqlite3
import struct
import subprocess
import sys
import tempfile
import termios
import time

try:
    import pyte
except ImportError:
    sys.stderr.write("slowlink: needs python3-pyte (apt-get install python3-pyte)\n")
    sys.exit(77)

COLS, LINES = 140, 40
KB = 1024
TICK = 0.005            # the drain's step (s)
QUIET = 1.0             # no output for this long: the screen has settled


def corpus(args):
    os.makedirs(args.cache, exist_ok=True)
    jsonl = os.path.join(args.cache, "corpus-%d.jsonl" % args.n)
    db = os.path.join(args.cache, "slow-%d.db" % args.n)
    txt = os.path.join(args.cache, "slow-export-%d.txt" % args.n)
    if not os.path.exists(jsonl):
        sys.stderr.write("slowlink: generating %d documents\n" % args.n)
        with open(jsonl + ".part", "wb") as f:
            subprocess.run([args.gen, str(args.n)], stdout=f, check=True)
        os.rename(jsonl + ".part", jsonl)
    if not os.path.exists(db):
        sys.stderr.write("slowlink: importing\n")
        subprocess.run([args.fonds, "--db", db + ".part", "import", jsonl],
                       check=True, stdout=subprocess.DEVNULL)
        os.rename(db + ".part", db)
    if not os.path.exists(txt):
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        with open(txt, "w", encoding="utf-8") as f:
            for d, t in con.execute("SELECT date_text, title FROM doc ORDER BY key"):
                f.write("%-12s %s\n" % (d or "", t or ""))
        con.close()
    word = subprocess.run([args.gen, "--word", "300"], check=True,
                          stdout=subprocess.PIPE).stdout.decode().strip()
    return db, txt, word


class Session:
    """A program on a pty whose output is read by a slow link."""

    def __init__(self, argv, env):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", LINES, COLS, 0, 0))
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave,
                                     stderr=slave, env=env,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        fl = fcntl.fcntl(self.master, fcntl.F_GETFL)
        fcntl.fcntl(self.master, fcntl.F_SETFL, fl | os.O_NONBLOCK)
        self.screen = pyte.Screen(COLS, LINES)
        # the terminal's answers (a status report, DSR) go back at once,
        # once the link has brought the request
        self.screen.write_process_input = lambda data: self.answer(data)
        self.answers = 0
        self.answer_ok = True   # False: a terminal that does not answer
        self.stream = pyte.ByteStream(self.screen)
        self.rate = None        # bytes a second; None: as fast as it comes
        self.credit = 0.0
        self.last = time.monotonic()
        self.bytes = 0
        self.last_out = time.monotonic()

    def pump(self, until):
        """Read the pty at the link's rate until time until; returns the
        list of (time, bytes) chunks read."""
        chunks = []
        while True:
            now = time.monotonic()
            if now >= until:
                break
            if self.rate is None:
                r, _, _ = select.select([self.master], [], [], until - now)
                if not r:
                    continue
                want = 65536
            else:
                self.credit = min(self.credit + (now - self.last) * self.rate,
                                  self.rate * TICK * 4)
                self.last = now
                want = int(self.credit)
                if want <= 0:
                    time.sleep(min(TICK, max(0.0, until - now)))
                    continue
            try:
                data = os.read(self.master, want)
            except BlockingIOError:
                data = b""
            except OSError:
                break
            if data:
                if self.rate is not None:
                    self.credit -= len(data)
                self.bytes += len(data)
                self.last_out = time.monotonic()
                self.stream.feed(data)
                chunks.append((self.last_out, self.snapshot()))
            elif self.rate is not None:
                time.sleep(TICK)
        return chunks

    def settle(self, limit=60.0):
        """Pump until no output came for QUIET seconds; the chunks."""
        chunks = []
        t0 = time.monotonic()
        self.last_out = max(self.last_out, t0)
        while time.monotonic() - self.last_out < QUIET:
            if time.monotonic() - t0 > limit:
                raise RuntimeError("no settled screen within %.0f s" % limit)
            chunks += self.pump(time.monotonic() + 0.05)
        return chunks

    def set_rate(self, kbs):
        self.rate = kbs * KB
        self.credit = 0.0
        self.last = time.monotonic()

    def key(self, data):
        os.write(self.master, data)

    def answer(self, data):
        if self.answer_ok:
            self.answers += 1
            os.write(self.master, data.encode())

    def snapshot(self):
        buf = self.screen.buffer
        rows = []
        for y in range(LINES):
            line = buf[y]
            rows.append(tuple((line[x].data, line[x].reverse, line[x].fg,
                               line[x].bg, line[x].bold)
                              for x in range(COLS)))
        return tuple(rows)

    def close(self):
        try:
            self.proc.kill()
        except OSError:
            pass
        self.proc.wait()
        os.close(self.master)


def last_change(chunks, final, part=None):
    """The time of the chunk after which the screen (or the part: a
    function of a snapshot) stopped changing."""
    want = part(final) if part else final
    t = None
    for at, snap in chunks:
        cur = part(snap) if part else snap
        if cur != want:
            t = None
        elif t is None:
            t = at
    return t


def list_part(snap):
    """The list pane: the left columns of every row above the status line
    (the whole width in the list-only layout: the left part is the
    same test)."""
    w = COLS * 9 // 20
    return tuple(row[:w] for row in snap[:LINES - 2])


def scenario_keys(name, word, prog):
    """(delay after the previous key, bytes) for a scenario."""
    if name == "j":
        return [(1 / 30, b"j")] * 60
    if name == "space":
        return [(1 / 30, b" ")] * 60
    if name == "search":
        keys = [(0.1, b"/")] + [(0.1, c.encode()) for c in word]
        return keys + [(0.1, b"\r")]
    raise ValueError(name)


def run_one(prog, argv, env, rate, name, word):
    s = Session(argv, env)
    try:
        s.settle()
        s.set_rate(rate)
        keys = scenario_keys(name, word, prog)
        start_bytes = s.bytes
        chunks = []
        t = time.monotonic()
        for delay, k in keys:
            t += delay
            chunks += s.pump(t)
            s.key(k)
        release = time.monotonic()
        chunks += s.settle(limit=120.0)
        sent = s.bytes - start_bytes
        final = s.snapshot()
        after = [c for c in chunks if c[0] >= release]
        screen_t = last_change(after, final)
        list_t = last_change(after, final, list_part) if prog == "fonds" else None
        wait = (screen_t - release) if screen_t else 0.0
        lwait = (list_t - release) if list_t else (0.0 if prog == "fonds" else None)
        return {"bytes_per_key": sent / len(keys), "wait": max(0.0, wait),
                "list_wait": None if lwait is None else max(0.0, lwait),
                "keys": len(keys), "bytes": sent}
    finally:
        s.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fonds", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--rates", default="8,4,2")
    ap.add_argument("--scenario", default="j,space,search")
    ap.add_argument("--only", default="")
    ap.add_argument("--fondsrc", default="")
    ap.add_argument("--label", default="")
    args = ap.parse_args()
    db, txt, word = corpus(args)
    home = tempfile.mkdtemp(prefix="slowlink-")
    os.makedirs(os.path.join(home, "fonds"), exist_ok=True)
    if args.fondsrc:
        with open(args.fondsrc) as f, open(os.path.join(home, "fonds", "fondsrc"), "w") as g:
            g.write(f.read())
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "TERM": "xterm-256color", "HOME": home, "XDG_CONFIG_HOME": home,
           "XDG_DATA_HOME": home, "XDG_STATE_HOME": home, "LANG": "C.UTF-8",
           "LC_ALL": "C.UTF-8", "TZ": "UTC", "LESSHISTFILE": "-"}
    if os.environ.get("FONDS_DATADIR"):
        env["FONDS_DATADIR"] = os.environ["FONDS_DATADIR"]
    progs = [("fonds", [args.fonds, "--db", db]),
             ("less", ["less", txt])]
    if args.only:
        progs = [p for p in progs if p[0] == args.only]
    rates = [float(r) for r in args.rates.split(",")]
    names = {"j": "j held (30/s, 2 s)", "space": "Space held (30/s, 2 s)",
             "search": "search typed (10/s)"}
    print("slow link, %d documents, %dx%d, TERM=xterm-256color%s" %
          (args.n, COLS, LINES, (", " + args.label) if args.label else ""))
    print("%-24s %6s %-6s %10s %9s %9s" % ("scenario", "link", "prog",
                                          "bytes/key", "wait(s)", "list(s)"))
    print("-" * 70)
    for sc in args.scenario.split(","):
        for rate in rates:
            for prog, argv in progs:
                r = run_one(prog, argv, env, rate, sc, word)
                print("%-24s %4.0fKB %-6s %10.0f %9.2f %9s" % (
                    names[sc], rate, prog, r["bytes_per_key"], r["wait"],
                    "-" if r["list_wait"] is None else "%.2f" % r["list_wait"]))
                sys.stdout.flush()
    print("bytes/key: what the program wrote from the first key until it was quiet, "
          "over the keys;\nwait: from the last key to the screen final "
          "(list: the left pane final). Searched word: %s." % word)


if __name__ == "__main__":
    main()
