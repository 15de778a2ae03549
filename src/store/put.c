/* put.c - adding and merging records: the write side of an import. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonds/people.h"
#include "internal.h"

int store_import_begin(struct store *s, struct err *e)
{
	sqlite3_stmt *st;

	if (s->readonly)
		return err_set(e, "%s is read-only: cannot import into it", s->path);
	if (s->in_import)
		return err_set(e, "an import is already running");
	st = store_stmt(s, ST_BEGIN);
	if (sqlite3_step(st) != SQLITE_DONE)
		return store_sqlerr(s, e, "starting the import");
	sqlite3_reset(st);
	s->in_import = 1;
	if (sqlite3_exec(s->db, "DELETE FROM temp.touched", NULL, NULL, NULL) != SQLITE_OK) {
		store_import_rollback(s);
		return store_sqlerr(s, e, "starting the import");
	}
	return 0;
}

void store_import_rollback(struct store *s)
{
	if (!s->in_import)
		return;
	sqlite3_step(store_stmt(s, ST_ROLLBACK));
	sqlite3_reset(s->st[ST_ROLLBACK]);
	s->in_import = 0;
}

/* Keep the largest span of any document, so date searches can bound the
 * key range they scan. */
static int update_max_span(struct store *s, struct err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO meta(key, value) SELECT 'max_span', max(coalesce("
		"  (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'max_span'), 0),"
		"  coalesce((SELECT max(d.last / 10000 - d.first / 10000) FROM doc d"
		"   JOIN temp.touched t ON t.key = d.key WHERE d.prec > 0), 0))"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value RETURNING value", e);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		s->max_span = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, e, "updating the date span");
}

int store_import_commit(struct store *s, struct err *e)
{
	sqlite3_stmt *st;

	if (!s->in_import)
		return err_set(e, "no import is running");
	if (update_max_span(s, e) < 0 || store_relate_touched(s, e) < 0) {
		store_import_rollback(s);
		return -1;
	}
	st = store_stmt(s, ST_COMMIT);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_sqlerr(s, e, "saving the import");
		store_import_rollback(s);
		return -1;
	}
	sqlite3_reset(st);
	s->in_import = 0;
	return 0;
}

/* The text a record is known by when it has no id: its title, or the
 * start of its summary or text. */
static const char *record_label(const struct record *r)
{
	if (r->title && *r->title)
		return r->title;
	if (r->summary && *r->summary)
		return r->summary;
	return r->body ? r->body : "";
}

/* "19500930|folded title" (caller frees), or NULL when there is nothing
 * to match on. */
static char *match_key(const struct record *r)
{
	const char *label = record_label(r);
	char *fold, *m;
	size_t n;

	if (!*label)
		return NULL;
	n = strlen(label);
	if (n > 400) {
		/* a long summary: its start identifies it well enough */
		char *head = xstrndup(label, 400);

		fold = text_fold(head);
		free(head);
	} else {
		fold = text_fold(label);
	}
	m = xmalloc(strlen(fold) + 16);
	sprintf(m, "%08d|%s", (int)r->date.key, fold);
	free(fold);
	return m;
}

char *store_derive_id(const struct record *r)
{
	char *m = match_key(r);
	char buf[24];
	uint64_t h;

	h = m ? hash64(m, strlen(m), 0) : 0;
	free(m);
	snprintf(buf, sizeof buf, "x%016llx", (unsigned long long)h);
	return xstrdup(buf);
}

/* The smallest free key for date key dk. */
static int alloc_key(struct store *s, int32_t dk, int64_t *key, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_DOC_MAXKEY);
	int64_t base = KEY_OF_DATE(dk ? dk : KEY_UNDATED);
	int rc;

	sqlite3_bind_int64(st, 1, base);
	sqlite3_bind_int64(st, 2, base + ((int64_t)1 << KEY_SEQ_BITS) - 1);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_sqlerr(s, e, "allocating a key");
	}
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		*key = base;
	else
		*key = sqlite3_column_int64(st, 0) + 1;
	sqlite3_reset(st);
	if (*key - base >= ((int64_t)1 << KEY_SEQ_BITS))
		return err_set(e, "too many documents with the same date");
	return 0;
}

