/* related.c - the related view: the documents related to one, with the
 * reason for each; Enter jumps to one. */
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
	const struct doc *d;
	struct err e;
	struct sbuf head = {0};
	char date[32];
	int vis, i;
	long n;

	if (r.h <= 0 || r.w <= 0)
		return;
	n = browse_related_load(b, b->rel_key, &e);
	d = browse_doc(b, b->rel_key, &e);
	if (d) {
		text_format_date(&d->date, date, sizeof date);
		sbuf_printf(&head, "Related to %s %s", date,
		            d->title ? d->title : "(untitled)");
	} else {
		sbuf_add(&head, "Related documents");
	}
	screen_put(r.y, r.x, r.w, sbuf_str(&head), SA_HEADING);
	sbuf_free(&head);
	if (n <= 0) {
		screen_put(r.y + 1, r.x + 1, r.w - 1, n < 0 ? e.msg :
		           "No related documents", SA_DIM);
		return;
	}
	vis = (r.h - 1) / 2;
	if (vis < 1)
		vis = 1;
	a->rel_top = view_scroll_to(a->rel_top, (int)b->rel_sel, vis, (int)n);
	for (i = 0; i < vis && a->rel_top + i < n; i++) {
		const struct relation *rl = &b->rel[a->rel_top + i];
		int y = r.y + 1 + 2 * i;
		int sel = (size_t)(a->rel_top + i) == b->rel_sel;
		enum sattr at = sel ? (focused ? SA_SELECTED : SA_CURSOR) : SA_NORMAL;
		struct sbuf line = {0};
		char *title = screen_clean(rl->row.title);
		const char *why = rl->reason && *rl->reason ? rl->reason :
		                  store_rel_name(rl->kind);

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
	int page = a->lines > 6 ? (a->lines - 4) / 2 : 1;

	switch (req) {
	case REQ_MOVE_DOWN:
		browse_related_move(b, 1);
		break;
	case REQ_MOVE_UP:
		browse_related_move(b, -1);
		break;
	case REQ_PAGE_DOWN:
		browse_related_move(b, page);
		break;
	case REQ_PAGE_UP:
		browse_related_move(b, -page);
		break;
	case REQ_MOVE_FIRST:
		browse_related_move(b, -(long)b->nrel);
		break;
	case REQ_MOVE_LAST:
		browse_related_move(b, (long)b->nrel);
		break;
	case REQ_ENTER:
		if (b->rel_sel < b->nrel &&
		    browse_open_key(b, b->rel[b->rel_sel].row.key, &a->e) < 0)
			app_error(a, &a->e);
		break;
	default:
		return 0;
	}
	return 1;
}

const struct view_ops related_view = {
	BV_RELATED, related_draw, related_request, related_hints
};
