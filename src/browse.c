/* browse.c - the browser's state and its changes, with no curses in it.
 *
 * The list is a window of at most b->height rows read with keyset pages:
 * moving past its bottom reads the next few rows after the last one and
 * drops as many from the top, so nothing but one screen is ever held.
 * Positions ("17/44") are kept incrementally and counted only when lost
 * (after a seek) with store_count_before.
 *
 * History: hist[hist_cur] is the place the user is at. A jump first
 * refreshes that entry with the current state (so coming back restores the
 * scroll offsets the user left), then moves, then appends the new place
 * after hist_cur, dropping any forward entries, as a web browser does.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonds/browse.h"

struct browse_snapshot {
	enum browse_view views[BROWSE_MAX_VIEWS];
	size_t nviews;
	char *search;
	struct query *filters;
	int rank_pref, rank_capped;
	int have_top;
	struct page_pos top;
	size_t sel;
	long long top_index;
	int top_exact;
	long long total;
	int total_exact;
	int64_t doc_key;
	int doc_scroll;
	enum date_prec tl_level;
	int32_t tl_cursor;
	int64_t rel_key;
	size_t rel_sel;
	size_t filter_sel;
	char *person;
	size_t person_sel;
	int64_t people_key;
	size_t people_sel;
};

static const char *const view_names[BV_NVIEWS] = {
	"list", "document", "timeline", "related", "filters", "help", "person",
	"people"
};

const char *browse_view_name(enum browse_view v)
{
	return (unsigned)v < BV_NVIEWS ? view_names[v] : "?";
}

enum browse_view browse_top(const struct browse *b)
{
	return b->nviews ? b->views[b->nviews - 1] : BV_LIST;
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

static struct page_pos row_pos(const struct row *r)
{
	struct page_pos p;

	p.key = r->key;
	p.rank = r->rank;
	return p;
}

/* Ranking sorts every match (bm25 over all of them), so a search with
 * more matches than this is shown in date order, which streams from the
 * index: no key pays for the number of matches. */
#define BROWSE_RANK_MAX 5000

enum store_sort browse_sort(const struct browse *b)
{
	return b->rank_pref && !b->rank_capped && query_has_text(b->q) ?
	       SORT_RANK : SORT_DATE;
}

/* Whether the query has too many matches to rank, by a bounded probe. */
static void check_rank_cap(struct browse *b)
{
	long long n = 0;
	struct err e;

	b->rank_capped = 0;
	if (b->rank_pref && query_has_text(b->q))
		b->rank_capped = store_count_upto(b->store, b->q, BROWSE_RANK_MAX + 1,
		                                  &n, &e) != 1 || n > BROWSE_RANK_MAX;
}

/* Move the rows of src to the end of dst; src is left empty and freed. */
static void rows_append_move(struct rows *dst, struct rows *src)
{
	if (src->n) {
		if (dst->n + src->n > dst->cap) {
			dst->cap = dst->n + src->n;
			dst->v = xrealloc(dst->v, dst->cap * sizeof *dst->v);
		}
		memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
		dst->n += src->n;
		src->n = 0;
	}
	rows_free(src);
	memset(src, 0, sizeof *src);
}

/* Drop k rows from the front (front) or the back of r. */
static void rows_drop(struct rows *r, size_t k, int front)
{
	size_t i;

	if (k > r->n)
		k = r->n;
	if (front) {
		for (i = 0; i < k; i++)
			row_clear(&r->v[i]);
		memmove(r->v, r->v + k, (r->n - k) * sizeof *r->v);
	} else {
		for (i = r->n - k; i < r->n; i++)
			row_clear(&r->v[i]);
	}
	r->n -= k;
}

static void rows_replace(struct rows *dst, struct rows *src)
{
	rows_free(dst);
	*dst = *src;
	memset(src, 0, sizeof *src);
}

static void note_interrupt(struct browse *b)
{
	if (store_was_interrupted(b->store))
		b->stale = 1;
}

/* Read a window of b->height rows starting at pos (the start when NULL)
 * into out; when fewer rows follow pos, fill up with the rows before it
 * so the screen stays full. *before gets the number of rows so added. */
static int fetch_window(struct browse *b, const struct page_pos *pos,
                        int inclusive, struct rows *out, size_t *before,
                        struct err *e)
{
	struct rows r = {0}, fill = {0};
	enum store_sort sort = browse_sort(b);

	*before = 0;
	memset(out, 0, sizeof *out);
	if (store_page(b->store, b->q, sort, pos, 1, inclusive, b->height, &r,
	               e) < 0) {
		rows_free(&r);
		note_interrupt(b);
		return -1;
	}
	if (pos && r.n < b->height) {
		struct page_pos first;
		const struct page_pos *from = NULL;

		if (r.n) {
			first = row_pos(&r.v[0]);
			from = &first;
		}
		if (store_page(b->store, b->q, sort, from, -1, 0,
		               b->height - r.n, &fill, e) < 0) {
			rows_free(&r);
			rows_free(&fill);
			note_interrupt(b);
			return -1;
		}
		*before = fill.n;
		rows_append_move(&fill, &r);
		r = fill;
	}
	*out = r;
	return 0;
}

/* Whether a count was cut short by a key or a signal (and is to be run
 * again), rather than by the time limit or an error (its lower bound is
 * kept: running it again would cost as much, and fail the same way). */
static int cut_short(struct browse *b, int r)
{
	return r != 1 && store_was_interrupted(b->store) == 1;
}

static int count_total(struct browse *b)
{
	struct err e;
	long long n = 0;
	int r = store_count(b->store, b->q, &n, &e);

	if (cut_short(b, r))
		return -1;
	b->total = r < 0 ? 0 : n;
	b->total_exact = r == 1;
	return 0;
}

static int count_top(struct browse *b)
{
	struct err e;
	struct page_pos p = row_pos(&b->rows.v[0]);
	long long n = 0;
	int r = store_count_before(b->store, b->q, browse_sort(b), &p, &n, &e);

	if (cut_short(b, r))
		return -1;
	b->top_index = r < 0 ? 0 : n;
	b->top_exact = r == 1;
	return 0;
}

int browse_count_due(const struct browse *b)
{
	return b->total < 0 || (b->rows.n && b->top_index < 0);
}

int browse_count(struct browse *b)
{
	if (b->total < 0 && count_total(b) < 0)
		return -1;
	if (b->rows.n && b->top_index < 0 && count_top(b) < 0)
		return -1;
	return 0;
}

static int load_start(struct browse *b, struct err *e)
{
	struct rows r;
	size_t before;

	if (fetch_window(b, NULL, 0, &r, &before, e) < 0)
		return -1;
	rows_replace(&b->rows, &r);
	b->sel = 0;
	b->top_index = 0;
	b->top_exact = 1;
	b->stale = 0;
	return 0;
}

