#!/bin/sh
# notebook.sh - fonds excerpts (add, list, delete), fonds notebook in
# Markdown, Org and JSON, and the reader's data moved to another database
# with fonds export --user-data and fonds import --user-data.
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

SOURCE_DATE_EPOCH=1796212800
export SOURCE_DATE_EPOCH
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
DB=$tmp/n.db
write_fixture "$tmp/f.jsonl"
fonds import "$tmp/f.jsonl" >/dev/null 2>&1

# --- excerpts
run fonds excerpts
is "no excerpts: exit 1" "$rc" 1
run fonds excerpts add t-1950-0630 --page 12 "ammunition, fuel and trucks"
is "excerpts add exits 0" "$rc" 0
is "excerpts add says its number" "$out" "excerpt #1 saved"
run fonds excerpts add t-1950-0625 "the clashes along the parallel"
run fonds excerpts add t-1956 "# harvests"
run fonds excerpts add no-such "text"
is "an excerpt of an unknown document exits 2" "$rc" 2
run fonds excerpts add t-1956
is "an excerpt without text exits 2" "$rc" 2
run fonds excerpts
is "excerpts lists them" "$rc" 0
is "in date order" "$(printf '%s\n' "$out" | grep '^#' | cut -d' ' -f1 | tr '\n' ' ')" "#2 #1 #3 "
like "with the page" "$out" "Telegram from Shtykov Asking for Supplies, p. 12"
like "and the passage" "$out" "    ammunition, fuel and trucks"
run fonds excerpts person:Shtykov date:1950-06-30
is "excerpts of a query" "$(printf '%s\n' "$out" | grep -c '^#')" 1
run fonds excerpts --format json
like "excerpts in JSON" "$out" '"id":"t-1950-0630","title":"Telegram from Shtykov Asking for Supplies","page":"12","text":"ammunition, fuel and trucks"'
run fonds excerpts delete 3
is "excerpts delete exits 0" "$rc" 0
run fonds excerpts delete 3
is "deleting it again exits 2" "$rc" 2
like "and says so" "$err" "no excerpt #3"
run fonds search --format csv has:excerpt
is "has:excerpt" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1 | tr '\n' ' ')" "t-1950-0625 t-1950-0630 "

# --- the notebook
fonds note t-1950-0630 --set "Compare with the reply of July 1.
# not a heading
* not an org heading" >/dev/null
fonds tag t-1950-0630 +supply >/dev/null
run fonds notebook
is "notebook exits 0" "$rc" 0
is "notebook: documents with notes or excerpts, in date order" "$(printf '%s\n' "$out" | grep -c '^## ')" 2
like "notebook: a heading with the date" "$out" "## Telegram from Shtykov Asking for Supplies (1950-06-30)"
like "notebook: the citation" "$out" "“Telegram from Shtykov Asking for Supplies,” June 30, 1950."
like "notebook: the note" "$out" "Compare with the reply of July 1."
like "notebook: a # in a note is not a heading" "$out" '\# not a heading'
like "notebook: the excerpt quoted with its page" "$out" "> ammunition, fuel and trucks
>
> (p. 12)"
like "notebook: tags" "$out" "Tags: supply"
first=$(printf '%s\n' "$out" | grep '^## ' | head -1)
like "notebook: the earlier document first" "$first" "Report on the First Day"
run fonds notebook --format org
like "org: a heading" "$out" "* Telegram from Shtykov Asking for Supplies (1950-06-30)"
like "org: the id" "$out" ":ID:       t-1950-0630"
like "org: a quote block" "$out" "#+BEGIN_QUOTE
ammunition, fuel and trucks
(p. 12)
#+END_QUOTE"
like "org: a * in a note is escaped" "$out" ",* not an org heading"
run fonds notebook --format json tag:supply
is "json: one line per document" "$(printf '%s\n' "$out" | wc -l)" 1
like "json: the note and excerpts" "$out" '"note":"Compare with the reply of July 1.\n# not a heading\n* not an org heading","excerpts":[{"text":"ammunition, fuel and trucks","page":"12"'
run fonds notebook --format docx
is "an unknown notebook format exits 2" "$rc" 2
run fonds notebook date:1974
is "a notebook of nothing: exit 1" "$rc" 1
run fonds notebook tag:nosuch
is "notebook: an unknown tag exits 2" "$rc" 2

