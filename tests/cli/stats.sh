#!/bin/sh
# stats.sh - fonds stats in text and JSON.
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

write_fixture "$tmp/f.jsonl"
fonds import "$tmp/f.jsonl" >/dev/null 2>&1

run fonds stats --format json
is "stats json exits 0" "$rc" 0
is "stats json is one line" "$(printf '%s\n' "$out" | grep -c .)" 1
like "documents" "$out" '"documents":8,'
like "first_date" "$out" '"first_date":"1950-06-25"'
like "last_date" "$out" '"last_date":"1974-12-21"'
like "undated" "$out" '"undated":1,'
# Four people in the fixture, and any the name authority recognizes.
people=$(printf '%s\n' "$out" | sed -n 's/.*"people":\([0-9]*\),.*/\1/p')
ok "people ($people)" test "${people:-0}" -ge 4
like "places" "$out" '"places":5,'
like "subjects" "$out" '"subjects":5,'
like "collections" "$out" '"collections":2,'
like "languages" "$out" '"languages":2,'
like "relations" "$out" '"relations":'

run fonds stats
is "stats text exits 0" "$rc" 0
like "text: documents" "$out" "documents    8"
like "text: first_date" "$out" "first_date   1950-06-25"
like "text: last_date" "$out" "last_date    1974-12-21"
like "text: undated" "$out" "undated      1"
like "text: the database" "$out" "database     $DB"

# An empty database.
DB=$tmp/empty.db
: >"$tmp/empty.jsonl"
fonds import "$tmp/empty.jsonl" >/dev/null 2>&1
run fonds stats --format json
like "empty: no documents" "$out" '"documents":0,'
like "empty: no first date" "$out" '"first_date":null'
run fonds search
is "empty: search finds nothing" "$rc" 1

done_testing
