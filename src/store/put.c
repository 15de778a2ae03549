/* put.c - adding and merging records: the write side of an import. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fonds/people.h"
#include "internal.h"

/* --- pending counts and the name cache ------------------------------- */

static void deltas_add(struct deltas *d, int64_t key, int64_t n)
{
	size_t h;

	if (d->n * 2 >= d->cap) {
		struct deltas bigger = { .cap = d->cap ? d->cap * 2 : 64 };

		bigger.v = xcalloc(bigger.cap, sizeof *bigger.v);
		for (size_t i = 0; i < d->cap; i++)
			if (d->v[i].used)
				deltas_add(&bigger, d->v[i].key, d->v[i].n);
		free(d->v);
		*d = bigger;
	}
	h = (size_t)hash64(&key, sizeof key, 0) & (d->cap - 1);
	while (d->v[h].used && d->v[h].key != key)
		h = (h + 1) & (d->cap - 1);
	if (!d->v[h].used) {
		d->v[h].used = 1;
		d->v[h].key = key;
		d->n++;
	}
	d->v[h].n += n;
}

/* The count of key, or NULL when there is none. */
static int64_t *deltas_find(struct deltas *d, int64_t key)
{
	size_t h;

	if (!d->cap)
		return NULL;
	h = (size_t)hash64(&key, sizeof key, 0) & (d->cap - 1);
	while (d->v[h].used) {
		if (d->v[h].key == key)
			return &d->v[h].n;
		h = (h + 1) & (d->cap - 1);
	}
	return NULL;
}

