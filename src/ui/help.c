/* help.c - the help view, generated from the request table and the keymap
 * so it never goes stale. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

static const enum request help_hints[] = {
	REQ_MOVE_DOWN, REQ_PAGE_DOWN, REQ_QUIT, REQ_NONE
};

static const char *const command_help[][2] = {
	{ "goto DATE", "Go to the first document on or after DATE "
	  "(1950, 1950-09, 1950-09-30); in the timeline, move there" },
	{ "open ID", "Open the document with this id" },
	{ "filter FIELD VALUE", "Keep only documents with this person, place, "
	  "subject, collection or language; filter from|to DATE bounds dates" },
	{ "unfilter N", "Remove filter number N (see the filters view, f)" },
	{ "clear", "Clear the search and every filter" },
	{ "widen", "Remove the date filters" },
	{ "sort date|rank", "Order of the list while a search is active" },
	{ "search TEXT", "Search, as / does" },
	{ "timeline", "Open the timeline" },
	{ "related", "List the related documents" },
	{ "person NAME", "Show the person with any of these names (Tab "
	  "completes); without a name, choose among the document's people" },
	{ "back, forward", "Walk the history of jumps" },
	{ "bookmark", "Bookmark the document, or remove its bookmark" },
	{ "help", "This help" },
	{ "quit", "Quit" },
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
	char keys[256];
	int s, r;
	size_t i;

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
	/* the heading only when some request has no key (with the default
	 * bindings none is left: an empty heading puzzled a reader) */
	for (r = 1, i = 0; r < REQ_COUNT; r++) {
		int bound = keymap_keys(km, KM_GENERIC, (enum request)r, keys,
		                        sizeof keys);

		for (s = 0; s < BV_NVIEWS && !bound; s++)
			bound = keymap_keys(km, s, (enum request)r, keys, sizeof keys);
		if (bound)
			continue;
		if (!i++) {
			strlist_add(out, "");
			strlist_add(out, "Requests without a key (bind them in "
			            "~/.config/fonds/fondsrc)");
		}
		add_line(out, request_name((enum request)r), request_help((enum request)r));
	}
	strlist_add(out, "");
	strlist_add(out, "Commands (type : first; Tab completes, Up recalls)");
	for (i = 0; i < ARRAY_LEN(command_help); i++)
		add_line(out, command_help[i][0], command_help[i][1]);
	strlist_add(out, "");
	strlist_add(out, "Search syntax (type / first; the list follows as you "
	            "type)");
	for (i = 0; i < ARRAY_LEN(syntax_help); i++)
		strlist_add(out, syntax_help[i]);
	strlist_add(out, "");
	strlist_add(out, "Ctrl-C cancels a prompt or a running query. Markers in "
	            "the list: + related documents, r or a tick read, * bookmarked.");
}

static void help_draw(struct app *a, struct rect r, int focused)
{
	struct strlist l = {0};
	int i, max;

	(void)focused;
	if (r.h <= 0 || r.w <= 0)
		return;
	help_lines(&a->km, &l);
	max = (int)l.n - r.h;
	if (max < 0)
		max = 0;
	if (a->help_scroll > max)
		a->help_scroll = max;
	if (a->help_scroll < 0)
		a->help_scroll = 0;
	for (i = 0; i < r.h && (size_t)(a->help_scroll + i) < l.n; i++) {
		const char *s = l.v[a->help_scroll + i];

		screen_put(r.y + i, r.x + 1, r.w - 1, s,
		           s[0] && s[0] != ' ' ? SA_HEADING : SA_NORMAL);
	}
	strlist_clear(&l);
}

static int help_request(struct app *a, enum request req)
{
	int page = a->lines > 4 ? a->lines - 4 : 1;

	switch (req) {
	case REQ_MOVE_DOWN:
		a->help_scroll++;
		break;
	case REQ_MOVE_UP:
		a->help_scroll--;
		break;
	case REQ_PAGE_DOWN:
		a->help_scroll += page;
		break;
	case REQ_PAGE_UP:
		a->help_scroll -= page;
		break;
	case REQ_MOVE_FIRST:
		a->help_scroll = 0;
		break;
	case REQ_MOVE_LAST:
		a->help_scroll = 1 << 20;
		break;
	case REQ_ENTER:
		browse_pop_view(&a->b);
		break;
	default:
		return 0;
	}
	return 1;
}

const struct view_ops help_view = {
	BV_HELP, help_draw, help_request, help_hints
};
