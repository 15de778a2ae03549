#!/bin/sh
# disk_full.sh - a full disk (a 2 MB tmpfs; skipped where mounting is not
# allowed): an import that does not fit fails with one clear message and
# changes nothing; with no byte left, reading still works (stats, search,
# the browser, which says why it is read-only) and writing says why not;
# once there is room again, imports work and the database is sound.
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_dbtool

M=$tmp/full
mkdir -p "$M"
mount -t tmpfs -o size=2m fonds-faults "$M" 2>/dev/null ||
	skip_all "cannot mount a tmpfs here (needs root)"
# unmount before the directory goes (the cleanup removes $tmp)
trap 'umount "$M" 2>/dev/null; f_cleanup' EXIT

D=$M/db
awk 'BEGIN {
	for (i = 0; i < 4000; i++)
		printf "{\"id\": \"f%d\", \"date\": \"1970-01-%02d\", \"title\": \"Record %d that fills the disk\", \"summary\": \"A summary of record %d with the words w%d and x%d, long enough to take room.\"}\n", i, i % 28 + 1, i, i, i % 997, i * 7
}' >"$tmp/big.jsonl"

run "$FONDS_BIN" --db "$D" import "$FONDS_DATADIR/sample.jsonl"
is "the sample fits" "$rc" 0
run "$FONDS_BIN" --db "$D" import "$tmp/big.jsonl"
is "an import that does not fit fails" "$rc" 2
like "it says the disk is full" "$err" "the disk is full; nothing was changed"
unlike "no raw SQLite message" "$err" "database or disk is full"
is "nothing was imported" "$(doc_count "$D")" 44
is "the database is sound" "$("$DBTOOL" check "$D" 2>&1)" "ok 44"

# Not one byte left.
dd if=/dev/zero of="$M/filler" bs=4096 >/dev/null 2>&1
run "$FONDS_BIN" --db "$D" stats --format json
like "full: stats works" "$out" '"documents":44'
is "full: stats says nothing on stderr" "$err" ""
run "$FONDS_BIN" --db "$D" search korea
[ "$rc" -eq 0 ] && [ -n "$out" ]
ok "full: search works" [ $? -eq 0 ]
unlike "full: no disk I/O error" "$err" "I/O error"
run "$FONDS_BIN" --db "$D" import "$FONDS_SRCDIR/tests/data/import/basic.csv"
is "full: import fails" "$rc" 2
like "full: import says why" "$err" "the disk is full"
run "$FONDS_BIN" --db "$M/new.db" import "$FONDS_SRCDIR/tests/data/import/basic.csv"
is "full: a new database cannot be made" "$rc" 2
like "full: and it says why" "$err" "the disk is full"
if have_tmux; then
	t_start full 100 30 "'$FONDS_BIN' --db '$D' 2>'$tmp/full.err'"
	t_wait "$STATUS_RE"
	like "full: the browser says it is read-only and why" "$(t_screen)" "Read-only: the disk is full"
	t_keys j Enter
	t_wait '^ document'
	ok "full: documents open" [ $? -eq 0 ]
	t_keys Q
	is "full: the browser quits cleanly" "$(t_exited full)" 0
	is "full: nothing on stderr" "$(cat "$tmp/full.err")" ""
fi

# Room again.
rm -f "$M/filler" "$M/new.db"*
run "$FONDS_BIN" --db "$D" import "$FONDS_SRCDIR/tests/data/import/basic.csv"
is "room again: imports work" "$rc" 0
is "room again: the database is sound" "$("$DBTOOL" check "$D" 2>&1)" "ok 47"

done_testing
