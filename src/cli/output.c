/* output.c - safe printing, wrapping, JSON Lines and CSV for the commands. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/internal.h"
#include "fonds/text.h"

int cli_format_parse(const char *opt, const char *s, unsigned allowed,
                     struct err *e)
{
	static const char *const names[] = { "text", "json", "csv" };
	struct sbuf list = { 0 };
	size_t i;
	int f = -1;

	for (i = 0; i < ARRAY_LEN(names); i++)
		if ((allowed & (1u << i)) && strcmp(s, names[i]) == 0)
			f = (int)i;
	if (f >= 0)
		return f;
	for (i = 0; i < ARRAY_LEN(names); i++) {
		if (!(allowed & (1u << i)))
			continue;
		if (list.len)
			sbuf_add(&list, ", ");
		sbuf_add(&list, names[i]);
	}
	err_set(e, "%s: unknown format \"%s\" (use %s)", opt, s, sbuf_str(&list));
	sbuf_free(&list);
	return -1;
}

/* --- safe text --------------------------------------------------------- */

static int san_flags(const struct cli *c)
{
	return c->out_tty && !c->utf8 ? TEXT_SAN_ASCII : 0;
}

/* Fold line breaks, tabs and runs of spaces into single spaces, trimmed,
 * so that a title or a snippet stays on its line. */
static void one_line(struct sbuf *b, const char *s)
{
	int space = 0;

	for (; *s; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t' || *s == ' ') {
			space = b->len > 0;
			continue;
		}
		if (space)
			sbuf_addc(b, ' ');
		space = 0;
		sbuf_addc(b, *s);
	}
}

char *cli_safe_line(const struct cli *c, const char *s)
{
	struct sbuf b = { 0 };
	char *out;

	one_line(&b, s ? s : "");
	out = text_sanitize(sbuf_str(&b), b.len, san_flags(c));
	sbuf_free(&b);
	return out;
}

char *cli_safe_text(const struct cli *c, const char *s)
{
	if (!s)
		s = "";
	return text_sanitize(s, strlen(s), san_flags(c) | TEXT_SAN_NEWLINES);
}

static const char *ellipsis(const struct cli *c, int *w)
{
	if (c->utf8 || !c->out_tty) {
		*w = 1;
		return "\xe2\x80\xa6";
	}
	*w = 3;
	return "...";
}

void cli_put_clipped(const struct cli *c, const char *s, int cols)
{
	const char *ell;
	size_t n;
	int ew;

	if (cols <= 0 || text_width(s) <= cols) {
		fputs(s, stdout);
		return;
	}
	ell = ellipsis(c, &ew);
	if (cols <= ew) {
		n = text_clip(s, cols, NULL);
		fwrite(s, 1, n, stdout);
		return;
	}
	n = text_clip(s, cols - ew, NULL);
	fwrite(s, 1, n, stdout);
	fputs(ell, stdout);
}

void cli_put_padded(const struct cli *c, const char *s, int width, int clip)
{
	int w = text_width(s);

	if (clip && w > width) {
		cli_put_clipped(c, s, width);
		return;
	}
	fputs(s, stdout);
	for (; w < width; w++)
		putchar(' ');
}

/* The store marks the matched words of a snippet with these. */
#define MARK_START '\002'
#define MARK_END '\003'

char *cli_snippet_plain(const char *s)
{
	struct sbuf b = { 0 };

	for (; s && *s; s++)
		if (*s != MARK_START && *s != MARK_END)
			sbuf_addc(&b, *s);
	return sbuf_take(&b);
}

void cli_put_snippet(const struct cli *c, const char *s, int cols)
{
	struct sbuf line = { 0 };
	const char *p, *ell;
	char *piece;
	size_t n, len;
	int used = 0, w, ew, hl = 0, stop = 0;

	one_line(&line, s ? s : "");
	ell = ellipsis(c, &ew);
	for (p = sbuf_str(&line); *p && !stop; p += len) {
		if (*p == MARK_START || *p == MARK_END) {
			hl = *p == MARK_START;
			len = 1;
			continue;
		}
		len = strcspn(p, "\002\003");
		piece = text_sanitize(p, len, san_flags(c));
		w = text_width(piece);
		n = strlen(piece);
		if (cols > 0 && used + w > cols) {
			n = text_clip(piece, cols - ew - used > 0 ? cols - ew - used : 0, NULL);
			stop = 1;
		}
		if (hl && c->highlight)
			fputs("\033[1m", stdout);
		fwrite(piece, 1, n, stdout);
		if (hl && c->highlight)
			fputs("\033[0m", stdout);
		used += w;
		free(piece);
	}
	if (stop)
		fputs(ell, stdout);
	sbuf_free(&line);
}

