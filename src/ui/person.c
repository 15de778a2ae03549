/* person.c - the person view: one person's names (variants, cover names,
 * other scripts), life span and role, their documents by year as small
 * bars, and the people they appear with most. The person's name and each
 * of those people are the items j and k select: Enter on the name lists
 * the person's documents, Enter on another name opens that person. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

static const enum request person_hints[] = {
	REQ_ENTER, REQ_PERSON_DOCS, REQ_BACK, REQ_FORWARD, REQ_HELP, REQ_QUIT,
	REQ_NONE
};

/* The person view's own state: the lines as last drawn, how many it
 * had, and the person and selection the scroll offset was set for. */
struct person_state {
	struct dlines dl;
	int h;
	long shown_sel;      /* -1: scroll to the selection */
	char *shown;
};

static struct person_state *st(struct app *a)
{
	return view_state(a, BV_PERSON, sizeof(struct person_state));
}

/* The first line shown, in the view's state. */
static int top_of(struct app *a)
{
	return a->b.v.person.top;
}

static void set_top(struct app *a, int top)
{
	browse_person_set(&a->b, a->b.v.person.sel, top);
}

/* The year (yyyy0000) of the document in focus, 0 when none or undated:
 * the document the person was reached from is marked on their bars. */
static int32_t focus_year(struct app *a)
{
	struct err e;
	int64_t key = browse_focus_key(&a->b);
	const struct doc *d;

	if (!key)
		return 0;
	d = browse_doc(&a->b, key, &e);
	if (!d || d->date.prec == DATE_UNDATED)
		return 0;
	return text_period_of(d->date.key, DATE_YEAR);
}

static int selectable(const struct dline *l)
{
	return (l->kind == DL_TITLE || l->kind == DL_PERSON) && l->rel >= 0;
}

/* The first (last) line of item it in the drawn lines, or -1. */
static long item_line(const struct dlines *dl, long it, int last)
{
	long i, found = -1;

	for (i = 0; i < (long)dl->n; i++) {
		if (selectable(&dl->v[i]) && dl->v[i].rel == it) {
			found = i;
			if (!last)
				break;
		}
	}
	return found;
}

static int clamp_top(int top, int h, int n)
{
	if (top > n - h)
		top = n - h;
	return top < 0 ? 0 : top;
}

/* 1 when the bar line's bar part (from byte 20) has something in it. */
static int bar_has_count(const char *s)
{
	size_t n = strlen(s);

	return n > 20 && s[20 + strspn(s + 20, " ")] != '\0';
}

static void person_draw(struct app *a, struct rect r, int focused)
{
	struct browse *b = &a->b;
	struct person_state *ps = st(a);
	struct dlines *dl = &ps->dl;
	const struct person_info *p;
	struct err e;
	int i, n, top = top_of(a);

	if (r.h <= 0 || r.w <= 0)
		return;
	dlines_free(dl);
	p = browse_person_info(b, &e);
	if (!p) {
		screen_put(r.y, r.x + 1, r.w - 1, e.msg, SA_ERROR);
		return;
	}
	ui_person_format(p, focus_year(a), r.w > 2 ? r.w - 1 : r.w, a->ascii,
	                 a->san, dl);
	n = (int)dl->n;
	ps->h = r.h;
	/* follow the selection when it moved or the person changed; paging
	 * scrolls without moving it */
	if (!ps->shown || strcmp(ps->shown, p->name) != 0) {
		free(ps->shown);
		ps->shown = xstrdup(p->name);
		ps->shown_sel = -1;
	}
	if (ps->shown_sel != (long)b->v.person.sel) {
		long last = item_line(dl, (long)b->v.person.sel, 1);
		long first = item_line(dl, (long)b->v.person.sel, 0);

		if (first >= 0) {
			top = view_scroll_to(top, (int)last, r.h, n);
			top = view_scroll_to(top, (int)first, r.h, n);
		}
		ps->shown_sel = (long)b->v.person.sel;
	}
	top = clamp_top(top, r.h, n);
	if (top != top_of(a))
		set_top(a, top);
	for (i = 0; i < r.h && top + i < n; i++) {
		const struct dline *l = &dl->v[top + i];
		int y = r.y + i, x = r.x + 1 + l->indent, w = r.w - 1 - l->indent;
		enum sattr at = l->kind == DL_TITLE ? SA_TITLE :
		                l->kind == DL_HEADING ? SA_HEADING : SA_NORMAL;

		if (selectable(l) && l->rel == (long)b->v.person.sel) {
			at = focused ? SA_SELECTED : SA_CURSOR;
			screen_fill(y, r.x, r.w, at);
			/* visible without colours or reverse video too */
			if (top + i == 0 ||
			    dl->v[top + i - 1].rel != l->rel)
				screen_put_clean(y, r.x, 1, ">", at);
		}
		if (l->label)
			screen_put(y, r.x + 1, l->indent > 2 ? l->indent - 2 : r.w,
			           l->label, SA_LABEL);
		if (l->kind == DL_BAR) {
			struct spans sp = {0};
			int has = bar_has_count(l->text);

			if (has) {
				sp.v = xmalloc(sizeof *sp.v);
				sp.v[0].off = 20;
				sp.v[0].len = strlen(l->text) - 20;
				sp.n = sp.cap = 1;
			}
			screen_put_spans(y, x, w, l->text, &sp, has ? SA_NORMAL : SA_DIM,
			                 SA_BAR);
			spans_free(&sp);
		} else {
			screen_put_clean(y, x, w, l->text, at);
		}
	}
}