/* Find or create the name in facet table f; *id receives its row id (0
 * for a name that folds to nothing). A person found only through the
 * patterns of a title is created uncertain; one the data names for sure
 * stops being uncertain. */
static int facet_id(struct store *s, enum facet f, const char *name, int uncertain,
                    int64_t *id, struct err *e)
{
	struct facet_stmts *fs = &s->fs[f];
	char *fold = text_fold(name);
	int rc;

	*id = 0;
	if (!*fold) {
		free(fold);
		return 0;
	}
	sqlite3_reset(fs->find);
	store_bind_text(fs->find, 1, fold);
	rc = sqlite3_step(fs->find);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(fs->find, 0);
		sqlite3_reset(fs->find);
		free(fold);
		if (f == FACET_PERSON && !uncertain) {
			sqlite3_stmt *st = store_stmt(s, ST_PERSON_CERTAIN);

			sqlite3_bind_int64(st, 1, *id);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE)
				return store_sqlerr(s, e, "adding a name");
		}
		return 0;
	}
	sqlite3_reset(fs->find);
	if (f == FACET_PERSON) {
		/* a name the authority knows under another form */
		sqlite3_stmt *st = store_stmt(s, ST_PERSON_BY_ALIAS);

		store_bind_text(st, 1, fold);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (*id) {
			free(fold);
			return 0;
		}
	}
	sqlite3_reset(fs->insert);
	store_bind_text(fs->insert, 1, name);
	store_bind_text(fs->insert, 2, fold);
	rc = sqlite3_step(fs->insert);
	free(fold);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(fs->insert);
		return store_sqlerr(s, e, "adding a name");
	}
	*id = sqlite3_column_int64(fs->insert, 0);
	sqlite3_step(fs->insert);
	sqlite3_reset(fs->insert);
	if (f == FACET_PERSON && uncertain) {
		sqlite3_stmt *st = store_stmt(s, ST_PERSON_UNCERTAIN);

		sqlite3_bind_int64(st, 1, *id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_sqlerr(s, e, "adding a name");
	}
	return 0;
}

/* Languages come as one string, "Russian; English". */
static void split_languages(const char *lang, struct strlist *out)
{
	const char *p = lang;

	while (p && *p) {
		size_t n = strcspn(p, ";,");
		char *one = str_trim(xstrndup(p, n));

		if (*one && strlist_find(out, one) < 0)
			strlist_take(out, one);
		else
			free(one);
		p += n;
		if (*p)
			p++;
	}
}

/* Link the names of list to the document in facet f; *added counts new
 * links. */
static int link_list(struct store *s, enum facet f, const struct strlist *list,
                     int uncertain, int64_t key, int *added, struct err *e)
{
	for (size_t i = 0; i < list->n; i++) {
		sqlite3_stmt *ln = s->fs[f].link;
		int64_t id = 0;

		if (facet_id(s, f, list->v[i], uncertain, &id, e) < 0)
			return -1;
		if (!id)
			continue;
		sqlite3_reset(ln);
		sqlite3_bind_int64(ln, 1, id);
		sqlite3_bind_int64(ln, 2, key);
		if (sqlite3_step(ln) != SQLITE_DONE) {
			sqlite3_reset(ln);
			return store_sqlerr(s, e, "linking a name");
		}
		*added += sqlite3_changes(s->db) > 0;
		sqlite3_reset(ln);
	}
	return 0;
}

int store_link_people(struct store *s, const struct record *r, int64_t key, int *added,
                      struct err *e)
{
	struct strlist people = {0}, uncertain = {0};
	int rc;

	if (!s->authority)
		return link_list(s, FACET_PERSON, &r->people, 0, key, added, e);
	for (size_t i = 0; i < r->people.n; i++)
		strlist_add(&people, r->people.v[i]);
	people_recognize(s->authority, r->title, r->summary, &people, &uncertain);
	rc = link_list(s, FACET_PERSON, &people, 0, key, added, e);
	if (rc == 0)
		rc = link_list(s, FACET_PERSON, &uncertain, 1, key, added, e);
	strlist_clear(&people);
	strlist_clear(&uncertain);
	return rc;
}

