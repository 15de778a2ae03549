/* import-int.h - helpers shared by the import parsers (not a public API).
 *
 * The field table maps the column and key names of fonds' own shape and of
 * the archive API's shape to record fields; CSV headers, JSON objects and
 * format detection all read it.
 */
#ifndef FONDS_IMPORT_INT_H
#define FONDS_IMPORT_INT_H

#include <stddef.h>

#include "fonds/import.h"
#include "fonds/util.h"

/* The record field a name stands for. */
enum import_field {
	IF_NONE,
	IF_ID,
	IF_DATE,       /* date as written (date_text, parsed) */
	IF_DOC_DATE,   /* sortable date ("YYYYMMDD"), preferred for parsing */
	IF_FRONT_DATE, /* the API's human date (date_text) */
	IF_TITLE,
	IF_SUMMARY,
	IF_BODY,
	IF_PEOPLE,
	IF_PLACES,
	IF_SUBJECTS,
	IF_COLLECTIONS,
	IF_LANGUAGE,
	IF_SOURCE,
	IF_URL,
	IF_TYPE,
	IF_RELATED,
	IF_NFIELDS
};

/* One accepted name of a field. In the table, names of the same field
 * appear in order of preference (the first one present wins). */
struct import_name {
	const char *name;
	enum import_field field;
};

/* The name table, terminated by { NULL, IF_NONE }. */
extern const struct import_name import_names[];

/* Index in import_names of the name s[0..n) (ASCII case ignored, spaces
 * around it too), or -1. */
int import_name_find(const char *s, size_t n);

/* Format a warning and hand it to sink->warn (if any). */
void import_warn(struct import_sink *sink, const char *fmt, ...)
	FONDS_PRINTF(2, 3);

/* Give rec to the sink (deriving a missing title first), then clear it.
 * Returns what the sink returned. */
int import_emit(struct import_sink *sink, struct record *rec, struct err *e);

/* Split s[0..n) at ';' and add each trimmed, non-empty part to l. */
void import_add_list(struct strlist *l, const char *s, size_t n);

/* Set rec->language from a ';'-separated list, normalized to "a; b". */
void import_set_language(struct record *rec, const char *s, size_t n);

/* Set the record's date. text (may be NULL) is the date as written and
 * becomes date_text; sortable (may be NULL) is a "YYYYMMDD"-like value
 * preferred for parsing (and used as date_text when text is NULL). A date
 * that cannot be understood leaves the record undated and is reported as
 * "name:line: date \"...\" not understood". */
void import_set_date(struct record *rec, const char *text, const char *sortable,
                     struct import_sink *sink, const char *name, long line);

/* Text being built from markup (HTML, TEI): runs of white space become
 * one space, blocks are separated by one blank line at most, nothing
 * leads or trails. Zero-initialize; the text is in b. */
struct import_text {
	struct sbuf b;
	int space;   /* a space is due before the next character */
	int breaks;  /* newlines due before the next character (0, 1 or 2) */
	int pre;     /* keep white space as it is (<pre>) */
};

/* Add the characters of s (UTF-8) to o. */
void import_text_add(struct import_text *o, const char *s);

/* End the line (n 1) or paragraph (n 2) before the next character. */
void import_text_break(struct import_text *o, int n);

/* Separate table cells: a tab, unless a line is just beginning. */
void import_text_cell(struct import_text *o);

/* Copy s into buf (size n) for quoting in a message: repaired, control
 * characters replaced, cut with "..." when longer than n. Returns buf. */
char *import_quote(const char *s, size_t len, char *buf, size_t n);

#endif
