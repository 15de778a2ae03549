/* facet.c - counts: the timeline's periods and the filter pane's facets. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Buckets at level between from and to. */
static size_t period_count_of(enum date_prec level, int32_t from, int32_t to)
{
	return (size_t)(text_period_diff(text_period_of(from, level),
	                                 text_period_of(to, level), level) + 1);
}

/* Index of the bucket that holds date key dk, or -1. */
static long bucket_index(enum date_prec level, int32_t from, int32_t dk, size_t n)
{
	long i = text_period_diff(text_period_of(from, level),
	                          text_period_of(dk, level), level);

	return i >= 0 && (size_t)i < n ? i : -1;
}

static int32_t bucket_period(enum date_prec level, int32_t from, size_t i)
{
	return text_period_add(text_period_of(from, level), level, (long)i);
}


/* The counts of the whole collection, from the counts per period kept at
 * import: what store_timeline does for the empty query, in one read of
 * the periods shown instead of a pass over every document. Rows come in
 * period order: a year, then each month followed by its days. What is
 * dated more coarsely than level is a year's count less its months', and
 * (by day) a month's count less its days'. */
static int timeline_kept(struct store *s, enum date_prec level, int32_t from, int32_t to,
                         struct bucket *b, size_t nb, long long *coarse, struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s, "SELECT period, n FROM period_count "
	                                    "WHERE period >= ?1 AND period <= ?2", e);
	long long ytot = 0, ymonths = 0, mtot = 0, mdays = 0, extra = 0;
	int32_t year = 0, month = 0;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, from / 10000 * 10000);
	sqlite3_bind_int(st, 2, to / 10000 * 10000 + 1231);
	for (;;) {
		int32_t p;
		long long k;

		rc = sqlite3_step(st);
		p = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
		k = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
		/* a month or year ends: count what was dated no finer */
		if (month && (rc != SQLITE_ROW || p % 100 == 0)) {
			if (level == DATE_DAY && month <= to)
				extra += mtot - mdays;
			month = 0;
		}
		if (year && (rc != SQLITE_ROW || p % 10000 == 0)) {
			if (level > DATE_YEAR)
				extra += ytot - ymonths;
			year = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		if (p % 10000 == 0) {
			year = p;
			ytot = k;
			ymonths = 0;
		} else if (p % 100 == 0) {
			month = p;
			mtot = k;
			mdays = 0;
			ymonths += k;
		} else {
			mdays += k;
		}
		if ((level == DATE_YEAR && p % 10000 == 0) ||
		    (level == DATE_MONTH && p % 100 == 0 && p % 10000 != 0) ||
		    (level == DATE_DAY && p % 100 != 0 && p >= from && p <= to)) {
			long i = bucket_index(level, from, p, nb);

			if (i >= 0)
				b[i].count += k;
		}
	}
	store_release(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "counting periods");
	if (coarse)
		*coarse = extra;
	return 1;
}

/* The key at one end of q's dated documents (dir > 0: the first), read
 * from the driving index: 1 and *dk its date key, 0 when there is none,
 * -1 on error. */
static int set_end(struct store *s, struct sqlq *c, int dir, int32_t *dk, struct err *e)
{
	struct sbuf sql = {0};
	int64_t key = 0;
	int rc;

	/* date key 0 (no date at all, from old files) sorts first, undated
	 * documents last: neither is an end of the dated span */
	sbuf_printf(&sql, "SELECT %s FROM %s WHERE %s AND %s >= %lld AND %s < %lld "
	            "ORDER BY %s %s LIMIT 1", c->key,
	            *c->count_from ? c->count_from : sbuf_str(&c->from),
	            sbuf_str(&c->where), c->key, (long long)KEY_OF_DATE(1), c->key,
	            (long long)KEY_UNDATED_BASE, c->key, dir > 0 ? "ASC" : "DESC");
	rc = sqlq_one(s, c, sbuf_str(&sql), &key, "reading the span of the dates", e);
	sbuf_free(&sql);
	if (rc == 1)
		*dk = DATE_OF_KEY(key);
	if (rc == 2)
		return store_sqlerr(s, e, "reading the span of the dates");
	return rc;
}

