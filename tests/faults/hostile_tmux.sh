#!/bin/sh
# hostile_tmux.sh - the hostile records in the browser, in tmux: every
# view (list, detail, document, search, related, timeline, filters,
# people, person, help) shows the escape sequences, controls, bidi and
# invisible characters as visible stand-ins, the layout never shifts, the
# terminal (tmux) never obeys them (no new title, no clipboard buffer, no
# alternate-screen or mode changes), and the 80,000-character line and
# the 10 MB summary are drawn in bounded time.
. "${FONDS_SRCDIR:-.}/tests/faults/lib.sh"
have_tmux || skip_all "tmux is not installed"
need_ptyrun

import_hostile "$DB"
ok "the hostile files are imported" [ $? -eq 0 ]
is "every hostile record is in" "$(doc_count)" "$HOSTILE_DOCS"

COLS=120
LINES_=40
# (Unicode borders rather than the terminal's line-drawing set, so that
# the captures show where the pane border is)
t_start main $COLS $LINES_ "TERM=xterm-256color NCURSES_NO_UTF8_ACS=1 '$FONDS_BIN' --db '$DB' 2>'$tmp/stderr'"
# tmux obeys titles and clipboard writes from the program when allowed to:
# allow them all, so that a leak would show
tmux -L "$t_sock" set-option -s set-clipboard on >/dev/null 2>&1
tmux -L "$t_sock" set-option -g allow-rename on >/dev/null 2>&1
tmux -L "$t_sock" set-option -g set-titles on >/dev/null 2>&1
title0=$(tmux -L "$t_sock" display-message -p -t f '#{pane_title}')
t_wait ' list +1/23'
ok "the browser starts on the hostile collection" [ $? -eq 0 ]

bad=
# check NAME [SEP]: the screen is sane: no line wider than the terminal,
# the status line in place, and with SEP, the pane border at that column
# on every line above the status line.
check() {
	t_screen >"$tmp/screen" 2>/dev/null
	"$PTYRUN" columns "$tmp/screen" '│' >"$tmp/cols"
	why=
	awk -v c=$COLS '$1 > c { exit 1 }' "$tmp/cols" || why="$why wider than $COLS;"
	st=$(grep -nE "$STATUS_RE" "$tmp/screen" | tail -n 1 | cut -d: -f1)
	[ "$st" = $((LINES_ - 1)) ] || why="$why status line at ${st:-none};"
	if [ -n "${2:-}" ]; then
		awk -v s="$2" -v n=$((LINES_ - 2)) 'NR <= n && $2 != s { exit 1 }' \
			"$tmp/cols" || why="$why border moved;"
	fi
	if [ -n "$why" ]; then
		bad="$bad
$1:$why"
		cp "$tmp/screen" "$tmp/bad-screen"
	fi
}
# verdict NAME: one TAP line for the checks since the last verdict.
verdict() {
	if [ -z "$bad" ]; then
		ok "$1" true
	else
		ok "$1" false
		printf '%s\n' "$bad" | head -n 8 | sed 's/^/#  /'
		sed 's/^/#   |/' "$tmp/bad-screen" | head -n $LINES_
	fi
	bad=
}

# The list with the preview of every record beside it: step down all.
sep=54
check "list top" $sep
i=1
while [ "$i" -lt "$HOSTILE_DOCS" ]; do
	t_keys j
	i=$((i + 1))
	t_wait " list +$i/23" 50 || bad="$bad
step $i: no response"
	check "list row $i" $sep
done
verdict "list and preview of every record: layout intact"

t_screen >"$tmp/list-screen"
s=$(cat "$tmp/list-screen")
t_keys g
t_wait ' list +1/23'
s="$s
$(t_screen)"
like "escapes are shown as caret notation" "$s" '^[]0;PWNTITLE^G'
like "CSI shown as caret notation" "$s" '^[[4242;4242H'
like "C1 controls and bidi controls shown as U+FFFD" "$s" 'Delta C1 �4242m'
like "bidi override replaced" "$s" 'invoice_�gnp.exe'
like "a tab is a space" "$s" 'India tab separated title'
like "combining marks are kept on their base (at most a few)" "$s" "$(printf 'e\314\201\314\201\314\201 zalgo')"
like "control characters shown as caret notation" "$s" 'BELMARK^G^G BSMARK^H^H^HXX'

# Every record opened as a document: its top and its end.
t_keys g
t_wait ' list +1/23'
i=1
while [ "$i" -le "$HOSTILE_DOCS" ]; do
	t_keys Enter
	t_wait "^ document +$i/23" 50 || bad="$bad
document $i: no response"
	check "document $i" $sep
	t_keys G
	t_wait "^ document +$i/23( +end)?\$" 50
	check "document $i end" $sep
	t_keys q
	t_wait " list +$i/23" 50
	t_keys j
	i=$((i + 1))
