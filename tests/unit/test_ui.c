/* test_ui.c - the browser's formatting and keymap, with no terminal:
 * column layout, clipping by display width, wrapping, timeline bars, the
 * status line, highlighting, key names, fondsrc parsing, help. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/curs.h"
#include "ui/internal.h"
#include "tap.h"

static void test_keys(void)
{
	static const char *const names[] = {
		"j", "G", "/", "?", "[", "Enter", "Tab", "Space", "Backspace", "Esc",
		"Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End",
		"Delete", "F1", "F12", "C-f", "C-l", "é", "\xea\xb9\x80"
	};
	size_t i;
	char buf[32];

	for (i = 0; i < ARRAY_LEN(names); i++) {
		int k = keymap_key_parse(names[i]);

		ok(k >= 0, "key %s parses", names[i]);
		is_str(keymap_key_name(k, buf, sizeof buf), names[i], "and prints back");
	}
	is_int(keymap_key_parse("^F"), 6, "^F is C-f");
	is_int(keymap_key_parse("Hash"), '#', "Hash is #");
	is_int(keymap_key_parse("C-?"), KEY_SPECIAL | KEY_BACKSPACE, "C-? is Backspace");
	is_int(keymap_key_parse(""), -1, "empty: no key");
	is_int(keymap_key_parse("jj"), -1, "two characters: no key");
	is_int(keymap_key_parse("F13"), -1, "F13: no key");
	is_int(keymap_key_parse("Nope"), -1, "an unknown name");
	is_int(keymap_key_parse("\xff"), -1, "invalid UTF-8");
}

static void test_requests(void)
{
	int r, ok1 = 1, ok2 = 1;
	int k;

	for (r = 1; r < REQ_COUNT; r++) {
		int found;

		if (!*request_name(r) || !*request_help(r) || !*request_label(r))
			ok1 = 0;
		if (request_parse(request_name(r), &found) != (enum request)r || !found)
			ok2 = 0;
		for (k = 1; k < r; k++)
			if (!strcmp(request_name(r), request_name(k)))
				ok2 = 0;
	}
	ok(ok1, "every request has a name, a label and help");
	ok(ok2, "request names are unique and parse back");
	ok(request_parse("none", &k) == REQ_NONE && k, "none parses");
	ok(request_parse("fly", &k) == REQ_NONE && !k, "an unknown request");
}

static void test_keymap(void)
{
	struct keymap km = {0};
	struct strlist errs = {0};
	char buf[256];
	const char *src = getenv("FONDS_SRCDIR");

	is_int(keymap_parse(&km, keymap_default_text, "fondsrc", &errs), 0,
	       "the built-in fondsrc parses without errors");
	is_int(keymap_lookup(&km, BV_LIST, 'j'), REQ_MOVE_DOWN, "j moves down");
	is_int(keymap_lookup(&km, BV_DOC, KEY_SPECIAL | KEY_DOWN), REQ_MOVE_DOWN,
	       "Down moves down in a document");
	is_int(keymap_lookup(&km, BV_LIST, KEY_ENTER_), REQ_ENTER, "Enter opens");
	is_int(keymap_lookup(&km, BV_LIST, KEY_SPECIAL | KEY_BACKSPACE), REQ_BACK,
	       "Backspace goes back");
	is_int(keymap_lookup(&km, BV_LIST, 'H'), REQ_BACK, "H goes back");
	is_int(keymap_lookup(&km, BV_LIST, 'L'), REQ_FORWARD, "L goes forward");
	is_int(keymap_lookup(&km, BV_LIST, '['), REQ_PREV_TIME, "[ earlier");
	is_int(keymap_lookup(&km, BV_LIST, ']'), REQ_NEXT_TIME, "] later");
	is_int(keymap_lookup(&km, BV_TIMELINE, '+'), REQ_ZOOM_IN, "+ zooms in");
	is_int(keymap_lookup(&km, BV_TIMELINE, '-'), REQ_ZOOM_OUT, "- zooms out");
	is_int(keymap_lookup(&km, BV_FILTER, 'x'), REQ_REMOVE, "x removes in the filters");
	is_int(keymap_lookup(&km, BV_LIST, 'x'), REQ_NONE, "x does nothing in the list");
	is_int(keymap_lookup(&km, BV_LIST, '?'), REQ_HELP, "? helps");
	is_int(keymap_lookup(&km, BV_LIST, 'q'), REQ_QUIT, "q quits");
	is_int(keymap_lookup(&km, BV_DOC, 'p'), REQ_PEOPLE, "p: the document's people");
	is_int(keymap_lookup(&km, BV_PERSON, 'l'), REQ_PERSON_DOCS,
	       "l lists a person's documents in the person view");
	is_int(keymap_lookup(&km, BV_TIMELINE, 'l'), REQ_MOVE_RIGHT,
	       "and still moves right in the timeline");
	is_int(keymap_lookup(&km, BV_PERSON, KEY_ENTER_), REQ_ENTER,
	       "Enter in the person view");
	is_int(keymap_lookup(&km, BV_PEOPLE, KEY_ESC_), REQ_QUIT,
	       "Esc closes the people chooser");
	is_int(keymap_lookup(&km, BV_PERSON, KEY_SPECIAL | KEY_BACKSPACE), REQ_BACK,
	       "Backspace goes back from a person");
	is_int(keymap_section("person"), BV_PERSON, "a person section");
	is_int(keymap_section("people"), BV_PEOPLE, "a people section");
	keymap_keys(&km, KM_GENERIC, REQ_MOVE_DOWN, buf, sizeof buf);
	is_str(buf, "j, Down, C-n", "keys of move-down");
	ok(keymap_first_key(&km, BV_LIST, REQ_SEARCH, buf, sizeof buf) &&
	   !strcmp(buf, "/"), "first key of search: /");

	/* the user's file, read after the defaults */
	is_int(keymap_parse(&km,
	                    "# mine\n"
	                    "bind list j move-up   # odd, but mine\n"
	                    "bind generic C-x quit-all\n"
	                    "bind generic q none\n"
	                    "bind lsit j move-up\n"
	                    "bind list jj move-up\n"
	                    "bind list j fly\n"
	                    "unbind j\n"
	                    "bind list\n", "myrc", &errs), 5, "five bad lines");
	is_int(keymap_lookup(&km, BV_LIST, 'j'), REQ_MOVE_UP, "list j rebound");
	is_int(keymap_lookup(&km, BV_DOC, 'j'), REQ_MOVE_DOWN, "document j unchanged");
	is_int(keymap_lookup(&km, BV_LIST, 24), REQ_QUIT_ALL, "C-x bound");
	is_int(keymap_lookup(&km, BV_LIST, 'q'), REQ_NONE, "q unbound by none");
	is_int(errs.n, 5, "five messages");
	if (errs.n == 5) {
		is_str(errs.v[0], "myrc:5: unknown section \"lsit\" (try generic, list, "
		       "document, timeline, related, filters, help, person, people)",
		       "bad section, with its line");
		ok(strncmp(errs.v[1], "myrc:6: unknown key \"jj\"", 24) == 0, "bad key: %s", errs.v[1]);
		ok(strncmp(errs.v[2], "myrc:7: unknown request \"fly\"", 29) == 0, "bad request: %s", errs.v[2]);
		ok(strncmp(errs.v[3], "myrc:8: unknown directive", 25) == 0, "bad directive: %s", errs.v[3]);
		ok(strncmp(errs.v[4], "myrc:9: bind needs", 18) == 0, "short bind: %s", errs.v[4]);
	}
	strlist_clear(&errs);
	keymap_free(&km);

	/* the compiled-in defaults are share/fondsrc */
	if (src) {
		char path[4096];
		FILE *f;
		struct sbuf t = {0};
		size_t n;

		snprintf(path, sizeof path, "%s/share/fondsrc", src);
		f = fopen(path, "r");
		if (f) {
			while ((n = fread(buf, 1, sizeof buf, f)) > 0)
				sbuf_addn(&t, buf, n);
			fclose(f);
			is_str(keymap_default_text, sbuf_str(&t),
			       "the built-in bindings are share/fondsrc");
		} else {
			ok(0, "read %s", path);
		}
		sbuf_free(&t);
	} else {
		skip("FONDS_SRCDIR not set");
	}
}

