# tests/fuzz - libFuzzer harnesses, one per target (configure CC=clang
# --enable-fuzzing, then `make fuzz`; see tests/fuzz/README), and the
# replay of their seed corpora and saved crashes, which `make check` runs
# in every build.

FUZZ_TARGETS = page json csv date query sanitize fold html tei
FUZZ_HARNESSES = \
	tests/fuzz/fuzz_page.c \
	tests/fuzz/fuzz_json.c \
	tests/fuzz/fuzz_csv.c \
	tests/fuzz/fuzz_date.c \
	tests/fuzz/fuzz_query.c \
	tests/fuzz/fuzz_sanitize.c \
	tests/fuzz/fuzz_fold.c \
	tests/fuzz/fuzz_html.c \
	tests/fuzz/fuzz_tei.c
FUZZ_COMMON = tests/fuzz/fuzz.h tests/fuzz/common.c

check_PROGRAMS += tests/unit/test_fuzz_regress
TESTS += tests/unit/test_fuzz_regress
tests_unit_test_fuzz_regress_SOURCES = tests/unit/test_fuzz_regress.c \
	$(FUZZ_COMMON) $(FUZZ_HARNESSES)
tests_unit_test_fuzz_regress_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_REPLAY
tests_unit_test_fuzz_regress_LDADD = $(FONDS_LIBS)

EXTRA_DIST += tests/fuzz/README tests/fuzz/corpus tests/fuzz/regress \
	tests/fuzz/page.dict tests/fuzz/json.dict tests/fuzz/csv.dict \
	tests/fuzz/date.dict tests/fuzz/query.dict tests/fuzz/html.dict \
	tests/fuzz/tei.dict

# Seconds per harness for `make fuzz`, and extra libFuzzer options
# (e.g. FUZZ_FLAGS=-max_len=65536, or -jobs=4 -workers=4).
FUZZ_SECONDS = 60
FUZZ_FLAGS =
FUZZ_SAN = -fsanitize=fuzzer,address,undefined

if FUZZING
FUZZ_PROGS = \
	tests/fuzz/fuzz_page tests/fuzz/fuzz_json tests/fuzz/fuzz_csv \
	tests/fuzz/fuzz_date tests/fuzz/fuzz_query tests/fuzz/fuzz_sanitize \
	tests/fuzz/fuzz_fold tests/fuzz/fuzz_html tests/fuzz/fuzz_tei
# (the only definition of noinst_PROGRAMS; should another module need
# one, define it empty in Makefile.am and make this a +=)
noinst_PROGRAMS = $(FUZZ_PROGS)

tests_fuzz_fuzz_page_SOURCES = tests/fuzz/fuzz_page.c $(FUZZ_COMMON)
tests_fuzz_fuzz_page_CFLAGS = $(AM_CFLAGS) $(FUZZ_SAN)
tests_fuzz_fuzz_page_LDFLAGS = $(FUZZ_SAN)
tests_fuzz_fuzz_page_LDADD = $(FONDS_LIBS)

tests_fuzz_fuzz_json_SOURCES = tests/fuzz/fuzz_json.c $(FUZZ_COMMON)
tests_fuzz_fuzz_json_CFLAGS = $(AM_CFLAGS) $(FUZZ_SAN)
tests_fuzz_fuzz_json_LDFLAGS = $(FUZZ_SAN)
tests_fuzz_fuzz_json_LDADD = $(FONDS_LIBS)

tests_fuzz_fuzz_csv_SOURCES = tests/fuzz/fuzz_csv.c $(FUZZ_COMMON)
tests_fuzz_fuzz_csv_CFLAGS = $(AM_CFLAGS) $(FUZZ_SAN)
tests_fuzz_fuzz_csv_LDFLAGS = $(FUZZ_SAN)
tests_fuzz_fuzz_csv_LDADD = $(FONDS_LIBS)

tests_fuzz_fuzz_date_SOURCES = tests/fuzz/fuzz_date.c $(FUZZ_COMMON)
tests_fuzz_fuzz_date_CFLAGS = $(AM_CFLAGS) $(FUZZ_SAN)
tests_fuzz_fuzz_date_LDFLAGS = $(FUZZ_SAN)
tests_fuzz_fuzz_date_LDADD = $(FONDS_LIBS)

