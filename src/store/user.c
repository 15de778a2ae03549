/* user.c - the reader's own data: read marks, bookmarks, notes and their
 * earlier versions, excerpts, tags, saved searches; their export and
 * import; the SQL function the query compiler uses to match notes.
 *
 * Everything is keyed by document id (not key), so it survives a
 * re-import that moves a document. Every write is one transaction, so a
 * signal or kill -9 leaves either the old data or the new, never a part.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* fonds_fold(text): text folded as the query language folds words (case
 * and accents), for matching note:WORDS. NULL stays NULL. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t;
	char *f;

	(void)argc;
	t = sqlite3_value_text(argv[0]);
	if (!t) {
		sqlite3_result_null(ctx);
		return;
	}
	f = text_fold((const char *)t);
	sqlite3_result_text(ctx, f, -1, free);
}

int store_register_functions(sqlite3 *db)
{
	return sqlite3_create_function(db, "fonds_fold", 1,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                               sql_fold, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* --- writing --------------------------------------------------------- */

/* Begin a user-data transaction: refused on a read-only store, and
 * waiting only briefly for another connection's lock (an import may
 * hold it for minutes; the caller then keeps the text elsewhere). */
static int user_begin(struct store *s, struct err *e)
{
	int rc;

	if (s->readonly)
		return err_set(e, "the database is read-only: nothing was saved%s%s%s",
		               s->ro_reason ? " (" : "", s->ro_reason ? s->ro_reason : "",
		               s->ro_reason ? ")" : "");
	if (s->in_import)
		return 0;
	sqlite3_busy_timeout(s->db, STORE_USER_BUSY_MS);
	rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return err_set(e, "the database is busy (another fonds is writing to it): "
		               "nothing was saved");
	if (rc != SQLITE_OK)
		return store_sqlerr(s, e, "saving");
	return 0;
}

static int user_end(struct store *s, int ok, struct err *e)
{
	if (s->in_import)
		return ok ? 0 : -1;
	if (ok && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	if (ok)
		store_sqlerr(s, e, "saving");
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Run one statement with up to three text parameters and the time as
 * ?9; returns the number of rows changed, or -1 with e set. */
static int user_exec(struct store *s, const char *sql, const char *a,
                     const char *b, const char *c, struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s, sql, e);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, 1, a);
	store_bind_text(st, 2, b);
	store_bind_text(st, 3, c);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)time(NULL));
	rc = sqlite3_step(st);
	store_release(s, st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sqlerr(s, e, "saving");
	return sqlite3_changes(s->db);
}

/* One statement in its own transaction. */
static int user_write(struct store *s, const char *sql, const char *a,
                      const char *b, const char *c, struct err *e)
{
	int n;

	if (user_begin(s, e) < 0)
		return -1;
	n = user_exec(s, sql, a, b, c, e);
	if (user_end(s, n >= 0, e) < 0)
		return -1;
	return n;
}

int store_set_read(struct store *s, const char *id, int on, struct err *e)
{
	return user_write(s, on ? "INSERT OR IGNORE INTO read_mark(id, at) VALUES (?1, ?9)"
	                        : "DELETE FROM read_mark WHERE id = ?1",
	                  id, NULL, NULL, e) < 0 ? -1 : 0;
}

int store_set_bookmark(struct store *s, const char *id, int on, struct err *e)
{
	return user_write(s, on ? "INSERT OR IGNORE INTO bookmark(id, at) VALUES (?1, ?9)"
	                        : "DELETE FROM bookmark WHERE id = ?1",
	                  id, NULL, NULL, e) < 0 ? -1 : 0;
}

/* The current note, if it differs from text, becomes a version. */
#define KEEP_VERSION \
	"INSERT INTO note_version(id, text, at, replaced) " \
	"SELECT id, text, at, ?9 FROM note WHERE id = ?1 AND text IS NOT ?2"

int store_set_note(struct store *s, const char *id, const char *text, struct err *e)
{
	int ok;

	if (text && !*text)
		text = NULL;
	if (user_begin(s, e) < 0)
		return -1;
	ok = user_exec(s, KEEP_VERSION, id, text, NULL, e) >= 0 &&
	     user_exec(s, text ? "INSERT INTO note(id, at, text) VALUES (?1, ?9, ?2) "
	                         "ON CONFLICT(id) DO UPDATE SET text = excluded.text, "
	                         "at = excluded.at WHERE text IS NOT excluded.text"
	                       : "DELETE FROM note WHERE id = ?1",
	               id, text, NULL, e) >= 0;
	return user_end(s, ok, e);
}

