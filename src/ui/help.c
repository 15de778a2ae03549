/* help.c - the help view, generated from the request table and the keymap
 * so it never goes stale. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

static const enum request help_hints[] = {
	REQ_MOVE_DOWN, REQ_PAGE_DOWN, REQ_QUIT, REQ_NONE
};


static const char *const syntax_help[] = {
	"  words            every word must match (case and accents ignored)",
	"  \"a phrase\"       the words in this order",
	"  prefix*          any word starting with prefix",
	"  -word            exclude (also -\"a phrase\", -person:NAME)",
	"  a OR b           either",
	"  person:NAME  place:NAME  subject:NAME  collection:NAME  language:NAME",
	"  date:1950-06..1950-12  date:..1953  date:1956",
};

static void add_line(struct strlist *out, const char *keys, const char *help)
{
	struct sbuf b = {0};

	sbuf_printf(&b, "  %-18s %s", keys, help);
	strlist_take(out, sbuf_take(&b));
}

void help_lines(const struct keymap *km, struct strlist *out)
{
	const struct browse_command *cmds;
	char keys[256];
	int s, r;
	size_t i, ncmds;

	strlist_add(out, "Keys in every view");
	for (r = 1; r < REQ_COUNT; r++)
		if (keymap_keys(km, KM_GENERIC, (enum request)r, keys, sizeof keys))
			add_line(out, keys, request_help((enum request)r));
	for (s = 0; s < BV_NVIEWS; s++) {
		int any = 0;

		for (r = 1; r < REQ_COUNT; r++) {
			if (!keymap_keys(km, s, (enum request)r, keys, sizeof keys))
				continue;
			if (!any) {
				struct sbuf h = {0};

				strlist_add(out, "");
				sbuf_printf(&h, "Keys in the %s view",
				            browse_view_name((enum browse_view)s));
				strlist_take(out, sbuf_take(&h));
				any = 1;
			}
			add_line(out, keys, request_help((enum request)r));
		}
	}
	strlist_add(out, "");
	strlist_add(out, "Requests without a key (bind them in "
	            "~/.config/fonds/fondsrc)");
	for (r = 1; r < REQ_COUNT; r++) {
		int bound = keymap_keys(km, KM_GENERIC, (enum request)r, keys,
		                        sizeof keys);

		for (s = 0; s < BV_NVIEWS && !bound; s++)
			bound = keymap_keys(km, s, (enum request)r, keys, sizeof keys);
		if (!bound)
			add_line(out, request_name((enum request)r),
			         request_help((enum request)r));
	}
	strlist_add(out, "");
	strlist_add(out, "Commands (type : first; Tab completes, Up recalls)");
	cmds = browse_commands(&ncmds);
	for (i = 0; i < ncmds; i++) {
		char head[64];

		snprintf(head, sizeof head, "%s%s%s", cmds[i].name,
		         cmds[i].args ? " " : "", cmds[i].args ? cmds[i].args : "");
		add_line(out, head, cmds[i].help);
	}
	strlist_add(out, "");
	strlist_add(out, "Search syntax (type / first; the list follows as you "
	            "type)");
	for (i = 0; i < ARRAY_LEN(syntax_help); i++)
		strlist_add(out, syntax_help[i]);
	strlist_add(out, "");
	strlist_add(out, "Ctrl-C cancels a prompt or a running query. Markers in "
	            "the list: + related documents, r or a tick read, * bookmarked.");
}

/* The help view's own state: how many lines it had when last drawn. */
struct help_state {
	size_t nlines;
};

static struct help_state *st(struct app *a)
{
	return view_state(a, BV_HELP, sizeof(struct help_state));
}

static void help_draw(struct app *a, struct rect r, int focused)
{
	struct browse_nav *nav = &a->b.v.help.nav;
	struct strlist l = {0};
	int i;

	(void)focused;
	if (r.h <= 0 || r.w <= 0)
		return;
	help_lines(&a->km, &l);
	st(a)->nlines = l.n;
	nav->page = (size_t)r.h;
	browse_nav_scroll(nav, l.n, 0);
	for (i = 0; i < r.h && nav->top + (size_t)i < l.n; i++) {
		const char *s = l.v[nav->top + (size_t)i];

		screen_put(r.y + i, r.x + 1, r.w - 1, s,
		           s[0] && s[0] != ' ' ? SA_HEADING : SA_NORMAL);
	}
	strlist_clear(&l);
}

static int help_request(struct app *a, enum request req)
{
	struct browse_nav *nav = &a->b.v.help.nav;
	size_t n = st(a)->nlines;
	long page = nav->page > 1 ? (long)nav->page - 1 : 1;

	switch (req) {
	case REQ_MOVE_DOWN:
		browse_nav_scroll(nav, n, 1);
		break;
	case REQ_MOVE_UP:
		browse_nav_scroll(nav, n, -1);
		break;
	case REQ_PAGE_DOWN:
		browse_nav_scroll(nav, n, page);
		break;
	case REQ_PAGE_UP:
		browse_nav_scroll(nav, n, -page);
		break;
	case REQ_MOVE_FIRST:
		browse_nav_scroll(nav, n, -(long)n);
		break;
	case REQ_MOVE_LAST:
		browse_nav_scroll(nav, n, (long)n);
		break;
	case REQ_ENTER:
		browse_pop_view(&a->b);
		break;
	default:
		return 0;
	}
	return 1;
}

/* Open the help at its first line. */
static int help_enter(struct app *a)
{
	browse_push_view(&a->b, BV_HELP);
	browse_nav_scroll(&a->b.v.help.nav, 0, 0);
	return 0;
}

static void help_status(struct app *a, struct status_info *si, char *mode,
                        size_t n)
{
	(void)a;
	(void)si;
	(void)mode;
	(void)n;
}

const struct view_ops help_view = {
	.id = BV_HELP,
	.place = VP_FULL,
	.toggle = REQ_HELP,
	.enter = help_enter,
	.draw = help_draw,
	.request = help_request,
	.status = help_status,
	.hints = help_hints,
};
