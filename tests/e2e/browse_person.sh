#!/bin/sh
# browse_person.sh - the person view. From the 27 September 1950 telegram
# (Matveyev to Stalin) p lists its people; choosing Razuvaev shows his
# canonical name, his variants and cover name (Matveyev) and his documents
# by year; l narrows the list to exactly the documents that
# `fonds search person:"Vladimir Razuvaev"` finds; Backspace walks back to
# the person and to the telegram, L forward again; resizing keeps a sane
# screen; :person completes names with Tab.
. "${FONDS_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_init

name='Vladimir Razuvaev'

# the import must have recognised people with the bundled name authority
"$FONDS_BIN" --db "$db" person Matveyev >"$e2e_tmp/person.out" 2>&1 &&
	grep -q "$name" "$e2e_tmp/person.out"
ok_status $? "the import knew the name authority: fonds person Matveyev is $name"

# The documents the CLI finds for him, as "DATE<TAB>TITLE" lines: a small
# CSV reader (quoted fields may hold commas, quotes and newlines).
"$FONDS_BIN" --db "$db" search "person:\"$name\"" --limit 0 --format csv \
	>"$e2e_tmp/his.csv" 2>"$e2e_tmp/his.err"
ok_status $? "fonds search person:\"$name\" runs"
awk '
	BEGIN { inq = 0; nf = 0; cur = ""; header = 1 }
	{
		line = $0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (inq) {
				if (c == "\"") {
					if (substr(line, i + 1, 1) == "\"") { cur = cur c; i++ }
					else inq = 0
				} else cur = cur c
			} else if (c == "\"") inq = 1
			else if (c == ",") { f[++nf] = cur; cur = "" }
			else cur = cur c
		}
		if (inq) { cur = cur "\n"; next }
		f[++nf] = cur; cur = ""
		if (!header && nf >= 4) print f[2] "\t" f[4]
		header = 0; nf = 0; split("", f)
	}' "$e2e_tmp/his.csv" >"$e2e_tmp/his.tsv"
n=$(wc -l <"$e2e_tmp/his.tsv" | tr -d ' ')
[ "$n" -ge 2 ]
ok_status $? "he is named in several documents ($n)"

e2e_start 100 30
e2e_wait ' list  1/44'
ok_status $? "the browser starts"
e2e_keys :
e2e_type 'goto 1950-09-27'
e2e_keys Enter
e2e_wait ' list  5/44'
e2e_keys Enter
e2e_wait '│ Telegram from Matveyev'
ok_status $? "the 27 September 1950 telegram from Matveyev is open"

e2e_keys p
e2e_wait '─ People ─'
ok_status $? "p: a chooser of its people"
e2e_wait ' people  1/'
ok_status $? "in the people view"
e2e_screen | grep -q "│  $name *│"
ok_status $? "listing $name"
sel=$(e2e_screen | grep -n '│> ' | head -n 1 | cut -d: -f1)
want=$(e2e_screen | grep -n "│  $name *│" | head -n 1 | cut -d: -f1)
i=${sel:-0}
while [ -n "$want" ] && [ "$i" -lt "$want" ]; do
	e2e_keys j
	i=$((i + 1))
done
e2e_wait "│> $name *│"
ok_status $? "j moves the selection to him"
e2e_keys Enter
e2e_wait "^>$name"
ok_status $? "Enter: the person view, with his canonical name first"
e2e_wait '^ person'
ok_status $? "the status line says person"
s=$(e2e_screen)
echo "$s" | grep -q '^ Covers .*Matveyev'
ok_status $? "his cover name Matveyev"
# the variants wrap in the left pane: join its lines
echo "$s" | cut -c1-45 | tr -s ' ' | tr '\n' ' ' |
	grep -q ' Variants .*Razuvayev.* Covers '
ok_status $? "his variants (Razuvayev)"
! echo "$s" | grep -q '^ Uncertain'
ok_status $? "he is known, not uncertain"
echo "$s" | grep -q "│ Documents ($n)"
ok_status $? "beside: his $n documents"
# a bar per year, with the counts the CLI's documents give
bad=0
for y in $(cut -c1-4 "$e2e_tmp/his.tsv" | sort -u); do
	c=$(cut -c1-4 "$e2e_tmp/his.tsv" | grep -c "^$y")
	echo "$s" | grep -Eq "^  [ *]$y +$c " || { bad=1; echo "# no bar: $y $c"; }
