/* view.c - what every view shares: the operation tables and scrolling. */
#include "config.h"

#include "ui/internal.h"

const struct view_ops *view_ops_of(enum browse_view v)
{
	switch (v) {
	case BV_DOC:
		return &doc_view;
	case BV_TIMELINE:
		return &timeline_view;
	case BV_RELATED:
		return &related_view;
	case BV_FILTER:
		return &filter_view;
	case BV_HELP:
		return &help_view;
	case BV_PERSON:
		return &person_view;
	case BV_PEOPLE:
		return &people_view;
	default:
		return &list_view;
	}
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
