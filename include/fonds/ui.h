/* ui.h - the ncurses browser's entry point. */
#ifndef FONDS_UI_H
#define FONDS_UI_H

#include "fonds/store.h"
#include "fonds/util.h"

struct ui_options {
	const char *query; /* initial search, or NULL */
	const char *open;  /* id of a document to open first, or NULL */
};

/* Run the browser on s until the user quits. Needs a terminal on stdin
 * and stdout; returns 0, or -1 with e set (the terminal already restored)
 * when it cannot run. */
int ui_main(struct store *s, const struct ui_options *o, struct err *e);

#endif
