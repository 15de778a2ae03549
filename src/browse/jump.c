/* jump.c - the current document and the jumps that change it: opening a
 * document, an id, the next one in time, a date; bookmarks; the related
 * view and the one cache of relations that it and the document panes
 * share. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "browse/internal.h"

void browse_cache_free(struct browse_cache *c)
{
	size_t i;

	if (c->doc)
		doc_free(c->doc);
	for (i = 0; i < REL_SLOTS; i++)
		relations_free(c->rel[i].v, c->rel[i].n);
	person_info_free(c->pinfo);
	rows_free(&c->person_rows);
	free(c->person_rows_of);
	memset(c, 0, sizeof *c);
}

/* The cached relations of key (full ones serve a preview too), or NULL. */
static struct rel_slot *rel_find(const struct browse *b, int64_t key, int full)
{
	size_t i;

	for (i = 0; i < REL_SLOTS; i++) {
		struct rel_slot *sl = &b->cache->rel[i];

		if (sl->key == key && sl->key && (sl->full || !full))
			return sl;
	}
	return NULL;
}

int64_t browse_focus_key(const struct browse *b)
{
	size_t i = b->v.n;

	while (i-- > 0) {
		switch (b->v.stack[i]) {
		case BV_RELATED: {
			const struct rel_slot *sl = rel_find(b, b->v.related.key, 1);

			if (sl && b->v.related.nav.sel < sl->n)
				return sl->v[b->v.related.nav.sel].row.key;
			return b->v.related.key;
		}
		case BV_DOC:
		case BV_LIST:
			return b->cur;
		default:
			break;
		}
	}
	return b->cur;
}

const struct doc *browse_doc(struct browse *b, int64_t key, struct err *e)
{
	struct doc *d = NULL;
	int r;

	if (!key) {
		err_set(e, "no document");
		return NULL;
	}
	if (b->cache->doc && b->cache->doc->key == key)
		return b->cache->doc;
	r = store_get_key(b->store, key, &d, e);
	if (r <= 0) {
		if (r == 0)
			err_set(e, "the document is no longer in the database");
		return NULL;
	}
	if (b->cache->doc)
		doc_free(b->cache->doc);
	b->cache->doc = d;
	return d;
}

static unsigned set_bit(unsigned flags, unsigned flag, int on)
{
	return on ? flags | flag : flags & ~flag;
}

void browse_set_flag(struct browse *b, int64_t key, unsigned flag, int on)
{
	size_t i, k;

	for (i = 0; i < b->rows.n; i++)
		if (b->rows.v[i].key == key)
			b->rows.v[i].flags = set_bit(b->rows.v[i].flags, flag, on);
	for (k = 0; k < REL_SLOTS; k++) {
		struct rel_slot *sl = &b->cache->rel[k];

		for (i = 0; i < sl->n; i++)
			if (sl->v[i].row.key == key)
				sl->v[i].row.flags = set_bit(sl->v[i].row.flags, flag, on);
	}
	if (b->cache->doc && b->cache->doc->key == key)
		b->cache->doc->flags = set_bit(b->cache->doc->flags, flag, on);
}