int store_query_span(struct store *s, const struct query *q, int32_t *first,
                     int32_t *last, struct err *e)
{
	int32_t from, to;
	struct sqlq c;
	int r = 1;

	*first = *last = 0;
	if (query_is_empty(q))
		return store_span(s, first, last, e);
	query_date_bounds(q, &from, &to);
	if (from && to) {
		*first = from;
		*last = to;
		return 0;
	}
	if (store_compile(s, q, &c, e) < 0)
		return -1;
	if (!from)
		r = set_end(s, &c, 1, first, e);
	if (r > 0 && !to)
		r = set_end(s, &c, -1, last, e);
	sqlq_free(&c);
	if (r < 0)
		return -1;
	if (r == 0) {
		/* nothing dated matches: no span, whatever the bounds say */
		*first = *last = 0;
		return 0;
	}
	if (from)
		*first = from;
	if (to)
		*last = to;
	if (*first > *last)
		*first = *last = 0;
	return 0;
}

int store_count_undated(struct store *s, const struct query *q, long long *n,
                        struct err *e)
{
	struct sqlq c = {0};
	struct sbuf sql = {0};
	int64_t v = 0;
	int rc;

	*n = 0;
	if (query_is_empty(q)) {
		rc = sqlq_one(s, &c, "SELECT n FROM period_count WHERE period = 0", &v,
		              "counting the undated documents", e);
		*n = v;
		return rc < 0 ? -1 : 1;
	}
	if (store_compile(s, q, &c, e) < 0)
		return -1;
	/* undated documents have the keys above every dated one: a range
	 * at the end of the driving index */
	sbuf_printf(&sql, "SELECT count(*) FROM %s WHERE %s AND %s >= %lld",
	            *c.count_from ? c.count_from : sbuf_str(&c.from), sbuf_str(&c.where),
	            c.key, (long long)KEY_UNDATED_BASE);
	rc = sqlq_one(s, &c, sbuf_str(&sql), &v, "counting the undated documents", e);
	sbuf_free(&sql);
	sqlq_free(&c);
	*n = v;
	return rc < 0 ? -1 : rc == 2 ? 0 : 1;
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

		if (store_query_span(s, q, &f, &l, e) < 0)
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