void cli_put_wrapped(const char *s, int indent, int width)
{
	struct text_line *lines = NULL;
	size_t n, i;

	if (width <= 0) {
		/* Not wrapped: indent every line of the text. */
		const char *p = s, *nl;

		do {
			nl = strchr(p, '\n');
			printf("%*s%.*s\n", indent, "",
			       (int)(nl ? (size_t)(nl - p) : strlen(p)), p);
			p = nl ? nl + 1 : NULL;
		} while (p);
		return;
	}
	n = text_wrap(s, width - indent > 10 ? width - indent : 10, &lines);
	for (i = 0; i < n; i++)
		printf("%*s%.*s\n", indent, "", (int)lines[i].len, s + lines[i].off);
	free(lines);
}

/* --- dates and numbers ------------------------------------------------- */

const char *cli_date(const struct date *d, char *buf, size_t n)
{
	if (d->prec == DATE_UNDATED) {
		snprintf(buf, n, "undated");
		return buf;
	}
	return text_format_date(d, buf, n);
}

const char *cli_thousands(long long n, char *buf, size_t size)
{
	char tmp[32];
	size_t len, i, o = 0;
	int neg = n < 0;

	snprintf(tmp, sizeof tmp, "%llu", neg ? -(unsigned long long)n :
	         (unsigned long long)n);
	len = strlen(tmp);
	if (size < len + len / 3 + 2) {
		snprintf(buf, size, "%lld", n);
		return buf;
	}
	if (neg)
		buf[o++] = '-';
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

/* --- JSON -------------------------------------------------------------- */

/* Write code point cp as a JSON escape (a surrogate pair above U+FFFF). */
static void put_json_escape(uint32_t cp)
{
	if (cp > 0xFFFF) {
		cp -= 0x10000;
		printf("\\u%04X\\u%04X", (unsigned)(0xD800 + (cp >> 10)),
		       (unsigned)(0xDC00 + (cp & 0x3FF)));
	} else {
		printf("\\u%04X", (unsigned)cp);
	}
}

void cli_json_line(void *v)
{
	json_t *j = v;
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	size_t i, n, len;
	int marks = 0;

	json_decref(j);
	if (!s)
		die("cannot write JSON (out of memory?)");
	/* jansson escapes C0 controls; escape everything else a terminal
	 * might act on, hide or reorder text with (DEL, C1 controls, bidi
	 * and other format characters, line separators, private use, ...)
	 * and combining marks past the few a character can carry. Non-ASCII
	 * and DEL only occur inside strings, where \uXXXX means the same
	 * character: the output stays exact, and is inert on a terminal. */
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		uint32_t cp;
		enum text_char_kind k;

		if ((unsigned char)s[i] < 0x7F) {
			putchar(s[i]);
			marks = 0;
			n = 1;
			continue;
		}
		n = text_next(s + i, len - i, &cp);
		k = text_char_kind(cp);
		if (k == TEXT_CHAR_MARK && ++marks <= TEXT_MAX_MARKS)
			k = TEXT_CHAR_PLAIN;
		else if (k != TEXT_CHAR_MARK)
			marks = 0;
		if (k == TEXT_CHAR_PLAIN)
			fwrite(s + i, 1, n, stdout);
		else
			put_json_escape(cp);
	}
	putchar('\n');
	free(s);
}

const char *const cli_doc_fields[] = {
	"id", "date", "date_text", "title", "summary", "text", "people",
	"places", "subjects", "collections", "language", "type", "source",
	"url", "related"
};
const size_t cli_doc_nfields = ARRAY_LEN(cli_doc_fields);

int cli_doc_links(struct store *s, const struct doc *d, struct strlist *out,
                  struct err *e)
{
	return store_links(s, d->key, out, e);
}

void *cli_json_str(const char *s)
{
	json_t *v;

	if (!s)
		return json_null();
	/* Strings from the store are valid UTF-8; repair anything else
	 * rather than lose the whole document. */
	v = json_string(s);
	if (!v) {
		char *r = text_repair(s, strlen(s));

		v = json_string(r);
		free(r);
	}
	return v ? v : json_null();
}

static json_t *jlist(const struct strlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, cli_json_str(l->v[i]));
	return a;
}

/* Add "cites" ({id, reason}) and "texts" ({kind, language, label, text})
 * of d to o, in the shape the JSON importer reads back. */
