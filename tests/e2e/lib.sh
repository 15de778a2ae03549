# lib.sh - helpers for the end-to-end tests of the browser: the real
# binary in a private tmux server, driven with send-keys and read with
# capture-pane. Source it, then call e2e_init.
#
# Every test prints TAP. Without tmux (or without the binary) a test skips
# with "1..0 # SKIP". The tmux server is killed at exit, whatever happens.

set -u

e2e_n=0
e2e_failed=0
e2e_base="fonds-test-$$"
e2e_runs=0
e2e_sock="$e2e_base"
e2e_tmp=
db=

ok() {
	e2e_n=$((e2e_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $e2e_n - $2"
	else
		echo "not ok $e2e_n - $2"
		e2e_failed=$((e2e_failed + 1))
		echo "# screen:"
		e2e_screen 2>/dev/null | sed 's/^/#   |/'
	fi
}

done_testing() {
	echo "1..$e2e_n"
	[ "$e2e_failed" -eq 0 ]
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

e2e_cleanup() {
	i=0
	while [ "$i" -le "$e2e_runs" ]; do
		tmux -L "$e2e_base-$i" kill-server >/dev/null 2>&1
		i=$((i + 1))
	done
	[ -n "$e2e_tmp" ] && rm -rf "$e2e_tmp"
}

# Check the tools, make a database of the bundled collection in $db.
e2e_init() {
	command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
	[ -n "${FONDS_BIN:-}" ] && [ -x "$FONDS_BIN" ] || skip_all "FONDS_BIN is not built"
	[ -f "${FONDS_DATADIR:-}/sample.jsonl" ] || skip_all "no share/sample.jsonl"
	e2e_tmp=$(mktemp -d "${TMPDIR:-/tmp}/fonds-e2e.XXXXXX") || exit 1
	trap e2e_cleanup EXIT
	trap 'exit 1' INT TERM HUP
	db="$e2e_tmp/test.db"
	"$FONDS_BIN" --db "$db" import "$FONDS_DATADIR/sample.jsonl" \
		>"$e2e_tmp/import.log" 2>&1 ||
		skip_all "fonds import failed: $(head -n 1 "$e2e_tmp/import.log")"
}

# e2e_start [COLS LINES [ENV...]]: run the browser on $db in a new session
# (with E2E_DBOPT= set empty, on the default database of the ENV given).
e2e_start() {
	cols=${1:-100}
	lines=${2:-30}
	[ $# -ge 2 ] && shift 2
	rm -f "$e2e_tmp/exit"
	# a new server each time: a server still shutting down cannot be reused
	tmux -L "$e2e_sock" kill-server >/dev/null 2>&1
	e2e_runs=$((e2e_runs + 1))
	e2e_sock="$e2e_base-$e2e_runs"
	tmux -L "$e2e_sock" -f /dev/null new-session -d -s fonds -x "$cols" -y "$lines" \
		"env $* '$FONDS_BIN' ${E2E_DBOPT---db '$db'} 2>'$e2e_tmp/stderr'; echo \$? >'$e2e_tmp/exit'; sleep 600"
	tmux -L "$e2e_sock" set-option -t fonds status off >/dev/null 2>&1
	tmux -L "$e2e_sock" resize-window -t fonds -x "$cols" -y "$lines" >/dev/null 2>&1
}

e2e_keys() {
	tmux -L "$e2e_sock" send-keys -t fonds "$@"
}

# Type text literally.
e2e_type() {
	tmux -L "$e2e_sock" send-keys -t fonds -l "$1"
}

e2e_screen() {
	tmux -L "$e2e_sock" capture-pane -p -t fonds
}

# e2e_wait REGEX [TENTHS]: wait until the screen matches (default 5 s).
e2e_wait() {
	i=0
	while [ "$i" -lt "${2:-50}" ]; do
		if e2e_screen 2>/dev/null | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# e2e_gone REGEX [TENTHS]: wait until the screen no longer matches.
e2e_gone() {
	i=0
	while [ "$i" -lt "${2:-50}" ]; do
		if ! e2e_screen 2>/dev/null | grep -Eq -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# The browser is still running.
e2e_alive() {
	[ ! -f "$e2e_tmp/exit" ]
}

# e2e_exited [TENTHS]: wait for the browser to end; prints its status.
e2e_exited() {
	i=0
	while [ "$i" -lt "${1:-50}" ]; do
		if [ -s "$e2e_tmp/exit" ]; then
			cat "$e2e_tmp/exit"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo none
	return 1
}

e2e_resize() {
	tmux -L "$e2e_sock" resize-window -t fonds -x "$1" -y "$2" >/dev/null 2>&1
}

# The status line: one of the view names then the position.
E2E_STATUS='^ (list|document|timeline|related|filters|help|person|people)'