/* Link every name of r to the document; *added counts new links. */
static int link_names(struct store *s, const struct record *r, int64_t key,
                      int *added, struct err *e)
{
	const struct strlist *lists[FACET_NKINDS] = {
		NULL, &r->places, &r->subjects, &r->collections, NULL
	};
	struct strlist langs = {0};
	int rc;

	rc = store_link_people(s, r, key, added, e);
	split_languages(r->language, &langs);
	lists[FACET_LANGUAGE] = &langs;
	for (int f = FACET_PLACE; f < FACET_NKINDS && rc == 0; f++)
		rc = link_list(s, (enum facet)f, lists[f], 0, key, added, e);
	strlist_clear(&langs);
	for (size_t i = 0; rc == 0 && i < r->related.n; i++) {
		sqlite3_stmt *st = store_stmt(s, ST_LINK_INSERT);

		sqlite3_bind_int64(st, 1, key);
		store_bind_text(st, 2, r->related.v[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_sqlerr(s, e, "storing a link");
		else
			*added += sqlite3_changes(s->db) > 0;
		sqlite3_reset(st);
	}
	return rc;
}

char *store_names_of(struct store *s, int64_t key)
{
	struct sbuf b = {0};
	sqlite3_stmt *al = store_stmt(s, ST_ALIASES_OF_DOC);

	for (int f = 0; f < FACET_LANGUAGE; f++) {
		sqlite3_stmt *ns = s->fs[f].names;

		sqlite3_reset(ns);
		sqlite3_bind_int64(ns, 1, key);
		while (sqlite3_step(ns) == SQLITE_ROW) {
			if (b.len)
				sbuf_add(&b, " ; ");
			sbuf_add(&b, (const char *)sqlite3_column_text(ns, 0));
		}
		sqlite3_reset(ns);
	}
	/* the other names of its people: variants, cover names, scripts */
	sqlite3_bind_int64(al, 1, key);
	while (sqlite3_step(al) == SQLITE_ROW) {
		if (b.len)
			sbuf_add(&b, " ; ");
		sbuf_add(&b, (const char *)sqlite3_column_text(al, 0));
	}
	sqlite3_reset(al);
	return b.len ? sbuf_take(&b) : NULL;
}

int store_touch(struct store *s, int64_t key, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_TOUCH);
	int rc;

	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, e, "tracking the import");
}

static int insert_new(struct store *s, const struct record *r, const char *id,
                      int derived, const char *match, struct err *e)
{
	sqlite3_stmt *st;
	int64_t key;
	int added = 0;
	char *names, *series, *genre, *recipient;

	if (alloc_key(s, r->date.key, &key, e) < 0)
		return -1;
	st = store_stmt(s, ST_DOC_INSERT);
	sqlite3_bind_int64(st, 1, key);
	store_bind_text(st, 2, id);
	sqlite3_bind_int(st, 3, derived);
	store_bind_text(st, 4, match);
	store_bind_text(st, 5, r->date_text);
	sqlite3_bind_int(st, 6, (int)r->date.prec);
	sqlite3_bind_int(st, 7, r->date.key);
	sqlite3_bind_int(st, 8, r->date.first);
	sqlite3_bind_int(st, 9, r->date.last);
	sqlite3_bind_int(st, 10, r->date.range);
	store_bind_text(st, 11, r->title ? r->title : "");
	store_bind_text(st, 12, r->summary);
	store_bind_text(st, 13, r->body);
	store_bind_text(st, 14, r->source);
	store_bind_text(st, 15, r->language);
	store_bind_text(st, 16, r->url);
	store_bind_text(st, 17, r->type);
	sqlite3_bind_null(st, 18);
	store_title_keys(r->title, &series, &genre, &recipient);
	store_bind_text(st, 19, series);
	store_bind_text(st, 20, genre);
	store_bind_text(st, 21, recipient);
	free(series);
	free(genre);
	free(recipient);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_sqlerr(s, e, "adding a document");
	}
	sqlite3_reset(st);
	if (link_names(s, r, key, &added, e) < 0)
		return -1;
	names = added ? store_names_of(s, key) : NULL;
	if (names) {
		sqlite3_stmt *up = store_prepare(s, "UPDATE doc SET names = ?1 WHERE key = ?2", e);
		int rc;

		if (!up) {
			free(names);
			return -1;
		}
		store_bind_text(up, 1, names);
		sqlite3_bind_int64(up, 2, key);
		rc = sqlite3_step(up);
		sqlite3_finalize(up);
		free(names);
		if (rc != SQLITE_DONE)
			return store_sqlerr(s, e, "indexing names");
	}
	return store_touch(s, key, e);
}