int store_note_get(struct store *s, const char *id, char **text, int64_t *at,
                   struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s, "SELECT text, at FROM note WHERE id = ?1", e);
	int rc;

	*text = NULL;
	if (at)
		*at = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*text = store_col_dup(st, 0);
		if (at)
			*at = sqlite3_column_int64(st, 1);
	}
	store_release(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, e, "reading a note");
	return rc == SQLITE_ROW;
}

void note_versions_free(struct note_version *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

int store_note_history(struct store *s, const char *id, struct note_version **out,
                       size_t *n, struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s,
		"SELECT text, at, replaced FROM note_version WHERE id = ?1 "
		"ORDER BY replaced DESC, rowid DESC", e);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*out, *n, cap);
		(*out)[*n].text = store_col_dup(st, 0);
		(*out)[*n].at = sqlite3_column_int64(st, 1);
		(*out)[*n].replaced = sqlite3_column_int64(st, 2);
		++*n;
	}
	store_release(s, st);
	if (rc != SQLITE_DONE) {
		note_versions_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_sqlerr(s, e, "reading a note's versions");
	}
	return 0;
}

/* --- excerpts -------------------------------------------------------- */

int store_excerpt_add(struct store *s, const char *id, const char *text,
                      const char *page, int64_t *xid, struct err *e)
{
	if (!text || !*text)
		return err_set(e, "an excerpt needs some text");
	if (user_write(s, "INSERT INTO excerpt(id, text, page, at) VALUES (?1, ?2, ?3, ?9)",
	               id, text, page && *page ? page : NULL, e) < 0)
		return -1;
	if (xid)
		*xid = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_excerpt_delete(struct store *s, int64_t xid, struct err *e)
{
	char num[32];

	snprintf(num, sizeof num, "%lld", (long long)xid);
	return user_write(s, "DELETE FROM excerpt WHERE xid = CAST(?1 AS INTEGER)",
	                  num, NULL, NULL, e);
}

void excerpts_free(struct excerpt *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].text);
		free(v[i].page);
	}
	free(v);
}

int store_excerpts(struct store *s, const char *id, struct excerpt **out, size_t *n,
                   struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s, id ?
		"SELECT xid, id, text, page, at FROM excerpt WHERE id = ?1 ORDER BY at, xid" :
		"SELECT xid, id, text, page, at FROM excerpt ORDER BY at, xid", e);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	if (id)
		store_bind_text(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct excerpt *x;

		ARRAY_RESERVE(*out, *n, cap);
		x = &(*out)[(*n)++];
		x->xid = sqlite3_column_int64(st, 0);
		x->id = store_col_dup(st, 1);
		x->text = store_col_dup(st, 2);
		x->page = store_col_dup(st, 3);
		x->at = sqlite3_column_int64(st, 4);
	}
	store_release(s, st);
	if (rc != SQLITE_DONE) {
		excerpts_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_sqlerr(s, e, "reading excerpts");
	}
	return 0;
}

/* --- tags ------------------------------------------------------------ */

int store_tag_valid(const char *name, struct err *e)
{
	size_t n = name ? strlen(name) : 0;

	if (!n)
		return err_set(e, "a tag needs a name");
	if (n > 64)
		return err_set(e, "tag \"%.20s...\" is too long (at most 64 bytes)", name);
	if (!text_is_valid(name, n))
		return err_set(e, "a tag name must be valid UTF-8");
	if (name[0] == '+' || name[0] == '-' || name[0] == '@')
		return err_set(e, "tag \"%s\": a name cannot start with +, - or @", name);
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == 0x7f)
			return err_set(e, "tag \"%s\": a name has no spaces, quotes or controls",
			               name);
	return 0;
}

int store_tag(struct store *s, const char *id, const char *name, int on, struct err *e)
{
	if (store_tag_valid(name, e) < 0)
		return -1;
	return user_write(s, on ? "INSERT OR IGNORE INTO tag(name, id, at) VALUES (?2, ?1, ?9)"
	                        : "DELETE FROM tag WHERE name = ?2 AND id = ?1",
	                  id, name, NULL, e);
}

