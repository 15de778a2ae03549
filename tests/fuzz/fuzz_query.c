/* fuzz_query.c - query_parse() and query_format(): a formatted query
 * parses again to a query that formats the same; filters added with
 * query_add_field() and query_add_dates() survive the same trip. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fonds/query.h"
#include "fuzz.h"

/* Whether ymd is an open end (0) or a real day. */
static int is_bound(int32_t ymd)
{
	int y = (int)(ymd / 10000), m = (int)(ymd / 100 % 100), d = (int)(ymd % 100);

	return ymd == 0 || (y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	                    d <= text_month_days(y, m));
}

/* The shape query.h promises: clauses of one or more atoms, no excluded
 * term inside OR, text for all but dates, date bounds in order. */
static void check_query(const struct query *q, const char *what)
{
	for (size_t i = 0; i < q->n; i++) {
		const struct qclause *c = &q->v[i];

		FUZZ_CHECK(c->n >= 1, "%s: clause %zu is empty", what, i);
		for (size_t j = 0; j < c->n; j++) {
			const struct qatom *a = &c->atoms[j];

			FUZZ_CHECK(a->kind >= Q_WORD && a->kind <= Q_DATE,
			           "%s: atom kind %d", what, (int)a->kind);
			FUZZ_CHECK(c->n == 1 || !a->neg,
			           "%s: an excluded term inside OR", what);
			if (a->kind == Q_DATE) {
				FUZZ_CHECK(a->text == NULL, "%s: date atom with text", what);
				FUZZ_CHECK(is_bound(a->from) && is_bound(a->to),
				           "%s: date bounds %d..%d", what, (int)a->from,
				           (int)a->to);
				FUZZ_CHECK(!a->from || !a->to || a->from <= a->to,
				           "%s: date range %d..%d backwards", what,
				           (int)a->from, (int)a->to);
				continue;
			}
			FUZZ_CHECK(a->text && *a->text, "%s: atom without text", what);
			if (a->kind == Q_FIELD)
				FUZZ_CHECK(query_field_name(a->field) != NULL,
				           "%s: field %d", what, (int)a->field);
		}
	}
}

/* s without its '"' characters, trimmed. Caller frees. */
static char *unquoted(const char *s)
{
	char *t = xstrdup(s), *o = t;

	for (const char *p = s; *p; p++)
		if (*p != '"')
			*o++ = *p;
	*o = '\0';
	return str_trim(t);
}

/* A browser filter made from the input (a name from a record, a date)
 * formats to text that parses back to the same filter. A name with a '"'
 * in it cannot be written exactly (the language has no escape), but the
 * text must still parse. */
static void check_filters(const char *s)
{
	struct query *q = query_new(), *back = NULL;
	char *want = str_trim(xstrdup(s)), *bare = unquoted(s), *text;
	struct date d;
	struct err e;
	int dated = text_parse_date(s, &d) == 0 && d.prec != DATE_UNDATED;
	int named = *bare != '\0';
	int exact = strchr(want, '"') == NULL;

	if (named)
		query_add_field(q, QF_PERSON, s, 1);
	if (dated)
		query_add_dates(q, d.first, d.last);
	if (!named && !dated)
		goto out;
	text = query_format(q);
	e.msg[0] = '\0';
	if (query_parse(text, &back, &e) < 0) {
		FUZZ_CHECK(0, "filters formatted as \"%s\" do not parse: %s", text,
		           e.msg);
	} else if (back->n != q->n) {
		FUZZ_CHECK(0, "filters formatted as \"%s\" parse to %zu clauses, "
		           "not %zu", text, back->n, q->n);
	} else {
		size_t k = 0;

		if (named) {
			const struct qatom *a = &back->v[k++].atoms[0];

			FUZZ_CHECK(a->kind == Q_FIELD && a->field == QF_PERSON &&
			                   a->neg && (!exact || strcmp(a->text, want) == 0),
			           "filter -person:\"%s\" formatted as \"%s\" reads "
			           "back as \"%s\"", want, text, a->text ? a->text : "");
		}
		if (dated) {
			const struct qatom *a = &back->v[k].atoms[0];

			FUZZ_CHECK(a->kind == Q_DATE && a->from == d.first &&
			                   a->to == d.last,
			           "date filter %d..%d formatted as \"%s\" reads back "
			           "as %d..%d", (int)d.first, (int)d.last, text,
			           (int)a->from, (int)a->to);
		}
	}
	query_free(back);
	free(text);
out:
	free(bare);
	free(want);
	query_free(q);
}

int fuzz_query(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct query *q = NULL, *q2 = NULL, *d;
	struct err e;
	char *f1, *f2, *f3;

	check_filters(s);
	e.msg[0] = '\0';
	if (query_parse(s, &q, &e) < 0) {
		FUZZ_CHECK(q == NULL, "failed parse returned a query");
		FUZZ_CHECK(e.msg[0], "failed parse without a message");
		free(s);
		return 0;
	}
	FUZZ_CHECK(q != NULL, "parse succeeded without a query");
	check_query(q, "parsed");
	FUZZ_CHECK(query_is_empty(q) == (q->n == 0), "query_is_empty wrong");
	f1 = query_format(q);
	e.msg[0] = '\0';
	if (query_parse(f1, &q2, &e) < 0) {
		FUZZ_CHECK(0, "formatted query \"%s\" does not parse: %s", f1, e.msg);
	} else {
		check_query(q2, "reparsed");
		f2 = query_format(q2);
		FUZZ_CHECK(strcmp(f1, f2) == 0,
		           "query formats as \"%s\", which formats as \"%s\"", f1, f2);
		FUZZ_CHECK(q2->n == q->n, "%zu clauses became %zu", q->n, q2->n);
		FUZZ_CHECK(query_has_text(q) == query_has_text(q2),
		           "query_has_text changed on a round trip");
		free(f2);
		query_free(q2);
	}
	/* a copy formats the same; appending and removing keep it sound */
	d = query_dup(q);
	f3 = query_format(d);
	FUZZ_CHECK(strcmp(f1, f3) == 0, "copy formats as \"%s\", not \"%s\"", f3, f1);
	free(f3);
	query_append(d, q);
	FUZZ_CHECK(d->n == 2 * q->n, "append: %zu clauses, want %zu", d->n, 2 * q->n);
	query_remove(d, 0);
	query_remove(d, d->n); /* out of range: ignored */
	check_query(d, "edited");
	f3 = query_format(d);
	free(f3);
	query_free(d);
	free(f1);
	query_free(q);
	free(s);
	return 0;
}

FUZZ_ENTRY(fuzz_query)
