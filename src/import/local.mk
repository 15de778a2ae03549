libfonds_a_SOURCES += \
	src/import/record.c \
	src/import/reader.c \
	src/import/detect.c \
	src/import/page.c \
	src/import/json.c \
	src/import/csv.c
