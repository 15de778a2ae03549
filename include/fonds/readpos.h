/* readpos.h - where the reader left each document, kept across sessions.
 *
 * One small text file, $XDG_STATE_HOME/fonds/positions (by default
 * ~/.local/state/fonds/positions): a line per document, oldest first,
 * "TEXT SECT OFF ID": which text was shown (the summary 0, the original
 * 1, the translation 2), and the place of the first line shown, width-free
 * (the section of the text and the byte where that line starts in it;
 * section 0: a line number of the header), then the document's id. Only
 * the most recent max documents are kept. Curses-free, so that unit tests
 * drive it. Reading never fails on what the file holds: lines that are
 * not entries (bad numbers, an id with control characters or invalid
 * UTF-8, too long) are skipped and counted.
 */
#ifndef FONDS_READPOS_H
#define FONDS_READPOS_H

#include <stddef.h>

#include "fonds/util.h"

/* The documents remembered unless told otherwise. */
#define READPOS_DEFAULT_MAX 500

/* The longest id kept, in bytes. */
#define READPOS_ID_MAX 1024

struct readpos_entry {
	char *id;
	int text;            /* 0 the summary, 1 the original, 2 the translation */
	int sect;            /* the section of the first line shown (0: header) */
	size_t off;          /* the byte of that line in it (sect 0: a line) */
	unsigned long seq;   /* 0: as read from the file; else the order in
	                        which this session set it */
};

/* The positions, oldest first, each document at most once. */
struct readpos {
	struct readpos_entry *v;
	size_t n, cap;
	size_t max;
	unsigned long seq;
};

/* An empty table that keeps at most max documents (0: the default). */
void readpos_init(struct readpos *p, size_t max);

/* Free the entries (p can be used again, empty). */
void readpos_free(struct readpos *p);

/* The position of document id, or NULL. */
const struct readpos_entry *readpos_get(const struct readpos *p, const char *id);

/* Remember that document id was left at (text, sect, off): it becomes the
 * newest, and past max the oldest is forgotten. An id that could not be
 * read back from the file (control characters, invalid UTF-8, too long,
 * empty) is ignored. */
void readpos_set(struct readpos *p, const char *id, int text, int sect, size_t off);

/* The file's path: $XDG_STATE_HOME/fonds/positions, else
 * ~/.local/state/fonds/positions; NULL when neither is usable. Caller
 * frees. */
char *readpos_default_path(void);

/* Add the entries of the file at path to p (a missing file adds nothing
 * and is no error). Returns the number of lines skipped, or -1 with e set
 * when the file exists but cannot be read. */
int readpos_load(struct readpos *p, const char *path, struct err *e);

/* Write p to path, creating its directory, through a new file renamed
 * over the old one (the file is always whole). Positions another session
 * saved meanwhile are kept, except for the documents this session set,
 * which are the newest. Returns 0, or -1 with e set. */
int readpos_save(const struct readpos *p, const char *path, struct err *e);

#endif
