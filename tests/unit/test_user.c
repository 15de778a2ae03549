/* test_user.c - the reader's data (store/user.c): marks, notes and their
 * versions, excerpts, tags, saved searches, the query terms that find
 * them, export and import, the migration that adds them, read-only. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fonds/record.h"
#include "fonds/store.h"
#include "tap.h"

static char dir[256];

static const char *path_in(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static void put(struct store *s, const char *id, const char *date, const char *title)
{
	struct record r;
	struct err e;
	int result;

	memset(&r, 0, sizeof r);
	r.id = xstrdup(id);
	r.date_text = xstrdup(date);
	text_parse_date(date, &r.date);
	r.title = xstrdup(title);
	if (store_put(s, &r, &result, &e) < 0)
		printf("# put: %s\n", e.msg);
	record_clear(&r);
}

/* The ids matching text, space-separated (or the error). */
static char *ids(struct store *s, const char *text)
{
	static char buf[1200];
	struct query *q = NULL;
	struct rows rows = {0};
	struct err e;

	buf[0] = '\0';
	if (query_parse(text, &q, &e) < 0 ||
	    store_page(s, q, SORT_DATE, NULL, 1, 0, 100, &rows, &e) < 0) {
		snprintf(buf, sizeof buf, "error: %s", e.msg);
	} else {
		for (size_t i = 0; i < rows.n; i++) {
			strcat(buf, i ? " " : "");
			strcat(buf, rows.v[i].id);
		}
	}
	rows_free(&rows);
	query_free(q);
	return buf;
}

struct collect {
	struct sbuf b;
};

static int collect_cb(void *ctx, const struct user_item *it)
{
	struct collect *c = ctx;

	sbuf_printf(&c->b, "%d:%s:%s:%s;", (int)it->kind, it->id, it->text ? it->text : "",
	            it->extra ? it->extra : "");
	return 0;
}

static int put_cb(void *ctx, const struct user_item *it)
{
	struct err e;

	if (store_user_put(ctx, it, &e) < 0)
		printf("# put: %s\n", e.msg);
	return 0;
}