static void test_help(void)
{
	struct keymap km = {0};
	struct strlist l = {0};
	size_t i;
	int r, missing = 0, keys = 0, cmds = 0;

	keymap_parse(&km, keymap_default_text, "fondsrc", NULL);
	help_lines(&km, &l);
	for (r = 1; r < REQ_COUNT; r++) {
		int found = 0;

		for (i = 0; i < l.n; i++)
			if (strstr(l.v[i], request_help(r)))
				found = 1;
		if (!found) {
			printf("# no help for %s\n", request_name(r));
			missing++;
		}
	}
	is_int(missing, 0, "help has a line for every request");
	for (i = 0; i < l.n; i++) {
		if (strstr(l.v[i], "j, Down, C-n") && strstr(l.v[i], "Move down"))
			keys = 1;
		if (strstr(l.v[i], "goto DATE"))
			cmds = 1;
	}
	ok(keys, "with its keys");
	ok(cmds, "and the commands");
	for (i = 0, keys = 0, cmds = 0; i < l.n; i++) {
		if (strstr(l.v[i], "Reading a document") && strstr(l.v[i], "FRUS volumes in TEI"))
			cmds = 1;
		if (strstr(l.v[i], "[2]") && strstr(l.v[i], "} and { select"))
			keys = 1;
	}
	ok(cmds && keys, "how documents read: the formats, footnote marks and their keys");
	{
		/* the keys as bound: a user's binding shows */
		struct keymap k2 = {0};
		struct strlist l2 = {0};
		int seen = 0;

		keymap_parse(&k2, keymap_default_text, "fondsrc", NULL);
		keymap_parse(&k2, "bind document > next-reference\nbind document } none\n", "user", NULL);
		help_lines(&k2, &l2);
		for (i = 0; i < l2.n; i++)
			if (strstr(l2.v[i], "[2]") && strstr(l2.v[i], "> and { select"))
				seen = 1;
		ok(seen, "and the keys as the user bound them");
		strlist_clear(&l2);
		keymap_free(&k2);
	}
	for (i = 0, keys = 0, cmds = 0; i < l.n; i++) {
		if (!strcmp(l.v[i], "Keys in the person view"))
			keys++;
		if (keys == 1 && strstr(l.v[i], "  l ") &&
		    strstr(l.v[i], request_help(REQ_PERSON_DOCS)))
			keys++;
		if (strstr(l.v[i], "person NAME"))
			cmds = 1;
	}
	is_int(keys, 2, "the person view's l, under its own heading");
	ok(cmds, "and the person command");
	/* rebinding shows up in help at once */
	keymap_parse(&km, "bind generic Z help\n", "x", NULL);
	strlist_clear(&l);
	help_lines(&km, &l);
	for (i = 0, keys = 0; i < l.n; i++)
		if (strstr(l.v[i], "?, F1, Z"))
			keys = 1;
	ok(keys, "a new binding appears in help");
	for (i = 0, keys = 0; i < l.n; i++)
		if (strstr(l.v[i], "Requests without a key"))
			keys = (int)i + 1;
	ok(!keys, "every request has a key: no heading for those without");
	/* unbinding one brings the heading, with the request under it */
	keymap_parse(&km, "bind generic t none\n", "x", NULL);
	strlist_clear(&l);
	help_lines(&km, &l);
	for (i = 0, keys = 0; i < l.n; i++)
		if (strstr(l.v[i], "Requests without a key"))
			keys = (int)i + 1;
	ok(keys && (size_t)keys < l.n && strstr(l.v[keys], request_help(REQ_TIMELINE)),
	   "an unbound request is listed under the heading");
	strlist_clear(&l);
	keymap_free(&km);
}

