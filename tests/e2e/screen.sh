#!/bin/sh
# screen.sh - the browser's bytes replayed in a terminal emulator
# (tests/e2e/screen.py, python3-pyte): accessible mode, colours, widths.
. "${FONDS_SRCDIR:-.}/tests/lib.sh"
if ! /usr/bin/python3 -c 'import pyte' 2>/dev/null; then
	skip_all "python3-pyte is not installed"
fi
[ -x "${FONDS_BIN:-}" ] || skip_all "fonds not built"
exec /usr/bin/python3 "${FONDS_SRCDIR:-.}/tests/e2e/screen.py"
