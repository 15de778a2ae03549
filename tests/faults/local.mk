# tests/faults - hostile input, faults and signals (issue 6): hostile
# records shown in tmux, on a raw pseudo-terminal and by the commands;
# kill -9 during imports, hang-ups, read-only, full, locked, damaged and
# newer databases, broken configuration, odd terminals, many browsers at
# once, a browsing session under valgrind.
#
# ptyrun drives a program on a pseudo-terminal and scans what it wrote;
# dbtool is the little of the sqlite3 shell the tests need.
check_PROGRAMS += tests/faults/ptyrun tests/faults/dbtool
tests_faults_ptyrun_SOURCES = tests/faults/ptyrun.c
tests_faults_dbtool_SOURCES = tests/faults/dbtool.c
tests_faults_dbtool_LDADD = $(FONDS_LIBS)

FAULT_TESTS = \
	tests/faults/hostile_tmux.sh \
	tests/faults/hostile_pty.sh \
	tests/faults/hostile_cli.sh \
	tests/faults/kill_import.sh \
	tests/faults/signals.sh \
	tests/faults/notes.sh \
	tests/faults/readonly.sh \
	tests/faults/disk_full.sh \
	tests/faults/locked.sh \
	tests/faults/bad_db.sh \
	tests/faults/config.sh \
	tests/faults/terminals.sh \
	tests/faults/load.sh \
	tests/faults/valgrind.sh
TESTS += $(FAULT_TESTS)
EXTRA_DIST += $(FAULT_TESTS) tests/faults/lib.sh tests/faults/README \
	tests/data/hostile/README tests/data/hostile/hostile.jsonl \
	tests/data/hostile/hostile.csv tests/data/hostile/hostile-page.txt
