/* people.c - people in the store: the name authority's persons and their
 * other names, recognition at import, the person view's facts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonds/people.h"
#include "internal.h"

void store_set_authority(struct store *s, const struct authority *a)
{
	s->authority = a;
}

/* Find the links of person `from` a new owner `to`, then drop `from`:
 * a name the data spelled one way turned out to be a known person. */
static int person_fold_into(struct store *s, int64_t from, int64_t to, struct err *e)
{
	sqlite3_stmt *st = store_prepare(s,
		"INSERT OR IGNORE INTO doc_person(person, doc) "
		"SELECT ?2, doc FROM doc_person WHERE person = ?1", e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "merging people");
	st = store_prepare(s, "DELETE FROM doc_person WHERE person = ?1", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "merging people");
	st = store_prepare(s, "DELETE FROM person WHERE id = ?1", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, e, "merging people");
}

/* A fingerprint of the authority, to tell whether it changed. */
static uint64_t authority_hash(const struct authority *a)
{
	uint64_t h = 0;

	for (size_t i = 0; i < a->n; i++) {
		const struct person_entry *p = &a->v[i];
		const struct strlist *lists[3] = { &p->variants, &p->covers, &p->scripts };
		const char *fields[4] = { p->name, p->born, p->died, p->role };

		for (int f = 0; f < 4; f++)
			h = hash64(fields[f] ? fields[f] : "", strlen(fields[f] ? fields[f] : "") + 1, h);
		for (int l = 0; l < 3; l++)
			for (size_t j = 0; j < lists[l]->n; j++)
				h = hash64(lists[l]->v[j], strlen(lists[l]->v[j]) + 1, h + (uint64_t)l);
	}
	return h;
}

/* Upsert one authority person with its facts; *id receives its row. */
static int sync_person(struct store *s, const struct person_entry *p, int64_t *id,
                       struct err *e)
{
	char *fold = text_fold(p->name);
	sqlite3_stmt *st = store_prepare(s,
		"INSERT INTO person(name, fold, born, died, role, uncertain) "
		"VALUES (?1, ?2, ?3, ?4, ?5, 0) ON CONFLICT(fold) DO UPDATE SET "
		"name = excluded.name, born = excluded.born, died = excluded.died, "
		"role = excluded.role, uncertain = 0 RETURNING id", e);
	int rc;

	if (!st) {
		free(fold);
		return -1;
	}
	store_bind_text(st, 1, p->name);
	store_bind_text(st, 2, fold);
	store_bind_text(st, 3, p->born);
	store_bind_text(st, 4, p->died);
	store_bind_text(st, 5, p->role);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(fold);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, e, "storing a person");
}

/* Store every other name of p (kind 0 variant, 1 cover, 2 script), and
 * fold into p any person the data named by one of them. */
static int sync_aliases(struct store *s, const struct person_entry *p, int64_t id,
                        struct err *e)
{
	const struct strlist *lists[3] = { &p->variants, &p->covers, &p->scripts };
	sqlite3_stmt *ins = store_prepare(s,
		"INSERT OR IGNORE INTO person_alias(fold, person, kind, name, ord) "
		"VALUES (?1, ?2, ?3, ?4, ?5)", e);
	sqlite3_stmt *other = store_prepare(s, "SELECT id FROM person WHERE fold = ?1 AND id <> ?2", e);
	int rc = 0;

