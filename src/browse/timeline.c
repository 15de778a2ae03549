/* timeline.c - periods (years, months, days) and the timeline's cursor
 * over the data's span, the counts it shows, and narrowing the list to
 * the period under the cursor. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse/internal.h"

void browse_timeline_span(struct browse *b, int32_t *first, int32_t *last,
                          long long *undated)
{
	struct browse_cache *c = b->cache;
	struct err e;

	if (!c->tl_read || c->tl_gen != b->gen) {
		/* two index seeks and a count of a range at the index's end */
		if (store_query_span(b->store, b->q, &c->tl_first, &c->tl_last, &e) < 0)
			c->tl_first = c->tl_last = 0;
		if (store_count_undated(b->store, b->q, &c->tl_undated, &e) < 0)
			c->tl_undated = 0;
		c->tl_gen = b->gen;
		c->tl_read = 1;
	}
	*first = c->tl_first;
	*last = c->tl_last;
	if (undated)
		*undated = c->tl_undated;
}

static void timeline_clamp(struct browse *b)
{
	int32_t lo, hi, first, last;

	browse_timeline_span(b, &first, &last, NULL);
	if (!first)
		return;
	lo = text_period_of(first, b->v.timeline.level);
	hi = text_period_of(last, b->v.timeline.level);
	if (b->v.timeline.cursor < lo)
		b->v.timeline.cursor = lo;
	if (b->v.timeline.cursor > hi)
		b->v.timeline.cursor = hi;
}

int browse_focus_date(struct browse *b, struct date *d)
{
	struct err e;
	int64_t key = browse_focus_key(b);
	const struct row *r = browse_current(b);
	const struct doc *doc;

	if (!key)
		return 0;
	if (r && r->key == key) {
		*d = r->date;
	} else {
		doc = browse_doc(b, key, &e);
		if (!doc)
			return 0;
		*d = doc->date;
	}
	return d->prec != DATE_UNDATED;
}

int browse_current_date(struct browse *b, struct date *d)
{
	struct err e;
	const struct row *r = browse_current(b);
	const struct doc *doc;

	if (!b->cur)
		return 0;
	if (r && r->key == b->cur) {
		*d = r->date;
	} else {
		doc = browse_doc(b, b->cur, &e);
		if (!doc)
			return 0;
		*d = doc->date;
	}
	return d->prec != DATE_UNDATED;
}

int browse_timeline_open(struct browse *b, struct err *e)
{
	struct date d;
	int32_t first, last;

	(void)e;
	browse_timeline_span(b, &first, &last, NULL);
	if (!first) {
		browse_message(b, 0, "No dated documents in the list");
		return 1;
	}
	if (browse_top(b) == BV_TIMELINE)
		return 0;
	browse_change_begin(b);
	b->v.timeline.level = DATE_YEAR;
	b->v.timeline.top = 0;
	b->v.timeline.cursor = browse_focus_date(b, &d) ?
	                       text_period_of(d.key, DATE_YEAR) :
	                       text_period_of(first, DATE_YEAR);
	timeline_clamp(b);
	browse_push_view(b, BV_TIMELINE);
	browse_change_end(b);
	return 0;
}

void browse_timeline_move(struct browse *b, long n)
{
	b->v.timeline.cursor = text_period_add(b->v.timeline.cursor, b->v.timeline.level, n);
	timeline_clamp(b);
}

void browse_timeline_edge(struct browse *b, int dir)
{
	int32_t first, last;

	browse_timeline_span(b, &first, &last, NULL);
	if (!first)
		return;
	b->v.timeline.cursor = text_period_of(dir < 0 ? first : last,
	                                        b->v.timeline.level);
}

