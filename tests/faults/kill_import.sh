#!/bin/sh
# kill_import.sh - kill -9 at any moment of an import leaves the database
# as it was before that file: after each kill the integrity check passes
# (tests/faults/dbtool: PRAGMA integrity_check, the full-text index's own
# check, the count table), fonds stats and search work, and the count is
# the old one - or the old one plus the whole file when the kill came
# after the commit - never anything in between. Kills land from early in
# the parsing to the end of the commit (relations are computed there).
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_dbtool

# A file big enough to take a while: fewer records on slow builds.
N=$((40000 / SLOW))
awk -v n=$N 'BEGIN {
	for (i = 0; i < n; i++)
		printf "{\"id\": \"k%d\", \"date\": \"19%02d-%02d-%02d\", \"title\": \"Killed import record %d on topic %d\", \"summary\": \"Record %d of the import that is killed, about w%d and x%d, with words t%d.\", \"people\": [\"Person %d\"], \"places\": [\"Place %d\"]}\n", i, 50 + i % 40, i % 12 + 1, i % 28 + 1, i, i % 977, i, i % 1013, i % 7919, i % 50, i % 300, i % 40
}' >"$tmp/big.jsonl"

"$FONDS_BIN" --db "$DB" import "$FONDS_DATADIR/sample.jsonl" >/dev/null 2>&1
old=$(doc_count)
ok "a database to import into ($old documents)" [ "${old:-0}" -gt 0 ]
cp "$DB" "$tmp/base.db"

# One import to the end, timed, on a copy: the total and its duration.
cp "$tmp/base.db" "$tmp/full.db"
t0=$(date +%s%N)
"$FONDS_BIN" --db "$tmp/full.db" import "$tmp/big.jsonl" >/dev/null 2>&1
t1=$(date +%s%N)
full=$(doc_count "$tmp/full.db")
ms=$(( (t1 - t0) / 1000000 ))
is "a whole import adds every record (in $ms ms)" "$full" $((old + N))
rm -f "$tmp/full.db"*

landed=0
# kill at these fractions of the duration (per mille), the last ones in
# the commit
for at in 50 200 400 600 800 900 960 990; do
	delay=$((ms * at / 1000))
	"$FONDS_BIN" --db "$DB" import "$tmp/big.jsonl" >"$tmp/kill.out" 2>&1 &
	pid=$!
	f_pids="$f_pids $pid"
	sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
	if alive "$pid"; then
		kill -9 "$pid" 2>/dev/null && landed=$((landed + 1))
	fi
	wait "$pid" 2>/dev/null
	check=$("$DBTOOL" check "$DB" 2>&1)
	n=$(doc_count)
	case $check in
	"ok $old" | "ok $((old + N))") good=0 ;;
	*) good=1 ;;
	esac
	ok "kill at ${at}/1000 of the import: integrity check passes ($check)" [ "$good" -eq 0 ]
	[ "$n" = "$old" ] || [ "$n" = $((old + N)) ]
	ok "kill at ${at}/1000: fonds stats counts the old or the full number ($n)" [ $? -eq 0 ]
	"$FONDS_BIN" --db "$DB" search korea >/dev/null 2>&1
	ok "kill at ${at}/1000: search works" [ $? -eq 0 ]
	# start again from the old state when the import had finished
	if [ "$n" != "$old" ]; then
		rm -f "$DB-wal" "$DB-shm"
		cp "$tmp/base.db" "$DB"
	fi
done
ok "most kills landed during the import ($landed of 8)" [ "$landed" -ge 4 ]

# After all that, an import runs to the end.
"$FONDS_BIN" --db "$DB" import "$tmp/big.jsonl" >"$tmp/last.out" 2>&1
ok "then an import completes" [ $? -eq 0 ]
is "with every record" "$(doc_count)" $((old + N))
is "and the database is sound" "$("$DBTOOL" check "$DB" 2>&1)" "ok $((old + N))"

done_testing