static void deltas_clear(struct deltas *d)
{
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* Count a document of (prec, dkey) in its periods, n = 1 or -1. */
static void count_periods(struct store *s, int prec, int32_t dk, int n)
{
	deltas_add(&s->periods, -1, n);
	deltas_add(&s->periods, prec ? dk / 10000 * 10000 : 0, n);
	if (prec >= DATE_MONTH)
		deltas_add(&s->periods, dk / 100 * 100, n);
	if (prec >= DATE_DAY)
		deltas_add(&s->periods, dk, n);
}

/* The cached id of a folded name, or 0. */
static int64_t name_cache_get(const struct name_cache *c, const char *fold)
{
	size_t h;

	if (!c->cap)
		return 0;
	h = (size_t)hash64(fold, strlen(fold), 1) & (c->cap - 1);
	while (c->v[h].fold) {
		if (strcmp(c->v[h].fold, fold) == 0)
			return c->v[h].id;
		h = (h + 1) & (c->cap - 1);
	}
	return 0;
}

static void name_cache_clear(struct name_cache *c)
{
	for (size_t i = 0; i < c->cap; i++)
		free(c->v[i].fold);
	free(c->v);
	memset(c, 0, sizeof *c);
}

/* Remember fold -> id; a full cache starts again (bounded memory). */
static void name_cache_put(struct name_cache *c, const char *fold, int64_t id)
{
	size_t h;

	if (c->n * 2 >= c->cap) {
		if (c->cap >= 65536)
			name_cache_clear(c);
		if (!c->cap) {
			c->cap = 1024;
			c->v = xcalloc(c->cap, sizeof *c->v);
		} else {
			struct name_cache bigger = { .cap = c->cap * 2 };

			bigger.v = xcalloc(bigger.cap, sizeof *bigger.v);
			for (size_t i = 0; i < c->cap; i++)
				if (c->v[i].fold) {
					size_t j = (size_t)hash64(c->v[i].fold, strlen(c->v[i].fold), 1) &
					           (bigger.cap - 1);

					while (bigger.v[j].fold)
						j = (j + 1) & (bigger.cap - 1);
					bigger.v[j] = c->v[i];
					bigger.n++;
				}
			free(c->v);
			*c = bigger;
		}
	}
	h = (size_t)hash64(fold, strlen(fold), 1) & (c->cap - 1);
	while (c->v[h].fold)
		h = (h + 1) & (c->cap - 1);
	c->v[h].fold = xstrdup(fold);
	c->v[h].id = id;
	c->n++;
}

/* --- name links of new documents ------------------------------------ */

/* How many name links wait to be written (16 bytes each): a batch spans
 * enough documents that, sorted, it touches each page of a link table
 * about once, where links written as documents arrive (in no date order)
 * touch a random page of the table and of its index each, which at a
 * million documents are far larger than the page cache (there, writing
 * the links took 25 s this way, about 90 s the other). Half as many
 * saved 8 MB and cost a few seconds. */
#define LINKS_PENDING_MAX ((size_t)1 << 20)

/* Note that document doc, new in this import, names name id in facet f,
 * unless it already does (two forms of one person); returns 1 when the
 * link is new. The document's links are the last of each kind. */
static int link_defer(struct store *s, enum facet f, int64_t id, int64_t doc)
{
	struct pending_links *p = &s->pending[f];

	for (size_t i = p->n; i > 0 && p->v[i - 1].doc == doc; i--)
		if (p->v[i - 1].name == id)
			return 0;
	array_reserve((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v, 1024);
	p->v[p->n].name = id;
	p->v[p->n++].doc = doc;
	s->npending++;
	return 1;
}

static int name_link_cmp(const void *a, const void *b)
{
	const struct name_link *x = a, *y = b;

	if (x->name != y->name)
		return x->name < y->name ? -1 : 1;
	return (x->doc > y->doc) - (x->doc < y->doc);
}

/* Write the pending links, one kind at a time (so that the pages of
 * one table and its index share the cache), sorted as the table is:
 * (name, document). Whatever reads the link tables during an import
 * runs after this. */
static int links_flush(struct store *s, struct err *e)
{
	for (int f = 0; f < FACET_NKINDS; f++) {
		struct pending_links *p = &s->pending[f];
		sqlite3_stmt *ln = s->fs[f].link;

		if (!p->n)
			continue;
		qsort(p->v, p->n, sizeof *p->v, name_link_cmp);
		for (size_t i = 0; i < p->n; i++) {
			int rc;

			sqlite3_bind_int64(ln, 1, p->v[i].name);
			sqlite3_bind_int64(ln, 2, p->v[i].doc);
			rc = sqlite3_step(ln);
			sqlite3_reset(ln);
			if (rc != SQLITE_DONE)
				return store_sqlerr(s, e, "linking names");
		}
		p->n = 0;
	}
	s->npending = 0;
	deltas_clear(&s->pending_docs);
	return 0;
}

void store_import_forget(struct store *s)
{
	deltas_clear(&s->periods);
	for (int f = 0; f < FACET_NKINDS; f++) {
		deltas_clear(&s->ndocs[f]);
		name_cache_clear(&s->names[f]);
		free(s->pending[f].v);
		memset(&s->pending[f], 0, sizeof s->pending[f]);
	}
	s->npending = 0;
	deltas_clear(&s->pending_docs);
	name_cache_clear(&s->unsure);
	deltas_clear(&s->last_key);
}

/* Write the pending counts. */
static int flush_counts(struct store *s, struct err *e)
{
	for (size_t i = 0; i < s->periods.cap; i++) {
		sqlite3_stmt *st;
		int rc;

		if (!s->periods.v[i].used || !s->periods.v[i].n)
			continue;
		st = store_stmt(s, ST_PERIOD_ADD);
		sqlite3_bind_int64(st, 1, s->periods.v[i].key);
		sqlite3_bind_int64(st, 2, s->periods.v[i].n);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_sqlerr(s, e, "counting periods");
	}
	for (int f = 0; f < FACET_NKINDS; f++) {
		struct deltas *d = &s->ndocs[f];
		char sql[128];
		sqlite3_stmt *st;

		if (!d->n)
			continue;
		snprintf(sql, sizeof sql, "UPDATE %s SET ndocs = ndocs + ?2 WHERE id = ?1",
		         store_facet_table[f]);
		if (!(st = store_prepare(s, sql, e)))
			return -1;
		for (size_t i = 0; i < d->cap; i++) {
			if (!d->v[i].used || !d->v[i].n)
				continue;
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, d->v[i].key);
			sqlite3_bind_int64(st, 2, d->v[i].n);
			if (sqlite3_step(st) != SQLITE_DONE) {
				sqlite3_finalize(st);
				return store_sqlerr(s, e, "counting names");
			}
		}
		sqlite3_finalize(st);
	}
	deltas_clear(&s->periods);
	for (int f = 0; f < FACET_NKINDS; f++)
		deltas_clear(&s->ndocs[f]);
	return 0;
}

/* --- the full-text index -------------------------------------------- */

int store_fts_delete(struct store *s, int64_t key, struct err *e)
{
	sqlite3_stmt *c, *w;
	int rc;

	/* not indexed yet: it only leaves the list */
	c = store_stmt(s, ST_UNINDEXED_DEL);
	sqlite3_bind_int64(c, 1, key);
	rc = sqlite3_step(c);
	sqlite3_reset(c);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "indexing a document");
	if (sqlite3_changes(s->db) > 0)
		return 0;
	c = store_stmt(s, ST_FTS_CONTENT);
	sqlite3_bind_int64(c, 1, key);
	rc = sqlite3_step(c);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(c);
		return rc == SQLITE_DONE ? 0 : store_sqlerr(s, e, "indexing a document");
	}
	w = store_stmt(s, ST_FTS_DELETE);
	sqlite3_bind_int64(w, 1, key);
	for (int i = 0; i < 5; i++)
		sqlite3_bind_value(w, i + 2, sqlite3_column_value(c, i));
	rc = sqlite3_step(w);
	sqlite3_reset(w);
	sqlite3_reset(c);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, e, "indexing a document");
}

