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

/* --- what titles say ------------------------------------------------- */

static const char *const month_words[] = {
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"
};

static int is_month_word(const char *w)
{
	for (size_t i = 0; i < ARRAY_LEN(month_words); i++)
		if (strcmp(w, month_words[i]) == 0)
			return 1;
	return 0;
}

static int has_digit(const char *w)
{
	for (; *w; w++)
		if (*w >= '0' && *w <= '9')
			return 1;
	return 0;
}

/* The folded words of s between start and the first of the stop words or
 * marks, at most max words. Caller frees; NULL when empty. */
static char *words_until(const char *s, size_t max)
{
	static const char *const stops[] = {
		"via", "regarding", "concerning", "about", "on", "attaching", "relaying",
		"transmitting", "with", "and", "in", "for"
	};
	char *fold;
	size_t cut = strcspn(s, ",([;:");
	char *head = xstrndup(s, cut);
	struct sbuf b = {0};
	size_t n = 0;

	fold = text_fold(head);
	free(head);
	for (char *w = strtok(fold, " "); w && n < max; w = strtok(NULL, " ")) {
		int stop = 0;

		for (size_t i = 0; i < ARRAY_LEN(stops); i++)
			stop |= strcmp(w, stops[i]) == 0;
		if (stop)
			break;
		if (b.len)
			sbuf_addc(&b, ' ');
		sbuf_add(&b, w);
		n++;
	}
	free(fold);
	return b.len ? sbuf_take(&b) : NULL;
}

void store_title_keys(const char *title, char **series, char **genre, char **recipient)
{
	char *fold, *from, *to;
	struct sbuf b = {0};
	int removed = 0, kept = 0;

	*series = *genre = *recipient = NULL;
	if (!title || !*title)
		return;
	/* series: the title without its dates and numbers */
	fold = text_fold(title);
	for (char *w = strtok(fold, " "); w; w = strtok(NULL, " ")) {
		if (has_digit(w) || is_month_word(w)) {
			removed++;
			continue;
		}
		if (b.len)
			sbuf_addc(&b, ' ');
		sbuf_add(&b, w);
		kept++;
	}
	free(fold);
	if (removed && kept >= 3)
		*series = sbuf_take(&b);
	sbuf_free(&b);

	/* "TYPE from SENDER to RECIPIENT" */
	from = strstr(title, " from ");
	if (!from)
		return;
	to = strstr(from + 6, " to ");
	{
		char *type = xstrndup(title, (size_t)(from - title));
		char *t = text_fold(type);

		free(type);
		/* a type is a few words, not a sentence */
		if (*t && strlen(t) < 60)
			*genre = t;
		else
			free(t);
	}
	if (to && *genre)
		*recipient = words_until(to + 4, 6);
	if (!*recipient) {
		free(*genre);
		*genre = NULL;
	}
}

/* --- candidates by shared people -------------------------------------- */

struct cand {
	int64_t key;
	double weight;
	int shared;
	struct sbuf names;
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

static void cands_free(struct cands *c)
{
	for (size_t i = 0; i < c->n; i++)
		sbuf_free(&c->v[i].names);
	free(c->v);
	memset(c, 0, sizeof *c);
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->weight != y->weight)
		return (x->weight < y->weight) - (x->weight > y->weight);
	return (x->key > y->key) - (x->key < y->key);
}

/* Documents with keys in [lo, hi] that share people with document key,
 * each with the summed weight of the people they share: a person weighs
 * more the rarer they are in the collection. Only documents of day
 * precision, at most a few thousand. */
