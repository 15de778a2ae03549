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
is "one row per year of the span" "$(printf '%s\n' "$out" | sed 1d | grep -c .)" 25
is "the first year" "$(printf '%s\n' "$out" | sed -n 2p)" "1950,4"

run fonds timeline
is "timeline text exits 0" "$rc" 0
like "text: a bar for 1950" "$out" "1950  ████"
ok "text: the longest bar ends with its count" sh -c 'printf "%s\n" "$1" | grep -q "^1950  █* 4$"' sh "$out"
ok "text: empty years have no bar" sh -c 'printf "%s\n" "$1" | grep -q "^1951  0$"' sh "$out"
ok "text: fits in 80 columns" test "$(max_width "$out")" -le 80
ok "text: the longest bar fills the line" test "$(max_width "$out")" -ge 75
run env LC_ALL=C "$FONDS_BIN" --db "$DB" timeline
ok "text: '#' bars when the locale is not UTF-8" sh -c 'printf "%s\n" "$1" | grep -q "^1950  #* 4$"' sh "$out"
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
is "query words: the span is the data's" "$(printf '%s\n' "$out" | grep -c ',1$')" 0
run fonds timeline --person 'Terentii Shtykov' --format csv
like "filters" "$out" "1950,2"
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
		keys=$out
		run fonds timeline --by "$by" --format csv "$q date:1900..2000"
		is "$q by $by: counted from keys as from documents" "$keys" "$out"
	done
done

done_testing
