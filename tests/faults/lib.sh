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
: "${FONDS_BIN:=${FONDS_BUILDDIR:-.}/fonds}"
: "${FONDS_SRCDIR:=.}"
: "${FONDS_BUILDDIR:=.}"
export FONDS_BIN
unset FONDS_DB
LC_ALL=${LC_ALL:-C.UTF-8}
LANG=${LANG:-C.UTF-8}
export LC_ALL LANG

PTYRUN=$FONDS_BUILDDIR/tests/faults/ptyrun
DBTOOL=$FONDS_BUILDDIR/tests/faults/dbtool
HOSTILE=$FONDS_SRCDIR/tests/data/hostile

tap_n=0
tap_failed=0
f_pids=
f_socks=

f_cleanup() {
	for p in $f_pids; do
		kill -9 "$p" >/dev/null 2>&1
	done
	for s in $f_socks; do
		tmux -L "$s" kill-server >/dev/null 2>&1
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$s"
	done
	[ -n "${tmp:-}" ] && { chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"; }
}

[ -x "$FONDS_BIN" ] || { echo "1..0 # SKIP $FONDS_BIN is not built"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fonds-faults.XXXXXX") || exit 99
trap f_cleanup EXIT
trap 'exit 1' HUP INT TERM PIPE
DB=$tmp/x.db
# private homes: nothing touches the user's database or configuration
XDG_DATA_HOME=$tmp/data
XDG_CONFIG_HOME=$tmp/config
HOME=$tmp/home
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
export XDG_DATA_HOME XDG_CONFIG_HOME HOME

# Sanitizer builds run several times slower: scale the time limits.
SLOW=1
if grep -aq __asan_init "$FONDS_BIN" 2>/dev/null; then
	SLOW=4
	ASAN_BUILD=1
else
	ASAN_BUILD=
fi

ok() {
	tap_name=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $tap_name"
	else
		echo "not ok $tap_n - $tap_name"
		tap_failed=$((tap_failed + 1))
	fi
}

# is NAME GOT EXPECTED: one test; returns 1 when it fails, so that a
# test can add diagnostics with "is ... || diag ...".
is() {
	tap_n=$((tap_n + 1))
	if [ "x$2" = "x$3" ]; then
		echo "ok $tap_n - $1"
	else
		echo "not ok $tap_n - $1"
		printf '%s\n' "$2" | head -20 | sed 's/^/#   got:      /'
		printf '%s\n' "$3" | head -20 | sed 's/^/#   expected: /'
		tap_failed=$((tap_failed + 1))
		return 1
	fi
}

like() {
	tap_n=$((tap_n + 1))
	case $2 in
	*"$3"*)
		echo "ok $tap_n - $1" ;;
	*)
		echo "not ok $tap_n - $1"
		printf '%s\n' "$2" | head -20 | sed 's/^/#   got: /'
		printf '#   expected to contain: %s\n' "$3"
		tap_failed=$((tap_failed + 1)) ;;
	esac
}

unlike() {
	tap_n=$((tap_n + 1))
	case $2 in
	*"$3"*)
		echo "not ok $tap_n - $1"
		printf '%s\n' "$2" | head -20 | sed 's/^/#   got: /'
		printf '#   expected not to contain: %s\n' "$3"
		tap_failed=$((tap_failed + 1)) ;;
	*)
		echo "ok $tap_n - $1" ;;
	esac
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}

# diag FILE: show a file's first lines as TAP comments.
diag() {
	[ -f "$1" ] && head -n "${2:-15}" "$1" | cut -c1-200 | sed 's/^/#   /'
	return 0
}

run() {
	"$@" >"$tmp/.out" 2>"$tmp/.err" </dev/null
	rc=$?
	out=$(cat "$tmp/.out")
	err=$(cat "$tmp/.err")
}

fonds() {
	"$FONDS_BIN" --db "$DB" "$@"
}

# Number of documents in a database (default $DB), from fonds itself.
doc_count() {
	"$FONDS_BIN" --db "${1:-$DB}" stats --format json </dev/null 2>/dev/null |
		sed -n 's/.*"documents":\([0-9]*\).*/\1/p'
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

# --- tmux ---------------------------------------------------------------

t_sock=

have_tmux() {
	command -v tmux >/dev/null 2>&1
}

# t_start NAME COLS LINES CMD: run the shell command CMD in a new tmux
# server named after NAME; when it ends, its status goes to $tmp/NAME.exit.
t_start() {
	t_sock="fonds-faults-$$-$1"
	f_socks="$f_socks $t_sock"
	rm -f "$tmp/$1.exit"
	tmux -L "$t_sock" -f /dev/null new-session -d -s f -x "$2" -y "$3" \
		"$4; echo \$? >'$tmp/$1.exit'; sleep 3600"
	tmux -L "$t_sock" set-option -t f status off >/dev/null 2>&1
	tmux -L "$t_sock" resize-window -t f -x "$2" -y "$3" >/dev/null 2>&1
}

# t_use NAME: talk to that server from now on.
t_use() {
	t_sock="fonds-faults-$$-$1"
}

t_keys() {
	tmux -L "$t_sock" send-keys -t f "$@"
}

t_type() {
	tmux -L "$t_sock" send-keys -t f -l "$1"
}

t_screen() {
	tmux -L "$t_sock" capture-pane -p -t f
}

t_resize() {
	tmux -L "$t_sock" resize-window -t f -x "$1" -y "$2" >/dev/null 2>&1
}

# t_wait REGEX [TENTHS]: wait until the screen matches (default 10 s,
# scaled for slow builds).
t_wait() {
	_i=0
	_n=$(( ${2:-100} * SLOW ))
	while [ "$_i" -lt "$_n" ]; do
		t_screen 2>/dev/null | grep -Eq -- "$1" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# t_gone REGEX [TENTHS]: wait until the screen no longer matches.
t_gone() {
	_i=0
	_n=$(( ${2:-100} * SLOW ))
	while [ "$_i" -lt "$_n" ]; do
		t_screen 2>/dev/null | grep -Eq -- "$1" || return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# t_exited NAME [TENTHS]: wait for the command to end; prints its status.
t_exited() {
	_i=0
	_n=$(( ${2:-100} * SLOW ))
	while [ "$_i" -lt "$_n" ]; do
		if [ -s "$tmp/$1.exit" ]; then
			cat "$tmp/$1.exit"
			return 0
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	echo none
	return 1
}

# t_pid: the process id of the program running in the pane.
t_pid() {
	tmux -L "$t_sock" display-message -p -t f '#{pane_pid}'
}

# The status line of the browser (view name and position).
STATUS_RE='^ (list|document|timeline|related|filters|help|person|people)'

# t_sane LINES: the browser's status line is on the next-to-last line.
t_sane() {
	_i=0
	_n=$((30 * SLOW))
	while [ "$_i" -lt "$_n" ]; do
		_got=$(t_screen | grep -nE "$STATUS_RE" | tail -n 1 | cut -d: -f1)
		[ "$_got" = $(($1 - 1)) ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
