#!/bin/sh
# search.sh - fonds search: the query language, filters, sorting, limits,
# formats, nothing found and malformed queries.
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

write_fixture "$tmp/f.jsonl"
fonds import "$tmp/f.jsonl" >/dev/null 2>&1

# count QUERY...: how many documents a search finds (text lines).
count() {
	fonds search --limit 0 "$@" 2>/dev/null | grep -c .
}
ids() {
	fonds search --limit 0 --format csv "$@" 2>/dev/null | sed 1d | cut -d, -f1 | tr '\n' ' '
}

run fonds search
is "search without a query exits 0" "$rc" 0
is "search without a query lists everything" "$(printf '%s\n' "$out" | grep -c .)" "$FIXTURE_DOCS"
is "results are in date order, undated last" "$(ids)" "t-1950-0625 t-1950-0630 t-1950-0701 t-1950-12 t-1953-0603 t-1956 t-1974-1221 t-undated "
is "text lines are aligned: date, id, title" \
	"$(printf '%s\n' "$out" | sed -n 4p)" "1950-12     t-1950-12    Monthly Review of the Front"
is "undated documents say so" \
	"$(printf '%s\n' "$out" | sed -n 8p)" "undated     t-undated    Notes on Liaison Officers"
is "year dates" "$(printf '%s\n' "$out" | sed -n 6p)" "1956        t-1956       Annual Report of the Embassy for 1956"
is "piped output is not clipped" "$(printf '%s\n' "$out" | sed -n 1p)" "1950-06-25  t-1950-0625  Report on the First Day of Fighting"
is "nothing on stderr" "$err" ""

# Words, accents and case folded.
is "pasztor finds Pásztor" "$(ids pasztor)" "t-1953-0603 "
is "PÁSZTOR finds Pásztor" "$(ids PÁSZTOR)" "t-1953-0603 "
is "all words must match" "$(ids supplies draft)" "t-1950-0701 "
is "a phrase" "$(ids '"draft reply"')" "t-1950-0701 "
is "a phrase in the wrong order" "$(ids '"reply draft"')" ""
is "a prefix" "$(ids 'suppl*')" "t-1950-0630 t-1950-0701 "
is "excluding a word" "$(ids supplies -draft)" "t-1950-0630 "
is "OR" "$(ids hungarian OR harvests)" "t-1953-0603 t-1956 "
is "Cyrillic" "$(ids переговорах)" "t-1974-1221 "

# Field terms.
is "person:" "$(ids 'person:"Terentii Shtykov"')" "t-1950-0625 t-1950-0630 "
is "place:" "$(ids place:hungary)" "t-1953-0603 "
is "subject:" "$(ids 'subject:"military aid"')" "t-1950-0630 t-1950-0701 "
is "collection:" "$(ids 'collection:"Other Papers"')" "t-1953-0603 t-1956 t-1974-1221 "
is "id:" "$(ids id:t-1956)" "t-1956 "
is "date:1950-06..1950-12 (a month-dated document overlaps)" "$(count date:1950-06..1950-12)" 4
is "date:..1950" "$(count date:..1950)" 4
is "date:1953.." "$(count date:1953..)" 3
is "date:1956" "$(ids date:1956)" "t-1956 "
is "date:1950-07" "$(ids date:1950-07)" "t-1950-0701 "
is "a year-dated document matches a month inside it" "$(ids date:1956-05)" "t-1956 "

# Filter options.
is "--person" "$(ids --person 'Terentii Shtykov')" "t-1950-0625 t-1950-0630 "
is "--place" "$(ids --place Hungary)" "t-1953-0603 "
is "--subject" "$(ids --subject 'Military aid')" "t-1950-0630 t-1950-0701 "
is "--collection" "$(ids --collection 'Other Papers')" "t-1953-0603 t-1956 t-1974-1221 "
is "--language" "$(ids --language Hungarian)" "t-1953-0603 "
is "--from and --to" "$(ids --from 1950-07 --to 1953)" "t-1950-0701 t-1950-12 t-1953-0603 "
is "--from a day" "$(ids --from 1953-06-03)" "t-1953-0603 t-1956 t-1974-1221 "
is "options and words together" "$(ids korea --from 1950-12 --to 1950-12)" "t-1950-12 "
is "two filters both apply" "$(ids --place 'Soviet Union' --person 'Joseph Stalin')" "t-1950-0701 "

run fonds search --from 19x0
is "a bad --from exits 2" "$rc" 2
is "a bad --from is quoted" "$err" 'fonds: --from: date "19x0" not understood (try 1950, 1950-06 or 1950-06-25)'
run fonds search --to yesterday
is "a bad --to exits 2" "$rc" 2
like "a bad --to is quoted" "$err" '--to: date "yesterday" not understood'

# Limits and order.
is "--limit 2" "$(fonds search --limit 2 | grep -c .)" 2
run fonds search --limit 2
is "an explicit --limit adds no note" "$err" ""
is "--sort rank keeps the matches" "$(fonds search supplies --sort rank --format csv | sed 1d | cut -d, -f1 | sort | tr '\n' ' ')" "t-1950-0630 t-1950-0701 "
run fonds search --sort rank
is "--sort rank without words falls back to date order" "$rc" 0

