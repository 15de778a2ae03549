/* json.c - JSON Lines and JSON arrays of records.
 *
 * Nothing here loads a whole file: JSON Lines are parsed a line at a time,
 * and a top-level array is split into its elements by a small scanner that
 * follows strings, escapes and nesting, so that jansson only ever sees one
 * element. Positions in messages are those of the file, not the element.
 */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fonds/import.h"
#include "fonds/text.h"
#include "import/import-int.h"

/* What import_json_record() fills in while walking one object. */
struct jctx {
	struct record *rec;
	struct import_sink *sink;
	const char *name;
	long line;
	int best[IF_NFIELDS];           /* import_names index of the value kept */
	const json_t *val[IF_NFIELDS];  /* the value kept for a scalar field */
	struct strlist langs;
};

static const char *json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

static void wrong_type(struct jctx *c, const char *key, const char *want,
                       const json_t *v)
{
	import_warn(c->sink, "%s:%ld: field \"%s\": expected %s, found %s; ignored",
	            c->name, c->line, key, want, json_kind(v));
}

/* Write a number as an id ("123"); 0 if it is not a whole number. */
static int number_id(const json_t *v, char *buf, size_t n)
{
	if (json_is_integer(v)) {
		snprintf(buf, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return 1;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);

		if (isfinite(d) && d == floor(d) && fabs(d) < 1e18) {
			snprintf(buf, n, "%.0f", d);
			return 1;
		}
	}
	return 0;
}

/* The name in a list item: a string, or an object's "name" ("title",
 * "value"); NULL when there is none. For ids (want_id), an object's "id"
 * and numbers count instead; buf holds a formatted number. */
static const char *item_text(const json_t *v, int want_id, char *buf, size_t n,
                             size_t *len)
{
	static const char *const name_keys[] = { "name", "title", "value" };

	if (json_is_string(v)) {
		*len = json_string_length(v);
		return json_string_value(v);
	}
	if (want_id && number_id(v, buf, n)) {
		*len = strlen(buf);
		return buf;
	}
	if (json_is_object(v)) {
		if (want_id)
			return item_text(json_object_get(v, "id"), 1, buf, n, len);
		for (size_t i = 0; i < ARRAY_LEN(name_keys); i++) {
			const json_t *s = json_object_get(v, name_keys[i]);

			if (json_is_string(s)) {
				*len = json_string_length(s);
				return json_string_value(s);
			}
		}
	}
	return NULL;
}

static struct strlist *list_of(struct record *rec, enum import_field f)
{
	switch (f) {
	case IF_PEOPLE: return &rec->people;
	case IF_PLACES: return &rec->places;
	case IF_SUBJECTS: return &rec->subjects;
	case IF_COLLECTIONS: return &rec->collections;
	case IF_RELATED: return &rec->related;
	default: return NULL;
	}
}

/* Add the names (or ids) of a list field: a list of strings or objects,
 * or a single string (split at ';') or id. */
static void add_list(struct jctx *c, struct strlist *l, const char *key,
                     const json_t *v, int want_id)
{
	char buf[64];
	size_t len, i;
	const json_t *item;
	int bad = 0;

	if (json_is_null(v))
		return;
	if (!json_is_array(v)) {
		const char *s = item_text(v, want_id, buf, sizeof buf, &len);

		if (s && json_is_object(v) == 0)
			import_add_list(l, s, len);
		else if (s)
			record_add_name(l, s);
		else
			wrong_type(c, key, "a string or a list", v);
		return;
	}
	json_array_foreach(v, i, item) {
		const char *s = item_text(item, want_id, buf, sizeof buf, &len);

		if (s) {
			char *t = text_repair(s, len);

			record_add_name(l, t);
			free(t);
		} else if (!json_is_null(item) && !bad) {
			bad = 1;
			import_warn(c->sink,
			            "%s:%ld: field \"%s\": item %zu is %s, not %s; "
			            "ignored",
			            c->name, c->line, key, i + 1, json_kind(item),
			            want_id ? "an id" : "a name");
		}
	}
}