static void rebuild_query(struct browse *b)
{
	query_free(b->q);
	b->q = query_dup(b->search_q);
	query_append(b->q, b->filters);
}

/* The result set changed: show it from its start, or from the document
 * keep when it is still in it (date order only). Its count is left to
 * browse_count: a key need not wait for it. */
static int requery(struct browse *b, int64_t keep, struct err *e)
{
	rebuild_query(b);
	b->total = -1;
	b->top_index = -1;
	check_rank_cap(b);
	if (keep && browse_sort(b) == SORT_DATE) {
		int r = browse_list_seek(b, keep, e);

		if (r <= 0) {
			if (r == 0)
				b->stale = 0;
			return r;
		}
	}
	return load_start(b, e);
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
	b->views[0] = BV_LIST;
	b->nviews = 1;
	b->tl_level = DATE_YEAR;
	b->total = -1;
	store_span(s, &b->span_first, &b->span_last, e);
	b->hist = xcalloc(BROWSE_MAX_HISTORY, sizeof *b->hist);
	if (requery(b, 0, e) < 0) {
		/* keep going with an empty list; the caller shows e */
		b->stale = 1;
		browse_record(b);
		return -1;
	}
	browse_record(b);
	return 0;
}

static void snapshot_clear(struct browse_snapshot *h)
{
	free(h->search);
	free(h->person);
	query_free(h->filters);
	memset(h, 0, sizeof *h);
}

void browse_free(struct browse *b)
{
	size_t i;

	if (!b->hist && !b->q && !b->search)
		return;
	for (i = 0; i < b->nhist; i++)
		snapshot_clear(&b->hist[i]);
	free(b->hist);
	free(b->search);
	query_free(b->search_q);
	query_free(b->filters);
	query_free(b->q);
	rows_free(&b->rows);
	relations_free(b->rel, b->nrel);
	free(b->person);
	free(b->tl_query);
	person_info_free(b->pinfo);
	if (b->doc)
		doc_free(b->doc);
	memset(b, 0, sizeof *b);
}

/* --- the list ------------------------------------------------------- */

/* Scroll the window down by up to k rows; returns how far it moved. */
static long scroll_down(struct browse *b, size_t k, struct err *e)
{
	struct rows r = {0};
	struct page_pos p;
	size_t drop;

	if (!b->rows.n || !k)
		return 0;
	p = row_pos(&b->rows.v[b->rows.n - 1]);
	if (store_page(b->store, b->q, browse_sort(b), &p, 1, 0, k, &r, e) < 0) {
		rows_free(&r);
		return -1;
	}
	rows_append_move(&b->rows, &r);
	drop = b->rows.n > b->height ? b->rows.n - b->height : 0;
	rows_drop(&b->rows, drop, 1);
	if (b->top_index >= 0)
		b->top_index += (long long)drop;
	return (long)drop;
}

/* Scroll the window up by up to k rows; returns how far it moved. */
static long scroll_up(struct browse *b, size_t k, struct err *e)
{
	struct rows r = {0};
	struct page_pos p;
	size_t drop, m;

	if (!b->rows.n || !k)
		return 0;
	p = row_pos(&b->rows.v[0]);
	if (store_page(b->store, b->q, browse_sort(b), &p, -1, 0, k, &r, e) < 0) {
		rows_free(&r);
		return -1;
	}
	m = r.n;
	rows_append_move(&r, &b->rows);
	b->rows = r;
	drop = b->rows.n > b->height ? b->rows.n - b->height : 0;
	rows_drop(&b->rows, drop, 0);
	if (b->top_index >= 0)
		b->top_index = b->top_index >= (long long)m ?
		               b->top_index - (long long)m : -1;
	return (long)m;
}

int browse_set_height(struct browse *b, size_t height, struct err *e)
{
	struct rows r;
	size_t before;
	struct page_pos p;

	if (!height)
		height = 1;
	if (height == b->height)
		return 0;
	b->height = height;
	if (b->stale)
		return browse_reload(b, e);
	if (!b->rows.n)
		return load_start(b, e);
	if (b->rows.n >= height) {
		/* smaller (a search shows two lines a row): the rows it shows
		 * are held already, the selection last when it was below */
		size_t front = b->sel >= height ? b->sel - (height - 1) : 0;

		rows_drop(&b->rows, front, 1);
		rows_drop(&b->rows, b->rows.n - height, 0);
		b->sel -= front;
		if (b->top_index >= 0)
			b->top_index += (long long)front;
		return 0;
	}
	if (b->sel >= height) {
		/* keep the selection as the last line */
		long long shift = (long long)b->sel - (long long)(height - 1);

		p = row_pos(&b->rows.v[b->sel]);
		memset(&r, 0, sizeof r);
		if (store_page(b->store, b->q, browse_sort(b), &p, -1, 1, height,
		               &r, e) < 0) {
			rows_free(&r);
			return -1;
		}
		if (r.n == 0) {
			rows_free(&r);
			return load_start(b, e);
		}
		rows_replace(&b->rows, &r);
		b->sel = b->rows.n - 1;
		if (b->top_index >= 0)
			b->top_index += shift;
		return 0;
	}
	p = row_pos(&b->rows.v[0]);
	if (fetch_window(b, &p, 1, &r, &before, e) < 0)
		return -1;
	rows_replace(&b->rows, &r);
	b->sel += before;
	if (b->sel >= b->rows.n)
		b->sel = b->rows.n ? b->rows.n - 1 : 0;
	if (b->top_index >= 0)
		b->top_index = b->top_index >= (long long)before ?
		               b->top_index - (long long)before : -1;
	return 0;
}

int browse_reload(struct browse *b, struct err *e)
{
	struct rows r;
	size_t before;
	struct page_pos p;

	if (b->stale || !b->rows.n)
		return load_start(b, e);
	p = row_pos(&b->rows.v[0]);
	if (fetch_window(b, &p, 1, &r, &before, e) < 0)
		return -1;
	rows_replace(&b->rows, &r);
	b->sel += before;
	if (b->sel >= b->rows.n)
		b->sel = b->rows.n ? b->rows.n - 1 : 0;
	if (b->top_index >= 0)
		b->top_index = b->top_index >= (long long)before ?
		               b->top_index - (long long)before : -1;
	return 0;
}

int browse_move(struct browse *b, long delta, struct err *e)
{
	long target, shift;

	if (!b->rows.n)
		return 0;
	target = (long)b->sel + delta;
	if (target >= (long)b->rows.n) {
		shift = scroll_down(b, (size_t)(target - ((long)b->rows.n - 1)), e);
		if (shift < 0)
			return -1;
		target -= shift;
		if (target >= (long)b->rows.n)
			target = (long)b->rows.n - 1;
	} else if (target < 0) {
		shift = scroll_up(b, (size_t)-target, e);
		if (shift < 0)
			return -1;
		target += shift;
		if (target < 0)
			target = 0;
	}
	b->sel = (size_t)target;
	return 0;
}

