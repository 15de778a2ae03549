#!/bin/sh
# browse_list.sh - the first screen, moving, opening, help, quitting, and
# every TERM the browser promises to work with.
. "${FONDS_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_init

e2e_start 100 30
e2e_wait ' list  1/44'
ok_status $? "the browser starts on the list, at 1/44"
s=$(e2e_screen)
echo "$s" | grep -q '^1949-09-24 '
ok_status $? "the first screen lists the 1949 document"
[ "$(echo "$s" | grep -c '^1950-')" -ge 10 ]
ok_status $? "and the 1950 documents"
echo "$s" | grep -q 'Politburo Decision to Confirm'
ok_status $? "the first document is shown beside the list"
echo "$s" | tail -n 1 | grep -q 'Enter open.*/ search'
ok_status $? "a one-line key hint"

e2e_keys j j
e2e_wait ' list  3/44'
ok_status $? "j j: position 3/44"
e2e_keys G
e2e_wait ' list  44/44'
ok_status $? "G: the last document, 44/44"
e2e_screen | grep -q '^undated '
ok_status $? "the undated document is last"
e2e_keys g
e2e_wait ' list  1/44'
ok_status $? "g: back to the first"
e2e_keys Space
e2e_wait ' list  17/44'
ok_status $? "Space pages down (to the last screen: 17/44)"

e2e_keys g Enter
e2e_wait ' document  1/44'
ok_status $? "Enter opens the document"
e2e_screen | grep -q 'Marks       read'
ok_status $? "and marks it read"
e2e_keys q
e2e_wait ' list  1/44'
ok_status $? "q closes it"
e2e_screen | grep -q '^1949-09-24 .✓'
ok_status $? "the list shows it read"

e2e_keys '?'
e2e_wait 'Keys in every view'
ok_status $? "? shows help"
e2e_screen | grep -q 'j, Down, C-n  *Move down'
ok_status $? "generated from the keymap"
e2e_keys q
e2e_wait ' list  1/44'
ok_status $? "q closes help"

e2e_keys m
e2e_wait 'Bookmarked'
ok_status $? "m bookmarks"
e2e_keys q
st=$(e2e_exited)
ok_status $? "q at the list quits"
[ "$st" = 0 ]
ok_status $? "with status 0 ($st)"
[ ! -s "$e2e_tmp/stderr" ]
ok_status $? "and nothing on stderr"

# the last position is restored
e2e_start 100 30
e2e_wait ' list  1/44'
e2e_keys j j j j j
e2e_wait ' list  6/44'
e2e_keys Q
e2e_exited >/dev/null
e2e_start 100 30
e2e_wait ' list  6/44'
ok_status $? "the next start is back on the last document (6/44)"
e2e_keys Q
e2e_exited >/dev/null

# SIGTERM and SIGHUP: the position is saved, the process ends cleanly
e2e_start 100 30
e2e_wait ' list  6/44'
e2e_keys j j
e2e_wait ' list  8/44'
pid=$(pgrep -n -f "^$FONDS_BIN --db $db" 2>/dev/null || true)
if [ -n "$pid" ]; then
	kill -TERM "$pid"
	st=$(e2e_exited)
	[ "$st" = 0 ]
	ok_status $? "SIGTERM ends it cleanly ($st)"
	e2e_start 100 30
	e2e_wait ' list  8/44'
	ok_status $? "having saved the position"
	pid=$(pgrep -n -f "^$FONDS_BIN --db $db" 2>/dev/null || true)
	kill -HUP "$pid"
	st=$(e2e_exited)
	[ "$st" != none ]
	ok_status $? "SIGHUP ends it ($st)"
else
	skip "pgrep cannot find the process"
fi

# every terminal type promised, with and without colour
for term in xterm-256color screen tmux-256color vt100 linux; do
	for nc in "" 1; do
		e2e_start 80 24 TERM=$term NO_COLOR=$nc
		e2e_wait ' list  [0-9]+/44'
		ok_status $? "TERM=$term NO_COLOR=$nc: the list"
		e2e_keys Enter
		e2e_wait ' document '
		ok_status $? "TERM=$term NO_COLOR=$nc: a document"
		e2e_keys q q
		st=$(e2e_exited)
		[ "$st" = 0 ]
		ok_status $? "TERM=$term NO_COLOR=$nc: quits cleanly ($st)"
	done
done

# a non-UTF-8 locale still runs, and shows no raw UTF-8
e2e_start 100 30 LC_ALL=C LANG=C
e2e_wait ' list  [0-9]+/44'
ok_status $? "LC_ALL=C: the list"
e2e_keys Q
e2e_exited >/dev/null

done_testing
