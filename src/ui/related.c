/* related.c - the related view: the documents related to one, with the
 * reason for each; Enter jumps to one. Its selection and scroll are the
 * generic navigation, two lines an item. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

static const enum request related_hints[] = {
	REQ_ENTER, REQ_BACK, REQ_FORWARD, REQ_TIMELINE, REQ_HELP, REQ_QUIT,
	REQ_NONE
};

static void related_draw(struct app *a, struct rect r, int focused)
{
	struct browse *b = &a->b;
	struct browse_nav *nav = &b->v.related.nav;
	const struct relation *rel;
	const struct doc *d;
	struct err e;
	struct sbuf head = {0};
	char date[32];
	int vis, i;
	size_t n = 0;

	if (r.h <= 0 || r.w <= 0)
		return;
	rel = browse_related_list(b, &n, &e);
	d = browse_doc(b, b->v.related.key, &e);
	if (d) {
		text_format_date(&d->date, date, sizeof date);
		sbuf_printf(&head, "Related to %s %s", date,
		            d->title ? d->title : "(untitled)");
	} else {
		sbuf_add(&head, "Related documents");
	}
	screen_put(r.y, r.x, r.w, sbuf_str(&head), SA_HEADING);
	sbuf_free(&head);
	if (!rel || !n) {
		screen_put(r.y + 1, r.x + 1, r.w - 1, !rel ? e.msg :
		           "No related documents", SA_DIM);
		return;
	}
	vis = (r.h - 1) / 2;
	if (vis < 1)
		vis = 1;
	browse_nav_show(nav, n, (size_t)vis);
	for (i = 0; i < vis && nav->top + (size_t)i < n; i++) {
		size_t k = nav->top + (size_t)i;
		const struct relation *rl = &rel[k];
		int y = r.y + 1 + 2 * i;
		int sel = k == nav->sel;
		enum sattr at = sel ? (focused ? SA_SELECTED : SA_CURSOR) : SA_NORMAL;
		struct sbuf line = {0};
		char *title = screen_clean(rl->row.title);
		const char *why = rl->reason && *rl->reason ? rl->reason :
		                  store_rel_label(rl);

		ui_row_line(&rl->row, title, r.w, a->ascii, &line);
		free(title);
		screen_put_clean(y, r.x, r.w, sbuf_str(&line), at);
		sbuf_free(&line);
		if (y + 1 < r.y + r.h) {
			if (sel)
				screen_fill(y + 1, r.x, r.w, at);
			screen_put(y + 1, r.x + 15, r.w - 15, why, sel ? at : SA_DIM);
		}
	}
}

static int related_request(struct app *a, enum request req)
{
	struct browse *b = &a->b;
	size_t n = 0;
	struct err e;

	if (req == REQ_ENTER) {
		if (browse_related_enter(b, &a->e) < 0)
			app_error(a, &a->e);
		return 1;
	}
	if (!browse_related_list(b, &n, &e))
		n = 0;
	return view_nav_request(&b->v.related.nav, n, req);
}

static void related_status(struct app *a, struct status_info *si, char *mode,
                           size_t len)
{
	size_t n = 0;
	struct err e;

	(void)mode;
	(void)len;
	if (!browse_related_list(&a->b, &n, &e))
		n = 0;
	view_status_nav(si, &a->b.v.related.nav, n);
}

static int related_enter(struct app *a)
{
	return browse_related_open(&a->b, &a->e);
}

const struct view_ops related_view = {
	.id = BV_RELATED,
	.place = VP_LEFT,
	.enter = related_enter,
	.draw = related_draw,
	.companion = detail_draw_preview,
	.request = related_request,
	.status = related_status,
	.hints = related_hints,
};
