#!/bin/sh
# browse_research.sh - the reader's keys in a real terminal: R, m, e (the
# editor a small script, the terminal given back and taken again), a
# (a tag), V (an excerpt), y (the citation to a file), O (the pager), |
# (a pipe), o (the browser), and what they stored, read back with the
# command line; then a new session resumes on the same document.
. "${FONDS_SRCDIR:-.}/tests/e2e/lib.sh"
e2e_init

XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
cat >"$tmp/ed" <<'SH'
#!/bin/sh
# an editor: says on the terminal that it runs, writes the note
printf 'EDITOR RUNNING on %s\n' "$1"
sleep 1
printf 'Written in tmux.\n' >"$1"
SH
cat >"$tmp/pager" <<'SH'
#!/bin/sh
cat >"$PAGED"
printf 'PAGER RAN\n'
sleep 1
SH
cat >"$tmp/browser" <<'SH'
#!/bin/sh
printf '%s\n' "$@" >"$OPENED"
SH
cat >"$tmp/count" <<'SH'
#!/bin/sh
wc -l >"$1"
SH
chmod +x "$tmp/ed" "$tmp/pager" "$tmp/browser" "$tmp/count"
ENVS="XDG_STATE_HOME='$tmp/state' VISUAL='$tmp/ed' PAGER='$tmp/pager' PAGED='$tmp/paged' BROWSER='$tmp/browser' OPENED='$tmp/opened'"

e2e_start 100 30 "$ENVS"
e2e_wait ' list  1/44'
ok_status $? "the browser starts"
e2e_keys Enter
e2e_wait ' document  1/44'
ok_status $? "a document opens"
e2e_keys R
e2e_wait 'Marked unread'
ok_status $? "R: marked unread"
e2e_keys R
e2e_wait 'Marked read'
ok_status $? "R again: read"
e2e_keys m
e2e_wait 'Bookmarked'
ok_status $? "m: bookmarked"

e2e_keys e
e2e_wait 'EDITOR RUNNING on .*/state/fonds/edit/kr-1949-0924.txt'
ok_status $? "e: the editor runs on the terminal, on the note's file"
e2e_wait 'Note saved'
ok_status $? "the terminal is taken back, the note saved"
e2e_screen | grep -q 'Note *Written in tmux.'
ok_status $? "the note is shown in the document pane"
e2e_screen | grep -q 'EDITOR RUNNING'
[ $? -ne 0 ]
ok_status $? "and the screen is redrawn whole"

e2e_keys a
e2e_wait '^:tag'
ok_status $? "a: the prompt with \"tag \""
e2e_type plenum
e2e_keys Enter
e2e_wait 'Tagged plenum'
ok_status $? "the document tagged"

e2e_keys V j
e2e_wait '2 lines selected'
ok_status $? "V j: two lines selected"
e2e_keys Enter
e2e_wait 'Excerpt #1 saved'
ok_status $? "Enter: the excerpt saved"

e2e_keys y
e2e_wait 'In .*citation.txt'
ok_status $? "y: the citation, in a file (OSC 52 is off)"
grep -q 'Politburo Decision' "$tmp/state/fonds/citation.txt"
ok_status $? "the file holds the citation"

e2e_keys O
e2e_wait 'PAGER RAN'
ok_status $? "O: the pager runs"
e2e_wait ' document  1/44'
ok_status $? "and the browser is back"
grep -q 'guerrilla forces' "$tmp/paged"
ok_status $? "the pager read the whole text"

e2e_keys '|'
e2e_wait '^:pipe'
ok_status $? "|: the prompt with \"pipe \""
e2e_type "$tmp/count $tmp/lines"
e2e_keys Enter
sleep 1
[ -s "$tmp/lines" ]
ok_status $? "the text piped to the command (its words, no shell)"

e2e_keys o
sleep 1
grep -q '^https\?://' "$tmp/opened" 2>/dev/null || grep -q . "$tmp/opened" 2>/dev/null ||
	e2e_wait 'no address to open'
ok_status $? "o: the address to \$BROWSER (or: none to open)"

e2e_keys Q
e2e_exited >/dev/null
ok_status $? "Q quits"

run "$FONDS_BIN" --db "$db" note kr-1949-0924
is "the note is in the database" "$out" "Written in tmux."
run "$FONDS_BIN" --db "$db" search --format csv tag:plenum is:bookmarked is:read
like "the tag and the marks are in the database" "$out" "kr-1949-0924"
run "$FONDS_BIN" --db "$db" excerpts
like "the excerpt is in the database" "$out" "kr-1949-0924"

# a new session: the same document and view
e2e_start 100 30 "$ENVS"
e2e_wait ' document  1/44'
ok_status $? "a new session resumes in the document view"
e2e_screen | grep -q 'Politburo Decision to Confirm'
ok_status $? "on the same document"
e2e_keys Q
e2e_exited >/dev/null

# set osc52 on: y copies the citation to the terminal's clipboard (tmux
# takes it into a buffer when set-clipboard is on)
mkdir -p "$tmp/config/fonds"
printf 'set osc52 on\n' >"$tmp/config/fonds/fondsrc"
e2e_start 100 30 "$ENVS XDG_CONFIG_HOME='$tmp/config'"
tmux -L "$t_sock" set-option -s set-clipboard on >/dev/null 2>&1
e2e_wait ' document  1/44'
ok_status $? "a session with set osc52 on"
e2e_keys y
e2e_wait 'Copied: '
ok_status $? "y: the citation copied"
run "$FONDS_BIN" --db "$db" cite kr-1949-0924
is "the terminal's clipboard holds the citation" \
	"$(tmux -L "$t_sock" show-buffer 2>/dev/null)" "$out"
e2e_keys Q
e2e_exited >/dev/null
done_testing