	if (!ins || !other) {
		sqlite3_finalize(ins);
		sqlite3_finalize(other);
		return -1;
	}
	for (int l = 0; l < 3 && rc == 0; l++) {
		for (size_t j = 0; j < lists[l]->n && rc == 0; j++) {
			char *fold = text_fold(lists[l]->v[j]);

			sqlite3_reset(ins);
			store_bind_text(ins, 1, fold);
			sqlite3_bind_int64(ins, 2, id);
			sqlite3_bind_int(ins, 3, l);
			store_bind_text(ins, 4, lists[l]->v[j]);
			sqlite3_bind_int64(ins, 5, (sqlite3_int64)j);
			if (sqlite3_step(ins) != SQLITE_DONE)
				rc = store_sqlerr(s, e, "storing a name");
			sqlite3_reset(other);
			store_bind_text(other, 1, fold);
			sqlite3_bind_int64(other, 2, id);
			if (rc == 0 && sqlite3_step(other) == SQLITE_ROW) {
				int64_t dup = sqlite3_column_int64(other, 0);

				sqlite3_reset(other);
				rc = person_fold_into(s, dup, id, e);
			}
			sqlite3_reset(other);
			free(fold);
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(other);
	return rc;
}

/* Rewrite the names column of every document linked to a person, so the
 * full-text index knows their other names. */
static int refresh_person_names(struct store *s, struct err *e)
{
	sqlite3_stmt *docs = store_prepare(s, "SELECT l.doc, d.names FROM "
	                                   "(SELECT DISTINCT doc FROM doc_person) l "
	                                   "JOIN doc d ON d.key = l.doc", e);
	sqlite3_stmt *up = store_prepare(s, "UPDATE doc SET names = ?1 WHERE key = ?2", e);
	int rc = 0;

	if (!docs || !up) {
		sqlite3_finalize(docs);
		sqlite3_finalize(up);
		return -1;
	}
	while (rc == 0 && sqlite3_step(docs) == SQLITE_ROW) {
		int64_t key = sqlite3_column_int64(docs, 0);
		const char *old = (const char *)sqlite3_column_text(docs, 1);
		char *names = store_names_of(s, key);

		if ((old && names && strcmp(old, names) == 0) || (!old && !names)) {
			free(names);
			continue;
		}
		rc = store_fts_delete(s, key, e);
		sqlite3_reset(up);
		store_bind_text(up, 1, names);
		sqlite3_bind_int64(up, 2, key);
		if (rc == 0 && sqlite3_step(up) != SQLITE_DONE)
			rc = store_sqlerr(s, e, "indexing names");
		sqlite3_reset(up);
		if (rc == 0)
			rc = store_fts_insert(s, key, e);
		free(names);
	}
	sqlite3_finalize(docs);
	sqlite3_finalize(up);
	return rc;
}

int store_people_sync(struct store *s, const struct authority *a, int force, struct err *e)
{
	char hash[32];
	char *old;
	int rc = 0;

	if (s->readonly)
		return 0;
	snprintf(hash, sizeof hash, "%016llx", (unsigned long long)authority_hash(a));
	old = store_state_get(s, "authority");
	if (!force && old && strcmp(old, hash) == 0) {
		free(old);
		return 0;
	}
	free(old);
	if (store_import_begin(s, e) < 0)
		return -1;
	if (sqlite3_exec(s->db, "DELETE FROM person_alias", NULL, NULL, NULL) != SQLITE_OK)
		rc = store_sqlerr(s, e, "updating people");
	for (size_t i = 0; i < a->n && rc == 0; i++) {
		int64_t id = 0;

		rc = sync_person(s, &a->v[i], &id, e);
		if (rc == 0)
			rc = sync_aliases(s, &a->v[i], id, e);
	}
	if (rc == 0 && sqlite3_exec(s->db,
		"UPDATE person SET ndocs = (SELECT count(*) FROM doc_person l WHERE l.person = person.id)",
		NULL, NULL, NULL) != SQLITE_OK)
		rc = store_sqlerr(s, e, "counting people");
	if (rc == 0)
		rc = refresh_person_names(s, e);
	if (rc == 0)
		rc = store_state_set(s, "authority", hash, e);
	if (rc < 0) {
		store_import_rollback(s);
		return -1;
	}
	return store_import_commit(s, e);
}

int store_people_reload(struct store *s, const struct authority *a, long long *changed,
                        struct err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	*changed = 0;
	if (store_people_sync(s, a, 1, e) < 0)
		return -1;
	/* recognise people again in every document: links are only added,
	 * never taken away from what the data said */
	if (store_import_begin(s, e) < 0)
		return -1;
	st = store_prepare(s, "SELECT key, title, summary FROM doc", e);
	if (!st) {
		store_import_rollback(s);
		return -1;
	}
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		struct record r;
		int added = 0;

		memset(&r, 0, sizeof r);
		r.title = (char *)sqlite3_column_text(st, 1);
		r.summary = (char *)sqlite3_column_text(st, 2);
		rc = store_link_people(s, &r, sqlite3_column_int64(st, 0), &added, NULL, e);
		if (rc == 0 && added) {
			(*changed)++;
			rc = store_touch(s, sqlite3_column_int64(st, 0), e);
		}
	}
	sqlite3_finalize(st);
	if (rc == 0)
		rc = refresh_person_names(s, e);
	if (rc < 0) {
		store_import_rollback(s);
		return -1;
	}
	return store_import_commit(s, e);
}

/* --- reading people -------------------------------------------------- */

void person_info_free(struct person_info *p)
{
	if (!p)
		return;
	free(p->name);
	free(p->born);
	free(p->died);
	free(p->role);
	strlist_clear(&p->variants);
	strlist_clear(&p->covers);
	strlist_clear(&p->scripts);
	free(p->years);
	facet_values_free(p->with, p->nwith);
	free(p);
}

/* The person row for a name in any of its forms: 1 found, 0 not, -1. */
static int person_lookup(struct store *s, const char *name, int64_t *id, struct err *e)
{
	char *fold = text_fold(name);
	sqlite3_stmt *st = store_prepare_cached(s,
		"SELECT id FROM person WHERE fold = ?1 "
		"UNION ALL SELECT person FROM person_alias WHERE fold = ?1 "
		"UNION ALL SELECT id FROM (SELECT id FROM person WHERE fold LIKE ?2 OR fold LIKE ?3 "
		"  ORDER BY uncertain, ndocs DESC LIMIT 1) LIMIT 1", e);
	struct sbuf p1 = {0}, p2 = {0};
	int rc;

	if (!st) {
		free(fold);
		return -1;
	}
	sbuf_printf(&p1, "%% %s", fold);
	sbuf_printf(&p2, "%s %%", fold);
	store_bind_text(st, 1, fold);
	store_bind_text(st, 2, *fold && !strpbrk(fold, "%_") ? sbuf_str(&p1) : "");
	store_bind_text(st, 3, *fold && !strpbrk(fold, "%_") ? sbuf_str(&p2) : "");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	store_release(s, st);
	sbuf_free(&p1);
	sbuf_free(&p2);
	free(fold);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, e, "looking up a person");
}

