/* test_store.c - the record store: schema, import and merge, keyset pages,
 * search, counts, facets, timeline, relations, user data, bad files. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fonds/people.h"
#include "fonds/record.h"
#include "fonds/store.h"
#include "store/internal.h"
#include "tap.h"

static char dir[256];

static char *path_in(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

/* Split "a;b" into l. */
static void names(struct strlist *l, const char *s)
{
	while (s && *s) {
		size_t n = strcspn(s, ";");

		if (n)
			strlist_take(l, xstrndup(s, n));
		s += n;
		if (*s)
			s++;
	}
}

static void mk(struct record *r, const char *id, const char *date, const char *title,
               const char *summary, const char *people, const char *related)
{
	memset(r, 0, sizeof *r);
	r->id = id ? xstrdup(id) : NULL;
	r->date_text = date ? xstrdup(date) : NULL;
	if (text_parse_date(date ? date : "", &r->date) < 0)
		printf("# bad test date %s\n", date);
	r->title = title ? xstrdup(title) : NULL;
	r->summary = summary ? xstrdup(summary) : NULL;
	names(&r->people, people);
	names(&r->related, related);
}

static int put(struct store *s, const char *id, const char *date, const char *title,
               const char *summary, const char *people, const char *related)
{
	struct record r;
	struct err e;
	int result = -1;

	mk(&r, id, date, title, summary, people, related);
	if (store_put(s, &r, &result, &e) < 0)
		printf("# put failed: %s\n", e.msg);
	record_clear(&r);
	return result;
}

static long long count(struct store *s, const char *text)
{
	struct query *q;
	struct err e;
	long long n = -1;

	if (query_parse(text, &q, &e) < 0) {
		printf("# %s\n", e.msg);
		return -2;
	}
	if (store_count(s, q, &n, &e) < 0)
		printf("# count: %s\n", e.msg);
	query_free(q);
	return n;
}

/* Titles of the first page of a query, joined with '|'. */
static char *titles(struct store *s, const char *text, enum store_sort sort, size_t n)
{
	struct query *q;
	struct rows rows = {0};
	struct sbuf b = {0};
	struct err e;

	if (query_parse(text, &q, &e) < 0)
		return xstrdup(e.msg);
	if (store_page(s, q, sort, NULL, 1, 0, n, &rows, &e) < 0)
		sbuf_add(&b, e.msg);
	for (size_t i = 0; i < rows.n; i++) {
		if (i)
			sbuf_addc(&b, '|');
		sbuf_add(&b, rows.v[i].title);
	}
	rows_free(&rows);
	query_free(q);
	return sbuf_take(&b);
}

static void check_titles(struct store *s, const char *q, const char *want)
{
	char *got = titles(s, q, SORT_DATE, 100);

	is_str(got, want, q);
	free(got);
}

static void test_import(struct store *s)
{
	struct err e;
	int r;

	ok(store_is_empty(s), "new store is empty");
	ok(store_import_begin(s, &e) == 0, "begin");
	is_int(put(s, "a1", "September 27, 1950", "Telegram from Matveyev to Stalin",
	           "Report on the army", "Vladimir Razuvaev;Joseph Stalin", NULL), STORE_NEW, "new a1");
	is_int(put(s, "a2", "September 30, 1950", "Draft reply from Chanfu to Matveyev",
	           "Approves the plan", "Nikolai Bulganin;Vladimir Razuvaev", "a1"), STORE_NEW, "new a2");
	is_int(put(s, NULL, "1953", "Report of the legation", "Károly Pásztor met Kim Il Sung",
	           "Károly Pásztor;Kim Il Sung", NULL), STORE_NEW, "new derived");
	is_int(put(s, NULL, "", "Recollections of an ambassador", "Memories", NULL, NULL),
	       STORE_NEW, "new undated");
	is_int(put(s, NULL, "June 1956", "Plenum notes", "Critics of the cult of personality",
	           "Kim Il Sung", NULL), STORE_NEW, "new month");
	is_int(put(s, "a3", "October 1, 1950", "Telegram from Vyshinsky", NULL,
	           "Andrei Vyshinsky;Joseph Stalin", NULL), STORE_NEW, "new a3");
	/* the same record again, and again with more fields */
	is_int(put(s, "a1", "September 27, 1950", "Telegram from Matveyev to Stalin",
	           "Report on the army", "Vladimir Razuvaev;Joseph Stalin", NULL),
	       STORE_MERGED, "twice in one import: merged");
	is_int(put(s, "a3", "October 1, 1950", "Telegram from Vyshinsky", "Mistakes reported",
	           NULL, NULL), STORE_MERGED, "a3 enriched");
	/* a record without id matching a derived one by date and title */
	is_int(put(s, NULL, "1953", "Report of the legation", NULL, "Kim Il Sung", NULL),
	       STORE_MERGED, "derived twice in one import: merged");
	/* a finer date moves the document */
	is_int(put(s, NULL, "June 20, 1956", "Plenum notes", NULL, NULL, NULL), STORE_NEW,
	       "different date: another document");
	ok(store_import_commit(s, &e) == 0, "commit");
	ok(!store_is_empty(s), "not empty now");
	is_int(count(s, ""), 7, "seven documents");

	/* rollback leaves nothing */
	ok(store_import_begin(s, &e) == 0, "begin 2");
	put(s, "zz", "1960", "Rolled back", "x", "Nobody", NULL);
	store_import_rollback(s);
	is_int(count(s, ""), 7, "rollback kept seven");
	is_int(count(s, "nobody"), 0, "rolled back name gone");

	/* merging fills missing fields, keeps existing ones */
	ok(store_import_begin(s, &e) == 0, "begin 3");
	r = put(s, "a2", "September 30, 1950", "Another title", "Other summary", NULL, NULL);
	is_int(r, STORE_SAME, "nothing missing: same");
	ok(store_import_commit(s, &e) == 0, "commit 3");
	{
		struct doc *d;

		ok(store_get(s, "a2", &d, &e) == 1, "get a2");
		is_str(d->title, "Draft reply from Chanfu to Matveyev", "title kept");
		is_int(d->names[FACET_PERSON].n, 2, "two people");
		is_str(d->names[FACET_PERSON].v[0], "Nikolai Bulganin", "people sorted");
		is_int(d->date.key, 19500930, "date key");
		is_str(d->date_text, "September 30, 1950", "date text");
		doc_free(d);
		ok(store_get(s, "nope", &d, &e) == 0 && d == NULL, "missing id");
	}
}

