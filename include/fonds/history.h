/* history.h - the search and command history kept across sessions.
 *
 * One small text file, $XDG_STATE_HOME/fonds/history (by default
 * ~/.local/state/fonds/history): a line per entry, "/" and the text of a
 * search or ":" and a command, oldest first. Curses-free, so that unit
 * tests drive it. The file is other people's data as much as the
 * collection is (anyone may have written it): reading it never fails on
 * what it holds, and keeps only lines that are valid UTF-8 without
 * control characters, short enough, and at most max per kind.
 */
#ifndef FONDS_HISTORY_H
#define FONDS_HISTORY_H

#include <stddef.h>

#include "fonds/util.h"

/* The longest entry kept, in bytes; longer lines in the file are skipped. */
#define HISTORY_LINE_MAX 1024

/* The entries kept of each kind unless told otherwise. */
#define HISTORY_DEFAULT_MAX 200

/* Searches and commands, oldest first, each at most once. */
struct history {
	struct strlist search, command;
	size_t max; /* the most kept of each kind */
};

/* An empty history that keeps at most max entries of each kind (0: the
 * default). */
void history_init(struct history *h, size_t max);

/* Free the entries (the history can be used again, empty). */
void history_free(struct history *h);

/* Append s to l as its newest entry, removing an earlier copy and, past
 * max, the oldest; an empty s, or one that could not be read back from
 * the file (a control character, invalid UTF-8, too long), is ignored. */
void history_add(struct strlist *l, const char *s, size_t max);

/* The file's path: $XDG_STATE_HOME/fonds/history, else
 * ~/.local/state/fonds/history; NULL when neither variable is usable.
 * Caller frees. */
char *history_default_path(void);

/* Add the entries of the file at path to h, after those h has (a missing
 * file adds nothing and is no error). Returns the number of lines
 * skipped as unreadable, or -1 with e set when the file exists but cannot
 * be read. Reads at most the last megabyte of it. */
int history_load(struct history *h, const char *path, struct err *e);

/* Write h to path, creating its directory, through a new file in the
 * same directory that is renamed over the old one, so that the file is
 * always whole (the old or the new). Entries another session saved
 * meanwhile are kept, before ours. Returns 0, or -1 with e set (the
 * file's name and why). */
int history_save(const struct history *h, const char *path, struct err *e);

#endif