int store_tags_of(struct store *s, const char *id, struct strlist *out, struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s,
		"SELECT name FROM tag WHERE id = ?1 ORDER BY name", e);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strlist_add(out, (const char *)sqlite3_column_text(st, 0));
	store_release(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "reading a document's tags");
	return 0;
}

/* Rows of (name, count) from sql into *out. */
static int read_counts(struct store *s, const char *sql, struct facet_value **out,
                       size_t *n, struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s, sql, e);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*out, *n, cap);
		(*out)[*n].name = store_col_dup(st, 0);
		(*out)[*n].count = sqlite3_column_int64(st, 1);
		++*n;
	}
	store_release(s, st);
	if (rc != SQLITE_DONE) {
		facet_values_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_sqlerr(s, e, "reading the reader's data");
	}
	return 0;
}

int store_tags(struct store *s, struct facet_value **out, size_t *n, struct err *e)
{
	/* only tags of documents that are there (a tag may outlive its
	 * document after a re-import under another id) */
	return read_counts(s, "SELECT min(t.name), count(*) FROM tag t JOIN doc d ON d.id = t.id "
	                   "GROUP BY t.name ORDER BY t.name", out, n, e);
}

int store_marks(struct store *s, struct facet_value **out, size_t *n, struct err *e)
{
	/* named as the query language names them, for the filter pane */
	return read_counts(s,
		"SELECT 'is:bookmarked', (SELECT count(*) FROM bookmark b JOIN doc d ON d.id = b.id) "
		"UNION ALL SELECT 'has:note', (SELECT count(*) FROM note o JOIN doc d ON d.id = o.id) "
		"UNION ALL SELECT 'is:read', (SELECT count(*) FROM read_mark r JOIN doc d ON d.id = r.id) "
		"UNION ALL SELECT 'is:unread', (SELECT n FROM period_count WHERE period = -1) - "
		"(SELECT count(*) FROM read_mark r JOIN doc d ON d.id = r.id)", out, n, e);
}

/* --- saved searches -------------------------------------------------- */

int store_saved_valid(const char *name, struct err *e)
{
	size_t n = name ? strlen(name) : 0;

	if (!n)
		return err_set(e, "a saved search needs a name");
	if (n > 64)
		return err_set(e, "the name of a saved search has at most 64 bytes");
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
			return err_set(e, "saved search \"%s\": a name is letters, digits, "
			               "'-', '_' and '.' (it is written @NAME in queries)", name);
	return 0;
}

int store_saved_set(struct store *s, const char *name, const char *query, struct err *e)
{
	struct query *q;

	if (store_saved_valid(name, e) < 0)
		return -1;
	if (query_parse(query, &q, e) < 0)
		return -1;
	query_free(q);
	return user_write(s, "INSERT INTO saved_search(name, query, at) VALUES (?1, ?2, ?9) "
	                  "ON CONFLICT(name) DO UPDATE SET query = excluded.query, at = excluded.at",
	                  name, query, NULL, e) < 0 ? -1 : 0;
}

int store_saved_delete(struct store *s, const char *name, struct err *e)
{
	return user_write(s, "DELETE FROM saved_search WHERE name = ?1", name, NULL, NULL, e);
}

int store_saved_get(struct store *s, const char *name, char **query, struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s,
		"SELECT query FROM saved_search WHERE name = ?1", e);
	int rc;

	*query = NULL;
	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*query = store_col_dup(st, 0);
	store_release(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, e, "reading a saved search");
	return rc == SQLITE_ROW;
}

int store_saved_list(struct store *s, struct facet_value **names, struct strlist *queries,
                     size_t *n, struct err *e)
{
	size_t cap = 0;
	sqlite3_stmt *st = store_prepare_cached(s,
		"SELECT name, query FROM saved_search ORDER BY name", e);
	int rc;

	*names = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_RESERVE(*names, *n, cap);
		(*names)[*n].name = store_col_dup(st, 0);
		(*names)[*n].count = -1;
		strlist_add(queries, (const char *)sqlite3_column_text(st, 1));
		++*n;
	}
	store_release(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "reading saved searches");
	return 0;
}

/* Append the clauses of q to out, each saved search (@NAME, a clause of
 * its own) replaced by its query's clauses; depth bounds a search that
 * names itself. */
