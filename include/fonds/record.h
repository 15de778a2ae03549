/* record.h - one archival record as an importer produces it.
 *
 * A record owns every string it points to. Importers fill records and hand
 * them to a sink (usually the store); record_clear() frees and re-zeroes.
 */
#ifndef FONDS_RECORD_H
#define FONDS_RECORD_H

#include "fonds/text.h"
#include "fonds/util.h"

struct record {
	char *id;        /* source id, or NULL: the store derives a stable one */
	char *date_text; /* the date as written in the source, or NULL */
	struct date date;
	char *title;
	char *summary;
	char *body;      /* full text */
	char *source;
	char *language;  /* several languages joined with "; " */
	char *url;
	char *type;      /* "Telegram", "Memorandum", ... when the source says */
	struct strlist people;
	struct strlist places;
	struct strlist subjects;
	struct strlist collections;
	struct strlist related; /* ids of explicitly linked records */
	long line;              /* line in the input where the record starts */
};

/* Free everything the record owns and zero it for reuse. */
void record_clear(struct record *r);

/* Set *field to a valid-UTF-8, trimmed copy of s[0..n) (NULL if empty),
 * freeing the old value. */
void record_set(char **field, const char *s, size_t n);

/* Append a trimmed, repaired copy of name to l unless empty or present. */
void record_add_name(struct strlist *l, const char *name);

/* 1 when the record has something to show: a title, summary or text. */
int record_usable(const struct record *r);

#endif
