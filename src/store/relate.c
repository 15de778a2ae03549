/* relate.c - relations between documents: explicit links, the same people
 * within a short span of time, similar text. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* How far apart two documents may be to count as "the same people within
 * a short span of time", and how many such neighbours a document keeps. */
#define PEOPLE_SPAN_DAYS 14
#define PEOPLE_KEEP 5

static const char *const rel_names[] = {
	"link", "reply", "series", "people", "text"
};

const char *store_rel_name(enum rel_kind k)
{
	return (unsigned)k < ARRAY_LEN(rel_names) ? rel_names[k] : "?";
}

static int exec(struct store *s, const char *sql, struct err *e)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sqlerr(s, e, "computing relations");
	return 0;
}

/* Explicit links whose source or target was touched. */
static int relate_links(struct store *s, struct err *e)
{
	return exec(s,
		"INSERT OR IGNORE INTO relation(src, dst, kind, strength, reason, rreason) "
		"SELECT l.src, d.key, 0, 1.0, 'linked in the source', 'links to this document' "
		"FROM temp.touched t JOIN link l ON l.src = t.key JOIN doc d ON d.id = l.target "
		"WHERE d.key <> l.src "
		"UNION ALL "
		"SELECT l.src, t.key, 0, 1.0, 'linked in the source', 'links to this document' "
		"FROM temp.touched t JOIN doc d ON d.key = t.key JOIN link l ON l.target = d.id "
		"WHERE t.key <> l.src", e);
}

struct cand {
	int64_t key;
	double weight;
	int shared;
	struct sbuf names;
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return (x->weight < y->weight) - (x->weight > y->weight);
}

/* The same people within PEOPLE_SPAN_DAYS, for one document of day
 * precision: a shared person weighs more the rarer they are. */
static int relate_people_one(struct store *s, sqlite3_stmt *persons, sqlite3_stmt *near,
                             sqlite3_stmt *ins, int64_t key, int32_t dk, long ndocs,
                             struct err *e)
{
	long day = text_day_number(dk);
	int64_t lo = KEY_OF_DATE(text_day_from_number(day - PEOPLE_SPAN_DAYS));
	int64_t hi = KEY_OF_DATE(text_day_from_number(day + PEOPLE_SPAN_DAYS) + 1) - 1;
	struct cand *c = NULL;
	size_t nc = 0, cap = 0;
	int rc = 0;

	sqlite3_reset(persons);
	sqlite3_bind_int64(persons, 1, key);
	while (sqlite3_step(persons) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(persons, 0);
		const char *name = (const char *)sqlite3_column_text(persons, 1);
		long pn = sqlite3_column_int64(persons, 2);
		/* a person in a large share of the collection says little */
		double w = log((double)(ndocs + 1) / (double)(pn + 1));

		if (w <= 0.05)
			continue;
		sqlite3_reset(near);
		sqlite3_bind_int64(near, 1, pid);
		sqlite3_bind_int64(near, 2, lo);
		sqlite3_bind_int64(near, 3, hi);
		while (sqlite3_step(near) == SQLITE_ROW) {
			int64_t other = sqlite3_column_int64(near, 0);
			int32_t odk = DATE_OF_KEY(other);
			size_t i;

			if (other == key || odk % 100 == 0)
				continue; /* itself, or not of day precision */
			for (i = 0; i < nc && c[i].key != other; i++)
				;
			if (i == nc) {
				if (nc == cap) {
					cap = cap ? cap * 2 : 16;
					c = xrealloc(c, cap * sizeof *c);
				}
				memset(&c[nc], 0, sizeof c[nc]);
				c[nc++].key = other;
				if (nc > 2000)
					break; /* bounded work on very dense periods */
			}
			c[i].weight += w;
			c[i].shared++;
			if (c[i].shared <= 3) {
				if (c[i].names.len)
					sbuf_add(&c[i].names, ", ");
				sbuf_add(&c[i].names, name);
			}
		}
		sqlite3_reset(near);
	}
	sqlite3_reset(persons);

