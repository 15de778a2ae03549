/* filter.c - the filter pane: the search, the active filters, and facets
 * with counts for the current result set; toggling a value narrows the
 * list at once. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

enum fkind { FI_HEADING, FI_NOTE, FI_SEARCH, FI_ACTIVE, FI_FACET, FI_DECADE };

struct filter_item {
	enum fkind kind;
	char *text;
	long long count;
	int field;        /* FI_FACET: an enum qfield */
	size_t index;     /* FI_ACTIVE: the clause */
	int active;
	int32_t from, to; /* FI_DECADE */
};

#define FACET_LIMIT 10

static const enum request filter_hints[] = {
	REQ_ENTER, REQ_REMOVE, REQ_CLEAR, REQ_SEARCH, REQ_BACK, REQ_HELP,
	REQ_QUIT, REQ_NONE
};

static struct filter_item *item_add(struct app *a, enum fkind k,
                                    const char *text)
{
	struct filter_item *it;

	a->fi = xrealloc(a->fi, (a->nfi + 1) * sizeof *a->fi);
	it = &a->fi[a->nfi++];
	memset(it, 0, sizeof *it);
	it->kind = k;
	it->text = xstrdup(text ? text : "");
	return it;
}

void filter_items_free(struct app *a)
{
	size_t i;

	for (i = 0; i < a->nfi; i++)
		free(a->fi[i].text);
	free(a->fi);
	a->fi = NULL;
	a->nfi = 0;
	free(a->fi_query);
	a->fi_query = NULL;
}

static char *state_key(struct browse *b)
{
	struct sbuf k = {0};
	char *s = query_format(b->search_q), *f = query_format(b->filters);

	sbuf_printf(&k, "%s\n%s", s, f);
	free(s);
	free(f);
	return sbuf_take(&k);
}

static void add_decades(struct app *a)
{
	struct browse *b = &a->b;
	struct bucket *v = NULL;
	size_t n = 0, i;
	struct err e;
	int r;

	item_add(a, FI_HEADING, "Decades");
	r = store_timeline(a->store, b->q, DATE_YEAR, 0, 0, &v, &n, NULL, &e);
	if (r == 0 && screen_input_pending())
		a->fi_partial = 1;
	if (r < 0) {
		item_add(a, FI_NOTE, e.msg);
		return;
	}
	for (i = 0; i < n;) {
		int dec = v[i].period / 100000; /* yyyy0000 / 100000 = yyy */
		long long c = 0;
		char label[32];
		struct filter_item *it;

		while (i < n && v[i].period / 100000 == dec)
			c += v[i++].count;
		if (!c)
			continue;
		snprintf(label, sizeof label, "%d0s", dec);
		it = item_add(a, FI_DECADE, label);
		it->count = c;
		it->from = dec * 100000 + 101;
		it->to = (dec * 10 + 9) * 10000 + 1231;
		it->active = browse_dates_index(b, it->from, it->to) >= 0;
	}
	if (r == 0)
		item_add(a, FI_NOTE, "(partial counts)");
	free(v);
}

static void reselect(struct app *a, enum fkind kind, const char *text);