	if (query_is_empty(q)) {
		int r = timeline_kept(s, level, from, to, b, nb, coarse, e);

		if (r < 0)
			free(b);
		else {
			*out = b;
			*n = nb;
		}
		return r;
	}
	if (store_compile(s, q, &c, e) < 0) {
		free(b);
		return -1;
	}
	/* Stream the matching documents in key (date) order and bucket them
	 * here: no sort, and an interrupted count still shows what it saw. */
	/* with no other condition the keys alone are read (they hold the
	 * date) from the driving index, not the documents' pages */
	if (*c.count_from)
		sbuf_printf(&sql, "SELECT %s FROM %s WHERE %s AND %s >= ? AND %s < ?",
		            c.key, c.count_from, sbuf_str(&c.where), c.key, c.key);
	else
		sbuf_printf(&sql, "SELECT d.dkey, d.prec FROM %s WHERE %s AND %s >= ? AND %s < ?",
		            sbuf_str(&c.from), sbuf_str(&c.where), c.key, c.key);
	sqlq_add_int(&c, KEY_OF_DATE(from / 10000 * 10000));
	sqlq_add_int(&c, KEY_OF_DATE(to + 1));
	st = store_prepare_cached(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	if (!st) {
		sqlq_free(&c);
		free(b);
		return -1;
	}
	sqlq_bind(&c, st);
	store_query_start(s);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int32_t dk;
		int prec;
		long i;

		if (*c.count_from) {
			dk = DATE_OF_KEY(sqlite3_column_int64(st, 0));
			prec = dk % 10000 == 0 ? DATE_YEAR : dk % 100 == 0 ? DATE_MONTH : DATE_DAY;
		} else {
			dk = sqlite3_column_int(st, 0);
			prec = sqlite3_column_int(st, 1);
		}

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
	store_release(s, st);
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

/* Facet counts are made from the keys of the result set, collected once
 * per query and then looked up in each name table: the whole set when
 * it has at most FACET_EXACT_MAX documents, else a sample of that size
 * (FACET_SLICES equal spans of the dated range, the first documents of
 * each, so that it spreads over the whole span), with counts scaled to
 * the set. Either way a toggle costs the same for any size of set: a
 * GROUP BY over every document grows with it (seconds at a million). */
#define FACET_EXACT_MAX 4800
#define FACET_SLICES 16

void store_facet_keys_clear(struct store *s)
{
	free(s->fk.query);
	free(s->fk.v);
	memset(&s->fk, 0, sizeof s->fk);
}

/* Append the keys of "SELECT key ... WHERE ..." plus extra, at most max,
 * to fk. Returns 1 done, 0 interrupted, -1 error. */
static int keys_read(struct store *s, struct sqlq *c, const char *extra, size_t max,
                     struct facet_keys *fk, struct err *e)
{
	struct sbuf sql = {0};
	sqlite3_stmt *st;
	size_t cap = fk->n + max;
	int rc;

	sbuf_printf(&sql, "SELECT %s FROM %s WHERE %s%s ORDER BY %s LIMIT %zu", c->key,
	            *c->count_from ? c->count_from : sbuf_str(&c->from),
	            sbuf_str(&c->where), extra, c->key, max);
	st = store_prepare_cached(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	if (!st)
		return -1;
	sqlq_bind(c, st);
	fk->v = xrealloc(fk->v, (cap ? cap : 1) * sizeof *fk->v);
	rc = SQLITE_ROW; /* cap 0: nothing to read, nothing failed */
	store_query_start(s);
	while (fk->n < cap && (rc = sqlite3_step(st)) == SQLITE_ROW)
		fk->v[fk->n++] = sqlite3_column_int64(st, 0);
	store_query_end(s);
	store_release(s, st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 1;
	if (s->interrupted)
		return 0;
	return store_sqlerr(s, e, "reading the documents to count");
}

/* Make s->fk the keys of q's documents (or a sample). Returns 1, 0 when
 * interrupted (nothing kept), -1 on error. */
static int facet_keys(struct store *s, const struct query *q, struct err *e)
{
	struct facet_keys fk = {0};
	char *qs = query_format(q);
	long long n = 0;
	struct sqlq c;
	int r;

	if (s->fk.query && strcmp(s->fk.query, qs) == 0) {
		free(qs);
		return 1;
	}
	store_facet_keys_clear(s);
	if (store_compile(s, q, &c, e) < 0) {
		free(qs);
		return -1;
	}
	r = store_count_upto(s, q, FACET_EXACT_MAX + 1, &n, e);
	if (r == 1 && n <= FACET_EXACT_MAX) {
		r = keys_read(s, &c, "", FACET_EXACT_MAX, &fk, e);
		fk.total = (long long)fk.n;
	} else if (r == 1) {
		int32_t first, last;

		fk.sampled = 1;
		r = store_span(s, &first, &last, e) < 0 ? -1 : 1;
		for (int i = 0; r == 1 && i < FACET_SLICES; i++) {
			/* date keys are yyyymmdd: even spans of them are near
			 * enough to even spans of time */
			int64_t lo = first + (int64_t)(last + 1 - first) * i / FACET_SLICES;
			int64_t hi = first + (int64_t)(last + 1 - first) * (i + 1) / FACET_SLICES;
			char extra[128];

			snprintf(extra, sizeof extra, " AND %s >= %lld AND %s < %lld", c.key,
			         (long long)KEY_OF_DATE((int32_t)lo), c.key,
			         (long long)KEY_OF_DATE((int32_t)hi));
			r = keys_read(s, &c, extra, FACET_EXACT_MAX / FACET_SLICES, &fk, e);
		}
		if (r == 1)
			r = store_count(s, q, &fk.total, e) < 0 ? -1 : 1;
	}
	sqlq_free(&c);
	if (r != 1) {
		free(fk.v);
		free(qs);
		return r;
	}
	fk.query = qs;
	s->fk = fk;
	return 1;
}

/* A count per name id, in an open-addressing table. */
struct id_counts {
	struct id_count {
		int64_t id;
		long long n;
	} *v;
	size_t cap, n;
};

static void id_counts_add(struct id_counts *h, int64_t id, long long k)
{
	size_t i;

	if (2 * (h->n + 1) > h->cap) {
		struct id_counts g = { NULL, h->cap ? 2 * h->cap : 1024, 0 };

		g.v = xcalloc(g.cap, sizeof *g.v);
		for (size_t j = 0; j < h->cap; j++)
			if (h->v[j].n)
				id_counts_add(&g, h->v[j].id, h->v[j].n);
		free(h->v);
		*h = g;
	}
	i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (h->cap - 1);
	while (h->v[i].n && h->v[i].id != id)
		i = (i + 1) & (h->cap - 1);
	if (!h->v[i].n)
		h->n++;
	h->v[i].id = id;
	h->v[i].n += k;
}

static int id_count_cmp(const void *a, const void *b)
{
	const struct id_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* store_facet for a non-empty query, from s->fk. */
static int facet_counted(struct store *s, const struct query *q, enum facet f,
                         const char *match, size_t limit,
                         struct facet_value **out, size_t *n, struct err *e)
{
	const char *t = store_facet_table[f];
	struct id_counts h = {0};
	struct sbuf sql = {0};
	sqlite3_stmt *st, *name;
	struct facet_value *v;
	size_t nv = 0, k = 0;
	int r = facet_keys(s, q, e), rc = SQLITE_DONE;

	if (r <= 0)
		return r;
	sbuf_printf(&sql, "SELECT %s FROM doc_%s WHERE doc = ?1", t, t);
	st = store_prepare_cached(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	if (!st)
		return -1;
	/* one read transaction for the thousands of lookups (each would
	 * otherwise take and drop the file's read lock), and a check for a
	 * key now and then: the progress handler never runs in statements
	 * this short */
	store_read_begin(s);
	store_query_start(s);
	for (size_t i = 0; i < s->fk.n && rc == SQLITE_DONE; i++) {
		if (i % 256 == 255 && store_should_stop(s)) {
			rc = SQLITE_INTERRUPT;
			break;
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, s->fk.v[i]);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			id_counts_add(&h, sqlite3_column_int64(st, 0), 1);
	}
	store_query_end(s);
	store_release(s, st);
	store_read_end(s);
	if (rc != SQLITE_DONE) {
		free(h.v);
		if (s->interrupted)
			return 0;
		return store_sqlerr(s, e, "counting names");
	}
	/* the most frequent, scaled to the whole set, with their names */
	for (size_t j = 0; j < h.cap; j++)
		if (h.v[j].n)
			h.v[k++] = h.v[j];
	qsort(h.v, k, sizeof *h.v, id_count_cmp);
	sbuf_printf(&sql, "SELECT name FROM %s WHERE id = ?1", t);
	name = store_prepare_cached(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	v = xcalloc(limit ? limit : 1, sizeof *v);
	for (size_t j = 0; name && j < k && nv < limit; j++) {
		long long c = h.v[j].n;

		sqlite3_reset(name);
		sqlite3_bind_int64(name, 1, h.v[j].id);
		if (sqlite3_step(name) != SQLITE_ROW)
			continue;
		if (match && *match) {
			char *fold = text_fold((const char *)sqlite3_column_text(name, 0));
			int hit = strstr(fold, match) != NULL;

			free(fold);
			if (!hit)
				continue;
		}
		if (s->fk.sampled && s->fk.n && s->fk.total > (long long)s->fk.n)
			c = (c * s->fk.total + (long long)s->fk.n / 2) / (long long)s->fk.n;
		v[nv].name = store_col_dup(name, 0);
		v[nv++].count = c;
	}
	store_release(s, name);
	free(h.v);
	*out = v;
	*n = nv;
	return s->fk.sampled ? 2 : 1;
}

int store_facet(struct store *s, const struct query *q, enum facet f, size_t limit,
                struct facet_value **out, size_t *n, struct err *e)
{
	return store_facet_matching(s, q, f, NULL, limit, out, n, e);
}

int store_facet_matching(struct store *s, const struct query *q, enum facet f,
                         const char *text, size_t limit, struct facet_value **out,
                         size_t *n, struct err *e)
{
	const char *t;
	struct sbuf sql = {0};
	sqlite3_stmt *st;
	struct facet_value *v = NULL;
	size_t nv = 0;
	char *match = text && *text ? text_fold(text) : NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((unsigned)f >= FACET_NKINDS) {
		free(match);
		return err_set(e, "no such facet");
	}
	t = store_facet_table[f];
	if (!query_is_empty(q)) {
		rc = facet_counted(s, q, f, match, limit, out, n, e);
		free(match);
		return rc;
	}
	/* the whole collection: counts kept up to date at import (with a
	 * text, a pass over the names of this kind, never the documents) */
	sbuf_printf(&sql, "SELECT name, ndocs FROM %s WHERE ndocs > 0%s "
	            "ORDER BY ndocs DESC, name LIMIT ?1", t,
	            match ? " AND instr(fold, ?2) > 0" : "");
	st = store_prepare_cached(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	if (!st) {
		free(match);
		return -1;
	}
	sqlite3_bind_int64(st, 1, (int64_t)limit);
	if (match)
		sqlite3_bind_text(st, 2, match, -1, SQLITE_TRANSIENT);
	free(match);
	v = xcalloc(limit ? limit : 1, sizeof *v);
	store_query_start(s);
	while (nv < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		v[nv].name = store_col_dup(st, 0);
		v[nv].count = sqlite3_column_int64(st, 1);
		nv++;
	}
	store_query_end(s);
	store_release(s, st);
	if (nv < limit && rc != SQLITE_DONE && !s->interrupted) {
		facet_values_free(v, nv);
		return store_sqlerr(s, e, "counting names");
	}
	*out = v;
	*n = nv;
	return s->interrupted ? 0 : 1;
}
