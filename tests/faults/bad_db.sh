#!/bin/sh
# bad_db.sh - files that are not (our) databases: a text file, random
# bytes, a directory, an SQLite database of another program, a database
# from a newer fonds, a truncated one and ones with damaged pages. Each
# gives one clear message saying what is wrong and what to do, exits 2,
# never crashes, and never changes a file it does not understand; the
# browser either reads what it can or says what is wrong.
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_dbtool
need_ptyrun

"$FONDS_BIN" --db "$tmp/good.db" import "$FONDS_DATADIR/sample.jsonl" >/dev/null 2>&1
is "a good database to spoil" "$(doc_count "$tmp/good.db")" 44

printf 'exit %d\n' $((10 * SLOW)) >"$tmp/wait"
printf 'settle 400\nkeys jj\\r\nsettle 200\nkeys Gqtq\nsettle 200\nkeys f\nsettle 200\nkeys Q\nexit %d\n' \
	$((10 * SLOW)) >"$tmp/browse"

# refused NAME FILE PATTERN: every command and the browser refuse FILE
# with a message containing PATTERN, and leave it as it was.
refused() {
	name=$1 file=$2 pat=$3
	sum=$(cksum <"$file" 2>/dev/null)
	bad=
	for cmd in "stats" "search korea" "show x" "import $FONDS_SRCDIR/tests/data/import/basic.csv"; do
		# shellcheck disable=SC2086
		run "$FONDS_BIN" --db "$file" $cmd
		[ "$rc" -eq 2 ] || bad="$bad $cmd: status $rc;"
		case $err in
		*"$pat"*) ;;
		*) bad="$bad $cmd: $err;" ;;
		esac
		[ "$(printf '%s\n' "$err" | grep -c 'fonds:')" -le 2 ] ||
			bad="$bad $cmd: more than one message;"
	done
	ok "$name: every command refuses it with a clear message" [ -z "$bad" ]
	[ -z "$bad" ] || echo "#  $bad"
	like "$name: the message says what is wrong" "$err" "$pat"
	"$PTYRUN" run -o "$tmp/$name.raw" -t $((20 * SLOW)) "$tmp/wait" -- \
		"$FONDS_BIN" --db "$file" >/dev/null 2>&1
	st=$?
	is "$name: the browser does not start (status $st)" "$st" 2
	like "$name: and says why" "$(cat "$tmp/$name.raw")" "$pat"
	[ -d "$file" ] || is "$name: the file is unchanged" "$(cksum <"$file")" "$sum"
}

cp "$FONDS_SRCDIR/README" "$tmp/text.db"
refused text "$tmp/text.db" "is not a fonds database (or it is damaged); give another file with --db"
awk 'BEGIN { srand(6); for (i = 0; i < 20000; i++) printf "%c", int(rand() * 255) + 1 }' >"$tmp/random.db"
refused random "$tmp/random.db" "is not a fonds database"
mkdir "$tmp/dir.db"
refused directory "$tmp/dir.db" "is a directory, not a database file"
"$DBTOOL" sql "$tmp/other.db" "CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT); INSERT INTO accounts VALUES (1, 'someone')"
refused other "$tmp/other.db" "is an SQLite database of another program, not a fonds database; nothing was changed"
is "another program's database keeps its own tables only" \
	"$("$DBTOOL" sql "$tmp/other.db" "SELECT group_concat(name) FROM sqlite_master")" "accounts"
is "and its journal mode" "$("$DBTOOL" sql "$tmp/other.db" "PRAGMA journal_mode")" "delete"
cp "$tmp/good.db" "$tmp/newer.db"
"$DBTOOL" sql "$tmp/newer.db" "PRAGMA user_version = 99"
refused newer "$tmp/newer.db" "was written by a newer fonds (schema 99; this fonds knows "
sz=$(wc -c <"$tmp/good.db")
head -c $((sz / 2)) "$tmp/good.db" >"$tmp/half.db"
refused truncated "$tmp/half.db" "is not a fonds database (or it is damaged)"

# Damaged pages: every command either works or says the file is damaged
# (and what to do); none crashes; the browser quits normally.
pages=$((sz / 4096))
for p in 1 2 3 5 8 13 21 34 55 $((pages - 1)); do
	[ "$p" -lt "$pages" ] || continue
	f=$tmp/page$p.db
	cp "$tmp/good.db" "$f"
	dd if="$FONDS_SRCDIR/README" of="$f" bs=4096 seek=$p count=1 conv=notrunc 2>/dev/null
	bad=
	for cmd in "stats" "search korea" "search" "show kr-1950-0930-b" "related kr-1950-0930-b" \
	           "timeline" "people" "export" "export --format csv"; do
		# shellcheck disable=SC2086
		run "$FONDS_BIN" --db "$f" $cmd
		case $rc in
		0 | 1) ;;
		2)
			case $err in
			*"is damaged or not a fonds database"*"restore it from a backup"* | \
			*"is not a fonds database (or it is damaged)"*) ;;
			*) bad="$bad $cmd: $err;" ;;
			esac ;;
		*) bad="$bad $cmd: status $rc;" ;;
		esac
	done
	ok "page $p damaged: every command works or says it is damaged" [ -z "$bad" ]
	[ -z "$bad" ] || echo "#  $bad"
	"$PTYRUN" run -o "$tmp/page$p.raw" -t $((30 * SLOW)) "$tmp/browse" -- \
		"$FONDS_BIN" --db "$f" >/dev/null 2>&1
	st=$?
	[ "$st" -eq 0 ] || [ "$st" -eq 2 ]
	ok "page $p damaged: the browser reads what it can and ends normally ($st)" [ $? -eq 0 ]
done

done_testing