/* Column order of the merge statements below. */
enum { M_DATE_TEXT, M_TITLE, M_SUMMARY, M_BODY, M_SOURCE, M_LANGUAGE, M_URL,
       M_TYPE, M_NFIELDS };

/* Fill the fields the stored document lacks from r; a finer date replaces
 * a coarser one (moving the document to a new key). */
static int merge_into(struct store *s, int64_t key, int derived, const struct record *r,
                      const char *id, int *result, struct err *e)
{
	static const char *const cols[M_NFIELDS] = {
		"date_text", "title", "summary", "body", "source", "language", "url", "type"
	};
	const char *vals[M_NFIELDS] = {
		r->date_text, r->title, r->summary, r->body, r->source, r->language,
		r->url, r->type
	};
	sqlite3_stmt *st = store_prepare(s,
		"SELECT date_text, title, summary, body, source, language, url, type, "
		"prec, dkey, id FROM doc WHERE key = ?1", e);
	struct sbuf sql = {0};
	int changed = 0, nset = 0, rc, added = 0;
	int set[M_NFIELDS] = {0};
	int new_date = 0, new_id = 0;
	int64_t newkey = key;
	char *oldid = NULL;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, key);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_sqlerr(s, e, "reading a document to merge");
	}
	for (int i = 0; i < M_NFIELDS; i++) {
		const unsigned char *old = sqlite3_column_text(st, i);

		if (vals[i] && *vals[i] && (!old || !*old)) {
			set[i] = 1;
			nset++;
		}
	}
	if ((int)r->date.prec > sqlite3_column_int(st, 8))
		new_date = 1;
	oldid = store_col_dup(st, 10);
	sqlite3_finalize(st);
	if (derived && r->id && *r->id)
		new_id = 1;
	if (new_date && alloc_key(s, r->date.key, &newkey, e) < 0) {
		free(oldid);
		return -1;
	}

	if (nset || new_date || new_id) {
		int bi = 1;

		sbuf_add(&sql, "UPDATE doc SET key = key");
		for (int i = 0; i < M_NFIELDS; i++)
			if (set[i])
				sbuf_printf(&sql, ", %s = ?%d", cols[i], bi++);
		if (new_date)
			sbuf_printf(&sql, ", key = ?%d, prec = ?%d, dkey = ?%d, first = ?%d, "
			            "last = ?%d, range = ?%d", bi, bi + 1, bi + 2, bi + 3,
			            bi + 4, bi + 5), bi += 6;
		if (new_id)
			sbuf_printf(&sql, ", id = ?%d, derived = 0", bi++);
		sbuf_printf(&sql, " WHERE key = ?%d", bi);
		st = store_prepare(s, sbuf_str(&sql), e);
		sbuf_free(&sql);
		if (!st) {
			free(oldid);
			return -1;
		}
		bi = 1;
		for (int i = 0; i < M_NFIELDS; i++)
			if (set[i])
				store_bind_text(st, bi++, vals[i]);
		if (new_date) {
			sqlite3_bind_int64(st, bi++, newkey);
			sqlite3_bind_int(st, bi++, (int)r->date.prec);
			sqlite3_bind_int(st, bi++, r->date.key);
			sqlite3_bind_int(st, bi++, r->date.first);
			sqlite3_bind_int(st, bi++, r->date.last);
			sqlite3_bind_int(st, bi++, r->date.range);
		}
		if (new_id)
			store_bind_text(st, bi++, id);
		sqlite3_bind_int64(st, bi, key);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			free(oldid);
			return store_sqlerr(s, e, "merging a document");
		}
		changed = 1;
		key = newkey;
	}
	if (set[M_TITLE]) {
		char *series, *genre, *recipient;

		store_title_keys(r->title, &series, &genre, &recipient);
		st = store_prepare(s, "UPDATE doc SET series = ?1, genre = ?2, recipient = ?3 "
		                   "WHERE key = ?4", e);
		if (st) {
			store_bind_text(st, 1, series);
			store_bind_text(st, 2, genre);
			store_bind_text(st, 3, recipient);
			sqlite3_bind_int64(st, 4, key);
			rc = sqlite3_step(st);
			sqlite3_finalize(st);
		}
		free(series);
		free(genre);
		free(recipient);
		if (!st || rc != SQLITE_DONE) {
			free(oldid);
			return st ? store_sqlerr(s, e, "merging a document") : -1;
		}
	}
	if (new_id) {
		/* User data follows the document to its new id. */
		static const char *const tabs[] = { "read_mark", "bookmark", "note" };

		for (size_t i = 0; i < ARRAY_LEN(tabs); i++) {
			char q[128];

			snprintf(q, sizeof q, "UPDATE OR REPLACE %s SET id = ?1 WHERE id = ?2", tabs[i]);
			st = store_prepare(s, q, e);
			if (!st) {
				free(oldid);
				return -1;
			}
			store_bind_text(st, 1, id);
			store_bind_text(st, 2, oldid);
			rc = sqlite3_step(st);
			sqlite3_finalize(st);
			if (rc != SQLITE_DONE) {
				free(oldid);
				return store_sqlerr(s, e, "moving user data");
			}
		}
	}
	free(oldid);
	if (link_names(s, r, key, &added, e) < 0)
		return -1;
	if (added) {
		char *names = store_names_of(s, key);

		st = store_prepare(s, "UPDATE doc SET names = ?1 WHERE key = ?2", e);
		if (!st) {
			free(names);
			return -1;
		}
		store_bind_text(st, 1, names);
		sqlite3_bind_int64(st, 2, key);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		free(names);
		if (rc != SQLITE_DONE)
			return store_sqlerr(s, e, "indexing names");
		changed = 1;
	}
	if (!changed) {
		/* the same record twice in one import is one merged record;
		 * a record already stored before this import is unchanged */
		sqlite3_stmt *t = store_prepare(s, "SELECT 1 FROM temp.touched WHERE key = ?1", e);

		if (!t)
			return -1;
		sqlite3_bind_int64(t, 1, key);
		changed = sqlite3_step(t) == SQLITE_ROW;
		sqlite3_finalize(t);
		*result = changed ? STORE_MERGED : STORE_SAME;
		return 0;
	}
	*result = STORE_MERGED;
	return store_touch(s, key, e);
}

