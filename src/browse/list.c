/* list.c - the list window and its counting, with no curses in it.
 *
 * The list is a window of at most b->height rows read with keyset pages:
 * moving past its bottom reads the next few rows after the last one and
 * drops as many from the top, so nothing but one screen is ever held.
 * Positions ("17/44") are kept incrementally and counted only when lost
 * (after a seek) with store_count_before, when nothing is typed
 * (browse_count). The list's selected row is the current document unless
 * that is a document outside the list (b->cur_outside).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "browse/internal.h"

struct page_pos browse_row_pos(const struct row *r)
{
	struct page_pos p;

	p.key = r->key;
	p.rank = r->rank;
	return p;
}

enum store_sort browse_sort(const struct browse *b)
{
	return b->rank_pref && !b->rank_capped && query_has_text(b->q) ?
	       SORT_RANK : SORT_DATE;
}

/* Whether the query has too many matches to rank, by a bounded probe. */
void browse_check_rank_cap(struct browse *b)
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
		array_reserve((void **)&dst->v, &dst->cap, dst->n + src->n,
		              sizeof *dst->v, 8);
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

void browse_rows_replace(struct rows *dst, struct rows *src)
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
int browse_fetch_window(struct browse *b, const struct page_pos *pos,
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
			first = browse_row_pos(&r.v[0]);
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

int browse_count_total(struct browse *b)
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
	struct page_pos p = browse_row_pos(&b->rows.v[0]);
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
	if (b->total < 0 && browse_count_total(b) < 0)
		return -1;
	if (b->rows.n && b->top_index < 0 && count_top(b) < 0)
		return -1;
	return 0;
}

int browse_load_start(struct browse *b, struct err *e)
{
	struct rows r;
	size_t before;

	if (browse_fetch_window(b, NULL, 0, &r, &before, e) < 0)
		return -1;
	browse_rows_replace(&b->rows, &r);
	b->sel = 0;
	b->top_index = 0;
	b->top_exact = 1;
	b->stale = 0;
	browse_follow_list(b);
	return 0;
}

void browse_rebuild_query(struct browse *b)
{
	query_free(b->q);
	b->q = query_dup(b->search_q);
	query_append(b->q, b->filters);
}

/* The result set changed: show it from its start, or from the document
 * keep when it is still in it (date order only). Its count is left to
 * browse_count: a key need not wait for it. */
int browse_requery(struct browse *b, int64_t keep, struct err *e)
{
	browse_rebuild_query(b);
	b->gen = ++b->gen_next;
	b->total = -1;
	b->top_index = -1;
	browse_check_rank_cap(b);
	if (keep && browse_sort(b) == SORT_DATE) {
		int r;

		/* the window holds the old list's rows: not to be sought in */
		rows_free(&b->rows);
		memset(&b->rows, 0, sizeof b->rows);
		b->sel = 0;
		r = browse_list_seek(b, keep, e);
		if (r <= 0) {
			if (r == 0)
				b->stale = 0;
			return r;
		}
	}
	return browse_load_start(b, e);
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
	p = browse_row_pos(&b->rows.v[b->rows.n - 1]);
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
	p = browse_row_pos(&b->rows.v[0]);
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
		return browse_load_start(b, e);
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

		p = browse_row_pos(&b->rows.v[b->sel]);
		memset(&r, 0, sizeof r);
		if (store_page(b->store, b->q, browse_sort(b), &p, -1, 1, height,
		               &r, e) < 0) {
			rows_free(&r);
			return -1;
		}
		if (r.n == 0) {
			rows_free(&r);
			return browse_load_start(b, e);
		}
		browse_rows_replace(&b->rows, &r);
		b->sel = b->rows.n - 1;
		if (b->top_index >= 0)
			b->top_index += shift;
		return 0;
	}
	p = browse_row_pos(&b->rows.v[0]);
	if (browse_fetch_window(b, &p, 1, &r, &before, e) < 0)
		return -1;
	browse_rows_replace(&b->rows, &r);
	b->sel += before;
	if (b->sel >= b->rows.n)
		b->sel = b->rows.n ? b->rows.n - 1 : 0;
	if (b->top_index >= 0)
		b->top_index = b->top_index >= (long long)before ?
		               b->top_index - (long long)before : -1;
	if (!b->cur_outside)
		browse_follow_list(b);
	return 0;
}

