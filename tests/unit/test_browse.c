/* test_browse.c - the browser's state with no terminal: every action,
 * history back and forward, filters, the timeline, commands. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fonds/browse.h"
#include "fonds/people.h"
#include "fonds/store.h"
#include "tap.h"

/* 30 dated documents, t-00 .. t-29: ten each in 1950, 1951 and 1952, on
 * the 15th of months 1..10; "alpha" in even titles, "beta" in odd ones,
 * "gamma" only in t-07; Alice Smith in every third, Bob Jones in the
 * next, Carol in the rest; Seoul before t-15, Pyongyang after; t-05 links
 * to t-06. And one undated document, t-99. */
#define NDATED 30

static void put(struct store *s, const char *id, const char *date,
                const char *title, const char *person, const char *place,
                const char *link)
{
	struct record r;
	struct err e;
	int res;

	memset(&r, 0, sizeof r);
	r.id = xstrdup(id);
	r.date_text = xstrdup(date);
	if (text_parse_date(date, &r.date) < 0)
		fprintf(stderr, "bad date %s\n", date);
	r.title = xstrdup(title);
	r.summary = xstrdup("A summary of the document, for the tests.");
	record_add_name(&r.people, person);
	record_add_name(&r.places, place);
	record_add_name(&r.subjects, "Testing");
	record_add_name(&r.collections, "Test collection");
	r.language = xstrdup("English");
	if (link)
		strlist_add(&r.related, link);
	if (store_put(s, &r, &res, &e) < 0)
		fprintf(stderr, "store_put: %s\n", e.msg);
	record_clear(&r);
}

static struct store *make_db(const char *path)
{
	static const char *const people[3] = { "Alice Smith", "Bob Jones",
	                                       "Carol" };
	struct store *s;
	struct err e;
	int i;

	if (store_open(&s, path, 0, &e) < 0) {
		printf("# store_open: %s\n", e.msg);
		return NULL;
	}
	if (store_import_begin(s, &e) < 0) {
		printf("# import: %s\n", e.msg);
		store_close(s);
		return NULL;
	}
	for (i = 0; i < NDATED; i++) {
		char id[16], date[32], title[64];

		snprintf(id, sizeof id, "t-%02d", i);
		snprintf(date, sizeof date, "%d-%02d-15", 1950 + i / 10, i % 10 + 1);
		snprintf(title, sizeof title, "Document %02d %s%s", i,
		         i % 2 ? "beta" : "alpha", i == 7 ? " gamma" : "");
		put(s, id, date, title, people[i % 3], i < 15 ? "Seoul" : "Pyongyang",
		    i == 5 ? "t-06" : NULL);
	}
	put(s, "t-99", "undated", "Undated note alpha", "Carol", "Seoul", NULL);
	if (store_import_commit(s, &e) < 0) {
		printf("# commit: %s\n", e.msg);
		store_close(s);
		return NULL;
	}
	return s;
}

/* The number of the document on the selected row (NN of "Document NN"),
 * 99 for the undated one, -1 when none. */
static int cur_num(const struct browse *b)
{
	const struct row *r = browse_current(b);

	if (!r || !r->title)
		return -1;
	if (strncmp(r->title, "Document ", 9) == 0)
		return atoi(r->title + 9);
	return 99;
}

static long long pos_of(struct browse *b)
{
	long long pos, total;
	int exact;

	if (browse_position(b, &pos, &total, &exact) < 0)
		return -1;
	return pos;
}

static long long total_of(struct browse *b)
{
	long long pos, total;
	int exact;

	browse_position(b, &pos, &total, &exact);
	return total;
}

static int doc_num(struct browse *b, int64_t key)
{
	struct err e;
	const struct doc *d = browse_doc(b, key, &e);

	if (!d || !d->title)
		return -1;
	if (strncmp(d->title, "Document ", 9) == 0)
		return atoi(d->title + 9);
	return 99;
}

static void test_list(struct browse *b)
{
	struct err e;
	int i;

	is_int(b->rows.n, 5, "the list reads one screen: 5 rows");
	is_int(total_of(b), NDATED + 1, "31 documents");
	is_int(cur_num(b), 0, "first row: the earliest document");
	is_int(pos_of(b), 1, "position 1");

	ok(browse_move(b, 1, &e) == 0 && cur_num(b) == 1, "j: next row");
	ok(browse_move(b, 4, &e) == 0 && cur_num(b) == 5, "moving past the screen scrolls");
	is_int(b->rows.n, 5, "still one screen of rows");
	is_int(b->sel, 4, "selection on the last line");
	is_int(b->rows.v[0].key < b->rows.v[4].key, 1, "rows in date order");
	is_int(pos_of(b), 6, "position 6, kept incrementally");
	ok(browse_move(b, -5, &e) == 0 && cur_num(b) == 0, "k past the top scrolls back");
	is_int(b->sel, 0, "selection on the first line");
	ok(browse_move(b, -1, &e) == 0 && cur_num(b) == 0, "nothing above the first");

	ok(browse_move(b, 12, &e) == 0 && cur_num(b) == 12, "a move of more than a screen");
	ok(b->rows.n == 5 && b->sel == 4, "keeps one screen, selection at its bottom");
	is_int(pos_of(b), 13, "position 13");
	ok(browse_move(b, -12, &e) == 0 && cur_num(b) == 0 && b->rows.n == 5 &&
	   b->sel == 0, "and back up more than a screen");
	ok(browse_page(b, 1, &e) == 0 && cur_num(b) == 5, "page down: a screen on");
	is_int(pos_of(b), 6, "position after a page");
	ok(browse_page(b, -1, &e) == 0 && cur_num(b) == 0, "page up: back");
	ok(browse_page(b, -1, &e) == 0 && cur_num(b) == 0, "page up at the top stays");

	ok(browse_edge(b, 1, &e) == 0 && cur_num(b) == 99, "G: the last (undated) document");
	is_int(pos_of(b), NDATED + 1, "position 31/31");
	ok(browse_move(b, 1, &e) == 0 && cur_num(b) == 99, "nothing after the last");
	ok(browse_page(b, 1, &e) == 0 && cur_num(b) == 99, "page down at the end stays");
	ok(browse_move(b, -6, &e) == 0 && cur_num(b) == 24, "up from the end");
	is_int(pos_of(b), 25, "position counted back from the end");
	ok(browse_edge(b, -1, &e) == 0 && cur_num(b) == 0, "g: the first document");

	/* walking the whole list one row at a time visits every document once */
	for (i = 1; i < NDATED; i++)
		if (browse_move(b, 1, &e) < 0 || cur_num(b) != i)
			break;
	is_int(i, NDATED, "j through all 30 dated documents in order");
	browse_edge(b, -1, &e);

	/* resizing keeps the selection on screen */
	browse_move(b, 4, &e);
	ok(browse_set_height(b, 3, &e) == 0 && cur_num(b) == 4 && b->rows.n == 3,
	   "shrinking keeps the selected row");
	is_int(b->sel, 2, "as the last line");
	is_int(pos_of(b), 5, "position kept");
	ok(browse_set_height(b, 8, &e) == 0 && cur_num(b) == 4 && b->rows.n == 8,
	   "growing keeps it too");
	browse_edge(b, 1, &e);
	ok(browse_set_height(b, 12, &e) == 0 && b->rows.n == 12 && cur_num(b) == 99,
	   "growing at the end fills the screen from above");
	browse_set_height(b, 5, &e);
	browse_edge(b, -1, &e);

	/* shrinking with the selection near the top keeps the window's top */
	browse_move(b, 1, &e);
	ok(browse_set_height(b, 2, &e) == 0 && cur_num(b) == 1 && b->rows.n == 2 &&
	   b->sel == 1, "shrinking below the selection keeps the first rows");
	is_int(pos_of(b), 2, "and the position");
	browse_set_height(b, 5, &e);
	browse_edge(b, -1, &e);
}

