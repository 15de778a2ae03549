/* detail.c - the document view: every field, the text, the relations. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

/* The document view's own state: the formatted lines of the document
 * drawn last (the preview shares them), and the line of the match that
 * n and N stepped to. */
struct doc_state {
	int64_t key;
	int width;
	unsigned flags;
	int full;     /* formatted with the similar-text relations */
	enum ui_text text;  /* the text shown (T switches) */
	enum ui_text drawn; /* the text the lines hold */
	struct dlines lines;
	long match_line;         /* -1 none */
	long match_ord;          /* its number among the document's matches */
	unsigned long match_gen; /* the list (search) match_line is for */
	long rel_sel;            /* the relation Enter opens: the first in
	                            view in the document view, -1 none */
	char pct[16];
};

static const enum request doc_hints[] = {
	REQ_ENTER, REQ_RELATED, REQ_PEOPLE, REQ_BACK, REQ_PREV_TIME, REQ_NEXT_TIME,
	REQ_FIND_NEXT, REQ_BOOKMARK, REQ_TIMELINE, REQ_FULL_WIDTH, REQ_HELP, REQ_QUIT,
	REQ_NONE
};

/* Format document key for width into the cache unless it is there; full:
 * with the documents of similar text (the document view), else with the
 * stored relations only (the list's preview, which must keep up with a
 * held-down key). */
static struct doc_state *st(struct app *a)
{
	struct doc_state *ds = view_state(a, BV_DOC, sizeof(struct doc_state));

	if (ds->match_gen != a->b.gen) {
		ds->match_gen = a->b.gen;
		ds->match_line = -1;
	}
	return ds;
}

