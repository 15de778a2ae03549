/* ui.h - the ncurses browser's entry point. */
#ifndef FONDS_UI_H
#define FONDS_UI_H

#include "fonds/store.h"
#include "fonds/util.h"

struct ui_options {
	const char *query; /* initial search, or NULL */
	const char *open;  /* id of a document to open first, or NULL */
	const char *history; /* the history file; NULL: the default
	                        (history_default_path), "": none */
	const char *notice;  /* said on the status line at the start (the
	                        first run's), or NULL */
	const char *positions; /* where each document was left (readpos.h);
	                          NULL: the default (readpos_default_path),
	                          "": not kept across sessions */
	int accessible;      /* 1: accessible mode (--accessible), whatever
	                        fondsrc and TERM say */
};

/* Run the browser on s until the user quits. Needs a terminal on stdin
 * and stdout; returns 0, or -1 with e set (the terminal already restored)
 * when it cannot run. Saves the document in focus as the store's
 * "last_id" when it ends (also on SIGTERM and SIGHUP).
 *
 * Headless runs for tests: with FONDS_UI_SCRIPT=FILE set, curses draws on
 * /dev/null at FONDS_UI_SIZE (COLSxLINES, default 80x24) and no terminal
 * is needed; each line of FILE is a key name as in fondsrc ("j", "Enter",
 * "C-u"), "type TEXT", "resize COLSxLINES" or "dump", which appends the
 * screen as text and a "--" line to FONDS_UI_DUMP.
 * FONDS_SETTLE_FD=N (benchmarks): a byte goes to fd N when the screen settles. */
int ui_main(struct store *s, const struct ui_options *o, struct err *e);

#endif