static void test_search(struct store *s)
{
	check_titles(s, "", "Telegram from Matveyev to Stalin|Draft reply from Chanfu to Matveyev|"
	             "Telegram from Vyshinsky|Report of the legation|Plenum notes|Plenum notes|"
	             "Recollections of an ambassador");
	check_titles(s, "pasztor", "Report of the legation");
	check_titles(s, "PÁSZTOR", "Report of the legation");
	check_titles(s, "matveyev", "Telegram from Matveyev to Stalin|Draft reply from Chanfu to Matveyev");
	check_titles(s, "matveyev -draft", "Telegram from Matveyev to Stalin");
	check_titles(s, "-telegram -draft -plenum -report", "Recollections of an ambassador");
	check_titles(s, "vyshinsky OR chanfu", "Draft reply from Chanfu to Matveyev|Telegram from Vyshinsky");
	check_titles(s, "\"reply from chanfu\"", "Draft reply from Chanfu to Matveyev");
	check_titles(s, "\"chanfu from reply\"", "");
	check_titles(s, "matv*", "Telegram from Matveyev to Stalin|Draft reply from Chanfu to Matveyev");
	check_titles(s, "person:stalin", "Telegram from Matveyev to Stalin|Telegram from Vyshinsky");
	check_titles(s, "person:\"kim il sung\"", "Report of the legation|Plenum notes");
	check_titles(s, "person:kim", "Report of the legation|Plenum notes");
	check_titles(s, "person:ki", "");
	check_titles(s, "-person:stalin date:1950", "Draft reply from Chanfu to Matveyev");
	check_titles(s, "id:a3", "Telegram from Vyshinsky");
	check_titles(s, "date:1950-09..1950-09", "Telegram from Matveyev to Stalin|"
	             "Draft reply from Chanfu to Matveyev");
	check_titles(s, "date:1953-06", "Report of the legation");
	check_titles(s, "date:1956-06-20", "Plenum notes|Plenum notes");
	check_titles(s, "date:..1950", "Telegram from Matveyev to Stalin|Draft reply from Chanfu to Matveyev|"
	             "Telegram from Vyshinsky");
	check_titles(s, "date:1954..", "Plenum notes|Plenum notes");
	check_titles(s, "stalin person:vyshinsky OR person:bulganin", "Telegram from Vyshinsky");
	check_titles(s, "razuvaev person:vyshinsky OR person:bulganin",
	             "Draft reply from Chanfu to Matveyev");
	check_titles(s, "army OR person:vyshinsky", "Telegram from Matveyev to Stalin|Telegram from Vyshinsky");
	check_titles(s, "\"", "unterminated quote at \"\"\" (column 1)");
	/* things FTS5 would read as syntax are only words here */
	check_titles(s, "NEAR(telegram", "");
	check_titles(s, "title:x", "unknown field (try person:, place:, subject:, collection:, "
	             "language:, id:, date:, tag:, note:, is: or has:) at \"title:x\" (column 1)");
	check_titles(s, "AND telegram", "");
	check_titles(s, "telegram ^", "Telegram from Matveyev to Stalin|Telegram from Vyshinsky");
	/* a misspelled word finds the words one edit away */
	check_titles(s, "vyshinksy", "Telegram from Vyshinsky");
	check_titles(s, "matveyv draft", "Draft reply from Chanfu to Matveyev");
	check_titles(s, "telegramm", "Telegram from Matveyev to Stalin|Telegram from Vyshinsky");
	check_titles(s, "xqzvbnm", "");
	is_int(count(s, "telegram"), 2, "count telegram");
	is_int(count(s, "date:1950"), 3, "count 1950");
	{
		char *got = titles(s, "matveyev telegram", SORT_RANK, 10);

		is_str(got, "Telegram from Matveyev to Stalin", "rank order");
		free(got);
	}
}

