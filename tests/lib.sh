# lib.sh - what every shell test shares (POSIX sh): TAP, a private
# directory removed at exit, the fonds under test, the seeds, tmux.
#
# tests/cli/lib.sh, tests/e2e/lib.sh and tests/faults/lib.sh source it
# and add their own fixtures. The helpers:
#   ok NAME CMD...        pass when CMD succeeds
#   ok_status ST NAME     pass when the status ST is 0
#   is NAME GOT WANT      pass when the strings are equal (returns 1 if not)
#   like NAME GOT PAT     pass when GOT contains the fixed string PAT
#   unlike NAME GOT PAT   pass when it does not
#   skip NAME / skip_all REASON / done_testing / diag FILE [N]
#   run CMD...            run; sets $out $err $rc
#   fonds ARGS...         the fonds under test on the database $DB
#   need_seeds [FILE]     skip without ../shared/seeds, but fail in CI
#   t_start NAME COLS LINES CMD, t_keys, t_type, t_screen, t_wait,
#   t_gone, t_exited, t_resize, t_pid, t_sane: a program in tmux
# A failing test calls the shell function named by $TAP_ON_FAIL (if set)
# for its diagnostics (the e2e tests print the screen).

: "${FONDS_BIN:=${FONDS_BUILDDIR:-.}/fonds}"
: "${FONDS_SRCDIR:=.}"
: "${FONDS_BUILDDIR:=.}"
export FONDS_BIN
unset FONDS_DB
LC_ALL=${LC_ALL:-C.UTF-8}
LANG=${LANG:-C.UTF-8}
export LC_ALL LANG

tap_n=0
tap_failed=0
TAP_ON_FAIL=${TAP_ON_FAIL:-}
f_pids=
f_socks=
tmp=

tap_fail() {
	echo "not ok $tap_n - $1"
	tap_failed=$((tap_failed + 1))
	[ -n "$TAP_ON_FAIL" ] && "$TAP_ON_FAIL"
	return 0
}

ok() {
	tap_name=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $tap_name"
	else
		tap_fail "$tap_name"
	fi
}

ok_status() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		tap_fail "$2"
	fi
}

is() {
	tap_n=$((tap_n + 1))
	if [ "x$2" = "x$3" ]; then
		echo "ok $tap_n - $1"
	else
		tap_fail "$1"
		printf '%s\n' "$2" | head -20 | sed 's/^/#   got:      /'
		printf '%s\n' "$3" | head -20 | sed 's/^/#   expected: /'
		return 1
	fi
}

like() {
	tap_n=$((tap_n + 1))
	case $2 in
	*"$3"*)
		echo "ok $tap_n - $1" ;;
	*)
		tap_fail "$1"
		printf '%s\n' "$2" | head -20 | sed 's/^/#   got: /'
		printf '#   expected to contain: %s\n' "$3" ;;
	esac
}

unlike() {
	tap_n=$((tap_n + 1))
	case $2 in
	*"$3"*)
		tap_fail "$1"
		printf '%s\n' "$2" | head -20 | sed 's/^/#   got: /'
		printf '#   expected not to contain: %s\n' "$3" ;;
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

# bail REASON: the whole test fails (what CI must not skip).
bail() {
	echo "1..1"
	echo "not ok 1 - $1"
	exit 1
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}

# diag FILE [N]: show a file's first lines as TAP comments.
diag() {
	[ -f "$1" ] && head -n "${2:-15}" "$1" | cut -c1-200 | sed 's/^/#   /'
	return 0
}

# tap_tmpdir PREFIX: make the private directory $tmp and the database
# path $DB in it; it, background children and tmux servers go at exit.
# The browser's state (history, reading places) is the test's own, so
# tests run side by side never see each other's.
tap_tmpdir() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/fonds-$1.XXXXXX") || exit 99
	trap tap_cleanup EXIT
	trap 'exit 1' HUP INT TERM PIPE
	DB=$tmp/x.db
	XDG_STATE_HOME=$tmp/state
	export XDG_STATE_HOME
}