int browse_page(struct browse *b, int dir, struct err *e)
{
	long shift;

	if (!b->rows.n)
		return 0;
	if (dir > 0) {
		shift = scroll_down(b, b->height, e);
		if (shift < 0)
			return -1;
		if (shift == 0)
			b->sel = b->rows.n - 1;
	} else {
		shift = scroll_up(b, b->height, e);
		if (shift < 0)
			return -1;
		if (shift == 0)
			b->sel = 0;
	}
	if (b->sel >= b->rows.n)
		b->sel = b->rows.n - 1;
	return 0;
}

int browse_edge(struct browse *b, int dir, struct err *e)
{
	struct rows r = {0};

	if (dir < 0)
		return load_start(b, e);
	if (store_page(b->store, b->q, browse_sort(b), NULL, -1, 0, b->height,
	               &r, e) < 0) {
		rows_free(&r);
		note_interrupt(b);
		return -1;
	}
	rows_replace(&b->rows, &r);
	b->sel = b->rows.n ? b->rows.n - 1 : 0;
	b->top_index = b->total >= 0 && b->total_exact ?
	               b->total - (long long)b->rows.n : -1;
	b->top_exact = 1;
	return 0;
}

const struct row *browse_current(const struct browse *b)
{
	return b->rows.n && b->sel < b->rows.n ? &b->rows.v[b->sel] : NULL;
}

int browse_position_known(const struct browse *b, long long *pos,
                          long long *total, int *exact)
{
	*pos = !b->rows.n ? 0 :
	       b->top_index >= 0 ? b->top_index + (long long)b->sel + 1 : -1;
	*total = b->total;
	if (*total >= 0 && *total < *pos)
		*total = *pos;
	*exact = (b->top_index < 0 || b->top_exact) &&
	         (b->total < 0 || b->total_exact);
	if (!b->rows.n && *total < 0)
		*total = 0;
	return b->rows.n ? 0 : -1;
}

int browse_position(struct browse *b, long long *pos, long long *total,
                    int *exact)
{
	browse_count(b);
	return browse_position_known(b, pos, total, exact);
}

/* --- search, filters and sort ---------------------------------------- */