static void test_paging(struct store *s)
{
	struct rows a = {0}, b = {0};
	struct page_pos pos;
	struct err e;
	long long before;
	int64_t key;
	struct row nb;

	ok(store_page(s, NULL, SORT_DATE, NULL, 1, 0, 3, &a, &e) == 0, "first page");
	is_int(a.n, 3, "three rows");
	pos.key = a.v[2].key;
	ok(store_page(s, NULL, SORT_DATE, &pos, 1, 0, 3, &b, &e) == 0, "next page");
	is_str(b.v[0].title, "Report of the legation", "next page starts after");
	is_int(b.v[0].date.prec, DATE_YEAR, "year precision");
	rows_free(&b);
	ok(store_page(s, NULL, SORT_DATE, &pos, -1, 0, 10, &b, &e) == 0, "page before");
	is_int(b.n, 2, "two before");
	is_str(b.v[0].title, "Telegram from Matveyev to Stalin", "ascending order backwards");
	rows_free(&b);
	ok(store_page(s, NULL, SORT_DATE, &pos, -1, 1, 10, &b, &e) == 0, "inclusive");
	is_int(b.n, 3, "three with pos");
	rows_free(&b);
	ok(store_page(s, NULL, SORT_DATE, NULL, -1, 0, 1, &b, &e) == 0, "last page");
	is_str(b.v[0].title, "Recollections of an ambassador", "undated sorts last");
	is_int(b.v[0].date.prec, DATE_UNDATED, "undated");
	rows_free(&b);
	ok(store_count_before(s, NULL, SORT_DATE, &pos, &before, &e) == 1, "count before");
	is_int(before, 2, "two before the third");
	ok(store_seek_date(s, NULL, 19510101, 1, &key, &e) == 1, "seek 1951");
	ok(store_neighbor(s, key, -1, &nb, &e) == 1, "neighbor before");
	is_str(nb.title, "Telegram from Vyshinsky", "previous in time");
	row_clear(&nb);
	ok(store_neighbor(s, a.v[0].key, -1, &nb, &e) == 0, "nothing before the first");
	ok(store_seek_date(s, NULL, 19600101, 1, &key, &e) == 1, "seek 1960 finds undated");
	ok(store_seek_date(s, NULL, 19400101, -1, &key, &e) == 0, "nothing before 1940");
	ok(a.v[1].flags & ROW_RELATED, "linked document is marked related");
	rows_free(&a);
}

