# cite module: citations of documents (Chicago, BibTeX, RIS, CSL-JSON)
libfonds_a_SOURCES += src/cite/cite.c

check_PROGRAMS += tests/unit/test_cite
TESTS += tests/unit/test_cite
tests_unit_test_cite_LDADD = $(FONDS_LIBS)