tests_fuzz_fuzz_query_SOURCES = tests/fuzz/fuzz_query.c $(FUZZ_COMMON)
tests_fuzz_fuzz_query_CFLAGS = $(AM_CFLAGS) $(FUZZ_SAN)
tests_fuzz_fuzz_query_LDFLAGS = $(FUZZ_SAN)
tests_fuzz_fuzz_query_LDADD = $(FONDS_LIBS)

tests_fuzz_fuzz_sanitize_SOURCES = tests/fuzz/fuzz_sanitize.c $(FUZZ_COMMON)
tests_fuzz_fuzz_sanitize_CFLAGS = $(AM_CFLAGS) $(FUZZ_SAN)
tests_fuzz_fuzz_sanitize_LDFLAGS = $(FUZZ_SAN)
tests_fuzz_fuzz_sanitize_LDADD = $(FONDS_LIBS)

tests_fuzz_fuzz_fold_SOURCES = tests/fuzz/fuzz_fold.c $(FUZZ_COMMON)
tests_fuzz_fuzz_fold_CFLAGS = $(AM_CFLAGS) $(FUZZ_SAN)
tests_fuzz_fuzz_fold_LDFLAGS = $(FUZZ_SAN)
tests_fuzz_fuzz_fold_LDADD = $(FONDS_LIBS)

tests_fuzz_fuzz_html_SOURCES = tests/fuzz/fuzz_html.c $(FUZZ_COMMON)
tests_fuzz_fuzz_html_CFLAGS = $(AM_CFLAGS) $(FUZZ_SAN)
tests_fuzz_fuzz_html_LDFLAGS = $(FUZZ_SAN)
tests_fuzz_fuzz_html_LDADD = $(FONDS_LIBS)

tests_fuzz_fuzz_tei_SOURCES = tests/fuzz/fuzz_tei.c $(FUZZ_COMMON)
tests_fuzz_fuzz_tei_CFLAGS = $(AM_CFLAGS) $(FUZZ_SAN)
tests_fuzz_fuzz_tei_LDFLAGS = $(FUZZ_SAN)
tests_fuzz_fuzz_tei_LDADD = $(FONDS_LIBS)

# Run each harness for FUZZ_SECONDS over a scratch copy of its corpus
# (tests/fuzz/work/TARGET in the build directory, kept between runs);
# crashes go to tests/fuzz/crashes/. Fails if any harness found one.
fuzz: $(FUZZ_PROGS)
	@$(MKDIR_P) tests/fuzz/work tests/fuzz/crashes; fail=0; \
	for t in $(FUZZ_TARGETS); do \
	  work=tests/fuzz/work/$$t; log=tests/fuzz/work/$$t.log; \
	  $(MKDIR_P) $$work; \
	  cp -p $(srcdir)/tests/fuzz/corpus/$$t/* $$work/ 2>/dev/null; \
	  dict=; \
	  if test -f $(srcdir)/tests/fuzz/$$t.dict; then \
	    dict=-dict=$(srcdir)/tests/fuzz/$$t.dict; fi; \
	  echo "fuzz $$t: $(FUZZ_SECONDS) s over $$work (log: $$log)"; \
	  if ./tests/fuzz/fuzz_$$t $$dict -max_total_time=$(FUZZ_SECONDS) \
	      -timeout=10 -print_final_stats=1 \
	      -artifact_prefix=tests/fuzz/crashes/$$t- $(FUZZ_FLAGS) \
	      $$work >$$log 2>&1; then :; else \
	    fail=1; echo "  FAILED: see $$log and tests/fuzz/crashes/"; fi; \
	  grep -E '^#[0-9]+' $$log | tail -n 1 | sed 's/^/  /'; \
	  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' $$log | \
	    sed 's/^/  /'; \
	done; exit $$fail

fuzz-clean:
	-rm -rf tests/fuzz/work tests/fuzz/crashes
else
fuzz fuzz-clean:
	@echo "the fuzzers need clang and libFuzzer: configure CC=clang --enable-fuzzing" >&2; exit 1
endif

.PHONY: fuzz fuzz-clean
