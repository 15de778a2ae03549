#!/bin/sh
# config.sh - a key bindings file (fondsrc) and a name authority
# (people.txt) with garbage lines: a message naming the file and the line,
# shown inert, and every good line still applied.
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_ptyrun

"$FONDS_BIN" --db "$DB" import "$FONDS_DATADIR/sample.jsonl" >/dev/null 2>&1
is "the sample collection is in" "$(doc_count)" 44
mkdir -p "$XDG_CONFIG_HOME/fonds"
RC=$XDG_CONFIG_HOME/fonds/fondsrc
AUTH=$XDG_CONFIG_HOME/fonds/people.txt

# --- fondsrc -------------------------------------------------------------
{
	echo "# my bindings"
	echo "bind generic z move-down"
	echo "this is garbage"
	echo "bind nosuchsection j move-down"
	echo "bind generic NoSuchKey move-down"
	echo "bind generic y no-such-request"
	echo "bind generic"
	printf 'bind generic \033]0;PWNRC\007 move-down\n'
	printf '\302\233\342\200\256 garbage\n'
	awk 'BEGIN { s = "x"; while (length(s) < 10000) s = s s; print s }'
	printf 'bind generic x \377\376\n'
	echo "bind generic Z move-up"
} >"$RC"

if have_tmux; then
	t_start rc 160 30 "TERM=xterm-256color '$FONDS_BIN' --db '$DB' 2>'$tmp/rc.err'"
	t_wait "$STATUS_RE"
	s=$(t_screen)
	like "fondsrc: the first bad line is named, with its file" "$s" "fonds/fondsrc:3: unknown directive"
	like "fondsrc: more are announced" "$s" "(and more)"
	t_keys g z z z
	t_wait ' list +4/44'
	ok "fondsrc: a good line before the garbage is applied" [ $? -eq 0 ]
	t_keys Z
	t_wait ' list +3/44'
	ok "fondsrc: a good line after the garbage is applied" [ $? -eq 0 ]
	t_keys j
	t_wait ' list +4/44'
	ok "fondsrc: the default bindings still work" [ $? -eq 0 ]
	t_keys Q
	is "fondsrc: the browser quits cleanly" "$(t_exited rc)" 0
	# every bad line, once the screen is the shell's again, sanitized
	like "fondsrc: every bad line on stderr after the screen" "$(cat "$tmp/rc.err")" \
		"fondsrc:4: unknown section"
	if grep -q "$(printf '\033')" "$tmp/rc.err"; then r=1; else r=0; fi
	ok_status $r "fondsrc: no raw escape on stderr"
else
	skip "tmux is not installed: fondsrc in the browser"
fi

# One bad line, longer than the status line: said whole on stderr after
# the screen too.
if have_tmux; then
	cp "$RC" "$tmp/rc.full"
	printf 'bind generic F13 move-down  # a key this terminal has no name for, and a long comment\n' >"$RC"
	t_start rc1 80 24 "TERM=xterm-256color '$FONDS_BIN' --db '$DB' 2>'$tmp/rc1.err'"
	t_wait "$STATUS_RE"
	t_keys Q
	is "fondsrc: one bad line, the browser quits cleanly" "$(t_exited rc1)" 0
	like "fondsrc: one bad line, said whole on stderr" "$(cat "$tmp/rc1.err")" \
		"fondsrc: 1 bad line, skipped (the rest was applied):"
	like "fondsrc: with its file and line" "$(cat "$tmp/rc1.err")" "fondsrc:1: "
	cp "$tmp/rc.full" "$RC"
else
	skip "tmux is not installed: one bad line of fondsrc"
fi

# The message on a raw terminal: inert.
printf 'settle 400\nkeys Q\nexit %d\n' $((10 * SLOW)) >"$tmp/k"
"$PTYRUN" run -s 200x30 -o "$tmp/rc.raw" -t $((20 * SLOW)) "$tmp/k" -- \
	env TERM=xterm-256color "$FONDS_BIN" --db "$DB" >/dev/null 2>&1
