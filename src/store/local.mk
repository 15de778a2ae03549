libfonds_a_SOURCES += \
	src/store/internal.h \
	src/store/schema.c \
	src/store/store.c \
	src/store/put.c \
	src/store/query.c \
	src/store/search.c \
	src/store/facet.c \
	src/store/relate.c \
	src/store/people.c \
	src/store/tokenize.c \
	src/store/user.c

check_PROGRAMS += tests/unit/test_store tests/unit/test_query tests/unit/test_user
TESTS += tests/unit/test_store tests/unit/test_query tests/unit/test_user
tests_unit_test_store_LDADD = $(FONDS_LIBS)
tests_unit_test_query_LDADD = $(FONDS_LIBS)
tests_unit_test_user_LDADD = $(FONDS_LIBS)
