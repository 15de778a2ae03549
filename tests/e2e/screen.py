#!/usr/bin/python3
"""screen.py - the browser's raw byte stream replayed in a terminal
emulator (python3-pyte), as a screen reader or a user's terminal gets it:
accessible mode (where the cursor is, what each row says, no box drawing,
messages that stay), colour lines of fondsrc, ambiguous widths. TAP.
Run by tests/e2e/screen.sh."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.environ.get("FONDS_SRCDIR", "."), "tests", "bench"))
import slowlink as S  # noqa: E402  (its Session: a pty read into pyte)

n_test = 0
failed = 0


def ok(cond, name):
    global n_test, failed
    n_test += 1
    if not cond:
        failed += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n_test, name))
    sys.stdout.flush()
    return cond


def diag(msg):
    for line in str(msg).splitlines():
        print("# " + line)


FONDS = os.environ["FONDS_BIN"]
SRC = os.environ.get("FONDS_SRCDIR", ".")
tmp = tempfile.mkdtemp(prefix="fonds-screen-")
db = os.path.join(tmp, "f.db")
subprocess.run([FONDS, "--db", db, "import", os.path.join(SRC, "share", "sample.jsonl")],
               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
BOX = set(chr(c) for c in range(0x2500, 0x25A0))


def session(args=(), term="xterm-256color", rc=None, size=(120, 30), lang="C.UTF-8"):
    home = tempfile.mkdtemp(dir=tmp)
    if rc is not None:
        os.makedirs(os.path.join(home, "fonds"))
        with open(os.path.join(home, "fonds", "fondsrc"), "w") as f:
            f.write(rc)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": term,
           "HOME": home, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home,
           "XDG_DATA_HOME": home, "LANG": lang, "LC_ALL": lang, "TZ": "UTC",
           "FONDS_DATADIR": os.path.join(SRC, "share")}
    S.COLS, S.LINES = size
    s = S.Session([FONDS, "--db", db] + list(args), env)
    s.settle_quick = lambda: settle(s)
    settle(s)
    return s


def settle(s, quiet=0.6):
    t0 = time.monotonic()
    s.last_out = max(s.last_out, t0)
    while time.monotonic() - s.last_out < quiet and time.monotonic() - t0 < 10:
        s.pump(time.monotonic() + 0.05)


def keys(s, k, until=None):
    """Send k; with until (a test of the session), wait for it to hold
    (at most 10 s: a loaded machine may not answer within a quiet spell)
    before the screen settles."""
    s.key(k)
    t0 = time.monotonic()
    while until is not None and not until(s) and time.monotonic() - t0 < 10:
        s.pump(time.monotonic() + 0.05)
    settle(s)


def status_is(view):
    return lambda s: rows(s)[S.LINES - 2].lstrip().startswith(view)


def rows(s):
    return [line for line in s.screen.display]


def cursor(s):
    return s.screen.cursor.y, s.screen.cursor.x


def no_box(s):
    return not any(ch in BOX for line in rows(s) for ch in line)


# --- accessible mode ---------------------------------------------------------
s = session(["--accessible"])
y, x = cursor(s)
r = rows(s)
ok(r[y].startswith("> "), "--accessible: the cursor is on the row with the > marker (row %d: %r)" % (y, r[y][:40]))
ok(x == 0, "at its start (column %d)" % x)
ok(not s.screen.cursor.hidden, "the cursor is shown")
ok(sum(1 for line in r if line.startswith("> ")) == 1, "one > in the list's column")
ok(no_box(s), "no box-drawing characters")
ok(r[0][54] == "|", "an ASCII line between the panes (%r)" % r[0][54])
first = r[y]
keys(s, b"j")
y2, x2 = cursor(s)
r = rows(s)
ok(y2 == y + 1 and r[y2].startswith("> ") and r[y2] != first,
   "j: the cursor and the marker on the next row (%d: %r)" % (y2, r[y2][:40]))
ok(not r[y].startswith("> "), "the marker left the row before")
keys(s, b"Z")
msg = rows(s)[S.LINES - 2]
ok("does nothing here" in msg, "an unbound key: a message (%r)" % msg.strip()[-50:])
time.sleep(1.5)
settle(s)
ok("does nothing here" in rows(s)[S.LINES - 2], "the message stays until the next key")
keys(s, b"j")
ok("does nothing here" not in rows(s)[S.LINES - 2], "and goes with it")
keys(s, b"t", until=status_is("timeline"))
y, x = cursor(s)
r = rows(s)
ok(r[y].startswith("> ") and any(c.isdigit() for c in r[y][2:]),
   "timeline: the cursor on the selected period, its count as text (%r)" % r[y][:40])
ok(no_box(s), "the timeline's bars in ASCII")
keys(s, b"q", until=status_is("list"))
keys(s, b"\r", until=status_is("document"))
y, x = cursor(s)
if not ok(rows(s)[S.LINES - 2].lstrip().startswith("document"), "Enter opens the document"):
    diag("\n".join(rows(s)))
ok(no_box(s), "the document: no box drawing")
s.close()

s = session([], term="dumb")
r = rows(s)
y, x = cursor(s)
ok(any("accessible mode" in line for line in r), "TERM=dumb: the browser in accessible mode, said")
ok(r[y].startswith("> "), "the cursor on the selection (%r)" % r[y][:40])
s.close()

s = session([], rc="set accessible on\n")
y, x = cursor(s)
ok(rows(s)[y].startswith("> "), "set accessible on: the same")
s.close()

s = session([])
y, x = cursor(s)
ok(s.screen.cursor.hidden and not any(line.startswith("> ") for line in rows(s)),
   "not accessible: no marker column, the cursor hidden")
sel = [ln for ln in range(S.LINES - 2) if s.screen.buffer[ln][3].bg == "cyan"]
ok(len(sel) == 1, "the selection: black on cyan by default (rows %s)" % sel)
ok(rows(s)[0][54] not in "| ", "a line drawn between the panes (%r)" % rows(s)[0][54])
s.close()

# --- colour lines ------------------------------------------------------------
s = session([], rc="color selected white red bold\ncolor status color22 default\n"
                   "color nowhere red red\n")
sel = [ln for ln in range(S.LINES - 2) if s.screen.buffer[ln][3].bg == "red"]
ok(len(sel) == 1 and s.screen.buffer[sel[0]][3].fg == "white" and
   s.screen.buffer[sel[0]][3].bold, "color selected white red bold")
st = s.screen.buffer[S.LINES - 2][1]
ok(st.fg == "005f00", "color status color22: the 256-colour (%s)" % st.fg)
ok("fondsrc:3: unknown area" in rows(s)[S.LINES - 2], "a bad line said with its file and line")
s.close()

s = session([], term="xterm", rc="color selected white color196\n")
sel = [ln for ln in range(S.LINES - 2) if s.screen.buffer[ln][3].bg in ("red", "brightred")]
ok(len(sel) == 1, "an 8-colour terminal: colour 196 shown as red (%s)" %
   [s.screen.buffer[ln][3].bg for ln in range(3)])
s.close()

# --- a held key behind a slow link (4 KB/s) ----------------------------------
# A pty cannot say what it holds back: while a key is held, fonds sends
# the next screen once the terminal has answered a status request sent
# after the last (pyte answers as a terminal does, once the link has
# brought the request), and to a terminal that does not answer, no faster
# than a link seen to make writes wait carries them. On 3000 generated
# documents, Space is held at 30 keys a second for two seconds, which
# would fill the link's buffers (a pty's hold some 20 KB), then for a
# second, measured.
big = os.path.join(tmp, "big.db")
with open(os.path.join(tmp, "big.jsonl"), "wb") as f:
    subprocess.run([os.path.join(os.environ.get("FONDS_BUILDDIR", "."), "tests", "bench", "gen"),
                    "3000"], check=True, stdout=f)
subprocess.run([FONDS, "--db", big, "import", os.path.join(tmp, "big.jsonl")],
               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def held(s, k, n=30):
    start = s.bytes
    t = time.monotonic()
    for i in range(n):
        t += 1 / 30
        s.pump(t)
        s.key(k)
    settle(s, quiet=1.5)
    return (s.bytes - start) / n


def selected(s):
    return [ln for ln in range(S.LINES - 2) if s.screen.buffer[ln][3].bg == "cyan"]


def rests(s, what):
    sel = selected(s)
    ok(len(sel) == 1, "Space held at 4 KB/s%s: one row selected (%s)" % (what, sel))
    if sel:
        title = rows(s)[sel[0]][15:53].strip()[:12]
        pane = "\n".join(r[55:] for r in rows(s)[:S.LINES - 2])
        ok(len(title) > 4 and title in pane,
           "the document beside it follows once the cursor rests%s (%r)" % (what, title))


s = session(["--db", big])
s.set_rate(4)
held(s, b" ", 60)
per_key = held(s, b" ")
slow_st = rows(s)[S.LINES - 2].strip()[:20]
rests(s, "")
ok(s.answers > 0, "the terminal was asked when it had shown a screen (%d answers)" % s.answers)
# typed fast into a prompt (keys close together are held keys): the
# answers are not keys
keys(s, b"/")
for c in b"zzzzzzzzzzzz":
    s.pump(time.monotonic() + 1 / 30)
    s.key(bytes([c]))
settle(s, quiet=1.5)
prompt = rows(s)[S.LINES - 1].rstrip()
ok(prompt == "/zzzzzzzzzzzz", "typed fast at 4 KB/s, the prompt holds the keys only (%r)" % prompt)
keys(s, b"\x1b")
s.close()

# a terminal that does not answer: after three requests the link learned
# from waits paces it; the same document at rest
s = session(["--db", big])
s.answer_ok = False
s.set_rate(4)
held(s, b" ", 60)
held(s, b" ")
rests(s, ", to a terminal that does not answer")
st = rows(s)[S.LINES - 2].strip()[:20]
ok(st == slow_st, "and the same document as one that answers (%r, %r)" % (st, slow_st))
s.close()

# quitting on a slow link before the terminal has answered the request
# after the first screen: the answer is read before fonds leaves, and
# does not reach the shell (here a read of what the terminal sends next)
env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color",
       "HOME": tmp, "XDG_CONFIG_HOME": tmp, "XDG_STATE_HOME": tmp,
       "XDG_DATA_HOME": tmp, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC",
       "FONDS_DATADIR": os.path.join(SRC, "share")}
s = S.Session(["/bin/sh", "-c", '"$0" "$@"; stty raw -echo min 0 time 20; '
               'printf "after:"; dd bs=64 count=1 2>/dev/null | od -An -tx1 | tr -d " \\n"; '
               'printf ":end"; sleep 30', FONDS, "--db", big], env)
s.set_rate(4)
s.pump(time.monotonic() + 0.3)
s.key(b"Q")
t0 = time.monotonic()
while ":end" not in "".join(rows(s)) and time.monotonic() - t0 < 15:
    s.pump(time.monotonic() + 0.1)
after = [r[r.index("after:"):r.index(":end") + 4] for r in rows(s) if "after:" in r and ":end" in r]
ok(after == ["after::end"], "quit before the terminal answered: nothing reaches the shell (%r)" % after)
s.close()

# the same keys on a link that keeps up: a screen every frame (125 ms)
s = session(["--db", big])
held(s, b" ", 60)
fast = held(s, b" ")
fast_st = rows(s)[S.LINES - 2].strip()[:20]
ok(slow_st == fast_st, "the same document as on a fast link (%r, %r)" % (slow_st, fast_st))
ok(per_key < fast / 2, "once the link is known slow, at most half the bytes "
   "(%.0f a key, %.0f on a fast link)" % (per_key, fast))
s.close()

# --- the mouse (set mouse on; SGR reports, as xterm sends them) ---------------
def click(s, y, x, times=1):
    seq = b"\x1b[<0;%d;%dM\x1b[<0;%d;%dm" % (x + 1, y + 1, x + 1, y + 1)
    keys(s, seq * times)


def selected_rows(s):
    return [ln for ln in range(S.LINES - 2) if s.screen.buffer[ln][3].bg == "cyan"]


s = session([])
click(s, 4, 10)
ok(selected_rows(s) == [0], "mouse off by default: a click selects nothing (%s)" % selected_rows(s))
s.close()
s = session([], rc="set mouse on\n")
click(s, 4, 10)
ok(selected_rows(s) == [4], "set mouse on: a click selects the row under it (%s)" % selected_rows(s))
keys(s, b"\x1b[<65;10;5M")
ok(selected_rows(s) == [7], "the wheel moves the list three rows (%s)" % selected_rows(s))
keys(s, b"\x1b[<64;10;5M")
ok(selected_rows(s) == [4], "and back (%s)" % selected_rows(s))
click(s, 2, 10, times=2)
st = rows(s)[S.LINES - 2]
ok(st.lstrip().startswith("document  3/44"), "a double click opens the row's document (%r)" % st.strip()[:30])
keys(s, b"q")
keys(s, b"f")
r = rows(s)
facet = [ln for ln in range(3, S.LINES - 2) if r[ln].startswith("  [ ]")]
if facet:
    click(s, facet[0], 6)
    ok(selected_rows(s) == [facet[0]], "in the filters, a click selects a facet value (line %d: %s)" %
       (facet[0], selected_rows(s)))
    click(s, facet[0], 6, times=2)
    ok(rows(s)[facet[0]].startswith("  [x]"), "a double click turns it on (%r)" % rows(s)[facet[0]][:30])
else:
    ok(0, "the filters show a facet value")
s.close()

print("1..%d" % n_test)
shutil.rmtree(tmp, ignore_errors=True)
sys.exit(1 if failed else 0)
