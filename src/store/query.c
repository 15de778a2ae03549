/* query.c - parsing and printing the query language (see query.h). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fonds/query.h"
#include "fonds/text.h"

static const char *const field_names[QF_NFIELDS] = {
	"person", "place", "subject", "collection", "language", "id",
	"tag", "note", "is", "has", "@"
};

/* The values is: and has: take, and other spellings of them. */
static const struct {
	enum qfield field;
	const char *value, *as;
} mark_values[] = {
	{ QF_IS, "read", "read" },             { QF_IS, "unread", "unread" },
	{ QF_IS, "bookmarked", "bookmarked" }, { QF_IS, "bookmark", "bookmarked" },
	{ QF_IS, "marked", "bookmarked" },     { QF_HAS, "note", "note" },
	{ QF_HAS, "notes", "note" },           { QF_HAS, "excerpt", "excerpt" },
	{ QF_HAS, "excerpts", "excerpt" },
};

/* Other spellings a user may type. */
static const struct {
	const char *name;
	enum qfield field;
} field_aliases[] = {
	{ "people", QF_PERSON },     { "persons", QF_PERSON },
	{ "places", QF_PLACE },      { "subjects", QF_SUBJECT },
	{ "collections", QF_COLLECTION }, { "lang", QF_LANGUAGE },
	{ "languages", QF_LANGUAGE },
};

const char *query_field_name(enum qfield f)
{
	return (unsigned)f < QF_NFIELDS ? field_names[f] : NULL;
}

int query_field_parse(const char *name)
{
	for (int i = 0; i < QF_NFIELDS; i++)
		if (strcasecmp(name, field_names[i]) == 0)
			return i;
	for (size_t i = 0; i < ARRAY_LEN(field_aliases); i++)
		if (strcasecmp(name, field_aliases[i].name) == 0)
			return (int)field_aliases[i].field;
	return -1;
}

struct query *query_new(void)
{
	return xcalloc(1, sizeof(struct query));
}

static void atom_clear(struct qatom *a)
{
	free(a->text);
	a->text = NULL;
}

static void clause_free(struct qclause *c)
{
	for (size_t i = 0; i < c->n; i++)
		atom_clear(&c->atoms[i]);
	free(c->atoms);
	c->atoms = NULL;
	c->n = 0;
}

void query_free(struct query *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++)
		clause_free(&q->v[i]);
	free(q->v);
	free(q);
}

static struct qclause *add_clause(struct query *q)
{
	/* capacity: the next power of two at or above n */
	if ((q->n & (q->n - 1)) == 0)
		q->v = xrealloc(q->v, (q->n ? q->n * 2 : 1) * sizeof *q->v);
	memset(&q->v[q->n], 0, sizeof q->v[q->n]);
	return &q->v[q->n++];
}

/* Append a copy of *a (its text duplicated) to clause c. */
static void clause_add(struct qclause *c, const struct qatom *a)
{
	/* capacity: the next power of two at or above n */
	if ((c->n & (c->n - 1)) == 0)
		c->atoms = xrealloc(c->atoms, (c->n ? c->n * 2 : 1) * sizeof *c->atoms);
	c->atoms[c->n] = *a;
	if (a->text)
		c->atoms[c->n].text = xstrdup(a->text);
	c->n++;
}

static void clause_copy(struct qclause *dst, const struct qclause *src)
{
	memset(dst, 0, sizeof *dst);
	for (size_t i = 0; i < src->n; i++)
		clause_add(dst, &src->atoms[i]);
}

struct query *query_dup(const struct query *q)
{
	struct query *d = query_new();

	if (q)
		query_append(d, q);
	return d;
}

void query_append(struct query *q, const struct query *other)
{
	for (size_t i = 0; i < other->n; i++)
		clause_copy(add_clause(q), &other->v[i]);
}

void query_remove(struct query *q, size_t i)
{
	if (i >= q->n)
		return;
	clause_free(&q->v[i]);
	memmove(&q->v[i], &q->v[i + 1], (q->n - i - 1) * sizeof *q->v);
	q->n--;
}