static void gather(sqlite3_stmt *persons, sqlite3_stmt *near, int64_t key, int64_t lo,
                   int64_t hi, long ndocs, struct cands *c)
{
	sqlite3_reset(persons);
	sqlite3_bind_int64(persons, 1, key);
	while (sqlite3_step(persons) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(persons, 0);
		const char *name = (const char *)sqlite3_column_text(persons, 1);
		long pn = sqlite3_column_int64(persons, 2);
		double w = log((double)(ndocs + 1) / (double)(pn + 1));

		if (w <= 0.05)
			continue;
		sqlite3_reset(near);
		sqlite3_bind_int64(near, 1, pid);
		sqlite3_bind_int64(near, 2, lo);
		sqlite3_bind_int64(near, 3, hi);
		while (sqlite3_step(near) == SQLITE_ROW) {
			int64_t other = sqlite3_column_int64(near, 0);
			size_t i;

			if (other == key || DATE_OF_KEY(other) % 100 == 0)
				continue; /* itself, or not of day precision */
			for (i = 0; i < c->n && c->v[i].key != other; i++)
				;
			if (i == c->n) {
				if (c->n >= 2000)
					continue; /* bounded work on very dense periods */
				if (c->n == c->cap) {
					c->cap = c->cap ? c->cap * 2 : 16;
					c->v = xrealloc(c->v, c->cap * sizeof *c->v);
				}
				memset(&c->v[c->n], 0, sizeof c->v[c->n]);
				c->v[c->n++].key = other;
			}
			c->v[i].weight += w;
			c->v[i].shared++;
			if (c->v[i].shared <= 3) {
				if (c->v[i].names.len)
					sbuf_add(&c->v[i].names, ", ");
				sbuf_add(&c->v[i].names, name);
			}
		}
		sqlite3_reset(near);
	}
	sqlite3_reset(persons);
}

static long days_apart(int64_t a, int64_t b)
{
	return labs(text_day_number(DATE_OF_KEY(a)) - text_day_number(DATE_OF_KEY(b)));
}

static void apart_text(char *buf, size_t n, long apart)
{
	if (apart == 0)
		snprintf(buf, n, "same day");
	else if (apart == 1)
		snprintf(buf, n, "1 day apart");
	else
		snprintf(buf, n, "%ld days apart", apart);
}

/* The statements relations are computed with, prepared once per run. */
struct relate_ctx {
	struct store *s;
	long ndocs;
	sqlite3_stmt *persons, *near, *ins, *doc, *series_prev, *genre_near, *genre_count;
	sqlite3_stmt *title;
};

static int insert_rel(struct relate_ctx *x, int64_t src, int64_t dst, enum rel_kind kind,
                      double strength, const char *reason, const char *rreason,
                      struct err *e)
{
	sqlite3_stmt *ins = x->ins;
	int rc;

	sqlite3_reset(ins);
	sqlite3_bind_int64(ins, 1, src);
	sqlite3_bind_int64(ins, 2, dst);
	sqlite3_bind_int(ins, 3, (int)kind);
	sqlite3_bind_double(ins, 4, strength);
	store_bind_text(ins, 5, reason);
	store_bind_text(ins, 6, rreason);
	rc = sqlite3_step(ins);
	sqlite3_reset(ins);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(x->s, e, "storing a relation");
}

/* The same people within PEOPLE_SPAN_DAYS of a document of day precision. */
static int relate_people_one(struct relate_ctx *x, int64_t key, int32_t dk, struct err *e)
{
	long day = text_day_number(dk);
	int64_t lo = KEY_OF_DATE(text_day_from_number(day - PEOPLE_SPAN_DAYS));
	int64_t hi = KEY_OF_DATE(text_day_from_number(day + PEOPLE_SPAN_DAYS) + 1) - 1;
	struct cands c = {0};
	int rc = 0;

	gather(x->persons, x->near, key, lo, hi, x->ndocs, &c);
	for (size_t i = 0; i < c.n; i++) {
		/* people who are in a large share of the collection are not
		 * enough on their own (about 40%: log(1 / 0.4) = 0.9) */
		if (c.v[i].weight < 0.9)
			c.v[i].weight = 0;
		c.v[i].weight /= 1.0 + days_apart(c.v[i].key, key) / 7.0;
	}
	if (c.n)
		qsort(c.v, c.n, sizeof *c.v, cand_cmp);
	for (size_t i = 0; i < c.n && i < PEOPLE_KEEP && rc == 0; i++) {
		char reason[600], apart[40];
		/* strength below an explicit link's 1.0 */
		double strength = 0.9 * (1.0 - exp(-c.v[i].weight / 4.0));
		int64_t a = key < c.v[i].key ? key : c.v[i].key;
		int64_t b = key < c.v[i].key ? c.v[i].key : key;

		if (c.v[i].weight <= 0)
			break;
		apart_text(apart, sizeof apart, days_apart(c.v[i].key, key));
		snprintf(reason, sizeof reason, "same people: %s; %s", sbuf_str(&c.v[i].names), apart);
		rc = insert_rel(x, a, b, REL_PEOPLE, strength, reason, NULL, e);
	}
	cands_free(&c);
	return rc;
}