# Nothing found.
run fonds search zanzibar
is "nothing found exits 1" "$rc" 1
is "nothing found prints nothing on stdout" "$out" ""
is "nothing found is silent when stderr is not a terminal" "$err" ""
run fonds search zanzibar --format csv
is "nothing found in CSV: exit 1" "$rc" 1
is "nothing found in CSV: no header" "$out" ""

# Malformed queries.
run fonds search 'persn:Stalin'
is "unknown field exits 2" "$rc" 2
like "unknown field is quoted" "$err" '"persn:'
unlike "no SQL in the message" "$err" "SQL"
unlike "no sqlite in the message" "$err" "sqlite"
is "malformed query prints nothing on stdout" "$out" ""
run fonds search 'date:1950-13'
is "bad date term exits 2" "$rc" 2
like "bad date term is quoted" "$err" "1950-13"
unlike "bad date term: no SQL" "$err" "SQL"
for q in '"unclosed' 'a OR' 'OR' '(' 'NEAR(' '*' '"' 'a"b' '-' '^x' 'title:x' ':' '{x}' "'" 'AND' 'NOT x'; do
	run fonds search "$q"
	ok "query [$q] is an answer or a clear error (rc $rc)" test "$rc" -le 2
	unlike "query [$q]: no SQL error text" "$err" "SQL"
	unlike "query [$q]: no sqlite error text" "$err" "sqlite"
	unlike "query [$q]: no fts5 error text" "$err" "fts5"
done

# Formats.
run fonds search pasztor --format json
is "JSON exits 0" "$rc" 0
is "JSON: one line per document" "$(printf '%s\n' "$out" | grep -c .)" 1
like "JSON has the id" "$out" '"id":"t-1953-0603"'
like "JSON has the normalized date" "$out" '"date":"1953-06-03"'
like "JSON has the date as written" "$out" '"date_text":"June 3, 1953"'
like "JSON has the title in UTF-8" "$out" '"title":"Record of a Conversation with Ambassador Pásztor"'
like "JSON has the summary" "$out" '"summary":"The Hungarian envoy reports'
like "JSON has the people" "$out" '"people":["János Pásztor"'
like "JSON has the places" "$out" '"places":["Hungary","North Korea"]'
run fonds search id:t-undated --format json
like "JSON: undated is null" "$out" '"date":null'
run fonds search --format json
is "JSON: every document" "$(printf '%s\n' "$out" | grep -c '^{"id":')" "$FIXTURE_DOCS"
run fonds search --format csv
is "CSV exits 0" "$rc" 0
is "CSV header" "$(printf '%s\n' "$out" | sed -n 1p)" "id,date,date_text,title,summary,text,people,places,subjects,collections,language,type,source,url,related"
is "CSV: a header and one record per document" "$(printf '%s\n' "$out" | grep -c .)" "$((FIXTURE_DOCS + 1))"
like "CSV: a quoted field" "$out" 't-1950-0625,1950-06-25,"June 25, 1950",Report on the First Day of Fighting,"An account of the clashes along the parallel on the first morning, and of the orders given that afternoon.",,Terentii Shtykov,Korea,Korean War,Test Collection,Russian'
like "CSV: lists joined with ;" "$out" ',Korea; Soviet Union,'

# The default limit, with a note on stderr.
i=0
while [ $i -lt 60 ]; do
	printf '{"id": "many-%d", "date": "1960-01-%02d", "title": "Many %d"}\n' $i $((i % 28 + 1)) $i
	i=$((i + 1))
done >"$tmp/many.jsonl"
DB=$tmp/many.db
fonds import "$tmp/many.jsonl" >/dev/null
run fonds search
is "default limit: 50 lines" "$(printf '%s\n' "$out" | grep -c .)" 50
like "default limit: a note on stderr" "$err" "showing the first 50 documents"
is "--limit 0 shows all" "$(fonds search --limit 0 | grep -c .)" 60
is "--limit 0 in JSON" "$(fonds search --limit 0 --format json | grep -c .)" 60
is "--limit 55" "$(fonds search --limit 55 | grep -c .)" 55
is "--limit 60 exactly" "$(fonds search --limit 60 2>&1 | grep -c .)" 60

# Snippets come from what a reader sees, never the hidden names column
# (issue 12: "Joseph Stalin ; Stalin ; I.V. Stalin ; ..." under a result).
DB=$tmp/x.db
run fonds search --format json fighting
like "a snippet from the summary or title with the match" "$out" '"snippet":"'
run fonds search --format json shtykov
first=$(printf '%s\n' "$out" | grep '"id":"t-1950-0625"')
unlike "found only by a name: no snippet of the names column" "$first" '"snippet":"Terentii'
like "found only by a name: the start of the summary" "$first" '"snippet":"An account of the clashes'
run fonds search --format json trucks
like "a match in the summary: its snippet" "$(printf '%s\n' "$out" | grep t-1950-0701)" '"snippet":"A draft answer promising part of the trucks'
run fonds search --format json supplies
like "a match in the title alone: the title" "$(printf '%s\n' "$out" | grep t-1950-0701)" '"snippet":"Draft Reply on the Supplies"'
done_testing
