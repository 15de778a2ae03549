#!/bin/sh
# load.sh - twenty browsers on one database while an import runs: every
# browser answers every key (moving, opening documents, which writes
# their read marks, searching) within a bound, none ever shows a lock
# message, all quit normally, and the import completes.
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_ptyrun
need_dbtool

"$FONDS_BIN" --db "$DB" import "$FONDS_DATADIR/sample.jsonl" >/dev/null 2>&1
is "the sample collection is in" "$(doc_count)" 44

N=$((40000 / SLOW))
awk -v n=$N 'BEGIN {
	for (i = 0; i < n; i++)
		printf "{\"id\": \"m%d\", \"date\": \"19%02d-%02d-%02d\", \"title\": \"Record %d imported under load\", \"summary\": \"Record %d, read by twenty people at once, about w%d and x%d.\", \"people\": [\"Person %d\"]}\n", i, 50 + i % 40, i % 12 + 1, i % 28 + 1, i, i, i % 1013, i % 7919, i % 300
}' >"$tmp/big.jsonl"

# Each browser: keys until the import is over (the stop file), each
# answered within the bound. First it reads document after document (]
# opens the next in time, and writes its read mark: the import holds the
# write lock all along), then it moves and searches in the list; a last
# key, and it quits.
BOUND=$((1500 * SLOW))
{
	say "settle 500"
	say "keys \\r"; say "answer $BOUND"
	i=0
	while [ "$i" -lt 40 ]; do
		say "stopif $tmp/stop"
		say "keys ]"; say "answer $BOUND"; say "sleep 50"
		i=$((i + 1))
	done
	say "keys q"; say "answer $BOUND"
	i=0
	while [ "$i" -lt 400 ]; do
		say "stopif $tmp/stop"
		case $((i % 8)) in
		6) say "keys /korea\\r" ;;
		7) say "keys /\\x15\\r" ;;
		*) [ $((i % 2)) -eq 0 ] && say "keys j" || say "keys k" ;;
		esac
		say "answer $BOUND"
		say "sleep 60"
		i=$((i + 1))
	done
	say "finally"
	say "keys \\r"; say "answer $BOUND"; say "settle 100"
	say "keys Q"
	say "exit $((10 * SLOW))"
} >"$tmp/keys"

n=1
while [ "$n" -le 20 ]; do
	"$PTYRUN" run -s 100x30 -o "$tmp/b$n.raw" -t $((150 * SLOW)) "$tmp/keys" -- \
		env TERM=xterm-256color "$FONDS_BIN" --db "$DB" >"$tmp/b$n.log" 2>&1 &
	eval "pid$n=$!"
	f_pids="$f_pids $!"
	n=$((n + 1))
done
sleep 1

t0=$(date +%s)
"$FONDS_BIN" --db "$DB" import "$tmp/big.jsonl" >"$tmp/import.out" 2>&1
irc=$?
t1=$(date +%s)
# let the browsers read the new state a little before they stop
sleep 1
touch "$tmp/stop"
is "the import completes under load ($((t1 - t0)) s)" "$irc" 0
like "it imported every record" "$(cat "$tmp/import.out")" "$N new, 0 merged, 0 rejected"

bad=0
n=1
while [ "$n" -le 20 ]; do
	eval "wait \$pid$n"
	st=$?
	if [ "$st" -ne 0 ]; then
		bad=$((bad + 1))
		echo "# browser $n: status $st"
		diag "$tmp/b$n.log" 3
	fi
	n=$((n + 1))
done
is "all twenty browsers answered every key and quit normally" "$bad" 0
cat "$tmp"/b*.raw >"$tmp/all.raw"
unlike "no browser showed a lock" "$(cat "$tmp/all.raw")" "locked"
unlike "no browser showed busy" "$(cat "$tmp/all.raw")" "busy"
is "the database is sound" "$("$DBTOOL" check "$DB" 2>&1)" "ok $((44 + N))"

done_testing