void filter_refresh(struct app *a)
{
	struct browse *b = &a->b;
	char *key = state_key(b);
	size_t i;
	int f;

	if (a->fi_query && strcmp(a->fi_query, key) == 0) {
		free(key);
		return;
	}
	filter_items_free(a);
	a->fi_query = key;
	a->fi_partial = 0;
	a->interruptible = 1;

	item_add(a, FI_HEADING, "Search");
	if (*b->search)
		item_add(a, FI_SEARCH, b->search);
	else
		item_add(a, FI_SEARCH, "(none: Enter or / to search)");

	item_add(a, FI_HEADING, "Active filters");
	for (i = 0; i < b->filters->n; i++) {
		struct query one;
		char *t;
		struct filter_item *it;

		one.v = &b->filters->v[i];
		one.n = 1;
		t = query_format(&one);
		it = item_add(a, FI_ACTIVE, t);
		it->index = i;
		it->active = 1;
		free(t);
	}
	if (!b->filters->n)
		item_add(a, FI_NOTE, "(none: choose values below)");

	for (f = 0; f < FACET_NKINDS; f++) {
		struct facet_value *v = NULL;
		size_t n = 0;
		struct err e;
		int r;
		char head[64];

		snprintf(head, sizeof head, "%s", store_facet_name((enum facet)f));
		if (head[0] >= 'a' && head[0] <= 'z')
			head[0] = (char)(head[0] - 'a' + 'A');
		item_add(a, FI_HEADING, head);
		r = store_facet(a->store, b->q, (enum facet)f, FACET_LIMIT, &v, &n,
		                &e);
		if (r == 0 && screen_input_pending())
			a->fi_partial = 1;
		if (r < 0) {
			item_add(a, FI_NOTE, e.msg);
			continue;
		}
		for (i = 0; i < n; i++) {
			struct filter_item *it = item_add(a, FI_FACET, v[i].name);

			it->count = v[i].count;
			it->field = f;
			it->active = browse_filter_index(b, (enum qfield)f,
			                                 v[i].name) >= 0;
		}
		if (!n)
			item_add(a, FI_NOTE, "(none)");
		else if (r == 0)
			item_add(a, FI_NOTE, "(partial counts)");
		else if (r == 2)
			item_add(a, FI_NOTE, "(estimated from a sample)");
		facet_values_free(v, n);
	}
	add_decades(a);
	a->interruptible = 0;
}

void filter_finish(struct app *a)
{
	enum fkind kind = FI_HEADING;
	char *text = NULL;

	if (!a->fi_partial || screen_input_pending())
		return;
	if (a->b.filter_sel < a->nfi) {
		kind = a->fi[a->b.filter_sel].kind;
		text = xstrdup(a->fi[a->b.filter_sel].text);
	}
	free(a->fi_query);
	a->fi_query = NULL;
	if (text) {
		reselect(a, kind, text);
		free(text);
	} else {
		filter_refresh(a);
	}
}

static int selectable(const struct filter_item *it)
{
	return it->kind != FI_HEADING && it->kind != FI_NOTE;
}

/* Move the selection by delta selectable items (at least to one). */
static void move_sel(struct app *a, long delta)
{
	long s = (long)a->b.filter_sel, step = delta < 0 ? -1 : 1, left;

	if (!a->nfi)
		return;
	if (s >= (long)a->nfi)
		s = (long)a->nfi - 1;
	left = delta < 0 ? -delta : delta;
	while (left > 0) {
		long t = s + step;

		while (t >= 0 && t < (long)a->nfi && !selectable(&a->fi[t]))
			t += step;
		if (t < 0 || t >= (long)a->nfi)
			break;
		s = t;
		left--;
	}
	if (!selectable(&a->fi[s])) {
		/* nothing selectable that way: find the nearest */
		long t;

		for (t = 0; t < (long)a->nfi && !selectable(&a->fi[t]); t++)
			;
		if (t < (long)a->nfi)
			s = t;
	}
	a->b.filter_sel = (size_t)s;
}

static void filter_draw(struct app *a, struct rect r, int focused)
{
	size_t i;
	int vis = r.h;

	if (r.h <= 0 || r.w <= 0)
		return;
	filter_refresh(a);
	move_sel(a, 0);
	a->fi_top = view_scroll_to(a->fi_top, (int)a->b.filter_sel, vis,
	                           (int)a->nfi);
	for (i = (size_t)a->fi_top; i < a->nfi && (int)(i - a->fi_top) < vis;
	     i++) {
		const struct filter_item *it = &a->fi[i];
		int y = r.y + (int)(i - a->fi_top);
		int sel = i == a->b.filter_sel;
		enum sattr at = sel ? (focused ? SA_SELECTED : SA_CURSOR) : SA_NORMAL;
		struct sbuf line = {0};
		char *clean = screen_clean(it->text);
		char num[32] = "";
		int nw = 0;

		switch (it->kind) {
		case FI_HEADING:
			screen_put_clean(y, r.x, r.w, clean, SA_HEADING);
			free(clean);
			continue;
		case FI_NOTE:
			screen_put_clean(y, r.x + 2, r.w - 2, clean, SA_DIM);
			free(clean);
			continue;
		case FI_SEARCH:
			sbuf_printf(&line, "  %s", clean);
			break;
		default:
			sbuf_printf(&line, "  [%c] %s", it->active ? 'x' : ' ', clean);
			break;
		}
		free(clean);
		if (it->kind == FI_FACET || it->kind == FI_DECADE) {
			snprintf(num, sizeof num, " %lld", it->count);
			nw = (int)strlen(num);
		}
		if (sel)
			screen_fill(y, r.x, r.w, at);
		screen_put_clean(y, r.x, r.w - nw, sbuf_str(&line), at);
		if (nw && r.w > nw)
			screen_put_clean(y, r.x + r.w - nw, nw, num,
			                 sel ? at : SA_DIM);
		sbuf_free(&line);
	}
}