static int blank(const char *s)
{
	if (!s)
		return 1;
	while (*s && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

int browse_set_search(struct browse *b, const char *text, struct err *e)
{
	struct query *nq;

	if (blank(text)) {
		nq = query_new();
		text = "";
	} else if (query_parse(text, &nq, e) < 0) {
		return -1;
	}
	free(b->search);
	b->search = xstrdup(text);
	query_free(b->search_q);
	b->search_q = nq;
	return requery(b, 0, e);
}

static int64_t list_key(const struct browse *b)
{
	const struct row *r = browse_current(b);

	return r ? r->key : 0;
}

int browse_add_filter(struct browse *b, enum qfield f, const char *value,
                      int neg, struct err *e)
{
	if (blank(value))
		return err_set(e, "a %s filter needs a value",
		               query_field_name(f) ? query_field_name(f) : "field");
	query_add_field(b->filters, f, value, neg);
	return requery(b, list_key(b), e);
}

int browse_add_dates(struct browse *b, int32_t from, int32_t to,
                     struct err *e)
{
	if (from && to && from > to)
		return err_set(e, "the period ends before it starts");
	query_add_dates(b->filters, from, to);
	return requery(b, list_key(b), e);
}

long browse_filter_index(const struct browse *b, enum qfield f,
                         const char *value)
{
	size_t i;

	for (i = 0; i < b->filters->n; i++) {
		const struct qclause *c = &b->filters->v[i];

		if (c->n == 1 && c->atoms[0].kind == Q_FIELD &&
		    c->atoms[0].field == f && !c->atoms[0].neg &&
		    c->atoms[0].text && strcmp(c->atoms[0].text, value) == 0)
			return (long)i;
	}
	return -1;
}

int browse_toggle_filter(struct browse *b, enum qfield f, const char *value,
                         int *added, struct err *e)
{
	long i = browse_filter_index(b, f, value);

	if (added)
		*added = i < 0;
	if (i < 0)
		return browse_add_filter(b, f, value, 0, e);
	return browse_remove_filter(b, (size_t)i, e);
}

int browse_remove_filter(struct browse *b, size_t i, struct err *e)
{
	if (i >= b->filters->n)
		return err_set(e, "there is no filter %zu", i + 1);
	query_remove(b->filters, i);
	return requery(b, list_key(b), e);
}

int browse_clear_filters(struct browse *b, struct err *e)
{
	if (!b->filters->n)
		return 0;
	query_free(b->filters);
	b->filters = query_new();
	return requery(b, list_key(b), e);
}

int browse_clear_all(struct browse *b, struct err *e)
{
	int had_search = !blank(b->search), had_filters = b->filters->n > 0;
	int r;

	if (!had_search && !had_filters) {
		browse_message(b, 0, "No search or filters to clear");
		return 0;
	}
	free(b->search);
	b->search = xstrdup("");
	query_free(b->search_q);
	b->search_q = query_new();
	query_free(b->filters);
	b->filters = query_new();
	/* one new list, on the same document */
	r = requery(b, list_key(b), e);
	if (r == 0)
		browse_message(b, 0, "%s cleared: every document",
		               had_search && had_filters ? "Search and filters" :
		               had_search ? "Search" : "Filters");
	return r;
}

static int clause_is_dates(const struct qclause *c)
{
	size_t i;

	if (!c->n)
		return 0;
	for (i = 0; i < c->n; i++)
		if (c->atoms[i].kind != Q_DATE)
			return 0;
	return 1;
}

/* Remove the date clauses of the filters; returns how many went. */
static size_t drop_dates(struct browse *b)
{
	size_t i = b->filters->n, n = 0;

	while (i-- > 0) {
		if (clause_is_dates(&b->filters->v[i])) {
			query_remove(b->filters, i);
			n++;
		}
	}
	return n;
}

long browse_dates_index(const struct browse *b, int32_t from, int32_t to)
{
	size_t i;

	for (i = 0; i < b->filters->n; i++) {
		const struct qclause *c = &b->filters->v[i];

		if (c->n == 1 && c->atoms[0].kind == Q_DATE && !c->atoms[0].neg &&
		    c->atoms[0].from == from && c->atoms[0].to == to)
			return (long)i;
	}
	return -1;
}

int browse_toggle_dates(struct browse *b, int32_t from, int32_t to,
                        int *added, struct err *e)
{
	long i = browse_dates_index(b, from, to);

	if (added)
		*added = i < 0;
	if (i >= 0)
		return browse_remove_filter(b, (size_t)i, e);
	drop_dates(b);
	return browse_add_dates(b, from, to, e);
}

int browse_widen(struct browse *b, struct err *e)
{
	if (!drop_dates(b)) {
		browse_message(b, 0, "No period to widen");
		return 0;
	}
	browse_message(b, 0, "Widened to every date");
	return requery(b, list_key(b), e);
}

int browse_set_sort(struct browse *b, enum store_sort sort, struct err *e)
{
	int pref = sort == SORT_RANK;

	if (pref == b->rank_pref)
		return 0;
	b->rank_pref = pref;
	if (!query_has_text(b->q))
		return 0; /* date order either way until there is a search */
	return requery(b, 0, e);
}

char *browse_filters_text(const struct browse *b)
{
	return query_format(b->filters);
}

/* --- history ---------------------------------------------------------- */

static void snapshot_take(const struct browse *b, struct browse_snapshot *h)
{
	snapshot_clear(h);
	memcpy(h->views, b->views, sizeof h->views);
	h->nviews = b->nviews;
	h->search = xstrdup(b->search);
	h->filters = query_dup(b->filters);
	h->rank_pref = b->rank_pref;
	h->rank_capped = b->rank_capped;
	h->have_top = b->rows.n > 0;
	if (h->have_top)
		h->top = row_pos(&b->rows.v[0]);
	h->sel = b->sel;
	h->top_index = b->top_index;
	h->top_exact = b->top_exact;
	h->total = b->total;
	h->total_exact = b->total_exact;
	h->doc_key = b->doc_key;
	h->doc_scroll = b->doc_scroll;
	h->tl_level = b->tl_level;
	h->tl_cursor = b->tl_cursor;
	h->rel_key = b->rel_key;
	h->rel_sel = b->rel_sel;
	h->filter_sel = b->filter_sel;
	h->person = b->person ? xstrdup(b->person) : NULL;
	h->person_sel = b->person_sel;
	h->people_key = b->people_key;
	h->people_sel = b->people_sel;
}

static int snapshot_restore(struct browse *b, const struct browse_snapshot *h,
                            struct err *e)
{
	struct query *sq;
	struct rows r;
	size_t before;
	int changed;

	changed = strcmp(b->search, h->search) != 0 ||
	          b->rank_pref != h->rank_pref;
	if (!changed) {
		char *a = query_format(b->filters), *c = query_format(h->filters);

		changed = strcmp(a, c) != 0;
		free(a);
		free(c);
	}
	if (changed) {
		if (blank(h->search))
			sq = query_new();
		else if (query_parse(h->search, &sq, e) < 0)
			return -1;
		free(b->search);
		b->search = xstrdup(h->search);
		query_free(b->search_q);
		b->search_q = sq;
		query_free(b->filters);
		b->filters = query_dup(h->filters);
		b->rank_pref = h->rank_pref;
		b->rank_capped = h->rank_capped;
		rebuild_query(b);
		b->total = h->total;
		b->total_exact = h->total_exact;
	}
	memcpy(b->views, h->views, sizeof b->views);
	b->nviews = h->nviews;
	b->doc_key = h->doc_key;
	b->doc_scroll = h->doc_scroll;
	b->tl_level = h->tl_level;
	b->tl_cursor = h->tl_cursor;
	if (b->rel_key != h->rel_key)
		b->rel_loaded = 0;
	b->rel_key = h->rel_key;
	b->rel_sel = h->rel_sel;
	b->filter_sel = h->filter_sel;
	if (!h->person != !b->person ||
	    (h->person && strcmp(h->person, b->person) != 0)) {
		/* the facts are read again (browse_person_info) when needed */
		free(b->person);
		b->person = h->person ? xstrdup(h->person) : NULL;
	}
	b->person_sel = h->person_sel;
	b->people_key = h->people_key;
	b->people_sel = h->people_sel;
	if (!h->have_top)
		return load_start(b, e);
	if (fetch_window(b, &h->top, 1, &r, &before, e) < 0)
		return -1;
	rows_replace(&b->rows, &r);
	b->stale = 0;
	b->sel = h->sel + before;
	if (b->sel >= b->rows.n)
		b->sel = b->rows.n ? b->rows.n - 1 : 0;
	b->top_index = h->top_index >= (long long)before ?
	               h->top_index - (long long)before : -1;
	b->top_exact = h->top_exact;
	if (before >= b->rows.n || b->rows.v[before].key != h->top.key)
		b->top_index = -1;
	return 0;
}

/* Bring the current history entry up to date before leaving it. */
static void jump_begin(struct browse *b)
{
	if (b->nhist)
		snapshot_take(b, &b->hist[b->hist_cur]);
}

void browse_checkpoint(struct browse *b)
{
	jump_begin(b);
}

int browse_revert(struct browse *b, struct err *e)
{
	if (!b->nhist)
		return 0;
	return snapshot_restore(b, &b->hist[b->hist_cur], e);
}

void browse_record(struct browse *b)
{
	size_t i;

	if (b->nhist) {
		for (i = b->hist_cur + 1; i < b->nhist; i++)
			snapshot_clear(&b->hist[i]);
		b->nhist = b->hist_cur + 1;
	}
	if (b->nhist == BROWSE_MAX_HISTORY) {
		snapshot_clear(&b->hist[0]);
		memmove(b->hist, b->hist + 1, (b->nhist - 1) * sizeof *b->hist);
		memset(&b->hist[b->nhist - 1], 0, sizeof *b->hist);
		b->nhist--;
	}
	snapshot_take(b, &b->hist[b->nhist]);
	b->hist_cur = b->nhist++;
}

int browse_back(struct browse *b, struct err *e)
{
	if (!b->nhist || b->hist_cur == 0) {
		browse_message(b, 0, "Nothing to go back to");
		return 1;
	}
	snapshot_take(b, &b->hist[b->hist_cur]);
	b->hist_cur--;
	return snapshot_restore(b, &b->hist[b->hist_cur], e);
}

int browse_forward(struct browse *b, struct err *e)
{
	if (b->hist_cur + 1 >= b->nhist) {
		browse_message(b, 0, "Nothing to go forward to");
		return 1;
	}
	snapshot_take(b, &b->hist[b->hist_cur]);
	b->hist_cur++;
	return snapshot_restore(b, &b->hist[b->hist_cur], e);
}

/* --- documents -------------------------------------------------------- */

int64_t browse_focus_key(const struct browse *b)
{
	size_t i = b->nviews;

	while (i-- > 0) {
		switch (b->views[i]) {
		case BV_DOC:
			return b->doc_key;
		case BV_RELATED:
			if (b->rel_loaded && b->rel_sel < b->nrel)
				return b->rel[b->rel_sel].row.key;
			return b->rel_key;
		case BV_LIST:
			return list_key(b);
		default:
			break;
		}
	}
	return list_key(b);
}

const struct doc *browse_doc(struct browse *b, int64_t key, struct err *e)
{
	struct doc *d = NULL;
	int r;

	if (!key) {
		err_set(e, "no document");
		return NULL;
	}
	if (b->doc && b->doc->key == key)
		return b->doc;
	r = store_get_key(b->store, key, &d, e);
	if (r <= 0) {
		if (r == 0)
			err_set(e, "the document is no longer in the database");
		return NULL;
	}
	if (b->doc)
		doc_free(b->doc);
	b->doc = d;
	return d;
}

/* Set or clear flag on every copy of document key that b holds. */
static void set_flag(struct browse *b, int64_t key, unsigned flag, int on)
{
	size_t i;

	for (i = 0; i < b->rows.n; i++)
		if (b->rows.v[i].key == key)
			b->rows.v[i].flags = on ? b->rows.v[i].flags | flag :
			                          b->rows.v[i].flags & ~flag;
	for (i = 0; i < b->nrel; i++)
		if (b->rel[i].row.key == key)
			b->rel[i].row.flags = on ? b->rel[i].row.flags | flag :
			                           b->rel[i].row.flags & ~flag;
	if (b->doc && b->doc->key == key)
		b->doc->flags = on ? b->doc->flags | flag : b->doc->flags & ~flag;
}

int browse_open_key(struct browse *b, int64_t key, struct err *e)
{
	const struct doc *d = browse_doc(b, key, e);
	struct err e2;

	if (!d)
		return -1;
	jump_begin(b);
	b->doc_key = key;
	b->doc_scroll = 0;
	browse_push_view(b, BV_DOC);
	if (!(d->flags & ROW_READ) && !store_is_readonly(b->store) &&
	    store_set_read(b->store, d->id, 1, &e2) == 0)
		set_flag(b, key, ROW_READ, 1);
	browse_record(b);
	return 0;
}

int browse_open(struct browse *b, struct err *e)
{
	int64_t key = browse_focus_key(b);

	if (!key) {
		browse_message(b, 0, "Nothing to open");
		return 1;
	}
	return browse_open_key(b, key, e);
}

int browse_open_id(struct browse *b, const char *id, struct err *e)
{
	struct doc *d = NULL;
	int64_t key;
	int r;

	if (blank(id))
		return err_set(e, "open needs a document id");
	r = store_get(b->store, id, &d, e);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set(e, "no document with id \"%s\"", id);
	key = d->key;
	if (b->doc)
		doc_free(b->doc);
	b->doc = d;
	return browse_open_key(b, key, e);
}

int browse_neighbor(struct browse *b, int dir, struct err *e)
{
	int64_t key = browse_focus_key(b);
	struct row r;
	int found;

	if (!key) {
		browse_message(b, 0, "No document");
		return 1;
	}
	memset(&r, 0, sizeof r);
	found = store_neighbor(b->store, key, dir, &r, e);
	if (found < 0)
		return -1;
	if (!found) {
		browse_message(b, 0, dir > 0 ? "This is the last document in time" :
		                              "This is the first document in time");
		return 1;
	}
	key = r.key;
	row_clear(&r);
	return browse_open_key(b, key, e);
}

int browse_list_seek(struct browse *b, int64_t key, struct err *e)
{
	struct rows r;
	struct page_pos p;
	size_t before, i;

	if (browse_sort(b) != SORT_DATE)
		return 1;
	p.key = key;
	p.rank = 0;
	if (fetch_window(b, &p, 1, &r, &before, e) < 0)
		return -1;
	for (i = 0; i < r.n; i++)
		if (r.v[i].key == key)
			break;
	if (i == r.n) {
		rows_free(&r);
		return 1;
	}
	rows_replace(&b->rows, &r);
	b->sel = i;
	b->top_index = -1;
	b->stale = 0;
	return 0;
}

static int parse_date_arg(const char *text, struct date *d, struct err *e)
{
	if (blank(text))
		return err_set(e, "goto needs a date, such as 1950-09 or 1956");
	if (text_parse_date(text, d) < 0 || d->prec == DATE_UNDATED)
		return err_set(e, "date \"%s\" not understood (try 1950, 1950-09 "
		               "or 1950-09-30)", text);
	return 0;
}

int browse_goto_date(struct browse *b, const char *text, struct err *e)
{
	struct date d;
	int64_t key = 0;
	int r;

	if (parse_date_arg(text, &d, e) < 0)
		return -1;
	if (browse_top(b) == BV_TIMELINE) {
		browse_timeline_goto(b, d.first, d.prec);
		return 0;
	}
	r = store_seek_date(b->store, b->q, d.first, 1, &key, e);
	if (r == 0)
		r = store_seek_date(b->store, b->q, d.first, -1, &key, e);
	if (r < 0)
		return -1;
	if (r == 0) {
		browse_message(b, 0, "No dated document in this list");
		return 1;
	}
	if (browse_top(b) == BV_DOC)
		return browse_open_key(b, key, e);
	jump_begin(b);
	if (browse_sort(b) != SORT_DATE) {
		b->rank_pref = 0;
		rebuild_query(b);
	}
	r = browse_list_seek(b, key, e);
	if (r < 0)
		return -1;
	b->nviews = 1;
	browse_record(b);
	return 0;
}

void browse_push_view(struct browse *b, enum browse_view v)
{
	size_t i;

	for (i = 0; i < b->nviews; i++) {
		if (b->views[i] == v) {
			b->nviews = i + 1;
			return;
		}
	}
	if (b->nviews < BROWSE_MAX_VIEWS)
		b->views[b->nviews++] = v;
}

int browse_pop_view(struct browse *b)
{
	if (b->nviews <= 1)
		return 1;
	b->nviews--;
	return 0;
}

int browse_toggle_bookmark(struct browse *b, struct err *e)
{
	int64_t key = browse_focus_key(b);
	const struct doc *d;
	int on;

	if (!key) {
		browse_message(b, 0, "No document to bookmark");
		return 1;
	}
	d = browse_doc(b, key, e);
	if (!d)
		return -1;
	on = !(d->flags & ROW_BOOKMARK);
	if (store_set_bookmark(b->store, d->id, on, e) < 0)
		return -1;
	set_flag(b, key, ROW_BOOKMARK, on);
	browse_message(b, 0, on ? "Bookmarked" : "Bookmark removed");
	return 0;
}

/* --- related ---------------------------------------------------------- */

long browse_related_load(struct browse *b, int64_t key, struct err *e)
{
	struct relation *v = NULL;
	size_t n = 0;

	if (b->rel_loaded && b->rel_key == key)
		return (long)b->nrel;
	if (store_related(b->store, key, STORE_REL_SIMILAR, &v, &n, e) < 0)
		return -1;
	relations_free(b->rel, b->nrel);
	b->rel = v;
	b->nrel = n;
	if (b->rel_key != key)
		b->rel_sel = 0;
	b->rel_key = key;
	if (b->rel_sel >= n)
		b->rel_sel = n ? n - 1 : 0;
	b->rel_loaded = 1;
	return (long)n;
}

int browse_related_open(struct browse *b, struct err *e)
{
	int64_t key;
	long n;

	if (browse_top(b) == BV_RELATED)
		return 0;
	key = browse_focus_key(b);
	if (!key) {
		browse_message(b, 0, "No document");
		return 1;
	}
	n = browse_related_load(b, key, e);
	if (n < 0)
		return -1;
	if (n == 0) {
		browse_message(b, 0, "No related documents");
		return 1;
	}
	b->rel_sel = 0;
	browse_push_view(b, BV_RELATED);
	return 0;
}

void browse_related_move(struct browse *b, long delta)
{
	long s = (long)b->rel_sel + delta;

	if (s >= (long)b->nrel)
		s = (long)b->nrel - 1;
	if (s < 0)
		s = 0;
	b->rel_sel = (size_t)s;
}

/* --- people ----------------------------------------------------------- */

int browse_people_open(struct browse *b, struct err *e)
{
	const struct doc *d;
	int64_t key;
	char *name;
	int r;

	if (browse_top(b) == BV_PERSON) {
		browse_message(b, 0, "Enter on a name opens that person");
		return 1;
	}
	key = browse_focus_key(b);
	if (!key) {
		browse_message(b, 0, "No document");
		return 1;
	}
	d = browse_doc(b, key, e);
	if (!d)
		return -1;
	switch (d->names[FACET_PERSON].n) {
	case 0:
		browse_message(b, 0, "This document names nobody");
		return 1;
	case 1:
		name = xstrdup(d->names[FACET_PERSON].v[0]);
		r = browse_person_open(b, name, e);
		free(name);
		return r;
	default:
		b->people_key = key;
		b->people_sel = 0;
		browse_push_view(b, BV_PEOPLE);
		return 0;
	}
}

const struct strlist *browse_people_names(struct browse *b, struct err *e)
{
	const struct doc *d = browse_doc(b, b->people_key, e);

	return d ? &d->names[FACET_PERSON] : NULL;
}

void browse_people_move(struct browse *b, long delta)
{
	struct err e;
	const struct strlist *l = browse_people_names(b, &e);
	long n = l ? (long)l->n : 0, s = (long)b->people_sel + delta;

	if (s >= n)
		s = n - 1;
	if (s < 0)
		s = 0;
	b->people_sel = (size_t)s;
}

int browse_people_choose(struct browse *b, struct err *e)
{
	const struct strlist *l = browse_people_names(b, e);
	char *name;
	int r;

	if (!l)
		return -1;
	if (b->people_sel >= l->n) {
		browse_message(b, 0, "Nobody to open");
		return 1;
	}
	name = xstrdup(l->v[b->people_sel]);
	r = browse_person_open(b, name, e);
	free(name);
	return r;
}

int browse_person_open(struct browse *b, const char *name, struct err *e)
{
	struct person_info *p = NULL;
	int r;

	if (blank(name))
		return err_set(e, "person needs a name, such as \"person Razuvaev\"");
	r = store_person(b->store, name, &p, e);
	if (r < 0)
		return -1;
	if (r == 0) {
		browse_message(b, 0, "Nobody called \"%s\" is known", name);
		return 1;
	}
	/* the chooser is a menu, not a place to come back to */
	if (browse_top(b) == BV_PEOPLE)
		b->nviews--;
	jump_begin(b);
	free(b->person);
	b->person = xstrdup(p->name);
	person_info_free(b->pinfo);
	b->pinfo = p;
	b->person_sel = 0;
	browse_push_view(b, BV_PERSON);
	browse_record(b);
	return 0;
}

const struct person_info *browse_person_info(struct browse *b, struct err *e)
{
	struct person_info *p = NULL;
	int r;

	if (!b->person) {
		err_set(e, "no person");
		return NULL;
	}
	if (b->pinfo && strcmp(b->pinfo->name, b->person) == 0)
		return b->pinfo;
	r = store_person(b->store, b->person, &p, e);
	if (r <= 0) {
		if (r == 0)
			err_set(e, "%s is no longer in the database", b->person);
		return NULL;
	}
	person_info_free(b->pinfo);
	b->pinfo = p;
	if (strcmp(p->name, b->person) != 0) {
		/* respelled in the authority since: keep the new spelling */
		free(b->person);
		b->person = xstrdup(p->name);
	}
	return p;
}

void browse_person_move(struct browse *b, long delta)
{
	struct err e;
	const struct person_info *p = browse_person_info(b, &e);
	long n = p ? (long)p->nwith : 0, s = (long)b->person_sel + delta;

	if (s > n)
		s = n;
	if (s < 0)
		s = 0;
	b->person_sel = (size_t)s;
}

int browse_person_enter(struct browse *b, struct err *e)
{
	const struct person_info *p = browse_person_info(b, e);
	char *name;
	int r;

	if (!p)
		return -1;
	if (b->person_sel == 0 || b->person_sel > p->nwith)
		return browse_person_list(b, e);
	name = xstrdup(p->with[b->person_sel - 1].name);
	r = browse_person_open(b, name, e);
	free(name);
	return r;
}

int browse_person_list(struct browse *b, struct err *e)
{
	const struct person_info *p = browse_person_info(b, e);
	int64_t keep;
	int r;

	if (!p)
		return -1;
	keep = browse_focus_key(b);
	jump_begin(b);
	free(b->search);
	b->search = xstrdup("");
	query_free(b->search_q);
	b->search_q = query_new();
	query_free(b->filters);
	b->filters = query_new();
	query_add_field(b->filters, QF_PERSON, p->name, 0);
	b->nviews = 1;
	r = requery(b, keep, e);
	if (r == 0 && browse_count(b) == 0)
		browse_message(b, 0, "%s: %s%lld documents (Backspace goes "
		               "back)", b->person, b->total_exact ? "" : ">=",
		               b->total > 0 ? b->total : 0);
	/* the list has changed even when it could not be read in full */
	browse_record(b);
	return r < 0 ? -1 : 0;
}

/* --- the timeline ----------------------------------------------------- */

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

void browse_timeline_span(struct browse *b, int32_t *first, int32_t *last,
                          long long *undated)
{
	char *q = query_format(b->q);
	struct err e;

	if (!b->tl_query || strcmp(b->tl_query, q) != 0) {
		/* two index seeks and a count of a range at the index's end */
		if (store_query_span(b->store, b->q, &b->tl_first, &b->tl_last, &e) < 0)
			b->tl_first = b->tl_last = 0;
		if (store_count_undated(b->store, b->q, &b->tl_undated, &e) < 0)
			b->tl_undated = 0;
		free(b->tl_query);
		b->tl_query = q;
	} else {
		free(q);
	}
	*first = b->tl_first;
	*last = b->tl_last;
	if (undated)
		*undated = b->tl_undated;
}

static void timeline_clamp(struct browse *b)
{
	int32_t lo, hi, first, last;

	browse_timeline_span(b, &first, &last, NULL);
	if (!first)
		return;
	lo = browse_period_of(first, b->tl_level);
	hi = browse_period_of(last, b->tl_level);
	if (b->tl_cursor < lo)
		b->tl_cursor = lo;
	if (b->tl_cursor > hi)
		b->tl_cursor = hi;
}

/* The date of the document in focus, if it has one. */
static int focus_date(struct browse *b, struct date *d)
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
	if (browse_top(b) != BV_TIMELINE) {
		b->tl_level = DATE_YEAR;
		b->tl_cursor = focus_date(b, &d) ?
		               browse_period_of(d.key, DATE_YEAR) :
		               browse_period_of(first, DATE_YEAR);
		timeline_clamp(b);
	}
	browse_push_view(b, BV_TIMELINE);
	return 0;
}

void browse_timeline_move(struct browse *b, long n)
{
	b->tl_cursor = browse_period_add(b->tl_cursor, b->tl_level, n);
	timeline_clamp(b);
}

void browse_timeline_edge(struct browse *b, int dir)
{
	int32_t first, last;

	browse_timeline_span(b, &first, &last, NULL);
	if (!first)
		return;
	b->tl_cursor = browse_period_of(dir < 0 ? first : last, b->tl_level);
}

void browse_timeline_zoom(struct browse *b, int dir)
{
	int32_t first, last;
	struct date d;

	if (dir > 0 && b->tl_level < DATE_DAY) {
		browse_period_days(b->tl_cursor, b->tl_level, &first, &last);
		b->tl_level++;
		if (focus_date(b, &d) && d.prec >= b->tl_level &&
		    d.key >= first && d.key <= last)
			b->tl_cursor = browse_period_of(d.key, b->tl_level);
		else
			b->tl_cursor = browse_period_of(first, b->tl_level);
	} else if (dir < 0 && b->tl_level > DATE_YEAR) {
		b->tl_level--;
		b->tl_cursor = browse_period_of(b->tl_cursor, b->tl_level);
	}
	timeline_clamp(b);
}

void browse_timeline_goto(struct browse *b, int32_t ymd, enum date_prec prec)
{
	if (prec > b->tl_level && prec <= DATE_DAY)
		b->tl_level = prec;
	b->tl_cursor = browse_period_of(ymd, b->tl_level);
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
	browse_period_days(first, b->tl_level, &from, &f2);
	browse_period_days(browse_period_add(first, b->tl_level, (long)n - 1),
	                   b->tl_level, &f2, &to);
	r = store_timeline(b->store, b->q, b->tl_level, from, to, &v, &nv, coarse,
	                   e);
	if (r < 0)
		return -1;
	for (i = 0; i < nv; i++) {
		long k = browse_period_diff(first,
		                            browse_period_of(v[i].period, b->tl_level),
		                            b->tl_level);

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

	browse_period_days(b->tl_cursor, b->tl_level, &from, &to);
	jump_begin(b);
	drop_dates(b);
	query_add_dates(b->filters, from, to);
	b->nviews = 1;
	if (requery(b, 0, e) < 0)
		return -1;
	browse_message(b, 0, "Narrowed to %s",
	               browse_period_format(b->tl_cursor, b->tl_level, buf,
	                                    sizeof buf));
	browse_record(b);
	return 0;
}

/* --- commands -------------------------------------------------------- */

static const char *const commands[] = {
	"back", "bookmark", "clear", "filter", "forward", "goto", "help",
	"open", "person", "quit", "related", "search", "sort", "timeline",
	"unfilter", "widen"
};

static const char *const filter_fields[] = {
	"collection", "from", "language", "person", "place", "subject", "to"
};

/* Split off the first word of *s (advancing *s past it and the blanks
 * after); returns a new string. */
static char *next_word(const char **s)
{
	const char *p = *s, *start;
	char *w;

	while (*p && isspace((unsigned char)*p))
		p++;
	start = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	w = xstrndup(start, (size_t)(p - start));
	while (*p && isspace((unsigned char)*p))
		p++;
	*s = p;
	return w;
}

/* A copy of s, trimmed, without one pair of surrounding double quotes. */
static char *unquote(const char *s)
{
	char *v = str_trim(xstrdup(s));
	size_t n = strlen(v);

	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		memmove(v, v + 1, n - 2);
		v[n - 2] = '\0';
	}
	return v;
}

static int run_filter(struct browse *b, const char *args, struct err *e)
{
	const char *p = args;
	char *field = next_word(&p), *value = unquote(p);
	int r = 0, f;
	int32_t day;

	if (!*field) {
		r = err_set(e, "filter needs a field and a value, such as "
		            "\"filter person Stalin\" or \"filter from 1950\"");
	} else if (!strcmp(field, "from") || !strcmp(field, "to")) {
		int is_end = field[0] == 't';

		day = *value ? text_parse_bound(value, is_end) : -1;
		if (day < 0)
			r = err_set(e, "date \"%s\" not understood (try 1950, "
			            "1950-09 or 1950-09-30)", value);
		else
			r = browse_add_dates(b, is_end ? 0 : day, is_end ? day : 0, e);
	} else {
		f = query_field_parse(field);
		if (f < 0)
			r = err_set(e, "unknown filter \"%s\" (try person, place, "
			            "subject, collection, language, from, to)", field);
		else
			r = browse_add_filter(b, (enum qfield)f, value, 0, e);
	}
	free(field);
	free(value);
	return r;
}

int browse_command(struct browse *b, const char *line, struct err *e)
{
	const char *p = line ? line : "";
	char *cmd = next_word(&p);
	char *arg = str_trim(xstrdup(p));
	int r = 0, quit = 0;
	size_t n = strlen(cmd);

	if (n == 0) {
		r = 0;
	} else if (!strcmp(cmd, "q") || !strcmp(cmd, "quit")) {
		quit = 1;
	} else if (!strcmp(cmd, "goto") || !strcmp(cmd, "g")) {
		r = browse_goto_date(b, arg, e);
	} else if (!strcmp(cmd, "open")) {
		r = browse_open_id(b, arg, e);
	} else if (!strcmp(cmd, "filter")) {
		r = run_filter(b, arg, e);
	} else if (!strcmp(cmd, "unfilter")) {
		char *end;
		long i = strtol(arg, &end, 10);

		if (!*arg || *end || i < 1)
			r = err_set(e, "unfilter needs the number of a filter (1 for "
			            "the first)");
		else
			r = browse_remove_filter(b, (size_t)(i - 1), e);
	} else if (!strcmp(cmd, "clear")) {
		r = browse_clear_all(b, e);
	} else if (!strcmp(cmd, "widen")) {
		r = browse_widen(b, e);
	} else if (!strcmp(cmd, "sort")) {
		if (!strcmp(arg, "date"))
			r = browse_set_sort(b, SORT_DATE, e);
		else if (!strcmp(arg, "rank") || !strcmp(arg, "relevance"))
			r = browse_set_sort(b, SORT_RANK, e);
		else
			r = err_set(e, "sort by date or rank, not \"%s\"", arg);
	} else if (!strcmp(cmd, "search")) {
		r = browse_set_search(b, arg, e);
	} else if (!strcmp(cmd, "timeline")) {
		r = browse_timeline_open(b, e);
	} else if (!strcmp(cmd, "related")) {
		r = browse_related_open(b, e);
	} else if (!strcmp(cmd, "person")) {
		char *name = unquote(arg);

		r = *name ? browse_person_open(b, name, e) : browse_people_open(b, e);
		free(name);
	} else if (!strcmp(cmd, "help")) {
		browse_push_view(b, BV_HELP);
	} else if (!strcmp(cmd, "back")) {
		r = browse_back(b, e);
	} else if (!strcmp(cmd, "forward")) {
		r = browse_forward(b, e);
	} else if (!strcmp(cmd, "bookmark")) {
		r = browse_toggle_bookmark(b, e);
	} else {
		r = err_set(e, "unknown command \"%s\" (try goto, open, filter, "
		            "person, clear, sort, help, quit)", cmd);
	}
	free(cmd);
	free(arg);
	/* a function's 1 ("nothing to do", with a message) is no quit */
	if (quit)
		return BROWSE_CMD_QUIT;
	return r < 0 ? -1 : BROWSE_CMD_OK;
}

static int has_prefix_ci(const char *s, const char *prefix)
{
	while (*prefix) {
		if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
			return 0;
		s++;
		prefix++;
	}
	return 1;
}

#define PERSON_COMPLETIONS 200

struct person_match {
	char *typed;          /* folded */
	struct strlist *out;
};

/* Keep p when its name, or one of its words, starts with the typed text
 * (both folded). */
static int person_match_cb(void *ctx, const struct person_row *p)
{
	struct person_match *m = ctx;
	char *f = text_fold(p->name);
	size_t n = strlen(m->typed);
	const char *w = f;
	int hit = 0;

	while (w && !hit) {
		hit = strncmp(w, m->typed, n) == 0;
		w = strchr(w, ' ');
		if (w)
			w++;
	}
	free(f);
	if (hit && strlist_find(m->out, p->name) < 0)
		strlist_add(m->out, p->name);
	return m->out->n >= PERSON_COMPLETIONS;
}

/* The names of people matching typed, known people first. */
static void complete_person(struct browse *b, const char *typed,
                            struct strlist *out)
{
	struct person_match m;
	struct err e;

	m.typed = text_fold(typed);
	m.out = out;
	if (store_people_list(b->store, person_match_cb, &m, &e) < 0)
		browse_message(b, 1, "%s", e.msg);
	free(m.typed);
}

size_t browse_complete(struct browse *b, const char *line,
                       struct strlist *out)
{
	const char *p = line, *start;
	char *cmd, *field;
	size_t i;

	while (*p && isspace((unsigned char)*p))
		p++;
	start = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	if (!*p) {
		for (i = 0; i < ARRAY_LEN(commands); i++)
			if (has_prefix_ci(commands[i], start))
				strlist_add(out, commands[i]);
		return (size_t)(start - line);
	}
	cmd = xstrndup(start, (size_t)(p - start));
	while (*p && isspace((unsigned char)*p))
		p++;
	start = p;
	if (!strcmp(cmd, "person")) {
		struct err e;

		complete_person(b, start, out);
		/* and every other name: a cover name, a variant (:person Fil) */
		if (*start && out->n < PERSON_COMPLETIONS &&
		    store_complete_names(b->store, start, PERSON_COMPLETIONS, out, &e) < 0)
			browse_message(b, 1, "%s", e.msg);
	} else if (!strcmp(cmd, "open")) {
		struct err e;

		if (store_complete_ids(b->store, start, PERSON_COMPLETIONS, out, &e) < 0)
			browse_message(b, 1, "%s", e.msg);
	} else if (!strcmp(cmd, "sort")) {
		if (has_prefix_ci("date", start))
			strlist_add(out, "date");
		if (has_prefix_ci("rank", start))
			strlist_add(out, "rank");
	} else if (!strcmp(cmd, "filter")) {
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (!*p) {
			for (i = 0; i < ARRAY_LEN(filter_fields); i++)
				if (has_prefix_ci(filter_fields[i], start))
					strlist_add(out, filter_fields[i]);
		} else {
			int f;

			field = xstrndup(start, (size_t)(p - start));
			while (*p && isspace((unsigned char)*p))
				p++;
			start = p;
			f = query_field_parse(field);
			if (f >= 0 && f < FACET_NKINDS) {
				struct facet_value *v = NULL;
				size_t nv = 0;
				struct err e;

				if (store_facet(b->store, b->q, (enum facet)f, 500, &v,
				                &nv, &e) >= 0) {
					for (i = 0; i < nv; i++)
						if (has_prefix_ci(v[i].name, start))
							strlist_add(out, v[i].name);
					facet_values_free(v, nv);
				}
			}
			free(field);
		}
	}
	free(cmd);
	return (size_t)(start - line);
}

size_t browse_common_prefix(const struct strlist *l)
{
	size_t n, i, k;

	if (!l->n)
		return 0;
	n = strlen(l->v[0]);
	for (i = 1; i < l->n; i++) {
		for (k = 0; k < n && l->v[i][k] == l->v[0][k]; k++)
			;
		n = k;
	}
	/* never cut a UTF-8 sequence */
	while (n > 0 && ((unsigned char)l->v[0][n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* --- saved position --------------------------------------------------- */

int browse_save(struct browse *b, struct err *e)
{
	int64_t key = browse_focus_key(b);
	const struct doc *d;

	if (!key || store_is_readonly(b->store))
		return 0;
	d = browse_doc(b, key, e);
	if (!d)
		return -1;
	return store_state_set(b->store, "last_id", d->id, e);
}

int browse_restore(struct browse *b, struct err *e)
{
	char *id = store_state_get(b->store, "last_id");
	struct doc *d = NULL;
	int r;

	if (!id)
		return 0;
	r = store_get(b->store, id, &d, e);
	free(id);
	if (r <= 0)
		return r;
	r = browse_list_seek(b, d->key, e);
	doc_free(d);
	if (r == 0 && b->nhist)
		snapshot_take(b, &b->hist[b->hist_cur]);
	return r < 0 ? -1 : 0;
}
