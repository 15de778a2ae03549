/* timeline.c - the timeline view: a bar per year, month or day with the
 * number of documents of the list in it, empty periods included. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

static const enum request timeline_hints[] = {
	REQ_ENTER, REQ_ZOOM_IN, REQ_ZOOM_OUT, REQ_WIDEN, REQ_COMMAND, REQ_HELP,
	REQ_QUIT, REQ_NONE
};

static const char *level_name(enum date_prec l)
{
	return l == DATE_DAY ? "day" : l == DATE_MONTH ? "month" : "year";
}

/* The timeline's own state: the counts it last drew, kept while nothing
 * they depend on changes (the list, the level, the periods shown), so
 * moving the cursor costs no query. */
struct timeline_state {
	unsigned long gen;   /* the list they were counted for, 0 none */
	enum date_prec level;
	int32_t first;
	size_t n;
	long long *counts, coarse;
	int part;
};

static struct timeline_state *st(struct app *a)
{
	return view_state(a, BV_TIMELINE, sizeof(struct timeline_state));
}

/* The counts of n periods from first, from the cache when it has them. */
static int counts_of(struct app *a, int32_t first, size_t n,
                     const long long **out, long long *coarse, struct err *e)
{
	struct timeline_state *c = st(a);
	int r;

	if (c->gen && c->gen == a->b.gen && c->level == a->b.v.timeline.level &&
	    c->first == first && c->n == n && c->part == 1) {
		*out = c->counts;
		*coarse = c->coarse;
		return c->part;
	}
	c->gen = 0;
	c->counts = xrealloc(c->counts, (n + 1) * sizeof *c->counts);
	r = browse_timeline_counts(&a->b, first, n, c->counts, &c->coarse, e);
	if (r < 0)
		return -1;
	c->gen = a->b.gen;
	c->level = a->b.v.timeline.level;
	c->first = first;
	c->n = n;
	c->part = r;
	*out = c->counts;
	*coarse = c->coarse;
	return r;
}

static void timeline_done(struct app *a)
{
	free(st(a)->counts);
}

static void timeline_draw(struct app *a, struct rect r, int focused)
{
	struct browse *b = &a->b;
	const struct browse_timeline_view *tv = &b->v.timeline;
	int32_t lo, hi, top, marked = -1, first, last;
	long nper, ti;
	int rows, i, n;
	const long long *counts;
	long long coarse = 0, max = 0, pos, total, undated = 0;
	int exact, part;
	struct sbuf line = {0};
	struct date cd;
	struct err e;

	(void)focused;
	if (r.h <= 0 || r.w <= 0)
		return;
	browse_timeline_span(b, &first, &last, &undated);
	if (!first) {
		screen_put(r.y, r.x + 1, r.w - 1, "No dated documents in the list", SA_DIM);
		return;
	}
	browse_position_known(b, &pos, &total, &exact);
	sbuf_printf(&line, "Timeline by %s: ", level_name(tv->level));
	if (total < 0)
		sbuf_add(&line, a->ascii ? "..." : "\xe2\x80\xa6");
	else
		sbuf_printf(&line, "%s%lld", exact ? "" : ">=", total);
	sbuf_add(&line, " documents in the list");
	screen_put(r.y, r.x, r.w, sbuf_str(&line), SA_HEADING);
	sbuf_reset(&line);

	lo = text_period_of(first, tv->level);
	hi = text_period_of(last, tv->level);
	nper = text_period_diff(lo, hi, tv->level) + 1;
	rows = r.h - 2;
	if (rows < 1)
		rows = 1;
	top = browse_timeline_top(b, rows);
	ti = text_period_diff(lo, top, tv->level);
	n = (int)(nper - ti < rows ? nper - ti : rows);
	if (n < 0)
		n = 0;
	part = counts_of(a, top, (size_t)n, &counts, &coarse, &e);
	if (part < 0) {
		screen_put(r.y + 1, r.x + 1, r.w - 1, e.msg, SA_ERROR);
		sbuf_free(&line);
		return;
	}
	for (i = 0; i < n; i++)
		if (counts[i] > max)
			max = counts[i];
	/* the list's current document */
	if (browse_current_date(b, &cd) && cd.prec >= tv->level)
		marked = text_period_of(cd.key, tv->level);
	for (i = 0; i < n; i++) {
		int32_t p = text_period_add(top, tv->level, i);
		char label[16];
		int is_cur = p == tv->cursor;
		struct spans sp = {0};
		enum sattr at;

		text_period_format(p, tv->level, label, sizeof label);
		sbuf_reset(&line);
		ui_timeline_line(label, counts[i], max, is_cur, p == marked, r.w,
		                 a->plain, &line);
		at = is_cur ? SA_SELECTED : counts[i] ? SA_NORMAL : SA_DIM;
		if (!is_cur && line.len > 20) {
			sp.v = xmalloc(sizeof *sp.v);
			sp.v[0].off = 20;
			sp.v[0].len = line.len - 20;
			sp.n = sp.cap = 1;
		}
		screen_put_spans(r.y + 1 + i, r.x, r.w, sbuf_str(&line), &sp, at,
		                 SA_BAR);
		spans_free(&sp);
	}
	sbuf_reset(&line);
	ui_timeline_apart(coarse, undated, tv->level, part == 0, &line);
	if (line.len && r.h >= 3)
		screen_put(r.y + r.h - 1, r.x + 1, r.w - 1, sbuf_str(&line), SA_DIM);
	sbuf_free(&line);
}

