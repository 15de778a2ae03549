/* list.c - the list view: one document a line, a screen at a time. The
 * list's window is the model's (browse), read a screen at a time; its
 * height comes from the rectangle the layout gives it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

struct list_state {
	int lpr;          /* lines per row in the rectangle last given */
};

static const enum request list_hints[] = {
	REQ_ENTER, REQ_SEARCH, REQ_TIMELINE, REQ_RELATED, REQ_FILTERS,
	REQ_COMMAND, REQ_BACK, REQ_HELP, REQ_QUIT, REQ_NONE
};

static struct list_state *st(struct app *a)
{
	return view_state(a, BV_LIST, sizeof(struct list_state));
}

int list_lines_per_row(struct app *a, int h)
{
	return query_has_text(a->b.q) && h >= 12 ? 2 : 1;
}

void list_size(struct app *a, struct rect r)
{
	int lpr = list_lines_per_row(a, r.h);
	int rows = r.h / lpr;

	st(a)->lpr = lpr;
	a->views[BV_LIST].rect = r;
	if (rows < 1)
		rows = 1;
	if (browse_set_height(&a->b, (size_t)rows, &a->e) < 0)
		app_error(a, &a->e);
}

static void list_paint(struct app *a, struct rect r, int focused)
{
	struct browse *b = &a->b;
	const struct strlist *terms = app_terms(a);
	int lpr;
	size_t i;

	if (r.h <= 0 || r.w <= 0)
		return;
	lpr = st(a)->lpr > 0 ? st(a)->lpr : 1;
	if (!b->rows.n) {
		const char *m;

		if (b->stale)
			m = "Searching...";
		else if (browse_db_empty(b))
			m = "The database is empty: add documents with "
			    "\"fonds import FILE\"";
		else
			m = "No documents match. Press c to clear the filters, "
			    "/ to search again, H to go back.";
		screen_put(r.y, r.x + 1, r.w - 1, m, SA_DIM);
		return;
	}
	for (i = 0; i < b->rows.n; i++) {
		const struct row *row = &b->rows.v[i];
		int y = r.y + (int)i * lpr;
		int sel = i == b->sel && !b->cur_outside;
		enum sattr at = sel ? (focused ? SA_SELECTED : SA_CURSOR)
		                    : SA_NORMAL;
		struct sbuf line = {0};
		struct spans sp = {0};
		char *title;

		if (y >= r.y + r.h)
			break;
		title = screen_clean(row->title);
		ui_row_line(row, title, r.w, a->ascii, &line);
		free(title);
		ui_match_spans(sbuf_str(&line), terms, &sp);
		screen_put_spans(y, r.x, r.w, sbuf_str(&line), &sp, at, SA_MATCH);
		spans_free(&sp);
		sbuf_free(&line);
		if (lpr == 2 && y + 1 < r.y + r.h) {
			struct sbuf sn = {0};

			if (at != SA_NORMAL)
				screen_fill(y + 1, r.x, r.w, at);
			ui_snippet(row->snippet, a->san, &sn, &sp);
			screen_put_spans(y + 1, r.x + 15, r.w - 15, sbuf_str(&sn), &sp,
			                 at != SA_NORMAL ? at : SA_DIM, SA_MATCH);
			spans_free(&sp);
			sbuf_free(&sn);
		}
	}
}

static void list_draw(struct app *a, struct rect r, int focused)
{
	list_paint(a, r, focused);
}

void list_draw_companion(struct app *a, struct rect r)
{
	list_paint(a, r, 0);
}

/* How far a move past the window's edge scrolls: a row, or while a key
 * is held nearly a page, so that the pane is sent again once a page and
 * not once a row (a pane beside another cannot be scrolled by the
 * terminal). */
static size_t list_jump(struct app *a)
{
	size_t h = a->b.height;

	return a->held && h > 2 ? h - 1 : 0;
}

static int list_request(struct app *a, enum request req)
{
	struct browse *b = &a->b;
	int r;

	switch (req) {
	case REQ_MOVE_DOWN:
	case REQ_FIND_NEXT:
		r = browse_move_jump(b, 1, list_jump(a), &a->e);
		break;
	case REQ_MOVE_UP:
	case REQ_FIND_PREV:
		r = browse_move_jump(b, -1, list_jump(a), &a->e);
		break;
	case REQ_PAGE_DOWN:
		r = browse_page(b, 1, &a->e);
		break;
	case REQ_PAGE_UP:
		r = browse_page(b, -1, &a->e);
		break;
	case REQ_MOVE_FIRST:
		r = browse_edge(b, -1, &a->e);
		break;
	case REQ_MOVE_LAST:
		r = browse_edge(b, 1, &a->e);
		break;
	case REQ_ENTER:
	case REQ_FOCUS:
		r = browse_open(b, &a->e);
		break;
	default:
		return 0;
	}
	if (r < 0)
		app_error(a, &a->e);
	return 1;
}

const struct view_ops list_view = {
	.id = BV_LIST,
	.place = VP_LEFT,
	.draw = list_draw,
	.companion = detail_draw_preview,
	.request = list_request,
	.hints = list_hints,
};