/* Beside the view on wide screens: the person's first documents. */
static void person_documents(struct app *a, struct rect r)
{
	struct browse *b = &a->b;
	const struct person_info *p;
	const struct rows *rows;
	struct sbuf head = {0};
	struct err e;
	char key[32];
	size_t i;

	if (r.h <= 0 || r.w <= 0)
		return;
	p = browse_person_info(b, &e);
	if (!p)
		return;
	rows = browse_person_rows(b, r.h > 1 ? (size_t)r.h - 1 : 1, &e);
	if (!rows)
		screen_put(r.y + 1, r.x + 1, r.w - 1, e.msg, SA_DIM);
	sbuf_printf(&head, "Documents (%lld)", p->ndocs);
	if (keymap_first_key(&a->km, BV_PERSON, REQ_PERSON_DOCS, key,
	                     sizeof key))
		sbuf_printf(&head, ": %s lists them", key);
	screen_put(r.y, r.x + 1, r.w - 1, sbuf_str(&head), SA_HEADING);
	sbuf_free(&head);
	for (i = 0; rows && i < rows->n && (int)i + 1 < r.h; i++) {
		const struct row *row = &rows->v[i];
		struct sbuf line = {0};
		char *title = screen_clean(row->title);

		ui_row_line(row, title, r.w - 1, a->ascii, &line);
		free(title);
		screen_put_clean(r.y + 1 + (int)i, r.x + 1, r.w - 1, sbuf_str(&line),
		                 SA_NORMAL);
		sbuf_free(&line);
	}
}

/* The first item with a line among the lines shown, or -1. */
static long first_visible_item(struct app *a)
{
	const struct dlines *dl = &st(a)->dl;
	int i, top = top_of(a);

	for (i = top; i < top + st(a)->h &&
	     i < (int)dl->n; i++)
		if (selectable(&dl->v[i]))
			return dl->v[i].rel;
	return -1;
}

/* j and k: move onto the next (previous) item when it is on screen, else
 * scroll towards it a line, so no line is ever skipped. */
static void step(struct app *a, int dir)
{
	struct browse *b = &a->b;
	const struct dlines *dl = &st(a)->dl;
	long want = (long)b->v.person.sel + dir, line;
	size_t before = b->v.person.sel;
	int top = top_of(a), h = st(a)->h;

	line = want >= 0 ? item_line(dl, want, dir < 0) : -1;
	if (line >= 0 && line >= top && line < top + h) {
		browse_person_move(b, dir);
		if (b->v.person.sel != before)
			return;
	}
	if (dir > 0 && top + h < (int)dl->n)
		set_top(a, top + 1);
	else if (dir < 0 && top > 0)
		set_top(a, top - 1);
	else if (line >= 0)
		browse_person_move(b, dir);
}

/* Scroll a page; when the selection leaves the screen it goes to the
 * first item still on it. */
static void page(struct app *a, int dir)
{
	struct browse *b = &a->b;
	struct person_state *ps = st(a);
	int h = ps->h > 1 ? ps->h - 1 : 1, top;
	long first, last, it;

	top = clamp_top(top_of(a) + dir * h, ps->h, (int)ps->dl.n);
	set_top(a, top);
	first = item_line(&ps->dl, (long)b->v.person.sel, 0);
	last = item_line(&ps->dl, (long)b->v.person.sel, 1);
	if (first < 0 || last < top || first >= top + ps->h) {
		it = first_visible_item(a);
		if (it >= 0) {
			browse_person_set(b, (size_t)it, top);
			ps->shown_sel = it;
		}
	}
}

static int person_request(struct app *a, enum request req)
{
	struct browse *b = &a->b;
	int r = 0;

	switch (req) {
	case REQ_MOVE_DOWN:
		step(a, 1);
		break;
	case REQ_MOVE_UP:
		step(a, -1);
		break;
	case REQ_PAGE_DOWN:
		page(a, 1);
		break;
	case REQ_PAGE_UP:
		page(a, -1);
		break;
	case REQ_MOVE_FIRST:
		browse_person_set(b, 0, 0);
		st(a)->shown_sel = (long)b->v.person.sel;
		break;
	case REQ_MOVE_LAST:
		browse_person_set(b, 1 << 20, 1 << 20);
		st(a)->shown_sel = (long)b->v.person.sel;
		break;
	case REQ_ENTER:
		r = browse_person_enter(b, &a->e);
		break;
	case REQ_PERSON_DOCS:
		r = browse_person_list(b, &a->e);
		break;
	default:
		return 0;
	}
	if (r < 0)
		app_error(a, &a->e);
	return 1;
}

static void person_status(struct app *a, struct status_info *si, char *mode,
                          size_t n)
{
	/* the person's name is the view's first line */
	(void)a;
	(void)si;
	(void)mode;
	(void)n;
}

static void person_done(struct app *a)
{
	dlines_free(&st(a)->dl);
	free(st(a)->shown);
}

const struct view_ops person_view = {
	.id = BV_PERSON,
	.place = VP_LEFT,
	.draw = person_draw,
	.companion = person_documents,
	.request = person_request,
	.status = person_status,
	.done = person_done,
	.hints = person_hints,
};