static void test_hint_line(void)
{
	static const struct hint h[] = {
		{ "Enter", "open", 0 }, { "/", "search", 0 }, { "t", "timeline", 0 },
		{ "r", "related", 0 }, { "?", "help", 1 }, { "q", "quit", 1 },
	};
	struct sbuf b = {0};

	ui_hint_line(h, 6, 80, &b);
	is_str(sbuf_str(&b), " Enter open  / search  t timeline  r related  ? help  q quit",
	       "hints: all when they fit");
	sbuf_reset(&b);
	ui_hint_line(h, 6, 40, &b);
	is_str(sbuf_str(&b), " Enter open  / search  ? help  q quit", "hints: the least important go first");
	ok(text_width(sbuf_str(&b)) <= 40, "hints: within the width");
	sbuf_reset(&b);
	ui_hint_line(h, 6, 20, &b);
	is_str(sbuf_str(&b), " ? help  q quit", "hints: help and quit stay");
	sbuf_reset(&b);
	ui_hint_line(h, 6, 10, &b);
	ok(text_width(sbuf_str(&b)) <= 10, "hints: clipped when even those do not fit");
	sbuf_free(&b);
}

static void test_candidates(void)
{
	struct strlist l = {0};
	struct sbuf b = {0};
	size_t hl, n;

	strlist_add(&l, "Kim Il Sung");
	strlist_add(&l, "Kim Tu-bong");
	strlist_add(&l, "Kim Chaek");
	ui_candidates_line(&l, -1, 60, &b, &hl, &n);
	is_str(sbuf_str(&b), " Kim Il Sung   Kim Tu-bong   Kim Chaek  ", "candidates: all that fit");
	ok(n == 0, "none chosen");
	sbuf_reset(&b);
	ui_candidates_line(&l, 1, 60, &b, &hl, &n);
	ok(n == strlen("Kim Tu-bong") && !strncmp(sbuf_str(&b) + hl, "Kim Tu-bong", n) &&
	   sbuf_str(&b)[hl - 1] == '[', "the chosen one in brackets, its range given");
	sbuf_reset(&b);
	ui_candidates_line(&l, 2, 20, &b, &hl, &n);
	ok(strstr(sbuf_str(&b), "Kim Chaek") && !strncmp(sbuf_str(&b), "< ", 2) &&
	   text_width(sbuf_str(&b)) <= 20, "narrow: the window follows the chosen one: %s",
	   sbuf_str(&b));
	sbuf_reset(&b);
	ui_candidates_line(&l, 0, 20, &b, &hl, &n);
	ok(sbuf_str(&b)[b.len - 1] == '>', "more after: >");
	sbuf_free(&b);
	strlist_clear(&l);
}

static void test_match_step(void)
{
	int w;

	is_int(ui_match_step(-1, 5, 1, 2, 3, &w), 2, "n with none yet: the first in view");
	ok(!w, "no wrap");
	is_int(ui_match_step(-1, 5, -1, 2, 3, &w), 3, "N with none yet: the last in view");
	is_int(ui_match_step(1, 5, 1, 0, 4, &w), 2, "n: the next");
	is_int(ui_match_step(4, 5, 1, 0, 4, &w), 0, "n at the last: the first");
	is_int(w, 1, "wrapped to the first");
	is_int(ui_match_step(0, 5, -1, 0, 4, &w), 4, "N at the first: the last");
	is_int(w, -1, "wrapped to the last");
	is_int(ui_match_step(-1, 0, 1, 0, 0, &w), -1, "no matches: none");
}

static void test_fit(void)
{
	struct sbuf b = {0};
	int w;

	w = ui_fit(&b, "hello", 8, 1, 0);
	ok(w == 8 && !strcmp(sbuf_str(&b), "hello   "), "padded to 8");
	sbuf_reset(&b);
	w = ui_fit(&b, "hello world", 8, 0, 0);
	ok(w == 8 && !strcmp(sbuf_str(&b), "hello w\xe2\x80\xa6"), "clipped with an ellipsis");
	sbuf_reset(&b);
	w = ui_fit(&b, "hello world", 8, 0, 1);
	is_str(sbuf_str(&b), "hello w~", "ASCII: a tilde");
	sbuf_reset(&b);
	/* Hangul takes two columns: a character never splits */
	w = ui_fit(&b, "\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1 abc", 6, 1, 0);
	is_int(text_width(sbuf_str(&b)), 6, "wide characters: exactly 6 columns");
	is_int(w, 6, "and it says so");
	ok(strncmp(sbuf_str(&b), "\xea\xb9\x80\xec\x9d\xbc", 6) == 0, "two syllables kept");
	sbuf_reset(&b);
	w = ui_fit(&b, "\xea\xb9\x80\xec\x9d\xbc", 2, 1, 0);
	is_int(text_width(sbuf_str(&b)), 2, "2 columns: one column and an ellipsis or padding");
	sbuf_reset(&b);
	is_int(ui_fit(&b, "abc", 0, 1, 0), 0, "width 0: nothing");
	sbuf_free(&b);
}

