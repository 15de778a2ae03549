libfonds_a_SOURCES += \
	src/import/import-int.h \
	src/import/record.c \
	src/import/reader.c \
	src/import/common.c \
	src/import/detect.c \
	src/import/page.c \
	src/import/json.c \
	src/import/csv.c \
	src/import/html.c \
	src/import/tei.c

check_PROGRAMS += tests/unit/test_import
TESTS += tests/unit/test_import
tests_unit_test_import_SOURCES = tests/unit/test_import.c tests/unit/tap.h
tests_unit_test_import_LDADD = $(FONDS_LIBS)

IMPORT_FIXTURES = \
	tests/data/import/page-basic.txt \
	tests/data/import/page-cutoff.txt \
	tests/data/import/page-compact.txt \
	tests/data/import/fonds.jsonl \
	tests/data/import/api.json \
	tests/data/import/wrong-types.jsonl \
	tests/data/import/malformed.jsonl \
	tests/data/import/truncated.json \
	tests/data/import/basic.csv \
	tests/data/import/minimal.csv \
	tests/data/import/bad-row.csv \
	tests/data/import/unterminated.csv \
	tests/data/import/no-text.csv \
	tests/data/import/da-texts.json \
	tests/data/tei/volume.xml
EXTRA_DIST += $(IMPORT_FIXTURES)
