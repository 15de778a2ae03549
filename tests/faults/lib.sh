# lib.sh - helpers for the fault tests (POSIX sh): TAP, a private
# directory, the hostile collection, tmux sessions, a raw pseudo-terminal.
#
# Source it, then:
#   ok NAME CMD...      pass when CMD succeeds
#   is NAME GOT WANT    pass when the strings are equal
#   like NAME GOT PAT   pass when GOT contains the fixed string PAT
#   unlike NAME GOT PAT pass when it does not
#   skip NAME / skip_all REASON / done_testing
#   run CMD...          run with stdin from /dev/null; sets $out $err $rc
#   fonds ARGS...       the fonds under test on the database $DB
#   bg CMD...           start CMD in the background; killed at exit
#   t_start NAME COLS LINES CMD   a command in its own tmux server
# Everything (tmux servers, background children, $tmp) goes at exit.

set -u
: "${FONDS_SRCDIR:=.}"
. "$FONDS_SRCDIR/tests/lib.sh"
# the commands of these tests read nothing but what they are given
exec </dev/null

PTYRUN=$FONDS_BUILDDIR/tests/faults/ptyrun
DBTOOL=$FONDS_BUILDDIR/tests/faults/dbtool
HOSTILE=$FONDS_SRCDIR/tests/data/hostile

[ -x "$FONDS_BIN" ] || skip_all "$FONDS_BIN is not built"
tap_tmpdir faults
# private homes: nothing touches the user's database or configuration
XDG_DATA_HOME=$tmp/data
XDG_CONFIG_HOME=$tmp/config
HOME=$tmp/home
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
export XDG_DATA_HOME XDG_CONFIG_HOME HOME

# What a test's own exit trap calls after its own cleanup.
f_cleanup() {
	tap_cleanup
}

# bg CMD...: run in the background, remembered for the cleanup; $! is it.
bg() {
	"$@" &
	f_pids="$f_pids $!"
}

# alive PID: the process exists and is not a zombie.
alive() {
	[ -d "/proc/$1" ] || return 1
	_st=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$1/status" 2>/dev/null)
	[ -n "$_st" ] && [ "$_st" != Z ]
}

# wait_gone PID TENTHS: wait for a process to end.
wait_gone() {
	_i=0
	while [ "$_i" -lt "$2" ]; do
		alive "$1" || return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# fonds_child PARENT: the process ids of PARENT's children running fonds.
fonds_child() {
	sed -n 's/^\([0-9]*\) (fonds) . \([0-9]*\) .*/\1 \2/p' /proc/[0-9]*/stat \
		2>/dev/null | awk -v p="$1" '$2 == p { print $1 }'
}

# say LINE...: write one line of a ptyrun script, backslashes as they are
# (ptyrun reads the escapes, not the shell).
say() {
	printf '%s\n' "$*"
}

need_ptyrun() {
	[ -x "$PTYRUN" ] || skip_all "tests/faults/ptyrun is not built"
}

need_dbtool() {
	[ -x "$DBTOOL" ] || skip_all "tests/faults/dbtool is not built"
}

# --- the hostile collection ---------------------------------------------

# write_big FILE [NOHUGE]: one record whose title and summary are 80,000
# characters without a space, and (unless NOHUGE) one whose summary is
# 10 MB.
write_big() {
	awk -v nohuge="${2:-}" 'BEGIN {
		s = "abcdefghij"; while (length(s) < 80000) s = s s
		s = substr(s, 1, 80000)
		printf "{\"id\": \"big-line\", \"date\": \"1964-01-01\", \"title\": \"Longline %s\", \"summary\": \"Longsummary %s\", \"people\": [\"Big Bigman\"], \"collections\": [\"Hostile Collection\"]}\n", s, s
		if (nohuge)
			exit
		w = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do "
		while (length(w) < 10485760) w = w w
		printf "{\"id\": \"big-summary\", \"date\": \"1964-01-02\", \"title\": \"Hugesummary record\", \"summary\": \"%s hugeend\", \"people\": [\"Huge Hugeman\"], \"collections\": [\"Hostile Collection\"]}\n", substr(w, 1, 10485760)
	}' >"$1"
}

# import_hostile DB [NOHUGE]: every hostile fixture and the big records
# (without the 10 MB one with NOHUGE) into DB; $HOSTILE_DOCS of them.
import_hostile() {
	write_big "$tmp/big.jsonl" "${2:-}"
	if [ -n "${2:-}" ]; then HOSTILE_DOCS=22; else HOSTILE_DOCS=23; fi
	"$FONDS_BIN" --db "$1" import "$HOSTILE/hostile.jsonl" "$HOSTILE/hostile.csv" \
		"$HOSTILE/hostile-page.txt" "$tmp/big.jsonl" >"$tmp/import.out" 2>"$tmp/import.err"
}

# The strings that must never reach a terminal raw: every payload of the
# fixtures right after the ESC or C1 that would make it a command.
FORBIDDEN='\e]0;PWN \e]2;PWN \e]52; \e]8; \e]1337 \e]4; \e]7; \eP+q \eP$q \eP1 \e_PWN \e_Gf \e^PWN \eXPWN \e[4242 \e[6n \e[21t \e[?2004h \e[>0c \ec \e[!p \xc2\x9b4242 \xc2\x9d0 \xc2\x90PWN \xc2\x9fPWN \xe2\x80\xae \xe2\x81\xa6 \xe2\x81\xa7 \xe2\x81\xa8 \xe2\x81\xa9 BELMARK\x07 BSMARK\x08 CRMARK\rOVER DELMARK\x7f \xc0\x9b \xc0\xaf \xe0\x82\x9b \xed\xa0\x80'

# scan FILE: ptyrun scan with the forbidden strings; findings on stdout.
scan() {
	# shellcheck disable=SC2086
	"$PTYRUN" scan "$1" $FORBIDDEN
}
