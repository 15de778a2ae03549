/* csv.c - comma-separated values with a header row (RFC 4180).
 *
 * Fields may be quoted ("a, b", "say ""hi""", line breaks inside); a
 * quote inside an unquoted field is taken literally, and so is text after
 * a closing quote ("a"b reads as ab). Rows are read one at a time; a row
 * holds at most as many fields as the header (more are only counted).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fonds/import.h"
#include "fonds/text.h"
#include "import/import-int.h"

struct csv {
	struct reader *r;
	struct sbuf *f;   /* fields of the current row */
	size_t nf;        /* fields in the current row (may exceed nkept) */
	size_t cap;       /* allocated entries of f */
	size_t keep;      /* store at most this many fields (0: no limit) */
	int quoted0;      /* the first field was quoted */
	long line;        /* line where the current row starts */
};

/* Start a new field in the current row. */
static void new_field(struct csv *cv)
{
	cv->nf++;
	if (cv->keep && cv->nf > cv->keep)
		return;
	if (cv->nf > cv->cap) {
		size_t old = cv->cap;

		array_reserve((void **)&cv->f, &cv->cap, cv->nf, sizeof *cv->f, 16);
		memset(cv->f + old, 0, (cv->cap - old) * sizeof *cv->f);
	}
	sbuf_reset(&cv->f[cv->nf - 1]);
}

static void add_byte(struct csv *cv, int c)
{
	if (cv->keep && cv->nf > cv->keep)
		return;
	sbuf_addc(&cv->f[cv->nf - 1], (char)c);
}

/* The next byte is '\n': consume it (after a '\r'). */
static void eat_lf(struct reader *r)
{
	if (reader_peek(r, 1) > 0 && r->buf[r->pos] == '\n')
		reader_getc(r);
}

enum { ST_START, ST_PLAIN, ST_QUOTED, ST_QUOTE };

/* Read one row. Returns 1 for a row, 0 at end of input, -1 with e set. */
static int csv_row(struct csv *cv, struct err *e)
{
	struct reader *r = cv->r;
	int st = ST_START, c;
	long quote_line = 0;

	cv->nf = 0;
	cv->quoted0 = 0;
	c = reader_getc(r);
	if (c < 0)
		return reader_error(r, e) < 0 ? -1 : 0;
	cv->line = r->line;
	new_field(cv);
	for (; c >= 0; c = reader_getc(r)) {
		if (c == 0)
			return reader_binary(r, r->offset - 1, e);
		switch (st) {
		case ST_START:
			if (c == '"') {
				st = ST_QUOTED;
				quote_line = r->line;
				if (cv->nf == 1)
					cv->quoted0 = 1;
				break;
			}
			st = ST_PLAIN;
			/* fall through */
		case ST_PLAIN:
			if (c == ',') {
				new_field(cv);
				st = ST_START;
			} else if (c == '\n') {
				return 1;
			} else if (c == '\r') {
				eat_lf(r);
				return 1;
			} else {
				add_byte(cv, c);
			}
			break;
		case ST_QUOTED:
			if (c == '"') {
				st = ST_QUOTE;
			} else if (c == '\r' && reader_peek(r, 1) > 0 &&
			           r->buf[r->pos] == '\n') {
				/* "\r\n" in a field becomes "\n" */
			} else {
				add_byte(cv, c);
			}
			break;
		case ST_QUOTE:
			if (c == '"') {
				add_byte(cv, '"');
				st = ST_QUOTED;
			} else if (c == ',') {
				new_field(cv);
				st = ST_START;
			} else if (c == '\n') {
				return 1;
			} else if (c == '\r') {
				eat_lf(r);
				return 1;
			} else {
				add_byte(cv, c);
				st = ST_PLAIN;
			}
			break;
		}
	}
	if (reader_error(r, e) < 0)
		return -1;
	if (st == ST_QUOTED)
		return err_set(e,
		               "%s:%ld: a quoted field that starts here is not "
		               "closed before the end of the input",
		               r->name, quote_line);
	return 1;
}

/* 1 when the row is an empty line. */
static int row_blank(const struct csv *cv)
{
	return cv->nf == 1 && cv->f[0].len == 0 && !cv->quoted0;
}

/* What one header column feeds. */
struct column {
	int name;              /* index in import_names, -1: ignored */
	enum import_field field;
};

/* For scalar fields: the column whose non-empty value has the most
 * preferred name. */
static const struct sbuf *best_value(const struct csv *cv,
                                     const struct column *cols, size_t n,
                                     enum import_field f)
{
	int best = -1;
	const struct sbuf *v = NULL;