static void test_counts(struct store *s)
{
	struct bucket *b;
	size_t n;
	long long coarse;
	struct err e;
	struct facet_value *v;
	struct store_stats st;
	struct query *q;

	ok(store_stats(s, &st, &e) == 0, "stats");
	is_int(st.documents, 7, "stats documents");
	is_int(st.undated, 1, "stats undated");
	is_int(st.first, 19500927, "first");
	is_int(st.last, 19560620, "last");
	is_int(st.names[FACET_PERSON], 6, "six people");

	ok(store_timeline(s, NULL, DATE_YEAR, 0, 0, &b, &n, &coarse, &e) == 1, "timeline");
	is_int(n, 7, "1950..1956");
	is_int(b[0].period, 19500000, "first year");
	is_int(b[0].count, 3, "1950 count");
	is_int(b[3].count, 1, "1953 count");
	is_int(b[4].count, 0, "1954 empty");
	is_int(b[6].count, 2, "1956");
	is_int(coarse, 0, "no coarser docs at year level");
	free(b);
	ok(store_timeline(s, NULL, DATE_MONTH, 19500101, 19561231, &b, &n, &coarse, &e) == 1,
	   "months");
	is_int(n, 84, "84 months");
	is_int(b[8].count, 2, "1950-09");
	is_int(b[9].count, 1, "1950-10");
	is_int(b[77].count, 2, "1956-06");
	is_int(coarse, 1, "the 1953 document is year-only");
	free(b);
	ok(store_timeline(s, NULL, DATE_DAY, 19500925, 19501001, &b, &n, NULL, &e) == 1, "days");
	is_int(n, 7, "seven days");
	is_int(b[2].count, 1, "27th");
	is_int(b[6].period, 19501001, "day period");
	free(b);
	query_parse("telegram", &q, &e);
	ok(store_timeline(s, q, DATE_YEAR, 0, 0, &b, &n, NULL, &e) == 1, "timeline of a search");
	is_int(b[0].count, 2, "two telegrams in 1950");
	is_int(n, 1, "a search's timeline spans its documents, not the collection");
	free(b);
	{
		int32_t f, l;
		long long u;
		struct query *d;

		ok(store_query_span(s, q, &f, &l, &e) == 0, "span of a search");
		ok(f == 19500927 && l == 19501001, "the first and last telegram");
		ok(store_query_span(s, NULL, &f, &l, &e) == 0 && f == 19500927 && l == 19560620,
		   "span of everything");
		query_parse("date:1949..1951-06 telegram", &d, &e);
		ok(store_query_span(s, d, &f, &l, &e) == 0 && f == 19490101 && l == 19510630,
		   "a date filter's bounds are the span");
		query_free(d);
		query_parse("date:1953.. person:\"Kim Il Sung\"", &d, &e);
		ok(store_query_span(s, d, &f, &l, &e) == 0 && f == 19530101 && l == 19560600,
		   "an open end comes from the documents");
		query_free(d);
		query_parse("zanzibar", &d, &e);
		ok(store_query_span(s, d, &f, &l, &e) == 0 && f == 0 && l == 0, "no span: nothing");
		query_free(d);
		ok(store_count_undated(s, NULL, &u, &e) == 1 && u == 1, "one undated in all");
		ok(store_count_undated(s, q, &u, &e) == 1 && u == 0, "no undated telegram");
		query_parse("memories", &d, &e);
		ok(store_count_undated(s, d, &u, &e) == 1 && u == 1, "the undated recollections");
		ok(store_query_span(s, d, &f, &l, &e) == 0 && f == 0, "undated only: no span");
		query_free(d);
	}

	ok(store_facet(s, NULL, FACET_PERSON, 3, &v, &n, &e) == 1, "facet all");
	is_int(n, 3, "limit");
	ok(n == 3 && strcmp(v[0].name, "Joseph Stalin") == 0 && v[0].count == 2, "most frequent first");
	facet_values_free(v, n);
	ok(store_facet(s, q, FACET_PERSON, 10, &v, &n, &e) == 1, "facet of a search");
	ok(n == 3 && strcmp(v[0].name, "Joseph Stalin") == 0 && v[0].count == 2, "stalin in both telegrams");
	facet_values_free(v, n);
	query_free(q);
}

static void test_relations(struct store *s)
{
	struct relation *r;
	size_t n;
	struct doc *d;
	struct err e;

	store_get(s, "a1", &d, &e);
	ok(store_related(s, d->key, STORE_REL_SIMILAR, &r, &n, &e) == 0, "related");
	ok(n >= 1 && strcmp(r[0].row.id, "a2") == 0, "the reply is related to the telegram");
	ok(n >= 1 && r[0].kind == REL_LINK && strstr(r[0].reason, "links to this"), "reason: link");
	relations_free(r, n);
	doc_free(d);
	store_get(s, "a2", &d, &e);
	ok(store_related(s, d->key, STORE_REL_SIMILAR, &r, &n, &e) == 0, "related back");
	ok(n >= 1 && strcmp(r[0].row.id, "a1") == 0, "the telegram is related to the reply");
	ok(n >= 1 && strstr(r[0].reason, "same people: Vladimir Razuvaev; 3 days apart"),
	   "same people, days apart");
	relations_free(r, n);
	doc_free(d);
	ok(store_relate_all(s, &e) == 0, "relate all");
}

static void test_user(struct store *s)
{
	struct err e;
	struct doc *d;
	char *v;

	ok(store_set_read(s, "a1", 1, &e) == 0, "mark read");
	ok(store_set_bookmark(s, "a1", 1, &e) == 0, "bookmark");
	ok(store_set_note(s, "a1", "check the archive copy", &e) == 0, "note");
	store_get(s, "a1", &d, &e);
	ok(d->flags & ROW_READ, "read flag");
	ok(d->flags & ROW_BOOKMARK, "bookmark flag");
	is_str(d->note, "check the archive copy", "note text");
	doc_free(d);
	ok(store_set_bookmark(s, "a1", 0, &e) == 0 && store_set_note(s, "a1", "", &e) == 0, "unset");
	store_get(s, "a1", &d, &e);
	ok(!(d->flags & ROW_BOOKMARK) && !d->note, "unset flags");
	doc_free(d);
	ok(store_state_set(s, "last_id", "a2", &e) == 0, "state set");
	v = store_state_get(s, "last_id");
	is_str(v, "a2", "state get");
	free(v);
	ok(store_state_get(s, "nope") == NULL, "state missing");
}

