#!/bin/sh
# readonly.sh - a database file we cannot write, in a directory we cannot
# write, or both: one clear message for what cannot be done (import,
# bookmarks), and reading still works: stats, search, show and the
# browser (which says why it is read-only). The file is never changed.
# As root, the commands run as nobody (root may write anything).
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"

if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 || skip_all "setpriv is not installed"
	setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null ||
		skip_all "cannot run commands as nobody"
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
	OWNER=65534
else
	AS=
	OWNER=$(id -u)
fi
chmod 755 "$tmp"
U=$tmp/u
mkdir -p "$U/home" && chmod -R 777 "$U"

# as_user CMD...: run as the unprivileged user, with its own home.
as_user() {
	# shellcheck disable=SC2086
	env HOME="$U/home" XDG_CONFIG_HOME="$U/home/config" XDG_DATA_HOME="$U/home/data" \
		$AS "$@"
}

"$FONDS_BIN" --db "$tmp/base.db" import "$FONDS_DATADIR/sample.jsonl" >/dev/null 2>&1
is "a database to read ($tmp/base.db)" "$(doc_count "$tmp/base.db")" 44

# setup KIND: $D/db as KIND says; D is its directory.
setup() {
	D=$tmp/$1
	rm -rf "$D"
	mkdir -p "$D"
	cp "$tmp/base.db" "$D/db"
	chown "$OWNER" "$D" "$D/db" 2>/dev/null
	case $1 in
	file) chmod 444 "$D/db"; chmod 777 "$D" ;;
	dir) chmod 644 "$D/db"; chmod 555 "$D" ;;
	both) chmod 444 "$D/db"; chmod 555 "$D" ;;
	esac
	cksum <"$D/db" >"$tmp/$1.sum"
}

for kind in file dir both; do
	setup $kind
	case $kind in
	file) why="you have no write permission on the file" ;;
	*) why="its directory is read-only" ;;
	esac
	run as_user "$FONDS_BIN" --db "$D/db" stats --format json
	like "$kind: stats works" "$out" '"documents":44'
	is "$kind: stats says nothing on stderr" "$err" ""
	run as_user "$FONDS_BIN" --db "$D/db" search korea
	[ "$rc" -eq 0 ] && [ -n "$out" ]
	ok "$kind: search works" [ $? -eq 0 ]
	run as_user "$FONDS_BIN" --db "$D/db" show kr-1950-0930-b
	like "$kind: show works" "$out" "kr-1950-0930-b"
	run as_user "$FONDS_BIN" --db "$D/db" import "$FONDS_SRCDIR/tests/data/import/basic.csv"
	is "$kind: import fails" "$rc" 2
	like "$kind: import says why, once" "$err" "is read-only ($why): cannot import into it"
	is "$kind: one message" "$(printf '%s\n' "$err" | grep -c .)" 1
	unlike "$kind: no raw SQLite message" "$err" "attempt to write"
	is "$kind: the file is unchanged" "$(cksum <"$D/db")" "$(cat "$tmp/$kind.sum")"
	if [ "$kind" != file ]; then
		run as_user "$FONDS_BIN" --db "$D/new.db" import "$FONDS_SRCDIR/tests/data/import/basic.csv"
		like "$kind: a new database there: cannot create it, and why" "$err" \
			"cannot create $D/new.db: Permission denied"
	fi

	if have_tmux; then
		t_start $kind 100 30 "env HOME='$U/home' XDG_CONFIG_HOME='$U/home/config' XDG_STATE_HOME='$U/home/state' $AS '$FONDS_BIN' --db '$D/db' 2>'$tmp/$kind.err'"
		t_wait "$STATUS_RE"
		like "$kind: the browser says it is read-only and why" "$(t_screen)" "Read-only: $why"
		t_keys j Enter
		t_wait '^ document'
		ok "$kind: documents open" [ $? -eq 0 ]
		t_keys m
		t_wait 'read-only: nothing was saved'
		ok "$kind: a bookmark says it cannot be saved" [ $? -eq 0 ]
		t_keys q /
		t_type korea
		t_keys Enter
		t_wait ' list +1/[0-9]+ .*korea'
		ok "$kind: searching works" [ $? -eq 0 ]
		t_keys Q
		is "$kind: the browser quits cleanly" "$(t_exited $kind)" 0
		is "$kind: nothing on stderr" "$(cat "$tmp/$kind.err")" ""
		is "$kind: the file is still unchanged" "$(cksum <"$D/db")" "$(cat "$tmp/$kind.sum")"
	fi
done

# A read-only file system (a tmpfs mounted read-only; needs root).
R=$tmp/rofs
mkdir -p "$R"
if mount -t tmpfs -o size=4m fonds-faults "$R" 2>/dev/null; then
	trap 'umount "$R" 2>/dev/null; f_cleanup' EXIT
	cp "$tmp/base.db" "$R/db"
	mount -o remount,ro "$R" 2>/dev/null
	run "$FONDS_BIN" --db "$R/db" search korea
	[ "$rc" -eq 0 ] && [ -n "$out" ]
	ok "read-only file system: search works" [ $? -eq 0 ]
	run "$FONDS_BIN" --db "$R/db" import "$FONDS_SRCDIR/tests/data/import/basic.csv"
	like "read-only file system: import says why" "$err" \
		"is read-only (it is on a read-only file system): cannot import into it"
	umount "$R" 2>/dev/null
else
	skip "cannot mount a tmpfs here (needs root): no read-only file system"
fi

done_testing
