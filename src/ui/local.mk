# ui module: the ncurses browser (src/ui) and its curses-free state
# (src/browse/, src/history.c, src/readpos.c).
libfonds_a_SOURCES += \
	src/browse/command.c \
	src/browse/filters.c \
	src/browse/history.c \
	src/browse/jump.c \
	src/browse/list.c \
	src/browse/person.c \
	src/browse/state.c \
	src/browse/timeline.c \
	src/browse/user.c \
	src/history.c \
	src/readpos.c \
	src/ui/app.c \
	src/ui/detail.c \
	src/ui/filter.c \
	src/ui/format.c \
	src/ui/handoff.c \
	src/ui/help.c \
	src/ui/keymap.c \
	src/ui/list.c \
	src/ui/people.c \
	src/ui/person.c \
	src/ui/prompt.c \
	src/ui/related.c \
	src/ui/screen.c \
	src/ui/timeline.c \
	src/ui/view.c
noinst_HEADERS += \
	src/browse/internal.h \
	src/ui/curs.h \
	src/ui/internal.h \
	src/ui/request.h

# The default key bindings are share/fondsrc, compiled in as a C string.
src/ui/fondsrc.inc: $(top_srcdir)/share/fondsrc
	$(AM_V_GEN)$(MKDIR_P) src/ui && \
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' \
		$(top_srcdir)/share/fondsrc > $@-t && mv $@-t $@
src/ui/keymap.$(OBJEXT): src/ui/fondsrc.inc
CLEANFILES += src/ui/fondsrc.inc
dist_pkgdata_DATA += share/fondsrc

check_PROGRAMS += tests/unit/test_browse tests/unit/test_ui tests/unit/test_app \
	tests/unit/test_history tests/unit/test_readpos
TESTS += tests/unit/test_browse tests/unit/test_ui tests/unit/test_app \
	tests/unit/test_history tests/unit/test_readpos
tests_unit_test_browse_LDADD = $(FONDS_LIBS)
tests_unit_test_ui_LDADD = $(FONDS_LIBS)
tests_unit_test_app_LDADD = $(FONDS_LIBS)
tests_unit_test_history_LDADD = $(FONDS_LIBS)
tests_unit_test_readpos_LDADD = $(FONDS_LIBS)

UI_E2E = \
	tests/e2e/browse_list.sh \
	tests/e2e/browse_timeline.sh \
	tests/e2e/browse_related.sh \
	tests/e2e/browse_search.sh \
	tests/e2e/browse_resize.sh \
	tests/e2e/browse_research.sh \
	tests/e2e/browse_person.sh \
	tests/e2e/browse_first_run.sh \
	tests/e2e/screen.sh
TESTS += $(UI_E2E)
EXTRA_DIST += $(UI_E2E) tests/e2e/lib.sh tests/e2e/screen.py

# the golden screens of test_app, the whole directory (FONDS_GOLDEN_UPDATE=1
# rewrites them; a new run's file needs no line here)
EXTRA_DIST += tests/golden