/* 1 when v may be kept for the scalar field f (warns when it may not). */
static int scalar_ok(struct jctx *c, enum import_field f, const char *key,
                     const json_t *v)
{
	char buf[64];

	switch (f) {
	case IF_ID:
		if (json_is_string(v) || number_id(v, buf, sizeof buf))
			return 1;
		wrong_type(c, key, "a string or a whole number", v);
		return 0;
	case IF_DATE:
	case IF_DOC_DATE:
		if (json_is_string(v) || json_is_integer(v))
			return 1;
		wrong_type(c, key, "a string", v);
		return 0;
	case IF_TYPE:
	case IF_SOURCE:
		if (json_is_string(v))
			return 1;
		if (json_is_object(v) || (json_is_array(v) && f == IF_SOURCE)) {
			size_t len;
			const json_t *o = json_is_array(v) ? json_array_get(v, 0) : v;

			if (o && item_text(o, 0, buf, sizeof buf, &len))
				return 1;
			if (json_is_array(v) && json_array_size(v) == 0)
				return 0;
		}
		wrong_type(c, key, "a string or an object with a name", v);
		return 0;
	default:
		if (json_is_string(v))
			return 1;
		wrong_type(c, key, "a string", v);
		return 0;
	}
}

/* Set a string field from the kept value of f. */
static void set_from(struct jctx *c, enum import_field f, char **field)
{
	const json_t *v = c->val[f];
	size_t len = 0;
	char buf[64];
	const char *s;

	if (!v)
		return;
	if (json_is_array(v))
		v = json_array_get(v, 0);
	s = item_text(v, 0, buf, sizeof buf, &len);
	if (s)
		record_set(field, s, len);
}

/* The kept value of a date field as a string (caller frees), or NULL. */
static char *date_string(const json_t *v)
{
	char buf[64];

	if (!v)
		return NULL;
	if (json_is_string(v))
		return text_repair(json_string_value(v), json_string_length(v));
	if (number_id(v, buf, sizeof buf))
		return xstrdup(buf);
	return NULL;
}

static void add_languages(struct jctx *c, const char *key, const json_t *v)
{
	add_list(c, &c->langs, key, v, 0);
}

/* The name in a {name: ...} object or a string, or NULL. */
static const char *name_of(const json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_object(v)) {
		const json_t *n = json_object_get(v, "name");

		return json_is_string(n) ? json_string_value(n) : NULL;
	}
	return NULL;
}

/* The texts of a document: the archive API's "transcripts" and
 * "translations" (objects with raw, html or text and maybe a language;
 * or plain strings), and fonds' own "texts" ({kind, language, label,
 * text}). A transcript without a language is in the record's first. */
static void add_texts(struct jctx *c, const char *key, const json_t *v)
{
	const char *kind = strcmp(key, "transcripts") == 0 ? RECORD_TEXT_ORIGINAL
	                   : strcmp(key, "translations") == 0 ? RECORD_TEXT_TRANSLATION
	                                                      : NULL;
	size_t i;
	const json_t *t;

	if (json_is_object(v) || json_is_string(v)) {
		json_t *one = json_array();

		json_array_append((json_t *)one, (json_t *)v);
		add_texts(c, key, one);
		json_decref(one);
		return;
	}
	if (!json_is_array(v)) {
		import_warn(c->sink, "%s:%ld: \"%s\" should be a list of texts, not %s; ignored",
		            c->name, c->line, key, json_kind(v));
		return;
	}
	json_array_foreach((json_t *)v, i, t) {
		const char *body = NULL, *lang = NULL, *label = NULL, *k = kind;

		if (json_is_string(t))
			body = json_string_value(t);
		else if (json_is_object(t)) {
			static const char *const fields[] = { "raw", "html", "text", "body", "content" };

			for (size_t f = 0; f < ARRAY_LEN(fields) && !body; f++) {
				const json_t *b = json_object_get(t, fields[f]);

				if (json_is_string(b))
					body = json_string_value(b);
			}
			lang = name_of(json_object_get(t, "language"));
			label = name_of(json_object_get(t, "label"));
			if (!k)
				k = name_of(json_object_get(t, "kind"));
		}
		if (!k || (strcmp(k, RECORD_TEXT_ORIGINAL) && strcmp(k, RECORD_TEXT_TRANSLATION) &&
		           strcmp(k, RECORD_TEXT_NOTE) && strcmp(k, RECORD_TEXT_LINK) &&
		           strcmp(k, RECORD_TEXT_CITATION))) {
			import_warn(c->sink, "%s:%ld: a text of \"%s\" has no known kind; ignored",
			            c->name, c->line, key);
			continue;
		}
		/* an entry that only names a file (id, filename) holds no text */
		if (!body)
			continue;
		if (!lang && strcmp(k, RECORD_TEXT_TRANSLATION) == 0 && kind)
			lang = "English";
		record_add_text(c->rec, k, lang, label, body);
	}
}