static void test_search(struct browse *b)
{
	struct err e;
	char *s;

	ok(browse_set_search(b, "gamma", &e) == 0, "search gamma");
	is_int(total_of(b), 1, "one match");
	is_int(cur_num(b), 7, "it is document 07");
	is_int(browse_sort(b), SORT_RANK, "a text search sorts by rank");

	ok(browse_set_search(b, "beta", &e) == 0, "search beta");
	is_int(total_of(b), 15, "fifteen odd documents");
	ok(browse_set_sort(b, SORT_DATE, &e) == 0 && browse_sort(b) == SORT_DATE,
	   "switch to date order");
	is_int(cur_num(b), 1, "in date order the first is 01");
	browse_move(b, 1, &e);
	is_int(cur_num(b), 3, "then 03");
	ok(browse_set_sort(b, SORT_RANK, &e) == 0 && browse_sort(b) == SORT_RANK,
	   "back to rank order");

	ok(browse_set_search(b, "persn:x", &e) < 0, "a bad query is refused");
	ok(strstr(e.msg, "persn") != NULL, "with a message naming it: %s", e.msg);
	is_str(b->search, "beta", "and the search is unchanged");
	is_int(total_of(b), 15, "so is the list");

	ok(browse_set_search(b, "nosuchword", &e) == 0, "a search matching nothing");
	is_int(b->rows.n, 0, "empty list");
	ok(browse_current(b) == NULL, "no current row");
	ok(browse_move(b, 1, &e) == 0 && browse_page(b, 1, &e) == 0,
	   "moving in an empty list is harmless");

	ok(browse_set_search(b, "", &e) == 0, "clear the search");
	is_int(total_of(b), NDATED + 1, "everything again");
	is_int(browse_sort(b), SORT_DATE, "date order without a search");
	s = browse_filters_text(b);
	is_str(s, "", "no filters");
	free(s);
}

static void test_filters(struct browse *b)
{
	struct err e;
	int added = -1;
	char *s;

	ok(browse_add_filter(b, QF_PERSON, "Alice Smith", 0, &e) == 0, "filter person");
	is_int(total_of(b), 10, "ten of Alice's");
	is_int(cur_num(b), 0, "the list stays on document 00 (Alice's)");
	s = browse_filters_text(b);
	ok(strstr(s, "person:") != NULL, "filters text: %s", s);
	free(s);
	ok(browse_add_filter(b, QF_PLACE, "Seoul", 0, &e) == 0, "and place Seoul");
	is_int(total_of(b), 5, "five of Alice's in Seoul");
	ok(browse_toggle_filter(b, QF_PLACE, "Seoul", &added, &e) == 0 && !added,
	   "toggling Seoul removes it");
	is_int(total_of(b), 10, "ten again");
	ok(browse_toggle_filter(b, QF_PLACE, "Pyongyang", &added, &e) == 0 && added,
	   "toggling Pyongyang adds it");
	is_int(total_of(b), 5, "five of Alice's in Pyongyang");
	is_int(browse_filter_index(b, QF_PLACE, "Pyongyang"), 1, "found as clause 2");
	ok(browse_remove_filter(b, 1, &e) == 0, "remove clause 2");
	ok(browse_remove_filter(b, 5, &e) < 0, "no clause 6");
	ok(browse_add_dates(b, 19510101, 19511231, &e) == 0, "dates 1951");
	is_int(total_of(b), 3, "three of Alice's in 1951");
	ok(browse_add_dates(b, 19520101, 19500101, &e) < 0, "a period ending before it starts");
	ok(browse_toggle_dates(b, 19520101, 19521231, &added, &e) == 0 && added,
	   "toggle 1952 replaces 1951");
	is_int(total_of(b), 3, "three of Alice's in 1952");
	ok(browse_toggle_dates(b, 19520101, 19521231, &added, &e) == 0 && !added,
	   "toggle 1952 again removes it");
	is_int(total_of(b), 10, "ten");
	browse_add_dates(b, 19500101, 19501231, &e);
	ok(browse_widen(b, &e) == 0 && total_of(b) == 10, "widen drops the dates");
	ok(browse_clear_filters(b, &e) == 0 && total_of(b) == NDATED + 1,
	   "clear: everything");
	is_int(b->filters->n, 0, "no filters left");
	ok(browse_add_filter(b, QF_PERSON, "  ", 0, &e) < 0, "a blank value is refused");
}

