#!/bin/sh
# browse_timeline.sh - the timeline shows every year of the bundled
# collection with its count; choosing 1956 narrows the list to 1956.
. "${FONDS_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_init

# The expected counts: from "fonds timeline", else from the file itself.
"$FONDS_BIN" --db "$db" timeline --format csv 2>/dev/null |
	grep -E '^[0-9]{4},[0-9]+$' >"$e2e_tmp/expect"
if [ ! -s "$e2e_tmp/expect" ]; then
	sed -n 's/.*"date": *"\([^"]*\)".*/\1/p' "$FONDS_DATADIR/sample.jsonl" |
		grep -Eo '(19|20)[0-9]{2}' | sort | uniq -c |
		awk '{ print $2 "," $1 }' >"$e2e_tmp/expect"
fi
[ "$(wc -l <"$e2e_tmp/expect")" -ge 20 ]
ok_status $? "expected counts per year ($(wc -l <"$e2e_tmp/expect") years)"

e2e_start 100 30
e2e_wait ' list  1/44'
e2e_keys t
e2e_wait 'Timeline by year'
ok_status $? "t opens the timeline"
s=$(e2e_screen)
missing=
for y in $(seq 1949 1974); do
	want=$(grep "^$y," "$e2e_tmp/expect" | cut -d, -f2)
	[ -n "$want" ] || want=0
	echo "$s" | grep -Eq "^[ >][ *]$y +$want( |\$)" || missing="$missing $y:$want"
done
[ -z "$missing" ]
ok_status $? "every year 1949..1974 with its count (wrong or missing:$missing)"
echo "$s" | grep -Eq '^>\*1949 +1'
ok_status $? "the cursor and the current document on 1949"
echo "$s" | grep -Eq '^  1954 +0 *$'
ok_status $? "an empty year is shown, empty"

# walk to 1956 and narrow
e2e_keys l l l l l l l
e2e_wait '^> 1956 +5'
ok_status $? "l moves the cursor a year at a time, to 1956"
e2e_wait ' timeline years 1956'
ok_status $? "the status line names the period"
e2e_keys Enter
e2e_wait ' list  1/5 .*date:1956'
ok_status $? "Enter narrows the list to 1956: 1/5"
s=$(e2e_screen)
n=$(echo "$s" | grep -Ec '^[0-9]{4}-|^undated')
n56=$(echo "$s" | grep -c '^1956-')
[ "$n" -eq 5 ] && [ "$n56" -eq 5 ]
ok_status $? "the list shows 1956's five documents and nothing else ($n56 of $n)"
e2e_keys t
e2e_wait 'Timeline by year: 5 documents'
ok_status $? "the timeline now counts the narrowed list"
e2e_keys w
e2e_wait 'Timeline by year: 44 documents'
ok_status $? "w widens back"
e2e_keys q
e2e_wait ' list  [0-9]+/44'
ok_status $? "q closes the timeline, the list is whole again"

# zoom, PgDn, :goto
e2e_keys t
e2e_wait 'Timeline by year'
e2e_keys +
e2e_wait 'Timeline by month'
ok_status $? "+ zooms to months"
e2e_keys :
e2e_type 'goto 1950-09'
e2e_keys Enter
e2e_wait '^>.1950-09 +6'
ok_status $? ":goto 1950-09 puts the cursor on September 1950 (6 documents)"
e2e_keys +
e2e_wait 'Timeline by day'
ok_status $? "+ zooms to days"
e2e_wait '^> 1950-09-01 +0'
ok_status $? "on 1 September 1950"
e2e_keys :
e2e_type 'goto 1950-09-27'
e2e_keys Enter
e2e_wait '^> 1950-09-27 +1'
ok_status $? "the 27th has its document"
e2e_keys PageDown
e2e_wait '^> 1950-10-27 +0'
ok_status $? "PgDn jumps 30 days"
e2e_keys h h h h h h h h h h h h h h h h h h h h h h h h h h
e2e_wait '^> 1950-10-01 +1'
ok_status $? "h steps back a day at a time"
e2e_keys - -
e2e_wait 'Timeline by year'
ok_status $? "- - back to years"
e2e_wait '^> 1950 +12'
ok_status $? "on 1950"
e2e_keys End
e2e_wait '^> 1974 +1'
ok_status $? "End: the last year"
e2e_keys Q
st=$(e2e_exited)
[ "$st" = 0 ]
ok_status $? "Q quits from the timeline ($st)"

done_testing
