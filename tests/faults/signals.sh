#!/bin/sh
# signals.sh - a dropped connection (the terminal hung up, SIGHUP) or
# SIGTERM while browsing: the process ends at once (no orphan left on a
# dead terminal), the terminal is given back, the last position is saved
# (reopening lands on it) - or cleanly not saved while another program
# holds the write lock - and the database stays sound; kill -9 of a
# browser loses nothing either.
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_ptyrun
need_dbtool

"$FONDS_BIN" --db "$DB" import "$FONDS_DATADIR/sample.jsonl" >/dev/null 2>&1
is "the sample collection is in" "$(doc_count)" 44
last_id() {
	"$DBTOOL" sql "$DB" "SELECT value FROM state WHERE key = 'last_id'"
}
# The id of the document at list position $1 (date order).
id_at() {
	"$FONDS_BIN" --db "$DB" search --format csv | sed -n "$(($1 + 1))s/,.*//p"
}

# 1. The terminal hangs up under the browser (ptyrun closes it): the
# kernel sends SIGHUP. Row 6 is the position to keep.
printf 'settle 400\nkeys ggjjjjj\nsettle 300\nhangup\nexit %d\n' $((5 * SLOW)) >"$tmp/k1"
"$PTYRUN" run -o "$tmp/o1" -t $((20 * SLOW)) "$tmp/k1" -- "$FONDS_BIN" --db "$DB" 2>"$tmp/e1"
st=$?
ok "hang-up: the browser ends at once (status $st)" [ "$st" -lt 124 ]
diag "$tmp/e1"
is "hang-up: the position is saved" "$(last_id)" "$(id_at 6)"

# 2. The same with the browser run from a shell (as over SSH): both get
# SIGHUP; the browser must not survive its terminal.
printf 'settle 700\nkeys jj\nsettle 500\nhangup\nsleep 300\n' >"$tmp/k2"
"$PTYRUN" run -o "$tmp/o2" -t $((20 * SLOW)) "$tmp/k2" -- sh -c \
	"sh -c 'echo \$\$ >\"$tmp/pid2\"; exec \"$FONDS_BIN\" --db \"$DB\"'; sleep 30" 2>"$tmp/e2"
pid=$(cat "$tmp/pid2" 2>/dev/null)
ok "hang-up under a shell: the browser had started" [ -n "$pid" ]
wait_gone "${pid:-0}" $((50 * SLOW))
ok "hang-up under a shell: no browser left behind" [ $? -eq 0 ]
is "hang-up under a shell: the position is saved" "$(last_id)" "$(id_at 8)" || { diag "$tmp/e2"; tail -c 600 "$tmp/o2" | tr -c "[:print:]\n" "." | sed "s/^/# /"; echo; }

# 3. SIGTERM and SIGHUP in tmux: the terminal is given back (main screen,
# cursor shown), the position saved, and reopening lands on it.
if have_tmux; then
	for sig in TERM HUP; do
		t_start $sig 100 30 "'$FONDS_BIN' --db '$DB' 2>'$tmp/$sig.err'"
		t_wait "$STATUS_RE"
		t_keys g j j j
		t_wait ' list +4/44'
		pid=$(fonds_child "$(t_pid)")
		ok "SIG$sig: the browser runs in tmux" [ -n "$pid" ]
		kill -$sig "$pid" 2>/dev/null
		st=$(t_exited $sig 50)
		ok "SIG$sig: the browser ends ($st)" [ "$st" != none ]
		is "SIG$sig: the alternate screen is left" \
			"$(tmux -L "$t_sock" display-message -p -t f '#{alternate_on}')" 0
		is "SIG$sig: the cursor is shown again" \
			"$(tmux -L "$t_sock" display-message -p -t f '#{cursor_flag}')" 1
		is "SIG$sig: nothing on stderr" "$(cat "$tmp/$sig.err")" ""
		is "SIG$sig: the position is saved" "$(last_id)" "$(id_at 4)"
		t_start ${sig}2 100 30 "'$FONDS_BIN' --db '$DB'"
		t_wait ' list +4/44'
		ok "SIG$sig: reopening lands on it" [ $? -eq 0 ]
		t_keys Q
		t_exited ${sig}2 >/dev/null
	done
else
	skip "tmux is not installed: SIGTERM and SIGHUP in tmux"
fi

# 4. SIGHUP while another program holds the write lock: the browser
# still ends at once; the position is cleanly not saved.
before=$(last_id)
"$DBTOOL" lock "$DB" $((20 * SLOW)) >"$tmp/lock.out" &
lockpid=$!
f_pids="$f_pids $lockpid"
i=0
while [ "$i" -lt 100 ] && ! grep -q locked "$tmp/lock.out"; do
	sleep 0.1
	i=$((i + 1))
done
ok "another program holds the write lock" grep -q locked "$tmp/lock.out"
printf 'settle 400\nkeys ggjjjjjjjjjj\nsettle 300\nhangup\nexit %d\n' $((5 * SLOW)) >"$tmp/k4"
t0=$(date +%s)
"$PTYRUN" run -o "$tmp/o4" -t $((20 * SLOW)) "$tmp/k4" -- "$FONDS_BIN" --db "$DB" 2>"$tmp/e4"
st=$?
t1=$(date +%s)
ok "hang-up while locked: the browser ends at once ($((t1 - t0)) s, status $st)" \
	[ "$st" -lt 124 ]
kill "$lockpid" 2>/dev/null
wait "$lockpid" 2>/dev/null
is "hang-up while locked: the position is unchanged" "$(last_id)" "$before"
is "hang-up while locked: the database is sound" "$("$DBTOOL" check "$DB" 2>&1)" "ok 44"

# 5. kill -9 while browsing: nothing lost, nothing damaged.
printf 'settle 400\nkeys jj\\rjj\nsettle 300\nsignal KILL\nexit %d\n' $((5 * SLOW)) >"$tmp/k5"
"$PTYRUN" run -o "$tmp/o5" -t $((20 * SLOW)) "$tmp/k5" -- "$FONDS_BIN" --db "$DB" 2>"$tmp/e5"
is "kill -9: the browser is killed" "$?" 137
is "kill -9: the database is sound" "$("$DBTOOL" check "$DB" 2>&1)" "ok 44"
"$FONDS_BIN" --db "$DB" search korea >/dev/null 2>&1
ok "kill -9: search works" [ $? -eq 0 ]

done_testing
