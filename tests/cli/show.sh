#!/bin/sh
# show.sh - fonds show and fonds related, in every format; missing ids.
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

write_fixture "$tmp/f.jsonl"
fonds import "$tmp/f.jsonl" >/dev/null 2>&1

run fonds show t-1950-0630
is "show exits 0" "$rc" 0
is "show: the title first" "$(printf '%s\n' "$out" | sed -n 1p)" "Telegram from Shtykov Asking for Supplies"
like "show: the date as written and normalized" "$out" "Date:        June 30, 1950 (1950-06-30)"
like "show: the id" "$out" "ID:          t-1950-0630"
like "show: the language" "$out" "Language:    Russian"
like "show: the people" "$out" "People:      Terentii Shtykov"
like "show: the places" "$out" "Places:      Korea; Soviet Union"
like "show: the subjects" "$out" "Subjects:    Military aid"
like "show: the collections" "$out" "Collections: Test Collection"
like "show: the summary" "$out" "A request for ammunition, fuel and trucks for the advancing divisions."
like "show: the related documents" "$out" "Related:"
like "show: the linked document" "$out" "t-1950-0701"
is "show: nothing on stderr" "$err" ""

run fonds show t-undated
like "show: undated" "$out" "Date:        undated"
run fonds show t-1956
like "show: a year" "$out" "Date:        1956"
unlike "show: no repeated date when written normalized" "$out" "1956 (1956)"

run fonds show t-1950-0630 --format json
is "show --format json exits 0" "$rc" 0
is "show --format json is one line" "$(printf '%s\n' "$out" | grep -c .)" 1
like "show json: id" "$out" '{"id":"t-1950-0630","date":"1950-06-30","date_text":"June 30, 1950","title":"Telegram from Shtykov Asking for Supplies"'
like "show json: explicit links" "$out" '"related":["t-1950-0701"]'
like "show json: relations with reasons" "$out" '"relations":[{"kind":'
run fonds show t-1950-0630 --format csv
is "show --format csv: a header and one row" "$(printf '%s\n' "$out" | grep -c .)" 2
like "show csv: the link" "$out" ",t-1950-0701"

run fonds show no-such-id
is "show: missing id exits 1" "$rc" 1
is "show: missing id message" "$err" 'fonds: no document with id "no-such-id"'
is "show: missing id prints nothing on stdout" "$out" ""
run fonds show "$(printf 'evil\033[2Jid')"
is "show: missing id with an escape exits 1" "$rc" 1
ok "show: the escape is not echoed raw" sh -c '! printf "%s" "$1" | grep -q "$(printf "\\033")"' sh "$err"

# related
run fonds related t-1950-0630
is "related exits 0" "$rc" 0
like "related: the linked document" "$out" "t-1950-0701"
like "related: kind, date, id and title on one line" "$out" "1950-07-01  t-1950-0701  Draft Reply on the Supplies"
ok "related: a reason under each" sh -c 'printf "%s\n" "$1" | grep -q "^    [^ ]"' sh "$out"
run fonds related t-1950-0701
like "related: links go both ways" "$out" "t-1950-0630"
run fonds related t-1950-0630 --format json
is "related json: exit 0" "$rc" 0
like "related json: fields" "$out" '"id":"t-1950-0701","date":"1950-07-01","title":"Draft Reply on the Supplies","reason":'
like "related json: kind" "$out" '{"kind":"'
run fonds related t-1950-0630 --format csv
is "related csv: header" "$(printf '%s\n' "$out" | sed -n 1p)" "kind,strength,id,date,title,reason"
like "related csv: row" "$out" "t-1950-0701,1950-07-01,Draft Reply on the Supplies"
run fonds related nope
is "related: missing id exits 1" "$rc" 1
like "related: missing id message" "$err" 'no document with id "nope"'

DB=$tmp/one.db
printf '{"id": "solo", "date": "1960", "title": "Alone"}\n' >"$tmp/one.jsonl"
fonds import "$tmp/one.jsonl" >/dev/null
run fonds related solo
is "related: none exits 1" "$rc" 1
is "related: none prints nothing" "$out" ""
run fonds show solo
is "show of a document without relations exits 0" "$rc" 0
unlike "show: no Related: section when there are none" "$out" "Related:"

done_testing