static void test_history(struct browse *b)
{
	struct err e;
	int64_t k3;

	browse_edge(b, -1, &e);
	browse_move(b, 3, &e);
	k3 = browse_current(b)->key;
	ok(browse_open(b, &e) == 0, "open the selected document");
	is_int(browse_top(b), BV_DOC, "the document view is on top");
	ok(b->cur == k3, "it is the selected one");
	is_int(doc_num(b, b->cur), 3, "document 03");
	ok(browse_current(b)->flags & ROW_READ, "marked read in the list");
	ok(browse_doc(b, k3, &e)->flags & ROW_READ, "and in the store");
	b->v.doc.scroll = 7;

	ok(browse_neighbor(b, 1, &e) == 0 && doc_num(b, b->cur) == 4,
	   "]: the next document in time");
	is_int(b->v.doc.scroll, 0, "read from the top");
	ok(browse_neighbor(b, -1, &e) == 0 && doc_num(b, b->cur) == 3, "[: back to 03");
	ok(browse_neighbor(b, -1, &e) == 0 && doc_num(b, b->cur) == 2, "[: 02");

	ok(browse_back(b, &e) == 0 && doc_num(b, b->cur) == 3, "back: 03");
	ok(browse_back(b, &e) == 0 && doc_num(b, b->cur) == 4, "back: 04");
	ok(browse_back(b, &e) == 0 && doc_num(b, b->cur) == 3, "back: 03 as first opened");
	is_int(b->v.doc.scroll, 7, "with its scroll offset restored");
	ok(browse_back(b, &e) == 0, "back once more");
	is_int(browse_top(b), BV_LIST, "the list");
	is_int(cur_num(b), 3, "with the same selection");
	is_int(b->sel, 3, "on the same line");
	/* the changes of the list before are places too */
	ok(browse_back(b, &e) == 0 && b->filters->n > 0 &&
	   browse_top(b) == BV_LIST,
	   "back: the list before its filters were cleared");
	ok(browse_forward(b, &e) == 0 && b->filters->n == 0 &&
	   browse_top(b) == BV_LIST && cur_num(b) == 3,
	   "forward: the cleared list, on 03");
	ok(browse_forward(b, &e) == 0 && browse_top(b) == BV_DOC &&
	   doc_num(b, b->cur) == 3, "forward: 03 again");
	ok(browse_forward(b, &e) == 0 && doc_num(b, b->cur) == 4, "forward: 04");
	ok(browse_forward(b, &e) == 0 && doc_num(b, b->cur) == 3, "forward: 03");
	ok(browse_forward(b, &e) == 0 && doc_num(b, b->cur) == 2, "forward: 02");
	is_int(browse_forward(b, &e), 1, "nothing after the last place");
	ok(browse_back(b, &e) == 0 && browse_open_id(b, "t-20", &e) == 0 &&
	   doc_num(b, b->cur) == 20, "a new jump after going back");
	is_int(browse_forward(b, &e), 1, "drops the forward places");
	ok(browse_open_id(b, "no-such-id", &e) < 0, "open a missing id fails");
	ok(strstr(e.msg, "no-such-id") != NULL, "naming it: %s", e.msg);

	/* neighbours ignore filters */
	browse_pop_view(b);
	browse_add_filter(b, QF_PERSON, "Alice Smith", 0, &e);
	browse_edge(b, -1, &e);
	ok(browse_open(b, &e) == 0 && doc_num(b, b->cur) == 0, "open 00 among Alice's");
	ok(browse_neighbor(b, 1, &e) == 0 && doc_num(b, b->cur) == 1,
	   "]: 01, which is Bob's");
	ok(browse_back(b, &e) == 0 && browse_back(b, &e) == 0, "back twice");
	is_int(total_of(b), 10, "the filter is restored with the place");
	browse_edge(b, 1, &e);
	ok(browse_open(b, &e) == 0 && doc_num(b, b->cur) == 27, "open Alice's last");
	browse_open_id(b, "t-99", &e);
	is_int(browse_neighbor(b, 1, &e), 1, "nothing after the undated document");
	browse_clear_filters(b, &e);

	/* the view stack */
	b->v.n = 1;
	is_int(browse_pop_view(b), 1, "q at the list: quit");
	browse_push_view(b, BV_HELP);
	browse_push_view(b, BV_FILTER);
	is_int(b->v.n, 3, "views stack up");
	browse_push_view(b, BV_HELP);
	is_int(b->v.n, 2, "pushing a view on the stack pops down to it");
	is_int(browse_pop_view(b), 0, "q closes it");
	is_int(browse_top(b), BV_LIST, "the list again");
}

static void test_related(struct browse *b)
{
	struct err e;
	const struct relation *rel;
	size_t i, n = 0;
	int found = 0;

	browse_edge(b, -1, &e);
	browse_move(b, 5, &e);
	is_int(cur_num(b), 5, "on document 05");
	ok(browse_related_open(b, &e) == 0, "r: related documents");
	is_int(browse_top(b), BV_RELATED, "the related view");
	rel = browse_related_list(b, &n, &e);
	ok(rel && n >= 1, "at least one (%zu)", n);
	for (i = 0; rel && i < n; i++) {
		if (rel[i].row.id && strcmp(rel[i].row.id, "t-06") == 0) {
			found = 1;
			browse_related_move(b, (long)i - (long)b->v.related.nav.sel);
		}
	}
	ok(found, "the explicit link to t-06 is among them");
	if (!rel || !n)
		return;
	ok(rel[b->v.related.nav.sel].reason && *rel[b->v.related.nav.sel].reason,
	   "with a reason: %s", rel[b->v.related.nav.sel].reason ?
	   rel[b->v.related.nav.sel].reason : "");
	browse_related_move(b, -100);
	is_int(b->v.related.nav.sel, 0, "moving up stops at the first");
	browse_related_move(b, 100);
	is_int(b->v.related.nav.sel, n - 1, "moving down stops at the last");
	for (i = 0; i < n; i++)
		if (strcmp(rel[i].row.id, "t-06") == 0)
			browse_related_move(b, (long)i - (long)b->v.related.nav.sel);
	ok(browse_related_enter(b, &e) == 0 && doc_num(b, b->cur) == 6,
	   "Enter: open t-06");
	ok(browse_back(b, &e) == 0 && browse_top(b) == BV_RELATED,
	   "back: the related view");
	rel = browse_related_list(b, &n, &e);
	ok(rel && b->v.related.nav.sel < n &&
	   strcmp(rel[b->v.related.nav.sel].row.id, "t-06") == 0,
	   "with t-06 selected");
	browse_pop_view(b);
	is_int(browse_top(b), BV_LIST, "q: the list");
}

