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
	struct strlist uncertain; /* people named in passing (RECORD_PEOPLE_FOUND) */
	long line;              /* line in the input where the record starts */
	unsigned flags;         /* RECORD_* */
};

/* Flags telling how a record's fields were obtained. */
enum record_flags {
	/* The source gave no title; title was made from the summary's first
	 * sentence (or its first words and an ellipsis). Show it as such. */
	RECORD_TITLE_DERIVED = 1 << 0,
	/* People were recognised in the title and summary (store_recognize):
	 * people holds the canonical names, uncertain the names in passing. */
	RECORD_PEOPLE_FOUND = 1 << 1
};

/* Free everything the record owns and zero it for reuse. */
void record_clear(struct record *r);

/* Set *field to a valid-UTF-8, trimmed copy of s[0..n) (NULL if empty),
 * freeing the old value. */
void record_set(char **field, const char *s, size_t n);

/* The most names a record keeps in one list: more is not a record a
 * reader can use, and checking for repeats stays cheap. */
#define RECORD_MAX_NAMES 1000

/* Append a trimmed, repaired copy of name to l unless empty, present, or
 * l already holds RECORD_MAX_NAMES names. */
void record_add_name(struct strlist *l, const char *name);

/* When r has no title but a summary (or else a body), make a title from
 * its first sentence, or from its first words cut at a word boundary with
 * an ellipsis when that sentence is long, and set RECORD_TITLE_DERIVED.
 * Does nothing when r has a title or no text. */
void record_derive_title(struct record *r);

/* 1 when the record has something to show: a title, summary or text.
 * Importers hand every record they parse to their sink, usable or not;
 * the sink rejects (and reports) the ones for which this is 0. */
int record_usable(const struct record *r);

#endif