int browse_reload(struct browse *b, struct err *e)
{
	struct rows r;
	size_t before;
	struct page_pos p;

	if (b->stale || !b->rows.n)
		return browse_load_start(b, e);
	p = browse_row_pos(&b->rows.v[0]);
	if (browse_fetch_window(b, &p, 1, &r, &before, e) < 0)
		return -1;
	browse_rows_replace(&b->rows, &r);
	b->sel += before;
	if (b->sel >= b->rows.n)
		b->sel = b->rows.n ? b->rows.n - 1 : 0;
	if (b->top_index >= 0)
		b->top_index = b->top_index >= (long long)before ?
		               b->top_index - (long long)before : -1;
	if (!b->cur_outside)
		browse_follow_list(b);
	return 0;
}

void browse_give_up(struct browse *b)
{
	b->stale = 0;
}

int browse_move(struct browse *b, long delta, struct err *e)
{
	return browse_move_jump(b, delta, 0, e);
}

int browse_move_jump(struct browse *b, long delta, size_t jump, struct err *e)
{
	long target, shift;
	size_t over;

	if (!b->rows.n)
		return 0;
	if (b->cur_outside && delta > 0)
		delta--; /* the selection waits on the row after the document */
	target = (long)b->sel + delta;
	if (target >= (long)b->rows.n) {
		over = (size_t)(target - ((long)b->rows.n - 1));
		shift = scroll_down(b, over > jump ? over : jump, e);
		if (shift < 0)
			return -1;
		target -= shift;
		if (target >= (long)b->rows.n)
			target = (long)b->rows.n - 1;
	} else if (target < 0) {
		over = (size_t)-target;
		shift = scroll_up(b, over > jump ? over : jump, e);
		if (shift < 0)
			return -1;
		target += shift;
		if (target < 0)
			target = 0;
	}
	b->sel = (size_t)target;
	browse_follow_list(b);
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
	browse_follow_list(b);
	return 0;
}

int browse_edge(struct browse *b, int dir, struct err *e)
{
	struct rows r = {0};

	if (dir < 0)
		return browse_load_start(b, e);
	if (store_page(b->store, b->q, browse_sort(b), NULL, -1, 0, b->height,
	               &r, e) < 0) {
		rows_free(&r);
		note_interrupt(b);
		return -1;
	}
	browse_rows_replace(&b->rows, &r);
	b->sel = b->rows.n ? b->rows.n - 1 : 0;
	b->top_index = b->total >= 0 && b->total_exact ?
	               b->total - (long long)b->rows.n : -1;
	b->top_exact = 1;
	browse_follow_list(b);
	return 0;
}

const struct row *browse_current(const struct browse *b)
{
	return b->rows.n && b->sel < b->rows.n ? &b->rows.v[b->sel] : NULL;
}

int browse_position_known(const struct browse *b, long long *pos,
                          long long *total, int *exact)
{
	*pos = !b->rows.n ? 0 : b->cur_outside ? -2 :
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

int64_t browse_list_key(const struct browse *b)
{
	const struct row *r = browse_current(b);

	return r ? r->key : 0;
}

void browse_follow_list(struct browse *b)
{
	b->cur = browse_list_key(b);
	b->cur_outside = 0;
}

int browse_list_seek(struct browse *b, int64_t key, struct err *e)
{
	return browse_list_seek_at(b, key, 0, e);
}

int browse_list_seek_at(struct browse *b, int64_t key, int at_top,
                        struct err *e)
{
	struct rows r;
	struct page_pos p;
	size_t before, i;

	for (i = 0; !at_top && i < b->rows.n; i++) {
		if (b->rows.v[i].key == key) {
			/* in the window already: no query */
			b->sel = i;
			browse_follow_list(b);
			return 0;
		}
	}
	b->cur = key;
	if (browse_sort(b) != SORT_DATE) {
		b->cur_outside = 1;
		return 1;
	}
	p.key = key;
	p.rank = 0;
	if (browse_fetch_window(b, &p, 1, &r, &before, e) < 0)
		return -1;
	for (i = 0; i < r.n; i++)
		if (r.v[i].key == key)
			break;
	b->top_index = -1;
	b->stale = 0;
	if (i == r.n) {
		/* not in the list: show where it would be, nothing selected */
		browse_rows_replace(&b->rows, &r);
		b->sel = before < b->rows.n ? before :
		         b->rows.n ? b->rows.n - 1 : 0;
		b->cur_outside = 1;
		return 1;
	}
	browse_rows_replace(&b->rows, &r);
	b->sel = i;
	browse_follow_list(b);
	return 0;
}
