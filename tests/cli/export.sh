#!/bin/sh
# export.sh - fonds export: JSON Lines and CSV, filters, and round trips
# through import (export, import into a new database, export again: equal).
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

write_fixture "$tmp/f.jsonl"
# Add awkward content: quotes, commas, line breaks, controls, a body.
cat >>"$tmp/f.jsonl" <<'JSON'
{"id": "t-odd", "date": "1950-1953", "title": "Quotes \" and, commas; semicolons", "summary": "Two\nlines and a tab\there", "text": "Body with \u001b[31m an escape and \u009B a C1 control and \u202E a bidi override.", "people": ["Kim, Il Sung"], "source": "Test Archive", "url": "https://example.org/doc?id=1&x=2", "type": "Memorandum"}
JSON
docs=$((FIXTURE_DOCS + 1))
fonds import "$tmp/f.jsonl" >/dev/null 2>&1

run fonds export
is "export exits 0" "$rc" 0
is "export: JSON Lines, one per document" "$(printf '%s\n' "$out" | grep -c '^{')" "$docs"
is "export: nothing on stderr" "$err" ""
like "export: full fields" "$out" '"source":"Test Archive","url":"https://example.org/doc?id=1&x=2","related":[],"cites":[],"texts":[]}'
like "export: the type" "$out" '"type":"Memorandum"'
like "export: the body" "$out" '"text":"Body with \u001B[31m an escape'
like "export: C1 controls are escaped" "$out" '\u009B a C1'
like "export: bidi controls are escaped" "$out" '\u202E a bidi'
ok "export: no raw ESC byte" sh -c '! printf "%s" "$1" | grep -q "$(printf "\\033")"' sh "$out"
like "export: a range keeps its range" "$out" '"date":"1950-1953","date_text":"1950-1953"'
ids=$(printf '%s\n' "$out" | sed 's/^{"id":"\([^"]*\)".*/\1/' | tr '\n' ' ')
is "export: date order, undated last" "$ids" "t-odd t-1950-0625 t-1950-0630 t-1950-0701 t-1950-12 t-1953-0603 t-1956 t-1974-1221 t-undated "
printf '%s\n' "$out" >"$tmp/e1.jsonl"

# JSON round trip.
run "$FONDS_BIN" --db "$tmp/r.db" import "$tmp/e1.jsonl"
is "JSON round trip: import exits 0" "$rc" 0
is "JSON round trip: all new" "$out" "$docs new, 0 merged, 0 rejected"
"$FONDS_BIN" --db "$tmp/r.db" export >"$tmp/e2.jsonl"
ok "JSON round trip: the second export is identical" cmp -s "$tmp/e1.jsonl" "$tmp/e2.jsonl"
"$FONDS_BIN" --db "$tmp/r.db" search --limit 0 >"$tmp/s2.txt"
fonds search --limit 0 >"$tmp/s1.txt"
ok "JSON round trip: same search results" cmp -s "$tmp/s1.txt" "$tmp/s2.txt"

# CSV round trip.
run fonds export --format csv
is "export csv exits 0" "$rc" 0
printf '%s\n' "$out" >"$tmp/e1.csv"
is "export csv: header" "$(sed -n 1p "$tmp/e1.csv")" "id,date,date_text,title,summary,text,people,places,subjects,collections,language,type,source,url,related"
like "export csv: quotes doubled" "$out" '"Quotes "" and, commas; semicolons"'
like "export csv: line breaks kept inside quotes" "$out" '"Two
lines and a tab	here"'
ok "export csv: raw bytes (it is data)" sh -c 'printf "%s" "$1" | grep -q "$(printf "\\033")"' sh "$out"
run "$FONDS_BIN" --db "$tmp/c.db" import --format csv "$tmp/e1.csv"
is "CSV round trip: import exits 0" "$rc" 0
is "CSV round trip: all new" "$out" "$docs new, 0 merged, 0 rejected"
"$FONDS_BIN" --db "$tmp/c.db" export --format csv >"$tmp/e2.csv"
ok "CSV round trip: the second export is identical" cmp -s "$tmp/e1.csv" "$tmp/e2.csv"
"$FONDS_BIN" --db "$tmp/c.db" export >"$tmp/e3.jsonl"
ok "CSV round trip: same documents as JSON" cmp -s "$tmp/e1.jsonl" "$tmp/e3.jsonl"

# Filters.
run fonds export --person 'Terentii Shtykov'
is "export --person" "$(printf '%s\n' "$out" | grep -c .)" 2
run fonds export date:1950-06..1950-12
is "export with a query" "$(printf '%s\n' "$out" | grep -c .)" 5
run fonds export zanzibar
is "export of nothing exits 0" "$rc" 0
is "export of nothing is empty" "$out" ""
run fonds export 'persn:x'
is "export: malformed query exits 2" "$rc" 2

# Many documents, more than one page.
i=0
while [ $i -lt 700 ]; do
	printf '{"id": "p-%d", "date": "1961-%02d-%02d", "title": "Paged %d"}\n' $i $((i % 12 + 1)) $((i % 28 + 1)) $i
	i=$((i + 1))
done >"$tmp/p.jsonl"
DB=$tmp/p.db
fonds import "$tmp/p.jsonl" >/dev/null
is "export pages through everything" "$(fonds export | grep -c .)" 700
is "no document twice" "$(fonds export | sort -u | grep -c .)" 700

done_testing