	for (size_t i = 0; i < n; i++) {
		const struct sbuf *b = &cv->f[i];
		size_t k = 0;

		if (cols[i].field != f || (best >= 0 && cols[i].name >= best))
			continue;
		while (k < b->len && strchr(" \t\r\n", b->s[k]))
			k++;
		if (k == b->len)
			continue;
		best = cols[i].name;
		v = b;
	}
	return v;
}

static void set_field(char **field, const struct sbuf *b)
{
	if (b)
		record_set(field, b->s, b->len);
}

static int csv_record(struct csv *cv, const struct column *cols, size_t n,
                      struct import_sink *sink, struct err *e)
{
	struct record rec = { 0 };
	const struct sbuf *date, *front, *sortable;
	char *text = NULL, *sort = NULL;

	rec.line = cv->line;
	set_field(&rec.id, best_value(cv, cols, n, IF_ID));
	set_field(&rec.title, best_value(cv, cols, n, IF_TITLE));
	set_field(&rec.summary, best_value(cv, cols, n, IF_SUMMARY));
	set_field(&rec.body, best_value(cv, cols, n, IF_BODY));
	set_field(&rec.source, best_value(cv, cols, n, IF_SOURCE));
	set_field(&rec.url, best_value(cv, cols, n, IF_URL));
	set_field(&rec.type, best_value(cv, cols, n, IF_TYPE));
	{
		const struct sbuf *lang = best_value(cv, cols, n, IF_LANGUAGE);

		if (lang)
			import_set_language(&rec, lang->s, lang->len);
	}
	for (size_t i = 0; i < n; i++) {
		const struct sbuf *b = &cv->f[i];

		switch (cols[i].field) {
		case IF_PEOPLE: import_add_list(&rec.people, b->s, b->len); break;
		case IF_PLACES: import_add_list(&rec.places, b->s, b->len); break;
		case IF_SUBJECTS: import_add_list(&rec.subjects, b->s, b->len); break;
		case IF_COLLECTIONS:
			import_add_list(&rec.collections, b->s, b->len);
			break;
		case IF_RELATED: import_add_list(&rec.related, b->s, b->len); break;
		default: break;
		}
	}
	date = best_value(cv, cols, n, IF_DATE);
	front = best_value(cv, cols, n, IF_FRONT_DATE);
	sortable = best_value(cv, cols, n, IF_DOC_DATE);
	if (date && date->len && front && front->len) {
		/* fonds export: "date" normalized, "date_text" as written */
		text = text_repair(front->s, front->len);
		if (!sortable)
			sortable = date;
	} else if (date)
		text = text_repair(date->s, date->len);
	else if (front)
		text = text_repair(front->s, front->len);
	if (sortable)
		sort = text_repair(sortable->s, sortable->len);
	if (text || sort)
		import_set_date(&rec, text, sort, sink, cv->r->name, cv->line);
	free(text);
	free(sort);
	return import_emit(sink, &rec, e);
}

int import_csv(struct reader *r, struct import_sink *sink, struct err *e)
{
	struct csv cv;
	struct column *cols = NULL;
	size_t ncols = 0, avail;
	int got, rc = -1, text_col = 0;

	memset(&cv, 0, sizeof cv);
	cv.r = r;
	avail = reader_peek(r, 3);
	if (avail >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0) {
		r->pos += 3;
		r->offset += 3;
	}
	/* the header: the first row that is not blank */
	while ((got = csv_row(&cv, e)) > 0 && row_blank(&cv))
		;
	if (got < 0)
		goto out;
	if (got == 0) {
		rc = 0; /* empty input: no records */
		goto out;
	}
	ncols = cv.nf;
	cols = xcalloc(ncols, sizeof *cols);
	for (size_t i = 0; i < ncols; i++) {
		int idx = import_name_find(sbuf_str(&cv.f[i]), cv.f[i].len);

		cols[i].name = idx;
		cols[i].field = idx >= 0 ? import_names[idx].field : IF_NONE;
		if (cols[i].field == IF_TITLE || cols[i].field == IF_SUMMARY ||
		    cols[i].field == IF_BODY)
			text_col = 1;
	}
	if (!text_col) {
		err_set(e, "%s:%ld: no title, summary or text column in the header",
		        r->name, cv.line);
		goto out;
	}
	cv.keep = ncols;
	while ((got = csv_row(&cv, e)) > 0) {
		if (row_blank(&cv))
			continue;
		if (cv.nf != ncols) {
			err_set(e, "%s:%ld: row has %zu field%s, header has %zu",
			        r->name, cv.line, cv.nf, cv.nf == 1 ? "" : "s",
			        ncols);
			goto out;
		}
		if (csv_record(&cv, cols, ncols, sink, e) < 0)
			goto out;
	}
	if (got == 0)
		rc = 0;
out:
	for (size_t i = 0; i < cv.cap; i++)
		sbuf_free(&cv.f[i]);
	free(cv.f);
	free(cols);
	return rc;
}