/* Look a document up by id, then (for records without a source id, or
 * documents with a derived one) by date and title. */
static int find_existing(struct store *s, const char *id, int derived,
                         const char *match, int64_t *key, int *kderived,
                         struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_DOC_BY_ID);
	int rc;

	store_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*key = sqlite3_column_int64(st, 0);
		*kderived = sqlite3_column_int(st, 1);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "looking up a document");
	if (!match)
		return 0;
	st = store_stmt(s, ST_DOC_BY_MATCH);
	store_bind_text(st, 1, match);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*key = sqlite3_column_int64(st, 0);
		*kderived = sqlite3_column_int(st, 1);
		sqlite3_reset(st);
		/* Two records that both carry their own ids are two documents,
		 * even with the same date and title. */
		return derived || *kderived;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, e, "looking up a document");
}

int store_put(struct store *s, const struct record *r, int *result, struct err *e)
{
	int derived = !(r->id && *r->id);
	char *id = derived ? store_derive_id(r) : xstrdup(r->id);
	char *match = match_key(r);
	int64_t key = 0;
	int kderived = 0, rc;

	if (!s->in_import) {
		free(id);
		free(match);
		return err_set(e, "store_put outside an import");
	}
	rc = find_existing(s, id, derived, match, &key, &kderived, e);
	if (rc > 0)
		rc = merge_into(s, key, kderived, r, id, result, e);
	else if (rc == 0) {
		rc = insert_new(s, r, id, derived, match, e);
		*result = STORE_NEW;
	}
	free(id);
	free(match);
	return rc;
}
