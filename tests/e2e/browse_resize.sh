#!/bin/sh
# browse_resize.sh - every view survives 40x10, 80x24, 200x60, a "too
# small" terminal, 1x1 and a storm of resizes, with a sane screen.
. "${FONDS_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_init

# sane: alive, the status line on the next-to-last line of the screen
sane() {
	want_lines=$1
	i=0
	while [ "$i" -lt 50 ]; do
		e2e_alive || return 1
		got=$(e2e_screen | grep -nE "$E2E_STATUS" | tail -n 1 | cut -d: -f1)
		[ "$got" = $((want_lines - 1)) ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

e2e_start 100 30
e2e_wait ' list  1/44'
ok_status $? "started"

for view in list document timeline related filters help person prompt; do
	case $view in
	person)
		# the first document's person (or the first of its people)
		e2e_keys p
		sleep 0.2
		e2e_screen | grep -q '─ People ─' && e2e_keys Enter
		;;
	document) e2e_keys Enter ;;
	timeline) e2e_keys t ;;
	related) e2e_keys r ;;
	filters) e2e_keys f ;;
	help) e2e_keys '?' ;;
	prompt) e2e_keys / ;;
	esac
	sleep 0.2
	for size in 40x10 80x24 200x60 100x30; do
		e2e_resize "${size%x*}" "${size#*x}"
		sleep 0.2
		sane "${size#*x}"
		ok_status $? "$view at $size: alive, status line in place"
	done
	if [ "$view" != prompt ] && [ "$view" != list ]; then
		e2e_screen | grep -qE "^ $view"
		ok_status $? "$view: still the $view view"
	fi
	case $view in
	list) ;;
	prompt) e2e_keys Escape ;;
	*) e2e_keys q ;;
	esac
	e2e_wait ' list ' 30
done

e2e_resize 30 8
e2e_wait 'too small'
ok_status $? "30x8: a polite notice"
e2e_resize 1 1
sleep 0.3
e2e_alive
ok_status $? "1x1: still running"
e2e_resize 500 200
sleep 0.3
sane 200
ok_status $? "500x200: sane"

# a storm: many sizes in a row, with keys in between
for i in 1 2 3 4 5 6 7 8 9 10; do
	for size in 40x10 13x3 120x40 80x24 2x50 300x5 45x11 100x30; do
		e2e_resize "${size%x*}" "${size#*x}"
	done
	e2e_keys j t Enter
done
e2e_resize 100 30
sleep 0.5
sane 30
ok_status $? "after a resize storm: sane"
e2e_keys Q
st=$(e2e_exited)
[ "$st" = 0 ]
ok_status $? "quits cleanly ($st)"
[ ! -s "$e2e_tmp/stderr" ]
ok_status $? "nothing on stderr"

done_testing
