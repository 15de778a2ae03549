#!/bin/sh
# notes.sh - nothing a reader wrote is lost: the terminal hangs up
# (SIGHUP) while the browser's editor has a note open, fonds is killed
# (kill -9) while its editor runs, and kill -9 strikes while notes are
# being saved. What the editor wrote stays in the state directory and
# 'fonds note ID --recover' brings it in; every save that finished is in
# the note or its versions; the database stays sound.
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_ptyrun
need_dbtool

XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
"$FONDS_BIN" --db "$DB" import "$FONDS_DATADIR/sample.jsonl" >/dev/null 2>&1
is "the sample collection is in" "$(doc_count)" 44
ID=kr-1949-0924
db_sound() { "$DBTOOL" check "$DB" >/dev/null; }
EDIT=$tmp/state/fonds/edit/$ID.txt

# an editor that writes a draft, then works on (sleeps)
cat >"$tmp/ed" <<'SH'
#!/bin/sh
printf 'A draft written before the hang-up.\n' >"$1"
sleep 30
SH
chmod +x "$tmp/ed"

# 1. The browser's editor has the note open when the terminal hangs up.
printf 'settle 500\nkeys e\nsettle 1000\nhangup\nexit %d\n' $((5 * SLOW)) >"$tmp/k1"
VISUAL=$tmp/ed "$PTYRUN" run -o "$tmp/o1" -t $((30 * SLOW)) "$tmp/k1" -- \
	"$FONDS_BIN" --db "$DB" 2>"$tmp/e1"
st=$?
ok "hang-up while editing: the browser ends (status $st)" [ "$st" -lt 124 ]
diag "$tmp/e1"
is "the draft is kept in the state directory" "$(cat "$EDIT" 2>/dev/null)" "A draft written before the hang-up."
run "$FONDS_BIN" --db "$DB" note "$ID"
is "the note itself is unchanged (none)" "$rc" 1
run "$FONDS_BIN" --db "$DB" note "$ID" --recover
is "--recover brings the draft in" "$rc" 0
run "$FONDS_BIN" --db "$DB" note "$ID"
is "the draft is the note" "$out" "A draft written before the hang-up."
ok "the database is sound" db_sound

# 2. fonds killed (-9) while its editor runs: the editor goes on and its
# text is kept.
cat >"$tmp/ed2" <<'SH'
#!/bin/sh
sleep 1
printf 'Written after fonds was killed.\n' >"$1"
SH
chmod +x "$tmp/ed2"
VISUAL=$tmp/ed2 bg "$FONDS_BIN" --db "$DB" note kr-1950-0708 --edit
pid=$!
sleep 0.3
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
sleep 2
is "kill -9 during the edit: the editor's text is kept" \
	"$(cat "$tmp/state/fonds/edit/kr-1950-0708.txt" 2>/dev/null)" "Written after fonds was killed."
run "$FONDS_BIN" --db "$DB" note kr-1950-0708 --recover
is "and --recover brings it in" "$rc" 0
run "$FONDS_BIN" --db "$DB" note kr-1950-0708
is "the note" "$out" "Written after fonds was killed."

# 2b. SIGHUP to fonds note --edit (a dropped connection): passed on to
# the editor, whose draft is kept.
VISUAL=$tmp/ed bg "$FONDS_BIN" --db "$DB" note kr-1950-0811 --edit
pid=$!
sleep 1
kill -HUP "$pid" 2>/dev/null
wait_gone "$pid" $((50 * SLOW))
ok "SIGHUP during fonds note --edit: it ends (the editor too)" [ $? -eq 0 ]
is "the draft is kept" "$(cat "$tmp/state/fonds/edit/kr-1950-0811.txt" 2>/dev/null)" \
	"A draft written before the hang-up."
run "$FONDS_BIN" --db "$DB" note kr-1950-0811 --recover
is "and --recover brings it in" "$rc" 0

# 3. kill -9 while notes are being saved: each save that finished is the
# note or one of its versions, none half-written.
i=0 struck=0
: >"$tmp/done"
while [ $i -lt $((30 / SLOW + 6)) ]; do
	i=$((i + 1))
	bg "$FONDS_BIN" --db "$DB" note kr-1950-0811 --set "Version $i of the note." \
		>/dev/null 2>&1
	pid=$!
	# kill some of them a moment in (fonds itself, at one of ten points
	# of its run), let others finish
	if [ $((i % 3)) -eq 0 ]; then
		sleep "0.00$((i % 10))"
		kill -9 "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	case $? in
	0) echo $i >>"$tmp/done" ;;
	137) struck=$((struck + 1)) ;;
	esac
done
ok "kill -9 struck fonds while it saved ($struck times)" [ "$struck" -gt 0 ]
ok "kill -9 while saving: the database is sound" db_sound
run "$FONDS_BIN" --db "$DB" note kr-1950-0811 --history
hist=$out
run "$FONDS_BIN" --db "$DB" note kr-1950-0811
all="$out
$hist"
lost=0
for n in $(cat "$tmp/done"); do
	case $all in
	*"Version $n of the note."*) ;;
	*) lost=$((lost + 1)); echo "# lost: version $n" ;;
	esac
done
is "every save that finished is kept (the note or a version)" "$lost" 0
unlike "no half-written note" "$all" "Version  of"
done_testing