/* Words that say a document answers, follows up or passes on another. */
static const struct {
	const char *cue;    /* folded, matched as whole words */
	const char *reason; /* seen from the later document */
	const char *rreason;
	int span;           /* days back to look */
} reply_cues[] = {
	{ "response to", "reply to", "answered by", 30 },
	{ "reply to", "reply to", "answered by", 30 },
	{ "in reply", "reply to", "answered by", 30 },
	{ "answer to", "reply to", "answered by", 30 },
	{ "draft response", "reply to", "answered by", 30 },
	{ "draft reply", "reply to", "answered by", 30 },
	{ "follow up", "follow-up to", "followed up by", 30 },
	{ "following up", "follow-up to", "followed up by", 30 },
	{ "relaying a letter", "relays", "relayed by", 60 },
	{ "relaying", "relays", "relayed by", 60 },
	{ "transmitting letter", "relays", "relayed by", 60 },
	{ "forwarding", "relays", "relayed by", 60 },
};

/* Does the folded text contain cue as whole words? */
static int has_words(const char *fold, const char *cue)
{
	size_t n = strlen(cue);

	for (const char *p = strstr(fold, cue); p; p = strstr(p + 1, cue))
		if ((p == fold || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

/* A reply, follow-up or relayed letter: the earlier document, within the
 * cue's span, that shares the most (and rarest) people. */
static int relate_reply_one(struct relate_ctx *x, int64_t key, int32_t dk, const char *title,
                            const char *summary, struct err *e)
{
	struct sbuf text = {0};
	char *fold;
	int which = -1, rc = 0;

	sbuf_printf(&text, "%s %s", title ? title : "", summary ? summary : "");
	/* cues are in the first words of a summary, not deep in a text */
	if (text.len > 600)
		text.s[600] = '\0';
	fold = text_fold(sbuf_str(&text));
	sbuf_free(&text);
	for (size_t i = 0; i < ARRAY_LEN(reply_cues) && which < 0; i++)
		if (has_words(fold, reply_cues[i].cue))
			which = (int)i;
	free(fold);
	if (which >= 0) {
		long day = text_day_number(dk);
		int64_t lo = KEY_OF_DATE(text_day_from_number(day - reply_cues[which].span));
		struct cands c = {0};

		gather(x->persons, x->near, key, lo, key - 1, x->ndocs, &c);
		for (size_t i = 0; i < c.n; i++)
			c.v[i].weight /= 1.0 + days_apart(c.v[i].key, key) / 30.0;
		if (c.n)
			qsort(c.v, c.n, sizeof *c.v, cand_cmp);
		/* a relayed letter is a letter */
		size_t best = 0;
		int relay = strcmp(reply_cues[which].reason, "relays") == 0;

		for (; relay && best < c.n && best < 20; best++) {
			int letter = 0;

			sqlite3_reset(x->title);
			sqlite3_bind_int64(x->title, 1, c.v[best].key);
			if (sqlite3_step(x->title) == SQLITE_ROW) {
				char *t = text_fold((const char *)sqlite3_column_text(x->title, 0));

				letter = has_words(t, "letter");
				free(t);
			}
			sqlite3_reset(x->title);
			if (letter)
				break;
		}
		if (best < c.n && c.v[best].weight > 0.3 && (!relay || best < 20)) {
			char reason[200], rreason[200], apart[40];

			apart_text(apart, sizeof apart, days_apart(c.v[best].key, key));
			snprintf(reason, sizeof reason, "%s (%s)", reply_cues[which].reason, apart);
			snprintf(rreason, sizeof rreason, "%s (%s)", reply_cues[which].rreason, apart);
			rc = insert_rel(x, key, c.v[best].key, REL_REPLY, 0.95, reason, rreason, e);
		}
		cands_free(&c);
	}
	return rc;
}

/* Series: the previous document with the same title but for its dates
 * and numbers (journal entries, numbered reports); and the same type of
 * document to the same recipient within a month, when that type is not
 * common (two explanatory notes to the same man). */
static int relate_series_one(struct relate_ctx *x, int64_t key, const char *series,
                             const char *genre, const char *recipient, struct err *e)
{
	int rc = 0;

	if (series) {
		sqlite3_reset(x->series_prev);
		sqlite3_bind_text(x->series_prev, 1, series, -1, SQLITE_STATIC);
		sqlite3_bind_int64(x->series_prev, 2, key);
		if (sqlite3_step(x->series_prev) == SQLITE_ROW) {
			int64_t prev = sqlite3_column_int64(x->series_prev, 0);
			char reason[80], rreason[80], apart[40];

			apart_text(apart, sizeof apart, days_apart(prev, key));
			snprintf(reason, sizeof reason, "next in series (%s)", apart);
			snprintf(rreason, sizeof rreason, "previous in series (%s)", apart);
			/* seen from prev, key is the next one */
			rc = insert_rel(x, prev, key, REL_SERIES, 0.85, reason, rreason, e);
		}
		sqlite3_reset(x->series_prev);
	}
	if (rc == 0 && genre && recipient) {
		long long same = 0;

		sqlite3_reset(x->genre_count);
		sqlite3_bind_text(x->genre_count, 1, genre, -1, SQLITE_STATIC);
		if (sqlite3_step(x->genre_count) == SQLITE_ROW)
			same = sqlite3_column_int64(x->genre_count, 0);
		sqlite3_reset(x->genre_count);
		if (same * 10 <= x->ndocs) {
			long day = text_day_number(DATE_OF_KEY(key));
			int64_t lo = KEY_OF_DATE(text_day_from_number(day - 31));
			int64_t hi = KEY_OF_DATE(text_day_from_number(day + 31) + 1);

			sqlite3_reset(x->genre_near);
			sqlite3_bind_text(x->genre_near, 1, genre, -1, SQLITE_STATIC);
			sqlite3_bind_text(x->genre_near, 2, recipient, -1, SQLITE_STATIC);
			sqlite3_bind_int64(x->genre_near, 3, lo);
			sqlite3_bind_int64(x->genre_near, 4, hi);
			sqlite3_bind_int64(x->genre_near, 5, key);
			while (rc == 0 && sqlite3_step(x->genre_near) == SQLITE_ROW) {
				int64_t other = sqlite3_column_int64(x->genre_near, 0);
				char reason[300], apart[40];

				apart_text(apart, sizeof apart, days_apart(other, key));
				snprintf(reason, sizeof reason, "another %s to %s (%s)", genre,
				         recipient, apart);
				/* one row per pair, whichever side was imported last */
				rc = insert_rel(x, key < other ? key : other, key < other ? other : key,
				                REL_SERIES, 0.8, reason, reason, e);
			}
			sqlite3_reset(x->genre_near);
		}
	}
	return rc;
}

static int relate_computed(struct store *s, struct err *e)
{
	struct relate_ctx x = { .s = s };
	sqlite3_stmt **all[] = { &x.persons, &x.near, &x.ins, &x.doc, &x.series_prev,
	                         &x.genre_near, &x.genre_count, &x.title };
	long long ndocs = 0;
	int rc = -1, step;

	store_count(s, NULL, &ndocs, NULL);
	x.ndocs = (long)ndocs;
	if (exec(s, "DELETE FROM relation WHERE kind IN (1, 2, 3) AND "
	         "(src IN (SELECT key FROM temp.touched) OR dst IN (SELECT key FROM temp.touched))",
	         e) < 0)
		return -1;
	x.doc = store_prepare(s, "SELECT d.key, d.dkey, d.prec, d.title, d.summary, d.series, "
	                      "d.genre, d.recipient FROM temp.touched t "
	                      "JOIN doc d ON d.key = t.key", e);
	x.persons = store_prepare(s, "SELECT p.id, p.name, p.ndocs FROM doc_person l "
	                          "JOIN person p ON p.id = l.person WHERE l.doc = ?1", e);
	x.near = store_prepare(s, "SELECT doc FROM doc_person WHERE person = ?1 "
	                       "AND doc BETWEEN ?2 AND ?3", e);
	x.ins = store_prepare(s, "INSERT OR REPLACE INTO relation(src, dst, kind, strength, "
	                      "reason, rreason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", e);
	x.series_prev = store_prepare(s, "SELECT key FROM doc WHERE series = ?1 AND key < ?2 "
	                              "ORDER BY key DESC LIMIT 1", e);
	x.genre_near = store_prepare(s, "SELECT key FROM doc WHERE genre = ?1 AND recipient = ?2 "
	                             "AND key >= ?3 AND key < ?4 AND key <> ?5 LIMIT 5", e);
	x.genre_count = store_prepare(s, "SELECT count(*) FROM doc WHERE genre = ?1", e);
	x.title = store_prepare(s, "SELECT title FROM doc WHERE key = ?1", e);
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		if (!*all[i])
			goto out;
	rc = 0;
	while (rc == 0 && (step = sqlite3_step(x.doc)) == SQLITE_ROW) {
		int64_t key = sqlite3_column_int64(x.doc, 0);
		int32_t dk = sqlite3_column_int(x.doc, 1);
		int prec = sqlite3_column_int(x.doc, 2);
		const char *title = (const char *)sqlite3_column_text(x.doc, 3);
		const char *summary = (const char *)sqlite3_column_text(x.doc, 4);

		if (prec == DATE_DAY) {
			rc = relate_people_one(&x, key, dk, e);
			if (rc == 0)
				rc = relate_reply_one(&x, key, dk, title, summary, e);
		}
		if (rc == 0 && prec > 0)
			rc = relate_series_one(&x, key, (const char *)sqlite3_column_text(x.doc, 5),
			                       (const char *)sqlite3_column_text(x.doc, 6),
			                       (const char *)sqlite3_column_text(x.doc, 7), e);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_sqlerr(s, e, "computing relations");
out:
	for (size_t i = 0; i < ARRAY_LEN(all); i++)
		sqlite3_finalize(*all[i]);
	return rc;
}

int store_relate_touched(struct store *s, struct err *e)
{
	if (relate_links(s, e) < 0 || relate_computed(s, e) < 0)
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

/* An FTS5 query for documents like d: its rarest words (in at least one
 * other document, in few overall), any two of which must match. Caller
 * frees; NULL when d has too few such words. */
static char *similar_query(struct store *s, const struct doc *d)
{
	struct {
		char *w;
		long long df;
	} pick[6];
	size_t npick = 0;
	long long ndocs = 0, most;
	struct sbuf text = {0}, q = {0};
	sqlite3_stmt *st;
	char *fold;

	store_count(s, NULL, &ndocs, NULL);
	most = ndocs / 20 > 2 ? ndocs / 20 : 2;
	st = store_prepare(s, "SELECT doc FROM doc_vocab WHERE term = ?1", NULL);
	if (!st)
		return NULL;
	sbuf_printf(&text, "%s %.2000s", d->title ? d->title : "", d->summary ? d->summary : "");
	fold = text_fold(sbuf_str(&text));
	sbuf_free(&text);
	for (char *w = strtok(fold, " "); w; w = strtok(NULL, " ")) {
		long long df = 0;
		size_t i;

		if (strlen(w) < 4 || has_digit(w))
			continue;
		for (i = 0; i < npick && strcmp(pick[i].w, w) != 0; i++)
			;
		if (i < npick)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, w, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			df = sqlite3_column_int64(st, 0);
		if (df < 2 || df > most)
			continue;
		/* keep the rarest words seen so far */
		if (npick < ARRAY_LEN(pick)) {
			pick[npick].w = w;
			pick[npick++].df = df;
		} else {
			size_t worst = 0;

			for (i = 1; i < npick; i++)
				if (pick[i].df > pick[worst].df)
					worst = i;
			if (df < pick[worst].df) {
				pick[worst].w = w;
				pick[worst].df = df;
			}
		}
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < npick; i++)
		for (size_t j = i + 1; j < npick; j++)
			sbuf_printf(&q, "%s(\"%s\" AND \"%s\")", q.len ? " OR " : "",
			            pick[i].w, pick[j].w);
	free(fold);
	return q.len ? sbuf_take(&q) : NULL;
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
	sim = d ? similar_query(s, d) : NULL;
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

int store_links(struct store *s, int64_t key, struct strlist *out,
                struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_LINKS);
	int rc;

	sqlite3_bind_int64(st, 1, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strlist_add(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, e, "reading links");
	return 0;
}
