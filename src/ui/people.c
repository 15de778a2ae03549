/* people.c - the people chooser: a small box over the document listing
 * its people; Enter opens the one selected in the person view. It is a
 * menu, not a place: choosing closes it before the jump, so Back returns
 * to the document, and keys other than its own do nothing while it is
 * open. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

static const enum request people_hints[] = {
	REQ_ENTER, REQ_MOVE_DOWN, REQ_MOVE_UP, REQ_QUIT, REQ_HELP, REQ_NONE
};

#define BOX_TITLE "People"

static void people_draw(struct app *a, struct rect r, int focused)
{
	struct browse *b = &a->b;
	const char *vbar = a->plain ? "|" : "\xe2\x94\x82";
	const struct strlist *l;
	struct sbuf line = {0};
	struct err e;
	int widest = (int)strlen(BOX_TITLE) + 2, bw, bh, x, y, vis, i;
	size_t k;

	if (r.h <= 0 || r.w <= 0)
		return;
	l = browse_people_names(b, &e);
	if (!l) {
		screen_put(r.y, r.x + 1, r.w - 1, e.msg, SA_ERROR);
		return;
	}
	for (k = 0; k < l->n; k++) {
		char *c = screen_clean(l->v[k]);
		int w = text_width(c);

		free(c);
		if (w > widest)
			widest = w;
	}
	bw = widest + 5;
	if (bw > r.w)
		bw = r.w;
	bh = (int)l->n + 2;
	if (bh > r.h)
		bh = r.h;
	vis = bh - 2 > 0 ? bh - 2 : 1;
	x = r.x + (r.w - bw) / 2;
	y = r.y + (r.h - bh) / 3;
	browse_nav_show(&b->v.people.nav, l->n, (size_t)vis);
	ui_box_edge(BOX_TITLE, bw, 1, a->plain, &line);
	screen_put_clean(y, x, bw, sbuf_str(&line), SA_HEADING);
	for (i = 0; i < vis && (int)b->v.people.nav.top + i < (int)l->n; i++) {
		size_t at = (size_t)((int)b->v.people.nav.top + i);
		enum sattr sa = at == b->v.people.nav.sel ?
		                (focused ? SA_SELECTED : SA_CURSOR) : SA_NORMAL;
		char *c = screen_clean(l->v[at]);

		sbuf_reset(&line);
		sbuf_add(&line, at == b->v.people.nav.sel ? "> " : "  ");
		ui_fit(&line, c, bw - 4 > 0 ? bw - 4 : 0, 1, a->ascii);
		free(c);
		screen_put_clean(y + 1 + i, x, 1, vbar, SA_HEADING);
		screen_fill(y + 1 + i, x + 1, bw - 2, sa);
		screen_put_clean(y + 1 + i, x + 1, bw - 2, sbuf_str(&line), sa);
		screen_put_clean(y + 1 + i, x + bw - 1, 1, vbar, SA_HEADING);
	}
	if (bh >= 3) {
		sbuf_reset(&line);
		ui_box_edge(NULL, bw, 0, a->plain, &line);
		screen_put_clean(y + bh - 1, x, bw, sbuf_str(&line), SA_HEADING);
	}
	sbuf_free(&line);
}

static int people_request(struct app *a, enum request req)
{
	struct browse *b = &a->b;
	const struct strlist *l;
	int r = 0;

	switch (req) {
	case REQ_ENTER:
		r = browse_people_choose(b, &a->e);
		break;
	case REQ_PEOPLE:
	case REQ_BACK:
		browse_pop_view(b);
		break;
	case REQ_QUIT:
	case REQ_QUIT_ALL:
	case REQ_HELP:
	case REQ_REDRAW:
		return 0;
	default:
		l = browse_people_names(b, &a->e);
		if (!view_nav_request(&b->v.people.nav, l ? l->n : 0, req))
			browse_message(b, 0, "Choose a person with Enter, or close "
			               "with q");
		break;
	}
	if (r < 0)
		app_error(a, &a->e);
	return 1;
}

static void people_status(struct app *a, struct status_info *si, char *mode,
                          size_t n)
{
	struct err e;
	const struct strlist *l = browse_people_names(&a->b, &e);

	(void)mode;
	(void)n;
	view_status_nav(si, &a->b.v.people.nav, l ? l->n : 0);
}

const struct view_ops people_view = {
	.id = BV_PEOPLE,
	.place = VP_OVERLAY,
	.draw = people_draw,
	.request = people_request,
	.status = people_status,
	.hints = people_hints,
};