/* Keys order documents by date and stay dense (internal.h). */
static void test_keys(void)
{
	static const int32_t dks[] = {
		-20000, 0, 10000, 19450000, 19450100, 19450101, 19450131, 19450132,
		19450200, 19451231, 19451232, 19460000, 19911231, 99991231
	};
	int ordered = 1, inverse = 1;

	for (size_t i = 0; i < sizeof dks / sizeof dks[0]; i++) {
		if (i > 0 && KEY_OF_DATE(dks[i]) <= KEY_OF_DATE(dks[i - 1]))
			ordered = 0;
		if (dks[i] % 100 != 32 && DATE_OF_KEY(KEY_OF_DATE(dks[i]) + 5) != dks[i])
			inverse = 0;
	}
	ok(ordered, "keys are in date order, bounds such as yyyymm32 too");
	ok(inverse, "the date of a key is the date it was made from");
	ok(KEY_OF_DATE(99991232) < KEY_UNDATED_BASE &&
	   KEY_OF_DATE(KEY_UNDATED) == KEY_UNDATED_BASE &&
	   DATE_OF_KEY(KEY_UNDATED_BASE + 12345678) == KEY_UNDATED, "undated after every date");
	is_int(DATE_OF_KEY(KEY_OF_DATE(19500000 + 32) + 7), 19500000,
	       "a year's extra keys are of the year");
	ok(KEY_OF_DATE(19450101) - KEY_OF_DATE(19450000) < ((int64_t)1 << 22), "dense");
}

/* A finer date moves a document to another key: its names, links,
 * relations and index entries go with it. */
static void test_move(void)
{
	struct store *s;
	struct err e;
	struct doc *d;
	struct relation *r;
	size_t n;
	int linked = 0;

	if (!ok(store_open(&s, path_in("move.db"), 0, &e) == 0, "open move.db"))
		return;
	ok(store_import_begin(s, &e) == 0, "move: begin");
	is_int(put(s, "m1", "1955", "Minutes of the meeting", "Zebulon quartermaster",
	           "Ivan Petrov", NULL), STORE_NEW, "move: m1 with a year");
	is_int(put(s, "m2", "June 3, 1955", "Note on the minutes", "Comments",
	           "Ivan Petrov", "m1"), STORE_NEW, "move: m2 links to m1");
	ok(store_import_commit(s, &e) == 0, "move: commit");
	ok(store_import_begin(s, &e) == 0, "move: begin 2");
	is_int(put(s, "m1", "March 3, 1955", "Minutes of the meeting", NULL, NULL, NULL),
	       STORE_MERGED, "move: m1 with a day");
	/* and one that arrives and moves in the same import */
	is_int(put(s, "m3", "1956", "Protocol", "Xylophone", "Ivan Petrov", NULL),
	       STORE_NEW, "move: m3 new");
	is_int(put(s, "m3", "May 5, 1956", "Protocol", NULL, NULL, NULL),
	       STORE_MERGED, "move: m3 with a day");
	ok(store_import_commit(s, &e) == 0, "move: commit 2");
	ok(store_get(s, "m1", &d, &e) == 1, "move: get m1");
	is_int(d->date.key, 19550303, "move: m1's new date");
	is_int((long long)d->names[FACET_PERSON].n, 1, "move: m1 kept its person");
	doc_free(d);
	is_int(count(s, "zebulon"), 1, "move: m1 is in the index once");
	is_int(count(s, "xylophone"), 1, "move: m3 is in the index once");
	is_int(count(s, "date:1955-03-03"), 1, "move: found by its new date");
	is_int(count(s, "date:1956-05-05 protocol"), 1, "move: m3 found by its new date");
	is_int(count(s, "person:petrov"), 3, "move: the person has all three");
	ok(store_get(s, "m2", &d, &e) == 1, "move: get m2");
	ok(store_related(s, d->key, STORE_REL_STORED, &r, &n, &e) == 0, "move: related");
	for (size_t i = 0; i < n; i++)
		linked |= r[i].kind == REL_LINK && strcmp(r[i].row.id, "m1") == 0;
	ok(linked, "move: the link follows m1");
	relations_free(r, n);
	doc_free(d);
	store_close(s);
	{
		sqlite3 *db;

		ok(sqlite3_open(path_in("move.db"), &db) == SQLITE_OK &&
		   store_sqlite_setup(db) == 0 &&
		   sqlite3_exec(db, "INSERT INTO doc_fts(doc_fts) VALUES ('integrity-check')",
		                NULL, NULL, NULL) == SQLITE_OK, "move: the index is sound");
		for (int i = 0; i < 2; i++) {
			sqlite3_stmt *st = NULL;
			long long hits = -1;

			/* rowids straight from the index: a stale entry would count */
			if (sqlite3_prepare_v2(db, i ? "SELECT count(*) FROM doc_fts('xylophone')"
			                             : "SELECT count(*) FROM doc_fts('zebulon')",
			                       -1, &st, NULL) == SQLITE_OK &&
			    sqlite3_step(st) == SQLITE_ROW)
				hits = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
			is_int(hits, 1, i ? "move: one index entry for m3" : "move: one index entry for m1");
		}
		sqlite3_close(db);
	}
}

