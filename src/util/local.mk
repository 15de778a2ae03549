libfonds_a_SOURCES += src/util/util.c src/util/run.c
