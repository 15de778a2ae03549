libfonds_a_SOURCES += \
	src/text/utf8.c \
	src/text/width.c \
	src/text/fold.c \
	src/text/date.c