tap_cleanup() {
	for p in $f_pids; do
		kill -9 "$p" >/dev/null 2>&1
	done
	for s in $f_socks; do
		tmux -L "$s" kill-server >/dev/null 2>&1
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$s"
	done
	[ -n "${tmp:-}" ] && { chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"; }
}

# run CMD...: its output in $out and $err, its status in $rc (stdin is
# the caller's: the fault tests read /dev/null).
run() {
	"$@" >"$tmp/.out" 2>"$tmp/.err"
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

# need_seeds [FILE]: the seed pages (../shared/seeds, $FONDS_SEEDS), and
# FILE among them when given. Outside CI a test without them skips; in CI
# (CI=true), which has them, their absence fails the test.
need_seeds() {
	if [ -z "${FONDS_SEEDS:-}" ] || [ ! -d "$FONDS_SEEDS" ] ||
	   { [ -n "${1:-}" ] && [ ! -f "$FONDS_SEEDS/$1" ]; }; then
		if [ "${CI:-}" = true ]; then
			bail "the seed pages are missing (FONDS_SEEDS=${FONDS_SEEDS:-}) and CI=true"
		fi
		skip_all "no seed pages (FONDS_SEEDS=${FONDS_SEEDS:-})"
	fi
}

# Sanitizer builds run several times slower: scale the time limits.
SLOW=1
if grep -aq __asan_init "$FONDS_BIN" 2>/dev/null; then
	SLOW=4
	ASAN_BUILD=1
else
	ASAN_BUILD=
fi

# --- tmux ---------------------------------------------------------------

t_sock=
t_name=

have_tmux() {
	command -v tmux >/dev/null 2>&1
}

# t_start NAME COLS LINES CMD: run the shell command CMD in a new tmux
# server named after NAME; when it ends, its status goes to $tmp/NAME.exit.
t_start() {
	t_name=$1
	t_sock="fonds-test-$$-$1"
	f_socks="$f_socks $t_sock"
	rm -f "$tmp/$1.exit"
	tmux -L "$t_sock" -f /dev/null new-session -d -s f -x "$2" -y "$3" \
		"$4; echo \$? >'$tmp/$1.exit'; sleep 3600"
	tmux -L "$t_sock" set-option -t f status off >/dev/null 2>&1
	tmux -L "$t_sock" resize-window -t f -x "$2" -y "$3" >/dev/null 2>&1
}

# t_use NAME: talk to that server from now on.
t_use() {
	t_name=$1
	t_sock="fonds-test-$$-$1"
}

t_keys() {
	tmux -L "$t_sock" send-keys -t f "$@"
}

# Type text literally.
t_type() {
	tmux -L "$t_sock" send-keys -t f -l "$1"
}

t_screen() {
	tmux -L "$t_sock" capture-pane -p -t f "$@"
}

t_resize() {
	tmux -L "$t_sock" resize-window -t f -x "$1" -y "$2" >/dev/null 2>&1
}

# t_poll match|gone REGEX [TENTHS]: wait until the screen matches (or no
# longer matches) REGEX, 10 s by default, scaled for slow builds.
t_poll() {
	_i=0
	_n=$(( ${3:-100} * SLOW ))
	while [ "$_i" -lt "$_n" ]; do
		if t_screen 2>/dev/null | grep -Eq -- "$2"; then
			[ "$1" = match ] && return 0
		else
			[ "$1" = gone ] && return 0
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# t_wait REGEX [TENTHS]: wait until the screen matches.
t_wait() { t_poll match "$@"; }

# t_gone REGEX [TENTHS]: wait until the screen no longer matches.
t_gone() { t_poll gone "$@"; }

# t_exited [NAME [TENTHS]]: wait for the command to end; prints its status.
t_exited() {
	_i=0
	_n=$(( ${2:-100} * SLOW ))
	while [ "$_i" -lt "$_n" ]; do
		if [ -s "$tmp/${1:-$t_name}.exit" ]; then
			cat "$tmp/${1:-$t_name}.exit"
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

# t_screen_diag: the screen as TAP comments (TAP_ON_FAIL for tmux tests).
t_screen_diag() {
	echo "# screen:"
	t_screen 2>/dev/null | sed 's/^/#   |/'
}