/* Run statement which with key bound to ?1; what names it in errors. */
static int run_with_key(struct store *s, enum store_stmt which, int64_t key,
                        const char *what, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, which);
	int rc;

	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, e, what);
}

int store_fts_insert(struct store *s, int64_t key, struct err *e)
{
	return run_with_key(s, ST_UNINDEXED_ADD, key, "indexing a document", e);
}

/* Index the documents of temp.unindexed, in key order (one long run of
 * ascending rowids: FTS5 writes its buffer only when it is full). */
static int fts_build(struct store *s, struct err *e)
{
	sqlite3_stmt *c = store_prepare(s, "SELECT d.key, d.title, d.summary, d.body, d.names, "
	                                "d.texts FROM temp.unindexed u JOIN doc_content d "
	                                "ON d.key = u.key ORDER BY u.key", e);
	sqlite3_stmt *w = store_stmt(s, ST_FTS_INSERT);
	int rc;

	if (!c)
		return -1;
	while ((rc = sqlite3_step(c)) == SQLITE_ROW) {
		for (int i = 0; i < 6; i++)
			sqlite3_bind_value(w, i + 1, sqlite3_column_value(c, i));
		rc = sqlite3_step(w);
		sqlite3_reset(w);
		if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(c);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "indexing the documents");
	if (sqlite3_exec(s->db, "DELETE FROM temp.unindexed", NULL, NULL, NULL) != SQLITE_OK)
		return store_sqlerr(s, e, "indexing the documents");
	return 0;
}

/* --- transactions ---------------------------------------------------- */

/* Set the journal mode: 0, or -1 when it did not change (another
 * connection has the database open). */
static int journal_mode(struct store *s, const char *mode)
{
	char sql[64];
	sqlite3_stmt *st;
	int ok = 0;

	snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", mode);
	sqlite3_busy_timeout(s->db, 0);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			ok = strcasecmp((const char *)sqlite3_column_text(st, 0), mode) == 0;
		sqlite3_finalize(st);
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	return ok ? 0 : -1;
}

/* Back to WAL mode after an import that used a rollback journal. */
static void journal_restore(struct store *s)
{
	if (s->rollback_journal)
		journal_mode(s, "WAL");
	s->rollback_journal = 0;
}