/* The name links, people and relations of the database at path, one
 * line per row, to compare two databases. Caller frees. */
static char *dump_links(const char *path)
{
	static const char *const sql[] = {
		"SELECT 'person', person, doc FROM doc_person ORDER BY 2, 3",
		"SELECT 'place', place, doc FROM doc_place ORDER BY 2, 3",
		"SELECT 'subject', subject, doc FROM doc_subject ORDER BY 2, 3",
		"SELECT 'collection', collection, doc FROM doc_collection ORDER BY 2, 3",
		"SELECT 'language', language, doc FROM doc_language ORDER BY 2, 3",
		"SELECT id, name, ndocs, uncertain FROM person ORDER BY id",
		"SELECT src, dst, kind, strength, aux FROM relation ORDER BY 1, 2, 3",
		"SELECT key, id, names FROM doc ORDER BY key",
	};
	struct sbuf b = {0};
	sqlite3 *db;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return xstrdup("cannot open");
	}
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *st;

		if (sqlite3_prepare_v2(db, sql[i], -1, &st, NULL) != SQLITE_OK) {
			sbuf_printf(&b, "%s: %s\n", sql[i], sqlite3_errmsg(db));
			continue;
		}
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);

				sbuf_printf(&b, "%s%s", c ? "|" : "", v ? (const char *)v : "NULL");
			}
			sbuf_addc(&b, '\n');
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return sbuf_take(&b);
}

static long long person_ndocs(struct store *s, const char *name)
{
	struct person_info *p = NULL;
	struct err e;
	long long n = -1;

	if (store_person(s, name, &p, &e) == 1)
		n = p->ndocs;
	person_info_free(p);
	return n;
}

/* The records of test_pending, imported in one transaction. */
static void put_pending(struct store *s, int *results)
{
	struct err e;

	ok(store_import_begin(s, &e) == 0, "pending: begin");
	/* others, so that the people below are rare enough to relate */
	for (int i = 0; i < 6; i++) {
		char id[8], date[32];

		snprintf(id, sizeof id, "f%d", i);
		snprintf(date, sizeof date, "%d", 1960 + i);
		put(s, id, date, "Filler", NULL, "Somebody Else", NULL);
	}
	/* two forms of one name: one link */
	results[0] = put(s, "p1", "May 2, 1951", "Minutes of the committee", "Quorum",
	                 "Ivan Petrov;IVAN PETROV", NULL);
	results[1] = put(s, "p2", "May 3, 1951", "Letter to the committee", "Xenon",
	                 "Ivan Petrov;Olga Orlova", NULL);
	/* more names for a document whose links are not written yet */
	results[2] = put(s, "p1", "May 2, 1951", "Minutes of the committee", NULL,
	                 "Olga Orlova", NULL);
	/* and a finer date, which moves it to another key */
	results[3] = put(s, "p3", "1951", "Report on the committee", "Yttrium",
	                 "Pavel Sidorov", NULL);
	results[4] = put(s, "p3", "May 9, 1951", "Report on the committee", NULL,
	                 "Ivan Petrov", NULL);
	ok(store_import_commit(s, &e) == 0, "pending: commit");
}

/* The name links of new documents are written in batches, not as they
 * arrive: whatever reads them during the import (a merge, relations at
 * commit) sees every one, and importing the same records again changes
 * nothing. */
