/* query.h - the one query language of the CLI and the browser.
 *
 *   words            all must match (case and accents folded)
 *   "a phrase"       the words in this order
 *   prefix*          any word starting with prefix
 *   -word            exclude (also -"a phrase", -person:NAME)
 *   a OR b           either (binds tighter than the implicit AND)
 *   person:NAME place:NAME subject:NAME collection:NAME language:NAME id:ID
 *                    field terms; NAME may be quoted: person:"Kim Il Sung"
 *   date:FROM..TO    either end open or a year, month or day
 *                    (date:1950-06..1950-12, date:..1953, date:1956)
 *   is:read is:unread is:bookmarked has:note has:excerpt
 *                    the reader's marks
 *   tag:NAME         the reader's tag; note:WORDS words in the reader's notes
 *   @NAME            a saved search (the store expands it)
 *
 * A parsed query is a conjunction of clauses; each clause is a disjunction
 * of atoms. Browser filters are just more clauses. Nothing here knows SQL:
 * the store compiles a query.
 */
#ifndef FONDS_QUERY_H
#define FONDS_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "fonds/util.h"

enum qkind {
	Q_WORD,   /* a plain word */
	Q_PHRASE, /* a quoted phrase */
	Q_PREFIX, /* word* */
	Q_FIELD,  /* field:value */
	Q_DATE    /* date:from..to */
};

/* Field terms; the first ones line up with enum facet in store.h. */
enum qfield {
	QF_PERSON,
	QF_PLACE,
	QF_SUBJECT,
	QF_COLLECTION,
	QF_LANGUAGE,
	QF_ID,
	QF_TAG,   /* the reader's tag */
	QF_NOTE,  /* words in the reader's note */
	QF_IS,    /* read, unread, bookmarked */
	QF_HAS,   /* note, excerpt */
	QF_SAVED, /* @NAME: a saved search, written without a field name */
	QF_NFIELDS
};

struct qatom {
	enum qkind kind;
	enum qfield field; /* Q_FIELD only */
	int neg;           /* excluded (-word) */
	char *text;        /* the word, phrase, prefix (without '*') or value */
	int32_t from, to;  /* Q_DATE: yyyymmdd bounds, 0 when open */
};

struct qclause {
	struct qatom *atoms; /* OR'ed together */
	size_t n;
};

struct query {
	struct qclause *v;   /* AND'ed together */
	size_t n;
};

/* Parse text into a new query (caller frees with query_free). On a syntax
 * error returns -1 with a message that quotes the offending word, e.g.
 * 'unknown field "persn:" (try person:, place:, subject:, ...)'. */
int query_parse(const char *text, struct query **out, struct err *e);

/* An empty query (matches everything). Caller frees. */
struct query *query_new(void);

/* Deep copy. Caller frees. */
struct query *query_dup(const struct query *q);

void query_free(struct query *q);

/* Append a clause with one field atom (a browser or CLI filter). */
void query_add_field(struct query *q, enum qfield f, const char *value, int neg);

/* Append a date clause; 0 leaves an end open. */
void query_add_dates(struct query *q, int32_t from, int32_t to);

/* Append all clauses of other (copied) to q. */
void query_append(struct query *q, const struct query *other);

/* Remove clause i. */
void query_remove(struct query *q, size_t i);

/* 1 when the query matches everything. */
int query_is_empty(const struct query *q);

/* The days every document of q must lie within, from its date clauses
 * (each one date range, not excluded; several narrow each other), in
 * *from and *to: yyyymmdd bounds, 0 where no clause bounds that end. */
void query_date_bounds(const struct query *q, int32_t *from, int32_t *to);

/* 1 when an atom of q is a field term of field f. */
int query_has_field(const struct query *q, enum qfield f);

/* 1 when the query has text terms (FTS): rank order makes sense. */
int query_has_text(const struct query *q);

/* Write the query back in its own syntax (for status lines and
 * history). Caller frees. */
char *query_format(const struct query *q);

/* Name of a field ("person"), or NULL. */
const char *query_field_name(enum qfield f);

/* Field for a name ("person", "people", "place", ...), or -1. */
int query_field_parse(const char *name);

#endif
