# lib.sh - helpers for the end-to-end tests of the browser: the real
# binary in a private tmux server, driven with send-keys and read with
# capture-pane (the TAP and tmux helpers are tests/lib.sh's). Source it,
# then call e2e_init.
#
# Every test prints TAP. Without tmux (or without the binary) a test skips
# with "1..0 # SKIP". The tmux servers are killed at exit, whatever happens.

set -u
: "${FONDS_SRCDIR:=.}"
. "$FONDS_SRCDIR/tests/lib.sh"

e2e_runs=0
e2e_tmp=
db=

# Check the tools, make a database of the bundled collection in $db.
e2e_init() {
	have_tmux || skip_all "tmux is not installed"
	[ -n "${FONDS_BIN:-}" ] && [ -x "$FONDS_BIN" ] || skip_all "FONDS_BIN is not built"
	[ -f "${FONDS_DATADIR:-}/sample.jsonl" ] || skip_all "no share/sample.jsonl"
	tap_tmpdir e2e
	e2e_tmp=$tmp
	TAP_ON_FAIL=t_screen_diag
	db="$tmp/test.db"
	"$FONDS_BIN" --db "$db" import "$FONDS_DATADIR/sample.jsonl" \
		>"$tmp/import.log" 2>&1 ||
		skip_all "fonds import failed: $(head -n 1 "$tmp/import.log")"
}

# e2e_start [COLS LINES [ENV...]]: run the browser on $db in a new tmux
# server (a server still shutting down cannot be reused); its standard
# error goes to $e2e_tmp/stderr. With E2E_DBOPT= set empty it runs on the
# default database of the ENV given.
e2e_start() {
	cols=${1:-100}
	lines=${2:-30}
	[ $# -ge 2 ] && shift 2
	[ -n "$t_sock" ] && tmux -L "$t_sock" kill-server >/dev/null 2>&1
	e2e_runs=$((e2e_runs + 1))
	t_start "run$e2e_runs" "$cols" "$lines" \
		"env $* '$FONDS_BIN' ${E2E_DBOPT---db '$db'} 2>'$tmp/stderr'"
}

e2e_keys() { t_keys "$@"; }
e2e_type() { t_type "$1"; }
e2e_screen() { t_screen "$@"; }
e2e_resize() { t_resize "$1" "$2"; }

# e2e_wait REGEX [TENTHS]: wait until the screen matches (default 5 s).
e2e_wait() { t_wait "$1" "${2:-50}"; }

# e2e_gone REGEX [TENTHS]: wait until the screen no longer matches.
e2e_gone() { t_gone "$1" "${2:-50}"; }

# The browser is still running.
e2e_alive() {
	[ ! -f "$tmp/$t_name.exit" ]
}

# e2e_exited [TENTHS]: wait for the browser to end; prints its status.
e2e_exited() { t_exited "$t_name" "${1:-50}"; }

# The status line: one of the view names then the position.
E2E_STATUS=$STATUS_RE