static void test_rows(void)
{
	struct row r;
	struct sbuf b = {0};
	int w, bad = 0;

	memset(&r, 0, sizeof r);
	text_parse_date("1950-09-30", &r.date);
	r.flags = ROW_RELATED | ROW_READ | ROW_BOOKMARK;
	ui_row_line(&r, "Draft reply", 40, 1, &b);
	is_str(sbuf_str(&b), "1950-09-30 +r* Draft reply              ", "a full row (ASCII)");
	sbuf_reset(&b);
	ui_row_line(&r, "Draft reply", 40, 0, &b);
	is_int(text_width(sbuf_str(&b)), 40, "UTF-8 markers: still 40 columns");
	sbuf_reset(&b);
	text_parse_date("September 1950", &r.date);
	r.flags = 0;
	ui_row_line(&r, "T", 20, 1, &b);
	is_str(sbuf_str(&b), "1950-09        T    ", "a month-precision date");
	sbuf_reset(&b);
	text_parse_date("undated", &r.date);
	ui_row_line(&r, NULL, 30, 1, &b);
	is_str(sbuf_str(&b), "undated        (untitled)     ", "undated and untitled");
	for (w = 1; w < 120; w++) {
		sbuf_reset(&b);
		ui_row_line(&r, "\xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1 and a long title "
		            "that goes on", w, 0, &b);
		if (text_width(sbuf_str(&b)) != w)
			bad++;
	}
	is_int(bad, 0, "rows are exactly as wide as asked, 1..119 columns");
	sbuf_free(&b);
}

static void test_bars(void)
{
	struct sbuf b = {0};
	int bad = 0;
	long long c;

	ui_bar(0, 10, 10, 0, &b);
	is_str(sbuf_str(&b), "", "an empty period has no bar");
	ui_bar(10, 10, 10, 1, &b);
	is_str(sbuf_str(&b), "##########", "full: the whole width");
	sbuf_reset(&b);
	ui_bar(5, 10, 10, 1, &b);
	is_str(sbuf_str(&b), "#####", "half");
	sbuf_reset(&b);
	ui_bar(1, 1000, 10, 1, &b);
	is_str(sbuf_str(&b), "#", "a tiny count still shows");
	sbuf_reset(&b);
	ui_bar(1, 1000, 10, 0, &b);
	is_str(sbuf_str(&b), "\xe2\x96\x8f", "UTF-8: one eighth");
	sbuf_reset(&b);
	ui_bar(5, 10, 3, 0, &b);
	is_str(sbuf_str(&b), "\xe2\x96\x88\xe2\x96\x8c", "1.5 of 3: a block and a half");
	for (c = 0; c <= 100; c++) {
		sbuf_reset(&b);
		ui_bar(c, 100, 17, 0, &b);
		if (text_width(sbuf_str(&b)) > 17 || (c && !b.len))
			bad++;
	}
	is_int(bad, 0, "bars never overflow and never vanish");
	sbuf_reset(&b);
	ui_timeline_line("1956", 5, 12, 1, 1, 40, 1, &b);
	ok(strncmp(sbuf_str(&b), ">*1956            5 ", 20) == 0, "a timeline line: %s",
	   sbuf_str(&b));
	is_int(text_width(sbuf_str(&b)), 40, "40 columns");
	sbuf_reset(&b);
	ui_timeline_line("1954", 0, 12, 0, 0, 30, 0, &b);
	is_str(sbuf_str(&b), "  1954            0           ", "an empty year is shown, empty");
	sbuf_reset(&b);
	ui_timeline_line("1954-01-01", 3, 12, 0, 0, 5, 0, &b);
	is_int(text_width(sbuf_str(&b)), 5, "narrow: clipped to 5");
	sbuf_free(&b);
}

static void test_status(void)
{
	struct status_info si;
	struct sbuf b = {0};
	int w, bad = 0;

	memset(&si, 0, sizeof si);
	si.mode = "list";
	si.have_pos = 1;
	si.pos = 17;
	si.total = 44;
	si.exact = 1;
	si.ascii = 1;
	ui_status_line(&si, 30, &b);
	is_str(sbuf_str(&b), " list  17/44                  ", "mode and position");
	sbuf_reset(&b);
	si.exact = 0;
	si.total = 1000;
	ui_status_line(&si, 30, &b);
	ok(strstr(sbuf_str(&b), "17/>=1000") != NULL, "a partial count: %s", sbuf_str(&b));
	sbuf_reset(&b);
	si.ascii = 0;
	ui_status_line(&si, 30, &b);
	ok(strstr(sbuf_str(&b), "17/\xe2\x89\xa5" "1000") != NULL, "UTF-8: %s", sbuf_str(&b));
	sbuf_reset(&b);
	si.ascii = 1;
	si.exact = 1;
	si.search = "pueblo";
	si.filters = "person:Stalin date:1950";
	si.sort = "relevance";
	ui_status_line(&si, 80, &b);
	ok(strstr(sbuf_str(&b), "/pueblo") && strstr(sbuf_str(&b), "[person:Stalin date:1950]") &&
	   strstr(sbuf_str(&b), "by relevance"), "search, filters and order: %s", sbuf_str(&b));
	sbuf_reset(&b);
	si.msg = "unknown field \"persn:\"";
	ui_status_line(&si, 45, &b);
	ok(strstr(sbuf_str(&b), "unknown field \"persn:\"") != NULL,
	   "the message wins over the filters: %s", sbuf_str(&b));
	si.filters = "\x1b[31mred\x07";
	for (w = 1; w < 150; w++) {
		sbuf_reset(&b);
		ui_status_line(&si, w, &b);
		if (text_width(sbuf_str(&b)) != w || strchr(sbuf_str(&b), 0x1b))
			bad++;
	}
	is_int(bad, 0, "always exactly the width, escapes made harmless");
	sbuf_free(&b);
}