done
[ "$bad" = 0 ]
ok_status $? "his documents by year: $(cut -c1-4 "$e2e_tmp/his.tsv" | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
echo "$s" | grep -Eq '^  \*1950 '
ok_status $? "1950, the telegram's year, marked"
echo "$s" | grep -q '^ Appears most with'
ok_status $? "and the people he appears with"

e2e_keys l
e2e_wait " list  1/$n  \\[person:\"$name\"\\]"
ok_status $? "l: the list narrowed to him, 1/$n"
s=$(e2e_screen)
bad=0
i=1
while IFS='	' read -r date title; do
	line=$(echo "$s" | sed -n "${i}p")
	short=$(printf '%.20s' "$title")
	case $line in
	"$date "*) ;;
	*) bad=1; echo "# row $i: want $date, got: $line" ;;
	esac
	echo "$line" | grep -qF -- "$short" || { bad=1; echo "# row $i: want $short"; }
	i=$((i + 1))
done <"$e2e_tmp/his.tsv"
echo "$s" | sed -n "${i}p" | grep -Eq '^[0-9u]' && bad=1
[ "$bad" = 0 ]
ok_status $? "the list holds exactly the documents fonds search finds, in order"

e2e_keys BSpace
e2e_wait "^>$name"
ok_status $? "Backspace: the person view again"
e2e_wait '^ person'
ok_status $? "(person in the status line)"
e2e_keys BSpace
e2e_wait ' document  5/44'
ok_status $? "Backspace again: the telegram, in the whole list"
e2e_screen | grep -q '│ Telegram from Matveyev'
ok_status $? "(the telegram on screen)"
e2e_keys L
e2e_wait "^>$name"
ok_status $? "L: forward to the person"
e2e_keys L
e2e_wait " list  1/$n  \\[person:\"$name\"\\]"
ok_status $? "L: forward to his documents"
e2e_keys H
e2e_wait "^>$name"
ok_status $? "H: back to the person"

# another person from the ones he appears with, and back
e2e_keys j Enter
e2e_wait '^ person'
e2e_gone "^>$name"
ok_status $? "j Enter: one of the people he appears with"
e2e_keys BSpace
e2e_wait "^ $name"
ok_status $? "Backspace: him again, with that person still selected"

# sizes
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
e2e_keys g
e2e_wait "^>$name"
for size in 40x10 200x60 80x24 100x30; do
	e2e_resize "${size%x*}" "${size#*x}"
	sleep 0.2
	sane "${size#*x}"
	ok_status $? "person view at $size: alive, status line in place"
	e2e_screen | grep -q "^>$name"
	ok_status $? "person view at $size: his name on the first line"
done
e2e_resize 40 10
sleep 0.2
e2e_keys j j j j j j j j j j j j j j j j j j j j
sleep 0.3
sane 10
ok_status $? "40x10: scrolling down the person view"
e2e_screen | grep -Eq '^  [ *]19[0-9][0-9] |^[ >]  [A-Z]'
ok_status $? "40x10: the years or his company come into view"
e2e_resize 100 30
e2e_keys q
e2e_wait ' document  5/44'
ok_status $? "q closes the person view"

# :person with Tab completion
e2e_keys :
e2e_type 'person razu'
e2e_keys Tab
e2e_wait ":person $name"
ok_status $? "Tab completes :person razu to $name"
e2e_keys Enter
e2e_wait "^>$name"
ok_status $? ":person opens him"
e2e_keys :
e2e_type 'person Matveyev'
e2e_keys Enter
e2e_wait "^>$name"
ok_status $? ":person Matveyev: the cover name finds him"

e2e_keys Q
st=$(e2e_exited)
[ "$st" = 0 ]
ok_status $? "quits cleanly ($st)"
[ ! -s "$e2e_tmp/stderr" ]
ok_status $? "nothing on stderr"

done_testing
