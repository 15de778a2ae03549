/* history.c - the places Back and Forward walk, and the saved position.
 *
 * hist[hist_cur] is the place the user is at. A jump or a change of the
 * list first refreshes that entry with the current state (so coming back
 * restores the cursor and scroll offsets the user left), then changes,
 * then appends the new place after hist_cur, dropping any forward
 * entries, as a web browser does. A place holds the list (query, order,
 * window, counts), the current document and every view's state, whole.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "browse/internal.h"

void browse_place_clear(struct browse_place *h)
{
	free(h->search);
	query_free(h->filters);
	browse_views_clear(&h->v);
	memset(h, 0, sizeof *h);
}

void browse_place_take(const struct browse *b, struct browse_place *h)
{
	browse_place_clear(h);
	h->search = xstrdup(b->search);
	h->filters = query_dup(b->filters);
	h->rank_pref = b->rank_pref;
	h->rank_capped = b->rank_capped;
	h->gen = b->gen;
	h->have_top = b->rows.n > 0;
	if (h->have_top)
		h->top = browse_row_pos(&b->rows.v[0]);
	h->sel = b->sel;
	h->top_index = b->top_index;
	h->top_exact = b->top_exact;
	h->total = b->total;
	h->total_exact = b->total_exact;
	h->cur = b->cur;
	h->cur_outside = b->cur_outside;
	browse_views_copy(&h->v, &b->v);
}

/* Make place h the state: its list (read again from its first row when
 * it is another list than the one shown), its document and views. */
static int place_restore(struct browse *b, const struct browse_place *h,
                         struct err *e)
{
	struct rows r;
	size_t before;

	if (b->gen != h->gen) {
		struct query *sq;

		if (browse_blank(h->search))
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
		browse_rebuild_query(b);
		b->gen = h->gen;
		b->total = h->total;
		b->total_exact = h->total_exact;
	}
	browse_views_copy(&b->v, &h->v);
	if (!h->have_top) {
		if (browse_load_start(b, e) < 0)
			return -1;
	} else {
		if (browse_fetch_window(b, &h->top, 1, &r, &before, e) < 0)
			return -1;
		browse_rows_replace(&b->rows, &r);
		b->stale = 0;
		b->sel = h->sel + before;
		if (b->sel >= b->rows.n)
			b->sel = b->rows.n ? b->rows.n - 1 : 0;
		b->top_index = h->top_index >= (long long)before ?
		               h->top_index - (long long)before : -1;
		b->top_exact = h->top_exact;
		if (before >= b->rows.n || b->rows.v[before].key != h->top.key)
			b->top_index = -1;
	}
	/* the place's document, unless the list no longer holds it */
	b->cur = h->cur;
	b->cur_outside = h->cur_outside;
	if (!b->cur_outside && b->cur != browse_list_key(b))
		browse_follow_list(b);
	return 0;
}

/* Record the current state as a new place after the current one. */
static void record(struct browse *b)
{
	size_t i;

	if (b->nhist) {
		for (i = b->hist_cur + 1; i < b->nhist; i++)
			browse_place_clear(&b->hist[i]);
		b->nhist = b->hist_cur + 1;
	}
	if (b->nhist == BROWSE_MAX_HISTORY) {
		browse_place_clear(&b->hist[0]);
		memmove(b->hist, b->hist + 1, (b->nhist - 1) * sizeof *b->hist);
		memset(&b->hist[b->nhist - 1], 0, sizeof *b->hist);
		b->nhist--;
	}
	browse_place_take(b, &b->hist[b->nhist]);
	b->hist_cur = b->nhist++;
}

void browse_change_begin(struct browse *b)
{
	/* bring the place being left up to date before it is left */
	if (b->batch++ == 0 && b->nhist)
		browse_place_take(b, &b->hist[b->hist_cur]);
}

void browse_change_end(struct browse *b)
{
	if (b->batch > 0 && --b->batch == 0)
		record(b);
}

void browse_batch_begin(struct browse *b)
{
	browse_change_begin(b);
}

void browse_batch_end(struct browse *b, int keep)
{
	if (b->batch > 0 && --b->batch == 0 && keep)
		record(b);
}

int browse_batch_cancel(struct browse *b, struct err *e)
{
	if (b->batch > 0)
		b->batch--;
	if (!b->nhist)
		return 0;
	return place_restore(b, &b->hist[b->hist_cur], e);
}

int browse_back(struct browse *b, struct err *e)
{
	if (!b->nhist || b->hist_cur == 0) {
		browse_message(b, 0, "Nothing to go back to");
		return 1;
	}
	browse_place_take(b, &b->hist[b->hist_cur]);
	b->hist_cur--;
	return place_restore(b, &b->hist[b->hist_cur], e);
}

int browse_forward(struct browse *b, struct err *e)
{
	if (b->hist_cur + 1 >= b->nhist) {
		browse_message(b, 0, "Nothing to go forward to");
		return 1;
	}
	browse_place_take(b, &b->hist[b->hist_cur]);
	b->hist_cur++;
	return place_restore(b, &b->hist[b->hist_cur], e);
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
	if (r == 1 && b->cur_outside) {
		/* not in the list shown: stay at its start */
		r = browse_load_start(b, e);
	}
	if (r == 0 && b->nhist)
		browse_place_take(b, &b->hist[b->hist_cur]);
	return r < 0 ? -1 : 0;
}