is "fondsrc: the browser runs on a raw terminal" "$?" 0
scan "$tmp/rc.raw" >"$tmp/rc.scan"
ok "fondsrc: nothing from the file reaches the terminal raw" [ $? -eq 0 ]
diag "$tmp/rc.scan"

# A NUL byte makes it no text file at all: said once, the defaults apply.
printf 'bind generic z move-down\n\000\n' >"$RC"
if have_tmux; then
	t_start nul 100 30 "'$FONDS_BIN' --db '$DB'"
	t_wait "$STATUS_RE"
	like "fondsrc with a NUL byte: said" "$(t_screen)" "fondsrc: a NUL byte: not a text file"
	t_keys g j
	t_wait ' list +2/44'
	ok "fondsrc with a NUL byte: the defaults apply" [ $? -eq 0 ]
	t_keys Q
	t_exited nul >/dev/null
fi
rm -f "$RC"

# --- people.txt ----------------------------------------------------------
{
	echo "name: Zelda Testperson"
	echo "variant: Zeldovich"
	echo ""
	printf '\033]0;PWNAUTH\007 garbage line\n'
	echo "name:"
	echo "born: notadate"
	echo ""
	printf 'name: \033[;\007\n'
	echo ""
	printf 'name: Quentin \302\233 Authorov\n'
	echo "variant: Authorov"
	printf 'born: 1901\033]0;PWNBORN\007\n'
	printf 'role: envoy \033]0;PWNROLE\007\n'
	echo ""
	echo "name: Zelda Testperson"
	echo "variant: Zeldovna"
} >"$AUTH"
printf '{"id": "z1", "date": "1950-01-01", "title": "Letter from Zeldovich", "summary": "Zeldovich and Authorov wrote about Zeldovna."}\n' >"$tmp/z.jsonl"
run "$FONDS_BIN" --db "$DB" import "$tmp/z.jsonl"
is "people.txt: the import still works" "$rc" 0
like "people.txt: a bad line is named with file and line" "$err" "fonds/people.txt:4: "
like "people.txt: an empty name is named" "$err" "fonds/people.txt:5: "
like "people.txt: a name with no letters is named, inert" "$err" 'people.txt:8: name "^[[;^G"'
like "people.txt: a merged entry is named" "$err" "people.txt:15: "
like "people.txt: a bad date is named, inert" "$err" 'people.txt:12: born "1901^[]0;PWNBORN^G" is not a year'
run "$FONDS_BIN" --db "$DB" show z1
like "people.txt: the good entries are applied" "$out" "Zelda Testperson"
like "people.txt: entries after garbage are applied" "$out" "Quentin"
run "$FONDS_BIN" --db "$DB" person Zeldovna
like "people.txt: an entry repeated later is merged" "$out" "Zelda Testperson"

printf 'exit %d\n' $((10 * SLOW)) >"$tmp/w"
"$PTYRUN" run -o "$tmp/person.raw" -t $((20 * SLOW)) "$tmp/w" -- \
	"$FONDS_BIN" --db "$DB" person Authorov >/dev/null 2>&1
is "people.txt: a person from it is shown" "$?" 0
like "people.txt: with the role it gives, inert" "$(cat "$tmp/person.raw")" 'envoy ^[]0;PWNROLE^G'
scan "$tmp/person.raw" >"$tmp/person.scan"
ok "people.txt: nothing from the file reaches the terminal raw" [ $? -eq 0 ]
diag "$tmp/person.scan"

# The warnings on a terminal: inert.
printf 'exit %d\n' $((10 * SLOW)) >"$tmp/w"
"$PTYRUN" run -o "$tmp/auth.raw" -t $((20 * SLOW)) "$tmp/w" -- \
	"$FONDS_BIN" --db "$tmp/t.db" import "$tmp/z.jsonl" >/dev/null 2>&1
is "people.txt on a terminal: the import works" "$?" 0
like "people.txt on a terminal: the warnings are shown" "$(cat "$tmp/auth.raw")" "people.txt:4"
scan "$tmp/auth.raw" >"$tmp/auth.scan"
ok "people.txt on a terminal: nothing from the file reaches it raw" [ $? -eq 0 ]
diag "$tmp/auth.scan"

done_testing