static int expand_into(struct store *s, const struct query *q, struct query *out,
                       int depth, struct err *e)
{
	for (size_t i = 0; i < q->n; i++) {
		const struct qclause *cl = &q->v[i];
		const struct qatom *a = NULL;
		struct query *one, *sub;
		char *text;
		int rc;

		for (size_t j = 0; j < cl->n; j++)
			if (cl->atoms[j].kind == Q_FIELD && cl->atoms[j].field == QF_SAVED)
				a = &cl->atoms[j];
		if (!a) {
			one = query_new();
			one->v = xcalloc(1, sizeof *one->v);
			one->n = 1;
			one->v[0] = *cl; /* borrowed for query_append, which copies */
			query_append(out, one);
			one->n = 0;
			free(one->v);
			free(one);
			continue;
		}
		if (cl->n > 1 || a->neg)
			return err_set(e, "@%s: a saved search cannot be excluded or part of OR",
			               a->text);
		if (depth > 8)
			return err_set(e, "@%s: saved searches name each other in a loop", a->text);
		if ((rc = store_saved_get(s, a->text, &text, e)) < 0)
			return -1;
		if (rc == 0)
			return err_set(e, "unknown saved search @%s (fonds saved lists them)",
			               a->text);
		rc = query_parse(text, &sub, e);
		if (rc < 0) {
			err_prefix(e, "saved search @%s", a->text);
			free(text);
			return -1;
		}
		free(text);
		rc = expand_into(s, sub, out, depth + 1, e);
		query_free(sub);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* An error naming the first tag of q that no document has. */
static int check_tags(struct store *s, const struct query *q, struct err *e)
{
	for (size_t i = 0; i < q->n; i++)
		for (size_t j = 0; j < q->v[i].n; j++) {
			const struct qatom *a = &q->v[i].atoms[j];
			sqlite3_stmt *st;
			int rc;

			if (a->kind != Q_FIELD || a->field != QF_TAG)
				continue;
			st = store_prepare_cached(s, "SELECT 1 FROM tag WHERE name = ?1 LIMIT 1", e);
			if (!st)
				return -1;
			store_bind_text(st, 1, a->text);
			rc = sqlite3_step(st);
			store_release(s, st);
			if (rc == SQLITE_DONE)
				return err_set(e, "unknown tag \"%s\" (fonds tags lists them)", a->text);
			if (rc != SQLITE_ROW)
				return store_sqlerr(s, e, "reading the tags");
		}
	return 0;
}

int store_query_expand(struct store *s, const struct query *q, struct query **out,
                       struct err *e)
{
	*out = NULL;
	if (!query_has_field(q, QF_SAVED))
		return query_has_field(q, QF_TAG) ? check_tags(s, q, e) : 0;
	*out = query_new();
	if (expand_into(s, q, *out, 0, e) < 0 ||
	    (query_has_field(*out, QF_TAG) && check_tags(s, *out, e) < 0)) {
		query_free(*out);
		*out = NULL;
		return -1;
	}
	return 1;
}

/* --- export and import ----------------------------------------------- */

static const char *const user_sql[USER_NKINDS] = {
	[USER_READ] = "SELECT id, NULL, NULL, at FROM read_mark ORDER BY id",
	[USER_BOOKMARK] = "SELECT id, NULL, NULL, at FROM bookmark ORDER BY id",
	[USER_NOTE] = "SELECT id, text, NULL, at FROM note ORDER BY id",
	[USER_NOTE_VERSION] = "SELECT id, text, replaced, at FROM note_version "
	                      "ORDER BY id, replaced, rowid",
	[USER_EXCERPT] = "SELECT id, text, page, at FROM excerpt ORDER BY id, at, xid",
	[USER_TAG] = "SELECT id, name, NULL, at FROM tag ORDER BY id, name",
	[USER_SAVED] = "SELECT name, query, NULL, at FROM saved_search ORDER BY name",
};

int store_user_each(struct store *s, int (*cb)(void *ctx, const struct user_item *it),
                    void *ctx, struct err *e)
{
	for (int k = 0; k < USER_NKINDS; k++) {
		sqlite3_stmt *st = store_prepare(s, user_sql[k], e);
		int rc, stop = 0;

		if (!st)
			return -1;
		while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct user_item it = {
				.kind = (enum user_kind)k,
				.id = (const char *)sqlite3_column_text(st, 0),
				.text = (const char *)sqlite3_column_text(st, 1),
				.at = sqlite3_column_int64(st, 3),
			};

			if (k == USER_NOTE_VERSION)
				it.replaced = sqlite3_column_int64(st, 2);
			else
				it.extra = (const char *)sqlite3_column_text(st, 2);
			stop = cb(ctx, &it);
		}
		sqlite3_finalize(st);
		if (stop)
			return 0;
		if (rc != SQLITE_DONE)
			return store_sqlerr(s, e, "reading the reader's data");
	}
	return 0;
}

int store_user_begin(struct store *s, struct err *e)
{
	return user_begin(s, e);
}

int store_user_end(struct store *s, int commit, struct err *e)
{
	return user_end(s, commit, e);
}

/* Run sql bound with the item's strings and times: ?1 id, ?2 text, ?3
 * extra, ?4 at, ?5 replaced. Returns rows changed or -1. */
static int item_exec(struct store *s, const char *sql, const struct user_item *it,
                     struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s, sql, e);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, 1, it->id);
	store_bind_text(st, 2, it->text);
	store_bind_text(st, 3, it->extra);
	sqlite3_bind_int64(st, 4, it->at);
	sqlite3_bind_int64(st, 5, it->replaced);
	rc = sqlite3_step(st);
	store_release(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "importing the reader's data");
	return sqlite3_changes(s->db);
}