void query_add_field(struct query *q, enum qfield f, const char *value, int neg)
{
	struct qatom a = { .kind = Q_FIELD, .field = f, .neg = neg, .text = (char *)value };

	clause_add(add_clause(q), &a);
}

void query_add_dates(struct query *q, int32_t from, int32_t to)
{
	struct qatom a = { .kind = Q_DATE, .from = from, .to = to };

	clause_add(add_clause(q), &a);
}

int query_is_empty(const struct query *q)
{
	return !q || q->n == 0;
}

void query_date_bounds(const struct query *q, int32_t *from, int32_t *to)
{
	*from = *to = 0;
	for (size_t i = 0; q && i < q->n; i++) {
		const struct qatom *a = q->v[i].n == 1 ? &q->v[i].atoms[0] : NULL;

		if (!a || a->kind != Q_DATE || a->neg)
			continue;
		if (a->from && (!*from || a->from > *from))
			*from = a->from;
		if (a->to && (!*to || a->to < *to))
			*to = a->to;
	}
}

int query_has_field(const struct query *q, enum qfield f)
{
	for (size_t i = 0; q && i < q->n; i++)
		for (size_t j = 0; j < q->v[i].n; j++)
			if (q->v[i].atoms[j].kind == Q_FIELD && q->v[i].atoms[j].field == f)
				return 1;
	return 0;
}

int query_has_text(const struct query *q)
{
	for (size_t i = 0; q && i < q->n; i++)
		for (size_t j = 0; j < q->v[i].n; j++) {
			const struct qatom *a = &q->v[i].atoms[j];

			if (a->kind <= Q_PREFIX && !a->neg)
				return 1;
		}
	return 0;
}

/* --- parsing --------------------------------------------------------- */

struct lexer {
	const char *s;   /* the whole query */
	const char *p;   /* next character */
	struct err *e;
};

/* Quote the word starting at start for a message: at most 40 bytes. */
static int lex_error(struct lexer *lx, const char *start, const char *what)
{
	size_t n = strcspn(start, " \t\n");

	if (n == 0)
		n = strlen(start);
	if (n > 40)
		n = 40;
	return err_set(lx->e, "%s at \"%.*s\" (column %d)", what, (int)n, start,
	               (int)(start - lx->s) + 1);
}

/* Read a quoted string at lx->p (which is at '"') into *out. */
static int lex_quoted(struct lexer *lx, char **out)
{
	const char *start = lx->p++;
	const char *end = strchr(lx->p, '"');

	if (!end)
		return lex_error(lx, start, "unterminated quote");
	*out = xstrndup(lx->p, (size_t)(end - lx->p));
	lx->p = end + 1;
	return 0;
}

/* Read up to the next white space. */
static char *lex_bare(struct lexer *lx)
{
	const char *start = lx->p;

	while (*lx->p && !isspace((unsigned char)*lx->p))
		lx->p++;
	return xstrndup(start, (size_t)(lx->p - start));
}

static int parse_date_value(struct lexer *lx, const char *start, const char *v,
                            struct qatom *a)
{
	const char *dots = strstr(v, "..");

	if (!*v)
		return lex_error(lx, start, "date: needs a value such as 1950, 1950-06..1950-12 or ..1953");
	if (dots) {
		char *lo = xstrndup(v, (size_t)(dots - v));
		const char *hi = dots + 2;

		a->from = *str_trim(lo) ? text_parse_bound(lo, 0) : 0;
		a->to = *hi ? text_parse_bound(hi, 1) : 0;
		free(lo);
	} else {
		a->from = text_parse_bound(v, 0);
		a->to = text_parse_bound(v, 1);
	}
	if (a->from < 0 || a->to < 0)
		return lex_error(lx, start, "date not understood (try 1950, 1950-06, 1950-06-25 or FROM..TO)");
	if (a->from && a->to && a->from > a->to)
		return lex_error(lx, start, "date range ends before it starts");
	return 0;
}