int store_import_begin(struct store *s, struct err *e)
{
	sqlite3_stmt *st;

	if (s->readonly && s->ro_reason)
		return err_set(e, "%s is read-only (%s): cannot import into it",
		               s->path, s->ro_reason);
	if (s->readonly)
		return err_set(e, "%s is read-only: cannot import into it", s->path);
	if (s->in_import)
		return err_set(e, "an import is already running");
	/* Foreign keys are not enforced during an import (the pragma only
	 * works outside a transaction): checking them costs two lookups for
	 * each name linked and one for each table that refers to doc at each
	 * new document, and this file writes only keys it has just read or
	 * made. The one cascade it needs, a document moving to a new key, is
	 * done by hand (move_key). */
	sqlite3_exec(s->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	/* Into an empty database, with no other connection (the pragma fails
	 * otherwise, and the import stays in WAL mode), the import writes
	 * through a rollback journal: new pages go straight to the file,
	 * once, where WAL mode writes them twice and looks every page read up
	 * in a write-ahead log as large as the database (at a million
	 * documents: 423 s instead of 672, and no 5 GB log beside the 5.5 GB
	 * database). Nobody can be reading an empty database;
	 * store_import_commit and store_import_rollback go back to WAL. */
	s->rollback_journal = store_is_empty(s) &&
		journal_mode(s, "TRUNCATE") == 0;
	st = store_stmt(s, ST_BEGIN);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_sqlerr(s, e, "starting the import");
		sqlite3_reset(st);
		journal_restore(s);
		sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		return -1;
	}
	sqlite3_reset(st);
	s->in_import = 1;
	store_import_forget(s);
	/* a larger page cache keeps a big import from writing the same pages
	 * to the WAL again and again (bounded: 64 MB) */
	if (sqlite3_exec(s->db, "PRAGMA cache_size = -65536; PRAGMA journal_size_limit = 67108864; "
	                 "DELETE FROM temp.touched; DELETE FROM temp.unindexed",
	                 NULL, NULL, NULL) != SQLITE_OK) {
		store_sqlerr(s, e, "starting the import");
		store_import_rollback(s);
		return -1;
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
	store_import_forget(s);
	journal_restore(s);
	sqlite3_exec(s->db, "PRAGMA cache_size = -8000; PRAGMA foreign_keys = ON",
	             NULL, NULL, NULL);
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

/* An import's transaction leaves a write-ahead log about as large as
 * what it wrote: copy it into the database and cut it to nothing, unless
 * a reader (a browser) is using it, which must not be kept waiting; then
 * a later checkpoint does it, and journal_size_limit (store_import_begin)
 * keeps the file from staying large. */
static void wal_truncate(struct store *s)
{
	sqlite3_busy_timeout(s->db, 0);
	sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
}

int store_import_commit(struct store *s, struct err *e)
{
	sqlite3_stmt *st;

	if (!s->in_import)
		return err_set(e, "no import is running");
	if (links_flush(s, e) < 0 || flush_counts(s, e) < 0 || update_max_span(s, e) < 0 ||
	    store_relate_touched(s, e) < 0 || fts_build(s, e) < 0) {
		store_import_rollback(s);
		return -1;
	}
	/* give back the pages the index's merges freed (auto_vacuum is
	 * incremental: schema.c) */
	if (sqlite3_exec(s->db, "PRAGMA incremental_vacuum", NULL, NULL, NULL) != SQLITE_OK) {
		store_sqlerr(s, e, "saving the import");
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
	if (s->rollback_journal)
		journal_restore(s);
	else
		wal_truncate(s);
	s->in_import = 0;
	sqlite3_exec(s->db, "PRAGMA cache_size = -8000; PRAGMA foreign_keys = ON",
	             NULL, NULL, NULL);
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

/* The smallest free key for date key dk: one more than the largest key
 * of the date's range (see internal.h). */
static int alloc_key(struct store *s, int32_t dk, int64_t *key, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_DOC_MAXKEY);
	int64_t base, end; /* the range's first key, and the first after it */
	int64_t *last;
	int rc;

	if (!dk)
		dk = (int32_t)KEY_UNDATED;
	base = KEY_OF_DATE(dk);
	last = deltas_find(&s->last_key, dk);
	if (dk >= KEY_UNDATED)
		end = INT64_MAX;
	else if (dk % 10000 == 0)
		end = KEY_OF_DATE(dk + 32) + ((int64_t)1 << KEY_SEQ_BITS);
	else
		end = base + ((int64_t)1 << KEY_SEQ_BITS);
	/* within an import, keys are only given out here and documents
	 * never leave: the last key of a date is remembered */
	if (last) {
		if (*last + 1 >= end)
			return err_set(e, "too many documents with the same date");
		*key = ++*last;
		return 0;
	}
	sqlite3_bind_int64(st, 1, base);
	sqlite3_bind_int64(st, 2, end - 1);
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
	if (*key >= end)
		return err_set(e, "too many documents with the same date");
	deltas_add(&s->last_key, dk, *key);
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
	char *fold;
	int rc;

	/* a form the authority reads as one of its people ("Andrei A.
	 * Gromyko", "Admiral Arleigh A. Burke" in a list of persons) is that
	 * person */
	if (f == FACET_PERSON && !uncertain && s->authority) {
		const struct person_entry *p = authority_find(s->authority, name);

		if (p)
			name = p->name;
	}
	fold = text_fold(name);
	*id = 0;
	if (!*fold) {
		free(fold);
		return 0;
	}
	/* a name known for sure links the same way when named in passing;
	 * one named in passing before is found again without a query */
	if ((*id = name_cache_get(&s->names[f], fold)) ||
	    (uncertain && f == FACET_PERSON && (*id = name_cache_get(&s->unsure, fold)))) {
		free(fold);
		return 0;
	}
	sqlite3_reset(fs->find);
	store_bind_text(fs->find, 1, fold);
	rc = sqlite3_step(fs->find);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(fs->find, 0);
		sqlite3_reset(fs->find);
		if (f == FACET_PERSON && !uncertain) {
			sqlite3_stmt *st = store_stmt(s, ST_PERSON_CERTAIN);

			sqlite3_bind_int64(st, 1, *id);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE) {
				free(fold);
				return store_sqlerr(s, e, "adding a name");
			}
		}
		if (!uncertain)
			name_cache_put(&s->names[f], fold, *id);
		else if (f == FACET_PERSON)
			name_cache_put(&s->unsure, fold, *id);
		free(fold);
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
			name_cache_put(&s->names[f], fold, *id);
			free(fold);
			return 0;
		}
	}
	sqlite3_reset(fs->insert);
	store_bind_text(fs->insert, 1, name);
	store_bind_text(fs->insert, 2, fold);
	rc = sqlite3_step(fs->insert);
	sqlite3_reset(fs->insert);
	if (rc != SQLITE_DONE) {
		free(fold);
		return store_sqlerr(s, e, "adding a name");
	}
	*id = sqlite3_last_insert_rowid(s->db);
	if (!uncertain)
		name_cache_put(&s->names[f], fold, *id);
	else if (f == FACET_PERSON)
		name_cache_put(&s->unsure, fold, *id);
	free(fold);
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

		if (*one && out->n < RECORD_MAX_NAMES && strlist_find(out, one) < 0)
			strlist_take(out, one);
		else
			free(one);
		p += n;
		if (*p)
			p++;
	}
}

