#!/bin/sh
# terminals.sh - odd terminals: no terminal at all (cron), output piped,
# TERM unset, dumb or unknown; other terminal types; sizes from 1x1 to
# 500x200; storms of hundreds of resizes and SIGWINCH. Never a crash or a
# hang: the browser runs and quits normally, or one clear message says why
# it cannot.
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_ptyrun

"$FONDS_BIN" --db "$DB" import "$FONDS_DATADIR/sample.jsonl" >/dev/null 2>&1
is "the sample collection is in" "$(doc_count)" 44

# No terminal at all, as from cron: at once, one message, status 2.
"$FONDS_BIN" --db "$DB" </dev/null >"$tmp/cron.out" 2>"$tmp/cron.err" &
pid=$!
f_pids="$f_pids $pid"
wait_gone "$pid" $((50 * SLOW))
ok "no terminal: fonds ends at once" [ $? -eq 0 ]
wait "$pid"
is "no terminal: status 2" "$?" 2
is "no terminal: one message" "$(cat "$tmp/cron.err")" \
	"fonds: the browser needs a terminal; try 'fonds search ...' or 'fonds --help'"
is "no terminal: nothing on stdout" "$(cat "$tmp/cron.out")" ""

# cannot NAME PATTERN CMD...: on a terminal, CMD does not start the
# browser: status 2 and a message with PATTERN.
printf 'exit %d\n' $((10 * SLOW)) >"$tmp/wait"
cannot() {
	name=$1 pat=$2
	shift 2
	"$PTYRUN" run -o "$tmp/$name.raw" -t $((20 * SLOW)) "$tmp/wait" -- "$@" \
		>"$tmp/$name.ptyrun" 2>&1
	st=$?
	is "$name: no browser, status 2" "$st" 2
	like "$name: one clear message" "$(cat "$tmp/$name.raw")" "$pat"
	is "$name: one line" "$(grep -c . "$tmp/$name.raw")" 1
}
cannot "output piped" "the browser needs a terminal" \
	sh -c "exec '$FONDS_BIN' --db '$DB' >'$tmp/piped.out'"
cannot "TERM unset" "TERM is not set" env -u TERM "$FONDS_BIN" --db "$DB"
cannot "TERM empty" "TERM is not set" env TERM= "$FONDS_BIN" --db "$DB"
cannot "unknown TERM" 'cannot use terminal type "no-such-terminal"' \
	env TERM=no-such-terminal "$FONDS_BIN" --db "$DB"

# Other terminal types and sizes: starts, draws, quits normally.
printf 'settle 300\nkeys jj\\rtq\nsettle 200\nkeys Q\nexit %d\n' $((10 * SLOW)) >"$tmp/quit"
for t in xterm vt100 vt220 linux screen tmux-256color ansi dumb; do
	infocmp "$t" >/dev/null 2>&1 || { skip "no terminfo entry for $t"; continue; }
	"$PTYRUN" run -o "$tmp/$t.raw" -t $((20 * SLOW)) "$tmp/quit" -- \
		env TERM=$t "$FONDS_BIN" --db "$DB" >"$tmp/$t.ptyrun" 2>&1
	is "TERM=$t: runs and quits normally" "$?" 0
done
for size in 1x1 2x2 1x50 80x1 39x9 40x10 41x11 99x30 100x30 500x200; do
	"$PTYRUN" run -s $size -o "$tmp/size.raw" -t $((20 * SLOW)) "$tmp/quit" -- \
		env TERM=xterm-256color "$FONDS_BIN" --db "$DB" >"$tmp/size.ptyrun" 2>&1
	st=$?
	is "${size}: runs and quits normally" "$st" 0
	[ "$st" -eq 0 ] || diag "$tmp/size.ptyrun"
	scan "$tmp/size.raw" >"$tmp/size.scan"
	ok "${size}: a clean byte stream" [ $? -eq 0 ]
	diag "$tmp/size.scan"
	[ "$size" != 39x9 ] ||
		like "a terminal too small gets a notice" "$(cat "$tmp/size.raw")" "Terminal too small (39x9)"
done

# fonds asks the terminal, after the first screen, to say when it has
# shown it (the status report ESC [ 5 n, whose answer carries nothing);
# the scan lets that one request through and no other.
if [ -f "$tmp/xterm.raw" ]; then
	like "xterm: a status request after the first screen" \
		"$(od -An -c "$tmp/xterm.raw" | tr -d ' \n')" '033[5n'
else
	skip "no terminfo entry for xterm"
fi
printf 'a\033[5nb' >"$tmp/dsr5"
scan "$tmp/dsr5" >/dev/null
is "the scan passes the status request" "$?" 0
for req in '\033[6n' '\033[15n' '\033[55n' '\033[?5n' '\033[c'; do
	printf "a${req}b" >"$tmp/dsr"
	scan "$tmp/dsr" >/dev/null
	is "the scan finds a report asked for (ESC ${req#????})" "$?" 1
done

# Storms: hundreds of resizes (the kernel sends SIGWINCH each time) with
# keys in between, and a volley of bare SIGWINCH.
{
	say "settle 300"
	i=0
	while [ "$i" -lt 30 ]; do
		for s in 1x1 500x200 2x2 80x24 40x10 39x9 13x3 300x5 5x300 120x40 1x100 100x1; do
			say "resize $s"
		done
		say "sleep 5"
		say "keys jt\\r"
		i=$((i + 1))
	done
	i=0
	while [ "$i" -lt 300 ]; do
		say "signal WINCH"
		i=$((i + 1))
	done
	say "resize 100x30"
	say "settle 300"
	say "keys \\x0c"
	say "settle 300"
	say "keys Q"
	say "exit $((10 * SLOW))"
} >"$tmp/storm"
"$PTYRUN" run -s 100x30 -o "$tmp/storm.raw" -t $((60 * SLOW)) "$tmp/storm" -- \
	env TERM=xterm-256color "$FONDS_BIN" --db "$DB" >"$tmp/storm.ptyrun" 2>&1
st=$?
is "a storm of 360 resizes and 300 SIGWINCH: runs and quits normally" "$st" 0
[ "$st" -eq 0 ] || diag "$tmp/storm.ptyrun"
scan "$tmp/storm.raw" >"$tmp/storm.scan"
ok "the storm: a clean byte stream" [ $? -eq 0 ]
diag "$tmp/storm.scan"

# The same in tmux, looking at the screen after it.
if have_tmux; then
	# each run starts afresh, not where the last one left off (resume)
	[ ! -x "$DBTOOL" ] || "$DBTOOL" sql "$DB" "DELETE FROM state WHERE key = 'session'" >/dev/null
	t_start storm 100 30 "'$FONDS_BIN' --db '$DB' 2>'$tmp/storm.err'"
	t_wait "$STATUS_RE"
	t_keys g
	t_wait ' list +1/44' 
	i=0
	while [ "$i" -lt 25 ]; do
		for s in 1x1 500x200 2x2 40x10 39x9 13x3 300x5 5x300 120x40 100x30; do
			t_resize "${s%x*}" "${s#*x}"
		done
		t_keys j
		i=$((i + 1))
	done
	t_resize 100 30
	t_sane 30
	ok "tmux storm of 250 resizes: the browser is sane at 100x30" [ $? -eq 0 ]
	t_wait ' list +26/44'
	ok "tmux storm: every key was handled" [ $? -eq 0 ]
	t_keys Q
	is "tmux storm: quits normally" "$(t_exited storm)" 0
	is "tmux storm: nothing on stderr" "$(cat "$tmp/storm.err")" ""
fi

done_testing