static int cache_update(struct app *a, int64_t key, int width, int full)
{
	struct doc_state *dc = st(a);
	const struct relation *rel;
	size_t nrel = 0;
	const struct doc *d;
	struct err e;

	d = browse_doc(&a->b, key, &e);
	if (!d) {
		dlines_free(&dc->lines);
		dc->key = 0;
		return -1;
	}
	if (dc->key != key)
		dc->text = UI_TEXT_MAIN; /* another document opens on its summary */
	if (dc->key == key && dc->width == width && dc->flags == d->flags &&
	    dc->full == full && dc->drawn == dc->text && dc->lines.n)
		return 0;
	rel = browse_relations(&a->b, key, full, &nrel, &e);
	if (!rel)
		nrel = 0;
	/* the relations may have read another document: read it again */
	d = browse_doc(&a->b, key, &e);
	if (!d)
		return -1;
	dlines_free(&dc->lines);
	ui_detail_format(d, rel, nrel, width, a->san, dc->text, &dc->lines);
	dc->drawn = dc->text;
	dc->key = key;
	dc->width = width;
	dc->flags = d->flags;
	dc->full = full;
	dc->match_line = -1;
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

/* Draw document key in r from line *scroll (clamped); focused: the
 * document view itself, with every relation (else a preview, with the
 * stored relations only). */
static void draw_key(struct app *a, struct rect r, int64_t key, int *scroll,
                     int focused)
{
	const struct strlist *terms = app_doc_terms(a, key);
	struct doc_state *ds = st(a);
	struct dlines *dl = &ds->lines;
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
	/* the document view selects the first related document in view:
	 * marked, and what Enter opens */
	if (focused) {
		ds->rel_sel = -1;
		/* whose first line is in view (its date and title) */
		for (i = 0; i < r.h && (size_t)(*scroll + i) < dl->n && ds->rel_sel < 0; i++)
			if (dl->v[*scroll + i].kind == DL_RELATED && dl->v[*scroll + i].indent == 2)
				ds->rel_sel = dl->v[*scroll + i].rel;
	}
	for (i = 0; i < r.h && (size_t)(*scroll + i) < dl->n; i++) {
		const struct dline *l = &dl->v[*scroll + i];
		struct spans sp = {0};
		enum sattr at = line_attr(l->kind);

		if (focused && l->rel >= 0 && l->rel == ds->rel_sel &&
		    (l->kind == DL_RELATED || l->kind == DL_REASON)) {
			at = SA_SELECTED;
			if (l->kind == DL_RELATED && l->indent == 2)
				screen_put(r.y + i, r.x + 1, 2, a->ascii ? ">" : "\xe2\x96\xb8", SA_SELECTED);
		}
		if (l->label)
			screen_put(r.y + i, r.x + 1, l->indent > 2 ? l->indent - 2 : r.w,
			           l->label, SA_LABEL);
		if (*scroll + i == ds->match_line && at == SA_NORMAL)
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

void detail_draw_preview(struct app *a, struct rect r)
{
	int top = 0;
	int64_t key = browse_focus_key(&a->b);

	/* while the cursor moves (a held key), the document shown stays:
	 * drawn again unchanged, it costs the link nothing */
	if (a->preview_due && a->preview_key)
		key = a->preview_key;
	else
		a->preview_key = key;
	draw_key(a, r, key, &top, 0);
}

static void doc_draw(struct app *a, struct rect r, int focused)
{
	int scroll = a->b.v.doc.scroll;

	draw_key(a, r, a->b.cur, &scroll, focused);
	if (scroll != a->b.v.doc.scroll)
		browse_doc_scroll_to(&a->b, scroll);
}

/* Go to the next (dir > 0) or previous match in the document, wrapping
 * around at either end, and say which it is ("match 3/12"). Matches are
 * counted anew (a pass over the formatted lines, not over the
 * collection); the first n goes to the first match in view or after it. */
static void find_match(struct app *a, int dir)
{
	const struct strlist *terms = app_doc_terms(a, a->b.cur);
	struct doc_state *ds = st(a);
	struct dlines *dl = &ds->lines;
	int scroll = a->b.v.doc.scroll;
	int h = a->views[BV_DOC].rect.h > 0 ? a->views[BV_DOC].rect.h : 1, wrapped;
	long *count, total = 0, first = -1, last = -1, cur = -1, next, i, ord;

	if (!terms->n) {
		browse_message(&a->b, 0, "No search: press / to search");
		return;
	}
	if (ds->key != a->b.cur || !dl->n)
		return;
	count = xcalloc(dl->n, sizeof *count);
	for (i = 0; i < (long)dl->n; i++) {
		struct spans sp = {0};

		if (dl->v[i].kind != DL_HEADING)
			count[i] = (long)ui_match_spans(dl->v[i].text, terms, &sp);
		spans_free(&sp);
		if (count[i] && first < 0 && i >= scroll)
			first = total;
		if (count[i] && i < scroll + h)
			last = total + count[i] - 1;
		if (i == ds->match_line && count[i])
			cur = total + (ds->match_ord >= total && ds->match_ord < total + count[i] ?
			               ds->match_ord - total : 0);
		total += count[i];
	}
	/* a current match scrolled out of view: start from the view again */
	if (ds->match_line < scroll || ds->match_line >= scroll + h)
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
	ds->match_line = i;
	ds->match_ord = next;
	if (i < scroll || i >= scroll + h)
		browse_doc_scroll_to(&a->b, (int)(i - h / 3 > 0 ? i - h / 3 : 0));
	browse_message(&a->b, 0, "match %ld/%ld%s", next + 1, total,
	               wrapped > 0 ? " (wrapped to the first)" :
	               wrapped < 0 ? " (wrapped to the last)" : "");
}

static int doc_request(struct app *a, enum request req)
{
	struct browse *b = &a->b;
	int h = a->views[BV_DOC].rect.h > 1 ? a->views[BV_DOC].rect.h - 1 : 1;
	int r = 0;

	switch (req) {
	case REQ_MOVE_DOWN:
		browse_doc_scroll(b, 1);
		break;
	case REQ_MOVE_UP:
		browse_doc_scroll(b, -1);
		break;
	case REQ_PAGE_DOWN:
		browse_doc_scroll(b, h);
		break;
	case REQ_PAGE_UP:
		browse_doc_scroll(b, -h);
		break;
	case REQ_MOVE_FIRST:
		browse_doc_scroll_to(b, 0);
		break;
	case REQ_MOVE_LAST:
		browse_doc_scroll_to(b, INT_MAX / 2);
		break;
	case REQ_FIND_NEXT:
		find_match(a, 1);
		break;
	case REQ_FIND_PREV:
		find_match(a, -1);
		break;
	case REQ_ENTER: {
		/* the related view, on the relation marked in the document */
		long sel = st(a)->rel_sel;

		r = browse_related_open(b, &a->e);
		if (r == 0 && sel > 0)
			browse_related_move(b, sel);
		break;
	}
	case REQ_FULL_WIDTH:
		if (!a->wide) {
			browse_message(b, 0, "The document has the whole width already");
			break;
		}
		a->doc_full = !a->doc_full;
		browse_message(b, 0, a->doc_full ? "Full width: z puts the list back beside it" :
		                                   "Beside the list again");
		break;
	case REQ_TEXT: {
		/* the summary, the original, the translation: those it has */
		struct doc_state *ds = st(a);
		const struct doc *d = ds->key ? browse_doc(b, ds->key, &a->e) : NULL;

		for (int k = 0; d && k < 3; k++) {
			ds->text = (enum ui_text)((ds->text + 1) % 3);
			if (ds->text == UI_TEXT_MAIN ||
			    (ds->text == UI_TEXT_ORIGINAL && (ui_doc_has_text(d, RECORD_TEXT_ORIGINAL) ||
			                                      (d->body && ui_doc_has_text(d, RECORD_TEXT_TRANSLATION)))) ||
			    (ds->text == UI_TEXT_TRANSLATION && ui_doc_has_text(d, RECORD_TEXT_TRANSLATION)))
				break;
		}
		browse_doc_scroll_to(b, 0);
		break;
	}
	case REQ_FOCUS:
		/* to the list, which is on this document when it holds it */
		browse_pop_view(b);
		break;
	default:
		return 0;
	}
	if (r < 0)
		app_error(a, &a->e);
	return 1;
}

/* The list's position, and how far into the document the view is. */
static void doc_status(struct app *a, struct status_info *si, char *mode,
                       size_t n)
{
	struct doc_state *ds = st(a);
	int h = a->views[BV_DOC].rect.h, scroll = a->b.v.doc.scroll;

	(void)mode;
	(void)n;
	app_status_list(a, si);
	if (ds->key == a->b.cur && h > 0 && (int)ds->lines.n > h) {
		int max = (int)ds->lines.n - h;

		if (scroll <= 0)
			snprintf(ds->pct, sizeof ds->pct, "top");
		else if (scroll >= max)
			snprintf(ds->pct, sizeof ds->pct, "end");
		else
			snprintf(ds->pct, sizeof ds->pct, "%d%%", scroll * 100 / max);
		si->extra = ds->pct;
	}
}

static void doc_done(struct app *a)
{
	dlines_free(&st(a)->lines);
}

const struct view_ops doc_view = {
	.id = BV_DOC,
	.place = VP_RIGHT,
	.draw = doc_draw,
	.companion = list_draw_companion,
	.request = doc_request,
	.status = doc_status,
	.done = doc_done,
	.hints = doc_hints,
	.enter_label = "open related",
};