static void test_matches(void)
{
	struct strlist t = {0};
	struct spans sp = {0};
	struct query *q;
	struct err e;
	size_t n;

	if (query_parse("Pueblo \"spy ship\" kor* -soviet person:Kim", &q, &e) == 0) {
		ui_query_terms(q, &t);
		ok(strlist_find(&t, "pueblo") >= 0 && strlist_find(&t, "spy") >= 0 &&
		   strlist_find(&t, "ship") >= 0 && strlist_find(&t, "kor*") >= 0,
		   "terms: words, the phrase's words, the prefix");
		ok(strlist_find(&t, "soviet") < 0 && strlist_find(&t, "kim") < 0,
		   "not the excluded word nor field values");
		query_free(q);
	} else {
		ok(0, "query_parse: %s", e.msg);
		ok(0, "terms");
	}
	n = ui_match_spans("The USS Pueblo's crew, a spy ship off Korea.", &t, &sp);
	is_int(n, 4, "four matches");
	if (sp.n == 4) {
		ok(sp.v[0].off == 8 && sp.v[0].len == 6, "Pueblo at 8");
		ok(sp.v[1].off == 25 && sp.v[1].len == 3, "spy at 25");
		ok(sp.v[3].off == 38 && sp.v[3].len == 5, "Korea by its prefix");
	}
	spans_free(&sp);
	strlist_clear(&t);
	strlist_add(&t, "pasztor");
	n = ui_match_spans("Meeting with P\xc3\xa1sztor.", &t, &sp);
	ok(n == 1 && sp.v[0].off == 13 && sp.v[0].len == 8,
	   "accents folded: P\xc3\xa1sztor matches pasztor");
	spans_free(&sp);
	is_int(ui_match_spans("nothing here", &t, &sp), 0, "no match");
	is_int(ui_match_spans("pasztorok", &t, &sp), 0, "a longer word is not the word");
	strlist_clear(&t);
}

static void test_snippet(void)
{
	struct sbuf b = {0};
	struct spans sp = {0};

	ui_snippet("\xe2\x80\xa6the \x02Pueblo\x03 crisis\x1b[2J", 0, &b, &sp);
	is_str(sbuf_str(&b), "\xe2\x80\xa6the Pueblo crisis^[[2J", "markers gone, escapes shown");
	ok(sp.n == 1 && sp.v[0].off == 7 && sp.v[0].len == 6, "the match located");
	sbuf_reset(&b);
	spans_free(&sp);
	ui_snippet(NULL, 0, &b, &sp);
	is_str(sbuf_str(&b), "", "no snippet");
	sbuf_free(&b);
}

static void test_detail(void)
{
	struct doc d;
	struct relation rel;
	struct dlines dl = {0};
	size_t i;
	int w, bad = 0, title = 0, related = 0, reason = 0, people = 0;

	memset(&d, 0, sizeof d);
	memset(&rel, 0, sizeof rel);
	d.id = "kr-1950-0927";
	d.title = "Telegram from Matveyev to Stalin";
	d.date_text = "September 27, 1950";
	text_parse_date(d.date_text, &d.date);
	d.summary = "Razuvaev tells Stalin how the army fared.\nA second paragraph "
	            "with \xea\xb9\x80\xec\x9d\xbc\xec\x84\xb1 and \x1b[31m escapes.";
	strlist_add(&d.names[FACET_PERSON], "Joseph Stalin");
	strlist_add(&d.names[FACET_PERSON], "Kim Il Sung");
	d.flags = ROW_READ;
	rel.kind = REL_REPLY;
	rel.reason = "reply to this telegram";
	rel.row.title = "Draft Telegram from Chanfu to Matveyev";
	text_parse_date("1950-09-30", &rel.row.date);

	ui_detail_format(&d, &rel, 1, 60, 0, UI_TEXT_MAIN, &dl);
	for (i = 0; i < dl.n; i++) {
		if (dl.v[i].kind == DL_TITLE && strstr(dl.v[i].text, "Matveyev"))
			title = 1;
		if (dl.v[i].kind == DL_RELATED && strstr(dl.v[i].text, "1950-09-30  Draft"))
			related = 1;
		if (dl.v[i].kind == DL_REASON && strstr(dl.v[i].text, "reply to this"))
			reason = 1;
		if (dl.v[i].label && !strcmp(dl.v[i].label, "People") &&
		    strstr(dl.v[i].text, "Joseph Stalin; Kim Il Sung"))
			people = 1;
		if (strchr(dl.v[i].text, 0x1b))
			bad++;
	}
	ok(title, "the title");
	ok(people, "the people, labelled");
	ok(related, "the related document with its date");
	ok(reason, "and its reason");
	is_int(bad, 0, "no raw escape reaches a line");
	ok(dl.n > 2 && dl.v[2].label && !strcmp(dl.v[2].label, "Date") &&
	   !strcmp(dl.v[2].text, "September 27, 1950 (1950-09-27)"),
	   "the date as written and normalized");
	dlines_free(&dl);
	for (w = 1; w <= 200; w++) {
		ui_detail_format(&d, &rel, 1, w, 0, UI_TEXT_MAIN, &dl);
		for (i = 0; i < dl.n; i++)
			if (dl.v[i].kind != DL_HEADING && /* headings are clipped */
			    dl.v[i].indent + text_width(dl.v[i].text) > w &&
			    text_width(dl.v[i].text) > 2)
				bad++;
		dlines_free(&dl);
	}
	is_int(bad, 0, "every line fits its width, 1..200 columns");

	/* the texts of a document: the summary with notes and links, the
	 * original, the translation */
	{
		struct record r = {0};
		int orig = 0, trans = 0, summary = 0, note = 0, cite = 0;

		record_add_text(&r, RECORD_TEXT_ORIGINAL, "Russian", NULL, "Original words here.");
		record_add_text(&r, RECORD_TEXT_TRANSLATION, "English", NULL, "Translated words here.");
		record_add_text(&r, RECORD_TEXT_NOTE, NULL, "1", "A numbered note.");
		record_add_text(&r, RECORD_TEXT_CITATION, NULL, NULL, "Volume, Document 1.");
		d.texts = r.texts;
		for (int which = 0; which < 3; which++) {
			ui_detail_format(&d, &rel, 1, 60, 0, (enum ui_text)which, &dl);
			for (i = 0; i < dl.n; i++) {
				const char *t = dl.v[i].text;

				orig |= (strstr(t, "Original words") != NULL) << which;
				trans |= (strstr(t, "Translated words") != NULL) << which;
				summary |= (strstr(t, "Razuvaev tells") != NULL) << which;
				note |= (strstr(t, "[1] A numbered note.") != NULL) << which;
				cite |= (dl.v[i].label && !strcmp(dl.v[i].label, "Cite as")) << which;
			}
			dlines_free(&dl);
		}
		is_int(summary, 1, "the summary in the first view only");
		is_int(orig, 2, "the original in the second");
		is_int(trans, 4, "the translation in the third");
		is_int(note, 3, "notes with the text and the original");
		is_int(cite, 7, "how to cite it in every view");
		ok(ui_doc_has_text(&d, RECORD_TEXT_ORIGINAL) && !ui_doc_has_text(&d, RECORD_TEXT_LINK),
		   "ui_doc_has_text");
		record_texts_free(&d.texts);
	}
	strlist_clear(&d.names[FACET_PERSON]);
}

