/* state.c - setting up and freeing the browsing state, the view stack, the
 * status message, and the generic navigation every list-like view uses. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse/internal.h"

static const char *const view_names[BV_NVIEWS] = {
#define BROWSE_VIEW_NAME_(id, name) name,
	BROWSE_VIEWS(BROWSE_VIEW_NAME_)
#undef BROWSE_VIEW_NAME_
};

const char *browse_view_name(enum browse_view v)
{
	return (unsigned)v < BV_NVIEWS ? view_names[v] : "?";
}

enum browse_view browse_top(const struct browse *b)
{
	return b->v.n ? b->v.stack[b->v.n - 1] : BV_LIST;
}

void browse_message(struct browse *b, int error, const char *fmt, ...)
{
	va_list ap;

	b->msg_error = error;
	if (!fmt) {
		b->msg[0] = '\0';
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->msg, sizeof b->msg, fmt, ap);
	va_end(ap);
}

int browse_blank(const char *s)
{
	if (!s)
		return 1;
	while (*s && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

void browse_views_copy(struct browse_views *dst, const struct browse_views *src)
{
	char *name = src->person.name ? xstrdup(src->person.name) : NULL;

	browse_views_clear(dst);
	*dst = *src;
	dst->person.name = name;
}

void browse_views_clear(struct browse_views *v)
{
	free(v->person.name);
	memset(v, 0, sizeof *v);
}

int browse_init(struct browse *b, struct store *s, size_t height,
                struct err *e)
{
	memset(b, 0, sizeof *b);
	b->store = s;
	b->height = height ? height : 1;
	b->search = xstrdup("");
	b->search_q = query_new();
	b->filters = query_new();
	b->rank_pref = 1;
	b->v.stack[0] = BV_LIST;
	b->v.n = 1;
	b->v.timeline.level = DATE_YEAR;
	b->total = -1;
	b->cache = xcalloc(1, sizeof *b->cache);
	store_span(s, &b->span_first, &b->span_last, e);
	b->hist = xcalloc(BROWSE_MAX_HISTORY, sizeof *b->hist);
	if (browse_requery(b, 0, e) < 0) {
		/* keep going with an empty list; the caller shows e */
		b->stale = 1;
		browse_batch_begin(b);
		browse_batch_end(b, 1);
		return -1;
	}
	browse_batch_begin(b);
	browse_batch_end(b, 1);
	return 0;
}

void browse_free(struct browse *b)
{
	size_t i;

	if (!b->hist && !b->q && !b->search)
		return;
	for (i = 0; i < b->nhist; i++)
		browse_place_clear(&b->hist[i]);
	free(b->hist);
	free(b->search);
	query_free(b->search_q);
	query_free(b->filters);
	query_free(b->q);
	rows_free(&b->rows);
	browse_views_clear(&b->v);
	if (b->cache) {
		browse_cache_free(b->cache);
		free(b->cache);
	}
	memset(b, 0, sizeof *b);
}

int browse_db_empty(const struct browse *b)
{
	return store_is_empty(b->store);
}

void browse_push_view(struct browse *b, enum browse_view v)
{
	size_t i;

	for (i = 0; i < b->v.n; i++) {
		if (b->v.stack[i] == v) {
			b->v.n = i + 1;
			return;
		}
	}
	if (b->v.n < BROWSE_MAX_VIEWS)
		b->v.stack[b->v.n++] = v;
}

int browse_pop_view(struct browse *b)
{
	if (b->v.n <= 1)
		return 1;
	b->v.n--;
	return 0;
}

/* --- generic navigation ------------------------------------------------ */

static size_t nav_page(const struct browse_nav *nav)
{
	return nav->page ? nav->page : 1;
}

/* Keep the selection within count and on screen. */
static void nav_fix(struct browse_nav *nav, size_t count)
{
	size_t h = nav_page(nav);

	if (!count) {
		nav->sel = nav->top = 0;
		return;
	}
	if (nav->sel >= count)
		nav->sel = count - 1;
	if (nav->sel < nav->top)
		nav->top = nav->sel;
	if (nav->sel >= nav->top + h)
		nav->top = nav->sel - h + 1;
	if (nav->top + h > count)
		nav->top = count > h ? count - h : 0;
}

void browse_nav_move(struct browse_nav *nav, size_t count, long delta)
{
	long s = (long)nav->sel + delta;

	if (s >= (long)count)
		s = (long)count - 1;
	if (s < 0)
		s = 0;
	nav->sel = (size_t)s;
	nav_fix(nav, count);
}

void browse_nav_page(struct browse_nav *nav, size_t count, int dir)
{
	size_t h = nav_page(nav), line = nav->sel - nav->top, max;

	if (!count)
		return;
	max = count > h ? count - h : 0;
	if (dir > 0) {
		if (nav->top >= max) {
			nav->sel = count - 1;
		} else {
			nav->top = nav->top + h < max ? nav->top + h : max;
			nav->sel = nav->top + line;
		}
	} else {
		if (nav->top == 0) {
			nav->sel = 0;
		} else {
			nav->top = nav->top > h ? nav->top - h : 0;
			nav->sel = nav->top + line;
		}
	}
	nav_fix(nav, count);
}

void browse_nav_edge(struct browse_nav *nav, size_t count, int dir)
{
	nav->sel = dir < 0 || !count ? 0 : count - 1;
	nav_fix(nav, count);
}

void browse_nav_show(struct browse_nav *nav, size_t count, size_t page)
{
	nav->page = page ? page : 1;
	nav_fix(nav, count);
}

void browse_nav_scroll(struct browse_nav *nav, size_t count, long delta)
{
	size_t h = nav_page(nav), max = count > h ? count - h : 0;
	long t = (long)nav->top + delta;

	if (t > (long)max)
		t = (long)max;
	if (t < 0)
		t = 0;
	nav->top = nav->sel = (size_t)t;
}
