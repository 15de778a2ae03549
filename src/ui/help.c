/* help.c - the help view, generated from the request table and the keymap
 * so it never goes stale. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/internal.h"

static const enum request help_hints[] = {
	REQ_MOVE_DOWN, REQ_PAGE_DOWN, REQ_SEARCH, REQ_FIND_NEXT, REQ_QUIT, REQ_NONE
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

/* The keys that reach req in the document view, as "}, X" (or the
 * request's name when none does), into buf. */
static const char *doc_keys(const struct keymap *km, enum request req, char *buf, size_t n)
{
	if (!keymap_keys(km, BV_DOC, req, buf, n) && !keymap_keys(km, KM_GENERIC, req, buf, n))
		snprintf(buf, n, "%s", request_name(req));
	return buf;
}

/* What the document view shows of a long text, and its keys (as bound). */
static void help_reading(const struct keymap *km, struct strlist *out)
{
	char k1[64], k2[64], k3[64];
	struct sbuf b = {0};

	strlist_add(out, "");
	strlist_add(out, "Reading a document (imported from JSON, CSV, saved result pages, "
	            "HTML in any field, or FRUS volumes in TEI)");
	add_line(out, "[Page 12]", "a printed page begins here (FRUS volumes)");
	sbuf_printf(&b, "a footnote mark; %s and %s select the marks, notes, references "
	            "and links, Enter follows one (to its note, back to its mark, or "
	            "the document cited), %s returns",
	            doc_keys(km, REQ_NEXT_REF, k1, sizeof k1),
	            doc_keys(km, REQ_PREV_REF, k2, sizeof k2),
	            doc_keys(km, REQ_BACK, k3, sizeof k3));
	add_line(out, "[2]", sbuf_str(&b));
	sbuf_reset(&b);
	sbuf_printf(&b, "%s: the summary, the original transcript, the translation; "
	            "%s and %s: the search's matches in the text (match k/N)",
	            doc_keys(km, REQ_TEXT, k1, sizeof k1),
	            doc_keys(km, REQ_FIND_NEXT, k2, sizeof k2),
	            doc_keys(km, REQ_FIND_PREV, k3, sizeof k3));
	add_line(out, "texts", sbuf_str(&b));
	sbuf_free(&b);
	add_line(out, "where you were", "a document opened again shows the text and "
	         "the place where you left it, in this session or a later one");
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
	cmds = browse_commands(&ncmds);
	for (i = 0; i < ncmds; i++) {
		char head[64];

		snprintf(head, sizeof head, "%s%s%s", cmds[i].name,
		         cmds[i].args ? " " : "", cmds[i].args ? cmds[i].args : "");
		add_line(out, head, cmds[i].help);
	}
	help_reading(km, out);
	strlist_add(out, "");
	strlist_add(out, "Search syntax (type / first; the list follows as you "
	            "type)");
	for (i = 0; i < ARRAY_LEN(syntax_help); i++)
		strlist_add(out, syntax_help[i]);
	strlist_add(out, "");
	strlist_add(out, "Ctrl-C cancels a prompt or a running query. Markers in "
	            "the list: + related documents, r or a tick read, * bookmarked.");
}

/* The help view's own state: its lines wrapped to the width it was last
 * drawn at, and what / looks for in them. */
struct help_state {
	struct strlist lines;
	int width;
	char *find;       /* the text to find, or NULL */
	long match;       /* the line of the current match, -1 none */
};

static struct help_state *st(struct app *a)
{
	return view_state(a, BV_HELP, sizeof(struct help_state));
}

/* The help's lines wrapped to width (kept until the width changes). */
static void help_wrap(struct app *a, int width)
{
	struct help_state *hs = st(a);
	struct strlist raw = {0};

	if (hs->lines.n && hs->width == width)
		return;
	strlist_clear(&hs->lines);
	help_lines(&a->km, &raw);
	for (size_t i = 0; i < raw.n; i++)
		ui_wrap_hanging(raw.v[i], width, &hs->lines);
	strlist_clear(&raw);
	hs->width = width;
}

