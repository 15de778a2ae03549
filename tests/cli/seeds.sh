#!/bin/sh
# seeds.sh - the five seed pages of ../shared/seeds through the CLI: 44
# documents, their span, folded search, date ranges, a round trip.
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

need_seeds
set -- "$FONDS_SEEDS"/0*.txt
[ -f "$1" ] || FONDS_SEEDS= need_seeds
is "there are five seed pages" "$#" 5

run fonds import "$@"
is "importing the seeds exits 0" "$rc" 0
like "44 new documents" "$out" "44 new, "
like "nothing rejected" "$out" " 0 rejected"
run fonds stats --format json
like "44 documents" "$out" '"documents":44,'
like "first date 1949-09-24" "$out" '"first_date":"1949-09-24"'
like "last date 1974-12-21" "$out" '"last_date":"1974-12-21"'
like "one undated" "$out" '"undated":1,'

run fonds import "$@"
like "importing them again adds nothing" "$out" "0 new, 0 merged, 0 rejected"
is "still 44" "$(doc_count)" 44

# In another order, one file at a time: the same 44.
DB=$tmp/rev.db
for f in "$5" "$4" "$3" "$2" "$1"; do
	fonds import "$f" >/dev/null 2>&1
done
is "one at a time, in reverse order: 44" "$(doc_count)" 44
DB=$tmp/x.db

run fonds search pasztor
is "pasztor finds something" "$rc" 0
id=$(printf '%s\n' "$out" | sed -n 1p | awk '{ print $2 }')
run fonds show "$id"
like "pasztor finds Pásztor" "$out" "Pásztor"

# The seeds date 15 records from June to December 1950, three of which are
# the same record on two pages: 12 documents.
run fonds search --limit 0 date:1950-06..1950-12
is "date:1950-06..1950-12 counts 12" "$(printf '%s\n' "$out" | grep -c .)" 12
run fonds search --limit 0 --from 1950-06 --to 1950-12
is "--from/--to agree" "$(printf '%s\n' "$out" | grep -c .)" 12
run fonds timeline --by month --from 1950-06 --to 1950-12 --format csv
is "the timeline agrees" "$(printf '%s\n' "$out" | sed 1d | awk -F, '{ n += $2 } END { print n }')" 12
run fonds search --limit 0 date:1956
is "date:1956" "$(printf '%s\n' "$out" | grep -c .)" 5

run fonds search 'shtykov'
is "shtykov finds documents" "$rc" 0
run fonds search 'SHTYKOV' --format csv --limit 0
is "search is case-blind" "$(printf '%s\n' "$out" | sed 1d | grep -c .)" "$(fonds search shtykov --limit 0 | grep -c .)"

# A round trip of the real data.
fonds export >"$tmp/e1.jsonl"
"$FONDS_BIN" --db "$tmp/r.db" import "$tmp/e1.jsonl" >/dev/null 2>&1
"$FONDS_BIN" --db "$tmp/r.db" export >"$tmp/e2.jsonl"
is "export has 44 lines" "$(grep -c . "$tmp/e1.jsonl")" 44
ok "export, import, export: identical" cmp -s "$tmp/e1.jsonl" "$tmp/e2.jsonl"

done_testing
