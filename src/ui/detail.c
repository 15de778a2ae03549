/* detail.c - the document view: every field, the text, the relations. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

static const enum request doc_hints[] = {
	REQ_RELATED, REQ_PEOPLE, REQ_BACK, REQ_PREV_TIME, REQ_NEXT_TIME,
	REQ_FIND_NEXT, REQ_BOOKMARK, REQ_TIMELINE, REQ_HELP, REQ_QUIT, REQ_NONE
};

/* Format document key for width into the cache unless it is there; full:
 * with the documents of similar text (the document view), else with the
 * stored relations only (the list's preview, which must keep up with a
 * held-down key). */
static int cache_update(struct app *a, int64_t key, int width, int full)
{
	struct detail_cache *dc = &a->dc;
	struct relation *rel = NULL;
	size_t nrel = 0;
	const struct doc *d;
	struct err e;

	d = browse_doc(&a->b, key, &e);
	if (!d) {
		dlines_free(&dc->lines);
		dc->key = 0;
		return -1;
	}
	if (dc->key == key && dc->width == width && dc->flags == d->flags &&
	    dc->full == full && dc->lines.n)
		return 0;
	if (store_related(a->store, key, full ? STORE_REL_SIMILAR : STORE_REL_STORED,
	                  &rel, &nrel, &e) < 0) {
		rel = NULL;
		nrel = 0;
	}
	dlines_free(&dc->lines);
	ui_detail_format(d, rel, nrel, width, a->san, &dc->lines);
	relations_free(rel, nrel);
	dc->key = key;
	dc->width = width;
	dc->flags = d->flags;
	dc->full = full;
	dc->nrel = nrel;
	a->match_line = -1;
	return 0;
}

static enum sattr line_attr(enum dkind k)
{
	switch (k) {
	case DL_TITLE:
		return SA_TITLE;
	case DL_HEADING:
		return SA_HEADING;
	case DL_REASON:
		return SA_DIM;
	default:
		return SA_NORMAL;
	}
}

void detail_draw_key(struct app *a, struct rect r, int64_t key, int *scroll,
                     int focused)
{
	const struct strlist *terms = app_doc_terms(a, key);
	struct dlines *dl = &a->dc.lines;
	int i, max;

	if (r.h <= 0 || r.w <= 0)
		return;
	if (!key) {
		screen_put(r.y, r.x + 1, r.w - 1, "No document selected", SA_DIM);
		return;
	}
	if (cache_update(a, key, r.w > 2 ? r.w - 1 : r.w, focused) < 0) {
		screen_put(r.y, r.x + 1, r.w - 1,
		           "This document cannot be read from the database", SA_ERROR);
		return;
	}
	max = (int)dl->n - r.h;
	if (max < 0)
		max = 0;
	if (*scroll > max)
		*scroll = max;
	if (*scroll < 0)
		*scroll = 0;
	for (i = 0; i < r.h && (size_t)(*scroll + i) < dl->n; i++) {
		const struct dline *l = &dl->v[*scroll + i];
		struct spans sp = {0};
		enum sattr at = line_attr(l->kind);

		if (l->label)
			screen_put(r.y + i, r.x + 1, l->indent > 2 ? l->indent - 2 : r.w,
			           l->label, SA_LABEL);
		if (*scroll + i == a->match_line && at == SA_NORMAL)
			at = SA_CURSOR;
		if (r.w - 1 - l->indent > 0 && text_width(l->text) > r.w - 1 - l->indent) {
			/* a URL wider than the pane (never broken): clipped,
			 * with a marker that says so */
			struct sbuf fit = {0};

			ui_fit(&fit, l->text, r.w - 1 - l->indent, 0, a->ascii);
			screen_put(r.y + i, r.x + 1 + l->indent, r.w - 1 - l->indent,
			           sbuf_str(&fit), at);
			sbuf_free(&fit);
			continue;
		}
		if (l->kind != DL_HEADING)
			ui_match_spans(l->text, terms, &sp);
		screen_put_spans(r.y + i, r.x + 1 + l->indent, r.w - 1 - l->indent,
		                 l->text, &sp, at, SA_MATCH);
		spans_free(&sp);
	}
}

