# people: the name authority (share/people.txt and the user's own file)
# and the recognition of people in titles and summaries. No SQLite, no
# curses.
libfonds_a_SOURCES += \
	src/people/authority.c \
	src/people/recognize.c

noinst_HEADERS += \
	include/fonds/people.h \
	src/people/internal.h

check_PROGRAMS += tests/unit/test_people
TESTS += tests/unit/test_people
tests_unit_test_people_LDADD = $(FONDS_LIBS)

EXTRA_DIST += \
	tests/data/people/user.txt \
	tests/data/people/garbage.txt