int store_user_put(struct store *s, const struct user_item *it, struct err *e)
{
	static const char *const put_sql[USER_NKINDS] = {
		[USER_READ] = "INSERT OR IGNORE INTO read_mark(id, at) VALUES (?1, ?4)",
		[USER_BOOKMARK] = "INSERT OR IGNORE INTO bookmark(id, at) VALUES (?1, ?4)",
		/* of two different notes, the newer is the note and the
		 * other becomes a version: nothing is lost */
		[USER_NOTE] = "INSERT INTO note(id, text, at) VALUES (?1, ?2, ?4) "
		              "ON CONFLICT(id) DO UPDATE SET text = excluded.text, "
		              "at = excluded.at WHERE excluded.at > at AND text IS NOT excluded.text",
		[USER_NOTE_VERSION] = "INSERT INTO note_version(id, text, at, replaced) "
		                      "SELECT ?1, ?2, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM "
		                      "note_version WHERE id = ?1 AND text = ?2 AND at IS ?4)",
		[USER_EXCERPT] = "INSERT INTO excerpt(id, text, page, at) SELECT ?1, ?2, ?3, ?4 "
		                 "WHERE NOT EXISTS (SELECT 1 FROM excerpt WHERE id = ?1 "
		                 "AND text = ?2 AND page IS ?3)",
		[USER_TAG] = "INSERT OR IGNORE INTO tag(name, id, at) VALUES (?2, ?1, ?4)",
		[USER_SAVED] = "INSERT OR IGNORE INTO saved_search(name, query, at) "
		               "VALUES (?1, ?2, ?4)",
	};
	int n;

	if ((unsigned)it->kind >= USER_NKINDS || !it->id ||
	    ((it->kind == USER_NOTE || it->kind == USER_NOTE_VERSION ||
	      it->kind == USER_EXCERPT || it->kind == USER_TAG ||
	      it->kind == USER_SAVED) && (!it->text || !*it->text)))
		return err_set(e, "an item of the reader's data without its text");
	if (it->kind == USER_TAG && store_tag_valid(it->text, e) < 0)
		return -1;
	if (it->kind == USER_SAVED && store_saved_valid(it->id, e) < 0)
		return -1;
	if (it->kind == USER_NOTE) {
		/* the note that loses (older, different) is kept as a version */
		if (item_exec(s, "INSERT INTO note_version(id, text, at, replaced) "
		              "SELECT id, text, at, ?4 FROM note WHERE id = ?1 AND at < ?4 "
		              "AND text IS NOT ?2", it, e) < 0 ||
		    item_exec(s, "INSERT INTO note_version(id, text, at, replaced) "
		              "SELECT ?1, ?2, ?4, at FROM note WHERE id = ?1 AND at >= ?4 "
		              "AND text IS NOT ?2 AND NOT EXISTS (SELECT 1 FROM note_version "
		              "WHERE id = ?1 AND text = ?2)", it, e) < 0)
			return -1;
	}
	if ((n = item_exec(s, put_sql[it->kind], it, e)) < 0)
		return -1;
	return n > 0;
}

int store_doc_exists(struct store *s, const char *id)
{
	sqlite3_stmt *st = store_stmt(s, ST_DOC_BY_ID);
	int rc;

	store_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW;
}