static void test_pending(void)
{
	struct store *s;
	struct err e;
	struct doc *d;
	struct relation *r;
	size_t n;
	int res[5], people = 0;
	char *before, *after;

	if (!ok(store_open(&s, path_in("pending.db"), 0, &e) == 0, "open pending.db"))
		return;
	put_pending(s, res);
	is_int(res[0], STORE_NEW, "pending: p1 new");
	is_int(res[2], STORE_MERGED, "pending: p1 merged");
	is_int(res[4], STORE_MERGED, "pending: p3 merged");
	ok(store_get(s, "p1", &d, &e) == 1, "pending: get p1");
	is_int((long long)d->names[FACET_PERSON].n, 2, "pending: p1 has both people, once each");
	doc_free(d);
	ok(store_get(s, "p3", &d, &e) == 1, "pending: get p3");
	is_int(d->date.key, 19510509, "pending: p3 moved to its day");
	is_int((long long)d->names[FACET_PERSON].n, 2, "pending: p3 kept its person when it moved");
	doc_free(d);
	is_int(person_ndocs(s, "Ivan Petrov"), 3, "pending: Petrov counted once per document");
	is_int(person_ndocs(s, "Olga Orlova"), 2, "pending: Orlova counted with the merge");
	is_int(count(s, "person:orlova"), 2, "pending: Orlova's documents");
	is_int(count(s, "orlova"), 2, "pending: the index knows the merged name");
	is_int(count(s, "person:sidorov date:1951-05-09"), 1, "pending: Sidorov at the new key");
	ok(store_get(s, "p1", &d, &e) == 1 &&
	   store_related(s, d->key, STORE_REL_STORED, &r, &n, &e) == 0, "pending: related");
	for (size_t i = 0; i < n; i++)
		people |= r[i].kind == REL_PEOPLE && strcmp(r[i].row.id, "p2") == 0;
	ok(people, "pending: same people, from links of the same import");
	relations_free(r, n);
	doc_free(d);
	before = dump_links(path_in("pending.db"));
	put_pending(s, res);
	is_int(res[0] == STORE_SAME && res[1] == STORE_SAME && res[2] == STORE_SAME &&
	       res[3] == STORE_SAME && res[4] == STORE_SAME, 1, "pending: again: all the same");
	after = dump_links(path_in("pending.db"));
	is_str(after, before, "pending: again: the same links, counts and relations");
	free(before);
	free(after);
	store_close(s);
}

/* Records whose people were recognised beforehand (in the parser's
 * thread) are stored as if the store had recognised them. */
static void test_recognized(void)
{
	static const char people_txt[] =
		"name: Ivan Petrov\nvariant: I. Petrov\n\nname: Olga Orlova\n";
	static const char *const titles[][2] = {
		{ "Telegram from I. Petrov to Comrade Zhukov", "Orlova agrees." },
		{ "Letter from Olga Orlova to Ambassador Zhukov", "Petrov is away." },
		{ "Telegram from I. Petrov to Comrade Zhukov", "And again, with Olga Orlova." },
	};
	struct authority a = {0};
	char *dump[2];

	authority_load_buffer(&a, "test", people_txt, strlen(people_txt), NULL, NULL);
	for (int pre = 0; pre < 2; pre++) {
		struct store *s;
		struct err e;
		const char *db = pre ? "recognized1.db" : "recognized0.db";

		if (!ok(store_open(&s, path_in(db), 0, &e) == 0, "recognized: open %s", db))
			return;
		store_set_authority(s, &a);
		ok(store_import_begin(s, &e) == 0, "recognized: begin");
		for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
			struct record r;
			int result;
			char id[8];

			snprintf(id, sizeof id, "r%zu", i % 2);
			mk(&r, id, i ? "June 2, 1952" : "June 1, 1952", titles[i][0], titles[i][1],
			   "IVAN PETROV", NULL);
			if (pre) {
				store_recognize(s, &r);
				ok(r.flags & RECORD_PEOPLE_FOUND, "recognized: r%zu marked", i);
			}
			if (store_put(s, &r, &result, &e) < 0)
				printf("# put failed: %s\n", e.msg);
			record_clear(&r);
		}
		ok(store_import_commit(s, &e) == 0, "recognized: commit");
		is_int(person_ndocs(s, "Zhukov"), 2, "recognized: the uncertain name linked");
		is_int(count(s, "person:orlova"), 2, "recognized: known people linked");
		store_close(s);
		dump[pre] = dump_links(path_in(db));
	}
	is_str(dump[1], dump[0], "recognized: the same links, people and relations");
	free(dump[0]);
	free(dump[1]);
	authority_free(&a);
}

/* A search that found a document through another of a person's names:
 * the forms its text does hold (what the document pane highlights). */