int import_json_record(const void *obj, struct record *rec,
                       struct import_sink *sink, const char *name,
                       long line, struct err *e)
{
	const json_t *o = obj, *v;
	const char *key;
	struct jctx c;
	char *text, *sortable = NULL, buf[64];

	if (!name)
		name = "-";
	if (!json_is_object(o))
		return err_set(e, "%s:%ld: expected a JSON object (a record), found %s",
		               name, line, o ? json_kind(o) : "nothing");
	memset(&c, 0, sizeof c);
	c.rec = rec;
	c.sink = sink;
	c.name = name;
	c.line = line;
	for (int f = 0; f < IF_NFIELDS; f++)
		c.best[f] = -1;
	rec->line = line;

	json_object_foreach((json_t *)o, key, v) {
		int idx = import_name_find(key, strlen(key));
		enum import_field f;

		if (json_is_null(v))
			continue;
		if (strcmp(key, "transcripts") == 0 || strcmp(key, "translations") == 0 ||
		    strcmp(key, "texts") == 0) {
			add_texts(&c, key, v);
			continue;
		}
		if (strcmp(key, "cites") == 0 && json_is_array(v)) {
			size_t i;
			const json_t *t;

			json_array_foreach((json_t *)v, i, t) {
				if (json_is_string(t))
					record_add_cite(rec, json_string_value(t), NULL);
				else if (json_is_object(t) && name_of(json_object_get(t, "id")))
					record_add_cite(rec, name_of(json_object_get(t, "id")),
					                name_of(json_object_get(t, "reason")));
			}
			continue;
		}
		if (idx < 0)
			continue;
		f = import_names[idx].field;
		switch (f) {
		case IF_PEOPLE:
		case IF_PLACES:
		case IF_SUBJECTS:
		case IF_COLLECTIONS:
			add_list(&c, list_of(rec, f), key, v, 0);
			break;
		case IF_RELATED:
			add_list(&c, list_of(rec, f), key, v, 1);
			break;
		case IF_LANGUAGE:
			add_languages(&c, key, v);
			break;
		default:
			if (c.best[f] >= 0 && c.best[f] < idx)
				break;
			if (scalar_ok(&c, f, key, v)) {
				c.best[f] = idx;
				c.val[f] = v;
			}
			break;
		}
	}

	if (c.val[IF_ID]) {
		if (json_is_string(c.val[IF_ID]))
			record_set(&rec->id, json_string_value(c.val[IF_ID]),
			           json_string_length(c.val[IF_ID]));
		else if (number_id(c.val[IF_ID], buf, sizeof buf))
			record_set(&rec->id, buf, strlen(buf));
	}
	set_from(&c, IF_TITLE, &rec->title);
	set_from(&c, IF_SUMMARY, &rec->summary);
	set_from(&c, IF_BODY, &rec->body);
	set_from(&c, IF_SOURCE, &rec->source);
	set_from(&c, IF_URL, &rec->url);
	set_from(&c, IF_TYPE, &rec->type);
	if (c.langs.n > 0) {
		struct sbuf b = { 0 };

		for (size_t i = 0; i < c.langs.n; i++) {
			if (i > 0)
				sbuf_add(&b, "; ");
			sbuf_add(&b, c.langs.v[i]);
		}
		free(rec->language);
		rec->language = sbuf_take(&b);
	}
	strlist_clear(&c.langs);
	/* a transcript without a language is in the document's language */
	for (size_t i = 0; rec->language && i < rec->texts.n; i++) {
		struct record_text *t = &rec->texts.v[i];

		if (!t->language && strcmp(t->kind, RECORD_TEXT_ORIGINAL) == 0) {
			size_t n = strcspn(rec->language, ";");

			t->language = xstrndup(rec->language, n);
		}
	}

	/* the date as written: fonds' "date" string, else the API's
	 * frontend_doc_date; parsed from doc_date (or a numeric "date") */
	text = NULL;
	if (c.val[IF_DATE] && json_is_string(c.val[IF_DATE]) &&
	    c.val[IF_FRONT_DATE] && json_is_string(c.val[IF_FRONT_DATE])) {
		/* fonds export: "date" normalized, "date_text" as written */
		text = date_string(c.val[IF_FRONT_DATE]);
		if (!c.val[IF_DOC_DATE])
			sortable = date_string(c.val[IF_DATE]);
	} else if (c.val[IF_DATE] && json_is_string(c.val[IF_DATE]))
		text = date_string(c.val[IF_DATE]);
	else if (c.val[IF_FRONT_DATE])
		text = date_string(c.val[IF_FRONT_DATE]);
	if (c.val[IF_DOC_DATE])
		sortable = date_string(c.val[IF_DOC_DATE]);
	else if (sortable)
		;
	else if (c.val[IF_DATE] && !json_is_string(c.val[IF_DATE]))
		sortable = date_string(c.val[IF_DATE]);
	if (text || sortable)
		import_set_date(rec, text, sortable, sink, name, line);
	free(text);
	free(sortable);
	return 0;
}