static int doc_json_texts(struct store *s, const struct doc *d, json_t *o, struct err *e)
{
	struct strlist cites = { 0 }, why = { 0 };
	struct record_texts tx = { 0 };
	json_t *a;
	int rc = -1;

	if (store_cites(s, d->key, &cites, &why, e) < 0 || store_texts(s, d->key, &tx, e) < 0)
		goto out;
	a = json_array();
	for (size_t i = 0; i < cites.n; i++) {
		json_t *c = json_object();

		json_object_set_new(c, "id", cli_json_str(cites.v[i]));
		json_object_set_new(c, "reason", *why.v[i] ? cli_json_str(why.v[i]) : json_null());
		json_array_append_new(a, c);
	}
	json_object_set_new(o, "cites", a);
	a = json_array();
	for (size_t i = 0; i < tx.n; i++) {
		json_t *t = json_object();

		json_object_set_new(t, "kind", cli_json_str(tx.v[i].kind));
		json_object_set_new(t, "language", cli_json_str(tx.v[i].language));
		json_object_set_new(t, "label", cli_json_str(tx.v[i].label));
		json_object_set_new(t, "text", cli_json_str(tx.v[i].body));
		json_array_append_new(a, t);
	}
	json_object_set_new(o, "texts", a);
	rc = 0;
out:
	strlist_clear(&cites);
	strlist_clear(&why);
	record_texts_free(&tx);
	return rc;
}

void *cli_doc_json(struct store *s, const struct doc *d, struct err *e)
{
	struct strlist links = { 0 };
	char date[64];
	json_t *o;

	if (cli_doc_links(s, d, &links, e) < 0)
		return NULL;
	o = json_object();
	json_object_set_new(o, "id", cli_json_str(d->id));
	json_object_set_new(o, "date", d->date.prec == DATE_UNDATED ? json_null() :
	                    cli_json_str(text_format_date(&d->date, date, sizeof date)));
	json_object_set_new(o, "date_text", cli_json_str(d->date_text));
	json_object_set_new(o, "title", cli_json_str(d->title));
	json_object_set_new(o, "summary", cli_json_str(d->summary));
	json_object_set_new(o, "text", cli_json_str(d->body));
	json_object_set_new(o, "people", jlist(&d->names[FACET_PERSON]));
	json_object_set_new(o, "places", jlist(&d->names[FACET_PLACE]));
	json_object_set_new(o, "subjects", jlist(&d->names[FACET_SUBJECT]));
	json_object_set_new(o, "collections", jlist(&d->names[FACET_COLLECTION]));
	json_object_set_new(o, "language", cli_json_str(d->language));
	json_object_set_new(o, "type", cli_json_str(d->type));
	json_object_set_new(o, "source", cli_json_str(d->source));
	json_object_set_new(o, "url", cli_json_str(d->url));
	json_object_set_new(o, "related", jlist(&links));
	strlist_clear(&links);
	if (doc_json_texts(s, d, o, e) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* --- CSV --------------------------------------------------------------- */

void cli_csv_field(struct sbuf *b, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		sbuf_add(b, s);
		return;
	}
	sbuf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, *s);
	}
	sbuf_addc(b, '"');
}

void cli_csv_row(const struct cli *c, const char *const *fields, size_t n)
{
	struct sbuf b = { 0 };
	size_t i;
	char *safe;

	for (i = 0; i < n; i++) {
		if (i)
			sbuf_addc(&b, ',');
		if (c->out_tty && fields[i]) {
			safe = cli_safe_text(c, fields[i]);
			cli_csv_field(&b, safe);
			free(safe);
		} else {
			cli_csv_field(&b, fields[i]);
		}
	}
	sbuf_addc(&b, '\n');
	fwrite(b.s, 1, b.len, stdout);
	sbuf_free(&b);
}

static char *join(const struct strlist *l)
{
	struct sbuf b = { 0 };
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (i)
			sbuf_add(&b, "; ");
		sbuf_add(&b, l->v[i]);
	}
	return sbuf_take(&b);
}

int cli_doc_csv(const struct cli *c, struct store *s, const struct doc *d,
                struct err *e)
{
	struct strlist links = { 0 };
	const char *f[ARRAY_LEN(cli_doc_fields)];
	char *lists[5], date[64];
	size_t i;

	if (cli_doc_links(s, d, &links, e) < 0)
		return -1;
	lists[0] = join(&d->names[FACET_PERSON]);
	lists[1] = join(&d->names[FACET_PLACE]);
	lists[2] = join(&d->names[FACET_SUBJECT]);
	lists[3] = join(&d->names[FACET_COLLECTION]);
	lists[4] = join(&links);
	f[0] = d->id;
	f[1] = d->date.prec == DATE_UNDATED ? NULL :
	       text_format_date(&d->date, date, sizeof date);
	f[2] = d->date_text;
	f[3] = d->title;
	f[4] = d->summary;
	f[5] = d->body;
	f[6] = lists[0];
	f[7] = lists[1];
	f[8] = lists[2];
	f[9] = lists[3];
	f[10] = d->language;
	f[11] = d->type;
	f[12] = d->source;
	f[13] = d->url;
	f[14] = lists[4];
	cli_csv_row(c, f, ARRAY_LEN(f));
	for (i = 0; i < ARRAY_LEN(lists); i++)
		free(lists[i]);
	strlist_clear(&links);
	return 0;
}

int cli_finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			return status;
		cli_error("cannot write the output: %s", strerror(errno));
		return EXIT_USAGE;
	}
	return status;
}