/* Link the names of list to the document in facet f; *added counts new
 * links. With defer (a document new in this import, which has no links
 * yet), the links wait in s->pending for links_flush. */
static int link_list(struct store *s, enum facet f, const struct strlist *list,
                     int uncertain, int64_t key, int defer, int *added,
                     struct sbuf *names, struct err *e)
{
	for (size_t i = 0; i < list->n; i++) {
		sqlite3_stmt *ln = s->fs[f].link;
		int64_t id = 0;

		if (facet_id(s, f, list->v[i], uncertain, &id, e) < 0)
			return -1;
		if (!id)
			continue;
		if (names && f != FACET_LANGUAGE) {
			/* what the full-text index knows the document by: the
			 * name, and a person's other names */
			const struct person_entry *p = f == FACET_PERSON && s->authority
				? authority_find(s->authority, list->v[i]) : NULL;

			sbuf_printf(names, "%s%s", names->len ? " ; " : "", list->v[i]);
			if (p) {
				struct strlist other = {0};

				person_aliases(p, &other);
				for (size_t j = 0; j < other.n; j++)
					sbuf_printf(names, " ; %s", other.v[j]);
				strlist_clear(&other);
			}
		}
		if (defer) {
			if (link_defer(s, f, id, key)) {
				(*added)++;
				deltas_add(&s->ndocs[f], id, 1);
			}
			continue;
		}
		sqlite3_reset(ln);
		sqlite3_bind_int64(ln, 1, id);
		sqlite3_bind_int64(ln, 2, key);
		if (sqlite3_step(ln) != SQLITE_DONE) {
			sqlite3_reset(ln);
			return store_sqlerr(s, e, "linking a name");
		}
		if (sqlite3_changes(s->db) > 0) {
			(*added)++;
			deltas_add(&s->ndocs[f], id, 1);
		}
		sqlite3_reset(ln);
	}
	return 0;
}

