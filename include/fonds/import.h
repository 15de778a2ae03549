/* import.h - readers for the input formats fonds understands.
 *
 * Each parser reads one input stream and turns it into struct record
 * values, handed one at a time to a sink. Parsers never touch the store or
 * the UI. A parser returns 0 when the whole input was read, or -1 with a
 * message naming the position of the first error ("name:12: ..." or
 * "name: byte 4096: ...", bytes counted from 0) when the input cannot be
 * read as its format; the caller then rolls back everything the sink
 * received for that input.
 *
 * Input is untrusted. Invalid UTF-8 is repaired (U+FFFD), never fatal; a
 * NUL byte means binary input and rejects the whole input. Parsers stream:
 * they hold one record (and one line or JSON value) at a time, so memory
 * is bounded by the largest record, not by the input.
 *
 * Parsers hand the sink every record they parse, including ones with
 * nothing to show (no title, summary or text: record_usable() == 0); the
 * sink decides, and is expected to count those as rejected and warn. A
 * record without a title but with a summary gets a title derived from it
 * (record_derive_title()). Recoverable problems (a date that is not
 * understood, a JSON field of the wrong type) go to sink->warn and the
 * record is still emitted: a date not understood is kept in date_text and
 * the record is undated.
 */
#ifndef FONDS_IMPORT_H
#define FONDS_IMPORT_H

#include <stdio.h>

#include "fonds/record.h"
#include "fonds/util.h"

enum import_format { IMPORT_AUTO, IMPORT_PAGE, IMPORT_JSON, IMPORT_CSV, IMPORT_TEI };

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
	long line;         /* line of the last line or byte returned (1-based) */
	long long offset;  /* bytes consumed before buf[pos] */
	long nl;           /* newlines consumed */
	int err;           /* errno of a failed read, or 0 */
};

/* Start reading fp (not closed by the reader); name (borrowed, may be
 * NULL for "-") is used in messages. */
void reader_init(struct reader *r, FILE *fp, const char *name);

/* Free the reader's buffer (not fp). */
void reader_free(struct reader *r);

/* Make at least n bytes available at r->buf + r->pos if the input has
 * them; returns how many are available. */
size_t reader_peek(struct reader *r, size_t n);

/* Read the next line without its "\n" or "\r\n" into out (reset first).
 * Returns 1 for a line, 0 at end of input, -1 on a read error or a NUL
 * byte (binary input), with e set. */
int reader_line(struct reader *r, struct sbuf *out, struct err *e);

/* Read the next byte, or -1 at end of input or on a read error (tell them
 * apart with reader_error()). A NUL byte is returned as 0; callers reject
 * it with reader_binary(). */
int reader_getc(struct reader *r);

/* Return -1 with e set ("name: read error: ...") if reading failed, else 0. */
int reader_error(const struct reader *r, struct err *e);

/* Set e to "name: byte N: binary input (NUL byte) ..." for the byte at
 * offset off and return -1. */
int reader_binary(const struct reader *r, long long off, struct err *e);

/* Guess the format from a name and the first bytes of the input: by
 * extension (.json .jsonl .ndjson, .csv, .txt, .xml .tei), else by
 * content ("<?xml" or "<TEI" first: TEI; '{' or
 * '[' first: JSON; a first line of comma-separated known field names:
 * CSV; anything else: page). Never returns IMPORT_AUTO. */
enum import_format import_detect(const char *name, const char *head, size_t n);

/* Parse a format name ("auto", "page", "json", "csv", "tei"; also
 * "jsonl", "ndjson", "txt", "xml"), ignoring case; -1 if unknown. */
int import_format_parse(const char *s);

/* Saved search-result pages of a digital archive (see the seeds' README):
 * header and pagination noise is dropped; a record is a date line, a title
 * line and a summary paragraph, or a date line and a summary (compact
 * pages: the title is derived), or a date and a title; a record cut off
 * before its date line at the top of the page is imported undated. */
int import_page(struct reader *r, struct import_sink *sink, struct err *e);

/* JSON Lines (one object per line) or one top-level array of objects
 * (streamed element by element), in fonds' shape or the archive API's; see
 * import_json_record(). Malformed JSON rejects the input with its line and
 * column. */
int import_json(struct reader *r, struct import_sink *sink, struct err *e);

/* CSV (RFC 4180) with a header row naming the fields as in fonds' JSON
 * shape (any case; also "description", "doc_date"); lists and related ids
 * separated by ';'; unknown columns ignored. A row whose field count
 * differs from the header's, an unterminated quote, or a header without
 * a title, summary or text column rejects the input. */
int import_csv(struct reader *r, struct import_sink *sink, struct err *e);

/* The largest HTML text import_html_text() parses (larger ones are kept
 * as they are). */
#define IMPORT_HTML_MAX (64u << 20)

/* 1 when s[0..n) holds HTML markup: a known tag (<p>, </span>, <br/>,
 * ...), a comment or doctype, or an entity (&quot;, &#171;). Text with a
 * bare '<' or '&' is not markup. */
int import_html_is_markup(const char *s, size_t n);

/* The clean text of the HTML in s[0..n), or NULL when it holds no markup
 * (the text is then to be kept exactly as it is). Paragraphs and blocks
 * are separated by a blank line; <br>, list items and table rows end a
 * line, table cells are separated by a tab; entities are decoded;
 * <style>, <script> and <head> are dropped. With links, each link's text
 * and address (not a "#..." one) are appended to it, in that order. No
 * network, no file, no entity beyond HTML's own; caller frees. */
char *import_html_text(const char *s, size_t n, struct strlist *links);

/* Turn every field and text of r that holds HTML into clean text (one
 * line for the title and source), and list the links' addresses as texts
 * of kind "link". Does nothing to a record marked RECORD_PLAIN. */
void import_html_record(struct record *r);

/* A TEI XML volume of Foreign Relations of the United States (see
 * tei.c): one record per div type="document", with its notes, pages,
 * people, terms, citations and the volume's citation. Read in streaming
 * with libxml2: no network, no DTD, no entity expansion; a DOCTYPE, an
 * entity reference or nesting deeper than 200 is refused. Malformed XML
 * rejects the input with its line and column. */
int import_tei(struct reader *r, struct import_sink *sink, struct err *e);

/* Detect the format (when fmt is IMPORT_AUTO) and run its parser. */
int import_run(enum import_format fmt, struct reader *r,
               struct import_sink *sink, struct err *e);

/* Fill a record from one parsed JSON object (either shape); used by
 * import_json and the fuzzers. obj is a json_t *; rec should start zeroed
 * (fields it already has are replaced, lists appended to). Returns 0, or
 * -1 with e set when the value is not an object. Warnings go to
 * sink->warn (sink may be NULL).
 *
 * fonds' shape: id, date, title, summary, text, people, places, subjects,
 * collections, language, source, url, type, related (lists may be a
 * single string; ids may be numbers). The archive API's shape: id,
 * title, description (summary), doc_date ("YYYYMMDD", preferred for the
 * date), frontend_doc_date (kept as date_text), lists of {name} objects
 * or strings in subjects, collections, original_coverages (places),
 * creators and contributors (people), languages (joined "; "), links and
 * attachments ({id} objects or ids: related), source (string or {name}),
 * repositories (source when there is none), type (string or {name}),
 * url/uri, text/body/full_text/transcript (body). classifications are
 * security markings, not topics, and are ignored, as are unknown fields.
 * A field of the wrong type is warned about and ignored. */
int import_json_record(const void *obj, struct record *rec,
                       struct import_sink *sink, const char *name,
                       long line, struct err *e);

#endif
