/* view.c - what every view shares: the table of views, their private
 * states, the generic navigation of list-like views and scrolling. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

/* The views, one file each. */
extern const struct view_ops list_view, doc_view, timeline_view,
	related_view, filter_view, help_view, person_view, people_view;

const struct view_ops *const view_table[BV_NVIEWS] = {
	[BV_LIST] = &list_view,
	[BV_DOC] = &doc_view,
	[BV_TIMELINE] = &timeline_view,
	[BV_RELATED] = &related_view,
	[BV_FILTER] = &filter_view,
	[BV_HELP] = &help_view,
	[BV_PERSON] = &person_view,
	[BV_PEOPLE] = &people_view,
};

const struct view_ops *view_ops_of(enum browse_view v)
{
	return (unsigned)v < BV_NVIEWS && view_table[v] ? view_table[v] :
	       &list_view;
}

void *view_state(struct app *a, enum browse_view v, size_t size)
{
	struct view *vw = &a->views[v];

	if (!vw->priv)
		vw->priv = xcalloc(1, size);
	return vw->priv;
}

void view_free_all(struct app *a)
{
	int v;

	for (v = 0; v < BV_NVIEWS; v++) {
		const struct view_ops *ops = view_ops_of((enum browse_view)v);

		if (a->views[v].priv && ops->done)
			ops->done(a);
		free(a->views[v].priv);
		a->views[v].priv = NULL;
	}
}

int view_nav_request(struct browse_nav *nav, size_t count, enum request req)
{
	switch (req) {
	case REQ_MOVE_DOWN:
		browse_nav_move(nav, count, 1);
		return 1;
	case REQ_MOVE_UP:
		browse_nav_move(nav, count, -1);
		return 1;
	case REQ_PAGE_DOWN:
		browse_nav_page(nav, count, 1);
		return 1;
	case REQ_PAGE_UP:
		browse_nav_page(nav, count, -1);
		return 1;
	case REQ_MOVE_FIRST:
		browse_nav_edge(nav, count, -1);
		return 1;
	case REQ_MOVE_LAST:
		browse_nav_edge(nav, count, 1);
		return 1;
	default:
		return 0;
	}
}

void view_status_nav(struct status_info *si, const struct browse_nav *nav,
                     size_t count)
{
	si->have_pos = count > 0;
	si->pos = (long long)nav->sel + 1;
	si->total = (long long)count;
	si->exact = 1;
}

int view_scroll_to(int top, int sel, int h, int n)
{
	if (h <= 0)
		return sel > 0 ? sel : 0;
	if (sel < top)
		top = sel;
	if (sel >= top + h)
		top = sel - h + 1;
	if (top > n - h)
		top = n - h;
	if (top < 0)
		top = 0;
	return top;
}
