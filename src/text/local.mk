libfonds_a_SOURCES += \
	src/text/utf8.c \
	src/text/width.c \
	src/text/fold.c \
	src/text/date.c

check_PROGRAMS += tests/unit/test_text tests/unit/test_date
TESTS += tests/unit/test_text tests/unit/test_date
tests_unit_test_text_LDADD = $(FONDS_LIBS)
tests_unit_test_date_LDADD = $(FONDS_LIBS)