int browse_open_key(struct browse *b, int64_t key, struct err *e)
{
	const struct doc *d = browse_doc(b, key, e);
	struct err e2;
	unsigned flags;

	if (!d)
		return -1;
	flags = d->flags;
	browse_change_begin(b);
	/* the list follows: its selection is the document when it holds it */
	if (browse_list_seek(b, key, &e2) < 0) {
		b->cur = key;
		b->cur_outside = 1;
	}
	b->v.doc.scroll = 0;
	b->v.doc.ref = 0;
	b->v.doc.resume = 1;
	browse_push_view(b, BV_DOC);
	if (!(flags & ROW_READ) && !store_is_readonly(b->store) &&
	    browse_doc(b, key, &e2) &&
	    store_set_read(b->store, b->cache->doc->id, 1, &e2) == 0)
		browse_set_flag(b, key, ROW_READ, 1);
	browse_change_end(b);
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

	if (browse_blank(id))
		return err_set(e, "open needs a document id");
	r = store_get(b->store, id, &d, e);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set(e, "no document with id \"%s\"", id);
	key = d->key;
	if (b->cache->doc)
		doc_free(b->cache->doc);
	b->cache->doc = d;
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

static int parse_date_arg(const char *text, struct date *d, struct err *e)
{
	if (browse_blank(text))
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
	browse_change_begin(b);
	if (browse_sort(b) != SORT_DATE) {
		b->rank_pref = 0;
		browse_rebuild_query(b);
		b->gen = ++b->gen_next;
	}
	r = browse_list_seek_at(b, key, 1, e);
	b->v.n = 1;
	browse_change_end(b);
	return r < 0 ? -1 : 0;
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
	browse_set_flag(b, key, ROW_BOOKMARK, on);
	browse_message(b, 0, on ? "Bookmarked" : "Bookmark removed");
	return 0;
}

void browse_doc_scroll(struct browse *b, long delta)
{
	long s = (long)b->v.doc.scroll + delta;

	if (s > (1L << 28))
		s = 1L << 28;
	b->v.doc.scroll = s < 0 ? 0 : (int)s;
}

void browse_doc_scroll_to(struct browse *b, int line)
{
	b->v.doc.scroll = line < 0 ? 0 : line;
}

void browse_doc_select(struct browse *b, int ref)
{
	b->v.doc.ref = ref < 0 ? 0 : ref;
}

void browse_doc_jump(struct browse *b, int line, int ref)
{
	browse_change_begin(b);
	b->v.doc.scroll = line < 0 ? 0 : line;
	b->v.doc.ref = ref < 0 ? 0 : ref;
	b->v.doc.resume = 0;
	browse_change_end(b);
}

int browse_doc_take_resume(struct browse *b)
{
	int r = b->v.doc.resume;

	b->v.doc.resume = 0;
	return r;
}

int browse_doc_cites(struct browse *b, int64_t key, struct strlist *ids,
                     struct strlist *why, struct err *e)
{
	return store_cites(b->store, key, ids, why, e);
}

/* --- related ---------------------------------------------------------- */

/* What an empty list of relations points at (never read). */
static const struct relation no_relation;

const struct relation *browse_relations(struct browse *b, int64_t key,
                                        int full, size_t *n, struct err *e)
{
	struct rel_slot *sl = rel_find(b, key, full);
	struct relation *v = NULL;
	size_t nv = 0, i;

	*n = 0;
	if (!key) {
		err_set(e, "no document");
		return NULL;
	}
	if (!sl) {
		if (store_related(b->store, key, full ? STORE_REL_SIMILAR :
		                  STORE_REL_STORED, &v, &nv, e) < 0)
			return NULL;
		/* replace the least recently used slot, never the related
		 * view's own list */
		sl = NULL;
		for (i = 0; i < REL_SLOTS; i++) {
			struct rel_slot *c = &b->cache->rel[i];

			if (c->key == b->v.related.key && c->full && c->key != key &&
			    browse_top(b) == BV_RELATED)
				continue;
			if (!sl || c->used < sl->used)
				sl = c;
		}
		relations_free(sl->v, sl->n);
		sl->key = key;
		sl->full = full;
		sl->v = v;
		sl->n = nv;
	}
	sl->used = ++b->cache->rel_clock;
	*n = sl->n;
	return sl->v ? sl->v : &no_relation;
}

const struct relation *browse_related_list(struct browse *b, size_t *n,
                                           struct err *e)
{
	const struct relation *v = browse_relations(b, b->v.related.key, 1, n, e);

	if (v && b->v.related.nav.sel >= *n)
		browse_nav_move(&b->v.related.nav, *n, 0);
	return v;
}

int browse_related_open(struct browse *b, struct err *e)
{
	int64_t key;
	size_t n;

	if (browse_top(b) == BV_RELATED)
		return 0;
	key = browse_focus_key(b);
	if (!key) {
		browse_message(b, 0, "No document");
		return 1;
	}
	if (!browse_relations(b, key, 1, &n, e))
		return -1;
	if (n == 0) {
		browse_message(b, 0, "No related documents");
		return 1;
	}
	browse_change_begin(b);
	b->v.related.key = key;
	memset(&b->v.related.nav, 0, sizeof b->v.related.nav);
	browse_push_view(b, BV_RELATED);
	browse_change_end(b);
	return 0;
}

void browse_related_move(struct browse *b, long delta)
{
	struct err e;
	size_t n = 0;

	if (browse_related_list(b, &n, &e))
		browse_nav_move(&b->v.related.nav, n, delta);
}

int browse_related_enter(struct browse *b, struct err *e)
{
	const struct relation *v;
	size_t n;

	v = browse_related_list(b, &n, e);
	if (!v)
		return -1;
	if (b->v.related.nav.sel >= n)
		return 1;
	return browse_open_key(b, v[b->v.related.nav.sel].row.key, e);
}
