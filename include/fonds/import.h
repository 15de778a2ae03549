/* import.h - readers for the input formats fonds understands.
 *
 * Each parser reads one input stream and turns it into struct record
 * values, handed one at a time to a sink. Parsers never touch the store or
 * the UI. A parser returns 0 when the whole input was read, or -1 with a
 * message naming the position of the first error ("name:12: ..." or
 * "name: byte 4096: ...") when the input cannot be read as its format; the
 * caller then rolls back everything the sink received for that input.
 */
#ifndef FONDS_IMPORT_H
#define FONDS_IMPORT_H

#include <stdio.h>

#include "fonds/record.h"
#include "fonds/util.h"

enum import_format { IMPORT_AUTO, IMPORT_PAGE, IMPORT_JSON, IMPORT_CSV };

/* Where parsed records go. */
struct import_sink {
	/* Take one record (the callee may steal its fields; the parser calls
	 * record_clear() afterwards). Return 0, or -1 with e set to stop. */
	int (*record)(void *ctx, struct record *r, struct err *e);
	/* A non-fatal problem, already formatted as "name:line: message". */
	void (*warn)(void *ctx, const char *msg);
	void *ctx;
};

/* A buffered input stream with look-ahead, line and byte counting. */
struct reader {
	FILE *fp;
	const char *name;  /* for messages: a file name or "-" */
	char *buf;
	size_t len, pos, cap;
	int eof;
	long line;         /* number of the line last returned (1-based) */
	long long offset;  /* bytes consumed before buf[pos] */
};

/* Start reading fp (not closed by the reader). */
void reader_init(struct reader *r, FILE *fp, const char *name);
void reader_free(struct reader *r);

/* Make at least n bytes available at r->buf + r->pos if the input has
 * them; returns how many are available. */
size_t reader_peek(struct reader *r, size_t n);

/* Read the next line without its "\n" or "\r\n" into out (reset first).
 * Returns 1 for a line, 0 at end of input, -1 on a read error or a NUL
 * byte (binary input), with e set. */
int reader_line(struct reader *r, struct sbuf *out, struct err *e);

/* Read the next byte, or -1 at end of input. */
int reader_getc(struct reader *r);

/* Guess the format from a name and the first bytes of the input. */
enum import_format import_detect(const char *name, const char *head, size_t n);

/* Parse a format name ("auto", "page", "json", "csv"); -1 if unknown. */
int import_format_parse(const char *s);

/* Saved search-result pages of a digital archive (see README). */
int import_page(struct reader *r, struct import_sink *sink, struct err *e);

/* JSON Lines or one JSON array, in fonds' shape or the archive API's. */
int import_json(struct reader *r, struct import_sink *sink, struct err *e);

/* CSV with a header row naming the fields; lists separated by ';'. */
int import_csv(struct reader *r, struct import_sink *sink, struct err *e);

/* Detect the format (when fmt is IMPORT_AUTO) and run its parser. */
int import_run(enum import_format fmt, struct reader *r,
               struct import_sink *sink, struct err *e);

/* Fill a record from one parsed JSON object (either shape); used by
 * import_json and the fuzzers. obj is a json_t *. Returns 0, or -1 with e
 * set when the value is not an object. Warnings go to sink->warn. */
int import_json_record(const void *obj, struct record *rec,
                       struct import_sink *sink, const char *name,
                       long line, struct err *e);

#endif