void browse_timeline_zoom(struct browse *b, int dir)
{
	int32_t first, last;
	struct date d;

	if (dir > 0 && b->v.timeline.level < DATE_DAY) {
		text_period_days(b->v.timeline.cursor, b->v.timeline.level, &first, &last);
		b->v.timeline.level++;
		if (browse_focus_date(b, &d) && d.prec >= b->v.timeline.level &&
		    d.key >= first && d.key <= last)
			b->v.timeline.cursor = text_period_of(d.key, b->v.timeline.level);
		else
			b->v.timeline.cursor = text_period_of(first, b->v.timeline.level);
	} else if (dir < 0 && b->v.timeline.level > DATE_YEAR) {
		b->v.timeline.level--;
		b->v.timeline.cursor = text_period_of(b->v.timeline.cursor, b->v.timeline.level);
	}
	timeline_clamp(b);
}

void browse_timeline_goto(struct browse *b, int32_t ymd, enum date_prec prec)
{
	if (prec > b->v.timeline.level && prec <= DATE_DAY)
		b->v.timeline.level = prec;
	b->v.timeline.cursor = text_period_of(ymd, b->v.timeline.level);
	timeline_clamp(b);
}

enum browse_counted browse_timeline_counts(struct browse *b, int32_t first, size_t n,
                           long long *out, long long *coarse,
                           struct err *e)
{
	struct bucket *v = NULL;
	size_t nv = 0, i;
	int32_t from, to, f2;
	int r;

	memset(out, 0, n * sizeof *out);
	if (coarse)
		*coarse = 0;
	if (!n)
		return BROWSE_COUNT_EXACT;
	text_period_days(first, b->v.timeline.level, &from, &f2);
	text_period_days(text_period_add(first, b->v.timeline.level, (long)n - 1),
	                   b->v.timeline.level, &f2, &to);
	r = store_timeline(b->store, b->q, b->v.timeline.level, from, to, &v, &nv, coarse,
	                   e);
	if (r < 0)
		return BROWSE_COUNT_ERROR;
	for (i = 0; i < nv; i++) {
		long k = text_period_diff(first,
		                            text_period_of(v[i].period, b->v.timeline.level),
		                            b->v.timeline.level);

		if (k >= 0 && k < (long)n)
			out[k] += v[i].count;
	}
	free(v);
	return (enum browse_counted)r;
}

int browse_timeline_narrow(struct browse *b, struct err *e)
{
	int32_t from, to;
	char buf[16];

	int r;

	text_period_days(b->v.timeline.cursor, b->v.timeline.level, &from, &to);
	browse_change_begin(b);
	browse_drop_dates(b);
	query_add_dates(b->filters, from, to);
	b->v.n = 1;
	r = browse_requery(b, 0, e);
	if (r == 0)
		browse_message(b, 0, "Narrowed to %s",
		               text_period_format(b->v.timeline.cursor,
		                                    b->v.timeline.level, buf,
		                                    sizeof buf));
	/* the list has changed even when it could not be read in full */
	browse_change_end(b);
	return r;
}


int32_t browse_timeline_top(struct browse *b, int rows)
{
	struct browse_timeline_view *t = &b->v.timeline;
	int32_t first, last, lo, hi;
	long nper, ci, ti;

	browse_timeline_span(b, &first, &last, NULL);
	lo = text_period_of(first, t->level);
	hi = text_period_of(last, t->level);
	nper = text_period_diff(lo, hi, t->level) + 1;
	ci = text_period_diff(lo, t->cursor, t->level);

	if (rows < 1)
		rows = 1;
	if (t->top_level != t->level || !t->top || t->top < lo) {
		t->top_level = t->level;
		ti = ci - rows / 2;
	} else {
		ti = text_period_diff(lo, t->top, t->level);
	}
	if (ci < ti)
		ti = ci;
	if (ci >= ti + rows)
		ti = ci - rows + 1;
	if (ti > nper - rows)
		ti = nper - rows;
	if (ti < 0)
		ti = 0;
	t->top = text_period_add(lo, t->level, ti);
	return t->top;
}