/* store_link_people, with link_list's defer. */
static int link_people(struct store *s, const struct record *r, int64_t key, int defer,
                       int *added, struct sbuf *names, struct err *e)
{
	struct strlist people = {0}, uncertain = {0};
	int rc;

	if (r->flags & RECORD_PEOPLE_FOUND) {
		rc = link_list(s, FACET_PERSON, &r->people, 0, key, defer, added, names, e);
		if (rc == 0)
			rc = link_list(s, FACET_PERSON, &r->uncertain, 1, key, defer, added,
			               names, e);
		return rc;
	}
	if (!s->authority)
		return link_list(s, FACET_PERSON, &r->people, 0, key, defer, added, names, e);
	for (size_t i = 0; i < r->people.n; i++)
		strlist_add(&people, r->people.v[i]);
	people_recognize(s->authority, r->title, r->summary, &people, &uncertain);
	rc = link_list(s, FACET_PERSON, &people, 0, key, defer, added, names, e);
	if (rc == 0)
		rc = link_list(s, FACET_PERSON, &uncertain, 1, key, defer, added, names, e);
	strlist_clear(&people);
	strlist_clear(&uncertain);
	return rc;
}

int store_link_people(struct store *s, const struct record *r, int64_t key, int *added,
                      struct sbuf *names, struct err *e)
{
	return link_people(s, r, key, 0, added, names, e);
}

void store_recognize(const struct store *s, struct record *r)
{
	if (!s->authority || (r->flags & RECORD_PEOPLE_FOUND))
		return;
	people_recognize(s->authority, r->title, r->summary, &r->people, &r->uncertain);
	r->flags |= RECORD_PEOPLE_FOUND;
}

/* Link every name of r to the document; *added counts new links; names
 * (if not NULL) receives the text the full-text index knows them by.
 * defer as for link_list. */
static int link_names(struct store *s, const struct record *r, int64_t key, int defer,
                      int *added, struct sbuf *names, struct err *e)
{
	const struct strlist *lists[FACET_NKINDS] = {
		NULL, &r->places, &r->subjects, &r->collections, NULL
	};
	struct strlist langs = {0};
	int rc;

	rc = link_people(s, r, key, defer, added, names, e);
	split_languages(r->language, &langs);
	lists[FACET_LANGUAGE] = &langs;
	for (int f = FACET_PLACE; f < FACET_NKINDS && rc == 0; f++)
		rc = link_list(s, (enum facet)f, lists[f], 0, key, defer, added, names, e);
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
	for (size_t i = 0; rc == 0 && i < r->cites.n; i++) {
		sqlite3_stmt *st = store_stmt(s, ST_CITE_INSERT);
		const char *why = i < r->cite_why.n ? r->cite_why.v[i] : NULL;

		sqlite3_bind_int64(st, 1, key);
		store_bind_text(st, 2, r->cites.v[i]);
		store_bind_text(st, 3, why && *why ? why : NULL);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_sqlerr(s, e, "storing a citation");
		else
			*added += sqlite3_changes(s->db) > 0;
		sqlite3_reset(st);
	}
	return rc;
}

/* Store the texts of r as those of document key. */
static int put_texts(struct store *s, const struct record *r, int64_t key, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_TEXT_INSERT);

	for (size_t i = 0; i < r->texts.n; i++) {
		const struct record_text *t = &r->texts.v[i];
		int rc;

		sqlite3_bind_int64(st, 1, key);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		store_bind_text(st, 3, t->kind);
		store_bind_text(st, 4, t->language);
		store_bind_text(st, 5, t->label);
		store_bind_text(st, 6, t->body);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store_sqlerr(s, e, "storing the texts of a document");
	}
	return 0;
}