static void test_timeline(struct browse *b)
{
	struct err e;
	long long c[5], coarse = -1;

	browse_edge(b, -1, &e);
	browse_move(b, 12, &e);
	is_int(cur_num(b), 12, "on 12 (1951-03-15)");
	ok(browse_timeline_open(b, &e) == 0 && browse_top(b) == BV_TIMELINE, "t: timeline");
	is_int(b->v.timeline.level, DATE_YEAR, "by year");
	is_int(b->v.timeline.cursor, 19510000, "cursor on the current document's year");
	is_int(b->span_first, 19500115, "span from the first day");
	is_int(b->span_last, 19521015, "to the last");
	is_int(browse_timeline_counts(b, 19490000, 5, c, &coarse, &e), 1, "year counts");
	ok(c[0] == 0 && c[1] == 10 && c[2] == 10 && c[3] == 10 && c[4] == 0,
	   "0 10 10 10 0 (empty years are zeros)");
	browse_timeline_move(b, 5);
	is_int(b->v.timeline.cursor, 19520000, "the cursor stops at the last year");
	browse_timeline_move(b, -5);
	is_int(b->v.timeline.cursor, 19500000, "and at the first");
	browse_timeline_edge(b, 1);
	is_int(b->v.timeline.cursor, 19520000, "End: the last year");
	browse_timeline_move(b, -1);
	browse_timeline_zoom(b, 1);
	is_int(b->v.timeline.level, DATE_MONTH, "+: months");
	is_int(b->v.timeline.cursor, 19510300, "on the current document's month");
	is_int(browse_timeline_counts(b, 19510200, 3, c, NULL, &e), 1, "month counts");
	ok(c[0] == 1 && c[1] == 1 && c[2] == 1, "1 1 1 in Feb..Apr 1951");
	browse_timeline_zoom(b, 1);
	is_int(b->v.timeline.level, DATE_DAY, "+: days");
	is_int(b->v.timeline.cursor, 19510315, "on its day");
	browse_timeline_zoom(b, 1);
	is_int(b->v.timeline.level, DATE_DAY, "days are the finest");
	browse_timeline_zoom(b, -1);
	browse_timeline_zoom(b, -1);
	is_int(b->v.timeline.level, DATE_YEAR, "-: back to years");
	is_int(b->v.timeline.cursor, 19510000, "on 1951");
	browse_timeline_zoom(b, -1);
	is_int(b->v.timeline.level, DATE_YEAR, "years are the coarsest");
	browse_timeline_goto(b, 19520600, DATE_MONTH);
	ok(b->v.timeline.level == DATE_MONTH && b->v.timeline.cursor == 19520600, "goto 1952-06 zooms to months");
	browse_timeline_zoom(b, -1);

	ok(browse_timeline_narrow(b, &e) == 0, "Enter: narrow to 1952");
	is_int(browse_top(b), BV_LIST, "back to the list");
	is_int(total_of(b), 10, "ten documents of 1952");
	is_int(cur_num(b), 20, "starting with 20");
	ok(browse_back(b, &e) == 0 && browse_top(b) == BV_TIMELINE, "back: the timeline");
	is_int(total_of(b), NDATED + 1, "unfiltered");
	is_int(cur_num(b), 12, "the list where it was");
	ok(browse_forward(b, &e) == 0 && total_of(b) == 10, "forward: narrowed again");
	ok(browse_widen(b, &e) == 0 && total_of(b) == NDATED + 1, "widen");
	is_int(cur_num(b), 20, "staying on the document");
}

