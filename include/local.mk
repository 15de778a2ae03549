noinst_HEADERS += \
	include/fonds/util.h \
	include/fonds/text.h \
	include/fonds/record.h \
	include/fonds/import.h \
	include/fonds/store.h \
	include/fonds/query.h \
	include/fonds/cli.h \
	include/fonds/browse.h \
	include/fonds/history.h \
	include/fonds/readpos.h \
	include/fonds/ui.h \
	include/fonds/cite.h