done
verdict "every document, top and end: layout intact"

# A search whose snippets come from hostile text.
t_keys /
t_type 'summary'
t_keys Enter
t_wait ' list +1/[0-9]+ .*summary'
ok "a search over hostile summaries" [ $? -eq 0 ]
check "search" $sep
i=0
while [ "$i" -lt 12 ]; do
	t_keys j
	check "search row $i" $sep
	i=$((i + 1))
done
verdict "search results with hostile snippets: layout intact"
t_keys / C-u Enter
t_gone 'summary' 50

# Related documents of the first record (links to hostile neighbours).
t_keys g r
t_wait '^ related'
ok "the related view opens" [ $? -eq 0 ]
check "related" $sep
t_keys j
check "related 2" $sep
t_keys j
check "related 3" $sep
verdict "related view: layout intact"
t_keys q

# The timeline, the filter pane with hostile names, the people of a
# record and a person, help.
t_keys t
t_wait '^ timeline'
ok "the timeline opens" [ $? -eq 0 ]
check "timeline"
for k in + + j k - - l h; do
	t_keys $k
	check "timeline $k"
done
t_keys Enter
t_wait 'Narrowed to'
check "timeline narrowed" $sep
t_keys c
t_wait 'cleared: every document'
t_keys f
t_wait '^ filters'
ok "the filter pane opens" [ $? -eq 0 ]
i=0
while [ "$i" -lt 40 ]; do
	t_keys j
	check "filter $i"
	i=$((i + 1))
done
verdict "timeline and filter pane with hostile names: layout intact"
t_screen >"$tmp/filters"
like "hostile names in the filter pane are inert" "$(cat "$tmp/filters")" "^["
t_keys q
t_wait ' list '
t_keys g
for n in 1 2 3 4 5 6 7 8; do
	t_keys p
	sleep 0.2
	if t_screen | grep -q '─ People ─'; then
		t_keys Enter
	fi
	t_wait '^ person' 30 && check "person $n"
	t_keys q
	t_wait ' list ' 30
	t_keys j j
done
t_keys '?'
t_wait '^ help'
check "help"
t_keys q
verdict "people, person and help views: layout intact"

# The terminal never obeyed the data.
title=$(tmux -L "$t_sock" display-message -p -t f '#{pane_title}')
is "the window title is unchanged" "$title" "$title0"
is "no clipboard write reached tmux (no paste buffer)" \
	"$(tmux -L "$t_sock" list-buffers 2>/dev/null)" ""
t_keys Q
st=$(t_exited main)
is "the browser quits cleanly" "$st" 0
is "nothing on stderr" "$(cat "$tmp/stderr")" ""
is "the terminal is back on its main screen" \
	"$(tmux -L "$t_sock" display-message -p -t f '#{alternate_on}')" 0

# The 80,000-character line and the 10 MB summary: every key answered in
# bounded time (2 s, more for sanitizer builds).
# its own state: no reading place kept from the runs above
t_start big $COLS $LINES_ "XDG_STATE_HOME='$tmp/state-big' TERM=xterm-256color NCURSES_NO_UTF8_ACS=1 '$FONDS_BIN' --db '$DB' 2>'$tmp/stderr'"
t_wait "$STATUS_RE"
t_keys :
t_type 'open big-line'
t_keys Enter
# (g: its top, wherever a session left it)
t_wait '^ document +[0-9]+/23' 20 && t_keys g && t_wait '^ document +[0-9]+/23 +top' 20 &&
	t_wait '│ Longline' 20
ok "the 80,000-character line opens in bounded time" [ $? -eq 0 ]
check "long line" $sep
t_keys G
t_wait '^ document .* end' 20
ok "its end is reached in bounded time" [ $? -eq 0 ]
check "long line end" $sep
verdict "the long line is wrapped inside its pane"
t_keys q
t_wait '^ list'
t_keys :
t_type 'open big-summary'
t_keys Enter
t_wait '^ document +[0-9]+/23' 20 && t_wait 'ID +big-summary' 20
ok "the 10 MB summary opens in bounded time" [ $? -eq 0 ]
t_keys G
t_wait '^ document .* end' 20
ok "its end is reached in bounded time" [ $? -eq 0 ]
like "the end of the 10 MB summary is shown" "$(t_screen)" "hugeend"
t_keys k k k Space b g
t_wait '^ document .* top' 20
ok "scrolling it answers in bounded time" [ $? -eq 0 ]
check "huge"
t_keys q
t_keys /
t_type 'hugeend'
t_keys Enter
t_wait ' list +1/1 ' 30
ok "searching the 10 MB summary answers in bounded time" [ $? -eq 0 ]
check "huge search" $sep
verdict "the 10 MB summary keeps the layout"
t_keys Q
is "the browser quits after the big records" "$(t_exited big)" 0

done_testing
