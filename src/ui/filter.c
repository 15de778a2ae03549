/* filter.c - the filter pane: the search, the active filters, and facets
 * with counts for the current result set; toggling a value narrows the
 * list at once. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

enum fkind { FI_HEADING, FI_NOTE, FI_SEARCH, FI_ACTIVE, FI_FACET, FI_DECADE, FI_MORE,
             FI_USER /* the reader's: a saved search, a mark, a tag (field: which) */ };

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
/* the most values a facet's "more" list shows (typing narrows it) */
#define FACET_ALL 5000

static const enum request filter_hints[] = {
	REQ_ENTER, REQ_REMOVE, REQ_CLEAR, REQ_SEARCH, REQ_BACK, REQ_HELP,
	REQ_QUIT, REQ_NONE
};

/* The filter pane's own state: its lines, made again when the list
 * changes (the generation says when), and whether counting gave way to a
 * key (then they are completed when idle). */
struct filter_state {
	struct filter_item *fi;
	size_t nfi, cap;
	unsigned long gen;   /* the list the items are for, 0 none */
	int partial;
	int expanded;        /* one facet shows every value: exp_field */
	int exp_field;
	char *narrow;        /* and only those holding this text, or NULL */
};

static struct filter_state *st(struct app *a)
{
	return view_state(a, BV_FILTER, sizeof(struct filter_state));
}

static struct filter_item *item_add(struct app *a, enum fkind k,
                                    const char *text)
{
	struct filter_state *fs = st(a);
	struct filter_item *it;

	ARRAY_RESERVE(fs->fi, fs->nfi, fs->cap);
	it = &fs->fi[fs->nfi++];
	memset(it, 0, sizeof *it);
	it->kind = k;
	it->text = xstrdup(text ? text : "");
	return it;
}

static void items_free(struct app *a)
{
	struct filter_state *fs = st(a);
	size_t i;

	for (i = 0; i < fs->nfi; i++)
		free(fs->fi[i].text);
	free(fs->fi);
	fs->fi = NULL;
	fs->nfi = fs->cap = 0;
	fs->gen = 0;
}