static void test_person(void)
{
	struct person_info p;
	struct bucket years[3] = { { 19500000, 2 }, { 19510000, 4 },
	                           { 19530000, 1 } };
	struct facet_value with[2] = { { "Kim Il Sung", 2 },
	                               { "\x1b[31mJoseph Stalin", 1 } };
	struct dlines dl = {0};
	struct sbuf b = {0};
	size_t i;
	int w, bad = 0, y1950 = 0, y1952 = 0, mark = 0, kim = 0, title = 0,
	    cover = 0, undated = 0, life = 0, order = 1;
	long last_item = -1;

	ui_life_span("1893", "1976", 0, &b);
	is_str(sbuf_str(&b), "1893\xe2\x80\x93" "1976", "a life span, en dash");
	sbuf_reset(&b);
	ui_life_span("1893", "1976", 1, &b);
	is_str(sbuf_str(&b), "1893-1976", "ASCII: a hyphen");
	sbuf_reset(&b);
	ui_life_span("1912", NULL, 0, &b);
	is_str(sbuf_str(&b), "born 1912", "only born");
	sbuf_reset(&b);
	ui_life_span(NULL, "1971", 0, &b);
	is_str(sbuf_str(&b), "died 1971", "only died");
	sbuf_reset(&b);
	ui_life_span(NULL, "", 0, &b);
	is_str(sbuf_str(&b), "", "neither");
	sbuf_reset(&b);

	memset(&p, 0, sizeof p);
	p.name = "Vladimir Razuvaev";
	p.role = "Soviet general";
	p.ndocs = 9;
	strlist_add(&p.variants, "Razuvayev");
	strlist_add(&p.covers, "Matveyev");
	strlist_add(&p.scripts, "\xd0\xa0\xd0\xb0\xd0\xb7\xd1\x83\xd0\xb2\xd0\xb0\xd0\xb5\xd0\xb2");
	p.years = years;
	p.nyears = 3;
	p.with = with;
	p.nwith = 2;
	ui_person_format(&p, 19510000, 60, 0, 0, &dl);
	for (i = 0; i < dl.n; i++) {
		const struct dline *l = &dl.v[i];

		if (l->kind == DL_TITLE && !strcmp(l->text, "Vladimir Razuvaev") &&
		    l->rel == 0)
			title = 1;
		if (l->label && !strcmp(l->label, "Covers") &&
		    !strcmp(l->text, "Matveyev"))
			cover = 1;
		if (l->label && !strcmp(l->label, "Life") &&
		    !strcmp(l->text, "dates unknown"))
			life = 1;
		if (l->label && !strcmp(l->label, "Documents") &&
		    !strcmp(l->text, "9 (2 undated)"))
			undated = 1;
		if (l->kind == DL_BAR && !strncmp(l->text, "  1950            2 ", 20))
			y1950 = 1;
		if (l->kind == DL_BAR && !strncmp(l->text, " *1951            4 ", 20))
			mark = 1;
		if (l->kind == DL_BAR && !strncmp(l->text, "  1952            0", 19) &&
		    text_width(l->text) == 60)
			y1952 = 1;
		if (l->kind == DL_PERSON && l->rel == 1 &&
		    strstr(l->text, "Kim Il Sung") && strstr(l->text, "    2"))
			kim = 1;
		if (strchr(l->text, 0x1b))
			bad++;
		if (l->rel >= 0) {
			if (l->rel < last_item)
				order = 0;
			last_item = l->rel;
		}
	}
	ok(title, "the name is item 0");
	ok(cover, "the cover name, labelled");
	ok(life, "unknown dates said so");
	ok(undated, "documents, with the undated ones");
	ok(y1950, "a bar for 1950");
	ok(mark, "1951 marked");
	ok(y1952, "an empty 1952, shown, the line padded to its width");
	ok(kim, "Kim Il Sung is item 1, with a count");
	is_int(last_item, 2, "Joseph Stalin is item 2");
	ok(order, "items in order");
	is_int(bad, 0, "no raw escape reaches a line");
	dlines_free(&dl);
	for (w = 1; w <= 200; w++) {
		ui_person_format(&p, 0, w, w % 2, 0, &dl);
		for (i = 0; i < dl.n; i++)
			if (dl.v[i].kind != DL_HEADING &&
			    dl.v[i].indent + text_width(dl.v[i].text) > w &&
			    text_width(dl.v[i].text) > 2) {
				printf("# %d: %s\n", w, dl.v[i].text);
				bad++;
			}
		dlines_free(&dl);
	}
	is_int(bad, 0, "every line fits its width, 1..200 columns");
	p.uncertain = 1;
	p.nyears = 0;
	p.nwith = 0;
	p.role = NULL;
	ui_person_format(&p, 0, 60, 0, 0, &dl);
	for (i = 0, life = 0, title = 0, mark = 0; i < dl.n; i++) {
		if (dl.v[i].label && !strcmp(dl.v[i].label, "Uncertain"))
			title = 1;
		if (dl.v[i].label && !strcmp(dl.v[i].label, "Life"))
			life = 1;
		if (dl.v[i].kind == DL_BAR || dl.v[i].kind == DL_PERSON)
			mark = 1;
	}
	ok(title && !life && !mark, "uncertain: marked, no life, no bars, no company");
	dlines_free(&dl);
	strlist_clear(&p.variants);
	strlist_clear(&p.covers);
	strlist_clear(&p.scripts);

	ui_box_edge("People", 20, 1, 0, &b);
	is_str(sbuf_str(&b), "\xe2\x94\x8c\xe2\x94\x80 People "
	       "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	       "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x90",
	       "the top of a box, titled");
	is_int(text_width(sbuf_str(&b)), 20, "20 columns");
	sbuf_reset(&b);
	ui_box_edge(NULL, 6, 0, 1, &b);
	is_str(sbuf_str(&b), "+----+", "an ASCII bottom");
	sbuf_reset(&b);
	ui_box_edge("A very long title indeed", 12, 1, 1, &b);
	is_int(text_width(sbuf_str(&b)), 12, "a long title is clipped to the box");
	sbuf_free(&b);
}