	for (size_t i = 0; i < nc; i++) {
		long apart = labs(text_day_number(DATE_OF_KEY(c[i].key)) - day);

		/* people who are in a large share of the collection are not
		 * enough on their own (about 40%: log(1 / 0.4) = 0.9) */
		if (c[i].weight < 0.9)
			c[i].weight = 0;
		c[i].weight = c[i].weight / (1.0 + apart / 7.0);
	}
	qsort(c, nc, sizeof *c, cand_cmp);
	for (size_t i = 0; i < nc && i < PEOPLE_KEEP && rc == 0; i++) {
		long apart = labs(text_day_number(DATE_OF_KEY(c[i].key)) - day);
		char reason[600];
		/* strength below an explicit link's 1.0 */
		double strength = 0.9 * (1.0 - exp(-c[i].weight / 4.0));

		if (c[i].weight <= 0)
			break;
		snprintf(reason, sizeof reason, "same people: %s; %s", sbuf_str(&c[i].names),
		         apart == 0 ? "same day" : apart == 1 ? "1 day apart" : "");
		if (apart > 1)
			snprintf(reason + strlen(reason), sizeof reason - strlen(reason),
			         "%ld days apart", apart);
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, key < c[i].key ? key : c[i].key);
		sqlite3_bind_int64(ins, 2, key < c[i].key ? c[i].key : key);
		sqlite3_bind_double(ins, 3, strength);
		sqlite3_bind_text(ins, 4, reason, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = store_sqlerr(s, e, "storing a relation");
		sqlite3_reset(ins);
	}
	for (size_t i = 0; i < nc; i++)
		sbuf_free(&c[i].names);
	free(c);
	return rc;
}

static int relate_people(struct store *s, struct err *e)
{
	sqlite3_stmt *docs = NULL, *persons = NULL, *near = NULL, *ins = NULL;
	long long ndocs = 0;
	int rc = -1, step;

	store_count(s, NULL, &ndocs, NULL);
	if (exec(s, "DELETE FROM relation WHERE kind = 3 AND "
	         "(src IN (SELECT key FROM temp.touched) OR dst IN (SELECT key FROM temp.touched))",
	         e) < 0)
		return -1;
	docs = store_prepare(s, "SELECT d.key, d.dkey FROM temp.touched t "
	                     "JOIN doc d ON d.key = t.key WHERE d.prec = 3", e);
	persons = store_prepare(s, "SELECT p.id, p.name, p.ndocs FROM doc_person l "
	                        "JOIN person p ON p.id = l.person WHERE l.doc = ?1", e);
	near = store_prepare(s, "SELECT doc FROM doc_person WHERE person = ?1 "
	                     "AND doc BETWEEN ?2 AND ?3", e);
	ins = store_prepare(s, "INSERT OR REPLACE INTO relation(src, dst, kind, strength, reason) "
	                    "VALUES (?1, ?2, 3, ?3, ?4)", e);
	if (!docs || !persons || !near || !ins)
		goto out;
	rc = 0;
	while (rc == 0 && (step = sqlite3_step(docs)) == SQLITE_ROW)
		rc = relate_people_one(s, persons, near, ins, sqlite3_column_int64(docs, 0),
		                       sqlite3_column_int(docs, 1), (long)ndocs, e);
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_sqlerr(s, e, "computing relations");
out:
	sqlite3_finalize(docs);
	sqlite3_finalize(persons);
	sqlite3_finalize(near);
	sqlite3_finalize(ins);
	return rc;
}

int store_relate_touched(struct store *s, struct err *e)
{
	if (relate_links(s, e) < 0 || relate_people(s, e) < 0)
		return -1;
	return 0;
}

int store_relate_all(struct store *s, struct err *e)
{
	if (store_import_begin(s, e) < 0)
		return -1;
	if (exec(s, "INSERT OR IGNORE INTO temp.touched(key) SELECT key FROM doc", e) < 0) {
		store_import_rollback(s);
		return -1;
	}
	return store_import_commit(s, e);
}

/* --- reading relations ----------------------------------------------- */

void relations_free(struct relation *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].reason);
		row_clear(&v[i].row);
	}
	free(v);
}

/* Words of a title worth searching for similar documents: the longer
 * ones, as an FTS5 OR query. Caller frees; NULL when there are none. */
static char *similar_query(const char *title)
{
	char *fold = text_fold(title ? title : "");
	struct sbuf b = {0};
	int n = 0;

	for (char *w = strtok(fold, " "); w && n < 8; w = strtok(NULL, " ")) {
		if (strlen(w) < 5)
			continue; /* short words are mostly function words */
		if (b.len)
			sbuf_add(&b, " OR ");
		sbuf_printf(&b, "\"%s\"", w);
		n++;
	}
	free(fold);
	return n >= 2 ? sbuf_take(&b) : (sbuf_free(&b), NULL);
}

struct relvec {
	struct relation *v;
	size_t n, cap;
};