/* Parse one term at lx->p into *a. Returns 1 for a term, 0 for one that
 * folds to nothing (punctuation), -1 on error. */
static int parse_term(struct lexer *lx, struct qatom *a)
{
	const char *start = lx->p;
	const char *colon;
	char *word;

	memset(a, 0, sizeof *a);
	if (*lx->p == '-' && lx->p[1] && !isspace((unsigned char)lx->p[1])) {
		a->neg = 1;
		lx->p++;
	}
	if (*lx->p == '"') {
		if (lex_quoted(lx, &a->text) < 0)
			return -1;
		a->kind = Q_PHRASE;
		goto check_empty;
	}

	/* @NAME: a saved search */
	if (*lx->p == '@') {
		lx->p++;
		a->kind = Q_FIELD;
		a->field = QF_SAVED;
		a->text = lex_bare(lx);
		if (!*a->text) {
			atom_clear(a);
			return lex_error(lx, start, "@ needs the name of a saved search");
		}
		return 1;
	}

	/* field:value, with the value possibly quoted */
	colon = lx->p;
	while (isalpha((unsigned char)*colon))
		colon++;
	if (*colon == ':' && colon > lx->p) {
		char *name = xstrndup(lx->p, (size_t)(colon - lx->p));
		int f = query_field_parse(name);
		int is_date = strcasecmp(name, "date") == 0;
		int is_url = strcasecmp(name, "http") == 0 || strcasecmp(name, "https") == 0;

		free(name);
		if (f >= 0 || is_date) {
			lx->p = colon + 1;
			if (*lx->p == '"') {
				if (lex_quoted(lx, &a->text) < 0)
					return -1;
			} else {
				a->text = lex_bare(lx);
			}
			if (is_date) {
				int rc;

				a->kind = Q_DATE;
				rc = parse_date_value(lx, start, a->text, a);
				free(a->text);
				a->text = NULL;
				return rc < 0 ? -1 : 1;
			}
			a->kind = Q_FIELD;
			a->field = (enum qfield)f;
			if (!*str_trim(a->text)) {
				atom_clear(a);
				return lex_error(lx, start, "field needs a value");
			}
			if (f == QF_IS || f == QF_HAS) {
				for (size_t i = 0; i < ARRAY_LEN(mark_values); i++)
					if ((int)mark_values[i].field == f &&
					    strcasecmp(a->text, mark_values[i].value) == 0) {
						free(a->text);
						a->text = xstrdup(mark_values[i].as);
						return 1;
					}
				atom_clear(a);
				return lex_error(lx, start, f == QF_IS ?
				                 "is: takes read, unread or bookmarked" :
				                 "has: takes note or excerpt");
			}
			return 1;
		}
		if (!is_url)
			return lex_error(lx, start,
			                 "unknown field (try person:, place:, subject:, collection:, "
			                 "language:, id:, date:, tag:, note:, is: or has:)");
	}

	word = lex_bare(lx);
	if (word[0] && word[strlen(word) - 1] == '*') {
		size_t n = strlen(word);

		while (n > 0 && word[n - 1] == '*')
			word[--n] = '\0';
		if (!n) {
			free(word);
			return lex_error(lx, start, "a prefix needs letters before *");
		}
		a->kind = Q_PREFIX;
	} else {
		a->kind = Q_WORD;
	}
	a->text = word;

check_empty: {
		char *fold = text_fold(a->text);
		int empty = !*fold;

		free(fold);
		if (empty) {
			atom_clear(a);
			return 0;
		}
	}
	return 1;
}

static void skip_space(struct lexer *lx)
{
	while (isspace((unsigned char)*lx->p))
		lx->p++;
}

static int at_or(struct lexer *lx)
{
	return lx->p[0] == 'O' && lx->p[1] == 'R' &&
	       (lx->p[2] == '\0' || isspace((unsigned char)lx->p[2]));
}