static void test_scroll(void)
{
	is_int(view_scroll_to(0, 5, 10, 100), 0, "visible: no scroll");
	is_int(view_scroll_to(0, 12, 10, 100), 3, "below: scroll so it is the last line");
	is_int(view_scroll_to(20, 12, 10, 100), 12, "above: scroll so it is the first");
	is_int(view_scroll_to(95, 99, 10, 100), 90, "never past the end");
	is_int(view_scroll_to(5, 2, 10, 4), 0, "short lists start at 0");
	is_int(view_scroll_to(0, 3, 0, 10), 3, "no room");
}

/* The references of a document's text: footnote marks of its notes (not
 * other bracketed numbers), each note's own mark, the documents cited by
 * the words "Document N" of their sentence (or the whole sentence), also
 * when the sentence was cut with an ellipsis or wraps; and the places of
 * lines, which outlive a change of width. */
static void test_refs(void)
{
	struct doc d;
	struct record r = {0};
	struct strlist cites = {0}, why = {0};
	struct dlines dl = {0};
	int w, bad = 0;

	memset(&d, 0, sizeof d);
	d.title = "A telegram";
	d.body = "The talks failed.[1] See Documents 5 and 7 for the rest. A list [9] "
	         "of no note. The long sentence that ends here cites an earlier paper.";
	record_add_text(&r, RECORD_TEXT_NOTE, NULL, "1", "As reported before.");
	record_add_text(&r, RECORD_TEXT_LINK, NULL, "the page", "https://example.org/d/x-1");
	d.texts = r.texts;
	strlist_add(&cites, "vol/d7");
	strlist_add(&why, "See Documents 5 and 7 for the rest.");
	strlist_add(&cites, "vol/d5");
	strlist_add(&why, "See Documents 5 and 7 for the rest.");
	strlist_add(&cites, "vol/d40");
	strlist_add(&why, "\xe2\x80\xa6sentence that ends here cites");
	strlist_add(&cites, "vol/d41");
	strlist_add(&why, "A sentence not in the text.");
	for (w = 20; w <= 120; w += 50) {
		const char *want[] = { "[1]", "Documents 5", "7", "sentence that ends here cites",
		                       "[1]", "the page: https://example.org/d/x-1" };
		const enum dref_kind kinds[] = { DREF_MARK, DREF_CITE, DREF_CITE, DREF_CITE, DREF_NOTE,
		                                 DREF_LINK };
		size_t k;

		ui_detail_format(&d, NULL, 0, w, 0, UI_TEXT_MAIN, &dl);
		ui_detail_refs(&d, &cites, &why, 0, &dl);
		if (!ok(dl.nrefs == 6, "%d columns: six references (not [9], not the "
		        "sentence missing): %zu", w, dl.nrefs)) {
			dlines_free(&dl);
			continue;
		}
		for (k = 0; k < 6; k++) {
			const struct dref *f = &dl.refs[k];
			struct sbuf got = {0};

			for (size_t l = f->line0; l <= f->line1; l++) {
				const char *t = dl.v[l].text;
				size_t a = l == f->line0 ? f->off0 : 0, z = l == f->line1 ? f->end1 : strlen(t);

				sbuf_printf(&got, "%s%.*s", l > f->line0 ? " " : "", (int)(z - a), t + a);
			}
			if (f->kind != kinds[k] || strcmp(sbuf_str(&got), want[k])) {
				printf("# %d columns, reference %zu: kind %d, \"%s\"\n", w, k, f->kind,
				       sbuf_str(&got));
				bad++;
			}
			sbuf_free(&got);
		}
		ok(!strcmp(dl.refs[2].target, "vol/d7") && !strcmp(dl.refs[0].target, "1") &&
		   !strcmp(dl.refs[5].target, "https://example.org/d/x-1"),
		   "%d columns: their targets", w);
		/* a line's place finds the same line again */
		for (size_t i = 0; i < dl.n; i++) {
			int sect;
			size_t off;

			ui_dlines_place(&dl, i, &sect, &off);
			if (ui_dlines_find(&dl, sect, off) != i)
				bad++;
		}
		dlines_free(&dl);
	}
	is_int(bad, 0, "every reference where it stands, at 20, 70 and 120 columns; places found");
	/* a place at one width is a line of the same text at another */
	{
		struct dlines a = {0}, b = {0};
		size_t i;
		int sect;
		size_t off;

		ui_detail_format(&d, NULL, 0, 30, 0, UI_TEXT_MAIN, &a);
		ui_detail_format(&d, NULL, 0, 90, 0, UI_TEXT_MAIN, &b);
		for (i = 0; i < a.n && !strstr(a.v[i].text, "of no note"); i++)
			;
		ui_dlines_place(&a, i, &sect, &off);
		i = ui_dlines_find(&b, sect, off);
		ok(sect > 0 && i < b.n && b.v[i].off <= off &&
		   (i + 1 == b.n || b.v[i + 1].off > off || b.v[i + 1].sect != sect),
		   "a place at 30 columns: the line holding it at 90");
		dlines_free(&a);
		dlines_free(&b);
	}
	/* a preview of a long text: its first lines, the same as the
	 * whole text's, made from its start alone */
	{
		struct sbuf big = {0};
		struct dlines all = {0}, part = {0};
		int same = 1;

		for (int i = 0; i < 20000; i++)
			sbuf_printf(&big, "Sentence %d of a long text, with some words in it.%s", i,
			            i % 7 == 6 ? "\n\n" : " ");
		d.body = big.s;
		ui_detail_format(&d, NULL, 0, 60, 0, UI_TEXT_MAIN, &all);
		part.limit = 30;
		ui_detail_format(&d, NULL, 0, 60, 0, UI_TEXT_MAIN, &part);
		for (size_t i = 0; i + 1 < part.n && i < 30; i++)
			if (i >= all.n || strcmp(part.v[i].text, all.v[i].text))
				same = 0;
		ok(part.partial && !all.partial && part.n >= 30 && part.n < 200 && all.n > 10000,
		   "a limit of 30 lines: %zu lines made of %zu, said to be partial", part.n, all.n);
		ok(same, "and they are the whole text's first lines");
		dlines_free(&all);
		dlines_free(&part);
		sbuf_free(&big);
	}
	strlist_clear(&cites);
	strlist_clear(&why);
	record_texts_free(&r.texts);
}

