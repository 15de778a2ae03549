# cli module: the non-interactive commands (main.c is in Makefile.am)
libfonds_a_SOURCES += \
	src/cli/cli.c \
	src/cli/common.c \
	src/cli/output.c \
	src/cli/import.c \
	src/cli/search.c \
	src/cli/show.c \
	src/cli/related.c \
	src/cli/timeline.c \
	src/cli/export.c \
	src/cli/stats.c \
	src/cli/people.c \
	src/cli/mark.c \
	src/cli/tag.c \
	src/cli/saved.c \
	src/cli/note.c \
	src/cli/cite.c \
	src/cli/userdata.c \
	src/cli/excerpts.c \
	src/cli/notebook.c
noinst_HEADERS += src/cli/internal.h

dist_man_MANS += share/fonds.1

CLI_TESTS = \
	tests/cli/usage.sh \
	tests/cli/import.sh \
	tests/cli/search.sh \
	tests/cli/show.sh \
	tests/cli/timeline.sh \
	tests/cli/export.sh \
	tests/cli/stats.sh \
	tests/cli/seeds.sh \
	tests/cli/default-db.sh \
	tests/cli/safety.sh \
	tests/cli/people.sh \
	tests/cli/texts.sh \
	tests/cli/research.sh \
	tests/cli/cite.sh \
	tests/cli/notebook.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/cli/lib.sh

check_PROGRAMS += tests/unit/test_cli
TESTS += tests/unit/test_cli
tests_unit_test_cli_LDADD = $(FONDS_LIBS)