static void doc_draw(struct app *a, struct rect r, int focused)
{
	a->doc_h = r.h;
	detail_draw_key(a, r, a->b.doc_key, &a->b.doc_scroll, focused);
}

/* Go to the next (dir > 0) or previous match in the document, wrapping
 * around at either end, and say which it is ("match 3/12"). Matches are
 * counted anew (a pass over the formatted lines, not over the
 * collection); the first n goes to the first match in view or after it. */
static void find_match(struct app *a, int dir)
{
	const struct strlist *terms = app_doc_terms(a, a->b.doc_key);
	struct dlines *dl = &a->dc.lines;
	long *count, total = 0, first = -1, last = -1, cur = -1, next, i, ord;
	int h = a->doc_h > 0 ? a->doc_h : 1, wrapped;

	if (!terms->n) {
		browse_message(&a->b, 0, "No search: press / to search");
		return;
	}
	if (a->dc.key != a->b.doc_key || !dl->n)
		return;
	count = xcalloc(dl->n, sizeof *count);
	for (i = 0; i < (long)dl->n; i++) {
		struct spans sp = {0};

		if (dl->v[i].kind != DL_HEADING)
			count[i] = (long)ui_match_spans(dl->v[i].text, terms, &sp);
		spans_free(&sp);
		if (count[i] && first < 0 && i >= a->b.doc_scroll)
			first = total;
		if (count[i] && i < a->b.doc_scroll + h)
			last = total + count[i] - 1;
		if (i == a->match_line && count[i])
			cur = total + (a->match_ord >= total && a->match_ord < total + count[i] ?
			               a->match_ord - total : 0);
		total += count[i];
	}
	/* a current match scrolled out of view: start from the view again */
	if (a->match_line < a->b.doc_scroll || a->match_line >= a->b.doc_scroll + h)
		cur = -1;
	if (first < 0)
		first = 0;
	if (last < 0)
		last = total - 1;
	next = ui_match_step(cur, total, dir, first, last, &wrapped);
	if (next < 0) {
		free(count);
		browse_message(&a->b, 0, "No match in this document");
		return;
	}
	for (i = 0, ord = 0; i < (long)dl->n && ord + count[i] <= next; i++)
		ord += count[i];
	free(count);
	a->match_line = i;
	a->match_ord = next;
	if (i < a->b.doc_scroll || i >= a->b.doc_scroll + h)
		a->b.doc_scroll = (int)(i - h / 3 > 0 ? i - h / 3 : 0);
	browse_message(&a->b, 0, "match %ld/%ld%s", next + 1, total,
	               wrapped > 0 ? " (wrapped to the first)" :
	               wrapped < 0 ? " (wrapped to the last)" : "");
}

static int doc_request(struct app *a, enum request req)
{
	struct browse *b = &a->b;
	int h = a->doc_h > 1 ? a->doc_h - 1 : 1, r = 0;

	switch (req) {
	case REQ_MOVE_DOWN:
		b->doc_scroll++;
		break;
	case REQ_MOVE_UP:
		if (b->doc_scroll > 0)
			b->doc_scroll--;
		break;
	case REQ_PAGE_DOWN:
		b->doc_scroll += h;
		break;
	case REQ_PAGE_UP:
		b->doc_scroll = b->doc_scroll > h ? b->doc_scroll - h : 0;
		break;
	case REQ_MOVE_FIRST:
		b->doc_scroll = 0;
		break;
	case REQ_MOVE_LAST:
		b->doc_scroll = INT_MAX / 2;
		break;
	case REQ_FIND_NEXT:
		find_match(a, 1);
		break;
	case REQ_FIND_PREV:
		find_match(a, -1);
		break;
	case REQ_ENTER:
		r = browse_related_open(b, &a->e);
		break;
	case REQ_FOCUS:
		browse_pop_view(b);
		break;
	default:
		return 0;
	}
	if (r < 0)
		app_error(a, &a->e);
	return 1;
}

const struct view_ops doc_view = {
	BV_DOC, doc_draw, doc_request, doc_hints
};
