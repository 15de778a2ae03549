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

#include <stdio.h>
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

/* --- saved position ---------------------------------------------------
 *
 * At exit the session goes to the database's state table ("session"): the
 * history's places, newest last, at most SESSION_PLACES of them, and which
 * is current. Each place is its search, filters and sort, the first row of
 * its list window and the selected row, its document (by id, which
 * survives a re-import, and key), and its views when they are the list and
 * the document (with the document's scroll position). Reopening walks the
 * same list to the same document and view, and Back walks the places. A
 * saved session that no longer fits the data (a document gone, a filter
 * that does not parse) is left for the old last position ("last_id"). */

#define SESSION_PLACES 32

/* text on one line (a search holds no line break, but be sure) */
static void put_line(struct sbuf *o, const char *tag, const char *text)
{
	sbuf_printf(o, "%s ", tag);
	for (const char *p = text ? text : ""; *p; p++)
		sbuf_addc(o, *p == '\n' || *p == '\r' ? ' ' : *p);
	sbuf_addc(o, '\n');
}

static void put_place(struct browse *b, struct sbuf *o, const struct browse_place *h)
{
	char *f = query_format(h->filters);
	struct doc *d = NULL;
	struct err e;
	size_t nv = 0;

	sbuf_add(o, "place\n");
	put_line(o, "search", h->search);
	put_line(o, "filters", f);
	free(f);
	sbuf_printf(o, "rank %d %d\n", h->rank_pref, h->rank_capped);
	if (h->have_top)
		sbuf_printf(o, "top %lld %.17g\n", (long long)h->top.key, h->top.rank);
	sbuf_printf(o, "sel %zu\n", h->sel);
	if (h->cur && store_get_key(b->store, h->cur, &d, &e) > 0) {
		put_line(o, "doc", d->id);
		sbuf_printf(o, "outside %d\n", h->cur_outside);
	}
	doc_free(d);
	/* the list and the document: other views hold their own keys */
	while (nv < h->v.n && (h->v.stack[nv] == BV_LIST || h->v.stack[nv] == BV_DOC))
		nv++;
	sbuf_printf(o, "views %zu\n", nv ? nv : 1);
	for (size_t i = 1; i < nv; i++)
		sbuf_printf(o, "view %d\n", (int)h->v.stack[i]);
	sbuf_printf(o, "scroll %d\nend\n", h->v.doc.scroll);
}

int browse_save(struct browse *b, struct err *e)
{
	int64_t key = browse_focus_key(b);
	const struct doc *d;
	struct sbuf o = {0};
	size_t from;
	int rc;

	if (store_is_readonly(b->store))
		return 0;
	if (b->nhist)
		browse_place_take(b, &b->hist[b->hist_cur]);
	from = b->nhist > SESSION_PLACES ? b->nhist - SESSION_PLACES : 0;
	if (from > b->hist_cur)
		from = b->hist_cur;
	sbuf_printf(&o, "fonds-session 1\ncurrent %zu\n", b->hist_cur - from);
	for (size_t i = from; i < b->nhist && i < from + SESSION_PLACES; i++)
		put_place(b, &o, &b->hist[i]);
	rc = store_state_set(b->store, "session", sbuf_str(&o), e);
	sbuf_free(&o);
	if (rc < 0 || !key)
		return rc;
	d = browse_doc(b, key, e);
	if (!d)
		return -1;
	return store_state_set(b->store, "last_id", d->id, e);
}

/* Read the places of a saved session into *out (*n of them) and the
 * current one into *cur. Returns 0, or -1 when it does not fit. */
