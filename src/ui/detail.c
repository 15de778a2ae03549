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
	/* the reading position remembered last (readpos), to set it only
	 * when it changes */
	int64_t saved_key;
	int saved_sect;
	size_t saved_off;
	enum ui_text saved_text;
	/* the matches of the search on each line (n and N), for the terms
	 * mterms, while the lines stay; NULL not counted */
	long *mcount;
	char *mterms;
	unsigned long user_gen;  /* b->user_gen the lines were made with */
	/* a line-wise selection (V): from the anchor to the cursor line,
	 * both indexes into lines; visual 0 when none */
	int visual;
	long vis_anchor, vis_cursor;
	char pct[16];
};

static const enum request doc_hints[] = {
	REQ_ENTER, REQ_RELATED, REQ_PEOPLE, REQ_BACK, REQ_PREV_TIME, REQ_NEXT_TIME,
	REQ_FIND_NEXT, REQ_NEXT_REF, REQ_BOOKMARK, REQ_TIMELINE, REQ_FULL_WIDTH, REQ_HELP, REQ_QUIT,
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

static int cache_update(struct app *a, int64_t key, int width, int full, size_t limit,
                        int upto_sect, size_t upto_off)
{
	struct doc_state *dc = st(a);
	const struct relation *rel;
	size_t nrel = 0;
	const struct doc *d;
	struct err e;

	d = browse_doc(&a->b, key, &e);
	if (!d) {
		dlines_free(&dc->lines);
		free(dc->mcount);
		dc->mcount = NULL;
		dc->key = 0;
		return -1;
	}
	if (dc->key != key)
		dc->text = UI_TEXT_MAIN; /* another document opens on its summary */
	if (dc->key != key)
		dc->visual = 0;
	/* the document view's lines serve a preview too; the first lines
	 * of a long text (limit: the lines wanted) serve what they hold */
	if (dc->key == key && dc->width == width && dc->flags == d->flags &&
	    dc->full >= full && dc->drawn == dc->text && dc->lines.n &&
	    dc->user_gen == a->b.user_gen &&
	    (!dc->lines.partial || (limit && !upto_sect && limit <= dc->lines.n)))
		return 0;
	rel = browse_relations(&a->b, key, full, &nrel, &e);
	if (!rel)
		nrel = 0;
	/* the relations may have read another document: read it again */
	d = browse_doc(&a->b, key, &e);
	if (!d)
		return -1;
	dlines_free(&dc->lines);
	dc->lines.limit = limit;
	dc->lines.upto_sect = upto_sect;
	dc->lines.upto_off = upto_off;
	ui_detail_format(d, rel, nrel, width, a->san, dc->text, &dc->lines);
	free(dc->mcount);
	dc->mcount = NULL;
	if (full && !dc->lines.partial) {
		/* the references the reader selects with { and } */
		struct strlist cites = {0}, why = {0};

		if (browse_doc_cites(&a->b, key, &cites, &why, &e) < 0)
			strlist_clear(&cites);
		ui_detail_refs(d, &cites, &why, a->san, &dc->lines);
		strlist_clear(&cites);
		strlist_clear(&why);
	}
	dc->drawn = dc->text;
	dc->key = key;
	dc->width = width;
	dc->flags = d->flags;
	dc->full = full;
	dc->user_gen = a->b.user_gen;
	dc->match_line = -1;
	if (dc->visual && (size_t)dc->vis_anchor >= dc->lines.n)
		dc->visual = 0;
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

/* Draw the part of the selected reference f that is on line number n
 * (l, drawn on row i of r) in the selection's colours, with a marker in
 * the margin on its first line. */
static void draw_ref(struct app *a, struct rect r, int i, const struct dline *l,
                     size_t n, const struct dref *f)
{
	size_t len = strlen(l->text), from, to;
	int x, w = r.w - 1 - l->indent;
	char *pre;

	if (n < f->line0 || n > f->line1 || w <= 0)
		return;
	from = n == f->line0 ? f->off0 : 0;
	to = n == f->line1 ? f->end1 : len;
	if (from > len)
		from = len;
	if (to > len)
		to = len;
	if (n == f->line0)
		screen_put(r.y + i, r.x, 1, a->ascii ? ">" : "\xe2\x96\xb8", SA_SELECTED);
	if (to <= from)
		return;
	pre = xstrndup(l->text, from);
	x = text_width(pre);
	free(pre);
	if (x < w) {
		char *seg = xstrndup(l->text + from, to - from);

		screen_put_clean(r.y + i, r.x + 1 + l->indent + x, w - x, seg, SA_SELECTED);
		free(seg);
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
	const struct dref *ref = NULL;
	int i, max;

	if (r.h <= 0 || r.w <= 0)
		return;
	if (!key) {
		screen_put(r.y, r.x + 1, r.w - 1, "No document selected", SA_DIM);
		return;
	}
	if (cache_update(a, key, r.w > 2 ? r.w - 1 : r.w, focused,
	                 (size_t)(*scroll > 0 ? *scroll : 0) + (size_t)r.h + 1, 0, 0) < 0) {
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
	if (focused && a->b.v.doc.ref > 0 && (size_t)a->b.v.doc.ref <= dl->nrefs)
		ref = &dl->refs[a->b.v.doc.ref - 1];
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
		if (focused && ds->visual &&
		    *scroll + i >= (ds->vis_anchor < ds->vis_cursor ? ds->vis_anchor : ds->vis_cursor) &&
		    *scroll + i <= (ds->vis_anchor > ds->vis_cursor ? ds->vis_anchor : ds->vis_cursor))
			at = SA_SELECTED;
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
		if (ref)
			draw_ref(a, r, i, l, (size_t)(*scroll + i), ref);
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

/* 1 when the document view can show text t of d (T's choices). */
static int text_shown(const struct doc *d, enum ui_text t)
{
	return t == UI_TEXT_MAIN ||
	       (t == UI_TEXT_ORIGINAL && (ui_doc_has_text(d, RECORD_TEXT_ORIGINAL) ||
	                                  (d->body && ui_doc_has_text(d, RECORD_TEXT_TRANSLATION)))) ||
	       (t == UI_TEXT_TRANSLATION && ui_doc_has_text(d, RECORD_TEXT_TRANSLATION));
}

/* Before the document is drawn at width w: keep the place read across a
 * change of width (the line that held it), and put a document just
 * opened where the reader left it (its text, its place). */
static void doc_place(struct app *a, int w, int h, int focused)
{
	struct doc_state *ds = st(a);
	int64_t key = a->b.cur;
	int sect = 0, keep = 0;
	size_t off = 0, limit, more;
	const struct doc *d;
	const struct readpos_entry *p = NULL;

	if (ds->key == key && ds->full && ds->lines.n && ds->width != w && ds->drawn == ds->text) {
		ui_dlines_place(&ds->lines, (size_t)a->b.v.doc.scroll, &sect, &off);
		keep = 1;
	}
	if (focused && browse_doc_take_resume(&a->b)) {
		ds->saved_key = 0;
		d = browse_doc(&a->b, key, &a->e);
		p = d ? readpos_get(&a->pos, d->id) : NULL;
		if (p && p->text == UI_TEXT_MAIN && p->sect == 0 && p->off == 0)
			p = NULL; /* left at its top: nothing to find */
	}
	/* the lines down to a screen past the view, at once; the rest of a
	 * long text when idle (or when a key needs them: doc_complete).
	 * Finding the place read across a resize needs them all; where the
	 * reader left it, those down to that place and a screen more. */
	more = 2 * (size_t)(h > 0 ? h : 1) + 8;
	limit = keep ? 0 : (size_t)a->b.v.doc.scroll + more;
	if (p) {
		d = browse_doc(&a->b, key, &a->e);
		if (d && p->text != UI_TEXT_MAIN && text_shown(d, (enum ui_text)p->text)) {
			/* another text than the summary: that one */
			if (cache_update(a, key, w, focused, 1, 0, 0) < 0)
				return;
			ds->text = (enum ui_text)p->text;
		}
		limit = p->sect > 0 ? more : p->off + more;
	}
	if (cache_update(a, key, w, focused, limit, p ? p->sect : 0, p ? p->off : 0) < 0)
		return;
	if (keep)
		browse_doc_scroll_to(&a->b, (int)ui_dlines_find(&ds->lines, sect, off));
	if (p)
		browse_doc_scroll_to(&a->b, (int)ui_dlines_find(&ds->lines, p->sect, p->off));
}

/* Make all the lines of the document shown (a long text's first screen
 * may be all there is so far). */
static void doc_complete(struct app *a)
{
	struct doc_state *ds = st(a);

	if (ds->key && ds->key == a->b.cur && ds->lines.partial)
		cache_update(a, ds->key, ds->width, ds->full, 0, 0, 0);
}

/* Work for a pause: the rest of a long text's lines. */
static int doc_pending(struct app *a)
{
	struct doc_state *ds;

	if (browse_top(&a->b) != BV_DOC)
		return 0;
	ds = st(a);
	return ds->key && ds->key == a->b.cur && ds->lines.partial;
}

static void doc_idle(struct app *a)
{
	doc_complete(a);
}

/* Remember where the reader is in the document (the place of the first
 * line shown, width-free), when it changed. */
static void doc_remember(struct app *a)
{
	struct doc_state *ds = st(a);
	const struct doc *d;
	int sect;
	size_t off;

	if (ds->key != a->b.cur || !ds->lines.n)
		return;
	ui_dlines_place(&ds->lines, (size_t)a->b.v.doc.scroll, &sect, &off);
	if (ds->saved_key == ds->key && ds->saved_sect == sect && ds->saved_off == off &&
	    ds->saved_text == ds->text)
		return;
	d = browse_doc(&a->b, ds->key, &a->e);
	if (!d)
		return;
	readpos_set(&a->pos, d->id, (int)ds->text, sect, off);
	ds->saved_key = ds->key;
	ds->saved_sect = sect;
	ds->saved_off = off;
	ds->saved_text = ds->text;
}

static void doc_draw(struct app *a, struct rect r, int focused)
{
	int scroll;

	if (r.h > 0 && r.w > 0 && a->b.cur)
		doc_place(a, r.w > 2 ? r.w - 1 : r.w, r.h, focused);
	scroll = a->b.v.doc.scroll;
	draw_key(a, r, a->b.cur, &scroll, focused);
	if (scroll != a->b.v.doc.scroll)
		browse_doc_scroll_to(&a->b, scroll);
	if (focused && a->b.cur)
		doc_remember(a);
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
	{
		/* the matches of each line, counted once for these terms and
		 * lines (a long text has thousands of lines) */
		struct sbuf tj = {0};

		for (size_t t = 0; t < terms->n; t++)
			sbuf_printf(&tj, "%s\x1f", terms->v[t]);
		if (!ds->mcount || !ds->mterms || strcmp(ds->mterms, sbuf_str(&tj))) {
			free(ds->mcount);
			ds->mcount = xcalloc(dl->n, sizeof *ds->mcount);
			for (i = 0; i < (long)dl->n; i++) {
				struct spans sp = {0};

				if (dl->v[i].kind != DL_HEADING)
					ds->mcount[i] = (long)ui_match_spans(dl->v[i].text, terms, &sp);
				spans_free(&sp);
			}
			free(ds->mterms);
			ds->mterms = sbuf_take(&tj);
		}
		sbuf_free(&tj);
	}
	count = ds->mcount;
	for (i = 0; i < (long)dl->n; i++) {
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
		browse_message(&a->b, 0, "No match in this document");
		return;
	}
	for (i = 0, ord = 0; i < (long)dl->n && ord + count[i] <= next; i++)
		ord += count[i];
	ds->match_line = i;
	ds->match_ord = next;
	if (i < scroll || i >= scroll + h)
		browse_doc_scroll_to(&a->b, (int)(i - h / 3 > 0 ? i - h / 3 : 0));
	browse_message(&a->b, 0, "match %ld/%ld%s", next + 1, total,
	               wrapped > 0 ? " (wrapped to the first)" :
	               wrapped < 0 ? " (wrapped to the last)" : "");
}

/* The reference selected (0-based), when it is in view; else -1. */
static long ref_in_view(struct app *a, int h)
{
	struct doc_state *ds = st(a);
	long k = (long)a->b.v.doc.ref - 1;
	int scroll = a->b.v.doc.scroll;

	if (ds->key != a->b.cur || k < 0 || (size_t)k >= ds->lines.nrefs)
		return -1;
	if ((long)ds->lines.refs[k].line1 < scroll ||
	    (long)ds->lines.refs[k].line0 >= (long)scroll + h)
		return -1;
	return k;
}

/* The text of the note labelled label, or NULL. */
static const char *note_text(const struct doc *d, const char *label)
{
	for (size_t i = 0; d && i < d->texts.n; i++)
		if (!strcmp(d->texts.v[i].kind, RECORD_TEXT_NOTE) && d->texts.v[i].label &&
		    !strcmp(d->texts.v[i].label, label))
			return d->texts.v[i].body;
	return NULL;
}

/* Say what reference k is and what Enter does with it. */
static void ref_say(struct app *a, long k)
{
	struct doc_state *ds = st(a);
	const struct dref *f = &ds->lines.refs[k];
	const struct doc *d;
	const char *t;

	switch (f->kind) {
	case DREF_MARK:
		d = browse_doc(&a->b, ds->key, &a->e);
		t = note_text(d, f->target);
		browse_message(&a->b, 0, "Note %s (Enter: to the note): %s", f->target, t ? t : "");
		break;
	case DREF_NOTE:
		browse_message(&a->b, 0, "Note %s (Enter: to its mark in the text)", f->target);
		break;
	case DREF_CITE:
		browse_message(&a->b, 0, "Reference to %s (Enter opens it)", f->target);
		break;
	case DREF_LINK:
		browse_message(&a->b, 0, "Link to %s (Enter opens the document it names)", f->target);
		break;
	}
}

/* Select the next (dir > 0) or previous reference: after the one selected
 * when it is in view, else from the view's first line (its last, going
 * back); scroll to it when it is out of view. */
static void step_ref(struct app *a, int dir)
{
	struct doc_state *ds = st(a);
	struct dlines *dl = &ds->lines;
	int h = a->views[BV_DOC].rect.h > 0 ? a->views[BV_DOC].rect.h : 1;
	int scroll = a->b.v.doc.scroll;
	long k = ref_in_view(a, h), n = (long)dl->nrefs;

	if (ds->key != a->b.cur)
		return;
	if (!n) {
		browse_message(&a->b, 0, "No footnote marks or references in this text");
		return;
	}
	if (k >= 0)
		k += dir;
	else if (dir > 0)
		for (k = 0; k < n && (long)dl->refs[k].line0 < scroll; k++)
			;
	else
		for (k = n - 1; k >= 0 && (long)dl->refs[k].line0 >= (long)scroll + h; k--)
			;
	if (k < 0 || k >= n) {
		browse_message(&a->b, 0, dir > 0 ? "No more references below" :
		                                   "No more references above");
		return;
	}
	browse_doc_select(&a->b, (int)k + 1);
	if ((long)dl->refs[k].line0 < scroll || (long)dl->refs[k].line0 >= (long)scroll + h)
		browse_doc_scroll_to(&a->b, (int)dl->refs[k].line0 - h / 3);
	ref_say(a, k);
}

/* The document an address names in this collection: the address itself
 * as an id, or its last one or two parts ("/document/119211",
 * "/historicaldocuments/frus1952-54v15p1/d13"). */
static int open_address(struct app *a, const char *url)
{
	const char *end = url + strcspn(url, "?#"), *last, *prev;
	struct err e;

	if (browse_open_id(&a->b, url, &e) == 0)
		return 0;
	while (end > url && end[-1] == '/')
		end--;
	for (last = end; last > url && last[-1] != '/'; last--)
		;
	for (prev = last > url ? last - 1 : last; prev > url && prev[-1] != '/'; prev--)
		;
	for (int k = 0; k < 2; k++) {
		const char *from = k ? prev : last;
		char *id;
		int r;

		/* never the host ("https://host/...") */
		if (from >= end || (k && (prev == last || (from >= url + 2 && from[-2] == '/'))))
			continue;
		id = xstrndup(from, (size_t)(end - from));
		r = browse_open_id(&a->b, id, &e);
		free(id);
		if (r == 0)
			return 0;
	}
	browse_message(&a->b, 0, "%s names no document of this collection", url);
	return 1;
}

/* Follow reference k: a mark to its note, a note back to its mark (each
 * a jump that Back undoes), a reference or a link to its document. */
static int follow_ref(struct app *a, long k, int h)
{
	struct doc_state *ds = st(a);
	struct dlines *dl = &ds->lines;
	const struct dref *f = &dl->refs[k];
	struct err e;
	long j;

	switch (f->kind) {
	case DREF_MARK:
	case DREF_NOTE:
		for (j = 0; j < (long)dl->nrefs; j++)
			if (dl->refs[j].kind == (f->kind == DREF_MARK ? DREF_NOTE : DREF_MARK) &&
			    !strcmp(dl->refs[j].target, f->target))
				break;
		if (j == (long)dl->nrefs) {
			browse_message(&a->b, 0, f->kind == DREF_MARK ? "Note %s is not among the notes" :
			               "Note %s has no mark in the text", f->target);
			return 1;
		}
		/* the note at the top; a mark a third down, in its text */
		browse_doc_jump(&a->b, (int)dl->refs[j].line0 - (f->kind == DREF_MARK ? 0 : h / 3),
		                (int)j + 1);
		browse_message(&a->b, 0, f->kind == DREF_MARK ?
		               "Note %s (Backspace: back to the text)" :
		               "The mark of note %s (Backspace: back to the note)", f->target);
		return 0;
	case DREF_CITE: {
		char *id = xstrdup(f->target);
		int r = browse_open_id(&a->b, id, &e);

		if (r < 0)
			browse_message(&a->b, 0, "%s is not in this database (its volume "
			               "may not be imported yet)", id);
		free(id);
		return r < 0 ? 1 : 0;
	}
	case DREF_LINK: {
		char *url = xstrdup(f->target);
		int r = open_address(a, url);

		free(url);
		return r;
	}
	}
	return 1;
}

/* The page a line stands on: the number of the last "[Page N]" line
 * before it (the TEI reader writes them), or NULL. Caller frees. */
static char *page_of(const struct dlines *dl, long line)
{
	for (long i = line; i >= 0; i--) {
		const char *t = dl->v[i].text;
		const char *p = strstr(t, "[Page ");

		if (p) {
			size_t n = strcspn(p + 6, "]");

			if (n && n < 16 && p[6 + n] == ']')
				return xstrndup(p + 6, n);
		}
	}
	return NULL;
}

/* Save the selected lines as an excerpt: screen lines of a paragraph
 * joined by spaces, paragraphs by a blank line. */
static void visual_save(struct app *a, struct doc_state *ds)
{
	long lo = ds->vis_anchor < ds->vis_cursor ? ds->vis_anchor : ds->vis_cursor;
	long hi = ds->vis_anchor > ds->vis_cursor ? ds->vis_anchor : ds->vis_cursor;
	struct sbuf t = {0};
	char *page;
	int blank = 0;

	for (long i = lo; i <= hi && (size_t)i < ds->lines.n; i++) {
		const char *line = ds->lines.v[i].text;

		if (!*line) {
			blank = t.len > 0;
			continue;
		}
		if (t.len)
			sbuf_add(&t, blank ? "\n\n" : " ");
		blank = 0;
		if (ds->lines.v[i].label && ds->lines.v[i].kind == DL_FIELD)
			sbuf_printf(&t, "%s: ", ds->lines.v[i].label);
		sbuf_add(&t, line);
	}
	page = page_of(&ds->lines, lo);
	ds->visual = 0;
	if (!t.len)
		browse_message(&a->b, 0, "Nothing selected: the lines were blank");
	else if (browse_excerpt_add(&a->b, sbuf_str(&t), page, &a->e) < 0)
		app_error(a, &a->e);
	free(page);
	sbuf_free(&t);
}

/* Keys while lines are selected: j/k (and pages) move the cursor line,
 * V or Enter saves, q cancels. Returns 1 when handled. */
static int visual_request(struct app *a, struct doc_state *ds, enum request req, int h)
{
	long n = (long)ds->lines.n, step = 0;
	int scroll = a->b.v.doc.scroll;

	switch (req) {
	case REQ_MOVE_DOWN:
		step = 1;
		break;
	case REQ_MOVE_UP:
		step = -1;
		break;
	case REQ_PAGE_DOWN:
		step = h;
		break;
	case REQ_PAGE_UP:
		step = -h;
		break;
	case REQ_VISUAL:
	case REQ_ENTER:
		visual_save(a, ds);
		return 1;
	case REQ_QUIT:
	case REQ_BACK:
		ds->visual = 0;
		browse_message(&a->b, 0, "Selection cancelled");
		return 1;
	default:
		return 0;
	}
	ds->vis_cursor += step;
	if (ds->vis_cursor >= n)
		ds->vis_cursor = n - 1;
	if (ds->vis_cursor < 0)
		ds->vis_cursor = 0;
	/* keep the cursor line in view */
	if (ds->vis_cursor < scroll)
		browse_doc_scroll_to(&a->b, (int)ds->vis_cursor);
	else if (ds->vis_cursor >= scroll + h + 1)
		browse_doc_scroll_to(&a->b, (int)(ds->vis_cursor - h));
	browse_message(&a->b, 0, "%ld line%s selected: V or Enter saves the excerpt, q cancels",
	               labs(ds->vis_cursor - ds->vis_anchor) + 1,
	               ds->vis_cursor == ds->vis_anchor ? "" : "s");
	return 1;
}

static int doc_request(struct app *a, enum request req)
{
	struct browse *b = &a->b;
	int h = a->views[BV_DOC].rect.h > 1 ? a->views[BV_DOC].rect.h - 1 : 1;
	int r = 0;
	struct doc_state *vs = st(a);

	/* what needs every line: the end, matches, references, a selection */
	if (req == REQ_MOVE_LAST || req == REQ_FIND_NEXT || req == REQ_FIND_PREV ||
	    req == REQ_NEXT_REF || req == REQ_PREV_REF || req == REQ_ENTER ||
	    req == REQ_VISUAL || vs->visual)
		doc_complete(a);
	if (vs->visual && vs->key == b->cur && visual_request(a, vs, req, h))
		return 1;
	switch (req) {
	case REQ_VISUAL:
		if (vs->key != b->cur || !vs->lines.n)
			break;
		/* from the first line of the text in view (else the top one) */
		vs->visual = 1;
		vs->vis_anchor = b->v.doc.scroll;
		for (long i = b->v.doc.scroll; i < (long)vs->lines.n && i < b->v.doc.scroll + h; i++)
			if (vs->lines.v[i].kind == DL_TEXT && vs->lines.v[i].text[0]) {
				vs->vis_anchor = i;
				break;
			}
		vs->vis_cursor = vs->vis_anchor;
		browse_message(b, 0, "Visual: j and k select lines, V or Enter saves the "
		               "excerpt, q cancels");
		break;
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
	case REQ_NEXT_REF:
		step_ref(a, 1);
		break;
	case REQ_PREV_REF:
		step_ref(a, -1);
		break;
	case REQ_ENTER: {
		/* the reference selected in view, else the related view on
		 * the relation marked in the document */
		long sel = st(a)->rel_sel, k = ref_in_view(a, h + 1);

		if (k >= 0) {
			follow_ref(a, k, h + 1);
			break;
		}
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
			if (text_shown(d, ds->text))
				break;
		}
		browse_doc_scroll_to(b, 0);
		browse_doc_select(b, 0);
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
	if (ds->key == a->b.cur && h > 0 && (int)ds->lines.n > h && !ds->lines.partial) {
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
	struct doc_state *ds = st(a);

	dlines_free(&ds->lines);
	free(ds->mcount);
	free(ds->mterms);
}

const struct view_ops doc_view = {
	.id = BV_DOC,
	.place = VP_RIGHT,
	.draw = doc_draw,
	.companion = list_draw_companion,
	.request = doc_request,
	.status = doc_status,
	.pending = doc_pending,
	.idle = doc_idle,
	.done = doc_done,
	.hints = doc_hints,
	.enter_label = "open related",
};
