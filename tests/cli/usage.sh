#!/bin/sh
# usage.sh - global options, help, unknown commands and options, exit codes.
. "${FONDS_SRCDIR:-.}/tests/cli/lib.sh"

run "$FONDS_BIN" --help
is "--help exits 0" "$rc" 0
like "--help prints usage on stdout" "$out" "Usage: fonds"
ok "--help fits in 80 columns" test "$(max_width "$out")" -le 80
for c in import search show related timeline export stats people person relate help; do
	like "--help lists $c" "$out" "  $c "
done
is "--help prints nothing on stderr" "$err" ""

run "$FONDS_BIN" --version
is "--version exits 0" "$rc" 0
like "--version names the program" "$out" "fonds "

for c in import search show related timeline export stats people person relate; do
	run "$FONDS_BIN" $c --help
	is "$c --help exits 0" "$rc" 0
	like "$c --help shows its usage" "$out" "Usage: fonds $c"
	like "$c --help mentions --db" "$out" "--db PATH"
done
run "$FONDS_BIN" search -h
is "search -h is help" "$rc" 0
run "$FONDS_BIN" help timeline
like "help COMMAND" "$out" "Usage: fonds timeline"
like "timeline help is generated from the option table" "$out" "--by PERIOD"

run "$FONDS_BIN" frobnicate
is "unknown command exits 2" "$rc" 2
like "unknown command is named" "$err" "unknown command 'frobnicate'"
is "unknown command prints nothing on stdout" "$out" ""

run "$FONDS_BIN" --frob
is "unknown global option exits 2" "$rc" 2
like "unknown global option is named" "$err" "--frob"

for c in import search show related timeline export stats people person relate; do
	run fonds $c --no-such-option
	is "$c: unknown option exits 2" "$rc" 2
	like "$c: unknown option is named" "$err" "unknown option '--no-such-option'"
done
run fonds import -x file
is "import: unknown short option exits 2" "$rc" 2
run fonds search --limit
is "option without its value exits 2" "$rc" 2
like "option without its value says so" "$err" "--limit needs a value"
run fonds search --limit=abc
is "bad --limit exits 2" "$rc" 2
like "bad --limit quotes the value" "$err" '"abc"'
run fonds search --format xml
is "unknown format exits 2" "$rc" 2
like "unknown format lists the choices" "$err" "text, json, csv"
run fonds export --format text
is "export has no text format" "$rc" 2
run fonds stats --format csv
is "stats has no csv format" "$rc" 2
run fonds timeline --by week
is "timeline --by week exits 2" "$rc" 2
run fonds search --sort size
is "search --sort size exits 2" "$rc" 2
run fonds show
is "show without an id exits 2" "$rc" 2
run fonds show a b
is "show with two ids exits 2" "$rc" 2
run fonds import
is "import without a file exits 2" "$rc" 2
like "import without a file says what to do" "$err" "no file given"

# A missing database given with --db is an error for the read-only commands.
for c in search stats export timeline "show x" "related x"; do
	run fonds $c
	is "$c on a missing --db exits 2" "$rc" 2
	like "$c on a missing --db names it" "$err" "no database at $DB"
done
ok "read-only commands did not create the database" test ! -e "$DB"

# The browser needs a terminal.
run "$FONDS_BIN" --db "$DB" </dev/null
is "no command without a terminal exits 2" "$rc" 2
like "no command without a terminal explains" "$err" "the browser needs a terminal"

# --db after the command, and --db=PATH.
write_fixture "$tmp/f.jsonl"
run "$FONDS_BIN" import --db "$DB" "$tmp/f.jsonl"
is "--db after the command" "$rc" 0
run "$FONDS_BIN" stats --db="$DB"
is "--db=PATH after the command" "$rc" 0
like "--db=PATH used the database" "$out" "documents    $FIXTURE_DOCS"
run "$FONDS_BIN" --db "$DB" search -- --from
unlike "after --, options are query words" "$err" "unknown option"

done_testing