static void test_commands(struct browse *b)
{
	struct err e;
	struct strlist l = {0};
	size_t start;

	b->v.n = 1;
	ok(browse_command(b, "goto 1951-06", &e) == 0, ":goto 1951-06");
	is_int(cur_num(b), 15, "the first on or after 1951-06-01 (15)");
	is_int(pos_of(b), 16, "position counted after the jump");
	ok(browse_command(b, "goto 1999", &e) == 0, ":goto after the end");
	is_int(cur_num(b), 99, "the end of the list (undated documents last)");
	ok(browse_command(b, "goto soon", &e) < 0, ":goto nonsense fails");
	ok(strstr(e.msg, "soon") != NULL, "naming it: %s", e.msg);
	ok(browse_command(b, "open t-10", &e) == 0 && browse_top(b) == BV_DOC &&
	   doc_num(b, b->cur) == 10, ":open t-10");
	ok(browse_command(b, "back", &e) == 0 && browse_top(b) == BV_LIST, ":back");
	ok(browse_command(b, "forward", &e) == 0 && browse_top(b) == BV_DOC, ":forward");
	is_int(browse_command(b, "forward", &e), BROWSE_CMD_OK,
	       ":forward with nothing ahead is no quit");
	b->v.n = 1;
	ok(browse_command(b, "filter person Bob Jones", &e) == 0 && total_of(b) == 10,
	   ":filter person Bob Jones");
	ok(browse_command(b, "filter from 1951", &e) == 0 && total_of(b) == 7,
	   ":filter from 1951");
	ok(browse_command(b, "filter to 1951-12", &e) == 0 && total_of(b) == 4,
	   ":filter to 1951-12");
	ok(browse_command(b, "filter place \"Seoul\"", &e) == 0 && total_of(b) == 2,
	   ":filter place \"Seoul\" (quotes dropped)");
	ok(browse_command(b, "filter colour red", &e) < 0, ":filter on an unknown field fails");
	ok(browse_command(b, "filter from someday", &e) < 0, ":filter from a bad date fails");
	ok(browse_command(b, "unfilter 4", &e) == 0 && total_of(b) == 4, ":unfilter 4");
	ok(browse_command(b, "unfilter x", &e) < 0, ":unfilter x fails");
	ok(browse_command(b, "widen", &e) == 0 && total_of(b) == 10, ":widen");
	ok(browse_command(b, "search beta", &e) == 0 && total_of(b) == 5, ":search beta");
	ok(browse_command(b, "sort date", &e) == 0 && browse_sort(b) == SORT_DATE, ":sort date");
	ok(browse_command(b, "sort rank", &e) == 0 && browse_sort(b) == SORT_RANK, ":sort rank");
	ok(browse_command(b, "sort size", &e) < 0, ":sort size fails");
	ok(browse_command(b, "clear", &e) == 0 && total_of(b) == NDATED + 1 &&
	   !*b->search, ":clear: search and filters");
	ok(browse_command(b, "timeline", &e) == 0 && browse_top(b) == BV_TIMELINE, ":timeline");
	ok(browse_command(b, "goto 1950-09", &e) == 0 && b->v.timeline.cursor == 19500900 &&
	   b->v.timeline.level == DATE_MONTH, ":goto 1950-09 in the timeline");
	b->v.n = 1;
	ok(browse_command(b, "help", &e) == 0 && browse_top(b) == BV_HELP, ":help");
	b->v.n = 1;
	browse_edge(b, -1, &e);
	browse_move(b, 5, &e);
	ok(browse_command(b, "related", &e) == 0 && browse_top(b) == BV_RELATED, ":related");
	b->v.n = 1;
	ok(browse_command(b, "bookmark", &e) == 0 &&
	   (browse_current(b)->flags & ROW_BOOKMARK), ":bookmark sets the mark");
	ok(browse_toggle_bookmark(b, &e) == 0 &&
	   !(browse_current(b)->flags & ROW_BOOKMARK), "m again removes it");
	is_int(browse_command(b, "quit", &e), BROWSE_CMD_QUIT, ":quit");
	is_int(browse_command(b, "q", &e), BROWSE_CMD_QUIT, ":q");
	is_int(browse_command(b, "", &e), 0, "an empty command does nothing");
	ok(browse_command(b, "frobnicate", &e) < 0, "an unknown command fails");
	ok(strstr(e.msg, "frobnicate") != NULL, "naming it: %s", e.msg);

	start = browse_complete(b, "fi", &l);
	ok(start == 0 && l.n == 1 && strcmp(l.v[0], "filter") == 0, "Tab: fi -> filter");
	strlist_clear(&l);
	start = browse_complete(b, "filter pe", &l);
	ok(start == 7 && l.n == 1 && strcmp(l.v[0], "person") == 0, "filter pe -> person");
	strlist_clear(&l);
	start = browse_complete(b, "filter p", &l);
	is_int(l.n, 2, "filter p: person, place");
	is_int(browse_common_prefix(&l), 1, "common prefix p");
	strlist_clear(&l);
	start = browse_complete(b, "filter person Al", &l);
	ok(start == 14 && l.n == 1 && strcmp(l.v[0], "Alice Smith") == 0,
	   "filter person Al -> Alice Smith (from the facet)");
	strlist_clear(&l);
	start = browse_complete(b, "filter place ", &l);
	is_int(l.n, 2, "filter place: Seoul and Pyongyang");
	strlist_clear(&l);
	start = browse_complete(b, "sort r", &l);
	ok(l.n == 1 && strcmp(l.v[0], "rank") == 0, "sort r -> rank");
	strlist_clear(&l);
	ok(browse_command(b, "tag Plenum-1950", &e) == 0, ":tag Plenum-1950");
	start = browse_complete(b, "untag pl", &l);
	ok(start == 6 && l.n == 1 && strcmp(l.v[0], "Plenum-1950") == 0,
	   "untag pl -> Plenum-1950 (the tags in use, any case)");
	strlist_clear(&l);
	start = browse_complete(b, "tag x", &l);
	is_int(l.n, 0, "tag x: no tag starts so");
	strlist_clear(&l);
	ok(browse_command(b, "untag plenum-1950", &e) == 0, ":untag, any case");
	start = browse_complete(b, "", &l);
	ok(l.n > 10, "an empty line lists every command");
	strlist_clear(&l);
}

static void test_save(struct browse *b, struct store *s)
{
	struct err e;
	struct browse b2;

	browse_edge(b, -1, &e);
	browse_move(b, 17, &e);
	ok(browse_save(b, &e) == 0, "save the position");
	ok(browse_init(&b2, s, 5, &e) == 0, "a new browser");
	is_int(cur_num(&b2), 0, "starts at the top");
	ok(browse_restore(&b2, &e) == 0 && cur_num(&b2) == 17, "restore: back on 17");
	is_int(pos_of(&b2), 18, "position 18");
	browse_free(&b2);
}

/* A second collection for people: documents naming several people, with
 * a name authority that knows Alice Smith's other names. */
static const char people_authority[] =
	"name: Alice Smith\n"
	"born: 1901\n"
	"died: 1980\n"
	"role: Test envoy\n"
	"variant: A. Smith\n"
	"cover: Wren\n"
	"script: \xd0\x90\xd0\xbb\xd0\xb8\xd1\x81\xd0\xb0\n"
	"\n"
	"name: Bob Jones\n"
	"\n"
	"name: Carol\n";

static void put_people(struct store *s, const char *id, const char *date,
                       const char *title, const char *const *people)
{
	struct record r;
	struct err e;
	int res;

	memset(&r, 0, sizeof r);
	r.id = xstrdup(id);
	r.date_text = xstrdup(date);
	text_parse_date(date, &r.date);
	r.title = xstrdup(title);
	for (; people && *people; people++)
		record_add_name(&r.people, *people);
	if (store_put(s, &r, &res, &e) < 0)
		printf("# store_put: %s\n", e.msg);
	record_clear(&r);
}

static struct store *make_people_db(const char *path, struct authority *a)
{
	static const char *const abc[] = { "Alice Smith", "Bob Jones", "Carol",
	                                   NULL };
	static const char *const ab[] = { "Alice Smith", "Bob Jones", NULL };
	static const char *const a1[] = { "Alice Smith", NULL };
	static const char *const c1[] = { "Carol", NULL };
	struct store *s;
	struct err e;

	authority_load_buffer(a, "test authority", people_authority,
	                      sizeof people_authority - 1, NULL, NULL);
	if (store_open(&s, path, 0, &e) < 0) {
		printf("# store_open: %s\n", e.msg);
		return NULL;
	}
	store_set_authority(s, a);
	if (store_people_sync(s, a, 0, &e) < 0 ||
	    store_import_begin(s, &e) < 0) {
		printf("# %s\n", e.msg);
		store_close(s);
		return NULL;
	}
	put_people(s, "p-1", "1950-01-10", "Meeting of three", abc);
	put_people(s, "p-2", "1950-03-01", "Letter of two", ab);
	put_people(s, "p-3", "1952-05-05", "Report alone", a1);
	put_people(s, "p-4", "undated", "Undated note", a1);
	put_people(s, "p-5", "1951-01-01", "Carol writes", c1);
	put_people(s, "p-6", "1951-02-02", "Nobody at all", NULL);
	if (store_import_commit(s, &e) < 0) {
		printf("# commit: %s\n", e.msg);
		store_close(s);
		return NULL;
	}
	return s;
}