static void add_decades(struct app *a)
{
	struct browse *b = &a->b;
	struct bucket *v = NULL;
	size_t n = 0, i;
	struct err e;
	enum browse_counted r;

	item_add(a, FI_HEADING, "Decades");
	r = browse_years(b, &v, &n, &e);
	if (r == BROWSE_COUNT_PARTIAL && screen_input_pending())
		st(a)->partial = 1;
	if (r == BROWSE_COUNT_ERROR) {
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
	if (r == BROWSE_COUNT_PARTIAL)
		item_add(a, FI_NOTE, "(partial counts)");
	free(v);
}

static void reselect(struct app *a, enum fkind kind, const char *text);

/* The reader's facet which under heading: its values with their counts
 * in the list; none: what to say when there are none (NULL: nothing, not
 * even the heading). */
static void add_user(struct app *a, enum browse_user_facet which, const char *heading,
                     const char *none)
{
	struct browse *b = &a->b;
	struct facet_value *v = NULL;
	size_t n = 0;
	struct err e;
	enum browse_counted r = browse_user_facet(b, which, &v, &n, &e);

	if (!n && r != BROWSE_COUNT_ERROR && !none)
		return;
	item_add(a, FI_HEADING, heading);
	if (r == BROWSE_COUNT_ERROR) {
		item_add(a, FI_NOTE, e.msg);
		return;
	}
	if (r == BROWSE_COUNT_PARTIAL && screen_input_pending())
		st(a)->partial = 1;
	for (size_t i = 0; i < n; i++) {
		struct filter_item *it = item_add(a, FI_USER, v[i].name);
		enum qfield f;
		char *val;

		it->count = v[i].count;
		it->field = (int)which;
		if (browse_user_filter(which, v[i].name, &f, &val, &e) == 0) {
			it->active = browse_filter_index(b, f, val) >= 0;
			free(val);
		}
	}
	if (!n)
		item_add(a, FI_NOTE, none);
	else if (r == BROWSE_COUNT_PARTIAL)
		item_add(a, FI_NOTE, "(partial counts)");
	facet_values_free(v, n);
}

/* Make the pane's items again when the list changed. Counting gives way
 * to a pending key: then the items are partial until filter_finish
 * completes them. */
static void filter_refresh(struct app *a)
{
	struct browse *b = &a->b;
	struct filter_state *fs = st(a);
	size_t i;
	int f;

	if (fs->gen && fs->gen == b->gen)
		return;
	items_free(a);
	fs->partial = 0;
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

	/* the reader's saved searches first (when there are any), their
	 * marks and tags after the data's facets */
	add_user(a, BUF_SAVED, "Saved searches", NULL);
	for (f = 0; f < FACET_NKINDS; f++) {
		struct facet_value *v = NULL;
		size_t n = 0;
		struct err e;
		enum browse_counted r;
		char head[64];

		int all = fs->expanded && fs->exp_field == f;
		struct sbuf h = {0};

		snprintf(head, sizeof head, "%s", store_facet_name((enum facet)f));
		if (head[0] >= 'a' && head[0] <= 'z')
			head[0] = (char)(head[0] - 'a' + 'A');
		sbuf_add(&h, head);
		if (all)
			sbuf_add(&h, fs->narrow ? ": every value holding \"" : ": every value");
		if (all && fs->narrow)
			sbuf_printf(&h, "%s\"", fs->narrow);
		item_add(a, FI_HEADING, sbuf_str(&h));
		sbuf_free(&h);
		r = browse_facet_matching(b, (enum facet)f, all ? fs->narrow : NULL,
		                          all ? FACET_ALL : FACET_LIMIT, &v, &n, &e);
		if (r == BROWSE_COUNT_PARTIAL && screen_input_pending())
			fs->partial = 1;
		if (r == BROWSE_COUNT_ERROR) {
			item_add(a, FI_NOTE, e.msg);
			continue;
		}
		for (i = 0; i < n; i++) {
			struct filter_item *it = item_add(a, FI_FACET, v[i].name);

			it->count = v[i].count;
			it->field = f;
			it->active = browse_filter_index(b,
			                                 browse_facet_field((enum facet)f),
			                                 v[i].name) >= 0;
		}
		if (!n)
			item_add(a, FI_NOTE, all && fs->narrow ? "(none holds it)" : "(none)");
		else if (r == BROWSE_COUNT_PARTIAL)
			item_add(a, FI_NOTE, "(partial counts)");
		else if (r == BROWSE_COUNT_SAMPLED)
			item_add(a, FI_NOTE, "(estimated from a sample)");
		if (all && n >= FACET_ALL)
			item_add(a, FI_NOTE, "(the first values only: type to narrow)");
		/* the way to every value, and back to the first ten */
		if (all)
			item_add(a, FI_MORE, "fewer (the most frequent only)")->field = f;
		else if (n >= FACET_LIMIT)
			item_add(a, FI_MORE, a->ascii ? "more... (every value; type to narrow)" :
			         "more\xe2\x80\xa6 (every value; type to narrow)")->field = f;
		facet_values_free(v, n);
	}
	add_user(a, BUF_MARKS, "Marks", NULL);
	add_user(a, BUF_TAGS, "Tags", NULL);
	add_decades(a);
	a->interruptible = 0;
	fs->gen = b->gen;
}

/* Complete the counts cut short by a key, keeping the selection on the
 * same item; nothing when none were. */
static void filter_finish(struct app *a)
{
	struct filter_state *fs = st(a);
	size_t sel = a->b.v.filter.nav.sel;
	enum fkind kind = FI_HEADING;
	char *text = NULL;

	if (!fs->partial || screen_input_pending())
		return;
	if (sel < fs->nfi) {
		kind = fs->fi[sel].kind;
		text = xstrdup(fs->fi[sel].text);
	}
	fs->gen = 0;
	if (text) {
		reselect(a, kind, text);
		free(text);
	} else {
		filter_refresh(a);
	}
}

/* Select item i. */
static void set_sel(struct app *a, size_t i)
{
	struct browse_nav *nav = &a->b.v.filter.nav;

	browse_nav_move(nav, st(a)->nfi, (long)i - (long)nav->sel);
}

static int selectable(const struct filter_item *it)
{
	return it->kind != FI_HEADING && it->kind != FI_NOTE;
}

/* Move the selection by delta selectable items (at least to one). */
static void move_sel(struct app *a, long delta)
{
	long s = (long)a->b.v.filter.nav.sel, step = delta < 0 ? -1 : 1, left;

	if (!st(a)->nfi)
		return;
	if (s >= (long)st(a)->nfi)
		s = (long)st(a)->nfi - 1;
	left = delta < 0 ? -delta : delta;
	while (left > 0) {
		long t = s + step;

		while (t >= 0 && t < (long)st(a)->nfi && !selectable(&st(a)->fi[t]))
			t += step;
		if (t < 0 || t >= (long)st(a)->nfi)
			break;
		s = t;
		left--;
	}
	if (!selectable(&st(a)->fi[s])) {
		/* nothing selectable that way: find the nearest */
		long t;

		for (t = 0; t < (long)st(a)->nfi && !selectable(&st(a)->fi[t]); t++)
			;
		if (t < (long)st(a)->nfi)
			s = t;
	}
	set_sel(a, (size_t)s);
}

static void filter_draw(struct app *a, struct rect r, int focused)
{
	size_t i;
	int vis = r.h;

	if (r.h <= 0 || r.w <= 0)
		return;
	filter_refresh(a);
	browse_nav_show(&a->b.v.filter.nav, st(a)->nfi, (size_t)vis);
	move_sel(a, 0);
	for (i = a->b.v.filter.nav.top;
	     i < st(a)->nfi && (int)(i - a->b.v.filter.nav.top) < vis; i++) {
		const struct filter_item *it = &st(a)->fi[i];
		int y = r.y + (int)(i - a->b.v.filter.nav.top);
		int sel = i == a->b.v.filter.nav.sel;
		enum sattr at = sel ? (focused ? SA_SELECTED : SA_CURSOR) :
		                it->kind == FI_FACET || it->kind == FI_DECADE ?
		                SA_FACET : SA_NORMAL;
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
		case FI_MORE:
			sbuf_printf(&line, "  %s", clean);
			break;
		default:
			sbuf_printf(&line, "  [%c] %s", it->active ? 'x' : ' ', clean);
			break;
		}
		free(clean);
		if (it->kind == FI_FACET || it->kind == FI_DECADE ||
		    (it->kind == FI_USER && it->count >= 0)) {
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
	for (i = 0; i < st(a)->nfi; i++) {
		if (st(a)->fi[i].kind == kind && strcmp(st(a)->fi[i].text, text) == 0) {
			set_sel(a, i);
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
	if (b->v.filter.nav.sel >= st(a)->nfi)
		return;
	it = &st(a)->fi[b->v.filter.nav.sel];
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
		r = browse_toggle_filter(b, browse_facet_field((enum facet)it->field),
		                         text, &added,
		                         &a->e);
		if (r == 0)
			browse_message(b, 0, added ? "Only %s" : "No longer only %s",
			               text);
		break;
	case FI_USER: {
		enum qfield f;
		char *val;

		if (remove_only && !it->active)
			break;
		r = browse_user_filter((enum browse_user_facet)it->field, text, &f, &val, &a->e);
		if (r == 0) {
			r = browse_toggle_filter(b, f, val, &added, &a->e);
			free(val);
		}
		if (r == 0)
			browse_message(b, 0, added ? "Only %s" : "No longer only %s", text);
		break;
	}
	case FI_MORE:
		if (remove_only)
			break;
		if (st(a)->expanded && st(a)->exp_field == it->field) {
			st(a)->expanded = 0;
		} else {
			st(a)->expanded = 1;
			st(a)->exp_field = it->field;
			/* the values are narrowed as one types */
			prompt_open(a, PROMPT_FIND, NULL);
			browse_message(b, 0, "Type to narrow the %s; Enter keeps it, "
			               "Esc too", store_facet_name((enum facet)it->field));
		}
		free(st(a)->narrow);
		st(a)->narrow = NULL;
		st(a)->gen = 0;
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
	struct browse_nav *nav = &a->b.v.filter.nav;
	long page = nav->page > 1 ? (long)nav->page - 1 : 1;
	const struct filter_item *it;

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
		set_sel(a, 0);
		move_sel(a, 0);
		break;
	case REQ_MOVE_LAST:
		move_sel(a, (long)st(a)->nfi);
		break;
	case REQ_ENTER:
		activate(a, 0);
		break;
	case REQ_REMOVE:
		activate(a, 1);
		break;
	case REQ_PEOPLE:
		/* on a person of the facets: open that person */
		it = nav->sel < st(a)->nfi ? &st(a)->fi[nav->sel] : NULL;
		if (it && it->kind == FI_FACET && it->field == FACET_PERSON) {
			char *name = xstrdup(it->text);

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

/* Open the pane on its first line. */
static int filter_enter(struct app *a)
{
	browse_push_view(&a->b, BV_FILTER);
	browse_nav_edge(&a->b.v.filter.nav, 0, -1);
	return 0;
}

static int filter_pending(struct app *a)
{
	return a->views[BV_FILTER].priv && st(a)->partial;
}

/* Counts a key cut short: complete them while the pane is shown, else
 * when it is shown again. */
static void filter_idle(struct app *a)
{
	if (browse_top(&a->b) == BV_FILTER) {
		filter_finish(a);
	} else {
		st(a)->partial = 0;
		st(a)->gen = 0;
	}
}

void filter_narrow(struct app *a, const char *text)
{
	struct filter_state *fs = st(a);
	size_t i;

	if (!fs->expanded)
		return;
	free(fs->narrow);
	fs->narrow = text && *text ? xstrdup(text) : NULL;
	fs->gen = 0;
	filter_refresh(a);
	/* on the first value left, else on the way back */
	for (i = 0; i < fs->nfi; i++)
		if ((fs->fi[i].kind == FI_FACET || fs->fi[i].kind == FI_MORE) &&
		    fs->fi[i].field == fs->exp_field) {
			set_sel(a, i);
			break;
		}
}

static void filter_done(struct app *a)
{
	items_free(a);
	free(st(a)->narrow);
	st(a)->narrow = NULL;
}

const struct view_ops filter_view = {
	.id = BV_FILTER,
	.place = VP_THIRD,
	.toggle = REQ_FILTERS,
	.enter = filter_enter,
	.draw = filter_draw,
	.companion = list_draw_companion,
	.request = filter_request,
	.pending = filter_pending,
	.idle = filter_idle,
	.done = filter_done,
	.hints = filter_hints,
};