/* After the list changed, put the selection back on the item that was
 * chosen (kind and text), if it is still there. */
static void reselect(struct app *a, enum fkind kind, const char *text)
{
	size_t i;

	filter_refresh(a);
	for (i = 0; i < a->nfi; i++) {
		if (a->fi[i].kind == kind && strcmp(a->fi[i].text, text) == 0) {
			a->b.filter_sel = i;
			return;
		}
	}
	move_sel(a, 0);
}

static void activate(struct app *a, int remove_only)
{
	struct browse *b = &a->b;
	struct filter_item *it;
	enum fkind kind;
	char *text;
	int r = 0, added = 0;

	filter_refresh(a);
	if (b->filter_sel >= a->nfi)
		return;
	it = &a->fi[b->filter_sel];
	kind = it->kind;
	text = xstrdup(it->text);
	switch (it->kind) {
	case FI_SEARCH:
		if (!remove_only)
			prompt_open(a, PROMPT_SEARCH, b->search);
		else if (*b->search)
			r = browse_set_search(b, "", &a->e);
		break;
	case FI_ACTIVE:
		r = browse_remove_filter(b, it->index, &a->e);
		if (r == 0)
			browse_message(b, 0, "Removed %s", text);
		break;
	case FI_FACET:
		if (remove_only && !it->active)
			break;
		r = browse_toggle_filter(b, (enum qfield)it->field, text, &added,
		                         &a->e);
		if (r == 0)
			browse_message(b, 0, added ? "Only %s" : "No longer only %s",
			               text);
		break;
	case FI_DECADE:
		if (remove_only && !it->active)
			break;
		r = browse_toggle_dates(b, it->from, it->to, &added, &a->e);
		if (r == 0)
			browse_message(b, 0, added ? "Only the %s" : "Every decade",
			               text);
		break;
	default:
		break;
	}
	if (r < 0)
		app_error(a, &a->e);
	reselect(a, kind, text);
	free(text);
}

static int filter_request(struct app *a, enum request req)
{
	int page = a->lines > 4 ? a->lines - 4 : 1;

	filter_refresh(a);
	switch (req) {
	case REQ_MOVE_DOWN:
		move_sel(a, 1);
		break;
	case REQ_MOVE_UP:
		move_sel(a, -1);
		break;
	case REQ_PAGE_DOWN:
		move_sel(a, page);
		break;
	case REQ_PAGE_UP:
		move_sel(a, -page);
		break;
	case REQ_MOVE_FIRST:
		a->b.filter_sel = 0;
		move_sel(a, 0);
		break;
	case REQ_MOVE_LAST:
		move_sel(a, (long)a->nfi);
		break;
	case REQ_ENTER:
		activate(a, 0);
		break;
	case REQ_REMOVE:
		activate(a, 1);
		break;
	case REQ_PEOPLE:
		/* on a person of the facets: open that person */
		if (a->b.filter_sel < a->nfi &&
		    a->fi[a->b.filter_sel].kind == FI_FACET &&
		    a->fi[a->b.filter_sel].field == FACET_PERSON) {
			char *name = xstrdup(a->fi[a->b.filter_sel].text);

			if (browse_person_open(&a->b, name, &a->e) < 0)
				app_error(a, &a->e);
			free(name);
			break;
		}
		return 0;
	default:
		return 0;
	}
	return 1;
}

const struct view_ops filter_view = {
	BV_FILTER, filter_draw, filter_request, filter_hints
};
