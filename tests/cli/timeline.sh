#!/bin/sh
# timeline.sh - fonds timeline: years, months, days, filters, formats.
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

write_fixture "$tmp/f.jsonl"
fonds import "$tmp/f.jsonl" >/dev/null 2>&1

run fonds timeline --format csv
is "timeline csv exits 0" "$rc" 0
is "timeline csv header" "$(printf '%s\n' "$out" | sed -n 1p)" "period,count"
like "1950 has four" "$out" "1950,4"
like "1953 has one" "$out" "1953,1"
like "empty years are shown" "$out" "1951,0"
like "1974 has one" "$out" "1974,1"
is "one row per year of the span" "$(printf '%s\n' "$out" | sed 1d | grep -vc undated)" 25
is "the first year" "$(printf '%s\n' "$out" | sed -n 2p)" "1950,4"

run fonds timeline
is "timeline text exits 0" "$rc" 0
like "text: a bar for 1950" "$out" "1950     ████"
ok "text: the longest bar ends with its count" sh -c 'printf "%s\n" "$1" | grep -q "^1950     █* 4$"' sh "$out"
ok "text: empty years have no bar" sh -c 'printf "%s\n" "$1" | grep -q "^1951     0$"' sh "$out"
ok "text: fits in 80 columns" test "$(max_width "$out")" -le 80
ok "text: the longest bar fills the line" test "$(max_width "$out")" -ge 75
run env LC_ALL=C "$FONDS_BIN" --db "$DB" timeline
ok "text: '#' bars when the locale is not UTF-8" sh -c 'printf "%s\n" "$1" | grep -q "^1950     #* 4$"' sh "$out"
run env COLUMNS=40 "$FONDS_BIN" --db "$DB" timeline
ok "text: bars scale to COLUMNS" test "$(max_width "$out")" -le 40

run fonds timeline --by month --from 1950-06 --to 1950-12 --format csv
is "by month exits 0" "$rc" 0
is "by month: every month of the span" "$(printf '%s\n' "$out" | sed 1d | tr '\n' ' ')" \
	"1950-06,2 1950-07,1 1950-08,0 1950-09,0 1950-10,0 1950-11,0 1950-12,1 "
run fonds timeline --by day --from 1950-06-29 --to 1950-07-01 --format json
is "by day in JSON" "$out" '{"period":"1950-06-29","count":0}
{"period":"1950-06-30","count":1}
{"period":"1950-07-01","count":1}'
run fonds timeline --by month --from 1956 --to 1956
like "a year-dated document is not put in a month" "$out" "dated only to the year"
run fonds timeline supplies --format csv
like "query words filter" "$out" "1950,2"
is "query words: the span is the result set's" "$(printf '%s\n' "$out" | sed 1d)" "1950,2"
run fonds timeline --person 'Terentii Shtykov' --format csv
like "filters" "$out" "1950,2"
is "filters: the span is the result set's" "$(printf '%s\n' "$out" | sed 1d)" "1950,2"

# The span is the date filter's where it has bounds, else that of the
# documents found (issue 12: it was always the whole collection's).
run fonds timeline --by month --format csv date:1950..1953
is "date filter by month: every month of its span" "$(printf '%s\n' "$out" | sed 1d | wc -l)" 48
is "date filter: the first month" "$(printf '%s\n' "$out" | sed -n 2p)" "1950-01,0"
is "date filter: the last month" "$(printf '%s\n' "$out" | tail -1)" "1953-12,0"
run fonds timeline --by month --format csv date:1950..1953 --from 1950-06
is "--from narrows a date filter" "$(printf '%s\n' "$out" | sed -n 2p)" "1950-06,2"
run fonds timeline --format csv 'date:1953..'
is "an open end: the last document found" "$(printf '%s\n' "$out" | sed 1d | tr '\n' ' ')" \
	"1953,1 1954,0 1955,0 1956,1 1957,0 1958,0 1959,0 1960,0 1961,0 1962,0 1963,0 1964,0 1965,0 1966,0 1967,0 1968,0 1969,0 1970,0 1971,0 1972,0 1973,0 1974,1 "
run fonds timeline --format csv person:Stalin
is "one person: their years only" "$(printf '%s\n' "$out" | sed 1d)" "1950,1"
run fonds timeline --by day --format csv shtykov
is "by day: the days of the documents found" "$(printf '%s\n' "$out" | sed 1d | sed -n '1p;$p' | tr '\n' ' ')" \
	"1950-06-25,1 1950-06-30,1 "

# The undated document is a line of its own (the header said 8 and the
# bars added up to 7); so are those too coarse for the level, in JSON and
# CSV (the text keeps its note).
run fonds timeline --format csv
is "csv: the undated line" "$(printf '%s\n' "$out" | tail -1)" "undated,1"
run fonds timeline --format json
is "json: the undated line" "$(printf '%s\n' "$out" | tail -1)" '{"period":"undated","count":1}'
run fonds timeline
ok "text: the undated line has a bar and its count" sh -c 'printf "%s\n" "$1" | grep -q "^undated  [█▏▎▍▌▋▊▉]* 1$"' sh "$out"
run fonds timeline --by month --format csv
like "csv by month: the year-dated document" "$out" "imprecise,1"
is "csv by month: undated last" "$(printf '%s\n' "$out" | tail -1)" "undated,1"
total=0
for n in $(printf '%s\n' "$out" | sed 1d | cut -d, -f2); do total=$((total + n)); done
is "csv by month: the lines add up to every document" "$total" "$FIXTURE_DOCS"
run fonds timeline --format csv liaison
is "only undated documents found: the undated line alone" "$out" "period,count
undated,1"
is "only undated documents found: exit 0" "$rc" 0
run fonds timeline --format csv -- -liaison
unlike "the undated document excluded: no undated line" "$out" "undated"
run fonds timeline zanzibar
is "nothing found exits 1" "$rc" 1
run fonds timeline 'persn:x'
is "malformed query exits 2" "$rc" 2
run fonds timeline --from never
is "bad --from exits 2" "$rc" 2

# The whole collection's counts come from the counts kept at import; a
# query that excludes nothing counts every document: both must agree, at
# every level, coarse dates included.
for by in year month day; do
	run fonds timeline --by "$by" --format csv
	kept=$out
	run fonds timeline --by "$by" --format csv -- -zzqxqzz
	is "by $by: kept counts equal counted ones" "$kept" "$out"
	run fonds timeline --by "$by"
	kept=$out
	run fonds timeline --by "$by" -- -zzqxqzz
	is "by $by: the same note on coarser dates" "$(printf '%s\n' "$kept" | tail -1)" "$(printf '%s\n' "$out" | tail -1)"
done

# A search or one name alone is counted from the index's keys (which hold
# the date); with a date condition too, from the documents: the same.
for q in shtykov 'person:"Terentii Shtykov"'; do
	for by in year month day; do
		run fonds timeline --by "$by" --format csv "$q"
		keys=$(printf '%s\n' "$out" | grep -v ',0$')
		run fonds timeline --by "$by" --format csv "$q date:1900..2000"
		is "$q by $by: counted from keys as from documents" "$keys" "$(printf '%s\n' "$out" | grep -v ',0$')"
	done
done

done_testing