# --- the reader's data to another database
fonds mark read t-1950-0625 >/dev/null
fonds mark bookmark t-1956 >/dev/null
fonds note t-1950-0630 --append "Second thought." >/dev/null
fonds saved add supplies tag:supply >/dev/null
run fonds export --user-data
is "export --user-data exits 0" "$rc" 0
printf '%s\n' "$out" >"$tmp/u.json"
like "user data: keyed by document id" "$out" '"documents":{"t-1950-0625":{"read":'
like "user data: a saved search" "$out" '"saved":[{"name":"supplies","query":"tag:supply"'
like "user data: the note's versions" "$out" '"versions":[{"text":"Compare with the reply of July 1.'
run fonds export --user-data tag:x
is "--user-data with a query exits 2" "$rc" 2
# another database with the same documents and one of its own
DB2=$tmp/other.db
"$FONDS_BIN" --db "$DB2" import "$tmp/f.jsonl" >/dev/null 2>&1
"$FONDS_BIN" --db "$DB2" note t-1950-0625 --set "A note of the other machine." >/dev/null
run "$FONDS_BIN" --db "$DB2" import --user-data "$tmp/u.json"
is "import --user-data exits 0" "$rc" 0
like "import --user-data says what it added" "$out" " added, "
run "$FONDS_BIN" --db "$DB2" search --format csv is:read
is "marks came" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1)" "t-1950-0625"
run "$FONDS_BIN" --db "$DB2" note t-1950-0630
is "the note came" "$out" "Compare with the reply of July 1.
# not a heading
* not an org heading

Second thought."
run "$FONDS_BIN" --db "$DB2" note t-1950-0625
is "a note there is kept" "$out" "A note of the other machine."
run "$FONDS_BIN" --db "$DB2" search --format csv @supplies
is "the saved search and its tag came" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1)" "t-1950-0630"
# a round trip: the other database's data, less its own note, is ours
"$FONDS_BIN" --db "$DB2" note t-1950-0625 --delete >/dev/null
run "$FONDS_BIN" --db "$DB2" import --user-data "$tmp/u.json"
like "importing again adds nothing new" "$out" "0 added"
# (numbered anew in the other database)
"$FONDS_BIN" --db "$DB2" excerpts | sed 's/^#[0-9]*//' >"$tmp/x2"
fonds excerpts | sed 's/^#[0-9]*//' >"$tmp/x1"
ok "the excerpts round-trip" cmp -s "$tmp/x1" "$tmp/x2"
"$FONDS_BIN" --db "$DB2" notebook >"$tmp/nb2"
fonds notebook >"$tmp/nb1"
ok "the notebook round-trips" cmp -s "$tmp/nb1" "$tmp/nb2"
# documents the database does not hold are skipped, said
DB3=$tmp/small.db
head -2 "$tmp/f.jsonl" >"$tmp/two.jsonl"
"$FONDS_BIN" --db "$DB3" import "$tmp/two.jsonl" >/dev/null 2>&1
run "$FONDS_BIN" --db "$DB3" import --user-data "$tmp/u.json"
is "a database with fewer documents: exit 0" "$rc" 0
like "the others are skipped, said" "$out" "1 document not in this database skipped"
printf '{"not": "ours"}\n' >"$tmp/bad.json"
run "$FONDS_BIN" --db "$DB3" import --user-data "$tmp/bad.json"
is "a file of something else exits 2" "$rc" 2
like "and says so" "$err" "not a file of 'fonds export --user-data'"
printf '{"fonds_user_data":1,"documents":{"t-1950-0625":{"tags":[{"name":"bad tag"}]}}}\n' >"$tmp/badtag.json"
before=$("$FONDS_BIN" --db "$DB3" export --user-data)
run "$FONDS_BIN" --db "$DB3" import --user-data "$tmp/badtag.json"
is "a bad item exits 2" "$rc" 2
is "and imports nothing" "$("$FONDS_BIN" --db "$DB3" export --user-data)" "$before"
done_testing
