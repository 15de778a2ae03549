# tests/bench - the corpus generator, the benchmark harness and `make bench`
# (see tests/bench/bench.c for what it measures), and a smoke run of both at
# 10k documents in `make check` that asserts correctness, not time.

check_PROGRAMS += tests/bench/gen tests/bench/bench
tests_bench_gen_SOURCES = tests/bench/gen.c
tests_bench_gen_LDADD = -lm
tests_bench_bench_SOURCES = tests/bench/bench.c
tests_bench_bench_LDADD = $(FONDS_LIBS)

TESTS += tests/bench/smoke.sh
EXTRA_DIST += tests/bench/smoke.sh

# `make bench BENCH_N=100000` for a smaller run; BENCH_FLAGS=--reimport to
# import again into the cached database (and measure the import again).
BENCH_N = 1000000
BENCH_CACHE = $(abs_builddir)/tests/bench/cache
BENCH_FLAGS =

bench: fonds$(EXEEXT) tests/bench/gen$(EXEEXT) tests/bench/bench$(EXEEXT)
	FONDS_DATADIR='$(abs_top_srcdir)/share' ./tests/bench/bench$(EXEEXT) \
	  --fonds '$(abs_builddir)/fonds$(EXEEXT)' \
	  --gen '$(abs_builddir)/tests/bench/gen$(EXEEXT)' \
	  --cache '$(BENCH_CACHE)' -n $(BENCH_N) $(BENCH_FLAGS)
	$(MAKE) $(AM_MAKEFLAGS) bench-slow

.PHONY: bench

# The slow-link rows (tests/bench/slowlink.py, python3-pyte): fonds and
# less behind a pty read at 8, 4 and 2 KB/s on a 20,000-document
# collection; `make bench` runs them after the table above.
# `make bench-slow SLOW_RATES=4 SLOW_SCENARIOS=j` for one row.
BENCH_SLOW_N = 20000
SLOW_RATES = 8,4,2
SLOW_SCENARIOS = j,space,search
EXTRA_DIST += tests/bench/slowlink.py

bench-slow: fonds$(EXEEXT) tests/bench/gen$(EXEEXT)
	FONDS_DATADIR='$(abs_top_srcdir)/share' /usr/bin/python3 \
	  '$(abs_top_srcdir)/tests/bench/slowlink.py' \
	  --fonds '$(abs_builddir)/fonds$(EXEEXT)' \
	  --gen '$(abs_builddir)/tests/bench/gen$(EXEEXT)' \
	  --cache '$(BENCH_CACHE)' -n $(BENCH_SLOW_N) \
	  --rates '$(SLOW_RATES)' --scenario '$(SLOW_SCENARIOS)'

.PHONY: bench-slow
