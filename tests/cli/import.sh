#!/bin/sh
# import.sh - fonds import: formats, summaries, re-import, stdin, and every
# kind of bad input (each rejected whole, the database unchanged).
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

write_fixture "$tmp/f.jsonl"

run fonds import "$tmp/f.jsonl"
is "import exits 0" "$rc" 0
is "import summary" "$out" "$FIXTURE_DOCS new, 0 merged, 0 rejected"
is "import is quiet on stderr when not a terminal" "$err" ""
is "all documents are in" "$(doc_count)" "$FIXTURE_DOCS"

run fonds import "$tmp/f.jsonl"
is "re-import exits 0" "$rc" 0
like "re-import adds nothing" "$out" "0 new, 0 merged, 0 rejected"
is "re-import leaves the count" "$(doc_count)" "$FIXTURE_DOCS"

# A record seen again with more fields is merged, not duplicated.
cat >"$tmp/more.jsonl" <<'JSON'
{"id": "t-1950-0701", "date": "July 1, 1950", "title": "Draft Reply on the Supplies", "text": "The full text of the draft, which the fixture did not have."}
JSON
run fonds import "$tmp/more.jsonl"
is "merge exits 0" "$rc" 0
like "merge is counted" "$out" "0 new, 1 merged"
is "merge adds no document" "$(doc_count)" "$FIXTURE_DOCS"
run fonds show t-1950-0701
like "merged record gained its text" "$out" "which the fixture did not have"

# Standard input.
rm -f "$DB"
run sh -c 'cat "$1" | "$FONDS_BIN" --db "$2" import -' sh "$tmp/f.jsonl" "$DB"
is "import - exits 0" "$rc" 0
is "import - reads standard input" "$out" "$FIXTURE_DOCS new, 0 merged, 0 rejected"
run sh -c 'cat "$1" | "$FONDS_BIN" --db "$2" import --format json -' sh "$tmp/f.jsonl" "$DB"
like "import --format json - re-reads it" "$out" "0 new"

# CSV, and a page of search results.
cat >"$tmp/c.csv" <<'CSV'
id,date,title,summary,people,places
c-1,1951-03-02,"Minutes, with a comma","A ""quoted"" word and
a second line",Kim Il Sung; Peng Dehuai,Korea; China
c-2,March 1951,Second CSV Record,Plain summary,,
CSV
run fonds import "$tmp/c.csv"
is "CSV import exits 0" "$rc" 0
is "CSV import summary" "$out" "2 new, 0 merged, 0 rejected"
run fonds show c-1 --format json
like "CSV quotes and commas survive" "$out" '"title":"Minutes, with a comma"'
like "CSV doubled quotes and line breaks survive" "$out" '"summary":"A \"quoted\" word and\na second line"'
like "CSV lists are split at ;" "$out" '"people":["Kim Il Sung","Peng Dehuai"]'

cat >"$tmp/p.txt" <<'PAGE'
Skip to content

1 - 2 of 2

March 5, 1952

A Page Record Title

A summary paragraph of the page record.

April 1952

Another Page Record

Another summary.

Pagination
PAGE
run fonds import --format page "$tmp/p.txt"
is "page import exits 0" "$rc" 0
is "page import summary" "$out" "2 new, 0 merged, 0 rejected"
base=$(doc_count)

# --- bad input: each file is rejected whole; nothing changes ------------

# An empty file.
: >"$tmp/empty.jsonl"
run fonds import "$tmp/empty.jsonl"
is "empty file: exit 0" "$rc" 0
is "empty file: the summary" "$out" "0 new, 0 merged, 0 rejected"
like "empty file: a warning" "$err" "empty.jsonl: warning: no records found"
is "empty file: nothing added" "$(doc_count)" "$base"
: >"$tmp/empty.txt"
run fonds import "$tmp/empty.txt"
is "empty page file: exit 0" "$rc" 0
printf '\n\n   \n' >"$tmp/blank.csv"
run fonds import "$tmp/blank.csv"
ok "blank CSV: no crash (exit 0 or 2)" test "$rc" -eq 0 -o "$rc" -eq 2
run fonds import --strict "$tmp/empty.jsonl"
is "empty file with --strict: fails" "$rc" 2
is "empty files: nothing added" "$(doc_count)" "$base"

# A binary file.
printf '\177ELF\002\001\001\000\000\000binary\000stuff\n' >"$tmp/bin.txt"
run fonds import "$tmp/bin.txt"
is "binary file exits 2" "$rc" 2
like "binary file: the message names the file" "$err" "$tmp/bin.txt"
like "binary file: the summary says a file failed" "$out" "(1 file failed)"
is "binary file: nothing added" "$(doc_count)" "$base"