int main(void)
{
	struct store *s, *r;
	struct err e;
	char *text = NULL;
	struct note_version *v;
	struct excerpt *x;
	struct facet_value *fv;
	struct strlist ql = {0};
	size_t n;
	int64_t at, xid;
	struct doc *d;

	snprintf(dir, sizeof dir, "%s/fonds-user-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		skip_all("no temporary directory");
	if (store_open(&s, path_in("u.db"), 0, &e) < 0) {
		printf("# %s\n", e.msg);
		return 1;
	}
	store_import_begin(s, &e);
	put(s, "a", "1950-06-25", "Report on the fighting");
	put(s, "b", "1950-07-01", "Telegram on supplies");
	put(s, "c", "1951-01-01", "Annual review");
	store_import_commit(s, &e);

	/* marks */
	ok(store_set_read(s, "a", 1, &e) == 0, "mark read");
	ok(store_set_bookmark(s, "b", 1, &e) == 0, "bookmark");
	is_str(ids(s, "is:read"), "a", "is:read");
	is_str(ids(s, "is:unread"), "b c", "is:unread");
	is_str(ids(s, "-is:read"), "b c", "-is:read is is:unread");
	is_str(ids(s, "is:bookmarked"), "b", "is:bookmarked");
	is_str(ids(s, "is:bookmark"), "b", "is:bookmark is a spelling of it");
	is_str(ids(s, "is:frobbed"), "error: is: takes read, unread or bookmarked at \"is:frobbed\" (column 1)",
	       "is: with an unknown value is an error");
	ok(store_set_read(s, "a", 0, &e) == 0, "mark unread");
	is_str(ids(s, "is:read"), "", "unread again");

	/* notes and versions */
	ok(store_set_note(s, "a", "First thoughts on Shtykov", &e) == 0, "set a note");
	ok(store_set_note(s, "a", "Second thoughts on Štykov", &e) == 0, "replace it");
	ok(store_set_note(s, "a", "Second thoughts on Štykov", &e) == 0, "save it unchanged");
	is_int(store_note_get(s, "a", &text, &at, &e), 1, "the note is there");
	is_str(text, "Second thoughts on Štykov", "the newest text");
	ok(at > 0, "with its time");
	free(text);
	ok(store_note_history(s, "a", &v, &n, &e) == 0, "history");
	is_int(n, 1, "one earlier version (an unchanged save adds none)");
	if (n)
		is_str(v[0].text, "First thoughts on Shtykov", "the earlier text");
	note_versions_free(v, n);
	is_str(ids(s, "has:note"), "a", "has:note");
	is_str(ids(s, "note:stykov"), "a", "note: folds accents");
	is_str(ids(s, "note:\"second stykov\""), "a", "note: every word, any order");
	is_str(ids(s, "note:first"), "", "note: reads the current note only");
	is_str(ids(s, "-note:stykov"), "b c", "-note:");
	ok(store_set_note(s, "a", NULL, &e) == 0, "delete the note");
	is_int(store_note_get(s, "a", &text, NULL, &e), 0, "no note now");
	ok(store_note_history(s, "a", &v, &n, &e) == 0 && n == 2, "the deleted note is a version");
	if (n == 2)
		is_str(v[0].text, "Second thoughts on Štykov", "newest version first");
	note_versions_free(v, n);
	store_set_note(s, "a", "Third", &e);

	/* excerpts */
	ok(store_excerpt_add(s, "b", "ammunition, fuel and trucks", "12", &xid, &e) == 0, "excerpt");
	ok(store_excerpt_add(s, "b", "", NULL, NULL, &e) < 0, "an empty excerpt is refused");
	ok(store_excerpts(s, "b", &x, &n, &e) == 0 && n == 1, "excerpts of b");
	if (n == 1) {
		is_str(x[0].text, "ammunition, fuel and trucks", "its text");
		is_str(x[0].page, "12", "its page");
	}
	excerpts_free(x, n);
	is_str(ids(s, "has:excerpt"), "b", "has:excerpt");

	/* tags */
	is_int(store_tag(s, "a", "plenum", 1, &e), 1, "tag a");
	is_int(store_tag(s, "c", "Plenum", 1, &e), 1, "tag c (case kept)");
	is_int(store_tag(s, "c", "plenum", 1, &e), 0, "the same tag in another case is there");
	is_int(store_tag(s, "b", "supply", 1, &e), 1, "tag b");
	ok(store_tag(s, "b", "two words", 1, &e) < 0 && strstr(e.msg, "no spaces"),
	   "a tag with a space is refused");
	ok(store_tag(s, "b", "-x", 1, &e) < 0, "a tag starting with - is refused");
	is_str(ids(s, "tag:plenum"), "a c", "tag:");
	is_str(ids(s, "tag:PLENUM"), "a c", "tag: ignores case");
	is_str(ids(s, "-tag:plenum"), "b", "-tag:");
	is_str(ids(s, "tag:plenum OR tag:supply"), "a b c", "tags in OR");
	is_str(ids(s, "tag:nothing"), "error: unknown tag \"nothing\" (fonds tags lists them)",
	       "an unknown tag is an error that names it");
	ok(store_tags(s, &fv, &n, &e) == 0 && n == 2, "two tags");
	if (n == 2) {
		is_str(fv[0].name, "plenum", "by name");
		is_int(fv[0].count, 2, "with its count");
	}
	facet_values_free(fv, n);
	ok(store_marks(s, &fv, &n, &e) == 0 && n == 4, "marks counted");
	if (n == 4) {
		is_str(fv[0].name, "is:bookmarked", "bookmarks first");
		is_int(fv[0].count, 1, "one bookmark");
		is_int(fv[3].count, 3, "three unread");
	}
	facet_values_free(fv, n);
	/* the filter pane's counts of marks and tags over a list, driven by
	 * the reader's tables: the same as the list with the filter added */
	{
		static const char *const lists[] = { "", "supplies", "-tag:supply", "review OR report" };
		struct store_user_count uc[] = {
			{ QF_IS, "bookmarked", 0, 0 }, { QF_IS, "read", 0, 0 },
			{ QF_HAS, "note", 0, 0 }, { QF_HAS, "excerpt", 0, 0 },
			{ QF_TAG, "plenum", 0, 0 }, { QF_TAG, "SUPPLY", 0, 0 },
		};
		static const char *const as_query[] = {
			"is:bookmarked", "is:read", "has:note", "has:excerpt", "tag:plenum", "tag:SUPPLY"
		};
		int same = 1;

		ok(store_set_read(s, "c", 1, &e) == 0, "c read");
		for (size_t l = 0; l < ARRAY_LEN(lists); l++) {
			struct query *q = NULL;

			if (query_parse(lists[l], &q, &e) < 0 ||
			    store_count_user(s, q, uc, ARRAY_LEN(uc), &e) < 0) {
				printf("# %s: %s\n", lists[l], e.msg);
				same = 0;
			}
			for (size_t i = 0; i < ARRAY_LEN(uc); i++) {
				char qtext[128];
				const char *got;
				long long want = 0;

				snprintf(qtext, sizeof qtext, "%s %s", lists[l], as_query[i]);
				got = ids(s, qtext);
				if (*got)
					for (want = 1; (got = strchr(got, ' ')) != NULL; got++)
						want++;
				if (uc[i].rc != 1 || uc[i].n != want) {
					printf("# \"%s\": %lld (rc %d), the list says %lld\n",
					       qtext, uc[i].n, uc[i].rc, want);
					same = 0;
				}
			}
			query_free(q);
		}
		ok(same, "store_count_user: each mark's and tag's count is the list's with it");
		is_int(uc[4].n, 2, "review OR report: both tagged plenum");
		ok(store_set_read(s, "c", 0, &e) == 0, "c unread again");
	}
	ok(store_get(s, "c", &d, &e) == 1 && d->tags.n == 1, "a document carries its tags");
	doc_free(d);
	is_int(store_tag(s, "c", "plenum", 0, &e), 1, "untag");
	is_str(ids(s, "tag:plenum"), "a", "untagged");

	/* saved searches */
	ok(store_saved_set(s, "unread", "is:unread", &e) == 0, "save a search");
	ok(store_saved_set(s, "sup", "tag:supply @unread", &e) == 0, "one naming another");
	ok(store_saved_set(s, "bad name", "x", &e) < 0, "a name with a space is refused");
	ok(store_saved_set(s, "broken", "\"unterminated", &e) < 0, "a query that does not parse is refused");
	is_str(ids(s, "@unread"), "a b c", "@NAME");
	is_str(ids(s, "@sup"), "b", "@NAME naming another");
	is_str(ids(s, "@UNREAD date:1951"), "c", "@NAME with more terms, any case");
	is_str(ids(s, "@nosuch"), "error: unknown saved search @nosuch (fonds saved lists them)",
	       "an unknown saved search is an error");
	is_str(ids(s, "-@unread"), "error: @unread: a saved search cannot be excluded or part of OR",
	       "-@NAME is an error");
	store_saved_set(s, "loop", "@loop", &e);
	ok(strstr(ids(s, "@loop"), "loop") != NULL, "a loop is an error");
	store_saved_delete(s, "loop", &e);
	ok(store_saved_list(s, &fv, &ql, &n, &e) == 0 && n == 2, "two saved searches");
	if (n == 2)
		is_str(ql.v[0], "tag:supply @unread", "their queries");
	facet_values_free(fv, n);
	strlist_clear(&ql);
	{
		struct query *q;
		char *f;

		query_parse("@a is:read tag:x note:\"two words\"", &q, &e);
		f = query_format(q);
		is_str(f, "@a is:read tag:x note:\"two words\"", "the terms print back");
		free(f);
		query_free(q);
	}

	/* export and import */
	{
		struct collect c1 = {{0}}, c2 = {{0}};

		ok(store_open(&r, path_in("r.db"), 0, &e) == 0, "a second database");
		store_import_begin(r, &e);
		put(r, "a", "1950-06-25", "Report on the fighting");
		put(r, "b", "1950-07-01", "Telegram on supplies");
		put(r, "c", "1951-01-01", "Annual review");
		store_import_commit(r, &e);
		store_user_each(s, collect_cb, &c1, &e);
		ok(store_user_begin(r, &e) == 0, "import begins");
		store_user_each(s, put_cb, r, &e);
		ok(store_user_end(r, 1, &e) == 0, "import commits");
		store_user_each(r, collect_cb, &c2, &e);
		is_str(sbuf_str(&c2.b), sbuf_str(&c1.b), "the data round-trips");
		/* again: nothing doubles */
		store_user_begin(r, &e);
		store_user_each(s, put_cb, r, &e);
		store_user_end(r, 1, &e);
		sbuf_reset(&c2.b);
		store_user_each(r, collect_cb, &c2, &e);
		is_str(sbuf_str(&c2.b), sbuf_str(&c1.b), "importing twice adds nothing");
		sbuf_free(&c1.b);
		sbuf_free(&c2.b);
		store_close(r);
	}
	store_close(s);

	/* read-only: refused, nothing changes */
	chmod(path_in("u.db"), 0444);
	if (geteuid() == 0) {
		skip("root writes a read-only file");
	} else if (store_open(&s, path_in("u.db"), 0, &e) == 0) {
		ok(store_set_note(s, "a", "lost?", &e) < 0 && strstr(e.msg, "read-only"),
		   "a read-only database refuses a note, saying so");
		store_note_get(s, "a", &text, NULL, &e);
		is_str(text, "Third", "the note is unchanged");
		free(text);
		store_close(s);
	}
	chmod(path_in("u.db"), 0644);

	/* a version 2 database gains the tables, its marks and notes kept */
	{
		sqlite3 *db;

		if (sqlite3_open(path_in("u.db"), &db) == SQLITE_OK) {
			store_sqlite_setup(db);
			sqlite3_exec(db, "DROP TABLE note_version; DROP TABLE excerpt; DROP TABLE tag;"
			             "DROP TABLE saved_search; PRAGMA user_version = 2;", NULL, NULL, NULL);
			sqlite3_close(db);
		}
		ok(store_open(&s, path_in("u.db"), 0, &e) == 0, "a version 2 database opens");
		store_note_get(s, "a", &text, NULL, &e);
		is_str(text, "Third", "its note is kept");
		free(text);
		is_str(ids(s, "is:bookmarked"), "b", "its bookmark too");
		is_int(store_tag(s, "a", "new", 1, &e), 1, "and it takes tags");
		store_close(s);
	}
	return done_testing();
}