static const char *doc_id(struct browse *b, int64_t key)
{
	struct err e;
	const struct doc *d = browse_doc(b, key, &e);

	return d ? d->id : "(none)";
}

static void test_people(const char *dir)
{
	char path[128];
	struct authority auth;
	struct store *s;
	struct browse b;
	struct err e;
	const struct person_info *p;
	const struct strlist *names;
	struct strlist l = {0};
	char *f;
	size_t i;

	memset(&auth, 0, sizeof auth);
	snprintf(path, sizeof path, "%s/people.db", dir);
	s = make_people_db(path, &auth);
	if (!ok(s != NULL, "a collection with people")) {
		authority_free(&auth);
		return;
	}
	if (!ok(browse_init(&b, s, 5, &e) == 0, "browse_init on it")) {
		store_close(s);
		authority_free(&auth);
		return;
	}

	/* a document naming several people: the chooser */
	ok(browse_open_id(&b, "p-1", &e) == 0, "open p-1");
	i = b.nhist;
	ok(browse_people_open(&b, &e) == 0 && browse_top(&b) == BV_PEOPLE,
	   "p: the chooser of its people");
	is_int(b.nhist, i, "not a jump");
	names = browse_people_names(&b, &e);
	ok(names && names->n == 3, "three people (%zu)",
	   names ? names->n : 0);
	browse_people_move(&b, 10);
	is_int(b.v.people.nav.sel, 2, "the selection stops at the last");
	browse_people_move(&b, -10);
	is_int(b.v.people.nav.sel, 0, "and at the first");
	names = browse_people_names(&b, &e);
	for (i = 0; names && i < names->n; i++)
		if (strcmp(names->v[i], "Alice Smith") == 0)
			b.v.people.nav.sel = i;
	ok(browse_people_choose(&b, &e) == 0 && browse_top(&b) == BV_PERSON,
	   "Enter: the person view");
	is_str(b.v.person.name, "Alice Smith", "on Alice Smith");
	ok(b.v.n == 3 && b.v.stack[1] == BV_DOC && b.v.stack[2] == BV_PERSON,
	   "over the document, the chooser closed");

	p = browse_person_info(&b, &e);
	if (!ok(p != NULL, "her facts")) {
		printf("# %s\n", e.msg);
	} else {
		is_str(p->born, "1901", "born 1901");
		is_str(p->died, "1980", "died 1980");
		is_str(p->role, "Test envoy", "her role");
		ok(strlist_find(&p->variants, "A. Smith") >= 0, "a variant");
		ok(strlist_find(&p->covers, "Wren") >= 0, "a cover name");
		is_int(p->scripts.n, 1, "a name in another script");
		is_int(p->uncertain, 0, "known, not uncertain");
		is_int(p->ndocs, 4, "four documents");
		ok(p->nyears == 2 && p->years[0].period == 19500000 &&
		   p->years[0].count == 2 && p->years[1].period == 19520000 &&
		   p->years[1].count == 1, "two in 1950, one in 1952 (one undated)");
		ok(p->nwith == 2 && strcmp(p->with[0].name, "Bob Jones") == 0 &&
		   p->with[0].count == 2, "most often with Bob Jones (twice)");
	}
	browse_person_move(&b, 10);
	is_int(b.v.person.sel, 2, "j stops at the last of her company");
	browse_person_move(&b, -10);
	is_int(b.v.person.sel, 0, "k stops at her name");
	browse_person_move(&b, 1);
	ok(browse_person_enter(&b, &e) == 0 && b.v.person.name &&
	   strcmp(b.v.person.name, "Bob Jones") == 0, "Enter on Bob Jones opens him");
	is_int(b.v.person.sel, 0, "on his name");
	ok(browse_back(&b, &e) == 0 && b.v.person.name &&
	   strcmp(b.v.person.name, "Alice Smith") == 0 && browse_top(&b) == BV_PERSON,
	   "back: Alice Smith");
	is_int(b.v.person.sel, 1, "with Bob Jones still selected");
	p = browse_person_info(&b, &e);
	ok(p && strcmp(p->name, "Alice Smith") == 0, "her facts read again");
	ok(browse_forward(&b, &e) == 0 && b.v.person.name &&
	   strcmp(b.v.person.name, "Bob Jones") == 0, "forward: Bob Jones");
	ok(browse_back(&b, &e) == 0 && browse_back(&b, &e) == 0 &&
	   browse_top(&b) == BV_DOC && strcmp(doc_id(&b, b.cur), "p-1") == 0,
	   "back twice: the document, not the chooser");

	/* narrowing the list to her documents */
	ok(browse_set_search(&b, "letter", &e) == 0, "a search");
	ok(browse_add_filter(&b, QF_PERSON, "Carol", 0, &e) == 0, "and a filter");
	browse_open_id(&b, "p-2", &e);
	ok(browse_command(&b, "person wren", &e) == 0 && browse_top(&b) == BV_PERSON &&
	   b.v.person.name && strcmp(b.v.person.name, "Alice Smith") == 0,
	   ":person wren: a cover name finds Alice Smith");
	ok(browse_person_enter(&b, &e) == 0 && browse_top(&b) == BV_LIST,
	   "Enter on her name: the list");
	is_int(total_of(&b), 4, "her four documents");
	is_str(b.search, "", "the search is replaced");
	f = browse_filters_text(&b);
	is_str(f, "person:\"Alice Smith\"", "by one person filter");
	free(f);
	ok(browse_current(&b) && strcmp(browse_current(&b)->id, "p-2") == 0,
	   "the list on the document she was reached from");
	ok(browse_back(&b, &e) == 0 && browse_top(&b) == BV_PERSON,
	   "back: the person view");
	is_str(b.search, "letter", "the search restored");
	is_int(b.filters->n, 1, "and the filter");
	ok(browse_back(&b, &e) == 0 && browse_top(&b) == BV_DOC &&
	   strcmp(doc_id(&b, b.cur), "p-2") == 0, "back: p-2");
	ok(browse_forward(&b, &e) == 0 && browse_forward(&b, &e) == 0 &&
	   browse_top(&b) == BV_LIST && total_of(&b) == 4,
	   "forward twice: her documents again");
	ok(browse_person_list(&b, &e) == 0 && total_of(&b) == 4,
	   "listing from the list keeps the last person");
	browse_back(&b, &e);
	browse_command(&b, "clear", &e);

	/* one person: no chooser; nobody: a message */
	ok(browse_open_id(&b, "p-5", &e) == 0 && browse_people_open(&b, &e) == 0 &&
	   browse_top(&b) == BV_PERSON && b.v.person.name && strcmp(b.v.person.name, "Carol") == 0,
	   "p on a document with one person opens her at once");
	is_int(browse_people_open(&b, &e), 1, "p in the person view does nothing");
	ok(browse_back(&b, &e) == 0 && browse_top(&b) == BV_DOC, "back: the document");
	ok(browse_open_id(&b, "p-6", &e) == 0 && browse_people_open(&b, &e) == 1 &&
	   browse_top(&b) == BV_DOC, "a document naming nobody: no chooser");
	ok(strstr(b.msg, "nobody") != NULL, "a message says so: %s", b.msg);
	ok(browse_person_open(&b, "Zebedee", &e) == 1 && browse_top(&b) == BV_DOC,
	   "an unknown name: nothing happens");
	ok(strstr(b.msg, "Zebedee") != NULL, "a message names it: %s", b.msg);
	ok(browse_person_open(&b, " ", &e) < 0, "a blank name is refused");
	i = (size_t)browse_command(&b, "person", &e);
	ok(i == 0 && browse_top(&b) == BV_DOC,
	   ":person on a document naming nobody (%d, %s, %s)", (int)i,
	   browse_view_name(browse_top(&b)), b.msg);
	browse_open_id(&b, "p-2", &e);
	ok(browse_command(&b, "person", &e) == 0 && browse_top(&b) == BV_PEOPLE,
	   ":person without a name: the chooser");
	ok(browse_people_choose(&b, &e) == 0 && browse_top(&b) == BV_PERSON,
	   "Enter chooses");

	/* completion */
	browse_complete(&b, "pers", &l);
	ok(l.n == 1 && strcmp(l.v[0], "person") == 0, "Tab: pers -> person");
	strlist_clear(&l);
	i = browse_complete(&b, "person al", &l);
	ok(i == 7 && l.n == 1 && strcmp(l.v[0], "Alice Smith") == 0,
	   "person al -> Alice Smith");
	strlist_clear(&l);
	browse_complete(&b, "person SMI", &l);
	ok(l.n == 1 && strcmp(l.v[0], "Alice Smith") == 0,
	   "person SMI -> Alice Smith (a later word, case ignored)");
	strlist_clear(&l);
	browse_complete(&b, "person ", &l);
	ok(l.n == 3 && strlist_find(&l, "Bob Jones") >= 0 &&
	   strlist_find(&l, "Carol") >= 0, "person: everybody");
	strlist_clear(&l);
	browse_complete(&b, "person q", &l);
	is_int(l.n, 0, "person q: nobody");
	strlist_clear(&l);

	browse_free(&b);
	store_close(s);
	authority_free(&auth);
}

