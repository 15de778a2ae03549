#!/bin/sh
# browse_related.sh - the 27 September 1950 telegram to Stalin lists the 30
# September draft reply among its related documents; Enter opens it and
# Backspace returns; [ and ] step through time.
. "${FONDS_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_init

e2e_start 100 30
e2e_wait ' list  1/44'
e2e_keys :
e2e_type 'goto 1950-09-27'
e2e_keys Enter
e2e_wait ' list  5/44'
ok_status $? ":goto 1950-09-27 selects the telegram (5/44)"
e2e_keys Enter
e2e_wait '^1950-09-27.*│ Telegram from Matveyev'
ok_status $? "Enter opens the telegram from Matveyev to Stalin"
e2e_screen | grep -q 'Related documents ([0-9]*)'
ok_status $? "its detail has a related section"
e2e_screen | grep -q '1950-09-30  Draft Telegram from Chanfu'
ok_status $? "listing the 30 September draft reply"

e2e_keys r
e2e_wait '^Related to 1950-09-27'
ok_status $? "r lists the related documents"
# select the draft reply: rows are two lines, the first at line 2
line=$(e2e_screen | grep -n '^1950-09-30 .*Draft Telegram from Chan' | head -n 1 | cut -d: -f1)
[ -n "$line" ]
ok_status $? "the draft reply is in the list (line $line)"
i=2
while [ -n "$line" ] && [ "$i" -lt "$line" ]; do
	e2e_keys j
	i=$((i + 2))
done
e2e_screen | grep -n 'links to this document\|reply' | head -n 1 | grep -q .
ok_status $? "with its reason"
e2e_keys Enter
e2e_wait '│ Draft Telegram from Chanfu \(Bulganin\)'
ok_status $? "Enter opens the draft reply"
e2e_wait ' document '
ok_status $? "in the document view"
e2e_keys BSpace
e2e_wait '^Related to 1950-09-27'
ok_status $? "Backspace returns to the related list"
e2e_keys BSpace
e2e_wait '│ Telegram from Matveyev'
ok_status $? "Backspace again: the telegram"
e2e_keys L
e2e_wait '^Related to 1950-09-27'
ok_status $? "L goes forward again"
e2e_keys L
e2e_wait '│ Draft Telegram from Chanfu'
ok_status $? "and forward to the reply"

e2e_keys ']'
e2e_wait '│ Telegram from Vyshinsky'
ok_status $? "] steps to the next document in time (1 October 1950)"
e2e_keys '[' '['
e2e_wait '│ Ciphered Telegram, Shtykov'
ok_status $? "[ [ steps back two"
e2e_keys H
e2e_wait '│ Draft Telegram from Chanfu'
ok_status $? "H goes back too"

# from the list, in a narrow terminal: the views replace each other
e2e_keys Q
e2e_exited >/dev/null
e2e_start 80 24
e2e_wait ' document  9/44'
ok_status $? "80x24: the session resumes in the document read last (the reply, 9/44)"
e2e_keys q
e2e_wait ' list  9/44'
ok_status $? "q: the list, on it"
e2e_keys k k k k
e2e_keys Enter
e2e_wait '^ Telegram from Matveyev'
ok_status $? "Enter: the telegram fills the screen"
e2e_keys r
e2e_wait '^Related to 1950-09-27'
ok_status $? "r: the related list fills the screen"
e2e_keys q q
e2e_wait ' list  5/44'
ok_status $? "q q: back to the list"
e2e_keys Q
st=$(e2e_exited)
[ "$st" = 0 ]
ok_status $? "quits ($st)"

done_testing