static void test_forms(void)
{
	static const char people_txt[] =
		"name: Joseph Stalin\nvariant: Stalin\ncover: Filippov\ncover: Feng Xi\n";
	struct authority a = {0};
	struct store *s;
	struct err e;
	struct query *q;
	struct strlist f = {0};
	struct record r;
	struct rows rows = {0};
	int result;

	authority_load_buffer(&a, "test", people_txt, strlen(people_txt), NULL, NULL);
	if (!ok(store_open(&s, path_in("forms.db"), 0, &e) == 0, "forms: open"))
		return;
	store_set_authority(s, &a);
	ok(store_people_sync(s, &a, 0, &e) == 0, "forms: the authority stored");
	ok(store_import_begin(s, &e) == 0, "forms: begin");
	mk(&r, "f1", "June 1, 1952", "Telegram from Feng Xi to Shtykov",
	   "Stalin agrees to the plan.", "Joseph Stalin", NULL);
	ok(store_put(s, &r, &result, &e) == 0, "forms: put");
	record_clear(&r);
	ok(store_import_commit(s, &e) == 0, "forms: commit");

	query_parse("filippov", &q, &e);
	ok(store_page(s, q, SORT_DATE, NULL, 1, 0, 10, &rows, &e) == 0 && rows.n == 1,
	   "forms: the cover name finds the telegram");
	ok(rows.n == 1 && rows.v[0].snippet && !strstr(rows.v[0].snippet, "Filippov") &&
	   !strstr(rows.v[0].snippet, " ; "), "forms: the snippet is not the names column");
	ok(rows.n == 1 && rows.v[0].snippet && strstr(rows.v[0].snippet, "Stalin agrees"),
	   "forms: the snippet is the summary");
	ok(rows.n == 1 && store_doc_forms(s, rows.v[0].key, q, &f, &e) == 0, "forms: read");
	ok(strlist_find(&f, "Stalin") >= 0 && strlist_find(&f, "Feng Xi") >= 0,
	   "forms: the spellings the text holds");
	ok(strlist_find(&f, "Filippov") < 0 && strlist_find(&f, "Joseph Stalin") < 0,
	   "forms: not those it does not");
	strlist_clear(&f);
	query_free(q);
	query_parse("stalin", &q, &e);
	ok(rows.n == 1 && store_doc_forms(s, rows.v[0].key, q, &f, &e) == 0 && f.n == 0,
	   "forms: a word the text holds adds nothing");
	strlist_clear(&f);
	rows_free(&rows);
	ok(store_page(s, q, SORT_DATE, NULL, 1, 0, 10, &rows, &e) == 0 && rows.n == 1 &&
	   rows.v[0].snippet && strstr(rows.v[0].snippet, "\002Stalin\003 agrees"),
	   "forms: a snippet with the match marked, from the summary");
	rows_free(&rows);
	query_free(q);
	store_close(s);
	authority_free(&a);
}

static void test_files(void)
{
	struct store *s;
	struct err e;
	FILE *fp;
	sqlite3 *db;

	/* not a database */
	fp = fopen(path_in("junk.db"), "w");
	fputs("this is not a database, just some text that is long enough to matter\n", fp);
	for (int i = 0; i < 200; i++)
		fputs("junk junk junk junk junk junk junk junk\n", fp);
	fclose(fp);
	ok(store_open(&s, path_in("junk.db"), 0, &e) < 0, "junk refused");
	ok(strstr(e.msg, "not a fonds database") != NULL, "says it is not a database");

	/* missing with NOCREATE */
	ok(store_open(&s, path_in("none.db"), STORE_NOCREATE, &e) < 0, "missing refused");
	ok(strstr(e.msg, "no such database") != NULL, "says missing");
	ok(access(path_in("none.db"), F_OK) != 0, "nothing created");

	/* a newer schema */
	ok(sqlite3_open(path_in("new.db"), &db) == SQLITE_OK, "make newer");
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	ok(store_open(&s, path_in("new.db"), 0, &e) < 0, "newer refused");
	ok(strstr(e.msg, "newer fonds") != NULL, "says newer");

	/* created in a new directory, then reopened read-only */
	ok(store_open(&s, path_in("sub/dir/x.db"), 0, &e) == 0, "create with directories");
	ok(!store_is_readonly(s), "writable");
	store_close(s);
	ok(store_open(&s, path_in("sub/dir/x.db"), STORE_READONLY, &e) == 0, "read-only open");
	ok(store_is_readonly(s), "read-only");
	ok(store_import_begin(s, &e) < 0 && strstr(e.msg, "read-only"), "no import when read-only");
	ok(store_set_read(s, "x", 1, &e) < 0, "no user data when read-only");
	store_close(s);
}

int main(void)
{
	struct store *s;
	struct err e;
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/fonds-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		skip_all("no temporary directory");
	if (!ok(store_open(&s, path_in("t.db"), 0, &e) == 0, "open new"))
		printf("# %s\n", e.msg);
	test_import(s);
	test_search(s);
	test_paging(s);
	test_counts(s);
	test_relations(s);
	test_user(s);
	store_close(s);
	ok(store_open(&s, path_in("t.db"), 0, &e) == 0, "reopen");
	is_int(count(s, ""), 7, "data persists");
	store_close(s);
	test_files();
	test_keys();
	test_move();
	test_pending();
	test_recognized();
	test_forms();
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return done_testing();
}
