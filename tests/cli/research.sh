#!/bin/sh
# research.sh - the reader's data from the command line: fonds mark, tag,
# tags, saved, note (set, append, delete, history, the editor, recovery
# from a read-only or locked database), and the query terms that find
# them (is:, has:, tag:, note:, @NAME) with their errors.
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
DB=$tmp/r.db
write_fixture "$tmp/f.jsonl"
fonds import "$tmp/f.jsonl" >/dev/null 2>&1

# --- marks
run fonds mark read t-1950-0625 t-1956
is "mark read exits 0" "$rc" 0
is "mark read says how many" "$out" "2 documents marked read"
run fonds search --format csv is:read
is "is:read finds them" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1 | tr '\n' ' ')" "t-1950-0625 t-1956 "
run fonds mark unread t-1956
run fonds search is:read
is "mark unread" "$(printf '%s\n' "$out" | wc -l)" 1
run fonds search is:unread
is "is:unread: the others" "$(printf '%s\n' "$out" | wc -l)" 7
run fonds mark bookmark t-1950-0630
run fonds search is:bookmarked
like "mark bookmark" "$out" "t-1950-0630"
run fonds mark unbookmark t-1950-0630
run fonds search is:bookmarked
is "mark unbookmark: none left (exit 1)" "$rc" 1
run fonds mark read no-such-doc
is "mark: an unknown id exits 2" "$rc" 2
like "mark: an unknown id is named" "$err" 'no document with id "no-such-doc"'
run fonds mark frob t-1956
is "mark: an unknown mark exits 2" "$rc" 2
like "mark: the marks it knows" "$err" "use read, unread, bookmark or unbookmark"
run fonds search is:frobbed
is "is: with an unknown value exits 2" "$rc" 2
like "is: says what it takes" "$err" "is: takes read, unread or bookmarked"

# --- tags
run fonds tag t-1950-0625 t-1950-0630 +war +supply
is "tag exits 0" "$rc" 0
is "tag says what changed" "$out" "4 tags changed on 2 documents"
run fonds tag t-1950-0625 -supply
run fonds tags
is "tags lists them with counts" "$out" "     1  supply
     2  war"
run fonds tags --format json
like "tags in JSON" "$out" '{"tag":"war","documents":2}'
run fonds search --format csv tag:war -tag:supply
is "tag: and -tag:" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1)" "t-1950-0625"
run fonds search tag:nosuch
is "an unknown tag exits 2" "$rc" 2
like "an unknown tag is named" "$err" 'unknown tag "nosuch" (fonds tags lists them)'
run fonds tag t-1956 -nosuch
is "removing an unknown tag exits 2" "$rc" 2
like "removing an unknown tag says so" "$err" 'unknown tag "nosuch"'
run fonds tag t-1956 +'two words'
is "a tag with a space exits 2" "$rc" 2
run fonds tag t-1956
is "tag without tags exits 2" "$rc" 2

# --- saved searches
run fonds saved add war tag:war
is "saved add exits 0" "$rc" 0
run fonds saved add early date:..1950 @war
run fonds saved
is "saved lists them" "$out" "@early           date:..1950 @war
@war             tag:war"
run fonds search --format csv @early is:read
is "@NAME in a query" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1)" "t-1950-0625"
run fonds search @nosuch
is "an unknown saved search exits 2" "$rc" 2
like "an unknown saved search is named" "$err" "unknown saved search @nosuch (fonds saved lists them)"
run fonds saved add bad @nosuch
is "saving a search naming an unknown one exits 2" "$rc" 2
run fonds saved delete early
is "saved delete exits 0" "$rc" 0
run fonds saved delete early
is "deleting it again exits 2" "$rc" 2
like "deleting an unknown one says so" "$err" "unknown saved search @early"
run fonds saved add 'bad name' x
is "a name with a space exits 2" "$rc" 2

# --- notes
run fonds note t-1956
is "no note: exit 1" "$rc" 1
run fonds note t-1956 --set "Harvest figures look inflated."
is "note --set exits 0" "$rc" 0
run fonds note t-1956
is "note prints it" "$out" "Harvest figures look inflated."
run fonds note t-1956 --append "Compare with the 1957 report."
run fonds note t-1956
is "note --append adds a paragraph" "$out" "Harvest figures look inflated.

Compare with the 1957 report."
run fonds note t-1956 --history
is "history exits 0" "$rc" 0
like "history has the earlier version" "$out" "Harvest figures look inflated."
like "history says when" "$out" "--- version 1, written "
run fonds search --format csv note:inflated
is "note:WORDS" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1)" "t-1956"
run fonds search --format csv has:note
is "has:note" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1)" "t-1956"
run fonds note t-1956 --delete
is "note --delete exits 0" "$rc" 0
run fonds note t-1956
is "deleted" "$rc" 1
run fonds note t-1956 --history
is "the deleted note is among the versions" "$(printf '%s\n' "$out" | grep -c '^--- version')" 2
run fonds note t-1956 --set ""
is "an empty --set exits 2" "$rc" 2
run fonds note no-such --set x
is "a note on an unknown id exits 2" "$rc" 2