/* ---- reading ------------------------------------------------------- */

/* Parse one JSON value held in s[0..n) that starts at line, column col
 * of the file, and hand the record it holds to the sink. */
static int parse_value(struct reader *r, struct import_sink *sink,
                       const char *s, size_t n, long line, long col,
                       int jsonl, struct err *e)
{
	json_error_t jerr;
	json_t *v;
	char *fixed = NULL;
	struct record rec = { 0 };
	int rc;

	if (!text_is_valid(s, n)) {
		fixed = text_repair(s, n);
		s = fixed;
		n = strlen(fixed);
	}
	v = json_loadb(s, n, JSON_ALLOW_NUL | JSON_DECODE_ANY, &jerr);
	if (!v) {
		long l = jerr.line > 0 ? line + jerr.line - 1 : line;
		long c = jerr.column > 0 ? jerr.column : 1;
		int premature =
			json_error_code(&jerr) == json_error_premature_end_of_input;

		if (jerr.line <= 1)
			c += col - 1;
		free(fixed);
		return err_set(e, "%s:%ld: column %ld: %s%s", r->name, l, c,
		               jerr.text,
		               jsonl && premature
		                       ? " (in JSON Lines each record must be "
		                         "one line)"
		                       : "");
	}
	free(fixed);
	rc = import_json_record(v, &rec, sink, r->name, line, e);
	json_decref(v);
	if (rc == 0)
		rc = import_emit(sink, &rec, e);
	record_clear(&rec);
	return rc;
}

static int read_lines(struct reader *r, struct import_sink *sink,
                      struct err *e)
{
	struct sbuf line = { 0 };
	int got, rc = 0;

	while ((got = reader_line(r, &line, e)) > 0) {
		size_t i = 0;

		while (i < line.len && strchr(" \t\r\f\v", line.s[i]))
			i++;
		if (i == line.len)
			continue;
		if (parse_value(r, sink, line.s, line.len, r->line, 1, 1, e) < 0) {
			rc = -1;
			break;
		}
	}
	if (got < 0)
		rc = -1;
	sbuf_free(&line);
	return rc;
}

/* Position tracking for the array scanner. */
struct scan {
	struct reader *r;
	long col; /* bytes consumed on the current line */
};

static int scan_peek(struct scan *sc)
{
	if (reader_peek(sc->r, 1) == 0)
		return -1;
	return (unsigned char)sc->r->buf[sc->r->pos];
}

static int scan_getc(struct scan *sc)
{
	int c = reader_getc(sc->r);

	if (c == '\n')
		sc->col = 0;
	else if (c >= 0)
		sc->col++;
	return c;
}

static int is_json_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skip white space; return the next byte (not consumed) or -1. */
static int scan_skip(struct scan *sc)
{
	int c;

	while ((c = scan_peek(sc)) >= 0 && is_json_space(c))
		scan_getc(sc);
	return c;
}

/* Collect one array element into out; line and column of its start go
 * to *line and *col. */