int store_person(struct store *s, const char *name, struct person_info **out, struct err *e)
{
	struct person_info *p;
	sqlite3_stmt *st;
	int64_t id = 0;
	int rc;

	*out = NULL;
	rc = person_lookup(s, name, &id, e);
	if (rc <= 0)
		return rc;
	st = store_prepare_cached(s, "SELECT name, born, died, role, uncertain, ndocs FROM person "
	                   "WHERE id = ?1", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_release(s, st);
		return store_sqlerr(s, e, "reading a person");
	}
	p = xcalloc(1, sizeof *p);
	p->id = id;
	p->name = store_col_dup(st, 0);
	p->born = store_col_dup(st, 1);
	p->died = store_col_dup(st, 2);
	p->role = store_col_dup(st, 3);
	p->uncertain = sqlite3_column_int(st, 4);
	p->ndocs = sqlite3_column_int64(st, 5);
	store_release(s, st);

	st = store_prepare_cached(s, "SELECT kind, name FROM person_alias WHERE person = ?1 "
	                   "ORDER BY kind, ord", e);
	if (!st) {
		person_info_free(p);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct strlist *l = sqlite3_column_int(st, 0) == 1 ? &p->covers
		                  : sqlite3_column_int(st, 0) == 2 ? &p->scripts : &p->variants;

		strlist_add(l, (const char *)sqlite3_column_text(st, 1));
	}
	store_release(s, st);

	/* documents per year */
	st = store_prepare_cached(s, "SELECT dkey / 10000, count(*) FROM doc_person l "
	                   "JOIN doc d ON d.key = l.doc WHERE l.person = ?1 AND d.prec > 0 "
	                   "GROUP BY 1 ORDER BY 1", e);
	if (!st) {
		person_info_free(p);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	store_query_start(s);
	while (sqlite3_step(st) == SQLITE_ROW) {
		p->years = xrealloc(p->years, (p->nyears + 1) * sizeof *p->years);
		p->years[p->nyears].period = sqlite3_column_int(st, 0) * 10000;
		p->years[p->nyears++].count = sqlite3_column_int64(st, 1);
	}
	store_query_end(s);
	store_release(s, st);

	/* the people they appear with most */
	st = store_prepare_cached(s, "SELECT e.name, count(*) AS c FROM doc_person a "
	                   "JOIN doc_person b ON b.doc = a.doc AND b.person <> a.person "
	                   "JOIN person e ON e.id = b.person WHERE a.person = ?1 "
	                   "GROUP BY b.person ORDER BY c DESC, e.name LIMIT 8", e);
	if (!st) {
		person_info_free(p);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	store_query_start(s);
	while (sqlite3_step(st) == SQLITE_ROW) {
		p->with = xrealloc(p->with, (p->nwith + 1) * sizeof *p->with);
		p->with[p->nwith].name = store_col_dup(st, 0);
		p->with[p->nwith++].count = sqlite3_column_int64(st, 1);
	}
	store_query_end(s);
	store_release(s, st);
	s->interrupted = 0;
	*out = p;
	return 1;
}

int store_people_list(struct store *s, int (*cb)(void *ctx, const struct person_row *p),
                      void *ctx, struct err *e)
{
	sqlite3_stmt *st = store_prepare_cached(s, "SELECT name, ndocs, uncertain, born, died, role "
	                                 "FROM person WHERE ndocs > 0 OR uncertain = 0 "
	                                 "ORDER BY uncertain, ndocs DESC, name", e);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct person_row p = {
			.name = (const char *)sqlite3_column_text(st, 0),
			.ndocs = sqlite3_column_int64(st, 1),
			.uncertain = sqlite3_column_int(st, 2),
			.born = (const char *)sqlite3_column_text(st, 3),
			.died = (const char *)sqlite3_column_text(st, 4),
			.role = (const char *)sqlite3_column_text(st, 5),
		};

		if (cb(ctx, &p))
			break;
	}
	store_release(s, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlerr(s, e, "listing people");
}

/* --- the forms a document's text gives a searched name ------------------ */

/* Does the folded name hold the folded words of t as whole words, in a
 * row (the last only as a word's start when prefix)? */
static int name_has_words(const char *name, const char *t, int prefix)
{
	size_t n = strlen(t);

	if (!n)
		return 0;
	for (const char *p = name; (p = strstr(p, t)) != NULL; p++) {
		char after = p[n];

		if (p != name && p[-1] != ' ')
			continue;
		if (prefix || after == '\0' || after == ' ')
			return 1;
	}
	return 0;
}

/* 1 when the title, summary or text of document key matches the FTS5
 * string m (a phrase, quoted). */
static int doc_text_matches(struct store *s, int64_t key, const char *m, int prefix)
{
	struct sbuf q = {0};
	sqlite3_stmt *st;
	int hit = 0;

	sbuf_add(&q, "{title summary body} : ");
	store_fts_quote(&q, m);
	if (prefix)
		sbuf_add(&q, " *");
	st = store_prepare_cached(s, "SELECT 1 FROM doc_fts WHERE doc_fts MATCH ?1 "
	                             "AND rowid = ?2", NULL);
	if (st) {
		sqlite3_bind_text(st, 1, sbuf_str(&q), -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, key);
		hit = sqlite3_step(st) == SQLITE_ROW;
		store_release(s, st);
	}
	sbuf_free(&q);
	return hit;
}

int store_doc_forms(struct store *s, int64_t key, const struct query *q,
                    struct strlist *out, struct err *e)
{
	struct person_name {
		int64_t person;
		char *name, *fold;
	} *v = NULL;
	size_t nv = 0, cap = 0;
	sqlite3_stmt *st = NULL;
	int rc = 0;

	for (size_t i = 0; q && i < q->n; i++) {
		for (size_t j = 0; j < q->v[i].n; j++) {
			const struct qatom *a = &q->v[i].atoms[j];
			int prefix = a->kind == Q_PREFIX;
			char *t;

			if (a->neg || a->kind > Q_PREFIX || !a->text)
				continue;
			if (doc_text_matches(s, key, a->text, prefix))
				continue; /* the reader sees the word itself */
			if (!st) {
				/* the document's people, by every name they have */
				st = store_prepare_cached(s,
					"SELECT p.id, p.name FROM doc_person l JOIN person p "
					"ON p.id = l.person WHERE l.doc = ?1 UNION ALL "
					"SELECT a.person, a.name FROM doc_person l JOIN person_alias a "
					"ON a.person = l.person WHERE l.doc = ?1", e);
				if (!st) {
					rc = -1;
					goto out;
				}
				sqlite3_bind_int64(st, 1, key);
				while (sqlite3_step(st) == SQLITE_ROW) {
					array_reserve((void **)&v, &cap, nv + 1, sizeof *v, 16);
					v[nv].person = sqlite3_column_int64(st, 0);
					v[nv].name = store_col_dup(st, 1);
					v[nv].fold = text_fold(v[nv].name ? v[nv].name : "");
					nv++;
				}
				store_release(s, st);
			}
			t = text_fold(a->text);
			/* a person the term names by another of their names: the
			 * names of theirs that the text does hold */
			for (size_t k = 0; k < nv; k++) {
				if (!name_has_words(v[k].fold, t, prefix))
					continue;
				for (size_t m = 0; m < nv; m++)
					if (v[m].person == v[k].person && v[m].name &&
					    strlist_find(out, v[m].name) < 0 &&
					    doc_text_matches(s, key, v[m].name, 0))
						strlist_add(out, v[m].name);
			}
			free(t);
		}
	}
out:
	for (size_t k = 0; k < nv; k++) {
		free(v[k].name);
		free(v[k].fold);
	}
	free(v);
	return rc;
}

/* --- completion ---------------------------------------------------------- */

/* Append to out, each once, column 0 of the rows of sql with ?1 and ?2
 * bound to the range [lo, lo + U+10FFFF), at most max in all. */
static int complete_range(struct store *s, const char *sql, const char *lo, size_t max,
                          struct strlist *out, struct err *e)
{
	struct sbuf hi = {0};
	sqlite3_stmt *st = store_prepare_cached(s, sql, e);
	int rc;

	if (!st)
		return -1;
	/* every string that starts with lo sorts below lo and the last code
	 * point: an index range, however large the table */
	sbuf_add(&hi, lo);
	sbuf_add(&hi, "\xf4\x8f\xbf\xbf");
	sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sbuf_str(&hi), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
	while (out->n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);

		if (v && strlist_find(out, v) < 0)
			strlist_add(out, v);
	}
	store_release(s, st);
	sbuf_free(&hi);
	return 0;
}

int store_complete_names(struct store *s, const char *prefix, size_t max,
                         struct strlist *out, struct err *e)
{
	char *fold = text_fold(prefix);
	int rc;

	/* canonical names, then variants, cover names and other scripts */
	rc = complete_range(s, "SELECT name FROM person WHERE fold >= ?1 AND fold < ?2 "
	                       "ORDER BY fold LIMIT ?3", fold, max, out, e);
	if (rc == 0)
		rc = complete_range(s, "SELECT name FROM person_alias WHERE fold >= ?1 AND "
		                       "fold < ?2 ORDER BY fold LIMIT ?3", fold, max, out, e);
	free(fold);
	return rc;
}

int store_complete_ids(struct store *s, const char *prefix, size_t max,
                       struct strlist *out, struct err *e)
{
	return complete_range(s, "SELECT id FROM doc WHERE id >= ?1 AND id < ?2 "
	                         "ORDER BY id LIMIT ?3", prefix, max, out, e);
}