static struct relation *relvec_find(struct relvec *rv, int64_t key)
{
	for (size_t i = 0; i < rv->n; i++)
		if (rv->v[i].row.key == key)
			return &rv->v[i];
	return NULL;
}

static void relvec_add(struct relvec *rv, sqlite3_stmt *st, struct row *row,
                       enum rel_kind kind, double strength, const char *reason)
{
	struct relation *r = relvec_find(rv, row->key);

	(void)st;
	if (r) {
		/* one line per document: the strongest kind, every reason */
		size_t n = strlen(r->reason) + strlen(reason) + 3;

		r->reason = xrealloc(r->reason, n);
		strcat(strcat(r->reason, "; "), reason);
		row_clear(row);
		return;
	}
	if (rv->n == rv->cap) {
		rv->cap = rv->cap ? rv->cap * 2 : 8;
		rv->v = xrealloc(rv->v, rv->cap * sizeof *rv->v);
	}
	r = &rv->v[rv->n++];
	r->kind = kind;
	r->strength = strength;
	r->reason = xstrdup(reason ? reason : "");
	r->row = *row;
}

static int rel_cmp(const void *a, const void *b)
{
	const struct relation *x = a, *y = b;

	if (x->strength != y->strength)
		return (x->strength < y->strength) - (x->strength > y->strength);
	return (x->row.key > y->row.key) - (x->row.key < y->row.key);
}

int store_related(struct store *s, int64_t key, struct relation **out, size_t *n,
                  struct err *e)
{
	struct relvec rv = {0};
	sqlite3_stmt *st;
	struct doc *d = NULL;
	char *sim;
	int rc;

	*out = NULL;
	*n = 0;
	st = store_prepare(s,
		"SELECT x.other, x.kind, x.strength, x.reason, d.id, d.prec, d.dkey, d.first, "
		"d.last, d.range, d.title FROM ("
		" SELECT dst AS other, kind, strength, reason FROM relation WHERE src = ?1"
		" UNION ALL"
		" SELECT src, kind, strength, coalesce(rreason, reason) FROM relation WHERE dst = ?1"
		") x JOIN doc d ON d.key = x.other ORDER BY x.strength DESC, d.key LIMIT 200", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct row row = {0};

		row.key = sqlite3_column_int64(st, 0);
		row.id = store_col_dup(st, 4);
		store_col_date(st, 5, &row.date);
		row.title = store_col_dup(st, 10);
		row.flags = ROW_RELATED;
		relvec_add(&rv, st, &row, (enum rel_kind)sqlite3_column_int(st, 1),
		           sqlite3_column_double(st, 2), (const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		relations_free(rv.v, rv.n);
		return store_sqlerr(s, e, "reading relations");
	}

	/* Similar text, computed now: a few of the best-ranked documents that
	 * share the title's rarer words. Bounded in time. */
	if (store_get_key(s, key, &d, e) < 0) {
		relations_free(rv.v, rv.n);
		return -1;
	}
	sim = d ? similar_query(d->title) : NULL;
	doc_free(d);
	if (sim) {
		int64_t saved = s->time_limit;

		st = store_prepare(s,
			"SELECT f.rowid, d.id, d.prec, d.dkey, d.first, d.last, d.range, d.title, f.rank "
			"FROM doc_fts f JOIN doc d ON d.key = f.rowid "
			"WHERE doc_fts MATCH ?1 AND f.rowid <> ?2 ORDER BY f.rank LIMIT 4", e);
		if (st) {
			sqlite3_bind_text(st, 1, sim, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, key);
			if (!s->time_limit || s->time_limit > 200000)
				s->time_limit = 200000;
			store_query_start(s);
			while (sqlite3_step(st) == SQLITE_ROW) {
				struct row row = {0};
				double rank = sqlite3_column_double(st, 8);

				row.key = sqlite3_column_int64(st, 0);
				row.id = store_col_dup(st, 1);
				store_col_date(st, 2, &row.date);
				row.title = store_col_dup(st, 7);
				/* bm25 is negative; stronger matches are more negative */
				relvec_add(&rv, st, &row, REL_TEXT,
				           0.3 * (1.0 - exp(rank / 10.0)), "similar text");
			}
			store_query_end(s);
			s->time_limit = saved;
			s->interrupted = 0;
			sqlite3_finalize(st);
		}
		free(sim);
	}
	if (rv.n)
		qsort(rv.v, rv.n, sizeof *rv.v, rel_cmp);
	*out = rv.v;
	*n = rv.n;
	return 0;
}