static int scan_element(struct scan *sc, struct sbuf *out, long *line,
                        long *col, struct err *e)
{
	struct reader *r = sc->r;
	int depth = 0, in_str = 0, esc = 0, c;

	sbuf_reset(out);
	*line = r->nl + 1;
	*col = sc->col + 1;
	while ((c = scan_peek(sc)) >= 0) {
		if (c == 0)
			return reader_binary(r, r->offset, e);
		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth == 0)
				return 0;
			if (--depth == 0) {
				sbuf_addc(out, (char)scan_getc(sc));
				return 0;
			}
		} else if (depth == 0 && (c == ',' || is_json_space(c))) {
			return 0;
		}
		sbuf_addc(out, (char)scan_getc(sc));
	}
	if (reader_error(r, e) < 0)
		return -1;
	if (depth > 0 || in_str)
		return err_set(e,
		               "%s:%ld: column %ld: this %s is not closed before "
		               "the end of the input (truncated file?)",
		               r->name, *line, *col,
		               in_str && depth == 0 ? "string"
		               : out->len && out->s[0] == '[' ? "array" : "object");
	return 0;
}

static int read_array(struct reader *r, struct import_sink *sink,
                      struct err *e)
{
	struct scan sc = { r, 0 };
	struct sbuf el = { 0 };
	int c, first = 1, rc = -1;
	long open_line;

	scan_skip(&sc);
	open_line = r->nl + 1;
	scan_getc(&sc); /* '[' */
	for (;;) {
		long line, col;

		c = scan_skip(&sc);
		if (c < 0) {
			if (reader_error(r, e) == 0)
				err_set(e,
				        "%s:%ld: the array that starts on line %ld is "
				        "not closed before the end of the input "
				        "(truncated file?)",
				        r->name, r->nl + 1, open_line);
			goto out;
		}
		if (c == 0) {
			reader_binary(r, r->offset, e);
			goto out;
		}
		if (c == ']') {
			if (!first) {
				/* a trailing comma */
				err_set(e, "%s:%ld: column %ld: a value is expected "
				        "after ','", r->name, r->nl + 1, sc.col + 1);
				goto out;
			}
			scan_getc(&sc);
			break;
		}
		if (scan_element(&sc, &el, &line, &col, e) < 0)
			goto out;
		if (el.len == 0) {
			err_set(e, "%s:%ld: column %ld: unexpected '%c'", r->name,
			        line, col, c);
			goto out;
		}
		if (parse_value(r, sink, el.s, el.len, line, col, 0, e) < 0)
			goto out;
		first = 0;
		c = scan_skip(&sc);
		if (c == ',') {
			scan_getc(&sc);
			continue;
		}
		if (c == ']') {
			scan_getc(&sc);
			break;
		}
		if (c < 0) {
			if (reader_error(r, e) == 0)
				err_set(e,
				        "%s:%ld: the array that starts on line %ld is "
				        "not closed before the end of the input "
				        "(truncated file?)",
				        r->name, r->nl + 1, open_line);
			goto out;
		}
		if (c == 0) {
			reader_binary(r, r->offset, e);
			goto out;
		}
		err_set(e, "%s:%ld: column %ld: ',' or ']' expected after an "
		        "array element", r->name, r->nl + 1, sc.col + 1);
		goto out;
	}
	c = scan_skip(&sc);
	if (c == 0) {
		reader_binary(r, r->offset, e);
		goto out;
	}
	if (c > 0) {
		err_set(e, "%s:%ld: column %ld: end of input expected after the "
		        "array", r->name, r->nl + 1, sc.col + 1);
		goto out;
	}
	if (reader_error(r, e) < 0)
		goto out;
	rc = 0;
out:
	sbuf_free(&el);
	return rc;
}

int import_json(struct reader *r, struct import_sink *sink, struct err *e)
{
	size_t avail = reader_peek(r, 3), i = 0;

	if (avail >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0) {
		r->pos += 3;
		r->offset += 3;
	}
	/* The first byte that is not white space tells an array from lines.
	 * Look for it without consuming (so that columns stay right), unless
	 * there is more white space than is worth keeping in memory. */
	for (;;) {
		avail = reader_peek(r, i + 1);
		if (avail <= i)
			break;
		if (!is_json_space((unsigned char)r->buf[r->pos + i]))
			break;
		if (++i >= 65536) {
			while (i-- > 0)
				reader_getc(r);
			i = 0;
		}
	}
	if (reader_error(r, e) < 0)
		return -1;
	if (avail > i && r->buf[r->pos + i] == '[')
		return read_array(r, sink, e);
	return read_lines(r, sink, e);
}
