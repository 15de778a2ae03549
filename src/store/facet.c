/* facet.c - counts: the timeline's periods and the filter pane's facets. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Buckets at level between from and to. */
static size_t period_count_of(enum date_prec level, int32_t from, int32_t to)
{
	int fy = from / 10000, ty = to / 10000;

	switch (level) {
	case DATE_YEAR:
		return (size_t)(ty - fy + 1);
	case DATE_MONTH:
		return (size_t)((ty - fy) * 12 + (to / 100 % 100) - (from / 100 % 100) + 1);
	default:
		return (size_t)(text_day_number(to) - text_day_number(from) + 1);
	}
}

/* Index of the bucket that holds date key dk, or -1. */
static long bucket_index(enum date_prec level, int32_t from, int32_t dk, size_t n)
{
	long i;

	switch (level) {
	case DATE_YEAR:
		i = dk / 10000 - from / 10000;
		break;
	case DATE_MONTH:
		i = (dk / 10000 - from / 10000) * 12 + (dk / 100 % 100) - (from / 100 % 100);
		break;
	default:
		i = text_day_number(dk) - text_day_number(from);
		break;
	}
	return i >= 0 && (size_t)i < n ? i : -1;
}

static int32_t bucket_period(enum date_prec level, int32_t from, size_t i)
{
	int y = from / 10000, m = from / 100 % 100;

	switch (level) {
	case DATE_YEAR:
		return (int32_t)((y + (int)i) * 10000);
	case DATE_MONTH: {
		int mm = (m - 1) + (int)i;

		return (int32_t)((y + mm / 12) * 10000 + (mm % 12 + 1) * 100);
	}
	default:
		return text_day_from_number(text_day_number(from) + (long)i);
	}
}


int store_timeline(struct store *s, const struct query *q, enum date_prec level,
                   int32_t from, int32_t to, struct bucket **out, size_t *n,
                   long long *coarse, struct err *e)
{
	struct sqlq c;
	struct sbuf sql = {0};
	sqlite3_stmt *st;
	struct bucket *b;
	size_t nb;
	int rc;

	*out = NULL;
	*n = 0;
	if (coarse)
		*coarse = 0;
	if (level < DATE_YEAR || level > DATE_DAY)
		level = DATE_YEAR;
	if (!from || !to) {
		int32_t f, l;

		if (store_span(s, &f, &l, e) < 0)
			return -1;
		if (!f)
			return 1; /* nothing dated */
		if (!from)
			from = f;
		if (!to)
			to = l;
	}
	/* Whole periods: a year starts in January, a month on the 1st. */
	if (level == DATE_YEAR)
		from = from / 10000 * 10000 + 101, to = to / 10000 * 10000 + 1231;
	else if (level == DATE_MONTH)
		from = from / 100 * 100 + 1,
		to = to / 100 * 100 + text_month_days(to / 10000, to / 100 % 100 ? to / 100 % 100 : 12);
	else {
		if (from % 100 == 0)
			from += from / 100 % 100 ? 1 : 101;
		if (to % 100 == 0)
			to = to / 100 % 100 ? to + text_month_days(to / 10000, to / 100 % 100)
			                    : to + 1231;
	}
	if (to < from)
		return err_set(e, "the period ends before it starts");
	nb = period_count_of(level, from, to);
	if (nb > 200000)
		return err_set(e, "too many periods (%zu); narrow the range or zoom out", nb);
	b = xcalloc(nb, sizeof *b);
	for (size_t i = 0; i < nb; i++)
		b[i].period = bucket_period(level, from, i);

	if (store_compile(s, q, &c, e) < 0) {
		free(b);
		return -1;
	}
	/* Stream the matching documents in key (date) order and bucket them
	 * here: no sort, and an interrupted count still shows what it saw. */
	sbuf_printf(&sql, "SELECT d.dkey, d.prec FROM %s WHERE %s AND %s >= ? AND %s < ?",
	            sbuf_str(&c.from), sbuf_str(&c.where), c.key,
	            c.key);
	sqlq_add_int(&c, KEY_OF_DATE(from / 10000 * 10000));
	sqlq_add_int(&c, KEY_OF_DATE(to + 1));
	st = store_prepare(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	if (!st) {
		sqlq_free(&c);
		free(b);
		return -1;
	}
	sqlq_bind(&c, st);
	store_query_start(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int32_t dk = sqlite3_column_int(st, 0);
		int prec = sqlite3_column_int(st, 1);
		long i;

		if (prec < (int)level) {
			/* coarser than the level: counted apart, if in the span */
			if (coarse && dk / 10000 * 10000 + (prec >= DATE_MONTH ? dk / 100 % 100 * 100 : 0) >=
			                  from / 10000 * 10000 && dk <= to)
				(*coarse)++;
			continue;
		}
		i = bucket_index(level, from, dk, nb);
		if (i >= 0)
			b[i].count++;
	}
	store_query_end(s);
	sqlite3_finalize(st);
	sqlq_free(&c);
	if (rc != SQLITE_DONE && !s->interrupted) {
		free(b);
		return store_sqlerr(s, e, "counting periods");
	}
	*out = b;
	*n = nb;
	return rc == SQLITE_DONE ? 1 : 0;
}

void facet_values_free(struct facet_value *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int store_facet(struct store *s, const struct query *q, enum facet f, size_t limit,
                struct facet_value **out, size_t *n, struct err *e)
{
	const char *t = store_facet_table[f];
	struct sqlq c;
	struct sbuf sql = {0};
	sqlite3_stmt *st;
	struct facet_value *v = NULL;
	size_t nv = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((unsigned)f >= FACET_NKINDS)
		return err_set(e, "no such facet");
	if (store_compile(s, q, &c, e) < 0)
		return -1;
	if (query_is_empty(q)) {
		/* counts kept up to date at import */
		sbuf_printf(&sql, "SELECT name, ndocs FROM %s WHERE ndocs > 0 "
		            "ORDER BY ndocs DESC, name LIMIT ?", t);
	} else {
		sbuf_printf(&sql, "SELECT e.name, count(*) AS c FROM "
		            "(SELECT d.key AS k FROM %s WHERE %s) r "
		            "JOIN doc_%s l ON l.doc = r.k JOIN %s e ON e.id = l.%s "
		            "GROUP BY l.%s ORDER BY c DESC, e.name LIMIT ?",
		            sbuf_str(&c.from), sbuf_str(&c.where), t, t, t, t);
	}
	sqlq_add_int(&c, (int64_t)limit);
	st = store_prepare(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	if (!st) {
		sqlq_free(&c);
		return -1;
	}
	sqlq_bind(&c, st);
	v = xcalloc(limit ? limit : 1, sizeof *v);
	store_query_start(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && nv < limit) {
		v[nv].name = store_col_dup(st, 0);
		v[nv].count = sqlite3_column_int64(st, 1);
		nv++;
	}
	store_query_end(s);
	sqlite3_finalize(st);
	sqlq_free(&c);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW && !s->interrupted) {
		facet_values_free(v, nv);
		return store_sqlerr(s, e, "counting names");
	}
	*out = v;
	*n = nv;
	return s->interrupted ? 0 : 1;
}