/* fondsrc's set and color lines: each bad one reported with its file
 * and line, every good one applied */
static void test_config(void)
{
	struct keymap km = {0};
	struct strlist errs = {0};
	const struct ui_config *c = &km.cfg;

	is_int(keymap_parse(&km, keymap_default_text, "fondsrc", &errs), 0,
	       "the defaults parse");
	is_int(c->layout, LAYOUT_SPLIT, "default layout: split");
	is_int(c->preview_delay_ms, 150, "default preview delay: 150 ms");
	is_int(c->mouse, 0, "mouse off by default");
	is_int(c->accessible, -1, "accessible: by the terminal");
	is_int(c->ambiwidth, -1, "ambiwidth: by the locale");
	ok(!c->color[SA_SELECTED].set, "no colour set by the defaults");
	is_int(keymap_parse(&km,
	                    "set layout list\n"
	                    "color selected black bogus\n"
	                    "color selected white color22 bold underline\n"
	                    "colour heading bright-red default\n"
	                    "color nowhere red blue\n"
	                    "color match 300 default\n"
	                    "color status red\n"
	                    "color error red default sparkly\n"
	                    "set preview-delay fast\n"
	                    "set preview-delay 40\n"
	                    "set mouse on\n"
	                    "set accessible yes\n"
	                    "set ambiwidth 2\n"
	                    "set ambiwidth 3\n"
	                    "set colour on\n"
	                    "set layout\n", "rc", &errs), 9, "nine bad lines");
	is_int(c->layout, LAYOUT_LIST, "set layout list applied");
	ok(c->color[SA_SELECTED].set && c->color[SA_SELECTED].fg == 7 &&
	   c->color[SA_SELECTED].bg == 22 &&
	   c->color[SA_SELECTED].attrs == (CA_BOLD | CA_UNDERLINE),
	   "color selected: white on 22, bold and underlined");
	ok(c->color[SA_HEADING].set && c->color[SA_HEADING].fg == 9 &&
	   c->color[SA_HEADING].bg == -1, "colour heading: bright red on the default");
	ok(!c->color[SA_MATCH].set && !c->color[SA_STATUS].set && !c->color[SA_ERROR].set,
	   "bad colour lines leave their areas alone");
	is_int(c->preview_delay_ms, 40, "preview-delay 40 applied after a bad one");
	is_int(c->mouse, 1, "mouse on");
	is_int(c->accessible, 1, "accessible yes");
	is_int(c->ambiwidth, 2, "ambiwidth 2 (3 refused)");
	is_int(errs.n, 9, "nine messages");
	if (errs.n == 9) {
		ok(strncmp(errs.v[0], "rc:2: unknown colour \"bogus\"", 28) == 0, "%s", errs.v[0]);
		ok(strncmp(errs.v[1], "rc:5: unknown area \"nowhere\"", 28) == 0, "%s", errs.v[1]);
		ok(strncmp(errs.v[2], "rc:6: unknown colour \"300\"", 26) == 0, "%s", errs.v[2]);
		ok(strncmp(errs.v[3], "rc:7: color needs", 17) == 0, "%s", errs.v[3]);
		ok(strncmp(errs.v[4], "rc:8: unknown attribute \"sparkly\"", 33) == 0, "%s", errs.v[4]);
		ok(strncmp(errs.v[5], "rc:9: preview-delay is milliseconds", 35) == 0, "%s", errs.v[5]);
		ok(strncmp(errs.v[6], "rc:14: ambiwidth is 1 or 2", 26) == 0, "%s", errs.v[6]);
		ok(strncmp(errs.v[7], "rc:15: unknown setting \"colour\"", 31) == 0, "%s", errs.v[7]);
		ok(strncmp(errs.v[8], "rc:16: set needs", 16) == 0, "%s", errs.v[8]);
	}
	is_int(config_area_parse("selection"), SA_SELECTED, "an area's other name");
	for (int i = 0; i < UI_NAREAS; i++)
		if (config_area_parse(config_area_name(i)) != i)
			ok(0, "area %d's name parses back", i);
	ok(config_area_name(UI_NAREAS) == NULL, "no area past the last");
	strlist_clear(&errs);
	keymap_free(&km);
}

int main(void)
{
	test_config();
	test_keys();
	test_requests();
	test_keymap();
	test_help();
	test_fit();
	test_rows();
	test_bars();
	test_status();
	test_matches();
	test_snippet();
	test_match_step();
	test_hint_line();
	test_candidates();
	test_detail();
	test_refs();
	test_person();
	test_scroll();
	return done_testing();
}
