#!/bin/sh
# default-db.sh - with no database at the default path, fonds creates one
# and loads the bundled sample collection (44 documents).
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

: "${FONDS_DATADIR:=${FONDS_SRCDIR:-.}/share}"
export FONDS_DATADIR
if [ ! -f "$FONDS_DATADIR/sample.jsonl" ]; then
	skip_all "no sample collection in $FONDS_DATADIR"
fi
default=$XDG_DATA_HOME/fonds/fonds.db

run "$FONDS_BIN" stats --format json
is "first run exits 0" "$rc" 0
is "first run says it created the DB" "$err" "fonds: created DB with the sample collection (44 documents)"
ok "the database is at the default path" test -f "$default"
like "the sample is loaded" "$out" '"documents":44,'
like "one undated" "$out" '"undated":1,'
like "the sample's first date" "$out" '"first_date":"1949-09-24"'
like "the sample's last date" "$out" '"last_date":"1974-12-21"'
run "$FONDS_BIN" stats --format json
is "second run says nothing" "$err" ""
like "second run: the same database" "$out" '"documents":44,'
run "$FONDS_BIN" search pasztor
is "the sample can be searched" "$rc" 0
run "$FONDS_BIN" related "$(printf '%s\n' "$("$FONDS_BIN" export --format csv | sed 1d | cut -d, -f1)" | head -1)"
ok "related works on the sample (exit 0 or 1)" test "$rc" -le 1

# $FONDS_DB names the default path too.
FONDS_DB=$tmp/env.db "$FONDS_BIN" search >/dev/null 2>"$tmp/e"
like "FONDS_DB: created with the sample" "$(cat "$tmp/e")" "created DB with the sample collection"
ok "FONDS_DB: the file exists" test -f "$tmp/env.db"

# A search is the first command: the same.
run env XDG_DATA_HOME="$tmp/data2" "$FONDS_BIN" search --limit 3
is "search on a fresh default path exits 0" "$rc" 0
is "search on a fresh default path lists the sample" "$(printf '%s\n' "$out" | grep -c .)" 3
like "search on a fresh default path: the message" "$err" "created DB with the sample collection (44 documents)"

# An import as the first command starts the database with the user's data.
write_fixture "$tmp/f.jsonl"
run env XDG_DATA_HOME="$tmp/data3" "$FONDS_BIN" import "$tmp/f.jsonl"
is "import on a fresh default path exits 0" "$rc" 0
is "import on a fresh default path: only the user's documents" "$out" "$FIXTURE_DOCS new, 0 merged, 0 rejected"
ok "import on a fresh default path created it" test -f "$tmp/data3/fonds/fonds.db"

# An explicit --db is never filled with the sample.
run "$FONDS_BIN" --db "$tmp/explicit.db" search
is "--db to a missing file: exit 2" "$rc" 2
ok "--db to a missing file: not created" test ! -e "$tmp/explicit.db"

done_testing