/* The position of every document in the whole collection comes from the
 * counts kept per period; it must equal a count of the rows before it,
 * whatever the precision of the dates around it. */
static void test_count_before(const char *dir)
{
	static const char *const dates[] = {
		"1950", "1950", "March 1950", "1950-03-02", "1950-03-02", "1950-03-09",
		"April 1950", "1950-12-31", "1951", "June 1951", "1951-06-01",
		"1949-01-01", "undated", "undated", "1960-02-29", "1960"
	};
	char path[80];
	struct store *s;
	struct query *all = NULL, *none = NULL;
	struct rows r = {0};
	struct err e;
	size_t i;
	int bad = 0;

	snprintf(path, sizeof path, "%s/count.db", dir);
	if (store_open(&s, path, 0, &e) < 0 || store_import_begin(s, &e) < 0) {
		ok(0, "count_before: a database (%s)", e.msg);
		return;
	}
	for (i = 0; i < ARRAY_LEN(dates); i++) {
		char id[16];

		snprintf(id, sizeof id, "c-%02zu", i);
		put(s, id, dates[i], "A document", "Alice Smith", "Seoul", NULL);
	}
	store_import_commit(s, &e);
	query_parse("", &none, &e);
	query_parse("-zzqqxxw", &all, &e);
	if (store_page(s, none, SORT_DATE, NULL, 1, 0, 100, &r, &e) < 0)
		r.n = 0;
	is_int((long long)r.n, (long long)ARRAY_LEN(dates), "count_before: every document listed");
	for (i = 0; i < r.n; i++) {
		struct page_pos p = { .key = r.v[i].key };
		long long kept = -1, counted = -2;

		store_count_before(s, none, SORT_DATE, &p, &kept, &e);
		store_count_before(s, all, SORT_DATE, &p, &counted, &e);
		if (kept != counted || kept != (long long)i) {
			printf("# row %zu (%s): kept %lld, counted %lld\n", i,
			       r.v[i].id, kept, counted);
			bad++;
		}
	}
	is_int(bad, 0, "count_before: kept counts place every document where a count does");
	rows_free(&r);
	query_free(all);
	query_free(none);
	store_close(s);
}

/* A new list is shown before it is counted; a count a key cuts short
 * stays due (the browser runs it again when idle), one the time limit
 * stops keeps its lower bound. */
static int always(void *arg)
{
	(void)arg;
	return 1;
}