/* 1 when document key has texts, 0 when not, -1 on error. */
static int has_texts(struct store *s, int64_t key, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_TEXT_ANY);
	int rc;

	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, e, "reading the texts of a document");
	return rc == SQLITE_ROW;
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
	return run_with_key(s, ST_TOUCH, key, "tracking the import", e);
}

static int insert_new(struct store *s, const struct record *r, const char *id,
                      int derived, const char *match, struct err *e)
{
	sqlite3_stmt *st;
	int64_t key;
	int added = 0, rc;
	char *names, *series, *genre, *recipient;
	struct sbuf nb = {0};
	size_t pending = s->npending;

	if (alloc_key(s, r->date.key, &key, e) < 0)
		return -1;
	/* names first, so that the row and its index entry are written once,
	 * complete */
	if (link_names(s, r, key, 1, &added, &nb, e) < 0) {
		sbuf_free(&nb);
		return -1;
	}
	if (s->npending > pending)
		deltas_add(&s->pending_docs, key, 1);
	names = nb.len ? sbuf_take(&nb) : NULL;
	sbuf_free(&nb);
	st = store_stmt(s, ST_DOC_INSERT);
	sqlite3_bind_int64(st, 1, key);
	store_bind_text(st, 2, id);
	sqlite3_bind_int(st, 3, derived);
	store_bind_hash(st, 4, match);
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
	store_bind_text(st, 18, names);
	store_title_keys(r->title, &series, &genre, &recipient);
	store_bind_hash(st, 19, series);
	store_bind_hash(st, 20, genre);
	store_bind_hash(st, 21, recipient);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	free(series);
	free(genre);
	free(recipient);
	if (rc != SQLITE_DONE) {
		free(names);
		return store_sqlerr(s, e, "adding a document");
	}
	free(names);
	if (put_texts(s, r, key, e) < 0 || store_fts_insert(s, key, e) < 0)
		return -1;
	count_periods(s, (int)r->date.prec, r->date.key, 1);
	if (s->npending >= LINKS_PENDING_MAX && links_flush(s, e) < 0)
		return -1;
	return store_touch(s, key, e);
}

/* Column order of the merge statements below. */
enum { M_DATE_TEXT, M_TITLE, M_SUMMARY, M_BODY, M_SOURCE, M_LANGUAGE, M_URL,
       M_TYPE, M_NFIELDS };

/* Move user data from one document id to another. */
static int move_user_data(struct store *s, const char *from, const char *to, struct err *e)
{
	/* one mark, note and tag per document: the moved one wins; versions
	 * and excerpts are all kept */
	static const char *const tabs[] = { "read_mark", "bookmark", "note", "tag",
	                                    "note_version", "excerpt" };

	for (size_t i = 0; i < ARRAY_LEN(tabs); i++) {
		char q[128];
		sqlite3_stmt *st;
		int rc;

		snprintf(q, sizeof q, "UPDATE %s%s SET id = ?1 WHERE id = ?2",
		         i < 4 ? "OR REPLACE " : "", tabs[i]);
		if (!(st = store_prepare(s, q, e)))
			return -1;
		store_bind_text(st, 1, to);
		store_bind_text(st, 2, from);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return store_sqlerr(s, e, "moving user data");
	}
	return 0;
}

/* What ON UPDATE CASCADE would do when a document moves from key from
 * to key to (foreign keys are off during an import): its names, links
 * and relations follow it. */