# A truncated JSON line after good ones: the whole file is rejected.
{ cat <<'JSON'
{"id": "tr-1", "date": "1960", "title": "Good line one", "summary": "x"}
{"id": "tr-2", "date": "1961", "title": "Good line two", "summary": "y"}
JSON
printf '{"id": "tr-3", "date": "1962", "title": "Cut off in the mid'; } >"$tmp/trunc.jsonl"
run fonds import "$tmp/trunc.jsonl"
is "truncated JSON exits 2" "$rc" 2
like "truncated JSON: position of the error" "$err" "trunc.jsonl:3"
is "truncated JSON: count before == after" "$(doc_count)" "$base"
run fonds show tr-1
is "truncated JSON: its good lines were rolled back" "$rc" 1

# A CSV row with a missing column.
printf 'id,title,summary\nm-1,One,Fine\nm-2,Two\n' >"$tmp/missing.csv"
run fonds import "$tmp/missing.csv"
is "CSV missing column exits 2" "$rc" 2
like "CSV missing column: the line is named" "$err" "missing.csv:3"
is "CSV missing column: nothing added" "$(doc_count)" "$base"

# Invalid UTF-8 is repaired, not fatal.
printf '{"id": "u-1", "date": "1955", "title": "Bad \377\376 bytes", "summary": "Latin-1 caf\351"}\n' >"$tmp/utf8.jsonl"
run fonds import "$tmp/utf8.jsonl"
is "invalid UTF-8: imported (repaired)" "$rc" 0
run fonds export
ok "invalid UTF-8: the export is valid UTF-8" sh -c 'printf "%s" "$1" | iconv -f UTF-8 -t UTF-8 >/dev/null' sh "$out"
like "invalid UTF-8: bytes became U+FFFD" "$out" "Bad �"
base=$(doc_count)

# A 10 MB field.
{ printf '{"id": "big-1", "date": "1957", "title": "A huge summary", "summary": "'
  head -c 10485760 /dev/zero | tr '\0' 'a'
  printf '"}\n'; } >"$tmp/big.jsonl"
run fonds import "$tmp/big.jsonl"
ok "10 MB field: no crash (exit 0 or 2)" test "$rc" -eq 0 -o "$rc" -eq 2
if [ "$rc" -eq 0 ]; then
	is "10 MB field: one more document" "$(doc_count)" "$((base + 1))"
	run fonds show big-1 --format json
	ok "10 MB field: shown whole" test "${#out}" -gt 10485760
	base=$(doc_count)
else
	is "10 MB field: rejected whole" "$(doc_count)" "$base"
	skip "10 MB field was rejected"
fi

# A record with nothing to show is rejected with a warning.
cat >"$tmp/unusable.jsonl" <<'JSON'
{"id": "ok-1", "date": "1958", "title": "A usable record"}
{"id": "bad-1", "date": "1958", "people": ["Nobody"]}
JSON
run fonds import "$tmp/unusable.jsonl"
is "unusable record: exit 0" "$rc" 0
is "unusable record: counted as rejected" "$out" "1 new, 0 merged, 1 rejected"
like "unusable record: warning with file and line" "$err" "unusable.jsonl:2: warning: record has no title, summary or text; skipped"
base=$(doc_count)

# --strict turns warnings into failures.
cat >"$tmp/strict.jsonl" <<'JSON'
{"id": "s-1", "date": "Febuary 3, 1950", "title": "A misspelt date"}
JSON
run fonds import --strict "$tmp/strict.jsonl"
is "--strict: a warning fails the file" "$rc" 2
like "--strict: the warning is shown" "$err" 'strict.jsonl:1: warning: date "Febuary 3, 1950" not understood'
like "--strict: says why it failed" "$err" "--strict"
is "--strict: nothing added" "$(doc_count)" "$base"
run fonds import "$tmp/strict.jsonl"
is "without --strict: imported" "$rc" 0
like "without --strict: still warned" "$err" "warning: date"
is "without --strict: one more" "$(doc_count)" "$((base + 1))"
run fonds import --strict "$tmp/unusable.jsonl"
is "--strict: an unusable record fails the file" "$rc" 2
base=$(doc_count)

# Several files: the good ones go in, the bad one is named, exit 2.
cat >"$tmp/g1.jsonl" <<'JSON'
{"id": "g-1", "date": "1959", "title": "Good file one"}
JSON
cat >"$tmp/g2.jsonl" <<'JSON'
{"id": "g-2", "date": "1959", "title": "Good file two"}
JSON
run fonds import "$tmp/g1.jsonl" "$tmp/bin.txt" "$tmp/no-such-file" "$tmp/g2.jsonl"
is "mixed files: exit 2" "$rc" 2
is "mixed files: summary counts the good ones" "$out" "2 new, 0 merged, 0 rejected (2 files failed)"
like "mixed files: the missing file is named" "$err" "no-such-file: cannot open"
is "mixed files: the good files are in" "$(doc_count)" "$((base + 2))"
run fonds import "$tmp"
is "a directory: exit 2" "$rc" 2

# The format is checked.
run fonds import --format xml "$tmp/g1.jsonl"
is "unknown --format exits 2" "$rc" 2
run fonds import --format csv "$tmp/f.jsonl"
is "JSON read as CSV fails" "$rc" 2

done_testing
