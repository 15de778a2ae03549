#!/bin/sh
# smoke.sh - the benchmark machinery at 10k documents, in `make check`:
# the generator is deterministic and well formed, the harness imports the
# collection, runs every row and gets a number for each (which needs the
# browser's settle hook to fire). Nothing here asserts a time.

B=${FONDS_BUILDDIR:-.}
GEN=$B/tests/bench/gen
BENCH=$B/tests/bench/bench
N=10000
DIR=$B/tests/tmp/bench-smoke
. "${FONDS_SRCDIR:-.}/tests/lib.sh"

if [ ! -x "$GEN" ] || [ ! -x "$BENCH" ] || [ ! -x "${FONDS_BIN:-}" ]; then
	skip_all "programs not built"
fi
rm -rf "$DIR"
mkdir -p "$DIR/cache"

"$GEN" $N > "$DIR/a.jsonl"; ok_status $? "gen $N runs"
"$GEN" $N > "$DIR/b.jsonl"
cmp -s "$DIR/a.jsonl" "$DIR/b.jsonl"; ok_status $? "the same seed gives the same bytes"
"$GEN" -s 7 $N > "$DIR/c.jsonl"
if cmp -s "$DIR/a.jsonl" "$DIR/c.jsonl"; then r=1; else r=0; fi
ok_status $r "another seed gives another collection"
lines=$(wc -l < "$DIR/a.jsonl")
[ "$lines" -eq $N ]; ok_status $? "$N lines (got $lines)"
good=$(grep -c '^{"id":"bench-[0-9]\{7\}",.*"title":".*"summary":".*"related":\[[^]]*\]\(,"texts":\[{"kind":"\(original\|note\)",.*}\]\)\?}$' "$DIR/a.jsonl")
[ "$good" -eq $N ]; ok_status $? "every line is a record of the expected shape ($good)"
w=$("$GEN" --word 100)
case $w in [a-z]*) r=0 ;; *) r=1 ;; esac
ok_status $r "gen --word prints a word ($w)"
long=$(grep -c '^{"id":"bench-0005000",.*"text":".*\[Page 150\].*"texts":\[{"kind":"note","label":"1",' "$DIR/a.jsonl")
[ "$long" -eq 1 ]; ok_status $? "one long document, with pages and notes"

# the harness, on this corpus (it would generate the same bytes itself)
mv "$DIR/a.jsonl" "$DIR/cache/corpus-$N.jsonl"
rm -f "$DIR/b.jsonl" "$DIR/c.jsonl"
"$BENCH" --fonds "$FONDS_BIN" --gen "$GEN" --cache "$DIR/cache" -n $N --quick \
	> "$DIR/table.txt" 2> "$DIR/bench.err"
r=$?
ok_status $r "bench --quick runs to the end (status $r)"
[ $r -eq 0 ] || sed 's/^/# /' "$DIR/bench.err" "$DIR/table.txt"

grep -q "^documents: $N;" "$DIR/table.txt"; ok_status $? "the import holds $N documents"

# every row, with a number in its first column
rows="import rate (docs/s, FTS included)|database size (MB) vs input|peak RSS of the import (MB)
cold start to first screen|null key (z)|line down (j)|line up (k)|page down (Space)|page up (b)
bottom (G)|top (g)|open detail (Enter)|close detail (q)|timeline open (t)
timeline step (l)|timeline zoom in (+)|timeline zoom out (-)|filters open (f)
facet toggle on (Enter)|facet toggle off (Enter)|j behind a facet toggle
j behind a common-word search|search, common word
search, rare word|related list (r)|jump to a related document (Enter)
back (Backspace)|facet counts, broad set (store_facet)
facet counts, narrow set (store_facet)|peak RSS browsing (MB)
long document: open (:open)|long document: open, first screen|long document: close (q)|long document: page down (Space)
long document: end (G)|long document: next reference (})|long document: next match (n)"
missing=
old_ifs=$IFS
IFS='|
'
for row in $rows; do
	line=$(grep -F -- "$row" "$DIR/table.txt" | head -n 1)
	val=$(printf '%s\n' "$line" | cut -c40- | awk '{print $1}')
	case $val in
	[0-9]*) ;;
	*) missing="$missing [$row]" ;;
	esac
done
IFS=$old_ifs
[ -z "$missing" ]; ok_status $? "every row has a number${missing:+; missing:$missing}"
if grep -q 'ERROR' "$DIR/table.txt"; then r=1; else r=0; fi
ok_status $r "no row failed"
# the floors ran beside fonds: a ratio on the key rows (columns after the
# name: median p95 p99 n fail floor basis ratio sql target result)
ratio=$(grep -F "line down (j)" "$DIR/table.txt" | cut -c40- | awk '{print $8}')
case $ratio in [0-9]*x) r=0 ;; *) r=1 ;; esac
ok_status $r "key rows have a floor and a ratio ($ratio)"
# navigation keys are held to less (bare SQLite + the null key without it),
# the other keys to bare SQLite + the null key
basis=$(grep -F "line down (j)" "$DIR/table.txt" | cut -c40- | awk '{print $7}')
want=sql+key
command -v less > /dev/null 2>&1 && want=less
basis2=$(grep -F "open detail (Enter)" "$DIR/table.txt" | cut -c40- | awk '{print $7}')
[ "$basis" = "$want" ] && [ "$basis2" = sql+key ]
ok_status $? "floors: line down against $want ($basis), open detail against sql+key ($basis2)"
# nothing failed or came unasked: the fail column is 0 on every timed row
fails=$(awk '/^-----/ { t = 1; next } t && /^$/ { t = 0 } t' "$DIR/table.txt" |
	cut -c40- | awk '$5 ~ /^[0-9]+$/ && $5 != 0' | wc -l)
if [ "$fails" -eq 0 ] && ! grep -q "settle byte(s) came with no key\|untimed key" "$DIR/table.txt"; then r=0; else r=1; fi
ok_status $r "every key settled once ($fails rows with failures)"
# the cold start comes from the settle hook, so it fired
cold=$(grep -F "cold start to first screen" "$DIR/table.txt" | cut -c40- | awk '{print $1}')
case $cold in [0-9]*) r=0 ;; *) r=1 ;; esac
ok_status $r "the settle hook fired (cold start $cold ms)"
[ "$tap_failed" -eq 0 ] && rm -rf "$DIR"
done_testing
