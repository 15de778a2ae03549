/* timeline.c - periods (years, months, days) and the timeline's cursor
 * over the data's span, the counts it shows, and narrowing the list to
 * the period under the cursor. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse/internal.h"

int32_t browse_period_of(int32_t ymd, enum date_prec level)
{
	int32_t y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;

	switch (level) {
	case DATE_DAY:
		return y * 10000 + (m ? m : 1) * 100 + (d ? d : 1);
	case DATE_MONTH:
		return y * 10000 + (m ? m : 1) * 100;
	default:
		return y * 10000;
	}
}

int32_t browse_period_add(int32_t p, enum date_prec level, long n)
{
	long y = p / 10000, m = p / 100 % 100, t;

	switch (level) {
	case DATE_DAY:
		return text_day_from_number(text_day_number(p) + n);
	case DATE_MONTH:
		t = y * 12 + (m - 1) + n;
		if (t < 0)
			t = 0;
		return (int32_t)((t / 12) * 10000 + (t % 12 + 1) * 100);
	default:
		y += n;
		if (y < 0)
			y = 0;
		if (y > 9999)
			y = 9999;
		return (int32_t)(y * 10000);
	}
}

long browse_period_diff(int32_t a, int32_t b, enum date_prec level)
{
	switch (level) {
	case DATE_DAY:
		return text_day_number(b) - text_day_number(a);
	case DATE_MONTH:
		return (long)(b / 10000 - a / 10000) * 12 +
		       (b / 100 % 100 - a / 100 % 100);
	default:
		return (long)(b / 10000 - a / 10000);
	}
}

void browse_period_days(int32_t p, enum date_prec level, int32_t *first,
                        int32_t *last)
{
	int32_t y = p / 10000, m = p / 100 % 100;

	switch (level) {
	case DATE_DAY:
		*first = *last = p;
		break;
	case DATE_MONTH:
		*first = y * 10000 + m * 100 + 1;
		*last = y * 10000 + m * 100 + text_month_days(y, m);
		break;
	default:
		*first = y * 10000 + 101;
		*last = y * 10000 + 1231;
		break;
	}
}

char *browse_period_format(int32_t p, enum date_prec level, char *buf,
                           size_t n)
{
	int y = p / 10000, m = p / 100 % 100, d = p % 100;

	switch (level) {
	case DATE_DAY:
		snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
		break;
	case DATE_MONTH:
		snprintf(buf, n, "%04d-%02d", y, m);
		break;
	default:
		snprintf(buf, n, "%04d", y);
		break;
	}
	return buf;
}

static void timeline_clamp(struct browse *b)
{
	int32_t lo, hi;

	if (!b->span_first)
		return;
	lo = browse_period_of(b->span_first, b->v.timeline.level);
	hi = browse_period_of(b->span_last, b->v.timeline.level);
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

	(void)e;
	if (!b->span_first && store_span(b->store, &b->span_first, &b->span_last, e) < 0)
		return -1;
	if (!b->span_first) {
		browse_message(b, 0, "No dated documents");
		return 1;
	}
	if (browse_top(b) == BV_TIMELINE)
		return 0;
	browse_change_begin(b);
	b->v.timeline.level = DATE_YEAR;
	b->v.timeline.top = 0;
	b->v.timeline.cursor = browse_focus_date(b, &d) ?
	                       browse_period_of(d.key, DATE_YEAR) :
	                       browse_period_of(b->span_first, DATE_YEAR);
	timeline_clamp(b);
	browse_push_view(b, BV_TIMELINE);
	browse_change_end(b);
	return 0;
}

void browse_timeline_move(struct browse *b, long n)
{
	b->v.timeline.cursor = browse_period_add(b->v.timeline.cursor, b->v.timeline.level, n);
	timeline_clamp(b);
}

void browse_timeline_edge(struct browse *b, int dir)
{
	if (!b->span_first)
		return;
	b->v.timeline.cursor = browse_period_of(dir < 0 ? b->span_first : b->span_last,
	                                b->v.timeline.level);
}

void browse_timeline_zoom(struct browse *b, int dir)
{
	int32_t first, last;
	struct date d;

	if (dir > 0 && b->v.timeline.level < DATE_DAY) {
		browse_period_days(b->v.timeline.cursor, b->v.timeline.level, &first, &last);
		b->v.timeline.level++;
		if (browse_focus_date(b, &d) && d.prec >= b->v.timeline.level &&
		    d.key >= first && d.key <= last)
			b->v.timeline.cursor = browse_period_of(d.key, b->v.timeline.level);
		else
			b->v.timeline.cursor = browse_period_of(first, b->v.timeline.level);
	} else if (dir < 0 && b->v.timeline.level > DATE_YEAR) {
		b->v.timeline.level--;
		b->v.timeline.cursor = browse_period_of(b->v.timeline.cursor, b->v.timeline.level);
	}
	timeline_clamp(b);
}

void browse_timeline_goto(struct browse *b, int32_t ymd, enum date_prec prec)
{
	if (prec > b->v.timeline.level && prec <= DATE_DAY)
		b->v.timeline.level = prec;
	b->v.timeline.cursor = browse_period_of(ymd, b->v.timeline.level);
	timeline_clamp(b);
}

int browse_timeline_counts(struct browse *b, int32_t first, size_t n,
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
		return 1;
	browse_period_days(first, b->v.timeline.level, &from, &f2);
	browse_period_days(browse_period_add(first, b->v.timeline.level, (long)n - 1),
	                   b->v.timeline.level, &f2, &to);
	r = store_timeline(b->store, b->q, b->v.timeline.level, from, to, &v, &nv, coarse,
	                   e);
	if (r < 0)
		return -1;
	for (i = 0; i < nv; i++) {
		long k = browse_period_diff(first,
		                            browse_period_of(v[i].period, b->v.timeline.level),
		                            b->v.timeline.level);

		if (k >= 0 && k < (long)n)
			out[k] += v[i].count;
	}
	free(v);
	return r;
}

int browse_timeline_narrow(struct browse *b, struct err *e)
{
	int32_t from, to;
	char buf[16];

	int r;

	browse_period_days(b->v.timeline.cursor, b->v.timeline.level, &from, &to);
	browse_change_begin(b);
	browse_drop_dates(b);
	query_add_dates(b->filters, from, to);
	b->v.n = 1;
	r = browse_requery(b, 0, e);
	if (r == 0)
		browse_message(b, 0, "Narrowed to %s",
		               browse_period_format(b->v.timeline.cursor,
		                                    b->v.timeline.level, buf,
		                                    sizeof buf));
	/* the list has changed even when it could not be read in full */
	browse_change_end(b);
	return r;
}


int32_t browse_timeline_top(struct browse *b, int rows)
{
	struct browse_timeline_view *t = &b->v.timeline;
	int32_t lo = browse_period_of(b->span_first, t->level);
	int32_t hi = browse_period_of(b->span_last, t->level);
	long nper = browse_period_diff(lo, hi, t->level) + 1;
	long ci = browse_period_diff(lo, t->cursor, t->level), ti;

	if (rows < 1)
		rows = 1;
	if (t->top_level != t->level || !t->top || t->top < lo) {
		t->top_level = t->level;
		ti = ci - rows / 2;
	} else {
		ti = browse_period_diff(lo, t->top, t->level);
	}
	if (ci < ti)
		ti = ci;
	if (ci >= ti + rows)
		ti = ci - rows + 1;
	if (ti > nper - rows)
		ti = nper - rows;
	if (ti < 0)
		ti = 0;
	t->top = browse_period_add(lo, t->level, ti);
	return t->top;
}