# --- the editor: a small script
cat >"$tmp/ed-ok" <<'SH'
#!/bin/sh
printf 'Written in the editor.\n' >"$1"
SH
cat >"$tmp/ed-fail" <<'SH'
#!/bin/sh
printf 'half a thought' >"$1"
exit 3
SH
cat >"$tmp/ed-same" <<'SH'
#!/bin/sh
exit 0
SH
cat >"$tmp/ed-kill" <<'SH'
#!/bin/sh
printf 'killed mid-sentence' >"$1"
kill -9 $$
SH
cat >"$tmp/ed-args" <<'SH'
#!/bin/sh
printf '%s|' "$@" >"$ED_ARGS"
printf 'args\n' >"$2"
SH
chmod +x "$tmp"/ed-*
run env VISUAL="$tmp/ed-ok" "$FONDS_BIN" --db "$DB" note t-1950-12 --edit
is "--edit exits 0" "$rc" 0
is "--edit says so" "$out" "note saved"
run fonds note t-1950-12
is "--edit saved the editor's text" "$out" "Written in the editor."
run env VISUAL="$tmp/ed-fail" "$FONDS_BIN" --db "$DB" note t-1950-12 --edit
is "a failing editor exits 2" "$rc" 2
like "a failing editor: said" "$err" "the editor exited with status 3: the note is unchanged"
like "what it wrote is kept" "$err" "$tmp/state/fonds/edit/t-1950-12.txt"
run fonds note t-1950-12
is "a failing editor changes nothing" "$out" "Written in the editor."
run fonds note t-1950-12 --edit
is "a left edit is not overwritten" "$rc" 2
run fonds note t-1950-12 --recover
is "--recover brings the left edit in" "$rc" 0
run fonds note t-1950-12
is "the recovered text" "$out" "half a thought"
run env VISUAL= EDITOR="$tmp/ed-same" "$FONDS_BIN" --db "$DB" note t-1950-12 --edit
is "EDITOR when VISUAL is empty; unchanged: exit 0" "$rc" 0
is "unchanged: said" "$out" "note unchanged"
run fonds note t-1950-12 --history
is "an unchanged edit adds no version" "$(printf '%s\n' "$out" | grep -c '^--- version')" 1
run env VISUAL="$tmp/ed-kill" "$FONDS_BIN" --db "$DB" note t-1950-12 --edit
is "a killed editor exits 2" "$rc" 2
like "a killed editor: said" "$err" "the editor: $tmp/ed-kill was killed (signal 9)"
run fonds note t-1950-12
is "a killed editor changes nothing" "$out" "half a thought"
rm -f "$tmp/state/fonds/edit/"*
ED_ARGS=$tmp/args
export ED_ARGS
run env VISUAL="$tmp/ed-args --flag" "$FONDS_BIN" --db "$DB" note 't-undated' --edit
is "the editor's words are split, the file is one argument" "$(cat "$tmp/args")" "--flag|$tmp/state/fonds/edit/t-undated.txt|"
run env VISUAL="$tmp/no-such-editor" "$FONDS_BIN" --db "$DB" note t-1956 --edit
is "a missing editor exits 2" "$rc" 2
like "a missing editor is named" "$err" "the editor: cannot run $tmp/no-such-editor"
# an id with characters a file name must not hold
printf '%s\n' '{"id": "../x y", "date": "1950", "title": "Odd id"}' >"$tmp/odd.jsonl"
fonds import "$tmp/odd.jsonl" >/dev/null 2>&1
run env VISUAL="$tmp/ed-ok" "$FONDS_BIN" --db "$DB" note '../x y' --edit
is "an odd id edits" "$rc" 0
ok "its file stays in the state directory" test ! -e "$tmp/state/fonds/x y.txt"

# --- a read-only database: the text goes to a recovery file
chmod 444 "$DB"
if [ "$(id -u)" = 0 ]; then
	skip "root writes read-only files"
else
	run fonds note t-1953-0603 --set "Written while read-only."
	is "read-only: exit 2" "$rc" 2
	like "read-only: said" "$err" "read-only"
	like "read-only: the recovery file is named" "$err" "$tmp/state/fonds/recover/t-1953-0603.txt"
	is "the recovery file holds the text" "$(cat "$tmp/state/fonds/recover/t-1953-0603.txt")" "Written while read-only."
	run env VISUAL="$tmp/ed-ok" "$FONDS_BIN" --db "$DB" note t-1974-1221 --edit
	is "read-only edit: exit 2" "$rc" 2
	ok "read-only edit: kept for recovery" test -s "$tmp/state/fonds/recover/t-1974-1221.txt"
	run fonds note t-1953-0603 --recover
	is "recover on a read-only database fails" "$rc" 2
	ok "and keeps the file" test -s "$tmp/state/fonds/recover/t-1953-0603.txt"
fi
chmod 644 "$DB"

# --- a locked database
if [ -x "$FONDS_BUILDDIR/tests/faults/dbtool" ]; then
	"$FONDS_BUILDDIR/tests/faults/dbtool" lock "$DB" 5 >/dev/null 2>&1 &
	lockpid=$!
	sleep 1
	run fonds note t-1950-0701 --set "Written while locked."
	is "locked: exit 2" "$rc" 2
	like "locked: said" "$err" "the database is busy"
	ok "locked: the recovery file" test -s "$tmp/state/fonds/recover/t-1950-0701.txt"
	kill "$lockpid" 2>/dev/null
	wait "$lockpid" 2>/dev/null
	run fonds note t-1950-0701 --recover
	is "--recover exits 0" "$rc" 0
	run fonds note t-1950-0701
	is "the recovered note" "$out" "Written while locked."
	ok "the recovery file is gone" test ! -e "$tmp/state/fonds/recover/t-1950-0701.txt"
	run fonds note t-1950-0701 --recover
	is "nothing more to recover: exit 2" "$rc" 2
else
	skip "no dbtool"
fi
done_testing