static int session_parse(struct browse *b, const char *text, struct browse_place **out,
                         size_t *n, size_t *cur)
{
	struct browse_place *v = NULL, *h = NULL;
	size_t cap = 0, nv = 0;
	const char *p = text;
	int ok = 1, head = 0;

	*out = NULL;
	*n = *cur = 0;
	while (ok && *p) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len), *arg = strchr(line, ' ');

		p += len + (p[len] == '\n');
		if (arg)
			*arg++ = '\0';
		else
			arg = line + strlen(line);
		if (!head) {
			ok = strcmp(line, "fonds-session") == 0 && strcmp(arg, "1") == 0;
			head = 1;
		} else if (strcmp(line, "current") == 0) {
			*cur = (size_t)strtoul(arg, NULL, 10);
		} else if (strcmp(line, "place") == 0) {
			ARRAY_RESERVE(v, nv, cap);
			h = &v[nv++];
			memset(h, 0, sizeof *h);
			h->search = xstrdup("");
			h->filters = query_new();
			h->top_index = -1;
			h->total = -1;
			h->v.n = 1;
			h->v.stack[0] = BV_LIST;
			h->gen = ++b->gen_next;
		} else if (!h) {
			ok = 0;
		} else if (strcmp(line, "search") == 0) {
			struct query *q;
			struct err e;

			free(h->search);
			h->search = xstrdup(arg);
			if (*arg && query_parse(arg, &q, &e) < 0)
				ok = 0;
			else if (*arg)
				query_free(q);
		} else if (strcmp(line, "filters") == 0) {
			struct err e;

			query_free(h->filters);
			h->filters = NULL;
			if (query_parse(arg, &h->filters, &e) < 0)
				ok = 0;
		} else if (strcmp(line, "rank") == 0) {
			ok = sscanf(arg, "%d %d", &h->rank_pref, &h->rank_capped) == 2;
		} else if (strcmp(line, "top") == 0) {
			long long k;

			ok = sscanf(arg, "%lld %lg", &k, &h->top.rank) == 2;
			h->top.key = k;
			h->have_top = ok;
		} else if (strcmp(line, "sel") == 0) {
			h->sel = (size_t)strtoul(arg, NULL, 10);
		} else if (strcmp(line, "doc") == 0) {
			struct doc *d = NULL;
			struct err e;

			if (store_get(b->store, arg, &d, &e) > 0)
				h->cur = d->key;
			else
				ok = 0; /* the document is gone */
			doc_free(d);
		} else if (strcmp(line, "outside") == 0) {
			h->cur_outside = atoi(arg);
		} else if (strcmp(line, "views") == 0) {
			h->v.n = 1;
		} else if (strcmp(line, "view") == 0) {
			int k = atoi(arg);

			if ((k == BV_LIST || k == BV_DOC) && h->v.n < BROWSE_MAX_VIEWS && h->cur)
				h->v.stack[h->v.n++] = (enum browse_view)k;
		} else if (strcmp(line, "scroll") == 0) {
			h->v.doc.scroll = atoi(arg);
		}
		free(line);
	}
	if (!ok || !nv || *cur >= nv || nv > BROWSE_MAX_HISTORY) {
		for (size_t i = 0; i < nv; i++)
			browse_place_clear(&v[i]);
		free(v);
		return -1;
	}
	*out = v;
	*n = nv;
	return 0;
}

/* The saved session: 1 when restored, 0 when there is none or it does
 * not fit (nothing changed), -1 on error. */
static int session_restore(struct browse *b, struct err *e)
{
	char *text = store_state_get(b->store, "session");
	struct browse_place *v;
	size_t n, cur;

	if (!text)
		return 0;
	if (session_parse(b, text, &v, &n, &cur) < 0) {
		free(text);
		return 0;
	}
	free(text);
	for (size_t i = 0; i < b->nhist; i++)
		browse_place_clear(&b->hist[i]);
	for (size_t i = 0; i < n; i++)
		b->hist[i] = v[i];
	free(v);
	b->nhist = n;
	b->hist_cur = cur;
	b->gen = 0; /* the current place's list is read anew */
	if (place_restore(b, &b->hist[cur], e) < 0) {
		/* back to the whole collection */
		struct err e2;

		for (size_t i = 0; i < b->nhist; i++)
			browse_place_clear(&b->hist[i]);
		browse_drop_query(b);
		browse_rebuild_query(b);
		b->gen = ++b->gen_next;
		browse_views_clear(&b->v);
		b->v.n = 1;
		b->v.stack[0] = BV_LIST;
		if (browse_load_start(b, &e2) < 0)
			return -1;
		browse_place_take(b, &b->hist[0]);
		b->nhist = 1;
		b->hist_cur = 0;
		return 0;
	}
	browse_place_take(b, &b->hist[b->hist_cur]);
	return 1;
}

int browse_restore(struct browse *b, struct err *e)
{
	char *id;
	struct doc *d = NULL;
	int r;

	if ((r = session_restore(b, e)) != 0)
		return r < 0 ? -1 : 0;
	id = store_state_get(b->store, "last_id");
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