static int move_key(struct store *s, int64_t from, int64_t to, struct err *e)
{
	struct sbuf sql = {0};
	sqlite3_stmt *st;
	int rc;

	for (int f = 0; f < FACET_NKINDS; f++)
		sbuf_printf(&sql, "UPDATE doc_%s SET doc = ?2 WHERE doc = ?1;\n",
		            store_facet_table[f]);
	sbuf_add(&sql, "UPDATE link SET src = ?2 WHERE src = ?1;\n"
	         "UPDATE doc_text SET doc = ?2 WHERE doc = ?1;\n"
	         "UPDATE relation SET src = ?2 WHERE src = ?1;\n"
	         "UPDATE relation SET dst = ?2 WHERE dst = ?1;\n");
	for (const char *p = sbuf_str(&sql); *p; ) {
		const char *tail;

		if (sqlite3_prepare_v2(s->db, p, -1, &st, &tail) != SQLITE_OK) {
			sbuf_free(&sql);
			return store_sqlerr(s, e, "moving a document");
		}
		p = tail;
		if (!st)
			continue;
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, to);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			sbuf_free(&sql);
			return store_sqlerr(s, e, "moving a document");
		}
	}
	sbuf_free(&sql);
	return 0;
}

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
	int nset = 0, rc, added = 0, bi = 1, oldprec;
	int set[M_NFIELDS] = {0};
	int new_date = 0, new_id = 0, new_texts = 0;
	int32_t olddk;
	int64_t newkey = key;
	char *oldid = NULL, *names = NULL, *series = NULL, *genre = NULL, *recipient = NULL;

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
	oldprec = sqlite3_column_int(st, 8);
	olddk = sqlite3_column_int(st, 9);
	new_date = (int)r->date.prec > oldprec;
	oldid = store_col_dup(st, 10);
	sqlite3_finalize(st);
	new_id = derived && r->id && *r->id;

	/* a document of this import whose links are still pending: they are
	 * read below (added links, store_names_of, move_key) */
	if (deltas_find(&s->pending_docs, key) && links_flush(s, e) < 0)
		goto fail;
	if (link_names(s, r, key, 0, &added, NULL, e) < 0)
		goto fail;
	/* texts fill in like fields: when the stored document has none */
	if (r->texts.n) {
		int h = has_texts(s, key, e);

		if (h < 0)
			goto fail;
		new_texts = !h;
	}
	if (!nset && !new_date && !new_id && !added && !new_texts) {
		/* the same record twice in one import is one merged record;
		 * a record already stored before this import is unchanged */
		free(oldid);
		st = store_prepare(s, "SELECT 1 FROM temp.touched WHERE key = ?1", e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, key);
		*result = sqlite3_step(st) == SQLITE_ROW ? STORE_MERGED : STORE_SAME;
		sqlite3_finalize(st);
		return 0;
	}

	if (new_date && alloc_key(s, r->date.key, &newkey, e) < 0)
		goto fail;
	if (store_fts_delete(s, key, e) < 0)
		goto fail;
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
	if (added)
		sbuf_printf(&sql, ", names = ?%d", bi++);
	if (set[M_TITLE])
		sbuf_printf(&sql, ", series = ?%d, genre = ?%d, recipient = ?%d", bi, bi + 1,
		            bi + 2), bi += 3;
	sbuf_printf(&sql, " WHERE key = ?%d", bi);
	st = store_prepare(s, sbuf_str(&sql), e);
	sbuf_free(&sql);
	if (!st)
		goto fail;
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
	if (added) {
		names = store_names_of(s, key);
		store_bind_text(st, bi++, names);
	}
	if (set[M_TITLE]) {
		store_title_keys(r->title, &series, &genre, &recipient);
		store_bind_hash(st, bi++, series);
		store_bind_hash(st, bi++, genre);
		store_bind_hash(st, bi++, recipient);
	}
	sqlite3_bind_int64(st, bi, key);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	free(names);
	free(series);
	free(genre);
	free(recipient);
	if (rc != SQLITE_DONE) {
		store_sqlerr(s, e, "merging a document");
		goto fail;
	}
	if (new_texts && put_texts(s, r, key, e) < 0)
		goto fail;
	if (new_date && move_key(s, key, newkey, e) < 0)
		goto fail;
	if (new_date) {
		count_periods(s, oldprec, olddk, -1);
		count_periods(s, (int)r->date.prec, r->date.key, 1);
	}
	if (store_fts_insert(s, newkey, e) < 0 ||
	    (new_id && move_user_data(s, oldid, id, e) < 0))
		goto fail;
	free(oldid);
	*result = STORE_MERGED;
	return store_touch(s, newkey, e);
fail:
	free(oldid);
	return -1;
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
	store_bind_hash(st, 1, match);
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