int query_parse(const char *text, struct query **out, struct err *e)
{
	struct lexer lx = { text ? text : "", text ? text : "", e };
	struct query *q = query_new();
	struct qclause *cur = NULL; /* the clause an OR extends */
	int pending_or = 0;
	const char *or_at = NULL;

	*out = NULL;
	for (;;) {
		struct qatom a;
		const char *start;
		int rc;

		skip_space(&lx);
		if (!*lx.p)
			break;
		start = lx.p;
		if (at_or(&lx)) {
			if (!cur || pending_or) {
				lex_error(&lx, start, "OR needs a term on each side");
				goto fail;
			}
			pending_or = 1;
			or_at = start;
			lx.p += 2;
			continue;
		}
		rc = parse_term(&lx, &a);
		if (rc < 0)
			goto fail;
		if (rc == 0)
			continue;
		if (pending_or) {
			if (a.neg || cur->atoms[0].neg) {
				atom_clear(&a);
				lex_error(&lx, or_at, "an excluded term (-word) cannot be part of OR");
				goto fail;
			}
			clause_add(cur, &a);
			pending_or = 0;
		} else {
			cur = add_clause(q);
			clause_add(cur, &a);
		}
		atom_clear(&a);
	}
	if (pending_or) {
		lex_error(&lx, or_at, "OR needs a term on each side");
		goto fail;
	}
	*out = q;
	return 0;
fail:
	query_free(q);
	return -1;
}

/* --- printing -------------------------------------------------------- */

static void format_value(struct sbuf *b, const char *v, int always_quote)
{
	int space = 0;

	for (const char *p = v; *p; p++)
		space |= isspace((unsigned char)*p) != 0;
	/* a bare value runs to the next space and may hold quotes (but not
	 * start with one); a quoted one may hold spaces but no quote */
	if (always_quote || space || !*v || *v == '"') {
		/* the language has no escape for '"': drop it */
		sbuf_addc(b, '"');
		for (const char *p = v; *p; p++)
			if (*p != '"')
				sbuf_addc(b, *p);
		sbuf_addc(b, '"');
	} else {
		sbuf_add(b, v);
	}
}

static void format_bound(struct sbuf *b, int32_t d)
{
	if (!d)
		return;
	sbuf_printf(b, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
}

/* Write a date bound at the precision it was given: a bound on the first
 * or last day of a year or month prints as the year or month. */
static void format_range(struct sbuf *b, int32_t from, int32_t to)
{
	int y1 = from / 10000, m1 = from / 100 % 100, d1 = from % 100;
	int y2 = to / 10000, m2 = to / 100 % 100, d2 = to % 100;

	if (from && to && y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31) {
		sbuf_printf(b, "%04d", y1);
		return;
	}
	if (from && to && y1 == y2 && m1 == m2 && d1 == 1 &&
	    d2 == text_month_days(y2, m2)) {
		sbuf_printf(b, "%04d-%02d", y1, m1);
		return;
	}
	format_bound(b, from);
	sbuf_add(b, "..");
	format_bound(b, to);
}

char *query_format(const struct query *q)
{
	struct sbuf b = {0};

	for (size_t i = 0; q && i < q->n; i++) {
		for (size_t j = 0; j < q->v[i].n; j++) {
			const struct qatom *a = &q->v[i].atoms[j];

			if (b.len)
				sbuf_add(&b, j ? " OR " : " ");
			if (a->neg)
				sbuf_addc(&b, '-');
			switch (a->kind) {
			case Q_WORD:
				sbuf_add(&b, a->text);
				break;
			case Q_PHRASE:
				format_value(&b, a->text, 1);
				break;
			case Q_PREFIX:
				sbuf_printf(&b, "%s*", a->text);
				break;
			case Q_FIELD:
				if (a->field == QF_SAVED) {
					sbuf_printf(&b, "@%s", a->text);
					break;
				}
				sbuf_printf(&b, "%s:", field_names[a->field]);
				format_value(&b, a->text, 0);
				break;
			case Q_DATE:
				sbuf_add(&b, "date:");
				format_range(&b, a->from, a->to);
				break;
			}
		}
	}
	return sbuf_take(&b);
}