static void help_draw(struct app *a, struct rect r, int focused)
{
	struct browse_nav *nav = &a->b.v.help.nav;
	struct help_state *hs = st(a);
	int i;

	(void)focused;
	if (r.h <= 0 || r.w <= 0)
		return;
	help_wrap(a, r.w - 1);
	browse_nav_show(nav, hs->lines.n, (size_t)r.h);
	browse_nav_scroll(nav, hs->lines.n, 0);
	for (i = 0; i < r.h && nav->top + (size_t)i < hs->lines.n; i++) {
		const char *s = hs->lines.v[nav->top + (size_t)i];
		enum sattr at = s[0] && s[0] != ' ' ? SA_HEADING : SA_NORMAL;

		if (hs->find && (long)(nav->top + (size_t)i) == hs->match)
			at = SA_CURSOR;
		screen_put(r.y + i, r.x + 1, r.w - 1, s, at);
	}
}

/* Go to the next (dir > 0) or previous line that holds the text to find,
 * wrapping around, and say which match it is. */
static void help_find_step(struct app *a, int dir)
{
	struct browse_nav *nav = &a->b.v.help.nav;
	struct help_state *hs = st(a);
	long n = (long)hs->lines.n, total = 0, ord = 0, next = -1, i;
	int wrapped = 0;

	if (!hs->find) {
		browse_message(&a->b, 0, "Press / to find text in the help");
		return;
	}
	for (i = 0; i < n; i++)
		total += ui_line_has(hs->lines.v[i], hs->find);
	if (!total) {
		browse_message(&a->b, 0, "\"%s\" is not in the help", hs->find);
		hs->match = -1;
		return;
	}
	/* from the current match, or from the top of the view */
	for (i = 1; i <= n; i++) {
		long start = hs->match >= 0 ? hs->match :
		             dir > 0 ? (long)nav->top - 1 : (long)nav->top;
		long k = ((start + dir * i) % n + n) % n;

		if (ui_line_has(hs->lines.v[k], hs->find)) {
			next = k;
			wrapped = dir > 0 ? k <= start : k >= start;
			break;
		}
	}
	for (i = 0; i <= next; i++)
		ord += ui_line_has(hs->lines.v[i], hs->find);
	hs->match = next;
	if ((size_t)next < nav->top || (size_t)next >= nav->top + nav->page)
		nav->top = (size_t)next > nav->page / 3 ? (size_t)next - nav->page / 3 : 0;
	nav->sel = (size_t)next;
	browse_message(&a->b, 0, "match %ld/%ld%s", ord, total,
	               wrapped ? (dir > 0 ? " (wrapped to the first)" :
	                                    " (wrapped to the last)") : "");
}

void help_find(struct app *a, const char *text)
{
	struct help_state *hs = st(a);

	free(hs->find);
	hs->find = text && *text ? xstrdup(text) : NULL;
	hs->match = -1;
	if (hs->find)
		help_find_step(a, 1);
}

static void help_done(struct app *a)
{
	struct help_state *hs = st(a);

	strlist_clear(&hs->lines);
	free(hs->find);
	hs->find = NULL;
}

static int help_request(struct app *a, enum request req)
{
	struct browse_nav *nav = &a->b.v.help.nav;
	size_t n = st(a)->lines.n;
	long page = nav->page > 1 ? (long)nav->page - 1 : 1;

	switch (req) {
	case REQ_SEARCH:
		/* find in the help, not a search of the collection */
		prompt_open(a, PROMPT_FIND, st(a)->find);
		return 1;
	case REQ_FIND_NEXT:
		help_find_step(a, 1);
		return 1;
	case REQ_FIND_PREV:
		help_find_step(a, -1);
		return 1;
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
	.done = help_done,
	.hints = help_hints,
};
