#!/bin/sh
# browse_first_run.sh - the first run: with no database at the default
# path the browser creates one with the sample collection and says so on
# its status line (the notice went to stderr, behind the screen), with
# how to import one's own files, whole at 80x24 and at a wide size.
. "${FONDS_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_init

E2E_DBOPT=
for size in "80 24" "200 50"; do
	set -- $size
	home="$e2e_tmp/home-$1"
	e2e_start "$1" "$2" "XDG_DATA_HOME='$home/data'" "XDG_STATE_HOME='$home/state'"
	e2e_wait ' list  1/44'
	ok_status $? "$1x$2: the first run opens the new database's list"
	e2e_screen | grep -Eq '^ list .*44 sample documents loaded; to add your own: fonds import FILE *$'
	ok_status $? "$1x$2: the status line says it loaded the sample, and how to add one's own"
	e2e_keys q
	[ "$(e2e_exited)" = 0 ]
	ok_status $? "$1x$2: q quits"
	[ ! -s "$e2e_tmp/stderr" ]
	ok_status $? "$1x$2: nothing was written behind the screen"
	[ -f "$home/data/fonds/fonds.db" ]
	ok_status $? "$1x$2: the database is at the default path"
done

# The second run says nothing of it.
e2e_start 80 24 "XDG_DATA_HOME='$e2e_tmp/home-80/data'" "XDG_STATE_HOME='$e2e_tmp/home-80/state'"
e2e_wait ' list  1/44'
ok_status $? "second run: the list"
e2e_screen | grep -q 'sample documents loaded'
[ $? -ne 0 ]
ok_status $? "second run: no notice"
e2e_keys q
e2e_exited >/dev/null

done_testing