static int timeline_request(struct app *a, enum request req)
{
	struct browse *b = &a->b;
	long big = b->v.timeline.level == DATE_YEAR ? 10 :
	           b->v.timeline.level == DATE_MONTH ? 12 : 30;

	switch (req) {
	case REQ_MOVE_DOWN:
	case REQ_MOVE_RIGHT:
		browse_timeline_move(b, 1);
		break;
	case REQ_MOVE_UP:
	case REQ_MOVE_LEFT:
		browse_timeline_move(b, -1);
		break;
	case REQ_PAGE_DOWN:
		browse_timeline_move(b, big);
		break;
	case REQ_PAGE_UP:
		browse_timeline_move(b, -big);
		break;
	case REQ_MOVE_FIRST:
		browse_timeline_edge(b, -1);
		break;
	case REQ_MOVE_LAST:
		browse_timeline_edge(b, 1);
		break;
	case REQ_ZOOM_IN:
		browse_timeline_zoom(b, 1);
		break;
	case REQ_ZOOM_OUT:
		browse_timeline_zoom(b, -1);
		break;
	case REQ_ENTER:
		if (browse_timeline_narrow(b, &a->e) < 0)
			app_error(a, &a->e);
		break;
	default:
		return 0;
	}
	return 1;
}

static int timeline_enter(struct app *a)
{
	return browse_timeline_open(&a->b, &a->e);
}

/* "timeline years 1950" and the list's position. */
static void timeline_status(struct app *a, struct status_info *si,
                            char *mode, size_t len)
{
	const struct browse_timeline_view *tv = &a->b.v.timeline;
	const char *lv = tv->level == DATE_DAY ? "days" :
	                 tv->level == DATE_MONTH ? "months" : "years";
	char p[16];

	snprintf(mode, len, "timeline %s %s", lv,
	         text_period_format(tv->cursor, tv->level, p, sizeof p));
	app_status_list(a, si);
}

const struct view_ops timeline_view = {
	.id = BV_TIMELINE,
	.place = VP_FULL,
	.toggle = REQ_TIMELINE,
	.enter = timeline_enter,
	.draw = timeline_draw,
	.request = timeline_request,
	.status = timeline_status,
	.done = timeline_done,
	.hints = timeline_hints,
	.enter_label = "narrow",
};
