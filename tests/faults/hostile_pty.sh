#!/bin/sh
# hostile_pty.sh - the hostile records in the browser on a raw
# pseudo-terminal (tests/faults/ptyrun): every byte the browser writes is
# recorded and scanned. Nothing but what curses itself writes may reach
# the terminal: no OSC, DCS, APC, PM or SOS, no C1 control, no raw 0x9b,
# no BEL, no bidi control, no invalid UTF-8, no pile of combining marks,
# and none of the payloads of the data after an ESC or a C1 control.
# Three terminals: wide with colours, narrow without, and an ASCII locale.
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
need_ptyrun

import_hostile "$DB"
is "the hostile records are in" "$(doc_count)" "$HOSTILE_DOCS"

# The key script: every view, every record, with a pause after each key
# so that each screen is drawn (keys typed together are drawn once).
keys() {
	say "settle 300"
	i=0
	while [ "$i" -lt "$HOSTILE_DOCS" ]; do
		# the record, its preview, the document, its end, back
		say "keys \\r"; say "settle 60"
		say "keys G"; say "settle 60"
		say "keys q"; say "keys j"; say "settle 60"
		i=$((i + 1))
	done
	say "keys g"; say "settle 60"
	# search with hostile snippets
	say "keys /summary\\r"; say "settle 200"
	for k in j j j j j j j j; do say "keys $k"; say "settle 40"; done
	say "keys /\\x15\\r"; say "settle 200"
	# related, timeline, filters, people and person, help
	say "keys g"; say "keys r"; say "settle 150"
	say "keys j"; say "settle 60"; say "keys j"; say "settle 60"
	say "keys q"; say "keys t"; say "settle 150"
	say "keys +"; say "settle 60"; say "keys \\r"; say "settle 150"
	say "keys c"; say "keys f"; say "settle 150"
	for k in j j j j j j j j j j j j j j j j j j j j; do
		say "keys $k"; say "settle 30"
	done
	say "keys f"; say "settle 150"
	# prompts show what is typed: controls typed by the user, and a raw
	# C1 byte (invalid UTF-8 on its own)
	say "keys /\\x9b31m\\x07\\x02x\\r"; say "settle 200"
	say "keys :open \\x9b\\x07PWNTYPED\\r"; say "settle 200"
	say "keys /\\x15\\r"; say "settle 200"
	# help, then the people of the first records (a person view or the
	# box to choose one); Q quits from wherever that leaves us
	say "keys ?"; say "settle 150"; say "keys q"
	say "keys g"; say "keys p"; say "settle 150"; say "keys \\r"
	say "settle 150"; say "keys j"; say "settle 60"
	say "keys Q"
	say "exit $((10 * SLOW))"
}
keys >"$tmp/keys"

# session NAME SIZE ENV...: run the browser through the key script.
session() {
	name=$1 size=$2
	shift 2
	# each run starts afresh, not where the last one left off (resume)
	[ ! -x "$DBTOOL" ] || "$DBTOOL" sql "$DB" "DELETE FROM state WHERE key = 'session'" >/dev/null
	"$PTYRUN" run -s "$size" -o "$tmp/$name.raw" -t $((60 * SLOW)) "$tmp/keys" -- \
		env "$@" "$FONDS_BIN" --db "$DB" 2>"$tmp/$name.err"
	st=$?
	is "$name: the browser went through every view and quit" "$st" 0
	[ "$st" -eq 0 ] || diag "$tmp/$name.err"
	bytes=$(wc -c <"$tmp/$name.raw")
	ok "$name: it drew something ($bytes bytes)" [ "$bytes" -gt 5000 ]
	scan "$tmp/$name.raw" >"$tmp/$name.scan"
	ok "$name: nothing from the data reached the terminal raw" [ $? -eq 0 ]
	diag "$tmp/$name.scan"
}

session wide 120x40 TERM=xterm-256color
like "wide: the data was drawn, escapes as caret notation" \
	"$(cat "$tmp/wide.raw")" '^[]0;PWNTITLE^G'
like "wide: C1 and bidi controls drawn as U+FFFD" "$(cat "$tmp/wide.raw")" '�4242m'
like "wide: the window title is pushed and popped, never set" \
	"$(cat "$tmp/wide.raw")" "$(printf '\033[23;0;0t')"

session narrow 80x24 TERM=xterm NO_COLOR=1

# In an ASCII locale nothing but ASCII may be written at all.
session ascii 100x30 TERM=xterm LC_ALL=C LANG=C
LC_ALL=C grep -q "$(printf '[\200-\377]')" "$tmp/ascii.raw"
ok "ascii: only ASCII bytes on an ASCII terminal" [ $? -ne 0 ]
like "ascii: non-ASCII shown as ?" "$(cat "$tmp/ascii.raw")" 'Juliett wide ????'

done_testing