static void test_count_due(const char *dir)
{
	enum { N = 3000 };
	char path[80];
	struct store *s;
	struct browse b;
	struct err e;
	long long pos, total;
	int exact, i;

	snprintf(path, sizeof path, "%s/due.db", dir);
	if (store_open(&s, path, 0, &e) < 0 || store_import_begin(s, &e) < 0) {
		ok(0, "count due: a database (%s)", e.msg);
		return;
	}
	for (i = 0; i < N; i++) {
		char id[16], date[16];

		snprintf(id, sizeof id, "d-%04d", i);
		snprintf(date, sizeof date, "19%02d-%02d-%02d", 50 + i % 40,
		         1 + i % 12, 1 + i % 28);
		put(s, id, date, "A common word", "Alice Smith", "Seoul", NULL);
	}
	store_import_commit(s, &e);
	ok(browse_init(&b, s, 5, &e) == 0, "count due: browse_init");
	ok(browse_set_search(&b, "common", &e) == 0, "count due: a search");
	ok(browse_count_due(&b), "the new list is not counted yet");
	is_int(browse_position_known(&b, &pos, &total, &exact), 0,
	       "its first rows are there");
	ok(pos == 1 && total == -1, "row 1 of a size not known (%lld/%lld)", pos, total);

	store_set_progress(s, always, NULL);
	is_int(browse_count(&b), -1, "a key cuts the count short");
	ok(browse_count_due(&b), "it is still due");
	store_set_progress(s, NULL, NULL);
	is_int(browse_count(&b), 0, "counted when nothing is typed");
	ok(!browse_count_due(&b), "then nothing is due");
	browse_position_known(&b, &pos, &total, &exact);
	ok(pos == 1 && total == N && exact, "1/%d exactly (%lld/%lld, %d)", N, pos,
	   total, exact);

	ok(browse_set_search(&b, "word", &e) == 0, "another search");
	store_set_time_limit(s, 1);
	is_int(browse_count(&b), 0, "the time limit ends the count");
	ok(!browse_count_due(&b), "and it is not run again");
	browse_position_known(&b, &pos, &total, &exact);
	ok(total >= 0 && total < N && !exact, "a lower bound is kept (%lld, exact %d)",
	   total, exact);
	store_set_time_limit(s, 0);
	browse_free(&b);
	store_close(s);
}

/* The generic navigation of list-like views. */
static void test_nav(void)
{
	struct browse_nav nav;

	memset(&nav, 0, sizeof nav);
	browse_nav_show(&nav, 20, 5);
	is_int(nav.page, 5, "the page is what the view showed");
	browse_nav_move(&nav, 20, 7);
	ok(nav.sel == 7 && nav.top == 3, "move 7: the selection kept on screen "
	   "(sel %zu top %zu)", nav.sel, nav.top);
	browse_nav_page(&nav, 20, 1);
	ok(nav.sel == 12 && nav.top == 8, "a page down keeps the line "
	   "(sel %zu top %zu)", nav.sel, nav.top);
	browse_nav_page(&nav, 20, 1);
	browse_nav_page(&nav, 20, 1);
	ok(nav.sel == 19 && nav.top == 15, "at the end, the last item "
	   "(sel %zu top %zu)", nav.sel, nav.top);
	browse_nav_edge(&nav, 20, -1);
	ok(nav.sel == 0 && nav.top == 0, "the first item");
	browse_nav_move(&nav, 20, -3);
	is_int(nav.sel, 0, "no further up");
	browse_nav_edge(&nav, 20, 1);
	browse_nav_show(&nav, 4, 5);
	ok(nav.sel == 3 && nav.top == 0, "fewer items: clamped (sel %zu)",
	   nav.sel);
	browse_nav_scroll(&nav, 30, 100);
	ok(nav.top == 25 && nav.sel == 25, "a pager stops at the last page "
	   "(%zu)", nav.top);
}

/* One current document; every list change a place in the history. */
static void test_current(struct browse *b)
{
	struct err e;
	long long pos, total;
	int exact;

	browse_clear_filters(b, &e);
	browse_set_search(b, "", &e);
	browse_edge(b, -1, &e);
	ok(browse_open_id(b, "t-20", &e) == 0 && doc_num(b, b->cur) == 20,
	   "open t-20");
	ok(!b->cur_outside && cur_num(b) == 20,
	   "the list's selection is the document opened");
	browse_position(b, &pos, &total, &exact);
	is_int(pos, 21, "and its position is the document's");
	browse_pop_view(b);
	browse_add_filter(b, QF_PERSON, "Alice Smith", 0, &e);
	ok(!b->cur_outside && doc_num(b, b->cur) == 0 && cur_num(b) == 0,
	   "a filter without it: the new list's first document is current");
	ok(browse_neighbor(b, 1, &e) == 0 && doc_num(b, b->cur) == 1 &&
	   b->cur_outside, "]: t-01, outside Alice's list");
	browse_position_known(b, &pos, &total, &exact);
	is_int(pos, -2, "its position in the list: none (-2)");
	browse_pop_view(b);
	ok(browse_move(b, 1, &e) == 0 && cur_num(b) == 3 && !b->cur_outside,
	   "j: the list's next document after it (03)");
	/* j is no place: the place of ] now holds the list on 03 */
	ok(browse_back(b, &e) == 0 && browse_top(b) == BV_LIST &&
	   b->filters->n == 1 && doc_num(b, b->cur) == 0,
	   "back: Alice's list as the filter left it, on t-00");
	ok(browse_back(b, &e) == 0, "back again");
	ok(b->filters->n == 0 && doc_num(b, b->cur) == 20 && cur_num(b) == 20,
	   "t-20 before the filter, the list on it (filters %zu, doc %d, row %d)",
	   b->filters->n, doc_num(b, b->cur), cur_num(b));
	is_int(browse_top(b), BV_LIST, "in the list, where the filter was added");
	browse_forward(b, &e);
	ok(browse_set_sort(b, SORT_RANK, &e) == 0, "rank order (no search: "
	   "date order still)");
	browse_batch_begin(b);
	browse_set_search(b, "al", &e);
	browse_set_search(b, "alpha", &e);
	browse_batch_end(b, 1);
	ok(browse_back(b, &e) == 0 && !*b->search && b->filters->n == 1,
	   "a live search is one place: back skips its steps");
	browse_clear_filters(b, &e);
}

int main(void)
{
	char dir[] = "/tmp/fonds-browse-XXXXXX", path[64];
	struct store *s;
	struct browse b;
	struct err e;

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return done_testing();
	}
	snprintf(path, sizeof path, "%s/t.db", dir);
	s = make_db(path);
	if (!ok(s != NULL, "a test database")) {
		return done_testing();
	}
	ok(browse_init(&b, s, 5, &e) == 0, "browse_init");
	is_int(browse_top(&b), BV_LIST, "starts in the list");
	test_list(&b);
	test_search(&b);
	test_filters(&b);
	test_history(&b);
	test_related(&b);
	test_timeline(&b);
	test_commands(&b);
	test_nav();
	test_current(&b);
	test_save(&b, s);
	browse_free(&b);
	store_close(s);
	test_people(dir);
	test_count_before(dir);
	test_count_due(dir);
	{
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return done_testing();
}
